//! 审核多个年报's file picker when the desktop has no native dialog (the app's
//! own): Ctrl-click toggles a file, Shift-click extends the selection, and
//! 审核此文件夹 audits the folder shown (a folder name typed with Enter goes
//! into it) or the folder clicked in the list.

use std::path::{Path, PathBuf};

use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;
use nianbao::ui::command::UiCommand;

mod common;
use common::{Scripted, app_harness_with_file_dialog};

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-reports").join(name)
}

/// A folder 各单位 of four reports, a report opened from beside it (so the
/// dialog starts in its parent), and 审核多个年报 asked for.
fn picker(name: &str, opened_beside: bool) -> (Harness<'static, App>, PathBuf) {
    let dir = std::env::temp_dir().join(format!("nianbao-audit-picker-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reports = dir.join("各单位");
    std::fs::create_dir_all(&reports).unwrap();
    for (i, n) in ["pingtan-2022.txt", "pingtan-gonganju-2022.txt", "pingtan-2021.txt", "pingtan-2019.txt"].iter().enumerate() {
        std::fs::copy(real(n), reports.join(format!("{}{n}", i + 1))).unwrap();
    }
    let opened = if opened_beside { dir.join("去年.json") } else { reports.join("去年.json") };
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &opened).unwrap();
    let mut h = app_harness_with_file_dialog(Scripted { no_native: true, ..Default::default() }, dir.join("data"));
    h.state_mut().open_path(&opened);
    h.run();
    h.state_mut().command(UiCommand::Audit);
    h.run();
    assert!(h.state().in_app_dialog_open());
    (h, reports)
}

fn click(h: &mut Harness<'static, App>, label_part: &str, modifiers: Modifiers) {
    h.get_by_label_contains(label_part).click_modifiers(modifiers);
    h.run();
}

fn audited(h: &Harness<'static, App>) -> usize {
    h.state().audited_files().len()
}

#[test]
fn shift_click_extends_and_ctrl_click_toggles() {
    let (mut h, _) = picker("range", false);
    click(&mut h, "1pingtan-2022.txt", Modifiers::NONE);
    click(&mut h, "3pingtan-2021.txt", Modifiers::SHIFT);
    // Ctrl as egui-winit reports it on Windows and Linux.
    click(&mut h, "2pingtan-gonganju", Modifiers::CTRL | Modifiers::COMMAND);
    h.get_by_label("打开").click();
    h.run();
    assert!(!h.state().in_app_dialog_open());
    assert_eq!(audited(&h), 2, "1 to 3 by Shift, then 2 taken out by Ctrl");
}

#[test]
fn the_folder_shown_is_audited_whole() {
    let (mut h, _) = picker("folder", false);
    h.get_by_label("审核此文件夹").click();
    h.run();
    assert!(!h.state().in_app_dialog_open());
    assert_eq!(audited(&h), 5, "four documents and the report file");
}

#[test]
fn the_folder_whose_name_is_typed_is_audited() {
    let (mut h, _) = picker("typed", true);
    assert!(h.query_by_label_contains("1pingtan-2022.txt").is_none(), "the dialog shows the parent folder");
    h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap().focus();
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap().type_text("各单位");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().in_app_dialog_open(), "Enter on a folder's name goes into it");
    h.get_by_label("审核此文件夹").click();
    h.run();
    assert!(!h.state().in_app_dialog_open());
    assert_eq!(audited(&h), 4, "the four documents in 各单位, not the report beside it");
}

#[test]
fn a_folder_clicked_in_the_list_is_audited() {
    let (mut h, _) = picker("clicked", true);
    click(&mut h, "各单位", Modifiers::NONE);
    h.get_by_label("审核此文件夹").click();
    h.run();
    assert!(!h.state().in_app_dialog_open());
    assert_eq!(audited(&h), 4, "the four documents in 各单位");
}

/// A file that cannot be read: its 说明 says why (not 「无法导入「/path…」 cut off
/// before the reason), one tooltip gives the reason and the file, and the CSV's
/// dialog starts in the folder audited, not beside the report open.
#[test]
fn an_unreadable_file_shows_its_reason_and_the_csv_goes_beside_the_audited() {
    let dir = std::env::temp_dir().join(format!("nianbao-audit-picker-{}-reason", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let reports = dir.join("各单位").join("二〇二五年度各单位报送的政府信息公开工作年度报告");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(real("pingtan-2022.txt"), reports.join("a.txt")).unwrap();
    std::fs::write(reports.join("坏.pdf"), b"not a pdf at all").unwrap();
    let opened = dir.join("去年.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &opened).unwrap();
    let dialogs = Scripted::default();
    let started_in = dialogs.started_in.clone();
    let mut h = common::app_harness(dialogs, dir.join("data"));
    h.set_size(egui::vec2(1366.0, 768.0));
    h.state_mut().open_path(&opened);
    h.run();
    h.state_mut().audit(std::slice::from_ref(&reports));
    h.run();
    assert_eq!(audited(&h), 2);
    let shown_path = reports.display().to_string();
    assert!(
        h.query_all_by_label_contains(&shown_path).next().is_none(),
        "the 说明 shows the reason, not the path (which the 文件 column and the tooltip give)"
    );
    let note = h.query_all_by_label_contains("PDF").next().expect("the reason of 坏.pdf is shown").rect().center();
    h.hover_at(note);
    h.run();
    let tips = h.query_all_by_label_contains(&shown_path).count();
    assert_eq!(tips, 1, "one tooltip, with the file");
    h.get_by_label("导出 CSV…").click();
    h.run();
    assert_eq!(
        started_in.lock().unwrap().last().cloned().flatten(),
        Some(reports.clone()),
        "the CSV starts where the reports are"
    );
}
