//! The glossary in rendered text (content format 14.4): on every page but
//! a glossary, the first occurrence of each term becomes
//! `<a class="term" href="…#term-x"><abbr title="definition">term</abbr></a>`
//! (a link, so that a keyboard reaches it and a tap opens the entry; the
//! title, so that a pointer shows the definition); on a glossary page,
//! each term its text defines gets its id, on a `<dfn>` around it.
//!
//! Both work on the events the Markdown renderer rewrites, text events
//! only, through the same [`Runs`] as the scan that found which terms a
//! page uses, so that the page and the glossary's "used on" agree.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::url::relative;
use crate::model::Kind;
use crate::parse::terms::Runs;
use crate::resolve::{PageIdx, Site};
use crate::text::escape_html as escape;
use crate::text::terms::{Matcher, Seen};

/// Marks the terms of one text.
pub struct Marker<'a> {
    site: &'a Site,
    matcher: &'a Matcher,
    seen: Seen,
    runs: Runs,
    /// The events of the current run of text, as they came.
    pending: Vec<Event<'a>>,
    /// The URL the text is shown at: glossary links are relative to it.
    at: &'a str,
}

impl<'a> Marker<'a> {
    /// A marker for the text of page `p` shown at `at`, if the page is
    /// marked at all.
    pub fn new(site: &'a Site, p: PageIdx, at: &'a str) -> Option<Marker<'a>> {
        let matcher = site.glossary.matcher(&site.pages[p])?;
        Some(Marker { site, matcher, seen: matcher.seen(), runs: Runs::default(), pending: Vec::new(), at })
    }

    /// Holds a text event of the current run (`None`), or gives the event
    /// back: the caller then [`Marker::flush`]es the run before it.
    pub fn hold(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        if self.runs.step(&event) {
            self.pending.push(event);
            None
        } else {
            Some(event)
        }
    }

    /// Writes the current run to `out`, its new terms marked.
    pub fn flush(&mut self, out: &mut Vec<Event<'a>>) {
        let Some(text) = self.runs.take() else { return };
        let found = self.matcher.first_occurrences(&text, &mut self.seen);
        if found.is_empty() {
            out.append(&mut self.pending);
            return;
        }
        self.pending.clear();
        let mut last = 0;
        for f in found {
            if f.start > last {
                out.push(Event::Text(text[last..f.start].to_string().into()));
            }
            let entry = &self.site.glossary.entries[f.entry as usize];
            let href = format!("{}#{}", relative(self.at, self.site.url(entry.page)), entry.anchor);
            out.push(Event::InlineHtml(
                format!("<a class=\"term\" href=\"{}\"><abbr title=\"{}\">", escape(&href), escape(&entry.definition)).into(),
            ));
            out.push(Event::Text(text[f.start..f.end].to_string().into()));
            out.push(Event::InlineHtml("</abbr></a>".into()));
            last = f.end;
        }
        if last < text.len() {
            out.push(Event::Text(text[last..].to_string().into()));
        }
    }
}

/// On a glossary page, the terms its text defines: each title of a
/// definition list, and the bold term that starts a list item, gets the
/// id its entry is linked to.
pub struct Definitions<'a> {
    /// The terms written in the text, with their ids; `None` once placed.
    terms: Vec<Option<(&'a str, &'a str)>>,
    /// The term being read: where its `<dfn>` goes, its text, and whether
    /// it is bold (else a definition-list title).
    open: Option<(usize, String, bool)>,
    /// The two events before the current one started an item (and a
    /// paragraph in it): a bold text there may be a term.
    item_start: u8,
}

impl<'a> Definitions<'a> {
    pub fn new(site: &'a Site, p: PageIdx) -> Option<Definitions<'a>> {
        if !matches!(site.pages[p].kind, Kind::Glossary(_)) {
            return None;
        }
        let terms =
            site.glossary.defined_on(p).filter(|(_, e)| e.in_body).map(|(_, e)| Some((e.term.as_str(), e.anchor.as_str()))).collect();
        Some(Definitions { terms, open: None, item_start: 0 })
    }

    /// Takes the next event before it is written to `out`.
    pub fn before(&mut self, event: &Event<'a>, out: &mut Vec<Event<'a>>) {
        let item_start = std::mem::take(&mut self.item_start);
        match event {
            Event::Start(Tag::Item) => self.item_start = 2,
            Event::Start(Tag::Paragraph) if item_start == 2 => self.item_start = 1,
            Event::Start(Tag::DefinitionListTitle) => self.open = Some((out.len() + 1, String::new(), false)),
            Event::Start(Tag::Strong) if item_start > 0 && self.open.is_none() => self.open = Some((out.len() + 1, String::new(), true)),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = self.open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::DefinitionListTitle) => self.close(false, out),
            Event::End(TagEnd::Strong) => self.close(true, out),
            _ => {}
        }
    }

    fn close(&mut self, bold: bool, out: &mut Vec<Event<'a>>) {
        if self.open.as_ref().is_none_or(|(_, _, b)| *b != bold) {
            return;
        }
        let Some((at, text, _)) = self.open.take() else { return };
        let written = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let term = if bold { written.trim_end_matches(':').trim_end() } else { written.as_str() };
        let Some(slot) = self.terms.iter_mut().find(|t| t.is_some_and(|(w, _)| w == term)) else { return };
        let Some((_, anchor)) = slot.take() else { return };
        if at <= out.len() {
            out.insert(at, Event::InlineHtml(CowStr::from(format!("<dfn id=\"{}\">", escape(anchor)))));
            out.push(Event::InlineHtml("</dfn>".into()));
        }
    }
}
