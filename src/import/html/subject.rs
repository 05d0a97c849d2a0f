//! What a style rule's selector asks of the element itself (its subject: the
//! last compound, `td.n#k` of `table .x > td.n#k`), read as CSS reads it: escapes
//! decoded (`#\31 x` names id 「1x」, `.a\:b` class 「a:b」), brackets,
//! parentheses and quoted strings taken whole (`[title="a > b, c"]`), so that
//! nothing inside them is mistaken for a combinator, a comma or a name. The
//! rules are found by their subject; a subject read wrong would file a rule
//! where no element looks for it, and the rule would be lost.

/// The part of a selector naming the element itself: an element lacking any
/// of these is not named by the selector.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub tag: Option<String>,
    pub classes: Vec<String>,
    pub ids: Vec<String>,
}

/// A selector's characters at its top level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// Written as an escape: part of a name whatever the character.
    Literal(char),
    /// A bracket or parenthesis group, or a quoted string, taken whole.
    Group,
    Plain(char),
}

/// The selector's units, each with the byte where it begins.
fn units(selector: &str) -> Vec<(usize, Unit)> {
    let mut out = Vec::new();
    let mut chars = selector.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let unit = match c {
            '\\' => match escape(&mut chars) {
                Some(c) => Unit::Literal(c),
                None => continue,
            },
            '[' | '(' | '"' | '\'' => {
                group(c, &mut chars);
                Unit::Group
            }
            c => Unit::Plain(c),
        };
        out.push((at, unit));
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// The character an escape stands for, the backslash already taken: up to six
/// hex digits and one white space after them, or the next character itself.
fn escape(chars: &mut Chars<'_>) -> Option<char> {
    let mut hex = String::new();
    while hex.len() < 6
        && let Some(&(_, h)) = chars.peek()
        && h.is_ascii_hexdigit()
    {
        hex.push(h);
        chars.next();
    }
    if hex.is_empty() {
        return chars.next_if(|&(_, c)| c != '\n').map(|(_, c)| c);
    }
    chars.next_if(|&(_, c)| c.is_whitespace());
    let code = u32::from_str_radix(&hex, 16).unwrap_or(0);
    Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'))
}

/// A name written with CSS escapes as CSS reads it (`\\64isplay` is 「display」).
pub fn unescape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut chars = name.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '\\' {
            out.extend(escape(&mut chars));
        } else {
            out.push(c);
        }
    }
    out
}

/// Skips a group opened by `open` to its end: brackets and parentheses nest,
/// quotes and escapes inside are taken as they are (an unclosed one runs to the end).
fn group(open: char, chars: &mut Chars<'_>) {
    let mut closers = vec![close_of(open)];
    while let Some(&want) = closers.last() {
        let Some((_, c)) = chars.next() else { return };
        let quoted = matches!(want, '"' | '\'');
        match c {
            '\\' => {
                escape(chars);
            }
            c if c == want => {
                closers.pop();
            }
            '[' | '(' | '"' | '\'' if !quoted => closers.push(close_of(c)),
            _ => {}
        }
    }
}

fn close_of(open: char) -> char {
    match open {
        '[' => ']',
        '(' => ')',
        q => q,
    }
}

/// The selectors of a rule's prelude, split at its top-level commas only
/// (not one in `[title="a,b"]`, `:is(.a,.b)` or `.a\,b`).
pub fn selectors(prelude: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, unit) in units(prelude) {
        if unit == Unit::Plain(',') {
            out.push(prelude[from..at].trim());
            from = at + 1;
        }
    }
    out.push(prelude[from..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// The subject of a selector, its pseudo-classes and attributes left out; a
/// namespace (`svg|a`) makes it require nothing.
pub fn subject(selector: &str) -> Subject {
    let units = units(selector);
    let combinator = |u: &Unit| matches!(u, Unit::Plain(c) if c.is_whitespace() || matches!(c, '>' | '+' | '~'));
    let start = units.iter().rposition(|(_, u)| combinator(u)).map_or(0, |k| k + 1);
    let last = &units[start..];
    let mut s = Subject::default();
    if last.iter().any(|(_, u)| *u == Unit::Plain('|')) {
        return s;
    }
    // What the current name is: 't' tag, '.' class, '#' id, ':' skipped.
    let (mut kind, mut name) = ('t', String::new());
    let flush = |kind: char, name: &mut String, s: &mut Subject| {
        if !name.is_empty() {
            match kind {
                't' => s.tag = Some(std::mem::take(name)),
                '.' => s.classes.push(std::mem::take(name)),
                '#' => s.ids.push(std::mem::take(name)),
                _ => name.clear(),
            }
        }
    };
    for (_, unit) in last {
        match *unit {
            Unit::Literal(c) => name.push(c),
            Unit::Plain(c @ ('.' | '#' | ':')) => {
                flush(kind, &mut name, &mut s);
                kind = c;
            }
            Unit::Plain('*') => {}
            Unit::Plain(c) if c.is_alphanumeric() || matches!(c, '-' | '_') || !c.is_ascii() => name.push(c),
            Unit::Plain(_) | Unit::Group => {
                flush(kind, &mut name, &mut s);
                kind = ':';
            }
        }
    }
    flush(kind, &mut name, &mut s);
    s
}

/// Whether the element has all its subject asks.
pub fn perhaps(el: &scraper::node::Element, s: &Subject) -> bool {
    s.tag.as_ref().is_none_or(|t| t == "*" || t.eq_ignore_ascii_case(el.name()))
        && s.classes.iter().all(|c| el.classes().any(|k| k == c))
        && s.ids.iter().all(|i| el.id() == Some(i.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(tag: Option<&str>, classes: &[&str], ids: &[&str]) -> Subject {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Subject { tag: tag.map(str::to_string), classes: own(classes), ids: own(ids) }
    }

    /// Escapes, quoted attribute values and groups holding spaces, combinators
    /// or commas: the subject is what CSS reads, never a fragment of them.
    #[test]
    fn the_subject_is_read_as_css_reads_it() {
        let cases = [
            (r"#\31 x", of(None, &[], &["1x"])),
            (r"#\000031x", of(None, &[], &["1x"])),
            (r"div #\31 23", of(None, &[], &["123"])),
            (r".a\:b", of(None, &["a:b"], &[])),
            (r".md\:hidden span.k", of(Some("span"), &["k"], &[])),
            (r#"td[title="a b"]"#, of(Some("td"), &[], &[])),
            (r#"p > span[data-x="1 > 2 + 3 ~ 4"].n"#, of(Some("span"), &["n"], &[])),
            ("td:not(.a .b)", of(Some("td"), &[], &[])),
            ("table .x > td.n#k:first-child", of(Some("td"), &["n"], &["k"])),
            ("svg|a", of(None, &[], &[])),
            ("*", of(None, &[], &[])),
            (r"\", of(None, &[], &[])),
            (r#"td[title="open"#, of(Some("td"), &[], &[])),
        ];
        for (selector, want) in cases {
            assert_eq!(subject(selector), want, "{selector}");
        }
    }

    #[test]
    fn a_prelude_is_split_at_its_own_commas_only() {
        assert_eq!(
            selectors(r#"a, td[title="x,y"] , :is(.a,.b) p,.c\,d"#),
            vec!["a", r#"td[title="x,y"]"#, ":is(.a,.b) p", r".c\,d"]
        );
        assert_eq!(selectors(" , a,,"), vec!["a"]);
    }
}
