//! Files: the one place that says in Chinese why a file operation failed;
//! writing so that a failure never leaves a half-written file behind (`atomic`);
//! what an output may replace (`target`).

use std::io::ErrorKind;
use std::path::Path;

mod atomic;
pub mod target;
pub(crate) use atomic::create_new;
pub use atomic::{backup_path, remove_dead_temps, remove_if_dead, write_atomic, write_atomic_keeping, write_output};
pub use target::{Input, Writing, check_target, repeated, same_file};

/// What the program was doing with a file when the system refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileOp {
    Read,
    Write,
    /// Saving the report (written atomically; the old file stays).
    Save,
    CreateFolder,
    Delete,
}

impl FileOp {
    fn verb(self) -> &'static str {
        match self {
            FileOp::Read => "读取",
            FileOp::Write => "写入",
            FileOp::Save => "保存到",
            FileOp::CreateFolder => "建立文件夹",
            FileOp::Delete => "删除",
        }
    }
}

/// The sentence shown to the user: 「无法写入「D:\年报\x.pdf」：磁盘空间不足」.
pub fn io_message(op: FileOp, path: &Path, e: &std::io::Error) -> String {
    format!("无法{}「{}」：{}", op.verb(), path.display(), io_reason(e))
}

/// Why, in Chinese, without the path (for a sentence that names it already).
/// Never the system's own (English) text.
pub fn io_reason(e: &std::io::Error) -> String {
    reason(e, cfg!(windows))
}

/// Windows error codes that std does not sort into a useful kind (or sorts
/// into one that hides what happened, like a missing network share as NotFound).
mod win {
    pub const NOT_READY: i32 = 21;
    pub const CRC: i32 = 23;
    pub const SHARING_VIOLATION: i32 = 32;
    pub const LOCK_VIOLATION: i32 = 33;
    pub const REM_NOT_LIST: i32 = 51;
    pub const BAD_NETPATH: i32 = 53;
    pub const NETWORK_BUSY: i32 = 54;
    pub const DEV_NOT_EXIST: i32 = 55;
    pub const UNEXP_NET_ERR: i32 = 59;
    pub const NETNAME_DELETED: i32 = 64;
    pub const NETWORK_ACCESS_DENIED: i32 = 65;
    pub const BAD_NET_NAME: i32 = 67;
    pub const IO_DEVICE: i32 = 1117;
    pub const USER_MAPPED_FILE: i32 = 1224;
    pub const NO_NETWORK: i32 = 1222;
    pub const NETWORK_UNREACHABLE: i32 = 1231;
    pub const HOST_UNREACHABLE: i32 = 1232;
}

const IN_USE: &str = "文件正被其他程序使用（如 WPS、Word 或 PDF 阅读器），请关闭它后再试";
const NETWORK: &str = "网络路径不可用（共享文件夹或网络盘连接不上，请检查网络后再试）";
const DEVICE: &str = "读写磁盘时出错（U 盘、移动硬盘或光盘可能已拔出或有故障）";

