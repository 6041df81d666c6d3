//! Render: from the resolved site to the bytes of every output file.
//!
//! Runs on rayon over pages, reading the immutable `Site`, in three parts
//! the pipeline times apart: pages, register views, exports. Each file goes
//! to a `Sink` as soon as it is made; the build's sink is the write stage's
//! staging folder, swapped in only once everything is there, so that a
//! failure anywhere leaves the previous output untouched.

pub mod changes;
pub mod compare;
pub mod context;
pub mod export;
pub mod glossary;
pub mod health;
pub mod history;
pub mod kinds;
pub mod markdown;
pub mod rows;
pub mod theme;
pub mod topics;
pub mod url;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

pub use crate::output::{output_path, Content, Output, Sink, SinkError};

use crate::id::Id;
use crate::load::Asset;
use crate::resolve::views::VIEWS;
use crate::resolve::{alias_url, PageIdx, Site};
use context::{Link, Linker, PageCtx, SiteCtx, TocEntry, Translation};
use theme::{tera_error, StaticFile, Theme};

/// A template failure, named after the page it happened on.
#[derive(Debug)]
pub struct RenderError(pub String);

/// Why a part of the render stopped: a template failed, or a file could
/// not be put where the build goes.
#[derive(Debug)]
pub enum Failed {
    Template(RenderError),
    Write(SinkError),
}

impl From<RenderError> for Failed {
    fn from(e: RenderError) -> Failed {
        Failed::Template(e)
    }
}

impl From<SinkError> for Failed {
    fn from(e: SinkError) -> Failed {
        Failed::Write(e)
    }
}

/// A folder's listing: the pages and sub-folders below it.
struct Section {
    id: Id,
    lang: String,
    /// The `_index.md` (or same-id page) that introduces it, if any.
    page: Option<PageIdx>,
    children: Vec<PageIdx>,
    subfolders: Vec<Id>,
}

/// What each page's render showed of other pages (see
/// [`context::traced`]), by page: `serve` re-renders a page when one of
/// these changes.
pub type Shown = Vec<Vec<crate::resolve::GroupIdx>>;

