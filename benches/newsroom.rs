//! The newsroom-scale runs on real copy: `../shared/corpora/fnc1-train` (1,683 articles
//! of many events, 3.7 MB), by the release binary, with wall time and peak memory (max resident
//! set size through /usr/bin/time). Skipped with a message when the shared copy is absent.
//!
//! - `--check` of one article against the rest as `--corpus`: without the claims cache, with an
//!   empty cache (cold) and with a full one (warm);
//! - `--check` of all 1,683 articles, each against all the others, without and with a warm cache.
//!
//! Run with `cargo bench --bench newsroom`; the README records the figures.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs the binary with `args` and `CROSSCHECK_CACHE_DIR` set to `cache`: wall time, peak
/// memory in MB when measurable, exit code.
fn run(args: &[&str], cache: &Path) -> (Duration, Option<f64>, i32) {
    let binary = env!("CARGO_BIN_EXE_crosscheck");
    let time = Path::new("/usr/bin/time");
    let mut command = if time.is_file() {
        let mut command = Command::new(time);
        command.args(["-f", "%M"]).arg(binary);
        command
    } else {
        Command::new(binary)
    };
    let start = Instant::now();
    let output = command.args(args).env("CROSSCHECK_CACHE_DIR", cache).output().expect("run crosscheck");
    let elapsed = start.elapsed();
    let peak_kb = time
        .is_file()
        .then(|| String::from_utf8_lossy(&output.stderr).lines().last().and_then(|l| l.trim().parse::<f64>().ok()))
        .flatten();
    (elapsed, peak_kb.map(|kb| kb / 1024.0), output.status.code().unwrap_or(-1))
}

fn report(what: &str, (elapsed, peak, code): (Duration, Option<f64>, i32)) {
    let peak = peak.map_or_else(|| "peak memory unmeasured".to_string(), |mb| format!("{mb:.0} MB peak"));
    println!("{what}: {:.2} s, {peak} (exit {code})", elapsed.as_secs_f64());
}

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/fnc1-train");
    let mut articles: Vec<_> = match std::fs::read_dir(&corpus) {
        Ok(entries) => entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect(),
        Err(_) => {
            println!("newsroom: skipped, {} is absent (the shared real copy)", corpus.display());
            return;
        }
    };
    articles.sort();
    let temp = tempfile::tempdir().expect("temp dir");
    // The article checked: one of the corpus, outside the --corpus folder so it is not its own source.
    let draft = temp.path().join("draft.txt");
    std::fs::copy(&articles[0], &draft).expect("copy the draft");
    let rest = temp.path().join("rest");
    std::fs::create_dir_all(&rest).expect("folder");
    for article in &articles[1..] {
        std::fs::copy(article, rest.join(article.file_name().expect("name"))).expect("copy an article");
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{threads} threads; {} articles of real copy", articles.len());
    let (draft, rest, all) =
        (draft.to_str().expect("path"), rest.to_str().expect("path"), corpus.to_str().expect("path"));
    let one = ["--check", draft, "--corpus", rest, "--format", "json", "--fail-on", "never"];
    let cache = temp.path().join("cache");
    let mut uncached = one.to_vec();
    uncached.push("--no-cache");
    report("one article against the other 1,682, no cache", run(&uncached, &cache));
    report("the same, empty cache (cold)", run(&one, &cache));
    report("the same, warm cache", run(&one, &cache));
    let every = ["--check", all, "--format", "json", "--fail-on", "never"];
    let mut every_uncached = every.to_vec();
    every_uncached.push("--no-cache");
    report("all 1,683 articles, each against all the others, no cache", run(&every_uncached, &cache));
    report("the same, warm cache", run(&every, &cache));
}
