//! What a file written by nianbao may replace (issue 13: an output must never
//! destroy an input or a report).
//!
//! - No output may be one of the command's inputs, compared as files (links,
//!   relative paths and `..` resolved), not as strings.
//! - An export never replaces a nianbao report.
//! - A read-only file is refused, not replaced.
//! - Only regular files are replaced: a device, a pipe, a folder is refused with
//!   a message that says what it is.
//! - A symbolic link is written through (its target is replaced, the link stays);
//!   a link to nothing is refused.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{FileOp, io_message};

/// What is being written: the rules differ in whether it may replace a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writing {
    /// A report file (保存, 另存为, `new`, `merge`).
    Report,
    /// A PDF, .docx or web page.
    Export,
}

/// A file the output is made from, and what it is to the user (「上年报告」,
/// 「要汇总的年报」 …), for the message that refuses to write over it.
pub type Input<'a> = (&'a Path, &'static str);

/// Checks that `path` may be written; returns the file to replace (a symbolic
/// link resolved to its target). The error is a Chinese sentence naming the file.
/// Nothing is opened before its type is known (a named pipe would block).
pub fn check_target(path: &Path, inputs: &[Input], writing: Writing) -> Result<PathBuf, String> {
    let real = writable(path)?;
    let shown = path.display();
    if let Some((_, role)) = inputs.iter().find(|(input, _)| same_file(&real, input)) {
        return Err(format!("「{shown}」就是{role}，写到它上面会毁掉它"));
    }
    if writing == Writing::Report {
        // Saving keeps the old file as NAME.bak: that file is replaced too.
        let backup = super::backup_path(&real);
        let old = backup.display();
        writable(&backup).map_err(|why| format!("保存时原来的文件要存为「{old}」（上一版的备份），但{why}"))?;
        if let Some((_, role)) = inputs.iter().find(|(input, _)| same_file(&backup, input)) {
            return Err(format!("保存「{shown}」时原来的文件要存为「{old}」，而它就是{role}，会被毁掉"));
        }
    } else if real.exists() && is_report(&real) {
        return Err(format!("「{shown}」是一个年报文件，导出不会覆盖它"));
    }
    Ok(real)
}

/// `path` as the file to replace: a regular file that is not read-only (a link
/// resolved), or a name not yet taken.
fn writable(path: &Path) -> Result<PathBuf, String> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                return Err(format!("「{shown}」是一个指向不存在文件的链接，不会替换它"));
            }
            Ok(path.to_path_buf())
        }
        Err(e) => Err(io_message(FileOp::Write, path, &e)),
        Ok(meta) if !meta.is_file() => {
            let kind = crate::read_limits::NotAFile::of(meta.file_type()).name();
            Err(format!("「{shown}」是{kind}，不是普通文件，不能写入"))
        }
        Ok(meta) if meta.permissions().readonly() => Err(format!("「{shown}」是只读文件，不会覆盖它")),
        Ok(_) => std::fs::canonicalize(path).map_err(|e| io_message(FileOp::Write, path, &e)),
    }
}

/// Whether two paths name one file, without opening either (a named pipe would
/// block): the same device and inode on Unix, the same file elsewhere.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        same_file::is_same_file(a, b).unwrap_or(false)
    }
}

/// The first file named twice in `paths` (as the same file, however spelled):
/// 「「a.json」给出了两次」.
pub fn repeated(paths: &[PathBuf]) -> Option<String> {
    paths.iter().enumerate().find_map(|(i, p)| {
        paths[..i].iter().any(|q| same_file(p, q)).then(|| format!("「{}」给出了两次：同一份年报只能汇总一次", p.display()))
    })
}

/// Whether the file begins as a nianbao report does (only its first 4 KB are read).
fn is_report(path: &Path) -> bool {
    let mut head = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head)).is_ok()
        && crate::model::file::looks_like_report(&head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-target-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn an_input_is_never_an_output_however_it_is_named() {
        let dir = scratch("input");
        let input = dir.join("年报.json");
        std::fs::write(&input, "{}").unwrap();
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        let roundabout = sub.join("..").join("年报.json");
        for (output, writing) in [(&input, Writing::Export), (&roundabout, Writing::Report)] {
            let e = check_target(output, &[(&input, "上年报告")], writing).unwrap_err();
            assert!(e.ends_with("就是上年报告，写到它上面会毁掉它"), "{e}");
        }
        #[cfg(unix)]
        {
            let link = dir.join("link.pdf");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(check_target(&link, &[(&input, "上年报告")], Writing::Report).is_err(), "a link to the input");
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_export_does_not_replace_a_report_but_a_save_may() {
        let dir = scratch("report");
        let report = dir.join("年报.pdf");
        std::fs::write(
            &report,
            crate::model::file::to_json(&crate::model::Report::new(crate::model::TemplateId::V2021, 2024, "某局")),
        )
        .unwrap();
        let e = check_target(&report, &[], Writing::Export).unwrap_err();
        assert!(e.contains("是一个年报文件"), "{e}");
        assert!(check_target(&report, &[], Writing::Report).is_ok());
        let pdf = dir.join("old.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        assert!(check_target(&pdf, &[], Writing::Export).is_ok(), "another file may be replaced");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn read_only_and_special_files_are_refused_and_links_written_through() {
        let dir = scratch("special");
        let ro = dir.join("只读.pdf");
        std::fs::write(&ro, b"x").unwrap();
        let mut perms = std::fs::metadata(&ro).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&ro, perms).unwrap();
        assert!(check_target(&ro, &[], Writing::Export).unwrap_err().contains("只读文件"));
        assert!(check_target(&dir, &[], Writing::Export).unwrap_err().contains("是文件夹"));
        #[cfg(unix)]
        {
            let e = check_target(Path::new("/dev/null"), &[], Writing::Export).unwrap_err();
            assert!(e.contains("设备文件，不是普通文件"), "{e}");
            let real = dir.join("real.pdf");
            std::fs::write(&real, b"x").unwrap();
            let link = dir.join("link.pdf");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            assert_eq!(check_target(&link, &[], Writing::Export).unwrap(), std::fs::canonicalize(&real).unwrap());
            let dangling = dir.join("dangling.pdf");
            std::os::unix::fs::symlink(dir.join("nothing"), &dangling).unwrap();
            assert!(check_target(&dangling, &[], Writing::Export).unwrap_err().contains("不存在文件的链接"));
        }
        let mut perms = std::fs::metadata(&ro).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&ro, perms).unwrap();
        std::fs::remove_dir_all(dir).unwrap();
    }
}
