//! Loading and saving report files.
use super::*;
use crate::model::Decimal;

const MINIMAL: &str = r#"{
        "format": "nianbao-report", "version": 1, "template": "2021", "year": 2024, "agency": "某县统计局",
        "applications": [[1,0,0,0,0,0,1],[0,0,0,0,0,0,0],[1,0,0,0,0,0,1],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],
            [0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],[0,0,0,0,0,0,0],
            [1,0,0,0,0,0,1],[null,0,0,0,0,0,0]],
        "reviews": [0,0,0,0,0, 0,0,0,0,0, 0,0,0,0,0]
    }"#;

fn with(key: &str, value: &str) -> String {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v[key] = serde_json::from_str(value).unwrap();
    v.to_string()
}

fn refusal(text: &str) -> String {
    from_json(text).unwrap_err().to_string()
}

#[test]
fn a_file_with_only_the_fixed_keys_loads() {
    let r = from_json(MINIMAL).unwrap();
    assert_eq!(r.template, TemplateId::V2021);
    assert_eq!(r.year, 2024);
    assert_eq!(r.agency, "某县统计局");
    assert_eq!(r.applications[0], [Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)]);
    assert_eq!(r.applications[24][0], None, "null is blank");
    assert_eq!(r.applications[24][1], Some(0), "0 is 0");
    assert_eq!(r.preamble, "");
    assert_eq!(r.overview.sections[0].title, "主动公开", "absent parts get default titles");
    assert!(r.disclosure.iter().flatten().all(Option::is_none));
}

