//! The static search index the browser loads: small files, loaded as
//! classic scripts (JSONP style) so that search works from `file://` as well
//! as from any static host.
//!
//! The browser reads these files in `themes/default/static/search-load.js`,
//! which decodes each kind of file, by one function (`decodeBootstrap`,
//! `decodeTerm`, `decodeFacet`, `decodeDocument`, `decodeFragments`),
//! into named objects: a change of layout here is a change there.
//!
//! Layout under `search/`:
//! - `index.js`: the bootstrap (first key of every term shard, facet names
//!   and labels, stop words, the fold table of the corpus' letters, and the
//!   interface strings of each site language);
//! - `t/N.js`: term shards, sorted by folded surface word; each word carries
//!   its stem(s) and the postings of those stems (doc, weight, fragment), so
//!   one query word costs one small request and the browser needs no stemmer;
//! - `facets/D.js`, one file per facet dimension D (`type`, `status`, `by`
//!   for the committee, `year`, `lang`, `topic`): the values of D of every
//!   document, a character each. The first query loads `status` (its
//!   boost in the ranking) and `type` (the facts line of a result), and
//!   `topic` if a word names a topic; the others wait for a filter of
//!   theirs or for the filter panel, which shows their counts;
//! - `d/N.js`: titles, URLs, summaries and dates, 32 documents a file;
//! - `f/N.js`: the fragments of document N, for snippets.
//!
//! Weights are BM25 (k1 = 1.2, b = 0.75) per field, the title counting
//! three times, written on a logarithmic scale of 1..255 (`Scale`): the
//! browser reads them back and adds them up.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::document::SearchDoc;
use crate::config::Config;
use crate::output::{Content, Output, Sink, SinkError};
use crate::text::analysis::{fold, words, Lang, Vocabulary, VocabularyCache, WordIds};

/// Target size of a term shard, in bytes of JavaScript.
const SHARD_BYTES: usize = 12_000;
/// Documents per metadata file.
pub const DOC_SHARD: usize = 32;
/// Postings kept for one stem: the highest weights. A stem in more
/// documents than this says little about any of them.
const MAX_POSTINGS: usize = 1500;
/// Sentences per file of `f/` (`fragment_files`): most pages of the
/// 10,000-page corpus of benches/ have fewer (at 48, 87 % of them took two
/// files, 9,000 files more to write).
pub const FRAGMENTS_PER_FILE: usize = 96;
/// How much a word of the title counts, against one of the text.
pub const TITLE_WEIGHT: u32 = 3;

/// The keys of the theme's `i18n.yaml` that the browser's search shows,
/// besides the names of the statuses and page types it lists.
const INTERFACE_KEYS: &[&str] = &[
    "search",
    "search_suggestions",
    "search_count_none",
    "search_count_one",
    "search_count_many",
    "search_more",
    "search_any_word",
    "search_mistaken",
    "search_hint",
    "search_no_match_filters",
    "search_clear_filters",
    "search_in_force_only",
    "search_refine",
    "topic",
    "status",
    "committee",
    "year",
    "page_type",
    "language",
];

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// What the analysis of one document gives.
struct Analysed {
    /// (stem id, frequency in the title, in the text, first fragment
    /// holding it), sorted by stem id.
    stems: Vec<(u32, u32, u32, u16)>,
    title_length: u32,
    length: u32,
}

/// Counts the stems of one document. Words are looked up in the shared
/// vocabulary once per thread; a token costs one hash of the word as
/// written.
fn analyse<'t>(doc: &'t SearchDoc, vocabulary: &Vocabulary, cache: &mut VocabularyCache<'t>) -> Analysed {
    let lang = Lang::from_code(&doc.lang);
    let mut stems: FxHashMap<u32, (u32, u32, u16)> = FxHashMap::default();
    let mut lengths = [0, 0];
    for (field, text) in [doc.title.as_str(), doc.text.as_str()].into_iter().enumerate() {
        for (start, word) in words(text) {
            let Some(ids) = vocabulary.word(cache, word, lang) else { continue };
            lengths[field] += 1;
            for s in std::iter::once(ids.stem).chain(ids.alt) {
                let e = stems.entry(s).or_insert((0, 0, u16::MAX));
                if field == 0 {
                    e.0 += 1;
                } else {
                    // The fragment holding a word of the text, from its
                    // offset; only the first occurrence counts.
                    if e.1 == 0 {
                        e.2 = e.2.min(doc.fragment_starts.partition_point(|&s| s <= start).saturating_sub(1) as u16);
                    }
                    e.1 += 1;
                }
            }
        }
    }
    let mut stems: Vec<(u32, u32, u32, u16)> =
        stems.into_iter().map(|(s, (title, text, frag))| (s, title, text, if frag == u16::MAX { 0 } else { frag })).collect();
    stems.sort_unstable_by_key(|e| e.0);
    Analysed { stems, title_length: lengths[0], length: lengths[1] }
}

