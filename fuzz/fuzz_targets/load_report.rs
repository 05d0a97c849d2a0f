//! The report file loader on arbitrary bytes: a report or a Chinese refusal,
//! never a panic; a report that loads checks, saves and reloads unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::model::{check, file};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match file::from_json(text) {
        Ok(report) => {
            let _ = check(&report, Some(&report));
            let saved = file::to_json(&report);
            let again = file::from_json(&saved).expect("a saved report loads");
            assert_eq!(again, report);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
