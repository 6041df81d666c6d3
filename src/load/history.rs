//! The history of `content/` from git (spec 14.1), read with one `git log`
//! whatever the number of commits: each commit's date, author and subject,
//! and the files it added, changed, renamed or deleted. Renames are
//! followed, so that a page moved to another folder keeps the history it
//! had before the move.
//!
//! git runs on a thread of its own while the files are read and parsed:
//! on a long history it is the slowest part of loading.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::JoinHandle;

use chrono::NaiveDate;

/// One commit that touched `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// The committer's date: when the change reached the repository.
    pub date: NaiveDate,
    pub author: String,
    /// The first line of the message.
    pub subject: String,
    /// What the commit did to each file, under the file's path today.
    pub files: Vec<(Change, PathBuf)>,
}

/// What a commit did to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Modified,
    Renamed,
    Deleted,
}

impl Change {
    /// The change in a word, for readers of the feed.
    pub fn name(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Modified => "modified",
            Change::Renamed => "renamed",
            Change::Deleted => "deleted",
        }
    }
}

/// The history of the site's content, newest commit first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub commits: Vec<Commit>,
    /// For each file, under its path today (the last path it had, for a
    /// deleted file), the commits that changed it, newest first, as indexes
    /// into `commits`, and what each did to it.
    pub files: HashMap<PathBuf, Vec<(usize, Change)>>,
}

impl History {
    /// The commits that changed `file` (relative to the site root), newest
    /// first.
    pub fn of<'a>(&'a self, file: &'a Path) -> impl Iterator<Item = (&'a Commit, Change)> + 'a {
        // Not a search of the commit's files: a first commit that adds
        // every page would make that quadratic.
        self.files.get(file).into_iter().flatten().map(|&(c, change)| (&self.commits[c], change))
    }

    /// The date of the last commit that changed `file`.
    pub fn updated(&self, file: &Path) -> Option<NaiveDate> {
        self.of(file).next().map(|(c, _)| c.date)
    }
}

/// The history being read, by a git process started by [`start`].
pub struct Pending(Option<JoinHandle<Option<History>>>);

/// Starts reading the history of `root/content`.
pub fn start(root: &Path) -> Pending {
    let root = root.to_path_buf();
    Pending(std::thread::Builder::new().name("git log".into()).spawn(move || read(&root)).ok())
}

impl Pending {
    /// The history, or `None` when the site is not in a git repository (or
    /// git is not installed).
    pub fn wait(self) -> Option<History> {
        self.0.and_then(|h| h.join().ok()).flatten()
    }
}

/// The folder of the site's pages, as git names paths from the site root.
const CONTENT: &str = "content";

/// Marks the start of a commit in the log: a byte no subject holds.
const START: char = '\u{1}';

/// Below this many commits, one `git log` is as fast as several.
const SPLIT_FROM: usize = 2_000;

