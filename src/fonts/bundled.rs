//! The fonts compiled into the program (see fonts/README.md for sources and licences).

/// A font file shipped inside the executable.
pub struct BundledFont {
    /// File name under `fonts/`.
    pub file: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! bundled {
    ($name:ident, $file:literal) => {
        pub const $name: BundledFont = BundledFont { file: $file, bytes: include_bytes!(concat!("../../fonts/", $file)) };
    };
}

// Fandol (GPL-3 with font exception): 仿宋, 黑体, 楷体, 宋体, 宋体粗 — GB2312 coverage.
bundled!(FANG, "FandolFang-Regular.otf");
bundled!(HEI, "FandolHei-Regular.otf");
bundled!(KAI, "FandolKai-Regular.otf");
bundled!(SONG, "FandolSong-Regular.otf");
bundled!(SONG_BOLD, "FandolSong-Bold.otf");
// LXGW WenKai (OFL-1.1): every CJK Unified Ideograph; the first fallback.
bundled!(WENKAI, "LXGWWenKai-Regular.ttf");
// Noto Serif CJK SC, rare-character subset (OFL-1.1): Extension A (completing the
// GB 18030 basic set) and the Extension B–G characters of 通用规范汉字表.
bundled!(RARE, "NotoSerifCJKsc-Rare.otf");

/// Every bundled font, in fallback order after a role's own font.
pub const FALLBACKS: [BundledFont; 2] = [WENKAI, RARE];
