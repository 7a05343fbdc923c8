//! The worst documents we could write, up to the default size limit: text as dense in claims as
//! it gets, long runs of names, lists of figures or dates, and no sentence end at all (one line,
//! one sentence). Each is read and analysed against the seeds at a quarter of the limit and at
//! the limit, so the figures show both the worst time and that it grows linearly with the
//! length. Run with `cargo bench --bench worst_case`; the README's Reliability section records
//! the figures.

use crosscheck::config::DEFAULT_MAX_DOCUMENT_BYTES;
use crosscheck::engine::{analyze, Corpus, SourceDoc};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// `unit` repeated to `bytes`, cut at a char boundary.
fn repeated(unit: &str, bytes: usize) -> String {
    let mut text = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

/// The faster of two runs of reading `text` and analysing it against the corpus.
fn time_analysis(corpus: &mut Corpus, text: &str) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            corpus.insert_draft(SourceDoc::new("worst", "worst.txt", text.to_string()));
            black_box(analyze(corpus, "worst"));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut corpus = Corpus::new();
    let mut seed_text = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(seeds).expect("seeds").filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let text = std::fs::read_to_string(entry.path()).expect("seed");
        let name = entry.file_name().to_string_lossy().into_owned();
        seed_text.push_str(&text);
        seed_text.push('\n');
        corpus.insert(SourceDoc::new(name.clone(), name, text));
    }
    let numbers: String = (0..20_000).map(|n| format!("{n} ")).collect();
    let kinds: Vec<(&str, String)> = vec![
        ("the seeds, repeated (news copy)", seed_text.clone()),
        ("the seeds on one line", seed_text.replace('\n', " ")),
        (
            "claims on every word, no sentence end",
            "Northern forces captured 30 per cent of Ashford on Monday, “we hold the bridge,” said General \
             Tomas Varga, the chief of staff of the Eastern Command, and 1,200 troops "
                .to_string(),
        ),
        (
            "the seeds' own claims, no sentence end",
            "Russian forces captured 30 per cent of Pokrovsk on Monday, “we hold it,” said General Ivan \
             Petrov, the chief of staff "
                .to_string(),
        ),
        ("one place name after another", "Kyiv, ".to_string()),
        ("a run of capitalised names", "Vladimir Putin Kyiv Pokrovsk ".to_string()),
        ("dates, no sentence end", "on 3 March 2024 and Monday, ".to_string()),
        ("numbers, no sentence end", numbers),
        ("initials (no sentence ends)", "A. ".to_string()),
        ("dots inside one word (x.x.x.…)", "x.".to_string()),
        ("one word, no punctuation", "word ".to_string()),
    ];
    let limit = DEFAULT_MAX_DOCUMENT_BYTES as usize;
    println!(
        "read and analyse against the seeds (faster of 2), at {} KB and at the limit, {} KB:",
        limit / 4 / 1024,
        limit / 1024
    );
    let mut worst = (Duration::ZERO, "");
    for (name, unit) in &kinds {
        let quarter = time_analysis(&mut corpus, &repeated(unit, limit / 4));
        let full = time_analysis(&mut corpus, &repeated(unit, limit));
        println!(
            "  {name:<40} {quarter:>9.2?} {full:>9.2?}  ×{:.1} for 4× the length",
            full.as_secs_f64() / quarter.as_secs_f64().max(1e-9)
        );
        if full > worst.0 {
            worst = (full, name);
        }
    }
    println!("worst case at the limit: {:.2?} ({})", worst.0, worst.1);
}
