//! Whether one declaration may leave its element's text unseen though
//! `display` and `visibility` show it. Only what is proven harmless counts as
//! shown: a colour we cannot prove differs from the white page (near-white,
//! any transparency, a variable), a size we cannot prove readable (under about
//! 4px, `calc()`, a variable), a filter, a transform or a position we do not
//! evaluate. A page may mean it or not: such text is unsure, never read as shown.

use super::colour::{WHITE, near, rgba};

/// Whether the declaration `name: value` (both lower case, trimmed) may hide text.
pub fn obscures(name: &str, value: &str) -> bool {
    let number = |v: &str| v.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%').trim().parse::<f64>().ok();
    let zero = || number(value).is_some_and(|x| x == 0.0);
    let far = || value.split_whitespace().next().and_then(number).is_some_and(|x| x <= -100.0);
    if unknown(value) && OBSCURING.contains(&name) {
        return true;
    }
    match name {
        "opacity" => number(value).is_some_and(|x| x == 0.0 || value.ends_with('%') && x < 10.0 || x < 0.1),
        "height" | "max-height" | "width" | "max-width" | "line-height" => zero(),
        "font-size" => !readable_size(value),
        "color" | "-webkit-text-fill-color" => !visible_colour(value),
        "clip" => value.starts_with("rect("),
        "clip-path" | "mask" | "mask-image" | "-webkit-mask-image" => !value.is_empty() && value != "none",
        "left" | "top" | "right" | "margin-left" | "margin-top" | "text-indent" => far(),
        "content-visibility" => value == "hidden",
        _ => false,
    }
}

/// Whether the declaration moves or redraws its element in a way not worked
/// out here (a filter, a transform, taken out of the flow): text in a table
/// cell so drawn is unsure (elsewhere it only lays the page out).
pub fn moves(name: &str, value: &str) -> bool {
    let plain = matches!(value, "" | "none" | "initial" | "inherit" | "unset");
    match name {
        // `progid:` filters are old Internet Explorer's, which browsers ignore.
        "filter" | "-webkit-filter" => !plain && !value.starts_with("progid:"),
        // `transform` and its parts given alone (`scale: 0`), and the older `zoom`.
        "transform" | "scale" | "rotate" | "translate" => !plain,
        "zoom" => !plain && !matches!(value, "1" | "normal" | "100%" | "reset"),
        "position" => matches!(value, "absolute" | "fixed"),
        // Made a ruby annotation: drawn above or beside the text, not in its line.
        "display" => value.starts_with("ruby-text"),
        _ => false,
    }
}

/// The properties [`obscures`] and [`moves`] look at; `display` and `visibility` besides.
const OBSCURING: [&str; 30] = [
    "display",
    "visibility",
    "opacity",
    "height",
    "max-height",
    "width",
    "max-width",
    "line-height",
    "font-size",
    "color",
    "-webkit-text-fill-color",
    "clip",
    "clip-path",
    "mask",
    "mask-image",
    "-webkit-mask-image",
    "filter",
    "transform",
    "scale",
    "rotate",
    "translate",
    "zoom",
    "position",
    "left",
    "top",
    "right",
    "margin-left",
    "margin-top",
    "text-indent",
    "content-visibility",
];

/// A value only a browser works out: a variable, an environment value, an attribute.
pub fn unknown(value: &str) -> bool {
    value.contains("var(") || value.contains("env(") || value.contains("attr(")
}

/// Whether a `font-size` is surely readable (about 4px or more): keywords,
/// and lengths whose unit we know; anything else (`calc()`, viewport units) is not proven.
fn readable_size(value: &str) -> bool {
    const KEYWORDS: [&str; 14] = [
        "xx-small",
        "x-small",
        "small",
        "medium",
        "large",
        "x-large",
        "xx-large",
        "xxx-large",
        "smaller",
        "larger",
        "inherit",
        "initial",
        "unset",
        "revert",
    ];
    if KEYWORDS.contains(&value) {
        return true;
    }
    let unit_at = value.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(value.len());
    let Ok(x) = value[..unit_at].trim().parse::<f64>() else { return false };
    let least = match &value[unit_at..] {
        "px" => 4.0,
        "pt" => 3.0,
        "em" | "rem" => 0.3,
        "%" => 30.0,
        "pc" => 0.25,
        "mm" => 1.1,
        "cm" => 0.11,
        "in" => 0.042,
        "q" => 4.3,
        _ => return false,
    };
    x >= least
}

