//! `nianbao check` as a user runs it: real process, real files, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    // A folder left by an earlier run whose process had the same id: start empty.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_seed_example_has_no_errors_but_is_in_the_old_format() {
    let o = nianbao(&["check", "examples/zhoucun-2023.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("警告 S9 2023年度报告使用的是已过时的2019年试行格式"));
    assert!(lines[0].contains("国办公开办函〔2021〕30号"));
    assert_eq!(lines[1], "校验结果：0 个错误，1 个警告，0 个提示");
}

#[test]
fn the_2021_example_is_clean() {
    let o = nianbao(&["check", "examples/qingshan-2024.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "校验通过：没有发现问题\n");
}

#[test]
fn the_error_example_names_each_broken_rule_and_cell() {
    let o = nianbao(&["check", "examples/errors-2024.json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for expected in [
        "错误 H1 表三「自然人」列：第一项 21 + 第二项 2 = 23，但第三项总计 21 + 第四项 3 = 24",
        "错误 H2 表三「（七）总计」行「商业企业」列：总计填 6",
        "错误 H3 表三「一、本年新收政府信息公开申请数量」行：总计填 30",
        "错误 H3 表三「（三）不予公开 5.属于三类内部事务信息」行：总计为空白",
        "错误 H4 表四「行政复议」：总计填 0，但 结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 1 = 2",
        "错误 H5 表三「（三）不予公开 2.其他法律行政法规禁止公开」行「社会公益组织」列填了负数 -1",
        "警告 H6 表三「2.没有现成信息需要另行制作」行有空白单元格：科研机构",
        "警告 S6 未填写本年收取的信息处理费金额",
        "警告 S8 前言中的统计期限写的是「2023年1月1日起至2023年12月31日」",
        "警告 S8 总体情况（一）主动公开中出现往年年份「2023」",
        // The text was left as it was when the table's numbers were broken.
        "警告 S5 总体情况（二）依申请公开写「全年新收政府信息公开申请29件」，而表三「一、本年新收政府信息公开申请数量」总计为 30。",
        "警告 S5 总体情况（二）依申请公开写「不予公开2件」，而表三「（三）不予公开」总计为 1。",
    ] {
        assert!(out.lines().any(|l| l.starts_with(expected)), "missing {expected:?} in\n{out}");
    }
    assert!(
        out.lines()
            .all(|l| l.starts_with("错误 ") || l.starts_with("警告 ") || l.starts_with("提示 ") || l.starts_with("校验结果"))
    );
    assert!(out.ends_with("校验结果：13 个错误，7 个警告，0 个提示\n"), "{out}");
}

#[test]
fn last_years_report_enables_the_carry_over_rules() {
    let dir = scratch("previous");
    // Last year's report carried 2 自然人 + 1 商业企业 forward; this year's says 2 + 1: no S1.
    let this_year = std::fs::read_to_string("examples/qingshan-2024.json").unwrap();
    let mut last_year: serde_json::Value = serde_json::from_str(&this_year).unwrap();
    last_year["year"] = 2023.into();
    last_year["applications"][24] = serde_json::json!([2, 0, 0, 0, 0, 0, 2]);
    let prev = dir.join("上年 年报.json");
    std::fs::write(&prev, last_year.to_string()).unwrap();
    let o = nianbao(&["check", "examples/qingshan-2024.json", "--previous", prev.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "warnings only");
    let out = stdout(&o);
    assert!(out.contains("警告 S1 表三「二、上年结转政府信息公开申请数量」与2023年报告的「四、结转下年度继续办理」不一致：商业企业 本年填 1、上年结转下年度 0；总计 本年填 3、上年结转下年度 2"), "{out}");
    assert!(out.contains("警告 S10 总体情况（一）主动公开与2023年报告几乎相同"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn unreadable_files_exit_2_with_a_chinese_message() {
    let dir = scratch("unreadable");
    let o = nianbao(&["check", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("错误：无法打开「no/such/file.json」：找不到文件或文件夹"), "{}", stderr(&o));

    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\n  \"format\": \"nianbao-report\",\n  \"version\": 1,\n  \"year\" 2024\n}").unwrap();
    let o = nianbao(&["check", broken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).ends_with("文件格式已损坏：第4行第10列附近不是有效的 JSON\n"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let newer = dir.join("newer.json");
    std::fs::write(&newer, r#"{"format": "nianbao-report", "version": 7}"#).unwrap();
    let o = nianbao(&["check", newer.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("此文件由更新版本的年报编制器创建，请升级后再打开"));

    let o = nianbao(&["check", "examples/qingshan-2024.json", "--previous", newer.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "an unreadable previous report is an error too");
    std::fs::remove_dir_all(dir).unwrap();
}

/// Paths from the command line or remembered in a report that are not report
/// files: refused before a byte is read, with what they are, never hanging.
#[test]
fn devices_pipes_folders_and_huge_files_are_refused_before_reading() {
    let dir = scratch("not-files");
    let refusal = |args: &[&str]| {
        let o = nianbao(args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        stderr(&o)
    };
    #[cfg(unix)]
    {
        let e = refusal(&["check", "/dev/zero"]);
        assert!(e.starts_with("错误：无法打开「/dev/zero」：这是设备文件（如 /dev/zero），不是普通文件"), "{e}");
        let e = refusal(&["check", "examples/qingshan-2024.json", "--previous", "/dev/zero"]);
        assert!(e.contains("这是设备文件"), "{e}");
        let e = refusal(&["merge", "examples/qingshan-2024.json", "/dev/zero", "-o", dir.join("汇总.json").to_str().unwrap()]);
        assert!(e.contains("「/dev/zero」：这是设备文件"), "{e}");
        let e = refusal(&["new", "--from", "/dev/zero", "-o", dir.join("新.json").to_str().unwrap()]);
        assert!(e.contains("这是设备文件"), "{e}");

        // A named pipe nobody writes to: a blocking open or read would hang here.
        let fifo = dir.join("管道.json");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
        let e = refusal(&["check", fifo.to_str().unwrap()]);
        assert!(e.contains("这是命名管道（FIFO），不是普通文件"), "{e}");

        // Remembered as last year's file (从上年报告新建): this year's report is checked
        // without it, and the user is told why.
        for previous in ["/dev/zero", fifo.to_str().unwrap()] {
            let mut report: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string("examples/qingshan-2024.json").unwrap()).unwrap();
            report["previous"] = previous.into();
            let path = dir.join("本年.json");
            std::fs::write(&path, report.to_string()).unwrap();
            let o = nianbao(&["check", path.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert_eq!(stdout(&o), "校验通过：没有发现问题\n");
            let why = if previous == "/dev/zero" { "这是设备文件" } else { "这是命名管道" };
            assert!(stderr(&o).starts_with(&format!("提示：上年报告「{previous}」无法打开：{why}")), "{}", stderr(&o));
            assert!(stderr(&o).ends_with("；上年结转等核对未进行\n"), "{}", stderr(&o));
        }
    }
    // A folder is audited (issue 15): its report files, never the pipe beside
    // them, which is named as skipped.
    let o = nianbao(&["check", dir.to_str().unwrap()]);
    assert!(stdout(&o).contains("审核 "), "{}{}", stdout(&o), stderr(&o));
    let shown = stdout(&o);
    assert!(shown.lines().filter(|l| l.contains("管道")).all(|l| l.starts_with("【已略过】")), "{shown}");
    let e = refusal(&["export", dir.to_str().unwrap(), "-o", dir.join("x.pdf").to_str().unwrap()]);
    assert!(e.ends_with("：这是一个文件夹，不是文件\n"), "{e}");

    // Sparse: 10 MB and one byte long, nothing written.
    let huge = dir.join("大.json");
    std::fs::File::create(&huge).unwrap().set_len(nianbao::model::file::REPORT_CAP.bytes + 1).unwrap();
    let e = refusal(&["check", huge.to_str().unwrap()]);
    assert!(e.ends_with("：文件太大：10.1 MB，年报文件最多 10 MB（可能选错了文件，或文件已损坏）\n"), "{e}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage() {
    let o = nianbao(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nianbao check 年报文件.json [--previous 上年年报文件.json]"));
    let o = nianbao(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("错误：缺少要校验的年报文件"));
    let o = nianbao(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("错误：不认识的命令「frobnicate」"));
    let o = nianbao(&["check", "a.json", "--previous"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("错误：--previous 后面缺少上年年报文件"));
}

#[test]
fn overview_limit_turns_the_cap_into_a_warning() {
    let o = nianbao(&["check", "examples/qingshan-2024.json", "--overview-limit", "100"]);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error");
    let out = stdout(&o);
    let s20: Vec<&str> = out.lines().filter(|l| l.starts_with("警告 S20 ")).collect();
    assert_eq!(s20.len(), 1, "{out}");
    assert!(s20[0].starts_with("警告 S20 总体情况共 ") && s20[0].contains("超过了设定的 100 字上限"), "{}", s20[0]);
    let o = nianbao(&["check", "examples/qingshan-2024.json", "--overview-limit", "1000"]);
    assert_eq!(stdout(&o), "校验通过：没有发现问题\n");
    for bad in [&["--overview-limit"][..], &["--overview-limit", "一千"], &["--overview-limit", "0"]] {
        let o = nianbao(&[&["check", "examples/qingshan-2024.json"][..], bad].concat());
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).starts_with("错误：--overview-limit 后面应为总体情况的字数上限（正整数，如 1000）"), "{}", stderr(&o));
    }
}

#[test]
fn example_files_are_saved_exactly_as_nianbao_writes_them() {
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let report = nianbao::model::file::from_json(&text).unwrap();
            assert_eq!(nianbao::model::file::to_json(&report), text, "{}", path.display());
        }
    }
}