/// A JavaScript call with a JSON argument: `cahierSearch.name(args)`.
fn script<T: Serialize>(name: &str, first: Option<usize>, value: &T) -> Vec<u8> {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    match first {
        Some(n) => format!("cahierSearch.{name}({n},{json});\n").into_bytes(),
        None => format!("cahierSearch.{name}({json});\n").into_bytes(),
    }
}

#[derive(Serialize)]
struct Facets<'a> {
    #[serde(rename = "type")]
    kind: Vec<&'a str>,
    status: Vec<&'a str>,
    by: Vec<&'a str>,
    year: Vec<i32>,
    lang: Vec<&'a str>,
    topic: Vec<&'a str>,
}

#[derive(Serialize)]
struct Boot<'a> {
    v: u32,
    n: usize,
    shards: Vec<String>,
    /// How to read a weight: `floor * (exp(q * step) - 1)` (`Scale`).
    w: [f32; 2],
    ds: usize,
    /// Sentences per file of `f/`.
    fc: usize,
    facets: &'a Facets<'a>,
    labels: serde_json::Value,
    stop: BTreeMap<&'static str, Vec<&'static str>>,
    /// Words of questions, dropped from a query that has others.
    question: &'static [&'static str],
    /// Folded words and stems that name topics, with the topics' ids
    /// (`search::synonyms`).
    syn: &'a BTreeMap<String, BTreeSet<String>>,
    fold: BTreeMap<String, String>,
    /// Factor on the score of a document of each status (`status_boost`).
    boost: BTreeMap<&'a str, f32>,
    /// The site's default language.
    lang: &'a str,
    /// Per site language, the interface strings the search shows.
    strings: BTreeMap<&'a str, BTreeMap<&'a str, &'a str>>,
}

/// The interface strings of each site language, as the theme gives them to
/// the pages (`Theme::strings`: English for what a language lacks), so that
/// the search speaks as the page around it. Statuses and page types are
/// named by the facet values themselves, which are keys of `i18n.yaml`.
fn interface_strings<'a>(
    theme: &'a dyn Interface,
    config: &'a Config,
    facets: &Facets<'a>,
) -> BTreeMap<&'a str, BTreeMap<&'a str, &'a str>> {
    let keys: Vec<&str> = INTERFACE_KEYS.iter().copied().chain(facets.status.iter().copied()).chain(facets.kind.iter().copied()).collect();
    config.languages.iter().map(|lang| (lang.as_str(), keys.iter().map(|&key| (key, theme.string(lang, key))).collect())).collect()
}

/// The words of the interface, as the theme says them. Search knows no
/// templates: the pipeline hands it the theme through this trait, so that
/// render and search stay side by side, neither using the other.
pub trait Interface {
    /// The string `key` in `lang` (the theme's fallback applies).
    fn string<'a>(&'a self, lang: &str, key: &'a str) -> &'a str;
    /// The name of a language in itself, if the theme has one.
    fn language_name<'a>(&'a self, lang: &str) -> Option<&'a str>;
}

fn position_of<T: PartialEq>(list: &[T], x: &T) -> Option<usize> {
    list.iter().position(|y| y == x)
}

/// Builds every file of the static index, handing each to `sink`.
pub fn build(
    docs: &[SearchDoc],
    config: &Config,
    committee_titles: &BTreeMap<String, String>,
    theme: &dyn Interface,
    sink: &dyn Sink,
) -> Result<(), SinkError> {
    document_files(docs, sink)?;
    let vocabulary = Vocabulary::default();
    let analysed: Vec<Analysed> =
        docs.par_iter().map_init(VocabularyCache::default, |cache, doc| analyse(doc, &vocabulary, cache)).collect();
    let (strings, words, letters) = vocabulary.into_parts();
    let (postings, max_weight) = weighted_postings(&analysed, strings.len());
    drop(analysed);
    let scale = Scale::of(max_weight);
    let encoded = encode_postings(postings, scale);
    let (shards, shard_keys) = term_shards(&surface_words(&strings, &words), &encoded, &strings);
    shards.into_par_iter().try_for_each(|o| sink.put(o))?;
    let facets = collect_facets(docs);
    facet_files(docs, &facets).into_par_iter().try_for_each(|o| sink.put(o))?;
    sink.put(bootstrap(docs, config, committee_titles, theme, &facets, (shard_keys, scale), letters))
}

