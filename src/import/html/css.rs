//! The page's own style rules (its `<style>` blocks) that hide or show
//! elements: read tolerantly, bounded, each selector matched by a CSS selector
//! engine, or marked as perhaps naming an element when the engine cannot read it.

use std::collections::HashMap;

use scraper::{ElementRef, Html};

use super::clip;
use super::cost::{Cost, Work};
use super::flow::{self, Flow};
use super::font;
use super::imports::without_imports;
use super::order::{self, Scope};
use super::paint::{Shade, ground_shade, text_shade};
use super::pseudo::{generates_digits, part_of};
use super::styles::{applied, declaration_list, names, screen, strip_comments};
use super::subject::{Subject, perhaps, selectors, subject, unescape};
use super::target::{Target, before_or_after, first_part, target, valid};
use super::unseen::{moves, obscures, unknown};

/// The most style rules that hide or show something (a site's page has a few dozen).
pub const MAX_RULES: usize = 2_000;
/// The most rules that only size text kept besides them.
const MAX_SIZING: usize = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Hide,
    Show,
}

/// A declaration's effect and whether it is `!important`.
pub type Decl = Option<(Effect, bool)>;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Decls {
    pub display: Decl,
    pub visibility: Decl,
    /// Struck out (`text-decoration: line-through`).
    pub struck: bool,
    /// Perhaps not seen though `display` and `visibility` show it ([`obscures`]).
    pub obscured: bool,
    /// Drawn elsewhere or otherwise ([`moves`]): perhaps not seen in a table cell.
    pub moved: bool,
    /// Drawn in an order of its own (`unicode-bidi: bidi-override`).
    pub overridden: bool,
    /// Its place in the line of a cell ([`Flow`]), the widest any declaration gives.
    pub flow: Flow,
    /// Lays its children out as flex or grid items, each a box of its own.
    pub container: bool,
    /// Rearranges its siblings or its children ([`order`]).
    pub reorders: Option<Scope>,
    /// Sets a (non-zero) `font-size`; in a sheet's rule, which rule (its number).
    pub sized: Option<u32>,
    /// The text's colour and the ground it is drawn on, where set ([`super::paint`]).
    pub colour: Option<Shade>,
    pub background: Option<Shade>,
    /// Names part of the element's text only (`::first-letter`, `::first-line`).
    pub part: bool,
    /// Clips what overflows, and perhaps too small for a number ([`super::clip`]).
    pub clips: bool,
    pub narrow: bool,
}

pub struct Rule {
    target: Target,
    /// What the element itself must have (all of the target's own part).
    subject: Subject,
    decls: Decls,
    /// False for rules that apply only on some screens.
    certain: bool,
    cost: Cost,
}

impl Rule {
    /// The rule's declarations if it names the element, and whether surely.
    fn hits(&self, e: &ElementRef<'_>) -> Option<(Decls, bool)> {
        match &self.target {
            _ if !perhaps(e.value(), &self.subject) => None,
            Target::Exact(s) => s.matches(e).then_some((self.decls, self.certain)),
            Target::Perhaps(wider) => wider.as_ref().is_none_or(|w| w.matches(e)).then_some((self.decls, false)),
        }
    }
}

