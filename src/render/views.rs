//! The register's views: the pages that answer "what is in force, who
//! decides, what was decided before, what is overdue" for the whole site,
//! generated for every language of the site.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use tera::Context;

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHashSet};

use super::context::{Link, Linker, TopicLink};
use super::rows::{Form, Row, Rows};
use super::theme::{tera_error, Theme};
use super::topics::{topic_and_below, topic_tree, Coverage};
use super::{base_context, output_path, url, Content, Failed, Output, RenderError, Sink};
use crate::id::Id;
use crate::model::{CommitteeKind, Kind};
use crate::resolve::register::Claim;
use crate::resolve::register::Effective;
use crate::resolve::views::{View, VIEWS};
use crate::resolve::{GroupIdx, PageIdx, Site};

mod in_force;

pub struct Views<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Every decision's row, in every language.
    rows: Rows,
    /// What is filed under each topic.
    coverage: Coverage,
    /// In force, decisions and wiki pages on each topic (sub-topics
    /// included).
    counts: FxHashMap<String, (usize, usize, usize)>,
    /// The texts of the decisions in force, for `/in-force/` in every
    /// language: made once, by the first language's view to need them.
    in_force_texts: std::sync::OnceLock<FxHashMap<PageIdx, String>>,
}

impl<'a> Views<'a> {
    /// Builds and renders every decision's row, in every language.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Views<'a>, RenderError> {
        let rows = Rows::new(site, theme)?;
        let coverage = Coverage::new(site);
        let counts = coverage.counts(site);
        Ok(Views { site, theme, rows, coverage, counts, in_force_texts: std::sync::OnceLock::new() })
    }

    fn prefix(&self, lang: &str) -> String {
        if lang == self.site.config.default_lang() {
            String::new()
        } else {
            format!("/{lang}")
        }
    }

    fn render(&self, view: View, url: &str, ctx: &Context) -> Result<Output, RenderError> {
        let template = view.info().template;
        let html = self.theme.tera.render(template, ctx).map_err(|e| RenderError(format!("template {template}: {}", tera_error(&e))))?;
        Ok(Output { path: output_path(url), content: Content::Bytes(url::relativize(html, url).into_bytes()) })
    }

    /// The landing text of a view folder, rendered, if the site has one.
    fn intro(&self, folder: &str, lang: &str) -> Option<super::context::PageCtx> {
        let id = Id::parse(folder).ok()?;
        let g = self.site.index.group(&id)?;
        let p = self.site.version(g, lang);
        Some(super::page_context(self.site, self.theme, p))
    }

    /// Every view, in every language, rendered in parallel: the register's
    /// views are the largest pages of a site.
    pub fn all(&self, sink: &dyn Sink) -> Result<(), Failed> {
        let mut jobs: Vec<(&str, View, Option<&str>)> = Vec::new();
        for lang in &self.site.config.languages {
            for v in VIEWS {
                match v.view {
                    View::Topic => jobs.extend(self.site.config.topics.list.iter().map(|t| (lang.as_str(), v.view, Some(t.id.as_str())))),
                    other => jobs.push((lang.as_str(), other, None)),
                }
            }
        }
        jobs.par_iter().try_for_each(|&(lang, view, topic)| {
            let output = match view {
                View::Register => self.register(lang),
                View::Topics => self.topics(lang),
                View::Topic => self.topic(lang, topic.unwrap_or_default()),
                View::Committees => self.committees(lang),
                View::Authority => self.authority(lang),
                View::Principles => self.principles(lang),
                View::Meetings => self.meetings(lang),
                View::Timeline => self.timeline(lang),
                View::InForce => self.in_force(lang),
                View::Changes => self.changes(lang),
                View::Compare => {
                    let data = super::compare::data_js(self.site, lang);
                    let path = format!("{}/{}data.js", self.prefix(lang), View::Compare.info().path);
                    sink.put(Output { path: path.trim_start_matches('/').into(), content: Content::Bytes(data.into_bytes()) })?;
                    self.compare(lang)
                }
                View::FollowUp => self.follow_up(lang),
                View::Search => self.search(lang),
                View::Health => self.health(lang),
            }?;
            sink.put(output)?;
            Ok(())
        })
    }

    fn start(&self, lang: &str, path: &str) -> (String, Context) {
        let url = format!("{}/{path}", self.prefix(lang));
        let ctx = base_context(self.site, self.theme, &url, lang);
        (url, ctx)
    }

    fn register(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Register.info().path);
        let l = Linker { site, from: &url, lang };
        let newest_first = || site.register.decisions.iter().rev().copied();
        let topics_of = |g: GroupIdx| &site.pages[site.version(g, lang)].topics;
        let mut by_topic = Vec::new();
        for (t, depth) in topic_tree(site) {
            let list = self.rows.html(lang, Form::ItemPlain, newest_first().filter(|&g| topics_of(g).contains(&t)));
            if !list.is_empty() {
                by_topic.push(serde_json::json!({ "topic": l.topic(&t), "depth": depth, "rows": list }));
            }
        }
        let untagged = self.rows.html(lang, Form::Item, newest_first().filter(|&g| topics_of(g).is_empty()));
        let years: std::collections::BTreeSet<i32> = site.register.decisions.iter().map(|g| site.register.records[g].date.year()).collect();
        let committees: Vec<Link> = site.register.committees.iter().map(|&c| l.group(c)).collect();
        let topics: Vec<TopicLink> = topic_tree(site).into_iter().map(|(t, _)| l.topic(&t)).collect();
        ctx.insert("rows", &self.rows.html(lang, Form::Tr, newest_first()));
        ctx.insert("by_topic", &by_topic);
        ctx.insert("untagged", &untagged);
        ctx.insert("years", &years.into_iter().rev().collect::<Vec<_>>());
        ctx.insert("committees", &committees);
        ctx.insert("topics", &topics);
        ctx.insert("statuses", &Effective::ALL.iter().map(|e| e.as_str()).collect::<Vec<_>>());
        ctx.insert("today", &site.today.to_string());
        ctx.insert("intro", &self.intro("decisions", lang));
        self.render(View::Register, &url, &ctx)
    }

    fn topic_counts(&self, topic: &str) -> (usize, usize, usize) {
        self.counts.get(topic).copied().unwrap_or_default()
    }

    /// Every topic with its counts, in tree order: the topics index and
    /// the home page's way in.
    pub fn topic_cards(site: &Site, counts: &FxHashMap<String, (usize, usize, usize)>, from: &str, lang: &str) -> Vec<serde_json::Value> {
        let l = Linker { site, from, lang };
        topic_tree(site)
            .into_iter()
            .map(|(t, depth)| {
                let (in_force, decisions, pages) = counts.get(&t).copied().unwrap_or_default();
                let description = site.config.topics.get(&t).and_then(|x| x.description_in(lang, site.config.default_lang()));
                serde_json::json!({ "topic": l.topic(&t), "depth": depth, "in_force": in_force, "decisions": decisions, "pages": pages, "description": description })
            })
            .collect()
    }

    fn topics(&self, lang: &str) -> Result<Output, RenderError> {
        let (url, mut ctx) = self.start(lang, View::Topics.info().path);
        ctx.insert("topics", &Views::topic_cards(self.site, &self.counts, &url, lang));
        self.render(View::Topics, &url, &ctx)
    }

    /// The committees with authority over a topic, as resolve found them.
    pub fn authority_over(&self, topic: &str) -> Vec<(GroupIdx, Claim)> {
        self.site.register.claims.get(topic).cloned().unwrap_or_default()
    }

    fn topic(&self, lang: &str, topic: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, &format!("{}{topic}/", View::Topic.info().path));
        let l = Linker { site, from: &url, lang };
        let below = topic_and_below(site, topic);
        let decisions: Vec<GroupIdx> = self.coverage.decisions.get(topic).into_iter().flatten().rev().copied().collect();
        self.topic_decisions(&l, &decisions, &below, &mut ctx);
        self.topic_bodies(&l, topic, &below, &mut ctx);
        self.topic_pages(&l, topic, &decisions, &below, &mut ctx);
        let t = site.config.topics.get(topic);
        let parent = t.and_then(|t| t.parent.as_deref()).map(|p| l.topic(p));
        let children: Vec<serde_json::Value> = site
            .config
            .topics
            .list
            .iter()
            .filter(|x| x.parent.as_deref() == Some(topic))
            .map(|x| {
                let (in_force, total, _) = self.topic_counts(&x.id);
                serde_json::json!({ "topic": l.topic(&x.id), "in_force": in_force, "decisions": total })
            })
            .collect();
        ctx.insert("topic", &l.topic(topic));
        ctx.insert("description", &t.and_then(|t| t.description_in(lang, site.config.default_lang())));
        ctx.insert("aliases", &t.map(|t| t.aliases.clone()).unwrap_or_default());
        ctx.insert("parent", &parent);
        ctx.insert("children", &children);
        self.render(View::Topic, &url, &ctx)
    }

    /// A topic's decisions: in force (grouped by the topic itself, then each
    /// sub-topic), history, proposals, follow-ups, possible repeats.
    fn topic_decisions(&self, l: &Linker<'_>, decisions: &[GroupIdx], below: &HashSet<String>, ctx: &mut Context) {
        let lang = l.lang;
        let row = |g: GroupIdx| self.rows.row(lang, g);
        let mut shown: FxHashSet<GroupIdx> = FxHashSet::default();
        let mut in_force = Vec::new();
        for (t, _) in topic_tree(self.site).into_iter().filter(|(t, _)| below.contains(t)) {
            let list: Vec<GroupIdx> = decisions
                .iter()
                .copied()
                .filter(|&g| row(g).in_force && !shown.contains(&g) && row(g).topics.iter().any(|x| x.id == t))
                .collect();
            if !list.is_empty() {
                shown.extend(list.iter().copied());
                in_force.push(serde_json::json!({ "topic": l.topic(&t), "rows": self.rows.html(lang, Form::ItemPlain, list) }));
            }
        }
        let history = self.rows.html(
            lang,
            Form::ItemPlain,
            decisions.iter().copied().filter(|&g| !row(g).in_force && row(g).effective != Effective::Proposed),
        );
        let proposals =
            self.rows.html(lang, Form::ItemPlain, decisions.iter().copied().filter(|&g| row(g).effective == Effective::Proposed));
        let follow_ups: Vec<&Row> =
            decisions.iter().map(|&g| row(g)).filter(|r| r.in_force && ((r.due.is_some() && r.done.is_none()) || r.review_due)).collect();
        let repeats: Vec<&Row> = decisions.iter().map(|&g| row(g)).filter(|r| !r.possible_repeats.is_empty()).collect();
        ctx.insert("in_force", &in_force);
        ctx.insert("history", &history);
        ctx.insert("proposals", &proposals);
        ctx.insert("follow_ups", &follow_ups);
        ctx.insert("repeats", &repeats);
    }

    /// Who holds a topic, and where mandates on it overlap.
    fn topic_bodies(&self, l: &Linker<'_>, topic: &str, below: &HashSet<String>, ctx: &mut Context) {
        let authority: Vec<serde_json::Value> = self
            .authority_over(topic)
            .into_iter()
            .map(|(c, claim)| serde_json::json!({ "committee": l.group(c), "claim": claim }))
            .collect();
        let overlaps: Vec<serde_json::Value> = self
            .site
            .register
            .overlaps
            .iter()
            .filter(|o| below.contains(&o.topic))
            .map(|o| serde_json::json!({ "topic": l.topic(&o.topic), "a": l.group(o.committees[0]), "b": l.group(o.committees[1]) }))
            .collect();
        ctx.insert("authority", &authority);
        ctx.insert("overlaps", &overlaps);
    }

    /// The wiki pages on a topic, and the principles it rests on (those on
    /// the topic, and those its decisions in force cite).
    fn topic_pages(&self, l: &Linker<'_>, topic: &str, decisions: &[GroupIdx], below: &HashSet<String>, ctx: &mut Context) {
        let site = self.site;
        let on = |p: PageIdx| site.pages[p].topics.iter().any(|t| below.contains(t));
        let pages: Vec<Link> = self.coverage.pages.get(topic).into_iter().flatten().map(|&g| l.group(g)).collect();
        let cited: HashSet<GroupIdx> = decisions
            .iter()
            .filter(|g| site.register.records[g].in_force())
            .flat_map(|&g| site.refs[site.main(g)].principles.iter().copied())
            .collect();
        let principles: Vec<Link> =
            site.register.principles.iter().copied().filter(|&p| on(site.main(p)) || cited.contains(&p)).map(|p| l.group(p)).collect();
        ctx.insert("pages", &pages);
        ctx.insert("principles", &principles);
    }

    fn committees(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Committees.info().path);
        let l = Linker { site, from: &url, lang };
        let reg = &site.register;
        let item = |c: GroupIdx| {
            let Kind::Committee(k) = &site.pages[site.main(c)].kind else { return serde_json::Value::Null };
            let parent = site.refs[site.main(c)].parent;
            let overlaps = reg.overlaps.iter().filter(|o| o.committees.contains(&c)).count();
            let decisions = reg.decisions.iter().filter(|&&d| site.refs[site.main(d)].by == Some(c)).count();
            serde_json::json!({
                "committee": l.group(c), "kind": k.kind.as_str(), "parent": parent.map(|p| l.group(p)),
                "topics": l.topics(&site.pages[site.main(c)].topics), "overlaps": overlaps, "decisions": decisions,
                "dissolved": k.dissolved.map(|d| d.to_string()), "meets": k.meets,
                "sovereign": k.kind == CommitteeKind::Assembly,
            })
        };
        // Parents before their sub-committees, so the list reads as a tree.
        let mut ordered = Vec::new();
        fn walk(site: &Site, parent: Option<GroupIdx>, depth: usize, out: &mut Vec<(GroupIdx, usize)>) {
            for &c in &site.register.committees {
                if site.refs[site.main(c)].parent == parent && !out.iter().any(|(x, _)| *x == c) {
                    out.push((c, depth));
                    walk(site, Some(c), depth + 1, out);
                }
            }
        }
        walk(site, None, 0, &mut ordered);
        for &c in &reg.committees {
            if !ordered.iter().any(|(x, _)| *x == c) {
                ordered.push((c, 0));
            }
        }
        let active: Vec<serde_json::Value> =
            ordered.iter().filter(|(c, _)| reg.active.contains(c)).map(|&(c, d)| with_depth(item(c), d)).collect();
        let dissolved: Vec<serde_json::Value> = ordered.iter().filter(|(c, _)| !reg.active.contains(c)).map(|&(c, _)| item(c)).collect();
        ctx.insert("active", &active);
        ctx.insert("dissolved", &dissolved);
        ctx.insert("overlap_count", &reg.overlaps.len());
        ctx.insert("intro", &self.intro("committees", lang));
        self.render(View::Committees, &url, &ctx)
    }

    fn authority(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let reg = &site.register;
        let (url, mut ctx) = self.start(lang, View::Authority.info().path);
        let l = Linker { site, from: &url, lang };
        let columns: Vec<GroupIdx> = reg.committees.iter().copied().filter(|c| reg.active.contains(c)).collect();
        let rows: Vec<serde_json::Value> = topic_tree(site)
            .into_iter()
            .map(|(t, depth)| {
                let holders = self.authority_over(&t);
                let cells: Vec<Option<Claim>> = columns.iter().map(|c| holders.iter().find(|(h, _)| h == c).map(|&(_, claim)| claim)).collect();
                let overlap = reg.overlaps.iter().any(|o| o.topic == t);
                let unowned = reg.unowned.contains(&t);
                let in_force = self.topic_counts(&t).0;
                serde_json::json!({ "topic": l.topic(&t), "depth": depth, "cells": cells, "overlap": overlap, "unowned": unowned, "in_force": in_force })
            })
            .collect();
        let overlaps: Vec<serde_json::Value> = reg
            .overlaps
            .iter()
            .map(|o| serde_json::json!({ "topic": l.topic(&o.topic), "a": l.group(o.committees[0]), "b": l.group(o.committees[1]) }))
            .collect();
        let unowned: Vec<TopicLink> = reg.unowned.iter().map(|t| l.topic(t)).collect();
        let outside = self.rows.html(lang, Form::Item, reg.decisions.iter().rev().copied().filter(|g| reg.records[g].outside_mandate));
        ctx.insert("columns", &columns.iter().map(|&c| l.group(c)).collect::<Vec<_>>());
        ctx.insert("rows", &rows);
        ctx.insert("overlaps", &overlaps);
        ctx.insert("unowned", &unowned);
        ctx.insert("outside", &outside);
        self.render(View::Authority, &url, &ctx)
    }

    fn principles(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let reg = &site.register;
        let (url, mut ctx) = self.start(lang, View::Principles.info().path);
        let l = Linker { site, from: &url, lang };
        let is_current = |p: GroupIdx| reg.principles_current.contains(&p);
        let mut sets: BTreeMap<String, Vec<GroupIdx>> = BTreeMap::new();
        for &p in &reg.principles {
            let set = match &site.pages[site.main(p)].kind {
                Kind::Principle(pr) => pr.set.clone().unwrap_or_default(),
                _ => String::new(),
            };
            sets.entry(set).or_default().push(p);
        }
        let item = |p: GroupIdx| {
            let page = &site.pages[site.version(p, lang)];
            serde_json::json!({ "link": l.group(p), "current": is_current(p), "summary": page.summary,
                "replaced_by": l.groups(reg.principle_superseded_by.get(&p).map_or(&[][..], Vec::as_slice)) })
        };
        let current: Vec<serde_json::Value> = reg.principles.iter().copied().filter(|&p| is_current(p)).map(item).collect();
        let earlier: Vec<serde_json::Value> = sets
            .iter()
            .rev()
            .filter(|(_, ps)| ps.iter().any(|&p| !is_current(p)))
            .map(|(set, ps)| serde_json::json!({ "set": set, "principles": ps.iter().map(|&p| item(p)).collect::<Vec<_>>() }))
            .collect();
        // Crosswalk: every replaced or retired principle and what took its place.
        let crosswalk: Vec<serde_json::Value> = reg
            .principles
            .iter()
            .copied()
            .filter(|&p| !is_current(p))
            .map(|p| serde_json::json!({ "old": l.group(p), "new": l.groups(reg.principle_superseded_by.get(&p).map_or(&[][..], Vec::as_slice)) }))
            .collect();
        ctx.insert("current", &current);
        ctx.insert("earlier", &earlier);
        ctx.insert("crosswalk", &crosswalk);
        ctx.insert("intro", &self.intro("principles", lang));
        self.render(View::Principles, &url, &ctx)
    }

    fn meetings(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Meetings.info().path);
        let l = Linker { site, from: &url, lang };
        let list: Vec<serde_json::Value> = site
            .register
            .meetings
            .iter()
            .rev()
            .map(|&m| {
                let Kind::Meeting(meeting) = &site.pages[site.main(m)].kind else { return serde_json::Value::Null };
                let decisions = self.rows.html(
                    lang,
                    Form::Item,
                    meeting.decisions.iter().filter_map(|id| site.index.group(id)).filter(|g| site.register.records.contains_key(g)),
                );
                let by = site.refs[site.main(m)].by.map(|b| l.group(b));
                serde_json::json!({ "meeting": l.group(m), "by": by, "decisions": decisions })
            })
            .collect();
        ctx.insert("meetings", &list);
        ctx.insert("intro", &self.intro("meetings", lang));
        self.render(View::Meetings, &url, &ctx)
    }

    fn timeline(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Timeline.info().path);
        let mut years: BTreeMap<i32, Vec<GroupIdx>> = BTreeMap::new();
        for &g in &site.register.decisions {
            years.entry(site.register.records[&g].date.year()).or_default().push(g);
        }
        let years: Vec<serde_json::Value> =
            years.into_iter().rev().map(|(y, gs)| serde_json::json!({ "year": y, "rows": self.rows.html(lang, Form::Item, gs) })).collect();
        ctx.insert("years", &years);
        self.render(View::Timeline, &url, &ctx)
    }

    /// The register between two dates (spec 14.2), from the last general
    /// assembly to the build date until the reader picks others.
    fn compare(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Compare.info().path);
        let l = Linker { site, from: &url, lang };
        ctx.insert("compare", &super::compare::context(site, &l));
        ctx.insert("today", &site.today.to_string());
        self.render(View::Compare, &url, &ctx)
    }

    /// Recent changes (spec 14.1), or why there are none.
    fn changes(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::Changes.info().path);
        let days = site.history.as_ref().map(|h| super::history::Files::new(site).recent(h, &url));
        ctx.insert("in_git", &site.history.is_some());
        ctx.insert("days", &days.unwrap_or_default());
        ctx.insert("commits", &site.history.as_ref().map_or(0, |h| h.commits.len()));
        self.render(View::Changes, &url, &ctx)
    }

    /// The search page: the browser does the searching, from `search/`.
    fn search(&self, lang: &str) -> Result<Output, RenderError> {
        let (url, ctx) = self.start(lang, View::Search.info().path);
        self.render(View::Search, &url, &ctx)
    }

    /// The wiki's upkeep: see [`super::health`].
    fn health(&self, lang: &str) -> Result<Output, RenderError> {
        let (url, mut ctx) = self.start(lang, View::Health.info().path);
        let l = Linker { site: self.site, from: &url, lang };
        super::health::insert(&l, &mut ctx);
        self.render(View::Health, &url, &ctx)
    }

    fn follow_up(&self, lang: &str) -> Result<Output, RenderError> {
        let site = self.site;
        let (url, mut ctx) = self.start(lang, View::FollowUp.info().path);
        let rows: Vec<&Row> = site.register.decisions.iter().map(|&g| self.rows.row(lang, g)).collect();
        let mut overdue: Vec<&Row> = rows.iter().copied().filter(|r| r.overdue && r.in_force).collect();
        overdue.sort_by(|a, b| a.due.cmp(&b.due));
        let mut due: Vec<&Row> = rows.iter().copied().filter(|r| !r.overdue && r.in_force && r.due.is_some() && r.done.is_none()).collect();
        due.sort_by(|a, b| a.due.cmp(&b.due));
        let decisions = &site.register.decisions;
        let reviews = self.rows.html(lang, Form::Item, decisions.iter().copied().filter(|&g| self.rows.row(lang, g).review_due));
        let proposals = self.rows.html(
            lang,
            Form::Item,
            decisions.iter().rev().copied().filter(|&g| self.rows.row(lang, g).effective == Effective::Proposed),
        );
        ctx.insert("overdue", &overdue);
        ctx.insert("due", &due);
        ctx.insert("reviews", &reviews);
        ctx.insert("proposals", &proposals);
        ctx.insert("today", &site.today.to_string());
        self.render(View::FollowUp, &url, &ctx)
    }
}

fn with_depth(mut v: serde_json::Value, depth: usize) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("depth".into(), depth.into());
    }
    v
}
