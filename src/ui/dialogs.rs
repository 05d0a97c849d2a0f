//! Native file dialogs (rfd), behind a trait so tests can answer them.

use std::path::{Path, PathBuf};

use crate::export::Format;

pub trait FileDialogs {
    /// 打开: a report file, or None when cancelled (or no dialog is available).
    fn open_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Option<PathBuf>;
    /// 汇总多个年报: several report files (empty when cancelled).
    fn open_reports(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Vec<PathBuf>;
    /// 另存为: where to save the report.
    fn save_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Option<PathBuf>;
    /// 导出PDF / 导出Word / 导出网页: where to write the file.
    fn save_export(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str, format: Format) -> Option<PathBuf>;
}

pub const REPORT_FILTER: (&str, &[&str]) = ("年报文件 (*.json)", &["json"]);

fn export_filter(format: Format) -> (&'static str, &'static [&'static str]) {
    match format {
        Format::Pdf => ("PDF 文件 (*.pdf)", &["pdf"]),
        Format::Docx => ("Word 文档 (*.docx)", &["docx"]),
        Format::Html => ("网页 (*.html)", &["html", "htm"]),
    }
}

/// The operating system's dialogs, parented to the window so they stay on top of it.
pub struct NativeDialogs;

fn dialog(parent: Option<&eframe::Frame>, dir: Option<&Path>, filter: (&str, &[&str])) -> rfd::FileDialog {
    let mut d = rfd::FileDialog::new().add_filter(filter.0, filter.1);
    if let Some(frame) = parent {
        d = d.set_parent(frame);
    }
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        d = d.set_directory(dir);
    }
    d
}

impl FileDialogs for NativeDialogs {
    fn open_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Option<PathBuf> {
        dialog(parent, dir, REPORT_FILTER).set_title("打开年报").pick_file()
    }

    fn open_reports(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Vec<PathBuf> {
        dialog(parent, dir, REPORT_FILTER).set_title("选择要汇总的年报（可多选）").pick_files().unwrap_or_default()
    }

    fn save_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Option<PathBuf> {
        dialog(parent, dir, REPORT_FILTER)
            .set_title("保存年报")
            .set_file_name(name)
            .save_file()
            .map(|p| with_extension(p, "json"))
    }

    fn save_export(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str, format: Format) -> Option<PathBuf> {
        dialog(parent, dir, export_filter(format))
            .set_title(format!("导出{}", format.name()))
            .set_file_name(name)
            .save_file()
            .map(|p| if Format::of_path(&p) == Some(format) { p } else { with_extension(p, format.extension()) })
    }
}

/// Adds the extension when the user typed a bare name.
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".");
        s.push(ext);
        PathBuf::from(s)
    }
}

/// A file name made from the report title, without characters Windows forbids.
pub fn file_name(title: &str, ext: &str) -> String {
    let clean: String = title.chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    let clean = clean.trim();
    format!("{}.{ext}", if clean.is_empty() { "年报" } else { clean })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions() {
        assert_eq!(with_extension(PathBuf::from("/a/年报"), "json"), PathBuf::from("/a/年报.json"));
        assert_eq!(with_extension(PathBuf::from("/a/年报.JSON"), "json"), PathBuf::from("/a/年报.JSON"));
        assert_eq!(with_extension(PathBuf::from("/a/年报.v2"), "pdf"), PathBuf::from("/a/年报.v2.pdf"));
        assert_eq!(file_name("某局/办公室2024年", "pdf"), "某局_办公室2024年.pdf");
        assert_eq!(file_name("  ", "json"), "年报.json");
    }
}
