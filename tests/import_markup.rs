//! What a page does not show is not read, and a mark beside a number is not
//! part of it: nianbao's own web page and Word export with one cell dressed
//! as agencies' pages and files dress them (hidden text, struck-out text,
//! footnote marks, Word's alternative content and placeholders). The cell
//! reads what a reader sees, or is unread — never a number made of hidden text.

use std::path::{Path, PathBuf};

use nianbao::import::{Imported, import_file};
use nianbao::model::check::CellRef;

/// The cell dressed: 表三「（二）部分公开」「自然人」, a value found nowhere else.
const VALUE: i64 = 4321;
const CELL: (usize, usize) = (3, 0);

fn report() -> nianbao::model::Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/qingshan-2024.json");
    let mut r = nianbao::model::file::load(&path).unwrap();
    r.applications[CELL.0][CELL.1] = Some(VALUE);
    r
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-import-markup-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn exported(format: nianbao::export::Format) -> Vec<u8> {
    nianbao::export::export(&report(), format, nianbao::fonts::FontSet::bundled()).unwrap().bytes
}

fn cell(imported: &Imported) -> (Option<i64>, bool) {
    let r = &imported.report;
    (r.applications[CELL.0][CELL.1], r.unread_at(CellRef::applications(CELL.0, CELL.1)).is_some())
}

/// The page with the cell's text replaced by `cell` and `head` added to its head.
fn page(head: &str, cell: &str) -> String {
    let html = String::from_utf8(exported(nianbao::export::Format::Html)).unwrap();
    let plain = format!(">{VALUE}<");
    assert_eq!(html.matches(&plain).count(), 1, "the value is in one cell");
    html.replacen(&plain, &format!(">{cell}<"), 1).replacen("</head>", &format!("{head}</head>"), 1)
}

fn import_page(dir: &Path, name: &str, html: &str) -> Imported {
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, html).unwrap();
    import_file(&path).unwrap()
}

