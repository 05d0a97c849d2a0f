//! Shaping text: per-character font fallback, invisible marks dropped, and the
//! 28-character grid of the body. Breaking shaped text into lines is `lines.rs`.

use super::page::MissingChar;
use crate::fonts::{FaceId, FontSet, Role};

/// One character with the face that draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub face: FaceId,
    /// The room the character takes in the line, in points.
    pub advance: f32,
    /// `advance` minus the font's own advance (negative on a character grid
    /// tighter than the em): drawn as letter spacing.
    pub squeeze: f32,
}

/// Sets full-width characters on a grid of `pitch` per character of `size` (Word's
/// 文档网格); half-width characters keep their own widths.
pub fn on_grid(glyphs: &mut [Glyph], size: f32, pitch: f32) {
    for g in glyphs.iter_mut().filter(|g| is_cjk(g.ch)) {
        let natural = g.advance - g.squeeze;
        g.advance = natural * pitch / size;
        g.squeeze = g.advance - natural;
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub role: Role,
    pub size: f32,
}

/// Collects characters no font has, once per place.
#[derive(Default)]
pub struct Missing(pub Vec<MissingChar>, std::collections::HashSet<(char, String)>);

impl Missing {
    /// `place` may hold a sub-title as typed: its hidden marks are left out.
    fn note(&mut self, ch: char, place: &str) {
        let place = crate::model::text::export_text(place);
        if self.1.insert((ch, place.clone())) {
            self.0.push(MissingChar { ch, place });
        }
    }
}

pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x1100..=0x11FF | 0x2010..=0x206F | 0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF
        | 0x3200..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
        && ch != '\u{2002}'
}

/// Resolves every character to a face, as every export writes it
/// (`model::text::exported`): tabs become spaces, invisible marks are dropped.
pub fn shape(fonts: &FontSet, text: &str, style: Style, place: &str, missing: &mut Missing) -> Vec<Glyph> {
    text.chars()
        .filter_map(crate::model::text::exported)
        .map(|ch| {
            let face = fonts.resolve(style.role, ch).unwrap_or_else(|| {
                if !ch.is_whitespace() {
                    missing.note(ch, place);
                }
                fonts.primary(style.role)
            });
            Glyph { ch, face, advance: fonts.face(face).advance(ch, style.size), squeeze: 0.0 }
        })
        .collect()
}

/// Natural width of a shaped text.
pub fn width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::lines::{Align, break_lines};

    #[test]
    fn fallback_faces_make_separate_runs_and_missing_characters_are_reported() {
        let fonts = FontSet::bundled();
        let style = Style { role: Role::Body, size: 16.0 };
        let mut missing = Missing::default();
        let glyphs = shape(fonts, "张堃同志😀\u{200D}\u{FE0F}", style, "前言", &mut missing);
        let ls = break_lines(glyphs, 400.0, 400.0);
        let runs = ls[0].runs(0.0, 0.0, 400.0, Align::Left, 16.0);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        // 😀 is drawn (as a box) in the role's own face, so it joins that run — and is reported.
        assert_eq!(texts, vec!["张", "堃", "同志😀"]);
        assert_eq!(missing.0, vec![MissingChar { ch: '😀', place: "前言".into() }]);
    }
}
