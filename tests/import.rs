//! `cahier import log` (spec section 15) on a realistic log: the French
//! "cahier de décisions" of a web cooperative, 2004 to 2016, written by many
//! hands in every date style (`tests/logs/cahier-de-decisions.wiki`),
//! imported into the Konbit site's committees and vocabulary
//! (`tests/sites/import`).
//!
//! What the log holds, by design (the counts below follow from it, not
//! from a run): 80 decisions in 40 dated sections; 3 stray notes before the
//! first date; a list of people present beside a section's list; a section
//! of a "Comité des fêtes" the site does not have (2 items); a note under
//! the undated heading "Divers". Sections named "Réunion générale" and
//! "journée de réflexion" need `--map`; two sections name no body and take
//! `--by`. One rule (the office closed over the winter holidays) was
//! recorded in 2008 and again, nearly word for word, in 2015.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{cahier, copy_dir, snapshot};

const DECISIONS: usize = 80;
const LOG: &str = "cahier-de-decisions.wiki";

fn log_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/logs").join(LOG)
}

fn log_text() -> String {
    std::fs::read_to_string(log_path()).unwrap()
}

/// The number of the first line of the log that contains `needle`.
fn line_of(needle: &str) -> usize {
    log_text().lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("`{needle}` is not in the log")) + 1
}

/// A copy of the fixture site, with the log beside it.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&common::fixture("import"), &root);
    let log = tmp.path().join(LOG);
    std::fs::copy(log_path(), &log).unwrap();
    (tmp, root, log)
}

/// The arguments that place every section the site can place.
const PLACED: [&str; 6] = ["--by", "ct", "--map", "Réunion générale=ag", "--map", "journée de réflexion=ct"];

