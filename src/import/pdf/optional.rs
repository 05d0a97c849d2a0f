//! Optional content (layers): whether content in an optional-content group
//! (`/OC /name BDC`, a Form XObject's or an annotation's /OC) is shown. The
//! document's default configuration (/OCProperties /D) says which groups are
//! on: content in a group it turns off is not shown; content whose showing
//! is not certain (a membership dictionary with a visibility expression, a
//! group whose intent or usage auto-state may change it, a group the
//! document does not list) is unsure, as other text the page may not show.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::visible::Seen;

/// The default state of each optional-content group the document lists.
#[derive(Default)]
pub(super) struct Groups {
    states: BTreeMap<ObjectId, Seen>,
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map_or(o, |(_, o)| o)
}

fn ids(doc: &Document, o: Option<&Object>) -> Vec<ObjectId> {
    match o.map(|o| resolve(doc, o)) {
        Some(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

fn name_is(o: Option<&Object>, doc: &Document, name: &[u8]) -> bool {
    matches!(o.map(|o| resolve(doc, o)), Some(Object::Name(n)) if n == name)
}

/// Whether an /Intent (a name or an array of names) is only /View.
fn viewing(o: Option<&Object>, doc: &Document) -> bool {
    match o.map(|o| resolve(doc, o)) {
        None => true,
        Some(Object::Name(n)) => n == b"View",
        Some(Object::Array(a)) => a.iter().all(|n| matches!(resolve(doc, n), Object::Name(n) if n == b"View")),
        Some(_) => false,
    }
}

impl Groups {
    /// The groups of `doc` and their default states.
    pub fn of(doc: &Document) -> Groups {
        let mut states = BTreeMap::new();
        let properties = doc.catalog().ok().and_then(|c| c.get(b"OCProperties").ok()).map(|o| resolve(doc, o));
        let Some(Object::Dictionary(properties)) = properties else { return Groups { states } };
        let d = properties.get(b"D").ok().map(|o| resolve(doc, o)).and_then(|o| o.as_dict().ok());
        let empty = Dictionary::new();
        let d = d.unwrap_or(&empty);
        let base = if name_is(d.get(b"BaseState").ok(), doc, b"OFF") { Seen::Hidden } else { Seen::Shown };
        // A configuration for another intent than viewing decides nothing certain.
        let intent_viewing = viewing(d.get(b"Intent").ok(), doc);
        for id in ids(doc, properties.get(b"OCGs").ok()) {
            states.insert(id, base);
        }
        for id in ids(doc, d.get(b"ON").ok()) {
            states.insert(id, Seen::Shown);
        }
        for id in ids(doc, d.get(b"OFF").ok()) {
            states.insert(id, Seen::Hidden);
        }
        // Groups whose state a usage application sets automatically (on
        // printing, zooming, …), and groups meant for another intent: unsure.
        let auto: Vec<ObjectId> = match d.get(b"AS").ok().map(|o| resolve(doc, o)) {
            Some(Object::Array(a)) => {
                a.iter().filter_map(|u| resolve(doc, u).as_dict().ok()).flat_map(|u| ids(doc, u.get(b"OCGs").ok())).collect()
            }
            _ => Vec::new(),
        };
        for (id, state) in states.iter_mut() {
            let group = doc.get_dictionary(*id).ok();
            let usage = group.is_some_and(|g| g.has(b"Usage"));
            let intent = group.is_none_or(|g| viewing(g.get(b"Intent").ok(), doc));
            if !intent_viewing || !intent || (usage && auto.contains(id)) {
                *state = Seen::Unsure;
            }
        }
        Groups { states }
    }

    fn group(&self, id: Option<ObjectId>) -> Seen {
        id.and_then(|id| self.states.get(&id).copied()).unwrap_or(Seen::Unsure)
    }

    /// Whether content marked with the optional-content group or membership
    /// dictionary `oc` (as written: a reference or a dictionary) is shown.
    pub fn state(&self, doc: &Document, oc: &Object) -> Seen {
        let Ok(dict) = resolve(doc, oc).as_dict() else { return Seen::Unsure };
        if !name_is(dict.get(b"Type").ok(), doc, b"OCMD") {
            return self.group(oc.as_reference().ok());
        }
        if dict.has(b"VE") {
            return Seen::Unsure;
        }
        let members: Vec<Seen> = match dict.get(b"OCGs").ok() {
            None => return Seen::Shown,
            Some(o) => match resolve(doc, o) {
                Object::Array(a) => a.iter().map(|g| self.group(g.as_reference().ok())).collect(),
                Object::Null => return Seen::Shown,
                _ => vec![self.group(o.as_reference().ok())],
            },
        };
        if members.is_empty() {
            return Seen::Shown;
        }
        let (on, off) = (|s: &Seen| *s == Seen::Shown, |s: &Seen| *s == Seen::Hidden);
        let policy = dict.get(b"P").ok().map(|o| resolve(doc, o));
        let policy = match policy {
            Some(Object::Name(n)) => n.as_slice(),
            _ => b"AnyOn",
        };
        let (shown, hidden) = match policy {
            b"AllOn" => (members.iter().all(on), members.iter().any(off)),
            b"AnyOff" => (members.iter().any(off), members.iter().all(on)),
            b"AllOff" => (members.iter().all(off), members.iter().any(on)),
            _ => (members.iter().any(on), members.iter().all(off)),
        };
        if shown {
            Seen::Shown
        } else if hidden {
            Seen::Hidden
        } else {
            Seen::Unsure
        }
    }
}

/// The less shown of two.
pub(super) fn least(a: Seen, b: Seen) -> Seen {
    match (a, b) {
        (Seen::Hidden, _) | (_, Seen::Hidden) => Seen::Hidden,
        (Seen::Unsure, _) | (_, Seen::Unsure) => Seen::Unsure,
        _ => Seen::Shown,
    }
}

impl<'a> super::page::Interp<'a, '_> {
    /// Whether what is drawn now is shown, as the open optional-content
    /// sequences (and forms) say.
    pub(super) fn optional_shown(&self) -> Seen {
        self.optional.iter().fold(Seen::Shown, |s, o| least(s, *o))
    }

    /// Whether a marked-content sequence (`BDC` operands) shows what it
    /// holds: `/OC` with a group named in the resources' /Properties, or
    /// written inline; any other tag shows it.
    pub(super) fn marked_optional(&self, operands: &[Object], res: &super::resources::Resources<'a, '_>) -> Seen {
        if !matches!(operands.first(), Some(Object::Name(tag)) if tag == b"OC") {
            return Seen::Shown;
        }
        match operands.get(1) {
            Some(Object::Name(name)) => {
                res.entry(self.doc, b"Properties", name).map_or(Seen::Unsure, |oc| self.groups.state(self.doc, oc))
            }
            Some(oc) => self.groups.state(self.doc, oc),
            None => Seen::Unsure,
        }
    }
}
