//! The theme: tera templates, static files and interface strings.
//!
//! The built-in theme (`themes/default/` of this repository) is compiled
//! into the binary, so `cahier` works on any site. A site may override any
//! template or static file by putting one of the same name in
//! `themes/<theme>/templates/` or `themes/<theme>/static/`, and any
//! interface string in `themes/<theme>/i18n.yaml` (same layout as the
//! built-in one; a language of its own is welcome too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use tera::Tera;
use walkdir::{DirEntry, WalkDir};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A static file of the theme, to copy to the output.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

pub struct Theme {
    pub tera: Tera,
    /// Destination (relative to the output) and source of each static file.
    pub statics: Vec<(PathBuf, StaticFile)>,
    strings: Translations,
}

/// A template error, with the template's name and tera's explanation.
#[derive(Debug)]
pub struct ThemeError(pub String);

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Tera's error and its causes, on one line.
pub fn tera_error(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

pub fn load(root: &Path, theme: &str) -> Result<Theme, ThemeError> {
    let mut templates: HashMap<String, String> = HashMap::new();
    let mut statics: HashMap<PathBuf, StaticFile> = HashMap::new();
    if let Some(dir) = BUILTIN.get_dir("templates") {
        for f in dir.files() {
            let name = f.path().strip_prefix("templates").unwrap_or(f.path()).to_string_lossy().into_owned();
            templates.insert(name, f.contents_utf8().unwrap_or_default().to_string());
        }
    }
    if let Some(dir) = BUILTIN.get_dir("static") {
        collect_builtin_statics(dir, &mut statics);
    }
    let site_theme = root.join("themes").join(theme);
    if site_theme.is_dir() {
        for entry in walk(&site_theme.join("templates")).filter(|e| e.file_type().is_file()) {
            let name = entry.path().strip_prefix(site_theme.join("templates")).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| ThemeError(format!("cannot read {}: {e}", entry.path().display())))?;
            templates.insert(name, text);
        }
        for entry in walk(&site_theme.join("static")).filter(|e| e.file_type().is_file()) {
            let dest = entry.path().strip_prefix(site_theme.join("static")).unwrap_or(entry.path()).to_path_buf();
            statics.insert(dest, StaticFile::Disk(entry.path().to_path_buf()));
        }
    } else if theme != "default" {
        return Err(ThemeError(format!("the theme `{theme}` was not found: expected a folder themes/{theme}/ (or use `theme: default`)")));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which HTML does not need and
    // which makes every URL unreadable in the source.
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect::<Vec<_>>())
        .map_err(|e| ThemeError(format!("template error: {}", tera_error(&e))))?;
    let mut statics: Vec<(PathBuf, StaticFile)> = statics.into_iter().collect();
    statics.sort_by(|a, b| a.0.cmp(&b.0));
    let strings = load_strings(&site_theme)?;
    Ok(Theme { tera, statics, strings })
}

/// The walk of a site theme's `templates/` or `static/` folder; symbolic
/// links are not followed.
fn walk(dir: &Path) -> impl Iterator<Item = DirEntry> {
    WalkDir::new(dir).into_iter().flatten()
}

/// The folders of a site's theme that `load` reads: `serve` watches these.
pub fn folders(root: &Path, theme: &str) -> Vec<PathBuf> {
    let site_theme = root.join("themes").join(theme);
    ["templates", "static"]
        .iter()
        .flat_map(|sub| walk(&site_theme.join(sub)).filter(|e| e.file_type().is_dir()).map(DirEntry::into_path))
        .collect()
}

fn escape_html(text: &str) -> String {
    crate::text::escape_html(text)
}

fn collect_builtin_statics(dir: &'static Dir<'static>, out: &mut HashMap<PathBuf, StaticFile>) {
    for f in dir.files() {
        let dest = f.path().strip_prefix("static").unwrap_or(f.path()).to_path_buf();
        out.insert(dest, StaticFile::Builtin(f.contents()));
    }
    for d in dir.dirs() {
        collect_builtin_statics(d, out);
    }
}

/// Interface strings of one language, with English standing in for the
/// keys it lacks.
pub struct Strings(HashMap<String, String>);

impl Strings {
    /// The string for `key`, else the key itself.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    pub fn map(&self) -> &HashMap<String, String> {
        &self.0
    }
}

/// The interface strings of every language the theme knows: the built-in
/// `i18n.yaml`, then the site theme's, key by key.
struct Translations {
    by_lang: HashMap<String, Strings>,
    english: Strings,
}

type RawStrings = HashMap<String, HashMap<String, String>>;

fn builtin_strings() -> RawStrings {
    let text = BUILTIN.get_file("i18n.yaml").and_then(|f| f.contents_utf8()).unwrap_or("{}");
    serde_yaml::from_str(text).unwrap_or_default()
}

fn load_strings(site_theme: &Path) -> Result<Translations, ThemeError> {
    let mut raw = builtin_strings();
    let path = site_theme.join("i18n.yaml");
    if path.is_file() {
        let text = std::fs::read_to_string(&path).map_err(|e| ThemeError(format!("cannot read {}: {e}", path.display())))?;
        let site: RawStrings = serde_yaml::from_str(&text)
            .map_err(|e| ThemeError(format!("{}: expected a map of languages to maps of strings: {e}", path.display())))?;
        for (lang, strings) in site {
            raw.entry(lang).or_default().extend(strings);
        }
    }
    let english = raw.get("en").cloned().unwrap_or_default();
    let by_lang = raw
        .into_iter()
        .map(|(lang, own)| {
            let mut merged = english.clone();
            merged.extend(own);
            (lang, Strings(merged))
        })
        .collect();
    Ok(Translations { by_lang, english: Strings(english) })
}

impl Theme {
    /// The interface strings for a page language: the theme's strings in
    /// that language, English ones for the keys it lacks, and English for
    /// a language the theme does not know.
    pub fn strings(&self, lang: &str) -> &Strings {
        self.strings.by_lang.get(lang).unwrap_or(&self.strings.english)
    }

    /// The name of a language in itself (`lang_name`), if the theme has
    /// strings in that language.
    pub fn language_name(&self, lang: &str) -> Option<&str> {
        self.strings.by_lang.get(lang).and_then(|s| s.0.get("lang_name")).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_strings_parse_and_match_across_languages() {
        let text = BUILTIN.get_file("i18n.yaml").and_then(|f| f.contents_utf8()).unwrap();
        let raw: HashMap<String, HashMap<String, String>> = serde_yaml::from_str(text).expect("i18n.yaml must parse");
        let fr: std::collections::BTreeSet<&String> = raw["fr"].keys().collect();
        let en: std::collections::BTreeSet<&String> = raw["en"].keys().collect();
        assert_eq!(fr, en, "fr and en must define the same keys");
        let theme = load(Path::new("/nonexistent"), "default").expect("the built-in theme loads");
        assert_eq!(theme.strings("fr").get("decision"), "Décision");
        assert_eq!(theme.strings("de").get("decision"), "Decision");
        assert_eq!(theme.language_name("fr"), Some("Français"));
        assert_eq!(theme.language_name("de"), None);
    }
}
