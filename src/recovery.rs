//! Recovery files: while a report has unsaved changes, the app writes it every
//! 30 s (and when the window loses focus) to `recovery/` under the app data
//! folder — never over the user's own file. A clean exit or a save removes it;
//! after a crash, a power cut or a kill the next start finds it and offers it back.
//!
//! Each running app holds an exclusive lock on its own lock file, so a second
//! app started alongside does not offer the first one's work as “lost”.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::{Value, json};

use crate::model::{Report, file};

const FORMAT_TAG: &str = "nianbao-recovery";

/// This app's recovery slot.
pub struct Recovery {
    json: PathBuf,
    lock_path: PathBuf,
    /// Held (and locked) for as long as the app runs.
    _lock: File,
}

/// A report left behind by an app that did not exit cleanly.
pub struct Orphan {
    pub report: Report,
    /// The file the report was opened from or saved to, if any.
    pub source: Option<PathBuf>,
    pub saved_at: SystemTime,
    json: PathBuf,
    lock_path: PathBuf,
}

impl Orphan {
    /// Deletes the recovery file (after it was restored or discarded).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.json);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// The folder of recovery files under `data_dir`.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

impl Recovery {
    /// Claims a new slot under `data_dir`.
    pub fn start(data_dir: &Path) -> std::io::Result<Recovery> {
        let dir = folder(data_dir);
        std::fs::create_dir_all(&dir)?;
        let mut attempt = 0;
        loop {
            let stamp = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_nanos();
            let id = format!("{}-{stamp}", std::process::id());
            let lock_path = dir.join(format!("{id}.lock"));
            let lock = File::create(&lock_path)?;
            // Between creating and locking, another window starting up may take the
            // unlocked file for a dead app's (`remove_stale`) and delete it: start over.
            let taken = match lock.try_lock() {
                Ok(()) => lock_path.exists(),
                Err(std::fs::TryLockError::WouldBlock) => false,
                Err(e) => return Err(e.into()),
            };
            if taken {
                return Ok(Recovery { json: dir.join(format!("{id}.json")), lock_path, _lock: lock });
            }
            attempt += 1;
            if attempt == 5 {
                return Err(std::io::ErrorKind::WouldBlock.into());
            }
        }
    }

    /// The recovery file (for messages).
    pub fn file(&self) -> &Path {
        &self.json
    }

    /// Writes the report (atomically) to the recovery file.
    pub fn write(&self, report: &Report, source: Option<&Path>) -> std::io::Result<()> {
        let saved_at = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_secs();
        let report: Value = serde_json::from_str(&file::to_json(report)).map_err(std::io::Error::other)?;
        let wrapper = json!({
            "format": FORMAT_TAG,
            "saved_at": saved_at,
            "source": source.map(|p| p.to_string_lossy().into_owned()),
            "report": report,
        });
        crate::files::write_atomic(&self.json, wrapper.to_string().as_bytes())
    }

    /// Removes the recovery file (the work is saved, or the user chose not to keep it).
    pub fn clear(&self) {
        let _ = std::fs::remove_file(&self.json);
    }

