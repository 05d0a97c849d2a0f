//! The package refused before its document is parsed: a part twice, or more
//! text than any report holds.

use super::formatting_tests::docx;
use super::{W, from_bytes, shape_refused};
use std::io::Write;

#[test]
fn a_part_twice_in_the_archive_is_refused_as_damaged() {
    let document = |n: &str| {
        format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
        )
    };
    // The zip writer refuses a name twice, so the second copy is written under
    // a name of the same length and renamed in the bytes.
    for second in ["word/documenX.xml", "Word/Document.xml"] {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        z.start_file("word/document.xml", o).unwrap();
        z.write_all(document("10").as_bytes()).unwrap();
        z.start_file(second, o).unwrap();
        z.write_all(document("99").as_bytes()).unwrap();
        let mut bytes = z.finish().unwrap().into_inner();
        if second == "word/documenX.xml" {
            let mut k = 0;
            while let Some(at) = bytes[k..].windows(second.len()).position(|w| w == second.as_bytes()) {
                bytes[k + at..k + at + second.len()].copy_from_slice(b"word/document.xml");
                k += at + second.len();
            }
        }
        let e = from_bytes(&bytes).unwrap_err().0;
        assert!(e.contains("重复的部件"), "{second}: {e}");
    }
    // One of each is read.
    assert_eq!(from_bytes(&docx(&document("10"), "")).unwrap().text, "\t10\n");
}

#[test]
fn more_text_than_a_report_holds_is_refused_before_parsing() {
    // 20 M characters in one run took 700 MB before 「文字太多」: now the scan
    // that precedes the parser counts the text and refuses it.
    let huge = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"#,
        "年".repeat(crate::import::parse::MAX_CHARS + 1)
    );
    let why = shape_refused(&huge).expect("refused by the scan, before roxmltree");
    assert!(why.contains("文字太多"), "{why}");
    assert!(from_bytes(&docx(&huge, "")).unwrap_err().0.contains("文字太多"));
    // White space between tags (a document written indented) is not text.
    let indented = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}<w:p><w:r><w:t>表</w:t></w:r></w:p></w:body></w:document>"#,
        " \n".repeat(crate::import::parse::MAX_CHARS)
    );
    assert!(shape_refused(&indented).is_none());
}
