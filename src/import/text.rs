//! `.txt` files and pasted text: a published page copied as text (cells
//! separated by tabs or line breaks), or a crawler's text of one.

use super::ImportError;
use super::stream::Source;
use crate::read_limits::{SizeCap, read_regular_file};

/// The largest text file read (a report is well under 1 MB of text).
pub const TEXT_CAP: SizeCap = SizeCap { bytes: 8 * 1024 * 1024, what: "文本文件" };

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, TEXT_CAP).map_err(|e| ImportError(e.to_string()))?;
    Ok(Source::plain(&block_cells_joined(&decode(&bytes)?)))
}

/// A table copied from a browser whose cells hold paragraphs (Chrome's text of
/// `<td><p>217</p></td>`) comes with each cell on lines of its own, blank lines
/// around it, and a line holding only a tab between two cells. Such a tab line
/// joins the cells beside it into one row, as a plain table's text has them
/// (`217⇥1⇥0`); two tab lines in a row keep the blank cell between them.
pub fn block_cells_joined(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let bare = |i: usize| lines.get(i).map(|l| l.trim_matches(|c| c == ' ' || c == '\r'));
    // Only a tab line with blank lines on both sides: text copied otherwise (the seed's
    // header, 「⇥自」 under 「⇥」) uses tab lines in other ways.
    let separates = |i: usize| bare(i) == Some("\t") && i > 0 && bare(i - 1) == Some("") && bare(i + 1) == Some("");
    let mut rows: Vec<String> = Vec::new();
    let mut joining = false;
    for (i, &line) in lines.iter().enumerate() {
        let bare = bare(i).unwrap_or_default();
        if separates(i) {
            while rows.last().is_some_and(|r| r.trim().is_empty()) {
                rows.pop();
            }
            match rows.last_mut() {
                Some(row) => row.push('\t'),
                None => rows.push("\t".to_string()),
            }
            joining = true;
        } else if joining && bare.is_empty() {
            continue;
        } else if joining {
            rows.last_mut().expect("a row to join").push_str(line);
            joining = false;
        } else {
            rows.push(line.to_string());
        }
    }
    let mut joined = rows.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// UTF-8 (with or without BOM), UTF-16 with BOM, else GBK/GB18030 (what
/// Windows' 记事本 saved before 2019).
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = enc.decode(&bytes[bom..]);
        if !bad {
            return Ok(text.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string());
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    if bad {
        return Err(ImportError("文件不是文字（既不是 UTF-8 也不是 GBK 编码的文本）".into()));
    }
    check_text(text.into_owned())
}

fn check_text(text: String) -> Result<String, ImportError> {
    let controls = text.chars().take(10_000).filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if controls > 20 {
        return Err(ImportError("文件不是文字，而是二进制数据（如 Word、PDF 或压缩文件被改了扩展名）".into()));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_browser_put_on_lines_of_their_own_are_one_row() {
        let copied = "一、本年新收政府信息公开申请数量\n\n\t\n\n217\n\n\t\n\n1\n\n\t\n\n\t\n\n218\n\n\n\n二、上年结转\n";
        assert_eq!(block_cells_joined(copied), "一、本年新收政府信息公开申请数量\t217\t1\t\t218\n\n\n\n二、上年结转\n");
        // A plain table's text is left as it is.
        let plain = "（一）予以公开\t132\t0\t0\n（二）部分公开\t5\t0\t0\n";
        assert_eq!(block_cells_joined(plain), plain);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode("年报".as_bytes()).unwrap(), "年报");
        let (gbk, _, _) = encoding_rs::GBK.encode("二、主动公开政府信息情况");
        assert_eq!(decode(&gbk).unwrap(), "二、主动公开政府信息情况");
        assert!(decode(&[0u8; 100]).is_err());
    }
}
