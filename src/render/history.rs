//! What git says changed (spec 14.1): a page's own history at its foot,
//! the recent changes of the whole site (`/changes/`) and their Atom feed
//! (`/changes.xml`). Authors are named unless `show_authors: false`; commits
//! link to `repo_url` when it is set.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::url;
use crate::load::history::{Change, Commit, History};
use crate::resolve::{PageIdx, Site};
use crate::text::escape_html;

/// The changes a page lists of itself; the full log is one link away.
const PAGE_HISTORY: usize = 10;
/// The commits `/changes/` shows: about a year of a busy wiki, and a page
/// that still opens quickly on a phone.
const RECENT_COMMITS: usize = 100;
/// The commits `/changes.xml` carries, as the other feeds carry 50 entries.
const FEED_COMMITS: usize = 50;
/// The files listed under one commit; a commit that imports a whole wiki
/// says how many more it changed.
const FILES_PER_COMMIT: usize = 30;

/// One change of one page, as its history shows it.
#[derive(Debug, Serialize)]
pub struct PageChange {
    pub date: String,
    pub subject: String,
    pub author: Option<String>,
    /// `added`, `modified`, `renamed` or `deleted` (interface strings).
    pub change: &'static str,
    /// The commit on the forge, when `repo_url` is set.
    pub href: Option<String>,
}

/// A page's history: its last changes, and the full log on the forge.
#[derive(Debug, Serialize, Default)]
pub struct PageHistory {
    pub changes: Vec<PageChange>,
    /// How many changes there are in all.
    pub total: usize,
    pub log_href: Option<String>,
}

pub fn change_key(change: Change) -> &'static str {
    match change {
        Change::Added => "change_added",
        Change::Modified => "change_modified",
        Change::Renamed => "change_renamed",
        Change::Deleted => "change_deleted",
    }
}

fn commit_href(site: &Site, commit: &Commit) -> Option<String> {
    site.config.repo_url.as_ref().map(|repo| format!("{repo}/commit/{}", commit.id))
}

fn author(site: &Site, commit: &Commit) -> Option<String> {
    site.config.show_authors.then(|| commit.author.clone())
}

/// The history page `p` shows at its foot; empty outside git.
pub fn page_history(site: &Site, p: PageIdx) -> PageHistory {
    let Some(history) = &site.history else { return PageHistory::default() };
    let file = &site.pages[p].source.file;
    let all = history.of(file);
    let mut changes = Vec::new();
    let mut total = 0;
    for (commit, change) in all {
        total += 1;
        if changes.len() < PAGE_HISTORY {
            changes.push(PageChange {
                date: commit.date.to_string(),
                subject: commit.subject.clone(),
                author: author(site, commit),
                change: change_key(change),
                href: commit_href(site, commit),
            });
        }
    }
    let log_href = site
        .config
        .repo_url
        .as_ref()
        .filter(|_| total > 0)
        .map(|repo| format!("{repo}/commits/{}/{}", site.config.repo_branch, crate::diagnostic::display_path(file)));
    PageHistory { changes, total, log_href }
}

/// A file a commit touched, as `/changes/` lists it.
#[derive(Debug, Serialize)]
pub struct ChangedFile {
    pub change: &'static str,
    /// The page's title, or the file's path when it is not a page (any
    /// more).
    pub title: String,
    /// A link to the page, when it still exists.
    pub href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CommitCtx {
    pub subject: String,
    pub author: Option<String>,
    pub href: Option<String>,
    pub files: Vec<ChangedFile>,
    /// Files changed beyond those listed.
    pub more: usize,
}

#[derive(Debug, Serialize)]
pub struct DayCtx {
    pub date: String,
    pub commits: Vec<CommitCtx>,
}

/// The pages of the site by their file, to name and link changed files.
pub struct Files<'a> {
    site: &'a Site,
    by_file: HashMap<&'a Path, PageIdx>,
}

