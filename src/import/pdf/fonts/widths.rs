//! The advance widths a font states for its glyphs, so a string is placed
//! as wide as it is drawn (not guessed from its characters).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// The advance widths a font states: /FirstChar and /Widths of a simple font,
/// /DW and /W of a Type0 font's CIDFont (whose codes are CIDs: Identity-H/V).
pub(super) enum Widths {
    Simple { first: i64, widths: Vec<f32>, missing: f32 },
    Cid { default: f32, widths: HashMap<u32, f32> },
}

/// The most widths read from a /W array (a CJK font has some 30,000 glyphs).
const MAX_WIDTHS: usize = 70_000;

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

impl Widths {
    pub(super) fn new(doc: &Document, font: &Dictionary, composite: bool, identity: bool) -> Option<Widths> {
        if !composite {
            let first = font.get_deref(b"FirstChar", doc).ok()?.as_i64().ok()?;
            let widths = font.get_deref(b"Widths", doc).ok()?.as_array().ok()?;
            let widths = widths.iter().take(256).map(|o| doc.dereference(o).ok().and_then(|(_, o)| num(o)).unwrap_or(0.0));
            let missing = font
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .and_then(|d| d.get_deref(b"MissingWidth", doc))
                .ok()
                .and_then(num)
                .unwrap_or(0.0);
            return Some(Widths::Simple { first, widths: widths.collect(), missing });
        }
        if !identity {
            return None;
        }
        let cid = font.get_deref(b"DescendantFonts", doc).ok()?.as_array().ok()?.first()?;
        let cid = doc.dereference(cid).ok()?.1.as_dict().ok()?;
        let default = cid.get_deref(b"DW", doc).ok().and_then(num).unwrap_or(1000.0);
        let mut widths = HashMap::new();
        if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
            let w: Vec<&Object> = w.iter().take(MAX_WIDTHS).map(|o| doc.dereference(o).map_or(o, |(_, o)| o)).collect();
            let mut k = 0;
            while k + 1 < w.len() && widths.len() < MAX_WIDTHS {
                let Some(c) = w[k].as_i64().ok().and_then(|c| u32::try_from(c).ok()) else { break };
                if let Ok(list) = w[k + 1].as_array() {
                    for (j, o) in list.iter().take(MAX_WIDTHS).enumerate() {
                        widths.insert(c.saturating_add(j as u32), num(o).unwrap_or(default));
                    }
                    k += 2;
                } else if let (Some(last), Some(width)) =
                    (w[k + 1].as_i64().ok().and_then(|c| u32::try_from(c).ok()), w.get(k + 2).and_then(|o| num(o)))
                {
                    for c in c..=last.min(c.saturating_add((MAX_WIDTHS - widths.len()) as u32)) {
                        widths.insert(c, width);
                    }
                    k += 3;
                } else {
                    break;
                }
            }
        }
        Some(Widths::Cid { default, widths })
    }

    pub(super) fn of(&self, code: &[u8]) -> f32 {
        let c = code.iter().fold(0u32, |c, &b| c << 8 | b as u32);
        match self {
            Widths::Simple { first, widths, missing } => {
                (c as i64).checked_sub(*first).and_then(|k| widths.get(k as usize)).copied().unwrap_or(*missing)
            }
            Widths::Cid { default, widths } => widths.get(&c).copied().unwrap_or(*default),
        }
    }
}
