//! The claims cache through the binary, as a user meets it: a second `--check` over the same
//! corpus reads every extraction from the cache and prints the same bytes; a damaged entry gives
//! the same findings and is written anew; an edited article is extracted again while the others
//! are read; `--no-cache` and `cache = false` leave the cache alone; a folder that cannot be
//! written is one warning; and the server, started again on the same workspace, reads it from the
//! cache and publishes the same diagnostics; with the sources set aside, typing on in one
//! sentence reads what it reaches back once. Every test keeps the cache in a temporary folder
//! (`CROSSCHECK_CACHE_DIR`), observed through the debug lines `claims cache: N read, M
//! extracted` and the server's `sources set aside: … (K readings), H held now`.

mod common;

use common::{codes, copy_seeds, file_uri, LspClient, CACHE_DIR};
use std::path::{Path, PathBuf};
use std::process::Output;

const DRAFT: &str = "Russian forces occupy 30 per cent of Ukraine.\n";

/// `--check` in `dir` with the cache in `cache` and the debug log on stderr.
fn check(dir: &Path, cache: &Path, args: &[&str]) -> Output {
    common::binary()
        .args(["--check"])
        .args(args)
        .current_dir(dir)
        .env(CACHE_DIR, cache)
        .env("NO_COLOR", "1")
        .env("CROSSCHECK_LOG", "crosscheck=debug")
        .output()
        .expect("run crosscheck")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

/// The `(read, extracted)` counts of the run's cache line, which must be the only one.
fn counts(output: &Output) -> (usize, usize) {
    let log = stderr(output);
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("claims cache: ") && l.contains(" read, ")).collect();
    assert_eq!(lines.len(), 1, "one cache line per run:\n{log}");
    counts_in(lines[0])
}

fn counts_in(line: &str) -> (usize, usize) {
    let numbers: Vec<usize> = line
        .split("claims cache: ")
        .nth(1)
        .expect("the counts")
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// The entry files under the cache folder (temporary files would start with a dot).
fn entries(cache: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![cache.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    std::fs::write(dir.path().join("draft.txt"), DRAFT).expect("draft");
    dir
}

#[test]
fn a_second_check_reads_every_article_from_the_cache_and_prints_the_same() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let articles = std::fs::read_dir(dir.path()).expect("desk").count();
    for format in ["human", "json"] {
        let first = check(dir.path(), cache.path(), &[".", "--format", format]);
        let second = check(dir.path(), cache.path(), &[".", "--format", format]);
        if format == "human" {
            assert_eq!(counts(&first), (0, articles), "an empty cache: {}", stderr(&first));
            assert_eq!(entries(cache.path()).len(), articles, "one entry per article");
        }
        assert_eq!(counts(&second), (articles, 0), "everything from the cache: {}", stderr(&second));
        assert_eq!(first.status.code(), Some(1), "the draft's conflict is a warning");
        assert_eq!(second.status.code(), first.status.code());
        assert_eq!(stdout(&second), stdout(&first), "byte-identical {format} output");
        let without = check(dir.path(), cache.path(), &[".", "--format", format, "--no-cache"]);
        assert_eq!(stdout(&without), stdout(&first), "the same as without a cache ({format})");
    }
    assert!(stdout(&check(dir.path(), cache.path(), &["."])).contains("figure-conflict"));
}

#[test]
fn a_damaged_entry_gives_the_same_findings_and_is_written_anew() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let first = check(dir.path(), cache.path(), &["."]);
    let kept = entries(cache.path());
    assert_eq!(kept.len(), 6);
    let originals: Vec<Vec<u8>> = kept.iter().map(|path| std::fs::read(path).expect("entry")).collect();
    // Cut short; a flipped byte in the payload; a flipped byte in the header; empty; garbage.
    std::fs::write(&kept[0], &originals[0][..originals[0].len() / 2]).expect("cut");
    let mut flipped = originals[1].clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0xff;
    std::fs::write(&kept[1], flipped).expect("flip");
    let mut header = originals[2].clone();
    header[3] ^= 0x01;
    std::fs::write(&kept[2], header).expect("flip");
    std::fs::write(&kept[3], b"").expect("empty");
    std::fs::write(&kept[4], b"crosscheck claims\nnot an entry at all").expect("garbage");

    let second = check(dir.path(), cache.path(), &["."]);
    assert_eq!(stdout(&second), stdout(&first), "the same findings");
    assert_eq!(counts(&second), (1, 5), "{}", stderr(&second));
    assert!(stderr(&second).matches("ignoring").count() == 5, "each damaged entry is logged: {}", stderr(&second));
    for (path, original) in kept.iter().zip(&originals) {
        assert_eq!(&std::fs::read(path).expect("entry"), original, "{} written anew", path.display());
    }
    assert_eq!(entries(cache.path()), kept, "no temporary file left behind");
    let third = check(dir.path(), cache.path(), &["."]);
    assert_eq!(counts(&third), (6, 0));
    assert_eq!(stdout(&third), stdout(&first));
}

