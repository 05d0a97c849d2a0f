//! 年报编制器 (nianbao): writes, checks and typesets the annual report on
//! government information disclosure (政府信息公开工作年度报告).
//!
//! Data flows one way: `model` → `layout` → `export`; the UI only edits the model.

pub mod cli;
pub mod model;
