//! The text a web page's article is written into: table cells apart by tabs,
//! a line per row or paragraph, each line's place for messages.

/// Characters a browser draws as nothing within a line.
const INVISIBLE: [char; 6] = ['\u{AD}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}'];

#[derive(Default)]
pub(super) struct Writer {
    pub(super) text: String,
    pub(super) places: Vec<String>,
    pub(super) tables: usize,
    /// The current table's number and row, when inside one.
    pub(super) table: Vec<(usize, usize)>,
    pub(super) paragraphs: usize,
    pub(super) at_line_start: bool,
    /// Depth of table cells the writer is in.
    pub(super) in_cell: usize,
    /// Where the current (outermost) cell's text begins, and the parts of it
    /// whose showing the page leaves undecided, each with what the other
    /// reading has in its place (nothing, or the digits in their other order).
    pub(super) cell_from: usize,
    pub(super) unsure: Vec<(std::ops::Range<usize>, String)>,
    /// Rows a cell spanning down pushes past their table's last column (`grid`).
    pub(super) pushed_rows: std::collections::HashSet<ego_tree::NodeId>,
    /// Cells whose column, or place in their row, the page leaves undecided (`columns`, `order`).
    pub(super) unplaced: std::collections::HashSet<ego_tree::NodeId>,
    /// Where, in a cell, an element set apart by space begins or ends (`flow::Flow::Spaced`).
    pub(super) edge: Option<usize>,
    /// The current cell's texts with digits that a flex or grid layout may draw
    /// in another order (`order`), as written.
    pub(super) pieces: Vec<String>,
    /// The current cell holds text the page hides (`visibility`, `display` inside it).
    pub(super) hid: bool,
}

/// The most pieces of one cell whose every order is offered as a reading.
const MAX_ORDERED: usize = 3;

impl Writer {
    /// A cell holding text the page may or may not show: no number is taken
    /// from it; it is unread, its readings the text shown and not shown.
    pub(super) fn close_unsure_cell(&mut self) {
        let pieces = std::mem::take(&mut self.pieces);
        // A cell whose every text is hidden still takes its column: shown blank, never dropped.
        if std::mem::take(&mut self.hid) && self.text.get(self.cell_from..).is_some_and(|t| t.trim().is_empty()) {
            self.text.push(crate::import::stream::HIDDEN_CELL);
            return;
        }
        if self.unsure.is_empty() || self.cell_from > self.text.len() {
            return;
        }
        let mut hidden = String::new();
        let mut at = self.cell_from;
        for (r, other) in self.unsure.drain(..) {
            hidden.push_str(&self.text[at..r.start.max(at)]);
            if r.start >= at {
                hidden.push_str(&other);
            }
            at = r.end.max(at);
        }
        hidden.push_str(&self.text[at..]);
        // Pieces drawn perhaps in another order: each order they may show in, and each piece alone.
        let mut others = vec![hidden];
        if (2..=MAX_ORDERED).contains(&pieces.len()) {
            others.extend(orders(&pieces).into_iter().map(|o| o.concat()));
            others.extend(pieces);
        }
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        let cell = crate::import::stream::unsure_readings_cell(
            crate::import::stream::UNSURE_SHOWN,
            &self.text[self.cell_from..],
            &others,
        );
        self.text.truncate(self.cell_from);
        self.text.push_str(&cell);
    }

    /// Text in a cell the page may not show as written: unsure, `other` the other reading.
    pub(super) fn unsure_text(&mut self, t: &str, other: &str) {
        let start = self.text.len();
        self.text(t);
        self.unsure.push((start..self.text.len(), other.to_string()));
    }

    /// Text in a cell written where an element set apart by space begins or
    /// ends (「10<span style="margin-left:3em">7</span>」): digits meeting
    /// there are perhaps one number, perhaps apart; the shorter run is unsure,
    /// the other reading without it (as for digits across a change of look).
    pub(super) fn spaced_text(&mut self, t: &str) {
        let start = self.text.len();
        if self.in_cell > 0
            && self.edge == Some(start)
            && let Some(before) = self.text.get(self.cell_from..)
            && super::look::digits_meet(before, t)
        {
            let tail = self.cell_from + super::look::trailing_digits(before);
            let head = super::look::leading_digits(t);
            let r = if start - tail < head { tail..start } else { start..start + head };
            self.unsure.push((r, String::new()));
        }
        self.text(t);
    }

    /// Text with digits in a cell that a flex or grid layout may draw in
    /// another order: unsure, a piece of the cell's possible orders.
    pub(super) fn reordered_text(&mut self, t: &str) {
        self.pieces.push(t.trim().to_string());
        self.unsure_text(t, "");
    }

