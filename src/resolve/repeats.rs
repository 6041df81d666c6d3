//! Possible repeats: a decision very similar to an earlier one on a shared
//! topic (or where either has no topic), that does not reference it (a
//! question decided again without knowing it was decided before).
//!
//! Each decision's title, summary and text become a TF-IDF vector over the
//! stems of the shared analysis (`search::analysis`). Similarity is the
//! cosine of two vectors. Not every pair is compared: each decision keeps
//! its most distinctive stems, and only earlier decisions that share enough
//! of them are candidates, found through an inverted index; of those, the
//! ones on another topic are left out. A decision without topics (most of
//! those `cahier import log` writes) is compared with every candidate, and
//! every decision with it: the candidate bounds stay the same, so the cost
//! does too.

use std::collections::{HashMap, HashSet};

use super::index::{GroupIdx, Index};
use super::refs::Refs;
use crate::model::{Kind, Page};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::analysis::{words, Lang, Vocabulary, VocabularyCache};

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

/// What [`find`] makes of the decisions' texts: their TF-IDF vectors, key
/// stems and the index of key stems. It depends on the texts alone (title,
/// summary, body and language, in date order), not on topics or
/// references: an edit of a decision's front matter in `serve` reuses it
/// instead of analysing every decision again.
pub struct TextModel {
    /// A hash of each decision's text, in date order: the model fits the
    /// decisions whose texts hash the same.
    texts: Vec<u64>,
    vectors: Vec<Vector>,
    /// Per decision, the earlier ones worth scoring against it before
    /// topics are looked at: see [`KeyTermIndex::candidates`].
    candidates: Vec<Vec<usize>>,
    /// The similarity of each candidate, computed the first time a search
    /// scores it: the next search, after an edit of front matter, scores
    /// the same pairs, and cosines were most of its time.
    similarities: Vec<Vec<std::sync::OnceLock<f32>>>,
}

impl std::fmt::Debug for TextModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TextModel({} decisions)", self.texts.len())
    }
}

/// What a decision's repeats are found from.
fn text_of(page: &Page) -> String {
    format!("{}\n{}\n{}", page.title, page.summary.as_deref().unwrap_or(""), page.body)
}

fn hash_of(page: &Page) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&page.lang, &page.title, &page.summary, &page.body).hash(&mut h);
    h.finish()
}

impl TextModel {
    fn new(main_pages: &[&Page], texts: Vec<u64>) -> TextModel {
        let vectors = tf_idf_vectors(&stem_counts(main_pages));
        let key_terms: Vec<Vec<u32>> = vectors.iter().map(key_terms).collect();
        let postings = KeyTermIndex::new(&key_terms);
        let candidates: Vec<Vec<usize>> = (0..key_terms.len())
            .into_par_iter()
            .map_init(Scratch::default, |scratch, i| postings.candidates(i, &key_terms[i], scratch))
            .collect();
        let similarities = candidates.iter().map(|c| c.iter().map(|_| std::sync::OnceLock::new()).collect()).collect();
        TextModel { texts, vectors, candidates, similarities }
    }
}

/// Per decision, the earlier decisions it may repeat, with their similarity.
pub type Repeats = HashMap<GroupIdx, Vec<(GroupIdx, f32)>>;

