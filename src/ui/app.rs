//! The app: its small state, the frame (menu, tabs, the current tab, status
//! bar), and the commands, which run after the frame is drawn.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use egui::{Color32, RichText, Ui, ViewportCommand};

use super::command::UiCommand;
use super::dialogs::{FileDialogs, file_name};
use super::findings::FindingIndex;
use super::history::History;
use super::tabs::{self, Tab};
use super::widgets::{Target, View};
use crate::export::Format;
use crate::fonts::{FontPreference, FontSet};
use crate::layout::Document;
use crate::model::{self, Report, TemplateId, file, preamble, totals};
use crate::recovery::{Orphan, Recovery};
use crate::settings::Settings;

/// What a dialog is waiting for.
enum Modal {
    /// 新建: format, year and agency of the new report.
    NewReport {
        template: TemplateId,
        year: i32,
        agency: String,
    },
    /// Unsaved changes: 保存 / 不保存 / 取消, then carry on with `then`.
    Unsaved {
        then: Pending,
    },
    Message {
        title: String,
        text: String,
    },
    Help,
    /// 恢复未保存的年报: the first of `App::orphans`.
    Recover,
}

/// An action held back until the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    NewFromPrevious,
    Merge,
    Open,
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
    preview: Option<(u64, Document)>,
    zoom: f32,
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
    pending_dialog: Option<Pending>,
    timing: bool,
    /// Last year's report (从上年报告新建, or remembered in the file): S1, S2, S10 and the hints.
    previous: Option<Report>,
    /// The sources of a 汇总 made in this session: per-agency findings and cell provenance.
    merged: Option<crate::model::merge::Merged>,
    /// Which faces of `fonts` egui has, as of `fonts.generation()` = `fonts_generation`.
    installed_faces: Vec<bool>,
    fonts_generation: usize,
    /// This app's recovery file (None when the app data folder is not writable).
    recovery: Option<Recovery>,
    /// Reports left by apps that crashed or were killed, to offer back.
    orphans: Vec<Orphan>,
    autosave_every: Duration,
    last_autosave: Instant,
    /// The revision last written to the recovery file.
    autosaved_revision: u64,
    was_focused: bool,
}

/// Last calendar year: the year a report written now is about.
fn last_year() -> i32 {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Days since 1970 → civil year (good for 1970–2100).
    let days = (secs / 86_400) as i64;
    let year = 1970 + (days * 400 / 146_097) as i32;
    year - 1
}

