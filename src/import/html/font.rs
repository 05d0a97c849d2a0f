//! What an element's style says of its text's size and place in the line:
//! `font-size`, the size part of the `font` shorthand (`font: 9px serif`,
//! `font: 0/0 a`), and `vertical-align`. The shorthand sizes text as
//! `font-size` does: read the same, for what it hides and for the look of
//! digits beside a number.

use super::styles::declaration_list;

/// The size a declaration gives, if it sets one: `font-size` as written,
/// `font` by the size in it (before any `/line-height`).
pub fn size_of(name: &str, value: &str) -> Option<String> {
    match name {
        "font-size" => Some(value.to_string()),
        "font" => value.split_whitespace().flat_map(|t| t.split('/')).find(|t| is_size(t)).map(str::to_string),
        _ => None,
    }
}

/// Whether a token of the `font` shorthand is its size: a keyword, `0`, a
/// number with a unit or percent (a bare number is a weight), or a function.
fn is_size(token: &str) -> bool {
    const KEYWORDS: [&str; 10] =
        ["xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large", "smaller", "larger"];
    let unit_at = token.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(token.len());
    let number = token[..unit_at].parse::<f64>().is_ok();
    KEYWORDS.contains(&token)
        || token == "0"
        || (number && unit_at < token.len())
        || ["calc(", "clamp(", "min(", "max("].iter().any(|f| token.starts_with(f))
}

/// The size an element's own style gives its text, if any (the last declaration that sets one).
pub fn font_size(style: &str) -> Option<String> {
    declaration_list(style)
        .0
        .into_iter()
        .rev()
        .filter_map(|(n, v)| {
            let v = v.trim().to_ascii_lowercase();
            let v = v
                .strip_suffix("important")
                .and_then(|v| v.trim_end().strip_suffix('!'))
                .map_or(v.clone(), |v| v.trim().to_string());
            size_of(&n.trim().to_ascii_lowercase(), &v)
        })
        .next()
}

/// Whether an element's own style raises or lowers it (`vertical-align: super`).
pub fn raised(style: &str) -> Option<crate::import::marks::Mark> {
    declaration_list(style).0.into_iter().find(|(n, _)| n.eq_ignore_ascii_case("vertical-align")).and_then(|(_, v)| {
        match v.to_ascii_lowercase().as_str() {
            "super" => Some(crate::import::marks::Mark::Superscript),
            "sub" => Some(crate::import::marks::Mark::Subscript),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_shorthand_sizes_text_as_font_size_does() {
        assert_eq!(size_of("font", "0/0 a").as_deref(), Some("0"));
        assert_eq!(size_of("font", "9px serif").as_deref(), Some("9px"));
        assert_eq!(size_of("font", "italic 700 10.5pt/1.5 \"宋体\"").as_deref(), Some("10.5pt"));
        assert_eq!(size_of("font", "bold small sans-serif").as_deref(), Some("small"));
        assert_eq!(size_of("font", "inherit"), None);
        assert_eq!(font_size("color:red; font: 9px serif").as_deref(), Some("9px"));
        assert_eq!(font_size("font:12px a;font-size:0 !important").as_deref(), Some("0"));
    }
}
