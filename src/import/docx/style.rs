//! Character formatting as far as it decides whether text shows: the
//! document defaults, paragraph, character and table styles and a run's own
//! properties, each over the one under it.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::W;
use super::colour::{Colour, WHITE};
use crate::import::marks::Mark;

/// How deep styles are followed through `w:basedOn`; a chain going on
/// beyond leaves its run unsure (shown or hidden is not known).
const MAX_BASED_ON: usize = 8;

/// The largest font size (half-points) of text nobody can read: 1 pt.
const TINY: u32 = 2;
/// Below this size (half-points, 4 pt) text is too small to be sure of.
const SMALL: u32 = 8;
/// Below this character scale (`w:w`, per cent) a digit is too narrow to be sure of.
const NARROW: u32 = 30;
/// The size (half-points) of text whose size nothing says (10.5 pt, 五号).
const USUAL_SIZE: u32 = 21;
/// What a run's properties say (`None` = not said, left to the style).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Props {
    /// `w:vanish`, `w:specVanish` (not `w:webHidden`: Word hides that only in
    /// its web view and prints it).
    hidden: Option<bool>,
    /// `w:strike`, `w:dstrike`: struck out, no part of a value (as `<del>` on a web page).
    struck: Option<bool>,
    mark: Option<Option<Mark>>,
    /// `w:color` (a theme colour `background1`/`light1` is unknown: the theme may make it anything).
    colour: Option<Colour>,
    /// `w:highlight` over `w:shd`; for a paragraph, its or its cell's shading.
    background: Option<Colour>,
    /// `w:sz` in half-points: the size of text that is not complex script.
    size: Option<u32>,
    /// `w:szCs` in half-points: the size of complex-script text.
    size_cs: Option<u32>,
    /// `w:cs`, `w:rtl`: the run's text is complex script (its `szCs` applies).
    cs: Option<bool>,
    /// `w:rFonts w:hint="cs"`: characters of either script are taken as
    /// complex script — for which characters, Word's own tables decide.
    hint_cs: Option<bool>,
    /// `w:position`: raised (> 0) or lowered (< 0), in half-points.
    pub position: Option<i32>,
    /// `w:w`: character scale in per cent.
    scale: Option<u32>,
    /// `w:spacing`: space added between characters, in twentieths of a point.
    spacing: Option<i32>,
    /// Shown or not is undecided: a style chain not followed to its end, a
    /// property given twice with different values, a table style's formatting
    /// of some of its rows or columns.
    pub unsure: bool,
}

impl Props {
    /// These properties over `base` (direct formatting over a style).
    pub fn over(self, base: Props) -> Props {
        Props {
            hidden: self.hidden.or(base.hidden),
            struck: self.struck.or(base.struck),
            mark: self.mark.or(base.mark),
            colour: self.colour.or(base.colour),
            background: self.background.or(base.background),
            size: self.size.or(base.size),
            size_cs: self.size_cs.or(base.size_cs),
            cs: self.cs.or(base.cs),
            hint_cs: self.hint_cs.or(base.hint_cs),
            position: self.position.or(base.position),
            scale: self.scale.or(base.scale),
            spacing: self.spacing.or(base.spacing),
            unsure: self.unsure || base.unsure,
        }
    }
}

/// The document's defaults and styles, as far as they hide, strike or mark text.
#[derive(Debug, Default)]
pub struct Styles {
    /// `w:docDefaults` (with the default paragraph style over it).
    default: Props,
    /// Character styles by id.
    props: HashMap<String, Props>,
    /// Paragraph styles by id (their run properties).
    paragraphs: HashMap<String, Props>,
    /// Table styles by id (their run properties and cell shading).
    tables: HashMap<String, Props>,
    /// Paragraph styles numbering their paragraphs (`w:numPr`).
    numbered: HashSet<String>,
}

/// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
pub fn on(n: Node<'_, '_>) -> bool {
    !n.attribute((W, "val")).is_some_and(|v| matches!(v, "0" | "false" | "off"))
}

/// The colour of a `w:shd` (its fill, or its pattern colour when solid), `None` for no shading.
fn shading(n: Node<'_, '_>) -> Option<Colour> {
    let colour = |a: &str| n.attribute((W, a)).map_or(Colour::Auto, Colour::parse);
    match n.attribute((W, "val")) {
        Some("nil") => None,
        Some("solid") => Some(match colour("color") {
            Colour::Auto => Colour::Rgb(0, 0, 0),
            c => c,
        }),
        _ => match colour("fill") {
            Colour::Auto => None,
            c => Some(c),
        },
    }
}

