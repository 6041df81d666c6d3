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
use crate::model::{Committee, CommitteeKind, Decision, Kind, Page, Status};

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

/// What the register knows of one decision.
#[derive(Debug, Clone)]
pub struct DecisionState {
    pub group: GroupIdx,
    pub effective: Effective,
    pub superseded_by: Vec<GroupIdx>,
    pub repealed_by: Vec<GroupIdx>,
    pub amended_by: Vec<GroupIdx>,
    /// The end of the supersession chain (itself when not superseded).
    pub current: GroupIdx,
    /// The first day it is no longer in force, if there is one: the date of
    /// the decision that superseded or repealed it, or the day after its
    /// expiry (it applies on its expiry date), whichever comes first. Known
    /// for expiries still to come too, so that point-in-time views are right
    /// for any date.
    pub ended: Option<NaiveDate>,
    pub follow_up_overdue: bool,
    pub review_due: bool,
    pub possible_repeats: Vec<GroupIdx>,
    /// Principles it cites that were retired.
    pub retired_principles: Vec<GroupIdx>,
    pub outside_mandate: bool,
}

impl DecisionState {
    pub fn in_force(&self) -> bool {
        self.effective == Effective::Adopted
    }
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
    pub state: FxHashMap<GroupIdx, DecisionState>,
    /// Committee groups, in id order.
    pub committees: Vec<GroupIdx>,
    /// Per committee: the topics it has authority over.
    pub authority: FxHashMap<GroupIdx, HashSet<String>>,
    pub active: FxHashSet<GroupIdx>,
    pub overlaps: Vec<Overlap>,
    /// Topics no active committee (other than an assembly) holds.
    pub unowned: Vec<String>,
    /// Principle groups, by set then order.
    pub principles: Vec<GroupIdx>,
    /// Per principle: the later principles that replace it.
    pub principle_superseded_by: FxHashMap<GroupIdx, Vec<GroupIdx>>,
    pub meetings: Vec<GroupIdx>,
}

fn decision<'a>(pages: &'a [Page], index: &Index, g: GroupIdx) -> Option<&'a Decision> {
    match &pages[index.groups[g].versions[0]].kind {
        Kind::Decision(d) => Some(d),
        _ => None,
    }
}

fn committee<'a>(pages: &'a [Page], index: &Index, g: GroupIdx) -> Option<&'a Committee> {
    match &pages[index.groups[g].versions[0]].kind {
        Kind::Committee(c) => Some(c),
        _ => None,
    }
}

impl Register {
    pub fn build(pages: &[Page], index: &Index, refs: &[Refs], config: &Config, today: NaiveDate, diags: &mut Vec<Diagnostic>) -> Register {
        let main = |g: GroupIdx| index.groups[g].versions[0];
        let groups_of = |name: &str| -> Vec<GroupIdx> { (0..index.groups.len()).filter(|&g| pages[main(g)].kind.name() == name).collect() };
        let mut reg = Register { committees: groups_of("committee"), ..Register::default() };
        let mut decisions = groups_of("decision");
        decisions.sort_by(|&a, &b| {
            let (da, db) = (decision(pages, index, a).map(|d| d.date), decision(pages, index, b).map(|d| d.date));
            da.cmp(&db).then_with(|| index.groups[a].id.cmp(&index.groups[b].id))
        });
        reg.decisions = decisions;
        reg.committee_authority(pages, index, refs, config, today, diags);
        reg.principle_sets(pages, index, refs);
        reg.decision_states(pages, index, refs, today, diags);
        reg.repeats(pages, index, refs, diags);
        let mut meetings = groups_of("meeting");
        meetings.sort_by_key(|&g| match &pages[main(g)].kind {
            Kind::Meeting(m) => (m.date, index.groups[g].id.clone()),
            _ => (NaiveDate::MIN, index.groups[g].id.clone()),
        });
        reg.meetings = meetings;
        reg
    }

