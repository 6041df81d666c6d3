//! What an import will do with each item of a log: write it as a new
//! decision file, skip it (a decision with its date and text exists), or
//! report it as not placed; and whether the site holds imported files that
//! the log now contradicts.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files::{same_text, Existing};
use super::log::{Log, Named, Section, Stray};
use super::markup::plain;
use super::names::guess_topics;
use super::title::title;
use crate::config::Topics;
use crate::id::file_slug;
use crate::text::yaml_string;

/// A decision file to write.
#[derive(Debug, Clone)]
pub struct NewDecision {
    /// Relative to the site root.
    pub path: PathBuf,
    /// The log line its item starts on.
    pub line: usize,
    pub title: String,
    pub topics: Vec<String>,
    /// The whole file: front matter and text.
    pub file: String,
    origin: String,
}

/// An item already in the site.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub line: usize,
    /// The file that holds it (an earlier item of this log, for an item
    /// written twice on one date).
    pub file: PathBuf,
}

/// A log line that no decision will hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
    pub why: String,
}

/// An imported file whose item the log no longer has as it was, while
/// another item now stands at its place: the log was edited after the
/// import (or the file was), and writing the item would duplicate it.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub file: PathBuf,
    pub origin: String,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub new: Vec<NewDecision>,
    pub skipped: Vec<Skipped>,
    pub unplaced: Vec<Unplaced>,
    pub conflicts: Vec<Conflict>,
    /// Imported files whose item is no longer in the log: worth a note.
    pub gone: Vec<(PathBuf, String)>,
}

/// What the import needs to know besides the log.
pub struct Context<'a> {
    pub root: &'a Path,
    /// The log's file name, as `imported_from` says it.
    pub log_name: &'a str,
    pub log_text: &'a str,
    /// `--by`, as `by:` will say it.
    pub by: Option<&'a str>,
    pub topics: &'a Topics,
    pub existing: &'a [Existing],
}

/// Decides the fate of every item of `log`.
pub fn plan(cx: &Context<'_>, log: &Log) -> Plan {
    let mut plan = Plan::default();
    let lines: Vec<&str> = cx.log_text.lines().collect();
    for &(n, why) in &log.strays {
        let why = match why {
            Stray::NoDate => "no dated section above it".to_string(),
            Stray::BesideList => "a paragraph beside the list of its dated section, not a list item".to_string(),
        };
        plan.unplaced.push(Unplaced { line: n, text: preview(raw(&lines, n)), why });
    }
    // Every item of the log, placed or not: an imported file that matches
    // one is accounted for.
    let matched: HashSet<(NaiveDate, String)> =
        log.sections.iter().flat_map(|s| s.items.iter().map(|i| (s.date, same_text(&i.text)))).collect();
    // What the site holds, and then what this import writes: an item
    // written twice on one date in the log is written once.
    let mut known: HashMap<(NaiveDate, String), PathBuf> =
        cx.existing.iter().filter_map(|e| Some(((e.date?, e.text.clone()), e.path.clone()))).collect();
    let mut taken: HashSet<String> = cx.existing.iter().map(|e| id_key(&e.path)).collect();
    for section in &log.sections {
        let Some(by) = body_of(section, cx.by, &lines, &mut plan) else { continue };
        for item in &section.items {
            let text = item.text.trim();
            let key = (section.date, same_text(text));
            if let Some(file) = known.get(&key) {
                plan.skipped.push(Skipped { line: item.line, file: file.clone() });
                continue;
            }
            let new = decision(cx, section.date, by, item.line, text, &mut taken);
            known.insert(key, new.path.clone());
            plan.new.push(new);
        }
    }
    find_conflicts(cx, &matched, &mut plan);
    plan.unplaced.sort_by_key(|u| u.line);
    plan
}

