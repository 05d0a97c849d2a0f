//! Layout invariants (issue 12), checked on the laid-out pages of many generated
//! reports, not on a few examples:
//! 1. nothing but the page number lies outside the 版心 (tables may reach
//!    `style::table::OVERHANG` into the side margins);
//! 2. no two text runs overlap, and no text crosses a table rule;
//! 3. every cell's text lies inside its cell piece (the vertical label too);
//! 4. a table row is never split or repeated, and a continued 表三/表四 repeats its header;
//! 5. the 落款 never stands alone on a page; no widow or orphan lines;
//! 6. a full body line of full-width characters holds exactly 28 (less by 避头尾
//!    only); other lines but a paragraph's last reach the right edge within one 字;
//! 7. one empty grid line between the title and the text.

mod generate;

use nianbao::fonts::FontSet;
use nianbao::layout::{self, Document, Item, MarkKind, TextRun, style};
use proptest::prelude::*;

const TOL: f32 = 0.3;

/// A run's ink box: left, top, right, bottom (the em box on its baseline).
fn bbox(r: &TextRun) -> [f32; 4] {
    [r.x, r.y - 0.88 * r.size, r.x + r.width(FontSet::bundled()), r.y + 0.12 * r.size]
}

fn inside(b: [f32; 4], f: [f32; 4]) -> bool {
    b[0] >= f[0] - TOL && b[1] >= f[1] - TOL && b[2] <= f[2] + TOL && b[3] <= f[3] + TOL
}

fn overlap(a: [f32; 4], b: [f32; 4]) -> bool {
    a[0] < b[2] - TOL && b[0] < a[2] - TOL && a[1] < b[3] - TOL && b[1] < a[3] - TOL
}

/// Every violation found, as readable lines.
pub fn violations(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let body = [style::LEFT, style::TOP, style::LEFT + style::BODY_WIDTH, style::TOP + style::BODY_HEIGHT];
    let wide = [body[0] - style::table::OVERHANG, body[1], body[2] + style::table::OVERHANG, body[3]];
    let mut rows_seen = std::collections::HashMap::new();
    let mut lines = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let in_mark =
            |i: usize, pred: &dyn Fn(&MarkKind) -> bool| page.marks.iter().any(|m| pred(&m.kind) && m.items.contains(&i));
        let runs: Vec<(usize, &TextRun)> = page
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| if let Item::Text(t) = it { Some((i, t)) } else { None })
            .collect();
        // 1.
        for &(i, r) in &runs {
            let frame = if in_mark(i, &|k| *k == MarkKind::PageNumber) {
                continue;
            } else if in_mark(i, &|k| matches!(k, MarkKind::Cell { .. })) {
                wide
            } else {
                body
            };
            if !inside(bbox(r), frame) {
                out.push(format!("p{}: 「{}」 outside the 版心 at {:?}", p + 1, r.text, bbox(r)));
            }
        }
        for it in &page.items {
            if let Item::Line { x1, y1, x2, y2, .. } = it
                && !inside([x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)], wide)
            {
                out.push(format!("p{}: a rule outside the 版心 at ({x1}, {y1})", p + 1));
            }
        }
        // 2.
        let boxes: Vec<[f32; 4]> = runs.iter().map(|(_, r)| bbox(r)).collect();
        let rules: Vec<[f32; 4]> = page
            .items
            .iter()
            .filter_map(|it| match it {
                // A rule is a zero-width box; widen it to the tolerance.
                Item::Line { x1, y1, x2, y2, .. } => {
                    Some([x1.min(*x2) - TOL, y1.min(*y2) - TOL, x1.max(*x2) + TOL, y1.max(*y2) + TOL])
                }
                _ => None,
            })
            .collect();
        for (k, a) in boxes.iter().enumerate() {
            for (j, b) in boxes.iter().enumerate().skip(k + 1) {
                if overlap(*a, *b) {
                    out.push(format!("p{}: 「{}」 overlaps 「{}」", p + 1, runs[k].1.text, runs[j].1.text));
                }
            }
            for rule in &rules {
                if overlap(*a, *rule) {
                    out.push(format!("p{}: 「{}」 crosses a rule at {rule:?}", p + 1, runs[k].1.text));
                }
            }
        }
        for m in &page.marks {
            match &m.kind {
                // 3.
                MarkKind::Cell { table, row, .. } => {
                    for it in &page.items[m.items.clone()] {
                        if let Item::Text(r) = it
                            && !inside(bbox(r), m.frame)
                        {
                            out.push(format!("p{}: 表{table} row {row}: 「{}」 outside its cell {:?}", p + 1, r.text, m.frame));
                        }
                    }
                }
                // 4.
                MarkKind::Row { table, row, header: false } => {
                    if let Some(prev) = rows_seen.insert((*table, *row), p) {
                        out.push(format!("表{table} row {row} on pages {} and {}", prev + 1, p + 1));
                    }
                }
                MarkKind::Line { paragraph, line, lines: n, indent, justified, text } => {
                    lines.push((p, *paragraph, *line, *n, *indent, *justified, text.clone(), m.clone()));
                }
                _ => {}
            }
        }
        let first_row =
            page.marks.iter().find_map(|m| if let MarkKind::Row { table, row, .. } = m.kind { Some((table, row)) } else { None });
        if let Some((table @ 1..=2, row)) = first_row
            && row != 0
        {
            out.push(format!("p{}: 表{table} continues at row {row} without its header", p + 1));
        }
        // 5.
        let signed = page.marks.iter().any(|m| m.kind == MarkKind::Signature);
        if signed && !page.marks.iter().any(|m| matches!(m.kind, MarkKind::Line { .. } | MarkKind::Cell { .. })) {
            out.push(format!("p{}: the 落款 stands alone", p + 1));
        }
    }
    // 5: per paragraph, the lines on its first and last page.
    let mut by_para: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for l in &lines {
        by_para.entry(l.1).or_default().push(l.0);
    }
    for (para, pages) in &by_para {
        let first = pages.iter().filter(|&&p| p == pages[0]).count();
        let last = pages.iter().filter(|&&p| p == *pages.last().unwrap()).count();
        if pages.len() > 1 && pages[0] != *pages.last().unwrap() && (first < 2 || last < 2) {
            out.push(format!(
                "paragraph {para}: {first} line(s) on page {}, {last} on page {}",
                pages[0] + 1,
                pages.last().unwrap() + 1
            ));
        }
    }
    // 6.
    let right = style::LEFT + style::BODY_WIDTH;
    for (k, (p, _, line, n, indent, justified, text, mark)) in lines.iter().enumerate() {
        if !justified || line + 1 >= *n {
            continue;
        }
        let full_width = text.chars().all(layout::text::is_cjk);
        let count = text.chars().count() + indent;
        // 避头尾 shortens a line when a mark that may not start a line follows
        // within the characters it gave up, or the line ends with an opening mark;
        // a number or Latin word that follows may leave less than one 字.
        let given_up = style::CHARS_PER_LINE.saturating_sub(count) + 1;
        let next: String = lines.get(k + 1).map(|l| l.6.chars().take(given_up).collect()).unwrap_or_default();
        let kinsoku = next.chars().any(|c| layout::lines::NO_START.contains(c) || layout::lines::NO_END.contains(c) || c == '—')
            || text.ends_with(|c| layout::lines::NO_END.contains(c))
            || next.starts_with(|c: char| !layout::text::is_cjk(c));
        if full_width && count != style::CHARS_PER_LINE && !kinsoku {
            out.push(format!("p{}: a full-width line of {count} characters: 「{text}」", p + 1));
        }
        let page = &doc.pages[*p];
        let end = page.items[mark.items.clone()]
            .iter()
            .filter_map(|i| if let Item::Text(t) = i { Some(bbox(t)[2]) } else { None })
            .fold(f32::MIN, f32::max);
        if end < right - style::CHAR_PITCH - TOL || end > right + TOL {
            out.push(format!("p{}: line 「{text}」 ends at {end}, the 版心 at {right}", p + 1));
        }
    }
    // 7.
    let page = &doc.pages[0];
    let title_bottom = page.marks.iter().filter(|m| m.kind == MarkKind::Title).map(|m| m.frame[3]).fold(f32::MIN, f32::max);
    if let Some(text_top) = page.marks.iter().find(|m| m.kind != MarkKind::Title).map(|m| m.frame[1])
        && text_top < style::TOP + style::BODY_HEIGHT
        && (text_top - title_bottom - style::LINE_PITCH).abs() > TOL
    {
        out.push(format!("{} pt between the title and the text", text_top - title_bottom));
    }
    out
}

