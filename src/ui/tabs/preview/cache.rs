//! The textures of the page bands in view. Each band is drawn once per layout
//! and zoom and then reused frame after frame; bands that leave the view (with
//! a band's margin, so scrolling back and forth draws nothing twice), belong to
//! an older layout or to a settled older zoom are dropped.

use egui::{ColorImage, Context, Rangef, TextureHandle, TextureId, TextureOptions};

use super::geometry::BAND;

struct Entry {
    layout: u64,
    page: usize,
    band: usize,
    /// The size of the whole page the band was drawn for.
    page_pixels: [usize; 2],
    texture: TextureHandle,
    /// Shown or kept this frame (the others go at the end of it).
    used: bool,
}

#[derive(Default)]
pub struct PageCache {
    entries: Vec<Entry>,
}

impl PageCache {
    fn find(&mut self, layout: u64, page: usize, band: usize, page_pixels: [usize; 2]) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.layout == layout && e.page == page && e.band == band && e.page_pixels == page_pixels)
    }

    /// The texture of a band drawn before, if any; keeps it this frame.
    pub fn get(&mut self, layout: u64, page: usize, band: usize, page_pixels: [usize; 2]) -> Option<TextureId> {
        let e = self.find(layout, page, band, page_pixels)?;
        e.used = true;
        Some(e.texture.id())
    }

    /// Keeps a band drawn before (it is near the view) without showing it.
    pub fn keep(&mut self, layout: u64, page: usize, band: usize, page_pixels: [usize; 2]) {
        if let Some(e) = self.find(layout, page, band, page_pixels) {
            e.used = true;
        }
    }

    pub fn insert(
        &mut self,
        ctx: &Context,
        (layout, page, band, page_pixels): (u64, usize, usize, [usize; 2]),
        image: ColorImage,
    ) -> TextureId {
        let texture = ctx.load_texture(format!("preview-{page}-{band}"), image, TextureOptions::LINEAR);
        let id = texture.id();
        self.entries.push(Entry { layout, page, band, page_pixels, texture, used: true });
        id
    }

    /// The bands of `page` drawn at another zoom, with the part of the page's
    /// height (0 to 1) each covers: shown stretched while a zoom goes on. Keeps them.
    pub fn other_zoom(&mut self, layout: u64, page: usize, page_pixels: [usize; 2]) -> Vec<(TextureId, Rangef)> {
        let mut out = Vec::new();
        for e in &mut self.entries {
            if e.layout == layout && e.page == page && e.page_pixels != page_pixels {
                e.used = true;
                let h = e.page_pixels[1] as f32;
                let top = (e.band * BAND) as f32;
                out.push((e.texture.id(), Rangef::new(top / h, ((top + BAND as f32) / h).min(1.0))));
            }
        }
        out
    }

    /// Drops the textures not used since the last call.
    pub fn end_frame(&mut self) {
        self.entries.retain(|e| e.used);
        for e in &mut self.entries {
            e.used = false;
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
