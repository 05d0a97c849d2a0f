//! The page's own style blocks as a browser takes them: which `<style>`
//! elements apply, on what screens, their text without comments, and the
//! classes and ids they name.

use scraper::{ElementRef, Html};

/// The style blocks the browser applies: `<style>` of CSS (no `type`, or
/// `text/css`), not inside a `<template>` (whose content is inert).
pub fn applied(doc: &Html) -> Vec<ElementRef<'_>> {
    let (mut out, mut inert) = (Vec::new(), 0usize);
    for edge in doc.tree.root().traverse() {
        let (ego_tree::iter::Edge::Open(node) | ego_tree::iter::Edge::Close(node)) = edge;
        let Some(e) = ElementRef::wrap(node) else { continue };
        let template = e.value().name() == "template";
        match edge {
            ego_tree::iter::Edge::Open(_) if template => inert += 1,
            ego_tree::iter::Edge::Close(_) if template => inert -= 1,
            ego_tree::iter::Edge::Open(_) if inert == 0 && e.value().name() == "style" => {
                let ty = e.value().attr("type").map(|t| t.trim().to_ascii_lowercase());
                if matches!(ty.as_deref(), None | Some("" | "text/css")) {
                    out.push(e);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every `.class` and `#id` a style text names.
pub fn names(css: &str) -> impl Iterator<Item = String> + '_ {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_');
    css.match_indices(['.', '#']).filter_map(move |(at, m)| {
        let name: String = css[at + 1..].chars().take_while(|&c| word(c)).collect();
        (!name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit())).then(|| format!("{m}{name}"))
    })
}

/// Whether a media query applies on a screen at all, and whether surely.
pub fn screen(query: &str) -> (bool, bool) {
    let q = query.trim().to_ascii_lowercase();
    let q = q.strip_prefix("only ").unwrap_or(&q).trim();
    match q {
        "" | "all" | "screen" => (true, true),
        "print" | "speech" => (false, false),
        _ => (true, false),
    }
}

/// A style text without its comments, as a browser's tokenizer reads it: a
/// comment parts the words on its two sides (`dis/**/play` is no `display`,
/// `1/**/0px` no `10px`) and is nothing elsewhere (`display:/*c*/none` is
/// `display:none`); quoted text keeps its `/*`. Also where a comment is left
/// open, if one is (all after it is then no style, which a page hardly means: unsure).
/// Every style text read (`<style>` blocks and `style` attributes) goes
/// through here before its declarations are read.
pub fn strip_comments(css: &str) -> (String, Option<usize>) {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '\\' | '.' | '%') || !c.is_ascii();
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    let mut quote: Option<char> = None;
    loop {
        let Some((at, c)) = rest.char_indices().find(|&(k, c)| match quote {
            Some(q) => c == q,
            None => matches!(c, '"' | '\'') || rest[k..].starts_with("/*"),
        }) else {
            out.push_str(rest);
            return (out, None);
        };
        if c != '/' {
            // A quote opens or closes.
            quote = if quote.is_some() { None } else { Some(c) };
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let Some(end) = rest[at + 2..].find("*/") else { return (out, Some(css.len() - rest.len() + at)) };
        rest = &rest[at + 2 + end + 2..];
        if out.chars().next_back().is_some_and(word) && rest.chars().next().is_some_and(word) {
            out.push(' ');
        }
    }
}

/// The declarations of a style attribute or a rule's block, comments out
/// ([`strip_comments`]), each (name, value) as written; and whether a comment
/// is left open.
pub fn declaration_list(block: &str) -> (Vec<(String, String)>, bool) {
    let (text, open) = strip_comments(block);
    let list =
        text.split(';').filter_map(|d| d.split_once(':')).map(|(n, v)| (n.trim().to_string(), v.trim().to_string())).collect();
    (list, open.is_some())
}

#[cfg(test)]
mod tests {
    use super::super::test_page::read_cell;

    /// A comment inside a declaration is nothing to a browser
    /// (`display:/*c*/none` hides), wherever the style is written; a comment
    /// left open leaves the cell unsure; quoted `/*` is text.
    #[test]
    fn comments_inside_declarations_are_read_as_a_browser_does() {
        let hidden = Ok("10".to_string());
        assert_eq!(read_cell("", r#"10<span style="display:/*c*/none">7</span>"#), hidden);
        assert_eq!(read_cell(".h{display:/*c*/none}", r#"10<span class=h>7</span>"#), hidden);
        assert_eq!(read_cell("", r#"10<span style="visibility:/**/hidden">7</span>"#), hidden);
        assert_eq!(read_cell("", r#"10<span style="dis/**/play:none">7</span>"#), Ok("107".to_string()));
        assert!(read_cell("", r#"10<span style="color:red;/*display:none">7</span>"#).is_err());
        assert!(read_cell("", r#"10<span style="margin-left:/**/3em">7</span>"#).is_err());
        assert!(read_cell("", r#"10<span style="font-size:/**/0">7</span>"#).is_err());
        assert_eq!(super::strip_comments("a{content:'/*'}b/**/c").0, "a{content:'/*'}b c");
        assert_eq!(super::strip_comments("a/* open").1, Some(1));
    }
}
