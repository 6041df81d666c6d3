//! Property tests: the parsers of text that users (or attackers) write
//! never panic, whatever the text, and keep the few promises callers rely
//! on (positions inside the text, decoded text that is still text).

use std::path::Path;

use proptest::prelude::*;

use cahier::parse::body::{line_col, options_for, scan, Positions};
use cahier::parse::fields::Fields;
use cahier::parse::inline::{blocks, split_block};
use cahier::parse::split_front_matter;
use cahier::parse::terms::body_terms;
use cahier::resolve::links::join_path;
use cahier::search::query;
use cahier::text::analysis::{analyze, Lang};
use cahier::text::terms::Matcher;
use cahier::text::{percent_decode, strip_controls};

/// Text made of the characters that matter to these parsers: markup,
/// separators, escapes, accents, control characters and line ends.
fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "ab é-_:/.%#|[]{}()<>!*`'\"\\\n\r\t\u{0}\u{7}\u{1b}\u{feff}0123456789 -~&=?,\u{2028}œ日".chars().collect();
    prop::collection::vec(prop::sample::select(alphabet), 0..max).prop_map(|cs| cs.into_iter().collect())
}

/// Lines that look like front matter or Markdown, shuffled together.
fn tricky_lines() -> impl Strategy<Value = String> {
    let lines = vec![
        "---",
        "title: A",
        "title: \"B\\u0007\"",
        "date: 2020-01-01",
        "by: ct",
        "supersedes: [a, b]",
        "follow_up: {owner: ct, due: 2020-13-01}",
        "follow_up:",
        "  due: 2020-02-30",
        "  - x",
        "topics: [[[",
        "```decision",
        "```",
        "[[x#y|z]] [a](100%-é.md) [[#h]]",
        "# Titre",
        "<div><span>",
        ": une définition",
        "- **CT** : comité de travail",
        "CT l'AG l’AG <abbr>CT</abbr> Comité de",
        "travail, İSTANBUL É",
        "key: : :",
        "- - - -",
        "\t",
        "",
    ];
    prop::collection::vec(prop::sample::select(lines), 0..40).prop_map(|ls| ls.join("\n"))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![tricky_text(200), tricky_lines(), any::<String>()]
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=100000 searches harder before a release.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn front_matter_splitting_never_panics(text in any_text()) {
        if let Ok(Some(split)) = split_front_matter(&text) {
            prop_assert!(split.body_line >= 2);
            prop_assert!(text.contains(split.yaml) && text.ends_with(split.body));
        }
    }

    #[test]
    fn yaml_reading_never_panics_and_points_inside_the_file(text in any_text()) {
        let lines = text.lines().count().max(1);
        match Fields::parse(Path::new("x.md"), &text, 2) {
            Ok(mut fields) => {
                let _ = fields.string("title");
                let _ = fields.date("date");
                let _ = fields.strings("topics");
                if let Some(nested) = fields.mapping("follow_up") {
                    fields.absorb(nested);
                }
                let (_, diags) = fields.finish(&["title"]);
                for d in diags {
                    prop_assert!(d.line >= 2 && d.line <= lines + 2, "{d:?}");
                }
            }
            Err(d) => prop_assert!(d.line >= 2 && d.line <= lines + 2 && d.column >= 1, "{d:?}"),
        }
    }

    #[test]
    fn inline_decision_blocks_never_panic(text in any_text()) {
        for block in blocks(&text, 5) {
            let (yaml, body, line) = split_block(&block);
            prop_assert!(line >= block.line);
            prop_assert!(block.text.contains(yaml) && block.text.contains(body));
        }
    }

    #[test]
    fn links_and_headings_are_scanned_without_panic(text in any_text()) {
        let found = scan(&text, options_for(text.len() % 2 == 0), Some(&glossary()));
        let mut at = Positions::new(&text);
        for link in &found.links {
            prop_assert!(link.offset <= text.len());
            let (line, col) = at.at(link.offset);
            prop_assert_eq!((line, col), line_col(&text, link.offset));
            let _ = join_path("wiki/a", &link.dest);
        }
    }

    #[test]
    fn glossary_terms_are_found_whole_and_on_character_boundaries(text in any_text()) {
        let m = glossary();
        let mut seen = m.seen();
        let mut last = 0;
        for f in m.first_occurrences(&text, &mut seen) {
            prop_assert!(last <= f.start && f.start < f.end && f.end <= text.len(), "{f:?}");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            last = f.end;
        }
    }

    #[test]
    fn glossary_definitions_are_read_without_panic_inside_the_file(text in any_text()) {
        let lines = text.lines().count().max(1);
        for t in body_terms(&text, 3) {
            prop_assert!(t.term.pos.line >= 3 && t.term.pos.line <= lines + 3, "{t:?}");
            prop_assert!(!t.term.value.is_empty());
        }
    }

    #[test]
    fn percent_decoding_never_panics_and_keeps_plain_text(text in any_text()) {
        let decoded = percent_decode(&text);
        if !text.contains('%') {
            prop_assert_eq!(decoded, text);
        }
    }

    #[test]
    fn stripped_text_has_no_control_characters(text in any_text()) {
        let clean = strip_controls(&text);
        prop_assert!(!clean.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        prop_assert_eq!(clean.chars().count(), text.chars().count());
    }

    #[test]
    fn search_queries_parse_and_analyse_without_panic(text in any_text()) {
        let _ = query::parse(&text);
        for lang in [Lang::Fr, Lang::En, Lang::Other] {
            for token in analyze(&text, lang) {
                prop_assert!(token.start < token.end && token.end <= text.len());
                prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            }
        }
    }
}

/// Terms with capitals, accents, an apostrophe and several words: the
/// shapes that fold, match across lines and test word boundaries.
fn glossary() -> Matcher {
    Matcher::new([("CT", 0), ("comité de travail", 1), ("l'AG", 2), ("É", 3), ("İstanbul", 4)]).expect("terms")
}

/// Found by the property above: the YAML reader breaks lines at U+2028,
/// and placed this error on line 4 of a one-line front matter.
#[test]
fn a_yaml_error_after_unicode_line_separators_stays_on_the_file_lines() {
    let text = "'\u{2028}\u{2028}";
    let Err(d) = Fields::parse(Path::new("x.md"), text, 2) else { panic!("an unclosed quote is an error") };
    assert_eq!((d.line, d.column), (2, 4), "{d:?}");
}

/// A lone carriage return breaks a line for the YAML reader, not for editors.
#[test]
fn a_yaml_error_after_a_lone_carriage_return_stays_on_the_file_lines() {
    let Err(d) = Fields::parse(Path::new("x.md"), "[[\ra", 2) else { panic!("an unclosed list is an error") };
    assert_eq!(d.line, 2, "{d:?}");
}

/// Lines that look like a chronological log, in any of its formats.
fn log_lines() -> impl Strategy<Value = String> {
    let lines = vec![
        "== 6 juillet 2010 (CT) ==",
        "=== Réunion générale du 1er mars 2007 ===",
        "## July 6, 2010 - AG",
        "'''06/07/2010''' (CT)",
        "**2010-07-06 — AG** : gel",
        "; 12 févr. 2008",
        ": Gel des embauches.",
        "* 2012-01-10 (CT) : fin du gel des embauches.",
        "* Le gel sera revu le 1er décembre 2010. Fin.",
        "** détail [[Page|lien]] ''ital'' [https://x.org x]",
        "#: suite",
        "- item",
        "  suite indentée",
        "1. juillet 2010",
        "juillet 2010",
        "32/13/2010 : ::",
        "== ==",
        "=",
        "----",
        "",
        "texte libre, sans date",
    ];
    prop::collection::vec(prop::sample::select(lines), 0..40).prop_map(|ls| ls.join("\n"))
}

fn log_text() -> impl Strategy<Value = String> {
    prop_oneof![log_lines(), tricky_text(200), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn logs_are_read_without_panic_and_lines_stay_in_the_log(text in log_text()) {
        use cahier::import::{log, names::{Bodies, Body}, Format};
        let bodies = Bodies { list: vec![Body::new("ct".into(), &["ct", "Comité de travail"]), Body::new("ag".into(), &["ag"])] };
        let lines = text.lines().count();
        for format in [Format::Mediawiki, Format::Markdown, Format::Text] {
            let read = log::read(&text, format, &bodies);
            for section in &read.sections {
                prop_assert!(section.line >= 1 && section.line <= lines);
                for item in &section.items {
                    prop_assert!(section.line <= item.line && item.line <= item.last && item.last <= lines, "{section:?}");
                }
            }
            prop_assert!(read.strays.iter().all(|&(n, _)| n >= 1 && n <= lines));
        }
    }

    #[test]
    fn dates_found_are_where_they_are_said_to_be(text in log_text()) {
        if let Some(found) = cahier::import::dates::find(&text) {
            prop_assert!(text.is_char_boundary(found.span.start) && text.is_char_boundary(found.span.end));
            prop_assert_eq!(cahier::import::dates::parse(&text[found.span.clone()]), Some(found.date));
        }
    }

    #[test]
    fn titles_stay_under_80_characters(text in log_text()) {
        let title = cahier::import::title::title(&text);
        prop_assert!(title.chars().count() < cahier::import::title::MAX_TITLE, "{title}");
    }
}
