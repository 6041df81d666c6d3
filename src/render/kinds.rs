//! The type-specific part of each page's context: what a decision,
//! committee, principle or meeting page shows beyond its text.

use serde::Serialize;

use super::context::{Link, Linker};
use crate::model::{Committee, Kind, Meeting, Page, PlainValue, Principle};
use crate::resolve::register::DecisionRecord;
use crate::resolve::{GroupIdx, PageIdx, Site};

#[derive(Serialize)]
pub struct FollowUpCtx {
    pub owner: Option<super::context::OwnerLink>,
    pub due: Option<String>,
    pub done: Option<String>,
    pub note: Option<String>,
    pub overdue: bool,
}

#[derive(Serialize)]
pub struct DecisionCtx {
    pub date: String,
    pub by: Option<Link>,
    pub meeting: Option<Link>,
    pub status: &'static str,
    pub effective: &'static str,
    pub in_force: bool,
    pub method: Option<&'static str>,
    pub supersedes: Vec<Link>,
    pub superseded_by: Vec<Link>,
    pub repeals: Vec<Link>,
    pub repealed_by: Vec<Link>,
    pub amends: Vec<Link>,
    pub amended_by: Vec<Link>,
    pub related: Vec<Link>,
    pub principles: Vec<Link>,
    pub retired_principles: Vec<Link>,
    /// The decision in force at the end of the chain, when it is another.
    pub current: Option<Link>,
    /// Predecessors (oldest first), this decision, successors; `None` where
    /// decisions are left out of a long chain.
    pub chain: Vec<Option<Link>>,
    pub review: Option<String>,
    pub review_due: bool,
    pub expires: Option<String>,
    pub follow_up: Option<FollowUpCtx>,
    pub inline: bool,
    pub possible_repeats: Vec<Link>,
    pub outside_mandate: bool,
    /// Plain keys, by name: `decision.KEY` in the template.
    #[serde(flatten)]
    pub plain: std::collections::BTreeMap<&'static str, PlainValue>,
}

#[derive(Serialize)]
pub struct OverlapCtx {
    pub topic: super::context::TopicLink,
    pub with: Link,
}

#[derive(Serialize)]
pub struct CommitteeCtx {
    pub kind: &'static str,
    pub parent: Option<Link>,
    pub subcommittees: Vec<Link>,
    pub created: Option<String>,
    pub dissolved: Option<String>,
    pub active: bool,
    pub topics: Vec<super::context::TopicLink>,
    pub authority: Vec<super::context::TopicLink>,
    pub powers: Vec<String>,
    pub escalates: Vec<String>,
    pub escalates_to: Option<Link>,
    pub mandate_adopted_by: Option<Link>,
    pub meets: Option<String>,
    pub members: Vec<String>,
    pub overlaps: Vec<OverlapCtx>,
    /// Decisions it took, in force first, newest first.
    pub decisions: Vec<Link>,
    pub meetings: Vec<Link>,
}

#[derive(Serialize)]
pub struct PrincipleCtx {
    pub set: Option<String>,
    pub order: Option<i64>,
    pub adopted: Option<String>,
    pub adopted_by: Option<Link>,
    pub supersedes: Vec<Link>,
    pub superseded_by: Vec<Link>,
    pub retired: Option<String>,
    pub current: bool,
    pub cited_by: Vec<Link>,
}

#[derive(Serialize)]
pub struct MeetingCtx {
    pub date: String,
    pub by: Option<Link>,
    pub attendees: Vec<String>,
    pub facilitator: Option<String>,
    pub minutes_by: Option<String>,
    pub decisions: Vec<Link>,
}

/// One term of a glossary page, with the pages that use it.
#[derive(Serialize)]
pub struct TermCtx {
    pub term: String,
    pub anchor: String,
    pub aliases: Vec<String>,
    pub definition: String,
    /// Defined in the page's text (which shows it) rather than in `terms:`
    /// (which the template lists).
    pub in_body: bool,
    /// The first [`MAX_TERM_USERS`] pages that use it, by title.
    pub users: Vec<Link>,
    /// How many pages use it in all.
    pub used: usize,
}