/// The postings of each stem before encoding, by stem id: (document,
/// BM25 weight, first fragment holding the stem).
type Postings = Vec<Vec<(u32, f32, u16)>>;

/// Postings per stem, with raw BM25 weights, and the highest weight: the
/// quantised weights are fractions of it.
fn weighted_postings(analysed: &[Analysed], ids: usize) -> (Postings, f32) {
    let n = analysed.len().max(1) as f32;
    let avg_len = analysed.iter().map(|a| a.length as f32).sum::<f32>() / n;
    let avg_title = analysed.iter().map(|a| a.title_length as f32).sum::<f32>() / n;
    // In how many documents' titles, and texts, each stem occurs: as in
    // tantivy, each field has its own rarity (a word rare in titles weighs
    // much in a title even when texts use it often).
    let mut title_df = vec![0u32; ids];
    let mut df = vec![0u32; ids];
    for a in analysed {
        for &(s, title_tf, tf, _) in &a.stems {
            title_df[s as usize] += u32::from(title_tf > 0);
            df[s as usize] += u32::from(tf > 0);
        }
    }
    let idf = |frequency: u32| (1.0 + (n - frequency as f32 + 0.5) / (frequency as f32 + 0.5)).ln();
    let mut postings: Postings = vec![Vec::new(); ids];
    let mut max_weight: f32 = 0.0;
    for (d, a) in analysed.iter().enumerate() {
        // BM25 per field, as tantivy scores it: the title's own length
        // normalisation, then the title counted `TITLE_WEIGHT` times.
        let norm = K1 * (1.0 - B + B * a.length as f32 / avg_len.max(1.0));
        let title_norm = K1 * (1.0 - B + B * a.title_length as f32 / avg_title.max(1.0));
        let bm25 = |tf: u32, norm: f32| if tf == 0 { 0.0 } else { tf as f32 * (K1 + 1.0) / (tf as f32 + norm) };
        for &(s, title_tf, tf, frag) in &a.stems {
            let w = TITLE_WEIGHT as f32 * idf(title_df[s as usize]) * bm25(title_tf, title_norm) + idf(df[s as usize]) * bm25(tf, norm);
            max_weight = max_weight.max(w);
            postings[s as usize].push((d as u32, w, frag));
        }
    }
    (postings, max_weight)
}

/// How weights are written: on a logarithmic scale of 255 steps from
/// `floor` (a ten-thousandth of the highest weight) to the highest, so that
/// every weight keeps about 4 % of precision. A linear scale gave common
/// words a handful of levels, and the browser ranked their pages by ties.
/// The browser reads a weight `q` as `floor * (exp(q * step) - 1)`.
#[derive(Clone, Copy, Debug)]
struct Scale {
    floor: f32,
    step: f32,
}

impl Scale {
    fn of(max_weight: f32) -> Scale {
        let floor = max_weight.max(f32::EPSILON) / 10_000.0;
        Scale { floor, step: (1.0 + max_weight.max(f32::EPSILON) / floor).ln() / 255.0 }
    }

    fn quantise(self, w: f32) -> u32 {
        (((1.0 + w / self.floor).ln() / self.step).round() as u32).clamp(1, 255)
    }
}

/// Each stem's postings as the browser reads them, flattened triples of
/// (gap to the previous document, weight in 1..255 on `scale`, fragment),
/// with whether some were left out (past `MAX_POSTINGS`, the lowest weights
/// go).
fn encode_postings(postings: Postings, scale: Scale) -> Vec<(Vec<u32>, bool)> {
    let quantise = |w: f32| scale.quantise(w);
    postings
        .into_par_iter()
        .map(|mut list| {
            let truncated = list.len() > MAX_POSTINGS;
            if truncated {
                list.sort_by(|a, b| b.1.total_cmp(&a.1));
                list.truncate(MAX_POSTINGS);
                list.sort_by_key(|p| p.0);
            }
            let mut flat = Vec::with_capacity(list.len() * 3);
            let mut last = 0;
            for (d, w, frag) in list {
                flat.extend([d - last, quantise(w), frag as u32]);
                last = d;
            }
            (flat, truncated)
        })
        .collect()
}

