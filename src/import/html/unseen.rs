//! Whether one declaration may leave its element's text unseen though
//! `display` and `visibility` show it. Only what is proven harmless counts as
//! shown: a colour we cannot prove differs from the white page (near-white,
//! any transparency, a variable), a size we cannot prove readable (under about
//! 4px, `calc()`, a variable), a filter, a transform or a position we do not
//! evaluate. A page may mean it or not: such text is unsure, never read as shown.

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

/// The colours of text a page shows on white whose values we know; any other
/// name is not proven visible.
const DARK_NAMES: [&str; 37] = [
    "black",
    "red",
    "blue",
    "navy",
    "green",
    "maroon",
    "purple",
    "teal",
    "olive",
    "gray",
    "grey",
    "darkgray",
    "darkgrey",
    "dimgray",
    "dimgrey",
    "silver",
    "brown",
    "darkred",
    "darkblue",
    "darkgreen",
    "orange",
    "darkorange",
    "crimson",
    "firebrick",
    "royalblue",
    "steelblue",
    "slategray",
    "slategrey",
    "midnightblue",
    "darkslategray",
    "darkslategrey",
    "indigo",
    "magenta",
    "fuchsia",
    "orangered",
    "chocolate",
    "saddlebrown",
];

/// Whether a colour surely differs from a white page: opaque enough and not
/// near white. `inherit` and the like keep the parent's (judged there).
pub fn visible_colour(value: &str) -> bool {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if matches!(v.as_str(), "inherit" | "initial" | "unset" | "revert" | "currentcolor" | "windowtext" | "canvastext" | "")
        || DARK_NAMES.contains(&v.as_str())
    {
        return true;
    }
    match rgba(value) {
        // Near white (every channel 230 or more) or mostly transparent: not proven seen.
        Some((r, g, b, a)) => a >= 0.5 && r.min(g).min(b) < 230.0,
        None => false,
    }
}

/// A colour written as hex, `rgb()`/`rgba()` or `hsl()`/`hsla()` (commas or
/// spaces, `/ alpha`): channels 0–255, alpha 0–1.
fn rgba(value: &str) -> Option<(f64, f64, f64, f64)> {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        let digits: Vec<f64> = hex.chars().map(|c| c.to_digit(16).map(f64::from)).collect::<Option<_>>()?;
        let c: Vec<f64> = match digits.len() {
            3 | 4 => digits.iter().map(|d| d * 17.0).collect(),
            6 | 8 => digits.chunks(2).map(|p| p[0] * 16.0 + p[1]).collect(),
            _ => return None,
        };
        let alpha = c.get(3).map_or(1.0, |a| a / 255.0);
        return Some((c[0], c[1], c[2], alpha));
    }
    let (func, args) = v.strip_suffix(')')?.split_once('(')?;
    let parts: Vec<&str> = args.split([',', ' ', '/']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let num = |p: &str, full: f64| -> Option<f64> {
        match p.strip_suffix('%') {
            Some(pct) => pct.parse::<f64>().ok().map(|x| x / 100.0 * full),
            None => p.parse::<f64>().ok(),
        }
    };
    let alpha = match parts.get(3) {
        Some(a) => num(a, 1.0)?,
        None => 1.0,
    };
    match func.trim() {
        "rgb" | "rgba" if parts.len() >= 3 => Some((num(parts[0], 255.0)?, num(parts[1], 255.0)?, num(parts[2], 255.0)?, alpha)),
        "hsl" | "hsla" if parts.len() >= 3 => {
            let s = num(parts[1].trim_end_matches('%'), 1.0)? / 100.0;
            let l = num(parts[2].trim_end_matches('%'), 1.0)? / 100.0;
            // The lowest channel of an HSL colour: l − s·min(l, 1 − l).
            let low = (l - s * l.min(1.0 - l)) * 255.0;
            Some((low, low, low, alpha))
        }
        _ => None,
    }
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
