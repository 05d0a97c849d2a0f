//! Files as a clerk meets them: a file dialog that always answers (the app's own
//! when the desktop has none), asking before replacing a file, and 不保存 that
//! loses nothing until another report is really chosen.

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;

mod common;
use common::{Scripted, app_harness, app_harness_with_file_dialog, app_harness_with_settings};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-files-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

/// Types a whole path into the in-app dialog's 文件名 field (its last text field).
fn type_file_name(h: &mut Harness<'static, App>, path: &std::path::Path) {
    h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap().focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_all_by_role(egui::accesskit::Role::TextInput).last().unwrap().type_text(path.to_str().unwrap());
    h.run();
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
    type_file_name(&mut h, &target);
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

#[test]
fn the_apps_own_dialog_asks_before_replacing_a_file() {
    let (mut h, dir) = without_native_dialogs("replace");
    let existing = dir.join("别人的年报.json");
    std::fs::write(&existing, "{}").unwrap();
    h.state_mut().report.agency = "改过".into();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    type_file_name(&mut h, &existing);
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("替换已有的文件吗？"));
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "{}", "取消 leaves it alone");
    assert!(h.state().is_dirty());
}

#[test]
fn dont_save_then_cancelling_the_open_dialog_keeps_the_changes_unsaved() {
    let mut h = app_harness(Scripted::default(), scratch("dont-save"));
    h.state_mut().report.agency = "草稿".into();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    h.get_by_label("不保存").click();
    h.run(); // the (scripted) open dialog is cancelled
    assert_eq!(h.state().report.agency, "草稿");
    assert!(h.state().is_dirty(), "still unsaved: closing would ask");
}

/// A report copied into a folder of its own and opened in a new window.
fn window_on(dir: &std::path::Path, data: &str, dialogs: Scripted) -> (Harness<'static, App>, PathBuf) {
    let report = dir.join("年报.json");
    if !report.exists() {
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &report).unwrap();
    }
    let mut h = app_harness(dialogs, dir.join(data));
    h.state_mut().open_path(&report);
    h.run();
    (h, report)
}

