//! Never lose a report: an editing app killed hard (SIGKILL) leaves its unsaved
//! work behind, and the next start offers it back.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;

mod common;
use common::Scripted;

fn app_harness(data_dir: PathBuf) -> Harness<'static, App> {
    common::app_harness(Scripted::default(), data_dir)
}

const TYPED: &str = "青山县统计局";
const CHILD: &str = "NIANBAO_RECOVERY_CHILD";

/// Runs only as the child process of the test below: the app's editing core,
/// typing into 编制单位 and 前言, then waiting to be killed.
#[test]
fn child_editor() {
    let Some(dir) = std::env::var_os(CHILD) else { return };
    let mut h = app_harness(PathBuf::from(dir));
    let field = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap();
    field.focus();
    field.type_text(TYPED);
    h.run();
    h.get_by_label("前言").focus();
    h.get_by_label("前言").type_text("这是没有保存的前言。");
    for _ in 0..5 {
        h.run(); // NIANBAO_AUTOSAVE_SECONDS=0: every frame with changes is written
    }
    println!("READY");
    loop {
        std::thread::sleep(Duration::from_secs(60));
    }
}

#[test]
fn a_killed_editor_is_offered_for_recovery() {
    let dir = std::env::temp_dir().join(format!("nianbao-recovery-kill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_editor", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, &dir)
        .env("NIANBAO_AUTOSAVE_SECONDS", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("child output").unwrap();
        if line.contains("READY") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the child never got ready");
    }
    child.kill().unwrap(); // SIGKILL: no exit handler runs
    child.wait().unwrap();

    let mut h = app_harness(dir.clone());
    h.run();
    assert_eq!(h.state().modal_title(), Some("恢复未保存的年报"));
    assert!(h.query_by_label_contains(TYPED).is_some(), "the offer names the report");
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(h.state().report.agency, TYPED);
    assert!(h.state().report.preamble.contains("这是没有保存的前言。"));
    assert!(h.state().is_dirty(), "restored work still needs saving");
    assert_eq!(h.state().modal_title(), None);
    // The orphan is gone: a third start offers nothing.
    drop(h);
    let mut third = app_harness(dir.clone());
    third.run();
    assert_eq!(third.state().modal_title(), None);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn discarding_the_offer_removes_it() {
    let dir = std::env::temp_dir().join(format!("nianbao-recovery-discard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let slot = nianbao::recovery::Recovery::start(&dir).unwrap();
        let r = nianbao::model::Report::new(nianbao::model::TemplateId::V2021, 2024, "丢弃局");
        slot.write(&r, None).unwrap();
        // Dropped without finish(): as if the app had crashed.
    }
    let mut h = app_harness(dir.clone());
    h.run();
    assert_eq!(h.state().modal_title(), Some("恢复未保存的年报"));
    h.get_by_label("丢弃").click();
    h.run();
    assert_eq!(h.state().report.agency, "", "nothing restored");
    assert!(nianbao::recovery::orphans(&dir).is_empty());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_dead_apps_lock_is_removed_at_the_next_start_but_a_running_windows_is_kept() {
    let dir = std::env::temp_dir().join(format!("nianbao-recovery-stale-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let locks = || -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("recovery"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "lock"))
            .collect();
        v.sort();
        v
    };
    let mut running = app_harness(dir.clone()); // another window, still open
    running.run();
    let running_lock = locks();
    assert_eq!(running_lock.len(), 1);
    // An app killed with nothing unsaved leaves only its lock file behind.
    drop(nianbao::recovery::Recovery::start(&dir).unwrap());
    assert_eq!(locks().len(), 2);
    let mut next = app_harness(dir.clone());
    next.run();
    assert_eq!(next.state().modal_title(), None, "nothing to recover");
    let now = locks();
    assert_eq!(now.len(), 2, "the dead app's lock is gone, the two running windows keep theirs: {now:?}");
    assert!(now.contains(&running_lock[0]), "the running window's lock is untouched");
    drop((running, next));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_backup_folder_that_cannot_be_written_is_never_a_silent_loss() {
    // The app data folder cannot be made (a file has its name): said at the start,
    // and kept in the status bar even after a report is opened.
    let dir = std::env::temp_dir().join(format!("nianbao-recovery-unwritable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let blocked = dir.join("data");
    std::fs::write(&blocked, "not a folder").unwrap();
    let mut h = app_harness(blocked);
    h.run();
    assert_eq!(h.state().modal_title(), Some("自动备份不可用"));
    h.get_by_label("确定").click();
    h.run();
    h.state_mut().open_path(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/qingshan-2024.json")));
    h.run();
    assert!(h.query_by_label("自动备份不可用，请勤保存").is_some(), "still said after opening a file");

    // Backups that start to fail later (the folder is gone): said at once, without
    // waiting for the next key press.
    let data = dir.join("data2");
    let mut h = app_harness(data.clone());
    h.state_mut().set_autosave_interval(Duration::ZERO);
    h.run_steps(2);
    assert!(h.query_by_label("自动备份不可用，请勤保存").is_none());
    std::fs::remove_dir_all(nianbao::recovery::folder(&data)).unwrap();
    h.get_by_label("前言").focus();
    h.get_by_label("前言").type_text("没有保存的前言。");
    // Every frame would retry at once (interval zero): step instead of settling.
    h.run_steps(3);
    assert!(h.query_by_label("自动备份不可用，请勤保存").is_some());
    std::fs::remove_dir_all(dir).unwrap();
}
