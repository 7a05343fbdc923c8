//! What the claims cache saves on a restart: 10,000 generated articles (benches/support), read
//! cold (an empty cache folder: every article extracted, and stored) and warm (the second run:
//! every extraction read from the cache), by the release binary.
//!
//! (a) `--check` of one draft against the 10,000 articles: wall time and peak memory (max
//!     resident set size through /usr/bin/time, as benches/check_run.rs measures), without the
//!     cache, cold and warm.
//! (b) The language server: the time from the `initialize` request to the first
//!     `publishDiagnostics` of a document opened right after, once the workspace scan has ended
//!     (the server holds results back while it scans), with the 10,000 articles as the workspace,
//!     cold and warm; and the server's peak memory. The server reads at most 5,000 articles from
//!     one workspace folder, so the articles are given as two folders of 5,000.
//!
//! Run with `cargo bench --bench restart`; the README records the figures.

#[path = "support/generate.rs"]
mod generate;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const ARTICLES: usize = 10_000;
/// The longest a server may take to publish: far beyond a cold read of the corpus.
const PATIENCE: Duration = Duration::from_secs(600);

fn write_corpus(dir: &Path, articles: &[String]) -> Vec<PathBuf> {
    let halves = [dir.join("a"), dir.join("b")];
    for (n, text) in articles.iter().enumerate() {
        let half = &halves[n * 2 / articles.len().max(1)];
        std::fs::create_dir_all(half).expect("corpus folder");
        std::fs::write(half.join(format!("article{n:05}.txt")), text).expect("write article");
    }
    halves.to_vec()
}

/// `/usr/bin/time -f %M` in front of `binary`, when the machine has it.
fn timed(binary: &str) -> (Command, bool) {
    let time = Path::new("/usr/bin/time");
    if time.is_file() {
        let mut command = Command::new(time);
        command.args(["-f", "%M"]).arg(binary);
        (command, true)
    } else {
        (Command::new(binary), false)
    }
}

/// The peak memory /usr/bin/time wrote as the last line of `stderr`, in MB.
fn peak_mb(stderr: &[u8], measured: bool) -> Option<f64> {
    measured
        .then(|| String::from_utf8_lossy(stderr).lines().last()?.trim().parse::<f64>().ok())
        .flatten()
        .map(|kb| kb / 1024.0)
}

fn shown(peak: Option<f64>) -> String {
    peak.map_or_else(|| "peak memory unmeasured".to_string(), |mb| format!("{mb:.0} MB peak"))
}

/// `--check` of `draft` against `corpus` with the cache in `cache` (`None`: `--no-cache`).
fn check(draft: &Path, corpus: &Path, cache: Option<&Path>) -> (Duration, Option<f64>, i32) {
    let (mut command, measured) = timed(env!("CARGO_BIN_EXE_crosscheck"));
    command.arg("--check").arg(draft).arg("--corpus").arg(corpus).args(["--format", "json"]);
    match cache {
        Some(cache) => command.env("CROSSCHECK_CACHE_DIR", cache),
        None => command.arg("--no-cache"),
    };
    let start = Instant::now();
    let output = command.output().expect("run crosscheck");
    let elapsed = start.elapsed();
    (elapsed, peak_mb(&output.stderr, measured), output.status.code().unwrap_or(-1))
}

/// A minimal LSP client over the server's stdio: frames in, frames out, server requests
/// answered with null.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    measured: bool,
}

