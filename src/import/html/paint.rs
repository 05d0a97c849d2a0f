//! Text drawn in a colour near the ground it is drawn on (「<td
//! style="background:#000;color:#000">10</td>」) is not seen: each element's
//! text colours and grounds are followed down the page (a colour is inherited,
//! a ground shows through until an element sets its own), and text whose
//! colour may be near its ground ([`super::colour::near`]) is unsure. Where
//! the page's rules disagree which colour wins, every one is a candidate.
//! Part of the text (`::first-letter`, `::first-line`) adds its colour and
//! ground as candidates of the element's. A ground of an image or gradient
//! only, or of a colour name we do not know, is not a ground here.

use scraper::node::Element;

use super::colour::{BLACK, Rgba, WHITE, near, rgba};
use super::css::Decls;
use super::unseen::unknown;

/// A colour as a declaration gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shade {
    Known(Rgba),
    /// The text's own colour (`background: currentColor`).
    Current,
    /// Only the browser works it out (a variable), or a name we do not know.
    Unknown,
}

/// The most candidate colours followed; past it the text is unsure.
const MAX_CANDIDATES: usize = 16;

/// A `color` (or `-webkit-text-fill-color`) value; `None` keeps the parent's.
pub fn text_shade(value: &str) -> Option<Shade> {
    let v = value.trim();
    match v {
        "" | "inherit" | "unset" | "revert" | "revert-layer" | "currentcolor" => None,
        "initial" | "canvastext" | "windowtext" => Some(Shade::Known(BLACK)),
        _ if unknown(v) => Some(Shade::Unknown),
        _ => Some(rgba(v).map_or(Shade::Unknown, Shade::Known)),
    }
}

/// A `background`/`background-color` value's colour; `None` when it sets no
/// ground (transparent, mostly transparent, an image only).
pub fn ground_shade(value: &str) -> Option<Shade> {
    if unknown(value) {
        return Some(Shade::Unknown);
    }
    words(value).into_iter().find_map(|w| match w {
        "currentcolor" => Some(Shade::Current),
        _ => rgba(w).filter(|c| c.3 >= 0.5).map(Shade::Known),
    })
}

/// A value's words, a function call (`rgb(0, 0, 0)`) as one.
fn words(value: &str) -> Vec<&str> {
    let (mut out, mut level, mut from) = (Vec::new(), 0usize, 0usize);
    for (k, c) in value.char_indices() {
        match c {
            '(' => level += 1,
            ')' => level = level.saturating_sub(1),
            c if (c.is_whitespace() || c == ',') && level == 0 => {
                out.push(&value[from..k]);
                from = k + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&value[from..]);
    out.into_iter().filter(|w| !w.is_empty()).collect()
}

/// The colours an element's text may have and the grounds it may be drawn on.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    colours: Vec<Shade>,
    grounds: Vec<Shade>,
}

impl Default for Paint {
    /// Black text on the white page.
    fn default() -> Paint {
        Paint { colours: vec![Shade::Known(BLACK)], grounds: vec![Shade::Known(WHITE)] }
    }
}

impl Paint {
    /// The paint of an element inside one of `parent` paint, from its own
    /// style, the page's rules naming it (whole or in part) and its attributes.
    pub fn of(parent: &Paint, el: &Element, own: &Decls, sheet: &[(Decls, bool)]) -> Paint {
        let whole = || std::iter::once(own).chain(sheet.iter().filter(|(d, _)| !d.part).map(|(d, _)| d));
        let mut colours: Vec<Shade> = whole().filter_map(|d| d.colour).collect();
        if el.name() == "font"
            && let Some(c) = el.attr("color").and_then(|c| text_shade(&c.trim().to_ascii_lowercase()))
        {
            colours.push(c);
        }
        if colours.is_empty() {
            colours.clone_from(&parent.colours);
        }
        let mut grounds: Vec<Shade> = whole().filter_map(|d| d.background).collect();
        grounds.extend(el.attr("bgcolor").and_then(|c| ground_shade(&c.trim().to_ascii_lowercase())));
        if grounds.is_empty() {
            grounds.clone_from(&parent.grounds);
        }
        for (d, _) in sheet.iter().filter(|(d, _)| d.part) {
            colours.extend(d.colour);
            grounds.extend(d.background);
        }
        let mut paint = Paint { colours: dedup(colours), grounds: Vec::new() };
        // A ground of the text's own colour is each colour the text may have.
        let grounds = grounds.into_iter().flat_map(|g| if g == Shade::Current { paint.colours.clone() } else { vec![g] });
        paint.grounds = dedup(grounds.collect());
        paint
    }

    /// Whether the text may be drawn in a colour near its ground.
    pub fn unseen(&self) -> bool {
        if self.colours.len() > MAX_CANDIDATES || self.grounds.len() > MAX_CANDIDATES {
            return true;
        }
        self.colours.iter().any(|c| {
            self.grounds.iter().any(|g| match (c, g) {
                (Shade::Known(c), Shade::Known(g)) => near(*c, *g),
                _ => true,
            })
        })
    }
}

fn dedup(mut shades: Vec<Shade>) -> Vec<Shade> {
    let mut out: Vec<Shade> = Vec::with_capacity(shades.len());
    for s in shades.drain(..) {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
