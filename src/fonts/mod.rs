//! Fonts by role, with per-character fallback and glyph metrics.
//!
//! Every role (title, body, headings, tables, page numbers) has a chain of
//! faces: the machine's 公文 font when preferred and present, then the bundled
//! font for the role (GB2312), then the rest of 通用规范汉字表 in the role's style
//! (宋, 黑 or 楷), then one fallback shared by all roles for every other CJK
//! character. A character no face has is reported by the caller, never silently
//! drawn as a box.
//!
//! Shared by layout (metrics), export (font bytes) and the UI (font bytes).

pub mod bundled;
mod cache;
#[cfg(test)]
mod coverage;
pub mod system;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use bundled::BundledFont;

/// What a piece of text is, typographically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 2号小标宋: the title.
    Title,
    /// 黑体: 「一、」 headings.
    Heading,
    /// 楷体: 「（一）」 headings.
    Subheading,
    /// 仿宋: body text.
    Body,
    /// Table labels and numbers: 仿宋 like the body (real reports use 仿宋 or 宋体;
    /// sharing the body face keeps the PDF small, since most characters repeat).
    Table,
    /// 宋体: 「— 1 —」.
    PageNumber,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Title, Role::Heading, Role::Subheading, Role::Body, Role::Table, Role::PageNumber];

    /// The Chinese name of the role and the 公文 font it stands for.
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "标题（小标宋）",
            Role::Heading => "一级标题（黑体）",
            Role::Subheading => "二级标题（楷体）",
            Role::Body => "正文（仿宋）",
            Role::Table => "表格（仿宋）",
            Role::PageNumber => "页码（宋体）",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn bundled(self) -> BundledFont {
        match self {
            Role::Title => bundled::SONG_BOLD,
            Role::Heading => bundled::HEI,
            Role::Subheading => bundled::KAI,
            Role::Body | Role::Table => bundled::FANG,
            Role::PageNumber => bundled::SONG_PAGE_NUMBERS,
        }
    }

    /// The 通用规范汉字表 characters beyond GB2312, in the role's style: a bold 宋 face
    /// for 小标宋, 宋 for 仿宋 (the accepted stand-in) and 宋体, 黑 for 黑体, 楷 for 楷体.
    fn tongyong(self) -> BundledFont {
        match self {
            Role::Title => bundled::SONG_BOLD_TONGYONG,
            Role::Body | Role::Table | Role::PageNumber => bundled::SONG_TONGYONG,
            Role::Heading => bundled::HEI_TONGYONG,
            Role::Subheading => bundled::KAI_FALLBACK,
        }
    }
}

/// Whether the machine's own 公文 fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) come first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FontPreference {
    /// 本机公文字体优先
    #[default]
    PreferSystem,
    /// 仅内置字体
    BundledOnly,
}

impl FontPreference {
    pub fn label(self) -> &'static str {
        match self {
            FontPreference::PreferSystem => "本机公文字体优先",
            FontPreference::BundledOnly => "仅内置字体",
        }
    }
}

/// Where a face's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Bundled(&'static str),
    System(PathBuf),
}

/// Index of a face in its `FontSet`.
pub type FaceId = usize;

pub struct Face {
    /// The PostScript name (what a PDF font list shows).
    pub name: String,
    pub source: Source,
    pub data: &'static [u8],
    pub index: u32,
    parsed: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn parse(data: &'static [u8], index: u32, source: Source) -> Option<Face> {
        let parsed = ttf_parser::Face::parse(data, index).ok()?;
        let name = parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| match &source {
                Source::Bundled(file) => file.rsplit_once('.').map_or(*file, |(stem, _)| stem).to_string(),
                Source::System(path) => path.file_stem().unwrap_or_default().to_string_lossy().into_owned(),
            });
        let units_per_em = f32::from(parsed.units_per_em());
        Some(Face { name, source, data, index, parsed, units_per_em })
    }

    pub fn has_glyph(&self, ch: char) -> bool {
        self.parsed.glyph_index(ch).is_some_and(|g| g.0 != 0)
    }

    /// Advance width of `ch` at `size` points (the .notdef width when missing).
    pub fn advance(&self, ch: char, size: f32) -> f32 {
        let gid = self.parsed.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0));
        let units = self.parsed.glyph_hor_advance(gid).map_or(self.units_per_em, f32::from);
        units / self.units_per_em * size
    }
}

