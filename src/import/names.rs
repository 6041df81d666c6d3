//! Names found in a log's text: which committee a section heading names,
//! which topics an item's text speaks of.
//!
//! Both are matched as whole words with case and accents ignored: texts
//! and names become lists of folded words, and a name is found where its
//! words follow one another in the text. A plural `s` or `x` is ignored
//! too, on both sides, so that the topic `embauche` finds "les embauches"
//! and the alias `salaire` finds "salaires".

use crate::config::Topics;
use crate::text::analysis::{fold, words};

/// The words of a text as they are compared: folded, without a plural
/// ending.
pub fn folded_words(text: &str) -> Vec<String> {
    words(text).map(|(_, w)| singular(fold(w))).collect()
}

fn singular(mut word: String) -> String {
    if word.chars().count() > 3 && (word.ends_with('s') || word.ends_with('x')) && !word.ends_with("ss") {
        word.pop();
    }
    word
}

/// Where the words of `name` first follow one another in `text`, as a
/// word index.
fn position(text: &[String], name: &[String]) -> Option<usize> {
    if name.is_empty() || name.len() > text.len() {
        return None;
    }
    text.windows(name.len()).position(|w| w == name)
}

/// A committee and the names that designate it in a log.
#[derive(Debug, Clone)]
pub struct Body {
    /// What is written in `by:`.
    pub by: String,
    pub names: Vec<Vec<String>>,
}

impl Body {
    pub fn new(by: String, names: &[&str]) -> Body {
        let mut names: Vec<Vec<String>> = names.iter().map(|n| folded_words(n)).filter(|n| !n.is_empty()).collect();
        names.sort();
        names.dedup();
        Body { by, names }
    }
}

/// The committees of a site, with the names of `--map` first: a name the
/// user mapped wins over a committee's own id or title.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub list: Vec<Body>,
}

impl Bodies {
    /// The committee named in `text`: the name found first in it, the
    /// longest when two start at one word (`Comité de travail` rather than
    /// a committee called `Comité`), the first listed on a tie.
    pub fn named_in(&self, text: &str) -> Option<&Body> {
        let text = folded_words(text);
        let mut best: Option<(usize, std::cmp::Reverse<usize>, usize)> = None;
        for (i, body) in self.list.iter().enumerate() {
            for name in &body.names {
                if let Some(at) = position(&text, name) {
                    let key = (at, std::cmp::Reverse(name.len()), i);
                    if best.is_none_or(|b| key < b) {
                        best = Some(key);
                    }
                }
            }
        }
        best.map(|(_, _, i)| &self.list[i])
    }

    /// The folded words of `text` that are part of no body's name.
    pub fn unnamed_words(&self, text: &str) -> Vec<String> {
        let words = folded_words(text);
        let mut named = vec![false; words.len()];
        for name in self.list.iter().flat_map(|b| &b.names) {
            for (at, w) in words.windows(name.len()).enumerate() {
                if w == name.as_slice() {
                    named[at..at + name.len()].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        words.into_iter().zip(named).filter(|(_, named)| !named).map(|(w, _)| w).collect()
    }
}

/// Topic ids whose id, label (in any language) or alias is in `text`, in
/// the order of `site.yaml`.
pub fn guess_topics(topics: &Topics, text: &str) -> Vec<String> {
    let text = folded_words(text);
    topics
        .list
        .iter()
        .filter(|t| {
            let id = t.id.replace(['-', '_'], " ");
            std::iter::once(&id).chain(t.label.values()).chain(&t.aliases).any(|name| position(&text, &folded_words(name)).is_some())
        })
        .map(|t| t.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Topic;

    fn topics() -> Topics {
        let mut topics = Topics::default();
        for (id, fr, aliases) in [
            ("embauche", "Embauche et RH", vec!["recrutement", "rh"]),
            ("remuneration", "Rémunération", vec!["taux horaire", "salaire"]),
            ("lieu-de-travail", "Local", vec![]),
        ] {
            topics.push(Topic {
                id: id.into(),
                label: [("fr".to_string(), fr.to_string())].into(),
                parent: None,
                aliases: aliases.into_iter().map(String::from).collect(),
                description: Default::default(),
            });
        }
        topics
    }

    #[test]
    fn topics_are_whole_words_without_case_accents_or_plural() {
        let t = topics();
        assert_eq!(guess_topics(&t, "Gel des EMBAUCHES jusqu'en décembre"), ["embauche"]);
        assert_eq!(guess_topics(&t, "Le taux horaire passe à 20 $ ; les salaires suivent."), ["remuneration"]);
        assert_eq!(guess_topics(&t, "La rémunération des stagiaires"), ["remuneration"]);
        assert_eq!(guess_topics(&t, "Le lieu de travail change"), ["lieu-de-travail"]);
        assert!(guess_topics(&t, "Les rhubarbes du jardin; le taux de change").is_empty(), "parts of words and of names do not count");
    }

    #[test]
    fn the_first_and_longest_name_wins() {
        let bodies = Bodies {
            list: vec![
                Body::new("ct".into(), &["ct", "Comité de travail"]),
                Body::new("comite".into(), &["Comité"]),
                Body::new("ag".into(), &["ag", "Assemblée générale"]),
            ],
        };
        assert_eq!(bodies.named_in("6 juillet 2010, comite de travail").unwrap().by, "ct");
        assert_eq!(bodies.named_in("Comité du 6 juillet").unwrap().by, "comite");
        assert_eq!(bodies.named_in("AG extraordinaire (proposition du CT)").unwrap().by, "ag");
        assert_eq!(bodies.named_in("ASSEMBLEE GENERALE").unwrap().by, "ag");
        assert!(bodies.named_in("Réunion des pigistes").is_none());
        assert!(bodies.named_in("Les actes du colloque").is_none(), "`ct` inside a word is not the CT");
    }
}
