//! A website's page around the report (its menu, breadcrumb, article header
//! and footer), as a web page printed to PDF or copied keeps it: never the
//! report's title, agency, part 六 or 落款.

use crate::import::Review;
use crate::import::labels::Doc;
use crate::import::stream::{Gap, Source};

/// Words of a line of the page's menu, breadcrumb or article header above the
/// title (「首页」「当前位置：首页 > 政府信息公开 > 年度报告」「发布时间：… 来源：…」).
const ABOVE: [&str; 10] =
    ["首页", "当前位置", "您的位置", "所在位置", "您现在的位置", "发布时间", "发布日期", "浏览次数", "来源：", "字号"];

/// Breadcrumb separators: a line with one is the page's, not the title.
const SEPARATORS: [char; 4] = ['>', '＞', '»', '›'];

/// Where a website's page goes on after the report, wherever it stands.
pub(super) const TRAILERS: [&str; 10] =
    ["附件下载", "相关链接", "打印本页", "关闭窗口", "扫一扫", "分享到", "上一篇", "下一篇", "【打印】", "网站地图"];

/// Brackets a page's links are put in: 「【打印本页】」「[关闭窗口]」.
const OPENING: &str = "【[〔（「『<《";

/// What starts a page's footer (「主办单位：… 网站标识码：… 浙ICP备…号」): words a
/// report may use too, so only at a line's start or after the 落款's date.
/// (Not 「联系我们」「技术支持」: a paragraph of 六 may open so; 「网站地图」 is a trailer.)
const FOOTER: [&str; 7] = ["主办单位", "承办单位", "网站标识码", "ICP备", "版权所有", "Copyright", "公网安备"];

/// The line of `doc` holding `s[i]`: (its first character, the one after its last).
fn line(doc: &Doc, i: usize) -> (usize, usize) {
    let s = &doc.s;
    let mut a = i.min(s.len());
    while a > 0 && s[a].gap < Gap::Line {
        a -= 1;
    }
    let mut b = (i + 1).min(s.len());
    while b < s.len() && s[b].gap < Gap::Line {
        b += 1;
    }
    (a, b)
}

/// Whether a line's compact text `words` is the page's menu, breadcrumb or
/// article header.
pub(super) fn above_title(words: &str) -> bool {
    ABOVE.iter().any(|w| words.contains(w)) || words.contains(SEPARATORS)
}

/// Whether `s[start..end]` is (in) the page's menu, breadcrumb or article
/// header, or a browser's print header (the page's title after the date): read from its line's start, as a paragraph joined by a PDF's
/// reader may go on with the article header after the title.
pub(super) fn in_page_header(doc: &Doc, start: usize, end: usize) -> bool {
    let (a, _) = line(doc, start);
    above_title(&crate::import::stream::compact(&doc.s, a, end)) || !browser_print(doc, start, end).is_empty()
}

/// Where the page's footer starts between `from` and `to`: a footer word at
/// the start of a line, or on the line of a date that ends the text (the
/// 落款's date the footer was printed against). With whether it shared its
/// line with the report's text (then it is listed for review).
pub(super) fn footer(doc: &Doc, from: usize, to: usize) -> Option<(usize, bool)> {
    let s = &doc.s;
    let mut best: Option<(usize, bool)> = None;
    for w in FOOTER {
        let mut at = from;
        while let Some(f) = doc.find(w, at, to) {
            at = f.end;
            let (a, _) = line(doc, f.start);
            let before = crate::import::stream::compact(s, a, f.start);
            let alone = before.is_empty();
            if (alone || ends_with_date(&before)) && best.is_none_or(|(b, _)| f.start < b) {
                best = Some((f.start, !alone));
                break;
            }
        }
    }
    best
}

/// Where the report ends in `from..to` (part 六 and its 落款): before the
/// page's trailers and footer. A footer glued onto the 落款's line is listed.
pub(super) fn end_of_report(doc: &Doc, source: &Source, from: usize, to: usize, review: &mut Vec<Review>) -> usize {
    let to = match first_trailer(doc, from, to) {
        // With the bracket opening it: 「【打印本页】」.
        Some(mut at) => {
            while at > from && OPENING.contains(doc.s[at - 1].c) {
                at -= 1;
            }
            at
        }
        None => to,
    };
    let Some((at, shared)) = footer(doc, from, to) else { return to };
    if shared {
        review.push(Review {
            place: source.place(doc.s[at].line, doc.s[at].col),
            message: format!(
                "第六部分末尾与落款同一行的「{}」像是网页的页脚，未读入第六部分，请核对",
                doc.text(at, to).replace('\n', " ")
            ),
        });
    }
    at
}

