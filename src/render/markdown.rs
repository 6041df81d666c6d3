//! Markdown to HTML for one page: heading anchors, resolved links, the
//! `raw_html` policy, glossary terms (see [`super::glossary`]), and, in
//! minutes, a box for each inline decision.

use std::sync::OnceLock;

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use super::glossary::{Definitions, Marker};
use super::theme::Strings;
use super::url::relative;
use crate::config::RawHtml;
use crate::model::Kind;
use crate::parse::body::{options_for, LinkKind};
use crate::resolve::{LinkTarget, PageIdx, Site};
use crate::text::escape_html as escape;

/// Renders the body of page `p` to HTML; `t` holds the interface strings
/// of its language.
pub fn body_html(site: &Site, t: &Strings, p: PageIdx) -> String {
    render(site, t, p, &site.pages[p].body)
}

/// Renders Markdown written on page `p` (its body, or another text of it).
pub fn render(site: &Site, t: &Strings, p: PageIdx, text: &str) -> String {
    render_placed(site, t, p, text, Placement { at: site.url(p), anchors: None })
}

/// Where a page's text is shown when it is not on its own page: links and
/// images are made relative to `at`, and, with `anchors`, the ids of its
/// headings (and the links to them) get that prefix, so that several texts
/// share one page without two elements having one id.
#[derive(Clone, Copy)]
pub struct Placement<'a> {
    pub at: &'a str,
    pub anchors: Option<&'a str>,
}

/// The body of page `p`, shown on the page at `placement.at`.
pub fn body_html_at(site: &Site, t: &Strings, p: PageIdx, placement: Placement<'_>) -> String {
    render_placed(site, t, p, &site.pages[p].body, placement)
}

fn render_placed(site: &Site, t: &Strings, p: PageIdx, text: &str, placement: Placement<'_>) -> String {
    let mut rewriter = EventRewriter::new(site, t, p, placement);
    // Glossary marks were found in the page's body by the scan: another
    // text of the page has none.
    if !std::ptr::eq(text, site.pages[p].body.as_str()) {
        rewriter.marker = None;
    }
    for event in Parser::new_ext(text, options_for(site.pages[p].is_glossary())) {
        rewriter.push(event);
    }
    // A glossary mark writes a link, an `<abbr>` and a definition: room
    // for them saves growing the string, which copies it.
    let marks = if rewriter.marker.is_some() { site.scans[p].marks.len() } else { 0 };
    rewriter.finish(text.len() * 3 / 2 + marks * 200)
}

/// The Markdown events of one text as they are rewritten for its page, and
/// where the rewriting stands: the n-th heading, link and decision block of
/// the text match the n-th that parse and resolve found on the page.
struct EventRewriter<'a> {
    site: &'a Site,
    t: &'a Strings,
    p: PageIdx,
    placement: Placement<'a>,
    /// The decisions written in the page, when it is minutes.
    inline_decisions: &'a [crate::id::Id],
    events: Vec<Event<'a>>,
    heading_n: usize,
    link_n: usize,
    decision_n: usize,
    /// Whether raw HTML went through, which `raw_html: sanitize` then cleans.
    has_raw: bool,
    /// Whether the end of the current link closes a span (a broken link)
    /// rather than a link.
    closing_span: bool,
    skip: Skip,
    /// The glossary's terms, marked in the text (any page but a glossary).
    marker: Option<Marker<'a>>,
    /// The terms a glossary page defines, given their ids.
    definitions: Option<Definitions<'a>>,
}

/// Events left out until the end of a link or of a code block.
enum Skip {
    Nothing,
    /// The label of a wikilink replaced by the page title.
    ToLinkEnd,
    /// An inline decision block replaced by its box.
    CodeBlock,
}

impl<'a> EventRewriter<'a> {
    fn new(site: &'a Site, t: &'a Strings, p: PageIdx, placement: Placement<'a>) -> Self {
        let inline_decisions: &[crate::id::Id] = match &site.pages[p].kind {
            Kind::Meeting(m) => &m.decisions,
            _ => &[],
        };
        EventRewriter {
            site,
            t,
            p,
            placement,
            inline_decisions,
            events: Vec::new(),
            heading_n: 0,
            link_n: 0,
            decision_n: 0,
            has_raw: false,
            closing_span: false,
            skip: Skip::Nothing,
            marker: Marker::new(site, p, placement.at),
            definitions: Definitions::new(site, p),
        }
    }

