//! Every class of character in every text of a report, exported by `nianbao export`
//! to each format and read back by independent parsers (roxmltree for every XML part
//! of the Word file and for the web page; poppler's pdftotext and lopdf for the PDF).
//! What `check` says (S14: 导出时会被略去) is what each export does, and messages
//! name characters visibly, never raw, and briefly.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What no export may write: C0 controls (U+0000 included), DEL, C1 controls,
/// the soft hyphen, zero-width characters, direction marks, overrides and isolates,
/// the byte-order mark, a variation selector, a tag, noncharacters.
const HIDDEN: &str = concat!(
    "\0\u{1}\u{B}\u{C}\u{1B}\u{1F}\u{7F}\u{85}\u{9F}\u{AD}\u{200B}\u{200C}\u{200D}\u{200E}\u{202E}\u{2066}\u{2069}",
    "\u{FEFF}\u{FE0F}\u{E0041}\u{FDD0}\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}"
);

/// What every export keeps: a lone combining mark, CJK, private use, an emoji (no
/// bundled font has it), an Extension B character (nor this).
const VISIBLE: [&str; 6] = ["\u{301}", "甲", "\u{E000}", "😀", "𠀀", "乙"];

/// The visible characters with a hidden one (and a tab) between each two.
fn sample() -> String {
    let mut s = String::new();
    for (i, v) in VISIBLE.iter().enumerate() {
        s.push_str(v);
        s.extend(HIDDEN.chars().skip(i * 4).take(4));
    }
    s.extend(HIDDEN.chars().skip(VISIBLE.len() * 4));
    s.push('\t');
    s.push('丙');
    s
}

/// The sample as exported, without white space.
fn expected() -> String {
    format!("{}丙", VISIBLE.concat())
}

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-chars-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// zhoucun-2023 (the 2019 format, whose table 二 prints the procurement unit) with
/// the sample in every text the report has, written to `dir`.
fn report_with_every_class(dir: &Path) -> PathBuf {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("examples/zhoucun-2023.json").unwrap()).unwrap();
    let s = sample();
    v["agency"] = format!("某局{s}").into();
    v["signature"]["unit"] = format!("某局{s}").into();
    v["signature"]["date"] = s.clone().into();
    v["procurement_unit"] = s.clone().into();
    v["preamble"] = format!("前言{s}\n第二段{s}").into();
    v["overview"]["lead"] = s.clone().into();
    for part in ["overview", "problems"] {
        let sections = if part == "overview" { &mut v[part]["sections"] } else { &mut v[part] };
        for section in sections.as_array_mut().unwrap() {
            section["title"] = format!("小标题{s}").into();
            section["body"] = s.clone().into();
        }
    }
    v["other_matters"] = s.into();
    let path = dir.join("每类字符.json");
    std::fs::write(&path, v.to_string()).unwrap();
    path
}