/// Pages listed under a term on its glossary: a common term is used by
/// most of a large site, and the list would outweigh the glossary.
pub const MAX_TERM_USERS: usize = 20;

/// The type-specific context of page `p`, as (name, value) for the template.
pub fn kind_context(site: &Site, p: PageIdx, l: &Linker<'_>) -> Option<(&'static str, serde_json::Value)> {
    let page = &site.pages[p];
    let value = match &page.kind {
        // A type with plain keys gives them to its template as `<type>.KEY`.
        Kind::Plain(_) if page.plain.is_empty() => return None,
        Kind::Plain(_) => serde_json::to_value(page.plain.iter().cloned().collect::<std::collections::BTreeMap<_, _>>()),
        Kind::Decision(_) => serde_json::to_value(decision(site, p, l)?),
        Kind::Committee(c) => serde_json::to_value(committee(site, p, c, l)),
        Kind::Principle(pr) => serde_json::to_value(principle(site, p, pr, l)),
        Kind::Meeting(m) => serde_json::to_value(meeting(site, p, m, l)),
        Kind::Glossary(_) => serde_json::to_value(serde_json::json!({ "terms": glossary(site, p, l) })),
    };
    Some((page.kind.name(), value.unwrap_or_default()))
}

/// A decision page: what was written, what the register computed.
fn decision(site: &Site, p: PageIdx, l: &Linker<'_>) -> Option<DecisionCtx> {
    let g = site.group_of(p);
    // A translation typed differently from its main page has no record of
    // its own: it shows what it says.
    let written;
    let rec = match site.register.records.get(&g) {
        Some(rec) => rec,
        None => {
            written = DecisionRecord::written(g, &site.pages[p], p, &site.refs[p], None, site.today)?;
            &written
        }
    };
    let opt = |x: Option<GroupIdx>| x.map(|g| l.group(g));
    Some(DecisionCtx {
        date: rec.date.to_string(),
        by: opt(rec.refs.by),
        meeting: opt(rec.refs.meeting),
        status: rec.status.as_str(),
        effective: rec.effective.as_str(),
        in_force: rec.in_force(),
        method: rec.method.map(|m| m.as_str()),
        supersedes: l.groups(&rec.refs.supersedes),
        superseded_by: l.groups(&rec.superseded_by),
        repeals: l.groups(&rec.refs.repeals),
        repealed_by: l.groups(&rec.repealed_by),
        amends: l.groups(&rec.refs.amends),
        amended_by: l.groups(&rec.amended_by),
        related: l.groups(&rec.refs.related),
        principles: l.groups(&rec.refs.principles),
        retired_principles: l.groups(&rec.retired_principles),
        current: (rec.current != g).then(|| l.group(rec.current)),
        chain: rec.chain.iter().map(|x| x.map(|x| l.group(x))).collect(),
        review: rec.review.map(|x| x.to_string()),
        review_due: rec.review_due,
        expires: rec.expires.map(|x| x.to_string()),
        follow_up: rec.follow_up.as_ref().map(|f| FollowUpCtx {
            owner: f.owner.as_ref().map(|o| l.owner(o)),
            due: f.due.map(|x| x.to_string()),
            done: f.done.map(|x| x.to_string()),
            note: f.note.clone(),
            overdue: f.overdue,
        }),
        inline: rec.inline,
        possible_repeats: l.groups(&rec.possible_repeats),
        outside_mandate: rec.outside_mandate,
        plain: rec.plain.iter().cloned().collect(),
    })
}

