//! The report file: one JSON document per report (format documented in README.md).
//!
//! Loading checks identity and version first, then shape, then every value,
//! and names the first problem in Chinese. Nothing here panics on user data.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

use super::report::{ApplicationRowCells, Report};
use super::template::{APPLICANT_COLUMNS, CellKind, REVIEW_CELLS, TemplateId, review_label};
use crate::read_limits::{SizeCap, read_regular_file};

mod duplicates;
mod fields;
mod unread;
mod values;
mod write;

pub use write::to_json;

use fields::{
    amount, array, count, describe, excerpt, number, object, optional_string, quoted, read_sections, required_string, string,
};

/// The value of the `"format"` key.
pub const FORMAT_TAG: &str = "nianbao-report";
/// The file version this build writes and the newest it reads.
pub const VERSION: u64 = 2;
/// The oldest and newest report year accepted.
pub const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;
/// The longest text a field may hold. A whole report is a few thousand
/// characters; far longer text is a damaged or wrong file, and the editor could
/// not show it smoothly.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The largest report file opened. A real report is under 1 MB; a larger file
/// is the wrong file or a damaged one, and is refused before it is read.
pub const REPORT_CAP: SizeCap = SizeCap { bytes: 10 * 1024 * 1024, what: "年报文件" };

/// Why a file could not be opened. `Display` is the Chinese message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all: why, in Chinese (the caller names the file).
    Io(String),
    /// The text is not JSON; line and column are 1-based.
    Syntax { line: usize, column: usize, truncated: bool },
    /// JSON, but not a nianbao report.
    NotAReport(String),
    /// Written by a newer nianbao.
    Newer(u64),
    /// A report whose content is malformed; the text names the key and the problem.
    Invalid(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(why) => f.write_str(why),
            LoadError::Syntax { line, column, truncated: true } => {
                write!(f, "文件内容不完整，在第{line}行第{column}列意外结束（文件可能在保存或复制时损坏）")
            }
            LoadError::Syntax { line, column, truncated: false } => {
                write!(f, "文件格式已损坏：第{line}行第{column}列附近不是有效的 JSON")
            }
            LoadError::NotAReport(why) => write!(f, "这不是年报编制器的年报文件：{why}"),
            LoadError::Newer(v) => {
                write!(f, "此文件由更新版本的年报编制器创建，请升级后再打开（文件版本 {v}，本程序支持到版本 {VERSION}）")
            }
            LoadError::Invalid(why) => write!(f, "年报文件内容有误：{why}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads a report file from disk: every report the program opens comes through
/// here, so only a regular file of at most [`REPORT_CAP`] is ever read.
pub fn load(path: &Path) -> Result<Report, LoadError> {
    let bytes = read_regular_file(path, REPORT_CAP).map_err(|e| LoadError::Io(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotAReport("文件不是 UTF-8 编码的文本".into()))?;
    from_json(&text)
}

/// Writes a report file to disk by `files::write_output`'s rules (never over one
/// of `inputs`, atomically, keeping the previous version as `NAME.json.bak`),
/// after making sure the program can read back what it writes (a merged cell over
/// the 1万亿 limit, a year out of range are refused here, not at the next open).
/// The error is the Chinese sentence to show.
pub fn save(path: &Path, report: &Report, inputs: &[crate::files::Input]) -> Result<(), String> {
    let json = to_json(report);
    let reopens = if json.len() as u64 > REPORT_CAP.bytes {
        Err(crate::read_limits::ReadError::TooLarge { size: Some(json.len() as u64), cap: REPORT_CAP }.to_string())
    } else {
        from_json(&json).map(drop).map_err(|e| e.to_string())
    };
    reopens.map_err(|e| format!("无法保存到「{}」：年报超出了程序能打开的范围（{e}）", path.display()))?;
    crate::files::write_output(path, json.as_bytes(), inputs, crate::files::Writing::Report)
}

pub use crate::files::backup_path;

/// Whether `head`, the first bytes of a file, begin a report file: an object whose
/// `"format"` is `FORMAT_TAG` (what `to_json` writes first). Used to keep exports
/// from replacing reports without reading whole files.
pub fn looks_like_report(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = text.strip_prefix('{') else { return false };
    let Some(at) = rest.find("\"format\"") else { return false };
    let after = rest[at + "\"format\"".len()..].trim_start();
    after.strip_prefix(':').is_some_and(|v| v.trim_start().starts_with(&format!("\"{FORMAT_TAG}\"")))
}

// ---------------------------------------------------------------------------
// Loading

/// Parses the text of a report file.
pub fn from_json(text: &str) -> Result<Report, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let values = values::count(text);
    if values > values::MAX_VALUES {
        return Err(LoadError::NotAReport(format!(
            "文件中有约 {values} 项数值和文字，一份年报只有几百项（最多 {} 项）：这不是年报文件，或已损坏",
            values::MAX_VALUES
        )));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        line: e.line(),
        column: char_column(text, e.line(), e.column()),
        truncated: e.classify() == serde_json::error::Category::Eof,
    })?;
    let Value::Object(mut obj) = value else {
        return Err(LoadError::NotAReport("文件的最外层不是一个对象".into()));
    };
    match obj.get("format") {
        Some(Value::String(s)) if s == FORMAT_TAG => {}
        _ => return Err(LoadError::NotAReport(format!("缺少 \"format\": \"{FORMAT_TAG}\""))),
    }
    if let Some(why) = duplicates::first_duplicate(text) {
        return Err(invalid(why));
    }
    let version = match obj.get("version") {
        Some(Value::Number(n)) => {
            n.as_u64().ok_or_else(|| invalid(format!("文件版本号「version」应为正整数，文件中是 {}", number(n))))?
        }
        None | Some(Value::Null) => return Err(LoadError::NotAReport("缺少文件版本号「version」".into())),
        Some(other) => return Err(invalid(format!("文件版本号「version」应为数字（如 1），文件中是{}", describe(other)))),
    };
    if version > VERSION {
        return Err(LoadError::Newer(version));
    }
    if version == 0 {
        migrate_v0(&mut obj);
    }
    read_report(&mut obj).map_err(LoadError::Invalid)
}

/// serde_json counts columns in bytes; an editor counts characters (a Chinese
/// character is three bytes in UTF-8).
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else { return byte_column };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end += 1;
    }
    line_text[..end].chars().count()
}