fn export(input: &Path, out: &Path) -> String {
    let o = nianbao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--fonts", "builtin"]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("已导出"));
    err
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// No hidden character in `text`, and the sample's visible characters `times` times or more.
fn assert_clean(what: &str, text: &str, times: usize) {
    if let Some(c) = text.chars().find(|&c| HIDDEN.contains(c)) {
        panic!("U+{:04X} left in {what}", c as u32);
    }
    let found = squeeze(text).matches(&expected()).count();
    assert!(found >= times, "{what}: the visible characters {found} times, expected {times}: {text}");
}

/// Titles: 5 overview + 2 problems; bodies and lead: 5 + 2 + 1; preamble 2;
/// other matters 1; agency (title) 1; signature unit and date 2.
const TEXTS: usize = 7 + 8 + 2 + 1 + 1 + 2;

#[test]
fn every_part_of_the_word_file_parses_and_keeps_the_visible_characters() {
    let dir = scratch("docx");
    let out = dir.join("年报.docx");
    export(&report_with_every_class(&dir), &out);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut parsed = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text: String = doc.descendants().filter_map(|n| n.text()).collect();
        match name.as_str() {
            // The procurement unit is in a table cell: one more than the texts.
            "word/document.xml" => assert_clean(&name, &text, TEXTS + 1),
            "docProps/core.xml" => assert_clean(&name, &text, 3), // title, creator, last modified by
            _ => assert_clean(&name, &text, 0),
        }
        parsed += 1;
    }
    assert!(parsed >= 8, "the document, styles, fonts, footers, properties, relationships: {parsed}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_web_page_parses_and_keeps_the_visible_characters() {
    let dir = scratch("html");
    let out = dir.join("年报.html");
    export(&report_with_every_class(&dir), &out);
    let page = std::fs::read_to_string(&out).unwrap();
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&page, options).expect("well-formed markup");
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert_clean("the page", &text, TEXTS + 1 + 1); // and the <title>
    let title = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap();
    assert_clean("<title>", title, 1);
    assert_clean("the markup", &page, TEXTS + 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_pdf_loads_and_its_text_keeps_the_visible_characters() {
    let dir = scratch("pdf");
    let out = dir.join("年报.pdf");
    let err = export(&report_with_every_class(&dir), &out);
    let pdf = lopdf::Document::load(&out).expect("lopdf loads the file");
    let o = Command::new("pdftotext").args([out.to_str().unwrap(), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Lines wrap in the PDF: the visible characters are looked for with white space removed.
    // pdftotext ends each page with a form feed of its own.
    let text = String::from_utf8(o.stdout).unwrap().replace('\u{C}', "\n");
    assert_clean("pdftotext", &text, TEXTS + 1);
    let info = Command::new("pdfinfo").arg(&out).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let title = info.lines().find_map(|l| l.strip_prefix("Title:")).unwrap();
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim();
    assert_eq!(pdf.get_pages().len().to_string(), pages, "lopdf and poppler see the same pages");
    assert_clean("the PDF's title", title, 1);

    // The boxes are named on stderr: visible characters, each once per place.
    assert!(err.contains("警告：以下字符没有字体可以显示"), "{err}");
    assert!(err.contains("「😀」（标题）"), "{err}");
    assert!(err.contains("等共"), "more than ten places: summed up: {err}");
    assert!(!err.chars().any(|c| HIDDEN.contains(c)), "{err:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_names_what_the_exports_drop_without_writing_it() {
    let dir = scratch("check");
    let o = nianbao(&["check", report_with_every_class(&dir).to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.chars().any(|c| HIDDEN.contains(c)), "no raw hidden character: {out:?}");
    let s14: Vec<&str> = out.lines().filter(|l| l.starts_with("警告 S14")).collect();
    // One per field: the preamble's two paragraphs are one field; the procurement unit is one more.
    assert_eq!(s14.len(), TEXTS - 1 + 1, "every text, the procurement unit too: {out}");
    let agency = s14.iter().find(|l| l.contains("编制单位含有")).expect("the agency");
    assert!(agency.contains("编制单位含有 25 个看不见的字符：「U+0000 控制字符」、「U+0001 控制字符」、"), "{agency}");
    assert!(agency.contains("等共 25 种"), "summed up: {agency}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_direction_mark_never_reaches_the_terminal_raw() {
    let dir = scratch("bidi");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/qingshan-2024.json").unwrap()).unwrap();
    // A sub-title with a right-to-left override, a body with a box in it: the place
    // of the box names the sub-title.
    v["overview"]["sections"][1]["title"] = "依申请\u{202E}公开\u{2067}".into();
    v["overview"]["sections"][1]["body"] = "申请人张𠀀同志来信。".into();
    let input = dir.join("bidi.json");
    std::fs::write(&input, v.to_string()).unwrap();
    let err = export(&input, &dir.join("年报.pdf"));
    assert!(err.contains("「𠀀」（总体情况（二）依申请公开）"), "{err}");
    assert!(!err.contains(['\u{202E}', '\u{2067}']), "{err:?}");
    let o = nianbao(&["check", input.to_str().unwrap()]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains(['\u{202E}', '\u{2067}']), "{out:?}");
    assert!(out.contains("「U+202E 方向覆盖控制符」、「U+2067 方向隔离控制符」"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn twenty_thousand_rare_characters_give_a_short_warning() {
    let dir = scratch("many");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/qingshan-2024.json").unwrap()).unwrap();
    // Extension B, 20 000 different characters: no bundled font has them.
    let rare: String = (0x20000..0x20000 + 20_000).filter_map(char::from_u32).collect();
    v["preamble"] = rare.into();
    let input = dir.join("many.json");
    std::fs::write(&input, v.to_string()).unwrap();
    let err = export(&input, &dir.join("年报.pdf"));
    let line = err.lines().find(|l| l.starts_with("警告：以下字符没有字体可以显示")).expect("the warning");
    assert!(line.len() < 1024, "{} bytes: {line}", line.len());
    // The first ten, and how many (one bundled face has a few Extension B characters).
    let count: usize = line.strip_suffix(" 处").and_then(|l| l.rsplit_once("「𠀉」（前言）等共 ")).unwrap().1.parse().unwrap();
    assert!(count > 15_000, "{line}");
    std::fs::remove_dir_all(dir).unwrap();
}
