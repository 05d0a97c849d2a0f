//! The preview's input: the mouse wheel taken before egui sees it, Ctrl+wheel
//! and pinch zoom, and the keys that turn pages.

use egui::{Event, Key, Modifiers, MouseWheelUnit, Pos2, Rect, Ui, Vec2};

use super::Preview;
use super::controls::Action;

impl Preview {
    /// Takes the mouse wheel over the pages out of egui's input, before egui sees
    /// it (eframe's `raw_input_hook`): the preview scrolls, and with Ctrl zooms,
    /// by the whole step in the next frame. egui would spread each step over
    /// about 15 frames to animate it, repaint once more after any input event,
    /// and again when tooltips may show after a scroll; without a GPU each of
    /// those frames costs as much as any other (the whole window is drawn again),
    /// so they were nearly all of what scrolling cost.
    pub fn take_wheel(&mut self, ctx: &egui::Context, events: &mut Vec<Event>) {
        let (Some((view, _, _)), Some(layer)) = (self.view, self.layer) else {
            return;
        };
        let (line, zoom_speed) = ctx.options(|o| (o.input_options.line_scroll_speed, o.input_options.scroll_zoom_speed));
        let mut pointer = ctx.input(|i| i.pointer.hover_pos());
        // Not under a dialog or a menu (the pages' own layer may have no area: then None).
        let ours = |p: Option<Pos2>| p.is_some_and(|p| view.contains(p) && ctx.layer_id_at(p).is_none_or(|l| l == layer));
        let before = events.len();
        events.retain(|e| match e {
            Event::PointerMoved(p) => {
                pointer = Some(*p);
                true
            }
            Event::PointerGone => {
                pointer = None;
                true
            }
            Event::MouseWheel { unit, delta, modifiers, .. } if ours(pointer) => {
                let d = match unit {
                    MouseWheelUnit::Point => *delta,
                    MouseWheelUnit::Line => *delta * line,
                    MouseWheelUnit::Page => *delta * view.height(),
                };
                if modifiers.command {
                    let factor = self.wheel_zoom.map_or(1.0, |(f, _)| f) * (zoom_speed * (d.x + d.y)).exp();
                    self.wheel_zoom = pointer.map(|p| (factor, p));
                } else if modifiers.shift {
                    self.wheel.x += d.x + d.y;
                } else {
                    self.wheel += d;
                }
                false
            }
            _ => true,
        });
        if events.len() < before {
            // winit reports the unchanged modifiers around each wheel event of a
            // focused window; left alone they would cost egui's extra frame.
            let mut modifiers = ctx.input(|i| i.modifiers);
            events.retain(|e| match e {
                Event::ModifiersChanged(m) => std::mem::replace(&mut modifiers, *m) != *m,
                _ => true,
            });
        }
    }

    /// Ctrl+wheel (or a pinch) over the pages: the point under the pointer and the factor.
    pub(super) fn zoom_gesture(&mut self, ui: &Ui, view: Rect) -> Option<(Vec2, f32)> {
        if let Some((factor, at)) = self.wheel_zoom.take() {
            return Some((at - view.min, factor));
        }
        let (factor, pointer) = ui.input(|i| (i.zoom_delta(), i.pointer.hover_pos()));
        let pointer = pointer.filter(|p| view.contains(*p))?;
        (factor != 1.0 && self.view.is_some()).then(|| (pointer - view.min, factor))
    }

    /// PageUp/PageDown (and Home/End) turn pages unless a text field has the keyboard.
    pub(super) fn keys(&self, ui: &Ui, count: usize) -> Option<Action> {
        if ui.ctx().text_edit_focused() || count == 0 {
            return None;
        }
        let last = count - 1;
        ui.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::PageDown) {
                Some(Action::Page((self.page + 1).min(last)))
            } else if i.consume_key(Modifiers::NONE, Key::PageUp) {
                Some(Action::Page(self.page.saturating_sub(1)))
            } else if i.consume_key(Modifiers::NONE, Key::Home) {
                Some(Action::Page(0))
            } else if i.consume_key(Modifiers::NONE, Key::End) {
                Some(Action::Page(last))
            } else {
                None
            }
        })
    }
}
