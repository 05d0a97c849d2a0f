//! The last pass over docx-rs's package, for what docx-rs cannot write: the font
//! table with the fallback names, the file's properties (docx-rs leaves author
//! 「unknown」, created 1970-01-01, no title), and the repeating header rows of
//! tables 三 and 四 (`w:tblHeader`).

use std::io::{Cursor, Read, Write};

use super::html::escape;

/// What the package gets besides docx-rs's parts.
pub(super) struct Package<'a> {
    /// word/fontTable.xml.
    pub font_table: String,
    pub title: &'a str,
    /// The agency: author and last editor.
    pub author: &'a str,
    /// Header rows of each table, in document order (0: none repeat).
    pub header_rows: Vec<usize>,
}

/// The package with its parts replaced.
pub(super) fn finish(docx: &[u8], package: &Package) -> Result<Vec<u8>, String> {
    let zip_failed = |_| "无法生成 Word 文件（重新打包时出错）".to_string();
    let mut input = zip::ZipArchive::new(Cursor::new(docx)).map_err(zip_failed)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut entry = input.by_index(i).map_err(zip_failed)?;
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|_| "无法生成 Word 文件（读取文档时出错）".to_string())?;
        match name.as_str() {
            "word/fontTable.xml" => data = package.font_table.clone().into_bytes(),
            "docProps/core.xml" => data = core_properties(package.title, package.author, now_w3cdtf()).into_bytes(),
            "word/document.xml" => {
                let xml = String::from_utf8(data).map_err(|_| "无法生成 Word 文件（文档编码出错）".to_string())?;
                data = repeat_header_rows(&xml, &package.header_rows)
                    .ok_or_else(|| "无法生成 Word 文件（标记表头时出错）".to_string())?
                    .into_bytes();
            }
            _ => {}
        }
        out.start_file(name, options).map_err(zip_failed)?;
        out.write_all(&data).map_err(|_| "无法生成 Word 文件（写入时出错）".to_string())?;
    }
    Ok(out.finish().map_err(zip_failed)?.into_inner())
}

/// Now, as OOXML core properties write dates (W3CDTF, UTC).
fn now_w3cdtf() -> String {
    let t = super::made_at();
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute(), t.second())
}

/// docProps/core.xml: title, author, created and modified.
fn core_properties(title: &str, author: &str, when: String) -> String {
    let (title, author) = (escape(title), escape(author));
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"#,
            r#"<cp:revision>1</cp:revision>"#,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            r#"</cp:coreProperties>"#
        ),
        title = title,
        author = author,
        when = when
    )
}

/// Marks the first `header_rows[t]` rows of the t-th table as repeating on every
/// page (`<w:tblHeader/>` in the row properties; docx-rs has no setter for it).
/// Every row docx-rs writes here has row properties (`cantSplit`). None: the
/// document is not as expected.
fn repeat_header_rows(xml: &str, header_rows: &[usize]) -> Option<String> {
    const TABLE: &str = "<w:tbl>";
    const ROW_PROPERTIES: &str = "<w:trPr>";
    let mut out = String::with_capacity(xml.len() + 64);
    let mut tables = xml.split(TABLE);
    out.push_str(tables.next()?);
    let mut seen = 0;
    for (t, table) in tables.enumerate() {
        seen += 1;
        out.push_str(TABLE);
        let mut rest = table;
        for _ in 0..header_rows.get(t).copied().unwrap_or(0) {
            let at = rest.find(ROW_PROPERTIES)? + ROW_PROPERTIES.len();
            out.push_str(&rest[..at]);
            out.push_str("<w:tblHeader />");
            rest = &rest[at..];
        }
        out.push_str(rest);
    }
    (seen == header_rows.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_are_marked_in_their_own_table_only() {
        let row = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>";
        let xml = format!("<w:body><w:tbl>{row}{row}</w:tbl><w:p/><w:tbl>{row}{row}{row}</w:tbl></w:body>");
        let marked = repeat_header_rows(&xml, &[0, 2]).unwrap();
        let (first, second) = marked.split_at(marked.find("<w:p/>").unwrap());
        assert!(!first.contains("tblHeader"));
        assert_eq!(second.matches("<w:trPr><w:tblHeader /><w:cantSplit />").count(), 2);
        assert_eq!(second.matches("<w:trPr>").count(), 3);
        assert!(repeat_header_rows(&xml, &[0]).is_none(), "a table more than expected");
    }

    #[test]
    fn the_properties_name_the_report_and_escape_it() {
        let xml = core_properties("某局<2024>年报", "某局&办", "2026-01-02T03:04:05Z".into());
        assert!(xml.contains("<dc:title>某局&lt;2024&gt;年报</dc:title>"));
        assert!(xml.contains("<dc:creator>某局&amp;办</dc:creator>"));
        assert!(xml.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-02T03:04:05Z</dcterms:created>"#));
        let now = now_w3cdtf();
        assert_eq!((now.len(), &now[4..5], &now[10..11], &now[19..]), (20, "-", "T", "Z"));
    }
}
