//! Breaking a long agency name in the title between words, never inside one
//! (GB/T 9704 7.3.1: 回行时要做到词意完整).

use super::text::{Glyph, width};

/// Endings of organisation words: the best places to break an agency name.
const ORGANISATION_ENDS: [&str; 19] = [
    "人民政府",
    "办公室",
    "委员会",
    "管理局",
    "中心",
    "政府",
    "办事处",
    "局",
    "委",
    "厅",
    "办",
    "院",
    "部",
    "所",
    "站",
    "队",
    "会",
    "处",
    "科",
];
/// Endings of place names: a break here parts a place from its organisation, so only
/// when no organisation ending fits.
const PLACE_ENDS: [&str; 10] = ["省", "市", "县", "区", "州", "盟", "旗", "镇", "乡", "街道"];

/// Where the name may break (character counts of the first part).
fn breaks(chars: &[char], ends: &[&str]) -> Vec<usize> {
    let text: String = chars.iter().collect();
    let mut out: Vec<usize> = ends
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(i, m)| text[..i + m.len()].chars().count()))
        .filter(|&n| n > 0 && n < chars.len())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Splits the shaped name into lines no wider than `max`, at word ends when
/// possible, as balanced as possible; returns the glyphs of each line.
pub fn split_name(glyphs: Vec<Glyph>, max: f32) -> Vec<Vec<Glyph>> {
    if width(&glyphs) <= max || glyphs.len() < 2 {
        return vec![glyphs];
    }
    let chars: Vec<char> = glyphs.iter().map(|g| g.ch).collect();
    let fits = |n: &usize| width(&glyphs[..*n]) <= max;
    let mut fitting: Vec<usize> = breaks(&chars, &ORGANISATION_ENDS).into_iter().filter(fits).collect();
    if fitting.is_empty() {
        fitting = breaks(&chars, &PLACE_ENDS).into_iter().filter(fits).collect();
    }
    let cut = if fitting.is_empty() {
        // No word end fits: break at the last character that fits.
        (1..glyphs.len()).rev().find(|&n| width(&glyphs[..n]) <= max).unwrap_or(1)
    } else if let Some(&best) = fitting
        .iter()
        .filter(|&&n| width(&glyphs[n..]) <= max)
        .min_by(|&&a, &&b| balance(&glyphs, a).total_cmp(&balance(&glyphs, b)))
    {
        best
    } else {
        *fitting.last().expect("not empty")
    };
    let mut rest = glyphs;
    let tail = rest.split_off(cut);
    let mut lines = vec![rest];
    lines.extend(split_name(tail, max));
    lines
}

/// How unequal the two lines are; a slightly shorter first line (梯形) is preferred.
fn balance(glyphs: &[Glyph], cut: usize) -> f32 {
    let (a, b) = (width(&glyphs[..cut]), width(&glyphs[cut..]));
    (a - b).abs() + if a > b { 1.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Role};
    use crate::layout::text::{Missing, Style, shape};

    fn split(name: &str, chars: f32) -> Vec<String> {
        let style = Style { role: Role::Title, size: 22.0 };
        let glyphs = shape(FontSet::bundled(), name, style, "标题", &mut Missing::default());
        split_name(glyphs, chars * 22.0).into_iter().map(|l| l.iter().map(|g| g.ch).collect()).collect()
    }

    #[test]
    fn short_names_stay_on_one_line() {
        assert_eq!(split("青山县市场监督管理局", 20.0), vec!["青山县市场监督管理局"]);
    }

    #[test]
    fn long_names_break_between_words_and_balance() {
        assert_eq!(
            split("青山县人民政府办公室青山县政务服务和大数据管理局", 20.0),
            vec!["青山县人民政府办公室", "青山县政务服务和大数据管理局"]
        );
        assert_eq!(split("中共青山县委机构编制委员会办公室", 12.0), vec!["中共青山县委", "机构编制委员会办公室"]);
    }

    #[test]
    fn a_name_without_word_ends_still_fits() {
        let lines = split("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥", 10.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 10));
        assert_eq!(lines.concat(), "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥");
    }
}
