//! A paragraph's text as Word shows it. Left out: hidden text (`w:vanish`,
//! `w:webHidden`, directly or by the run's character style), deleted text of
//! tracked changes (`w:del`, `w:moveFrom`), field codes, the content of a
//! content control still showing its placeholder (`w:showingPlcHdr`: the
//! placeholder is the template's prompt, not a value), and all but one
//! version of alternative content (`mc:AlternateContent`: Word writes a text
//! box twice, as `mc:Choice` and as `mc:Fallback`; the first choice is read).
//! A superscript or subscript run is a mark, written as a note (`marks`).

use std::collections::HashMap;

use roxmltree::Node;

use super::W;
use crate::import::marks::{self, Mark};

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// How deep character styles are followed through `w:basedOn`.
const MAX_BASED_ON: usize = 8;

/// What a run's properties say: hidden, and the mark (`None` = not said).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Props {
    hidden: Option<bool>,
    mark: Option<Option<Mark>>,
}

impl Props {
    /// These properties over `base` (direct formatting over a style).
    fn over(self, base: Props) -> Props {
        Props { hidden: self.hidden.or(base.hidden), mark: self.mark.or(base.mark) }
    }
}

/// The document's character styles that hide or mark their text.
#[derive(Debug, Default)]
pub struct Styles {
    props: HashMap<String, Props>,
}

/// A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
fn on(n: Node<'_, '_>) -> bool {
    !n.attribute((W, "val")).is_some_and(|v| matches!(v, "0" | "false" | "off"))
}

/// The properties a `w:rPr` sets.
fn props(rpr: Option<Node<'_, '_>>) -> Props {
    let mut p = Props::default();
    for n in rpr.into_iter().flat_map(|r| r.children()) {
        if n.has_tag_name((W, "vanish")) || n.has_tag_name((W, "webHidden")) || n.has_tag_name((W, "specVanish")) {
            p.hidden = Some(p.hidden.unwrap_or(false) || on(n));
        } else if n.has_tag_name((W, "vertAlign")) {
            p.mark = Some(match n.attribute((W, "val")) {
                Some("superscript") => Some(Mark::Superscript),
                Some("subscript") => Some(Mark::Subscript),
                _ => None,
            });
        }
    }
    p
}

fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name((ns, name)))
}

impl Styles {
    /// The character styles of `word/styles.xml` (none when it is missing or unreadable).
    pub fn read(doc: Option<&roxmltree::Document<'_>>) -> Styles {
        let Some(doc) = doc else { return Styles::default() };
        let mut own: HashMap<String, (Props, Option<String>)> = HashMap::new();
        for s in doc.root_element().children().filter(|n| n.has_tag_name((W, "style"))) {
            if s.attribute((W, "type")) != Some("character") {
                continue;
            }
            let Some(id) = s.attribute((W, "styleId")) else { continue };
            let based = child(s, W, "basedOn").and_then(|b| b.attribute((W, "val"))).map(str::to_string);
            own.insert(id.to_string(), (props(child(s, W, "rPr")), based));
        }
        let mut styles = Styles::default();
        for id in own.keys() {
            let mut p = Props::default();
            let mut at = Some(id.clone());
            for _ in 0..MAX_BASED_ON {
                let Some((q, based)) = at.as_ref().and_then(|a| own.get(a)) else { break };
                p = p.over(*q);
                at = based.clone();
            }
            styles.props.insert(id.clone(), p);
        }
        styles
    }

    /// What a run shows: hidden, and its mark.
    fn run(&self, r: Node<'_, '_>) -> (bool, Option<Mark>) {
        let rpr = child(r, W, "rPr");
        let style = rpr.and_then(|p| child(p, W, "rStyle")).and_then(|s| s.attribute((W, "val")));
        let base = style.and_then(|s| self.props.get(s)).copied().unwrap_or_default();
        let p = props(rpr).over(base);
        (p.hidden.unwrap_or(false), p.mark.flatten())
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
    // The mark being written as a note: where it began, which.
    let mut open: Option<(usize, Mark)> = None;
    // Nodes to visit (in reverse), each with the mark of the run it is in.
    let mut todo: Vec<(Node<'_, '_>, Option<Mark>)> = p.children().rev().map(|c| (c, None)).collect();
    while let Some((n, mark)) = todo.pop() {
        if !n.is_element() || unseen(n) {
            continue;
        }
        let mut mark = mark;
        if n.has_tag_name((W, "r")) {
            let (hidden, m) = styles.run(n);
            if hidden {
                continue;
            }
            mark = m;
        }
        let text = if n.has_tag_name((W, "t")) {
            n.text().unwrap_or("")
        } else if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|r| r.has_tag_name((W, "r"))) {
            " "
        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "cr")) {
            "\n"
        } else {
            todo.extend(n.children().rev().map(|c| (c, mark)));
            continue;
        };
        let mark = mark.filter(|_| text != "\n");
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
        out.push_str(text);
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
