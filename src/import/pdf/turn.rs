//! A page as it displays: its crop box (within its media box) is all it
//! shows, and /Rotate turns it clockwise in quarter turns. Page space is
//! mapped to the displayed page, its lower left corner at 0 0, so text drawn
//! turned inside a turned page comes out upright.

use lopdf::{Document, Object, ObjectId};

use super::page::{Matrix, apply, mul};
use super::visible::Rect;

/// An attribute of a page, or inherited from the page tree above it.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(o) = node.get(key) {
            return doc.dereference(o).ok().map(|(_, o)| o);
        }
        node = doc.get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

fn rectangle(o: Option<&Object>) -> Option<Rect> {
    let a = o?.as_array().ok()?;
    let v: Vec<f32> = a.iter().filter_map(|n| n.as_float().ok()).collect();
    let [x0, y0, x1, y1] = v[..] else { return None };
    let r = Rect { left: x0.min(x1), bottom: y0.min(y1), right: x0.max(x1), top: y0.max(y1) };
    // A box of (nearly) nothing is a mistake, not a page that shows nothing.
    (r.right - r.left >= 10.0 && r.top - r.bottom >= 10.0).then_some(r)
}

/// What the page shows (its crop box within its media box; everywhere when
/// it states no box) and its clockwise quarter turns.
pub(super) fn page_box(doc: &Document, page: ObjectId) -> (Rect, i32) {
    let media = rectangle(inherited(doc, page, b"MediaBox"));
    let crop = rectangle(inherited(doc, page, b"CropBox"));
    let area = match (media, crop) {
        (Some(m), Some(c)) => {
            let both = Rect {
                left: m.left.max(c.left),
                bottom: m.bottom.max(c.bottom),
                right: m.right.min(c.right),
                top: m.top.min(c.top),
            };
            if both.right - both.left >= 10.0 && both.top - both.bottom >= 10.0 { both } else { m }
        }
        (m, c) => m.or(c).unwrap_or(Rect::EVERYWHERE),
    };
    let rotate = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    (area, (rotate.rem_euclid(360) / 90) as i32)
}

/// The matrix from page space to the page displayed after `turns` clockwise
/// quarter turns, and what it shows there.
pub(super) fn display(area: Rect, turns: i32) -> (Matrix, Rect) {
    if area == Rect::EVERYWHERE {
        return ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], area);
    }
    let quarter: Matrix = [0.0, -1.0, 1.0, 0.0, 0.0, 0.0];
    let mut m: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    for _ in 0..turns.rem_euclid(4) {
        m = mul(&m, &quarter);
    }
    let corners = [[area.left, area.bottom], [area.right, area.top]].map(|[x, y]| apply(&m, x, y));
    let shown = Rect::around(corners).unwrap_or(area);
    m[4] -= shown.left;
    m[5] -= shown.bottom;
    (m, Rect { left: 0.0, bottom: 0.0, right: shown.right - shown.left, top: shown.top - shown.bottom })
}

/// The quarter turns that bring the page's text upright, from how many
/// characters run right, up, left and down it: none unless most run one
/// other way.
pub(super) fn to_upright(directions: &[usize; 4]) -> i32 {
    let all: usize = directions.iter().sum();
    let (most, &count) = directions.iter().enumerate().max_by_key(|&(_, n)| *n).unwrap_or((0, &0));
    if most == 0 || all < 20 || count * 10 < all * 6 {
        return 0;
    }
    // Text running up needs one clockwise turn, left two, down three.
    most as i32
}
