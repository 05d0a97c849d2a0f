use super::*;

/// A line of text at `x` on baseline `y`, 16-point characters.
fn line(x: f32, y: f32, text: &str) -> Run {
    let width: f32 = text.chars().map(|c| if c.is_ascii() { 8.0 } else { 16.0 }).sum();
    Run { x, y, end: x + width, size: 16.0, text: text.to_string() }
}

#[test]
fn paragraphs_go_on_over_lines_and_pages_and_an_indent_starts_a_new_one() {
    // Page 1: a paragraph of two full lines; its second line ends with a
    // number drawn apart from the one before (a space of the text).
    let (mut out, mut carry) = (Source::default(), Carry::default());
    let mut second = line(80.0, 670.0, "（地址：青山县人民路；电话：0571-8888");
    second.end = 520.0;
    let number = Run { x: 522.5, y: 670.0, end: 538.5, size: 16.0, text: "60".into() };
    let first = Run { end: 538.5, ..line(112.0, 700.0, "如对本报告有任何疑问，请与本局办公室联系") };
    write_page(1, vec![first, second, number], &[], &mut out, &mut carry);
    // Page 2: the paragraph goes on at the left edge, then a new one, indented.
    let rest = line(80.0, 700.0, "00；电子邮箱：a@b.cn）。");
    let next = line(112.0, 670.0, "一、总体情况");
    write_page(2, vec![rest, next], &[], &mut out, &mut carry);
    carry.finish(&mut out);
    assert_eq!(
        out.text,
        "如对本报告有任何疑问，请与本局办公室联系（地址：青山县人民路；电话：0571-8888 6000；电子邮箱：a@b.cn）。\n一、总体情况\n"
    );
    assert_eq!(out.places, ["第 2 页第 1 行", "第 2 页第 2 行"]);
}

#[test]
fn a_row_of_numbers_at_the_foot_of_a_page_is_not_a_page_number() {
    // Table 四's numbers, the page's last line, blank cells printed 「—」;
    // then the page number 「- 3 -」 of another page.
    let (mut out, mut carry) = (Source::default(), Carry::default());
    let mut runs = vec![line(60.0, 700.0, "四、政府信息公开行政复议、行政诉讼情况"), line(60.0, 160.0, "—")];
    runs.extend([124.0, 156.0, 189.0, 254.0].map(|x| line(x, 160.0, "2")));
    runs.push(line(514.0, 160.0, "—"));
    write_page(3, runs, &[], &mut out, &mut carry);
    write_page(4, vec![line(60.0, 700.0, "五、存在的主要问题"), line(280.0, 60.0, "- 3 -")], &[], &mut out, &mut carry);
    carry.finish(&mut out);
    assert!(out.text.contains("—\t2\t2\t2") || out.text.contains("2\t2\t2"), "{}", out.text);
    assert!(!out.text.contains("- 3 -") && !out.text.contains('3'), "{}", out.text);
}

#[test]
fn a_header_cells_wrapped_words_read_whole_and_apart_from_the_next_cell() {
    // As a browser prints a narrow ruled header: 「自然」 over 「人」 in a cell
    // two rows high, 「商业」 over 「企业」 and 「科研」 over 「机构」 under the group,
    // their lines interleaved, and the cells less than a character apart.
    let run =
        |x: f32, y: f32, text: &str| Run { x, y, end: x + 10.0 * text.chars().count() as f32, size: 10.0, text: text.into() };
    let v = |at: f32, from: f32| Rule { vertical: true, at, from, to: 760.0 };
    let h = |at: f32, from: f32| Rule { vertical: false, at, from, to: 320.0 };
    let rules = [v(50.0, 670.0), v(200.0, 670.0), v(240.0, 670.0), v(280.0, 670.0), v(320.0, 670.0)]
        .into_iter()
        .map(|r| if r.at == 280.0 { Rule { to: 720.0, ..r } } else { r })
        .chain([h(760.0, 50.0), h(740.0, 200.0), h(720.0, 240.0), h(690.0, 50.0), h(670.0, 50.0)])
        .collect::<Vec<_>>();
    let runs = vec![
        run(205.0, 745.0, "申请人情况"),
        run(245.0, 726.0, "法人组织"),
        run(205.0, 726.0, "自然"),
        run(258.0, 713.0, "商业"),
        run(285.0, 713.0, "科研"),
        run(205.0, 704.0, "人"),
        run(258.0, 697.0, "企业"),
        run(285.0, 697.0, "机构"),
        run(55.0, 676.0, "一、本年新收"),
        run(215.0, 676.0, "5"),
        run(255.0, 676.0, "3"),
        run(295.0, 676.0, "2"),
    ];
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(2, runs, &rules, &mut out, &mut carry);
    carry.finish(&mut out);
    let lines: Vec<&str> = out.text.lines().collect();
    assert!(lines.contains(&"\t自然人\t法人组织"), "{}", out.text);
    assert!(lines.contains(&"\t商业企业\t科研机构"), "{}", out.text);
    assert!(lines.contains(&"\t一、本年新收\t5\t3\t2"), "{}", out.text);
}

