//! What runs every frame: the menu, tab and status bars, the current tab,
//! and recording what the widgets changed.

use std::time::{Instant, SystemTime};

use egui::{Color32, RichText, Ui, ViewportCommand};

use super::modals::Modal;
use super::{App, Pending};
use crate::fonts::{FontPreference, FontSet};
use crate::model::check::OVERVIEW_LIMIT;
use crate::model::{self, totals};
use crate::ui::command::UiCommand;
use crate::ui::findings::FindingIndex;
use crate::ui::reachable::{Presence, menu_entry};
use crate::ui::tabs::{self, Tab};
use crate::ui::widgets::View;

impl App {
    /// Draws one frame. `frame` parents the file dialogs (None in tests).
    pub fn ui(&mut self, ui: &mut Ui, frame: Option<&eframe::Frame>) {
        let frame_start = Instant::now();
        self.draw(ui, frame);
        self.frames += 1;
        if self.timing {
            // NIANBAO_TIMING=1: figures for scripts/measure-gui.sh.
            if self.frames == 1 {
                // The wall clock too: scripts/bench.sh measures from before the exec.
                let at = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default().as_millis();
                eprintln!("first frame: {:.1} ms after start, at {at}", self.started.elapsed().as_secs_f64() * 1000.0);
            }
            eprintln!("frame {}: {:.2} ms", self.frames, frame_start.elapsed().as_secs_f64() * 1000.0);
        }
    }

