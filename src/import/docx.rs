//! Word files (`.docx`): the official template filled in, or a report typed
//! freely. The document part is unzipped with a cap on its unzipped size (a
//! zip bomb is refused, not inflated), parsed with a cap on its XML nodes, and
//! written out by the common convention: a paragraph a line, a table row a
//! line with a tab before each cell (cells merged down are skipped, as in a
//! web page; a cell merged across columns holding several numbers is written
//! for each column, so each is unread), each line's place its paragraph or
//! table row. A paragraph's
//! text is what Word shows (`runs`): hidden, struck-out, white, tiny, deleted,
//! placeholder and doubled alternative text left out, a superscript or a
//! smaller raised run beside a number a note.

use super::ImportError;
use super::guard;
use super::stream::Source;

mod colour;
mod package;
mod runs;
mod style;
mod table;
use crate::read_limits::{SizeCap, read_regular_file};
#[cfg(test)]
use package::entries;
use package::part;
pub use package::{DOCUMENT_CAP, MAX_ENTRIES, document_xml};
use table::table;

/// The largest .docx read (photos of seals make real ones a few MB).
pub const DOCX_CAP: SizeCap = SizeCap { bytes: 50 * 1024 * 1024, what: "Word 文件" };
/// The most XML nodes parsed.
pub const MAX_NODES: u32 = 2_000_000;
/// Tables inside tables deeper than this are read as text only.
const MAX_TABLE_DEPTH: usize = 8;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, DOCX_CAP).map_err(|e| ImportError(e.to_string()))?;
    from_bytes(&bytes)
}

/// The deepest nesting of elements a document may have: a real one nests a few
/// dozen deep; a crafted one 30,000 deep overflowed the stack while parsing.
const MAX_NESTING: usize = 1_000;

/// Why an XML part is refused before parsing, if it is: found by one linear
/// scan ([`guard::scan`]) of its nesting, attributes and namespaces, which
/// roxmltree's work grows with faster than the part's size.
fn shape_refused(xml: &str) -> Option<String> {
    let shape = guard::scan(xml, guard::Syntax::Xml);
    if shape.deepest > MAX_NESTING {
        return Some(format!(
            "Word 正文的元素嵌套超过 {MAX_NESTING} 层，正常的 Word 文件只有几十层：文件已损坏或是恶意构造的，不导入"
        ));
    }
    // Text a report could not hold, refused before the parser and the
    // writer copy it (20 M characters in one run took 700 MB to refuse).
    if shape.text_chars > super::parse::MAX_CHARS {
        return Some(super::parse::too_much_text(shape.text_chars).0);
    }
    shape.attributes_refused("Word 文件")
}

pub fn from_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
    let xml = document_xml(bytes)?;
    if let Some(why) = shape_refused(&xml) {
        return Err(ImportError(why));
    }
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES };
    let doc = roxmltree::Document::parse_with_options(&xml, options).map_err(|why| {
        ImportError(match why {
            roxmltree::Error::NodesLimitReached => format!("Word 正文的元素超过 {MAX_NODES} 个，一份年报只有几千个：不导入"),
            roxmltree::Error::DtdDetected => "Word 正文中有 DTD 声明，正常的 Word 文件没有：不导入".to_string(),
            roxmltree::Error::AttributesLimitReached | roxmltree::Error::NamespacesLimitReached => {
                "Word 文件结构异常：属性或命名空间声明过多，文件已损坏或是恶意构造的，不导入".to_string()
            }
            _ => "Word 正文不是有效的 XML，文件可能已损坏".to_string(),
        })
    })?;
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .ok_or_else(|| ImportError("Word 正文中没有内容（w:body）".into()))?;
    // Character styles that hide or raise text; a broken styles part is as none.
    let styles_xml = part(bytes, "word/styles.xml").ok().flatten().filter(|x| shape_refused(x).is_none());
    let styles_doc = styles_xml.as_deref().and_then(|x| roxmltree::Document::parse_with_options(x, options).ok());
    let mut w = Writer { styles: style::Styles::read(styles_doc.as_ref()), ..Writer::default() };
    blocks(body, &mut w, 0);
    Ok(Source { text: w.text, places: w.places })
}

#[derive(Default)]
struct Writer {
    styles: style::Styles,
    text: String,
    places: Vec<String>,
    paragraphs: usize,
    tables: usize,
}

impl Writer {
    fn end_line(&mut self, place: String) {
        self.text.push('\n');
        self.places.push(place);
    }
}

