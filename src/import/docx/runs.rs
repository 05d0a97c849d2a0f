//! A paragraph's text as Word prints it. Left out: hidden text (`w:vanish`;
//! `w:webHidden` is shown, Word hides it only in its web view), struck-out text (`w:strike`, `w:dstrike`: no part of a
//! value, as `<del>` on a web page), white text on no shading and text of at
//! most 1 pt — each directly, by the run's character style, the paragraph's
//! style or the document defaults; deleted text of tracked changes (`w:del`,
//! `w:moveFrom`), field codes, the content of a content control still showing
//! its placeholder (`w:showingPlcHdr`: the placeholder is the template's
//! prompt, not a value), and all but one version of alternative content
//! (`mc:AlternateContent`: Word writes a text box twice, as `mc:Choice` and as
//! `mc:Fallback`; the first choice is read). A superscript or subscript run,
//! or a smaller run raised or lowered by `w:position`, is a mark, written as a
//! note (`marks`). A run whose style chain goes on beyond [`MAX_BASED_ON`]
//! styles is unsure: its digits in a cell are written so the cell is unread.

use std::collections::{HashMap, HashSet};

use roxmltree::Node;

use super::W;
use crate::import::marks::{self, Mark};

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// How deep styles are followed through `w:basedOn`; a chain going on
/// beyond leaves its run unsure (shown or hidden is not known).
const MAX_BASED_ON: usize = 8;

/// The largest font size (half-points) of text nobody can read: 1 pt.
const TINY: u32 = 2;

/// What a run's properties say (`None` = not said, left to the style).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Props {
    /// `w:vanish`, `w:specVanish` (not `w:webHidden`: Word hides that only in
    /// its web view and prints it).
    hidden: Option<bool>,
    /// `w:strike`, `w:dstrike`: struck out, no part of a value (as `<del>` on a web page).
    struck: Option<bool>,
    mark: Option<Option<Mark>>,
    /// `w:color` white.
    white: Option<bool>,
    /// `w:shd` or `w:highlight`: a background not white.
    shaded: Option<bool>,
    /// `w:sz` in half-points.
    size: Option<u32>,
    /// `w:position`: raised (> 0) or lowered (< 0), in half-points.
    position: Option<i32>,
    /// A style chain not followed to its end.
    unsure: bool,
}

