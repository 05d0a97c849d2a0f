//! What a style rule's selector names: the selector engine's reading of it,
//! or, for a selector the engine cannot read, a wider one it can (the parts it
//! cannot read left out), so that one rule the engine does not know (`:lang(x)`)
//! makes unsure only the elements it may name, not the whole page.

use scraper::Selector;

pub enum Target {
    Exact(Box<Selector>),
    /// Perhaps any element with the rule's subject that the wider selector
    /// (if one could be read) matches.
    Perhaps(Option<Box<Selector>>),
}

/// What a selector names; `None` for one that never names an element as a
/// page is read (a pseudo-element, a state such as `:hover`).
/// The element of a `::before`/`::after` selector (`td.n::before` → `td.n`).
pub fn before_or_after(selector: &str) -> Option<&str> {
    let lower = selector.to_ascii_lowercase();
    let at = ["::before", "::after", ":before", ":after"].iter().find_map(|p| lower.strip_suffix(p).map(|base| base.len()))?;
    Some(element_of(&selector[..at]))
}

/// The element of a `::first-letter`/`::first-line` selector (also the old
/// one-colon syntax): `td.n::first-letter` → `td.n`.
pub fn first_part(selector: &str) -> Option<&str> {
    let lower = selector.to_ascii_lowercase();
    let parts = ["::first-letter", "::first-line", ":first-letter", ":first-line"];
    let at = parts.iter().find_map(|p| lower.trim_end().strip_suffix(p).map(|base| base.len()))?;
    Some(element_of(&selector[..at]))
}

/// The element a pseudo-element's selector names, or one whose text holds it:
/// every element when it names none (`::before`, `p + ::before`); the parent
/// for a child or descendant (`td > ::before` → `td`).
fn element_of(base: &str) -> &str {
    let base = base.trim();
    let parent = base.trim_end_matches(|c: char| c.is_whitespace() || c == '>').trim_end();
    if parent.is_empty() || parent.ends_with(['+', '~', ',']) { "*" } else { parent }
}

pub fn target(selector: &str) -> Option<Target> {
    let lower = selector.to_ascii_lowercase();
    const NEVER: [&str; 12] = [
        "::",
        ":before",
        ":after",
        ":first-line",
        ":first-letter",
        ":hover",
        ":focus",
        ":active",
        ":target",
        ":checked",
        ":visited",
        ":placeholder",
    ];
    if NEVER.iter().any(|p| lower.contains(p)) {
        return None;
    }
    if super::cost::unbounded(selector) {
        return Some(Target::Perhaps(None));
    }
    Some(match Selector::parse(selector) {
        Ok(s) => Target::Exact(Box::new(s)),
        Err(_) => Target::Perhaps(wider(selector).map(Box::new)),
    })
}

/// Whether a browser surely reads the selector: the engine reads it, or it
/// names only a pseudo-element or state every browser knows. One selector not
/// so read in a list (`.k, ::bogus{…}`) perhaps drops the whole rule.
pub fn valid(selector: &str) -> bool {
    const KNOWN: [&str; 9] = [
        "before",
        "after",
        "first-line",
        "first-letter",
        "placeholder",
        "selection",
        "marker",
        "backdrop",
        "file-selector-button",
    ];
    let lower = selector.to_ascii_lowercase();
    let elements_known = lower.split("::").skip(1).all(|p| {
        let name: String = p.chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
        KNOWN.contains(&name.as_str())
    });
    match target(selector) {
        Some(Target::Exact(_)) => true,
        Some(Target::Perhaps(_)) => false,
        None => elements_known,
    }
}

/// A selector naming every element `selector` may name: each pseudo-class the
/// engine cannot read left out (`:lang(x)` read as an element with, or within
/// one with, a `lang` starting so); `None` when even that cannot be read.
fn wider(selector: &str) -> Option<Selector> {
    let mut out = String::new();
    let mut rest = selector;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(after.len());
        let mut end = name_len;
        if after[name_len..].starts_with('(') {
            let mut level = 0usize;
            for (k, c) in after[name_len..].char_indices() {
                match c {
                    '(' => level += 1,
                    ')' => {
                        level = level.saturating_sub(1);
                        if level == 0 {
                            end = name_len + k + 1;
                            break;
                        }
                    }
                    _ => {}
                }
                end = after.len();
            }
        }
        let pseudo = &rest[at..at + 1 + end];
        let name = after[..name_len].to_ascii_lowercase();
        let args = after[name_len..end].trim_start_matches('(').trim_end_matches(')').trim();
        let compound_start = out.is_empty() || out.ends_with([' ', '>', '+', '~', '(', ',']);
        if name == "lang" && !args.is_empty() && !args.contains(['"', '\'', '\\', ',']) {
            out.push_str(&format!(":is([lang|=\"{args}\" i], [lang|=\"{args}\" i] *)"));
        } else if Selector::parse(&format!("*{pseudo}")).is_ok() {
            out.push_str(pseudo);
        } else if compound_start {
            out.push('*');
        }
        rest = &rest[at + 1 + end..];
    }
    out.push_str(rest);
    Selector::parse(out.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(selector: &str, page: &str) -> bool {
        let doc = scraper::Html::parse_document(page);
        let t1 = doc.select(&Selector::parse("#t1").unwrap()).next().unwrap();
        match target(selector) {
            Some(Target::Exact(s)) => s.matches(&t1),
            Some(Target::Perhaps(Some(w))) => w.matches(&t1),
            Some(Target::Perhaps(None)) => true,
            None => false,
        }
    }

    /// A rule the engine cannot read names only what its readable parts allow.
    #[test]
    fn a_selector_the_engine_cannot_read_names_only_what_it_may() {
        let page = r#"<html lang="zh-CN"><body><p><span id=t1 lang=x class=k>7</span></p><div id=t2>10</div></body></html>"#;
        assert!(names(":lang(x)", page));
        assert!(names("p :lang(x)", page));
        assert!(names("span.k:dir(rtl)", page));
        assert!(!names("div:dir(rtl)", page));
        assert!(!names(":lang(en)", page));
        assert!(!names("div:nonsense(1)", page));
        assert!(names(
            ":is(td,th) :where(.k), p .k",
            &page.replace("<p>", "<table><tr><td>").replace("</p>", "</td></tr></table>")
        ));
    }
}
