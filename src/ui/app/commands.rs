//! Runs the commands queued during the frame (menus and shortcuts).

use egui::ViewportCommand;

use super::file_requests::FileRequest;
use super::modals::Modal;
use super::output::Output;
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
            UiCommand::Import => self.guard(Pending::Import),
            UiCommand::ImportClipboard => self.guard(Pending::ImportClipboard),
            UiCommand::Audit => self.pending_dialog = Some(FileRequest::Audit),
            UiCommand::Save => self.save(None, frame),
            UiCommand::SaveAs => self.ask_file(FileRequest::Save { then: None }, frame),
            UiCommand::ExportPdf => self.export(Format::Pdf, frame),
            UiCommand::ExportWord => self.export(Format::Docx, frame),
            UiCommand::ExportHtml => self.export(Format::Html, frame),
            UiCommand::CopyHtml => {
                if !self.warn_errors(Output::CopyHtml) {
                    self.copy_html(ctx);
                }
            }
            UiCommand::Cut | UiCommand::Copy | UiCommand::Paste | UiCommand::SelectAll => self.text_command(c, ctx),
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
            UiCommand::Help => self.modal = Some(Modal::help()),
            UiCommand::About => self.modal = Some(Modal::about()),
            UiCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
        }
    }
}
