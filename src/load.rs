//! Load: finds the site's files and reads them, in parallel.
//!
//! Every `.md` file below `content/` is a page; every other file is an
//! asset, copied as is. Names starting with `.` or `_` are ignored, except
//! `_index.md`. Text is read as UTF-8 (a BOM is dropped, CRLF becomes LF, so
//! that lines and columns are those an editor shows).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use rayon::prelude::*;
use walkdir::{DirEntry, WalkDir};

use crate::diagnostic::{Code, Diagnostic, Pos};

/// A Markdown file of the site.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root: `content/decisions/x.md`.
    pub path: PathBuf,
    /// Relative to `content/`: `decisions/x.md`.
    pub rel: PathBuf,
    pub text: String,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    pub src: PathBuf,
    /// Relative to the output folder.
    pub dest: PathBuf,
}

/// Everything read from disk.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Date of the last commit touching each file (relative path to the
    /// site root), when the site is in git.
    pub git_dates: HashMap<PathBuf, NaiveDate>,
    /// Whether `git log` could be read: outside git, only `updated:` dates
    /// pages (and `/health/` says so).
    pub in_git: bool,
}

/// Whether a file or folder name is skipped.
pub fn is_ignored(name: &str) -> bool {
    (name.starts_with('.') || name.starts_with('_')) && name != "_index.md" && !name.starts_with("_index.")
}

/// The walk of `content/` that the build reads: sorted, symbolic links not
/// followed (a link to `/` must not read the whole disk), ignored names
/// skipped with everything below them.
fn walk(content: &Path) -> impl Iterator<Item = DirEntry> {
    WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()))
        .flatten()
}

/// The folders `load` reads, `content/` first: `serve` watches exactly
/// these, so that it sees what a build would read and nothing else.
pub fn folders(root: &Path) -> Vec<PathBuf> {
    walk(&root.join("content")).filter(|e| e.file_type().is_dir()).map(DirEntry::into_path).collect()
}

pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Loaded {
    let content = root.join("content");
    let mut md = Vec::new();
    let mut assets = Vec::new();
    for entry in walk(&content) {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&content) else { continue };
        if entry.path().extension().is_some_and(|e| e == "md") {
            md.push(rel.to_path_buf());
        } else {
            assets.push(Asset { src: entry.path().to_path_buf(), dest: rel.to_path_buf() });
        }
    }
    let read: Vec<Result<SourceFile, Diagnostic>> = md.into_par_iter().map(|rel| read_source(root, rel)).collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    let (git_dates, in_git) = match git_dates(root) {
        Some(dates) => (dates, true),
        None => (HashMap::new(), false),
    };
    Loaded { files, assets, git_dates, in_git }
}

fn read_source(root: &Path, rel: PathBuf) -> Result<SourceFile, Diagnostic> {
    let path = Path::new("content").join(&rel);
    let bytes = std::fs::read(root.join(&path))
        .map_err(|e| Diagnostic::new(Code::InvalidUtf8, &path, Pos::new(1, 1), format!("cannot read the file: {e}")))?;
    let text = decode(bytes).map_err(|(line, column)| {
        Diagnostic::new(Code::InvalidUtf8, &path, Pos::new(line, column), "this file is not UTF-8 text")
            .hint("save it as UTF-8 (most editors offer it in \"Save as…\"); it may be Latin-1 or Windows-1252")
    })?;
    Ok(SourceFile { path, rel, text })
}

/// Decodes UTF-8, dropping a BOM and turning CRLF and lone CR (old Mac
/// files) into LF; other control characters become U+FFFD, so that they
/// reach no page, feed or terminal while lines and columns stay those an
/// editor shows. On failure, the line and column of the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let good = &e.as_bytes()[..bad];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            return Err((line, column));
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    Ok(crate::text::strip_controls_owned(text))
}

/// One `git log` for the whole content folder rather than one per file.
/// `None` when there is no git history to read (not a repository, no git).
fn git_dates(root: &Path) -> Option<HashMap<PathBuf, NaiveDate>> {
    let mut dates = HashMap::new();
    let output =
        Command::new("git").args(["log", "--format=%x00%cs", "--name-only", "--relative", "--", "content"]).current_dir(root).output();
    let output = output.ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut current: Option<NaiveDate> = None;
    for line in text.lines() {
        if let Some(date) = line.strip_prefix('\0') {
            current = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        } else if !line.is_empty() {
            if let Some(d) = current {
                // Newest commits come first: keep the first date seen.
                dates.entry(PathBuf::from(line)).or_insert(d);
            }
        }
    }
    Some(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_bom_and_crlf() {
        assert_eq!(decode(b"\xef\xbb\xbf---\r\nx\r\n".to_vec()).unwrap(), "---\nx\n");
    }

    #[test]
    fn decode_reads_lone_cr_as_line_ends_and_replaces_controls() {
        assert_eq!(decode(b"---\rtitle: a\x1b\r---\r".to_vec()).unwrap(), "---\ntitle: a\u{FFFD}\n---\n");
    }

    #[test]
    fn decode_reports_the_first_bad_byte() {
        assert_eq!(decode(b"ok\nca\xe9 va".to_vec()).unwrap_err(), (2, 3));
    }

    #[test]
    fn folders_are_those_the_build_walks() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        for dir in ["wiki/deep", "_drafts/inner", ".git"] {
            std::fs::create_dir_all(content.join(dir)).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink("/", content.join("root")).unwrap();
        let found: Vec<_> = folders(tmp.path()).into_iter().map(|p| p.strip_prefix(tmp.path()).unwrap().to_path_buf()).collect();
        assert_eq!(found, [Path::new("content"), Path::new("content/wiki"), Path::new("content/wiki/deep")]);
    }

    #[test]
    fn ignored_names() {
        assert!(is_ignored(".git"));
        assert!(is_ignored("_drafts"));
        assert!(!is_ignored("_index.md"));
        assert!(!is_ignored("_index.en.md"));
        assert!(!is_ignored("notes.md"));
    }
}
