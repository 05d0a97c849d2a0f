//! User settings and the recent-files list, kept under the user's app data
//! folder (`%APPDATA%\nianbao` on Windows, `~/.config/nianbao` on Linux) —
//! never next to the executable, which may sit on a read-only share.
//! `NIANBAO_DATA_DIR` overrides the folder (tests, portable use).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::fonts::FontPreference;

/// How many recent files 文件 → 最近打开 lists.
pub const RECENT_FILES: usize = 10;

/// The folder for settings and recovery files.
pub fn data_dir() -> PathBuf {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = env("NIANBAO_DATA_DIR") {
        return dir;
    }
    let base = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_CONFIG_HOME").or_else(|| env("HOME").map(|h| h.join(".config")))
    };
    base.unwrap_or_else(std::env::temp_dir).join("nianbao")
}

/// Which renderer the window uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RendererChoice {
    /// wgpu, and glow if wgpu cannot start.
    #[default]
    Auto,
    Glow,
    Wgpu,
}

impl RendererChoice {
    pub fn code(self) -> &'static str {
        match self {
            RendererChoice::Auto => "auto",
            RendererChoice::Glow => "glow",
            RendererChoice::Wgpu => "wgpu",
        }
    }

    pub fn from_code(s: &str) -> Option<RendererChoice> {
        [RendererChoice::Auto, RendererChoice::Glow, RendererChoice::Wgpu].into_iter().find(|r| r.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub fonts: FontPreference,
    pub renderer: RendererChoice,
}

impl Settings {
    /// The settings file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    /// Reads the settings; anything unreadable falls back to the defaults.
    pub fn load(dir: &Path) -> Settings {
        let Ok(text) = std::fs::read_to_string(Self::path(dir)) else { return Settings::default() };
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else { return Settings::default() };
        let recent = map
            .get("recent")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(PathBuf::from).take(RECENT_FILES).collect())
            .unwrap_or_default();
        let fonts = match map.get("fonts").and_then(Value::as_str) {
            Some("builtin") => FontPreference::BundledOnly,
            _ => FontPreference::PreferSystem,
        };
        let renderer = map.get("renderer").and_then(Value::as_str).and_then(RendererChoice::from_code).unwrap_or_default();
        Settings { recent, fonts, renderer }
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut map = Map::new();
        map.insert("recent".into(), json!(self.recent.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>()));
        map.insert(
            "fonts".into(),
            json!(match self.fonts {
                FontPreference::PreferSystem => "system",
                FontPreference::BundledOnly => "builtin",
            }),
        );
        map.insert("renderer".into(), json!(self.renderer.code()));
        let text = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default();
        crate::files::write_atomic(&Self::path(dir), text.as_bytes())
    }

    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_FILES);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_recent_files_are_capped() {
        let dir = std::env::temp_dir().join(format!("nianbao-settings-{}", std::process::id()));
        let mut s = Settings::load(&dir);
        assert_eq!(s, Settings::default(), "no file: defaults");
        for i in 0..12 {
            s.remember(Path::new(&format!("/报告/{i}.json")));
        }
        s.remember(Path::new("/报告/3.json"));
        s.fonts = FontPreference::BundledOnly;
        s.renderer = RendererChoice::Glow;
        s.save(&dir).unwrap();
        let back = Settings::load(&dir);
        assert_eq!(back, s);
        assert_eq!(back.recent.len(), RECENT_FILES);
        assert_eq!(back.recent[0], Path::new("/报告/3.json"));
        std::fs::write(dir.join("settings.json"), "{broken").unwrap();
        assert_eq!(Settings::load(&dir), Settings::default());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
