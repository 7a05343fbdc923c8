//! Extracts every `.txt` article under a folder (sorted, recursively), for measuring and
//! checking extraction: `cargo run --release --example extract_folder -- FOLDER [LIMIT] [PASSES]
//! [--dump]`. PASSES readings (two by default) of the first LIMIT articles; with `--dump`, each article's
//! extraction as one JSON line (the exact-output check). A tool for tuning, not part of the product.

#[path = "../benches/support/articles.rs"]
mod articles;

use articles::articles_under;
use crosscheck::engine::SourceDoc;
use std::path::Path;

/// The binary's allocator (`src/main.rs`), so that counts match the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args.iter().any(|a| a == "--dump");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--dump").collect();
    let Some(folder) = args.first() else {
        eprintln!("usage: extract_folder FOLDER [LIMIT] [PASSES] [--dump]");
        std::process::exit(2);
    };
    let limit = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(usize::MAX);
    let passes = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(2);
    let mut paths = Vec::new();
    articles_under(Path::new(folder.as_str()), &mut paths);
    let texts: Vec<(String, String)> = paths
        .iter()
        .take(limit)
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    // The first reading fills the patterns' caches and the tables; later ones are the steady
    // cost, counted alone with `valgrind --tool=callgrind --collect-atstart=no
    // --toggle-collect=extract_folder::measured`.
    read_all(&texts, dump);
    for _ in 1..passes {
        measured(&texts);
    }
}

fn read_all(texts: &[(String, String)], dump: bool) {
    for (id, text) in texts {
        let doc = SourceDoc::new(id.clone(), id.clone(), text.clone());
        if dump {
            println!("{id}\t{}", serde_json::to_string(&doc.extraction).unwrap_or_default());
        }
        std::hint::black_box(doc);
    }
}

#[inline(never)]
fn measured(texts: &[(String, String)]) {
    read_all(texts, false);
}