fn import(root: &Path, log: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["import", "log", log.to_str().unwrap(), "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    cahier(&args, Path::new("."))
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// An imported decision as its file says it.
#[derive(Debug)]
struct Imported {
    path: PathBuf,
    front: serde_yaml::Mapping,
    body: String,
}

impl Imported {
    fn get(&self, key: &str) -> String {
        match self.front.get(key) {
            Some(serde_yaml::Value::String(s)) => s.clone(),
            Some(other) => serde_yaml::to_string(other).unwrap().trim().to_string(),
            None => String::new(),
        }
    }

    fn topics(&self) -> Vec<String> {
        self.front.get("topics").map(|t| serde_yaml::from_value(t.clone()).unwrap()).unwrap_or_default()
    }

    fn file_name(&self) -> String {
        self.path.file_name().unwrap().to_string_lossy().into_owned()
    }
}

/// The decisions of the site by the log line they were imported from.
fn imported(root: &Path) -> BTreeMap<usize, Imported> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(root.join("content/decisions")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let rest = text.strip_prefix("---\n").expect("front matter");
        let (yaml, body) = rest.split_once("\n---\n").expect("closed front matter");
        let front: serde_yaml::Mapping = serde_yaml::from_str(yaml).unwrap();
        let item = Imported { path: entry.path(), front, body: body.trim().to_string() };
        let origin = item.get("imported_from");
        let line = origin.strip_prefix(&format!("{LOG}:")).unwrap_or_else(|| panic!("imported_from: {origin}")).parse().unwrap();
        assert!(out.insert(line, item).is_none(), "two decisions from line {line}");
    }
    out
}

#[test]
fn imports_one_file_per_decision_and_reports_what_it_could_not_place() {
    let (_tmp, root, log) = site();
    let run = import(&root, &log, &PLACED);
    let out = stdout(&run);
    assert_eq!(run.status.code(), Some(1), "some lines were not placed: {out}{}", String::from_utf8_lossy(&run.stderr));
    assert!(out.contains(&format!("{DECISIONS} written, 0 skipped (already imported), 7 lines not placed")), "{out}");
    let decisions = imported(&root);
    assert_eq!(decisions.len(), DECISIONS);
    let stray = [
        "Cette page est le cahier",
        "(Karim : j'ai recopié",
        "À faire : relire",
        "Présents : Karim",
        "Le souper de fin",
        "Chaque personne apporte un plat",
        "Penser à mettre à jour",
    ];
    let mut expected: Vec<usize> = stray.iter().map(|s| line_of(s)).collect();
    expected.sort();
    let reported: Vec<usize> = out.lines().filter_map(|l| l.split_once(" │ ")).map(|(n, _)| n.trim().parse().unwrap()).collect();
    assert_eq!(reported, expected, "{out}");
    assert!(out.contains(&format!("{LOG}:{}: not placed: no dated section above it", line_of("Cette page est"))), "{out}");
    let fetes = line_of("Le souper de fin");
    assert!(out.contains(&format!("{LOG}:{fetes}: not placed: its section (line {}) names `Comité des fêtes`", fetes - 1)), "{out}");
    assert!(out.contains("--map \"Comité des fêtes=COMMITTEE\""), "a hint: {out}");
    for (line, d) in &decisions {
        assert!(d.file_name().starts_with(&d.get("date")), "{line}: {}", d.file_name());
        assert!(!d.get("title").is_empty() && !d.body.is_empty(), "{line}");
        assert!(!stray.iter().any(|s| d.body.contains(s)), "a stray line became a decision: {}", d.body);
    }
}

#[test]
fn every_date_form_lands_on_its_day() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let decisions = imported(&root);
    let cases = [
        ("fin du gel des embauches", "2012-01-10"),             // 2012-01-10 (ISO)
        ("Les factures aux clients partent", "2005-11-14"),     // 14/11/2005
        ("Les notes de frais sont remboursées", "2008-06-03"),  // 03/06/2008: day first
        ("Le salaire varie selon l'ancienneté", "2009-04-07"),  // '''07/04/2009'''
        ("La coopérative loue un local", "2008-06-17"),         // 17 juin 2008
        ("Le bureau est fermé entre Noël", "2008-12-02"),       // 2 décembre 2008
        ("Les congés se prennent", "2007-03-01"),               // 1er mars 2007
        ("Le taux horaire unique passe à 17", "2006-02-21"),    // 21 févr. 2006
        ("La coordination est partagée", "2009-10-20"),         // 20 oct. 2009
        ("Un espace non mixte", "2011-11-08"),                  // 8 nov. 2011
        ("tient le registre des membres", "2008-02-12"),        // 12 févr. 2008
        ("We apply for the city's digital", "2010-05-25"),      // May 25, 2010
        ("Gel des embauches", "2010-07-06"),                    // July 6, 2010
        ("Expenses under 100 $", "2016-04-12"),                 // April 12, 2016
        ("Le taux horaire unique passe à 21", "2013-06-01"),    // Juin 2013
        ("Les ventes sont revues chaque mois", "2013-11-01"),   // Novembre 2013
        ("rendent leurs accès aux serveurs", "2009-01-01"),     // janv. 2009
        ("Chaque personne a droit à cinq jours", "2015-01-12"), // 12 janvier 2015
        ("Les sauvegardes des serveurs", "2015-11-24"),         // 24/11/2015
        ("La coopérative est fondée", "2004-06-12"),            // Réunion générale du 12 juin 2004
    ];
    for (needle, date) in cases {
        let d = &decisions[&line_of(needle)];
        assert_eq!(d.get("date"), date, "{needle}");
    }
    // A date inside a sentence is text: the freeze's review date starts no
    // section, and the item stays whole.
    let freeze = &decisions[&line_of("Gel des embauches")];
    assert!(freeze.body.contains("Le gel sera réexaminé le 1er décembre 2010."), "{}", freeze.body);
    assert!(!decisions.values().any(|d| d.get("date") == "2010-12-01" || d.get("date") == "2006-03-01"));
}

