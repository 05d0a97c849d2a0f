//! `nianbao import` and `check` as an audit of published documents: real
//! process, real files, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-import-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn real(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-reports").join(name).to_string_lossy().into_owned()
}

/// The seed report's text, which reads whole.
fn seed() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/000_c4fa03421b1ee046.txt").to_string_lossy().into_owned()
}

#[test]
fn import_exits_0_when_all_is_placed_1_when_something_needs_review_2_when_unreadable() {
    let dir = scratch("exit");
    // The seed's text reads whole (the police bureau's crawler text no longer
    // does: its rows like 「1000001」 may be one number and blank cells).
    let out = dir.join("种子.json");
    let o = nianbao(&["import", &seed(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", text(&o.stdout), text(&o.stderr));
    assert!(text(&o.stdout).contains("区投资促进中心，2023年度"));
    let report = nianbao::model::file::load(&out).unwrap();
    assert_eq!(report.applications[3], [Some(0); 7]);

    let out = dir.join("2021.json");
    let o = nianbao(&["import", &real("pingtan-2021.txt"), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let shown = text(&o.stdout);
    assert!(shown.contains("需要核对的"), "{shown}");
    assert!(shown.contains("第 10 行") && shown.contains("可能是 空白、6、64、640"), "{shown}");
    let report = nianbao::model::file::load(&out).unwrap();
    assert!(!report.unread.is_empty(), "the unread cells are in the file");

    let doc = dir.join("年报.doc");
    std::fs::write(&doc, b"\xd0\xcf\x11\xe0").unwrap();
    let o = nianbao(&["import", doc.to_str().unwrap(), "-o", dir.join("x.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("请在 WPS 或 Word 中另存为 .docx 后再导入"));
    let junk = dir.join("乱码.txt");
    std::fs::write(&junk, (0..3000u32).map(|i| (i * 7 % 256) as u8).collect::<Vec<_>>()).unwrap();
    let o = nianbao(&["import", junk.to_str().unwrap(), "-o", dir.join("y.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    let prose = dir.join("通知.txt");
    std::fs::write(&prose, "关于做好年度工作的通知\n各单位：请按时报送。").unwrap();
    let o = nianbao(&["import", prose.to_str().unwrap(), "-o", dir.join("z.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("这不是年报"));
    assert!(!dir.join("z.json").exists());
}

#[test]
fn every_report_output_must_be_a_json_file() {
    let dir = scratch("json-only");
    let source = seed();
    for name in ["x.pdf", "x.docx", "x.HTML", "x.txt", "x"] {
        let target = dir.join(name);
        let t = target.to_str().unwrap();
        for args in [vec!["import", &source, "-o", t], vec!["new", "--from", &source, "-o", t], vec!["merge", &source, "-o", t]] {
            let o = nianbao(&args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stdout));
            assert!(text(&o.stderr).contains("x.json"), "{args:?}: {}", text(&o.stderr));
            assert!(!target.exists(), "{args:?} wrote {name}");
        }
    }
    let o = nianbao(&["import", &source, "-o", dir.join("x.pdf").to_str().unwrap()]);
    assert!(text(&o.stderr).contains("nianbao export"), "says how to get a PDF: {}", text(&o.stderr));
    let o = nianbao(&["import", &source, "-o", dir.join("x.JSON").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn check_audits_many_files_folders_and_wildcards() {
    let dir = scratch("audit");
    for name in ["pingtan-2021.txt", "pingtan-gonganju-2022.txt"] {
        std::fs::copy(real(name), dir.join(name)).unwrap();
    }
    std::fs::copy("examples/errors-2024.json", dir.join("errors-2024.json")).unwrap();
    std::fs::copy(real("template-govnianbao.docx"), dir.join("空模板.docx")).unwrap();
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    let shown = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "errors-2024.json has errors: {shown}");
    assert_eq!(shown.lines().filter(|l| l.starts_with('【')).count(), 4, "{shown}");
    assert!(shown.contains("空模板.docx｜｜年度未知｜"), "the empty template has no year: {shown}");
    assert!(shown.contains("个单元格未能读取"));
    assert!(shown.contains("导入待核对"), "unread cells are warnings");
    assert!(shown.contains("无法核对"));

    let pattern = dir.join("*.txt");
    let o = nianbao(&["check", pattern.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("审核 2 个文件"));

    // Files in order of their paths whatever the order named; a pipe in the
    // folder is named as skipped, not passed over in silence (nor waited on).
    let files = |o: &std::process::Output| -> Vec<String> {
        let shown = text(&o.stdout);
        shown
            .lines()
            .filter(|l| l.starts_with('【') && !l.starts_with("【已略过】"))
            .map(|l| l.split_once('】').unwrap().1.split(['｜', '：']).next().unwrap().to_string())
            .collect()
    };
    let (a, b) = (dir.join("pingtan-gonganju-2022.txt"), dir.join("pingtan-2021.txt"));
    let o = nianbao(&["check", a.to_str().unwrap(), b.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(files(&o), [b.display().to_string(), a.display().to_string()]);
    #[cfg(unix)]
    {
        let fifo = dir.join("管道.pdf");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let o = nianbao(&["check", dir.to_str().unwrap()]);
        let shown = text(&o.stdout);
        assert!(shown.lines().any(|l| l.starts_with("【已略过】") && l.contains("管道.pdf")), "{shown}");
        let listed = files(&o);
        assert_eq!(listed.len(), 4, "{shown}");
        assert!(listed.windows(2).all(|w| w[0] < w[1]), "{listed:?}");
        std::fs::remove_file(&fifo).unwrap();
    }

    std::fs::write(dir.join("坏.pdf"), b"not a pdf").unwrap();
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).contains("【无法读取】"));
    let o = nianbao(&["check", dir.join("*.none").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn merge_and_new_take_documents_and_warn_about_unread_cells() {
    let dir = scratch("merge");
    let out = dir.join("新.json");
    let o = nianbao(&["new", "--from", &real("pingtan-gonganju-2022.txt"), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let next = nianbao::model::file::load(&out).unwrap();
    assert_eq!(next.year, 2023);
    assert_eq!(next.applications[1][0], Some(0), "上年结转 from last year's 结转下年度");

    let o = nianbao(&[
        "merge",
        &real("pingtan-2022.txt"),
        &real("pingtan-gonganju-2022.txt"),
        "-o",
        dir.join("汇总.json").to_str().unwrap(),
    ]);
    assert!(text(&o.stderr).contains("汇总结果中的这些单元格也未能读取"), "{}", text(&o.stderr));
    // A sum with an unread part is unread, and the exit code says the result needs review.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("汇总数不确定"), "{}", text(&o.stdout));
    let merged = nianbao::model::file::load(&dir.join("汇总.json")).unwrap();
    assert!(!merged.unread.is_empty(), "the merged file keeps the unread marks");
    assert!(merged.unread.iter().all(|u| u.unread.reason.contains("汇总来源")));
}

#[test]
fn an_audit_goes_on_past_what_matches_nothing_and_names_subfolders() {
    let dir = scratch("audit-edges");
    std::fs::copy(real("pingtan-gonganju-2022.txt"), dir.join("ok.txt")).unwrap();
    std::fs::create_dir(dir.join("子文件夹")).unwrap();
    std::fs::copy(real("pingtan-2021.txt"), dir.join("子文件夹").join("inner.txt")).unwrap();
    let ok = dir.join("ok.txt");
    let nothing = dir.join("不存在*.pdf");
    let o = nianbao(&["check", nothing.to_str().unwrap(), ok.to_str().unwrap()]);
    let shown = text(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{shown}");
    assert!(shown.lines().any(|l| l.starts_with("【没有文件】") && l.contains("不存在*.pdf")), "{shown}");
    assert!(shown.contains("【无错误】") && shown.contains("ok.txt"), "the rest is checked: {shown}");
    // `**` is said to be unsupported, and the rest still checked.
    let globstar = dir.join("**").join("*.txt");
    let o = nianbao(&["check", globstar.to_str().unwrap(), ok.to_str().unwrap()]);
    let shown = text(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{shown}");
    assert!(shown.contains("不支持「**」"), "{shown}");
    assert!(shown.contains("ok.txt｜"), "{shown}");
    // A folder's subfolder is named as skipped, not passed over in silence.
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    let shown = text(&o.stdout);
    assert!(shown.lines().any(|l| l.starts_with("【已略过】") && l.contains("子文件夹") && l.contains("是子文件夹")), "{shown}");
    assert_eq!(o.status.code(), Some(0), "{shown}");
}
