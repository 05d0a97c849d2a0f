//! The report, part by part, flowed onto pages: title, 前言, the six parts with
//! their headings and tables, the optional 落款, and page numbers.

use super::page::{Document, Item, OutlineEntry, Page};
use super::style::{
    BODY_HEIGHT, BODY_SIZE, BODY_WIDTH, INDENT, LEFT, LINE_PITCH, PAGE_HEIGHT, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE, PAGE_WIDTH,
    TITLE_PITCH, TITLE_SIZE, TOP, baseline,
};
use super::table::{SetTable, Table, set};
use super::tables;
use super::text::{Align, Line, Missing, Style, break_lines, shape};
use super::title::split_name;
use crate::fonts::{FontSet, Role};
use crate::model::numerals::bracketed;
use crate::model::report::{Report, Section};
use crate::model::template::PART_HEADINGS;
use crate::model::text::official_date;

/// Lays the report out on A4 pages.
pub fn layout(report: &Report, fonts: &FontSet) -> Document {
    let mut flow = Flow { fonts, pages: vec![Page::default()], y: 0.0, missing: Missing::default(), outline: Vec::new() };
    flow.title(report);
    flow.paragraphs(&report.preamble, "前言");

    flow.part(0, LINE_PITCH);
    flow.paragraphs(&report.overview.lead, "总体情况");
    flow.sections(&report.overview.sections, "总体情况");

    flow.table_part(1, tables::disclosure(report), "表二");
    flow.table_part(2, tables::applications(report), "表三");
    flow.table_part(3, tables::reviews(report), "表四");

    flow.part(4, LINE_PITCH);
    flow.sections(&report.problems, "第五部分");
    flow.part(5, LINE_PITCH);
    flow.paragraphs(&report.other_matters, "第六部分");
    flow.signature(report);

    let mut pages = flow.pages;
    number_pages(&mut pages, fonts, &mut flow.missing);
    Document {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        pages,
        outline: flow.outline,
        missing: flow.missing.0,
        title: report.title(),
        author: report.agency.trim().to_string(),
    }
}

struct Flow<'a> {
    fonts: &'a FontSet,
    pages: Vec<Page>,
    /// Distance from the top of the 版心 on the current page.
    y: f32,
    missing: Missing,
    outline: Vec<OutlineEntry>,
}

