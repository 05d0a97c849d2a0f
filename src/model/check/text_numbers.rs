//! S5: counts stated in the text of 一、总体情况 that contradict the tables.
//!
//! A number is read only as “N件” (or “N宗”), and only with the words just
//! before it in its clause (or, when those say nothing, just after it: 「1件结转
//! 下年度继续办理」). What the words mean (README.md documents it):
//! - 收到/受理/接收/接到 N 件 (申请): 本年新收 + 上年结转, or 本年新收 alone;
//!   办理 N 件 may also be the （七）总计; 新收 is 本年新收; 办结/答复 is （七）总计;
//!   结转下年度 (结转至2025年) is 四, 上年结转 is 二 — all in the 总计 column, and
//!   only in a sentence about 政府信息公开申请 (not 行政许可、建议、信访、咨询…), and
//!   not for a part: after 其中, by channel (通过网络平台), period (上半年、12月份) or
//!   subset (另有、按期、被纠错), or counts in a row adding up to the whole;
//! - 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理: the total of that group,
//!   several named together (「予以公开及部分公开」) their sum;
//! - 行政复议 / 行政诉讼 (直接起诉, 复议后起诉): table 四's 总计 of that group, both
//!   named together their sum; not a count of one outcome (维持、纠正、审结…);
//! - 现行有效 / 制发 / 废止 with 行政规范性文件 or 规章: that cell of table 二;
//! - a clause about change (同比、较上年、增长…), 备案 or another year states no
//!   table count, nor does a range or an approximation (2至5件, 约30件).
//!
//! The finding quotes the clause and is worded as a question: a text often
//! counts one office (区政府办) while the table counts a whole area.

use std::ops::Range;

use super::reading::{CLAUSE_ENDS, Reading, shorten, split};
use super::text_claims::{Claim, about_disclosure_applications, claim, is_part};
use super::{Findings, Location};
use crate::model::decimal::Decimal;
use crate::model::money::amounts_in_yuan;
use crate::model::report::{Report, TextField};

pub(super) fn check(r: &Report, out: &mut Findings) {
    let fields = std::iter::once(TextField::OverviewLead).chain((0..r.overview.sections.len()).map(TextField::OverviewBody));
    for field in fields {
        let text = match field {
            TextField::OverviewBody(i) => &r.overview.sections[i].body,
            _ => &r.overview.lead,
        };
        let reading = Reading::new(text);
        // Every count read so far in the field, and what it was read as.
        let mut stated: Vec<(String, i64)> = Vec::new();
        for sentence in reading.sentences() {
            let about = about_disclosure_applications(&reading.text(sentence.clone()), field == TextField::OverviewBody(1));
            let mut counts: Vec<(Range<usize>, i64, Claim)> = Vec::new();
            let mut fees = Vec::new();
            for clause in split(&reading.chars, sentence.clone(), |c| CLAUSE_ENDS.contains(&c)) {
                let earlier = reading.text(sentence.start..clause.start);
                let words = reading.text(clause.clone());
                if CHANGE_WORDS.iter().any(|w| words.contains(w)) {
                    continue;
                }
                for count in counts_in(&reading, clause.clone()).into_iter().filter(|c| !c.vague) {
                    let after = || if is_part(&count.before) { None } else { claim(r, &count.after, about, &earlier) };
                    if let Some(claim) = claim(r, &count.before, about, &earlier).or_else(after) {
                        counts.push((clause.clone(), count.n, claim));
                    }
                }
                fees.extend(fee_stated(r, &words).map(|fee| (clause.clone(), fee)));
            }
            let parts = parts_of_a_whole(&counts, &stated);
            stated.extend(counts.iter().map(|(_, n, claim)| (claim.table.clone(), *n)));
            let contradictions = counts
                .into_iter()
                .zip(parts)
                .filter(|((_, n, claim), part)| !part && !claim.allowed.contains(n))
                .map(|((clause, _, claim), _)| (clause, claim.table));
            let mut clauses: Vec<(Range<usize>, Vec<String>)> = Vec::new();
            for (clause, table) in contradictions.chain(fees) {
                match clauses.iter_mut().find(|(c, _)| *c == clause) {
                    Some((_, tables)) => tables.push(table),
                    None => clauses.push((clause, vec![table])),
                }
            }
            clauses.sort_by_key(|(c, _)| c.start);
            for (clause, tables) in clauses {
                let clause = reading.trimmed(clause);
                let words = reading.text(clause.clone());
                out.warning(
                    "S5",
                    Location::Quote(field, reading.span(clause)),
                    format!(
                        "{}写「{}」，而{}。是正文只统计了一部分（如本机关、某一类），还是正文或表格有误？请核对",
                        field.label(r),
                        shorten(&words, 60),
                        tables.join("；")
                    ),
                );
            }
        }
    }
}