impl Server {
    fn start(cache: &Path) -> Server {
        let (mut command, measured) = timed(env!("CARGO_BIN_EXE_crosscheck"));
        command
            .arg("--stdio")
            .env("CROSSCHECK_CACHE_DIR", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("start the server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(value) = header.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap_or(0)];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice::<Value>(&body) else { continue };
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Server { child, stdin, messages, measured }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write to the server");
        self.stdin.flush().expect("flush");
    }

    /// The next message; a request from the server is answered with null on the way.
    fn next(&mut self, deadline: Instant) -> Value {
        let wait = deadline.saturating_duration_since(Instant::now());
        let message = self.messages.recv_timeout(wait).expect("the server answers in time");
        if message.get("method").is_some() && message.get("id").is_some() {
            self.send(&json!({ "jsonrpc": "2.0", "id": message["id"], "result": null }));
        }
        message
    }

    /// Shuts the server down; its peak memory in MB.
    fn stop(mut self) -> Option<f64> {
        self.send(&json!({ "jsonrpc": "2.0", "id": 99, "method": "shutdown" }));
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.next(deadline)["id"] != 99 {}
        self.send(&json!({ "jsonrpc": "2.0", "method": "exit" }));
        let Server { child, stdin, measured, .. } = self;
        drop(stdin);
        let output = child.wait_with_output().expect("the server ends");
        peak_mb(&output.stderr, measured)
    }
}

/// Starts a server on `folders`, opens `draft` and waits for its diagnostics after the scan: the
/// time from `initialize` to them, how many there are, and the server's peak memory.
fn serve(folders: &[PathBuf], draft: &Path, cache: &Path) -> (Duration, usize, Option<f64>) {
    let uri = |path: &Path| format!("file://{}", path.canonicalize().expect("path").display());
    let mut server = Server::start(cache);
    let deadline = Instant::now() + PATIENCE;
    let start = Instant::now();
    let folders: Vec<Value> = folders.iter().map(|f| json!({ "uri": uri(f), "name": "corpus" })).collect();
    server.send(&json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {
            "processId": null, "rootUri": null, "workspaceFolders": folders,
            "capabilities": { "window": { "workDoneProgress": true } }
        }
    }));
    while server.next(deadline)["id"] != 1 {}
    server.send(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let draft_uri = uri(draft);
    let text = std::fs::read_to_string(draft).expect("draft");
    server.send(&json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": draft_uri, "languageId": "plaintext", "version": 1, "text": text } }
    }));
    // The scan reports its progress; the refresh at its end publishes the draft's diagnostics.
    let mut scanned = false;
    let diagnostics = loop {
        let message = server.next(deadline);
        if message["method"] == "$/progress" && message["params"]["value"]["kind"] == "end" {
            scanned = true;
        }
        if scanned && message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == draft_uri {
            break message["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        }
    };
    let elapsed = start.elapsed();
    (elapsed, diagnostics, server.stop())
}

/// The bytes and files under `folder`.
fn size(folder: &Path) -> (u64, usize) {
    let (mut bytes, mut files) = (0, 0);
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                bytes += entry.metadata().map_or(0, |m| m.len());
                files += 1;
            }
        }
    }
    (bytes, files)
}

fn main() {
    let temp = tempfile::tempdir().expect("temp dir");
    // CROSSCHECK_BENCH_KEEP=DIR writes the folders there and keeps them, to run them by hand.
    let kept = std::env::var_os("CROSSCHECK_BENCH_KEEP").map(PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    for cache in ["cache-check", "cache-server"] {
        let _ = std::fs::remove_dir_all(dir.join(cache));
    }
    let articles = generate::generated_articles(ARTICLES);
    let corpus = dir.join("corpus");
    let folders = write_corpus(&corpus, &articles);
    let draft = dir.join("draft.txt");
    std::fs::write(&draft, format!("{}The government controls roughly 75 per cent of the province.\n", articles[3]))
        .expect("draft");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{threads} threads; {ARTICLES} generated articles, {:.1} MB",
        articles.iter().map(String::len).sum::<usize>() as f64 / 1e6
    );

    let (elapsed, peak, code) = check(&draft, &corpus, None);
    println!("--check, no cache:    {elapsed:>8.2?}, {} (exit {code})", shown(peak));
    let cache = dir.join("cache-check");
    let (elapsed, peak, code) = check(&draft, &corpus, Some(&cache));
    println!("--check, cold cache:  {elapsed:>8.2?}, {} (exit {code})", shown(peak));
    let (elapsed, peak, code) = check(&draft, &corpus, Some(&cache));
    println!("--check, warm cache:  {elapsed:>8.2?}, {} (exit {code})", shown(peak));
    let (bytes, files) = size(&cache);
    println!(
        "the cache: {files} entries, {:.1} MB ({:.1} KB an entry)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / files.max(1) as f64
    );

    let cache = dir.join("cache-server");
    let (elapsed, count, peak) = serve(&folders, &draft, &cache);
    println!(
        "server, cold cache:   {elapsed:>8.2?} from initialize to the draft's {count} diagnostics, {}",
        shown(peak)
    );
    let (elapsed, count, peak) = serve(&folders, &draft, &cache);
    println!(
        "server, warm cache:   {elapsed:>8.2?} from initialize to the draft's {count} diagnostics, {}",
        shown(peak)
    );
}