#[test]
fn a_paragraph_joins_though_a_table_on_its_page_reaches_past_the_margins() {
    // As LibreOffice prints a Word report: the text between 90 and 504, the
    // ruled table of table 二 from 57 to 527 below it.
    let run = |x: f32, y: f32, end: f32, text: &str| Run { x, y, end, size: 12.0, text: text.into() };
    let runs = vec![
        run(111.0, 700.0, 504.0, "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政"),
        run(90.0, 670.0, 504.4, "府信息公开工作年度报告格式》要求编制，由本局办公室负责编写。本报"),
        run(90.0, 640.0, 162.0, "告完。"),
        run(111.0, 610.0, 183.0, "一、总体情况"),
        run(60.0, 540.0, 150.0, "第二十条第（一）项"),
        run(60.0, 510.0, 84.0, "规章"),
        run(300.0, 510.0, 306.0, "0"),
    ];
    let v = |at: f32| Rule { vertical: true, at, from: 500.0, to: 560.0 };
    let h = |at: f32| Rule { vertical: false, at, from: 57.0, to: 527.0 };
    let rules = [v(57.0), v(150.0), v(527.0), h(560.0), h(530.0), h(500.0)];
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, runs, &rules, &mut out, &mut carry);
    carry.finish(&mut out);
    let lines: Vec<&str> = out.text.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制，由本局办公室负责编写。本报告完。",
            "一、总体情况"
        ],
        "{}",
        out.text
    );
}

#[test]
fn a_paragraphs_line_spread_over_the_width_reads_as_text() {
    // Justified text breaking before an e-mail address: the line's strings
    // evenly apart, each gap wider than a character (as a table's cells).
    let mut runs = vec![Run {
        end: 520.0,
        ..line(80.0, 700.0, "如对本报告有任何疑问，请与本局办公室联系（地址：青山县人民路1号；电")
    }];
    let mut x = 80.0;
    for piece in ["话", "：", "0571-88881234", "；", "电", "子", "邮", "箱", "："] {
        let r = line(x, 670.0, piece);
        x = r.end + 26.0;
        runs.push(r);
    }
    runs.push(line(80.0, 640.0, "qs@qingshan.gov.cn）。"));
    runs.push(line(112.0, 610.0, "一、总体情况"));
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, runs, &[], &mut out, &mut carry);
    carry.finish(&mut out);
    assert_eq!(
        out.text,
        "如对本报告有任何疑问，请与本局办公室联系（地址：青山县人民路1号；电话：0571-88881234；电子邮箱：qs@qingshan.gov.cn）。\n一、总体情况\n"
    );
}

#[test]
fn a_row_of_dashes_evenly_apart_below_a_paragraph_stays_cells() {
    // Blank cells of a table without rules printed 「—」, evenly apart, right
    // below a paragraph's last full line: cells, not a spread line of text.
    let mut runs = vec![Run {
        end: 520.0,
        ..line(80.0, 700.0, "本年度行政复议、行政诉讼情况如下表所示，各项数据均已核对无误，特此说明。")
    }];
    runs.extend([80.0, 152.0, 224.0, 296.0, 368.0, 440.0, 512.0].map(|x| line(x, 670.0, "—")));
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, runs, &[], &mut out, &mut carry);
    carry.finish(&mut out);
    assert!(out.text.contains("\t—\t—\t—"), "{}", out.text);
}

