//! Breaking shaped text into lines: CJK line breaking with 避头尾 (line-start and
//! line-end prohibitions), Latin words and numbers kept whole unless a line would be
//! left short, and justification by spacing the gaps between characters.

use super::page::TextRun;
use super::text::{Glyph, is_cjk};

/// May not begin a line (closing punctuation, 、。 and friends).
pub const NO_START: &str = "，。、；：？！）》」』】〕〗〉…’”％‰℃·．,.;:?!)]}%、・々〆ーゝゞ";
/// May not end a line (opening punctuation).
pub const NO_END: &str = "（《「『【〔〖〈‘“([{";

thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one unit of line-breaking work (a break candidate examined).
pub(crate) fn count_work(n: u64) {
    WORK.with(|w| w.set(w.get() + n));
}

/// Break candidates examined on this thread so far: tests compare it with the
/// length of the input to prove that breaking is linear.
pub fn work_done() -> u64 {
    WORK.with(|w| w.get())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// One CJK character or full-width punctuation mark: a break may follow.
    Cjk,
    /// A Latin word or number: never broken (unless wider than a line).
    Word,
    /// A space: a break opportunity, dropped at line ends.
    Space,
}

#[derive(Clone, Debug, PartialEq)]
struct Token {
    kind: Kind,
    glyphs: Vec<Glyph>,
    width: f32,
}

impl Token {
    fn first(&self) -> char {
        self.glyphs[0].ch
    }
    fn last(&self) -> char {
        self.glyphs[self.glyphs.len() - 1].ch
    }
}

/// A set line: its tokens and natural width.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    tokens: Vec<Token>,
    pub width: f32,
    /// The last line of its paragraph (never justified).
    pub last: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Left, with every line but the last stretched to the full width.
    Justify,
}

fn tokenize(glyphs: Vec<Glyph>, max_width: f32) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for g in glyphs {
        let kind = if g.ch == ' ' {
            Kind::Space
        } else if is_cjk(g.ch) {
            Kind::Cjk
        } else {
            Kind::Word
        };
        match tokens.last_mut() {
            Some(t) if kind == Kind::Word && t.kind == Kind::Word => {
                t.width += g.advance;
                t.glyphs.push(g);
            }
            _ => tokens.push(Token { kind, width: g.advance, glyphs: vec![g] }),
        }
    }
    // A word wider than a whole line may break anywhere.
    tokens
        .into_iter()
        .flat_map(|t| {
            if t.kind == Kind::Word && t.width > max_width {
                t.glyphs.into_iter().map(|g| Token { kind: Kind::Word, width: g.advance, glyphs: vec![g] }).collect()
            } else {
                vec![t]
            }
        })
        .collect()
}

/// Whether a line may break between `before` and `after`.
fn can_break(before: &Token, after: &Token) -> bool {
    if after.kind == Kind::Space {
        return true;
    }
    if NO_START.contains(after.first()) {
        return false;
    }
    if before.kind == Kind::Space || (before.kind == Kind::Word && after.kind == Kind::Word) {
        return true; // a space, or pieces of a word split to fill a line
    }
    if NO_END.contains(before.last()) {
        return false;
    }
    // 破折号 “——” stays on one line.
    !(before.last() == '—' && after.first() == '—')
}

/// Where a Latin word or number may break when it must: after these.
const WORD_BREAKS: &str = "/.-_@?&=:;,";

/// Splits `word` so that its first piece is as long as fits in `room`, breaking
/// after a URL or number separator when that still fills the room to within `em`,
/// else after any character. None: not even one character fits.
fn split_word(word: &Token, room: f32, em: f32) -> Option<(Token, Token)> {
    let mut fit = 0;
    let mut w = 0.0;
    for g in &word.glyphs {
        if w + g.advance > room + 0.01 {
            break;
        }
        w += g.advance;
        fit += 1;
    }
    if fit == 0 || fit == word.glyphs.len() {
        return None;
    }
    let mut cut = fit;
    let mut left = room - w;
    for k in (1..fit).rev() {
        left += word.glyphs[k].advance;
        if left > em {
            break;
        }
        if WORD_BREAKS.contains(word.glyphs[k - 1].ch) {
            cut = k;
            break;
        }
    }
    let piece = |g: &[Glyph]| Token { kind: Kind::Word, width: g.iter().map(|g| g.advance).sum(), glyphs: g.to_vec() };
    Some((piece(&word.glyphs[..cut]), piece(&word.glyphs[cut..])))
}

