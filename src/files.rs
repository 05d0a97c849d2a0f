//! Writing files so that a failure never leaves a half-written file behind.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is
/// written and flushed to disk, then renamed over the target. If anything
/// fails, the target is untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_keeping(path, bytes, None)
}

/// Like [`write_atomic`], and the file being replaced is first copied to `backup`.
pub fn write_atomic_keeping(path: &Path, bytes: &[u8], backup: Option<&Path>) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file path"))?;
    let temp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if let Some(backup) = backup
            && path.is_file()
        {
            std::fs::copy(path, backup)?;
        }
        replace(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
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
    fn a_missing_folder_fails_cleanly() {
        let err = write_atomic(Path::new("/nonexistent/folder/x.pdf"), b"x").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    }
}
