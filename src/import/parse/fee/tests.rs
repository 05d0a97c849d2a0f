use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn unsure(text: &str) -> (String, Vec<String>) {
    match read(text, None) {
        Fee::Unsure { sentence, readings } => (sentence, readings.iter().map(ToString::to_string).collect()),
        other => panic!("{text}: {other:?}, not listed for review"),
    }
}

#[test]
fn one_amount_that_is_surely_the_total_is_taken() {
    for (text, fee) in [
        ("本年度收取信息处理费0.5万元。", "5000"),
        ("本年度收取信息处理费0.012万元。", "120"),
        ("本年度收取信息处理费12元5角。", "12.5"),
        ("本年度收取信息处理费1,200元。", "1200"),
        ("本年度收取信息处理费 1 200 元。", "1200"),
        ("本年度收取信息处理费１２０元。", "120"),
        ("2024年收取信息处理费200元。", "200"),
        ("按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费50元。", "50"),
        ("本年度未收取信息处理费，上年度收取120元。", "0"),
        ("本年度共计收取信息处理费120元（其中退还申请人20元）。", "120"),
        ("本年度未收取信息处理费。", "0"),
        ("本年度收取信息处理费3笔，共计150元。", "150"),
        ("本年度收取信息处理费100元（上年度为80元）。", "100"),
        ("按照超出100页的部分收费的规定，本年度收取信息处理费30元。", "30"),
        ("因申请人逾期未缴纳信息处理费终止处理2件，本年度实际收取信息处理费60元。", "60"),
        // 「其中信息处理费N元」 decides over a total with postage or other fees.
        ("本年度共收取信息处理费及邮寄费130元，其中信息处理费100元。", "100"),
        ("本年度收费总额200元，其中信息处理费120元。", "120"),
        ("共收取费用130元。其中，信息处理费100元。", "100"),
        // A rate is no total; the one total beside it is.
        ("信息处理费按每页0.1元标准收取，本年度共收取25元。", "25"),
        ("本年度收取信息处理费100元。", "100"),
    ] {
        assert_eq!(read(text, None), Fee::Read(d(fee)), "{text}");
    }
}

#[test]
fn an_amount_not_surely_the_total_is_listed_with_the_sentence_and_readings() {
    for (text, readings) in [
        ("本年度按每件100元收取信息处理费，共2件。", vec!["100"]),
        ("本年度收取信息处理费两次，分别为30元和50元。", vec!["30", "50"]),
        ("本年度收取信息处理费约100元。", vec!["100"]),
        ("本年度收取信息处理费100元左右。", vec!["100"]),
        ("本年度收取信息处理费100余元。", vec!["100"]),
        ("本年度收取信息处理费100至200元。", vec!["100", "200"]),
        ("本年度收取信息处理费100-200元。", vec!["100", "200"]),
        ("本年度收取信息处理费12,5元。", vec!["12.5"]),
        ("本年度收取信息处理费1.200元。", vec!["1.2", "1200"]),
        ("本年度收取信息处理费￥120.00。", vec!["120.00"]),
        ("本年度收取信息处理费1.2千元。", vec!["1200"]),
        ("本年度收取信息处理费120元，退还20元。", vec!["120", "20"]),
        ("本年度向2名申请人收取信息处理费。共计收取45元。", vec!["45"]),
    ] {
        let (sentence, got) = unsure(text);
        assert!(text.contains(sentence.split('。').next().unwrap()), "{text}: quoted 「{sentence}」");
        let got: Vec<Decimal> = got.iter().map(|g| d(g)).collect();
        let want: Vec<Decimal> = readings.iter().map(|r| d(r)).collect();
        assert_eq!(got, want, "{text}");
    }
    for text in [
        "本年度收取信息处理费壹佰贰拾元。",
        "本年度收取信息处理费一百二十元。",
        "本年度收取信息处理费1万2千元。",
        "本年度收取信息处理费为零。",
    ] {
        let (sentence, readings) = unsure(text);
        assert_eq!(format!("{sentence}。"), text);
        assert!(readings.is_empty(), "{text}: {readings:?}");
    }
    // The next sentence is offered only within the paragraph.
    assert_eq!(unsure("本年度向2名申请人收取信息处理费。共计收取45元。").0, "本年度向2名申请人收取信息处理费。共计收取45元");
    assert_eq!(unsure("本年度收取信息处理费为零。\n（二）办理建议5件，经费3元。").0, "本年度收取信息处理费为零");
}

#[test]
fn sentences_that_disagree_are_listed() {
    let (_, readings) = unsure("本单位不收取任何费用。本年度收取信息处理费50元。");
    assert_eq!(readings, ["0", "50"]);
    assert_eq!(read("本年度收取信息处理费50元。全年信息处理费合计50元。", None), Fee::Read(d("50")));
}

#[test]
fn no_sentence_about_the_fee_is_absent() {
    assert_eq!(read("无。", None), Fee::Absent);
    assert_eq!(read("", None), Fee::Absent);
}

#[test]
fn the_note_quotes_the_sentence_and_the_amounts_seen() {
    let note = |t: &str| review(t, None).1.unwrap_or_default();
    assert_eq!(review("本年度收取信息处理费100元。", None).1, None);
    let approx = note("（一）本年度收取信息处理费约100元。");
    assert!(approx.starts_with("没有读到信息处理费金额：「（一）本年度收取信息处理费约100元」"), "{approx}");
    assert!(approx.contains("读到 100 元"), "{approx}");
    assert!(note("收取信息处理费30元和50元。").contains("读到 30 元、50 元"));
    assert!(note("本年度收取信息处理费壹佰贰拾元。").contains("「本年度收取信息处理费壹佰贰拾元」中没有能确定的金额"));
    assert!(note("无。").starts_with("没有读到信息处理费金额（如"));
}

