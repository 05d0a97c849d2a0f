//! A row's text cut into tokens: numbers, dashes, empty, odd and unsure
//! cells, each with its place; a unit or a note in brackets after a number.

use crate::import::labels::is_numeral;
use crate::import::stream::{Ch, EMPTY_CELL, Gap, compact, is_blank_cell, is_unsure, unsure_reason};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Number,
    /// 「/」「—」「-」「无」: printed to say there is nothing.
    Dash,
    /// A cell with nothing in it.
    Empty,
    /// A cell shown blank though it holds text ([`crate::import::stream::HIDDEN_CELL`]):
    /// read as blank, never dropped as a merged label's empty cell.
    Blank,
    /// A cell of the source holding something else (「约1」「①」「5*」).
    Other,
    /// A cell the reader marked unsure ([`super::stream::UNSURE_CELL`]): `text`
    /// its readings, space apart; why.
    Unsure(&'static str),
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) kind: Kind,
    /// Normalized: ASCII digits, point and sign, no thousands separators.
    pub(super) text: String,
    pub(super) raw: String,
    pub(super) line: u32,
    pub(super) col: u32,
    /// Opens a cell of the source (after a tab): a number so placed is the
    /// whole of one cell, never digits of several run together.
    pub(super) whole: bool,
}

pub(super) const UNITS: [&str; 7] = ["万元", "元", "件", "个", "项", "条", "次"];
/// The longest run of joined digits considered (a whole table 四 row is 15 numbers).
pub(super) const MAX_RUN: usize = 240;
/// The longest number (1万亿 has 13 digits).
pub(super) const MAX_DIGITS: usize = 16;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// The tokens, the unit, where the label's notes and the numbers end, the notes.
pub(super) type Tokens = (Vec<Token>, Option<String>, (usize, usize), Vec<String>);

