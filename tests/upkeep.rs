//! Upkeep (content format 14.3): each signal on the `upkeep` fixture, whose
//! pages give their dates with `updated:`; the same site outside git; and a
//! site in a git repository whose dates come from backdated commits.

mod common;

use std::path::Path;
use std::process::Command;

use cahier::resolve::{PageIdx, Site};
use cahier::Level;
use common::{compile, compile_dir, copy_dir, diag, fixture, main_of, read};

fn page(site: &Site, file: &str) -> PageIdx {
    site.pages.iter().position(|p| p.source.file == Path::new(file)).unwrap_or_else(|| panic!("no page from {file}"))
}

fn files(site: &Site, pages: &[PageIdx]) -> Vec<String> {
    pages.iter().map(|&p| site.pages[p].source.file.display().to_string()).collect()
}

fn ids(site: &Site, groups: &[usize]) -> Vec<String> {
    groups.iter().map(|&g| site.index.groups[g].id.to_string()).collect()
}

#[test]
fn a_page_older_than_decisions_in_force_on_its_topic_is_outdated() {
    let site = compile("upkeep").site.unwrap();
    let outdated = &site.health.outdated;
    assert_eq!(files(&site, &outdated.iter().map(|o| o.page).collect::<Vec<_>>()), ["content/wiki/embauche.md"]);
    // Newest first; the superseded decision is no longer in force, and the
    // one it replaced was taken before the page was updated.
    assert_eq!(ids(&site, &outdated[0].decisions), ["decisions/2024-06-01-entretiens-a-trois", "decisions/2024-03-01-recrutement-public"]);
}

#[test]
fn a_proposal_and_a_page_without_topic_outdate_nothing() {
    let site = compile("upkeep").site.unwrap();
    assert!(site.health.outdated_of(page(&site, "content/wiki/local.md")).is_none(), "a proposal is not in force");
    assert!(site.health.outdated_of(page(&site, "content/wiki/sans-theme.md")).is_none(), "no topic, never outdated");
}

#[test]
fn the_outdated_page_names_the_decisions_in_a_banner() {
    let (_tmp, out) = common::build("upkeep");
    let html = read(&out, "wiki/embauche/index.html");
    let main = main_of(&html);
    assert!(main.contains("Des décisions sur ce thème ont été prises depuis la dernière mise à jour de cette page"), "{main}");
    assert!(main.contains("href=\"../../decisions/2024-06-01-entretiens-a-trois/\""));
    assert!(main.contains("href=\"../../decisions/2024-03-01-recrutement-public/\""));
    assert!(!main.contains("entretiens-a-deux"), "a superseded decision is not named");
    assert!(!main_of(&read(&out, "wiki/local/index.html")).contains("upkeep-banner"));
}

