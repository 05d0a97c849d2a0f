//! Importing the reports agencies already have — text, web page, Word, PDF —
//! into a report, with nothing guessed: a cell that cannot be read with
//! certainty is marked 未能读取 (`model::unread`) and listed for review.
//!
//! Every reader turns its document into text with one convention (tab = a new
//! cell, line break = a new paragraph or row, a place for each line); `parse`
//! reads the report out of that text with the shared label matcher (`labels`)
//! and the row reader (`cells`). Depends on the model only.

mod cells;
pub mod docx;
mod guard;
pub mod html;
mod labels;
mod marks;
mod parse;
pub mod pdf;
mod signature;
mod stream;
mod tables;
pub mod text;

use std::fmt;
use std::path::Path;

use crate::model::Report;
pub use stream::Source;

/// Something the user should look at: where in the source, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub place: String,
    pub message: String,
}

/// A report read from a document.
#[derive(Clone, Debug)]
pub struct Imported {
    pub report: Report,
    /// What needs review besides the unread cells (which `report.unread` lists).
    pub review: Vec<Review>,
    /// The label searches' work (dynamic-programming cells): bounded by the document's size.
    pub work: u64,
    /// Where in the source each table cell was read.
    pub places: Vec<(crate::model::check::CellRef, String)>,
}

impl Imported {
    /// Whether everything was placed: no unread cell and nothing to review.
    pub fn complete(&self) -> bool {
        self.report.unread.is_empty() && self.review.is_empty()
    }

    /// How many items need review: each unread cell and each other item (the
    /// one count the command line and the app show).
    pub fn review_count(&self) -> usize {
        self.report.unread.len() + self.review.len()
    }

    /// Every item for review, unread cells first, each 「位置：说明」.
    pub fn review_lines(&self) -> Vec<String> {
        let r = &self.report;
        let mut out: Vec<String> = r
            .unread
            .iter()
            .map(|u| {
                let place = if u.unread.source.is_empty() { String::new() } else { format!("{}：", u.unread.source) };
                let mut unread = u.unread.clone();
                unread.source.clear();
                format!(
                    "{place}{}未能读取（{}）",
                    crate::model::unread::cell_name(r, u.cell),
                    crate::model::unread::describe(&unread)
                )
            })
            .collect();
        out.extend(self.review.iter().map(|v| format!("{}：{}", v.place, v.message)));
        out
    }
}

/// Why a document could not be imported (Chinese; the caller names the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

/// The kinds of document read, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Docx,
    Pdf,
    /// .doc / .wps: the old binary formats, not read.
    OldWord,
}

pub fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "shtml" | "xhtml" => Kind::Html,
        "docx" => Kind::Docx,
        "pdf" => Kind::Pdf,
        "doc" | "wps" => Kind::OldWord,
        _ => return None,
    })
}

/// Whether a path is a document to import rather than a report file.
pub fn is_document(path: &Path) -> bool {
    kind_of(path).is_some()
}

/// Reads a document of any kind into a report.
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    guarded(|| read_file(path))
}

/// A fault of the importer's own on some document (a panic) is that file's
/// error, in Chinese, not the end of the program: a `check` of a folder goes on
/// to the other files, the app keeps the user's open report.
fn guarded<T>(read: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(ImportError("导入这个文件时程序出错（这是本程序的缺陷，请把这个文件发给开发者）；文件本身没有被改动".into()))
    })
}

fn read_file(path: &Path) -> Result<Imported, ImportError> {
    let source = match kind_of(path) {
        Some(Kind::Text) => text::read(path)?,
        Some(Kind::OldWord) => {
            return Err(ImportError("这是旧版 Word/WPS 文件（.doc/.wps），请在 WPS 或 Word 中另存为 .docx 后再导入".into()));
        }
        Some(Kind::Html) => html::read(path)?,
        Some(Kind::Docx) => docx::read(path)?,
        Some(Kind::Pdf) => pdf::read(path)?,
        None => return Err(ImportError("不认识的文件类型：能导入 .txt、.html/.htm、.docx、.pdf".into())),
    };
    parse::import_source(&source)
}

/// Reads pasted or already decoded text.
pub fn import_text(text: &str) -> Result<Imported, ImportError> {
    guarded(|| parse::import_source(&Source::plain(&text::block_cells_joined(text))))
}

/// Reads a document through its own source (tests, readers).
pub fn import_source(source: &Source) -> Result<Imported, ImportError> {
    parse::import_source(source)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_fault_while_reading_is_the_files_error_not_the_end_of_the_program() {
        let fault: Result<(), super::ImportError> = super::guarded(|| panic!("a reader's own fault"));
        assert!(fault.unwrap_err().0.contains("程序出错"));
        assert_eq!(super::guarded(|| Ok::<_, super::ImportError>(7)).unwrap(), 7);
    }
}