/// Surface words, each with its stems (one per language it was seen in),
/// from every word the documents hold.
fn surface_words<'s>(strings: &'s [Box<str>], words: &[WordIds]) -> BTreeMap<&'s str, BTreeSet<&'s str>> {
    let mut by_folded: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for w in words {
        by_folded.entry(w.folded).or_default().extend(std::iter::once(w.stem).chain(w.alt));
    }
    by_folded
        .into_iter()
        .map(|(folded, stems)| (&*strings[folded as usize], stems.into_iter().map(|s| &*strings[s as usize]).collect()))
        .collect()
}

/// The term shards, `t/N.js`, of about `SHARD_BYTES` each, and the first
/// word of each, which the bootstrap lists to find a word's shard.
fn term_shards(words: &BTreeMap<&str, BTreeSet<&str>>, encoded: &[(Vec<u32>, bool)], strings: &[Box<str>]) -> (Vec<Output>, Vec<String>) {
    let ids: FxHashMap<&str, u32> = strings.iter().enumerate().map(|(i, s)| (&**s, i as u32)).collect();
    let mut outputs = Vec::new();
    let mut shard_keys = Vec::new();
    let mut shard = String::new();
    let mut first: Option<&str> = None;
    let mut entry = String::new();
    for (surface, stems) in words {
        entry.clear();
        word_entry(&mut entry, stems, |s| &encoded[ids[s] as usize]);
        let size = surface.len() + entry.len() + 4;
        if shard.len() + size > SHARD_BYTES && first.is_some() {
            flush_shard(&mut shard, first.take(), &mut outputs, &mut shard_keys);
        }
        shard.push(if first.is_none() { '{' } else { ',' });
        first.get_or_insert(surface);
        push_json_string(&mut shard, surface);
        shard.push(':');
        shard.push_str(&entry);
    }
    flush_shard(&mut shard, first, &mut outputs, &mut shard_keys);
    (outputs, shard_keys)
}

/// Writes the words gathered so far (a JSON object opened in `shard`) as
/// the next term shard, if there are any.
fn flush_shard(shard: &mut String, first: Option<&str>, outputs: &mut Vec<Output>, keys: &mut Vec<String>) {
    if let Some(first) = first {
        keys.push(first.to_string());
        let n = keys.len() - 1;
        let text = format!("cahierSearch.t({n},{shard}}});\n");
        outputs.push(Output { path: format!("search/t/{n}.js").into(), content: Content::Bytes(text.into_bytes()) });
        shard.clear();
    }
}

fn push_json_string(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// One word of a term shard, as JSON: its stems, the postings of all of
/// them merged (per document, the highest weight and the fragment of the
/// first stem met), and whether any of them was truncated.
fn word_entry<'e>(out: &mut String, stems: &BTreeSet<&str>, encoded: impl Fn(&str) -> &'e (Vec<u32>, bool)) {
    use std::fmt::Write;
    let mut truncated = false;
    out.push_str("[[");
    for (i, s) in stems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, s);
    }
    out.push_str("],[");
    let mut push_flat = |flat: &mut dyn Iterator<Item = u32>| {
        for (i, x) in flat.enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{x}");
        }
    };
    if let [only] = stems.iter().collect::<Vec<_>>()[..] {
        // One stem: its postings are the word's, as they are.
        let (flat, t) = encoded(only);
        truncated = *t;
        push_flat(&mut flat.iter().copied());
    } else {
        let mut merged: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
        for s in stems {
            let (flat, t) = encoded(s);
            truncated |= *t;
            let mut doc = 0;
            for p in flat.chunks(3) {
                doc += p[0];
                let e = merged.entry(doc).or_insert((0, p[2]));
                e.0 = e.0.max(p[1]);
            }
        }
        let mut last = 0;
        push_flat(&mut merged.into_iter().flat_map(|(d, (w, f))| {
            let gap = d - last;
            last = d;
            [gap, w, f]
        }));
    }
    out.push_str("],");
    out.push(if truncated { '1' } else { '0' });
    out.push(']');
}