/// A face not yet loaded: a bundled font still packed, or a system font file read.
enum Origin {
    Bundled(BundledFont),
    System { data: &'static [u8], index: u32, path: PathBuf },
}

/// A face of the set, parsed (and for bundled fonts unpacked) on first use.
struct Slot {
    origin: Origin,
    face: OnceLock<Face>,
}

/// All faces in use and the fallback chain of every role. Faces load on first
/// use, so a report in GB2312 characters never unpacks the fallback fonts.
pub struct FontSet {
    slots: Vec<Slot>,
    chains: [Vec<FaceId>; Role::ALL.len()],
    /// How many faces have loaded: the UI installs faces in egui when this grows.
    loaded: AtomicUsize,
}

impl FontSet {
    /// The bundled fonts only.
    pub fn bundled() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| FontSet::build(&[]))
    }

    /// The font set for a preference, searching the usual font folders of this machine.
    pub fn for_preference(preference: FontPreference) -> &'static FontSet {
        static SYSTEM: OnceLock<FontSet> = OnceLock::new();
        match preference {
            FontPreference::BundledOnly => FontSet::bundled(),
            FontPreference::PreferSystem => SYSTEM.get_or_init(|| FontSet::build(&system::find(&system::font_dirs()))),
        }
    }

    /// Builds a set where the given system faces come first for their roles.
    pub fn build(system_faces: &[system::SystemFace]) -> FontSet {
        let mut slots: Vec<Slot> = Vec::new();
        let mut add = |origin: Origin| -> FaceId {
            let same = |o: &Origin| match (o, &origin) {
                (Origin::Bundled(a), Origin::Bundled(b)) => a.file == b.file,
                (Origin::System { path: a, index: i, .. }, Origin::System { path: b, index: j, .. }) => a == b && i == j,
                _ => false,
            };
            if let Some(id) = slots.iter().position(|s| same(&s.origin)) {
                return id;
            }
            slots.push(Slot { origin, face: OnceLock::new() });
            slots.len() - 1
        };
        let mut chains: [Vec<FaceId>; Role::ALL.len()] = Default::default();
        for role in Role::ALL {
            let chain = &mut chains[role.index()];
            for sys in system_faces.iter().filter(|s| s.role == role) {
                chain.push(add(Origin::System { data: sys.data, index: sys.index, path: sys.path.clone() }));
            }
            // The Kai file holds both the 楷体 role's 通用规范 characters and the few the
            // shared fallback lacks: last in other chains, once in the 楷体 chain.
            let fonts = [role.bundled(), role.tongyong(), bundled::SHARED_FALLBACK, bundled::KAI_FALLBACK];
            for font in fonts {
                let id = add(Origin::Bundled(font));
                if !chain.contains(&id) {
                    chain.push(id);
                }
            }
        }
        FontSet { slots, chains, loaded: AtomicUsize::new(0) }
    }

    /// The face, loading it on first use.
    pub fn face(&self, id: FaceId) -> &Face {
        let slot = &self.slots[id];
        slot.face.get_or_init(|| {
            let face = match &slot.origin {
                Origin::Bundled(font) => Face::parse(font.bytes(), 0, Source::Bundled(font.file)),
                // find() only returns system faces that parse.
                Origin::System { data, index, path } => Face::parse(data, *index, Source::System(path.clone())),
            };
            self.loaded.fetch_add(1, Ordering::Relaxed);
            face.expect("bundled fonts parse (tested); system fonts are checked when found")
        })
    }

    /// Starts loading each role's first face (what text in GB2312 characters needs)
    /// on two background threads, so that the faces are ready, or nearly, when
    /// layout asks for them (each is mapped and its whole file checked: the check
    /// is most of the cost). A face asked for meanwhile loads once, whoever gets
    /// there first. The title's face comes first: layout starts with it.
    pub fn preload(&'static self) {
        let mut faces: Vec<FaceId> = Role::ALL.iter().map(|&r| self.primary(r)).collect();
        faces.dedup();
        for (n, half) in [0, 1].map(|parity| (parity, faces.iter().copied().skip(parity).step_by(2).collect::<Vec<_>>())) {
            let _ = std::thread::Builder::new().name(format!("fonts-{n}")).spawn(move || {
                for id in half {
                    self.face(id);
                }
            });
        }
    }

    /// Loads every face now (the test harness does, so no face loads while it runs).
    pub fn load_all(&self) {
        for id in 0..self.slots.len() {
            self.face(id);
        }
    }

    /// The faces loaded so far.
    pub fn loaded_faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.slots.iter().enumerate().filter_map(|(id, s)| s.face.get().map(|f| (id, f)))
    }

    /// Grows whenever a face loads.
    pub fn generation(&self) -> usize {
        self.loaded.load(Ordering::Relaxed)
    }

    /// Number of faces in the set (loaded or not).
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The role's faces, most preferred first.
    pub fn chain(&self, role: Role) -> &[FaceId] {
        &self.chains[role.index()]
    }

    /// The face that draws `ch` in `role`, or `None` when no face has it.
    pub fn resolve(&self, role: Role, ch: char) -> Option<FaceId> {
        self.chain(role).iter().copied().find(|&id| self.face(id).has_glyph(ch))
    }

    /// The role's first face: draws characters no face has (its .notdef box).
    pub fn primary(&self, role: Role) -> FaceId {
        self.chain(role)[0]
    }
}

