//! Resolve: from parsed pages to the immutable `Site` every later stage
//! reads. Builds the index of ids, resolves front-matter references and
//! body links, computes URLs, backlinks and the decision register, the
//! glossary's users and the wiki's upkeep, and reports what does not hold
//! together.

pub mod authority;
pub mod chain;
pub mod changes;
pub mod glossary;
pub mod health;
pub mod index;
pub mod links;
pub mod record;
pub mod refs;
pub mod register;
pub mod repeats;
pub mod views;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::id::slug_path;
use crate::load::history::History;
use crate::model::Page;
use crate::parse::body::Scan;
pub use glossary::Glossary;
pub use health::Health;
pub use index::{GroupIdx, Index, PageIdx};
pub use links::LinkTarget;
pub use refs::Refs;
pub use register::Register;

/// The whole site, resolved. Built once, then shared read-only.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub scans: Vec<Scan>,
    /// URL path of each page: `/decisions/x/`, `/en/wiki/y/`.
    pub urls: Vec<String>,
    pub index: Index,
    pub refs: Vec<Refs>,
    pub links: Vec<Vec<LinkTarget>>,
    /// Per page: what its links raised (broken links, anchors), for a
    /// resolve of the same site to lend (see [`Reuse`]).
    pub link_diagnostics: Vec<Vec<Diagnostic>>,
    /// Per group: the pages linking to it.
    pub backlinks: Vec<Vec<PageIdx>>,
    pub register: Register,
    /// The terms of the glossary pages, and who uses them.
    pub glossary: Glossary,
    /// Outdated, orphan, wanted and stale pages (content format 14.3).
    pub health: Health,
    /// The date the site is built for: decides expiry and overdue.
    pub today: NaiveDate,
    /// The history of `content/` in git; `None` outside git.
    pub history: Option<History>,
}

impl Site {
    /// The URL of a page version.
    pub fn url(&self, page: PageIdx) -> &str {
        &self.urls[page]
    }

    /// The version of a group for a reader of `lang`.
    pub fn version(&self, g: GroupIdx, lang: &str) -> PageIdx {
        self.index.version(&self.pages, g, lang)
    }

    /// The main (default-language, else first) version of a group.
    pub fn main(&self, g: GroupIdx) -> PageIdx {
        self.index.groups[g].main()
    }

    pub fn group_of(&self, page: PageIdx) -> GroupIdx {
        self.index.group_of[page]
    }
}

/// The URL of a page: `/<slug of id>/`, under `/<lang>/` when it is not in
/// the default language.
pub fn page_url(page: &Page, config: &Config) -> String {
    let base = page.id.url();
    if page.lang == config.default_lang() {
        base
    } else {
        format!("/{}{}", page.lang, base)
    }
}

/// What an earlier resolve of the same site may lend to this one: `serve`
/// resolves the site again after each edit, and most of it is as it was.
#[derive(Default)]
pub struct Reuse {
    /// The model of the decisions' texts, used when they are the same.
    pub text_model: Option<std::sync::Arc<repeats::TextModel>>,
    /// The index of ids and titles and the URLs, when no page's id,
    /// language or title changed (nor any page came or went). Their
    /// diagnostics are errors, and a site with errors lends nothing.
    pub index: Option<(Index, Vec<String>)>,
    /// The links of the pages not edited, when no page's id, title or
    /// headings changed.
    pub links: Option<links::Lent>,
}

/// Resolves the parsed site. `glossary` was read from the pages before
/// they were scanned (the scans look for its terms); `history` is
/// what git says of `content/` (`None` outside git).
pub fn resolve(
    config: Config,
    pages: Vec<Page>,
    scans: Vec<Scan>,
    mut glossary: Glossary,
    history: Option<History>,
    today: NaiveDate,
    reuse: Reuse,
) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (index, urls) = match reuse.index {
        Some(lent) => lent,
        None => {
            let index = Index::new(&pages, &config, &mut diags);
            let urls: Vec<String> = pages.iter().map(|p| page_url(p, &config)).collect();
            check_urls(&pages, &urls, &config, &mut diags);
            (index, urls)
        }
    };
    let resolved: Vec<(Refs, Vec<Diagnostic>)> = pages.par_iter().map(|p| refs::resolve(&pages, &index, p)).collect();
    let mut all_refs = Vec::with_capacity(pages.len());
    for (r, d) in resolved {
        all_refs.push(r);
        diags.extend(d);
    }
    let links::Resolved { targets: links, diags: link_diagnostics } = links::resolve(&pages, &scans, &index, &config, reuse.links);
    diags.extend(link_diagnostics.iter().flatten().cloned());
    let backlinks = links::backlinks(&pages, &links, &index);
    let register = Register::build(&pages, &index, &all_refs, &config, today, reuse.text_model, &mut diags);
    glossary.find_users(&pages, &scans);
    let in_git = history.is_some();
    let health = Health::default();
    let mut site = Site {
        config,
        pages,
        scans,
        urls,
        index,
        refs: all_refs,
        links,
        link_diagnostics,
        backlinks,
        register,
        glossary,
        health,
        today,
        history,
    };
    let (health, upkeep) = Health::of(&site, in_git);
    site.health = health;
    diags.extend(upkeep);
    (site, diags)
}

