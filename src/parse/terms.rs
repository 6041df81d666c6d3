//! Glossaries in Markdown (content format 14.4): the terms a glossary page
//! defines in its text, and where, in any page's text, a term may be marked.
//!
//! The scan of parse finds the terms in each run of text (see [`Runs`]) and
//! keeps them as marks (run, range, term); the renderer walks the same
//! events through the same [`Runs`] and writes each mark where the scan
//! found it. The automaton runs once per text, and the page and the
//! glossary's "where it is used" cannot disagree.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::body::{options_for, Positions};
use crate::diagnostic::{Located, Pos};
use crate::model::TermDef;

/// Where terms may be marked: never in code, links, images, headings, raw
/// HTML blocks or between the tags of raw inline HTML (an `<abbr>` written
/// by hand, an `<a>`).
#[derive(Debug, Default, Clone)]
pub struct Markable {
    /// Open code blocks, links, images, headings and HTML blocks.
    closed: u32,
    /// Raw inline elements open in the current block.
    html: u32,
}

impl Markable {
    /// Follows the structure of the text, event by event.
    pub fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                self.closed += 1
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                self.closed = self.closed.saturating_sub(1)
            }
            Event::InlineHtml(raw) => match inline_tag(raw) {
                Some(true) => self.html += 1,
                Some(false) => self.html = self.html.saturating_sub(1),
                None => {}
            },
            // Raw inline HTML left open does not reach past its block.
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition,
            ) => self.html = 0,
            _ => {}
        }
    }

    pub fn allows(&self) -> bool {
        self.closed == 0 && self.html == 0
    }
}

const VOID_ELEMENTS: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// What a piece of raw inline HTML does: opens an element (`Some(true)`),
/// closes one (`Some(false)`), or neither (a comment, a void or
/// self-closing element, text).
fn inline_tag(raw: &str) -> Option<bool> {
    let raw = raw.trim();
    let rest = raw.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    if closing {
        return Some(false);
    }
    let void = VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(&name)) || raw.ends_with("/>");
    (!void).then_some(true)
}

/// The runs of markable text of a Markdown text, numbered from 0:
/// consecutive text events and soft line breaks (a term may be written
/// across a line break), joined into one string in which terms are looked
/// for.
#[derive(Debug, Default)]
pub struct Runs {
    markable: Markable,
    /// The text of the run in progress, when it is kept.
    text: Option<String>,
    /// Its length so far (whether its text is kept or not).
    len: usize,
    count: u32,
}

impl Runs {
    /// Runs whose text is kept (`keep_text`) for a search, or only counted.
    pub fn new(keep_text: bool) -> Runs {
        Runs { text: keep_text.then(String::new), ..Runs::default() }
    }

    /// Takes the next event. `true` when it is markable text, added to the
    /// run in progress (`SoftBreak` as a space: a term's words may be split
    /// across lines, and a space is how HTML reads a line break); `false`
    /// for any other event, which ends the run: the caller then
    /// [`Runs::end`]s it before handling the event.
    pub fn step(&mut self, event: &Event<'_>) -> bool {
        if self.markable.allows() {
            let piece = match event {
                Event::Text(t) => t.as_ref(),
                Event::SoftBreak => " ",
                _ => "",
            };
            if matches!(event, Event::Text(_) | Event::SoftBreak) {
                self.len += piece.len();
                if let Some(text) = self.text.as_mut() {
                    text.push_str(piece);
                }
                return true;
            }
        }
        self.markable.observe(event);
        false
    }

    /// The number of the run in progress (or of the next one).
    pub fn current(&self) -> u32 {
        self.count
    }

    /// Ends the run in progress: its number and its text (empty when text
    /// is not kept); `None` when there is none.
    pub fn end(&mut self) -> Option<(u32, String)> {
        if self.len == 0 {
            return None;
        }
        self.len = 0;
        self.count += 1;
        Some((self.count - 1, self.text.as_mut().map(std::mem::take).unwrap_or_default()))
    }
}

/// A term being read from the text of a glossary page.
#[derive(Default)]
struct Reading {
    term: String,
    definition: String,
    offset: usize,
    /// In a list item: whether its first element was bold (a term
    /// candidate), and whether that bold text has ended.
    bold: Option<bool>,
}

/// The terms a glossary defines in its text: each title of a definition
/// list (with the definition that follows), and each list item that starts
/// with a bold term and a colon (`- **CT** : comité de travail`). Positions
/// are file positions (`body_line` is the body's first line). The text of
/// links is left out of definitions: they are read as tooltips.
pub fn body_terms(body: &str, body_line: usize) -> Vec<TermDef> {
    let mut reader = TermReader::default();
    for (event, range) in Parser::new_ext(body, options_for(true)).into_offset_iter() {
        reader.event(event, range.start);
    }
    let mut at = Positions::new(body);
    let mut out: Vec<TermDef> = reader
        .found
        .into_iter()
        .filter_map(|(term, definition, offset)| {
            let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
            let (line, col) = at.at(offset);
            let value = Located { value: term, pos: Pos::new(body_line + line, col) };
            (!value.value.is_empty()).then(|| TermDef { term: value, aliases: Vec::new(), definition: tooltip(&definition), in_body: true })
        })
        .collect();
    // Items close inside out (a nested item first): back to text order.
    out.sort_by_key(|t| t.term.pos);
    out
}

