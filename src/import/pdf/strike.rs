//! Lines drawn through or under text, not a table's rules: a short horizontal
//! line through the middle of a string's characters (a strikethrough, a
//! tracked deletion printed by Word or LibreOffice) or just under them (an
//! underline), no longer than the strings it crosses and a little more, its
//! ends not on the cell's vertical rules. And a short vertical line through
//! a label's words (the bar Word and LibreOffice draw beside tracked changes).
//!
//! Such a line is never a row's or a cell's edge. A struck number is not certainly part
//! of the value — yet a PDF cannot say for sure that the line is a strike — so
//! its cell is unsure ([`UNSURE_CELL`](crate::import::stream::UNSURE_CELL))
//! with the readings without the struck characters (「空白」 when nothing is
//! left) and with all of them, never the struck digits read silently. An
//! underline changes nothing in the text.

use super::clash::BLANK;
use super::grid;
use super::{Rule, Run};
use crate::import::stream::{is_unsure, unsure_cell};

/// Whether the height `at` lies in the middle of the string's characters
/// (above the baseline, below their tops): where a strike is drawn, and
/// where a rule would cut the characters.
pub(super) fn through_middle(r: &Run, at: f32) -> bool {
    at > r.y + 0.1 * r.size && at < r.y + 0.6 * r.size
}

/// Whether the height `at` lies just under the string's baseline (an underline).
fn just_under(r: &Run, at: f32) -> bool {
    at >= r.y - 0.2 * r.size && at <= r.y + 0.1 * r.size
}

/// Whether the string is a number (digits and what a number is written with).
fn numeric(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | ' '))
}

/// Takes the strikes and underlines out of `rules` (see the module); the
/// strikes are returned, for [`mark`] once the line's strings are words.
pub(super) fn apart(runs: &[Run], rules: &mut Vec<Rule>) -> Vec<Rule> {
    let verticals: Vec<Rule> = rules.iter().filter(|r| r.vertical).copied().collect();
    let mut strikes = Vec::new();
    rules.retain(|h| {
        if h.vertical {
            return !beside_words(runs, h);
        }
        for (middle, kind) in [(true, through_middle as fn(&Run, f32) -> bool), (false, just_under)] {
            let crossed: Vec<&Run> = runs.iter().filter(|r| kind(r, h.at) && crosses(h, r)).collect();
            let Some(first) = crossed.first() else { continue };
            let size = crossed.iter().map(|r| r.size).fold(0.0, f32::max);
            let left = crossed.iter().map(|r| r.x.min(r.end)).fold(f32::MAX, f32::min);
            let right = crossed.iter().map(|r| r.x.max(r.end)).fold(f32::MIN, f32::max);
            // Longer than the text it crosses: a rule (a table's, or one under a heading).
            if h.from < left - 0.4 * size || h.to > right + 0.4 * size || h.to - h.from < 0.15 * size {
                continue;
            }
            // From a cell's edge: the cell's own rule (text keeps off the edges).
            let edges = grid::edges(&verticals, first.y, first.size);
            let on_edge = |x: f32| edges.iter().any(|&e| (e - x).abs() < 1.0);
            if on_edge(h.from) || on_edge(h.to) {
                continue;
            }
            if middle {
                strikes.push(*h);
            }
            return false;
        }
        true
    });
    strikes
}

/// Whether the vertical line `h` runs through words (a label's characters,
/// not between them) and no further up or down than their lines and half a
/// character: a change bar beside tracked changes, not a cell's edge, which
/// never parts a word. A line through a number is left to the cell reader
/// (a number over a cell edge, `pdf/clash.rs`).
fn beside_words(runs: &[Run], h: &Rule) -> bool {
    let words = |r: &&Run| {
        let t = r.text.trim();
        !t.is_empty() && !t.starts_with(is_unsure) && !t.chars().any(|c| c.is_ascii_digit())
    };
    let crossed: Vec<&Run> = runs
        .iter()
        .filter(words)
        .filter(|r| {
            let (left, right) = (r.x.min(r.end), r.x.max(r.end));
            h.at > left + 0.25 * r.size && h.at < right - 0.25 * r.size && h.from < r.y + 0.7 * r.size && h.to > r.y
        })
        .collect();
    let low = crossed.iter().map(|r| r.y - 0.5 * r.size).fold(f32::MAX, f32::min);
    let high = crossed.iter().map(|r| r.y + 1.4 * r.size).fold(f32::MIN, f32::max);
    !crossed.is_empty() && h.from >= low && h.to <= high
}