/// The pages of the site, and a listing for each folder without one,
/// each handed to `sink` as soon as it is rendered.
pub fn pages(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<Shown, Failed> {
    let sections = sections(site);
    let all: Vec<PageIdx> = (0..site.pages.len()).collect();
    let mut shown: Shown = vec![Vec::new(); site.pages.len()];
    for (p, seen) in pages_in(site, theme, &sections, &all, sink)? {
        shown[p] = seen;
    }
    listings_in(site, theme, &sections, sink)?;
    Ok(shown)
}

/// Pages `which`, handed to `sink`, each with what it showed of others.
fn pages_in(
    site: &Site,
    theme: &Theme,
    sections: &[Section],
    which: &[PageIdx],
    sink: &dyn Sink,
) -> Result<Vec<(PageIdx, Vec<crate::resolve::GroupIdx>)>, Failed> {
    let section_of_page: BTreeMap<PageIdx, usize> = sections.iter().enumerate().filter_map(|(i, s)| s.page.map(|p| (p, i))).collect();
    let bases = Bases::new(site, theme);
    which
        .par_iter()
        .filter(|&&p| !is_view_intro(site, p))
        .map(|&p| {
            let section = section_of_page.get(&p).map(|&i| &sections[i]);
            let (html, seen) = context::traced(|| render_page(site, theme, &bases, p, section));
            sink.put(Output { path: output_path(site.url(p)), content: Content::Bytes(html?.into_bytes()) })?;
            Ok((p, seen))
        })
        .collect()
}

/// Pages `which` rendered again into `sink`, each with what it showed of
/// others: what `serve` re-renders after an edit.
pub fn some_pages(
    site: &Site,
    theme: &Theme,
    which: &[PageIdx],
    sink: &dyn Sink,
) -> Result<Vec<(PageIdx, Vec<crate::resolve::GroupIdx>)>, Failed> {
    pages_in(site, theme, &sections(site), which, sink)
}

/// The folders' listings (those without a page of their own) and the
/// sitemap: what lists pages without being one.
pub fn listings(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), Failed> {
    listings_in(site, theme, &sections(site), sink)
}

fn listings_in(site: &Site, theme: &Theme, sections: &[Section], sink: &dyn Sink) -> Result<(), Failed> {
    let bases = Bases::new(site, theme);
    for s in sections.iter().filter(|s| s.page.is_none()) {
        let url = section_url(&s.id, &s.lang, site);
        let html = render_section(site, theme, &bases, s, &url)?;
        sink.put(Output { path: output_path(&url), content: Content::Bytes(html.into_bytes()) })?;
    }
    sink.put(Output { path: "sitemap.xml".into(), content: Content::Bytes(sitemap(site, sections).into_bytes()) })?;
    Ok(())
}

/// Page `p` alone, when it is shown by nothing but its own page: not a
/// folder's landing page (its listing shows other pages) nor a register
/// view's text. `serve` re-renders an edited wiki page this way.
pub fn single_page(site: &Site, theme: &Theme, p: PageIdx) -> Result<Option<Output>, RenderError> {
    // A page introduces a folder (as `sections` finds them) when its id is
    // the folder of another page, or of one below it, or is the home page.
    let id = site.pages[p].id.as_str();
    let introduces = |folder: &str| {
        folder.get(..id.len()).is_some_and(|head| head.eq_ignore_ascii_case(id))
            && matches!(folder.as_bytes().get(id.len()), None | Some(b'/'))
    };
    if id.is_empty() || is_view_intro(site, p) || site.pages.iter().any(|q| introduces(q.id.folder())) {
        return Ok(None);
    }
    let html = render_page(site, theme, &Bases::new(site, theme), p, None)?;
    Ok(Some(Output { path: output_path(site.url(p)), content: Content::Bytes(html.into_bytes()) }))
}

/// The register's views, in every language.
pub fn register_views(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), Failed> {
    views::Views::new(site, theme)?.all(sink)
}

/// What other tools read (feeds, JSON, calendar), redirects, the 404 page,
/// and the files copied as they are.
pub fn exports(site: &Site, theme: &Theme, assets: &[Asset], sink: &dyn Sink) -> Result<(), Failed> {
    // What is filed under each topic: the topic feeds and site.json list it.
    let coverage = topics::Coverage::new(site);
    let mut outputs: Vec<Output> = export::feeds(site, &coverage);
    outputs.push(Output { path: "decisions.json".into(), content: Content::Bytes(export::decisions_json(site).into_bytes()) });
    outputs.push(Output { path: "site.json".into(), content: Content::Bytes(export::site_json(site, &coverage).into_bytes()) });
    // Outside git the feed is there, empty, so that a subscription made
    // later does not start with an error.
    let none = crate::load::history::History::default();
    let title = format!("{} · {}", site.config.title, theme.strings(site.config.default_lang()).get("recent_changes"));
    let changes = history::Files::new(site).feed(site.history.as_ref().unwrap_or(&none), &title);
    outputs.push(Output { path: "changes.xml".into(), content: Content::Bytes(changes.into_bytes()) });
    outputs.push(Output { path: "follow-up.ics".into(), content: Content::Bytes(export::follow_up_ics(site).into_bytes()) });
    outputs.extend(redirects(site, theme)?);
    outputs.push(Output { path: "404.html".into(), content: Content::Bytes(not_found(site, theme)?.into_bytes()) });
    for asset in assets {
        outputs.push(Output { path: asset.dest.clone(), content: Content::Copy(asset.src.clone()) });
    }
    for (dest, file) in &theme.statics {
        let content = match file {
            StaticFile::Builtin(bytes) => Content::Static(bytes),
            StaticFile::Disk(path) => Content::Copy(path.clone()),
        };
        outputs.push(Output { path: dest.clone(), content });
    }
    outputs.into_par_iter().try_for_each(|o| sink.put(o))?;
    Ok(())
}

/// The landing text of a register view (`decisions/_index.md`…) is shown
/// by the view, not as a page of its own.
fn is_view_intro(site: &Site, p: PageIdx) -> bool {
    let id = site.pages[p].id.as_str();
    crate::resolve::views::is_view_folder(id)
}

/// The context every template gets: the site, the language and its
/// interface strings, and the way back to the root.
pub fn base_context(site: &Site, theme: &Theme, url: &str, lang: &str) -> Context {
    let mut ctx = shared_context(site, theme, lang);
    insert_place(site, &mut ctx, url, lang);
    ctx
}

/// The part of [`base_context`] that depends on the language alone.
fn shared_context(site: &Site, theme: &Theme, lang: &str) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site", &SiteCtx::new(site));
    ctx.insert("lang", lang);
    ctx.insert("t", theme.strings(lang).map());
    ctx.insert("nav", &nav(site));
    ctx.insert("footer", &footer(site, lang));
    ctx
}

