//! Table 二 (主动公开): rows by their items, the fee and purchase amounts in
//! 万元 as the format states them.

use super::{Placer, around, find_rows, headers, label_start, next_start, repeats};
use crate::import::cells::{CellRead, RowRead, read_labelled_row};
use crate::import::labels::Doc;
use crate::model::check::CellRef;
use crate::model::template::{CellKind, ColumnRole, DisclosureItem};

pub(super) fn disclosure(p: &mut Placer<'_>, (from, to): (usize, usize)) {
    let tpl = p.report.template.get();
    let rows: Vec<_> = tpl.disclosure_rows().collect();
    let labels: Vec<Vec<&str>> = rows
        .iter()
        .map(|(_, r)| match r.item {
            DisclosureItem::NormativeDocuments => vec!["行政规范性文件", "规范性文件"],
            DisclosureItem::OtherServices => vec!["其他对外管理服务事项"],
            _ => vec![r.label],
        })
        .collect();
    let found = find_rows(p.doc, &labels, from, to);
    // Each block's header: between the rows before it and its first row.
    let mut columns: Vec<Vec<Option<usize>>> = Vec::with_capacity(rows.len());
    for (i, (block, _)) in rows.iter().enumerate() {
        if i == 0 || !std::ptr::eq(rows[i - 1].0, *block) {
            let start = found[..i].iter().flatten().last().map_or(from, |f| f.end);
            let end = found[i..].iter().flatten().next().map_or(to, |f| f.start);
            let names: Vec<&'static str> = block.columns.iter().map(|c| c.label).collect();
            columns.push(headers::columns(p.doc, &headers::flat(&names), start, end.max(start)));
        } else {
            columns.push(columns[i - 1].clone());
        }
    }
    let read_at = |i: usize, start: usize, end: usize| {
        let kinds: Vec<CellKind> = rows[i].0.columns.iter().map(|c| c.role.kind()).collect();
        let mut read: RowRead = read_labelled_row(&p.doc.s, label_start(&found, i, start), start, end, &kinds);
        read.cells = headers::reorder(read.cells, &columns[i]);
        read
    };
    let mut reads: Vec<Option<RowRead>> =
        found.iter().enumerate().map(|(i, f)| f.map(|f| read_at(i, f.end, next_start(&found, i, to)))).collect();
    let names = rows.iter().map(|(_, r)| r.label.to_string()).collect();
    let repeated =
        repeats::Rows { doc: p.doc, source: p.source, table: "表二", names, labels: &labels, found: &found, from, to };
    repeated.settle(&mut reads, p.review, read_at);
    for (i, ((block, row), read)) in rows.iter().zip(reads).enumerate() {
        let Some(mut read) = read else {
            p.missing(
                (0..block.columns.len()).map(|j| CellRef::disclosure(i, j)),
                &format!("原文中没有找到表二「{}」这一行", row.label),
                &around(p.doc, &found, i, (from, to), block.columns.len()),
            );
            continue;
        };
        if let Some(f) = found[i]
            && block.columns.iter().any(|c| c.role == ColumnRole::FeeAmount)
        {
            let header = p.doc.find("本年收费金额", from, f.start).and_then(|h| stated_unit(p.doc, h.end));
            in_wan_yuan(&mut read.cells, read.unit.as_deref().or(header.as_deref()));
        }
        for (j, c) in read.cells.iter().enumerate() {
            p.put(CellRef::disclosure(i, j), c);
        }
        if let Some(f) = found[i]
            && block.columns.iter().any(|c| c.role == ColumnRole::PurchaseAmount)
        {
            // The unit as the source states it, after the amount or in the
            // column's header; none stated, none invented.
            let header = p.doc.find("采购总金额", from, f.start).map(|h| stated_unit(p.doc, h.end));
            p.report.procurement_unit = read.unit.or(header.flatten()).unwrap_or_default();
        }
    }
}

/// 本年收费金额 is in 万元: an amount the source states in 元 (after the
/// number or in the column's header) is moved exactly to 万元, or unread when
/// that needs more than four decimals — never read as 万元 as it stands.
fn in_wan_yuan(cells: &mut [CellRead], stated: Option<&str>) {
    if stated != Some("元") {
        return;
    }
    for c in cells.iter_mut().filter(|c| c.unread.is_none()) {
        let Some(v) = c.value else { continue };
        match crate::model::money::shifted(&v.to_string(), -4) {
            Some(w) => {
                c.value = Some(w);
                c.note = Some(format!("原文为「{}元」，已折合为 {w} 万元", c.raw));
            }
            None => {
                c.value = None;
                c.unread = Some((format!("原文为「{}元」，折合万元超过四位小数", c.raw), Vec::new()));
            }
        }
    }
}

/// The unit a header states right after its label: 「（万元）」「（单位：元）」.
fn stated_unit(doc: &Doc, at: usize) -> Option<String> {
    let after = crate::import::stream::compact(&doc.s, at, at + 8);
    let inner = after.strip_prefix('（')?.split('）').next()?;
    let unit = inner.trim_start_matches("单位").trim_start_matches(['：', ':']);
    ["万元", "元"].into_iter().find(|u| unit == *u).map(str::to_string)
}
