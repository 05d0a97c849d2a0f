//! Notes wrapped down a narrow cell whose row's lines are not joined.

use super::super::super::lines::{Carry, write_page};
use super::super::super::{Rule, Run};
use crate::import::stream::{Source, UNSURE_CELL};

/// A string of 12-point characters at (`x`, `y`).
fn run(x: f32, y: f32, text: &str) -> Run {
    let width: f32 = text.chars().map(|c| if c.is_ascii() { 6.0 } else { 12.0 }).sum();
    Run { x, y, end: x + width, size: 12.0, text: text.to_string() }
}

fn page(runs: Vec<Run>, rules: &[Rule]) -> String {
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, runs, rules, &mut out, &mut carry);
    carry.finish(&mut out);
    out.text
}

/// 「6（含1件部分公开）」 wrapped down the last, narrow cell of row （二）, 「1件」
/// on the line of the row's other numbers, its label at `label` (on that line,
/// or half a line higher as a browser prints it); rows (一) and (三) above and
/// below, each on one line.
fn rows(label: f32) -> Vec<Run> {
    vec![
        run(105.0, 305.0, "信息内容"),
        run(105.0, 290.0, "（一）予以公开"),
        run(262.0, 290.0, "5"),
        run(292.0, 290.0, "7"),
        run(312.0, 290.0, "9"),
        run(312.0, 276.0, "6"),
        run(312.0, 262.0, "（含"),
        run(105.0, label, "（二）部分公开"),
        run(262.0, 248.0, "1"),
        run(292.0, 248.0, "3"),
        run(312.0, 248.0, "1件"),
        run(312.0, 234.0, "部分"),
        run(312.0, 220.0, "公开）"),
        run(105.0, 200.0, "（三）不予公开"),
        run(262.0, 200.0, "2"),
        run(292.0, 200.0, "5"),
        run(312.0, 200.0, "8"),
        run(105.0, 20.0, "表下的文字"),
    ]
}

/// The cells of the line starting with `label`.
fn cells<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    let line = text.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("{label}: {text}"));
    line.split('\t').map(str::trim).collect()
}

fn assert_note_unread(text: &str) {
    // The row's numbers: on the label's line, or on the line after it.
    let line = text.lines().find(|l| l.contains(UNSURE_CELL)).unwrap_or_else(|| panic!("{text}"));
    assert!(text[..text.find(line).unwrap_or(0) + line.len()].contains("（二）部分公开"), "{text}");
    let row: Vec<&str> = line.split('\t').map(str::trim).collect();
    let last = row[row.len() - 1];
    let readings: Vec<&str> = last.trim_start_matches(UNSURE_CELL).split_whitespace().collect();
    assert!(readings.contains(&"6") && readings.contains(&"1"), "{text}");
    assert_eq!(row[row.len() - 3..row.len() - 1], ["1", "3"], "{text}");
    // Neither the note's number nor the one before the bracket is a cell of its own.
    assert!(!text.split(['\t', '\n']).any(|c| c.trim() == "1件"), "{text}");
    assert!(!text.lines().any(|l| l.split('\t').any(|c| c.trim() == "6")), "{text}");
    assert_eq!(cells(text, "（三）")[2..], ["2", "5", "8"], "{text}");
}

#[test]
fn a_number_inside_a_note_wrapped_down_a_cell_of_a_table_without_rules_is_unread() {
    assert_note_unread(&page(rows(248.0), &[]));
    assert_note_unread(&page(rows(255.0), &[]));
}

#[test]
fn a_number_inside_a_note_in_a_ruled_band_with_two_lines_of_numbers_is_unread() {
    // The rules between rows (一), (二) and (三) missing: one tall band with
    // three lines of numbers, its lines not joined.
    let mut rules: Vec<Rule> =
        [100.0, 250.0, 280.0, 310.0, 345.0].map(|at| Rule { vertical: true, at, from: 50.0, to: 320.0 }).to_vec();
    rules.extend([320.0, 300.0, 190.0, 50.0].map(|at| Rule { vertical: false, at, from: 100.0, to: 345.0 }));
    assert_note_unread(&page(rows(248.0), &rules));
    assert_note_unread(&page(rows(255.0), &rules));
}

#[test]
fn a_note_in_the_row_lines_cell_below_its_number_leaves_the_number_unread() {
    // The number and the bracket on the row's line, the note's number below.
    let runs = vec![
        run(105.0, 305.0, "信息内容"),
        run(105.0, 290.0, "（一）予以公开"),
        run(262.0, 290.0, "5"),
        run(292.0, 290.0, "7"),
        run(312.0, 290.0, "9"),
        run(105.0, 262.0, "（二）部分公开"),
        run(262.0, 262.0, "1"),
        run(292.0, 262.0, "3"),
        run(312.0, 262.0, "6（含"),
        run(312.0, 248.0, "1件"),
        run(312.0, 234.0, "部分"),
        run(312.0, 220.0, "公开）"),
        run(105.0, 200.0, "（三）不予公开"),
        run(262.0, 200.0, "2"),
        run(292.0, 200.0, "5"),
        run(312.0, 200.0, "8"),
        run(105.0, 20.0, "表下的文字"),
    ];
    assert_note_unread(&page(runs, &[]));
}

#[test]
fn a_numbering_in_brackets_and_a_closed_note_are_not_notes_of_a_number() {
    let runs = vec![
        run(105.0, 290.0, "（一）予以公开"),
        run(262.0, 290.0, "5"),
        run(292.0, 290.0, "7（含"),
        run(292.0, 276.0, "2件）"),
        run(105.0, 262.0, "（二）部分公开"),
        run(262.0, 262.0, "1"),
        run(292.0, 262.0, "3"),
        run(105.0, 20.0, "表下的文字"),
    ];
    let text = page(runs, &[]);
    assert_eq!(cells(&text, "（二）")[2..], ["1", "3"], "{text}");
}

#[test]
fn a_paragraph_with_a_bracket_open_over_its_lines_is_not_a_cell() {
    // A title starting with a year, then a paragraph whose last line opens
    // 「（地址：……88」, going on 「号；邮编：311300……」: lines of text, no narrow cell.
    let runs = vec![
        run(50.0, 320.0, "2024年政府信息公开工作年度报告"),
        run(50.0, 302.0, "本报告由本局编制。如对本报告有任何疑问，请与办公室联系（地址：人民路88"),
        run(50.0, 284.0, "号；邮编：311300；电话：0571-8888"),
        run(260.0, 284.0, "6000；电子邮箱：a@b.cn）。"),
    ];
    let text = page(runs, &[]);
    assert!(!text.contains(UNSURE_CELL) && text.contains("邮编：311300") && text.contains("2024年"), "{text}");
}

#[test]
fn a_whole_note_with_no_number_above_it_stays_words() {
    // The part of 「36（注：含1件不予受理）」 a page break carried to the next
    // page's top, beside the continued row's empty cells: no value of its own.
    let runs = vec![run(262.0, 700.0, "5"), run(312.0, 700.0, "（注：含1件）"), run(105.0, 20.0, "表下的文字")];
    let text = page(runs, &[]);
    assert!(!text.contains(UNSURE_CELL), "{text:?}");
    assert!(text.contains("（注：含1件）"), "{text:?}");
}
