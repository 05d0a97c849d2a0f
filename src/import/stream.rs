//! The source as one stream of characters without whitespace, the common
//! ground of every source kind.
//!
//! Every reader (text, web page, Word, PDF) turns its document into plain text
//! with one convention: a tab starts a table cell, a line break ends a
//! paragraph or a table row, and each line has a place in the source
//! (「第 57 行」, 「第 2 页第 13 行」). Here that text becomes a stream of
//! characters with whitespace removed (labels broken across lines or spaced
//! out read whole), each remembering the gap before it and its line. Full-width
//! digits and signs become ASCII; an empty cell becomes [`EMPTY_CELL`].

/// What separated a character from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    None,
    /// Spaces.
    Space,
    /// A line break (a new paragraph, or a wrapped label).
    Line,
    /// A tab: a new table cell.
    Cell,
}

/// Stands for a table cell with nothing in it (private use: never in a report).
pub const EMPTY_CELL: char = '\u{E000}';

/// Stands for a table cell the document has and shows blank though it holds
/// text (a web page's cell whose text is hidden by `visibility`): blank, and a
/// column of its row for certain, never taken for a merged label's empty cell.
pub const HIDDEN_CELL: char = '\u{E005}';

/// Whether `c` stands for a blank cell ([`EMPTY_CELL`], [`HIDDEN_CELL`]).
pub fn is_blank_cell(c: char) -> bool {
    c == EMPTY_CELL || c == HIDDEN_CELL
}

/// Opens a table cell whose content is not certain to be its own (a PDF's
/// number drawn on the rule between two rows): a reader writes the marker and
/// then the cell's possible readings, space apart (「空白」 for a blank one),
/// and the row reader leaves the cell 未能读取 with those readings.
pub const UNSURE_CELL: char = '\u{E001}';

/// Opens a table cell whose text the document may or may not show (a web page's
/// style sheet too complex or deciding by the screen, a Word style chain too
/// long to follow): written and read like [`UNSURE_CELL`], with its own reason.
pub const UNSURE_SHOWN: char = '\u{E002}';

/// Opens a Word table cell holding a number changed by tracked changes not yet
/// accepted or rejected (`w:ins`, `w:del`, `w:moveTo`, `w:moveFrom`): its
/// readings are the text with the changes accepted, then rejected.
pub const UNSURE_REVISED: char = '\u{E003}';

/// Opens a Word table cell whose column is not certain: merged across with its
/// neighbour by the legacy `w:hMerge`, or in a row with more cells than the
/// table has columns (`w:gridBefore`, extra cells). Readings: its numbers, 「空白」.
pub const UNSURE_COLUMN: char = '\u{E004}';

/// Whether `c` opens an unsure cell ([`UNSURE_CELL`], [`UNSURE_SHOWN`],
/// [`UNSURE_REVISED`], [`UNSURE_COLUMN`]).
pub fn is_unsure(c: char) -> bool {
    c == UNSURE_CELL || c == UNSURE_SHOWN || c == UNSURE_REVISED || c == UNSURE_COLUMN
}

/// Why a cell opened by `marker` is unread.
pub fn unsure_reason(marker: char) -> &'static str {
    match marker {
        UNSURE_SHOWN => "原文的样式太复杂（或随屏幕等条件而变），无法确定这一格的内容是否显示",
        UNSURE_REVISED => "原文这一格有未接受的修订（插入、删除或移动），接受与拒绝修订时数字不同",
        UNSURE_COLUMN => "原文这一行的单元格与表格的列对不齐（横向合并或多出的格），无法确定数字属于哪一列",
        _ => "数字压在两行之间的线上或行间，无法确定属于哪一行",
    }
}

/// A table cell holding text the document may or may not show, as the row reader
/// takes it: [`UNSURE_SHOWN`] and its readings, the text shown and not shown
/// (「空白」 when nothing is left). A cell of words (a row label 「1.属于国家秘密」),
/// not a number, keeps its text as shown.
pub fn unsure_shown_cell(shown: &str, hidden: &str) -> String {
    unsure_readings_cell(UNSURE_SHOWN, shown, &[hidden])
}

/// A table cell of uncertain reading opened by `marker`, with the readings
/// `first` (what is read in body text) and `others`, whitespace removed,
/// each once (「空白」 for an empty other). A cell of words (a row label), not a
/// number, keeps `first` as its text.
pub fn unsure_readings_cell(marker: char, first: &str, others: &[&str]) -> String {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let shown = squeeze(first);
    let words = shown.chars().filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c) && !"件个人次项元万角分".contains(*c)).count();
    if words >= 2 {
        return shown;
    }
    let mut readings = vec![shown];
    for other in others {
        let other = squeeze(other);
        let other = if other.is_empty() { "空白".to_string() } else { other };
        if !readings.contains(&other) {
            readings.push(other);
        }
    }
    format!("{marker}{}", readings.join(" "))
}

/// A cell's text that says it is unsure, with its readings (see [`UNSURE_CELL`]).
pub fn unsure_cell(readings: &[String]) -> String {
    format!("{UNSURE_CELL}{}", readings.join(" "))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ch {
    /// Normalized (ASCII digits and signs, `（` for `(`).
    pub c: char,
    /// As in the source.
    pub orig: char,
    pub gap: Gap,
    /// Index of the source line, and of the character in it.
    pub line: u32,
    pub col: u32,
}

/// A document as a reader produced it: the text and each line's place.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub text: String,
    /// One entry per line of `text` (missing ones are named by their number).
    pub places: Vec<String>,
}

