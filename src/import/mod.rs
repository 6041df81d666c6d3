//! `cahier import log` (content format section 15): the long chronological
//! page that many organisations keep ("cahier de décisions", "decision
//! log") turned into one decision file per item.
//!
//! The log is read into dated sections and their items (`log`, over the
//! line syntax of each format in `lines` and the dates of `dates`); each
//! item's fate is decided against the site (`plan`: committees named by
//! `names`, titles by `title`); only then are files written (`files`), so
//! that a refused import writes nothing at all.

pub mod dates;
mod files;
mod lines;
pub mod log;
mod markup;
pub mod names;
mod plan;
pub mod title;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use files::same_text;
pub use lines::Format;
pub use plan::{Conflict, NewDecision, Skipped, Unplaced};

use crate::id::match_key;
use crate::model::Kind;
use names::{Bodies, Body};

/// What to import, and how.
pub struct Request<'a> {
    pub root: &'a Path,
    pub log: &'a Path,
    /// Default: from the file's extension ([`Format::of_path`]).
    pub format: Option<Format>,
    /// The committee of sections that name none.
    pub by: Option<&'a str>,
    /// `NAME=COMMITTEE`: a name the log uses for a committee.
    pub map: &'a [String],
    pub dry_run: bool,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug)]
pub struct Outcome {
    pub log_name: String,
    pub written: Vec<NewDecision>,
    pub skipped: Vec<Skipped>,
    pub unplaced: Vec<Unplaced>,
    /// Files imported from this log whose item it no longer holds.
    pub gone: Vec<(PathBuf, String)>,
    pub dry_run: bool,
}

/// Why an import did not run. Nothing was written, except for `Write`,
/// which says how many files were.
#[derive(Debug)]
pub enum ImportError {
    NotASite(PathBuf),
    Read { path: PathBuf, error: io::Error },
    NotUtf8(PathBuf),
    UnknownCommittee { option: &'static str, name: String, near: Vec<String> },
    BadMap(String),
    Edited(Vec<Conflict>),
    Write { path: PathBuf, error: io::Error, written: usize },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotASite(root) => write!(
                f,
                "{} is not a site folder (it has neither content/ nor site.yaml): run cahier import in a site folder, pass --root, or start one with cahier init",
                root.display()
            ),
            ImportError::Read { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            ImportError::NotUtf8(path) => write!(
                f,
                "{} is not UTF-8 text\n  hint: convert it first, e.g. iconv -f windows-1252 -t utf-8 LOG > LOG.utf8",
                path.display()
            ),
            ImportError::UnknownCommittee { option, name, near } => {
                write!(f, "{option}: no committee has the id `{name}`")?;
                if !near.is_empty() {
                    write!(f, "; closest: {}", near.join(", "))?;
                }
                Ok(())
            }
            ImportError::BadMap(arg) => write!(f, "--map {arg}: expected NAME=COMMITTEE, such as --map \"Comité de travail=ct\""),
            ImportError::Edited(conflicts) => {
                writeln!(f, "refusing to import: these decisions were imported from lines that now hold another text (the log was edited after the import, or the files were); nothing was written")?;
                for c in conflicts {
                    writeln!(f, "  {} (imported_from: {})", c.file.display(), c.origin)?;
                }
                write!(f, "  hint: bring each file and its log line into agreement (edit one of them), then import again")
            }
            ImportError::Write { path, error, written } => {
                write!(f, "cannot write {}: {error} ({written} files were written before it)", path.display())
            }
        }
    }
}

/// A committee of the site: the `by:` that names it and its names.
struct Committee {
    id: String,
    short: String,
    by: String,
    titles: Vec<String>,
}

