//! The tantivy index behind `cahier search`, kept in a cache folder next to
//! the site (`.cahier-cache/search/`, never deployed) and refreshed by every
//! build for the pages whose searchable content changed.
//!
//! The shared analysis is registered as the `fr` and `en` tokenizers; each
//! page is indexed in the title and body fields of its language. Its words,
//! folded but not stemmed, are indexed too (`words_fr`, `words_en`): the
//! words a typing mistake may stand for are looked up among them
//! (`search::typo`).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{doc, Index, Term};

use super::document::SearchDoc;
use crate::text::analysis::{analyze, Lang};

/// Bumped whenever the schema or the analysis changes: the cache is then
/// rebuilt from scratch.
const SCHEMA_VERSION: u32 = 5;

/// The shared analysis as a tantivy tokenizer.
#[derive(Clone)]
struct Analysis(Lang);

struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for Analysis {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let mut tokens = Vec::new();
        for t in analyze(text, self.0) {
            // The alternative stem stands at the same position, like a synonym.
            if let Some(alt) = t.alt {
                tokens.push(Token {
                    offset_from: t.start,
                    offset_to: t.end,
                    position: t.position,
                    text: alt.to_string(),
                    position_length: 1,
                });
            }
            tokens.push(Token {
                offset_from: t.start,
                offset_to: t.end,
                position: t.position,
                text: t.stem.to_string(),
                position_length: 1,
            });
        }
        Tokens { tokens, next: 0 }
    }
}

/// The words of a text, folded and not stemmed, without stop words.
#[derive(Clone)]
struct Words(Lang);

impl Tokenizer for Words {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        let tokens = analyze(text, self.0)
            .into_iter()
            .map(|t| Token { offset_from: t.start, offset_to: t.end, position: t.position, text: t.folded.to_string(), position_length: 1 })
            .collect();
        Tokens { tokens, next: 0 }
    }
}

/// The fields of the schema.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub(super) key: Field,
    pub(super) id: Field,
    pub(super) url: Field,
    pub(super) title_fr: Field,
    pub(super) title_en: Field,
    pub(super) body_fr: Field,
    pub(super) body_en: Field,
    /// The folded words of titles and bodies, for typing mistakes.
    pub(super) words_fr: Field,
    pub(super) words_en: Field,
    pub(super) kind: Field,
    pub(super) status: Field,
    pub(super) by: Field,
    pub(super) topic: Field,
    pub(super) year: Field,
    pub(super) lang: Field,
    pub(super) date: Field,
    pub(super) title: Field,
    pub(super) summary: Field,
    /// `status_boost` in hundredths, applied to the score.
    pub(super) boost: Field,
}

pub(super) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o.set_stored()
        } else {
            o
        }
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        url: b.add_text_field("url", STORED),
        title_fr: b.add_text_field("title_fr", text("fr", false)),
        title_en: b.add_text_field("title_en", text("en", false)),
        body_fr: b.add_text_field("body_fr", text("fr", true)),
        body_en: b.add_text_field("body_en", text("en", true)),
        words_fr: b.add_text_field(
            "words_fr",
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer("words_fr").set_index_option(IndexRecordOption::Basic)),
        ),
        words_en: b.add_text_field(
            "words_en",
            TextOptions::default()
                .set_indexing_options(TextFieldIndexing::default().set_tokenizer("words_en").set_index_option(IndexRecordOption::Basic)),
        ),
        kind: b.add_text_field("type", STRING | STORED),
        status: b.add_text_field("status", STRING | STORED),
        by: b.add_text_field("by", STRING | STORED),
        topic: b.add_text_field("topic", STRING | STORED),
        year: b.add_u64_field("year", INDEXED | STORED | FAST),
        lang: b.add_text_field("lang", STRING | STORED),
        date: b.add_text_field("date", STORED),
        title: b.add_text_field("title", STORED),
        summary: b.add_text_field("summary", STORED),
        boost: b.add_u64_field("boost", FAST),
    };
    (b.build(), fields)
}

pub(super) fn register(index: &Index) {
    index.tokenizers().register("fr", tantivy::tokenizer::TextAnalyzer::from(Analysis(Lang::Fr)));
    index.tokenizers().register("en", tantivy::tokenizer::TextAnalyzer::from(Analysis(Lang::En)));
    index.tokenizers().register("words_fr", tantivy::tokenizer::TextAnalyzer::from(Words(Lang::Fr)));
    index.tokenizers().register("words_en", tantivy::tokenizer::TextAnalyzer::from(Words(Lang::En)));
}

