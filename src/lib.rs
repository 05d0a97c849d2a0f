//! 年报编制器 (nianbao): writes, checks and typesets the annual report on
//! government information disclosure (政府信息公开工作年度报告).
//!
//! Data flows one way: `model` → `layout` → `export`; the UI only edits the model.
//! `fonts` serves layout (metrics), export (bytes) and the UI.

pub mod cli;
pub mod export;
pub mod files;
pub mod fonts;
pub mod import;
pub mod layout;
pub mod model;
pub mod open_files;
pub mod platform;
pub mod read_limits;
pub mod recovery;
pub mod settings;
#[cfg(feature = "gui")]
pub mod ui;
