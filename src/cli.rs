//! The command-line verbs and their exit codes.
//!
//! `nianbao check FILE [--previous LAST_YEAR_FILE] [--overview-limit N]`: one finding per line, then a
//! summary; exit 0 with no 错误, 1 with at least one, 2 when a file cannot be read.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::files::{Input, Writing};
use crate::model::{self, Report, Severity};

mod documents;
mod export;
mod report_name;
mod terminal;
pub use documents::{Audited, audit_files, expand, load_any};
use report_name::report_name;

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
  nianbao check 年报文件.json [--previous 上年年报文件.json] [--overview-limit 字数]
      校验年报：逐条列出错误、警告和提示。也可以直接校验已发布的 .pdf、.docx、.html、.txt（先导入）。
      --overview-limit 1000  总体情况超过 1000 字时警告（部分省份的要求）。
      退出码 0 = 没有错误，1 = 有错误，2 = 文件无法读取。
  nianbao check 文件1 文件2 … | 文件夹 | *.pdf
      审核多个年报：每个文件一行情况，再列出它的问题；未能读取的单元格是警告（导入待核对）。
      退出码 0 = 都没有错误，1 = 有文件有错误，2 = 有文件无法读取。
  nianbao import 已发布的年报.pdf|.docx|.html|.txt -o 年报.json [--replace]
      导入已有的年报：列出读到的内容和需要核对的项目（及其在原文中的位置），写出年报文件（输出文件名要以 .json 结尾；要 PDF、Word、网页请再用 export）。
      退出码 0 = 全部读入，1 = 有需要核对的项目，2 = 文件无法读取。
  nianbao export 年报文件.json -o 输出文件.pdf|.docx|.html [--format pdf|docx|html] [--fonts system|builtin]
  nianbao export 年报1.json 年报2.json … -o 文件夹 [--format pdf|docx|html] [--fonts system|builtin]
      导出 PDF（A4，公文格式）、Word 文档或网页，格式按输出文件的扩展名（或 --format）。
      一次导出多个年报时写到文件夹里，文件名同年报（默认 PDF）。
      有错误的年报也可以导出，错误会作为提醒列出。
      --fonts system  PDF 中本机公文字体优先（默认）；--fonts builtin  仅用内置字体。
      退出码 0 = 已导出，2 = 有年报无法读取或输出文件无法写入。
  nianbao new --from 上年年报.json -o 新年报.json [--replace]
      从上年报告新建：年度加一、2021年格式，带入单位和联系方式、文字草稿、
      「上年结转」（= 上年「结转下年度继续办理」），并记住上年报告以便校验。
      不写 -o 时在图形界面中打开新年报。
  nianbao merge 年报1.json 年报2.json … -o 汇总.json [--replace]
      汇总多个同年度、同格式的年报：每个单元格相加，逐个单位列出情况。
      不写 -o 时在图形界面中显示汇总结果和各单位的情况。
      退出码 0 = 已汇总，1 = 有来源年报存在错误或未能读取的单元格（仍写出汇总，这些格标为未能读取），2 = 文件无法读取或不能一起汇总。
  nianbao --help       显示本说明
  nianbao --version    显示版本号
";

/// Runs the command line; returns the process exit status.
pub fn run(args: &[OsString]) -> i32 {
    let mut out = terminal::Terminal(std::io::stdout().lock());
    let mut err = terminal::Terminal(std::io::stderr().lock());
    let Some(verb) = args.first() else {
        let _ = write!(out, "{USAGE}");
        return EXIT_OK;
    };
    match verb.to_str() {
        Some("check") => check(&args[1..], &mut out, &mut err),
        Some("import") => documents::import(&args[1..], &mut out, &mut err),
        Some("export") => export::export(&args[1..], &mut out, &mut err),
        Some("new") => new_from_previous(&args[1..], &mut out, &mut err),
        Some("merge") => merge(&args[1..], &mut out, &mut err),
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

/// Splits `FILE… [--previous P] [--overview-limit N]`.
fn check_args(args: &[OsString]) -> Result<(Vec<PathBuf>, Option<PathBuf>, model::check::Options), String> {
    let mut files = Vec::new();
    let mut previous = None;
    let mut options = model::check::Options::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--previous" {
            previous = Some(PathBuf::from(it.next().ok_or("--previous 后面缺少上年年报文件")?));
        } else if a == "--overview-limit" {
            let n = it.next().and_then(|n| n.to_str()?.parse::<usize>().ok()).filter(|n| *n > 0);
            options.overview_limit = Some(n.ok_or("--overview-limit 后面应为总体情况的字数上限（正整数，如 1000）")?);
        } else if a.to_string_lossy().starts_with("--") {
            return Err(format!("不认识的选项「{}」", a.to_string_lossy()));
        } else {
            files.push(PathBuf::from(a));
        }
    }
    if files.is_empty() {
        return Err("缺少要校验的年报文件".into());
    }
    Ok((files, previous, options))
}