/// Where the first of the page's trailers (「打印本页」「相关链接」…) stands in `from..to`.
fn first_trailer(doc: &Doc, from: usize, to: usize) -> Option<usize> {
    TRAILERS.iter().filter_map(|t| doc.find(t, from, to)).map(|f| f.start).min()
}

/// What stands after the line of the page's first link (「【打印本页】」) up to
/// the next link or the footer: text copied from a printed page may give the
/// 落款 there (pdftotext orders a right-aligned block after the links beside it).
pub(super) fn after_links(doc: &Doc, from: usize, to: usize) -> Option<(usize, usize)> {
    let first = first_trailer(doc, from, to)?;
    let (_, start) = line(doc, first);
    let end = first_trailer(doc, start, to).unwrap_or(to);
    let end = footer(doc, start, end).map_or(end, |(at, _)| at);
    (start < end).then_some((start, end))
}

/// A browser's print header and footer on each page of a web page printed to
/// PDF (Chromium, Edge): the footer is the page's address and a page counter
/// (「file:///…/w1.html 4/4」), the header the date and time, then the page's
/// title (「11/29/26, 9:42 PM 某局…年度报告」「2026/11/29 21:42 …」). The parts
/// of `doc` in `from..to` they take: a header's whole line, a footer from its
/// address to its line's end (it may follow the 落款's date on its line).
pub(super) fn browser_print(doc: &Doc, from: usize, to: usize) -> Vec<(usize, usize)> {
    let s = &doc.s;
    let to = to.min(s.len());
    let mut out = Vec::new();
    // Nothing to look at (a report ending at a heading, with nothing after it).
    if from >= to {
        return out;
    }
    let mut a = from;
    // From the start of the line holding `from`.
    while a > 0 && s[a].gap != Gap::Line {
        a -= 1;
    }
    while a < to {
        let mut b = a + 1;
        while b < s.len() && s[b].gap != Gap::Line {
            b += 1;
        }
        // A space where the line has a gap: it parts the date from the time.
        let chars: Vec<char> = s[a..b].iter().flat_map(|c| [(c.gap != Gap::None).then_some(' '), Some(c.c)]).flatten().collect();
        if starts_with_date_time(&chars) {
            out.push((a.max(from), b.min(to)));
        } else if let Some(at) = address_with_counter(doc, a, b) {
            out.push((at.max(from), b.min(to)));
        }
        a = b;
    }
    out.retain(|(x, y)| x < y);
    out
}

