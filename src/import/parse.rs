//! A document's text → a report: title (year and agency), 前言 and contact,
//! the six parts and their sub-sections, the tables, 信息处理费 and 落款.

use super::labels::{Doc, Found};
use super::stream::{Gap, Source};
use super::{ImportError, Imported, Review};
use crate::model::Report;
use crate::model::template::{OVERVIEW_TOPICS, PROBLEM_TOPICS, TemplateId};

mod chrome;
mod contact;
mod fee;
mod paragraphs;
mod six;
mod unsure;

/// The longest document read, in characters without whitespace (a long report
/// has about 20 000).
pub const MAX_CHARS: usize = 2_000_000;

/// The refusal of a text of `chars` characters, more than [`MAX_CHARS`].
pub fn too_much_text(chars: usize) -> ImportError {
    ImportError(format!("文字太多（约 {} 万字），一份年报只有几万字：这不是年报，或文件已损坏", chars / 10_000))
}

const TITLE: &str = "政府信息公开工作年度报告";

/// Each part heading's wordings (after 「一、」…).
const HEADINGS: [(char, &[&str]); 6] = [
    ('一', &["总体情况"]),
    ('二', &["主动公开政府信息情况"]),
    ('三', &["收到和处理政府信息公开申请情况"]),
    ('四', &["政府信息公开行政复议行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况"]),
    ('五', &["存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"]),
    ('六', &["其他需要报告的事项"]),
];

pub fn import_source(source: &Source) -> Result<Imported, ImportError> {
    let doc = Doc::new(&source.text);
    if doc.len() > MAX_CHARS {
        return Err(too_much_text(doc.len()));
    }
    let mut headings: [Option<Found>; 6] = [None; 6];
    let mut pos = 0;
    for (k, (numeral, wordings)) in HEADINGS.iter().enumerate() {
        headings[k] = doc.heading(*numeral, wordings, pos, doc.len());
        if let Some(h) = headings[k] {
            pos = h.end;
        }
    }
    let template = super::tables::detect_template(&doc);
    let found_headings = headings.iter().flatten().count();
    // Without the labels that tell the formats apart: a report all the same if
    // it has most of the parts, or table 三 (the current format assumed).
    let has_table_3 = || doc.find("本年新收政府信息公开申请数量", 0, doc.len()).is_some();
    let Some(template) = template.or((found_headings >= 4 || has_table_3()).then_some(TemplateId::V2021)) else {
        return Err(ImportError(
            "没有找到政府信息公开工作年度报告的表格和标题（如「二、主动公开政府信息情况」「第二十条第（一）项」）：这不是年报，或是扫描的图片".into(),
        ));
    };
    let mut review = Vec::new();
    let title = find_title(&doc, headings[0].map_or(doc.len().min(5000), |h| h.start));
    let (year, agency) = title.map_or((None, String::new()), |t| title_parts(&doc, t));
    let year = year.or_else(|| period_year(&doc, headings[0].map_or(doc.len(), |h| h.start)));
    let mut report = Report::new(template, year.unwrap_or(2000), &agency);
    // Only what the source states: a new report's default unit is not in it.
    report.procurement_unit.clear();
    if year.is_none() {
        review.push(Review {
            place: "标题".into(), message: "没有找到报告年度，暂填 2000 年，请在「基本信息」中改正".into()
        });
    }
    if agency.is_empty() {
        review.push(Review {
            place: "标题".into(), message: "没有找到编制单位（标题第一行），请在「基本信息」中填写".into()
        });
    }

    // The extent of each part: from its heading to the next heading found.
    let start = |k: usize| headings[k].map(|h| h.start);
    let body = |k: usize| -> Option<(usize, usize)> {
        let h = headings[k]?;
        let end = headings[k + 1..].iter().flatten().map(|n| n.start).next().unwrap_or(doc.len());
        Some((h.end, end))
    };
    let region = |k: usize| -> (usize, usize) {
        let from = headings[..=k].iter().flatten().map(|h| h.end).next_back().unwrap_or(0);
        let to = headings[k + 1..].iter().flatten().map(|h| h.start).next().unwrap_or(doc.len());
        (from, to.max(from))
    };

    let first = start(0).unwrap_or(doc.len());
    // The contact is read from the lines as they came, which tell where a value may be cut.
    let preamble_lines = preamble(&doc, title.map_or(0, |t| t.end), first);
    report.preamble = paragraphs::joined(&preamble_lines);
    // A number read as drawn in body text, not certain: listed, never rewritten.
    unsure::doubts(&doc, source, 0, first, "标题和前言", &mut review);
    for (k, part) in [(0, "第一部分"), (4, "第五部分"), (5, "第六部分")] {
        if let Some((from, to)) = body(k) {
            unsure::doubts(&doc, source, from, to, part, &mut review);
        }
    }
    contact::read(&preamble_lines, &mut report, &mut review);

    if let Some((from, to)) = body(0) {
        let (lead, sections) = subsections::<5>(&doc, from, to);
        report.overview.lead = lead;
        for (k, (t, b)) in sections.into_iter().enumerate() {
            report.overview.sections[k].title = t.unwrap_or_else(|| OVERVIEW_TOPICS[k].to_string());
            report.overview.sections[k].body = b;
        }
    } else {
        review.push(Review { place: "第一部分".into(), message: "没有找到「一、总体情况」".into() });
    }
    if let Some((from, to)) = body(4) {
        let (lead, sections) = subsections::<2>(&doc, from, to);
        for (k, (t, b)) in sections.into_iter().enumerate() {
            report.problems[k].title = t.unwrap_or_else(|| PROBLEM_TOPICS[k].to_string());
            report.problems[k].body = b;
        }
        if !lead.is_empty() {
            let first = &mut report.problems[0].body;
            *first = if first.is_empty() { lead } else { format!("{lead}\n{first}") };
        }
    } else {
        review.push(Review {
            place: "第五部分".into(), message: "没有找到「五、存在的主要问题及改进情况」".into()
        });
    }
    match body(5) {
        Some(range) => six::read(&doc, source, range, &mut report, &mut review),
        None => review
            .push(Review { place: "第六部分".into(), message: "没有找到「六、其他需要报告的事项」".into() }),
    }
    let (fee, note) = fee::review(&report.other_matters, year);
    report.processing_fee = fee;
    if let Some(message) = note {
        review.push(Review { place: "第六部分".into(), message });
    }

    let places = super::tables::read_tables(&doc, source, &mut report, &mut review, [region(1), region(2), region(3)]);
    // What the report file could not hold is refused here, not when saving.
    let limit = crate::model::file::MAX_TEXT_CHARS;
    if let Some((field, _)) = report.texts().into_iter().find(|(_, t)| t.chars().count() > limit) {
        return Err(ImportError(format!(
            "{}超过 {limit} 字，不像年报：文件可能不是年报，或其中混入了大量其他文字",
            field.label(&report)
        )));
    }
    Ok(Imported { report, review, work: doc.work.get(), places })
}

