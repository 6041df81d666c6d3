//! `cahier search`: the hits of the tantivy index, printed for a terminal
//! (or as JSON). Opening the index, and building it when the site was never
//! built, is the command's job (`pipeline::search_index`).

use std::io::{IsTerminal, Write};

use super::engine::{Filters, Hit, Searcher};
use crate::text::strip_controls;

/// Runs a search and prints the hits; `Ok(false)` when nothing matched.
pub fn run(searcher: &Searcher, query: &str, filters: &Filters, limit: usize, json: bool) -> Result<bool, String> {
    let answer = searcher.answer(query, filters, limit).map_err(|e| format!("search failed: {e}"))?;
    let hits = answer.hits;
    let mut out = std::io::stdout().lock();
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&hits).unwrap_or_else(|_| "[]".into()));
        return Ok(!hits.is_empty());
    }
    if hits.is_empty() {
        let _ = writeln!(out, "no result for “{query}”; try fewer words, a prefix (embau*), or fewer filters");
        return Ok(false);
    }
    let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for (word, near) in &answer.mistakes {
        let _ = writeln!(out, "no page has “{}”; searched for {}", strip_controls(word), near.join(", "));
    }
    for (n, hit) in hits.iter().enumerate() {
        let _ = writeln!(out, "{}", describe(n + 1, hit, bold));
    }
    Ok(true)
}

/// One hit as a few lines of text. Every text from the index passes
/// through `strip_controls`: an index written by an older cahier may hold
/// escape sequences that would drive the terminal.
fn describe(n: usize, hit: &Hit, bold: bool) -> String {
    let mut facts = vec![hit.kind.clone()];
    if let Some(s) = &hit.status {
        facts.push(if s == "adopted" { "in force".to_string() } else { s.clone() });
    }
    if let Some(d) = &hit.date {
        facts.push(d.clone());
    }
    if let Some(b) = &hit.by {
        facts.push(format!("by {b}"));
    }
    if !hit.topics.is_empty() {
        facts.push(hit.topics.join(", "));
    }
    let clean = |t: &str| strip_controls(t).into_owned();
    let title = if bold { format!("\x1b[1m{}\x1b[0m", clean(&hit.title)) } else { clean(&hit.title) };
    let mut text = format!("{n:>2}. {title}  [{}]\n    {}", clean(&facts.join(" · ")), clean(&hit.url));
    let snippet = highlight(&clean(&hit.snippet_text), &hit.highlights, bold);
    if !snippet.trim().is_empty() {
        text.push_str(&format!("\n    {}", snippet.replace('\n', " ")));
    }
    text
}

/// Marks the matched words: bold on a terminal, `[…]` otherwise.
fn highlight(text: &str, ranges: &[(usize, usize)], bold: bool) -> String {
    let (open, close) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("[", "]") };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut last = 0;
    for &(start, end) in ranges {
        if start < last || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(open);
        out.push_str(&text[start..end]);
        out.push_str(close);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}
