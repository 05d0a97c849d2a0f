//! Ruled tables as LibreOffice renders the filled official Word template:
//! cells of one row aligned differently, full-width digits, a row at the top
//! of a page.

use super::lines::{Carry, write_page};
use super::{Rule, Run};
use crate::import::stream::Source;

/// A string of 10.5-point characters at (`x`, `y`).
fn run(x: f32, y: f32, text: &str) -> Run {
    let width: f32 = text.chars().map(|c| if c.is_ascii() { 5.25 } else { 10.5 }).sum();
    Run { x, y, end: x + width, size: 10.5, text: text.to_string() }
}

/// A table of a label column 50–300 and four value columns of 34 points,
/// its rows between the horizontal rules `ys` (top to bottom).
fn table(ys: &[f32]) -> Vec<Rule> {
    let (top, bottom) = (ys[0], ys[ys.len() - 1]);
    let mut rules: Vec<Rule> =
        [50.0, 300.0, 334.0, 368.0, 402.0, 436.0].map(|at| Rule { vertical: true, at, from: bottom, to: top }).to_vec();
    rules.extend(ys.iter().map(|&at| Rule { vertical: false, at, from: 50.0, to: 436.0 }));
    rules
}

fn page(runs: Vec<Run>, rules: &[Rule]) -> String {
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(2, runs, rules, &mut out, &mut carry);
    carry.finish(&mut out);
    out.text
}

#[test]
fn full_width_digits_in_a_ruled_cell_are_the_cells_number() {
    // Single full-width digits down one column (as a vertical label's
    // characters stand): each is its row's number, not a label to drop.
    let rules = table(&[760.0, 740.0, 720.0, 700.0, 680.0, 660.0, 100.0]);
    let mut runs = Vec::new();
    for (k, digit) in ["０", "５", "１", "７", "２"].into_iter().enumerate() {
        let y = 745.0 - 20.0 * k as f32;
        runs.extend([run(55.0, y, &format!("第{k}项")), run(305.0, y, "3"), run(339.0, y, "１１"), run(373.0, y, digit)]);
    }
    runs.extend([run(55.0, 400.0, "表下的文字"), run(55.0, 110.0, "表下的文字")]);
    let text = page(runs, &rules);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..5],
        ["\t第0项\t3\t11\t0\t", "\t第1项\t3\t11\t5\t", "\t第2项\t3\t11\t1\t", "\t第3项\t3\t11\t7\t", "\t第4项\t3\t11\t2\t"],
        "{text}"
    );
}

#[test]
fn a_number_high_in_a_cell_at_the_top_of_a_page_is_not_a_page_number() {
    // The page starts with the table; the last cell's number of the second row
    // sits on the cell's upper line, above the row's label.
    let rules = table(&[770.0, 740.0, 710.0, 100.0]);
    let runs = vec![
        run(55.0, 750.0, "一、本年新收"),
        run(305.0, 750.0, "73"),
        run(339.0, 750.0, "64"),
        run(373.0, 750.0, "0"),
        run(407.0, 750.0, "137"),
        run(407.0, 732.0, "4"),
        run(55.0, 720.0, "二、上年结转"),
        run(305.0, 720.0, "1"),
        run(339.0, 720.0, "2"),
        run(373.0, 720.0, "1"),
        run(55.0, 400.0, "表下的文字"),
        run(55.0, 110.0, "表下的文字"),
    ];
    let text = page(runs, &rules);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[..2], ["\t一、本年新收\t73\t64\t0\t137", "\t二、上年结转\t1\t2\t1\t4"], "{text}");
}

#[test]
fn a_number_reaching_over_two_columns_without_rules_is_in_neither_for_sure() {
    // No rules: columns from the rows around. 「127128」 reaches over the
    // third and fourth columns' numbers.
    let row = |y: f32, label: &str, numbers: [&str; 4]| {
        let mut runs = vec![run(55.0, y, label)];
        runs.extend(numbers.iter().enumerate().map(|(k, n)| run(310.0 + 30.0 * k as f32, y, n)));
        runs
    };
    let mut runs = row(745.0, "一、本年新收", ["125", "126", "127", "128"]);
    runs.extend(row(725.0, "二、上年结转", ["125", "126", "127", "128"]));
    runs.extend([
        run(55.0, 705.0, "（一）予以公开"),
        run(310.0, 705.0, "125"),
        run(340.0, 705.0, "126"),
        run(384.0, 705.0, "127128"),
    ]);
    runs.extend(row(685.0, "（二）部分公开", ["125", "126", "127", "128"]));
    // Lines as the page's reader makes them.
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some(l) if l[0].y == r.y => l.push(r),
            _ => lines.push(vec![r]),
        }
    }
    let filled = super::lines::fill_blank_columns(&lines, &[]);
    // Left as it stands (read as unsure), not put in one column with a blank beside it.
    assert!(filled[2].iter().all(Option::is_some), "{:?}", filled[2]);
}

