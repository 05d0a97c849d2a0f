//! Reading a file whose path came from the user or from another file, with
//! bounded work: only a regular file (never a device such as `/dev/zero`, a
//! named pipe, a folder or a socket), only up to a size cap checked before a
//! byte is read, and never more than the cap + 1 bytes even if the file grows
//! while it is read.
//!
//! Every such read goes through [`read_regular_file`], each kind of file with
//! its own [`SizeCap`]: report files use `model::file::REPORT_CAP` (reports,
//! last year's remembered file, recent files, merge sources). Importers of
//! Word, PDF or web pages must read their sources through it too, with a cap
//! of their own (seal images and scans make such documents larger than a
//! report), and a .docx also needs a cap on its unzipped size.

use std::fmt;
use std::fs::{File, FileType, Metadata};
use std::io::Read;
use std::path::Path;

/// The largest file of one kind the program reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeCap {
    pub bytes: u64,
    /// The kind of file, as messages name it: 「年报文件」.
    pub what: &'static str,
}

/// What a path names when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAFile {
    Folder,
    /// A character or block device: `/dev/zero` never ends, `/dev/sda` is a whole disk.
    Device,
    /// A named pipe: reading it waits for a writer that may never come.
    Fifo,
    Socket,
    Other,
}

/// Why a file was not read. `Display` is the reason in Chinese, without the
/// path (the caller's sentence names the file).
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    NotAFile(NotAFile),
    /// `size` is the file's length when it was known before reading; `None`
    /// when the file grew past the cap while being read.
    TooLarge {
        size: Option<u64>,
        cap: SizeCap,
    },
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&crate::files::io_reason(e)),
            ReadError::NotAFile(NotAFile::Folder) => f.write_str("这是一个文件夹，不是文件"),
            ReadError::NotAFile(NotAFile::Device) => {
                f.write_str("这是设备文件（如 /dev/zero），不是普通文件：读取它可能永远读不完，因此不打开")
            }
            ReadError::NotAFile(NotAFile::Fifo) => {
                f.write_str("这是命名管道（FIFO），不是普通文件：读取它会一直等待，因此不打开")
            }
            ReadError::NotAFile(NotAFile::Socket) => f.write_str("这是套接字，不是普通文件，因此不打开"),
            ReadError::NotAFile(NotAFile::Other) => f.write_str("这不是普通文件，因此不打开"),
            ReadError::TooLarge { size: Some(size), cap } => {
                write!(
                    f,
                    "文件太大：{} MB，{}最多 {} MB（可能选错了文件，或文件已损坏）",
                    megabytes(*size),
                    cap.what,
                    megabytes(cap.bytes)
                )
            }
            ReadError::TooLarge { size: None, cap } => {
                write!(f, "文件太大：读取中超过了{}的上限 {} MB（文件可能正被其他程序写入）", cap.what, megabytes(cap.bytes))
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Megabytes (of 1024 × 1024 bytes, as Windows counts them) with one decimal,
/// rounded up so that a file just over a cap never reads as equal to it.
fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(MB));
    if tenths % 10 == 0 { format!("{}", tenths / 10) } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

/// Reads the whole file at `path` if it is a regular file of at most `cap`
/// bytes. Symbolic links are followed; what they point to must be a regular file.
pub fn read_regular_file(path: &Path, cap: SizeCap) -> Result<Vec<u8>, ReadError> {
    // Look before opening: opening a FIFO for reading blocks until a writer comes.
    check(&std::fs::metadata(path)?, cap)?;
    let file = open(path)?;
    // The path may have been replaced since it was looked at: check what was opened.
    check(&file.metadata()?, cap)?;
    read_bounded(file, cap)
}

/// Refuses anything but a regular file of at most `cap` bytes.
fn check(meta: &Metadata, cap: SizeCap) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotAFile(NotAFile::of(meta.file_type())));
    }
    if meta.len() > cap.bytes {
        return Err(ReadError::TooLarge { size: Some(meta.len()), cap });
    }
    Ok(())
}

impl NotAFile {
    /// What a file type that is not a regular file is.
    pub fn of(t: FileType) -> NotAFile {
        if t.is_dir() {
            return NotAFile::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_char_device() || t.is_block_device() {
                return NotAFile::Device;
            }
            if t.is_fifo() {
                return NotAFile::Fifo;
            }
            if t.is_socket() {
                return NotAFile::Socket;
            }
        }
        NotAFile::Other
    }

    /// Its name, in Chinese.
    pub fn name(self) -> &'static str {
        match self {
            NotAFile::Folder => "文件夹",
            NotAFile::Device => "设备文件",
            NotAFile::Fifo => "命名管道（FIFO）",
            NotAFile::Socket => "套接字",
            NotAFile::Other => "特殊文件",
        }
    }
}

