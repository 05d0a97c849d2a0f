//! The report as data: templates (official labels), the report, its file
//! format, totals, the 2019 → 2021 converter and the checker.
//! No GUI and no PDF code lives here.

pub mod carry;
pub mod check;
pub mod convert;
pub mod decimal;
pub mod file;
pub mod merge;
pub mod money;
pub mod numerals;
pub mod paste;
pub mod preamble;
pub mod report;
pub mod template;
pub mod text;
pub mod totals;
pub mod unread;

pub use check::{Finding, Severity, check};
pub use decimal::Decimal;
pub use report::Report;
pub use template::TemplateId;
