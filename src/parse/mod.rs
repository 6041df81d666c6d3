//! Parse: turns source files into typed pages.
//!
//! Splits the front matter from the body, reads it into the typed front
//! matter of the page's type, derives ids and languages from paths, and
//! extracts the decisions written inline in minutes. Topics are resolved
//! here (they only need `site.yaml`); references to other pages are kept as
//! written, for the resolve stage.

pub mod body;
pub mod fields;
pub mod inline;
mod places;
pub mod site;
pub mod terms;
pub use inline::is_decision_info;

use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Located;
use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::id::Id;
use crate::load::SourceFile;
use crate::model::{
    Committee, CommitteeKind, Decision, FollowUp, Glossary, Kind, Meeting, Method, Page, PageType, PlainKind, PlainValue, PlainValues,
    Principle, Source, Status, TermDef, COMMON_KEYS, GLOSSARY_IDS, PAGE_TYPES,
};
use fields::Fields;

/// Every key some type defines: other keys get an `unknown-key` warning.
fn known_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = COMMON_KEYS
        .iter()
        .chain(PAGE_TYPES.iter().flat_map(|t| t.keys))
        .copied()
        .chain(PAGE_TYPES.iter().flat_map(|t| t.plain.iter().map(|k| k.name)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Parses every file, in parallel. Drafts are dropped unless `drafts`.
pub fn parse(files: &[SourceFile], config: &Config, drafts: bool) -> (Vec<Page>, Vec<Diagnostic>) {
    let results: Vec<(Vec<Page>, Vec<Diagnostic>)> = files.par_iter().map(|f| parse_file(f, config)).collect();
    let mut pages = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    for (p, d) in results {
        pages.extend(p.into_iter().filter(|p| drafts || !p.draft));
        diags.extend(d);
    }
    (pages, diags)
}

/// The parts of a file around its front matter.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// File line of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line of the first body line.
    pub body_line: usize,
}

/// The opening `---` of a front matter has no closing line.
#[derive(Debug, PartialEq, Eq)]
pub struct Unclosed;

/// Splits `---` front matter from the body. `Ok(None)` when the file has no
/// front matter.
pub fn split_front_matter(text: &str) -> Result<Option<Split<'_>>, Unclosed> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok(None);
    }
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if text[offset..end].trim_end() == "---" {
            let body_start = (end + 1).min(text.len());
            return Ok(Some(Split { yaml: &text[after_open..offset], yaml_line: 2, body: &text[body_start..], body_line: line + 1 }));
        }
        offset = end + 1;
        line += 1;
    }
    Err(Unclosed)
}

/// What the path says about a page: its id, language and default type.
struct PathFacts {
    id: Result<Id, crate::id::BadId>,
    lang: Option<String>,
    default_type: PageType,
    is_index: bool,
}

fn path_facts(rel: &Path, config: &Config) -> PathFacts {
    let rel_text = rel.to_string_lossy().replace('\\', "/");
    let without_md = rel_text.strip_suffix(".md").unwrap_or(&rel_text);
    let (stem, lang) = match without_md.rsplit_once('.') {
        Some((stem, suffix)) if config.is_language(suffix) && !suffix.contains('/') => (stem, Some(suffix.to_string())),
        _ => (without_md, None),
    };
    let (id_text, is_index) = match stem.strip_suffix("_index") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => (folder.trim_end_matches('/'), true),
        _ => (stem, false),
    };
    let default_type = if is_index {
        PageType::Page
    } else if GLOSSARY_IDS.iter().any(|g| g.eq_ignore_ascii_case(id_text)) {
        PageType::Glossary
    } else {
        match id_text.split_once('/') {
            Some((folder, _)) => PageType::of_folder(folder).unwrap_or(PageType::Page),
            None => PageType::Page,
        }
    };
    let id = if id_text.is_empty() { Ok(Id::home()) } else { Id::parse(id_text) };
    PathFacts { id, lang, default_type, is_index }
}

