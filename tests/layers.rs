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
    &["new", "serve"],
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
