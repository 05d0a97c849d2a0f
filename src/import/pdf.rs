//! PDF files: the text each page shows, with its position (lopdf reads the
//! file and decodes the strings; placing them is ours).
//!
//! Each string drawn is placed by the text and graphics matrices; strings on
//! one baseline make a line, left to right, with a tab where the gap between
//! them is wider than a character (a new table cell). The straight rules the
//! page draws are kept too: in a ruled table each number is put in the cell
//! whose edges enclose it (`pdf/grid.rs`), so a blank cell stays blank and no
//! number moves into its neighbour's column. A table row whose label
//! wraps around numbers centred in their cells has the label's later lines
//! moved before the numbers. Page numbers at the top or bottom are dropped.
//! An encrypted PDF, and a scanned one with no text, are refused with a
//! message (no OCR is done). Text drawn twice over itself to look bold is
//! read once (`pdf/overdrawn.rs`).

use lopdf::{Document, Object};

mod actual;
mod annots;
mod clash;
mod cmap;
mod continued;
mod encrypt;
mod fonts;
mod grid;
#[cfg(test)]
mod layer_tests;
mod lines;
mod ops;
mod optional;
mod overdrawn;
mod page;
#[cfg(test)]
mod page_tests;
mod pagesize;
mod path;
mod repair;
mod resources;
mod rows;
mod show;
mod straddle;
mod strike;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod test_pdf;
mod torn;
mod turn;
mod visible;
#[cfg(test)]
mod visible_tests;

use super::ImportError;
use super::stream::Source;
use crate::read_limits::{SizeCap, read_regular_file};

/// The largest PDF read (scans and seal images make real ones a few MB).
pub const PDF_CAP: SizeCap = SizeCap { bytes: 64 * 1024 * 1024, what: "PDF 文件" };
/// The most pages read (a report has 5 to 20).
pub const MAX_PAGES: usize = 300;
/// The largest page content or stream unpacked.
const MAX_STREAM: usize = 16 * 1024 * 1024;
/// The most drawing operations interpreted in the whole file.
const MAX_OPERATIONS: usize = 2_000_000;
/// The most drawing operations on one page (a page of a real report has a
/// few thousand; each is counted before any is decoded, see `pdf/ops.rs`).
const MAX_PAGE_OPERATIONS: usize = 200_000;

/// A string drawn on a page.
#[derive(Clone, Debug)]
struct Run {
    x: f32,
    y: f32,
    end: f32,
    size: f32,
    text: String,
}

/// A straight rule drawn on a page (a table's cell edge), in page space:
/// vertical at x = `at` from y = `from` up to `to`, or horizontal at y = `at`
/// from x = `from` right to `to`.
#[derive(Clone, Copy, Debug)]
struct Rule {
    vertical: bool,
    at: f32,
    from: f32,
    to: f32,
}

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, PDF_CAP).map_err(|e| ImportError(e.to_string()))?;
    from_bytes(&bytes)
}

pub fn from_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
    if !bytes.starts_with(b"%PDF") && !bytes[..bytes.len().min(1024)].windows(4).any(|w| w == b"%PDF") {
        return Err(ImportError("文件不是 PDF（开头没有 %PDF 标记）".into()));
    }
    let locked = encrypted().0;
    match open(bytes).and_then(|doc| read_document(&doc).map_err(|e| pagesize::told(e, bytes, &doc))) {
        Err(e) if e.0 != locked => {
            // A cross-reference table pointing to the wrong places, a stream whose
            // /Length misses its end: the objects found by scanning, read again.
            repair::rebuilt(bytes).map_or(Err(e.clone()), |fixed| open(&fixed).and_then(|doc| read_document(&doc)).map_err(|_| e))
        }
        read => read,
    }
}

/// The document in `bytes`, decrypted with the empty password if it can be.
fn open(bytes: &[u8]) -> Result<Document, ImportError> {
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_STREAM), ..lopdf::LoadOptions::default() };
    let load = |bytes: &[u8]| {
        Document::load_mem_with_options(bytes, options.clone()).map_err(|e| match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => encrypted(),
            _ => ImportError("PDF 文件已损坏，无法读取（文件可能不完整，或交叉引用表损坏）".into()),
        })
    };
    let mut doc = load(bytes)?;
    // The /Encrypt dictionary in the trailer itself: given an object of its own, loaded again.
    if let Some(fixed) = encrypt::with_encrypt_object(bytes, &doc.trailer, doc.max_id) {
        doc = load(&fixed)?;
    }
    // Still encrypted after the empty password was tried: a password is needed.
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(encrypted());
    }
    Ok(doc)
}

