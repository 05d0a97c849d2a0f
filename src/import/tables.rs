//! Tables 二, 三 and 四: each row label is found in order, and the numbers
//! between it and the next label are that row's cells ([`super::cells`]).

mod disclosure;
mod headers;
mod repeats;

use super::Review;
use super::cells::{CellRead, RowRead, number_run, read_labelled_row, read_row};
use super::labels::{Doc, Found, core, is_numeral};
use super::stream::is_blank_cell;
use crate::model::check::CellRef;
use crate::model::template::{APPLICANT_COLUMNS, CellKind, REVIEW_CELLS, RowRole, TemplateId};
use crate::model::unread::{Unread, cell_name};
use crate::model::{Decimal, Report};

/// How far after the previous label the next one is looked for.
const WINDOW: usize = 1200;

/// Which format the tables follow, from the labels only the one format has.
pub fn detect_template(doc: &Doc) -> Option<TemplateId> {
    let score = |labels: &[&str]| labels.iter().filter(|l| doc.find(l, 0, doc.len()).is_some()).count();
    let v2021 =
        score(&["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知要求缴纳费用"]);
    let v2019 =
        score(&["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "其他对外管理服务事项"]);
    match (v2021, v2019) {
        (0, 0) => None,
        (a, b) if b > a => Some(TemplateId::V2019),
        _ => Some(TemplateId::V2021),
    }
}

/// Moves a found label's start back over its numbering: 「2.」「（三）」「四、」.
fn with_numbering(doc: &Doc, mut f: Found) -> Found {
    let c = |i: usize| doc.s.get(i).map(|ch| ch.c);
    let start = f.start;
    if start >= 2
        && matches!(c(start - 1), Some('.' | '、' | '，'))
        && c(start - 2).is_some_and(|d| d.is_ascii_digit() || is_numeral(d))
    {
        f.start = start - 2;
    } else if start >= 3 && c(start - 1) == Some('）') && c(start - 2).is_some_and(is_numeral) && c(start - 3) == Some('（') {
        f.start = start - 3;
    }
    f
}

/// The label as searched: its core, without a note in brackets; a short core
/// (「其他」「总计」) keeps its numbering, so that 「其他处理」 is not taken for 「3.其他」.
fn search_key(label: &str) -> &str {
    let c = core(label);
    let c = c.split_once('（').map_or(c, |(k, _)| k);
    if c.chars().count() <= 2 { label } else { c }
}

struct Placer<'a> {
    doc: &'a Doc,
    report: &'a mut Report,
    review: &'a mut Vec<Review>,
    source: &'a super::stream::Source,
    places: Vec<(CellRef, String)>,
}

impl Placer<'_> {
    fn put(&mut self, cell: CellRef, read: &CellRead) {
        let place = self.source.place(read.line, read.col);
        self.places.push((cell, place.clone()));
        if let Some((reason, candidates)) = &read.unread {
            let unread = Unread { reason: reason.clone(), candidates: candidates.clone(), source: place, text: read.raw.clone() };
            self.report.mark_unread(cell, unread);
            return;
        }
        if let Some(note) = &read.note {
            self.review.push(Review { place: place.clone(), message: format!("{}：{note}", cell_name(self.report, cell)) });
        }
        match cell.table {
            crate::model::check::Table::Disclosure => self.report.disclosure[cell.row][cell.col] = read.value,
            crate::model::check::Table::Applications => {
                self.report.applications[cell.row][cell.col] = read.value.and_then(Decimal::to_int)
            }
            crate::model::check::Table::Reviews => self.report.reviews[cell.col] = read.value.and_then(Decimal::to_int),
        }
    }

    fn missing(&mut self, cells: impl IntoIterator<Item = CellRef>, why: &str, candidates: &[String]) {
        for cell in cells {
            let unread = Unread { reason: why.to_string(), candidates: candidates.to_vec(), ..Unread::default() };
            self.report.mark_unread(cell, unread);
        }
    }
}

/// Finds labels one after another from `from`; `None` for a label not found.
fn find_rows(doc: &Doc, labels: &[Vec<&str>], from: usize, to: usize) -> Vec<Option<Found>> {
    let mut pos = from;
    let mut out = Vec::with_capacity(labels.len());
    for wordings in labels {
        let found = doc.find_any(wordings, pos, to.min(pos + WINDOW)).map(|f| with_numbering(doc, f));
        if let Some(f) = found {
            pos = f.end;
        }
        out.push(found);
    }
    out
}

/// Where the label of row `i` read from `start` begins (`start` for a row read
/// elsewhere, a repeated one).
fn label_start(found: &[Option<Found>], i: usize, start: usize) -> usize {
    found[i].filter(|f| f.end == start).map_or(start, |f| f.start)
}

