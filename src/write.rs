//! Write: puts the rendered files on disk, all or nothing, and never
//! anywhere it could destroy what the user wrote.
//!
//! Before anything is rendered, [`claim`] checks the output folder: it may not
//! be the site folder, one of its ancestors, or a folder holding the site's
//! sources (`content/`, `themes/`, `.git/`, the search cache); if it exists,
//! it must be an empty folder or one that cahier wrote (it holds the marker
//! file [`MARKER`]). The claim also takes a lock, so that two builds into one
//! folder take turns instead of tearing each other's staging folder apart.
//!
//! Files are then written into a staging folder next to the output as soon
//! as render makes them ([`Staging`] is the render stage's sink), and the
//! staging folder takes the output's place by a rename. A build that fails before this stage
//! writes nothing at all; one that fails during it leaves the previous output
//! as it was.

use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashSet;

use crate::output::{Content, Output, Sink, SinkError};

/// The file that marks a folder as cahier's output, written at each build.
pub const MARKER: &str = ".cahier-output";

const MARKER_TEXT: &str = "This folder is written by `cahier build`, which replaces it whole at each build.\n\
Do not keep your own files here: they would be deleted.\n";

/// Folders of the site that hold what the user wrote; the output may not be
/// one of them or lie inside one.
const PROTECTED: [&str; 4] = ["content", "themes", ".git", ".cahier-cache"];

/// What the write stage did.
#[derive(Debug, Clone, Default)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
    /// Things that went wrong after the new output was in place (the previous
    /// one could not be removed): worth saying, not worth failing for.
    pub warnings: Vec<String>,
}

/// Why an output folder is refused, or could not be prepared.
#[derive(Debug)]
pub enum OutputError {
    /// The output is the site folder or one of its ancestors.
    ContainsSite { out: PathBuf },
    /// The output lies inside a folder of the user's sources.
    InsideSources { out: PathBuf, folder: &'static str },
    /// The output exists and is not a folder.
    NotAFolder { out: PathBuf },
    /// The output is a symbolic link: the swap would replace the link.
    Symlink { out: PathBuf },
    /// The output holds files and no marker: cahier did not write it.
    Foreign { out: PathBuf, example: String },
    /// Reading or writing failed.
    Io { path: PathBuf, error: io::Error },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::ContainsSite { out } => write!(
                f,
                "refusing to write the site into {}: it is the site folder or contains it, and each build replaces its output whole\n  hint: pass an output folder of its own, such as --out public",
                out.display()
            ),
            OutputError::InsideSources { out, folder } => write!(
                f,
                "refusing to write the site into {}: it is inside the site's {folder}/ folder, which holds what you wrote\n  hint: pass an output folder outside {folder}/, such as --out public",
                out.display()
            ),
            OutputError::NotAFolder { out } => {
                write!(f, "refusing to write the site into {}: it is a file, not a folder\n  hint: pass the path of a folder", out.display())
            }
            OutputError::Symlink { out } => write!(
                f,
                "refusing to write the site into {}: it is a symbolic link, which each build would replace by a folder\n  hint: pass the folder it points to",
                out.display()
            ),
            OutputError::Foreign { out, example } => write!(
                f,
                "refusing to write the site into {}: it already holds files (such as `{example}`) and cahier did not write it (no {MARKER} file), so a build would delete them\n  hint: pass an empty or new folder; or, if it only holds an old build of this site, delete it once",
                out.display()
            ),
            OutputError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for OutputError {}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io { path: path.to_path_buf(), error }
}

/// An output folder that is safe to replace, locked for this build.
#[derive(Debug)]
pub struct Claim {
    out: PathBuf,
    /// Held for the claim's life: the lock is the open file.
    _lock: File,
}

impl Claim {
    pub fn out(&self) -> &Path {
        &self.out
    }
}

/// Checks that `out` may be written as the output of the site at `root`,
/// then locks the site for the build. `waiting` is called once if another
/// build of the site holds the lock.
pub fn claim(root: &Path, out: &Path, waiting: impl FnOnce(&Path)) -> Result<Claim, OutputError> {
    let root_abs = fs::canonicalize(root).map_err(io_at(root))?;
    let out_abs = resolve_path(out).map_err(io_at(out))?;
    if root_abs.starts_with(&out_abs) {
        return Err(OutputError::ContainsSite { out: out.to_path_buf() });
    }
    if let Some(folder) = PROTECTED.into_iter().find(|f| out_abs.starts_with(root_abs.join(f))) {
        return Err(OutputError::InsideSources { out: out.to_path_buf(), folder });
    }
    check_existing(out)?;
    let parent = out_abs.parent().unwrap_or(&out_abs);
    fs::create_dir_all(parent).map_err(io_at(parent))?;
    let lock = lock(&root_abs, &out_abs, waiting)?;
    // Another build may have changed the folder while this one waited.
    check_existing(out)?;
    Ok(Claim { out: out_abs, _lock: lock })
}

/// Takes the site's build lock, `.cahier-cache/build.lock`, waiting for it
/// if another build holds it. One lock per site rather than per output: two
/// builds of one site also share its search cache. The lock is the open file
/// itself, so a killed build never leaves a stale one. A site that cannot be
/// written to (a read-only checkout built elsewhere) is locked by a file next
/// to the output instead.
fn lock(root: &Path, out: &Path, waiting: impl FnOnce(&Path)) -> Result<File, OutputError> {
    let in_cache = root.join(".cahier-cache").join("build.lock");
    let path = match open_lock(&in_cache) {
        Ok(file) => return hold(file, &in_cache, root, waiting),
        Err(_) => sibling(out, "cahier-lock"),
    };
    let file = open_lock(&path).map_err(io_at(&path))?;
    hold(file, &path, root, waiting)
}

fn open_lock(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    File::options().create(true).truncate(false).write(true).open(path)
}

fn hold(file: File, path: &Path, root: &Path, waiting: impl FnOnce(&Path)) -> Result<File, OutputError> {
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => {
            waiting(root);
            file.lock().map_err(io_at(path))?;
            Ok(file)
        }
        Err(TryLockError::Error(e)) => Err(io_at(path)(e)),
    }
}