/// Version 0 (the pre-release drafts) named table 四 `review_cases`, kept the five
/// 总体情况 sub-parts as bare strings and part 五 as two strings.
fn migrate_v0(obj: &mut Map<String, Value>) {
    if let Some(v) = obj.remove("review_cases") {
        obj.entry("reviews").or_insert(v);
    }
    if let Some(Value::Array(bodies)) = obj.get("overview").cloned() {
        let sections: Vec<Value> = bodies.into_iter().map(|b| serde_json::json!({ "body": b })).collect();
        obj.insert("overview".into(), serde_json::json!({ "sections": sections }));
    }
    let problems = obj.remove("problems_text");
    let improvements = obj.remove("improvements_text");
    if problems.is_some() || improvements.is_some() {
        let body = |v: Option<Value>| serde_json::json!({ "body": v.unwrap_or(Value::String(String::new())) });
        obj.insert("problems".into(), Value::Array(vec![body(problems), body(improvements)]));
    }
}

fn invalid(why: impl Into<String>) -> LoadError {
    LoadError::Invalid(why.into())
}

/// The keys this version reads; anything else is kept in `Report::extra`.
const KNOWN_KEYS: [&str; 18] = [
    "format",
    "version",
    "template",
    "year",
    "agency",
    "contact",
    "signature",
    "preamble",
    "overview",
    "disclosure",
    "procurement_unit",
    "applications",
    "reviews",
    "problems",
    "other_matters",
    "processing_fee",
    "previous",
    "unread",
];

