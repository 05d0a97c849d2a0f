//! The last pass over printpdf's document, with lopdf (printpdf's own object
//! library): the bookmarks, an honest document information dictionary, compact
//! glyph widths, compressed streams, and object and cross-reference streams.

use lopdf::{Dictionary, Object, ObjectId, SaveOptions, StringFormat};

use super::pdf::PdfError;
use crate::layout::Document;

/// The width a CID font's glyphs have unless `/W` says otherwise (ISO 32000-1
/// §9.7.4.3: `/DW` defaults to 1000); every CJK glyph has it.
const DEFAULT_WIDTH: i64 = 1000;

/// printpdf's document made final, as the PDF file's bytes.
/// `deflated`: streams' contents deflated ahead of time, as (content, deflated).
pub(super) fn finish(mut pdf: lopdf::Document, doc: &Document, deflated: &[(Vec<u8>, Vec<u8>)]) -> Result<Vec<u8>, PdfError> {
    add_outline(&mut pdf, doc)?;
    tidy_info(&mut pdf);
    compact_widths(&mut pdf);
    compress_streams(&mut pdf, deflated);
    let options =
        SaveOptions::builder().use_object_streams(true).use_xref_streams(true).compression_level(super::deflate::LEVEL).build();
    let mut out = Vec::new();
    pdf.save_with_options(&mut out, options).map_err(|_| PdfError("写出 PDF 内容时出错".into()))?;
    Ok(out)
}

/// Deflates every stream that is not yet encoded, where that makes it smaller
/// (as lopdf's `Stream::compress` reckons: the /Filter entry costs 19 bytes);
/// a content found in `ahead` is not deflated again.
fn compress_streams(pdf: &mut lopdf::Document, ahead: &[(Vec<u8>, Vec<u8>)]) {
    let streams = pdf
        .objects
        .values_mut()
        .filter_map(|o| o.as_stream_mut().ok())
        .filter(|s| s.allows_compression && s.dict.get(b"Filter").is_err());
    let (mut done, mut todo): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for stream in streams {
        match ahead.iter().find(|(content, _)| *content == stream.content) {
            Some((_, deflated)) => done.push((stream, Some(deflated.clone()))),
            None => todo.push(stream),
        }
    }
    let inputs: Vec<&[u8]> = todo.iter().map(|s| s.content.as_slice()).collect();
    let deflated = super::deflate::deflate_all(&inputs);
    done.extend(todo.into_iter().zip(deflated));
    for (stream, deflated) in done {
        if let Some(deflated) = deflated.filter(|d| d.len() + 19 < stream.content.len()) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(deflated);
        }
    }
}

/// The bookmarks, one per part in reading order, each opening its page at the
/// heading (printpdf's own would sort headings on the same page by name and open
/// the page at its top).
fn add_outline(pdf: &mut lopdf::Document, doc: &Document) -> Result<(), PdfError> {
    if doc.outline.is_empty() {
        return Ok(());
    }
    let pages = pdf.get_pages();
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = doc.outline.iter().map(|_| pdf.new_object_id()).collect();
    for (i, entry) in doc.outline.iter().enumerate() {
        let page = pages.get(&(entry.page as u32 + 1)).copied().ok_or_else(|| PdfError("书签指向不存在的页".into()))?;
        let title: Vec<u8> = [0xFE, 0xFF].into_iter().chain(entry.title.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let mut item = Dictionary::new();
        item.set("Title", Object::String(title, StringFormat::Hexadecimal));
        item.set("Parent", root);
        // PDF measures from the bottom of the page; the zoom stays as the reader has it.
        let top = (doc.height - entry.y).round() as i64;
        item.set("Dest", vec![page.into(), "XYZ".into(), Object::Null, top.into(), Object::Null]);
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.set("Next", ids[i + 1]);
        }
        pdf.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", ids[0]);
    outlines.set("Last", ids[ids.len() - 1]);
    outlines.set("Count", ids.len() as i64);
    pdf.objects.insert(root, Object::Dictionary(outlines));
    let catalog = pdf.catalog_mut().map_err(|_| PdfError("添加书签时出错".into()))?;
    catalog.set("Outlines", root);
    catalog.set("PageMode", "UseOutlines");
    Ok(())
}

/// printpdf writes `/GTS_PDFXVersion ()` into every file, which readers take for
/// a PDF/X claim (pdfinfo: “PDF subtype: PDF/X”); this file makes none. Empty
/// entries (subject, keywords, identifier) go too.
fn tidy_info(pdf: &mut lopdf::Document) {
    let Ok(id) = pdf.trailer.get(b"Info").and_then(Object::as_reference) else { return };
    let Ok(info) = pdf.get_object_mut(id).and_then(Object::as_dict_mut) else { return };
    info.remove(b"GTS_PDFXVersion");
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, v)| match v {
            Object::String(s, _) => s.is_empty() || s.as_slice() == [0xFE, 0xFF],
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }
}