/// Paragraphs and tables in order.
fn blocks(parent: roxmltree::Node<'_, '_>, w: &mut Writer, depth: usize) {
    for child in parent.children().filter(roxmltree::Node::is_element) {
        if child.has_tag_name((W, "p")) {
            w.paragraphs += 1;
            let place = format!("Word 第 {} 段", w.paragraphs);
            for line in runs::paragraph(child, &w.styles, false).split('\n') {
                w.text.push_str(line);
                w.end_line(place.clone());
            }
        } else if child.has_tag_name((W, "tbl")) && depth < MAX_TABLE_DEPTH {
            table(child, w, depth);
        } else if (child.has_tag_name((W, "sdt"))
            || child.has_tag_name((W, "sdtContent"))
            || child.has_tag_name((W, "customXml")))
            && !runs::unseen(child)
        {
            blocks(child, w, depth);
        }
    }
}

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod formatting_tests;
#[cfg(test)]
mod opening_tests;
#[cfg(test)]
mod package_tests;
#[cfg(test)]
mod shown_tests;
#[cfg(test)]
mod table_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut out);
        z.start_file("word/document.xml", zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
        z.write_all(document).unwrap();
        z.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn paragraphs_and_cells() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t>情况</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#
        );
        let s = from_bytes(&docx(xml.as_bytes(), zip::CompressionMethod::Deflated)).unwrap();
        assert_eq!(s.text, "一、总体情况\n\t规章\t\t3\n");
        assert_eq!(s.places, ["Word 第 1 段", "Word 第 1 个表格第 1 行"]);
    }

    #[test]
    fn a_cell_across_columns_holding_several_numbers_goes_to_each_column() {
        // 「5 2」 across 社会公益组织 and 法律服务机构 (two paragraphs of a merged
        // cell): which number is whose is a guess, so both columns get the whole
        // cell and the row reader leaves both unread with 5, 2 and 52.
        let span = |n: usize, paragraphs: &str| format!(r#"<w:tc><w:tcPr><w:gridSpan w:val="{n}"/></w:tcPr>{paragraphs}</w:tc>"#);
        let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
        let row = format!(
            "<w:tc>{}</w:tc>{}{}{}<w:tc>{}</w:tc>",
            p("5.内部事务"),
            span(2, &(p("5") + &p("2"))),
            span(2, &p("7")),
            span(2, &p("其他")),
            p("1 / 3")
        );
        let xml = format!(r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr>{row}</w:tr></w:tbl></w:body></w:document>"#);
        let s = from_bytes(&docx(xml.as_bytes(), zip::CompressionMethod::Stored)).unwrap();
        // One number or a label across columns, or numbers in a cell of one column: written once.
        assert_eq!(s.text, "\t5.内部事务\t5 2\t5 2\t7\t其他\t1 / 3\n");
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it() {
        // 40 MB of zeros deflate to about 40 KB.
        let zeros = vec![b'0'; 40 * 1024 * 1024];
        let bomb = docx(&zeros, zip::CompressionMethod::Deflated);
        assert!(bomb.len() < 200_000);
        let e = from_bytes(&bomb).unwrap_err().0;
        assert!(e.contains("解压后超过"), "{e}");
        assert!(from_bytes(b"PK\x03\x04 not really").unwrap_err().0.contains("不是有效的 .docx"));
        let billion_laughs = format!(r#"<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document xmlns:w="{W}"><w:body/></w:document>"#);
        assert!(from_bytes(&docx(billion_laughs.as_bytes(), zip::CompressionMethod::Stored)).is_err(), "no DTD");
    }

    #[test]
    fn elements_nested_too_deep_are_refused_before_parsing() {
        // 30,000 nested paragraphs overflowed the stack (a crash, not a message).
        let deep = format!(
            r#"<w:document xmlns:w="{W}"><w:body>{}x{}</w:body></w:document>"#,
            "<w:p>".repeat(30_000),
            "</w:p>".repeat(30_000)
        );
        let e = from_bytes(&docx(deep.as_bytes(), zip::CompressionMethod::Deflated)).unwrap_err().0;
        assert!(e.contains("嵌套超过"), "{e}");
        // A real document's depth passes.
        let ok = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>表</w:t></w:r></w:p></w:body></w:document>"#);
        assert!(from_bytes(&docx(ok.as_bytes(), zip::CompressionMethod::Stored)).is_ok());
    }

    #[test]
    fn many_attributes_namespaces_or_entries_are_refused_before_parsing() {
        let body = |root_attrs: &str| {
            let xml = format!(
                r#"<w:document xmlns:w="{W}"{root_attrs}><w:body><w:p><w:r><w:t>表</w:t></w:r></w:p></w:body></w:document>"#
            );
            from_bytes(&docx(xml.as_bytes(), zip::CompressionMethod::Deflated))
        };
        // roxmltree compares each attribute with the element's others: 300,000 took minutes.
        let attrs: String = (0..200_000).map(|i| format!(r#" a{i}="1""#)).collect();
        let e = body(&attrs).unwrap_err().0;
        assert!(e.starts_with("Word 文件结构异常") && e.contains("200001 个属性"), "{e}");
        // 100,000 namespaces passed roxmltree's own limit as 「不是有效的 XML」, after 20 s.
        let spaces: String = (0..guard::MAX_NAMESPACES + 1).map(|i| format!(r#"<w:p xmlns:n{i}="u{i}"/>"#)).collect();
        let xml = format!(r#"<w:document xmlns:w="{W}"><w:body>{spaces}</w:body></w:document>"#);
        let e = from_bytes(&docx(xml.as_bytes(), zip::CompressionMethod::Deflated)).unwrap_err().0;
        assert!(e.starts_with("Word 文件结构异常") && e.contains("命名空间"), "{e}");
        assert!(body(r#" xmlns:a="u" a:b="1""#).is_ok());
        // An archive listing more files than a .docx has is refused before it is opened.
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..MAX_ENTRIES + 1 {
            zip.start_file(format!("{i}"), zip::write::SimpleFileOptions::default()).unwrap();
        }
        let many = zip.finish().unwrap().into_inner();
        assert_eq!(entries(&many), MAX_ENTRIES + 1);
        let e = from_bytes(&many).unwrap_err().0;
        assert!(e.starts_with("Word 文件结构异常") && e.contains("个文件"), "{e}");
    }
}
