//! The 预览 tab driven headless (egui_kittest): the wheel scrolls without
//! laying out or drawing any page again, textures only for what is in view, zoom (Ctrl+wheel around the pointer,
//! 「100%」, 「适合宽度」, a click on the slider's track), and page navigation.

use std::path::PathBuf;

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::ui::App;
use nianbao::ui::tabs::Tab;

mod common;
use common::{Scripted, app_harness};

/// The app on the 预览 tab of an example of several pages, the pointer over the pages.
fn preview(name: &str) -> Harness<'static, App> {
    let dir = std::env::temp_dir().join(format!("nianbao-preview-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = app_harness(Scripted::default(), dir);
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/zhoucun-2023.json"));
    h.run();
    h.get_by_label("预览").click();
    h.run();
    assert!(h.state().preview.page_count() >= 4, "an example of several pages");
    h.hover_at(view_point(&h, 0.5, 0.5));
    h.run();
    h
}

/// A point in the pages' view, as fractions of its width and height.
fn view_point(h: &Harness<'_, App>, x: f32, y: f32) -> Pos2 {
    let view = h.state().preview.view_rect().expect("the preview was shown");
    view.min + vec2(view.width() * x, view.height() * y)
}

/// One wheel step (`lines` > 0 scrolls up) as eframe delivers it to a focused
/// window (winit adds the modifiers around it), through the app's raw-input
/// hook, where the preview takes the steps over its pages.
fn wheel(h: &mut Harness<'_, App>, lines: f32, modifiers: Modifiers) {
    let step = Event::MouseWheel {
        unit: MouseWheelUnit::Line,
        delta: vec2(0.0, lines),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Wheel,
        modifiers,
    };
    let mut events = vec![Event::ModifiersChanged(modifiers), step, Event::ModifiersChanged(modifiers)];
    let ctx = h.ctx.clone();
    h.state_mut().preview.take_wheel(&ctx, &mut events);
    assert!(!events.iter().any(|e| matches!(e, Event::MouseWheel { .. })), "the preview took the step");
    h.input_mut().events.extend(events);
    h.run();
}

#[test]
fn wheel_steps_scroll_without_laying_out_or_drawing_a_page_again() {
    let mut h = preview("scroll");
    // Down and back up once: the bands of pages 1 and 2 in view get drawn.
    for lines in [-1.0, 1.0] {
        for _ in 0..5 {
            wheel(&mut h, lines, Modifiers::NONE);
        }
    }
    let before = h.state().preview.stats();
    assert_eq!(before.layouts, 1, "laid out once, not per frame");
    assert!(before.bands_drawn > 0);
    let mut offset = h.state().preview.scroll_offset().y;
    for step in 0..10 {
        let lines = if step < 5 { -1.0 } else { 1.0 };
        wheel(&mut h, lines, Modifiers::NONE);
        let now = h.state().preview.scroll_offset().y;
        assert_eq!(now - offset, -40.0 * lines, "step {step} scrolled one line at once");
        offset = now;
        let stats = h.state().preview.stats();
        assert_eq!((stats.layouts, stats.bands_drawn), (before.layouts, before.bands_drawn), "step {step}");
    }
    assert_eq!(h.state().preview.stats().frames, before.frames + 10, "one frame per step");
}

#[test]
fn only_the_bands_in_view_keep_a_texture() {
    let mut h = preview("memory");
    let view = h.state().preview.view_rect().unwrap();
    // The view's bands 256 pixels high, one more above and below, parts of pages at their edges.
    let most = ((view.height() + 2.0 * 256.0) / 256.0).ceil() as usize + 3;
    let mut offset = -1.0;
    while h.state().preview.scroll_offset().y != offset {
        offset = h.state().preview.scroll_offset().y;
        wheel(&mut h, -5.0, Modifiers::NONE);
        let held = h.state().preview.cached_bands();
        assert!(held <= most, "{held} textures, at most {most}");
    }
    assert_eq!(h.state().preview.page(), h.state().preview.page_count() - 1, "at the end");
    // A4 pages of 842 pixels, 4 bands each, each drawn once on the way down.
    assert_eq!(h.state().preview.stats().bands_drawn, 4 * h.state().preview.page_count() as u64);
}

#[test]
fn editing_the_report_draws_the_pages_again() {
    let mut h = preview("edit");
    let before = h.state().preview.stats();
    h.run();
    assert_eq!(h.state().preview.stats().bands_drawn, before.bands_drawn);
    h.state_mut().report.agency = "周村区某某中心".into();
    h.run();
    let after = h.state().preview.stats();
    assert_eq!(after.layouts, before.layouts + 1);
    assert_eq!(after.bands_drawn, 2 * before.bands_drawn, "what is on screen, drawn from the new layout");
}

#[test]
fn ctrl_wheel_zooms_around_the_pointer() {
    let mut h = preview("ctrl-wheel");
    let at = view_point(&h, 0.3, 0.6);
    h.hover_at(at);
    h.run();
    let (page, point) = h.state().preview.document_point_at(at).unwrap();
    wheel(&mut h, 1.0, Modifiers::COMMAND);
    let zoom = h.state().preview.zoom();
    assert!((zoom - (40.0f32 / 200.0).exp()).abs() < 1e-3, "one step: ×1.22, got {zoom}");
    // The page is still narrower than the view and stays centred: the line under the pointer stays.
    let (page_after, point_after) = h.state().preview.document_point_at(at).unwrap();
    assert_eq!(page_after, page);
    assert!((point_after.y - point.y).abs() < 1.0, "{point:?} stays under the pointer, now {point_after:?}");
    // Wider than the view, the very point stays.
    h.get_by_label("适合宽度").click();
    h.run();
    h.hover_at(at); // the click moved the pointer to the button
    h.run();
    let (page, point) = h.state().preview.document_point_at(at).unwrap();
    wheel(&mut h, 1.0, Modifiers::COMMAND);
    let (page_after, point_after) = h.state().preview.document_point_at(at).unwrap();
    assert_eq!(page_after, page);
    assert!((point_after - point).length() < 1.0, "{point:?} stays under the pointer, now {point_after:?}");
    for _ in 0..3 {
        wheel(&mut h, -2.0, Modifiers::COMMAND);
    }
    assert!(h.state().preview.zoom() < 1.0, "and back out");
}

#[test]
fn zoom_buttons_and_a_click_on_the_slider_track() {
    let mut h = preview("zoom");
    h.get_by_label("适合宽度").click();
    h.run();
    let view = h.state().preview.view_rect().unwrap();
    let fit = (view.width() - 32.0) / 595.0;
    assert!((h.state().preview.zoom() - fit).abs() < 0.01, "{} for {fit}", h.state().preview.zoom());
    h.get_by_role_and_label(Role::Button, "100%").click();
    h.run();
    assert_eq!(h.state().preview.zoom(), 1.0);
    // A click (press and release in one frame) in the middle of the logarithmic track: √(0.5 × 4).
    let drawn = h.state().preview.stats().bands_drawn;
    h.get_by_role_and_label(Role::Slider, "缩放").click();
    h.run();
    assert_eq!(h.state().preview.zoom(), 1.41);
    // What is on screen drawn again at the new size, once.
    let redrawn = h.state().preview.stats().bands_drawn;
    assert!(redrawn > drawn);
    h.run();
    assert_eq!(h.state().preview.stats().bands_drawn, redrawn);
}

#[test]
fn page_buttons_and_keys_move_to_page_n() {
    let mut h = preview("pages");
    let n = h.state().preview.page_count();
    let label = |page: usize| format!("第 {page} 页 / 共 {n} 页");
    assert!(h.query_by_label(&label(1)).is_some());
    h.get_by_label("下一页").click();
    h.run();
    h.get_by_label("下一页").click();
    h.run();
    assert_eq!(h.state().preview.page(), 2);
    assert!(h.query_by_label(&label(3)).is_some());
    let top = view_point(&h, 0.5, 0.05);
    assert_eq!(h.state().preview.document_point_at(top).map(|(p, _)| p), Some(2), "page 3 at the top");
    h.key_press(Key::PageUp);
    h.run();
    assert_eq!(h.state().preview.page(), 1);
    h.key_press(Key::End);
    h.run();
    assert_eq!(h.state().preview.page(), n - 1, "the last page, though it cannot reach the top");
    assert!(h.query_by_label(&label(n)).is_some());
    h.key_press(Key::PageDown);
    h.run();
    assert_eq!(h.state().preview.page(), n - 1);
    h.key_press(Key::Home);
    h.run();
    assert_eq!(h.state().preview.page(), 0);
    assert_eq!(h.state().preview.scroll_offset().y, 0.0);
}

#[test]
fn the_page_number_follows_the_page_in_view() {
    let mut h = preview("in-view");
    assert_eq!(h.state().tab, Tab::Preview);
    while h.state().preview.page() == 0 {
        wheel(&mut h, -1.0, Modifiers::NONE);
    }
    let n = h.state().preview.page_count();
    assert!(h.query_by_label(&format!("第 2 页 / 共 {n} 页")).is_some());
    let middle = view_point(&h, 0.5, 0.5);
    assert_eq!(h.state().preview.document_point_at(middle).map(|(p, _)| p), Some(1), "page 2 fills the middle");
}
