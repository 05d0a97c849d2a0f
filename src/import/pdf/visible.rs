//! Whether text a page draws is shown: the rule is that text we can prove
//! visible is read, text surely not shown (painted with nothing, fully
//! transparent, scaled to nothing, clipped away, outside the page's crop box,
//! covered by a later white fill) is skipped, and text whose visibility is
//! not evaluated here (under a clip path that is not a rectangle, partly
//! transparent, tiny, partly outside the page or its clip, partly covered)
//! is unsure: a number in it makes its cell 未能读取 with the readings it
//! may have (the number, or nothing), never a number read as shown.

use lopdf::Object;

use super::Run;
use crate::import::stream::unsure_shown_cell;

/// An upright rectangle in page space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Rect {
    pub left: f32,
    pub bottom: f32,
    pub right: f32,
    pub top: f32,
}

impl Rect {
    pub const EVERYWHERE: Rect = Rect { left: f32::MIN, bottom: f32::MIN, right: f32::MAX, top: f32::MAX };

    /// The smallest rectangle holding `points`.
    pub fn around(points: impl IntoIterator<Item = [f32; 2]>) -> Option<Rect> {
        points.into_iter().fold(None, |r: Option<Rect>, [x, y]| {
            let r = r.unwrap_or(Rect { left: x, bottom: y, right: x, top: y });
            Some(Rect { left: r.left.min(x), bottom: r.bottom.min(y), right: r.right.max(x), top: r.top.max(y) })
        })
    }

    fn meet(&self, o: &Rect) -> Rect {
        Rect {
            left: self.left.max(o.left),
            bottom: self.bottom.max(o.bottom),
            right: self.right.min(o.right),
            top: self.top.min(o.top),
        }
    }

    fn empty(&self) -> bool {
        self.left >= self.right || self.bottom >= self.top
    }

    fn holds(&self, o: &Rect) -> bool {
        o.left >= self.left && o.right <= self.right && o.bottom >= self.bottom && o.top <= self.top
    }
}

/// What the page shows of something drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Seen {
    Shown,
    Unsure,
    Hidden,
}

/// The least character size (points) surely readable, and the size below
/// which nothing is seen.
const READABLE: f32 = 2.0;
const NOTHING: f32 = 0.5;

/// How text is painted (saved and restored with the graphics state): its
/// rendering mode (`Tr`), whether the fill and stroke colours are white, the
/// fill opacity and blending an ExtGState sets, and the clip.
#[derive(Clone, Copy, Debug)]
pub(super) struct Paint {
    pub mode: i32,
    pub fill_white: bool,
    pub stroke_white: bool,
    /// The smaller of the fill and stroke opacities (`/ca`, `/CA`).
    pub alpha: f32,
    /// A soft mask or a blend mode other than Normal: what shows is not evaluated.
    pub blended: bool,
    /// What the clip (and the page's crop box) leaves; `clip_exact` when it
    /// is that rectangle, not a shape within it.
    pub clip: Rect,
    pub clip_exact: bool,
}

impl Paint {
    /// The paint a page starts with: its crop box the clip.
    pub fn new(page: Rect) -> Paint {
        Paint { mode: 0, fill_white: false, stroke_white: false, alpha: 1.0, blended: false, clip: page, clip_exact: true }
    }

    /// Whether the rendering mode and colours paint anything (mode 3, as OCR
    /// layers use, or 7 paints nothing; white on the white page shows nothing).
    fn paints(&self) -> bool {
        match self.mode {
            0 | 4 => !self.fill_white,
            1 | 5 => !self.stroke_white,
            2 | 6 => !(self.fill_white && self.stroke_white),
            _ => false,
        }
    }

    /// A clip path (its points in page space, `rectangle` when it is one
    /// upright rectangle) intersected with the clip.
    pub fn clip_to(&mut self, points: &[[f32; 2]], rectangle: bool) {
        if let Some(r) = Rect::around(points.iter().copied()) {
            self.clip = self.clip.meet(&r);
            self.clip_exact &= rectangle;
        }
    }

