//! The one text analysis every search path shares: the tantivy index, the
//! browser index, repeat detection and the command line.
//!
//! Tokenise on letters and digits (`l'économie` gives `l`, `économie`),
//! lowercase, fold accents and ligatures (é -> e, œ -> oe, ß -> ss), drop the
//! stop words of the language, then Snowball-stem (French or English).
//! Folding comes before stemming, so that a word typed without its accents
//! meets the same stem.

use std::sync::{Arc, OnceLock};

use rust_stemmers::{Algorithm, Stemmer};

/// The analysed languages. Other languages are folded but not stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
    Other,
}

impl Lang {
    pub fn from_code(code: &str) -> Lang {
        match code {
            "fr" => Lang::Fr,
            "en" => Lang::En,
            _ => Lang::Other,
        }
    }
}

const FR_STOP: &[&str] = &[
    "a", "ai", "as", "au", "aussi", "aux", "avec", "avez", "avons", "c", "ca", "ce", "cela", "ces", "cet", "cette", "comme", "d", "dans",
    "de", "des", "donc", "du", "elle", "elles", "en", "est", "et", "ete", "etre", "eu", "fait", "il", "ils", "j", "je", "l", "la", "le",
    "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on",
    "ont", "ou", "par", "pas", "plus", "pour", "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "s", "sa", "se", "sera", "ses",
    "si", "son", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres", "tu", "un", "une", "vos",
    "votre", "vous", "y",
];

const EN_STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for", "from", "had", "has", "have", "he", "her",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "no", "not", "of", "on", "or", "our", "s", "she", "so", "such", "t", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where", "which", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// Words of questions, folded, in either language, that are not stop words:
/// a query drops them when it has other words ("how do I limit scratch
/// space", "comment peut-on embaucher"), as a page that answers rarely
/// repeats them. The index keeps them.
pub const QUESTION_WORDS: &[&str] = &[
    "anyone", "combien", "comment", "could", "did", "doit", "doivent", "faut", "find", "get", "know", "peut", "peuvent", "pourquoi",
    "quand", "quoi", "should", "still", "want", "whether",
];

/// Whether a folded word is a word of questions (see [`QUESTION_WORDS`]).
pub fn is_question(word: &str) -> bool {
    QUESTION_WORDS.binary_search(&word).is_ok()
}

/// The stop lists, for the browser (which drops them from queries too).
pub fn stop_lists() -> std::collections::BTreeMap<&'static str, Vec<&'static str>> {
    [("fr", FR_STOP.to_vec()), ("en", EN_STOP.to_vec())].into_iter().collect()
}

/// Whether a folded word is a stop word of the language.
pub fn is_stop(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => FR_STOP.binary_search(&word).is_ok(),
        Lang::En => EN_STOP.binary_search(&word).is_ok(),
        Lang::Other => false,
    }
}

fn sorted(list: &'static [&'static str]) -> bool {
    list.windows(2).all(|w| w[0] < w[1])
}

fn stemmer(lang: Lang) -> Option<&'static Stemmer> {
    static FR: OnceLock<Stemmer> = OnceLock::new();
    static EN: OnceLock<Stemmer> = OnceLock::new();
    match lang {
        Lang::Fr => Some(FR.get_or_init(|| Stemmer::create(Algorithm::French))),
        Lang::En => Some(EN.get_or_init(|| Stemmer::create(Algorithm::English))),
        Lang::Other => None,
    }
}

/// Lowercases and folds one word: accents removed, ligatures expanded.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            for f in c.to_lowercase() {
                match deunicode::deunicode_char(f) {
                    Some(s) if s.chars().all(|x| x.is_ascii_alphanumeric()) && !s.is_empty() => {
                        out.extend(s.chars().map(|x| x.to_ascii_lowercase()))
                    }
                    // Letters with no Latin form (or a multi-word one) are kept.
                    _ => out.push(f),
                }
            }
        }
    }
    out
}

/// A token: its folded surface form, its stem, and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: Arc<str>,
    pub stem: Arc<str>,
    /// The stem of the word as written, folded afterwards, when it differs:
    /// Snowball stems `embauchée` and `embauchee` differently, and people
    /// type either.
    pub alt: Option<Arc<str>>,
    /// Byte range in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Position among the words of the text (stop words count).
    pub position: usize,
}

/// The words of a text: runs of letters and digits, with byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if c.is_alphanumeric() {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Every stem a word stands for: the stem of its folded form, then, when
/// it differs, the folded stem of the word as written.
pub fn word_stems(word: &str, lang: Lang) -> Vec<String> {
    analyze(word, lang).into_iter().flat_map(|t| std::iter::once(t.stem).chain(t.alt)).map(|s| s.to_string()).collect()
}

/// Stems a folded word.
pub fn stem(folded: &str, lang: Lang) -> String {
    match stemmer(lang) {
        Some(s) => s.stem(folded).into_owned(),
        None => folded.to_string(),
    }
}

/// What the analysis makes of one word as written, in one language.
#[derive(Clone)]
struct Analysed {
    folded: Arc<str>,
    stem: Arc<str>,
    alt: Option<Arc<str>>,
    stop: bool,
}

fn analyse_word(word: &str, lang: Lang) -> Analysed {
    let folded = fold(word);
    if is_stop(&folded, lang) {
        return Analysed { folded: folded.into(), stem: "".into(), alt: None, stop: true };
    }
    let stem_of_folded = stem(&folded, lang);
    let alt = if word.is_ascii() {
        None
    } else {
        Some(fold(&stem(&word.to_lowercase(), lang))).filter(|a| *a != stem_of_folded && !a.is_empty())
    };
    Analysed { folded: folded.into(), stem: stem_of_folded.into(), alt: alt.map(Into::into), stop: false }
}

