//! Importing web pages, Word files and PDFs: real published reports against
//! the tables as I read them from the source, and hostile files refused.

use std::path::Path;

use nianbao::import::import_file;
use nianbao::model::{Decimal, TemplateId};

fn shared(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-reports").join(name)
}

fn row(v: [i64; 7]) -> [Option<i64>; 7] {
    v.map(Some)
}

fn d(v: &[&str]) -> Vec<Option<Decimal>> {
    v.iter().map(|s| Some(s.parse().unwrap())).collect()
}

/// 平潭综合实验区 2024, the page as the site served it (menus, links and footer around the article).
#[test]
fn pingtan_2024_web_page() {
    let imported = import_file(&shared("pingtan-2024.html")).unwrap();
    let r = &imported.report;
    assert!(imported.complete(), "{:?}", imported.review_lines());
    assert_eq!((r.template, r.year, r.agency.as_str()), (TemplateId::V2021, 2024, "平潭综合实验区"));
    assert_eq!(
        r.disclosure,
        vec![d(&["0", "0", "0"]), d(&["62", "33", "440"]), d(&["4529"]), d(&["1100"]), d(&["65"]), d(&["18651.06"])]
    );
    let one = |n: i64| row([n, 0, 0, 0, 0, 0, n]);
    let want = vec![
        row([217, 1, 0, 0, 0, 0, 218]),
        one(0),
        one(71),
        one(29),
        one(4),
        one(0),
        one(0),
        one(3),
        one(32),
        one(0),
        one(0),
        one(0),
        one(75),
        one(0),
        one(0),
        one(0),
        one(1),
        one(0),
        one(0),
        one(0),
        one(1),
        one(0),
        row([1, 1, 0, 0, 0, 0, 2]),
        row([217, 1, 0, 0, 0, 0, 218]),
        one(0),
    ];
    assert_eq!(r.applications, want);
    assert_eq!(r.reviews, [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19].map(Some));
    assert!(r.preamble.starts_with("本报告根据《中华人民共和国政府信息公开条例》"));
    // Every cell knows where it was read (the app's tooltip).
    let place = imported.places.iter().find(|(c, _)| *c == nianbao::model::check::CellRef::applications(0, 0)).unwrap();
    assert!(place.1.starts_with("第 ") && place.1.contains("个表格第 "), "{}", place.1);
    assert_eq!(imported.places.len(), 200);
    assert!(r.preamble.ends_with("统计期限为2024年1月1日至2024年12月31日。"));
    assert_eq!(r.overview.sections[0].title, "主动公开方面");
    assert!(r.overview.sections[4].body.len() > 50);
    assert_eq!(r.other_matters, "2024年，无收取信息处理费情况。");
    assert_eq!(r.processing_fee, Some(Decimal::from_int(0)));
    assert!(nianbao::model::check(r, None).iter().all(|f| f.severity != nianbao::model::Severity::Error));
}