/// The cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".cahier-cache").join("search")
}

#[derive(Serialize, Deserialize, Default)]
struct Manifest {
    schema: u32,
    docs: HashMap<String, u64>,
}

fn fingerprint(d: &SearchDoc) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (&d.url, &d.title, d.kind, d.status, &d.by, &d.topics, d.year, &d.date, &d.lang, &d.summary, &d.text).hash(&mut h);
    h.finish()
}

/// What a refresh did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Refresh {
    pub added: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// Brings the cached index up to date with `docs`: only documents that were
/// added, changed or removed are touched.
pub fn refresh(root: &Path, docs: &[SearchDoc]) -> tantivy::Result<Refresh> {
    refresh_at(&cache_dir(root), docs)
}

/// Whether a search index was created in `dir` (by a first search).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Whether the index in `dir` was made by this version's schema: an index
/// of an older cahier holds other fields under the same numbers, and
/// reading it with this schema would search the wrong fields.
pub fn is_current(dir: &Path) -> bool {
    // The version alone: a search need not build the map of every page's
    // fingerprint that the manifest holds too.
    #[derive(Deserialize)]
    struct Version {
        schema: u32,
    }
    std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<Version>(&b).ok())
        .is_some_and(|v| v.schema == SCHEMA_VERSION)
}

/// `refresh` with the index in `dir`.
pub fn refresh_at(dir: &Path, docs: &[SearchDoc]) -> tantivy::Result<Refresh> {
    let dir = dir.to_path_buf();
    let manifest_path = dir.join("manifest.json");
    let mut manifest: Manifest = std::fs::read(&manifest_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let (schema, f) = schema();
    let fresh = manifest.schema != SCHEMA_VERSION || !dir.join("meta.json").exists();
    if fresh {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        manifest = Manifest { schema: SCHEMA_VERSION, docs: HashMap::new() };
    }
    let index = if fresh { Index::create_in_dir(&dir, schema)? } else { Index::open_in_dir(&dir)? };
    register(&index);
    let mut stats = Refresh::default();
    let wanted: HashMap<&str, (u64, &SearchDoc)> = docs.iter().map(|d| (d.key.as_str(), (fingerprint(d), d))).collect();
    let stale: Vec<String> =
        manifest.docs.iter().filter(|(k, h)| wanted.get(String::as_str(k)).is_none_or(|(w, _)| w != *h)).map(|(k, _)| k.clone()).collect();
    let new: Vec<&SearchDoc> = wanted.iter().filter(|(k, (h, _))| manifest.docs.get(**k) != Some(h)).map(|(_, (_, d))| *d).collect();
    stats.unchanged = docs.len() - new.len();
    if stale.is_empty() && new.is_empty() {
        return Ok(stats);
    }
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(2, 60_000_000)?;
    for k in &stale {
        writer.delete_term(Term::from_field_text(f.key, k));
        manifest.docs.remove(k);
        stats.removed += 1;
    }
    for d in new {
        let (title_field, body_field, words_field) =
            if d.lang == "en" { (f.title_en, f.body_en, f.words_en) } else { (f.title_fr, f.body_fr, f.words_fr) };
        let mut document = doc!(
            f.key => d.key.as_str(),
            f.id => d.id.as_str(),
            f.url => d.url.as_str(),
            title_field => d.title.as_str(),
            body_field => d.text.as_str(),
            words_field => d.title.as_str(),
            words_field => d.text.as_str(),
            f.kind => d.kind,
            f.lang => d.lang.as_str(),
            f.title => d.title.as_str(),
            f.boost => (super::document::status_boost(d.status) * 100.0) as u64,
        );
        if !d.status.is_empty() {
            document.add_text(f.status, d.status);
        }
        if let Some(by) = &d.by {
            document.add_text(f.by, by);
            if let Some(short) = by.rsplit('/').next().filter(|s| *s != by) {
                document.add_text(f.by, short);
            }
        }
        for t in &d.topics {
            document.add_text(f.topic, t);
        }
        if let Some(y) = d.year {
            document.add_u64(f.year, y.max(0) as u64);
        }
        if let Some(date) = &d.date {
            document.add_text(f.date, date);
        }
        if let Some(s) = &d.summary {
            document.add_text(f.summary, s);
        }
        writer.add_document(document)?;
        manifest.docs.insert(d.key.clone(), fingerprint(d));
        stats.added += 1;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    std::fs::write(&manifest_path, serde_json::to_vec(&manifest).unwrap_or_default())?;
    Ok(stats)
}