/// Characters that need no glyph: spaces and line breaks are laid out, not drawn;
/// invisible marks (`model::text::is_hidden_mark`) are dropped.
pub fn is_invisible(ch: char) -> bool {
    ch.is_whitespace() || crate::model::text::is_hidden_mark(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_chain_ending_in_the_fallbacks() {
        let set = FontSet::bundled();
        let file = |id: FaceId| match set.face(id).source {
            Source::Bundled(f) => f,
            Source::System(_) => unreachable!(),
        };
        for role in Role::ALL {
            let chain: Vec<&str> = set.chain(role).iter().map(|&id| file(id)).collect();
            let expected: &[&str] = match role {
                Role::Heading => &["NotoSansCJKsc-Tongyong.otf", "NotoSerifCJKsc-Fallback.otf", "KaiFallback.ttf"],
                Role::Subheading => &["KaiFallback.ttf", "NotoSerifCJKsc-Fallback.otf"],
                Role::Title => &["NotoSerifCJKsc-Bold-Tongyong.otf", "NotoSerifCJKsc-Fallback.otf", "KaiFallback.ttf"],
                _ => &["NotoSerifCJKsc-Tongyong.otf", "NotoSerifCJKsc-Fallback.otf", "KaiFallback.ttf"],
            };
            assert_eq!(&chain[1..], expected, "{role:?}");
        }
        assert_eq!(set.face(set.primary(Role::Body)).name, "FandolFang-Regular");
        assert_eq!(set.face(set.primary(Role::Title)).name, "FandolSong-Bold");
        assert_eq!(set.len(), 10, "shared faces appear once");
        assert_eq!(set.face(set.primary(Role::PageNumber)).name, "FandolSong-PageNumbers");
    }

    #[test]
    fn faces_load_on_first_use() {
        let set = FontSet::build(&[]);
        assert_eq!(set.loaded_faces().count(), 0);
        assert_eq!(set.resolve(Role::Body, '政'), Some(set.primary(Role::Body)));
        assert_eq!(set.loaded_faces().count(), 1, "GB2312 text needs only the role's own face");
        assert_eq!(set.generation(), 1);
        set.resolve(Role::Body, '堃');
        assert_eq!(set.loaded_faces().count(), 2, "a rarer character loads the fallback");
    }

    #[test]
    fn characters_fall_back_through_the_chain() {
        let set = FontSet::bundled();
        let body = set.chain(Role::Body);
        assert_eq!(set.resolve(Role::Body, '政'), Some(body[0]), "GB2312 in Fandol");
        assert_eq!(set.resolve(Role::Body, '堃'), Some(body[1]), "通用规范汉字表 beyond GB2312: the Song subset");
        assert_eq!(set.resolve(Role::Body, '䶮'), Some(body[1]));
        assert_eq!(set.resolve(Role::Body, '\u{3406}'), Some(body[2]), "Extension A: the shared fallback");
        assert_eq!(set.resolve(Role::Body, '\u{20021}'), Some(body[2]), "Extension B name characters too");
        assert_eq!(set.resolve(Role::Body, 'Ą'), Some(body[3]), "what Noto Serif CJK lacks: the Kai file");
        assert_eq!(set.resolve(Role::Body, '\u{20000}'), None, "not every Extension B character");
        assert_eq!(set.resolve(Role::Body, '😀'), None, "emoji: no bundled font");
    }

    #[test]
    fn the_gb18030_basic_set_renders() {
        // CJK Unified Ideographs and Extension A, every code point.
        let set = FontSet::bundled();
        let missing: Vec<char> =
            ('\u{4E00}'..='\u{9FA5}').chain('\u{3400}'..='\u{4DB5}').filter(|&c| set.resolve(Role::Body, c).is_none()).collect();
        assert!(missing.is_empty(), "{} missing, e.g. {:?}", missing.len(), &missing[..missing.len().min(10)]);
        // The punctuation and symbols of a report.
        for c in "，。、；：？！“”‘’（）《》【】〔〕—…·％０１２３ABCabc123-/:@.".chars() {
            assert!(set.resolve(Role::Body, c).is_some(), "{c}");
            assert!(set.resolve(Role::Table, c).is_some(), "{c}");
        }
    }

    #[test]
    fn advances_come_from_the_font() {
        let set = FontSet::bundled();
        let fang = set.face(set.primary(Role::Body));
        assert!((fang.advance('政', 16.0) - 16.0).abs() < 0.01, "CJK is one em");
        assert!(fang.advance('1', 16.0) < 12.0, "digits are narrower");
        assert!((fang.advance('，', 16.0) - 16.0).abs() < 0.01, "full-width punctuation is one em");
    }
}
