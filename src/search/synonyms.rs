//! Topic names as synonyms: a query word that names a topic (its id, a
//! label in any language, an alias from `site.yaml`) also finds the pages
//! filed under that topic, whether or not their text has the word. A query
//! for "recrutement" finds decisions on the topic `embauche` that say
//! "embaucher" or "poste". Shared by `cahier search` and the browser's index.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::text::analysis::{fold, is_stop, word_stems, words, Lang};

/// Folded words and their stems (French and English), each with the ids of
/// the topics it names.
#[derive(Debug, Clone, Default)]
pub struct Synonyms(BTreeMap<String, BTreeSet<String>>);

impl Synonyms {
    pub fn of(config: &Config) -> Synonyms {
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for topic in &config.topics.list {
            let names = std::iter::once(topic.id.replace(['-', '_', '/'], " "))
                .chain(topic.label.values().cloned())
                .chain(topic.aliases.iter().cloned());
            for name in names {
                for (_, word) in words(&name) {
                    let folded = fold(word);
                    if folded.chars().count() < 3 || is_stop(&folded, Lang::Fr) || is_stop(&folded, Lang::En) {
                        continue;
                    }
                    let keys = std::iter::once(folded.clone()).chain([Lang::Fr, Lang::En].into_iter().flat_map(|l| word_stems(word, l)));
                    for key in keys {
                        map.entry(key).or_default().insert(topic.id.clone());
                    }
                }
            }
        }
        Synonyms(map)
    }

    /// The topics a query word names: by its folded form, or by one of
    /// its stems.
    pub fn topics_of(&self, word: &str) -> BTreeSet<&str> {
        let folded = fold(word);
        let keys = std::iter::once(folded).chain([Lang::Fr, Lang::En].into_iter().flat_map(|l| word_stems(word, l)));
        keys.filter_map(|k| self.0.get(&k)).flatten().map(String::as_str).collect()
    }

    /// The whole table, for the browser's index.
    pub fn table(&self) -> &BTreeMap<String, BTreeSet<String>> {
        &self.0
    }
}
