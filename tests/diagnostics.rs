//! Every diagnostic code of the content format, with its file, line and
//! column, all reported in one run of `check` on the `errors` fixture.

mod common;

use cahier::Level;
use common::{compile, diag};

#[test]
fn every_problem_is_reported_in_one_run() {
    let c = compile("errors");
    let mut codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "ambiguous-reference",
            "bad-id",
            "bad-value",
            "broken-anchor",
            "broken-link",
            "duplicate-id",
            "front-matter-unclosed",
            "invalid-utf8",
            "mandate-overlap",
            "missing-field",
            "outside-mandate",
            "possible-repeat",
            "supersedes-cycle",
            "supersedes-later",
            "translation-outdated",
            "unknown-key",
            "unknown-reference",
            "unknown-topic",
            "yaml-syntax",
        ]
    );
}

fn at(code: &str, file: &str) -> (usize, usize, Level, Option<String>, String) {
    let c = compile("errors");
    let d = diag(&c.diagnostics, code, file);
    (d.line, d.column, d.level, d.hint.clone(), d.message.clone())
}

#[test]
fn yaml_syntax_points_into_the_file() {
    let (line, _, level, ..) = at("yaml-syntax", "content/yaml-syntax.md");
    assert_eq!((line, level), (4, Level::Error));
}

#[test]
fn unclosed_front_matter() {
    assert_eq!(at("front-matter-unclosed", "content/unclosed.md").0, 1);
}

#[test]
fn missing_title() {
    let (line, _, _, hint, message) = at("missing-field", "content/missing-field.md");
    assert_eq!(line, 2);
    assert!(message.contains("`title`"));
    assert!(hint.unwrap().contains("title:"));
}

#[test]
fn bad_values_name_the_key_and_suggest() {
    let c = compile("errors");
    let bad: Vec<_> = c.diagnostics.iter().filter(|d| d.code.as_str() == "bad-value").collect();
    assert_eq!(bad.len(), 2);
    assert_eq!((bad[0].line, bad[0].column), (3, 7), "the bad date");
    assert_eq!((bad[1].line, bad[1].column), (5, 9), "the unknown status");
    assert_eq!(bad[1].hint.as_deref(), Some("did you mean `adopted`?"));
}

#[test]
fn unknown_key_is_a_warning_with_the_closest_key() {
    let (line, col, level, hint, _) = at("unknown-key", "content/unknown-key.md");
    assert_eq!((line, col, level), (3, 1, Level::Warning));
    assert!(hint.unwrap().contains("`supersedes`"));
}

#[test]
fn unknown_topic_lists_the_closest() {
    let (line, col, _, hint, _) = at("unknown-topic", "content/unknown-topic.md");
    assert_eq!((line, col), (3, 10));
    assert!(hint.unwrap().contains("alpha"));
}

#[test]
fn unknown_reference() {
    let (line, col, ..) = at("unknown-reference", "content/decisions/unknown-reference.md");
    assert_eq!((line, col), (6, 14));
}

#[test]
fn ambiguous_wikilink_lists_candidates() {
    let (line, col, _, hint, _) = at("ambiguous-reference", "content/ambiguous.md");
    assert_eq!((line, col), (4, 10));
    let hint = hint.unwrap();
    assert!(hint.contains("wiki/a/notes") && hint.contains("wiki/b/notes"), "{hint}");
}

#[test]
fn duplicate_id_names_the_other_file() {
    let (line, _, _, hint, _) = at("duplicate-id", "content/duplicate.md");
    assert_eq!(line, 3);
    assert!(hint.unwrap().contains("content/committees/ct.md"));
}

#[test]
fn supersedes_cycle() {
    let (line, _, level, _, message) = at("supersedes-cycle", "content/decisions/cycle-b.md");
    assert_eq!((line, level), (6, Level::Error));
    assert!(message.contains("cycle-a") && message.contains("cycle-b"));
}

#[test]
fn supersedes_later_is_a_warning() {
    let (line, _, level, ..) = at("supersedes-later", "content/decisions/early.md");
    assert_eq!((line, level), (6, Level::Warning));
}

#[test]
fn broken_link_and_anchor() {
    let (line, col, level, ..) = at("broken-link", "content/links.md");
    assert_eq!((line, col, level), (4, 17, Level::Error));
    let (line, col, level, hint, _) = at("broken-anchor", "content/links.md");
    assert_eq!((line, col, level), (6, 21, Level::Warning));
    assert!(hint.is_some());
}

#[test]
fn mandate_overlap_and_outside_mandate() {
    let (line, _, level, ..) = at("mandate-overlap", "content/committees/rh.md");
    assert_eq!((line, level), (4, Level::Warning));
    let (line, _, level, ..) = at("outside-mandate", "content/decisions/outside.md");
    assert_eq!((line, level), (4, Level::Warning));
}

#[test]
fn possible_repeat_names_the_earlier_decision() {
    let (_, _, level, hint, message) = at("possible-repeat", "content/decisions/repeat-2.md");
    assert_eq!(level, Level::Warning);
    assert!(message.contains("decisions/repeat-1"));
    assert!(hint.unwrap().contains("supersedes: [repeat-1]"));
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let (line, col, ..) = at("invalid-utf8", "content/latin1.md");
    assert_eq!((line, col), (4, 4));
}

#[test]
fn bad_id_from_the_file_name() {
    let (_, _, level, _, message) = at("bad-id", "content/bad id!.md");
    assert_eq!(level, Level::Error);
    assert!(message.contains("' '"));
}

#[test]
fn translation_outdated_names_the_source_and_its_date() {
    let (line, _, level, hint, message) = at("translation-outdated", "content/traduction.en.md");
    assert_eq!((line, level), (1, Level::Warning));
    assert!(message.contains("content/traduction.md") && message.contains("2025-03-01"), "{message}");
    assert!(hint.unwrap().contains("translated: 2025-03-01"));
}

#[test]
fn broken_links_can_be_warnings() {
    let tmp = common::site(&[("site.yaml", "title: t\nbroken_links: warn\n"), ("content/a.md", "---\ntitle: A\n---\n[[nowhere]]\n")]);
    let c = common::compile_dir(tmp.path());
    let d = diag(&c.diagnostics, "broken-link", "content/a.md");
    assert_eq!(d.level, Level::Warning);
    assert!(!c.has_errors());
}