/// Rewrites each CID font's `/W` without the glyphs whose width is the default:
/// printpdf lists every glyph, 「N [1000]」 hundreds of times.
fn compact_widths(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        let Ok(font) = object.as_dict_mut() else { continue };
        if !font.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Type0") {
            continue;
        }
        let Ok(Object::Array(descendants)) = font.get_mut(b"DescendantFonts") else { continue };
        for cid_font in descendants.iter_mut().filter_map(|d| d.as_dict_mut().ok()) {
            if cid_font.has(b"DW") {
                continue;
            }
            let Ok(Object::Array(w)) = cid_font.get(b"W") else { continue };
            if let Some(widths) = widths(w) {
                cid_font.set("W", compact(&widths));
            }
        }
    }
}

/// `/W`'s (code, width) pairs, in code order (None: a form this does not read).
fn widths(w: &[Object]) -> Option<Vec<(i64, i64)>> {
    let int = |o: &Object| o.as_i64().ok().or_else(|| o.as_float().ok().map(|f| f.round() as i64));
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let first = int(&w[i])?;
        match w.get(i + 1)? {
            Object::Array(list) => {
                for (k, v) in list.iter().enumerate() {
                    out.push((first + k as i64, int(v)?));
                }
                i += 2;
            }
            last => {
                let (last, width) = (int(last)?, int(w.get(i + 2)?)?);
                out.extend((first..=last).map(|c| (c, width)));
                i += 3;
            }
        }
    }
    out.sort_unstable();
    Some(out)
}

/// `/W` in the `c [w1 w2 …]` form for runs of consecutive codes, default widths left out.
fn compact(widths: &[(i64, i64)]) -> Object {
    let mut out: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut next = i64::MIN;
    for &(code, width) in widths.iter().filter(|(_, w)| *w != DEFAULT_WIDTH) {
        if code != next && !run.is_empty() {
            out.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            out.push(code.into());
        }
        run.push(width.into());
        next = code + 1;
    }
    if !run.is_empty() {
        out.push(Object::Array(run));
    }
    Object::Array(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_widths_are_left_out_and_runs_kept() {
        let w = vec![
            Object::Integer(13),
            Object::Array(vec![278.into(), 333.into(), 1000.into(), 500.into()]),
            Object::Integer(97),
            Object::Array(vec![1000.into(), 1000.into()]),
            Object::Integer(200),
            Object::Integer(202),
            Object::Integer(500),
        ];
        let pairs = widths(&w).unwrap();
        assert_eq!(pairs.len(), 9);
        let expected = Object::Array(vec![
            13.into(),
            Object::Array(vec![278.into(), 333.into()]),
            16.into(),
            Object::Array(vec![500.into()]),
            200.into(),
            Object::Array(vec![500.into(), 500.into(), 500.into()]),
        ]);
        assert_eq!(compact(&pairs), expected);
    }
}
