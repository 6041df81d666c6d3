//! `cahier search`: queries over the tantivy index of `store`. Every query
//! word is looked up in the fields of both languages, each with its own
//! stemming, and ranked by the rules the browser's search shares
//! (`query`, `proximity`, `typo`, `coverage`).

use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, TantivyDocument, Term};

use super::proximity;
use super::query::{is_stop_word, parse, without_question_words, Part};
pub use super::store::{cache_dir, exists, refresh, refresh_at, Refresh};
use super::store::{register, schema, Fields};
use super::synonyms::Synonyms;
use super::typo;
use crate::text::analysis::{analyze, fold, stem, Lang};

/// How much a title match counts, against a body match: the static
/// index's weight, so that both searches rank titles alike.
const TITLE_BOOST: f32 = super::static_index::TITLE_WEIGHT as f32;

/// Restrictions on a search, all optional.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub topics: Vec<String>,
    /// An effective status, or `in-force`.
    pub status: Option<String>,
    pub by: Option<String>,
    pub kind: Option<String>,
    pub lang: Option<String>,
    pub year: Option<u64>,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub score: f32,
    /// HTML: the matched words in `<b>`.
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet_text`.
    #[serde(skip)]
    pub highlights: Vec<(usize, usize)>,
    #[serde(skip)]
    pub snippet_text: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub by: Option<String>,
    pub topics: Vec<String>,
    pub lang: String,
    pub summary: Option<String>,
}

/// An opened index, ready for queries.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    f: Fields,
    synonyms: Synonyms,
}

impl Searcher {
    pub fn open(root: &Path) -> tantivy::Result<Searcher> {
        Searcher::open_at(&cache_dir(root))
    }

    /// Opens the index in `dir`; an index made by another version of
    /// cahier is an error (`pipeline::search_index` then makes it again).
    pub fn open_at(dir: &Path) -> tantivy::Result<Searcher> {
        if !super::store::is_current(dir) {
            return Err(tantivy::TantivyError::SchemaError(format!("{} was made by another version of cahier", dir.display())));
        }
        let index = Index::open_in_dir(dir)?;
        register(&index);
        let reader = index.reader()?;
        let (_, f) = schema();
        Ok(Searcher { index, reader, f, synonyms: Synonyms::default() })
    }

    /// Lets query words that name a topic find the pages filed under it.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> Searcher {
        self.synonyms = synonyms;
        self
    }

    /// Every (field, stem) a query word stands for: both languages, and
    /// both stems of an accented word.
    fn word_terms(&self, word: &str, title: bool) -> Vec<(Field, String, bool)> {
        let folded = fold(word);
        let mut out = Vec::new();
        for (lang, t, b) in [(Lang::Fr, self.f.title_fr, self.f.body_fr), (Lang::En, self.f.title_en, self.f.body_en)] {
            let mut stems = crate::text::analysis::word_stems(word, lang);
            if stems.is_empty() {
                stems.push(stem(&folded, lang));
            }
            stems.dedup();
            for s in stems {
                if title {
                    out.push((t, s.clone(), true));
                }
                out.push((b, s, false));
            }
        }
        out
    }

    fn word_query(&self, word: &str) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .word_terms(word, true)
            .into_iter()
            .map(|(field, s, is_title)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(Term::from_field_text(field, &s), IndexRecordOption::WithFreqs));
                (Occur::Should, if is_title { Box::new(BoostQuery::new(q, TITLE_BOOST)) as Box<dyn Query> } else { q })
            })
            .collect();
        // A word that names a topic also matches the pages filed under it.
        for topic in self.synonyms.topics_of(word) {
            let filed = TermQuery::new(Term::from_field_text(self.f.topic, topic), IndexRecordOption::Basic);
            clauses.push((Occur::Should, Box::new(ConstScoreQuery::new(Box::new(filed), SYNONYM_SCORE))));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn phrase_query(&self, words: &[String]) -> Box<dyn Query> {
        let text = words.join(" ");
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (lang, fields) in [(Lang::Fr, [self.f.title_fr, self.f.body_fr]), (Lang::En, [self.f.title_en, self.f.body_en])] {
            // Stop words are not indexed but keep their place: offsets, not order.
            let tokens = analyze(&text, lang);
            for (i, field) in fields.into_iter().enumerate() {
                let q: Box<dyn Query> = match tokens.len() {
                    0 => continue,
                    1 => Box::new(TermQuery::new(Term::from_field_text(field, &tokens[0].stem), IndexRecordOption::WithFreqs)),
                    _ => Box::new(PhraseQuery::new_with_offset(
                        tokens.iter().map(|t| (t.position, Term::from_field_text(field, &t.stem))).collect(),
                    )),
                };
                clauses.push((Occur::Should, if i == 0 { Box::new(BoostQuery::new(q, TITLE_BOOST)) } else { q }));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn prefix_query(&self, prefix: &str) -> Box<dyn Query> {
        let folded = fold(prefix);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (lang, fields) in [(Lang::Fr, [self.f.title_fr, self.f.body_fr]), (Lang::En, [self.f.title_en, self.f.body_en])] {
            // The stem of a prefix is itself a prefix of the stems it should meet.
            let s = stem(&folded, lang);
            let p = if s.len() < folded.len() { s } else { folded.clone() };
            let pattern = format!("{}.*", p.chars().filter(|c| c.is_alphanumeric()).collect::<String>());
            for field in fields {
                if let Ok(q) = RegexQuery::from_pattern(&pattern, field) {
                    clauses.push((Occur::Should, Box::new(q)));
                }
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn filters(&self, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for t in &filters.topics {
            out.push((Occur::Must, term(self.f.topic, t)));
        }
        if let Some(s) = &filters.status {
            let s = if s == "in-force" || s == "in_force" { "adopted" } else { s.as_str() };
            out.push((Occur::Must, term(self.f.status, s)));
        }
        if let Some(b) = &filters.by {
            out.push((Occur::Must, term(self.f.by, b)));
        }
        if let Some(k) = &filters.kind {
            out.push((Occur::Must, term(self.f.kind, k)));
        }
        if let Some(l) = &filters.lang {
            out.push((Occur::Must, term(self.f.lang, l)));
        }
        if let Some(y) = filters.year {
            out.push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(self.f.year, y), IndexRecordOption::Basic))));
        }
        out
    }

    /// Runs a query. Every page with any of its words (phrases and
    /// prefixes count as one) is a result, its BM25 score times its
    /// status's factor times `coverage`: the share of the query's parts it
    /// matches, squared. A page with every word comes first unless one
    /// with fewer matches them far better.
    pub fn search(&self, text: &str, filters: &Filters, limit: usize) -> tantivy::Result<Vec<Hit>> {
        self.answer(text, filters, limit).map(|a| a.hits)
    }

    /// `search`, with the words of the query that no page holds and the
    /// words searched for them (`typo`): what `cahier search` tells before
    /// its results.
    pub fn answer(&self, text: &str, filters: &Filters, limit: usize) -> tantivy::Result<Answer> {
        let searcher = self.reader.searcher();
        let parts = self.query_parts(&searcher, text);
        let query = self.combined_query(&parts, filters, Occur::Should);
        let top = if parts.required.len() > 1 {
            let matching = searcher.search(&*query, &Count)?;
            let all = searcher.search(&*query, &ranked_by_status(matching))?;
            let sets: Vec<std::collections::HashSet<DocAddress>> =
                parts.required.iter().map(|q| searcher.search(&**q, &tantivy::collector::DocSetCollector)).collect::<Result<_, _>>()?;
            let n = sets.len() as f32;
            let mut scored: Vec<(f32, DocAddress)> = all
                .into_iter()
                .map(|(score, address)| {
                    let covered = sets.iter().filter(|set| set.contains(&address)).count() as f32;
                    (score * coverage(covered, n), address)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.truncate(limit.max(proximity::RERANK));
            self.by_proximity(&searcher, &parts.heads, &mut scored)?;
            scored.truncate(limit.max(1));
            scored
        } else {
            searcher.search(&*query, &ranked_by_status(limit))?
        };
        let snippets = self.snippet_generators(&searcher, &*query);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            hits.push(self.hit(&d, score, &snippets));
        }
        Ok(Answer { hits, mistakes: parts.mistakes })
    }

    /// Reorders the best results (`proximity::RERANK`) by how near the
    /// query's words stand in their sentences, as the browser does.
    fn by_proximity(&self, searcher: &tantivy::Searcher, heads: &[String], scored: &mut [(f32, DocAddress)]) -> tantivy::Result<()> {
        if heads.len() < 2 {
            return Ok(());
        }
        let best = scored.len().min(proximity::RERANK);
        for (score, address) in scored[..best].iter_mut() {
            let d: TantivyDocument = searcher.doc(*address)?;
            let text = [self.f.body_fr, self.f.body_en].into_iter().find_map(|f| d.get_first(f).and_then(|v| v.as_str())).unwrap_or("");
            let sentences: Vec<String> = super::document::fragments(text).into_iter().map(|(s, _)| s).collect();
            let (close, adjacent) = proximity::pairs(heads, &sentences);
            *score *= proximity::factor(close, adjacent, heads.len() - 1);
        }
        scored[..best].sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(())
    }

    /// A query word, or, when no page holds it, the words of the site one
    /// edit away from it, the best of them counting for each page (`typo`),
    /// which `mistakes` records.
    fn word_or_mistake_query(&self, searcher: &tantivy::Searcher, word: &str, mistakes: &mut Vec<(String, Vec<String>)>) -> Box<dyn Query> {
        match self.mistaken(searcher, word) {
            Some(near) => {
                let query = Box::new(DisjunctionMaxQuery::new(near.iter().map(|w| self.word_query(w)).collect()));
                mistakes.push((word.to_string(), near));
                query
            }
            None => self.word_query(word),
        }
    }

    /// The words of the site a query word stands for when no page holds it
    /// (`typo`): at most `typo::MAX_WORDS`, in alphabetical order; `None`
    /// when it stands for itself.
    fn mistaken(&self, searcher: &tantivy::Searcher, word: &str) -> Option<Vec<String>> {
        let folded = fold(word);
        let fields = [self.f.words_fr, self.f.words_en];
        let held = |w: &str| fields.iter().any(|&f| searcher.doc_freq(&Term::from_field_text(f, w)).is_ok_and(|n| n > 0));
        if !typo::applies(&folded) || held(&folded) || !self.synonyms.topics_of(word).is_empty() {
            return None;
        }
        let mut near = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            for &field in &fields {
                let Ok(inverted) = segment.inverted_index(field) else { continue };
                for prefix in typo::prefixes(&folded) {
                    let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else { continue };
                    while stream.advance() {
                        let Ok(candidate) = std::str::from_utf8(stream.key()) else { continue };
                        if !candidate.starts_with(&prefix) {
                            break;
                        }
                        if typo::one_edit(&folded, candidate) {
                            near.insert(candidate.to_string());
                        }
                    }
                }
            }
        }
        let near: Vec<String> = near.into_iter().take(typo::MAX_WORDS).collect();
        (!near.is_empty()).then_some(near)
    }

    /// The parts of a query as tantivy queries. A stop word alone is dropped:
    /// it is not indexed, so requiring it would match nothing.
    fn query_parts(&self, searcher: &tantivy::Searcher, text: &str) -> QueryParts {
        let mut parts = QueryParts { required: Vec::new(), excluded: Vec::new(), heads: Vec::new(), mistakes: Vec::new() };
        let parsed = without_question_words(parse(text));
        let words: Vec<&str> = parsed
            .iter()
            .filter_map(|p| if let Part::Word(w) = p { Some(w.as_str()) } else { None })
            .filter(|w| !is_stop_word(w))
            .collect();
        parts.heads = proximity::heads(&words);
        for part in &parsed {
            match part {
                Part::Word(w) if !is_stop_word(w) => {
                    let query = self.word_or_mistake_query(searcher, w, &mut parts.mistakes);
                    parts.required.push(query);
                }
                Part::Word(_) => {}
                Part::Phrase(ws) => parts.required.push(self.phrase_query(ws)),
                Part::Prefix(p) => parts.required.push(self.prefix_query(p)),
                Part::Exclude(w) => parts.excluded.push(self.word_query(w)),
            }
        }
        parts
    }

    /// The whole query: the required parts, each with `Occur::Must`, or, with
    /// `Occur::Should`, at least one of them; then the exclusions and the
    /// filters. With no required part, every document matches the filters.
    fn combined_query(&self, parts: &QueryParts, filters: &Filters, occur: Occur) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if occur == Occur::Must {
            clauses.extend(parts.required.iter().map(|q| (Occur::Must, q.box_clone())));
        } else {
            let any: Vec<(Occur, Box<dyn Query>)> = parts.required.iter().map(|q| (Occur::Should, q.box_clone())).collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        clauses.extend(parts.excluded.iter().map(|q| (Occur::MustNot, q.box_clone())));
        clauses.extend(self.filters(filters));
        if parts.required.is_empty() {
            clauses.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// A snippet maker for the body of each language (French, English).
    fn snippet_generators(&self, searcher: &tantivy::Searcher, query: &dyn Query) -> [Option<SnippetGenerator>; 2] {
        let snippet_generator = |field: Field| {
            SnippetGenerator::create(searcher, query, field).ok().map(|mut g| {
                g.set_max_num_chars(180);
                g
            })
        };
        [snippet_generator(self.f.body_fr), snippet_generator(self.f.body_en)]
    }

    /// One result from its stored fields, with a snippet of its body in its
    /// language, or its summary when the body shows none of the query.
    fn hit(&self, d: &TantivyDocument, score: f32, snippets: &[Option<SnippetGenerator>; 2]) -> Hit {
        let text = |field: Field| d.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
        let lang = text(self.f.lang).unwrap_or_default();
        let generator = if lang == "en" { &snippets[1] } else { &snippets[0] };
        let (snippet, snippet_text, highlights) = match generator.as_ref().map(|g| g.snippet_from_doc(d)) {
            Some(s) if !s.fragment().is_empty() => {
                (s.to_html(), s.fragment().to_string(), s.highlighted().iter().map(|r| (r.start, r.end)).collect())
            }
            _ => {
                let s = text(self.f.summary).unwrap_or_default();
                (crate::text::escape_html(&s), s, Vec::new())
            }
        };
        Hit {
            id: text(self.f.id).unwrap_or_default(),
            title: text(self.f.title).unwrap_or_default(),
            url: text(self.f.url).unwrap_or_default(),
            kind: text(self.f.kind).unwrap_or_default(),
            score,
            snippet,
            highlights,
            snippet_text,
            status: text(self.f.status),
            date: text(self.f.date),
            by: d.get_all(self.f.by).filter_map(|v| v.as_str()).find(|b| b.contains('/')).map(str::to_string),
            topics: d.get_all(self.f.topic).filter_map(|v| v.as_str()).map(str::to_string).collect(),
            lang,
            summary: text(self.f.summary),
        }
    }

    pub fn documents(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// The parts of a query as tantivy queries: what a result must match
/// (words, phrases, prefixes), and the words it must not contain.
struct QueryParts {
    required: Vec<Box<dyn Query>>,
    excluded: Vec<Box<dyn Query>>,
    /// The query's words (not its phrases nor prefixes), as
    /// `proximity::heads`.
    heads: Vec<String>,
    /// The words no page holds, with the words searched for them.
    mistakes: Vec<(String, Vec<String>)>,
}

/// What a search gives: its results, and the words of the query no page
/// holds, each with the words searched for it instead.
#[derive(Debug, Clone)]
pub struct Answer {
    pub hits: Vec<Hit>,
    pub mistakes: Vec<(String, Vec<String>)>,
}

/// The score a page gets for being filed under a topic a query word names:
/// about what one plain mention of the word in its text gives.
const SYNONYM_SCORE: f32 = 1.0;

/// How much a page matching `covered` of a query's `n` parts keeps of its
/// score: the share, squared. The browser's search ranks with the same
/// rule (`coverage` in `search-query.js`).
pub fn coverage(covered: f32, n: f32) -> f32 {
    (covered / n.max(1.0)).powi(2)
}

/// The best `limit` documents, each score multiplied by the document's
/// `status_boost` (stored in hundredths).
fn ranked_by_status(limit: usize) -> impl Collector<Fruit = Vec<(f32, DocAddress)>> {
    TopDocs::with_limit(limit.max(1)).tweak_score(move |segment: &tantivy::SegmentReader| {
        let boost = segment.fast_fields().u64("boost").ok();
        move |doc: tantivy::DocId, score: tantivy::Score| score * boost.as_ref().and_then(|c| c.first(doc)).unwrap_or(100) as f32 / 100.0
    })
}
