//! The report as one self-contained web page: UTF-8, inline styles (they survive
//! a government CMS's editor), no scripts, no external resources; tables with
//! the official rowspan/colspan, scrolling sideways on a phone. The markup is
//! also well-formed XML, so it pastes cleanly anywhere.

use std::fmt::Write;

use super::grid::{Slot, rows};
use super::signature_units;
use crate::layout::table::Table;
use crate::layout::tables;
use crate::model::numerals::bracketed;
use crate::model::report::{Report, Section};
use crate::model::template::PART_HEADINGS;
use crate::model::text::{exported, official_date};

const BODY_FONT: &str = "仿宋_GB2312,仿宋,FangSong,STFangsong,FandolFang,serif";
const TITLE_FONT: &str = "方正小标宋简体,FZXiaoBiaoSong-B05S,宋体,SimSun,serif";
const HEADING_FONT: &str = "黑体,SimHei,Heiti SC,sans-serif";
const SUBHEADING_FONT: &str = "楷体_GB2312,楷体,KaiTi,STKaiti,serif";

/// Text as the web page and the Word file's XML write it: escaped for HTML and
/// XML, tabs and stray line breaks as spaces, hidden marks left out
/// (`model::text::exported`, as in the PDF). Every text either writes goes through here.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter_map(exported) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn paragraph(out: &mut String, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let _ = writeln!(
            out,
            r#"<p style="margin:0 0 .5em;text-indent:2em;line-height:1.8;text-align:justify">{}</p>"#,
            escape(line)
        );
    }
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(
        out,
        r#"<h2 style="font-family:{HEADING_FONT};font-size:1.05em;font-weight:normal;margin:1em 0 .5em;text-indent:2em">{}</h2>"#,
        escape(text)
    );
}

fn sections(out: &mut String, sections: &[Section]) {
    for (i, s) in sections.iter().enumerate() {
        if !s.title.trim().is_empty() {
            let _ = writeln!(
                out,
                r#"<h3 style="font-family:{SUBHEADING_FONT};font-size:1em;font-weight:normal;margin:.5em 0;text-indent:2em">{}{}</h3>"#,
                bracketed(i + 1),
                escape(s.title.trim())
            );
        }
        paragraph(out, &s.body);
    }
}

fn table(out: &mut String, t: &Table, caption: &str) {
    let total: f32 = t.columns.iter().sum();
    let _ = writeln!(
        out,
        r#"<div style="overflow-x:auto;margin:.5em 0 1em"><table style="border-collapse:collapse;width:100%;min-width:36em;font-size:.8em;line-height:1.4" aria-label="{}">"#,
        escape(caption)
    );
    out.push_str("<colgroup>");
    for w in &t.columns {
        let _ = write!(out, r#"<col style="width:{:.1}%"/>"#, w / total * 100.0);
    }
    out.push_str("</colgroup>\n");
    // Header rows in thead (a browser repeats them on every printed page), the rest in tbody.
    let rows = rows(t);
    for (r, slots) in rows.iter().enumerate() {
        if r == 0 && t.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == t.header_rows {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for slot in slots {
            let Slot::Start(c) = slot else { continue };
            let tag = if r < t.header_rows { "th" } else { "td" };
            let mut attrs = String::new();
            if c.rowspan > 1 {
                let _ = write!(attrs, r#" rowspan="{}""#, c.rowspan);
            }
            if c.colspan > 1 {
                let _ = write!(attrs, r#" colspan="{}""#, c.colspan);
            }
            let align = if matches!(c.align, crate::layout::lines::Align::Left) { "left" } else { "center" };
            let mut style =
                format!("border:1px solid #000;padding:.3em .4em;text-align:{align};vertical-align:middle;font-weight:normal");
            if c.fill.is_some() {
                style.push_str(";background:#ebebeb");
            }
            if c.vertical {
                // Read top to bottom, characters upright, as printed.
                style.push_str(";writing-mode:vertical-rl;text-orientation:upright;letter-spacing:.15em");
            }
            let _ = write!(out, r#"<{tag}{attrs} style="{style}">{}</{tag}>"#, escape(&c.text));
        }
        out.push_str("</tr>\n");
        if r + 1 == t.header_rows {
            out.push_str("</thead>\n");
        }
    }
    if rows.len() > t.header_rows {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table></div>\n");
}

/// The report as an HTML fragment (what 「复制网页代码」 puts on the clipboard).
pub fn body(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<div class="nianbao-report" style="max-width:46em;margin:0 auto;padding:1em;font-family:{BODY_FONT};font-size:16px;color:#000">"#
    );
    let [agency, rest] = r.title_lines();
    let _ = writeln!(
        out,
        r#"<h1 style="font-family:{TITLE_FONT};font-size:1.4em;text-align:center;line-height:1.6;margin:.5em 0 1em">{}<br/>{}</h1>"#,
        escape(&agency),
        escape(&rest)
    );
    paragraph(&mut out, &r.preamble);
    heading(&mut out, PART_HEADINGS[0]);
    paragraph(&mut out, &r.overview.lead);
    sections(&mut out, &r.overview.sections);
    heading(&mut out, PART_HEADINGS[1]);
    table(&mut out, &tables::disclosure(r), PART_HEADINGS[1]);
    heading(&mut out, PART_HEADINGS[2]);
    table(&mut out, &tables::applications(r), PART_HEADINGS[2]);
    heading(&mut out, PART_HEADINGS[3]);
    table(&mut out, &tables::reviews(r), PART_HEADINGS[3]);
    heading(&mut out, PART_HEADINGS[4]);
    sections(&mut out, &r.problems);
    heading(&mut out, PART_HEADINGS[5]);
    paragraph(&mut out, &r.other_matters);
    if !r.signature.is_empty() {
        // GB/T 9704 §7.3.5.2 (layout::signature) in CSS, whatever the screen's width:
        // a block 右空二字 as wide as its longest line, the 署名 at its left edge and
        // the date two 字 in. A longer date widens the block, which moves the 署名 left.
        out.push_str(r#"<div style="margin-top:1.8em;line-height:1.8;text-align:right;padding-right:2em">"#);
        out.push_str(r#"<div style="display:inline-block;text-align:left">"#);
        for unit in signature_units(r) {
            let _ = write!(out, r#"<div>{}</div>"#, escape(unit));
        }
        let date = official_date(&r.signature.date);
        if !date.is_empty() {
            let _ = write!(out, r#"<div style="padding-left:2em">{}</div>"#, escape(&date));
        }
        out.push_str("</div></div>\n");
    }
    out.push_str("</div>\n");
    out
}

/// A whole web page: the fragment with a head.
pub fn document(r: &Report) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n</head>\n<body style=\"margin:0;background:#fff\">\n{}</body>\n</html>\n",
        escape(&r.title()),
        body(r)
    )
}
