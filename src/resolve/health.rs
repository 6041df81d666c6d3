//! Upkeep (content format 14.3): which pages fell behind the decisions on
//! their topics or behind the page they translate, which no one links to,
//! which links lead nowhere yet, and which were not touched for too long.
//!
//! Every signal reads page dates: the last commit touching the file, or
//! `updated:`. A page with no date is not guessed about: it is listed as
//! undated, and `/health/` says why (outside git, or not committed yet).

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::{GroupIdx, LinkTarget, PageIdx, Site};
use crate::diagnostic::{Code, Diagnostic};
use crate::id::match_key;
use crate::model::{Kind, PageType};
use crate::parse::body::LinkKind;

/// A wiki page older than decisions in force on its topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    pub page: PageIdx,
    pub updated: NaiveDate,
    /// The decisions taken after it, newest first.
    pub decisions: Vec<GroupIdx>,
}

/// A translation older than the default-language page it translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behind {
    pub page: PageIdx,
    pub source: PageIdx,
    /// The translation's date: its last update, or `translated:` if later.
    pub updated: NaiveDate,
    pub source_updated: NaiveDate,
}

/// A link target that does not exist, and the pages that want it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// As first written.
    pub target: String,
    pub by: Vec<PageIdx>,
}

/// The state of the wiki. Every list is newest problem first.
#[derive(Debug, Default)]
pub struct Health {
    pub outdated: Vec<Outdated>,
    pub translations: Vec<Behind>,
    pub orphans: Vec<PageIdx>,
    pub wanted: Vec<Wanted>,
    pub stale: Vec<PageIdx>,
    /// Wiki pages and translations with no date, which the signals above
    /// cannot judge.
    pub undated: Vec<PageIdx>,
    /// Whether the dates came from git (else only from `updated:`).
    pub in_git: bool,
    /// The day before which a wiki page is stale, when `stale_after` is set.
    pub stale_before: Option<NaiveDate>,
    outdated_of: FxHashMap<PageIdx, usize>,
    behind_of: FxHashMap<PageIdx, usize>,
}

impl Health {
    /// Every signal, and a `translation-outdated` warning per translation
    /// behind its source.
    pub fn of(site: &Site, in_git: bool) -> (Health, Vec<Diagnostic>) {
        let mut health = Health {
            in_git,
            stale_before: site.config.stale_after.map(|p| p.before(site.today)),
            outdated: outdated(site),
            translations: translations(site),
            orphans: orphans(site),
            wanted: wanted(site),
            ..Health::default()
        };
        health.stale = health.stale_before.map(|before| stale(site, before)).unwrap_or_default();
        health.undated = (0..site.pages.len()).filter(|&p| site.pages[p].updated.is_none() && judged(site, p)).collect();
        health.outdated_of = health.outdated.iter().enumerate().map(|(i, o)| (o.page, i)).collect();
        health.behind_of = health.translations.iter().enumerate().map(|(i, b)| (b.page, i)).collect();
        let diags = health.translations.iter().map(|b| warning(site, b)).collect();
        (health, diags)
    }

    /// The decisions page `p` is behind, for its banner.
    pub fn outdated_of(&self, p: PageIdx) -> Option<&Outdated> {
        self.outdated_of.get(&p).map(|&i| &self.outdated[i])
    }

    /// The source page `p` translates and is behind, for its banner.
    pub fn behind_of(&self, p: PageIdx) -> Option<&Behind> {
        self.behind_of.get(&p).map(|&i| &self.translations[i])
    }
}

/// Whether a date signal looks at page `p`: a wiki page, or a translation
/// with a file of its own.
fn judged(site: &Site, p: PageIdx) -> bool {
    site.pages[p].is_wiki() || source_of(site, p).is_some()
}

/// The default-language page that `p` translates, when `p` is a
/// translation in a file of its own (an inline decision shares its
/// minutes' file and date).
fn source_of(site: &Site, p: PageIdx) -> Option<PageIdx> {
    let page = &site.pages[p];
    if matches!(&page.kind, Kind::Decision(d) if d.inline) {
        return None;
    }
    let main = site.main(site.group_of(p));
    (main != p && site.pages[main].lang == site.config.default_lang() && page.lang != site.pages[main].lang).then_some(main)
}