/// The `by:` of a section's items, or their lines reported as not placed.
fn body_of<'s>(section: &'s Section, by: Option<&'s str>, lines: &[&str], plan: &mut Plan) -> Option<&'s str> {
    let why = match (&section.named, by) {
        (Named::Body(body), _) => return Some(body),
        (Named::Nothing, Some(by)) => return Some(by),
        (Named::Nothing, None) => format!("its section (line {}) names no body: pass --by COMMITTEE", section.line),
        (Named::Unknown(words), _) => format!(
            "its section (line {}) names `{words}`, which is no committee of the site: pass --map \"{words}=COMMITTEE\"",
            section.line
        ),
    };
    for item in &section.items {
        for n in item.line..=item.last {
            if !raw(lines, n).is_empty() {
                plan.unplaced.push(Unplaced { line: n, text: preview(raw(lines, n)), why: why.clone() });
            }
        }
    }
    None
}

/// The new decision file of one item.
fn decision(cx: &Context<'_>, date: NaiveDate, by: &str, line: usize, text: &str, taken: &mut HashSet<String>) -> NewDecision {
    let title = match title(text) {
        t if t.is_empty() => format!("Décision du {date}"),
        t => t,
    };
    let slug = match file_slug(&title) {
        s if s.is_empty() => "decision".to_string(),
        s => s,
    };
    let folder = Path::new("content").join("decisions");
    let mut path = folder.join(format!("{date}-{slug}.md"));
    // Two items of one day with one title: `-2`, `-3`, as headings get.
    let mut n = 1;
    while taken.contains(&id_key(&path)) || cx.root.join(&path).exists() {
        n += 1;
        path = folder.join(format!("{date}-{slug}-{n}.md"));
    }
    taken.insert(id_key(&path));
    let topics = guess_topics(cx.topics, &plain(text));
    let origin = format!("{}:{line}", cx.log_name);
    let mut file = format!("---\ntitle: {}\ndate: {date}\nby: {}\n", yaml_string(&title), yaml_string(by));
    if !topics.is_empty() {
        file.push_str(&format!("topics: [{}]\n", topics.iter().map(|t| yaml_string(t)).collect::<Vec<_>>().join(", ")));
    }
    file.push_str(&format!("imported_from: {}\n---\n\n{text}\n", serde_json::Value::from(origin.as_str())));
    NewDecision { path, line, title, topics, file, origin }
}

/// The id a decision file gives its page, as ids are compared (case
/// ignored, a language suffix dropped): a new file may not take the id of
/// one the site has, even `2010-07-06-Gel.md` or `2010-07-06-gel.en.md`.
fn id_key(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/").to_lowercase();
    let stem = text.strip_suffix(".md").unwrap_or(&text);
    match stem.rsplit_once('.') {
        Some((id, lang)) if (2..4).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_alphabetic()) => id.to_string(),
        _ => stem.to_string(),
    }
}

/// Files imported from this log that match no item of it any more: a
/// conflict when a new item now claims their `imported_from`, else a note.
fn find_conflicts(cx: &Context<'_>, matched: &HashSet<(NaiveDate, String)>, plan: &mut Plan) {
    let from_this_log = |origin: &str| origin.rsplit_once(':').is_some_and(|(name, _)| name == cx.log_name);
    for e in cx.existing {
        let Some(origin) = e.imported_from.as_deref().filter(|o| from_this_log(o)) else { continue };
        if e.date.is_some_and(|d| matched.contains(&(d, e.text.clone()))) {
            continue;
        }
        if plan.new.iter().any(|n| n.origin == origin) {
            plan.conflicts.push(Conflict { file: e.path.clone(), origin: origin.to_string() });
        } else {
            plan.gone.push((e.path.clone(), origin.to_string()));
        }
    }
}

/// Line `n` of the log (counted from 1), trimmed.
fn raw<'a>(lines: &[&'a str], n: usize) -> &'a str {
    lines.get(n.wrapping_sub(1)).map_or("", |l| l.trim())
}

/// A log line as a report shows it: at most 70 characters.
fn preview(line: &str) -> String {
    if line.chars().count() <= 70 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(69).collect::<String>())
    }
}
