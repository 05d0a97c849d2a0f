//! Numbers drawn between two rows of a table: on the rule between them, or
//! raised half a row with no rules at all (a line of numbers alone, between
//! two rows of numbers, nearer neither by a clear margin). Which row such a
//! number belongs to is not certain, so it is put in neither: the cell of its
//! column that it may fill — a blank one in either row, else both rows'
//! cells — is marked unsure with the readings it may have
//! ([`UNSURE_CELL`](crate::import::stream::UNSURE_CELL)), and the line is
//! dropped. The other cells of both rows read as they stand.

use super::Run;
use super::grid::Piece;
use crate::import::stream::unsure_cell;

use super::clash::BLANK;

/// Settles the numbers of lines that stand between two rows (see the module):
/// `lines` and `filled` (each line's pieces) are changed together.
pub(super) fn settle(lines: &mut Vec<Vec<Run>>, filled: &mut Vec<Vec<Piece>>, numeric: impl Fn(&str) -> bool) {
    let numbers = |l: &[Run]| l.iter().filter(|r| numeric(&r.text)).count();
    let mut k = 1;
    while k + 1 < lines.len() {
        let (above, line, below) = (&lines[k - 1], &lines[k], &lines[k + 1]);
        let n = numbers(line);
        let between = n > 0
            && n == line.len()
            && numbers(above) > n
            && numbers(below) > n
            && !numeric(&above[0].text)
            && !numeric(&below[0].text)
            && {
                let (top, y, bottom) = (above[0].y, line[0].y, below[0].y);
                // Nearer neither row by more than a third of the gap between them.
                let gap = top - bottom;
                y < top && y > bottom && (top - y) > gap / 3.0 && (y - bottom) > gap / 3.0
            };
        let cells = |p: &[Piece]| p.iter().filter(|p| matches!(p, Piece::Cell(_))).count();
        if !between || cells(&filled[k - 1]) != cells(&filled[k + 1]) || cells(&filled[k - 1]) == 0 {
            k += 1;
            continue;
        }
        // Each number's column: the cell of either row whose number it stands under.
        let columns: Option<Vec<(usize, String)>> = line
            .iter()
            .map(|r| Some((column(&filled[k - 1], r).or_else(|| column(&filled[k + 1], r))?, r.text.clone())))
            .collect();
        let Some(columns) = columns else {
            k += 1;
            continue;
        };
        for (j, stray) in columns {
            let blank = |p: &[Piece]| matches!(cell_mut_ref(p, j), Some(Piece::Cell(None)));
            let (up, down) = (blank(&filled[k - 1]), blank(&filled[k + 1]));
            for (row, is_blank, other_blank) in [(k - 1, up, down), (k + 1, down, up)] {
                let readings = match (is_blank, other_blank, cell_text(&filled[row], j)) {
                    // A blank cell it may fill; the other row's blank too: either stays blank.
                    (true, true, _) => vec![stray.clone(), BLANK.to_string()],
                    (true, false, _) => vec![stray.clone()],
                    (false, true, _) => continue,
                    // Both rows' cells hold numbers: the number may be either's, or part of it.
                    (false, false, Some(own)) => {
                        let joined = if row < k { format!("{own}{stray}") } else { format!("{stray}{own}") };
                        vec![own, stray.clone(), joined]
                    }
                    (false, false, None) => continue,
                };
                if let Some(at) = cell_index(&filled[row], j) {
                    let like = line.iter().find(|r| r.text == stray).cloned();
                    let mut run = match &filled[row][at] {
                        Piece::Cell(Some(r)) => r.clone(),
                        _ => like.unwrap_or_else(|| line[0].clone()),
                    };
                    run.text = unsure_cell(&readings);
                    filled[row][at] = Piece::Cell(Some(run));
                }
            }
        }
        lines.remove(k);
        filled.remove(k);
    }
}

/// The index in `pieces` of its `j`-th cell.
fn cell_index(pieces: &[Piece], j: usize) -> Option<usize> {
    pieces.iter().enumerate().filter(|(_, p)| matches!(p, Piece::Cell(_))).nth(j).map(|(i, _)| i)
}

fn cell_mut_ref(pieces: &[Piece], j: usize) -> Option<&Piece> {
    cell_index(pieces, j).map(|i| &pieces[i])
}

fn cell_text(pieces: &[Piece], j: usize) -> Option<String> {
    match cell_mut_ref(pieces, j) {
        Some(Piece::Cell(Some(r))) => Some(r.text.clone()),
        _ => None,
    }
}

/// Which of the row's cells the number stands under: the one whose number
/// shares its centre (cells centre their numbers), `None` if none does.
fn column(pieces: &[Piece], r: &Run) -> Option<usize> {
    let centre = |r: &Run| (r.x + r.end.max(r.x)) / 2.0;
    pieces
        .iter()
        .filter(|p| matches!(p, Piece::Cell(_)))
        .position(|p| matches!(p, Piece::Cell(Some(c)) if (centre(c) - centre(r)).abs() < 0.8 * c.size.max(r.size)))
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::super::lines::{Carry, write_page};
    use super::*;
    use crate::import::stream::{Source, UNSURE_CELL};

    fn run(x: f32, y: f32, text: &str) -> Run {
        let width: f32 = text.chars().map(|c| if c.is_ascii() { 6.0 } else { 12.0 }).sum();
        Run { x, y, end: x + width, size: 12.0, text: text.to_string() }
    }

    #[test]
    fn a_number_between_two_rows_is_unsure_in_the_cell_it_may_fill_and_the_rows_read() {
        // Three value columns at 250–280–310–340; rows between rules at 300, 260, 220.
        let mut rules: Vec<Rule> =
            [100.0, 250.0, 280.0, 310.0, 340.0].map(|at| Rule { vertical: true, at, from: 200.0, to: 320.0 }).to_vec();
        rules.extend([320.0, 300.0, 260.0, 220.0].map(|at| Rule { vertical: false, at, from: 100.0, to: 340.0 }));
        let page = |number: f32| {
            vec![
                run(105.0, 305.0, "信息内容"),
                run(105.0, 272.0, "二、上年结转"),
                run(256.0, 272.0, "118"),
                run(286.0, 272.0, "120"),
                run(316.0, 272.0, "124"),
                // The next row's number, raised onto the rule between the rows.
                run(286.0, number, "127"),
                run(105.0, 236.0, "（一）予以公开"),
                run(256.0, 236.0, "125"),
                run(316.0, 236.0, "131"),
                run(105.0, 100.0, "表下的文字"),
            ]
        };
        let unsure = format!("{UNSURE_CELL}127");
        for ruled in [&rules[..], &[]] {
            let (mut out, mut carry) = (Source::default(), Carry::default());
            write_page(1, page(257.0), ruled, &mut out, &mut carry);
            let lines: Vec<&str> = out.text.lines().collect();
            assert!(lines.contains(&"\t二、上年结转\t118\t120\t124"), "{}", out.text);
            assert!(lines.contains(&format!("\t（一）予以公开\t125\t{unsure}\t131").as_str()), "{}", out.text);
            assert!(!out.text.contains("\t127"), "{}", out.text);
        }
        // Drawn within its own row: read as that row's number.
        let (mut out, mut carry) = (Source::default(), Carry::default());
        write_page(1, page(238.0), &rules, &mut out, &mut carry);
        assert!(out.text.contains("\t（一）予以公开\t125\t127\t131"), "{}", out.text);
    }
}
