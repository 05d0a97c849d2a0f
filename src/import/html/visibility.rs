//! What a browser shows of a page, as far as the page itself says: text a
//! reader does not see is not part of the report (「<span style="display:none">9</span>132」
//! shows 132). Decided here, once for every element:
//! - never shown: `<script>`, `<style>`, `<template>` and the like; the
//!   `hidden` attribute; `aria-hidden="true"`; struck-out text (`<del>`, `<s>`,
//!   `<strike>`, `text-decoration: line-through`), which is no part of a value;
//! - `display` and `visibility` from the element's own `style` and from the
//!   rules of the page's `<style>` blocks, matched by a CSS selector engine;
//! - a closed `<details>` shows its `<summary>` only;
//! - unsure: text made unseen by other means (no size, no opacity, no colour,
//!   clipped, far off the page, `content-visibility: hidden`), a rule that applies only on some screens (`@media (max-width…)`),
//!   a selector the engine cannot read (then any element it might name), rules
//!   that disagree, or more rules or work than the bounds. Unsure text is
//!   shown to the row reader as such, so its cell is unread, never guessed.
//!
//! Style sheets linked from elsewhere are not read (the page as saved may not
//! have them); in a page that links one, an inline element whose class or id
//! the page's own style never names is unsure (the linked sheet may hide it).

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html};

use super::cost::Work;
use super::css::{self, Effect, Sheet};
use super::decide::decide;
use super::flow::Flow;
use super::look::{self, Look};
use super::order::{self, Scope};
use super::replaced::{closed_until_opened, never_shown, struck};
use super::unseen::visible_colour;

/// Whether something is seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Seen {
    #[default]
    Shown,
    Hidden,
    Unsure,
}

/// An element's state: whether it is there at all (`display`, struck out:
/// hidden means its whole content is skipped) and whether its own text is seen
/// (`visibility`, which a child may turn back on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct State {
    pub there: Seen,
    pub text: Seen,
}

/// The most work matching selectors (tests weighted by their cost, see
/// [`super::cost`]); past it every element is unsure.
pub const MAX_WORK: u64 = 20_000_000;

/// Every element's state that is not plainly shown.
pub struct View {
    states: HashMap<NodeId, State>,
    /// Every element's look that is not the page's plain one.
    looks: HashMap<NodeId, Look>,
    /// Elements whose text is drawn in an order of its own (`<bdo dir=rtl>`,
    /// `unicode-bidi: bidi-override`): digits there may read backwards.
    reversed: std::collections::HashSet<NodeId>,
    /// Elements not plainly in the line of their cell ([`Flow`]).
    flows: HashMap<NodeId, Flow>,
    /// Elements whose children a flex or grid layout may rearrange ([`super::order`]).
    rearranged: std::collections::HashSet<NodeId>,
}

impl View {
    pub fn of(&self, id: NodeId) -> State {
        self.states.get(&id).copied().unwrap_or_default()
    }

    /// The look of a text node (child of `parent`).
    pub fn look(&self, parent: Option<NodeId>) -> Look {
        parent.and_then(|p| self.looks.get(&p)).cloned().unwrap_or_default()
    }

    /// Whether a text node (child of `parent`) is drawn in an order of its own.
    pub fn reversed(&self, parent: Option<NodeId>) -> bool {
        parent.is_some_and(|p| self.reversed.contains(&p))
    }

    /// How an element sits in the line of its cell.
    pub fn flow(&self, id: NodeId) -> Flow {
        self.flows.get(&id).copied().unwrap_or_default()
    }

    /// Whether an element's children may be drawn in another order than written.
    pub fn rearranged(&self, id: NodeId) -> bool {
        self.rearranged.contains(&id)
    }

    /// Whether a text node (child of `parent`) is seen.
    pub fn text(&self, parent: Option<NodeId>) -> Seen {
        parent.map_or(Seen::Shown, |p| self.of(p).text)
    }
}

/// Every element's state, in one pass without recursion.
pub fn view(doc: &Html) -> View {
    view_within(doc, MAX_WORK)
}

