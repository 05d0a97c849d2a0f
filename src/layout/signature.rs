//! Where the 落款 goes: GB/T 9704-2012 §7.3.5.2, a document without a seal.
//!
//! 「在正文下空一行右空二字编排发文机关署名，在发文机关署名下一行编排成文日期，
//! 首字比发文机关署名首字右移二字，如成文日期长于发文机关署名，应当使成文日期
//! 右空二字编排，并相应增加发文机关署名右空字数。」

/// The right indents of the two lines of the 落款, in the unit of the widths given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SignatureIndents {
    /// Space between the 署名's widest line and the 版心's right edge.
    pub unit: f32,
    /// Space between the 成文日期 and the 版心's right edge.
    pub date: f32,
}

/// `unit`: width of the 署名 (its widest line when it wraps); `date`: width of the
/// 成文日期; `char_width`: one 字. The 署名 is right-indented two 字 and the date
/// starts two 字 right of the 署名's first character; when that would bring the
/// date closer than two 字 to the edge, the date keeps 右空二字 and the 署名 moves
/// left by as much.
pub fn signature_indents(unit: f32, date: f32, char_width: f32) -> SignatureIndents {
    let two = 2.0 * char_width;
    let date_indent = (unit - date).max(two);
    // The 署名 starts two 字 left of the date's first character.
    SignatureIndents { unit: date_indent + date + two - unit, date: date_indent }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_unit_keeps_two_characters_and_the_date_starts_two_right_of_it() {
        // 署名 12 字, date 8 字 (2024年1月16日 in half-width digits is about 7 字).
        let i = signature_indents(12.0, 8.0, 1.0);
        assert_eq!(i.unit, 2.0);
        // The date's first character is two right of the 署名's first: 12 + 2 − 2 = 12 − 8 + 2 … from the edge.
        assert_eq!(i.date, 4.0);
        assert_eq!((i.unit + 12.0) - (i.date + 8.0), 2.0);
    }

    #[test]
    fn a_date_longer_than_the_unit_keeps_two_characters_and_the_unit_moves_left() {
        let i = signature_indents(4.0, 8.0, 1.0);
        assert_eq!(i.date, 2.0);
        assert_eq!((i.unit + 4.0) - (i.date + 8.0), 2.0, "first characters still two apart");
        assert!(i.unit > 2.0);
    }
}
