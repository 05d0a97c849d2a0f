//! User settings and the recent-files list, kept under the user's app data
//! folder (`%APPDATA%\nianbao` on Windows, `~/.config/nianbao` on Linux) —
//! never next to the executable, which may sit on a read-only share.
//! `NIANBAO_DATA_DIR` overrides the folder (tests, portable use).

use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::fonts::FontPreference;

/// The largest settings file read (ten recent paths and a few options take a few KB).
const SETTINGS_CAP: u64 = 1 << 20;

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
        env("XDG_CONFIG_HOME").filter(|d| d.is_absolute()).or_else(|| env("HOME").map(|h| h.join(".config")))
    };
    base.unwrap_or_else(std::env::temp_dir).join("nianbao")
}

/// The folder for files the program can rebuild (the unpacked fonts): the local,
/// not the roaming, profile — `%LOCALAPPDATA%\nianbao\cache` on Windows,
/// `$XDG_CACHE_HOME/nianbao` (`~/.cache/nianbao`) on Linux. `NIANBAO_CACHE_DIR`
/// overrides it; set to `off` (any case), nothing is cached. None: no such folder is known.
pub fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = env("NIANBAO_CACHE_DIR") {
        return (!dir.as_os_str().eq_ignore_ascii_case("off")).then_some(dir);
    }
    if cfg!(windows) {
        env("LOCALAPPDATA").map(|d| d.join("nianbao").join("cache"))
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches/nianbao"))
    } else {
        // The XDG base directory spec: a relative path is invalid and ignored.
        env("XDG_CACHE_HOME")
            .filter(|d| d.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(".cache")))
            .map(|d| d.join("nianbao"))
    }
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

/// Where the main window was left, in logical pixels (the same at any zoom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowPlacement {
    /// The outer top-left corner; unknown on Wayland.
    pub position: Option<[f32; 2]>,
    /// The inner (content) size; when maximized, the size to restore to.
    pub size: [f32; 2],
    pub maximized: bool,
}

impl WindowPlacement {
    fn from_json(v: &Value) -> Option<WindowPlacement> {
        let num = |k: &str| v.get(k).and_then(Value::as_f64).map(|n| n as f32).filter(|n| n.is_finite());
        let size = [num("width")?, num("height")?];
        if size.iter().any(|s| !(200.0..=20_000.0).contains(s)) {
            return None;
        }
        let position = num("x").zip(num("y")).map(|(x, y)| [x, y]).filter(|p| p.iter().all(|c| c.abs() <= 50_000.0));
        Some(WindowPlacement { position, size, maximized: v.get("maximized").and_then(Value::as_bool).unwrap_or(false) })
    }

    fn to_json(self) -> Value {
        let mut m = Map::new();
        if let Some([x, y]) = self.position {
            m.insert("x".into(), json!(x.round() as i64));
            m.insert("y".into(), json!(y.round() as i64));
        }
        m.insert("width".into(), json!(self.size[0].round() as i64));
        m.insert("height".into(), json!(self.size[1].round() as i64));
        m.insert("maximized".into(), json!(self.maximized));
        Value::Object(m)
    }
}

/// The zoom (Ctrl+加号/减号) the app may be left at.
pub const ZOOMS: std::ops::RangeInclusive<f32> = 0.5..=3.0;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub fonts: FontPreference,
    pub renderer: RendererChoice,
    /// The main window as it was last closed (None: fit the screen).
    pub window: Option<WindowPlacement>,
    /// The interface zoom as it was last closed (None: 100 %).
    pub zoom: Option<f32>,
    /// The cap on 总体情况's length the user's province sets (S20; None: no cap).
    pub overview_limit: Option<usize>,
}

