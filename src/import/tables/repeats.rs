//! A row label printed more than once in a table (a row pasted twice, a stale
//! copy left in): labels are found in order, so the first place would win
//! silently. The stretches of a table that no row's numbers took are searched
//! for the rows' labels again; a row that reads differently in two places has
//! every cell unread with each place's reading, and a review item names the
//! places. The same numbers twice (a row repeated on a new page) read once.

use super::with_numbering;
use crate::import::Review;
use crate::import::cells::{CellRead, RowRead};
use crate::import::labels::{Doc, Found};
use crate::import::stream::{Gap, Source, is_blank_cell, is_punctuation};

/// One table's rows as found in order, for the search of their other places.
pub struct Rows<'a> {
    pub doc: &'a Doc,
    pub source: &'a Source,
    /// 「表二」「表三」, for messages.
    pub table: &'a str,
    /// Each row's label as printed in messages.
    pub names: Vec<String>,
    /// Each row's wordings, as searched.
    pub labels: &'a [Vec<&'a str>],
    pub found: &'a [Option<Found>],
    pub from: usize,
    pub to: usize,
}

impl Rows<'_> {
    /// The stretches no row's numbers took and that hold a digit: before the
    /// first label, and from each row's numbers' end to the next label.
    fn stretches(&self, reads: &[Option<RowRead>]) -> Vec<(usize, usize)> {
        let starts: Vec<usize> = self.found.iter().flatten().map(|f| f.start).collect();
        let mut out = vec![(self.from, starts.first().copied().unwrap_or(self.to))];
        for (f, read) in self.found.iter().zip(reads) {
            if let (Some(f), Some(read)) = (f, read) {
                let end = starts.iter().copied().find(|&s| s > f.start).unwrap_or(self.to);
                out.push((read.end.max(f.end), end));
            }
        }
        let digit = |(a, b): &(usize, usize)| self.doc.s.get(*a..*b).is_some_and(|s| s.iter().any(|c| c.c.is_ascii_digit()));
        out.into_iter().filter(|r| r.0 < r.1).filter(digit).collect()
    }

    /// Other places of the rows' labels: (row, label found, end of its numbers' stretch).
    fn strays(&self, reads: &[Option<RowRead>]) -> Vec<(usize, Found, usize)> {
        let mut out = Vec::new();
        for (a, b) in self.stretches(reads) {
            let mut here: Vec<(usize, Found)> = Vec::new();
            let mut pos = a;
            // Each label's next place as last searched: a label not found from an
            // earlier point is not found from a later one, and one found at or
            // after `pos` is what a search from `pos` finds; only a label whose
            // place a row took is searched again. Each label's searches then
            // cover the stretch about once, not once for every row found in it.
            let mut next_of: Vec<Option<Option<Found>>> = vec![None; self.labels.len()];
            while pos < b {
                for (i, slot) in next_of.iter_mut().enumerate() {
                    if slot.is_none_or(|f| f.is_some_and(|f| f.start < pos)) {
                        *slot = Some(self.doc.find_any(&self.labels[i], pos, b));
                    }
                }
                // The earliest label from `pos`; at one place the longest.
                let next = next_of
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| f.flatten().map(|f| (i, f)))
                    .min_by_key(|(_, f)| (f.start, usize::MAX - f.end));
                let Some((i, f)) = next else { break };
                let f = with_numbering(self.doc, f);
                if self.opens_row(f.start) {
                    here.push((i, f));
                }
                pos = f.end.max(pos + 1);
            }
            for (k, &(i, f)) in here.iter().enumerate() {
                out.push((i, f, here.get(k + 1).map_or(b, |n| n.1.start)));
            }
        }
        out
    }

    /// Settles each row found in more than one place: `read_at(row, from, to)`
    /// reads a row's numbers as the table does.
    pub fn settle(
        &self,
        reads: &mut [Option<RowRead>],
        review: &mut Vec<Review>,
        read_at: impl Fn(usize, usize, usize) -> RowRead,
    ) {
        let strays = self.strays(reads);
        for (i, slot) in reads.iter_mut().enumerate() {
            let Some(first) = slot.as_ref() else { continue };
            let others: Vec<RowRead> =
                strays.iter().filter(|s| s.0 == i).map(|&(_, f, end)| read_at(i, f.end, end)).filter(has_numbers).collect();
            if others.iter().all(|o| same(first, o)) {
                continue;
            }
            let all: Vec<&RowRead> = std::iter::once(first).chain(&others).collect();
            let places: Vec<String> = all.iter().map(|r| self.place(r)).collect();
            let times = if all.len() == 2 { "两次".to_string() } else { format!("{} 次", all.len()) };
            let why = format!("这一行在原文中出现{times}（{}），数字不同，无法确定哪一处是本表的", places.join("；"));
            review.push(Review {
                place: places[0].clone(),
                message: format!(
                    "{}「{}」这一行出现{times}，数字不同，这一行未读入：{}",
                    self.table,
                    self.names[i],
                    places.join("；")
                ),
            });
            let cells = (0..first.cells.len()).map(|j| unread_cell(&all, j, &why)).collect();
            *slot = Some(RowRead { cells, ..first.clone() });
        }
    }

    /// A label opening a line, a cell or a run of text after numbers: a row's
    /// label, not words in a sentence (「办理行政许可12件」).
    fn opens_row(&self, at: usize) -> bool {
        let s = &self.doc.s;
        // From the brackets or marks the label's key characters follow: 「（七）总计」.
        let mut at = at;
        while at > 0 && s[at].gap == Gap::None && is_punctuation(s[at - 1].c) {
            at -= 1;
        }
        at == 0 || s[at].gap != Gap::None || s.get(at - 1).is_some_and(|p| p.c.is_ascii_digit() || is_blank_cell(p.c))
    }

    fn place(&self, read: &RowRead) -> String {
        read.cells.first().map_or_else(String::new, |c| self.source.place(c.line, c.col))
    }
}