impl Props {
    /// These properties over `base` (direct formatting over a style).
    fn over(self, base: Props) -> Props {
        Props {
            hidden: self.hidden.or(base.hidden),
            struck: self.struck.or(base.struck),
            mark: self.mark.or(base.mark),
            white: self.white.or(base.white),
            shaded: self.shaded.or(base.shaded),
            size: self.size.or(base.size),
            position: self.position.or(base.position),
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
}

/// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
fn on(n: Node<'_, '_>) -> bool {
    !n.attribute((W, "val")).is_some_and(|v| matches!(v, "0" | "false" | "off"))
}

/// A colour or fill that shows nothing on white paper.
fn white(v: &str) -> bool {
    v.eq_ignore_ascii_case("FFFFFF") || v.eq_ignore_ascii_case("white")
}

/// A background other than none or white (`w:shd` fill, `w:highlight`).
fn background(n: Node<'_, '_>) -> Option<bool> {
    if n.has_tag_name((W, "shd")) {
        let fill = n.attribute((W, "fill")).unwrap_or("auto");
        Some(!(fill.eq_ignore_ascii_case("auto") || white(fill)))
    } else if n.has_tag_name((W, "highlight")) {
        n.attribute((W, "val")).map(|v| !(v == "none" || white(v)))
    } else {
        None
    }
}

/// The properties a `w:rPr` sets.
fn props(rpr: Option<Node<'_, '_>>) -> Props {
    let mut p = Props::default();
    for n in rpr.into_iter().flat_map(|r| r.children()) {
        let val = n.attribute((W, "val"));
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
            p.white = Some(val.is_some_and(white));
        } else if let Some(shaded) = background(n) {
            p.shaded = Some(p.shaded.unwrap_or(false) || shaded);
        } else if n.has_tag_name((W, "sz")) {
            p.size = val.and_then(|v| v.parse().ok());
        } else if n.has_tag_name((W, "position")) {
            p.position = val.and_then(|v| v.parse().ok());
        }
    }
    p
}

fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
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

impl Styles {
    /// The defaults and styles of `word/styles.xml` (none when it is missing or unreadable).
    pub fn read(doc: Option<&roxmltree::Document<'_>>) -> Styles {
        let Some(doc) = doc else { return Styles::default() };
        let root = doc.root_element();
        let mut own: [HashMap<String, (Props, Option<String>)>; 2] = Default::default();
        let mut default_paragraph = None;
        for s in root.children().filter(|n| n.has_tag_name((W, "style"))) {
            let kind = match s.attribute((W, "type")) {
                Some("character") => 0,
                Some("paragraph") => 1,
                _ => continue,
            };
            let Some(id) = s.attribute((W, "styleId")) else { continue };
            if kind == 1 && s.attribute((W, "default")).is_some_and(|v| matches!(v, "1" | "true" | "on")) {
                default_paragraph = Some(id.to_string());
            }
            let based = child(s, W, "basedOn").and_then(|b| b.attribute((W, "val"))).map(str::to_string);
            own[kind].insert(id.to_string(), (props(child(s, W, "rPr")), based));
        }
        let defaults = child(root, W, "docDefaults").and_then(|d| child(d, W, "rPrDefault")).and_then(|d| child(d, W, "rPr"));
        let [characters, paragraphs] = own;
        let mut styles = Styles { default: props(defaults), props: resolve(&characters), paragraphs: resolve(&paragraphs) };
        if let Some(p) = default_paragraph.and_then(|id| styles.paragraphs.get(&id)) {
            styles.default = p.over(styles.default);
        }
        styles
    }

    /// The properties under a paragraph's runs: its style over the defaults.
    fn paragraph(&self, p: Node<'_, '_>) -> Props {
        let style = child(p, W, "pPr").and_then(|pr| child(pr, W, "pStyle")).and_then(|s| s.attribute((W, "val")));
        let mut base = style.and_then(|s| self.paragraphs.get(s)).map_or(self.default, |s| s.over(self.default));
        // Shading of the paragraph or of its table cell is the background too.
        let pshd = child(p, W, "pPr").and_then(|pr| child(pr, W, "shd")).and_then(background);
        let cell = p.ancestors().find(|a| a.has_tag_name((W, "tc")));
        let cshd = cell.and_then(|c| child(c, W, "tcPr")).and_then(|pr| child(pr, W, "shd")).and_then(background);
        if pshd == Some(true) || cshd == Some(true) {
            base.shaded = Some(true);
        }
        base
    }

    /// A run's properties over its paragraph's.
    fn run(&self, r: Node<'_, '_>, under: Props) -> Props {
        let rpr = child(r, W, "rPr");
        let style = rpr.and_then(|p| child(p, W, "rStyle")).and_then(|s| s.attribute((W, "val")));
        let base = style.and_then(|s| self.props.get(s)).map_or(under, |s| s.over(under));
        let direct = props(rpr);
        let mut p = direct.over(base);
        // Direct formatting saying shown or hidden decides, whatever the style.
        p.unsure &= direct.hidden.is_none();
        p
    }
}

/// How a run shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    /// Hidden, struck out, white on white, too small to see: not read.
    No,
    /// Shown or hidden is not known: in a cell, its digits make the cell unread.
    Unsure,
    /// Shown, with a mark (superscript, subscript, raised or lowered smaller).
    Yes(Option<Mark>),
}

