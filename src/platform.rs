//! What differs between Windows and Linux desktops: the local time zone,
//! opening the PDF for 打印 in the system's viewer.

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

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

/// `t` in local time (as `init` read the time zone): the one place the app turns
/// a moment into a date and a time of day.
pub fn local_time(t: std::time::SystemTime) -> time::OffsetDateTime {
    let offset = time::UtcOffset::from_whole_seconds(utc_offset_seconds() as i32).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::from(t).to_offset(offset)
}

/// Sets glibc's allocator up for a short command: the buffers of an export (font
/// subsets, deflate state, the PDF) are a few hundred KB each, which glibc would
/// map from and unmap to the system one by one, the kernel clearing every page
/// each time; kept on the heap they are reused. perf stat, seed export: about
/// 300 fewer page faults and 1 ms less (scripts/bench.sh). (A font unpacked on
/// the first run does not go through the heap: fonts/cache.rs maps it.) Not for
/// the window, whose memory should go back to the system after a peak.
pub fn tune_allocator_for_command() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20);
        libc::mallopt(libc::M_TOP_PAD, 16 << 20);
    }
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

/// The program 打印 opens the PDF with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfViewer {
    /// The system's choice: the file association on Windows (ShellExecute),
    /// `open` on macOS, xdg-open (or gio) on Linux.
    System,
    /// A given program, run as `program args… FILE.pdf` (`NIANBAO_PDF_VIEWER`, tests).
    Command { program: OsString, args: Vec<OsString> },
}

/// How long 打印 waits for the opener to say whether it worked. Openers that
/// hand the file to the viewer exit at once; some (xdg-open without a desktop
/// environment) run the viewer in the foreground and exit only when it closes.
const OPENER_WAIT: Duration = Duration::from_secs(2);

/// The file is on its way to the viewer.
pub enum Opening {
    /// The opener finished and reported success.
    Opened,
    /// The opener is still running after a short wait (the viewer is probably
    /// up). Its outcome arrives here when it exits; it is reaped either way.
    Waiting(Receiver<Result<(), OpenError>>),
}

/// Why no viewer could be opened. `Display` is Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No opener program on this computer (no xdg-open or gio).
    NoOpener,
    /// The opener could not be started.
    NotStarted { program: String, reason: String },
    /// The opener ran and failed; `code` is its exit status (None: killed).
    Failed { program: String, code: Option<i32> },
    /// Windows: ShellExecute's error code.
    Shell(i32),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::NoOpener => f.write_str("本机没有可以打开文件的程序（找不到 xdg-open）"),
            OpenError::NotStarted { program, reason } => write!(f, "无法启动「{program}」：{reason}"),
            // xdg-open's documented exit codes: 3 = no program for the file, 4 = the program failed.
            OpenError::Failed { program, code: Some(3) } => write!(f, "「{program}」没有找到可以打开 PDF 的程序"),
            OpenError::Failed { program, code: Some(4) } => write!(f, "「{program}」打开 PDF 阅读器失败"),
            OpenError::Failed { program, code: Some(code) } => write!(f, "「{program}」没能打开 PDF（退出代码 {code}）"),
            OpenError::Failed { program, code: None } => write!(f, "「{program}」被系统中止，没能打开 PDF"),
            // ShellExecute: SE_ERR_NOASSOC (31), SE_ERR_ASSOCINCOMPLETE (27).
            OpenError::Shell(31 | 27) => f.write_str("本机没有设置打开 PDF 文件的默认程序"),
            OpenError::Shell(2 | 3) => f.write_str("找不到要打开的 PDF 文件"),
            OpenError::Shell(5) => f.write_str("系统拒绝打开 PDF 文件（没有访问权限）"),
            OpenError::Shell(0 | 8) => f.write_str("内存不足，无法打开 PDF 阅读器"),
            OpenError::Shell(code) => write!(f, "系统无法打开 PDF 阅读器（错误代码 {code}）"),
        }
    }
}

impl PdfViewer {
    /// `NIANBAO_PDF_VIEWER` names a program to use instead of the system's choice.
    pub fn from_env() -> PdfViewer {
        match std::env::var_os("NIANBAO_PDF_VIEWER").filter(|v| !v.is_empty()) {
            Some(program) => PdfViewer::Command { program, args: Vec::new() },
            None => PdfViewer::System,
        }
    }

    /// Opens `pdf` in the viewer. Waits briefly for the opener's verdict (the
    /// opener is always waited for, so no zombie process is left); `wake` is
    /// called from another thread when the opener exits.
    pub fn open(&self, pdf: &Path, wake: impl FnOnce() + Send + 'static) -> Result<Opening, OpenError> {
        let (program, args): (OsString, Vec<OsString>) = match self {
            PdfViewer::Command { program, args } => (program.clone(), args.clone()),
            PdfViewer::System => return open_with_system(pdf, wake),
        };
        run_opener(&program, &args, pdf, wake)
    }
}

