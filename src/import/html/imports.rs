//! `@import` in a page's own style: the sheet it brings (from a file, a web
//! address or a `data:` address) is not read, like a linked sheet; its rules
//! are unknown, so the page counts as linking one (see `Sheet::unexplained`).
//! The statement is taken out before the page's own rules are read: its
//! address may hold braces and names (「url("data:text/css,.q{display:none}")」)
//! that are no rule of the page's own.

use super::subject::unescape;

/// The style text without its `@import` statements, and whether it had any.
pub fn without_imports(css: &str) -> (String, bool) {
    let (mut out, mut found) = (String::with_capacity(css.len()), false);
    let mut rest = css;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        // The at-keyword as CSS reads it (escapes too: 「@\69 mport」).
        let mut len = 0;
        let mut chars = after.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if c == '\\' {
                // An escape: the next character, or up to six hex digits and one space.
                let mut hex = 0;
                while let Some(&(_, h)) = chars.peek() {
                    if hex < 6 && h.is_ascii_hexdigit() {
                        hex += 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                if hex == 0 || chars.peek().is_some_and(|&(_, s)| s == ' ') {
                    chars.next();
                }
                len = chars.peek().map_or(after.len(), |&(k, _)| k);
            } else if c.is_alphanumeric() || matches!(c, '-' | '_') {
                len = k + c.len_utf8();
            } else {
                break;
            }
        }
        if !unescape(&after[..len]).eq_ignore_ascii_case("import") {
            out.push('@');
            rest = after;
            continue;
        }
        found = true;
        rest = &after[statement_end(&after[len..]) + len..];
    }
    out.push_str(rest);
    (out, found)
}

/// Where a statement ends: after its `;` outside quotes and parentheses, or at the end.
fn statement_end(s: &str) -> usize {
    let (mut quote, mut depth, mut escaped) = (None::<char>, 0usize, false);
    for (k, c) in s.char_indices() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (_, '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ';') if depth == 0 => return k + 1,
            _ => {}
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::super::test_page::read_cell as read;
    use super::without_imports;

    /// Whatever an `@import` brings (a data: address, a file, with layer,
    /// supports or media) is unknown: an inline element it could hide is
    /// unsure; the page's own rules after it are read as written.
    #[test]
    fn an_imported_sheet_is_unknown_like_a_linked_one() {
        let unsure = Err(vec!["107".to_string(), "10".to_string()]);
        for import in [
            r#"@import url("data:text/css,.q{display:none}");"#,
            r#"@import url("data:text/css,.q{display:none}") layer(x) supports(display:grid) screen;"#,
            r#"@import "hide.css" print, screen; .known{color:red}"#,
            r#"@\69 mport url(data:text/css,.q%7Bdisplay:none%7D);"#,
            r#"@IMPORT url('data:text/css;charset=utf-8,.q{display:none}')"#,
        ] {
            assert_eq!(read(import, "10<span class=q>7</span>"), unsure, "{import}");
        }
        // A brace in the address does not take the page's next rule with it.
        let style = r#"@import url("data:text/css,.x{"); .h{display:none}"#;
        assert_eq!(read(style, "10<span class=h>7</span>"), Ok("10".to_string()));
        // Other at-rules stay.
        assert_eq!(
            without_imports("@media print{.a{b:c}} @import 'x.css'; .b{}"),
            ("@media print{.a{b:c}}  .b{}".to_string(), true)
        );
    }
}