#[test]
fn saving_over_a_file_changed_since_asks_first() {
    let dir = scratch("changed");
    let (mut a, report) = window_on(&dir, "data", Scripted::default());
    // Another window (or a colleague) saves its own edit meanwhile.
    let mut theirs = nianbao::model::file::load(&report).unwrap();
    theirs.other_matters = "另一个窗口写的内容。".into();
    nianbao::model::file::save(&report, &theirs, &[]).unwrap();

    a.state_mut().report.preamble = "这个窗口写的内容。".into();
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    assert_eq!(a.state().modal_title(), Some("文件已被改动"));
    a.get_by_label("取消").click();
    a.run();
    assert_eq!(nianbao::model::file::load(&report).unwrap().other_matters, "另一个窗口写的内容。", "nothing lost");
    assert!(a.state().is_dirty());

    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    a.get_by_label("覆盖").click();
    a.run();
    assert_eq!(nianbao::model::file::load(&report).unwrap().preamble, "这个窗口写的内容。");
    assert!(!a.state().is_dirty());
    // Saved here last: the next save does not ask.
    a.state_mut().report.preamble.push('又');
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    assert_eq!(a.state().modal_title(), None);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn another_save_as_keeps_both_versions() {
    let dir = scratch("changed-save-as");
    let elsewhere = dir.join("我的版本.json");
    let (mut a, report) = window_on(&dir, "data", Scripted { save: Some(elsewhere.clone()), ..Default::default() });
    let mut theirs = nianbao::model::file::load(&report).unwrap();
    theirs.other_matters = "另一个窗口写的内容。".into();
    nianbao::model::file::save(&report, &theirs, &[]).unwrap();
    a.state_mut().report.preamble = "这个窗口写的内容。".into();
    a.run();
    a.key_press_modifiers(Modifiers::COMMAND, Key::S);
    a.run();
    a.get_by_label("另存为…").click();
    a.run();
    a.run();
    assert_eq!(nianbao::model::file::load(&report).unwrap().other_matters, "另一个窗口写的内容。");
    assert_eq!(nianbao::model::file::load(&elsewhere).unwrap().preamble, "这个窗口写的内容。");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_second_window_on_the_same_file_says_so() {
    let dir = scratch("two-windows");
    let (first, report) = window_on(&dir, "data", Scripted::default());
    assert_eq!(first.state().modal_title(), None);
    // The second window shares the app data folder, as two windows of one user do.
    let (second, _) = window_on(&dir, "data", Scripted::default());
    assert_eq!(second.state().modal_title(), Some("年报已在另一个窗口中打开"));
    assert_eq!(second.state().path.as_deref(), Some(report.as_path()), "opened all the same");
    drop((first, second));
    let (third, _) = window_on(&dir, "data", Scripted::default());
    assert_eq!(third.state().modal_title(), None, "the other windows were closed");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_export_never_replaces_the_open_report_or_another_report() {
    let dir = scratch("export-over");
    // A report saved under a name an export could take.
    let report = dir.join("年报.html");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &report).unwrap();
    let before = std::fs::read(&report).unwrap();
    let mut h = app_harness(Scripted { save: Some(report.clone()), ..Default::default() }, dir.join("data"));
    h.state_mut().open_path(&report);
    h.run();
    h.state_mut().command(nianbao::ui::command::UiCommand::ExportHtml);
    h.run();
    assert_eq!(h.state().modal_title(), Some("导出失败"));
    assert!(h.query_by_label_contains("写到它上面会毁掉它").is_some(), "shown without waiting for input");
    assert_eq!(std::fs::read(&report).unwrap(), before, "the report is untouched");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_merge_is_never_saved_over_one_of_its_sources() {
    let dir = scratch("merge-over");
    let (a, b) = (dir.join("甲.json"), dir.join("乙.json"));
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &a).unwrap();
    let mut other = nianbao::model::file::load(&a).unwrap();
    other.agency = "青山县统计局".into();
    nianbao::model::file::save(&b, &other, &[]).unwrap();
    let before = std::fs::read(&a).unwrap();
    let mut h = app_harness(Scripted { save: Some(a.clone()), ..Default::default() }, dir.join("data"));
    h.state_mut().merge(&[a.clone(), b.clone()]);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存失败"));
    assert!(h.query_by_label_contains("就是汇总的来源年报之一").is_some());
    assert_eq!(std::fs::read(&a).unwrap(), before, "the source is untouched");
    assert!(h.query_by_label("另存为…").is_some(), "offers to save elsewhere");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_file_that_may_not_be_replaced_is_refused_not_asked_about() {
    let (mut h, dir) = without_native_dialogs("refused-not-asked");
    let ro = dir.join("只读.json");
    std::fs::write(&ro, b"{}").unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms.clone()).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    type_file_name(&mut h, &ro);
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(h.state().modal_title(), Some("保存失败"), "not 「替换已有的文件吗？」 first");
    assert!(h.query_by_label_contains("是只读文件").is_some());
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&ro, perms).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn save_as_over_a_report_open_in_another_window_is_refused() {
    let dir = scratch("save-as-open");
    let (first, report) = window_on(&dir, "data", Scripted::default());
    let before = std::fs::read(&report).unwrap();
    let mut second = app_harness(Scripted { save: Some(report.clone()), ..Default::default() }, dir.join("data"));
    second.state_mut().report.agency = "另一个单位".into();
    second.run();
    second.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    second.run();
    assert_eq!(second.state().modal_title(), Some("保存失败"));
    assert!(second.query_by_label_contains("在另一个窗口中打开着").is_some());
    assert_eq!(std::fs::read(&report).unwrap(), before);
    drop(first);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn recent_files_from_two_windows_are_all_kept() {
    let dir = scratch("recent-two");
    let (x, y) = (dir.join("x.json"), dir.join("y.json"));
    for f in [&x, &y] {
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), f).unwrap();
    }
    let data = dir.join("data");
    let mut first = app_harness(Scripted::default(), data.clone());
    let mut second = app_harness(Scripted::default(), data.clone());
    first.state_mut().open_path(&x);
    first.run();
    second.state_mut().open_path(&y);
    second.run();
    let recent = nianbao::settings::Settings::load(&data).recent;
    assert_eq!(recent.first(), Some(&y));
    assert!(recent.contains(&x), "the first window's file is still listed: {recent:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Waits (frames, not a fixed time) until the app's background checks have answered.
fn run_until(h: &mut Harness<'static, App>, done: impl Fn(&mut Harness<'static, App>) -> bool) {
    for _ in 0..200 {
        h.run();
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the background check never answered");
}

#[test]
fn recent_files_are_checked_off_the_ui_thread_and_a_missing_one_is_marked() {
    let dir = scratch("recent-missing");
    let here = dir.join("在.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &here).unwrap();
    let gone = dir.join("已删除").join("不在.json");
    let settings = nianbao::settings::Settings { recent: vec![gone.clone(), here.clone()], ..Default::default() };
    let dialogs = Scripted::default();
    let started_in = dialogs.started_in.clone();
    let mut h = app_harness_with_settings(dialogs, dir.join("data"), settings);
    // The first dialog does not wait to learn whether the last file's folder is
    // there (it may be an offline share): it starts in the default folder.
    h.state_mut().command(nianbao::ui::command::UiCommand::Open);
    h.run();
    assert_eq!(started_in.lock().unwrap().as_slice(), &[None]);
    h.get_by_label("文件(F)").click();
    h.run();
    h.get_by_label("最近打开").hover();
    let missing = format!("{}（找不到）", gone.display());
    run_until(&mut h, |h| h.query_by_label(&missing).is_some());
    assert!(h.query_by_label(&format!("{}（找不到）", here.display())).is_none(), "the file that is there is not marked");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_dialog_starts_in_the_open_reports_folder() {
    let dir = scratch("dialog-folder");
    let report = dir.join("年报.json");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json"), &report).unwrap();
    let dialogs = Scripted::default();
    let started_in = dialogs.started_in.clone();
    let mut h = app_harness(dialogs, dir.join("data"));
    h.state_mut().open_path(&report);
    h.run();
    for _ in 0..2 {
        h.state_mut().command(nianbao::ui::command::UiCommand::ExportPdf);
        h.run();
    }
    let folder = Some(dir.clone());
    assert_eq!(
        started_in.lock().unwrap().as_slice(),
        &[folder.clone(), folder],
        "the folder just read from is known to be there"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_apps_own_open_dialog_lists_documents_and_opens_a_typed_name() {
    let (mut h, dir) = without_native_dialogs("own-open-typed");
    let doc = dir.join("公安局.txt");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real-reports/pingtan-gonganju-2022.txt"), &doc).unwrap();
    std::fs::write(dir.join("年报.docx"), b"x").unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(h.state().in_app_dialog_open());
    // Every kind 打开 accepts is listed, not only report files.
    assert!(h.query_by_label_contains("公安局.txt").is_some(), "a text document is listed");
    assert!(h.query_by_label_contains("年报.docx").is_some(), "a Word document is listed");
    // A typed name and the 打开 button (not only Enter) open it.
    type_file_name(&mut h, &doc);
    h.get_by_label("打开").click();
    h.run();
    h.run();
    assert!(!h.state().in_app_dialog_open(), "打开 took the typed name");
    assert_eq!(h.state().report.agency, "平潭综合实验区公安局", "the document was imported");
}
