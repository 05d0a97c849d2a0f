//! The contact sentence read from the 前言.

use super::*;
use crate::model::TemplateId;

fn contact(text: &str) -> crate::model::report::Contact {
    let mut r = Report::new(TemplateId::V2021, 2024, "青山县人民政府办公室");
    read(text, &mut r, &mut Vec::new());
    r.contact
}

#[test]
fn spaces_from_justification_inside_labels_and_numbers_are_read_through() {
    let c = contact(
        "请与青山县人民政府办公室办公室联系（地 址 ： 青山县人民路 1 号 ； 邮 编 ： 311300 ； 电 话 ： 0571- 88881234 ； 电 子 邮 箱 ： qs@qingshan.gov.cn ）。",
    );
    assert_eq!(c.phone, "0571-88881234");
    assert_eq!((c.address.as_str(), c.postcode.as_str()), ("青山县人民路1号", "311300"));
    assert_eq!(c.email, "qs@qingshan.gov.cn");
    assert_eq!(c.department, "办公室");
    // A full-width 「－」 is read as 「-」 (see `full_width_contact_values_read_as_ascii`).
    assert_eq!(contact("电\u{3000}话：0571 －\u{a0}88881234。").phone, "0571-88881234");
    // Two numbers stay two: the space between them is kept.
    assert_eq!(contact("电话：0571-88881234 0571-88885678。").phone, "0571-88881234 0571-88885678");
    // A line wrapped inside the address (a web page printed to PDF), the bracket closing the sentence.
    let c = contact("请与青山县人民政府办公室联系（地址：临江县滨 江路12号；电话：0576-83321234）。");
    assert_eq!((c.address.as_str(), c.phone.as_str()), ("临江县滨江路12号", "0576-83321234"));
    assert_eq!(contact("联系（地址：临江县滨江路12号）。").address, "临江县滨江路12号");
    assert_eq!(contact("地址：滨江路（东段）12号。").address, "滨江路（东段）12号");
}

#[test]
fn a_value_or_label_broken_by_a_line_is_joined_or_listed() {
    let read = |text: &str| {
        let mut r = Report::new(TemplateId::V2021, 2024, "临江县卫生健康局");
        let mut review = Vec::new();
        super::read(text, &mut r, &mut review);
        (r.contact, review)
    };
    // Web pages printed by a browser, text copied from a PDF, a <br> after the label.
    let (c, review) = read(
        "请与临江县卫生健康局办公室联系（地\n址：临江县\n滨江路47号；邮编：318000；电话：0576-\n83321234；电子邮箱：\nlj47@163.com）。",
    );
    assert_eq!((c.address.as_str(), c.phone.as_str()), ("临江县滨江路47号", "0576-83321234"));
    assert_eq!((c.email.as_str(), c.department.as_str()), ("lj47@163.com", "办公室"));
    assert!(review.is_empty(), "{review:?}");
    assert_eq!(read("请与临江县卫生\n健康局办公室联系（电话：0576-8332\n5678；").0.phone, "0576-8332 5678");
    assert_eq!(read("电话：\n(0576)83320011；").0.phone, "(0576)83320011");
    // Contact lines without marks between them: each value ends at the next label.
    let (c, review) = read("联系电话：0576-83321234\n地址：临江县滨江路47号\n邮编：318000");
    assert_eq!((c.phone.as_str(), c.address.as_str(), c.postcode.as_str()), ("0576-83321234", "临江县滨江路47号", "318000"));
    assert!(review.is_empty(), "{review:?}");
    assert_eq!(read("电话：0571-88881234\n2024年，本机关…").0.phone, "0571-88881234");
    // 「联系方式」 names the phone when a number follows; in prose it does not hide the real one.
    let (c, review) = read("邮编：318000；联系方式：0576-83329999；电子邮箱：a@b.cn");
    assert_eq!((c.phone.as_str(), c.email.as_str()), ("0576-83329999", "a@b.cn"));
    assert!(review.is_empty(), "{review:?}");
    assert_eq!(read("可通过以下联系方式咨询：电话：0576-83321234。").0.phone, "0576-83321234");
    // What may be cut is listed, never silently short.
    // A phone too short to dial is not taken, and listed quoting it.
    let (c, review) = read("电话：0576-");
    assert_eq!(c.phone, "");
    assert!(review.iter().any(|r| r.message.contains("0576-")), "{review:?}");
    let long = "一".repeat(70);
    let (c, review) = read(&format!("地址：临江县\n{long}"));
    assert_eq!(c.address, "临江县");
    assert!(review.iter().any(|r| r.message.contains("临江县")), "{review:?}");
}

