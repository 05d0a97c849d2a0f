//! The system clipboard for what egui's own clipboard does not do: reading it
//! for 编辑 → 粘贴 (egui reads it only on Ctrl+V), and putting HTML on it as
//! HTML and as plain source text (复制网页代码). Ctrl+C/X/V in the fields go
//! through eframe's clipboard (its `clipboard` feature: arboard, and
//! smithay-clipboard on Wayland).

/// Read and write access to the clipboard the other programs see.
pub trait SystemClipboard {
    /// The text on the clipboard; Err (in Chinese) when it cannot be read.
    fn text(&mut self) -> Result<String, String>;
    /// Puts `html` on the clipboard as HTML, with `plain` as its plain-text form.
    fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String>;
}

/// The operating system's clipboard (arboard). Connects on first use and stays
/// connected: on X11 the data is served by this process for as long as it runs.
#[derive(Default)]
pub struct OsClipboard {
    board: Option<arboard::Clipboard>,
}

impl OsClipboard {
    fn board(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.board.is_none() {
            self.board = Some(arboard::Clipboard::new().map_err(|e| describe(&e))?);
        }
        Ok(self.board.as_mut().expect("just set"))
    }
}

impl SystemClipboard for OsClipboard {
    fn text(&mut self) -> Result<String, String> {
        self.board()?.get_text().map_err(|e| describe(&e))
    }

    fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String> {
        self.board()?.set().html(html, Some(plain)).map_err(|e| describe(&e))
    }
}

/// arboard's errors in the user's words.
fn describe(e: &arboard::Error) -> String {
    match e {
        arboard::Error::ContentNotAvailable => "剪贴板里没有文字".into(),
        arboard::Error::ClipboardNotSupported => "这个桌面环境不支持程序访问剪贴板".into(),
        arboard::Error::ClipboardOccupied => "剪贴板正被其他程序占用，请稍后再试".into(),
        _ => "无法访问系统剪贴板".into(),
    }
}

/// A clipboard inside the process, for tests (they must not touch the desktop's).
/// Clones share their contents, so a test keeps one to look into.
#[derive(Clone, Default)]
pub struct MemoryClipboard(pub std::sync::Arc<std::sync::Mutex<Contents>>);

/// What a [`MemoryClipboard`] holds.
#[derive(Clone, Debug, Default)]
pub struct Contents {
    pub text: String,
    pub html: Option<String>,
}

impl SystemClipboard for MemoryClipboard {
    fn text(&mut self) -> Result<String, String> {
        let c = self.0.lock().expect("not poisoned");
        if c.text.is_empty() { Err("剪贴板里没有文字".into()) } else { Ok(c.text.clone()) }
    }

    fn set_html(&mut self, html: &str, plain: &str) -> Result<(), String> {
        let mut c = self.0.lock().expect("not poisoned");
        c.html = Some(html.to_string());
        c.text = plain.to_string();
        Ok(())
    }
}