/// The declarations of a `style` attribute or a rule's block that matter here
/// (a comment left open in it leaves the element unsure).
pub fn declarations(block: &str) -> Decls {
    let (list, open) = declaration_list(block);
    let mut d = Decls { obscured: open, ..Decls::default() };
    for (name, value) in list {
        let name = unescape(name.trim()).to_ascii_lowercase();
        let value = unescape(value.trim()).to_ascii_lowercase();
        let (value, important) = match value.strip_suffix("important").map(|v| v.trim_end().strip_suffix('!')) {
            Some(Some(v)) => (v.trim().to_string(), true),
            _ => (value, false),
        };
        let set = |slot: &mut Decl, effect: Option<Effect>| {
            if let Some(e) = effect
                // A later declaration wins unless an earlier one is `!important`.
                && (important || !slot.is_some_and(|(_, i)| i))
            {
                *slot = Some((e, important));
            }
        };
        d.moved |= moves(&name, &value);
        d.flow = d.flow.max(flow::of(&name, &value));
        d.container |= name == "display" && flow::container(&value);
        d.clips |= clip::clips(&name, &value);
        d.narrow |= clip::narrow(&name, &value);
        match name.as_str() {
            "color" | "-webkit-text-fill-color" => d.colour = text_shade(&value).or(d.colour),
            "background" | "background-color" => d.background = ground_shade(&value),
            _ => {}
        }
        d.reorders = d.reorders.max(order::of(&name, &value));
        if unknown(&value) {
            // A variable's value only the browser works out: not proven shown.
            d.obscured |= obscures(&name, &value);
            continue;
        }
        match name.as_str() {
            "display" => set(
                &mut d.display,
                match value.as_str() {
                    "none" => Some(Effect::Hide),
                    "inherit" | "unset" | "revert" | "revert-layer" | "" => None,
                    _ => Some(Effect::Show),
                },
            ),
            "visibility" => set(
                &mut d.visibility,
                match value.as_str() {
                    "hidden" | "collapse" => Some(Effect::Hide),
                    "visible" | "initial" => Some(Effect::Show),
                    _ => None,
                },
            ),
            "unicode-bidi" => d.overridden = value.contains("override"),
            "text-decoration" | "text-decoration-line" => d.struck = value.contains("line-through"),
            _ => match font::size_of(&name, &value) {
                Some(size) if !obscures("font-size", &size) => d.sized = Some(0),
                Some(_) => d.obscured = true,
                None => d.obscured |= obscures(&name, &value),
            },
        }
    }
    d
}

/// The page's rules that hide or show, found by what their subject requires
/// (an id, a class, a tag, or nothing), as browsers find them.
#[derive(Default)]
pub struct Sheet {
    rules: Vec<Rule>,
    keyed: HashMap<String, Vec<usize>>,
    any: Vec<usize>,
    /// More rules than bounded.
    pub overflow: bool,
    /// The page links a style sheet from elsewhere (not read: the page as
    /// saved may not have it), and the classes and ids its own `<style>` names.
    linked: bool,
    named: std::collections::HashSet<String>,
    /// The page lays tables out by fixed widths (a cell's own size may clip it).
    pub fixed: bool,
}

impl Sheet {
    pub fn of(doc: &Html) -> Sheet {
        let (rules, overflow) = rules(doc);
        let mut sheet = Sheet { overflow, ..Sheet::default() };
        for e in doc.tree.root().descendants().filter_map(ElementRef::wrap) {
            let rel = e.value().attr("rel").unwrap_or("").to_ascii_lowercase();
            sheet.linked |= e.value().name() == "link" && rel.split_whitespace().any(|r| r == "stylesheet");
            sheet.fixed |= e.value().attr("style").is_some_and(|s| clip::fixed_layout(&strip_comments(s).0));
        }
        for e in applied(doc) {
            let (css, imports) = without_imports(&strip_comments(&e.text().collect::<String>()).0);
            sheet.linked |= imports;
            sheet.named.extend(names(&css));
            sheet.fixed |= clip::fixed_layout(&css);
        }
        for (i, r) in rules.iter().enumerate() {
            let key = match (r.subject.ids.first(), r.subject.classes.first(), &r.subject.tag) {
                (Some(id), _, _) => format!("#{id}"),
                (_, Some(class), _) => format!(".{class}"),
                (_, _, Some(tag)) if tag != "*" => tag.to_ascii_lowercase(),
                _ => {
                    sheet.any.push(i);
                    continue;
                }
            };
            sheet.keyed.entry(key).or_default().push(i);
        }
        sheet.rules = rules;
        sheet
    }

