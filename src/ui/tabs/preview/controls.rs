//! The preview's bar: zoom (a slider whose track takes clicks, 「100%」,
//! 「适合宽度」) and pages (上一页, 「第 N 页 / 共 M 页」, 下一页).

use egui::{Color32, Sense, Stroke, Ui, WidgetInfo, vec2};

use super::geometry::{MAX_ZOOM, MIN_ZOOM};

/// What the user asked for in the bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    Zoom(f32),
    FitWidth,
    Page(usize),
}

/// `page` is 0-based.
pub fn bar(ui: &mut Ui, zoom: f32, page: usize, count: usize) -> Option<Action> {
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.heading("预览");
        ui.add_space(8.0);
        ui.label("缩放");
        if let Some(z) = zoom_slider(ui, zoom) {
            action = Some(Action::Zoom(z));
        }
        ui.add_sized(vec2(44.0, ui.spacing().interact_size.y), egui::Label::new(format!("{:.0}%", zoom * 100.0)));
        if ui.button("100%").on_hover_text("实际大小").clicked() {
            action = Some(Action::Zoom(1.0));
        }
        if ui.button("适合宽度").on_hover_text("页面与窗口一样宽").clicked() {
            action = Some(Action::FitWidth);
        }
        ui.separator();
        let keys = "也可以按 PageUp / PageDown 翻页";
        if ui.add_enabled(page > 0, egui::Button::new("上一页")).on_hover_text(keys).clicked() {
            action = Some(Action::Page(page - 1));
        }
        ui.label(format!("第 {} 页 / 共 {} 页", page + 1, count));
        if ui.add_enabled(page + 1 < count, egui::Button::new("下一页")).on_hover_text(keys).clicked() {
            action = Some(Action::Page(page + 1));
        }
    });
    action
}

/// Zoom on a logarithmic track (equal steps double and halve), set by a click
/// anywhere on the track or by dragging; ←/→ step it when focused. egui's own
/// Slider senses only drags, so a quick click on its track is lost.
fn zoom_slider(ui: &mut Ui, zoom: f32) -> Option<f32> {
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(vec2(150.0, height), Sense::click_and_drag());
    let radius = height / 2.5;
    let track = rect.shrink2(vec2(radius, 0.0));
    let span = (MAX_ZOOM / MIN_ZOOM).ln();
    let at = |z: f32| track.left() + track.width() * ((z / MIN_ZOOM).ln() / span).clamp(0.0, 1.0);
    let mut new = response.interact_pointer_pos().map(|p| {
        let t = ((p.x - track.left()) / track.width()).clamp(0.0, 1.0);
        MIN_ZOOM * (t * span).exp()
    });
    if response.has_focus() {
        let (left, right) = ui.input(|i| (i.key_pressed(egui::Key::ArrowLeft), i.key_pressed(egui::Key::ArrowRight)));
        if left || right {
            new = Some(zoom * if right { 1.1 } else { 1.0 / 1.1 });
        }
    }
    let new = new.map(snap).filter(|&z| z != zoom);
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        let y = rect.center().y;
        let painter = ui.painter();
        let rail = egui::Rect::from_x_y_ranges(track.x_range(), y - 2.0..=y + 2.0);
        painter.rect_filled(rail, 2.0, ui.visuals().widgets.inactive.bg_fill);
        let x = at(new.unwrap_or(zoom));
        painter.rect_filled(egui::Rect::from_x_y_ranges(track.left()..=x, rail.y_range()), 2.0, ui.visuals().selection.bg_fill);
        painter.circle(egui::pos2(x, y), radius, visuals.bg_fill, visuals.fg_stroke);
        if response.has_focus() {
            painter.rect_stroke(rect, 2.0, Stroke::new(1.0, Color32::from_gray(120)), egui::StrokeKind::Outside);
        }
    }
    let shown = new.unwrap_or(zoom);
    response.widget_info(|| WidgetInfo::slider(true, f64::from((shown * 100.0).round()), "缩放"));
    response.on_hover_text("也可以按住 Ctrl 转动鼠标滚轮缩放");
    new
}

/// Whole percents, and exactly 100 % when close to it.
fn snap(z: f32) -> f32 {
    let z = (z * 100.0).round() / 100.0;
    let z = if (z - 1.0).abs() < 0.03 { 1.0 } else { z };
    z.clamp(MIN_ZOOM, MAX_ZOOM)
}