#[test]
fn a_web_page_that_is_not_a_report_is_refused() {
    let dir = std::env::temp_dir().join(format!("nianbao-import-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("首页.html");
    std::fs::write(&page, "<html><body><div>欢迎访问</div></body></html>").unwrap();
    assert!(import_file(&page).unwrap_err().0.contains("这不是年报"));
    let big = dir.join("大.htm");
    std::fs::write(&big, vec![b'a'; 21 * 1024 * 1024]).unwrap();
    assert!(import_file(&big).unwrap_err().0.contains("文件太大"));
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-import-docs-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example(name: &str) -> nianbao::model::Report {
    nianbao::model::file::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What nianbao exports imports back to the same report: every table cell, the
/// texts up to line breaks, title, 落款 and fee.
pub fn assert_same(got: &nianbao::model::Report, want: &nianbao::model::Report, what: &str) {
    assert_eq!((got.template, got.year, got.agency.as_str()), (want.template, want.year, want.agency.as_str()), "{what}");
    assert!(got.unread.is_empty(), "{what}: {:?}", got.unread);
    assert_eq!(got.disclosure, want.disclosure, "{what}");
    assert_eq!(got.applications, want.applications, "{what}");
    assert_eq!(got.reviews, want.reviews, "{what}");
    assert_eq!(squeeze(&got.preamble), squeeze(&want.preamble), "{what}");
    assert_eq!(squeeze(&got.overview.lead), squeeze(&want.overview.lead), "{what}");
    for (g, w) in got.overview.sections.iter().zip(&want.overview.sections).chain(got.problems.iter().zip(&want.problems)) {
        assert_eq!((squeeze(&g.title), squeeze(&g.body)), (squeeze(&w.title), squeeze(&w.body)), "{what}");
    }
    assert_eq!(squeeze(&got.other_matters), squeeze(&want.other_matters), "{what}");
    assert_eq!(
        (got.signature.unit.as_str(), got.signature.date.as_str()),
        (want.signature.unit.as_str(), want.signature.date.as_str()),
        "{what}"
    );
    assert_eq!(got.processing_fee, want.processing_fee, "{what}");
}

fn exported(report: &nianbao::model::Report, format: nianbao::export::Format, dir: &Path, name: &str) -> std::path::PathBuf {
    let bytes = nianbao::export::export(report, format, nianbao::fonts::FontSet::bundled()).unwrap().bytes;
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn word_and_web_exports_import_back_to_the_same_report() {
    let dir = scratch("round");
    for name in ["qingshan-2024.json", "zhoucun-2023.json"] {
        let mut report = example(name);
        report.signature.unit = "青山县市场监督管理局".into();
        report.signature.date = "2025年1月20日".into();
        for (format, ext) in [(nianbao::export::Format::Docx, "docx"), (nianbao::export::Format::Html, "html")] {
            let path = exported(&report, format, &dir, &format!("{name}.{ext}"));
            let imported = import_file(&path).unwrap_or_else(|e| panic!("{name}.{ext}: {e}"));
            assert_same(&imported.report, &report, &format!("{name}.{ext}"));
        }
    }
}

/// The 2021 Word template agencies fill in, filled here: numbers typed into its
/// empty cells in order, with a 「/」, a note and a thousands separator.
#[test]
fn the_filled_word_template() {
    let template = std::fs::read(shared("template-govnianbao.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&template)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let mut values: Vec<String> = (0..200).map(|i| ((i * 7) % 13).to_string()).collect();
    values[1] = "/".into(); // 规章 本年废止件数
    values[3] = "22（其中修订16件）".into(); // 行政规范性文件 本年制发件数
    values[5] = "1,234".into(); // 行政规范性文件 现行有效件数
    values[9] = "7730.28".into(); // 行政事业性收费
    let mut out = String::new();
    let mut rest = xml.as_str();
    let mut next = values.iter();
    let t = regex_free_text;
    while let Some(at) = rest.find("<w:tc>") {
        let end = rest[at..].find("</w:tc>").unwrap() + at + "</w:tc>".len();
        let cell = &rest[at..end];
        out.push_str(&rest[..at]);
        if t(cell).trim_matches(['　', ' ']).is_empty() && !cell.contains("<w:vMerge") {
            let v = next.next().expect("200 empty cells");
            let blanked = cell.replace("<w:t>　　</w:t>", "<w:t></w:t>").replace("<w:t>　</w:t>", "<w:t></w:t>");
            let p = blanked.rfind("</w:p>").unwrap();
            out.push_str(&format!("{}<w:r><w:t>{v}</w:t></w:r>{}", &blanked[..p], &blanked[p..]));
        } else {
            out.push_str(cell);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    assert!(next.next().is_none(), "every value placed");
    let out = out
        .replace("政府信息公开工作年度报告格式模板", "青山县统计局2024年度政府信息公开工作年度报告")
        .replacen("（文字描述）", "全年主动公开政府信息120条。", 1)
        .replacen("（文字描述）", "公开渠道有待拓宽。", 1)
        .replace("（文字描述，收取信息处理费情况在此处报告。）", "本年度未收取信息处理费。");
    let dir = scratch("template");
    let path = dir.join("青山县统计局2024年报.docx");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        if name == "word/document.xml" {
            std::io::Write::write_all(&mut w, out.as_bytes()).unwrap();
        } else {
            std::io::copy(&mut f, &mut w).unwrap();
        }
    }
    w.finish().unwrap();

    let imported = import_file(&path).unwrap();
    let r = &imported.report;
    assert_eq!((r.template, r.year, r.agency.as_str()), (TemplateId::V2021, 2024, "青山县统计局"));
    assert!(r.unread.is_empty(), "{:?}", imported.review_lines());
    let n = |s: &str| -> Option<Decimal> {
        if s == "/" { None } else { Some(s.replace(',', "").split('（').next().unwrap().parse().unwrap()) }
    };
    let mut k = 0;
    for (i, row) in r.disclosure.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            assert_eq!(*cell, n(&values[k]), "表二 {i} {j}");
            k += 1;
        }
    }
    for (i, row) in r.applications.iter().enumerate() {
        for (j, cell) in row.iter().enumerate() {
            assert_eq!(*cell, values[k].parse::<i64>().ok(), "表三 {i} {j}");
            k += 1;
        }
    }
    for (j, cell) in r.reviews.iter().enumerate() {
        assert_eq!(*cell, values[k].parse::<i64>().ok(), "表四 {j}");
        k += 1;
    }
    let review = imported.review_lines().join("\n");
    assert!(
        review.contains("原文为「/」") && review.contains("其中修订16件") && review.contains("Word 第 1 个表格第 3 行"),
        "{review}"
    );
    assert_eq!(r.overview.lead, "全年主动公开政府信息120条。");
    assert_eq!(r.problems[0].body, "公开渠道有待拓宽。");
    assert_eq!(r.processing_fee, Some(Decimal::from_int(0)));
}

fn regex_free_text(xml: &str) -> String {
    // The text of <w:t> and <w:t xml:space="preserve"> elements.
    let mut out = String::new();
    let mut rest = xml;
    while let Some(a) = rest.find("<w:t") {
        let after = &rest[a + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            rest = after;
            continue;
        }
        let open = after.find('>').unwrap();
        let close = after.find("</w:t>").unwrap();
        out.push_str(&after[open + 1..close]);
        rest = &after[close..];
    }
    out
}

/// 淮安市洪泽区人民政府 2024, the PDF as published (made with WPS: one string
/// per character, Times digits, 表三 over two pages, labels wrapped around
/// numbers centred in their rows, （六）其他处理 printed as one row).
#[test]
fn hongze_2024_pdf() {
    let imported = import_file(&shared("hongze-2024.pdf")).unwrap();
    let r = &imported.report;
    assert_eq!((r.template, r.year, r.agency.as_str()), (TemplateId::V2021, 2024, "淮安市洪泽区人民政府"));
    assert_eq!(
        r.disclosure,
        vec![d(&["0", "0", "0"]), d(&["3", "0", "8"]), d(&["9487"]), d(&["2776"]), d(&["84"]), d(&["7545"])]
    );
    let one = |n: i64| row([n, 0, 0, 0, 0, 0, n]);
    let mut want = vec![one(0); 25];
    for (i, n) in [(0, 95), (2, 50), (3, 9), (6, 1), (9, 1), (10, 1), (12, 31), (13, 1), (15, 1), (23, 95)] {
        want[i] = one(n);
    }
    for (i, w) in want.iter().enumerate() {
        if (20..23).contains(&i) {
            // The single （六） row cannot say which of 1–3 its numbers belong to.
            for j in 0..7 {
                let u = r.unread_at(nianbao::model::check::CellRef::applications(i, j)).expect("unread");
                assert!(u.reason.contains("只有一行"), "{u:?}");
            }
        } else {
            assert_eq!(&r.applications[i], w, "row {i}");
        }
    }
    assert_eq!(r.unread.len(), 21);
    assert_eq!(r.reviews, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3].map(Some));
    assert!(r.preamble.contains("统计期限自2024年1月1日起至2024年12月31日止"), "{}", r.preamble);
    assert_eq!((r.contact.phone.as_str(), r.contact.postcode.as_str()), ("0517-87290606", "223100"));
    assert_eq!(r.overview.sections[2].title, "政府信息管理情况");
    assert_eq!(r.processing_fee, Some(Decimal::from_int(0)));
    let findings = nianbao::model::check(r, None);
    assert!(findings.iter().all(|f| f.severity != nianbao::model::Severity::Error), "{findings:?}");
    assert!(findings.iter().any(|f| f.message.starts_with("无法核对")));
}

#[test]
fn pdf_exports_import_back_to_the_same_report() {
    let dir = scratch("pdf");
    for name in ["qingshan-2024.json", "zhoucun-2023.json", "errors-2024.json"] {
        let mut report = example(name);
        report.signature.unit = "某县某局".into();
        report.signature.date = "2025年1月20日".into();
        let path = exported(&report, nianbao::export::Format::Pdf, &dir, &format!("{name}.pdf"));
        let imported = import_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&imported.report, &report, name);
    }
}

#[test]
fn pdfs_without_text_or_encrypted_are_refused_clearly() {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"q 100 0 0 100 0 0 cm Q".to_vec()));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] });
    doc.objects
        .insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    // No text and nothing drawn: not called a scan.
    let e = nianbao::import::pdf::from_bytes(&bytes).unwrap_err().0;
    assert!(e.contains("没有可读的文字") && !e.contains("OCR"), "{e}");
    // A scan: the page draws an image.
    let image = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
        vec![0],
    ));
    let content = doc.add_object(Stream::new(dictionary! {}, b"q 100 0 0 100 0 0 cm /Im0 Do Q".to_vec()));
    if let Ok(Object::Dictionary(p)) = doc.get_object_mut(page) {
        p.set("Contents", content);
        p.set("Resources", dictionary! { "XObject" => dictionary! { "Im0" => image } });
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let e = nianbao::import::pdf::from_bytes(&bytes).unwrap_err().0;
    assert!(e.contains("扫描") && e.contains("OCR"), "{e}");
    // A page tree whose kids loop back to itself: damaged, not a scan.
    let mut looped = doc.clone();
    looped.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![pages_id.into(), page.into()], "Count" => 2 }),
    );
    let mut bytes = Vec::new();
    looped.save_to(&mut bytes).unwrap();
    let e = nianbao::import::pdf::from_bytes(&bytes).unwrap_err().0;
    assert!(e.contains("损坏") && !e.contains("扫描"), "{e}");

    let encrypt = doc.add_object(dictionary! { "Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128, "P" => -4,
    "O" => Object::string_literal(vec![1u8; 32]), "U" => Object::string_literal(vec![2u8; 32]) });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set("ID", vec![Object::string_literal(vec![3u8; 16]), Object::string_literal(vec![3u8; 16])]);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let e = nianbao::import::pdf::from_bytes(&bytes).unwrap_err().0;
    assert!(e.contains("加密") || e.contains("损坏"), "{e}");

    let mut truncated = std::fs::read(shared("hongze-2024.pdf")).unwrap();
    truncated.truncate(truncated.len() / 3);
    // lopdf may recover what it can of a truncated file; either way no panic, and a message if not.
    if let Err(e) = nianbao::import::pdf::from_bytes(&truncated) {
        assert!(!e.0.is_empty());
    }
    let mut broken_xref = std::fs::read(shared("hongze-2024.pdf")).unwrap();
    let at = broken_xref.windows(9).rposition(|w| w == b"startxref").unwrap();
    broken_xref[at + 10..].fill(b'9');
    let _ = nianbao::import::pdf::from_bytes(&broken_xref);
}