/// What row `i`, its label not found, may hold: the numbers between the labels
/// found around it (a label broken by numbers, 「…缴 5 他处理 纳费用…」, is not
/// found, but its numbers are there), when there are few.
fn around(doc: &Doc, found: &[Option<Found>], i: usize, (from, to): (usize, usize), n: usize) -> Vec<String> {
    let start = found[..i].iter().flatten().last().map_or(from, |f| f.end);
    let numbers = super::cells::stray_numbers(&doc.s, start, next_start(found, i, to));
    if numbers.is_empty() || numbers.len() > 3 * n {
        return Vec::new();
    }
    std::iter::once("空白".to_string()).chain(numbers).collect()
}

/// The end of row `i`'s numbers: the start of the next label found, or `to`.
fn next_start(found: &[Option<Found>], i: usize, to: usize) -> usize {
    found[i + 1..].iter().flatten().map(|f| f.start).next().unwrap_or(to)
}

/// Reads the three tables into the report; returns where each cell was read.
pub fn read_tables(
    doc: &Doc,
    source: &super::stream::Source,
    report: &mut Report,
    review: &mut Vec<Review>,
    regions: [(usize, usize); 3],
) -> Vec<(CellRef, String)> {
    let mut p = Placer { doc, report, review, source, places: Vec::new() };
    disclosure::disclosure(&mut p, regions[0]);
    applications(&mut p, regions[1]);
    reviews(&mut p, regions[2]);
    p.places
}

fn applications(p: &mut Placer<'_>, (from, to): (usize, usize)) {
    let tpl = p.report.template.get();
    // 「（七）合计」 for 「（七）总计」: the one other word real reports use for the total row.
    let totals: Vec<String> = tpl.applications.iter().map(|r| search_key(r.short_label()).replace("总计", "合计")).collect();
    let labels: Vec<Vec<&str>> = tpl
        .applications
        .iter()
        .zip(&totals)
        .map(|(r, total)| {
            let key = search_key(r.short_label());
            if key.contains("总计") { vec![key, total.as_str()] } else { vec![key] }
        })
        .collect();
    let found = find_rows(p.doc, &labels, from, to);
    let n = APPLICANT_COLUMNS.len();
    let header_end = found.iter().flatten().next().map_or(from, |f| f.start);
    let (nodes, subtotal) = applicant_header(p.doc, from, header_end);
    let kinds: Vec<CellKind> = vec![CellKind::Count; n + usize::from(subtotal)];
    if subtotal {
        let at = p.doc.s.get(from).map_or((0, 0), |c| (c.line, c.col));
        p.review.push(Review {
            place: p.source.place(at.0, at.1),
            message: "表三有「小计」列（官方格式没有），已略去，请核对各列是否对应".into(),
        });
    }
    let columns = applicant_columns(p.doc, &nodes, &found, (from, to));
    // A 2021 table printed with （六）其他处理 as one row (the 2019 shape).
    let other_rows: Vec<usize> = (0..tpl.applications.len())
        .filter(|&i| {
            tpl.applications[i].group == Some(crate::model::template::OTHER_HANDLING) && tpl.applications[i].item.is_some()
        })
        .collect();
    // Its sub-rows 1 and 2 (long labels) both missing: the 3.其他 found, if any, is not the sub-row.
    let merged_other = p.report.template == TemplateId::V2021 && other_rows.iter().take(2).all(|&i| found[i].is_none());
    let read_at = |i: usize, start: usize, end: usize| {
        let mut read = read_labelled_row(&p.doc.s, label_start(&found, i, start), start, end, &kinds);
        read.cells = headers::reorder(read.cells, &columns[i]);
        if subtotal && read.cells.len() == n + 1 {
            read.cells.remove(headers::subtotal_col());
        }
        read
    };
    let skipped = |i: usize| merged_other && other_rows.contains(&i);
    let mut reads: Vec<Option<RowRead>> = found
        .iter()
        .enumerate()
        .map(|(i, f)| f.filter(|_| !skipped(i)).map(|f| read_at(i, f.end, next_start(&found, i, to))))
        .collect();
    let names = tpl.applications.iter().map(|r| r.label()).collect();
    let repeated =
        repeats::Rows { doc: p.doc, source: p.source, table: "表三", names, labels: &labels, found: &found, from, to };
    repeated.settle(&mut reads, p.review, read_at);
    for (i, (row, read)) in tpl.applications.iter().zip(reads).enumerate() {
        if skipped(i) {
            continue;
        }
        let Some(read) = read else {
            let candidates = around(p.doc, &found, i, (from, to), n);
            let why = format!("原文中没有找到表三「{}」这一行", row.label());
            p.missing((0..n).map(|j| CellRef::applications(i, j)), &why, &candidates);
            continue;
        };
        for (j, c) in read.cells.iter().enumerate() {
            p.put(CellRef::applications(i, j), c);
        }
    }
    if merged_other {
        let after = other_rows.first().and_then(|&i| found[..i].iter().flatten().last()).map_or(from, |f| f.end);
        let before = next_start(&found, other_rows[other_rows.len() - 1], to);
        let merged = p.doc.find("其他处理", after, before).map(|f| read_row(&p.doc.s, f.end, before, &kinds));
        let shown = merged.as_ref().map_or(String::new(), |r| {
            r.cells.iter().map(|c| c.value.map_or("空白".to_string(), |v| v.to_string())).collect::<Vec<_>>().join(" ")
        });
        let (line, col) = merged.as_ref().and_then(|r| r.cells.first()).map_or((0, 0), |c| (c.line, c.col));
        for &i in &other_rows {
            for j in 0..n {
                let why = if shown.is_empty() {
                    "原文中没有找到「（六）其他处理」的 1—3 项".to_string()
                } else {
                    "原文「（六）其他处理」只有一行（2019 年格式的样子），没有分 1—3 项".to_string()
                };
                let unread =
                    Unread { reason: why, candidates: Vec::new(), source: p.source.place(line, col), text: shown.clone() };
                p.report.mark_unread(CellRef::applications(i, j), unread);
            }
        }
    }
    let _ = RowRole::New;
}