#[test]
fn a_translation_older_than_its_source_is_outdated_unless_translated_says_otherwise() {
    let c = compile("upkeep");
    let site = c.site.as_ref().unwrap();
    let behind: Vec<(String, String)> = site
        .health
        .translations
        .iter()
        .map(|b| (site.pages[b.page].source.file.display().to_string(), site.pages[b.source].source.file.display().to_string()))
        .collect();
    assert_eq!(behind, [("content/wiki/traduite.en.md".to_string(), "content/wiki/traduite.md".to_string())]);
    let d = diag(&c.diagnostics, "translation-outdated", "content/wiki/traduite.en.md");
    assert_eq!((d.line, d.level), (1, Level::Warning));
    assert!(d.message.contains("2025-01-01") && d.message.contains("2025-03-01"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("translated: 2025-03-01"));
    assert!(!c.diagnostics.iter().any(|d| d.file.contains("rattrapee")), "translated: caught up");
}

#[test]
fn the_outdated_translation_links_to_its_source() {
    let (_tmp, out) = common::build("upkeep");
    let main = main_of(&read(&out, "en/wiki/traduite/index.html")).to_string();
    assert!(main.contains("The original version of this page changed after this translation"), "{main}");
    assert!(main.contains("<a href=\"../../../wiki/traduite/\" hreflang=\"fr\">Read the original</a>"), "{main}");
    assert!(!main_of(&read(&out, "en/wiki/rattrapee/index.html")).contains("upkeep-banner"));
}

#[test]
fn orphans_wanted_and_stale_pages() {
    let site = compile("upkeep").site.unwrap();
    let h = &site.health;
    assert_eq!(files(&site, &h.orphans), ["content/wiki/orpheline.md"]);
    let wanted: Vec<(&str, Vec<String>)> = h.wanted.iter().map(|w| (w.target.as_str(), files(&site, &w.by))).collect();
    assert_eq!(
        wanted,
        [
            ("page-inexistante", vec!["content/wiki/autre.md".to_string(), "content/wiki/demandeuse.md".to_string()]),
            ("autre-manquante", vec!["content/wiki/demandeuse.md".to_string()]),
        ]
    );
    // 18 months before 2026-11-23, the most recently stale first.
    assert_eq!(h.stale_before.unwrap().to_string(), "2025-05-23");
    let stale = files(&site, &h.stale);
    assert_eq!(stale.first().map(String::as_str), Some("content/wiki/rattrapee.md"));
    assert_eq!(stale.last().map(String::as_str), Some("content/wiki/sans-theme.md"));
    assert!(stale.contains(&"content/wiki/embauche.md".to_string()) && !stale.contains(&"content/wiki/orpheline.md".to_string()));
    assert!(!stale.iter().any(|f| f.contains("decisions/") || f.contains("committees/")), "only wiki pages go stale");
}

#[test]
fn the_health_page_lists_every_signal_in_both_languages() {
    let (_tmp, out) = common::build("upkeep");
    let fr = read(&out, "health/index.html");
    let main = main_of(&fr);
    assert!(fr.contains("<title>État du wiki"));
    for (heading, count) in
        [("Pages dépassées par des décisions", 1), ("Traductions en retard", 1), ("Pages orphelines", 1), ("Pages demandées", 2)]
    {
        assert!(main.contains(&format!("{heading} ({count})")), "{heading} ({count}) in {main}");
    }
    assert!(main.contains("href=\"../wiki/orpheline/\""));
    assert!(main.contains("<code>page-inexistante</code>"));
    assert!(main.contains("Pages non mises à jour depuis plus de 18 mois"));
    let en = read(&out, "en/health/index.html");
    assert!(en.contains("<title>Wiki health") && main_of(&en).contains("Outdated translations (1)"));
    assert!(main_of(&en).contains("href=\"../wiki/traduite/\""), "the translation is linked in its language");
    // Every page's footer leads there.
    assert!(read(&out, "wiki/local/index.html").contains("href=\"../../health/\">État du wiki</a>"));
    assert!(read(&out, "en/wiki/traduite/index.html").contains("href=\"../../../en/health/\">Wiki health</a>"));
}

#[test]
fn stale_after_zero_turns_stale_pages_off_and_a_bad_length_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("upkeep"), tmp.path());
    let yaml = std::fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    std::fs::write(tmp.path().join("site.yaml"), yaml.replace("stale_after: 18m", "stale_after: 0")).unwrap();
    let site = compile_dir(tmp.path()).site.unwrap();
    assert!(site.health.stale.is_empty() && site.health.stale_before.is_none());
    std::fs::write(tmp.path().join("site.yaml"), yaml.replace("stale_after: 18m", "stale_after: 18 mois")).unwrap();
    let c = compile_dir(tmp.path());
    let d = diag(&c.diagnostics, "bad-value", "site.yaml");
    assert_eq!((d.line, d.column, d.level), (5, 14, Level::Error));
}

#[test]
fn translated_on_a_default_language_page_is_a_warning() {
    let tmp = common::site(&[("content/a.md", "---\ntitle: A\ntranslated: 2025-01-01\n---\nTexte.\n")]);
    let c = compile_dir(tmp.path());
    let d = diag(&c.diagnostics, "bad-value", "content/a.md");
    assert_eq!((d.line, d.level), (3, Level::Warning));
}

