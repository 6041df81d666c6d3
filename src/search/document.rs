//! The searchable form of every page: plain text, facets and fragments,
//! made once from the resolved site and shared by the tantivy index and the
//! static browser index.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::model::Kind;
use crate::resolve::Site;

/// Longest fragment kept for snippets, in characters.
const FRAGMENT_CHARS: usize = 240;
/// Fragments kept per page: about 96 kB of text. Proximity reads a page's
/// words in a row in its fragments, so they hold the whole text of all but
/// the longest pages (with 48, the phrases past the first 11 kB of a long
/// page were not seen).
const MAX_FRAGMENTS: usize = 400;

#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// `id@lang`: one document per page version.
    pub key: String,
    pub id: String,
    /// Site path, e.g. `/decisions/x/`.
    pub url: String,
    pub title: String,
    pub kind: &'static str,
    /// Effective status for decisions (`adopted`, `superseded`…), else empty.
    pub status: &'static str,
    /// Full id of the committee that took a decision or held a meeting.
    pub by: Option<String>,
    pub topics: Vec<String>,
    pub year: Option<i32>,
    pub date: Option<String>,
    pub lang: String,
    pub summary: Option<String>,
    /// Plain text of the body, for the tantivy index and its snippets.
    pub text: String,
    /// The text cut into sentences, for the browser's snippets.
    pub fragments: Vec<String>,
    /// Byte offset in `text` where each fragment starts, so that a word's
    /// fragment is found from its offset without analysing fragments again.
    pub fragment_starts: Vec<usize>,
}

/// How much the status of a decision weighs on its rank: people search the
/// register for what applies now, then for the history. A nudge, not a
/// verdict: on a real register (tests/registers/) a third of what people
/// look for was rejected, withdrawn or is still proposed, and a stronger
/// factor (1.5 against 0.7) put those answers below weaker matches.
pub fn status_boost(status: &str) -> f32 {
    match status {
        "adopted" => 1.2,
        "superseded" | "repealed" | "expired" | "rejected" | "withdrawn" => 0.85,
        _ => 1.0,
    }
}

/// Every page of the site as a search document, in page order.
pub fn documents(site: &Site) -> Vec<SearchDoc> {
    (0..site.pages.len()).into_par_iter().map(|p| document(site, p)).collect()
}

/// Page `p` as a search document.
pub fn document(site: &Site, p: usize) -> SearchDoc {
    let page = &site.pages[p];
    let g = site.group_of(p);
    let status = site.register.records.get(&g).map_or("", |s| s.effective.as_str());
    let by = site.refs[p].by.map(|b| site.index.groups[b].id.as_str().to_string());
    let date = page.date();
    let body = plain_text(&page.body, matches!(page.kind, Kind::Meeting(_)));
    let mut text = String::with_capacity(body.len() + 200);
    if let Some(s) = page.summary.as_ref().filter(|s| !body.contains(s.as_str())) {
        text.push_str(s);
        text.push_str("\n\n");
    }
    text.push_str(&body);
    let (fragments, fragment_starts) = fragments(&text).into_iter().unzip();
    SearchDoc {
        key: format!("{}@{}", page.id, page.lang),
        id: page.id.as_str().to_string(),
        url: site.url(p).to_string(),
        title: page.title.clone(),
        kind: page.kind.name(),
        status,
        by,
        topics: page.topics.clone(),
        year: date.map(|d| chrono::Datelike::year(&d)),
        date: date.map(|d| d.to_string()),
        lang: page.lang.clone(),
        summary: page.summary.clone(),
        text,
        fragments,
        fragment_starts,
    }
}

/// The text a reader sees, without Markdown syntax. Inline decision blocks
/// of minutes are left out: each decision is a document of its own.
pub fn plain_text(markdown: &str, skip_decision_blocks: bool) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut skipping = false;
    for event in Parser::new_ext(markdown, crate::parse::body::options()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if skip_decision_blocks && crate::parse::is_decision_info(&info) => {
                skipping = true
            }
            Event::End(TagEnd::CodeBlock) if skipping => skipping = false,
            _ if skipping => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                // A term and its definition are blocks too: without the
                // break, the last word of one and the first of the other
                // were read as one word.
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// Cuts a text into sentences of at most `FRAGMENT_CHARS` characters, each
/// with the byte offset in `text` of its first word.
pub fn fragments(text: &str) -> Vec<(String, usize)> {
    let offset = |word: &str| word.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut current = String::new();
        let mut start = 0;
        let mut chars = 0;
        for word in line.split_whitespace() {
            let word_chars = word.chars().count();
            if !current.is_empty() && chars + word_chars + 1 > FRAGMENT_CHARS {
                out.push((std::mem::take(&mut current), start));
                chars = 0;
            }
            if current.is_empty() {
                start = offset(word);
            } else {
                current.push(' ');
                chars += 1;
            }
            current.push_str(word);
            chars += word_chars;
            if (word.ends_with('.') || word.ends_with('?') || word.ends_with('!')) && chars > 60 {
                out.push((std::mem::take(&mut current), start));
                chars = 0;
            }
        }
        if !current.is_empty() {
            out.push((current, start));
        }
        if out.len() >= MAX_FRAGMENTS {
            out.truncate(MAX_FRAGMENTS);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_syntax_and_decision_blocks() {
        let md = "## Titre\n\nUn **mot** et `code`.\n\n```decision\ntitle: X\n```\n\n- item\n";
        assert_eq!(plain_text(md, true), "Titre\nUn mot et code.\nitem\n");
    }

    #[test]
    fn fragments_are_sentences() {
        let text = "Première phrase assez longue pour compter comme un fragment complet du texte. Deuxième.\nLigne deux.";
        let f = fragments(text);
        assert_eq!(f.len(), 3);
        assert!(f[0].0.ends_with("texte."));
        assert!(text[f[1].1..].starts_with("Deuxième."));
        assert!(text[f[2].1..].starts_with("Ligne deux."));
    }
}
