//! Text utilities shared by every stage, at the bottom of the layers: the
//! word analysis of search and repeats (`analysis`), glossary terms found
//! in running text (`terms`), HTML escaping,
//! percent-decoding of URL paths, and removal of control characters from
//! text that leaves the program.

pub mod analysis;
pub mod terms;

use std::borrow::Cow;

/// A YAML string, quoted whenever plain style could change its meaning
/// (the front matter that `cahier new` and `cahier import` write).
pub fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_alphanumeric() || " -_./'’éèàç".contains(c))
        && !text.starts_with(['-', ' ', '\'', '.'])
        && !text.ends_with(' ')
        && !["true", "false", "yes", "no", "null", "~", "on", "off"].contains(&text.to_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    // Text is copied in runs between the characters that need an entity.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&text[done..]);
    out
}

/// Decodes the `%XX` escapes of a URL path. Escapes that do not make UTF-8
/// text, and a `%` not followed by two hex digits, are kept as written.
pub fn percent_decode(text: &str) -> String {
    match percent_encoding::percent_decode_str(text).decode_utf8() {
        Ok(decoded) => decoded.into_owned(),
        Err(_) => text.to_string(),
    }
}

/// Whether a character is a control character that has no place in a title,
/// a feed or a terminal: C0 and C1 controls and DEL, except tab and newline.
fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Text without its stray control characters (each becomes U+FFFD, so that
/// the reader sees that something was there). Borrowed when there are none,
/// which is nearly always.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_stray_control) {
        Cow::Owned(text.chars().map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// [`strip_controls`] for an owned text: no copy when there is nothing to
/// replace.
pub fn strip_controls_owned(text: String) -> String {
    match strip_controls(&text) {
        Cow::Owned(clean) => clean,
        Cow::Borrowed(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_with_colons_are_quoted() {
        assert_eq!(yaml_string("Budget: 2027"), "\"Budget: 2027\"");
        assert_eq!(yaml_string("yes"), "\"yes\"");
        assert_eq!(yaml_string("Gel des embauches"), "Gel des embauches");
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%C3%A9.md"), "a bé.md");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn percent_before_non_ascii_does_not_panic() {
        assert_eq!(percent_decode("100%-équipe.md"), "100%-équipe.md");
        assert_eq!(percent_decode("%aé.md"), "%aé.md");
        assert_eq!(percent_decode("%é"), "%é");
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(strip_controls("a\u{7}b\u{1b}[31m\tc\n"), "a\u{FFFD}b\u{FFFD}[31m\tc\n");
        assert!(matches!(strip_controls("plain"), Cow::Borrowed(_)));
    }
}
