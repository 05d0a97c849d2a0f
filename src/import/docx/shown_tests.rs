//! What Word shows in a cell otherwise than its text is written: each case
//! is a cell where Word shows 10 (or 132) and something beside it the reader
//! must leave out, mark, or leave the cell unread for — never read silently.

use super::formatting_tests::{cell, docx, run};
use super::{W, from_bytes};
use crate::import::stream::UNSURE_SHOWN;

/// Whether the cell is written unsure (the row reader leaves it unread).
fn unsure(line: &str) -> bool {
    line.starts_with(&format!("\t{UNSURE_SHOWN}"))
}

#[test]
fn a_symbol_font_character_is_unsure_a_plain_one_is_read() {
    // Symbol's F031 draws 「1」, Wingdings' a folder: which digit, if any, is the font's.
    for font in ["Symbol", "Wingdings"] {
        let runs = format!(r#"<w:r><w:sym w:font="{font}" w:char="F031"/></w:r>{}"#, run("", "0"));
        let line = cell(&runs, "", "");
        assert!(unsure(&line), "{font}: {line:?}");
    }
    // A plain code in a symbol font is that font's glyph too (Wingdings' 0031 is a folder).
    let coded = format!(r#"<w:r><w:sym w:font="Wingdings" w:char="0031"/></w:r>{}"#, run("", "0"));
    assert!(unsure(&cell(&coded, "", "")));
    let plain = format!(r#"<w:r><w:sym w:font="Arial" w:char="0031"/></w:r>{}"#, run("", "0"));
    assert_eq!(cell(&plain, "", ""), "\t10\n");
}

#[test]
fn only_the_outermost_fields_result_shows() {
    let fld = |kind: &str| format!(r#"<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>"#);
    let instr = |t: &str| format!(r#"<w:r><w:instrText xml:space="preserve">{t}</w:instrText></w:r>"#);
    // { = { SEQ x } + 3 } with stored results 7 (inner, part of the instructions) and 10.
    let runs = [fld("begin"), instr(" = "), fld("begin"), instr(" SEQ x "), fld("separate"), run("", "7"), fld("end")].concat()
        + &[instr(" + 3 "), fld("separate"), run("", "10"), fld("end")].concat();
    assert_eq!(cell(&runs, "", ""), "\t10\n");
    // A field inside another's result shows its own result.
    let inside = [fld("begin"), instr(" IF "), fld("separate"), fld("begin"), instr(" SEQ "), fld("separate")].concat()
        + &run("", "10")
        + &fld("end")
        + &fld("end");
    assert_eq!(cell(&inside, "", ""), "\t10\n");
}

#[test]
fn ruby_text_is_its_base_and_a_text_box_in_a_cell_is_unsure() {
    let ruby = r#"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>5</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>10</w:t></w:r></w:rubyBase></w:ruby></w:r>"#;
    assert_eq!(cell(ruby, "", ""), "\t10\n");
    let boxed =
        run("", "10") + r#"<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>5</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"#;
    assert!(unsure(&cell(&boxed, "", "")), "{}", cell(&boxed, "", ""));
    let drawing =
        run("", "10") + r#"<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>5</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>"#;
    assert!(unsure(&cell(&drawing, "", "")));
}

#[test]
fn text_too_near_its_background_too_small_narrow_or_squeezed_is_unsure() {
    for props in [
        r#"<w:color w:val="000000"/><w:shd w:val="clear" w:fill="000000"/>"#,
        r#"<w:color w:val="000000"/><w:highlight w:val="black"/>"#,
        r#"<w:color w:val="auto" w:themeColor="background1"/>"#,
        r#"<w:color w:val="FEFEFE"/>"#,
        r#"<w:color w:val="102030"/><w:shd w:val="solid" w:color="102030"/>"#,
        r#"<w:w w:val="1"/>"#,
        r#"<w:spacing w:val="-400"/>"#,
        r#"<w:sz w:val="3"/>"#,
        r#"<w:sz w:val="3"/><w:sz w:val="32"/>"#,
    ] {
        let line = cell(&(run("", "10") + &run(props, "7")), "", "");
        assert!(unsure(&line), "{props}: {line:?}");
    }
    // Told apart: read.
    for props in
        [r#"<w:color w:val="FF0000"/>"#, r#"<w:color w:val="000000" w:themeColor="text1"/>"#, r#"<w:spacing w:val="-10"/>"#]
    {
        assert_eq!(cell(&(run("", "10") + &run(props, "7")), "", ""), "\t107\n", "{props}");
    }
}

#[test]
fn a_smaller_or_raised_run_or_a_footnote_mark_after_digits_is_not_glued() {
    for props in [r#"<w:sz w:val="10"/>"#, r#"<w:sz w:val="14"/>"#, r#"<w:position w:val="6"/>"#] {
        let line = cell(&(run("", "10") + &run(props, "1")), "", "");
        assert!(unsure(&line), "{props}: {line:?}");
    }
    let custom = run("", "10") + r#"<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>1</w:t></w:r>"#;
    assert_eq!(cell(&custom, "", ""), "\t10（上标：1）\n");
}

#[test]
fn reversed_numbered_and_hyphenated_numbers_are_not_read_as_plain() {
    for wrap in ["bdo", "dir"] {
        let line = cell(&format!(r#"<w:{wrap} w:val="rtl">{}</w:{wrap}>"#, run("", "31")), "", "");
        assert!(unsure(&line), "{wrap}: {line:?}");
    }
    let hyphen = r#"<w:r><w:t>1</w:t><w:noBreakHyphen/><w:t>0</w:t></w:r>"#;
    assert_eq!(cell(hyphen, "", ""), "\t1\u{2011}0\n");
    // A numbered paragraph: Word writes its list number before the 0.
    let document = |ppr: &str| {
        format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr><w:tc><w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
        )
    };
    let numbered = document(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>"#);
    assert!(unsure(&from_bytes(&docx(&numbered, "<w:styles/>")).unwrap().text));
    let by_style = document(r#"<w:pStyle w:val="L"/>"#);
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    assert!(unsure(&from_bytes(&docx(&by_style, &styles)).unwrap().text));
    let unnumbered = document(r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#);
    assert_eq!(from_bytes(&docx(&unnumbered, "<w:styles/>")).unwrap().text, "\t0\n");
}

#[test]
fn a_table_styles_formatting_applies_and_of_some_parts_is_unsure() {
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblPr><w:tblStyle w:val="TS"/><w:tblLook w:lastColumn="1"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>10</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let styles =
        |inside: &str| format!(r#"<w:styles xmlns:w="{W}"><w:style w:type="table" w:styleId="TS">{inside}</w:style></w:styles>"#);
    let read = |inside: &str| from_bytes(&docx(&document, &styles(inside))).unwrap().text;
    assert!(unsure(&read(r#"<w:tblStylePr w:type="lastCol"><w:rPr><w:vanish/></w:rPr></w:tblStylePr>"#)));
    assert!(unsure(&read(
        r#"<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:fill="000000"/></w:tcPr></w:tblStylePr>"#
    )));
    assert_eq!(read(r#"<w:rPr><w:color w:val="FFFFFF"/></w:rPr>"#), "\t\n", "white on white paper: not shown");
    assert_eq!(read(r#"<w:rPr><w:vanish/></w:rPr>"#), "\t\n");
    // Formatting the reader does not judge (bold rows) leaves the table read.
    assert_eq!(read(r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr>"#), "\t10\n");
}
