//! The command-line verbs and their exit codes.
//!
//! `nianbao check FILE [--previous LAST_YEAR_FILE]`: one finding per line, then a
//! summary; exit 0 with no 错误, 1 with at least one, 2 when a file cannot be read.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::fonts::{FontPreference, FontSet};
use crate::model::{self, Report, Severity};

/// Exit status: no errors found.
pub const EXIT_OK: i32 = 0;
/// Exit status: the report has at least one 错误.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: bad usage, or a file could not be read or written.
pub const EXIT_FAILURE: i32 = 2;

const USAGE: &str = "\
年报编制器 —— 政府信息公开工作年度报告编制工具

用法：
  nianbao [年报文件.json]
      打开图形界面（可同时打开一个年报文件）
  nianbao check 年报文件.json [--previous 上年年报文件.json]
      校验年报：逐条列出错误、警告和提示。
      退出码 0 = 没有错误，1 = 有错误，2 = 文件无法读取。
  nianbao export 年报文件.json -o 输出文件.pdf [--fonts system|builtin]
      导出 PDF（A4，公文格式）。有错误的年报也可以导出，错误会作为提醒列出。
      --fonts system  本机公文字体优先（默认）；--fonts builtin  仅用内置字体。
      退出码 0 = 已导出，2 = 年报无法读取或输出文件无法写入。
  nianbao --help       显示本说明
  nianbao --version    显示版本号
";

/// Runs the command line; returns the process exit status.
pub fn run(args: &[OsString]) -> i32 {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let Some(verb) = args.first() else {
        let _ = write!(out, "{USAGE}");
        return EXIT_OK;
    };
    match verb.to_str() {
        Some("check") => check(&args[1..], &mut out, &mut err),
        Some("export") => export(&args[1..], &mut out, &mut err),
        Some("--help" | "-h" | "help") => {
            let _ = write!(out, "{USAGE}");
            EXIT_OK
        }
        Some("--version" | "-V") => {
            let _ = writeln!(out, "nianbao {}", env!("CARGO_PKG_VERSION"));
            EXIT_OK
        }
        _ => usage_error(&mut err, &format!("不认识的命令「{}」", verb.to_string_lossy())),
    }
}

fn usage_error(err: &mut impl Write, why: &str) -> i32 {
    let _ = writeln!(err, "错误：{why}\n\n{USAGE}");
    EXIT_FAILURE
}

/// Splits `FILE [--previous P]`.
fn file_and_previous(args: &[OsString]) -> Result<(PathBuf, Option<PathBuf>), String> {
    let mut file = None;
    let mut previous = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--previous" {
            previous = Some(PathBuf::from(it.next().ok_or("--previous 后面缺少上年年报文件")?));
        } else if a.to_string_lossy().starts_with("--") {
            return Err(format!("不认识的选项「{}」", a.to_string_lossy()));
        } else if file.replace(PathBuf::from(a)).is_some() {
            return Err("只能校验一个年报文件".into());
        }
    }
    Ok((file.ok_or("缺少要校验的年报文件")?, previous))
}

fn open(path: &Path, err: &mut impl Write) -> Option<Report> {
    match model::file::load(path) {
        Ok(r) => Some(r),
        Err(e) => {
            let _ = writeln!(err, "错误：无法打开「{}」：{e}", path.display());
            None
        }
    }
}

fn check(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let (file, previous) = match file_and_previous(args) {
        Ok(v) => v,
        Err(why) => return usage_error(err, &why),
    };
    let Some(report) = open(&file, err) else { return EXIT_FAILURE };
    let previous = match previous {
        Some(p) => match open(&p, err) {
            Some(r) => Some(r),
            None => return EXIT_FAILURE,
        },
        None => None,
    };
    let findings = model::check(&report, previous.as_ref());
    for f in &findings {
        let _ = writeln!(out, "{f}");
    }
    let _ = writeln!(out, "{}", model::check::summary(&findings));
    if findings.iter().any(|f| f.severity == Severity::Error) { EXIT_FINDINGS } else { EXIT_OK }
}

struct ExportArgs {
    input: PathBuf,
    output: PathBuf,
    fonts: FontPreference,
}

fn export_args(args: &[OsString]) -> Result<ExportArgs, String> {
    let (mut input, mut output, mut fonts) = (None, None, FontPreference::PreferSystem);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("-o" | "--output") => output = Some(PathBuf::from(it.next().ok_or("-o 后面缺少输出文件")?)),
            Some("--fonts") => {
                fonts = match it.next().and_then(|v| v.to_str()) {
                    Some("system") => FontPreference::PreferSystem,
                    Some("builtin") => FontPreference::BundledOnly,
                    _ => return Err("--fonts 后面应为 system（本机公文字体优先）或 builtin（仅内置字体）".into()),
                }
            }
            Some(s) if s.starts_with("--") => return Err(format!("不认识的选项「{s}」")),
            _ if input.is_none() => input = Some(PathBuf::from(a)),
            _ => return Err("只能导出一个年报文件".into()),
        }
    }
    let input = input.ok_or("缺少要导出的年报文件")?;
    let output = output.ok_or("缺少输出文件（-o 输出文件.pdf）")?;
    match output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("pdf") => {}
        _ => return Err(format!("不支持的导出格式「{}」：目前可以导出 .pdf", output.display())),
    }
    Ok(ExportArgs { input, output, fonts })
}

fn export(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let a = match export_args(args) {
        Ok(a) => a,
        Err(why) => return usage_error(err, &why),
    };
    let Some(report) = open(&a.input, err) else { return EXIT_FAILURE };
    for f in model::check(&report, None).iter().filter(|f| f.severity == Severity::Error) {
        let _ = writeln!(err, "提醒：年报有错误，仍然导出——{f}");
    }
    let exported = match crate::export::pdf(&report, FontSet::for_preference(a.fonts)) {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "错误：{e}");
            return EXIT_FAILURE;
        }
    };
    if !exported.missing.is_empty() {
        let _ = writeln!(
            err,
            "警告：以下字符没有字体可以显示，在 PDF 中显示为方框：{}",
            crate::export::describe_missing(&exported.missing)
        );
    }
    if let Err(e) = crate::files::write_atomic(&a.output, &exported.bytes) {
        let _ = writeln!(err, "错误：无法写入「{}」：{}（原有文件未改动）", a.output.display(), model::file::io_message(&e));
        return EXIT_FAILURE;
    }
    let _ = writeln!(out, "已导出「{}」：{} 页，{} KB", a.output.display(), exported.pages, exported.bytes.len().div_ceil(1024));
    EXIT_OK
}
