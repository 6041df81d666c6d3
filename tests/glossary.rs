//! The glossary (content format 14.4) on the `glossary` fixture: terms from
//! front matter, a definition list and bold list items; each marked once
//! per page, as a whole word, never in code, links, headings or raw HTML;
//! elisions, accents and case; multi-word terms; the glossary page's ids
//! and "used on" list; languages; a term defined twice.

mod common;

use cahier::pipeline;
use common::{compile, compile_dir, copy_dir, diag, fixture, main_of, read};

/// The marked terms of a page, in order: (text, title, href).
fn marks(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = main_of(html);
    while let Some(i) = rest.find("<a class=\"term\" href=\"") {
        rest = &rest[i + 22..];
        let href = rest[..rest.find('"').unwrap()].to_string();
        let t = rest.find("<abbr title=\"").unwrap() + 13;
        let title = rest[t..t + rest[t..].find('"').unwrap()].to_string();
        let s = rest.find("\">").unwrap() + 2;
        let s = s + rest[s..].find("\">").unwrap() + 2;
        let text = rest[s..s + rest[s..].find("</abbr></a>").unwrap()].to_string();
        out.push((text, title, href));
    }
    out
}

fn texts(html: &str) -> Vec<String> {
    marks(html).into_iter().map(|(text, ..)| text).collect()
}

#[test]
fn terms_come_from_front_matter_definition_lists_and_bold_items() {
    let site = compile("glossary").site.unwrap();
    let fr: Vec<(&str, &str)> =
        site.glossary.entries.iter().filter(|e| site.pages[e.page].lang == "fr").map(|e| (e.term.as_str(), e.anchor.as_str())).collect();
    assert_eq!(
        fr,
        [
            ("CT", "term-ct"),
            ("AG", "term-ag"),
            ("PAPSI", "term-papsi"),
            ("Équipe", "term-equipe"),
            ("Pigiste", "term-pigiste"),
            ("Comité", "term-comite"),
        ]
    );
    let papsi = site.glossary.entries.iter().find(|e| e.term == "PAPSI").unwrap();
    assert_eq!(papsi.definition, "plan d'action pour la prévention des situations d'isolement", "the link is left out of the tooltip");
    let ct = site.glossary.entries.iter().find(|e| e.term == "CT" && site.pages[e.page].lang == "fr").unwrap();
    assert_eq!(ct.aliases, ["comité de travail"]);
}

#[test]
fn the_first_occurrence_of_each_term_is_marked_and_nothing_in_code_links_headings_or_html() {
    let (_tmp, out) = common::build("glossary");
    let html = read(&out, "page/index.html");
    // In order: CT (not in the heading, code, link, wikilink, image, raw
    // HTML before it), AG after a typographic apostrophe, the multi-word
    // form of CT already seen so left alone (and `comité` inside it too),
    // then `comité` alone, PAPSI, and `équipe` (not EQUIPE nor equipe).
    assert_eq!(texts(&html), ["CT", "AG", "comité", "PAPSI", "équipe"]);
    let main = main_of(&html);
    assert!(main.contains("<h1 id=\"le-ct-et-l-ag\">Le CT et l'AG</h1>"), "headings are left alone");
    assert!(main.contains("<code>CT</code>") && main.contains("<abbr title=\"déjà\">CT</abbr>"));
    assert!(main.contains("alt=\"CT\""), "image text is left alone");
    let (_, title, href) = &marks(&html)[0];
    assert_eq!(title, "comité de travail : toutes les personnes qui travaillent");
    assert_eq!(href, "../glossaire/#term-ct");
}

#[test]
fn elisions_multi_word_terms_case_and_accents() {
    let (_tmp, out) = common::build("glossary");
    // `comité de travail` is CT's first occurrence here; `l'AG` holds AG;
    // `Équipe` is `équipe` capitalised; `pigiste` is `Pigiste`; CA is not a
    // term, and `ÇA` is not CA anyway.
    let html = read(&out, "autre/index.html");
    assert_eq!(texts(&html), ["comité de travail", "AG", "Équipe", "pigiste"]);
    assert_eq!(marks(&html)[0].1, "comité de travail : toutes les personnes qui travaillent");
}

#[test]
fn each_language_uses_its_glossary_else_the_default_one() {
    let (_tmp, out) = common::build("glossary");
    assert_eq!(
        marks(&read(&out, "en/page/index.html")),
        [("CT".into(), "the workers&#39; committee".into(), "../glossaire/#term-ct".into())]
    );
    let es = marks(&read(&out, "es/pagina/index.html"));
    assert_eq!(es[0].2, "../../glossaire/#term-ct", "no Spanish glossary: the French one");
}

