//! The report, part by part, flowed onto pages: title, 前言, the six parts with
//! their headings and tables, the optional 落款, and page numbers.
//!
//! The body is first cut into blocks (headings, paragraphs, tables, the 落款), then
//! paginated with the keeps of a typeset document: a heading stays with what
//! follows it, a paragraph leaves no single line alone at the foot or the head
//! of a page (no orphan, no widow), and the 落款 never stands alone on a page
//! (GB/T 9704 §7.3.5): the last lines of the text go with it.

use super::lines::{Align, Line, break_lines};
use super::page::{Document, Item, Mark, MarkKind, OutlineEntry, Page};
use super::signature::signature_indents;
use super::style::table::OVERHANG;
use super::style::{
    BODY_HEIGHT, BODY_SIZE, BODY_WIDTH, CHAR_PITCH, INDENT, LEFT, LINE_PITCH, PAGE_HEIGHT, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE,
    PAGE_WIDTH, TITLE_PITCH, TITLE_SIZE, TOP, baseline,
};
use super::table::{SetTable, Table, set};
use super::tables;
use super::text::{Missing, Style, on_grid, shape, width};
use super::title::split_name;
use crate::fonts::{FontSet, Role};
use crate::model::numerals::bracketed;
use crate::model::report::{Report, Section};
use crate::model::template::PART_HEADINGS;
use crate::model::text::{export_text, official_date};

/// Lays the report out on A4 pages.
pub fn layout(report: &Report, fonts: &FontSet) -> Document {
    let mut flow =
        Flow { fonts, pages: vec![Page::default()], y: 0.0, grid: 0.0, missing: Missing::default(), outline: Vec::new() };
    flow.title(report);
    let blocks = flow.blocks(report);
    flow.paginate(blocks);
    let mut pages = flow.pages;
    number_pages(&mut pages, fonts, &mut flow.missing);
    Document {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        pages,
        outline: flow.outline,
        missing: flow.missing.0,
        // The file's properties hold what the pages show (no hidden marks).
        title: export_text(&report.title()),
        author: export_text(report.agency.trim()),
    }
}

const BODY: Style = Style { role: Role::Body, size: BODY_SIZE };
const EPS: f32 = 0.01;

/// A piece of the body, before pagination.
enum Block {
    /// A paragraph or a heading: lines on the grid.
    Text {
        lines: Vec<Line>,
        style: Style,
        align: Align,
        heading: bool,
        outline: Option<String>,
    },
    Table(SetTable),
    /// The 落款: one empty line, then the 署名 and the 成文日期 at their left edges.
    Signature {
        unit: Vec<Line>,
        unit_x: f32,
        date: Vec<Line>,
        date_x: f32,
    },
}

impl Block {
    /// The height that must fit on a page for the block to start there.
    fn least_start(&self) -> f32 {
        match self {
            Block::Text { lines, heading: true, .. } => lines.len() as f32 * LINE_PITCH,
            // No orphan: two lines, or all of a paragraph of three or fewer (one
            // line more would leave a widow).
            Block::Text { lines, .. } => (if lines.len() <= 3 { lines.len() } else { 2 }) as f32 * LINE_PITCH,
            Block::Table(t) => t.height(0..t.group_end(0)),
            Block::Signature { unit, date, .. } => (1 + unit.len() + date.len()) as f32 * LINE_PITCH,
        }
    }
}

struct Flow<'a> {
    fonts: &'a FontSet,
    pages: Vec<Page>,
    /// Distance from the top of the 版心 on the current page.
    y: f32,
    /// Where the line grid starts on the current page (below the title on page one).
    grid: f32,
    missing: Missing,
    outline: Vec<OutlineEntry>,
}

