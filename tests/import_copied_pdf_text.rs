//! Text copied from PDFs (`pdftotext -layout`, a browser-printed PDF's text):
//! a row whose numbers are not certainly its own is unread with the numbers
//! it may hold — never read wrong silently, never unread without them.

use nianbao::import::import_text;
use nianbao::model::Report;
use nianbao::model::check::CellRef;

/// Each cell of row `row` of table 三 either read as `want` or unread with
/// the wanted value among its readings; returns how many were unread.
fn row_is_right_or_unread(r: &Report, row: usize, want: [i64; 7]) -> usize {
    let mut unread = 0;
    for (j, want) in want.iter().enumerate() {
        match r.unread_at(CellRef::applications(row, j)) {
            Some(u) => {
                assert!(u.candidates.contains(&want.to_string()), "row {row} col {j}: {u:?}");
                unread += 1;
            }
            None => assert_eq!(r.applications[row][j], Some(*want), "row {row} col {j}"),
        }
    }
    unread
}

/// `pdftotext -layout` of a table 三 whose long labels wrap over three lines:
/// the 总计 on the label's first line, the other numbers on its middle line.
#[test]
fn numbers_on_a_wrapped_labels_lines_are_not_lost_or_shifted() {
    let text = "某县某局2024年政府信息公开工作年度报告\n\
        二、主动公开政府信息情况\n\
        三、收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量           159     135   61     66   104   109   634\n\
        \x20             5.要求行政机关确认或重新出具已 0                  2         0        0        0        0        2\n\
        \x20             获取信息\n\
        \n\
        \x20             1.申请人无正当理由逾期不补正、                                                                  17\n\
        \x20             行政机关不再处理其政府信息公开 12                  0         2        1        2        0\n\
        \x20             申请\n\
        \x20    （六）其\n\
        \x20             2.申请人逾期未按收费通知要求缴                                                                  5\n\
        \x20    他处理\n\
        \x20             纳费用、行政机关不再处理其政府 0                   3         2        0        0        0\n\
        \x20             信息公开申请\n\
        \x20             3.其他                       2        0         2        2        12       3        21\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let imported = import_text(text).unwrap();
    let r = &imported.report;
    // （六）1 and （六）2: their numbers stand around and inside their labels.
    assert_eq!(row_is_right_or_unread(r, 20, [12, 0, 2, 1, 2, 0, 17]), 7, "{:?}", imported.review_lines());
    assert_eq!(row_is_right_or_unread(r, 21, [0, 3, 2, 0, 0, 0, 5]), 7, "{:?}", imported.review_lines());
    assert_eq!(row_is_right_or_unread(r, 0, [159, 135, 61, 66, 104, 109, 634]), 0, "{:?}", imported.review_lines());
}

/// 「（二）部分公开（区分处理的，只计这一情…形，不计其他情形）」 with the
/// row's numbers inside the label's note, as `pdftotext -layout` prints it.
#[test]
fn numbers_inside_a_wrapped_note_are_the_rows_readings() {
    let text = "某县某局2024年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        三、本 （一）予以公开                68      65    19     8    44    54    258\n\
        年度办 （二）部分公开（区分处理的，只计这一情                                          30\n\
        \x20                          12      5     1      0    12    0\n\
        理结果 形，不计其他情形）\n\
        \x20  （三）不 1.属于国家秘密           5       5     0      12   2     1     25\n\
        （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n\
        四、政府信息公开行政复议、行政诉讼情况\n";
    let imported = import_text(text).unwrap();
    let r = &imported.report;
    assert_eq!(row_is_right_or_unread(r, 3, [12, 5, 1, 0, 12, 0, 30]), 7, "{:?}", imported.review_lines());
    assert_eq!(row_is_right_or_unread(r, 2, [68, 65, 19, 8, 44, 54, 258]), 0);
}

/// A browser-printed PDF's text: 「行政事业性收费」 followed by 行政强制's
/// number, then the column header, then the fee. The number after the label
/// is not certainly the fee.
#[test]
fn a_number_after_a_label_then_a_header_then_another_number_is_unsure() {
    let text = "某县某局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
        第二十条第（一）项\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n规章\n\n0\n\n0\n\n\
        第二十条第（六）项\n信息内容\n行政处罚\n\n本年处理决定数量\n2,155\n本年处理决定数量\n815\n\n\
        行政强制\n第二十条第（八）项\n信息内容\n行政事业性收费\n\n3\n本年收费金额（单位：万元）\n17.92\n\n\
        三、收到和处理政府信息公开申请情况\n";
    let imported = import_text(text).unwrap();
    let r = &imported.report;
    let fee = r.unread_at(CellRef::disclosure(5, 0)).expect("the fee is unread");
    assert!(fee.candidates.contains(&"17.92".to_string()) && fee.candidates.contains(&"3".to_string()), "{fee:?}");
    assert_eq!(r.disclosure[5][0], None);
}
