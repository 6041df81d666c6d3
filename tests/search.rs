//! Search from the terminal's side: the tantivy index built from the
//! example site answers realistic questions, filters narrow results, and
//! the shared analysis meets the golden list.

mod common;

use std::path::Path;

use cahier::search::document;
use cahier::search::engine::{self, Filters, Searcher};
use cahier::text::analysis;

#[derive(serde::Deserialize)]
struct Case {
    query: String,
    expect: String,
}

fn example_index() -> (tempfile::TempDir, Searcher) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled = cahier::pipeline::compile(&common::options(root, &root.join("public"))).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let stats = engine::refresh_at(tmp.path(), &compiled.docs).unwrap();
    assert_eq!(stats.added, compiled.docs.len());
    let searcher = Searcher::open_at(tmp.path()).unwrap();
    (tmp, searcher)
}

#[test]
fn relevance_on_realistic_questions() {
    let cases: Vec<Case> =
        serde_yaml::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance.yaml")).unwrap())
            .unwrap();
    assert!(cases.len() >= 20);
    let (_tmp, searcher) = example_index();
    let mut misses = Vec::new();
    for case in &cases {
        let hits = searcher.search(&case.query, &Filters::default(), 3).unwrap();
        if !hits.iter().any(|h| h.id == case.expect) {
            misses.push(format!("{:?}: expected {}, got {:?}", case.query, case.expect, hits.iter().map(|h| &h.id).collect::<Vec<_>>()));
        }
    }
    let found = cases.len() - misses.len();
    println!("relevance: {found}/{} in the top 3", cases.len());
    assert!(found * 10 >= cases.len() * 9, "{found}/{} in the top 3; misses:\n{}", cases.len(), misses.join("\n"));
}

/// A word no page holds stands for the words one edit away from it
/// (`search::typo`); a word a page holds, or one too short, is left as
/// typed.
#[test]
fn a_mistyped_word_finds_the_word_it_stands_for() {
    let (_tmp, s) = example_index();
    let exact: Vec<String> = s.search("horaire", &Filters::default(), 5).unwrap().into_iter().map(|h| h.id).collect();
    let mistyped: Vec<String> = s.search("horiare", &Filters::default(), 5).unwrap().into_iter().map(|h| h.id).collect();
    assert!(!exact.is_empty());
    assert_eq!(mistyped, exact, "swapped letters");
    assert_eq!(s.search("horairre", &Filters::default(), 5).unwrap().len(), exact.len(), "a letter added");
    let hit = &s.search("taux horiare", &Filters::default(), 1).unwrap()[0];
    assert!(hit.title.to_lowercase().contains("taux horaire"), "with another word: {}", hit.title);
    assert!(hit.snippet.to_lowercase().contains("<b>horaire"), "the word it stands for is highlighted: {}", hit.snippet);
    assert!(s.search("txux", &Filters::default(), 5).unwrap().is_empty(), "four letters are left as typed");
    let mistakes = |q: &str| s.answer(q, &Filters::default(), 3).unwrap().mistakes;
    assert_eq!(mistakes("taux horiare"), vec![("horiare".to_string(), vec!["horaire".to_string()])], "what the terminal tells");
    assert!(mistakes("taux horaire").is_empty());
}

/// An index left by another version of cahier is not read with this
/// version's fields (they would be other fields): opening it fails, and
/// the next refresh makes it again.
#[test]
fn an_index_of_another_version_is_made_again() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled = cahier::pipeline::compile(&common::options(root, &root.join("public"))).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    engine::refresh_at(tmp.path(), &compiled.docs).unwrap();
    let manifest = tmp.path().join("manifest.json");
    let mut m: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap();
    m["schema"] = serde_json::json!(1);
    std::fs::write(&manifest, m.to_string()).unwrap();
    assert!(Searcher::open_at(tmp.path()).is_err(), "an old index is not read");
    let stats = engine::refresh_at(tmp.path(), &compiled.docs).unwrap();
    assert_eq!(stats.added, compiled.docs.len(), "made again whole");
    assert!(!Searcher::open_at(tmp.path()).unwrap().search("taux", &Filters::default(), 3).unwrap().is_empty());
}