#[test]
fn bodies_come_from_the_heading_by_id_title_or_map_else_from_by() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let decisions = imported(&root);
    let cases = [
        ("Les factures aux clients partent", "ct"),        // "14/11/2005 CT": the id
        ("Le CA signe les documents légaux", "ca"),        // "(CA)"
        ("La coopérative loue un local", "ct"),            // "Comité de travail": the title
        ("La cotisation annuelle", "ag"),                  // "Assemblée générale": the title
        ("Le taux horaire unique passe à 22", "ag"),       // "(AG)"
        ("Les huit principes fondateurs", "ag"),           // "Réunion générale", through --map
        ("Une journée de réflexion a lieu", "ct"),         // "journée de réflexion", through --map
        ("Les congés se prennent", "ct"),                  // no body: --by
        ("L'ordre du jour des réunions est publié", "ct"), // no body, paragraphs: --by
    ];
    for (needle, by) in cases {
        assert_eq!(decisions[&line_of(needle)].get("by"), by, "{needle}");
    }
    // Without the maps and --by, those sections are reported, with the
    // option that would place them.
    let (_tmp, root, log) = site();
    let run = import(&root, &log, &[]);
    let out = stdout(&run);
    assert_eq!(run.status.code(), Some(1));
    let general = line_of("Réunion générale du 12 juin 2004");
    assert!(out.contains(&format!("its section (line {general}) names `Réunion générale`")), "{out}");
    assert!(out.contains("--map \"Réunion générale=COMMITTEE\""), "{out}");
    assert!(out.contains(&format!("its section (line {}) names no body: pass --by COMMITTEE", line_of("=== 1er mars 2007"))), "{out}");
    let placed = imported(&root);
    assert!(!placed.contains_key(&line_of("Les huit principes")) && placed.contains_key(&line_of("Les factures aux clients")));
}

#[test]
fn topics_are_guessed_from_the_vocabulary_of_site_yaml() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let decisions = imported(&root);
    let topics = |needle: &str| decisions[&line_of(needle)].topics();
    // "bureau" (alias), "congés" (an alias in the singular), "vacances" (alias)
    assert_eq!(topics("Le bureau est fermé entre Noël"), ["conges", "lieu-de-travail"]);
    // "taux horaire", an alias of two words
    assert_eq!(topics("Le taux horaire est le même pour tout le monde"), ["remuneration"]);
    // "coordination" and "IRC", whatever the case
    assert_eq!(topics("On ouvre un canal IRC"), ["organisation", "outils"]);
    // an English alias
    assert_eq!(topics("Expenses under 100 $"), ["finances"]);
    // nothing the vocabulary knows: no topics at all
    assert!(topics("We apply for the city's digital").is_empty());
    let grant = std::fs::read_to_string(&decisions[&line_of("We apply for the city's digital")].path).unwrap();
    assert!(!grant.contains("topics:"), "{grant}");
}

#[test]
fn titles_are_first_sentences_and_bodies_are_markdown() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let decisions = imported(&root);
    for d in decisions.values() {
        let title = d.get("title");
        assert!(title.chars().count() < 80 && !title.ends_with('.'), "{title}");
    }
    let freeze = &decisions[&line_of("Gel des embauches")];
    let title = freeze.get("title");
    assert!(title.starts_with("Gel des embauches : aucune nouvelle embauche") && title.ends_with('…'), "cut at a word: {title}");
    assert!(freeze.body.starts_with("**Gel des embauches** : aucune"), "MediaWiki bold as Markdown: {}", freeze.body);
    assert_eq!(
        decisions[&line_of("Achat d'un deuxième serveur")].get("title"),
        "Achat d'un deuxième serveur pour l'hébergement des sites des clients"
    );
    let guide = &decisions[&line_of("Guide d'accueil")];
    assert!(
        guide.body.contains("Le guide d'accueil est écrit") && !guide.body.contains("[["),
        "a link to the old wiki becomes its label: {}",
        guide.body
    );
    let first = &decisions[&line_of("fin du gel des embauches")];
    assert_eq!(
        (first.get("title").as_str(), first.body.as_str()),
        (
            "Fin du gel des embauches ; le CT peut de nouveau stabiliser des pigistes",
            "fin du gel des embauches ; le CT peut de nouveau stabiliser des pigistes."
        )
    );
}

