//! Writing files so that a failure never leaves a half-written file behind, and
//! a report's backup that is always a whole file.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::{FileOp, Input, Writing, check_target, io_message};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is
/// written and flushed to disk, then renamed over the target. If anything
/// fails, the target is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_keeping(path, bytes, None)
}

/// Like [`write_atomic`], and the file being replaced is first kept as `backup`.
/// The backup is itself replaced atomically (linked or copied under a temporary
/// name, then renamed), so at every moment both the file and its backup are whole
/// files: a full disk fails the save and leaves both as they were.
pub fn write_atomic_keeping(path: &Path, bytes: &[u8], backup: Option<&Path>) -> std::io::Result<()> {
    write_via_temp(path, bytes, backup, true)
}

/// Writes through a temporary file renamed over `path` (the old file stays whole
/// until the new one is), flushed to disk first when `durable`. An export is not:
/// it is made again from its report in a moment, and waiting for the disk took
/// longer than making a PDF (2 ms of a 15 ms export here; more on a hard disk).
fn write_via_temp(path: &Path, bytes: &[u8], backup: Option<&Path>, durable: bool) -> std::io::Result<()> {
    remove_dead_temps(path);
    let temp = temp_path(path)?;
    let result = (|| {
        let mut f = create_new(&temp)?;
        // Held until the rename: `remove_dead_temps` leaves the file alone meanwhile.
        let _ = f.try_lock();
        f.write_all(bytes)?;
        if durable {
            f.sync_all()?;
        }
        if let Some(backup) = backup
            && path.is_file()
        {
            keep_backup(path, backup)?;
        }
        if let Ok(meta) = std::fs::metadata(path) {
            // The replaced file's permissions (a shared report stays readable by the group).
            let _ = std::fs::set_permissions(&temp, meta.permissions());
        }
        replace(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Creates `temp` afresh: whatever is at that name (a file a killed write left, or a
/// link someone planted to make this program write through it into another file)
/// is removed first, and the new file is created only if nothing is there then
/// (O_EXCL: a link is never followed).
pub(crate) fn create_new(temp: &Path) -> std::io::Result<std::fs::File> {
    let _ = std::fs::remove_file(temp);
    std::fs::OpenOptions::new().write(true).create_new(true).open(temp)
}

/// The temporary file a write of `path` goes through: `.NAME.PID.tmp` beside it.
fn temp_path(path: &Path) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::new(ErrorKind::InvalidInput, "not a file path"))?;
    Ok(dir.join(format!(".{}.{}.tmp", temp_stem(&name.to_string_lossy()), std::process::id())))
}

/// The longest file name, in bytes (ext4 and most others; NTFS counts UTF-16 units,
/// never more than the UTF-8 bytes).
const NAME_MAX: usize = 255;
/// What a temporary name adds to its stem: two dots, a process id, `.tmp`.
const TEMP_EXTRA: usize = 2 + 10 + 4;

/// The part of a temporary name that stands for the file `name`: the name itself,
/// or, where the temporary name would be too long for the disk, the name's start
/// and a checksum of the whole name (so a file and its `.bak` still differ).
fn temp_stem(name: &str) -> String {
    if name.len() + TEMP_EXTRA <= NAME_MAX {
        return name.to_string();
    }
    let mut cut = NAME_MAX - TEMP_EXTRA - 9; // "~" and 8 hex digits
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{:08x}", &name[..cut], crc32fast::hash(name.as_bytes()))
}

/// `path` as `backup`, atomically: a hard link (no space needed) or else a copy,
/// under a temporary name, renamed over the old backup.
fn keep_backup(path: &Path, backup: &Path) -> std::io::Result<()> {
    let temp = temp_path(backup)?;
    let _ = std::fs::remove_file(&temp);
    let made = std::fs::hard_link(path, &temp).or_else(|_| {
        std::fs::copy(path, &temp)?;
        std::fs::File::open(&temp)?.sync_all()
    });
    let result = made.and_then(|()| replace(&temp, backup));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Removes the temporary files writes of `path` (and of its backup) left behind
/// when their program was killed: `.NAME.PID.tmp` and `.NAME.bak.PID.tmp` beside
/// it (no other name is touched). Called before every write of a file and when a
/// report is opened.
pub fn remove_dead_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else { return };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let name = name.to_string_lossy();
    let prefixes = [temp_stem(&name), temp_stem(&format!("{name}.bak"))].map(|stem| format!(".{stem}."));
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let pid = |p: &String| file.strip_prefix(p.as_str()).and_then(|r| r.strip_suffix(".tmp"));
        if prefixes.iter().filter_map(pid).any(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())) {
            remove_if_dead(&entry.path());
        }
    }
}

/// How long a write may take before its temporary file counts as left behind
/// when it cannot be told whether its program still runs.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes a temporary file of [`write_atomic`] (`.NAME.PID.tmp`) whose writer is
/// gone: not locked by a running program, and its process has ended (Unix), or
/// it was last written long ago. A write that has just begun is left alone.
pub fn remove_if_dead(temp: &Path) {
    let name = temp.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let pid = name.strip_suffix(".tmp").and_then(|n| n.rsplit('.').next()).and_then(|p| p.parse::<u32>().ok());
    let old =
        std::fs::metadata(temp).and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ABANDONED_AFTER));
    let ended = pid.is_some_and(|pid| !process_runs(pid));
    if !(old || ended) {
        return;
    }
    if let Ok(f) = std::fs::File::options().write(true).open(temp)
        && f.try_lock().is_ok()
    {
        let _ = std::fs::remove_file(temp);
    }
}