/// For each decision (in date order), the earlier decisions it may repeat,
/// with their similarity (at least `threshold`), and the model of their
/// texts, which `previous` lends when the texts are the same.
pub fn find(
    pages: &[Page],
    index: &Index,
    refs: &[Refs],
    decisions: &[GroupIdx],
    threshold: f32,
    previous: Option<std::sync::Arc<TextModel>>,
) -> (Repeats, std::sync::Arc<TextModel>) {
    let main_pages: Vec<&Page> = decisions.iter().map(|&g| &pages[index.groups[g].main()]).collect();
    let texts: Vec<u64> = main_pages.par_iter().map(|page| hash_of(page)).collect();
    let model = match previous {
        Some(model) if model.texts == texts => model,
        _ => std::sync::Arc::new(TextModel::new(&main_pages, texts)),
    };
    let TextModel { vectors, candidates, similarities, .. } = &*model;
    let topics: Vec<&[String]> = main_pages.iter().map(|page| page.topics.as_slice()).collect();
    let related = Related::new(pages, index, refs, decisions);
    // Each decision looks only at earlier ones, through the whole index cut
    // at its own place: the decisions are independent of one another and
    // scored in parallel.
    let found = (0..decisions.len())
        .into_par_iter()
        .map(|i| {
            let g = decisions[i];
            let on_topic = |j: usize| topics[i].is_empty() || topics[j].is_empty() || topics[j].iter().any(|x| topics[i].contains(x));
            let mut hits: Vec<(GroupIdx, f32)> = candidates[i]
                .iter()
                .zip(&similarities[i])
                .filter(|&(&j, _)| on_topic(j))
                .take(MAX_SCORED)
                .map(|(&j, sim)| (decisions[j], *sim.get_or_init(|| cosine(&vectors[i], &vectors[j]))))
                .filter(|&(_, sim)| sim >= threshold)
                .collect();
            hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let hits: Vec<(GroupIdx, f32)> = hits.into_iter().filter(|&(e, _)| !related.reaches(g, e)).take(MAX_REPORTED).collect();
            (g, hits)
        })
        .filter(|(_, hits)| !hits.is_empty())
        .collect();
    (found, model)
}

/// How often each stem occurs in each decision's title, summary and text,
/// stems numbered in the order first met. Numbers and one-letter stems say
/// nothing of what was decided.
///
/// The texts are analysed in parallel, each into its distinct stems in the
/// order first met; numbering them in decision order then gives the
/// numbers a single pass over every text would.
fn stem_counts(main_pages: &[&Page]) -> Vec<FxHashMap<u32, u32>> {
    let vocabulary = Vocabulary::default();
    let texts: Vec<String> = main_pages.par_iter().map(|page| text_of(page)).collect();
    let per_text: Vec<Vec<(u32, u32)>> = main_pages
        .par_iter()
        .zip(&texts)
        .map_init(VocabularyCache::default, |cache, (page, text)| {
            let lang = Lang::from_code(&page.lang);
            let mut first_met: Vec<(u32, u32)> = Vec::new();
            let mut at: FxHashMap<u32, usize> = FxHashMap::default();
            for (_, word) in words(text) {
                let Some(ids) = vocabulary.word(cache, word, lang) else { continue };
                let i = *at.entry(ids.stem).or_insert_with(|| {
                    first_met.push((ids.stem, 0));
                    first_met.len() - 1
                });
                first_met[i].1 += 1;
            }
            first_met
        })
        .collect();
    let (strings, _, _) = vocabulary.into_parts();
    let meaningful = |s: &str| s.len() >= 2 && !s.chars().all(|c| c.is_ascii_digit());
    let mut numbers: FxHashMap<u32, u32> = FxHashMap::default();
    per_text
        .into_iter()
        .map(|stems| {
            stems
                .into_iter()
                .filter(|&(stem, _)| meaningful(&strings[stem as usize]))
                .map(|(stem, count)| {
                    let next = numbers.len() as u32;
                    (*numbers.entry(stem).or_insert(next), count)
                })
                .collect()
        })
        .collect()
}

