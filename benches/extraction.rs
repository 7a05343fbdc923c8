//! Extraction on real copy and the index built over it: the work of reading a workspace. Reads
//! every article of `../shared/corpora/` (skipped with a message when the folder is absent), on
//! one core: extraction throughput in MB/s, the time to index the extracted articles, and the
//! bytes the corpus holds per article (counted by the allocator, after a warm-up that fills the
//! patterns' caches and the tables once). Run with
//! `cargo bench --bench extraction`; the README records the figures.

#[path = "support/articles.rs"]
mod articles;

use articles::articles_under;
use crosscheck::engine::{Corpus, SourceDoc};
use mimalloc::MiMalloc as Binary;
use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

/// The binary's allocator (`src/main.rs`), counting the bytes live at any moment.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        Binary.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        Binary.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        Binary.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    let mut paths = Vec::new();
    articles_under(&shared, &mut paths);
    if paths.is_empty() {
        println!("extraction: skipped, no articles under {} (the shared real copy is absent)", shared.display());
        return;
    }
    let texts: Vec<(String, String)> =
        paths.iter().filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?))).collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    // The patterns' caches and the tables fill on first use, once per process: not per article.
    for (id, text) in texts.iter().take(100) {
        std::hint::black_box(SourceDoc::new(id.clone(), id.clone(), text.clone()));
    }
    let before = LIVE.load(Ordering::Relaxed);
    let start = Instant::now();
    let docs: Vec<SourceDoc> =
        texts.iter().map(|(id, text)| SourceDoc::new(id.clone(), id.clone(), text.clone())).collect();
    let extraction = start.elapsed();
    println!(
        "extraction, one core: {:.2} MB/s ({} articles, {:.1} MB of real copy in {extraction:.2?})",
        bytes as f64 / 1e6 / extraction.as_secs_f64(),
        texts.len(),
        bytes as f64 / 1e6
    );
    let claims: usize = docs.iter().map(|d| d.extraction.claims.len()).sum();
    let start = Instant::now();
    let mut corpus = Corpus::new();
    for doc in docs {
        corpus.insert(doc);
    }
    let indexing = start.elapsed();
    let held = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "index build: {indexing:.2?} for {} articles ({claims} claims); the corpus holds {:.1} KB per article ({:.1} MB)",
        texts.len(),
        held as f64 / 1e3 / texts.len() as f64,
        held as f64 / 1e6
    );
    std::hint::black_box(&corpus);
}
