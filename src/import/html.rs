//! Web pages (`.html`/`.htm`): the report page as saved from the agency's site.
//!
//! The page is parsed as a browser would (html5ever, through scraper's DOM);
//! the article is the deepest element holding the parts' headings, so the
//! site's menus, links and footer are left out. Its text follows the common
//! convention: a tab before each table cell, a line break after each row and
//! each block; each line's place is its table and row, or its paragraph.
//! Only what the page shows is read (`visibility`: hidden and struck-out text
//! left out, text the page leaves undecided makes its cell unread), and a
//! superscript or subscript beside a number is a note (`marks`), not digits.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::ImportError;
use super::guard;
use super::marks::{self, Mark};
use super::stream::Source;
use crate::read_limits::{SizeCap, read_regular_file};

mod clip;
mod colour;
mod columns;
mod cost;
mod css;
mod decide;
mod flow;
mod font;
mod grid;
mod imports;
mod look;
mod order;
mod paint;
mod pseudo;
mod replaced;
mod styles;
mod subject;
mod target;
#[cfg(test)]
mod test_page;
mod unseen;
mod visibility;
mod writer;
use flow::Flow;
use visibility::{Seen, View};
use writer::Writer;

/// The largest page read (a report page with its site around it is about 100 KB).
pub const HTML_CAP: SizeCap = SizeCap { bytes: 20 * 1024 * 1024, what: "网页文件" };

/// Text that marks the report's own parts (and so the article around them).
const MARKERS: [&str; 4] = ["总体情况", "主动公开政府信息", "行政复议", "其他需要报告"];

/// Deeper nesting than this is refused before parsing: an HTML5 parser's work
/// grows with the depth for every element (a real page nests a few dozen deep).
pub const MAX_DEPTH: usize = 1_000;
/// More tags than this is refused (a report page has a few thousand).
pub const MAX_TAGS: usize = 300_000;

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, HTML_CAP).map_err(|e| ImportError(e.to_string()))?;
    from_text(&decode(&bytes))
}

/// A page's text after the bounds are checked (by counts, before parsing).
pub fn from_text(html: &str) -> Result<Source, ImportError> {
    let shape = guard::scan(html, guard::Syntax::Html);
    let tags = shape.tags;
    if tags > MAX_TAGS {
        return Err(ImportError(format!(
            "网页有 {tags} 个标签，一个年报网页只有几千个（最多 {MAX_TAGS} 个）：不像年报网页，或文件已损坏"
        )));
    }
    if shape.deepest > MAX_DEPTH {
        return Err(ImportError(format!("网页的元素嵌套超过 {MAX_DEPTH} 层，不像正常的网页，不导入")));
    }
    if let Some(why) = shape.attributes_refused("网页") {
        return Err(ImportError(why));
    }
    Ok(source(html))
}

/// UTF-8, or GBK/GB2312 as a page's `charset` says (many government sites).
fn decode(bytes: &[u8]) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let gbk = ["charset=gb2312", "charset=\"gb2312", "charset=gbk", "charset=\"gbk", "charset=gb18030", "charset=\"gb18030"];
    if std::str::from_utf8(bytes).is_err() && gbk.iter().any(|c| head.contains(c)) {
        return encoding_rs::GB18030.decode(bytes).0.into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

fn block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "section"
            | "article"
            | "blockquote"
            | "pre"
            | "center"
            | "dd"
            | "dt"
            | "dl"
            | "header"
            | "footer"
            | "main"
            | "caption"
    )
}