/// A one-page PDF (Helvetica) of a ruled table: a label column 50–300 and
/// value columns of 34 points at 300–334–368, rows between the rules at 760,
/// 720 and 680; `cells` draws the values; text above and below the table.
fn ruled_pdf(cells: &str) -> Vec<u8> {
    use super::test_pdf;
    let mut content = String::from("0.5 w ");
    for y in [760, 720, 680] {
        content.push_str(&format!("50 {y} m 368 {y} l S "));
    }
    for x in [50, 300, 334, 368] {
        content.push_str(&format!("{x} 680 m {x} 760 l S "));
    }
    content.push_str("BT /F1 12 Tf 50 800 Td (Annual report of the county office) Tj ET ");
    content.push_str("BT /F1 12 Tf 55 735 Td (Row one) Tj ET BT /F1 12 Tf 55 695 Td (Row two) Tj ET ");
    content.push_str("BT /F1 12 Tf 305 695 Td (3) Tj ET BT /F1 12 Tf 339 695 Td (4) Tj ET ");
    content.push_str(cells);
    content.push_str(" BT /F1 12 Tf 50 600 Td (Text under the table of the report) Tj ET");
    let mut doc = lopdf::Document::with_version("1.4");
    test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
    test_pdf::saved(doc)
}

#[test]
fn a_torn_number_wrapped_in_a_narrow_cell_keeps_the_whole_number_among_its_readings() {
    // 「205」 wrapped in the narrow last cell: 「20」 drawn pulled apart (a
    // justified line, so torn and unsure), 「5」 on the line below.
    let pdf = ruled_pdf(
        "BT /F1 12 Tf 305 735 Td (7) Tj ET BT /F1 12 Tf 336 745 Td [(2) -900 (0)] TJ ET BT /F1 12 Tf 336 729 Td (5) Tj ET",
    );
    let text = super::from_bytes(&pdf).unwrap().text;
    let row = text.lines().find(|l| l.contains("Row one")).unwrap_or_default();
    let unsure = row.split('\t').find(|c| c.starts_with(crate::import::stream::UNSURE_CELL)).unwrap_or_default();
    let readings: Vec<&str> = unsure.trim_start_matches(crate::import::stream::UNSURE_CELL).split(' ').collect();
    for reading in ["20", "5", "205"] {
        assert!(readings.contains(&reading), "{reading} not among the readings of {row:?}");
    }
    assert!(!readings.contains(&"05"), "{row:?}");
}

#[test]
fn a_row_broken_over_a_page_is_one_row_with_its_cells_joined() {
    use super::test_pdf;
    // A label column 50–300 and three value columns of 34 points; the last
    // row of page 1 breaks: its second cell's number, and the lower line of
    // its third cell's, are drawn in a row of the same columns at the top of
    // page 2, with nothing in its label cell.
    let ruled = |ys: &[i32]| {
        let mut c = String::from("0.5 w ");
        for y in ys {
            c.push_str(&format!("50 {y} m 402 {y} l S "));
        }
        for x in [50, 300, 334, 368, 402] {
            c.push_str(&format!("{x} {} m {x} {} l S ", ys[ys.len() - 1], ys[0]));
        }
        c
    };
    let at = |x: i32, y: i32, t: &str| format!("BT /F1 12 Tf {x} {y} Td ({t}) Tj ET ");
    let mut first = ruled(&[160, 120, 80]);
    first.push_str(&at(50, 700, "Annual report of the county office"));
    first.push_str(&(at(55, 135, "Row one") + &at(305, 135, "1") + &at(339, 135, "2") + &at(373, 135, "3")));
    first.push_str(&(at(55, 95, "Row two") + &at(305, 95, "7") + &at(373, 95, "12")));
    let mut second = ruled(&[780, 760, 720]);
    second.push_str(&(at(339, 765, "9") + &at(373, 765, "5")));
    second.push_str(&(at(55, 735, "Row three") + &at(305, 735, "4") + &at(339, 735, "5") + &at(373, 735, "6")));
    second.push_str(&at(50, 600, "Text under the table of the report"));
    let mut doc = lopdf::Document::with_version("1.4");
    test_pdf::pages(&mut doc, test_pdf::helvetica(), &[first.as_bytes(), second.as_bytes()]);
    let text = super::from_bytes(&test_pdf::saved(doc)).unwrap().text;
    let lines: Vec<&str> = text.lines().collect();
    let u = crate::import::stream::UNSURE_CELL;
    let row = lines.iter().position(|l| l.contains("Row two")).unwrap_or_default();
    assert_eq!(lines[row..row + 2], [format!("\tRow two\t7\t9\t{u}12 5 125"), "\tRow three\t4\t5\t6".into()], "{text}");
}
