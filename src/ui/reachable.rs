//! Whether files and folders are there, found out off the UI thread: asking about
//! a path on a network share that is offline can block for half a minute (SMB
//! time-outs), and the window must never freeze for that. The recent files are
//! asked about at start; a dialog starts in a folder only once it is known to be there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// What is known about a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Being asked about (a slow share may take its time).
    Checking,
    Present,
    Missing,
}

/// The answers so far; cheap to clone (the checking threads hold a clone).
#[derive(Clone, Default)]
pub struct Reachability(Arc<Mutex<Inner>>);

#[derive(Default)]
struct Inner {
    known: HashMap<PathBuf, Presence>,
    /// Asked to draw again when an answer comes.
    waker: Option<egui::Context>,
}

impl Reachability {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Starts asking about each path not asked about before, each on its own
    /// thread (one stuck share does not hold up the others).
    pub fn check(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let todo: Vec<PathBuf> = {
            let mut inner = self.inner();
            let mut todo = Vec::new();
            for path in paths {
                if let std::collections::hash_map::Entry::Vacant(e) = inner.known.entry(path.clone()) {
                    e.insert(Presence::Checking);
                    todo.push(path);
                }
            }
            todo
        };
        for path in todo {
            let this = self.clone();
            let spawned = std::thread::Builder::new().name("reachable".into()).spawn(move || {
                let presence = if std::fs::metadata(&path).is_ok() { Presence::Present } else { Presence::Missing };
                let waker = {
                    let mut inner = this.inner();
                    inner.known.insert(path, presence);
                    inner.waker.clone()
                };
                if let Some(ctx) = waker {
                    ctx.request_repaint();
                }
            });
            // No thread to be had: the path stays "being checked", never asked on the UI thread.
            drop(spawned);
        }
    }

    /// Records paths the program has just read or written as there.
    pub fn found(&self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut inner = self.inner();
        for path in paths {
            inner.known.insert(path, Presence::Present);
        }
    }

    /// What is known about `path` (None: never asked about).
    pub fn presence(&self, path: &Path) -> Option<Presence> {
        self.inner().known.get(path).copied()
    }

    /// The context to repaint when an answer comes.
    pub fn wake(&self, ctx: &egui::Context) {
        let mut inner = self.inner();
        if inner.waker.is_none() {
            inner.waker = Some(ctx.clone());
        }
    }

    /// The first of `folders` that is there now, asked about afresh (a share that
    /// answered an hour ago may be gone), each on its own thread, waiting at most
    /// [`DIALOG_WAIT`]: a folder that does not answer by then is passed over, and
    /// a dialog starts in the default folder rather than wait on it. Folders known
    /// to be missing, or still being asked about, are not asked again.
    pub fn first_present(&self, folders: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
        let folders: Vec<PathBuf> = folders.into_iter().collect();
        let (answer, answers) = std::sync::mpsc::channel();
        for (i, folder) in folders.iter().enumerate() {
            if matches!(self.presence(folder), Some(Presence::Missing | Presence::Checking)) {
                continue;
            }
            self.inner().known.insert(folder.clone(), Presence::Checking);
            let (this, folder, answer) = (self.clone(), folder.clone(), answer.clone());
            let _ = std::thread::Builder::new().name("reachable".into()).spawn(move || {
                let there = std::fs::metadata(&folder).is_ok_and(|m| m.is_dir());
                this.inner().known.insert(folder, if there { Presence::Present } else { Presence::Missing });
                let _ = answer.send((i, there));
            });
        }
        drop(answer);
        let deadline = std::time::Instant::now() + DIALOG_WAIT;
        let mut there = vec![None; folders.len()];
        // Until the earliest folder still in the running has answered, or time is up.
        while let Some(wait) = deadline.checked_duration_since(std::time::Instant::now()) {
            let Ok((i, yes)) = answers.recv_timeout(wait) else { break };
            there[i] = Some(yes);
            if there.iter().take_while(|t| **t != Some(true)).all(|t| *t == Some(false)) {
                break;
            }
        }
        folders.into_iter().zip(there).find(|(_, t)| *t == Some(true)).map(|(f, _)| f)
    }
}