/// Opens for reading without ever waiting: with O_NONBLOCK on Unix, a FIFO
/// swapped in after the look opens at once (and is then refused by `check`).
/// On a regular file O_NONBLOCK changes nothing.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Reads `reader` to its end, taking at most `cap + 1` bytes: one more than
/// allowed tells a file that is too large (or grew while read) from one that fits.
pub fn read_bounded(reader: impl Read, cap: SizeCap) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(cap.bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap.bytes {
        return Err(ReadError::TooLarge { size: None, cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: SizeCap = SizeCap { bytes: 1000, what: "测试文件" };

    /// Counts the bytes handed out by the reader it wraps.
    struct Counting<R> {
        inner: R,
        read: u64,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n as u64;
            Ok(n)
        }
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-read-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn an_endless_reader_is_read_only_to_the_cap_and_one_byte() {
        let mut endless = Counting { inner: std::io::repeat(0), read: 0 };
        let e = read_bounded(&mut endless, CAP).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { size: None, .. }), "{e:?}");
        assert_eq!(endless.read, CAP.bytes + 1);
        assert_eq!(e.to_string(), "文件太大：读取中超过了测试文件的上限 0.1 MB（文件可能正被其他程序写入）");
        let fits = read_bounded(&[7u8; 1000][..], CAP).unwrap();
        assert_eq!(fits.len(), 1000, "exactly the cap is allowed");
    }

    #[test]
    #[cfg(unix)]
    fn dev_zero_is_refused_before_reading_and_bounded_if_read() {
        let e = read_regular_file(Path::new("/dev/zero"), CAP).unwrap_err();
        assert!(matches!(e, ReadError::NotAFile(NotAFile::Device)), "{e:?}");
        assert!(e.to_string().starts_with("这是设备文件（如 /dev/zero），不是普通文件"), "{e}");
        // Even read directly, /dev/zero gives up no more than the cap and one byte.
        let mut zero = Counting { inner: File::open("/dev/zero").unwrap(), read: 0 };
        assert!(read_bounded(&mut zero, CAP).is_err());
        assert_eq!(zero.read, CAP.bytes + 1);
    }

    #[test]
    #[cfg(unix)]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let fifo = scratch("fifo").join("管道.json");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
        // No writer ever opens it: a blocking open or read would hang this test.
        let e = read_regular_file(&fifo, CAP).unwrap_err();
        assert!(matches!(e, ReadError::NotAFile(NotAFile::Fifo)), "{e:?}");
        assert!(e.to_string().starts_with("这是命名管道（FIFO），不是普通文件"), "{e}");
        // Opened the way `read_regular_file` opens (as if swapped in after the look): no wait either.
        let opened = open(&fifo).unwrap();
        assert!(matches!(check(&opened.metadata().unwrap(), CAP), Err(ReadError::NotAFile(NotAFile::Fifo))));
        std::fs::remove_dir_all(fifo.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = scratch("folder");
        let e = read_regular_file(&dir, CAP).unwrap_err();
        assert!(matches!(e, ReadError::NotAFile(NotAFile::Folder)), "{e:?}");
        assert_eq!(e.to_string(), "这是一个文件夹，不是文件");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_size_before_reading() {
        let dir = scratch("large");
        let path = dir.join("大.json");
        // Sparse: the length is set, nothing is written.
        File::create(&path).unwrap().set_len(CAP.bytes + 1).unwrap();
        let e = read_regular_file(&path, CAP).unwrap_err();
        // The size is only known from the metadata: the refusal came before any read.
        assert!(matches!(e, ReadError::TooLarge { size: Some(1001), .. }), "{e:?}");
        std::fs::write(&path, [b'x'; 1000]).unwrap();
        assert_eq!(read_regular_file(&path, CAP).unwrap().len(), 1000);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_file_says_so_in_chinese() {
        let e = read_regular_file(Path::new("/nonexistent/年报.json"), CAP).unwrap_err();
        assert!(e.to_string().starts_with("找不到文件或文件夹"), "{e}");
    }

    #[test]
    fn sizes_are_rounded_up_to_a_tenth_of_a_megabyte() {
        const MB: u64 = 1024 * 1024;
        assert_eq!(megabytes(10 * MB), "10");
        assert_eq!(megabytes(10 * MB + 1), "10.1", "just over the cap never reads as the cap");
        assert_eq!(megabytes(75 * MB), "75");
        assert_eq!(megabytes(0), "0");
    }
}
