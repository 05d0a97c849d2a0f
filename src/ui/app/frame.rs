//! What runs every frame: the menu, tab and status bars, the current tab,
//! and recording what the widgets changed.

use std::time::{Instant, SystemTime};

use egui::{Color32, RichText, Ui, ViewportCommand};

use super::modals::Modal;
use super::{App, Pending};
use crate::fonts::{FontPreference, FontSet};
use crate::model::{self, totals};
use crate::ui::command::UiCommand;
use crate::ui::findings::FindingIndex;
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
                eprintln!("first frame: {:.1} ms after start", self.started.elapsed().as_secs_f64() * 1000.0);
            }
            eprintln!("frame {}: {:.2} ms", self.frames, frame_start.elapsed().as_secs_f64() * 1000.0);
        }
    }

    pub(super) fn draw(&mut self, ui: &mut Ui, frame: Option<&eframe::Frame>) {
        let ctx = ui.ctx().clone();
        // Faces load on first use (a rare character, the preview's title font):
        // hand new ones to egui, and draw once more so they show.
        if crate::ui::fonts::refresh(&ctx, self.fonts) {
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
                        self.preview.forget_layout();
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

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
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
            let text = if e > 0 { text.color(crate::ui::findings::severity_color(model::Severity::Error)) } else { text };
            if ui.add(egui::Label::new(text).sense(egui::Sense::click())).on_hover_text("查看校验结果").clicked() {
                self.tab = Tab::Checks;
            }
            ui.separator();
            ui.label(RichText::new(&self.status).weak());
        });
    }

    pub(super) fn central(&mut self, ui: &mut Ui) {
        if self.tab == Tab::Preview {
            self.preview.ui(ui, &self.report, self.revision, self.fonts);
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
            egui::Panel::right("sources").default_size(300.0).show(ui, |ui| crate::ui::sources::ui(ui, m));
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
    pub(super) fn after_edits(&mut self, ctx: &egui::Context) {
        if self.auto_totals {
            totals::fill_totals(&mut self.report);
        }
        let source = ctx.memory(|m| m.focused());
        if self.history.observe(&self.report, source) {
            self.revision += 1;
        }
        self.refresh_findings();
    }

    pub(super) fn refresh_findings(&mut self) {
        if self.index_revision != self.revision {
            self.index = FindingIndex::new(model::check(&self.report, self.previous.as_ref()));
            self.index_revision = self.revision;
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
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) + crate::platform::utc_offset_seconds();
    format!("{:02}:{:02}:{:02}", secs / 3600 % 24, secs / 60 % 60, secs % 60)
}