/// The TF-IDF vector of each decision (log term frequency, smoothed IDF).
fn tf_idf_vectors(counts: &[FxHashMap<u32, u32>]) -> Vec<Vector> {
    let n = counts.len() as f32;
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for tf in counts {
        for &t in tf.keys() {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    counts
        .iter()
        .map(|tf| {
            let mut v: Vector = tf.iter().map(|(&t, &c)| (t, (1.0 + (c as f32).ln()) * ((1.0 + n) / (1.0 + df[&t] as f32)).ln())).collect();
            // Sorted before the norm is summed, so that the sum (and the
            // similarities) do not depend on the order of a hash map.
            v.sort_by_key(|&(t, _)| t);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(f32::EPSILON);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v
        })
        .collect()
}

/// The `KEY_TERMS` stems of highest weight in a vector.
fn key_terms(v: &Vector) -> Vec<u32> {
    let mut by_weight = v.clone();
    by_weight.sort_by(|a, b| b.1.total_cmp(&a.1));
    by_weight.into_iter().take(KEY_TERMS).map(|(t, _)| t).collect()
}

/// Every decision by its key stems (an inverted index), each list in
/// decision order.
struct KeyTermIndex {
    postings: FxHashMap<u32, Vec<usize>>,
}

/// Per earlier decision, how many key stems it shares with the one looked
/// up: a dense counter, cleared through `touched`, kept per thread so that
/// each lookup reuses its memory.
#[derive(Default)]
struct Scratch {
    shared: Vec<u32>,
    touched: Vec<usize>,
}

impl KeyTermIndex {
    fn new(key_terms: &[Vec<u32>]) -> KeyTermIndex {
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, terms) in key_terms.iter().enumerate() {
            for &t in terms {
                postings.entry(t).or_default().push(i);
            }
        }
        KeyTermIndex { postings }
    }

    /// The decisions before decision `i` worth scoring against it: among
    /// the `RECENT_POSTINGS` latest before it under each of its key stems,
    /// those that share `MIN_SHARED` of them (or all, when it has fewer),
    /// those sharing the most first. Of these,
    /// [`find`] scores the first `MAX_SCORED` on a topic of the decision.
    fn candidates(&self, i: usize, key_terms: &[u32], scratch: &mut Scratch) -> Vec<usize> {
        let Scratch { shared, touched } = scratch;
        for &j in touched.iter() {
            shared[j] = 0;
        }
        touched.clear();
        for t in key_terms {
            let list = self.postings.get(t).map_or(&[][..], Vec::as_slice);
            let before = list.partition_point(|&j| j < i);
            for &j in &list[before.saturating_sub(RECENT_POSTINGS)..before] {
                if j >= shared.len() {
                    shared.resize(j + 1, 0);
                }
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        let need = MIN_SHARED.min(key_terms.len() as u32).max(1);
        let mut candidates: Vec<(usize, u32)> = touched.iter().map(|&j| (j, shared[j])).filter(|&(_, c)| c >= need).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates.into_iter().map(|(j, _)| j).collect()
    }
}

/// The decisions each one references (supersedes, repeals, amends,
/// related): those it reaches, at any depth, are known to it, not repeats.
struct Related {
    refs: HashMap<GroupIdx, Vec<GroupIdx>>,
    /// Connected parts of the reference graph, ignoring direction: two
    /// decisions in different parts never reach each other, which answers
    /// most questions without a walk.
    part: Vec<usize>,
    slot: HashMap<GroupIdx, usize>,
}

impl Related {
    fn new(pages: &[Page], index: &Index, refs: &[Refs], decisions: &[GroupIdx]) -> Self {
        let slot: HashMap<GroupIdx, usize> = decisions.iter().enumerate().map(|(i, &g)| (g, i)).collect();
        let mut part = UnionFind::new(decisions.len());
        let mut out = HashMap::new();
        for &g in decisions {
            let p = index.groups[g].main();
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
        // Each decision's part, found once: lookups then run on any thread.
        let part = (0..decisions.len()).map(|i| part.find(i)).collect();
        Related { refs: out, part, slot }
    }

    /// Whether `from` reaches `to` through references. The walk stops at the
    /// target, so the common case (a direct or near reference) is quick.
    fn reaches(&self, from: GroupIdx, to: GroupIdx) -> bool {
        match (self.slot.get(&from), self.slot.get(&to)) {
            (Some(&a), Some(&b)) if self.part[a] != self.part[b] => return false,
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
