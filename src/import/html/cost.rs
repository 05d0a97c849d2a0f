//! The work of matching the page's style rules, bounded by what it really
//! costs, not by how many rule-and-element pairs are tried: a selector with
//! combinators walks the element's ancestors (or earlier siblings) for each
//! test, so a test costs one step per compound and ancestor. Selectors whose
//! one test may cost without bound (`:has(…)` searches a subtree; a very long
//! attribute substring `[title*="…"]` scans long values) are not matched at
//! all: the element they may name is unsure, as for a selector the engine
//! cannot read. Past the bound, matching stops and every element is unsure.

/// What one test of a selector costs, by the element's place in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// Combinators (descendant or child) walked up from the element.
    ancestors: u32,
    /// Whether a test looks at earlier siblings (`+`, `~`, `:nth-child` and the like).
    siblings: bool,
}

/// The longest attribute value a selector may compare by substring and still be matched.
const MAX_OPERAND: usize = 256;

impl Cost {
    /// A selector's cost: its combinators counted anywhere (also inside
    /// `:is(…)`), brackets and quoted strings taken whole.
    pub fn of(selector: &str) -> Cost {
        let (mut cost, mut quote, mut bracket, mut gap) = (Cost::default(), None, false, false);
        let mut seen_compound = false;
        for c in selector.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[') => bracket = true,
                (None, ']') => bracket = false,
                _ if bracket => {}
                (None, c) if c.is_whitespace() || c == '>' => gap = seen_compound,
                (None, '+' | '~') => cost.siblings = true,
                (None, _) => {
                    if gap {
                        cost.ancestors += 1;
                        gap = false;
                    }
                    seen_compound = !matches!(c, '(' | ',');
                }
            }
        }
        let lower = selector.to_ascii_lowercase();
        cost.siblings |= ["nth-", "-child", "-of-type"].iter().any(|p| lower.contains(p));
        cost
    }

    /// The work of one test on an element `depth` deep, the `index`th child of its parent.
    pub fn at(self, depth: u64, index: u64) -> u64 {
        1 + u64::from(self.ancestors) * depth + if self.siblings { index } else { 0 }
    }
}

/// Whether one test of the selector may cost without bound: not matched, its
/// element perhaps named.
pub fn unbounded(selector: &str) -> bool {
    let lower = selector.to_ascii_lowercase();
    lower.contains(":has(") || operands(selector).any(|len| len > MAX_OPERAND)
}

/// The lengths of the values in a selector's attribute conditions (`[a*="…"]`).
fn operands(selector: &str) -> impl Iterator<Item = usize> + '_ {
    selector.split('[').skip(1).map(|rest| rest.find(']').unwrap_or(rest.len()))
}

/// The work done so far and the bound on it.
#[derive(Debug)]
pub struct Work {
    pub done: u64,
    pub bound: u64,
}

impl Work {
    pub fn spent(&self) -> bool {
        self.done > self.bound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selector_costs_by_its_combinators_and_sibling_tests() {
        assert_eq!(Cost::of("td.n").at(200, 50), 1);
        assert_eq!(Cost::of("div  >  .a span").at(10, 50), 21);
        assert_eq!(Cost::of("[title=\"a b > c\"]").at(10, 0), 1);
        assert_eq!(Cost::of(":is(td) .s").at(10, 3), 11);
        assert_eq!(Cost::of("li:nth-child(2n+1)").at(10, 7), 8);
        assert_eq!(Cost::of("p + p").at(10, 7), 18);
        assert!(unbounded("div:HAS(span)"));
        assert!(unbounded(&format!("[title*=\"{}\"]", "a".repeat(300))));
        assert!(!unbounded("[title*=\"abc\"] span"));
    }
}

#[cfg(test)]
mod bounded {
    use super::Work;
    use crate::import::html::css::Sheet;
    use crate::import::html::visibility::{Seen, view_within};
    use scraper::{ElementRef, Html};

    fn spans(doc: &Html) -> impl Iterator<Item = ElementRef<'_>> {
        doc.tree.root().descendants().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "span")
    }

    /// Few rules and elements, but each test walks a deep chain of ancestors:
    /// the work is counted as done, and past the bound every span is unsure.
    #[test]
    fn the_bound_counts_the_work_inside_each_test_not_the_pairs() {
        let rules: String = (0..10).map(|i| format!("div div div div .c{i} span{{display:none}}\n")).collect();
        let page = format!("<style>{rules}</style>{}{}{}", "<div>".repeat(60), "<span>7</span>".repeat(20), "</div>".repeat(60));
        let doc = Html::parse_document(&page);
        // 200 pairs, each walking some 60 ancestors: spent by the fourth span.
        let view = view_within(&doc, 10_000);
        assert!(spans(&doc).skip(3).all(|s| view.of(s.id()).text == Seen::Unsure));
        let view = view_within(&doc, 10_000_000);
        assert!(spans(&doc).all(|s| view.of(s.id()).text == Seen::Shown));
    }

    /// Once the rules overflow or the work is spent, nothing more is matched.
    #[test]
    fn no_matching_is_done_past_the_bound() {
        let many: String = (0..=crate::import::html::css::MAX_RULES).map(|i| format!("span.c{i} {{display:none}}")).collect();
        let doc = Html::parse_document(&format!("<style>{many}</style><p><span class=c1>1</span></p>"));
        let sheet = Sheet::of(&doc);
        let mut work = Work { done: 0, bound: u64::MAX };
        for s in spans(&doc) {
            assert!(sheet.hits(&s, (3, 0), &mut work).is_empty());
        }
        assert_eq!(work.done, 0);
        let doc = Html::parse_document("<style>div span{display:none}</style><div><span>1</span><span>2</span></div>");
        let (sheet, mut work) = (Sheet::of(&doc), Work { done: 0, bound: 3 });
        let done: Vec<u64> = spans(&doc)
            .map(|s| {
                sheet.hits(&s, (4, 0), &mut work);
                work.done
            })
            .collect();
        assert_eq!(done, [5, 5]);
    }

    /// `:has(…)` and long attribute substrings are not matched: what they may
    /// name is unsure, never decided by a search without bound.
    #[test]
    fn selectors_whose_one_test_is_unbounded_leave_their_element_unsure() {
        let long = "a".repeat(300);
        for css in ["div:has(span){display:none}".to_string(), format!("div[title*=\"{long}\"]{{display:none}}")] {
            let doc = Html::parse_document(&format!("<style>{css}</style><div title=\"{long}\"><span>1</span></div>"));
            let view = view_within(&doc, u64::MAX);
            assert!(spans(&doc).all(|s| view.of(s.id()).there == Seen::Unsure), "{css}");
        }
    }
}
