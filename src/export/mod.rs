//! Writing a report to files: PDF (from the laid-out pages; printpdf lives only
//! in `pdf.rs`), Word and web pages (from the model and the table structure).

pub mod docx;
mod docx_package;
mod grid;
pub mod html;
pub mod pdf;
mod pdf_file;

use std::path::Path;

use crate::fonts::FontSet;
use crate::layout::{self, MissingChar};
use crate::model::Report;

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

    pub fn from_code(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == code)
    }
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

/// “「😀」（总体情况（一）主动公开）、「𠀀」（标题）”
pub fn describe_missing(missing: &[MissingChar]) -> String {
    missing.iter().map(|m| format!("「{}」（{}）", m.ch, m.place)).collect::<Vec<_>>().join("、")
}