/// Which of a sentence's counts are parts of a whole: two or more counts in a
/// row that each contradict the same cell but add up to what it allows, or to a
/// count stated for it before them (「收到35件。局机关收到12件，基层所收到23件」).
fn parts_of_a_whole(counts: &[(Range<usize>, i64, Claim)], before: &[(String, i64)]) -> Vec<bool> {
    let mut parts = vec![false; counts.len()];
    let off: Vec<usize> = (0..counts.len()).filter(|&k| !counts[k].2.allowed.contains(&counts[k].1)).collect();
    for (a, &first) in off.iter().enumerate() {
        let claim = &counts[first].2;
        let earlier = |n: i64| {
            before.iter().any(|(t, m)| *t == claim.table && *m == n)
                || counts[..first].iter().any(|(_, m, c)| c.table == claim.table && *m == n)
        };
        let run: Vec<usize> = off[a..].iter().copied().take_while(|&k| counts[k].2.table == claim.table).collect();
        for end in 2..=run.len() {
            let total: i64 = run[..end].iter().map(|&k| counts[k].1).sum();
            if claim.allowed.contains(&total) || earlier(total) {
                run[..end].iter().for_each(|&k| parts[k] = true);
            }
        }
    }
    parts
}

/// Clauses with these words compare or count something else.
const CHANGE_WORDS: [&str; 12] =
    ["同比", "环比", "较上年", "比上年", "较去年", "比去年", "增长", "下降", "减少", "增加", "上升", "备案"];

/// A “N件” of a clause: the words from the previous count (or the clause's
/// start) to it, and the words after it up to the next count or 「、」.
struct Stated {
    before: String,
    n: i64,
    after: String,
    /// A range or an approximation (2至5件, 约30件, 30件左右): not compared.
    vague: bool,
}

fn counts_in(reading: &Reading, clause: Range<usize>) -> Vec<Stated> {
    let chars = &reading.chars;
    let mut found: Vec<(usize, usize, i64)> = Vec::new();
    let mut i = clause.start;
    while i < clause.end {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < clause.end && chars[i].is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| chars[b]);
        let unit = chars.get(i).is_some_and(|c| matches!(c, '件' | '宗')) && chars.get(i + 1) != Some(&'次');
        if unit && !matches!(before, Some('第' | '.')) && i - start <= 9 {
            let n = reading.text(start..i).parse().unwrap_or(-1);
            found.push((start, i + 1, n));
        }
    }
    let mut out = Vec::new();
    for (k, &(start, end, n)) in found.iter().enumerate() {
        let from = if k == 0 { clause.start } else { found[k - 1].1 };
        let to = found.get(k + 1).map_or(clause.end, |next| next.0);
        let after = reading.text(end..to);
        let after = after.split(['、', '；']).next().unwrap_or_default().to_string();
        out.push(Stated { before: reading.text(from..start), n, after, vague: vague(chars, start, end) });
    }
    out
}

/// Whether the count at `start..end` (digits and 件) is a range or an approximation.
fn vague(chars: &[char], start: usize, end: usize) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied().unwrap_or(' ');
    let (prev, prev2) = (at(start.checked_sub(1)), at(start.checked_sub(2)));
    let range = "至到-~～—－".contains(prev) && (prev2.is_ascii_digit() || prev2 == '件');
    let two: String = [prev2, prev].iter().collect();
    let next: String = chars[end.min(chars.len())..chars.len().min(end + 2)].iter().collect();
    range
        || "约近逾".contains(prev)
        || ["超过", "不到", "不足", "将近", "多于", "少于"].contains(&two.as_str())
        || ["左右", "以上", "以下", "上下", "之多"].contains(&next.as_str())
        || next.starts_with('余')
}

/// 信息处理费 stated in 元 in a clause of part 一, against the amount filled in.
fn fee_stated(r: &Report, words: &str) -> Option<String> {
    let fee = r.processing_fee?;
    if !words.contains("信息处理费") {
        return None;
    }
    let stated: Vec<Decimal> = amounts_in_yuan(words);
    (!stated.is_empty() && !stated.contains(&fee)).then(|| format!("填写的本年信息处理费为 {fee} 元"))
}

#[cfg(test)]
mod tests;