/// The footer's links, below the root: the glossary in the reader's
/// language (else the default one), the wiki's health and its recent
/// changes.
#[derive(Serialize)]
struct Footer {
    glossary: Option<String>,
    health: String,
    changes: String,
}

fn footer(site: &Site, lang: &str) -> Footer {
    let glossary = site.glossary.page_for(&site.pages, lang, site.config.default_lang());
    let prefix = if lang == site.config.default_lang() || !site.config.is_language(lang) { String::new() } else { format!("{lang}/") };
    Footer {
        glossary: glossary.map(|p| site.url(p).trim_start_matches('/').to_string()),
        health: format!("{prefix}{}", crate::resolve::views::View::Health.info().path),
        changes: format!("{prefix}{}", crate::resolve::views::View::Changes.info().path),
    }
}

/// The part of [`base_context`] that depends on where the page is.
fn insert_place(site: &Site, ctx: &mut Context, url: &str, lang: &str) {
    ctx.insert("root", &url::root_prefix(url));
    ctx.insert("url", url);
    ctx.insert("canonical", &url::absolute(&site.config.base_url, url));
    // The home page in the reader's language, for the header link.
    let home = if lang == site.config.default_lang() { "/".to_string() } else { format!("/{lang}/") };
    let home = if site.index.group(&Id::home()).is_some_and(|g| site.index.groups[g].versions.iter().any(|&p| site.pages[p].lang == lang)) {
        home
    } else {
        "/".to_string()
    };
    ctx.insert("home_href", &url::relative(url, &home));
}

/// [`base_context`] for many pages: the part shared by a language is made
/// once and cloned, since turning the interface strings into template
/// values again for each page cost more than the clone.
struct Bases(BTreeMap<String, Context>);

impl Bases {
    fn new(site: &Site, theme: &Theme) -> Bases {
        let langs: BTreeSet<&str> =
            site.pages.iter().map(|p| p.lang.as_str()).chain(site.config.languages.iter().map(String::as_str)).collect();
        Bases(langs.into_iter().map(|lang| (lang.to_string(), shared_context(site, theme, lang))).collect())
    }

    fn context(&self, site: &Site, theme: &Theme, url: &str, lang: &str) -> Context {
        let mut ctx = self.0.get(lang).cloned().unwrap_or_else(|| shared_context(site, theme, lang));
        insert_place(site, &mut ctx, url, lang);
        ctx
    }
}

#[derive(Serialize)]
struct NavItem {
    /// Relative to the root, without a leading `/`.
    path: &'static str,
    /// Key of the interface string.
    key: &'static str,
}

/// The main menu: the register's views that have a menu entry.
fn nav(_site: &Site) -> Vec<NavItem> {
    VIEWS.iter().filter_map(|v| v.nav.map(|key| NavItem { path: v.path, key })).collect()
}

fn template_for(site: &Site, p: PageIdx, section: Option<&Section>) -> &'static str {
    let page = &site.pages[p];
    if page.id.is_home() {
        return "home.html";
    }
    if section.is_some() && matches!(page.kind, crate::model::Kind::Plain(_)) {
        return "section.html";
    }
    page.kind.page_type().info().template
}