fn git(root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(root).stdin(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    cmd
}

fn read(root: &Path) -> Option<History> {
    // Listing commits is cheap; what costs is comparing each commit's tree
    // with its parent's (a folder of 3,000 decisions is a large tree). On a
    // long history, the comparison is shared among git processes, each
    // taking a stretch of the first-parent line: each stretch holds what
    // its newest commit reaches and its oldest does not, so that together
    // they hold every commit once, in the order of one `git log`.
    let line = git(root).args(["rev-list", "--first-parent", "HEAD"]).output().ok()?;
    if !line.status.success() {
        // Not a repository, or one without commits.
        return git(root).args(["rev-parse", "--git-dir"]).output().ok()?.status.success().then(History::default);
    }
    let line: Vec<&str> = std::str::from_utf8(&line.stdout).ok()?.lines().collect();
    let head = *line.first()?;
    // The log of the last build, if its head is still in the history: then
    // only the commits since are read (a build after a pull, every rebuild
    // of `serve`).
    let cache = root.join(".cahier-cache").join("history.log");
    let cached = std::fs::read(&cache).ok().and_then(|bytes| {
        let (id, log) = bytes.split_at(bytes.iter().position(|&b| b == b'\n')?);
        let id = std::str::from_utf8(id).ok()?;
        line.iter().position(|&c| c == id).map(|at| (at, log[1..].to_vec()))
    });
    let fresh = matches!(cached, Some((0, _)));
    let log = match cached {
        Some((0, log)) => log,
        // Should git fail on the new commits alone, the whole log is read.
        Some((at, old)) => match git_log(root, &[head], Some(line[at])) {
            Some(mut log) => {
                log.extend(old);
                log
            }
            None => log_in_parts(root, &line)?,
        },
        None => log_in_parts(root, &line)?,
    };
    if !fresh {
        write_cache(&cache, head, &log);
    }
    Some(parse(&String::from_utf8_lossy(&log)))
}

/// Keeps the log for the next build; a site folder that cannot be written
/// only loses the saving.
fn write_cache(cache: &Path, head: &str, log: &[u8]) {
    let Some(dir) = cache.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Written aside and renamed: builds of one site may run side by side.
    let tmp = dir.join(format!(".history.{}.tmp", std::process::id()));
    let mut bytes = Vec::with_capacity(head.len() + 1 + log.len());
    bytes.extend_from_slice(head.as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(log);
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, cache).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// `git log` of what `from` reaches and `not` does not, in the format
/// [`parse`] reads.
fn git_log(root: &Path, from: &[&str], not: Option<&str>) -> Option<Vec<u8>> {
    let mut cmd = git(root);
    cmd.args(["-c", "core.quotePath=false", "log", "-z", "-M", "--name-status", "--relative"])
        .arg("--format=%x01%H%x00%cs%x00%an%x00%s")
        .args(from);
    if let Some(not) = not {
        cmd.arg(format!("^{not}"));
    }
    // No pathspec: limiting the log to `content/` makes git compare every
    // commit's trees twice (to simplify history, then to list the files),
    // twice the time of listing all files and keeping those of `content/`.
    cmd.output().ok().filter(|o| o.status.success()).map(|o| o.stdout)
}

/// The whole log, read by several git processes when it is long.
fn log_in_parts(root: &Path, line: &[&str]) -> Option<Vec<u8>> {
    let parts = if line.len() < SPLIT_FROM { 1 } else { std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8) };
    let bounds: Vec<&str> = (0..parts).map(|i| line[i * line.len() / parts]).collect();
    let bounds = &bounds;
    let logs: Vec<Option<Vec<u8>>> = std::thread::scope(|s| {
        let jobs: Vec<_> = (0..parts).map(|i| s.spawn(move || git_log(root, &[bounds[i]], bounds.get(i + 1).copied()))).collect();
        jobs.into_iter().map(|j| j.join().ok().flatten()).collect()
    });
    let mut all = Vec::new();
    for log in logs {
        all.extend(log?);
    }
    Some(all)
}

/// Reads the output of `git log -z -M --name-status` in the format above.
pub fn parse(log: &str) -> History {
    let mut history = History::default();
    // Paths then (in an older commit) -> paths now, for renamed files.
    let mut now_of: HashMap<PathBuf, PathBuf> = HashMap::new();
    for record in log.split(START).filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let (Some(id), Some(date), Some(author), Some(subject)) = (fields.next(), fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else { continue };
        let mut files = Vec::new();
        let mut rest = fields.map(|f| f.trim_start_matches('\n')).filter(|f| !f.is_empty());
        while let Some(status) = rest.next() {
            let change = match status.as_bytes().first() {
                Some(b'A' | b'C') => Change::Added,
                Some(b'D') => Change::Deleted,
                Some(b'R') => Change::Renamed,
                _ => Change::Modified,
            };
            // Renames and copies name the path before and the path after.
            let before = if matches!(status.as_bytes().first(), Some(b'R' | b'C')) { rest.next() } else { None };
            let Some(path) = rest.next().map(PathBuf::from) else { break };
            let inside = |p: &Path| p.starts_with(CONTENT);
            // Only `content/` is the site. A page moved out of it left the
            // site; a file moved into it starts there.
            let (change, path, before) = match (change, before.map(Path::new)) {
                (Change::Renamed, Some(b)) if !inside(&path) && inside(b) => (Change::Deleted, b.to_path_buf(), None),
                (Change::Renamed, Some(b)) if inside(&path) && !inside(b) => (Change::Added, path, None),
                _ if !inside(&path) => continue,
                (change, before) => (change, path, before),
            };
            let now = match change {
                // Older commits with this path were another file (one
                // deleted before this one was added).
                Change::Added => now_of.remove(&path).unwrap_or(path),
                Change::Renamed => {
                    let now = now_of.remove(&path).unwrap_or(path);
                    if let Some(before) = before {
                        now_of.insert(PathBuf::from(before), now.clone());
                    }
                    now
                }
                Change::Modified | Change::Deleted => now_of.get(&path).cloned().unwrap_or(path),
            };
            files.push((change, now));
        }
        if files.is_empty() {
            continue;
        }
        let c = history.commits.len();
        for (change, path) in &files {
            let list = history.files.entry(path.clone()).or_default();
            if list.last().is_none_or(|&(last, _)| last != c) {
                list.push((c, *change));
            }
        }
        history.commits.push(Commit {
            id: id.to_string(),
            date,
            author: crate::text::strip_controls_owned(author.to_string()),
            subject: crate::text::strip_controls_owned(subject.to_string()),
            files,
        });
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, date: &str, subject: &str, changes: &[&str]) -> String {
        let mut s = format!("\u{1}{id}\0{date}\0Ana\0{subject}\0\n");
        for c in changes {
            s.push_str(c);
            s.push('\0');
        }
        s
    }

    #[test]
    fn renames_are_followed_back_to_the_first_path() {
        let log = [
            record("c3", "2024-03-01", "move again", &["R100", "content/b.md", "content/c.md"]),
            record("c2", "2023-02-01", "move", &["R090", "content/a.md", "content/b.md"]),
            record("c1", "2022-01-01", "create", &["A", "content/a.md", "A", "content/x.md"]),
        ]
        .concat();
        let h = parse(&log);
        let changes: Vec<_> = h.of(Path::new("content/c.md")).map(|(c, ch)| (c.id.as_str(), ch)).collect();
        assert_eq!(changes, [("c3", Change::Renamed), ("c2", Change::Renamed), ("c1", Change::Added)]);
        assert_eq!(h.of(Path::new("content/c.md")).last().map(|(c, _)| c.date), NaiveDate::from_ymd_opt(2022, 1, 1));
        assert_eq!(h.updated(Path::new("content/c.md")), NaiveDate::from_ymd_opt(2024, 3, 1));
        assert!(!h.files.contains_key(Path::new("content/a.md")));
    }

    #[test]
    fn a_path_added_again_starts_a_new_history() {
        let log = [
            record("c3", "2024-03-01", "again", &["A", "content/a.md"]),
            record("c2", "2023-02-01", "gone", &["D", "content/a.md"]),
            record("c1", "2022-01-01", "first", &["A", "content/a.md"]),
        ]
        .concat();
        let h = parse(&log);
        assert_eq!(h.of(Path::new("content/a.md")).count(), 3);
        assert_eq!(h.commits[1].files, [(Change::Deleted, PathBuf::from("content/a.md"))]);
    }

    #[test]
    fn only_content_counts_and_a_page_moved_out_of_it_is_deleted() {
        let log = [
            record("c3", "2024-03-01", "archive", &["R100", "content/old.md", "archive/old.md", "M", "src/main.rs"]),
            record("c2", "2023-02-01", "code only", &["M", "README.md"]),
            record("c1", "2022-01-01", "bring in", &["R100", "drafts/new.md", "content/new.md", "A", "content/old.md"]),
        ]
        .concat();
        let h = parse(&log);
        assert_eq!(h.commits.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["c3", "c1"]);
        assert_eq!(h.commits[0].files, [(Change::Deleted, PathBuf::from("content/old.md"))]);
        assert_eq!(h.of(Path::new("content/new.md")).map(|(_, c)| c).collect::<Vec<_>>(), [Change::Added]);
        assert_eq!(h.of(Path::new("content/old.md")).count(), 2);
    }

    #[test]
    fn subjects_lose_control_characters_and_bad_records_are_skipped() {
        let log = [record("c1", "2022-01-01", "fix\u{1b}[31m", &["M", "content/a.md"]), "\u{1}broken\0".to_string()].concat();
        let h = parse(&log);
        assert_eq!(h.commits.len(), 1);
        assert!(!h.commits[0].subject.contains('\u{1b}'));
    }
}
