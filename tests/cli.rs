//! The command line as a user runs it: exit codes, output formats, the
//! untouched output after a failed build, and `cahier new`.

mod common;

use std::path::Path;

use common::{cahier, copy_dir, snapshot};

#[test]
fn check_exit_codes_and_human_output() {
    let ok = cahier(&["check", "--root", common::fixture("basic").to_str().unwrap()], Path::new("."));
    assert_eq!(ok.status.code(), Some(0), "warnings do not fail: {}", String::from_utf8_lossy(&ok.stderr));
    let bad = cahier(&["check", "--root", common::fixture("errors").to_str().unwrap()], Path::new("."));
    assert_eq!(bad.status.code(), Some(1));
    let text = String::from_utf8_lossy(&bad.stderr);
    assert!(text.contains("error[unknown-topic]: unknown topic `alpah`"), "{text}");
    assert!(text.contains("content/unknown-topic.md:3:10"), "file:line:col");
    assert!(text.contains("3 │ topics: [alpah, bb]"), "the source line: {text}");
    assert!(text.contains("^"), "a caret");
    assert!(text.contains("hint: closest known topics: alpha"));
    assert!(text.contains(" errors, "), "a closing count");
}

#[test]
fn check_json_and_github_formats() {
    let root = common::fixture("errors");
    let json = cahier(&["check", "--root", root.to_str().unwrap(), "--format", "json"], Path::new("."));
    assert_eq!(json.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON array");
    let first = &list.as_array().unwrap()[0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["code", "level", "file", "line", "column", "message", "hint"]);
    let gh = cahier(&["check", "--root", root.to_str().unwrap(), "--format", "github"], Path::new("."));
    let text = String::from_utf8_lossy(&gh.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=content/unknown-topic.md,line=3,col=10,title=unknown-topic::unknown topic `alpah`")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("::warning file=content/unknown-key.md,line=3,col=1,title=unknown-key::")));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::fixture("basic"), &root);
    let built = cahier(&["build"], &root);
    assert_eq!(built.status.code(), Some(0), "{}", String::from_utf8_lossy(&built.stderr));
    let before = snapshot(&root.join("public"));
    assert!(!before.is_empty());
    std::fs::write(root.join("content/wiki/casse.md"), "---\ntitle: Cassé\ntopics: [inconnu]\n---\n[[nulle-part]]\n").unwrap();
    let failed = cahier(&["build"], &root);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("nothing was written"));
    assert_eq!(snapshot(&root.join("public")), before, "byte-identical");
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.contains("cahier-new") || n.contains("cahier-old")
        })
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left: {leftovers:?}");
}

#[test]
fn build_options_out_and_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = cahier(
        &[
            "build",
            "--root",
            common::fixture("basic").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://other.example/",
        ],
        Path::new("."),
    );
    assert_eq!(r.status.code(), Some(0));
    assert!(std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("https://other.example/wiki/embauche/"));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("index.html"), "says where to open the site: {stderr}");
}

#[test]
fn missing_content_folder_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let r = cahier(&["build"], tmp.path());
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("content/"));
}

#[test]
fn new_writes_valid_front_matter_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::fixture("basic"), &root);
    let r = cahier(&["new", "decision", "Semaine de quatre jours", "--by", "ct", "--topic", "embauche"], &root);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
    let today = chrono::Local::now().date_naive();
    let path = root.join(format!("content/decisions/{today}-semaine-de-quatre-jours.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("---\ntitle: Semaine de quatre jours\n"));
    assert!(text.contains("topics: [embauche]"));
    let again = cahier(&["new", "decision", "Semaine de quatre jours", "--by", "ct"], &root);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    for kind in ["committee", "principle", "page"] {
        assert_eq!(cahier(&["new", kind, "Nouvelle chose"], &root).status.code(), Some(0), "{kind}");
    }
    assert_eq!(cahier(&["new", "meeting", "CT", "--by", "ct"], &root).status.code(), Some(0));
    let check = cahier(&["check"], &root);
    assert_eq!(check.status.code(), Some(0), "new pages are valid: {}", String::from_utf8_lossy(&check.stderr));
}

/// The whole human report on the errors fixture, reviewed as a snapshot: a
/// change in what people read when they break something is seen in review.
#[test]
fn check_human_output_on_the_errors_fixture() {
    let out = cahier(&["check"], &common::fixture("errors"));
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr));
}

