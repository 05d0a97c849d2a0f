//! 汇总 speed: `cargo bench --bench merge`. Generates 500 department reports
//! (every cell filled), writes them to a temporary folder, then times reading
//! all files and summing them, as `nianbao merge` does.

use std::time::Instant;

use nianbao::model::merge::{Source, merge};
use nianbao::model::template::CellKind;
use nianbao::model::{Report, TemplateId, file, totals};

fn department(i: usize) -> Report {
    let mut r = Report::new(TemplateId::V2021, 2024, &format!("青山县第{i}局"));
    let kinds: Vec<Vec<CellKind>> =
        r.template.get().disclosure_rows().map(|(b, _)| b.columns.iter().map(|c| c.role.kind()).collect()).collect();
    for (k, row) in r.disclosure.iter_mut().enumerate() {
        for (j, c) in row.iter_mut().enumerate() {
            let text = match kinds[k][j] {
                CellKind::Amount => format!("{}.{:02}", (i + k) % 97, i % 100),
                _ => ((i + k + j) % 97).to_string(),
            };
            *c = Some(text.parse().unwrap());
        }
    }
    for (k, row) in r.applications.iter_mut().enumerate() {
        for (j, c) in row.iter_mut().enumerate() {
            *c = Some(((i + k * 7 + j) % 13) as i64);
        }
    }
    r.reviews = std::array::from_fn(|j| Some(((i + j) % 5) as i64));
    r.processing_fee = Some("12.5".parse().unwrap());
    r.overview.sections[0].body = "本年度主动公开政府信息若干条。".repeat(20);
    totals::fill_totals(&mut r);
    r
}

fn main() {
    let dir = std::env::temp_dir().join(format!("nianbao-merge-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let n = 500;
    let paths: Vec<_> = (0..n)
        .map(|i| {
            let p = dir.join(format!("部门{i:03}.json"));
            file::save(&p, &department(i), &[]).unwrap();
            p
        })
        .collect();
    for round in 0..3 {
        let t = Instant::now();
        let sources: Vec<Source> = paths
            .iter()
            .map(|p| Source { name: p.file_name().unwrap().to_string_lossy().into_owned(), report: file::load(p).unwrap() })
            .collect();
        let read = t.elapsed();
        let t2 = Instant::now();
        let merged = merge(&sources).unwrap();
        let summed = t2.elapsed();
        println!(
            "round {round}: {n} files read in {:.0} ms, checked and summed in {:.0} ms, total {:.0} ms ({} 错误 in the sources)",
            read.as_secs_f64() * 1000.0,
            summed.as_secs_f64() * 1000.0,
            (read + summed).as_secs_f64() * 1000.0,
            merged.sources.iter().map(|s| s.errors.len()).sum::<usize>()
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
