//! Supersession chains: where each chain ends (the decision in force that
//! replaced a decision, through any number of steps), and the window of the
//! chain a decision page shows.

use rustc_hash::{FxHashMap, FxHashSet};

use super::index::{GroupIdx, Index};
use super::refs::Refs;
use super::register::{decision, Register};
use crate::model::Page;

/// The latest of some decisions by date, the later id (group order) on a
/// tie: the one rule by which a chain is followed, so that the window a page
/// shows runs along the path that led to `current`.
fn latest(candidates: impl Iterator<Item = GroupIdx>, pages: &[Page], index: &Index) -> Option<GroupIdx> {
    candidates.max_by_key(|&x| (decision(pages, index, x).map(|d| d.date), x))
}

/// Sets `current` of every decision: follows `superseded_by` to the end,
/// taking the latest successor at each step. Each walk stops at the first
/// decision whose end is already known and gives its end to the whole
/// path, so a chain of any length costs one walk; a cycle (already
/// reported) ends the walk where it closes.
pub fn chain_ends(reg: &mut Register, pages: &[Page], index: &Index) {
    let next: FxHashMap<GroupIdx, GroupIdx> =
        reg.records.iter().filter_map(|(&g, s)| latest(s.superseded_by.iter().copied(), pages, index).map(|n| (g, n))).collect();
    let mut end: FxHashMap<GroupIdx, GroupIdx> = FxHashMap::default();
    for &start in &reg.decisions {
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
        if let Some(s) = reg.records.get_mut(&g) {
            s.current = last;
        }
    }
}

/// How many decisions the chain shows on each side of the page's own: a
/// chain of ten thousand would otherwise put ten thousand rows on each of
/// its ten thousand pages.
const CHAIN_SIDE: usize = 5;

/// The supersession chain through `g`: up to [`CHAIN_SIDE`] predecessors
/// (oldest first), `g`, up to as many successors, then the decision in force
/// at the end of the chain. `None` stands for decisions left out. Empty
/// when `g` is alone.
pub fn window(reg: &Register, pages: &[Page], index: &Index, refs: &[Refs], g: GroupIdx) -> Vec<Option<GroupIdx>> {
    let main = |x: GroupIdx| index.groups[x].main();
    let mut before: Vec<GroupIdx> = Vec::new();
    let mut x = g;
    while let Some(prev) = latest(refs[main(x)].supersedes.iter().copied().filter(|p| !before.contains(p) && *p != g), pages, index) {
        if before.len() == CHAIN_SIDE {
            before.push(prev);
            break;
        }
        before.push(prev);
        x = prev;
    }
    let mut out: Vec<Option<GroupIdx>> = Vec::with_capacity(2 * CHAIN_SIDE + 4);
    if before.len() > CHAIN_SIDE {
        before.pop();
        out.push(None);
    }
    out.extend(before.into_iter().rev().map(Some));
    out.push(Some(g));
    let shown = |out: &[Option<GroupIdx>], n: GroupIdx| out.contains(&Some(n));
    let mut x = g;
    let mut after = 0;
    while let Some(next) =
        reg.records.get(&x).and_then(|s| latest(s.superseded_by.iter().copied().filter(|&n| !shown(&out, n)), pages, index))
    {
        if after == CHAIN_SIDE {
            let end = reg.records.get(&g).map_or(next, |s| s.current);
            out.push(None);
            if !shown(&out, end) {
                out.push(Some(end));
            }
            break;
        }
        out.push(Some(next));
        after += 1;
        x = next;
    }
    if out.len() == 1 {
        out.clear();
    }
    out
}