    fn decision_states(&mut self, pages: &[Page], index: &Index, refs: &[Refs], today: NaiveDate, diags: &mut Vec<Diagnostic>) {
        let main = |g: GroupIdx| index.groups[g].versions[0];
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
            let expired = d.expires.is_some_and(|e| e < today);
            let effective = if !sup.is_empty() {
                Effective::Superseded
            } else if !rep.is_empty() {
                Effective::Repealed
            } else if expired {
                Effective::Expired
            } else {
                written(d.status)
            };
            let after_expiry = d.expires.and_then(|e| e.succ_opt());
            let ended = [date_of(&sup), date_of(&rep), after_expiry].into_iter().flatten().min();
            let follow_up_overdue = d.follow_up.as_ref().is_some_and(|f| f.done.is_none() && f.due.is_some_and(|due| due < today));
            let review_due = d.review.is_some_and(|r| r <= today) && effective == Effective::Adopted;
            self.state.insert(
                g,
                DecisionState {
                    group: g,
                    effective,
                    superseded_by: sup,
                    repealed_by: rep,
                    amended_by: amended_by.remove(&g).unwrap_or_default(),
                    current: g,
                    ended,
                    follow_up_overdue,
                    review_due,
                    possible_repeats: Vec::new(),
                    retired_principles: Vec::new(),
                    outside_mandate: false,
                },
            );
        }
        self.chain_ends(pages, index);
        self.mandates(pages, index, refs, diags);
    }

    /// Sets `current` of every decision: follows `superseded_by` to the end,
    /// taking the latest successor at each step. Each walk stops at the first
    /// decision whose end is already known and gives its end to the whole
    /// path, so a chain of any length costs one walk; a cycle (already
    /// reported) ends the walk where it closes.
    fn chain_ends(&mut self, pages: &[Page], index: &Index) {
        let date = |x: GroupIdx| decision(pages, index, x).map(|d| d.date);
        let next: FxHashMap<GroupIdx, GroupIdx> =
            self.state.iter().filter_map(|(&g, s)| s.superseded_by.iter().copied().max_by_key(|&x| (date(x), x)).map(|n| (g, n))).collect();
        let mut end: FxHashMap<GroupIdx, GroupIdx> = FxHashMap::default();
        for &start in &self.decisions {
            let mut path = Vec::new();
            let mut on_path = FxHashSet::default();
            let mut g = start;
            let last = loop {
                if let Some(&known) = end.get(&g) {
                    break known;
                }
                if !on_path.insert(g) {
                    break g;
                }
                path.push(g);
                match next.get(&g) {
                    Some(&n) => g = n,
                    None => break g,
                }
            };
            for g in path {
                end.insert(g, last);
            }
        }
        for (g, last) in end {
            if let Some(s) = self.state.get_mut(&g) {
                s.current = last;
            }
        }
    }

    /// Authority of each committee, overlaps of mandates, unowned topics.
    fn committee_authority(
        &mut self,
        pages: &[Page],
        index: &Index,
        refs: &[Refs],
        config: &Config,
        today: NaiveDate,
        diags: &mut Vec<Diagnostic>,
    ) {
        let main = |g: GroupIdx| index.groups[g].versions[0];
        let parent_of = |g: GroupIdx| refs[main(g)].parent;
        for &c in &self.committees {
            if committee(pages, index, c).is_some_and(|k| k.dissolved.is_none_or(|d| d > today)) {
                self.active.insert(c);
            }
        }
        let all_topics: HashSet<String> = config.topics.list.iter().map(|t| t.id.clone()).collect();
        let with_subtopics = |topic: &str| -> Vec<String> {
            config.topics.list.iter().filter(|t| config.topics.ancestors(&t.id).contains(&topic)).map(|t| t.id.clone()).collect()
        };
        for &c in &self.committees {
            let Some(k) = committee(pages, index, c) else { continue };
            let mut held = HashSet::new();
            if k.kind == CommitteeKind::Assembly {
                held.clone_from(&all_topics);
            } else {
                // Its own mandate and those of its sub-committees, at any depth.
                for &sub in &self.committees {
                    let mut up = Some(sub);
                    let mut steps = 0;
                    while let Some(x) = up {
                        if x == c {
                            for t in committee(pages, index, sub).map(|s| s.topics.as_slice()).unwrap_or_default() {
                                held.extend(with_subtopics(&t.value));
                            }
                            break;
                        }
                        steps += 1;
                        up = if steps > self.committees.len() { None } else { parent_of(x) };
                    }
                }
            }
            self.authority.insert(c, held);
        }
        let is_ancestor = |a: GroupIdx, b: GroupIdx| {
            let mut up = parent_of(b);
            let mut steps = 0;
            while let Some(x) = up {
                if x == a {
                    return true;
                }
                steps += 1;
                if steps > index.groups.len() {
                    break;
                }
                up = parent_of(x);
            }
            false
        };
        // Assemblies hold every topic by right: their claim is not an overlap.
        let claimants: Vec<GroupIdx> = self
            .committees
            .iter()
            .copied()
            .filter(|c| self.active.contains(c) && committee(pages, index, *c).is_some_and(|k| k.kind != CommitteeKind::Assembly))
            .collect();
        let mut by_topic: BTreeMap<&str, Vec<GroupIdx>> = BTreeMap::new();
        for &c in &claimants {
            for t in committee(pages, index, c).map(|k| k.topics.as_slice()).unwrap_or_default() {
                by_topic.entry(t.value.as_str()).or_default().push(c);
            }
        }
        for (topic, cs) in by_topic {
            for (i, &a) in cs.iter().enumerate() {
                for &b in &cs[i + 1..] {
                    if is_ancestor(a, b) || is_ancestor(b, a) {
                        continue;
                    }
                    self.overlaps.push(Overlap { topic: topic.to_string(), committees: [a, b] });
                    let page = &pages[main(b)];
                    let pos = committee(pages, index, b)
                        .and_then(|k| k.topics.iter().find(|t| t.value == topic))
                        .map_or(page.source.pos, |t| t.pos);
                    diags.push(
                        Diagnostic::new(
                            Code::MandateOverlap,
                            &page.source.file,
                            pos,
                            format!("{} and {} both claim the topic `{topic}`", index.groups[a].id.quoted(), index.groups[b].id.quoted()),
                        )
                        .hint("give the topic to one committee, or make one a sub-committee of the other (`parent:`)"),
                    );
                }
            }
        }
        // An assembly holds every topic by right, but claims only those its
        // mandate names: the others are still nobody's day-to-day business.
        let assembly_claims = self
            .committees
            .iter()
            .filter(|c| self.active.contains(c))
            .filter_map(|&c| committee(pages, index, c))
            .filter(|k| k.kind == CommitteeKind::Assembly)
            .flat_map(|k| k.topics.iter().map(|t| &t.value));
        let owned: HashSet<&String> =
            claimants.iter().flat_map(|c| self.authority.get(c).into_iter().flatten()).chain(assembly_claims).collect();
        self.unowned = config.topics.list.iter().map(|t| &t.id).filter(|t| !owned.contains(t)).cloned().collect();
    }

    /// Decisions taken outside the mandate of their committee; principles
    /// cited although retired.
    fn mandates(&mut self, pages: &[Page], index: &Index, refs: &[Refs], diags: &mut Vec<Diagnostic>) {
        let main = |g: GroupIdx| index.groups[g].versions[0];
        for &g in &self.decisions {
            let page = &pages[main(g)];
            let Kind::Decision(d) = &page.kind else { continue };
            let r = &refs[main(g)];
            let retired: Vec<GroupIdx> = r
                .principles
                .iter()
                .copied()
                .filter(|&p| {
                    matches!(&pages[main(p)].kind, Kind::Principle(pr) if pr.retired.is_some())
                        || self.principle_superseded_by.contains_key(&p)
                })
                .collect();
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
            if let Some(s) = self.state.get_mut(&g) {
                s.outside_mandate = outside;
                s.retired_principles = retired;
            }
        }
    }

    fn repeats(&mut self, pages: &[Page], index: &Index, refs: &[Refs], diags: &mut Vec<Diagnostic>) {
        for (g, hits) in super::repeats::find(pages, index, refs, &self.decisions, super::repeats::THRESHOLD) {
            let page = &pages[index.groups[g].versions[0]];
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
            if let Some(s) = self.state.get_mut(&g) {
                s.possible_repeats = hits.into_iter().map(|(e, _)| e).collect();
            }
        }
    }

    fn principle_sets(&mut self, pages: &[Page], index: &Index, refs: &[Refs]) {
        let main = |g: GroupIdx| index.groups[g].versions[0];
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
        self.principles = principles;
    }
}

