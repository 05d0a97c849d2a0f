//! Body text (title, 前言, parts 一, 五 and 六) with a table's unsure cell in it.
//!
//! A reader marks a number it cannot place for sure as an unsure cell
//! ([`UNSURE_CELL`]: a PDF's digits drawn pulled apart,
//! [`UNSURE_SHOWN`](crate::import::stream::UNSURE_SHOWN): text
//! a page may or may not show), followed by its readings. The row reader
//! leaves such a cell unread; body text has no cell to leave unread, so it
//! reads the text as the document draws it — for [`UNSURE_CELL`] the last
//! reading, every piece joined in drawing order (the glyphs drawn, no more, no
//! fewer), for the others the first, the text as shown (a Word cell's with its
//! tracked changes accepted) — and each such
//! place is listed for review with all its readings. The readings are never
//! written into the text one after another (「0571-8888 6 86 000」).

use crate::import::Review;
use crate::import::labels::Doc;
use crate::import::stream::{Ch, Gap, Source, UNSURE_CELL, is_unsure, text_of};

/// Written as a reading of a cell that may be blank.
const BLANK: &str = "空白";

/// An unsure cell in body text: where its marker is, the readings, the one read.
struct Unsure {
    at: usize,
    end: usize,
    readings: Vec<String>,
    read: String,
}

/// The unsure cell opened at `s[at]`: its readings space apart, up to the next
/// cell or line (as the row reader takes it) or, in running text, to the first
/// word that is no reading (a number or 「空白」).
fn cell(s: &[Ch], at: usize, to: usize) -> Unsure {
    let mut end = at + 1;
    let mut readings: Vec<String> = Vec::new();
    while end < to && s[end].gap <= Gap::Space && !is_unsure(s[end].c) {
        let mut word = end + 1;
        while word < to && s[word].gap == Gap::None && !is_unsure(s[word].c) {
            word += 1;
        }
        let reading: String = s[end..word].iter().map(|c| c.orig).collect();
        let number = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '%' | '/');
        if reading != BLANK && !s[end..word].iter().all(|c| number(c.c)) {
            break;
        }
        readings.push(reading);
        end = word;
    }
    let read = if s[at].c == UNSURE_CELL { readings.last() } else { readings.first() };
    let read = read.filter(|r| *r != BLANK).cloned().unwrap_or_default();
    Unsure { at, end, readings, read }
}

fn cells(s: &[Ch], from: usize, to: usize) -> Vec<Unsure> {
    let to = to.min(s.len());
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if is_unsure(s[i].c) {
            let u = cell(s, i, to);
            i = u.end;
            out.push(u);
        } else {
            i += 1;
        }
    }
    out
}

/// The body text from `from` to `to`, each unsure cell read as drawn, without
/// a browser's print header and footer (never the report's text).
pub(super) fn text(doc: &Doc, from: usize, to: usize) -> String {
    let chrome = super::chrome::browser_print(doc, from, to);
    if chrome.is_empty() {
        return text_as_drawn(doc, from, to);
    }
    let mut parts = Vec::new();
    let mut at = from;
    for (a, b) in chrome.into_iter().chain([(to, to)]) {
        let part = text_as_drawn(doc, at, a);
        if !part.is_empty() {
            parts.push(part);
        }
        at = b;
    }
    parts.join("\n")
}

/// The text from `from` to `to`, each unsure cell read as drawn.
fn text_as_drawn(doc: &Doc, from: usize, to: usize) -> String {
    let s = &doc.s;
    let to = to.min(s.len());
    let found = cells(s, from, to);
    if found.is_empty() {
        return doc.text(from, to);
    }
    let mut out: Vec<Ch> = Vec::with_capacity(to.saturating_sub(from));
    let mut i = from;
    for u in &found {
        out.extend_from_slice(&s[i..u.at]);
        let marker = s[u.at];
        for (k, c) in u.read.chars().enumerate() {
            let gap = if k == 0 { marker.gap } else { Gap::None };
            out.push(Ch { c: crate::import::stream::normalize(c), orig: c, gap, ..marker });
        }
        i = u.end;
    }
    out.extend_from_slice(&s[i.min(to)..to]);
    text_of(&out, 0, out.len())
}

/// A review item for each unsure cell from `from` to `to` in `part` (「前言」).
pub(super) fn doubts(doc: &Doc, source: &Source, from: usize, to: usize, part: &str, review: &mut Vec<Review>) {
    for u in cells(&doc.s, from, to) {
        let ch = doc.s[u.at];
        let read = if u.read.is_empty() { BLANK } else { u.read.as_str() };
        review.push(Review {
            place: source.place(ch.line, ch.col),
            message: format!(
                "{part}中的一个数无法确定怎样读（可能是 {}），已按原文的字读作「{read}」，请对照原文核对",
                u.readings.join("、")
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::stream::{UNSURE_CELL, unsure_cell};

    #[test]
    fn an_unsure_number_in_body_text_reads_as_drawn_and_is_listed() {
        // A phone whose last digit and the next number were drawn pulled apart.
        let torn = unsure_cell(&["8".into(), "6".into(), "86".into()]);
        let text = format!("电话：0571-888{torn}\t000；邮编：311300。");
        let doc = Doc::new(&text);
        let got = super::text(&doc, 0, doc.len());
        assert_eq!(got, "电话：0571-88886 000；邮编：311300。");
        assert!(!got.contains("6 86"), "{got}");
        let mut review = Vec::new();
        doubts(&doc, &Source::plain(&text), 0, doc.len(), "前言", &mut review);
        assert_eq!(review.len(), 1);
        assert!(review[0].message.contains("8、6、86") && review[0].message.contains("前言"), "{:?}", review[0]);
        // Shown or not (a web page's style): the text as shown.
        let shown = crate::import::stream::unsure_shown_cell("132", "");
        let doc = Doc::new(&format!("共 {shown} 件。"));
        assert_eq!(super::text(&doc, 0, doc.len()), "共132件。");
        // Text without unsure cells is the document's text.
        let doc = Doc::new("无。\n某局");
        assert_eq!(super::text(&doc, 0, doc.len()), doc.text(0, doc.len()));
        assert!(!super::text(&Doc::new(&format!("{UNSURE_CELL}{BLANK}")), 0, 9).contains(BLANK));
    }
}
