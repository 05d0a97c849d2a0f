//! Working as in WPS and Excel, driven headless: cells that select on focus, Esc,
//! spreadsheet paste, the 编辑 menu on the clipboard, the year field, dialogs that
//! close with Esc, Alt menus.

use std::path::PathBuf;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;
use nianbao::ui::clipboard::MemoryClipboard;

mod common;
use common::{Scripted, app_harness};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-office-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn harness(name: &str) -> Harness<'static, App> {
    app_harness(Scripted::default(), scratch(name))
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

/// The other kinds of field under Esc: the fee goes back to its value, and a text
/// field keeps what was typed (Esc only leaves it); neither ends up blank.
#[test]
fn esc_in_the_fee_restores_it_and_a_text_field_keeps_its_text() {
    let mut h = harness("esc-fee");
    h.state_mut().report.processing_fee = Some("12.5".parse().unwrap());
    h.state_mut().report.other_matters = "原有事项。".into();
    h.get_by_label("六、其他事项").click();
    h.run();
    h.get_by_label("本年收取信息处理费（元）").focus();
    h.run();
    h.get_by_label("本年收取信息处理费（元）").type_text("99");
    h.run();
    assert_eq!(h.state().report.processing_fee, Some("99".parse().unwrap()));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().report.processing_fee, Some("12.5".parse().unwrap()), "Esc: the fee before the edit");
    h.get_by_label("其他需要报告的事项").focus();
    h.run();
    h.get_by_label("其他需要报告的事项").type_text("补充");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().report.other_matters.contains("补充"), "{}", h.state().report.other_matters);
    assert!(h.state().report.other_matters.contains("原有事项"), "{}", h.state().report.other_matters);
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
    h.get_by_label("年度").type_text("2019"); // selected on focus: typing replaces it
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
    h.key_press(Key::Tab);
    h.run();
    assert!(h.state().status.contains("年度「1990」不是 2000 到 2100 之间的年份，仍为 2024"), "{}", h.state().status);
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
fn a_decimal_in_a_count_cell_is_refused_whole_not_read_as_a_bigger_number() {
    let mut h = harness("decimal");
    h.get_by_label("二、主动公开").click();
    h.run();
    let cell = &nianbao::model::paste::cell_name(&h.state().report, nianbao::model::check::CellRef::disclosure(2, 0));
    h.state_mut().report.disclosure[2][0] = Some(nianbao::model::decimal::Decimal::from_int(3));
    h.run();
    h.get_by_label(cell).focus();
    h.run();
    h.get_by_label(cell).type_text("12.5");
    h.run();
    assert_eq!(h.get_by_label(cell).value().as_deref(), Some("12.5"), "shown as typed");
    assert_ne!(h.state().report.disclosure[2][0].map(|d| d.to_string()).as_deref(), Some("125"));
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().report.disclosure[2][0].map(|d| d.to_string()).as_deref(), Some("3"), "back to the value before");
    assert!(h.state().status.contains("「12.5」不是整数"), "{}", h.state().status);
    // A whole number written with decimals is that number.
    h.get_by_label(cell).focus();
    h.run();
    h.get_by_label(cell).type_text("20.00");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().report.disclosure[2][0].map(|d| d.to_string()).as_deref(), Some("20"));
}

#[test]
fn enter_passes_over_computed_totals_to_the_last_row() {
    let mut h = table_three("past-totals");
    let rows = h.state().report.applications.len();
    let name =
        |row: usize| nianbao::model::paste::cell_name(&h.state().report, nianbao::model::check::CellRef::applications(row, 0));
    let (before_total, after_total) = (name(rows - 3), name(rows - 1));
    h.get_by_label(&before_total).focus();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.get_by_label(&after_total).is_focused(), "（七）总计 is computed: Enter goes on to 四、结转下年度");
    h.key_press(Key::ArrowUp);
    h.run();
    assert!(h.get_by_label(&before_total).is_focused(), "and ↑ comes back over it");
}

#[test]
fn the_cell_pasted_into_shows_the_pasted_value_at_once() {
    let mut h = table_three("anchor");
    h.state_mut().report.applications[0][0] = Some(20);
    h.run();
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.event(Event::Paste("9\t9\r\n9\t9\r\n".into()));
    h.run();
    assert_eq!(h.get_by_label(NEW_NATURAL).value().as_deref(), Some("9"), "not the old 20");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().report.applications[0][0], Some(9), "Esc does not half-undo a paste");
}

#[test]
fn copying_the_web_page_of_a_report_with_errors_asks_first() {
    let mut h = harness("copy-errors");
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/errors-2024.json"));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    assert_eq!(h.state().modal_title(), Some("年报还有错误"));
    assert!(h.query_by_label_contains("继续复制").is_some());
}

#[test]
fn enter_closes_a_message() {
    let mut h = table_three("enter-ok");
    h.get_by_label(NEW_NATURAL).focus();
    h.run();
    h.event(Event::Paste("1\tx".into()));
    h.run();
    assert_eq!(h.state().modal_title(), Some("无法粘贴"));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().modal_title(), None, "确定 has the focus");
}

#[test]
fn alt_letters_do_not_type_into_the_field_and_menus_wait_behind_a_dialog() {
    let mut h = harness("alt-text");
    h.state_mut().report.agency = "某局".into();
    h.run();
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap();
    field.focus();
    h.run();
    // X11 sends Alt+F as the key and as the text "f", in one frame.
    let events = &mut h.input_mut().events;
    events.push(Event::Key { key: Key::F, physical_key: None, pressed: true, repeat: false, modifiers: Modifiers::ALT });
    events.push(Event::Text("f".into()));
    h.run();
    assert_eq!(h.state().report.agency, "某局", "no stray f");
    assert!(h.query_by_label_contains("打开…").is_some(), "the menu opened");
    h.key_press(Key::Escape);
    h.run();
    // Behind 保存修改吗？ the menus do nothing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存修改吗？"));
    h.key_press_modifiers(Modifiers::ALT, Key::E);
    h.run();
    assert!(h.query_by_label_contains("撤销").is_none());
}
