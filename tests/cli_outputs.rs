//! What a command may write over (issue 13): never one of its inputs, however the
//! output is spelled; an export never over a report; never a read-only or special
//! file; never a file the program could not open again.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-out-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Two reports of different agencies in `dir`: a.json and b.json.
fn two_reports(dir: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::copy("examples/qingshan-2024.json", &a).unwrap();
    let mut r = nianbao::model::file::load(&a).unwrap();
    r.agency = "青山县统计局".into();
    nianbao::model::file::save(&b, &r, &[]).unwrap();
    (a, b)
}

/// The ways a user may name a file that already is one of the inputs.
fn spellings(dir: &Path, file: &Path, how: usize) -> PathBuf {
    let name = file.file_name().unwrap();
    match how % 4 {
        0 => file.to_path_buf(),
        1 => dir.join("sub").join("..").join(name),
        2 => {
            #[cfg(unix)]
            {
                let link = dir.join(format!("link-{how}.out"));
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(file, &link).unwrap();
                link
            }
            #[cfg(not(unix))]
            file.to_path_buf()
        }
        _ => dir.join(".").join(name),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// No command's output is one of its inputs: refused with exit 2, inputs unchanged.
    #[test]
    fn no_output_is_an_input(command in 0usize..4, which in 0usize..2, how in 0usize..4) {
        let dir = scratch(&format!("prop-{command}-{which}-{how}"));
        let (a, b) = two_reports(&dir);
        let before = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        let target = spellings(&dir, if which == 0 { &a } else { &b }, how);
        let o = match command {
            0 => nianbao(&["export", s(&a), "-o", s(&target), "--format", "pdf", "--fonts", "builtin"]),
            1 => nianbao(&["export", s(&b), "-o", s(&target), "--format", "html"]),
            // --replace: the output exists; what refuses is that it is an input.
            2 => nianbao(&["new", "--from", s(if which == 0 { &a } else { &b }), "-o", s(&target), "--replace"]),
            _ => nianbao(&["merge", s(&a), s(&b), "-o", s(&target), "--replace"]),
        };
        prop_assert!(text(&o).contains("写到它上面会毁掉它") || text(&o).contains("是一个年报文件"), "{}", text(&o));
        // An export's target that is a report but not its input is refused too.
        prop_assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        prop_assert_eq!((std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()), before);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn the_messages_say_why() {
    let dir = scratch("why");
    let (a, b) = two_reports(&dir);
    let o = nianbao(&["export", s(&a), "-o", s(&a), "--format", "pdf", "--fonts", "builtin"]);
    assert!(text(&o).contains("写到它上面会毁掉它"), "{}", text(&o));
    let o = nianbao(&["export", s(&a), "-o", s(&b), "--format", "pdf", "--fonts", "builtin"]);
    assert!(text(&o).contains("是一个年报文件，导出不会覆盖它"), "{}", text(&o));
    let o = nianbao(&["merge", s(&a), s(&dir.join("sub/../a.json")), "-o", s(&dir.join("sum.json"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("给出了两次"), "{}", text(&o));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn read_only_and_special_targets_are_refused() {
    let dir = scratch("special");
    let (a, _) = two_reports(&dir);
    let ro = dir.join("只读.pdf");
    std::fs::write(&ro, b"old").unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let o = nianbao(&["export", s(&a), "-o", s(&ro), "--fonts", "builtin"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("只读文件"), "{}", text(&o));
    assert_eq!(std::fs::read(&ro).unwrap(), b"old");
    assert!(std::fs::metadata(&ro).unwrap().permissions().readonly(), "still read-only");
    #[cfg(unix)]
    for device in ["/dev/null", "/dev/full", "/dev/stdout"] {
        let o = nianbao(&["export", s(&a), "-o", device, "--format", "pdf", "--fonts", "builtin"]);
        assert_eq!(o.status.code(), Some(2), "{device}: {}", text(&o));
        assert!(text(&o).contains("不是普通文件"), "{device}: {}", text(&o));
    }
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&ro, perms).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn what_is_written_can_be_opened_again() {
    let dir = scratch("limits");
    // Three departments with 4×10¹¹ in one cell: the sum is over the 1万亿 a file may hold.
    let mut files = Vec::new();
    for i in 0..3 {
        let mut r = nianbao::model::Report::new(nianbao::model::TemplateId::V2021, 2024, &format!("第{i}局"));
        r.disclosure[5][0] = Some("400000000000".parse().unwrap());
        let f = dir.join(format!("{i}.json"));
        nianbao::model::file::save(&f, &r, &[]).unwrap();
        files.push(f);
    }
    let sum = dir.join("汇总.json");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(|f| s(f)));
    args.extend(["-o", s(&sum)]);
    let o = nianbao(&args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("超出了程序能打开的范围"), "{}", text(&o));
    assert!(!sum.exists());
    // A report of 2100: next year's is out of the range a file may hold.
    let last = dir.join("2100.json");
    nianbao::model::file::save(&last, &nianbao::model::Report::new(nianbao::model::TemplateId::V2021, 2100, "某局"), &[])
        .unwrap();
    let next = dir.join("2101.json");
    let o = nianbao(&["new", "--from", s(&last), "-o", s(&next)]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("超出了程序能打开的范围"), "{}", text(&o));
    assert!(!next.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_report_too_big_to_open_again_is_not_saved() {
    // Every text at its 100,000-character limit, in characters JSON writes as six
    // bytes each (\u0001): more than the 10 MB a report file may have.
    let dir = scratch("too-big");
    let mut r = nianbao::model::Report::new(nianbao::model::TemplateId::V2021, 2024, "某局");
    let long = "\u{1}".repeat(100_000);
    r.preamble = long.clone();
    r.overview.lead = long.clone();
    r.other_matters = long.clone();
    r.agency = long.clone();
    r.signature.unit = long.clone();
    r.signature.date = long.clone();
    let c = &mut r.contact;
    for field in [&mut c.department, &mut c.phone, &mut c.address, &mut c.postcode, &mut c.email] {
        *field = long.clone();
    }
    for s in r.overview.sections.iter_mut().chain(r.problems.iter_mut()) {
        s.title = long.clone();
        s.body = long.clone();
    }
    let f = dir.join("大.json");
    let e = nianbao::model::file::save(&f, &r, &[]).unwrap_err();
    assert!(e.contains("超出了程序能打开的范围") && e.contains("文件太大"), "{e}");
    assert!(!f.exists());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn saving_never_turns_an_input_into_the_backup() {
    // Saving x.json keeps the old x.json as x.json.bak: when x.json.bak is the input,
    // that would destroy it.
    let dir = scratch("bak-input");
    let (a, b) = two_reports(&dir);
    let input = dir.join("a.json.bak");
    std::fs::rename(&a, &input).unwrap();
    std::fs::copy(&b, &a).unwrap();
    let before = std::fs::read(&input).unwrap();
    for args in
        [vec!["new", "--from", s(&input), "-o", s(&a), "--replace"], vec!["merge", s(&input), s(&b), "-o", s(&a), "--replace"]]
    {
        let o = nianbao(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("上一版的备份") || text(&o).contains("会被毁掉"), "{}", text(&o));
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Runs the program and fails the test if it has not finished within 20 s (a
/// named pipe opened for reading would wait for a writer forever).
#[cfg(unix)]
fn finishes(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("{args:?} still runs after 20 s");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_never_opened_as_output_or_source() {
    let dir = scratch("fifo");
    let (a, b) = two_reports(&dir);
    let fifo = dir.join("管道.pdf");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let sum = dir.join("sum.json");
    for args in [
        vec!["export", s(&a), "-o", s(&fifo), "--fonts", "builtin"],
        vec!["export", s(&a), "-o", s(&link), "--fonts", "builtin"],
        vec!["new", "--from", s(&a), "-o", s(&fifo)],
        vec!["merge", s(&a), s(&b), "-o", s(&fifo), "--replace"],
        vec!["merge", s(&a), s(&fifo), "-o", s(&sum)],
    ] {
        let o = finishes(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("命名管道"), "{args:?}: {}", text(&o));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn new_remembers_last_years_file_by_its_full_path() {
    let dir = scratch("relative-previous");
    let (a, _) = two_reports(&dir);
    let next = dir.join("sub").join("next.json");
    // Run from the project folder with a path relative to it.
    let relative = a.strip_prefix(env!("CARGO_MANIFEST_DIR")).map(Path::to_path_buf).unwrap_or(a.clone());
    let o = nianbao(&["new", "--from", s(&relative), "-o", s(&next)]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let r = nianbao::model::file::load(&next).unwrap();
    assert!(r.previous.as_deref().is_some_and(Path::is_absolute), "{:?}", r.previous);
    std::fs::remove_dir_all(dir).unwrap();
}
