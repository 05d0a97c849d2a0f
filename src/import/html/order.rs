//! Cells a flex or grid layout may draw in another order than written: a
//! table row, cell or any element in a table laid out with `order`, a
//! reversed direction (`row-reverse`, `wrap-reverse`, `direction: rtl`),
//! placement on a grid (`grid-column`, `grid-row`, `grid-area`, named
//! areas) or column-first flow. Where each number then shows is not worked
//! out here: the cells concerned are unsure, never read in source order.

/// Whose order a declaration changes; a later kind rearranges more (the
/// parent's children include the element's own).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Right to left (`direction: rtl`): its children's order when it lays
    /// them out as flex or grid items or is a table row (see [`rearranges`]).
    Direction,
    /// Its children's order (`flex-direction: row-reverse`).
    Children,
    /// The element's place among its siblings (`order: 2`, `grid-column: 3`):
    /// its parent's children are rearranged.
    Siblings,
}

/// Whether an element (named `name`, a flex or grid container or not, its
/// parent one or not) with `scope` rearranges its children (`Some(false)`) or
/// its parent's (`Some(true)`). Its place among its siblings (`order`,
/// `grid-column`) only counts where it is a flex or grid item: `order` on a
/// row of a plain table changes nothing.
pub fn rearranges(scope: Option<Scope>, name: &str, (container, in_container): (bool, bool)) -> Option<bool> {
    match scope? {
        Scope::Siblings => in_container.then_some(true),
        Scope::Children => Some(false),
        Scope::Direction => (container || matches!(name, "tr" | "tbody" | "thead" | "tfoot")).then_some(false),
    }
}

/// What one declaration (name and value, lower case) rearranges, if anything.
pub fn of(name: &str, value: &str) -> Option<Scope> {
    let v = value.trim();
    let plain = matches!(v, "" | "initial" | "unset" | "inherit" | "revert" | "revert-layer" | "normal");
    if plain {
        return None;
    }
    let placement = v.split(['/', ' ']).filter(|p| !p.is_empty()).any(|p| p != "auto");
    match name {
        "order" => (v.parse::<f64>().ok() != Some(0.0)).then_some(Scope::Siblings),
        "-webkit-box-ordinal-group" => (v != "1").then_some(Scope::Siblings),
        "grid-column" | "grid-row" | "grid-area" | "grid-column-start" | "grid-column-end" | "grid-row-start"
        | "grid-row-end" => placement.then_some(Scope::Siblings),
        "flex-direction" | "flex-flow" | "flex-wrap" => v.contains("reverse").then_some(Scope::Children),
        "-webkit-box-direction" => (v == "reverse").then_some(Scope::Children),
        "grid-template-areas" => (v != "none").then_some(Scope::Children),
        "grid-template" | "grid" => (v.contains('"') || v.contains('\'') || v.contains("auto-flow")).then_some(Scope::Children),
        "grid-auto-flow" => (v.contains("column") || v.contains("dense")).then_some(Scope::Children),
        "direction" => (v == "rtl").then_some(Scope::Direction),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::import::cells::read_row;
    use crate::import::labels::Doc;
    use crate::model::template::CellKind;

    /// The two numbers of the row labelled 行政许可 on a page whose table is
    /// written as `rows`: each read (`Some`) or unread (`None`).
    fn row(style: &str, rows: &str) -> Vec<Option<String>> {
        let page = format!(
            "<html><head><style>{style}</style></head><body><div><p>一、总体情况</p><p>二、主动公开政府信息</p>\
             <p>四、行政复议</p><p>六、其他需要报告</p><table>{rows}</table></div></body></html>"
        );
        let s = super::super::from_text(&page).unwrap();
        let line = s.text.lines().find(|l| l.contains("行政许可")).unwrap().to_string();
        let doc = Doc::new(&line);
        let from = doc.find("行政许可", 0, doc.len()).unwrap().end;
        let row = read_row(&doc.s, from, doc.len(), &[CellKind::Count, CellKind::Count]);
        row.cells.iter().map(|c| if c.unread.is_some() { None } else { c.value.map(|v| v.to_string()) }).collect()
    }

    /// A row or cell laid out by flex or grid in an order of its own: every
    /// cell of that row is unsure (a browser shows 3 under the column written
    /// for 10), never read in source order.
    #[test]
    fn cells_a_flex_or_grid_layout_may_reorder_are_unsure() {
        let cells = |a: &str, b: &str| format!("<td>行政许可</td><td{a}>10</td><td{b}>7</td>");
        let cases = [
            ("", format!(r#"<tr style="display:flex;flex-direction:row-reverse">{}</tr>"#, cells("", ""))),
            ("", format!(r#"<tr style="display:flex">{}</tr>"#, cells(r#" style="order:3""#, ""))),
            (
                "",
                format!(
                    r#"<tr style="display:grid;grid-auto-flow:column">{}</tr>"#,
                    cells(r#" style="order:2""#, r#" style="order:1""#)
                ),
            ),
            ("", format!(r#"<tr style="display:grid">{}</tr>"#, cells(r#" style="grid-column:3""#, r#" style="grid-column:2""#))),
            ("", format!(r#"<tr style="display:grid">{}</tr>"#, cells(r#" style="grid-area:1 / 3""#, ""))),
            ("tr{display:flex;flex-flow:row wrap-reverse}", format!("<tr>{}</tr>", cells("", ""))),
            (".r td:nth-child(2){order:5}", format!(r#"<tr class=r style="display:flex">{}</tr>"#, cells("", ""))),
            ("", format!(r#"<tr dir=rtl style="display:flex">{}</tr>"#, cells("", ""))),
            ("tr{display:flex;direction:rtl}", format!("<tr>{}</tr>", cells("", ""))),
            ("", format!(r#"<tr style="display:-webkit-box">{}</tr>"#, cells(r#" style="-webkit-box-ordinal-group:3""#, ""))),
            ("tbody{display:flex;flex-direction:column-reverse}", format!("<tr>{}</tr>", cells("", ""))),
            (".g{display:grid;grid-template-areas:'a b c'}", format!("<tr class=g>{}</tr>", cells("", ""))),
        ];
        for (style, rows) in &cases {
            assert_eq!(row(style, rows), vec![None, None], "{style} {rows}");
        }
        // Digits inside one cell laid out in another order.
        let inside = r#"<tr><td>行政许可</td><td><div style="display:flex"><span style="order:2">1</span><span>0</span></div></td><td>7</td></tr>"#;
        assert_eq!(row("", inside), vec![None, Some("7".to_string())]);
        // Written order kept: no order of its own, order 0, or reordering outside the table.
        let kept = [
            ("", format!(r#"<tr style="display:flex">{}</tr>"#, cells(r#" style="order:0""#, ""))),
            (
                "",
                r#"<tr><td style="writing-mode:vertical-rl">行政许可</td><td style="grid-column:auto">10</td><td>7</td></tr>"#
                    .to_string(),
            ),
            (".site{display:flex;flex-direction:row-reverse} table{order:2}", format!("<tr>{}</tr>", cells("", ""))),
            // `order` or placement on a row or cell of a plain table (no flex or grid parent) changes nothing.
            ("", format!(r#"<tr style="order:-1">{}</tr>"#, cells("", ""))),
            ("td{order:2}", format!("<tr>{}</tr>", cells(r#" style="grid-column:3""#, ""))),
        ];
        for (style, rows) in &kept {
            assert_eq!(row(style, rows), vec![Some("10".to_string()), Some("7".to_string())], "{style} {rows}");
        }
    }
}
