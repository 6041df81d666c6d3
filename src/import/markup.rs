//! Inline markup of a log's lines: MediaWiki's turned into Markdown for the
//! decision's text, and any markup taken away where plain words are needed
//! (a title, a line that might be a date).

/// MediaWiki inline markup as Markdown: `'''bold'''`, `''italic''`,
/// `[[Page|label]]`, `[https://x label]`. Wiki links become their label:
/// they name pages of the old wiki, which the new site does not have, and a
/// link to a missing page would fail the build.
pub fn mediawiki_to_markdown(line: &str) -> String {
    let emphasis = line.replace("'''''", "***").replace("'''", "**").replace("''", "*");
    let internal = replace_spans(&emphasis, "[[", "]]", |inside| {
        let (target, label) = inside.split_once('|').unwrap_or((inside, inside));
        let namespace = target.split_once(':').map(|(ns, _)| ns.trim().to_lowercase());
        // Categories and files are the old wiki's furniture, not text.
        if namespace.is_some_and(|ns| ["catégorie", "categorie", "category", "fichier", "file", "image"].contains(&ns.as_str())) {
            String::new()
        } else {
            label.trim().to_string()
        }
    });
    replace_spans(&internal, "[", "]", |inside| {
        let (url, label) = inside.split_once(' ').unwrap_or((inside, ""));
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return format!("[{inside}]");
        }
        if label.trim().is_empty() {
            format!("<{url}>")
        } else {
            format!("[{}]({url})", label.trim())
        }
    })
}

/// Each `open … close` span of `text` replaced by `f(inside)`; an unclosed
/// `open` is kept as written.
fn replace_spans(text: &str, open: &str, close: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(close) else { break };
        out.push_str(&rest[..start]);
        out.push_str(&f(&after[..end]));
        rest = &after[end + close.len()..];
    }
    out.push_str(rest);
    out
}

/// The words of a Markdown line without its markup: emphasis markers,
/// links reduced to their label, wiki links to their label or target.
pub fn plain(markdown: &str) -> String {
    let wiki = replace_spans(markdown, "[[", "]]", |inside| inside.split_once('|').map_or(inside, |(_, label)| label).to_string());
    let links = replace_spans(&wiki, "](", ")", |_| "]".to_string()).replace(['[', ']'], "");
    let autolinks = replace_spans(&links, "<http", ">", |inside| format!("http{inside}"));
    let mut out = autolinks.replace("**", "").replace("__", "").replace('`', "");
    // Single `*` or `_` around words are emphasis; inside a word (`snake_case`)
    // an underscore is text.
    out = strip_single(&out, '*');
    strip_single(&out, '_')
}

fn strip_single(text: &str, marker: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            if c != marker {
                return true;
            }
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
            let after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
            before && after
        })
        .map(|(_, &c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mediawiki_becomes_markdown() {
        assert_eq!(mediawiki_to_markdown("'''Gel''' des ''embauches''"), "**Gel** des *embauches*");
        assert_eq!(mediawiki_to_markdown("voir [[Procédure embauche|la procédure]] et [[Outils]]"), "voir la procédure et Outils");
        assert_eq!(mediawiki_to_markdown("[[Catégorie:Décisions]]"), "");
        assert_eq!(mediawiki_to_markdown("sur [https://framasoft.org Framasoft]"), "sur [Framasoft](https://framasoft.org)");
        assert_eq!(mediawiki_to_markdown("[https://framasoft.org]"), "<https://framasoft.org>");
        assert_eq!(mediawiki_to_markdown("[sic] et [[non fermé"), "[sic] et [[non fermé");
    }

    #[test]
    fn plain_words_of_markdown() {
        assert_eq!(plain("**Gel** des *embauches* : voir [la procédure](https://x.org/p)"), "Gel des embauches : voir la procédure");
        assert_eq!(plain("[[procedures/embauche|Procédure]] et snake_case"), "Procédure et snake_case");
        assert_eq!(plain("'''6 juillet 2010'''"), "'''6 juillet 2010'''", "MediaWiki is converted first");
    }
}