fn outdated(site: &Site) -> Vec<Outdated> {
    // Per topic: the decisions in force on it, newest first.
    let mut on: FxHashMap<&str, Vec<(NaiveDate, GroupIdx)>> = FxHashMap::default();
    for &g in &site.register.decisions {
        let record = &site.register.records[&g];
        if record.in_force() {
            for t in &site.pages[record.page].topics {
                on.entry(t.as_str()).or_default().push((record.date, g));
            }
        }
    }
    for list in on.values_mut() {
        list.sort_by(|a, b| b.cmp(a));
    }
    let mut out: Vec<Outdated> = Vec::new();
    for (p, page) in site.pages.iter().enumerate().filter(|(_, page)| page.is_wiki()) {
        let Some(updated) = page.updated else { continue };
        let mut later: Vec<(NaiveDate, GroupIdx)> = page
            .topics
            .iter()
            .flat_map(|t| on.get(t.as_str()).into_iter().flatten().take_while(|(date, _)| *date > updated))
            .copied()
            .collect();
        if later.is_empty() {
            continue;
        }
        later.sort_by(|a, b| b.cmp(a));
        later.dedup();
        out.push(Outdated { page: p, updated, decisions: later.into_iter().map(|(_, g)| g).collect() });
    }
    let newest = |o: &Outdated| site.register.records[&o.decisions[0]].date;
    out.sort_by(|a, b| newest(b).cmp(&newest(a)).then_with(|| by_title(site, a.page, b.page)));
    out
}

fn translations(site: &Site) -> Vec<Behind> {
    let mut out: Vec<Behind> = (0..site.pages.len())
        .filter_map(|p| {
            let source = source_of(site, p)?;
            let source_updated = site.pages[source].updated?;
            let page = &site.pages[p];
            let updated = page.updated.max(page.translated.as_ref().map(|t| t.value))?;
            (updated < source_updated).then_some(Behind { page: p, source, updated, source_updated })
        })
        .collect();
    out.sort_by(|a, b| b.source_updated.cmp(&a.source_updated).then_with(|| by_title(site, a.page, b.page)));
    out
}

fn warning(site: &Site, b: &Behind) -> Diagnostic {
    let page = &site.pages[b.page];
    let source = &site.pages[b.source];
    let pos = page.translated.as_ref().map_or(page.source.pos, |t| t.pos);
    Diagnostic::new(
        Code::TranslationOutdated,
        &page.source.file,
        pos,
        format!(
            "this translation ({}) dates from {}, and its {} version ({}) changed on {}",
            page.lang,
            b.updated,
            source.lang,
            crate::diagnostic::display_path(&source.source.file),
            b.source_updated
        ),
    )
    .hint(format!("bring it up to date, then write `translated: {}` in its front matter", b.source_updated))
}

/// Wiki pages no page links to and no navigation lists: neither a
/// folder's landing page nor filed under a topic (topic pages list them);
/// glossaries are in every page's footer.
fn orphans(site: &Site) -> Vec<PageIdx> {
    let mut out: Vec<PageIdx> = (0..site.index.groups.len())
        .filter(|&g| site.backlinks[g].is_empty())
        .map(|g| site.main(g))
        .filter(|&p| {
            let page = &site.pages[p];
            let versions = &site.index.groups[site.group_of(p)].versions;
            page.kind == Kind::Plain(PageType::Page)
                && !page.is_index
                && !page.id.is_home()
                && versions.iter().all(|&v| site.pages[v].topics.is_empty())
        })
        .collect();
    out.sort_by(|&a, &b| site.pages[b].updated.cmp(&site.pages[a].updated).then_with(|| by_title(site, a, b)));
    out
}

/// Link targets that lead to no page, with the pages that want them.
fn wanted(site: &Site) -> Vec<Wanted> {
    let mut by_key: FxHashMap<String, Wanted> = FxHashMap::default();
    for (p, targets) in site.links.iter().enumerate() {
        for (link, target) in site.scans[p].links.iter().zip(targets) {
            if *target != LinkTarget::Broken || !matches!(link.kind, LinkKind::Wiki { .. } | LinkKind::Local) {
                continue;
            }
            let written = link.dest.split('#').next().unwrap_or("").trim();
            let w = by_key.entry(match_key(written)).or_insert_with(|| Wanted { target: written.to_string(), by: Vec::new() });
            if w.by.last() != Some(&p) {
                w.by.push(p);
            }
        }
    }
    let newest = |w: &Wanted| w.by.iter().filter_map(|&p| site.pages[p].updated).max();
    let mut out: Vec<Wanted> = by_key.into_values().collect();
    out.sort_by(|a, b| newest(b).cmp(&newest(a)).then(b.by.len().cmp(&a.by.len())).then_with(|| a.target.cmp(&b.target)));
    out
}

/// Wiki pages last updated before `before`, the most recently stale first.
fn stale(site: &Site, before: NaiveDate) -> Vec<PageIdx> {
    let mut out: Vec<PageIdx> =
        (0..site.pages.len()).filter(|&p| site.pages[p].is_wiki() && site.pages[p].updated.is_some_and(|u| u < before)).collect();
    out.sort_by(|&a, &b| site.pages[b].updated.cmp(&site.pages[a].updated).then_with(|| by_title(site, a, b)));
    out
}

fn by_title(site: &Site, a: PageIdx, b: PageIdx) -> std::cmp::Ordering {
    (&site.pages[a].title, &site.pages[a].lang).cmp(&(&site.pages[b].title, &site.pages[b].lang))
}
