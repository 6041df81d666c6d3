//! Finding glossary terms in running text: one Aho-Corasick automaton for
//! every term and alias of a language, run once over each run of text, so
//! that a glossary of hundreds of terms costs one pass per text, not one
//! search per term.
//!
//! The rules (content format 14.4, and the README's choices): whole words,
//! with Unicode letters and digits as word characters, so that `l'AG` and
//! `l’AG` hold the word `AG` but `AGENDA` does not; all-caps terms
//! (acronyms: `CT`, `PAPSI`) match only as written, every other term in
//! the cases text writes it in: as the glossary writes it, in lower case,
//! capitalised, in title case and in capitals (`comité de travail`,
//! `Comité de travail`, `Comité De Travail`, `COMITÉ DE TRAVAIL`); accents
//! always count (`ÇA` is not `CA`, `comite` is not `comité`); `'` and `’`
//! are one apostrophe. The automaton reads the text as it is, so that an
//! acronym is only ever a candidate where the text has those capitals: a
//! search over folded text found `ct` in every `action` and cost a third
//! more (measured at 10,000 pages). The caller gives words separated by
//! single spaces (`parse::terms::Runs` turns line breaks into spaces).

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

/// The automaton of one language's glossary.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Per pattern of the automaton: its entry.
    patterns: Vec<u32>,
    entries: usize,
}

/// A term found in a text: the byte range and the glossary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// The entries already marked on a page: each is marked once, at its first
/// occurrence.
#[derive(Debug, Clone)]
pub struct Seen(Vec<u64>);

impl Seen {
    fn insert(&mut self, entry: u32) -> bool {
        let (word, bit) = ((entry / 64) as usize, 1u64 << (entry % 64));
        let fresh = self.0[word] & bit == 0;
        self.0[word] |= bit;
        fresh
    }
}

/// Whether a term is an acronym, matched only as written: it has letters
/// and all of them are capitals (`CT`, `C.A.`, `PAPSI`, `AG2R`).
pub fn is_acronym(term: &str) -> bool {
    term.chars().any(char::is_alphabetic) && term.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

impl Matcher {
    /// The automaton of `terms`: each written form (a term or an alias)
    /// with the number of its glossary entry. `None` when there is none.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, u32)>) -> Option<Matcher> {
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut entries = 0;
        for (term, entry) in terms {
            let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
            if term.is_empty() {
                continue;
            }
            entries = entries.max(entry as usize + 1);
            let mut cased = if is_acronym(&term) { vec![term] } else { cases(&term) };
            // Both apostrophes, whichever the glossary wrote.
            if cased.iter().any(|f| f.contains(['\'', '’'])) {
                cased = cased.iter().flat_map(|f| [f.replace('’', "'"), f.replace('\'', "’")]).collect();
            }
            cased.sort_unstable();
            cased.dedup();
            patterns.extend(std::iter::repeat_n(entry, cased.len()));
            forms.extend(cased);
        }
        if patterns.is_empty() {
            return None;
        }
        // Leftmost-longest, the search aho-corasick makes fastest (an
        // overlapping search, tried first, cost three times as much); a DFA,
        // a few megabytes at most for hundreds of terms, built once per
        // language.
        let automaton =
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).kind(Some(AhoCorasickKind::DFA)).build(&forms).ok()?;
        Some(Matcher { automaton, patterns, entries })
    }

    /// A set of entries for one page, none seen yet.
    pub fn seen(&self) -> Seen {
        Seen(vec![0; self.entries.div_ceil(64).max(1)])
    }

    /// The first occurrence in `text` of each entry not yet in `seen`, in
    /// text order; they join `seen`. Where terms overlap, the leftmost
    /// wins, then the longest, and an entry already seen still holds its
    /// place (`comité de travail` marked once keeps `comité` unmarked inside
    /// it later).
    pub fn first_occurrences(&self, text: &str, seen: &mut Seen) -> Vec<Found> {
        let mut out = Vec::new();
        let mut pos = 0;
        // The iterator goes on after each whole word; a match that is not
        // one (`budget` in `budgétaire`) restarts the search a character
        // further, where another term may start inside it.
        'search: while pos < text.len() {
            for m in self.automaton.find_iter(Input::new(text).span(pos..text.len())) {
                let found = self.whole_word_at(text, m.start(), m.end(), m.pattern().as_usize());
                if let Some(f) = found {
                    if seen.insert(f.entry) {
                        out.push(f);
                    }
                }
                match found {
                    Some(f) if f.end == m.end() => continue,
                    Some(f) => pos = f.end,
                    None => pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8),
                }
                continue 'search;
            }
            break;
        }
        out
    }

    /// The longest term that starts at `start` and is a whole word: the
    /// match found (`start..end`, `pattern`), else a shorter one there
    /// (`comité` in `comité de travailleurs`).
    fn whole_word_at(&self, text: &str, start: usize, mut end: usize, mut pattern: usize) -> Option<Found> {
        if text[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        loop {
            if !text[end..].chars().next().is_some_and(is_word_char) {
                return Some(Found { start, end, entry: self.patterns[pattern] });
            }
            // The leftmost-longest match before `end`: one that starts at
            // `start` is the longest shorter term there.
            let m = self.automaton.find(Input::new(&text.as_bytes()[..end - 1]).span(start..end - 1))?;
            if m.start() != start {
                return None;
            }
            (end, pattern) = (m.end(), m.pattern().as_usize());
        }
    }
}

