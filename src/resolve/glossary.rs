//! The site's glossary (content format 14.4): every term its glossary pages
//! define, a term defined twice reported, the automaton each language's
//! pages are marked with, and, once the pages are scanned, the pages that
//! use each term.
//!
//! A page is marked with the terms of the glossaries in its own language;
//! when its language has none, with those of the default language (as a
//! link to a page without a translation leads to the default version).

use std::collections::HashMap;

use crate::config::Config;
use crate::diagnostic::{display_path, Code, Diagnostic, Located};
use crate::id::slug;
use crate::model::{Kind, Page};
use crate::parse::body::Scan;
use crate::text::terms::Matcher;

use super::PageIdx;

/// One term of the glossary.
#[derive(Debug, Clone)]
pub struct Entry {
    pub term: String,
    pub aliases: Vec<String>,
    /// Plain text, one line: the tooltip.
    pub definition: String,
    /// The definition escaped for an HTML attribute: written at every
    /// mark, escaped once.
    pub title_html: String,
    /// The glossary page that defines it.
    pub page: PageIdx,
    /// Its id on that page: `term-<slug of the term>`.
    pub anchor: String,
    /// Written in the page's text rather than in `terms:`.
    pub in_body: bool,
}

/// Every term of the site, and how pages find them.
#[derive(Debug, Default)]
pub struct Glossary {
    /// Numbered as the automata number them.
    pub entries: Vec<Entry>,
    /// Per language that has a glossary: the automaton of its terms.
    matchers: Vec<(String, Matcher)>,
    default_lang: String,
    /// Per entry: the pages that use it, by title.
    pub users: Vec<Vec<PageIdx>>,
    /// The glossary pages, in page order.
    pub pages: Vec<PageIdx>,
}

impl Glossary {
    /// Reads the terms of every glossary page, reporting each term (or
    /// alias) a language defines twice as `duplicate-id`.
    pub fn new(pages: &[Page], config: &Config, diags: &mut Vec<Diagnostic>) -> Glossary {
        let mut entries: Vec<Entry> = Vec::new();
        let mut glossaries = Vec::new();
        // Per language: each written form (lower case) and where it was first defined.
        let mut defined: HashMap<(&str, String), (String, usize)> = HashMap::new();
        for (p, page) in pages.iter().enumerate() {
            let Kind::Glossary(g) = &page.kind else { continue };
            glossaries.push(p);
            let mut anchors: HashMap<String, usize> = HashMap::new();
            for def in &g.terms {
                let mut fresh = |written: &Located<String>, diags: &mut Vec<Diagnostic>| {
                    let key = (page.lang.as_str(), written.value.to_lowercase());
                    let here = (display_path(&page.source.file), written.pos.line);
                    match defined.get(&key) {
                        Some((file, line)) => {
                            diags.push(
                                Diagnostic::new(
                                    Code::DuplicateId,
                                    &page.source.file,
                                    written.pos,
                                    format!("the term `{}` is already defined ({})", written.value, page.lang),
                                )
                                .hint(format!(
                                    "first defined at {file}:{line}; keep one definition (an alias under `terms:` names a second form)"
                                )),
                            );
                            false
                        }
                        None => {
                            defined.insert(key, here);
                            true
                        }
                    }
                };
                if !fresh(&def.term, diags) {
                    continue;
                }
                let aliases = def.aliases.iter().filter(|a| fresh(a, diags)).map(|a| a.value.clone()).collect();
                let anchor = unique_anchor(&mut anchors, &def.term.value);
                entries.push(Entry {
                    term: def.term.value.clone(),
                    aliases,
                    definition: def.definition.clone(),
                    title_html: crate::text::escape_html(&def.definition),
                    page: p,
                    anchor,
                    in_body: def.in_body,
                });
            }
        }
        let matchers = config
            .languages
            .iter()
            .filter_map(|lang| {
                let forms = entries.iter().enumerate().filter(|(_, e)| &pages[e.page].lang == lang).flat_map(|(i, e)| {
                    std::iter::once(e.term.as_str()).chain(e.aliases.iter().map(String::as_str)).map(move |f| (f, i as u32))
                });
                Matcher::new(forms).map(|m| (lang.clone(), m))
            })
            .collect();
        let users = vec![Vec::new(); entries.len()];
        Glossary { entries, matchers, default_lang: config.default_lang().to_string(), users, pages: glossaries }
    }

    /// The glossary a reader of `lang` is sent to: the first in that
    /// language, else the first in the default language.
    pub fn page_for(&self, pages: &[Page], lang: &str, default_lang: &str) -> Option<PageIdx> {
        let first_in = |l: &str| self.pages.iter().copied().find(|&p| pages[p].lang == l);
        first_in(lang).or_else(|| first_in(default_lang))
    }

    /// The automaton page `page` is marked with; `None` for a glossary page
    /// (it defines the terms) and in a site without a glossary.
    pub fn matcher(&self, page: &Page) -> Option<&Matcher> {
        if matches!(page.kind, Kind::Glossary(_)) {
            return None;
        }
        let of = |lang: &str| self.matchers.iter().find(|(l, _)| l == lang).map(|(_, m)| m);
        of(&page.lang).or_else(|| of(&self.default_lang))
    }

    /// Fills in who uses each term, from the scans of the pages.
    pub fn find_users(&mut self, pages: &[Page], scans: &[Scan]) {
        for (p, scan) in scans.iter().enumerate() {
            for e in scan.terms() {
                if let Some(users) = self.users.get_mut(e as usize) {
                    users.push(p);
                }
            }
        }
        for users in &mut self.users {
            users.sort_by(|&a, &b| (&pages[a].title, &pages[a].lang).cmp(&(&pages[b].title, &pages[b].lang)));
        }
    }

    /// The terms page `page` defines, with their numbers.
    pub fn defined_on(&self, page: PageIdx) -> impl Iterator<Item = (usize, &Entry)> {
        self.entries.iter().enumerate().filter(move |(_, e)| e.page == page)
    }
}

/// `term-<slug>`, made unique on its page.
fn unique_anchor(anchors: &mut HashMap<String, usize>, term: &str) -> String {
    let base = match slug(term) {
        s if s.is_empty() => "term".to_string(),
        s => format!("term-{s}"),
    };
    let n = anchors.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        base
    } else {
        format!("{base}-{n}")
    }
}
