//! Where the pages sit in the scrolled preview at a zoom: a column of pages,
//! centred, each with its number under it. Positions are in screen points from
//! the top-left corner of the scrolled content; document positions in PDF points.

use egui::{Pos2, Rangef, Rect, Vec2, pos2, vec2};

/// Space above the first page.
const TOP: f32 = 12.0;
/// Under each page: its number, then the gap to the next page.
const BELOW: f32 = 32.0;
/// Least space left and right of the pages.
const SIDE: f32 = 16.0;

/// The slider's range.
pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 4.0;

/// Pages are drawn in bands this many pixels high: only the bands in view are
/// drawn and kept, so the textures' memory follows the view, not the zoom.
pub const BAND: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Screen points per PDF point.
    pub zoom: f32,
    /// A page's size in pixels: its bands' textures together are exactly this large.
    pub pixels: [usize; 2],
    pub pixels_per_point: f32,
    /// A page's size on screen, in points (`pixels` / pixels per point).
    pub page: Vec2,
    pub count: usize,
    /// The content's width: the view's, or more when the pages are wider.
    pub width: f32,
    /// The pages' left edge.
    left: f32,
}

impl Geometry {
    /// `paper`: the page size in PDF points; `view_width`: the visible width;
    /// `max_side`: the widest texture the renderer takes (a page is drawn
    /// smaller than the zoom asks rather than wider).
    pub fn new(paper: Vec2, count: usize, zoom: f32, pixels_per_point: f32, view_width: f32, max_side: usize) -> Geometry {
        let scale = (zoom * pixels_per_point).min(max_side as f32 / paper.x);
        let px = (paper * scale).round().max(Vec2::splat(1.0));
        let page = px / pixels_per_point;
        let width = view_width.max(page.x + 2.0 * SIDE);
        let left = ((width - page.x) / 2.0 * pixels_per_point).round() / pixels_per_point;
        let pixels = [px.x as usize, px.y as usize];
        Geometry { zoom, pixels, pixels_per_point, page, count, width, left }
    }

    /// The zoom at which a page fills the view's width (less the margins).
    pub fn fit_width(paper_width: f32, view_width: f32) -> f32 {
        ((view_width - 2.0 * SIDE) / paper_width).clamp(MIN_ZOOM, MAX_ZOOM)
    }

    /// From one page's top to the next one's.
    pub fn pitch(&self) -> f32 {
        self.page.y + BELOW
    }

    pub fn size(&self) -> Vec2 {
        vec2(self.width, TOP + self.count as f32 * self.pitch())
    }

    pub fn page_rect(&self, page: usize) -> Rect {
        Rect::from_min_size(pos2(self.left, TOP + page as f32 * self.pitch()), self.page)
    }

    /// The pages that show, wholly or partly, in the band `y` of the content.
    pub fn visible(&self, y: Rangef) -> std::ops::Range<usize> {
        if self.count == 0 {
            return 0..0;
        }
        // Page i spans TOP + i·pitch .. + page height.
        let first = (((y.min - TOP - self.page.y) / self.pitch()).floor() + 1.0).max(0.0) as usize;
        let end = (((y.max - TOP) / self.pitch()).ceil().max(0.0) as usize).min(self.count);
        first.min(end)..end
    }

    /// The page most of the band `y` shows (the first of equals); the last page
    /// when scrolled to the very end, since it may never reach the top.
    pub fn in_view(&self, y: Rangef) -> usize {
        if y.max >= self.size().y - 0.5 && y.min > 0.5 {
            return self.count.saturating_sub(1);
        }
        let mut best = (0, f32::NEG_INFINITY);
        for i in self.visible(y) {
            let r = self.page_rect(i);
            let shown = y.max.min(r.bottom()) - y.min.max(r.top());
            if shown > best.1 + 0.5 {
                best = (i, shown);
            }
        }
        best.0
    }

    /// The document point at content position `p`: the page it is on (or the
    /// nearest) and where on that page, in PDF points.
    pub fn locate(&self, p: Pos2) -> (usize, Pos2) {
        let page = (((p.y - TOP) / self.pitch()).floor().max(0.0) as usize).min(self.count.saturating_sub(1));
        let min = self.page_rect(page).min;
        (page, ((p - min) / self.zoom).to_pos2())
    }

    /// Where the document point (`page`, `at`) is in the content.
    pub fn position(&self, page: usize, at: Pos2) -> Pos2 {
        self.page_rect(page).min + at.to_vec2() * self.zoom
    }