/// What the fuzz target `import_document` does, as a plain test (CI does not
/// fuzz): random bytes and damaged real files into every reader, answered
/// without a panic, and what imports saves and loads back.
#[test]
fn damaged_and_random_files_are_answered_never_a_panic() {
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let originals = [
        std::fs::read(shared("hongze-2024.pdf")).unwrap(),
        std::fs::read(shared("template-govnianbao.docx")).unwrap(),
        std::fs::read(shared("pingtan-2024.html")).unwrap(),
        std::fs::read(shared("pingtan-2021.txt")).unwrap(),
    ];
    for round in 0..40 {
        for (kind, original) in originals.iter().enumerate() {
            let mut bytes = original.clone();
            if round % 4 == 0 {
                bytes.truncate((next() as usize) % bytes.len());
            }
            for _ in 0..1 + next() % 20 {
                let at = (next() as usize) % bytes.len().max(1);
                if let Some(b) = bytes.get_mut(at) {
                    *b = next() as u8;
                }
            }
            let source = match kind {
                0 => nianbao::import::pdf::from_bytes(&bytes).ok(),
                1 => nianbao::import::docx::from_bytes(&bytes).ok(),
                2 => nianbao::import::html::from_text(&String::from_utf8_lossy(&bytes)).ok(),
                _ => nianbao::import::text::decode(&bytes).ok().map(|t| nianbao::import::Source::plain(&t)),
            };
            if let Some(source) = source
                && let Ok(imported) = nianbao::import::import_source(&source)
            {
                let json = nianbao::model::file::to_json(&imported.report);
                nianbao::model::file::from_json(&json).expect("an imported report saves and loads");
            }
        }
    }
}
