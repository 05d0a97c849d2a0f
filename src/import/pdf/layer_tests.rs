//! Optional content (`pdf/optional.rs`) and annotations (`pdf/annots.rs`):
//! what they draw is read as the page shows it.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};

use super::from_bytes;
use super::test_pdf::{helvetica, one_page, saved};
use crate::import::stream::UNSURE_SHOWN;

/// A page reading 「Total 10」, then `more` drawn; `setup` adds objects,
/// page resources and catalog entries.
fn read(more: &str, setup: impl FnOnce(&mut Document, ObjectId, ObjectId)) -> String {
    let content = format!(
        "BT /F1 12 Tf 50 800 Td (Annual report of the county office 2024) Tj ET BT /F1 12 Tf 100 700 Td (Total 10) Tj ET {more}"
    );
    let mut doc = Document::with_version("1.5");
    one_page(&mut doc, helvetica(), content.as_bytes());
    let page = doc.get_pages()[&1];
    let catalog = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    setup(&mut doc, page, catalog);
    from_bytes(&saved(doc)).unwrap().text
}

const SEVEN: &str = "BT /F1 12 Tf 1 0 0 1 149 700 Tm (7) Tj ET";

fn set(doc: &mut Document, id: ObjectId, key: &str, value: impl Into<Object>) {
    doc.get_dictionary_mut(id).unwrap().set(key, value);
}

fn resources(doc: &mut Document, page: ObjectId, entries: Dictionary) {
    if let Ok(Object::Dictionary(r)) = doc.get_dictionary_mut(page).unwrap().get_mut(b"Resources") {
        entries.into_iter().for_each(|(k, v)| r.set(k, v));
    }
}

/// Two groups, /On and /Off, and a membership dictionary of each policy,
/// the default configuration `d` (its /ON and /OFF added).
fn layers(doc: &mut Document, page: ObjectId, catalog: ObjectId, mut d: Dictionary) -> (ObjectId, ObjectId) {
    let on = doc.add_object(dictionary! { "Type" => "OCG", "Name" => "on" });
    let off = doc.add_object(dictionary! { "Type" => "OCG", "Name" => "off" });
    let md = |doc: &mut Document, p: &str| {
        doc.add_object(dictionary! { "Type" => "OCMD", "OCGs" => vec![on.into(), off.into()], "P" => p })
    };
    let (any_on, all_on, ve) = (md(doc, "AnyOn"), md(doc, "AllOn"), md(doc, "AnyOn"));
    set(doc, ve, "VE", vec![Object::Name(b"Not".to_vec()), off.into()]);
    if !d.has(b"OFF") {
        d.set("OFF", vec![Object::from(off)]);
    }
    set(doc, catalog, "OCProperties", dictionary! { "OCGs" => vec![on.into(), off.into()], "D" => d });
    resources(
        doc,
        page,
        dictionary! { "Properties" => dictionary! { "On" => on, "Off" => off, "AnyOn" => any_on,
        "AllOn" => all_on, "VE" => ve, "Unlisted" => dictionary! { "Type" => "OCG", "Name" => "x" } } },
    );
    (on, off)
}

#[test]
fn content_in_an_optional_content_group_that_is_off_is_not_read() {
    // Off by the /OFF array, or by /BaseState /OFF; a membership dictionary all of whose groups are off.
    for (why, more, d) in [
        ("group off", format!("/OC /Off BDC {SEVEN} EMC"), dictionary! {}),
        ("all on but one off", format!("/OC /AllOn BDC {SEVEN} EMC"), dictionary! {}),
        ("base state off", format!("/OC /On BDC {SEVEN} EMC"), dictionary! { "BaseState" => "OFF", "OFF" => vec![] }),
    ] {
        let text = read(&more, |doc, page, catalog| {
            layers(doc, page, catalog, d);
        });
        assert!(text.contains("Total 10") && !text.contains('7'), "{why}: {text}");
    }
    // A Form XObject in a group that is off.
    let text = read("/Fm1 Do", |doc, page, catalog| {
        let (_, off) = layers(doc, page, catalog, dictionary! {});
        let form = Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "OC" => off, "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
            SEVEN.as_bytes().to_vec(),
        );
        let form = doc.add_object(form);
        resources(doc, page, dictionary! { "XObject" => dictionary! { "Fm1" => form } });
    });
    assert!(text.contains("Total 10") && !text.contains('7'), "form: {text}");
}