    /// On a clean exit: nothing left to recover.
    pub fn finish(self) {
        self.clear();
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Reports left by apps that are no longer running, newest first. Files that
/// cannot be read are skipped (and left where they are).
pub fn orphans(data_dir: &Path) -> Vec<Orphan> {
    let Ok(entries) = std::fs::read_dir(folder(data_dir)) else { return Vec::new() };
    let mut found: Vec<Orphan> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|json| {
            let lock_path = json.with_extension("lock");
            if owner_alive(&lock_path) {
                return None;
            }
            let (report, source, saved_at) = read(&json)?;
            Some(Orphan { report, source, saved_at, json, lock_path })
        })
        .collect();
    found.sort_by_key(|o| std::cmp::Reverse(o.saved_at));
    found
}

/// Whether the app that made `lock_path` still runs: it holds an exclusive lock
/// on the file for as long as it does. A missing lock file has no owner either.
fn owner_alive(lock_path: &Path) -> bool {
    match File::options().write(true).open(lock_path) {
        Ok(lock) => lock.try_lock().is_err(),
        Err(_) => false,
    }
}

/// A recovery file's report, the file it came from and when it was written
/// (None when the file is damaged or not a recovery file).
fn read(json: &Path) -> Option<(Report, Option<PathBuf>, SystemTime)> {
    // Bounded like a report file (a link to /dev/zero here must not fill the memory).
    let cap = crate::read_limits::SizeCap { bytes: crate::model::file::REPORT_CAP.bytes * 2, what: "恢复文件" };
    let bytes = crate::read_limits::read_regular_file(json, cap).ok()?;
    let wrapper: Value = serde_json::from_slice(&bytes).ok()?;
    if wrapper.get("format")? != FORMAT_TAG {
        return None;
    }
    let report = file::from_json(&wrapper.get("report")?.to_string()).ok()?;
    let secs = wrapper.get("saved_at").and_then(Value::as_u64).unwrap_or(0);
    let source = wrapper.get("source").and_then(Value::as_str).map(PathBuf::from);
    Some((report, source, SystemTime::UNIX_EPOCH + Duration::from_secs(secs)))
}

/// Removes what apps that were killed or crashed left behind with nothing to
/// recover: their lock files (when they had no unsaved changes, or a damaged
/// recovery file) and half-written temporary files. Only files whose app is
/// gone are touched: another window that is running keeps its lock.
pub fn remove_stale(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(folder(data_dir)) else { return };
    for path in entries.flatten().map(|e| e.path()) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if let Some(id) = name.strip_suffix(".lock") {
            let json = path.with_file_name(format!("{id}.json"));
            if read(&json).is_some() {
                continue; // offered by `orphans`, removed once restored or discarded
            }
            if let Ok(lock) = File::options().write(true).open(&path)
                && lock.try_lock().is_ok()
            {
                // Deleted while locked, so no other start can mistake it for a live app's.
                let _ = std::fs::remove_file(&path);
            }
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            // files::write_atomic's temporary file, from an app killed while writing.
            crate::files::remove_if_dead(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-recovery-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_running_apps_work_is_not_an_orphan_but_a_dead_ones_is() {
        let dir = scratch("lock");
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.preamble = "未保存的修改".into();
        let slot = Recovery::start(&dir).unwrap();
        slot.write(&r, Some(Path::new("/报告/某局.json"))).unwrap();
        assert!(orphans(&dir).is_empty(), "its app still holds the lock");
        // The app dies without cleaning up: the lock goes, the file stays.
        drop(slot);
        let found = orphans(&dir);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].report, r);
        assert_eq!(found[0].source.as_deref(), Some(Path::new("/报告/某局.json")));
        found[0].remove();
        assert!(orphans(&dir).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_clean_exit_leaves_nothing() {
        let dir = scratch("clean");
        let slot = Recovery::start(&dir).unwrap();
        slot.write(&Report::new(TemplateId::V2021, 2024, "某局"), None).unwrap();
        slot.finish();
        assert_eq!(std::fs::read_dir(folder(&dir)).unwrap().count(), 0);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn stale_locks_are_removed_and_a_running_apps_lock_survives() {
        let dir = scratch("stale");
        let running = Recovery::start(&dir).unwrap();
        running.write(&Report::new(TemplateId::V2021, 2024, "正在编辑"), None).unwrap();
        let f = folder(&dir);
        // Apps killed with nothing unsaved: only their lock files are left.
        std::fs::write(f.join("101-1.lock"), "").unwrap();
        drop(Recovery::start(&dir).unwrap());
        // An app killed with unsaved work: its lock and recovery file stay to be offered.
        let crashed = Recovery::start(&dir).unwrap();
        crashed.write(&Report::new(TemplateId::V2021, 2024, "崩溃局"), None).unwrap();
        let (crashed_json, crashed_lock) = (crashed.json.clone(), crashed.lock_path.clone());
        drop(crashed);
        // A damaged recovery file: nothing to offer, its lock goes, the file stays.
        std::fs::write(f.join("102-2.lock"), "").unwrap();
        std::fs::write(f.join("102-2.json"), "{ truncated").unwrap();
        // Half-written temporary files: one of a dead app, one of the running app.
        std::fs::write(f.join(".103-3.json.999999999.tmp"), "{").unwrap(); // no such process
        let running_tmp = f.join(format!(".{}.{}.tmp", running.json.file_name().unwrap().to_string_lossy(), 1));
        std::fs::write(&running_tmp, "{").unwrap();
        // Being written right now: its writer holds it locked, as files::write_atomic does.
        let writing = File::options().write(true).open(&running_tmp).unwrap();
        writing.try_lock().unwrap();

        remove_stale(&dir);

        let mut left: Vec<String> =
            std::fs::read_dir(&f).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
        let mut expected = vec![
            name(&running.lock_path),
            name(&running.json),
            name(&running_tmp),
            name(&crashed_json),
            name(&crashed_lock),
            "102-2.json".to_string(),
        ];
        expected.sort();
        assert_eq!(left, expected);
        assert!(running.lock_path.exists(), "the running app's lock is untouched");
        assert_eq!(orphans(&dir).len(), 1, "the crashed app's work is still offered");
        drop(writing);
        running.finish();
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn damaged_recovery_files_are_skipped() {
        let dir = scratch("damaged");
        std::fs::create_dir_all(folder(&dir)).unwrap();
        std::fs::write(folder(&dir).join("1-1.json"), "{ truncated").unwrap();
        assert!(orphans(&dir).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
