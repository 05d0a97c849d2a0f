//! The 信息处理费 from part 六's text. Taken only when the text states exactly
//! one amount that is surely this year's total: a sentence about the fee with
//! one amount, or 「其中信息处理费N元」, which decides over a total with
//! postage, or a 共计/合计 amount that the parts beside it add up to. An
//! amount in a clause about another year (上年, or a year not the report's),
//! in a bracketed aside (「（另退还20元）」「（上年度：120元）」), of another fee
//! alone (「邮寄费20元另计」) or out of a sum (「其中退还20元」) is not the total.
//! A sum with another fee in it (「其中邮寄费50元」「（含邮寄费20元）」
//! 「信息处理费和邮寄费共计120元」), several
//! amounts, a rate (每件/每页/标准), a range, an
//! approximation (约/左右/余/多) or a number not printed as money is no fee:
//! the sentence and the amounts seen go to the clerk instead.

use crate::model::{Decimal, money};

/// What part 六 says of the fee.
#[derive(Debug, PartialEq)]
pub enum Fee {
    /// One amount (0 when it says none was collected).
    Read(Decimal),
    /// A sentence about the fee whose amount is not certain, with the amounts seen.
    Unsure { sentence: String, readings: Vec<Decimal> },
    /// No sentence about the fee.
    Absent,
}

/// Words saying nothing was collected.
const NONE_COLLECTED: [&str; 9] =
    ["未收取", "没有收取", "无收取", "不收取", "未产生", "未发生", "均未收取", "零元", "不收取任何费用"];
/// Before an amount: not its exact value.
const HEDGE_BEFORE: [&str; 9] = ["约", "近", "逾", "超过", "不足", "不到", "将近", "至少", "最多"];
/// After an amount: not its exact value.
const HEDGE_AFTER: [&str; 6] = ["左右", "余", "多", "以上", "以下", "上下"];
/// Between the two ends of a range: 「100至200元」「100-200元」.
const RANGE: [char; 6] = ['至', '到', '~', '～', '-', '—'];
/// A clause about another year: its amount is not this year's fee.
const OTHER_YEAR: [&str; 5] = ["上年", "去年", "上一年", "往年", "同比"];
/// Before an amount: the sum of the parts beside it (「分别为100元、200元，共计300元」).
const SUM: [&str; 4] = ["共计", "合计", "总计", "累计"];
/// In brackets: money given back, not collected (「（另退还申请人多缴费用20元）」).
const REFUND: [&str; 3] = ["退还", "退回", "退费"];
/// A clause about this year, whatever year the sentence named before it.
const THIS_YEAR: [&str; 4] = ["本年", "今年", "全年", "当年"];
/// What ends a clause.
const CLAUSE_END: [char; 9] = ['，', ',', '、', '：', ':', '（', '）', '；', '。'];

/// How one amount in a fee sentence stands.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A candidate for the total.
    Total,
    /// 「共计300元」: the total, when the other candidates add up to it.
    Sum,
    /// 「其中信息处理费N元」: the fee itself, out of a larger sum.
    Named,
    /// 每件/每页/标准, another year, a part (「其中退还20元」), an aside
    /// (「（另退还20元）」): not the total.
    Aside,
    /// 「其中邮寄费50元」: another fee inside the sum, which is then not all
    /// 信息处理费 unless the fee is named too.
    Mixed,
    /// 约/左右, a range, odd separators: the text does not say exactly.
    Vague,
}

