//! Shared by the UI tests: the app in a headless harness, with dialogs a test answers.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use nianbao::fonts::FontSet;
use nianbao::settings::Settings;
use nianbao::ui::App;
use nianbao::ui::clipboard::MemoryClipboard;
use nianbao::ui::dialogs::{Answer, FileDialogs};

/// Dialogs that answer with prepared paths (None = the user cancelled), or, with
/// `no_native`, as a desktop without any native dialog does.
#[derive(Default)]
pub struct Scripted {
    pub open: Option<PathBuf>,
    pub save: Option<PathBuf>,
    pub no_native: bool,
    /// The folder each dialog was asked to start in, in order.
    pub started_in: std::sync::Arc<std::sync::Mutex<Vec<Option<PathBuf>>>>,
}

impl Scripted {
    fn started(&self, dir: Option<&Path>) {
        self.started_in.lock().unwrap().push(dir.map(Path::to_path_buf));
    }

    fn answer<T>(&self, v: Option<T>) -> Answer<T> {
        match v {
            _ if self.no_native => Answer::Unavailable,
            Some(v) => Answer::Chosen(v),
            None => Answer::Cancelled,
        }
    }
}

impl FileDialogs for Scripted {
    fn open_report(&mut self, _: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<PathBuf> {
        self.started(dir);
        let v = self.open.take();
        self.answer(v)
    }
    fn open_reports(&mut self, _: Option<&eframe::Frame>, dir: Option<&Path>) -> Answer<Vec<PathBuf>> {
        self.started(dir);
        let v = self.open.take().map(|p| vec![p]);
        self.answer(v)
    }
    fn save_report(&mut self, _: Option<&eframe::Frame>, dir: Option<&Path>, _: &str) -> Answer<PathBuf> {
        self.started(dir);
        let v = self.save.take();
        self.answer(v)
    }
    fn save_export(
        &mut self,
        _: Option<&eframe::Frame>,
        dir: Option<&Path>,
        _: &str,
        _: nianbao::export::Format,
    ) -> Answer<PathBuf> {
        self.started(dir);
        let v = self.save.take();
        self.answer(v)
    }
}

/// The app with the bundled fonts (the harness panics on any glyph no font has).
/// Every face is loaded before the first frame: the set is shared by all tests of
/// the process, and a face that loads while a harness runs would cost it frames
/// depending on which test ran first.
#[allow(dead_code)] // not every test binary uses it
pub fn app_harness(dialogs: Scripted, data_dir: PathBuf) -> Harness<'static, App> {
    build(dialogs, data_dir, true, false)
}

/// As [`app_harness`], for tests of characters no font has: the app draws them as
/// boxes, which the default harness would refuse.
#[allow(dead_code)] // not every test binary uses it
pub fn app_harness_allowing_missing_glyphs(dialogs: Scripted, data_dir: PathBuf) -> Harness<'static, App> {
    build(dialogs, data_dir, true, true)
}

/// As [`app_harness`], for tests that show the in-app file dialog: egui_file's two
/// text fields have no accessible name, which kittest's check would refuse.
#[allow(dead_code)] // not every test binary uses it
pub fn app_harness_with_file_dialog(dialogs: Scripted, data_dir: PathBuf) -> Harness<'static, App> {
    build(dialogs, data_dir, false, false)
}

/// As [`app_harness`], started with `settings` (a recent-files list, say).
#[allow(dead_code)] // not every test binary uses it
pub fn app_harness_with_settings(dialogs: Scripted, data_dir: PathBuf, settings: Settings) -> Harness<'static, App> {
    build_with(dialogs, data_dir, settings, true, false)
}

fn build(dialogs: Scripted, data_dir: PathBuf, accessibility_check: bool, missing_glyphs: bool) -> Harness<'static, App> {
    build_with(dialogs, data_dir, Settings::default(), accessibility_check, missing_glyphs)
}

fn build_with(
    dialogs: Scripted,
    data_dir: PathBuf,
    settings: Settings,
    accessibility_check: bool,
    missing_glyphs: bool,
) -> Harness<'static, App> {
    let fonts = FontSet::bundled();
    fonts.load_all();
    let mut app = App::new(settings, data_dir, Box::new(dialogs), fonts);
    app.clipboard = Box::new(MemoryClipboard::default()); // never the desktop's
    let mut builder = Harness::builder();
    builder = builder.with_size([1280.0, 900.0]).with_accessibility_check(accessibility_check);
    if missing_glyphs {
        builder = builder.allow_missing_glyphs();
    }
    builder.with_context_setup(move |ctx| App::setup(ctx, fonts)).build_ui_state(|ui, app: &mut App| app.ui(ui, None), app)
}
