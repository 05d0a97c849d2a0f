//! The `"unread"` key (version 2): cells an importer could not read.
//!
//! `[{"table": "applications", "row": 3, "col": 0, "reason": "…", "candidates": ["23", "230"], "source": "第 57 行", "text": "230 000023"}]`

use serde_json::{Map, Value};

use super::{array, describe, object, optional_string};
use crate::model::check::{CellRef, Table};
use crate::model::report::Report;
use crate::model::unread::{MAX_CANDIDATES, Unread, UnreadCell};

/// The most entries read: every cell of the largest template.
const MAX_ENTRIES: usize = 400;

fn table_key(t: Table) -> &'static str {
    match t {
        Table::Disclosure => "disclosure",
        Table::Applications => "applications",
        Table::Reviews => "reviews",
    }
}

pub(super) fn to_value(r: &Report) -> Value {
    Value::Array(
        r.unread
            .iter()
            .map(|u| {
                let mut m = Map::new();
                m.insert("table".into(), Value::String(table_key(u.cell.table).into()));
                m.insert("row".into(), Value::from(u.cell.row));
                m.insert("col".into(), Value::from(u.cell.col));
                m.insert("reason".into(), Value::String(u.unread.reason.clone()));
                m.insert(
                    "candidates".into(),
                    Value::Array(u.unread.candidates.iter().map(|c| Value::String(c.clone())).collect()),
                );
                m.insert("source".into(), Value::String(u.unread.source.clone()));
                m.insert("text".into(), Value::String(u.unread.text.clone()));
                Value::Object(m)
            })
            .collect(),
    )
}

fn index(o: &Map<String, Value>, key: &str, name: &str) -> Result<usize, String> {
    match o.get(key) {
        Some(Value::Number(n)) => n.as_u64().map(|v| v as usize).ok_or_else(|| format!("未能读取的单元格的{name}应为非负整数")),
        Some(other) => Err(format!("未能读取的单元格的{name}应为数字，文件中是{}", describe(other))),
        None => Err(format!("未能读取的单元格缺少{name}「{key}」")),
    }
}

pub(super) fn read(v: &Value, report: &mut Report) -> Result<(), String> {
    let items = array(v, "unread", "未能读取的单元格")?;
    if items.len() > MAX_ENTRIES {
        return Err(format!("「unread」（未能读取的单元格）有 {} 项，最多 {MAX_ENTRIES} 项", items.len()));
    }
    for item in items {
        let o = object(item, "unread", "未能读取的单元格")?;
        let table = match o.get("table") {
            Some(Value::String(s)) if s == "disclosure" => Table::Disclosure,
            Some(Value::String(s)) if s == "applications" => Table::Applications,
            Some(Value::String(s)) if s == "reviews" => Table::Reviews,
            other => {
                return Err(format!(
                    "未能读取的单元格的「table」应为 \"disclosure\"、\"applications\" 或 \"reviews\"，文件中是{}",
                    other.map_or("空".to_string(), describe)
                ));
            }
        };
        let cell = CellRef { table, row: index(o, "row", "行号")?, col: index(o, "col", "列号")? };
        if !report.has_cell(cell) {
            return Err(format!("未能读取的单元格不在表格中：{} 第{}行第{}列", table_key(table), cell.row + 1, cell.col + 1));
        }
        let mut candidates = Vec::new();
        if let Some(v) = o.get("candidates") {
            let list = array(v, "candidates", "候选读数")?;
            if list.len() > MAX_CANDIDATES {
                return Err(format!("未能读取的单元格的候选读数有 {} 个，最多 {MAX_CANDIDATES} 个", list.len()));
            }
            for c in list {
                candidates.push(super::string(c, "candidates", "候选读数")?);
            }
        }
        let unread = Unread {
            reason: optional_string(o, "reason", "原因")?,
            candidates,
            source: optional_string(o, "source", "位置")?,
            text: optional_string(o, "text", "原文")?,
        };
        if report.unread_at(cell).is_some() {
            return Err(format!("同一个单元格（{} 第{}行第{}列）两次列为未能读取", table_key(table), cell.row + 1, cell.col + 1));
        }
        report.unread.push(UnreadCell { cell, unread });
    }
    Ok(())
}
