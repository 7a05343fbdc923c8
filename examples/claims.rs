//! Prints the claims the engine extracts from one article, as debug records:
//! `cargo run --example claims -- ARTICLE`. A tool for tuning extraction, not part of the product.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run --example claims -- ARTICLE");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("{path}: cannot read");
        std::process::exit(2);
    };
    let doc = crosscheck::engine::SourceDoc::new(path.clone(), path, text);
    for claim in &doc.extraction.claims {
        println!("{:?} {:?}", claim.span.slice(&doc.text), claim.kind);
    }
}