thread_local! {
    /// Words already analysed by this thread, per language: a site has a
    /// vocabulary of tens of thousands of words but millions of tokens, and
    /// stemming is the costly part.
    static SEEN: std::cell::RefCell<[rustc_hash::FxHashMap<Box<str>, Analysed>; 3]> = Default::default();
}

/// Analyses a text: tokens without stop words.
pub fn analyze(text: &str, lang: Lang) -> Vec<Token> {
    debug_assert!(sorted(FR_STOP) && sorted(EN_STOP));
    let slot = match lang {
        Lang::Fr => 0,
        Lang::En => 1,
        Lang::Other => 2,
    };
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        let cache = &mut seen[slot];
        if cache.len() > 500_000 {
            cache.clear();
        }
        let mut out = Vec::new();
        for (position, (start, word)) in words(text).enumerate() {
            if !cache.contains_key(word) {
                cache.insert(word.into(), analyse_word(word, lang));
            }
            let a = &cache[word];
            if a.stop {
                continue;
            }
            out.push(Token {
                folded: a.folded.clone(),
                stem: a.stem.clone(),
                alt: a.alt.clone(),
                start,
                end: start + word.len(),
                position,
            });
        }
        out
    })
}

/// The stems of a text, for callers that need no positions.
pub fn stems(text: &str, lang: Lang) -> Vec<String> {
    analyze(text, lang).into_iter().map(|t| t.stem.to_string()).collect()
}

/// A word as the vocabulary knows it: ids of its folded form and stems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordIds {
    pub folded: u32,
    pub stem: u32,
    pub alt: Option<u32>,
}

/// Every word a set of texts holds, analysed once, with its strings
/// interned: the static search index works on ids, not strings. Shared by
/// the threads of an index build; each thread keeps the words it has met in
/// a [`VocabularyCache`], so that the lock is taken once per distinct word
/// and thread, not once per token.
#[derive(Default)]
pub struct Vocabulary {
    inner: std::sync::Mutex<VocabularyInner>,
}

#[derive(Default)]
struct VocabularyInner {
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
    /// (language, word as written) -> its ids; `None` for a stop word.
    words: rustc_hash::FxHashMap<(Lang, Box<str>), Option<WordIds>>,
}

impl VocabularyInner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }
}

/// One thread's memory of the words it has looked up, borrowed from the
/// texts it analyses.
pub type VocabularyCache<'t> = rustc_hash::FxHashMap<(Lang, &'t str), Option<WordIds>>;

impl Vocabulary {
    /// The ids of a word as written, analysed on first sight.
    pub fn word<'t>(&self, cache: &mut VocabularyCache<'t>, word: &'t str, lang: Lang) -> Option<WordIds> {
        if let Some(&ids) = cache.get(&(lang, word)) {
            return ids;
        }
        let ids = {
            let mut inner = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match inner.words.get(&(lang, Box::from(word))) {
                Some(&ids) => ids,
                None => {
                    let a = analyse_word(word, lang);
                    let ids = (!a.stop).then(|| WordIds {
                        folded: inner.intern(&a.folded),
                        stem: inner.intern(&a.stem),
                        alt: a.alt.as_deref().map(|x| inner.intern(x)),
                    });
                    inner.words.insert((lang, word.into()), ids);
                    ids
                }
            }
        };
        cache.insert((lang, word), ids);
        ids
    }

    /// The interned strings, by id, every word met as its ids, and the
    /// letters beyond ASCII the words were written with.
    pub fn into_parts(self) -> (Vec<Box<str>>, Vec<WordIds>, std::collections::BTreeSet<char>) {
        let inner = self.inner.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut letters = std::collections::BTreeSet::new();
        let mut words = Vec::with_capacity(inner.words.len());
        for ((_, word), ids) in inner.words {
            if !word.is_ascii() {
                letters.extend(word.chars().filter(|c| !c.is_ascii()));
            }
            words.extend(ids);
        }
        (inner.strings, words, letters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_lists_are_sorted_for_binary_search() {
        assert!(sorted(QUESTION_WORDS), "QUESTION_WORDS must be sorted");
        assert!(sorted(FR_STOP), "FR_STOP must be sorted");
        assert!(sorted(EN_STOP), "EN_STOP must be sorted");
    }

    #[test]
    fn tokenises_on_letters_and_digits() {
        let w: Vec<&str> = words("l'économie, 2010-07 café…").map(|(_, w)| w).collect();
        assert_eq!(w, ["l", "économie", "2010", "07", "café"]);
    }

    #[test]
    fn folds_accents_and_ligatures() {
        assert_eq!(fold("Œuvre"), "oeuvre");
        assert_eq!(fold("Æther"), "aether");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ÉTÉ"), "ete");
    }

    #[test]
    fn inflections_meet() {
        let s = |w: &str| stems(w, Lang::Fr);
        assert_eq!(s("embauché"), s("embauches"));
        assert_eq!(s("Embauche"), s("embauches"));
        assert_eq!(s("décision"), s("decision"));
        assert_eq!(stems("decisions", Lang::En), stems("decision", Lang::En));
    }

    #[test]
    fn accented_and_unaccented_forms_meet() {
        let fr = |w: &str| word_stems(w, Lang::Fr);
        assert!(fr("embauchée").contains(&"embauch".to_string()), "{:?}", fr("embauchée"));
        assert!(fr("embauchée").contains(&fr("embauchee")[0]));
    }

    #[test]
    fn stop_words_are_dropped() {
        assert_eq!(stems("le gel des embauches", Lang::Fr), stems("gel embauches", Lang::Fr));
        assert!(stems("the", Lang::En).is_empty());
    }
}
