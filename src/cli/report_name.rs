//! What a report file written by the command line may be called.

use std::path::Path;

/// A report file (`import`, `new`, `merge`) is written as .json whatever it is
/// named, so any other name is refused: `-o 年报.pdf` would be a JSON file that
/// no PDF reader opens. The message says what to write and how to export.
pub(super) fn report_name(output: &Path) -> Result<(), String> {
    let ext = output.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    if ext.as_deref() == Some("json") {
        return Ok(());
    }
    let shown = output.display();
    let json = output.with_extension("json");
    Err(match ext {
        None => format!("输出文件「{shown}」没有扩展名：年报文件请写成「{}」", json.display()),
        Some(ext) => format!(
            "输出文件「{shown}」不是年报文件：年报文件的扩展名是 .json，请写成「{}」{}",
            json.display(),
            if crate::export::Format::from_code(&ext).is_some() {
                format!("；要得到 .{ext} 文件，写出后再用 nianbao export {} -o {shown}", json.display())
            } else {
                String::new()
            }
        ),
    })
}