/// Breaks shaped text into lines: the first line `first_width` wide, the rest `width`.
/// Lines are filled greedily; a Latin word or number that would leave more than one
/// 字 empty at the end of a line is split to fill it; 避头尾 moves a break back.
pub fn break_lines(glyphs: Vec<Glyph>, first_width: f32, width: f32) -> Vec<Line> {
    let em = glyphs.iter().map(|g| g.advance).fold(0.0, f32::max);
    let mut tokens: std::collections::VecDeque<Token> = tokenize(glyphs, first_width.min(width)).into();
    let mut lines = Vec::new();
    loop {
        while tokens.front().is_some_and(|t| t.kind == Kind::Space) {
            tokens.pop_front();
        }
        if tokens.is_empty() {
            break;
        }
        let avail = if lines.is_empty() { first_width } else { width };
        let mut line: Vec<Token> = Vec::new();
        let mut used = 0.0;
        while let Some(t) = tokens.front() {
            count_work(1);
            if t.kind == Kind::Space || used + t.width <= avail + 0.01 || line.is_empty() {
                used += t.width;
                line.push(tokens.pop_front().expect("front exists"));
                continue;
            }
            if t.kind == Kind::Word
                && avail - used > em + 0.01
                && let Some((head, tail)) = split_word(t, avail - used, em)
            {
                tokens[0] = tail;
                line.push(head);
            }
            break;
        }
        // 避头尾: move the break back until it is allowed (Word's “push out”). A
        // Latin word or number in the way gives up its end rather than moving down
        // whole and leaving the line short.
        if let Some(next) = tokens.front() {
            let mut back = line.len();
            while back > 1 && !can_break(&line[back - 1], if back == line.len() { next } else { &line[back] }) {
                count_work(1);
                let t = &line[back - 1];
                if t.kind == Kind::Word
                    && t.width > em
                    && let Some((head, tail)) = split_word(t, t.width - t.glyphs[t.glyphs.len() - 1].advance, em)
                {
                    line[back - 1] = head;
                    line.insert(back, tail);
                    break;
                }
                back -= 1;
            }
            let allowed = back == line.len() || can_break(&line[back - 1], &line[back]);
            if back < line.len() && allowed {
                for t in line.drain(back..).rev() {
                    tokens.push_front(t);
                }
            }
        }
        lines.push(make_line(&line, tokens.iter().all(|t| t.kind == Kind::Space)));
    }
    if lines.is_empty() {
        lines.push(Line { tokens: Vec::new(), width: 0.0, last: true });
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

fn make_line(tokens: &[Token], last: bool) -> Line {
    let mut tokens = tokens.to_vec();
    while tokens.last().is_some_and(|t| t.kind == Kind::Space) {
        tokens.pop();
    }
    let width = tokens.iter().map(|t| t.width).sum();
    Line { tokens, width, last }
}

/// One glyph per line, for the vertical 「三、本年度办理结果」 cell.
pub fn vertical_lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let n = glyphs.len();
    glyphs
        .into_iter()
        .enumerate()
        .map(|(i, g)| make_line(&[Token { kind: Kind::Cjk, width: g.advance, glyphs: vec![g] }], i + 1 == n))
        .collect()
}

impl Line {
    /// The line's characters as text.
    pub fn text(&self) -> String {
        self.tokens.iter().flat_map(|t| t.glyphs.iter().map(|g| g.ch)).collect()
    }

    /// Positions the line in a box starting at `x`, `box_width` wide, on `baseline`.
    pub fn runs(&self, x: f32, baseline: f32, box_width: f32, align: Align, size: f32) -> Vec<TextRun> {
        let gaps = self.tokens.len().saturating_sub(1);
        let glyphs: usize = self.tokens.iter().map(|t| t.glyphs.len()).sum();
        let slack = (box_width - self.width).max(0.0);
        // `gap`: after every token (a CJK character, a word, a space); `letter`:
        // after every glyph, when a line of few tokens (a long URL) would gape.
        let (mut gap, mut letter) = (0.0, 0.0);
        let mut left = x;
        match align {
            Align::Left => {}
            Align::Center => left += slack / 2.0,
            Align::Right => left += slack,
            Align::Justify if !self.last => {
                if gaps > 0 && slack / gaps as f32 <= size {
                    gap = slack / gaps as f32;
                } else if glyphs > 1 && slack / (glyphs - 1) as f32 <= size {
                    letter = slack / (glyphs - 1) as f32;
                }
            }
            Align::Justify => {}
        }
        // A glyph joins the previous run when it continues exactly where that run ends.
        let mut runs: Vec<TextRun> = Vec::new();
        let mut run_end = f32::NAN;
        let mut pen = left;
        for (i, token) in self.tokens.iter().enumerate() {
            if token.kind == Kind::Space {
                pen += token.width + letter * token.glyphs.len() as f32;
            } else {
                let gap = if token.kind == Kind::Cjk { gap } else { 0.0 };
                for g in &token.glyphs {
                    let spacing = gap + letter + g.squeeze;
                    match runs.last_mut() {
                        Some(r) if r.face == g.face && r.spacing == spacing && (run_end - pen).abs() < 0.001 => r.text.push(g.ch),
                        _ => runs.push(TextRun { x: pen, y: baseline, size, face: g.face, text: g.ch.to_string(), spacing }),
                    }
                    pen += g.advance + gap + letter;
                    run_end = pen;
                }
            }
            // The gap after a CJK character is its run's spacing; other tokens add it here.
            if token.kind != Kind::Cjk && i + 1 < self.tokens.len() {
                pen += gap;
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Role};
    use crate::layout::text::{Missing, Style, on_grid, shape};

    fn lines(text: &str, chars_per_line: f32) -> Vec<String> {
        let fonts = FontSet::bundled();
        let style = Style { role: Role::Body, size: 16.0 };
        let glyphs = shape(fonts, text, style, "测试", &mut Missing::default());
        break_lines(glyphs, chars_per_line * 16.0, chars_per_line * 16.0).iter().map(Line::text).collect()
    }

    #[test]
    fn on_the_body_grid_a_line_holds_28_characters() {
        use crate::layout::style::{BODY_SIZE, BODY_WIDTH, CHAR_PITCH, CHARS_PER_LINE};
        let style = Style { role: Role::Body, size: BODY_SIZE };
        let mut glyphs = shape(FontSet::bundled(), &"政".repeat(100), style, "测试", &mut Missing::default());
        on_grid(&mut glyphs, BODY_SIZE, CHAR_PITCH);
        let ls = break_lines(glyphs, BODY_WIDTH, BODY_WIDTH);
        assert!(ls[..3].iter().all(|l| l.text().chars().count() == CHARS_PER_LINE), "{:?}", ls[0].text());
        // Drawn at the font's 16 pt with negative spacing, the line ends at the edge.
        let runs = ls[0].runs(0.0, 0.0, BODY_WIDTH, Align::Justify, BODY_SIZE);
        assert!((runs[0].spacing - (CHAR_PITCH - BODY_SIZE)).abs() < 0.01, "{}", runs[0].spacing);
    }

    #[test]
    fn fills_lines_of_full_width_characters() {
        assert_eq!(lines("一二三四五六七八九十", 4.0), vec!["一二三四", "五六七八", "九十"]);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        // The comma would start line 2: 一二三 moves down with it.
        assert_eq!(lines("一二三四，五六七八", 4.0), vec!["一二三", "四，五六", "七八"]);
        assert_eq!(lines("一二三四。", 4.0), vec!["一二三", "四。"]);
        assert_eq!(lines("一二三《四五》六", 4.0), vec!["一二三", "《四五》", "六"]);
    }

    #[test]
    fn no_line_ends_with_opening_punctuation() {
        assert_eq!(lines("一二三（四五）", 4.0), vec!["一二三", "（四五）"]);
    }

    #[test]
    fn latin_words_stay_whole_unless_a_line_would_be_left_short() {
        // Room for the whole number: it stays whole.
        let l = lines("电话0533-6195137，地址", 9.0);
        assert!(l.iter().any(|s| s.contains("0533-6195137")), "{l:?}");
        // Carrying the address over would leave more than one 字 empty: it breaks
        // after a separator.
        let l = lines("请发送至 tjj@example.gov.cn 邮箱", 12.0);
        assert_eq!(l, vec!["请发送至 tjj@example.gov.", "cn 邮箱"]);
        let l = lines("一二三四五六七八九十0533-6195137", 12.0);
        assert_eq!(l, vec!["一二三四五六七八九十0533", "-6195137"], "no separator in the last 字: any character");
        // Less than one 字 left: the word moves down whole.
        let l = lines("一二三四五六七八九十十一 tjj@example.gov.cn", 12.0);
        assert_eq!(l, vec!["一二三四五六七八九十十一", "tjj@example.gov.cn"]);
    }

    #[test]
    fn a_word_longer_than_a_line_breaks_anyway() {
        let l = lines("https://www.example.gov.cn/xxgk/ndbg/2024/index.html", 8.0);
        assert!(l.len() > 1);
        assert_eq!(l.concat(), "https://www.example.gov.cn/xxgk/ndbg/2024/index.html");
    }

    #[test]
    fn dashes_and_ellipses_are_not_split() {
        assert_eq!(lines("一二三——四", 4.0), vec!["一二三", "——四"]);
        assert_eq!(lines("一二三……", 4.0), vec!["一二", "三……"]);
    }

    #[test]
    fn justified_lines_fill_the_width_exactly() {
        let fonts = FontSet::bundled();
        let style = Style { role: Role::Body, size: 16.0 };
        let glyphs = shape(fonts, "一二三四，五六七八九十", style, "测试", &mut Missing::default());
        let ls = break_lines(glyphs, 64.0, 64.0);
        assert_eq!(ls[0].text(), "一二三");
        let runs = ls[0].runs(100.0, 50.0, 64.0, Align::Justify, 16.0);
        assert_eq!(runs.len(), 1, "one face, one run");
        let r = &runs[0];
        // 3 glyphs of 16 pt plus two gaps of 8 pt: the last glyph ends at 164.
        assert!((r.spacing - 8.0).abs() < 0.01, "{}", r.spacing);
        assert!((r.x + 3.0 * 16.0 + 2.0 * r.spacing - 164.0).abs() < 0.01);
        // The last line is not stretched.
        let last = ls.last().unwrap().runs(100.0, 50.0, 64.0, Align::Justify, 16.0);
        assert!(last.iter().all(|r| r.spacing == 0.0));
    }
}