/// A clause naming another year than the report's holds no amount of this
/// year's; the clause naming the report's year (or 本年) decides.
#[test]
fn an_amount_of_another_named_year_is_not_this_years() {
    let y2024 = |t: &str| read(t, Some(2024));
    for (text, fee) in [
        ("2023年收取信息处理费200元，2024年收取信息处理费120元。", "120"),
        ("2024年收取信息处理费120元，2023年收取信息处理费200元。", "120"),
        ("2024年度收取信息处理费120元（2023年度为200元）。", "120"),
        ("2023年，收取信息处理费200元；2024年，收取信息处理费120元。", "120"),
        ("2023年收取信息处理费200元，本年度收取信息处理费120元。", "120"),
        // A year before 未收取 says whose 0 it is.
        ("2023年未收取信息处理费，2024年收取信息处理费120元。", "120"),
        ("2023年收取信息处理费200元，2024年未收取信息处理费。", "0"),
        ("2024年，无收取信息处理费情况。", "0"),
        ("本年度收取信息处理费1,200元。", "1200"),
    ] {
        assert_eq!(y2024(text), Fee::Read(d(fee)), "{text}");
    }
    // Only another year's amount: not this year's fee.
    for text in ["2023年收取信息处理费200元。", "2023年，收取信息处理费200元。", "2023年，无收取信息处理费情况。"]
    {
        assert!(matches!(y2024(text), Fee::Unsure { .. }), "{text}: {:?}", y2024(text));
    }
    // The report's year unknown: both years' amounts are listed.
    assert_eq!(unsure("2023年收取信息处理费200元，2024年收取信息处理费120元。").1, ["200", "120"]);
    let (fee, note) = review("2023年收取信息处理费200元，2024年收取信息处理费120元。", Some(2024));
    assert_eq!((fee, note), (Some(d("120")), None));
}

/// A 共计/合计/总计/累计 amount decides over the parts it sums — only when they
/// do add up to it.
#[test]
fn a_sum_decides_over_the_parts_that_add_up_to_it() {
    for (text, fee) in [
        ("本年度共收取信息处理费2笔，金额分别为100元、200元，共计300元。", "300"),
        ("本年度收取信息处理费3笔，分别为50元、50元、20元，合计120元。", "120"),
        ("本年度收取信息处理费300元，分别为100元、200元，总计300元。", "300"),
        ("本年度收取信息处理费2笔，累计300元。", "300"),
        ("本年度收取信息处理费2笔，金额分别为100元、200元，共计300.00元。", "300"),
    ] {
        assert_eq!(read(text, None), Fee::Read(d(fee)), "{text}");
    }
    for (text, readings) in [
        ("本年度共收取信息处理费2笔，金额分别为100元、250元，共计300元。", vec!["100", "250", "300"]),
        ("本年度收取信息处理费100元，共计300元。", vec!["100", "300"]),
        ("本年度收取信息处理费合计300元，共计400元。", vec!["300", "400"]),
    ] {
        assert_eq!(unsure(text).1, readings, "{text}");
    }
}

/// A bracketed aside — money given back, or something besides the fee — is not the total.
#[test]
fn a_bracketed_aside_is_not_the_total() {
    for (text, fee) in [
        ("本年度对2件超量申请收取信息处理费，合计人民币300.00元（另退还申请人多缴费用20元）。", "300"),
        ("本年度收取信息处理费300元（退还申请人多缴费用20元）。", "300"),
        ("本年度收取信息处理费300元（另收取邮寄费10元）。", "300"),
        ("本年度收取信息处理费300元(另退回20元)。", "300"),
        ("本年度收取信息处理费300元（含已退回（多缴）的20元）。", "300"),
    ] {
        assert_eq!(read(text, None), Fee::Read(d(fee)), "{text}");
    }
    // More 信息处理费 besides, or a refund outside brackets: not sure which is the total.
    for text in ["本年度收取信息处理费300元（另有2件收取信息处理费50元）。", "本年度收取信息处理费120元，退还20元。"]
    {
        assert_eq!(unsure(text).1.len(), 2, "{text}");
    }
}

/// A sum with another fee inside it (「其中邮寄费50元」) is not all 信息处理费.
#[test]
fn a_sum_holding_another_fee_is_not_the_fee() {
    for text in ["本机关2024年共收取信息处理费1,250元（其中邮寄费50元）。", "本年度收取信息处理费130元，其中快递费30元。"]
    {
        assert_eq!(unsure(text).1.len(), 2, "{text}");
    }
    for (text, fee) in [
        ("本年度收费总额200元，其中信息处理费120元、邮寄费80元。", "120"),
        ("本年度收取信息处理费120元，其中退还申请人多缴费用20元。", "120"),
    ] {
        assert_eq!(read(text, None), Fee::Read(d(fee)), "{text}");
    }
}

#[test]
fn an_amount_of_another_fee_is_not_the_fee() {
    // Each read as the other fee's amount before: 20, 20, 20, 120, 120.
    for text in [
        "本年度收取信息处理费12O元（含邮寄费20元）。",
        "本年度收取信息处理费壹佰元（邮寄费20元另计）。",
        "本年度收取信息处理费情况详见附表，邮寄费20元。",
        "本年度信息处理费：无（上年度：120元）。",
        "本年度收取信息处理费和邮寄费共计120元。",
        "本年度收取信息处理费120元（含邮寄费20元）。",
    ] {
        unsure(text);
    }
    // 收费, 费用: no other fee.
    assert_eq!(read("本年度收取信息处理费120元，收费依据为国办函〔2020〕109号。", None), Fee::Read(d("120")));
}
