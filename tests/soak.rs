//! Soak: 50 open documents and 10,000 random incremental edits across them (UTF-16 columns over
//! “curly quotes”, é and 😀), interleaved with hovers, saves and watched-file changes, through the
//! real binary over JSON-RPC. No publication is ever older than one before it for its document,
//! or names a version the client did not send; at the end, every open document's last published
//! diagnostics are those of a fresh server given the same texts over the same files on disk. The
//! server's peak memory over the soak (VmHWM) is printed, never asserted: see README, "Soak".
//!
//! `CROSSCHECK_SOAK_SEED` replays another sequence; `CROSSCHECK_SOAK_EDITS` changes the number
//! of edits.

#![cfg(target_os = "linux")]

mod common;

use common::{file_uri, LspClient};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const OPEN_DOCUMENTS: usize = 50;
const EDITS: usize = 10_000;
const SEED: u64 = 0x5eed_0000_2026_0005;
/// Files on disk that are never opened, created, rewritten and deleted during the soak.
const WIRE_FILES: usize = 12;
/// Documents typed into, a character at a time, at the end.
const BURST_DOCUMENTS: usize = 5;
const HOVERS_PER_MILLE: u64 = 4;
const MAX_OUTSTANDING_HOVERS: usize = 4;
/// How long a hover may take while the server is busy with 50 documents (debug build, 2 cores).
const HOVER_TIMEOUT: Duration = Duration::from_secs(120);
/// How long the server may take to finish its work once the client stops.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(600);

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One fact of a story: the figure most sources agree on, and the ones a draft gets wrong.
struct Fact {
    template: &'static str,
    agreed: &'static [&'static str],
    wrong: &'static [&'static str],
}

