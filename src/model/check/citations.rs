//! S17: the 文号 a report cites. Reports cite the notice that issued their format
//! (国办公开办函〔2021〕30号, or 〔2019〕60号 for the 2019 试行 format); a wrong
//! issuer (「国办政务公开办函〔2021〕30号」) or the other format's notice is a
//! 警告, and so is any 国办 issuer or number in the sentence that names the
//! 报告格式 (「国办发〔2021〕30号」, 「〔2021〕31号」). Any 文号 whose year is bracketed
//! with [] 【】 （） ﹝﹞ instead of 〔〕, written in full-width digits, or with 第
//! before its number is a 提示 (GB/T 9704 §7.2.4). A report that cites no 文号 is fine.

use super::reading::{Reading, is_han, shorten};
use super::{Findings, Location};
use crate::model::report::Report;
use crate::model::template::TemplateId;

pub(super) fn check(r: &Report, out: &mut Findings) {
    for (field, text) in r.texts() {
        let reading = Reading::new(text);
        let sentences = reading.sentences();
        for cite in citations(&reading) {
            let written = reading.text(cite.prefix_start..cite.end);
            let span = reading.span(cite.prefix_start..cite.end);
            let location = Location::Quote(field, span.clone());
            let place = field.label(r);
            // 「关于印发…年度报告格式的通知》（国办…〔…〕…号）」: whatever 国办 issuer it names
            // and whatever number, it means the format's notice.
            let names_the_format = sentences
                .iter()
                .find(|s| s.contains(&cite.prefix_start))
                .is_some_and(|s| reading.text(s.clone()).contains("报告格式"));
            let about_format = cite.prefix.starts_with("国办") && (cite.prefix.contains("公开") || names_the_format);
            let notice = TemplateId::ALL.into_iter().find(|t| {
                let (year, number) = notice_number(*t);
                cite.year == year && cite.number == number
            });
            if about_format && (cite.prefix != "国办公开办函" || (notice.is_none() && names_the_format)) {
                let right = notice.unwrap_or(r.template).notice();
                out.warning(
                    "S17",
                    location,
                    format!("{place}引用的文号「{written}」有误：印发年度报告格式的通知文号是「{right}」"),
                );
            } else if about_format && let Some(other) = notice.filter(|t| *t != r.template) {
                out.warning(
                    "S17",
                    location,
                    format!(
                        "{place}引用「{written}」（{}），但本报告用的是{}，应引用「{}」",
                        other.name(),
                        r.template.name(),
                        r.template.notice()
                    ),
                );
            } else {
                let mut slips = Vec::new();
                if (cite.open, cite.close) != ('〔', '〕') {
                    slips.push("年份应使用六角括号〔〕");
                }
                let mut quoted = written;
                if text.chars().skip(span.start).take(span.len()).any(|c| ('０'..='９').contains(&c)) {
                    slips.push("数字应使用半角阿拉伯数字");
                    quoted = text.chars().skip(span.start).take(span.len()).filter(|c| !c.is_whitespace()).collect();
                }
                if cite.numbered {
                    slips.push("发文顺序号前不加「第」");
                }
                if slips.is_empty() {
                    continue;
                }
                let fixed = format!("{}〔{}〕{}号", cite.prefix, cite.year, cite.number);
                out.hint(
                    "S17",
                    location,
                    format!("{place}中的文号「{}」：{}，写作「{fixed}」", shorten(&quoted, 30), slips.join("，")),
                );
            }
        }
    }
}

/// The (year, number) of the notice that issued a format.
fn notice_number(t: TemplateId) -> (u32, u32) {
    match t {
        TemplateId::V2021 => (2021, 30),
        TemplateId::V2019 => (2019, 60),
    }
}

/// A 文号 in the text: issuer, the year in brackets, the number and 号.
struct Citation {
    prefix: String,
    prefix_start: usize,
    open: char,
    close: char,
    year: u32,
    number: u32,
    /// 「〔2021〕第30号」
    numbered: bool,
    /// Just after 号.
    end: usize,
}

const OPEN: [char; 10] = ['〔', '[', '【', '（', '(', '［', '〖', '｛', '{', '﹝'];
const CLOSE: [char; 10] = ['〕', ']', '】', '）', ')', '］', '〗', '｝', '}', '﹞'];

