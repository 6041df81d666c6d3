//! `cahier new`: starts a page with valid front matter at the right place.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::id::file_slug;
use crate::model::PageType;
use crate::text::yaml_string;

/// What to create.
pub struct NewPage<'a> {
    pub kind: PageType,
    pub title: &'a str,
    pub topics: &'a [String],
    pub by: Option<&'a str>,
    pub today: NaiveDate,
}

/// The file path (relative to the site root) and the text of a new page.
pub fn draft(new: &NewPage<'_>) -> Result<(PathBuf, String), String> {
    let name = file_slug(new.title);
    if name.is_empty() {
        return Err("the title needs at least one letter or digit to make a file name".into());
    }
    let dated = format!("{}-{name}", new.today);
    // Decisions and minutes are kept in date order, so their names start with it.
    let file = if matches!(new.kind, PageType::Decision | PageType::Meeting) { dated } else { name };
    let folder = new.kind.info().folder.unwrap_or("");
    let mut fm = format!("---\ntitle: {}\n", yaml_string(new.title));
    match new.kind {
        PageType::Decision | PageType::Meeting => {
            let by = new.by.ok_or("a decision or meeting needs the committee that takes it: add --by <committee id>")?;
            fm.push_str(&format!("date: {}\nby: {}\n", new.today, yaml_string(by)));
            if new.kind == PageType::Decision {
                fm.push_str("status: proposed\n");
            }
        }
        PageType::Committee => fm.push_str(&format!("kind: committee\ncreated: {}\n", new.today)),
        PageType::Principle => fm.push_str(&format!("adopted: {}\n", new.today)),
        // `glossaire.md` and `glossary.md` are glossaries by default; any other name says so.
        PageType::Glossary if !crate::model::GLOSSARY_IDS.contains(&file.as_str()) => fm.push_str("type: glossary\n"),
        // Wiki pages, and any type with only plain keys: a title and topics.
        _plain => {}
    }
    if !new.topics.is_empty() {
        let list: Vec<String> = new.topics.iter().map(|t| yaml_string(t)).collect();
        fm.push_str(&format!("topics: [{}]\n", list.join(", ")));
    }
    fm.push_str("---\n\n");
    let path = Path::new("content").join(folder).join(format!("{file}.md"));
    Ok((path, fm))
}

/// Checks what the new page names against the site: the root must be a site
/// folder, `--by` a committee of the site, each `--topic` a topic of
/// `site.yaml` (an alias is written as its topic's id).
pub fn checked<'a>(root: &Path, new: NewPage<'a>, topics: &'a mut Vec<String>) -> Result<NewPage<'a>, String> {
    if !root.join("content").is_dir() && !root.join("site.yaml").is_file() {
        return Err(format!(
            "{} is not a site folder (it has neither content/ nor site.yaml): run cahier new in a site folder or pass --root",
            root.display()
        ));
    }
    let mut diags = Vec::new();
    let config = crate::parse::site::load(root, &mut diags);
    if !new.topics.is_empty() {
        let mut known = Vec::with_capacity(new.topics.len());
        for t in new.topics {
            match config.topics.get(t) {
                Some(topic) => known.push(topic.id.clone()),
                None => {
                    let ids: Vec<&str> = config.topics.list.iter().map(|t| t.id.as_str()).collect();
                    let near = crate::diagnostic::closest_n(t, ids.iter().copied(), 3);
                    return Err(format!(
                        "`{t}` is not a topic of site.yaml{}",
                        if near.is_empty() { String::new() } else { format!("; closest: {}", near.join(", ")) }
                    ));
                }
            }
        }
        *topics = known;
    }
    if let Some(by) = new.by {
        let committees = committee_ids(root, &config);
        // Matched as a `by:` reference is (full or short id, `id::match_key`),
        // so `new` accepts exactly what the build will.
        let key = crate::id::match_key(by);
        let found = committees
            .iter()
            .any(|id| crate::id::match_key(id) == key || id.rsplit('/').next().is_some_and(|s| crate::id::match_key(s) == key));
        if !found {
            let near = crate::diagnostic::closest_n(by, committees.iter().map(String::as_str), 3);
            return Err(format!(
                "no committee has the id `{by}`{}",
                if near.is_empty() {
                    "; create it first with `cahier new committee`".to_string()
                } else {
                    format!("; closest: {}", near.join(", "))
                }
            ));
        }
    }
    Ok(NewPage { topics: topics.as_slice(), ..new })
}

/// The ids of the site's committees, read from its files.
fn committee_ids(root: &Path, config: &crate::config::Config) -> Vec<String> {
    let loaded = crate::load::load(root, &mut Vec::new());
    let (pages, _) = crate::parse::parse(&loaded.files, config, true);
    pages.iter().filter(|p| matches!(p.kind, crate::model::Kind::Committee(_))).map(|p| p.id.as_str().to_string()).collect()
}

/// Writes the new page; never overwrites an existing file.
pub fn create(root: &Path, new: &NewPage<'_>) -> Result<PathBuf, String> {
    let (rel, text) = draft(new)?;
    let path = root.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut file = OpenOptions::new().write(true).create_new(true).open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!("{} already exists; choose another title or edit that file", rel.display()),
        _ => format!("cannot create {}: {e}", rel.display()),
    })?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", rel.display()))?;
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_needs_by_and_is_dated() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut new = NewPage { kind: PageType::Decision, title: "Gel des embauches", topics: &[], by: None, today };
        assert!(draft(&new).is_err());
        new.by = Some("ct");
        let (path, text) = draft(&new).unwrap();
        assert_eq!(path, Path::new("content/decisions/2026-11-23-gel-des-embauches.md"));
        assert!(text.contains("date: 2026-11-23\nby: ct\n"));
    }

    #[test]
    fn a_glossary_says_its_type_unless_its_name_does() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let new = |title| NewPage { kind: PageType::Glossary, title, topics: &[], by: None, today };
        let (path, text) = draft(&new("Glossaire")).unwrap();
        assert_eq!((path.as_path(), text.contains("type:")), (Path::new("content/glossaire.md"), false));
        let (path, text) = draft(&new("Lexique")).unwrap();
        assert_eq!((path.as_path(), text.contains("type: glossary\n")), (Path::new("content/lexique.md"), true));
    }
}