/// Imports a log into the site at `req.root`.
pub fn run(req: &Request<'_>) -> Result<Outcome, ImportError> {
    let root = req.root;
    if !root.join("content").is_dir() && !root.join("site.yaml").is_file() {
        return Err(ImportError::NotASite(root.to_path_buf()));
    }
    let config = crate::parse::site::load(root, &mut Vec::new());
    let committees = committees(root, &config);
    let by = req.by.map(|name| find_committee(&committees, "--by", name)).transpose()?.map(|c| c.by.clone());
    let bodies = bodies(&committees, req.map)?;
    let bytes = std::fs::read(req.log).map_err(|error| ImportError::Read { path: req.log.to_path_buf(), error })?;
    // Read as anything else, an old wiki's Latin-1 export would give every
    // accented title a replacement character: better to say so.
    let text = String::from_utf8(bytes).map_err(|_| ImportError::NotUtf8(req.log.to_path_buf()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    let format = req.format.unwrap_or_else(|| Format::of_path(req.log));
    let log = log::read(&text, format, &bodies);
    let existing = files::existing(root).map_err(|error| ImportError::Read { path: root.join("content").join("decisions"), error })?;
    let log_name = req.log.file_name().map_or_else(|| req.log.display().to_string(), |n| n.to_string_lossy().into_owned());
    let cx = plan::Context { root, log_name: &log_name, log_text: &text, by: by.as_deref(), topics: &config.topics, existing: &existing };
    let plan = plan::plan(&cx, &log);
    if !plan.conflicts.is_empty() {
        return Err(ImportError::Edited(plan.conflicts));
    }
    if !req.dry_run {
        for (written, new) in plan.new.iter().enumerate() {
            files::write_new(&root.join(&new.path), &new.file).map_err(|error| ImportError::Write {
                path: new.path.clone(),
                error,
                written,
            })?;
        }
    }
    Ok(Outcome { log_name, written: plan.new, skipped: plan.skipped, unplaced: plan.unplaced, gone: plan.gone, dry_run: req.dry_run })
}

/// The committees of the site, read from its files, each with the titles
/// of all its translations.
fn committees(root: &Path, config: &crate::config::Config) -> Vec<Committee> {
    let loaded = crate::load::load(root, &mut Vec::new());
    let (pages, _) = crate::parse::parse(&loaded.files, config, true);
    let mut short_ids: std::collections::HashMap<String, std::collections::HashSet<String>> = Default::default();
    for page in &pages {
        short_ids.entry(page.id.short().to_lowercase()).or_default().insert(page.id.key().to_string());
    }
    let mut out: Vec<Committee> = Vec::new();
    for page in pages.iter().filter(|p| matches!(p.kind, Kind::Committee(_))) {
        if let Some(known) = out.iter_mut().find(|c| c.id.eq_ignore_ascii_case(page.id.as_str())) {
            known.titles.push(page.title.clone());
            continue;
        }
        let short = page.id.short().to_string();
        // The short id where it names this page only (section 1), as people write it.
        let unique = short_ids.get(&short.to_lowercase()).is_some_and(|ids| ids.len() == 1);
        let by = if unique { short.clone() } else { page.id.as_str().to_string() };
        out.push(Committee { id: page.id.as_str().to_string(), short, by, titles: vec![page.title.clone()] });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The committee `name` designates by its full or short id, as a `by:`
/// reference would.
fn find_committee<'c>(committees: &'c [Committee], option: &'static str, name: &str) -> Result<&'c Committee, ImportError> {
    let key = match_key(name);
    committees.iter().find(|c| match_key(&c.id) == key || match_key(&c.short) == key).ok_or_else(|| {
        let ids = committees.iter().map(|c| c.short.as_str());
        let near = crate::diagnostic::closest_n(name, ids, 3).into_iter().map(String::from).collect();
        ImportError::UnknownCommittee { option, name: name.to_string(), near }
    })
}

/// The names that designate each committee in the log: `--map` names
/// first, so that they win; then each committee's short id and titles.
fn bodies(committees: &[Committee], map: &[String]) -> Result<Bodies, ImportError> {
    let mut list = Vec::new();
    for arg in map {
        let (name, id) = arg
            .rsplit_once('=')
            .filter(|(n, i)| !n.trim().is_empty() && !i.trim().is_empty())
            .ok_or_else(|| ImportError::BadMap(arg.clone()))?;
        let committee = find_committee(committees, "--map", id.trim())?;
        list.push(Body::new(committee.by.clone(), &[name.trim()]));
    }
    for c in committees {
        let names: Vec<&str> = std::iter::once(c.short.as_str()).chain(c.titles.iter().map(String::as_str)).collect();
        list.push(Body::new(c.by.clone(), &names));
    }
    Ok(Bodies { list })
}

impl Outcome {
    /// What a person reads after an import: each file, each line not
    /// placed (`FILE:LINE`, as compilers say it), notes, and the counts.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let verb = if self.dry_run { "would write" } else { "wrote" };
        for new in &self.written {
            out.push_str(&format!("{verb} {} ({}:{})\n", new.path.display(), self.log_name, new.line));
        }
        // One reason over the run of lines it applies to, each line with
        // its number, as a compiler shows source lines.
        let mut previous: Option<&Unplaced> = None;
        for u in &self.unplaced {
            if previous.is_none_or(|p| p.why != u.why) {
                out.push_str(&format!("{}:{}: not placed: {}\n", self.log_name, u.line, u.why));
            }
            out.push_str(&format!("{:>6} │ {}\n", u.line, u.text));
            previous = Some(u);
        }
        for (file, origin) in &self.gone {
            out.push_str(&format!("note: {} was imported from {origin}, which the log no longer holds as it was\n", file.display()));
        }
        let unplaced_lines = self.unplaced.len();
        out.push_str(&format!(
            "{} {}, {} skipped (already imported), {} not placed{}\n",
            self.written.len(),
            if self.dry_run { "to write" } else { "written" },
            self.skipped.len(),
            match unplaced_lines {
                1 => "1 line".to_string(),
                n => format!("{n} lines"),
            },
            if self.dry_run { " (dry run: nothing written)" } else { "" },
        ));
        out
    }
}