impl Flow<'_> {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
        self.grid = 0.0;
    }

    fn room(&self) -> f32 {
        BODY_HEIGHT - self.y
    }

    /// Starts a new page unless `height` fits below (a fresh page takes anything).
    fn make_room(&mut self, height: f32) {
        if height > self.room() + EPS && !self.at_top() {
            self.new_page();
        }
    }

    /// Nothing placed yet on this page's grid (page one: below the title): a new
    /// page would not give more room.
    fn at_top(&self) -> bool {
        self.y <= self.grid + EPS
    }

    /// Moves down to the next line of the grid.
    fn snap(&mut self) {
        self.y = self.grid + ((self.y - self.grid) / LINE_PITCH - EPS).ceil() * LINE_PITCH;
    }

    /// Shapes text of the body's grid (3号 text, 28 characters a line) and breaks it
    /// into lines `first` (the first) and `rest` wide.
    fn set(&mut self, text: &str, style: Style, first: f32, rest: f32, place: &str) -> Vec<Line> {
        let mut glyphs = shape(self.fonts, text, style, place, &mut self.missing);
        on_grid(&mut glyphs, style.size, CHAR_PITCH);
        break_lines(glyphs, first, rest)
    }

    fn title(&mut self, report: &Report) {
        let style = Style { role: Role::Title, size: TITLE_SIZE };
        let [agency, rest] = report.title_lines();
        let name = shape(self.fonts, &agency, style, "标题", &mut self.missing);
        let rest = shape(self.fonts, &rest, style, "标题", &mut self.missing);
        let mut lines: Vec<Line> = Vec::new();
        for part in split_name(name, BODY_WIDTH, width(&rest)) {
            lines.extend(break_lines(part, f32::INFINITY, f32::INFINITY));
        }
        lines.extend(break_lines(rest, BODY_WIDTH, BODY_WIDTH));
        for line in &lines {
            self.make_room(TITLE_PITCH);
            self.place(line, LEFT, BODY_WIDTH, Align::Center, TITLE_SIZE, TITLE_PITCH, MarkKind::Title);
        }
        // One empty line of the grid, then the text; the grid of page one starts there.
        self.y += LINE_PITCH;
        self.grid = self.y % LINE_PITCH;
    }

    /// Draws one line of text of `size` in a box `w` wide at `x`, on the current
    /// line of height `pitch`, and marks it.
    #[allow(clippy::too_many_arguments)]
    fn place(&mut self, line: &Line, x: f32, w: f32, align: Align, size: f32, pitch: f32, kind: MarkKind) {
        let top = TOP + self.y;
        let page = self.pages.last_mut().expect("at least one page");
        let first = page.items.len();
        page.items.extend(line.runs(x, top + baseline(pitch, size), w, align, size).into_iter().map(Item::Text));
        let items = first..page.items.len();
        page.marks.push(Mark { kind, items, frame: [LEFT, top, LEFT + BODY_WIDTH, top + pitch] });
        self.y += pitch;
    }

    /// The body of the report as blocks, in reading order.
    fn blocks(&mut self, report: &Report) -> Vec<Block> {
        let mut out = Vec::new();
        self.paragraphs(&mut out, &report.preamble, "前言");
        self.heading(&mut out, PART_HEADINGS[0], Role::Heading, true, PART_HEADINGS[0]);
        self.paragraphs(&mut out, &report.overview.lead, "总体情况");
        self.sections(&mut out, &report.overview.sections, "总体情况");
        let tables = [tables::disclosure(report), tables::applications(report), tables::reviews(report)];
        for (i, (table, place)) in tables.into_iter().zip(["表二", "表三", "表四"]).enumerate() {
            self.heading(&mut out, PART_HEADINGS[i + 1], Role::Heading, true, PART_HEADINGS[i + 1]);
            out.push(Block::Table(self.table(table, i, place)));
        }
        self.heading(&mut out, PART_HEADINGS[4], Role::Heading, true, PART_HEADINGS[4]);
        self.sections(&mut out, &report.problems, "第五部分");
        self.heading(&mut out, PART_HEADINGS[5], Role::Heading, true, PART_HEADINGS[5]);
        self.paragraphs(&mut out, &report.other_matters, "第六部分");
        if let Some(sig) = self.signature(report) {
            out.push(sig);
        }
        out
    }

    fn table(&mut self, table: Table, index: usize, place: &str) -> SetTable {
        set(table, index, BODY_WIDTH + 2.0 * OVERHANG, self.fonts, &mut self.missing, place)
    }

    /// Body paragraphs, one per line of the text; blank lines are skipped.
    fn paragraphs(&mut self, out: &mut Vec<Block>, text: &str, place: &str) {
        for para in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
            let lines = self.set(para, BODY, BODY_WIDTH - INDENT, BODY_WIDTH, place);
            out.push(Block::Text { lines, style: BODY, align: Align::Justify, heading: false, outline: None });
        }
    }

    fn heading(&mut self, out: &mut Vec<Block>, text: &str, role: Role, bookmark: bool, place: &str) {
        let style = Style { role, size: BODY_SIZE };
        let lines = self.set(text, style, BODY_WIDTH - INDENT, BODY_WIDTH, place);
        let outline = bookmark.then(|| text.to_string());
        out.push(Block::Text { lines, style, align: Align::Left, heading: true, outline });
    }

    /// Titled sub-parts 「（一）主动公开」… with their paragraphs.
    fn sections(&mut self, out: &mut Vec<Block>, sections: &[Section], part: &str) {
        for (i, s) in sections.iter().enumerate() {
            let place = format!("{part}{}{}", bracketed(i + 1), s.title.trim());
            if !s.title.trim().is_empty() {
                let text = format!("{}{}", bracketed(i + 1), s.title.trim());
                self.heading(out, &text, Role::Subheading, false, &place);
            }
            self.paragraphs(out, &s.body, &place);
        }
    }

    /// The 落款 set by GB/T 9704 §7.3.5.2 (`signature_indents`). The 署名 wraps
    /// within the 版心 less two 字; the date within four, so that the 署名, which
    /// starts two 字 left of the date, still starts inside the 版心.
    fn signature(&mut self, report: &Report) -> Option<Block> {
        let sig = &report.signature;
        if sig.is_empty() {
            return None;
        }
        let two = 2.0 * CHAR_PITCH;
        // A joint 署名 keeps its lines; a long one breaks between words, as the title does.
        let mut unit: Vec<Line> = Vec::new();
        for name in sig.unit.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let mut glyphs = shape(self.fonts, name, BODY, "落款", &mut self.missing);
            on_grid(&mut glyphs, BODY_SIZE, CHAR_PITCH);
            // Nothing follows whose width should shape the lines (the date is set apart).
            for part in split_name(glyphs, BODY_WIDTH - two, 0.0) {
                unit.extend(break_lines(part, BODY_WIDTH - two, BODY_WIDTH - two));
            }
        }
        let date = self.set(&official_date(&sig.date), BODY, BODY_WIDTH - 2.0 * two, BODY_WIDTH - 2.0 * two, "落款");
        let widest = |lines: &[Line]| lines.iter().map(|l| l.width).fold(0.0, f32::max);
        let (unit_w, date_w) = (widest(&unit), widest(&date));
        let indents = signature_indents(unit_w, date_w, CHAR_PITCH);
        let right = LEFT + BODY_WIDTH;
        let keep = |lines: Vec<Line>| lines.into_iter().filter(|l| l.width > 0.0).collect::<Vec<_>>();
        Some(Block::Signature {
            unit: keep(unit),
            unit_x: right - indents.unit - unit_w,
            date: keep(date),
            date_x: right - indents.date - date_w,
        })
    }

    /// Puts the blocks on pages.
    fn paginate(&mut self, blocks: Vec<Block>) {
        let mut paragraph = 0;
        for (i, block) in blocks.iter().enumerate() {
            let next = blocks.get(i + 1);
            match block {
                Block::Text { lines, style, align, heading: true, outline } => {
                    // A heading keeps with the start of what follows, and a chain of
                    // headings with the first thing that is not one.
                    let keep: f32 = blocks[i..]
                        .iter()
                        .take_while(|b| matches!(b, Block::Text { heading: true, .. }))
                        .map(Block::least_start)
                        .sum::<f32>()
                        + blocks[i..]
                            .iter()
                            .find(|b| !matches!(b, Block::Text { heading: true, .. }))
                            .map_or(0.0, Block::least_start);
                    self.make_room(keep);
                    if let Some(title) = outline {
                        let page = self.pages.len() - 1;
                        self.outline.push(OutlineEntry { title: title.clone(), page, y: TOP + self.y });
                    }
                    self.text(lines, *style, *align, paragraph, 0.0);
                    paragraph += 1;
                }
                Block::Text { lines, style, align, .. } => {
                    let after = match next {
                        Some(b @ Block::Signature { .. }) => b.least_start(),
                        _ => 0.0,
                    };
                    self.text(lines, *style, *align, paragraph, after);
                    paragraph += 1;
                }
                Block::Table(t) => self.draw_table(t),
                Block::Signature { unit, unit_x, date, date_x } => {
                    self.make_room(block.least_start());
                    self.y += LINE_PITCH;
                    for (lines, x) in [(unit, *unit_x), (date, *date_x)] {
                        for line in lines {
                            self.make_room(LINE_PITCH);
                            self.place(line, x, line.width, Align::Left, BODY_SIZE, LINE_PITCH, MarkKind::Signature);
                        }
                    }
                }
            }
        }
    }

    /// Lines of one paragraph or heading, broken across pages without a widow or
    /// an orphan; `after`: the height that must follow the last line on its page.
    fn text(&mut self, lines: &[Line], style: Style, align: Align, paragraph: usize, after: f32) {
        let n = lines.len();
        let mut done = 0;
        while done < n {
            let room = ((self.room() + EPS) / LINE_PITCH).floor().max(0.0) as usize;
            let left = n - done;
            let mut here = left.min(room);
            if here == left && left as f32 * LINE_PITCH + after > self.room() + EPS {
                // The rest fits, but not with what must follow it: two lines go along.
                here = left.saturating_sub(2);
            }
            if here > 0 && here < left && left - here == 1 {
                here -= 1; // no widow
            }
            if done == 0 && here == 1 && n > 1 {
                here = 0; // no orphan
            }
            if here == 0 && self.at_top() {
                here = left.min(room).max(1); // a fresh page takes what it can
            }
            for (k, line) in lines[done..done + here].iter().enumerate() {
                let index = done + k;
                let indent = if index == 0 { INDENT } else { 0.0 };
                let justified = align == Align::Justify && !line.last;
                let kind = MarkKind::Line {
                    paragraph,
                    line: index,
                    lines: n,
                    indent: (indent / CHAR_PITCH).round() as usize,
                    justified,
                    text: line.text(),
                };
                self.place(line, LEFT + indent, BODY_WIDTH - indent, align, style.size, LINE_PITCH, kind);
            }
            done += here;
            if done < n {
                self.new_page();
            }
        }
    }

    /// A table, centred on the 版心, split between rows across pages where
    /// `SetTable::breakable` allows, with its header rows repeated.
    fn draw_table(&mut self, t: &SetTable) {
        let x = LEFT + (BODY_WIDTH - t.width()) / 2.0;
        let mut start = 0;
        while start < t.rows() {
            let with_header = start > 0 && t.header_rows > 0;
            let header = if with_header { t.height(0..t.header_rows) } else { 0.0 };
            let fits = |end: usize| header + t.height(start..end) <= self.room() + EPS;
            // The most rows up to a break that fit; none fit: a new page, or on a
            // fresh page the most whole rows that fit (at least one).
            let mut end = (start + 1..=t.rows()).filter(|&e| t.breakable(e)).take_while(|&e| fits(e)).last();
            if end.is_none() {
                if !self.at_top() {
                    self.new_page();
                    continue;
                }
                end = Some((start + 1..=t.rows()).take_while(|&e| fits(e)).last().unwrap_or(start + 1));
            }
            let end = end.expect("set above");
            let top = TOP + self.y;
            let page = self.pages.last_mut().expect("at least one page");
            self.y += t.draw(start..end, with_header, x, top, page);
            start = end;
            if start < t.rows() {
                self.new_page();
            }
        }
        self.snap();
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
        let first = page.items.len();
        page.items.extend(line.runs(x, y, line.width, Align::Left, PAGE_NUMBER_SIZE).into_iter().map(Item::Text));
        let frame = [LEFT, TOP + BODY_HEIGHT, LEFT + BODY_WIDTH, PAGE_HEIGHT];
        page.marks.push(Mark { kind: MarkKind::PageNumber, items: first..page.items.len(), frame });
    }
}

/// The page number as printed.
fn page_number(n: usize) -> String {
    format!("— {n} —")
}