impl Settings {
    /// The settings file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join("settings.json")
    }

    /// Reads the settings; anything unreadable falls back to the defaults.
    pub fn load(dir: &Path) -> Settings {
        // Bounded like every file read: a FIFO or a link to /dev/zero where the
        // settings should be must not hang the start or fill the memory.
        let cap = crate::read_limits::SizeCap { bytes: SETTINGS_CAP, what: "设置文件" };
        let read = crate::read_limits::read_regular_file(&Self::path(dir), cap).ok();
        // A stray non-UTF-8 byte (a path written by another tool) spoils one entry, not every setting.
        let Some(text) = read.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()) else { return Settings::default() };
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else { return Settings::default() };
        let recent = map
            .get("recent")
            .and_then(Value::as_array)
            .map(|a| {
                let paths = a.iter().filter_map(Value::as_str).filter(|p| !p.contains(char::REPLACEMENT_CHARACTER));
                paths.map(PathBuf::from).take(RECENT_FILES).collect()
            })
            .unwrap_or_default();
        let fonts = match map.get("fonts").and_then(Value::as_str) {
            Some("builtin") => FontPreference::BundledOnly,
            _ => FontPreference::PreferSystem,
        };
        let renderer = map.get("renderer").and_then(Value::as_str).and_then(RendererChoice::from_code).unwrap_or_default();
        let window = map.get("window").and_then(WindowPlacement::from_json);
        let zoom = map.get("zoom").and_then(Value::as_f64).map(|z| z as f32).filter(|z| ZOOMS.contains(z));
        let overview_limit =
            map.get("overview_limit").and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).filter(|n| *n > 0);
        Settings { recent, fonts, renderer, window, zoom, overview_limit }
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
        if let Some(w) = self.window {
            map.insert("window".into(), w.to_json());
        }
        if let Some(z) = self.zoom {
            map.insert("zoom".into(), json!((z * 100.0).round() / 100.0));
        }
        if let Some(n) = self.overview_limit {
            map.insert("overview_limit".into(), json!(n));
        }
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
    #[cfg(unix)]
    fn a_settings_file_that_is_no_file_is_not_read() {
        let dir = std::env::temp_dir().join(format!("nianbao-settings-odd-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // A link to a device that never ends: the defaults, at once.
        std::os::unix::fs::symlink("/dev/zero", Settings::path(&dir)).unwrap();
        assert_eq!(Settings::load(&dir).recent, Vec::<PathBuf>::new());
        std::fs::remove_file(Settings::path(&dir)).unwrap();
        // A named pipe with no writer would block an open for reading.
        let status = std::process::Command::new("mkfifo").arg(Settings::path(&dir)).status().unwrap();
        assert!(status.success());
        assert_eq!(Settings::load(&dir).recent, Vec::<PathBuf>::new());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_byte_that_is_not_utf8_loses_its_entry_only() {
        let dir = std::env::temp_dir().join(format!("nianbao-settings-bytes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut file = br#"{"recent": ["/tmp/a"#.to_vec();
        file.push(0xFF);
        file.extend_from_slice(r#".json", "/报告/b.json"], "fonts": "builtin", "zoom": 1.25}"#.as_bytes());
        std::fs::write(Settings::path(&dir), file).unwrap();
        let s = Settings::load(&dir);
        assert_eq!(s.recent, vec![PathBuf::from("/报告/b.json")]);
        assert_eq!((s.fonts, s.zoom), (FontPreference::BundledOnly, Some(1.25)));
        std::fs::remove_dir_all(&dir).unwrap();
    }

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
        s.window = Some(WindowPlacement { position: Some([-1280.0, 24.0]), size: [1100.0, 640.0], maximized: true });
        s.zoom = Some(1.25);
        s.overview_limit = Some(1000);
        s.save(&dir).unwrap();
        let back = Settings::load(&dir);
        assert_eq!(back, s);
        assert_eq!(back.recent.len(), RECENT_FILES);
        assert_eq!(back.recent[0], Path::new("/报告/3.json"));
        // Wayland has no window position; a size only is kept.
        s.window = Some(WindowPlacement { position: None, size: [900.0, 600.0], maximized: false });
        s.save(&dir).unwrap();
        assert_eq!(Settings::load(&dir), s);
        // Nonsense is dropped rather than used: a window 5 px wide, a zoom of 40.
        std::fs::write(
            dir.join("settings.json"),
            r#"{"window": {"x": 10, "y": 10, "width": 5, "height": 600}, "zoom": 40, "renderer": "glow"}"#,
        )
        .unwrap();
        let odd = Settings::load(&dir);
        assert_eq!((odd.window, odd.zoom, odd.renderer), (None, None, RendererChoice::Glow));
        std::fs::write(dir.join("settings.json"), "{broken").unwrap();
        assert_eq!(Settings::load(&dir), Settings::default());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
