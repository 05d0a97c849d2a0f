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

pub fn strip_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].find("*/").map_or("", |end| &rest[at + 2 + end + 2..]);
    }
    out.push_str(rest);
    out
}