/// The written forms of a term that is not an acronym: as written, in
/// lower case, capitalised (first letter), in title case (each word) and
/// in capitals.
fn cases(term: &str) -> Vec<String> {
    let lower = term.to_lowercase();
    let capital = |word: &str| -> String {
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    let title = lower.split(' ').map(capital).collect::<Vec<_>>().join(" ");
    vec![term.to_string(), capital(&lower), title, term.to_uppercase(), capital(term), lower]
}

/// A character that continues a word: a letter, a digit, `_`, or a
/// combining accent (a decomposed `é`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(terms: &[&str], text: &str) -> Vec<String> {
        let m = Matcher::new(terms.iter().enumerate().map(|(i, t)| (*t, i as u32))).unwrap();
        let mut seen = m.seen();
        m.first_occurrences(text, &mut seen).into_iter().map(|f| text[f.start..f.end].to_string()).collect()
    }

    #[test]
    fn acronyms_are_whole_words_as_written() {
        assert_eq!(marked(&["CT"], "Le CT décide."), ["CT"]);
        assert!(marked(&["CT"], "le ct, la CTA, l'ACTE").is_empty());
        assert_eq!(marked(&["AG"], "avant l'AG"), ["AG"]);
        assert_eq!(marked(&["AG"], "avant l’AG"), ["AG"]);
        assert_eq!(marked(&["AG"], "(AG)"), ["AG"]);
    }

    #[test]
    fn other_terms_in_any_case_accents_count() {
        assert_eq!(marked(&["comité de travail"], "Le Comité de travail se réunit"), ["Comité de travail"]);
        assert_eq!(marked(&["comité de travail"], "COMITÉ DE TRAVAIL"), ["COMITÉ DE TRAVAIL"]);
        assert_eq!(marked(&["Comité de travail"], "Comité De Travail"), ["Comité De Travail"]);
        assert_eq!(marked(&["Sysadmin"], "le sysadmin"), ["sysadmin"]);
        assert_eq!(marked(&["pigiste"], "PIGISTE"), ["PIGISTE"]);
        assert!(marked(&["comité de travail"], "le comite de travail").is_empty());
        assert!(marked(&["CA"], "ÇA ne va pas").is_empty());
        assert_eq!(marked(&["conseil d'administration"], "le conseil d’administration"), ["conseil d’administration"]);
    }

    #[test]
    fn first_occurrence_only_longest_first() {
        let m = Matcher::new([("comité", 0), ("comité de travail", 1), ("CT", 2)]).unwrap();
        let mut seen = m.seen();
        let text = "Le comité de travail (CT) et le CT ; un comité.";
        let found: Vec<&str> = m.first_occurrences(text, &mut seen).iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(found, ["comité de travail", "CT", "comité"]);
        assert!(m.first_occurrences("encore le CT", &mut seen).is_empty(), "seen entries stay seen");
    }

    #[test]
    fn a_failed_long_term_leaves_room_for_a_short_one() {
        assert_eq!(marked(&["comité", "comité de travail"], "le comité de travailleurs"), ["comité"]);
    }

    #[test]
    fn acronym_detection() {
        assert!(is_acronym("CT") && is_acronym("C.A.") && is_acronym("AG2R"));
        assert!(!is_acronym("Sysadmin") && !is_acronym("5 à 7") && !is_acronym("2024"));
    }
}
