//! The package: the zip archive a .docx is, and its parts unzipped within a
//! cap, refused when it lists too many files or a part twice.

use std::io::Read;

use crate::import::ImportError;

/// The largest `word/document.xml` unzipped (a long report's is under 1 MB).
pub const DOCUMENT_CAP: u64 = 32 * 1024 * 1024;

/// The document part of a .docx held in memory.
pub fn document_xml(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError(
            "这是旧版 Word/WPS 文件（.doc/.wps 格式，只是扩展名为 .docx），请在 WPS 或 Word 中另存为 .docx 后再导入".into(),
        ));
    }
    part(bytes, "word/document.xml")?.ok_or_else(|| {
        ImportError("压缩包中没有 Word 正文（word/document.xml）：这不是 .docx 文件（WPS 的 .wps 请另存为 .docx）".into())
    })
}

/// The most files a package may hold (Word writes a few dozen). Opening an
/// archive keeps a record of each: 560,000 empty ones took 400 MB.
pub const MAX_ENTRIES: usize = 10_000;

/// At most how many files the archive lists: its central directory headers'
/// signatures counted, which the zip reader needs one of for each file.
pub(super) fn entries(bytes: &[u8]) -> usize {
    bytes.windows(4).filter(|w| *w == b"PK\x01\x02").count()
}

/// A part of the package, unzipped within [`DOCUMENT_CAP`]; `None` when it is not there.
pub(super) fn part(bytes: &[u8], name: &str) -> Result<Option<String>, ImportError> {
    let not_docx = || ImportError("文件不是有效的 .docx（Word 文档是一个压缩包，这个文件打不开或已损坏）".into());
    let entries = entries(bytes);
    if entries > MAX_ENTRIES {
        return Err(ImportError(format!(
            "Word 文件结构异常：压缩包中有 {entries} 个文件（正常的 .docx 只有几十个，最多 {MAX_ENTRIES} 个），已损坏或是恶意构造的，不导入"
        )));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_docx())?;
    if duplicated(bytes, &zip) {
        return Err(ImportError("Word 文件已损坏：包含重复的部件（同名文件出现多次，不知哪一份是正文），不导入".into()));
    }
    let Ok(mut part) = zip.by_name(name) else { return Ok(None) };
    if part.size() > DOCUMENT_CAP {
        return Err(too_large(part.size()));
    }
    // The size in the archive may lie: never inflate more than the cap.
    let mut xml = Vec::new();
    (&mut part).take(DOCUMENT_CAP + 1).read_to_end(&mut xml).map_err(|_| not_docx())?;
    if xml.len() as u64 > DOCUMENT_CAP {
        return Err(too_large(xml.len() as u64));
    }
    String::from_utf8(xml).map(Some).map_err(|_| not_docx())
}

/// Whether the archive holds a name twice, in any letter case (a package's
/// part names are case-insensitive): which one a reader opens is its own
/// choice, so the document read might not be the one Word shows. The zip
/// reader keeps one file of a name, so its count is checked against the
/// count its end record gives.
fn duplicated(bytes: &[u8], zip: &zip::ZipArchive<std::io::Cursor<&[u8]>>) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    let listed = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .and_then(|k| tail.get(k + 10..k + 12))
        .map(|n| u16::from_le_bytes([n[0], n[1]]));
    let mut names = std::collections::HashSet::new();
    listed.is_some_and(|n| n != u16::MAX && usize::from(n) > zip.len())
        || !zip.file_names().all(|name| names.insert(name.to_lowercase()))
}

fn too_large(size: u64) -> ImportError {
    ImportError(format!(
        "Word 正文解压后超过 {} MB（至少 {} MB），一份年报的正文不到 1 MB：文件已损坏或是恶意构造的压缩包，不导入",
        DOCUMENT_CAP / 1024 / 1024,
        size / 1024 / 1024
    ))
}