/// Where a page's address (file://, http://, https://) starts in `s[a..b]`,
/// when the line ends with it and a page counter 「N/M」.
fn address_with_counter(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    let s = &doc.s;
    let colon = (a..b.saturating_sub(2)).find(|&i| s[i].c == ':' && s[i + 1].c == '/' && s[i + 2].c == '/')?;
    let mut start = colon;
    while start > a && (s[start - 1].c.is_ascii_alphabetic() || s[start - 1].c == '\u{FB01}') {
        start -= 1;
    }
    let scheme: String = s[start..colon].iter().map(|c| c.c).collect::<String>().replace('\u{FB01}', "fi").to_lowercase();
    if !matches!(scheme.as_str(), "file" | "http" | "https") {
        return None;
    }
    // The counter: the line's last word, 「4/4」 (N at most M), apart from the address.
    let mut j = b;
    while j > colon + 3 && (s[j - 1].c.is_ascii_digit() || s[j - 1].c == '/') {
        j -= 1;
        if s[j].gap != Gap::None {
            break;
        }
    }
    if s[j].gap == Gap::None {
        return None;
    }
    let word: String = s[j..b].iter().map(|c| c.c).collect();
    let (n, m) = word.split_once('/')?;
    let (n, m) = (n.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    (n >= 1 && n <= m).then_some(start)
}

/// Whether a line starts with a date and a time
/// 「11/29/26, 9:42 PM」「2026/11/29 21:42」「2026-11-29 下午9:42」.
fn starts_with_date_time(chars: &[char]) -> bool {
    let chars: Vec<char> = chars.iter().copied().skip_while(|c| c.is_whitespace()).collect();
    let chars = &chars[..];
    let mut i = 0;
    let digits = |i: &mut usize, max: usize| {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        *i > start
    };
    for k in 0..3 {
        if !digits(&mut i, 4) {
            return false;
        }
        if k < 2 {
            if !matches!(chars.get(i), Some('/' | '-' | '.')) {
                return false;
            }
            i += 1;
        }
    }
    if chars.get(i) == Some(&',') {
        i += 1;
    }
    // The time stands apart from the date.
    if !chars.get(i).is_some_and(|c| c.is_whitespace()) {
        return false;
    }
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    for w in [['上', '午'], ['下', '午']] {
        if chars[i..].starts_with(&w) {
            i += 2;
        }
    }
    digits(&mut i, 2) && chars.get(i) == Some(&':') && {
        i += 1;
        let m = i;
        digits(&mut i, 2) && i - m == 2
    }
}

/// Whether `text` ends with a date 「2025年1月20日」.
fn ends_with_date(text: &str) -> bool {
    let Some(head) = text.strip_suffix('日') else { return false };
    let Some((year, _)) = head.split_once('年') else { return false };
    let year: String = year.chars().rev().take_while(char::is_ascii_digit).collect();
    year.len() == 4 && head.contains('月')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_starts_a_line_or_follows_the_date_it_was_printed_against() {
        let text = "无。\n临江县自然资源局\n2025年1月20日 主办单位：临江县人民政府办公室网站标识码：3310820001 浙ICP备12345678号";
        let doc = Doc::new(text);
        let (at, shared) = footer(&doc, 0, doc.len()).unwrap();
        assert_eq!(doc.text(0, at), "无。\n临江县自然资源局\n2025年1月20日");
        assert!(shared);
        let doc = Doc::new("无。\n某局\n2025年1月20日\n版权所有：某局");
        assert!(!footer(&doc, 0, doc.len()).unwrap().1);
        // Words of the report's own sentences are no footer.
        let doc = Doc::new("（二）如有疑问请联系我们。主办单位为县政府办公室。\n技术支持方面，无。");
        assert_eq!(footer(&doc, 0, doc.len()), None);
    }

    /// A web page printed to PDF by a browser, as the PDF reader gives it.
    fn printed_page(title: &str, ending: &str) -> crate::import::Imported {
        let parts = "一、总体情况\n正文。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n（一）收取信息处理费情况：本年度收取信息处理费35.5元。（二）其他需要报告的事项：无。";
        let text = format!(
            "\t首页\t信息公开\t政务动态当前位置：首页 > 政府信息公开 > 年度报告\n{title}\n本报告根据《条例》编制。请与临江县自然资源局办公室联系（地址：临江县滨\n\t江路12号）。\n{parts}\n{ending}"
        );
        crate::import::import_source(&crate::import::Source::plain(&text)).unwrap()
    }

    #[test]
    fn a_printed_web_page_gives_its_title_and_signature_not_its_menu_or_footer() {
        let footer = "主办单位：临江县人民政府办公室网站标识码：3310820001 浙ICP备12345678号";
        let header = "发布时间：2025-01-20 来源：临江县自然资源局浏览次数：1024";
        for (title, ending) in [
            // The title wrapped, the footer glued onto the date's line.
            (
                format!("临江县自然资源局2024年政府信息公开工作年度\n报告\n{header}"),
                format!("临江县自然资源局\n2025年1月20日 {footer}"),
            ),
            // The article header joined onto the title's line, the footer on its own.
            (
                format!("临江县自然资源局2024年政府信息公开工作年度报告{header}"),
                format!("临江县自然资源局\n2025年1月20日\n\t{footer}"),
            ),
        ] {
            let got = printed_page(&title, &ending);
            let r = &got.report;
            assert_eq!((r.agency.as_str(), r.year), ("临江县自然资源局", 2024), "{title}");
            assert_eq!((r.signature.unit.as_str(), r.signature.date.as_str()), ("临江县自然资源局", "2025年1月20日"));
            assert!(r.other_matters.ends_with("无。") && !r.other_matters.contains("ICP"), "{}", r.other_matters);
            assert_eq!(r.contact.address, "临江县滨江路12号");
            let glued = ending.contains("日 主办");
            assert_eq!(got.review.iter().any(|x| x.message.contains("页脚")), glued, "{:?}", got.review);
        }
    }
    #[test]
    fn a_browsers_print_header_and_footer_are_no_part_of_the_report() {
        let doc = Doc::new(
            "11/29/26, 9:42 PM\t某局2024年报告\n正文。\n2025年1月20日 file:///tmp/a/w1.html 4/4\n2026/11/29 21:42 某局\nhttps://www.x.gov.cn/a.html\t2/4",
        );
        let got: Vec<String> = browser_print(&doc, 0, doc.len()).into_iter().map(|(a, b)| doc.text(a, b)).collect();
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[1].starts_with("file:///") && got[3].starts_with("https://"), "{got:?}");
        // An address in the report's text, a date in a sentence: the report's.
        let doc = Doc::new("详见 http://www.x.gov.cn/a.html 。\n2025/1/20 发布。\n网址：https://x.gov.cn 5/4");
        assert!(browser_print(&doc, 0, doc.len()).is_empty());
    }

    #[test]
    fn a_web_page_printed_by_a_browser_keeps_its_signature() {
        let title = "临江县自然资源局2024年政府信息公开工作年度报告";
        let got = printed_page(
            &format!("{title}\n11/29/26, 9:42 PM\t{title}"),
            "临江县自然资源局\n2025年1月20日 file:///tmp/qa/w1.html 4/4",
        );
        let r = &got.report;
        assert_eq!((r.signature.unit.as_str(), r.signature.date.as_str()), ("临江县自然资源局", "2025年1月20日"));
        assert!(r.other_matters.ends_with("无。"), "{}", r.other_matters);
        // The header on the page of part 六: not in its text.
        let got = printed_page(
            title,
            "11/29/26, 9:43 PM\t临江县自然资源局2024年报告\n临江县自然资源局\n2025年1月20日\nfile:///tmp/qa/w1.html\t4/4",
        );
        assert!(!got.report.other_matters.contains("PM"), "{}", got.report.other_matters);
        assert_eq!(got.report.signature.date, "2025年1月20日");
    }

    #[test]
    fn a_signature_copied_after_the_pages_links_is_read_and_listed() {
        let footer = "主办单位：临江县人民政府办公室网站标识码：3310820001";
        let got = printed_page(
            "临江县自然资源局2024年政府信息公开工作年度报告",
            &format!("【打印本页】【关闭窗口】\n临江县自然资源局\n2025年1月20日\n{footer}"),
        );
        let r = &got.report;
        assert_eq!((r.signature.unit.as_str(), r.signature.date.as_str()), ("临江县自然资源局", "2025年1月20日"));
        assert!(r.other_matters.ends_with("无。"), "{}", r.other_matters);
        assert!(got.review.iter().any(|x| x.message.contains("链接")), "{:?}", got.review);
        // Other words after the links: the page's, not a 落款.
        let got =
            printed_page("临江县自然资源局2024年政府信息公开工作年度报告", "【打印本页】\n相关文件：关于做好政务公开工作的通知");
        assert_eq!(got.report.signature.unit, "");
    }

    #[test]
    fn a_pages_links_go_with_their_brackets() {
        for links in ["【打印本页】【关闭窗口】", "[打印本页] [关闭窗口]", "〔关闭窗口〕"] {
            let got = printed_page(
                "临江县自然资源局2024年政府信息公开工作年度报告",
                &format!("临江县自然资源局\n2025年1月20日\n{links}"),
            );
            let r = &got.report;
            assert_eq!((r.signature.unit.as_str(), r.signature.date.as_str()), ("临江县自然资源局", "2025年1月20日"), "{links}");
            assert!(r.other_matters.ends_with("无。"), "{links}: {}", r.other_matters);
        }
    }
}
