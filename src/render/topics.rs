//! Topics as the views need them: the tree in reading order, and what is
//! filed under each topic or below it.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::resolve::{GroupIdx, Site};

/// The decisions (in register order) and the wiki pages (in group order)
/// filed under each topic or below it, found in one pass over the site.
#[derive(Default)]
pub struct Coverage {
    pub decisions: FxHashMap<String, Vec<GroupIdx>>,
    pub pages: FxHashMap<String, Vec<GroupIdx>>,
}

impl Coverage {
    pub fn new(site: &Site) -> Coverage {
        let topics = &site.config.topics;
        let mut covering: Vec<&str> = Vec::new();
        // A page counts once for each topic it is filed under or below.
        let mut file = |g: GroupIdx, into: &mut FxHashMap<String, Vec<GroupIdx>>| {
            covering.clear();
            for t in &site.pages[site.main(g)].topics {
                covering.extend(topics.ancestors(t));
            }
            covering.sort_unstable();
            covering.dedup();
            for t in &covering {
                into.entry(t.to_string()).or_default().push(g);
            }
        };
        let mut c = Coverage::default();
        for &g in &site.register.decisions {
            file(g, &mut c.decisions);
        }
        for (g, group) in site.index.groups.iter().enumerate() {
            if site.pages[group.main()].is_wiki() {
                file(g, &mut c.pages);
            }
        }
        c
    }

    /// In force, decisions and wiki pages on each topic.
    pub fn counts(&self, site: &Site) -> FxHashMap<String, (usize, usize, usize)> {
        site.config
            .topics
            .list
            .iter()
            .map(|t| {
                let decisions = self.decisions.get(&t.id).map_or(&[][..], Vec::as_slice);
                let in_force = decisions.iter().filter(|g| site.register.records[g].in_force()).count();
                (t.id.clone(), (in_force, decisions.len(), self.pages.get(&t.id).map_or(0, Vec::len)))
            })
            .collect()
    }
}

/// Topic ids in tree order (parents before children), with their depth.
pub fn topic_tree(site: &Site) -> Vec<(String, usize)> {
    let topics = &site.config.topics.list;
    let mut out = Vec::new();
    fn walk(site: &Site, parent: Option<&str>, depth: usize, out: &mut Vec<(String, usize)>) {
        for t in site.config.topics.list.iter().filter(|t| t.parent.as_deref() == parent) {
            if out.iter().any(|(id, _)| id == &t.id) {
                continue;
            }
            out.push((t.id.clone(), depth));
            walk(site, Some(&t.id), depth + 1, out);
        }
    }
    walk(site, None, 0, &mut out);
    // Topics caught in a parent cycle still get listed.
    for t in topics {
        if !out.iter().any(|(id, _)| id == &t.id) {
            out.push((t.id.clone(), 0));
        }
    }
    out
}

/// The topic and every topic below it.
pub fn topic_and_below(site: &Site, topic: &str) -> HashSet<String> {
    site.config.topics.list.iter().filter(|t| site.config.topics.ancestors(&t.id).contains(&topic)).map(|t| t.id.clone()).collect()
}

/// In force, decisions and wiki pages on each topic (sub-topics included).
pub fn topic_counts(site: &Site) -> FxHashMap<String, (usize, usize, usize)> {
    Coverage::new(site).counts(site)
}
