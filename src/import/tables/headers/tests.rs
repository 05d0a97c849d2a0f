//! How header labels place the columns of tables 二, 三 and 四.

use super::*;

fn map(text: &str, nodes: &[Node]) -> Vec<Option<usize>> {
    let d = Doc::new(text);
    columns(&d, nodes, 0, d.len())
}

#[test]
fn headers_in_another_order_place_columns_by_label() {
    let t3 = applicants();
    let official = "申请人情况\n自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    assert_eq!(map(official, &t3), (0..7).map(Some).collect::<Vec<_>>());
    let swapped = "自然人\t法人或其他组织\t总计\n科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他\n";
    assert_eq!(map(swapped, &t3), [0, 2, 1, 3, 4, 5, 6].map(Some));
    let total_first = "总计\t法人或其他组织\t自然人\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    assert_eq!(map(total_first, &t3), [6, 1, 2, 3, 4, 5, 0].map(Some));
    // Cells one per line (a crawler's text): nothing says another order.
    assert_eq!(map(&official.replace('\t', "\n"), &t3), (0..7).map(Some).collect::<Vec<_>>());
    // Two labels swapped that are not side by side in one block, the
    // group's other labels not shown: none of the group's columns is certain.
    let apart = "自然人\t法人或其他组织\t总计\n其他\t商业企业\n";
    assert_eq!(map(apart, &t3), [Some(0), None, None, None, None, None, Some(6)]);
}

#[test]
fn labels_wrapped_in_their_cells_still_tell_the_order() {
    // A PDF's lines: each label broken in two, the halves of a row on one line.
    let pdf = "法人或其他组织\n自然\t社会\t法律\n科研\t商业\t总计\n人\t公益\t服务\t其他\n机构\t企业\n组织\t机构\n";
    let got = map(pdf, &applicants());
    assert!(got[1].is_none() && got[2].is_none(), "{got:?}");
    let straight = pdf.replace("科研\t商业", "商业\t科研");
    assert_eq!(map(&straight, &applicants()), (0..7).map(Some).collect::<Vec<_>>());
}

#[test]
fn table_four_outcomes_and_blocks() {
    let t4 = reviews();
    let outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
    let official = format!("行政复议\t行政诉讼\n{outcomes}\t未经复议直接起诉\t复议后起诉\n{outcomes}\t{outcomes}\n");
    assert_eq!(map(&official, &t4), (0..15).map(Some).collect::<Vec<_>>());
    let first = "结果纠正\t结果维持\t其他结果\t尚未审结\t总计";
    let swapped = format!("行政复议\t行政诉讼\n{first}\t未经复议直接起诉\t复议后起诉\n{outcomes}\t{outcomes}\n");
    let mut want: Vec<Option<usize>> = (0..15).map(Some).collect();
    want.swap(0, 1);
    assert_eq!(map(&swapped, &t4), want);
    let blocks = format!("行政诉讼\t行政复议\n未经复议直接起诉\t复议后起诉\t{outcomes}\n{outcomes}\t{outcomes}\n");
    let want: Vec<Option<usize>> = (0..15).map(|j| Some((j + 10) % 15)).collect();
    assert_eq!(map(&blocks, &t4), want);
}

#[test]
fn shortened_labels_are_the_labels_they_stand_for() {
    let swapped = "自然人\t法人或其他组织\t总计\n科研\t企业\t公益组织\t律所\t其他\n";
    assert_eq!(map(swapped, &applicants()), [0, 2, 1, 3, 4, 5, 6].map(Some));
    let t2 = flat(&["本年制发件数", "本年废止件数", "现行有效件数"]);
    assert_eq!(map("信息内容\t废止\t制发\t现行有效件数\n", &t2), [1, 0, 2].map(Some));
    // 「企业」 inside a sentence of the header area is not a label.
    assert_eq!(
        map("自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n", &applicants()),
        (0..7).map(Some).collect::<Vec<_>>()
    );
}

#[test]
fn labels_not_recognised_leave_their_columns_unsure() {
    // A header is there, its labels are not ours: no order can be assumed.
    let english = "自然人\t法人或其他组织\t总计\nResearch\tBusiness\tPublic interest\tLegal services\tOther\n";
    assert_eq!(map(english, &applicants()), [Some(0), None, None, None, None, None, Some(6)]);
    // One label not recognised: it takes the one column left.
    let one = "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\tOthers\n";
    assert_eq!(map(one, &applicants()), (0..7).map(Some).collect::<Vec<_>>());
    // Heads of wrapped labels run together (a PDF's close cells) are still read.
    let pdf = "法人或其他组织\n自然人\t社会法律\t总计\n科研商业\n公益服务其他\n";
    assert_eq!(map(pdf, &applicants()), [0, 2, 1, 3, 4, 5, 6].map(Some));
    assert_eq!(map(&pdf.replace("科研商业", "商业科研"), &applicants()), (0..7).map(Some).collect::<Vec<_>>());
}

#[test]
fn two_header_lines_that_disagree_leave_their_columns_unsure() {
    let two = "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他\n";
    let got = map(two, &applicants());
    assert!(got[1].is_none() && got[2].is_none() && got[0] == Some(0), "{got:?}");
    let same = "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    assert_eq!(map(same, &applicants()), (0..7).map(Some).collect::<Vec<_>>());
}

#[test]
fn a_subtotal_column_anywhere_is_placed_by_its_header() {
    let sub = subtotal_col();
    // Beside 自然人, on the group's line.
    let beside = "自然人\t小计\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    let got = map(beside, &applicants_with_subtotal(false));
    assert_eq!(got, [0, 2, 3, 4, 5, 6, 1, 7].map(Some));
    assert_eq!(got[sub], Some(1));
    // Below the group, after 其他 (the layout's own place) or before 商业企业.
    let after = "自然人\t法人或其他组织\t总计\n商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计\n";
    assert_eq!(map(after, &applicants_with_subtotal(true)), (0..8).map(Some).collect::<Vec<_>>());
    let first = "自然人\t法人或其他组织\t总计\n小计\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n";
    assert_eq!(map(first, &applicants_with_subtotal(true)), [0, 2, 3, 4, 5, 6, 1, 7].map(Some));
}
