//! Prints every claim the engine extracts from one article and the evidence it finds in the
//! others of the same folder: `cargo run --example explain -- seeds/000_6d7eafbd92b84179.txt`.
//! A tool for tuning the engine on real copy, not part of the product.

use crosscheck::engine::{analyze, Corpus, SourceDoc};
use std::path::Path;

fn main() {
    let Some(target) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run --example explain -- ARTICLE");
        std::process::exit(2);
    };
    let folder = Path::new(&target).parent().unwrap_or(Path::new("."));
    let mut corpus = Corpus::new();
    for path in crosscheck::files::walk_articles(folder, crosscheck::files::Limits::UNLIMITED).files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        corpus.insert(SourceDoc::new(path.display().to_string(), name, text));
    }
    let Some(analysis) = analyze(&corpus, &target) else {
        eprintln!("{target} is not an article of its folder");
        std::process::exit(2);
    };
    for report in &analysis.claims {
        let claim = &report.claim;
        let party = claim.attribution.as_ref().map_or("(as fact)".to_string(), |a| format!("({})", a.party));
        let texts: Vec<&str> = report.targets.iter().map(|t| t.text.as_str()).collect();
        let texts: Vec<String> = texts.iter().map(|t| t.chars().take(90).collect()).collect();
        println!("{texts:?} {party} about {}", claim.subject.describe());
        for target in &report.targets {
            for passage in &target.evidence {
                let short = |s: &str| s.chars().take(70).collect::<String>();
                println!("    {:?} by {}: {:?}", passage.relation, passage.cite(), short(&passage.matched));
            }
        }
    }
}
