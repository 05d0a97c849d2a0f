//! A page box (/MediaBox, /CropBox, …) written with a number past what a PDF
//! number holds: the page object cannot be read (lopdf drops it), so the page
//! tree seems to hold no page. The message names that fault, not the tree.

use lopdf::{Document, Object};

use super::{ImportError, MAX_STREAM};

const BOXES: [&[u8]; 5] = [b"/MediaBox", b"/CropBox", b"/BleedBox", b"/TrimBox", b"/ArtBox"];

/// Whether `text` writes a page box with an integer too large to read.
fn abnormal_box(text: &[u8]) -> bool {
    BOXES.iter().any(|key| {
        text.windows(key.len()).enumerate().filter(|(_, w)| w == key).any(|(at, _)| {
            let rest = &text[at + key.len()..];
            let rest = &rest[..rest.len().min(200)];
            let Some(open) = rest.iter().position(|&c| !c.is_ascii_whitespace()).filter(|&i| rest[i] == b'[') else {
                return false;
            };
            let inside = &rest[open + 1..];
            let inside = &inside[..inside.iter().position(|&c| c == b']').unwrap_or(inside.len())];
            inside.split(|c| c.is_ascii_whitespace()).any(|token| {
                let digits = token.strip_prefix(b"-").or_else(|| token.strip_prefix(b"+")).unwrap_or(token);
                !digits.is_empty()
                    && digits.iter().all(u8::is_ascii_digit)
                    && std::str::from_utf8(token).ok().and_then(|t| t.parse::<i64>().ok()).is_none()
            })
        })
    })
}

/// `error` told as what it is when no page could be read because a page box
/// is out of range (in the file's bytes or in its object streams).
pub(super) fn told(error: ImportError, bytes: &[u8], doc: &Document) -> ImportError {
    if !error.0.contains("页面目录有误") {
        return error;
    }
    let in_streams = || {
        doc.objects.values().filter_map(|o| o.as_stream().ok()).take(10_000).any(|s| {
            matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n == b"ObjStm")
                && s.get_plain_content_with_limit(MAX_STREAM).is_ok_and(|c| abnormal_box(&c))
        })
    };
    if abnormal_box(bytes) || in_streams() {
        return ImportError(
            "PDF 文件已损坏：页面尺寸异常（页面框 /MediaBox 等写的数值超出范围），读不出页面，无法读取其中的文字：请另存（打印）为新的 PDF 后再试，或用 Word 原稿或网页导入".into(),
        );
    }
    error
}

#[cfg(test)]
mod tests {
    use lopdf::Document;

    use crate::import::pdf::{from_bytes, test_pdf};

    #[test]
    fn a_page_box_too_large_to_read_is_told_as_such() {
        let mut doc = Document::with_version("1.4");
        let text = b"BT /F1 12 Tf 50 700 Td (Annual report of the county office, the whole text) Tj ET";
        test_pdf::one_page(&mut doc, test_pdf::helvetica(), text);
        let page = doc.get_pages()[&1];
        let wide = lopdf::Object::Name(vec![b'W'; 30]);
        doc.get_dictionary_mut(page).unwrap().set("MediaBox", vec![0.into(), 0.into(), wide, 842.into()]);
        let pdf = test_pdf::saved(doc);
        // The page's /MediaBox 1e30 points wide, written as an integer (the
        // name holds its place, the cross-reference table stays right).
        let name = format!("/{}", "W".repeat(30));
        let at = pdf.windows(name.len()).position(|w| w == name.as_bytes()).unwrap();
        let mut pdf = pdf;
        pdf.splice(at..at + name.len(), b"1000000000000000019884624838656".iter().copied());
        let e = from_bytes(&pdf).unwrap_err().0;
        assert!(e.contains("页面尺寸异常") && !e.contains("页面目录有误"), "{e}");
    }
}
