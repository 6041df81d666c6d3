//! `cahier init` (content format section 15): a complete site that builds
//! at once, in an empty or new folder.
//!
//! The skeleton's files are under `src/init/`, compiled in. Texts exist in
//! French and English: the home page is written in each language of the
//! site (English text for a language cahier has no text for), the other
//! pages in the default language only.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::text::yaml_string;

/// A skeleton text per language cahier writes.
struct Text {
    fr: &'static str,
    en: &'static str,
}

impl Text {
    fn get(&self, lang: &str) -> &'static str {
        if lang == "fr" {
            self.fr
        } else {
            self.en
        }
    }
}

const HOME: Text = Text { fr: include_str!("init/home.fr.md"), en: include_str!("init/home.en.md") };
const ASSEMBLY: Text = Text { fr: include_str!("init/ag.fr.md"), en: include_str!("init/ag.en.md") };
const COMMITTEE: Text = Text { fr: include_str!("init/ct.fr.md"), en: include_str!("init/ct.en.md") };
const DECISION: Text = Text { fr: include_str!("init/decision.fr.md"), en: include_str!("init/decision.en.md") };
const SITE: &str = include_str!("init/site.yaml");
const GITIGNORE: &str = include_str!("init/gitignore");
const GITHUB: &str = include_str!("init/github.yml");
const GITLAB: &str = include_str!("init/gitlab-ci.yml");