fn parse_file(file: &SourceFile, config: &Config) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let split = match split_front_matter(&file.text) {
        Ok(Some(split)) => split,
        Ok(None) => Split { yaml: "", yaml_line: 1, body: &file.text, body_line: 1 },
        Err(Unclosed) => {
            diags.push(
                Diagnostic::new(Code::FrontMatterUnclosed, &file.path, Pos::new(1, 1), "the front matter opened here is never closed")
                    .hint("add a line `---` after the last front-matter key"),
            );
            return (Vec::new(), diags);
        }
    };
    let mut fields = match Fields::parse(&file.path, split.yaml, split.yaml_line) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return (Vec::new(), diags);
        }
    };
    let facts = path_facts(&file.rel, config);
    let source = Source { file: file.path.clone(), body_line: split.body_line, pos: Pos::new(1, 1) };
    let Some(mut page) = read_page(&mut fields, facts, source, split.body, config, None) else {
        diags.extend(fields.finish(&known_keys()).1);
        return (Vec::new(), diags);
    };
    let (extra, rest) = fields.finish(&known_keys());
    page.extra = extra;
    diags.extend(rest);
    let mut pages = Vec::new();
    if let Kind::Meeting(meeting) = &page.kind {
        let (inline_pages, inline_diags) = inline::extract(&page, meeting, config);
        diags.extend(inline_diags);
        let ids = inline_pages.iter().map(|p| p.id.clone()).collect();
        if let Kind::Meeting(m) = &mut page.kind {
            m.decisions = ids;
        }
        pages.extend(inline_pages);
    }
    pages.insert(0, page);
    (pages, diags)
}

/// Defaults an inline decision takes from its meeting.
#[derive(Debug, Clone)]
pub struct MeetingDefaults {
    pub date: Option<chrono::NaiveDate>,
    pub by: Option<Located<String>>,
    pub meeting: Located<String>,
    pub lang: String,
    pub draft: bool,
}

/// Reads the common front matter and the front matter of the page's type.
/// `None` when the page cannot be built at all (no usable id or title).
fn read_page(
    fields: &mut Fields<'_>,
    facts: PathFacts,
    mut source: Source,
    body: &str,
    config: &Config,
    inline: Option<&MeetingDefaults>,
) -> Option<Page> {
    let file = fields.file();
    let title = fields.required_string("title", if inline.is_some() { "an inline decision" } else { "every page" });
    let id = match fields.located_string("id") {
        Some(written) => {
            source.pos = written.pos;
            Id::parse(&written.value).map_err(|e| (e, written.pos))
        }
        None => facts.id.map_err(|e| (e, Pos::new(1, 1))),
    };
    let id = match id {
        Ok(id) => Some(id),
        // An inline decision with neither `id` nor `title` has no name: the
        // missing title is the one problem to report.
        Err((crate::id::BadId::Empty, _)) if inline.is_some() => None,
        Err((e, pos)) => {
            fields.diags.push(
                Diagnostic::new(Code::BadId, file, pos, format!("invalid id: {e}"))
                    .hint("ids may hold letters, digits, `-`, `_`, `.` and `/`; rename the file or set `id:`"),
            );
            None
        }
    };
    let type_names: Vec<(&str, PageType)> = PAGE_TYPES.iter().map(|t| (t.name, t.page_type)).collect();
    let type_name = fields.choice("type", &type_names).unwrap_or(facts.default_type);
    let lang = read_lang(fields, facts.lang, inline, config);
    let topics =
        if type_name == PageType::Committee { Vec::new() } else { read_topics(fields, config).into_iter().map(|t| t.value).collect() };
    let summary = fields.string("summary");
    let aliases = fields.strings("aliases");
    let draft = fields.bool("draft").unwrap_or(false) || inline.is_some_and(|m| m.draft);
    let updated = fields.date("updated");
    let translated = read_translated(fields, &lang, config);
    let kind = match type_name {
        PageType::Decision => read_decision(fields, inline).map(Kind::Decision),
        PageType::Committee => read_committee(fields, config).map(Kind::Committee),
        PageType::Principle => Some(Kind::Principle(read_principle(fields))),
        PageType::Meeting => read_meeting(fields).map(Kind::Meeting),
        PageType::Glossary => Some(Kind::Glossary(read_glossary(fields, body, source.body_line))),
        // Types with only plain keys need no reader of their own.
        plain => Some(Kind::Plain(plain)),
    };
    let topics = match &kind {
        Some(Kind::Committee(c)) => c.topics.iter().map(|t| t.value.clone()).collect(),
        _ => topics,
    };
    Some(Page {
        id: id?,
        lang,
        title: title?,
        summary,
        topics,
        aliases,
        draft,
        updated,
        translated,
        extra: serde_json::Map::new(),
        plain: read_plain(fields, type_name),
        body: body.to_string(),
        source,
        kind: kind?,
        is_index: facts.is_index,
    })
}

/// Topic ids (aliases resolved), each with where it is written.
fn read_topics(fields: &mut Fields<'_>, config: &Config) -> Vec<Located<String>> {
    let mut topics: Vec<Located<String>> = Vec::new();
    for word in fields.strings("topics") {
        match config.topics.resolve(fields.file(), &word) {
            Ok(id) if !topics.iter().any(|t| t.value == id) => topics.push(Located { value: id, pos: word.pos }),
            Ok(_) => {}
            Err(d) => fields.diags.push(d),
        }
    }
    topics
}

