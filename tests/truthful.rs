//! The app says what really happened: 打印 without a PDF viewer, 导出 and 打印 of
//! a report that still has 错误, 「已保存」 after later edits, long messages.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::platform::PdfViewer;
use nianbao::ui::App;

mod common;
use common::{Scripted, app_harness};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-truthful-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// A fake PDF viewer: `sh -c SCRIPT sh FILE.pdf` that first writes its pid to `dir/pid`
/// and the file it was given to `dir/got`.
fn fake_viewer(dir: &Path, script: &str) -> PdfViewer {
    let body = format!("echo $$ > '{0}/pid'; echo \"$1\" > '{0}/got'; {script}", dir.display());
    PdfViewer::Command { program: "sh".into(), args: vec!["-c".into(), body.into(), "sh".into()] }
}

/// The fake viewer has exited and was waited for: not even a zombie is left.
fn reaped(dir: &Path) -> bool {
    let pid = std::fs::read_to_string(dir.join("pid")).unwrap();
    !Path::new(&format!("/proc/{}", pid.trim())).exists()
}

/// Opens an example under its own name: 打印 names the PDF after the report, and
/// tests running at the same time must not print over each other's file.
fn opened(h: &mut Harness<'static, App>, file: &str, agency: &str) {
    h.state_mut().open_path(&example(file));
    h.run();
    h.state_mut().report.agency = agency.into();
    h.run();
}

fn press(h: &mut Harness<'static, App>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

#[test]
fn print_without_a_viewer_says_so_and_offers_to_save_the_pdf() {
    let dir = scratch("no-viewer");
    let saved = dir.join("另存的年报.pdf");
    let mut h = app_harness(Scripted { save: Some(saved.clone()), ..Default::default() }, dir.join("data"));
    opened(&mut h, "qingshan-2024.json", "测试1局");
    // xdg-open's answer when no program can open a PDF: exit status 3.
    h.state_mut().set_pdf_viewer(fake_viewer(&dir, "exit 3"));
    press(&mut h, Key::P);
    assert_eq!(h.state().modal_title(), Some("无法打开 PDF 阅读器"));
    assert!(h.query_by_label_contains("没能打开 PDF 阅读器，所以无法打印").is_some());
    assert!(!h.state().status.contains("已在 PDF 阅读器中打开"), "no success reported: {}", h.state().status);
    assert!(reaped(&dir), "the failed opener was reaped");
    h.get_by_label("另存为 PDF…").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert!(std::fs::read(&saved).unwrap().starts_with(b"%PDF-"), "the normal export ran");
    assert!(h.state().status.starts_with("已导出"), "{}", h.state().status);
}

#[test]
fn cancelling_after_a_failed_print_says_nothing_was_printed() {
    let dir = scratch("no-viewer-cancel");
    let mut h = app_harness(Scripted::default(), dir.join("data"));
    opened(&mut h, "qingshan-2024.json", "测试2局");
    h.state_mut().set_pdf_viewer(PdfViewer::Command { program: dir.join("no-such-viewer").into(), args: Vec::new() });
    press(&mut h, Key::P);
    assert_eq!(h.state().modal_title(), Some("无法打开 PDF 阅读器"));
    assert!(h.query_by_label_contains("无法启动「no-such-viewer」：找不到这个程序").is_some());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert_eq!(h.state().status, "没有打印：无法打开 PDF 阅读器");
}

#[test]
fn print_with_a_viewer_opens_the_pdf_and_says_so() {
    let dir = scratch("viewer");
    let mut h = app_harness(Scripted::default(), dir.join("data"));
    opened(&mut h, "qingshan-2024.json", "测试3局");
    h.state_mut().set_pdf_viewer(fake_viewer(&dir, "exit 0"));
    press(&mut h, Key::P);
    assert_eq!(h.state().modal_title(), None, "a report without 错误 prints without asking");
    let got = std::fs::read_to_string(dir.join("got")).unwrap();
    let pdf = PathBuf::from(got.trim_end());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "the viewer was given the PDF");
    assert!(h.state().status.starts_with("已在 PDF 阅读器中打开"), "{}", h.state().status);
    assert!(h.state().status.contains(&pdf.display().to_string()));
    assert!(reaped(&dir), "no zombie left");
}

