//! Typed reading of a YAML mapping (front matter, inline decision blocks,
//! `site.yaml`), with the position of every key and value.
//!
//! serde_yaml gives positions only for syntax errors, so positions of keys
//! and values are found in the YAML text itself: top-level keys are lines
//! that start with `key:`, and a value is looked for from its key's line on.
//! Every getter reports a diagnostic for a bad value and goes on, so that one
//! run reports every problem of a file.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::places::{duplicate_key_place, key_of, too_deep, top_level_keys, yaml_place, MAX_DEPTH};
use crate::diagnostic::{closest, Code, Diagnostic, Located, Pos};

/// A YAML mapping being read into typed values.
pub struct Fields<'a> {
    file: &'a Path,
    lines: Vec<&'a str>,
    /// File line of the first YAML line.
    first_line: usize,
    /// YAML line range (0-based, end exclusive) this mapping is written in.
    region: (usize, usize),
    map: Mapping,
    key_lines: HashMap<String, usize>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Parses `yaml` (whose first line is line `first_line` of `file`) as a
    /// mapping. An empty text is an empty mapping.
    pub fn parse(file: &'a Path, yaml: &'a str, first_line: usize) -> Result<Fields<'a>, Diagnostic> {
        if let Some((line, column)) = too_deep(yaml) {
            return Err(Diagnostic::new(
                Code::YamlSyntax,
                file,
                Pos::new(first_line + line, column),
                format!("invalid YAML: nested more than {MAX_DEPTH} levels deep"),
            )
            .hint("front matter is a few `key: value` lines; check for a run of `[`, `{` or `- `"));
        }
        let value: Value = if yaml.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else {
            serde_yaml::from_str(yaml).map_err(|e| {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                let pos = match e.location() {
                    Some(l) => {
                        let (line, column) = duplicate_key_place(yaml, &message, l.line(), l.column())
                            .unwrap_or_else(|| yaml_place(yaml, l.line(), l.column(), l.index()));
                        Pos::new(first_line + line.saturating_sub(1), column)
                    }
                    None => Pos::new(first_line, 1),
                };
                Diagnostic::new(Code::YamlSyntax, file, pos, format!("invalid YAML: {message}"))
                    .hint("check the indentation, and quote values that contain `: ` or start with a special character")
            })?
        };
        let map = match value {
            Value::Mapping(map) => map,
            Value::Null => Mapping::new(),
            _ => {
                return Err(Diagnostic::new(
                    Code::BadValue,
                    file,
                    Pos::new(first_line, 1),
                    "front matter must be a mapping of `key: value` lines",
                ))
            }
        };
        let lines: Vec<&str> = yaml.lines().collect();
        let key_lines = top_level_keys(&lines, 0, lines.len());
        Ok(Fields { file, region: (0, lines.len()), lines, first_line, map, key_lines, diags: Vec::new() })
    }

    /// Reads a nested mapping (the value of `key`), sharing positions.
    fn nested(&self, key: &str, map: Mapping) -> Fields<'a> {
        let key_line = self.key_lines.get(key).copied();
        // `key: {a: 1, b: 2}` is written on the key's own line.
        let flow = key_line.filter(|&l| self.lines[l].split_once(':').is_some_and(|(_, v)| v.trim_start().starts_with(['{', '['])));
        let (start, end, key_lines) = match flow {
            Some(l) => (l, l + 1, HashMap::new()),
            None => {
                let start = key_line.map_or(self.region.0, |l| l + 1);
                let end = self.region_end_after(start);
                (start, end, top_level_keys(&self.lines, start, end))
            }
        };
        Fields {
            file: self.file,
            lines: self.lines.clone(),
            first_line: self.first_line,
            region: (start, end),
            map,
            key_lines,
            diags: Vec::new(),
        }
    }

    /// The end of the block of lines that starts at `start`: the next line
    /// indented no deeper than the line of its key.
    fn region_end_after(&self, start: usize) -> usize {
        let indent = |l: &str| l.len() - l.trim_start().len();
        let key_indent = start.checked_sub(1).and_then(|i| self.lines.get(i)).map_or(0, |l| indent(l));
        (start..self.region.1)
            .find(|&i| {
                let l = self.lines[i];
                !l.trim().is_empty() && indent(l) <= key_indent && !l.trim_start().starts_with('-')
            })
            .unwrap_or(self.region.1)
    }

    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// Where the mapping starts, for problems about a missing key.
    pub fn start_pos(&self) -> Pos {
        Pos::new(self.first_line + self.region.0, 1)
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Where `key` is written.
    pub fn key_pos(&self, key: &str) -> Pos {
        match self.key_lines.get(key) {
            Some(&line) => {
                let text = self.lines[line];
                let col = text.len() - text.trim_start().len() + 1;
                Pos::new(self.first_line + line, col)
            }
            None => self.start_pos(),
        }
    }

    /// Where the value `needle` of `key` is written (its key's position if
    /// it cannot be found).
    pub fn value_pos(&self, key: &str, needle: &str) -> Pos {
        let Some(&start) = self.key_lines.get(key) else {
            return self.find_in_region(&format!("{key}:"), needle).unwrap_or_else(|| self.start_pos());
        };
        let end = self.region_end_after(start + 1).max(start + 1);
        for i in start..end.min(self.lines.len()) {
            let line = self.lines[i];
            let from = if i == start { line.find(':').map_or(0, |c| c + 1) } else { 0 };
            if let Some(byte) = line[from..].find(needle) {
                let col = line[..from + byte].chars().count() + 1;
                return Pos::new(self.first_line + i, col);
            }
        }
        self.key_pos(key)
    }

    /// The first `needle` written after `after` on a line of the region (a
    /// flow mapping such as `follow_up: {due: 2020-13-01}`).
    fn find_in_region(&self, after: &str, needle: &str) -> Option<Pos> {
        (self.region.0..self.region.1.min(self.lines.len())).find_map(|i| {
            let line = self.lines[i];
            let from = line.find(after).map(|k| k + after.len())?;
            let byte = line[from..].find(needle)? + from;
            Some(Pos::new(self.first_line + i, line[..byte].chars().count() + 1))
        })
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn bad_value(&mut self, key: &str, value: &Value, expected: &str) {
        let shown = show(value);
        let pos = self.value_pos(key, &shown);
        let d = Diagnostic::new(
            Code::BadValue,
            self.file,
            pos,
            format!("`{key}` should be {expected}, found {}", if shown.is_empty() { "nothing".into() } else { format!("`{shown}`") }),
        );
        self.push(d);
    }

    /// Takes a raw value out of the mapping; a YAML null counts as absent.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        match self.map.remove(key) {
            Some(Value::Null) | None => None,
            Some(v) => Some(v),
        }
    }

    /// Puts a value back after a look (for keys read in two possible shapes).
    pub fn put_back(&mut self, key: &str, value: Value) {
        self.map.insert(Value::String(key.to_string()), value);
    }

    /// Reports `missing-field` for a required key.
    pub fn missing(&mut self, key: &str, what: &str) {
        let d = Diagnostic::new(Code::MissingField, self.file, self.start_pos(), format!("{what} needs `{key}`"))
            .hint(format!("add a line `{key}: …` to the front matter"));
        self.push(d);
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
        let value = self.take(key)?;
        match scalar_string(&value) {
            Some(s) => Some(s),
            None => {
                self.bad_value(key, &value, "a string");
                None
            }
        }
    }

    pub fn located_string(&mut self, key: &str) -> Option<Located<String>> {
        let value = self.string(key)?;
        let pos = self.value_pos(key, &value);
        Some(Located { value, pos })
    }

    pub fn required_string(&mut self, key: &str, what: &str) -> Option<String> {
        let value = self.string(key);
        if value.is_none() && !self.diags.iter().any(|d| d.code == Code::BadValue && d.message.starts_with(&format!("`{key}`"))) {
            self.missing(key, what);
        }
        value
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let value = self.take(key)?;
        let parsed = scalar_string(&value).and_then(|s| parse_date(&s));
        if parsed.is_none() {
            self.bad_value(key, &value, "a date written YYYY-MM-DD");
        }
        parsed
    }

    pub fn required_date(&mut self, key: &str, what: &str) -> Option<NaiveDate> {
        let present = self.has(key) && !matches!(self.map.get(key), Some(Value::Null));
        let value = self.date(key);
        if !present {
            self.missing(key, what);
        }
        value
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.take(key)?;
        match value {
            Value::Bool(b) => Some(b),
            other => {
                self.bad_value(key, &other, "true or false");
                None
            }
        }
    }

    pub fn int(&mut self, key: &str) -> Option<i64> {
        let value = self.take(key)?;
        match value.as_i64() {
            Some(n) => Some(n),
            None => {
                self.bad_value(key, &value, "a whole number");
                None
            }
        }
    }

    /// A number, whole or not.
    pub fn number(&mut self, key: &str) -> Option<f64> {
        let value = self.take(key)?;
        match value.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                self.bad_value(key, &value, "a number");
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(&mut self, key: &str, allowed: &[(&str, T)]) -> Option<T> {
        let value = self.take(key)?;
        let text = scalar_string(&value).unwrap_or_default();
        if let Some((_, t)) = allowed.iter().find(|(name, _)| *name == text) {
            return Some(*t);
        }
        let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
        let pos = self.value_pos(key, &show(&value));
        let d = Diagnostic::new(
            Code::BadValue,
            self.file,
            pos,
            format!("`{key}` should be one of {}, found `{}`", names.join(", "), show(&value)),
        )
        .maybe_hint(closest(&text, names.iter().copied()).map(|c| format!("did you mean `{c}`?")));
        self.push(d);
        None
    }

    /// A list of strings; a single string is read as a list of one.
    pub fn strings(&mut self, key: &str) -> Vec<Located<String>> {
        let Some(value) = self.take(key) else {
            return Vec::new();
        };
        let items = match value {
            Value::Sequence(items) => items,
            other if scalar_string(&other).is_some() => vec![other],
            other => {
                self.bad_value(key, &other, "a list");
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match scalar_string(&item) {
                Some(s) => {
                    let pos = self.value_pos(key, &s);
                    out.push(Located { value: s, pos });
                }
                None => self.bad_value(key, &item, "a list of strings"),
            }
        }
        out
    }

    /// A nested mapping, read with its own `Fields`.
    pub fn mapping(&mut self, key: &str) -> Option<Fields<'a>> {
        let value = self.take(key)?;
        match value {
            Value::Mapping(map) => Some(self.nested(key, map)),
            other => {
                self.bad_value(key, &other, "a mapping of `key: value` lines");
                None
            }
        }
    }

    /// A list of nested mappings (e.g. `topics:` in site.yaml).
    pub fn mappings(&mut self, key: &str) -> Vec<Fields<'a>> {
        let Some(value) = self.take(key) else {
            return Vec::new();
        };
        let Value::Sequence(items) = value else {
            self.bad_value(key, &value, "a list");
            return Vec::new();
        };
        let base = self.key_lines.get(key).map_or(self.region.0, |l| l + 1);
        let end = self.region_end_after(base);
        let starts: Vec<usize> = (base..end).filter(|&i| self.lines[i].trim_start().starts_with('-')).collect();
        let mut out = Vec::new();
        for (n, item) in items.into_iter().enumerate() {
            let Value::Mapping(map) = item else {
                self.bad_value(key, &item, "a list of mappings");
                continue;
            };
            let start = starts.get(n).copied().unwrap_or(base);
            let stop = starts.get(n + 1).copied().unwrap_or(end);
            let mut key_lines = HashMap::new();
            for i in start..stop {
                let line = self.lines[i].trim_start().trim_start_matches('-').trim_start();
                if let Some(k) = key_of(line) {
                    key_lines.entry(k.to_string()).or_insert(i);
                }
            }
            out.push(Fields {
                file: self.file,
                lines: self.lines.clone(),
                first_line: self.first_line,
                region: (start, stop),
                map,
                key_lines,
                diags: Vec::new(),
            });
        }
        out
    }

    /// Merges the diagnostics of a nested reader into this one.
    pub fn absorb(&mut self, nested: Fields<'_>) {
        self.diags.extend(nested.diags);
    }

    /// Ends the reading: every key left is unknown to the page's type. They
    /// are kept for templates (as `page.extra`), each with a warning that
    /// suggests the closest known key.
    pub fn finish(mut self, known: &[&str]) -> (serde_json::Map<String, serde_json::Value>, Vec<Diagnostic>) {
        let mut extra = serde_json::Map::new();
        let left: Vec<(Value, Value)> = std::mem::take(&mut self.map).into_iter().collect();
        for (k, v) in left {
            let key = scalar_string(&k).unwrap_or_else(|| show(&k));
            let pos = self.key_pos(&key);
            let d = Diagnostic::new(Code::UnknownKey, self.file, pos, format!("unknown key `{key}`")).hint(
                match closest(&key, known.iter().copied()) {
                    Some(c) => format!("did you mean `{c}`? (kept as page.extra.{key} for templates)"),
                    None => format!("known keys: {} (kept as page.extra.{key} for templates)", known.join(", ")),
                },
            );
            self.diags.push(d);
            extra.insert(key, serde_json::to_value(&v).unwrap_or(serde_json::Value::Null));
        }
        (extra, self.diags)
    }
}