/// A report file, or a published document (imported on the fly, with a note
/// on stderr of how many cells could not be read).
fn open(path: &Path, err: &mut impl Write) -> Option<Report> {
    match load_any(path) {
        Ok((r, imported)) => {
            if let Some(i) = imported {
                let _ = writeln!(err, "提示：「{}」已导入，{} 个单元格未能读取", path.display(), i.report.unread.len());
            }
            Some(r)
        }
        Err(why) => {
            let _ = writeln!(err, "错误：{why}");
            None
        }
    }
}

fn check(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let (files, previous, options) = match check_args(args) {
        Ok(v) => v,
        Err(why) => return usage_error(err, &why),
    };
    if documents::is_audit(&files) {
        if previous.is_some() {
            return usage_error(err, "审核多个年报时不能用 --previous");
        }
        return documents::audit(&files, &options, out, err);
    }
    let file = files[0].clone();
    let Some(report) = open(&file, err) else { return EXIT_FAILURE };
    // Without --previous, the report's remembered last-year file (从上年报告新建), if it is there.
    let previous = match previous {
        Some(p) => match open(&p, err) {
            Some(r) => Some(r),
            None => return EXIT_FAILURE,
        },
        None => match report.previous.as_deref().map(|p| remembered_previous(Some(file.as_path()), p)) {
            Some(Ok(r)) => Some(r),
            Some(Err(why)) => {
                let _ = writeln!(err, "提示：{why}；上年结转等核对未进行");
                None
            }
            None => None,
        },
    };
    let findings = model::check::check_with(&report, previous.as_ref(), &options);
    for f in &findings {
        let _ = writeln!(out, "{f}");
    }
    let _ = writeln!(out, "{}", model::check::summary(&findings));
    if findings.iter().any(|f| f.severity == Severity::Error) { EXIT_FINDINGS } else { EXIT_OK }
}

/// Last year's file as remembered in a report; a relative path is taken from the
/// report's folder, and a moved pair of files is found by name beside it. Without
/// the report's own path (a report not yet saved) the remembered path is used as is.
/// The error names the remembered file and why it could not be opened.
pub fn remembered_previous(report_path: Option<&Path>, remembered: &Path) -> Result<Report, String> {
    let dir = report_path.map(|p| p.parent().unwrap_or(Path::new(".")));
    let first = dir.map_or_else(|| remembered.to_path_buf(), |d| d.join(remembered));
    // Last year's report may be a published document (new --from 2024年报.pdf).
    let load = |p: &Path| -> Result<Report, String> {
        if crate::import::is_document(p) {
            crate::import::import_file(p).map(|i| i.report).map_err(|why| why.0)
        } else {
            model::file::load(p).map_err(|why| why.to_string())
        }
    };
    let error = match load(&first) {
        Ok(r) => return Ok(r),
        Err(why) => why,
    };
    if let (Some(dir), Some(name)) = (dir, remembered.file_name())
        && dir.join(name) != first
        && let Ok(r) = load(&dir.join(name))
    {
        return Ok(r);
    }
    Err(format!("上年报告「{}」无法打开：{error}", first.display()))
}

