//! The lines of a log, classified by the syntax of its format: headings,
//! list items, lines that continue an item, ordinary text, and furniture
//! that says nothing (rules, magic words, comments, categories).

use super::markup::mediawiki_to_markdown;

/// The formats a log can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Mediawiki,
    Text,
}

impl Format {
    /// The format a file's extension suggests: `.wiki` and `.mediawiki` are
    /// MediaWiki, `.md` and `.markdown` Markdown, anything else plain text.
    pub fn of_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
            Some("wiki" | "mediawiki" | "mw") => Format::Mediawiki,
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// One line of a log. Texts are Markdown (MediaWiki's inline markup is
/// converted here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Blank,
    Heading {
        level: usize,
        text: String,
    },
    /// A list item; `depth` 1 is the outer list.
    Item {
        depth: usize,
        text: String,
    },
    /// Continues the item above (MediaWiki `*:`, an indented Markdown or
    /// text line, a wrapped text line).
    More(String),
    Text(String),
    /// Nothing a reader would call text: rules, `__TOC__`, comments,
    /// category links.
    Skip,
}

pub fn classify(format: Format, line: &str) -> Line {
    if line.trim().is_empty() {
        return Line::Blank;
    }
    let trimmed = line.trim();
    let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
    let rule = trimmed.len() >= 3 && trimmed.chars().all(|c| "-*_=".contains(c));
    if comment || rule {
        return Line::Skip;
    }
    match format {
        Format::Mediawiki => mediawiki(line),
        Format::Markdown => markdown(line),
        Format::Text => text(line),
    }
}

fn mediawiki(line: &str) -> Line {
    let trimmed = line.trim();
    if trimmed.starts_with("__") && trimmed.ends_with("__") {
        return Line::Skip;
    }
    let left = trimmed.chars().take_while(|&c| c == '=').count();
    let right = trimmed.chars().rev().take_while(|&c| c == '=').count();
    if left > 0 && right > 0 && left + right < trimmed.len() {
        let level = left.min(right);
        let inner = &trimmed[level..trimmed.len() - level];
        return Line::Heading { level, text: mediawiki_to_markdown(inner.trim_matches('=').trim()) };
    }
    let marker: String = line.chars().take_while(|c| "*#:;".contains(*c)).collect();
    let text = mediawiki_to_markdown(line[marker.len()..].trim());
    if text.is_empty() {
        return Line::Skip;
    }
    match marker.chars().next() {
        None => Line::Text(text),
        // `;` is a definition term, often a date over `:` definitions.
        Some(';') => Line::Text(text),
        Some(':') => Line::Item { depth: marker.len(), text },
        // `*:` or `#:` continues the item above on a new line.
        Some(_) if marker.contains(':') => Line::More(text),
        Some(_) => Line::Item { depth: marker.len(), text },
    }
}

/// The width of the indentation of a line, a tab counting four.
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// The text after a list marker (`-`, `*`, `+`, `•`, `1.`, `1)`), if the
/// line starts with one.
fn after_marker(trimmed: &str) -> Option<&str> {
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 && digits < 4 {
        trimmed[digits..].strip_prefix(['.', ')'])?
    } else {
        let c = trimmed.chars().next()?;
        if !"-*+•–".contains(c) {
            return None;
        }
        &trimmed[c.len_utf8()..]
    };
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

fn markdown(line: &str) -> Line {
    let trimmed = line.trim();
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if (1..7).contains(&hashes) && indent(line) < 4 && trimmed[hashes..].starts_with([' ', '\t']) {
        let text = trimmed[hashes..].trim().trim_end_matches('#').trim();
        return Line::Heading { level: hashes, text: text.to_string() };
    }
    if let Some(text) = after_marker(trimmed) {
        return Line::Item { depth: indent(line) / 2 + 1, text: text.to_string() };
    }
    if indent(line) >= 2 {
        Line::More(trimmed.to_string())
    } else {
        Line::Text(trimmed.to_string())
    }
}

/// Plain text: each line is an item; an indented line, or one that starts
/// in lowercase (a sentence wrapped by hand), continues the line above.
fn text(line: &str) -> Line {
    let trimmed = line.trim();
    if let Some(text) = after_marker(trimmed) {
        return Line::Item { depth: 1, text: text.to_string() };
    }
    if indent(line) > 0 || trimmed.chars().next().is_some_and(char::is_lowercase) {
        Line::More(trimmed.to_string())
    } else {
        Line::Item { depth: 1, text: trimmed.to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(depth: usize, text: &str) -> Line {
        Line::Item { depth, text: text.into() }
    }

    #[test]
    fn mediawiki_lines() {
        let c = |l| classify(Format::Mediawiki, l);
        assert_eq!(c("== 6 juillet 2010 (CT) =="), Line::Heading { level: 2, text: "6 juillet 2010 (CT)".into() });
        assert_eq!(c("=== '''Juillet''' 2010 ==="), Line::Heading { level: 3, text: "**Juillet** 2010".into() });
        assert_eq!(c("* '''Gel''' des embauches"), item(1, "**Gel** des embauches"));
        assert_eq!(c("## deuxième point"), item(2, "deuxième point"));
        assert_eq!(c("*: suite du point"), Line::More("suite du point".into()));
        assert_eq!(c("; 6 juillet 2010"), Line::Text("6 juillet 2010".into()));
        assert_eq!(c(": Gel des embauches"), item(1, "Gel des embauches"));
        for furniture in ["----", "__NOTOC__", "<!-- à relire -->", "[[Catégorie:Décisions]]"] {
            assert_eq!(c(furniture), Line::Skip, "{furniture}");
        }
        assert_eq!(c("   "), Line::Blank);
    }

    #[test]
    fn markdown_lines() {
        let c = |l| classify(Format::Markdown, l);
        assert_eq!(c("## 6 juillet 2010 ##"), Line::Heading { level: 2, text: "6 juillet 2010".into() });
        assert_eq!(c("#hashtag"), Line::Text("#hashtag".into()));
        assert_eq!(c("- Gel"), item(1, "Gel"));
        assert_eq!(c("12. Gel"), item(1, "Gel"));
        assert_eq!(c("  - détail"), item(2, "détail"));
        assert_eq!(c("  suite"), Line::More("suite".into()));
        assert_eq!(c("**6 juillet 2010**"), Line::Text("**6 juillet 2010**".into()));
        assert_eq!(c("***"), Line::Skip);
    }

    #[test]
    fn text_lines() {
        let c = |l| classify(Format::Text, l);
        assert_eq!(c("Gel des embauches."), item(1, "Gel des embauches."));
        assert_eq!(c("- Gel"), item(1, "Gel"));
        assert_eq!(c("jusqu'en décembre."), Line::More("jusqu'en décembre.".into()));
        assert_eq!(c("\tsuite"), Line::More("suite".into()));
        assert_eq!(Format::of_path("x/cahier.wiki".as_ref()), Format::Mediawiki);
        assert_eq!(Format::of_path("cahier.MD".as_ref()), Format::Markdown);
        assert_eq!(Format::of_path("cahier.txt".as_ref()), Format::Text);
    }
}