    /// An inline element (「<span class=k>9</span>132」) whose class or id the
    /// page's own style never names, in a page that links a style sheet: the
    /// linked sheet may hide it.
    pub fn unexplained(&self, el: &scraper::node::Element) -> bool {
        const INLINE: [&str; 14] =
            ["span", "font", "i", "b", "em", "strong", "u", "small", "big", "label", "ins", "mark", "a", "code"];
        let mut marks = el.classes().map(|c| format!(".{c}")).chain(el.id().map(|i| format!("#{i}"))).peekable();
        self.linked && INLINE.contains(&el.name()) && marks.peek().is_some() && marks.all(|m| !self.named.contains(&m))
    }

    /// The declarations of the rules naming the element (`depth` deep, the
    /// `index`th child), each with whether surely; none once the work is spent.
    pub fn hits(&self, e: &ElementRef<'_>, (depth, index): (u64, u64), work: &mut Work) -> Vec<(Decls, bool)> {
        if self.overflow || work.spent() {
            return Vec::new();
        }
        let el = e.value();
        let mut keys: Vec<String> = el.classes().map(|c| format!(".{c}")).collect();
        keys.extend(el.id().map(|i| format!("#{i}")));
        keys.push(el.name().to_string());
        let keyed = keys.iter().filter_map(|k| self.keyed.get(k)).flatten();
        let mut tried: Vec<usize> = self.any.iter().chain(keyed).copied().collect();
        tried.sort_unstable();
        tried.dedup();
        let mut out = Vec::new();
        for i in tried {
            let rule = &self.rules[i];
            work.done += rule.cost.at(depth, index);
            if work.spent() {
                return Vec::new();
            }
            out.extend(rule.hits(e));
        }
        out
    }
}

/// The page's rules that hide or show, and whether there were more than bounded.
fn rules(doc: &Html) -> (Vec<Rule>, bool) {
    let mut rules = Vec::new();
    let (mut overflow, mut counts) = (false, (0, 0));
    for e in applied(doc) {
        if e.value().attr("media").is_some_and(|m| !screen(m).0) {
            continue;
        }
        let css: String = e.text().collect();
        let certain = e.value().attr("media").is_none_or(|m| screen(m).1);
        let (text, open) = strip_comments(&css);
        sheet(&without_imports(&text).0, certain, 0, &mut rules, &mut counts, &mut overflow);
        // A comment left open: what follows is no style to a browser, yet
        // plainly meant as style; its rules are read as uncertain.
        if let Some(at) = open {
            let tail = strip_comments(&css[at + 2..]).0;
            sheet(&without_imports(&tail).0, false, 0, &mut rules, &mut counts, &mut overflow);
        }
    }
    (rules, overflow)
}