#[test]
fn running_again_writes_nothing_new_and_a_grown_log_adds_only_its_new_items() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let before = snapshot(&root);
    let again = import(&root, &log, &PLACED);
    let out = stdout(&again);
    assert!(out.contains(&format!("0 written, {DECISIONS} skipped (already imported), 7 lines not placed")), "{out}");
    assert_eq!(snapshot(&root), before, "no file touched");
    let mut grown = log_text();
    grown.push_str("\n== 7 mars 2017 (CT) ==\n* Le local ferme à 18 h le vendredi.\n");
    std::fs::write(&log, grown).unwrap();
    let third = import(&root, &log, &PLACED);
    let out = stdout(&third);
    assert!(out.contains(&format!("1 written, {DECISIONS} skipped (already imported)")), "{out}");
    assert!(root.join("content/decisions/2017-03-07-le-local-ferme-a-18-h-le-vendredi.md").is_file());
}

#[test]
fn a_dry_run_prints_the_summary_and_writes_nothing() {
    let (_tmp, root, log) = site();
    let before = snapshot(&root);
    let run = import(&root, &log, &[&PLACED[..], &["--dry-run"]].concat());
    let out = stdout(&run);
    assert_eq!(run.status.code(), Some(1), "the same exit status as the import itself");
    assert!(
        out.contains(&format!("{DECISIONS} to write, 0 skipped (already imported), 7 lines not placed (dry run: nothing written)")),
        "{out}"
    );
    assert!(out.contains("would write content/decisions/2010-07-06-gel-des-embauches"), "{out}");
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_log_edited_after_the_import_is_refused_and_nothing_is_written() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let server = line_of("Achat d'un deuxième serveur");
    let old_file = imported(&root)[&server].path.clone();
    let edited = log_text().replace("Achat d'un deuxième serveur", "Achat de deux serveurs");
    std::fs::write(&log, edited).unwrap();
    let before = snapshot(&root);
    let run = import(&root, &log, &PLACED);
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(err.contains("refusing to import") && err.contains("nothing was written"), "{err}");
    let rel = old_file.strip_prefix(&root).unwrap().display().to_string();
    assert!(err.contains(&format!("{rel} (imported_from: {LOG}:{server})")), "names the file: {err}");
    assert_eq!(err.matches("(imported_from: ").count(), 1, "only the edited item: {err}");
    assert_eq!(snapshot(&root), before);
}

#[test]
fn check_points_at_the_decision_taken_twice_and_the_site_builds() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let decisions = imported(&root);
    let first = &decisions[&line_of("Le bureau est fermé entre Noël")];
    let again = &decisions[&line_of("Le bureau sera fermé entre Noël")];
    let check = cahier(&["check", "--root", root.to_str().unwrap(), "--format", "json"], Path::new("."));
    assert_eq!(check.status.code(), Some(0), "no errors after an import: {}", stdout(&check));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let again_file = again.path.strip_prefix(&root).unwrap().display().to_string();
    let first_id = format!("decisions/{}", first.file_name().trim_end_matches(".md"));
    let repeat = diags.iter().find(|d| d["code"] == "possible-repeat" && d["file"] == again_file.as_str());
    let message = repeat.and_then(|d| d["message"].as_str()).unwrap_or_else(|| panic!("no possible-repeat on {again_file}: {diags:#?}"));
    assert!(message.contains(&first_id), "{message}");
    assert!(diags.iter().all(|d| d["code"] != "unknown-key"), "imported_from is a key of decisions");
    // The origin is on the decision's page, in both languages.
    let (_out_tmp, out) = common::build_dir(&root);
    let slug = again.file_name().trim_end_matches(".md").to_string();
    let page = common::read(&out, &format!("decisions/{slug}/index.html"));
    let origin = format!("{LOG}:{}", line_of("Le bureau sera fermé entre Noël"));
    assert!(page.contains("Importée de") && page.contains(&origin), "{}", common::main_of(&page));
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(root.join("site.yaml"), yaml.replace("languages: [fr, en]", "languages: [en, fr]")).unwrap();
    // With English first, `ct.md` is the English page.
    std::fs::remove_file(root.join("content/committees/ct.en.md")).unwrap();
    let (_en_tmp, en_out) = common::build_dir(&root);
    let en = common::read(&en_out, &format!("decisions/{slug}/index.html"));
    assert!(en.contains("Imported from") && en.contains(&origin), "{}", common::main_of(&en));
}

