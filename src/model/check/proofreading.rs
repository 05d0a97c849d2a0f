//! S18: slips a proofreader catches (提示).
//!
//! - A word or phrase written twice back to back (「审核审核」, a whole phrase
//!   repeated), except reduplication that is correct Chinese: AABB (认认真真),
//!   a verb said twice (研究研究, from [`VERBS_SAID_TWICE`]), 一X一X (一步一步);
//!   a single character twice (常常, 紧紧) is left alone, but for 「的的」 (not
//!   目的的 or 的的确确).
//! - An enumeration 一是、二是… that skips or repeats a number (a new list may
//!   start again at 一是).
//! - A heading that does not follow the template: a line 「五、…」 with other
//!   words or another numeral than the official part heading, a sub-title of
//!   总体情况 or 第五部分 that names another sub-part's topic (order).
//! - The same sentence (of 10 characters or more) written twice.

use std::collections::HashMap;
use std::ops::Range;

use super::reading::{Reading, is_han, shorten, split};
use super::{Findings, Location};
use crate::model::numerals;
use crate::model::report::{Report, TextField};
use crate::model::template::{OVERVIEW_TOPICS, PART_HEADINGS, PROBLEM_TOPICS, part_title};

pub(super) fn check(r: &Report, out: &mut Findings) {
    let mut sentences: HashMap<String, TextField> = HashMap::new();
    for (field, text) in r.texts() {
        let reading = Reading::new(text);
        let place = field.label(r);
        let doubled = doubles(&reading);
        for range in &doubled {
            let unit = reading.text(range.start..range.start + range.len() / 2);
            let unit = unit.trim_end_matches(CLAUSE_MARKS);
            out.hint(
                "S18",
                Location::Quote(field, reading.span(range.clone())),
                format!("{place}中「{}」连写了两遍，请核对是否多打了", shorten(unit, 30)),
            );
        }
        enumerations(r, field, &reading, out);
        headings(r, field, &reading, out);
        if matches!(field, TextField::OverviewTitle(_) | TextField::ProblemTitle(_)) {
            continue;
        }
        for sentence in reading.sentences() {
            let sentence = reading.trimmed(sentence);
            let key = reading.text(sentence.clone());
            if key.chars().count() < 10 || doubled.iter().any(|d| d.start < sentence.end && sentence.start < d.end) {
                continue;
            }
            if let Some(first) = sentences.get(&key) {
                let where_first = if *first == field {
                    "前面已经写过".to_string()
                } else {
                    format!("与{}中的一句相同", first.label(r))
                };
                out.hint(
                    "S18",
                    Location::Quote(field, reading.span(sentence)),
                    format!("{place}中的句子「{}」{where_first}，请核对是否重复", shorten(&key, 40)),
                );
            } else {
                sentences.insert(key, field);
            }
        }
    }
}

/// Verbs that are correctly said twice in a row (研究研究 = “look into it a bit”).
const VERBS_SAID_TWICE: [&str; 20] = [
    "研究", "讨论", "学习", "商量", "考虑", "了解", "琢磨", "打听", "活动", "休息", "锻炼", "交流", "沟通", "总结", "整理",
    "收拾", "打扫", "介绍", "体会", "尝试",
];

/// The longest word or phrase looked for twice in a row.
const LONGEST: usize = 40;

