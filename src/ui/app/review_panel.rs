//! The 导入核对 side panel: every unread cell and every note of an import; a
//! click on an item opens its tab and puts the keyboard focus in its cell or
//! field (scrolled into view), so the value can be typed at once.

use egui::{RichText, Ui};

use super::App;
use crate::model::check::CellRef;
use crate::ui::widgets::Target;

/// What the user did in the panel this frame.
enum Act {
    Go(Target),
    /// 确认为空白: the source's cell is blank; the unread mark goes.
    Blank(CellRef),
    Tick(usize, bool),
    Close,
}

impl App {
    /// The 导入核对 side panel: every unread cell and every note (click to go to it).
    pub(super) fn import_panel(&mut self, ui: &mut Ui) {
        let Some(review) = &self.import_review else { return };
        let mut act: Option<Act> = None;
        egui::Panel::right("import-review").default_size(320.0).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("导入核对");
                if ui.small_button("关闭").clicked() {
                    act = Some(Act::Close);
                }
            });
            ui.label(RichText::new(format!("来源：{}", review.source)).weak());
            match review.left(&self.report) {
                0 => ui.label("各项都已核对"),
                left => ui.label(format!("还有 {left} 项待核对；点一项到它在年报中的位置填写")),
            };
            ui.label(format!("未能读取的单元格：{} 个（表格中显示「未读」，填写后即为已核对）", self.report.unread.len()));
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                for u in &self.report.unread {
                    let text = format!(
                        "{}：{}",
                        crate::model::unread::cell_name(&self.report, u.cell),
                        crate::model::unread::describe(&u.unread)
                    );
                    if link(ui, &text).clicked() {
                        act = Some(Act::Go(Target::Cell(u.cell)));
                    }
                    // An unread cell is blank until filled: this says the source's is blank too.
                    if ui.small_button("确认为空白").on_hover_text("原文这一格确实是空白：不再标为未能读取").clicked()
                    {
                        act = Some(Act::Blank(u.cell));
                    }
                    ui.add_space(4.0);
                }
                if !review.notes.is_empty() {
                    ui.separator();
                    ui.strong("其他需要核对的");
                    for (i, n) in review.notes.iter().enumerate() {
                        ui.horizontal_wrapped(|ui| {
                            let mut done = n.done;
                            if ui.checkbox(&mut done, "").on_hover_text("已核对").changed() {
                                act = Some(Act::Tick(i, done));
                            }
                            let text = if n.done { RichText::new(&n.text).weak() } else { RichText::new(&n.text) };
                            match n.target {
                                Some(t) => {
                                    if link(ui, text).clicked() {
                                        act = Some(Act::Go(t));
                                    }
                                }
                                None => {
                                    ui.label(text);
                                }
                            }
                        });
                    }
                }
            });
        });
        match act {
            Some(Act::Go(target)) => {
                self.tab = crate::ui::review::tab_of(target);
                self.focus = Some(target);
            }
            Some(Act::Blank(cell)) => {
                self.report.clear_unread(cell);
            }
            Some(Act::Tick(i, done)) => {
                if let Some(n) = self.import_review.as_mut().and_then(|r| r.notes.get_mut(i)) {
                    n.done = done;
                }
            }
            Some(Act::Close) => self.import_review = None,
            None => {}
        }
    }
}

/// An item that goes somewhere when clicked.
fn link(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    ui.add(egui::Label::new(text).sense(egui::Sense::click()).selectable(false)).on_hover_cursor(egui::CursorIcon::PointingHand)
}
