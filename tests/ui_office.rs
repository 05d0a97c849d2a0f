//! Working as in WPS and Excel, driven headless: cells that select on focus, Esc,
//! spreadsheet paste, the 编辑 menu on the clipboard, the year field, dialogs that
//! close with Esc, Alt menus, and a file dialog that always answers.

use std::path::PathBuf;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;
use nianbao::ui::clipboard::MemoryClipboard;

mod common;
use common::{Scripted, app_harness, app_harness_with_file_dialog};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-office-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn harness(name: &str) -> Harness<'static, App> {
    app_harness(Scripted::default(), scratch(name))
}

/// A desktop without any native file dialog (no portal, no zenity), with a
/// report opened from `dir` so the app's own dialog starts there.
fn without_native_dialogs(name: &str) -> (Harness<'static, App>, PathBuf) {
    let dir = scratch(name);
    let opened = dir.join("去年.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &opened).unwrap();
    let mut h = app_harness_with_file_dialog(Scripted { no_native: true, ..Default::default() }, dir.join("data"));
    h.state_mut().open_path(&opened);
    h.run();
    (h, dir)
}

const NEW_NATURAL: &str = "表三 一、本年新收政府信息公开申请数量 自然人";
const NEW_BUSINESS: &str = "表三 一、本年新收政府信息公开申请数量 商业企业";
const CARRIED_NATURAL: &str = "表三 二、上年结转政府信息公开申请数量 自然人";

fn table_three(name: &str) -> Harness<'static, App> {
    let mut h = harness(name);
    h.get_by_label("三、依申请公开").click();
    h.run();
    h
}

#[test]
fn typing_into_a_focused_cell_replaces_its_value() {
    let mut h = table_three("replace");
    h.state_mut().report.applications[0][0] = Some(0);
    h.state_mut().report.applications[1][0] = Some(3);
    h.run();
    // A click, as the user does, then a digit.
    h.get_by_label(NEW_NATURAL).click();
    h.run();
    h.get_by_label(NEW_NATURAL).type_text("7");
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(7), "7 replaces 0 (not 70)");
    // Enter moves down; the next cell's value is selected too (no caret carried over).
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label(CARRIED_NATURAL).type_text("5");
    h.run();
    assert_eq!(h.state().report.applications[1][0], Some(5), "5 replaces 3");
}

#[test]
fn esc_restores_the_value_before_editing() {
    let mut h = table_three("esc");
    h.state_mut().report.applications[0][0] = Some(12);
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.get_by_label(NEW_NATURAL).type_text("99");
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(99));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(12));
}

#[test]
fn a_block_pasted_from_a_spreadsheet_fills_the_cells_as_one_undo_step() {
    let mut h = table_three("block");
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    // Two rows × three columns as Excel copies them: tabs, CRLF, full-width digits, 1,234.
    h.event(Event::Paste("3\t１\t1,234\r\n0\t\t2\r\n".into()));
    h.run();
    let r = &h.state().report;
    assert_eq!(r.applications[0][..3], [Some(3), Some(1), Some(1234)]);
    assert_eq!(r.applications[1][..3], [Some(0), None, Some(2)]);
    assert_eq!(r.applications[0][6], Some(1238), "自动合计 recomputed");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let r = &h.state().report;
    assert!(r.applications[0][..3].iter().chain(&r.applications[1][..3]).all(Option::is_none), "one undo step");
}

#[test]
fn a_block_with_a_word_in_it_changes_nothing_and_names_the_cell() {
    let mut h = table_three("refused");
    h.state_mut().report.applications[0][0] = Some(8);
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.event(Event::Paste("1\t2\n3\t无\n".into()));
    h.run();
    assert_eq!(h.state().report.applications[0][..2], [Some(8), None], "nothing changed");
    assert_eq!(h.state().modal_title(), Some("无法粘贴"));
    assert!(h.query_by_label_contains("粘贴内容第2行第2列「无」不是数字").is_some());
    assert!(h.query_by_label_contains("（对应「表三 二、上年结转政府信息公开申请数量 商业企业」）").is_some());
}

#[test]
fn a_pasted_total_stays_computed_and_a_different_one_is_reported() {
    let mut h = table_three("totals");
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.event(Event::Paste("1\t1\t1\t1\t1\t1\t9".into()));
    h.run();
    assert_eq!(h.state().report.applications[0][6], Some(6));
    assert_eq!(h.state().modal_title(), Some("粘贴的总计与各项之和不同"));
    assert!(h.query_by_label_contains("粘贴的是 9，各项相加为 6").is_some());
}

#[test]
fn a_single_pasted_value_replaces_the_cell_and_a_bad_one_is_refused() {
    let mut h = table_three("single");
    h.state_mut().report.applications[0][1] = Some(4);
    h.run();
    h.get_by_label(NEW_BUSINESS).focus();
    h.run();
    h.event(Event::Paste("1,500".into()));
    h.run();
    assert_eq!(h.state().report.applications[0][1], Some(1500));
    h.event(Event::Paste("1.5".into()));
    h.run();
    assert_eq!(h.state().report.applications[0][1], Some(1500), "not 15");
    assert_eq!(h.state().modal_title(), Some("无法粘贴"));
}

