//! Text the page does not show is not read as shown (`pdf/visible.rs`,
//! `pdf/turn.rs`, Form XObjects in `pdf/page.rs`).

use lopdf::{Dictionary, Object, Stream, dictionary};

use super::from_bytes;
use super::test_pdf::{page_with, saved};
use crate::import::stream::UNSURE_SHOWN;

/// A line 「Total 10」 and a 「7」 drawn right after it with `around` (the
/// operators before and after the 7, and `{7}` where it is drawn).
fn with_seven(around: &str) -> String {
    let seven = "BT /F1 12 Tf 1 0 0 1 149 700 Tm (7) Tj ET";
    format!("BT /F1 12 Tf 100 700 Td (Total 10) Tj ET {}", around.replace("{7}", seven))
}

fn read(content: &str, resources: Dictionary, entries: Dictionary) -> String {
    from_bytes(&page_with(
        &format!("BT /F1 12 Tf 50 800 Td (Annual report of the county office 2024) Tj ET {content}"),
        resources,
        entries,
    ))
    .unwrap()
    .text
}

fn states() -> Dictionary {
    let gs = |a: f32| Object::Dictionary(dictionary! { "Type" => "ExtGState", "ca" => a, "CA" => a });
    dictionary! { "ExtGState" => dictionary! { "G0" => gs(0.0), "G1" => gs(0.01), "G5" => gs(0.5),
    "GS" => dictionary! { "BM" => "Screen" } } }
}

#[test]
fn text_the_page_surely_does_not_show_is_not_read() {
    for (why, around) in [
        ("clipped away", "q 0 0 1 1 re W n {7} Q"),
        ("covered by a white fill after it", "{7} q 1 g 148 698 9 12 re f Q"),
        ("horizontal scale 0", "q 0 Tz {7} Q"),
        ("fully transparent", "q /G0 gs {7} Q"),
        ("nearly transparent", "q /G1 gs {7} Q"),
        ("scaled to nothing", "q 0 0 0 0 149 700 cm {7} Q"),
        ("outside the crop box", "q 1 0 0 1 0 -600 cm {7} Q"),
    ] {
        let text =
            read(&with_seven(around), states(), dictionary! { "CropBox" => vec![0.into(), 300.into(), 595.into(), 842.into()] });
        assert!(text.contains("Total 10") && !text.contains('7'), "{why}: {text}");
    }
    for size in ["0", "0.3"] {
        let content = with_seven("{7}").replace("/F1 12 Tf 1 0 0 1 149", &format!("/F1 {size} Tf 1 0 0 1 149"));
        let text = read(&content, states(), dictionary! {});
        assert!(text.contains("Total 10") && !text.contains('7'), "size {size}: {text}");
    }
}

#[test]
fn text_whose_showing_is_not_evaluated_is_unsure() {
    for (why, around) in [
        ("half transparent", "q /G5 gs {7} Q"),
        ("blended", "q /GS gs {7} Q"),
        ("under a clip path that is not a rectangle", "q 100 600 m 200 600 l 200 750 l h W n {7} Q"),
        ("half covered by a white fill", "{7} q 1 g 152 690 20 30 re f Q"),
        ("partly outside the crop box", "q 1 0 0 1 0 -402 cm {7} Q"),
    ] {
        let text =
            read(&with_seven(around), states(), dictionary! { "CropBox" => vec![0.into(), 300.into(), 595.into(), 842.into()] });
        assert!(text.contains(&format!("{UNSURE_SHOWN}7")), "{why}: {text}");
        assert!(!text.contains("107") && !text.contains("Total 107"), "{why}: {text}");
    }
    // Shown: a clip that leaves it, an opaque state, a fill before it.
    let shown = "q 0 0 595 842 re W n q /G5 gs Q 1 g 149 690 11 25 re f 0 g {7} Q";
    let text = read(&with_seven(shown), states(), dictionary! {});
    assert!(text.contains("Total 107") || text.contains("Total 10\t7") || text.contains("Total 10 7"), "{text}");
    assert!(!text.contains(UNSURE_SHOWN), "{text}");
}

#[test]
fn text_in_a_clip_drawn_tight_around_it_is_shown() {
    // WPS clips each text frame to its line, a hair inside the glyphs' advance.
    let text = read(&with_seven("q 149.05 699.5 6.6 9 re W n {7} Q"), states(), dictionary! {});
    assert!(!text.contains(UNSURE_SHOWN) && text.contains('7'), "{text}");
}

