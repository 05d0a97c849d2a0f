//! The page and type measurements of the house style (GB/T 9704, format-notes §6).
//! Every layout constant is here; all lengths in points.

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A4.
pub const PAGE_WIDTH: f32 = mm(210.0);
pub const PAGE_HEIGHT: f32 = mm(297.0);
/// 天头 (top margin) and 订口 (left margin).
pub const TOP: f32 = mm(37.0);
pub const LEFT: f32 = mm(28.0);
/// 版心 (type area).
pub const BODY_WIDTH: f32 = mm(156.0);
pub const BODY_HEIGHT: f32 = mm(225.0);

/// 3号 body text.
pub const BODY_SIZE: f32 = 16.0;
/// 2号 title.
pub const TITLE_SIZE: f32 = 22.0;
/// 4号 page numbers.
pub const PAGE_NUMBER_SIZE: f32 = 14.0;
/// GB/T 9704 §5.2.3: 22 lines of 28 characters fill the 版心.
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// Fixed line pitch: 22 lines fill the 版心 height.
pub const LINE_PITCH: f32 = BODY_HEIGHT / LINES_PER_PAGE as f32;
/// Character pitch of body lines (Word's 文档网格): a full-width character of the
/// 3号 body takes 1/28 of the 版心 width, a little less than its 16 pt em.
pub const CHAR_PITCH: f32 = BODY_WIDTH / CHARS_PER_LINE as f32;
/// Title lines are set a little looser than body lines.
pub const TITLE_PITCH: f32 = 36.0;
/// First-line indent of paragraphs and headings: two characters.
pub const INDENT: f32 = 2.0 * CHAR_PITCH;
/// The page number's 一字线 sits this far below the 版心.
pub const PAGE_NUMBER_GAP: f32 = mm(7.0);

/// Where the baseline sits in a line box of height `pitch` for text of `size`:
/// the em box is centred in the line, and CJK glyphs descend about 0.12 em.
pub fn baseline(pitch: f32, size: f32) -> f32 {
    (pitch - size) / 2.0 + 0.88 * size
}

/// Tables.
pub mod table {
    /// Ruling.
    pub const RULE: f32 = 0.6;
    /// Inner padding of a cell (horizontal, vertical).
    pub const PAD_X: f32 = 2.5;
    pub const PAD_Y: f32 = 3.0;
    /// Line pitch inside cells, relative to the text size.
    pub const LEADING: f32 = 1.25;
    /// The gray of caption rows (第二十条第（一）项 …).
    pub const CAPTION_GRAY: f32 = 0.92;
    /// One size for every label and number of the three tables: 五号.
    pub const SIZE: f32 = 10.5;
    /// The numbers of a table step down together, to no less than this, before
    /// a number too wide for its cell wraps.
    pub const MIN_NUMBER_SIZE: f32 = 7.5;
    /// How far a table may reach into each side margin when its numbers need the
    /// room (the official template's table is 171.8 mm wide: 7.9 mm each side).
    pub const OVERHANG: f32 = super::mm(8.0);
}
