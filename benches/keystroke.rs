//! Keystroke latency through the real release binary: `crosscheck --stdio` is started as an editor
//! would start it, initialised with a workspace folder over JSON-RPC on stdio, and given one
//! article (`seeds/000_6d7eafbd92b84179.txt`, opened from a temporary copy). Then one character
//! at a time is typed at the end of a sentence in the middle of the article (a word typed before
//! the sentence's full stop, then deleted, then the next word), each keystroke an incremental
//! `didChange`. A keystroke's latency is the time from writing its `didChange` to reading the
//! `textDocument/publishDiagnostics` for that document at that version (for a server that sends
//! no version, the first one for the document after the edit). The edits are sequential: the
//! next is sent once the last one's diagnostics arrived, so none is coalesced. 20 warm-up edits,
//! then 300 measured (`CROSSCHECK_BENCH_EDITS`); p50, p99 and max.
//!
//! Scenarios:
//! - the seeds as the workspace (a temporary copy of `seeds/`);
//! - the same article in a workspace holding a copy of `../shared/corpora/fnc1-train` (1,683 real
//!   articles), skipped with a message when that folder is absent. This one also reports the time
//!   from `initialized` and `didOpen` to the document's first diagnostics (held back while the
//!   workspace scan runs), the server's peak memory (`VmHWM` just before shutdown) and the size
//!   of the corpus; run twice, with an empty claims cache (in a temporary folder) and then with
//!   the cache the first run filled;
//! - typos-lsp 0.1.57 (a spell-checking language server, the baseline of a fast one) on the same
//!   file with the same edits in the seeds workspace, with the ratio of the two. It is looked for
//!   on PATH and in ~/.cargo/bin, installed with `cargo install typos-lsp --version 0.1.57
//!   --locked` when absent, and skipped with the reason when that fails. `typos-lsp --version`
//!   does not print a version (it has no flags: it starts serving), so the version reported is
//!   the one its `initialize` reply gives in `serverInfo`.
//!
//! Run with `cargo bench --bench keystroke`. Every wait times out (60 s): the server is killed
//! and the failure reported, the bench never hangs.

#[path = "support/lsp.rs"]
mod lsp;

use lsp::{file_uri, Server};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = "000_6d7eafbd92b84179.txt";
const WARM_UP: usize = 20;
const EDITS: usize = 300;
const TYPOS_VERSION: &str = "0.1.57";
/// The words typed, one after another, before the full stop of the sentence.
const WORDS: [&str; 6] = ["today", "on Tuesday", "officials said", "again", "in the east", "overnight"];

/// One keystroke: the UTF-16 columns `start..end` of the edited line become `text`.
struct Edit {
    start: u32,
    end: u32,
    text: String,
}

/// Where the typing happens, and the keystrokes.
struct Typing {
    line: u32,
    /// The byte offset in the article and the UTF-16 column in its line of the insertion point.
    byte: usize,
    column: u32,
    edits: Vec<Edit>,
}

/// `count` keystrokes before the full stop of the sentence ending the article's middle line: each
/// word typed letter by letter (after a space), then deleted letter by letter.
fn typing(text: &str, count: usize) -> Typing {
    let lines: Vec<&str> = text.split('\n').collect();
    let middle = lines.len() / 2;
    let line = (middle..lines.len())
        .chain((0..middle).rev())
        .find(|&i| lines[i].trim_end().ends_with('.'))
        .expect("a line ending a sentence");
    let before: usize = lines[..line].iter().map(|l| l.len() + 1).sum();
    let stop = lines[line].trim_end().len() - 1;
    let column = lines[line][..stop].encode_utf16().count() as u32;
    let mut edits = Vec::with_capacity(count);
    'words: for word in WORDS.iter().cycle() {
        let typed = format!(" {word}");
        for (at, letter) in typed.chars().enumerate() {
            let column = column + at as u32;
            edits.push(Edit { start: column, end: column, text: letter.to_string() });
        }
        for at in (0..typed.len()).rev() {
            let column = column + at as u32;
            edits.push(Edit { start: column, end: column + 1, text: String::new() });
        }
        if edits.len() >= count {
            break 'words;
        }
    }
    edits.truncate(count);
    Typing { line: line as u32, byte: before + stop, column, edits }
}

/// What one server did in one scenario.
struct Outcome {
    /// From `initialized` and `didOpen` to the first diagnostics for the document.
    first: Duration,
    /// The measured keystrokes, in order.
    latencies: Vec<Duration>,
    /// KiB, read just before shutdown.
    peak_memory: Option<u64>,
    /// Whether the server's diagnostics carried the document's version.
    versioned: bool,
    /// How the server asked for changes: 1 whole text, 2 incremental.
    sync: u64,
    /// The version the server gave in its `serverInfo`.
    version: Option<String>,
}