#[test]
fn digits_are_read_in_the_order_the_page_shows_them() {
    // Tc -12 puts each glyph of 「31」 a half character left of the last:
    // the page shows 「13」. Mirrored (Tz -100) the digits are unsure.
    let text = read(
        "BT /F1 12 Tf 300 700 Td -12 Tc (31) Tj 0 Tc ET BT /F1 12 Tf 100 700 Td (Total) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    assert!(text.contains("13") && !text.contains("31"), "{text}");
    let text = read(
        "BT /F1 12 Tf 300 700 Td -100 Tz (01) Tj 100 Tz ET BT /F1 12 Tf 100 700 Td (Total) Tj ET",
        dictionary! {},
        dictionary! {},
    );
    assert!(text.contains(&format!("{UNSURE_SHOWN}01")), "{text}");
}

#[test]
fn a_number_partly_drawn_off_the_page_is_unsure() {
    // 「127」 with its 「27」 kerned far off the page: the 「1」 shown may be part of a number.
    let text = read("BT /F1 12 Tf 100 700 Td (Total) Tj 200 0 Td [(1) -30000 (27)] TJ ET", dictionary! {}, dictionary! {});
    assert!(text.contains(&format!("{UNSURE_SHOWN}1")) && !text.contains("27"), "{text}");
}

/// A Form XObject drawing `content`, with `matrix`.
fn form(content: &str, matrix: [f32; 6]) -> Object {
    let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form",
    "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    "Matrix" => matrix.iter().map(|&v| v.into()).collect::<Vec<Object>>() };
    Object::Stream(Stream::new(dict, content.as_bytes().to_vec()))
}

#[test]
fn form_xobjects_are_drawn_with_their_matrix_and_bounded() {
    let mut doc = lopdf::Document::with_version("1.4");
    super::test_pdf::one_page(&mut doc, super::test_pdf::helvetica(), b"q /Fm1 Do Q q /Fm2 Do Q q /Fm3 Do Q");
    let (inner, looped) = (doc.new_object_id(), doc.new_object_id());
    doc.objects
        .insert(inner, form("BT /F1 12 Tf 100 600 Td (Inside a form drawn lower down) Tj ET", [1.0, 0.0, 0.0, 1.0, 0.0, -100.0]));
    // A form drawing itself: drawn a bounded number of times.
    let mut own = form("/Fm3 Do BT /F1 12 Tf 100 400 Td (Again) Tj ET", [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    if let Object::Stream(s) = &mut own {
        s.dict.set("Resources", dictionary! { "XObject" => dictionary! { "Fm3" => looped } });
    }
    doc.objects.insert(looped, own);
    let page = doc.get_pages()[&1];
    let top = doc.add_object(form(
        "BT /F1 12 Tf 100 800 Td (Annual report of the county office 2024) Tj ET",
        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    ));
    let resources = dictionary! { "XObject" => dictionary! { "Fm1" => inner, "Fm2" => top, "Fm3" => looped } };
    if let Ok(Object::Dictionary(r)) = doc.get_dictionary_mut(page).unwrap().get_mut(b"Resources") {
        resources.into_iter().for_each(|(k, v)| r.set(k, v));
    }
    let text = from_bytes(&saved(doc)).unwrap().text;
    let (report, inside) = (text.find("Annual report").unwrap(), text.find("Inside a form drawn lower down").unwrap());
    assert!(report < inside, "{text}");
    assert!(text.matches("Again").count() >= 1 && text.matches("Again").count() <= 9, "{text}");
}

#[test]
fn a_turned_page_is_read_upright() {
    // The content turned a quarter left on a landscape page that /Rotate
    // turns a quarter right: it displays upright.
    let lines = "BT /F1 12 Tf 50 800 Td (Annual report of the county office 2024) Tj 0 -20 Td (Second line of the report) Tj ET \
        BT /F1 12 Tf 50 700 Td (Total) Tj 200 0 Td (10) Tj ET";
    let content = format!("q 0 1 -1 0 842 0 cm {lines} Q");
    let turned = |rotate: i64| {
        dictionary! { "MediaBox" => vec![0.into(), 0.into(), 842.into(), 595.into()], "Rotate" => rotate }
    };
    for rotate in [90, 0] {
        let text = from_bytes(&page_with(&content, dictionary! {}, turned(rotate))).unwrap().text;
        let first = text.find("Annual report of the county office 2024");
        let second = text.find("Second line of the report");
        assert!(first.is_some() && second.is_some() && first < second, "/Rotate {rotate}: {text}");
        assert!(text.lines().any(|l| l.contains("Total") && l.contains("10")), "/Rotate {rotate}: {text}");
    }
}