#[cfg(windows)]
fn open_with_system(pdf: &Path, wake: impl FnOnce() + Send + 'static) -> Result<Opening, OpenError> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "shell32")]
    unsafe extern "system" {
        fn ShellExecuteW(
            hwnd: *mut std::ffi::c_void,
            operation: *const u16,
            file: *const u16,
            parameters: *const u16,
            directory: *const u16,
            show: i32,
        ) -> isize;
    }
    const SW_SHOWNORMAL: i32 = 1;
    let wide = |s: &std::ffi::OsStr| s.encode_wide().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (operation, file) = (wide(OsStr::new("open")), wide(pdf.as_os_str()));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; null
    // pointers are allowed for the window, parameters and directory.
    let result = unsafe {
        ShellExecuteW(std::ptr::null_mut(), operation.as_ptr(), file.as_ptr(), std::ptr::null(), std::ptr::null(), SW_SHOWNORMAL)
    };
    wake();
    // Greater than 32 means success (the viewer was started or told to open the file).
    if result > 32 { Ok(Opening::Opened) } else { Err(OpenError::Shell(result as i32)) }
}

#[cfg(not(windows))]
fn open_with_system(pdf: &Path, wake: impl FnOnce() + Send + 'static) -> Result<Opening, OpenError> {
    let candidates: &[(&str, &[&str])] =
        if cfg!(target_os = "macos") { &[("open", &[])] } else { &[("xdg-open", &[]), ("gio", &["open"])] };
    let (program, args) = candidates.iter().find(|(p, _)| on_path(p)).ok_or(OpenError::NoOpener)?;
    run_opener(program.as_ref(), &args.iter().map(OsString::from).collect::<Vec<_>>(), pdf, wake)
}

/// Whether `program` is an executable file in a folder of `PATH`.
#[cfg(not(windows))]
fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .any(|dir| std::fs::metadata(dir.join(program)).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
    })
}

/// Runs `program args… pdf`, waits up to `OPENER_WAIT` for its exit status, and
/// leaves a thread waiting for it when it takes longer.
fn run_opener(
    program: &OsStr,
    args: &[OsString],
    pdf: &Path,
    wake: impl FnOnce() + Send + 'static,
) -> Result<Opening, OpenError> {
    let name = Path::new(program).file_name().unwrap_or(program).to_string_lossy().into_owned();
    let mut cmd = std::process::Command::new(program);
    cmd.args(args).arg(pdf).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        cmd.creation_flags(0x0800_0000); // CREATE_NO_WINDOW: no console flashes up
    }
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => OpenError::NotStarted { program: name.clone(), reason: "找不到这个程序".into() },
        _ => OpenError::NotStarted { program: name.clone(), reason: crate::files::io_reason(&e) },
    })?;
    let (tx, rx) = mpsc::channel();
    let program = name.clone();
    std::thread::spawn(move || {
        // wait() reaps the child: nothing is left behind as a zombie.
        let outcome = match child.wait() {
            Ok(status) if status.success() => Ok(()),
            Ok(status) => Err(OpenError::Failed { program, code: status.code() }),
            Err(e) => Err(OpenError::NotStarted { program, reason: crate::files::io_reason(&e) }),
        };
        let _ = tx.send(outcome);
        wake();
    });
    match rx.recv_timeout(OPENER_WAIT) {
        Ok(outcome) => outcome.map(|()| Opening::Opened),
        Err(RecvTimeoutError::Timeout) => Ok(Opening::Waiting(rx)),
        Err(RecvTimeoutError::Disconnected) => Err(OpenError::Failed { program: name, code: None }),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// A fake viewer: `sh -c SCRIPT` with the PDF as `$1`; it writes its pid to `pid_file`.
    fn fake(script: &str, pid_file: &Path) -> PdfViewer {
        PdfViewer::Command {
            program: "sh".into(),
            args: vec!["-c".into(), format!("echo $$ > '{}'; {script}", pid_file.display()).into(), "sh".into()],
        }
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-platform-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The opener was waited for: no process (not even a zombie) with its pid is left.
    fn reaped(pid_file: &Path) -> bool {
        let pid = std::fs::read_to_string(pid_file).unwrap();
        !Path::new(&format!("/proc/{}", pid.trim())).exists()
    }

    #[test]
    fn a_failing_opener_is_reported_and_reaped() {
        let dir = scratch("fail");
        let pid = dir.join("pid");
        let result = fake("exit 3", &pid).open(&dir.join("年报.pdf"), || {});
        assert_eq!(result.err(), Some(OpenError::Failed { program: "sh".into(), code: Some(3) }));
        assert!(reaped(&pid), "no zombie left");
        assert_eq!(
            OpenError::Failed { program: "xdg-open".into(), code: Some(3) }.to_string(),
            "「xdg-open」没有找到可以打开 PDF 的程序"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_succeeding_opener_gets_the_file_and_is_reaped() {
        let dir = scratch("ok");
        let (pid, got) = (dir.join("pid"), dir.join("got"));
        let viewer = fake(&format!("echo \"$1\" > '{}'", got.display()), &pid);
        let pdf = dir.join("年报 2024.pdf");
        assert!(matches!(viewer.open(&pdf, || {}), Ok(Opening::Opened)));
        assert_eq!(std::fs::read_to_string(&got).unwrap().trim_end(), pdf.display().to_string());
        assert!(reaped(&pid), "no zombie left");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_opener_is_named() {
        let viewer = PdfViewer::Command { program: "/nonexistent/pdf-viewer".into(), args: Vec::new() };
        let e = viewer.open(Path::new("x.pdf"), || {}).err().unwrap();
        assert_eq!(e.to_string(), "无法启动「pdf-viewer」：找不到这个程序");
    }
}