/// A `w:color`. With a `w:themeColor`, Word shows the theme colour and
/// `w:val` is only a cached guess: a dark text colour (`text1`, `dark1`,
/// `dark2`) is seen; any other theme colour (the page's own `background1`,
/// an accent) is whatever the theme makes it, unknown. Without one, its value.
fn text_colour(n: Node<'_, '_>) -> Colour {
    match n.attribute((W, "themeColor")).map(str::trim) {
        None | Some("") => n.attribute((W, "val")).map_or(Colour::Auto, Colour::parse),
        Some("text1" | "dark1" | "text2" | "dark2" | "tx1" | "dk1" | "tx2" | "dk2") => Colour::Auto,
        Some(_) => Colour::Unknown,
    }
}

/// The properties a `w:rPr` sets.
fn props(rpr: Option<Node<'_, '_>>) -> Props {
    let mut p = Props::default();
    let (mut highlight, mut shd) = (None, None);
    let mut said: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    for n in rpr.into_iter().flat_map(|r| r.children()).filter(Node::is_element) {
        // The same property twice with different values: which Word takes is not known.
        let attrs: Vec<(&str, &str)> = n.attributes().map(|a| (a.name(), a.value())).collect();
        if said.insert(n.tag_name().name(), attrs.clone()).is_some_and(|before| before != attrs) {
            p.unsure = true;
        }
        let val = n.attribute((W, "val"));
        let number = || val.and_then(|v| v.parse::<i64>().ok());
        if n.has_tag_name((W, "vanish")) || n.has_tag_name((W, "specVanish")) {
            p.hidden = Some(p.hidden.unwrap_or(false) || on(n));
        } else if n.has_tag_name((W, "strike")) || n.has_tag_name((W, "dstrike")) {
            p.struck = Some(p.struck.unwrap_or(false) || on(n));
        } else if n.has_tag_name((W, "vertAlign")) {
            p.mark = Some(match val {
                Some("superscript") => Some(Mark::Superscript),
                Some("subscript") => Some(Mark::Subscript),
                _ => None,
            });
        } else if n.has_tag_name((W, "color")) {
            p.colour = Some(text_colour(n));
        } else if n.has_tag_name((W, "highlight")) {
            highlight = Some(val.map_or(Colour::Unknown, Colour::parse)).filter(|c| *c != Colour::Auto);
        } else if n.has_tag_name((W, "shd")) {
            shd = Some(shading(n));
        } else if n.has_tag_name((W, "sz")) {
            p.size = number().map(|v| v.clamp(0, 10_000) as u32);
        } else if n.has_tag_name((W, "szCs")) {
            p.size_cs = number().map(|v| v.clamp(0, 10_000) as u32);
        } else if n.has_tag_name((W, "cs")) || n.has_tag_name((W, "rtl")) {
            p.cs = Some(p.cs.unwrap_or(false) || on(n));
        } else if n.has_tag_name((W, "rFonts")) {
            p.hint_cs = Some(n.attribute((W, "hint")) == Some("cs"));
        } else if n.has_tag_name((W, "position")) {
            p.position = number().map(|v| v.clamp(-10_000, 10_000) as i32);
        } else if n.has_tag_name((W, "w")) {
            p.scale = number().map(|v| v.clamp(0, 10_000) as u32);
        } else if n.has_tag_name((W, "spacing")) {
            p.spacing = number().map(|v| v.clamp(-100_000, 100_000) as i32);
        }
    }
    // A highlight lies over the shading; shading said to be none is white paper.
    p.background = highlight.or(shd.map(|s| s.unwrap_or(WHITE)));
    p
}

pub fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((ns, name)))
}

/// Each style's properties over those of the styles it is based on; a
/// chain longer than [`MAX_BASED_ON`] (not a circle) makes it unsure.
fn resolve(own: &HashMap<String, (Props, Option<String>)>) -> HashMap<String, Props> {
    let mut out = HashMap::new();
    for id in own.keys() {
        let mut p = Props::default();
        let mut seen = HashSet::new();
        let mut at = Some(id.clone());
        for _ in 0..MAX_BASED_ON {
            let Some((q, based)) = at.as_ref().and_then(|a| own.get(a)) else { break };
            seen.insert(at.clone());
            p = p.over(*q);
            at = based.clone();
        }
        p.unsure |= at.as_ref().is_some_and(|a| own.contains_key(a)) && !seen.contains(&at);
        out.insert(id.clone(), p);
    }
    out
}

