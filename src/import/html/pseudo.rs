//! What a rule naming a pseudo-element makes of the element it is in: text
//! it puts before or after (`::before`, `::after`), and what it does to part
//! of the text (`::first-letter`, `::first-line`).

use super::css::{Decl, Decls, Effect};

/// What a rule naming part of an element's text (`::first-letter`) makes of
/// the element: whatever would leave that part unseen or unsure leaves the
/// element's text unsure; its colour and ground are candidates of the
/// element's ([`super::paint`]). `None` when it sets nothing of the kind.
pub fn part_of(decls: &Decls) -> Option<Decls> {
    let hides = |d: Decl| d.is_some_and(|(e, _)| e == Effect::Hide);
    let obscured = decls.obscured
        || decls.moved
        || decls.struck
        || decls.overridden
        || hides(decls.display)
        || hides(decls.visibility)
        || decls.clips && decls.narrow;
    let part = Decls { part: true, obscured, colour: decls.colour, background: decls.background, ..Decls::default() };
    (part != Decls { part: true, ..Decls::default() }).then_some(part)
}

/// Whether a block's `content` makes digits: a digit written in it (CSS escapes such
/// as `\201C` are characters, not digits) or a counter.
pub fn generates_digits(block: &str) -> bool {
    super::styles::declaration_list(block).0.into_iter().filter(|(n, _)| n.eq_ignore_ascii_case("content")).any(|(_, v)| {
        let v = v.to_ascii_lowercase();
        let mut chars = v.chars();
        let mut digit = v.contains("counter(") || v.contains("counters(");
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.by_ref().take_while(|c| c.is_ascii_hexdigit()).for_each(drop);
            } else {
                digit |= c.is_ascii_digit() || ('０'..='９').contains(&c);
            }
        }
        digit
    })
}
