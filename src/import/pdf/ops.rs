//! A page's drawing operations counted before any is decoded, and decoded a
//! chunk at a time. lopdf's `Content::decode` holds every operation of a page
//! at once (about 1.7 KB each: a page of 1,000,000 line segments took 1.7 GB);
//! here the operators are counted by a byte scan, a page with too many is
//! refused before decoding, and the rest are decoded [`CHUNK`] at a time, so
//! memory is bounded whatever the page holds.

use lopdf::content::{Content, Operation};

/// Operations decoded at once.
pub(super) const CHUNK: usize = 10_000;

#[cfg(test)]
thread_local! {
    /// How many chunks this thread has decoded (what tests bound the work by).
    pub(super) static DECODED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A page's content split where operations end: how many there are, and
/// where each chunk of [`CHUNK`] ends.
pub(super) struct Split {
    pub count: usize,
    cuts: Vec<usize>,
}

fn delimiter(c: u8) -> bool {
    b"()<>[]{}/%".contains(&c)
}

fn space(c: u8) -> bool {
    b" \t\r\n\x0c\0".contains(&c)
}

/// Counts the operators of `content` (tokens outside arrays and dictionaries
/// that are not numbers, names, strings, `true`, `false` or `null`), in one pass.
pub(super) fn split(content: &[u8]) -> Split {
    let b = content;
    let (mut count, mut cuts, mut depth, mut i) = (0usize, Vec::new(), 0usize, 0usize);
    while i < b.len() {
        match b[i] {
            c if space(c) => i += 1,
            b'%' => i += b[i..].iter().position(|&c| c == b'\n' || c == b'\r').unwrap_or(b.len() - i),
            b'(' => {
                let mut nested = 0usize;
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 1,
                        b'(' => nested += 1,
                        b')' if nested == 0 => break,
                        b')' => nested -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'<' if b.get(i + 1) == Some(&b'<') => (depth, i) = (depth + 1, i + 2),
            b'>' if b.get(i + 1) == Some(&b'>') => (depth, i) = (depth.saturating_sub(1), i + 2),
            b'<' => i += b[i..].iter().position(|&c| c == b'>').map_or(b.len() - i, |e| e + 1),
            b'[' => (depth, i) = (depth + 1, i + 1),
            b']' => (depth, i) = (depth.saturating_sub(1), i + 1),
            b'/' => i += 1 + b[i + 1..].iter().take_while(|&&c| !space(c) && !delimiter(c)).count(),
            c if delimiter(c) => i += 1,
            _ => {
                let len = b[i..].iter().take_while(|&&c| !space(c) && !delimiter(c)).count();
                let token = &b[i..i + len];
                i += len;
                let operand = depth > 0
                    || token[0].is_ascii_digit()
                    || b"+-.".contains(&token[0])
                    || matches!(token, b"true" | b"false" | b"null");
                if operand {
                    continue;
                }
                if token == b"BI" {
                    // An inline image's data runs to `EI` between white space, as lopdf reads it.
                    let end = b[i..].windows(4).position(|w| space(w[0]) && &w[1..3] == b"EI" && space(w[3]));
                    i = end.map_or(b.len(), |e| i + e + 3);
                }
                count += 1;
                if count % CHUNK == 0 {
                    cuts.push(i);
                }
            }
        }
    }
    Split { count, cuts }
}

/// The operations of `content`, decoded a chunk at a time. `broken` is set
/// when a chunk cannot be decoded (the page is damaged), ending the operations.
pub(super) struct Operations<'a> {
    content: &'a [u8],
    cuts: std::vec::IntoIter<usize>,
    from: usize,
    decoded: std::vec::IntoIter<Operation>,
    pub broken: bool,
}

impl<'a> Operations<'a> {
    pub fn new(content: &'a [u8], split: Split) -> Self {
        Operations { content, cuts: split.cuts.into_iter(), from: 0, decoded: Vec::new().into_iter(), broken: false }
    }
}

impl Iterator for Operations<'_> {
    type Item = Operation;

    fn next(&mut self) -> Option<Operation> {
        loop {
            if let Some(op) = self.decoded.next() {
                return Some(op);
            }
            if self.broken || self.from >= self.content.len() {
                return None;
            }
            let to = self.cuts.next().unwrap_or(self.content.len()).clamp(self.from, self.content.len());
            let chunk = &self.content[self.from..to];
            self.from = if to > self.from { to } else { self.content.len() };
            #[cfg(test)]
            DECODED.with(|d| d.set(d.get() + 1));
            match Content::decode(chunk) {
                Ok(content) => self.decoded = content.operations.into_iter(),
                Err(_) => self.broken = true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_are_counted_without_decoding() {
        let content = b"q 1 0 0 1 0 0 cm BT /F1 12 Tf [(a) -20 (b\\)c)] TJ (x (y) z) Tj <414243> Tj ET \
            /P <</MCID 0 /Alt (Q q)>> BDC EMC % q Q comment\n true false null 0 0 m Q";
        assert_eq!(split(content).count, 12);
        // Decoded in chunks, the operations are the same as decoded at once.
        let many = b"0 0 m 1 1 l S\n".repeat(CHUNK);
        let s = split(&many);
        assert_eq!((s.count, s.cuts.len()), (3 * CHUNK, 3));
        let mut ops = Operations::new(&many, s);
        let chunked: Vec<String> = ops.by_ref().map(|o| format!("{o:?}")).collect();
        let whole: Vec<String> = Content::decode(&many).unwrap().operations.iter().map(|o| format!("{o:?}")).collect();
        assert!(!ops.broken && chunked == whole);
    }
}
