//! Markup whose showing Word decides by rules of its own: alternative content
//! (which choice), theme colours (not `w:val`), absolute tabs, formulas and
//! fields Word updates on opening.
//! Each case is a cell where Word shows 10 or 107.

use super::formatting_tests::{cell, run};
use crate::import::stream::UNSURE_SHOWN;

const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

fn unsure(line: &str) -> bool {
    line.starts_with(&format!("\t{UNSURE_SHOWN}"))
}

/// `mc:AlternateContent` with these `Requires` choices (each its own number) and a fallback of 10.
fn alternatives(choices: &[(&str, &str)]) -> String {
    let choices: String = choices
        .iter()
        .map(|(requires, text)| format!(r#"<mc:Choice Requires="{requires}">{}</mc:Choice>"#, run("", text)))
        .collect();
    format!(
        r#"<mc:AlternateContent xmlns:mc="{MC}" xmlns:zz="http://example.com/unknown" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{choices}<mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"#,
        run("", "10")
    )
}

#[test]
fn a_choice_requiring_what_word_does_not_understand_is_skipped() {
    // An unknown namespace, or a prefix not declared at all: Word takes the fallback.
    assert_eq!(cell(&alternatives(&[("zz", "99")]), "", ""), "\t10\n");
    assert_eq!(cell(&alternatives(&[("undeclared", "99")]), "", ""), "\t10\n");
    // …or the next choice it understands; one needing both kinds is skipped.
    assert_eq!(cell(&alternatives(&[("zz", "99"), ("w14", "10"), ("wps", "88")]), "", ""), "\t10\n");
    assert_eq!(cell(&alternatives(&[("wps zz", "99")]), "", ""), "\t10\n");
    // The first understood choice is read, not the fallback.
    assert_eq!(cell(&alternatives(&[("wps", "107")]), "", ""), "\t107\n");
}

#[test]
fn a_theme_colour_decides_not_the_cached_value() {
    // Word shows the theme's colour: a dark text colour is seen, whatever w:val says.
    for theme in ["text1", "dark1", "dark2", "tx1"] {
        let runs = run("", "10") + &run(&format!(r#"<w:color w:val="FFFFFF" w:themeColor="{theme}"/>"#), "7");
        assert_eq!(cell(&runs, "", ""), "\t107\n", "{theme}");
    }
    // Any other theme colour is what theme1.xml makes it: unsure either way.
    for (theme, val) in [("accent1", "FFFFFF"), ("background1", "000000"), ("light1", "FFFFFF")] {
        let runs = run("", "10") + &run(&format!(r#"<w:color w:val="{val}" w:themeColor="{theme}"/>"#), "7");
        assert!(unsure(&cell(&runs, "", "")), "{theme} {val}");
    }
    // Without a theme colour the value is the colour: white on white is not seen.
    assert_eq!(cell(&(run("", "10") + &run(r#"<w:color w:val="FFFFFF"/>"#, "7")), "", ""), "\t10\n");
}

#[test]
fn an_absolute_tab_separates_like_a_tab() {
    for tab in ["<w:tab/>", r#"<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>"#] {
        let runs = format!("<w:r><w:t>10</w:t>{tab}<w:t>7</w:t></w:r>");
        assert_ne!(cell(&runs, "", ""), "\t107\n", "{tab}");
        assert!(cell(&runs, "", "").contains("10 7"), "{tab}");
    }
}

#[test]
fn a_formula_in_a_cell_is_unsure_with_its_text() {
    let math = |inner: &str| {
        format!(r#"<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">{inner}</m:oMath>"#)
    };
    let mt = |t: &str| format!("<m:r><m:t>{t}</m:t></m:r>");
    // 「1」 then a formula 「0」: not 1, not 10.
    let line = cell(&(run("", "1") + &math(&mt("0"))), "", "");
    assert!(unsure(&line) && line.contains('0'), "{line:?}");
    // A fraction ½ before 10.
    let half = math(&format!("<m:f><m:num>{}</m:num><m:den>{}</m:den></m:f>", mt("1"), mt("2")));
    assert!(unsure(&cell(&(half + &run("", "10")), "", "")));
    // A cell holding only a formula is not a plain blank.
    let only = cell(&math(&mt("10")), "", "");
    assert!(unsure(&only) && only.contains("10"), "{only:?}");
    let para = format!(
        r#"<m:oMathPara xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">{}</m:oMathPara>"#,
        math(&mt("10")).replace(r#" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#, "")
    );
    assert!(unsure(&cell(&para, "", "")));
}

#[test]
fn the_result_of_a_field_word_updates_on_opening_is_unsure() {
    // 「= 3+4」 marked dirty: Word works it out again (7) when it opens the file; 10 is only the last result.
    let field = |dirty: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"{dirty}/></w:r><w:r><w:instrText> = 3+4 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run("", "10")
        )
    };
    assert!(unsure(&cell(&field(r#" w:dirty="true""#), "", "")));
    let simple = format!(r#"<w:fldSimple w:instr=" = 3+4 " w:dirty="1">{}</w:fldSimple>"#, run("", "10"));
    assert!(unsure(&cell(&simple, "", "")));
    // A field not marked shows its last result.
    assert_eq!(cell(&field(""), "", ""), "\t10\n");
}