/// `FILES… -o OUT [--replace]` (and `--from P` for `new`).
struct FileArgs {
    files: Vec<PathBuf>,
    output: Option<PathBuf>,
    from: Option<PathBuf>,
    /// An existing output may be replaced (it is kept as OUT.bak).
    replace: bool,
}

fn files_and_output(args: &[OsString]) -> Result<FileArgs, String> {
    let (mut files, mut output, mut from, mut replace) = (Vec::new(), None, None, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some(o @ ("-o" | "--output")) => once(&mut output, it.next().ok_or("-o 后面缺少输出文件")?, o)?,
            Some("--from") => once(&mut from, it.next().ok_or("--from 后面缺少上年年报文件")?, "--from")?,
            Some("--replace") => replace = true,
            Some(s) if s.starts_with("--") => return Err(format!("不认识的选项「{s}」")),
            _ => files.push(PathBuf::from(a)),
        }
    }
    Ok(FileArgs { files, output, from, replace })
}

/// Sets an option given once; given twice (`-o a.pdf -o b.pdf`) it is refused
/// rather than the last one silently winning.
fn once(slot: &mut Option<PathBuf>, value: &OsString, option: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(given_twice(option));
    }
    *slot = Some(PathBuf::from(value));
    Ok(())
}

fn given_twice(option: &str) -> String {
    format!("选项「{option}」只能给一次")
}

/// Whether `output` may be written, said before any work is done: the rules of
/// `files::check_target`, and a report already there is replaced only with `--replace`.
fn may_write(output: &Path, inputs: &[Input], writing: Writing, replace: bool, err: &mut impl Write) -> bool {
    // What the file is comes first (a pipe, a folder …); then whether it may be replaced.
    let refused = crate::files::check_target(output, inputs, writing).and_then(|_| {
        if writing == Writing::Report {
            report_name(output)?;
        }
        if writing == Writing::Report && !replace && output.exists() {
            let backup = crate::files::backup_path(output);
            Err(format!("「{}」已经存在；要替换它请加 --replace（原来的文件会保留为「{}」）", output.display(), backup.display()))
        } else {
            Ok(())
        }
    });
    match refused {
        Ok(()) => true,
        Err(why) => {
            let _ = writeln!(err, "错误：{why}{}", unchanged(output));
            false
        }
    }
}

/// A name from a report as the terminal should show it: without control
/// characters or direction marks, which a terminal would obey.
fn shown(text: &str) -> String {
    model::text::export_text(text)
}

/// 「（原有文件未改动）」 when there is a file to leave unchanged.
fn unchanged(output: &Path) -> &'static str {
    if std::fs::symlink_metadata(output).is_ok() { "（原有文件未改动）" } else { "" }
}

/// Saves `report` to `path`, which may not be one of `inputs`.
fn write_report(path: &Path, report: &Report, inputs: &[Input], err: &mut impl Write) -> bool {
    match model::file::save(path, report, inputs) {
        Ok(()) => true,
        Err(why) => {
            let _ = writeln!(err, "错误：{why}{}", unchanged(path));
            false
        }
    }
}

fn new_from_previous(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let FileArgs { files, output, from, replace } = match files_and_output(args) {
        Ok(v) => v,
        Err(why) => return usage_error(err, &why),
    };
    let (Some(from), Some(output), true) = (from, output, files.is_empty()) else {
        return usage_error(err, "用法：nianbao new --from 上年年报.json -o 新年报.json");
    };
    let inputs = [(from.as_path(), "上年报告（--from）")];
    if !may_write(&output, &inputs, Writing::Report, replace, err) {
        return EXIT_FAILURE;
    }
    let Some(previous) = open(&from, err) else { return EXIT_FAILURE };
    // Remembered as a full path: a relative one would be read from the wrong folder.
    let from_full = std::path::absolute(&from).unwrap_or_else(|_| from.clone());
    let report = model::carry::next_year(&previous, Some(&from_full), model::TemplateId::V2021);
    if !write_report(&output, &report, &inputs, err) {
        return EXIT_FAILURE;
    }
    let _ = writeln!(
        out,
        "已新建「{}」：{}，{}年度，2021年格式；已带入「上年结转」和文字草稿，请逐段改写（与上年相同的年份会被标出）",
        output.display(),
        report.agency,
        report.year
    );
    EXIT_OK
}