/// Initialises `server` with `workspace`, opens `file`, types the keystrokes of `typing` (the
/// first `WARM_UP` not measured) and shuts the server down.
fn drive(mut server: Server, workspace: &Path, file: &Path, typing: &Typing) -> Result<Outcome, String> {
    let text = std::fs::read_to_string(file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
    let uri = file_uri(file);
    let initialized = server.initialize(workspace)?;
    let version = initialized["serverInfo"]["version"].as_str().map(str::to_string);
    let sync = match &initialized["capabilities"]["textDocumentSync"] {
        Value::Number(kind) => kind.as_u64().unwrap_or(0),
        options => options["change"].as_u64().unwrap_or(0),
    };
    if sync == 0 {
        return Err("the server takes no document changes".to_string());
    }
    let start = server.notify("initialized", json!({}))?;
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "plaintext", "version": 1, "text": text } }),
    )?;
    let is_for = |message: &Value, uri: &str| {
        message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
    };
    let (at, _) = server.wait_for("first diagnostics", |m| is_for(m, &uri))?;
    let first = at - start;

    let mut typed = String::new();
    let mut latencies = Vec::with_capacity(typing.edits.len().saturating_sub(WARM_UP));
    let mut versioned = true;
    for (i, edit) in typing.edits.iter().enumerate() {
        let version = i as i64 + 2;
        // The text after this edit, for a server that wants the whole text.
        let offset = (edit.start - typing.column) as usize;
        typed.replace_range(offset..offset + (edit.end - edit.start) as usize, &edit.text);
        let change = if sync == 1 {
            json!({ "text": format!("{}{typed}{}", &text[..typing.byte], &text[typing.byte..]) })
        } else {
            json!({
                "range": {
                    "start": { "line": typing.line, "character": edit.start },
                    "end": { "line": typing.line, "character": edit.end }
                },
                "text": edit.text
            })
        };
        let sent = server.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        )?;
        let what = format!("diagnostics for version {version}");
        let (at, message) = server.wait_for(&what, |m| {
            is_for(m, &uri) && m["params"].get("version").and_then(Value::as_i64).is_none_or(|v| v == version)
        })?;
        versioned &= message["params"].get("version").is_some_and(|v| !v.is_null());
        if i >= WARM_UP {
            latencies.push(at - sent);
        }
    }
    let peak_memory = server.peak_memory_kib();
    server.shutdown()?;
    Ok(Outcome { first, latencies, peak_memory, versioned, sync, version })
}

/// The nearest-rank percentile `p` (0 to 100) of sorted durations.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// p50, p99 and max of the latencies.
fn summary(outcome: &Outcome) -> (Duration, Duration, Duration) {
    let mut sorted = outcome.latencies.clone();
    sorted.sort();
    (percentile(&sorted, 50.0), percentile(&sorted, 99.0), sorted.last().copied().unwrap_or_default())
}

fn latency_line(outcome: &Outcome) -> String {
    let (p50, p99, max) = summary(outcome);
    format!("p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", ms(p50), ms(p99), ms(max))
}

/// Copies the `.txt` files under `from` into `to`, keeping the folders; the files and bytes.
fn copy_articles(from: &Path, to: &Path) -> std::io::Result<(usize, u64)> {
    std::fs::create_dir_all(to)?;
    let (mut files, mut bytes) = (0, 0);
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let name = path.file_name().expect("a name");
        if path.is_dir() {
            let (f, b) = copy_articles(&path, &to.join(name))?;
            files += f;
            bytes += b;
        } else if path.extension().is_some_and(|e| e == "txt") {
            bytes += std::fs::copy(&path, to.join(name))?;
            files += 1;
        }
    }
    Ok((files, bytes))
}

fn crosscheck() -> Result<Server, String> {
    Server::spawn("crosscheck", Path::new(env!("CARGO_BIN_EXE_crosscheck")), &["--stdio"])
}

fn on_path(name: &str) -> Option<PathBuf> {
    let mut folders: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        folders.push(Path::new(&home).join(".cargo/bin"));
    }
    folders.into_iter().map(|folder| folder.join(name)).find(|path| path.is_file())
}

