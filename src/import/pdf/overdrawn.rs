//! Text drawn twice to look bold: the same string drawn again a fraction of
//! a point beside itself (「111」 drawn at x and at x + 0.5) is one string,
//! not two (「111111」, an agency's name twice).

use super::Run;

/// How far apart (in points, and as a share of the character size) the two
/// drawings of one string may be: less than any real gap between characters.
const OFFSET: f32 = 1.5;
const OFFSET_OF_SIZE: f32 = 0.3;

/// The page's strings with each string drawn again over itself kept once.
pub(super) fn once(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let near = |a: &Run, b: &Run| {
        let limit = OFFSET.min(OFFSET_OF_SIZE * a.size.max(b.size));
        (a.x - b.x).abs() <= limit && (a.y - b.y).abs() <= limit && (a.size - b.size).abs() <= 0.1 * a.size.max(b.size)
    };
    let mut kept: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        // Only the strings kept on (nearly) the same baseline are looked at.
        let drawn = kept.iter().rev().take_while(|k| k.y - r.y <= OFFSET).any(|k| k.text == r.text && near(k, &r));
        if !drawn {
            kept.push(r);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, text: &str) -> Run {
        Run { x, y, end: x + 6.0 * text.chars().count() as f32, size: 12.0, text: text.to_string() }
    }

    #[test]
    fn a_string_drawn_again_over_itself_is_one_string() {
        let runs = vec![
            run(100.0, 500.0, "青山县市场监督管理局"),
            run(100.6, 500.2, "青山县市场监督管理局"),
            run(300.0, 400.0, "111"),
            run(300.5, 400.0, "111"),
            // Drawn one character at a time, each twice.
            run(300.0, 380.0, "1"),
            run(300.7, 380.0, "1"),
            run(306.0, 380.0, "2"),
            run(306.7, 380.0, "2"),
        ];
        let texts: Vec<String> = once(runs).into_iter().map(|r| r.text).collect();
        assert_eq!(texts, ["青山县市场监督管理局", "111", "1", "2"]);
    }

    #[test]
    fn the_same_digit_a_character_apart_is_two_digits() {
        // 「11」 drawn one character at a time: a character's width apart.
        let runs = vec![run(300.0, 380.0, "1"), run(306.0, 380.0, "1"), run(300.0, 366.0, "1")];
        assert_eq!(once(runs).len(), 3);
    }
}