#[test]
fn a_line_set_to_the_right_ends_its_paragraph() {
    // A signature's date at the right edge, then a web page's footer at the
    // left edge: two lines, not one paragraph.
    let body = Run {
        end: 520.0, ..line(80.0, 700.0, "如对本报告有任何疑问，请与本局办公室联系，电话：0571-88881234。")
    };
    let unit = Run { end: 520.0, ..line(392.0, 670.0, "临江县自然资源局") };
    let date = Run { end: 520.0, ..line(408.0, 640.0, "2025年1月20日") };
    let footer = line(80.0, 610.0, "主办单位：临江县人民政府办公室");
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, vec![body, unit, date, footer], &[], &mut out, &mut carry);
    carry.finish(&mut out);
    let lines: Vec<&str> = out.text.lines().collect();
    assert_eq!(lines[1..], ["临江县自然资源局", "2025年1月20日", "主办单位：临江县人民政府办公室"], "{}", out.text);
}

#[test]
fn a_sign_hanging_past_the_margin_does_not_move_the_right_edge() {
    // LibreOffice lets 「。」 hang past the right margin (505): a line a
    // character (16 points) short of the margin still goes on to the next.
    let runs = vec![
        Run {
            end: 517.0, ..line(90.0, 700.0, "本报告中所列数据的统计期限自2024年1月1日起至12月31日止。")
        },
        Run {
            end: 505.0, ..line(90.0, 670.0, "如对本报告有疑问，请与临江县教育局办公室联系（地址：临江县滨江路12")
        },
        line(111.0, 640.0, "六、其他需要报告的事项"),
        Run {
            end: 489.0, ..line(111.0, 610.0, "（一）收取信息处理费情况：本年度未收取信息处理费。（二）其他需要")
        },
        line(90.0, 580.0, "报告的事项：无。"),
    ];
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(4, runs, &[], &mut out, &mut carry);
    carry.finish(&mut out);
    assert!(out.text.contains("（二）其他需要报告的事项：无。\n"), "{}", out.text);
}

#[test]
fn a_note_wrapped_down_a_narrow_cell_keeps_its_words_in_order() {
    // As LibreOffice draws 「0（其中2件为重复申请）」 in a narrow cell: each
    // line justified, its characters drawn apart, and 「中」「件」「重」「申」
    // stacked at one x like a vertical label's characters; beside the table,
    // a vertical label that is one.
    let run =
        |x: f32, y: f32, text: &str| Run { x, y, end: x + 10.0 * text.chars().count() as f32, size: 10.0, text: text.into() };
    let v = |at: f32| Rule { vertical: true, at, from: 630.0, to: 760.0 };
    let h = |at: f32, from: f32| Rule { vertical: false, at, from, to: 340.0 };
    let rules = [50.0, 80.0, 200.0, 240.0, 280.0, 310.0, 340.0]
        .map(v)
        .into_iter()
        .chain([h(760.0, 50.0), h(740.0, 80.0), h(650.0, 80.0), h(630.0, 50.0)])
        .collect::<Vec<_>>();
    let mut runs = vec![
        run(55.0, 790.0, "表三"),
        run(85.0, 745.0, "1.属于国家秘密"),
        run(215.0, 745.0, "5"),
        run(245.0, 745.0, "12"),
        run(290.0, 745.0, "3"),
        run(315.0, 745.0, "20"),
        run(85.0, 725.0, "2.其他法律"),
        run(215.0, 725.0, "0"),
        run(240.0, 725.0, "0（其"),
        run(290.0, 725.0, "7"),
        run(315.0, 725.0, "12"),
        run(85.0, 635.0, "3.危及稳定"),
        run(215.0, 635.0, "1"),
        run(245.0, 635.0, "0"),
        run(290.0, 635.0, "0"),
        run(315.0, 635.0, "1"),
        run(55.0, 600.0, "表下的文字"),
    ];
    for (k, pair) in [("中", "2"), ("件", "为"), ("重", "复"), ("申", "请）")].iter().enumerate() {
        let y = 710.0 - 15.0 * k as f32;
        runs.extend([run(240.0, y, pair.0), run(262.0, y, pair.1)]);
    }
    runs.extend(["本", "年", "办", "理", "结", "果"].iter().enumerate().map(|(k, c)| run(60.0, 740.0 - 18.0 * k as f32, c)));
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(3, runs, &rules, &mut out, &mut carry);
    carry.finish(&mut out);
    let lines: Vec<&str> = out.text.lines().collect();
    assert!(lines.contains(&"\t2.其他法律\t0\t0（其中2件为重复申请）\t7\t12"), "{}", out.text);
    assert!(!out.text.contains('办'), "{}", out.text);
}

