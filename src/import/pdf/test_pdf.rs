//! One-page PDFs for the readers' tests.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// Helvetica in WinAnsiEncoding, the font most test pages draw with.
pub fn helvetica() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" }
}

/// Makes `doc` one A4 page drawing `content` with `font` as /F1.
pub fn one_page(doc: &mut Document, font: Dictionary, content: &[u8]) {
    pages(doc, font, &[content]);
}

/// Makes `doc` A4 pages, each drawing its `contents` with `font` as /F1.
pub fn pages(doc: &mut Document, font: Dictionary, contents: &[&[u8]]) {
    let pages = doc.new_object_id();
    let font = doc.add_object(font);
    let mut kids: Vec<Object> = Vec::new();
    for content in contents {
        let content = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(pages, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
}

/// The file's bytes.
pub fn saved(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// Makes `doc` one A4 page drawing `content` with Helvetica as /F1, more
/// `resources` (/ExtGState, /XObject) and more page entries (/CropBox, /Rotate, a /MediaBox instead).
pub fn page_with(content: &str, resources: Dictionary, entries: Dictionary) -> Vec<u8> {
    let mut doc = Document::with_version("1.4");
    one_page(&mut doc, helvetica(), content.as_bytes());
    let page = doc.get_pages()[&1];
    let page = doc.get_dictionary_mut(page).unwrap();
    if let Ok(Object::Dictionary(r)) = page.get_mut(b"Resources") {
        resources.into_iter().for_each(|(k, v)| r.set(k, v));
    }
    entries.into_iter().for_each(|(k, v)| page.set(k, v));
    saved(doc)
}
