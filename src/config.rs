//! `site.yaml`: the site's configuration and its controlled vocabulary of
//! topics (content format section 2).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::{closest_n, Code, Diagnostic, Level, Pos};
use crate::parse::fields::{Fields, Located};

/// What to do with raw HTML written in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Keep it, through an allow-list sanitiser (the default).
    Sanitize,
    /// Keep it as written: only for sites whose every author is trusted.
    Allow,
    /// Show it as text.
    Escape,
}

/// The site configuration, with defaults for everything.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute, always ending with `/`.
    pub base_url: String,
    /// At least one; the first is the default language.
    pub languages: Vec<String>,
    pub repo_url: Option<String>,
    pub repo_branch: String,
    pub theme: String,
    pub broken_links: Level,
    pub raw_html: RawHtml,
    pub topics: Topics,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "cahier".into(),
            description: String::new(),
            base_url: "http://localhost/".into(),
            languages: vec!["fr".into()],
            repo_url: None,
            repo_branch: "main".into(),
            theme: "default".into(),
            broken_links: Level::Error,
            raw_html: RawHtml::Sanitize,
            topics: Topics::default(),
        }
    }
}

impl Config {
    pub fn default_lang(&self) -> &str {
        &self.languages[0]
    }

    pub fn is_language(&self, lang: &str) -> bool {
        self.languages.iter().any(|l| l == lang)
    }
}

/// A topic of the thematic index.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    /// Label per language; ordered, so that the JSON written from it is
    /// the same from one build to the next.
    pub label: BTreeMap<String, String>,
    pub parent: Option<String>,
    pub aliases: Vec<String>,
    pub description: BTreeMap<String, String>,
}

impl Topic {
    /// The label in `lang`, else in the default language, else the id.
    pub fn label_in(&self, lang: &str, default_lang: &str) -> &str {
        self.label
            .get(lang)
            .or_else(|| self.label.get(default_lang))
            .or_else(|| self.label.values().next())
            .map_or(&self.id, String::as_str)
    }

    pub fn description_in(&self, lang: &str, default_lang: &str) -> Option<&str> {
        self.description.get(lang).or_else(|| self.description.get(default_lang)).map(String::as_str)
    }
}

/// The topics, with lookup by id or alias (case-insensitive).
#[derive(Debug, Clone, Default)]
pub struct Topics {
    pub list: Vec<Topic>,
    lookup: HashMap<String, usize>,
}

impl Topics {
    pub fn get(&self, id_or_alias: &str) -> Option<&Topic> {
        self.lookup.get(&id_or_alias.trim().to_lowercase()).map(|&i| &self.list[i])
    }

    /// Resolves a topic written in a page, or says which topics are close.
    pub fn resolve(&self, file: &Path, word: &Located<String>) -> Result<String, Diagnostic> {
        if let Some(t) = self.get(&word.value) {
            return Ok(t.id.clone());
        }
        let names = self.list.iter().flat_map(|t| std::iter::once(&t.id).chain(&t.aliases)).map(String::as_str);
        let near = closest_n(&word.value, names, 3);
        let hint = if near.is_empty() {
            "topics are declared in site.yaml under `topics:`".to_string()
        } else {
            format!("closest known topics: {}", near.join(", "))
        };
        Err(Diagnostic::new(Code::UnknownTopic, file, word.pos, format!("unknown topic `{}`", word.value)).hint(hint))
    }

    /// The topic and its ancestors, nearest first.
    pub fn ancestors<'a>(&'a self, id: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut current = self.get(id);
        while let Some(t) = current {
            if out.contains(&t.id.as_str()) {
                break;
            }
            out.push(t.id.as_str());
            current = t.parent.as_deref().and_then(|p| self.get(p));
        }
        out
    }
}

const KNOWN_KEYS: &[&str] =
    &["title", "description", "base_url", "languages", "repo_url", "repo_branch", "theme", "broken_links", "raw_html", "topics"];