#[test]
fn export_of_a_report_with_errors_asks_first() {
    let dir = scratch("export-errors");
    let target = dir.join("有错误.pdf");
    let mut h = app_harness(Scripted { save: Some(target.clone()), ..Default::default() }, dir.join("data"));
    opened(&mut h, "errors-2024.json", "测试4局");
    let errors = h.state().findings().count(nianbao::model::Severity::Error);
    assert!(errors > 0);
    press(&mut h, Key::E);
    assert_eq!(h.state().modal_title(), Some("年报还有错误"));
    assert!(h.query_by_label_contains(&format!("这份年报还有 {errors} 个错误")).is_some());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert!(!target.exists(), "cancelled: nothing written");
    press(&mut h, Key::E);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_title(), None, "Esc cancels too");
    assert!(!target.exists());
    press(&mut h, Key::E);
    h.get_by_label("继续导出").click();
    h.run();
    assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));
    assert!(h.state().status.starts_with("已导出"));
}

#[test]
fn print_of_a_report_with_errors_asks_first() {
    let dir = scratch("print-errors");
    let mut h = app_harness(Scripted::default(), dir.join("data"));
    opened(&mut h, "errors-2024.json", "测试5局");
    h.state_mut().set_pdf_viewer(fake_viewer(&dir, "exit 0"));
    press(&mut h, Key::P);
    assert_eq!(h.state().modal_title(), Some("年报还有错误"));
    h.get_by_label("取消").click();
    h.run();
    assert!(!dir.join("got").exists(), "cancelled: no viewer started");
    press(&mut h, Key::P);
    h.get_by_label("继续打印").click();
    h.run();
    assert!(dir.join("got").exists(), "the viewer was started");
    assert!(h.state().status.starts_with("已在 PDF 阅读器中打开"));
    assert!(reaped(&dir));
}

#[test]
fn the_status_bar_shows_unsaved_changes_made_after_saving() {
    let dir = scratch("saved");
    let target = dir.join("年报.json");
    let mut h = app_harness(Scripted { save: Some(target.clone()), ..Default::default() }, dir.join("data"));
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap();
    field.focus();
    field.type_text("测试局");
    h.run();
    press(&mut h, Key::S);
    assert!(h.query_by_label_contains("已保存「").is_some());
    assert!(h.query_by_label_contains("上次保存：").is_some());
    assert!(h.query_by_label("有未保存的修改").is_none());
    // One more character after saving.
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap();
    field.focus();
    field.type_text("二");
    h.run();
    assert_eq!(h.state().report.agency, "测试局二");
    assert!(h.query_by_label("有未保存的修改").is_some(), "the status bar says there are unsaved changes");
    assert!(h.query_by_label_contains("已保存「").is_none(), "no stale 已保存");
    assert!(!h.state().status.starts_with("已保存"), "{}", h.state().status);
}

#[test]
fn a_long_status_message_is_shown_in_full() {
    let dir = scratch("long-status");
    let mut h = app_harness(Scripted::default(), dir.join("data"));
    let long = format!("已导出「{}」", "/很长的文件夹名称/".repeat(20));
    h.state_mut().status = long.clone();
    h.run();
    let label = h.get_by_label(&long);
    let window = h.ctx.content_rect();
    assert!(label.rect().right() <= window.right(), "{:?} runs past the window {:?}", label.rect(), window);
    assert!(label.rect().height() < 30.0, "the status bar stays one line: {:?}", label.rect());
    // Cut to the width left, and whole on hover.
    assert_eq!(h.get_all_by_label(&long).count(), 1);
    label.hover();
    h.run();
    assert!(h.get_all_by_label(&long).count() > 1, "the tooltip shows the whole message");
}
