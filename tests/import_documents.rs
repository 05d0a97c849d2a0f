//! Importing web pages, Word files and PDFs: real published reports against
//! the tables as I read them from the source, and hostile files refused.

use std::path::Path;

use nianbao::import::import_file;
use nianbao::model::{Decimal, TemplateId};

fn shared(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-reports").join(name)
}

fn row(v: [i64; 7]) -> [Option<i64>; 7] {
    v.map(Some)
}

fn d(v: &[&str]) -> Vec<Option<Decimal>> {
    v.iter().map(|s| Some(s.parse().unwrap())).collect()
}

/// 平潭综合实验区 2024, the page as the site served it (menus, links and footer around the article).
#[test]
fn pingtan_2024_web_page() {
    let imported = import_file(&shared("pingtan-2024.html")).unwrap();
    let r = &imported.report;
    assert!(imported.complete(), "{:?}", imported.review_lines());
    assert_eq!((r.template, r.year, r.agency.as_str()), (TemplateId::V2021, 2024, "平潭综合实验区"));
    assert_eq!(
        r.disclosure,
        vec![d(&["0", "0", "0"]), d(&["62", "33", "440"]), d(&["4529"]), d(&["1100"]), d(&["65"]), d(&["18651.06"])]
    );
    let one = |n: i64| row([n, 0, 0, 0, 0, 0, n]);
    let want = vec![
        row([217, 1, 0, 0, 0, 0, 218]),
        one(0),
        one(71),
        one(29),
        one(4),
        one(0),
        one(0),
        one(3),
        one(32),
        one(0),
        one(0),
        one(0),
        one(75),
        one(0),
        one(0),
        one(0),
        one(1),
        one(0),
        one(0),
        one(0),
        one(1),
        one(0),
        row([1, 1, 0, 0, 0, 0, 2]),
        row([217, 1, 0, 0, 0, 0, 218]),
        one(0),
    ];
    assert_eq!(r.applications, want);
    assert_eq!(r.reviews, [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19].map(Some));
    assert!(r.preamble.starts_with("本报告根据《中华人民共和国政府信息公开条例》"));
    assert!(r.preamble.ends_with("统计期限为2024年1月1日至2024年12月31日。"));
    assert_eq!(r.overview.sections[0].title, "主动公开方面");
    assert!(r.overview.sections[4].body.len() > 50);
    assert_eq!(r.other_matters, "2024年，无收取信息处理费情况。");
    assert_eq!(r.processing_fee, Some(Decimal::from_int(0)));
    assert!(nianbao::model::check(r, None).iter().all(|f| f.severity != nianbao::model::Severity::Error));
}

#[test]
fn a_web_page_that_is_not_a_report_is_refused() {
    let dir = std::env::temp_dir().join(format!("nianbao-import-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("首页.html");
    std::fs::write(&page, "<html><body><div>欢迎访问</div></body></html>").unwrap();
    assert!(import_file(&page).unwrap_err().0.contains("这不是年报"));
    let big = dir.join("大.htm");
    std::fs::write(&big, vec![b'a'; 21 * 1024 * 1024]).unwrap();
    assert!(import_file(&big).unwrap_err().0.contains("文件太大"));
}
