//! Search relevance on real registers: the Python Enhancement Proposals as
//! 736 decisions, the Rust RFCs as 637, the Kubernetes Enhancement
//! Proposals as 650 and the Ethereum Improvement Proposals as 584
//! (tests/registers/*.tar.xz, made by benches/registers/peps.py, rfcs.py,
//! keps.py and eips.py), each with 80 questions of
//! four kinds (tests/registers/*.yaml) fixed before any tuning on them. The
//! scores are printed; a test fails when its register's score falls below
//! what the search reaches today, so that a change that loses answers is
//! seen. The browser's side is `the_registers_in_chromium` in
//! tests/browser.rs.

mod common;

use cahier::search::engine::Filters;

/// The terminal's top 3 for each question of `register`, printed with
/// the misses; fails below the register's scores of `common::REGISTERS`.
fn answers(register: &common::Register) {
    let name = register.name;
    let site = common::register_site(name);
    let compiled = cahier::pipeline::compile(&common::options(site.path(), &site.path().join("public"))).unwrap();
    assert!(!compiled.has_errors(), "the converted register builds");
    assert_eq!(compiled.docs.len(), register.pages, "the decisions and the committees of {name}");
    let (_index, searcher) = common::searcher(&compiled);
    let cases = common::register_questions(name);
    assert_eq!(cases.len(), 80);
    let mut by_kind: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut misses = Vec::new();
    for case in &cases {
        let hits = searcher.search(&case.query, &Filters::default(), 3).unwrap();
        let found = hits.iter().any(|h| h.id == case.expect);
        let entry = by_kind.entry(case.kind.clone()).or_default();
        entry.0 += usize::from(found);
        entry.1 += 1;
        if !found {
            let got: Vec<&String> = hits.iter().map(|h| &h.id).collect();
            misses.push(format!("{} {:?}: expected {}, got {got:?}", case.kind, case.query, case.expect));
        }
    }
    let found: usize = by_kind.values().map(|v| v.0).sum();
    println!("{name}: {found}/80 in the top 3 ({by_kind:?})");
    for m in &misses {
        println!("  miss: {m}");
    }
    let (total, per_kind) = (register.total, register.per_kind);
    assert!(found >= total, "{found}/80 in the top 3, below the {total} reached before; misses:\n{}", misses.join("\n"));
    assert!(by_kind.values().all(|&(n, _)| n >= per_kind), "a kind fell below {per_kind} of 20: {by_kind:?}");
}

// One test per register, so that they run side by side.

#[test]
fn the_peps_register_answers_its_questions() {
    answers(&common::REGISTERS[0]);
}

#[test]
fn the_rfcs_register_answers_its_questions() {
    answers(&common::REGISTERS[1]);
}

#[test]
fn the_keps_register_answers_its_questions() {
    answers(&common::REGISTERS[2]);
}

#[test]
fn the_eips_register_answers_its_questions() {
    answers(&common::REGISTERS[3]);
}
