//! 预览: the pages of the PDF, drawn from the very same layout. The part of
//! each page in view is drawn once into textures, in bands (`raster`), and
//! reused while the report, the zoom and the screen's pixel density stay the
//! same (`cache`), so a scroll step paints a few textured rectangles and lays
//! out and draws nothing.

mod cache;
mod controls;
mod geometry;
mod input;
mod raster;

use egui::emath::GuiRounding;
use egui::{Color32, Pos2, Rangef, Rect, Ui, Vec2, vec2};

use crate::fonts::FontSet;
use crate::layout::Document;
use crate::model::Report;
use cache::PageCache;
use controls::Action;
use geometry::{BAND, Geometry};
pub use geometry::{MAX_ZOOM, MIN_ZOOM};

/// Counts of the preview's work, for tests: scrolling must add to none of them
/// once the pages in view are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Times the report was laid out.
    pub layouts: u64,
    /// Bands of pages drawn into a texture.
    pub bands_drawn: u64,
    /// Frames the preview was shown in.
    pub frames: u64,
}

/// The preview tab's state: the layout of the current revision, the zoom, the
/// page in view and the textures of the pages on screen.
pub struct Preview {
    layout: Option<Laid>,
    zoom: f32,
    /// The page in view (0-based).
    page: usize,
    /// A page moved to with 上一页/下一页 (and the scroll offset that shows it):
    /// it stays the current page until the user scrolls, even when the end of
    /// the document keeps it from reaching the top.
    pinned: Option<(usize, Option<f32>)>,
    cache: PageCache,
    stats: Stats,
    /// Last frame's visible rectangle, scroll offset and page geometry.
    view: Option<(Rect, Vec2, Geometry)>,
    /// The layer the pages are painted in (the wheel over another one, a dialog, is not ours).
    layer: Option<egui::LayerId>,
    /// Wheel movement over the pages not yet applied: a scroll, and a zoom at a point.
    wheel: Vec2,
    wheel_zoom: Option<(f32, Pos2)>,
}

struct Laid {
    revision: u64,
    /// Numbers the layouts, so textures of an older one are never shown.
    id: u64,
    doc: Document,
}

impl Default for Preview {
    fn default() -> Self {
        Preview {
            layout: None,
            zoom: 1.0,
            page: 0,
            pinned: None,
            cache: PageCache::default(),
            stats: Stats::default(),
            view: None,
            layer: None,
            wheel: Vec2::ZERO,
            wheel_zoom: None,
        }
    }
}

impl Preview {
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// The page in view, 0-based.
    pub fn page(&self) -> usize {
        self.page
    }