/// Part 六's 信息处理费 in a report of `year` (when known), or why it is not taken.
pub fn read(text: &str, year: Option<i32>) -> Fee {
    // Sentences, each with its paragraph: 「…收取信息处理费。共计收取45元。」
    // offers the next sentence's amounts only within one paragraph.
    let sentences: Vec<(usize, String)> = text
        .split('\n')
        .enumerate()
        .flat_map(|(p, para)| para.split(['。', '；', ';']).map(move |s| (p, s)))
        .map(|(p, s)| (p, s.chars().filter(|c| !c.is_whitespace()).map(crate::import::stream::normalize).collect()))
        .collect();
    let mut values: Vec<(Decimal, bool)> = Vec::new();
    let mut doubt: Option<(String, Vec<Decimal>)> = None;
    for (n, (para, s)) in sentences.iter().enumerate() {
        // 「信息处理费」, or 「依申请提供政府信息，不收取任何费用」.
        if !(s.contains("信息处理费") || (s.contains("费用") && s.contains("收取"))) {
            continue;
        }
        // 「2023年未收取…，2024年收取120元」: only this year's 未收取 says 0.
        let chars: Vec<char> = s.chars().collect();
        let none_here =
            NONE_COLLECTED.iter().any(|w| s.match_indices(w).any(|(at, _)| !other_year(&chars, s[..at].chars().count(), year)));
        if none_here {
            values.push((Decimal::ZERO, false));
            continue;
        }
        let found = amounts(s, year);
        let of = |role: Role| {
            let mut v: Vec<Decimal> = found.iter().filter(|a| a.1 == role).map(|a| a.0).collect();
            v.dedup();
            v
        };
        let seen = || found.iter().map(|a| a.0).collect::<Vec<_>>();
        let (named, total, sums) = (of(Role::Named), of(Role::Total), of(Role::Sum));
        if !of(Role::Vague).is_empty() {
            return Fee::Unsure { sentence: s.clone(), readings: seen() };
        }
        let parts: Vec<Decimal> = found.iter().filter(|a| a.1 == Role::Total).map(|a| a.0).collect();
        let mixed = !of(Role::Mixed).is_empty();
        match (&named[..], &sums[..], &total[..]) {
            ([one], _, _) => values.push((*one, true)),
            _ if mixed => return Fee::Unsure { sentence: s.clone(), readings: seen() },
            ([], [sum], _) if adds_up(&parts, *sum) => values.push((*sum, false)),
            ([], [], [one]) => values.push((*one, false)),
            ([], [], []) => {
                // No amount here: 「…收取信息处理费。共计收取45元。」 — the next
                // sentence's amounts are offered, not taken.
                if doubt.is_none() {
                    let mut readings = seen();
                    let next = sentences.get(n + 1).filter(|(p, t)| p == para && readings.is_empty() && !t.is_empty());
                    readings.extend(next.map(|(_, t)| amounts(t, year).into_iter().map(|a| a.0)).into_iter().flatten());
                    let quoted = next.map_or_else(|| s.clone(), |(_, t)| format!("{s}。{t}"));
                    doubt = Some((quoted, readings));
                }
            }
            _ => return Fee::Unsure { sentence: s.clone(), readings: seen() },
        }
    }
    // 「其中信息处理费N元」 decides over the sums around it.
    let named: Vec<Decimal> = values.iter().filter(|v| v.1).map(|v| v.0).collect();
    let mut chosen: Vec<Decimal> = if named.is_empty() { values.iter().map(|v| v.0).collect() } else { named };
    chosen.sort();
    chosen.dedup();
    match (&chosen[..], doubt) {
        ([one], _) => Fee::Read(*one),
        ([], Some((sentence, readings))) => Fee::Unsure { sentence, readings },
        ([], None) => Fee::Absent,
        (several, _) => Fee::Unsure {
            sentence: sentences
                .iter()
                .map(|(_, s)| s.as_str())
                .filter(|s| s.contains("信息处理费"))
                .collect::<Vec<_>>()
                .join("。"),
            readings: several.to_vec(),
        },
    }
}

/// The fee taken from part 六 of a report of `year`, and the note for the clerk when none is.
pub fn review(text: &str, year: Option<i32>) -> (Option<Decimal>, Option<String>) {
    // Every note starts alike, so the clerk (and the review list) knows it at once.
    const NOT_READ: &str = "没有读到信息处理费金额";
    const FILL: &str = "请核对后在「六、其他事项」中填写";
    match read(text, year) {
        Fee::Read(amount) => (Some(amount), None),
        Fee::Absent => (None, Some(format!("{NOT_READ}（如「收取信息处理费 0 元」），请在「六、其他事项」中填写"))),
        Fee::Unsure { sentence, readings } if readings.is_empty() => {
            (None, Some(format!("{NOT_READ}：「{sentence}」中没有能确定的金额，{FILL}")))
        }
        Fee::Unsure { sentence, readings } => {
            let seen: Vec<String> = readings.iter().map(|r| format!("{r} 元")).collect();
            let message = format!(
                "{NOT_READ}：「{sentence}」中的金额不能确定（读到 {}，可能是单价、约数、范围或几笔金额），未填入，{FILL}",
                seen.join("、")
            );
            (None, Some(message))
        }
    }
}

