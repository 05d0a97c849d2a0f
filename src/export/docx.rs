//! The report as a Word document (.docx) that Word and WPS open without
//! complaint: A4 with the GB/T 9704 margins, the 公文 fonts by name for each
//! role (with East Asian font settings, and the bundled fonts named as the
//! fallback in the font table), the same headings and paragraphs as the PDF,
//! tables 二, 三, 四 with the official merged cells, 「— N —」 in the footer.
//! Word lays out its own pages; this is fed by the model and the table
//! structure, not by the PDF's pages.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Table, TableAlignmentType, TableCell, TableCellMargins, TableRow, VAlignType,
    VMergeType, WidthType,
};

use super::docx_package::{self, Package};
use super::grid::{Slot, rows};
use super::signature_lines;
use crate::layout::lines::Align;
use crate::layout::style::{self, mm};
use crate::layout::table::Table as LayoutTable;
use crate::layout::tables;
use crate::model::numerals::bracketed;
use crate::model::report::{Report, Section};
use crate::model::template::PART_HEADINGS;
use crate::model::text::export_text;

/// The 公文 font of each role, and the bundled font named as its fallback.
struct FontRole {
    name: &'static str,
    fallback: &'static str,
    /// Latin letters and digits: Times New Roman in body text, as real reports set them.
    latin: &'static str,
}

const TITLE: FontRole = FontRole { name: "方正小标宋简体", fallback: "FandolSong", latin: "方正小标宋简体" };
const HEADING: FontRole = FontRole { name: "黑体", fallback: "FandolHei", latin: "黑体" };
const SUBHEADING: FontRole = FontRole { name: "楷体_GB2312", fallback: "FandolKai", latin: "楷体_GB2312" };
const BODY: FontRole = FontRole { name: "仿宋_GB2312", fallback: "FandolFang", latin: "Times New Roman" };
const PAGE_NUMBER: FontRole = FontRole { name: "宋体", fallback: "FandolSong", latin: "宋体" };

fn fonts(role: &FontRole) -> RunFonts {
    RunFonts::new().east_asia(role.name).ascii(role.latin).hi_ansi(role.latin).cs(role.latin)
}

/// Points to twentieths of a point (twips) and to half-points.
fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Every text of the document is written by a run: hidden marks are left out here
/// (`model::text::exported`, as in the PDF), so no character XML forbids reaches
/// the file; docx-rs escapes the rest.
fn run(text: &str, role: &FontRole, size: f32) -> Run {
    Run::new().add_text(export_text(text)).fonts(fonts(role)).size(half_points(size))
}

/// The body's fixed line pitch (22 lines to the page), as Word's “exactly”.
fn exact(pt: f32) -> LineSpacing {
    LineSpacing::new().line_rule(LineSpacingType::Exact).line(twips(pt))
}

fn body_paragraph(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, &BODY, style::BODY_SIZE))
        .align(AlignmentType::Both)
        .line_spacing(exact(style::LINE_PITCH))
        .first_line_chars(200)
        .indent(None, Some(SpecialIndentType::FirstLine(twips(style::INDENT))), None, None)
}

fn paragraphs(doc: Docx, text: &str) -> Docx {
    paragraphs_kept(doc, text, false)
}

/// Body paragraphs, the last kept on the page of what follows when `keep_last`
/// (the end of 六 with the 落款, which never stands alone on a page).
fn paragraphs_kept(doc: Docx, text: &str, keep_last: bool) -> Docx {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .fold(doc, |d, (i, line)| d.add_paragraph(body_paragraph(line).keep_next(keep_last && i + 1 == n)))
}

fn heading(text: &str, role: &FontRole, level: usize) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, role, style::BODY_SIZE))
        .line_spacing(exact(style::LINE_PITCH))
        .indent(None, Some(SpecialIndentType::FirstLine(twips(style::INDENT))), None, None)
        .first_line_chars(200)
        .outline_lvl(level)
        .keep_next(true)
}

fn sections(doc: Docx, sections: &[Section]) -> Docx {
    sections.iter().enumerate().fold(doc, |d, (i, s)| {
        let d = if s.title.trim().is_empty() {
            d
        } else {
            d.add_paragraph(heading(&format!("{}{}", bracketed(i + 1), s.title.trim()), &SUBHEADING, 1))
        };
        paragraphs(d, &s.body)
    })
}

