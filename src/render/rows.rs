//! The register's rows: each decision as the views list it, built and
//! rendered once per language (by the theme's `rows.html`), then shown by
//! every view that lists it. Their links are marked site paths that
//! [`url::relativize`] makes relative on each page.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tera::Context;

use super::context::{Link, Linker, TopicLink};
use super::theme::{tera_error, Theme};
use super::{url, RenderError};
use crate::model::Status;
use crate::resolve::register::Effective;
use crate::resolve::{GroupIdx, Site};

/// One decision as a row of the register and of every list of decisions.
#[derive(Serialize, Clone)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub href: String,
    pub date: String,
    pub year: i32,
    pub summary: Option<String>,
    pub by: Option<Link>,
    pub topics: Vec<TopicLink>,
    pub status: Status,
    pub effective: Effective,
    pub in_force: bool,
    /// When it stopped being in force (superseded, repealed or expired).
    pub ended: Option<String>,
    pub current: Option<Link>,
    pub replaced_by: Vec<Link>,
    pub overdue: bool,
    pub due: Option<String>,
    pub done: Option<String>,
    pub owner: Option<super::context::OwnerLink>,
    pub review: Option<String>,
    pub review_due: bool,
    pub possible_repeats: Vec<Link>,
}

/// A decision's row in each of its forms, with marked links
/// ([`url::relativize`] makes them relative on each page).
pub struct RowHtml {
    /// An item of a list of decisions, with its topics.
    pub item: String,
    /// The same, without its topics (on a topic's own page).
    pub item_plain: String,
    /// A row of the register's table.
    pub tr: String,
}

/// Ends each form of each row in the output of `rows.html`: a control
/// character, which no escaped text holds.
const ROW_END: &str = "\u{1e}";

/// Which form of a row a list shows.
#[derive(Clone, Copy)]
pub enum Form {
    Item,
    ItemPlain,
    Tr,
}

/// Every decision's row, per site language.
pub struct Rows {
    languages: Vec<String>,
    /// Per site language, in order, every decision's row by group.
    by_lang: Vec<FxHashMap<GroupIdx, (Row, RowHtml)>>,
}

impl Rows {
    /// Builds and renders every decision's row, in every language.
    pub fn new(site: &Site, theme: &Theme) -> Result<Rows, RenderError> {
        let by_lang = site.config.languages.par_iter().map(|lang| Rows::language_rows(site, theme, lang)).collect::<Result<_, _>>()?;
        Ok(Rows { languages: site.config.languages.clone(), by_lang })
    }

    /// The rows of one language, their links marked, their HTML rendered by
    /// one pass of `rows.html`.
    fn language_rows(site: &Site, theme: &Theme, lang: &str) -> Result<FxHashMap<GroupIdx, (Row, RowHtml)>, RenderError> {
        let l = Linker { site, from: url::MARKED, lang };
        let rows: Vec<Row> = site.register.decisions.iter().map(|&g| Rows::build_row(site, &l, g)).collect();
        let mut ctx = Context::new();
        ctx.insert("rows", &rows);
        ctx.insert("t", theme.strings(lang).map());
        ctx.insert("end", ROW_END);
        let html = theme.tera.render("rows.html", &ctx).map_err(|e| RenderError(format!("template rows.html: {}", tera_error(&e))))?;
        let mut parts = html.split(ROW_END);
        let mut next = || parts.next().unwrap_or_default().to_string();
        let mut out = FxHashMap::default();
        for (&g, row) in site.register.decisions.iter().zip(rows) {
            let html = RowHtml { tr: next(), item: next(), item_plain: next() };
            out.insert(g, (row, html));
        }
        Ok(out)
    }

    fn language(&self, lang: &str) -> usize {
        self.languages.iter().position(|l| l == lang).unwrap_or(0)
    }

    /// The row of decision `g` in `lang`.
    pub fn row(&self, lang: &str, g: GroupIdx) -> &Row {
        &self.by_lang[self.language(lang)][&g].0
    }

    /// The HTML of decisions in one form, in `lang`, for a list.
    pub fn html(&self, lang: &str, form: Form, gs: impl IntoIterator<Item = GroupIdx>) -> Vec<&str> {
        let rows = &self.by_lang[self.language(lang)];
        gs.into_iter()
            .map(|g| {
                let h = &rows[&g].1;
                match form {
                    Form::Item => h.item.as_str(),
                    Form::ItemPlain => h.item_plain.as_str(),
                    Form::Tr => h.tr.as_str(),
                }
            })
            .collect()
    }

    fn build_row(site: &Site, l: &Linker<'_>, g: GroupIdx) -> Row {
        let p = site.version(g, l.lang);
        let page = &site.pages[p];
        let rec = &site.register.records[&g];
        let follow_up = rec.follow_up.as_ref();
        Row {
            id: page.id.as_str().to_string(),
            title: page.title.clone(),
            href: l.url(site.url(p)),
            date: rec.date.to_string(),
            year: chrono::Datelike::year(&rec.date),
            summary: page.summary.clone(),
            by: rec.refs.by.map(|b| l.group(b)),
            topics: l.topics(&page.topics),
            status: rec.status,
            effective: rec.effective,
            in_force: rec.in_force(),
            ended: rec.ended.map(|e| e.to_string()),
            current: (rec.current != g).then(|| l.group(rec.current)),
            replaced_by: l.groups(if rec.superseded_by.is_empty() { &rec.repealed_by } else { &rec.superseded_by }),
            overdue: rec.follow_up_overdue(),
            due: follow_up.and_then(|f| f.due).map(|x| x.to_string()),
            done: follow_up.and_then(|f| f.done).map(|x| x.to_string()),
            owner: follow_up.and_then(|f| f.owner.as_ref()).map(|o| l.owner(o)),
            review: rec.review.map(|x| x.to_string()),
            review_due: rec.review_due,
            possible_repeats: l.groups(&rec.possible_repeats),
        }
    }
}