impl Props {
    /// How text with these properties shows; `beside` the size of the text before it.
    fn shown(self, beside: Option<u32>) -> Shown {
        let white_on_white = self.white == Some(true) && self.shaded != Some(true);
        if self.hidden == Some(true) || self.struck == Some(true) || white_on_white || self.size.is_some_and(|s| s <= TINY) {
            return Shown::No;
        }
        if self.unsure {
            return Shown::Unsure;
        }
        // Raised or lowered and smaller than the text before it: a footnote's mark.
        let shifted = match self.position {
            Some(p) if p > 0 => Some(Mark::Superscript),
            Some(p) if p < 0 => Some(Mark::Subscript),
            _ => None,
        }
        .filter(|_| matches!((self.size, beside), (Some(s), Some(b)) if s < b));
        Shown::Yes(self.mark.flatten().or(shifted))
    }
}

/// A content control showing its placeholder.
pub fn placeholder(n: Node<'_, '_>) -> bool {
    n.has_tag_name((W, "sdt")) && child(n, W, "sdtPr").is_some_and(|p| child(p, W, "showingPlcHdr").is_some_and(on))
}

/// Alternative content not read: every `mc:Choice` but the first, and the
/// `mc:Fallback` when there is a choice.
pub fn not_chosen(n: Node<'_, '_>) -> bool {
    let Some(alt) = n.parent().filter(|p| p.has_tag_name((MC, "AlternateContent"))) else { return false };
    let first_choice = alt.children().find(|c| c.has_tag_name((MC, "Choice")));
    let first = first_choice.or_else(|| alt.children().find(|c| c.has_tag_name((MC, "Fallback"))));
    n.is_element() && Some(n) != first
}

/// Text nobody sees: deleted, a placeholder, alternative content not chosen.
pub fn unseen(n: Node<'_, '_>) -> bool {
    n.has_tag_name((W, "del")) || n.has_tag_name((W, "moveFrom")) || placeholder(n) || not_chosen(n)
}

/// The text of a paragraph, line breaks kept, tabs as spaces; `in_cell`
/// when it is in a table cell (a mark there is always a note).
pub fn paragraph(p: Node<'_, '_>, styles: &Styles, in_cell: bool) -> String {
    let mut out = String::new();
    let under = styles.paragraph(p);
    // The size of the text written last (a smaller raised run beside it is a mark).
    let mut beside = under.size;
    // The mark being written as a note: where it began, which.
    let mut open: Option<(usize, Mark)> = None;
    // Nodes to visit (in reverse), each with how the run it is in shows.
    let mut todo: Vec<(Node<'_, '_>, Shown, Option<u32>)> =
        p.children().rev().map(|c| (c, Shown::Yes(None), under.size)).collect();
    while let Some((n, shown, size)) = todo.pop() {
        if !n.is_element() || unseen(n) {
            continue;
        }
        let (mut shown, mut size) = (shown, size);
        if n.has_tag_name((W, "r")) {
            let props = styles.run(n, under);
            shown = props.shown(beside);
            size = props.size;
            if shown == Shown::No {
                continue;
            }
        }
        let text = if n.has_tag_name((W, "t")) {
            n.text().unwrap_or("")
        } else if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|r| r.has_tag_name((W, "r"))) {
            " "
        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "cr")) {
            "\n"
        } else {
            todo.extend(n.children().rev().map(|c| (c, shown, size)));
            continue;
        };
        let mark = match shown {
            Shown::Yes(m) => m.filter(|_| text != "\n"),
            _ => None,
        };
        if let Some((at, m)) = open
            && Some(m) != mark
        {
            marks::close(&mut out, at, m);
            open = None;
        }
        if open.is_none()
            && let Some(m) = mark
            && marks::as_note(in_cell, &out)
        {
            open = Some((out.len(), m));
            marks::open(&mut out, m);
        }
        if shown == Shown::Unsure && in_cell && marks::has_digit(text) {
            marks::unsure(&mut out, text);
        } else {
            out.push_str(text);
        }
        if mark.is_none() && !text.trim().is_empty() {
            beside = size;
        }
    }
    if let Some((at, m)) = open {
        marks::close(&mut out, at, m);
    }
    out
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
