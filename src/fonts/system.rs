//! Finding the real 公文 fonts on this machine: 方正小标宋简体, 仿宋_GB2312 / 仿宋,
//! 黑体, 楷体_GB2312 / 楷体, 宋体. Files are recognised by their usual names in the
//! usual folders (reading every installed font would take seconds), then
//! confirmed by parsing.

use std::path::{Path, PathBuf};

use super::Role;

/// A font file found on this machine for a role. Its bytes (mapped) live for the rest of the process.
pub struct SystemFace {
    pub role: Role,
    pub path: PathBuf,
    pub index: u32,
    pub data: &'static [u8],
}

/// File names (lower case) of each role's 公文 fonts, most preferred first.
fn candidates(role: Role) -> &'static [&'static str] {
    match role {
        Role::Title => &["fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxiaobiaosong-b05s.ttf", "fzxbsk.ttf", "方正小标宋_gbk.ttf"],
        Role::Heading => &["simhei.ttf", "黑体.ttf"],
        Role::Subheading => &["楷体_gb2312.ttf", "kaiti_gb2312.ttf", "simkai.ttf", "楷体.ttf"],
        Role::Body | Role::Table => &["仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "fs_gb2312.ttf", "simfang.ttf", "仿宋.ttf"],
        Role::PageNumber => &["simsun.ttc", "simsun.ttf", "宋体.ttf"],
    }
}

/// The folders fonts are installed in on Windows (system and per-user) and Linux.
pub fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let env = |k: &str| std::env::var_os(k).map(PathBuf::from);
    if cfg!(windows) {
        dirs.extend(env("WINDIR").map(|w| w.join("Fonts")));
        dirs.extend(env("LOCALAPPDATA").map(|l| l.join("Microsoft").join("Windows").join("Fonts")));
    } else {
        dirs.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        if let Some(home) = env("HOME") {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
    }
    dirs
}

/// Every font file under the folders (three levels deep), as (lower-case name, path).
fn font_files(dirs: &[PathBuf]) -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<(String, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if depth > 0 {
                    walk(&path, depth - 1, out);
                }
            } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                out.push((name.to_lowercase(), path));
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        walk(dir, 3, &mut out);
    }
    out
}

/// The 公文 fonts present under `dirs`, at most one per role.
pub fn find(dirs: &[PathBuf]) -> Vec<SystemFace> {
    let files = font_files(dirs);
    let mut found: Vec<SystemFace> = Vec::new();
    for role in Role::ALL {
        let hit = candidates(role).iter().find_map(|want| files.iter().find(|(name, _)| name == want));
        let Some((_, path)) = hit else { continue };
        // Two roles may share a file (宋体 for tables and page numbers): read it once.
        let data = match found.iter().find(|f| &f.path == path) {
            Some(f) => f.data,
            // Mapped, not read: a 宋体 collection is 18 MB, of which a report needs a few pages.
            None => match super::cache::map_file(path) {
                Some(bytes) => bytes,
                None => continue,
            },
        };
        // A usable face draws common Chinese text.
        let usable = ttf_parser::Face::parse(data, 0).is_ok_and(|f| "政府信息公开".chars().all(|c| f.glyph_index(c).is_some()));
        if usable {
            found.push(SystemFace { role, path: path.clone(), index: 0, data });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Source};

    #[test]
    fn finds_office_fonts_by_their_usual_names() {
        let dir = std::env::temp_dir().join(format!("nianbao-sysfonts-{}", std::process::id()));
        let sub = dir.join("truetype").join("office");
        std::fs::create_dir_all(&sub).unwrap();
        // Stand-ins: bundled faces copied under the names Windows gives 仿宋 and 黑体.
        std::fs::write(sub.join("SIMFANG.TTF"), crate::fonts::bundled::FANG.bytes()).unwrap();
        std::fs::write(dir.join("simhei.ttf"), crate::fonts::bundled::HEI.bytes()).unwrap();
        std::fs::write(dir.join("simkai.ttf"), b"not a font").unwrap();

        let found = find(std::slice::from_ref(&dir));
        let roles: Vec<Role> = found.iter().map(|f| f.role).collect();
        assert_eq!(roles, vec![Role::Heading, Role::Body, Role::Table], "a broken file is skipped; 仿宋 serves body and tables");
        assert_eq!(found[1].data.as_ptr(), found[2].data.as_ptr(), "a file shared by two roles is read once");
        assert_eq!(found[1].path, sub.join("SIMFANG.TTF"));

        let set = FontSet::build(&found);
        let body = set.chain(Role::Body);
        assert_eq!(body.len(), 5);
        assert_eq!(set.face(body[0]).source, Source::System(sub.join("SIMFANG.TTF")));
        assert_eq!(set.face(body[1]).source, Source::Bundled("FandolFang-Regular.otf"));
        assert_eq!(set.chain(Role::Title).len(), 4, "no 小标宋 installed: bundled only");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn no_folders_no_fonts() {
        assert!(find(&[PathBuf::from("/nonexistent/fonts")]).is_empty());
    }
}