const fn fact(template: &'static str, agreed: &'static [&'static str], wrong: &'static [&'static str]) -> Fact {
    Fact { template, agreed, wrong }
}

/// Three stories of our own: the seeds' (talks on ending the war in Ukraine, told anew), a mill
/// fire and a port strike. `{}` is the figure.
const STORIES: [(&str, &[Fact]); 3] = [
    (
        "talks",
        &[
            fact("Russian forces occupy {} of Ukraine, according to officials in Kyiv.", &["a fifth", "about a fifth"], &["30 per cent", "a third"]),
            fact("Moscow already controls {} of Ukrainian territory, diplomats said.", &["a fifth", "about 20 per cent"], &["40 per cent", "a tenth"]),
            fact("The envoys were due to meet Putin in the Kremlin on {} evening.", &["Tuesday"], &["Thursday"]),
            fact("Russia began its full-scale invasion in {}, nearly four years ago.", &["February 2022"], &["March 2021"]),
            fact("Kremlin aide Pavel Orlov told reporters: “The discussions were {}, but no compromise has been found.”", &["useful"], &["pointless"]),
            fact("Oil prices rose {} per cent in Asian trading after the meeting was confirmed.", &["1.5"], &["6"]),
        ],
    ),
    (
        "fire",
        &[
            fact("A fire at the Marlow paper mill in Dunmere injured {} workers on Friday night, the county fire service said.", &["12"], &["21", "40"]),
            fact("About {} firefighters fought the blaze for six hours before it was brought under control.", &["80"], &["150"]),
            fact("Fire chief Helen Okafor said: “The blaze was under control by {}, and nobody is missing.”", &["midnight"], &["dawn"]),
            fact("The mill, which employs {} people, has been the town's largest employer for decades.", &["340", "about 340"], &["1,400"]),
            fact("Café owner Zoë Brennan, who lives two streets away, said the smoke “turned the whole sky {}”.", &["orange"], &["black"]),
            fact("Police closed the road between Dunmere and Halford until {} morning.", &["Saturday"], &["Monday"]),
        ],
    ),
    (
        "port",
        &[
            fact("Dockworkers at the port of Valmora began a {}-hour strike on Monday over pay.", &["48"], &["72"]),
            fact("The union said {} members took part in the vote.", &["1,200", "about 1,200"], &["2,100"]),
            fact("The port handles {} million containers a year, the harbour authority said.", &["3.5"], &["5.3"]),
            fact("Shipping agent Tomás Ferreira said: “{} ships are waiting offshore and the queue grows every hour.”", &["Forty"], &["Ninety"]),
            fact("Talks between the union and the port operator Costamar are due to resume on {}.", &["Wednesday"], &["Friday"]),
            fact("Wages at the port have risen by {} per cent since 2019, the operator said.", &["9"], &["19"]),
        ],
    ),
];

/// Bits of text the edits insert: multi-byte characters, line breaks, figures and whole claims.
const SNIPPETS: &[&str] = &[
    "é",
    "😀",
    "“",
    "”",
    " ",
    "\n",
    "\n\n",
    "—",
    "Zoë ",
    "café ",
    "1",
    "30",
    " per cent",
    "a fifth",
    " on Tuesday",
    "Russian forces occupy 30 per cent of Ukraine. ",
    "About 150 firefighters fought the blaze. ",
    "The union said 2,100 members took part in the vote. ",
    "“We are ready 😀,” Okafor said. ",
    "A fire at the Marlow paper mill injured 21 workers. ",
    "The port handles 5.3 million containers a year. ",
    "Zoë said “the café is gone”. ",
];

/// An article of `story`: its facts in a shuffled order, the agreed figures except for `wrong`
/// facts, with a dateline and line breaks here and there.
fn article(rng: &mut Rng, story: usize, wrong: usize) -> String {
    let (_, facts) = &STORIES[story];
    let mut order: Vec<usize> = (0..facts.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let keep = 4 + rng.below(facts.len() - 3);
    let wrong: HashSet<usize> = (0..wrong).map(|_| order[rng.below(keep)]).collect();
    let mut text = String::from(*rng.pick(&["", "DUNMERE/VALMORA — ", "(Wire) ", "Updated 14:05 — "]));
    for (n, &i) in order[..keep].iter().enumerate() {
        let fact = &facts[i];
        let figure = if wrong.contains(&i) { rng.pick(fact.wrong) } else { rng.pick(fact.agreed) };
        text.push_str(&fact.template.replace("{}", figure));
        let gap = if n + 1 == keep { "\n" } else { *rng.pick(&[" ", " ", "\n", "\n\n"][..]) };
        text.push_str(gap);
    }
    text
}

/// An open document as the client knows it.
struct Doc {
    uri: String,
    path: PathBuf,
    text: String,
    version: i64,
    original_len: usize,
}

/// The LSP position (UTF-16 columns) of a byte offset in `text`.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

/// A random character boundary of `text` (the end included).
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let chars = text.chars().count();
    let n = rng.below(chars + 1);
    text.char_indices().nth(n).map_or(text.len(), |(at, _)| at)
}

/// The byte offset `count` characters after `from` (or the end).
fn chars_after(text: &str, from: usize, count: usize) -> usize {
    text[from..].char_indices().nth(count).map_or(text.len(), |(at, _)| from + at)
}

/// One random change to `doc.text`, applied to it; the LSP content change.
fn random_change(rng: &mut Rng, doc: &mut Doc) -> Value {
    let text = &doc.text;
    let long = text.len() > doc.original_len * 2;
    let short = text.len() < doc.original_len / 2;
    let roll = rng.below(100);
    let (start, end, new): (usize, usize, String) = if short || (!long && roll < 35) {
        let at = boundary(rng, text);
        (at, at, rng.pick(SNIPPETS).to_string())
    } else if long || roll < 60 {
        let at = boundary(rng, text);
        let count = 1 + rng.below(if long { 80 } else { 30 });
        (at, chars_after(text, at, count), String::new())
    } else if roll < 80 {
        let at = boundary(rng, text);
        let count = rng.below(15);
        (at, chars_after(text, at, count), rng.pick(SNIPPETS).to_string())
    } else {
        // A figure changed: a digit replaced by another.
        let digits: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(at, _)| at).collect();
        if digits.is_empty() {
            let at = boundary(rng, text);
            (at, at, "25 per cent".to_string())
        } else {
            let at = *rng.pick(&digits);
            (at, at + 1, char::from(b'0' + rng.below(10) as u8).to_string())
        }
    };
    let change = json!({ "range": { "start": position(text, start), "end": position(text, end) }, "text": new });
    doc.text.replace_range(start..end, &new);
    change
}

/// The server's CPU time so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    // After the command: state is field 3; utime and stime are fields 14 and 15.
    fields.get(11).and_then(|t| t.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|t| t.parse::<u64>().ok()).unwrap_or(0)
}

/// A line of /proc/<pid>/status, such as "VmHWM:  123456 kB".
fn status_kb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status.lines().find_map(|line| line.strip_prefix(key)?.trim().strip_suffix("kB")?.trim().parse().ok()).unwrap_or(0)
}

/// What the client saw the server publish.
#[derive(Default)]
struct Published {
    /// The last diagnostics and version published for each URI.
    last: HashMap<String, (Option<i64>, Vec<Value>)>,
    count: usize,
    /// Hovers sent and not answered yet, with when they were sent.
    hovers: HashMap<i64, Instant>,
    hover_count: usize,
    hover_results: usize,
    slowest_hover: Duration,
    /// Publications that broke the rules: older than one before, or a version never sent.
    violations: Vec<String>,
}

