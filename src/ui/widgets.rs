//! The editing widgets: text fields with a character count, table headings, and
//! the highlight that shows a finding on the field it is about (number cells are
//! in `cells`).

use egui::text::{CCursor, CCursorRange};
use egui::{Align, Color32, Id, Response, RichText, TextEdit, Ui};

use super::findings::{FindingIndex, Mark, severity_color, severity_fill};
use crate::fonts::FontSet;
use crate::model::check::{CellRef, Field};

/// Something the findings list (or a key press) can move the keyboard focus to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Cell(CellRef),
    Field(Field),
    /// 基本信息's 年度 (a number field, not a checked `Field`).
    Year,
}

impl Target {
    pub fn id(self) -> Id {
        Id::unique(("nianbao-target", self))
    }

    /// Where the selection to make when the target next takes the focus is kept.
    fn selection_id(self) -> Id {
        self.id().with("select")
    }
}

/// Asks that `target` (a text field) select characters `range` when it next takes
/// the focus — a finding that quotes it was clicked; `None` forgets an earlier ask.
pub fn select_when_focused(ctx: &egui::Context, target: Target, range: Option<std::ops::Range<usize>>) {
    ctx.data_mut(|d| match range {
        Some(range) => {
            d.insert_temp(target.selection_id(), range);
        }
        None => d.remove::<std::ops::Range<usize>>(target.selection_id()),
    });
}

/// What every tab needs to draw its fields.
pub struct View<'a> {
    pub index: &'a FindingIndex,
    pub fonts: &'static FontSet,
    /// Set by the findings list or navigation keys: focus this and scroll to it.
    pub focus: &'a mut Option<Target>,
    /// Totals are computed and read-only.
    pub auto_totals: bool,
    /// An input method is composing: keys belong to it, not to navigation.
    pub composing: bool,
    /// Last year's report: hints, and its year highlighted in the text.
    pub previous: Option<&'a crate::model::Report>,
    /// A 汇总 made this session: where each summed number comes from.
    pub merged: Option<&'a crate::model::merge::Merged>,
    /// An imported report: where in the source each cell was read.
    pub imported: Option<&'a std::collections::HashMap<CellRef, String>>,
    /// Text pasted into a number cell, and the cell: the app fills it (or the block
    /// from it) after the frame, as one undo step (see `model::paste`).
    pub pasted: Option<(CellRef, String)>,
}

impl View<'_> {
    /// The findings about a target.
    pub fn mark(&self, target: Target) -> Option<&Mark> {
        match target {
            Target::Cell(c) => self.index.cell(&c),
            Target::Field(f) => self.index.field(&f),
            Target::Year => None,
        }
    }

    /// Gives the widget the focus if it was asked for.
    pub(super) fn take_focus(&mut self, target: Target, response: &Response) {
        if *self.focus == Some(target) {
            response.request_focus();
            // Stored after the field ran without the focus (which collapses a selection).
            if let Some(range) = response.ctx.data_mut(|d| d.remove_temp::<std::ops::Range<usize>>(target.selection_id())) {
                let mut state = TextEdit::load_state(&response.ctx, response.id).unwrap_or_default();
                let (start, end) = (CCursor::new(range.start), CCursor::new(range.end));
                state.cursor.set_char_range(Some(CCursorRange::two(start, end)));
                state.store(&response.ctx, response.id);
            }
            response.scroll_to_me(Some(Align::Center));
            *self.focus = None;
        }
    }
}

pub(super) fn highlight(ui: &Ui, mark: Option<&Mark>) -> Option<Color32> {
    mark.and_then(|m| m.severity).map(|s| severity_fill(s, ui.visuals().dark_mode))
}

/// A column heading centred over cells `width` wide; a heading too long for one
/// line is split into two even halves (社会公益 / 组织) rather than wrapped at the edge.
pub fn column_header(ui: &mut Ui, text: &str, width: f32) {
    let font_size = egui::TextStyle::Body.resolve(ui.style()).size;
    let text = balanced_lines(text, width, font_size);
    let lines = text.lines().count() as f32;
    let height = ui.spacing().interact_size.y.max(lines * font_size * 1.3);
    ui.add_sized([width, height], egui::Label::new(RichText::new(text).strong()).wrap());
}

/// A short heading too wide for `width` split into two even halves (社会公益 /
/// 组织) rather than wrapped at the edge; other texts as they are.
pub fn balanced_lines(text: &str, width: f32, font_size: f32) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() as f32 * font_size > width && chars.len() > 3 {
        // Chinese words here are pairs of characters: break after an even count.
        let half = chars.len().div_ceil(2).next_multiple_of(2).min(chars.len() - 1);
        format!("{}\n{}", chars[..half].iter().collect::<String>(), chars[half..].iter().collect::<String>())
    } else {
        text.to_string()
    }
}

/// Scroll bars for people who look for them: solid (they take their own space
/// rather than float over the content), wide enough to grab, and shown even
/// while the pointer is elsewhere.
pub fn visible_scroll_bars() -> egui::style::ScrollStyle {
    egui::style::ScrollStyle {
        bar_width: 10.0,
        dormant_background_opacity: 0.4,
        dormant_handle_opacity: 0.6,
        ..egui::style::ScrollStyle::solid()
    }
}

