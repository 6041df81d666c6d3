//! Typing mistakes: a query word that no page holds stands for the words of
//! the site one edit away from it (a letter dropped, added, replaced, or two
//! neighbours swapped), so that "recommned" finds "recommend". Both searches
//! (the terminal's, `engine.rs`, and the browser's, `search-query.js`) apply
//! this rule to the same words: the folded words of the pages, which the
//! terminal keeps in its index and the browser in its term shards.
//!
//! The browser cannot read every word of a large site for one mistake, so
//! the words it reads are those that begin with the mistaken word's first
//! two letters, or with its first and third (a letter added or two letters
//! swapped after the first): they sit in one or two runs of term shards.

/// Shorter words are left as typed: one edit away from a word of four
/// letters or fewer lie too many others ("dran": "dram", "draw", "drain").
pub const MIN_LETTERS: usize = 5;

/// How many words a mistaken word may stand for, the first in alphabetical
/// order: enough for the forms of one word ("duration", "durations").
pub const MAX_WORDS: usize = 8;

/// Whether a folded query word, absent from the site, is long enough to be
/// read as a mistake.
pub fn applies(folded: &str) -> bool {
    folded.chars().count() >= MIN_LETTERS
}

/// The beginnings of the words that may be `folded` without its mistake.
pub fn prefixes(folded: &str) -> Vec<String> {
    let letters: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    if letters.len() >= 3 {
        out.push(letters[..2].iter().collect());
        let other: String = [letters[0], letters[2]].iter().collect();
        if !out.contains(&other) {
            out.push(other);
        }
    }
    out
}

/// Whether two words are one edit apart: a letter dropped, added or
/// replaced, or two neighbours swapped (an optimal string alignment
/// distance of 1, counted in letters). A word is not one edit from itself.
pub fn one_edit(a: &str, b: &str) -> bool {
    strsim::osa_distance(a, b) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_apart() {
        assert!(one_edit("recommned", "recommend"), "swapped");
        assert!(one_edit("duratipn", "duration"), "replaced");
        assert!(one_edit("macroos", "macros"), "added");
        assert!(one_edit("governace", "governance"), "dropped");
        assert!(one_edit("embauché", "embauche"), "letters, not bytes");
        assert!(!one_edit("macros", "macros"), "the same word");
        assert!(!one_edit("recommned", "recommended"), "three edits");
        assert!(!one_edit("perpublish", "publish"), "three letters fewer");
        assert!(!one_edit("abcd", "badc"), "two swaps");
    }

    #[test]
    fn where_the_words_are_looked_for() {
        assert_eq!(prefixes("perpublish"), vec!["pe", "pr"]);
        assert_eq!(prefixes("aab"), vec!["aa", "ab"]);
        assert_eq!(prefixes("aaa"), vec!["aa"]);
        assert!(applies("reform") && !applies("dran"));
    }
}
