//! The desktop app (egui). It edits the model and shows what model, layout and
//! checker make of it; `app.rs` is the shell, `tabs/` has one module per tab.

pub mod app;
pub mod cells;
pub mod clipboard;
pub mod command;
pub mod dialogs;
pub mod file_dialog;
pub mod findings;
pub mod fonts;
pub mod history;
pub mod reachable;
pub mod review;
pub mod sources;
pub mod tabs;
pub mod widgets;
pub mod window;

pub use app::App;

use std::path::PathBuf;

use crate::fonts::FontSet;
use crate::settings::{RendererChoice, Settings, data_dir};

/// The window's icon (also the exe icon on Windows).
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

struct EframeApp(App, window::WindowTracker);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.1.update(ui.ctx());
        self.0.ui(ui, Some(frame));
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.0.tab == tabs::Tab::Preview {
            self.0.preview.take_wheel(ctx, &mut raw_input.events);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The window opens where it was left next time.
        self.1.store(&mut self.0.settings);
        self.0.save_settings();
        self.0.on_exit();
    }
}

/// The window: where it was left last time, else a size that fits a 1366×768
/// laptop with its taskbar (the first frame fits it to smaller screens).
fn options(renderer: eframe::Renderer, settings: &Settings) -> eframe::NativeOptions {
    let base = egui::ViewportBuilder::default().with_title("年报编制器").with_app_id("nianbao");
    let (mut viewport, centered) = window::viewport(base, settings);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON) {
        viewport = viewport.with_icon(icon);
    }
    // run_and_return keeps the event loop, so a second run_native (the glow retry) can start.
    eframe::NativeOptions { viewport, renderer, run_and_return: true, centered, ..Default::default() }
}

/// What the window shows first.
#[derive(Clone, Debug, Default)]
pub enum Start {
    /// A new, empty report.
    #[default]
    Empty,
    /// A report file (double-clicked, or dropped on the program).
    Open(PathBuf),
    /// 从上年报告新建 from this file.
    NewFrom(PathBuf),
    /// 汇总 of these files.
    Merge(Vec<PathBuf>),
}

fn run_with(renderer: eframe::Renderer, start: &Start) -> eframe::Result {
    let dir = data_dir();
    let settings = Settings::load(&dir);
    let options = options(renderer, &settings);
    let creator: eframe::AppCreator<'_> = Box::new(move |cc| {
        let fonts = FontSet::for_preference(settings.fonts);
        App::setup(&cc.egui_ctx, fonts);
        if let Some(zoom) = settings.zoom {
            cc.egui_ctx.set_zoom_factor(zoom);
        }
        let tracker = window::WindowTracker::new(&settings);
        let mut app = App::new(settings, dir, Box::new(dialogs::NativeDialogs), fonts);
        match start {
            Start::Empty => {}
            Start::Open(path) => app.open_path(path),
            Start::NewFrom(path) => app.new_from_previous(path),
            Start::Merge(paths) => app.merge(paths),
        }
        Ok(Box::new(EframeApp(app, tracker)))
    });
    eframe::run_native("年报编制器", options, creator)
}

/// Opens the window. wgpu first (DirectX 12 on Windows, with its software
/// fallback), glow (OpenGL) if wgpu cannot start; `NIANBAO_RENDERER=glow|wgpu`
/// or the saved setting forces one. Returns the process exit status.
pub fn run(start: Start) -> i32 {
    let choice = std::env::var("NIANBAO_RENDERER")
        .ok()
        .and_then(|v| RendererChoice::from_code(&v.to_lowercase()))
        .unwrap_or_else(|| Settings::load(&data_dir()).renderer);
    let result = match choice {
        RendererChoice::Glow => run_with(eframe::Renderer::Glow, &start),
        RendererChoice::Wgpu => run_with(eframe::Renderer::Wgpu, &start),
        RendererChoice::Auto => run_with(eframe::Renderer::Wgpu, &start).or_else(|_| {
            eprintln!("wgpu 无法启动（显卡驱动或远程桌面不支持），改用 OpenGL（glow）");
            run_with(eframe::Renderer::Glow, &start)
        }),
    };
    match result {
        Ok(()) => 0,
        Err(_) => {
            eprintln!(
                "错误：窗口无法打开（显卡驱动或远程桌面不支持所需的图形功能）。可以设置环境变量 NIANBAO_RENDERER=glow 或 wgpu 再试。"
            );
            1
        }
    }
}