/// The text of the document's pages.
fn read_document(doc: &Document) -> Result<Source, ImportError> {
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(ImportError(format!("PDF 有 {} 页，一份年报只有几页到二十几页（最多读 {MAX_PAGES} 页）", pages.len())));
    }
    let mut budget = MAX_OPERATIONS;
    let mut out = Source::default();
    let mut carry = lines::Carry::default();
    let (mut chars, mut unmapped) = (0, 0);
    let (found, ids): (usize, Vec<lopdf::ObjectId>) = (pages.len(), pages.values().copied().collect());
    for (number, id) in pages {
        let drawn = page::page_runs(doc, id, &mut budget)?;
        chars += drawn.runs.iter().flat_map(|r| r.text.chars()).filter(|&c| c != fonts::UNMAPPED).count();
        unmapped += drawn.unmapped;
        let (runs, mut rules) = (overdrawn::once(drawn.runs), drawn.rules);
        let strikes = strike::apart(&runs, &mut rules);
        lines::write_struck_page(number, runs, &rules, &strikes, &mut out, &mut carry);
    }
    carry.finish(&mut out);
    // Text in fonts without a character map (no /ToUnicode, glyphs without
    // names): there is text, but which characters is not known.
    if unmapped > 0 && unmapped >= chars {
        return Err(ImportError(format!(
            "PDF 中的文字无法识别（字体没有字符映射）：有 {unmapped} 个字无法确定是什么字。这不是扫描件，但本程序无法读出其中的文字，请用 Word 原稿或网页导入，或另存（打印）为新的 PDF 后再试"
        )));
    }
    if chars < 20 {
        if !page_tree_whole(doc, found) {
            return Err(ImportError(if found == 0 && doc.catalog().is_err() {
                "PDF 文件已损坏：交叉引用表有误，找不到文档目录（根对象），无法读取其中的文字".to_string()
            } else if found == 0 {
                "PDF 文件已损坏：页面目录有误，找不到任何一页，无法读取其中的文字".to_string()
            } else {
                format!("PDF 文件已损坏：页面目录有误（目录所写的页数与找到的 {found} 页不符），无法读取其中的文字")
            }));
        }
        if !ids.iter().any(|&id| has_image(doc, id)) {
            return Err(ImportError("PDF 中没有可读的文字，也没有扫描的图片：文件可能已损坏，或不是年报".into()));
        }
        return Err(ImportError(
            "PDF 中没有文字（是扫描的图片）：本程序不做文字识别（OCR），请用 Word 原稿或网页导入，或手工录入".into(),
        ));
    }
    Ok(out)
}

/// Whether the page tree holds the pages its root says (a tree whose kids
/// loop back, or point nowhere, holds fewer).
fn page_tree_whole(doc: &Document, found: usize) -> bool {
    let count = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .and_then(|pages| pages.get(b"Count"))
        .and_then(Object::as_i64);
    found > 0 && count.is_ok_and(|n| n == found as i64)
}

/// Whether a page has an image to draw (what a scanned page is).
fn has_image(doc: &Document, page: lopdf::ObjectId) -> bool {
    let Ok((own, inherited)) = doc.get_page_resources(page) else { return false };
    fn dictionary<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        }
    }
    let is_image = |o: &Object| {
        let stream = o.as_reference().ok().and_then(|id| doc.get_object(id).ok()).and_then(|o| o.as_stream().ok());
        stream.is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image"))
    };
    own.into_iter()
        .chain(inherited.iter().filter_map(|id| doc.get_dictionary(*id).ok()))
        .filter_map(|resources| resources.get(b"XObject").ok().and_then(|x| dictionary(doc, x)))
        .any(|xobjects| xobjects.iter().any(|(_, o)| is_image(o)))
}

/// The one message for a file drawing more than a report does (`why`: how much).
fn too_many_operations(why: &str) -> ImportError {
    ImportError(format!("PDF 的绘制指令过多（{why}，一份年报一页只有几千条）：不像年报，或是恶意构造的文件，不导入"))
}

