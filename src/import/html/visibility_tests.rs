//! What a browser shows of a page: the tests of [`super`].

use super::*;

fn states(page: &str) -> Vec<(String, State)> {
    let doc = Html::parse_document(page);
    let view = view(&doc);
    doc.tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().attr("id").is_some_and(|i| i.starts_with('t')))
        .map(|e| (e.value().attr("id").unwrap_or("").to_string(), view.of(e.id())))
        .collect()
}

#[test]
fn the_page_style_decides_and_what_it_leaves_open_is_unsure() {
    let page = r#"<style>/* a /* b */ .h{display:none} #t4{visibility:hidden}
        @media print{#t1{display:none}} @media (max-width:1px){#t5{display:none}} @font-face{font-family:x}
        .x:hover{display:none} p::before{display:none} q%%{display:none}</style>
        <p id=t1 class=x>a</p><p id=t2 class="h">b</p><p id=t3 style="display:none;display:block">c</p>
        <div id=t4><span id=t6 style="visibility:visible">d</span></div><p id=t5>e</p><q id=t7>f</q>"#;
    let got = states(page);
    let shown = State::default();
    let hidden = State { there: Seen::Hidden, text: Seen::Hidden };
    let want = [
        ("t1", shown),
        ("t2", hidden),
        ("t3", shown),
        ("t4", State { there: Seen::Shown, text: Seen::Hidden }),
        ("t6", shown),
        ("t5", State { there: Seen::Unsure, text: Seen::Unsure }),
        ("t7", State { there: Seen::Unsure, text: Seen::Unsure }),
    ];
    for (id, state) in want {
        assert_eq!(got.iter().find(|(i, _)| i == id).map(|(_, s)| *s), Some(state), "{id}");
    }
}

#[test]
fn style_sheets_broken_or_too_many_rules_are_bounded_never_a_panic() {
    for css in ["{", "}", "@media{", ".a{display:none", "/* open", "@media (x){@media (y){.a{display:none}}", "a,{display:none}"]
    {
        let _ = states(&format!("<style>{css}</style><p id=t1 class=a>1</p>"));
    }
    // More rules than bounded: nothing on the page is sure any more.
    let many: String = (0..=css::MAX_RULES).map(|i| format!(".c{i}{{display:none}}")).collect();
    let got = states(&format!("<style>{many}</style><p id=t1>1</p>"));
    assert_eq!(got[0].1.text, Seen::Unsure);
}

/// Text a reader does not see though display and visibility show it (no
/// size, no opacity, no colour, clipped, off the page, content skipped): unsure.
/// A closed <details> shows its <summary> only.
#[test]
fn text_made_invisible_by_other_means_is_unsure_and_closed_details_hidden() {
    let obscuring = [
        "font-size:0",
        "opacity:0",
        "color:transparent",
        "color:rgba(0,0,0,0)",
        "color:#FFF",
        "color: rgb(255, 255, 255)",
        "position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden",
        "position:absolute;left:-9999px",
        "display:inline-block;width:0;height:0;overflow:hidden",
        "display:inline-block;text-indent:-9999px;overflow:hidden",
        "content-visibility:hidden",
    ];
    let unsure = State { there: Seen::Unsure, text: Seen::Unsure };
    for style in obscuring {
        let got = states(&format!("<p id=t1 style=\"{style}\">9</p>"));
        assert_eq!(got[0].1, unsure, "{style}");
        let got = states(&format!("<style>.k{{{style}}}</style><p id=t1 class=k>9</p>"));
        assert_eq!(got[0].1, unsure, "sheet: {style}");
    }
    // Digits a rule puts before or after the element's text (not an escaped quote mark).
    for generated in ["p::before{content:\"9\"}", "#t1:after { content: counter(n) }"] {
        assert_eq!(states(&format!("<style>{generated}</style><p id=t1>132</p>"))[0].1, unsure, "{generated}");
    }
    let quoted = states("<style>p::before{content:\"\\201C\"}</style><p id=t1>132</p>");
    assert_eq!(quoted[0].1, State::default());
    for ordinary in ["border:1px solid #000;padding:.3em .4em;vertical-align:middle", "color:#333;font-size:12px;left:0"] {
        assert_eq!(states(&format!("<p id=t1 style=\"{ordinary}\">9</p>"))[0].1, State::default(), "{ordinary}");
    }
    let got = states(
        "<details id=t1><summary id=t2>132</summary><span id=t3>9</span></details><details open id=t4><span id=t5>1</span></details>",
    );
    let of = |id: &str| got.iter().find(|(i, _)| i == id).map(|(_, s)| *s);
    assert_eq!(of("t1"), Some(State { there: Seen::Shown, text: Seen::Hidden }));
    assert_eq!(of("t2"), Some(State::default()));
    assert_eq!(of("t3"), Some(State { there: Seen::Hidden, text: Seen::Hidden }));
    assert_eq!((of("t4"), of("t5")), (Some(State::default()), Some(State::default())));
}

/// A rule is found by what its selector asks of the element itself, read as
/// CSS reads it: an escape (`#\31 x` is id 「1x」), or a space, combinator or
/// comma inside quotes or brackets, never files it where no element looks.
#[test]
fn rules_whose_selectors_have_escapes_or_quotes_still_apply() {
    let hidden = State { there: Seen::Hidden, text: Seen::Hidden };
    let pages = [
        r#"<style>#t\31 x{display:none}</style><span id=t1x>9</span>"#,
        r#"<style>#\74 1{display:none}</style><span id=t1>9</span>"#,
        r#"<style>.md\:h{display:none}</style><span id=t1 class="md:h">9</span>"#,
        r#"<style>span[title="a b"]{display:none}</style><span id=t1 title="a b">9</span>"#,
        r#"<style>p > [data-x="1 > 2"].k{display:none}</style><p><span id=t1 data-x="1 > 2" class=k>9</span></p>"#,
        r#"<style>span[title="x,y"]{display:none}</style><span id=t1 title="x,y">9</span>"#,
    ];
    for page in pages {
        assert_eq!(states(page).first().map(|(_, s)| *s), Some(hidden), "{page}");
    }
}

/// A page linking a style sheet: an inline element with a class or id its
/// own style never names may be hidden by the linked sheet; one it names,
/// or any without a linked sheet, is as the page's own style says.
#[test]
fn classes_only_a_linked_sheet_can_explain_are_unsure() {
    let unsure = State { there: Seen::Unsure, text: Seen::Unsure };
    let linked = r#"<link rel="stylesheet" href="hide.css"><style>.known{color:red}</style>"#;
    assert_eq!(states(&format!("{linked}<span id=t1 class=k>9</span>"))[0].1, unsure);
    assert_eq!(states(&format!("{linked}<span id=t1 class=known>9</span>"))[0].1, State::default());
    assert_eq!(states(&format!("{linked}<table><tr><td id=t1 class=k>9</td></tr></table>"))[0].1, State::default());
    assert_eq!(states("<style>@import url(x.css);</style><font id=t1 class=k>9</font>")[0].1, unsure);
    assert_eq!(states("<span id=t1 class=k>9</span>")[0].1, State::default());
}

/// The text of the element `t1` on a page.
fn text_of(page: &str) -> Seen {
    states(page).iter().find(|(i, _)| i == "t1").map_or(Seen::Shown, |(_, s)| s.text)
}

/// A rule for part of an element's text (`::first-letter`, `::first-line`,
/// the old one-colon syntax, or none named: every element) that would leave
/// that part unseen leaves the element's text unsure; one that only dresses
/// it does not. A rule putting digits before or after an element named
/// likewise (`::before`, `td > ::after`) does the same.
#[test]
fn pseudo_elements_that_hide_part_of_the_text_leave_it_unsure() {
    let cell = |style: &str| format!("<style>{style}</style><table><tr><td id=t1 class=fl>10</td></tr></table>");
    let unsure = [
        ".fl::first-letter{color:#fff}",
        ".fl::first-letter{font-size:0}",
        "::first-letter{font-size:0}",
        "td:first-letter{color:transparent}",
        ".fl::first-line{visibility:hidden}",
        ".fl::FIRST-LETTER{text-decoration:line-through}",
        ".fl::first-letter{transform:scale(0);display:inline-block}",
        "td{background:#000} td::first-letter{color:#111}",
        ".fl::first-letter{background:#fff;color:#fff}",
        "::before{content:\"9\"}",
        "tr > ::after{content:\"9\"}",
    ];
    for style in unsure {
        assert_eq!(text_of(&cell(style)), Seen::Unsure, "{style}");
    }
    for style in [".fl::first-letter{color:red;font-weight:bold}", ".fl::first-line{font-size:120%}", "::before{content:\"\"}"] {
        assert_eq!(text_of(&cell(style)), Seen::Shown, "{style}");
    }
    let read = super::super::test_page::read_cell(".fl::first-letter{color:#fff}", "<span class=fl>10</span>");
    assert!(read.is_err(), "{read:?}");
}

/// A box that clips what overflows it and is perhaps too small for a number
/// (from its own style, the page's rules, or both; a table cell only where
/// tables are laid out by fixed widths) leaves its text unsure; a big one, or
/// one that only scrolls, does not.
#[test]
fn a_box_that_may_cut_off_a_number_leaves_it_unsure() {
    let span = |css: &str, own: &str| {
        format!("<style>{css}</style><table><tr><td><span id=t1 class=c style=\"{own}\">107</span></td></tr></table>")
    };
    let unsure = [
        span("", "display:inline-block;width:1ch;overflow:hidden;white-space:nowrap"),
        span("", "display:inline-block;max-width:2em;overflow:hidden"),
        span("", "display:inline-block;height:6px;overflow-y:clip"),
        span("", "display:-webkit-box;-webkit-line-clamp:1;overflow:hidden"),
        span(".c{overflow:hidden;display:inline-block}", "width:10px"),
        span(".c{width:calc(1ch)}", "overflow:hidden"),
        "<style>table{table-layout:fixed} td{overflow:hidden}</style><table><tr><td id=t1 width=8>107</td></tr></table>"
            .to_string(),
        "<table style=\"table-layout:fixed\"><tr><td id=t1 style=\"width:1ch;overflow:hidden\">107</td></tr></table>".to_string(),
    ];
    for page in &unsure {
        assert_eq!(text_of(page), Seen::Unsure, "{page}");
    }
    let shown = [
        span("", "display:inline-block;width:200px;overflow:hidden"),
        span("", "overflow:hidden"),
        span("", "display:inline-block;width:10px;overflow-x:auto"),
        span(".c{overflow:hidden}", "width:100%"),
        "<style>td{overflow:hidden;width:1ch}</style><table><tr><td id=t1 width=8>107</td></tr></table>".to_string(),
    ];
    for page in &shown {
        assert_eq!(text_of(page), Seen::Shown, "{page}");
    }
}

/// Text in a colour near the ground it is drawn on, its own or an
/// ancestor's (`background`, `background-color`, `bgcolor`), is unsure; text
/// that stands out from its ground, or on a ground of an image only, is not.
#[test]
fn text_in_the_colour_of_its_ground_is_unsure() {
    let unsure = [
        "<table><tr><td id=t1 style=\"background:#000;color:#000\">10</td></tr></table>",
        "<table><tr><td bgcolor=black><span id=t1 style=\"color:#111\">10</span></td></tr></table>",
        "<table bgcolor=\"#003366\"><tr><td><font id=t1 color=\"#036\">10</font></td></tr></table>",
        "<div style=\"background-color:rgb(0 0 0)\"><p id=t1 style=\"color:black\">10</p></div>",
        "<style>.d{background:#036 url(x.png) no-repeat} .d b{color:#003366}</style><div class=d><b id=t1>10</b></div>",
        "<style>body{background:#000}</style><p id=t1>10</p>",
        "<p id=t1 style=\"background:currentColor\">10</p>",
        "<p id=t1 style=\"background:var(--g)\">10</p>",
    ];
    for page in unsure {
        assert_eq!(text_of(page), Seen::Unsure, "{page}");
    }
    let shown = [
        "<table><tr><td id=t1 style=\"background:#ebebeb\">10</td></tr></table>",
        "<table><tr><td id=t1 style=\"background:#036;color:#ff0\">10</td></tr></table>",
        "<div style=\"background:#000\"><p id=t1 style=\"background:#fff\">10</p></div>",
        "<p id=t1 style=\"background:url(x.png) no-repeat;color:#000\">10</p>",
        "<p id=t1 style=\"background:rgba(0,0,0,.2)\">10</p>",
    ];
    for page in shown {
        assert_eq!(text_of(page), Seen::Shown, "{page}");
    }
}

/// Text the page's rules strike out (`.s{text-decoration:line-through}`) is
/// no part of a value as they stand, but another rule may lift the strike: unsure.
#[test]
fn text_struck_by_the_page_rules_is_not_read_as_shown() {
    for css in [".s{text-decoration:line-through}", "td span{text-decoration-line:line-through}"] {
        let page = format!("<style>{css}</style><table><tr><td>10<span id=t1 class=s>7</span></td></tr></table>");
        assert_eq!(text_of(&page), Seen::Unsure, "{css}");
    }
}

/// Rules that name no element on the page change nothing, and a class
/// attribute's backslash is a letter of the class (QA H07, H15, G04 read as a
/// browser shows them: `#x .q` with no `#x`, `class="\31 23"` is the classes
/// `\31` and `23`, `table:nth-of-type(2)` of a table alone in its block).
/// Rules that do name it and disagree leave it unsure, never shown by the weaker.
#[test]
fn rules_naming_nothing_change_nothing_and_rules_that_disagree_are_unsure() {
    use super::super::test_page::{read_cell, read_cell_in};
    let shown = Ok("107".to_string());
    let unsure = Err(vec!["107".to_string(), "10".to_string()]);
    for (style, cell, read) in [
        (r"#x .q{display:none} .q{display:inline}", "10<span class=q>7</span>", shown.clone()),
        (r"td .q{display:none} .q{display:inline}", "10<span class=q>7</span>", unsure.clone()),
        (r".q{display:none} td .q{display:inline}", "10<span class=q>7</span>", unsure),
        (r".\31 23{display:none}", r#"10<span class="\31 23">7</span>"#, shown),
        (r".\5c 31{display:none}", r#"10<span class="\31 23">7</span>"#, Ok("10".to_string())),
        (r".\31 23{display:none}", r#"10<span class="123">7</span>"#, Ok("10".to_string())),
    ] {
        assert_eq!(read_cell(style, cell), read, "{style} {cell}");
    }
    let cols = "<colgroup><col><col><col></colgroup>";
    assert_eq!(read_cell_in("table:nth-of-type(2) col:nth-child(2){visibility:collapse}", cols, "10"), Ok("10".to_string()));
    for style in ["table:nth-of-type(1) col:nth-child(2){visibility:collapse}", "colgroup > :nth-child(2){visibility:collapse}"] {
        assert_eq!(read_cell_in(style, cols, "10"), Err(vec!["10".to_string(), "空白".to_string()]), "{style}");
    }
}