/// A committee page: its mandate, authority, overlaps, decisions, meetings.
fn committee(site: &Site, p: PageIdx, c: &Committee, l: &Linker<'_>) -> CommitteeCtx {
    let page = &site.pages[p];
    let g = site.group_of(p);
    let r = &site.refs[p];
    let opt = |x: Option<GroupIdx>| x.map(|g| l.group(g));
    let reg = &site.register;
    let subs: Vec<GroupIdx> = reg.committees.iter().copied().filter(|&x| site.refs[site.main(x)].parent == Some(g)).collect();
    let mut authority: Vec<String> = reg.authority.get(&g).map(|a| a.iter().cloned().collect()).unwrap_or_default();
    authority.sort();
    let overlaps = reg
        .overlaps
        .iter()
        .filter_map(|o| {
            let other = match o.committees {
                [a, b] if a == g => b,
                [a, b] if b == g => a,
                _ => return None,
            };
            Some(OverlapCtx { topic: l.topic(&o.topic), with: l.group(other) })
        })
        .collect();
    let mut decisions: Vec<GroupIdx> = reg.decisions.iter().copied().filter(|&x| site.refs[site.main(x)].by == Some(g)).collect();
    decisions.reverse();
    decisions.sort_by_key(|x| !reg.records.get(x).is_some_and(|s| s.in_force()));
    let meetings: Vec<GroupIdx> = reg.meetings.iter().rev().copied().filter(|&x| site.refs[site.main(x)].by == Some(g)).collect();
    CommitteeCtx {
        kind: c.kind.as_str(),
        parent: opt(r.parent),
        subcommittees: l.groups(&subs),
        created: c.created.map(|x| x.to_string()),
        dissolved: c.dissolved.map(|x| x.to_string()),
        active: reg.active.contains(&g),
        topics: l.topics(&page.topics),
        authority: l.topics(&authority),
        powers: c.powers.clone(),
        escalates: c.escalates.clone(),
        escalates_to: opt(r.escalates_to),
        mandate_adopted_by: opt(r.mandate_adopted_by),
        meets: c.meets.clone(),
        members: c.members.clone(),
        overlaps,
        decisions: l.groups(&decisions),
        meetings: l.groups(&meetings),
    }
}

/// A principle page: its set, whether it is current, what replaced it.
fn principle(site: &Site, p: PageIdx, pr: &Principle, l: &Linker<'_>) -> PrincipleCtx {
    let g = site.group_of(p);
    let r = &site.refs[p];
    let opt = |x: Option<GroupIdx>| x.map(|g| l.group(g));
    let superseded_by = site.register.principle_superseded_by.get(&g).cloned().unwrap_or_default();
    let cited_by: Vec<GroupIdx> =
        site.register.decisions.iter().copied().filter(|&x| site.refs[site.main(x)].principles.contains(&g)).collect();
    PrincipleCtx {
        set: pr.set.clone(),
        order: pr.order,
        adopted: pr.adopted.map(|x| x.to_string()),
        adopted_by: opt(r.adopted_by),
        supersedes: l.groups(&r.supersedes),
        current: site.register.principles_current.contains(&g),
        superseded_by: l.groups(&superseded_by),
        retired: pr.retired.map(|x| x.to_string()),
        cited_by: l.groups(&cited_by),
    }
}

/// Minutes: the meeting and the decisions written in it.
fn meeting(site: &Site, p: PageIdx, m: &Meeting, l: &Linker<'_>) -> MeetingCtx {
    let r = &site.refs[p];
    let opt = |x: Option<GroupIdx>| x.map(|g| l.group(g));
    let decisions = m.decisions.iter().filter_map(|id| site.index.group(id)).map(|x| l.group(x)).collect();
    MeetingCtx {
        date: m.date.to_string(),
        by: opt(r.by),
        attendees: m.attendees.clone(),
        facilitator: m.facilitator.clone(),
        minutes_by: m.minutes_by.clone(),
        decisions,
    }
}

/// A glossary page: its terms, each with where it is used.
fn glossary(site: &Site, p: PageIdx, l: &Linker<'_>) -> Vec<TermCtx> {
    site.glossary
        .defined_on(p)
        .map(|(i, e)| {
            let users = &site.glossary.users[i];
            TermCtx {
                term: e.term.clone(),
                anchor: e.anchor.clone(),
                aliases: e.aliases.clone(),
                definition: e.definition.clone(),
                in_body: e.in_body,
                users: users.iter().take(MAX_TERM_USERS).map(|&u| l.page(u)).collect(),
                used: users.len(),
            }
        })
        .collect()
}

/// The date pages of a kind are sorted by, newest first.
pub fn sort_key(page: &Page) -> (std::cmp::Reverse<Option<chrono::NaiveDate>>, String) {
    (std::cmp::Reverse(page.date()), page.title.to_lowercase())
}
