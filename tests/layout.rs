//! The laid-out report, checked on the page items themselves.

use nianbao::fonts::FontSet;
use nianbao::layout::{self, Document, Item, style};
use nianbao::model::file;
use nianbao::model::template::{APPLICANT_HEADER, APPLICATION_NOTE, PART_HEADINGS};

fn example(name: &str) -> nianbao::model::Report {
    file::load(std::path::Path::new(&format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))).unwrap()
}

fn laid_out(name: &str) -> Document {
    layout::layout(&example(name), FontSet::bundled())
}

/// The runs of the body text that begin a line (at the left edge or the indent).
fn line_starts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for page in &doc.pages {
        let mut by_line: Vec<(f32, f32, String)> = Vec::new();
        for t in page.texts().filter(|t| t.size == style::BODY_SIZE) {
            match by_line.iter_mut().find(|(y, _, _)| (*y - t.y).abs() < 0.1) {
                Some(entry) if t.x < entry.1 => *entry = (t.y, t.x, t.text.clone()),
                Some(_) => {}
                None => by_line.push((t.y, t.x, t.text.clone())),
            }
        }
        out.extend(by_line.into_iter().map(|(_, _, text)| text));
    }
    out
}

#[test]
fn the_seed_report_takes_six_pages() {
    assert_eq!(laid_out("zhoucun-2023.json").pages.len(), 6);
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    for name in ["zhoucun-2023.json", "qingshan-2024.json"] {
        let starts = line_starts(&laid_out(name));
        assert!(starts.len() > 50);
        for s in &starts {
            let first = s.chars().next().unwrap();
            assert!(!"，。、；：？！）》」』】〕…”".contains(first), "a line starts with {s:?} in {name}");
        }
    }
}

#[test]
fn text_stays_inside_the_type_area_and_the_paper() {
    let doc = laid_out("qingshan-2024.json");
    for page in &doc.pages {
        for item in &page.items {
            match item {
                Item::Text(t) if t.size == style::BODY_SIZE => {
                    assert!(t.x >= style::LEFT - 0.01 && t.y <= style::TOP + style::BODY_HEIGHT + 0.01, "{t:?}");
                }
                Item::Line { x1, x2, .. } => assert!(*x1 >= 0.0 && *x2 <= style::PAGE_WIDTH),
                _ => {}
            }
        }
    }
}

#[test]
fn a_table_continued_on_the_next_page_repeats_its_header() {
    let doc = laid_out("zhoucun-2023.json");
    let pages_with = |needle: &str| -> Vec<usize> {
        (0..doc.pages.len()).filter(|&i| doc.pages[i].texts().any(|t| t.text.contains(needle))).collect()
    };
    // Table 三 starts on page 4 and continues on page 5.
    assert_eq!(pages_with(APPLICANT_HEADER), vec![3, 4]);
    assert_eq!(pages_with(&APPLICATION_NOTE[..15]), vec![3, 4]);
    // Its vertical label is repeated on the continuation too.
    let vertical: Vec<usize> = (0..doc.pages.len())
        .filter(|&i| doc.pages[i].texts().any(|t| t.text == "办") && doc.pages[i].texts().any(|t| t.text == "理"))
        .collect();
    assert_eq!(vertical, vec![3, 4]);
}

#[test]
fn no_table_row_is_split_across_pages() {
    for name in ["zhoucun-2023.json", "qingshan-2024.json"] {
        let report = example(name);
        let doc = layout::layout(&report, FontSet::bundled());
        // Each page's table text (smaller than body text, page numbers aside), in drawing order.
        let table_text: Vec<String> = doc
            .pages
            .iter()
            .map(|p| p.texts().filter(|t| t.size < style::PAGE_NUMBER_SIZE).map(|t| t.text.as_str()).collect())
            .collect();
        for row in report.template.get().applications {
            // A row label, however many lines it wraps to, is whole on exactly one page.
            let label = row.short_label();
            let pages = table_text.iter().filter(|t| t.contains(label)).count();
            assert_eq!(pages, 1, "{label} in {name}");
        }
    }
}

#[test]
fn part_headings_are_bookmarked_in_order() {
    let doc = laid_out("zhoucun-2023.json");
    let titles: Vec<&str> = doc.outline.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles, PART_HEADINGS.to_vec());
    assert!(doc.outline.windows(2).all(|w| w[0].page <= w[1].page));
    assert_eq!(doc.title, "周村区投资促进中心2023年政府信息公开工作年度报告");
    assert_eq!(doc.author, "周村区投资促进中心");
}

#[test]
fn page_numbers_alternate_sides() {
    let doc = laid_out("zhoucun-2023.json");
    for (i, page) in doc.pages.iter().enumerate() {
        let digits = (i + 1).to_string();
        let number = page.texts().find(|t| t.text == digits && t.y > style::TOP + style::BODY_HEIGHT).expect("page number");
        let middle = style::LEFT + style::BODY_WIDTH / 2.0;
        if i % 2 == 0 {
            assert!(number.x > middle, "odd pages on the right");
        } else {
            assert!(number.x < middle, "even pages on the left");
        }
        assert!((number.size - style::PAGE_NUMBER_SIZE).abs() < 0.01);
        assert!(page.texts().filter(|t| t.text == "—").count() >= 2, "一字线 either side");
    }
}

/// The text and the left and right edges of every line marked `kind` on a page.
fn marked_lines(page: &layout::Page, kind: &layout::MarkKind) -> Vec<(String, f32, f32)> {
    let fonts = FontSet::bundled();
    page.marks
        .iter()
        .filter(|m| &m.kind == kind)
        .map(|m| {
            let runs: Vec<&layout::TextRun> =
                page.items[m.items.clone()].iter().filter_map(|i| if let Item::Text(t) = i { Some(t) } else { None }).collect();
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            let right = runs.iter().map(|r| r.x + r.width(fonts)).fold(f32::MIN, f32::max);
            (text, runs[0].x, right)
        })
        .collect()
}

#[test]
fn the_signature_follows_gb_t_9704_7_3_5_2() {
    let doc = laid_out("qingshan-2024.json");
    let last = doc.pages.last().unwrap();
    let lines = marked_lines(last, &layout::MarkKind::Signature);
    let [(unit, unit_x, unit_right), (date, date_x, _)] = &lines[..] else { panic!("{lines:?}") };
    assert_eq!(unit, "青山县市场监督管理局");
    assert_eq!(date, "2025年1月20日");
    // 署名 右空二字; the date's first character two 字 right of the 署名's first.
    let right = style::LEFT + style::BODY_WIDTH;
    assert!((right - unit_right - 2.0 * style::CHAR_PITCH).abs() < 0.5, "{unit_right}");
    assert!((date_x - unit_x - 2.0 * style::CHAR_PITCH).abs() < 0.5, "{unit_x} {date_x}");
    // With body text above it on the same page.
    assert!(last.marks.iter().any(|m| matches!(m.kind, layout::MarkKind::Line { .. })));
}
