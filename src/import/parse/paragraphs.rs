//! Lines a page or a copy wrapped inside a paragraph, joined again: a web page
//! printed to PDF, text copied from a PDF and a `<br>` break sentences where
//! the source had none.

use super::contact::LABELS;

/// What ends a sentence, and with it maybe a paragraph.
const SENTENCE_ENDS: [char; 9] = ['。', '！', '？', '!', '?', '；', ';', '…', '”'];

/// The text with a line break taken out where the line clearly goes on: the
/// line before does not end a sentence and the line after is no heading, list
/// item or contact line (「地址：」). Between two ASCII letters or digits the
/// break becomes a space, as two numbers stay two.
pub(super) fn joined(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len());
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let before = out.trim_end().chars().last();
            let next = line.trim_start();
            let goes_on = before.is_some_and(|c| !SENTENCE_ENDS.contains(&c)) && !next.is_empty() && !starts_block(next);
            if !goes_on {
                out.push('\n');
            } else if before.is_some_and(|c| c.is_ascii_alphanumeric())
                && next.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

/// Whether a line starts a block of its own: a heading or list item
/// (「一、」「（一）」「1.」「(1)」「①」「第一」「【」) or a contact line.
fn starts_block(line: &str) -> bool {
    let c: Vec<char> = line.chars().take(4).collect();
    let numeral = |c: char| super::super::labels::is_numeral(c) || c.is_ascii_digit();
    let item = match c.as_slice() {
        ['（' | '(', n, '）' | ')', ..] => numeral(*n),
        ['（' | '(', a, b, '）' | ')'] => numeral(*a) && numeral(*b),
        [n, '、' | '.' | '．' | ')' | '）', ..] => numeral(*n),
        [a, b, '、' | '.' | '．', ..] => numeral(*a) && numeral(*b),
        ['第', n, ..] => numeral(*n),
        [first, ..] => matches!(first, '【' | '①'..='⑳' | '•' | '●' | '■' | '◆' | '★'),
        [] => false,
    };
    item || LABELS.iter().any(|l| line.starts_with(l))
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn lines_wrapped_inside_a_sentence_are_joined() {
        // A web page printed to PDF, text copied from a PDF.
        let wrapped = "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政\n府信息公开工作年度报告格式》要求编制。统计期限自2024年1月1日起至2024年12\n月31日止。请与某局联系（电话：\n(0576)83320011；电话：0576-8332\n5678）。";
        assert_eq!(
            joined(wrapped),
            "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。统计期限自2024年1月1日起至2024年12月31日止。请与某局联系（电话：(0576)83320011；电话：0576-8332 5678）。"
        );
        // A sentence's end, a list item, a contact line: the break stays.
        for kept in [
            "编制。\n本报告",
            "要点\n(12)公开",
            "如下：\n（一）公开",
            "要点\n1.公开",
            "联系电话：0576-83321234\n地址：临江县滨江路12号",
            "目录\n第一部分",
        ] {
            assert_eq!(joined(kept), kept);
        }
    }

    #[test]
    fn a_pasted_reports_preamble_is_read_as_its_paragraph() {
        let parts = "一、总体情况\n正文。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。";
        let text = format!(
            "某局2024年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编\n制。如有疑问，请与某局办公室联系（地\n址：临江县\n滨江路47号）。\n{parts}"
        );
        let got = crate::import::import_source(&crate::import::Source::plain(&text)).unwrap().report;
        assert_eq!(
            got.preamble,
            "本报告根据《中华人民共和国政府信息公开条例》编制。如有疑问，请与某局办公室联系（地址：临江县滨江路47号）。"
        );
        assert_eq!(got.contact.address, "临江县滨江路47号");
    }
}
