//! One page of the layout drawn into an image, on the CPU, with vello_cpu (the
//! rasterizer egui itself uses for glyphs) and the glyph outlines of the very
//! font bytes the PDF embeds (ttf-parser). The preview shows the image as one
//! texture, so scrolling draws one quad per page instead of every glyph.

use std::collections::HashMap;

use egui::ColorImage;
use vello_cpu::color::{AlphaColor, Srgb};
use vello_cpu::kurbo::{Affine, BezPath, PathEl, Rect, Shape};
use vello_cpu::{Pixmap, RenderContext, Resources};

use crate::fonts::{FaceId, FontSet, is_invisible};
use crate::layout::{Item, Page};

/// Draws the band of `page` that starts `top` pixels down the page, at `scale`
/// pixels per PDF point, into an image of `size` pixels. The faces come from
/// `fonts` (each loads on first use), not from egui, so a page is never drawn
/// with a face missing.
pub fn render(page: &Page, fonts: &FontSet, scale: f32, top: usize, size: [usize; 2]) -> ColorImage {
    let (w, h) = (size[0].clamp(1, u16::MAX as usize) as u16, size[1].clamp(1, u16::MAX as usize) as u16);
    let s = f64::from(scale);
    let band = (top as f64, (top + usize::from(h)) as f64);
    let mut ctx = RenderContext::new(w, h);
    ctx.set_paint(AlphaColor::<Srgb>::WHITE);
    ctx.fill_rect(&Rect::new(0.0, 0.0, f64::from(w), f64::from(h)));
    // Everything in page pixels; the band moved up to the image's top.
    ctx.set_transform(Affine::translate((0.0, -band.0)));
    let crosses = |y0: f64, y1: f64| y1 >= band.0 - 2.0 && y0 <= band.1 + 2.0;
    for item in &page.items {
        if let Item::Fill { x, y, w, h, gray } = item {
            let r = snap(Rect::new(f64::from(*x), f64::from(*y), f64::from(x + w), f64::from(y + h)).scale_from_origin(s));
            if crosses(r.y0, r.y1) {
                ctx.set_paint(gray_color(*gray));
                ctx.fill_rect(&r);
            }
        }
    }
    ctx.set_paint(AlphaColor::<Srgb>::BLACK);
    for item in &page.items {
        if let Item::Line { x1, y1, x2, y2, width } = item {
            let path = line(*x1, *y1, *x2, *y2, *width, s);
            let b = path.bounding_box();
            if crosses(b.y0, b.y1) {
                ctx.fill_path(&path);
            }
        }
    }
    ctx.fill_path(&text(page, fonts, s, band));
    let mut pixmap = Pixmap::new(w, h);
    ctx.render(&mut pixmap, &mut Resources::new());
    // Opaque everywhere, so premultiplied and straight alpha are the same.
    ColorImage::from_rgba_premultiplied([usize::from(w), usize::from(h)], pixmap.data_as_u8_slice())
}

fn gray_color(gray: f32) -> AlphaColor<Srgb> {
    let g = (gray.clamp(0.0, 1.0) * 255.0).round() as u8;
    AlphaColor::from_rgb8(g, g, g)
}

/// A rectangle with its edges on whole pixels: rules and shading stay sharp.
fn snap(r: Rect) -> Rect {
    Rect::new(r.x0.round(), r.y0.round(), r.x1.round().max(r.x0.round() + 1.0), r.y1.round().max(r.y0.round() + 1.0))
}

/// A ruled line as a filled shape at least one pixel wide; horizontal and
/// vertical rules (all a report has) cover whole pixels, so they print sharp.
fn line(x1: f32, y1: f32, x2: f32, y2: f32, width: f32, s: f64) -> BezPath {
    let (x1, y1, x2, y2) = (f64::from(x1) * s, f64::from(y1) * s, f64::from(x2) * s, f64::from(y2) * s);
    let w = (f64::from(width) * s).round().max(1.0);
    let half = w / 2.0;
    if y1 == y2 || x1 == x2 {
        // Extended by half the width at both ends so the corners of a table close.
        let r = if y1 == y2 {
            let top = (y1 - half).round();
            Rect::new((x1.min(x2) - half).round(), top, (x1.max(x2) + half).round(), top + w)
        } else {
            let left = (x1 - half).round();
            Rect::new(left, (y1.min(y2) - half).round(), left + w, (y1.max(y2) + half).round())
        };
        return r.to_path(0.1);
    }
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt();
    let (nx, ny) = (-dy / len * half, dx / len * half);
    let mut p = BezPath::new();
    p.move_to((x1 + nx, y1 + ny));
    p.line_to((x2 + nx, y2 + ny));
    p.line_to((x2 - nx, y2 - ny));
    p.line_to((x1 - nx, y1 - ny));
    p.close_path();
    p
}

