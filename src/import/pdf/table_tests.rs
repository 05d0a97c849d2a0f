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
