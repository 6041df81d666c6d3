//! Times the shared analysis over a folder of Markdown files:
//! `cargo run --release --example analysis_speed -- DIR`.
fn main() {
    let dir = std::env::args().nth(1).expect("a folder");
    let texts: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    for round in 0..3 {
        let start = std::time::Instant::now();
        let tokens: usize = texts.iter().map(|t| cahier::text::analysis::analyze(t, cahier::text::analysis::Lang::Fr).len()).sum();
        println!("round {round}: {} MB, {tokens} tokens in {:?}", bytes / 1_000_000, start.elapsed());
    }
}
