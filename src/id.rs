//! Page ids and the slugs made from them (content format sections 1 and 10).
//!
//! An `Id` can only be built from a valid string, so every later stage can
//! trust it; it compares case-insensitively, as the spec asks.

use std::fmt;
use std::hash::{Hash, Hasher};

/// A valid page id: letters of any script, digits, `-`, `_`, `.` and `/`;
/// never `..`, never a leading `/`. The home page has the empty id.
#[derive(Clone)]
pub struct Id {
    text: Box<str>,
    key: Box<str>,
}

/// Why a string is not a valid id, for the `bad-id` diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadId {
    /// Only the home page has the empty id, and it gets it from its place.
    Empty,
    Char(char),
    DotDot,
    LeadingSlash,
    EmptySegment,
}

impl fmt::Display for BadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadId::Empty => f.write_str("an id may not be empty"),
            BadId::Char(c) => write!(f, "the character {c:?} is not allowed in an id"),
            BadId::DotDot => f.write_str("an id may not contain `..`"),
            BadId::LeadingSlash => f.write_str("an id may not start with `/`"),
            BadId::EmptySegment => f.write_str("an id may not contain an empty segment (`//` or a trailing `/`)"),
        }
    }
}

impl Id {
    /// Validates `text` as an id.
    pub fn parse(text: &str) -> Result<Id, BadId> {
        if text.is_empty() {
            return Err(BadId::Empty);
        }
        if text.starts_with('/') {
            return Err(BadId::LeadingSlash);
        }
        if text.contains("..") {
            return Err(BadId::DotDot);
        }
        if let Some(c) = text.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))) {
            return Err(BadId::Char(c));
        }
        if text.split('/').any(str::is_empty) {
            return Err(BadId::EmptySegment);
        }
        Ok(Id { key: text.to_lowercase().into(), text: text.into() })
    }

    /// The id of the home page (`content/_index.md`).
    pub fn home() -> Id {
        Id { text: "".into(), key: "".into() }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The id as a message names it: in backquotes, or "the home page" for
    /// the empty id, which would otherwise read as two lone backquotes.
    pub fn quoted(&self) -> String {
        if self.is_home() {
            "the home page".to_string()
        } else {
            format!("`{}`", self.text)
        }
    }

    /// The lowercase form used for comparisons.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The last segment of the id.
    pub fn short(&self) -> &str {
        self.text.rsplit('/').next().unwrap_or(&self.text)
    }

    /// The folder part of the id (empty at the root).
    pub fn folder(&self) -> &str {
        self.text.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    pub fn is_home(&self) -> bool {
        self.text.is_empty()
    }

    /// `self/child`, for inline decisions in minutes.
    pub fn join(&self, child: &str) -> Result<Id, BadId> {
        Id::parse(&format!("{}/{}", self.text, child))
    }

    /// The URL path of the page in the default language: `/<slug>/`.
    pub fn url(&self) -> String {
        if self.is_home() {
            "/".to_string()
        } else {
            format!("/{}/", slug_path(&self.text))
        }
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.key == other.key
    }
}

impl Eq for Id {}

impl Hash for Id {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({:?})", &*self.text)
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// The slug of a path (section 10): lowercase, accents removed (é -> e,
/// œ -> oe), every run of characters other than a-z, 0-9 and `/` turned into
/// one `-`, and `-` trimmed at the ends of each segment.
pub fn slug_path(text: &str) -> String {
    text.split('/').map(slug).collect::<Vec<_>>().join("/")
}

/// The slug of one segment (no `/` kept): used for titles and headings.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            // deunicode folds accents and ligatures, and transliterates
            // other scripts rather than dropping them.
            for folded in deunicode::deunicode_char(c).unwrap_or("-").chars() {
                push(folded, &mut out);
            }
        }
    }
    out
}

/// How long a file name made from a title may be, in characters: file
/// systems refuse names past 255 bytes, and people read the first words.
pub const MAX_SLUG: usize = 80;

/// The slug of a title for a file name (`cahier new`, `cahier import`),
/// cut at a word boundary to at most [`MAX_SLUG`] characters.
pub fn file_slug(title: &str) -> String {
    let full = slug(title);
    if full.len() <= MAX_SLUG {
        return full;
    }
    // A slug is ASCII: byte positions are character positions.
    let cut = &full[..MAX_SLUG];
    cut.rsplit_once('-').map_or(cut, |(words, _)| words).to_string()
}

/// The form under which link targets, ids and titles are matched (section
/// 9): case ignored, spaces, `_` and `-` alike.
pub fn match_key(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_spec() {
        assert_eq!(slug_path("decisions/2010-07-06-Gel des Embauches"), "decisions/2010-07-06-gel-des-embauches");
        assert_eq!(slug("Œuvre à l'économie"), "oeuvre-a-l-economie");
        assert_eq!(slug("  --Ça va ?-- "), "ca-va");
        assert_eq!(slug_path("réunions/été_2011"), "reunions/ete-2011");
    }

    #[test]
    fn long_titles_make_short_file_names() {
        let title = "Une décision au titre très long ".repeat(200);
        let name = file_slug(&title);
        assert!(name.len() <= MAX_SLUG && name.starts_with("une-decision-au-titre") && !name.ends_with('-'), "{name}");
    }

    #[test]
    fn ids_reject_forbidden_forms() {
        assert!(Id::parse("decisions/gel-des-embauches").is_ok());
        assert!(Id::parse("décisions/été").is_ok());
        assert_eq!(Id::parse("../x").unwrap_err(), BadId::DotDot);
        assert_eq!(Id::parse("/x").unwrap_err(), BadId::LeadingSlash);
        assert_eq!(Id::parse("a b").unwrap_err(), BadId::Char(' '));
        assert_eq!(Id::parse("a//b").unwrap_err(), BadId::EmptySegment);
    }

    #[test]
    fn ids_compare_case_insensitively() {
        let a = Id::parse("Decisions/Gel").unwrap();
        let b = Id::parse("decisions/gel").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.short(), "Gel");
        assert_eq!(a.folder(), "Decisions");
        assert_eq!(a.url(), "/decisions/gel/");
    }

    #[test]
    fn match_keys_treat_space_underscore_dash_alike() {
        assert_eq!(match_key("Gel des_embauches"), match_key("gel-des-embauches"));
    }
}
