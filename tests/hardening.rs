//! Hostile and careless input, as a new user or an attacker would write it:
//! one test per finding of the hardening review, named after the behaviour
//! it guarantees. Nothing the user wrote is lost, nothing panics, and
//! nothing takes more than linear time.

mod common;

use std::path::Path;

use common::{cahier, copy_dir, site, snapshot};

/// A copy of the small fixture site in a fresh folder, as a git checkout.
fn user_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("coop");
    copy_dir(&common::fixture("basic"), &root);
    let _ = std::fs::remove_dir_all(root.join(".cahier-cache"));
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    (tmp, root)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_refused(out: &std::process::Output, words: &str) {
    assert_eq!(out.status.code(), Some(2), "refused with exit 2: {}", stderr(out));
    assert!(stderr(out).contains(words), "the message says why ({words}): {}", stderr(out));
}

/// What the user wrote, to check that it is all still there.
fn sources(root: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(root).into_iter().filter(|(p, _)| !p.starts_with(".cahier-cache") && !p.starts_with("public")).collect()
}

#[test]
fn build_refuses_the_site_folder_as_output() {
    let (_tmp, root) = user_site();
    let before = sources(&root);
    assert_refused(&cahier(&["build", "--out", "."], &root), "is the site folder or contains it");
    let r = root.to_str().unwrap();
    assert_refused(&cahier(&["build", "--root", r, "--out", r], Path::new("/")), "is the site folder");
    assert_eq!(sources(&root), before, "site.yaml, content/ and .git are untouched");
    let hidden: Vec<_> = std::fs::read_dir(root.parent().unwrap()).unwrap().flatten().filter(|e| e.file_name() != "coop").collect();
    assert!(hidden.is_empty(), "no staging folder is left behind: {hidden:?}");
}

#[test]
fn build_refuses_an_output_inside_the_sources() {
    let (_tmp, root) = user_site();
    let before = sources(&root);
    assert_refused(&cahier(&["build", "--out", "content"], &root), "inside the site's content/ folder");
    assert_refused(&cahier(&["build", "--out", "content/wiki/public"], &root), "content/");
    assert_refused(&cahier(&["build", "--out", "themes/x"], &root), "themes/");
    assert_refused(&cahier(&["build", "--out", ".git"], &root), ".git/");
    assert_eq!(sources(&root), before, "every .md source is still there");
}

#[test]
fn build_refuses_an_ancestor_of_the_site() {
    let (tmp, root) = user_site();
    std::fs::write(tmp.path().join("sibling.txt"), "mine").unwrap();
    assert_refused(&cahier(&["build", "--out", ".."], &root), "contains it");
    assert_refused(&cahier(&["build", "--out", "/"], &root), "contains it");
    assert_eq!(std::fs::read_to_string(tmp.path().join("sibling.txt")).unwrap(), "mine");
}

#[test]
fn build_refuses_a_folder_it_did_not_write_and_replaces_its_own() {
    let (tmp, root) = user_site();
    let other = tmp.path().join("photos");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("holiday.jpg"), "not a site").unwrap();
    let out = cahier(&["build", "--out", other.to_str().unwrap()], &root);
    assert_refused(&out, "cahier did not write it");
    assert!(stderr(&out).contains("holiday.jpg"), "names a file it would delete");
    assert_eq!(std::fs::read_to_string(other.join("holiday.jpg")).unwrap(), "not a site");

    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let first = cahier(&["build", "--out", empty.to_str().unwrap()], &root);
    assert_eq!(first.status.code(), Some(0), "an empty folder is accepted: {}", stderr(&first));
    assert!(empty.join(".cahier-output").is_file(), "the output carries the marker");
    std::fs::write(empty.join("stray.html"), "old").unwrap();
    let second = cahier(&["build", "--out", empty.to_str().unwrap()], &root);
    assert_eq!(second.status.code(), Some(0), "cahier's own output is replaced: {}", stderr(&second));
    assert!(!empty.join("stray.html").exists(), "the output is replaced whole");
}

#[test]
fn build_refuses_an_output_that_is_a_file_and_leaves_it_in_place() {
    let (_tmp, root) = user_site();
    std::fs::write(root.join("notes.txt"), "keep me").unwrap();
    assert_refused(&cahier(&["build", "--out", "notes.txt"], &root), "is a file");
    assert_eq!(std::fs::read_to_string(root.join("notes.txt")).unwrap(), "keep me");
    let names: Vec<String> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.contains("notes.txt.cahier")), "the file was not moved aside: {names:?}");
}

