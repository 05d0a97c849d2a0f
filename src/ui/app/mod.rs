//! The app, split the way rerun splits its `App`: the state (here), what runs
//! every frame (`frame`), the commands queued during the frame (`commands`),
//! the document operations behind them (`document`), the modal dialogs
//! (`modals`) and the recovery file (`autosave`).

mod autosave;
mod commands;
mod disk;
mod document;
mod editing;
mod file_requests;
mod frame;
mod importing;
mod modals;
mod output;
mod review_panel;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::command::UiCommand;
use super::dialogs::FileDialogs;
use super::findings::FindingIndex;
use super::history::History;
use super::tabs::Tab;
use super::widgets::Target;
use crate::files::{FileOp, io_message};
use crate::fonts::FontSet;
use crate::model::{self, Report, TemplateId};
use crate::recovery::{Orphan, Recovery};
use crate::settings::Settings;
use modals::Modal;

/// An action held back until the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Pending {
    New,
    NewFromPrevious,
    Merge,
    Open,
    /// 导入已有年报 (a document) and 从剪贴板导入.
    Import,
    ImportClipboard,
    OpenPath(PathBuf),
    Close,
}

pub struct App {
    pub report: Report,
    pub path: Option<PathBuf>,
    /// The report as last saved or opened; differs from `report` when there are unsaved changes.
    saved: Report,
    pub saved_at: Option<SystemTime>,
    history: History,
    revision: u64,
    index: FindingIndex,
    index_revision: u64,
    /// The 预览 tab: layout, zoom, page in view, page textures.
    pub preview: super::tabs::preview::Preview,
    pub tab: Tab,
    pub auto_totals: bool,
    focus: Option<Target>,
    queue: Vec<UiCommand>,
    modal: Option<Modal>,
    /// The last thing that happened, for the status bar.
    pub status: String,
    pub settings: Settings,
    data_dir: PathBuf,
    dialogs: Box<dyn FileDialogs>,
    fonts: &'static FontSet,
    composing: bool,
    title_sent: String,
    allow_close: bool,
    started: Instant,
    frames: u64,
    /// 打开 was chosen: show the dialog at the end of the frame.
    pending_dialog: Option<file_requests::FileRequest>,
    /// The app's own file dialog (no native one), open over several frames.
    in_app_dialog: Option<(file_requests::FileRequest, super::file_dialog::InAppDialog)>,
    timing: bool,
    /// Last year's report (从上年报告新建, or remembered in the file): S1, S2, S10 and the hints.
    previous: Option<Report>,
    /// The sources of a 汇总 made in this session: per-agency findings and cell provenance.
    merged: Option<crate::model::merge::Merged>,
    /// This app's recovery file (None when the app data folder is not writable).
    recovery: Option<Recovery>,
    /// Reports left by apps that crashed or were killed, to offer back.
    orphans: Vec<Orphan>,
    autosave_every: Duration,
    last_autosave: Instant,
    /// The revision last written to the recovery file.
    autosaved_revision: u64,
    was_focused: bool,
    /// The system clipboard (tests put a `MemoryClipboard` here).
    pub clipboard: Box<dyn super::clipboard::SystemClipboard>,
    /// The text field or number cell that last had the focus, and its selection
    /// (what the 编辑 menu acts on).
    last_text_field: Option<(egui::Id, Option<egui::text::CCursorRange>)>,
    /// An editing event for that field, delivered at the start of the next frame.
    text_event: Option<(egui::Id, egui::Event)>,
    /// The program 打印 opens the PDF with.
    viewer: crate::platform::PdfViewer,
    /// 打印's opener, still running: its outcome when it exits.
    print_wait: Option<std::sync::mpsc::Receiver<Result<(), crate::platform::OpenError>>>,
    /// The status message of the last save, to replace once the report changes again.
    saved_message: Option<String>,
    /// The report's file as it was when opened or last saved here (`disk`).
    disk_stamp: Option<crate::open_files::FileStamp>,
    /// Held while the report's file is open in this window (`disk`).
    open_lock: Option<(PathBuf, crate::open_files::OpenLock)>,
    /// Why unsaved work is not being backed up: shown in the status bar until it is again.
    autosave_problem: Option<String>,
    /// The files a 汇总 was made from: never written over by this document.
    made_from: Vec<PathBuf>,
    /// Which recent files and dialog folders are there, found out off the UI thread.
    pub(super) reachable: crate::ui::reachable::Reachability,
    /// What the last import left to review (the 导入核对 panel).
    import_review: Option<importing::ImportReview>,
    /// The 审核多个年报 window.
    audit: Option<importing::Audit>,
}