fn written(status: Status) -> Effective {
    match status {
        Status::Adopted => Effective::Adopted,
        Status::Proposed => Effective::Proposed,
        Status::Rejected => Effective::Rejected,
        Status::Withdrawn => Effective::Withdrawn,
    }
}

/// A decision that supersedes, repeals or amends a later one: a warning,
/// since it is most often a wrong date or a wrong id.
fn check_later(pages: &[Page], index: &Index, g: GroupIdx, d: &Decision, r: &Refs, diags: &mut Vec<Diagnostic>) {
    let page = &pages[index.groups[g].versions[0]];
    let written = [(&d.supersedes, &r.supersedes, "supersedes"), (&d.repeals, &r.repeals, "repeals"), (&d.amends, &r.amends, "amends")];
    for (written_refs, resolved, verb) in written {
        for &t in resolved {
            let Some(other) = decision(pages, index, t) else { continue };
            if other.date > d.date {
                let pos = written_refs
                    .iter()
                    .find(|w| index.reference(pages, &page.source.file, w, "decision").ok() == Some(t))
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
    let main = |g: GroupIdx| index.groups[g].versions[0];
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
                                .find(|w| index.reference(pages, &page.source.file, w, "decision").ok() == Some(t))
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
pub fn in_force_on(reg: &Register, pages: &[Page], index: &Index, date: NaiveDate) -> Vec<GroupIdx> {
    reg.decisions
        .iter()
        .copied()
        .filter(|&g| {
            let Some(d) = decision(pages, index, g) else { return false };
            let s = &reg.state[&g];
            d.status == Status::Adopted && d.date <= date && s.ended.is_none_or(|e| e > date)
        })
        .collect()
}

/// Page index of a group's main version, for callers holding only groups.
pub fn main_page(index: &Index, g: GroupIdx) -> PageIdx {
    index.groups[g].versions[0]
}