#[test]
fn a_leftover_read_only_previous_output_does_not_break_later_builds() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, root) = user_site();
    let old = root.join(".public.cahier-old");
    std::fs::create_dir_all(old.join("deep")).unwrap();
    std::fs::write(old.join("deep/index.html"), "old").unwrap();
    std::fs::set_permissions(old.join("deep"), std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o555)).unwrap();
    for _ in 0..2 {
        let out = cahier(&["build"], &root);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert!(!old.exists(), "the leftover is cleared");
    assert!(root.join("public/index.html").is_file());
}

#[test]
fn two_builds_at_once_into_one_folder_both_succeed() {
    let (_tmp, root) = user_site();
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_cahier"))
            .args(["build"])
            .current_dir(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for _ in 0..3 {
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
        }
    }
    assert!(root.join("public/index.html").is_file());
}

#[test]
fn links_with_a_percent_before_accented_letters_do_not_panic() {
    let s = site(&[
        (
            "content/a.md",
            "---\ntitle: A\n---\n[x](100%-équipe.md) [y](%aé.md) ![i](100%-équipe.png)\n\n[r][ref]\n\n[ref]: 100%-équipe.md\n",
        ),
        ("content/b.md", "---\ntitle: B\n---\n"),
    ]);
    let out = cahier(&["check", "--format", "json"], s.path());
    assert_eq!(out.status.code(), Some(1), "broken links are errors, not a crash: {}", stderr(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let broken = list.as_array().unwrap().iter().filter(|d| d["code"] == "broken-link").count();
    assert_eq!(broken, 3, "{list:#}");
}

#[test]
fn forty_thousand_links_are_checked_with_their_lines() {
    let body = "[[nowhere]]\n".repeat(40_000);
    let s = site(&[("content/a.md", &format!("---\ntitle: A\n---\n{body}")), ("site.yaml", "broken_links: warn\n")]);
    let compiled = common::compile_dir(s.path());
    let lines: Vec<usize> = compiled.diagnostics.iter().filter(|d| d.code.as_str() == "broken-link").map(|d| d.line).collect();
    assert_eq!(lines.len(), 40_000);
    assert_eq!((lines[0], lines[39_999]), (4, 40_003), "each link on its own line");
    let one_line = "[b](b.md) ".repeat(200_000);
    let s = site(&[("content/a.md", &format!("---\ntitle: A\n---\n{one_line}\n")), ("content/b.md", "---\ntitle: B\n---\n")]);
    let compiled = common::compile_dir(s.path());
    assert!(!compiled.has_errors());
    let site = compiled.site.unwrap();
    let a = site.pages.iter().position(|p| p.id.as_str() == "a").unwrap();
    assert_eq!(site.links[a].len(), 200_000);
    assert_eq!(site.backlinks[site.group_of(site.pages.iter().position(|p| p.id.as_str() == "b").unwrap())], vec![a], "one backlink");
}

/// A site with a committee and `n` decisions, each superseding the one before.
fn chain_site(n: usize) -> tempfile::TempDir {
    let mut files = vec![("content/committees/ct.md".to_string(), "---\ntitle: CT\n---\n".to_string())];
    for i in 0..n {
        let sup = if i > 0 { format!("supersedes: [d{}]\n", i - 1) } else { String::new() };
        files.push((
            format!("content/decisions/d{i}.md"),
            format!("---\ntitle: Décision {i}\ndate: 2020-01-01\nby: ct\n{sup}---\nRègle numéro {i}.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    site(&refs)
}

#[test]
fn a_long_supersession_chain_resolves_to_its_end_and_pages_show_a_window() {
    let s = chain_site(2_000);
    let (_out_tmp, out) = common::build_dir(s.path());
    let json: serde_json::Value = serde_json::from_str(&common::read(&out, "decisions.json")).unwrap();
    let current: Vec<&str> = json.as_array().unwrap().iter().map(|d| d["current"].as_str().unwrap()).collect();
    assert!(current.iter().all(|c| *c == "decisions/d1999"), "every decision leads to the last one");
    let page = common::read(&out, "decisions/d1000/index.html");
    let rows = page.matches("<li").count() - common::read(&out, "decisions/d0/index.html").matches("<li").count();
    assert!(page.contains("class=\"gap\""), "the chain shows where decisions are left out");
    assert!(page.contains("Décision 1999") && page.contains("Décision 995") && !page.contains("Décision 994<"), "a window and the end");
    assert!(rows < 20, "a bounded chain, not two thousand rows");
}

#[test]
fn many_similar_decisions_report_a_few_repeats_each() {
    let words = "embauche salarié trésorerie coopérative assemblée gel recrutement budget poste contrat formation stagiaire mission client projet facture associé capital réserve prime salaire horaire télétravail bureau loyer serveur hébergement domaine logiciel libre";
    let words: Vec<&str> = words.split(' ').collect();
    let mut files = vec![("content/committees/ct.md".to_string(), "---\ntitle: CT\n---\n".to_string())];
    for i in 0..400usize {
        // Each decision leaves out three words of the list: similar, not equal.
        let text: Vec<&str> =
            words.iter().enumerate().filter(|(k, _)| (k + i) % 10 >= 3 || (k * 7 + i) % 4 != 0).map(|(_, w)| *w).collect();
        files.push((
            format!("content/decisions/s{i}.md"),
            format!("---\ntitle: Décision {i}\ndate: 2020-01-01\nby: ct\n---\n{}.\n", text.join(" ")),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = site(&refs);
    let compiled = common::compile_dir(s.path());
    let mut per_file = std::collections::HashMap::new();
    for d in compiled.diagnostics.iter().filter(|d| d.code.as_str() == "possible-repeat") {
        *per_file.entry(d.file.clone()).or_insert(0) += 1;
    }
    assert!(per_file.len() > 100, "repeats are found: {}", per_file.len());
    assert!(per_file.values().all(|&n| n <= 3), "at most three per decision");
}

#[test]
fn deep_nesting_is_cut_or_refused_quickly() {
    let divs = format!("{}texte gardé{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let yaml = format!("---\ntitle: B\nx: {}\n---\n", "[".repeat(100_000));
    let s = site(&[("content/a.md", &format!("---\ntitle: A\n---\n{divs}\n")), ("content/b.md", &yaml)]);
    let compiled = common::compile_dir(s.path());
    let errors: Vec<_> = compiled.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!((errors[0].code.as_str(), errors[0].file.as_str(), errors[0].line), ("yaml-syntax", "content/b.md", 3));
    assert!(errors[0].message.contains("nested more than"), "{}", errors[0].message);
    let s = site(&[("content/a.md", &format!("---\ntitle: A\n---\n{divs}\n"))]);
    let (_t, out) = common::build_dir(s.path());
    let page = common::read(&out, "a/index.html");
    assert!(page.contains("texte gardé"), "the text stays");
    assert!(page.matches("<div>").count() <= 512, "nesting is cut at the documented depth");
}

#[test]
fn aliases_may_not_replace_generated_pages_or_their_own() {
    let s = site(&[
        ("content/committees/ct.md", "---\ntitle: CT\n---\n"),
        (
            "content/wiki/a.md",
            "---\ntitle: A\naliases: [\"/\", \"\", \".\", \"..\", decisions, topics/x, wiki/a, wiki, committees/ct]\n---\n",
        ),
    ]);
    let compiled = common::compile_dir(s.path());
    let dup: Vec<&str> = compiled.diagnostics.iter().filter(|d| d.code.as_str() == "duplicate-id").map(|d| d.message.as_str()).collect();
    assert_eq!(dup.len(), 9, "{dup:#?}");
    assert!(dup.iter().all(|m| m.contains("of `wiki/a`")), "names the page: {dup:#?}");
    assert!(dup.iter().any(|m| m.contains("used by this page itself")));
    assert!(dup.iter().any(|m| m.contains("used by `committees/ct`")));
    assert!(dup.iter().filter(|m| m.contains("a page cahier writes")).count() == 7, "{dup:#?}");
}

#[test]
fn an_empty_id_is_a_bad_id_error() {
    let s = site(&[("content/a.md", "---\ntitle: A\nid: \"\"\n---\n")]);
    let out = cahier(&["check", "--format", "json"], s.path());
    assert_eq!(out.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(list[0]["code"], "bad-id", "{list:#}");
    assert_eq!((list[0]["line"].as_u64(), list[0]["file"].as_str()), (Some(3), Some("content/a.md")));
}

#[test]
fn control_characters_never_leave_the_program() {
    let s = site(&[
        ("content/committees/ct.md", "---\ntitle: CT\n---\n"),
        (
            "content/decisions/d.md",
            "---\ntitle: \"Bell\\u0007 and \\u001b[31mred\"\nsummary: \"x\\u0000y\"\ndate: 2020-01-01\nby: ct\n---\nBody \u{1b}[2J here.\n",
        ),
    ]);
    let (_t, out) = common::build_dir(s.path());
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')), "{path} has a control character");
    }
    let feed = common::read(&out, "feed.xml");
    assert!(feed.contains("Bell\u{FFFD} and \u{FFFD}[31mred"), "replaced where it stood");
    let build = cahier(&["build", "--out", "../site"], s.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let search = cahier(&["search", "Bell"], s.path());
    assert!(search.status.success(), "{}", stderr(&search));
    assert!(!search.stdout.contains(&0x1b), "no escape sequence reaches the terminal");
}

#[test]
fn a_wikilink_to_a_heading_of_the_same_page_stays_on_the_page() {
    let s = site(&[("content/a.md", "---\ntitle: A\n---\nSee [[#Plus bas]] and [[#Nulle part]].\n\n## Plus bas\n")]);
    let compiled = common::compile_dir(s.path());
    let warnings: Vec<&str> = compiled.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(warnings, ["this page has no heading `#Nulle part`"]);
    let (_t, out) = common::build_dir(s.path());
    let page = common::read(&out, "a/index.html");
    assert!(page.contains("href=\"#plus-bas\""), "{}", common::main_of(&page));
}

#[test]
fn only_web_urls_are_accepted_for_repo_url_and_base_url() {
    let s = site(&[
        ("site.yaml", "repo_url: \"javascript:alert(1)\"\nbase_url: \"data:text/html,x\"\n"),
        ("content/a.md", "---\ntitle: A\n---\n"),
    ]);
    let compiled = common::compile_dir(s.path());
    let bad: Vec<(&str, usize)> =
        compiled.diagnostics.iter().filter(|d| d.code.as_str() == "bad-value").map(|d| (d.file.as_str(), d.line)).collect();
    assert_eq!(bad, [("site.yaml", 1), ("site.yaml", 2)]);
    let ok = site(&[("content/a.md", "---\ntitle: A\n---\n")]);
    assert_refused(&cahier(&["build", "--base-url", "javascript:x"], ok.path()), "--base-url");
}

#[test]
fn two_builds_of_one_site_are_byte_identical() {
    let (_a, first) = common::build("basic");
    let (_b, second) = common::build("basic");
    assert_eq!(snapshot(&first), snapshot(&second));
}

#[test]
fn new_checks_the_site_the_committee_and_the_topics() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("nonexistent");
    let r = cahier(&["new", "page", "X", "--root", nowhere.to_str().unwrap()], tmp.path());
    assert_refused(&r, "not a site folder");
    assert!(!nowhere.exists(), "no folder tree is created");
    let (_t, root) = user_site();
    assert_refused(&cahier(&["new", "decision", "X", "--by", "comite-fantome"], &root), "no committee has the id `comite-fantome`");
    assert_refused(&cahier(&["new", "decision", "X", "--by", "ct", "--topic", "inconnu"], &root), "`inconnu` is not a topic");
    let long = "Décision au titre interminable ".repeat(200);
    let r = cahier(&["new", "page", &long], &root);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    let name = String::from_utf8_lossy(&r.stdout).trim().rsplit('/').next().unwrap().to_string();
    assert!(name.len() < 100 && name.starts_with("decision-au-titre"), "{name}");
}

#[test]
fn diagnostics_point_at_the_line_that_is_wrong() {
    let s = site(&[
        ("content/committees/ct.md", "---\ntitle: CT\n---\n"),
        ("content/decisions/dup.md", "---\ntitle: A\ndate: 2020-01-01\nby: ct\ntitle: B\n---\n"),
        (
            "content/decisions/fu.md",
            "---\ntitle: F\ndate: 2020-01-01\nby: ct\nreview: 2021-01-01\nfollow_up: {owner: ct, due: 2020-13-01}\n---\n",
        ),
        ("content/meetings/m.md", "---\ntitle: M\ndate: 2020-02-02\nby: ct\n---\n\n```decision\nstatus: adopted\n```\n"),
        ("content/mac.md", "---\rtitle: Mac\rtopics: [nope]\r---\rText\r"),
        ("content/_index.md", "---\ntitle: Accueil\n---\n[[#absent]]\n"),
    ]);
    let compiled = common::compile_dir(s.path());
    let at = |code: &str, file: &str| common::diag(&compiled.diagnostics, code, file);
    assert_eq!(at("yaml-syntax", "content/decisions/dup.md").line, 5, "the second `title`");
    let fu = at("bad-value", "content/decisions/fu.md");
    assert_eq!((fu.line, fu.column), (6, 29), "the bad date inside the flow mapping");
    let untitled: Vec<&str> = compiled.diagnostics.iter().filter(|d| d.file == "content/meetings/m.md").map(|d| d.code.as_str()).collect();
    assert_eq!(untitled, ["missing-field"], "an untitled inline decision is one problem");
    assert_eq!(at("unknown-topic", "content/mac.md").line, 3, "lone CR ends lines");
    assert!(compiled.diagnostics.iter().all(|d| !d.message.contains("``")), "no message names an empty id");
}

#[test]
fn a_site_whose_cache_cannot_be_written_still_builds() {
    // As root, permissions do not stop a write: a file where the cache
    // folder should be does, as a read-only checkout would.
    let (tmp, root) = user_site();
    std::fs::write(root.join(".cahier-cache"), "not a folder").unwrap();
    let out = tmp.path().join("out");
    let r = cahier(&["build", "--out", out.to_str().unwrap()], &root);
    assert_eq!(r.status.code(), Some(0), "{}", stderr(&r));
    assert!(out.join("index.html").is_file());
    assert!(tmp.path().join(".out.cahier-lock").is_file(), "the lock moved next to the output");
}
