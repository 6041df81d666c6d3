//! The decision register: what is in force, what replaced what, who holds
//! authority over which topic, and what is overdue (sections 4, 6 and 7).
//!
//! Computed once from the written front matter; nothing here is typed by
//! hand, so that an old decision never has to be edited when a new one
//! replaces it.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::index::{GroupIdx, Index, PageIdx};
use super::refs::Refs;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Committee, CommitteeKind, Decision, Kind, Page, PageType, Status};

/// The computed status of a decision, in the order of precedence of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Effective {
    Adopted,
    Superseded,
    Repealed,
    Expired,
    Proposed,
    Rejected,
    Withdrawn,
}

impl Effective {
    pub fn as_str(self) -> &'static str {
        match self {
            Effective::Adopted => "adopted",
            Effective::Superseded => "superseded",
            Effective::Repealed => "repealed",
            Effective::Expired => "expired",
            Effective::Proposed => "proposed",
            Effective::Rejected => "rejected",
            Effective::Withdrawn => "withdrawn",
        }
    }

    pub const ALL: [Effective; 7] = [
        Effective::Adopted,
        Effective::Superseded,
        Effective::Repealed,
        Effective::Expired,
        Effective::Proposed,
        Effective::Rejected,
        Effective::Withdrawn,
    ];
}

pub use super::record::{DecisionRecord, FollowUp, Owner};

/// How a committee holds authority over a topic.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Claim {
    /// The topic is in its mandate.
    Direct,
    /// Through a sub-topic of its mandate or one of its sub-committees.
    Inherited,
    /// An assembly: the sovereign body holds every topic.
    Sovereign,
}

/// Two active committees that claim one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub topic: String,
    pub committees: [GroupIdx; 2],
}

/// The register of the whole site.
#[derive(Debug, Default)]
pub struct Register {
    /// Decision groups sorted by date then id.
    pub decisions: Vec<GroupIdx>,
    /// One record per decision: see [`DecisionRecord`].
    pub records: FxHashMap<GroupIdx, DecisionRecord>,
    /// Committee groups, in id order.
    pub committees: Vec<GroupIdx>,
    /// Per committee: the topics it has authority over.
    pub authority: FxHashMap<GroupIdx, HashSet<String>>,
    pub active: FxHashSet<GroupIdx>,
    pub overlaps: Vec<Overlap>,
    /// Per topic: the active committees with authority over it, and how
    /// they hold it, in committee order.
    pub claims: BTreeMap<String, Vec<(GroupIdx, Claim)>>,
    /// Topics no active committee (other than an assembly) holds.
    pub unowned: Vec<String>,
    /// Principle groups, by set then order.
    pub principles: Vec<GroupIdx>,
    /// Per principle: the later principles that replace it.
    pub principle_superseded_by: FxHashMap<GroupIdx, Vec<GroupIdx>>,
    /// The principles that apply on the build date: not retired by then (a
    /// `retired:` date still to come leaves it current until that day) and
    /// not replaced by a later principle. The one rule for every output.
    pub principles_current: FxHashSet<GroupIdx>,
    pub meetings: Vec<GroupIdx>,
    /// What the search for possible repeats made of the decisions' texts,
    /// for the next resolve of the same site to reuse.
    pub text_model: Option<std::sync::Arc<super::repeats::TextModel>>,
}

pub(super) fn decision<'a>(pages: &'a [Page], index: &Index, g: GroupIdx) -> Option<&'a Decision> {
    match &pages[index.groups[g].main()].kind {
        Kind::Decision(d) => Some(d),
        _ => None,
    }
}

pub(super) fn committee<'a>(pages: &'a [Page], index: &Index, g: GroupIdx) -> Option<&'a Committee> {
    match &pages[index.groups[g].main()].kind {
        Kind::Committee(c) => Some(c),
        _ => None,
    }
}

