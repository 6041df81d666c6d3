//! Edits applied to a compiled site without compiling it again, for
//! `serve`: [`patch`] when one wiki page's text changed, [`splice`] when
//! pages changed in place (their ids, files and aliases the same), and
//! [`finish`] for what both leave for a quiet moment. Anything else is a
//! full build; `tests/serve_edits.rs` checks that each path serves what a
//! full build makes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::{committee_titles, failed, Compiled, Options};
use crate::diagnostic::{self, Diagnostic};
use crate::model::Page;
use crate::output::{Collect, Output};
use crate::resolve::{self, GroupIdx, PageIdx, Site};
use crate::{load, parse, render, search};

/// What an edit of one page's text changed, as [`patch`] applied it.
pub struct Patched {
    /// The files to replace: the page, and its search fragments.
    pub outputs: Vec<Output>,
    /// Pages rendered again.
    pub pages: usize,
}

/// Applies an edit of `file` (a path under the site folder) to a compiled
/// site without building it again, when the edit changed only the text of
/// one wiki page: same front matter, same headings and links, and no
/// diagnostic on the file before. Then nothing else shows that text, and
/// the page and its search fragments are all the files that change, but for
/// the search index's term files ([`reindex`] makes those). Anything else
/// returns `None`: the caller builds the whole site.
pub fn patch(compiled: &mut Compiled, opts: &Options, file: &Path) -> Option<Patched> {
    let root = std::path::absolute(&opts.root).ok()?;
    let rel = std::path::absolute(file).ok()?.strip_prefix(&root).ok()?.to_path_buf();
    if compiled.diagnostics.iter().any(|d| d.file == rel) {
        return None;
    }
    let site = compiled.site.as_mut()?;
    let mut on_file = site.pages.iter().enumerate().filter(|(_, page)| page.source.file == rel).map(|(p, _)| p);
    let (p, None) = (on_file.next()?, on_file.next()) else { return None };
    let old = &site.pages[p];
    if !matches!(old.kind, crate::model::Kind::Plain(_)) || old.is_index {
        return None;
    }
    let text = std::fs::read_to_string(file).ok()?;
    let source = load::SourceFile { rel: rel.strip_prefix("content").ok()?.to_path_buf(), path: rel, text };
    let (mut pages, diags) = parse::parse(std::slice::from_ref(&source), &site.config, opts.drafts);
    let (Some(mut new), true) = (pages.pop(), pages.is_empty() && diags.is_empty()) else { return None };
    new.updated = new.updated.or(old.updated);
    let body = std::mem::replace(&mut new.body, old.body.clone());
    let scan = parse::body::scan(&body, parse::body::options_for(old.is_glossary()), site.glossary.matcher(old));
    // The glossary lists the pages that use each term: a text that uses
    // other terms changes the glossary's page too.
    let same_links = |a: &parse::body::Scan, b: &parse::body::Scan| {
        a.headings == b.headings
            && a.terms().eq(b.terms())
            && a.links.len() == b.links.len()
            && a.links.iter().zip(&b.links).all(|(x, y)| x.kind == y.kind && x.dest == y.dest)
    };
    if new != *old || !same_links(&scan, &site.scans[p]) {
        return None;
    }
    site.pages[p].body = body;
    site.scans[p] = scan;
    let theme = compiled.theme.as_ref()?;
    let page = render::single_page(site, theme, p).ok()??;
    let mut outputs = vec![page];
    outputs.extend(search_files(&mut compiled.docs, site, p));
    Some(Patched { outputs, pages: 1 })
}

/// Page `p`'s search document made again from `site`, and its files of
/// sentences: what a page rendered again changes of the search index
/// before the index itself follows.
fn search_files(docs: &mut [search::document::SearchDoc], site: &Site, p: PageIdx) -> Vec<Output> {
    docs[p] = search::document::document(site, p);
    search::static_index::fragment_files(p, &docs[p])
}

/// The search index's files, made again from the compiled site's search
/// documents (after [`patch`] changed one).
pub fn reindex(compiled: &Compiled) -> Option<Vec<Output>> {
    let site = compiled.site.as_ref()?;
    let theme = compiled.theme.as_ref()?;
    let sink = Collect::default();
    search::static_index::build(&compiled.docs, &site.config, &committee_titles(site), theme, &sink).ok()?;
    Some(sink.into_outputs())
}

/// What [`splice`] changed.
pub struct Spliced {
    /// The pages rendered again, and their search fragments.
    pub outputs: Vec<Output>,
    /// How many pages were rendered again.
    pub pages: usize,
}

