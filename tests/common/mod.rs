//! Shared helpers of the integration tests: build fixture sites with the
//! real pipeline, and look into the results.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use cahier::pipeline::{self, Compiled, Options};
use cahier::Diagnostic;
use chrono::NaiveDate;

/// The date every test builds for, so that expiry and overdue are stable.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites").join(name)
}

pub fn options(root: &Path, out: &Path) -> Options {
    let mut o = Options::new(root);
    o.out = out.to_path_buf();
    o.today = today();
    // Tests run in parallel: none of them shares a search cache.
    o.search_cache = None;
    o
}

/// Runs every stage but write on a fixture.
pub fn compile(name: &str) -> Compiled {
    let root = fixture(name);
    pipeline::compile(&options(&root, &root.join("public"))).unwrap_or_else(|_| panic!("{name} should compile"))
}

/// Builds a site folder into a fresh temporary output folder.
pub fn build_dir(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    if let Err((_, diags)) = pipeline::build(&options(root, &out)) {
        panic!("build of {} failed: {diags:#?}", root.display());
    }
    (tmp, out)
}

pub fn build(name: &str) -> (tempfile::TempDir, PathBuf) {
    build_dir(&fixture(name))
}

pub fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The one diagnostic with this code in this file.
pub fn diag<'a>(diags: &'a [Diagnostic], code: &str, file: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code.as_str() == code && d.file == file).collect();
    assert_eq!(found.len(), 1, "expected one {code} in {file}, got {found:#?}\nall: {diags:#?}");
    found[0]
}

/// Writes a small site into a temporary folder: (path, text) pairs.
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

/// Compiles a temporary site.
pub fn compile_dir(root: &Path) -> Compiled {
    pipeline::compile(&options(root, &root.join("public"))).expect("site should compile")
}

/// The text of an HTML page's `<main>`, for assertions on what people read.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>");
    &html[start..end]
}

/// Runs the real `cahier` binary in `dir`.
pub fn cahier(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_cahier")).args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("cahier runs")
}

/// Copies a site folder, without what builds leave in it (the cache, which
/// other tests may be writing at the same time, and the output).
pub fn copy_dir(from: &Path, to: &Path) {
    let skipped = |e: &walkdir::DirEntry| e.depth() == 1 && matches!(e.file_name().to_str(), Some(".cahier-cache" | "public"));
    for entry in walkdir::WalkDir::new(from).into_iter().filter_entry(|e| !skipped(e)) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file of a folder with its bytes, to compare two states.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

/// A real register of `tests/registers/`, and what the search reaches on
/// its 80 questions today, in the terminal (`tests/registers.rs`) and in
/// the browser (`the_registers_in_chromium`) alike (README, "Search
/// relevance"); the issue's target is 76, with no kind below 18.
pub struct Register {
    pub name: &'static str,
    /// Its decisions and committees.
    pub pages: usize,
    /// Expected pages in the top 3, at least.
    pub total: usize,
    /// Expected pages in the top 3 of each kind of question, at least.
    pub per_kind: usize,
}

pub const REGISTERS: [Register; 4] = [
    Register { name: "peps", pages: 738, total: 74, per_kind: 18 },
    Register { name: "rfcs", pages: 639, total: 74, per_kind: 16 },
    Register { name: "keps", pages: 672, total: 75, per_kind: 18 },
    Register { name: "eips", pages: 585, total: 69, per_kind: 13 },
];

/// The real register `tests/registers/NAME.tar.xz` (one of `REGISTERS`),
/// unpacked in a temporary folder.
pub fn register_site(name: &str) -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    let archive = repo.join(format!("tests/registers/{name}.tar.xz"));
    let untar = std::process::Command::new("tar").arg("-xJf").arg(&archive).arg("-C").arg(site.path()).status();
    assert!(untar.is_ok_and(|s| s.success()), "tar -xJf {} (is xz-utils installed?)", archive.display());
    site
}

/// A relevance question of `tests/registers/NAME.yaml`.
#[derive(serde::Deserialize)]
pub struct Question {
    pub kind: String,
    pub query: String,
    pub expect: String,
}

pub fn register_questions(name: &str) -> Vec<Question> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    serde_yaml::from_str(&std::fs::read_to_string(repo.join(format!("tests/registers/{name}.yaml"))).unwrap()).unwrap()
}

/// The terminal's search over a compiled site, in a temporary folder.
pub fn searcher(compiled: &Compiled) -> (tempfile::TempDir, cahier::search::engine::Searcher) {
    let index = tempfile::tempdir().unwrap();
    cahier::search::engine::refresh_at(index.path(), &compiled.docs).unwrap();
    let searcher = cahier::search::engine::Searcher::open_at(index.path()).unwrap();
    (index, searcher)
}