#[test]
fn filters_and_query_syntax() {
    let (_tmp, s) = example_index();
    let in_force = Filters { status: Some("in-force".into()), kind: Some("decision".into()), ..Filters::default() };
    let hits = s.search("embauche", &in_force, 50).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.status.as_deref() == Some("adopted") && h.kind == "decision"));
    let topic = Filters { topics: vec!["remuneration".into()], ..Filters::default() };
    assert!(s.search("taux", &topic, 50).unwrap().iter().all(|h| h.topics.contains(&"remuneration".to_string())));
    let by = Filters { by: Some("ag".into()), ..Filters::default() };
    assert!(s.search("taux", &by, 50).unwrap().iter().all(|h| h.by.as_deref() == Some("committees/ag")), "short committee ids work");
    let all = s.search("taux horaire", &Filters::default(), 100).unwrap();
    let without = s.search("taux horaire -2019", &Filters::default(), 100).unwrap();
    assert!(without.len() < all.len(), "-word excludes");
    let prefix = s.search("embau*", &Filters::default(), 100).unwrap();
    assert!(prefix.len() >= s.search("embauche", &Filters::default(), 100).unwrap().len(), "prefix* widens");
    let phrase = s.search("\"gel des embauches\"", &Filters::default(), 5).unwrap();
    assert!(phrase[0].title.to_lowercase().contains("gel"), "{:?}", phrase[0].title);
    let fallback = s.search("embauche xyzzyqwerty", &Filters::default(), 5).unwrap();
    assert!(!fallback.is_empty(), "OR when AND finds nothing");
    let en = s.search("hiring", &Filters { lang: Some("en".into()), ..Filters::default() }, 20).unwrap();
    assert!(!en.is_empty() && en.iter().all(|h| h.lang == "en"));
}

#[test]
fn accents_plurals_and_case_meet() {
    let (_tmp, s) = example_index();
    let first = |q: &str| s.search(q, &Filters::default(), 1).unwrap().first().map(|h| h.id.clone());
    assert_eq!(first("embauches"), first("embauché"));
    assert_eq!(first("EMBAUCHE"), first("embauche"));
    assert_eq!(first("decisions"), first("décisions"));
    assert!(first("decision").is_some());
}

#[test]
fn titles_rank_above_bodies() {
    let tmp = common::site(&[
        ("content/a.md", "---\ntitle: Budget\n---\nUn texte sur autre chose.\n"),
        ("content/b.md", "---\ntitle: Autre chose\n---\nIl est question du budget dans ce texte, et du budget encore.\n"),
    ]);
    let compiled = common::compile_dir(tmp.path());
    let idx = tempfile::tempdir().unwrap();
    engine::refresh_at(idx.path(), &compiled.docs).unwrap();
    let hits = Searcher::open_at(idx.path()).unwrap().search("budget", &Filters::default(), 2).unwrap();
    assert_eq!(hits[0].id, "a");
}

