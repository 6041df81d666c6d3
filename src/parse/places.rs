//! Where in the front matter things are: the YAML reader's positions made
//! into the file's lines and columns, the place of a duplicate key, the
//! lines of top-level keys, and how deep the text nests before it is read.

use std::collections::HashMap;

/// How deep collections may nest in front matter. Real front matter
/// nests two or three levels; the YAML parser takes quadratic time on very
/// deep nesting, so anything deeper is refused before it is parsed.
pub const MAX_DEPTH: usize = 64;

/// Where the YAML text first nests deeper than [`MAX_DEPTH`]: flow brackets
/// outside quoted strings and comments, plus `- ` items opened on one line.
/// (0-based line, 1-based column.)
pub(super) fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut flow = 0usize;
    for (n, line) in yaml.lines().enumerate() {
        let mut dashes = 0;
        let mut rest = line.trim_start();
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix('-').filter(|r| r.is_empty())) {
            dashes += 1;
            rest = r.trim_start();
        }
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some('"'), '\\') if previous != '\\' => {}
                (Some(q), _) if c == q && !(q == '"' && previous == '\\') => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if previous == ' ' || matches!(previous, '[' | '{' | ',' | ':') => quote = Some(c),
                (None, '#') if previous == ' ' => break,
                (None, '[' | '{') => flow += 1,
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if flow + dashes > MAX_DEPTH {
                return Some((n, col + 1));
            }
            previous = if previous == '\\' && c == '\\' { ' ' } else { c };
        }
        if dashes > MAX_DEPTH {
            return Some((n, 1));
        }
    }
    None
}

/// Where a YAML error is, in lines of the file. The YAML reader also
/// breaks lines at a lone `\r`, U+0085, U+2028 and U+2029, which editors and
/// this file's numbering do not: with one of them in the text, the place is found again
/// from the error's offset (characters from the start), counting `\n` only.
pub(super) fn yaml_place(yaml: &str, line: usize, column: usize, index: usize) -> (usize, usize) {
    if !yaml.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return (line, column);
    }
    let offset = yaml.char_indices().nth(index).map_or(yaml.len(), |(i, _)| i);
    let before = &yaml[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// serde_yaml places a duplicate key at the start of its mapping; the reader
/// wants the second time the key is written. Looks from the mapping's line
/// (1-based) for lines at the mapping's column that write the key.
pub(super) fn duplicate_key_place(yaml: &str, message: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let marker = "duplicate entry with key ";
    let key = message[message.find(marker)? + marker.len()..].trim_matches('"');
    let indent = column.saturating_sub(1);
    let mut seen = 0;
    for (n, text) in yaml.lines().enumerate().skip(line.saturating_sub(1)) {
        let here = text.len() - text.trim_start().len();
        if here == indent && key_of(text.trim_start()) == Some(key) {
            seen += 1;
            if seen == 2 {
                return Some((n + 1, column));
            }
        }
    }
    None
}

/// Top-level keys of the lines `start..end`: the least-indented `key:` lines.
pub(super) fn top_level_keys(lines: &[&str], start: usize, end: usize) -> HashMap<String, usize> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let min_indent =
        (start..end).map(|i| lines[i]).filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')).map(indent).min().unwrap_or(0);
    let mut keys = HashMap::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        if indent(line) != min_indent {
            continue;
        }
        if let Some(k) = key_of(line.trim_start()) {
            keys.entry(k.to_string()).or_insert(i);
        }
    }
    keys
}

/// The key of a `key: value` line.
pub(super) fn key_of(line: &str) -> Option<&str> {
    if line.starts_with(['-', '#', ' ']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}
