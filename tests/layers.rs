//! The layers of `src/`, written once, here: a module may use only modules of
//! lower layers (and itself). Data flows one way through the pipeline, so a
//! use that points up is a loop that makes the code hard to change.
//! `ARCHITECTURE.md` describes the same order.

use std::path::Path;

/// From the bottom up. Modules on one layer do not use each other either.
const LAYERS: &[&[&str]] = &[
    // Text, positions, ids: no knowledge of pages.
    &["text", "id", "diagnostic"],
    // Typed values, no parsing logic; the output files; diagnostics printed.
    &["model", "config", "output", "report"],
    &["load"],
    &["parse"],
    // Every rule of the register.
    &["resolve"],
    // Formatting what resolve computed, for people and for search.
    &["render", "search"],
    &["write"],
    &["pipeline"],
    // Commands that are more than a pipeline call.
    &["new", "serve", "init", "import"],
    // Thin: arguments in, pipeline out.
    &["main"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level modules a piece of source text uses.
fn uses(text: &str, depth: usize) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for prefix in ["crate::", "cahier::"] {
            let mut rest = code;
            while let Some(i) = rest.find(prefix) {
                rest = &rest[i + prefix.len()..];
                if let Some(inside) = rest.strip_prefix('{') {
                    let group = inside.split('}').next().unwrap_or("");
                    found.extend(group.split(',').map(|m| m.trim().split("::").next().unwrap_or("").to_string()));
                } else {
                    found.push(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
                }
            }
        }
        // `super::super::x` from a file two folders down names a top-level module.
        if depth >= 2 {
            let climb = "super::".repeat(depth);
            let mut rest = code;
            while let Some(i) = rest.find(&climb) {
                rest = &rest[i + climb.len()..];
                found.push(rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect());
            }
        }
    }
    found.retain(|m| !m.is_empty() && layer(m).is_some());
    found
}

/// The uses of `text`, written in `module`, that point to its own layer or up.
fn violations(module: &str, text: &str, depth: usize) -> Vec<String> {
    let own = layer(module).unwrap_or_else(|| panic!("`{module}` has no layer: add it to LAYERS"));
    uses(text, depth)
        .into_iter()
        .filter(|m| m != module && layer(m).is_some_and(|l| l >= own))
        .map(|m| format!("`{module}` uses `{m}`"))
        .collect()
}

#[test]
fn every_module_uses_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let module = first.trim_end_matches(".rs");
        if module == "lib" {
            continue;
        }
        // A file's depth below its top-level module: `mod.rs` is the module itself.
        let depth = rel.components().count() - usize::from(rel.file_name().is_some_and(|n| n == "mod.rs"));
        let text = std::fs::read_to_string(path).unwrap();
        for v in violations(module, &text, depth.saturating_sub(1)) {
            problems.push(format!("{}: {v}", rel.display()));
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "uses that point up the layers:\n{}", problems.join("\n"));
}

#[test]
fn the_back_edges_of_the_first_version_would_fail() {
    let cases = [
        ("model", "use crate::parse::fields::Located;", 0),
        ("config", "use crate::parse::fields::{Fields, Located};", 0),
        ("resolve", "use crate::search::analysis::{stems, Lang};", 1),
        ("search", "let compiled = crate::pipeline::compile(&opts);", 1),
        ("search", "let d = super::super::render::context::page_date(page);", 2),
        ("search", "use crate::render::{Content, Output};", 1),
        ("render", "use crate::{search, model};", 1),
    ];
    for (module, line, depth) in cases {
        assert!(!violations(module, line, depth).is_empty(), "{module}: {line}");
    }
    assert!(violations("render", "use crate::{model, resolve::Site};", 1).is_empty());
    assert!(violations("resolve", "use super::index::Index;", 1).is_empty());
}

/// Files over 600 lines usually hold two concepts, and functions over 80
/// lines two steps: both are where changes get expensive. Counted on
/// rustfmt's layout: a function runs from its `fn` line to the closing
/// brace at the same indentation.
#[test]
fn files_and_functions_stay_small() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let name = entry.path().strip_prefix(&src).unwrap().display().to_string();
        if lines.len() > 600 {
            problems.push(format!("{name}: {} lines", lines.len()));
        }
        problems.extend(long_functions(&lines).into_iter().map(|(f, n)| format!("{name}: fn {f}: {n} lines")));
    }
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}

/// (name, length) of the functions longer than 80 lines.
fn long_functions(lines: &[&str]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let code = line.trim_start();
        let indent = line.len() - code.len();
        let after_vis = code.strip_prefix("pub ").or_else(|| code.strip_prefix("pub(crate) ")).unwrap_or(code);
        let after_const = after_vis.strip_prefix("const ").unwrap_or(after_vis);
        if let Some(rest) = after_const.strip_prefix("fn ").filter(|_| !line.trim_end().ends_with(';')) {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let close = format!("{}}}", " ".repeat(indent));
            let end = (i + 1..lines.len()).find(|&j| lines[j].starts_with(&close) && !lines[j][indent..].starts_with("} ")).unwrap_or(i);
            if end - i + 1 > 80 {
                out.push((name, end - i + 1));
            }
            i = end;
        }
        i += 1;
    }
    out
}

#[test]
fn a_long_function_is_seen() {
    let mut text = vec!["fn short() {", "}", "    pub fn long() {"];
    text.extend(std::iter::repeat_n("        x();", 85));
    text.push("    }");
    assert_eq!(long_functions(&text), vec![("long".to_string(), 87)]);
}
