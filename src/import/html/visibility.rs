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

use super::clip::narrow_attribute;
use super::cost::Work;
use super::css::{self, Decls, Effect, Sheet};
use super::decide::decide;
use super::flow::Flow;
use super::look::{self, Look};
use super::order::{self, Scope};
use super::paint::Paint;
use super::replaced::{annotation, closed_until_opened, never_shown, struck};

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
    let mut paint_stack = vec![Paint::default()];
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
                let mut paint = paint_stack.last().cloned().unwrap_or_default();
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
                        judge(e, (parent, &mut paint), in_cell, &rules, (stack.len() as u64, index), &mut work);
                    let rtl = e.value().attr("dir").is_some_and(|d| d.trim().eq_ignore_ascii_case("rtl"));
                    let in_container = container_stack.last().copied().unwrap_or(false);
                    match order::rearranges(
                        reorders.max(rtl.then_some(Scope::Direction)),
                        e.value().name(),
                        (container, in_container),
                    ) {
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
                    // Its own text drawn in a colour near its ground is unsure; its
                    // children's text is judged by their own paint.
                    let own = if paint.unseen() { State { text: state.text.max_unsure(), ..state } } else { state };
                    if own != State::default() {
                        states.insert(node.id(), own);
                    }
                }
                stack.push(state);
                look_stack.push(look);
                cell_stack.push(in_cell);
                order_stack.push(backwards);
                index_stack.push(0);
                container_stack.push(items);
                paint_stack.push(paint);
            }
            Edge::Close(_) => {
                stack.pop();
                look_stack.pop();
                cell_stack.pop();
                order_stack.pop();
                index_stack.pop();
                container_stack.pop();
                paint_stack.pop();
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
/// whether its text is drawn in an order of its own; `paint` (the parent's)
/// becomes the element's.
fn judge(
    e: ElementRef<'_>,
    (parent, paint): (State, &mut Paint),
    in_cell: bool,
    rules: &Sheet,
    at: (u64, u64),
    work: &mut Work,
) -> (State, Option<u32>, bool, (Flow, bool, Option<Scope>)) {
    let el = e.value();
    let own = el.attr("style").map(css::declarations).unwrap_or_default();
    // A ruby annotation the page's rules or its own style display is drawn: unsure, not left out.
    let shows = |d: &Decls| d.display.is_some_and(|(e, _)| e == Effect::Show);
    let displayed = annotation(el.name()) && (shows(&own) || rules.hits(&e, at, work).iter().any(|(d, _)| shows(d)));
    if (never_shown(el.name()) && !displayed)
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
    // Struck out by the page's rules (its own style's strike hides it, above): another
    // rule or its own style may lift it, so unsure.
    let obscured = own.obscured || sheet.iter().any(|(d, _)| d.obscured || d.struck) || rules.unexplained(el);
    // Drawn elsewhere (a filter, a transform, out of the flow): in a cell, perhaps not there.
    let moved = in_cell && (own.moved || sheet.iter().any(|(d, _)| d.moved));
    // The colours of its text and its ground (`<font color>` as a colour of its own).
    *paint = Paint::of(paint, el, &own, &sheet);
    // Cut off by a box too small for it (a table cell's own size only where its table's is fixed).
    let any = |f: fn(&Decls) -> bool| f(&own) || sheet.iter().any(|(d, _)| f(d));
    let cell = matches!(el.name(), "td" | "th");
    let clipped = any(|d| d.clips) && (any(|d| d.narrow) || cell && narrow_attribute(el)) && (!cell || rules.fixed);
    let obscured = obscured || moved || clipped || displayed;
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
#[path = "visibility_tests.rs"]
mod tests;