/// Applies edits of `files` (Markdown files under the site folder, that
/// exist) to a compiled site, when each file still holds the same pages:
/// same ids, languages and aliases, not drafts turned in or out, no
/// glossary, and no error. Then no URL
/// changes and no page comes or goes, so pages and groups keep their
/// numbers. The files are parsed again, the site resolved again (resolve
/// is what knows the register's rules), and the pages rendered again that
/// show what changed: see [`dirty_pages`]. The register's views, the
/// listings, the exports and the search index wait for [`finish`].
///
/// `None` when the edit is of another kind or the site now has errors:
/// the caller builds the whole site, which reports them.
pub fn splice(mut compiled: Compiled, opts: &Options, files: &BTreeSet<PathBuf>) -> Option<(Compiled, Spliced)> {
    let old = compiled.site.take()?;
    let (replaced, parse_diags) = reparse(&old, opts, files)?;
    let Site {
        config,
        mut pages,
        mut scans,
        history,
        today,
        index,
        urls,
        refs,
        links,
        link_diagnostics,
        backlinks,
        register,
        health,
        glossary: old_glossary,
        ..
    } = old;
    let changed: Vec<PageIdx> = replaced.iter().map(|(p, _)| *p).collect();
    let same_titles = replaced.iter().all(|(p, page)| pages[*p].title == page.title);
    for (p, page) in replaced {
        pages[p] = page;
    }
    // No glossary page changed: its terms, and their diagnostics, are
    // those read before.
    let glossary = resolve::Glossary::new(&pages, &config, &mut Vec::new());
    let mut same_headings = true;
    for &p in &changed {
        let scan = parse::body::scan(&pages[p].body, parse::body::options_for(pages[p].is_glossary()), glossary.matcher(&pages[p]));
        same_headings &= scan.headings.iter().map(|h| &h.anchor).eq(scans[p].headings.iter().map(|h| &h.anchor));
        scans[p] = scan;
    }
    // What resolve made before and still holds: the index and URLs while
    // titles are the same (wikilinks find pages by title too), the other
    // pages' links while their targets' titles and headings are too.
    let reuse = resolve::Reuse {
        text_model: register.text_model.clone(),
        links: (same_titles && same_headings).then(|| resolve::links::Lent {
            resolved: resolve::links::Resolved { targets: links.clone(), diags: link_diagnostics },
            again: changed.clone(),
        }),
        index: same_titles.then_some((index, urls)),
    };
    let before = Before { refs, links, backlinks, register, health, glossary_users: old_glossary.users };
    let (site, resolve_diags) = resolve::resolve(config, pages, scans, glossary, history, today, reuse);
    // What reading found: as before for the other files, as now for the
    // files read again.
    let edited: BTreeSet<String> = changed.iter().map(|&p| diagnostic::display_path(&site.pages[p].source.file)).collect();
    compiled.read_diagnostics.retain(|d| !edited.contains(&d.file));
    compiled.read_diagnostics.extend(parse_diags);
    let mut diags: Vec<Diagnostic> = compiled.read_diagnostics.iter().cloned().chain(resolve_diags).collect();
    diagnostic::sort(&mut diags);
    diags.dedup();
    if diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let spliced = rerender(&mut compiled, &site, &before, &changed)?;
    compiled.site = Some(site);
    compiled.diagnostics = diags;
    Some((compiled, spliced))
}

/// Pages parsed again, each with its number in the site.
type Replaced = Vec<(PageIdx, Page)>;

/// The pages of `files`, read and parsed again, each with its number in
/// the old site, and the warnings parsing them raised; `None` unless each
/// file holds the same pages as before and parses without error.
fn reparse(old: &Site, opts: &Options, files: &BTreeSet<PathBuf>) -> Option<(Replaced, Vec<Diagnostic>)> {
    let root = std::path::absolute(&opts.root).ok()?;
    let mut replaced: Vec<(PageIdx, Page)> = Vec::new();
    let mut warnings = Vec::new();
    for file in files {
        let rel = std::path::absolute(file).ok()?.strip_prefix(&root).ok()?.to_path_buf();
        let block: Vec<PageIdx> = (0..old.pages.len()).filter(|&p| old.pages[p].source.file == rel).collect();
        let text = std::fs::read_to_string(file).ok()?;
        let source = load::SourceFile { rel: rel.strip_prefix("content").ok()?.to_path_buf(), path: rel, text };
        let (pages, diags) = parse::parse(std::slice::from_ref(&source), &old.config, opts.drafts);
        if block.is_empty() || diags.iter().any(Diagnostic::is_error) || pages.len() != block.len() {
            return None;
        }
        warnings.extend(diags);
        for (&p, mut page) in block.iter().zip(pages) {
            if !same_place(&old.pages[p], &page) {
                return None;
            }
            // As `compile` dates them.
            if page.updated.is_none() {
                page.updated = old.history.as_ref().and_then(|h| h.updated(&page.source.file));
            }
            replaced.push((p, page));
        }
    }
    Some((replaced, warnings))
}