impl App {
    pub fn new(settings: Settings, data_dir: PathBuf, dialogs: Box<dyn FileDialogs>, fonts: &'static FontSet) -> App {
        let report = Report::new(TemplateId::V2021, last_year(), "");
        let recovery = Recovery::start(&data_dir);
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
            preview: None,
            zoom: 1.0,
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
            previous: None,
            merged: None,
            timing: std::env::var_os("NIANBAO_TIMING").is_some(),
            installed_faces: Vec::new(),
            fonts_generation: usize::MAX,
            recovery: None,
            orphans: Vec::new(),
            autosave_every: autosave_interval(),
            last_autosave: Instant::now(),
            autosaved_revision: 0,
            was_focused: true,
        };
        match recovery {
            Ok(r) => app.recovery = Some(r),
            Err(e) => {
                app.status =
                    format!("注意：无法在「{}」建立恢复文件（{}），请勤保存", app.data_dir.display(), file::io_message(&e))
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

    /// Writes unsaved changes to the recovery file every `autosave_every` and
    /// whenever the window loses focus (the user switches to another program).
    fn autosave(&mut self, ctx: &egui::Context) {
        let focused = ctx.input(|i| i.focused);
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        let Some(recovery) = &self.recovery else { return };
        if !self.is_dirty() {
            if self.autosaved_revision != self.revision {
                recovery.clear(); // saved, or undone back to the saved state
                self.autosaved_revision = self.revision;
            }
            return;
        }
        if self.autosaved_revision == self.revision {
            return;
        }
        if lost_focus || self.last_autosave.elapsed() >= self.autosave_every {
            match recovery.write(&self.report, self.path.as_deref()) {
                Ok(()) => self.autosaved_revision = self.revision,
                Err(e) => self.status = format!("自动备份失败：{}", file::io_message(&e)),
            }
            self.last_autosave = Instant::now();
        } else {
            ctx.request_repaint_after(self.autosave_every.saturating_sub(self.last_autosave.elapsed()));
        }
    }

    /// Restores (or discards) the first orphaned report.
    fn take_orphan(&mut self, restore: bool) {
        if self.orphans.is_empty() {
            return;
        }
        let orphan = self.orphans.remove(0);
        if restore {
            // Compared with the file on disk (if any), the restored work is unsaved.
            let on_disk = orphan.source.as_deref().and_then(|p| file::load(p).ok());
            let report = orphan.report.clone();
            self.replace_document(report, orphan.source.clone());
            self.saved = on_disk.unwrap_or_else(|| Report::new(self.report.template, self.report.year, ""));
            self.status = "已恢复未保存的年报，请检查后保存".into();
            self.tab = Tab::Basic;
        }
        orphan.remove();
        if !self.orphans.is_empty() {
            self.modal = Some(Modal::Recover);
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
    pub fn open_path(&mut self, path: &Path) {
        self.guard(Pending::OpenPath(path.to_path_buf()));
    }

    /// Whether a dialog is showing, and its title (for tests and the close logic).
    pub fn modal_title(&self) -> Option<&str> {
        self.modal.as_ref().map(|m| match m {
            Modal::NewReport { .. } => "新建年报",
            Modal::Unsaved { .. } => "保存修改吗？",
            Modal::Message { title, .. } => title.as_str(),
            Modal::Help => "使用说明",
            Modal::Recover => "恢复未保存的年报",
        })
    }

    /// The window title: 年报编制器 — 文件名, with * when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let name =
            self.path.as_ref().and_then(|p| p.file_name()).map_or("未命名".into(), |n| n.to_string_lossy().into_owned());
        format!("年报编制器 — {name}{}", if self.is_dirty() { " *" } else { "" })
    }

    /// Draws one frame. `frame` parents the file dialogs (None in tests).
    pub fn ui(&mut self, ui: &mut Ui, frame: Option<&eframe::Frame>) {
        let frame_start = Instant::now();
        self.draw(ui, frame);
        self.frames += 1;
        if self.timing {
            // NIANBAO_TIMING=1: figures for scripts/measure-gui.sh.
            if self.frames == 1 {
                eprintln!("first frame: {:.1} ms after start", self.started.elapsed().as_secs_f64() * 1000.0);
            }
            eprintln!("frame {}: {:.2} ms", self.frames, frame_start.elapsed().as_secs_f64() * 1000.0);
        }
    }

    fn draw(&mut self, ui: &mut Ui, frame: Option<&eframe::Frame>) {
        let ctx = ui.ctx().clone();
        // Faces load on first use (a rare character, the preview's title font):
        // hand new ones to egui, and draw once more so they show.
        if self.fonts.generation() != self.fonts_generation {
            self.installed_faces = super::fonts::install(&ctx, self.fonts);
            self.fonts_generation = self.fonts.generation();
            ctx.request_repaint();
        }
        self.track_ime(&ctx);
        if self.modal.is_none()
            && let Some(c) = UiCommand::pressed(&ctx)
        {
            self.queue.push(c);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        self.after_edits(&ctx);
        self.modals(&ctx, frame);
        for c in std::mem::take(&mut self.queue) {
            self.run(c, &ctx, frame);
        }
        if let Some(kind) = self.pending_dialog.take() {
            self.file_dialog(kind, frame);
        }
        self.refresh_findings();
        self.autosave(&ctx);
        self.handle_close(&ctx);
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Keys belong to the input method while it composes (pinyin before the candidate is chosen).
    fn track_ime(&mut self, ctx: &egui::Context) {
        ctx.input(|i| {
            for e in &i.events {
                if let egui::Event::Ime(ime) = e {
                    self.composing = matches!(ime, egui::ImeEvent::Preedit { text, .. } if !text.is_empty());
                }
            }
        });
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                for c in [UiCommand::New, UiCommand::NewFromPrevious, UiCommand::Open] {
                    c.menu_item(ui, true, &mut self.queue);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(RichText::new("（没有）").weak());
                    }
                    for p in self.settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guard(Pending::OpenPath(p));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for c in [UiCommand::Save, UiCommand::SaveAs] {
                    c.menu_item(ui, true, &mut self.queue);
                }
                ui.separator();
                UiCommand::Merge.menu_item(ui, true, &mut self.queue);
                ui.separator();
                for c in [UiCommand::ExportPdf, UiCommand::ExportWord, UiCommand::ExportHtml, UiCommand::Print] {
                    c.menu_item(ui, true, &mut self.queue);
                }
                ui.separator();
                UiCommand::Quit.menu_item(ui, true, &mut self.queue);
            });
            ui.menu_button("编辑", |ui| {
                UiCommand::Undo.menu_item(ui, self.history.can_undo(), &mut self.queue);
                UiCommand::Redo.menu_item(ui, self.history.can_redo(), &mut self.queue);
                ui.separator();
                UiCommand::CopyHtml.menu_item(ui, true, &mut self.queue);
                ui.separator();
                ui.checkbox(&mut self.auto_totals, "自动合计").on_hover_text("总计由各项相加得出，不能手工修改");
                ui.separator();
                ui.label(RichText::new("PDF 字体").weak());
                for pref in [FontPreference::PreferSystem, FontPreference::BundledOnly] {
                    if ui.radio_value(&mut self.settings.fonts, pref, pref.label()).clicked() {
                        self.save_settings();
                        self.fonts = FontSet::for_preference(pref);
                        self.fonts_generation = usize::MAX;
                        self.preview = None;
                    }
                }
            });
            ui.menu_button("帮助", |ui| {
                UiCommand::Help.menu_item(ui, true, &mut self.queue);
            });
            ui.separator();
            ui.checkbox(&mut self.auto_totals, "自动合计");
        });
    }

    fn tab_bar(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                ui.selectable_value(&mut self.tab, tab, tab.label());
                let errors = tab.part().map_or(0, |p| self.index.errors_in_part(p));
                if errors > 0 {
                    ui.label(
                        RichText::new(errors.to_string())
                            .color(Color32::WHITE)
                            .background_color(Color32::from_rgb(0xC6, 0x28, 0x28)),
                    )
                    .on_hover_text(format!("这一部分有 {errors} 个错误"));
                }
                ui.add_space(6.0);
            }
        });
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let path = self.path.as_ref().map_or("未保存到文件".to_string(), |p| p.display().to_string());
            ui.label(path);
            if let Some(t) = self.saved_at {
                ui.separator();
                ui.label(format!("上次保存：{}", clock(t)));
            }
            ui.separator();
            let (e, w) = (self.index.count(model::Severity::Error), self.index.count(model::Severity::Warning));
            let text = RichText::new(format!("校验：{e} 个错误，{w} 个警告"));
            let text = if e > 0 { text.color(super::findings::severity_color(model::Severity::Error)) } else { text };
            if ui.add(egui::Label::new(text).sense(egui::Sense::click())).on_hover_text("查看校验结果").clicked() {
                self.tab = Tab::Checks;
            }
            ui.separator();
            ui.label(RichText::new(&self.status).weak());
        });
    }

    fn central(&mut self, ui: &mut Ui) {
        if self.tab == Tab::Preview {
            if self.preview.as_ref().is_none_or(|(rev, _)| *rev != self.revision) {
                self.preview = Some((self.revision, crate::layout::layout(&self.report, self.fonts)));
            }
            tabs::preview::ui(ui, self.preview.as_ref().map(|(_, d)| d), &mut self.zoom, &self.installed_faces);
            return;
        }
        if self.tab == Tab::Checks {
            if let Some((tab, target)) = tabs::checks::ui(ui, &self.index) {
                self.tab = tab;
                self.focus = Some(target);
            }
            return;
        }
        let mut action = None;
        if let Some(m) = &self.merged {
            egui::Panel::right("sources").default_size(300.0).show(ui, |ui| super::sources::ui(ui, m));
        }
        let App { report, index, focus, auto_totals, composing, fonts, tab, previous, merged, .. } = self;
        let mut view = View {
            index,
            fonts,
            focus,
            auto_totals: *auto_totals,
            composing: *composing,
            previous: previous.as_ref(),
            merged: merged.as_ref(),
        };
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            ui.set_max_width(1120.0);
            match tab {
                Tab::Basic => action = tabs::basic::ui(ui, report, &mut view),
                Tab::Overview => tabs::overview::ui(ui, report, &mut view),
                Tab::Disclosure => tabs::disclosure::ui(ui, report, &mut view),
                Tab::Applications => tabs::applications::ui(ui, report, &mut view),
                Tab::Reviews => tabs::reviews::ui(ui, report, &mut view),
                Tab::Problems => tabs::problems::ui(ui, report, &mut view),
                Tab::Other => tabs::other::ui(ui, report, &mut view),
                Tab::Checks | Tab::Preview => {}
            }
        });
        if action == Some(tabs::basic::Action::ConvertTo2021) {
            self.convert_to_2021();
        }
    }

    /// Records what the frame's widgets changed: totals, undo history, findings.
    fn after_edits(&mut self, ctx: &egui::Context) {
        if self.auto_totals {
            totals::fill_totals(&mut self.report);
        }
        let source = ctx.memory(|m| m.focused());
        if self.history.observe(&self.report, source) {
            self.revision += 1;
        }
        self.refresh_findings();
    }

    fn refresh_findings(&mut self) {
        if self.index_revision != self.revision {
            self.index = FindingIndex::new(model::check(&self.report, self.previous.as_ref()));
            self.index_revision = self.revision;
        }
    }

    /// Replaces the whole document (新建, 打开).
    fn replace_document(&mut self, report: Report, path: Option<PathBuf>) {
        self.merged = None;
        self.previous = report.previous.as_deref().and_then(|p| match &path {
            Some(own) => crate::cli::remembered_previous(own, p),
            None => file::load(p).ok(),
        });
        if report.previous.is_some() && self.previous.is_none() {
            self.status = "找不到上年报告文件，上年结转等核对暂不进行".into();
        }
        self.saved = report.clone();
        self.history = History::new(&report);
        self.report = report;
        self.path = path;
        self.saved_at = None;
        self.revision += 1;
        self.preview = None;
        self.focus = None;
        self.refresh_findings();
    }

    /// A document made here (从上年报告新建, 汇总) that has no file yet and must be saved.
    fn replace_unsaved(&mut self, report: Report) {
        self.replace_document(report, None);
        // Nothing saved matches it: compare against an empty report of the same format.
        self.saved = Report::new(self.report.template, self.report.year, "");
    }

    fn convert_to_2021(&mut self) {
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
    fn guard(&mut self, then: Pending) {
        if self.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Pending) {
        match then {
            Pending::New => {
                self.modal =
                    Some(Modal::NewReport { template: TemplateId::V2021, year: last_year(), agency: self.report.agency.clone() })
            }
            Pending::Open | Pending::NewFromPrevious | Pending::Merge => self.pending_dialog = Some(then),
            Pending::OpenPath(p) => self.load(&p),
            Pending::Close => self.allow_close = true,
        }
    }

    /// The file dialogs that 打开, 从上年报告新建 and 汇总 need (after the frame).
    fn file_dialog(&mut self, kind: Pending, frame: Option<&eframe::Frame>) {
        let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
        match kind {
            Pending::Open => {
                if let Some(p) = self.dialogs.open_report(frame, dir.as_deref()) {
                    self.load(&p);
                }
            }
            Pending::NewFromPrevious => {
                if let Some(p) = self.dialogs.open_report(frame, dir.as_deref()) {
                    self.new_from_previous(&p);
                }
            }
            Pending::Merge => {
                let files = self.dialogs.open_reports(frame, dir.as_deref());
                if !files.is_empty() {
                    self.merge(&files);
                }
            }
            _ => {}
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

    /// Whether a 汇总 made in this session is on screen (with its sources).
    pub fn merged(&self) -> Option<&crate::model::merge::Merged> {
        self.merged.as_ref()
    }

    /// Last year's report, when known.
    pub fn previous(&self) -> Option<&Report> {
        self.previous.as_ref()
    }

    fn load(&mut self, path: &Path) {
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

    fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.data_dir) {
            self.status = format!("设置未能保存：{}", file::io_message(&e));
        }
    }

    /// Saves to `path`; on failure the old file stays and the document stays unsaved.
    fn save_to(&mut self, path: &Path) -> bool {
        match file::save(path, &self.report) {
            Ok(()) => {
                self.saved = self.report.clone();
                self.saved_at = Some(SystemTime::now());
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                self.path = Some(path.to_path_buf());
                self.settings.remember(path);
                self.save_settings();
                self.status = format!("已保存「{}」", path.display());
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "保存失败".into(),
                    text: format!(
                        "无法保存到「{}」：{}。\n原有文件没有改动，当前内容仍未保存，请换一个位置另存。",
                        path.display(),
                        file::io_message(&e)
                    ),
                });
                false
            }
        }
    }

    fn save(&mut self, frame: Option<&eframe::Frame>) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(&p),
            None => self.save_as(frame),
        }
    }

    fn save_as(&mut self, frame: Option<&eframe::Frame>) -> bool {
        let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
        match self.dialogs.save_report(frame, dir.as_deref(), &file_name(&self.report.title(), "json")) {
            Some(p) => self.save_to(&p),
            None => false,
        }
    }

    fn export_to(&mut self, path: &Path, format: Format) -> Result<(), String> {
        let exported = crate::export::export(&self.report, format, self.fonts)?;
        crate::files::write_atomic(path, &exported.bytes)
            .map_err(|e| format!("无法写入「{}」：{}。原有文件没有改动。", path.display(), file::io_message(&e)))?;
        if !exported.missing.is_empty() {
            self.modal = Some(Modal::Message {
                title: "有字符无法显示".into(),
                text: format!(
                    "PDF 已导出，但以下字符没有字体可以显示，在 PDF 中是方框：\n{}",
                    crate::export::describe_missing(&exported.missing)
                ),
            });
        }
        Ok(())
    }

    fn run(&mut self, c: UiCommand, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        match c {
            UiCommand::New => self.guard(Pending::New),
            UiCommand::Open => self.guard(Pending::Open),
            UiCommand::NewFromPrevious => self.guard(Pending::NewFromPrevious),
            UiCommand::Merge => self.guard(Pending::Merge),
            UiCommand::Save => {
                self.save(frame);
            }
            UiCommand::SaveAs => {
                self.save_as(frame);
            }
            UiCommand::ExportPdf => self.export(Format::Pdf, frame),
            UiCommand::ExportWord => self.export(Format::Docx, frame),
            UiCommand::ExportHtml => self.export(Format::Html, frame),
            UiCommand::CopyHtml => {
                ctx.copy_text(crate::export::html::body(&self.report));
                self.status = "网页代码已复制，可以粘贴到网站内容管理系统的「源代码」编辑框中".into();
            }
            UiCommand::Print => self.print(),
            UiCommand::Undo => {
                if self.history.undo(&mut self.report) {
                    self.revision += 1;
                }
            }
            UiCommand::Redo => {
                if self.history.redo(&mut self.report) {
                    self.revision += 1;
                }
            }
            UiCommand::Help => self.modal = Some(Modal::Help),
            UiCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
        }
    }

    fn export(&mut self, format: Format, frame: Option<&eframe::Frame>) {
        let dir = self.path.as_ref().and_then(|p| p.parent().map(Path::to_path_buf));
        let name = file_name(&self.report.title(), format.extension());
        if let Some(p) = self.dialogs.save_export(frame, dir.as_deref(), &name, format) {
            match self.export_to(&p, format) {
                Ok(()) => self.status = format!("已导出「{}」", p.display()),
                Err(e) => self.modal = Some(Modal::Message { title: "导出失败".into(), text: e }),
            }
        }
    }

    /// 打印: the PDF goes to a temporary file and opens in the system's PDF viewer.
    fn print(&mut self) {
        let dir = std::env::temp_dir().join("nianbao-print");
        let path = dir.join(file_name(&self.report.title(), "pdf"));
        let result =
            std::fs::create_dir_all(&dir).map_err(|e| file::io_message(&e)).and_then(|_| self.export_to(&path, Format::Pdf));
        match result.and_then(|_| crate::platform::open_with_system(&path)) {
            Ok(()) => self.status = "已在 PDF 阅读器中打开，请在阅读器中选择「打印」（Ctrl+P）".into(),
            Err(e) => self.modal = Some(Modal::Message { title: "无法打印".into(), text: e }),
        }
    }

    /// The window's close button (or Alt+F4): ask first when there are unsaved changes.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if self.allow_close {
            self.allow_close = false;
            self.saved = self.report.clone(); // the user chose; do not ask again
            ctx.send_viewport_cmd(ViewportCommand::Close);
            return;
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if self.modal.is_none() {
                self.modal = Some(Modal::Unsaved { then: Pending::Close });
            }
        }
    }

    fn modals(&mut self, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
        let Some(modal) = self.modal.take() else { return };
        let mut keep = true;
        let mut next: Option<Modal> = None;
        let mut after: Option<Pending> = None;
        let mut save_then: Option<Pending> = None;
        match modal {
            Modal::NewReport { mut template, mut year, mut agency } => {
                let mut create = false;
                egui::Modal::new(egui::Id::unique("new-report")).show(ctx, |ui| {
                    ui.heading("新建年报");
                    egui::Grid::new("new-grid").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
                        let l = ui.label("报告格式");
                        ui.vertical(|ui| {
                            for t in TemplateId::ALL {
                                ui.radio_value(&mut template, t, format!("{}（{}）", t.name(), t.notice()));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("年度");
                        ui.add(egui::DragValue::new(&mut year).range(2000..=2100).speed(0.1)).labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label("编制单位");
                        ui.add(egui::TextEdit::singleline(&mut agency).desired_width(280.0)).labelled_by(l.id);
                        ui.end_row();
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        create = ui.button("新建").clicked();
                        if ui.button("取消").clicked() {
                            keep = false;
                        }
                    });
                });
                if create {
                    self.auto_totals = true;
                    let mut r = Report::new(template, year, agency.trim());
                    r.preamble = preamble::standard_preamble(&r);
                    self.replace_document(r, None);
                    self.tab = Tab::Basic;
                    self.status = "已新建年报".into();
                    keep = false;
                }
                if keep {
                    next = Some(Modal::NewReport { template, year, agency });
                }
            }
            Modal::Unsaved { then } => {
                let mut choice = None;
                egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                    ui.heading("保存修改吗？");
                    ui.label(format!(
                        "「{}」有尚未保存的修改。",
                        self.window_title().trim_start_matches("年报编制器 — ").trim_end_matches(" *")
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            choice = Some(0);
                        }
                        if ui.button("不保存").clicked() {
                            choice = Some(1);
                        }
                        if ui.button("取消").clicked() {
                            choice = Some(2);
                        }
                    });
                });
                match choice {
                    Some(0) => save_then = Some(then),
                    Some(1) => after = Some(then),
                    Some(_) => {}
                    None => next = Some(Modal::Unsaved { then }),
                }
            }
            Modal::Message { title, text } => {
                let response = egui::Modal::new(egui::Id::unique("message")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(&title);
                    ui.label(&text);
                    ui.add_space(8.0);
                    ui.button("确定").clicked()
                });
                if !response.inner && !response.should_close() {
                    next = Some(Modal::Message { title, text });
                }
            }
            Modal::Recover => {
                let mut choice = None;
                if let Some(o) = self.orphans.first() {
                    egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                        ui.set_max_width(520.0);
                        ui.heading("恢复未保存的年报");
                        ui.label("年报编制器上次没有正常退出（断电、死机或被强行关闭），以下年报有尚未保存的修改：");
                        ui.add_space(6.0);
                        let title = if o.report.agency.trim().is_empty() {
                            "（未填写编制单位）".to_string()
                        } else {
                            o.report.title()
                        };
                        ui.label(RichText::new(title).strong());
                        ui.label(format!("自动备份于 {}", date_time(o.saved_at)));
                        ui.label(match &o.source {
                            Some(p) => format!("原文件：{}", p.display()),
                            None => "这份年报还没有保存过文件。".to_string(),
                        });
                        ui.add_space(8.0);
                        ui.horizontal(|ui| {
                            if ui.button("恢复").clicked() {
                                choice = Some(true);
                            }
                            if ui.button("丢弃").on_hover_text("删除这份自动备份，不再提示").clicked() {
                                choice = Some(false);
                            }
                        });
                    });
                }
                match choice {
                    Some(restore) => self.take_orphan(restore),
                    None if !self.orphans.is_empty() => next = Some(Modal::Recover),
                    None => {}
                }
            }
            Modal::Help => {
                let response = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
                    ui.set_max_width(560.0);
                    ui.heading("使用说明");
                    ui.label(HELP);
                    ui.add_space(8.0);
                    ui.button("关闭").clicked()
                });
                if !response.inner && !response.should_close() {
                    next = Some(Modal::Help);
                }
            }
        }
        if self.modal.is_none() {
            self.modal = next;
        }
        if let Some(then) = save_then {
            // 保存 first; a cancelled Save-As cancels what was going to happen.
            if self.save(frame) {
                self.proceed(then);
            }
        }
        if let Some(then) = after {
            if then != Pending::Close {
                self.saved = self.report.clone();
            }
            self.proceed(then);
        }
    }
}

