//! Saving: the report as JSON, every key in the documented order.

use serde_json::{Map, Number, Value};

use super::{FORMAT_TAG, VERSION, unread};
use crate::model::report::{Amount, Count, Report, Section};

/// The text of a report file: every key, in the documented order.
pub fn to_json(report: &Report) -> String {
    let mut out = String::new();
    write_value(&mut out, &to_value(report), 0);
    out.push('\n');
    out
}

fn to_value(r: &Report) -> Value {
    let text = |s: &str| Value::String(s.to_string());
    let section = |s: &Section| {
        let mut m = Map::new();
        m.insert("title".into(), text(&s.title));
        m.insert("body".into(), text(&s.body));
        Value::Object(m)
    };
    let obj = |pairs: Vec<(&str, Value)>| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect());

    let mut m = Map::new();
    m.insert("format".into(), text(FORMAT_TAG));
    m.insert("version".into(), Value::from(VERSION));
    m.insert("template".into(), text(r.template.code()));
    m.insert("year".into(), Value::from(r.year));
    m.insert("agency".into(), text(&r.agency));
    let c = &r.contact;
    m.insert(
        "contact".into(),
        obj(vec![
            ("department", text(&c.department)),
            ("phone", text(&c.phone)),
            ("address", text(&c.address)),
            ("postcode", text(&c.postcode)),
            ("email", text(&c.email)),
        ]),
    );
    m.insert("signature".into(), obj(vec![("unit", text(&r.signature.unit)), ("date", text(&r.signature.date))]));
    m.insert("preamble".into(), text(&r.preamble));
    m.insert(
        "overview".into(),
        obj(vec![
            ("lead", text(&r.overview.lead)),
            ("sections", Value::Array(r.overview.sections.iter().map(section).collect())),
        ]),
    );
    m.insert(
        "disclosure".into(),
        Value::Array(r.disclosure.iter().map(|row| Value::Array(row.iter().map(|c| amount_value(*c)).collect())).collect()),
    );
    m.insert("procurement_unit".into(), text(&r.procurement_unit));
    m.insert(
        "applications".into(),
        Value::Array(r.applications.iter().map(|row| Value::Array(row.iter().map(|c| count_value(*c)).collect())).collect()),
    );
    m.insert("reviews".into(), Value::Array(r.reviews.iter().map(|c| count_value(*c)).collect()));
    m.insert("problems".into(), Value::Array(r.problems.iter().map(section).collect()));
    m.insert("other_matters".into(), text(&r.other_matters));
    m.insert("processing_fee".into(), amount_value(r.processing_fee));
    m.insert("previous".into(), r.previous.as_ref().map_or(Value::Null, |p| text(&p.to_string_lossy())));
    m.insert("unread".into(), unread::to_value(r));
    for (k, v) in &r.extra {
        m.insert(k.clone(), v.clone());
    }
    Value::Object(m)
}

fn count_value(c: Count) -> Value {
    c.map_or(Value::Null, Value::from)
}

fn amount_value(a: Amount) -> Value {
    // A Decimal prints as a plain JSON number (`7730.28`), which always parses.
    a.map_or(Value::Null, |d| d.to_string().parse::<Number>().map_or(Value::Null, Value::Number))
}

/// Pretty-prints with two-space indents, keeping arrays of plain values on one
/// line so that a table row reads as a row: `[3, 0, null, 0, 0, 0, 3]`.
fn write_value(out: &mut String, v: &Value, indent: usize) {
    let pad = |out: &mut String, n: usize| out.extend(std::iter::repeat_n("  ", n));
    match v {
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, indent);
            }
            out.push(']');
        }
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, indent + 1);
                write_value(out, item, indent + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push_str("{\n");
            for (i, (k, item)) in map.iter().enumerate() {
                pad(out, indent + 1);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_value(out, item, indent + 1);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            pad(out, indent);
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}
