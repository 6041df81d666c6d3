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
use crate::search::analysis::{stems, Lang};

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
    let mut postings: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut found = HashMap::new();
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for (i, &g) in decisions.iter().enumerate() {
        shared.clear();
        for t in &key_terms[i] {
            for &j in postings.get(t).map_or(&[][..], Vec::as_slice) {
                *shared.entry(j).or_insert(0) += 1;
            }
        }
        let need = MIN_SHARED.min(key_terms[i].len() as u32).max(1);
        let mut hits = Vec::new();
        let mut referenced: Option<HashSet<GroupIdx>> = None;
        for (&j, &count) in &shared {
            if count < need || !topics[j].iter().any(|x| topics[i].contains(x)) {
                continue;
            }
            let sim = cosine(&vectors[i], &vectors[j]);
            if sim < threshold {
                continue;
            }
            if referenced.get_or_insert_with(|| references(g, pages, index, refs)).contains(&decisions[j]) {
                continue;
            }
            hits.push((decisions[j], sim));
        }
        if !hits.is_empty() {
            hits.sort_by(|a, b| b.1.total_cmp(&a.1));
            found.insert(g, hits);
        }
        for &t in &key_terms[i] {
            postings.entry(t).or_default().push(i);
        }
    }
    found
}

/// Every decision `g` reaches through supersedes, repeals, amends and
/// related, at any depth: those are known, not repeats.
fn references(g: GroupIdx, pages: &[Page], index: &Index, refs: &[Refs]) -> HashSet<GroupIdx> {
    let mut seen = HashSet::new();
    let mut todo = vec![g];
    while let Some(x) = todo.pop() {
        let p = index.groups[x].versions[0];
        if !matches!(pages[p].kind, Kind::Decision(_)) {
            continue;
        }
        let r = &refs[p];
        for &y in r.supersedes.iter().chain(&r.repeals).chain(&r.amends).chain(&r.related) {
            if seen.insert(y) {
                todo.push(y);
            }
        }
    }
    seen
}