/// Each value whole to the end of its clause, brackets balanced, and a
/// value not looking like what its label names listed, never taken.
#[test]
fn values_are_taken_whole_balanced_and_checked() {
    let read = |text: &str| {
        let mut r = Report::new(TemplateId::V2021, 2024, "青山县市场监督管理局");
        let mut review = Vec::new();
        super::read(text, &mut r, &mut review);
        (r.contact, review)
    };
    let taken = |text: &str| {
        let (c, review) = read(text);
        assert!(review.is_empty(), "{text}: {review:?}");
        c
    };
    let ask = "请与青山县市场监督管理局办公室联系";
    // Extensions and several numbers as written.
    assert_eq!(taken(&format!("{ask}（地址：青山县人民路88号；电话：0571-88886000转8012）。")).phone, "0571-88886000转8012");
    assert_eq!(taken(&format!("{ask}（电话：0571-88886000、0571-88886001）。")).phone, "0571-88886000、0571-88886001");
    let c = taken(&format!(
        "{ask}（地址：临江县滨江路42号；邮编：318000；电话：0576-83325678，13857600123；电子邮箱：lj42@163.com）。"
    ));
    assert_eq!((c.phone.as_str(), c.email.as_str()), ("0576-83325678，13857600123", "lj42@163.com"));
    assert_eq!(taken("电话：0571-88886000，2024年本机关").phone, "0571-88886000");
    // Brackets: an area code kept whole, an aside left out (a postcode in it read as the postcode).
    assert_eq!(taken(&format!("{ask}（联系电话：（0571）88886000）。")).phone, "（0571）88886000");
    assert_eq!(taken(&format!("{ask}（电话：0571-88886000（工作日9:00-17:00））。")).phone, "0571-88886000");
    let c = taken(&format!("{ask}（地址：青山县人民路88号（邮政编码311300））。"));
    assert_eq!((c.address.as_str(), c.postcode.as_str()), ("青山县人民路88号", "311300"));
    assert_eq!(taken("地址：青山县人民路88号（行政中心，3号楼）；").address, "青山县人民路88号（行政中心，3号楼）");
    // A full-width 「＠」.
    assert_eq!(taken(&format!("{ask}（电子邮箱：qssjj＠qingshan.gov.cn）。")).email, "qssjj@qingshan.gov.cn");
    // Not what the label names: not taken, listed quoting the text.
    for (text, quoted) in [
        ("（电子邮箱：qssjj#qingshan.gov.cn（请将#换成@））。", "qssjj#qingshan.gov.cn"),
        ("（邮编：3113000）。", "3113000"),
        ("（电话：0571）。", "0571"),
        ("（电话：0571-88886000、6001）。", "6001"),
    ] {
        let (c, review) = read(&format!("{ask}{text}"));
        assert_eq!((c.email.as_str(), c.postcode.as_str(), c.phone.as_str()), ("", "", ""), "{text}");
        assert!(review.iter().any(|r| r.message.contains(quoted) && r.message.contains("未读入")), "{text}: {review:?}");
    }
    // A further labelled phone is listed, not dropped.
    let (c, review) = read(&format!("{ask}（联系人：张三，联系电话：13912345678；办公电话：0571-88886000）。"));
    assert_eq!(c.phone, "13912345678");
    assert!(review.iter().any(|r| r.message.contains("0571-88886000")), "{review:?}");
    // Prose naming a label is no value.
    let (c, review) = read("可通过电话、电子邮箱等方式咨询，邮编和地址见网站。");
    assert_eq!((c.phone.as_str(), c.email.as_str(), c.postcode.as_str()), ("", "", ""));
    assert!(review.is_empty(), "{review:?}");
    let (c, review) = read("如有疑问请联系（请将#换成@）。");
    assert_eq!(c.email, "");
    assert!(review.iter().any(|r| r.message.contains("请将#换成@")), "{review:?}");
}