/// Every glyph of the page's runs that may reach into `band` (pixel rows) as
/// one path (the text is all black), placed the way the PDF places it: advance
/// plus the run's letter spacing after each character.
fn text(page: &Page, fonts: &FontSet, s: f64, band: (f64, f64)) -> BezPath {
    let mut faces: HashMap<FaceId, Option<ttf_parser::Face<'static>>> = HashMap::new();
    let mut outlines: HashMap<(FaceId, u16), Vec<PathEl>> = HashMap::new();
    let mut path = BezPath::new();
    for run in page.texts() {
        // Glyphs reach at most about an em above and below the baseline.
        let (baseline, em_px) = (f64::from(run.y) * s, f64::from(run.size) * s);
        if baseline + 1.5 * em_px < band.0 || baseline - 1.5 * em_px > band.1 {
            continue;
        }
        let face = fonts.face(run.face);
        let Some(parsed) = faces.entry(run.face).or_insert_with(|| ttf_parser::Face::parse(face.data, face.index).ok()) else {
            continue;
        };
        let em = f64::from(run.size) / f64::from(parsed.units_per_em()) * s;
        let mut x = f64::from(run.x);
        let y = f64::from(run.y) * s;
        for ch in run.text.chars() {
            if !is_invisible(ch) {
                // A character no font has is drawn as the face's .notdef box, as in the PDF.
                let gid = parsed.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
                let outline = outlines.entry((run.face, gid.0)).or_insert_with(|| outline(parsed, gid));
                let place = Affine::new([em, 0.0, 0.0, -em, x * s, y]);
                path.extend(outline.iter().map(|&el| place * el));
            }
            x += f64::from(face.advance(ch, run.size) + run.spacing);
        }
    }
    path
}

/// A glyph's outline in font units (y up).
fn outline(face: &ttf_parser::Face<'_>, gid: ttf_parser::GlyphId) -> Vec<PathEl> {
    let mut pen = Pen(BezPath::new());
    face.outline_glyph(gid, &mut pen);
    pen.0.elements().to_vec()
}

struct Pen(BezPath);

impl ttf_parser::OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to((f64::from(x), f64::from(y)));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to((f64::from(x), f64::from(y)));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to((f64::from(x1), f64::from(y1)), (f64::from(x), f64::from(y)));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.curve_to((f64::from(x1), f64::from(y1)), (f64::from(x2), f64::from(y2)), (f64::from(x), f64::from(y)));
    }
    fn close(&mut self) {
        self.0.close_path();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::TextRun;

    fn dark(img: &ColorImage, x0: usize, y0: usize, x1: usize, y1: usize) -> usize {
        (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).filter(|&(x, y)| img[(x, y)].r() < 128).count()
    }

    #[test]
    fn text_rules_and_fills_land_where_the_layout_puts_them() {
        // A fresh set: nothing loaded before the page is drawn.
        let fonts: &'static FontSet = Box::leak(Box::new(FontSet::build(&[])));
        let body = fonts.primary(crate::fonts::Role::Body);
        let page = Page {
            items: vec![
                Item::Fill { x: 10.0, y: 10.0, w: 20.0, h: 10.0, gray: 0.0 },
                Item::Line { x1: 0.0, y1: 50.0, x2: 100.0, y2: 50.0, width: 0.5 },
                Item::Text(TextRun { x: 10.0, y: 90.0, size: 16.0, face: body, text: "政府".into(), spacing: 0.0 }),
            ],
            marks: Vec::new(),
        };
        let img = render(&page, fonts, 2.0, 0, [200, 200]);
        assert_eq!(img.size, [200, 200]);
        assert_eq!(img[(0, 0)], egui::Color32::WHITE);
        assert_eq!(dark(&img, 20, 20, 60, 40), 800, "the fill covers its 40×20 pixels exactly");
        assert_eq!(dark(&img, 0, 99, 200, 100) + dark(&img, 0, 100, 200, 101), 200, "a one-pixel rule");
        assert_eq!(dark(&img, 0, 96, 200, 99), 0);
        let glyphs = dark(&img, 20, 120, 84, 190);
        assert!(glyphs > 200, "two characters drawn ({glyphs} dark pixels)");
        assert_eq!(dark(&img, 90, 120, 200, 190), 0, "nothing after the run's two advances");
        // The band from pixel 100 down is the same pixels, moved up.
        let band = render(&page, fonts, 2.0, 100, [200, 100]);
        for (x, y) in [(30, 60), (40, 70), (50, 80), (25, 0), (100, 0)] {
            assert_eq!(band[(x, y)], img[(x, y + 100)], "at {x},{y}");
        }
        assert_eq!(dark(&band, 20, 20, 84, 90), glyphs);
    }
}
