//! Number cells typed like a spreadsheet's (select on focus, Esc, paste handed to
//! the app), computed totals, and the typed year field.

use egui::{Id, Key, Response, RichText, TextEdit, Ui};

use super::findings::{Mark, severity_color};
use super::widgets::{Target, View, highlight};
use crate::model::check::CellRef;
use crate::model::decimal::{Decimal, DecimalError};
use crate::model::template::CellKind;
use crate::model::text::ascii_digits;
use crate::model::unread::UnreadCell;

/// Digits only (full-width digits become half-width), one decimal point (「。」
/// too), a sign where the column allows one. Returns the cleaned text. A point is
/// kept in a count cell too, so 「12.5」 is refused as a whole rather than read as 125.
pub fn clean_number_input(text: &str, kind: CellKind) -> String {
    let mut out = String::new();
    for c in ascii_digits(text).chars() {
        let allowed = c.is_ascii_digit()
            || (matches!(c, '.' | '。') && !out.contains('.'))
            || (matches!(c, '-' | '+') && kind == CellKind::SignedCount && out.is_empty());
        if allowed {
            out.push(if c == '。' { '.' } else { c });
        }
    }
    out
}

/// Why a cleaned input is not a value of its cell.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    /// A fraction in a count cell (「12.5」): shown as typed, never taken.
    NotWhole,
    /// Too large, too many decimals: the keystroke is refused.
    Invalid(DecimalError),
}

/// The value of a cleaned input: blank, incomplete (“-”, “.”) or a number.
fn parse_input(text: &str, kind: CellKind) -> Result<Option<Decimal>, Refusal> {
    if text.is_empty() || matches!(text, "-" | "+" | ".") {
        return Ok(None);
    }
    let d: Decimal = text.trim_end_matches('.').parse().map_err(Refusal::Invalid)?;
    if kind != CellKind::Amount && !d.is_integer() {
        return Err(Refusal::NotWhole);
    }
    Ok(Some(d))
}

/// A message for the status bar from a widget (the app shows it after the frame).
pub fn notify(ctx: &egui::Context, text: String) {
    ctx.data_mut(|d| d.insert_temp(notice_id(), text));
}

/// The message a widget left this frame, if any.
pub fn take_notice(ctx: &egui::Context) -> Option<String> {
    ctx.data_mut(|d| d.remove_temp::<String>(notice_id()))
}

fn notice_id() -> Id {
    Id::unique("nianbao-notice")
}

/// Where the arrow and Enter keys move from a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// How a number cell looks and what it accepts.
pub struct NumberCell<'a> {
    pub target: Target,
    pub kind: CellKind,
    /// A computed total (自动合计): shown, not typed into.
    pub read_only: bool,
    /// The accessible name: “表三 一、本年新收政府信息公开申请数量 自然人”.
    pub name: &'a str,
    pub width: f32,
}