fn read_all(text: &str) -> (crate::model::report::Contact, Vec<String>) {
    let mut r = Report::new(TemplateId::V2021, 2024, "青山县市场监督管理局");
    let mut review = Vec::new();
    read(text, &mut r, &mut review);
    (r.contact, review.into_iter().map(|r| r.message).collect())
}

const ASK: &str = "请与青山县市场监督管理局办公室联系";

/// A Chinese IME's full-width digits, letters, 「－」「＠」「．」 in every value.
#[test]
fn full_width_contact_values_read_as_ascii() {
    let (c, review) = read_all(&format!(
        "{ASK}（地址：青山县人民路８８号；邮编：３１１３００；电话：０５７１－８８８８６０００；电子邮箱：ｑｓｓｊｊ＠ｑｉｎｇｓｈａｎ．ｇｏｖ．ｃｎ）。"
    ));
    assert_eq!((c.phone.as_str(), c.postcode.as_str()), ("0571-88886000", "311300"));
    assert_eq!((c.email.as_str(), c.address.as_str()), ("qssjj@qingshan.gov.cn", "青山县人民路88号"));
    assert!(review.is_empty(), "{review:?}");
    let (c, review) = read_all("Ｅ－ｍａｉｌ：ＢＧＳ＠ｑｓ．ｇｏｖ．ｃｎ；联系电话：（０５７１）８８８８６０００。");
    assert_eq!((c.email.as_str(), c.phone.as_str()), ("BGS@qs.gov.cn", "（0571）88886000"));
    assert!(review.is_empty(), "{review:?}");
}

/// Several numbers under one label, an aside after any of them: every number kept.
#[test]
fn phone_lists_with_asides_keep_every_number() {
    for (text, phone) in [
        ("电话：0571-88886000、13857600123（值班）；电子邮箱：a@b.cn", "0571-88886000、13857600123"),
        ("电话：0571-88886000（办公室）、13857600123（值班）。", "0571-88886000（办公室）、13857600123"),
        ("电话：0571-88886000（办公室），0571-88886001", "0571-88886000（办公室），0571-88886001"),
        ("电话：（0571）88886000、13857600123 （值班）", "（0571）88886000、13857600123"),
    ] {
        let (c, review) = read_all(&format!("{ASK}（{text}）。"));
        assert_eq!(c.phone, phone, "{text}");
        assert!(review.is_empty(), "{text}: {review:?}");
    }
    // An aside with a list mark inside it is no second number.
    let (c, review) = read_all("电话：0571-88886000（上午、下午）；");
    assert_eq!(c.phone, "0571-88886000");
    assert!(review.is_empty(), "{review:?}");
}

/// Several e-mails are kept joined by 「、」; a second, different postcode is listed.
#[test]
fn several_emails_are_kept_and_a_second_postcode_is_listed() {
    for text in [
        "电子邮箱：qssjj@qingshan.gov.cn、bgs@qingshan.gov.cn",
        "电子邮箱：qssjj@qingshan.gov.cn；bgs@qingshan.gov.cn",
        "邮箱：qssjj@qingshan.gov.cn, bgs@qingshan.gov.cn；电话：0571-88886000",
    ] {
        let (c, review) = read_all(&format!("{ASK}（{text}）。"));
        assert_eq!(c.email, "qssjj@qingshan.gov.cn、bgs@qingshan.gov.cn", "{text}");
        assert!(review.is_empty(), "{text}: {review:?}");
    }
    assert_eq!(read_all("电子邮箱：a@b.cn；电话：0571-88886000").0.email, "a@b.cn");
    for text in ["邮编：311300、311301；电话：0571-88886000", "邮编：311300；地址：青山县人民路88号（邮政编码：311301）"]
    {
        let (c, review) = read_all(&format!("{ASK}（{text}）。"));
        assert_eq!(c.postcode, "311300", "{text}");
        assert!(review.iter().any(|m| m.contains("311301") && m.contains("未读入")), "{text}: {review:?}");
    }
    // The same postcode twice is nothing to review.
    let (c, review) = read_all("邮编：311300；邮政编码：311300。");
    assert_eq!(c.postcode, "311300");
    assert!(review.is_empty(), "{review:?}");
}