impl Published {
    fn take(&mut self, messages: Vec<Value>, sent: &HashMap<String, HashSet<i64>>) {
        for message in messages {
            if let (Some(id), None) = (message["id"].as_i64(), message.get("method")) {
                // A reply: to a hover (the handshake and shutdown are waited for by `request`).
                let asked = self.hovers.remove(&id).expect("a reply to a hover the client sent");
                self.slowest_hover = self.slowest_hover.max(asked.elapsed());
                self.hover_count += 1;
                self.hover_results += usize::from(!message["result"].is_null());
                if message.get("error").is_some() {
                    self.violations.push(format!("a hover failed: {message}"));
                }
                continue;
            }
            if message["method"] != "textDocument/publishDiagnostics" {
                continue;
            }
            let params = &message["params"];
            let uri = params["uri"].as_str().unwrap_or_default().to_string();
            let version = params["version"].as_i64();
            self.count += 1;
            match (version, sent.get(&uri)) {
                (Some(v), Some(versions)) if !versions.contains(&v) => {
                    self.violations.push(format!("{uri}: version {v} was never sent"));
                }
                (None, Some(_)) => self.violations.push(format!("{uri}: published without a version while open")),
                (_, None) => self.violations.push(format!("{uri}: published for a document that is not open")),
                _ => {}
            }
            if let (Some(v), Some((Some(before), _))) = (version, self.last.get(&uri)) {
                if v < *before {
                    self.violations.push(format!("{uri}: version {v} published after version {before}"));
                }
            }
            let diagnostics = params["diagnostics"].as_array().cloned().unwrap_or_default();
            self.last.insert(uri, (version, diagnostics));
        }
    }
}

/// Sends a hover at byte `at` of `doc` without waiting for it, once fewer than
/// `MAX_OUTSTANDING_HOVERS` are outstanding.
fn hover(
    client: &mut LspClient,
    published: &mut Published,
    sent: &HashMap<String, HashSet<i64>>,
    doc: &Doc,
    at: usize,
) {
    wait_for_hovers(client, published, sent, MAX_OUTSTANDING_HOVERS - 1);
    let id = client.send_request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc.uri }, "position": position(&doc.text, at) }),
    );
    published.hovers.insert(id, Instant::now());
}

/// Reads what the server sends until at most `left` hovers are unanswered.
fn wait_for_hovers(
    client: &mut LspClient,
    published: &mut Published,
    sent: &HashMap<String, HashSet<i64>>,
    left: usize,
) {
    let deadline = Instant::now() + HOVER_TIMEOUT;
    while published.hovers.len() > left {
        assert!(Instant::now() < deadline, "{} hovers unanswered after {HOVER_TIMEOUT:?}", published.hovers.len());
        let messages = client.drain(Duration::from_millis(50));
        published.take(messages, sent);
    }
}

/// Reads what the server sends until it has been quiet (no message, no CPU time) for a while.
fn settle(client: &mut LspClient, published: &mut Published, sent: &HashMap<String, HashSet<i64>>) {
    let deadline = Instant::now() + SETTLE_TIMEOUT;
    let mut quiet_rounds = 0;
    let mut ticks = cpu_ticks(client.pid());
    while quiet_rounds < 4 {
        assert!(Instant::now() < deadline, "the server was still busy after {SETTLE_TIMEOUT:?}");
        let messages = client.drain(Duration::from_millis(500));
        let now = cpu_ticks(client.pid());
        quiet_rounds = if messages.is_empty() && now <= ticks + 1 { quiet_rounds + 1 } else { 0 };
        ticks = now;
        published.take(messages, sent);
    }
}

/// A diagnostic as compared: everything the client sees, related passages in a stable order.
fn canonical(diagnostic: &Value) -> String {
    let mut diagnostic = diagnostic.clone();
    if let Some(related) = diagnostic.get_mut("relatedInformation").and_then(Value::as_array_mut) {
        related.sort_by_key(|r| r.to_string());
    }
    diagnostic.to_string()
}

fn canonical_set(diagnostics: &[Value]) -> Vec<String> {
    let mut set: Vec<String> = diagnostics.iter().map(canonical).collect();
    set.sort();
    set
}

fn write_file(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(path, text).expect("write");
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    let value = value.trim();
    match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => value.parse().ok(),
    }
}

