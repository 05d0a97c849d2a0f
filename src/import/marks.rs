//! Marks set beside the text rather than in it: a superscript or subscript
//! (a footnote's number, 「132²」). Printed small and raised, it is no digit of
//! the number it follows; read as plain text it would be (「1322」). Every
//! reader that knows such a mark (web page, Word) writes it as a note in
//! brackets, 「132（上标：2）」, which the row reader keeps out of the number
//! and lists for review, as it does 「22（其中修订16件）」.

/// A raised or lowered mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Superscript,
    Subscript,
}

impl Mark {
    fn name(self) -> &'static str {
        match self {
            Mark::Superscript => "上标",
            Mark::Subscript => "下标",
        }
    }
}

/// Whether a mark starting now must be written as a note: inside a table
/// cell always, elsewhere when it follows a digit (a number's footnote); a
/// raised letter in running text (「m²」) stays as it was.
pub fn as_note(in_cell: bool, before: &str) -> bool {
    in_cell
        || before
            .trim_end_matches([' ', '\u{3000}', '\u{A0}'])
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Opens the note for a mark.
pub fn open(out: &mut String, mark: Mark) {
    out.push('（');
    out.push_str(mark.name());
    out.push('：');
}

/// Closes the note opened at `at` (the text's length before [`open`]); a
/// note with nothing in it (not even a line break) is taken back.
pub fn close(out: &mut String, at: usize, mark: Mark) {
    let opened = '（'.len_utf8() + mark.name().len() + '：'.len_utf8();
    if out.get(at + opened..).is_some_and(|inside| inside.chars().all(|c| c.is_whitespace() && c != '\n')) {
        out.truncate(at);
    } else {
        out.push('）');
    }
}

/// Text whose showing the document leaves undecided, in a table cell, is
/// written between these: the row reader takes no number from such a cell
/// (it is listed as unread with the text), never reads it as if shown.
pub const UNSURE: (&str, &str) = ("〔显示与否不明：", "〕");

/// Writes text of undecided showing (see [`UNSURE`]).
pub fn unsure(out: &mut String, text: &str) {
    out.push_str(UNSURE.0);
    out.push_str(text);
    out.push_str(UNSURE.1);
}

/// A cell's text with parts of undecided showing (written by [`unsure`]) as the
/// row reader takes such a cell ([`crate::import::stream::unsure_shown_cell`]);
/// a cell without them as it is.
pub fn unsure_as_cell(cell: &str) -> String {
    if !cell.contains(UNSURE.0) {
        return cell.to_string();
    }
    let (mut shown, mut hidden, mut rest) = (String::new(), String::new(), cell);
    while let Some(a) = rest.find(UNSURE.0) {
        shown.push_str(&rest[..a]);
        hidden.push_str(&rest[..a]);
        let inside = &rest[a + UNSURE.0.len()..];
        let b = inside.find(UNSURE.1).unwrap_or(inside.len());
        shown.push_str(&inside[..b]);
        rest = inside.get(b + UNSURE.1.len()..).unwrap_or("");
    }
    shown.push_str(rest);
    hidden.push_str(rest);
    crate::import::stream::unsure_shown_cell(&shown, &hidden)
}

/// Whether the text has a digit (ASCII or full-width).
pub fn has_digit(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_is_a_note_beside_a_number_or_in_a_cell() {
        assert!(as_note(false, "收到申请132"));
        assert!(as_note(true, ""));
        assert!(!as_note(false, "面积100m"));
        let mut s = "132".to_string();
        open(&mut s, Mark::Superscript);
        s.push('2');
        close(&mut s, 3, Mark::Superscript);
        assert_eq!(s, "132（上标：2）");
        let mut s = "132".to_string();
        open(&mut s, Mark::Subscript);
        close(&mut s, 3, Mark::Subscript);
        assert_eq!(s, "132");
    }
}