/// Reads `site.yaml` if there is one. Problems are reported, and defaults
/// stand in for bad values so that the rest of the site is still checked.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Config {
    let path = Path::new("site.yaml");
    let text = match std::fs::read(root.join(path)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n"),
            Err(_) => {
                diags.push(
                    Diagnostic::new(Code::InvalidUtf8, path, Pos::new(1, 1), "site.yaml is not UTF-8 text").hint("save the file as UTF-8"),
                );
                return Config::default();
            }
        },
        Err(_) => return Config::default(),
    };
    let mut fields = match Fields::parse(path, &text, 1) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return Config::default();
        }
    };
    let mut config = Config::default();
    if let Some(t) = fields.string("title") {
        config.title = t;
    }
    if let Some(d) = fields.string("description") {
        config.description = d;
    }
    if let Some(url) = web_url(&mut fields, "base_url") {
        config.base_url = normalise_base_url(&url);
    }
    let langs = fields.strings("languages");
    if !langs.is_empty() {
        config.languages = langs.into_iter().map(|l| l.value).collect();
    }
    config.repo_url = web_url(&mut fields, "repo_url").map(|u| u.trim_end_matches('/').to_string());
    if let Some(b) = fields.string("repo_branch") {
        config.repo_branch = b;
    }
    if let Some(t) = fields.string("theme") {
        config.theme = t;
    }
    let error = Level::Error;
    let warning = Level::Warning;
    if let Some(level) = fields.choice("broken_links", &[("error", error), ("warn", warning), ("warning", warning)]) {
        config.broken_links = level;
    }
    if let Some(mode) =
        fields.choice("raw_html", &[("sanitize", RawHtml::Sanitize), ("allow", RawHtml::Allow), ("escape", RawHtml::Escape)])
    {
        config.raw_html = mode;
    }
    let items = fields.mappings("topics");
    config.topics = read_topics(items, &mut fields, &config.languages, diags);
    let (_, rest) = fields.finish(KNOWN_KEYS);
    diags.extend(rest);
    config
}

fn read_topics(items: Vec<Fields<'_>>, parent: &mut Fields<'_>, languages: &[String], diags: &mut Vec<Diagnostic>) -> Topics {
    let mut topics = Topics::default();
    let mut parents: Vec<Option<Located<String>>> = Vec::new();
    for mut item in items {
        let Some(id) = item.required_string("id", "a topic") else {
            parent.absorb(item);
            continue;
        };
        let label = translated(&mut item, "label", languages);
        let description = translated(&mut item, "description", languages);
        let topic_parent = item.located_string("parent");
        let aliases = item.strings("aliases").into_iter().map(|a| a.value).collect();
        let (_, rest) = item.finish(&["id", "label", "parent", "aliases", "description"]);
        diags.extend(rest);
        let index = topics.list.len();
        for name in std::iter::once(&id).chain(&aliases) {
            topics.lookup.entry(name.to_lowercase()).or_insert(index);
        }
        parents.push(topic_parent);
        topics.list.push(Topic { id, label, parent: None, aliases, description });
    }
    // Parents are checked once every topic is known, whatever the order.
    for (i, p) in parents.into_iter().enumerate() {
        let Some(p) = p else { continue };
        match topics.resolve(Path::new("site.yaml"), &p) {
            Ok(id) => topics.list[i].parent = Some(id),
            Err(d) => diags.push(d),
        }
    }
    topics
}

/// A label written either as one string or as `{fr: …, en: …}`.
fn translated(item: &mut Fields<'_>, key: &str, languages: &[String]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(serde_yaml::Value::String(s)) = peek_string(item, key) {
        item.take(key);
        for l in languages {
            out.insert(l.clone(), s.clone());
        }
        return out;
    }
    if let Some(mut map) = item.mapping(key) {
        for l in languages {
            if let Some(s) = map.string(l) {
                out.insert(l.clone(), s);
            }
        }
        let known: Vec<&str> = languages.iter().map(String::as_str).collect();
        let (_, rest) = map.finish(&known);
        item.diags.extend(rest);
    }
    out
}

fn peek_string(item: &mut Fields<'_>, key: &str) -> Option<serde_yaml::Value> {
    let v = item.take(key)?;
    let copy = v.clone();
    item.put_back(key, v);
    Some(copy)
}

/// Makes sure the base URL ends with exactly one `/`.
/// Whether `url` is an absolute http(s) URL: the only kind that may become
/// a link on every page (a `javascript:` one would run in every reader's
/// browser).
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") && url.len() > 7) || (lower.starts_with("https://") && url.len() > 8)
}

/// Reads a key that must hold an http(s) URL; anything else is a `bad-value`.
fn web_url(fields: &mut Fields<'_>, key: &str) -> Option<String> {
    let url = fields.located_string(key)?;
    if is_web_url(&url.value) {
        return Some(url.value.trim().to_string());
    }
    fields.diags.push(
        Diagnostic::new(
            Code::BadValue,
            fields.file(),
            url.pos,
            format!("`{key}` should be an http:// or https:// URL, found `{}`", url.value),
        )
        .hint("write the full address, such as https://wiki.example.org/"),
    );
    None
}

pub fn normalise_base_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}