#[test]
fn the_edit_menu_pastes_the_system_clipboard_into_the_field_last_used() {
    let mut h = harness("menu-paste");
    let clipboard = MemoryClipboard::default();
    clipboard.0.lock().unwrap().text = "本机关认真贯彻落实《条例》。".into();
    h.state_mut().clipboard = Box::new(clipboard.clone());
    h.get_by_label("一、总体情况").click();
    h.run();
    h.get_by_label("（一）主动公开").focus();
    h.run();
    // The menu click takes the focus away; 粘贴 still goes to that field.
    h.get_by_label("编辑(E)").click();
    h.run();
    h.get_by_label_contains("粘贴").click(); // the label has its shortcut
    h.run();
    assert_eq!(h.state().report.overview.sections[0].body, "本机关认真贯彻落实《条例》。");
    // 全选 then 剪切: the field is empty and the text went to the clipboard.
    h.get_by_label("编辑(E)").click();
    h.run();
    h.get_by_label_contains("全选").click(); // the label has its shortcut
    h.run();
    h.get_by_label("编辑(E)").click();
    h.run();
    h.get_by_label_contains("剪切").click(); // the label has its shortcut
    // The cut text leaves through egui's clipboard output in one of the next frames.
    let mut cut = false;
    for _ in 0..4 {
        h.step();
        cut |= h
            .output()
            .platform_output
            .commands
            .iter()
            .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t == "本机关认真贯彻落实《条例》。"));
    }
    h.run();
    assert!(cut, "剪切 put the text on the clipboard");
    assert_eq!(h.state().report.overview.sections[0].body, "");
}

#[test]
fn the_year_is_typed_not_dragged_and_checked() {
    let mut h = harness("year");
    h.state_mut().report.year = 2024;
    h.run();
    let year = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "年度"); // not a drag value
    year.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("年度").type_text("2019");
    h.run();
    assert_eq!(h.state().report.year, 2019);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().report.year, 2024, "one edit, one undo step");
    h.get_by_label("年度").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("年度").type_text("1990");
    h.run();
    assert_eq!(h.state().report.year, 2024, "out of range: not taken");
    assert!(h.query_by_label_contains("年度应在 2000 到 2100 之间").is_some());
}

#[test]
fn generating_the_preamble_over_written_text_asks_first() {
    let mut h = harness("preamble");
    h.state_mut().report.preamble = "手写的前言。".into();
    h.run();
    h.get_by_label("生成前言").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("替换前言吗？"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_title(), None, "Esc is 取消");
    assert_eq!(h.state().report.preamble, "手写的前言。");
    h.get_by_label("生成前言").click();
    h.run();
    h.get_by_label("替换").click();
    h.run();
    assert!(h.state().report.preamble.starts_with("本报告"), "{}", h.state().report.preamble);
}

#[test]
fn esc_closes_every_dialog_as_cancel() {
    let mut h = harness("esc-dialogs");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert_eq!(h.state().modal_title(), Some("新建年报"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_title(), None);
    // Unsaved changes, then 新建: Esc cancels (the edit stays).
    h.state_mut().report.agency = "某局".into();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存修改吗？"));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_title(), None);
    assert_eq!(h.state().report.agency, "某局");
    h.key_press(Key::F1);
    h.run();
    assert_eq!(h.state().modal_title(), Some("使用说明"));
    assert!(h.query_by_label_contains("粘贴 Ctrl+V，全选 Ctrl+A").is_some(), "the shortcuts, listed from the commands");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().modal_title(), None);
}

#[test]
fn alt_letters_open_the_menus_and_about_shows_the_version() {
    let mut h = harness("alt");
    assert!(h.query_by_label_contains("打开…").is_none());
    h.key_press_modifiers(Modifiers::ALT, Key::F);
    h.run();
    assert!(h.query_by_label_contains("打开…").is_some(), "Alt+F opened 文件");
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::H);
    h.run();
    h.get_by_label("关于年报编制器").click();
    h.run();
    assert!(h.query_by_label_contains(&format!("年报编制器 {}", env!("CARGO_PKG_VERSION"))).is_some());
}

#[test]
fn opening_a_report_keeps_its_year_shown() {
    let mut h = harness("year-open");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2024.json"));
    h.run();
    assert_eq!(h.get_by_label("年度").value().as_deref(), Some("2024"));
}

#[test]
fn without_a_native_dialog_save_as_shows_the_apps_own() {
    let (mut h, dir) = without_native_dialogs("own-save");
    h.state_mut().report.agency = "青山县统计局".into();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    assert!(h.state().in_app_dialog_open(), "never a silent no-op");
    assert!(h.query_by_label_contains("保存年报").is_some());
    h.get_by_label("保存").click();
    h.run();
    assert!(!h.state().in_app_dialog_open());
    let saved = dir.join("青山县统计局2024年政府信息公开工作年度报告.json");
    assert!(saved.is_file(), "saved where the dialog showed");
    assert_eq!(h.state().path.as_deref(), Some(saved.as_path()));
    assert!(!h.state().is_dirty());
}

#[test]
fn without_a_native_dialog_save_in_the_close_prompt_saves_then_closes() {
    let dir = scratch("own-close");
    let mut h = app_harness_with_file_dialog(Scripted { no_native: true, ..Default::default() }, dir.join("data"));
    h.state_mut().report.agency = "改过".into();
    h.run();
    h.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("保存").click();
    h.run();
    assert!(h.state().in_app_dialog_open(), "保存 on an untitled report asks where");
    // The dialog starts in the home folder; type a full path instead.
    let target = dir.join("关闭前保存.json");
    let name = h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap();
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap().type_text(target.to_str().unwrap());
    h.run();
    h.get_by_label("保存").click();
    // Saved, then the window is told to close (in one of the next frames).
    let mut closing = false;
    for _ in 0..4 {
        h.step();
        closing |= h
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    assert!(target.is_file(), "saved");
    assert!(closing, "then the window closes");
}

#[test]
fn the_apps_own_open_dialog_can_be_cancelled_with_esc() {
    let (mut h, _) = without_native_dialogs("own-open");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().in_app_dialog_open());
    assert!(h.query_by_label_contains("打开年报").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().in_app_dialog_open());
}
