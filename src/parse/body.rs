//! The Markdown body as structure: its headings (with their anchor ids),
//! its links, in document order, with their offsets for diagnostics, and
//! the glossary terms it uses.
//!
//! The render stage walks the same events with the same options, so the
//! n-th link here is the n-th link there.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::terms::Runs;
use crate::id::slug;
use crate::text::terms::Matcher;

/// The Markdown extensions cahier turns on, everywhere.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
}

/// The extensions of one page's text: definition lists in a glossary
/// only, where they are how terms are most naturally written (content
/// format 14.4). Elsewhere any line that starts with a colon would make the
/// line before it a term: a French line wrapped before its ` :`, or the
/// reStructuredText roles (`:pep:`) of converted pages.
pub fn options_for(glossary: bool) -> Options {
    if glossary {
        options() | Options::ENABLE_DEFINITION_LIST
    } else {
        options()
    }
}

/// A heading and its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub anchor: String,
}

/// How a link is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[[target]]` (`labelled` with `[[target|label]]`).
    Wiki { labelled: bool },
    /// `[x](path)` to a local file or page.
    Local,
    /// `[x](#anchor)`: a heading of the same page.
    SamePage,
    /// A link with a scheme, `mailto:` or protocol-relative: left alone.
    External,
}

/// A link of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub dest: String,
    /// Byte offset in the body, for the diagnostic position.
    pub offset: usize,
}

/// What the body holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    /// The first occurrence of each glossary term the text uses, in text
    /// order, where the renderer marks it.
    pub marks: Vec<Mark>,
}

/// A glossary term to mark: in the `run`-th run of markable text (see
/// [`super::terms::Runs`]), bytes `start..end` of the run's text, the term
/// numbered `entry` by the matcher the scan was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub run: u32,
    pub start: u32,
    pub end: u32,
    pub entry: u32,
}

impl Scan {
    /// The glossary entries the text uses, in the order of their first
    /// occurrence.
    pub fn terms(&self) -> impl Iterator<Item = u32> + '_ {
        self.marks.iter().map(|m| m.entry)
    }
}

/// Classifies a link destination.
pub fn link_kind(link_type: LinkType, dest: &str) -> LinkKind {
    match link_type {
        LinkType::WikiLink { .. } if dest.starts_with('#') => LinkKind::SamePage,
        LinkType::WikiLink { has_pothole } => LinkKind::Wiki { labelled: has_pothole },
        LinkType::Email | LinkType::Autolink => LinkKind::External,
        _ if dest.starts_with('#') => LinkKind::SamePage,
        _ if dest.starts_with("//") || has_scheme(dest) => LinkKind::External,
        _ => LinkKind::Local,
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// Gives anchors to headings: the slug of the text, `-2`, `-3`… for repeats.
#[derive(Default)]
pub struct Anchors {
    seen: std::collections::HashMap<String, usize>,
}

impl Anchors {
    pub fn next(&mut self, text: &str) -> String {
        let base = match slug(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            format!("{base}-{n}")
        }
    }
}

/// Reads the headings and links of a Markdown body (parsed with `options`,
/// those of [`options_for`] its page), and with a glossary's `terms`, the
/// terms it uses where the renderer marks them.
pub fn scan(body: &str, options: Options, terms: Option<&Matcher>) -> Scan {
    let mut out = Scan::default();
    let mut anchors = Anchors::default();
    let mut heading: Option<(u8, String)> = None;
    let mut runs = Runs::new(true);
    let mut seen = terms.map(Matcher::seen);
    let mut found = |run: Option<(u32, String)>, out: &mut Vec<Mark>| {
        if let (Some((run, text)), Some(m), Some(seen)) = (run, terms, seen.as_mut()) {
            let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            out.extend(m.first_occurrences(&text, seen).into_iter().map(|f| Mark {
                run,
                start: at(f.start),
                end: at(f.end),
                entry: f.entry,
            }));
        }
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if terms.is_some() && !runs.step(&event) {
            found(runs.end(), &mut out.marks);
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let anchor = anchors.next(&text);
                    out.headings.push(Heading { level, text: text.trim().to_string(), anchor });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                out.links.push(Link { kind: link_kind(link_type, &dest_url), dest: dest_url.into_string(), offset: range.start });
            }
            _ => {}
        }
    }
    found(runs.end(), &mut out.marks);
    out
}

/// Line and column (1-based, in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    Positions::new(text).at(offset)
}

/// Line and column of many offsets of one text, taken in increasing order:
/// each call only reads the text since the previous offset, so that a body
/// with thousands of links is read once, not once per link.
pub struct Positions<'a> {
    text: &'a str,
    offset: usize,
    /// Lines before `offset`, and characters since the last line start.
    lines: usize,
    column: usize,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions { text, offset: 0, lines: 0, column: 0 }
    }

    /// (lines before the offset, 1-based column in characters).
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        for c in self.text[self.offset..offset].chars() {
            if c == '\n' {
                self.lines += 1;
                self.column = 0;
            } else {
                self.column += 1;
            }
        }
        self.offset = offset;
        (self.lines, self.column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors() {
        let s = scan("# Réunion d'été\n\n## Notes\n\n## Notes\n", options(), None);
        let anchors: Vec<&str> = s.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["reunion-d-ete", "notes", "notes-2"]);
    }

    #[test]
    fn links_are_classified_and_code_is_skipped() {
        let s = scan(
            "[[a b|x]] `[[no]]` [y](../d/e.md#h) [z](https://x.org) [w](#top) <https://a.b>\n\n    [[indented code]]\n",
            options(),
            None,
        );
        let kinds: Vec<(LinkKind, &str)> = s.links.iter().map(|l| (l.kind, l.dest.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (LinkKind::Wiki { labelled: true }, "a b"),
                (LinkKind::Local, "../d/e.md#h"),
                (LinkKind::External, "https://x.org"),
                (LinkKind::SamePage, "#top"),
                (LinkKind::External, "https://a.b"),
            ]
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("é\nab[[x]]", 5), (1, 3));
    }

    #[test]
    fn positions_go_forward_and_back() {
        let text = "ab\ncdé\nf";
        let mut at = Positions::new(text);
        assert_eq!(at.at(1), (0, 2));
        assert_eq!(at.at(4), (1, 2));
        assert_eq!(at.at(8), (2, 1));
        assert_eq!(at.at(0), (0, 1));
        assert_eq!(at.at(7), (1, 4), "a byte inside é counts from its start");
    }
}