fn merge(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let FileArgs { files, output, from, replace } = match files_and_output(args) {
        Ok(v) => v,
        Err(why) => return usage_error(err, &why),
    };
    let (Some(output), None, false) = (output, from, files.is_empty()) else {
        return usage_error(err, "用法：nianbao merge 年报1.json 年报2.json … -o 汇总.json");
    };
    if let Some(why) = crate::files::repeated(&files) {
        let _ = writeln!(err, "错误：{why}");
        return EXIT_FAILURE;
    }
    let inputs: Vec<Input> = files.iter().map(|f| (f.as_path(), "要汇总的年报之一")).collect();
    if !may_write(&output, &inputs, Writing::Report, replace, err) {
        return EXIT_FAILURE;
    }
    let mut sources = Vec::with_capacity(files.len());
    for f in &files {
        let Some(report) = open(f, err) else { return EXIT_FAILURE };
        if !report.unread.is_empty() {
            let _ = writeln!(
                err,
                "警告：「{}」还有 {} 个单元格未能读取，汇总结果中的这些单元格也未能读取，请先核对",
                f.display(),
                report.unread.len()
            );
        }
        let name = f.file_name().map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into_owned());
        sources.push(model::merge::Source { name, report });
    }
    let merged = match model::merge::merge(&sources) {
        Ok(m) => m,
        Err(e) => {
            let _ = writeln!(err, "错误：{e}");
            return EXIT_FAILURE;
        }
    };
    let show = |f: model::merge::Figure| match f {
        model::merge::Figure::Read(c) => c.map_or_else(|| "空".to_string(), |n| n.to_string()),
        model::merge::Figure::Unread => crate::model::unread::UNREAD_MARK.to_string(),
    };
    let _ = writeln!(out, "序号｜编制单位｜文件｜错误｜警告｜本年新收｜办理结果总计｜结转下年度｜行政复议｜行政诉讼");
    for (i, s) in merged.sources.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}｜{}｜{}｜{}｜{}｜{}｜{}｜{}｜{}｜{}",
            i + 1,
            shown(s.agency_or_name()),
            s.name,
            s.errors.len(),
            s.warnings,
            show(s.new),
            show(s.handled),
            show(s.carried_out),
            show(s.reviews),
            show(s.lawsuits)
        );
    }
    for s in merged.sources.iter().filter(|s| !s.errors.is_empty()) {
        for f in &s.errors {
            let _ = writeln!(out, "{}：{f}", shown(s.agency_or_name()));
        }
    }
    if !write_report(&output, &merged.report, &inputs, err) {
        return EXIT_FAILURE;
    }
    let bad = merged.sources.iter().filter(|s| !s.errors.is_empty()).count();
    let _ = writeln!(out, "已汇总 {} 份年报到「{}」（编制单位和文字部分请自行填写）", merged.sources.len(), output.display());
    if bad > 0 {
        let _ = writeln!(out, "注意：{bad} 份来源年报有错误，请先核实这些单位的数字，再采用汇总结果");
    }
    let unread = merged.sources_with_unread();
    if unread > 0 {
        let _ = writeln!(
            out,
            "注意：{unread} 份来源年报有未能读取的单元格，汇总结果中 {} 个单元格因此未能读取（汇总数不确定），请核对来源后再采用",
            merged.report.unread.len()
        );
    }
    let without_fee = merged.sources_without_fee();
    if !without_fee.is_empty() {
        let _ = writeln!(
            out,
            "注意：{}没有信息处理费金额（未填写或导入时未能确定），汇总结果的信息处理费未填写，请核对来源后填写",
            without_fee.iter().map(|n| format!("「{}」", shown(n))).collect::<Vec<_>>().join("、")
        );
    }
    if bad > 0 || unread > 0 || !without_fee.is_empty() { EXIT_FINDINGS } else { EXIT_OK }
}