/// A table cell: blank or a number, typed like a spreadsheet cell. Returns the
/// response and, when the user pressed Enter or ↑/↓, where to go next.
pub fn number_cell(
    ui: &mut Ui,
    view: &mut View<'_>,
    cell: NumberCell<'_>,
    value: &mut Option<Decimal>,
) -> (Response, Option<Move>) {
    let NumberCell { target, kind, read_only, name, width } = cell;
    let id = target.id();
    let shown = value.map(|d| d.to_string()).unwrap_or_default();
    if read_only {
        return (total_cell(ui, view, target, &shown, name, width), None);
    }
    let focused = ui.memory(|m| m.has_focus(id));
    let mut pasted_here = false;
    if focused && let Target::Cell(c) = target {
        // A paste replaces the cell, or fills the block copied from a spreadsheet
        // from here: the app does it after the frame, all or nothing.
        let pasted = ui.input_mut(|i| {
            let mut pasted = None;
            i.events.retain(|e| match e {
                egui::Event::Paste(text) => {
                    pasted = Some(text.clone());
                    false
                }
                _ => true,
            });
            pasted
        });
        if let Some(text) = pasted {
            view.pasted = Some((c, text));
            pasted_here = true;
            // The cell shows the pasted value from the next frame on, and Esc no
            // longer goes back past the paste (撤销 does).
            ui.data_mut(|d| {
                d.remove::<String>(id);
                d.remove::<Option<Decimal>>(id.with("before"));
            });
        }
    }
    let mut buffer = if focused { ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| shown.clone()) } else { shown };
    let mark = view.mark(target).cloned();
    let mark = mark.as_ref();
    let mut edit = TextEdit::singleline(&mut buffer).id(id).desired_width(width).align(egui::Align2::CENTER_CENTER);
    if let Some(fill) = highlight(ui, mark) {
        edit = edit.background_color(fill);
    }
    if value.is_none() && mark.is_some_and(|m| m.unread) {
        edit = edit.hint_text(crate::model::unread::UNREAD_MARK);
    }
    let mut response = ui.add(edit).accessible_name(name);
    view.take_focus(target, &response);
    select_on_focus(ui, &response, id, value, &buffer);
    let not_whole = id.with("not-whole");
    if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
        // Esc: the value the cell had before this edit, and nothing said about
        // what was typed (a 「12.5」 refused is simply gone).
        ui.data_mut(|d| {
            d.remove::<bool>(not_whole);
            d.remove::<String>(id);
        });
        if let Some(before) = ui.data(|d| d.get_temp::<Option<Decimal>>(id.with("before")))
            && before != *value
        {
            *value = before;
            response.mark_changed();
        }
        return (response, None);
    }
    if response.changed() {
        let cleaned = clean_number_input(&buffer, kind);
        match parse_input(&cleaned, kind) {
            Ok(v) => {
                *value = v;
                buffer = cleaned;
                ui.data_mut(|d| d.remove::<bool>(not_whole));
            }
            // 「12.5」 in a count: shown as typed, not taken; red until corrected.
            Err(Refusal::NotWhole) => {
                buffer = cleaned;
                ui.data_mut(|d| d.insert_temp(not_whole, true));
            }
            // Refuse the keystroke (too large, too many decimals): keep what was there.
            Err(_) => buffer = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_default(),
        }
    }
    if ui.data(|d| d.get_temp::<bool>(not_whole)).unwrap_or(false) {
        if response.has_focus() {
            let fill = super::findings::severity_fill(crate::model::Severity::Error, ui.visuals().dark_mode);
            ui.painter().rect_stroke(response.rect, 2.0, egui::Stroke::new(2.0, fill), egui::StrokeKind::Inside);
            response = response.on_hover_text("件数只能是整数");
        } else {
            // Left with 「12.5」: back to the value before this edit, and say so.
            let before = ui.data(|d| d.get_temp::<Option<Decimal>>(id.with("before"))).unwrap_or(*value);
            if before != *value {
                *value = before;
                response.mark_changed();
            }
            notify(ui.ctx(), format!("「{buffer}」不是整数：{name} 只能填整数，没有填入"));
            ui.data_mut(|d| d.remove::<bool>(not_whole));
        }
    }
    if response.has_focus() && !pasted_here {
        ui.data_mut(|d| d.insert_temp(id, buffer));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    let mut next = None;
    if !view.composing {
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            next = Some(Move::Down);
        } else if response.has_focus() {
            if ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                next = Some(Move::Down);
            } else if ui.input(|i| i.key_pressed(Key::ArrowUp)) {
                next = Some(Move::Up);
            }
        }
    }
    if let Some(m) = mark {
        response = response.on_hover_text(m.tooltip());
    }
    if let (Some(places), Target::Cell(c)) = (view.imported, target)
        && let Some(place) = places.get(&c)
    {
        response = response.on_hover_text(format!("导入自原文{place}"));
    }
    if let (Some(merged), Target::Cell(c)) = (view.merged, target) {
        let from = merged.describe(&c);
        if !from.is_empty() {
            response = response.on_hover_text(format!("汇总来源：{from}"));
        }
    }
    (response, next)
}

/// As in a spreadsheet: a cell that gets the focus (click, Tab, Enter, arrows)
/// has its content selected, so typing replaces it; the value it had is kept for
/// Esc. After a click the selection is made once the button is released (the
/// click itself places the caret).
fn select_on_focus<T: Clone + Send + Sync + 'static>(ui: &Ui, response: &Response, id: Id, value: &T, buffer: &str) {
    let pending = id.with("select");
    if response.gained_focus() {
        ui.data_mut(|d| {
            d.insert_temp(id.with("before"), value.clone());
            d.insert_temp(pending, true);
        });
    }
    if !response.has_focus() {
        ui.data_mut(|d| d.remove::<bool>(pending));
        return;
    }
    if ui.data(|d| d.get_temp::<bool>(pending)).unwrap_or(false) && !ui.input(|i| i.pointer.any_down()) {
        if let Some(mut state) = TextEdit::load_state(ui.ctx(), id) {
            state.cursor.set_char_range(Some(egui::text::CCursorRange::select_all_str(buffer)));
            state.store(ui.ctx(), id);
        }
        ui.data_mut(|d| d.remove::<bool>(pending));
        ui.ctx().request_repaint();
    }
}

/// A computed total: shown, not typed into.
fn total_cell(ui: &mut Ui, view: &mut View<'_>, target: Target, text: &str, name: &str, width: f32) -> Response {
    let height = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let fill = highlight(ui, view.mark(target)).unwrap_or(ui.visuals().faint_bg_color);
    ui.painter().rect_filled(rect, 3.0, fill);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().strong_text_color(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name));
    view.take_focus(target, &response);
    let tip =
        view.mark(target).map_or_else(|| "自动合计：由各项相加得出。关闭「自动合计」后可以手工填写。".to_string(), Mark::tooltip);
    response.on_hover_text(tip)
}