/// Whether process `pid` still runs (Unix: signal 0). Elsewhere unknown: true.
fn process_runs(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: kill with signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Writes an output by the rules of [`check_target`] (never an input, an export
/// never over a report, never a read-only or special file, links written through)
/// and atomically; a report is flushed to disk before it replaces the old one and
/// keeps its previous version as `NAME.bak`. The error
/// is the Chinese sentence to show; the old file is then untouched.
pub fn write_output(path: &Path, bytes: &[u8], inputs: &[Input], writing: Writing) -> Result<(), String> {
    let real = check_target(path, inputs, writing)?;
    let written = match writing {
        Writing::Report => write_atomic_keeping(&real, bytes, Some(&backup_path(&real))),
        Writing::Export => write_via_temp(&real, bytes, None, false),
    };
    let op = if writing == Writing::Report { FileOp::Save } else { FileOp::Write };
    written.map_err(|e| io_message(op, path, &e))
}

/// Where a report's previous version is kept: `年报.json` → `年报.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    name.into()
}

/// Renames `from` over `to`. On Windows another program (antivirus, indexer,
/// WPS, a sync client) may hold the target for a moment: retry for about a second.
fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match std::fs::rename(from, to) {
            Err(e) if cfg!(windows) && e.kind() == std::io::ErrorKind::PermissionDenied && attempt < 10 => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = std::env::temp_dir().join(format!("nianbao-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("年报 2024.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn a_link_planted_at_the_temporary_name_is_never_written_through() {
        let dir = std::env::temp_dir().join(format!("nianbao-atomic-link-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim.conf");
        std::fs::write(&victim, b"secret").unwrap();
        let target = dir.join("report.pdf");
        std::os::unix::fs::symlink(&victim, temp_path(&target).unwrap()).unwrap();
        write_atomic(&target, b"%PDF").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"secret", "the other file is untouched");
        assert!(!std::fs::symlink_metadata(&target).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_replaced_file_is_kept_as_a_backup() {
        let dir = std::env::temp_dir().join(format!("nianbao-files-bak-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (p, bak) = (dir.join("a.json"), dir.join("a.json.bak"));
        write_atomic_keeping(&p, b"first", Some(&bak)).unwrap();
        assert!(!bak.exists(), "nothing to keep the first time");
        write_atomic_keeping(&p, b"second", Some(&bak)).unwrap();
        assert_eq!((std::fs::read(&p).unwrap(), std::fs::read(&bak).unwrap()), (b"second".to_vec(), b"first".to_vec()));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_name_near_the_disks_limit_is_written_with_its_backup() {
        // 245 bytes: the file and its .bak fit, `.NAME.PID.tmp` would not.
        let dir = std::env::temp_dir().join(format!("nianbao-files-long-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let name = format!("{}.json", "年".repeat(80));
        let (p, bak) = (dir.join(&name), dir.join(format!("{name}.bak")));
        write_atomic_keeping(&p, b"first", Some(&bak)).unwrap();
        write_atomic_keeping(&p, b"second", Some(&bak)).unwrap();
        assert_eq!((std::fs::read(&p).unwrap(), std::fs::read(&bak).unwrap()), (b"second".to_vec(), b"first".to_vec()));
        assert_ne!(temp_stem(&name), temp_stem(&format!("{name}.bak")), "the file's and the backup's differ");
        // A temporary file a killed write left under the shortened name is found and removed.
        #[cfg(unix)]
        {
            let left = dir.join(format!(".{}.999999999.tmp", temp_stem(&name)));
            std::fs::write(&left, b"half").unwrap();
            remove_dead_temps(&p);
            assert!(!left.exists());
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no temporary file left");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_folder_fails_cleanly() {
        let err = write_atomic(Path::new("/nonexistent/folder/x.pdf"), b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }

    #[test]
    fn a_backup_that_cannot_be_made_leaves_the_old_one_whole() {
        // As on a full disk: the new backup cannot be written. The save fails, and
        // the report and its previous backup are both untouched (never cut short).
        let dir = std::env::temp_dir().join(format!("nianbao-files-fullbak-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let (p, bak) = (dir.join("a.json"), dir.join("a.json.bak"));
        write_atomic_keeping(&p, b"first", Some(&bak)).unwrap();
        write_atomic_keeping(&p, b"second", Some(&bak)).unwrap();
        // The backup's temporary name is taken by a folder with a file in it: neither
        // a link nor a copy can be made there.
        let blocker = temp_path(&bak).unwrap();
        std::fs::create_dir_all(blocker.join("x")).unwrap();
        assert!(write_atomic_keeping(&p, b"third", Some(&bak)).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        assert_eq!(std::fs::read(&bak).unwrap(), b"first");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn temporary_files_of_dead_writers_go_and_live_ones_stay() {
        let dir = std::env::temp_dir().join(format!("nianbao-files-temps-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("年报.json");
        std::fs::write(&p, b"report").unwrap();
        // Processes that do not exist (above any pid_max), and this one.
        let dead = dir.join(".年报.json.999999999.tmp");
        let dead_backup = dir.join(".年报.json.bak.999999999.tmp");
        let live = dir.join(".年报.json.999999998.tmp");
        // Process 1 runs: its temporary file, not yet locked, is a write that has just begun.
        let starting = dir.join(".年报.json.1.tmp");
        let other = dir.join(".别的.json.999999999.tmp");
        let not_ours = dir.join(".年报.json.notes.tmp");
        for f in [&dead, &dead_backup, &live, &other, &not_ours, &starting] {
            std::fs::write(f, vec![0u8; 4096]).unwrap();
        }
        let writer = std::fs::File::options().write(true).open(&live).unwrap();
        writer.try_lock().unwrap(); // another window, saving right now
        write_atomic(&p, b"saved").unwrap();
        assert!(!dead.exists() && !dead_backup.exists(), "left by a killed save");
        assert!(live.exists(), "being written by a running program");
        assert!(other.exists(), "another file's");
        assert!(not_ours.exists(), "not a temporary file of a save");
        #[cfg(unix)]
        assert!(starting.exists(), "its program runs and may lock it any moment");
        drop(writer);
        remove_dead_temps(&p);
        assert!(!live.exists(), "its writer is gone now");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_permissions_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("nianbao-files-link-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let real = dir.join("real.pdf");
        std::fs::write(&real, b"old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("link.pdf");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_output(&link, b"new", &[], Writing::Export).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
