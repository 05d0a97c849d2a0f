//! A paragraph's text as Word prints it (how formatting decides showing is
//! `style`). Left out: hidden, struck-out, white-on-white and tiny text;
//! deleted text of tracked changes (`w:del`, `w:moveFrom`); field
//! instructions, and with them the results of fields nested in instructions
//! (only a field's own result, between its `separate` and `end`, shows); the
//! phonetic guide of ruby text (`w:rt`); the content of a content control
//! still showing its placeholder (`w:showingPlcHdr`: the template's prompt,
//! not a value); and all but one version of alternative content
//! (`mc:AlternateContent`: Word writes a text box twice; the first choice
//! whose requirements Word understands is read, else the fallback). A superscript or subscript run, a smaller run raised or lowered by
//! `w:position`, or a footnote reference's own mark is a mark, written as a
//! note (`marks`). In a table cell, digits Word may show otherwise than they
//! are written are unsure and leave the cell unread: text of undecided
//! showing (`style`), a smaller or raised run right after digits, a symbol
//! font's character (`w:sym` in the private-use area), the result of a
//! field Word updates on opening (`w:dirty`), a field never ended (the text
//! after its beginning), a page number (`w:pgNum`), a content control bound
//! to data (`w:dataBinding`: Word shows the bound value), text fitted by
//! `w:fitText` into too narrow a width, right-to-left text
//! (`w:bdo`, `w:dir`), a text box or drawing anchored in the cell, a
//! formula (OMML `m:oMath`, its text the candidates), and the list number of
//! a numbered paragraph.

use roxmltree::Node;

use super::W;
use super::style::{Props, Shown, Styles, child, on};
use crate::import::marks::{self, Mark};

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Office Math (OMML: `m:oMath`, its text in `m:t`).
const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

/// A content control showing its placeholder.
pub fn placeholder(n: Node<'_, '_>) -> bool {
    n.has_tag_name((W, "sdt")) && child(n, W, "sdtPr").is_some_and(|p| child(p, W, "showingPlcHdr").is_some_and(on))
}

/// Namespaces (by URI, or its beginning) of the extensions Word 2016 and
/// later understand: its own (`w14`, `w15`, `w16*`, `wps`, `wpg`, `wpc`,
/// `wpi`, `wp14` …), DrawingML's (`a14` …), VML (`v`, `o`), math (`m`) and the
/// standard's. A choice requiring anything else is skipped, as Word skips it.
const UNDERSTOOD: [&str; 7] = [
    "http://schemas.microsoft.com/office/word/",
    "http://schemas.microsoft.com/office/drawing/",
    "http://schemas.openxmlformats.org/",
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:",
    "http://schemas.microsoft.com/office/2006/",
    "http://purl.oclc.org/ooxml/",
];

/// Whether every prefix a `mc:Choice` requires names a namespace Word understands.
fn understood(choice: Node<'_, '_>) -> bool {
    choice
        .attribute("Requires")
        .unwrap_or("")
        .split_whitespace()
        .all(|prefix| choice.lookup_namespace_uri(Some(prefix)).is_some_and(|uri| UNDERSTOOD.iter().any(|u| uri.starts_with(u))))
}

/// Alternative content not read: all but the first `mc:Choice` whose
/// requirements Word understands, or, when none is, the `mc:Fallback`.
pub fn not_chosen(n: Node<'_, '_>) -> bool {
    let Some(alt) = n.parent().filter(|p| p.has_tag_name((MC, "AlternateContent"))) else { return false };
    let choice = alt.children().find(|c| c.has_tag_name((MC, "Choice")) && understood(*c));
    let read = choice.or_else(|| alt.children().find(|c| c.has_tag_name((MC, "Fallback"))));
    n.is_element() && Some(n) != read
}

/// Text nobody sees as part of the text: deleted, a placeholder, alternative
/// content not chosen, the phonetic guide over ruby text.
pub fn unseen(n: Node<'_, '_>) -> bool {
    n.has_tag_name((W, "del")) || n.has_tag_name((W, "moveFrom")) || n.has_tag_name((W, "rt")) || placeholder(n) || not_chosen(n)
}

