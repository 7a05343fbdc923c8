//! A whole `crosscheck --check` run over files on disk, as CI runs it: the release binary checks a
//! draft against a corpus folder of 10,000 generated articles, then checks 1,000 articles each
//! against all the others. Reports wall time, peak memory (max resident set size, through
//! /usr/bin/time when the machine has it) and the threads used. Every article is extracted: the
//! runs pass `--no-cache` (benches/restart.rs measures the claims cache). Run with
//! `cargo bench --bench check_run`; the README records the figures.

#[path = "support/generate.rs"]
mod generate;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn write_corpus(dir: &Path, articles: &[String]) {
    std::fs::create_dir_all(dir).expect("corpus folder");
    for (n, text) in articles.iter().enumerate() {
        std::fs::write(dir.join(format!("article{n:05}.txt")), text).expect("write article");
    }
}

/// Runs the binary with `args`; wall time and peak memory in MB when measurable.
fn run(args: &[&str]) -> (std::time::Duration, Option<f64>, i32) {
    let binary = env!("CARGO_BIN_EXE_crosscheck");
    let time = Path::new("/usr/bin/time");
    let start = Instant::now();
    let output = if time.is_file() {
        Command::new(time).args(["-f", "%M"]).arg(binary).args(args).arg("--no-cache").output()
    } else {
        Command::new(binary).args(args).arg("--no-cache").output()
    }
    .expect("run crosscheck");
    let elapsed = start.elapsed();
    let peak_kb = time
        .is_file()
        .then(|| String::from_utf8_lossy(&output.stderr).lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
        .flatten();
    (elapsed, peak_kb.map(|kb| kb / 1024.0), output.status.code().unwrap_or(-1))
}

fn main() {
    let temp = tempfile::tempdir().expect("temp dir");
    // CROSSCHECK_BENCH_KEEP=DIR writes the folders there and keeps them, to run them by hand.
    let kept = std::env::var_os("CROSSCHECK_BENCH_KEEP").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    let articles = generate::generated_articles(10_000);
    let corpus = dir.join("corpus");
    write_corpus(&corpus, &articles);
    let draft = dir.join("draft.txt");
    std::fs::write(&draft, format!("{}The government controls roughly 75 per cent of the province.\n", articles[3]))
        .expect("draft");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{threads} threads; {} MB of generated articles",
        articles.iter().map(String::len).sum::<usize>() / 1_000_000
    );

    let (elapsed, peak, code) = run(&[
        "--check",
        draft.to_str().expect("path"),
        "--corpus",
        corpus.to_str().expect("path"),
        "--format",
        "json",
    ]);
    let peak = peak.map_or_else(|| "unmeasured".to_string(), |mb| format!("{mb:.0} MB peak"));
    println!("one draft against 10,000 articles: {elapsed:.2?}, {peak} (exit {code})");

    let thousand = dir.join("thousand");
    write_corpus(&thousand, &articles[..1_000]);
    let (elapsed, peak, code) = run(&["--check", thousand.to_str().expect("path"), "--format", "json"]);
    let peak = peak.map_or_else(|| "unmeasured".to_string(), |mb| format!("{mb:.0} MB peak"));
    println!("1,000 articles, each against the others: {elapsed:.2?}, {peak} (exit {code})");
}
