//! Building a site: every page at the URL the spec promises, Markdown
//! features, links, translations, aliases, assets, drafts and escaping.

mod common;

use common::{build, build_dir, main_of, read, site};

#[test]
fn every_page_is_written_at_its_url() {
    let (_tmp, out) = build("basic");
    for path in [
        "index.html",
        "en/index.html",
        "committees/ag/index.html",
        "committees/ct/index.html",
        "decisions/2010-07-06-gel-des-embauches/index.html",
        "meetings/2011-03-02-reflexion/index.html",
        "meetings/2011-03-02-reflexion/le-recrutement-est-decide-en-ct/index.html",
        "principles/2004-transparence/index.html",
        "wiki/embauche/index.html",
        "en/wiki/embauche/index.html",
        "wiki/reunion-ete/index.html",
        "wiki/index.html",
        "sitemap.xml",
        "404.html",
        "style.css",
        "images/logo.svg",
    ] {
        assert!(out.join(path).is_file(), "{path} is missing");
    }
}

#[test]
fn markdown_extensions_render() {
    let (_tmp, out) = build("basic");
    let html = read(&out, "wiki/embauche/index.html");
    assert!(html.contains("<h2 id=\"etapes\">Étapes</h2>"), "heading id from the slug");
    assert!(html.contains("<table>"), "tables");
    assert!(html.contains("<del>barré</del>"), "strikethrough");
    assert!(html.contains("type=\"checkbox\""), "task lists");
    assert!(html.contains("footnote-definition"), "footnotes");
}

#[test]
fn raw_html_is_sanitised_by_default() {
    let (_tmp, out) = build("basic");
    let html = read(&out, "wiki/embauche/index.html");
    let body = main_of(&html);
    assert!(!body.contains("<script"), "no script");
    assert!(!body.contains("onclick"), "no event handler");
    assert!(!body.contains("javascript:"), "no javascript: URL");
    assert!(body.contains("<b>gras</b>"), "harmless HTML is kept");
}

#[test]
fn raw_html_escape_and_allow_modes() {
    let page = "---\ntitle: A\n---\n<em>x</em><script>y()</script>\n";
    let tmp = site(&[("site.yaml", "title: t\nraw_html: escape\n"), ("content/a.md", page)]);
    let (_o, out) = build_dir(tmp.path());
    let html = read(&out, "a/index.html");
    assert!(html.contains("&lt;em&gt;x&lt;/em&gt;"), "escaped: {}", main_of(&html));
    let tmp = site(&[("site.yaml", "title: t\nraw_html: allow\n"), ("content/a.md", page)]);
    let (_o, out) = build_dir(tmp.path());
    assert!(read(&out, "a/index.html").contains("<script>y()</script>"));
}

