//! The per-user cache of unpacked fonts: each bundled font unpacked once into the
//! user's cache folder (`settings::cache_dir()/fonts`) and from then on mapped
//! into memory, not unpacked again — a process reads only the pages its glyphs
//! need, where unpacking the 26 MB of Fandol faces took most of an export.
//!
//! A cache file is `NAME.SIZE-TAG`: SIZE is the font's unpacked size and TAG the
//! packed data's content checksum (zstd frame), so a program with other fonts
//! never takes it for its own (stale files are removed). Its content is the font
//! followed by a trailer: the CRC-32 of the font (little-endian u32) and `NBF1`.
//! Files are written atomically (not synced: see [`write_unsynced`]) and checked
//! on every use: size and trailer, and the CRC of the whole file unless it is
//! the very version that passed that check before ([`stamp`]); a damaged file
//! is rebuilt. Any failure of the
//! cache (no folder, read-only, full disk) only costs the unpacking: the font
//! is then unpacked in memory, as without a cache.

use std::fs::File;
use std::path::{Path, PathBuf};

mod stamp;

/// The trailer's closing mark.
const MAGIC: &[u8; 4] = b"NBF1";
/// Trailer length: CRC-32, then [`MAGIC`].
const TRAILER: usize = 8;

/// The font file `file` (its zstd-packed bytes `packed`), from the cache in `dir`
/// or unpacked (and then cached). `usable` says whether a cached file's bytes are a
/// font the program can use. Leaked: fonts live as long as the process.
pub(super) fn load(dir: Option<&Path>, file: &str, packed: &[u8], usable: impl Fn(&[u8]) -> bool) -> &'static [u8] {
    let size = unpacked_size(packed);
    let cached = dir.zip(size).map(|(dir, size)| dir.join(cache_name(file, size, packed)));
    // A file that passed its check but is not a usable font (damaged since) is rebuilt too.
    if let Some(bytes) = cached.as_deref().zip(size).and_then(|(path, size)| map_checked(path, size)).filter(|b| usable(b)) {
        return bytes;
    }
    let font = unpack(packed, size);
    if let (Some(path), Some(dir)) = (&cached, dir)
        && store(dir, file, path, &font)
        && let Some(mapped) = map_file(path).filter(|m| m.len() == font.len() + TRAILER)
    {
        // The file just written, mapped: the process then holds only the pages its
        // fonts read, not the whole unpacked font for the rest of a GUI session.
        return &mapped[..font.len()];
    }
    let font: &'static Unpacked = Box::leak(Box::new(font));
    font
}

/// The font's size as the zstd frame header records it (pack-fonts.sh writes it).
fn unpacked_size(packed: &[u8]) -> Option<usize> {
    zstd::zstd_safe::get_frame_content_size(packed).ok().flatten().and_then(|n| usize::try_from(n).ok())
}

/// `NAME.SIZE-TAG`, TAG the last four bytes of the frame (its content checksum).
fn cache_name(file: &str, size: usize, packed: &[u8]) -> String {
    let tag = packed.len().checked_sub(4).map_or(0, |at| u32::from_le_bytes(packed[at..].try_into().unwrap_or_default()));
    format!("{file}.{size}-{tag:08x}")
}

/// A font unpacked in memory: into an anonymous mapping when its size is known,
/// given back to the system as soon as it is dropped (kept on the heap, 7 MB
/// fonts raised the first run's peak memory by a third).
enum Unpacked {
    Mapped(memmap2::MmapMut),
    Heap(Vec<u8>),
}

impl std::ops::Deref for Unpacked {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Unpacked::Mapped(m) => m,
            Unpacked::Heap(v) => v,
        }
    }
}

fn unpack(packed: &[u8], size: Option<usize>) -> Unpacked {
    // Into a buffer of the known size: no growing and copying of a 7 MB vector.
    let mapped = size.and_then(|size| {
        let mut map = memmap2::MmapMut::map_anon(size.max(1)).ok()?;
        let n = zstd::bulk::decompress_to_buffer(packed, &mut map[..size]).ok()?;
        (n == size).then_some(map)
    });
    match mapped {
        Some(map) => Unpacked::Mapped(map),
        None => Unpacked::Heap(zstd::stream::decode_all(packed).expect("bundled fonts unpack (tested)")),
    }
}

/// The cached font at `path`, mapped, when it is whole: `size` bytes of font, then
/// a trailer whose CRC matches them. The whole file is read for the CRC only when
/// it is not the version that passed the check before ([`stamp`]): otherwise only
/// the pages the fonts use are ever read.
fn map_checked(path: &Path, size: usize) -> Option<&'static [u8]> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() != (size + TRAILER) as u64 {
        return None;
    }
    let file = File::open(path).ok()?;
    // SAFETY: the file is only ever replaced by renaming a new one over it, which
    // leaves this mapping's file intact; nothing writes into a cache file in place.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let (font, trailer) = map.split_at(size);
    let (crc, magic) = trailer.split_at(4);
    if magic != MAGIC {
        return None;
    }
    if !stamp::verified(path, &meta) {
        if crc32fast::hash(font) != u32::from_le_bytes(crc.try_into().ok()?) {
            return None;
        }
        stamp::record(path, &meta);
        // The check read every page; the fonts need only a few of them. Hand the
        // pages back (they stay in the system's file cache): what the process
        // holds of a face is then only what layout and subsetting read.
        #[cfg(unix)]
        // SAFETY: a read-only shared file mapping: dropped pages are read back
        // from the file on the next access, unchanged.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
    let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
    Some(&map[..size])
}

