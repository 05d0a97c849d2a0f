//! Native file dialogs (rfd), behind a trait so tests can answer them. When no
//! native dialog can be shown (Linux without an xdg-desktop-portal and without
//! zenity), they answer [`Answer::Unavailable`] and the app shows its own
//! (`ui::file_dialog`): a dialog always answers.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::export::Format;

/// What a file dialog answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer<T> {
    Chosen(T),
    Cancelled,
    /// No native dialog could be shown: the app shows its own instead.
    Unavailable,
}

pub trait FileDialogs {
    /// 打开: a report file.
    fn open_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<PathBuf>;
    /// 汇总多个年报: several report files.
    fn open_reports(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<Vec<PathBuf>>;
    /// 另存为: where to save the report.
    fn save_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Answer<PathBuf>;
    /// 导出PDF / 导出Word / 导出网页: where to write the file.
    fn save_export(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str, format: Format) -> Answer<PathBuf>;
    /// 导入已有年报: a published document (answered like 打开 unless overridden).
    fn open_document(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<PathBuf> {
        self.open_report(parent, dir)
    }
    /// 审核多个年报: documents and report files.
    fn open_documents(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<Vec<PathBuf>> {
        self.open_reports(parent, dir)
    }
    /// Where to write the audit's CSV.
    fn save_csv(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Answer<PathBuf> {
        self.save_report(parent, dir, name)
    }
}

pub const REPORT_FILTER: (&str, &[&str]) = ("年报文件 (*.json)", &["json"]);
/// What every dialog that reads a report lists (打开, 从上年报告新建, 汇总, 导入,
/// 审核): report files and every kind of published document they import
/// (`import::kind_of`; .doc/.wps too, to say how to convert them).
pub const DOCUMENT_FILTER: (&str, &[&str]) = (
    "年报文件和已发布的年报 (*.json *.pdf *.docx *.html *.htm *.txt)",
    &["json", "pdf", "docx", "html", "htm", "shtml", "xhtml", "txt", "text", "doc", "wps"],
);
pub const CSV_FILTER: (&str, &[&str]) = ("CSV 表格 (*.csv)", &["csv"]);

pub fn export_filter(format: Format) -> (&'static str, &'static [&'static str]) {
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

/// No person closes a dialog this fast: an rfd "cancel" quicker than this means
/// the dialog never showed (its portal call or zenity failed).
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(250);

/// Runs a native dialog if one can be shown, telling a cancel from a failure.
fn native<T>(show: impl FnOnce() -> Option<T>) -> Answer<T> {
    if !native_available() {
        return Answer::Unavailable;
    }
    let started = Instant::now();
    match show() {
        Some(v) => Answer::Chosen(v),
        None if started.elapsed() < TOO_FAST_TO_BE_A_PERSON => Answer::Unavailable,
        None => Answer::Cancelled,
    }
}

/// Whether a native file dialog can be shown. Windows and macOS always have one.
/// On Linux rfd asks the xdg-desktop-portal over D-Bus, then runs zenity; with
/// neither it silently returns nothing. `NIANBAO_FILE_DIALOG=builtin` forces the
/// app's own dialog, `=native` the native one.
pub fn native_available() -> bool {
    match std::env::var("NIANBAO_FILE_DIALOG").as_deref() {
        Ok("builtin") => return false,
        Ok("native") => return true,
        _ => {}
    }
    if !cfg!(target_os = "linux") {
        return true;
    }
    portal_installed() || on_path("zenity")
}

/// A session bus and a portal with a file chooser installed (the files D-Bus
/// activation and xdg-desktop-portal read).
fn portal_installed() -> bool {
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let dirs = data_dirs();
    let service = dirs.iter().any(|d| d.join("dbus-1/services/org.freedesktop.portal.Desktop.service").exists());
    let chooser = dirs.iter().any(|d| {
        std::fs::read_dir(d.join("xdg-desktop-portal/portals"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("org.freedesktop.impl.portal.FileChooser")))
    });
    bus && service && chooser
}

/// $XDG_DATA_DIRS (or its default), where D-Bus services and portals are described.
fn data_dirs() -> Vec<PathBuf> {
    let dirs = std::env::var("XDG_DATA_DIRS").ok().filter(|d| !d.is_empty());
    dirs.as_deref().unwrap_or("/usr/local/share:/usr/share").split(':').map(PathBuf::from).collect()
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

impl FileDialogs for NativeDialogs {
    fn open_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<PathBuf> {
        native(|| dialog(parent, dir, DOCUMENT_FILTER).set_title("打开年报").pick_file())
    }

    fn open_reports(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<Vec<PathBuf>> {
        native(|| dialog(parent, dir, DOCUMENT_FILTER).set_title("选择要汇总的年报（可多选）").pick_files())
    }

    fn open_document(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<PathBuf> {
        native(|| dialog(parent, dir, DOCUMENT_FILTER).set_title("导入已有年报").pick_file())
    }

    fn open_documents(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<Vec<PathBuf>> {
        native(|| dialog(parent, dir, DOCUMENT_FILTER).set_title("选择要审核的年报（可多选）").pick_files())
    }

    fn save_csv(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Answer<PathBuf> {
        native(|| dialog(parent, dir, CSV_FILTER).set_title("导出审核结果").set_file_name(name).save_file())
    }

    fn save_report(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str) -> Answer<PathBuf> {
        native(|| dialog(parent, dir, REPORT_FILTER).set_title("保存年报").set_file_name(name).save_file())
    }

    fn save_export(&mut self, parent: Option<&eframe::Frame>, dir: Option<&Path>, name: &str, format: Format) -> Answer<PathBuf> {
        native(|| {
            dialog(parent, dir, export_filter(format)).set_title(format!("导出{}", format.name())).set_file_name(name).save_file()
        })
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

    #[test]
    fn the_open_filter_lists_every_kind_that_opens() {
        for ext in DOCUMENT_FILTER.1 {
            let p = PathBuf::from(format!("年报.{ext}"));
            assert!(*ext == "json" || crate::import::is_document(&p), "{ext} is listed but does not open");
        }
        for ext in ["json", "pdf", "docx", "html", "htm", "shtml", "xhtml", "txt", "text", "doc", "wps"] {
            assert!(DOCUMENT_FILTER.1.contains(&ext), "{ext} opens but is not listed");
        }
    }
}
