//! Authority (section 6): which committees hold which topics, and how;
//! where active mandates overlap; which topics nobody holds.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::index::{GroupIdx, Index};
use super::refs::Refs;
use super::register::{committee, Claim, Overlap, Register};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{CommitteeKind, Page};

/// Fills the authority part of the register: active committees, the topics
/// each holds, overlaps (reported), unowned topics, and the claims per topic.
pub fn build(
    reg: &mut Register,
    pages: &[Page],
    index: &Index,
    refs: &[Refs],
    config: &Config,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) {
    for &c in &reg.committees {
        if committee(pages, index, c).is_some_and(|k| k.dissolved.is_none_or(|d| d > today)) {
            reg.active.insert(c);
        }
    }
    held_topics(reg, pages, index, refs, config);
    overlaps(reg, pages, index, refs, diags);
    unowned(reg, pages, index, config);
    claims(reg, pages, index, config);
}

/// The parent of a committee, as resolved.
fn parent_of(index: &Index, refs: &[Refs], g: GroupIdx) -> Option<GroupIdx> {
    refs[index.groups[g].main()].parent
}

/// Whether `a` is an ancestor of `b` (a bounded walk: a cycle of parents
/// is not an infinite loop).
fn is_ancestor(index: &Index, refs: &[Refs], a: GroupIdx, b: GroupIdx) -> bool {
    let mut up = parent_of(index, refs, b);
    for _ in 0..=index.groups.len() {
        match up {
            Some(x) if x == a => return true,
            Some(x) => up = parent_of(index, refs, x),
            None => return false,
        }
    }
    false
}

/// The topics each committee holds: an assembly every topic; another
/// committee its mandate and its sub-committees' mandates, sub-topics
/// included.
fn held_topics(reg: &mut Register, pages: &[Page], index: &Index, refs: &[Refs], config: &Config) {
    let all_topics: HashSet<String> = config.topics.list.iter().map(|t| t.id.clone()).collect();
    let with_subtopics = |topic: &str| -> Vec<String> {
        config.topics.list.iter().filter(|t| config.topics.ancestors(&t.id).contains(&topic)).map(|t| t.id.clone()).collect()
    };
    for &c in &reg.committees {
        let Some(k) = committee(pages, index, c) else { continue };
        let mut held = HashSet::new();
        if k.kind == CommitteeKind::Assembly {
            held.clone_from(&all_topics);
        } else {
            for &sub in reg.committees.iter().filter(|&&sub| sub == c || is_ancestor(index, refs, c, sub)) {
                for t in committee(pages, index, sub).map(|s| s.topics.as_slice()).unwrap_or_default() {
                    held.extend(with_subtopics(&t.value));
                }
            }
        }
        reg.authority.insert(c, held);
    }
}

/// Active committees other than assemblies: assemblies hold every topic by
/// right, so their claims are never an overlap.
fn claimants(reg: &Register, pages: &[Page], index: &Index) -> Vec<GroupIdx> {
    reg.committees
        .iter()
        .copied()
        .filter(|c| reg.active.contains(c) && committee(pages, index, *c).is_some_and(|k| k.kind != CommitteeKind::Assembly))
        .collect()
}

/// Two active committees, neither an ancestor of the other, whose mandates
/// name one topic.
fn overlaps(reg: &mut Register, pages: &[Page], index: &Index, refs: &[Refs], diags: &mut Vec<Diagnostic>) {
    let mut by_topic: BTreeMap<&str, Vec<GroupIdx>> = BTreeMap::new();
    for c in claimants(reg, pages, index) {
        for t in committee(pages, index, c).map(|k| k.topics.as_slice()).unwrap_or_default() {
            by_topic.entry(t.value.as_str()).or_default().push(c);
        }
    }
    for (topic, cs) in by_topic {
        for (i, &a) in cs.iter().enumerate() {
            for &b in &cs[i + 1..] {
                if is_ancestor(index, refs, a, b) || is_ancestor(index, refs, b, a) {
                    continue;
                }
                reg.overlaps.push(Overlap { topic: topic.to_string(), committees: [a, b] });
                let page = &pages[index.groups[b].main()];
                let pos =
                    committee(pages, index, b).and_then(|k| k.topics.iter().find(|t| t.value == topic)).map_or(page.source.pos, |t| t.pos);
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
}

/// Topics no active committee claims. An assembly holds every topic by
/// right, but claims only those its mandate names: the others are still
/// nobody's day-to-day business.
fn unowned(reg: &mut Register, pages: &[Page], index: &Index, config: &Config) {
    let assembly_claims = reg
        .committees
        .iter()
        .filter(|c| reg.active.contains(c))
        .filter_map(|&c| committee(pages, index, c))
        .filter(|k| k.kind == CommitteeKind::Assembly)
        .flat_map(|k| k.topics.iter().map(|t| t.value.clone()));
    let owned: HashSet<String> = claimants(reg, pages, index)
        .iter()
        .flat_map(|c| reg.authority.get(c).into_iter().flatten().cloned())
        .chain(assembly_claims)
        .collect();
    reg.unowned = config.topics.list.iter().map(|t| &t.id).filter(|t| !owned.contains(*t)).cloned().collect();
}

/// Per topic, the active committees holding it and how: named in the
/// mandate, sovereign (an assembly), or inherited (a sub-topic, a
/// sub-committee).
fn claims(reg: &mut Register, pages: &[Page], index: &Index, config: &Config) {
    for t in &config.topics.list {
        let topic = t.id.as_str();
        let holders: Vec<(GroupIdx, Claim)> = reg
            .committees
            .iter()
            .copied()
            .filter(|c| reg.active.contains(c) && reg.authority.get(c).is_some_and(|a| a.contains(topic)))
            .map(|c| {
                let claim = match committee(pages, index, c) {
                    Some(k) if k.topics.iter().any(|t| t.value == topic) => Claim::Direct,
                    Some(k) if k.kind == CommitteeKind::Assembly => Claim::Sovereign,
                    _ => Claim::Inherited,
                };
                (c, claim)
            })
            .collect();
        reg.claims.insert(topic.to_string(), holders);
    }
}