/// The year a report written now is about: last year until October (reports are
/// due by 31 January), this year from November, when offices start on it.
pub(super) fn report_year() -> i32 {
    report_year_at(crate::platform::local_time(SystemTime::now()).date())
}

fn report_year_at(today: time::Date) -> i32 {
    if u8::from(today.month()) >= 11 { today.year() } else { today.year() - 1 }
}

impl App {
    pub fn new(settings: Settings, data_dir: PathBuf, dialogs: Box<dyn FileDialogs>, fonts: &'static FontSet) -> App {
        let report = Report::new(TemplateId::V2021, report_year(), "");
        let recovery = Recovery::start(&data_dir);
        crate::recovery::remove_stale(&data_dir);
        let orphans = crate::recovery::orphans(&data_dir);
        let mut app = App {
            saved: report.clone(),
            history: History::new(&report),
            index: FindingIndex::new(model::check(&report, None)),
            report,
            path: None,
            saved_at: None,
            revision: 0,
            index_revision: 0,
            preview: Default::default(),
            tab: Tab::Basic,
            auto_totals: true,
            focus: None,
            queue: Vec::new(),
            modal: None,
            status: "新建的年报：请先填写基本信息。".into(),
            settings,
            data_dir,
            dialogs,
            fonts,
            composing: false,
            title_sent: String::new(),
            allow_close: false,
            started: crate::platform::started(),
            frames: 0,
            pending_dialog: None,
            in_app_dialog: None,
            previous: None,
            merged: None,
            timing: std::env::var_os("NIANBAO_TIMING").is_some(),
            recovery: None,
            orphans: Vec::new(),
            autosave_every: autosave::autosave_interval(),
            last_autosave: Instant::now(),
            autosaved_revision: 0,
            was_focused: true,
            clipboard: Box::new(super::clipboard::OsClipboard::default()),
            last_text_field: None,
            text_event: None,
            viewer: crate::platform::PdfViewer::from_env(),
            print_wait: None,
            saved_message: None,
            disk_stamp: None,
            open_lock: None,
            autosave_problem: None,
            made_from: Vec::new(),
            reachable: Default::default(),
            import_review: None,
            audit: None,
        };
        // The recent files and their folders, asked about now: by the time the
        // menu or a dialog needs them, the answers (or the slow share's time-out) are in.
        let recent = app.settings.recent.iter();
        app.reachable.check(recent.clone().cloned().chain(recent.filter_map(|p| p.parent().map(Path::to_path_buf))));
        match recovery {
            Ok(r) => app.recovery = Some(r),
            Err(e) => {
                let folder = crate::recovery::folder(&app.data_dir);
                let why = io_message(FileOp::Write, &folder, &e);
                app.modal = Some(Modal::Message {
                    title: "自动备份不可用".into(),
                    text: format!("{why}。\n程序意外退出时，未保存的修改无法恢复：请勤保存（Ctrl+S）。"),
                });
                app.autosave_problem = Some(why);
            }
        }
        if !orphans.is_empty() {
            app.orphans = orphans;
            app.modal = Some(Modal::Recover);
        }
        app
    }

    /// A clean exit: nothing is left to recover.
    pub fn on_exit(&mut self) {
        if let Some(r) = self.recovery.take() {
            r.finish();
        }
    }