/// The small topic tree of a new site: (id, parent, label, aliases,
/// description). Labels and descriptions are written in each language of
/// the site (English for a language cahier has no text for): `site.yaml`
/// warns about a language the site does not have.
type TopicRow = (&'static str, Option<&'static str>, Text, &'static str, Option<Text>);

const TOPICS: [TopicRow; 6] = [
    (
        "gouvernance",
        None,
        Text { fr: "Gouvernance", en: "Governance" },
        "instances, governance",
        Some(Text {
            fr: "Qui décide quoi : l'assemblée générale, les comités, leurs mandats.",
            en: "Who decides what: the general assembly, the committees, their mandates.",
        }),
    ),
    (
        "principes",
        Some("gouvernance"),
        Text { fr: "Principes et valeurs", en: "Principles and values" },
        "valeurs, principles, values",
        None,
    ),
    (
        "organisation",
        None,
        Text { fr: "Organisation du travail", en: "Work organisation" },
        "coordination",
        Some(Text { fr: "Comment le travail est réparti et coordonné.", en: "How work is shared and coordinated." }),
    ),
    ("embauche", Some("organisation"), Text { fr: "Embauche", en: "Hiring" }, "recrutement, hiring", None),
    ("finances", None, Text { fr: "Finances", en: "Finances" }, "budget", None),
    ("remuneration", Some("finances"), Text { fr: "Rémunération", en: "Pay" }, "salaire, pay", None),
];

/// The `topics:` list of `site.yaml`, in the site's languages.
fn topics_yaml(languages: &[String]) -> String {
    let in_languages = |text: &Text| -> String {
        let pairs: Vec<String> = languages.iter().map(|l| format!("{l}: {}", yaml_string(text.get(l)))).collect();
        format!("{{ {} }}", pairs.join(", "))
    };
    let mut out = String::new();
    for (id, parent, label, aliases, description) in &TOPICS {
        out.push_str(&format!(
            "  - id: {id}
"
        ));
        if let Some(parent) = parent {
            out.push_str(&format!(
                "    parent: {parent}
"
            ));
        }
        out.push_str(&format!(
            "    label: {}
    aliases: [{aliases}]
",
            in_languages(label)
        ));
        if let Some(description) = description {
            out.push_str(&format!(
                "    description: {}
",
                in_languages(description)
            ));
        }
    }
    out
}

/// The first decision's file name after its date, per default language.
const DECISION_SLUG: Text = Text {
    fr: "creation-du-comite-de-travail-et-du-registre-des-decisions",
    en: "creating-the-workers-committee-and-the-decision-register",
};

/// Why a site was not started. Nothing was written, except for `Write`.
#[derive(Debug)]
pub enum InitError {
    NotEmpty { dir: PathBuf, example: String },
    NotAFolder(PathBuf),
    BadLanguage(String),
    NoLanguage,
    Write { path: PathBuf, error: io::Error },
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::NotEmpty { dir, example } => write!(
                f,
                "refusing to start a site in {}: the folder is not empty (it holds {example}); nothing was written\n  hint: pass a new or empty folder, such as `cahier init my-site`",
                dir.display()
            ),
            InitError::NotAFolder(dir) => write!(f, "refusing to start a site in {}: it is a file, not a folder", dir.display()),
            InitError::BadLanguage(lang) => {
                write!(f, "--lang: `{lang}` is not a language code (two or three letters, such as fr or en, then an optional -REGION)")
            }
            InitError::NoLanguage => write!(f, "--lang: name at least one language, such as --lang fr,en"),
            InitError::Write { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

/// Writes a new site into `dir` (created if needed, refused unless empty)
/// and returns the files written, relative to `dir`.
pub fn init(dir: &Path, languages: &[String], title: Option<&str>, today: NaiveDate) -> Result<Vec<PathBuf>, InitError> {
    let languages = checked_languages(languages)?;
    check_empty(dir)?;
    let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => t.to_string(),
        None => folder_name(dir),
    };
    let files = skeleton(&languages, &title, today);
    let write = |rel: &Path, text: &str| -> Result<(), InitError> {
        let path = dir.join(rel);
        let parent = path.parent().unwrap_or(dir);
        fs::create_dir_all(parent).and_then(|()| fs::write(&path, text)).map_err(|error| InitError::Write { path, error })
    };
    for (rel, text) in &files {
        write(rel, text)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// The files of a new site: (path relative to its folder, text).
fn skeleton(languages: &[String], title: &str, today: NaiveDate) -> Vec<(PathBuf, String)> {
    let default = languages[0].as_str();
    let decision = format!("{today}-{}", DECISION_SLUG.get(default));
    let fill = |text: &str, views: &str| {
        text.replace("@TITLE_YAML@", &yaml_string(title))
            .replace("@TITLE@", title)
            .replace("@DATE@", &today.to_string())
            .replace("@DECISION@", &decision)
            .replace("@VIEWS@", views)
    };
    let description = if default == "fr" { "Wiki et registre des décisions" } else { "Wiki and decision register" };
    let site = SITE
        .replace("@TITLE@", &yaml_string(title))
        .replace("@DESCRIPTION@", &yaml_string(description))
        .replace("@LANGUAGES@", &languages.join(", "))
        .replace("@TOPICS@", &topics_yaml(languages));
    let mut files = vec![(PathBuf::from("site.yaml"), site)];
    for (i, lang) in languages.iter().enumerate() {
        let (name, views) =
            if i == 0 { ("_index.md".to_string(), String::new()) } else { (format!("_index.{lang}.md"), format!("/{lang}")) };
        files.push((Path::new("content").join(name), fill(HOME.get(lang), &views)));
    }
    files.extend([
        (Path::new("content/committees/ag.md").to_path_buf(), fill(ASSEMBLY.get(default), "")),
        (Path::new("content/committees/ct.md").to_path_buf(), fill(COMMITTEE.get(default), "")),
        (Path::new("content/decisions").join(format!("{decision}.md")), fill(DECISION.get(default), "")),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (Path::new(".github/workflows/cahier.yml").to_path_buf(), GITHUB.to_string()),
        (PathBuf::from(".gitlab-ci.yml"), GITLAB.to_string()),
    ]);
    files
}

/// Language codes as `site.yaml` takes them (`fr`, `en`, `pt-BR`), each
/// once, in the order given.
fn checked_languages(languages: &[String]) -> Result<Vec<String>, InitError> {
    let mut out: Vec<String> = Vec::new();
    for lang in languages.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        let (base, region) = lang.split_once('-').unwrap_or((lang, ""));
        let base_ok = (2..4).contains(&base.len()) && base.bytes().all(|b| b.is_ascii_lowercase());
        let region_ok = lang.len() == base.len() || (!region.is_empty() && region.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !base_ok || !region_ok {
            return Err(InitError::BadLanguage(lang.to_string()));
        }
        if !out.iter().any(|l| l == lang) {
            out.push(lang.to_string());
        }
    }
    if out.is_empty() {
        return Err(InitError::NoLanguage);
    }
    Ok(out)
}

/// Refuses a folder that holds anything, even a hidden file: a site
/// written among other files would mix with them, and `init` never
/// overwrites.
fn check_empty(dir: &Path) -> Result<(), InitError> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(InitError::Write { path: dir.to_path_buf(), error }),
        Ok(meta) if !meta.is_dir() => return Err(InitError::NotAFolder(dir.to_path_buf())),
        Ok(_) => {}
    }
    let mut entries = fs::read_dir(dir).map_err(|error| InitError::Write { path: dir.to_path_buf(), error })?;
    match entries.next() {
        None => Ok(()),
        Some(entry) => {
            let example = entry.map(|e| e.file_name().to_string_lossy().into_owned()).unwrap_or_else(|_| "files".into());
            Err(InitError::NotEmpty { dir: dir.to_path_buf(), example })
        }
    }
}

/// The title a site gets when none is given: its folder's name.
fn folder_name(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute.file_name().map_or_else(|| "cahier".to_string(), |n| n.to_string_lossy().into_owned())
}

/// What `cahier init` prints: the files, and what to do next.
pub fn report(dir: &Path, files: &[PathBuf]) -> String {
    let mut out = format!("started a site in {} ({} files):\n", dir.display(), files.len());
    for f in files {
        out.push_str(&format!("  {}\n", f.display()));
    }
    out.push_str(&format!(
        "next:\n  cd {}\n  cahier serve          # the site at http://127.0.0.1:1111/, rebuilt at each edit\n  git init && git add . && git commit -m \"Start the site\"\n  (set CAHIER_GIT in .github/workflows/cahier.yml or .gitlab-ci.yml to where cahier is installed from)",
        dir.display()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_checked_and_kept_in_order() {
        let langs = |l: &[&str]| checked_languages(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(langs(&["en", "fr", "en"]).unwrap(), ["en", "fr"]);
        assert_eq!(langs(&["pt-BR"]).unwrap(), ["pt-BR"]);
        assert!(matches!(langs(&["fr", "Français"]), Err(InitError::BadLanguage(_))));
        assert!(matches!(langs(&["../x"]), Err(InitError::BadLanguage(_))));
        assert!(matches!(langs(&[""]), Err(InitError::NoLanguage)));
    }

    #[test]
    fn every_placeholder_is_filled() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for langs in [vec!["fr".to_string(), "en".to_string()], vec!["en".to_string()], vec!["de".to_string(), "fr".to_string()]] {
            for (path, text) in skeleton(&langs, "Coopérative: X", today) {
                let placeholders = ["@TITLE", "@DATE@", "@DECISION@", "@VIEWS@", "@LANGUAGES@", "@DESCRIPTION@", "@TOPICS@"];
                assert!(!placeholders.iter().any(|p| text.contains(p)), "{}", path.display());
            }
        }
    }

    #[test]
    fn the_first_decision_slug_is_its_title_slug() {
        for lang in ["fr", "en"] {
            let title = DECISION.get(lang).lines().find_map(|l| l.strip_prefix("title: ")).unwrap();
            assert_eq!(crate::id::slug(title), DECISION_SLUG.get(lang));
        }
    }
}
