//! Proximity: a page where the words of a query stand near each other
//! answers it better than one where they are scattered. Both searches (the
//! terminal's and the browser's, `search-query.js`) apply this same rule to
//! the same data: the sentences of a page cut for snippets
//! (`document::fragments`, the files `search/f/N.js`), which the browser
//! loads for the results it shows anyway, so proximity costs it no byte.
//!
//! Two neighbouring words of a query are near in a page when one of its
//! sentences, or two sentences in a row, hold both; they are in a row when
//! the second stands at most `SPAN` words after the first, as the words of
//! a phrase remembered from the page do, with its little words between
//! ("detectable on all releases"). Being in a row weighs more than being
//! near: on the real registers of tests/registers/ it put 20 of 20 phrases
//! of the RFCs in the top 3, against 16 with sentences alone.
//! A sentence word stands for a query word when its
//! folded form begins with the query word's head: the folded query word
//! without its last two letters, keeping at least four ("releases" ->
//! "releas" meets "release" and "released"). This needs no stemmer, which
//! the browser does not have.

use crate::text::analysis::{fold, words};

/// How many of the best results proximity may reorder: the results a
/// search page shows at once.
pub const RERANK: usize = 10;

/// How much a page with every pair of neighbouring query words near each
/// other gains: its score is multiplied by up to 1 + `WEIGHT`, and by up to
/// `ADJACENT_WEIGHT` more when every pair is also in a row.
pub const WEIGHT: f32 = 1.0;
pub const ADJACENT_WEIGHT: f32 = 2.0;

/// How far apart, in words, two words of a query may stand and still be
/// in a row: "releases" in "detectable on all releases" is 3 words after.
pub const SPAN: usize = 3;

/// The part of a folded query word that sentence words must begin with.
pub fn head(folded: &str) -> &str {
    let n = folded.chars().count();
    if n <= 4 {
        return folded;
    }
    let keep = (n - 2).max(4);
    let end = folded.char_indices().nth(keep).map_or(folded.len(), |(i, _)| i);
    &folded[..end]
}

/// The heads of a query's words, in query order.
pub fn heads(query_words: &[&str]) -> Vec<String> {
    query_words.iter().map(|w| head(&fold(w)).to_string()).collect()
}

/// How many pairs of neighbouring heads are near each other in
/// `fragments` (one sentence, or two in a row, holds both), and how many
/// stand in a row (the second within `SPAN` words after the first, in one
/// sentence): `(close, adjacent)`, from one reading of the sentences.
pub fn pairs<S: AsRef<str>>(heads: &[String], fragments: &[S]) -> (usize, usize) {
    let n = heads.len().min(64);
    if n < 2 {
        return (0, 0);
    }
    // For each sentence, which heads it holds, as bits; and the pairs found
    // in a row anywhere, as bits.
    let mut masks = Vec::with_capacity(fragments.len());
    let mut in_a_row = 0u64;
    for f in fragments {
        let mut mask = 0u64;
        // The last position each head was seen at in this sentence.
        let mut last = vec![usize::MAX; n];
        for (position, (_, word)) in words(f.as_ref()).enumerate() {
            let folded = fold(word);
            for (i, h) in heads[..n].iter().enumerate() {
                if !folded.starts_with(h.as_str()) {
                    continue;
                }
                mask |= 1 << i;
                if i > 0 && last[i - 1] != usize::MAX && position - last[i - 1] <= SPAN {
                    in_a_row |= 1 << (i - 1);
                }
                last[i] = position;
            }
        }
        masks.push(mask);
    }
    // A sentence and the next one make a window: a summary or a paragraph
    // is often cut in two.
    let windows: Vec<u64> = masks.iter().enumerate().map(|(i, m)| m | masks.get(i + 1).copied().unwrap_or(0)).collect();
    let close = (0..n - 1).filter(|&i| windows.iter().any(|m| m & (0b11 << i) == 0b11 << i)).count();
    (close, in_a_row.count_ones() as usize)
}

/// The factor of a page's score for `close` pairs near each other, and
/// `adjacent` pairs in a row, of a query's `pairs`.
pub fn factor(close: usize, adjacent: usize, pairs: usize) -> f32 {
    if pairs == 0 {
        1.0
    } else {
        1.0 + (WEIGHT * close as f32 + ADJACENT_WEIGHT * adjacent as f32) / pairs as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_keep_four_letters_at_least() {
        assert_eq!(head("releases"), "releas");
        assert_eq!(head("class"), "clas");
        assert_eq!(head("apis"), "apis");
        assert_eq!(head("embauchee"), "embauch");
    }

    #[test]
    fn pairs_are_close_in_one_sentence() {
        let h = heads(&["publishing", "release"]);
        assert_eq!(pairs(&h, &["We publish every release at once."]).0, 0, "publish does not begin with publishi");
        assert_eq!(pairs(&h, &["Simultaneous publishing of all releases."]).0, 1);
        assert_eq!(pairs(&h, &["Publishing is slow.", "Every release waits."]).0, 1, "two sentences in a row are near");
        assert_eq!(pairs(&h, &["Publishing is slow.", "Nothing.", "Every release waits."]).0, 0, "farther is not");
        assert_eq!(factor(1, 0, 1), 1.0 + WEIGHT);
        assert_eq!(factor(1, 1, 1), 1.0 + WEIGHT + ADJACENT_WEIGHT);
        assert_eq!(factor(0, 0, 0), 1.0);
    }

    #[test]
    fn pairs_are_in_a_row_within_the_span() {
        let h = heads(&["detectable", "releases", "requirement"]);
        assert_eq!(pairs(&h, &["the \"changes are detectable on all releases\" requirement"]).1, 2);
        assert_eq!(pairs(&h, &["detectable, as we said before, in releases"]).1, 0, "five words apart");
        assert_eq!(pairs(&h, &["releases detectable"]).1, 0, "in the query's order only");
        assert_eq!(pairs(&h, &["detectable", "releases"]).1, 0, "not across sentences");
        assert_eq!(pairs(&h, &["releases requirement", "detectable releases"]).1, 2, "each pair anywhere");
    }
}
