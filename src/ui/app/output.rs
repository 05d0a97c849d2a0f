//! What leaves the program: 导出 (PDF, Word, web page), 打印, 复制网页代码, and the
//! questions before it (a report with 错误, characters no font has).

use std::path::{Path, PathBuf};

use super::App;
use super::file_requests::FileRequest;
use super::modals::{Confirmed, Modal};
use crate::export::Format;
use crate::files::{FileOp, io_message};
use crate::model;
use crate::model::text::LISTED;
use crate::platform::Opening;
use crate::ui::dialogs::file_name;

impl App {
    pub(super) fn export_to(&mut self, path: &Path, format: Format) -> Result<(), String> {
        let exported = crate::export::export(&self.report, format, self.fonts)?;
        // Characters no font has were listed before (warn_missing): they print as boxes.
        // The report being edited, last year's, a 汇总's sources: never replaced by an export.
        let inputs = self.inputs(true);
        let inputs: Vec<crate::files::Input> = inputs.iter().map(|(p, role)| (p.as_path(), *role)).collect();
        crate::files::write_output(path, &exported.bytes, &inputs, crate::files::Writing::Export)
            .map_err(|why| format!("{why}。原有文件没有改动。"))
    }

    /// 导出: first a warning when the report still has 错误.
    pub(super) fn export(&mut self, format: Format, frame: Option<&eframe::Frame>) {
        if !self.warn_errors(Output::Export(format)) {
            self.export_now(format, frame);
        }
    }

    /// 导出 without asking about 错误: the file dialog, then the file.
    pub(super) fn export_now(&mut self, format: Format, frame: Option<&eframe::Frame>) {
        if format == Format::Pdf && self.warn_missing(Output::Export(format)) {
            return;
        }
        self.ask_file(FileRequest::Export(format), frame);
    }

    /// 打印: first a warning when the report still has 错误.
    pub(super) fn print(&mut self, ctx: &egui::Context) {
        if !self.warn_errors(Output::Print) {
            self.print_now(ctx);
        }
    }

    /// 打印 without asking about 错误: first a question when characters have no font.
    pub(super) fn print_now(&mut self, ctx: &egui::Context) {
        if !self.warn_missing(Output::Print) {
            self.print_pdf(ctx);
        }
    }

    /// 打印: the PDF goes to a temporary file and opens in the system's PDF viewer.
    /// When no viewer opens, a dialog says so and offers to save the PDF instead.
    fn print_pdf(&mut self, ctx: &egui::Context) {
        // In the user's own app folder: not a temporary folder other users share.
        let dir = self.data_dir.join("print");
        let path = print_file(&dir, &self.report.title());
        let written = std::fs::create_dir_all(&dir)
            .map_err(|e| io_message(FileOp::CreateFolder, &dir, &e))
            .and_then(|_| self.export_to(&path, Format::Pdf));
        if let Err(text) = written {
            self.modal = Some(Modal::Message { title: "无法打印".into(), text });
            return;
        }
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        match self.viewer.open(&path, wake) {
            Ok(Opening::Opened) => {
                self.status = format!("已在 PDF 阅读器中打开「{}」，请在阅读器中选择「打印」（Ctrl+P）", path.display())
            }
            Ok(Opening::Waiting(outcome)) => {
                self.status =
                    format!("正在用 PDF 阅读器打开「{}」；阅读器出现后，请在其中选择「打印」（Ctrl+P）", path.display());
                self.print_wait = Some(outcome);
            }
            Err(e) => self.no_viewer(&e),
        }
    }

