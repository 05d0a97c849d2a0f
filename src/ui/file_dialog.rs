//! The app's own file dialog (egui_file), shown when the system has none to
//! offer (Linux without an xdg-desktop-portal or zenity), in Chinese, filtered
//! to the file type asked for.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui_file::{FileDialog, State};

use super::dialogs::Answer;

/// The 打开 button's text (also how its click is recognised).
const OPEN: &str = "打开";
/// The button that chooses a folder itself (审核多个年报: every report in it).
pub const THIS_FOLDER: &str = "审核此文件夹";

/// One open in-app dialog.
pub struct InAppDialog {
    dialog: FileDialog,
    multiple: bool,
    /// What the 文件名 field holds, as egui_file last showed it: its 打开
    /// button opens only a file clicked in the list, not a typed name (Enter does).
    typed: Arc<Mutex<String>>,
    /// The folder itself may be chosen (「审核此文件夹」).
    folder: bool,
    id: egui::Id,
}

/// What the dialog is for.
pub enum Kind<'a> {
    /// Pick an existing file (several when `multiple`).
    Open { multiple: bool },
    /// Choose where to write, suggesting `name`.
    Save { name: &'a str },
}

impl InAppDialog {
    /// A dialog titled `title` in `dir` (the home folder when None or gone),
    /// listing folders and files whose extension is one of `filter.1`.
    pub fn new(kind: Kind<'_>, title: &str, dir: Option<&Path>, filter: (&str, &'static [&'static str])) -> InAppDialog {
        let start = dir.filter(|d| d.is_dir()).map(Path::to_path_buf).or_else(home).unwrap_or_else(|| PathBuf::from("."));
        let extensions = filter.1;
        let (mut dialog, multiple) = match kind {
            Kind::Open { multiple } => (FileDialog::open_file(), multiple),
            Kind::Save { name } => (FileDialog::save_file().default_filename(name), false),
        };
        let id = egui::Id::unique(("nianbao-file-dialog", title));
        dialog = dialog
            .id(id)
            .title(title)
            .initial_path(start)
            .multi_select(multiple)
            .open_button_text(OPEN.into())
            .save_button_text("保存".into())
            .cancel_button_text("取消".into())
            .new_folder_button_text("新建文件夹".into())
            .new_folder_name_text("新建文件夹".into())
            .rename_button_text("重命名".into())
            .refresh_button_hover_text("刷新".into())
            .parent_folder_button_hover_text("上一级文件夹".into())
            .file_label_text("文件名：".into())
            .show_hidden_checkbox_text("显示隐藏文件".into())
            .show_rename(false)
            .default_size([640.0, 420.0])
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show_files_filter(Box::new(move |p: &Path| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
            }));
        // egui_file asks its name filter about the 文件名 field every frame: a
        // filter that lets every name through and remembers it.
        let typed = Arc::new(Mutex::new(String::new()));
        let seen = Arc::clone(&typed);
        dialog = dialog.filename_filter(Box::new(move |name: &str| {
            if let Ok(mut t) = seen.lock() {
                name.clone_into(&mut t);
            }
            true
        }));
        dialog.open();
        InAppDialog { dialog, multiple, typed, folder: false, id }
    }

    /// Offers 「审核此文件夹」 under the dialog: the folder shown (a folder
    /// name typed in 文件名 and Enter goes into it), or the one folder clicked
    /// in the list, is chosen itself.
    pub fn with_folder_choice(mut self) -> InAppDialog {
        self.folder = true;
        self
    }

    /// The folder 「审核此文件夹」 chooses: the one folder selected in the list, else the one shown.
    fn folder_chosen(&self) -> PathBuf {
        match self.dialog.selection().as_slice() {
            [one] if one.is_dir() => one.to_path_buf(),
            _ => self.dialog.directory().to_path_buf(),
        }
    }

    /// 「审核此文件夹」 under the dialog's window; whether it was clicked.
    fn folder_button(&self, ctx: &egui::Context) -> bool {
        let Some(window) = ctx.memory(|m| m.area_rect(self.id)) else { return false };
        let folder = self.folder_chosen();
        let name = folder.file_name().map_or_else(|| folder.display().to_string(), |n| n.to_string_lossy().into_owned());
        egui::Area::new(self.id.with("folder"))
            .order(egui::Order::Foreground)
            .fixed_pos(window.left_bottom() + egui::vec2(0.0, 6.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .show(ui, |ui| {
                        // As wide as the dialog: the hint wraps under it on a small screen.
                        ui.set_max_width(window.width() - 2.0 * ui.spacing().window_margin.leftf());
                        ui.horizontal_wrapped(|ui| {
                            let clicked = ui
                                .button(THIS_FOLDER)
                                .on_hover_text(format!("审核「{}」中的所有年报（不含子文件夹）", folder.display()))
                                .clicked();
                            ui.label(format!(
                                "「{name}」中的所有年报。文件名处输入文件夹名按回车可进入；按住 Ctrl 点选可多选，按住 Shift 点选连续的多个"
                            ));
                            clicked
                        })
                        .inner
                    })
                    .inner
            })
            .inner
    }

    /// The file named in the 文件名 field when 打开 was clicked: a file there is
    /// chosen (even over one clicked in the list before typing), a folder is entered.
    fn typed_and_opened(&mut self, ctx: &egui::Context, events_before: usize) -> Option<PathBuf> {
        if self.multiple || self.dialog.dialog_type() != egui_file::DialogType::OpenFile {
            return None;
        }
        let clicked = ctx.output(|o| {
            o.events[events_before.min(o.events.len())..]
                .iter()
                .any(|e| matches!(e, egui::output::OutputEvent::Clicked(info) if info.label.as_deref() == Some(OPEN)))
        });
        let typed = self.typed.lock().map(|t| t.trim().to_string()).unwrap_or_default();
        if !clicked || typed.is_empty() {
            return None;
        }
        let path = self.dialog.directory().join(&typed);
        if path.is_dir() {
            self.dialog.set_path(path);
            return None;
        }
        path.is_file().then_some(path)
    }

    /// Draws the dialog; Some once the user has chosen (or cancelled, or pressed Esc).
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Answer<Vec<PathBuf>>> {
        let events_before = ctx.output(|o| o.events.len());
        let state = self.dialog.show(ctx).state();
        if self.folder && state == State::Open && self.folder_button(ctx) {
            return Some(Answer::Chosen(vec![self.folder_chosen()]));
        }
        if let Some(path) = self.typed_and_opened(ctx, events_before) {
            return Some(Answer::Chosen(vec![path]));
        }
        match state {
            State::Open => None,
            State::Selected => {
                let chosen: Vec<PathBuf> = if self.multiple {
                    self.dialog.selection().into_iter().map(Path::to_path_buf).collect()
                } else {
                    self.dialog.path().map(Path::to_path_buf).into_iter().collect()
                };
                Some(if chosen.is_empty() { Answer::Cancelled } else { Answer::Chosen(chosen) })
            }
            State::Cancelled | State::Closed => Some(Answer::Cancelled),
        }
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" }).map(PathBuf::from)
}