    pub fn page_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.doc.pages.len())
    }

    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Page bands held as textures (only those in or next to the view).
    pub fn cached_bands(&self) -> usize {
        self.cache.len()
    }

    /// The scroll position as of the last frame.
    pub fn scroll_offset(&self) -> Vec2 {
        self.view.map_or(Vec2::ZERO, |(_, offset, _)| offset)
    }

    /// Where the pages showed on screen in the last frame.
    pub fn view_rect(&self) -> Option<Rect> {
        self.view.map(|(rect, _, _)| rect)
    }

    /// The document point under the screen position `p` as of the last frame:
    /// the page (0-based) and where on it, in PDF points.
    pub fn document_point_at(&self, p: Pos2) -> Option<(usize, Pos2)> {
        let (rect, offset, g) = self.view?;
        rect.contains(p).then(|| g.locate(p - rect.min.to_vec2() + offset))
    }

    /// Lay the report out again at the next frame (the fonts changed, or another report was opened).
    pub fn forget_layout(&mut self) {
        self.layout = None;
    }

    pub fn ui(&mut self, ui: &mut Ui, report: &Report, revision: u64, fonts: &FontSet) {
        self.stats.frames += 1;
        let laid = match self.layout.take() {
            Some(l) if l.revision == revision => l,
            _ => {
                self.stats.layouts += 1;
                self.cache.clear();
                Laid { revision, id: self.stats.layouts, doc: crate::layout::layout(report, fonts) }
            }
        };
        self.show(ui, &laid, fonts);
        self.layout = Some(laid);
    }

    fn show(&mut self, ui: &mut Ui, laid: &Laid, fonts: &FontSet) {
        let doc = &laid.doc;
        let (paper, count) = (vec2(doc.width, doc.height), doc.pages.len());
        let ppp = ui.ctx().pixels_per_point();
        let keys = self.keys(ui, count);
        let action = controls::bar(ui, self.zoom, self.page, count).or(keys);
        ui.add_space(2.0);
        let (view, offset) = self.view.map_or((ui.available_rect_before_wrap(), Vec2::ZERO), |(r, o, _)| (r, o));
        let max_side = ui.ctx().input(|i| i.max_texture_side);
        let before = Geometry::new(paper, count, self.zoom, ppp, view.width(), max_side);
        let zoom_before = self.zoom;
        let mut scroll_to = None;
        let top_centre = vec2(view.width() / 2.0, 0.0);
        let zoom = match action {
            Some(Action::Page(p)) => {
                let p = p.min(count.saturating_sub(1));
                scroll_to = Some(vec2(offset.x, before.offset_of_page(p)));
                self.page = p;
                self.pinned = Some((p, None));
                None
            }
            Some(Action::Zoom(z)) => Some((z, top_centre)),
            Some(Action::FitWidth) => Some((Geometry::fit_width(paper.x, view.width()), top_centre)),
            None => self.zoom_gesture(ui, view).map(|(anchor, factor)| (self.zoom * factor, anchor)),
        };
        if let Some((to, anchor)) = zoom {
            let after = Geometry::new(paper, count, to.clamp(MIN_ZOOM, MAX_ZOOM), ppp, view.width(), max_side);
            scroll_to = self.set_zoom(anchor, offset, &before, after);
        }
        let wheel = std::mem::take(&mut self.wheel);
        if wheel != Vec2::ZERO && scroll_to.is_none() {
            let max = (before.size() - view.size()).max(Vec2::ZERO);
            scroll_to = Some((offset - wheel).clamp(Vec2::ZERO, max));
            self.pinned = None;
        }
        let settling = self.zoom != zoom_before;

        let mut area = egui::ScrollArea::both().id_salt("preview-pages").auto_shrink([false, false]).content_margin(0.0);
        if let Some(o) = scroll_to {
            area = area.scroll_offset(o.max(Vec2::ZERO));
        }
        let out = ui
            .scope(|ui| {
                // No fading edges over the paper, and bars that do not fade in and out (every frame costs without a GPU).
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                ui.spacing_mut().scroll.fade.strength = 0.0;
                area.show_viewport(ui, |ui, viewport| self.pages(ui, viewport, laid, fonts, settling))
            })
            .inner;
        self.cache.end_frame();
        let g = out.inner;
        let offset = out.state.unclamped_offset();
        let band = Rangef::new(offset.y, offset.y + out.inner_rect.height());
        let shown_page = self.page;
        self.page = match self.pinned {
            Some((p, None)) => {
                self.pinned = Some((p, Some(offset.y)));
                p
            }
            Some((p, Some(y))) if (y - offset.y).abs() < 0.5 => p,
            _ => {
                self.pinned = None;
                g.in_view(band)
            }
        };
        if self.page != shown_page {
            ui.ctx().request_repaint(); // the bar shows the new page number
        }
        self.view = Some((out.inner_rect, offset, g));
        self.layer = Some(ui.layer_id());
    }

    /// Zooms to `after.zoom`; returns the scroll offset that keeps the document
    /// point at `anchor` (in the view) where it is.
    fn set_zoom(&mut self, anchor: Vec2, offset: Vec2, before: &Geometry, after: Geometry) -> Option<Vec2> {
        if after.zoom == self.zoom {
            return None;
        }
        self.zoom = after.zoom;
        let (page, at) = before.locate((offset + anchor).to_pos2());
        self.pinned = None;
        Some(after.position(page, at).to_vec2() - anchor)
    }

    /// Paints the pages in `viewport` (content coordinates) and returns where the pages are.
    fn pages(&mut self, ui: &mut Ui, viewport: Rect, laid: &Laid, fonts: &FontSet, settling: bool) -> Geometry {
        let doc = &laid.doc;
        let ctx = ui.ctx().clone();
        let ppp = ctx.pixels_per_point();
        let max_side = ctx.input(|i| i.max_texture_side);
        let g = Geometry::new(vec2(doc.width, doc.height), doc.pages.len(), self.zoom, ppp, viewport.width(), max_side);
        let origin = ui.max_rect().min;
        ui.allocate_rect(Rect::from_min_size(origin, g.size()), egui::Sense::hover());
        let scale = g.pixels[0] as f32 / doc.width;
        // Bands within a band of the view stay, so scrolling back draws nothing again.
        let margin = BAND as f32 / ppp;
        let near = Rangef::new(viewport.min.y - margin, viewport.max.y + margin);
        for i in g.visible(near) {
            for band in g.bands(i, near) {
                self.cache.keep(laid.id, i, band, g.pixels);
            }
        }
        let painter = ui.painter();
        let uv = Rect::from_min_max(Pos2::ZERO, egui::pos2(1.0, 1.0));
        for i in g.visible(viewport.y_range()) {
            let rect = g.page_rect(i).translate(origin.to_vec2());
            let rect = Rect::from_min_size(rect.min.round_to_pixels(ppp), rect.size());
            let shadow = Color32::from_black_alpha(40);
            painter.rect_filled(Rect::from_min_max(rect.right_top() + vec2(0.0, 3.0), rect.max + vec2(3.0, 3.0)), 0.0, shadow);
            painter.rect_filled(Rect::from_min_max(rect.left_bottom() + vec2(3.0, 0.0), rect.max + vec2(0.0, 3.0)), 0.0, shadow);
            painter.text(
                rect.center_bottom() + vec2(0.0, 6.0),
                egui::Align2::CENTER_TOP,
                format!("第 {} 页", i + 1),
                egui::FontId::proportional(13.0),
                ui.visuals().weak_text_color(),
            );
            let old = if settling { self.cache.other_zoom(laid.id, i, g.pixels) } else { Vec::new() };
            if !old.is_empty() {
                // While the zoom changes, the bands of the last zoom stretched; sharp once it settles.
                painter.rect_filled(rect, 0.0, Color32::WHITE);
                for (texture, part) in old {
                    let y = rect.y_range();
                    let band = Rect::from_x_y_ranges(rect.x_range(), y.min + part.min * y.span()..=y.min + part.max * y.span());
                    painter.image(texture, band, uv, Color32::WHITE);
                }
                ctx.request_repaint();
                continue;
            }
            for band in g.bands(i, viewport.y_range()) {
                let size = g.band_pixels(band);
                let texture = self.cache.get(laid.id, i, band, g.pixels).unwrap_or_else(|| {
                    self.stats.bands_drawn += 1;
                    let image = raster::render(&doc.pages[i], fonts, scale, band * BAND, size);
                    self.cache.insert(&ctx, (laid.id, i, band, g.pixels), image)
                });
                let top = rect.min + vec2(0.0, (band * BAND) as f32 / ppp);
                painter.image(texture, Rect::from_min_size(top, vec2(size[0] as f32, size[1] as f32) / ppp), uv, Color32::WHITE);
            }
        }
        g
    }
}