    /// The bands of `page` that show in the band `y` of the content.
    pub fn bands(&self, page: usize, y: Rangef) -> std::ops::Range<usize> {
        let top = self.page_rect(page).top();
        let first = ((y.min - top) * self.pixels_per_point).floor().max(0.0) as usize / BAND;
        let end = (((y.max - top) * self.pixels_per_point).ceil().max(0.0) as usize).min(self.pixels[1]).div_ceil(BAND);
        first.min(end)..end
    }

    /// A band's size in pixels (the last one of a page is shorter).
    pub fn band_pixels(&self, band: usize) -> [usize; 2] {
        let top = band * BAND;
        [self.pixels[0], (top + BAND).min(self.pixels[1]).saturating_sub(top)]
    }

    /// The scroll offset that puts `page`'s top at the top of the view (with the margin above it).
    pub fn offset_of_page(&self, page: usize) -> f32 {
        page as f32 * self.pitch()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: Vec2 = vec2(595.0, 842.0);

    #[test]
    fn pages_are_whole_pixels_and_centred() {
        let g = Geometry::new(A4, 3, 1.25, 1.5, 1000.0, 8192);
        assert_eq!(g.pixels, [1116, 1579]);
        assert!((g.page.x * 1.5 - 1116.0).abs() < 1e-3);
        let r = g.page_rect(1);
        assert!((r.center().x - 500.0).abs() < 1.0);
        assert!(((r.left() * 1.5).fract()).abs() < 1e-3, "left edge on a pixel");
        // Wider than the view: the content grows, with the margin on both sides.
        let wide = Geometry::new(A4, 3, 2.0, 1.0, 800.0, 8192);
        assert_eq!(wide.width, 1190.0 + 32.0);
        assert_eq!(wide.page_rect(0).left(), 16.0);
    }

    #[test]
    fn visible_pages_and_the_page_in_view() {
        let g = Geometry::new(A4, 6, 1.0, 1.0, 900.0, 8192);
        let pitch = g.pitch();
        assert_eq!(g.visible(Rangef::new(0.0, 700.0)), 0..1);
        assert_eq!(g.visible(Rangef::new(500.0, 1200.0)), 0..2);
        assert_eq!(g.visible(Rangef::new(pitch + 12.0, pitch + 700.0)), 1..2);
        assert_eq!(g.visible(Rangef::new(0.0, 1e9)), 0..6);
        assert_eq!(g.in_view(Rangef::new(0.0, 700.0)), 0);
        assert_eq!(g.in_view(Rangef::new(500.0, 1200.0)), 0, "page 1 shows more");
        assert_eq!(g.in_view(Rangef::new(600.0, 1300.0)), 1, "page 2 shows more");
        let end = g.size().y;
        assert_eq!(g.in_view(Rangef::new(end - 700.0, end)), 5);
    }

    #[test]
    fn locate_and_position_are_inverse() {
        let g = Geometry::new(A4, 6, 1.7, 1.0, 900.0, 8192);
        let p = g.position(3, pos2(100.0, 200.0));
        let (page, at) = g.locate(p);
        assert_eq!(page, 3);
        assert!((at - pos2(100.0, 200.0)).length() < 1e-3);
        assert_eq!(g.offset_of_page(2), 2.0 * g.pitch());
    }

    #[test]
    fn bands_in_view() {
        let g = Geometry::new(A4, 6, 1.0, 1.0, 900.0, 8192);
        // Page 1: 842 px from y = 12: bands 0..256, 256..512, 512..768, 768..842.
        assert_eq!(g.bands(0, Rangef::new(0.0, 700.0)), 0..3);
        assert_eq!(g.bands(0, Rangef::new(300.0, 1000.0)), 1..4);
        assert_eq!(g.bands(1, Rangef::new(300.0, 1000.0)), 0..1);
        assert_eq!(g.bands(2, Rangef::new(300.0, 1000.0)), 0..0);
        assert_eq!(g.band_pixels(3), [595, 74]);
        // Never wider than the renderer takes.
        let capped = Geometry::new(A4, 1, 4.0, 4.0, 900.0, 8192);
        assert_eq!(capped.pixels[0], 8192);
    }

    #[test]
    fn fit_width_fills_the_view() {
        let z = Geometry::fit_width(595.0, 1000.0);
        let g = Geometry::new(A4, 1, z, 1.0, 1000.0, 8192);
        assert!((g.page.x - (1000.0 - 32.0)).abs() <= 1.0);
        assert_eq!(Geometry::fit_width(595.0, 100.0), MIN_ZOOM);
    }
}
