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
/// Fixed line pitch: 22 lines fill the 版心 height.
pub const LINE_PITCH: f32 = BODY_HEIGHT / 22.0;
/// Title lines are set a little looser than body lines.
pub const TITLE_PITCH: f32 = 36.0;
/// First-line indent of paragraphs and headings: two characters.
pub const INDENT: f32 = 2.0 * BODY_SIZE;
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
    /// Smallest size a number may shrink to so it fits its cell.
    pub const MIN_NUMBER_SIZE: f32 = 6.0;
}
