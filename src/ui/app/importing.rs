//! 导入已有年报 (a document or the clipboard's text) with its review panel, and
//! 审核多个年报: a window listing many published reports, exported as CSV.

use std::path::{Path, PathBuf};

use super::App;
use super::modals::Modal;
use crate::import::{self, Imported};
use crate::model::check::CellRef;
use crate::ui::tabs::Tab;
use crate::ui::widgets::Target;

/// What an import left to review: shown beside the tables until closed.
pub struct ImportReview {
    /// Where the report came from (「剪贴板」 for pasted text).
    pub source: String,
    /// Notes that are not about one unread cell.
    pub notes: Vec<Note>,
    /// Where in the source each cell was read (its tooltip).
    pub places: std::collections::HashMap<CellRef, String>,
    /// The status message it last showed: kept up to date while it is shown.
    pub message: String,
    /// Nothing was left to review by the import itself.
    pub all_read: bool,
}

/// A review note: its text, where it points, and whether the user has checked it.
pub struct Note {
    pub text: String,
    pub target: Option<Target>,
    pub done: bool,
}

impl ImportReview {
    /// Items still to review: each unread cell, each note not yet ticked 已核对.
    pub fn left(&self, report: &crate::model::Report) -> usize {
        report.unread.len() + self.notes.iter().filter(|n| !n.done).count()
    }

    /// The status message for what is left: the same count as `nianbao import`
    /// prints right after the import, then less with each cell filled or confirmed.
    pub fn status(&self, report: &crate::model::Report) -> String {
        match self.left(report) {
            0 if self.all_read => format!("已导入「{}」：全部读入，请核对后另存为年报文件", self.source),
            0 => format!("已导入「{}」：各项都已核对，请另存为年报文件", self.source),
            left => format!(
                "已导入「{}」：共 {left} 项需要核对（其中 {} 个单元格未能读取），见右侧「导入核对」",
                self.source,
                report.unread.len()
            ),
        }
    }
}

/// One row of 审核多个年报.
#[derive(Clone, Debug)]
pub struct AuditRow {
    pub path: PathBuf,
    pub agency: String,
    pub year: Option<i32>,
    pub errors: usize,
    pub warnings: usize,
    pub unread: usize,
    /// Why the file could not be read, if it could not.
    pub failure: Option<String>,
}

/// The 说明 column's width; the whole reason is its tooltip.
const NOTE_WIDTH: f32 = 280.0;

/// What a file that could not be read shows for its counts (never zeros).
const UNREADABLE: &str = "无法读取";

impl AuditRow {
    /// 错误, 警告, 未能读取 as the list and the CSV show them.
    pub fn counts_shown(&self) -> [String; 3] {
        if self.failure.is_some() {
            return [UNREADABLE.to_string(), UNREADABLE.to_string(), UNREADABLE.to_string()];
        }
        [self.errors.to_string(), self.warnings.to_string(), self.unread.to_string()]
    }
}

/// The 审核多个年报 window.
pub struct Audit {
    pub rows: Vec<AuditRow>,
}

impl Audit {
    /// The files checked with the user's options (the 总体情况 cap, S20).
    pub fn of(files: &[PathBuf], options: &crate::model::check::Options) -> Audit {
        let rows = crate::cli::audit_files(files, options)
            .into_iter()
            .map(|a| {
                let counts = a.counts();
                match a.result {
                    Ok((r, _)) => {
                        let (errors, warnings, unread) = counts.unwrap_or_default();
                        let year = (!a.year_unknown).then_some(r.year);
                        AuditRow { path: a.path, agency: r.agency, year, errors, warnings, unread, failure: None }
                    }
                    Err(why) => AuditRow {
                        path: a.path,
                        agency: String::new(),
                        year: None,
                        errors: 0,
                        warnings: 0,
                        unread: 0,
                        failure: Some(why),
                    },
                }
            })
            .collect();
        Audit { rows }
    }

    /// The folder the audited files share (the one chosen, or their nearest common one).
    pub fn folder(&self) -> Option<PathBuf> {
        let mut folders = self.rows.iter().filter_map(|r| r.path.parent());
        let mut common = folders.next()?.to_path_buf();
        for folder in folders {
            while !folder.starts_with(&common) {
                common = common.parent()?.to_path_buf();
            }
        }
        (!common.as_os_str().is_empty()).then_some(common)
    }

