//! A key written twice in one object. serde_json's `Value` keeps the last of
//! them, so `{"year": 2023, "year": 2024}` would open as 2024 without a word;
//! a file like that was edited by hand or merged badly, and which value is
//! meant is anyone's guess. A second pass over the text (already known to be
//! valid JSON) walks every object and stops at the first key seen twice.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Where a value sits: the key it was under, or its place in an array.
enum Step<'a> {
    Root,
    Key(&'a str),
    Item(usize),
}

/// One value being walked, with the way down to it (a chain through the
/// callers' frames: nothing is allocated for the path).
struct Walk<'a> {
    parent: Option<&'a Walk<'a>>,
    step: Step<'a>,
    found: &'a RefCell<Option<String>>,
}

/// The message for the first key written twice in `text` (valid JSON), or `None`.
pub(super) fn first_duplicate(text: &str) -> Option<String> {
    let found = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Walk { parent: None, step: Step::Root, found: &found }.deserialize(&mut de);
    let why = found.into_inner()?;
    // The error's position is where the walk stopped: just after the repeated key.
    let line = result.err().map_or(0, |e| e.line());
    Some(format!("{why}（第{line}行）：同一处的每个键只能写一次，无法判断该用哪一个值"))
}

impl Walk<'_> {
    /// 「contact」, 「overview.sections」第2项, or 文件最外层.
    fn place(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(w) = at {
            steps.push(&w.step);
            at = w.parent;
        }
        let mut out = String::new();
        let mut in_key = false;
        for step in steps.into_iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(k) => {
                    out.push_str(if in_key { "." } else { "「" });
                    out.push_str(&super::excerpt(k, "字"));
                    in_key = true;
                }
                Step::Item(i) => {
                    if in_key {
                        out.push('」');
                    }
                    out.push_str(&format!("第{}项", i + 1));
                    in_key = false;
                }
            }
        }
        if in_key {
            out.push('」');
        }
        if out.is_empty() { "文件最外层".into() } else { out }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while seq.next_element_seed(Walk { parent: Some(&self), step: Step::Item(i), found: self.found })?.is_some() {
            i += 1;
        }
        Ok(())
    }

    // With serde_json's `arbitrary_precision` a number arrives here too, as a map
    // of one private key: it has nothing to repeat.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                let place = self.place();
                *self.found.borrow_mut() = Some(format!("{place}的键「{}」重复出现", super::excerpt(&key, "字")));
                return Err(de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Walk { parent: Some(&self), step: Step::Key(&key), found: self.found })?;
            seen.insert(key);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_repeated_key_is_named_with_its_place_and_line() {
        assert_eq!(first_duplicate(r#"{"a": 1, "b": [1, {"c": 2}], "d": {"e": null}}"#), None);
        assert_eq!(
            first_duplicate("{\n\"year\": 2023,\n\"year\": 2024}").unwrap(),
            "文件最外层的键「year」重复出现（第3行）：同一处的每个键只能写一次，无法判断该用哪一个值"
        );
        assert!(first_duplicate(r#"{"contact": {"phone": "1", "phone": "2"}}"#).unwrap().starts_with("「contact」的键「phone」"));
        let nested = r#"{"overview": {"sections": [{}, {"body": "a", "body": "b"}]}}"#;
        assert!(first_duplicate(nested).unwrap().starts_with("「overview.sections」第2项的键「body」"));
        assert!(first_duplicate(r#"{"x": [[0, {"k": 1, "k": 1}]]}"#).unwrap().starts_with("「x」第1项第2项的键「k」"));
        // The same key in two different objects is fine; so are numbers of any size.
        assert_eq!(first_duplicate(r#"[{"k": 1}, {"k": 2.50}, 1e400, 123456789012345678901234567890]"#), None);
    }
}