/// A cold build (a CI job on a fresh clone) does not pay for the terminal's
/// index; the first `cahier search` creates it, and later builds keep it
/// fresh.
#[test]
fn the_first_search_creates_the_index_and_builds_keep_it_fresh() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::fixture("basic"), &root);
    let cache = root.join(".cahier-cache/search");
    assert!(cahier(&["build"], &root).status.success());
    assert!(!cache.join("meta.json").exists(), "a cold build creates no search index");
    let first = cahier(&["search", "embauche", "--json"], &root);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(cache.join("meta.json").exists(), "the first search creates it");
    std::fs::write(root.join("content/wiki/nouvelle.md"), "---\ntitle: Zanzibar\n---\nUne page nouvelle.\n").unwrap();
    assert!(cahier(&["build"], &root).status.success());
    let found = cahier(&["search", "zanzibar", "--json"], &root);
    assert!(String::from_utf8_lossy(&found.stdout).contains("Zanzibar"), "the build refreshed the index");
}

/// `cahier report --since` prints the changes in force, as Markdown by
/// default, as JSON and as a page with `--format`.
#[test]
fn report_since_a_date() {
    let root = common::fixture("register");
    let run = |format: &str| {
        let out = cahier(&["report", "--since", "2011-01-10", "--until", "2014-05-01", "--format", format], &root);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run("markdown");
    assert!(md.starts_with("# ") && md.contains("2011-01-10 → 2014-05-01"), "{md}");
    assert!(md.contains("](https://") && md.contains("/decisions/chain-b/)"), "links to the decisions: {md}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["entered_force"].as_array().unwrap().len(), 5);
    assert_eq!(json["left_force"][2]["how"], "repealed");
    let html = run("html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<a href=\"https://"), "{html}");
    let backwards = cahier(&["report", "--since", "2014-01-01", "--until", "2013-01-01"], &root);
    assert_eq!(backwards.status.code(), Some(2), "--until before --since is refused");
}

#[test]
fn report_at_a_date_gives_the_rules_then_in_force() {
    let root = common::fixture("register");
    let compiled = common::compile("register");
    let site = compiled.site.as_ref().unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2012, 6, 1).unwrap();
    let then = cahier::resolve::register::in_force_on(&site.register, day);
    let now = cahier::resolve::register::in_force_on(&site.register, site.today);
    assert_ne!(then, now, "the fixture's register changed after {day}");
    let run = |format: &str| {
        let out = cahier(&["report", "--at", "2012-06-01", "--format", format], &root);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let ids: Vec<&str> = json["in_force"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = then.iter().map(|&g| site.pages[site.main(g)].id.as_str()).collect();
    assert_eq!(ids, expected);
    // The page to print: each rule once, with its text, dated, links and
    // stylesheet pointing at the published site, the stylesheet inlined.
    let html = run("html");
    assert_eq!(html.matches("<article class=\"rule\"").count(), then.len());
    assert!(html.contains("<time datetime=\"2012-06-01\">"), "the page is dated");
    assert!(html.contains("<style>") && html.contains("break-before: page"), "the print stylesheet is inlined");
    assert!(!html.contains('\u{E000}'), "no link is left marked");
    for href in html.split("href=\"").skip(1).map(|h| h.split('"').next().unwrap()) {
        assert!(href.starts_with("https://") || href.starts_with('#'), "a link the file cannot follow offline: {href}");
    }
    let md = run("markdown");
    assert!(md.starts_with("# ") && md.contains("2012-06-01") && md.matches("\n- [").count() == then.len(), "{md}");
    let both = cahier(&["report", "--at", "2012-06-01", "--since", "2011-01-01"], &root);
    assert_eq!(both.status.code(), Some(2), "--at and --since together are refused");
}
