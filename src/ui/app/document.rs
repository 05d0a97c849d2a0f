//! The document as a whole: 新建, 打开, 保存, 另存为, 导出, 打印, 从上年报告新建, 汇总,
//! and the unsaved-changes guard in front of them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::file_requests::FileRequest;
use super::modals::{Confirmed, Modal};
use super::{App, Pending};
use crate::export::Format;
use crate::files::{FileOp, io_message};
use crate::model::text::LISTED;
use crate::model::{self, Report, TemplateId, file, totals};
use crate::platform::Opening;
use crate::ui::dialogs::file_name;
use crate::ui::history::History;
use crate::ui::tabs::Tab;

impl App {
    /// Replaces the whole document (新建, 打开).
    pub(super) fn replace_document(&mut self, report: Report, path: Option<PathBuf>) {
        self.merged = None;
        self.previous = match report.previous.as_deref().map(|p| crate::cli::remembered_previous(path.as_deref(), p)) {
            Some(Ok(r)) => Some(r),
            Some(Err(why)) => {
                self.status = format!("{why}；上年结转等核对暂不进行");
                None
            }
            None => None,
        };
        self.saved = report.clone();
        self.history = History::new(&report);
        self.report = report;
        self.on_disk(path.as_deref());
        self.path = path;
        self.saved_at = None;
        self.revision += 1;
        self.preview.forget_layout();
        self.focus = None;
        self.refresh_findings();
    }

    /// A document made here (从上年报告新建, 汇总) that has no file yet and must be saved.
    pub(super) fn replace_unsaved(&mut self, report: Report) {
        self.replace_document(report, None);
        // Nothing saved matches it: compare against an empty report of the same format.
        self.saved = Report::new(self.report.template, self.report.year, "");
    }

    pub(super) fn convert_to_2021(&mut self) {
        let c = model::convert::to_2021(&self.report);
        self.report = c.report;
        let mut text = String::from("已转换为2021年格式（国办公开办函〔2021〕30号）。可以用「撤销」恢复。");
        if !c.dropped.is_empty() {
            text.push_str("\n\n2021年格式没有以下栏目，这些数字未转入：\n");
            text.push_str(&c.dropped.join("\n"));
        }
        if !c.notes.is_empty() {
            text.push_str("\n\n请核实：\n");
            text.push_str(&c.notes.join("\n"));
        }
        self.modal = Some(Modal::Message { title: "已转换为2021年格式".into(), text });
    }