pub(super) fn view_within(doc: &Html, bound: u64) -> View {
    let rules = Sheet::of(doc);
    let overflow = rules.overflow;
    let mut states = HashMap::new();
    let mut stack: Vec<State> = vec![State::default()];
    let (mut looks, mut look_stack) = (HashMap::new(), vec![Look::default()]);
    // Whether inside a table cell (where text drawn elsewhere is unsure).
    let mut cell_stack = vec![false];
    let (mut reversed, mut order_stack) = (std::collections::HashSet::new(), vec![false]);
    let mut flows = HashMap::new();
    let mut rearranged = std::collections::HashSet::new();
    // Whether each open element lays its children out as flex or grid items.
    let mut container_stack = vec![false];
    let mut work = Work { done: 0, bound };
    // The elements opened so far under each open node (an element's index among its siblings).
    let mut index_stack = vec![0u64];
    let mut gone_depth: Option<usize> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let parent = *stack.last().unwrap_or(&State::default());
                let mut state = parent;
                let mut look = look_stack.last().cloned().unwrap_or_default();
                let mut in_cell = cell_stack.last().copied().unwrap_or(false);
                let mut backwards = order_stack.last().copied().unwrap_or(false);
                let (mut index, mut items) = (0, false);
                if node.value().is_element()
                    && let Some(n) = index_stack.last_mut()
                {
                    index = *n;
                    *n += 1;
                }
                if gone_depth.is_none()
                    && let Some(e) = ElementRef::wrap(node)
                {
                    let (sized, overridden, mut flow, container);
                    in_cell = match e.value().name() {
                        "td" | "th" => true,
                        "table" => false,
                        _ => in_cell,
                    };
                    let reorders;
                    (state, sized, overridden, (flow, container, reorders)) =
                        judge(e, parent, in_cell, &rules, (stack.len() as u64, index), &mut work);
                    let rtl = e.value().attr("dir").is_some_and(|d| d.trim().eq_ignore_ascii_case("rtl"));
                    match order::rearranges(reorders.max(rtl.then_some(Scope::Direction)), e.value().name(), container) {
                        Some(true) => rearranged.extend(node.parent().map(|p| p.id())),
                        Some(false) => rearranged.extend([node.id()]),
                        None => {}
                    }
                    let dir = e.value().attr("dir").map(|d| d.trim().to_ascii_lowercase());
                    backwards |= overridden || (e.value().name() == "bdo" && dir.as_deref() != Some("ltr"));
                    if container_stack.last().copied().unwrap_or(false) {
                        flow = Flow::Breaks;
                    }
                    items = container;
                    if flow != Flow::Inline {
                        flows.insert(node.id(), flow);
                    }
                    if backwards {
                        reversed.insert(node.id());
                    }
                    look = look::of(&e, &look, sized);
                    if look != Look::default() {
                        looks.insert(node.id(), look.clone());
                    }
                    if overflow || work.spent() {
                        state.there = state.there.max_unsure();
                        state.text = state.text.max_unsure();
                    }
                    if state.there == Seen::Hidden {
                        gone_depth = Some(stack.len());
                    }
                    if state != State::default() {
                        states.insert(node.id(), state);
                    }
                }
                stack.push(state);
                look_stack.push(look);
                cell_stack.push(in_cell);
                order_stack.push(backwards);
                index_stack.push(0);
                container_stack.push(items);
            }
            Edge::Close(_) => {
                stack.pop();
                look_stack.pop();
                cell_stack.pop();
                order_stack.pop();
                index_stack.pop();
                container_stack.pop();
                if gone_depth == Some(stack.len()) {
                    gone_depth = None;
                }
            }
        }
    }
    View { states, looks, reversed, flows, rearranged }
}

impl Seen {
    /// Shown becomes unsure; hidden stays hidden.
    fn max_unsure(self) -> Seen {
        if self == Seen::Hidden { Seen::Hidden } else { Seen::Unsure }
    }
}

