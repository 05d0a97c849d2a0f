//! The desktop app (egui). It edits the model and shows what model, layout and
//! checker make of it; `app.rs` is the shell, `tabs/` has one module per tab.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod findings;
pub mod fonts;
pub mod history;
pub mod tabs;
pub mod widgets;

pub use app::App;

use std::path::Path;

use crate::fonts::FontSet;
use crate::settings::{RendererChoice, Settings, data_dir};

/// The window's icon (also the exe icon on Windows).
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

struct EframeApp(App);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.0.ui(ui, Some(frame));
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.0.on_exit();
    }
}

fn options(renderer: eframe::Renderer) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("年报编制器")
        .with_app_id("nianbao")
        .with_inner_size([1180.0, 820.0])
        .with_min_inner_size([760.0, 520.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    // run_and_return keeps the event loop, so a second run_native (the glow retry) can start.
    eframe::NativeOptions { viewport, renderer, run_and_return: true, centered: true, ..Default::default() }
}

fn run_with(renderer: eframe::Renderer, file: Option<&Path>) -> eframe::Result {
    let creator: eframe::AppCreator<'_> = Box::new(move |cc| {
        let dir = data_dir();
        let settings = Settings::load(&dir);
        let fonts = FontSet::for_preference(settings.fonts);
        App::setup(&cc.egui_ctx, fonts);
        let mut app = App::new(settings, dir, Box::new(dialogs::NativeDialogs), fonts);
        if let Some(path) = file {
            app.open_path(path);
        }
        Ok(Box::new(EframeApp(app)))
    });
    eframe::run_native("年报编制器", options(renderer), creator)
}

/// Opens the window. wgpu first (DirectX 12 on Windows, with its software
/// fallback), glow (OpenGL) if wgpu cannot start; `NIANBAO_RENDERER=glow|wgpu`
/// or the saved setting forces one. `file` is opened at start (a double-clicked
/// report). Returns the process exit status.
pub fn run(file: Option<&Path>) -> i32 {
    let choice = std::env::var("NIANBAO_RENDERER")
        .ok()
        .and_then(|v| RendererChoice::from_code(&v.to_lowercase()))
        .unwrap_or_else(|| Settings::load(&data_dir()).renderer);
    let result = match choice {
        RendererChoice::Glow => run_with(eframe::Renderer::Glow, file),
        RendererChoice::Wgpu => run_with(eframe::Renderer::Wgpu, file),
        RendererChoice::Auto => run_with(eframe::Renderer::Wgpu, file).or_else(|e| {
            eprintln!("wgpu 无法启动（{e}），改用 OpenGL（glow）");
            run_with(eframe::Renderer::Glow, file)
        }),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误：窗口无法打开（{e}）。可以设置环境变量 NIANBAO_RENDERER=glow 或 wgpu 再试。");
            1
        }
    }
}