/// `counts`: the rules kept that hide or show, and those that only size text.
fn sheet(css: &str, certain: bool, depth: usize, rules: &mut Vec<Rule>, counts: &mut (usize, usize), overflow: &mut bool) {
    let mut rest = css;
    while let Some(open) = rest.find(['{', ';']) {
        let prelude = rest[..open].trim();
        if rest[open..].starts_with(';') {
            rest = &rest[open + 1..];
            continue;
        }
        // The block: to its matching brace.
        let mut level = 0usize;
        let mut end = rest.len();
        for (k, c) in rest[open..].char_indices() {
            match c {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        end = open + k;
                        break;
                    }
                }
                _ => {}
            }
        }
        let block = &rest[(open + 1).min(end)..end];
        rest = rest.get(end + 1..).unwrap_or("");
        if let Some(at) = prelude.strip_prefix('@') {
            let (kind, query) = at.split_once(|c: char| c.is_whitespace() || c == '(').unwrap_or((at, ""));
            let applies = match kind.to_ascii_lowercase().as_str() {
                "media" => screen(query),
                "supports" | "layer" | "container" | "scope" | "document" => (true, false),
                _ => (false, false),
            };
            if applies.0 && depth < 8 {
                sheet(block, certain && applies.1, depth + 1, rules, counts, overflow);
            }
            continue;
        }
        let (block, nested) = split_nested(block);
        if !nested.is_empty() && depth < 8 {
            // CSS nesting (`td{ & .s{display:none} }`): each nested rule is read as
            // its own, its selector within the parent's (`:is(td) .s`).
            let parent = prelude.trim();
            let mut inner = String::new();
            for (sub, body) in &nested {
                if sub.starts_with('@') {
                    inner.push_str(&format!("{sub}{{{parent}{{{body}}}}}"));
                    continue;
                }
                let within: Vec<String> =
                    selectors(sub)
                        .into_iter()
                        .map(|n| {
                            if n.contains('&') { n.replace('&', &format!(":is({parent})")) } else { format!(":is({parent}) {n}") }
                        })
                        .collect();
                inner.push_str(&format!("{}{{{body}}}", within.join(",")));
            }
            sheet(&inner, certain, depth + 1, rules, counts, overflow);
        }
        let block = block.as_str();
        let decls = declarations(block);
        // Text a rule puts before or after an element (`td::before { content: "9" }`) is
        // part of what the page shows: digits there leave the element's text unsure.
        let generated = generates_digits(block);
        // A rule that only sizes text (`.note{font-size:9pt}`) is kept for the look of
        // digits beside a number (`look`), within its own bound: past it, left out.
        let sizes_only = decls.display.is_none()
            && decls.visibility.is_none()
            && !decls.obscured
            && !decls.moved
            && !decls.overridden
            && !decls.struck
            && decls.flow == Flow::Inline
            && decls.colour.is_none()
            && decls.background.is_none()
            && !decls.clips
            && !decls.narrow
            && decls.reorders.is_none()
            && !generated;
        if sizes_only && (decls.sized.is_none() || counts.1 >= MAX_SIZING) {
            continue;
        }
        let list = selectors(prelude);
        // A selector a browser may not read drops the whole list: what the others name is unsure.
        let doubtful = list.len() > 1 && !list.iter().all(|s| valid(s));
        for selector in list {
            let (selector, decls) = match (first_part(selector), before_or_after(selector)) {
                (Some(element), _) => match part_of(&decls) {
                    Some(part) => (element, part),
                    None => continue,
                },
                (None, before_or_after) => match before_or_after {
                    Some(element) if generated => (element, Decls { obscured: true, ..Decls::default() }),
                    Some(_) => continue,
                    // `content` on the element itself may replace its text (as Chromium does).
                    None if generated => (selector, Decls { obscured: true, ..decls }),
                    None => (selector, decls),
                },
            };
            let target = match target(selector) {
                Some(Target::Exact(s)) if doubtful => Target::Perhaps(Some(s)),
                Some(t) => t,
                None => continue,
            };
            if !sizes_only && counts.0 >= MAX_RULES {
                *overflow = true;
                return;
            }
            let decls = Decls { sized: decls.sized.map(|_| rules.len() as u32), ..decls };
            rules.push(Rule { target, subject: subject(selector), decls, certain, cost: Cost::of(selector) });
            if sizes_only { counts.1 += 1 } else { counts.0 += 1 }
        }
    }
}

/// A rule's block without the rules nested in it, and those (prelude, block).
fn split_nested(block: &str) -> (String, Vec<(String, String)>) {
    let (mut own, mut nested) = (String::new(), Vec::new());
    let (mut level, mut from, mut open_at) = (0usize, 0usize, 0usize);
    for (k, c) in block.char_indices() {
        match c {
            ';' if level == 0 => {
                own.push_str(&block[from..=k]);
                from = k + 1;
            }
            '{' => {
                if level == 0 {
                    open_at = k;
                }
                level += 1;
            }
            '}' if level > 0 => {
                level -= 1;
                if level == 0 {
                    nested.push((block[from..open_at].trim().to_string(), block[open_at + 1..k].to_string()));
                    from = k + 1;
                }
            }
            _ => {}
        }
    }
    if level == 0 {
        own.push_str(&block[from..]);
    } else if from < open_at {
        nested.push((block[from..open_at].trim().to_string(), block[open_at + 1..].to_string()));
    }
    (own, nested)
}
