//! The built-in example site (`content/` at the repository root) is real
//! content and the showcase: it builds without errors, and its known
//! repeats are found, and only them.

mod common;

use std::path::Path;

use cahier::id::Id;
use cahier::pipeline;
use cahier::resolve::repeats;

fn example() -> cahier::pipeline::Compiled {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    pipeline::compile(&common::options(root, &root.join("public"))).expect("the example site compiles")
}

#[derive(serde::Deserialize)]
struct Pair {
    later: String,
    earlier: String,
}

#[derive(serde::Deserialize)]
struct Known {
    repeats: Vec<Pair>,
    not_repeats: Vec<Pair>,
}

#[test]
fn example_site_has_no_errors() {
    let c = example();
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let site = c.site.unwrap();
    assert!(site.register.decisions.len() >= 60, "at least 60 decisions");
    assert_eq!(site.register.committees.len(), 8);
    assert_eq!(site.register.principles.len(), 11);
    assert!(site.register.meetings.len() >= 12);
    assert!(site.config.topics.list.len() >= 15);
}

#[test]
fn known_repeats_are_found_and_false_positives_are_not() {
    let known: Known =
        serde_yaml::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/known-repeats.yaml")).unwrap())
            .unwrap();
    let site = example().site.unwrap();
    let g = |id: &str| site.index.group(&Id::parse(id).unwrap()).unwrap_or_else(|| panic!("{id}"));
    let found: Vec<(String, String)> = site
        .register
        .decisions
        .iter()
        .flat_map(|&d| site.register.records[&d].possible_repeats.iter().map(move |&e| (d, e)))
        .map(|(d, e)| (site.index.groups[d].id.to_string(), site.index.groups[e].id.to_string()))
        .collect();
    for p in &known.repeats {
        assert!(found.contains(&(p.later.clone(), p.earlier.clone())), "missed {} ~ {}", p.later, p.earlier);
    }
    for p in &known.not_repeats {
        assert!(!found.contains(&(p.later.clone(), p.earlier.clone())), "false positive {} ~ {}", p.later, p.earlier);
        g(&p.later);
    }
    assert_eq!(found.len(), known.repeats.len(), "precision: every reported repeat is a known one: {found:#?}");
    // The margin the threshold sits in: all candidate pairs, scored.
    let all = repeats::find(&site.pages, &site.index, &site.refs, &site.register.decisions, 0.0);
    let true_pairs: Vec<(usize, usize)> = known.repeats.iter().map(|p| (g(&p.later), g(&p.earlier))).collect();
    let (mut lowest_true, mut highest_false) = (1.0f32, 0.0f32);
    for (d, hits) in &all {
        for &(e, sim) in hits {
            if true_pairs.contains(&(*d, e)) {
                lowest_true = lowest_true.min(sim);
            } else {
                highest_false = highest_false.max(sim);
            }
        }
    }
    println!("repeats: lowest true {lowest_true:.2}, highest other {highest_false:.2}, threshold {}", repeats::THRESHOLD);
    assert!(highest_false < repeats::THRESHOLD && repeats::THRESHOLD <= lowest_true);
}