    /// Runs `then` now, or after asking what to do with unsaved changes.
    pub(super) fn guard(&mut self, then: Pending) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Pending) {
        match then {
            Pending::New => {
                self.modal = Some(Modal::NewReport {
                    template: TemplateId::V2021,
                    year: super::report_year(),
                    agency: self.report.agency.clone(),
                })
            }
            Pending::Open => self.pending_dialog = Some(FileRequest::Open),
            Pending::NewFromPrevious => self.pending_dialog = Some(FileRequest::NewFromPrevious),
            Pending::Merge => self.pending_dialog = Some(FileRequest::Merge),
            Pending::OpenPath(p) => self.load(&p),
            Pending::Close => self.allow_close = true,
        }
    }

    /// 从上年报告新建: this year's report from last year's file (the command without its dialog).
    pub fn new_from_previous(&mut self, last_year: &Path) {
        match file::load(last_year) {
            Ok(prev) => {
                let report = model::carry::next_year(&prev, Some(last_year), TemplateId::V2021);
                self.auto_totals = true;
                self.replace_unsaved(report);
                self.status = format!(
                    "已从「{}」新建{}年度年报：已带入上年结转和文字草稿，文字中的「{}」已标出，请逐段改写",
                    last_year.display(),
                    self.report.year,
                    prev.year
                );
                self.tab = Tab::Basic;
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "无法打开上年报告".into(),
                    text: format!("「{}」：{e}", last_year.display()),
                });
            }
        }
    }

    /// 汇总多个年报: sums the files into a new report (the command without its dialog).
    pub fn merge(&mut self, files: &[PathBuf]) {
        if let Some(why) = crate::files::repeated(files) {
            self.modal = Some(Modal::Message { title: "不能汇总".into(), text: why });
            return;
        }
        let mut sources = Vec::new();
        let mut unreadable = Vec::new();
        for f in files {
            match file::load(f) {
                Ok(report) => sources.push(model::merge::Source {
                    name: f.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    report,
                }),
                Err(e) => unreadable.push(format!("「{}」：{e}", f.display())),
            }
        }
        if !unreadable.is_empty() {
            self.modal = Some(Modal::Message {
                title: "有年报无法打开".into(),
                text: format!("以下文件无法打开，没有汇总：\n{}", unreadable.join("\n")),
            });
            return;
        }
        match model::merge::merge(&sources) {
            Ok(merged) => {
                // A source's inconsistent totals stay visible in the sum (see load()).
                self.auto_totals = totals::consistent(&merged.report);
                self.replace_unsaved(merged.report.clone());
                let bad = merged.sources.iter().filter(|s| !s.errors.is_empty()).count();
                self.status = if bad > 0 {
                    format!("已汇总 {} 份年报；其中 {bad} 份有错误，见右侧「汇总来源」", merged.sources.len())
                } else {
                    format!("已汇总 {} 份年报；编制单位和文字部分请自行填写", merged.sources.len())
                };
                self.merged = Some(merged);
                self.tab = Tab::Applications;
            }
            Err(e) => self.modal = Some(Modal::Message { title: "不能一起汇总".into(), text: e.to_string() }),
        }
    }

    pub(super) fn load(&mut self, path: &Path) {
        match file::load(path) {
            Ok(report) => {
                // Totals that disagree with their parts are the file's own mistakes: show
                // and check them as they are instead of silently recomputing them.
                self.auto_totals = totals::consistent(&report);
                self.replace_document(report, Some(path.to_path_buf()));
                self.settings.remember(path);
                self.save_settings();
                self.status = if self.auto_totals {
                    format!("已打开「{}」", path.display())
                } else {
                    format!("已打开「{}」。文件中的总计与各项之和不一致，已关闭「自动合计」以便核对", path.display())
                };
                self.tab = Tab::Basic;
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "无法打开".into(),
                    text: format!("无法打开「{}」：\n{e}", path.display()),
                });
            }
        }
    }

    /// Saves to `path`; on failure the old file stays and the document stays unsaved.
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        // Last year's report is an input of this one: never saved over.
        let previous = self.report.previous.clone();
        let inputs: Vec<&Path> = previous.as_deref().into_iter().collect();
        match file::save(path, &self.report, &inputs) {
            Ok(()) => {
                self.saved = self.report.clone();
                self.saved_at = Some(SystemTime::now());
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                self.on_disk(Some(path));
                self.path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.save_settings();
                self.status = format!("已保存「{}」", path.display());
                self.saved_message = Some(self.status.clone());
                true
            }
            Err(why) => {
                self.modal = Some(Modal::Message {
                    title: "保存失败".into(),
                    text: format!("{why}。\n原有文件没有改动，当前内容仍未保存，请换一个位置另存。"),
                });
                false
            }
        }
    }

    /// 保存: to the report's file, or where the user chooses; then `then` (when saved).
    pub(super) fn save(&mut self, then: Option<Pending>, frame: Option<&eframe::Frame>) {
        match self.path.clone() {
            // Changed on disk since it was opened or saved here: ask before replacing it.
            Some(p) if self.changed_on_disk(&p) => self.ask_overwrite(&p, then),
            Some(_) => self.save_here(then),
            None => self.ask_file(FileRequest::Save { then }, frame),
        }
    }

    /// Saves to the report's own file, then `then`.
    pub(super) fn save_here(&mut self, then: Option<Pending>) {
        if let Some(p) = self.path.clone()
            && self.save_to(&p)
            && let Some(then) = then
        {
            self.proceed(then);
        }
    }

    pub(super) fn export_to(&mut self, path: &Path, format: Format) -> Result<(), String> {
        let exported = crate::export::export(&self.report, format, self.fonts)?;
        // Characters no font has were listed before (warn_missing): they print as boxes.
        // The report being edited (and last year's) are inputs: an export never replaces them.
        let inputs: Vec<&Path> = self.path.iter().chain(&self.report.previous).map(PathBuf::as_path).collect();
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
