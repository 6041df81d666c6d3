//! Decisions written inline in minutes, in fenced blocks whose info string
//! is `decision` (content format section 5).
//!
//! The block holds front matter, a `---` line, then Markdown. Its id is
//! `<meeting id>/<name>`, where the name is the block's `id:` or the slug of
//! its title; date, committee and meeting default to the meeting's.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::fields::Fields;
use super::{read_page, MeetingDefaults, PathFacts};
use crate::config::Config;
use crate::diagnostic::Located;
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::id::slug;
use crate::model::PageType;
use crate::model::{Meeting, Page, Source};

/// A decision block found in minutes: its text and the file line where that
/// text starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub line: usize,
}

/// Finds the `decision` blocks of a Markdown body whose first line is file
/// line `body_line`.
pub fn blocks(body: &str, body_line: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_decision_info(&info) => {
                let fence_line = body_line + body[..range.start].matches('\n').count();
                current = Some(Block { text: String::new(), line: fence_line + 1 });
            }
            Event::Text(text) => {
                if let Some(b) = current.as_mut() {
                    b.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(b) = current.take() {
                    out.push(b);
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a fence's info string opens a decision block.
pub fn is_decision_info(info: &str) -> bool {
    info.split_whitespace().next() == Some("decision")
}

/// The pages of the decisions written in a meeting's minutes.
pub fn extract(page: &Page, meeting: &Meeting, config: &Config) -> (Vec<Page>, Vec<Diagnostic>) {
    let file = &page.source.file;
    let defaults = MeetingDefaults {
        date: Some(meeting.date),
        by: Some(meeting.by.clone()),
        meeting: Located { value: page.id.as_str().to_string(), pos: meeting.by.pos },
        lang: page.lang.clone(),
        draft: page.draft,
    };
    let mut pages = Vec::new();
    let mut diags = Vec::new();
    for block in blocks(&page.body, page.source.body_line) {
        let (yaml, body, body_line) = split_block(&block);
        let mut fields = match Fields::parse(file, yaml, block.line) {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let name = match fields.located_string("id") {
            // The block's `id:` is its name inside the meeting, not a full id.
            Some(id) => Some((id.value, id.pos)),
            None => fields.has("title").then(|| {
                let title = fields.string("title").unwrap_or_default();
                fields.put_back("title", serde_yaml::Value::String(title.clone()));
                (slug(&title), Pos::new(block.line, 1))
            }),
        };
        let id = match &name {
            Some((name, _)) => page.id.join(name),
            None => Err(crate::id::BadId::Empty),
        };
        if let (Err(e), Some((_, pos))) = (&id, &name) {
            diags.push(Diagnostic::new(Code::BadId, file, *pos, format!("invalid id for an inline decision: {e}")));
        }
        let facts = PathFacts { id: id.clone(), lang: None, default_type: PageType::Decision, is_index: false };
        let source = Source { file: file.clone(), body_line, pos: Pos::new(block.line, 1) };
        let read = read_page(&mut fields, facts, source, body, config, Some(&defaults));
        let (extra, rest) = fields.finish(&super::known_keys());
        diags.extend(rest);
        if let Some(mut p) = read {
            p.extra = extra;
            pages.push(p);
        }
    }
    (pages, diags)
}

/// Splits a block at its `---` line: YAML above, Markdown below. Without a
/// `---` line, the whole block is YAML.
pub fn split_block(block: &Block) -> (&str, &str, usize) {
    let text = block.text.as_str();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return (&text[..offset], &text[body_start..], block.line + n + 1);
        }
        offset += line.len();
    }
    (text, "", block.line + text.lines().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_found_with_their_lines() {
        let body = "## Embauche\n\n```decision\ntitle: A\n---\nTexte\n```\n\n```rust\nx\n```\n";
        let found = blocks(body, 10);
        assert_eq!(found, vec![Block { text: "title: A\n---\nTexte\n".into(), line: 13 }]);
        let (yaml, md, line) = split_block(&found[0]);
        assert_eq!((yaml, md, line), ("title: A\n", "Texte\n", 15));
    }

    #[test]
    fn info_string_must_be_decision() {
        assert!(is_decision_info("decision"));
        assert!(is_decision_info("decision {.x}"));
        assert!(!is_decision_info("decisions"));
    }
}
