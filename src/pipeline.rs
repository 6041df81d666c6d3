//! The pipeline, stage after stage: load, parse, resolve, render, write.
//! `build` runs them all; `check` stops before writing. Both run the render
//! stage, so that `check` finds every problem `build` would.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::diagnostic::{self, Diagnostic};
use crate::output::{Collect, Sink};
use crate::render::{self, theme, Output};
use crate::resolve::{self, Site};
use crate::{config, load, parse, search, write};

pub mod edit;
pub use edit::{finish, patch, reindex, splice};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// The build date: decides what has expired and what is overdue.
    pub today: NaiveDate,
    /// Where `build` keeps the terminal's search index up to date; `None`
    /// leaves it alone.
    pub search_cache: Option<PathBuf>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        let root = root.into();
        Options {
            out: root.join("public"),
            search_cache: Some(search::engine::cache_dir(&root)),
            root,
            drafts: false,
            base_url: None,
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// How long each stage took. Render and search run side by side: their
/// stages overlap, and "render and search" is the time both took.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// The time of the stages one after the other (overlapping ones once).
    pub total: Duration,
}

impl Timings {
    fn lap(&mut self, name: &'static str, since: &mut Instant) {
        let took = since.elapsed();
        self.stages.push((name, took));
        self.total += took;
        *since = Instant::now();
    }

    /// Adds the stages of a branch that ran beside others: listed, but
    /// counted in the total by the stage that holds them.
    fn beside(&mut self, branch: Timings) {
        self.stages.extend(branch.stages);
    }
}

/// The result of running the stages up to render.
pub struct Compiled {
    pub site: Option<Site>,
    pub outputs: Vec<Output>,
    /// The searchable form of every page, for the search index cache.
    pub docs: Vec<search::document::SearchDoc>,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
    /// The theme the site was rendered with, for [`patch`].
    pub theme: Option<theme::Theme>,
    /// The files of `content/` copied as they are, for [`rerender`].
    pub assets: Vec<load::Asset>,
    /// What each page showed of others, for [`edit::splice`].
    pub shown: render::Shown,
    /// The diagnostics found before resolve (reading, front matter, the
    /// glossary), which an edit of other files leaves as they are.
    pub read_diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a build produced nothing.
#[derive(Debug)]
pub enum Failure {
    /// The site has errors (exit 1).
    Site,
    /// A theme template failed (exit 1).
    Template(String),
    /// Reading or writing failed (exit 2).
    Io(String),
}

/// Runs every stage but write, keeping every output file in memory
/// (`Compiled::outputs`).
pub fn compile(opts: &Options) -> Result<Compiled, Failure> {
    let sink = Collect::default();
    let mut compiled = compile_into(opts, &sink)?;
    compiled.outputs = sink.into_outputs();
    Ok(compiled)
}

/// Runs every stage but the last step of write, handing each output file to
/// `sink` as soon as it is made (`Compiled::outputs` stays empty).
pub fn compile_into(opts: &Options, sink: &dyn Sink) -> Result<Compiled, Failure> {
    if !opts.root.join("content").is_dir() {
        return Err(Failure::Io(format!("{} has no content/ folder: run cahier in a site folder or pass --root", opts.root.display())));
    }
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut diags = Vec::new();
    let mut config = parse::site::load(&opts.root, &mut diags);
    if let Some(url) = &opts.base_url {
        if !config::is_web_url(url) {
            return Err(Failure::Io(format!("--base-url should be an http:// or https:// URL, found `{url}`")));
        }
        config.base_url = config::normalise_base_url(url);
    }
    let loaded = load::load(&opts.root, &mut diags);
    timings.lap("load", &mut clock);
    let load::Loaded { files, assets, history } = loaded;
    let (mut pages, parse_diags) = parse::parse(&files, &config, opts.drafts);
    // Pages own their text from here on: the files read are let go.
    drop(files);
    diags.extend(parse_diags);
    // git has been reading the history while the files were parsed.
    let history = history.wait();
    if let Some(h) = &history {
        for page in pages.iter_mut().filter(|p| p.updated.is_none()) {
            page.updated = h.updated(&page.source.file);
        }
    }
    // The glossary is read before the scans, which look for its terms.
    let glossary = resolve::Glossary::new(&pages, &config, &mut diags);
    let scans: Vec<_> = {
        use rayon::prelude::*;
        let scan = |p: &crate::model::Page| parse::body::scan(&p.body, parse::body::options_for(p.is_glossary()), glossary.matcher(p));
        pages.par_iter().map(scan).collect()
    };
    timings.lap("parse", &mut clock);
    let read_diagnostics = diags.clone();
    let (site, resolve_diags) = resolve::resolve(config, pages, scans, glossary, history, opts.today, resolve::Reuse::default());
    diags.extend(resolve_diags);
    timings.lap("resolve", &mut clock);
    let theme = theme::load(&opts.root, &site.config.theme).map_err(|e| Failure::Template(e.0))?;
    let (branches, docs, shown) = render_and_search(&site, &theme, &assets, sink)?;
    timings.beside(branches);
    timings.lap("render and search", &mut clock);
    diagnostic::sort(&mut diags);
    diags.dedup();
    Ok(Compiled {
        site: Some(site),
        outputs: Vec::new(),
        docs,
        diagnostics: diags,
        timings,
        theme: Some(theme),
        assets,
        shown,
        read_diagnostics,
    })
}

/// Renders a resolved site and its search index into `sink`, in two
/// branches side by side: the pages and views, and what is made from the
/// whole site (exports, the search index). Each has parts that run on one
/// thread, which the other branch's work fills in.
fn render_and_search(
    site: &Site,
    theme: &theme::Theme,
    assets: &[load::Asset],
    sink: &dyn Sink,
) -> Result<(Timings, Vec<search::document::SearchDoc>, render::Shown), Failure> {
    let (rendered, searched) = rayon::join(
        || -> Result<(Timings, render::Shown), Failure> {
            let mut t = Timings::default();
            let mut clock = Instant::now();
            let shown = render::pages(site, theme, sink).map_err(failed)?;
            t.lap("pages", &mut clock);
            render::register_views(site, theme, sink).map_err(failed)?;
            t.lap("views", &mut clock);
            Ok((t, shown))
        },
        || -> Result<(Timings, Vec<search::document::SearchDoc>), Failure> {
            let mut t = Timings::default();
            let mut clock = Instant::now();
            render::exports(site, theme, assets, sink).map_err(failed)?;
            t.lap("exports", &mut clock);
            let docs = search::document::documents(site);
            t.lap("search text", &mut clock);
            search::static_index::build(&docs, &site.config, &committee_titles(site), theme, sink).map_err(|e| Failure::Io(e.0))?;
            t.lap("search index", &mut clock);
            Ok((t, docs))
        },
    );
    let (mut timings, docs) = searched?;
    let (rendered, shown) = rendered?;
    timings.stages.splice(0..0, rendered.stages);
    Ok((timings, docs, shown))
}

fn failed(e: render::Failed) -> Failure {
    match e {
        render::Failed::Template(e) => Failure::Template(e.0),
        render::Failed::Write(e) => Failure::Io(e.0),
    }
}

/// Renders a compiled site again with its theme read again, without
/// reading the Markdown: what a change of a template needs. The outputs go
/// to `Compiled::outputs`.
pub fn rerender(mut compiled: Compiled, opts: &Options) -> Result<Compiled, Failure> {
    let site = compiled.site.as_ref().ok_or_else(|| Failure::Io("nothing compiled to render again".into()))?;
    let theme = theme::load(&opts.root, &site.config.theme).map_err(|e| Failure::Template(e.0))?;
    let sink = Collect::default();
    let (_, docs, shown) = render_and_search(site, &theme, &compiled.assets, &sink)?;
    compiled.outputs = sink.into_outputs();
    compiled.docs = docs;
    compiled.shown = shown;
    compiled.theme = Some(theme);
    Ok(compiled)
}

/// The theme gives the browser's search the words of its interface.
impl search::static_index::Interface for theme::Theme {
    fn string<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.strings(lang).get(key)
    }