/// Where a node's text stands: apart from the cell's flow (a text box,
/// reversed direction) or not, and the size and position of its run.
#[derive(Clone, Copy)]
struct At {
    shown: Shown,
    apart: bool,
    /// In a content control bound to data (`w:dataBinding`): Word shows the
    /// bound value on opening, which may not be the text written here.
    bound: bool,
    size: Option<u32>,
    position: Option<i32>,
}

/// DrawingML's placement of a drawing in a Word document (`wp:inline`, `wp:anchor`).
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Whether an element takes its content out of the line's flow: a drawing or
/// text box that floats (`wp:anchor`, VML `w:pict`: placed anywhere, so not
/// surely in the cell) — one set in the line (`wp:inline`) stays in it — or a
/// right-to-left override or embedding, which may reverse the digits.
fn apart(n: Node<'_, '_>) -> bool {
    let rtl = (n.has_tag_name((W, "bdo")) || n.has_tag_name((W, "dir"))) && n.attribute((W, "val")) != Some("ltr");
    let inline = |m: Node<'_, '_>| m.has_tag_name((WP, "inline"));
    rtl || ["pict", "object"].iter().any(|t| n.has_tag_name((W, *t)))
        || (n.has_tag_name((W, "drawing")) && !n.children().any(inline))
        || (n.has_tag_name((W, "txbxContent")) && !n.ancestors().any(inline))
}

/// A content control whose text Word replaces on opening by the value it is
/// bound to in a custom XML part (`w:sdtPr/w:dataBinding`).
fn bound(n: Node<'_, '_>) -> bool {
    n.has_tag_name((W, "sdt")) && child(n, W, "sdtPr").is_some_and(|p| child(p, W, "dataBinding").is_some())
}