/// A table with Word's merges: gridSpan across, vMerge down.
fn table(t: &LayoutTable) -> Table {
    let grid: Vec<usize> = t.columns.iter().map(|w| twips(*w) as usize).collect();
    let width_of = |col: usize, span: usize| grid[col..col + span].iter().sum::<usize>();
    let rows: Vec<TableRow> = rows(t)
        .iter()
        .enumerate()
        .map(|(r, slots)| {
            // Caption and header rows stay with the rows they head (Word's “keep with next”).
            let keep = t.keep_with_next.get(r).copied().unwrap_or(false);
            let cells = slots
                .iter()
                .map(|slot| {
                    let (c, starts) = match slot {
                        Slot::Start(c) => (*c, true),
                        Slot::Continue(c) => (*c, false),
                    };
                    let mut cell =
                        TableCell::new().width(width_of(c.col, c.colspan), WidthType::Dxa).vertical_align(VAlignType::Center);
                    if c.colspan > 1 {
                        cell = cell.grid_span(c.colspan);
                    }
                    if c.rowspan > 1 {
                        cell = cell.vertical_merge(if starts { VMergeType::Restart } else { VMergeType::Continue });
                    }
                    if c.fill.is_some() {
                        cell = cell.shading(Shading::new().fill("EBEBEB"));
                    }
                    let align = if c.align == Align::Left && !c.vertical { AlignmentType::Left } else { AlignmentType::Center };
                    let text = if starts { c.text.as_str() } else { "" };
                    cell.add_paragraph(Paragraph::new().add_run(run(text, &BODY, c.style.size)).align(align).keep_next(keep))
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    // The PDF's cell padding, so labels wrap where they do there (Word's default
    // 0.19 cm each side broke 「本年新制作数量」 after 「数」).
    let (pad_x, pad_y) = (twips(style::table::PAD_X) as usize, twips(style::table::PAD_Y) as usize);
    Table::new(rows)
        .set_grid(grid)
        .align(TableAlignmentType::Center)
        .width(twips(t.columns.iter().sum()) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(pad_y, pad_x, pad_y, pad_x))
}

/// 「— N —」 in 4号 宋体, on the right of odd pages and the left of even ones, one character in.
fn page_number_footer(odd: bool) -> Footer {
    let size = half_points(style::PAGE_NUMBER_SIZE);
    let dash = |t: &str| Run::new().add_text(t).fonts(fonts(&PAGE_NUMBER)).size(size);
    let field = Run::new()
        .fonts(fonts(&PAGE_NUMBER))
        .size(size)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE {}))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let one_char = twips(style::PAGE_NUMBER_SIZE);
    let (align, left, right) =
        if odd { (AlignmentType::Right, None, Some(one_char)) } else { (AlignmentType::Left, Some(one_char), None) };
    Footer::new().add_paragraph(
        Paragraph::new().add_run(dash("— ")).add_run(field).add_run(dash(" —")).align(align).indent(left, None, right, None),
    )
}

/// The .docx file's bytes.
pub fn to_docx(r: &Report) -> Result<Vec<u8>, String> {
    let mm_twips = |v: f32| twips(mm(v));
    let margin = PageMargin {
        top: mm_twips(37.0),
        left: mm_twips(28.0),
        right: mm_twips(26.0),
        bottom: mm_twips(35.0),
        header: mm_twips(15.0),
        // The page number's 一字线 sits 7 mm below the type area (35 − 7 mm from the edge).
        footer: mm_twips(24.0),
        gutter: 0,
    };
    let mut doc = Docx::new()
        .page_size(twips(style::PAGE_WIDTH) as u32, twips(style::PAGE_HEIGHT) as u32)
        .page_margin(margin)
        .default_fonts(fonts(&BODY))
        .default_size(half_points(style::BODY_SIZE))
        .footer(page_number_footer(true))
        .even_footer(page_number_footer(false));

    let [agency, rest] = r.title_lines();
    for line in [agency, rest] {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(&line, &TITLE, style::TITLE_SIZE))
                .align(AlignmentType::Center)
                .line_spacing(exact(style::TITLE_PITCH)),
        );
    }
    doc = doc.add_paragraph(Paragraph::new().line_spacing(exact(style::LINE_PITCH)));
    doc = paragraphs(doc, &r.preamble);
    doc = doc.add_paragraph(heading(PART_HEADINGS[0], &HEADING, 0));
    doc = paragraphs(doc, &r.overview.lead);
    doc = sections(doc, &r.overview.sections);
    let tables = [tables::disclosure(r), tables::applications(r), tables::reviews(r)];
    for (i, t) in tables.iter().enumerate() {
        doc = doc.add_paragraph(heading(PART_HEADINGS[1 + i], &HEADING, 0)).add_table(table(t));
    }
    doc = doc.add_paragraph(heading(PART_HEADINGS[4], &HEADING, 0));
    doc = sections(doc, &r.problems);
    doc = doc.add_paragraph(heading(PART_HEADINGS[5], &HEADING, 0));
    let lines = signature_lines(r);
    doc = paragraphs_kept(doc, &r.other_matters, !lines.is_empty());
    if !lines.is_empty() {
        // GB/T 9704 §7.3.5.2 (export::signature_lines): one empty line, then each line
        // from its first character's place, in 字 from the margins; kept on one page.
        doc = doc.add_paragraph(Paragraph::new().line_spacing(exact(style::LINE_PITCH)).keep_next(true));
        let one = twips(style::BODY_SIZE) as f32;
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let (left, right) = ((line.left * one).round() as i32, (line.right * one).round() as i32);
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(run(&line.text, &BODY, style::BODY_SIZE))
                    .align(AlignmentType::Left)
                    .line_spacing(exact(style::LINE_PITCH))
                    .indent(Some(left), None, Some(right), None)
                    .keep_next(i + 1 < n),
            );
        }
    }

    let mut packed = Cursor::new(Vec::new());
    doc.build().pack(&mut packed).map_err(|_| "无法生成 Word 文件（打包文档时出错）".to_string())?;
    let title = r.title();
    let package = Package {
        font_table: font_table(),
        title: &title,
        author: r.agency.trim(),
        header_rows: tables.iter().map(|t| t.header_rows).collect(),
    };
    docx_package::finish(&packed.into_inner(), &package)
}

/// The font table: every role's font, its East Asian character set, and the
/// bundled font as the alternative (`w:altName`).
fn font_table() -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for role in [&TITLE, &HEADING, &SUBHEADING, &BODY, &PAGE_NUMBER] {
        xml.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
            role.name, role.fallback
        ));
    }
    xml.push_str(r#"<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#);
    xml
}
