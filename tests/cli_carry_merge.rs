//! `nianbao new --from` and `nianbao merge`, run as a user runs them.

use std::path::PathBuf;
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cm-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn new_from_last_year_and_the_remembered_check() {
    let dir = scratch("new");
    let prev = dir.join("上年 2024.json");
    std::fs::copy("examples/qingshan-2024.json", &prev).unwrap();
    let new = dir.join("本年 2025.json");
    let o = nianbao(&["new", "--from", prev.to_str().unwrap(), "-o", new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let r = nianbao::model::file::load(&new).unwrap();
    assert_eq!((r.year, r.template), (2025, nianbao::model::TemplateId::V2021));
    assert_eq!(r.applications[1][6], Some(3));
    // `check` without --previous uses the remembered file: S10 finds the copied text.
    let o = nianbao(&["check", new.to_str().unwrap()]);
    assert!(text(&o).contains("警告 S10"), "{}", text(&o));
    // Moved together to another folder, the pair still finds each other.
    let moved = scratch("moved");
    std::fs::rename(&prev, moved.join("上年 2024.json")).unwrap();
    std::fs::rename(&new, moved.join("本年 2025.json")).unwrap();
    let o = nianbao(&["check", moved.join("本年 2025.json").to_str().unwrap()]);
    assert!(text(&o).contains("警告 S10"));
    let o = nianbao(&["new", "--from", "examples/nope.json", "-o", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("找不到文件"));
}

#[test]
fn merge_prints_a_table_and_exits_1_when_a_source_has_errors() {
    let dir = scratch("merge");
    let out = dir.join("县汇总.json");
    let o = nianbao(&["merge", "examples/qingshan-2024.json", "examples/errors-2024.json", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "a source has errors");
    let t = text(&o);
    assert!(t.contains("1｜青山县市场监督管理局｜qingshan-2024.json｜0｜0｜29｜29｜3｜2｜1"), "{t}");
    assert!(t.contains("2｜青山县某某镇人民政府｜errors-2024.json｜13｜"));
    let r = nianbao::model::file::load(&out).unwrap();
    assert_eq!(r.applications[0][0], Some(42), "the sum is written all the same");

    // The same report twice would be counted twice (issue 13).
    let o = nianbao(&["merge", "examples/qingshan-2024.json", "examples/qingshan-2024.json", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("「examples/qingshan-2024.json」给出了两次"), "{}", text(&o));

    // An existing report is replaced only when asked to, and kept as .bak.
    let before = std::fs::read(&out).unwrap();
    let args = ["merge", "examples/qingshan-2024.json", "examples/errors-2024.json", "-o", out.to_str().unwrap()];
    let o = nianbao(&args);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("已经存在；要替换它请加 --replace"), "{}", text(&o));
    assert!(!text(&o).contains("序号"), "refused before any work");
    let o = nianbao(&[&args[..], &["--replace"]].concat());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(std::fs::read(nianbao::files::backup_path(&out)).unwrap(), before);

    let o = nianbao(&[
        "merge",
        "examples/qingshan-2024.json",
        "examples/zhoucun-2023.json",
        "-o",
        out.to_str().unwrap(),
        "--replace",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("「zhoucun-2023.json」（周村区投资促进中心）是2023年度的，其他年报是2024年度"));
    let o = nianbao(&["merge", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "no sources");
}

/// A source whose 表四 was not read (an import left it 未能读取): its 行政复议 and
/// 行政诉讼 figures say 未读 in the table, not 「空」 as if the source had left them blank.
#[test]
fn merge_shows_an_unread_figure_as_unread_not_blank() {
    let dir = scratch("merge-unread");
    let mut r = nianbao::model::file::load(std::path::Path::new("examples/qingshan-2024.json")).unwrap();
    for j in 0..r.reviews.len() {
        let unread = nianbao::model::unread::Unread { reason: "测试".into(), ..Default::default() };
        r.mark_unread(nianbao::model::check::CellRef::reviews(j), unread);
    }
    let source = dir.join("未读表四.json");
    std::fs::write(&source, nianbao::model::file::to_json(&r)).unwrap();
    let out = dir.join("汇总.json");
    let o = nianbao(&["merge", source.to_str().unwrap(), "examples/errors-2024.json", "-o", out.to_str().unwrap()]);
    let t = text(&o);
    let row = t.lines().find(|l| l.contains("｜未读表四.json｜")).unwrap_or_else(|| panic!("{t}"));
    assert!(row.ends_with("｜29｜29｜3｜未读｜未读"), "{row}");
}

/// A source without a 信息处理费 (left blank, or an import could not read
/// 「约100元」) leaves the summed fee unknown: not the others' 0, and said so.
#[test]
fn merge_leaves_the_fee_blank_when_a_source_has_none() {
    let dir = scratch("merge-fee");
    let mut r = nianbao::model::file::load(std::path::Path::new("examples/qingshan-2024.json")).unwrap();
    r.agency = "青山县乙局".into();
    r.processing_fee = None;
    let source = dir.join("乙局.json");
    std::fs::write(&source, nianbao::model::file::to_json(&r)).unwrap();
    let out = dir.join("汇总.json");
    let o = nianbao(&["merge", "examples/qingshan-2024.json", source.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("「青山县乙局」 没有信息处理费金额") || t.contains("「青山县乙局」没有信息处理费金额"), "{t}");
    assert_eq!(nianbao::model::file::load(&out).unwrap().processing_fee, None, "0 + unknown is not 0");
}