/// The page's text, from its article when one holds the report's parts.
fn source(html: &str) -> Source {
    let doc = Html::parse_document(html);
    let view = visibility::view(&doc);
    // Bottom-up: how often the markers occur in each element's text; the article
    // is the deepest element with the most (the preamble alone names every part
    // once, the article has it and the headings). No recursion: a page nested
    // deep must not overflow the stack.
    let mut bits: std::collections::HashMap<ego_tree::NodeId, u32> = std::collections::HashMap::new();
    let mut candidates: Vec<(u32, usize, ego_tree::NodeId)> = Vec::new();
    let mut depth = 0usize;
    let mut skip_depth: Option<usize> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                if node.value().is_element() && skip_depth.is_none() && view.of(node.id()).there == Seen::Hidden {
                    skip_depth = Some(depth);
                }
            }
            Edge::Close(node) => {
                let mut b = 0u32;
                if skip_depth.is_none() {
                    if let Node::Text(t) = node.value()
                        && view.text(node.parent().map(|p| p.id())) != Seen::Hidden
                    {
                        b = MARKERS.iter().map(|m| t.matches(m).count() as u32).sum();
                    }
                    for child in node.children() {
                        b += bits.remove(&child.id()).unwrap_or(0);
                    }
                    if b != 0 {
                        bits.insert(node.id(), b);
                        let score = b;
                        if node.value().is_element() {
                            candidates.push((score, depth, node.id()));
                        }
                    }
                }
                if skip_depth == Some(depth) {
                    skip_depth = None;
                }
                depth -= 1;
            }
        }
    }
    let mut w = Writer::default();
    // The title: the page's <title> (its first part), which the article may lack.
    if let Some(title) = doc.tree.root().descendants().find_map(|n| match n.value() {
        Node::Element(e) if e.name() == "title" => {
            Some(n.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>())
        }
        _ => None,
    }) {
        let first = title.split(['_', '|', '－']).next().unwrap_or("").trim().to_string();
        if first.contains("年度报告") {
            w.text(&first);
            w.line("网页标题");
        }
    }
    // The deepest element holding at least 70 % of the markers (a menu naming
    // one part is left out; the article holds nearly all).
    let total = candidates.iter().map(|c| c.0).max().unwrap_or(0);
    let best = candidates.iter().filter(|c| c.0 * 10 >= total * 7 && c.0 >= 3).max_by_key(|c| c.1);
    let root = best.and_then(|(_, _, id)| doc.tree.get(*id)).unwrap_or(doc.tree.root());
    write(root, &view, &mut w);
    w.line("网页末尾");
    Source { text: w.text, places: w.places }
}