#[test]
fn an_edited_article_is_extracted_again_and_the_others_are_read() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let before = check(dir.path(), cache.path(), &["draft.txt", "--corpus", "."]);
    assert!(stdout(&before).contains("figure-conflict"), "{}", stdout(&before));
    std::fs::write(dir.path().join("draft.txt"), "Russian forces occupy a fifth of Ukraine.\n").expect("edit");
    let after = check(dir.path(), cache.path(), &["draft.txt", "--corpus", "."]);
    assert_eq!(counts(&after), (5, 1), "the seeds read, the draft extracted: {}", stderr(&after));
    assert!(!stdout(&after).contains("figure-conflict"), "the edit took: {}", stdout(&after));
    assert_eq!(after.status.code(), Some(0));
    let fresh = check(dir.path(), cache.path(), &["draft.txt", "--corpus", ".", "--no-cache"]);
    assert_eq!(stdout(&after), stdout(&fresh), "as a run without the cache reads the edited text");
    // The old text's entry stays (it is keyed by content): putting the text back reads it.
    std::fs::write(dir.path().join("draft.txt"), DRAFT).expect("undo");
    let undone = check(dir.path(), cache.path(), &["draft.txt", "--corpus", "."]);
    assert_eq!(counts(&undone), (6, 0));
    assert_eq!(stdout(&undone), stdout(&before));
}

#[test]
fn aliases_in_the_project_file_are_part_of_the_key() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let plain = check(dir.path(), cache.path(), &["."]);
    assert_eq!(counts(&plain), (0, 6));
    std::fs::write(dir.path().join("crosscheck.toml"), "[aliases]\nUkraine = [\"Kyiv's forces\"]\n").expect("aliases");
    let aliased = check(dir.path(), cache.path(), &["."]);
    assert_eq!(counts(&aliased), (0, 6), "another entity table reads nothing of the first");
    assert_eq!(counts(&check(dir.path(), cache.path(), &["."])), (6, 0));
    std::fs::remove_file(dir.path().join("crosscheck.toml")).expect("no aliases");
    let again = check(dir.path(), cache.path(), &["."]);
    assert_eq!(counts(&again), (6, 0), "the first table's entries are still there");
    assert_eq!(stdout(&again), stdout(&plain));
}

#[test]
fn no_cache_and_cache_false_leave_the_cache_folder_empty() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let output = check(dir.path(), cache.path(), &[".", "--no-cache"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!stderr(&output).contains(" read, "), "no cache, no counts: {}", stderr(&output));
    assert_eq!(std::fs::read_dir(cache.path()).expect("cache folder").count(), 0);

    std::fs::write(dir.path().join("crosscheck.toml"), "cache = false\n").expect("project file");
    let output = check(dir.path(), cache.path(), &["."]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read_dir(cache.path()).expect("cache folder").count(), 0);
}

#[test]
fn the_project_file_can_move_the_cache_into_the_project() {
    let dir = desk();
    std::fs::write(dir.path().join("crosscheck.toml"), "cache = \".crosscheck-cache\"\n").expect("project file");
    // Without CROSSCHECK_CACHE_DIR, which would win over the project file.
    let output = common::binary()
        .args(["--check", "."])
        .env_remove(CACHE_DIR)
        .current_dir(dir.path())
        .env("CROSSCHECK_LOG", "crosscheck=debug")
        .output()
        .expect("run crosscheck");
    assert_eq!(counts(&output), (0, 6), "{}", stderr(&output));
    assert_eq!(entries(&dir.path().join(".crosscheck-cache")).len(), 6);
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_one_warning() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let expected = check(dir.path(), cache.path(), &[".", "--no-cache"]);
    // A folder under a file cannot be made, whoever runs the test.
    let file = cache.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("file");
    let output = check(dir.path(), &file.join("cache"), &["."]);
    assert_eq!(output.status.code(), expected.status.code());
    assert_eq!(stdout(&output), stdout(&expected));
    let log = stderr(&output);
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warnings.len(), 1, "one warning:\n{log}");
    assert!(warnings[0].contains("claims cache") && warnings[0].contains("without it"), "{log}");
    assert_eq!(counts(&output), (0, 6));
}

