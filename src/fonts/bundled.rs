//! The fonts compiled into the program, stored zstd-compressed (fonts/*.zst,
//! made by scripts/pack-fonts.sh; sources and licences in fonts/README.md) and
//! unpacked once per process, on first use.

use std::sync::OnceLock;

/// A font file shipped inside the executable.
pub struct BundledFont {
    /// File name under `fonts/` (without `.zst`).
    pub file: &'static str,
    packed: &'static [u8],
    unpacked: &'static OnceLock<Box<[u8]>>,
}

impl BundledFont {
    /// The font file's bytes.
    pub fn bytes(&self) -> &'static [u8] {
        self.unpacked.get_or_init(|| unpack(self.packed).into_boxed_slice())
    }
}

fn unpack(packed: &[u8]) -> Vec<u8> {
    zstd::stream::decode_all(packed).expect("bundled fonts unpack (tested)")
}

macro_rules! bundled {
    ($name:ident, $file:literal) => {
        pub const $name: BundledFont = {
            static UNPACKED: OnceLock<Box<[u8]>> = OnceLock::new();
            BundledFont { file: $file, packed: include_bytes!(concat!("../../fonts/", $file, ".zst")), unpacked: &UNPACKED }
        };
    };
}

// Fandol (GPL-3 with font exception): 仿宋, 黑体, 楷体, 宋体粗 — GB2312 coverage.
bundled!(FANG, "FandolFang-Regular.otf");
bundled!(HEI, "FandolHei-Regular.otf");
bundled!(KAI, "FandolKai-Regular.otf");
bundled!(SONG_BOLD, "FandolSong-Bold.otf");
// FandolSong reduced to the digits and 一字线 of 「— 1 —」.
bundled!(SONG_PAGE_NUMBERS, "FandolSong-PageNumbers.otf");
// LXGW WenKai (OFL-1.1) without what Fandol has, renamed: the rest of the CJK
// Unified Ideographs and more. The first fallback.
bundled!(KAI_FALLBACK, "KaiFallback.ttf");
// Noto Serif CJK SC, rare-character subset (OFL-1.1): Extension A (completing the
// GB 18030 basic set) and the Extension B–G characters of 通用规范汉字表.
bundled!(RARE, "NotoSerifCJKsc-Rare.otf");

/// The fallbacks, in order after a role's own font.
pub const FALLBACKS: [BundledFont; 2] = [KAI_FALLBACK, RARE];
