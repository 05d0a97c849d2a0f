//! `nianbao export`: one report to a file, or many reports into a folder in one
//! call (the fonts are loaded once for all of them).

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_FAILURE, EXIT_OK, may_write, open, unchanged, usage_error};
use crate::export::Format;
use crate::files::{FileOp, Input, Writing};
use crate::fonts::{FontPreference, FontSet};
use crate::model::{self, Severity};

struct ExportArgs {
    inputs: Vec<PathBuf>,
    output: PathBuf,
    format: Option<Format>,
    fonts: FontPreference,
}

fn export_args(args: &[OsString]) -> Result<ExportArgs, String> {
    let (mut inputs, mut output, mut fonts, mut format) = (Vec::new(), None, FontPreference::PreferSystem, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some(o @ ("-o" | "--output")) => super::once(&mut output, it.next().ok_or("-o 后面缺少输出文件或文件夹")?, o)?,
            Some("--format") => {
                if format.is_some() {
                    return Err(super::given_twice("--format"));
                }
                let code = it.next().and_then(|v| v.to_str()).unwrap_or_default();
                format = Some(Format::from_code(code).ok_or("--format 后面应为 pdf、docx 或 html")?);
            }
            Some("--fonts") => {
                fonts = match it.next().and_then(|v| v.to_str()) {
                    Some("system") => FontPreference::PreferSystem,
                    Some("builtin") => FontPreference::BundledOnly,
                    _ => return Err("--fonts 后面应为 system（本机公文字体优先）或 builtin（仅内置字体）".into()),
                }
            }
            Some(s) if s.starts_with("--") => return Err(format!("不认识的选项「{s}」")),
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    if inputs.is_empty() {
        return Err("缺少要导出的年报文件".into());
    }
    let output = output.ok_or("缺少输出文件（-o 输出文件.pdf，或导出多个年报时 -o 文件夹）")?;
    Ok(ExportArgs { inputs, output, format, fonts })
}

/// Whether `output` is written as a folder: `导出/`, `导出\`.
fn ends_with_separator(output: &Path) -> bool {
    let text = output.as_os_str().to_string_lossy();
    text.ends_with('/') || (cfg!(windows) && text.ends_with('\\'))
}

/// Whether `output` names a folder for one report: it ends with a path separator,
/// or is a folder whose name is not an export's (a folder called 年报.pdf is taken
/// for the file the user meant, and refused as such).
fn names_folder(output: &Path) -> bool {
    ends_with_separator(output) || (output.is_dir() && Format::of_path(output).is_none())
}

/// Why no format follows from an output's name: no extension, a name that is only
/// an extension (`.pdf`), or an extension nianbao does not export.
fn unknown_format(output: &Path) -> String {
    let shown = output.display();
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.strip_prefix('.').is_some_and(|ext| Format::from_code(&ext.to_ascii_lowercase()).is_some()) {
        return format!("输出文件「{shown}」只有扩展名，缺少文件名：请写成如「年报{name}」");
    }
    if output.extension().is_none() {
        return format!(
            "输出文件「{shown}」没有扩展名：请写成「{shown}.pdf」「{shown}.docx」或「{shown}.html」，或加 --format pdf"
        );
    }
    format!("不支持的导出格式「{shown}」：可以导出 .pdf、.docx 和 .html")
}

/// Each input with its output file: `-o FILE` for one report, or `FOLDER/NAME.EXT`
/// (the report's file name, the format's extension) for reports exported into a folder.
fn plan(a: &ExportArgs) -> Result<(Vec<(PathBuf, PathBuf)>, Format), String> {
    if a.inputs.len() == 1 && !names_folder(&a.output) {
        let format = a.format.or_else(|| Format::of_path(&a.output)).ok_or_else(|| unknown_format(&a.output))?;
        return Ok((vec![(a.inputs[0].clone(), a.output.clone())], format));
    }
    if !ends_with_separator(&a.output) && !a.output.is_dir() {
        let shown = a.output.display();
        if std::fs::symlink_metadata(&a.output).is_ok() {
            return Err(format!("「{shown}」不是文件夹：导出多个年报时 -o 后面应为文件夹"));
        }
        if Format::of_path(&a.output).is_some() {
            return Err(format!(
                "导出多个年报时 -o 后面应为文件夹，「{shown}」是一个文件名（要用这个名字的文件夹请写「{shown}/」）"
            ));
        }
    }
    let format = a.format.unwrap_or(Format::Pdf);
    let mut plan: Vec<(PathBuf, PathBuf)> = Vec::new();
    for input in &a.inputs {
        let stem = input.file_stem().ok_or_else(|| format!("「{}」不是文件名", input.display()))?;
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(format.extension());
        let output = a.output.join(name);
        let same = |a: &Path, b: &Path| std::path::absolute(a).ok().is_some_and(|a| std::path::absolute(b).is_ok_and(|b| a == b));
        if plan.iter().any(|(other, _)| same(other, input)) {
            return Err(format!("「{}」列出了两次", input.display()));
        }
        if let Some((other, _)) = plan.iter().find(|(_, o)| *o == output) {
            return Err(format!(
                "「{}」和「{}」会导出为同一个文件「{}」：请分两次导出",
                other.display(),
                input.display(),
                output.display()
            ));
        }
        plan.push((input.clone(), output));
    }
    Ok((plan, format))
}

pub(super) fn export(args: &[OsString], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let planned = export_args(args).and_then(|a| plan(&a).map(|(plan, format)| (a, plan, format)));
    let (a, plan, format) = match planned {
        Ok(p) => p,
        Err(why) => return usage_error(err, &why),
    };
    let inputs: Vec<Input> = plan.iter().map(|(input, _)| (input.as_path(), "要导出的年报")).collect();
    let batch = plan.len() > 1 || names_folder(&a.output);
    if batch
        && !a.output.is_dir()
        && let Err(e) = std::fs::create_dir_all(&a.output)
    {
        let _ = writeln!(err, "错误：{}", crate::files::io_message(FileOp::CreateFolder, &a.output, &e));
        return EXIT_FAILURE;
    }
    let fonts = FontSet::for_preference(a.fonts);
    if format == Format::Pdf {
        fonts.preload();
    }
    let failed =
        plan.iter().filter(|(input, output)| !export_one(input, output, format, fonts, &inputs, batch, out, err)).count();
    if batch {
        let done = plan.len() - failed;
        let failed = if failed > 0 { format!("，{failed} 个未能导出") } else { String::new() };
        let _ = writeln!(out, "共导出 {done} 个年报到「{}」{failed}", a.output.display());
    }
    if failed > 0 { EXIT_FAILURE } else { EXIT_OK }
}

/// Exports one report; false (the reason written to `err`) when it could not be.
#[allow(clippy::too_many_arguments)]
fn export_one(
    input: &Path,
    output: &Path,
    format: Format,
    fonts: &FontSet,
    inputs: &[Input],
    batch: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    // In a batch every message names its report.
    let of = if batch { format!("「{}」", input.display()) } else { String::new() };
    if !may_write(output, inputs, Writing::Export, true, err) {
        return false;
    }
    let Some(report) = open(input, err) else { return false };
    // The check (for the reminders) on a second thread while the report is laid out.
    let (findings, exported) = std::thread::scope(|scope| {
        let checking = scope.spawn(|| model::check(&report, None));
        let exported = crate::export::export(&report, format, fonts);
        (checking.join().unwrap_or_default(), exported)
    });
    for f in findings.iter().filter(|f| f.severity == Severity::Error) {
        let _ = writeln!(err, "提醒：{of}年报有错误，仍然导出——{f}");
    }
    let exported = match exported {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(err, "错误：{of}{e}");
            return false;
        }
    };
    if !exported.missing.is_empty() {
        let missing = crate::export::describe_missing(&exported.missing);
        let _ = writeln!(err, "警告：{of}以下字符没有字体可以显示，在 PDF 中显示为方框：{missing}");
    }
    if let Err(why) = crate::files::write_output(output, &exported.bytes, inputs, Writing::Export) {
        let _ = writeln!(err, "错误：{why}{}", unchanged(output));
        return false;
    }
    let pages = exported.pages.map(|n| format!("{n} 页，")).unwrap_or_default();
    let _ = writeln!(out, "已导出「{}」：{}，{pages}{} KB", output.display(), format.name(), exported.bytes.len().div_ceil(1024));
    true
}
