//! The shared label matcher: finds the official labels in a document whatever
//! the spacing, line breaks, punctuation, numbering style and small wording
//! changes (「规范性文件」 for 「行政规范性文件」, a dropped character).
//!
//! Labels are compared on their key characters only (punctuation and
//! whitespace removed) by edit distance with a tolerance that grows with the
//! label's length; short labels must match exactly. Every search is limited to
//! a window of the document and counts its work ([`Doc::work`]).

use std::cell::Cell;

use super::stream::{Ch, is_punctuation, stream};

/// A document ready for label searches.
pub struct Doc {
    pub s: Vec<Ch>,
    /// The key characters (no punctuation) and where each is in `s`.
    keys: Vec<char>,
    at: Vec<usize>,
    /// Dynamic-programming cells computed so far: the searches' whole work.
    pub work: Cell<u64>,
}

/// Where a label was found: `s[start..end]`, and how many edits it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub cost: usize,
}

/// How many edits a label of `len` key characters may differ by.
pub fn tolerance(len: usize) -> usize {
    if len < 6 { 0 } else { (len / 4).min(8) }
}

/// A label's key characters.
pub fn key(label: &str) -> Vec<char> {
    label.chars().map(super::stream::normalize).filter(|c| !c.is_whitespace() && !is_punctuation(*c)).collect()
}

/// A label without its leading numbering: 「（三）不予公开」 → 「不予公开」,
/// 「2.重复申请」 → 「重复申请」, 「一、总体情况」 → 「总体情况」.
pub fn core(label: &str) -> &str {
    let t = label.trim();
    if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('('))
        && let Some(i) = rest.find(['）', ')'])
        && rest[..i].chars().all(is_numeral)
    {
        return rest[i..].trim_start_matches(['）', ')']);
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit() || is_numeral(*c) || matches!(c, '０'..='９')).count();
    if digits > 0 {
        let rest: String = t.chars().skip(digits).collect();
        if rest.starts_with(['.', '．', '、']) {
            let skip = t.char_indices().nth(digits + 1).map_or(t.len(), |(i, _)| i);
            return &t[skip..];
        }
    }
    t
}

pub fn is_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

impl Doc {
    pub fn new(text: &str) -> Doc {
        let s = stream(text);
        let mut keys = Vec::with_capacity(s.len());
        let mut at = Vec::with_capacity(s.len());
        for (i, ch) in s.iter().enumerate() {
            if !is_punctuation(ch.c) {
                keys.push(ch.c);
                at.push(i);
            }
        }
        Doc { s, keys, at, work: Cell::new(0) }
    }

    pub fn len(&self) -> usize {
        self.s.len()
    }

    /// The first key index at or after stream index `i`.
    fn key_index(&self, i: usize) -> usize {
        self.at.partition_point(|&a| a < i)
    }

    fn stream_end(&self, key_end: usize) -> usize {
        if key_end == 0 { self.at.first().copied().unwrap_or(0) } else { self.at[key_end - 1] + 1 }
    }

    /// The earliest place in `s[from..to]` where `label` reads within its
    /// tolerance (the best match around there).
    pub fn find(&self, label: &str, from: usize, to: usize) -> Option<Found> {
        let p = key(label);
        self.find_key(&p, tolerance(p.len()), from, to)
    }

    /// The earliest of several wordings.
    pub fn find_any(&self, labels: &[&str], from: usize, to: usize) -> Option<Found> {
        labels.iter().filter_map(|l| self.find(l, from, to)).min_by_key(|f| (f.start, f.cost))
    }

    fn find_key(&self, p: &[char], k: usize, from: usize, to: usize) -> Option<Found> {
        let m = p.len();
        if m == 0 {
            return None;
        }
        let (a, b) = (self.key_index(from), self.key_index(to));
        // Column of (cost, start key index) for each pattern prefix.
        let mut col: Vec<(usize, usize)> = (0..=m).map(|i| (i, a)).collect();
        let mut best: Option<(usize, usize, usize)> = None; // (cost, start, end key index)
        for j in a..b {
            let mut diag = col[0];
            col[0] = (0, j + 1);
            for i in 1..=m {
                let sub = (diag.0 + usize::from(p[i - 1] != self.keys[j]), diag.1);
                let del = (col[i].0 + 1, col[i].1);
                let ins = (col[i - 1].0 + 1, col[i - 1].1);
                diag = col[i];
                // Least cost; on a tie the later start (the shorter match).
                col[i] = [sub, del, ins].into_iter().min_by_key(|(c, s)| (*c, usize::MAX - s)).unwrap_or(sub);
            }
            self.work.set(self.work.get() + m as u64);
            let (cost, start) = col[m];
            match best {
                Some((c, _, _)) if cost < c => best = Some((cost, start, j + 1)),
                Some(_) => break,
                None if cost <= k => best = Some((cost, start, j + 1)),
                None => {}
            }
        }
        best.map(|(cost, start, end)| Found { start: self.at[start], end: self.stream_end(end), cost })
    }