fn check(report: &nianbao::model::Report) -> Result<(), TestCaseError> {
    let doc = layout::layout(report, FontSet::bundled());
    let v = violations(&doc);
    prop_assert!(v.is_empty(), "{} violations, first: {:#?}", v.len(), &v[..v.len().min(8)]);
    Ok(())
}

/// The examples with their content pushed down one body line at a time, past
/// every page position.
#[test]
fn the_examples_shifted_line_by_line() {
    for name in ["qingshan-2024.json", "zhoucun-2023.json"] {
        let base = generate::example(name);
        for shift in 0..style::LINES_PER_PAGE + 8 {
            let mut r = base.clone();
            // A paragraph of `shift` full lines (the first indented two 字).
            let chars = (shift * style::CHARS_PER_LINE).saturating_sub(2);
            r.preamble = format!("{}\n{}", "前".repeat(chars), r.preamble);
            check(&r).map_err(|e| format!("{name}, shifted {shift} lines: {e}")).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, max_shrink_iters: 0, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_reports_keep_every_invariant(seed in any::<u64>()) {
        check(&generate::report(seed))?;
    }
}

/// `SEED=… cargo test --test layout_invariants dump -- --ignored --nocapture`:
/// the body lines of one generated report, to see a failure; with `SAVE=file.json`
/// the report is also saved, to export and look at.
#[test]
#[ignore]
fn dump() {
    let seed: u64 = std::env::var("SEED").map_or(0, |s| s.parse().unwrap());
    let report = generate::report(seed);
    if let Ok(path) = std::env::var("SAVE") {
        nianbao::model::file::save(std::path::Path::new(&path), &report, &[]).unwrap();
    }
    let doc = layout::layout(&report, FontSet::bundled());
    for (p, page) in doc.pages.iter().enumerate() {
        for m in &page.marks {
            if let MarkKind::Line { text, line, lines, .. } = &m.kind {
                println!("p{} {line}/{lines} {:.0} 「{text}」", p + 1, m.frame[1]);
            }
        }
    }
    println!("{:#?}", violations(&doc));
}
