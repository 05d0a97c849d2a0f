//! Marked content with an /ActualText: what the document says its glyphs are.

use lopdf::Object;

use super::Run;

/// The /ActualText a marked-content sequence's properties give (written
/// inline), when it says something.
pub(super) fn actual_text(operands: &[Object]) -> Option<String> {
    let text = operands.get(1)?.as_dict().ok()?.get(b"ActualText").ok()?;
    let text = lopdf::decode_text_string(text).ok()?;
    let text = text.trim_start_matches('\u{FEFF}');
    (!text.trim().is_empty()).then(|| text.to_string())
}

/// The strings drawn inside a marked-content sequence with an /ActualText
/// (from `first` on) read as that text: what the document says its glyphs
/// are overrides their font's mapping (Chromium draws 「户」 with a glyph its
/// font maps to the radical 「⼾」 and says 「户」 this way). Only when they
/// stand on one baseline; nothing visible drawn, nothing read.
pub(super) fn replace_by_actual_text(runs: &mut Vec<Run>, first: usize, text: String) {
    let Some(head) = runs.get(first) else { return };
    if runs[first..].iter().any(|r| (r.y - head.y).abs() > 0.35 * r.size.max(head.size)) {
        return;
    }
    let (x, end) = runs[first..].iter().fold((f32::MAX, f32::MIN), |(x, e), r| (x.min(r.x), e.max(r.end)));
    let (y, size) = (head.y, head.size);
    runs.truncate(first);
    runs.push(Run { x, y, end, size, text });
}

#[cfg(test)]
mod tests {
    use crate::import::pdf::from_bytes;
    use crate::import::pdf::test_pdf::page_with;
    use lopdf::dictionary;

    #[test]
    fn marked_content_with_actual_text_reads_as_that_text() {
        // The glyph's own mapping says 「D」; the span says 「户」 (U+6237). A
        // span without ActualText, or around nothing drawn, changes nothing.
        let content = "BT /F1 12 Tf 50 700 Td (The county office portal ) Tj /Span <</ActualText <FEFF6237>>> BDC (D) Tj EMC \
            /Span <</Lang (en)>> BDC (site) Tj EMC /P <</ActualText <FEFF0039>>> BDC EMC ( 2024) Tj ET";
        let text = from_bytes(&page_with(content, dictionary! {}, dictionary! {})).unwrap().text;
        assert!(text.contains("The county office portal 户site 2024"), "{text}");
        assert!(!text.contains('D') && !text.contains('9'), "{text}");
    }
}