/// Starts a server on `workspace` with its cache in `cache`, opens the draft and waits for its
/// conflict; the diagnostics and the scan's cache counts.
fn serve(workspace: &Path, cache: &Path) -> (Vec<serde_json::Value>, (usize, usize)) {
    let mut client = LspClient::start_logged_with_cache(Some(workspace), "crosscheck=debug", cache);
    let draft = file_uri(&workspace.join("draft.txt"));
    client.open(&draft, DRAFT);
    let diagnostics = client.diagnostics(&draft, |d| codes(d).contains(&"figure-conflict".to_string()));
    let log = client.wait_for_log(|log| log.contains("claims cache: "));
    let line = log.lines().find(|l| l.contains("claims cache: ") && l.contains(" read, ")).expect("the scan's line");
    let scanned = counts_in(line);
    client.shutdown();
    (diagnostics, scanned)
}

#[test]
fn the_server_reads_the_workspace_from_the_cache_when_started_again() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    let (first, cold) = serve(dir.path(), cache.path());
    assert_eq!(cold, (0, 6), "the first start extracts every file");
    assert_eq!(entries(cache.path()).len(), 6);
    let (second, warm) = serve(dir.path(), cache.path());
    assert_eq!(warm, (6, 0), "the second start reads every file from the cache");
    assert_eq!(second, first, "the same diagnostics");
    // And --check agrees with the server's cache: it reads everything the server stored.
    let output = check(dir.path(), cache.path(), &["."]);
    assert_eq!(counts(&output), (6, 0));
}

/// The readings and the sources held now of each of the server's analyses so far, in order.
fn readings(log: &str) -> Vec<(usize, usize)> {
    log.lines()
        .filter_map(|line| line.split_once("sources set aside: ").map(|(_, counts)| counts))
        .map(|counts| {
            let numbers: Vec<usize> =
                counts.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
            (numbers[2], numbers[3])
        })
        .collect()
}

#[test]
fn typing_in_one_sentence_reads_back_what_it_reaches_once_and_publishes_what_a_fresh_server_does() {
    let dir = desk();
    let cache = tempfile::tempdir().expect("cache folder");
    serve(dir.path(), cache.path());
    // Started again: every source is read from the cache, so set aside until an analysis reaches it.
    let mut client = LspClient::start_logged_with_cache(Some(dir.path()), "crosscheck=debug", cache.path());
    let draft = file_uri(&dir.path().join("draft.txt"));
    client.open(&draft, DRAFT);
    client.diagnostics(&draft, |d| codes(d).contains(&"figure-conflict".to_string()));
    let mut analyses = readings(&client.wait_for_log(|log| !readings(log).is_empty())).len();
    // A word typed before the full stop, one letter at a time.
    let stop = DRAFT.find('.').expect("a full stop") as u32;
    let mut text = DRAFT.to_string();
    let (mut after_each, mut last) = (Vec::new(), serde_json::Value::Null);
    for (i, letter) in " now".chars().enumerate() {
        let (at, version) = (stop + i as u32, i as i32 + 2);
        text.insert(at as usize, letter);
        let range =
            serde_json::json!({ "start": { "line": 0, "character": at }, "end": { "line": 0, "character": at } });
        client.notify(
            "textDocument/didChange",
            serde_json::json!({
                "textDocument": { "uri": draft, "version": version },
                "contentChanges": [{ "range": range, "text": letter.to_string() }]
            }),
        );
        last = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == draft && p["version"] == version)
            ["diagnostics"]
            .clone();
        let log = client.wait_for_log(|log| readings(log).len() > analyses);
        let counted = readings(&log);
        analyses = counted.len();
        after_each.push(*counted.last().expect("counted"));
    }
    let (read_by_the_first, held) = after_each[0];
    assert!(held > 0, "the edit holds what its sentence reached: {after_each:?}");
    assert!(
        after_each.iter().all(|&(read, _)| read == read_by_the_first),
        "the letters after the first read nothing back: {after_each:?}"
    );
    client.shutdown();
    let mut fresh = LspClient::start_logged_with_cache(Some(dir.path()), "crosscheck=debug", cache.path());
    fresh.open(&draft, &text);
    let published = fresh.diagnostics(&draft, |d| codes(d).contains(&"figure-conflict".to_string()));
    fresh.shutdown();
    assert_eq!(serde_json::Value::from(published), last, "after the edits, as a fresh server reads the same text");
}
