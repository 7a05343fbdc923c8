//! Speed of the shared analysis, the work behind every keystroke in the editor and every file of
//! `--check`: extraction throughput, and analysing a draft and reconciling whole corpora of
//! generated articles. Run with `cargo bench --bench analysis`; the README records the figures.
//!
//! Generated articles come in events of ten reports, each event with its own invented people,
//! places, figures and dates, so the index holds many distinct claims as a real corpus does.

use crosscheck::engine::{analyze, analyze_incrementally, Corpus, Options, SourceDoc};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for about a second; returns the median time of one run.
fn measure(mut f: impl FnMut()) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 3 || (start.elapsed() < Duration::from_secs(1) && times.len() < 1_000) {
        let run = Instant::now();
        f();
        times.push(run.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

#[path = "support/generate.rs"]
mod generate;

use generate::generated_articles;

fn main() {
    let articles = generated_articles(10_000);
    let sample: String = articles[..200].join("\n");
    let extract = measure(|| {
        black_box(SourceDoc::new("bench", "bench.txt", sample.clone()));
    });
    println!(
        "extraction throughput: {:.2} MB/s ({} KB of generated articles in {extract:.2?})",
        sample.len() as f64 / 1e6 / extract.as_secs_f64(),
        sample.len() / 1_000
    );
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_6d7eafbd92b84179.txt")).expect("seed");
    let one_seed = measure(|| {
        black_box(SourceDoc::new("bench", "bench.txt", seed.clone()));
    });
    println!("extract one seed article ({} words): {one_seed:.2?}", seed.split_whitespace().count());

    let draft = format!("{}The government controls roughly 75 per cent of the province.\n", articles[3]);
    // An 8,000-word article: a long feature stitched from many events' reports.
    let mut long = String::new();
    for article in articles.iter().skip(5_000) {
        if long.split_whitespace().count() >= 8_000 {
            break;
        }
        long.push_str(article);
    }
    let long_words = long.split_whitespace().count();
    let full = std::env::var_os("CROSSCHECK_BENCH_FULL").is_some();
    for size in [1_000, 10_000] {
        let mut corpus = Corpus::new();
        let build = Instant::now();
        for (n, text) in articles[..size].iter().enumerate() {
            corpus.insert(SourceDoc::new(format!("doc{n}"), format!("doc{n}.txt"), text.clone()));
        }
        let build = build.elapsed();
        let keystroke = measure(|| {
            corpus.insert(SourceDoc::new("draft", "draft.txt", draft.clone()));
            black_box(analyze(&corpus, "draft"));
        });
        let long_keystroke = measure(|| {
            corpus.insert(SourceDoc::new("long", "long.txt", long.clone()));
            black_box(analyze(&corpus, "long"));
        });
        // As the editor does: the last analysis is kept, and an edit to one paragraph looks up
        // that paragraph's claims only.
        corpus.insert(SourceDoc::new("long", "long.txt", long.clone()));
        let previous = analyze(&corpus, "long").expect("analysed");
        let mut flip = false;
        let long_incremental = measure(|| {
            flip = !flip;
            let edited = long.replacen(" the ", if flip { " this " } else { " the " }, 1);
            corpus.insert(SourceDoc::new("long", "long.txt", edited));
            black_box(analyze_incrementally(&corpus, "long", Options::default(), &|| false, Some(&previous)));
        });
        corpus.remove("long");
        println!("corpus of {size:>6} generated articles: indexed in {build:.2?}");
        println!("    edit + re-analyse a short draft: {keystroke:.2?}; an article of {long_words} words: {long_keystroke:.2?}");
        println!("    edit one paragraph of the {long_words}-word article, reusing the last analysis: {long_incremental:.2?}");
        let ids: Vec<String> = corpus.ids().cloned().collect();
        let sample = if full { ids.len() } else { ids.len().min(500) };
        let reconcile = Instant::now();
        for id in &ids[..sample] {
            black_box(analyze(&corpus, id));
        }
        let reconcile = reconcile.elapsed();
        let per_article = reconcile / sample.max(1) as u32;
        println!(
            "    reconcile {sample} of its articles: {reconcile:.2?} ({per_article:.2?} each{})",
            if sample < ids.len() {
                format!("; every article would take about {:.0?}", per_article * ids.len() as u32)
            } else {
                String::new()
            }
        );
    }
}
