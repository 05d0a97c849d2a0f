//! Annotations draw on the page too: a viewer shows each one's normal
//! appearance (/AP /N, a Form XObject) in its rectangle, over the page's
//! content. What an appearance draws is read as the page's own content is
//! (placed by the PDF appearance algorithm: the form's box, turned by its
//! /Matrix, mapped onto the annotation's /Rect). A free-text note or a form
//! field whose value shows without an appearance to draw it: its number is
//! unsure (shown by the viewer or not), never a silent blank.

use lopdf::{Dictionary, Object};

use super::page::{IDENTITY, Interp, Matrix, apply, mul, number};
use super::resources::Resources;
use super::visible::{self, Rect, Seen};
use super::{ImportError, Run};

/// The most annotations drawn on a page (a report has none or a few).
const MAX_ANNOTATIONS: usize = 1000;

/// Annotation flags (/F): hidden, and not shown on screen.
const HIDDEN: i64 = 2;
const NO_VIEW: i64 = 32;

fn numbers(o: Option<&Object>) -> Option<Vec<f32>> {
    Some(o?.as_array().ok()?.iter().map(number).collect())
}

impl<'a> Interp<'a, '_> {
    /// The page's annotations drawn over its content.
    pub(super) fn annotations(&mut self, page: lopdf::ObjectId, res: &Resources<'a, '_>) -> Result<(), ImportError> {
        let doc = self.doc;
        let Some(Object::Array(annots)) =
            doc.get_dictionary(page).ok().and_then(|p| p.get(b"Annots").ok()).map(|o| doc.dereference(o).map_or(o, |(_, o)| o))
        else {
            return Ok(());
        };
        let saved = (std::mem::take(&mut self.marked), std::mem::take(&mut self.optional), std::mem::take(&mut self.stack));
        let mut done = Ok(());
        for annot in annots.iter().take(MAX_ANNOTATIONS) {
            let Ok(annot) = doc.dereference(annot).map_or(annot, |(_, o)| o).as_dict() else { continue };
            done = self.annotation(annot, res);
            if done.is_err() {
                break;
            }
        }
        (self.marked, self.optional, self.stack) = saved;
        done
    }

    fn annotation(&mut self, annot: &'a Dictionary, res: &Resources<'a, '_>) -> Result<(), ImportError> {
        let doc = self.doc;
        let get = |key: &[u8]| annot.get(key).ok().map(|o| doc.dereference(o).map_or(o, |(_, o)| o));
        let flags = get(b"F").and_then(|f| f.as_i64().ok()).unwrap_or(0);
        let Some([x0, y0, x1, y1]) = numbers(get(b"Rect")).and_then(|v| <[f32; 4]>::try_from(v).ok()) else { return Ok(()) };
        if flags & (HIDDEN | NO_VIEW) != 0 || get(b"Subtype").is_some_and(|s| matches!(s, Object::Name(n) if n == b"Popup")) {
            return Ok(());
        }
        let rect = Rect { left: x0.min(x1), bottom: y0.min(y1), right: x0.max(x1), top: y0.max(y1) };
        let shown = get(b"OC").map_or(Seen::Shown, |oc| self.groups.state(doc, oc));
        let normal = get(b"AP").and_then(|ap| ap.as_dict().ok()).and_then(|ap| ap.get(b"N").ok());
        let normal = normal.map(|n| doc.dereference(n).map_or(n, |(_, o)| o));
        let form = match normal {
            Some(Object::Stream(form)) => Some(form),
            // Appearances by state (a check box's on and off): the one /AS names.
            Some(Object::Dictionary(states)) => get(b"AS")
                .and_then(|s| s.as_name().ok())
                .and_then(|s| states.get(s).ok())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_stream().ok()),
            _ => None,
        };
        let Some(form) = form else {
            self.unsure_value(annot, rect, shown);
            return Ok(());
        };
        if shown == Seen::Hidden {
            return Ok(());
        }
        // The appearance algorithm: the form's box turned by its matrix,
        // then mapped onto the rectangle.
        let matrix: Matrix =
            numbers(form.dict.get(b"Matrix").ok()).and_then(|v| <[f32; 6]>::try_from(v).ok()).unwrap_or(IDENTITY);
        let Some([b0, b1, b2, b3]) = numbers(form.dict.get(b"BBox").ok()).and_then(|v| <[f32; 4]>::try_from(v).ok()) else {
            return Ok(());
        };
        let Some(boxed) = Rect::around([[b0, b1], [b2, b1], [b2, b3], [b0, b3]].map(|[x, y]| apply(&matrix, x, y))) else {
            return Ok(());
        };
        let (w, h) = (boxed.right - boxed.left, boxed.top - boxed.bottom);
        if !(w.abs() > 1e-3 && h.abs() > 1e-3) {
            return Ok(());
        }
        let (sx, sy) = ((rect.right - rect.left) / w, (rect.top - rect.bottom) / h);
        let onto: Matrix = [sx, 0.0, 0.0, sy, rect.left - boxed.left * sx, rect.bottom - boxed.bottom * sy];
        (self.ctm, self.paint) = self.start;
        self.ctm = mul(&onto, &self.ctm);
        self.text.tm = IDENTITY;
        (self.text.char_space, self.text.word_space, self.text.scale, self.text.leading) = (0.0, 0.0, 1.0, 0.0);
        self.optional = vec![shown];
        self.draw_form(form, res, 0)
    }

    /// A free-text note's text or a form field's value (with a number) that
    /// the viewer shows though no appearance here draws it: unsure.
    fn unsure_value(&mut self, annot: &Dictionary, rect: Rect, shown: Seen) {
        let doc = self.doc;
        let kind = annot.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
        let key: &[u8] = match kind {
            b"FreeText" => b"Contents",
            b"Widget" => b"V",
            _ => return,
        };
        let value = annot.get(key).ok().or_else(|| {
            // A field's value is often on its parent field.
            let parent = annot.get(b"Parent").ok()?.as_reference().ok()?;
            doc.get_dictionary(parent).ok()?.get(key).ok()
        });
        let value = value.map(|o| doc.dereference(o).map_or(o, |(_, o)| o));
        let Some(Ok(text)) = value.map(lopdf::decode_text_string) else { return };
        if shown == Seen::Hidden || !text.contains(|c: char| c.is_ascii_digit()) {
            return;
        }
        let [a, b] = [apply(&self.start.0, rect.left, rect.bottom), apply(&self.start.0, rect.right, rect.top)];
        let (x, end, y) = (a[0].min(b[0]), a[0].max(b[0]), a[1].min(b[1]));
        let size = ((a[1] - b[1]).abs() * 0.7).clamp(4.0, 20.0);
        self.runs.push(visible::unsure(Run { x, y: y + 0.2 * size, end, size, text: text.trim().to_string() }));
    }
}
