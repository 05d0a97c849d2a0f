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

/// UTF-8 (with or without BOM), UTF-16 and UTF-32 (with a BOM, or told by
/// their zero bytes), else GBK/GB18030 (what Windows' 记事本 saved before
/// 2019); text only Big5 reads sensibly is refused with the encodings tried.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(text) = wide_unicode(bytes) {
        return check_text(text);
    }
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
    // Big5 bytes read as GBK without an error, into other characters: a GBK
    // reading without a report's words that Big5 reads as well is not taken.
    // (Big5 itself is never taken: the report's labels are simplified
    // characters, and 「开」「报」「请」 are not in Big5.)
    let big5 = || !encoding_rs::BIG5.decode(bytes).2;
    if !bad && (has_report_words(&text) || !big5()) {
        return check_text(text.into_owned());
    }
    if bad && !big5() {
        return Err(ImportError(format!("文件不是文字（按 {TRIED} 编码读都有无法识别的字节）")));
    }
    Err(ImportError(format!(
        "按 {TRIED} 编码读这个文件，都没有找到年报的文字（如「政府信息公开」）：文件可能是繁体中文（Big5）编码，\
         或不是年报。请用记事本打开，确认是简体中文年报后「另存为」UTF-8 编码再导入"
    )))
}

/// The encodings [`decode`] tries, as the messages name them.
const TRIED: &str = "UTF-8、UTF-16、UTF-32、GBK/GB18030、Big5";

/// Words every report has (its title, table 三): what tells a decoding that
/// makes sense from one that only has no errors (Big5 bytes read as GBK).
fn has_report_words(text: &str) -> bool {
    ["信息公开", "主动公开", "公开申请", "行政复议"].iter().any(|w| text.contains(w))
}

/// UTF-32 (with its BOM or without), or UTF-16 without a BOM, told by where
/// the zero bytes are: a report's digits, tabs and line breaks are ASCII.
fn wide_unicode(bytes: &[u8]) -> Option<String> {
    let utf32 = |big: bool, body: &[u8]| -> Option<String> {
        if !body.len().is_multiple_of(4) {
            return None;
        }
        body.chunks_exact(4)
            .map(|u| {
                let u = [u[0], u[1], u[2], u[3]];
                let n = if big { u32::from_be_bytes(u) } else { u32::from_le_bytes(u) };
                char::from_u32(n).filter(|&c| c != '\0')
            })
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, 0, 0, body @ ..] => return utf32(false, body),
        [0, 0, 0xFE, 0xFF, body @ ..] => return utf32(true, body),
        _ => {}
    }
    if bytes.len() < 8 || !bytes.contains(&0) {
        return None;
    }
    // Without a BOM: every unit a character, and most with zero high bytes.
    let high_zero =
        |big: bool| bytes.chunks_exact(4).filter(|u| if big { u[0] == 0 && u[1] == 0 } else { u[2] == 0 && u[3] == 0 }).count();
    let units = bytes.len() / 4;
    for big in [false, true] {
        if high_zero(big) * 2 > units
            && let Some(text) = utf32(big, bytes)
        {
            return Some(text);
        }
    }
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    // UTF-16: zero bytes at one parity only (ASCII's high byte), many of them.
    let zeros = |parity: usize| bytes.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let units = bytes.len() / 2;
    let (enc, many, few) = if odd > even { (encoding_rs::UTF_16LE, odd, even) } else { (encoding_rs::UTF_16BE, even, odd) };
    if many * 10 < units || few * 4 > many {
        return None;
    }
    let (text, bad) = enc.decode_without_bom_handling(bytes);
    (!bad && !text.contains('\0')).then(|| text.into_owned())
}

fn check_text(text: String) -> Result<String, ImportError> {
    // Lines ended by CR alone (old Mac tools) or NEL (U+0085, some mainframe and
    // EBCDIC tools) are lines too.
    let text = if text.contains(['\r', '\u{85}']) { text.replace("\r\n", "\n").replace(['\r', '\u{85}'], "\n") } else { text };
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
        // Lines ended by NEL are text, not binary data.
        let nel = "（一）予以公开\t1\t2\u{85}".repeat(30);
        assert_eq!(check_text(nel).unwrap(), "（一）予以公开\t1\t2\n".repeat(30));
        assert_eq!(check_text("无。\r某局\r\n2025年1月20日\r".into()).unwrap(), "无。\n某局\n2025年1月20日\n");
    }

    /// Every Unicode form a text editor saves, with its BOM or without, reads
    /// whole (UTF-32 used to read as UTF-16 with a zero after each character).
    #[test]
    fn wide_unicode_forms() {
        let text = "二、主动公开政府信息情况\n第二十条第（一）项\t12\t3\n（一）予以公开\t10\t3\t0\t0\t1\t0\t14\n";
        let utf32 = |big: bool| -> Vec<u8> {
            text.chars().flat_map(|c| if big { (c as u32).to_be_bytes() } else { (c as u32).to_le_bytes() }).collect()
        };
        let utf16 = |big: bool| -> Vec<u8> {
            text.encode_utf16().flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
        };
        for (bytes, what) in [
            ([&[0xFF, 0xFE, 0, 0][..], &utf32(false)].concat(), "UTF-32LE BOM"),
            ([&[0, 0, 0xFE, 0xFF][..], &utf32(true)].concat(), "UTF-32BE BOM"),
            (utf32(false), "UTF-32LE"),
            (utf32(true), "UTF-32BE"),
            (utf16(false), "UTF-16LE"),
            (utf16(true), "UTF-16BE"),
        ] {
            assert_eq!(decode(&bytes).ok().as_deref(), Some(text), "{what}");
        }
        // Zero bytes here and there in UTF-8 are no wide form: refused as binary.
        let nuls: Vec<u8> = text.bytes().flat_map(|b| if b == b'\t' { vec![b, 0] } else { vec![b] }).collect();
        assert_eq!(wide_unicode(&nuls), None);
    }

    /// Big5: a message naming the encodings tried, never GBK's misreading of
    /// it as 「不是年报」 (Big5 bytes read as GBK without an error).
    #[test]
    fn big5_is_named_not_misread() {
        let (big5, _, _) = encoding_rs::BIG5.encode("二、主動公開政府資訊情況\n（一）予以公開\t10\t3\n");
        let err = decode(&big5).unwrap_err().0;
        assert!(err.contains("Big5") && err.contains("GBK"), "{err}");
    }
}
