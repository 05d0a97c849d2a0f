//! Shared by the UI tests: the app in a headless harness, with dialogs a test answers.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use nianbao::fonts::FontSet;
use nianbao::settings::Settings;
use nianbao::ui::App;
use nianbao::ui::clipboard::MemoryClipboard;
use nianbao::ui::dialogs::FileDialogs;

/// Dialogs that answer with prepared paths (None = the user cancelled).
#[derive(Default)]
pub struct Scripted {
    pub open: Option<PathBuf>,
    pub save: Option<PathBuf>,
}

impl FileDialogs for Scripted {
    fn open_report(&mut self, _: Option<&eframe::Frame>, _: Option<&Path>) -> Option<PathBuf> {
        self.open.take()
    }
    fn open_reports(&mut self, _: Option<&eframe::Frame>, _: Option<&Path>) -> Vec<PathBuf> {
        self.open.take().into_iter().collect()
    }
    fn save_report(&mut self, _: Option<&eframe::Frame>, _: Option<&Path>, _: &str) -> Option<PathBuf> {
        self.save.take()
    }
    fn save_export(
        &mut self,
        _: Option<&eframe::Frame>,
        _: Option<&Path>,
        _: &str,
        _: nianbao::export::Format,
    ) -> Option<PathBuf> {
        self.save.take()
    }
}

/// The app with the bundled fonts (the harness panics on any glyph no font has).
/// Every face is loaded before the first frame: the set is shared by all tests of
/// the process, and a face that loads while a harness runs would cost it frames
/// depending on which test ran first.
pub fn app_harness(dialogs: Scripted, data_dir: PathBuf) -> Harness<'static, App> {
    let fonts = FontSet::bundled();
    fonts.load_all();
    let mut app = App::new(Settings::default(), data_dir, Box::new(dialogs), fonts);
    app.clipboard = Box::new(MemoryClipboard::default()); // never the desktop's
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(move |ctx| App::setup(ctx, fonts))
        .build_ui_state(|ui, app: &mut App| app.ui(ui, None), app)
}
