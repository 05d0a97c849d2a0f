//! What layout produces: pages of positioned items, in points, origin at the
//! top-left corner of the paper, y growing downwards. Exporters and the preview
//! only draw these; they make no layout decisions.

use crate::fonts::{FaceId, FontSet};

#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub face: FaceId,
    pub text: String,
    /// Extra space after every character (justification), in points.
    pub spacing: f32,
}

impl TextRun {
    /// From `x` to the end of the last glyph, in points: the face's advances plus
    /// the spacing between characters.
    pub fn width(&self, fonts: &FontSet) -> f32 {
        let face = fonts.face(self.face);
        let n = self.text.chars().count() as f32;
        self.text.chars().map(|c| face.advance(c, self.size)).sum::<f32>() + self.spacing * (n - 1.0).max(0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A ruled line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A filled rectangle, `gray` from 0 (black) to 1 (white).
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// What the items are, for checks and tools; exporters ignore it.
    pub marks: Vec<Mark>,
}

/// An element of the document and the items that draw it (`items` indexes `Page::items`).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub items: std::ops::Range<usize>,
    /// The box the items must stay in: left, top, right, bottom.
    pub frame: [f32; 4],
}

#[derive(Clone, Debug, PartialEq)]
pub enum MarkKind {
    Title,
    /// A line of a body paragraph or heading. `paragraph` counts paragraphs from 0
    /// across the document; `indent` is the first-line indent in 字.
    Line {
        paragraph: usize,
        line: usize,
        lines: usize,
        indent: usize,
        justified: bool,
        text: String,
    },
    /// A line of the 落款.
    Signature,
    /// A piece of a table cell: table number (0 for 表二 …), its first row and the
    /// rows it spans (all of them; the piece may show fewer).
    Cell {
        table: usize,
        row: usize,
        rowspan: usize,
    },
    /// A whole table row as drawn on this page (`header`: repeated at a continuation).
    Row {
        table: usize,
        row: usize,
        header: bool,
    },
    PageNumber,
}

impl Page {
    pub fn texts(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// A bookmark: a part heading, the page (0-based) it starts on and where on it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    /// Top of the heading's first line, in points from the top of the paper.
    pub y: f32,
}

/// A character no font can draw, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingChar {
    pub ch: char,
    /// “总体情况（一）主动公开”, “标题”, “表三”…
    pub place: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Characters drawn as a box because no font has them (each once per place).
    pub missing: Vec<MissingChar>,
    /// For the PDF metadata.
    pub title: String,
    pub author: String,
}