/// Every amount in a sentence (ASCII digits, no spaces) of a report of `year`, with its role.
fn amounts(s: &str, year: Option<i32>) -> Vec<(Decimal, Role)> {
    let chars: Vec<char> = s.chars().collect();
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let clause_start = chars[..k].iter().rposition(|c| CLAUSE_END.contains(c)).map_or(0, |p| p + 1);
        // The clause ends after the number: 「1,200」's comma is inside it.
        let clause_end_from = |from: usize| (from..chars.len()).find(|&j| CLAUSE_END.contains(&chars[j])).unwrap_or(chars.len());
        let clause_end = clause_end_from(money::number_end(&chars, k));
        let before = text(clause_start, k);
        let clause = text(clause_start, clause_end);
        let ranged = k >= 2 && RANGE.contains(&chars[k - 1]) && (chars[k - 2].is_ascii_digit() || chars[k - 2] == '元');
        let hedged_before = HEDGE_BEFORE.iter().any(|w| before.trim_end_matches(['-', '为']).ends_with(w));
        let number_end = money::number_end(&chars, k);
        let Some((amount, end)) = money::amount_at(&chars, k) else {
            // Not money as printed: 「12,5元」「100余元」「100至200元」「￥120」「1.2千元」.
            if let Some(reading) = loose_reading(&chars, k, number_end) {
                out.push((reading, Role::Vague));
            }
            k = number_end.max(k + 1);
            continue;
        };
        let after = text(end, clause_end_from(end));
        // A negative sign read by `amount_at` is a range's dash after a digit.
        let amount = if ranged && amount.is_negative() { Decimal::ZERO.checked_sub(amount).unwrap_or(amount) } else { amount };
        let rate = clause.contains('每') || clause.contains("标准") || after.starts_with(['/', '／']);
        let other_year = other_year(&chars, k, year);
        // 「其中信息处理费100元」 names the fee; 「其中退还20元」 is a part of a
        // sum; 「其中邮寄费50元」 another fee inside it.
        let within = chars[..k].iter().collect::<String>();
        let part_of = within.rfind("其中").map(|p| {
            let from = within[p + "其中".len()..].trim_start_matches(['，', ',', '：', ':']);
            let other_fee = from.contains('费') && !REFUND.iter().any(|w| from.contains(w));
            (from.contains("信息处理费"), from.contains(CLAUSE_END), other_fee)
        });
        let over_three_places = money_decimals(&chars[k..number_end]) > 2 && chars.get(number_end) == Some(&'元');
        // 「（含邮寄费20元）」「信息处理费和邮寄费共计120元」: a sum with another fee
        // in it; 「邮寄费20元另计」「详见附表，邮寄费20元」: another fee alone.
        let another_fee = other_fee(&clause);
        let role = if another_fee && (clause.contains("信息处理费") || ["含", "包括", "其中"].iter().any(|w| clause.contains(w)))
        {
            Role::Mixed
        } else if rate || other_year || another_fee || aside(&chars, k) {
            Role::Aside
        } else if ranged
            || hedged_before
            || HEDGE_AFTER.iter().any(|w| after.starts_with(w))
            || RANGE.iter().any(|c| after.starts_with(*c) && after[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()))
            || over_three_places
        {
            Role::Vague
        } else {
            match part_of {
                Some((true, false, _)) => Role::Named,
                Some((false, false, true)) => Role::Mixed,
                Some((false, false, false)) => Role::Aside,
                _ if SUM.iter().any(|w| before.contains(w)) => Role::Sum,
                _ => Role::Total,
            }
        };
        out.push((amount, role));
        // 「1.200元」 may be 1200 printed with a point between thousands.
        if over_three_places && money_decimals(&chars[k..number_end]) == 3 {
            let digits: String = chars[k..number_end].iter().filter(|c| **c != '.').collect();
            out.extend(money::shifted(&digits, 0).map(|d| (d, Role::Vague)));
        }
        k = end;
    }
    out
}

/// Whether the clause around `chars[at]` is about another year than `year`:
/// it says 上年/去年…, or names a year (「2023年收取…200元」) — its own, else
/// the last one named before it in the sentence unless it says 本年 — that is
/// not the report's. A named year counts only when the report's year is known.
fn other_year(chars: &[char], at: usize, year: Option<i32>) -> bool {
    let start = chars[..at].iter().rposition(|c| CLAUSE_END.contains(c)).map_or(0, |p| p + 1);
    // A number's own comma (「1,200」) does not end its clause.
    let from = money::number_end(chars, at);
    let end = (from..chars.len()).find(|&j| CLAUSE_END.contains(&chars[j])).unwrap_or(chars.len());
    let clause: String = chars[start..end].iter().collect();
    if OTHER_YEAR.iter().any(|w| clause.contains(w)) {
        return true;
    }
    let Some(year) = year else { return false };
    let named = |from: usize, to: usize| -> Vec<i32> {
        (from..to.saturating_sub(4))
            .filter(|&i| chars[i + 4] == '年' && (i == 0 || !chars[i - 1].is_ascii_digit()))
            .filter_map(|i| chars[i..i + 4].iter().collect::<String>().parse().ok())
            .collect()
    };
    let own = named(start, end);
    if !own.is_empty() {
        return own.iter().any(|y| *y != year);
    }
    !THIS_YEAR.iter().any(|w| clause.contains(w)) && named(0, start).last().is_some_and(|y| *y != year)
}

