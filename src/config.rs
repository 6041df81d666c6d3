//! `site.yaml`: the site's configuration and its controlled vocabulary of
//! topics (content format section 2).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::{closest_n, Code, Diagnostic, Level, Located};

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
    /// Whether page histories and `/changes/` name the authors of commits.
    pub show_authors: bool,
    /// How long a wiki page may go without an update before `/health/`
    /// lists it as stale; `None` (`stale_after: 0`) never.
    pub stale_after: Option<Period>,
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
            show_authors: true,
            stale_after: Some(Period::Months(24)),
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

/// A length of time that is not one: neither `0` nor a number and a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPeriod;

/// A length of time written in `site.yaml`: `90d`, `6w`, `18m`, `2y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    /// Reads `18m`, `2y`, `6w` or `90d`; `Ok(None)` for `0` (never).
    pub fn parse(text: &str) -> Result<Option<Period>, BadPeriod> {
        let text = text.trim();
        if text == "0" {
            return Ok(None);
        }
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or(BadPeriod)?;
        let n: u32 = text[..split].parse().map_err(|_| BadPeriod)?;
        let period = match &text[split..] {
            "d" => Period::Days(n),
            "w" => Period::Days(n.checked_mul(7).ok_or(BadPeriod)?),
            "m" => Period::Months(n),
            "y" => Period::Months(n.checked_mul(12).ok_or(BadPeriod)?),
            _ => return Err(BadPeriod),
        };
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(period))
    }

    /// The day this long before `date` (the earliest date, when it reaches
    /// further back than the calendar goes).
    pub fn before(self, date: chrono::NaiveDate) -> chrono::NaiveDate {
        let back = match self {
            Period::Days(n) => date.checked_sub_days(chrono::Days::new(n.into())),
            Period::Months(n) => date.checked_sub_months(chrono::Months::new(n)),
        };
        back.unwrap_or(chrono::NaiveDate::MIN)
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
    /// Adds a topic, found by its id and each of its aliases (the first
    /// topic to claim a name keeps it).
    pub fn push(&mut self, topic: Topic) {
        let index = self.list.len();
        for name in std::iter::once(&topic.id).chain(&topic.aliases) {
            self.lookup.entry(name.to_lowercase()).or_insert(index);
        }
        self.list.push(topic);
    }

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

/// Whether `url` is an absolute http(s) URL: the only kind that may become
/// a link on every page (a `javascript:` one would run in every reader's
/// browser).
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") && url.len() > 7) || (lower.starts_with("https://") && url.len() > 8)
}

/// Makes sure the base URL ends with exactly one `/`.
pub fn normalise_base_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_count_back() {
        assert_eq!(Period::parse("18m"), Ok(Some(Period::Months(18))));
        assert_eq!(Period::parse("2y"), Ok(Some(Period::Months(24))));
        assert_eq!(Period::parse("6w"), Ok(Some(Period::Days(42))));
        assert_eq!(Period::parse("0"), Ok(None));
        assert!(Period::parse("2 years").is_err() && Period::parse("y").is_err() && Period::parse("-1m").is_err());
        let day = chrono::NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(Period::Months(24).before(day).to_string(), "2024-02-28");
        assert_eq!(Period::Days(28).before(day).to_string(), "2026-01-31");
    }
}