/// Every stretch written twice back to back (the range covers both copies).
fn doubles(reading: &Reading) -> Vec<Range<usize>> {
    let c = &reading.chars;
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < c.len() {
        let found = (1..=LONGEST).filter(|n| i + 2 * n <= c.len()).find(|&n| {
            c[i] == c[i + n] && c[i..i + n] == c[i + n..i + 2 * n] && !c[i..i + n].contains(&'\n') && is_slip(c, i, n)
        });
        match found {
            Some(n) => {
                out.push(i..i + 2 * n);
                i += 2 * n;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether `n` characters at `i`, written again right after, are a slip rather than Chinese.
fn is_slip(c: &[char], i: usize, n: usize) -> bool {
    let unit = &c[i..i + n];
    let han = unit.iter().filter(|ch| is_han(**ch)).count();
    match n {
        // 的的 (not 目的的, 的的确确).
        1 => {
            unit[0] == '的'
                && !matches!(i.checked_sub(1).map(|p| c[p]), Some('目' | '端' | '有' | '是'))
                && c.get(i + 2) != Some(&'确')
        }
        2 => {
            let word: String = unit.iter().collect();
            han == 2 && unit[0] != '一' && !VERBS_SAID_TWICE.contains(&word.as_str()) && !starts_a_longer_word(c, i + n, n)
        }
        _ if unit.iter().any(|ch| CLAUSE_MARKS.contains(ch)) => whole_clauses(c, i, n),
        _ => han >= 2 && !starts_a_longer_word(c, i + n, n),
    }
}

/// Marks inside a sentence.
const CLAUSE_MARKS: [char; 10] = ['，', '、', '；', '：', '。', ',', ';', ':', '！', '？'];

/// A stretch across a mark is a slip only when both copies are whole clauses
/// (「纳入考核，纳入考核，」); otherwise the copies straddle the items of a list
/// and the repetition is that of equal numbers (「收到29件，办结29件，办结率」).
fn whole_clauses(c: &[char], i: usize, n: usize) -> bool {
    let starts = i == 0 || c[i - 1] == '\n' || CLAUSE_MARKS.contains(&c[i - 1]);
    starts && CLAUSE_MARKS.contains(&c[i + n - 1]) && c[i..i + n].iter().filter(|ch| is_han(**ch)).count() >= 2
}

/// Characters that make a word (a noun) of the word before them: 规范 → 规范性,
/// 通知 → 通知书, 公开 → 公开栏, 登记 → 登记表, 管理 → 管理员.
const NOUN_SUFFIXES: [char; 14] = ['性', '书', '栏', '表', '单', '人', '员', '者', '化', '率', '函', '册', '簿', '稿'];
/// Words that begin with a word often used as the verb before them.
const LONGER_WORDS: [&str; 4] = ["公开征求", "公开目录", "公开指南", "征求意见稿"];

/// Whether the second copy, at `at` and `n` long, is the start of a longer word:
/// then the first copy is a verb whose object the word is (「进一步规范规范性文件」,
/// 「公开公开征求意见稿」), not a slip.
fn starts_a_longer_word(c: &[char], at: usize, n: usize) -> bool {
    if c.get(at + n).is_some_and(|ch| NOUN_SUFFIXES.contains(ch)) {
        return true;
    }
    let rest: String = c[at..c.len().min(at + 6)].iter().collect();
    LONGER_WORDS.iter().any(|w| w.chars().count() > n && rest.starts_with(w))
}

/// 一是…二是… in the order of a list; a new list starts at 一是.
fn enumerations(r: &Report, field: TextField, reading: &Reading, out: &mut Findings) {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let c = &reading.chars;
    let mut last: Option<usize> = None;
    for i in 0..c.len().saturating_sub(1) {
        let Some(k) = NUMERALS.iter().position(|n| *n == c[i]) else { continue };
        let starts = i == 0 || !is_han(c[i - 1]);
        if c[i + 1] != '是' || !starts {
            continue;
        }
        let value = k + 1;
        if let Some(prev) = last
            && value != 1
            && value != prev + 1
        {
            let what = if value == prev {
                format!("「{}是」写了两次", c[i])
            } else {
                format!("「{}是」之后是「{}是」", NUMERALS[prev - 1], c[i])
            };
            let end = split(c, i..c.len(), |ch| "。；\n".contains(ch)).first().map_or(c.len(), |s| s.end);
            out.hint(
                "S18",
                Location::Quote(field, reading.span(i..end)),
                format!("{}中的列举「一是、二是……」次序不对：{what}，请核对编号", field.label(r)),
            );
        }
        last = Some(value);
    }
}

/// Part headings written in the text, and sub-titles in another sub-part's place.
fn headings(r: &Report, field: TextField, reading: &Reading, out: &mut Findings) {
    let c = &reading.chars;
    for line in split(c, 0..c.len(), |ch| ch == '\n') {
        let words = reading.text(line.clone());
        let words = words.trim_end_matches('\n');
        let Some((numeral, title)) = words.split_once('、') else { continue };
        let Some(written) = (1..=6).find(|&k| numerals::chinese(k) == numeral) else { continue };
        let Some(part) = (0..6).find(|&k| common_prefix(title, part_title(k)) >= 4) else { continue };
        let official = PART_HEADINGS[part];
        if words == official || words.chars().count() > official.chars().count() + 8 {
            continue;
        }
        let why = if written != part + 1 { "编号不对" } else { "文字与官方格式不同" };
        out.hint(
            "S18",
            Location::Quote(field, reading.span(line)),
            format!("{}中的标题「{words}」{why}，官方格式是「{official}」", field.label(r)),
        );
    }
    let (topics, index): (&[&str], usize) = match field {
        TextField::OverviewTitle(i) => (&OVERVIEW_KEYS, i),
        TextField::ProblemTitle(i) => (&PROBLEM_KEYS, i),
        _ => return,
    };
    let title = reading.text(0..c.len());
    if let Some(other) = (0..topics.len()).find(|&k| k != index && title.contains(topics[k]))
        && !title.contains(topics[index])
    {
        let defaults: &[&str] = if topics.len() == OVERVIEW_KEYS.len() { &OVERVIEW_TOPICS } else { &PROBLEM_TOPICS };
        out.hint(
            "S18",
            Location::Field(super::Field::Text(field)),
            format!(
                "{}「{title}」说的是「{}」，官方格式中这一小节是「{}」，「{}」是第{}小节，请核对次序",
                field.label(r),
                defaults[other],
                defaults[index],
                defaults[other],
                numerals::chinese(other + 1)
            ),
        );
    }
}

/// Words that name each sub-part of 总体情况 and of 第五部分 in a sub-title.
const OVERVIEW_KEYS: [&str; 5] = ["主动公开", "依申请", "信息管理", "平台", "监督保障"];
const PROBLEM_KEYS: [&str; 2] = ["问题", "改进"];

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use crate::model::check::{Finding, Location, Severity, check};
    use crate::model::report::{Report, TextField};
    use crate::model::template::TemplateId;

    fn s18(body: &str) -> Vec<Finding> {
        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.overview.sections[2].body = body.into();
        check(&r, None).into_iter().filter(|f| f.rule == "S18").collect()
    }

    fn messages(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.message.as_str()).collect()
    }

    #[test]
    fn doubled_words_and_phrases_from_real_reports() {
        // 平潭 2021 and 2022, and 平潭 2019's whole phrase written twice.
        let found = s18("二是规范审核审核发布机制。打造整体统一的的网站界面。");
        assert_eq!(
            messages(&found),
            [
                "总体情况（三）政府信息管理中「审核」连写了两遍，请核对是否多打了",
                "总体情况（三）政府信息管理中「的」连写了两遍，请核对是否多打了"
            ]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Hint));
        let text = "区领导参与平潭港口岸金井港区对外开放新闻发布会、聚焦新中国成立 70 周年平潭专场新闻发布会聚焦新中国成立 70 周年平潭专场新闻发布会；";
        let found = s18(text);
        assert_eq!(
            messages(&found),
            ["总体情况（三）政府信息管理中「聚焦新中国成立70周年平潭专场新闻发布会」连写了两遍，请核对是否多打了"]
        );
        let Location::Quote(_, span) = &found[0].location else { panic!() };
        assert!(text.chars().skip(span.start).take(span.len()).collect::<String>().starts_with("聚焦新中国成立 70 周年"));
    }

    #[test]
    fn correct_reduplication_is_allowed() {
        for text in [
            "我们要研究研究这个问题，讨论讨论办法。",
            "常常深入基层，紧紧围绕中心工作，认认真真、扎扎实实、方方面面抓落实。",
            "一步一步推进，一个一个落实，的的确确取得实效。",
            "饮用水水源水质监测，达到目的的手段。",
            "2023年、2024年连续两年；电话0591-23165385。",
        ] {
            assert!(s18(text).is_empty(), "{text}: {:?}", messages(&s18(text)));
        }
    }

    #[test]
    fn a_verb_before_the_word_it_begins_is_not_doubled() {
        for text in [
            "进一步规范规范性文件管理，严格执行合法性审查。",
            "推进决策公开，公开公开征求意见稿。",
            "公开公开栏信息，张贴通知通知书。",
            "按时申报申报表，如实登记登记簿，加强管理管理员账号，依法告知告知书载明的事项。",
        ] {
            assert!(s18(text).is_empty(), "{text}: {:?}", messages(&s18(text)));
        }
        // The second copy goes on with another word: still a slip.
        for (text, unit) in [
            ("严格审核审核流程。", "审核"),
            ("抓好政务政务公开。", "政务"),
            ("组织组织全局干部学习。", "组织"),
            ("做好解读解读材料与文件同步发布。", "解读"),
        ] {
            assert_eq!(messages(&s18(text)), [format!("总体情况（三）政府信息管理中「{unit}」连写了两遍，请核对是否多打了")]);
        }
    }

    #[test]
    fn equal_numbers_in_a_list_are_not_a_doubled_phrase() {
        for text in [
            "全年收到申请29件，办结29件，办结率100%。",
            "全年收到政府信息公开申请29件，办结29件，办结率100%；依申请公开答复被纠错0件。",
            "全年新收申请29件，答复29件，答复率100%，按期答复29件，答复满意率100%。",
        ] {
            assert!(s18(text).is_empty(), "{text}: {:?}", messages(&s18(text)));
        }
        // A whole clause written twice is.
        let found = s18("将政务公开纳入考核，将政务公开纳入考核，组织培训2次。");
        assert_eq!(messages(&found), ["总体情况（三）政府信息管理中「将政务公开纳入考核」连写了两遍，请核对是否多打了"]);
    }

    #[test]
    fn enumerations_that_skip_or_repeat() {
        let found = s18("一是完善制度。二是加强培训。三是强化监督。三是做好公开。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "总体情况（三）政府信息管理中的列举「一是、二是……」次序不对：「三是」写了两次，请核对编号");
        assert!(s18("一是完善制度；三是强化监督。")[0].message.contains("「一是」之后是「三是」"));
        // 平潭 2022 and 洪泽 2024: lists in order, a new list starting again, 统一是 is not a list.
        assert!(s18("一是做好公开。二是做好规划。\n一是畅通渠道。二是规范流程。三是加强复议。标准统一是关键。").is_empty());
    }

    #[test]
    fn headings_that_leave_the_template() {
        let found = s18("五、存在的主要问题及整改措施\n主要是……");
        assert_eq!(
            messages(&found),
            [
                "总体情况（三）政府信息管理中的标题「五、存在的主要问题及整改措施」文字与官方格式不同，官方格式是「五、存在的主要问题及改进情况」"
            ]
        );
        assert!(s18("四、存在的主要问题及改进情况")[0].message.contains("编号不对"));
        assert!(s18("五、存在的主要问题及改进情况\n二、主动公开政府信息情况").is_empty());

        let mut r = Report::new(TemplateId::V2021, 2024, "某局");
        r.overview.sections[0].title = "依申请公开情况".into();
        r.overview.sections[1].title = "依申请公开方面".into();
        r.problems[1].title = "整改措施".into();
        let found: Vec<_> = check(&r, None).into_iter().filter(|f| f.rule == "S18").collect();
        assert_eq!(
            messages(&found),
            [
                "总体情况（一）的标题「依申请公开情况」说的是「依申请公开」，官方格式中这一小节是「主动公开」，「依申请公开」是第二小节，请核对次序"
            ]
        );
        assert_eq!(found[0].location, Location::Field(crate::model::check::Field::Text(TextField::OverviewTitle(0))));
    }

    #[test]
    fn the_same_sentence_twice() {
        let found = s18("严格执行分级审核、先审后发程序。落实三审三校制度。严格执行分级审核、先审后发程序。");
        assert_eq!(
            messages(&found),
            ["总体情况（三）政府信息管理中的句子「严格执行分级审核、先审后发程序」前面已经写过，请核对是否重复"]
        );
        assert!(s18("严格执行分级审核、先审后发程序。落实三审三校制度。").is_empty());
    }
}