/// The element's state, the last of the page's rules that sizes its text, and
/// whether its text is drawn in an order of its own.
fn judge(
    e: ElementRef<'_>,
    parent: State,
    in_cell: bool,
    rules: &Sheet,
    at: (u64, u64),
    work: &mut Work,
) -> (State, Option<u32>, bool, (Flow, bool, Option<Scope>)) {
    let el = e.value();
    let own = el.attr("style").map(css::declarations).unwrap_or_default();
    if never_shown(el.name())
        || closed_until_opened(el)
        || struck(el.name())
        || own.struck
        || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
    {
        return (State { there: Seen::Hidden, text: Seen::Hidden }, None, false, (Flow::Inline, false, None));
    }
    let sheet = rules.hits(&e, at, work);
    let hidden_attr = el.attr("hidden").is_some();
    let display = decide(&sheet, own.display, |d| d.display, if hidden_attr { Some(Effect::Hide) } else { None });
    let visibility = decide(&sheet, own.visibility, |d| d.visibility, None);
    let there = match display {
        Some(Seen::Hidden) => Seen::Hidden,
        Some(Seen::Unsure) => Seen::Unsure,
        _ => parent.there,
    };
    // Perhaps unseen (no size, clipped, off the page): unsure, unless hidden anyway.
    let obscured = own.obscured || sheet.iter().any(|(d, _)| d.obscured) || rules.unexplained(el);
    // Drawn elsewhere (a filter, a transform, out of the flow): in a cell, perhaps not there.
    let moved = in_cell && (own.moved || sheet.iter().any(|(d, _)| d.moved));
    // `<font color>` as a colour of the element's own style.
    let coloured = el.name() == "font" && el.attr("color").is_some_and(|c| !visible_colour(&c.trim().to_ascii_lowercase()));
    let obscured = obscured || moved || coloured;
    let there = if obscured { there.max_unsure() } else { there };
    let mut text = visibility.unwrap_or(parent.text);
    // A closed <details> shows its <summary> only.
    let closed = |n: &scraper::node::Element| n.name() == "details" && n.attr("open").is_none();
    if e.parent().and_then(ElementRef::wrap).is_some_and(|p| closed(p.value())) {
        if el.name() != "summary" {
            return (State { there: Seen::Hidden, text: Seen::Hidden }, None, false, (Flow::Inline, false, None));
        }
        text = if parent.there == Seen::Hidden { Seen::Hidden } else { visibility.unwrap_or(Seen::Shown) };
    } else if closed(el) {
        // Its own text outside <summary> is not shown.
        text = Seen::Hidden;
    }
    if there == Seen::Hidden {
        text = Seen::Hidden;
    } else if there == Seen::Unsure {
        text = text.max_unsure();
    }
    let overridden = own.overridden || sheet.iter().any(|(d, _)| d.overridden);
    let flow = sheet.iter().map(|(d, _)| d.flow).fold(own.flow, Flow::max);
    let container = own.container || sheet.iter().any(|(d, _)| d.container);
    let reorders = sheet.iter().map(|(d, _)| d.reorders).fold(own.reorders, Option::max);
    (State { there, text }, sheet.iter().filter_map(|(d, _)| d.sized).max(), overridden, (flow, container, reorders))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn states(page: &str) -> Vec<(String, State)> {
        let doc = Html::parse_document(page);
        let view = view(&doc);
        doc.tree
            .root()
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().attr("id").is_some_and(|i| i.starts_with('t')))
            .map(|e| (e.value().attr("id").unwrap_or("").to_string(), view.of(e.id())))
            .collect()
    }

    #[test]
    fn the_page_style_decides_and_what_it_leaves_open_is_unsure() {
        let page = r#"<style>/* a /* b */ .h{display:none} #t4{visibility:hidden}
            @media print{#t1{display:none}} @media (max-width:1px){#t5{display:none}} @font-face{font-family:x}
            .x:hover{display:none} p::before{display:none} q%%{display:none}</style>
            <p id=t1 class=x>a</p><p id=t2 class="h">b</p><p id=t3 style="display:none;display:block">c</p>
            <div id=t4><span id=t6 style="visibility:visible">d</span></div><p id=t5>e</p><q id=t7>f</q>"#;
        let got = states(page);
        let shown = State::default();
        let hidden = State { there: Seen::Hidden, text: Seen::Hidden };
        let want = [
            ("t1", shown),
            ("t2", hidden),
            ("t3", shown),
            ("t4", State { there: Seen::Shown, text: Seen::Hidden }),
            ("t6", shown),
            ("t5", State { there: Seen::Unsure, text: Seen::Unsure }),
            ("t7", State { there: Seen::Unsure, text: Seen::Unsure }),
        ];
        for (id, state) in want {
            assert_eq!(got.iter().find(|(i, _)| i == id).map(|(_, s)| *s), Some(state), "{id}");
        }
    }

    #[test]
    fn style_sheets_broken_or_too_many_rules_are_bounded_never_a_panic() {
        for css in
            ["{", "}", "@media{", ".a{display:none", "/* open", "@media (x){@media (y){.a{display:none}}", "a,{display:none}"]
        {
            let _ = states(&format!("<style>{css}</style><p id=t1 class=a>1</p>"));
        }
        // More rules than bounded: nothing on the page is sure any more.
        let many: String = (0..=css::MAX_RULES).map(|i| format!(".c{i}{{display:none}}")).collect();
        let got = states(&format!("<style>{many}</style><p id=t1>1</p>"));
        assert_eq!(got[0].1.text, Seen::Unsure);
    }

    /// Text a reader does not see though display and visibility show it (no
    /// size, no opacity, no colour, clipped, off the page, content skipped): unsure.
    /// A closed <details> shows its <summary> only.
    #[test]
    fn text_made_invisible_by_other_means_is_unsure_and_closed_details_hidden() {
        let obscuring = [
            "font-size:0",
            "opacity:0",
            "color:transparent",
            "color:rgba(0,0,0,0)",
            "color:#FFF",
            "color: rgb(255, 255, 255)",
            "position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden",
            "position:absolute;left:-9999px",
            "display:inline-block;width:0;height:0;overflow:hidden",
            "display:inline-block;text-indent:-9999px;overflow:hidden",
            "content-visibility:hidden",
        ];
        let unsure = State { there: Seen::Unsure, text: Seen::Unsure };
        for style in obscuring {
            let got = states(&format!("<p id=t1 style=\"{style}\">9</p>"));
            assert_eq!(got[0].1, unsure, "{style}");
            let got = states(&format!("<style>.k{{{style}}}</style><p id=t1 class=k>9</p>"));
            assert_eq!(got[0].1, unsure, "sheet: {style}");
        }
        // Digits a rule puts before or after the element's text (not an escaped quote mark).
        for generated in ["p::before{content:\"9\"}", "#t1:after { content: counter(n) }"] {
            assert_eq!(states(&format!("<style>{generated}</style><p id=t1>132</p>"))[0].1, unsure, "{generated}");
        }
        let quoted = states("<style>p::before{content:\"\\201C\"}</style><p id=t1>132</p>");
        assert_eq!(quoted[0].1, State::default());
        for ordinary in ["border:1px solid #000;padding:.3em .4em;vertical-align:middle", "color:#333;font-size:12px;left:0"] {
            assert_eq!(states(&format!("<p id=t1 style=\"{ordinary}\">9</p>"))[0].1, State::default(), "{ordinary}");
        }
        let got = states(
            "<details id=t1><summary id=t2>132</summary><span id=t3>9</span></details><details open id=t4><span id=t5>1</span></details>",
        );
        let of = |id: &str| got.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
        assert_eq!(of("t1"), Some(State { there: Seen::Shown, text: Seen::Hidden }));
        assert_eq!(of("t2"), Some(State::default()));
        assert_eq!(of("t3"), Some(State { there: Seen::Hidden, text: Seen::Hidden }));
        assert_eq!((of("t4"), of("t5")), (Some(State::default()), Some(State::default())));
    }

    /// A rule is found by what its selector asks of the element itself, read as
    /// CSS reads it: an escape (`#\31 x` is id 「1x」), or a space, combinator or
    /// comma inside quotes or brackets, never files it where no element looks.
    #[test]
    fn rules_whose_selectors_have_escapes_or_quotes_still_apply() {
        let hidden = State { there: Seen::Hidden, text: Seen::Hidden };
        let pages = [
            r#"<style>#t\31 x{display:none}</style><span id=t1x>9</span>"#,
            r#"<style>#\74 1{display:none}</style><span id=t1>9</span>"#,
            r#"<style>.md\:h{display:none}</style><span id=t1 class="md:h">9</span>"#,
            r#"<style>span[title="a b"]{display:none}</style><span id=t1 title="a b">9</span>"#,
            r#"<style>p > [data-x="1 > 2"].k{display:none}</style><p><span id=t1 data-x="1 > 2" class=k>9</span></p>"#,
            r#"<style>span[title="x,y"]{display:none}</style><span id=t1 title="x,y">9</span>"#,
        ];
        for page in pages {
            assert_eq!(states(page).first().map(|(_, s)| *s), Some(hidden), "{page}");
        }
    }

    /// A page linking a style sheet: an inline element with a class or id its
    /// own style never names may be hidden by the linked sheet; one it names,
    /// or any without a linked sheet, is as the page's own style says.
    #[test]
    fn classes_only_a_linked_sheet_can_explain_are_unsure() {
        let unsure = State { there: Seen::Unsure, text: Seen::Unsure };
        let linked = r#"<link rel="stylesheet" href="hide.css"><style>.known{color:red}</style>"#;
        assert_eq!(states(&format!("{linked}<span id=t1 class=k>9</span>"))[0].1, unsure);
        assert_eq!(states(&format!("{linked}<span id=t1 class=known>9</span>"))[0].1, State::default());
        assert_eq!(states(&format!("{linked}<table><tr><td id=t1 class=k>9</td></tr></table>"))[0].1, State::default());
        assert_eq!(states("<style>@import url(x.css);</style><font id=t1 class=k>9</font>")[0].1, unsure);
        assert_eq!(states("<span id=t1 class=k>9</span>")[0].1, State::default());
    }
}
