//! The shape of a web page or an XML part, found by one linear byte scan
//! before any parser sees it: how many tags, how deep they nest, how many
//! attributes a tag carries and how many namespaces are declared. The parsers
//! (html5ever, roxmltree) check each new attribute against the tag's others,
//! so a tag with n attributes costs them n² work; a crafted tag with 250,000
//! took 40 seconds. What a parser would spend is bounded here, by counts.

/// The most attributes on one tag (a real page's or Word part's have a few;
/// Word's root element declares about 40 namespaces).
pub const MAX_ATTRIBUTES: usize = 256;
/// The most attribute pairs a parser compares over the whole text (the sum of
/// n·(n−1)/2 over its tags; a long report has a few hundred thousand).
pub const MAX_ATTRIBUTE_PAIRS: u64 = 10_000_000;
/// The most namespace declarations (`xmlns`, `xmlns:x`) in one XML part.
pub const MAX_NAMESPACES: usize = 10_000;

/// Which markup's rules the scan follows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// HTML: void and self-closing-by-sibling elements do not nest; script and
    /// style text is not markup.
    Html,
    /// XML: every start tag nests, except one that closes itself.
    Xml,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shape {
    pub tags: usize,
    pub deepest: usize,
    /// The most attributes on one tag.
    pub most_attributes: usize,
    /// Attribute pairs a parser checks for duplicates: Σ n·(n−1)/2.
    pub attribute_pairs: u64,
    /// Namespace declarations (XML only: to HTML an `xmlns` attribute is any attribute).
    pub namespaces: usize,
    /// Characters of text between tags, white space not counted (an entity
    /// counts as its characters): at least what a parser will hand on as text.
    pub text_chars: usize,
}

impl Shape {
    /// Why the attributes are refused, if they are (`what`: 网页, Word 正文 …).
    pub fn attributes_refused(&self, what: &str) -> Option<String> {
        if self.most_attributes > MAX_ATTRIBUTES || self.attribute_pairs > MAX_ATTRIBUTE_PAIRS {
            return Some(format!(
                "{what}结构异常：有标签带 {} 个属性（正常文件一个标签只有几个，最多 {MAX_ATTRIBUTES} 个），已损坏或是恶意构造的，不导入",
                self.most_attributes
            ));
        }
        (self.namespaces > MAX_NAMESPACES).then(|| {
            format!(
                "{what}结构异常：有 {} 个命名空间声明（正常文件只有几十个，最多 {MAX_NAMESPACES} 个），已损坏或是恶意构造的，不导入",
                self.namespaces
            )
        })
    }
}

/// HTML elements that do not nest: void ones, and those a sibling closes.
const FLAT: [&str; 22] = [
    "br", "img", "meta", "link", "input", "hr", "area", "base", "col", "embed", "param", "source", "track", "wbr", "p", "li",
    "td", "th", "tr", "option", "dt", "dd",
];
/// HTML elements whose content is text, not tags, up to their end tag.
const RAW: [&str; 7] = ["script", "style", "textarea", "title", "xmp", "noembed", "noframes"];