impl Source {
    /// A plain text: places are line numbers.
    pub fn plain(text: &str) -> Source {
        Source { text: text.to_string(), places: Vec::new() }
    }

    /// Where a character is: the reader's place for its line, else the line
    /// number (and the character's position in a long line).
    pub fn place(&self, line: u32, col: u32) -> String {
        match self.places.get(line as usize) {
            Some(p) => p.clone(),
            None if col > 80 => format!("第 {} 行第 {} 字", line + 1, col + 1),
            None => format!("第 {} 行", line + 1),
        }
    }
}

/// The normalized character: ASCII digits, signs and points for their full-width forms.
pub fn normalize(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        '／' => '/',
        '(' => '（',
        ')' => '）',
        '\u{00A0}' | '\u{3000}' | '\u{200B}' | '\u{FEFF}' => ' ',
        _ => c,
    }
}

/// The stream of a source's text.
pub fn stream(text: &str) -> Vec<Ch> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut gap = Gap::Line;
    let mut line = 0u32;
    let mut col = 0u32;
    // A cell just opened by a tab and still empty.
    let mut open_cell = false;
    for raw in text.chars() {
        let c = normalize(raw);
        col += u32::from(raw != '\n');
        match c {
            '\t' => {
                if open_cell {
                    out.push(Ch { c: EMPTY_CELL, orig: EMPTY_CELL, gap: Gap::Cell, line, col });
                }
                gap = Gap::Cell;
                open_cell = true;
            }
            '\n' => {
                // A tab with nothing after it on its line is an empty cell.
                if open_cell {
                    out.push(Ch { c: EMPTY_CELL, orig: EMPTY_CELL, gap: Gap::Cell, line, col });
                    open_cell = false;
                }
                line += 1;
                col = 0;
                gap = gap.max(Gap::Line);
            }
            c if c.is_whitespace() || c.is_control() => gap = gap.max(Gap::Space),
            c => {
                out.push(Ch { c, orig: raw, gap, line, col });
                gap = Gap::None;
                open_cell = false;
            }
        }
    }
    out
}

/// Characters that only separate or decorate: ignored when labels are compared.
pub fn is_punctuation(c: char) -> bool {
    is_blank_cell(c)
        || is_unsure(c)
        || (c.is_ascii_punctuation() && c != '/')
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '「'
                | '」'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '…'
                | '·'
                | '—'
                | '–'
                | '～'
                | '『'
                | '』'
        )
}

/// The stream's text from `from` to `to`, with a line break where the source had
/// one and a space only between two ASCII letters or digits.
pub fn text_of(s: &[Ch], from: usize, to: usize) -> String {
    let mut out = String::new();
    let to = to.min(s.len());
    let mut prev: Option<char> = None;
    let mut prev_line = None;
    for ch in s.get(from..to).unwrap_or(&[]) {
        if is_blank_cell(ch.c) || is_unsure(ch.c) {
            continue;
        }
        if prev.is_some() {
            match ch.gap {
                Gap::Line => out.push('\n'),
                // A line starting with a cell is a line of its own all the same (a 落款
                // typed in a table, a PDF's 「临江县司法局  2025年1月15日」 drawn apart).
                Gap::Cell if prev_line != Some(ch.line) => out.push('\n'),
                Gap::Cell => out.push(' '),
                Gap::Space if prev.is_some_and(|p| p.is_ascii_alphanumeric()) && ch.c.is_ascii_alphanumeric() => out.push(' '),
                _ => {}
            }
        }
        out.push(ch.orig);
        prev = Some(ch.c);
        prev_line = Some(ch.line);
    }
    out.trim().to_string()
}

/// The compact text (no gaps at all) from `from` to `to`.
pub fn compact(s: &[Ch], from: usize, to: usize) -> String {
    s.get(from..to.min(s.len())).unwrap_or(&[]).iter().filter(|c| !is_blank_cell(c.c) && !is_unsure(c.c)).map(|c| c.c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_goes_and_cells_stay() {
        let s = stream("\t自\n\n然\n\n人\n\t\n\t１２\n");
        assert_eq!(compact(&s, 0, s.len()), "自然人12");
        assert_eq!(s[0].gap, Gap::Line.max(Gap::Cell));
        assert_eq!(s[1].gap, Gap::Line);
        assert_eq!(s[3].c, EMPTY_CELL);
        assert_eq!(s[4].gap, Gap::Cell);
        assert_eq!(s[4].line, 6);
        assert_eq!(text_of(&stream("第一段\n第二 段 www. a b"), 0, 100), "第一段\n第二段www.a b");
    }

    #[test]
    fn a_line_starting_with_a_cell_is_still_a_line_of_its_own() {
        // As a PDF writes a right-aligned 落款 whose unit and date stand apart:
        // the line after a paragraph opens with a cell; in body text it stays
        // its own line, its cells a space apart.
        let s = stream("合计人民币300.00元。\n\t临江县司法局\t2025年1月15日\n");
        assert_eq!(text_of(&s, 0, s.len()), "合计人民币300.00元。\n临江县司法局 2025年1月15日");
        // A 落款 typed in a borderless table; a table's row stays one line.
        let s = stream("无。\n\t临江县民政局\n\t2025年1月20日");
        assert_eq!(text_of(&s, 0, s.len()), "无。\n临江县民政局\n2025年1月20日");
        let s = stream("（一）予以公开\t1\t2");
        assert_eq!(text_of(&s, 0, s.len()), "（一）予以公开 1 2");
    }
}
