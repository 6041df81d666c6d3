//! A mutation fuzzer over the example site: each round damages a few files
//! (byte flips, deleted, doubled or swapped lines, lines spliced from one
//! file into another), runs what `cahier check --format json` runs, in
//! process, and asserts that nothing panics, that the JSON is valid, that
//! every diagnostic points inside its file, and that the exit status agrees
//! with the errors.
//!
//! Seeded, so a failure names the seed that replays it:
//! `CAHIER_FUZZ_SEED=<seed> CAHIER_FUZZ_ROUNDS=1 cargo test --test fuzz`.
//! A few hundred rounds run with the suite; `cargo test --release --test
//! fuzz -- --ignored` runs thousands before a release.

mod common;

use std::path::{Path, PathBuf};

use cahier::pipeline::{self, Failure};

/// xorshift64*: enough randomness for mutations, and no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that mean something to one of the parsers, and two that are not UTF-8.
const INTERESTING: &[u8] = b"-:[]{}#%|\n\r\"'`<>*!/\\ \t\x00\x1b\xc3\xff";

/// The files a round may damage: every source of the site, by path.
fn sources(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (e.path().strip_prefix(root).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.push((PathBuf::from("site.yaml"), std::fs::read(root.join("site.yaml")).unwrap()));
    files
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

/// Damages one file in place (splices read a second one); says what it did.
fn mutate(rng: &mut Rng, files: &mut [(PathBuf, Vec<u8>)], target: usize) -> String {
    let donor = rng.below(files.len());
    let (name, bytes) = (&files[target].0.display().to_string(), files[target].1.clone());
    let mut ls = lines(&bytes);
    let kind = rng.below(5);
    let out: Vec<u8> = match kind {
        0 if !bytes.is_empty() => {
            let mut b = bytes.clone();
            let at = rng.below(b.len());
            b[at] = if rng.below(3) == 0 { rng.next() as u8 } else { INTERESTING[rng.below(INTERESTING.len())] };
            return finish(files, target, b, format!("{name}: byte {at} changed"));
        }
        1 if !ls.is_empty() => {
            let at = rng.below(ls.len());
            ls.remove(at);
            ls.concat()
        }
        2 if !ls.is_empty() => {
            let at = rng.below(ls.len());
            let times = 1 + rng.below(3);
            for _ in 0..times {
                ls.insert(at, ls[at].clone());
            }
            ls.concat()
        }
        3 => {
            let from = lines(&files[donor].1);
            if from.is_empty() {
                return String::new();
            }
            let start = rng.below(from.len());
            let end = (start + 1 + rng.below(8)).min(from.len());
            let at = rng.below(ls.len() + 1);
            ls.splice(at..at, from[start..end].iter().cloned());
            ls.concat()
        }
        _ if ls.len() > 1 => {
            let (a, b) = (rng.below(ls.len()), rng.below(ls.len()));
            ls.swap(a, b);
            ls.concat()
        }
        _ => bytes.clone(),
    };
    finish(files, target, out, format!("{name}: mutation {kind}"))
}

fn finish(files: &mut [(PathBuf, Vec<u8>)], target: usize, bytes: Vec<u8>, what: String) -> String {
    files[target].1 = bytes;
    what
}

/// Runs `rounds` rounds from `seed` on a copy of the example site.
fn fuzz(seed: u64, rounds: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&example.join("content"), &root.join("content"));
    std::fs::copy(example.join("site.yaml"), root.join("site.yaml")).unwrap();
    let original = sources(&root);
    let mut rng = Rng(seed.max(1));
    for round in 0..rounds {
        let mut files = original.clone();
        let mut changed = Vec::new();
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let target = rng.below(files.len());
            what.push(mutate(&mut rng, &mut files, target));
            changed.push(target);
        }
        for &i in &changed {
            std::fs::write(root.join(&files[i].0), &files[i].1).unwrap();
        }
        let context = format!("seed {seed}, round {round}: {}", what.join("; "));
        check_round(&root, &files, &context);
        for &i in &changed {
            std::fs::write(root.join(&original[i].0), &original[i].1).unwrap();
        }
    }
}

/// One `check --format json`, in process, and what must hold of it.
fn check_round(root: &Path, files: &[(PathBuf, Vec<u8>)], context: &str) {
    let opts = common::options(root, &root.join("public"));
    let result = std::panic::catch_unwind(|| pipeline::compile(&opts));
    let compiled = match result {
        Ok(Ok(compiled)) => compiled,
        Ok(Err(Failure::Site)) => return,
        Ok(Err(Failure::Io(e))) => panic!("{context}: an I/O failure on a readable site: {e}"),
        Ok(Err(Failure::Template(e))) => panic!("{context}: a template error instead of a diagnostic: {e}"),
        Err(_) => panic!("{context}: check panicked"),
    };
    let json = cahier::report::render_json(&compiled.diagnostics);
    let list: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{context}: invalid JSON ({e}): {json}"));
    let list = list.as_array().unwrap_or_else(|| panic!("{context}: not an array"));
    let errors = list.iter().filter(|d| d["level"] == "error").count();
    let status = if errors > 0 { 1 } else { 0 };
    assert_eq!(status, i32::from(compiled.has_errors()), "{context}: exit status and errors disagree");
    for d in list {
        let file = d["file"].as_str().unwrap_or_else(|| panic!("{context}: no file in {d}"));
        let (line, column) = (d["line"].as_u64().unwrap_or(0) as usize, d["column"].as_u64().unwrap_or(0) as usize);
        assert!(line >= 1 && column >= 1, "{context}: {d}");
        assert!(!d["message"].as_str().unwrap_or("").is_empty() && d["code"].is_string(), "{context}: {d}");
        if let Some((_, bytes)) = files.iter().find(|(p, _)| p.to_str() == Some(file)) {
            let count = String::from_utf8_lossy(bytes).split(['\n', '\r']).count();
            assert!(line <= count + 1, "{context}: line {line} of {file}, which has {count}: {d}");
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn mutated_example_sites_get_diagnostics_not_panics() {
    let seed = env_number("CAHIER_FUZZ_SEED", 0x5eed_ca41);
    fuzz(seed, env_number("CAHIER_FUZZ_ROUNDS", 150) as usize);
}

#[test]
#[ignore = "thousands of rounds: run before a release, in release mode"]
fn mutated_example_sites_long_run() {
    for seed in 1..=4 {
        fuzz(seed * 7919, 500);
    }
}
