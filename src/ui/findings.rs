//! The checker's findings, indexed for drawing: which cells and fields to
//! highlight, and how many 错误 each part has.

use std::collections::HashMap;

use crate::model::check::{CellRef, Field, Finding, Severity};

/// The worst severity at a place, and every message about it.
#[derive(Clone, Debug, Default)]
pub struct Mark {
    pub severity: Option<Severity>,
    pub messages: Vec<String>,
    /// An imported cell that could not be read (未能读取).
    pub unread: bool,
}

impl Mark {
    fn add(&mut self, f: &Finding) {
        self.severity = Some(self.severity.map_or(f.severity, |s| s.min(f.severity)));
        self.messages.push(f.to_string());
        self.unread |= f.rule == crate::model::unread::RULE;
    }

    pub fn tooltip(&self) -> String {
        self.messages.join("\n")
    }
}

#[derive(Default)]
pub struct FindingIndex {
    pub findings: Vec<Finding>,
    cells: HashMap<CellRef, Mark>,
    fields: HashMap<Field, Mark>,
    /// 错误 per part: 0 = 基本信息, 1–6 = 一…六.
    errors: [usize; 7],
}

impl FindingIndex {
    pub fn new(findings: Vec<Finding>) -> FindingIndex {
        let mut index = FindingIndex { findings: Vec::new(), ..Default::default() };
        for f in &findings {
            match f.location.field() {
                Some(field) => index.fields.entry(field).or_default().add(f),
                None => f.location.cells().iter().for_each(|c| index.cells.entry(*c).or_default().add(f)),
            }
            if f.severity == Severity::Error {
                index.errors[f.location.part()] += 1;
            }
        }
        index.findings = findings;
        index
    }

    pub fn cell(&self, c: &CellRef) -> Option<&Mark> {
        self.cells.get(c)
    }

    pub fn field(&self, f: &Field) -> Option<&Mark> {
        self.fields.get(f)
    }

    pub fn errors_in_part(&self, part: usize) -> usize {
        self.errors[part]
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Background colours for marked cells and fields.
pub fn severity_fill(severity: Severity, dark: bool) -> egui::Color32 {
    use egui::Color32;
    match (severity, dark) {
        (Severity::Error, false) => Color32::from_rgb(0xFD, 0xD8, 0xD8),
        (Severity::Error, true) => Color32::from_rgb(0x6B, 0x1F, 0x1F),
        (Severity::Warning, false) => Color32::from_rgb(0xFF, 0xEB, 0xB8),
        (Severity::Warning, true) => Color32::from_rgb(0x66, 0x4A, 0x10),
        (Severity::Hint, false) => Color32::from_rgb(0xDD, 0xEB, 0xFA),
        (Severity::Hint, true) => Color32::from_rgb(0x1F, 0x3A, 0x5A),
    }
}

/// Text colour for a severity label.
pub fn severity_color(severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Error => egui::Color32::from_rgb(0xC6, 0x28, 0x28),
        Severity::Warning => egui::Color32::from_rgb(0xB2, 0x6A, 0x00),
        Severity::Hint => egui::Color32::from_rgb(0x1F, 0x5F, 0xA8),
    }
}
