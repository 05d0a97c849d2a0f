//! `.txt` files and pasted text: a published page copied as text (cells
//! separated by tabs or line breaks), or a crawler's text of one.

use super::ImportError;
use super::stream::Source;
use crate::read_limits::{SizeCap, read_regular_file};

/// The largest text file read (a report is well under 1 MB of text).
pub const TEXT_CAP: SizeCap = SizeCap { bytes: 8 * 1024 * 1024, what: "文本文件" };

pub fn read(path: &std::path::Path) -> Result<Source, ImportError> {
    let bytes = read_regular_file(path, TEXT_CAP).map_err(|e| ImportError(e.to_string()))?;
    Ok(Source::plain(&decode(&bytes)?))
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
    fn encodings() {
        assert_eq!(decode("年报".as_bytes()).unwrap(), "年报");
        let (gbk, _, _) = encoding_rs::GBK.encode("二、主动公开政府信息情况");
        assert_eq!(decode(&gbk).unwrap(), "二、主动公开政府信息情况");
        assert!(decode(&[0u8; 100]).is_err());
    }
}
