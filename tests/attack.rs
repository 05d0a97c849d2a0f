//! Proof by attack: arbitrary reports — any Unicode text, any numbers and
//! blanks, both formats — go through save → load → check → layout → PDF →
//! reload without a panic, and the reloaded report equals the saved one.
//!
//! `cargo test --test attack` runs a few hundred cases; the long run is
//! `cargo test --release --test attack -- --ignored` (10 000 cases).

use nianbao::fonts::FontSet;
use nianbao::model::decimal::Decimal;
use nianbao::model::report::{Report, Section};
use nianbao::model::template::CellKind;
use nianbao::model::{TemplateId, check, file};
use proptest::prelude::*;

const LIMIT: i64 = 1_000_000_000_000;

fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        // Anything Unicode has, control characters included.
        proptest::collection::vec(any::<char>(), 0..max).prop_map(|c| c.into_iter().collect()),
        // Report-like Chinese with punctuation, digits, line breaks and rare characters.
        proptest::collection::vec(
            prop_oneof![
                Just('政'),
                Just('府'),
                Just('，'),
                Just('。'),
                Just('（'),
                Just('）'),
                Just('《'),
                Just('》'),
                Just('\n'),
                Just(' '),
                Just('堃'),
                Just('䶮'),
                Just('𠀀'),
                Just('😀'),
                Just('2'),
                Just('a'),
                Just('—'),
            ],
            0..max
        )
        .prop_map(|c| c.into_iter().collect()),
    ]
}

fn count() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![Just(None), Just(Some(0)), (0i64..50).prop_map(Some), (-LIMIT..=LIMIT).prop_map(Some)]
}

fn amount(kind: CellKind) -> BoxedStrategy<Option<Decimal>> {
    let units = match kind {
        CellKind::Amount => (0i64..=LIMIT * 10_000).prop_map(|u| format!("{}.{:04}", u / 10_000, u % 10_000)).boxed(),
        CellKind::Count => (0i64..=LIMIT).prop_map(|n| n.to_string()).boxed(),
        CellKind::SignedCount => (-LIMIT..=LIMIT).prop_map(|n| n.to_string()).boxed(),
    };
    prop_oneof![Just(None), units.prop_map(|s| s.parse().ok())].boxed()
}

fn report() -> impl Strategy<Value = Report> {
    (prop_oneof![Just(TemplateId::V2021), Just(TemplateId::V2019)], 2000i32..=2100).prop_flat_map(|(template, year)| {
        let tpl = template.get();
        let disclosure: Vec<BoxedStrategy<Vec<Option<Decimal>>>> = tpl
            .disclosure_rows()
            .map(|(block, _)| block.columns.iter().map(|c| amount(c.role.kind())).collect::<Vec<_>>().boxed())
            .collect();
        let rows = tpl.applications.len();
        (
            (text(30), text(30), text(300), text(200), proptest::collection::vec((text(12), text(200)), 5)),
            (
                disclosure,
                proptest::collection::vec(proptest::array::uniform7(count()), rows),
                proptest::array::uniform15(count()),
            ),
            (proptest::collection::vec((text(12), text(200)), 2), text(200), amount(CellKind::Amount), text(10), text(20)),
        )
            .prop_map(
                move |(
                    (agency, dept, preamble, lead, sections),
                    (disclosure, applications, reviews),
                    (problems, other, fee, unit, date),
                )| {
                    let mut r = Report::new(template, year, &agency);
                    r.contact.department = dept;
                    r.preamble = preamble;
                    r.overview.lead = lead;
                    for (slot, (title, body)) in r.overview.sections.iter_mut().zip(sections) {
                        *slot = Section { title, body };
                    }
                    r.disclosure = disclosure;
                    r.applications = applications;
                    r.reviews = reviews;
                    for (slot, (title, body)) in r.problems.iter_mut().zip(problems) {
                        *slot = Section { title, body };
                    }
                    r.other_matters = other;
                    r.processing_fee = fee;
                    r.procurement_unit = unit;
                    r.signature.unit = r.agency.clone();
                    r.signature.date = date;
                    r
                },
            )
    })
}

fn round_trip(r: &Report) -> Result<(), TestCaseError> {
    let saved = file::to_json(r);
    let loaded = file::from_json(&saved).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&loaded, r);
    let previous = loaded.clone();
    let findings = check(&loaded, Some(&previous));
    prop_assert!(findings.iter().all(|f| !f.message.is_empty()));
    let fonts = FontSet::bundled();
    let doc = nianbao::layout::layout(&loaded, fonts);
    prop_assert!(!doc.pages.is_empty());
    let pdf = nianbao::export::pdf::to_pdf(&doc, fonts).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(pdf.starts_with(b"%PDF-"));
    let reloaded = file::from_json(&file::to_json(&loaded)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&reloaded, r);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn arbitrary_reports_survive_the_whole_pipeline(r in report()) {
        round_trip(&r)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]
    #[test]
    #[ignore = "long run: cargo test --release --test attack -- --ignored"]
    fn ten_thousand_arbitrary_reports(r in report()) {
        round_trip(&r)?;
    }
}

/// Arbitrary bytes as a report file: a Chinese refusal or a report, never a panic.
#[test]
fn arbitrary_file_contents_never_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig { cases: 2000, ..ProptestConfig::default() });
    let seed = file::to_json(&Report::new(TemplateId::V2021, 2024, "某局"));
    let strategy = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        // A real file with a few bytes changed or cut: the interesting near-misses.
        (0..seed.len(), any::<char>(), 0..seed.len()).prop_map(move |(at, c, cut)| {
            let mut s: String = seed.chars().take(cut.max(at)).collect();
            let at = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
            s.insert(at, c);
            s
        }),
    ];
    runner
        .run(&strategy, |text| {
            if let Err(e) = file::from_json(&text) {
                prop_assert!(e.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{e}");
            }
            Ok(())
        })
        .unwrap();
}