/// Number of characters as a reader counts them (no spaces or line breaks).
pub fn char_count(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A multi-line text field that grows with its content, with its label, a live
/// character count, its findings and any character no font can draw.
pub fn text_area(ui: &mut Ui, view: &mut View<'_>, field: Field, label: &str, text: &mut String, rows: usize) -> Response {
    let mark = view.index.field(&field);
    let label_response = ui
        .horizontal(|ui| {
            let l = ui.label(RichText::new(label).strong());
            ui.label(RichText::new(format!("字数：{}", char_count(text))).weak());
            l
        })
        .inner;
    let target = Target::Field(field);
    let font = egui::FontId::new(16.0, super::fonts::body_family());
    // After 从上年报告新建, every mention of last year stands out until rewritten.
    let last_year = view.previous.map(|p| p.year);
    let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
        let text = buffer.as_str();
        let mut job = egui::text::LayoutJob::default();
        let plain = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
        let marked = egui::TextFormat {
            background: Color32::from_rgb(0xFF, 0x9E, 0x40),
            color: Color32::BLACK,
            underline: egui::Stroke::new(1.5, Color32::from_rgb(0xC6, 0x28, 0x28)),
            ..plain.clone()
        };
        let mut at = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let byte = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
        for range in last_year.map(|y| crate::model::carry::last_year_mentions(text, y)).unwrap_or_default() {
            job.append(&text[at..byte(range.start)], 0.0, plain.clone());
            job.append(&text[byte(range.start)..byte(range.end)], 0.0, marked.clone());
            at = byte(range.end);
        }
        job.append(&text[at..], 0.0, plain);
        job.wrap.max_width = wrap;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let edit = TextEdit::multiline(text)
        .desired_rows(rows)
        .desired_width(f32::INFINITY)
        .char_limit(crate::model::file::MAX_TEXT_CHARS)
        .layouter(&mut layouter);
    let response = marked_edit(ui, view, target, edit, label_response.id);
    if let Some(m) = mark {
        findings_below(ui, m);
    }
    undrawable_note(ui, view.fonts, text);
    response
}

/// Adds a text field for `target`, labelled, coloured and explained by its findings,
/// taking the focus when the findings list asked for it.
fn marked_edit(ui: &mut Ui, view: &mut View<'_>, target: Target, edit: TextEdit<'_>, label: Id) -> Response {
    let mark = view.mark(target).cloned();
    let mut edit = edit.id(target.id());
    if let Some(fill) = highlight(ui, mark.as_ref()) {
        edit = edit.background_color(fill);
    }
    let mut response = ui.add(edit).labelled_by(label);
    view.take_focus(target, &response);
    if let Some(m) = mark {
        response = response.on_hover_text(m.tooltip());
    }
    response
}

/// The most characters a one-line field takes (编制单位, 地址, a sub-title …): far
/// more than any real one, far below what the file allows per field, so a stray
/// paste of a whole document cannot make a file the program refuses to open.
pub const LINE_CHARS: usize = 500;

/// A one-line text field of 基本信息 with its name (`Field::name`) in a two-column grid.
pub fn text_line(ui: &mut Ui, view: &mut View<'_>, field: Field, text: &mut String, hint: &str) -> Response {
    text_line_with(ui, view, field, text, hint, |_, _| {})
}

/// [`text_line`] with more beside the field (落款日期's 日历 button), which may change the text.
pub fn text_line_with(
    ui: &mut Ui,
    view: &mut View<'_>,
    field: Field,
    text: &mut String,
    hint: &str,
    beside: impl FnOnce(&mut Ui, &mut String),
) -> Response {
    let label_response = ui.label(field.name().unwrap_or_default());
    let response = ui
        .horizontal(|ui| {
            let edit = TextEdit::singleline(text)
                .hint_text(hint)
                .char_limit(LINE_CHARS)
                .desired_width(ui.available_width().clamp(120.0, 360.0));
            let response = marked_edit(ui, view, Target::Field(field), edit, label_response.id);
            beside(ui, text);
            response
        })
        .inner;
    ui.end_row();
    response
}

/// A field of a few lines in the two-column grid: 落款单位, where a joint 署名 has
/// one unit per line (Enter starts the next).
pub fn text_lines(ui: &mut Ui, view: &mut View<'_>, field: Field, text: &mut String, hint: &str) -> Response {
    let label_response = ui.label(field.name().unwrap_or_default());
    let edit = TextEdit::multiline(text)
        .hint_text(hint)
        .char_limit(LINE_CHARS)
        .desired_rows(2)
        .desired_width(ui.available_width().clamp(120.0, 360.0));
    let response = marked_edit(ui, view, Target::Field(field), edit, label_response.id);
    ui.end_row();
    response
}

/// The findings about a field, under it.
pub fn findings_below(ui: &mut Ui, mark: &Mark) {
    for message in &mark.messages {
        let color = mark.severity.map_or(ui.visuals().text_color(), severity_color);
        ui.label(RichText::new(message).color(color).small());
    }
}

/// Warns about characters no font can draw (they would print as boxes).
pub fn undrawable_note(ui: &mut Ui, fonts: &FontSet, text: &str) {
    let missing = super::fonts::undrawable(fonts, text);
    if !missing.is_empty() {
        let list = crate::model::text::summarized(missing.iter().map(|&c| super::fonts::named(c)), "个");
        ui.label(
            RichText::new(format!("以下字符没有字体可以显示，导出时会显示为方框：{list}"))
                .color(severity_color(crate::model::Severity::Warning))
                .small(),
        );
    }
}
