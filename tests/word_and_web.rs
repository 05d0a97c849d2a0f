//! Word and web exports: the merges and every label, read back from the files.

use std::io::Read;
use std::path::Path;

use nianbao::export::{docx, html};
use nianbao::model::template::{APPLICANT_COLUMNS, APPLICATION_NOTE, PART_HEADINGS, RESULTS, REVIEW_GROUPS, REVIEW_OUTCOMES};
use nianbao::model::{Report, TemplateId, file};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn example(name: &str) -> Report {
    file::load(Path::new(&format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR")))).unwrap()
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Every official label of the report's format.
fn labels(r: &Report) -> Vec<String> {
    let tpl = r.template.get();
    let mut out: Vec<String> = PART_HEADINGS.iter().map(|s| s.to_string()).collect();
    for (block, row) in tpl.disclosure_rows() {
        out.push(block.caption.into());
        out.push(row.label.into());
        out.extend(block.columns.iter().map(|c| c.label.to_string()));
    }
    out.extend(tpl.applications.iter().map(|r| r.short_label().to_string()));
    out.extend(APPLICANT_COLUMNS.iter().chain(&REVIEW_GROUPS).chain(&REVIEW_OUTCOMES).map(|s| s.to_string()));
    out.push(APPLICATION_NOTE.into());
    out
}

#[test]
fn word_tables_have_the_official_merges_and_labels() {
    for (name, results_rows) in [("qingshan-2024.json", 22), ("zhoucun-2023.json", 20)] {
        let r = example(name);
        let bytes = docx::to_docx(&r).unwrap();
        let xml = unzip(&bytes, "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let text_of = |n: roxmltree::Node| {
            n.descendants().filter(|d| d.has_tag_name((W, "t"))).filter_map(|d| d.text()).collect::<String>()
        };
        let tables: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
        assert_eq!(tables.len(), 3, "tables 二, 三, 四");
        // Every label is in the document.
        let all = text_of(doc.root());
        for l in labels(&r) {
            assert!(all.contains(&l), "{l} missing from the Word file of {name}");
        }
        // Table 三: 「三、本年度办理结果」 starts a vertical merge continued in the following result rows.
        let t3 = tables[1];
        let cells_in_first_col: Vec<roxmltree::Node> = t3
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .filter_map(|tr| tr.children().find(|c| c.has_tag_name((W, "tc"))))
            .collect();
        let vmerge = |tc: &roxmltree::Node| {
            tc.descendants()
                .find(|d| d.has_tag_name((W, "vMerge")))
                .map(|v| v.attribute((W, "val")).unwrap_or("continue").to_string())
        };
        let start = cells_in_first_col.iter().position(|tc| text_of(*tc) == RESULTS).expect("the results cell");
        assert_eq!(vmerge(&cells_in_first_col[start]).as_deref(), Some("restart"));
        let continued = cells_in_first_col[start + 1..].iter().take_while(|tc| vmerge(tc).as_deref() == Some("continue")).count();
        assert_eq!(continued + 1, results_rows, "{name}");
        // The note spans three columns and three rows; 法人或其他组织 five columns.
        let span_of = |text: &str| {
            let tc = t3.descendants().find(|n| n.has_tag_name((W, "tc")) && text_of(*n) == text).unwrap();
            tc.descendants().find(|d| d.has_tag_name((W, "gridSpan"))).and_then(|g| g.attribute((W, "val"))).map(str::to_string)
        };
        assert_eq!(span_of(APPLICATION_NOTE).as_deref(), Some("3"));
        assert_eq!(span_of("法人或其他组织").as_deref(), Some("5"));
        assert_eq!(span_of("申请人情况").as_deref(), Some("7"));
        // Table 四: 行政诉讼 over ten columns.
        let t4 = tables[2];
        let litigation = t4.descendants().find(|n| n.has_tag_name((W, "tc")) && text_of(*n) == "行政诉讼").unwrap();
        assert!(litigation.descendants().any(|d| d.has_tag_name((W, "gridSpan")) && d.attribute((W, "val")) == Some("10")));
        // A4, the 9704 margins.
        let sect = doc.descendants().find(|n| n.has_tag_name((W, "sectPr"))).unwrap();
        let size = sect.children().find(|n| n.has_tag_name((W, "pgSz"))).unwrap();
        assert_eq!((size.attribute((W, "w")), size.attribute((W, "h"))), (Some("11906"), Some("16838")));
        let margin = sect.children().find(|n| n.has_tag_name((W, "pgMar"))).unwrap();
        assert_eq!((margin.attribute((W, "top")), margin.attribute((W, "left"))), (Some("2098"), Some("1587")));
        // Fonts by name, East Asian.
        assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#) && xml.contains(r#"w:eastAsia="方正小标宋简体""#));
        assert!(xml.contains(r#"w:eastAsia="黑体""#) && xml.contains(r#"w:eastAsia="楷体_GB2312""#));
        let fonts = unzip(&bytes, "word/fontTable.xml");
        assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="FandolFang"/>"#), "{fonts}");
        // 「— N —」 in the footers, odd and even.
        let footers: Vec<String> = (1..=2).map(|i| unzip(&bytes, &format!("word/footer{i}.xml"))).collect();
        assert!(footers.iter().all(|f| f.contains("PAGE") && f.contains("— ") && f.contains(" —")));
        assert!(unzip(&bytes, "word/settings.xml").contains("evenAndOddHeaders"));
    }
}

#[test]
fn the_web_page_is_self_contained_and_has_the_merges() {
    for (template, results_rows) in [(TemplateId::V2021, "22"), (TemplateId::V2019, "20")] {
        let mut r = Report::new(template, 2024, "某县<统计局>&");
        r.preamble = "第一段。\n第二段含“引号”和'单引号'。".into();
        let page = html::document(&r);
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(page.contains(r#"<meta charset="utf-8"/>"#));
        for forbidden in ["<script", "<link", "src=", "url(", "http://", "https://"] {
            assert!(!page.contains(forbidden), "{forbidden} in the page");
        }
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        let doc = roxmltree::Document::parse_with_options(&page, options).expect("well-formed markup");
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(page.contains("某县&lt;统计局&gt;&amp;") && text.contains("某县<统计局>&"), "escaped, and read back as typed");
        for l in labels(&r) {
            assert!(text.contains(&l), "{l}");
        }
        let cell =
            |t: &str| doc.descendants().find(|n| (n.has_tag_name("td") || n.has_tag_name("th")) && n.text() == Some(t)).unwrap();
        assert_eq!(cell(RESULTS).attribute("rowspan"), Some(results_rows));
        assert_eq!(
            (cell(APPLICATION_NOTE).attribute("rowspan"), cell(APPLICATION_NOTE).attribute("colspan")),
            (Some("3"), Some("3"))
        );
        assert_eq!(cell("行政诉讼").attribute("colspan"), Some("10"));
        assert_eq!(doc.descendants().filter(|n| n.has_tag_name("table")).count(), 3);
        // Every row of a table covers all its grid columns (the merges add up).
        for table in doc.descendants().filter(|n| n.has_tag_name("table")) {
            let width = table.descendants().filter(|n| n.has_tag_name("col")).count();
            let mut covered: Vec<usize> = Vec::new();
            for (i, tr) in table.descendants().filter(|n| n.has_tag_name("tr")).enumerate() {
                let here: usize = covered.get(i).copied().unwrap_or(0)
                    + tr.children()
                        .filter(|c| c.is_element())
                        .map(|c| c.attribute("colspan").map_or(1, |v| v.parse().unwrap()))
                        .sum::<usize>();
                for c in tr.children().filter(|c| c.is_element()) {
                    let rs: usize = c.attribute("rowspan").map_or(1, |v| v.parse().unwrap());
                    let cs: usize = c.attribute("colspan").map_or(1, |v| v.parse().unwrap());
                    for k in 1..rs {
                        if covered.len() <= i + k {
                            covered.resize(i + k + 1, 0);
                        }
                        covered[i + k] += cs;
                    }
                }
                assert_eq!(here, width, "row {i} of a table in {template:?}");
            }
        }
        // The fragment for the clipboard is the page's body.
        assert!(page.contains(&html::body(&r)));
    }
}

#[test]
fn export_chooses_the_format_by_extension() {
    let dir = std::env::temp_dir().join(format!("nianbao-ww-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (ext, magic) in
        [("docx", &b"PK"[..]), ("html", &b"<!DOCTYPE html>"[..]), ("htm", &b"<!DOCTYPE html>"[..]), ("pdf", &b"%PDF-"[..])]
    {
        let out = dir.join(format!("年报.{ext}"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["export", "examples/zhoucun-2023.json", "-o", out.to_str().unwrap(), "--fonts", "builtin"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::read(&out).unwrap().starts_with(magic), "{ext}");
    }
    let out = dir.join("年报.txt");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["export", "examples/zhoucun-2023.json", "-o", out.to_str().unwrap(), "--format", "docx"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "--format overrides the extension");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn word_cells_have_the_pdf_padding_headers_repeat_and_the_file_is_named() {
    use nianbao::layout::style::table::{PAD_X, PAD_Y};
    let r = example("zhoucun-2023.json");
    let bytes = docx::to_docx(&r).unwrap();
    let xml = unzip(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let twips = |pt: f32| ((pt * 20.0).round() as i32).to_string();
    let tables: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
    for (t, header_rows) in tables.iter().zip([0, 3, 3]) {
        // Cell margins as the PDF's padding (Word's default 0.19 cm wrapped labels mid-word).
        let mar = t.descendants().find(|n| n.has_tag_name((W, "tblCellMar"))).expect("cell margins");
        let side = |name: &str| mar.children().find(|n| n.has_tag_name((W, name))).and_then(|n| n.attribute((W, "w")));
        assert_eq!((side("left"), side("right")), (Some(twips(PAD_X).as_str()), Some(twips(PAD_X).as_str())));
        assert_eq!((side("top"), side("bottom")), (Some(twips(PAD_Y).as_str()), Some(twips(PAD_Y).as_str())));
        // The header rows repeat on the next page; no other row does.
        let repeats: Vec<bool> = t
            .children()
            .filter(|n| n.has_tag_name((W, "tr")))
            .map(|tr| tr.descendants().any(|d| d.has_tag_name((W, "tblHeader"))))
            .collect();
        assert_eq!(repeats.iter().filter(|r| **r).count(), header_rows);
        assert!(repeats[..header_rows].iter().all(|r| *r));
    }
    // The file's properties: the report's title, the agency, now.
    let core = unzip(&bytes, "docProps/core.xml");
    let props = roxmltree::Document::parse(&core).unwrap();
    let prop = |name: &str| props.descendants().find(|n| n.tag_name().name() == name).and_then(|n| n.text()).unwrap_or_default();
    assert_eq!(prop("title"), r.title());
    assert_eq!(prop("creator"), "周村区投资促进中心");
    assert!(!core.contains("unknown") && !core.contains("1970"), "{core}");
    for date in [prop("created"), prop("modified")] {
        let year: i32 = date[..4].parse().unwrap();
        assert!(year >= 2025 && date.len() == 20 && date.ends_with('Z'), "W3CDTF, UTC: {date}");
    }
}

#[test]
fn the_word_and_web_signature_follow_the_9704_rule() {
    let mut r = example("zhoucun-2023.json");
    r.signature.unit = "周村区投资促进中心".into(); // 9 字
    r.signature.date = "2024-01-16".into(); // 2024年1月16日: 6.5 字
    let one = 320; // 一字: 16 pt in twips
    // The 署名 右空二字: 28 − 2 − 9 = 17 字 from the left; the date two 字 right of it.
    let expected = [("周村区投资促进中心", 17 * one), ("2024年1月16日", 19 * one)];
    let xml = unzip(&docx::to_docx(&r).unwrap(), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    for (text, left) in expected {
        let p = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            // The last: the title's first line is the agency too.
            .rfind(|p| p.descendants().filter(|d| d.has_tag_name((W, "t"))).filter_map(|d| d.text()).collect::<String>() == text)
            .unwrap();
        let ind = p.descendants().find(|n| n.has_tag_name((W, "ind"))).unwrap();
        assert_eq!(ind.attribute((W, "left")), Some(left.to_string().as_str()), "{text}");
        let jc = p.descendants().find(|n| n.has_tag_name((W, "jc"))).unwrap();
        assert_eq!(jc.attribute((W, "val")), Some("left"));
        // Room beyond the measure (two 字 into the margin): LibreOffice's wider digits do not wrap 「日」.
        assert_eq!(ind.attribute((W, "right")), Some((-2 * one).to_string().as_str()), "{text}");
    }
    // The end of 六 is kept on the 落款's page: no 落款 alone on the last page.
    let paragraphs: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((W, "p"))).collect();
    let last_of_six = r.other_matters.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap();
    let at = paragraphs
        .iter()
        .rposition(|p| {
            p.descendants().filter(|d| d.has_tag_name((W, "t"))).filter_map(|d| d.text()).collect::<String>() == last_of_six
        })
        .unwrap();
    for p in &paragraphs[at..paragraphs.len() - 1] {
        assert!(
            p.descendants().any(|n| n.has_tag_name((W, "keepNext"))),
            "every paragraph from the end of 六 to the date is kept with the next"
        );
    }
    // The web page: a block 右空二字 holding the 署名, and the date two 字 in.
    let page = html::body(&r);
    let block = r#"padding-right:2em"><div style="display:inline-block;text-align:left"><div>周村区投资促进中心</div><div style="padding-left:2em">2024年1月16日</div></div></div>"#;
    assert!(page.contains(block), "{page}");
    // A joint 署名: one unit per line.
    r.signature.unit = "周村区投资促进中心\n周村区数据资源管理局".into();
    assert!(html::body(&r).contains("<div>周村区投资促进中心</div><div>周村区数据资源管理局</div>"));
    let xml = unzip(&docx::to_docx(&r).unwrap(), "word/document.xml");
    assert!(xml.contains(">周村区数据资源管理局<"), "a paragraph of its own");
}

#[test]
fn web_tables_have_a_head_a_body_and_an_upright_vertical_cell() {
    let r = example("zhoucun-2023.json");
    let page = html::document(&r);
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&page, options).unwrap();
    let tables: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("table")).collect();
    for (table, header_rows) in tables.iter().zip([0, 3, 3]) {
        let part = |tag: &str| table.children().find(|n| n.has_tag_name(tag));
        let rows = |n: Option<roxmltree::Node>| n.map_or(0, |n| n.children().filter(|c| c.has_tag_name("tr")).count());
        assert_eq!(rows(part("thead")), header_rows);
        assert!(rows(part("tbody")) > 0);
        assert!(!table.children().any(|n| n.has_tag_name("tr")), "every row in thead or tbody");
        // Header cells are th, body cells td.
        if let Some(head) = part("thead") {
            assert!(head.descendants().filter(|n| n.is_element() && n.has_tag_name("td")).count() == 0);
        }
    }
    // 「三、本年度办理结果」 reads top to bottom, not one character per line of a wide cell.
    let results = doc.descendants().find(|n| n.has_tag_name("td") && n.text() == Some(RESULTS)).unwrap();
    let style = results.attribute("style").unwrap();
    assert!(style.contains("writing-mode:vertical-rl"), "{style}");
    assert!(!style.contains("break-all"), "{style}");
}
