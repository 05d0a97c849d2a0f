//! Breaking a long agency name in the title between words, never inside one, into
//! the 梯形 or 菱形 shape of GB/T 9704 §7.3.1 (「回行时，要做到词意完整，排列对称，
//! 长短适宜，间距恰当，标题排列应当使用梯形或菱形」).
//!
//! The breaks are chosen by dynamic programming over break positions, in time
//! linear in the name's length: a line holds at most a line's width of glyphs, so
//! each position looks back over a bounded window.

use super::lines::{NO_END, NO_START, count_work};
use super::text::{Glyph, is_cjk};

/// Organisation words: the best places to end a line of an agency name.
const ORGANISATION_ENDS: [&str; 27] = [
    "人民政府",
    "办公室",
    "委员会",
    "管理局",
    "办事处",
    "中心",
    "政府",
    "分局",
    "支队",
    "大队",
    "党委",
    "党组",
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
    "馆",
    "社",
    "团",
];
/// Place words: a break here parts a place from its organisation, so it comes
/// second to an organisation word.
const PLACE_ENDS: [&str; 12] = ["自治区", "自治州", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡", "街道"];
/// Words that may not be broken although a shorter ending occurs inside them
/// (「管理委｜员会」, 「人民政｜府」).
const WHOLE_WORDS: [&str; 16] = [
    "管理委员会",
    "居民委员会",
    "村民委员会",
    "乡镇",
    "社区",
    "委员会",
    "人民政府",
    "人民代表大会",
    "常务委员会",
    "办事处",
    "办公室",
    "管理局",
    "服务中心",
    "监督管理",
    "自治区",
    "自治州",
];

/// Costs, in the order the choices matter: a break inside a word (only if nothing
/// else fits), a break between unknown words, one more line; a place break is
/// weighed against the shape.
const INSIDE_WORD: f64 = 1e12;
const UNKNOWN_BOUNDARY: f64 = 1e10;
const LINE: f64 = 1e9;
const PLACE_BREAK: f64 = 30.0;
/// Per 字 that a line is shorter than the one above it (梯形: lines grow downwards;
/// 菱形: they grow, then shrink once).
const SHRINK: f64 = 20.0;

/// What it costs to end a line before glyph `i` (0 < i < n).
fn break_costs(glyphs: &[Glyph]) -> Vec<f64> {
    let n = glyphs.len();
    let text: String = glyphs.iter().map(|g| g.ch).collect();
    // Character index of every byte offset that starts a character.
    let mut char_at = vec![0usize; text.len() + 1];
    for (c, (b, _)) in text.char_indices().enumerate() {
        char_at[b] = c;
    }
    char_at[text.len()] = n;
    let mut cost = vec![UNKNOWN_BOUNDARY; n + 1];
    let mark = |words: &[&str], value: f64, cost: &mut Vec<f64>| {
        for w in words {
            for (b, m) in text.match_indices(w) {
                count_work(1);
                let end = char_at[b + m.len()];
                cost[end] = cost[end].min(value);
            }
        }
    };
    mark(&PLACE_ENDS, PLACE_BREAK, &mut cost);
    mark(&ORGANISATION_ENDS, 0.0, &mut cost);
    for w in WHOLE_WORDS {
        for (b, m) in text.match_indices(w) {
            count_work(1);
            cost[char_at[b] + 1..char_at[b + m.len()]].fill(INSIDE_WORD);
        }
    }
    for i in 1..n {
        let (before, after) = (glyphs[i - 1].ch, glyphs[i].ch);
        let in_latin = !is_cjk(before) && !is_cjk(after) && before != ' ' && after != ' ';
        if in_latin || NO_START.contains(after) || NO_END.contains(before) {
            cost[i] = INSIDE_WORD;
        }
    }
    cost
}

/// One way to end a line at some position: where the line starts, its width,
/// the best cost of everything up to here and which line came before.
#[derive(Clone, Copy)]
struct Node {
    start: usize,
    width: f32,
    cost: f64,
    previous: Option<usize>,
}

/// Splits the shaped name into lines no wider than `max`: the fewest lines the
/// words allow, as even as possible, none much shorter than the line above it;
/// `next`: the width of the line that follows the name (the rest of the title).
/// Returns the glyphs of each line.
pub fn split_name(glyphs: Vec<Glyph>, max: f32, next: f32) -> Vec<Vec<Glyph>> {
    let n = glyphs.len();
    let total: f32 = glyphs.iter().map(|g| g.advance).sum();
    if total <= max || n < 2 {
        return vec![glyphs];
    }
    let em = glyphs.iter().map(|g| g.advance).fold(0.0, f32::max).max(1.0);
    let costs = break_costs(&glyphs);
    let mut prefix = vec![0.0f32; n + 1];
    for (i, g) in glyphs.iter().enumerate() {
        prefix[i + 1] = prefix[i] + g.advance;
    }
    // First pass: the fewest lines; second: their shape, with the even width known.
    let fewest = solve(&prefix, &costs, max, em, None, next);
    let lines = count_lines(&fewest);
    let target = total / lines as f32;
    let nodes = solve(&prefix, &costs, max, em, Some(target), next);
    let mut cuts = Vec::new();
    let mut at = best_end(&nodes);
    while let Some(k) = at {
        cuts.push(nodes[k].1.start);
        at = nodes[k].1.previous;
    }
    cuts.reverse();
    let mut glyphs = glyphs.into_iter();
    let mut out: Vec<Vec<Glyph>> = cuts.windows(2).map(|p| glyphs.by_ref().take(p[1] - p[0]).collect()).collect();
    out.push(glyphs.collect());
    out
}

/// The lattice of line ends: `nodes` holds every (start, end) line that fits; the
/// returned vector lists them by end position so each can find its predecessors.
fn solve(prefix: &[f32], costs: &[f64], max: f32, em: f32, target: Option<f32>, next: f32) -> Vec<(usize, Node)> {
    let n = prefix.len() - 1;
    let mut nodes: Vec<(usize, Node)> = Vec::new();
    // by_end[j]: the nodes ending at j.
    let mut by_end: Vec<std::ops::Range<usize>> = vec![0..0; n + 1];
    for end in 1..=n {
        let first = nodes.len();
        let end_cost = if end == n { 0.0 } else { costs[end] };
        let mut start = end;
        while start > 0 && prefix[end] - prefix[start - 1] <= max + 0.01 {
            start -= 1;
            count_work(1);
            let width = prefix[end] - prefix[start];
            let mut line = LINE + end_cost;
            if let Some(t) = target {
                line += f64::from((width - t) / em).powi(2);
                if end == n {
                    line += shrink(next, width, em); // the line below this one: the rest of the title
                }
            }
            let node = if start == 0 {
                Some(Node { start, width, cost: line, previous: None })
            } else {
                by_end[start]
                    .clone()
                    .map(|k| {
                        count_work(1);
                        let p = &nodes[k].1;
                        let turn = if target.is_some() { shrink(width, p.width, em) } else { 0.0 };
                        (p.cost + line + turn, k)
                    })
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(cost, k)| Node { start, width, cost, previous: Some(k) })
            };
            if let Some(node) = node {
                nodes.push((end, node));
            }
        }
        by_end[end] = first..nodes.len();
    }
    nodes
}