    /// An opener that was still running when 打印 returned: did it fail after all?
    pub(super) fn poll_print(&mut self) {
        let Some(outcome) = &self.print_wait else { return };
        match outcome.try_recv() {
            Ok(Err(e)) => {
                self.print_wait = None;
                if self.modal.is_none() {
                    self.no_viewer(&e);
                }
            }
            Ok(Ok(())) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.print_wait = None,
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
    }

    /// 打印 found no PDF viewer: says so, and offers to save the PDF instead.
    fn no_viewer(&mut self, reason: &crate::platform::OpenError) {
        self.status = "没有打印：无法打开 PDF 阅读器".into(); // until an export says otherwise
        self.modal = Some(Modal::Confirm {
            title: "无法打开 PDF 阅读器".into(),
            text: format!(
                "没能打开 PDF 阅读器，所以无法打印：{reason}。\n\n\
                 可以把 PDF 另存到文件夹中，再用 PDF 阅读器或 WPS 打开后打印。"
            ),
            yes: "另存为 PDF…",
            // The errors and missing characters were already accepted for 打印: no second warning.
            then: Confirmed::Write(Output::Export(Format::Pdf)),
            other: None,
        });
    }

    /// Asks before 导出 or 打印 when the report still has 错误; true when it asked.
    pub(super) fn warn_errors(&mut self, output: Output) -> bool {
        let errors = self.index.count(model::Severity::Error);
        if errors > 0 {
            let (yes, result) = match output {
                Output::Export(format) => ("继续导出", format!("导出的{}", format.name())),
                Output::Print => ("继续打印", "打印出来的年报".to_string()),
                Output::CopyHtml => ("继续复制", "复制的网页代码".to_string()),
            };
            self.modal = Some(Modal::Confirm {
                title: "年报还有错误".into(),
                text: format!(
                    "这份年报还有 {errors} 个错误（见「校验结果」），{result}里会原样保留这些错误。\n\
                     报送或公开之前，请先改正错误。"
                ),
                yes,
                then: Confirmed::Output(output),
                other: None,
            });
        }
        errors > 0
    }

    /// Asks before a PDF is written when characters of the report have no font
    /// (they print as boxes): each character and where it is; true when it asked.
    fn warn_missing(&mut self, output: Output) -> bool {
        let missing = crate::layout::layout(&self.report, self.fonts).missing;
        if missing.is_empty() {
            return false;
        }
        let (yes, verb) = if output == Output::Print { ("继续打印", "打印") } else { ("继续导出", "导出") };
        // The dialog's own font cannot draw them either: the code point names each one.
        // One per line; past the first few, the count of the rest.
        let mut list: Vec<String> =
            missing.iter().take(LISTED).map(|m| format!("{}在「{}」", crate::ui::fonts::named(m.ch), m.place)).collect();
        if missing.len() > LISTED {
            list.push(format!("……等共 {} 处", missing.len()));
        }
        self.modal = Some(Modal::Confirm {
            title: "有字符没有字体可以显示".into(),
            text: format!(
                "以下 {} 处字符没有字体可以显示，{verb}的 PDF 中会显示为方框（复制、搜索仍能找到这些字）：\n{}\n\n\
                 可以取消，把这些字改为常用字或安装含有这些字的字体后再{verb}。",
                missing.len(),
                list.join("\n")
            ),
            yes,
            then: Confirmed::Write(output),
            other: None,
        });
        true
    }

    /// 导出 or 打印 once every question was answered: no more warnings.
    pub(super) fn write_now(&mut self, output: Output, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        match output {
            Output::Export(format) => self.ask_file(FileRequest::Export(format), frame),
            Output::Print => self.print_pdf(ctx),
            Output::CopyHtml => self.copy_html(ctx),
        }
    }

    /// 导出 or 打印 once the user chose to go on.
    pub(super) fn output_now(&mut self, output: Output, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        match output {
            Output::Export(format) => self.export_now(format, frame),
            Output::Print => self.print_now(ctx),
            Output::CopyHtml => self.copy_html(ctx),
        }
    }
}

/// Where 打印 writes the PDF. The last one may still be open in a viewer, which
/// on Windows keeps it from being replaced: then 「标题 (2).pdf」 and so on.
fn print_file(dir: &Path, title: &str) -> PathBuf {
    let name = file_name(title, "pdf");
    let stem = name.trim_end_matches(".pdf");
    (1..20)
        .map(|n| dir.join(if n == 1 { name.clone() } else { format!("{stem} ({n}).pdf") }))
        .find(|p| !p.exists() || std::fs::remove_file(p).is_ok())
        .unwrap_or_else(|| dir.join(name.clone()))
}

/// What is about to leave the program: a file, pages to the printer, or the
/// web page for the agency's site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Output {
    Export(Format),
    Print,
    CopyHtml,
}
