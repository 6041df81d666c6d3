//! A decision's title made from its text: the first sentence, in plain
//! words, shortened at a word boundary to a readable length.

use super::markup::plain;

/// Titles stay under this many characters, an ellipsis included: a list
/// of decisions is read line by line, and a longer title is a paragraph.
pub const MAX_TITLE: usize = 80;

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: [&str; 16] =
    ["etc", "ex", "env", "art", "no", "cf", "mme", "mmes", "mm", "st", "vs", "dr", "approx", "min", "max", "p"];

/// The title of a decision whose text is `markdown`: its first sentence,
/// without the final period, cut to fewer than [`MAX_TITLE`] characters at
/// a word boundary (an ellipsis shows the cut), starting with a capital.
pub fn title(markdown: &str) -> String {
    let words = plain(markdown).split_whitespace().collect::<Vec<_>>().join(" ");
    let sentence = first_sentence(&words).trim_end_matches(['.', ':', ';', ',', ' ', '-', '–', '—']);
    let short = shorten(sentence);
    let mut chars = short.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text up to the first sentence end: `.`, `!`, `?` or `…` followed by
/// a space and a word that does not start in lowercase, and not after an
/// abbreviation (`etc.`, `M.`, `p. ex.`).
fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let Some(&(_, next)) = chars.get(k + 1) else { break };
        let starts_sentence = chars.get(k + 2).is_none_or(|&(_, c)| !c.is_lowercase());
        if next != ' ' || !starts_sentence {
            continue;
        }
        let word = text[..i].rsplit(' ').next().unwrap_or("");
        let abbreviation =
            c == '.' && (word.chars().count() == 1 || word.contains('.') || ABBREVIATIONS.contains(&word.to_lowercase().as_str()));
        if !abbreviation {
            let end = if c == '.' { i } else { i + c.len_utf8() };
            return &text[..end];
        }
    }
    text
}

/// `text` if it is short enough, else its first words and `…`.
fn shorten(text: &str) -> String {
    if text.chars().count() < MAX_TITLE {
        return text.to_string();
    }
    let room = MAX_TITLE - 2;
    let mut out = String::new();
    for word in text.split(' ') {
        let wanted = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if wanted > room {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than a title (a URL): cut inside it.
        out = text.chars().take(room).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '-', '–', '—', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_without_its_period() {
        assert_eq!(title("Gel des embauches. Les pigistes continuent."), "Gel des embauches");
        assert_eq!(title("**Gel** des embauches jusqu'en décembre"), "Gel des embauches jusqu'en décembre");
        assert_eq!(title("on ferme le bureau entre Noël et le jour de l'an."), "On ferme le bureau entre Noël et le jour de l'an");
        assert_eq!(title("Achat de vis, écrous, etc. pour le local. Budget 200 $."), "Achat de vis, écrous, etc. pour le local");
        assert_eq!(title("M. Tremblay devient comptable. Il commence lundi."), "M. Tremblay devient comptable");
        assert_eq!(title("Le taux passe à 18.50 $ de l'heure."), "Le taux passe à 18.50 $ de l'heure");
        assert_eq!(title("On garde IRC ? Oui. On le garde."), "On garde IRC ?");
        assert_eq!(title("Nouveau serveur :\n- deux disques"), "Nouveau serveur : - deux disques");
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let text = "Le comité de travail décide que toute personne pigiste qui travaille depuis plus de six mois \
                    avec la coopérative peut demander à devenir membre travailleuse, après un entretien.";
        let t = title(text);
        assert!(t.chars().count() < MAX_TITLE, "{t}: {}", t.chars().count());
        assert!(t.ends_with('…') && !t.contains(" …"), "{t}");
        let kept = t.trim_end_matches('…');
        assert!(text.starts_with(kept) && text[kept.len()..].starts_with(' '), "whole words: {t}");
        let url = format!("https://example.org/{}", "x".repeat(200));
        assert_eq!(title(&url).chars().count(), MAX_TITLE - 1);
    }
}
