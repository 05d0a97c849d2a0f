//! Text Word does not show as part of a value, by formatting: each case is a
//! table cell where Word shows 132 and a run beside it the reader must skip,
//! mark as a note, or leave the cell unread for — never glue into the number.

use super::{W, from_bytes};
use std::io::Write;

pub(super) fn docx(document: &str, styles: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(document.as_bytes()).unwrap();
    z.start_file("word/styles.xml", o).unwrap();
    z.write_all(styles.as_bytes()).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

/// The line a one-cell table of these runs becomes.
pub(super) fn cell(runs: &str, defaults: &str, styles: &str) -> String {
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr><w:tc><w:p>{runs}</w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{defaults}<w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>{styles}</w:styles>"#
    );
    from_bytes(&docx(&document, &styles)).unwrap().text
}

pub(super) fn run(props: &str, text: &str) -> String {
    format!("<w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r>")
}

fn chain(levels: usize) -> String {
    let mut s = r#"<w:style w:type="character" w:styleId="S0"><w:rPr><w:vanish/></w:rPr></w:style>"#.to_string();
    for k in 1..levels {
        s += &format!(r#"<w:style w:type="character" w:styleId="S{k}"><w:basedOn w:val="S{}"/></w:style>"#, k - 1);
    }
    s
}

#[test]
fn struck_out_text_is_not_read_directly_or_by_a_style() {
    let style = r#"<w:style w:type="character" w:styleId="St"><w:rPr><w:strike/></w:rPr></w:style>"#;
    for (props, styles) in [("<w:strike/>", ""), ("<w:dstrike/>", ""), (r#"<w:rStyle w:val="St"/>"#, style)] {
        assert_eq!(cell(&(run(props, "9") + &run("", "132")), "", styles), "\t132\n", "{props}");
    }
    // Struck out by the style, put back by direct formatting: shown.
    let back = run(r#"<w:rStyle w:val="St"/><w:strike w:val="0"/>"#, "9") + &run("", "132");
    assert_eq!(cell(&back, "", style), "\t9132\n");
}

#[test]
fn hidden_by_the_document_defaults_or_a_paragraph_style_is_not_read() {
    let runs = run("", "9") + &run(r#"<w:vanish w:val="0"/>"#, "132");
    assert_eq!(cell(&runs, "<w:vanish/>", ""), "\t132\n");
    let hidden_normal = r#"<w:style w:type="paragraph" w:default="1" w:styleId="N"><w:rPr><w:vanish/></w:rPr></w:style>"#;
    assert_eq!(cell(&runs, "", hidden_normal), "\t132\n");
}

#[test]
fn white_on_white_and_tiny_text_is_not_read() {
    assert_eq!(cell(&(run(r#"<w:color w:val="FFFFFF"/>"#, "9") + &run("", "132")), "", ""), "\t132\n");
    assert_eq!(cell(&(run(r#"<w:sz w:val="1"/>"#, "9") + &run("", "132")), "", ""), "\t132\n");
    assert_eq!(cell(&(run(r#"<w:sz w:val="2"/>"#, "9") + &run("", "132")), "", ""), "\t132\n");
    // White on a dark shading is seen.
    let shaded = run(r#"<w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="000000"/>"#, "9") + &run("", "132");
    assert_eq!(cell(&shaded, "", ""), "\t9132\n");
}

#[test]
fn a_smaller_run_raised_or_lowered_beside_a_number_is_a_mark() {
    let raised = run("", "132") + &run(r#"<w:position w:val="6"/><w:sz w:val="12"/>"#, "1");
    assert_eq!(cell(&raised, "", ""), "\t132（上标：1）\n");
    let lowered = run("", "132") + &run(r#"<w:position w:val="-4"/><w:sz w:val="12"/>"#, "1");
    assert_eq!(cell(&lowered, "", ""), "\t132（下标：1）\n");
    // Raised at the same size (a baseline adjustment): the number itself.
    assert_eq!(cell(&run(r#"<w:position w:val="2"/>"#, "132"), "", ""), "\t132\n");
}

#[test]
fn a_style_chain_longer_than_is_followed_leaves_its_run_unsure() {
    // S7 ← … ← S0 (hidden): 8 styles, followed to the end.
    assert_eq!(cell(&(run(r#"<w:rStyle w:val="S7"/>"#, "9") + &run("", "132")), "", &chain(8)), "\t132\n");
    // S8 ← … ← S0: the hiding style lies beyond: neither shown nor hidden.
    let unsure = cell(&(run(r#"<w:rStyle w:val="S8"/>"#, "9") + &run("", "132")), "", &chain(9));
    let marker = crate::import::stream::UNSURE_SHOWN;
    assert_eq!(unsure, format!("\t{marker}9132 132\n"), "unread as the row reader takes it, with both readings");
    // Direct formatting decides.
    let shown = cell(&(run(r#"<w:rStyle w:val="S8"/><w:vanish w:val="0"/>"#, "9") + &run("", "132")), "", &chain(9));
    assert_eq!(shown, "\t9132\n");
}

#[test]
fn complex_script_text_is_as_small_as_its_complex_script_size() {
    // `w:cs` or `w:rtl` on: Word sizes the run by `w:szCs`, 1 pt here: not seen.
    for cs in ["<w:cs/>", "<w:rtl/>", r#"<w:rtl w:val="0"/><w:cs/>"#] {
        let tiny = run(&format!(r#"{cs}<w:sz w:val="21"/><w:szCs w:val="2"/>"#), "7") + &run("", "10");
        assert_eq!(cell(&tiny, "", ""), "\t10\n", "{cs}");
    }
    // Turned off, `w:sz` applies; on, a tiny `w:sz` does not hide it.
    let off = run(r#"<w:cs w:val="0"/><w:sz w:val="21"/><w:szCs w:val="2"/>"#, "7") + &run("", "10");
    assert_eq!(cell(&off, "", ""), "\t710\n");
    let big_cs = run(r#"<w:cs/><w:sz w:val="2"/><w:szCs w:val="21"/>"#, "7") + &run("", "10");
    assert_eq!(cell(&big_cs, "", ""), "\t710\n");
    // Left to the characters (`w:hint="cs"`): which size applies is not certain.
    let hinted = run(r#"<w:rFonts w:hint="cs"/><w:sz w:val="21"/><w:szCs w:val="2"/>"#, "7") + &run("", "10");
    let marker = crate::import::stream::UNSURE_SHOWN;
    assert!(cell(&hinted, "", "").starts_with(&format!("\t{marker}")), "{}", cell(&hinted, "", ""));
}
