//! The verbs that read published documents: `import`, and `check` over many
//! files as an audit of published reports.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK, usage_error};
use crate::files::Writing;
use crate::import::{self, Imported};
use crate::model::{self, Report, Severity};

/// The most files one audit reads (a county has a few hundred reports).
const MAX_FILES: usize = 10_000;

/// A report file, or a document imported on the fly; the error names the file.
pub fn load_any(path: &Path) -> Result<(Report, Option<Imported>), String> {
    load_any_or_reason(path).map_err(|(verb, why)| format!("{verb}「{}」：{why}", path.display()))
}

/// [`load_any`] for a list that shows the file beside the reason: the error is
/// what failed (无法导入 / 无法打开) and why, without the file's path.
fn load_any_or_reason(path: &Path) -> Result<(Report, Option<Imported>), (&'static str, String)> {
    if import::is_document(path) {
        let imported = import::import_file(path).map_err(|e| ("无法导入", e.to_string()))?;
        Ok((imported.report.clone(), Some(imported)))
    } else {
        crate::files::remove_dead_temps(path);
        model::file::load(path).map(|r| (r, None)).map_err(|e| ("无法打开", e.to_string()))
    }
}

/// `nianbao import FILE -o REPORT.json [--replace]`.
pub fn import(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let a = match super::files_and_output(args) {
        Ok(a) => a,
        Err(why) => return usage_error(err, &why),
    };
    let ([file], Some(output), None) = (a.files.as_slice(), a.output, a.from) else {
        return usage_error(err, "用法：nianbao import 已发布的年报.pdf|.docx|.html|.txt -o 年报.json");
    };
    let inputs = [(file.as_path(), "要导入的文件")];
    if !super::may_write(&output, &inputs, Writing::Report, a.replace, err) {
        return EXIT_FAILURE;
    }
    let imported = match import::import_file(file) {
        Ok(i) => i,
        Err(e) => {
            let _ = writeln!(err, "错误：无法导入「{}」：{e}", file.display());
            return EXIT_FAILURE;
        }
    };
    let r = &imported.report;
    let _ = writeln!(
        out,
        "已读取「{}」：{}，{}年度，{}；表格 {} 个单元格，其中 {} 个未能读取",
        file.display(),
        super::shown(if r.agency.is_empty() { "（未读到编制单位）" } else { &r.agency }),
        r.year,
        r.template.name(),
        cell_count(r),
        r.unread.len()
    );
    let lines = imported.review_lines();
    if !lines.is_empty() {
        let _ = writeln!(out, "需要核对的 {} 项：", imported.review_count());
        for l in &lines {
            let _ = writeln!(out, "  {}", super::shown(l));
        }
    }
    if !super::write_report(&output, r, &inputs, err) {
        return EXIT_FAILURE;
    }
    let _ = writeln!(out, "已写出「{}」", output.display());
    if imported.complete() { EXIT_OK } else { EXIT_FINDINGS }
}

fn cell_count(r: &Report) -> usize {
    r.disclosure.iter().map(Vec::len).sum::<usize>() + r.applications.len() * 7 + r.reviews.len()
}

/// Whether `check`'s arguments ask for an audit: several files, a folder or a wildcard.
pub fn is_audit(files: &[PathBuf]) -> bool {
    files.len() > 1 || files.iter().any(|f| f.is_dir() || has_wildcard(f))
}

fn has_wildcard(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n.to_string_lossy().contains(['*', '?']))
}

/// `**`, or a wildcard in a folder's name (`*/年报.pdf`): not supported.
fn unsupported_wildcard(p: &Path) -> bool {
    let text = p.to_string_lossy();
    text.contains("**") || p.parent().is_some_and(|d| d.to_string_lossy().contains(['*', '?']))
}

/// `*` and `?` in a file name (Windows' cmd does not expand them).
fn wildcard_match(pattern: &[char], name: &[char]) -> bool {
    match (pattern.first(), name.first()) {
        (None, None) => true,
        (Some('*'), _) => wildcard_match(&pattern[1..], name) || (!name.is_empty() && wildcard_match(pattern, &name[1..])),
        (Some('?'), Some(_)) => wildcard_match(&pattern[1..], &name[1..]),
        (Some(p), Some(n)) => p.to_lowercase().eq(n.to_lowercase()) && wildcard_match(&pattern[1..], &name[1..]),
        _ => false,
    }
}

