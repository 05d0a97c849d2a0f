//! The recovery file: unsaved work written every 30 s and on focus loss, and
//! reports left by a crash offered back.

use std::time::{Duration, Instant};

use super::App;
use super::modals::Modal;
use crate::files::{FileOp, io_message};
use crate::model::{Report, file};
use crate::ui::tabs::Tab;

impl App {
    /// Writes unsaved changes to the recovery file every `autosave_every` and
    /// whenever the window loses focus (the user switches to another program).
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
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
                Ok(()) => {
                    self.autosaved_revision = self.revision;
                    self.autosave_problem = None;
                }
                Err(e) => {
                    // In the status bar at once (not after the next key press), and kept there.
                    self.autosave_problem = Some(io_message(FileOp::Write, recovery.file(), &e));
                    ctx.request_repaint();
                }
            }
            self.last_autosave = Instant::now();
        } else {
            ctx.request_repaint_after(self.autosave_every.saturating_sub(self.last_autosave.elapsed()));
        }
    }

    /// Restores (or discards) the first orphaned report.
    pub(super) fn take_orphan(&mut self, restore: bool) {
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
}

/// How often unsaved changes go to the recovery file (`NIANBAO_AUTOSAVE_SECONDS` overrides).
pub(super) fn autosave_interval() -> Duration {
    let secs = std::env::var("NIANBAO_AUTOSAVE_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    Duration::from_secs(secs)
}
