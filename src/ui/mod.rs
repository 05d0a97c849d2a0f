//! The desktop app (egui). It edits the model and shows what model, layout and
//! checker make of it; `app.rs` is the shell, `tabs/` has one module per tab.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod findings;
pub mod fonts;
pub mod history;
pub mod sources;
pub mod tabs;
pub mod widgets;

pub use app::App;

use std::path::PathBuf;

use crate::fonts::FontSet;
use crate::settings::{RendererChoice, Settings, data_dir};

/// The window's icon (also the exe icon on Windows).
const ICON: &[u8] = include_bytes!("../../assets/icon.png");

struct EframeApp(App);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.0.ui(ui, Some(frame));
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.0.tab == tabs::Tab::Preview {
            self.0.preview.take_wheel(ctx, &mut raw_input.events);
        }
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
    let creator: eframe::AppCreator<'_> = Box::new(move |cc| {
        let dir = data_dir();
        let settings = Settings::load(&dir);
        let fonts = FontSet::for_preference(settings.fonts);
        App::setup(&cc.egui_ctx, fonts);
        let mut app = App::new(settings, dir, Box::new(dialogs::NativeDialogs), fonts);
        match start {
            Start::Empty => {}
            Start::Open(path) => app.open_path(path),
            Start::NewFrom(path) => app.new_from_previous(path),
            Start::Merge(paths) => app.merge(paths),
        }
        Ok(Box::new(EframeApp(app)))
    });
    eframe::run_native("年报编制器", options(renderer), creator)
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
        RendererChoice::Auto => run_with(eframe::Renderer::Wgpu, &start).or_else(|e| {
            eprintln!("wgpu 无法启动（{e}），改用 OpenGL（glow）");
            run_with(eframe::Renderer::Glow, &start)
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
