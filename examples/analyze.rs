//! Prints the folded stems of words, one word a line: a way to see what
//! the shared analysis does (`cargo run --example analyze -- fr embauchés`).
fn main() {
    let mut args = std::env::args().skip(1);
    let lang = cahier::text::analysis::Lang::from_code(&args.next().unwrap_or_else(|| "fr".into()));
    for word in args {
        println!("{word}\t{}", cahier::text::analysis::stems(&word, lang).join(" "));
    }
}
