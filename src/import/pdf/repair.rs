//! A PDF whose cross-reference table points to the wrong places, or whose
//! streams' /Length misses their end (a file edited by hand or by a careless
//! tool, bytes added or taken out): lopdf reads objects only where the table
//! says and streams only as long as they claim, so it cannot load the file or
//! loses its pages' content. As MuPDF, poppler and qpdf do, the objects are
//! found by scanning the file for `N G obj` at the start of a line (the last
//! definition of a number wins), a stream not ending where its /Length says is
//! written again up to its `endstream`, and a new table and trailer pointing
//! to them are appended; the file is then read as any other. An encrypted
//! file is not repaired (its trailer's keys would have to be carried over
//! exactly): it stays refused.

/// The most object numbers a rebuilt table holds (a report has a few thousand).
const MAX_OBJECTS: usize = 1_000_000;

/// The file with a rebuilt cross-reference table appended, or `None` when no
/// object or no catalog is found, or the file is encrypted.
pub(super) fn rebuilt(bytes: &[u8]) -> Option<Vec<u8>> {
    let objects = scan(bytes);
    let size = objects.iter().map(|o| o.0 as usize + 1).max()?;
    let trailer = bytes.windows(7).rposition(|w| w == b"trailer").map(|at| &bytes[at..]);
    if trailer.is_some_and(|t| t.windows(8).any(|w| w == b"/Encrypt")) {
        return None;
    }
    let root = trailer.and_then(|t| reference_after(t, b"/Root")).or_else(|| {
        // No trailer (a file with a cross-reference stream): the last catalog object.
        objects.iter().rev().find(|o| is_catalog(&bytes[o.2..])).map(|o| (o.0, o.1))
    })?;
    let info = trailer.and_then(|t| reference_after(t, b"/Info"));
    let mut table: Vec<Option<(u16, usize)>> = vec![None; size];
    for &(number, generation, offset) in &objects {
        table[number as usize] = Some((generation, offset));
    }
    let mut out = bytes.to_vec();
    // Streams whose /Length misses their end, written again with their true
    // length: every `endstream` found once, dictionaries read within a budget
    // of bytes (a file of a million unclosed dictionaries is not read for each).
    let ends: Vec<usize> = (0..bytes.len().saturating_sub(8)).filter(|&i| bytes[i..].starts_with(b"endstream")).collect();
    let mut budget = 4 * bytes.len() + 65_536;
    for number in 0..size {
        let Some((generation, offset)) = table[number] else { continue };
        if let Some(fixed) = stream_with_true_length(bytes, offset, &table, &ends, &mut budget) {
            out.push(b'\n');
            table[number] = Some((generation, out.len()));
            out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
            out.extend_from_slice(&fixed);
            out.extend_from_slice(b"\nendobj\n");
        }
    }
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for entry in &table {
        let line = match entry {
            Some((generation, offset)) => format!("{offset:010} {generation:05} n \n"),
            None => "0000000000 65535 f \n".to_string(),
        };
        out.extend_from_slice(line.as_bytes());
    }
    let info = info.map_or(String::new(), |(n, g)| format!(" /Info {n} {g} R"));
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root {} {} R{info} >>\nstartxref\n{xref_at}\n%%EOF\n", root.0, root.1).as_bytes(),
    );
    Some(out)
}

/// Every `N G obj` at the start of a line: (number, generation, offset).
fn scan(bytes: &[u8]) -> Vec<(u32, u16, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(k) = bytes[at..].windows(3).position(|w| w == b"obj") {
        let end = at + k;
        at = end + 3;
        if bytes.get(end + 3).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        // Back over 「N G 」 to the line's start.
        let mut i = end;
        let mut fields = Vec::new();
        for _ in 0..2 {
            while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
                i -= 1;
            }
            let stop = i;
            while i > 0 && bytes[i - 1].is_ascii_digit() && stop - i < 10 {
                i -= 1;
            }
            fields.push(std::str::from_utf8(&bytes[i..stop]).ok().and_then(|d| d.parse::<u64>().ok()));
        }
        let line_start = i == 0 || matches!(bytes[i - 1], b'\n' | b'\r');
        if let (true, &[Some(generation), Some(number)]) = (line_start, fields.as_slice())
            && (number as usize) < MAX_OBJECTS
            && generation <= u64::from(u16::MAX)
        {
            found.push((number as u32, generation as u16, i));
        }
    }
    found
}