fn readable_kind(p: &Path) -> bool {
    import::is_document(p) || p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The files named, and what a folder or wildcard held that is not a file
/// to read (each a Chinese line naming it).
pub struct Listing {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
    /// A wildcard or folder that gave no file (or could not be listed), each a
    /// Chinese line: the others are checked all the same.
    pub missing: Vec<String>,
}

/// The files named: wildcards expanded, folders listed (reports and documents
/// in them; a subfolder is named as skipped, not searched), sorted by path,
/// each once. A pipe, device or folder in a folder or wildcard is skipped and
/// named; what matched nothing is named in `missing`. Only too many files is
/// an error.
pub fn expand(args: &[PathBuf]) -> Result<Listing, String> {
    let mut out = Vec::new();
    let (mut skipped, mut missing) = (Vec::new(), Vec::new());
    for a in args {
        if unsupported_wildcard(a) {
            missing.push(format!(
                "「{}」：不支持「**」和文件夹名中的通配符；请写出文件夹（如「文件夹/*.pdf」），子文件夹请分别写出",
                a.display()
            ));
            continue;
        }
        let wildcard = has_wildcard(a);
        let dir: &Path = if wildcard {
            a.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
        } else if a.is_dir() {
            a.as_path()
        } else {
            out.push(a.clone());
            continue;
        };
        let pattern: Vec<char> = a.file_name().map(|n| n.to_string_lossy().chars().collect()).unwrap_or_default();
        let wanted = |p: &Path| {
            if wildcard {
                p.file_name().is_some_and(|n| wildcard_match(&pattern, &n.to_string_lossy().chars().collect::<Vec<_>>()))
            } else {
                readable_kind(p) || p.is_dir()
            }
        };
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                missing.push(format!("无法读取文件夹「{}」：{}", dir.display(), crate::files::io_reason(&e)));
                continue;
            }
        };
        let mut found = Vec::new();
        for p in entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| wanted(p)) {
            if p.is_file() {
                found.push(p);
            } else if p.is_dir() {
                skipped.push(format!("「{}」是子文件夹，已略过（其中的文件不审核；要审核请另外写出这个文件夹）", p.display()));
            } else {
                skipped.push(format!("「{}」不是普通文件（管道、设备或文件夹），已略过", p.display()));
            }
        }
        if found.is_empty() {
            missing.push(if wildcard {
                format!("没有与「{}」相符的文件", a.display())
            } else {
                format!("文件夹「{}」中没有年报文件（年报文件、PDF、Word 文档、网页或文本文件）", a.display())
            });
        }
        out.extend(found);
        if out.len() > MAX_FILES {
            return Err(format!("文件太多：超过 {MAX_FILES} 个，请分批审核"));
        }
    }
    out.sort();
    out.dedup();
    skipped.sort();
    Ok(Listing { files: out, skipped, missing })
}

/// One file's audit result.
pub struct Audited {
    pub path: PathBuf,
    /// Err: why it could not be read (its path is `path`, not repeated here).
    pub result: Result<(Report, Vec<model::Finding>), String>,
    /// A document whose title gave no year (the report's year is a placeholder).
    pub year_unknown: bool,
}

impl Audited {
    pub fn counts(&self) -> Option<(usize, usize, usize)> {
        let (r, f) = self.result.as_ref().ok()?;
        let (e, w, _) = model::check::counts(f);
        Some((e, w, r.unread.len()))
    }
}

pub fn audit_files(files: &[PathBuf], options: &model::check::Options) -> Vec<Audited> {
    files
        .iter()
        .map(|path| {
            let loaded = load_any_or_reason(path).map_err(|(_, why)| why);
            let year_unknown = loaded.as_ref().is_ok_and(|(_, i)| {
                i.as_ref().is_some_and(|i| i.review.iter().any(|r| r.message.starts_with("没有找到报告年度")))
            });
            let result = loaded.map(|(report, _)| {
                let findings = model::check::check_with(&report, None, options);
                (report, findings)
            });
            Audited { path: path.clone(), result, year_unknown }
        })
        .collect()
}

/// `nianbao check A B …` / `check 文件夹` / `check *.pdf`.
pub fn audit(files: &[PathBuf], options: &model::check::Options, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let (files, missing) = match expand(files) {
        Ok(listing) => {
            for line in &listing.skipped {
                let _ = writeln!(out, "【已略过】{line}");
            }
            for line in &listing.missing {
                let _ = writeln!(out, "【没有文件】{line}");
            }
            (listing.files, listing.missing.len())
        }
        Err(why) => {
            let _ = writeln!(err, "错误：{why}");
            return EXIT_FAILURE;
        }
    };
    let results = audit_files(&files, options);
    let (mut unreadable, mut with_errors) = (0, 0);
    for a in &results {
        match &a.result {
            Err(why) => {
                unreadable += 1;
                let _ = writeln!(out, "【无法读取】{}：{why}", a.path.display());
            }
            Ok((report, findings)) => {
                let (e, w, unread) = a.counts().unwrap_or_default();
                if e > 0 {
                    with_errors += 1;
                }
                let _ = writeln!(
                    out,
                    "【{}】{}｜{}｜{}｜{e} 个错误｜{w} 个警告｜{unread} 个单元格未能读取",
                    if e > 0 { "有错误" } else { "无错误" },
                    a.path.display(),
                    super::shown(&report.agency),
                    if a.year_unknown { "年度未知".to_string() } else { format!("{}年度", report.year) },
                );
                for f in findings.iter().filter(|f| f.severity != Severity::Hint || f.message.starts_with("无法核对")) {
                    let _ = writeln!(out, "  {}", super::shown(&f.to_string()));
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "审核 {} 个文件：{with_errors} 个有错误，{unreadable} 个无法读取，{} 个没有错误{}",
        results.len(),
        results.len() - with_errors - unreadable,
        if missing > 0 { format!("；{missing} 处没有找到文件") } else { String::new() }
    );
    if unreadable > 0 || missing > 0 {
        EXIT_FAILURE
    } else if with_errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let m = |p: &str, n: &str| wildcard_match(&p.chars().collect::<Vec<_>>(), &n.chars().collect::<Vec<_>>());
        assert!(m("*.PDF", "年报.pdf"));
        assert!(m("a?c*", "abcdef"));
        assert!(!m("*.pdf", "年报.docx"));
    }
}
