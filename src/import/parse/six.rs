//! Part 六's text and the 落款 that ends it.

use super::{Review, chrome, unsure};
use crate::import::labels::Doc;
use crate::import::signature::{self, Split};
use crate::import::stream::Source;
use crate::model::Report;

/// Reads part 六 (`from..to` of `doc`) into `report`: its text, the 落款 split
/// off its end; what looks odd there is listed in `review`.
pub(super) fn read(doc: &Doc, source: &Source, (from, to): (usize, usize), report: &mut Report, review: &mut Vec<Review>) {
    let end = chrome::end_of_report(doc, source, from, to, review);
    let mut split = signature::split(&unsure::text(doc, from, end), &report.agency);
    if split.unit.is_empty() && split.date.is_empty() {
        late_signature(doc, (from, to), &report.agency, &mut split, review);
    }
    if let Some(line) = &split.doubt {
        review.push(Review {
            place: "第六部分".into(),
            message: format!("第六部分末尾的「{line}」像是落款（单位或日期），但未能读作落款，已留在第六部分，请核对"),
        });
    }
    if let Some(words) = &split.debris {
        review.push(Review {
            place: "第六部分".into(),
            message: format!(
                "落款之后的「{words}」不是第六部分的正文（如附注、附件或被排到末尾的表格文字），未读入第六部分，请对照原文核对"
            ),
        });
    }
    report.other_matters = split.text;
    report.signature.unit = split.unit;
    report.signature.date = split.date;
}

/// A 落款 found after the page's links (「【打印本页】」) and nothing else there:
/// taken into `split`, and listed, since its place in the source is odd.
fn late_signature(doc: &Doc, (from, to): (usize, usize), agency: &str, split: &mut Split, review: &mut Vec<Review>) {
    let Some((a, b)) = chrome::after_links(doc, from, to) else { return };
    let late = signature::split(&unsure::text(doc, a, b), agency);
    if late.text.is_empty() && !late.unit.is_empty() {
        review.push(Review {
            place: "第六部分".into(),
            message: format!(
                "落款「{}」在网页末尾的链接（如「打印本页」）之后，已读作落款，请核对",
                late.unit.replace('\n', " ")
            ),
        });
        (split.unit, split.date) = (late.unit, late.date);
    }
}
