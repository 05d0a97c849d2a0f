//! A font's /ToUnicode CMap read leniently: the codes a string is cut into
//! (its code space ranges) and the text each code stands for (bfchar and
//! bfrange). Writers differ in what they put there — MuPDF writes code
//! points beyond U+FFFF as plain hex (`<3190f>`), which lopdf's stricter
//! reader refuses, losing the whole font — so a destination is taken as
//! UTF-16BE when it is that, else as one code point.

use std::collections::HashMap;

/// The most mappings kept from one CMap (a whole CJK font has about 30 000).
const MAX_ENTRIES: usize = 200_000;

/// A parsed /ToUnicode CMap.
#[derive(Debug, Default)]
pub(super) struct CMap {
    /// Code space ranges: (bytes, low, high).
    spaces: Vec<(u8, u32, u32)>,
    /// Single codes: (bytes, code) → text.
    chars: HashMap<(u8, u32), String>,
    /// Ranges: bytes, low, high, and the text of `low` (later codes count up
    /// its last character) or one text for each code.
    ranges: Vec<(u8, u32, u32, Range)>,
}

#[derive(Debug)]
enum Range {
    From(String),
    Each(Vec<String>),
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>, usize),
    Open,
    Close,
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + p);
                let digits: Vec<u8> = data[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let value = |d: &[u8]| d.iter().fold(0u8, |v, &c| v * 16 + (c as char).to_digit(16).unwrap_or(0) as u8);
                let mut bytes: Vec<u8> = digits.chunks(2).map(|c| if c.len() == 2 { value(c) } else { value(c) << 4 }).collect();
                if digits.len() % 2 == 1 {
                    // An odd count of digits is a number, not bytes: right-aligned.
                    let n = digits.iter().fold(0u64, |v, &c| (v << 4) | (c as char).to_digit(16).unwrap_or(0) as u64);
                    bytes = n.to_be_bytes().iter().copied().skip_while(|&b| b == 0).collect();
                }
                out.push(Token::Hex(bytes, digits.len()));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'%' => i = data[i..].iter().position(|&b| b == b'\n' || b == b'\r').map_or(data.len(), |p| i + p),
            b if b.is_ascii_whitespace() || b == b'>' || b == b'<' => i += 1,
            _ => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || matches!(b, b'<' | b'[' | b']' | b'%'))
                    .map_or(data.len(), |p| i + p);
                out.push(Token::Word(String::from_utf8_lossy(&data[i..end]).into_owned()));
                i = end.max(i + 1);
            }
        }
    }
    out
}

/// A destination's text: UTF-16BE when its digits are whole code units and
/// decode, else the number as one code point.
fn text_of(bytes: &[u8], digits: usize) -> Option<String> {
    if digits.is_multiple_of(4) && !bytes.is_empty() {
        let units: Vec<u16> = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        let text: Result<String, _> = char::decode_utf16(units.iter().copied()).collect();
        // 「<00020000>」 is a code point beyond the basic plane, not two control characters.
        if let Ok(text) = text
            && !(units.len() == 2 && units[0] < 0x20)
        {
            return Some(text);
        }
    }
    let n = bytes.iter().fold(0u64, |v, &b| (v << 8) | b as u64);
    char::from_u32(u32::try_from(n).ok()?).map(String::from)
}

fn code(bytes: &[u8]) -> (u8, u32) {
    (bytes.len().min(4) as u8, bytes.iter().take(4).fold(0u32, |v, &b| (v << 8) | b as u32))
}