/// The row's tokens; at most `n` cells of the source are taken as odd ones.
pub(super) fn tokens(s: &[Ch], from: usize, to: usize, n: usize) -> Tokens {
    let mut out: Vec<Token> = Vec::new();
    let mut unit = None;
    let mut notes = Vec::new();
    let mut i = from;
    // Closing marks and notes in brackets right after the label belong to it
    // (「部分公开（上标：1）（区分处理的……）」: a mark, then the label's own note).
    while i < to && matches!(s[i].c, '）' | '”' | '’' | '》' | '」' | ':' | '：') {
        i += 1;
    }
    let first = i;
    // Further notes only in the label's own cell: a bracket in the next cell may be a number's.
    while i < to && s[i].c == '（' && (i == first || s[i].gap < Gap::Cell) {
        match skip_brackets(s, i, to) {
            Some(after) if after > i => i = after,
            _ => break,
        }
    }
    let (notes_end, mut end) = (i, i);
    let row_line = s.get(from.saturating_sub(1)).map(|c| c.line);
    // The end of the cell opened at `i`: the next cell or line.
    let cell_end = |mut i: usize| {
        i += 1;
        while i < to && s[i].gap <= Gap::Space {
            i += 1;
        }
        i
    };
    while i < to {
        // A page number between the parts of a row in copied text: no number of it.
        if let Some(after) = page_number(s, i, to) {
            (i, end) = (after, after);
            continue;
        }
        let ch = s[i];
        let c = ch.c;
        let next = s.get(i + 1).filter(|n| n.gap == Gap::None).map(|n| n.c);
        if is_digit(c) || (matches!(c, '+' | '-' | '.') && next.is_some_and(is_digit)) {
            let start = i;
            let mut text = String::new();
            let mut raw = String::new();
            let mut full_width_comma = false;
            while i < to && (i == start || s[i].gap == Gap::None) {
                let c = s[i].c;
                let group_of_three = (1..=3).all(|k| s.get(i + k).is_some_and(|d| is_digit(d.c) && d.gap == Gap::None))
                    && !s.get(i + 4).is_some_and(|d| is_digit(d.c) && d.gap == Gap::None);
                // Only the ASCII comma: 「1，270」 (a full-width comma, what separates
                // items in Chinese text) may be two numbers, so that token is odd.
                let thousands = c == ',';
                if is_digit(c) || (c == '.' && !text.contains('.')) || (i == start && matches!(c, '+' | '-')) {
                    if c != '+' {
                        text.push(c);
                    }
                } else if thousands && group_of_three {
                } else if c == '，' && group_of_three && !text.contains('.') {
                    // 「2，988」: a thousands separator typed with a Chinese
                    // IME, or two numbers: the cell is unread ([`odd_readings`]).
                    full_width_comma = true;
                } else {
                    break;
                }
                raw.push(s[i].orig);
                i += 1;
            }
            let kind = if full_width_comma { Kind::Other } else { Kind::Number };
            out.push(Token { kind, text, raw, line: ch.line, col: ch.col, whole: ch.gap == Gap::Cell });
            end = i;
            // A cell of the source going on with something else (「5*」「1e2」): the cell is odd.
            if ch.gap == Gap::Cell
                && s.get(i).is_some_and(|c| c.gap == Gap::None && c.c != '（')
                && !UNITS.iter().any(|u| matches_at(s, i, to, u))
                && !opens_note(s, i, to)
            {
                i = cell_end(i);
                if let Some(t) = out.last_mut() {
                    (t.kind, t.raw) = (Kind::Other, compact(s, start, i));
                }
                end = i;
                continue;
            }
            // A unit, then a note in brackets: 「22（其中修订16件）」.
            for u in UNITS {
                if matches_at(s, i, to, u) {
                    if u.contains('元') {
                        unit = Some(u.to_string());
                    }
                    i += u.chars().count();
                    end = i;
                    break;
                }
            }
            if i < to
                && s[i].c == '（'
                && !bare_numeral(s, i, to)
                && let Some(after) = skip_brackets(s, i, to)
            {
                {
                    notes.push(compact(s, i, after));
                    if let Some(t) = out.last_mut() {
                        t.raw.push_str(&compact(s, i, after));
                    }
                    i = after;
                    end = i;
                }
            }
            if ch.gap == Gap::Cell && opens_note(s, i, to) {
                i = cell_note(s, i, cell_end(i), &mut notes, &mut out);
                end = i;
            }
            continue;
        }
        let dash = match c {
            '/' | '—' | '–' | '-' | '－' | '\\' => Some(1 + usize::from(next.is_some_and(|n| matches!(n, '—' | '-')))),
            '无' if next.is_none_or(|n| n <= '\u{2E80}') => Some(1),
            _ => None,
        };
        if let Some(n) = dash {
            out.push(Token {
                kind: Kind::Dash,
                text: String::new(),
                raw: compact(s, i, i + n),
                line: ch.line,
                col: ch.col,
                whole: ch.gap == Gap::Cell,
            });
            i += n;
            if ch.gap == Gap::Cell && opens_note(s, i, to) {
                i = cell_note(s, i, cell_end(i), &mut notes, &mut out);
            }
            end = i;
            continue;
        }
        if is_unsure(c) {
            let start = i;
            i = cell_end(i);
            let mut readings: Vec<String> = Vec::new();
            for ch in &s[start + 1..i] {
                match readings.last_mut() {
                    Some(r) if ch.gap == Gap::None => r.push(ch.c),
                    _ => readings.push(ch.c.to_string()),
                }
            }
            let raw = readings.join(" ");
            out.push(Token {
                kind: Kind::Unsure(unsure_reason(c)),
                text: raw.clone(),
                raw,
                line: ch.line,
                col: ch.col,
                whole: true,
            });
            end = i;
            continue;
        }
        if is_blank_cell(c) {
            out.push(Token {
                kind: if c == EMPTY_CELL { Kind::Empty } else { Kind::Blank },
                text: String::new(),
                raw: String::new(),
                line: ch.line,
                col: ch.col,
                whole: true,
            });
            i += 1;
            end = i;
            continue;
        }
        // Text opening a cell of its own on the row's line, while the row
        // still lacks cells: an odd cell (「约1」「①」), not the row's end.
        if ch.gap == Gap::Cell && Some(ch.line) == row_line && out.iter().filter(|t| t.whole).count() < n {
            let start = i;
            i = cell_end(i);
            let raw = compact(s, start, i);
            out.push(Token { kind: Kind::Other, text: String::new(), raw, line: ch.line, col: ch.col, whole: true });
            end = i;
            continue;
        }
        break;
    }
    (out, unit, (notes_end, end), notes)
}

