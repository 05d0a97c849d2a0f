//! The 导入核对 panel as a clerk uses it: an item clicked brings its cell or field
//! into view with the keyboard focus; the count of items left follows each edit.

use std::path::{Path, PathBuf};

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nianbao::model::check::{CellRef, Table};
use nianbao::ui::App;
use nianbao::ui::command::UiCommand;

mod common;
use common::{Scripted, app_harness};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-ui-review-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn real(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-reports").join(name)
}

/// pingtan-2021.txt imported (unread cells in tables 二, 三 and 四) in a window `size` large.
fn imported(name: &str, size: [f32; 2]) -> Harness<'static, App> {
    let dir = scratch(name);
    let mut h = app_harness(Scripted { open: Some(real("pingtan-2021.txt")), ..Default::default() }, dir.join("data"));
    h.set_size(egui::vec2(size[0], size[1]));
    h.state_mut().command(UiCommand::Import);
    h.run();
    h
}

/// Clicks the review panel's item for `cell` (its text starts with the cell's name).
fn click_item(h: &mut Harness<'_, App>, cell: CellRef) {
    let name = nianbao::model::unread::cell_name(&h.state().report, cell);
    let prefix = format!("{name}：");
    // As the user scrolls the list to the item.
    h.query_all_by_label_contains(&prefix).next().unwrap_or_else(|| panic!("no review item for {name}")).scroll_to_me();
    h.run();
    let at = h.query_all_by_label_contains(&prefix).next().unwrap().rect().center();
    click_as_a_mouse_does(h, at);
}