/// Whether the horizontal line `h` runs over some of the string's width.
fn crosses(h: &Rule, r: &Run) -> bool {
    h.from < r.x.max(r.end) && h.to > r.x.min(r.end) && !r.text.trim().is_empty()
}

/// Makes each number of the line that `strikes` cross unsure (see the module).
pub(super) fn mark(line: &mut [Run], strikes: &[Rule]) {
    for r in line {
        let spans: Vec<(f32, f32)> =
            strikes.iter().filter(|h| through_middle(r, h.at) && crosses(h, r)).map(|h| (h.from, h.to)).collect();
        if !spans.is_empty() && !r.text.starts_with(is_unsure) && numeric(&r.text) {
            r.text = readings(r, &spans);
        }
    }
}

/// A struck number's unsure cell: its characters not struck, then all of them.
fn readings(r: &Run, spans: &[(f32, f32)]) -> String {
    let chars: Vec<char> = r.text.chars().collect();
    // Where each character lies, by its share of the string's width (a
    // number's digits are as wide as each other).
    let weight = |c: char| if c.is_ascii() { 1.0 } else { 2.0 };
    let total: f32 = chars.iter().map(|&c| weight(c)).sum();
    let (left, width) = (r.x.min(r.end), (r.end - r.x).abs());
    let mut at = left;
    let mut kept = String::new();
    for &c in &chars {
        let w = width * weight(c) / total;
        let covered: f32 = spans.iter().map(|&(from, to)| (to.min(at + w) - from.max(at)).max(0.0)).sum();
        if covered < 0.5 * w {
            kept.push(c);
        }
        at += w;
    }
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (kept, whole) = (squeeze(&kept), squeeze(&r.text));
    let kept = if kept.is_empty() { BLANK.to_string() } else { kept };
    if kept == whole { unsure_cell(&[whole]) } else { unsure_cell(&[kept, whole]) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, text: &str) -> Run {
        Run { x, y, end: x + 6.0 * text.chars().count() as f32, size: 12.0, text: text.to_string() }
    }

    fn h(at: f32, from: f32, to: f32) -> Rule {
        Rule { vertical: false, at, from, to }
    }

    #[test]
    fn a_short_line_through_a_number_is_a_strike_and_one_under_it_an_underline_neither_a_rule() {
        let u = |t: &str| unsure_cell(&t.split(' ').map(str::to_string).collect::<Vec<_>>());
        // A cell 300–340 between verticals; 「4124」 with its first digit struck,
        // 「7」 struck whole, 「35」 underlined, and the row's own rules.
        let mut runs =
            vec![run(302.0, 500.0, "4124"), run(302.0, 480.0, "7"), run(302.0, 460.0, "35"), run(100.0, 440.0, "商业企业")];
        let mut rules: Vec<Rule> = [300.0, 340.0].map(|at| Rule { vertical: true, at, from: 400.0, to: 520.0 }).to_vec();
        rules.extend([h(504.0, 302.0, 308.0), h(484.0, 301.5, 308.5), h(458.5, 302.0, 314.0), h(438.0, 300.0, 340.0)]);
        rules.push(h(444.0, 100.0, 124.0));
        let strikes = apart(&runs, &mut rules);
        mark(&mut runs, &strikes);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, [u("124 4124"), u("空白 7"), "35".into(), "商业企业".into()]);
        // The cell's own rule stays, the strikes and the underline go; a
        // struck label keeps its words.
        let horizontal: Vec<f32> = rules.iter().filter(|r| !r.vertical).map(|r| r.at).collect();
        assert_eq!(horizontal, [438.0]);
        // A rule wider than the text, or from edge to edge of a tight cell, is a rule.
        let mut runs = vec![run(302.0, 500.0, "4124"), run(310.0, 480.0, "12345")];
        let mut tight: Vec<Rule> = [300.0, 334.0].map(|at| Rule { vertical: true, at, from: 400.0, to: 520.0 }).to_vec();
        tight.extend([h(504.0, 250.0, 340.0), h(478.0, 300.0, 334.0)]);
        runs[1].x = 302.0;
        runs[1].end = 332.0;
        assert!(apart(&runs, &mut tight).is_empty());
        assert_eq!((runs[0].text.as_str(), runs[1].text.as_str()), ("4124", "12345"));
        assert_eq!(tight.iter().filter(|r| !r.vertical).count(), 2);
        // A row's rule from a cell's edge, a little under a label running on
        // past it (a web page's table): a rule, not an underline.
        let mut runs =
            vec![Run { x: 168.7, y: 500.0, end: 324.7, size: 12.0, text: "本年收费金额（单位：万元）".into() }];
        let mut rules = vec![Rule { vertical: true, at: 167.6, from: 480.0, to: 520.0 }, h(496.5, 168.0, 282.8)];
        assert!(apart(&runs, &mut rules).is_empty());
        mark(&mut runs, &[]);
        assert_eq!(rules.len(), 2);
    }

    /// A ruled table (label cell 100–250, value cells 250–290 and 290–330;
    /// rows between the rules at 700, 660 and 630) as a PDF page, with `cells` drawn in it.
    fn table_page(cells: &str) -> String {
        let mut page = String::from("BT /F1 12 Tf 100 760 Td (Annual report table three) Tj ET 0.5 w ");
        for x in [100, 250, 290, 330] {
            page += &format!("{x} 630 m {x} 700 l S ");
        }
        for y in [700, 660, 630] {
            page += &format!("100 {y} m 330 {y} l S ");
        }
        page + cells
    }

    /// The table's rows of a page: 「Commerce」 with 154 struck and 124
    /// written (「15」 over 「4124」, wrapped in the cell), 「Persons」 with a lone
    /// struck 「7」 and an underlined 「5」; and `more` drawn too.
    fn struck_table(more: &str) -> String {
        let text = |t: &str, x: f32, y: f32| format!("BT /F1 12 Tf 1 0 0 1 {x} {y} Tm ({t}) Tj ET ");
        // Helvetica's digits are 6.672 wide.
        let strike = |from: f32, to: f32, y: f32| format!("0.6 w {from} {y} m {to} {y} l S ");
        let cells = [
            text("Commerce", 105.0, 676.0),
            text("15", 255.0, 684.0),
            strike(255.0, 268.3, 688.0),
            text("4124", 255.0, 670.0),
            strike(255.0, 261.7, 674.0),
            text("3", 295.0, 677.0),
            text("Persons", 105.0, 641.0),
            text("7", 255.0, 641.0),
            strike(255.0, 261.7, 645.0),
            text("5", 295.0, 641.0),
            "0.6 w 295 639.5 m 301.7 639.5 l S ".to_string(),
            more.to_string(),
        ]
        .concat();
        let page = super::super::test_pdf::page_with(&table_page(&cells), lopdf::dictionary! {}, lopdf::dictionary! {});
        crate::import::pdf::from_bytes(&page).unwrap().text
    }

    /// The cells of the line holding `label`.
    fn cells(read: &str, label: &str) -> Vec<String> {
        read.lines().find(|l| l.contains(label)).unwrap_or_default().split('\t').map(str::to_string).collect()
    }

    /// The Commerce row read as one row, its struck cell unsure with the reading without the strike.
    fn commerce_unsure(read: &str) -> bool {
        let commerce = cells(read, "Commerce");
        let readings: Vec<&str> = commerce.get(2).map_or("", |c| c.trim_start_matches(is_unsure)).split(' ').collect();
        commerce.len() == 4
            && commerce[3] == "3"
            && commerce[2].starts_with(is_unsure)
            && readings.contains(&"124")
            && readings.contains(&"154124")
    }

    #[test]
    fn a_struck_number_in_a_pdf_cell_is_unsure_not_read_and_its_strike_is_no_row_edge() {
        let read = struck_table("");
        assert!(commerce_unsure(&read), "{read}");
        assert!(!read.lines().any(|l| l.trim() == "4124"), "{read}");
        let u = |t: &str| unsure_cell(&t.split(' ').map(str::to_string).collect::<Vec<_>>());
        // An underline under a number is no rule either, and changes nothing.
        assert_eq!(cells(&read, "Persons")[2..], [u("空白 7"), "5".to_string()], "{read}");
    }

    #[test]
    fn a_change_bar_through_a_label_is_no_cell_edge() {
        // A thin vertical bar through 「Commerce」 (beside tracked changes), a line high.
        let read = struck_table("0.1 w 130 671 m 130 690 l S ");
        assert!(commerce_unsure(&read), "{read}");
        // A cell's edge from rule to rule stays one, whatever it crosses.
        let bar = "0.5 w 130 630 m 130 700 l S ";
        assert!(!commerce_unsure(&struck_table(bar)), "{}", struck_table(bar));
    }
}
