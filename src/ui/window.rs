//! The main window's size and place. The first window fits the screen's work
//! area (a 1366×768 laptop less the Windows taskbar); afterwards the window
//! opens where it was left, at the zoom it was left at (settings.json).

use egui::{Pos2, Rect, Vec2, ViewportBuilder, ViewportCommand, vec2};

use crate::settings::{Settings, WindowPlacement};

/// The first window's content size: fits 1366×768 less a 48 px taskbar and the title bar.
pub const DEFAULT_SIZE: Vec2 = vec2(1180.0, 660.0);
/// Small enough for 800×600 screens and large zooms.
pub const MIN_SIZE: Vec2 = vec2(720.0, 480.0);
/// Room left for a taskbar or dock: Windows 10 has 40 px, Windows 11 48 px,
/// and 信创 desktops (UOS, Kylin) a dock of about as much.
const TASKBAR: f32 = 48.0;
/// Title bar and borders when the window system does not say (outer = inner).
const FRAME: Vec2 = vec2(16.0, 40.0);

/// Size, place and zoom of the window about to open, from the settings.
/// Returns the builder and whether eframe should centre it.
pub fn viewport(builder: ViewportBuilder, settings: &Settings) -> (ViewportBuilder, bool) {
    let builder = builder.with_min_inner_size(MIN_SIZE);
    match settings.window {
        None => (builder.with_inner_size(DEFAULT_SIZE), true),
        Some(w) => {
            let builder = builder.with_inner_size(w.size).with_maximized(w.maximized);
            match w.position {
                Some(p) => (builder.with_position(p), false),
                None => (builder, true),
            }
        }
    }
}

/// A new content size and outer position for a window that does not fit the
/// work area of its monitor (`monitor` in the same units as the rects), or
/// None when it fits. The window keeps its size where there is room for it,
/// and is centred in the work area.
pub fn fit(monitor: Vec2, outer: Rect, inner: Vec2) -> Option<(Vec2, Pos2)> {
    let work = Rect::from_min_size(Pos2::ZERO, vec2(monitor.x, monitor.y - TASKBAR));
    // Windows counts its invisible resize borders (7 px a side) in the outer rect:
    // a window snapped to an edge still fits.
    if work.expand(16.0).contains_rect(outer) {
        return None;
    }
    let frame = if outer.size() == inner { FRAME } else { outer.size() - inner };
    let size = inner.min(work.size() - frame).max(Vec2::splat(1.0));
    let corner = (work.center() - (size + frame) / 2.0).max(Pos2::ZERO);
    Some((size, corner))
}

/// Follows the window while the app runs: fits the first frame to the screen,
/// and remembers where the window is for the settings.
#[derive(Default)]
pub struct WindowTracker {
    checked: bool,
    placement: Option<WindowPlacement>,
    zoom: Option<f32>,
}

impl WindowTracker {
    pub fn new(settings: &Settings) -> WindowTracker {
        WindowTracker { checked: false, placement: settings.window, zoom: settings.zoom }
    }

    /// Call once per frame.
    pub fn update(&mut self, ctx: &egui::Context) {
        let info = ctx.input(|i| i.viewport().clone());
        let zoom = ctx.zoom_factor();
        self.zoom = Some(zoom).filter(|z| (z - 1.0).abs() > 0.01);
        if !self.checked
            && let (Some(monitor), Some(outer), Some(inner)) = (info.monitor_size, info.outer_rect, info.inner_rect)
        {
            self.checked = true;
            if info.maximized != Some(true)
                && let Some((size, corner)) = fit(monitor, outer, inner.size())
            {
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
                ctx.send_viewport_cmd(ViewportCommand::OuterPosition(corner));
                return;
            }
        }
        if info.minimized == Some(true) || info.fullscreen == Some(true) {
            return;
        }
        if info.maximized == Some(true) {
            // Keep the size to restore to.
            if let Some(p) = &mut self.placement {
                p.maximized = true;
            }
            return;
        }
        if let Some(inner) = info.inner_rect {
            // ViewportInfo is in ui points; settings are in logical pixels.
            self.placement = Some(WindowPlacement {
                position: info.outer_rect.map(|o| [o.min.x * zoom, o.min.y * zoom]),
                size: [inner.width() * zoom, inner.height() * zoom],
                maximized: false,
            });
        }
    }

    /// Puts the window's last place and the zoom into the settings (to save on exit).
    pub fn store(&self, settings: &mut Settings) {
        if self.placement.is_some() {
            settings.window = self.placement;
        }
        settings.zoom = self.zoom;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_size(pos2(x, y), vec2(w, h))
    }

    #[test]
    fn a_window_taller_than_a_laptop_screen_is_fitted_above_the_taskbar() {
        // eframe clamps an 820 px tall window to the 768 px monitor: the status bar ends up under the taskbar.
        let outer = rect(85.0, 0.0, 1196.0, 768.0);
        let (size, corner) = fit(vec2(1366.0, 768.0), outer, vec2(1180.0, 729.0)).expect("does not fit");
        assert_eq!(size, vec2(1180.0, 768.0 - TASKBAR - 39.0));
        assert_eq!(corner, pos2(85.0, 0.0));
        assert!(corner.y + size.y + 39.0 <= 768.0 - TASKBAR);
    }