const BODY: Style = Style { role: Role::Body, size: BODY_SIZE };

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("at least one page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
    }

    fn room(&self) -> f32 {
        BODY_HEIGHT - self.y
    }

    /// Starts a new page unless `height` fits below (a fresh page takes anything).
    fn make_room(&mut self, height: f32) {
        if height > self.room() + 0.01 && self.y > 0.0 {
            self.new_page();
        }
    }

    /// Places set lines, one per `pitch`, breaking pages between lines.
    fn lines(&mut self, lines: &[Line], size: f32, pitch: f32, first_indent: f32, align: Align) {
        for (i, line) in lines.iter().enumerate() {
            self.make_room(pitch);
            let indent = if i == 0 { first_indent } else { 0.0 };
            let top = TOP + self.y;
            let runs = line.runs(LEFT + indent, top + baseline(pitch, size), BODY_WIDTH - indent, align, size);
            self.page().items.extend(runs.into_iter().map(Item::Text));
            self.y += pitch;
        }
    }

    fn set(&mut self, text: &str, style: Style, first_indent: f32, place: &str) -> Vec<Line> {
        let glyphs = shape(self.fonts, text, style, place, &mut self.missing);
        break_lines(glyphs, BODY_WIDTH - first_indent, BODY_WIDTH)
    }

    /// Body paragraphs, one per line of the text; blank lines are skipped.
    fn paragraphs(&mut self, text: &str, place: &str) {
        for para in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
            let lines = self.set(para, BODY, INDENT, place);
            self.lines(&lines, BODY_SIZE, LINE_PITCH, INDENT, Align::Justify);
        }
    }

    /// A heading line kept on one page with at least `keep` of what follows.
    fn heading(&mut self, text: &str, role: Role, keep: f32, place: &str) {
        let lines = self.set(text, Style { role, size: BODY_SIZE }, INDENT, place);
        self.make_room(lines.len() as f32 * LINE_PITCH + keep);
        self.lines(&lines, BODY_SIZE, LINE_PITCH, INDENT, Align::Left);
    }

    /// Part heading 「一、总体情况」… with its bookmark. `keep`: the height of what
    /// must follow on the same page.
    fn part(&mut self, index: usize, keep: f32) {
        let text = PART_HEADINGS[index];
        self.heading(text, Role::Heading, keep, text);
        let page = self.pages.len() - 1;
        self.outline.push(OutlineEntry { title: text.to_string(), page, y: TOP + self.y - LINE_PITCH });
    }

    /// Titled sub-parts 「（一）主动公开」… with their paragraphs.
    fn sections(&mut self, sections: &[Section], part: &str) {
        for (i, s) in sections.iter().enumerate() {
            let place = format!("{part}{}{}", bracketed(i + 1), s.title.trim());
            if !s.title.trim().is_empty() {
                self.heading(&format!("{}{}", bracketed(i + 1), s.title.trim()), Role::Subheading, LINE_PITCH, &place);
            }
            self.paragraphs(&s.body, &place);
        }
    }

    fn title(&mut self, report: &Report) {
        let style = Style { role: Role::Title, size: TITLE_SIZE };
        let [agency, rest] = report.title_lines();
        let mut lines: Vec<Line> = Vec::new();
        let name = shape(self.fonts, &agency, style, "标题", &mut self.missing);
        for part in split_name(name, BODY_WIDTH) {
            lines.extend(break_lines(part, f32::INFINITY, f32::INFINITY));
        }
        let rest = shape(self.fonts, &rest, style, "标题", &mut self.missing);
        lines.extend(break_lines(rest, BODY_WIDTH, BODY_WIDTH));
        self.lines(&lines, TITLE_SIZE, TITLE_PITCH, 0.0, Align::Center);
        // One empty line, then the body continues on the line grid.
        self.y += LINE_PITCH;
        self.snap();
    }

    /// Moves down to the next body line.
    fn snap(&mut self) {
        self.y = (self.y / LINE_PITCH - 0.01).ceil() * LINE_PITCH;
    }

    /// A part whose body is a table; the heading stays with the table's first rows.
    fn table_part(&mut self, index: usize, table: Table, place: &str) {
        let t = set(table, self.fonts, &mut self.missing, place);
        self.part(index, t.height(0..t.group_end(0)));
        self.table(&t);
    }

    /// A table, centred on the 版心, split between rows across pages with its
    /// header rows repeated.
    fn table(&mut self, t: &SetTable) {
        let x = LEFT + (BODY_WIDTH - t.width()) / 2.0;
        let mut start = 0;
        while start < t.rows() {
            let with_header = start > 0 && t.header_rows > 0;
            let header = if with_header { t.height(0..t.header_rows) } else { 0.0 };
            // As many whole groups of rows as fit; at least one.
            let mut end = t.group_end(start);
            while end < t.rows() && header + t.height(start..t.group_end(end)) <= self.room() + 0.01 {
                end = t.group_end(end);
            }
            if header + t.height(start..end) > self.room() + 0.01 && self.y > 0.0 {
                self.new_page();
                continue;
            }
            let top = TOP + self.y;
            self.y += t.draw(start..end, with_header, x, top, self.page());
            start = end;
            if start < t.rows() {
                self.new_page();
            }
        }
        self.snap();
    }

    /// 落款: one empty line, the unit 右空二字, the date centred under it and moved two characters right.
    fn signature(&mut self, report: &Report) {
        let sig = &report.signature;
        if sig.is_empty() {
            return;
        }
        let unit = self.set(sig.unit.trim(), BODY, 0.0, "落款");
        let date = self.set(&official_date(&sig.date), BODY, 0.0, "落款");
        self.y += LINE_PITCH;
        self.make_room(2.0 * LINE_PITCH);
        let right = LEFT + BODY_WIDTH - INDENT;
        let unit_w = unit.iter().map(|l| l.width).fold(0.0, f32::max);
        let date_w = date.iter().map(|l| l.width).fold(0.0, f32::max);
        let mut unit_x = right - unit_w;
        let mut date_x = unit_x + (unit_w - date_w) / 2.0 + INDENT;
        if date_x + date_w > right {
            // A date longer than the unit: the date keeps 右空二字 and the unit moves left.
            date_x = right - date_w;
            unit_x = date_x + (date_w - unit_w) / 2.0 - INDENT;
        }
        for (lines, x) in [(unit, unit_x), (date, date_x)] {
            for line in lines.iter().filter(|l| l.width > 0.0) {
                self.make_room(LINE_PITCH);
                let top = TOP + self.y;
                let runs = line.runs(x, top + baseline(LINE_PITCH, BODY_SIZE), line.width, Align::Left, BODY_SIZE);
                self.page().items.extend(runs.into_iter().map(Item::Text));
                self.y += LINE_PITCH;
            }
        }
    }
}

/// 「— N —」 7 mm below the 版心: odd pages on the right, even on the left, one character in.
fn number_pages(pages: &mut [Page], fonts: &FontSet, missing: &mut Missing) {
    let style = Style { role: Role::PageNumber, size: PAGE_NUMBER_SIZE };
    // The 一字线 (dashes) sit at about a third of an em above the baseline.
    let y = TOP + BODY_HEIGHT + PAGE_NUMBER_GAP + 0.33 * PAGE_NUMBER_SIZE;
    for (i, page) in pages.iter_mut().enumerate() {
        let n = i + 1;
        let glyphs = shape(fonts, &page_number(n), style, "页码", missing);
        let line = &break_lines(glyphs, f32::INFINITY, f32::INFINITY)[0];
        let x = if n % 2 == 1 { LEFT + BODY_WIDTH - PAGE_NUMBER_SIZE - line.width } else { LEFT + PAGE_NUMBER_SIZE };
        page.items.extend(line.runs(x, y, line.width, Align::Left, PAGE_NUMBER_SIZE).into_iter().map(Item::Text));
    }
}

/// The page number as printed.
fn page_number(n: usize) -> String {
    format!("— {n} —")
}