impl Register {
    /// The register of the site. `text_model` is what an earlier resolve
    /// of the same site made of the decisions' texts (see [`super::Reuse`]).
    pub fn build(
        pages: &[Page],
        index: &Index,
        refs: &[Refs],
        config: &Config,
        today: NaiveDate,
        text_model: Option<std::sync::Arc<super::repeats::TextModel>>,
        diags: &mut Vec<Diagnostic>,
    ) -> Register {
        let main = |g: GroupIdx| index.groups[g].main();
        let groups_of =
            |t: PageType| -> Vec<GroupIdx> { (0..index.groups.len()).filter(|&g| pages[main(g)].kind.page_type() == t).collect() };
        let mut reg = Register { committees: groups_of(PageType::Committee), ..Register::default() };
        let mut decisions = groups_of(PageType::Decision);
        decisions.sort_by(|&a, &b| {
            let (da, db) = (decision(pages, index, a).map(|d| d.date), decision(pages, index, b).map(|d| d.date));
            da.cmp(&db).then_with(|| index.groups[a].id.cmp(&index.groups[b].id))
        });
        reg.decisions = decisions;
        super::authority::build(&mut reg, pages, index, refs, config, today, diags);
        reg.principle_sets(pages, index, refs, today);
        reg.decision_states(pages, index, refs, today, diags);
        reg.repeats(pages, index, refs, text_model, diags);
        let mut meetings = groups_of(PageType::Meeting);
        meetings.sort_by_key(|&g| match &pages[main(g)].kind {
            Kind::Meeting(m) => (m.date, index.groups[g].id.clone()),
            _ => (NaiveDate::MIN, index.groups[g].id.clone()),
        });
        reg.meetings = meetings;
        reg
    }

    fn decision_states(&mut self, pages: &[Page], index: &Index, refs: &[Refs], today: NaiveDate, diags: &mut Vec<Diagnostic>) {
        let main = |g: GroupIdx| index.groups[g].main();
        let mut superseded_by: HashMap<GroupIdx, Vec<GroupIdx>> = HashMap::new();
        let mut repealed_by: HashMap<GroupIdx, Vec<GroupIdx>> = HashMap::new();
        let mut amended_by: HashMap<GroupIdx, Vec<GroupIdx>> = HashMap::new();
        for &g in &self.decisions {
            let Some(d) = decision(pages, index, g) else { continue };
            let r = &refs[main(g)];
            check_later(pages, index, g, d, r, diags);
            // Only a decision written `adopted` replaces, cancels or changes another.
            if d.status != Status::Adopted {
                continue;
            }
            for &t in &r.supersedes {
                superseded_by.entry(t).or_default().push(g);
            }
            for &t in &r.repeals {
                repealed_by.entry(t).or_default().push(g);
            }
            for &t in &r.amends {
                amended_by.entry(t).or_default().push(g);
            }
        }
        check_cycles(pages, index, refs, &self.decisions, diags);
        for &g in &self.decisions {
            let Some(d) = decision(pages, index, g) else { continue };
            let sup = superseded_by.remove(&g).unwrap_or_default();
            let rep = repealed_by.remove(&g).unwrap_or_default();
            let date_of = |gs: &[GroupIdx]| gs.iter().filter_map(|&x| decision(pages, index, x).map(|d| d.date)).min();
            let owner = d.follow_up.as_ref().and_then(|f| f.owner.as_ref()).map(|o| owner(pages, index, o));
            let Some(mut record) = DecisionRecord::written(g, &pages[main(g)], main(g), &refs[main(g)], owner, today) else { continue };
            let expired = d.expires.is_some_and(|e| e < today);
            if !sup.is_empty() {
                record.effective = Effective::Superseded;
            } else if !rep.is_empty() {
                record.effective = Effective::Repealed;
            } else if expired {
                record.effective = Effective::Expired;
            }
            let after_expiry = d.expires.and_then(|e| e.succ_opt());
            record.ended = [date_of(&sup), date_of(&rep), after_expiry].into_iter().flatten().min();
            record.review_due = d.review.is_some_and(|r| r <= today) && record.in_force();
            record.superseded_by = sup;
            record.repealed_by = rep;
            record.amended_by = amended_by.remove(&g).unwrap_or_default();
            self.records.insert(g, record);
        }
        super::chain::chain_ends(self, pages, index);
        for &g in &self.decisions {
            let window = super::chain::window(self, pages, index, refs, g);
            if let Some(s) = self.records.get_mut(&g) {
                s.chain = window;
            }
        }
        self.mandates(pages, index, refs, diags);
    }