    #[test]
    fn the_default_window_fits_a_1366_by_768_laptop_and_is_left_alone() {
        let outer = Rect::from_center_size(pos2(683.0, 384.0 - TASKBAR / 2.0), DEFAULT_SIZE + FRAME);
        assert!(outer.bottom() <= 768.0 - TASKBAR && outer.top() >= 0.0);
        assert_eq!(fit(vec2(1366.0, 768.0), outer, DEFAULT_SIZE), None);
        assert_eq!(fit(vec2(1920.0, 1080.0), rect(300.0, 100.0, 1196.0, 700.0), DEFAULT_SIZE), None);
        // Snapped to the left half on Windows: the invisible border lies off screen.
        assert_eq!(fit(vec2(1366.0, 768.0), rect(-7.0, 0.0, 697.0, 727.0), vec2(667.0, 688.0)), None);
    }

    #[test]
    fn a_window_left_on_a_screen_that_is_gone_comes_back() {
        // Saved on a 1920×1080 monitor, opened on a 1280×720 one (1920×1080 at 150 %).
        let outer = rect(1500.0, 400.0, 1016.0, 640.0);
        let (size, corner) = fit(vec2(1280.0, 720.0), outer, vec2(1000.0, 600.0)).expect("off screen");
        assert_eq!(size, vec2(1000.0, 600.0), "it still fits in size");
        assert_eq!(corner, pos2((1280.0 - 1016.0) / 2.0, (720.0 - TASKBAR - 640.0) / 2.0));
        // Without a window manager (outer = inner) a title bar is assumed.
        let (size, _) = fit(vec2(900.0, 600.0), rect(0.0, 0.0, 1180.0, 660.0), vec2(1180.0, 660.0)).unwrap();
        assert_eq!(size, vec2(900.0, 600.0) - vec2(0.0, TASKBAR) - FRAME);
    }

    #[test]
    fn the_saved_place_opens_the_next_window() {
        let mut s = Settings::default();
        let (first, centred) = viewport(ViewportBuilder::default(), &s);
        assert_eq!((first.inner_size, first.position, centred), (Some(DEFAULT_SIZE), None, true));
        s.window = Some(WindowPlacement { position: Some([40.0, 30.0]), size: [1000.0, 640.0], maximized: true });
        let (next, centred) = viewport(ViewportBuilder::default(), &s);
        assert_eq!(next.inner_size, Some(vec2(1000.0, 640.0)));
        assert_eq!(next.position, Some(pos2(40.0, 30.0)));
        assert_eq!((next.maximized, centred), (Some(true), false));
    }

    #[test]
    fn the_window_is_tracked_in_logical_pixels_and_stored_in_the_settings() {
        let ctx = egui::Context::default();
        let mut tracker = WindowTracker::new(&Settings::default());
        let mut input = egui::RawInput::default();
        let info = input.viewports.entry(egui::ViewportId::ROOT).or_default();
        info.monitor_size = Some(vec2(1920.0, 1080.0));
        info.outer_rect = Some(rect(100.0, 50.0, 1016.0, 700.0));
        info.inner_rect = Some(rect(108.0, 82.0, 1000.0, 660.0));
        info.maximized = Some(false);
        ctx.set_zoom_factor(1.25);
        for _ in 0..2 {
            let mut out = ctx.run_ui(input.clone(), |ui| tracker.update(ui.ctx()));
            out.textures_delta.clear();
            let commands = &out.viewport_output[&egui::ViewportId::ROOT].commands;
            assert!(!commands.iter().any(|c| matches!(c, ViewportCommand::InnerSize(_))), "it fits: left alone");
        }
        let mut s = Settings::default();
        tracker.store(&mut s);
        // ui points × zoom = logical pixels (the rects above are in ui points).
        assert_eq!(s.window, Some(WindowPlacement { position: Some([125.0, 62.5]), size: [1250.0, 825.0], maximized: false }));
        assert_eq!(s.zoom, Some(1.25));
    }

    #[test]
    fn the_first_frame_fits_a_window_too_tall_for_the_screen() {
        let ctx = egui::Context::default();
        let mut tracker = WindowTracker::new(&Settings::default());
        let mut input = egui::RawInput::default();
        let info = input.viewports.entry(egui::ViewportId::ROOT).or_default();
        info.monitor_size = Some(vec2(1366.0, 768.0));
        info.outer_rect = Some(rect(85.0, 0.0, 1196.0, 768.0));
        info.inner_rect = Some(rect(93.0, 31.0, 1180.0, 729.0));
        let mut out = ctx.run_ui(input, |ui| tracker.update(ui.ctx()));
        out.textures_delta.clear();
        let commands = &out.viewport_output[&egui::ViewportId::ROOT].commands;
        assert!(commands.contains(&ViewportCommand::InnerSize(vec2(1180.0, 681.0))), "{commands:?}");
        assert!(commands.contains(&ViewportCommand::OuterPosition(pos2(85.0, 0.0))));
    }
}
