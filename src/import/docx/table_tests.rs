//! Table layouts where Word's columns or values are not what the cells say
//! in order: legacy horizontal merges, rows pushed past the grid, tracked
//! changes in a number, rows too low to show their text, and zero-width or
//! hidden-mark cells (read: shown).

use super::W;
use super::formatting_tests::{cell, docx, run};
use crate::import::stream::{UNSURE_COLUMN, UNSURE_REVISED, UNSURE_SHOWN};

/// The lines a table of these rows (`w:tr` contents) under a grid of `grid` columns becomes.
fn rows(grid: usize, rows: &[&str]) -> Vec<String> {
    let cols = r#"<w:gridCol w:w="600"/>"#.repeat(grid);
    let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    let document =
        format!(r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl></w:body></w:document>"#);
    let styles = format!(r#"<w:styles xmlns:w="{W}"/>"#);
    super::from_bytes(&docx(&document, &styles)).unwrap().text.lines().map(str::to_string).collect()
}

fn tc(pr: &str, text: &str) -> String {
    format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{}</w:p></w:tc>", if text.is_empty() { String::new() } else { run("", text) })
}

#[test]
fn a_legacy_horizontal_merge_holding_a_number_leaves_its_columns_unread() {
    // 「7」 continues the merge begun by the label: Word shows one cell, the
    // 7 in it (or not), the row's next numbers in their own columns. Read in
    // order, 7 became the first column's number and every later one shifted.
    let label = tc(r#"<w:gridSpan w:val="2"/>"#, "（一）予以公开");
    let row = format!("{label}{}{}{}", tc("<w:hMerge/>", "7"), tc("", "3"), tc("", "0"));
    assert_eq!(rows(5, &[&row]), [format!("\t（一）予以公开\t{UNSURE_COLUMN}7 空白\t3\t0")]);
    // A number begun and continued: each column unread with the merge's numbers.
    let row = format!("{label}{}{}{}", tc(r#"<w:hMerge w:val="restart"/>"#, "10"), tc("<w:hMerge/>", ""), tc("", "0"));
    assert_eq!(rows(5, &[&row]), [format!("\t（一）予以公开\t{UNSURE_COLUMN}10 空白\t{UNSURE_COLUMN}10 空白\t0")]);
    // Words merged across are one cell, as with w:gridSpan.
    let row = format!("{}{}{}", tc(r#"<w:hMerge w:val="restart"/>"#, "三、本年度"), tc("<w:hMerge/>", "办理结果"), tc("", "5"));
    assert_eq!(rows(3, &[&row]), ["\t三、本年度 办理结果\t5"]);
}

#[test]
fn cells_pushed_past_the_tables_columns_are_unread_and_a_grid_before_alone_is_not() {
    let values = format!("{}{}", tc("", "10"), tc("", "3"));
    let full = format!("{}{values}", tc("", "（一）予以公开"));
    // w:gridBefore skips a column the row has no cell for: its cells stand where they belong.
    let skipped = format!(r#"<w:trPr><w:gridBefore w:val="1"/></w:trPr>{full}"#);
    let header = format!("{}{}{}{}", tc("", "三"), tc("", "项目"), tc("", "自然人"), tc("", "企业"));
    assert_eq!(rows(4, &[&header, &skipped])[1], "\t（一）予以公开\t10\t3");
    // With a cell too many, every cell stands one column right of its heading.
    let pushed = format!(r#"<w:trPr><w:gridBefore w:val="1"/></w:trPr>{}{full}"#, tc("", "三"));
    assert_eq!(rows(4, &[&header, &pushed])[1], format!("\t三\t（一）予以公开\t{UNSURE_COLUMN}10 空白\t{UNSURE_COLUMN}3 空白"));
    // A width before the row (w:wBefore) moves nothing.
    let wide = format!(r#"<w:trPr><w:wBefore w:w="600" w:type="dxa"/></w:trPr>{}{full}"#, tc("", "三"));
    assert_eq!(rows(4, &[&header, &wide])[1], "\t三\t（一）予以公开\t10\t3");
}

#[test]
fn a_number_with_tracked_changes_is_unread_with_both_versions() {
    // Moved away 7, kept 10, moved here 5: 105 accepted, 710 rejected.
    let moved = format!(
        r#"<w:moveFromRangeStart w:id="1" w:name="m"/><w:moveFrom w:id="2" w:author="a">{}</w:moveFrom><w:moveFromRangeEnd w:id="1"/>{}<w:moveTo w:id="3" w:author="a">{}</w:moveTo>"#,
        run("", "7"),
        run("", "10"),
        run("", "5")
    );
    assert_eq!(cell(&moved, "", ""), format!("\t{UNSURE_REVISED}105 710\n"));
    // Inserted and deleted text follow the same rule.
    let changed = format!(
        r#"<w:del w:id="1" w:author="a"><w:r><w:delText>1</w:delText></w:r></w:del>{}<w:ins w:id="2" w:author="a">{}</w:ins>"#,
        run("", "0"),
        run("", "4")
    );
    assert_eq!(cell(&changed, "", ""), format!("\t{UNSURE_REVISED}04 10\n"));
    // A change that leaves the text as it was, or touches no number, is read.
    let same = format!(
        r#"<w:del w:id="1" w:author="a"><w:r><w:delText>10</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">{}</w:ins>"#,
        run("", "10")
    );
    assert_eq!(cell(&same, "", ""), "\t10\n");
    let words = format!(r#"{}<w:ins w:id="2" w:author="a">{}</w:ins>"#, run("", "予以"), run("", "公开"));
    assert_eq!(cell(&words, "", ""), "\t予以公开\n");
}

#[test]
fn a_zero_width_or_hidden_mark_cell_shows_its_number() {
    // Word never hides a cell's text for its width: a zero-width cell or grid
    // column is drawn at its least width, the text wrapped a character a line;
    // w:hideMark only lets an empty cell's mark not set the row's height.
    let row = format!("{}{}", tc(r#"<w:tcW w:w="0" w:type="dxa"/><w:hideMark/>"#, "10"), tc("", "3"));
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblGrid><w:gridCol w:w="0"/><w:gridCol w:w="600"/></w:tblGrid><w:tr>{row}</w:tr></w:tbl></w:body></w:document>"#
    );
    let styles = format!(r#"<w:styles xmlns:w="{W}"/>"#);
    assert_eq!(super::from_bytes(&docx(&document, &styles)).unwrap().text, "\t10\t3\n");
}

#[test]
fn a_row_too_low_to_show_its_text_leaves_its_numbers_unread() {
    let cells = format!("{}{}{}", tc("", "（一）予以公开"), tc("", "10"), tc("", "3"));
    let tiny = format!(r#"<w:trPr><w:trHeight w:val="15" w:hRule="exact"/></w:trPr>{cells}"#);
    assert_eq!(rows(3, &[&tiny]), [format!("\t（一）予以公开\t{UNSURE_SHOWN}10 空白\t{UNSURE_SHOWN}3 空白")]);
    // An exact height a line fits in, or a minimum height, shows the row.
    for pr in [r#"<w:trHeight w:val="400" w:hRule="exact"/>"#, r#"<w:trHeight w:val="15"/>"#] {
        assert_eq!(rows(3, &[&format!("<w:trPr>{pr}</w:trPr>{cells}")]), ["\t（一）予以公开\t10\t3"], "{pr}");
    }
}

#[test]
fn rows_and_cells_inserted_or_deleted_by_tracked_changes_are_read_both_ways() {
    // As with a number revised inside a cell: accepted and rejected, both readings.
    let label = tc("", "（一）予以公开");
    let tr =
        |pr: &str, n: &str| format!("<w:trPr><w:cantSplit/></w:trPr><w:trPr>{pr}</w:trPr>{label}{}{}", tc("", n), tc("", "3"));
    let (del, ins) = (r#"<w:del w:id="1" w:author="a"/>"#, r#"<w:ins w:id="2" w:author="a"/>"#);
    // A row replaced (deleted, then one inserted): one row, 12 accepted, 10 rejected.
    assert_eq!(rows(3, &[&tr(del, "10"), &tr(ins, "12")]), [format!("\t（一）予以公开\t{UNSURE_REVISED}12 10\t3")]);
    // A row inserted alone: its numbers, or nothing.
    assert_eq!(rows(3, &[&tr(ins, "12")]), [format!("\t（一）予以公开\t{UNSURE_REVISED}12 空白\t{UNSURE_REVISED}3 空白")]);
    // A row deleted alone: nothing, or its numbers — never a blank read as certain.
    assert_eq!(rows(3, &[&tr(del, "9")]), [format!("\t（一）予以公开\t{UNSURE_REVISED}9 空白\t{UNSURE_REVISED}3 空白")]);
    // A cell inserted or deleted: the numbers after it change columns.
    let inserted = format!("{label}{}{}", tc(r#"<w:cellIns w:id="3" w:author="a"/>"#, "7"), tc("", "3"));
    assert_eq!(rows(3, &[&inserted]), [format!("\t（一）予以公开\t{UNSURE_REVISED}7 3\t{UNSURE_REVISED}3 空白")]);
    let deleted = format!("{label}{}{}", tc(r#"<w:cellDel w:id="4" w:author="a"/>"#, "7"), tc("", "3"));
    assert_eq!(rows(3, &[&deleted]), [format!("\t（一）予以公开\t{UNSURE_REVISED}3 7\t{UNSURE_REVISED}3 空白")]);
    // A row with no such change is read as it is.
    assert_eq!(rows(3, &[&tr("", "10")]), ["\t（一）予以公开\t10\t3"]);
}

#[test]
fn a_cell_holding_content_word_imports_on_opening_is_unsure() {
    // `w:altChunk`: an HTML piece holding 7, shown by Word, not read here: unsure, never a blank.
    let chunk = r#"<w:tc><w:tcPr/><w:altChunk xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdAC1"/><w:p/></w:tc>"#;
    let line = rows(3, &[&format!("{}{chunk}{}", tc("", "（一）予以公开"), tc("", "3"))]);
    assert!(line[0].starts_with(&format!("\t（一）予以公开\t{UNSURE_SHOWN}")), "{line:?}");
    assert!(line[0].ends_with("\t3"), "{line:?}");
}