/// The part of a page's context that every type shares.
pub fn page_context(site: &Site, theme: &Theme, p: PageIdx) -> PageCtx {
    let page = &site.pages[p];
    let url = site.url(p);
    let l = Linker { site, from: url, lang: &page.lang };
    let g = site.group_of(p);
    let translations = site.index.groups[g]
        .versions
        .iter()
        .filter(|&&v| v != p)
        .map(|&v| Translation { lang: site.pages[v].lang.clone(), href: l.url(site.url(v)), title: site.pages[v].title.clone() })
        .collect();
    let edit_url = site
        .config
        .repo_url
        .as_ref()
        .map(|repo| format!("{repo}/edit/{}/{}", site.config.repo_branch, crate::diagnostic::display_path(&page.source.file)));
    PageCtx {
        id: page.id.as_str().to_string(),
        title: page.title.clone(),
        summary: page.summary.clone(),
        url: url.to_string(),
        lang: page.lang.clone(),
        kind: page.kind.name(),
        topics: l.topics(&page.topics),
        body: markdown::body_html(site, theme.strings(&page.lang), p),
        toc: site.scans[p]
            .headings
            .iter()
            .filter(|h| h.level <= 3)
            .map(|h| TocEntry { level: h.level, text: h.text.clone(), anchor: h.anchor.clone() })
            .collect(),
        backlinks: site.backlinks[g].iter().map(|&b| l.page(b)).collect(),
        translations,
        edit_url,
        updated: page.updated.map(|d| d.to_string()),
        extra: page.extra.clone(),
        draft: page.draft,
        source: crate::diagnostic::display_path(&page.source.file),
        history: history::page_history(site, p),
        outdated_by: site.health.outdated_of(p).map_or(Vec::new(), |o| l.groups(&o.decisions)),
        behind: site.health.behind_of(p).map(|b| context::Behind {
            source: l.page(b.source),
            source_updated: b.source_updated.to_string(),
            updated: b.updated.to_string(),
        }),
    }
}

fn render_page(site: &Site, theme: &Theme, bases: &Bases, p: PageIdx, section: Option<&Section>) -> Result<String, RenderError> {
    let page = &site.pages[p];
    let url = site.url(p);
    let mut ctx = bases.context(site, theme, url, &page.lang);
    ctx.insert("page", &page_context(site, theme, p));
    let l = Linker { site, from: url, lang: &page.lang };
    if let Some((name, value)) = kinds::kind_context(site, p, &l) {
        ctx.insert(name, &value);
    }
    if let Some(s) = section {
        insert_listing(site, theme, &mut ctx, s, url);
    }
    if page.id.is_home() {
        ctx.insert("topic_cards", &views::Views::topic_cards(site, &topics::topic_counts(site), url, &page.lang));
    }
    let template = template_for(site, p, section);
    theme.tera.render(template, &ctx).map_err(|e| {
        RenderError(format!("{}: template {template}: {}", crate::diagnostic::display_path(&page.source.file), tera_error(&e)))
    })
}

#[derive(Serialize)]
struct FolderLink {
    title: String,
    href: String,
}

fn insert_listing(site: &Site, theme: &Theme, ctx: &mut Context, s: &Section, url: &str) {
    let l = Linker { site, from: url, lang: &s.lang };
    let children: Vec<Link> = s.children.iter().map(|&c| l.page(c)).collect();
    let folders: Vec<FolderLink> = s
        .subfolders
        .iter()
        .map(|f| FolderLink { title: folder_title(site, theme, f, &s.lang), href: l.url(&section_url(f, &s.lang, site)) })
        .collect();
    ctx.insert("children", &children);
    ctx.insert("folders", &folders);
}

fn render_section(site: &Site, theme: &Theme, bases: &Bases, s: &Section, url: &str) -> Result<String, RenderError> {
    let mut ctx = bases.context(site, theme, url, &s.lang);
    let title = folder_title(site, theme, &s.id, &s.lang);
    ctx.insert("section", &FolderLink { title, href: "./".into() });
    insert_listing(site, theme, &mut ctx, s, url);
    if s.id.is_home() {
        ctx.insert("topic_cards", &views::Views::topic_cards(site, &topics::topic_counts(site), url, &s.lang));
    }
    let template = if s.id.is_home() { "home.html" } else { "section.html" };
    theme.tera.render(template, &ctx).map_err(|e| RenderError(format!("template {template}: {}", tera_error(&e))))
}