/// After a table cell (二, 三, 四) ran: an edit leaves an unread (未读) cell read,
/// and an edit taken back — Esc, a refused 「12.5」, the typing erased — gives it
/// back its unread entry (reason, candidates, place) and its place in the review
/// list: what was there before the edit, never a confirmed blank.
pub fn settle_unread(ui: &Ui, response: &Response, cell: CellRef, value: Option<Decimal>, unread: &mut Vec<UnreadCell>) {
    let id = Target::Cell(cell).id();
    let kept = id.with("before-unread");
    if response.gained_focus() {
        // The cell's entry as the edit starts (before this frame's typing clears it).
        let entry = unread.iter().position(|u| u.cell == cell).map(|at| (at, unread[at].clone()));
        ui.data_mut(|d| d.insert_temp(kept, entry));
    }
    if !response.changed() {
        return;
    }
    let before = ui.data(|d| d.get_temp::<Option<Decimal>>(id.with("before")));
    let entry = ui.data(|d| d.get_temp::<Option<(usize, UnreadCell)>>(kept)).flatten();
    unread.retain(|u| u.cell != cell);
    if before == Some(value)
        && let Some((at, entry)) = entry
    {
        unread.insert(at.min(unread.len()), entry);
    }
}

/// An integer cell (tables 三 and 四) through [`number_cell`].
pub fn count_cell(ui: &mut Ui, view: &mut View<'_>, cell: NumberCell<'_>, value: &mut Option<i64>) -> (Response, Option<Move>) {
    let mut d = value.map(Decimal::from_int);
    let out = number_cell(ui, view, cell, &mut d);
    if out.0.changed() {
        *value = d.and_then(Decimal::to_int);
    }
    out
}

/// The report year typed as a plain field: digits only (full-width ones too), taken
/// when they make a year in `range`, with a message under the field otherwise.
/// Nothing changes on a stray mouse move, and the value changes once per year typed.
pub fn year_field(ui: &mut Ui, id: Id, year: &mut i32, range: std::ops::RangeInclusive<i32>) -> Response {
    let focused = ui.memory(|m| m.has_focus(id));
    let mut buffer = if focused { ui.data(|d| d.get_temp::<String>(id)) } else { None }.unwrap_or_else(|| year.to_string());
    let response = ui.add(TextEdit::singleline(&mut buffer).id(id).desired_width(64.0).char_limit(4));
    select_on_focus(ui, &response, id, year, &buffer);
    if response.changed() {
        buffer = ascii_digits(&buffer).chars().filter(char::is_ascii_digit).collect();
        if let Ok(y) = buffer.parse::<i32>()
            && range.contains(&y)
        {
            *year = y;
        }
    }
    if response.has_focus() {
        let wrong = buffer.len() == 4 && buffer.parse::<i32>().map_or(true, |y| !range.contains(&y));
        ui.data_mut(|d| d.insert_temp(id, buffer));
        if wrong {
            ui.label(
                RichText::new(format!("年度应在 {} 到 {} 之间", range.start(), range.end()))
                    .color(severity_color(crate::model::Severity::Error)),
            );
        }
    } else if let Some(left) = ui.data_mut(|d| d.remove_temp::<String>(id))
        && left != year.to_string()
    {
        notify(ui.ctx(), format!("年度「{left}」不是 {} 到 {} 之间的年份，仍为 {year}", range.start(), range.end()));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_input_is_cleaned_like_a_spreadsheet_cell() {
        assert_eq!(clean_number_input("１２３", CellKind::Count), "123");
        assert_eq!(clean_number_input("12a3", CellKind::Count), "123");
        assert_eq!(clean_number_input("-8", CellKind::Count), "8");
        assert_eq!(clean_number_input("-8", CellKind::SignedCount), "-8");
        assert_eq!(clean_number_input("8-", CellKind::SignedCount), "8");
        assert_eq!(clean_number_input("7730.28", CellKind::Amount), "7730.28");
        assert_eq!(clean_number_input("7730。28", CellKind::Amount), "7730.28");
        assert_eq!(clean_number_input("1.2.3", CellKind::Amount), "1.23");
        assert_eq!(clean_number_input("1.5", CellKind::Count), "1.5", "not 15: refused as a whole");
    }

    #[test]
    fn blank_incomplete_and_too_large() {
        assert_eq!(parse_input("", CellKind::Count), Ok(None));
        assert_eq!(parse_input("-", CellKind::SignedCount), Ok(None));
        assert_eq!(parse_input("0", CellKind::Count), Ok(Some(Decimal::ZERO)));
        assert!(parse_input("10000000000000", CellKind::Count).is_err());
        assert!(parse_input("1.23456", CellKind::Amount).is_err());
    }
}