/// The object at `offset` again — its dictionary, `stream`, its data and
/// `endstream` — when it is a stream whose /Length does not end at
/// `endstream`: the data taken up to the first `endstream` and the length
/// written as it is. `None` for any other object.
fn stream_with_true_length(
    bytes: &[u8],
    offset: usize,
    table: &[Option<(u16, usize)>],
    stream_ends: &[usize],
    budget: &mut usize,
) -> Option<Vec<u8>> {
    // 「N G obj」 starts at an object's offset.
    let after_obj = offset + bytes.get(offset..bytes.len().min(offset + 32))?.windows(3).position(|w| w == b"obj")? + 3;
    let open = after_obj + bytes[after_obj..].iter().position(|b| !b.is_ascii_whitespace())?;
    let close = dictionary_end(bytes, open, budget)?;
    let mut data = close + bytes[close..].iter().position(|b| !b.is_ascii_whitespace())?;
    if !bytes[data..].starts_with(b"stream") {
        return None;
    }
    data += 6;
    data += if bytes[data..].starts_with(b"\r\n") { 2 } else { usize::from(matches!(bytes.get(data), Some(b'\n' | b'\r'))) };
    let dict = &bytes[open..close];
    let key = dict.windows(8).position(|w| w[..7] == *b"/Length" && w[7].is_ascii_whitespace())?;
    let value = std::str::from_utf8(&dict[key + 7..dict.len().min(key + 40)]).ok()?;
    let words: Vec<&str> =
        value.split(|c: char| c.is_whitespace() || "/>".contains(c)).filter(|w| !w.is_empty()).take(3).collect();
    let (declared, value_len) = match words[..] {
        [n, g, "R", ..] => {
            let (_, at) = table.get(n.parse::<usize>().ok()?).copied().flatten()?;
            let _: u16 = g.parse().ok()?;
            let after = at + bytes[at..bytes.len().min(at + 32)].windows(3).position(|w| w == b"obj")? + 3;
            let text = std::str::from_utf8(&bytes[after..bytes.len().min(after + 30)]).ok()?;
            let declared = text.split_whitespace().next().and_then(|w| w.parse::<usize>().ok());
            (declared, value.find('R')? + 1)
        }
        [n, ..] => (n.parse::<usize>().ok(), value.find(n)? + n.len()),
        _ => return None,
    };
    let ends = |end: usize| {
        let rest = bytes.get(end..).unwrap_or_default();
        let rest =
            rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")).or_else(|| rest.strip_prefix(b"\r")).unwrap_or(rest);
        rest.starts_with(b"endstream")
    };
    if declared.is_some_and(|n| ends(data + n)) {
        return None;
    }
    let mut end = *stream_ends.get(stream_ends.partition_point(|&e| e < data))?;
    if bytes[..end].ends_with(b"\r\n") {
        end -= 2;
    } else if bytes[..end].ends_with(b"\n") || bytes[..end].ends_with(b"\r") {
        end -= 1;
    }
    let mut out = dict[..key].to_vec();
    out.extend_from_slice(format!("/Length {}", end.saturating_sub(data)).as_bytes());
    out.extend_from_slice(&dict[key + 7 + value_len..]);
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&bytes[data..end.max(data)]);
    out.extend_from_slice(b"\nendstream");
    Some(out)
}

/// The index after the `>>` closing the dictionary opened at `open` (at most 64 KB on).
fn dictionary_end(bytes: &[u8], open: usize, budget: &mut usize) -> Option<usize> {
    if !bytes[open..].starts_with(b"<<") {
        return None;
    }
    let mut depth = 0usize;
    let mut i = open;
    while i + 1 < bytes.len().min(open + 65_536) {
        *budget = budget.checked_sub(1)?;
        match &bytes[i..i + 2] {
            b"<<" => (depth, i) = (depth + 1, i + 2),
            b">>" => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The reference `N G R` right after `key` in `text`.
fn reference_after(text: &[u8], key: &[u8]) -> Option<(u32, u16)> {
    let at = text.windows(key.len()).position(|w| w == key)? + key.len();
    let rest = std::str::from_utf8(&text[at..text.len().min(at + 40)]).ok()?;
    let mut words = rest.split_whitespace();
    let (n, g, r) = (words.next()?.parse().ok()?, words.next()?.parse().ok()?, words.next()?);
    r.starts_with('R').then_some((n, g))
}

/// Whether the object starting at the front of `text` is the catalog.
fn is_catalog(text: &[u8]) -> bool {
    let end = text.windows(6).position(|w| w == b"endobj").unwrap_or(text.len()).min(4096);
    let squeezed: Vec<u8> = text[..end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    squeezed.windows(13).any(|w| w == b"/Type/Catalog")
}

#[cfg(test)]
mod tests {
    use super::super::test_pdf;

    #[test]
    fn a_file_whose_table_points_to_the_wrong_places_is_read_by_scanning_its_objects() {
        let mut doc = lopdf::Document::with_version("1.4");
        let content = "BT /F1 12 Tf 50 700 Td (Annual report of the county office, read again) Tj ET";
        test_pdf::one_page(&mut doc, test_pdf::helvetica(), content.as_bytes());
        let good = test_pdf::saved(doc);
        // Bytes added after the header: every offset in the table is 40 bytes off.
        let at = good.iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut broken = good[..at].to_vec();
        broken.extend_from_slice(&[b'%'; 39]);
        broken.push(b'\n');
        broken.extend_from_slice(&good[at..]);
        let text = super::super::from_bytes(&broken).unwrap().text;
        assert!(text.contains("Annual report of the county office, read again"), "{text}");
        // A content stream's /Length shorter than its data (the table right):
        // lopdf drops the stream, so the page would show no text.
        let stated = format!("/Length {}", content.len());
        let at = good.windows(stated.len()).position(|w| w == stated.as_bytes()).unwrap();
        let mut short = good.clone();
        short[at + 8..at + stated.len()].copy_from_slice(format!("{}", content.len() - 9).as_bytes());
        let text = super::super::from_bytes(&short).unwrap().text;
        assert!(text.contains("Annual report of the county office, read again"), "{text}");
        // Nothing to find: still refused as damaged.
        let err = super::super::from_bytes(b"%PDF-1.4\nxref\n0 1\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF").unwrap_err();
        assert!(err.0.contains("损坏"), "{}", err.0);
    }
}