/// A table style's own properties: its run properties over its cells'
/// shading, unsure when a part for some rows or columns sets either.
fn table_props(s: Node<'_, '_>) -> Props {
    let cell_shading = |n: Node<'_, '_>| child(n, W, "tcPr").and_then(|pr| child(pr, W, "shd")).and_then(shading);
    let mut p = props(child(s, W, "rPr"));
    p.background = p.background.or(cell_shading(s));
    p.unsure |= s
        .children()
        .filter(|c| c.has_tag_name((W, "tblStylePr")))
        .any(|c| props(child(c, W, "rPr")) != Props::default() || cell_shading(c).is_some());
    p
}

impl Styles {
    /// The defaults and styles of `word/styles.xml` (none when it is missing or unreadable).
    pub fn read(doc: Option<&roxmltree::Document<'_>>) -> Styles {
        let Some(doc) = doc else { return Styles::default() };
        let root = doc.root_element();
        let mut own: [HashMap<String, (Props, Option<String>)>; 3] = Default::default();
        let mut numbering: HashMap<String, (bool, Option<String>)> = HashMap::new();
        let mut default_paragraph = None;
        for s in root.children().filter(|n| n.has_tag_name((W, "style"))) {
            let kind = match s.attribute((W, "type")) {
                Some("character") => 0,
                Some("paragraph") => 1,
                Some("table") => 2,
                _ => continue,
            };
            let Some(id) = s.attribute((W, "styleId")) else { continue };
            if kind == 1 && s.attribute((W, "default")).is_some_and(|v| matches!(v, "1" | "true" | "on")) {
                default_paragraph = Some(id.to_string());
            }
            let based = child(s, W, "basedOn").and_then(|b| b.attribute((W, "val"))).map(str::to_string);
            let p = if kind == 2 { table_props(s) } else { props(child(s, W, "rPr")) };
            if kind == 1 {
                numbering.insert(id.to_string(), (numbered(child(s, W, "pPr")).unwrap_or(false), based.clone()));
            }
            own[kind].insert(id.to_string(), (p, based));
        }
        let defaults = child(root, W, "docDefaults").and_then(|d| child(d, W, "rPrDefault")).and_then(|d| child(d, W, "rPr"));
        let [characters, paragraphs, tables] = own;
        // A paragraph style numbers when it or a style it is based on does.
        let numbered = numbering
            .keys()
            .filter(|id| {
                let mut at = numbering.get(*id);
                (0..MAX_BASED_ON).any(|_| match at {
                    Some((true, _)) => true,
                    Some((false, based)) => {
                        at = based.as_ref().and_then(|b| numbering.get(b));
                        false
                    }
                    None => false,
                })
            })
            .cloned()
            .collect();
        let mut styles = Styles {
            default: props(defaults),
            props: resolve(&characters),
            paragraphs: resolve(&paragraphs),
            tables: resolve(&tables),
            numbered,
        };
        if let Some(p) = default_paragraph.and_then(|id| styles.paragraphs.get(&id)) {
            styles.default = p.over(styles.default);
        }
        styles
    }

    /// The properties under a paragraph's runs: its style over its table's
    /// style over the defaults; its own or its cell's shading the background.
    pub fn paragraph(&self, p: Node<'_, '_>) -> Props {
        let ppr = child(p, W, "pPr");
        let style = ppr.and_then(|pr| child(pr, W, "pStyle")).and_then(|s| s.attribute((W, "val")));
        let cell = p.ancestors().find(|a| a.has_tag_name((W, "tc")));
        let table = p.ancestors().find(|a| a.has_tag_name((W, "tbl")));
        let table_style = table
            .and_then(|t| child(t, W, "tblPr"))
            .and_then(|pr| child(pr, W, "tblStyle"))
            .and_then(|s| s.attribute((W, "val")))
            .and_then(|s| self.tables.get(s));
        let under = table_style.map_or(self.default, |t| t.over(self.default));
        let mut base = style.and_then(|s| self.paragraphs.get(s)).map_or(under, |s| s.over(under));
        let pshd = ppr.and_then(|pr| child(pr, W, "shd")).and_then(shading);
        let cshd = cell.and_then(|c| child(c, W, "tcPr")).and_then(|pr| child(pr, W, "shd")).and_then(shading);
        if let Some(paper) = pshd.or(cshd) {
            base.background = Some(paper);
        }
        base
    }

    /// Whether a paragraph is numbered (a list number Word writes before it).
    pub fn numbered(&self, p: Node<'_, '_>) -> bool {
        let ppr = child(p, W, "pPr");
        numbered(ppr).unwrap_or_else(|| {
            let style = ppr.and_then(|pr| child(pr, W, "pStyle")).and_then(|s| s.attribute((W, "val")));
            style.is_some_and(|s| self.numbered.contains(s))
        })
    }