fn encrypted() -> ImportError {
    ImportError("PDF 已加密（设置了打开密码或权限密码），无法读取其中的文字：请用未加密的 PDF、Word 原稿或网页导入".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_or_broken() {
        assert!(from_bytes(b"hello").unwrap_err().0.contains("不是 PDF"));
        assert!(from_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF").unwrap_err().0.contains("损坏"));
    }

    #[test]
    fn an_xref_section_pointing_to_itself_is_told_as_such() {
        let mut pdf = segments(0);
        let root = Document::load_mem(&pdf).unwrap().trailer.get(b"Root").unwrap().as_reference().unwrap();
        let at = pdf.len();
        pdf.extend(
            format!(
                "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 9 /Root {} 0 R /Prev {at} >>\nstartxref\n{at}\n%%EOF\n",
                root.0
            )
            .bytes(),
        );
        // The objects found by scanning (`pdf/repair.rs`): read.
        let text = from_bytes(&pdf).unwrap().text;
        assert!(text.contains("Annual report"), "{text}");
        // A root found neither by the cross-reference table nor by scanning: told as such.
        let mut pdf = segments(0);
        let at = pdf.len();
        pdf.extend(
            format!("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 9 /Root 99 0 R /Prev {at} >>\nstartxref\n{at}\n%%EOF\n")
                .bytes(),
        );
        let e = from_bytes(&pdf).unwrap_err().0;
        assert!(e.contains("交叉引用表有误"), "{e}");
    }

    /// A one-page PDF with a line of text and `segments` one-point lines.
    fn segments(segments: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let text = "BT /F1 12 Tf 50 700 Td (Annual report of the county office, the whole text) Tj ET\n";
        let content = text.to_string() + &"0 0 m 1 1 l S\n".repeat(segments);
        test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
        test_pdf::saved(doc)
    }

    #[test]
    fn drawing_operations_are_counted_before_decoding_and_decoded_in_chunks() {
        // 1,000,000 segments (3,000,000 operations) took 1.7 GB decoded at once: refused undecoded.
        ops::DECODED.with(|d| d.set(0));
        let e = from_bytes(&segments(1_000_000)).unwrap_err().0;
        assert!(e.starts_with("PDF 的绘制指令过多（一页有 3000005 条"), "{e}");
        assert_eq!(ops::DECODED.with(|d| d.get()), 0);
        // Under the bound, the page is read a chunk at a time (memory bounded by the chunk).
        let n = (MAX_PAGE_OPERATIONS - 10) / 3;
        let text = from_bytes(&segments(n)).unwrap().text;
        assert!(text.contains("Annual report"), "{text}");
        assert_eq!(ops::DECODED.with(|d| d.get()), (3 * n + 5).div_ceil(ops::CHUNK));
    }

    #[test]
    fn a_text_object_over_chunks_is_one_interpretation() {
        // The font and position set in the first chunk, the string shown in the second.
        let content = format!(
            "BT /F1 12 Tf 50 700 Td {}(Annual report of the county office, the whole text) Tj ET",
            "0 0 Td\n".repeat(ops::CHUNK)
        );
        let mut doc = Document::with_version("1.4");
        test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
        ops::DECODED.with(|d| d.set(0));
        let text = from_bytes(&test_pdf::saved(doc)).unwrap().text;
        assert_eq!(text, "Annual report of the county office, the whole text\n");
        assert_eq!(ops::DECODED.with(|d| d.get()), 2);
    }

    #[test]
    fn a_form_xobjects_operations_are_counted_before_decoding_each_time_it_is_drawn() {
        use lopdf::{Stream, dictionary};
        let read = |page: &str, form_ops: usize| {
            let content = format!("BT /F1 12 Tf 50 700 Td (Annual report of the county office, the whole text) Tj ET {page}");
            let mut doc = Document::with_version("1.4");
            test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
            let form =
                doc.add_object(Stream::new(dictionary! { "Type" => "XObject", "Subtype" => "Form" }, b"n\n".repeat(form_ops)));
            let page = doc.get_pages()[&1];
            if let Ok(Object::Dictionary(r)) = doc.get_dictionary_mut(page).unwrap().get_mut(b"Resources") {
                r.set("XObject", dictionary! { "Fm1" => form });
            }
            ops::DECODED.with(|d| d.set(0));
            let read = from_bytes(&test_pdf::saved(doc));
            (read, ops::DECODED.with(|d| d.get()))
        };
        // Over the page's bound by itself: refused, only the page's content
        // decoded (in each reading: as loaded and as `pdf/repair.rs` rebuilt it).
        let (e, decoded) = read("/Fm1 Do", MAX_PAGE_OPERATIONS + 1);
        let e = e.unwrap_err().0;
        assert!(e.starts_with(&format!("PDF 的绘制指令过多（一页有 {} 条", MAX_PAGE_OPERATIONS + 7)), "{e}");
        assert_eq!(decoded, 2);
        // Drawn twice, the page's bound is passed by the second time: refused before decoding it again.
        let half = MAX_PAGE_OPERATIONS / 2 + 1;
        let (e, decoded) = read("/Fm1 Do /Fm1 Do", half);
        assert!(e.unwrap_err().0.starts_with("PDF 的绘制指令过多（一页有"));
        assert_eq!(decoded, 2 * (1 + half.div_ceil(ops::CHUNK)));
        // Drawn once under the bounds: read.
        let (text, _) = read("/Fm1 Do", 10);
        assert!(text.unwrap().text.contains("Annual report"));
    }
}
