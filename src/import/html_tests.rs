//! Reading a web page: the article without its site, refusals before parsing.
use super::*;

#[test]
fn the_article_without_the_site_around_it() {
    let page = "<html><head><title>某局2024年度政府信息公开工作年度报告_网站</title><script>var x='一、总体情况';</script></head>\
        <body><div class=nav>首页 一、总体情况（导航）</div><div class=article><p>一、总体情况</p><p>正文</p>\
        <table><tr><td rowspan=2>行政复议</td><td></td><td>3</td></tr></table><p>六、其他需要报告的事项</p></div>\
        <div class=footer>版权所有</div></body></html>";
    let s = source(page);
    assert!(s.text.starts_with("某局2024年度政府信息公开工作年度报告\n"), "{}", s.text);
    assert!(!s.text.contains("导航") && !s.text.contains("版权所有") && !s.text.contains("var x"), "{}", s.text);
    assert!(s.text.contains("\t行政复议\t\t3\n"), "{:?}", s.text);
    let row = s.text.lines().position(|l| l.contains("行政复议")).unwrap();
    assert_eq!(s.places[row], "第 1 个表格第 1 行");
}

#[test]
fn deep_or_huge_pages_are_refused_before_parsing() {
    let deep = "<div>".repeat(MAX_DEPTH + 1) + "一、总体情况";
    assert!(from_text(&deep).unwrap_err().0.contains("嵌套"));
    let many = "<p>段".repeat(MAX_TAGS + 1);
    assert!(from_text(&many).unwrap_err().0.contains("标签"));
    let s = from_text(&("<div>".repeat(MAX_DEPTH - 10) + "一、总体情况")).unwrap();
    assert!(s.text.contains("一、总体情况"));
}

#[test]
fn a_tag_with_very_many_attributes_is_refused_before_parsing() {
    // html5ever compares each attribute with the tag's others: 200,000 took seconds.
    let attrs: String = (0..200_000).map(|i| format!(" a{i}")).collect();
    let page = format!("<div><p{attrs}>一、总体情况</p></div>");
    let why = from_text(&page).unwrap_err().0;
    assert!(why.contains("200000 个属性") && why.contains("结构异常"), "{why}");
    // Many tags each under the bound, but together too many pairs.
    let tag = format!("<p{}>", (0..guard::MAX_ATTRIBUTES).map(|i| format!(" a{i}")).collect::<String>());
    assert!(from_text(&tag.repeat(400)).unwrap_err().0.contains("属性"));
    // A real page's few attributes pass.
    assert!(from_text("<div class=a id=b style='x'><p>一、总体情况</p></div>").is_ok());
}