fn read_report(obj: &mut Map<String, Value>) -> Result<Report, String> {
    let template = match obj.get("template") {
        Some(Value::String(code)) => TemplateId::from_code(code)
            .ok_or_else(|| format!("「template」应为 \"2021\" 或 \"2019\"，文件中是 {}", quoted(code)))?,
        Some(other) => return Err(format!("「template」应为 \"2021\" 或 \"2019\"，文件中是 {}", describe(other))),
        None => return Err("缺少「template」（报告格式 \"2021\" 或 \"2019\"）".into()),
    };
    let year = match obj.get("year") {
        // 2024.0 or 2.024e3 is not out of range but not a whole number as written.
        Some(Value::Number(n)) if n.as_str().contains(['.', 'e', 'E']) => {
            return Err(format!("「year」应为整数年份（如 2024），文件中是 {}", number(n)));
        }
        Some(Value::Number(n)) => n
            .as_i64()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| format!("「year」应为 {} 到 {} 之间的年份，文件中是 {}", YEARS.start(), YEARS.end(), number(n)))?,
        Some(other) => return Err(format!("「year」应为年份数字，文件中是 {}", describe(other))),
        None => return Err("缺少「year」（报告年度）".into()),
    };
    let agency = required_string(obj, "agency", "编制单位")?;
    let mut report = Report::new(template, year as i32, &agency);
    let tpl = template.get();

    if let Some(v) = obj.get("contact") {
        let c = object(v, "contact", "联系方式")?;
        let r = &mut report.contact;
        for (key, name, slot) in [
            ("department", "负责科室", &mut r.department),
            ("phone", "电话", &mut r.phone),
            ("address", "地址", &mut r.address),
            ("postcode", "邮编", &mut r.postcode),
            ("email", "电子邮箱", &mut r.email),
        ] {
            *slot = optional_string(c, key, name)?;
        }
    }
    if let Some(v) = obj.get("signature") {
        let s = object(v, "signature", "落款")?;
        report.signature.unit = optional_string(s, "unit", "落款单位")?;
        report.signature.date = optional_string(s, "date", "落款日期")?;
    }
    report.preamble = optional_string(obj, "preamble", "前言")?;
    if let Some(v) = obj.get("overview") {
        let o = object(v, "overview", "总体情况")?;
        report.overview.lead = optional_string(o, "lead", "总体情况开头段")?;
        if let Some(v) = o.get("sections") {
            read_sections(v, "overview.sections", "总体情况的小节", &mut report.overview.sections)?;
        }
    }
    if let Some(v) = obj.get("problems") {
        read_sections(v, "problems", "第五部分的小节", &mut report.problems)?;
    }
    report.other_matters = optional_string(obj, "other_matters", "第六部分")?;
    if let Some(v) = obj.get("processing_fee") {
        report.processing_fee = amount(v, CellKind::Amount).map_err(|e| format!("「processing_fee」（信息处理费）{e}"))?;
    }
    match obj.get("previous") {
        None | Some(Value::Null) => {}
        Some(v) => report.previous = Some(string(v, "previous", "上年报告文件")?.into()),
    }
    if let Some(v) = obj.get("procurement_unit") {
        report.procurement_unit = string(v, "procurement_unit", "采购总金额单位")?;
    }

    if let Some(v) = obj.get("disclosure") {
        let rows = array(v, "disclosure", "表二")?;
        let shape = tpl.disclosure_shape();
        if rows.len() != shape.len() {
            return Err(format!("表二「disclosure」应有{}行（{}），文件中有{}行", shape.len(), template.name(), rows.len()));
        }
        for (i, ((block, row), cells)) in tpl.disclosure_rows().zip(rows).enumerate() {
            let where_ = format!("表二第{}行「{}」", i + 1, row.label);
            let cells = array(cells, "disclosure", &where_)?;
            if cells.len() != block.columns.len() {
                return Err(format!("{where_}应有{}个单元格，文件中有{}个", block.columns.len(), cells.len()));
            }
            for (j, (cell, col)) in cells.iter().zip(block.columns).enumerate() {
                report.disclosure[i][j] = amount(cell, col.role.kind()).map_err(|e| format!("{where_}「{}」列{e}", col.label))?;
            }
        }
    }

    let rows = array(obj.get("applications").ok_or("缺少「applications」（表三）")?, "applications", "表三")?;
    if rows.len() != tpl.applications.len() {
        return Err(format!(
            "表三「applications」应有{}行（{}），文件中有{}行",
            tpl.applications.len(),
            template.name(),
            rows.len()
        ));
    }
    for (i, (cells, row)) in rows.iter().zip(tpl.applications).enumerate() {
        let where_ = format!("表三第{}行「{}」", i + 1, row.short_label());
        let cells = array(cells, "applications", &where_)?;
        if cells.len() != APPLICANT_COLUMNS.len() {
            return Err(format!("{where_}应有{}个单元格，文件中有{}个", APPLICANT_COLUMNS.len(), cells.len()));
        }
        let mut out: ApplicationRowCells = [None; 7];
        for (j, cell) in cells.iter().enumerate() {
            out[j] = count(cell).map_err(|e| format!("{where_}「{}」列{e}", APPLICANT_COLUMNS[j]))?;
        }
        report.applications[i] = out;
    }

    let cells = array(obj.get("reviews").ok_or("缺少「reviews」（表四）")?, "reviews", "表四")?;
    if cells.len() != REVIEW_CELLS {
        return Err(format!("表四「reviews」应有{REVIEW_CELLS}个单元格，文件中有{}个", cells.len()));
    }
    for (j, cell) in cells.iter().enumerate() {
        report.reviews[j] = count(cell).map_err(|e| format!("表四{}{e}", review_label(j)))?;
    }

    // Version 1 files have no unread cells; a cell listed as unread is blank.
    if let Some(v) = obj.get("unread") {
        unread::read(v, &mut report)?;
        for u in report.unread.clone() {
            report.mark_unread(u.cell, u.unread);
        }
    }

    obj.retain(|k, _| !KNOWN_KEYS.contains(&k.as_str()));
    report.extra = std::mem::take(obj);
    Ok(report)
}

#[cfg(test)]
mod tests;
