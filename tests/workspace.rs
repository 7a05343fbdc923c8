//! The workspace as people keep it, through the real binary over JSON-RPC: folders and files linked
//! in are read, a file reached by two paths is one source, link loops are reported once and the
//! rest is read, files that are not articles are skipped with one warning each (a FIFO never
//! blocks the reader), and a burst of watched-file changes is one corpus update and one refresh.

#![cfg(unix)]

mod common;

use common::{codes, file_uri, findings, LspClient};
use serde_json::{json, Value};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

const DRAFT: &str =
    "Flooding in the Tessaly valley has destroyed 40 per cent of this year's wheat harvest, the farmers' union said.\n";
const AGENCY: &str =
    "Floods have destroyed about a quarter of the wheat harvest in the Tessaly valley, the agriculture ministry said.\n";
const RADIO: &str =
    "Floods destroyed roughly a quarter of the wheat harvest in the Tessaly valley, a regional official told the radio.\n";

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
    std::fs::write(path, text).expect("write");
}

/// A `file:` URI for the path as written, links and all (`file_uri` resolves them).
fn uri_as_written(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The draft's diagnostics once it has a finding, waited for after opening it.
fn open_draft(client: &mut LspClient, draft: &Path) -> (String, Vec<Value>) {
    let uri = file_uri(draft);
    client.open(&uri, DRAFT);
    let diagnostics = findings(&client.diagnostics(&uri, |d| !codes(d).is_empty()));
    (uri, diagnostics)
}

fn related_uris(diagnostic: &Value) -> Vec<String> {
    diagnostic["relatedInformation"]
        .as_array()
        .map(|r| r.iter().map(|i| i["location"]["uri"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

/// Found by a user: a newsroom links its wire folder into the workspace.
#[test]
fn a_folder_linked_into_the_workspace_is_read_as_part_of_the_corpus() {
    let workspace = tempfile::tempdir().unwrap();
    let wire = tempfile::tempdir().unwrap();
    write(&wire.path().join("agency.txt"), AGENCY);
    symlink(wire.path(), workspace.path().join("wire")).unwrap();
    write(&workspace.path().join("draft.txt"), DRAFT);
    let (mut client, _) = LspClient::start(Some(workspace.path()), &["utf-16"]);
    let (draft, diagnostics) = open_draft(&mut client, &workspace.path().join("draft.txt"));
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    assert_eq!(related_uris(&diagnostics[0]), vec![file_uri(&wire.path().join("agency.txt"))]);

    // The link taken away (the watcher names the folder): its articles leave the corpus.
    std::fs::remove_file(workspace.path().join("wire")).unwrap();
    let gone = uri_as_written(&workspace.path().join("wire"));
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": gone, "type": 3 }] }));
    client.diagnostics(&draft, |d| codes(d).is_empty());
    client.shutdown();
}

/// A file and a link to it (and a folder linked twice) are one article: counting it twice would
/// fake a consensus of two agreeing sources, and turn information into a warning.
#[test]
fn a_file_reached_by_several_paths_is_one_source() {
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("wire/agency.txt"), AGENCY);
    write(&dir.join("draft.txt"), DRAFT);
    symlink(dir.join("wire/agency.txt"), dir.join("again.txt")).unwrap();
    symlink(dir.join("wire"), dir.join("mirror")).unwrap();
    let (mut client, _) = LspClient::start(Some(dir), &["utf-16"]);
    let (draft, diagnostics) = open_draft(&mut client, &dir.join("draft.txt"));
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    assert_eq!(diagnostics[0]["severity"], 3, "one source, information: {diagnostics:?}");
    assert_eq!(related_uris(&diagnostics[0]), vec![file_uri(&dir.join("wire/agency.txt"))]);

    // The article opened through its link is the same document: the buffer takes its place.
    let link = uri_as_written(&dir.join("again.txt"));
    client.open(&link, AGENCY);
    client.diagnostics(&link, |_| true);
    let again = findings(&client.diagnostics(&draft, |d| !codes(d).is_empty()));
    assert_eq!(again[0]["severity"], 3, "still one source: {again:?}");
    assert_eq!(related_uris(&again[0]).len(), 1, "{again:?}");
    client.shutdown();
}

#[test]
fn link_loops_are_reported_once_each_and_the_rest_is_read() {
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("wire/agency.txt"), AGENCY);
    write(&dir.join("draft.txt"), DRAFT);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    // A link to an ancestor, and two folders that link to each other.
    symlink(dir, dir.join("wire/up")).unwrap();
    symlink(dir.join("b"), dir.join("a/to_b")).unwrap();
    symlink(dir.join("a"), dir.join("b/to_a")).unwrap();
    let mut client = LspClient::start_logged(Some(dir), "warn");
    let (_, diagnostics) = open_draft(&mut client, &dir.join("draft.txt"));
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    let log = client.wait_for_log(|log| log.matches("symbolic link loop").count() >= 2);
    let loops: Vec<&str> = log.lines().filter(|l| l.contains("symbolic link loop")).collect();
    assert_eq!(loops.len(), 2, "one line per loop:\n{log}");
    assert!(loops.iter().any(|l| l.contains("wire/up")), "{log}");
    assert!(loops.iter().any(|l| l.contains("to_a") || l.contains("to_b")), "{log}");
    client.shutdown();
}

#[test]
fn files_that_are_not_articles_are_skipped_with_one_warning_each() {
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("wire/agency.txt"), AGENCY);
    write(&dir.join("draft.txt"), DRAFT);
    write(&dir.join("latin1.txt"), b"caf\xe9 au lait\n");
    write(&dir.join("photo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    symlink(dir.join("nowhere.txt"), dir.join("gone.txt")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    let mut skipped = vec!["latin1.txt", "photo.md", "gone.txt", "pipe.txt"];
    write(&dir.join("locked.txt"), "Unreadable.\n");
    std::fs::set_permissions(dir.join("locked.txt"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(dir.join("locked.txt")).is_ok() {
        eprintln!("locked.txt left out: permissions do not stop this user (root) from reading");
        std::fs::remove_file(dir.join("locked.txt")).unwrap();
    } else {
        skipped.push("locked.txt");
    }
    let mut client = LspClient::start_logged(Some(dir), "warn");
    let (draft, diagnostics) = open_draft(&mut client, &dir.join("draft.txt"));
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    let log = client.wait_for_log(|log| skipped.iter().all(|name| log.contains(name)));
    for name in &skipped {
        let lines: Vec<&str> = log.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "one warning for {name}:\n{log}");
        assert!(lines[0].contains("WARN") && lines[0].contains("skipped"), "{}", lines[0]);
    }

    // Watched changes to them are skipped too, and the FIFO does not block the rest of the batch.
    write(&dir.join("radio.txt"), RADIO);
    let changes: Vec<Value> = ["pipe.txt", "latin1.txt", "radio.txt"]
        .iter()
        .map(|name| json!({ "uri": file_uri(&dir.join(name)), "type": 2 }))
        .collect();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    let both =
        findings(&client.diagnostics(&draft, |d| findings(d).first().is_some_and(|f| related_uris(f).len() == 2)));
    assert_eq!(related_uris(&both[0])[0], file_uri(&dir.join("radio.txt")), "{both:?}");
    client.shutdown();
}

/// The publications of the draft's diagnostics among `messages`.
fn draft_publications<'a>(messages: &'a [Value], draft: &str) -> Vec<&'a Value> {
    messages
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == draft)
        .collect()
}

/// A `git checkout` touches thousands of files at once: the server applies them as one corpus
/// update, analyses each open document once, and ends on the final files.
#[test]
fn a_burst_of_watched_changes_is_one_corpus_update_and_one_refresh() {
    const FILES: usize = 2_000;
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("draft.txt"), DRAFT);
    let mut client = LspClient::start_logged(Some(dir), "crosscheck=debug");
    let draft = file_uri(&dir.join("draft.txt"));
    client.open(&draft, DRAFT);
    client.diagnostics(&draft, |d| codes(d).is_empty());
    client.drain(Duration::from_millis(500));
    let updates_before = client.log().matches("one corpus update").count();

    // 2,000 files written, then one notification each, as a naive client sends them; the last
    // file written gives another figure.
    let path = |n: usize| dir.join(format!("checkout/{:04}.txt", n));
    for n in 0..FILES {
        let text = if n == FILES - 1 {
            AGENCY.to_string()
        } else {
            format!("The council of district {n} met on Tuesday to discuss the repair of its roads.\n")
        };
        write(&path(n), text);
    }
    for n in 0..FILES {
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": file_uri(&path(n)), "type": 1 }] }),
        );
    }
    client.diagnostics(&draft, |d| codes(d) == ["figure-conflict"]);
    let messages = client.drain(Duration::from_secs(2));
    let publications = 1 + draft_publications(&messages, &draft).len();
    let log = client.log();
    let updates = log.matches("one corpus update").count() - updates_before;
    eprintln!("the burst: {publications} publications of the draft, {updates} corpus updates");
    // Rounds of changes that arrived together; 987 publications before they were drained as one.
    assert!(publications <= 5, "{publications} publications of the draft for one burst");
    assert!(updates <= 10, "{updates} corpus updates for one burst:\n{log}");

    // And one notification with every change in it: the files rewritten, the conflict gone.
    let mut changes = Vec::new();
    for n in 0..FILES {
        write(&path(n), format!("The council of district {n} met again on Friday.\n"));
        changes.push(json!({ "uri": file_uri(&path(n)), "type": 2 }));
    }
    let updates_before = client.log().matches("one corpus update").count();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    client.diagnostics(&draft, |d| codes(d).is_empty());
    let messages = client.drain(Duration::from_secs(2));
    assert!(draft_publications(&messages, &draft).is_empty(), "one publication: {messages:?}");
    assert_eq!(client.log().matches("one corpus update").count() - updates_before, 1);
    client.shutdown();
}

