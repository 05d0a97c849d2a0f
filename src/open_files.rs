//! Two windows on one report (issue 13): which reports are open in a window of
//! this program, so that a second window opening the same file can say so, and
//! what a report file looked like on disk when it was opened or saved, so that
//! saving over changes made since (by another window, a colleague, a sync
//! client) asks first.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file's size and modification time, as last seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl FileStamp {
    /// None: the file is not there (or cannot be read).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileStamp { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// Held while a window has a report open: an exclusive lock on a small file in
/// the app data folder named after the report's full path. The lock ends with
/// the window (or its process, however it ends).
#[derive(Debug)]
pub struct OpenLock {
    _file: File,
}

/// Another window has the report open.
#[derive(Debug, PartialEq, Eq)]
pub struct OpenElsewhere;

impl OpenLock {
    /// Takes the lock for `report`. `Ok(None)`: no lock could be made (the data
    /// folder is not writable): nothing is known about other windows.
    pub fn take(data_dir: &Path, report: &Path) -> Result<Option<OpenLock>, OpenElsewhere> {
        let dir = data_dir.join("open");
        if std::fs::create_dir_all(&dir).is_err() {
            return Ok(None);
        }
        let Ok(file) = File::options().create(true).truncate(false).write(true).open(lock_path(&dir, report)) else {
            return Ok(None);
        };
        match file.try_lock() {
            Ok(()) => Ok(Some(OpenLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Err(OpenElsewhere),
            Err(_) => Ok(None),
        }
    }
}

/// `open/HASH.lock`: FNV-1a of the report's full path (the same in every window).
fn lock_path(dir: &Path, report: &Path) -> PathBuf {
    let full = std::fs::canonicalize(report).unwrap_or_else(|_| report.to_path_buf());
    let hash =
        full.to_string_lossy().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    dir.join(format!("{hash:016x}.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_window_sees_the_first_and_a_closed_one_is_forgotten() {
        let dir = std::env::temp_dir().join(format!("nianbao-open-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let report = dir.join("年报.json");
        std::fs::write(&report, "{}").unwrap();
        let first = OpenLock::take(&dir, &report).unwrap().expect("a lock");
        // The same file by another spelling is the same report.
        let other_spelling = dir.join(".").join("年报.json");
        assert_eq!(OpenLock::take(&dir, &other_spelling).unwrap_err(), OpenElsewhere);
        assert!(OpenLock::take(&dir, &dir.join("另一个.json")).unwrap().is_some());
        drop(first);
        assert!(OpenLock::take(&dir, &report).unwrap().is_some(), "the window was closed");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_stamp_changes_when_the_file_does() {
        let dir = std::env::temp_dir().join(format!("nianbao-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.json");
        std::fs::write(&f, "one").unwrap();
        let stamp = FileStamp::of(&f);
        assert_eq!(FileStamp::of(&f), stamp);
        std::fs::write(&f, "three").unwrap();
        assert_ne!(FileStamp::of(&f), stamp);
        assert_eq!(FileStamp::of(&dir.join("none")), None);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