#[test]
fn the_glossary_page_gives_each_term_its_id_and_lists_the_pages_that_use_it() {
    let (_tmp, out) = common::build("glossary");
    let html = read(&out, "glossaire/index.html");
    let main = main_of(&html);
    for anchor in ["term-ct", "term-ag", "term-papsi", "term-equipe", "term-pigiste", "term-comite"] {
        assert_eq!(main.matches(&format!("id=\"{anchor}\"")).count(), 1, "{anchor} once in {main}");
    }
    assert!(main.contains("<dt><dfn id=\"term-papsi\">PAPSI</dfn></dt>"), "{main}");
    assert!(main.contains("<li><strong><dfn id=\"term-comite\">Comité :</dfn></strong> un groupe qui décide</li>"), "{main}");
    assert!(main.contains("<li><strong>Pas un terme</strong>, sans deux-points</li>"), "no colon, no term");
    assert!(!main.contains("<a class=\"term\""), "a glossary marks nothing");
    let row = |term: &str| {
        let start = main.find(&format!("<tr><td><a href=\"#term-{term}\">")).unwrap_or_else(|| panic!("no row for {term}"));
        main[start..start + main[start..].find("</tr>").unwrap()].to_string()
    };
    let ct = row("ct");
    assert!(ct.contains("Une page") && ct.contains("Autre page") && ct.contains("Una página"), "{ct}");
    assert!(!ct.contains("A page"), "the English page uses the English glossary");
    assert!(row("papsi").contains("Une page") && !row("papsi").contains("Autre page"));
    assert!(read(&out, "page/index.html").contains("<a href=\"../glossaire/\">Glossaire</a>"), "the footer links the glossary");
    assert!(read(&out, "en/page/index.html").contains("<a href=\"../../en/glossaire/\">Glossary</a>"));
}

#[test]
fn a_term_defined_twice_is_a_duplicate_with_file_and_line() {
    let tmp = common::site(&[
        (
            "content/glossaire.md",
            "---\ntitle: Glossaire\nterms:\n  - term: CT\n    definition: comité de travail\n  - term: Conseil\n    definition: le CA\n    aliases: [ct]\n---\n\n- **CT** : encore\n",
        ),
        ("content/lexique.md", "---\ntitle: Lexique\ntype: glossary\n---\n\nPigiste\n: payé à la tâche\n\nCT\n: trois fois\n"),
    ]);
    let c = compile_dir(tmp.path());
    let here = |file: &str| -> Vec<usize> {
        c.diagnostics.iter().filter(|d| d.code.as_str() == "duplicate-id" && d.file == file).map(|d| d.line).collect()
    };
    assert_eq!(here("content/glossaire.md"), [8, 11], "the alias `ct`, then the bold item: {:#?}", c.diagnostics);
    let d = diag(&c.diagnostics, "duplicate-id", "content/lexique.md");
    assert_eq!(d.line, 9);
    assert!(d.hint.as_deref().unwrap().contains("content/glossaire.md:4"), "{d:?}");
    assert!(d.is_error());
}

/// `serve` re-renders an edited page alone only when the glossary's "used
/// on" lists cannot change: an edit that uses another term rebuilds.
#[test]
fn an_edit_that_changes_the_terms_used_is_not_patched() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("glossary"), tmp.path());
    let opts = common::options(tmp.path(), &tmp.path().join("public"));
    let mut compiled = pipeline::compile(&opts).unwrap();
    let file = tmp.path().join("content/autre.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("ÇA non plus.", "ÇA non plus, et rien d'autre.")).unwrap();
    assert!(pipeline::patch(&mut compiled, &opts, &file).is_some(), "same terms: the page alone");
    std::fs::write(&file, text.replace("ÇA non plus.", "ÇA non plus. Le PAPSI.")).unwrap();
    assert!(pipeline::patch(&mut compiled, &opts, &file).is_none(), "a new term: the glossary page changes too");
}

/// Definition lists are read in glossaries only: elsewhere a line that
/// starts with a colon (a French line wrapped before ` :`, a `:pep:` role
/// of converted text) stays text, and the line before it no term.
#[test]
fn a_line_starting_with_a_colon_is_a_definition_in_a_glossary_only() {
    let tmp = common::site(&[
        ("content/page.md", "---\ntitle: Page\n---\nVoici la règle\n: chaque personne vote.\n"),
        ("content/glossaire.md", "---\ntitle: Glossaire\n---\nVote\n: une façon de décider\n"),
    ]);
    let (_out_tmp, out) = common::build_dir(tmp.path());
    let page = read(&out, "page/index.html");
    // (The line break is a space in a run of text that holds a term.)
    assert!(main_of(&page).contains("<p>Voici la règle : chaque personne <a class=\"term\""), "{}", main_of(&page));
    assert!(!main_of(&page).contains("<dl>"));
    assert!(main_of(&read(&out, "glossaire/index.html")).contains("<dt><dfn id=\"term-vote\">Vote</dfn></dt>"));
}
