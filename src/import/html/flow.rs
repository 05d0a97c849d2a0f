//! How an element sits in the line of its table cell, as its style lays it
//! out: a block-level box (`display:block`, flex, grid, a list item, a table
//! part, a float) starts a line of its own, so text on either side of it is
//! apart as across a line break (「10<span style="display:block">7</span>」
//! shows 10 and 7, never 107), and so is each item of a flex or grid
//! container; an inline box set apart by space (horizontal
//! margin or padding, `inline-block`) perhaps separates the digits on its
//! two sides: the shorter run there is unsure.

/// An element's place in the line; a later kind includes the earlier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flow {
    /// Part of the line as text is.
    #[default]
    Inline,
    /// In the line but perhaps set apart by space.
    Spaced,
    /// A line (box) of its own.
    Breaks,
}

/// What one declaration (its name and value, lower case) makes of the element.
pub fn of(name: &str, value: &str) -> Flow {
    let value = value.trim();
    match name {
        "display" => {
            let words: Vec<&str> = value.split_whitespace().collect();
            let breaking = ["block", "flex", "grid", "list-item", "flow-root", "table", "table-row", "table-cell"];
            if words.iter().any(|w| w.starts_with("inline-") || *w == "ruby") {
                Flow::Spaced
            } else if words.iter().any(|w| breaking.contains(w) || w.starts_with("table-") || *w == "flow") {
                Flow::Breaks
            } else {
                Flow::Inline
            }
        }
        "float" if !matches!(value, "none" | "" | "inherit" | "initial" | "unset") => Flow::Breaks,
        "margin" | "padding" => {
            // One value: all sides; two or three: the second is left and right; four: the second and fourth.
            let v: Vec<&str> = value.split_whitespace().collect();
            let sides: Vec<&str> = match v.len() {
                0 => Vec::new(),
                1 => vec![v[0]],
                2 | 3 => vec![v[1]],
                _ => vec![v[1], v[3]],
            };
            if sides.iter().any(|s| !zero(s)) { Flow::Spaced } else { Flow::Inline }
        }
        "margin-left"
        | "margin-right"
        | "margin-inline"
        | "margin-inline-start"
        | "margin-inline-end"
        | "padding-left"
        | "padding-right"
        | "padding-inline"
        | "padding-inline-start"
        | "padding-inline-end"
            if value.split_whitespace().any(|s| !zero(s)) =>
        {
            Flow::Spaced
        }
        // Space drawn after each letter, or at each space: wider than about half
        // a digit (or not provably small), digits there read apart (「1<span
        // style="letter-spacing:3em">0</span>7」 shows 「10   7」).
        "letter-spacing" | "word-spacing" if !small_spacing(value) => Flow::Spaced,
        _ => Flow::Inline,
    }
}

/// Whether a spacing is surely under about half a digit's width (a digit is
/// about half an em): `normal`, or a length of at most a quarter em either way.
fn small_spacing(value: &str) -> bool {
    const QUARTER_EM: [(&str, f64); 5] = [("px", 4.0), ("pt", 3.0), ("em", 0.25), ("rem", 0.25), ("ch", 0.5)];
    let v = value.trim();
    if matches!(v, "" | "normal" | "initial" | "inherit" | "unset" | "revert") || zero(v) {
        return true;
    }
    let unit_at = v.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(v.len());
    let Ok(x) = v[..unit_at].trim().parse::<f64>() else { return false };
    QUARTER_EM.iter().any(|(u, at)| *u == &v[unit_at..] && x.abs() <= *at)
}

/// Whether a `display` value lays the children out as items, each a box of
/// its own (flex and grid items are block-level whatever their own display;
/// so are those of the old flexible box, `-webkit-box`).
pub fn container(display: &str) -> bool {
    display.split_whitespace().any(|w| w.contains("flex") || w.contains("grid") || w.ends_with("-box"))
}

/// A length that leaves no space (`0`, `0px`, `auto` on an inline box).
fn zero(length: &str) -> bool {
    let number = length.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    length == "auto" || (!number.is_empty() && number.parse::<f64>().is_ok_and(|n| n == 0.0))
}

#[cfg(test)]
mod tests {
    use super::{Flow, of};

    #[test]
    fn block_level_boxes_break_and_spaced_inline_boxes_are_unsure() {
        for (name, value) in [
            ("display", "block"),
            ("display", "flex"),
            ("display", "grid"),
            ("display", "list-item"),
            ("display", "table-cell"),
            ("display", "block flow"),
            ("float", "right"),
        ] {
            assert_eq!(of(name, value), Flow::Breaks, "{name}:{value}");
        }
        for (name, value) in [
            ("display", "inline-block"),
            ("display", "inline-flex"),
            ("margin-left", "3em"),
            ("padding", "0 40px"),
            ("margin", "0 0 0 -1px"),
            ("padding", "2px"),
            ("letter-spacing", "3em"),
            ("letter-spacing", "12px"),
            ("letter-spacing", "calc(1em + 2px)"),
            ("word-spacing", "-2em"),
        ] {
            assert_eq!(of(name, value), Flow::Spaced, "{name}:{value}");
        }
        for (name, value) in [
            ("display", "inline"),
            ("display", "contents"),
            ("margin", "0 auto"),
            ("padding", "5px 0"),
            ("margin-top", "9px"),
            ("float", "none"),
            ("letter-spacing", "1px"),
            ("letter-spacing", "0.1em"),
            ("letter-spacing", "normal"),
            ("word-spacing", "0"),
        ] {
            assert_eq!(of(name, value), Flow::Inline, "{name}:{value}");
        }
    }
}