/// The title of a folder: its index page's title, else its name.
fn folder_title(site: &Site, theme: &Theme, id: &Id, lang: &str) -> String {
    if let Some(g) = site.index.group(id) {
        return site.pages[site.version(g, lang)].title.clone();
    }
    let t = theme.strings(lang);
    match id.as_str() {
        "decisions" | "committees" | "principles" | "meetings" => t.get(id.as_str()).to_string(),
        _ => {
            let name = id.short().replace(['-', '_'], " ");
            let mut chars = name.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

fn section_url(id: &Id, lang: &str, site: &Site) -> String {
    if lang == site.config.default_lang() {
        id.url()
    } else {
        format!("/{lang}{}", id.url())
    }
}

/// Every folder that holds pages gets a listing, in the default language
/// and in each language that has a page there.
fn sections(site: &Site) -> Vec<Section> {
    let mut folders: BTreeSet<String> = BTreeSet::new();
    folders.insert(String::new());
    for page in &site.pages {
        let mut f = page.id.folder();
        while !f.is_empty() && folders.insert(f.to_string()) {
            f = f.rsplit_once('/').map_or("", |(d, _)| d);
        }
    }
    let mut langs_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for page in &site.pages {
        langs_of.entry(page.id.folder().to_lowercase()).or_default().insert(page.lang.clone());
    }
    let default = site.config.default_lang();
    // Groups by the folder they sit in, so that each listing is a lookup.
    let mut by_folder: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (g, group) in site.index.groups.iter().enumerate().filter(|(_, gr)| !gr.id.is_home()) {
        by_folder.entry(group.id.folder().to_lowercase()).or_default().push(g);
    }
    let mut out = Vec::new();
    for folder in folders.iter().filter(|f| !crate::resolve::views::is_view_folder(f)) {
        let Ok(id) = (if folder.is_empty() { Ok(Id::home()) } else { Id::parse(folder) }) else { continue };
        let mut langs: BTreeSet<String> = langs_of.get(&folder.to_lowercase()).cloned().unwrap_or_default();
        langs.insert(default.to_string());
        for lang in langs {
            let page = site.index.group(&id).map(|g| site.version(g, &lang)).filter(|&p| site.pages[p].lang == lang);
            if page.is_none() && lang != default {
                continue;
            }
            let mut children: Vec<PageIdx> = by_folder
                .get(&folder.to_lowercase())
                .into_iter()
                .flatten()
                .filter(|&&g| site.index.group(&id) != Some(g))
                .map(|&g| site.version(g, &lang))
                .collect();
            children.sort_by_key(|&c| kinds::sort_key(&site.pages[c]));
            let subfolders = folders
                .iter()
                .filter(|f| !f.is_empty() && f.rsplit_once('/').map_or("", |(d, _)| d).eq_ignore_ascii_case(folder))
                .filter_map(|f| Id::parse(f).ok())
                .collect();
            out.push(Section { id: id.clone(), lang, page, children, subfolders });
        }
    }
    out
}

#[derive(Serialize)]
struct RedirectCtx {
    href: String,
    title: String,
}

/// A redirect page for each alias: old links keep working.
fn redirects(site: &Site, theme: &Theme) -> Result<Vec<Output>, RenderError> {
    let mut out = Vec::new();
    for (p, page) in site.pages.iter().enumerate() {
        for alias in &page.aliases {
            let url = alias_url(&alias.value, &page.lang, &site.config);
            let mut ctx = base_context(site, theme, &url, &page.lang);
            ctx.insert("redirect", &RedirectCtx { href: url::relative(&url, site.url(p)), title: page.title.clone() });
            ctx.insert("canonical", &url::absolute(&site.config.base_url, site.url(p)));
            let html =
                theme.tera.render("redirect.html", &ctx).map_err(|e| RenderError(format!("template redirect.html: {}", tera_error(&e))))?;
            out.push(Output { path: output_path(&url), content: Content::Bytes(html.into_bytes()) });
        }
    }
    Ok(out)
}

/// The 404 page is served at any depth, so its links start from the site's
/// own path rather than being relative.
fn not_found(site: &Site, theme: &Theme) -> Result<String, RenderError> {
    let lang = site.config.default_lang();
    let mut ctx = base_context(site, theme, "/404.html", lang);
    let base_path = site.config.base_url.splitn(4, '/').nth(3).map_or("/".to_string(), |p| format!("/{p}"));
    ctx.insert("root", &base_path);
    ctx.insert("home_href", &base_path);
    theme.tera.render("404.html", &ctx).map_err(|e| RenderError(format!("template 404.html: {}", tera_error(&e))))
}

fn sitemap(site: &Site, sections: &[Section]) -> String {
    let mut urls: Vec<(String, Option<String>)> =
        site.pages.iter().enumerate().map(|(p, page)| (site.url(p).to_string(), page.updated.map(|d| d.to_string()))).collect();
    urls.extend(sections.iter().filter(|s| s.page.is_none()).map(|s| (section_url(&s.id, &s.lang, site), None)));
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (u, lastmod) in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::text::escape_html(&url::absolute(&site.config.base_url, &u)));
        xml.push_str("</loc>");
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
