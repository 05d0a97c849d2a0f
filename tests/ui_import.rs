//! 导入已有年报, its review panel, and 审核多个年报 in the app.

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use nianbao::ui::command::UiCommand;

mod common;
use common::{Scripted, app_harness};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-ui-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-reports").join(name)
}

#[test]
fn an_imported_document_is_reviewed_and_saved_under_a_new_name() {
    let dir = scratch("import");
    let source = dir.join("平潭2021.txt");
    std::fs::copy(real("pingtan-2021.txt"), &source).unwrap();
    let before = std::fs::read(&source).unwrap();
    let saved = dir.join("平潭2021.json");
    let mut h =
        app_harness(Scripted { open: Some(source.clone()), save: Some(saved.clone()), ..Default::default() }, dir.join("data"));
    h.state_mut().command(UiCommand::Import);
    h.run();
    assert_eq!(h.state().report.year, 2021);
    assert!(!h.state().report.unread.is_empty());
    assert!(h.query_by_label("导入核对").is_some(), "the review panel");
    // The same count of items to review as `nianbao import` prints for the file.
    let listed = nianbao::import::import_file(&source).unwrap().review_lines().len();
    assert!(h.state().status.contains(&format!("共 {listed} 项需要核对")), "{}", h.state().status);
    assert!(h.query_by_label_contains("可能是 空白、6、64、640").is_some(), "each unread cell with its readings");
    assert!(h.state().path.is_none(), "not yet a report file");
    // Typing a value into an unread cell makes it read.
    let cell = nianbao::model::check::CellRef::applications(0, 0);
    h.state_mut().report.applications[0][0] = Some(64);
    h.state_mut().report.clear_unread(cell);
    assert!(h.state().report.unread_at(cell).is_none());
    h.state_mut().command(UiCommand::Save);
    h.run();
    assert_eq!(h.state().path.as_deref(), Some(saved.as_path()));
    let back = nianbao::model::file::load(&saved).unwrap();
    assert_eq!(back.unread.len(), h.state().report.unread.len(), "the unread cells are saved");
    assert_eq!(std::fs::read(&source).unwrap(), before, "the source is never written");
}

#[test]
fn opening_a_web_page_imports_it_and_the_clipboard_imports_text() {
    let dir = scratch("open");
    let mut h = app_harness(Scripted { open: Some(real("pingtan-2024.html")), ..Default::default() }, dir.join("data"));
    h.state_mut().command(UiCommand::Open);
    h.run();
    assert_eq!(h.state().report.agency, "平潭综合实验区");
    assert_eq!(h.state().report.applications[0][6], Some(218));
    assert!(h.state().status.contains("已导入"), "{}", h.state().status);

    // An imported report is unsaved: a new window imports the clipboard without asking.
    let mut h = app_harness(Scripted::default(), dir.join("data2"));
    let text = std::fs::read_to_string(real("pingtan-gonganju-2022.txt")).unwrap();
    h.state_mut().clipboard = Box::new(nianbao::ui::clipboard::MemoryClipboard::default());
    h.state_mut().clipboard.set_html(&text, &text).unwrap();
    h.state_mut().command(UiCommand::ImportClipboard);
    h.run();
    assert_eq!(h.state().report.agency, "平潭综合实验区公安局");
}

#[test]
fn the_audit_window_lists_every_file_and_exports_csv() {
    let dir = scratch("audit");
    let reports = dir.join("各单位");
    std::fs::create_dir_all(&reports).unwrap();
    for name in ["pingtan-2022.txt", "pingtan-gonganju-2022.txt"] {
        std::fs::copy(real(name), reports.join(name)).unwrap();
    }
    std::fs::write(reports.join("坏.pdf"), b"%PDF-broken").unwrap();
    let csv = dir.join("审核.csv");
    let mut h =
        app_harness(Scripted { open: Some(reports.clone()), save: Some(csv.clone()), ..Default::default() }, dir.join("data"));
    h.state_mut().command(UiCommand::Audit);
    h.run();
    assert!(h.query_by_label_contains("3 个文件：0 个有错误，1 个无法读取").is_some());
    assert!(h.query_by_label_contains("平潭综合实验区公安局").is_some());
    h.get_by_label("导出 CSV…").click();
    h.run();
    h.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.contains("平潭综合实验区公安局,2022,0,"), "{text}");
}

#[test]
fn the_audit_window_fits_a_small_screen_and_shows_unreadable_files_as_such() {
    let dir = scratch("audit-small");
    let reports = dir.join("各单位");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(real("pingtan-gonganju-2022.txt"), reports.join("公安局.txt")).unwrap();
    // A file whose reason is long: the 说明 column must not push 打开 off screen.
    std::fs::write(reports.join("坏.pdf"), b"%PDF-broken").unwrap();
    let csv = dir.join("审核.csv");
    let mut h =
        app_harness(Scripted { open: Some(reports.clone()), save: Some(csv.clone()), ..Default::default() }, dir.join("data"));
    h.set_size(egui::vec2(1366.0, 768.0));
    h.state_mut().command(UiCommand::Audit);
    h.run();
    let open = h.get_by_label("打开");
    assert!(open.rect().right() <= 1366.0 && open.rect().left() >= 0.0, "打开 on screen: {:?}", open.rect());
    assert!(h.get_all_by_label("无法读取").count() >= 3, "no 0 errors / 0 warnings / 0 unread for a file not read");
    h.get_by_label("导出 CSV…").click();
    h.run();
    h.run();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.lines().any(|l| l.contains("坏.pdf") && l.contains(",无法读取,无法读取,无法读取,")), "{text}");
}

#[test]
fn dialogs_start_in_the_imported_documents_folder() {
    let dir = scratch("import-folder");
    let source = dir.join("公安局.txt");
    std::fs::copy(real("pingtan-gonganju-2022.txt"), &source).unwrap();
    let dialogs = Scripted { open: Some(source.clone()), ..Default::default() };
    let started_in = dialogs.started_in.clone();
    let mut h = app_harness(dialogs, dir.join("data"));
    h.state_mut().command(UiCommand::Import);
    h.run();
    assert_eq!(h.state().report.agency, "平潭综合实验区公安局");
    h.state_mut().command(UiCommand::ExportPdf);
    h.run();
    let started = started_in.lock().unwrap().clone();
    assert_eq!(started.last(), Some(&Some(dir.clone())), "{started:?}");
}
