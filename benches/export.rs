//! Export speed and PDF size: `cargo bench --bench export`.
//! Exports the seed example and a large report (every text part several hundred
//! characters, every cell non-zero) repeatedly and prints the figures.

use std::time::Instant;

use nianbao::fonts::FontSet;
use nianbao::model::{Decimal, Report, TemplateId, file, totals};

fn large_report() -> Report {
    let mut r = Report::new(TemplateId::V2021, 2024, "青山县人民政府办公室");
    let paragraph = "本年度，我们坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读回应、平台建设和制度规范等方面持续发力，\
        全年主动公开政府信息1276条，办理依申请公开29件，政务公开质量和实效进一步提升。";
    let text = |n: usize| vec![paragraph; n].join("\n");
    r.preamble = text(2);
    r.overview.lead = text(2);
    for s in r.overview.sections.iter_mut() {
        s.body = text(4);
    }
    for s in r.problems.iter_mut() {
        s.body = text(3);
    }
    r.other_matters = text(3);
    for (i, row) in r.disclosure.iter_mut().enumerate() {
        for (j, c) in row.iter_mut().enumerate() {
            *c = Some(Decimal::from_int((i * 7 + j * 3 + 1) as i64 * 11));
        }
    }
    for (i, row) in r.applications.iter_mut().enumerate() {
        for (j, c) in row.iter_mut().enumerate() {
            *c = Some(((i * 3 + j) % 17 + 1) as i64);
        }
    }
    r.reviews = std::array::from_fn(|j| Some(j as i64 + 1));
    totals::fill_totals(&mut r);
    r.signature.unit = r.agency.clone();
    r.signature.date = "2025-01-20".into();
    r
}

fn measure(name: &str, report: &Report, runs: usize) {
    let fonts = FontSet::bundled();
    let mut times = Vec::with_capacity(runs);
    let mut layout_times = Vec::with_capacity(runs);
    let mut size = 0;
    let mut pages = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let doc = nianbao::layout::layout(report, fonts);
        layout_times.push(t.elapsed().as_secs_f64() * 1000.0);
        let bytes = nianbao::export::pdf::to_pdf(&doc, fonts).expect("export");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        size = bytes.len();
        pages = doc.pages.len();
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "{name:<28} {pages:>2} pages  export {:>6.1} ms (layout {:>5.1} ms)  PDF {:>4} KB   median of {runs}",
        median(&mut times),
        median(&mut layout_times),
        size.div_ceil(1024)
    );
}

fn main() {
    // `NIANBAO_BENCH_WRITE=FILE`: only write the large report there, for
    // scripts/bench.sh to time whole-process exports of it.
    if let Some(path) = std::env::var_os("NIANBAO_BENCH_WRITE") {
        file::save(std::path::Path::new(&path), &large_report(), &[]).expect("write the large report");
        return;
    }
    let seed = file::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/zhoucun-2023.json"))).unwrap();
    // The first export of a process also unpacks the fonts it needs (they are stored compressed).
    let t = Instant::now();
    let doc = nianbao::layout::layout(&seed, FontSet::bundled());
    nianbao::export::pdf::to_pdf(&doc, FontSet::bundled()).expect("export");
    println!("first export in a new process (unpacks 5 fonts): {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    measure("seed (zhoucun-2023)", &seed, 30);
    measure("large report (all filled)", &large_report(), 15);
    // Layout must stay close to linear in the length of any one text (issue 12:
    // a 20,000-character 编制单位 once took 53 s).
    for n in [5_000, 20_000, 100_000] {
        let mut r = seed.clone();
        r.agency = "青山县人民政府办公室青山片区管理委员会".chars().cycle().take(n).collect();
        measure(&format!("编制单位 of {n} characters"), &r, 3);
        let mut r = seed.clone();
        r.preamble = "严格落实公开属性源头认定和保密审查制度，网址https://www.example.gov.cn/xxgk/index.html。"
            .chars()
            .cycle()
            .take(n)
            .collect();
        measure(&format!("前言 of {n} characters"), &r, 3);
    }
}
