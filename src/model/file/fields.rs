//! Reading one field of a report file: its type checked, and a Chinese
//! message naming the field and showing the value when it is wrong.

use serde_json::{Map, Number, Value};

use super::MAX_TEXT_CHARS;
use crate::model::Decimal;
use crate::model::report::{Amount, Count, Section};
use crate::model::template::CellKind;

/// A value from the file as a message shows it: 「文字 "…"」, 「数字 12」.
pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "空值 null".into(),
        Value::Bool(b) => format!("真假值 {b}"),
        Value::Number(n) => format!("数字 {}", number(n)),
        Value::String(s) => format!("文字 {}", quoted(s)),
        Value::Array(_) => "一个数组".into(),
        Value::Object(_) => "一个对象".into(),
    }
}

/// Text or digits from the file, cut for a message: at most the first 20
/// characters, then how many there are: 「12345678901234567890…（共 5000 位）」.
/// Every message that echoes a value from the file shows it through here.
pub(super) fn excerpt(s: &str, unit: &str) -> String {
    const SHOWN: usize = 20;
    let count = s.chars().count();
    if count <= SHOWN {
        return s.to_string();
    }
    format!("{}…（共 {count} {unit}）", s.chars().take(SHOWN).collect::<String>())
}

pub(super) fn number(n: &Number) -> String {
    excerpt(n.as_str(), "位")
}

pub(super) fn quoted(s: &str) -> String {
    format!("\"{}\"", excerpt(s, "字"))
}

pub(super) fn string(v: &Value, key: &str, name: &str) -> Result<String, String> {
    match v {
        Value::String(s) if s.chars().count() > MAX_TEXT_CHARS => Err(format!(
            "「{key}」（{name}）的文字太长：共 {} 字，每项最多 {MAX_TEXT_CHARS} 字（文件可能已损坏）",
            s.chars().count()
        )),
        Value::String(s) => Ok(s.clone()),
        other => Err(format!("「{key}」（{name}）应为文字，文件中是{}", describe(other))),
    }
}

pub(super) fn required_string(obj: &Map<String, Value>, key: &str, name: &str) -> Result<String, String> {
    string(obj.get(key).ok_or_else(|| format!("缺少「{key}」（{name}）"))?, key, name)
}

pub(super) fn optional_string(obj: &Map<String, Value>, key: &str, name: &str) -> Result<String, String> {
    obj.get(key).map_or(Ok(String::new()), |v| string(v, key, name))
}

pub(super) fn object<'a>(v: &'a Value, key: &str, name: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("「{key}」（{name}）应为对象，文件中是{}", describe(v)))
}

pub(super) fn array<'a>(v: &'a Value, key: &str, name: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array().ok_or_else(|| format!("{name}「{key}」应为数组，文件中是{}", describe(v)))
}

pub(super) fn read_sections<const N: usize>(v: &Value, key: &str, name: &str, out: &mut [Section; N]) -> Result<(), String> {
    let items = array(v, key, name)?;
    if items.len() != N {
        return Err(format!("{name}「{key}」应有{N}项，文件中有{}项", items.len()));
    }
    for (item, slot) in items.iter().zip(out.iter_mut()) {
        let o = object(item, key, name)?;
        if o.contains_key("title") {
            slot.title = optional_string(o, "title", "小节标题")?;
        }
        slot.body = optional_string(o, "body", "小节正文")?;
    }
    Ok(())
}

/// A cell of table 二 (or an amount): a number of the column's kind, or `null`.
pub(super) fn amount(v: &Value, kind: CellKind) -> Result<Amount, String> {
    let n = match v {
        Value::Null => return Ok(None),
        Value::Number(n) => n,
        other => return Err(format!("应为数字或 null（空白），文件中是{}", describe(other))),
    };
    let d: Decimal = n.as_str().parse().map_err(|e| format!("的数值 {} 有误：{e}", number(n)))?;
    if kind != CellKind::Amount && !d.is_integer() {
        return Err(format!("应为整数，文件中是 {}", number(n)));
    }
    Ok(Some(d))
}

/// A count cell of table 三 or 四: an integer or `null`. Negative numbers load
/// (the checker reports them) so that a typo never makes a file unreadable.
pub(super) fn count(v: &Value) -> Result<Count, String> {
    Ok(amount(v, CellKind::Count)?.and_then(Decimal::to_int))
}