#[test]
fn ten_thousand_edits_across_fifty_documents_end_as_a_fresh_analysis_and_never_publish_stale() {
    let started = Instant::now();
    let seed = env_number("CROSSCHECK_SOAK_SEED").unwrap_or(SEED);
    let edits = env_number("CROSSCHECK_SOAK_EDITS").map_or(EDITS, |n| n as usize);
    let mut rng = Rng::new(seed);
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    common::copy_seeds(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    // Articles of our own, a few of each story getting one or two figures wrong.
    let mut n = 0;
    while paths.len() < OPEN_DOCUMENTS {
        let story = n % STORIES.len();
        let wrong = if rng.chance(300) { 1 + rng.below(2) } else { 0 };
        let path = dir.join(format!("{}_{:02}.txt", STORIES[story].0, n / STORIES.len()));
        write_file(&path, &article(&mut rng, story, wrong));
        paths.push(path);
        n += 1;
    }
    // Wire copy on disk, never opened: half of it there from the start.
    let wire: Vec<PathBuf> = (0..WIRE_FILES).map(|i| dir.join(format!("wire/w_{i:02}.txt"))).collect();
    for (i, path) in wire.iter().enumerate().filter(|(i, _)| i % 2 == 0) {
        let text = article(&mut rng, i % STORIES.len(), 0);
        write_file(path, &text);
    }

    let (mut client, _) = LspClient::start(Some(dir), &["utf-16"]);
    let pid = client.pid();
    let mut docs: Vec<Doc> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            Doc { uri: file_uri(path), path: path.clone(), original_len: text.len(), text, version: 1 }
        })
        .collect();
    let mut sent: HashMap<String, HashSet<i64>> = HashMap::new();
    for doc in &docs {
        client.open(&doc.uri, &doc.text);
        sent.entry(doc.uri.clone()).or_default().insert(doc.version);
    }
    let mut published = Published::default();
    let (mut saves, mut watched) = (0, 0);
    for step in 0..edits {
        let d = rng.below(docs.len());
        let doc = &mut docs[d];
        let changes: Vec<Value> =
            (0..if rng.chance(150) { 2 + rng.below(2) } else { 1 }).map(|_| random_change(&mut rng, doc)).collect();
        doc.version += 1;
        sent.entry(doc.uri.clone()).or_default().insert(doc.version);
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": doc.uri, "version": doc.version }, "contentChanges": changes }),
        );
        if rng.chance(HOVERS_PER_MILLE) {
            // A hover anywhere, not waited for (an editor goes on typing): any answer will do,
            // but there must be one. At most a few are outstanding, as tower-lsp serves a few
            // requests at a time.
            let doc = &docs[rng.below(docs.len())];
            let at = boundary(&mut rng, &doc.text);
            hover(&mut client, &mut published, &sent, doc, at);
        }
        if rng.chance(5) {
            // Saved as an editor does: the buffer written to its file, which the watcher reports.
            let doc = &docs[rng.below(docs.len())];
            write_file(&doc.path, &doc.text);
            client.notify("textDocument/didSave", json!({ "textDocument": { "uri": doc.uri } }));
            client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": doc.uri, "type": 2 }] }));
            saves += 1;
        }
        if rng.chance(12) {
            // Wire copy comes and goes, a few files at a time; now and then an open document's
            // file changes on disk under its buffer (the buffer wins).
            let mut events = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let path = rng.pick(&wire).clone();
                let kind = if path.exists() && rng.chance(400) {
                    std::fs::remove_file(&path).unwrap();
                    3
                } else {
                    let kind = if path.exists() { 2 } else { 1 };
                    let story = rng.below(STORIES.len());
                    let wrong = rng.below(2);
                    write_file(&path, &article(&mut rng, story, wrong));
                    kind
                };
                events.push(json!({ "uri": format!("file://{}", path.display()), "type": kind }));
            }
            if rng.chance(250) {
                let doc = &docs[rng.below(docs.len())];
                let story = rng.below(STORIES.len());
                write_file(&doc.path, &article(&mut rng, story, 2));
                events.push(json!({ "uri": doc.uri, "type": 2 }));
            }
            client.notify("workspace/didChangeWatchedFiles", json!({ "changes": events }));
            watched += 1;
        }
        if step % 25 == 0 {
            let messages = client.drain(Duration::ZERO);
            published.take(messages, &sent);
        }
    }
    // Once the server is quiet, a last burst of typing into a few documents, a character at a
    // time with a hover where one types (as an editor asks while the text changes): edits that
    // arrive while their document is being analysed must still be analysed, and the other
    // documents refreshed, however the text got into the corpus.
    wait_for_hovers(&mut client, &mut published, &sent, 0);
    settle(&mut client, &mut published, &sent);
    for _ in 0..BURST_DOCUMENTS {
        let d = rng.below(docs.len());
        let typed = *rng.pick(&["Officials said 21 workers were hurt. ", "Zoë counted 90 ships “offshore”. "][..]);
        let mut at = boundary(&mut rng, &docs[d].text);
        for c in typed.chars() {
            let doc = &mut docs[d];
            let here = position(&doc.text, at);
            doc.text.insert(at, c);
            at += c.len_utf8();
            doc.version += 1;
            sent.entry(doc.uri.clone()).or_default().insert(doc.version);
            client.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": doc.uri, "version": doc.version },
                        "contentChanges": [{ "range": { "start": here, "end": here }, "text": c.to_string() }] }),
            );
        }
        hover(&mut client, &mut published, &sent, &docs[d], at);
    }
    wait_for_hovers(&mut client, &mut published, &sent, 0);
    let sent_at = started.elapsed();
    settle(&mut client, &mut published, &sent);
    let settled_at = started.elapsed();
    let peak_kb = status_kb(pid, "VmHWM:");
    let rss_kb = status_kb(pid, "VmRSS:");
    client.shutdown();

    // Every open document ends on the version last sent, and nothing stale was ever published.
    let mut problems = published.violations.clone();
    for doc in &docs {
        match published.last.get(&doc.uri) {
            Some((Some(version), _)) if *version == doc.version => {}
            other => problems.push(format!(
                "{}: the last publication is {:?}, not the last version sent ({})",
                doc.uri,
                other.map(|(v, _)| v),
                doc.version
            )),
        }
    }

    // A fresh server over the same files on disk, given the same 50 final texts.
    let (mut fresh, _) = LspClient::start(Some(dir), &["utf-16"]);
    let mut fresh_published = Published::default();
    let mut fresh_sent: HashMap<String, HashSet<i64>> = HashMap::new();
    settle(&mut fresh, &mut fresh_published, &fresh_sent);
    for doc in &docs {
        fresh.open(&doc.uri, &doc.text);
        fresh_sent.entry(doc.uri.clone()).or_default().insert(1);
    }
    settle(&mut fresh, &mut fresh_published, &fresh_sent);
    fresh.shutdown();
    problems.extend(fresh_published.violations.iter().map(|v| format!("fresh server: {v}")));
    let mut findings = 0;
    let mut differing = 0;
    for doc in &docs {
        let soak = published.last.get(&doc.uri).map(|(_, d)| canonical_set(d)).unwrap_or_default();
        let Some((_, fresh)) = fresh_published.last.get(&doc.uri) else {
            problems.push(format!("{}: the fresh server published nothing", doc.uri));
            continue;
        };
        let fresh = canonical_set(fresh);
        findings += fresh.len();
        if soak != fresh {
            differing += 1;
            let only_soak: Vec<&String> = soak.iter().filter(|d| !fresh.contains(d)).collect();
            let only_fresh: Vec<&String> = fresh.iter().filter(|d| !soak.contains(d)).collect();
            problems.push(format!(
                "{}: the soak's last diagnostics differ from a fresh analysis\n  only after the soak: {only_soak:#?}\n  only fresh: {only_fresh:#?}\n  text: {:?}",
                doc.uri, doc.text
            ));
        }
    }
    let by_code: BTreeMap<String, usize> =
        fresh_published.last.values().flat_map(|(_, d)| d.iter()).fold(BTreeMap::new(), |mut counts, d| {
            *counts.entry(d["code"].as_str().unwrap_or("").to_string()).or_default() += 1;
            counts
        });
    eprintln!(
        "soak (seed {seed:#x}): {edits} edits over {} documents, {} hovers ({} with a result, slowest {:.1?}), {saves} saves, {watched} watched-file notifications; {} publications; sent in {sent_at:.1?}, settled at {settled_at:.1?}, checked at {:.1?}",
        docs.len(),
        published.hover_count,
        published.hover_results,
        published.slowest_hover,
        published.count,
        started.elapsed()
    );
    eprintln!(
        "soak: {findings} diagnostics at the end ({by_code:?}); {differing} documents differ from a fresh analysis"
    );
    eprintln!(
        "soak: server peak memory (VmHWM) {:.1} MB, resident at the end {:.1} MB",
        peak_kb as f64 / 1024.0,
        rss_kb as f64 / 1024.0
    );
    assert!(findings > 0, "the soak's documents should have findings to compare");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
