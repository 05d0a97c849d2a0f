//! Amounts of money as printed: 「3940元」「0.5万元」「100元5角」「-50元」,
//! and a number moved exactly between 元 and 万元. One reading for the importer
//! (信息处理费, 本年收费金额) and the checker (the amounts a text states).

use crate::model::Decimal;

/// `number` (ASCII digits, a point, a sign) times 10^`places`, exactly;
/// `None` when it is no number or needs more decimals than a [`Decimal`] keeps.
pub fn shifted(number: &str, places: i32) -> Option<Decimal> {
    // Decimal reads `125000e-4` exactly, refusing what it cannot keep.
    let plain = number.strip_prefix(['-', '+']).unwrap_or(number);
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    format!("{number}e{places}").parse().ok()
}

/// The end of the number starting at `chars[k]`: digits, points, thousands commas.
pub fn number_end(chars: &[char], k: usize) -> usize {
    let mut i = k;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
        i += 1;
    }
    i
}

/// Whether the commas in `number` separate thousands: 「1,200」「12,345,678.5」,
/// not 「12,5」 (a decimal comma, or a slip) nor 「1,20」 — those are no number
/// to read silently.
pub fn grouped(number: &str) -> bool {
    let whole = number.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    !number.split('.').skip(1).any(|d| d.contains(','))
        && (!whole.contains(',') || (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3))
}

/// The amount in 元 printed from `chars[k]` (a digit): a number and its unit
/// (万元, 元, 角 = 0.1 元, 分 = 0.01 元; spaces may stand between them), then
/// smaller units after it (「100元5角3分」); a minus sign before it is kept, for
/// the checker to report. With the amount, where its last unit ends. `None` when
/// no unit of money follows the number.
pub fn amount_at(chars: &[char], k: usize) -> Option<(Decimal, usize)> {
    let negative = k > 0 && matches!(chars[k - 1], '-' | '－' | '−');
    let mut total = Decimal::from_int(0);
    let mut read = None;
    let (mut i, mut smallest) = (k, i32::MAX);
    while i < chars.len() && chars[i].is_ascii_digit() {
        let end = number_end(chars, i);
        let printed: String = chars[i..end].iter().collect();
        if !grouped(&printed) {
            break;
        }
        let number = printed.replace(',', "");
        let unit = (end..chars.len()).find(|&j| !chars[j].is_whitespace()).unwrap_or(chars.len());
        let (places, len) = match (chars.get(unit), chars.get(unit + 1)) {
            (Some('万'), Some('元')) => (4, 2),
            (Some('元'), _) => (0, 1),
            (Some('角'), _) => (-1, 1),
            (Some('分'), _) => (-2, 1),
            _ => break,
        };
        if places >= smallest {
            break;
        }
        total = total.checked_add(shifted(number.trim_end_matches('.'), places)?)?;
        (smallest, i) = (places, unit + len);
        read = Some(i);
    }
    let end = read?;
    let amount = if negative { Decimal::from_int(0).checked_sub(total)? } else { total };
    Some((amount, end))
}

/// Every amount of money the text states (「3940 元」「0.5万元」「100元5角」), in 元.
/// Expects ASCII digits (see [`super::text::ascii_digits`]); thousands separators are allowed.
pub fn amounts_in_yuan(text: &str) -> Vec<Decimal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        match amount_at(&chars, k) {
            Some((amount, end)) => {
                out.push(amount);
                k = end;
            }
            None => k = number_end(&chars, k),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    fn at(text: &str) -> Option<Decimal> {
        let chars: Vec<char> = text.chars().collect();
        amount_at(&chars, chars.iter().position(char::is_ascii_digit)?).map(|(amount, _)| amount)
    }

    #[test]
    fn a_number_moves_between_yuan_and_wan_yuan_exactly() {
        assert_eq!(shifted("125000", -4), d("12.5"));
        assert_eq!(shifted("3", -4), d("0.0003"));
        assert_eq!(shifted("0.5", 4), d("5000"));
        assert_eq!(shifted("-50", 0), d("-50"));
        assert_eq!(shifted("5", -1), d("0.5"));
        assert_eq!(shifted("125000.5", -4), None, "five decimals are not kept: no rounding");
        assert_eq!(shifted("1.2.3", 0), None);
    }

    #[test]
    fn amounts_as_printed() {
        assert_eq!(at("100元5角"), d("100.5"));
        assert_eq!(at("100元5角3分"), d("100.53"));
        assert_eq!(at("8角"), d("0.8"));
        assert_eq!(at("-50元"), d("-50"));
        assert_eq!(at("0.5万元"), d("5000"));
        assert_eq!(at("1,234元"), d("1234"));
        assert_eq!(at("3件"), None);
        // A smaller unit first is not a continuation: 「5角100元」 reads 5角.
        assert_eq!(at("5角100元"), d("0.5"));
        assert_eq!(at("3940 元"), d("3940"));
    }

    #[test]
    fn only_thousands_commas_are_read() {
        assert_eq!(at("1,234,567.5元"), d("1234567.5"));
        assert_eq!(at("12,5元"), None, "a decimal comma or a slip, not 125");
        assert_eq!(at("1,20元"), None);
        assert_eq!(at("1234,567元"), None);
        assert_eq!(at("1.2,3元"), None);
        assert!(grouped("1200") && grouped("1,200") && !grouped(",200"));
    }

    #[test]
    fn finds_amounts_in_yuan() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amounts_in_yuan("收取信息处理费 3940 元，另0.5万元"), vec![d("3940"), d("5000")]);
        assert_eq!(amounts_in_yuan("收费1,200元。"), vec![d("1200")]);
        assert_eq!(amounts_in_yuan("2024年共3件"), Vec::<Decimal>::new());
        // The checker and the importer read an amount alike: sign, 角 and 分 count.
        assert_eq!(amounts_in_yuan("退还-50元，收取100元5角"), vec![d("-50"), d("100.5")]);
    }
}
