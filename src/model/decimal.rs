//! Exact decimal amounts (fees in 万元, purchase totals, 信息处理费 in 元).
//!
//! Stored as a fixed-point integer with four decimal places, so sums are exact
//! (aggregating 500 reports never drifts the way `f64` would).

use std::fmt;
use std::str::FromStr;

/// Number of decimal places kept.
pub const SCALE: u32 = 4;
const UNIT: i64 = 10_i64.pow(SCALE);

/// The largest magnitude any table cell may hold (integer part). Larger numbers are
/// refused when loading or typing: no agency reports a trillion of anything.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(i64);

/// Why a text is not an acceptable decimal; `Display` gives the Chinese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    NotANumber,
    TooManyDecimals,
    TooLarge,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalError::Empty => "没有数字",
            DecimalError::NotANumber => "不是有效的数字",
            DecimalError::TooManyDecimals => "小数位数过多（最多4位）",
            DecimalError::TooLarge => "数值过大（绝对值不能超过1万亿）",
        })
    }
}

impl Decimal {
    pub const ZERO: Decimal = Decimal(0);

    pub fn from_int(n: i64) -> Decimal {
        Decimal(n.saturating_mul(UNIT))
    }

    pub fn is_integer(self) -> bool {
        self.0 % UNIT == 0
    }

    /// The integer value, when there is no fractional part.
    pub fn to_int(self) -> Option<i64> {
        self.is_integer().then_some(self.0 / UNIT)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_add(other.0).map(Decimal)
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.0.checked_sub(other.0).map(Decimal)
    }

    /// Multiplies by a whole number (万元 → 元), `None` on overflow.
    pub fn checked_mul(self, factor: i64) -> Option<Decimal> {
        self.0.checked_mul(factor).map(Decimal)
    }

    /// The value as a float, for display heuristics only (never for sums).
    pub fn approx(self) -> f64 {
        self.0 as f64 / UNIT as f64
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    /// Accepts `123`, `-8`, `+1036`, `7730.28`, `.5`; full-width digits are not
    /// normalised here (the UI does that before parsing).
    fn from_str(s: &str) -> Result<Decimal, DecimalError> {
        let s = s.trim();
        let (negative, body) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        if body.is_empty() {
            return Err(DecimalError::Empty);
        }
        if let Some((mantissa, exponent)) = body.split_once(['e', 'E']) {
            return from_scientific(mantissa, exponent).map(|d| if negative { Decimal(-d.0) } else { d });
        }
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
            return Err(DecimalError::NotANumber);
        }
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > SCALE as usize {
            return Err(DecimalError::TooManyDecimals);
        }
        let int_trimmed = int_part.trim_start_matches('0');
        if int_trimmed.len() > 13 {
            return Err(DecimalError::TooLarge);
        }
        let int_value: i64 =
            if int_trimmed.is_empty() { 0 } else { int_trimmed.parse().map_err(|_| DecimalError::NotANumber)? };
        let mut frac_value: i64 = 0;
        for (i, b) in frac_trimmed.bytes().enumerate() {
            frac_value += i64::from(b - b'0') * 10_i64.pow(SCALE - 1 - i as u32);
        }
        let magnitude = int_value * UNIT + frac_value;
        if magnitude > MAX_MAGNITUDE * UNIT {
            return Err(DecimalError::TooLarge);
        }
        Ok(Decimal(if negative { -magnitude } else { magnitude }))
    }
}

/// `1.5e3` → 1500: rewrites the number without exponent (JSON allows the form).
fn from_scientific(mantissa: &str, exponent: &str) -> Result<Decimal, DecimalError> {
    let exponent: i32 = exponent.parse().map_err(|_| DecimalError::NotANumber)?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DecimalError::NotANumber);
    }
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // Position of the decimal point within `digits` after shifting.
    let point = int_part.len() as i64 + i64::from(exponent);
    if point - (digits.len() - significant.len()) as i64 > 13 {
        return Err(DecimalError::TooLarge);
    }
    if point < -(SCALE as i64) {
        return Err(DecimalError::TooManyDecimals);
    }
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    plain.parse()
}

impl fmt::Display for Decimal {
    /// Shortest exact form: `7730.28`, `-8`, `0.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let unit = UNIT as u64;
        let (int, frac) = (abs / unit, abs % unit);
        if frac == 0 {
            write!(f, "{sign}{int}")
        } else {
            let digits = format!("{frac:0width$}", width = SCALE as usize);
            write!(f, "{sign}{int}.{}", digits.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_exactly() {
        for (input, shown) in [
            ("7730.28", "7730.28"),
            ("96171.6", "96171.6"),
            ("0", "0"),
            ("-8", "-8"),
            ("+1036", "1036"),
            (".5", "0.5"),
            ("12.3400", "12.34"),
            ("007", "7"),
            ("1e5", "100000"),
            ("1.5E3", "1500"),
            ("-2.5e-2", "-0.025"),
            ("0e7", "0"),
        ] {
            assert_eq!(d(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    fn sums_are_exact_where_floats_drift() {
        let mut total = Decimal::ZERO;
        for _ in 0..10 {
            total = total.checked_add(d("0.1")).unwrap();
        }
        assert_eq!(total, d("1"));
        assert_eq!(d("0.1").checked_add(d("0.2")).unwrap().to_string(), "0.3");
    }

    #[test]
    fn refuses_bad_text() {
        assert_eq!("".parse::<Decimal>(), Err(DecimalError::Empty));
        assert_eq!("-".parse::<Decimal>(), Err(DecimalError::Empty));
        assert_eq!("1.2.3".parse::<Decimal>(), Err(DecimalError::NotANumber));
        assert_eq!("1e".parse::<Decimal>(), Err(DecimalError::NotANumber));
        assert_eq!("1e99".parse::<Decimal>(), Err(DecimalError::TooLarge));
        assert_eq!("1e-9".parse::<Decimal>(), Err(DecimalError::TooManyDecimals));
        assert_eq!("．".parse::<Decimal>(), Err(DecimalError::NotANumber));
        assert_eq!("1.23456".parse::<Decimal>(), Err(DecimalError::TooManyDecimals));
        assert_eq!("1000000000001".parse::<Decimal>(), Err(DecimalError::TooLarge));
        assert_eq!("99999999999999999999999".parse::<Decimal>(), Err(DecimalError::TooLarge));
        assert!("1000000000000".parse::<Decimal>().is_ok());
    }

    #[test]
    fn integer_helpers() {
        assert_eq!(d("42").to_int(), Some(42));
        assert_eq!(d("4.2").to_int(), None);
        assert!(d("-1").is_negative());
        assert_eq!(Decimal::from_int(3), d("3"));
    }
}