#[test]
fn two_items_of_one_day_with_one_title_get_numbered_files() {
    let (tmp, root, _) = site();
    // A decision written by hand has the name (ids ignore case): it is
    // neither touched nor shadowed.
    let dir = root.join("content/decisions");
    std::fs::create_dir_all(&dir).unwrap();
    let own = "---\ntitle: Achat d'un serveur\ndate: 2010-07-06\nby: ct\n---\n\nUn autre texte.\n";
    std::fs::write(dir.join("2010-07-06-Achat-D-un-serveur.md"), own).unwrap();
    let log = tmp.path().join("journal.txt");
    std::fs::write(
        &log,
        "Notes du CT\n\n2010-07-06 CT\nAchat d'un serveur. Pour les sites des clients.\nAchat d'un serveur. Pour les sauvegardes.\n\
         Achat d'un serveur. Pour les sites des clients.\n",
    )
    .unwrap();
    let run = import(&root, &log, &[]);
    assert!(stdout(&run).contains("2 written, 1 skipped (already imported), 1 line not placed"), "{}", stdout(&run));
    let one = std::fs::read_to_string(dir.join("2010-07-06-achat-d-un-serveur-2.md")).unwrap();
    let two = std::fs::read_to_string(dir.join("2010-07-06-achat-d-un-serveur-3.md")).unwrap();
    assert!(one.contains("imported_from: \"journal.txt:4\"") && two.contains("imported_from: \"journal.txt:5\""), "{one}{two}");
    assert!(one.contains("topics: [ventes, hebergement]") && two.contains("topics: [hebergement]"), "{one}{two}");
    assert_eq!(std::fs::read_to_string(dir.join("2010-07-06-Achat-D-un-serveur.md")).unwrap(), own);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
}