/// The typos-lsp binary, installed with cargo when it is not found.
fn typos_lsp() -> Result<PathBuf, String> {
    if let Some(found) = on_path("typos-lsp") {
        return Ok(found);
    }
    println!("typos-lsp: not found on PATH or in ~/.cargo/bin; running `cargo install typos-lsp --version {TYPOS_VERSION} --locked` (this may take minutes)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["install", "typos-lsp", "--version", TYPOS_VERSION, "--locked"]).stdin(Stdio::null());
    if std::env::var_os("CARGO_BUILD_JOBS").is_none() {
        command.env("CARGO_BUILD_JOBS", "1");
    }
    // Not in the target folder of this build, which cargo may still hold locked.
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(target) => command.env("CARGO_TARGET_DIR", Path::new(&target).join("typos-lsp-install")),
        None => command.env_remove("CARGO_TARGET_DIR"),
    };
    let mut child = command.spawn().map_err(|error| format!("cannot run cargo install: {error}"))?;
    let deadline = Instant::now() + Duration::from_secs(45 * 60);
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err("cargo install took more than 45 minutes".to_string());
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    if !status.success() {
        return Err(format!("cargo install typos-lsp failed ({status})"));
    }
    on_path("typos-lsp").ok_or_else(|| "installed, but not found on PATH or in ~/.cargo/bin".to_string())
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let count = match std::env::var("CROSSCHECK_BENCH_EDITS") {
        Ok(value) => value.parse::<usize>().ok().filter(|&n| n > 0).expect("CROSSCHECK_BENCH_EDITS: a positive count"),
        Err(_) => EDITS,
    };
    let seeds_folder = tempfile::tempdir().expect("a temporary folder");
    let (seed_count, _) = copy_articles(&root.join("seeds"), seeds_folder.path()).expect("copy the seeds");
    let article = seeds_folder.path().join(ARTICLE);
    let text = std::fs::read_to_string(&article).expect("the seed article");
    let typing = typing(&text, WARM_UP + count);
    println!(
        "keystroke: {ARTICLE}, line {} ({} UTF-16 columns in), {WARM_UP} warm-up + {count} measured edits, one at a time",
        typing.line + 1,
        typing.column,
    );

    // typos-lsp is found (or built) first, so that no build runs while latencies are measured.
    let typos = typos_lsp();
    let mut failed = false;

    let ours = crosscheck().and_then(|server| drive(server, seeds_folder.path(), &article, &typing));
    match &ours {
        Ok(outcome) => println!(
            "keystroke, seeds as corpus ({seed_count} articles): crosscheck {} (first diagnostics {:.1} ms)",
            latency_line(outcome),
            ms(outcome.first),
        ),
        Err(error) => {
            failed = true;
            println!("keystroke, seeds as corpus: crosscheck FAILED: {error}");
        }
    }

    match &typos {
        Err(reason) => println!("typos-lsp: skipped ({reason})"),
        Ok(path) => {
            let theirs = Server::spawn("typos-lsp", path, &[])
                .and_then(|server| drive(server, seeds_folder.path(), &article, &typing));
            match (&ours, theirs) {
                (_, Err(error)) => println!("typos-lsp: FAILED: {error}"),
                (ours, Ok(theirs)) => {
                    // typos-lsp has no --version flag (it starts serving): its initialize reply says.
                    let version = theirs.version.clone().unwrap_or_else(|| "(version not given)".to_string());
                    if version != TYPOS_VERSION {
                        println!("typos-lsp: {} is version {version}, not {TYPOS_VERSION}", path.display());
                    }
                    let changes = if theirs.sync == 2 { "incremental" } else { "whole-text" };
                    let versioned = if theirs.versioned { "versioned" } else { "unversioned" };
                    println!(
                        "typos-lsp {version} on the same file: {} ({changes} changes, {versioned} diagnostics, {})",
                        latency_line(&theirs),
                        path.display(),
                    );
                    if let Ok(ours) = ours {
                        let ((our50, our99, _), (their50, their99, _)) = (summary(ours), summary(&theirs));
                        println!(
                            "ratio crosscheck/typos-lsp: p50 {:.1}x, p99 {:.1}x",
                            ms(our50) / ms(their50),
                            ms(our99) / ms(their99)
                        );
                    }
                }
            }
        }
    }

    let corpus = root.join("../shared/corpora/fnc1-train");
    if corpus.is_dir() {
        let cache = tempfile::tempdir().expect("a temporary folder");
        std::env::set_var("CROSSCHECK_CACHE_DIR", cache.path());
        let folder = tempfile::tempdir().expect("a temporary folder");
        let (articles, bytes) = copy_articles(&corpus, &folder.path().join("fnc1-train")).expect("copy the corpus");
        let article = folder.path().join(ARTICLE);
        std::fs::copy(seeds_folder.path().join(ARTICLE), &article).expect("copy the seed article");
        // The first start reads every article into the empty claims cache, the second from it.
        for cache in ["empty claims cache", "warm claims cache"] {
            let outcome = crosscheck().and_then(|server| drive(server, folder.path(), &article, &typing));
            match outcome {
                Ok(outcome) => {
                    println!(
                        "keystroke, fnc1-train as corpus ({articles} articles + the seed, {:.1} MB), {cache}: crosscheck {}",
                        bytes as f64 / 1e6,
                        latency_line(&outcome),
                    );
                    let peak = outcome
                        .peak_memory
                        .map_or("unknown".to_string(), |kib| format!("{:.0} MiB", kib as f64 / 1024.0));
                    println!(
                        "  first diagnostics after initialized + didOpen (workspace scan included) {:.0} ms, peak memory {peak}",
                        ms(outcome.first),
                    );
                }
                Err(error) => {
                    failed = true;
                    println!("keystroke, fnc1-train as corpus, {cache}: crosscheck FAILED: {error}");
                }
            }
        }
    } else {
        println!("keystroke, fnc1-train as corpus: skipped ({} is absent)", corpus.display());
    }
    if failed {
        std::process::exit(1);
    }
}
