//! Resolve: from parsed pages to the immutable `Site` every later stage
//! reads. Builds the index of ids, resolves front-matter references and
//! body links, computes URLs, backlinks and the decision register, and
//! reports what does not hold together.

pub mod index;
pub mod links;
pub mod refs;
pub mod register;
pub mod repeats;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::id::slug_path;
use crate::model::Page;
use crate::parse::body::Scan;
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
    /// Per group: the pages linking to it.
    pub backlinks: Vec<Vec<PageIdx>>,
    pub register: Register,
    /// The date the site is built for: decides expiry and overdue.
    pub today: NaiveDate,
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
        self.index.groups[g].versions[0]
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

/// The folders whose landing text (`_index.md`) introduces a register view
/// (`/decisions/`…) rather than a plain listing.
pub const VIEW_FOLDERS: &[&str] = &["decisions", "committees", "principles", "meetings"];

/// URLs that the site itself generates; a page there would be hidden.
pub const RESERVED_URLS: &[&str] = &[
    "/decisions/",
    "/committees/",
    "/principles/",
    "/meetings/",
    "/topics/",
    "/authority/",
    "/follow-up/",
    "/timeline/",
    "/search/",
    "/decisions.json",
    "/site.json",
    "/feed.xml",
    "/sitemap.xml",
    "/404.html",
];

pub fn resolve(config: Config, pages: Vec<Page>, scans: Vec<Scan>, today: NaiveDate) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let index = Index::new(&pages, &config, &mut diags);
    let urls: Vec<String> = pages.iter().map(|p| page_url(p, &config)).collect();
    check_urls(&pages, &urls, &config, &mut diags);
    let resolved: Vec<(Refs, Vec<Diagnostic>)> = pages.par_iter().map(|p| refs::resolve(&pages, &index, p)).collect();
    let mut all_refs = Vec::with_capacity(pages.len());
    for (r, d) in resolved {
        all_refs.push(r);
        diags.extend(d);
    }
    let (links, link_diags) = links::resolve(&pages, &scans, &index, &config);
    diags.extend(link_diags);
    let backlinks = links::backlinks(&pages, &links, &index);
    let register = Register::build(&pages, &index, &all_refs, &config, today, &mut diags);
    let site = Site { config, pages, scans, urls, index, refs: all_refs, links, backlinks, register, today };
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
                        format!("`{}` and `{}` both get the URL {url}", pages[i].id, pages[other].id),
                    )
                    .hint("ids that differ only by accents, case or punctuation make the same URL; rename one"),
                );
            }
            continue;
        }
        seen.insert(url.clone(), i);
    }
    for (i, page) in pages.iter().enumerate() {
        let intro = page.is_index && VIEW_FOLDERS.contains(&page.id.key());
        let reserved = RESERVED_URLS.contains(&urls[i].as_str())
            || urls[i].starts_with("/topics/")
            || RESERVED_URLS.iter().any(|r| urls[i] == format!("/{}{r}", page.lang));
        if reserved && !intro {
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
        for alias in &page.aliases {
            let url = alias_url(&alias.value, &page.lang, config);
            match seen.get(url.as_str()) {
                Some(&other) if other != i => diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        &page.source.file,
                        alias.pos,
                        format!("the alias `{}` has the URL {url}, already used by `{}`", alias.value, pages[other].id),
                    )
                    .hint("remove the alias or rename the other page"),
                ),
                _ => {
                    seen.insert(url, i);
                }
            }
        }
    }
}

/// The URL of an alias: an old path or an old wiki name, slugged like ids.
pub fn alias_url(alias: &str, lang: &str, config: &Config) -> String {
    let path = alias.trim().trim_matches('/').trim_end_matches(".md").trim_end_matches(".html");
    let slug = slug_path(path);
    if lang == config.default_lang() {
        format!("/{slug}/")
    } else {
        format!("/{lang}/{slug}/")
    }
}