    /// An ExtGState's opacity and blending, as `gs` sets it.
    pub fn set_state(&mut self, state: &lopdf::Dictionary, doc: &lopdf::Document) {
        let value = |key: &[u8]| state.get(key).ok().map(|o| doc.dereference(o).map_or(o, |(_, o)| o));
        for key in [&b"ca"[..], b"CA"] {
            if let Some(a) = value(key).and_then(|o| o.as_float().ok()) {
                self.alpha = a.clamp(0.0, 1.0);
            }
        }
        if let Some(mask) = value(b"SMask") {
            self.blended = !matches!(mask, Object::Name(n) if n == b"None");
        }
        if let Some(mode) = value(b"BM") {
            let normal = |o: &Object| matches!(o, Object::Name(n) if n == b"Normal" || n == b"Compatible");
            self.blended = !match mode {
                Object::Array(a) => a.first().is_some_and(normal),
                o => normal(o),
            };
        }
    }

    /// What the page shows of glyphs in `glyphs` (their box: baseline to
    /// cap height) drawn `size` points large.
    pub fn seen(&self, glyphs: Rect, size: f32) -> Seen {
        if !self.paints() || self.alpha < 0.1 || size.is_nan() || size < NOTHING || self.clip.meet(&glyphs).empty() {
            return Seen::Hidden;
        }
        let sure =
            self.clip_exact && self.clip.holds(&core(&glyphs, size)) && self.alpha >= 0.99 && !self.blended && size >= READABLE;
        if sure { Seen::Shown } else { Seen::Unsure }
    }

    /// Whether a fill in this paint surely covers what is under it with the
    /// page's white.
    pub fn covers_white(&self) -> bool {
        self.fill_white && self.alpha >= 0.99 && !self.blended
    }
}

/// The box of a string's glyphs: from its baseline up to about its cap height.
pub(super) fn glyph_box(run: &Run) -> Rect {
    let (left, right) = (run.x.min(run.end), run.x.max(run.end));
    Rect { left, bottom: run.y, right: right.max(left + 0.1), top: run.y + 0.6 * run.size }
}

/// The middle of a glyph box, what must show for its glyphs to be read:
/// the box is measured by advances and the clip is often drawn tight
/// around the text (WPS clips each text frame to its line).
fn core(glyphs: &Rect, size: f32) -> Rect {
    let (across, up) =
        ((0.2 * size).min((glyphs.right - glyphs.left) / 4.0), (0.1 * size).min((glyphs.top - glyphs.bottom) / 4.0));
    Rect { left: glyphs.left + across, bottom: glyphs.bottom + up, right: glyphs.right - across, top: glyphs.top - up }
}

/// A string drawn where the page may not show it: a number (or sign) is
/// unsure, shown or blank; words keep their text (a label only places rows).
pub(super) fn unsure(mut run: Run) -> Run {
    run.text = unsure_shown_cell(&run.text, "");
    run
}

/// The strings `runs` under a white fill over `area`: the ones wholly
/// under it are gone, the ones partly under it unsure.
pub(super) fn cover(runs: &mut Vec<Run>, area: &[[f32; 2]], rectangle: bool, clip: Rect) {
    let Some(area) = Rect::around(area.iter().copied()) else { return };
    let area = area.meet(&clip);
    let mut kept = Vec::with_capacity(runs.len());
    for run in runs.drain(..) {
        let glyphs = core(&glyph_box(&run), run.size);
        if area.meet(&glyphs).empty() || crate::import::stream::is_unsure(run.text.chars().next().unwrap_or(' ')) {
            kept.push(run);
        } else if rectangle && area.holds(&glyphs) {
            // Covered: not shown.
        } else {
            kept.push(unsure(run));
        }
    }
    *runs = kept;
}