/// Whether a colour surely differs from a white page: a colour we know,
/// opaque enough and not near white ([`near`]). `inherit` and the like keep
/// the parent's (judged there); any other value is not proven seen.
pub fn visible_colour(value: &str) -> bool {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(v.as_str(), "inherit" | "initial" | "unset" | "revert" | "currentcolor" | "windowtext" | "canvastext" | "") {
        return true;
    }
    rgba(value).is_some_and(|c| !near(c, WHITE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_proven_seen_counts_as_shown() {
        let unseen = [
            ("color", "#fffffe"),
            ("color", "snow"),
            ("color", "white"),
            ("color", "#fff"),
            ("color", "hsl(0,0%,100%)"),
            ("color", "rgb(255 255 255)"),
            ("color", "rgba(255,255,255,1)"),
            ("color", "#fff0"),
            ("color", "#0000"),
            ("color", "transparent"),
            ("color", "rgba(0,0,0,0)"),
            ("color", "var(--w)"),
            ("color", "lab(99 0 0)"),
            ("display", "var(--d)"),
            ("font-size", "0.1px"),
            ("font-size", ".01em"),
            ("font-size", "calc(0px)"),
            ("font-size", "0"),
            ("opacity", "0%"),
            ("opacity", "0"),
            ("left", "-9999px"),
        ];
        for (n, v) in unseen {
            assert!(obscures(n, v), "{n}: {v}");
        }
        let seen = [
            ("color", "#333"),
            ("color", "black"),
            ("color", "rgb(0 0 0)"),
            ("color", "hsl(0, 100%, 40%)"),
            ("color", "rgba(0,0,0,.87)"),
            ("color", "inherit"),
            ("font-size", "12px"),
            ("font-size", "10.5pt"),
            ("font-size", "small"),
            ("font-size", "80%"),
            ("opacity", "0.9"),
            ("filter", "none"),
            ("transform", "none"),
            ("zoom", "1"),
            ("scale", "none"),
            ("position", "relative"),
            ("left", "0"),
        ];
        for (n, v) in seen {
            assert!(!obscures(n, v) && !moves(n, v), "{n}: {v}");
        }
        for (n, v) in [
            ("filter", "opacity(0)"),
            ("transform", "translatex(-9999px)"),
            ("position", "absolute"),
            ("scale", "0"),
            ("zoom", "0.01"),
        ] {
            assert!(moves(n, v), "{n}: {v}");
        }
    }

    fn text_of(page: &str) -> crate::import::html::visibility::Seen {
        let doc = scraper::Html::parse_document(page);
        let view = crate::import::html::visibility::view(&doc);
        let t1 = doc.tree.root().descendants().filter_map(scraper::ElementRef::wrap).find(|e| e.value().attr("id") == Some("t1"));
        view.of(t1.expect("t1").id()).text
    }

    /// The same rules as the page applies them: `<font color>`, variables, CSS
    /// nesting and escaped property names are read, and what moves text is
    /// unsure inside a table cell only.
    #[test]
    fn the_page_hides_or_leaves_unsure_what_it_may_not_show() {
        use crate::import::html::visibility::Seen;
        let cell = |inner: &str| format!("<table><tr><td>10{inner}</td></tr></table>");
        let cases = [
            (cell("<font id=t1 color=white>7</font>"), Seen::Unsure),
            (cell("<font id=t1 color=\"#fffffe\">7</font>"), Seen::Unsure),
            (cell("<font id=t1 color=red>7</font>"), Seen::Shown),
            (
                "<style>:root{--d:none}</style>".to_string() + &cell("<span id=t1 style=\"display:var(--d)\">7</span>"),
                Seen::Unsure,
            ),
            ("<style>td{ & .s{display:none} }</style>".to_string() + &cell("<span id=t1 class=s>7</span>"), Seen::Hidden),
            ("<style>td{ .s{display:none} }</style>".to_string() + &cell("<span id=t1 class=s>7</span>"), Seen::Hidden),
            ("<style>td{color:red; & .s{display:none}}</style><p><span id=t1 class=s>7</span></p>".to_string(), Seen::Shown),
            ("<style>.q{\\64isplay:none}</style>".to_string() + &cell("<span id=t1 class=q>7</span>"), Seen::Hidden),
            (cell("<span id=t1 style=\"transform:translateX(-9999px)\">7</span>"), Seen::Unsure),
            (cell("<span id=t1 style=\"position:absolute;left:5px\">7</span>"), Seen::Unsure),
            (cell("<span id=t1 style=\"filter:opacity(0)\">7</span>"), Seen::Unsure),
            (cell("<span id=t1 style=\"zoom:0.01\">7</span>"), Seen::Unsure),
            ("<style>.z{scale:0}</style>".to_string() + &cell("<span id=t1 class=z>7</span>"), Seen::Unsure),
            ("<style>.r{content:\"10\"}</style>".to_string() + &cell("<span id=t1 class=r>7</span>"), Seen::Unsure),
            ("<div id=t1 style=\"position:absolute;top:0\">一、总体情况</div>".to_string(), Seen::Shown),
        ];
        for (page, want) in cases {
            assert_eq!(text_of(&page), want, "{page}");
        }
    }
}