    /// Decisions taken outside the mandate of their committee; principles
    /// cited although retired.
    fn mandates(&mut self, pages: &[Page], index: &Index, refs: &[Refs], diags: &mut Vec<Diagnostic>) {
        let main = |g: GroupIdx| index.groups[g].main();
        for &g in &self.decisions {
            let page = &pages[main(g)];
            let Kind::Decision(d) = &page.kind else { continue };
            let r = &refs[main(g)];
            let retired: Vec<GroupIdx> = r.principles.iter().copied().filter(|p| !self.principles_current.contains(p)).collect();
            let Some(by) = r.by else { continue };
            let outside = match (committee(pages, index, by), self.authority.get(&by)) {
                (Some(k), Some(held)) => {
                    k.kind != CommitteeKind::Assembly && !page.topics.is_empty() && !page.topics.iter().any(|t| held.contains(t))
                }
                _ => false,
            };
            if outside {
                diags.push(
                    Diagnostic::new(
                        Code::OutsideMandate,
                        &page.source.file,
                        d.by.pos,
                        format!("{} has no authority over {}", index.groups[by].id.quoted(), page.topics.join(", ")),
                    )
                    .hint("check which committee holds these topics on the authority map (/authority/)"),
                );
            }
            if let Some(s) = self.records.get_mut(&g) {
                s.outside_mandate = outside;
                s.retired_principles = retired;
            }
        }
    }

    fn repeats(
        &mut self,
        pages: &[Page],
        index: &Index,
        refs: &[Refs],
        previous: Option<std::sync::Arc<super::repeats::TextModel>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let (found, model) = super::repeats::find(pages, index, refs, &self.decisions, super::repeats::THRESHOLD, previous);
        self.text_model = Some(model);
        for (g, hits) in found {
            let page = &pages[index.groups[g].main()];
            for &(earlier, sim) in &hits {
                diags.push(
                    Diagnostic::new(
                        Code::PossibleRepeat,
                        &page.source.file,
                        page.source.pos,
                        format!(
                            "this decision is very similar ({:.0}%) to the earlier `{}`, which it does not reference",
                            sim * 100.0,
                            index.groups[earlier].id
                        ),
                    )
                    .hint(format!(
                        "if it replaces it, add `supersedes: [{}]`; if it builds on it, `amends:` or `related:`",
                        index.groups[earlier].id.short()
                    )),
                );
            }
            if let Some(s) = self.records.get_mut(&g) {
                s.possible_repeats = hits.into_iter().map(|(e, _)| e).collect();
            }
        }
    }

    fn principle_sets(&mut self, pages: &[Page], index: &Index, refs: &[Refs], today: NaiveDate) {
        let main = |g: GroupIdx| index.groups[g].main();
        let mut principles: Vec<GroupIdx> =
            (0..index.groups.len()).filter(|&g| matches!(pages[main(g)].kind, Kind::Principle(_))).collect();
        principles.sort_by_key(|&g| match &pages[main(g)].kind {
            Kind::Principle(p) => (p.set.clone(), p.order, index.groups[g].id.clone()),
            _ => (None, None, index.groups[g].id.clone()),
        });
        for &p in &principles {
            for &old in &refs[main(p)].supersedes {
                self.principle_superseded_by.entry(old).or_default().push(p);
            }
        }
        self.principles_current = principles
            .iter()
            .copied()
            .filter(|p| {
                let retired = matches!(&pages[main(*p)].kind, Kind::Principle(pr) if pr.retired.is_some_and(|r| r <= today));
                !retired && !self.principle_superseded_by.contains_key(p)
            })
            .collect();
        self.principles = principles;
    }
}

fn owner(pages: &[Page], index: &Index, text: &str) -> Owner {
    match index.lookup(pages, text, PageType::Committee) {
        Some(g) => Owner::Committee(g),
        None => Owner::Named(text.to_string()),
    }
}

impl From<Status> for Effective {
    /// The effective status of a decision nothing replaced: as written.
    fn from(status: Status) -> Effective {
        match status {
            Status::Adopted => Effective::Adopted,
            Status::Proposed => Effective::Proposed,
            Status::Rejected => Effective::Rejected,
            Status::Withdrawn => Effective::Withdrawn,
        }
    }
}

