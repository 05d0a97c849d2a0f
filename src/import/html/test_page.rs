//! One page built around one table cell, for the web-page reader's unit tests.

use crate::import::cells::read_row;
use crate::import::labels::Doc;
use crate::model::template::CellKind;

/// What the row reader takes from a cell written as `cell` on a page with `style`:
/// its number, or its readings when unread.
pub(super) fn read_cell(style: &str, cell: &str) -> Result<String, Vec<String>> {
    read_row_of(style, &format!("<tr><td>行政许可</td><td>{cell}</td><td>7</td></tr>"))
}

/// The same with the table's columns (`<col>`, `<colgroup>`) written as `cols`
/// before its row (the cell is the second column).
pub(super) fn read_cell_in(style: &str, cols: &str, cell: &str) -> Result<String, Vec<String>> {
    read_row_of(style, &format!("{cols}<tr><td>行政许可</td><td>{cell}</td><td>7</td></tr>"))
}

/// The text of the line of the row labelled 行政许可 on a page whose table is written as `rows`.
pub(super) fn row_text(style: &str, rows: &str) -> String {
    let page = format!(
        "<html><head><style>{style}</style></head><body><div><p>一、总体情况</p><p>二、主动公开政府信息</p><p>四、行政复议</p>\
         <p>六、其他需要报告</p><table>{rows}</table></div></body></html>"
    );
    let s = super::from_text(&page).unwrap();
    s.text.lines().find(|l| l.contains("行政许可")).unwrap().to_string()
}

/// The same with the table's content written as `rows` (its row labelled 行政许可
/// holding the cell, then 7).
pub(super) fn read_row_of(style: &str, rows: &str) -> Result<String, Vec<String>> {
    let page = format!(
        "<html><head><style>{style}</style></head><body><div><p>一、总体情况</p><p>二、主动公开政府信息</p><p>四、行政复议</p>\
         <p>六、其他需要报告</p><table>{rows}</table></div></body></html>"
    );
    let s = super::from_text(&page).unwrap();
    let line = s.text.lines().find(|l| l.contains("行政许可")).unwrap().to_string();
    let doc = Doc::new(&line);
    let from = doc.find("行政许可", 0, doc.len()).unwrap().end;
    let row = read_row(&doc.s, from, doc.len(), &[CellKind::Count, CellKind::Count]);
    assert_eq!(row.cells[1].value.map(|v| v.to_string()).as_deref(), Some("7"), "{line:?}");
    match &row.cells[0].unread {
        Some((_, readings)) => Err(readings.clone()),
        None => Ok(row.cells[0].value.map(|v| v.to_string()).unwrap_or_default()),
    }
}
