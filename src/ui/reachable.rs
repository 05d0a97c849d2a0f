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

    /// The first of `folders` known to be there; the others not yet asked about
    /// are asked about now, for next time.
    pub fn first_present(&self, folders: impl IntoIterator<Item = PathBuf>) -> Option<PathBuf> {
        let folders: Vec<PathBuf> = folders.into_iter().collect();
        let found = folders.iter().find(|f| self.presence(f) == Some(Presence::Present)).cloned();
        self.check(folders);
        found
    }
}

/// How 最近打开 lists a file: its path, marked when it is missing or still being
/// asked about, and whether it can be clicked. Not while it is being asked about:
/// opening it then would wait on the slow share in the UI thread, freezing the window.
pub fn menu_entry(path: &Path, presence: Option<Presence>) -> (String, bool) {
    let shown = path.display();
    match presence {
        Some(Presence::Checking) => (format!("{shown}（正在检查…）"), false),
        Some(Presence::Missing) => (format!("{shown}（找不到）"), true),
        Some(Presence::Present) | None => (shown.to_string(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(r.first_present([gone.clone(), here.clone()]), None, "nothing is known yet: no waiting");
        assert_eq!(settled(&r, &here), Presence::Present);
        assert_eq!(settled(&r, &gone), Presence::Missing);
        assert_eq!(r.first_present([gone.clone(), here.clone()]), Some(here.clone()));
        assert_eq!(r.first_present([gone, here.clone()]), Some(here), "asking again keeps what is known");
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