/// The values of each facet, in the order the documents first show them
/// (years newest first).
fn collect_facets(docs: &[SearchDoc]) -> Facets<'_> {
    let mut facets = Facets { kind: Vec::new(), status: Vec::new(), by: Vec::new(), year: Vec::new(), lang: Vec::new(), topic: Vec::new() };
    for d in docs {
        push_unique(&mut facets.kind, d.kind);
        if !d.status.is_empty() {
            push_unique(&mut facets.status, d.status);
        }
        if let Some(b) = &d.by {
            push_unique(&mut facets.by, b.as_str());
        }
        if let Some(y) = d.year {
            push_unique(&mut facets.year, y);
        }
        push_unique(&mut facets.lang, d.lang.as_str());
        for t in &d.topics {
            push_unique(&mut facets.topic, t.as_str());
        }
    }
    facets.year.sort_unstable_by(|a, b| b.cmp(a));
    facets
}

/// The character that stands for the value at `position` of a facet in
/// `facets/D.js`: `0` for the first value, then on through Unicode,
/// skipping the surrogates (which a JavaScript string cannot hold alone).
/// Past a million values of one facet, which no site has, it gives U+FFFD.
fn facet_char(position: usize) -> char {
    let point = 0x30 + position as u32;
    char::from_u32(if point >= 0xD800 { point + 0x800 } else { point }).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// `facets/D.js` for each facet dimension D: `cahierSearch.f("D", "…")`,
/// the string holding each document's values in document order, as
/// `facet_char`s. A dimension of one value at most gives one character per
/// document, `-` for none; `topic` gives each document's topics, the
/// documents separated by `,`. One file per dimension rather than per range
/// of documents: a query's matches lie anywhere in the documents, but the
/// ranking and the results need only two dimensions of them.
fn facet_files(docs: &[SearchDoc], facets: &Facets<'_>) -> Vec<Output> {
    let file = |dimension: &str, codes: String| Output {
        path: format!("search/facets/{dimension}.js").into(),
        content: Content::Bytes(format!("cahierSearch.f(\"{dimension}\",{});\n", serde_json::Value::from(codes)).into_bytes()),
    };
    let one = |dimension: &str, position: &dyn Fn(&SearchDoc) -> Option<usize>| {
        file(dimension, docs.iter().map(|d| position(d).map_or('-', facet_char)).collect())
    };
    let topics = docs
        .iter()
        .map(|d| d.topics.iter().filter_map(|t| position_of(&facets.topic, &t.as_str())).map(facet_char).collect::<String>())
        .collect::<Vec<_>>()
        .join(",");
    vec![
        one("type", &|d| position_of(&facets.kind, &d.kind)),
        one("status", &|d| position_of(&facets.status, &d.status)),
        one("by", &|d| d.by.as_deref().and_then(|b| position_of(&facets.by, &b))),
        one("year", &|d| d.year.and_then(|y| position_of(&facets.year, &y))),
        one("lang", &|d| position_of(&facets.lang, &d.lang.as_str())),
        file("topic", topics),
    ]
}

/// The files a result shows from: `d/N.js` (URL, title, summary and date,
/// `DOC_SHARD` documents a file), then `f/N.js` (a document's fragments).
fn document_files(docs: &[SearchDoc], sink: &dyn Sink) -> Result<(), SinkError> {
    docs.par_chunks(DOC_SHARD).enumerate().try_for_each(|(k, chunk)| {
        let rows: Vec<serde_json::Value> =
            chunk.iter().map(|d| serde_json::json!([d.url.trim_start_matches('/'), d.title, d.summary, d.date])).collect();
        sink.put(Output { path: format!("search/d/{k}.js").into(), content: Content::Bytes(script("d", Some(k), &rows)) })
    })?;
    docs.par_iter().enumerate().try_for_each(|(i, d)| fragment_files(i, d).into_iter().try_for_each(|o| sink.put(o)))
}

/// `f/N.js`, then `f/N-1.js`, `f/N-2.js`…: the fragments of document N,
/// `FRAGMENTS_PER_FILE` a file. A result's snippet needs the file of one
/// sentence, proximity every file of the ten best: a long page costs a
/// one-word query what a short one does. A page of one file is written as
/// before, `x(N, [...])`; a longer one says how many files it has and which
/// this is, `x(N, [...], files, k)`.
pub fn fragment_files(i: usize, doc: &SearchDoc) -> Vec<Output> {
    let parts: Vec<&[String]> = doc.fragments.chunks(FRAGMENTS_PER_FILE).collect();
    if parts.len() <= 1 {
        return vec![Output { path: format!("search/f/{i}.js").into(), content: Content::Bytes(script("x", Some(i), &doc.fragments)) }];
    }
    let files = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(k, part)| {
            let json = serde_json::to_string(part).unwrap_or_else(|_| "[]".into());
            let path = if k == 0 { format!("search/f/{i}.js") } else { format!("search/f/{i}-{k}.js") };
            Output { path: path.into(), content: Content::Bytes(format!("cahierSearch.x({i},{json},{files},{k});\n").into_bytes()) }
        })
        .collect()
}

