//! The document as a whole: 新建, 打开, 保存, 另存为, 从上年报告新建, 汇总, and the
//! unsaved-changes guard in front of them. What leaves the program (导出, 打印) is `output`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::file_requests::FileRequest;
use super::modals::{Confirmed, Modal};
use super::{App, Pending};
use crate::model::{self, Report, TemplateId, file, totals};
use crate::ui::history::History;
use crate::ui::tabs::Tab;

impl App {
    /// Replaces the whole document (新建, 打开).
    pub(super) fn replace_document(&mut self, report: Report, path: Option<PathBuf>) {
        self.merged = None;
        self.made_from.clear();
        self.import_review = None;
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
            Pending::Import => self.pending_dialog = Some(FileRequest::Import),
            Pending::ImportClipboard => self.import_clipboard(),
            Pending::OpenPath(p) => self.load(&p),
            Pending::Close => self.allow_close = true,
        }
    }

    /// 从上年报告新建: this year's report from last year's file (the command without its dialog).
    pub fn new_from_previous(&mut self, last_year: &Path) {
        match crate::cli::load_any(last_year).map(|(r, _)| r) {
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
                self.modal = Some(Modal::Message { title: "无法打开上年报告".into(), text: e });
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
            // Published documents are imported for the sum (a sum with an unread cell is unread).
            match crate::cli::load_any(f).map(|(r, _)| r) {
                Ok(report) => sources.push(model::merge::Source {
                    name: f.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    report,
                }),
                Err(why) => unreadable.push(why),
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
                if !merged.report.unread.is_empty() {
                    self.status += &format!(
                        "；{} 份来源有未能读取的单元格，汇总中 {} 个单元格因此未能读取",
                        merged.sources_with_unread(),
                        merged.report.unread.len()
                    );
                }
                self.merged = Some(merged);
                self.made_from = files.to_vec();
                self.tab = Tab::Applications;
            }
            Err(e) => self.modal = Some(Modal::Message { title: "不能一起汇总".into(), text: e.to_string() }),
        }
    }

    pub(super) fn load(&mut self, path: &Path) {
        // A published document (PDF, Word, web page, text) is imported, not opened.
        if crate::import::is_document(path) {
            self.import(path);
            return;
        }
        match file::load(path) {
            Ok(report) => {
                // Totals that disagree with their parts are the file's own mistakes: show
                // and check them as they are instead of silently recomputing them.
                self.auto_totals = totals::consistent(&report);
                self.replace_document(report, Some(path.to_path_buf()));
                self.remember(path);
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
        let inputs = self.inputs(false);
        let inputs: Vec<crate::files::Input> = inputs.iter().map(|(p, role)| (p.as_path(), *role)).collect();
        let result = match self.refused_target(path, false) {
            Some(why) => Err(why),
            None => file::save(path, &self.report, &inputs),
        };
        match result {
            Ok(()) => {
                self.saved = self.report.clone();
                self.saved_at = Some(SystemTime::now());
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                self.on_disk(Some(path));
                self.path = Some(path.to_path_buf());
                self.remember(path);
                self.save_settings();
                self.status = format!("已保存「{}」", path.display());
                self.saved_message = Some(self.status.clone());
                true
            }
            Err(why) => {
                let unsaved = if self.is_dirty() { "当前内容仍未保存。" } else { "" };
                self.modal = Some(Modal::Confirm {
                    title: "保存失败".into(),
                    text: format!("{why}。\n原有文件没有改动。{unsaved}"),
                    yes: "另存为…",
                    then: Confirmed::SaveAs(None),
                    other: None,
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
}