/// A font file mapped into memory for the rest of the process (None: it cannot be
/// opened or is empty). Only the pages used are read.
pub(super) fn map_file(path: &Path) -> Option<&'static [u8]> {
    // The type first: opening a named pipe would block.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = File::open(path).ok()?;
    // SAFETY: font files are not written in place while in use (an installer
    // replaces them whole); see `map_checked`.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    if map.is_empty() {
        return None;
    }
    let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
    Some(&map[..])
}

/// Writes the cache file (atomically, with its trailer) and removes the files of
/// other versions of the same font; false when it could not be written (the cache
/// is an optimisation: nothing else happens then).
fn store(dir: &Path, file: &str, path: &Path, font: &[u8]) -> bool {
    if std::fs::create_dir_all(dir).is_err() {
        return false;
    }
    let trailer = [crc32fast::hash(font).to_le_bytes(), *MAGIC].concat();
    if write_unsynced(path, &[font, &trailer]).is_err() {
        return false;
    }
    for stale in stale_files(dir, file, path) {
        let _ = std::fs::remove_file(stale);
    }
    true
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, renamed over
/// it) but without waiting for the disk, unlike [`crate::files::write_atomic`]:
/// every use checks the file, so a file a power cut left short is only rebuilt.
/// Waiting for 26 MB to reach the disk made the first export after installing
/// several times slower.
pub(super) fn write_unsynced(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    crate::files::remove_dead_temps(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let write = |mut f: File| parts.iter().try_for_each(|part| std::io::Write::write_all(&mut f, part));
    let written = crate::files::create_new(&temp).and_then(write).and_then(|()| {
        // Read-only on Unix: the file is mapped by every process using it, and a
        // mapped file cut short under a Unix process kills it (SIGBUS); a program of
        // the user's own that opens it to write (truncating it) is then refused.
        // Windows itself refuses to shorten a mapped file (and would refuse to
        // replace a read-only one).
        #[cfg(unix)]
        {
            let mut permissions = std::fs::metadata(&temp)?.permissions();
            permissions.set_readonly(true);
            std::fs::set_permissions(&temp, permissions)?;
        }
        std::fs::rename(&temp, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Cache files of `file` other than `current`: `NAME.SIZE-TAG` with another SIZE-TAG,
/// and their records (`.ok`).
fn stale_files(dir: &Path, file: &str, current: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let ours = |name: &str| {
        let name = name.strip_suffix(".ok").unwrap_or(name);
        name.strip_prefix(file).and_then(|rest| rest.strip_prefix('.')).and_then(|key| key.split_once('-')).is_some_and(
            |(size, tag)| {
                !size.is_empty()
                    && size.bytes().all(|b| b.is_ascii_digit())
                    && tag.len() == 8
                    && tag.bytes().all(|b| b.is_ascii_hexdigit())
            },
        )
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.as_path() != current && *p != stamp::path_of(current))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(ours))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao-font-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    fn packed(content: &[u8]) -> Vec<u8> {
        let mut encoder = zstd::Encoder::new(Vec::new(), 3).unwrap();
        encoder.include_checksum(true).unwrap();
        encoder.set_pledged_src_size(Some(content.len() as u64)).unwrap();
        std::io::Write::write_all(&mut encoder, content).unwrap();
        encoder.finish().unwrap()
    }

    /// Writes over a cache file as another program would (it is read-only on Unix).
    fn overwrite(path: &Path, bytes: &[u8]) {
        let mut permissions = std::fs::metadata(path).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(path, permissions).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Test fonts are not real fonts: every one is usable.
    fn any(_: &[u8]) -> bool {
        true
    }

    fn only_file(dir: &Path) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files[0].clone()
    }

    #[test]
    fn the_first_use_writes_the_cache_and_later_uses_map_it() {
        let dir = scratch("first");
        let font: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let packed = packed(&font);
        assert_eq!(load(Some(&dir), "A.otf", &packed, any), font.as_slice());
        let cached = only_file(&dir);
        assert_eq!(cached.file_name().unwrap().to_str().unwrap(), cache_name("A.otf", font.len(), &packed));
        assert_eq!(std::fs::read(&cached).unwrap().len(), font.len() + TRAILER);
        #[cfg(unix)]
        assert!(std::fs::metadata(&cached).unwrap().permissions().readonly(), "mapped files are not to be cut short");
        // The second use reads the cache: prove it by changing what the packed data would give.
        let mut planted = std::fs::read(&cached).unwrap();
        assert!(map_checked(&cached, font.len()).is_some());
        planted[..4].copy_from_slice(b"FAKE");
        let crc = crc32fast::hash(&planted[..font.len()]).to_le_bytes();
        planted[font.len()..font.len() + 4].copy_from_slice(&crc);
        overwrite(&cached, &planted);
        assert_eq!(&load(Some(&dir), "A.otf", &packed, any)[..4], b"FAKE");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_damaged_or_truncated_file_is_rebuilt() {
        let dir = scratch("damaged");
        let font: Vec<u8> = (0..50_000u32).map(|i| (i % 13) as u8).collect();
        let packed = packed(&font);
        load(Some(&dir), "B.otf", &packed, any);
        let cached = only_file(&dir);
        let mut bytes = std::fs::read(&cached).unwrap();
        bytes[1000] ^= 0x55;
        overwrite(&cached, &bytes);
        assert_eq!(load(Some(&dir), "B.otf", &packed, any), font.as_slice(), "a flipped byte fails the CRC");
        assert!(map_checked(&cached, font.len()).is_some(), "and the file was rewritten whole");
        overwrite(&cached, &bytes[..bytes.len() / 2]);
        assert_eq!(load(Some(&dir), "B.otf", &packed, any), font.as_slice(), "a truncated file");
        assert!(map_checked(&cached, font.len()).is_some());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn another_version_of_a_font_replaces_the_stale_file_and_leaves_others_alone() {
        let dir = scratch("stale");
        load(Some(&dir), "C.otf", &packed(b"old font"), any);
        std::fs::write(dir.join("C.otf.notes"), b"not ours").unwrap();
        std::fs::write(dir.join("CC.otf.8-0000abcd"), b"another font").unwrap();
        let new = packed(b"the new font");
        assert_eq!(load(Some(&dir), "C.otf", &new, any), b"the new font");
        let mut names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, vec![cache_name("C.otf", 12, &new), "C.otf.notes".into(), "CC.otf.8-0000abcd".into()]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_that_passed_its_check_is_not_read_whole_again_until_it_changes() {
        let dir = scratch("stamp");
        let font: Vec<u8> = (0..70_000u32).map(|i| (i % 7) as u8).collect();
        let packed = packed(&font);
        load(Some(&dir), "E.otf", &packed, any);
        let cached = only_file(&dir);
        let meta = || std::fs::metadata(&cached).unwrap();
        assert!(map_checked(&cached, font.len()).is_some());
        assert!(!stamp::verified(&cached, &meta()), "just written: not recorded yet");
        // A file last changed an hour ago: the check is recorded.
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        overwrite(&cached, &std::fs::read(&cached).unwrap());
        File::options().write(true).open(&cached).unwrap().set_modified(an_hour_ago).unwrap();
        assert!(map_checked(&cached, font.len()).is_some());
        assert!(stamp::verified(&cached, &meta()));
        // Damage written into the file in place: no longer the recorded version, so
        // the whole file is checked again and the damage found.
        let mut bytes = std::fs::read(&cached).unwrap();
        bytes[500] ^= 1;
        overwrite(&cached, &bytes);
        assert!(!stamp::verified(&cached, &meta()));
        assert!(map_checked(&cached, font.len()).is_none());
        assert_eq!(load(Some(&dir), "E.otf", &packed, any), font.as_slice(), "and rebuilt");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_checked_file_that_is_no_usable_font_is_rebuilt() {
        // A file zeroed behind the program's back with its record forged to match.
        let dir = scratch("unusable");
        let font = b"a real font".to_vec();
        let packed = packed(&font);
        load(Some(&dir), "F.otf", &packed, any);
        let cached = only_file(&dir);
        // Zeros with a trailer that matches them: the CRC passes, the font does not.
        let zeros = vec![0; font.len()];
        let forged = [zeros.clone(), crc32fast::hash(&zeros).to_le_bytes().to_vec(), MAGIC.to_vec()].concat();
        overwrite(&cached, &forged);
        assert!(map_checked(&cached, font.len()).is_some(), "it passes the check");
        let not_zeros = |b: &[u8]| b.iter().any(|&x| x != 0);
        assert_eq!(load(Some(&dir), "F.otf", &packed, not_zeros), font.as_slice());
        assert_eq!(std::fs::read(&cached).unwrap()[..font.len()], font[..], "rebuilt");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn without_a_usable_folder_the_font_is_unpacked_in_memory() {
        let font = b"a font without a cache".to_vec();
        assert_eq!(load(None, "D.otf", &packed(&font), any), font.as_slice());
        // A file where the folder should be: nothing can be written, nothing fails.
        let blocker = scratch("blocked");
        std::fs::write(&blocker, b"a file").unwrap();
        assert_eq!(load(Some(&blocker.join("fonts")), "D.otf", &packed(&font), any), font.as_slice());
        let _ = std::fs::remove_file(&blocker);
    }
}
