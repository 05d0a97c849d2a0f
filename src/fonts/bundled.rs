//! The fonts compiled into the program, stored zstd-compressed (fonts/*.zst,
//! made by scripts/pack-fonts.sh; sources and licences in fonts/README.md),
//! unpacked on first use into the user's cache folder and mapped from there
//! (`cache.rs`).

use std::sync::OnceLock;

/// A font file shipped inside the executable.
pub struct BundledFont {
    /// File name under `fonts/` (without `.zst`).
    pub file: &'static str,
    packed: &'static [u8],
    unpacked: &'static OnceLock<&'static [u8]>,
}

impl BundledFont {
    /// The font file's bytes: mapped from the per-user cache, or unpacked (and cached).
    pub fn bytes(&self) -> &'static [u8] {
        let parses = |bytes: &[u8]| ttf_parser::Face::parse(bytes, 0).is_ok();
        self.unpacked.get_or_init(|| super::cache::load(cache_dir().as_deref(), self.file, self.packed, parses))
    }
}

/// Where unpacked fonts are kept (None: not cached).
fn cache_dir() -> Option<std::path::PathBuf> {
    crate::settings::cache_dir().map(|dir| dir.join("fonts"))
}

macro_rules! bundled {
    ($name:ident, $file:literal) => {
        pub const $name: BundledFont = {
            static UNPACKED: OnceLock<&'static [u8]> = OnceLock::new();
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
// The characters of 通用规范汉字表 beyond Fandol, in each role's style (OFL-1.1, renamed):
// Noto Serif CJK SC Bold for 小标宋, Noto Serif CJK SC for 仿宋 and 宋体, Noto Sans CJK SC for 黑体.
bundled!(SONG_BOLD_TONGYONG, "NotoSerifCJKsc-Bold-Tongyong.otf");
bundled!(SONG_TONGYONG, "NotoSerifCJKsc-Tongyong.otf");
bundled!(HEI_TONGYONG, "NotoSansCJKsc-Tongyong.otf");
// LXGW WenKai (OFL-1.1), renamed: the 通用规范汉字表 characters beyond Fandol for 楷体,
// and what the shared fallback lacks (extended Latin, Greek, Cyrillic, some Extension
// B–G, the newest ideographs): last in every other role's chain.
bundled!(KAI_FALLBACK, "KaiFallback.ttf");
// Noto Serif CJK SC (OFL-1.1), renamed: every other CJK ideograph it has (the rest of the
// CJK Unified Ideographs and Extension A, Extension B–G, compatibility ideographs,
// radicals), kana and symbols. One face, shared by every role.
bundled!(SHARED_FALLBACK, "NotoSerifCJKsc-Fallback.otf");
