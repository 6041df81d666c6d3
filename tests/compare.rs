//! The point-in-time rule is written twice, in Rust
//! (`resolve::changes::between`, which `cahier report` and the page as
//! written use) and in the browser (`register-changes.js`, on the data
//! `/decisions/changes/data.js` carries). Like the search golden test, this
//! holds both to the same answers: on every decision of the example site
//! and of a generated site, at 50 random pairs of dates and 20 that start and end on days
//! something happened.

mod common;

use std::path::Path;
use std::process::Command;

use cahier::output::Content;
use cahier::pipeline::Compiled;
use cahier::resolve::changes::between;
use chrono::{Days, NaiveDate};
use serde_json::{json, Value};

/// The changes in Rust, named by ids, in the form the script prints.
fn rust_answer(compiled: &Compiled, from: NaiveDate, to: NaiveDate) -> Value {
    let site = compiled.site.as_ref().unwrap();
    let id = |g| site.pages[site.main(g)].id.as_str().to_string();
    let c = between(&site.register, from, to);
    let how = cahier::render::changes::ended_key;
    json!({
        "entered": c.entered.iter().map(|&g| id(g)).collect::<Vec<_>>(),
        "left": c.left.iter().map(|l| json!([id(l.decision), l.on.to_string(), how(l.how), l.by.iter().map(|&g| id(g)).collect::<Vec<_>>()])).collect::<Vec<_>>(),
        "amended": c.amended.iter().map(|a| json!([id(a.decision), id(a.by)])).collect::<Vec<_>>(),
        "pending": c.pending.iter().map(|&g| id(g)).collect::<Vec<_>>(),
    })
}

/// The same from the theme's script, run by Node on the site's data.js.
const RUN: &str = r#"
const fs = require("fs");
const { changesBetween } = require(process.argv[1]);
global.window = {};
eval(fs.readFileSync(process.argv[2], "utf8"));
const d = window.cahierRegister.d;
const pairs = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const id = (i) => d[i][0];
console.log(JSON.stringify(pairs.map(([from, to]) => {
  const c = changesBetween(d, from, to);
  return {
    entered: c.entered.map(id),
    left: c.left.map((x) => [id(x.i), x.on, x.how, x.by.map(id)]),
    amended: c.amended.map((x) => [id(x.i), id(x.by)]),
    pending: c.pending.map(id),
  };
})));
"#;

/// 50 pairs of days around the register's dates, from a fixed seed.
fn pairs(compiled: &Compiled, seed: u64) -> Vec<(NaiveDate, NaiveDate)> {
    let site = compiled.site.as_ref().unwrap();
    let dates: Vec<NaiveDate> = site.register.records.values().map(|r| r.date).collect();
    let first = *dates.iter().min().unwrap() - Days::new(400);
    let span = (*dates.iter().max().unwrap() - first).num_days() as u64 + 800;
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % span
    };
    let mut pairs: Vec<(NaiveDate, NaiveDate)> = (0..50)
        .map(|_| {
            let (a, b) = (first + Days::new(next()), first + Days::new(next()));
            (a.min(b), a.max(b))
        })
        .collect();
    // And 20 whose ends fall on days something happened, where an
    // inclusive bound and an exclusive one differ.
    let days: Vec<NaiveDate> = site.register.records.values().flat_map(|r| [Some(r.date), r.ended]).flatten().collect();
    for _ in 0..20 {
        let (a, b) = (days[next() as usize % days.len()], days[next() as usize % days.len()]);
        pairs.push((a.min(b), a.max(b)));
    }
    pairs
}

fn agree(compiled: &Compiled, seed: u64, what: &str) {
    let data =
        compiled.outputs.iter().find(|o| o.path == Path::new("decisions/changes/data.js")).expect("the comparison's data is written");
    let Content::Bytes(bytes) = &data.content else { panic!("data.js is made in memory") };
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("data.js"), bytes).unwrap();
    let pairs = pairs(compiled, seed);
    let as_text: Vec<[String; 2]> = pairs.iter().map(|(a, b)| [a.to_string(), b.to_string()]).collect();
    std::fs::write(tmp.path().join("pairs.json"), serde_json::to_string(&as_text).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/register-changes.js");
    let run = Command::new("node")
        .args(["-e", RUN])
        .arg(&script)
        .arg(tmp.path().join("data.js"))
        .arg(tmp.path().join("pairs.json"))
        .output()
        .expect("node runs (the browser tests need it too)");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let browser: Vec<Value> = serde_json::from_slice(&run.stdout).unwrap();
    let mut changes = 0;
    for (k, &(from, to)) in pairs.iter().enumerate() {
        let rust = rust_answer(compiled, from, to);
        assert_eq!(browser[k], rust, "{what}: the browser and Rust disagree from {from} to {to}");
        changes += ["entered", "left", "amended", "pending"].iter().map(|l| rust[l].as_array().unwrap().len()).sum::<usize>();
    }
    // The pairs must find something to compare.
    assert!(changes > 50, "{what}: only {changes} changes in 50 pairs");
}

#[test]
fn the_browser_and_rust_agree_on_the_example_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled = common::compile_dir(root);
    agree(&compiled, 11, "example site");
}

#[test]
fn the_browser_and_rust_agree_on_a_generated_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_corpus.py");
    let run = Command::new("python3").arg(gen).args(["--pages", "600", "--seed", "5", "--out"]).arg(&site).output().expect("python3 runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let compiled = common::compile_dir(&site);
    agree(&compiled, 12, "generated site");
}

#[test]
fn the_page_as_written_shows_the_comparison_since_the_last_assembly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let compiled = common::compile_dir(root);
    let site = compiled.site.as_ref().unwrap();
    let from = cahier::resolve::changes::since_last_assembly(site).expect("the example records general assemblies");
    let page = compiled.outputs.iter().find(|o| o.path == Path::new("decisions/changes/index.html")).unwrap();
    let Content::Bytes(html) = &page.content else { panic!() };
    let html = String::from_utf8_lossy(html);
    assert!(html.contains(&format!("name=\"from\" value=\"{from}\"")), "defaults to the last assembly, {from}");
    assert!(html.contains(&format!("name=\"to\" value=\"{}\"", site.today)));
    let c = between(&site.register, from, site.today);
    let count = |list: &str| {
        let needle = format!("data-count=\"{list}\">");
        let at = html.find(&needle).unwrap() + needle.len();
        html[at..].split('<').next().unwrap().parse::<usize>().unwrap()
    };
    assert_eq!(
        (count("entered"), count("left"), count("amended"), count("pending")),
        (c.entered.len(), c.left.len(), c.amended.len(), c.pending.len())
    );
}