fn has_digit(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The mark an element makes of its text: `<sup>`, `<sub>` or raised by its style.
fn mark_of(e: &scraper::node::Element) -> Option<Mark> {
    match e.name() {
        "sup" => Some(Mark::Superscript),
        "sub" => Some(Mark::Subscript),
        _ => e.attr("style").and_then(font::raised),
    }
}

fn write(root: ego_tree::NodeRef<'_, Node>, view: &View, w: &mut Writer) {
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    // The mark being written as a note: its depth, where it began, which.
    let mut mark: Option<(usize, usize, Mark)> = None;
    // The last text written: where it begins and ends, and its look.
    let mut last: Option<(usize, usize, look::Look)> = None;
    // The depth of the element in a table whose children may be drawn in another order.
    let mut rearranged: Option<usize> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                depth += 1;
                if skip_depth.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => match view.text(node.parent().map(|p| p.id())) {
                        Seen::Hidden => w.hid |= w.in_cell > 0 && !t.trim().is_empty(),
                        Seen::Unsure if w.in_cell > 0 && has_digit(t) => w.unsure_text(t, ""),
                        // Digits drawn in the other order (`<bdo dir=rtl>31</bdo>` shows 13): both readings.
                        _ if w.in_cell > 0 && has_digit(t) && view.reversed(node.parent().map(|p| p.id())) => {
                            w.unsure_text(&t.chars().rev().collect::<String>(), t)
                        }
                        // A row a cell above pushes past the last column: its numbers are not where written.
                        _ if w.in_cell > 0 && has_digit(t) && grid::in_rows(node, &w.pushed_rows) => w.unsure_text(t, ""),
                        // A cell whose place in its row, or whose pieces' order, the page leaves undecided.
                        _ if w.in_cell > 0 && has_digit(t) && rearranged.is_some() => w.reordered_text(t),
                        // A cell whose column the page leaves undecided.
                        _ if w.in_cell > 0 && has_digit(t) && columns::in_cells(node, &w.unplaced) => w.unsure_text(t, ""),
                        _ => {
                            let look = view.look(node.parent().map(|p| p.id()));
                            let start = w.text.len();
                            if w.in_cell > 0
                                && let Some((from, end, before)) = &last
                                && *end == start
                                && *before != look
                                && let Some(before_text) = w.text.get(*from..)
                                && look::digits_meet(before_text, t)
                            {
                                // Digits across an edge of size or link: the shorter run there
                                // is perhaps a mark, perhaps digits (see `look`).
                                let tail = from + look::trailing_digits(before_text);
                                let head = look::leading_digits(t);
                                if tail < start {
                                    let r = if start - tail < head { tail..start } else { start..start + head };
                                    w.unsure.push((r, String::new()));
                                }
                            }
                            w.spaced_text(t);
                            last = Some((start, w.text.len(), look));
                        }
                    },
                    // Shown in another form than text (an image's alt, a list's choice, a
                    // drawing): what it holds is a reading of its cell, never a plain blank.
                    Node::Element(_)
                        if w.in_cell > 0
                            && let Some(held) = replaced::held(node) =>
                    {
                        if has_digit(&held) {
                            w.unsure_text(&held, "");
                        }
                        skip_depth = Some(depth);
                    }
                    Node::Element(e) if view.of(node.id()).there == Seen::Hidden => {
                        // Text hidden inside a cell (not a script's or a style's): the cell is there, blank.
                        let text = || scraper::ElementRef::wrap(node).is_some_and(|r| r.text().any(|t| !t.trim().is_empty()));
                        w.hid |= w.in_cell > 0 && !replaced::never_shown(e.name()) && text();
                        skip_depth = Some(depth);
                    }
                    Node::Element(e) => {
                        if rearranged.is_none() && (e.name() == "table" || !w.table.is_empty()) && view.rearranged(node.id()) {
                            rearranged = Some(depth);
                        }
                        if mark.is_none()
                            && let Some(m) = mark_of(e)
                            && marks::as_note(w.in_cell > 0, &w.text)
                        {
                            mark = Some((depth, w.text.len(), m));
                            marks::open(&mut w.text, m);
                            w.at_line_start = false;
                        }
                        match e.name() {
                            "table" => {
                                w.in_cell = 0;
                                w.line("");
                                w.tables += 1;
                                w.pushed_rows.extend(grid::overflowing_rows(node));
                                w.unplaced.extend(columns::unsure_cells(node, view));
                                w.table.push((w.tables, 0));
                            }
                            "tr" => {
                                w.line("");
                                if let Some((_, r)) = w.table.last_mut() {
                                    *r += 1;
                                }
                            }
                            "td" | "th" => {
                                w.text.push('\t');
                                w.at_line_start = false;
                                if w.in_cell == 0 {
                                    w.cell_from = w.text.len();
                                    w.unsure.clear();
                                    w.pieces.clear();
                                    w.hid = false;
                                }
                                w.in_cell += 1;
                            }
                            "br" => w.line(""),
                            // A text field shows its value (a page that lays its table out in a form).
                            "input"
                                if matches!(
                                    e.attr("type").map(str::to_ascii_lowercase).as_deref(),
                                    None | Some("text" | "number")
                                ) =>
                            {
                                w.text(e.attr("value").unwrap_or_default())
                            }
                            n if block(n) || view.flow(node.id()) == Flow::Breaks => w.line(""),
                            _ => {}
                        }
                        if view.flow(node.id()) == Flow::Spaced {
                            w.edge = Some(w.text.len());
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if rearranged == Some(depth) {
                    rearranged = None;
                }
                if skip_depth == Some(depth) {
                    skip_depth = None;
                } else if skip_depth.is_none()
                    && let Node::Element(e) = node.value()
                {
                    match e.name() {
                        "td" | "th" => {
                            w.in_cell = w.in_cell.saturating_sub(1);
                            if w.in_cell == 0 {
                                w.close_unsure_cell();
                            }
                        }
                        "table" => {
                            w.line("");
                            w.table.pop();
                        }
                        "tr" => w.line(""),
                        n if block(n) || view.flow(node.id()) == Flow::Breaks => w.line(""),
                        _ => {}
                    }
                    if view.flow(node.id()) == Flow::Spaced {
                        w.edge = Some(w.text.len());
                    }
                    if let Some((d, at, m)) = mark
                        && d == depth
                    {
                        marks::close(&mut w.text, at, m);
                        mark = None;
                    }
                }
                depth -= 1;
            }
        }
    }
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