/// The shape of `text`, in one pass over its bytes (each byte is looked at a
/// bounded number of times, whatever the input).
pub fn scan(text: &str, syntax: Syntax) -> Shape {
    let b = text.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut i = 0;
    loop {
        let Some(k) = b[i..].iter().position(|&c| c == b'<') else {
            shape.text_chars += text_chars(&b[i..]);
            break;
        };
        shape.text_chars += text_chars(&b[i..i + k]);
        i += k + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if syntax == Syntax::Xml && rest.starts_with(b"![CDATA[") {
            let end = find(b, i + 8, b"]]>");
            shape.text_chars += text_chars(&b[(i + 8).min(b.len())..end.unwrap_or(b.len())]);
            i = end.map_or(b.len(), |e| e + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i = b[i..].iter().position(|&c| c == b'>').map_or(b.len(), |e| i + e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let start = i + usize::from(closing);
        let len = b[start..].iter().take_while(|&&c| c.is_ascii_alphanumeric() || b":_-.".contains(&c)).count();
        if len == 0 {
            continue;
        }
        shape.tags += 1;
        let tag = attributes(b, start + len);
        i = (tag.end + 1).min(b.len());
        shape.most_attributes = shape.most_attributes.max(tag.attributes);
        shape.attribute_pairs += (tag.attributes as u64) * (tag.attributes.saturating_sub(1) as u64) / 2;
        if syntax == Syntax::Xml {
            shape.namespaces += tag.namespaces;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        if syntax == Syntax::Html && FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if tag.end == 0 || b.get(tag.end - 1) != Some(&b'/') {
            depth += 1;
            shape.deepest = shape.deepest.max(depth);
            if syntax == Syntax::Html && RAW.contains(&name.as_str()) {
                i = find_end_tag(b, i, &name).unwrap_or(b.len());
            }
        }
    }
    shape
}

/// Characters in UTF-8 `text`, white space left out.
fn text_chars(text: &[u8]) -> usize {
    text.iter().filter(|&&c| (c & 0xC0) != 0x80 && !c.is_ascii_whitespace()).count()
}

struct Tag {
    /// Where the tag's `>` is (the text's length when it has none).
    end: usize,
    attributes: usize,
    namespaces: usize,
}

/// The attributes of the tag whose name ends at `at`, read as an HTML
/// tokenizer reads them (quoted values may hold `>`).
fn attributes(b: &[u8], mut at: usize) -> Tag {
    let space = |c: u8| c.is_ascii_whitespace();
    let mut tag = Tag { end: b.len(), attributes: 0, namespaces: 0 };
    loop {
        while at < b.len() && (space(b[at]) || (b[at] == b'/' && b.get(at + 1) != Some(&b'>'))) {
            at += 1;
        }
        match b.get(at) {
            None => return tag,
            Some(b'>') => {
                tag.end = at;
                return tag;
            }
            Some(b'/') => {
                tag.end = at + 1;
                return tag;
            }
            Some(_) => {}
        }
        let name = at;
        at += 1;
        while at < b.len() && !space(b[at]) && !b"/>=".contains(&b[at]) {
            at += 1;
        }
        tag.attributes += 1;
        let name = &b[name..at];
        if name == b"xmlns" || name.starts_with(b"xmlns:") {
            tag.namespaces += 1;
        }
        while at < b.len() && space(b[at]) {
            at += 1;
        }
        if b.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while at < b.len() && space(b[at]) {
            at += 1;
        }
        match b.get(at) {
            Some(&q @ (b'"' | b'\'')) => at = b[at + 1..].iter().position(|&c| c == q).map_or(b.len(), |e| at + 1 + e + 1),
            _ => {
                while at < b.len() && !space(b[at]) && b[at] != b'>' {
                    at += 1;
                }
            }
        }
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|k| from + k)
}

/// Where `</name` begins from `from`, in any letter case.
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len() + 2;
    b.get(from..)?.windows(n).position(|w| w.starts_with(b"</") && w[2..].eq_ignore_ascii_case(name.as_bytes())).map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_depth_and_attributes() {
        let html = "<div><p>一<p>二<br><img src=x/><table><tr><td>1<td>2</table></div>";
        let s = scan(html, Syntax::Html);
        assert_eq!((s.tags, s.deepest), (11, 2));
        let s = scan(r#"<?xml version="1.0"?><!-- <c> --><a x="1" xmlns:w="u"><b/><c><d y='>'>t</d></c></a>"#, Syntax::Xml);
        assert_eq!((s.tags, s.deepest, s.most_attributes, s.namespaces), (7, 3, 2, 1));
        // Text between tags: 「t」, not the comment's, the white space or the markup.
        assert_eq!(s.text_chars, 1);
        assert_eq!(scan("<a> 一二 <b/>三</a>四<![CDATA[五六]]>", Syntax::Xml).text_chars, 6);
        // Script text is not markup; a quoted `>` does not end a tag.
        let s = scan("<script>if (a<b c d e) x()</script><a title='x > y' href=z>", Syntax::Html);
        assert_eq!((s.tags, s.most_attributes), (3, 2));
        // To HTML, `xmlns` is an attribute like any other.
        assert_eq!(scan("<html xmlns:o='u'><p>", Syntax::Html).namespaces, 0);
    }

    #[test]
    fn many_attributes_are_counted_in_linear_work() {
        let tag = format!("<p {}>一、总体情况</p>", (0..200_000).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" "));
        let s = scan(&tag, Syntax::Html);
        assert_eq!(s.most_attributes, 200_000);
        assert!(s.attributes_refused("网页").unwrap().contains("200000 个属性"));
        // Many tags without a `>` (each scanned to the end, it was quadratic) are one tag.
        assert_eq!(scan(&"<a<a".repeat(500_000), Syntax::Html).tags, 1);
    }
}
