//! History from git (spec 14.1): page histories, `/changes/` and
//! `/changes.xml`, on repositories made by the tests with backdated
//! commits, and on the example replayed by `tests/example_history.py`.

mod common;

use std::path::Path;
use std::process::Command;

use common::{build_dir, main_of, read, site};

/// Runs git in `dir` as `author` on `date`, with no global configuration.
fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let stamp = format!("{date}T12:00:00+0000");
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author)
        .env("GIT_AUTHOR_EMAIL", "a@example.org")
        .env("GIT_COMMITTER_NAME", author)
        .env("GIT_COMMITTER_EMAIL", "a@example.org")
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn commit(dir: &Path, author: &str, date: &str, subject: &str) {
    git(dir, author, date, &["add", "-A"]);
    git(dir, author, date, &["commit", "-q", "--no-gpg-sign", "-m", subject]);
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const SITE: &str = "title: Coop\nbase_url: https://coop.example/\nrepo_url: https://forge.example/coop/wiki\nlanguages: [fr]\n";

/// A wiki with a page added then changed, a page moved to a folder, and a
/// page added then deleted, each by someone else on another day.
fn repository(site_yaml: &str) -> tempfile::TempDir {
    let dir = site(&[("site.yaml", site_yaml)]);
    let d = dir.path();
    git(d, "Ana", "2020-01-10", &["init", "-q", "-b", "main"]);
    write(d, "content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n");
    write(d, "content/reunions.md", "---\ntitle: Réunions\n---\nLe lundi.\n");
    write(d, "content/outils.md", "---\ntitle: Outils\n---\nNos outils.\n");
    commit(d, "Ana", "2020-01-10", "Création du wiki");
    write(d, "content/reunions.md", "---\ntitle: Réunions\n---\nLe lundi, à 10 h.\n");
    commit(d, "Bruno", "2021-03-04", "Précise l'heure des réunions");
    std::fs::create_dir_all(d.join("content/wiki")).unwrap();
    git(d, "Chloé", "2022-05-06", &["mv", "content/outils.md", "content/wiki/outils.md"]);
    commit(d, "Chloé", "2022-05-06", "Range les outils dans le wiki");
    write(d, "content/brouillon.md", "---\ntitle: Brouillon\n---\nÀ voir.\n");
    commit(d, "Ana", "2023-02-01", "Brouillon de charte");
    git(d, "Bruno", "2023-09-15", &["rm", "-q", "content/brouillon.md"]);
    commit(d, "Bruno", "2023-09-15", "Supprime le brouillon");
    dir
}

/// The `<li>` items of a page's history, as text.
fn history_items(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=\"history-list\"") else { return Vec::new() };
    let list = &html[start..html[start..].find("</ol>").map_or(html.len(), |e| start + e)];
    list.split("<li>").skip(1).map(|li| li.split("</li>").next().unwrap_or("").to_string()).collect()
}

#[test]
fn each_page_lists_its_changes_renames_included() {
    let repo = repository(SITE);
    let (_tmp, out) = build_dir(repo.path());

    let meetings = read(&out, "reunions/index.html");
    let items = history_items(&meetings);
    assert_eq!(items.len(), 2, "{items:#?}");
    assert!(items[0].contains("2021-03-04") && items[0].contains("heure des réunions") && items[0].contains("Bruno"));
    assert!(items[1].contains("2020-01-10") && items[1].contains("Création du wiki") && items[1].contains("Ana"));
    assert!(items[0].contains("href=\"https://forge.example/coop/wiki/commit/"), "commits link to the forge: {}", items[0]);
    assert!(meetings.contains("https://forge.example/coop/wiki/commits/main/content/reunions.md"), "and the full log too");
    // The last update is the last commit's day.
    assert!(meetings.contains("2021-03-04"));

    // The moved page keeps what happened before the move.
    let tools = history_items(&read(&out, "wiki/outils/index.html"));
    assert_eq!(tools.len(), 2, "{tools:#?}");
    assert!(tools[0].contains("Range les outils dans le wiki") && tools[0].contains("déplacée"));
    assert!(tools[1].contains("Création du wiki") && tools[1].contains("créée"));
}

#[test]
fn recent_changes_are_grouped_by_day_newest_first_with_deleted_pages_unlinked() {
    let repo = repository(SITE);
    let (_tmp, out) = build_dir(repo.path());
    let changes = read(&out, "changes/index.html");
    let main = main_of(&changes);
    let days: Vec<&str> = main.match_indices("<h2 id=\"day-").map(|(i, _)| &main[i + 12..i + 22]).collect();
    assert_eq!(days, ["2023-09-15", "2023-02-01", "2022-05-06", "2021-03-04", "2020-01-10"]);
    // The deleted page is named by its file, without a link.
    let deleted = &main[main.find("Supprime le brouillon").unwrap()..main.find("day-2023-02-01").unwrap()];
    assert!(deleted.contains("<span class=\"gone\">brouillon.md</span>"), "{deleted}");
    assert!(deleted.contains("supprimée"));
    // Pages that exist are linked, relative to /changes/.
    assert!(main.contains("<a href=\"../wiki/outils/\">Outils</a>"), "{main}");
    assert!(main.contains("Ana") && main.contains("Bruno"));

    let feed = read(&out, "changes.xml");
    assert_eq!(feed.matches("<entry>").count(), 5);
    assert!(feed.contains("<title>Supprime le brouillon</title>"));
    assert!(feed.contains("<name>Bruno</name>"));
    assert!(feed.find("Supprime le brouillon").unwrap() < feed.find("Création du wiki").unwrap(), "newest first");
}