/// Whether a run's text is squeezed by `w:fitText` into a width too narrow
/// to be sure of its characters: the text of all runs fitted together (the
/// same `w:id`) measured against the width.
fn fitted_too_narrow(r: Node<'_, '_>, p: Node<'_, '_>, size: Option<u32>) -> bool {
    fn fit<'a, 'i>(r: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        child(r, W, "rPr").and_then(|pr| child(pr, W, "fitText"))
    }
    let Some(own) = fit(r) else { return false };
    let width = own.attribute((W, "val")).and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(0);
    let text =
        |r: Node<'_, '_>| -> String { r.children().filter(|t| t.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect() };
    let text: String = match own.attribute((W, "id")) {
        Some(id) => p
            .descendants()
            .filter(|q| q.has_tag_name((W, "r")) && fit(*q).is_some_and(|f| f.attribute((W, "id")) == Some(id)))
            .map(text)
            .collect(),
        None => text(r),
    };
    super::style::squeezed_into(width, &text, size)
}

/// The character a `w:sym` shows, and whether it is certain: a private-use
/// code (U+F000–U+F0FF), or any code in a symbol font (Symbol, Wingdings,
/// Webdings…), is whatever glyph that font draws there.
fn symbol(n: Node<'_, '_>) -> (String, bool) {
    let code = n.attribute((W, "char")).and_then(|c| u32::from_str_radix(c.trim(), 16).ok()).unwrap_or(0);
    let font = n.attribute((W, "font")).unwrap_or("").to_ascii_lowercase();
    let symbol_font = ["symbol", "wingdings", "webdings", "marlett", "dingbat"].iter().any(|f| font.contains(f));
    let private = (0xF000..=0xF0FF).contains(&code);
    let code = if private { code - 0xF000 } else { code };
    let shown = char::from_u32(code).filter(|c| !c.is_control() && code != 0);
    let certain = shown.is_some() && !private && !symbol_font;
    (shown.map_or_else(|| "?".to_string(), String::from), certain)
}

/// A tracked insertion (`w:ins`, `w:moveTo`: shown once accepted) or deletion
/// (`w:del`, `w:moveFrom`: shown until accepted).
fn tracked(n: Node<'_, '_>, inserted: bool) -> bool {
    let tags: [&str; 2] = if inserted { ["ins", "moveTo"] } else { ["del", "moveFrom"] };
    tags.iter().any(|t| n.has_tag_name((W, *t)))
}

/// Whether a paragraph holds tracked changes of its text.
pub fn revised(p: Node<'_, '_>) -> bool {
    p.descendants().any(|n| (tracked(n, true) || tracked(n, false)) && n.parent().is_some_and(|p| !p.has_tag_name((W, "rPr"))))
}

/// The text of a paragraph, line breaks kept, tabs as spaces; `in_cell`
/// when it is in a table cell (a mark there is always a note). Tracked
/// changes are as accepted (Word's final view).
pub fn paragraph(p: Node<'_, '_>, styles: &Styles, in_cell: bool) -> String {
    paragraph_in(p, styles, in_cell, false)
}

/// The text of a paragraph as [`paragraph`], with its tracked changes
/// rejected: deleted and moved-away text (`w:delText` in `w:del`,
/// `w:moveFrom`) read, inserted and moved-here text (`w:ins`, `w:moveTo`) not.
pub fn paragraph_rejected(p: Node<'_, '_>, styles: &Styles, in_cell: bool) -> String {
    paragraph_in(p, styles, in_cell, true)
}

fn paragraph_in(p: Node<'_, '_>, styles: &Styles, in_cell: bool, rejected: bool) -> String {
    let mut out = String::new();
    let under = styles.paragraph(p);
    // The size and position of the text written last (a smaller or raised run beside it is a mark).
    let (mut beside, mut beside_position) = (under.size().0, under.position);
    // The mark being written as a note: where it began, which.
    let mut open: Option<(usize, Mark)> = None;
    // Fields begun and not ended, each showing its result (true) or in its instructions.
    let mut fields: Vec<bool> = Vec::new();
    // For each of them, whether Word will update it on opening (`w:dirty`).
    let mut dirty: Vec<bool> = Vec::new();
    // Text left out as inside a field's instructions, with how many fields were open.
    let mut hidden: Vec<(usize, String)> = Vec::new();
    // Nodes to visit (in reverse), each with where the run it is in stands.
    let start = At {
        shown: Shown::Yes(None),
        apart: false,
        bound: p.ancestors().any(bound),
        size: under.size().0,
        position: under.position,
    };
    let mut todo: Vec<(Node<'_, '_>, At)> = p.children().rev().map(|c| (c, start)).collect();
    while let Some((n, mut at)) = todo.pop() {
        let unread = if rejected { tracked(n, true) || (unseen(n) && !tracked(n, false)) } else { unseen(n) };
        if !n.is_element() || unread {
            continue;
        }
        at.apart |= apart(n);
        at.bound |= bound(n);
        if n.has_tag_name((W, "r")) {
            let props: Props = styles.run(n, under);
            at.shown = props.shown(beside);
            (at.size, at.position) = (props.size().0, props.position);
            // A footnote reference's own mark (`w:customMarkFollows`) is its note's number.
            if at.shown == Shown::Yes(None)
                && n.children().any(|c| c.has_tag_name((W, "footnoteReference")) || c.has_tag_name((W, "endnoteReference")))
            {
                at.shown = Shown::Yes(Some(Mark::Superscript));
            }
            // Right after digits in a cell, a smaller or raised run may be a note's mark.
            let smaller = matches!((props.size().0, beside), (Some(s), Some(b)) if s * 4 < b * 3);
            let raised = props.position.unwrap_or(0) != beside_position.unwrap_or(0);
            if at.shown == Shown::Yes(None) && in_cell && (smaller || raised) && ends_in_digit(&out) {
                at.shown = Shown::Unsure;
            }
            if matches!(at.shown, Shown::Yes(_)) && fitted_too_narrow(n, p, props.size().0) {
                at.shown = Shown::Unsure;
            }
            if at.shown == Shown::No {
                continue;
            }
        }
        if n.has_tag_name((W, "fldChar")) {
            match n.attribute((W, "fldCharType")) {
                Some("begin") => {
                    fields.push(false);
                    dirty.push(n.attribute((W, "dirty")).is_some_and(truthy));
                }
                Some("separate") => {
                    if let Some(f) = fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") => {
                    fields.pop();
                    dirty.pop();
                    // Text inside a field now ended (a nested field's result in its instructions): not shown.
                    hidden.retain(|(depth, _)| *depth <= fields.len());
                }
                _ => {}
            }
            continue;
        }
        if n.has_tag_name((M, "oMath")) {
            // A formula is laid out (a fraction, a power, a root), not a run
            // of characters: in a cell its text is a candidate, never a value.
            if in_cell && fields.iter().all(|result| *result) {
                let text: String = n.descendants().filter(|t| t.has_tag_name((M, "t"))).filter_map(|t| t.text()).collect();
                marks::unsure(&mut out, if text.trim().is_empty() { "?" } else { &text });
            }
            continue;
        }
        let sym;
        let (text, certain) = if n.has_tag_name((W, "t")) || (rejected && n.has_tag_name((W, "delText"))) {
            (n.text().unwrap_or(""), true)
        } else if (n.has_tag_name((W, "tab")) || n.has_tag_name((W, "ptab")))
            && n.parent().is_some_and(|r| r.has_tag_name((W, "r")))
        {
            // An absolute tab (`w:ptab`) separates as a tab does.
            (" ", true)
        } else if n.has_tag_name((W, "noBreakHyphen")) {
            ("\u{2011}", true)
        } else if n.has_tag_name((W, "sym")) {
            sym = symbol(n);
            (sym.0.as_str(), sym.1)
        } else if n.has_tag_name((W, "pgNum")) {
            // The page number, whatever page Word lays the cell on.
            ("#", false)
        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "cr")) {
            ("\n", true)
        } else {
            todo.extend(n.children().rev().map(|c| (c, at)));
            continue;
        };
        if !fields.iter().all(|result| *result) {
            hidden.push((fields.len(), text.to_string()));
            continue;
        }
        // A field's result Word will work out again (marked dirty) may show otherwise.
        let stale = dirty.contains(&true)
            || n.ancestors().any(|a| a.has_tag_name((W, "fldSimple")) && a.attribute((W, "dirty")).is_some_and(truthy));
        let shown = if at.apart || at.bound || !certain || stale { Shown::Unsure } else { at.shown };
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
        if shown == Shown::Unsure && in_cell && (marks::has_digit(text) || !certain) {
            marks::unsure(&mut out, text);
        } else if !(at.apart && in_cell) {
            out.push_str(text);
        }
        if mark.is_none() && !text.trim().is_empty() {
            (beside, beside_position) = (at.size, at.position);
        }
    }
    if let Some((at, m)) = open {
        marks::close(&mut out, at, m);
    }
    // A field begun and never ended in the paragraph: whether Word shows the
    // text after its beginning is not certain; in a cell it is unsure, never dropped.
    let unended: String = hidden.into_iter().map(|(_, t)| t).collect();
    if in_cell && marks::has_digit(&unended) {
        marks::unsure(&mut out, &unended);
    }
    // A numbered paragraph in a cell: Word writes a list number before its
    // text, which is not known here; a number after it is unsure.
    if in_cell && styles.numbered(p) && (marks::has_digit(&out) || out.trim().is_empty()) {
        let mut numbered = String::new();
        marks::unsure(&mut numbered, "#");
        out.insert_str(0, &numbered);
    }
    out
}

/// An on/off attribute set on (`true`, `1`, `on`).
fn truthy(v: &str) -> bool {
    matches!(v, "true" | "1" | "on")
}

/// Whether the text written so far ends in a digit.
fn ends_in_digit(out: &str) -> bool {
    out.chars().next_back().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}