// --check follows the same rules in the folders it walks.

/// Runs `crosscheck` in `dir`; a run that does not end within the client timeout fails the test
/// (a FIFO read as an article would block it for ever).
fn check_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut binary = common::binary();
    let mut child = binary
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run crosscheck");
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("crosscheck {args:?} did not end");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8");
    (output.status.code(), text(output.stdout), text(output.stderr))
}

/// The paths of the passages related to the draft's first finding in `--format json` output.
fn related_paths(json: &str) -> Vec<String> {
    let output: Value = serde_json::from_str(json).expect("JSON");
    let related = output["files"][0]["findings"][0]["related"].as_array().cloned().unwrap_or_default();
    let mut paths: Vec<String> = related.iter().map(|r| r["path"].as_str().unwrap_or("").to_string()).collect();
    paths.sort();
    paths
}

#[test]
fn check_reads_linked_folders_and_files_once() {
    let workspace = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("draft.txt"), DRAFT);
    write(&dir.join("wire/agency.txt"), AGENCY);
    write(&outside.path().join("radio.txt"), RADIO);
    symlink(outside.path(), dir.join("desk")).unwrap();
    symlink(dir.join("wire/agency.txt"), dir.join("again.txt")).unwrap();
    symlink(dir.join("wire"), dir.join("mirror")).unwrap();
    let (code, stdout, stderr) = check_in(dir, &["--check", "draft.txt", "--corpus", ".", "--format", "json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr, "");
    // The linked folder is read; the agency's article counts once, by the path without a link.
    assert_eq!(related_paths(&stdout), vec!["./desk/radio.txt", "./wire/agency.txt"], "{stdout}");
}

#[test]
fn check_skips_what_is_not_an_article_inside_a_folder_with_one_line_each() {
    let workspace = tempfile::tempdir().unwrap();
    let dir = workspace.path();
    write(&dir.join("draft.txt"), DRAFT);
    write(&dir.join("wire/agency.txt"), AGENCY);
    write(&dir.join("latin1.txt"), b"caf\xe9 au lait\n");
    write(&dir.join("photo.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    symlink(dir.join("nowhere.txt"), dir.join("gone.txt")).unwrap();
    symlink(dir, dir.join("wire/up")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(dir.join("pipe.txt")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    let mut expected = vec![
        "crosscheck: skipped ./gone.txt: a symbolic link to nothing (no such file or directory)".to_string(),
        "crosscheck: skipped ./pipe.txt: not a regular file".to_string(),
        "crosscheck: skipped ./wire/up: a symbolic link loop (back to .), not followed".to_string(),
        "crosscheck: skipped ./latin1.txt: not UTF-8 text (invalid byte at offset 3)".to_string(),
        "crosscheck: skipped ./photo.md: a binary file, not an article".to_string(),
    ];
    write(&dir.join("locked.txt"), "Unreadable.\n");
    std::fs::set_permissions(dir.join("locked.txt"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(dir.join("locked.txt")).is_ok() {
        eprintln!("locked.txt left out: permissions do not stop this user (root) from reading");
        std::fs::remove_file(dir.join("locked.txt")).unwrap();
    } else {
        expected
            .insert(3, "crosscheck: skipped ./locked.txt: cannot read: Permission denied (os error 13)".to_string());
    }
    let (code, stdout, stderr) = check_in(dir, &["--check", "draft.txt", "--corpus", "."]);
    // Skipped inside a folder: one line each, and no error.
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("info[figure-conflict]"), "the rest is read:\n{stdout}");
    // Named on the command line, the same file is still an error: exit 2.
    let (code, _, stderr) = check_in(dir, &["--check", "draft.txt", "latin1.txt"]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "crosscheck: latin1.txt: not UTF-8 text (invalid byte at offset 3)\n");
}
