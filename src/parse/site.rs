//! Reads `site.yaml` into the typed [`Config`]: every key with its
//! position, bad values reported and replaced by defaults, so that the rest
//! of the site is still checked.

use std::collections::BTreeMap;
use std::path::Path;

use super::fields::Fields;
use crate::config::{is_web_url, normalise_base_url, Config, Period, RawHtml, Topic, Topics};
use crate::diagnostic::{Code, Diagnostic, Level, Located, Pos};

const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "repo_url",
    "repo_branch",
    "theme",
    "broken_links",
    "raw_html",
    "topics",
    "show_authors",
    "stale_after",
];

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
    if let Some(written) = fields.located_string("stale_after") {
        match Period::parse(&written.value) {
            Ok(period) => config.stale_after = period,
            Err(_) => fields.diags.push(
                Diagnostic::new(
                    Code::BadValue,
                    fields.file(),
                    written.pos,
                    format!("`stale_after` should be a length of time such as 18m or 2y, found `{}`", written.value),
                )
                .hint("write a number and a unit: d (days), w (weeks), m (months) or y (years); 0 turns stale pages off"),
            ),
        }
    }
    let items = fields.mappings("topics");
    config.topics = read_topics(items, &mut fields, &config.languages, diags);
    if let Some(show) = fields.bool("show_authors") {
        config.show_authors = show;
    }
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
        parents.push(topic_parent);
        topics.push(Topic { id, label, parent: None, aliases, description });
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