#[test]
fn markdown_and_text_logs() {
    let (tmp, root, _) = site();
    let md = tmp.path().join("decisions.md");
    std::fs::write(
        &md,
        "# Journal\n\n## 6 juillet 2010 — Comité de travail\n\n- Gel des embauches.\n- Achat d'un serveur\n  pour les clients.\n\n\
         **06/07/2011 - AG**\n\n1. Le taux horaire passe à 20 $.\n",
    )
    .unwrap();
    let run = import(&root, &md, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));
    let decisions = root.join("content/decisions");
    let server = std::fs::read_to_string(decisions.join("2010-07-06-achat-d-un-serveur-pour-les-clients.md")).unwrap();
    assert!(server.contains("by: ct") && server.ends_with("Achat d'un serveur\npour les clients.\n"), "{server}");
    assert!(std::fs::read_to_string(decisions.join("2011-07-06-le-taux-horaire-passe-a-20.md")).unwrap().contains("by: ag"));
    // The same log read as plain text (--format wins over the extension):
    // headings are text there, so the `#` lines are not placed.
    let (_tmp2, root2, _) = site();
    let run = import(&root2, &md, &["--format", "text", "--by", "ct"]);
    assert_eq!(run.status.code(), Some(1), "{}", stdout(&run));
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let (_tmp, root, log) = site();
    let before = snapshot(&root);
    for (args, says) in [
        (vec!["--by", "comite-inconnu"], "--by: no committee has the id `comite-inconnu`"),
        (vec!["--map", "CT"], "expected NAME=COMMITTEE"),
        (vec!["--map", "Réunion générale=assemblee"], "--map: no committee has the id `assemblee`"),
    ] {
        let run = import(&root, &log, &args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&run.stderr).contains(says), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let latin1 = root.join("latin1.txt");
    std::fs::write(&latin1, b"2010-07-06 CT\nGel des embauches d\xe9cid\xe9.\n").unwrap();
    let run = import(&root, &latin1, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not UTF-8 text"));
    std::fs::remove_file(&latin1).unwrap();
    let missing = import(&root, &root.join("absent.wiki"), &[]);
    assert_eq!(missing.status.code(), Some(2));
    let not_a_site = import(&root.join("content/committees"), &log, &[]);
    assert!(String::from_utf8_lossy(&not_a_site.stderr).contains("is not a site folder"));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn repeats_are_found_between_decisions_without_topics() {
    let (tmp, root, _) = site();
    let log = tmp.path().join("journal.txt");
    // Neither production meeting has a topic of site.yaml; of the two
    // rules on plants, only the first names the office (`local`).
    std::fs::write(
        &log,
        "2009-03-03 CT\nLes réunions de production commencent à 9 h 30 précises, avec un tour de table debout.\n\n\
         2010-02-02 CT\nChaque vendredi, une personne arrose les plantes et sort le recyclage du local.\n\n\
         2014-05-06 CT\nLes réunions de production commencent à 9 h 30 précises, avec un tour de table debout et rapide.\n\n\
         2016-03-03 CT\nChaque vendredi, une personne arrose les plantes et sort le recyclage.\n",
    )
    .unwrap();
    assert_eq!(import(&root, &log, &[]).status.code(), Some(0));
    let topics: Vec<String> = ["2009-03-03", "2010-02-02", "2014-05-06", "2016-03-03"]
        .iter()
        .map(|d| {
            let file = std::fs::read_dir(root.join("content/decisions"))
                .unwrap()
                .flatten()
                .find(|e| e.file_name().to_string_lossy().starts_with(d))
                .unwrap();
            std::fs::read_to_string(file.path()).unwrap().lines().find(|l| l.starts_with("topics:")).unwrap_or("").to_string()
        })
        .collect();
    assert_eq!(topics, ["", "topics: [lieu-de-travail]", "", ""]);
    let check = cahier(&["check", "--root", root.to_str().unwrap(), "--format", "json"], Path::new("."));
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&check.stdout).unwrap();
    let repeats: Vec<(String, String)> = diags
        .iter()
        .filter(|d| d["code"] == "possible-repeat")
        .map(|d| {
            (
                d["file"].as_str().unwrap()[18..28].to_string(),
                d["message"].as_str().unwrap().split("`decisions/").nth(1).unwrap()[..10].to_string(),
            )
        })
        .collect();
    assert_eq!(repeats, [("2014-05-06".to_string(), "2009-03-03".to_string()), ("2016-03-03".to_string(), "2010-02-02".to_string())]);
}

#[test]
fn an_item_deleted_from_the_log_is_noted_and_its_file_kept() {
    let (_tmp, root, log) = site();
    import(&root, &log, &PLACED);
    let accounts = line_of("Les comptes sont présentés");
    let file = imported(&root)[&accounts].path.clone();
    // Every later line moves up one: their items are still recognised.
    let text = log_text();
    let shorter: Vec<&str> = text.lines().filter(|l| !l.contains("Les comptes sont présentés")).collect();
    std::fs::write(&log, shorter.join("\n")).unwrap();
    let run = import(&root, &log, &PLACED);
    let out = stdout(&run);
    assert!(out.contains(&format!("0 written, {} skipped (already imported)", DECISIONS - 1)), "{out}");
    let rel = file.strip_prefix(&root).unwrap().display().to_string();
    assert!(out.contains(&format!("note: {rel} was imported from {LOG}:{accounts}, which the log no longer holds")), "{out}");
    assert!(file.is_file());
}
