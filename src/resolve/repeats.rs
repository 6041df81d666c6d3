//! Possible repeats: a decision very similar to an earlier one on a shared
//! topic, that does not reference it (a question decided again without
//! knowing it was decided before).
//!
//! Each decision's title, summary and text become a TF-IDF vector over the
//! stems of the shared analysis (`search::analysis`). Similarity is the
//! cosine of two vectors. Not every pair is compared: each decision keeps
//! its most distinctive stems, and only earlier decisions that share one of
//! them and a topic are candidates, found through an inverted index.

use std::collections::{HashMap, HashSet};

use super::index::{GroupIdx, Index};
use super::refs::Refs;
use crate::model::{Kind, Page};
use crate::text::analysis::{stems, Lang};

/// Cosine similarity from which two decisions count as a possible repeat.
/// Tuned on the example site (see `tests/example.rs`): its four known
/// repeats score 0.91 to 0.95, the unreferenced pairs on a shared topic that
/// are not repeats at most 0.29. A rephrased repeat keeps most of its
/// distinctive words, so 0.40 leaves room on both sides.
pub const THRESHOLD: f32 = 0.40;

/// How many of its highest-weighted stems a decision is indexed under.
const KEY_TERMS: usize = 24;
/// How many key stems an earlier decision must share to be scored: a
/// repeat shares most of its distinctive words, so this prunes almost every
/// pair without missing one.
const MIN_SHARED: u32 = 4;
/// How many of the latest decisions indexed under a stem are looked at: a
/// stem shared by thousands of decisions would otherwise make the search
/// quadratic, and a repeat of a recent decision is the one worth catching.
const RECENT_POSTINGS: usize = 256;
/// How many candidates, those sharing the most key stems, are scored.
const MAX_SCORED: usize = 64;
/// How many possible repeats are reported for one decision: the most
/// similar ones; a thousand near-identical decisions should not make half a
/// million warnings.
pub const MAX_REPORTED: usize = 3;