    pub(super) fn draw(&mut self, ui: &mut Ui, frame: Option<&eframe::Frame>) {
        let ctx = ui.ctx().clone();
        self.reachable.wake(&ctx);
        let shown = self.shown();
        // Faces load on first use (a rare character, the preview's title font):
        // hand new ones to egui, and draw once more so they show.
        if crate::ui::fonts::refresh(&ctx, self.fonts) {
            ctx.request_repaint();
        }
        self.track_ime(&ctx);
        self.deliver_text_event(&ctx);
        // Text from Windows and Mac programs: one kind of line break in every field.
        ctx.input_mut(|i| {
            for e in &mut i.events {
                if let egui::Event::Paste(text) = e
                    && text.contains('\r')
                {
                    *text = crate::model::paste::normalize_line_breaks(text);
                }
            }
        });
        if self.modal.is_none()
            && let Some(c) = UiCommand::pressed(&ctx)
        {
            self.queue.push(c);
        }
        // Behind a dialog the menus do nothing (the dialog is answered first).
        let menus = self.modal.is_none();
        egui::Panel::top("menu").show(ui, |ui| ui.add_enabled_ui(menus, |ui| self.menu_bar(ui)));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::CentralPanel::default().show(ui, |ui| self.central(ui));
        self.after_edits(&ctx);
        if let Some(notice) = crate::ui::cells::take_notice(&ctx) {
            self.status = notice;
        }
        self.poll_print();
        self.modals(&ctx, frame);
        for c in std::mem::take(&mut self.queue) {
            self.run(c, &ctx, frame);
        }
        if let Some(request) = self.pending_dialog.take() {
            self.ask_file(request, frame);
        }
        self.show_in_app_dialog(&ctx);
        self.audit_window(&ctx);
        self.refresh_findings();
        self.track_text_focus(&ctx);
        self.autosave(&ctx);
        self.handle_close(&ctx);
        // A dialog or a message that came up after its place was drawn (a file
        // written, a save refused) shows now, not at the next key press.
        if self.shown() != shown {
            ctx.request_repaint();
        }
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Keys belong to the input method while it composes (pinyin before the candidate is chosen).
    pub(super) fn track_ime(&mut self, ctx: &egui::Context) {
        ctx.input(|i| {
            for e in &i.events {
                if let egui::Event::Ime(ime) = e {
                    self.composing = matches!(ime, egui::ImeEvent::Preedit { text, .. } if !text.is_empty());
                }
            }
        });
    }

    pub(super) fn menu_bar(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            let file = ui.menu_button("文件(F)", |ui| {
                for c in
                    [UiCommand::New, UiCommand::NewFromPrevious, UiCommand::Open, UiCommand::Import, UiCommand::ImportClipboard]
                {
                    c.menu_item(ui, true, &mut self.queue);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(RichText::new("（没有）").weak());
                    }
                    for p in self.settings.recent.clone() {
                        let presence = self.reachable.presence(&p);
                        let (label, enabled) = menu_entry(&p, presence);
                        let doubtful = matches!(presence, Some(Presence::Missing | Presence::Checking));
                        let label = if doubtful { RichText::new(label).weak() } else { RichText::new(label) };
                        let button = ui.add_enabled(enabled, egui::Button::new(label));
                        if button.on_hover_text(p.display().to_string()).clicked() {
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
                UiCommand::Audit.menu_item(ui, true, &mut self.queue);
                ui.separator();
                for c in [UiCommand::ExportPdf, UiCommand::ExportWord, UiCommand::ExportHtml, UiCommand::Print] {
                    c.menu_item(ui, true, &mut self.queue);
                }
                ui.separator();
                UiCommand::Quit.menu_item(ui, true, &mut self.queue);
            });
            let edit = ui.menu_button("编辑(E)", |ui| {
                UiCommand::Undo.menu_item(ui, self.history.can_undo(), &mut self.queue);
                UiCommand::Redo.menu_item(ui, self.history.can_redo(), &mut self.queue);
                ui.separator();
                for c in [UiCommand::Cut, UiCommand::Copy, UiCommand::Paste, UiCommand::SelectAll] {
                    c.menu_item(ui, true, &mut self.queue);
                }
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
                        self.preview.forget_layout();
                    }
                }
                ui.separator();
                self.overview_limit_setting(ui);
            });
            let help = ui.menu_button("帮助(H)", |ui| {
                UiCommand::Help.menu_item(ui, true, &mut self.queue);
                UiCommand::About.menu_item(ui, true, &mut self.queue);
            });
            // Alt+F / Alt+E / Alt+H open the menus, as in Windows programs.
            for (key, letter, menu) in [(egui::Key::F, "f", &file), (egui::Key::E, "e", &edit), (egui::Key::H, "h", &help)] {
                if ui.is_enabled() && ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, key)) {
                    // X11 also sends the letter as text: it must not land in the focused field.
                    ui.input_mut(|i| i.events.retain(|e| !matches!(e, egui::Event::Text(t) if t.eq_ignore_ascii_case(letter))));
                    egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(&menu.response));
                    ui.ctx().request_repaint();
                }
            }
            ui.separator();
            ui.checkbox(&mut self.auto_totals, "自动合计");
        });
    }

    pub(super) fn tab_bar(&mut self, ui: &mut Ui) {
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

    /// What the user sees of the app's state apart from the report: the dialog,
    /// the status message, the autosave warning.
    fn shown(&self) -> (Option<String>, String, Option<String>) {
        (self.modal_title().map(str::to_string), self.status.clone(), self.autosave_problem.clone())
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        // 「已保存…」 is stale once the report changes again.
        if self.saved_message.as_ref() == Some(&self.status) && self.is_dirty() {
            self.status = "保存之后又有修改，尚未保存".into();
            self.saved_message = None;
        }
        // One line: the file by name (its folder on hover), the save state, the
        // findings, and the last message — cut to the width left, whole on hover.
        ui.horizontal(|ui| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            match &self.path {
                Some(p) => {
                    let name = p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
                    ui.label(name).on_hover_text(p.display().to_string());
                }
                None => {
                    ui.label("未保存到文件");
                }
            }
            let last = self.saved_at.map(|t| format!("上次保存：{}", clock(t)));
            if self.is_dirty() {
                ui.separator();
                let unsaved = ui.label(RichText::new("有未保存的修改").color(Color32::from_rgb(0xB2, 0x6A, 0x00)));
                if let Some(last) = last {
                    unsaved.on_hover_text(last);
                }
            } else if let Some(last) = last {
                ui.separator();
                ui.label(last);
            }
            ui.separator();
            let (e, w) = (self.index.count(model::Severity::Error), self.index.count(model::Severity::Warning));
            let text = RichText::new(format!("校验：{e} 个错误，{w} 个警告"));
            let text = if e > 0 { text.color(crate::ui::findings::severity_color(model::Severity::Error)) } else { text };
            if ui.add(egui::Label::new(text).sense(egui::Sense::click())).on_hover_text("查看校验结果").clicked() {
                self.tab = Tab::Checks;
            }
            if let Some(why) = &self.autosave_problem {
                ui.separator();
                let warning =
                    RichText::new("自动备份不可用，请勤保存").color(crate::ui::findings::severity_color(model::Severity::Error));
                ui.label(warning).on_hover_text(why);
            }
            ui.separator();
            ui.add(egui::Label::new(RichText::new(&self.status).weak()).truncate()).on_hover_text(&self.status);
        });
    }

    pub(super) fn central(&mut self, ui: &mut Ui) {
        if self.tab == Tab::Preview {
            self.preview.ui(ui, &self.report, self.revision, self.fonts);
            return;
        }
        // Solid scroll bars: always where the eye expects them, not only on hover.
        ui.spacing_mut().scroll = crate::ui::widgets::visible_scroll_bars();
        if self.tab == Tab::Checks {
            if let Some((tab, target)) = tabs::checks::ui(ui, &self.index) {
                self.tab = tab;
                self.focus = Some(target);
            }
            return;
        }
        let mut action = None;
        self.import_panel(ui);
        if let Some(m) = &self.merged {
            egui::Panel::right("sources").default_size(300.0).show(ui, |ui| crate::ui::sources::ui(ui, m));
        }
        let App { report, index, focus, auto_totals, composing, fonts, tab, previous, merged, import_review, .. } = self;
        let mut view = View {
            index,
            fonts,
            focus,
            auto_totals: *auto_totals,
            composing: *composing,
            previous: previous.as_ref(),
            merged: merged.as_ref(),
            imported: import_review.as_ref().map(|r| &r.places),
            pasted: None,
        };
        // Content follows the window's width (text wraps); each tab keeps its own scroll position.
        // 表三 fills the page and scrolls inside its frozen panes; the page scrolls only when
        // the window is too small even for those.
        egui::ScrollArea::both().id_salt(("page", *tab)).auto_shrink([false, false]).show(ui, |ui| match tab {
            Tab::Basic => action = tabs::basic::ui(ui, report, &mut view),
            Tab::Overview => tabs::overview::ui(ui, report, &mut view),
            Tab::Disclosure => tabs::disclosure::ui(ui, report, &mut view),
            Tab::Applications => tabs::applications::ui(ui, report, &mut view),
            Tab::Reviews => tabs::reviews::ui(ui, report, &mut view),
            Tab::Problems => tabs::problems::ui(ui, report, &mut view),
            Tab::Other => tabs::other::ui(ui, report, &mut view),
            Tab::Checks | Tab::Preview => {}
        });
        if let Some((cell, text)) = view.pasted.take() {
            self.apply_paste(cell, &text, ui.ctx().memory(|m| m.focused()));
        }
        match action {
            Some(tabs::basic::Action::ConvertTo2021) => self.convert_to_2021(),
            Some(tabs::basic::Action::GeneratePreamble) => self.generate_preamble(),
            None => {}
        }
    }

    /// Records what the frame's widgets changed: totals, undo history, findings.
    pub(super) fn after_edits(&mut self, ctx: &egui::Context) {
        if self.auto_totals {
            totals::fill_totals(&mut self.report);
        }
        let source = ctx.memory(|m| m.focused());
        if self.history.observe(&self.report, source) {
            self.revision += 1;
        }
        // The count of items an import left to review follows each cell filled or
        // confirmed (the frame then repaints, as the message changed).
        if let Some(review) = &mut self.import_review
            && review.message == self.status
        {
            review.message = review.status(&self.report);
            self.status.clone_from(&review.message);
        }
        self.refresh_findings();
    }

    pub(super) fn refresh_findings(&mut self) {
        if self.index_revision != self.revision {
            self.recheck();
        }
    }

    /// Runs the checker now, with the user's options.
    fn recheck(&mut self) {
        let options = model::check::Options { overview_limit: self.settings.overview_limit };
        self.index = FindingIndex::new(model::check::check_with(&self.report, self.previous.as_ref(), &options));
        self.index_revision = self.revision;
    }

    /// 编辑 → 总体情况字数上限: off by default; some provinces cap 总体情况 (S20).
    fn overview_limit_setting(&mut self, ui: &mut Ui) {
        let mut on = self.settings.overview_limit.is_some();
        let mut limit = self.settings.overview_limit.unwrap_or(OVERVIEW_LIMIT);
        let changed = ui
            .horizontal(|ui| {
                let check = ui
                    .checkbox(&mut on, "总体情况字数上限")
                    .on_hover_text("部分省份要求总体情况不超过 1000 字；打开后超过时给出警告（S20）");
                let value = ui.add_enabled(on, egui::DragValue::new(&mut limit).range(100..=100_000).suffix(" 字"));
                check.changed() || value.changed()
            })
            .inner;
        if changed {
            self.settings.overview_limit = on.then_some(limit);
            self.save_settings();
            self.recheck();
        }
    }

    /// The window's close button (or Alt+F4): ask first when there are unsaved changes.
    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
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
}

/// Local wall-clock time as HH:MM:SS.
pub(super) fn clock(t: SystemTime) -> String {
    let t = crate::platform::local_time(t);
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}