impl<'a> Files<'a> {
    pub fn new(site: &'a Site) -> Files<'a> {
        // A meeting's file holds its inline decisions too: the file is
        // named by its first page, the meeting.
        let mut by_file = HashMap::new();
        for (p, page) in site.pages.iter().enumerate() {
            by_file.entry(page.source.file.as_path()).or_insert(p);
        }
        Files { site, by_file }
    }

    fn page(&self, file: &Path) -> Option<PageIdx> {
        self.by_file.get(file).copied()
    }

    /// A changed file, its page linked by `href` (from the page's URL).
    fn named(&self, change: Change, file: &Path, href: impl Fn(&str) -> String) -> ChangedFile {
        // A deleted file is listed without a link, even if a page took
        // its path later: the link would lead to another text.
        match self.page(file).filter(|_| change != Change::Deleted) {
            Some(p) => {
                ChangedFile { change: change_key(change), title: self.site.pages[p].title.clone(), href: Some(href(self.site.url(p))) }
            }
            None => ChangedFile {
                change: change_key(change),
                title: file.strip_prefix("content").unwrap_or(file).display().to_string(),
                href: None,
            },
        }
    }

    /// The most recent commits, grouped by day, newest first, with links
    /// relative to `from`.
    pub fn recent(&self, history: &History, from: &str) -> Vec<DayCtx> {
        let mut days: Vec<DayCtx> = Vec::new();
        for commit in history.commits.iter().take(RECENT_COMMITS) {
            let entry = CommitCtx {
                subject: commit.subject.clone(),
                author: author(self.site, commit),
                href: commit_href(self.site, commit),
                files: commit
                    .files
                    .iter()
                    .take(FILES_PER_COMMIT)
                    .map(|(change, file)| self.named(*change, file, |to| url::relative(from, to)))
                    .collect(),
                more: commit.files.len().saturating_sub(FILES_PER_COMMIT),
            };
            let date = commit.date.to_string();
            match days.last_mut() {
                Some(day) if day.date == date => day.commits.push(entry),
                _ => days.push(DayCtx { date, commits: vec![entry] }),
            }
        }
        days
    }

    /// `/changes.xml`: an Atom entry per commit, the files it changed in
    /// its content.
    pub fn feed(&self, history: &History, title: &str) -> String {
        let site = self.site;
        let base = &site.config.base_url;
        let abs = |u: &str| url::absolute(base, u);
        let updated = history.commits.first().map_or(site.today, |c| c.date);
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
            escape_html(title),
            escape_html(&abs("/changes.xml")),
            escape_html(&abs("/changes.xml")),
            escape_html(&abs("/changes/")),
            escape_html(&site.config.title),
        );
        for commit in history.commits.iter().take(FEED_COMMITS) {
            let link = commit_href(site, commit).unwrap_or_else(|| abs("/changes/"));
            let mut list = String::from("<ul>");
            for (change, file) in commit.files.iter().take(FILES_PER_COMMIT) {
                let f = self.named(*change, file, abs);
                let item = match &f.href {
                    Some(href) => format!("<a href=\"{}\">{}</a>", escape_html(href), escape_html(&f.title)),
                    None => escape_html(&f.title),
                };
                list.push_str(&format!("<li>{} ({})</li>", item, change.name()));
            }
            list.push_str("</ul>");
            if commit.files.len() > FILES_PER_COMMIT {
                list.push_str(&format!("<p>+{}</p>", commit.files.len() - FILES_PER_COMMIT));
            }
            let author = author(site, commit).map_or(String::new(), |a| format!("<author><name>{}</name></author>\n", escape_html(&a)));
            xml.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>urn:git:{}</id>\n<link href=\"{}\"/>\n<updated>{}T00:00:00Z</updated>\n{author}<content type=\"html\">{}</content>\n</entry>\n",
                escape_html(&commit.subject),
                commit.id,
                escape_html(&link),
                commit.date,
                escape_html(&list),
            ));
        }
        xml.push_str("</feed>\n");
        xml
    }
}
