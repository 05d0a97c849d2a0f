//! A font's codes → text, for any font type: the /ToUnicode CMap first
//! (Type0/Identity-H, TrueType, Type 3 alike — Chromium prints a web page
//! with Type 3 fonts whose glyphs are named 「g12」), then for simple fonts
//! the glyph names of /Encoding /Differences (uniXXXX, uXXXXX, standard and
//! afii names), then the font's base encoding. A code nothing maps is not
//! guessed: it becomes U+FFFD and is counted, so a page of such text is
//! told as unreadable text, not as a scan.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::MAX_STREAM;
use super::cmap::CMap;

mod widths;
use widths::Widths;

/// A character no mapping gives (shown as such, never read as a number).
pub(super) const UNMAPPED: char = '\u{FFFD}';

/// The ideographs that the CJK radicals U+2E80–U+2EF3 and the Kangxi
/// radicals U+2F00–U+2FD5 stand for (Unicode's EquivalentUnifiedIdeograph.txt;
/// a radical without one stands for itself).
const RADICALS: (&str, &str) = (
    "⺀厂乛乚乙亻冂𠘨刀刂卜㔾小小兀尣尢𡯂巳幺彑𫜹忄心扌攵⺚旡日月歺母民氵氺灬爫爫丬牛犭王𤴔目示礻𥫗糹纟罓罒㓁冗𦉫羊𦍌𦍋耂肀聿肉𦥑艹艹艹虎衤覀西见角𧢲讠贝𧾷车辶辶辶邑钅長镸长门𨸏阝雨青韦页风飞食𩙿飠饣𩠐马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟",
    "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠",
);

/// A radical as the ideograph it stands for: a font whose glyph serves both
/// maps it to the radical (Chromium's 「⻘⼭县」 for 青山县), which no label matches.
fn unified(c: char) -> char {
    let at = |table: &str, from: u32| table.chars().nth((c as u32 - from) as usize).unwrap_or(c);
    match c as u32 {
        0x2E80..=0x2EF3 => at(RADICALS.0, 0x2E80),
        0x2F00..=0x2FD5 => at(RADICALS.1, 0x2F00),
        _ => c,
    }
}

/// How one font's string bytes become text.
pub(super) struct Font<'a> {
    cmap: Option<CMap>,
    /// Type0: codes of two bytes unless the CMap says otherwise.
    composite: bool,
    /// Type 3: glyphs are only names; no base encoding stands behind them.
    type3: bool,
    /// Simple fonts: what the /Differences name of a code stands for (`None`: a name without meaning).
    names: HashMap<u8, Option<String>>,
    /// lopdf's reading of the font's encoding (base encodings, predefined CJK CMaps).
    base: Option<lopdf::Encoding<'a>>,
    /// The glyphs' advance widths the font states (thousandths of its size).
    widths: Option<Widths>,
}

/// What a glyph name stands for: uniXXXX(YYYY…), uXXXX to uXXXXXX, else the
/// Adobe Glyph List's name as lopdf knows it.
fn glyph_name(name: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(name).ok()?;
    let s = s.split('.').next()?;
    let text = known_name(s)?;
    Some(text.chars().map(unified).collect())
}

fn known_name(s: &str) -> Option<String> {
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = s.strip_prefix("uni")
        && !h.is_empty()
        && h.len() % 4 == 0
        && h.chars().all(|c| c.is_ascii_hexdigit())
    {
        return (0..h.len() / 4).map(|k| hex(&h[k * 4..k * 4 + 4])).collect();
    }
    if let Some(h) = s.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && h.chars().all(|c| c.is_ascii_hexdigit())
    {
        return hex(h).map(String::from);
    }
    // lopdf's glyph list, through an encoding of this one name.
    let encoding = Dictionary::from_iter([
        ("Type", Object::Name(b"Encoding".to_vec())),
        ("Differences", Object::Array(vec![Object::Integer(1), Object::Name(s.as_bytes().to_vec())])),
    ]);
    let font = Dictionary::from_iter([("Type", Object::Name(b"Font".to_vec())), ("Encoding", Object::Dictionary(encoding))]);
    let text = font.get_font_encoding(&Document::new()).ok()?.bytes_to_string(&[1]).ok()?;
    (!text.is_empty()).then_some(text)
}