/// The title: 「…政府信息公开工作年度报告」 not inside a citation — the
/// 前言's 《…〈中华人民共和国政府信息公开工作年度报告格式〉…》 names a document, not
/// this report, and no agency is to be taken from it.
fn find_title(doc: &Doc, to: usize) -> Option<Found> {
    let mut from = 0;
    while let Some(t) = doc.find(TITLE, from, to) {
        let mut depth = 0i32;
        let mut i = t.start;
        while i > 0 && doc.s[i].gap < Gap::Line {
            i -= 1;
            match doc.s[i].c {
                '《' | '〈' => depth += 1,
                '》' | '〉' => depth -= 1,
                _ => {}
            }
        }
        let next = doc.s.get(t.end).map(|c| c.c);
        // Not a breadcrumb 「当前位置：首页 > 政府信息公开 > 年度报告」.
        if depth <= 0 && !matches!(next, Some('格' | '》' | '〉')) && !chrome::in_page_header(doc, t.start, t.end) {
            return Some(t);
        }
        from = t.end;
    }
    None
}

/// Year and agency from the title 「平潭综合实验区2021年度政府信息公开工作年度报告」.
fn title_parts(doc: &Doc, t: Found) -> (Option<i32>, String) {
    let s = &doc.s;
    let mut i = t.start;
    while i > 0 && matches!(s[i - 1].c, '年' | '度') {
        i -= 1;
    }
    let mut digits = String::new();
    while i > 0 && s[i - 1].c.is_ascii_digit() && digits.len() < 4 {
        i -= 1;
        digits.insert(0, s[i].c);
    }
    let year = digits.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
    // The agency: what precedes the year in the title — on its line, and on
    // the lines above that are still the title (a long name broken over lines,
    // or spaced out): short lines without digits or sentence punctuation.
    let stop =
        |c: char| matches!(c, ':' | '：' | '>' | '》' | '《' | '〈' | '〉' | '。' | '，' | '|' | '；') || c.is_ascii_digit();
    let mut a = i;
    while a > 0 && s[a].gap <= Gap::Space && !stop(s[a - 1].c) {
        a -= 1;
    }
    for _ in 0..3 {
        if a == 0 || s[a].gap != Gap::Line {
            break;
        }
        let mut b = a - 1;
        while b > 0 && s[b].gap < Gap::Line && !stop(s[b].c) {
            b -= 1;
        }
        let line = &s[b..a];
        // A page's column name above the title (「政府信息公开年报」) is no agency's.
        let words = super::stream::compact(s, b, a);
        let column = ["信息公开", "报告", "年报"].iter().any(|w| words.contains(w)) || chrome::above_title(&words);
        if column || line.iter().any(|c| stop(c.c) || c.gap == Gap::Cell) || i - b > 60 || a - b > 40 {
            break;
        }
        a = b;
    }
    let agency = unsure::text(doc, a, i).replace('\n', "");
    let agency = agency.trim_start_matches("标题").trim_matches([':', '：', ' ']).to_string();
    (year, agency)
}

