//! Search relevance on a real register: the Python Enhancement Proposals
//! as 736 decisions (tests/registers/peps.tar.xz, made by
//! benches/registers/peps.py), with 80 questions of four kinds
//! (tests/registers/peps.yaml) fixed before any tuning. The score is
//! printed; the test fails when it falls below what the search reaches
//! today, so that a change that loses answers is seen. The browser's side
//! is `the_peps_register_in_chromium` in tests/browser.rs.

mod common;

use cahier::search::engine::Filters;

/// The terminal's top 3 for each question, by kind.
#[test]
fn the_peps_register_answers_its_questions() {
    let site = common::peps_site();
    let compiled = cahier::pipeline::compile(&common::options(site.path(), &site.path().join("public"))).unwrap();
    assert!(!compiled.has_errors(), "the converted register builds");
    assert_eq!(compiled.docs.len(), 738, "736 decisions and 2 committees");
    let (_index, searcher) = common::searcher(&compiled);
    let cases = common::peps_questions();
    assert_eq!(cases.len(), 80);
    let mut by_kind: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut misses = Vec::new();
    for case in &cases {
        let hits = searcher.search(&case.query, &Filters::default(), 3).unwrap();
        let found = hits.iter().any(|h| h.id == case.expect);
        let entry = by_kind.entry(case.kind.as_str()).or_default();
        entry.0 += usize::from(found);
        entry.1 += 1;
        if !found {
            misses.push(format!(
                "{} {:?}: expected {}, got {:?}",
                case.kind,
                case.query,
                case.expect,
                hits.iter().map(|h| &h.id).collect::<Vec<_>>()
            ));
        }
    }
    let found: usize = by_kind.values().map(|v| v.0).sum();
    println!("peps: {found}/80 in the top 3 ({by_kind:?})");
    for m in &misses {
        println!("  miss: {m}");
    }
    // What the terminal reaches today (README, "Search relevance"); the
    // issue's target is 76, with no kind below 18.
    assert!(found >= 74, "{found}/80 in the top 3, below the 74 reached before; misses:\n{}", misses.join("\n"));
    assert!(by_kind.values().all(|&(n, _)| n >= 18), "a kind fell below 18 of 20: {by_kind:?}");
}