/// Reads terms from the events of a glossary's text.
#[derive(Default)]
struct TermReader {
    /// Term, definition and offset of each term found.
    found: Vec<(String, String, usize)>,
    /// Titles of a definition list waiting for their definition.
    titles: Vec<(String, usize)>,
    dt: Option<Reading>,
    dd: Option<String>,
    items: Vec<Reading>,
    in_link: u32,
}

impl TermReader {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(Tag::DefinitionListTitle) => self.dt = Some(Reading { offset, ..Reading::default() }),
            Event::End(TagEnd::DefinitionListTitle) => self.titles.extend(self.dt.take().map(|r| (r.term, r.offset))),
            Event::Start(Tag::DefinitionListDefinition) => self.dd = Some(String::new()),
            Event::End(TagEnd::DefinitionListDefinition) => {
                let definition = self.dd.take().unwrap_or_default();
                let titles = std::mem::take(&mut self.titles);
                self.found.extend(titles.into_iter().map(|(term, offset)| (term, definition.clone(), offset)));
            }
            Event::Start(Tag::Item) => self.items.push(Reading { offset, ..Reading::default() }),
            Event::Start(Tag::Strong) => {
                if let Some(item) = self.items.last_mut().filter(|i| i.bold.is_none() && i.term.is_empty() && i.definition.is_empty()) {
                    item.bold = Some(false);
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(item) = self.items.last_mut().filter(|i| i.bold == Some(false)) {
                    item.bold = Some(true);
                }
            }
            // A nested list ends what its item says of itself.
            Event::Start(Tag::List(_)) => {
                if let Some(item) = self.items.last_mut() {
                    item.definition.push('\u{0}');
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some((item, (term, definition))) = self.items.pop().and_then(|i| bold_term(&i).map(|t| (i, t))) {
                    self.found.push((term, definition, item.offset));
                }
            }
            Event::Start(Tag::Link { .. }) => self.in_link += 1,
            Event::End(TagEnd::Link) => self.in_link = self.in_link.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(r) = self.dt.as_mut() {
            r.term.push_str(t);
        } else if let Some(d) = self.dd.as_mut() {
            if self.in_link == 0 {
                d.push_str(t);
            }
        } else if let Some(item) = self.items.last_mut() {
            match item.bold {
                Some(false) => item.term.push_str(t),
                _ if self.in_link == 0 => item.definition.push_str(t),
                _ => {}
            }
        }
    }
}

/// The term and definition of a list item read as `**term** : definition`
/// (or `**term :** definition`), if it is one.
fn bold_term(item: &Reading) -> Option<(String, String)> {
    if item.bold != Some(true) {
        return None;
    }
    let own = item.definition.split('\u{0}').next().unwrap_or("");
    let term = item.term.trim();
    if let Some(term) = term.strip_suffix(':') {
        return Some((term.trim().to_string(), own.to_string()));
    }
    let rest = own.trim_start().strip_prefix(':')?;
    Some((term.to_string(), rest.to_string()))
}

/// A definition as a one-line tooltip: spaces collapsed, and the empty
/// brackets a left-out link leaves behind removed.
fn tooltip(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = words.replace(" ()", "").replace("()", "");
    cleaned.trim().trim_start_matches(':').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(body: &str) -> Vec<(String, String, usize)> {
        body_terms(body, 10).into_iter().map(|t| (t.term.value, t.definition, t.term.pos.line)).collect()
    }

    #[test]
    fn definition_lists_and_bold_items() {
        let body = "Intro **gras** : non.\n\nCT\n: comité de travail ([[ct]])\n\nAG\n: l'instance\n  souveraine\n\n- **RH** : ressources humaines\n- **CA :** conseil\n- **Pas un terme** sans deux-points\n- texte **gras** : non\n";
        assert_eq!(
            terms(body),
            [
                ("CT".into(), "comité de travail".into(), 12),
                ("AG".into(), "l'instance souveraine".into(), 15),
                ("RH".into(), "ressources humaines".into(), 19),
                ("CA".into(), "conseil".into(), 20),
            ]
        );
    }

    #[test]
    fn nested_lists_end_the_definition() {
        assert_eq!(
            terms("- **CT** : comité\n  - **sous** : élément\n"),
            [("CT".to_string(), "comité".to_string(), 10), ("sous".to_string(), "élément".to_string(), 11)]
        );
    }

    #[test]
    fn code_links_headings_and_raw_html_are_not_markable() {
        let body = "a `CT` [CT](x) ![CT](i.png)\n\n# CT\n\n<abbr>CT</abbr> <br> CT\n\n```\nCT\n```\n";
        let mut runs = Runs::new(true);
        let mut texts = Vec::new();
        for event in Parser::new_ext(body, crate::parse::body::options()) {
            if !runs.step(&event) {
                texts.extend(runs.end());
            }
        }
        texts.extend(runs.end());
        let expected = ["a ", " ", " ", " ", " CT"].iter().enumerate().map(|(i, t)| (i as u32, t.to_string()));
        assert_eq!(texts, expected.collect::<Vec<_>>());
    }
}
