//! The text's left and right edges on a page: where its paragraphs' lines
//! start and end. Not a table's (Word and LibreOffice draw one past the
//! margins), and not a line standing apart from every other above and below
//! it — a browser's print header 「11/30/26, 12:20 AM」 at the page's corner, a
//! footer's address or page counter alone on its line — which lie outside the
//! margins and would put the edges where no paragraph's line reaches, so no
//! line would go on.

use super::super::Run;

/// A line standing apart: no other line (a table's too) within this many of
/// its characters' heights above or below it. Paragraphs, headings and tables
/// are closer; a browser's print header and footer stand in the page margin.
const APART: f32 = 3.0;

/// The left and right edges of the page's `lines` that `text` says are a
/// paragraph's, with those `carried` from the pages before: of the lines that
/// have a neighbour; when none has, the edges carried, or without them those
/// of all the lines (`None` without any).
pub(super) fn of_text(lines: &[Vec<Run>], text: impl Fn(&[Run]) -> bool, carried: Option<(f32, f32)>) -> Option<(f32, f32)> {
    let near = |k: usize| {
        let (y, size) = (lines[k][0].y, lines[k][0].size);
        [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| lines.get(j))
            .any(|l| (l[0].y - y).abs() <= APART * size.max(l[0].size))
    };
    let text_lines: Vec<usize> = (0..lines.len()).filter(|&k| text(&lines[k])).collect();
    let body: Vec<usize> = text_lines.iter().copied().filter(|&k| near(k)).collect();
    let body = match (body.is_empty(), carried) {
        (false, _) => body,
        (true, Some(_)) => return carried,
        (true, None) => text_lines,
    };
    // A full-width sign may hang past the margin (LibreOffice's 「。」): the
    // edge is where the characters before it end.
    let hanging = |r: &Run| r.text.ends_with(['，', '。', '、', '；', '：', '！', '？', '）', '」', '』', '》', '”', '’']);
    let left = body.iter().map(|&k| lines[k][0].x).fold(f32::MAX, f32::min);
    let right = body.iter().map(|&k| {
        let last = &lines[k][lines[k].len() - 1];
        last.end - if hanging(last) { lines[k][0].size } else { 0.0 }
    });
    let right = right.fold(f32::MIN, f32::max);
    let (left, right) = carried.map_or((left, right), |(l, r)| (l.min(left), r.max(right)));
    (left <= right).then_some((left, right))
}