    /// Takes the next event of the text. Text that may hold glossary terms
    /// is held until its run ends, then written with its terms marked.
    fn push(&mut self, event: Event<'a>) {
        let event = match self.marker.as_mut() {
            Some(marker) => match marker.push(event, &mut self.events) {
                Some(event) => event,
                None => return,
            },
            None => event,
        };
        if let Some(definitions) = self.definitions.as_mut() {
            definitions.before(&event, &mut self.events);
        }
        match self.skip {
            Skip::CodeBlock => {
                if matches!(event, Event::End(TagEnd::CodeBlock)) {
                    self.skip = Skip::Nothing;
                }
                return;
            }
            Skip::ToLinkEnd => {
                if matches!(event, Event::End(TagEnd::Link)) {
                    self.skip = Skip::Nothing;
                    self.events.push(event);
                }
                return;
            }
            Skip::Nothing => {}
        }
        match event {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => self.heading(level, classes, attrs),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => self.link(link_type, dest_url, title, id),
            Event::End(TagEnd::Link) if self.closing_span => {
                self.closing_span = false;
                self.events.push(Event::InlineHtml("</span>".into()));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => self.image(link_type, dest_url, title, id),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if !self.inline_decisions.is_empty() && crate::parse::is_decision_info(&info) =>
            {
                self.decision_block()
            }
            Event::Html(raw) | Event::InlineHtml(raw) => self.raw_html(raw),
            // A task's box says what it means to a screen reader: an input
            // without a label is a critical finding of axe.
            Event::TaskListMarker(done) => {
                let (checked, label) = if done { (" checked=\"\"", self.t.get("task_done")) } else { ("", self.t.get("task_open")) };
                let input = format!("<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\">\n", escape(label));
                self.events.push(Event::InlineHtml(input.into()));
            }
            other => self.events.push(other),
        }
    }

    /// A heading, with the anchor parse gave it.
    fn heading(&mut self, level: HeadingLevel, classes: Vec<CowStr<'a>>, attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>) {
        let anchor = self.site.scans[self.p].headings.get(self.heading_n).map(|h| self.anchor(&h.anchor));
        self.heading_n += 1;
        self.events.push(Event::Start(Tag::Heading { level, id: anchor.map(CowStr::from), classes, attrs }));
    }

    /// A heading's id where the text is shown.
    fn anchor(&self, anchor: &str) -> String {
        match self.placement.anchors {
            Some(prefix) => format!("{prefix}-{anchor}"),
            None => anchor.to_string(),
        }
    }

    /// A link, to where resolve found its target: relative to the page the
    /// text is shown on.
    fn link(&mut self, link_type: LinkType, dest_url: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>) {
        let (site, from) = (self.site, self.placement.at);
        let target = site.links[self.p].get(self.link_n).cloned().unwrap_or(LinkTarget::External);
        self.link_n += 1;
        let wiki_unlabelled = matches!(link_type, LinkType::WikiLink { has_pothole: false });
        match target {
            LinkTarget::Page { page: to, anchor } => {
                super::context::shows(site, to);
                let mut href = relative(from, site.url(to));
                if let Some(a) = anchor {
                    href.push('#');
                    href.push_str(&a);
                }
                self.events.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
                if wiki_unlabelled {
                    self.events.push(Event::Text(site.pages[to].title.clone().into()));
                    self.skip = Skip::ToLinkEnd;
                }
            }
            LinkTarget::Path { url } => {
                self.events.push(Event::Start(Tag::Link { link_type, dest_url: relative(from, &url).into(), title, id }));
            }
            LinkTarget::Broken => {
                self.events.push(Event::InlineHtml("<span class=\"broken-link\">".into()));
                self.closing_span = true;
            }
            // `[[#Heading text]]` names a heading by its text, like any wikilink.
            LinkTarget::SamePage if matches!(link_type, LinkType::WikiLink { .. }) => {
                let href = format!("#{}", self.anchor(&crate::id::slug(dest_url.trim_start_matches('#'))));
                self.events.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
            }
            LinkTarget::SamePage if self.placement.anchors.is_some() => {
                let href = format!("#{}", self.anchor(dest_url.trim_start_matches('#')));
                self.events.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
            }
            LinkTarget::SamePage | LinkTarget::External => {
                self.events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
        }
    }

    /// An image; a local one is found next to the page's source file.
    fn image(&mut self, link_type: LinkType, dest_url: CowStr<'a>, title: CowStr<'a>, id: CowStr<'a>) {
        let dest = match crate::parse::body::link_kind(link_type, &dest_url) {
            LinkKind::Local => image_url(self.site, self.p, self.placement.at, &dest_url),
            _ => dest_url,
        };
        self.events.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
    }

    /// An inline decision block of minutes, which its box replaces.
    fn decision_block(&mut self) {
        if let Some(id) = self.inline_decisions.get(self.decision_n) {
            self.events.push(Event::Html(decision_box(self.site, self.t, self.p, self.placement.at, id).into()));
        }
        self.decision_n += 1;
        self.skip = Skip::CodeBlock;
    }

    /// Raw HTML, as the site's `raw_html` policy says.
    fn raw_html(&mut self, raw: CowStr<'a>) {
        match self.site.config.raw_html {
            RawHtml::Escape => self.events.push(Event::Text(raw)),
            RawHtml::Sanitize | RawHtml::Allow => {
                self.has_raw = true;
                self.events.push(Event::InlineHtml(raw));
            }
        }
    }

    /// The HTML of the rewritten events, sanitised when raw HTML went
    /// through under `raw_html: sanitize`.
    fn finish(mut self, capacity: usize) -> String {
        if let Some(marker) = self.marker.as_mut() {
            marker.finish(&mut self.events);
        }
        let mut out = String::with_capacity(capacity);
        html::push_html(&mut out, self.events.into_iter());
        if self.has_raw && self.site.config.raw_html == RawHtml::Sanitize {
            out = sanitizer().clean(&limit_nesting(&out, MAX_HTML_DEPTH)).to_string();
        }
        out
    }
}

/// How deep raw HTML may nest before the sanitiser sees it. The HTML parser
/// behind the sanitiser takes time in the square of the depth; browsers
/// stop nesting at about this depth too (Chromium at 512).
pub const MAX_HTML_DEPTH: usize = 512;

const VOID_ELEMENTS: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Drops the tags of elements nested deeper than `max`, keeping their text,
/// in one pass over the HTML.
pub fn limit_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    let bytes = html.as_bytes();
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        let (end, delta) = tag_at(html, start);
        i = end;
        let dropped = match delta {
            Depth::Open => {
                depth += 1;
                depth > max
            }
            Depth::Close => {
                let deep = depth > max;
                depth = depth.saturating_sub(1);
                deep
            }
            Depth::Same => false,
        };
        if dropped {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        if i >= bytes.len() {
            break;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

enum Depth {
    Open,
    Close,
    Same,
}

/// The end of the markup that starts at `start` (a `<`), and what it does to
/// the nesting depth.
fn tag_at(html: &str, start: usize) -> (usize, Depth) {
    let rest = &html[start + 1..];
    if rest.starts_with("!--") {
        let end = rest.find("-->").map_or(html.len(), |e| start + 1 + e + 3);
        return (end, Depth::Same);
    }
    let closing = rest.starts_with('/');
    let name_start = usize::from(closing);
    let name: String = rest[name_start..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return (start + 1, Depth::Same);
    }
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    let mut end = html.len();
    for (k, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                end = start + 1 + k + 1;
                break;
            }
            _ => {}
        }
    }
    let self_closing = html[..end].ends_with("/>");
    let void = VOID_ELEMENTS.iter().any(|v| v.eq_ignore_ascii_case(&name));
    let depth = match (closing, void || self_closing) {
        (true, false) => Depth::Close,
        (false, false) => Depth::Open,
        _ => Depth::Same,
    };
    (end, depth)
}

/// A local image path, relative to the page's source file, as a URL
/// relative to the page's output.
fn image_url<'a>(site: &Site, p: PageIdx, at: &str, dest: &str) -> CowStr<'a> {
    let file = crate::diagnostic::display_path(&site.pages[p].source.file);
    let folder = file.strip_prefix("content/").unwrap_or(&file).rsplit_once('/').map_or("", |(d, _)| d).to_string();
    match crate::resolve::links::join_path(&folder, dest) {
        Some(path) => relative(at, &format!("/{path}")).into(),
        None => CowStr::from(dest.to_string()),
    }
}

/// The box that stands in minutes for a decision written there.
fn decision_box(site: &Site, t: &Strings, p: PageIdx, at: &str, id: &crate::id::Id) -> String {
    let Some(g) = site.index.group(id) else { return String::new() };
    let target = site.version(g, &site.pages[p].lang);
    super::context::shows(site, target);
    let page = &site.pages[target];
    let effective = site.register.records.get(&g).map_or("adopted", |s| s.effective.as_str());
    let summary = page.summary.as_deref().map(|s| format!("<p class=\"summary\">{}</p>", escape(s))).unwrap_or_default();
    format!(
        "<aside class=\"inline-decision status-{effective}\"><p class=\"kicker\">{} · <span class=\"badge {effective}\">{}</span></p><p class=\"title\"><a href=\"{}\">{}</a></p>{summary}</aside>\n",
        escape(t.get("decision")),
        escape(t.get(effective)),
        escape(&relative(at, site.url(target))),
        escape(&page.title),
    )
}

/// The allow-list sanitiser for raw HTML (`raw_html: sanitize`): ammonia's
/// defaults (no script, no event handlers, no `javascript:` URLs) plus the
/// attributes cahier's own Markdown output uses.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class", "title", "lang"]);
        b.add_tags(["input", "aside", "details", "summary", "section", "figure", "figcaption", "mark"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"]);
        b.add_tag_attributes("th", ["style"]);
        b.add_tag_attributes("td", ["style"]);
        b.add_tag_attributes("ol", ["start"]);
        b.link_rel(None);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::limit_nesting;

    #[test]
    fn deep_nesting_keeps_text_and_shallow_tags() {
        assert_eq!(limit_nesting("<div><div><p>x</p></div></div>", 2), "<div><div>x</div></div>");
        assert_eq!(limit_nesting("<div a=\"<b>\"><br><!-- <div> --><img/>t</div>", 1), "<div a=\"<b>\"><br><!-- <div> --><img/>t</div>");
        let deep = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let limited = limit_nesting(&deep, 3);
        assert_eq!(limited, "<div><div><div>x</div></div></div>");
    }
}
