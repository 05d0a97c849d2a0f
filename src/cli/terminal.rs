//! What the command line prints, made safe for a terminal: a file name or a
//! report's text may hold control characters (ESC starts a sequence the terminal
//! obeys: colours, a cleared screen, a changed title) or direction marks (the rest
//! of the line turned around). Each is shown as U+FFFD instead; line breaks and
//! tabs stay.

use std::io::Write;

/// A writer that replaces such characters in everything written through it.
pub struct Terminal<W: Write>(pub W);

/// Whether a terminal would act on `c` rather than show it.
fn obeyed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(text) if text.chars().any(obeyed) => {
                let shown: String = text.chars().map(|c| if obeyed(c) { '\u{FFFD}' } else { c }).collect();
                self.0.write_all(shown.as_bytes())?;
            }
            Ok(_) => self.0.write_all(buf)?,
            // Not text (formatted output always is): only the bytes that are controls in themselves.
            Err(_) => {
                let shown: Vec<u8> =
                    buf.iter().map(|&b| if b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7F { b'?' } else { b }).collect();
                self.0.write_all(&shown)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_direction_marks_are_not_passed_to_the_terminal() {
        let mut t = Terminal(Vec::new());
        writeln!(t, "已导出「a\u{1b}[2Jb\u{202E}c.pdf」\t完成\r").unwrap();
        let shown = String::from_utf8(t.0).unwrap();
        assert_eq!(shown, "已导出「a\u{FFFD}[2Jb\u{FFFD}c.pdf」\t完成\u{FFFD}\n");
    }
}
