//! On Windows targets: the exe's icon and version information (年报编制器, the
//! Cargo version). Keyed on the target, so it works when cross-compiling.

fn main() {
    println!("cargo:rerun-if-changed=assets/icon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut res = winresource::WindowsResource::new();
        res.set_icon("assets/icon.ico");
        res.set("ProductName", "年报编制器");
        res.set("FileDescription", "年报编制器 — 政府信息公开工作年度报告编制工具");
        res.set("InternalName", "nianbao");
        res.set("OriginalFilename", "nianbao.exe");
        res.set("LegalCopyright", "nianbao 开发团队");
        res.set_language(0x0804); // 中文（简体）
        if let Err(e) = res.compile() {
            panic!("embedding the icon and version info failed (is mingw-w64's windres installed?): {e}");
        }
    }
}