    fn language_name<'a>(&'a self, lang: &str) -> Option<&'a str> {
        theme::Theme::language_name(self, lang)
    }
}

/// Committee ids and titles, for the search facets.
fn committee_titles(site: &Site) -> std::collections::BTreeMap<String, String> {
    site.register.committees.iter().map(|&c| (site.index.groups[c].id.to_string(), site.pages[site.main(c)].title.clone())).collect()
}

/// What a successful build reports.
pub struct Built {
    pub compiled: Compiled,
    pub stats: write::WriteStats,
    pub search: Result<search::engine::Refresh, String>,
}

/// Compiles, then writes the output if (and only if) there is no error.
pub fn build(opts: &Options) -> Result<Built, (Failure, Vec<Diagnostic>)> {
    // Checked first: a refused output folder should not cost a whole render.
    let claim = write::claim(&opts.root, &opts.out, |root| {
        eprintln!("another cahier build of {} is running; waiting for it to finish", display_root(root));
    })
    .map_err(|e| (Failure::Io(e.to_string()), Vec::new()))?;
    // Files are written as they are rendered; a failure below drops the
    // staging folder and leaves the previous output as it was.
    let staging = write::Staging::new(&claim).map_err(|e| (Failure::Io(e.to_string()), Vec::new()))?;
    let mut compiled = compile_into(opts, &staging).map_err(|f| (f, Vec::new()))?;
    if compiled.has_errors() {
        return Err((Failure::Site, compiled.diagnostics));
    }
    let mut clock = Instant::now();
    let stats = staging.finish().map_err(|e| (Failure::Io(e.to_string()), compiled.diagnostics.clone()))?;
    compiled.timings.lap("write", &mut clock);
    // The terminal's index lives outside the output; failing to refresh it
    // costs `cahier search` its freshness, not the site its build.
    // Only an index that exists is kept fresh: creating one costs a cold
    // build (a CI job on a fresh clone) a second at 10,000 pages, for a
    // terminal search it never runs. The first `cahier search` creates it.
    let search = match &opts.search_cache {
        Some(dir) if search::engine::exists(dir) => search::engine::refresh(&opts.root, &compiled.docs)
            .map_err(|e| format!("the search cache {} could not be refreshed: {e}", dir.display())),
        _ => Ok(search::engine::Refresh::default()),
    };
    compiled.timings.lap("search cache", &mut clock);
    Ok(Built { compiled, stats, search })
}

/// Opens the terminal's search index, building it first if the site was
/// never built.
pub fn search_index(root: &Path) -> Result<search::engine::Searcher, String> {
    // The topics of site.yaml name what pages are filed under.
    let synonyms = search::synonyms::Synonyms::of(&parse::site::load(root, &mut Vec::new()));
    if let Ok(s) = search::engine::Searcher::open(root) {
        return Ok(s.with_synonyms(synonyms));
    }
    let compiled = compile(&Options::new(root)).map_err(|e| format!("cannot read the site: {e:?}"))?;
    search::engine::refresh(root, &compiled.docs).map_err(|e| format!("cannot build the search index: {e}"))?;
    let searcher = search::engine::Searcher::open(root).map_err(|e| format!("cannot open the search index: {e}"))?;
    Ok(searcher.with_synonyms(synonyms))
}

/// The site root, made absolute for messages.
pub fn display_root(root: &Path) -> String {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()).display().to_string()
}