fn read_decision(fields: &mut Fields<'_>, inline: Option<&MeetingDefaults>) -> Option<Decision> {
    let date = match inline.and_then(|m| m.date) {
        Some(default) => fields.date("date").or(Some(default)),
        None if inline.is_some() => fields.date("date"),
        None => fields.required_date("date", "a decision"),
    };
    let by = match inline.and_then(|m| m.by.clone()) {
        Some(default) => fields.located_string("by").or(Some(default)),
        None if inline.is_some() => fields.located_string("by"),
        None => {
            let by = fields.located_string("by");
            if by.is_none() && !fields.diags.iter().any(|d| d.message.starts_with("`by`")) {
                fields.missing("by", "a decision");
            }
            by
        }
    };
    let meeting = fields.located_string("meeting").or_else(|| inline.map(|m| m.meeting.clone()));
    let status = fields.choice("status", &Status::ALL).unwrap_or(Status::Adopted);
    let method = fields.choice("method", &Method::ALL);
    let supersedes = fields.strings("supersedes");
    let repeals = fields.strings("repeals");
    let amends = fields.strings("amends");
    let related = fields.strings("related");
    let principles = fields.strings("principles");
    let review = fields.date("review");
    let expires = fields.date("expires");
    let follow_up = fields.mapping("follow_up").map(|mut f| {
        let owner = f.string("owner");
        let due = f.date("due");
        let done = match f.take("done") {
            Some(serde_yaml::Value::Bool(false)) | None => None,
            Some(v) => {
                let text = fields::scalar_string(&v).unwrap_or_default();
                let parsed = fields::parse_date(&text);
                if parsed.is_none() {
                    let pos = f.value_pos("done", &text);
                    f.diags.push(Diagnostic::new(
                        Code::BadValue,
                        f.file(),
                        pos,
                        format!("`done` should be a date written YYYY-MM-DD or false, found `{text}`"),
                    ));
                }
                parsed
            }
        };
        let note = f.string("note");
        let (_, rest) = f.finish(&["owner", "due", "done", "note"]);
        fields.diags.extend(rest);
        FollowUp { owner, due, done, note }
    });
    Some(Decision {
        date: date?,
        by: by?,
        meeting,
        status,
        method,
        supersedes,
        repeals,
        amends,
        related,
        principles,
        review,
        expires,
        follow_up,
        inline: inline.is_some(),
    })
}

/// The page's language: `lang:` when it is one of the site's, else the
/// file's suffix, the minutes' language for an inline decision, or the
/// default language.
fn read_lang(fields: &mut Fields<'_>, suffix: Option<String>, inline: Option<&MeetingDefaults>, config: &Config) -> String {
    match fields.located_string("lang") {
        Some(l) if config.is_language(&l.value) => l.value,
        Some(l) => {
            let d = Diagnostic::new(
                Code::BadValue,
                fields.file(),
                l.pos,
                format!("`lang` should be one of the site's languages ({}), found `{}`", config.languages.join(", "), l.value),
            )
            .hint("add the language to `languages` in site.yaml");
            fields.diags.push(d);
            config.default_lang().to_string()
        }
        None => suffix.or_else(|| inline.map(|m| m.lang.clone())).unwrap_or_else(|| config.default_lang().to_string()),
    }
}

/// `translated: D`, the day a translation caught up with its source. On a
/// page of the default language it means nothing: a warning says so.
fn read_translated(fields: &mut Fields<'_>, lang: &str, config: &Config) -> Option<Located<chrono::NaiveDate>> {
    let pos = fields.key_pos("translated");
    let date = fields.date("translated")?;
    if lang == config.default_lang() {
        let d = Diagnostic::new(
            Code::BadValue,
            fields.file(),
            pos,
            format!("`translated` is for translations, and this page is in the default language ({lang})"),
        )
        .level(crate::diagnostic::Level::Warning)
        .hint("remove the line, or set `lang:` if the page is a translation");
        fields.diags.push(d);
        return None;
    }
    Some(Located { value: date, pos })
}

