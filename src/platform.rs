//! What differs between Windows and Linux desktops: the local time zone,
//! opening a file in its default program.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};

static UTC_OFFSET: AtomicI64 = AtomicI64::new(0);
static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// When the process started (as far as `init` knows).
pub fn started() -> std::time::Instant {
    *START.get_or_init(std::time::Instant::now)
}

/// Reads the local time zone. Call first thing in `main`: on Linux the offset can
/// only be read safely while the process has one thread.
pub fn init() {
    started();
    if let Ok(offset) = time::UtcOffset::current_local_offset() {
        UTC_OFFSET.store(i64::from(offset.whole_seconds()), Ordering::Relaxed);
    }
}

/// Seconds to add to UTC for local time (0 when unknown).
pub fn utc_offset_seconds() -> u64 {
    UTC_OFFSET.load(Ordering::Relaxed).max(0) as u64
}

/// On Windows the release exe is a GUI program: when a command-line verb runs
/// from cmd.exe or PowerShell, print to that console. (Output redirected to a
/// file or pipe is inherited and needs nothing.)
pub fn attach_console() {
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        unsafe extern "system" {
            fn AttachConsole(process_id: u32) -> i32;
        }
        const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
        // SAFETY: a plain Win32 call; failure (no parent console) leaves things as they were.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Opens a file in the program the system associates with it (the PDF viewer for 打印).
pub fn open_with_system(path: &Path) -> Result<(), String> {
    let mut cmd = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.arg("/C").arg("start").arg("").arg(path);
        #[cfg(windows)]
        {
            use std::os::windows::process::CommandExt;
            c.creation_flags(0x0800_0000); // CREATE_NO_WINDOW: no console flashes up
        }
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    cmd.spawn()
        .map(|_| ())
        .map_err(|e| format!("无法打开 PDF 阅读器（{e}）。PDF 已保存在「{}」，可以手动打开后打印。", path.display()))
}
