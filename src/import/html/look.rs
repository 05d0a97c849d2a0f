//! How an inline element sets its text apart from the text around it: a
//! different size (`<small>`, `<big>`, `<font size>`, a `font-size` of its own
//! or from the page's rules) or a link elsewhere (`<a href>`). Digits that go
//! on across such an edge (「132<small>1</small>」, 「132<a href="#fn1">1</a>」)
//! may be a footnote's mark written without `<sup>`, or part of the number:
//! which is undecided, so the cell is unread with both readings. Runs split
//! with nothing different (Word's `<span>`s, `<b>`) are one number.

use ego_tree::NodeId;
use scraper::ElementRef;

use super::font;

/// The look of an element's text, as far as it tells digits apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// The text's size as declared: an absolute size replaces it, a relative
    /// one (`<small>`, `80%`, `smaller`) is added to it.
    size: String,
    /// The link it is in.
    link: Option<NodeId>,
}

/// The look of an element inside one of `parent` look; `rule` is the last of
/// the page's rules that sizes it.
pub fn of(e: &ElementRef<'_>, parent: &Look, rule: Option<u32>) -> Look {
    let el = e.value();
    let mut look = parent.clone();
    let mut size = |value: &str| {
        let v = value.trim().to_ascii_lowercase();
        let relative = v.ends_with('%') || v.ends_with("em") && !v.ends_with("rem") || matches!(v.as_str(), "smaller" | "larger");
        let relative = relative || v.starts_with(['+', '-']);
        if relative {
            look.size.push('<');
            look.size.push_str(&v);
        } else {
            look.size = v;
        }
    };
    match el.name() {
        "small" | "big" => size(&format!("{}%", if el.name() == "small" { 83 } else { 120 })),
        "font" => {
            if let Some(v) = el.attr("size").map(str::trim) {
                size(&if v.starts_with(['+', '-']) { v.to_string() } else { format!("font {v}") });
            }
        }
        "a" if el.attr("href").is_some() => look.link = Some(e.id()),
        _ => {}
    }
    if let Some(r) = rule {
        size(&format!("rule {r}"));
    }
    if let Some(v) = el.attr("style").and_then(font::font_size) {
        size(&v);
    }
    look
}

/// Whether a digit ends or begins the text.
fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Where the digits a text ends with begin, and how many bytes the digits it
/// begins with take.
pub fn trailing_digits(t: &str) -> usize {
    t.char_indices().rev().take_while(|&(_, c)| digit(Some(c))).last().map_or(t.len(), |(at, _)| at)
}

pub fn leading_digits(t: &str) -> usize {
    t.char_indices().find(|&(_, c)| !digit(Some(c))).map_or(t.len(), |(at, _)| at)
}

/// Whether the text goes on with a digit from one that ends with a digit.
pub fn digits_meet(before: &str, after: &str) -> bool {
    digit(before.chars().next_back()) && digit(after.chars().next())
}

#[cfg(test)]
mod tests {
    use super::super::test_page::read_cell as read;

    /// Digits going on across the edge of an element of another size or a link
    /// (a footnote's mark written without `<sup>`): unread with both readings.
    #[test]
    fn digits_across_an_edge_of_size_or_link_are_unread() {
        let both = |a: &str, b: &str| Err(vec![a.to_string(), b.to_string()]);
        let cases = [
            ("", "132<small>1</small>", both("1321", "132")),
            ("", r##"132<a href="#fn1">1</a>"##, both("1321", "132")),
            ("", "132<big>1</big>", both("1321", "132")),
            ("", "132<font size=1>1</font>", both("1321", "132")),
            ("", "132<font size=-1>1</font>", both("1321", "132")),
            ("", r#"<span style="font-size:12pt">132</span><span style="font-size:8pt">1</span>"#, both("1321", "132")),
            ("", r#"132<span style="font-size:70%">1</span>"#, both("1321", "132")),
            (".fn{font-size:9px}", "132<span class=fn>1</span>", both("1321", "132")),
            ("", "<small>9</small>132", both("9132", "132")),
        ];
        for (style, cell, want) in cases {
            assert_eq!(read(style, cell), want, "{style} {cell}");
        }
    }

    /// Runs split with nothing setting them apart are one number.
    #[test]
    fn digits_split_without_a_difference_are_one_number() {
        let cases = [
            ("", "<span>13</span><span>2</span>"),
            ("", "13<b>2</b>"),
            ("", r#"<span style="font-size:10.5pt">13</span><span style="font-size:10.5pt">2</span>"#),
            (".a{font-size:10.5pt}", "<span class=a>13</span><span class=a>2</span>"),
            ("", r##"<a href="#x">132</a>"##),
            ("", "<a name=x>13</a>2"),
            ("", "<small>132</small>"),
        ];
        for (style, cell) in cases {
            assert_eq!(read(style, cell), Ok("132".to_string()), "{style} {cell}");
        }
    }
}
