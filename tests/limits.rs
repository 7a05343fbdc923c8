//! Bounded work, over real JSON-RPC against the binary: a document over the size limit is not
//! analysed (the user is told why, hovers say so, the rest of the workspace keeps working);
//! `shutdown` and `exit` are answered promptly while the largest allowed document is analysed;
//! an analysis superseded by an edit stops. `--check` refuses the same documents.

mod common;

use common::{codes, copy_seeds, file_uri, findings, LspClient};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Far longer than any of these waits needs on an idle machine, far shorter than the analyses
/// they must not wait for (minutes in a debug build).
const PROMPT: Duration = Duration::from_secs(8);

const CONFLICT: &str = "Russian forces occupy 30 per cent of Ukraine.";

/// Text of our own as dense in claims as we could write it, with no sentence end: the worst case
/// for the engine. `bytes` long, cut at a space.
fn dense_text(bytes: usize) -> String {
    let unit = "Northern forces captured 30 per cent of Ashford on Monday, “we hold the bridge,” said \
                General Tomas Varga, the chief of staff of the Eastern Command, and 1,200 troops ";
    let mut text = unit.repeat(bytes / unit.len() + 1);
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

fn whole_text_change(text: &str) -> Value {
    json!([{ "text": text }])
}

#[test]
fn a_document_over_the_size_limit_is_not_analysed_and_the_user_is_told_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    let (mut client, _) = LspClient::start_with(Some(dir.path()), &["utf-16"], json!({ "maxDocumentBytes": 6000 }));
    let big = file_uri(&dir.path().join("big.txt"));
    let big_text = format!("{CONFLICT} ").repeat(200);
    assert!(big_text.len() > 6000);
    client.open(&big, &big_text);
    let message = client.wait_for("window/showMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("big.txt") && m.contains("too large to check"))
    });
    assert!(message["message"].as_str().is_some_and(|m| m.contains("6000")), "names the limit: {message}");
    let cleared = client.diagnostics(&big, |_| true);
    assert!(cleared.is_empty(), "no findings on a document that is not checked: {cleared:?}");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": big }, "position": { "line": 0, "character": 23 } }),
    );
    assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.contains("too large to check")), "{hover}");

    // The rest of the workspace keeps working.
    let draft = file_uri(&dir.path().join("draft.txt"));
    client.open(&draft, CONFLICT);
    let diagnostics = client.diagnostics(&draft, |d| !findings(d).is_empty());
    assert!(codes(&diagnostics).contains(&"figure-conflict".to_string()), "{diagnostics:?}");

    // Cut under the limit, the document is checked again.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": big, "version": 2 }, "contentChanges": whole_text_change(CONFLICT) }),
    );
    let diagnostics = client.diagnostics(&big, |d| !findings(d).is_empty());
    assert!(codes(&diagnostics).contains(&"figure-conflict".to_string()), "{diagnostics:?}");
    client.shutdown();
}

#[test]
fn shutdown_and_exit_are_answered_promptly_while_the_largest_allowed_document_is_analysed() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let uri = file_uri(&dir.path().join("dense.txt"));
    // Just under the default limit.
    client.open(&uri, &dense_text(250 * 1024));
    std::thread::sleep(Duration::from_millis(300));
    let asked = Instant::now();
    let reply = client.request("shutdown", Value::Null);
    assert!(reply.is_null(), "{reply}");
    assert!(asked.elapsed() < PROMPT, "shutdown took {:?}", asked.elapsed());
    client.notify("exit", Value::Null);
    assert_eq!(client.close_and_wait(), Some(0));
    assert!(asked.elapsed() < PROMPT, "shutdown and exit took {:?}", asked.elapsed());
}

#[test]
fn an_analysis_superseded_by_an_edit_stops_and_the_edit_is_checked_promptly() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let uri = file_uri(&dir.path().join("draft.txt"));
    client.open(&uri, &dense_text(250 * 1024));
    std::thread::sleep(Duration::from_millis(300));
    let edited = Instant::now();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": whole_text_change(CONFLICT) }),
    );
    let published = client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri && p["version"] == 2);
    assert!(edited.elapsed() < PROMPT, "the edit's findings took {:?}", edited.elapsed());
    let codes: Vec<String> = published["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(String::from))
        .collect();
    assert!(codes.contains(&"figure-conflict".to_string()), "{published}");
    client.shutdown();
}

#[test]
fn check_refuses_a_named_article_over_the_limit_and_skips_one_found_in_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    std::fs::write(dir.path().join("crosscheck.toml"), "maxDocumentBytes = 6000\n").expect("project file");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, format!("{CONFLICT} ").repeat(200)).expect("big article");
    let named = common::binary()
        .current_dir(dir.path())
        .args(["--check", "big.txt", "--corpus", "."])
        .output()
        .expect("run --check");
    let stderr = String::from_utf8_lossy(&named.stderr);
    assert_eq!(named.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("big.txt") && stderr.contains("too large to check"), "{stderr}");

    let folder = common::binary().current_dir(dir.path()).args(["--check", "."]).output().expect("run --check");
    let stderr = String::from_utf8_lossy(&folder.stderr);
    assert_eq!(stderr.matches("too large to check").count(), 1, "{stderr}");
    assert_eq!(folder.status.code(), Some(0), "the seeds agree: {stderr}");
}
