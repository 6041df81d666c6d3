//! The built example site in headless Chromium: HTML validity (Nu checker),
//! accessibility (axe-core), the register's filters and point in time,
//! navigation from `file://` (`tests/browser/run.mjs`), search in the
//! browser (`tests/browser/search.mjs`, `tests/browser/golden.mjs`), and the
//! language of its interface (`tests/browser/strings.mjs`).
//!
//! Needs Chromium (`apt-get install chromium chromium-driver`), Java, and
//! `npm ci --prefix tests/browser`: `bash .ci/run` installs them.

mod common;

use std::path::Path;
use std::process::Command;

fn node(script: &str, args: &[&Path]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules").is_dir(),
        "the browser tests need their Node packages: run `npm ci --prefix tests/browser` (or `bash .ci/run`, which also installs Chromium)"
    );
    assert!(
        Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some(),
        "the browser tests need Chromium: apt-get install chromium chromium-driver"
    );
    let out = Command::new("node").arg(dir.join(script)).args(args).output().expect("node runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{text}");
    assert!(out.status.success(), "{script} failed:\n{text}");
}

#[test]
fn example_site_in_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_tmp, out) = common::build_dir(root);
    node("run.mjs", &[&out]);
}

#[test]
fn search_in_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_tmp, out) = common::build_dir(root);
    node("search.mjs", &[&out]);
}

#[test]
fn browser_query_handling_meets_the_golden_list() {
    let (_tmp, out) = common::build("golden");
    node("golden.mjs", &[&out]);
}

#[test]
fn search_speaks_the_language_of_its_page() {
    let (_tmp, out) = common::build("search-strings");
    node("strings.mjs", &[&out]);
}