/// A decision that supersedes, repeals or amends a later one: a warning,
/// since it is most often a wrong date or a wrong id.
fn check_later(pages: &[Page], index: &Index, g: GroupIdx, d: &Decision, r: &Refs, diags: &mut Vec<Diagnostic>) {
    let page = &pages[index.groups[g].main()];
    let written = [(&d.supersedes, &r.supersedes, "supersedes"), (&d.repeals, &r.repeals, "repeals"), (&d.amends, &r.amends, "amends")];
    for (written_refs, resolved, verb) in written {
        for &t in resolved {
            let Some(other) = decision(pages, index, t) else { continue };
            if other.date > d.date {
                let pos = written_refs
                    .iter()
                    .find(|w| index.lookup(pages, &w.value, PageType::Decision) == Some(t))
                    .map_or(page.source.pos, |w| w.pos);
                diags.push(
                    Diagnostic::new(
                        Code::SupersedesLater,
                        &page.source.file,
                        pos,
                        format!("this decision ({}) {verb} {}, dated later ({})", d.date, index.groups[t].id.quoted(), other.date),
                    )
                    .hint("check both dates, or whether the reference should go the other way"),
                );
            }
        }
    }
}

/// Reports every cycle through `supersedes`, once, at its first decision.
fn check_cycles(pages: &[Page], index: &Index, refs: &[Refs], decisions: &[GroupIdx], diags: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let main = |g: GroupIdx| index.groups[g].main();
    let mut mark: HashMap<GroupIdx, Mark> = decisions.iter().map(|&g| (g, Mark::New)).collect();
    for &start in decisions {
        if mark[&start] != Mark::New {
            continue;
        }
        // Iterative depth-first walk: (node, next edge to follow).
        let mut stack: Vec<(GroupIdx, usize)> = vec![(start, 0)];
        mark.insert(start, Mark::Open);
        while let Some(&mut (g, ref mut next)) = stack.last_mut() {
            let edges = &refs[main(g)].supersedes;
            if *next < edges.len() {
                let t = edges[*next];
                *next += 1;
                match mark.get(&t).copied() {
                    Some(Mark::New) => {
                        mark.insert(t, Mark::Open);
                        stack.push((t, 0));
                    }
                    Some(Mark::Open) => {
                        let from = stack.iter().position(|&(x, _)| x == t).unwrap_or(0);
                        let cycle: Vec<&str> =
                            stack[from..].iter().map(|&(x, _)| index.groups[x].id.as_str()).chain([index.groups[t].id.as_str()]).collect();
                        let page = &pages[main(g)];
                        let pos = match &page.kind {
                            Kind::Decision(d) => d
                                .supersedes
                                .iter()
                                .find(|w| index.lookup(pages, &w.value, PageType::Decision) == Some(t))
                                .map_or(page.source.pos, |w| w.pos),
                            _ => page.source.pos,
                        };
                        let message = if t == g {
                            format!("{} supersedes itself", index.groups[g].id.quoted())
                        } else {
                            format!("supersession cycle: {}", cycle.join(" -> "))
                        };
                        diags.push(
                            Diagnostic::new(Code::SupersedesCycle, &page.source.file, pos, message)
                                .hint("a decision can only supersede earlier decisions; remove one of these references"),
                        );
                    }
                    _ => {}
                }
            } else {
                mark.insert(g, Mark::Done);
                stack.pop();
            }
        }
    }
}

/// The decisions in force on a given date: taken by then, not yet
/// superseded, repealed or expired by then. (The register page does the
/// same in the browser; this is the reference for tests and the CLI.)
pub fn in_force_on(reg: &Register, date: NaiveDate) -> Vec<GroupIdx> {
    reg.decisions
        .iter()
        .copied()
        .filter(|&g| {
            let Some(rec) = reg.records.get(&g) else { return false };
            rec.status == Status::Adopted && rec.date <= date && rec.ended.is_none_or(|e| e > date)
        })
        .collect()
}

/// Page index of a group's main version, for callers holding only groups.
pub fn main_page(index: &Index, g: GroupIdx) -> PageIdx {
    index.groups[g].main()
}
