//! Arbitrary bytes as each kind of published document: the importer must answer
//! (a report or a Chinese refusal) within bounded work, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::import;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let source = match kind % 4 {
        0 => import::text::decode(bytes).ok().map(|t| import::Source::plain(&t)),
        1 => import::html::from_text(&String::from_utf8_lossy(bytes)).ok(),
        2 => import::docx::from_bytes(bytes).ok(),
        _ => import::pdf::from_bytes(bytes).ok(),
    };
    if let Some(source) = source
        && let Ok(imported) = import::import_source(&source)
    {
        // What was imported saves and loads back.
        let json = nianbao::model::file::to_json(&imported.report);
        let _ = nianbao::model::file::from_json(&json);
        let _ = nianbao::model::check(&imported.report, None);
    }
});