    /// The list as CSV (UTF-8 with a byte-order mark, which Excel and WPS need to read Chinese).
    pub fn csv(&self) -> String {
        let field = |s: &str| {
            let s = crate::model::text::export_text(s);
            if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
        };
        let mut out = String::from("\u{feff}文件,编制单位,年度,错误,警告,未能读取的单元格,说明\r\n");
        for r in &self.rows {
            let year = r.year.map(|y| y.to_string()).unwrap_or_default();
            let note = r.failure.as_deref().unwrap_or("");
            let [errors, warnings, unread] = r.counts_shown();
            out.push_str(&format!(
                "{},{},{year},{errors},{warnings},{unread},{}\r\n",
                field(&r.path.display().to_string()),
                field(&r.agency),
                field(note)
            ));
        }
        out
    }
}

impl App {
    /// 导入已有年报: a document becomes a new, unsaved report (saving asks for a
    /// new .json name: the source is never written over).
    pub fn import(&mut self, path: &Path) {
        match import::import_file(path) {
            Ok(imported) => self.take_import(imported, path.display().to_string(), Some(path.to_path_buf())),
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "无法导入".into(),
                    text: format!("无法导入「{}」：\n{e}", path.display()),
                });
            }
        }
    }

    /// 从剪贴板导入: the clipboard's text (a page copied in a browser, WPS or Word).
    pub fn import_clipboard(&mut self) {
        let text = match self.clipboard.text() {
            Ok(t) if !t.trim().is_empty() => t,
            Ok(_) => {
                self.modal = Some(Modal::Message {
                    title: "无法导入".into(),
                    text: "剪贴板中没有文字。请先在网页或 WPS 中复制整篇年报。".into(),
                });
                return;
            }
            Err(why) => {
                self.modal =
                    Some(Modal::Message { title: "无法导入".into(), text: format!("无法读取剪贴板：{why}") });
                return;
            }
        };
        match import::import_text(&text) {
            Ok(imported) => self.take_import(imported, "剪贴板".into(), None),
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "无法导入".into(), text: format!("剪贴板中的文字无法导入：\n{e}")
                })
            }
        }
    }

    fn take_import(&mut self, imported: Imported, source: String, path: Option<PathBuf>) {
        let complete = imported.complete();
        self.auto_totals = false;
        self.replace_unsaved(imported.report);
        if let Some(p) = path {
            // Never saved over: the document is one of this report's inputs.
            self.made_from = vec![p];
        }
        let cells: Vec<CellRef> = self.report.unread.iter().map(|u| u.cell).chain(imported.places.iter().map(|p| p.0)).collect();
        let notes = imported
            .review
            .iter()
            .map(|r| Note {
                text: format!("{}：{}", r.place, r.message),
                target: crate::ui::review::target_of(&self.report, &cells, r),
                done: false,
            })
            .collect();
        let mut review = ImportReview {
            source,
            notes,
            places: imported.places.into_iter().collect(),
            message: String::new(),
            all_read: false,
        };
        review.all_read = complete;
        review.message = review.status(&self.report);
        self.status = review.message.clone();
        self.import_review = Some(review);
        self.tab = Tab::Basic;
    }

    /// The files the 审核多个年报 window lists (tests).
    pub fn audited_files(&self) -> Vec<PathBuf> {
        self.audit.as_ref().map(|a| a.rows.iter().map(|r| r.path.clone()).collect()).unwrap_or_default()
    }

    /// 审核多个年报: the chosen files, read and checked, in a window.
    pub fn audit(&mut self, files: &[PathBuf]) {
        match crate::cli::expand(files) {
            Ok(listing) if listing.files.is_empty() && !listing.missing.is_empty() => {
                self.modal = Some(Modal::Message { title: "无法审核".into(), text: listing.missing.join("\n") });
            }
            Ok(listing) => {
                let options = crate::model::check::Options { overview_limit: self.settings.overview_limit };
                self.audit = Some(Audit::of(&listing.files, &options));
                self.status = format!("已审核 {} 个文件", listing.files.len());
                for line in &listing.missing {
                    self.status += &format!("；{line}");
                }
                if let Some(first) = listing.skipped.first() {
                    self.status += &format!("；{first}");
                    if listing.skipped.len() > 1 {
                        self.status += &format!("（共略过 {} 项）", listing.skipped.len());
                    }
                }
            }
            Err(why) => self.modal = Some(Modal::Message { title: "无法审核".into(), text: why }),
        }
    }

    /// The 审核多个年报 window; a row's 打开 opens that report (its document imported).
    pub(super) fn audit_window(&mut self, ctx: &egui::Context) {
        let Some(audit) = &self.audit else { return };
        let mut open = true;
        let mut chosen: Option<PathBuf> = None;
        let mut export = false;
        egui::Window::new("审核多个年报").open(&mut open).default_size([760.0, 420.0]).show(ctx, |ui| {
            let with_errors = audit.rows.iter().filter(|r| r.errors > 0).count();
            let failed = audit.rows.iter().filter(|r| r.failure.is_some()).count();
            ui.label(format!("{} 个文件：{with_errors} 个有错误，{failed} 个无法读取", audit.rows.len()));
            if ui.button("导出 CSV…").clicked() {
                export = true;
            }
            egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
                egui::Grid::new("audit-rows").striped(true).num_columns(8).show(ui, |ui| {
                    // 打开 first: a long 说明 cannot push it off a small screen.
                    for h in ["", "文件", "编制单位", "年度", "错误", "警告", "未能读取", "说明"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for r in &audit.rows {
                        if r.failure.is_none() {
                            if ui.button("打开").clicked() {
                                chosen = Some(r.path.clone());
                            }
                        } else {
                            ui.label("");
                        }
                        let name =
                            r.path.file_name().map_or_else(|| r.path.display().to_string(), |n| n.to_string_lossy().into_owned());
                        ui.label(name).on_hover_text(r.path.display().to_string());
                        ui.label(&r.agency);
                        ui.label(r.year.map(|y| y.to_string()).unwrap_or_default());
                        for count in r.counts_shown() {
                            ui.label(count);
                        }
                        // The reason, cut at the column's edge; the whole of it and the
                        // file in one tooltip (the label's own, for elided text, is off).
                        if let Some(why) = &r.failure {
                            ui.scope(|ui| {
                                ui.set_max_width(NOTE_WIDTH);
                                ui.add(egui::Label::new(why).truncate().show_tooltip_when_elided(false))
                                    .on_hover_text(format!("{why}\n{}", r.path.display()));
                            });
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
            });
        });
        if !open {
            self.audit = None;
        }
        if let Some(p) = chosen {
            self.guard(super::Pending::OpenPath(p));
        }
        if export {
            self.pending_dialog = Some(super::file_requests::FileRequest::AuditCsv);
        }
    }

    /// Writes the audit list to `path` as CSV.
    pub(super) fn write_audit_csv(&mut self, path: &Path) {
        let Some(audit) = &self.audit else { return };
        let inputs: Vec<crate::files::Input> = audit.rows.iter().map(|r| (r.path.as_path(), "审核的年报之一")).collect();
        match crate::files::write_output(path, audit.csv().as_bytes(), &inputs, crate::files::Writing::Export) {
            Ok(()) => self.status = format!("已导出审核结果「{}」", path.display()),
            Err(why) => self.modal = Some(Modal::Message { title: "导出失败".into(), text: why }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let a = Audit {
            rows: vec![AuditRow {
                path: "甲,乙.pdf".into(),
                agency: "某局".into(),
                year: Some(2024),
                errors: 1,
                warnings: 2,
                unread: 3,
                failure: None,
            }],
        };
        let csv = a.csv();
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"甲,乙.pdf\",某局,2024,1,2,3,\r\n"), "{csv}");
    }

    #[test]
    fn an_unreadable_file_shows_no_counts() {
        let a = Audit {
            rows: vec![AuditRow {
                path: "坏.pdf".into(),
                agency: String::new(),
                year: None,
                errors: 0,
                warnings: 0,
                unread: 0,
                failure: Some("文件已损坏".into()),
            }],
        };
        assert!(a.csv().contains("坏.pdf,,,无法读取,无法读取,无法读取,文件已损坏\r\n"), "{}", a.csv());
    }
}
