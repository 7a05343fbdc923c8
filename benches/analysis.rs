//! Speed of the shared analysis, the work behind every keystroke in the editor and every file of
//! `--check`: extracting an article's claims, and analysing a draft against corpora of growing
//! size. The corpora are the shipped seeds, repeated with their figures varied so the index holds
//! many distinct claims. Run with `cargo bench --bench analysis`; the README records the figures.

use crosscheck::engine::{analyze, Corpus, SourceDoc};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn seeds() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("seed")).collect()
}

/// Runs `f` repeatedly for about a second; returns the median time of one run.
fn measure(mut f: impl FnMut()) -> Duration {
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || (start.elapsed() < Duration::from_secs(1) && times.len() < 1_000) {
        let run = Instant::now();
        f();
        times.push(run.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn varied(text: &str, n: usize) -> String {
    // Vary the figures so that copies are distinct articles with distinct claims.
    text.replace("19 per cent", &format!("{} per cent", 15 + n % 10)).replace("28", &format!("{}", 20 + n % 15))
}

fn main() {
    let seeds = seeds();
    let words: usize = seeds.iter().map(|s| s.split_whitespace().count()).sum::<usize>() / seeds.len();
    let one = &seeds[0];
    let extract = measure(|| {
        black_box(SourceDoc::new("bench", "bench.txt", one.clone()));
    });
    println!("extract one seed article (~{words} words): {extract:?}");

    let draft = format!("{}\nRussian forces occupy 30 per cent of Ukraine.\n", seeds[2]);
    for size in [5, 100, 1_000] {
        let mut corpus = Corpus::new();
        let build = Instant::now();
        for n in 0..size {
            let text = varied(&seeds[n % seeds.len()], n);
            corpus.insert(SourceDoc::new(format!("doc{n}"), format!("doc{n}.txt"), text));
        }
        let build = build.elapsed();
        let keystroke = measure(|| {
            corpus.insert(SourceDoc::new("draft", "draft.txt", draft.clone()));
            black_box(analyze(&corpus, "draft"));
        });
        println!("corpus of {size:>5} articles: indexed in {build:?}; edit + re-analyse a draft: {keystroke:?}");
    }
}