#[test]
fn hidden_and_struck_out_text_in_a_web_page_is_not_read() {
    let dir = scratch("hidden");
    let v = VALUE;
    let cases: &[(&str, &str, String)] = &[
        ("display", "", format!(r#"<span style="display: none !important">9</span>{v}"#)),
        ("visibility", "", format!(r#"<span style="visibility:hidden">9</span>{v}"#)),
        ("attribute", "", format!("<span hidden>9</span>{v}")),
        ("aria", "", format!(r#"<span aria-hidden="true">9</span>{v}"#)),
        ("template", "", format!("<template>9</template>{v}<script>1</script><noscript>2</noscript><style>p{{}}</style>")),
        ("class", "<style>/* site */ .hide { color: red; display:none }</style>", format!(r#"<span class="hide">9</span>{v}"#)),
        ("id", "<style>#n9{visibility:collapse}</style>", format!(r#"<span id="n9">9</span>{v}"#)),
        ("selector", "<style>td > span.a:first-child{display:none}</style>", format!(r#"<span class="a">9</span>{v}"#)),
        ("print-only", "<style>@media print{.p{display:none}}</style>", format!(r#"<span class="p">{v}</span>"#)),
        ("shown-again", "", format!(r#"<span style="visibility:hidden">9<b style="visibility:visible">{v}</b></span>"#)),
        ("del", "", format!("<del>99</del>{v}")),
        ("s", "", format!("<s>9</s>{v}<strike>1</strike>")),
        ("line-through", "", format!(r#"<span style="text-decoration: line-through">9</span>{v}"#)),
    ];
    for (name, head, cell_html) in cases {
        let imported = import_page(&dir, name, &page(head, cell_html));
        assert_eq!(cell(&imported), (Some(v), false), "{name}: {:?}", imported.review_lines());
    }
    // The page's own style beats its sheet: shown, so read as shown.
    let shown = page("<style>.hide{display:none}</style>", &format!(r#"<span class="hide" style="display:inline">9</span>{v}"#));
    assert_eq!(cell(&import_page(&dir, "inline-wins", &shown)), (Some(9 * 10_000 + v), false));
}

#[test]
fn a_text_field_in_a_cell_is_read_as_the_value_it_shows() {
    let dir = scratch("input");
    let v = VALUE;
    let shown = import_page(&dir, "field", &page("", &format!(r#"<input value="{v}">"#)));
    assert_eq!(cell(&shown), (Some(v), false));
    // A hidden field shows nothing: the cell is blank, as the page is.
    let hidden = import_page(&dir, "hidden", &page("", &format!(r#"<input type="hidden" value="{v}">"#)));
    assert_eq!(cell(&hidden).0, None);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_hidden_copy_of_a_row_or_table_is_not_read() {
    let dir = scratch("rows");
    let html = page("", &VALUE.to_string());
    let at = html.find(&format!(">{VALUE}<")).unwrap();
    let start = html[..at].rfind("<tr").unwrap();
    let end = html[at..].find("</tr>").unwrap() + at + "</tr>".len();
    let row = &html[start..end];
    let copy = row.replacen("<tr", r#"<tr style="display:none""#, 1).replace(&VALUE.to_string(), "9999");
    let imported = import_page(&dir, "row", &format!("{}{copy}{}", &html[..start], &html[start..]));
    assert_eq!(cell(&imported), (Some(VALUE), false));
    let copy = row.replacen("<tr", "<tr hidden", 1).replace(&VALUE.to_string(), "9999");
    let imported = import_page(&dir, "row-after", &format!("{}{copy}{}", &html[..end], &html[end..]));
    assert_eq!(cell(&imported), (Some(VALUE), false));
    // Table 三 again before it, in a hidden block, with other numbers.
    let t_start = html[..at].rfind("<table").unwrap();
    let t_end = html[at..].find("</table>").unwrap() + at + "</table>".len();
    let table = html[t_start..t_end].replace(&format!(">{VALUE}<"), ">9999<");
    let hidden = format!(r#"{}<div class="old">{table}</div>{}"#, &html[..t_start], &html[t_start..]);
    let imported = import_page(&dir, "table", &hidden.replacen("</head>", "<style>div.old{display:none}</style></head>", 1));
    assert_eq!(cell(&imported), (Some(VALUE), false));
    assert!(imported.report.unread.is_empty(), "{:?}", imported.review_lines());
}

#[test]
fn text_whose_showing_the_page_leaves_open_makes_its_cell_unread() {
    let dir = scratch("unsure");
    let v = VALUE;
    let cases = [
        ("media", "<style>@media (max-width: 600px) { .m { display: none } }</style>", format!(r#"<span class="m">9</span>{v}"#)),
        (
            "unreadable-selector",
            "<style>span.q:nth-last-kind(2){display:none}</style>",
            format!(r#"<span class="q">9</span>{v}"#),
        ),
        ("disagreeing", "<style>.a{display:none}.b{display:inline}</style>", format!(r#"<span class="a b">9</span>{v}"#)),
        (
            "after",
            "<style>@media screen and (min-width:900px){.m{visibility:hidden}}</style>",
            format!(r#"{v}<span class="m">9</span>"#),
        ),
    ];
    for (name, head, cell_html) in cases {
        let imported = import_page(&dir, name, &page(head, &cell_html));
        let (value, unread) = cell(&imported);
        assert!(value.is_none() && unread, "{name}: {value:?}");
    }
    // Such a rule on what holds no number changes nothing.
    let imported = import_page(&dir, "elsewhere", &page("<style>@media (max-width:600px){.m{display:none}}</style>", "4321"));
    assert_eq!(cell(&imported), (Some(v), false));
}

#[test]
fn a_footnote_mark_beside_a_number_in_a_web_page_is_a_note() {
    let dir = scratch("sup");
    for (name, mark) in [
        ("sup", "<sup>2</sup>"),
        ("sub", "<sub>1</sub>"),
        ("styled", r#"<span style="vertical-align: super">3</span>"#),
        ("sup-star", "<sup>*1</sup>"),
    ] {
        let imported = import_page(&dir, name, &page("", &format!("{VALUE}{mark}")));
        assert_eq!(cell(&imported), (Some(VALUE), false), "{name}");
        assert!(imported.review_lines().iter().any(|l| l.contains("标")), "{name}: {:?}", imported.review_lines());
    }
    // Before the number: unread, not 24321.
    let imported = import_page(&dir, "before", &page("", &format!("<sup>2</sup>{VALUE}")));
    let (value, unread) = cell(&imported);
    assert!(value.is_none() && unread, "{value:?}");
}

/// The Word file with the cell's run replaced by `runs` and `styles` added to its styles.
fn word(dir: &Path, name: &str, styles: &str, runs: &str) -> Imported {
    let bytes = exported(nianbao::export::Format::Docx);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let path = dir.join(format!("{name}.docx"));
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let part = f.name().to_string();
        w.start_file(part.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        let mut xml = String::new();
        if part == "word/document.xml" {
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
            let value = format!(">{VALUE}</w:t></w:r>");
            assert_eq!(xml.matches(&value).count(), 1, "the value is in one run");
            let at = xml.find(&value).unwrap();
            let start = xml[..at].rfind("<w:r>").unwrap();
            let end = at + value.len();
            xml = format!("{}{runs}{}", &xml[..start], &xml[end..]);
        } else if part == "word/styles.xml" {
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
            xml = xml.replacen("</w:styles>", &format!("{styles}</w:styles>"), 1);
        } else {
            std::io::copy(&mut f, &mut w).unwrap();
            continue;
        }
        std::io::Write::write_all(&mut w, xml.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    import_file(&path).unwrap()
}

fn run(props: &str, text: &str) -> String {
    format!("<w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r>")
}

const MC: &str = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

#[test]
fn hidden_deleted_and_doubled_text_in_a_word_file_is_not_read() {
    let dir = scratch("word");
    let v = VALUE.to_string();
    let hidden_style = r#"<w:style w:type="character" w:styleId="Base"><w:rPr><w:vanish/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Gone"><w:basedOn w:val="Base"/></w:style>"#;
    let text_box = |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
    let cases: Vec<(&str, &str, String)> = vec![
        ("vanish", "", run("<w:vanish/>", "9") + &run("", &v)),
        ("style", hidden_style, run(r#"<w:rStyle w:val="Gone"/>"#, "9") + &run("", &v)),
        (
            "alternate",
            "",
            format!(
                "<mc:AlternateContent {MC}><mc:Choice Requires=\"w14\">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>",
                run("", &v),
                run("", &v)
            ),
        ),
        (
            "text-box",
            "",
            format!(
                "<w:r><mc:AlternateContent {MC}><mc:Choice Requires=\"wps\"><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">{}</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>",
                text_box(&v),
                text_box(&v)
            ),
        ),
        (
            "control",
            "",
            format!("<w:sdt><w:sdtPr><w:alias w:val=\"数\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>", run("", &v)),
        ),
    ];
    for (name, styles, runs) in &cases {
        let imported = word(&dir, name, styles, runs);
        assert_eq!(cell(&imported), (Some(VALUE), false), "{name}: {:?}", imported.review_lines());
    }
    // A number with tracked changes not yet accepted: unread, the final text among its readings.
    let deleted = format!("<w:del>{}</w:del><w:moveFrom>{}</w:moveFrom>{}", run("", "9"), run("", "8"), run("", &v));
    let imported = word(&dir, "deleted", "", &deleted);
    assert_eq!(cell(&imported), (None, true), "deleted");
    let unread = imported.report.unread_at(CellRef::applications(CELL.0, CELL.1)).unwrap();
    assert!(unread.candidates.contains(&VALUE.to_string()), "{:?}", unread.candidates);
    // Shown again by direct formatting: read as shown.
    let imported =
        word(&dir, "shown", hidden_style, &(run(r#"<w:rStyle w:val="Gone"/><w:vanish w:val="false"/>"#, "9") + &run("", &v)));
    assert_eq!(cell(&imported), (Some(9 * 10_000 + VALUE), false));
    // Hidden only in Word's web view (w:webHidden): printed, so read.
    let imported = word(&dir, "webHidden", "", &(run("<w:webHidden/>", "9") + &run("", &v)));
    assert_eq!(cell(&imported), (Some(9 * 10_000 + VALUE), false));
    // A content control still showing its placeholder holds no value: blank, as the template's empty cell.
    let placeholder =
        format!("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>", run("", "0"));
    let imported = word(&dir, "placeholder", "", &placeholder);
    assert_eq!(cell(&imported), (None, false), "{:?}", imported.review_lines());
}

#[test]
fn a_footnote_mark_beside_a_number_in_a_word_file_is_a_note() {
    let dir = scratch("word-marks");
    let v = VALUE.to_string();
    let mark_style =
        r#"<w:style w:type="character" w:styleId="Note"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>"#;
    for (name, styles, runs) in [
        (
            "superscript",
            "",
            run("", &v) + &run(r#"<w:vertAlign w:val="superscript"/>"#, "1") + &run(r#"<w:vertAlign w:val="superscript"/>"#, "2"),
        ),
        ("subscript", "", run("", &v) + &run(r#"<w:vertAlign w:val="subscript"/>"#, "3")),
        ("style", mark_style, run("", &v) + &run(r#"<w:rStyle w:val="Note"/>"#, "4")),
    ] {
        let imported = word(&dir, name, styles, &runs);
        assert_eq!(cell(&imported), (Some(VALUE), false), "{name}");
        assert!(imported.review_lines().iter().any(|l| l.contains("标")), "{name}: {:?}", imported.review_lines());
    }
    // Back to the baseline by direct formatting: a digit of the number.
    let runs = run("", "432") + &run(r#"<w:rStyle w:val="Note"/><w:vertAlign w:val="baseline"/>"#, "1");
    assert_eq!(cell(&word(&dir, "baseline", mark_style, &runs)), (Some(VALUE), false));
}

/// Digits a page lays out apart in a cell (a block-level box or rule, a float,
/// flex or grid items, an inline box set apart by margin, padding or as an
/// inline block) are never joined into one number: the cell is unread.
#[test]
fn digits_the_page_lays_out_apart_in_a_cell_are_never_one_number() {
    let dir = scratch("apart");
    let cases = [
        ("hr", "", "432<hr>1"),
        ("block", "", r#"432<span style="display:block">1</span>"#),
        ("class-block", "<style>.b{display:block}</style>", r#"432<em class="b">1</em>"#),
        ("float", "", r#"432<span style="float:right">1</span>"#),
        ("grid", "", r#"<div style="display:grid"><span>432</span><span>1</span></div>"#),
        ("flex", "", r#"<div style="display:flex;gap:20px"><span>432</span><span>1</span></div>"#),
        ("margin", "", r#"432<span style="margin-left:3em">1</span>"#),
        ("padding", "", r#"432<span style="padding-left:40px">1</span>"#),
        ("class-padding", "<style>.p{padding:0 9px}</style>", r#"432<span class="p">1</span>"#),
        (
            "inline-block",
            "",
            r#"<span style="display:inline-block;width:40px">432</span><span style="display:inline-block">1</span>"#,
        ),
    ];
    for (name, head, cell_html) in cases {
        let imported = import_page(&dir, name, &page(head, cell_html));
        let (value, unread) = cell(&imported);
        assert!(value.is_none() && unread, "{name}: {value:?}");
    }
    // Layout that sets nothing apart changes nothing.
    for (name, cell_html) in [
        ("inline", r#"<span style="display:inline;margin-top:4px">43</span>21"#),
        ("whole-block", r#"<div style="display:block;padding:3px">4321</div>"#),
    ] {
        let imported = import_page(&dir, name, &page("", cell_html));
        assert_eq!(cell(&imported), (Some(VALUE), false), "{name}");
    }
}

/// The `font` shorthand sizes text as `font-size` does: text it makes
/// sizeless is unsure, and a digit it sets smaller beside a number is perhaps
/// a mark; either way the cell is unread, never 94321 or 43211.
#[test]
fn the_font_shorthand_is_read_as_a_size() {
    let dir = scratch("font");
    let v = VALUE;
    let cases = [
        ("zero", "", format!(r#"<span style="font:0/0 a">9</span>{v}"#)),
        ("mark", "", format!(r#"{v}<span style="font:9px serif">1</span>"#)),
        ("class-mark", "<style>.fn{font:italic 8px/1 serif}</style>", format!(r#"{v}<span class="fn">1</span>"#)),
    ];
    for (name, head, cell_html) in cases {
        let imported = import_page(&dir, name, &page(head, &cell_html));
        let (value, unread) = cell(&imported);
        assert!(value.is_none() && unread, "{name}: {value:?}");
    }
}

/// Only the style a browser applies decides: not a `<style>` of another
/// type or inside a `<template>`; values read with their escapes
/// (`no\ne` is `none`); a rule whose selector list a browser may drop whole
/// (one selector in it unknown) leaves what it names unsure.
#[test]
fn only_the_style_a_browser_applies_decides() {
    let dir = scratch("applied");
    let v = VALUE;
    for (name, head, cell_html) in [
        ("type", r#"<style type="text/foo">.k{display:none}</style>"#, r#"43<span class="k">21</span>"#.to_string()),
        ("template", "<template><style>.k{display:none}</style></template>", r#"43<span class="k">21</span>"#.to_string()),
        ("escape", "", format!(r#"<span style="display:no\ne">9</span>{v}"#)),
    ] {
        let imported = import_page(&dir, name, &page(head, &cell_html));
        assert_eq!(cell(&imported), (Some(v), false), "{name}");
    }
    let imported = import_page(
        &dir,
        "list",
        &page("<style>.k, ::bogus-el{display:none}</style>", &format!(r#"<span class="k">9</span>{v}"#)),
    );
    let (value, unread) = cell(&imported);
    assert!(value.is_none() && unread, "{value:?}");
}
