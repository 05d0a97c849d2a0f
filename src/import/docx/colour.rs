//! Colours of text and of what lies under it, and whether the one is seen on the other.

/// Colours whose channels differ by at most this much are not told apart on paper.
const NEAR: u32 = 24;

/// A text colour or a background.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colour {
    /// `auto`: Word picks black or white against the background: always seen.
    Auto,
    Rgb(u8, u8, u8),
    /// A theme colour whose value the document does not settle here.
    Unknown,
}

pub const WHITE: Colour = Colour::Rgb(255, 255, 255);

impl Colour {
    /// `auto`, `RRGGBB` or a highlight name; anything else is unknown.
    pub fn parse(v: &str) -> Colour {
        let named = match v {
            "auto" | "none" => return Colour::Auto,
            "black" => "000000",
            "white" => "FFFFFF",
            "blue" => "0000FF",
            "cyan" => "00FFFF",
            "green" => "00FF00",
            "magenta" => "FF00FF",
            "red" => "FF0000",
            "yellow" => "FFFF00",
            "darkBlue" => "000080",
            "darkCyan" => "008080",
            "darkGreen" => "008000",
            "darkMagenta" => "800080",
            "darkRed" => "800000",
            "darkYellow" => "808000",
            "darkGray" => "808080",
            "lightGray" => "C0C0C0",
            other => other,
        };
        let byte = |k: usize| named.get(k..k + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (named.len(), byte(0), byte(2), byte(4)) {
            (6, Some(r), Some(g), Some(b)) => Colour::Rgb(r, g, b),
            _ => Colour::Unknown,
        }
    }

    /// Text of this colour on `paper`: `Some(true)` not seen at all (white on
    /// white), `Some(false)` too near to tell, `None` seen.
    pub fn unseen_on(self, paper: Colour) -> Option<bool> {
        match (self, paper) {
            (Colour::Auto, _) => None,
            (Colour::Rgb(..), Colour::Auto) => self.unseen_on(WHITE),
            (Colour::Unknown, _) | (_, Colour::Unknown) => Some(false),
            (Colour::Rgb(r, g, b), Colour::Rgb(x, y, z)) => {
                let d = |a: u8, b: u8| u32::from(a.abs_diff(b));
                if self == WHITE && paper == WHITE {
                    Some(true)
                } else {
                    (d(r, x).max(d(g, y)).max(d(b, z)) <= NEAR).then_some(false)
                }
            }
        }
    }
}
