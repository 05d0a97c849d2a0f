//! How many values a report file holds, counted on its text before it is parsed:
//! a real report has a few hundred (numbers of the three tables, some texts), so
//! a file of millions of tiny values (`[0,0,0,…]` under an unknown key) is
//! refused before it is turned into millions of parsed values in memory.

/// Far more values than any report has (about 300), few enough that parsing
/// them all stays within tens of megabytes.
pub(super) const MAX_VALUES: usize = 100_000;

/// The number of values (and keys) in `text`: separators outside strings, plus
/// one. Linear, no allocation; an upper bound good enough for a limit.
pub(super) fn count(text: &str) -> usize {
    let (mut n, mut in_string, mut escaped) = (1usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b',' | b':' => n += 1,
                _ => {}
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_in_strings_are_not_counted() {
        assert_eq!(count(r#"{"a": [1, 2, 3], "b": "x,y:\",z"}"#), 6);
        assert_eq!(count("[]"), 1);
    }
}
