//! Colours as a page writes them, and the one rule for when text does not
//! stand out from what it is drawn on: every channel within [`NEAR`] of it
//! (or mostly transparent). Near white, the plain page's background, is the
//! same rule ([`super::unseen::visible_colour`]).

/// A colour: channels 0–255, alpha 0–1.
pub type Rgba = (f64, f64, f64, f64);

/// Channels this close (each) draw text that cannot be told from its ground.
pub const NEAR: f64 = 25.0;

pub const WHITE: Rgba = (255.0, 255.0, 255.0, 1.0);
pub const BLACK: Rgba = (0.0, 0.0, 0.0, 1.0);

/// Whether text of colour `text` is not seen on ground `ground`.
pub fn near(text: Rgba, ground: Rgba) -> bool {
    let (a, b) = (text, ground);
    a.3 < 0.5 || (a.0 - b.0).abs() <= NEAR && (a.1 - b.1).abs() <= NEAR && (a.2 - b.2).abs() <= NEAR
}

/// Named colours whose values we know (a page's usual ones); any other name is unknown.
const NAMED: [(&str, (u8, u8, u8)); 54] = [
    ("black", (0, 0, 0)),
    ("white", (255, 255, 255)),
    ("red", (255, 0, 0)),
    ("blue", (0, 0, 255)),
    ("navy", (0, 0, 128)),
    ("green", (0, 128, 0)),
    ("maroon", (128, 0, 0)),
    ("purple", (128, 0, 128)),
    ("teal", (0, 128, 128)),
    ("olive", (128, 128, 0)),
    ("gray", (128, 128, 128)),
    ("grey", (128, 128, 128)),
    ("darkgray", (169, 169, 169)),
    ("darkgrey", (169, 169, 169)),
    ("dimgray", (105, 105, 105)),
    ("dimgrey", (105, 105, 105)),
    ("silver", (192, 192, 192)),
    ("brown", (165, 42, 42)),
    ("darkred", (139, 0, 0)),
    ("darkblue", (0, 0, 139)),
    ("darkgreen", (0, 100, 0)),
    ("orange", (255, 165, 0)),
    ("darkorange", (255, 140, 0)),
    ("crimson", (220, 20, 60)),
    ("firebrick", (178, 34, 34)),
    ("royalblue", (65, 105, 225)),
    ("steelblue", (70, 130, 180)),
    ("slategray", (112, 128, 144)),
    ("slategrey", (112, 128, 144)),
    ("midnightblue", (25, 25, 112)),
    ("darkslategray", (47, 79, 79)),
    ("darkslategrey", (47, 79, 79)),
    ("indigo", (75, 0, 130)),
    ("magenta", (255, 0, 255)),
    ("fuchsia", (255, 0, 255)),
    ("orangered", (255, 69, 0)),
    ("chocolate", (210, 105, 30)),
    ("saddlebrown", (139, 69, 19)),
    ("yellow", (255, 255, 0)),
    ("lime", (0, 255, 0)),
    ("aqua", (0, 255, 255)),
    ("cyan", (0, 255, 255)),
    ("snow", (255, 250, 250)),
    ("whitesmoke", (245, 245, 245)),
    ("ivory", (255, 255, 240)),
    ("beige", (245, 245, 220)),
    ("linen", (250, 240, 230)),
    ("aliceblue", (240, 248, 255)),
    ("ghostwhite", (248, 248, 255)),
    ("lightyellow", (255, 255, 224)),
    ("lightgray", (211, 211, 211)),
    ("lightgrey", (211, 211, 211)),
    ("gainsboro", (220, 220, 220)),
    ("transparent", (0, 0, 0)),
];

/// A colour written as a known name, hex, `rgb()`/`rgba()` or `hsl()`/`hsla()`
/// (commas or spaces, `/ alpha`); `None` for anything else.
pub fn rgba(value: &str) -> Option<Rgba> {
    let v = value.trim().to_ascii_lowercase();
    if let Some((name, (r, g, b))) = NAMED.iter().find(|(n, _)| *n == v) {
        let alpha = if *name == "transparent" { 0.0 } else { 1.0 };
        return Some((f64::from(*r), f64::from(*g), f64::from(*b), alpha));
    }
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
            let h = parts[0].trim_end_matches("deg").parse::<f64>().ok()?.rem_euclid(360.0);
            let s = (num(parts[1].trim_end_matches('%'), 1.0)? / 100.0).clamp(0.0, 1.0);
            let l = (num(parts[2].trim_end_matches('%'), 1.0)? / 100.0).clamp(0.0, 1.0);
            let channel = |n: f64| {
                let k = (n + h / 30.0) % 12.0;
                (l - s * l.min(1.0 - l) * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)) * 255.0
            };
            Some((channel(0.0), channel(8.0), channel(4.0), alpha))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_and_near_ones_told_apart() {
        assert_eq!(rgba("#000"), Some(BLACK));
        assert_eq!(rgba("WHITE"), Some(WHITE));
        assert_eq!(rgba("hsl(0, 100%, 50%)").map(|c| (c.0.round(), c.1.round(), c.2.round())), Some((255.0, 0.0, 0.0)));
        assert_eq!(rgba("hsl(120 100% 25%)").map(|c| (c.0.round(), c.1.round(), c.2.round())), Some((0.0, 128.0, 0.0)));
        assert!(
            near(BLACK, BLACK) && near(rgba("#111").unwrap_or(WHITE), BLACK) && near(rgba("#ffffff70").unwrap_or(BLACK), BLACK)
        );
        assert!(
            !near(rgba("#333").unwrap_or(BLACK), BLACK) && !near(BLACK, WHITE) && !near(WHITE, rgba("#036").unwrap_or(WHITE))
        );
        assert_eq!(rgba("lab(99 0 0)"), None);
    }
}