/// A place whose label is followed by numbers (a mention in a sentence is not a row).
fn has_numbers(read: &RowRead) -> bool {
    read.cells.iter().any(|c| c.value.is_some() || !c.raw.is_empty())
}

fn same(a: &RowRead, b: &RowRead) -> bool {
    a.cells.len() == b.cells.len()
        && a.cells
            .iter()
            .zip(&b.cells)
            .all(|(x, y)| x.value == y.value && x.unread.as_ref().map(|u| &u.1) == y.unread.as_ref().map(|u| &u.1))
}

/// Cell `j` unread, each place's reading of it a candidate (「空白」 for a blank).
fn unread_cell(all: &[&RowRead], j: usize, why: &str) -> CellRead {
    let mut candidates: Vec<String> = Vec::new();
    let mut raws: Vec<String> = Vec::new();
    for read in all {
        let Some(c) = read.cells.get(j) else { continue };
        let readings = match (&c.unread, c.value) {
            (Some((_, cands)), _) => cands.clone(),
            (None, Some(v)) => vec![v.to_string()],
            (None, None) => vec!["空白".to_string()],
        };
        for r in readings {
            if !candidates.contains(&r) {
                candidates.push(r);
            }
        }
        raws.push(if c.raw.is_empty() { "空白".to_string() } else { c.raw.clone() });
    }
    let (line, col) = all[0].cells.get(j).map_or((0, 0), |c| (c.line, c.col));
    CellRead { unread: Some((why.to_string(), candidates)), raw: raws.join(" / "), line, col, ..CellRead::default() }
}

#[cfg(test)]
mod tests {
    /// A table whose two rows are printed again `n` times (a hostile file).
    fn repeated(n: usize) -> String {
        let rows = "一、本年新收政府信息公开申请数量\t21\t5\t0\t0\t2\t1\t29\n（一）予以公开\t10\t3\t0\t0\t1\t0\t14\n";
        format!("某县某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{}", rows.repeat(n))
    }

    #[test]
    fn rows_printed_many_times_are_searched_with_bounded_work() {
        let per_char = |n: usize| {
            let text = repeated(n);
            let imported = crate::import::import_text(&text).unwrap();
            imported.work / text.chars().count() as u64
        };
        // The labels not in the stretch are not looked for again after every
        // row found there: the work grows with the text, not with its square.
        let (few, many) = (per_char(20), per_char(300));
        assert!(few < 1000 && many < 1000, "{few} and {many} cells per character");
        assert!(many < few, "{few} then {many} cells per character");
    }
}