/// Whether `chars[at]` stands in a bracketed aside: money given back
/// (「（另退还申请人多缴费用20元）」), or something else 另 (besides) the fee
/// (「（另收取邮寄费10元）」) — not an aside when it is more 信息处理费.
fn aside(chars: &[char], at: usize) -> bool {
    let mut depth = 0;
    let Some(open) = chars[..at].iter().rposition(|c| {
        depth += match c {
            '）' => 1,
            '（' if depth == 0 => return true,
            '（' => -1,
            _ => 0,
        };
        false
    }) else {
        return false;
    };
    let close = (at..chars.len()).find(|&j| chars[j] == '）').unwrap_or(chars.len());
    let inside: String = chars[open + 1..close].iter().collect();
    REFUND.iter().any(|w| inside.contains(w))
        || OTHER_YEAR.iter().any(|w| inside.contains(w))
        || (inside.starts_with('另') && !inside.contains("信息处理费"))
}

/// Whether `clause` names a fee other than the 信息处理费 (邮寄费, 复印费,
/// 工本费 …), not 费用 in general nor 收费/缴费/退费.
fn other_fee(clause: &str) -> bool {
    let chars: Vec<char> = clause.chars().collect();
    (0..chars.len()).filter(|&i| chars[i] == '费').any(|i| {
        let before: String = chars[i.saturating_sub(4)..i].iter().collect();
        let general = chars.get(i + 1) == Some(&'用') || (i > 0 && matches!(chars[i - 1], '收' | '缴' | '退' | '交' | '免'));
        i > 0 && before != "信息处理" && !general
    })
}

/// Whether the parts beside a 共计 amount add up to it: none, or they sum to
/// it, leaving out one that restates it (「收取300元，分别为100元、200元，合计300元」).
fn adds_up(parts: &[Decimal], sum: Decimal) -> bool {
    let total = |p: &[Decimal]| p.iter().try_fold(Decimal::ZERO, |t, d| t.checked_add(*d));
    let rest: Vec<Decimal> = match parts.iter().position(|p| *p == sum) {
        Some(i) => parts.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| *p).collect(),
        None => parts.to_vec(),
    };
    rest.is_empty() || total(parts) == Some(sum) || total(&rest) == Some(sum)
}

/// Digits after the point of a printed number.
fn money_decimals(number: &[char]) -> usize {
    number.iter().position(|c| *c == '.').map_or(0, |p| number.len() - p - 1)
}

/// What a number not printed as money may mean, offered to the clerk:
/// 「12,5元」 as 12.5, 「100余元」 as 100, 「100至200元」's 100, 「￥120.00」 as
/// 120, 「1.2千元」 as 1200. `None` when no unit of money is near.
fn loose_reading(chars: &[char], k: usize, end: usize) -> Option<Decimal> {
    let number: String = chars[k..end].iter().collect();
    let next = |w: &str| chars[end..].iter().take(3).collect::<String>().starts_with(w);
    // 「1万2千元」: no reading from its pieces.
    if k > 0 && matches!(chars[k - 1], '万' | '千' | '百') {
        return None;
    }
    let yen = k > 0 && matches!(chars[k - 1], '￥' | '¥');
    let unit = ["元", "余元", "多元", "万元", "余万元", "千元"].iter().find(|w| next(w));
    let ranged = RANGE.iter().any(|c| chars.get(end) == Some(c)) && chars.get(end + 1).is_some_and(char::is_ascii_digit);
    if !(yen || unit.is_some() || ranged) {
        return None;
    }
    let plain = if money::grouped(&number) { number.replace(',', "") } else { number.replacen(',', ".", 1) };
    let places = match unit {
        Some(u) if u.contains('万') => 4,
        Some(u) if u.contains('千') => 3,
        _ => 0,
    };
    money::shifted(plain.trim_end_matches('.'), places)
}

#[cfg(test)]
mod tests;
