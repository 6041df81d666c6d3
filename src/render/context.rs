//! The values templates see. Every string from front matter goes through
//! these structs and is escaped by tera's autoescape; only rendered Markdown
//! (`page.body`) is marked safe in the templates.

use std::cell::RefCell;

use serde::Serialize;

use super::url::relative;
use crate::resolve::register::Owner;
use crate::resolve::{GroupIdx, PageIdx, Site};

#[derive(Serialize)]
pub struct SiteCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub languages: &'a [String],
    pub default_lang: &'a str,
    pub repo_url: Option<&'a str>,
}

impl<'a> SiteCtx<'a> {
    pub fn new(site: &'a Site) -> SiteCtx<'a> {
        let c = &site.config;
        SiteCtx {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            languages: &c.languages,
            default_lang: c.default_lang(),
            repo_url: c.repo_url.as_deref(),
        }
    }
}

/// A link to a page, with what lists show of it.
#[derive(Serialize, Clone)]
pub struct Link {
    pub id: String,
    pub title: String,
    pub href: String,
    pub kind: &'static str,
    pub summary: Option<String>,
    pub date: Option<String>,
    /// Effective status, for decisions.
    pub status: Option<&'static str>,
    pub lang: String,
}

/// Who carries out a follow-up: a committee (with a link to its page) or
/// a name written as text.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct OwnerLink {
    pub title: String,
    pub href: Option<String>,
}

/// A link to a topic page.
#[derive(Serialize, Clone)]
pub struct TopicLink {
    pub id: String,
    pub label: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

#[derive(Serialize)]
pub struct Translation {
    pub lang: String,
    pub href: String,
    pub title: String,
}

/// What every page template gets about its page.
#[derive(Serialize)]
pub struct PageCtx {
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub lang: String,
    pub kind: &'static str,
    pub topics: Vec<TopicLink>,
    pub body: String,
    pub toc: Vec<TocEntry>,
    pub backlinks: Vec<Link>,
    pub translations: Vec<Translation>,
    pub edit_url: Option<String>,
    pub updated: Option<String>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub draft: bool,
    pub source: String,
    /// The page's last changes in git.
    pub history: super::history::PageHistory,
    /// Decisions in force on its topics taken since its last update, for
    /// the banner of an outdated page (content format 14.3).
    pub outdated_by: Vec<Link>,
    /// The page it translates, when that changed after it.
    pub behind: Option<Behind>,
}

/// The default-language page a translation fell behind.
#[derive(Serialize)]
pub struct Behind {
    pub source: Link,
    pub source_updated: String,
    pub updated: String,
}

/// Builds links from one page (`from`, a URL) to others.
pub struct Linker<'a> {
    pub site: &'a Site,
    pub from: &'a str,
    pub lang: &'a str,
}

thread_local! {
    /// The groups shown by the render running on this thread, while a
    /// caller of [`traced`] wants to know them.
    static SHOWN: RefCell<Option<Vec<GroupIdx>>> = const { RefCell::new(None) };
}

/// Runs `render` and returns, with its result, every group whose pages it
/// showed: a link, a title, a status. `serve` keeps these to know which
/// pages an edit of another page changes. Kept per thread, so that the
/// renders rayon runs side by side do not mix: a traced render must not
/// hand its work to other threads.
pub fn traced<T>(render: impl FnOnce() -> T) -> (T, Vec<GroupIdx>) {
    let outer = SHOWN.with(|s| s.borrow_mut().replace(Vec::new()));
    let result = render();
    let mut shown = SHOWN.with(|s| std::mem::replace(&mut *s.borrow_mut(), outer)).unwrap_or_default();
    shown.sort_unstable();
    shown.dedup();
    (result, shown)
}

/// Notes that the render running on this thread shows page `p`. Every
/// link goes through [`Linker::page`]; what shows another page without a
/// `Linker` (the Markdown's links, a meeting's decision boxes) says so here.
pub fn shows(site: &Site, p: PageIdx) {
    SHOWN.with(|s| {
        if let Some(shown) = s.borrow_mut().as_mut() {
            shown.push(site.group_of(p));
        }
    });
}

impl Linker<'_> {
    pub fn page(&self, p: PageIdx) -> Link {
        let site = self.site;
        shows(site, p);
        let page = &site.pages[p];
        Link {
            id: page.id.as_str().to_string(),
            title: page.title.clone(),
            href: relative(self.from, site.url(p)),
            kind: page.kind.name(),
            summary: page.summary.clone(),
            date: page.date().map(|d| d.to_string()),
            status: site.register.records.get(&site.group_of(p)).map(|s| s.effective.as_str()),
            lang: page.lang.clone(),
        }
    }

    /// A link to the version of group `g` in the reader's language.
    pub fn group(&self, g: GroupIdx) -> Link {
        self.page(self.site.version(g, self.lang))
    }

    /// A follow-up's owner as people read it: the committee's title in the
    /// reader's language, linked to its page, or the text as written.
    pub fn owner(&self, owner: &Owner) -> OwnerLink {
        match owner {
            Owner::Committee(c) => {
                let link = self.group(*c);
                OwnerLink { title: link.title, href: Some(link.href) }
            }
            Owner::Named(text) => OwnerLink { title: text.clone(), href: None },
        }
    }

    pub fn groups(&self, gs: &[GroupIdx]) -> Vec<Link> {
        gs.iter().map(|&g| self.group(g)).collect()
    }

    pub fn url(&self, to: &str) -> String {
        relative(self.from, to)
    }

    pub fn topic(&self, id: &str) -> TopicLink {
        let c = &self.site.config;
        let label = c.topics.get(id).map_or(id, |t| t.label_in(self.lang, c.default_lang())).to_string();
        TopicLink { id: id.to_string(), label, href: self.url(&format!("/topics/{id}/")) }
    }

    pub fn topics(&self, ids: &[String]) -> Vec<TopicLink> {
        ids.iter().map(|t| self.topic(t)).collect()
    }
}
