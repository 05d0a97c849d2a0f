//! The record that a cache file passed its full check: `NAME.ok` beside it, holding
//! what identifies that version of the file (size, modification and change times
//! to the nanosecond, inode; creation time on Windows). While the file still
//! matches its record it is used without reading it all again: a write to the
//! file, or a new file renamed over it, changes the record's fields.
//!
//! The record is made only by a check that read the whole file, never by the
//! writer: a file that a power cut left half on disk is caught by the first use
//! after it. A record stands for a day; then the whole file is checked again
//! (blocks gone bad on the disk change none of the identity's fields).

use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// Where the record of `path` is kept.
pub fn path_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".ok");
    path.with_file_name(name)
}

/// What identifies this version of the file.
fn identity(meta: &Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!("1 {} {}.{} {}.{} {}", meta.len(), meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
        };
        format!("1 {} {} {}", meta.len(), nanos(meta.modified()), nanos(meta.created()))
    }
}

/// How long a record stands: a file whose blocks went bad on the disk keeps its
/// size, times and inode, so the whole file is checked again at least this often.
const TRUSTED_FOR: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Whether the file with metadata `meta` at `path` is the version that passed its
/// check, less than [`TRUSTED_FOR`] ago (the record's own modification time).
pub fn verified(path: &Path, meta: &Metadata) -> bool {
    // A record is a few dozen bytes; anything larger is not one.
    let record = path_of(path);
    let fresh = |m: &Metadata| m.modified().ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age < TRUSTED_FOR);
    std::fs::metadata(&record).is_ok_and(|m| m.is_file() && m.len() < 256 && fresh(&m))
        && std::fs::read(&record).is_ok_and(|r| r == identity(meta).as_bytes())
}

/// How old a file's last change must be for a record: file times advance in clock
/// ticks (a few milliseconds), so a write just after the check could leave them as
/// they were; a write after this long cannot.
const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// Records that the file with metadata `meta` at `path` passed its check, once its
/// last change has settled (until then each use checks it whole). A failure to
/// write the record only means the next use checks the file again.
pub fn record(path: &Path, meta: &Metadata) {
    let settled = meta.modified().ok().and_then(|m| m.elapsed().ok()).is_some_and(|age| age >= SETTLED);
    if settled {
        let _ = super::write_unsynced(&path_of(path), &[identity(meta).as_bytes()]);
    }
}
