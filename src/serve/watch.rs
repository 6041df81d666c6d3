//! What `serve` watches, and which file events count as a change. It
//! watches the folders the build reads, found by the build's own walks
//! (`load::folders`, `theme::folders`: ignored names skipped, symbolic links
//! not followed), each one on its own, plus the site folder for `site.yaml`;
//! when folders come or go, the set is computed again. Only events that can
//! change what the build reads start a rebuild: reading files, which every
//! rebuild does, produces access events, and those must not start the next
//! rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load;
use crate::render::theme;

/// Editors write a file in several steps: a rebuild waits for this much
/// quiet.
const SETTLE: Duration = Duration::from_millis(50);

/// How long without events before work left for a quiet moment is done.
pub const IDLE: Duration = Duration::from_millis(300);

/// Watching started, not yet acted upon: events wait in the channel.
pub struct Watch {
    watched: Watched,
    events: Receiver<notify::Result<Event>>,
}

struct Watched {
    watcher: RecommendedWatcher,
    folders: BTreeSet<PathBuf>,
    root: PathBuf,
    out: PathBuf,
}

/// Starts watching the site. A failure is a warning: the site is still
/// served, without rebuilds.
pub fn start(root: &Path, out: &Path) -> Option<Watch> {
    let (tx, events) = mpsc::channel();
    let watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    });
    let watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            eprintln!("warning: cannot watch files ({e}); the site will not be rebuilt on change");
            return None;
        }
    };
    // Events carry absolute paths; comparing them needs an absolute root
    // (not a canonical one: notify does not resolve links either).
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut watched = Watched { watcher, folders: BTreeSet::new(), root: absolute(root), out: absolute(out) };
    watched.update();
    Some(Watch { watched, events })
}

/// What changed in one settled burst of events.
#[derive(Debug, Default)]
pub struct Change {
    /// Pages (`.md` files under `content/`) written, that exist now.
    pub written: BTreeSet<PathBuf>,
    /// Whether anything else changed: a file removed or renamed away,
    /// another kind of file, the theme, `site.yaml`, or events without a
    /// path. Files created and gone again within the burst (an editor's
    /// temporary files) do not count.
    pub other: bool,
    /// Whether every path seen is in the site's `themes/` folder.
    pub theme_only: bool,
}

impl Change {
    /// The one page whose text may have changed, when that is all.
    pub fn single_page(&self) -> Option<&Path> {
        match (self.other, self.written.len()) {
            (false, 1) => self.written.iter().next().map(PathBuf::as_path),
            _ => None,
        }
    }

    fn add(&mut self, event: &notify::Result<Event>, watched: &Watched, created: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else { return };
        if !changes_content(&event.kind) {
            return;
        }
        if event.paths.is_empty() {
            self.other = true;
        }
        for path in event.paths.iter().filter(|p| watched.is_read(p)) {
            if matches!(event.kind, EventKind::Create(_)) {
                created.insert(path.clone());
            }
            self.written.insert(path.clone());
        }
    }

    /// Sorts the paths seen once the burst is over.
    fn settle(&mut self, root: &Path, created: &BTreeSet<PathBuf>) {
        let content = root.join("content");
        let seen = std::mem::take(&mut self.written);
        let themes = root.join("themes");
        self.theme_only = !self.other && !seen.is_empty() && seen.iter().all(|p| p.starts_with(&themes));
        for path in seen {
            let exists = path.is_file();
            if !exists && created.contains(&path) {
                continue;
            }
            if exists && path.starts_with(&content) && path.extension().is_some_and(|e| e == "md") {
                self.written.insert(path);
            } else {
                self.other = true;
            }
        }
    }
}