    /// Edit distance from `label` to the key text starting exactly at stream
    /// index `i` (the best end), when within tolerance.
    pub fn anchored(&self, label: &str, i: usize, slack: usize) -> Option<Found> {
        let p = key(label);
        let m = p.len();
        let a = self.key_index(i);
        let b = (a + m + slack + tolerance(m)).min(self.keys.len());
        // Row-wise DP without a free start.
        let mut prev: Vec<usize> = (0..=b - a).collect();
        for i in 1..=m {
            let mut cur = vec![i; b - a + 1];
            for j in 1..=b - a {
                let sub = prev[j - 1] + usize::from(p[i - 1] != self.keys[a + j - 1]);
                cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            }
            self.work.set(self.work.get() + (b - a) as u64);
            prev = cur;
        }
        let (end, cost) = prev.iter().enumerate().min_by_key(|(j, c)| (**c, *j))?;
        (*cost <= tolerance(m)).then(|| Found {
            start: self.at.get(a).copied().unwrap_or(i),
            end: self.stream_end(a + end),
            cost: *cost,
        })
    }

    /// A part heading 「四、…」: the numeral, a 、 or a point, then one of the
    /// wordings; searched from `from`.
    pub fn heading(&self, numeral: char, wordings: &[&str], from: usize, to: usize) -> Option<Found> {
        let to = to.min(self.s.len());
        let mut i = from;
        while i + 1 < to {
            if self.s[i].c == numeral
                && matches!(self.s[i + 1].c, '、' | '.' | '，')
                && !self.s.get(i.wrapping_sub(1)).is_some_and(|p| is_numeral(p.c))
            {
                let best = wordings.iter().filter_map(|w| self.anchored(w, i + 2, 2)).min_by_key(|f| f.cost);
                if let Some(f) = best {
                    return Some(Found { start: i, end: f.end, cost: f.cost });
                }
            }
            i += 1;
        }
        None
    }

    /// The text of the stream from `from` to `to`, as [`super::stream::text_of`].
    pub fn text(&self, from: usize, to: usize) -> String {
        super::stream::text_of(&self.s, from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_found_broken_spaced_and_slightly_changed() {
        let d = Doc::new("表头\t自\n\n然\n\n人\t2.其他法律行政止公开\t0\t规 范 性 文 件\t3");
        let f = d.find("自然人", 0, d.len()).unwrap();
        assert_eq!(d.text(f.start, f.end), "自\n然\n人");
        let f = d.find(core("2.其他法律行政法规禁止公开"), 0, d.len()).unwrap();
        assert_eq!(f.cost, 3);
        assert!(d.find("规范性文件", 0, d.len()).is_some(), "spaced out");
        assert!(d.find("行政规范性文件", 0, d.len()).is_none(), "two characters off: callers list such wordings");
        assert!(d.find("行政许可", 0, d.len()).is_none(), "short labels must be exact");
        assert!(d.work.get() < 2_000);
    }

    #[test]
    fn numbering_is_not_part_of_a_label() {
        assert_eq!(core("（三）不予公开"), "不予公开");
        assert_eq!(core("2．重复申请"), "重复申请");
        assert_eq!(core("一、总体情况"), "总体情况");
        assert_eq!(core("规章"), "规章");
        assert_eq!(core("12345"), "12345");
    }

    #[test]
    fn headings_need_their_numeral() {
        let d = Doc::new("本报告由总体情况、主动公开政府信息情况组成。\n一、总体情况\n正文\n二、主动公开政府信息情况\n表");
        let one = d.heading('一', &["总体情况"], 0, d.len()).unwrap();
        let two = d.heading('二', &["主动公开政府信息情况"], 0, d.len()).unwrap();
        assert_eq!(d.text(one.start, one.end), "一、总体情况");
        assert_eq!(d.text(two.start, two.end), "二、主动公开政府信息情况");
    }
}
