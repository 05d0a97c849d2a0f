//! Characters beyond GB2312 in the exported PDF: 通用规范汉字表 names in the role's own
//! style, and characters no font has listed on stderr yet kept in the text layer.

use std::path::PathBuf;
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap()
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd} is needed (poppler-utils): {e}"));
    assert!(o.status.success(), "{cmd} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-rare-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// qingshan-2024 with rare characters in the title (the agency), a heading's body and the preamble.
fn exported(name: &str) -> (PathBuf, String) {
    let dir = scratch(name);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/qingshan-2024.json").unwrap()).unwrap();
    v["agency"] = "宿州市埇桥区市场监督管理局".into();
    v["preamble"] = "本报告由张堃、李喆、王镕编制。".into();
    v["overview"]["sections"][1]["body"] = "申请人张𠀀同志😀来信，丂字存查。".into();
    let input = dir.join("in.json");
    std::fs::write(&input, v.to_string()).unwrap();
    let out = dir.join("out.pdf");
    let o = nianbao(&["export", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--fonts", "builtin"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    (out, String::from_utf8(o.stderr).unwrap())
}

#[test]
fn missing_characters_are_listed_on_stderr_and_stay_in_the_text_layer() {
    let (pdf, err) = exported("text-layer");
    assert!(err.contains("以下字符没有字体可以显示"), "{err}");
    assert!(err.contains("「𠀀」（总体情况（二）依申请公开）、「😀」（总体情况（二）依申请公开）"), "{err}");
    for ok in ['埇', '堃', '喆', '镕', '丂'] {
        assert!(!err.contains(ok), "{ok} has a font: {err}");
    }
    let text: String = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("申请人张𠀀同志😀来信，丂字存查。"), "copy and search find the boxes' characters: {text}");
    assert!(text.contains("埇桥区") && text.contains("张堃、李喆、王镕"), "{text}");
    std::fs::remove_dir_all(pdf.parent().unwrap()).unwrap();
}

#[test]
fn rare_name_characters_use_faces_of_the_roles_style() {
    let (pdf, _) = exported("faces");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    // 埇 in the 小标宋 title and 堃 喆 镕 in the 仿宋 body: the Song subsets, not a Kai face.
    assert!(fonts.contains("+NotoSerifCJKsc-Bold-Tongyong"), "{fonts}");
    assert!(fonts.contains("+NotoSerifCJKsc-Tongyong"), "{fonts}");
    assert!(fonts.contains("+NotoSerifCJKsc-Fallback"), "丂: the shared fallback: {fonts}");
    assert!(!fonts.contains("Kai Fallback") && !fonts.contains("NianbaoKaiFallback"), "{fonts}");
    std::fs::remove_dir_all(pdf.parent().unwrap()).unwrap();
}