#[test]
fn save_then_load_is_identity_and_load_then_save_changes_nothing() {
    let mut r = from_json(MINIMAL).unwrap();
    r.preamble = "本报告……\n第二段，含“引号”和\\反斜杠".into();
    r.disclosure[5][0] = Some("7730.28".parse().unwrap());
    r.disclosure[0][2] = Some(Decimal::from_int(12));
    r.processing_fee = Some("3940".parse().unwrap());
    r.signature.unit = "某县统计局".into();
    r.extra.insert("x-note".into(), Value::String("其他工具写的键".into()));
    let text = to_json(&r);
    let back = from_json(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(to_json(&back), text, "a second save writes the same bytes");
    assert!(text.contains("[7730.28]"), "amounts stay exact");
    assert!(text.contains("[1, 0, 0, 0, 0, 0, 1]"), "table rows stay on one line");
    let keys: Vec<String> = serde_json::from_str::<Map<String, Value>>(&text).unwrap().keys().cloned().collect();
    assert_eq!(&keys[..5], ["format", "version", "template", "year", "agency"]);
    assert!(KNOWN_KEYS.iter().all(|k| keys.iter().any(|key| key == k)), "every key is written");
    assert_eq!(keys.last().unwrap(), "x-note", "unknown keys survive");
}

#[test]
fn broken_json_names_line_and_column() {
    let broken = MINIMAL.replacen("\"year\": 2024,", "\"year\": 2024", 1);
    assert_eq!(refusal(&broken), "文件格式已损坏：第2行第84列附近不是有效的 JSON");
    // Columns count characters, not UTF-8 bytes.
    let broken = "{\n  \"agency\": \"某县统计局\" \"year\": 2024\n}";
    assert_eq!(refusal(broken), "文件格式已损坏：第2行第21列附近不是有效的 JSON");
    let truncated = &MINIMAL[..200];
    assert!(refusal(truncated).starts_with("文件内容不完整，在第3行"), "{}", refusal(truncated));
    assert!(refusal("").starts_with("文件内容不完整"));
}

#[test]
fn other_json_is_not_a_report() {
    assert_eq!(refusal("[1, 2]"), "这不是年报编制器的年报文件：文件的最外层不是一个对象");
    assert_eq!(refusal(r#"{"name": "x"}"#), "这不是年报编制器的年报文件：缺少 \"format\": \"nianbao-report\"");
    assert_eq!(refusal(&with("version", "null")), "这不是年报编制器的年报文件：缺少文件版本号「version」");
}

#[test]
fn newer_versions_are_refused_not_half_read() {
    assert_eq!(
        refusal(&with("version", "3")),
        "此文件由更新版本的年报编制器创建，请升级后再打开（文件版本 3，本程序支持到版本 2）"
    );
    assert!(refusal(&with("version", "1.5")).contains("「version」应为正整数"));
}

#[test]
fn wrong_template_year_or_agency() {
    assert_eq!(
        refusal(&with("template", "\"2020\"")),
        "年报文件内容有误：「template」应为 \"2021\" 或 \"2019\"，文件中是 \"2020\""
    );
    assert!(refusal(&with("template", "2021")).contains("文件中是 数字 2021"));
    assert!(refusal(&with("year", "1899")).contains("「year」应为 2000 到 2100 之间的年份，文件中是 1899"));
    assert!(refusal(&with("year", "\"2024\"")).contains("「year」应为年份数字，文件中是 文字 \"2024\""));
    assert!(refusal(&with("agency", "3")).contains("「agency」（编制单位）应为文字"));
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v.as_object_mut().unwrap().remove("agency");
    assert_eq!(refusal(&v.to_string()), "年报文件内容有误：缺少「agency」（编制单位）");
}

#[test]
fn table_shapes_must_match_the_template() {
    // 25 rows are right for 2021, wrong for 2019.
    assert_eq!(
        refusal(&with("template", "\"2019\"")),
        "年报文件内容有误：表三「applications」应有23行（2019年试行格式），文件中有25行"
    );
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v["applications"][3] = serde_json::json!([0, 0, 0]);
    assert_eq!(
        refusal(&v.to_string()),
        "年报文件内容有误：表三第4行「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」应有7个单元格，文件中有3个"
    );
    assert!(refusal(&with("reviews", "[0, 0]")).contains("表四「reviews」应有15个单元格，文件中有2个"));
    assert!(refusal(&with("disclosure", "[[0,0,0]]")).contains("表二「disclosure」应有6行"));
    assert!(
        refusal(&with("disclosure", "[[0,0,0],[0,0,0],[0,0],[0],[0],[0]]"))
            .contains("表二第3行「行政许可」应有1个单元格，文件中有2个")
    );
    assert!(refusal(&with("applications", "{}")).contains("表三「applications」应为数组，文件中是一个对象"));
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v.as_object_mut().unwrap().remove("reviews");
    assert!(refusal(&v.to_string()).contains("缺少「reviews」"));
}

#[test]
fn cells_must_be_numbers_of_the_right_kind() {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v["applications"][0][1] = Value::String("3".into());
    assert_eq!(
        refusal(&v.to_string()),
        "年报文件内容有误：表三第1行「一、本年新收政府信息公开申请数量」「商业企业」列应为数字或 null（空白），文件中是文字 \"3\""
    );
    v["applications"][0][1] = serde_json::json!(2.5);
    assert!(refusal(&v.to_string()).ends_with("「商业企业」列应为整数，文件中是 2.5"));
    v["applications"][0][1] = serde_json::json!(1e20);
    assert!(refusal(&v.to_string()).contains("数值过大"), "{}", refusal(&v.to_string()));
    assert!(
        refusal(&with("reviews", "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,true]"))
            .contains("表四复议后起诉「总计」应为数字或 null（空白），文件中是真假值 true")
    );
    assert!(refusal(&with("disclosure", "[[0,0,0],[0,0,0],[0],[0],[0],[1.23456]]")).contains("小数位数过多"));
    assert!(
        refusal(&with("disclosure", "[[0,0.5,0],[0,0,0],[0],[0],[0],[1]]"))
            .contains("表二第1行「规章」「本年废止件数」列应为整数")
    );
    assert!(refusal(&with("processing_fee", "\"无\"")).contains("「processing_fee」（信息处理费）应为数字"));
}

#[test]
fn a_wrong_version_or_year_says_what_it_should_be() {
    assert_eq!(refusal(&with("version", "\"1\"")), "年报文件内容有误：文件版本号「version」应为数字（如 1），文件中是文字 \"1\"");
    assert_eq!(refusal(&with("year", "2024.0")), "年报文件内容有误：「year」应为整数年份（如 2024），文件中是 2024.0");
    assert!(refusal(&with("year", "2.024e3")).contains("应为整数年份"));
}

#[test]
fn values_echoed_in_messages_are_cut_to_twenty_characters() {
    let digits = "9".repeat(5000);
    let shown = format!("{}…（共 5000 位）", "9".repeat(20));
    assert_eq!(
        refusal(&with("year", &digits)),
        format!("年报文件内容有误：「year」应为 2000 到 2100 之间的年份，文件中是 {shown}")
    );
    assert!(refusal(&with("version", &format!("{digits}.5"))).ends_with("…（共 5002 位）"));
    assert!(refusal(&with("agency", &digits)).ends_with(&format!("应为文字，文件中是数字 {shown}")));
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v["applications"][0][1] = Value::Number(digits.parse().unwrap());
    assert!(refusal(&v.to_string()).contains(&format!("的数值 {shown} 有误：数值过大")));
    let text = "年".repeat(5000);
    assert!(
        refusal(&with("template", &serde_json::to_string(&text).unwrap()))
            .ends_with(&format!("文件中是 \"{}…（共 5000 字）\"", "年".repeat(20)))
    );
}

#[test]
fn a_key_written_twice_is_refused_not_silently_the_last() {
    let twice = MINIMAL.replacen("\"year\": 2024,", "\"year\": 2023, \"year\": 2024,", 1);
    assert_eq!(
        refusal(&twice),
        "年报文件内容有误：文件最外层的键「year」重复出现（第2行）：同一处的每个键只能写一次，无法判断该用哪一个值"
    );
    let nested = with("contact", r#"{"phone": "1"}"#).replacen(r#""phone":"1""#, r#""phone":"1","phone":"2""#, 1);
    assert!(refusal(&nested).contains("「contact」的键「phone」重复出现"), "{}", refusal(&nested));
}

#[test]
fn negative_counts_load_for_the_checker_to_report() {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    v["applications"][0][0] = serde_json::json!(-1);
    assert_eq!(from_json(&v.to_string()).unwrap().applications[0][0], Some(-1));
}

#[test]
fn a_version_0_file_upgrades() {
    let mut v: Value = serde_json::from_str(MINIMAL).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("version".into(), 0.into());
    let reviews = obj.remove("reviews").unwrap();
    obj.insert("review_cases".into(), reviews);
    obj.insert("overview".into(), serde_json::json!(["一", "二", "三", "四", "五"]));
    obj.insert("problems_text".into(), "问题".into());
    obj.insert("improvements_text".into(), "改进".into());
    let r = from_json(&v.to_string()).unwrap();
    assert_eq!(r.reviews[0], Some(0));
    assert_eq!(r.overview.sections[4].body, "五");
    assert_eq!(r.overview.sections[4].title, "监督保障", "default titles");
    assert_eq!((r.problems[0].body.as_str(), r.problems[1].body.as_str()), ("问题", "改进"));
    assert!(r.extra.is_empty(), "old keys do not linger");
    // Saved again, it is a file of the current version.
    assert!(to_json(&r).contains("\"version\": 2"));
}

#[test]
fn absurd_text_is_refused_not_truncated() {
    let long = "字".repeat(MAX_TEXT_CHARS + 1);
    let text = with("preamble", &serde_json::to_string(&long).unwrap());
    assert_eq!(
        refusal(&text),
        format!(
            "年报文件内容有误：「preamble」（前言）的文字太长：共 {} 字，每项最多 100000 字（文件可能已损坏）",
            MAX_TEXT_CHARS + 1
        )
    );
    assert!(from_json(&with("preamble", &serde_json::to_string(&"字".repeat(MAX_TEXT_CHARS)).unwrap())).is_ok());
}

#[test]
fn lone_surrogates_and_control_characters() {
    assert!(refusal(&MINIMAL.replacen("\"agency\": \"某县统计局\"", "\"agency\": \"\\ud800\"", 1)).starts_with("文件格式已损坏"));
    let r = from_json(&with("preamble", "\"铃\\u0007声\"")).unwrap();
    assert_eq!(r.preamble, "铃\u{7}声", "accepted; the checker points it out");
}

#[test]
fn sections_and_text_parts() {
    assert!(
        refusal(&with("overview", r#"{"sections": [{"body": "a"}]}"#))
            .contains("总体情况的小节「overview.sections」应有5项，文件中有1项")
    );
    let r = from_json(&with("problems", r#"[{"title": "主要问题", "body": "甲"}, {"body": "乙"}]"#)).unwrap();
    assert_eq!(r.problems[1].title, "改进情况", "an absent title keeps its default");
    assert_eq!(r.problems[1].body, "乙");
    assert!(refusal(&with("contact", r#"{"phone": 110}"#)).contains("「phone」（电话）应为文字，文件中是数字 110"));
}

#[test]
fn byte_order_mark_and_io_errors() {
    assert!(from_json(&format!("\u{feff}{MINIMAL}")).is_ok(), "Notepad's BOM is fine");
    let missing = load(Path::new("/nonexistent/dir/年报.json")).unwrap_err();
    assert!(missing.to_string().starts_with("找不到文件或文件夹"), "{missing}");
    let dir = std::env::temp_dir().join(format!("nianbao-file-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("gbk.json");
    std::fs::write(&bad, [0xC4, 0xEA, 0xB1, 0xA8]).unwrap(); // “年报” in GBK
    assert_eq!(load(&bad).unwrap_err().to_string(), "这不是年报编制器的年报文件：文件不是 UTF-8 编码的文本");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn millions_of_tiny_values_are_refused_before_they_are_parsed() {
    // 10 MB of `0,` under an unknown key would be 5 million parsed values (half a
    // gigabyte); the count on the text refuses it first.
    let zeros = vec!["0"; values::MAX_VALUES].join(",");
    let text = MINIMAL.replacen('{', &format!("{{\"extra\": [{zeros}], "), 1);
    let e = from_json(&text).unwrap_err().to_string();
    assert!(e.contains("一份年报只有几百项"), "{e}");
    assert!(from_json(MINIMAL).is_ok());
}

#[test]
fn a_version_1_file_loads_and_unread_cells_round_trip() {
    use crate::model::check::CellRef;
    use crate::model::unread::Unread;
    let mut r = from_json(MINIMAL).unwrap();
    assert!(r.unread.is_empty(), "version 1 has no unread cells");
    r.mark_unread(
        CellRef::applications(0, 0),
        Unread {
            reason: "数字连在一起".into(),
            candidates: vec!["6".into(), "64".into()],
            source: "第 12 行".into(),
            text: "640020470".into(),
        },
    );
    r.mark_unread(CellRef::reviews(14), Unread::default());
    let text = to_json(&r);
    assert!(text.contains("\"version\": 2"));
    let back = from_json(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.applications[0][0], None);
    assert_eq!(to_json(&back), text);
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["unread"][0]["row"] = 99.into();
    assert!(refusal(&v.to_string()).contains("未能读取的单元格不在表格中"));
    v["unread"] = serde_json::json!([{"table": "x", "row": 0, "col": 0}]);
    assert!(refusal(&v.to_string()).contains("「table」应为"));
    v["unread"] = serde_json::json!("x");
    assert!(refusal(&v.to_string()).contains("应为数组"));
}
