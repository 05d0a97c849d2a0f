//! The app in small windows (900×600, 150 % zoom): 表三 scrolls behind its
//! frozen header and row labels, each tab keeps its own scroll position, a
//! finding's cell is brought into view below the header, nothing is cut off.

use std::path::PathBuf;

use egui::{Pos2, Rect, Vec2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::fonts::FontSet;
use nianbao::settings::Settings;
use nianbao::ui::App;
use nianbao::ui::tabs::Tab;

#[allow(dead_code)] // app_harness: this file sizes its own windows
mod common;
use common::Scripted;

const W: f32 = 900.0;
const H: f32 = 600.0;
const NEW: &str = "一、本年新收政府信息公开申请数量";
const CARRIED_OUT: &str = "四、结转下年度继续办理";

/// The app in a window `size` points large (after `zoom`), with a report open.
fn small_window(name: &str, example: &str, zoom: f32) -> Harness<'static, App> {
    let dir = std::env::temp_dir().join(format!("nianbao-ui-window-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fonts = FontSet::bundled();
    fonts.load_all();
    let app = App::new(Settings::default(), dir, Box::new(Scripted::default()), fonts);
    let mut h = Harness::builder()
        .with_size([W, H])
        .with_context_setup(move |ctx| {
            App::setup(ctx, fonts);
            ctx.set_zoom_factor(zoom);
        })
        .build_ui_state(|ui, app: &mut App| app.ui(ui, None), app);
    h.state_mut().open_path(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples").join(example));
    h.run();
    h
}

/// The mouse wheel (or a trackpad) over `at`, moving the content by `delta`.
fn wheel(h: &mut Harness<'_, App>, at: Pos2, delta: Vec2) {
    h.hover_at(at);
    for (phase, delta) in
        [(egui::TouchPhase::Start, Vec2::ZERO), (egui::TouchPhase::Move, delta), (egui::TouchPhase::End, Vec2::ZERO)]
    {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta,
            phase,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
}

fn rect(h: &Harness<'_, App>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

fn cell(row: &str, col: &str) -> String {
    format!("表三 {row} {col}")
}

fn open_tab(h: &mut Harness<'_, App>, tab: Tab) {
    h.get_by_label(tab.label()).click();
    h.run();
}

#[test]
fn table_three_scrolls_sideways_and_down_under_its_frozen_header_and_labels() {
    let mut h = small_window("table-3", "zhoucun-2023.json", 1.0);
    open_tab(&mut h, Tab::Applications);
    let total = cell(NEW, "总计");
    assert!(rect(&h, &total).right() > W, "at 900 wide the 总计 column starts out of view");
    let (header, label) = (rect(&h, "申请人情况"), rect(&h, NEW));
    let body = pos2(label.right() + 150.0, label.center().y + 60.0);

    wheel(&mut h, body, vec2(-2000.0, 0.0));
    let seen = rect(&h, &total);
    assert!(seen.right() <= W && seen.left() >= label.right(), "总计 scrolled into view beside the labels: {seen:?}");
    assert_eq!(rect(&h, NEW), label, "row labels stay put while the numbers scroll sideways");
    assert!(rect(&h, "总计").right() <= W, "the 总计 header came along");
    assert!(rect(&h, "申请人情况").intersects(header), "the group header stays over the columns in view");

    let total_header = rect(&h, "总计");
    wheel(&mut h, body, vec2(0.0, -2000.0));
    assert_eq!(rect(&h, "总计"), total_header, "the header rows stay while the rows scroll up");
    let (last, last_cell) = (rect(&h, CARRIED_OUT), rect(&h, &cell(CARRIED_OUT, "总计")));
    assert!(last.bottom() <= H && last_cell.bottom() <= H, "the last row is in view");
    assert!((last.center().y - last_cell.center().y).abs() < 2.0, "a row's label stays level with its cells");
    assert!(rect(&h, NEW).bottom() < total_header.bottom(), "the first row went up under the header");

    // The wheel over the frozen labels scrolls the rows too.
    wheel(&mut h, pos2(last.center().x, last.center().y - 100.0), vec2(0.0, 2000.0));
    assert_eq!(rect(&h, NEW), label);
}

#[test]
fn each_tab_keeps_its_own_scroll_position() {
    let mut h = small_window("scroll", "zhoucun-2023.json", 1.0);
    open_tab(&mut h, Tab::Overview);
    let lead = "开头段（可不填）";
    let top = rect(&h, lead);
    wheel(&mut h, pos2(W / 2.0, H / 2.0), vec2(0.0, -150.0));
    let scrolled = rect(&h, lead);
    assert!(scrolled.top() < top.top() - 100.0, "the page scrolled: {top:?} → {scrolled:?}");

    open_tab(&mut h, Tab::Applications);
    let row = rect(&h, CARRIED_OUT);
    wheel(&mut h, pos2(W - 200.0, H / 2.0), vec2(0.0, -300.0));
    let row_scrolled = rect(&h, CARRIED_OUT);
    assert!(row_scrolled.top() < row.top() - 100.0, "表三 scrolled");

    // A short tab in between: with one shared scroll area it would reset the offset.
    open_tab(&mut h, Tab::Other);
    open_tab(&mut h, Tab::Overview);
    assert_eq!(rect(&h, lead), scrolled, "一、总体情况 is where it was left");
    open_tab(&mut h, Tab::Applications);
    assert_eq!(rect(&h, CARRIED_OUT), row_scrolled, "表三 too");
}

#[test]
fn jumping_to_a_finding_brings_its_cell_into_view_below_the_frozen_header() {
    let mut h = small_window("jump", "qingshan-2024.json", 1.0);
    // A blank cell far down and to the right: 四、结转下年度继续办理 × 其他.
    let row = h.state().report.applications.len() - 1;
    assert_eq!(h.state().report.applications[row][5], Some(0));
    h.state_mut().report.applications[row][5] = None;
    h.run();
    let message = h
        .state()
        .findings()
        .findings
        .iter()
        .find(|f| f.rule == "H6" && f.message.contains("四、结转下年度继续办理"))
        .expect("the blank cell is pointed out")
        .message
        .clone();
    open_tab(&mut h, Tab::Checks);
    h.get_by_label(&message).click();
    h.run();
    assert_eq!(h.state().tab, Tab::Applications);
    let name = cell(CARRIED_OUT, "其他");
    assert!(h.get_by_label(&name).is_focused());
    let target = rect(&h, &name);
    let (header, labels) = (rect(&h, "其他"), rect(&h, NEW).right().max(rect(&h, CARRIED_OUT).right()));
    assert!(header.top() > 60.0, "the header is still on screen: {header:?}");
    assert!(target.top() >= header.bottom(), "the cell is below the header: {target:?} vs {header:?}");
    assert!(target.bottom() <= H - 20.0, "and above the status bar: {target:?}");
    assert!(target.left() >= labels && target.right() <= W, "and beside the row labels: {target:?}");
}

#[test]
fn nothing_is_cut_off_at_150_percent_in_a_900_by_600_window() {
    // 900×600 pixels at 150 % is 600×400 points; the harness reports rects in pixels.
    let mut h = small_window("zoom", "zhoucun-2023.json", 1.5);
    let width = W;
    let preamble = h.get_all_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "前言").next().unwrap().rect();
    assert!(preamble.right() <= width, "the 前言 field wraps inside the window: {preamble:?}");
    let agency = h.get_all_by_role_and_label(egui::accesskit::Role::TextInput, "编制单位").next().unwrap().rect();
    assert!(agency.right() <= width, "编制单位 fits: {agency:?}");
    open_tab(&mut h, Tab::Overview);
    let body = h.get_all_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "开头段（可不填）").next();
    assert!(body.is_some_and(|b| b.rect().right() <= width), "text fields follow the window's width");
    open_tab(&mut h, Tab::Applications);
    assert!(rect(&h, NEW).right() < width / 2.0 + 40.0, "表三's labels leave room for numbers");
    let first = rect(&h, &cell(NEW, "自然人"));
    assert!(first.right() <= width && first.bottom() <= H, "the first cell is in view: {first:?}");
}

#[test]
fn the_signature_date_is_picked_from_a_calendar_in_chinese() {
    let mut h = small_window("calendar", "zhoucun-2023.json", 1.0);
    h.state_mut().report.signature.date = "2024年1月20日".into();
    h.run();
    h.get_by_label("日历…").click();
    h.run();
    assert!(h.query_by_label("2024年1月").is_some(), "the month of the date in the field");
    h.get_by_label("下月").click();
    h.run();
    h.get_by_label("15").click();
    h.run();
    assert_eq!(h.state().report.signature.date, "2024年2月15日");
    assert!(h.query_by_label("下月").is_none(), "the calendar closed");
}

#[test]
fn the_merge_sources_list_shows_the_errors_of_the_report_chosen() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut h = small_window("sources", "qingshan-2024.json", 1.0);
    h.state_mut().merge(&[examples.join("qingshan-2024.json"), examples.join("errors-2024.json")]);
    h.run();
    // The report with errors is chosen first, its errors listed under the table.
    assert!(h.query_all_by_label_contains("错误 H1").next().is_some());
    assert!(h.query_by_label("没有错误。").is_none());
    h.get_by_label("青山县市场监督管理局").click();
    h.run();
    assert!(h.query_by_label("没有错误。").is_some(), "the other report is clean");
    assert!(h.query_all_by_label_contains("错误 H1").next().is_none());
}

#[test]
fn tab_to_a_cell_out_of_view_scrolls_it_in() {
    let mut h = small_window("tab-key", "zhoucun-2023.json", 1.0);
    h.state_mut().auto_totals = false; // 总计 is a cell to type in
    open_tab(&mut h, Tab::Applications);
    let (other, total) = (cell(NEW, "其他"), cell(NEW, "总计"));
    assert!(rect(&h, &total).right() > W);
    h.get_by_label(&other).focus();
    h.run();
    h.key_press(egui::Key::Tab);
    h.run();
    assert!(h.get_by_label(&total).is_focused(), "Tab goes along the row");
    let seen = rect(&h, &total);
    assert!(seen.right() <= W && seen.left() >= rect(&h, NEW).right(), "and the cell came into view: {seen:?}");
}
