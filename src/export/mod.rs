//! Writing a report to files: PDF (from the laid-out pages; printpdf lives only
//! in `pdf.rs`), Word and web pages (from the model and the table structure).

mod deflate;
pub mod docx;
mod docx_package;
mod font_subset;
mod grid;
pub mod html;
pub mod pdf;
mod pdf_file;

use std::path::Path;

use crate::fonts::FontSet;
use crate::layout::signature::signature_indents;
use crate::layout::{self, MissingChar};
use crate::model::Report;
use crate::model::text::{char_name, official_date, summarized};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Html];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }

    /// Chinese name for messages and dialogs.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF 文件",
            Format::Docx => "Word 文档",
            Format::Html => "网页",
        }
    }

    /// By the file's extension (.htm counts as .html).
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        let ext = if ext == "htm" { "html".to_string() } else { ext };
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// `pdf`, `docx`, `html`; also `word` and `web`, as users call them.
    pub fn from_code(code: &str) -> Option<Format> {
        match code {
            "word" => Some(Format::Docx),
            "web" | "htm" => Some(Format::Html),
            _ => Format::ALL.into_iter().find(|f| f.extension() == code),
        }
    }
}

/// When an exported file says it was made: now, or `SOURCE_DATE_EPOCH` (seconds
/// since 1970 UTC, the reproducible-builds convention) when that is set, so one
/// report exports to the same bytes every time.
pub(crate) fn made_at() -> time::OffsetDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .unwrap_or_else(time::OffsetDateTime::now_utc)
}

/// A finished export, with what the user should know about it.
pub struct Exported {
    pub bytes: Vec<u8>,
    /// PDF only: pages written.
    pub pages: Option<usize>,
    /// PDF only: characters no font has (drawn as boxes).
    pub missing: Vec<MissingChar>,
}

/// Lays the report out and writes it as PDF.
pub fn pdf(report: &Report, fonts: &FontSet) -> Result<Exported, pdf::PdfError> {
    let doc = layout::layout(report, fonts);
    let bytes = pdf::to_pdf(&doc, fonts)?;
    Ok(Exported { bytes, pages: Some(doc.pages.len()), missing: doc.missing })
}

/// The report in `format`.
pub fn export(report: &Report, format: Format, fonts: &FontSet) -> Result<Exported, String> {
    match format {
        Format::Pdf => pdf(report, fonts).map_err(|e| e.to_string()),
        Format::Docx => Ok(Exported { bytes: docx::to_docx(report)?, pages: None, missing: Vec::new() }),
        Format::Html => Ok(Exported { bytes: html::document(report).into_bytes(), pages: None, missing: Vec::new() }),
    }
}

/// “「😀」（总体情况（一）主动公开）、「𠀀」（标题）”, each character named by
/// `text::char_name`; past the first few, “…等共 M 处”.
pub fn describe_missing(missing: &[MissingChar]) -> String {
    summarized(missing.iter().map(|m| format!("{}（{}）", char_name(m.ch), m.place)), "处")
}

/// One line of the 落款 in the Word export: its text and its indents from the left
/// and the right margin, in 字.
pub(crate) struct SignatureLine {
    pub text: String,
    pub left: f32,
    pub right: f32,
}

