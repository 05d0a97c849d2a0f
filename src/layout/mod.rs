//! From a report to pages of positioned text, rules and fills. Pure: no PDF
//! and no GUI code; exporters and the preview draw what this produces.

mod document;
pub mod lines;
pub mod page;
pub mod signature;
pub mod style;
pub mod table;
pub mod tables;
pub mod text;
pub mod title;

pub use document::layout;
pub use page::{Document, Item, Mark, MarkKind, MissingChar, OutlineEntry, Page, TextRun};