/// Two pages (or a page and an alias) at one URL is an error: one would
/// silently overwrite the other.
fn check_urls(pages: &[Page], urls: &[String], config: &Config, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(urls.len());
    for (i, url) in urls.iter().enumerate() {
        if let Some(&other) = seen.get(url.as_str()) {
            if pages[other].id != pages[i].id {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        &pages[i].source.file,
                        pages[i].source.pos,
                        format!("{} and {} both get the URL {url}", pages[i].id.quoted(), pages[other].id.quoted()),
                    )
                    .hint("ids that differ only by accents, case or punctuation make the same URL; rename one"),
                );
            }
            continue;
        }
        seen.insert(url.clone(), i);
    }
    for (i, page) in pages.iter().enumerate() {
        let intro = page.is_index && views::is_view_folder(page.id.as_str());
        if views::is_reserved(without_lang_prefix(&urls[i], config)) && !intro {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    &page.source.file,
                    page.source.pos,
                    format!("the URL {} is where cahier writes a page of its own", urls[i]),
                )
                .hint("rename the file or set another `id:`"),
            );
        }
    }
    let folders = folder_urls(pages, config);
    for (i, page) in pages.iter().enumerate() {
        for alias in &page.aliases {
            let url = alias_url(&alias.value, &page.lang, config);
            let taken_by = if url == urls[i] {
                Some("this page itself".to_string())
            } else if is_generated(&url, config, &folders) {
                Some("a page cahier writes (the home page, a register view, a topic or a folder listing)".to_string())
            } else {
                seen.get(url.as_str()).filter(|&&other| other != i).map(|&other| pages[other].id.quoted())
            };
            match taken_by {
                Some(other) => diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        &page.source.file,
                        alias.pos,
                        format!("the alias `{}` of {} has the URL {url}, already used by {other}", alias.value, page.id.quoted()),
                    )
                    .hint("a redirect there would replace that page: remove the alias or rename the other page"),
                ),
                None => {
                    seen.insert(url, i);
                }
            }
        }
    }
}

/// The URL of every folder's listing, in every language.
fn folder_urls(pages: &[Page], config: &Config) -> std::collections::HashSet<String> {
    let mut folders = std::collections::HashSet::new();
    for page in pages {
        let mut folder = page.id.folder();
        while !folder.is_empty() && folders.insert(format!("/{}/", slug_path(folder))) {
            folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
    }
    let prefixed: Vec<String> = config.languages.iter().skip(1).flat_map(|l| folders.iter().map(move |f| format!("/{l}{f}"))).collect();
    folders.extend(prefixed);
    folders
}

/// Whether cahier writes a page of its own at `url`, whatever the content.
fn is_generated(url: &str, config: &Config, folders: &std::collections::HashSet<String>) -> bool {
    let bare = without_lang_prefix(url, config);
    bare == "/" || views::is_reserved(bare) || folders.contains(url)
}

/// A URL without the `/<lang>` prefix of another language than the default:
/// the home page and the views are written under each such prefix too.
fn without_lang_prefix<'a>(url: &'a str, config: &Config) -> &'a str {
    config
        .languages
        .iter()
        .skip(1)
        .find_map(|l| url.strip_prefix('/').and_then(|r| r.strip_prefix(l.as_str())).filter(|r| r.starts_with('/')))
        .unwrap_or(url)
}

/// The URL of an alias: an old path or an old wiki name, slugged like ids.
/// Segments that slug to nothing (`.`, `..`, empty) are dropped, so an alias
/// can never climb out of the output folder.
pub fn alias_url(alias: &str, lang: &str, config: &Config) -> String {
    let path = alias.trim().trim_end_matches(".md").trim_end_matches(".html");
    let segments: Vec<String> = path.split('/').map(crate::id::slug).filter(|s| !s.is_empty()).collect();
    let mut url = String::from("/");
    if lang != config.default_lang() {
        url.push_str(lang);
        url.push('/');
    }
    for s in segments {
        url.push_str(&s);
        url.push('/');
    }
    url
}
