//! A paragraph's line spread over the full width (justified text whose line
//! breaks before a long word, as LibreOffice and Word print 「电 话 ： 0571-… ；
//! 电 子 邮 箱 ：」 before an e-mail address): its characters stand evenly
//! apart, wider than the gap of a table's cells. Such a line is one string
//! again, so it reads as text and its paragraph goes on.

use super::super::{Rule, Run, grid};

/// Joins each line that is spread out: below a line of text (no cell gaps) ending
/// where it ends, not in a ruled table, its strings mostly single Chinese
/// characters or signs, and every gap between them the same to a point.
pub(in crate::import::pdf) fn join_spread_lines(lines: &mut [Vec<Run>], rules: &[Rule]) {
    for k in 1..lines.len() {
        let (above, line) = (&lines[k - 1], &lines[k]);
        let plain = above.windows(2).all(|w| w[1].x - w[0].end.max(w[0].x) <= 0.9 * w[1].size);
        if line.len() < 4 || !plain || grid::edges(rules, line[0].y, line[0].size).len() >= 2 {
            continue;
        }
        let (em, last) = (line[0].size, &line[line.len() - 1]);
        let gaps: Vec<f32> = line.windows(2).map(|w| w[1].x - w[0].end.max(w[0].x)).collect();
        let (lo, hi) = gaps.iter().fold((f32::MAX, f32::MIN), |(l, h), &g| (l.min(g), h.max(g)));
        // Single Chinese characters or full-width signs (not digits, not 「—」 of blank cells).
        let chinese = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
        let single = line.iter().filter(|r| r.text.chars().count() == 1 && r.text.chars().all(chinese)).count();
        let even = hi - lo <= 1.0 && lo > 0.0;
        let ends_with_above = (last.end - above[above.len() - 1].end).abs() <= 1.5 * em && line[0].x <= above[0].x + 2.5 * em;
        if !(even && ends_with_above && 2 * single > line.len()) {
            continue;
        }
        let mut whole = line[0].clone();
        for r in &line[1..] {
            if whole.text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && r.text.starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                whole.text.push(' ');
            }
            whole.text.push_str(&r.text);
            whole.end = r.end;
        }
        lines[k] = vec![whole];
    }
}