/// How long a dialog waits to learn whether its folder is there.
pub const DIALOG_WAIT: std::time::Duration = std::time::Duration::from_millis(150);

/// How 最近打开 lists a file: its path, marked when it is missing or still being
/// asked about, and whether it can be clicked. Not while it is being asked about:
/// opening it then would wait on the slow share in the UI thread, freezing the window.
pub fn menu_entry(path: &Path, presence: Option<Presence>) -> (String, bool) {
    let shown = elided(&path.display().to_string());
    match presence {
        Some(Presence::Checking) => (format!("{shown}（正在检查…）"), false),
        Some(Presence::Missing) => (format!("{shown}（找不到）"), true),
        Some(Presence::Present) | None => (shown.to_string(), true),
    }
}

/// The most characters of a path 最近打开 shows; a longer one keeps its start and
/// its end (the file's name) around an ellipsis, so the menu stays on the screen.
const MENU_PATH_CHARS: usize = 60;

fn elided(path: &str) -> String {
    let count = path.chars().count();
    if count <= MENU_PATH_CHARS {
        return path.to_string();
    }
    let head: String = path.chars().take(MENU_PATH_CHARS / 3).collect();
    let tail: String = path.chars().skip(count - (MENU_PATH_CHARS - MENU_PATH_CHARS / 3 - 1)).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_path_is_shortened_in_the_middle_keeping_its_file_name() {
        let long = format!("/home/用户/{}/2024年报.json", "很长的文件夹名".repeat(700));
        let (label, _) = menu_entry(Path::new(&long), Some(Presence::Missing));
        assert!(label.chars().count() <= MENU_PATH_CHARS + "（找不到）".chars().count(), "{label}");
        assert!(label.starts_with("/home/用户/") && label.ends_with("2024年报.json（找不到）"), "{label}");
        let short = "/home/用户/2024年报.json";
        assert_eq!(menu_entry(Path::new(short), None).0, short);
    }

    fn settled(r: &Reachability, path: &Path) -> Presence {
        for _ in 0..500 {
            match r.presence(path) {
                Some(Presence::Checking) | None => std::thread::sleep(std::time::Duration::from_millis(2)),
                Some(p) => return p,
            }
        }
        panic!("no answer about {}", path.display());
    }

    #[test]
    fn answers_come_from_another_thread_and_unknown_folders_are_not_used() {
        let r = Reachability::default();
        let here = std::env::temp_dir();
        let gone = here.join(format!("nianbao-gone-{}", std::process::id()));
        r.check([gone.clone(), here.clone()]);
        assert_eq!(settled(&r, &here), Presence::Present);
        assert_eq!(settled(&r, &gone), Presence::Missing);
        assert_eq!(r.first_present([gone.clone(), here.clone()]), Some(here.clone()));
        assert_eq!(r.first_present([gone, here.clone()]), Some(here), "asking again keeps what is known");
        // A folder asked about for the first time is asked about there and then.
        let fresh = Reachability::default();
        assert_eq!(fresh.first_present([std::env::temp_dir()]), Some(std::env::temp_dir()));
    }

    #[test]
    fn a_file_still_being_asked_about_cannot_be_opened_from_the_menu() {
        let p = Path::new("/mnt/共享/年报.json");
        assert_eq!(menu_entry(p, Some(Presence::Checking)), ("/mnt/共享/年报.json（正在检查…）".into(), false));
        assert_eq!(menu_entry(p, Some(Presence::Missing)), ("/mnt/共享/年报.json（找不到）".into(), true));
        assert_eq!(menu_entry(p, Some(Presence::Present)), ("/mnt/共享/年报.json".into(), true));
        assert_eq!(menu_entry(p, None), ("/mnt/共享/年报.json".into(), true));
    }
}