/// Table 三's header labels, and whether it has a 「小计」 column (read, and
/// left out): below 法人或其他组织 or beside it, anywhere in the header.
fn applicant_header(doc: &Doc, from: usize, header_end: usize) -> (Vec<headers::Node>, bool) {
    let Some(sub) = doc.find(headers::SUBTOTAL, from, header_end) else { return (headers::applicants(), false) };
    let line = |i: usize| doc.s.get(i).map(|c| c.line);
    let group = doc.find(crate::model::template::LEGAL_PERSON_HEADER, from, header_end);
    let below = group.is_none_or(|g| line(g.start) < line(sub.start));
    (headers::applicants_with_subtotal(below), true)
}

/// Each row's columns: from the header above the table; a header printed again
/// between rows in another order leaves the columns it disagrees on unread from
/// there on; a table whose only header stands below its rows takes that one.
fn applicant_columns(
    doc: &Doc,
    nodes: &[headers::Node],
    found: &[Option<Found>],
    (from, to): (usize, usize),
) -> Vec<Vec<Option<usize>>> {
    const LEAST: usize = 3;
    let header_end = found.iter().flatten().next().map_or(from, |f| f.start);
    let last_end = found.iter().flatten().last().map_or(to, |f| f.end);
    let mut current = headers::header_in(doc, nodes, from, header_end, LEAST)
        .or_else(|| headers::header_in(doc, nodes, last_end, to, LEAST))
        .unwrap_or_else(|| headers::columns(doc, nodes, from, header_end));
    let mut prev_end = None;
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        if let (Some(f), Some(pe)) = (f, prev_end)
            && let Some(again) = headers::header_in(doc, nodes, pe, f.start, LEAST)
        {
            // A header printed again (a new page) in another order than the one in
            // force: which of the two the rows below follow is not certain, so the
            // columns they disagree on are unread from there on.
            current = current.iter().zip(&again).map(|(was, now)| if was == now { *was } else { None }).collect();
        }
        if let Some(f) = f {
            prev_end = Some(f.end);
        }
        out.push(current.clone());
    }
    out
}

/// Table 四's row of numbers: the longest run of numbers in its part (its
/// header may be printed in any order, broken across lines).
fn reviews(p: &mut Placer<'_>, (from, to): (usize, usize)) {
    let s = &p.doc.s;
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '—' | '-') || is_blank_cell(c);
    let (mut best, mut best_score) = (None, 0usize);
    let mut i = from;
    while i < to.min(s.len()) {
        if !numeric(s[i].c) {
            i += 1;
            continue;
        }
        // The row's own reading of its cells: a note beside a number
        // (「9（注1）」) is part of the row, as in tables 二 and 三.
        let start = i;
        let (end, score) = number_run(s, start, to, REVIEW_CELLS);
        i = end.max(start + 1);
        while i < to.min(s.len()) && numeric(s[i].c) && end <= start {
            i += 1;
        }
        if score >= best_score && end > start {
            (best, best_score) = (Some((start, end)), score);
        }
    }
    let Some((start, end)) = best.filter(|_| best_score >= 5) else {
        p.missing((0..REVIEW_CELLS).map(CellRef::reviews), "原文中没有找到表四（行政复议、行政诉讼情况）的数字", &[]);
        return;
    };
    let mut read = read_row(s, start, end, &[CellKind::Count; REVIEW_CELLS]);
    read.cells = headers::reorder(read.cells, &headers::columns(p.doc, &headers::reviews(), from, start));
    for (j, c) in read.cells.iter().enumerate() {
        p.put(CellRef::reviews(j), c);
    }
}