/// A sparse vector: (term, weight) sorted by term, L2-normalised.
type Vector = Vec<(u32, f32)>;

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// For each decision (in date order), the earlier decisions it may repeat,
/// with their similarity (at least `threshold`).
pub fn find(
    pages: &[Page],
    index: &Index,
    refs: &[Refs],
    decisions: &[GroupIdx],
    threshold: f32,
) -> HashMap<GroupIdx, Vec<(GroupIdx, f32)>> {
    let main = |g: GroupIdx| index.groups[g].versions[0];
    let mut terms: HashMap<String, u32> = HashMap::new();
    let mut counts: Vec<HashMap<u32, u32>> = Vec::with_capacity(decisions.len());
    for &g in decisions {
        let page = &pages[main(g)];
        let text = format!("{}\n{}\n{}", page.title, page.summary.as_deref().unwrap_or(""), page.body);
        let mut tf: HashMap<u32, u32> = HashMap::new();
        for s in stems(&text, Lang::from_code(&page.lang)) {
            if s.len() < 2 || s.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let next = terms.len() as u32;
            *tf.entry(*terms.entry(s).or_insert(next)).or_insert(0) += 1;
        }
        counts.push(tf);
    }
    let n = decisions.len() as f32;
    let mut df: HashMap<u32, u32> = HashMap::new();
    for tf in &counts {
        for &t in tf.keys() {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    let vectors: Vec<Vector> = counts
        .iter()
        .map(|tf| {
            let mut v: Vector = tf.iter().map(|(&t, &c)| (t, (1.0 + (c as f32).ln()) * ((1.0 + n) / (1.0 + df[&t] as f32)).ln())).collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v.sort_by_key(|&(t, _)| t);
            v
        })
        .collect();
    let key_terms: Vec<Vec<u32>> = vectors
        .iter()
        .map(|v| {
            let mut by_weight = v.clone();
            by_weight.sort_by(|a, b| b.1.total_cmp(&a.1));
            by_weight.into_iter().take(KEY_TERMS).map(|(t, _)| t).collect()
        })
        .collect();
    let topics: Vec<&[String]> = decisions.iter().map(|&g| pages[main(g)].topics.as_slice()).collect();
    let related = Related::new(pages, index, refs, decisions);
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut found = HashMap::new();
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for (i, &g) in decisions.iter().enumerate() {
        shared.clear();
        for t in &key_terms[i] {
            let list = postings.get(t).map_or(&[][..], Vec::as_slice);
            for &j in &list[list.len().saturating_sub(RECENT_POSTINGS)..] {
                *shared.entry(j).or_insert(0) += 1;
            }
        }
        let need = MIN_SHARED.min(key_terms[i].len() as u32).max(1);
        let on_topic = |j: usize| topics[i].is_empty() || topics[j].is_empty() || topics[j].iter().any(|x| topics[i].contains(x));
        let mut candidates: Vec<(usize, u32)> = shared.iter().filter(|&(&j, &c)| c >= need && on_topic(j)).map(|(&j, &c)| (j, c)).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates.truncate(MAX_SCORED);
        let mut hits: Vec<(GroupIdx, f32)> = candidates
            .into_iter()
            .map(|(j, _)| (decisions[j], cosine(&vectors[i], &vectors[j])))
            .filter(|&(_, sim)| sim >= threshold)
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let hits: Vec<(GroupIdx, f32)> = hits.into_iter().filter(|&(e, _)| !related.reaches(g, e)).take(MAX_REPORTED).collect();
        if !hits.is_empty() {
            found.insert(g, hits);
        }
        for &t in &key_terms[i] {
            postings.entry(t).or_default().push(i);
        }
    }
    found
}

/// The decisions each one references (supersedes, repeals, amends,
/// related): those it reaches, at any depth, are known to it, not repeats.
struct Related {
    refs: HashMap<GroupIdx, Vec<GroupIdx>>,
    /// Connected parts of the reference graph, ignoring direction: two
    /// decisions in different parts never reach each other, which answers
    /// most questions without a walk.
    part: UnionFind,
    slot: HashMap<GroupIdx, usize>,
}

impl Related {
    fn new(pages: &[Page], index: &Index, refs: &[Refs], decisions: &[GroupIdx]) -> Self {
        let slot: HashMap<GroupIdx, usize> = decisions.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        let mut part = UnionFind::new(decisions.len());
        let mut out = HashMap::new();
        for &g in decisions {
            let p = index.groups[g].versions[0];
            if !matches!(pages[p].kind, Kind::Decision(_)) {
                continue;
            }
            let r = &refs[p];
            let targets: Vec<GroupIdx> = r.supersedes.iter().chain(&r.repeals).chain(&r.amends).chain(&r.related).copied().collect();
            for t in &targets {
                if let (Some(&a), Some(&b)) = (slot.get(&g), slot.get(t)) {
                    part.union(a, b);
                }
            }
            out.insert(g, targets);
        }
        Related { refs: out, part, slot }
    }

    /// Whether `from` reaches `to` through references. The walk stops at the
    /// target, so the common case (a direct or near reference) is quick.
    fn reaches(&self, from: GroupIdx, to: GroupIdx) -> bool {
        match (self.slot.get(&from), self.slot.get(&to)) {
            (Some(&a), Some(&b)) if self.part.find(a) != self.part.find(b) => return false,
            _ => {}
        }
        let mut seen = HashSet::new();
        let mut todo = vec![from];
        while let Some(x) = todo.pop() {
            for &y in self.refs.get(&x).map_or(&[][..], Vec::as_slice) {
                if y == to {
                    return true;
                }
                if seen.insert(y) {
                    todo.push(y);
                }
            }
        }
        false
    }
}

/// Disjoint sets with path halving; `find` takes `&self` through cells so
/// that lookups need no mutable borrow.
struct UnionFind {
    parent: Vec<std::cell::Cell<usize>>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).map(std::cell::Cell::new).collect() }
    }

    fn find(&self, mut x: usize) -> usize {
        while self.parent[x].get() != x {
            let grand = self.parent[self.parent[x].get()].get();
            self.parent[x].set(grand);
            x = grand;
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra].set(rb);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnionFind;

    #[test]
    fn union_find_joins_parts() {
        let mut u = UnionFind::new(4);
        u.union(0, 1);
        u.union(2, 3);
        assert_eq!(u.find(0), u.find(1));
        assert_ne!(u.find(1), u.find(2));
        u.union(1, 3);
        assert_eq!(u.find(0), u.find(2));
    }
}
