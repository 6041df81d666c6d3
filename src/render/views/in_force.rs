//! The rules in force (spec 14.2): `/in-force/` for the build date, and
//! the same page for any day, for `cahier report --at`. Each text is
//! rendered once for every language that shows it.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tera::Context;

use super::super::context::Linker;
use super::super::theme::tera_error;
use super::super::topics::topic_tree;
use super::super::{base_context, url, Output, RenderError};
use super::Views;
use crate::resolve::views::View;
use crate::resolve::{GroupIdx, PageIdx, Site};

impl Views<'_> {
    /// Every rule in force on the build date, full text, under the first
    /// of its topics in the order of the topic tree (the rules without a
    /// topic last), for reading and printing: each text once.
    pub(super) fn in_force(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::InForce.info().path);
        let l = Linker { site, from: &url, lang };
        let rules: Vec<GroupIdx> = site.register.decisions.iter().copied().filter(|g| site.register.records[g].in_force()).collect();
        self.insert_rules(&mut ctx, &l, &rules, self.in_force_texts(), site.today);
        self.render(View::InForce, &url, &ctx)
    }

    /// The rules in force on `on`, as `/in-force/` shows those of the build
    /// date, as a page of its own: links and the stylesheet point at the
    /// published site (`base_url`), and the stylesheet is also inlined, so
    /// that the file prints the same offline.
    pub fn in_force_report(&self, lang: &str, on: chrono::NaiveDate) -> Result<String, RenderError> {
        let site = self.site;
        let mut ctx = base_context(site, self.theme, "/in-force/", lang);
        let base = &site.config.base_url;
        ctx.insert("root", base);
        ctx.insert("home_href", base);
        let l = Linker { site, from: url::MARKED, lang };
        let rules = crate::resolve::register::in_force_on(&site.register, on);
        let texts: FxHashMap<PageIdx, String> = rules
            .par_iter()
            .map(|&g| {
                let p = site.version(g, lang);
                (p, self.rule_text(p))
            })
            .collect();
        self.insert_rules(&mut ctx, &l, &rules, &texts, on);
        let template = View::InForce.info().template;
        let html = self.theme.tera.render(template, &ctx).map_err(|e| RenderError(format!("template {template}: {}", tera_error(&e))))?;
        let html = url::absolutize(html, base);
        let style = match self.theme.statics.iter().find(|(dest, _)| dest.as_path() == std::path::Path::new("style.css")) {
            Some((_, super::super::theme::StaticFile::Builtin(bytes))) => String::from_utf8_lossy(bytes).into_owned(),
            Some((_, super::super::theme::StaticFile::Disk(path))) => std::fs::read_to_string(path).unwrap_or_default(),
            None => String::new(),
        };
        Ok(html.replacen("</head>", &format!("<style>\n{}\n</style>\n</head>", style.replace("</", "<\\/")), 1))
    }

    /// What the in-force template shows of `rules`: under the first of
    /// their topics in the order of the topic tree, the rules without a
    /// topic last, each with its text from `texts`.
    fn insert_rules(&self, ctx: &mut Context, l: &Linker, rules: &[GroupIdx], texts: &FxHashMap<PageIdx, String>, on: chrono::NaiveDate) {
        let site = self.site;
        let lang = l.lang;
        let mut by_topic: BTreeMap<&str, Vec<GroupIdx>> = BTreeMap::new();
        for &g in rules {
            let first = site.pages[site.version(g, lang)].topics.first().map_or("", String::as_str);
            by_topic.entry(first).or_default().push(g);
        }
        let rule = |g: GroupIdx, texts: &FxHashMap<PageIdx, String>| {
            let p = site.version(g, lang);
            let by = site.refs[p].by.map(|b| l.group(b));
            serde_json::json!({
                "anchor": rule_anchor(site, p),
                "link": l.page(p),
                "by": by,
                "body": texts.get(&p).map_or("", String::as_str),
            })
        };
        let take = |gs: &[GroupIdx]| -> Vec<serde_json::Value> { gs.iter().map(|&g| rule(g, texts)).collect() };
        let mut sections = Vec::new();
        for (topic, depth) in topic_tree(site) {
            if let Some(gs) = by_topic.get(topic.as_str()) {
                let rules = take(gs);
                sections
                    .push(serde_json::json!({ "topic": l.topic(&topic), "anchor": format!("t-{topic}"), "depth": depth, "rules": rules }));
            }
        }
        let untagged = by_topic.get("").map_or(Vec::new(), |gs| take(gs));
        let count: usize = by_topic.values().map(Vec::len).sum();
        ctx.insert("sections", &sections);
        ctx.insert("untagged", &untagged);
        ctx.insert("count", &count);
        ctx.insert("today", &on.to_string());
    }

    /// The text of every version of every decision in force, as
    /// `/in-force/` shows it in any language: links marked (made relative
    /// by `render`), heading ids prefixed by the rule's anchor. Rendered in
    /// parallel, once for all languages.
    fn in_force_texts(&self) -> &FxHashMap<PageIdx, String> {
        self.in_force_texts.get_or_init(|| {
            let site = self.site;
            let versions: Vec<PageIdx> = site
                .register
                .decisions
                .iter()
                .filter(|g| site.register.records[*g].in_force())
                .flat_map(|&g| site.config.languages.iter().map(move |lang| site.version(g, lang)))
                .collect::<FxHashSet<_>>()
                .into_iter()
                .collect();
            versions.into_par_iter().map(|p| (p, self.rule_text(p))).collect()
        })
    }

    /// The text of rule `p` as the in-force page shows it: links marked,
    /// heading ids prefixed by the rule's anchor.
    fn rule_text(&self, p: PageIdx) -> String {
        let site = self.site;
        let anchor = rule_anchor(site, p);
        let placement = super::super::markdown::Placement { at: url::MARKED, anchors: Some(&anchor) };
        super::super::markdown::body_html_at(site, self.theme.strings(&site.pages[p].lang), p, placement)
    }
}

/// The id of a rule on `/in-force/`, from its page's id.
fn rule_anchor(site: &Site, p: PageIdx) -> String {
    format!("r-{}", crate::id::slug_path(site.pages[p].id.as_str()).replace('/', "-"))
}
