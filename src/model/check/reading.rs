//! A text as the text rules (S5, S17, S18) read it: as printed (hidden marks
//! left out, see `text::exported`), spaces dropped (「17 件」, 「2024 年」 as PDFs
//! and pasted text space them), paragraph breaks kept, full-width digits made
//! ASCII. Each character keeps its place in the field, so that a finding can
//! select the words it quotes.

use std::ops::Range;

use crate::model::text::{ascii_digits, exported};

pub(super) struct Reading {
    /// The characters read; paragraphs end with '\n'.
    pub chars: Vec<char>,
    /// For each of `chars`, its char index in the field's text.
    at: Vec<usize>,
}

/// Where a sentence ends.
const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '；', '!', '?'];
/// Where a clause of a sentence ends.
pub(super) const CLAUSE_ENDS: [char; 4] = ['，', '：', ',', ':'];

impl Reading {
    pub fn new(text: &str) -> Reading {
        let mut chars = Vec::new();
        let mut at = Vec::new();
        for (i, c) in text.chars().enumerate() {
            let c = if matches!(c, '\n' | '\u{2028}' | '\u{2029}') { Some('\n') } else { exported(c) };
            let Some(c) = c.filter(|c| *c == '\n' || !c.is_whitespace()) else { continue };
            let digit = ascii_digits(c.encode_utf8(&mut [0; 4])).chars().next().unwrap_or(c);
            chars.push(digit);
            at.push(i);
        }
        Reading { chars, at }
    }

    /// The characters `range` of the reading, as a string.
    pub fn text(&self, range: Range<usize>) -> String {
        self.chars[range].iter().collect()
    }

    /// `range` of the reading as char indices into the field's text.
    pub fn span(&self, range: Range<usize>) -> Range<usize> {
        match (self.at.get(range.start), range.end.checked_sub(1).and_then(|e| self.at.get(e))) {
            (Some(&s), Some(&e)) if range.start < range.end => s..e + 1,
            (Some(&s), _) => s..s,
            _ => 0..0,
        }
    }

    /// `range` without the marks that end it (，。； …).
    pub fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        let mut end = range.end;
        while end > range.start && ends_a_clause(self.chars[end - 1]) {
            end -= 1;
        }
        range.start..end
    }

    /// The sentences (ending with 。！？； or a line break, the mark included).
    pub fn sentences(&self) -> Vec<Range<usize>> {
        split(&self.chars, 0..self.chars.len(), |c| c == '\n' || SENTENCE_ENDS.contains(&c))
    }
}

fn ends_a_clause(c: char) -> bool {
    c == '\n' || SENTENCE_ENDS.contains(&c) || CLAUSE_ENDS.contains(&c)
}

/// `range` cut after every character `end` accepts; empty pieces are dropped.
pub(super) fn split(chars: &[char], range: Range<usize>, end: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        if end(chars[i]) {
            if i > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out.retain(|r| !(r.len() == 1 && end(chars[r.start])));
    out
}

/// Whether `c` is a Chinese character (CJK unified ideographs and extensions).
pub(super) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// A quote for a message: at most `max` characters, cut with 「…」.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max { text.to_string() } else { text.chars().take(max).chain(std::iter::once('…')).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_printed_and_finds_its_way_back() {
        let text = "受理政府\n信息公开申请 １７ 件。\u{200B}均已答复";
        let r = Reading::new(text);
        assert_eq!(r.text(0..r.chars.len()), "受理政府\n信息公开申请17件。均已答复");
        let sentences = r.sentences();
        assert_eq!(sentences.len(), 3);
        assert_eq!(r.text(sentences[1].clone()), "信息公开申请17件。");
        let chars: Vec<char> = text.chars().collect();
        let span = r.span(sentences[1].clone());
        assert_eq!(chars[span].iter().collect::<String>(), "信息公开申请 １７ 件。");
        assert_eq!(shorten("一二三四", 2), "一二…");
    }
}