/// The year of the statistics period 「统计期限自2021年1月1日」.
fn period_year(doc: &Doc, to: usize) -> Option<i32> {
    let text = super::stream::compact(&doc.s, 0, to);
    let at = text.find("1月1日")?;
    let before: Vec<char> = text[..at].chars().collect();
    let n = before.len();
    let year: String = before.get(n.checked_sub(5)?..n - 1)?.iter().collect();
    year.parse().ok().filter(|y| (2000..=2100).contains(y))
}

/// 前言: from its usual opening (「根据《」…) to part 一, else all after the title.
fn preamble(doc: &Doc, from: usize, to: usize) -> String {
    let opening =
        ["根据《", "依据《", "按照《", "根据", "本报告"].iter().filter_map(|o| doc.find(o, from, to)).map(|f| f.start).min();
    unsure::text(doc, opening.unwrap_or(from), to)
}

/// The sub-sections （一）…（N） of a part: the lead before （一）, then each
/// title (to the line end, 「。」 or 「：」) and body.
fn subsections<const N: usize>(doc: &Doc, from: usize, to: usize) -> (String, Vec<(Option<String>, String)>) {
    const NUMERALS: [char; 5] = ['一', '二', '三', '四', '五'];
    let s = &doc.s;
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    for numeral in NUMERALS.iter().take(N) {
        let found = (i..to.saturating_sub(2)).find(|&k| s[k].c == '（' && s[k + 1].c == *numeral && s[k + 2].c == '）');
        match found {
            Some(k) => {
                marks.push((k, k + 3));
                i = k + 3;
            }
            None => break,
        }
    }
    if marks.is_empty() {
        return (unsure::text(doc, from, to), (0..N).map(|_| (None, String::new())).collect());
    }
    let lead = unsure::text(doc, from, marks[0].0);
    let mut out = Vec::new();
    for (k, &(_, after)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(to, |m| m.0);
        let limit = end.min(after + 40);
        let stop = (after..limit).find(|&j| (j > after && s[j].gap >= Gap::Line) || matches!(s[j].c, '。' | '：' | ':'));
        let (title, body) = match stop {
            Some(j) if s[j].gap >= Gap::Line && !matches!(s[j].c, '。' | '：' | ':') => {
                (unsure::text(doc, after, j), unsure::text(doc, j, end))
            }
            Some(j) => (unsure::text(doc, after, j), unsure::text(doc, j + 1, end)),
            None if end <= limit => (unsure::text(doc, after, end), String::new()),
            None => (String::new(), unsure::text(doc, after, end)),
        };
        out.push(((!title.is_empty()).then_some(title), body));
    }
    while out.len() < N {
        out.push((None, String::new()));
    }
    // More text than （N）: kept in the last section.
    (lead, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decimal;

    /// The 信息处理费 in 元 from part 六, when the text states it surely (see [`fee`]).
    fn processing_fee(text: &str) -> Option<Decimal> {
        match fee::read(text, None) {
            fee::Fee::Read(amount) => Some(amount),
            _ => None,
        }
    }

    #[test]
    fn fees_as_written() {
        assert_eq!(processing_fee("全年收取政府信息公开信息处理费 3940 元。"), Some("3940".parse().unwrap()));
        assert_eq!(processing_fee("2021年，无收取信息处理费情况。"), Some(Decimal::from_int(0)));
        assert_eq!(processing_fee("收取信息处理费0.5万元"), Some(Decimal::from_int(5000)));
        assert_eq!(processing_fee("本年度收取信息处理费100元5角。"), Some("100.5".parse().unwrap()));
        assert_eq!(processing_fee("本年度收取信息处理费-50元。"), Some(Decimal::from_int(-50)), "the checker reports it");
        assert_eq!(processing_fee("收取信息处理费３００元"), Some(Decimal::from_int(300)));
        assert_eq!(processing_fee("无。"), None);
        assert_eq!(processing_fee("（一）本单位依申请提供政府信息，不收取任何费用。"), Some(Decimal::from_int(0)));
    }

    /// Each of these was once read silently as the first amount (100, 30, 130, 0.1, 100, 200, 125).
    #[test]
    fn a_fee_not_surely_the_total_is_not_taken() {
        let fee = |s: &str| processing_fee(s).map(|d| d.to_string());
        assert_eq!(fee("本年度按每件100元收取信息处理费，共2件。"), None);
        assert_eq!(fee("本年度收取信息处理费两次，分别为30元和50元。"), None);
        assert_eq!(fee("本年度共收取信息处理费及邮寄费130元，其中信息处理费100元。").as_deref(), Some("100"));
        assert_eq!(fee("本年度收费总额200元，其中信息处理费120元。").as_deref(), Some("120"));
        assert_eq!(fee("信息处理费按每页0.1元标准收取，本年度共收取25元。").as_deref(), Some("25"));
        assert_eq!(fee("本年度收取信息处理费约100元。"), None);
        assert_eq!(fee("本年度收取信息处理费100至200元。"), None);
        assert_eq!(fee("本年度收取信息处理费12,5元。"), None);
    }

    #[test]
    fn an_unsure_number_in_the_preamble_reads_as_drawn_and_is_listed() {
        let torn = crate::import::stream::unsure_cell(&["8".into(), "6".into(), "86".into()]);
        let parts = "一、总体情况\n正文。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。";
        let text = format!("某局2024年政府信息公开工作年度报告\n本报告由某局编制。电话：0571-888{torn}\t000。\n{parts}");
        let imported = import_source(&Source::plain(&text)).unwrap();
        let preamble = &imported.report.preamble;
        assert!(preamble.contains("0571-88886 000") && !preamble.contains("6 86"), "{preamble}");
        assert!(
            imported.review.iter().any(|r| r.message.contains("前言") && r.message.contains("8、6、86")),
            "{:?}",
            imported.review
        );
    }

    fn agency(text: &str) -> (Option<i32>, String) {
        let doc = Doc::new(text);
        let title = find_title(&doc, doc.len()).unwrap();
        title_parts(&doc, title)
    }

    #[test]
    fn a_cited_document_is_no_title() {
        let cited = "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）、《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》等文件要求编制。";
        let doc = Doc::new(cited);
        assert!(find_title(&doc, doc.len()).is_none());
        assert_eq!(agency(&format!("{cited}\n平潭综合实验区2024年度政府信息公开工作年度报告\n")).1, "平潭综合实验区");
        assert_eq!(agency(&format!("平潭综合实验区2024年度政府信息公开工作年度报告\n{cited}")).1, "平潭综合实验区");
    }

    #[test]
    fn the_agency_is_the_whole_title_before_the_year() {
        // A long name broken over two lines (nianbao's PDF title), with the year on its own line or not.
        let broken = "青山县市场监督管理局\n城东分局执法大队第一中队\n2024年政府信息公开工作年度报告\n本报告由";
        assert_eq!(agency(broken), (Some(2024), "青山县市场监督管理局城东分局执法大队第一中队".to_string()));
        let joined = "青山县市场监督管理局\n城东分局2024年度政府信息公开工作年度报告";
        assert_eq!(agency(joined).1, "青山县市场监督管理局城东分局");
        // A space inside the name (a web page's title).
        assert_eq!(agency("青山县 “市场”监督管理局（试）\n2024年政府信息公开工作年度报告").1, "青山县“市场”监督管理局（试）");
        // What a page shows above the title is not the agency's name.
        let page = "发布时间：2025-01-10\n政府信息公开年报\n平潭综合实验区2024年度政府信息公开工作年度报告";
        assert_eq!(agency(page).1, "平潭综合实验区");
        assert_eq!(agency("标题: 平潭综合实验区2019年度政府信息公开工作年度报告").1, "平潭综合实验区");
        // A long name (32 characters) on its own line above the year.
        let long = "中共青山县委青山县人民政府信访局青山县人民政府人民来访接待中心";
        assert_eq!(agency(&format!("{long}\n2024年度政府信息公开工作年度报告")).1, long);
    }
}
