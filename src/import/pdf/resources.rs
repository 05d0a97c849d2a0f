//! The resources content draws with: a page's, and a Form XObject's own.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use super::fonts::Font;

/// The fonts and the resource dictionaries (innermost first) content draws
/// with; a Form XObject's own, then what it is drawn in.
pub(super) struct Resources<'a, 'r> {
    pub fonts: BTreeMap<Vec<u8>, Font<'a>>,
    pub dicts: Vec<&'a Dictionary>,
    pub outer: Option<&'r Resources<'a, 'r>>,
}

impl<'a, 'r> Resources<'a, 'r> {
    pub fn font(&self, name: &[u8]) -> Option<&Font<'a>> {
        self.fonts.get(name).or_else(|| self.outer?.font(name))
    }

    /// The resource `name` of `kind` (/ExtGState, /XObject).
    pub fn get(&self, doc: &'a Document, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        let o = self.entry(doc, kind, name)?;
        Some(doc.dereference(o).map_or(o, |(_, o)| o))
    }

    /// The resource `name` of `kind` as written (a reference stays one:
    /// /Properties name optional-content groups by their objects).
    pub fn entry(&self, doc: &'a Document, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        self.dicts.iter().find_map(|d| {
            let group = d.get(kind).ok()?;
            let group = doc.dereference(group).ok()?.1.as_dict().ok()?;
            group.get(name).ok()
        })
    }

    /// A Form XObject's resources: its own, else (old files) the page's.
    pub fn of_form(&'r self, doc: &'a Document, form: &'a Dictionary) -> Resources<'a, 'r> {
        let own = form.get(b"Resources").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok());
        let Some(own) = own else { return Resources { fonts: BTreeMap::new(), dicts: self.dicts.clone(), outer: Some(self) } };
        let mut fonts = BTreeMap::new();
        let group = own.get(b"Font").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok());
        for (name, font) in group.into_iter().flat_map(|g| g.iter()) {
            if let Ok((_, Object::Dictionary(font))) = doc.dereference(font) {
                fonts.insert(name.clone(), Font::new(doc, font));
            }
        }
        let dicts = std::iter::once(own).chain(self.dicts.iter().copied()).collect();
        Resources { fonts, dicts, outer: Some(self) }
    }
}
