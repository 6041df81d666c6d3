//! The query syntax shared by `cahier search` and the browser: words (a
//! page with more of them ranks higher), "phrases", `-excluded` words and
//! `prefix*`.

/// One part of a query, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Word(String),
    Phrase(Vec<String>),
    Exclude(String),
    Prefix(String),
}

/// Splits a query into its parts. Words are kept as typed; the analysis
/// (folding, stemming) happens where the parts are matched.
pub fn parse(query: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (inside, tail) = after.split_once('"').unwrap_or((after, ""));
            let words: Vec<String> = crate::text::analysis::words(inside).map(|(_, w)| w.to_string()).collect();
            match words.len() {
                0 => {}
                1 => parts.push(Part::Word(words[0].clone())),
                _ => parts.push(Part::Phrase(words)),
            }
            rest = tail.trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = rest[end..].trim_start();
        if let Some(word) = token.strip_prefix('-').filter(|w| !w.is_empty()) {
            parts.extend(crate::text::analysis::words(word).map(|(_, w)| Part::Exclude(w.to_string())));
        } else if let Some(prefix) = token.strip_suffix('*').filter(|w| !w.is_empty()) {
            let words: Vec<&str> = crate::text::analysis::words(prefix).map(|(_, w)| w).collect();
            if let Some((last, first)) = words.split_last() {
                parts.extend(first.iter().map(|w| Part::Word(w.to_string())));
                parts.push(Part::Prefix(last.to_string()));
            }
        } else {
            parts.extend(crate::text::analysis::words(token).map(|(_, w)| Part::Word(w.to_string())));
        }
    }
    parts
}

/// The query without its words of questions (`analysis::QUESTION_WORDS`),
/// unless nothing else would be left to search.
pub fn without_question_words(parts: Vec<Part>) -> Vec<Part> {
    let question = |p: &Part| matches!(p, Part::Word(w) if crate::text::analysis::is_question(&crate::text::analysis::fold(w)));
    let searchable = |p: &Part| !matches!(p, Part::Word(w) if is_stop_word(w)) && !matches!(p, Part::Exclude(_));
    if parts.iter().any(|p| searchable(p) && !question(p)) {
        parts.into_iter().filter(|p| !question(p)).collect()
    } else {
        parts
    }
}

/// Whether a query word is a stop word in either language.
pub fn is_stop_word(word: &str) -> bool {
    use crate::text::analysis::{fold, is_stop, Lang};
    let f = fold(word);
    is_stop(&f, Lang::Fr) || is_stop(&f, Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_query() {
        assert_eq!(
            parse("taux \"congés payés\" -2010 embau* l'économie"),
            vec![
                Part::Word("taux".into()),
                Part::Phrase(vec!["congés".into(), "payés".into()]),
                Part::Exclude("2010".into()),
                Part::Prefix("embau".into()),
                Part::Word("l".into()),
                Part::Word("économie".into()),
            ]
        );
        assert_eq!(parse("  "), vec![]);
        assert_eq!(parse("\"seul\""), vec![Part::Word("seul".into())]);
    }
}