#[test]
fn refresh_touches_only_changed_pages() {
    let tmp = common::site(&[("content/a.md", "---\ntitle: A\n---\nun\n"), ("content/b.md", "---\ntitle: B\n---\ndeux\n")]);
    let idx = tempfile::tempdir().unwrap();
    let first = engine::refresh_at(idx.path(), &common::compile_dir(tmp.path()).docs).unwrap();
    assert_eq!(first.added, 2);
    std::fs::write(tmp.path().join("content/b.md"), "---\ntitle: B\n---\ntrois\n").unwrap();
    let second = engine::refresh_at(idx.path(), &common::compile_dir(tmp.path()).docs).unwrap();
    assert_eq!((second.added, second.removed, second.unchanged), (1, 1, 1));
    let hits = Searcher::open_at(idx.path()).unwrap().search("trois", &Filters::default(), 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(Searcher::open_at(idx.path()).unwrap().search("deux", &Filters::default(), 5).unwrap().is_empty());
}

#[derive(serde::Deserialize)]
struct Golden {
    word: String,
    lang: String,
    stem: String,
}

/// The golden list the browser's query handling is checked against too
/// (`tests/browser/golden.mjs`).
#[test]
fn analysis_golden_list() {
    let list: Vec<Golden> =
        serde_yaml::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden-analysis.yaml")).unwrap())
            .unwrap();
    assert!(list.len() >= 30);
    for g in &list {
        let stems = analysis::stems(&g.word, analysis::Lang::from_code(&g.lang));
        assert_eq!(stems, std::slice::from_ref(&g.stem), "{} ({})", g.word, g.lang);
    }
}

#[test]
fn documents_leave_inline_decision_blocks_out_of_minutes() {
    let text = document::plain_text("Avant.\n\n```decision\ntitle: Secret\n---\nTexte.\n```\n\nAprès.\n", true);
    assert!(!text.contains("Secret"));
    assert!(text.contains("Avant.") && text.contains("Après."));
}

/// A question's answer often lacks some of its words ("does", "still"):
/// it is ranked with the pages that have them all, by how much of the
/// query it covers, instead of dropping out because one word is missing.
#[test]
fn a_question_finds_the_page_that_lacks_some_of_its_words() {
    let long_news = "The cooperative does still meet on Mondays. ".repeat(30)
        + "Someone asked whether we pay a single fee; the hourly schedule and the rate of attendance are in the minutes.";
    // Other pages, so that the words weigh as they would on a real site.
    let others: Vec<(String, String)> = (0..30)
        .map(|i| {
            (
                format!("content/other-{i}.md"),
                format!("---\ntitle: Meeting {i}\n---\nThe cooperative met about topic {i} and the garden.\n"),
            )
        })
        .collect();
    let mut files: Vec<(&str, &str)> = vec![
        ("site.yaml", "title: Test\nlanguages: [en]\n"),
        ("content/pay.md", "---\ntitle: Single hourly rate\n---\nEvery hour of work is paid at the same hourly rate.\n"),
    ];
    let news = format!("---\ntitle: News of the year\n---\n{long_news}\n");
    files.push(("content/news.md", &news));
    files.extend(others.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let site = common::site(&files);
    let compiled = common::compile_dir(site.path());
    let tmp = tempfile::tempdir().unwrap();
    engine::refresh_at(tmp.path(), &compiled.docs).unwrap();
    let searcher = Searcher::open_at(tmp.path()).unwrap();
    let hits = searcher.search("does the cooperative still pay a single hourly rate", &Filters::default(), 3).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"pay"), "the page on the hourly rate answers, though it lacks `cooperative` and `still`: {ids:?}");
    assert!(ids.contains(&"news"), "the page with every word is still listed: {ids:?}");
}

/// A word that names a topic in `site.yaml` (here the alias `recruitment`)
/// finds the pages filed under it, though their text lacks the word.
#[test]
fn topic_names_are_synonyms() {
    let root = common::fixture("questions");
    let compiled = common::compile_dir(&root);
    let tmp = tempfile::tempdir().unwrap();
    engine::refresh_at(tmp.path(), &compiled.docs).unwrap();
    let plain = Searcher::open_at(tmp.path()).unwrap();
    assert!(plain.search("recruitment", &Filters::default(), 5).unwrap().is_empty(), "no page has the word");
    let config = compiled.site.as_ref().unwrap().config.clone();
    let searcher = Searcher::open_at(tmp.path()).unwrap().with_synonyms(cahier::search::synonyms::Synonyms::of(&config));
    let ids: Vec<String> = searcher.search("recruitment", &Filters::default(), 5).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["jobs"], "the page filed under the topic the word names");
    let ids: Vec<String> = searcher.search("staffing committee", &Filters::default(), 5).unwrap().into_iter().map(|h| h.id).collect();
    assert_eq!(ids.first().map(String::as_str), Some("jobs"), "the topic's id and label name it too: {ids:?}");
}
