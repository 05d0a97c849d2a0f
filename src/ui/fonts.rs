//! The bundled fonts in egui, with the same faces and fallback chains as the PDF.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::fonts::{FaceId, FontSet, Role};

/// The family of editable report text: the body chain (仿宋 first), as printed.
pub fn body_family() -> FontFamily {
    FontFamily::Name("body".into())
}

/// The family that draws exactly one face of the font set (the preview uses it).
pub fn face_family(face: FaceId) -> FontFamily {
    FontFamily::Name(format!("face{face}").into())
}

/// Installs the faces of `set`: the UI in 黑体, report text in 仿宋, each with
/// the fallbacks, then egui's own fonts for symbols. First loads every face (egui
/// takes new fonts only from the next frame on, so a fallback loaded late would
/// show one frame of boxes, and loading one later would cost that frame). Returns which faces egui now has; call again when
/// `set.generation()` grows (the preview loads the title and heading faces):
/// [`refresh`] does that.
pub fn install(ctx: &egui::Context, set: &FontSet) -> Vec<bool> {
    // Every face: the preview and the first export then load none on the UI thread
    // (each is mapped from the font cache and checked: a few milliseconds in all).
    let needed: Vec<FaceId> = (0..set.len()).collect();
    std::thread::scope(|s| {
        for half in needed.chunks(needed.len().div_ceil(2)) {
            s.spawn(move || {
                for &id in half {
                    set.face(id);
                }
            });
        }
    });
    let mut defs = FontDefinitions::default();
    let builtin_proportional = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    let mut installed = vec![false; set.len()];
    for (id, face) in set.loaded_faces() {
        let mut data = FontData::from_static(face.data);
        data.index = face.index;
        defs.font_data.insert(face_key(id), Arc::new(data));
        defs.families.insert(face_family(id), vec![face_key(id)]);
        installed[id] = true;
    }
    let chain = |role: Role| -> Vec<String> {
        let mut names: Vec<String> = set.chain(role).iter().filter(|&&id| installed[id]).map(|&id| face_key(id)).collect();
        names.extend(builtin_proportional.iter().cloned());
        names
    };
    defs.families.insert(FontFamily::Proportional, chain(Role::Heading));
    defs.families.insert(body_family(), chain(Role::Body));
    let mut mono = chain(Role::Heading);
    mono.extend(defs.families.get(&FontFamily::Monospace).cloned().unwrap_or_default());
    defs.families.insert(FontFamily::Monospace, mono);
    ctx.set_fonts(defs);
    let generation = set.generation();
    ctx.data_mut(|d| d.insert_temp(egui::Id::NULL, Installed { set: set as *const FontSet as usize, generation }));
    installed
}

/// What this egui context was given by [`install`]: which set, as of which
/// generation. Kept in the context, not in a global, so
/// two apps in one process (the tests) never see each other's fonts.
#[derive(Clone, Default)]
struct Installed {
    set: usize,
    generation: usize,
}

/// Hands egui the faces of `set` that loaded since the last [`install`] into this
/// context (or all of them, when `set` is another set). Returns true when it did:
/// egui takes them from the next frame on.
pub fn refresh(ctx: &egui::Context, set: &FontSet) -> bool {
    let current = ctx.data(|d| d.get_temp::<Installed>(egui::Id::NULL)).unwrap_or_default();
    if current.set == set as *const FontSet as usize && current.generation == set.generation() {
        return false;
    }
    install(ctx, set);
    true
}

fn face_key(id: FaceId) -> String {
    format!("nianbao-face-{id}")
}

/// A character named as messages name it (`model::text::char_name`); a visible one
/// also by its code point, because the app's own font cannot draw it either and the
/// reader sees a box: 「😀」（U+1F600）, 「U+200B 零宽空格」.
pub fn named(c: char) -> String {
    let name = crate::model::text::char_name(c);
    if name.starts_with("「U+") { name } else { format!("{name}（U+{:04X}）", c as u32) }
}

/// Characters in `text` that no bundled or installed face can draw.
pub fn undrawable(set: &FontSet, text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !crate::fonts::is_invisible(c) && set.resolve(Role::Body, c).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::named;

    #[test]
    fn names_give_the_code_point_once() {
        assert_eq!(named('😀'), "「😀」（U+1F600）", "a box on screen: the code point tells which");
        assert_eq!(named('\u{200B}'), "「U+200B 零宽空格」", "an invisible one is named by its code point already");
    }
}
