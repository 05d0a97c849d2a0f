//! Asking for a file: the native dialog first, the app's own when there is
//! none (it stays open over several frames), then what the file was asked for.

use std::path::{Path, PathBuf};

use super::modals::{Confirmed, Modal};
use super::{App, Pending};
use crate::export::Format;
use crate::ui::dialogs::{Answer, CSV_FILTER, DOCUMENT_FILTER, REPORT_FILTER, export_filter, file_name, with_extension};
use crate::ui::file_dialog::{InAppDialog, Kind};

/// What a file is being asked for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum FileRequest {
    Open,
    NewFromPrevious,
    Merge,
    /// 导入已有年报; 审核多个年报 (files), and where to write its CSV.
    Import,
    Audit,
    AuditCsv,
    /// 保存 / 另存为, then carry on with `then` (保存 in the unsaved-changes prompt).
    Save {
        then: Option<Pending>,
    },
    Export(Format),
}

impl App {
    /// Where a dialog starts: the report's folder, else the last file's, whichever
    /// is known to be there (never asked on the UI thread: it may be an offline share).
    fn dialog_folder(&self) -> Option<PathBuf> {
        // After an import (or 汇总, 从上年报告新建) the report has no file yet: the
        // folder of what it was made from.
        let folders = [self.path.as_ref(), self.made_from.first(), self.settings.recent.first()].into_iter().flatten();
        self.reachable.first_present(folders.filter_map(|p| p.parent().map(Path::to_path_buf)))
    }

    /// Where the dialog for `request` starts: the audit's CSV beside the reports
    /// audited (the folder they share), other files as [`Self::dialog_folder`].
    fn folder_for(&self, request: &FileRequest) -> Option<PathBuf> {
        if matches!(request, FileRequest::AuditCsv)
            && let Some(folder) = self.audit.as_ref().and_then(super::importing::Audit::folder)
        {
            return self.reachable.first_present([folder]).or_else(|| self.dialog_folder());
        }
        self.dialog_folder()
    }

    /// Shows the native dialog for `request`, or the app's own when the system has none.
    pub(super) fn ask_file(&mut self, request: FileRequest, frame: Option<&eframe::Frame>) {
        let dir = self.folder_for(&request);
        let dir = dir.as_deref();
        let answer = match &request {
            FileRequest::Open | FileRequest::NewFromPrevious => vec_of(self.dialogs.open_report(frame, dir)),
            FileRequest::Merge => self.dialogs.open_reports(frame, dir),
            FileRequest::Import => vec_of(self.dialogs.open_document(frame, dir)),
            FileRequest::Audit => self.dialogs.open_documents(frame, dir),
            FileRequest::AuditCsv => vec_of(self.dialogs.save_csv(frame, dir, "审核结果.csv")),
            FileRequest::Save { .. } => vec_of(self.dialogs.save_report(frame, dir, &file_name(&self.report.title(), "json"))),
            FileRequest::Export(format) => {
                let name = file_name(&self.report.title(), format.extension());
                vec_of(self.dialogs.save_export(frame, dir, &name, *format))
            }
        };
        match answer {
            Answer::Chosen(paths) => self.file_chosen(request, paths),
            Answer::Cancelled => {}
            Answer::Unavailable => {
                let name;
                let (kind, title, filter) = match &request {
                    FileRequest::Open => (Kind::Open { multiple: false }, "打开年报".to_string(), DOCUMENT_FILTER),
                    FileRequest::NewFromPrevious => {
                        (Kind::Open { multiple: false }, "选择上年的年报文件".to_string(), DOCUMENT_FILTER)
                    }
                    FileRequest::Merge => {
                        (Kind::Open { multiple: true }, "选择要汇总的年报（可多选）".to_string(), DOCUMENT_FILTER)
                    }
                    FileRequest::Import => (Kind::Open { multiple: false }, "导入已有年报".to_string(), DOCUMENT_FILTER),
                    FileRequest::Audit => {
                        (Kind::Open { multiple: true }, "选择要审核的年报（可多选）".to_string(), DOCUMENT_FILTER)
                    }
                    FileRequest::AuditCsv => (Kind::Save { name: "审核结果.csv" }, "导出审核结果".to_string(), CSV_FILTER),
                    FileRequest::Save { .. } => {
                        name = file_name(&self.report.title(), "json");
                        (Kind::Save { name: &name }, "保存年报".to_string(), REPORT_FILTER)
                    }
                    FileRequest::Export(format) => {
                        name = file_name(&self.report.title(), format.extension());
                        (Kind::Save { name: &name }, format!("导出{}", format.name()), export_filter(*format))
                    }
                };
                let dialog = InAppDialog::new(kind, &title, dir, filter);
                let dialog = if matches!(request, FileRequest::Audit) { dialog.with_folder_choice() } else { dialog };
                self.in_app_dialog = Some((request, dialog));
            }
        }
    }