/// Every 「机关代字〔YYYY〕N号」 (whatever the brackets), preceded by Chinese characters.
fn citations(reading: &Reading) -> Vec<Citation> {
    let chars = &reading.chars;
    let digits =
        |from: usize, max: usize| chars[from.min(chars.len())..].iter().take(max + 1).take_while(|c| c.is_ascii_digit()).count();
    let mut out = Vec::new();
    for i in 1..chars.len() {
        if !OPEN.contains(&chars[i]) || !is_han(chars[i - 1]) || digits(i + 1, 4) != 4 {
            continue;
        }
        let Some(&close) = chars.get(i + 5).filter(|c| CLOSE.contains(c)) else { continue };
        let numbered = chars.get(i + 6) == Some(&'第');
        let from = i + 6 + usize::from(numbered);
        let n = digits(from, 4);
        if n == 0 || n > 4 || chars.get(from + n) != Some(&'号') {
            continue;
        }
        let mut prefix_start = i;
        while prefix_start > 0 && i - prefix_start < 12 && is_han(chars[prefix_start - 1]) {
            prefix_start -= 1;
        }
        // 「依据国办…函」: the issuer starts at 国办.
        if let Some(k) = (prefix_start..i).find(|&k| chars[k] == '国' && chars.get(k + 1) == Some(&'办')) {
            prefix_start = k;
        }
        out.push(Citation {
            prefix: reading.text(prefix_start..i),
            prefix_start,
            open: chars[i],
            close,
            year: reading.text(i + 1..i + 5).parse().unwrap_or(0),
            number: reading.text(from..from + n).parse().unwrap_or(0),
            numbered,
            end: from + n + 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::check::{Finding, Severity, check};
    use crate::model::report::Report;
    use crate::model::template::TemplateId;

    fn s17(t: TemplateId, preamble: &str) -> Vec<Finding> {
        let mut r = Report::new(t, 2024, "某局");
        r.preamble = preamble.into();
        check(&r, None).into_iter().filter(|f| f.rule == "S17").collect()
    }

    const PINGTAN: &str = "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）、《国务院办公厅政府信息与政务公开办公室\
        关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》（国办公开办函〔2021〕30号）等文件要求编制而成。";

    #[test]
    fn the_right_notice_and_other_documents_pass() {
        assert!(s17(TemplateId::V2021, PINGTAN).is_empty());
        assert!(s17(TemplateId::V2019, &PINGTAN.replace("〔2021〕30号", "〔2019〕60号")).is_empty());
        // Real citations of other documents (平潭 2021), 国令, no 文号 at all, a plan's years.
        let other = "根据《关于加强政府门户网站政策文件解读发布工作的通知》（岚综管办便函〔2021〕39号）、（闽财非税函〔2021〕1号）\
                     和《中华人民共和国政府信息公开条例》（国令第 711 号），编制文化发展规划（2021-2035）。";
        assert!(s17(TemplateId::V2021, other).is_empty());
    }

    #[test]
    fn a_wrong_issuer_is_a_warning() {
        let found = s17(TemplateId::V2021, &PINGTAN.replace("（国办公开办函", "依据国办政务公开办函"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "前言引用的文号「国办政务公开办函〔2021〕30号」有误：印发年度报告格式的通知文号是「国办公开办函〔2021〕30号」"
        );
    }

    #[test]
    fn the_other_formats_notice_is_a_warning() {
        let found = s17(TemplateId::V2021, &PINGTAN.replace("〔2021〕30号", "〔2019〕60号"));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "前言引用「国办公开办函〔2019〕60号」（2019年试行格式），但本报告用的是2021年格式（现行），应引用「国办公开办函〔2021〕30号」"
        );
    }

    #[test]
    fn any_issuer_or_number_in_the_formats_sentence_is_checked() {
        for wrong in ["国办发〔2021〕30号", "国办函〔2021〕30号", "国办公开办函〔2021〕31号"] {
            let found = s17(TemplateId::V2021, &PINGTAN.replace("国办公开办函〔2021〕30号", wrong));
            assert_eq!(found.len(), 1, "{wrong}");
            assert_eq!(
                found[0].message,
                format!("前言引用的文号「{wrong}」有误：印发年度报告格式的通知文号是「国办公开办函〔2021〕30号」")
            );
        }
        // Outside the sentence that names the format, they may be other documents.
        let other = "根据国办公开办函〔2021〕12号和国办发〔2021〕30号文件精神，做好公开工作。";
        assert!(s17(TemplateId::V2021, other).is_empty(), "{:?}", s17(TemplateId::V2021, other));
    }

    #[test]
    fn small_brackets_full_width_digits_and_第_are_a_hint() {
        for (wrong, why) in [
            ("国办公开办函﹝2021﹞30号", "年份应使用六角括号〔〕"),
            ("国办公开办函〔２０２１〕３０号", "数字应使用半角阿拉伯数字"),
            ("国办公开办函〔2021〕第30号", "发文顺序号前不加「第」"),
        ] {
            let found = s17(TemplateId::V2021, &PINGTAN.replace("国办公开办函〔2021〕30号", wrong));
            assert_eq!(found.len(), 1, "{wrong}");
            assert_eq!(found[0].severity, Severity::Hint);
            assert_eq!(found[0].message, format!("前言中的文号「{wrong}」：{why}，写作「国办公开办函〔2021〕30号」"));
        }
    }

    #[test]
    fn brackets_other_than_liujiao_are_a_hint() {
        for wrong in ["[2021]", "【2021】", "（2021）", "(2021)"] {
            let found = s17(TemplateId::V2021, &PINGTAN.replace("〔2021〕", wrong));
            assert_eq!(found.len(), 1, "{wrong}");
            assert_eq!(found[0].severity, Severity::Hint);
            assert!(
                found[0].message.ends_with("年份应使用六角括号〔〕，写作「国办公开办函〔2021〕30号」"),
                "{}",
                found[0].message
            );
        }
        let found = s17(TemplateId::V2021, "按照（岚综管办便函[2021]39号）要求。");
        assert!(found[0].message.contains("「岚综管办便函〔2021〕39号」"), "{}", found[0].message);
    }
}
