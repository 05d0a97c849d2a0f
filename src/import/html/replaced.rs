//! Elements whose content is not shown as text: left out (the never-shown,
//! the struck out, the closed), or shown in another form: an image (its
//! `alt` is what stands for it), a list to choose from (its chosen option), a
//! drawing (`<svg>` with `<text>`), an embedded object (its fallback text), a
//! button. What they hold is not read as a cell's number, nor lost: a cell
//! showing one is unread with what it holds as a reading.

use ego_tree::NodeRef;
use scraper::Node;

/// Elements whose content a browser never shows as text: those the HTML
/// standard's rendering section hides (`head`, `title`, `datalist`, `rp`,
/// `noembed`, `noframes`, `param` …), fallback content of what is drawn
/// instead (`meter`, `progress`, `canvas`, `video`, `audio`, `iframe`),
/// ruby's annotation `rt` (set above the text, not part of it), and those
/// shown in another form ([`held`]).
pub fn never_shown(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "head"
            | "template"
            | "title"
            | "datalist"
            | "noembed"
            | "noframes"
            | "param"
            | "area"
            | "base"
            | "basefont"
            | "link"
            | "meta"
            | "rp"
            | "rt"
            | "meter"
            | "progress"
            | "canvas"
            | "video"
            | "audio"
            | "iframe"
            | "select"
            | "button"
            | "svg"
            | "object"
            | "img"
    )
}

/// Ruby's annotation and its fallback brackets: never shown unless the page
/// gives them a `display` (then drawn, perhaps above the text: unsure).
pub fn annotation(name: &str) -> bool {
    matches!(name, "rt" | "rp")
}

/// Elements hidden until a script opens them: a closed `<dialog>`, a popover.
pub fn closed_until_opened(el: &scraper::node::Element) -> bool {
    (el.name() == "dialog" && el.attr("open").is_none()) || el.attr("popover").is_some()
}

pub fn struck(name: &str) -> bool {
    matches!(name, "del" | "s" | "strike")
}

/// What a replaced element holds as text, `None` for any other element.
pub fn held(node: NodeRef<'_, Node>) -> Option<String> {
    let Node::Element(e) = node.value() else { return None };
    match e.name() {
        "img" => Some(e.attr("alt").unwrap_or_default().to_string()),
        "select" => {
            let options: Vec<NodeRef<'_, Node>> =
                node.descendants().filter(|n| n.value().as_element().is_some_and(|o| o.name() == "option")).collect();
            let chosen = options.iter().find(|o| o.value().as_element().is_some_and(|o| o.attr("selected").is_some()));
            Some(chosen.or(options.first()).map(|o| text_of(*o)).unwrap_or_default())
        }
        // A drawing given no room shows nothing.
        "svg" if ["width", "height"].iter().any(|a| e.attr(a).is_some_and(|v| v.trim().trim_end_matches("px") == "0")) => None,
        "svg" | "object" | "button" => Some(text_of(node)),
        _ => None,
    }
}

/// The text inside an element, without scripts, styles and descriptions.
fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter(|n| {
            n.ancestors().take_while(|a| a.id() != node.id()).all(|a| {
                !a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style" | "title" | "desc" | "metadata"))
            })
        })
        .filter_map(|n| n.value().as_text().map(|t| t.trim().to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::test_page::read_cell;

    fn read(cell: &str) -> Result<String, Vec<String>> {
        read_cell("", cell)
    }

    /// A number shown in another form than text (a list's choice, a fallback,
    /// a drawing, an image's alt, a button) is a reading of an unread cell, never a blank.
    #[test]
    fn a_number_shown_in_another_form_is_unread_not_blank() {
        let cells = [
            "<select><option>5</option><option selected>10</option></select>",
            "<object data=x>10</object>",
            "<svg width=30 height=20><text x=0 y=15>10</text></svg>",
            "<img alt=10 src=x.png>",
            "<button>10</button>",
        ];
        for cell in cells {
            assert_eq!(read(cell), Err(vec!["10".to_string(), "空白".to_string()]), "{cell}");
        }
        assert_eq!(read("<svg width=0 height=0><text>7</text></svg>10"), Ok("10".to_string()));
    }

    /// Content a browser never shows as text (the rendering section's hidden
    /// elements, fallbacks, ruby annotations, closed dialogs and popovers) is left out.
    #[test]
    fn elements_never_shown_as_text_are_left_out() {
        let cells = [
            "<dialog>5</dialog>10",
            "<meter value=5>5</meter>10",
            "<progress value=5 max=9>5</progress>10",
            "10<title>5</title>",
            "10<datalist><option>5</option></datalist>",
            "10<noembed>5</noembed>",
            "10<noframes>5</noframes>",
            "<ruby>10<rp>(</rp><rt>5</rt><rp>)</rp></ruby>",
            "10<div popover>5</div>",
            "10<canvas>5</canvas>",
        ];
        for cell in cells {
            assert_eq!(read(cell), Ok("10".to_string()), "{cell}");
        }
        assert_eq!(read("<dialog open>10</dialog>"), Ok("10".to_string()));
    }

    /// Ruby's annotation shown by the page (`rt`, `rp` given a `display`, or any
    /// element made an annotation by `display: ruby-text`): a browser draws it,
    /// beside or above the number, so the cell is unread with both readings —
    /// never its digits silently dropped, nor silently joined to the number.
    #[test]
    fn ruby_annotations_the_page_displays_are_unsure() {
        let unread = Err(vec!["105".to_string(), "10".to_string()]);
        for (style, cell) in [
            ("rt{display:inline}", "<ruby>10<rt>5</rt></ruby>"),
            ("ruby rt{display:inline-block}", "<ruby>10<rt>5</rt></ruby>"),
            ("", "<ruby>10<rt style=\"display:inline\">5</rt></ruby>"),
            ("rp{display:inline}", "10<rp>5</rp>"),
            ("", "10<span style=\"display:ruby-text\">5</span>"),
            (".a{display:ruby-text}", "10<span class=a>5</span>"),
        ] {
            assert_eq!(read_cell(style, cell), unread, "{style} {cell}");
        }
        // Left hidden (or hidden again): left out as before.
        assert_eq!(read_cell("rt{display:none}", "<ruby>10<rt>5</rt></ruby>"), Ok("10".to_string()));
        assert_eq!(read_cell("td{display:table-cell}", "<ruby>10<rt>5</rt></ruby>"), Ok("10".to_string()));
    }

    /// Digits drawn in an order of their own: unread with both orders.
    #[test]
    fn digits_drawn_right_to_left_are_unread_with_both_orders() {
        let both = Err(vec!["13".to_string(), "31".to_string()]);
        assert_eq!(read("<bdo dir=rtl>31</bdo>"), both);
        assert_eq!(read("<span style=\"direction:rtl;unicode-bidi:bidi-override\">31</span>"), both);
        assert_eq!(read("<bdo dir=ltr>13</bdo>"), Ok("13".to_string()));
        assert_eq!(read("<span dir=rtl>13</span>"), Ok("13".to_string()));
    }
}