/// Renders again the pages an edit of `changed` may change (see
/// [`dirty_pages`]), and what the changed pages show now and did not
/// before (a committee named in `by:` for the first time lists the
/// decision), with their search fragments.
fn rerender(compiled: &mut Compiled, site: &Site, before: &Before, changed: &[PageIdx]) -> Option<Spliced> {
    let theme = compiled.theme.as_ref()?;
    let sink = Collect::default();
    let dirty = dirty_pages(site, before, &compiled.shown, changed);
    let mut rendered = render::some_pages(site, theme, &dirty.iter().copied().collect::<Vec<_>>(), &sink).ok()?;
    let mut done = dirty;
    let gained: Vec<PageIdx> = rendered
        .iter()
        .filter(|(p, _)| changed.contains(p))
        .flat_map(|(_, shown)| shown.iter().flat_map(|&g| site.index.groups[g].versions.iter().copied()))
        .filter(|&p| done.insert(p))
        .collect();
    rendered.extend(render::some_pages(site, theme, &gained, &sink).ok()?);
    let mut outputs = sink.into_outputs();
    for (p, shown) in rendered {
        compiled.shown[p] = shown;
    }
    for &p in &done {
        outputs.extend(search_files(&mut compiled.docs, site, p));
    }
    Some(Spliced { outputs, pages: done.len() })
}

/// Whether a page parsed again keeps its place in the site: the same URL,
/// group and redirects, and no glossary (whose terms every page's scan
/// looks for).
fn same_place(old: &Page, new: &Page) -> bool {
    old.id == new.id
        && old.lang == new.lang
        && old.draft == new.draft
        && old.is_index == new.is_index
        && !old.is_glossary()
        && !new.is_glossary()
        && old.aliases.iter().map(|a| &a.value).eq(new.aliases.iter().map(|a| &a.value))
}

/// What resolve made of the site before an edit, to compare with after.
struct Before {
    refs: Vec<resolve::Refs>,
    links: Vec<Vec<resolve::LinkTarget>>,
    backlinks: Vec<Vec<PageIdx>>,
    register: resolve::Register,
    health: resolve::Health,
    glossary_users: Vec<Vec<PageIdx>>,
}

/// The pages an edit of `changed` may change: every version of a changed
/// group (a changed page, a decision whose record changed, a principle
/// replaced or no longer current, a committee whose authority changed),
/// every page that showed one of those when it was last rendered
/// (`shown`), every page whose own references, links, backlinks or upkeep
/// banner resolve found different, the glossary's pages when the pages
/// using its terms changed, and the home pages, whose topic cards count
/// the register.
fn dirty_pages(site: &Site, before: &Before, shown: &render::Shown, changed: &[PageIdx]) -> BTreeSet<PageIdx> {
    let (reg, old) = (&site.register, &before.register);
    let mut moved: FxHashSet<GroupIdx> = changed.iter().map(|&p| site.group_of(p)).collect();
    moved.extend(reg.records.iter().filter(|(g, r)| old.records.get(g) != Some(r)).map(|(g, _)| *g));
    moved.extend(old.records.keys().filter(|g| !reg.records.contains_key(g)));
    for &g in reg.principles.iter().chain(&old.principles) {
        let current = reg.principles_current.contains(&g) != old.principles_current.contains(&g);
        if current || reg.principle_superseded_by.get(&g) != old.principle_superseded_by.get(&g) {
            moved.insert(g);
        }
    }
    for &g in reg.committees.iter().chain(&old.committees) {
        if reg.authority.get(&g) != old.authority.get(&g) || reg.active.contains(&g) != old.active.contains(&g) {
            moved.insert(g);
        }
    }
    if reg.overlaps != old.overlaps {
        moved.extend(reg.overlaps.iter().chain(&old.overlaps).flat_map(|o| o.committees));
    }
    let mut dirty: BTreeSet<PageIdx> = moved.iter().flat_map(|&g| site.index.groups[g].versions.iter().copied()).collect();
    for (p, shown) in shown.iter().enumerate() {
        let g = site.group_of(p);
        let differs = site.refs[p] != before.refs[p]
            || site.links[p] != before.links[p]
            || site.backlinks[g] != before.backlinks[g]
            || site.health.outdated_of(p) != before.health.outdated_of(p)
            || site.health.behind_of(p) != before.health.behind_of(p);
        if differs || shown.iter().any(|g| moved.contains(g)) {
            dirty.insert(p);
        }
    }
    if site.glossary.users != before.glossary_users {
        dirty.extend((0..site.pages.len()).filter(|&p| site.pages[p].is_glossary()));
    }
    if let Some(home) = site.index.group(&crate::id::Id::home()) {
        dirty.extend(site.index.groups[home].versions.iter().copied());
    }
    dirty
}

/// What [`splice`] and [`patch`] leave for a quiet moment, made again from
/// the compiled site: the register's views, the folders' listings and the
/// sitemap, the exports, and the search index.
pub fn finish(compiled: &Compiled) -> Option<Vec<Output>> {
    let site = compiled.site.as_ref()?;
    let theme = compiled.theme.as_ref()?;
    let sink = Collect::default();
    let (views, exports) = rayon::join(
        || render::register_views(site, theme, &sink).and_then(|()| render::listings(site, theme, &sink)),
        || {
            render::exports(site, theme, &compiled.assets, &sink)?;
            search::static_index::build(&compiled.docs, &site.config, &committee_titles(site), theme, &sink).map_err(render::Failed::Write)
        },
    );
    views.map_err(failed).ok()?;
    exports.map_err(failed).ok()?;
    Some(sink.into_outputs())
}
