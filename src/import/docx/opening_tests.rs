//! Cells whose text Word works out when it opens or lays out the file, not
//! as written: a content control bound to data, text fitted into a width, a
//! page number, a field never ended. Each cell holds 10 (or 7 beside it);
//! what Word shows is not certain, so the cell is unsure, never a number read
//! silently and never a blank.

use super::formatting_tests::{cell, docx, run};
use super::{W, from_bytes};
use crate::import::stream::UNSURE_SHOWN;

fn unsure(line: &str) -> bool {
    line.starts_with(&format!("\t{UNSURE_SHOWN}"))
}

const BINDING: &str = r#"<w:sdtPr><w:dataBinding w:xpath="/root[1]/v[1]" w:storeItemID="{11111111-1111-1111-1111-111111111111}"/><w:text/></w:sdtPr>"#;

#[test]
fn a_content_control_bound_to_data_is_unsure_with_its_cached_text() {
    // Word shows the bound value (7 in customXml) on opening, not the cached 10.
    let inline = format!("<w:sdt>{BINDING}<w:sdtContent>{}</w:sdtContent></w:sdt>", run("", "10"));
    let line = cell(&inline, "", "");
    assert!(unsure(&line) && line.contains("10"), "{line:?}");
    // Around the cell's paragraph (a block-level control) too.
    let block = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr><w:tc><w:sdt>{BINDING}<w:sdtContent><w:p>{}</w:p></w:sdtContent></w:sdt></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        run("", "10")
    );
    let line = from_bytes(&docx(&block, &format!(r#"<w:styles xmlns:w="{W}"/>"#))).unwrap().text;
    assert!(unsure(&line) && line.contains("10"), "{line:?}");
    // A control bound to nothing shows its own text.
    let free = format!("<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>", run("", "10"));
    assert_eq!(cell(&free, "", ""), "\t10\n");
}

#[test]
fn text_fitted_into_too_narrow_a_width_is_unsure() {
    // 7 at 10.5 pt fitted into 10 twips (half a point): squeezed past reading.
    let squeezed = run(r#"<w:sz w:val="21"/>"#, "10") + &run(r#"<w:fitText w:val="10" w:id="5"/><w:sz w:val="21"/>"#, "7");
    assert!(unsure(&cell(&squeezed, "", "")), "{:?}", cell(&squeezed, "", ""));
    // Runs fitted together are measured together: 「107」 into 60 twips.
    let group = run(r#"<w:fitText w:val="60" w:id="6"/><w:sz w:val="21"/>"#, "10")
        + &run(r#"<w:fitText w:val="60" w:id="6"/><w:sz w:val="21"/>"#, "7");
    assert!(unsure(&cell(&group, "", "")));
    // Fitted into a width it nearly takes anyway: shown as it is.
    let roomy = run(r#"<w:fitText w:val="300" w:id="7"/><w:sz w:val="21"/>"#, "107");
    assert_eq!(cell(&roomy, "", ""), "\t107\n");
}

#[test]
fn a_page_number_in_a_cell_is_unsure() {
    assert!(unsure(&cell("<w:r><w:pgNum/></w:r>", "", "")));
}

#[test]
fn a_field_never_ended_leaves_the_text_after_it_unsure() {
    // Begun, its instructions 「= 7」, never separated or ended, then 10.
    let unended = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 7 </w:instrText></w:r>"#.to_string()
        + &run("", "10");
    let line = cell(&unended, "", "");
    assert!(unsure(&line) && line.contains("10"), "{line:?}");
    // A field nested in another's instructions, both ended: only the outer result shows.
    let field = |instr: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>{instr}<w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run("", result)
        )
    };
    let nested = field(&field("<w:r><w:instrText>PAGE</w:instrText></w:r>", "5"), "10");
    assert_eq!(cell(&nested, "", ""), "\t10\n");
}