/// Refuses an existing output that is not an empty folder or cahier's own.
fn check_existing(out: &Path) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_at(out)(e)),
    };
    if meta.file_type().is_symlink() {
        return Err(OutputError::Symlink { out: out.to_path_buf() });
    }
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder { out: out.to_path_buf() });
    }
    if out.join(MARKER).is_file() {
        return Ok(());
    }
    let first = fs::read_dir(out).map_err(io_at(out))?.next();
    match first {
        None => Ok(()),
        Some(entry) => {
            let example = entry.map_err(io_at(out))?.file_name().to_string_lossy().into_owned();
            Err(OutputError::Foreign { out: out.to_path_buf(), example })
        }
    }
}

/// The absolute form of a path that may not exist yet: `.` and `..` folded,
/// then its deepest existing ancestor canonicalised (symbolic links followed).
fn resolve_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = fold(&if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) });
    let mut rest = Vec::new();
    let mut base = absolute.as_path();
    let canonical = loop {
        match fs::canonicalize(base) {
            Ok(c) => break c,
            Err(_) => match (base.parent(), base.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    base = parent;
                }
                _ => break base.to_path_buf(),
            },
        }
    };
    let mut out = canonical;
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}

/// Folds `.` and `..` without looking at the disk.
fn fold(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// The folder the next output is written into, file by file as render
/// makes them, then put in place of the output by [`Staging::finish`].
/// Dropped unfinished (the build failed), it is removed: the previous
/// output stays as it was.
pub struct Staging<'c> {
    claim: &'c Claim,
    dir: PathBuf,
    /// Folders made so far, so that each is made once.
    made: Mutex<FxHashSet<PathBuf>>,
    files: AtomicUsize,
    bytes: AtomicU64,
    finished: bool,
}