    /// The app's own file dialog, while one is open.
    pub(super) fn show_in_app_dialog(&mut self, ctx: &egui::Context) {
        let Some((_, dialog)) = &mut self.in_app_dialog else { return };
        if let Some(answer) = dialog.show(ctx) {
            let (request, _) = self.in_app_dialog.take().expect("open");
            let Answer::Chosen(paths) = answer else { return };
            // The native dialogs ask before replacing a file; egui_file does not. A file
            // that may not be replaced is refused first, not asked about.
            let target = paths.first().and_then(|p| target_file(&request, p.clone()));
            if let Some(target) = &target
                && let Some(why) = self.refused_target(target, matches!(request, FileRequest::Export(_)))
            {
                let title = if matches!(request, FileRequest::Export(_)) { "导出失败" } else { "保存失败" };
                self.modal = Some(Modal::Message { title: title.into(), text: format!("{why}。原有文件没有改动。") });
                return;
            }
            if let Some(target) = target
                && target.exists()
            {
                let name = target.file_name().map_or_else(|| target.display().to_string(), |n| n.to_string_lossy().into_owned());
                self.modal = Some(Modal::Confirm {
                    title: "替换已有的文件吗？".into(),
                    text: format!("「{name}」已经存在（{}）。\n替换后，原来的内容将被覆盖。", target.display()),
                    yes: "替换",
                    then: Confirmed::Replace(request, target),
                    other: None,
                });
                return;
            }
            self.file_chosen(request, paths);
        }
    }

    /// Whether the app's own file dialog is open (tests, and keys that must not act behind it).
    pub fn in_app_dialog_open(&self) -> bool {
        self.in_app_dialog.is_some()
    }

    pub(super) fn file_chosen(&mut self, request: FileRequest, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else { return };
        match request {
            FileRequest::Open => self.load(&first),
            FileRequest::NewFromPrevious => self.new_from_previous(&first),
            FileRequest::Merge => self.merge(&paths),
            FileRequest::Import => self.import(&first),
            FileRequest::Audit => self.audit(&paths),
            FileRequest::AuditCsv => {
                let path = target_file(&request, first).expect("a file to write");
                self.write_audit_csv(&path);
            }
            FileRequest::Save { ref then } => {
                let then = then.clone();
                if self.save_to(&target_file(&request, first).expect("a file to write"))
                    && let Some(then) = then
                {
                    self.proceed(then);
                }
            }
            FileRequest::Export(format) => {
                let path = target_file(&request, first).expect("a file to write");
                match self.export_to(&path, format) {
                    Ok(()) => self.status = format!("已导出「{}」", path.display()),
                    Err(e) => self.modal = Some(Modal::Message { title: "导出失败".into(), text: e }),
                }
            }
        }
    }
}

/// The file a 保存 or 导出 answer writes (the extension added when missing);
/// None for requests that only read.
fn target_file(request: &FileRequest, chosen: PathBuf) -> Option<PathBuf> {
    match request {
        FileRequest::Save { .. } => Some(with_extension(chosen, "json")),
        FileRequest::Export(format) if Format::of_path(&chosen) == Some(*format) => Some(chosen),
        FileRequest::Export(format) => Some(with_extension(chosen, format.extension())),
        FileRequest::AuditCsv => Some(with_extension(chosen, "csv")),
        FileRequest::Open | FileRequest::NewFromPrevious | FileRequest::Merge | FileRequest::Import | FileRequest::Audit => None,
    }
}

fn vec_of(answer: Answer<PathBuf>) -> Answer<Vec<PathBuf>> {
    match answer {
        Answer::Chosen(p) => Answer::Chosen(vec![p]),
        Answer::Cancelled => Answer::Cancelled,
        Answer::Unavailable => Answer::Unavailable,
    }
}
