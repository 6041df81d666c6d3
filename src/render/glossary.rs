//! The glossary in rendered text (content format 14.4): on every page but
//! a glossary, the first occurrence of each term becomes
//! `<a class="term" href="…#term-x"><abbr title="definition">term</abbr></a>`
//! (a link, so that a keyboard reaches it and a tap opens the entry; the
//! title, so that a pointer shows the definition); on a glossary page,
//! each term its text defines gets its id, on a `<dfn>` around it.
//!
//! Both work on the events the Markdown renderer rewrites, text events
//! only. The marks come from the scan of parse, which searched each run of
//! markable text once with the glossary's automaton; the renderer follows
//! the same runs ([`Runs`]) and holds back only the runs that have a mark,
//! so that a page pays for the terms it uses, and the page and the
//! glossary's "used on" agree.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::url::relative;
use crate::model::Kind;
use crate::parse::body::Mark;
use crate::parse::terms::Runs;
use crate::resolve::{PageIdx, Site};
use crate::text::escape_html as escape;

/// Writes the marks of one text.
pub struct Marker<'a> {
    site: &'a Site,
    marks: &'a [Mark],
    /// The first mark not yet written.
    next: usize,
    runs: Runs,
    /// The events of the run in progress, when it has marks, and its text.
    pending: Vec<Event<'a>>,
    text: String,
    /// The URL the text is shown at: glossary links are relative to it.
    at: &'a str,
    /// The last glossary page linked, and its URL relative to `at`.
    href: Option<(PageIdx, String)>,
}

impl<'a> Marker<'a> {
    /// A marker for the body of page `p` shown at `at`, if it uses a term.
    pub fn new(site: &'a Site, p: PageIdx, at: &'a str) -> Option<Marker<'a>> {
        let marks = &site.scans[p].marks;
        (!marks.is_empty()).then(|| Marker {
            site,
            marks,
            next: 0,
            runs: Runs::new(false),
            pending: Vec::new(),
            text: String::new(),
            at,
            href: None,
        })
    }

    /// Takes the next event: holds it (`None`) when it is text of a run
    /// with marks, else gives it back to be written as usual, after the
    /// run it ends (written to `out`, marked).
    pub fn push(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) -> Option<Event<'a>> {
        if self.runs.step(&event) {
            if self.marks.get(self.next).is_none_or(|m| m.run != self.runs.current()) {
                return Some(event);
            }
            match &event {
                Event::Text(t) => self.text.push_str(t),
                _ => self.text.push(' '),
            }
            self.pending.push(event);
            return None;
        }
        self.end_run(out);
        Some(event)
    }

    /// Writes what is still held, at the end of the text.
    pub fn finish(&mut self, out: &mut Vec<Event<'a>>) {
        self.end_run(out);
    }

    fn end_run(&mut self, out: &mut Vec<Event<'a>>) {
        let Some((run, _)) = self.runs.end() else { return };
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        let mut last = 0;
        while let Some(m) = self.marks.get(self.next).filter(|m| m.run == run) {
            self.next += 1;
            let (start, end) = (m.start as usize, m.end as usize);
            // The scan read the same text; a mark that does not fit it is left out.
            if start < last || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            if start > last {
                out.push(Event::Text(text[last..start].to_string().into()));
            }
            let entry = &self.site.glossary.entries[m.entry as usize];
            let (site, at) = (self.site, self.at);
            // Every term of a language is on one glossary page, most often.
            let page = match &self.href {
                Some((p, href)) if *p == entry.page => href,
                _ => &self.href.insert((entry.page, escape(&relative(at, site.url(entry.page))))).1,
            };
            let tag = format!("<a class=\"term\" href=\"{page}#{}\"><abbr title=\"{}\">", escape(&entry.anchor), entry.title_html);
            out.push(Event::InlineHtml(tag.into()));
            out.push(Event::Text(text[start..end].to_string().into()));
            out.push(Event::InlineHtml("</abbr></a>".into()));
            last = end;
        }
        if last == 0 {
            out.append(&mut self.pending);
            return;
        }
        self.pending.clear();
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