fn shrink(width: f32, above: f32, em: f32) -> f64 {
    SHRINK * f64::from(((above - width) / em - 0.5).max(0.0))
}

fn best_end(nodes: &[(usize, Node)]) -> Option<usize> {
    let n = nodes.last()?.0;
    (0..nodes.len()).filter(|&k| nodes[k].0 == n).min_by(|&a, &b| nodes[a].1.cost.total_cmp(&nodes[b].1.cost))
}

fn count_lines(nodes: &[(usize, Node)]) -> usize {
    let mut lines = 0;
    let mut at = best_end(nodes);
    while let Some(k) = at {
        lines += 1;
        at = nodes[k].1.previous;
    }
    lines.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Role};
    use crate::layout::lines::work_done;
    use crate::layout::text::{Missing, Style, shape};

    fn split(name: &str, chars: f32, next: f32) -> Vec<String> {
        let style = Style { role: Role::Title, size: 22.0 };
        let glyphs = shape(FontSet::bundled(), name, style, "标题", &mut Missing::default());
        split_name(glyphs, chars * 22.0, next * 22.0).into_iter().map(|l| l.iter().map(|g| g.ch).collect()).collect()
    }

    #[test]
    fn short_names_stay_on_one_line() {
        assert_eq!(split("青山县市场监督管理局", 20.0, 15.0), vec!["青山县市场监督管理局"]);
    }

    #[test]
    fn long_names_break_between_words() {
        assert_eq!(
            split("青山县人民政府办公室青山县政务服务和大数据管理局", 20.0, 15.0),
            vec!["青山县人民政府办公室", "青山县政务服务和大数据管理局"]
        );
        assert_eq!(split("中共青山县委机构编制委员会办公室", 12.0, 12.0), vec!["中共青山县委", "机构编制委员会办公室"]);
        // Not 「…管理委｜员会」: 委员会 is one word.
        let lines = split("青山市青山经济技术开发区青山片区管理委员会", 20.0, 15.0);
        assert!(lines.iter().all(|l| !l.ends_with('委') && !l.starts_with("员会")), "{lines:?}");
        let lines =
            split("某某省某某自治州某某县某某乡镇人民政府某某街道办事处某某社区居民委员会某某管理委员会办公室", 20.0, 15.0);
        assert!(lines.iter().all(|l| !l.ends_with('乡') && !l.ends_with('社') && !l.ends_with("居民")), "{lines:?}");
    }

    #[test]
    fn lines_grow_downwards() {
        // Two lines of 8 + 8 or 9 + 7 …: the upper line is never the longer by more than half a 字.
        let lines = split("某某省某某市某某县某某乡人民政府", 10.0, 15.0);
        assert_eq!(lines.concat(), "某某省某某市某某县某某乡人民政府");
        let w: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert!(w.windows(2).all(|p| p[0] <= p[1]), "{lines:?}");
    }

    #[test]
    fn the_last_line_of_the_name_is_not_much_longer_than_the_line_below() {
        // Not 「青山市」 over 18 字 over the 15-字 rest of the title.
        let lines = split("青山市青山经济技术开发区青山片区管理委员会", 20.0, 15.5);
        assert!(lines[0].chars().count() > 3, "{lines:?}");
        assert_eq!(lines.concat(), "青山市青山经济技术开发区青山片区管理委员会");
    }

    #[test]
    fn the_shape_may_prefer_a_place_break() {
        // 13 + 8 over a 15-字 line would narrow then widen (an hourglass); 6 + 15 grows.
        assert_eq!(
            split("内蒙古自治区卫生健康委员会埇桥区街道办事处", 20.0, 15.0),
            vec!["内蒙古自治区", "卫生健康委员会埇桥区街道办事处"]
        );
    }

    #[test]
    fn a_name_without_word_ends_still_fits() {
        let lines = split("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥", 10.0, 10.0);
        assert!(lines.iter().all(|l| l.chars().count() <= 10));
        assert_eq!(lines.concat(), "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥");
    }

    #[test]
    fn breaking_is_linear_in_the_length_of_the_name() {
        for n in [1_000usize, 20_000] {
            let name = "青山县人民政府办公室青山片区管理委员会".repeat(n / 19);
            let before = work_done();
            let lines = split(&name, 20.0, 15.0);
            let per_char = (work_done() - before) as f64 / name.chars().count() as f64;
            assert_eq!(lines.concat(), name);
            // A line holds at most 20 glyphs, so each position examines a bounded window.
            assert!(per_char < 1000.0, "{n}: {per_char} candidates per character");
        }
    }
}
