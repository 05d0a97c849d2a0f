//! Text cut off by the box it is in: a box that clips what overflows it
//! (`overflow: hidden` or `clip`, on either axis) and is not clearly big
//! enough for a number (a `width`, `max-width`, `height` or `max-height`
//! under the bounds below, a length only the browser works out, or a
//! `line-clamp`) may show 「1」 of 「107」. Both may come from different rules
//! or the element's own style. A table cell grows to hold its text unless the
//! page lays its tables out by fixed widths (`table-layout: fixed`); only then
//! does a cell's own size clip.

/// Whether the declaration clips what overflows the box.
pub fn clips(name: &str, value: &str) -> bool {
    matches!(name, "overflow" | "overflow-x" | "overflow-y" | "overflow-inline" | "overflow-block")
        && value.split_whitespace().any(|w| matches!(w, "hidden" | "clip"))
}

/// Whether the declaration may make the box too small for a number of some
/// six digits on one line.
pub fn narrow(name: &str, value: &str) -> bool {
    match name {
        "width" | "max-width" | "inline-size" | "max-inline-size" => !big_enough(value, &WIDE),
        "height" | "max-height" | "block-size" | "max-block-size" => !big_enough(value, &TALL),
        "-webkit-line-clamp" | "line-clamp" => !matches!(value, "" | "none" | "initial" | "unset" | "inherit"),
        _ => false,
    }
}

/// The least length, per unit, that surely holds a number: across, some six digits.
const WIDE: [(&str, f64); 8] =
    [("px", 64.0), ("pt", 48.0), ("em", 4.0), ("rem", 4.0), ("ch", 6.0), ("%", 50.0), ("cm", 1.7), ("mm", 17.0)];
/// Down, one line of text.
const TALL: [(&str, f64); 9] =
    [("px", 14.0), ("pt", 10.5), ("em", 1.0), ("rem", 1.0), ("ch", 2.0), ("lh", 1.0), ("%", 50.0), ("cm", 0.5), ("mm", 5.0)];

/// Whether a size is surely at least the bound for its unit: keywords that
/// size by the content or not at all are; a unitless number is pixels (an
/// HTML `width` attribute); anything else (`calc()`, viewport units) is not proven.
pub fn big_enough(value: &str, least: &[(&str, f64)]) -> bool {
    let v = value.trim();
    if matches!(
        v,
        "" | "auto" | "none" | "fit-content" | "max-content" | "min-content" | "inherit" | "initial" | "unset" | "revert"
    ) {
        return true;
    }
    let unit_at = v.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(v.len());
    let Ok(x) = v[..unit_at].trim().parse::<f64>() else { return false };
    let unit = if unit_at == v.len() { "px" } else { &v[unit_at..] };
    least.iter().find(|(u, _)| *u == unit).is_some_and(|(_, at)| x >= *at)
}

/// Whether a style text lays tables out by fixed widths.
pub fn fixed_layout(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    lower.match_indices("table-layout").any(|(at, m)| {
        let rest = &lower[at + m.len()..];
        let value = rest.split([';', '}', '"', '\'']).next().unwrap_or("");
        value.contains("fixed")
    })
}

/// A cell's `width` attribute too small for a number (only where tables are laid out by fixed widths).
pub fn narrow_attribute(el: &scraper::node::Element) -> bool {
    el.attr("width").is_some_and(|w| !big_enough(&w.trim().to_ascii_lowercase(), &WIDE))
        || el.attr("height").is_some_and(|h| !big_enough(&h.trim().to_ascii_lowercase(), &TALL))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clipping_box_too_small_for_a_number_is_told_from_a_big_one() {
        assert!(clips("overflow", "hidden") && clips("overflow-x", "clip") && clips("overflow", "auto hidden"));
        assert!(!clips("overflow", "auto") && !clips("overflow-x", "scroll") && !clips("overflow", "visible"));
        for (n, v) in [
            ("width", "1ch"),
            ("width", "20px"),
            ("max-width", "2em"),
            ("height", "8px"),
            ("width", "calc(1px)"),
            ("width", "5vw"),
        ] {
            assert!(narrow(n, v), "{n}: {v}");
        }
        assert!(narrow("-webkit-line-clamp", "1"));
        for (n, v) in [
            ("width", "120px"),
            ("width", "100%"),
            ("width", "auto"),
            ("height", "20px"),
            ("max-height", "none"),
            ("color", "red"),
        ] {
            assert!(!narrow(n, v), "{n}: {v}");
        }
        assert!(fixed_layout("table{ table-layout : fixed }") && !fixed_layout("table{table-layout:auto} .x{position:fixed}"));
    }
}
