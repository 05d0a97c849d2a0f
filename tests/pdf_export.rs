//! The exported PDF, read back by an independent reader (poppler-utils:
//! pdfinfo, pdftotext, pdffonts — scripts/test.sh installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nianbao::model::template::{APPLICANT_COLUMNS, PART_HEADINGS, REVIEW_GROUPS, REVIEW_OUTCOMES};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed (poppler-utils): {e}"));
    assert!(o.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-pdf-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn export(example: &str, dir: &Path) -> PathBuf {
    let out = dir.join("年报 输出.pdf");
    let o = nianbao(&["export", &format!("examples/{example}"), "-o", out.to_str().unwrap(), "--fonts", "builtin"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("已导出"));
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_seed_pdf_is_a4_with_metadata() {
    let dir = scratch("info");
    let pdf = export("zhoucun-2023.json", &dir);
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "{info}");
    assert!(info.contains("Pages:           6"));
    assert!(info.contains("Title:           周村区投资促进中心2023年政府信息公开工作年度报告"));
    assert!(info.contains("Author:          周村区投资促进中心"));
    assert!(info.contains("CreationDate:"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn text_round_trips_through_pdftotext_in_reading_order() {
    let dir = scratch("text");
    let pdf = export("zhoucun-2023.json", &dir);
    let mut text = squeeze(&tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]));
    for n in (1..=6).rev() {
        text = text.replace(&format!("—{n}—"), ""); // page numbers interrupt paragraphs that cross pages
    }
    let report = nianbao::model::file::load(Path::new("examples/zhoucun-2023.json")).unwrap();
    // Headings, paragraphs and the title, in order.
    let mut expected: Vec<String> = vec![report.agency.clone(), "2023年政府信息公开工作年度报告".into()];
    expected.extend(report.preamble.lines().map(squeeze));
    expected.push(PART_HEADINGS[0].into());
    expected.push(squeeze(&report.overview.lead));
    for (i, s) in report.overview.sections.iter().enumerate() {
        expected.push(format!("{}{}", nianbao::model::numerals::bracketed(i + 1), s.title));
        expected.push(squeeze(&s.body));
    }
    expected.extend(PART_HEADINGS[1..5].iter().map(|h| h.to_string()));
    for (i, s) in report.problems.iter().enumerate() {
        expected.push(format!("{}{}", nianbao::model::numerals::bracketed(i + 1), s.title));
        expected.push(squeeze(&s.body));
    }
    expected.push(PART_HEADINGS[5].into());
    expected.extend(report.other_matters.lines().map(squeeze));
    let mut at = 0;
    for piece in &expected {
        let found = text[at..].find(piece.as_str()).unwrap_or_else(|| panic!("{piece} missing after byte {at}"));
        at += found + piece.len();
    }
    // Every table label, full-width punctuation and 〔〕 included.
    let tpl = report.template.get();
    for (block, row) in tpl.disclosure_rows() {
        assert!(text.contains(block.caption) && text.contains(row.label));
        for c in block.columns {
            assert!(text.contains(&squeeze(c.label)), "{}", c.label);
        }
    }
    for row in tpl.applications {
        assert!(text.contains(row.short_label()), "{}", row.short_label());
    }
    for label in APPLICANT_COLUMNS.iter().chain(REVIEW_GROUPS.iter()).chain(REVIEW_OUTCOMES.iter()) {
        assert!(text.contains(label), "{label}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn every_font_is_embedded_and_subset() {
    let dir = scratch("fonts");
    let pdf = export("qingshan-2024.json", &dir);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 4, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object generation
        let (emb, sub, uni) = (cols[cols.len() - 5], cols[cols.len() - 4], cols[cols.len() - 3]);
        assert_eq!((emb, sub, uni), ("yes", "yes", "yes"), "{row}");
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "ABCDEF+Name: {row}");
    }
    assert!(fonts.contains("FandolFang-Regular") && fonts.contains("FandolHei-Regular") && fonts.contains("FandolKai-Regular"));
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 600_000, "subset fonts keep the file small: {size} bytes");
    std::fs::remove_dir_all(dir).unwrap();
}

/// qingshan-2024 with rare characters in the title (the agency), the preamble and a
/// section's body, exported with the bundled fonts; returns the PDF and stderr.
fn export_rare(dir: &Path) -> (PathBuf, String) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/qingshan-2024.json").unwrap()).unwrap();
    v["agency"] = "宿州市埇桥区市场监督管理局".into();
    v["preamble"] = "本报告由张堃、李喆、王镕编制。".into();
    v["overview"]["sections"][1]["body"] = "申请人张𠀀同志😀来信，丂字存查。".into();
    let input = dir.join("in.json");
    std::fs::write(&input, v.to_string()).unwrap();
    let out = dir.join("out.pdf");
    let o = nianbao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--fonts", "builtin"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    (out, String::from_utf8(o.stderr).unwrap())
}

#[test]
fn characters_no_font_has_are_listed_on_stderr_and_stay_in_the_text_layer() {
    let dir = scratch("missing");
    let (pdf, err) = export_rare(&dir);
    assert!(err.contains("警告：以下字符没有字体可以显示，在 PDF 中显示为方框：「𠀀」（总体情况（二）依申请公开）、「😀」（总体情况（二）依申请公开）"), "{err}");
    for ok in ['埇', '堃', '喆', '镕', '丂'] {
        assert!(!err.contains(ok), "{ok} has a font: {err}");
    }
    let text = squeeze(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(text.contains("申请人张𠀀同志😀来信，丂字存查。"), "copy and search find the boxes' characters: {text}");
    assert!(text.contains("埇桥区") && text.contains("张堃、李喆、王镕"), "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn rare_name_characters_use_faces_of_the_roles_style() {
    let dir = scratch("faces");
    let (pdf, _) = export_rare(&dir);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    // 埇 in the 小标宋 title and 堃 喆 镕 in the 仿宋 body: the Song subsets, not a Kai face.
    assert!(fonts.contains("+NotoSerifCJKsc-Bold-Tongyong"), "{fonts}");
    assert!(fonts.contains("+NotoSerifCJKsc-Tongyong"), "{fonts}");
    assert!(fonts.contains("+NotoSerifCJKsc-Fallback"), "丂: the shared fallback: {fonts}");
    assert!(!fonts.contains("Kai Fallback") && !fonts.contains("NianbaoKaiFallback"), "{fonts}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_report_with_errors_exports_with_a_reminder() {
    let dir = scratch("errors");
    let out = dir.join("e.pdf");
    let o = nianbao(&["export", "examples/errors-2024.json", "-o", out.to_str().unwrap(), "--fonts", "builtin"]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.lines().any(|l| l.starts_with("提醒：年报有错误，仍然导出——错误 H1 ")), "{err}");
    assert!(out.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_unwritable_output_fails_with_exit_2_and_leaves_what_was_there() {
    let dir = scratch("unwritable");
    let o = nianbao(&["export", "examples/qingshan-2024.json", "-o", dir.join("no/such/folder/x.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("无法写入"));

    // The output path is taken by a folder with a file in it: refused, folder intact.
    let taken = dir.join("taken.pdf");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), "keep").unwrap();
    let o = nianbao(&["export", "examples/qingshan-2024.json", "-o", taken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(taken.join("keep.txt")).unwrap(), "keep");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left behind");

    let o = nianbao(&["export", "examples/qingshan-2024.json", "-o", "x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("不支持的导出格式"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_pdf_has_one_bookmark_per_part() {
    let dir = scratch("outline");
    let pdf = export("zhoucun-2023.json", &dir);
    let doc = lopdf::Document::load(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 6);
    // Walk First → Next and decode the UTF-16 titles.
    let mut titles = Vec::new();
    let mut next = outlines.get(b"First").unwrap().as_reference().ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let raw = item.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = raw[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        titles.push(String::from_utf16(&units).unwrap());
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    assert_eq!(titles, PART_HEADINGS.to_vec());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bookmarks_open_at_the_heading_and_the_file_claims_no_pdf_x() {
    let report =
        nianbao::model::file::load(Path::new(&format!("{}/examples/zhoucun-2023.json", env!("CARGO_MANIFEST_DIR")))).unwrap();
    let fonts = nianbao::fonts::FontSet::bundled();
    let laid_out = nianbao::layout::layout(&report, fonts);
    let bytes = nianbao::export::pdf(&report, fonts).unwrap().bytes;
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut next = outlines.get(b"First").unwrap().as_reference().ok();
    let mut entries = laid_out.outline.iter();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let dest = item.get(b"Dest").unwrap().as_array().unwrap();
        assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
        let top = dest[3].as_float().or_else(|_| dest[3].as_i64().map(|v| v as f32)).expect("a top, not null");
        let entry = entries.next().unwrap();
        // The heading's line, not the top of the page: PDF counts from the bottom.
        assert!((top - (laid_out.height - entry.y)).abs() <= 0.5, "{}: {top}", entry.title);
        let heading_baseline = laid_out.pages[entry.page].texts().find(|t| t.text == entry.title).map(|t| t.y).unwrap();
        assert!(entry.y < heading_baseline && heading_baseline < entry.y + nianbao::layout::style::LINE_PITCH, "{}", entry.title);
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    assert!(entries.next().is_none());
    // printpdf's empty /GTS_PDFXVersion made readers call the file PDF/X.
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert!(!info.has(b"GTS_PDFXVersion"));
    assert!(!String::from_utf8_lossy(&bytes).contains("GTS_PDFX"));
    let dir = scratch("pdfx");
    let path = dir.join("seed.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let pdfinfo = tool("pdfinfo", &[path.to_str().unwrap()]);
    assert!(!pdfinfo.contains("PDF/X"), "{pdfinfo}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_seed_pdf_stays_within_its_size_budget() {
    let dir = scratch("size");
    let pdf = export("zhoucun-2023.json", &dir);
    let size = std::fs::metadata(&pdf).unwrap().len();
    // README's goal: 250 KB as the app counts them (1 KB = 1024 bytes); the file was 269,050 bytes.
    assert!(size <= 250 * 1024, "{size} bytes");
    std::fs::remove_dir_all(dir).unwrap();
}
