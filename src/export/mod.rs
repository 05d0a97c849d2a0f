//! Writing a report to files. printpdf lives only here.

pub mod pdf;

use crate::fonts::FontSet;
use crate::layout::{self, MissingChar};
use crate::model::Report;

/// A finished export, with what the user should know about it.
pub struct Exported {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters no font has (drawn as boxes).
    pub missing: Vec<MissingChar>,
}

/// Lays the report out and writes it as PDF.
pub fn pdf(report: &Report, fonts: &FontSet) -> Result<Exported, pdf::PdfError> {
    let doc = layout::layout(report, fonts);
    let bytes = pdf::to_pdf(&doc, fonts)?;
    Ok(Exported { bytes, pages: doc.pages.len(), missing: doc.missing })
}

/// “「😀」（总体情况（一）主动公开）、「𠀀」（标题）”
pub fn describe_missing(missing: &[MissingChar]) -> String {
    missing.iter().map(|m| format!("「{}」（{}）", m.ch, m.place)).collect::<Vec<_>>().join("、")
}