impl CMap {
    pub(super) fn parse(data: &[u8]) -> CMap {
        let t = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        let mut section = "";
        let hex = |k: usize| match t.get(k) {
            Some(Token::Hex(b, d)) => Some((b.clone(), *d)),
            _ => None,
        };
        while i < t.len() && map.chars.len() + map.ranges.len() + map.spaces.len() < MAX_ENTRIES {
            if let Token::Word(w) = &t[i] {
                if w.starts_with("begin") {
                    section = match w.as_str() {
                        "begincodespacerange" => "space",
                        "beginbfchar" => "char",
                        "beginbfrange" => "range",
                        _ => "",
                    };
                } else if w.starts_with("end") {
                    section = "";
                }
                i += 1;
                continue;
            }
            match section {
                "space" => {
                    if let (Some((lo, _)), Some((hi, _))) = (hex(i), hex(i + 1)) {
                        let (n, lo) = code(&lo);
                        map.spaces.push((n, lo, code(&hi).1));
                        i += 2;
                        continue;
                    }
                }
                "char" => {
                    if let (Some((src, _)), Some((dst, digits))) = (hex(i), hex(i + 1)) {
                        if let Some(text) = text_of(&dst, digits) {
                            map.chars.insert(code(&src), text);
                        }
                        i += 2;
                        continue;
                    }
                }
                "range" => {
                    if let (Some((lo, _)), Some((hi, _))) = (hex(i), hex(i + 1)) {
                        let ((n, lo), hi) = (code(&lo), code(&hi).1);
                        if let Some((dst, digits)) = hex(i + 2) {
                            if let Some(text) = text_of(&dst, digits) {
                                map.ranges.push((n, lo, hi, Range::From(text)));
                            }
                            i += 3;
                            continue;
                        }
                        if t.get(i + 2) == Some(&Token::Open) {
                            let mut each = Vec::new();
                            let mut k = i + 3;
                            while let Some((dst, digits)) = hex(k) {
                                each.push(text_of(&dst, digits).unwrap_or_default());
                                k += 1;
                            }
                            map.ranges.push((n, lo, hi, Range::Each(each)));
                            i = k + 1;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        map.ranges.sort_by_key(|r| (r.0, r.1));
        map
    }

    /// Whether the CMap maps anything.
    pub(super) fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }

    /// The text of the code of `n` bytes with value `c`.
    fn get(&self, n: u8, c: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&(n, c)) {
            return Some(t.clone());
        }
        // Sorted by (bytes, low): the ranges starting at or before `c`, nearest first (a few, since ranges rarely overlap).
        let end = self.ranges.partition_point(|r| (r.0, r.1) <= (n, c));
        self.ranges[..end].iter().rev().take(16).filter(|r| r.0 == n && r.1 <= c && c <= r.2).find_map(|(_, lo, _, range)| {
            match range {
                Range::From(text) => {
                    let mut text = text.clone();
                    let last = text.pop()?;
                    text.push(char::from_u32((last as u32).checked_add(c - lo)?)?);
                    Some(text)
                }
                Range::Each(each) => each.get((c - lo) as usize).filter(|t| !t.is_empty()).cloned(),
            }
        })
    }

    /// How many bytes the code starting at `bytes` has: the code space range
    /// it falls in, else `default`.
    pub(super) fn code_len(&self, bytes: &[u8], default: u8) -> u8 {
        for n in 1..=4u8 {
            if bytes.len() >= n as usize {
                let (_, c) = code(&bytes[..n as usize]);
                if self.spaces.iter().any(|&(m, lo, hi)| m == n && lo <= c && c <= hi) {
                    return n;
                }
            }
        }
        default
    }

    /// The text of one code (`None`: the CMap does not map it).
    pub(super) fn text(&self, bytes: &[u8]) -> Option<String> {
        let (n, c) = code(bytes);
        self.get(n, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_of_every_writer_are_read() {
        // MuPDF: ranges, and code points beyond U+FFFF as plain hex; Chromium: one-byte codes.
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfrange <0003> <000f> <0020> <0010> <0011> [<5E74> <D840DC00>] endbfrange\n\
              3 beginbfchar <7096> <3190f> <0012> <62A5> <0013> <00660069> endbfchar",
        );
        assert_eq!(cmap.code_len(b"\x00\x13", 1), 2);
        assert_eq!(cmap.text(b"\x00\x03").as_deref(), Some(" "));
        assert_eq!(cmap.text(b"\x00\x04").as_deref(), Some("!"));
        assert_eq!(cmap.text(b"\x00\x10").as_deref(), Some("年"));
        assert_eq!(cmap.text(b"\x00\x11").as_deref(), Some("\u{20000}"));
        assert_eq!(cmap.text(b"\x70\x96").as_deref(), Some("\u{3190F}"));
        assert_eq!(cmap.text(b"\x00\x12").as_deref(), Some("报"));
        assert_eq!(cmap.text(b"\x00\x13").as_deref(), Some("fi"));
        assert_eq!(cmap.text(b"\x00\x20"), None);
        let chrome = CMap::parse(b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n1 beginbfchar\n<AC> <2ED8>\nendbfchar");
        assert_eq!(chrome.code_len(b"\xAC", 2), 1);
        assert_eq!(chrome.text(b"\xAC").as_deref(), Some("\u{2ED8}"));
    }

    #[test]
    fn hostile_cmaps_are_answered_never_a_panic() {
        let wide = CMap::parse(b"beginbfrange <00000000> <ffffffff> <10ffff> endbfrange beginbfchar <01> endbfchar <");
        assert_eq!(wide.text(b"\xff\xff\xff\xff"), None);
        for data in [
            &b"<"[..],
            b"beginbfrange <0> [",
            b"begincodespacerange <> <>",
            b"<zz> % x",
            b"beginbfchar <1> <123456789abcdef0123>",
        ] {
            let cmap = CMap::parse(data);
            let _ = (cmap.text(b"\x01"), cmap.code_len(b"", 1));
        }
    }
}
