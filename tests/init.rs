//! `cahier init` (spec section 15): a new site builds at once, says where
//! things go, carries CI recipes that check pull requests and publish, and
//! an occupied folder is refused.

mod common;

use std::path::Path;

use cahier::pipeline;
use common::{cahier, snapshot};

fn langs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn yaml(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

#[test]
fn a_new_site_builds_at_once_without_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("coop");
    let files = cahier::init::init(&root, &langs(&["fr", "en"]), Some("Coopérative X"), common::today()).unwrap();
    assert!(files.len() >= 9, "{files:?}");
    let out = tmp.path().join("public");
    let built = pipeline::build(&common::options(&root, &out)).unwrap_or_else(|(_, diags)| panic!("build failed: {diags:#?}"));
    assert!(built.compiled.diagnostics.is_empty(), "{:#?}", built.compiled.diagnostics);
    let site = yaml(&root.join("site.yaml"));
    assert_eq!(site["title"], "Coopérative X");
    assert_eq!(site["languages"], serde_yaml::from_str::<serde_yaml::Value>("[fr, en]").unwrap());
    assert!(site["topics"].as_sequence().is_some_and(|t| t.len() >= 4 && t.iter().any(|t| t.get("parent").is_some())), "a small tree");
    // An assembly and a committee with mandates, and a first decision.
    let register = built.compiled.site.as_ref().unwrap();
    let kinds: Vec<String> = ["ag", "ct"]
        .iter()
        .map(|c| yaml_front(&root.join(format!("content/committees/{c}.md")))["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["assembly", "committee"]);
    assert_eq!(register.register.records.len(), 1, "one decision");
    // The home page, in each language, says where each kind of page goes.
    for (page, words) in [
        ("index.html", ["décision", "instance", "principe", "procès-verbal"]),
        ("en/index.html", ["decision", "body", "principle", "minutes"]),
    ] {
        let html = common::read(&out, page);
        let main = common::main_of(&html);
        for folder in ["content/decisions/", "content/committees/", "content/principles/", "content/meetings/"] {
            assert!(main.contains(folder), "{page} names {folder}");
        }
        for word in words {
            assert!(main.contains(word), "{page}: {word}");
        }
        assert!(main.contains("Coopérative X"), "{page}");
    }
}

fn yaml_front(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")).expect("front matter").0;
    serde_yaml::from_str(front).unwrap()
}

#[test]
fn one_language_or_english_first() {
    for list in [vec!["en"], vec!["en", "fr"], vec!["fr"], vec!["de", "fr"]] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        cahier::init::init(&root, &langs(&list), None, common::today()).unwrap();
        let out = tmp.path().join("public");
        let built = pipeline::build(&common::options(&root, &out)).unwrap_or_else(|(_, diags)| panic!("{list:?}: {diags:#?}"));
        assert!(built.compiled.diagnostics.is_empty(), "{list:?}: {:#?}", built.compiled.diagnostics);
        assert_eq!(yaml(&root.join("site.yaml"))["title"], "site", "the folder's name");
        let home = common::main_of(&common::read(&out, "index.html")).to_string();
        let english = list[0] != "fr";
        assert_eq!(home.contains("Where things go"), english, "{list:?}");
        assert_eq!(root.join(format!("content/_index.{}.md", list.get(1).unwrap_or(&"none"))).is_file(), list.len() == 2);
    }
}

#[test]
fn the_command_writes_the_site_and_says_what_next() {
    let tmp = tempfile::tempdir().unwrap();
    let run = cahier(&["init", "coop", "--title", "Coopérative X", "--lang", "fr,en"], tmp.path());
    let text = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(text.contains("site.yaml") && text.contains("cahier serve"), "{text}");
    let built = cahier(&["build", "--root", "coop"], tmp.path());
    assert_eq!(built.status.code(), Some(0), "{}", String::from_utf8_lossy(&built.stderr));
    let ignore = std::fs::read_to_string(tmp.path().join("coop/.gitignore")).unwrap();
    assert!(
        ignore.lines().any(|l| l.trim_matches('/') == "public") && ignore.lines().any(|l| l.trim_matches('/') == ".cahier-cache"),
        "{ignore}"
    );
}

#[test]
fn a_folder_that_holds_anything_is_refused_and_left_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, file) in [("notes", "notes.txt"), ("repo", ".git/HEAD")] {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
        std::fs::write(dir.join(file), "x").unwrap();
        let before = snapshot(&dir);
        let run = cahier(&["init", name], tmp.path());
        let err = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{err}");
        assert!(err.contains("is not empty") && err.contains("nothing was written"), "{err}");
        assert_eq!(snapshot(&dir), before, "{name}");
    }
    std::fs::write(tmp.path().join("a-file"), "x").unwrap();
    assert_eq!(cahier(&["init", "a-file"], tmp.path()).status.code(), Some(2));
    let bad = cahier(&["init", "new", "--lang", "fr,Français"], tmp.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(!tmp.path().join("new").exists(), "a bad language writes nothing");
    // An empty folder is fine.
    std::fs::create_dir(tmp.path().join("empty")).unwrap();
    assert_eq!(cahier(&["init", "empty"], tmp.path()).status.code(), Some(0));
}

#[test]
fn the_ci_recipes_check_pull_requests_and_publish() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("coop");
    cahier::init::init(&root, &langs(&["fr", "en"]), None, common::today()).unwrap();
    let steps = |job: &serde_yaml::Value| -> Vec<String> {
        job["steps"].as_sequence().unwrap().iter().filter_map(|s| s["run"].as_str().map(String::from)).collect()
    };
    let github = yaml(&root.join(".github/workflows/cahier.yml"));
    assert!(github["on"].get("pull_request").is_some(), "runs on pull requests");
    let check = &github["jobs"]["check"];
    assert!(check["if"].as_str().unwrap().contains("pull_request"));
    assert!(steps(check).iter().any(|s| s == "cahier check --format github"), "{:?}", steps(check));
    let publish = &github["jobs"]["publish"];
    assert!(steps(publish).iter().any(|s| s.starts_with("cahier build")));
    let uses: Vec<&str> = publish["steps"].as_sequence().unwrap().iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(uses.iter().any(|u| u.starts_with("actions/deploy-pages")), "{uses:?}");
    assert_eq!(publish["permissions"]["pages"], "write");

    let gitlab = yaml(&root.join(".gitlab-ci.yml"));
    let script = |job: &str| -> Vec<String> {
        gitlab[job]["script"].as_sequence().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(script("check"), ["cahier check --format github"]);
    assert!(gitlab["check"]["rules"][0]["if"].as_str().unwrap().contains("merge_request_event"));
    assert!(script("pages")[0].starts_with("cahier build"));
    assert_eq!(gitlab["pages"]["artifacts"]["paths"][0], "public", "GitLab Pages publishes public/");
}
