//! Before a PDF is written, the app names each character no font has and where it is,
//! and lets the user go on or cancel.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;
use nianbao::ui::command::UiCommand;

mod common;
use common::{Scripted, app_harness_allowing_missing_glyphs};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-ui-missing-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The app with a report whose preamble has 𠀀 and 😀 (no bundled font has them) and
/// 堃 (one has); `save`: where the file dialog answers.
fn harness(dir: &Path, save: PathBuf) -> Harness<'static, App> {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json")).unwrap(),
    )
    .unwrap();
    v["preamble"] = "申请人张𠀀同志😀、张堃来函。".into();
    let path = dir.join("生僻字.json");
    std::fs::write(&path, v.to_string()).unwrap();
    let mut h = app_harness_allowing_missing_glyphs(Scripted { save: Some(save), ..Default::default() }, dir.join("data"));
    h.state_mut().open_path(&path);
    h.run();
    h
}

#[test]
fn characters_no_font_has_load_and_are_pointed_out() {
    let dir = scratch("load");
    let h = harness(&dir, dir.join("unused.pdf"));
    assert!(h.state().report.preamble.contains('𠀀'), "loaded as it is");
    assert!(h.query_by_label_contains("以下字符没有字体可以显示，导出时会显示为方框：「𠀀」（U+20000）").is_some());
    std::fs::remove_dir_all(dir).unwrap();
}

/// A menu command given outside a frame: the dialog it opens is laid out in the first
/// frame and shown in the next.
fn command(h: &mut Harness<'static, App>, c: UiCommand) {
    h.state_mut().command(c);
    h.run();
    h.run();
}

#[test]
fn exporting_a_pdf_names_the_missing_characters_first() {
    let dir = scratch("export");
    let out = dir.join("年报.pdf");
    let mut h = harness(&dir, out.clone());
    command(&mut h, UiCommand::ExportPdf);
    assert_eq!(h.state().modal_title(), Some("有字符没有字体可以显示"));
    assert!(h.query_by_label_contains("「𠀀」（U+20000）在「前言」").is_some(), "each character and where it is");
    assert!(h.query_by_label_contains("「😀」（U+1F600）在「前言」").is_some());
    assert!(h.query_by_label_contains("堃").is_none(), "a character some font has is not listed");

    // 取消: nothing is written.
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert!(!out.exists(), "cancelled before the file dialog");

    // 继续导出: the file dialog, then the PDF, without a second question.
    command(&mut h, UiCommand::ExportPdf);
    h.get_by_label("继续导出").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(h.state().status.starts_with("已导出"), "{}", h.state().status);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn word_and_web_exports_do_not_ask() {
    // They name the fonts and the reader's machine draws the characters.
    let dir = scratch("docx");
    let out = dir.join("年报.docx");
    let mut h = harness(&dir, out.clone());
    command(&mut h, UiCommand::ExportWord);
    assert_eq!(h.state().modal_title(), None);
    assert!(out.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn printing_asks_once_even_when_the_pdf_is_saved_instead() {
    let dir = scratch("print");
    let out = dir.join("另存的年报.pdf");
    let mut h = harness(&dir, out.clone());
    h.state_mut().report.agency = "测试缺字打印局".into(); // its own print file name
    let viewer = nianbao::platform::PdfViewer::Command { program: dir.join("no-such-viewer").into(), args: Vec::new() };
    h.state_mut().set_pdf_viewer(viewer);
    command(&mut h, UiCommand::Print);
    assert_eq!(h.state().modal_title(), Some("有字符没有字体可以显示"));
    h.get_by_label("继续打印").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("无法打开 PDF 阅读器"));
    h.get_by_label("另存为 PDF…").click();
    h.run();
    assert_eq!(h.state().modal_title(), None, "the characters were already accepted");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn many_missing_characters_are_summed_up() {
    let dir = scratch("many");
    let mut h = harness(&dir, dir.join("unused.pdf"));
    // Thirty Extension B characters: the note and the question list ten, then the count.
    h.state_mut().report.preamble = (0x20000..0x2001E).filter_map(char::from_u32).collect();
    h.run();
    assert!(h.query_by_label_contains("导出时会显示为方框：「𠀀」（U+20000）、").is_some());
    assert!(h.query_by_label_contains("）等共").is_some(), "the note: ten, then the count");
    command(&mut h, UiCommand::ExportPdf);
    assert_eq!(h.state().modal_title(), Some("有字符没有字体可以显示"));
    assert!(h.query_by_label_contains("处\n\n可以取消").is_some() && h.query_by_label_contains("……等共").is_some());
    assert!(h.query_by_label_contains("「𠀚」").is_none(), "the 27th is not listed");
    std::fs::remove_dir_all(dir).unwrap();
}
