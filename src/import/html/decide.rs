//! How the rules naming an element, its own style and the `hidden` attribute
//! together decide one property (`display`, `visibility`), and when they
//! leave it unsure.

use super::css::{Decl, Decls, Effect};
use super::visibility::Seen;

/// One property's outcome: `None` when nothing sets it (inherited or shown).
/// `!important` rules beat the element's own style, which beats other
/// rules, which beat the `hidden` attribute; rules that disagree, or an unsure
/// rule that would change the outcome, make it unsure.
pub fn decide(sheet: &[(Decls, bool)], own: Decl, get: fn(&Decls) -> Decl, fallback: Option<Effect>) -> Option<Seen> {
    let certain = |important: bool| -> Vec<Effect> {
        sheet.iter().filter(|(_, c)| *c).filter_map(|(d, _)| get(d)).filter(|(_, i)| *i == important).map(|(e, _)| e).collect()
    };
    let agree = |effects: Vec<Effect>| -> Option<Result<Effect, ()>> {
        let first = *effects.first()?;
        Some(if effects.iter().all(|e| *e == first) { Ok(first) } else { Err(()) })
    };
    let outcome =
        agree(certain(true)).or_else(|| own.map(|(e, _)| Ok(e))).or_else(|| agree(certain(false))).or_else(|| fallback.map(Ok));
    let Some(outcome) = outcome else {
        return unsure_change(sheet, get, Effect::Show).then_some(Seen::Unsure);
    };
    match outcome {
        Err(()) => Some(Seen::Unsure),
        Ok(e) if unsure_change(sheet, get, e) => Some(Seen::Unsure),
        Ok(Effect::Hide) => Some(Seen::Hidden),
        Ok(Effect::Show) => Some(Seen::Shown),
    }
}

fn unsure_change(sheet: &[(Decls, bool)], get: fn(&Decls) -> Decl, outcome: Effect) -> bool {
    sheet.iter().filter(|(_, c)| !*c).filter_map(|(d, _)| get(d)).any(|(e, _)| e != outcome)
}