#[test]
fn content_in_a_group_whose_showing_is_not_certain_is_unsure_and_groups_on_are_read() {
    for (why, more, d) in [
        ("visibility expression", format!("/OC /VE BDC {SEVEN} EMC"), dictionary! {}),
        ("group the document does not list", format!("/OC /Unlisted BDC {SEVEN} EMC"), dictionary! {}),
        ("configuration for another intent", format!("/OC /On BDC {SEVEN} EMC"), dictionary! { "Intent" => "Design" }),
    ] {
        let text = read(&more, |doc, page, catalog| {
            layers(doc, page, catalog, d);
        });
        assert!(text.contains(&format!("{UNSURE_SHOWN}7")) && !text.contains("107"), "{why}: {text}");
    }
    // A group a usage auto-state turns on or off on printing.
    let text = read(&format!("/OC /On BDC {SEVEN} EMC"), |doc, page, catalog| {
        let on = layers(doc, page, catalog, dictionary! {}).0;
        set(doc, on, "Usage", dictionary! { "Print" => dictionary! { "PrintState" => "OFF" } });
        let usage =
            dictionary! { "Event" => "Print", "OCGs" => vec![on.into()], "Category" => vec![Object::Name(b"Print".to_vec())] };
        let props = doc.get_dictionary(catalog).unwrap().get(b"OCProperties").unwrap().as_dict().unwrap().clone();
        let mut props = props;
        if let Ok(Object::Dictionary(d)) = props.get_mut(b"D") {
            d.set("AS", vec![Object::Dictionary(usage)]);
        }
        set(doc, catalog, "OCProperties", props);
    });
    assert!(text.contains(&format!("{UNSURE_SHOWN}7")), "auto-state: {text}");
    // On, or any on: read as shown.
    for name in ["On", "AnyOn"] {
        let text = read(&format!("/OC /{name} BDC {SEVEN} EMC"), |doc, page, catalog| {
            layers(doc, page, catalog, dictionary! {});
        });
        assert!(
            !text.contains(UNSURE_SHOWN) && (text.contains("107") || text.contains("10 7") || text.contains("10\t7")),
            "{name}: {text}"
        );
    }
}

/// An annotation of `kind` over where the 7 goes, its appearance drawing
/// `appearance` (none when empty), with more `entries`.
fn annotated(kind: &str, appearance: &str, entries: Dictionary) -> String {
    let appearance = appearance.to_string();
    read("", move |doc, page, _| {
        let mut annot = dictionary! { "Type" => "Annot", "Subtype" => kind, "F" => 4,
        "Rect" => vec![148.into(), 698.into(), 168.into(), 712.into()] };
        if !appearance.is_empty() {
            let helv = doc.add_object(helvetica());
            let form = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 20.into(), 14.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "Helv" => helv } } },
                appearance.into_bytes(),
            );
            annot.set("AP", dictionary! { "N" => doc.add_object(form) });
        }
        entries.into_iter().for_each(|(k, v)| annot.set(k, v));
        let annot = doc.add_object(annot);
        set(doc, page, "Annots", vec![Object::from(annot)]);
    })
}

#[test]
fn what_an_annotations_appearance_draws_is_read_where_it_shows() {
    let seven = "BT /Helv 12 Tf 1 2 Td (7) Tj ET";
    let text = annotated("FreeText", seven, dictionary! { "Contents" => Object::string_literal("7") });
    assert!(!text.contains(UNSURE_SHOWN) && (text.contains("107") || text.contains("10 7") || text.contains("10\t7")), "{text}");
    // Hidden, or not viewed: not read.
    for flags in [6, 36] {
        let text = annotated("FreeText", seven, dictionary! { "F" => flags });
        assert!(text.contains("Total 10") && !text.contains('7'), "flags {flags}: {text}");
    }
    // A note or a field whose value shows with no appearance here: unsure, never a blank.
    let text = annotated("FreeText", "", dictionary! { "Contents" => Object::string_literal("7") });
    assert!(text.contains(&format!("{UNSURE_SHOWN}7")), "no appearance: {text}");
    let text = annotated("Widget", "", dictionary! { "V" => Object::string_literal("7") });
    assert!(text.contains(&format!("{UNSURE_SHOWN}7")), "field: {text}");
}
