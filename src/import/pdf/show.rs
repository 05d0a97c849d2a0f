//! A text operation's strings placed on the page by the text state, each
//! kept as the page shows it (`pdf/visible.rs`): skipped, unsure or read; a
//! string drawn right to left read in the order shown, a mirrored one unsure.

use lopdf::Object;

use super::fonts::Font;
use super::page::{Interp, Matrix, mul, number};
use super::visible::{self, Rect, Seen};
use super::{Run, torn};
use crate::import::stream::is_unsure;

/// The text state (`Tf`, `Tc`, … and the text matrices).
#[derive(Clone)]
pub(super) struct Text {
    pub font: Vec<u8>,
    pub size: f32,
    pub leading: f32,
    pub char_space: f32,
    pub word_space: f32,
    pub scale: f32,
    pub tm: Matrix,
    pub tlm: Matrix,
}

impl Interp<'_, '_> {
    /// The strings of one text operation placed and kept as the page shows them.
    pub(super) fn show(&mut self, font: &Font, items: &[&Object]) {
        // This operation's strings, and the shift (in thousandths of a
        // character) before each: a number's digits pulled apart are told.
        let (first_run, mut shift_before) = (self.runs.len(), Vec::new());
        let mut pending = 0.0;
        // Some of the operation's strings not shown (a number's last digits
        // kerned off the page): what it shows may be part of a number.
        let mut cut = false;
        // Optional content that is off or may be: not shown, or unsure.
        let optional = self.optional_shown();
        let t = &mut self.text;
        for item in items {
            let Object::String(bytes, _) = item else {
                pending += number(item);
                let shift = -number(item) / 1000.0 * t.size * t.scale;
                t.tm = mul(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &t.tm);
                continue;
            };
            let mut missed = 0;
            let text = font.decode(bytes, &mut missed);
            let m = mul(&t.tm, &self.ctm);
            // A character's width and height on the page (what spacing is measured in).
            let across = (m[0] * m[0] + m[1] * m[1]).sqrt() * t.size;
            let em = (across * t.scale).abs().max(0.1);
            let tall = (m[2] * m[2] + m[3] * m[3]).sqrt() * t.size.abs();
            // The glyphs' widths as the font states them, else half a
            // character for ASCII and a whole one for the rest.
            let width: f32 = match font.advance(bytes) {
                Some((sum, glyphs, spaces)) => {
                    (sum / 1000.0 * t.size + glyphs as f32 * t.char_space + spaces as f32 * t.word_space) * t.scale
                }
                None => text
                    .chars()
                    .map(|c| {
                        let glyph = if c.is_ascii() { 0.5 } else { 1.0 } * t.size;
                        (glyph + t.char_space + if c == ' ' { t.word_space } else { 0.0 }) * t.scale
                    })
                    .sum(),
            };
            let (x, y) = (m[4], m[5]);
            t.tm = mul(&[1.0, 0.0, 0.0, 1.0, width, 0.0], &t.tm);
            let end = mul(&t.tm, &self.ctm)[4];
            if text.trim().is_empty() {
                if !text.is_empty() {
                    // A space drawn: what comes next is another word.
                    pending = torn::SPACED;
                }
                continue;
            }
            // Glyphs mirrored (a negative horizontal scale, a mirroring
            // matrix): what they show is not read. Drawn right to left
            // (each glyph placed before the last): read in the order shown.
            let mirrored = t.scale * (m[0] * m[3] - m[1] * m[2]) * t.size.signum() < 0.0;
            let backwards = !mirrored && width * t.size.signum() < 0.0;
            let text = if backwards { text.chars().rev().collect() } else { text };
            let run = Run { x: x.min(end), y, end: x.max(end), size: em, text };
            let seen = self.paint.seen(visible::glyph_box(&run), (across * t.scale).abs().min(tall));
            let mut seen = super::optional::least(seen, optional);
            if mirrored && seen == Seen::Shown {
                seen = Seen::Unsure;
            }
            if seen == Seen::Hidden {
                cut = true;
                continue;
            }
            self.unmapped += missed;
            if self.paint.mode >= 4 {
                let b = visible::glyph_box(&run);
                self.text_clip = Some(self.text_clip.map_or(b, |c| {
                    Rect::around([[c.left, c.bottom], [c.right, c.top], [b.left, b.bottom], [b.right, b.top]]).unwrap_or(b)
                }));
            }
            let direction = if m[0].abs() >= m[1].abs() {
                if m[0] * t.scale >= 0.0 { 0 } else { 2 }
            } else if m[1] * t.scale > 0.0 {
                1
            } else {
                3
            };
            self.directions[direction] += run.text.chars().count();
            self.runs.push(if seen == Seen::Unsure { visible::unsure(run) } else { run });
            shift_before.push(std::mem::take(&mut pending));
        }
        torn::join(&mut self.runs, first_run, &shift_before);
        if cut {
            for run in &mut self.runs[first_run..] {
                if !run.text.starts_with(is_unsure) && run.text.contains(|c: char| c.is_ascii_digit()) {
                    *run = visible::unsure(run.clone());
                }
            }
        }
    }
}