/// The folded form of each letter of the corpus that folding changes, so
/// that the browser folds a query as the index was folded. The letters are
/// those of the words the documents hold (a letter is part of a word).
fn fold_table(letters: BTreeSet<char>) -> BTreeMap<String, String> {
    letters.into_iter().filter(|c| c.is_alphanumeric()).map(|c| (c.to_string(), fold(&c.to_string()))).filter(|(c, f)| c != f).collect()
}

/// `index.js`, the bootstrap the browser loads first.
fn bootstrap(
    docs: &[SearchDoc],
    config: &Config,
    committee_titles: &BTreeMap<String, String>,
    theme: &dyn Interface,
    facets: &Facets<'_>,
    (shard_keys, scale): (Vec<String>, Scale),
    letters: BTreeSet<char>,
) -> Output {
    let synonyms = super::synonyms::Synonyms::of(config);
    let topic_labels: serde_json::Map<String, serde_json::Value> =
        config.topics.list.iter().map(|t| (t.id.clone(), serde_json::to_value(&t.label).unwrap_or_default())).collect();
    // Languages by their own names, where the theme has them.
    let language_names: BTreeMap<&str, &str> = facets.lang.iter().map(|&l| (l, theme.language_name(l).unwrap_or(l))).collect();
    let boot = Boot {
        v: 1,
        n: docs.len(),
        shards: shard_keys,
        w: [scale.floor, scale.step],
        ds: DOC_SHARD,
        fc: FRAGMENTS_PER_FILE,
        facets,
        labels: serde_json::json!({ "topic": topic_labels, "by": committee_titles, "lang": language_names }),
        stop: crate::text::analysis::stop_lists(),
        question: crate::text::analysis::QUESTION_WORDS,
        syn: synonyms.table(),
        fold: fold_table(letters),
        boost: facets.status.iter().map(|s| (*s, super::document::status_boost(s))).collect(),
        lang: config.default_lang(),
        strings: interface_strings(theme, config, facets),
    };
    Output { path: "search/index.js".into(), content: Content::Bytes(script("boot", None, &boot)) }
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, x: T) {
    if !list.contains(&x) {
        list.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_page_has_its_sentences_in_several_files() {
        let text = |n: usize| (0..n).map(|i| format!("Sentence {i}.")).collect::<Vec<_>>();
        let doc = |fragments: Vec<String>| SearchDoc {
            key: "p@fr".into(),
            id: "p".into(),
            url: "/p/".into(),
            title: "P".into(),
            kind: "page",
            status: "",
            by: None,
            topics: vec![],
            year: None,
            date: None,
            lang: "fr".into(),
            summary: None,
            text: String::new(),
            fragment_starts: vec![0; fragments.len()],
            fragments,
        };
        let short = fragment_files(7, &doc(text(3)));
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].path.to_str(), Some("search/f/7.js"));
        let long = fragment_files(7, &doc(text(FRAGMENTS_PER_FILE * 2 + 1)));
        let paths: Vec<_> = long.iter().map(|o| o.path.to_string_lossy().into_owned()).collect();
        assert_eq!(paths, ["search/f/7.js", "search/f/7-1.js", "search/f/7-2.js"]);
        let Content::Bytes(last) = &long[2].content else { panic!("bytes") };
        let last = String::from_utf8_lossy(last);
        assert!(last.starts_with(&format!("cahierSearch.x(7,[\"Sentence {}.\"],3,2);", FRAGMENTS_PER_FILE * 2)), "{last}");
    }
}
