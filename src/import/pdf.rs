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
mod clash;
mod cmap;
mod encrypt;
mod fonts;
mod grid;
mod lines;
mod overdrawn;
mod page;
mod path;
mod resources;
mod rows;
mod show;
mod straddle;
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
const MAX_OPERATIONS: usize = 4_000_000;

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
        let drawn = page::page_runs(&doc, id, &mut budget)?;
        chars += drawn.runs.iter().flat_map(|r| r.text.chars()).filter(|&c| c != fonts::UNMAPPED).count();
        unmapped += drawn.unmapped;
        lines::write_page(number, overdrawn::once(drawn.runs), &drawn.rules, &mut out, &mut carry);
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
        if !page_tree_whole(&doc, found) {
            return Err(ImportError(if found == 0 {
                "PDF 文件已损坏：页面目录有误，找不到任何一页，无法读取其中的文字".to_string()
            } else {
                format!("PDF 文件已损坏：页面目录有误（目录所写的页数与找到的 {found} 页不符），无法读取其中的文字")
            }));
        }
        if !ids.iter().any(|&id| has_image(&doc, id)) {
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
}