/// `io_reason` with the platform as a parameter, so Windows codes can be tested anywhere.
fn reason(e: &std::io::Error, windows: bool) -> String {
    if windows && let Some(code) = e.raw_os_error() {
        let known = match code {
            win::SHARING_VIOLATION | win::LOCK_VIOLATION | win::USER_MAPPED_FILE => Some(IN_USE),
            win::REM_NOT_LIST
            | win::BAD_NETPATH
            | win::NETWORK_BUSY
            | win::DEV_NOT_EXIST
            | win::UNEXP_NET_ERR
            | win::NETNAME_DELETED
            | win::BAD_NET_NAME
            | win::NO_NETWORK
            | win::NETWORK_UNREACHABLE
            | win::HOST_UNREACHABLE => Some(NETWORK),
            win::NETWORK_ACCESS_DENIED => Some("没有访问这个网络共享文件夹的权限"),
            win::NOT_READY => Some("设备未就绪（U 盘、光盘是否已插好？）"),
            win::CRC | win::IO_DEVICE => Some(DEVICE),
            _ => None,
        };
        if let Some(text) = known {
            return text.to_string();
        }
    }
    // EIO (5) on Linux and macOS: the disk or stick failed underneath.
    if !windows && e.raw_os_error() == Some(5) {
        return DEVICE.to_string();
    }
    // Linux's EHOSTDOWN (112: what a mounted share says when its server is off)
    // and EREMOTEIO (121), which std files under no kind of their own.
    if !windows && cfg!(target_os = "linux") && matches!(e.raw_os_error(), Some(112 | 121)) {
        return NETWORK.to_string();
    }
    // ELOOP: symbolic links that lead back to themselves (std's kind for it is unstable).
    #[cfg(unix)]
    if !windows && e.raw_os_error() == Some(libc::ELOOP) {
        return "路径中的符号链接（快捷方式）互相指向，形成了循环".to_string();
    }
    use ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "找不到文件或文件夹（可能已被移动、改名或删除，或 U 盘、网络盘已断开）",
        K::PermissionDenied => "没有访问权限（文件可能是只读的、正被其他程序使用，或需要管理员权限）",
        K::ReadOnlyFilesystem => "磁盘或文件夹是只读的（如写保护的 U 盘、光盘）",
        K::StorageFull => "磁盘空间不足",
        K::QuotaExceeded => "磁盘配额已用完",
        K::FileTooLarge => "文件太大，这个磁盘存不下",
        K::ResourceBusy | K::ExecutableFileBusy | K::WouldBlock | K::Deadlock => IN_USE,
        K::InvalidFilename => "文件名或路径太长，或含有不允许的字符",
        K::InvalidInput => "文件名或路径无效",
        K::NotADirectory => "路径中有一项不是文件夹",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::AlreadyExists => "文件已存在",
        K::NetworkUnreachable
        | K::NetworkDown
        | K::HostUnreachable
        | K::StaleNetworkFileHandle
        | K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::BrokenPipe => NETWORK,
        K::TimedOut => "操作超时（网络盘或设备没有响应）",
        K::Interrupted => "操作被中断，请再试一次",
        K::OutOfMemory => "内存不足",
        K::UnexpectedEof | K::InvalidData => "文件内容不完整或已损坏",
        K::CrossesDevices => "不能跨磁盘移动文件",
        K::TooManyLinks => "路径中的链接太多",
        K::Unsupported => "系统不支持这个操作",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("系统错误（错误代码 {code}）"),
                None => "发生了意外错误".to_string(),
            };
        }
    };
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(k: ErrorKind) -> std::io::Error {
        std::io::Error::from(k)
    }

    #[test]
    fn io_messages_name_the_operation_the_path_and_the_reason() {
        let p = Path::new("/年报/x.pdf");
        let cases = [
            (FileOp::Write, kind(ErrorKind::StorageFull), "无法写入「/年报/x.pdf」：磁盘空间不足"),
            (FileOp::Read, kind(ErrorKind::NotFound), "无法读取「/年报/x.pdf」：找不到文件或文件夹"),
            (FileOp::Save, kind(ErrorKind::PermissionDenied), "无法保存到「/年报/x.pdf」：没有访问权限"),
            (FileOp::Write, kind(ErrorKind::ReadOnlyFilesystem), "无法写入「/年报/x.pdf」：磁盘或文件夹是只读的"),
            (FileOp::Write, kind(ErrorKind::InvalidFilename), "无法写入「/年报/x.pdf」：文件名或路径太长"),
            (FileOp::Write, kind(ErrorKind::NotADirectory), "路径中有一项不是文件夹"),
            (FileOp::Write, kind(ErrorKind::IsADirectory), "这是一个文件夹，不是文件"),
            (FileOp::Read, kind(ErrorKind::NetworkUnreachable), "网络路径不可用"),
            (FileOp::Read, kind(ErrorKind::Interrupted), "操作被中断，请再试一次"),
            (FileOp::Write, kind(ErrorKind::ResourceBusy), "文件正被其他程序使用"),
            (FileOp::CreateFolder, kind(ErrorKind::PermissionDenied), "无法建立文件夹「/年报/x.pdf」："),
            (FileOp::Delete, kind(ErrorKind::NotFound), "无法删除「/年报/x.pdf」："),
            (FileOp::Write, std::io::Error::other("boom"), "无法写入「/年报/x.pdf」：发生了意外错误"),
        ];
        for (op, e, expected) in cases {
            let m = io_message(op, p, &e);
            assert!(m.contains(expected), "{m}");
            assert!(!m.contains("boom"), "{m}");
        }
    }

    #[test]
    #[cfg(unix)] // errno values
    fn real_os_errors_are_described_in_chinese() {
        let missing = std::fs::read("/nonexistent/年报.json").unwrap_err();
        assert_eq!(io_reason(&missing), reason(&kind(ErrorKind::NotFound), false));
        let dir = std::fs::read(std::env::temp_dir()).unwrap_err();
        assert_eq!(io_reason(&dir), "这是一个文件夹，不是文件");
        let long = std::fs::write(std::env::temp_dir().join("长".repeat(200)), b"x").unwrap_err();
        assert!(io_reason(&long).starts_with("文件名或路径太长"));
        // Unix errno values: ENOSPC, EROFS, EACCES, ENOTDIR, EINTR, ETXTBSY, EIO.
        for (errno, expected) in [
            (28, "磁盘空间不足"),
            (30, "磁盘或文件夹是只读的"),
            (13, "没有访问权限"),
            (20, "路径中有一项不是文件夹"),
            (4, "操作被中断"),
            (26, "文件正被其他程序使用"),
            (5, "读写磁盘时出错"),
            (112, "网络路径不可用"), // EHOSTDOWN: a share whose server is off
            (121, "网络路径不可用"), // EREMOTEIO
            (libc::ELOOP, "路径中的符号链接"),
        ] {
            let r = reason(&std::io::Error::from_raw_os_error(errno), false);
            assert!(r.starts_with(expected), "errno {errno}: {r}");
        }
    }

    #[test]
    fn windows_codes_for_files_in_use_and_network_paths() {
        for (code, expected) in [
            (32, "文件正被其他程序使用"), // ERROR_SHARING_VIOLATION (WPS holds the file)
            (33, "文件正被其他程序使用"), // ERROR_LOCK_VIOLATION
            (53, "网络路径不可用"),       // ERROR_BAD_NETPATH (std calls it NotFound)
            (67, "网络路径不可用"),       // ERROR_BAD_NET_NAME
            (64, "网络路径不可用"),       // ERROR_NETNAME_DELETED
            (21, "设备未就绪"),           // ERROR_NOT_READY
        ] {
            let r = reason(&std::io::Error::from_raw_os_error(code), true);
            assert!(r.starts_with(expected), "code {code}: {r}");
        }
        // A code nobody sorted: its number, not the system's (English) text.
        assert_eq!(reason(&std::io::Error::from_raw_os_error(4242), true), "系统错误（错误代码 4242）");
    }

    /// The system's own text is English ("No such file or directory (os error 2)"):
    /// no kind and no error code may let it through.
    #[test]
    fn no_reason_contains_the_systems_english_text() {
        for code in 0..200 {
            for windows in [false, true] {
                let e = std::io::Error::from_raw_os_error(code);
                let r = reason(&e, windows);
                assert!(!has_english(&r), "code {code}: {r}");
            }
        }
        for k in [ErrorKind::Other, ErrorKind::UnexpectedEof, ErrorKind::OutOfMemory, ErrorKind::TimedOut] {
            let r = io_reason(&std::io::Error::new(k, "some English detail"));
            assert!(!has_english(&r), "{r}");
        }
    }

    /// ASCII letters other than the product names the messages mention.
    fn has_english(s: &str) -> bool {
        let s = ["WPS", "Word", "PDF", "U 盘"].iter().fold(s.to_string(), |s, name| s.replace(name, ""));
        s.chars().any(|c| c.is_ascii_alphabetic())
    }
}