#[test]
fn authors_are_left_out_when_the_site_asks() {
    let repo = repository(&format!("{SITE}show_authors: false\n"));
    let (_tmp, out) = build_dir(repo.path());
    for page in ["reunions/index.html", "changes/index.html", "changes.xml", "wiki/outils/index.html"] {
        let text = read(&out, page);
        for name in ["Ana", "Bruno", "Chloé"] {
            assert!(!text.contains(name), "{page} names {name}");
        }
    }
    // The changes themselves are still there.
    assert!(read(&out, "changes/index.html").contains("heure des réunions"));
}

#[test]
fn a_site_outside_git_builds_and_says_so() {
    let dir = site(&[
        ("site.yaml", SITE),
        ("content/_index.md", "---\ntitle: Accueil\n---\nBienvenue.\n"),
        ("content/a.md", "---\ntitle: A\n---\nTexte.\n"),
    ]);
    let out = dir.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_cahier"))
        .args(["build", "--root"])
        .arg(dir.path())
        .current_dir(dir.path())
        // Never find a repository above the temporary folder.
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("is not in a git repository"), "{stderr}");
    assert!(read(&out, "changes/index.html").contains("pas dans un dépôt git"));
    assert!(history_items(&read(&out, "a/index.html")).is_empty());
    assert!(!read(&out, "a/index.html").contains("page-history"));
    // The feed is there, valid and empty.
    let feed = read(&out, "changes.xml");
    assert!(feed.starts_with("<?xml") && feed.ends_with("</feed>\n") && !feed.contains("<entry>"));
}

#[test]
fn the_example_replayed_as_a_repository_shows_its_history() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("konbit");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/example_history.py");
    let run = Command::new("python3")
        .arg(&script)
        .arg(&repo)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("python3 runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let (_out_tmp, out) = build_dir(&repo);
    // The page moved in 2013 keeps its first version of 2006.
    let tools = history_items(&read(&out, "wiki/outils/index.html"));
    assert!(tools.iter().any(|i| i.contains("Range la page des outils dans le wiki")), "{tools:#?}");
    assert!(tools.iter().any(|i| i.contains("2006-04-10")), "{tools:#?}");
    // Decisions were committed on the day they were taken.
    let decision = std::fs::read_dir(repo.join("content/decisions")).unwrap().flatten().map(|e| e.path()).min().unwrap();
    let stem = decision.file_stem().unwrap().to_str().unwrap();
    let page = read(&out, &format!("decisions/{stem}/index.html"));
    assert!(history_items(&page).iter().any(|i| i.contains(&stem[..10])), "{stem}: {:#?}", history_items(&page));
}

#[test]
fn the_log_is_kept_for_the_next_build_and_extended_after_new_commits() {
    let repo = repository(SITE);
    let d = repo.path();
    let head = |d: &Path| {
        let out = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(d).output().unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let cached_head = |d: &Path| {
        let log = std::fs::read(d.join(".cahier-cache/history.log")).expect("the build keeps the log");
        String::from_utf8_lossy(&log[..log.iter().position(|&b| b == b'\n').unwrap()]).to_string()
    };
    let (_a, _) = build_dir(d);
    assert_eq!(cached_head(d), head(d));
    // A new commit: only it is read, and it comes first.
    write(d, "content/reunions.md", "---\ntitle: Réunions\n---\nLe mardi, à 10 h.\n");
    commit(d, "Dalia", "2024-01-08", "Les réunions passent au mardi");
    let (_b, out) = build_dir(d);
    assert_eq!(cached_head(d), head(d));
    let items = history_items(&read(&out, "reunions/index.html"));
    assert_eq!(items.len(), 3, "{items:#?}");
    assert!(items[0].contains("passent au mardi") && items[2].contains("Création du wiki"));
    // History rewritten: the kept log is not used.
    git(d, "Dalia", "2024-01-09", &["commit", "-q", "--no-gpg-sign", "--amend", "-m", "Réunions le mardi"]);
    let (_c, out) = build_dir(d);
    let items = history_items(&read(&out, "reunions/index.html"));
    assert_eq!(items.len(), 3, "{items:#?}");
    assert!(items[0].contains("Réunions le mardi") && !read(&out, "changes/index.html").contains("passent au mardi"));
}