#[test]
fn front_matter_never_reaches_html_raw() {
    let tmp = site(&[("content/a.md", "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(2)>\"\n---\nx\n")]);
    let (_o, out) = build_dir(tmp.path());
    let html = read(&out, "a/index.html");
    assert!(!html.contains("<script>alert(1)"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn links_resolve_to_relative_urls_and_keep_code_alone() {
    let (_tmp, out) = build("basic");
    let minutes = read(&out, "meetings/2011-03-02-reflexion/index.html");
    assert!(
        minutes.contains("<a href=\"../../decisions/2010-07-06-gel-des-embauches/\">Gel des embauches</a>"),
        "title rank, label = title"
    );
    assert!(minutes.contains("<code>[[pas-un-lien]]</code>"), "code span untouched");
    assert!(minutes.contains("[[pas un lien non plus]]"), "code block untouched");
    let decision = read(&out, "decisions/2010-07-06-gel-des-embauches/index.html");
    assert!(decision.contains("href=\"../../wiki/embauche/#etapes\""), ".md link rewritten with its anchor");
    let inline = read(&out, "meetings/2011-03-02-reflexion/le-recrutement-est-decide-en-ct/index.html");
    assert!(inline.contains("<a href=\"../../../committees/ct/\">comité de travail</a>"), "short id with a label");
}

#[test]
fn wikilinks_prefer_the_readers_language() {
    let (_tmp, out) = build("basic");
    let en_home = read(&out, "en/index.html");
    assert!(en_home.contains("href=\"../en/wiki/embauche/\"") || en_home.contains("href=\"wiki/embauche/\""), "{}", main_of(&en_home));
    assert!(en_home.contains(">Hiring procedure</a>"));
    let fr_home = read(&out, "index.html");
    assert!(
        fr_home.contains("href=\"wiki/embauche/\">Procédure d&#39;embauche</a>")
            || fr_home.contains("href=\"wiki/embauche/\">Procédure d'embauche</a>"),
        "{}",
        main_of(&fr_home)
    );
}

#[test]
fn translations_link_each_other() {
    let (_tmp, out) = build("basic");
    let en = read(&out, "en/wiki/embauche/index.html");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Skip to content"), "English interface strings");
    assert!(en.contains("hreflang=\"fr\""));
    let fr = read(&out, "wiki/embauche/index.html");
    assert!(fr.contains("Aller au contenu"), "French interface strings");
    assert!(fr.contains("hreflang=\"en\""));
}

#[test]
fn ranks_full_id_then_short_id_then_title() {
    let tmp = site(&[
        ("content/x/plan.md", "---\ntitle: Plan\n---\nx\n"),
        ("content/y/plan.md", "---\ntitle: Autre\n---\ny\n"),
        ("content/plan.md", "---\ntitle: Racine\n---\nroot\n"),
        ("content/z/budget.md", "---\ntitle: Plan Général\n---\nz\n"),
        ("content/w/plan-general.md", "---\ntitle: Pas le titre\n---\nw\n"),
        ("content/x/links.md", "---\ntitle: Liens\n---\n[[plan]] [[Y/Plan]] [[plan général]] [[Plan_General]]\n"),
    ]);
    let (_o, out) = build_dir(tmp.path());
    let html = read(&out, "x/links/index.html");
    assert!(html.contains("href=\"../plan/\">Plan</a>"), "a relative path before the same full id: {}", main_of(&html));
    assert!(html.contains("href=\"../../y/plan/\">Autre</a>"), "full id, case-insensitive: {}", main_of(&html));
    assert!(html.contains("href=\"../../w/plan-general/\""), "short id beats title");
}

#[test]
fn backlinks_are_listed() {
    let (_tmp, out) = build("basic");
    let html = read(&out, "wiki/embauche/index.html");
    let back = &html[html.find("backlinks-title").unwrap()..];
    assert!(back.contains("Réunion d&#39;été"));
    assert!(back.contains("Gel des embauches"));
}

#[test]
fn aliases_redirect_to_the_page() {
    let (_tmp, out) = build("basic");
    let r = read(&out, "old/procedure-embauche/index.html");
    assert!(r.contains("http-equiv=\"refresh\""));
    assert!(r.contains("url=../../wiki/embauche/"));
    assert!(out.join("recrutement-ancien/index.html").is_file(), "old wiki names are slugged");
}

#[test]
fn drafts_only_with_the_flag() {
    let (_tmp, out) = build("basic");
    assert!(!out.join("wiki/brouillon/index.html").exists());
    let tmp = tempfile::tempdir().unwrap();
    let mut o = common::options(&common::fixture("basic"), &tmp.path().join("p"));
    o.drafts = true;
    cahier::pipeline::build(&o).map_err(|(_, d)| d).unwrap();
    assert!(tmp.path().join("p/wiki/brouillon/index.html").is_file());
}

#[test]
fn bom_crlf_and_accented_paths() {
    let (_tmp, out) = build("basic");
    assert!(read(&out, "en/wiki/embauche/index.html").contains("<h1>Hiring procedure</h1>"), "BOM file");
    assert!(read(&out, "wiki/embauche/index.html").contains("<li>Annonce</li>"), "CRLF file");
    assert!(read(&out, "wiki/reunion-ete/index.html").contains("Réunion d&#39;été"));
}

#[test]
fn inline_decisions_have_a_page_and_a_box_in_the_minutes() {
    let (_tmp, out) = build("basic");
    let minutes = read(&out, "meetings/2011-03-02-reflexion/index.html");
    assert!(minutes.contains("class=\"inline-decision status-adopted\""));
    assert!(minutes.contains("href=\"le-recrutement-est-decide-en-ct/\""));
    assert!(!minutes.contains("supersedes: [2010"), "the block's YAML is not shown");
    let page = read(&out, "meetings/2011-03-02-reflexion/le-recrutement-est-decide-en-ct/index.html");
    assert!(page.contains("<h1>Le recrutement est décidé en CT</h1>"));
    assert!(page.contains("Assemblée générale"), "`by` defaults to the meeting's committee");
}

#[test]
fn sitemap_has_absolute_urls() {
    let (_tmp, out) = build("basic");
    let xml = read(&out, "sitemap.xml");
    assert!(xml.contains("<loc>https://test.example.org/wiki/wiki/embauche/</loc>"));
    assert!(xml.contains("<loc>https://test.example.org/wiki/en/wiki/embauche/</loc>"));
}

#[test]
fn not_found_page_links_from_the_base_path() {
    let (_tmp, out) = build("basic");
    let html = read(&out, "404.html");
    assert!(html.contains("href=\"/wiki/style.css\""), "{html}");
}

#[test]
fn site_templates_override_the_built_in_theme() {
    let tmp = site(&[
        ("content/a.md", "---\ntitle: A\n---\nx\n"),
        ("themes/default/templates/page.html", "CUSTOM {{ page.title }}"),
        ("themes/default/static/extra.css", "body{}"),
    ]);
    let (_o, out) = build_dir(tmp.path());
    assert_eq!(read(&out, "a/index.html"), "CUSTOM A");
    assert!(out.join("extra.css").is_file());
    assert!(out.join("style.css").is_file(), "built-in static files stay");
}

/// The bootstrap of the browser's search: `cahierSearch.boot({...});`.
fn search_bootstrap(out: &std::path::Path) -> serde_json::Value {
    let script = read(out, "search/index.js");
    let json = script.trim_end().strip_prefix("cahierSearch.boot(").and_then(|s| s.strip_suffix(");")).expect("a boot call");
    serde_json::from_str(json).expect("the bootstrap is JSON")
}

#[test]
fn search_strings_reach_the_build_as_the_pages_show_them() {
    // German first: a language the built-in i18n.yaml lacks. The site's
    // theme overrides two French strings.
    let (_tmp, out) = build("search-strings");
    let boot = search_bootstrap(&out);
    let strings = &boot["strings"];
    assert_eq!(boot["lang"], "de");
    // German gets the English strings, as its pages do.
    assert_eq!(strings["de"]["search_more"], "More results");
    assert_eq!(strings["de"]["search"], "Search");
    assert!(read(&out, "search/index.html").contains("<h1>Search</h1>"));
    // French: the built-in strings, but for the theme's two.
    assert_eq!(strings["fr"]["search_more"], "Plus de résultats");
    assert_eq!(strings["fr"]["search_refine"], "Filtrer les résultats");
    assert_eq!(strings["fr"]["search"], "Chercher");
    assert!(read(&out, "fr/search/index.html").contains("<h1>Chercher</h1>"));
    // Statuses and page types present in the site are named too.
    assert_eq!(strings["fr"]["adopted"], "En vigueur");
    assert_eq!(strings["de"]["decision"], "Decision");
    // Languages by their own names, where the theme has one.
    assert_eq!(boot["labels"]["lang"], serde_json::json!({ "de": "de", "fr": "Français" }));
}

/// The facets of the browser's search: `search/facets/D.js` for each
/// dimension D, so that a query loads only those it uses; each document's
/// values as characters, `0` for the bootstrap's first value of D.
#[test]
fn search_facets_are_a_file_per_dimension() {
    let (_tmp, out) = build("search-strings");
    let boot = search_bootstrap(&out);
    let n = boot["n"].as_u64().expect("a document count") as usize;
    assert!(!out.join("search/facets.js").exists());
    let facet = |dimension: &str| -> Vec<Vec<String>> {
        let script = read(&out, &format!("search/facets/{dimension}.js"));
        let call = format!("cahierSearch.f(\"{dimension}\",");
        let json = script.trim_end().strip_prefix(call.as_str()).and_then(|s| s.strip_suffix(");")).expect("an f call");
        let codes: String = serde_json::from_str(json).expect("a JSON string");
        let values = boot["facets"][dimension].as_array().expect("the values of the dimension");
        let value = |c: char| values[c as usize - 0x30].to_string().trim_matches('"').to_string();
        let documents: Vec<Vec<String>> = if dimension == "topic" {
            codes.split(',').map(|d| d.chars().map(value).collect()).collect()
        } else {
            codes.chars().map(|c| if c == '-' { Vec::new() } else { vec![value(c)] }).collect()
        };
        assert_eq!(documents.len(), n, "{dimension}: {codes:?}");
        documents
    };
    let [kind, status, by, year, topic] = ["type", "status", "by", "year", "topic"].map(facet);
    let decisions: Vec<usize> = (0..n).filter(|&d| kind[d] == ["decision"]).collect();
    assert_eq!(decisions.len(), 2, "the decision, in German and in French: {kind:?}");
    for d in decisions {
        assert_eq!([status[d].join(" "), year[d].join(" "), topic[d].join(" ")], ["adopted", "2020", "arbeit"]);
        assert_eq!(by[d].len(), 1);
    }
    assert!(facet("lang").iter().all(|l| l[..] == ["de"] || l[..] == ["fr"]));
}

#[test]
fn a_broken_theme_i18n_yaml_fails_the_build_with_its_path() {
    let tmp = site(&[("content/a.md", "---\ntitle: A\n---\nx\n"), ("themes/default/i18n.yaml", "fr: [not, a, map]\n")]);
    let opts = common::options(tmp.path(), &tmp.path().join("public"));
    match cahier::pipeline::build(&opts) {
        Err((cahier::pipeline::Failure::Template(message), _)) => assert!(message.contains("i18n.yaml"), "{message}"),
        Err((other, _)) => panic!("expected a theme failure, got {other:?}"),
        Ok(_) => panic!("the build should fail"),
    }
}
