//! How alike two texts are, for S10 (内容雷同). Dice coefficient over character
//! bigrams, ignoring whitespace and treating every digit as the same digit, so
//! that changing the year and a few numbers does not hide a copied paragraph.

use std::collections::HashMap;

fn bigrams(text: &str) -> HashMap<(char, char), usize> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() || ('０'..='９').contains(&c) { '0' } else { c })
        .collect();
    let mut out = HashMap::new();
    for w in chars.windows(2) {
        *out.entry((w[0], w[1])).or_insert(0) += 1;
    }
    out
}

/// 0.0 (nothing in common) to 1.0 (the same text up to digits and spacing).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let common: usize = a.iter().map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0))).sum();
    2.0 * common as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn same_text_with_new_numbers_is_still_the_same() {
        let a = "2023年，我局主动公开政府信息22条，收到依申请公开3件。";
        let b = "2024年，我局主动公开政府信息25条，收到依申请公开4件。";
        assert!(similarity(a, b) > 0.99);
        assert!((similarity(a, a) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn rewritten_text_is_different() {
        let a = "2023年，我局主动公开政府信息22条，收到依申请公开3件。";
        let b = "本年度重点推进财政预决算公开，新增政策解读栏目。";
        assert!(similarity(a, b) < 0.3);
        assert_eq!(similarity("", ""), 0.0);
    }
}