impl<'c> Staging<'c> {
    pub fn new(claim: &'c Claim) -> Result<Staging<'c>, OutputError> {
        let dir = sibling(claim.out(), "cahier-new");
        // A staging folder left by a build that was killed: the lock says no
        // build is using it now.
        remove_tree(&dir).map_err(io_at(&dir))?;
        fs::create_dir_all(&dir).map_err(io_at(&dir))?;
        Ok(Staging { claim, dir, made: Mutex::default(), files: AtomicUsize::new(0), bytes: AtomicU64::new(0), finished: false })
    }

    /// Writes one file into the staging folder.
    pub fn write(&self, o: &Output) -> Result<(), OutputError> {
        let dest = self.dir.join(&o.path);
        if let Some(parent) = dest.parent() {
            let mut made = self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(io_at(parent))?;
                made.insert(parent.to_path_buf());
            }
        }
        let size = match &o.content {
            Content::Bytes(b) => fs::write(&dest, b).map(|_| b.len() as u64),
            Content::Static(b) => fs::write(&dest, b).map(|_| b.len() as u64),
            Content::Copy(src) => fs::copy(src, &dest),
        }
        .map_err(|error| OutputError::Io { path: dest, error })?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(size, Ordering::Relaxed);
        Ok(())
    }

    /// Marks the staging folder as cahier's and puts it in place of the
    /// output.
    pub fn finish(mut self) -> Result<WriteStats, OutputError> {
        self.finished = true;
        let result = self.swap_in();
        if result.is_err() {
            let _ = remove_tree(&self.dir);
        }
        result
    }

    fn swap_in(&self) -> Result<WriteStats, OutputError> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_at(&marker))?;
        let mut stats =
            WriteStats { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed), warnings: Vec::new() };
        swap(&self.dir, self.claim.out(), &mut stats.warnings)?;
        Ok(stats)
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_tree(&self.dir);
        }
    }
}

impl Sink for Staging<'_> {
    fn put(&self, output: Output) -> Result<(), SinkError> {
        self.write(&output).map_err(|e| SinkError(e.to_string()))
    }
}

/// Puts `staging` in place of `out` with two renames, then removes the old
/// output. Failing to remove the old output is a warning: the new one is in
/// place by then.
fn swap(staging: &Path, out: &Path, warnings: &mut Vec<String>) -> Result<(), OutputError> {
    let old = sibling(out, "cahier-old");
    remove_tree(&old).map_err(io_at(&old))?;
    if fs::symlink_metadata(out).is_ok() {
        fs::rename(out, &old).map_err(io_at(out))?;
        if let Err(e) = fs::rename(staging, out) {
            // Put the previous output back rather than leave nothing.
            let _ = fs::rename(&old, out);
            return Err(io_at(out)(e));
        }
        if let Err(e) = remove_tree(&old) {
            warnings.push(format!("the previous output, moved to {}, could not be removed: {e}", old.display()));
        }
    } else {
        fs::rename(staging, out).map_err(io_at(out))?;
    }
    Ok(())
}

/// Removes a folder cahier made, if it is there. Folders left read-only
/// (by the user, or by a tool that copied permissions) are made writable
/// first: they are ours to remove.
fn remove_tree(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(first) => {
            for entry in walkdir::WalkDir::new(path).into_iter().flatten() {
                if entry.file_type().is_dir() {
                    let mut perms = match entry.metadata() {
                        Ok(m) => m.permissions(),
                        Err(_) => continue,
                    };
                    if perms.readonly() {
                        #[allow(clippy::permissions_set_readonly_false)]
                        perms.set_readonly(false);
                        let _ = fs::set_permissions(entry.path(), perms);
                    }
                }
            }
            fs::remove_dir_all(path).map_err(|_| first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_dots() {
        assert_eq!(fold(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn missing_paths_resolve_below_their_existing_ancestor() {
        let tmp = tempfile::tempdir().unwrap();
        let real = fs::canonicalize(tmp.path()).unwrap();
        assert_eq!(resolve_path(&tmp.path().join("x/../y/z")).unwrap(), real.join("y/z"));
    }
}