impl Watch {
    /// Calls `on_change` after each change, and `on_idle` when no event
    /// came for [`IDLE`], on a thread of its own.
    pub fn spawn(self, mut on_change: impl FnMut(&Change) + Send + 'static, mut on_idle: impl FnMut() + Send + 'static) {
        let Watch { mut watched, events } = self;
        std::thread::spawn(move || loop {
            let event = match events.recv_timeout(IDLE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => {
                    on_idle();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            };
            {
                if !watched.is_change(&event) {
                    continue;
                }
                let mut change = Change::default();
                let mut created = BTreeSet::new();
                change.add(&event, &watched, &mut created);
                watched.forget_removed(&event);
                loop {
                    match events.recv_timeout(SETTLE) {
                        Ok(event) => {
                            change.add(&event, &watched, &mut created);
                            watched.forget_removed(&event);
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                change.settle(&watched.root, &created);
                // Before the build reads them, so that nothing written
                // after the build's walk goes unseen. Only when folders may
                // have come or gone (a folder created; a removal, a rename
                // or `site.yaml`, which names the theme, all count as
                // `other`): an edit of files in place leaves them as they
                // are, and walking `content/` again took 50 ms of each
                // edit at 10,000 pages.
                if change.other || created.iter().any(|p| p.is_dir()) {
                    watched.update();
                }
                on_change(&change);
            }
        });
    }
}

impl Watched {
    /// Watches the folders the build reads now, and only them.
    fn update(&mut self) {
        let theme = crate::parse::site::load(&self.root, &mut Vec::new()).theme;
        let themes = self.root.join("themes");
        let mut wanted = BTreeSet::from([self.root.clone()]);
        wanted.extend(load::folders(&self.root));
        wanted.extend([themes.join(&theme), themes].into_iter().filter(|d| d.is_dir()));
        wanted.extend(theme::folders(&self.root, &theme));
        for gone in self.folders.difference(&wanted).cloned().collect::<Vec<_>>() {
            // A removed folder's watch is already gone: nothing to report.
            let _ = self.watcher.unwatch(&gone);
            self.folders.remove(&gone);
        }
        for new in wanted.difference(&self.folders).cloned().collect::<Vec<_>>() {
            match self.watcher.watch(&new, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    self.folders.insert(new);
                }
                Err(e) => eprintln!("warning: cannot watch {} ({e}); changes there will not rebuild the site", new.display()),
            }
        }
    }

    /// A folder removed or renamed loses its watch, even if a folder of the
    /// same name comes back before `update`: forget it so that `update`
    /// watches whatever is there now.
    fn forget_removed(&mut self, event: &notify::Result<Event>) {
        let Ok(event) = event else { return };
        if !matches!(event.kind, EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))) {
            return;
        }
        for path in &event.paths {
            let gone: Vec<PathBuf> = self.folders.iter().filter(|f| f.starts_with(path)).cloned().collect();
            for folder in gone {
                let _ = self.watcher.unwatch(&folder);
                self.folders.remove(&folder);
            }
        }
    }

    fn is_change(&self, event: &notify::Result<Event>) -> bool {
        match event {
            Ok(event) => changes_content(&event.kind) && (event.paths.is_empty() || event.paths.iter().any(|p| self.is_read(p))),
            Err(e) => {
                eprintln!("warning: watching files: {e}");
                false
            }
        }
    }

    /// Whether the build reads this path: `site.yaml`, or a name below
    /// `content/` that `load` does not skip, or anything of the themes.
    fn is_read(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        let Ok(rel) = path.strip_prefix(&self.root) else { return false };
        let name = rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        rel == Path::new("site.yaml")
            || (rel.starts_with("content") && (rel == Path::new("content") || !load::is_ignored(&name)))
            || rel.starts_with("themes")
    }
}

/// Creating, writing, removing or renaming; not opening, reading or closing
/// after reading, and not a change of metadata alone (atime, permissions).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(modify) => !matches!(modify, ModifyKind::Metadata(_)),
        // Closing after writing ends a save; closing after reading is what
        // a rebuild itself does.
        EventKind::Access(access) => *access == AccessKind::Close(AccessMode::Write),
        // Unknown kinds, and the "rescan" notify sends when events were
        // lost: a rebuild is the safe answer.
        EventKind::Any | EventKind::Other => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};

    #[test]
    fn reading_is_not_a_change() {
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Read)));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))));
    }

    #[test]
    fn writing_creating_removing_renaming_are_changes() {
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(changes_content(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(changes_content(&EventKind::Create(CreateKind::Folder)));
        assert!(changes_content(&EventKind::Remove(RemoveKind::File)));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
    }
}
