//! Runs the commands queued during the frame (menus and shortcuts).

use egui::ViewportCommand;

use super::modals::Modal;
use super::{App, Pending};
use crate::export::Format;
use crate::ui::command::UiCommand;

impl App {
    pub(super) fn run(&mut self, c: UiCommand, ctx: &egui::Context, frame: Option<&eframe::Frame>) {
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
            UiCommand::Print => self.print(ctx),
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
}