/// The lines of the 署名: a joint 署名 has one unit per line.
pub(crate) fn signature_units(r: &Report) -> Vec<&str> {
    r.signature.unit.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// How far a 落款 line that is not meant to wrap may reach into the page's right
/// margin (GB/T 9704: 26 mm, about 4.6 字), in 字. Renderers set digits wider
/// than the half 字 measured here — LibreOffice without the 公文 fonts falls back
/// to DejaVu Serif (0.64 em) and adds space between Chinese and digits — so
/// 「2025年12月31日」, 7 字 by measure, takes over 9 and wrapped 「日」 alone
/// with only the rule's two 字 to spare.
const SIGNATURE_OVERHANG: f32 = 2.0;

/// The 署名's lines and the 成文日期 placed by the GB/T 9704 §7.3.5.2 rule
/// (`layout::signature`), widths measured in 字 (empty: the report has no 落款).
/// Each line is anchored at its first character, which is what the rule fixes: if
/// Word, WPS or LibreOffice sets a line wider than measured here, the line grows
/// into the two 字 of 右空 and then `SIGNATURE_OVERHANG` into the margin instead
/// of wrapping. Only a 署名 longer than the line wraps, within 右空二字.
pub(crate) fn signature_lines(r: &Report) -> Vec<SignatureLine> {
    if r.signature.is_empty() {
        return Vec::new();
    }
    let units = signature_units(r);
    let date = official_date(&r.signature.date);
    // As in the PDF: a longer 署名 wraps within the line less two 字, a longer date
    // within the line less four (so that the 署名 still starts inside it).
    let line = crate::layout::style::CHARS_PER_LINE as f32;
    let (unit_max, date_max) = (line - 2.0, line - 4.0);
    let unit_w = units.iter().map(|u| width_in_chars(u)).fold(0.0, f32::max).min(unit_max);
    let date_w = width_in_chars(&date).min(date_max);
    let indents = signature_indents(unit_w, date_w, 1.0);
    let unit_left = line - indents.unit - unit_w;
    let place = |text: &str, left: f32, max: f32, indent: f32| SignatureLine {
        text: text.to_string(),
        left,
        // Only a line that wraps needs the right margin of the rule.
        right: if width_in_chars(text) > max { indent } else { -SIGNATURE_OVERHANG },
    };
    let mut out: Vec<SignatureLine> = units.iter().map(|u| place(u, unit_left, unit_max, indents.unit)).collect();
    if !date.is_empty() {
        out.push(place(&date, line - indents.date - date_w, date_max, indents.date));
    }
    out
}

/// Width in 字: a CJK or full-width character is one, a half-width digit or
/// Latin letter (and a half-width katakana or sign) half of one.
fn width_in_chars(text: &str) -> f32 {
    text.chars().map(|c| if c.is_ascii() || ('\u{FF61}'..='\u{FFDC}').contains(&c) { 0.5 } else { 1.0 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TemplateId;

    #[test]
    fn the_signature_lines_follow_the_9704_rule_in_characters() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.signature.unit = "威海市文登区人民政府办公室".into(); // 13 字
        r.signature.date = "2023-01-16".into(); // 2023年1月16日: 7 digits (3.5 字) + 3 字
        let lines = signature_lines(&r);
        let [unit, date] = &lines[..] else { panic!() };
        assert_eq!(date.text, "2023年1月16日");
        // 署名 右空二字 (28 − 2 − 13 = 13 from the left); the date two 字 right of it.
        assert_eq!((unit.left, date.left), (13.0, 15.0));
        // A short 署名: the date keeps 右空二字 and the 署名 moves left, two 字 before it.
        r.signature.unit = "某局".into();
        let lines = signature_lines(&r);
        let [unit, date] = &lines[..] else { panic!() };
        assert_eq!((date.left, unit.left), (28.0 - 2.0 - 6.5, 28.0 - 2.0 - 6.5 - 2.0));
        r.signature = Default::default();
        assert!(signature_lines(&r).is_empty());
    }

    #[test]
    fn a_long_or_joint_signature_stays_inside_the_line() {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.signature.unit = format!("{}\n青山县数据资源管理局", "青山市青山经济技术开发区青山片区管理委员会".repeat(2));
        r.signature.date = "2025-01-09".into();
        let lines = signature_lines(&r);
        assert_eq!(lines.len(), 3, "two units and the date");
        // The long unit wraps at 26 字: from the left margin, 右空二字.
        assert_eq!((lines[0].left, lines[0].right), (0.0, 2.0));
        assert_eq!((lines[1].left, lines[1].right), (0.0, -SIGNATURE_OVERHANG), "the second unit starts where the first does");
        assert_eq!((lines[2].left, lines[2].right), (2.0, -SIGNATURE_OVERHANG), "the date two 字 right of the 署名");
    }

    /// A line not meant to wrap has room for a renderer that sets digits and
    /// Latin letters at 0.65 字 and puts a quarter 字 between them and Chinese
    /// (LibreOffice with DejaVu Serif in place of the 公文 fonts).
    #[test]
    fn no_signature_line_wraps_with_wider_digits() {
        let wide = |t: &str| {
            let chars: Vec<char> = t.chars().collect();
            let glyphs: f32 = chars.iter().map(|c| if c.is_ascii() { 0.65 } else { 1.0 }).sum();
            glyphs + 0.25 * chars.windows(2).filter(|w| w[0].is_ascii() != w[1].is_ascii()).count() as f32
        };
        let line = crate::layout::style::CHARS_PER_LINE as f32;
        for (unit, date) in [
            ("某局", "2025-12-31"),
            ("青山县人民政府办公室", "2025-11-15"),
            ("青山县市场监督管理局\n青山县司法局\n青山县第12中学", "2025-12-31"),
            ("中共青山县委青山县人民政府信访局青山县人民政府人民来访接待中心", "2025-12-31"),
            ("青山市青山经济技术开发区青山片区管委会", "2025-10-31"),
        ] {
            let mut r = Report::new(TemplateId::V2021, 2024, "某局");
            r.signature.unit = unit.into();
            r.signature.date = date.into();
            for l in signature_lines(&r).iter().filter(|l| width_in_chars(&l.text) <= line - 2.0) {
                let room = line - l.left - l.right;
                assert!(room >= wide(&l.text), "「{}」: {room} 字 of room, {} wide", l.text, wide(&l.text));
            }
        }
    }
}