    /// One-time set-up of the egui context: fonts, and no Ctrl+Q quitting behind the user's back.
    pub fn setup(ctx: &egui::Context, fonts: &FontSet) {
        super::fonts::install(ctx, fonts); // before the first frame: every label needs them
        ctx.options_mut(|o| o.quit_shortcuts.clear());
        ctx.set_theme(egui::Theme::Light);
        // Larger type than egui's default: the users are often older office staff.
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily::Proportional, FontId, TextStyle};
            style.text_styles = [
                (TextStyle::Heading, FontId::new(21.0, Proportional)),
                (TextStyle::Body, FontId::new(15.0, Proportional)),
                (TextStyle::Button, FontId::new(15.0, Proportional)),
                (TextStyle::Small, FontId::new(12.5, Proportional)),
                (TextStyle::Monospace, FontId::new(14.0, egui::FontFamily::Monospace)),
            ]
            .into();
            style.spacing.item_spacing = egui::vec2(8.0, 6.0);
            // A steady cursor: a blinking one repaints twice a second while the user reads.
            style.visuals.text_cursor.blink = false;
            style.spacing.button_padding = egui::vec2(8.0, 3.0);
        });
    }

    pub fn is_dirty(&self) -> bool {
        self.report != self.saved
    }

    pub fn findings(&self) -> &FindingIndex {
        &self.index
    }

    /// Queues a command as if its menu item was clicked.
    pub fn command(&mut self, c: UiCommand) {
        self.queue.push(c);
    }

    /// Opens a report file (the 打开 command without its dialog), asking about unsaved changes first.
    /// A relative path (as typed after the program's name on a command line) is
    /// made absolute first, so the file dialogs start in the report's folder.
    pub fn open_path(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.guard(Pending::OpenPath(path));
    }

    /// Whether a dialog is showing, and its title (for tests and the close logic).
    pub fn modal_title(&self) -> Option<&str> {
        self.modal.as_ref().map(|m| match m {
            Modal::NewReport { .. } => "新建年报",
            Modal::Unsaved { .. } => "保存修改吗？",
            Modal::Message { title, .. } => title.as_str(),
            Modal::Confirm { title, .. } => title.as_str(),
            Modal::Recover => "恢复未保存的年报",
        })
    }

    /// How often unsaved changes go to the recovery file (`NIANBAO_AUTOSAVE_SECONDS`
    /// sets it for the whole program).
    pub fn set_autosave_interval(&mut self, every: Duration) {
        self.autosave_every = every;
    }

    /// The program 打印 opens the PDF with (the system's viewer unless `NIANBAO_PDF_VIEWER` names one).
    pub fn set_pdf_viewer(&mut self, viewer: crate::platform::PdfViewer) {
        self.viewer = viewer;
    }

    /// The window title: 年报编制器 — 文件名, with * when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name =
            self.path.as_ref().and_then(|p| p.file_name()).map_or("未命名".into(), |n| n.to_string_lossy().into_owned());
        format!("年报编制器 — {name}{}", if self.is_dirty() { " *" } else { "" })
    }

    /// Whether a 汇总 made in this session is on screen (with its sources).
    pub fn merged(&self) -> Option<&crate::model::merge::Merged> {
        self.merged.as_ref()
    }

    /// Last year's report, when known.
    pub fn previous(&self) -> Option<&Report> {
        self.previous.as_ref()
    }

    /// Puts `path` first in 最近打开. The list is shared by every window: the one on
    /// disk (another window may have added to it) is the one updated.
    pub(super) fn remember(&mut self, path: &Path) {
        // Just read or written: it and its folder are there.
        self.reachable.found(path.parent().into_iter().map(Path::to_path_buf).chain([path.to_path_buf()]));
        self.settings.recent = Settings::load(&self.data_dir).recent;
        self.settings.remember(path);
    }

    pub(super) fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.data_dir) {
            self.status = format!("设置未能保存：{}", io_message(FileOp::Write, &Settings::path(&self.data_dir), &e));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_report_is_about_last_year_until_october() {
        let day = |y, m, d| time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap();
        assert_eq!(super::report_year_at(day(2027, 1, 20)), 2026, "written in January for the year before");
        assert_eq!(super::report_year_at(day(2026, 10, 31)), 2025);
        assert_eq!(super::report_year_at(day(2026, 11, 29)), 2026, "November: this year's report is next");
    }
}
