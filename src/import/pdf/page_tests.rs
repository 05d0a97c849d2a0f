//! A page's strings placed and painted (`pdf/page.rs`).

use lopdf::Document;

use crate::import::pdf::from_bytes;

/// A one-page PDF drawing `content` (font /F1 is Helvetica).
fn one_page(content: &str) -> Vec<u8> {
    use crate::import::pdf::test_pdf;
    let mut doc = Document::with_version("1.4");
    test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
    test_pdf::saved(doc)
}

#[test]
fn digits_apart_by_a_drawn_space_read_as_drawn() {
    // LibreOffice justifying 「0571-8888 6000」: the space drawn, widened by -951 on each side.
    let content = "BT /F1 12 Tf 50 720 Td (Annual report of the county office) Tj ET \
        BT /F1 12 Tf 50 700 Td [(0571-888) (8) -951 ( ) -951 (6) (000)] TJ ET";
    let text = from_bytes(&one_page(content)).unwrap().text;
    assert!(text.contains("0571-8888") && text.contains("6000"), "{text:?}");
    assert!(!text.contains(crate::import::stream::UNSURE_CELL), "{text:?}");
}

#[test]
fn text_that_paints_nothing_or_only_white_is_not_read() {
    let content = "BT /F1 12 Tf 50 700 Td (Annual report of the county office) Tj ET \
        BT /F1 12 Tf 50 650 Td 3 Tr (OCRLAYER) Tj ET \
        q 1 1 1 rg BT /F1 12 Tf 50 600 Td (WHITEFILL) Tj ET Q \
        q 0 0 0 0 k BT /F1 12 Tf 50 580 Td (WHITECMYK) Tj ET Q \
        q 1 G 1 Tr BT /F1 12 Tf 50 560 Td (WHITESTROKE) Tj ET Q \
        BT /F1 12 Tf 50 550 Td 7 Tr (CLIPONLY) Tj 0 Tr 0 -20 Td (Shown again) Tj ET \
        0.2 g BT /F1 12 Tf 50 500 Td (Gray text) Tj ET";
    let text = from_bytes(&one_page(content)).unwrap().text;
    assert!(text.contains("Annual report") && text.contains("Shown again") && text.contains("Gray text"), "{text}");
    for hidden in ["OCRLAYER", "WHITEFILL", "WHITECMYK", "WHITESTROKE", "CLIPONLY"] {
        assert!(!text.contains(hidden), "{hidden} read: {text}");
    }
}
