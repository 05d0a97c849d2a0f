//! 预览: the pages of the PDF, painted from the very same layout.

use egui::{Color32, Pos2, Rect, Stroke, Ui, Vec2, text::LayoutJob};

use crate::layout::{Document, Item};
use crate::ui::fonts::face_family;

/// Points to screen points at 100 %.
const SCALE: f32 = 1.0;

/// `installed`: the faces egui has (others are still loading; drawn next frame).
pub fn ui(ui: &mut Ui, doc: Option<&Document>, zoom: &mut f32, installed: &[bool]) {
    ui.horizontal(|ui| {
        ui.heading("预览");
        let label = ui.label("缩放");
        ui.add(egui::Slider::new(zoom, 0.5..=2.0).custom_formatter(|v, _| format!("{:.0}%", v * 100.0))).labelled_by(label.id);
        if let Some(d) = doc {
            ui.label(format!("共 {} 页", d.pages.len()));
        }
    });
    let Some(doc) = doc else {
        ui.label("正在排版……");
        return;
    };
    let z = *zoom * SCALE;
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        ui.vertical_centered(|ui| {
            for (i, page) in doc.pages.iter().enumerate() {
                let size = Vec2::new(doc.width, doc.height) * z;
                let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                if ui.is_rect_visible(rect) {
                    paint_page(ui, rect, page, z, installed);
                }
                ui.label(egui::RichText::new(format!("第 {} 页", i + 1)).weak());
                ui.add_space(12.0);
            }
        });
    });
}

fn paint_page(ui: &Ui, rect: Rect, page: &crate::layout::Page, z: f32, installed: &[bool]) {
    let painter = ui.painter_at(rect.expand(4.0));
    painter.rect_filled(rect.translate(Vec2::splat(3.0)), 0.0, Color32::from_black_alpha(40));
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * z, rect.top() + y * z);
    for item in &page.items {
        match item {
            Item::Fill { x, y, w, h, gray } => {
                let g = (gray * 255.0) as u8;
                painter.rect_filled(Rect::from_min_size(at(*x, *y), Vec2::new(*w, *h) * z), 0.0, Color32::from_gray(g));
            }
            Item::Line { x1, y1, x2, y2, width } => {
                painter.line_segment([at(*x1, *y1), at(*x2, *y2)], Stroke::new((width * z).max(0.5), Color32::BLACK));
            }
            Item::Text(_) => {}
        }
    }
    for run in page.texts() {
        if !installed.get(run.face).copied().unwrap_or(false) {
            ui.ctx().request_repaint();
            continue;
        }
        let format = egui::TextFormat {
            font_id: egui::FontId::new(run.size * z, face_family(run.face)),
            extra_letter_spacing: run.spacing * z,
            color: Color32::BLACK,
            ..Default::default()
        };
        let job = LayoutJob::single_section(run.text.clone(), format);
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let baseline =
            galley.rows.first().and_then(|r| r.row.glyphs.first().map(|g| r.pos.y + g.pos.y)).unwrap_or(run.size * z * 0.88);
        let pos = at(run.x, run.y) - Vec2::new(0.0, baseline);
        painter.galley(pos, galley, Color32::BLACK);
    }
}
