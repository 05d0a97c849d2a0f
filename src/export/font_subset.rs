//! A face reduced to the glyphs a document uses, for embedding in the PDF
//! (allsorts, printpdf's own font crate, does the subsetting).

use std::borrow::Cow;
use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::error::ParseError;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use allsorts::tables::FontTableProvider;
use allsorts::tag;

/// The font reduced to .notdef and the glyphs of `chars`, with a cmap of exactly
/// `chars` (None: the font is damaged).
pub(super) fn subset(data: &[u8], index: u32, chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(data, index).ok()?;
    let mappings: Vec<(u32, u16)> =
        chars.iter().filter_map(|&c| face.glyph_index(c).map(|g| (c as u32, g.0))).filter(|&(_, g)| g != 0).collect();
    let glyphs: BTreeSet<u16> = mappings.iter().map(|&(_, g)| g).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect(); // .notdef first
    let file = ReadScope::new(data).read::<FontData<'_>>().ok()?;
    let font = file.table_provider(index as usize).ok()?;
    let provider = UsedCmap { font: &font, cmap: cmap_table(&mappings) };
    allsorts::subset::subset(&provider, &ids, &SubsetProfile::Minimal, CmapTarget::Unicode).ok()
}

/// The face's tables with its cmap replaced by one holding only the characters in
/// use. allsorts keeps the cmap entries of the kept glyphs by testing every entry
/// of the cmap against the list of glyphs (entries × glyphs: for a whole CJK cmap,
/// most of a subset's time); the subset's cmap is the same for the characters used,
/// and no longer lists others that share their glyphs (a Kangxi radical that shares
/// 一's glyph): the PDF's text then maps each glyph back to the character written.
struct UsedCmap<'a, P> {
    font: &'a P,
    cmap: Vec<u8>,
}

impl<P: FontTableProvider> FontTableProvider for UsedCmap<'_, P> {
    fn table_data(&self, tag: u32) -> Result<Option<Cow<'_, [u8]>>, ParseError> {
        if tag == tag::CMAP { Ok(Some(Cow::Borrowed(&self.cmap))) } else { self.font.table_data(tag) }
    }

    fn has_table(&self, tag: u32) -> bool {
        tag == tag::CMAP || self.font.has_table(tag)
    }

    fn table_tags(&self) -> Option<Vec<u32>> {
        self.font.table_tags()
    }
}

/// A cmap table with one subtable, Windows Unicode full repertoire (3, 10), format
/// 12, one group per character (OpenType spec, “cmap — Character to Glyph Index
/// Mapping Table”). `mappings` are (code point, glyph) in code point order.
fn cmap_table(mappings: &[(u32, u16)]) -> Vec<u8> {
    let subtable_len = 16 + 12 * mappings.len();
    let mut out = Vec::with_capacity(12 + subtable_len);
    let u16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_be_bytes());
    let u32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_be_bytes());
    u16(&mut out, 0); // version
    u16(&mut out, 1); // one encoding record
    u16(&mut out, 3); // Windows
    u16(&mut out, 10); // Unicode full repertoire
    u32(&mut out, 12); // the subtable follows the record
    u16(&mut out, 12); // format
    u16(&mut out, 0);
    u32(&mut out, subtable_len as u32);
    u32(&mut out, 0); // language
    u32(&mut out, mappings.len() as u32);
    for &(code, glyph) in mappings {
        u32(&mut out, code);
        u32(&mut out, code);
        u32(&mut out, u32::from(glyph));
    }
    out
}

/// Six capital letters that differ between subsets (ISO 32000-1 §9.6.4).
pub(super) fn tag(name: &str, chars: &BTreeSet<char>) -> String {
    // FNV-1a over the name and the characters: stable from run to run.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes().chain(chars.iter().flat_map(|c| (*c as u32).to_le_bytes())) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Role};

    #[test]
    fn the_subset_maps_exactly_the_characters_used_to_their_glyphs() {
        let fonts = FontSet::bundled();
        let face = fonts.face(fonts.primary(Role::Body));
        let chars: BTreeSet<char> = "政府信息公开工作年度报告，。2024".chars().collect();
        let subset = subset(face.data, face.index, &chars).expect("subset");
        let small = ttf_parser::Face::parse(&subset, 0).expect("the subset parses");
        assert_eq!(small.number_of_glyphs() as usize, chars.len() + 1, ".notdef and one glyph per character");
        for &c in &chars {
            let glyph = small.glyph_index(c).unwrap_or_else(|| panic!("{c} in the subset's cmap"));
            assert_eq!(small.glyph_hor_advance(glyph), face_advance(face, c), "{c}: the same glyph");
        }
        assert_eq!(small.glyph_index('党'), None, "nothing else");
        assert!(subset.len() < 40_000, "{} bytes", subset.len());
    }

    fn face_advance(face: &crate::fonts::Face, c: char) -> Option<u16> {
        let parsed = ttf_parser::Face::parse(face.data, face.index).unwrap();
        parsed.glyph_hor_advance(parsed.glyph_index(c).unwrap())
    }
}