/// The readings of a cell holding something other than a number: its one
/// number (「约1」「5*」), the value of a numeral (「〇」「十二」「⑩」), or, for
/// digit groups of three apart by full-width commas (「2，988」), the number
/// they make and each group; none for 「1e2」.
pub(super) fn odd_readings(raw: &str) -> Vec<String> {
    let runs: Vec<&str> = raw.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).collect();
    let groups: Vec<&str> = raw.trim().split('，').collect();
    let thousands = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    match runs.len() {
        0 => numeral_value(raw.trim()).map(|v| v.to_string()).into_iter().collect(),
        1 => vec![runs[0].to_string()],
        _ if thousands => std::iter::once(runs.concat().trim_start_matches('0').to_string())
            .filter(|j| !j.is_empty())
            .chain(runs.iter().map(|r| r.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The value of a count written in Chinese numerals (「〇」「十二」「一百零五」)
/// or as a circled digit (「⑩」), when that is all the text is.
fn numeral_value(text: &str) -> Option<u32> {
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        match c {
            '\u{24EA}' => return Some(0),
            '\u{2460}'..='\u{2473}' => return Some(c as u32 - 0x2460 + 1),
            '〇' | '零' => return Some(0),
            _ => {}
        }
    }
    let (mut total, mut digit, mut last_unit) = (0u32, None::<u32>, u32::MAX);
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '零' | '〇' if total > 0 && digit.is_none() => continue,
            _ => {
                let d = "〇一二三四五六七八九".chars().position(|x| x == c).or_else(|| (c == '两').then_some(2))?;
                if digit.is_some() {
                    return None;
                }
                digit = Some(d as u32);
                continue;
            }
        };
        // 「十二」 is 12, 「二百」 200; a unit no smaller than the one before is no number.
        if unit >= last_unit || (unit == 100 && digit.is_none()) {
            return None;
        }
        total += digit.take().unwrap_or(1) * unit;
        last_unit = unit;
    }
    (total > 0 || digit.is_some()).then(|| total + digit.unwrap_or(0))
}

/// Characters that make the text after a number part of the quantity
/// (「1万」「10余」「30左右」「10以上」「5个多」), never a note beside it.
const QUANTITY_WORDS: &str = "百千万亿零〇两余多来几左右上下以约近超逾不无";

/// Whether the text at `i`, in the cell of the number or dash before it, is a
/// note beside that number (「10 注1」「10备注」「10 说明」「10 注：含转办」):
/// words, not a part of the quantity.
fn opens_note(s: &[Ch], i: usize, to: usize) -> bool {
    i < to
        && s[i].gap <= Gap::Space
        && ('\u{4E00}'..='\u{9FFF}').contains(&s[i].c)
        && !is_numeral(s[i].c)
        && !QUANTITY_WORDS.contains(s[i].c)
}

/// Takes `s[i..end]`, the rest of the cell, as the note of the last token
/// (its digits, a footnote's 「注1」, are no numbers of the row); returns `end`.
fn cell_note(s: &[Ch], i: usize, end: usize, notes: &mut Vec<String>, out: &mut [Token]) -> usize {
    let note = compact(s, i, end);
    if let Some(t) = out.last_mut() {
        t.raw = format!("{} {note}", t.raw);
    }
    notes.push(note);
    end
}

/// The end of a page number (「—1—」「- 1 -」) standing alone on the line that
/// starts at `i`.
pub(super) fn page_number(s: &[Ch], i: usize, to: usize) -> Option<usize> {
    if s.get(i)?.gap != Gap::Line {
        return None;
    }
    let mut end = i + 1;
    while end < to && s[end].gap < Gap::Line {
        end += 1;
    }
    let dash = |c: char| matches!(c, '—' | '–' | '-');
    let line: Vec<char> = s[i..end].iter().map(|c| c.c).collect();
    let lead = line.iter().take_while(|c| dash(**c)).count();
    let trail = line.iter().rev().take_while(|c| dash(**c)).count();
    let digits = &line[lead.min(line.len())..line.len().saturating_sub(trail).max(lead)];
    (lead > 0 && trail > 0 && (1..=4).contains(&digits.len()) && digits.iter().all(|c| is_digit(*c))).then_some(end)
}

fn matches_at(s: &[Ch], i: usize, to: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, w)| i + k < to && s[i + k].c == w)
}

/// 「（三）」: the numbering of the next group, not a note.
fn bare_numeral(s: &[Ch], i: usize, to: usize) -> bool {
    let mut j = i + 1;
    while j < to && is_numeral(s[j].c) {
        j += 1;
    }
    j > i + 1 && j < to && s[j].c == '）'
}

/// The index after the bracket closing the one at `i` (at most 80 characters on).
fn skip_brackets(s: &[Ch], i: usize, to: usize) -> Option<usize> {
    let mut depth = 0;
    for (j, ch) in s.iter().enumerate().take(to.min(i + 80)).skip(i) {
        match ch.c {
            '（' => depth += 1,
            '）' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    None
}