#[test]
fn a_browsers_print_header_in_the_margin_does_not_move_the_left_edge() {
    // As Chromium prints a page: the date 「11/30/26, 12:20 AM」 alone in the
    // top corner, left of the text's margin, on each page; the text from 95 to
    // 500, paragraphs indented to 112. Page 2 holds only the header and a
    // heading standing apart; page 3's paragraph must still join.
    let run = |x: f32, y: f32, end: f32, text: &str| Run { x, y, end, size: 10.0, text: text.into() };
    let header = || run(24.0, 819.0, 103.0, "11/30/26, 12:20 AM");
    let (mut out, mut carry) = (Source::default(), Carry::default());
    let page = vec![
        header(),
        run(112.0, 620.0, 500.0, "2024年，本局坚持以人民为中心，认真贯彻落实《中华人民共和国政府信息"),
        run(95.0, 608.0, 454.0, "公开条例》，全年主动公开政府信息1,163条。"),
    ];
    write_page(1, page, &[], &mut out, &mut carry);
    write_page(2, vec![header(), run(112.0, 108.0, 300.0, "四、政府信息公开行政复议、行政诉讼情况")], &[], &mut out, &mut carry);
    let page = vec![
        header(),
        run(112.0, 395.0, 500.0, "依据《政府信息公开信息处理费管理办法》，本年度对2件超量申请收取信息处理费，合"),
        run(95.0, 383.0, 191.0, "计人民币300.00元。"),
    ];
    write_page(3, page, &[], &mut out, &mut carry);
    carry.finish(&mut out);
    let lines: Vec<&str> = out.text.lines().collect();
    assert!(
        lines.contains(
            &"2024年，本局坚持以人民为中心，认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息1,163条。"
        ),
        "{}",
        out.text
    );
    assert!(
        lines.contains(&"依据《政府信息公开信息处理费管理办法》，本年度对2件超量申请收取信息处理费，合计人民币300.00元。"),
        "{}",
        out.text
    );
}

#[test]
fn a_right_aligned_signature_line_never_goes_on_the_paragraph_above() {
    // The paragraph's last line reaches the right edge; below it the 落款 on one
    // line, set to the right, its unit and date drawn apart (two cells). In the
    // body text it stays a line of its own.
    let run = |x: f32, y: f32, end: f32, text: &str| Run { x, y, end, size: 10.0, text: text.into() };
    let page = vec![
        run(112.0, 400.0, 500.0, "依据《政府信息公开信息处理费管理办法》，本年度对2件超量申请收取信息处理费，合"),
        run(95.0, 388.0, 500.0, "计人民币300.00元，均已按规定上缴国库，相关票据已按规定留存备查，特此说明"),
        run(350.0, 376.0, 410.0, "临江县司法局"),
        run(430.0, 376.0, 500.0, "2025年1月15日"),
    ];
    let (mut out, mut carry) = (Source::default(), Carry::default());
    write_page(1, page, &[], &mut out, &mut carry);
    carry.finish(&mut out);
    let s = crate::import::stream::stream(&out.text);
    let text = crate::import::stream::text_of(&s, 0, s.len());
    assert!(text.ends_with("特此说明\n临江县司法局 2025年1月15日"), "{text}");
}
