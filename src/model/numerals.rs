//! Chinese ordinal numerals for headings: 一、 （一）.

const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings never go beyond).
pub fn chinese(n: usize) -> String {
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// 1 → （一）
pub fn bracketed(n: usize) -> String {
    format!("（{}）", chinese(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(chinese(1), "一");
        assert_eq!(chinese(10), "十");
        assert_eq!(chinese(12), "十二");
        assert_eq!(chinese(20), "二十");
        assert_eq!(chinese(35), "三十五");
        assert_eq!(bracketed(5), "（五）");
    }
}
