//! Messages a clerk reads are Chinese: no system or library text in English
//! (「No such file or directory (os error 2)」) reaches the window or the console.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-messages-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// ASCII words left once the paths named and the product names are taken out.
fn english(message: &str, paths: &[&Path]) -> Vec<String> {
    let mut rest = message.to_string();
    for p in paths {
        rest = rest.replace(&p.display().to_string(), "");
    }
    for allowed in ["PDF", "Word", "WPS", "U 盘", "xdg-open"] {
        rest = rest.replace(allowed, "");
    }
    rest.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[test]
fn command_line_file_errors_are_chinese_and_name_the_file() {
    let dir = scratch("cli");
    let missing = dir.join("no such.json");
    let folder_as_output = dir.join("taken.pdf");
    std::fs::create_dir_all(&folder_as_output).unwrap();
    let no_folder = dir.join("no/folder/x.pdf");
    let long_name = dir.join(format!("{}.pdf", "长".repeat(120)));
    let cases: [(Vec<&str>, &Path, &str); 5] = [
        (vec!["check", missing.to_str().unwrap()], &missing, "找不到文件或文件夹"),
        // A folder is audited (issue 15): this one holds no report.
        (vec!["check", dir.to_str().unwrap()], &dir, "中没有年报文件"),
        (vec!["export", "examples/qingshan-2024.json", "-o", no_folder.to_str().unwrap()], &no_folder, "无法写入"),
        (
            vec!["export", "examples/qingshan-2024.json", "-o", folder_as_output.to_str().unwrap()],
            &folder_as_output,
            "是文件夹，不是普通文件",
        ),
        (vec!["export", "examples/qingshan-2024.json", "-o", long_name.to_str().unwrap()], &long_name, "文件名或路径太长"),
    ];
    for (args, path, expected) in cases {
        let o = nianbao(&args);
        // An audit lists what it found in a folder, a folder without reports too, with its files (stdout).
        let err = String::from_utf8(o.stderr).unwrap() + &String::from_utf8(o.stdout).unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(err.contains(&format!("「{}」", path.display())), "names the file: {err}");
        // The audited folder's subfolder (taken.pdf) is named as skipped: its name is no English text.
        let named = [folder_as_output.as_path(), path];
        assert!(english(&err, &named).is_empty(), "English in {err:?}: {:?}", english(&err, &named));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Every place in the source that turns an error value into text. Each one was
/// checked to format one of the program's own Chinese error types; a new one
/// (say, an `io::Error` or a library's error shown as it is) fails this test
/// until it goes through `files::io_message` or says in Chinese what failed.
const REVIEWED: &[(&str, &str)] = &[
    // DecimalError and the `amount`/`count` reasons: Chinese.
    ("src/model/file.rs", r#"map_err(|e| format!("「processing_fee」（信息处理费）{e}"))"#),
    ("src/model/file.rs", r#"map_err(|e| format!("{where_}「{}」列{e}", col.label))"#),
    ("src/model/file.rs", r#"map_err(|e| format!("{where_}「{}」列{e}", APPLICANT_COLUMNS[j]))"#),
    ("src/model/file.rs", r#"map_err(|e| format!("表四{}{e}", review_label(j)))"#),
    ("src/model/file/fields.rs", r#"map_err(|e| format!("的数值 {} 有误：{e}", number(n)))"#),
    // read_limits::ReadError: Chinese (an io::Error in it goes through files::io_reason).
    ("src/model/file.rs", r#"read_regular_file(path, REPORT_CAP).map_err(|e| LoadError::Io(e.to_string()))"#),
    // LoadError (its Io variant holds a ReadError's reason).
    ("src/cli.rs", r#"Err(format!("上年报告「{}」无法打开：{error}", first.display()))"#),
    ("src/ui/app/document.rs", r#"text: format!("无法打开「{}」：\n{e}", path.display()),"#),
    ("src/cli.rs", r#"let _ = writeln!(err, "错误：无法打开「{}」：{e}", path.display());"#),
    // ReadError and LoadError: Chinese.
    ("src/model/file.rs", r#"from_json(&json).map(drop).map_err(|e| e.to_string())"#),
    (
        "src/model/file.rs",
        r#"reopens.map_err(|e| format!("无法保存到「{}」：年报超出了程序能打开的范围（{e}）", path.display()))?;"#,
    ),
    // MergeError.
    (
        "src/ui/app/document.rs",
        r#"Err(e) => self.modal = Some(Modal::Message { title: "不能一起汇总".into(), text: e.to_string() }),"#,
    ),
    // export::export's String (PdfError and the Word reasons are Chinese) and MergeError.
    ("src/cli.rs", r#"let _ = writeln!(err, "错误：{e}");"#),
    ("src/cli/export.rs", r#"let _ = writeln!(err, "错误：{of}{e}");"#),
    ("src/export/mod.rs", r#"Format::Pdf => pdf(report, fonts).map_err(|e| e.to_string()),"#),
    // import::ImportError: Chinese (read_limits::ReadError's reason, or the importer's own sentence).
    ("src/import/docx.rs", r#"read_regular_file(path, DOCX_CAP).map_err(|e| ImportError(e.to_string()))"#),
    ("src/import/html.rs", r#"read_regular_file(path, HTML_CAP).map_err(|e| ImportError(e.to_string()))"#),
    ("src/import/pdf.rs", r#"read_regular_file(path, PDF_CAP).map_err(|e| ImportError(e.to_string()))"#),
    ("src/import/text.rs", r#"read_regular_file(path, TEXT_CAP).map_err(|e| ImportError(e.to_string()))"#),
    ("src/cli/documents.rs", r#"map_err(|e| ("无法导入", e.to_string()))"#),
    ("src/cli/documents.rs", r#"map_err(|e| ("无法打开", e.to_string()))"#),
    ("src/cli/documents.rs", r#"let _ = writeln!(err, "错误：无法导入「{}」：{e}", file.display());"#),
    ("src/ui/app/importing.rs", r#"text: format!("无法导入「{}」：\n{e}", path.display()),"#),
    ("src/ui/app/importing.rs", r#"format!("剪贴板中的文字无法导入：\n{e}")"#),
    // ui::clipboard's errors: Chinese (its `describe`).
    ("src/ui/app/editing.rs", r#"self.status = format!("无法粘贴：{e}。也可以按 Ctrl+V 粘贴");"#),
    ("src/ui/app/editing.rs", r#"self.status = format!("已复制网页源代码（纯文本）；带格式的复制不可用：{e}");"#),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_error_is_shown_as_the_system_or_a_library_wrote_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // An error value in a message: `{e}`, `{err}`, `e.to_string()` … (not `{e} 个错误`, a count).
    let shown = |line: &str| {
        ["{e}", "{err}", "{error}", "{e:?}", "{err:?}", "e.to_string()", "err.to_string()", "error.to_string()"].iter().any(
            |pat| {
                line.match_indices(pat).any(|(i, _)| {
                    let word_start = !line[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_');
                    word_start && !line[i + pat.len()..].starts_with(" 个")
                })
            },
        )
    };
    let mut unreviewed = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may print what they like (in a `tests.rs` or `…_tests.rs` of their own, or after `#[cfg(test)]`).
        if rel.ends_with("/tests.rs") || rel.ends_with("_tests.rs") {
            continue;
        }
        let code = &text[..["#[cfg(test)]", "#[cfg(all(test"].iter().filter_map(|m| text.find(m)).min().unwrap_or(text.len())];
        for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
            if shown(line) && !REVIEWED.iter().any(|(f, l)| *f == rel && line.contains(l)) {
                unreviewed.push(format!("{rel}: {line}"));
            }
        }
        assert!(!code.contains("os error"), "{rel} spells out a system error");
    }
    assert!(unreviewed.is_empty(), "errors shown as they are:\n{}", unreviewed.join("\n"));
}
