//! Prints every claim the engine extracts from one article and the evidence it finds in the
//! other articles: `cargo run --example explain -- ARTICLE [FOLDER]...` (the article's own folder
//! by default). With `RUST_LOG=crosscheck=trace`, each comparison's alignment scores go to
//! stderr. A tool for tuning the engine on real copy, not part of the product.

use crosscheck::engine::{analyze, Corpus, SourceDoc};
use std::path::Path;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .without_time()
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().cloned() else {
        eprintln!("usage: cargo run --example explain -- ARTICLE [FOLDER]...");
        std::process::exit(2);
    };
    let own_folder = Path::new(&target).parent().unwrap_or(Path::new(".")).to_path_buf();
    let folders: Vec<std::path::PathBuf> =
        if args.len() > 1 { args[1..].iter().map(Into::into).collect() } else { vec![own_folder] };
    let mut corpus = Corpus::new();
    let mut read = |path: &Path| {
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        corpus.insert(SourceDoc::new(path.display().to_string(), name, text));
    };
    for folder in &folders {
        for path in crosscheck::files::walk_articles(folder, crosscheck::files::Limits::UNLIMITED).files {
            read(&path);
        }
    }
    read(Path::new(&target));
    let Some(analysis) = analyze(&corpus, &target) else {
        eprintln!("{target} could not be analysed");
        std::process::exit(2);
    };
    for report in &analysis.claims {
        let claim = &report.claim;
        let party = claim.attribution.as_ref().map_or("(as fact)".to_string(), |a| format!("({})", a.party));
        let kind = match &claim.kind {
            crosscheck::engine::claim::ClaimKind::Quote(quote) => {
                format!("Quote of {}", quote.person.as_deref().unwrap_or("no named person"))
            }
            other => format!("{other:?}").chars().take(40).collect::<String>(),
        };
        let texts: Vec<String> = report.targets.iter().map(|t| t.text.chars().take(90).collect()).collect();
        println!("{texts:?} {party} {kind}");
        for target in &report.targets {
            for passage in target.evidence.iter() {
                let short = |s: &str| s.chars().take(90).collect::<String>();
                println!("    {:?} by {}: {:?}", passage.relation, passage.cite(), short(&passage.matched));
            }
        }
    }
    for finding in &analysis.findings {
        println!("{:?} {}: {}", finding.severity, finding.code.as_str(), finding.message);
    }
}
