//! 编辑 → 剪切/复制/粘贴/全选 acting on the field the user was in, and pastes
//! into number cells (one value, or a block from a spreadsheet) applied to the
//! report as one undo step.

use egui::{Event, Id, Key, Modifiers};

use super::App;
use super::modals::Modal;
use crate::model::check::CellRef;
use crate::model::paste;
use crate::ui::command::UiCommand;

impl App {
    /// Remembers the text field or cell that has the focus: a menu click takes the
    /// focus away, and the 编辑 menu's commands act on that field.
    pub(super) fn track_text_focus(&mut self, ctx: &egui::Context) {
        // With its selection: a field that loses the focus collapses it.
        if let Some(id) = ctx.memory(|m| m.focused())
            && let Some(state) = egui::TextEdit::load_state(ctx, id)
        {
            self.last_text_field = Some((id, state.cursor.char_range()));
        }
    }

    /// Queues what an editing command does to the last focused field; it is given
    /// back the focus and the event at the start of the next frame.
    pub(super) fn text_command(&mut self, c: UiCommand, ctx: &egui::Context) {
        let Some((id, _)) = self.last_text_field else {
            self.status = "请先点击要编辑的文字框或单元格".into();
            return;
        };
        let event = match c {
            UiCommand::Cut => Event::Cut,
            UiCommand::Copy => Event::Copy,
            UiCommand::SelectAll => {
                Event::Key { key: Key::A, physical_key: None, pressed: true, repeat: false, modifiers: Modifiers::COMMAND }
            }
            UiCommand::Paste => match self.clipboard.text() {
                Ok(text) => Event::Paste(text),
                Err(e) => {
                    self.status = format!("无法粘贴：{e}。也可以按 Ctrl+V 粘贴");
                    return;
                }
            },
            _ => return,
        };
        self.text_event = Some((id, event));
        ctx.request_repaint();
    }

    /// Gives the field back its focus and its event, before the widgets run.
    pub(super) fn deliver_text_event(&mut self, ctx: &egui::Context) {
        if let Some((id, event)) = self.text_event.take() {
            ctx.memory_mut(|m| m.request_focus(id));
            if let Some((_, Some(selection))) = self.last_text_field.filter(|(last, _)| *last == id)
                && let Some(mut state) = egui::TextEdit::load_state(ctx, id)
            {
                state.cursor.set_char_range(Some(selection));
                state.store(ctx, id);
            }
            ctx.input_mut(|i| i.events.push(event));
        }
    }

    /// Fills what was pasted into `cell` (and the cells right and below it for a
    /// block): all or nothing, one undo step, totals kept computed.
    pub(super) fn apply_paste(&mut self, cell: CellRef, text: &str, focused: Option<Id>) {
        // Typing before the paste is its own step.
        if self.history.observe(&self.report, focused) {
            self.revision += 1;
        }
        match paste::paste(&self.report, cell, text, self.auto_totals) {
            Ok(p) => {
                self.report = p.report;
                if self.history.observe(&self.report, None) {
                    self.revision += 1;
                }
                self.status = format!("已粘贴 {} 个单元格（可以撤销）", p.filled);
                if !p.total_mismatches.is_empty() {
                    self.modal = Some(Modal::Message {
                        title: "粘贴的总计与各项之和不同".into(),
                        text: format!(
                            "「自动合计」开着，总计仍由各项相加得出。以下总计与粘贴内容中的数字不同，请核对原表：\n{}",
                            p.total_mismatches.join("\n")
                        ),
                    });
                }
            }
            Err(e) => self.modal = Some(Modal::Message { title: "无法粘贴".into(), text: e }),
        }
    }

    /// 复制网页代码: the HTML as HTML (a CMS's rich editor pastes a formatted report)
    /// and as its plain source text (for the 源代码 box).
    pub(super) fn copy_html(&mut self, ctx: &egui::Context) {
        let html = crate::export::html::body(&self.report);
        match self.clipboard.set_html(&html, &html) {
            Ok(()) => self.status = "网页代码已复制：可以粘贴到网站内容管理系统的编辑框（带格式）或「源代码」框中".into(),
            Err(e) => {
                // At least the source text, through egui's own clipboard.
                ctx.copy_text(html);
                self.status = format!("已复制网页源代码（纯文本）；带格式的复制不可用：{e}");
            }
        }
    }
}
