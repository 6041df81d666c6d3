//! Diagnostics: every problem any stage finds, as a value.
//!
//! Stages never stop at the first problem: they push `Diagnostic`s into a
//! list and go on, so that one run reports everything. The codes are the
//! stable ones of the content format (section 12); renderers turn the list
//! into rustc-like text for people, JSON, or GitHub annotations.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// How bad a problem is. Errors fail the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// The stable diagnostic codes of the content format, sections 12 and 14.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    YamlSyntax,
    FrontMatterUnclosed,
    MissingField,
    BadValue,
    UnknownKey,
    UnknownTopic,
    UnknownReference,
    AmbiguousReference,
    DuplicateId,
    SupersedesCycle,
    SupersedesLater,
    BrokenLink,
    BrokenAnchor,
    MandateOverlap,
    OutsideMandate,
    PossibleRepeat,
    InvalidUtf8,
    BadId,
    TranslationOutdated,
}

impl Code {
    /// The code as written in the spec and in machine output.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::FrontMatterUnclosed => "front-matter-unclosed",
            Code::MissingField => "missing-field",
            Code::BadValue => "bad-value",
            Code::UnknownKey => "unknown-key",
            Code::UnknownTopic => "unknown-topic",
            Code::UnknownReference => "unknown-reference",
            Code::AmbiguousReference => "ambiguous-reference",
            Code::DuplicateId => "duplicate-id",
            Code::SupersedesCycle => "supersedes-cycle",
            Code::SupersedesLater => "supersedes-later",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::MandateOverlap => "mandate-overlap",
            Code::OutsideMandate => "outside-mandate",
            Code::PossibleRepeat => "possible-repeat",
            Code::InvalidUtf8 => "invalid-utf8",
            Code::BadId => "bad-id",
            Code::TranslationOutdated => "translation-outdated",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

/// A place in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub level: Level,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at the default level of its code.
    pub fn new(code: Code, file: &Path, pos: Pos, message: impl Into<String>) -> Diagnostic {
        let level = match code {
            Code::UnknownKey
            | Code::SupersedesLater
            | Code::BrokenAnchor
            | Code::MandateOverlap
            | Code::OutsideMandate
            | Code::PossibleRepeat
            | Code::TranslationOutdated => Level::Warning,
            _ => Level::Error,
        };
        Diagnostic {
            code,
            level,
            file: display_path(file),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn maybe_hint(mut self, hint: Option<String>) -> Diagnostic {
        self.hint = hint;
        self
    }

    pub fn level(mut self, level: Level) -> Diagnostic {
        self.level = level;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// Paths in diagnostics always use `/`, whatever the platform.
pub fn display_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Sorts diagnostics by file, then position, then code, so that output is
/// stable whatever order the parallel stages produced them in.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message)));
}

/// Counts of errors and warnings, for the closing line of a run.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// The closest candidate to `word` by edit distance, if close enough to be a
/// useful suggestion ("did you mean").
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_l = word.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word_l, &candidate.to_lowercase());
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(s, _)| *s >= 0.75).map(|(_, c)| c)
}

/// Up to `n` candidates closest to `word`, best first.
pub fn closest_n<'a, I>(word: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_l = word.to_lowercase();
    let mut scored: Vec<(f64, &'a str)> =
        candidates.into_iter().map(|c| (strsim::jaro_winkler(&word_l, &c.to_lowercase()), c)).filter(|(s, _)| *s >= 0.6).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}