    /// A run's properties over its paragraph's.
    pub fn run(&self, r: Node<'_, '_>, under: Props) -> Props {
        let rpr = child(r, W, "rPr");
        let style = rpr.and_then(|p| child(p, W, "rStyle")).and_then(|s| s.attribute((W, "val")));
        let base = style.and_then(|s| self.props.get(s)).map_or(under, |s| s.over(under));
        let direct = props(rpr);
        let mut p = direct.over(base);
        // Direct formatting saying shown or hidden decides, whatever the style.
        p.unsure &= direct.hidden.is_none() || direct.unsure;
        p
    }
}

/// Whether a `w:pPr` numbers its paragraph: `None` when it does not say.
fn numbered(ppr: Option<Node<'_, '_>>) -> Option<bool> {
    let num = ppr.and_then(|pr| child(pr, W, "numPr"))?;
    let id = child(num, W, "numId").and_then(|n| n.attribute((W, "val")));
    Some(id.is_none_or(|v| v.trim() != "0"))
}

/// How a run shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Hidden, struck out, white on white, too small to see: not read.
    No,
    /// Shown or hidden is not known: in a cell, its digits make the cell unread.
    Unsure,
    /// Shown, with a mark (superscript, subscript, raised or lowered smaller).
    Yes(Option<Mark>),
}

/// Whether `text` at `size` (half-points) fitted by `w:fitText` into `width`
/// twips is squeezed below [`NARROW`] of its own width (a CJK character an
/// em wide, any other half an em), as condensed spacing can squeeze it.
pub fn squeezed_into(width: u32, text: &str, size: Option<u32>) -> bool {
    let em = u64::from(size.unwrap_or(USUAL_SIZE)) * 10;
    let halves: u64 = text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.len_utf8() >= 3 { 2 } else { 1 }).sum();
    let natural = halves * em / 2;
    u64::from(width) * 100 < natural * u64::from(NARROW)
}

impl Props {
    /// The size (half-points) Word applies to the run's characters, and
    /// whether that is certain: `szCs` for complex script (`w:cs`, `w:rtl`),
    /// `sz` otherwise; when which applies is left to the characters
    /// (`w:hint="cs"`), the smaller, uncertain. `None`: nothing says.
    pub fn size(self) -> (Option<u32>, bool) {
        let cs = self.size_cs.or(self.size);
        match (self.cs, self.hint_cs) {
            (Some(true), _) => (cs, true),
            (_, Some(true)) if cs != self.size => (cs.min(self.size).or(cs).or(self.size), false),
            _ => (self.size, true),
        }
    }

    /// How text with these properties shows; `beside` the size of the text before it.
    pub fn shown(self, beside: Option<u32>) -> Shown {
        let paper = self.background.unwrap_or(WHITE);
        let colour = self.colour.unwrap_or(Colour::Auto).unseen_on(paper);
        let (size, certain) = self.size();
        let tiny = size.is_some_and(|s| s <= TINY);
        if self.hidden == Some(true) || self.struck == Some(true) || colour == Some(true) || (tiny && certain) {
            return Shown::No;
        }
        // Too near its background, too small, too narrow or drawn over itself to be sure of.
        let size = size.unwrap_or(USUAL_SIZE);
        let squeezed = self.spacing.is_some_and(|s| i64::from(s) * -2 > i64::from(size) * 5);
        if self.unsure || colour.is_some() || size < SMALL || self.scale.is_some_and(|w| w < NARROW) || squeezed {
            return Shown::Unsure;
        }
        // Raised or lowered and smaller than the text before it: a footnote's mark.
        let shifted = match self.position {
            Some(p) if p > 0 => Some(Mark::Superscript),
            Some(p) if p < 0 => Some(Mark::Subscript),
            _ => None,
        }
        .filter(|_| matches!((self.size().0, beside), (Some(s), Some(b)) if s < b));
        Shown::Yes(self.mark.flatten().or(shifted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_based_on_each_other_in_a_circle_end() {
        let xml = format!(
            r#"<w:styles xmlns:w="{W}"><w:style w:type="character" w:styleId="A"><w:basedOn w:val="B"/></w:style>
            <w:style w:type="character" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="P"><w:rPr><w:vanish/></w:rPr></w:style></w:styles>"#
        );
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let styles = Styles::read(Some(&doc));
        assert_eq!(styles.props.get("A").and_then(|p| p.hidden), Some(true));
        assert!(!styles.props.contains_key("P"), "paragraph styles are not character styles");
    }
}