/// A glossary's terms: `terms:` in its front matter, then those its text
/// defines (see [`terms::body_terms`]).
fn read_glossary(fields: &mut Fields<'_>, body: &str, body_line: usize) -> Glossary {
    let mut list = Vec::new();
    for mut item in fields.mappings("terms") {
        let term = item.located_string("term");
        if term.is_none() && !item.diags.iter().any(|d| d.message.starts_with("`term`")) {
            item.missing("term", "a glossary term");
        }
        let definition = item.required_string("definition", "a glossary term");
        let aliases = item.strings("aliases");
        let (_, rest) = item.finish(&["term", "definition", "aliases"]);
        fields.diags.extend(rest);
        if let (Some(term), Some(definition)) = (term, definition) {
            let definition = definition.split_whitespace().collect::<Vec<_>>().join(" ");
            list.push(TermDef { term, aliases, definition, in_body: false });
        }
    }
    list.extend(terms::body_terms(body, body_line));
    Glossary { terms: list }
}

/// Reads the plain keys of a type, each checked against its kind.
fn read_plain(fields: &mut Fields<'_>, page_type: PageType) -> PlainValues {
    let mut out = Vec::new();
    for key in page_type.info().plain {
        let value = match key.kind {
            PlainKind::Text => fields.string(key.name).map(PlainValue::Text),
            PlainKind::Number => fields.number(key.name).map(PlainValue::Number),
            PlainKind::Date => fields.date(key.name).map(|d| PlainValue::Text(d.to_string())),
            PlainKind::Flag => fields.bool(key.name).map(PlainValue::Flag),
            PlainKind::List => {
                let list: Vec<String> = fields.strings(key.name).into_iter().map(|s| s.value).collect();
                (!list.is_empty()).then_some(PlainValue::List(list))
            }
        };
        if let Some(v) = value {
            out.push((key.name, v));
        }
    }
    out
}

fn read_committee(fields: &mut Fields<'_>, config: &Config) -> Option<Committee> {
    let kind = fields.choice("kind", &CommitteeKind::ALL).unwrap_or(CommitteeKind::Committee);
    let topics = read_topics(fields, config);
    Some(Committee {
        kind,
        parent: fields.located_string("parent"),
        created: fields.date("created"),
        dissolved: fields.date("dissolved"),
        topics,
        powers: fields.strings("powers").into_iter().map(|s| s.value).collect(),
        escalates: fields.strings("escalates").into_iter().map(|s| s.value).collect(),
        escalates_to: fields.located_string("escalates_to"),
        mandate_adopted_by: fields.located_string("mandate_adopted_by"),
        meets: fields.string("meets"),
        members: fields.strings("members").into_iter().map(|s| s.value).collect(),
    })
}

fn read_principle(fields: &mut Fields<'_>) -> Principle {
    Principle {
        adopted: fields.date("adopted"),
        adopted_by: fields.located_string("adopted_by"),
        supersedes: fields.strings("supersedes"),
        retired: fields.date("retired"),
        order: fields.int("order"),
        set: fields.string("set"),
    }
}

fn read_meeting(fields: &mut Fields<'_>) -> Option<Meeting> {
    let date = fields.required_date("date", "minutes of a meeting");
    let by = fields.located_string("by");
    if by.is_none() && !fields.diags.iter().any(|d| d.message.starts_with("`by`")) {
        fields.missing("by", "minutes of a meeting");
    }
    Some(Meeting {
        date: date?,
        by: by?,
        attendees: fields.strings("attendees").into_iter().map(|s| s.value).collect(),
        facilitator: fields.string("facilitator"),
        minutes_by: fields.string("minutes_by"),
        decisions: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_yaml_and_body_lines() {
        let s = split_front_matter("---\ntitle: x\n---\nbody\n").unwrap().unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        assert!(split_front_matter("---\ntitle: x\n").is_err());
        assert!(split_front_matter("no front matter").unwrap().is_none());
    }

    #[test]
    fn paths_give_ids_languages_and_types() {
        let config = Config { languages: vec!["fr".into(), "en".into()], ..Config::default() };
        let f = path_facts(Path::new("decisions/2010-gel.en.md"), &config);
        assert_eq!(f.id.unwrap().as_str(), "decisions/2010-gel");
        assert_eq!(f.lang.as_deref(), Some("en"));
        assert_eq!(f.default_type, PageType::Decision);
        let f = path_facts(Path::new("decisions/_index.md"), &config);
        assert_eq!(f.id.unwrap().as_str(), "decisions");
        assert_eq!(f.default_type, PageType::Page);
        assert!(f.is_index);
        let f = path_facts(Path::new("_index.md"), &config);
        assert!(f.id.unwrap().is_home());
        let f = path_facts(Path::new("wiki/v1.2.md"), &config);
        assert_eq!(f.id.unwrap().as_str(), "wiki/v1.2");
    }
}
