//! `nianbao export` as a script uses it (issue 14): many reports into a folder in
//! one call, and the per-user cache of unpacked fonts that makes a second run fast.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("NIANBAO_CACHE_DIR", cache)
        // Every file these exports write carries this date, so two exports compare byte for byte.
        .env("SOURCE_DATE_EPOCH", "1737331200")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-export-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn pages(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    doc.get_pages().len()
}

#[test]
fn many_reports_go_into_a_folder_named_after_each_report() {
    let dir = scratch("batch");
    let third = dir.join("third.json");
    std::fs::copy("examples/qingshan-2024.json", &third).unwrap();
    let out = dir.join("pdf");
    let o = nianbao(
        &["export", "examples/zhoucun-2023.json", "examples/qingshan-2024.json", s(&third), "-o", s(&out), "--fonts", "builtin"],
        &dir.join("cache"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    for name in ["zhoucun-2023.pdf", "qingshan-2024.pdf", "third.pdf"] {
        assert!(pages(&out.join(name)) >= 4, "{name}");
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3);
    assert!(text(&o).contains("共导出 3 个年报"), "{}", text(&o));
    // The same into an existing folder, as web pages.
    let o = nianbao(&["export", "examples/zhoucun-2023.json", s(&third), "-o", s(&out), "--format", "html"], &dir.join("cache"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(std::fs::read_to_string(out.join("third.html")).unwrap().contains("青山县"));
    // One report into an existing folder goes in under its own name.
    let o = nianbao(&["export", s(&third), "-o", s(&out), "--format", "docx"], &dir.join("cache"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(std::fs::read(out.join("third.docx")).unwrap().starts_with(b"PK"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_unreadable_report_does_not_stop_the_others_but_fails_the_call() {
    let dir = scratch("partial");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ not a report").unwrap();
    let out = dir.join("out");
    let o =
        nianbao(&["export", s(&broken), "examples/zhoucun-2023.json", "-o", s(&out), "--fonts", "builtin"], &dir.join("cache"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("broken.json"), "the failed report is named: {}", text(&o));
    assert!(text(&o).contains("1 个未能导出"), "{}", text(&o));
    assert!(pages(&out.join("zhoucun-2023.pdf")) >= 4);
    assert!(!out.join("broken.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batches_that_cannot_be_written_as_asked_are_refused_before_any_work() {
    let dir = scratch("refused");
    std::fs::create_dir_all(dir.join("other")).unwrap();
    let same_name = dir.join("other").join("zhoucun-2023.json");
    std::fs::copy("examples/zhoucun-2023.json", &same_name).unwrap();
    let out = dir.join("out");
    let o = nianbao(&["export", "examples/zhoucun-2023.json", s(&same_name), "-o", s(&out)], &dir.join("cache"));
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("会导出为同一个文件"), "{}", text(&o));
    assert!(!out.exists(), "nothing was written");
    let o = nianbao(
        &["export", "examples/zhoucun-2023.json", "examples/qingshan-2024.json", "-o", s(&dir.join("x.pdf"))],
        &dir.join("cache"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("应为文件夹"), "{}", text(&o));
    // A file where the folder should be, and one report listed twice.
    std::fs::write(dir.join("a-file"), b"x").unwrap();
    let o = nianbao(
        &["export", "examples/zhoucun-2023.json", "examples/qingshan-2024.json", "-o", s(&dir.join("a-file"))],
        &dir.join("cache"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("不是文件夹"), "{}", text(&o));
    let o = nianbao(&["export", "examples/zhoucun-2023.json", "./examples/zhoucun-2023.json", "-o", s(&out)], &dir.join("cache"));
    assert!(text(&o).contains("列出了两次"), "{}", text(&o));
    // A folder named like a file, written as a folder.
    let o = nianbao(
        &["export", "examples/zhoucun-2023.json", "examples/qingshan-2024.json", "-o", &format!("{}/", s(&dir.join("x.pdf")))],
        &dir.join("cache"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(dir.join("x.pdf").join("qingshan-2024.pdf").is_file());
    // A name without an extension, or only an extension, says what to write instead.
    for (name, says) in [("ff", "没有扩展名"), (".pdf", "缺少文件名"), ("a.doc", "不支持的导出格式")] {
        let o = nianbao(&["export", "examples/zhoucun-2023.json", "-o", s(&dir.join(name))], &dir.join("cache"));
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(text(&o).contains(says), "{name}: {}", text(&o));
    }
    // A control character in a file name is not passed to the terminal (ESC [2J would clear it).
    let odd = dir.join("年报\u{1b}[2J.json");
    std::fs::copy("examples/zhoucun-2023.json", &odd).unwrap();
    let o = nianbao(&["export", s(&odd), "-o", s(&dir.join("odd.pdf"))], &dir.join("cache"));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = nianbao(&["export", s(&odd), "-o", s(&dir.join("年报\u{1b}[2J.pdf"))], &dir.join("cache"));
    assert!(!text(&o).contains('\u{1b}') && text(&o).contains("年报\u{FFFD}[2J.pdf"), "{}", text(&o));
    // An option given twice is refused, not decided by whichever came last.
    for args in [
        ["export", "examples/zhoucun-2023.json", "-o", "a.pdf", "-o", "b.pdf"],
        ["export", "examples/zhoucun-2023.json", "--format", "pdf", "--format", "html"],
        ["merge", "examples/zhoucun-2023.json", "--output", "a.json", "-o", "b.json"],
    ] {
        let o = nianbao(&args, &dir.join("cache"));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o).contains("只能给一次"), "{}", text(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_font_cache_is_written_once_used_after_and_rebuilt_when_damaged() {
    let dir = scratch("cache");
    let cache = dir.join("cache");
    let export = |name: &str| {
        let o = nianbao(&["export", "examples/zhoucun-2023.json", "-o", s(&dir.join(name)), "--fonts", "builtin"], &cache);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        std::fs::read(dir.join(name)).unwrap()
    };
    let first = export("first.pdf");
    let files: Vec<PathBuf> = std::fs::read_dir(cache.join("fonts")).unwrap().map(|e| e.unwrap().path()).collect();
    let fang = files.iter().find(|p| s(p).contains("FandolFang-Regular.otf.")).expect("the body face is cached").clone();
    assert!(files.len() >= 4, "{files:?}");
    let second = export("second.pdf");
    assert!(first == second, "the cached faces give the same PDF");
    let doc = lopdf::Document::load_mem(&first).unwrap();
    let info = doc.trailer.get(b"Info").and_then(|i| i.as_reference()).unwrap();
    let made = doc.get_dictionary(info).unwrap().get(b"CreationDate").unwrap().as_str().unwrap().to_vec();
    assert!(made.starts_with(b"D:20250120000000"), "SOURCE_DATE_EPOCH is the file's date: {}", String::from_utf8_lossy(&made));
    // A damaged cache file is not used: the export is the same and the file whole again.
    let mut bytes = std::fs::read(&fang).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    // As another program of the user's would, who first made it writable (it is read-only on Unix).
    let mut permissions = std::fs::metadata(&fang).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&fang, permissions).unwrap();
    std::fs::write(&fang, &bytes).unwrap();
    let third = export("third.pdf");
    assert!(first == third, "the rebuilt cache gives the same PDF");
    assert_ne!(std::fs::read(&fang).unwrap()[middle], bytes[middle], "rebuilt");
    // A cache folder that cannot be made costs nothing but time.
    std::fs::write(dir.join("blocked"), b"a file").unwrap();
    let o = nianbao(
        &["export", "examples/zhoucun-2023.json", "-o", s(&dir.join("fourth.pdf")), "--fonts", "builtin"],
        &dir.join("blocked"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(std::fs::read(dir.join("fourth.pdf")).unwrap() == first);
    let _ = std::fs::remove_dir_all(&dir);
}