impl<'a> Font<'a> {
    pub(super) fn new(doc: &'a Document, font: &'a Dictionary) -> Font<'a> {
        let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let composite = subtype == b"Type0";
        let cmap = font
            .get_deref(b"ToUnicode", doc)
            .and_then(Object::as_stream)
            .ok()
            .and_then(|s| s.get_plain_content_with_limit(MAX_STREAM).ok())
            .map(|data| CMap::parse(&data))
            .filter(|c| !c.is_empty());
        let mut names = HashMap::new();
        let differences = font
            .get_deref(b"Encoding", doc)
            .and_then(Object::as_dict)
            .and_then(|e| e.get_deref(b"Differences", doc))
            .and_then(Object::as_array);
        if let Ok(differences) = differences {
            let mut code = 0i64;
            let mut known: HashMap<&[u8], Option<String>> = HashMap::new();
            for o in differences.iter().take(1024) {
                match o {
                    Object::Integer(c) => code = *c,
                    Object::Name(n) => {
                        if let Ok(c) = u8::try_from(code) {
                            let text = known.entry(n.as_slice()).or_insert_with(|| glyph_name(n)).clone();
                            names.insert(c, text);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        // An Identity encoding says nothing of characters: without a CMap nothing is known.
        let identity = font.get(b"Encoding").and_then(Object::as_name).is_ok_and(|n| n.starts_with(b"Identity"));
        let base = (!identity).then(|| font.get_font_encoding_with_limit(doc, MAX_STREAM).ok()).flatten();
        let widths = (subtype != b"Type3").then(|| Widths::new(doc, font, composite, identity)).flatten();
        Font { cmap, composite, type3: subtype == b"Type3", names, base, widths }
    }

    /// The codes of a string's bytes (how many bytes each has as `decode` reads them).
    fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = &'b [u8]> + use<'b, '_> {
        let mut i = 0;
        std::iter::from_fn(move || {
            (i < bytes.len()).then(|| {
                let n = match &self.cmap {
                    Some(cmap) => cmap.code_len(&bytes[i..], if self.composite { 2 } else { 1 }),
                    None => 1 + u8::from(self.composite),
                } as usize;
                let code = &bytes[i..(i + n.max(1)).min(bytes.len())];
                i += n.max(1);
                code
            })
        })
    }

    /// The advance of a string as the font states its glyphs' widths: the
    /// widths summed (in thousandths of the size), the number of glyphs and
    /// of single-byte spaces (what character and word spacing apply to).
    /// `None` when the font states no widths (a standard font, Type 3).
    pub(super) fn advance(&self, bytes: &[u8]) -> Option<(f32, usize, usize)> {
        let widths = self.widths.as_ref()?;
        let (mut sum, mut glyphs, mut spaces) = (0.0, 0, 0);
        for code in self.codes(bytes) {
            sum += widths.of(code);
            glyphs += 1;
            spaces += usize::from(code == b" ");
        }
        Some((sum, glyphs, spaces))
    }

    /// The text of a string's bytes; each code nothing maps is counted in
    /// `unmapped` and written as [`UNMAPPED`].
    pub(super) fn decode(&self, bytes: &[u8], unmapped: &mut usize) -> String {
        let mut out = String::new();
        let simple = |b: u8, out: &mut String| match self.names.get(&b) {
            Some(Some(text)) => {
                out.push_str(text);
                true
            }
            Some(None) => false,
            None if self.type3 => false,
            None => match self.base.as_ref().and_then(|e| e.bytes_to_string(&[b]).ok()) {
                Some(text) if !text.is_empty() => {
                    out.push_str(&text);
                    true
                }
                _ => false,
            },
        };
        if self.cmap.is_none() && self.composite {
            // A predefined CJK encoding lopdf reads (UniGB-UCS2-H), else nothing known.
            match self.base.as_ref().and_then(|e| e.bytes_to_string(bytes).ok()) {
                Some(text) => return text,
                None => {
                    let n = bytes.len().div_ceil(2);
                    *unmapped += n;
                    return std::iter::repeat_n(UNMAPPED, n).collect();
                }
            }
        }
        for code in self.codes(bytes) {
            let n = code.len();
            let text = self.cmap.as_ref().and_then(|c| c.text(code));
            let found = match text {
                Some(text) => {
                    out.extend(text.chars().map(unified));
                    true
                }
                None => n == 1 && !self.composite && simple(code[0], &mut out),
            };
            if !found {
                // A code of nothing (0 in Chromium's fonts, space in some) is not text.
                *unmapped += 1;
                out.push(UNMAPPED);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::pdf::from_bytes;
    use lopdf::{Stream, dictionary};

    const TITLE: &str = "青山县市场监督管理局2024年政府信息公开工作年度报告𠀀";

    /// A one-page PDF showing `TITLE` in `font`, its codes `code(k)` for the k-th character.
    fn pdf(font: Dictionary, to_unicode: Option<String>, code: impl Fn(usize) -> Vec<u8>) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let mut font = font;
        if let Some(cmap) = to_unicode {
            font.set("ToUnicode", doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes())));
        }
        let codes: Vec<u8> = (0..TITLE.chars().count()).flat_map(&code).collect();
        let hex: String = codes.iter().map(|b| format!("{b:02x}")).collect();
        crate::import::pdf::test_pdf::one_page(&mut doc, font, format!("BT /F1 12 Tf 50 700 Td <{hex}> Tj ET").as_bytes());
        crate::import::pdf::test_pdf::saved(doc)
    }

    /// A ToUnicode CMap of `bytes`-byte codes, the k-th character at code k + 1,
    /// written as `dst` writes it; the first character as a Kangxi radical.
    fn cmap(bytes: usize, dst: impl Fn(char) -> String) -> String {
        let code = |k: usize| format!("{:0w$x}", k + 1, w = bytes * 2);
        let chars: Vec<String> =
            TITLE.chars().enumerate().map(|(k, c)| format!("<{}> <{}>", code(k), dst(if k == 1 { '⼭' } else { c }))).collect();
        format!(
            "begincmap\n1 begincodespacerange\n<{}> <{}>\nendcodespacerange\n{} beginbfchar\n{}\nendbfchar\nendcmap",
            "00".repeat(bytes),
            "ff".repeat(bytes),
            chars.len(),
            chars.join("\n")
        )
    }

    fn utf16(c: char) -> String {
        c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04x}")).collect()
    }

    #[test]
    fn text_is_read_through_any_fonts_character_map() {
        // MuPDF: Type0/Identity-H, code points beyond U+FFFF as plain hex.
        let type0 = dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "LXGW", "Encoding" => "Identity-H" };
        let mupdf = cmap(2, |c| if c as u32 > 0xFFFF { format!("{:x}", c as u32) } else { utf16(c) });
        let text = from_bytes(&pdf(type0.clone(), Some(mupdf), |k| vec![0, k as u8 + 1])).unwrap().text;
        assert!(text.contains(TITLE), "{text}");
        // Chromium: Type 3 glyphs named 「g12」, one-byte codes, a ToUnicode CMap.
        let names: Vec<Object> = std::iter::once(Object::Integer(1))
            .chain((0..TITLE.chars().count()).map(|k| Object::Name(format!("g{}", k + 40).into_bytes())))
            .collect();
        let type3 = dictionary! { "Type" => "Font", "Subtype" => "Type3", "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), (-0.001).into(), 0.into(), 0.into()],
        "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => names.clone() } };
        let text = from_bytes(&pdf(type3.clone(), Some(cmap(1, utf16)), |k| vec![k as u8 + 1])).unwrap().text;
        assert!(text.contains(TITLE), "{text}");
        // A simple TrueType font with glyph names of its characters and no CMap.
        let unis: Vec<Object> = std::iter::once(Object::Integer(1))
            .chain(TITLE.chars().map(|c| Object::Name(format!("u{:04X}", c as u32).into_bytes())))
            .collect();
        let truetype = dictionary! { "Type" => "Font", "Subtype" => "TrueType", "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => unis } };
        let text = from_bytes(&pdf(truetype, None, |k| vec![k as u8 + 1])).unwrap().text;
        assert!(text.contains(TITLE), "{text}");
        // No map at all: unreadable text, not a scan.
        for (font, code) in [(type3, 1), (type0, 2)] {
            let error =
                from_bytes(&pdf(font, None, |k| if code == 1 { vec![k as u8 + 1] } else { vec![0, k as u8 + 1] })).unwrap_err().0;
            assert!(error.contains("PDF 中的文字无法识别（字体没有字符映射）"), "{error}");
        }
    }

    #[test]
    fn strings_are_as_wide_as_the_font_says_its_glyphs_are() {
        // Digits 0.6 em wide (a CJK font's, wider than the half em guessed
        // without widths): the string after a telephone number, drawn right
        // where the number ends, is not a cell apart from it.
        let widths = dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "Wide", "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32, "Widths" => vec![Object::Integer(600); 224] };
        let at = 50.0 + 13.0 * 0.6 * 12.0 + 1.0;
        let content = format!(
            "BT /F1 12 Tf 50 700 Td (0576-83321234) Tj ET BT /F1 12 Tf {at} 700 Td (\\(county office telephone\\)) Tj ET"
        );
        let mut doc = Document::with_version("1.7");
        crate::import::pdf::test_pdf::one_page(&mut doc, widths, content.as_bytes());
        let text = from_bytes(&crate::import::pdf::test_pdf::saved(doc)).unwrap().text;
        assert!(text.contains("0576-83321234(county office telephone)"), "{text:?}");
        // CIDs of an Identity-H font: /W lists and ranges, /DW for the rest.
        let type0 = dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(dictionary! { "DW" => 1000,
            "W" => vec![Object::Integer(16), Object::Array(vec![500.into(), 600.into()]), 20.into(), 29.into(), 550.into()] })] };
        let doc = Document::with_version("1.7");
        let font = Font::new(&doc, &type0);
        assert_eq!(font.advance(&[0, 16, 0, 17, 0, 25, 0x4E, 0x00]), Some((500.0 + 600.0 + 550.0 + 1000.0, 4, 0)));
    }

    #[test]
    fn glyph_names_of_every_kind() {
        assert_eq!(glyph_name(b"uni5E74").as_deref(), Some("年"));
        assert_eq!(glyph_name(b"uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_name(b"u2A6D6").as_deref(), Some("\u{2A6D6}"));
        assert_eq!(glyph_name(b"zero").as_deref(), Some("0"));
        assert_eq!(glyph_name(b"seven.tab").as_deref(), Some("7"));
        assert_eq!(glyph_name(b"afii10017").as_deref(), Some("А"));
        assert_eq!(glyph_name(b"g12"), None);
    }

    #[test]
    fn radicals_are_the_ideographs_they_stand_for() {
        let text: String = "⻘⼭县⾏政规范性⽂件".chars().map(unified).collect();
        assert_eq!(text, "青山县行政规范性文件");
        assert_eq!(unified('年'), '年');
    }
}