/// How often unsaved changes go to the recovery file (`NIANBAO_AUTOSAVE_SECONDS` overrides).
fn autosave_interval() -> Duration {
    let secs = std::env::var("NIANBAO_AUTOSAVE_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    Duration::from_secs(secs)
}

/// “2025年1月20日 14:03”, local time.
fn date_time(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) + crate::platform::utc_offset_seconds();
    let days = (secs / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}年{month}月{day}日 {}", &clock(t)[..5])
}

/// Local wall-clock time as HH:MM:SS.
fn clock(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) + crate::platform::utc_offset_seconds();
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}

const HELP: &str = "\
年报编制器按国务院办公厅政府信息与政务公开办公室规定的格式编制政府信息公开工作年度报告。

· 每个标签页对应报告的一部分；表格边填边校验，有问题的单元格会标成红色（错误）或黄色（警告），鼠标停在上面可以看到原因。
· 「校验结果」列出全部问题，点击一条可以跳到相应位置。
· 表格里空白表示没有填写，没有发生的请填 0。全角数字会自动转为半角。
· 打开「自动合计」时，总计由各项相加得出；关闭后可以手工填写，程序会检查是否相加正确。
· 回车或↓移到下一行，↑移到上一行，Tab 移到右边一格。

· 文件菜单：从上年报告新建（带入上年结转和文字草稿）、汇总多个年报（区县汇总各部门和乡镇）、导出 PDF / Word / 网页。
· 有未保存的修改时，程序每 30 秒自动备份；意外退出后再打开会提示恢复。

快捷键：新建 Ctrl+N，打开 Ctrl+O，保存 Ctrl+S，另存为 Ctrl+Shift+S，导出PDF Ctrl+E，打印 Ctrl+P，撤销 Ctrl+Z，重做 Ctrl+Y，说明 F1。";