/// A mouse click: pressed in one frame, released in a later one (kittest's own
/// click sends both in one frame, which hides what happens between them).
fn click_as_a_mouse_does(h: &mut Harness<'_, App>, at: egui::Pos2) {
    h.hover_at(at);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

fn focused_rect(h: &Harness<'_, App>) -> Option<Rect> {
    let id = h.ctx.memory(|m| m.focused())?;
    h.ctx.read_response(id).map(|r| r.rect)
}

fn jumps_to_each_table(size: [f32; 2]) {
    let mut h = imported(&format!("jump-{}", size[0]), size);
    for table in [Table::Disclosure, Table::Applications, Table::Reviews] {
        let unread: Vec<CellRef> = h.state().report.unread.iter().map(|u| u.cell).filter(|c| c.table == table).collect();
        assert!(!unread.is_empty(), "pingtan-2021 has unread cells in {table:?}");
        // The last one: the furthest down and right, out of view unless scrolled to.
        let cell = *unread.last().unwrap();
        click_item(&mut h, cell);
        let target = nianbao::ui::widgets::Target::Cell(cell).id();
        assert!(h.ctx.memory(|m| m.has_focus(target)), "{table:?}: the cell {cell:?} has the keyboard focus");
        let rect = focused_rect(&h).expect("the focused cell was drawn");
        let screen = h.ctx.content_rect();
        assert!(screen.contains_rect(rect), "{table:?}: the cell {rect:?} is on screen {screen:?}");
    }
}

#[test]
fn a_review_item_focuses_its_cell_in_view_at_1366_by_768() {
    jumps_to_each_table([1366.0, 768.0]);
}

#[test]
fn a_review_item_focuses_its_cell_in_view_in_a_small_window() {
    jumps_to_each_table([900.0, 600.0]);
}

/// The empty Word template imported: no year, no agency, no fee — notes, not cells.
#[test]
fn a_review_note_focuses_the_field_it_is_about() {
    use nianbao::model::check::Field;
    use nianbao::ui::tabs::Tab;
    use nianbao::ui::widgets::Target;
    let dir = scratch("notes");
    let dialogs = Scripted { open: Some(real("template-govnianbao.docx")), ..Default::default() };
    let mut h = app_harness(dialogs, dir.join("data"));
    h.set_size(egui::vec2(1366.0, 768.0));
    h.state_mut().command(UiCommand::Import);
    h.run();
    for (note, tab, target) in [
        ("没有读到信息处理费金额", Tab::Other, Target::Field(Field::ProcessingFee)),
        ("没有找到编制单位", Tab::Basic, Target::Field(Field::Agency)),
        ("没有找到报告年度", Tab::Basic, Target::Year),
    ] {
        let at = h.get_by_label_contains(note).rect().center();
        click_as_a_mouse_does(&mut h, at);
        assert_eq!(h.state().tab, tab, "{note}");
        assert!(h.ctx.memory(|m| m.has_focus(target.id())), "{note}: {target:?} has the keyboard focus");
    }
}

#[test]
fn the_count_left_to_review_follows_each_cell_filled_or_confirmed() {
    let mut h = imported("count", [1366.0, 768.0]);
    let total = h.state().report.unread.len();
    assert!(h.state().status.contains(&format!("共 {total} 项需要核对")), "{}", h.state().status);
    // Typed into an unread cell (reached from the panel).
    let cell = h.state().report.unread[0].cell;
    click_item(&mut h, cell);
    // Typed at once: the click put the focus there.
    h.event(egui::Event::Text("6".into()));
    h.run();
    assert!(h.state().report.unread_at(cell).is_none(), "typing into the cell read it");
    assert!(h.state().status.contains(&format!("共 {} 项需要核对", total - 1)), "{}", h.state().status);
    // Confirmed blank from the panel.
    let next = h.state().report.unread[0].cell;
    h.get_all_by_label("确认为空白").next().unwrap().click();
    h.run();
    assert!(h.state().report.unread_at(next).is_none());
    assert_eq!(h.state().report.unread.len(), total - 2);
    assert!(h.state().status.contains(&format!("共 {} 项需要核对", total - 2)), "{}", h.state().status);
}

#[test]
fn a_note_ticked_as_checked_lowers_the_count() {
    let dir = scratch("tick");
    let dialogs = Scripted { open: Some(real("template-govnianbao.docx")), ..Default::default() };
    let mut h = app_harness(dialogs, dir.join("data"));
    h.set_size(egui::vec2(1366.0, 768.0));
    h.state_mut().command(UiCommand::Import);
    h.run();
    assert!(h.state().status.contains("共 3 项需要核对"), "{}", h.state().status);
    h.get_all_by_role(egui::accesskit::Role::CheckBox).find(|c| c.rect().left() > 900.0).expect("已核对 boxes").click();
    h.run();
    assert!(h.state().status.contains("共 2 项需要核对"), "{}", h.state().status);
}

/// Esc takes an edit back: an unread cell of each table gets back its 未读 entry
/// (reason, candidates, place in the list) and the count, not a confirmed blank.
/// So does a fraction refused in a count cell.
#[test]
fn esc_gives_an_unread_cell_back_its_unread_entry() {
    let mut h = imported("esc", [1366.0, 768.0]);
    let before = h.state().report.clone();
    let status = h.state().status.clone();
    for table in [Table::Disclosure, Table::Applications, Table::Reviews] {
        let cell = before.unread.iter().map(|u| u.cell).find(|c| c.table == table).expect("an unread cell in each table");
        for typed in ["5", "1.5"] {
            click_item(&mut h, cell);
            h.event(egui::Event::Text(typed.into()));
            h.run();
            if typed == "5" {
                assert!(h.state().report.unread_at(cell).is_none(), "{table:?}: typing read the cell");
            }
            h.key_press(egui::Key::Escape);
            h.run();
            assert_eq!(h.state().report.unread, before.unread, "{table:?} {typed} + Esc: the unread entry is back in its place");
            assert_eq!(h.state().report, before, "{table:?} {typed} + Esc: the report is as before the edit");
            assert_eq!(h.state().status, status, "{table:?} {typed} + Esc: the count to review is back");
        }
        // Typing erased and the cell left: nothing was confirmed, it is still unread.
        click_item(&mut h, cell);
        h.event(egui::Event::Text("7".into()));
        h.run();
        h.key_press(egui::Key::Backspace);
        h.run();
        h.key_press(egui::Key::Tab);
        h.run();
        assert_eq!(h.state().report, before, "{table:?} 7, ⌫, Tab: the cell is unread as before");
    }
}