/// Outside git, only `updated:` dates a page: the rest is not guessed, and
/// `/health/` says why.
#[test]
fn outside_git_undated_pages_are_listed_and_explained() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("upkeep"), tmp.path());
    let (_out_tmp, out) = common::build_dir(tmp.path());
    let site = compile_dir(tmp.path()).site.unwrap();
    assert!(!site.health.in_git);
    assert_eq!(files(&site, &site.health.undated), ["content/wiki/sans-date.md"]);
    assert_eq!(site.health.outdated.len(), 1, "what can be known is still shown");
    let main = main_of(&read(&out, "health/index.html")).to_string();
    assert!(main.contains("Ce site n&#39;est pas dans un dépôt git"), "{main}");
    assert!(main.contains("Pages sans date (1)") && main.contains("href=\"../wiki/sans-date/\""));
}

/// Runs git in `dir` with the commit dated `date`.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00+00:00");
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

/// In git, a page's date is its last commit: a French page changed after
/// its English translation makes the translation outdated, and a decision
/// taken between the two commits outdates the page left behind.
#[test]
fn in_git_dates_come_from_backdated_commits() {
    let tmp = common::site(&[
        ("site.yaml", "title: Git\nlanguages: [fr, en]\ntopics:\n  - id: embauche\n    label: Embauche\n"),
        ("content/committees/ag.md", "---\ntitle: AG\nkind: assembly\n---\nSouveraine.\n"),
        (
            "content/decisions/2024-03-01-appel.md",
            "---\ntitle: Appel public\ndate: 2024-03-01\nby: ag\ntopics: [embauche]\n---\nAppel public.\n",
        ),
        ("content/procedure.md", "---\ntitle: Procédure\ntopics: [embauche]\n---\nVersion de janvier.\n"),
        ("content/procedure.en.md", "---\ntitle: Procedure\ntopics: [embauche]\n---\nJanuary version.\n"),
    ]);
    let root = tmp.path();
    git(root, "2024-01-10", &["init", "-q"]);
    git(root, "2024-01-10", &["add", "."]);
    git(root, "2024-01-10", &["commit", "-q", "-m", "first"]);
    std::fs::write(root.join("content/procedure.md"), "---\ntitle: Procédure\ntopics: [embauche]\n---\nVersion de juin.\n").unwrap();
    git(root, "2024-06-01", &["commit", "-q", "-am", "the French page catches up with the decision"]);
    let c = compile_dir(root);
    let site = c.site.as_ref().unwrap();
    assert!(site.health.in_git);
    let (fr, en) = (page(site, "content/procedure.md"), page(site, "content/procedure.en.md"));
    assert_eq!(site.pages[fr].updated.unwrap().to_string(), "2024-06-01");
    assert_eq!(site.pages[en].updated.unwrap().to_string(), "2024-01-10");
    assert!(site.health.outdated_of(fr).is_none(), "updated after the decision");
    assert!(site.health.outdated_of(en).is_some(), "the translation was left before the decision");
    let behind = site.health.behind_of(en).expect("the translation is behind");
    assert_eq!(behind.source_updated.to_string(), "2024-06-01");
    let d = diag(&c.diagnostics, "translation-outdated", "content/procedure.en.md");
    assert!(d.message.contains("2024-01-10"), "{}", d.message);
    // `translated:` says the translation caught up (its file is not even
    // committed again: git still dates it from January), and it is quiet.
    std::fs::write(
        root.join("content/procedure.en.md"),
        "---\ntitle: Procedure\ntopics: [embauche]\ntranslated: 2024-06-01\n---\nJune version.\n",
    )
    .unwrap();
    let c = compile_dir(root);
    assert!(!c.diagnostics.iter().any(|d| d.code.as_str() == "translation-outdated"), "{:#?}", c.diagnostics);
}