/// A scalar as text (YAML numbers and booleans read as written). Control
/// characters written as YAML escapes (`"\u001b"`) are replaced here, the one
/// door every front-matter string comes through, so that no feed, page or
/// terminal ever receives them.
pub fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(crate::text::strip_controls(s).into_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A short text showing a value in a message.
fn show(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        other => scalar_string(other)
            .unwrap_or_else(|| serde_yaml::to_string(other).unwrap_or_default().trim().lines().next().unwrap_or("").to_string()),
    }
}

/// `YYYY-MM-DD`, strictly.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.len() != 10 || t.as_bytes()[4] != b'-' || t.as_bytes()[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_keys_and_values() {
        let yaml = "title: Gel\ntopics:\n  - embauche\n  - croissance\ndate: 2010-13-01\n";
        let mut f = Fields::parse(Path::new("a.md"), yaml, 2).unwrap();
        assert_eq!(f.key_pos("date"), Pos::new(6, 1));
        let topics = f.strings("topics");
        assert_eq!(topics[1].value, "croissance");
        assert_eq!(topics[1].pos, Pos::new(5, 5));
        assert_eq!(f.date("date"), None);
        assert_eq!(f.diags[0].code, Code::BadValue);
        assert_eq!((f.diags[0].line, f.diags[0].column), (6, 7));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let file = Path::new("x.md");
        let deep = format!("title: a\nx: {}\n", "[".repeat(100_000));
        let e = Fields::parse(file, &deep, 2).err().unwrap();
        assert_eq!((e.code, e.line, e.column), (Code::YamlSyntax, 3, 3 + MAX_DEPTH + 1));
        let dashes = format!("x:\n{}1\n", "- ".repeat(1000));
        assert_eq!(Fields::parse(file, &dashes, 2).err().unwrap().line, 3);
        let fine = format!("title: \"[[[[{}\"\nx: [[1, 2], [3]] # {}\n", "[".repeat(200), "{".repeat(200));
        assert!(Fields::parse(file, &fine, 2).is_ok());
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let file = Path::new("x.md");
        let e = Fields::parse(file, "title: a\ndate: 2020-01-01\ntitle: b\n", 2).err().unwrap();
        assert_eq!((e.line, e.column), (4, 1));
        let e = Fields::parse(file, "title: a\nfollow_up:\n  due: 2020-01-01\n  due: 2020-02-02\n", 2).err().unwrap();
        assert_eq!((e.line, e.column), (5, 3));
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let yaml = "title: ok\nbad: [unclosed\n";
        let d = Fields::parse(Path::new("a.md"), yaml, 2).err().unwrap();
        assert_eq!(d.code, Code::YamlSyntax);
        assert!(d.line >= 3, "line {}", d.line);
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let yaml = "title: x\nsupercedes: [a]\n";
        let mut f = Fields::parse(Path::new("a.md"), yaml, 2).unwrap();
        f.string("title");
        let (extra, diags) = f.finish(&["title", "supersedes"]);
        assert!(extra.contains_key("supercedes"));
        assert_eq!(diags[0].code, Code::UnknownKey);
        assert_eq!(diags[0].line, 3);
        assert!(diags[0].hint.as_deref().unwrap().contains("`supersedes`"));
    }

    #[test]
    fn list_of_mappings_keep_their_lines() {
        let yaml = "topics:\n  - id: a\n    label: A\n  - id: b\n    parent: zz\n";
        let mut f = Fields::parse(Path::new("site.yaml"), yaml, 1).unwrap();
        let items = f.mappings("topics");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].value_pos("parent", "zz"), Pos::new(5, 13));
    }
}
