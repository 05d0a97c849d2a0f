//! A number whose digits are drawn pulled apart: within one text operation,
//! digits followed by more digits after a shift of more than a digit's width,
//! forward or back (「1」, then 「27」 three cells on, or back over the cell
//! before). Where the number belongs, and whether it is one number, is not
//! certain: its pieces are read as one unsure cell where it starts
//! ([`UNSURE_CELL`](crate::import::stream::UNSURE_CELL)), with the readings it
//! may have (each piece, and the pieces joined), and nowhere else.

use super::Run;
use crate::import::stream::unsure_cell;

/// A shift (thousandths of a character) wider than a digit (half a character).
const DIGIT: f32 = 500.0;

/// The shift given before a string when a space was drawn between it and the
/// string before (a word space, however wide justification made it: 「8888」
/// 「 」「6000」 in LibreOffice's justified 「0571-8888 6000」): two words, never
/// one number torn apart. Not a number, so it stays so whatever shift is added.
pub(super) const SPACED: f32 = f32::NAN;

fn digits(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Joins the torn numbers among `runs[first..]`, the strings of one text
/// operation, `shifts[k]` the shift drawn before `runs[first + k]`.
pub(super) fn join(runs: &mut Vec<Run>, first: usize, shifts: &[f32]) {
    if runs.len() < first + 2 || shifts.len() != runs.len() - first {
        return;
    }
    let mine = runs.split_off(first);
    let mut group: Vec<Run> = Vec::new();
    let flush = |group: &mut Vec<Run>, runs: &mut Vec<Run>| {
        if group.len() >= 2 {
            let mut readings: Vec<String> = group.iter().map(|r| r.text.clone()).collect();
            readings.push(group.iter().map(|r| r.text.as_str()).collect());
            let mut seen = Vec::new();
            readings.retain(|r| {
                !seen.contains(r) && {
                    seen.push(r.clone());
                    true
                }
            });
            let mut run = group[0].clone();
            run.text = unsure_cell(&readings);
            runs.push(run);
        } else {
            runs.append(group);
        }
        group.clear();
    };
    for (k, r) in mine.into_iter().enumerate() {
        let spaced = shifts[k].is_nan();
        let torn = !spaced && group.last().is_some_and(|p| digits(&p.text) && digits(&r.text) && shifts[k].abs() > DIGIT);
        if !torn {
            flush(&mut group, runs);
        }
        group.push(r);
    }
    flush(&mut group, runs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::stream::UNSURE_CELL;

    fn run(x: f32, text: &str) -> Run {
        Run { x, y: 600.0, end: x + 6.0 * text.len() as f32, size: 12.0, text: text.to_string() }
    }

    #[test]
    fn digits_pulled_apart_are_one_unsure_cell_where_the_number_starts() {
        // [(1) -2600 (27)]: 「27」 drawn three cells on, over the next number.
        let mut runs = vec![run(50.0, "表三"), run(373.0, "1"), run(410.0, "27"), run(404.0, "128")];
        join(&mut runs, 1, &[0.0, -2600.0, 0.0]);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["表三", &format!("{UNSURE_CELL}1 27 127"), "128"]);
        assert_eq!(runs[1].x, 373.0);
        // Back over the cell before: the same.
        let mut runs = vec![run(373.0, "1"), run(337.0, "27")];
        join(&mut runs, 0, &[0.0, 3000.0]);
        assert_eq!(runs.len(), 1);
        assert!(runs[0].text.starts_with(UNSURE_CELL));
    }

    #[test]
    fn digits_with_a_space_drawn_between_are_two_words() {
        // LibreOffice's justified 「0571-8888 6000」: [(8) -951 ( ) -951 (6)], the space not a run.
        let mut runs = vec![run(156.0, "8"), run(201.8, "6"), run(212.0, "000")];
        join(&mut runs, 0, &[0.0, SPACED, -1.0]);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["8", "6", "000"]);
    }

    #[test]
    fn kerning_within_a_digit_and_words_are_left_alone() {
        let mut runs = vec![run(300.0, "1"), run(306.0, "27"), run(340.0, "共"), run(400.0, "件")];
        join(&mut runs, 0, &[0.0, -80.0, -3000.0, -4000.0]);
        assert_eq!(runs.len(), 4);
    }
}