    pub(super) fn text(&mut self, t: &str) {
        // Characters that show nothing unless the line breaks there (a soft
        // hyphen, a zero-width space or joiner): 「1&shy;4」 shows 14, as 「1<wbr>4」.
        for c in t.chars().filter(|c| !INVISIBLE.contains(c)) {
            let c = if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c };
            self.text.push(c);
        }
        self.at_line_start = false;
    }

    /// Ends the line (once), naming its place. Inside a table cell a block
    /// only separates words: the cell goes on.
    pub(super) fn line(&mut self, place: &str) {
        if self.in_cell > 0 {
            self.text.push(' ');
            return;
        }
        if self.at_line_start && !self.text.is_empty() {
            return;
        }
        let place = match self.table.last() {
            Some((t, r)) => format!("第 {t} 个表格第 {r} 行"),
            None if place.is_empty() => {
                self.paragraphs += 1;
                format!("网页正文第 {} 段", self.paragraphs)
            }
            None => place.to_string(),
        };
        self.text.push('\n');
        self.places.push(place);
        self.at_line_start = true;
    }
}

/// Every order of a few pieces (the written one first).
fn orders(pieces: &[String]) -> Vec<Vec<String>> {
    if pieces.len() <= 1 {
        return vec![pieces.to_vec()];
    }
    let mut out = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let mut rest = pieces.to_vec();
        rest.remove(i);
        for mut o in orders(&rest) {
            o.insert(0, p.clone());
            out.push(o);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::import::cells::read_row;
    use crate::import::labels::Doc;
    use crate::import::stream::{UNSURE_SHOWN, unsure_reason};
    use crate::model::template::CellKind;

    /// Text the page's style sheet leaves undecided: the cell is unread for
    /// that reason, with what it shows and what it shows without it — no
    /// internal marker in the message, never read as a number.
    #[test]
    fn a_cell_the_page_may_hide_is_unread_for_that_reason() {
        let page = "<html><body><div><p>一、总体情况</p><p>二、主动公开政府信息</p><p>四、行政复议</p><p>六、其他需要报告</p>\
            <style>@media (max-width:600px){.x{display:none}}</style>\
            <table><tr><td>行政许可</td><td>1<span class=x>32</span></td><td>7</td></tr></table></div></body></html>";
        let s = super::super::from_text(page).unwrap();
        let line = s.text.lines().find(|l| l.contains("行政许可")).unwrap();
        assert!(line.contains(&format!("{UNSURE_SHOWN}132 1")), "{line:?}");
        let doc = Doc::new(line);
        let from = doc.find("行政许可", 0, doc.len()).unwrap().end;
        let row = read_row(&doc.s, from, doc.len(), &[CellKind::Count, CellKind::Count]);
        let (why, readings) = row.cells[0].unread.clone().expect("unread");
        assert_eq!((why.as_str(), readings), (unsure_reason(UNSURE_SHOWN), vec!["132".to_string(), "1".to_string()]));
        assert!(!why.contains('〔') && !why.contains(UNSURE_SHOWN));
        assert_eq!(row.cells[1].value.map(|v| v.to_string()), Some("7".to_string()));
        // A label cell with a digit in its numbering stays a label.
        let page = page.replace("<td>行政许可</td>", "<td><span class=x>1.属于国家秘密</span></td>");
        let s = super::super::from_text(&page).unwrap();
        assert!(s.text.contains("\t1.属于国家秘密\t"), "{:?}", s.text);
    }

    /// A cell whose text is hidden (`visibility:hidden`, or all of it
    /// `display:none`) still takes its column, as a browser draws it: the row
    /// has a cell more, never read as if the cell were not there. A cell with
    /// `display:none` is no cell (Chromium draws the row without it).
    #[test]
    fn a_cell_of_hidden_text_still_takes_its_column() {
        let rows = |extra: &str| format!("<tr><td>行政许可</td>{extra}<td>10</td><td>7</td></tr>");
        for extra in [r#"<td style="visibility:hidden">99</td>"#, r#"<td><span style="display:none">99</span></td>"#] {
            let line = super::super::test_page::row_text("", &rows(extra));
            assert!(line.contains(crate::import::stream::HIDDEN_CELL), "{extra}: {line:?}");
        }
        let line = super::super::test_page::row_text("", &rows(r#"<td style="display:none">99</td>"#));
        assert!(line.contains("行政许可\t10\t7"), "{line:?}");
    }

    /// Pieces of a cell a flex layout may draw in another order: every order
    /// (the one shown among them) and each piece are readings.
    #[test]
    fn a_reordered_cell_offers_the_orders_of_its_pieces() {
        let cell = r#"<span style="display:flex"><span style="order:2">7</span><span style="order:1">10</span></span>"#;
        let readings = super::super::test_page::read_cell("", cell).unwrap_err();
        for want in ["107", "710", "10", "7"] {
            assert!(readings.contains(&want.to_string()), "{want}: {readings:?}");
        }
    }

    /// A soft hyphen, `<wbr>` or a zero-width character inside a number shows
    /// nothing on its line: the number is read whole (「1&shy;4」 shows 14).
    #[test]
    fn characters_drawn_as_nothing_do_not_split_a_number() {
        for cell in ["1&shy;4", "1<wbr>4", "1\u{200B}4", "1&#x2060;4", "1&zwj;4", "&#xFEFF;14"] {
            assert_eq!(super::super::test_page::read_cell("", cell), Ok("14".to_string()), "{cell}");
        }
    }
}
