//! The language server driven over real Content-Length-framed JSON-RPC: negotiation, diagnostics
//! on the seeds, hovers, incremental edits with multi-byte text, refreshes of other open documents,
//! watched files, closing, and hostile input.

mod common;

use common::{codes, file_uri, findings, hint_codes, seeds, LspClient};
use serde_json::{json, Value};
use std::path::Path;

const SEED_000: &str = "000_6d7eafbd92b84179.txt";
const SEED_002: &str = "002_aa8f28831cedf40a.txt";

fn seed_text(name: &str) -> String {
    std::fs::read_to_string(seeds().join(name)).expect("seed")
}

/// A temporary workspace holding copies of the given seeds.
fn workspace_with(seed_names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in seed_names {
        std::fs::copy(seeds().join(name), dir.path().join(name)).expect("copy seed");
    }
    dir
}

fn utf16_len(s: &str) -> u64 {
    s.encode_utf16().count() as u64
}

#[test]
fn negotiates_utf8_when_offered_and_utf16_otherwise() {
    let (client, result) = LspClient::start(None, &["utf-8", "utf-16"]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");
    client.shutdown();
    let (client, result) = LspClient::start(None, &[]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.shutdown();
}

#[test]
fn a_seed_shows_the_pokrovsk_dispute_as_information_with_both_sides() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &seed_text(SEED_000));
    let diagnostics = client.diagnostics(&uri, |d| codes(d).iter().filter(|c| *c == "control-disputed").count() >= 2);
    assert!(hint_codes(&diagnostics).contains(&"single-source".to_string()), "{diagnostics:?}");
    let diagnostics = findings(&diagnostics);
    assert!(
        diagnostics.iter().all(|d| d["severity"] == 3),
        "information only: the seeds attribute each side and agree on the rest: {diagnostics:?}"
    );
    let diagnostics: Vec<Value> = diagnostics.into_iter().filter(|d| d["code"] == "control-disputed").collect();
    assert_eq!(diagnostics.len(), 2, "the Russian claim of line 15 and the Ukrainian one of line 16: {diagnostics:?}");
    for diagnostic in &diagnostics {
        assert_eq!(diagnostic["severity"], 3, "information: the seed attributes each side: {diagnostic}");
        assert_eq!(diagnostic["source"], "crosscheck");
        let related = diagnostic["relatedInformation"].as_array().expect("related information");
        assert!(!related.is_empty());
        for passage in related {
            let other = passage["location"]["uri"].as_str().unwrap();
            assert!(other.starts_with("file://") && !other.ends_with(SEED_000), "{other}");
        }
    }
    // The first finding sits on the Russian capture claim of line 15 and names the Ukrainian side.
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 14);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("Ukraine says Ukraine holds part of Pokrovsk (002_aa8f28831cedf40a.txt:14)"));
    client.shutdown();
}

#[test]
fn hover_on_the_area_figure_lists_the_other_seeds() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    let text = seed_text(SEED_000);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &text);
    client.diagnostics(&uri, |d| !d.is_empty());
    let line = text.lines().position(|l| l.contains("115,600")).unwrap();
    let column = text.lines().nth(line).unwrap().find("115,600").unwrap() + 2;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": column } }),
    );
    let markdown = hover["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    // The claim as understood: what is measured, the value and its reading, who asserts it.
    assert!(
        markdown
            .starts_with("**Verdict:** corroborated by 1 source, contradicted by 0\n\n**Figure:** 115,600 square km"),
        "{markdown}"
    );
    assert!(markdown.contains("- measures: area\n"), "{markdown}");
    assert!(markdown.contains("read as 115550–115650 km²"), "{markdown}");
    assert!(markdown.contains("- asserted by pro\\-Ukrainian maps\n"), "{markdown}");
    // File names are Markdown-escaped in the link text (ordinary punctuation such as `.` and `,`
    // stays as it is); the link goes to the line.
    let seed_002_link = format!("[002\\_aa8f28831cedf40a.txt\\:13]({}#L13)", file_uri(&seeds().join(SEED_002)));
    assert!(markdown.contains(&seed_002_link), "{markdown}");
    assert!(markdown.contains("**roughly 115,600 square kilometres**"), "the matching part is bold: {markdown}");
    // The share stated in the same claim is backed by "a fifth" and "roughly one-fifth".
    assert!(markdown.contains("003\\_1c68e4d3e0a5b355.txt\\:7"), "{markdown}");
    assert!(markdown.contains("004\\_c6029d1a57377e79.txt\\:9"), "{markdown}");
    assert!(markdown.contains("contradicted by 0"), "{markdown}");
    client.shutdown();
}

#[test]
fn the_territory_figures_of_the_seeds_raise_no_warning() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        let uri = file_uri(&path);
        client.open(&uri, &std::fs::read_to_string(&path).unwrap());
        let diagnostics = client.diagnostics(&uri, |_| true);
        assert!(diagnostics.iter().all(|d| d["severity"] != 1 && d["severity"] != 2), "{uri}: {diagnostics:?}");
    }
    client.shutdown();
}

/// A draft with — “ ” ’ and an emoji before the figure on its line, checked in both encodings.
#[test]
fn multibyte_drafts_get_ranges_in_the_negotiated_encoding_and_incremental_edits_apply() {
    let dir = workspace_with(&[SEED_000, "003_1c68e4d3e0a5b355.txt", "004_c6029d1a57377e79.txt"]);
    let prefix = "Draft — “first” ’take’ 😀: Russian forces occupy ";
    let text = format!("{prefix}30 per cent of Ukraine.\n");
    for (encoding, expected_column) in [("utf-16", utf16_len(prefix)), ("utf-8", prefix.len() as u64)] {
        let (mut client, _) = LspClient::start(Some(dir.path()), &[encoding]);
        let uri = file_uri(&dir.path().join("draft.txt"));
        client.open(&uri, &text);
        let diagnostics = client.diagnostics(&uri, |d| codes(d).contains(&"figure-conflict".to_string()));
        let conflict = &diagnostics[0];
        assert_eq!(conflict["severity"], 2, "warning");
        assert_eq!(conflict["range"]["start"], json!({ "line": 0, "character": expected_column }), "{encoding}");
        let message = conflict["message"].as_str().unwrap();
        // The three seeds agree against it, each with the first passage that gives its figure.
        assert!(
            message.contains("\"30 per cent\" conflicts with")
                && message.contains("\"a fifth\" (000_6d7eafbd92b84179.txt:3, 003_1c68e4d3e0a5b355.txt:7)")
                && message.contains("\"roughly one-fifth\" (004_c6029d1a57377e79.txt:9)"),
            "{message}"
        );

        // Replace "30" by "20", which the sources back: the warning goes away.
        let edit = |start: u64, end: u64, new: &str, version: i64| {
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": { "line": 0, "character": start }, "end": { "line": 0, "character": end } }, "text": new }]
            })
        };
        client.notify("textDocument/didChange", edit(expected_column, expected_column + 2, "20", 2));
        let published =
            client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str() && p["version"] == 2);
        assert_eq!(published["diagnostics"], json!([]), "{encoding}: 20 per cent agrees with the sources");
        // Two quick edits: the last one wins and its version is the one published.
        client.notify("textDocument/didChange", edit(expected_column, expected_column + 2, "45", 3));
        client.notify("textDocument/didChange", edit(expected_column, expected_column + 2, "35", 4));
        let published =
            client.wait_for("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str() && p["version"] == 4);
        let message = published["diagnostics"][0]["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("\"35 per cent\" conflicts"), "{encoding}: {published}");
        client.shutdown();
    }
}

#[test]
fn editing_one_open_document_refreshes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), "").unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let draft = file_uri(&dir.path().join("draft.txt"));
    let source = file_uri(&dir.path().join("wire.txt"));
    client.open(&draft, "Russian forces occupy 30 per cent of Ukraine.\n");
    let alone = client.diagnostics(&draft, |_| true);
    assert_eq!((codes(&alone), hint_codes(&alone)), (vec![], vec!["single-source".to_string()]), "{alone:?}");
    // A second buffer, not on disk, that gives another figure: the draft's evidence changed.
    client.open(&source, "Russian forces control a fifth of Ukraine, officials said.\n");
    let diagnostics = findings(&client.diagnostics(&draft, |d| !codes(d).is_empty()));
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    assert!(diagnostics[0]["relatedInformation"][0]["location"]["uri"] == source.as_str());
    client.shutdown();
}

/// Found by the soak test (tests/soak.rs): an editor asks for a hover (or code actions, inlay
/// hints…) right after an edit. When the request put the new text in the corpus before the
/// scheduler did, the scheduler found nothing new to ingest and did not refresh the other open
/// documents, which kept findings against the old text.
#[test]
fn a_request_right_after_an_edit_still_refreshes_the_other_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let draft = file_uri(&dir.path().join("draft.txt"));
    let source = file_uri(&dir.path().join("wire.txt"));
    client.open(&draft, "Russian forces occupy 30 per cent of Ukraine.\n");
    let mut text = String::from("Russian forces control a fifth of Ukraine, officials said.\n");
    client.open(&source, &text);
    client.diagnostics(&draft, |d| codes(d) == ["figure-conflict"]);
    for round in 0..12 {
        let (old, new) = if text.contains("a fifth") { ("a fifth", "30 per cent") } else { ("30 per cent", "a fifth") };
        let start = utf16_len(&text[..text.find(old).unwrap()]);
        text = text.replacen(old, new, 1);
        client.drain(std::time::Duration::from_millis(200));
        // The edit and the hover in one write, as an editor sends them.
        let edit = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": source, "version": round + 2 },
            "contentChanges": [{ "range": { "start": { "line": 0, "character": start }, "end": { "line": 0, "character": start + utf16_len(old) } }, "text": new }]
        } });
        let hover = json!({ "jsonrpc": "2.0", "id": 1000 + round, "method": "textDocument/hover", "params": {
            "textDocument": { "uri": source }, "position": { "line": 0, "character": start }
        } });
        let mut bytes = Vec::new();
        for message in [edit, hover] {
            let body = message.to_string();
            bytes.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
        }
        client.send_raw(&bytes);
        client.reply(1000 + round);
        let conflict = new == "a fifth";
        client.diagnostics(&draft, |d| codes(d).is_empty() != conflict);
    }
    client.shutdown();
}

#[test]
fn watched_file_changes_update_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    // The server registers its file watcher dynamically.
    client.wait_for("client/registerCapability", |p| {
        p["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    });
    let draft = file_uri(&dir.path().join("draft.md"));
    client.open(&draft, "Russia has captured Pokrovsk.\n");
    assert_eq!(codes(&client.diagnostics(&draft, |_| true)), Vec::<String>::new());

    let wire = dir.path().join("wire.txt");
    std::fs::write(&wire, "Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.\n")
        .unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": file_uri(&wire), "type": 1 }] }));
    let diagnostics = findings(&client.diagnostics(&draft, |d| !codes(d).is_empty()));
    assert_eq!(codes(&diagnostics), vec!["control-disputed"]);
    assert_eq!(diagnostics[0]["severity"], 2, "stated as fact while the source attributes the other side");

    std::fs::remove_file(&wire).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": file_uri(&wire), "type": 3 }] }));
    client.diagnostics(&draft, |d| codes(d).is_empty());
    client.shutdown();
}

#[test]
fn without_a_workspace_folder_the_opened_file_s_folder_is_the_corpus() {
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    let uri = file_uri(&seeds().join(SEED_002));
    client.open(&uri, &seed_text(SEED_002));
    let diagnostics = client.diagnostics(&uri, |d| codes(d).len() >= 2);
    assert!(codes(&diagnostics).iter().all(|c| c == "control-disputed"));
    client.shutdown();
}

#[test]
fn closing_clears_diagnostics() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &seed_text(SEED_000));
    client.diagnostics(&uri, |d| !d.is_empty());
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    client.diagnostics(&uri, |d| d.is_empty());
    client.shutdown();
}

#[test]
fn hostile_input_never_takes_the_server_down() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wire.txt"),
        "Russian forces control a fifth of Ukraine, officials said [click](command:workbench.action.terminal.new) <img src=x>.\n",
    )
    .unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let uri = file_uri(&dir.path().join("draft.txt"));
    client.open(&uri, "Russian forces control 20 per cent of Ukraine.\n");
    client.diagnostics(&uri, |_| true);
    // Positions far out of range, reversed ranges, unknown documents.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 9999 } }),
    );
    assert_eq!(hover, Value::Null);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 50, "character": 3 }, "end": { "line": 0, "character": 400 } }, "text": "x" }
        ] }),
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///nowhere.txt", "version": 1 }, "contentChanges": [{ "text": "" }] }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere.txt" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(hover, Value::Null);
    // An untitled buffer, which has no path, is analysed against the workspace too.
    client.open("untitled:Untitled-1", "Russian forces control 45 per cent of Ukraine.\n");
    let untitled = client.diagnostics("untitled:Untitled-1", |d| !codes(d).is_empty());
    assert_eq!(codes(&untitled), vec!["figure-conflict"]);
    // The hover over a claim backed by the hostile source shows its text inert.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": "Russian forces control 20 per cent of Ukraine.\n" }] }),
    );
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 24 } }),
    );
    let markdown = hover["contents"]["value"].as_str().expect("a hover on the figure");
    assert!(markdown.contains("[wire.txt\\:1]"), "{markdown}");
    assert!(!markdown.contains("](command:"), "{markdown}");
    assert_eq!(markdown.matches("<img").count(), markdown.matches("\\<img").count(), "HTML stays escaped: {markdown}");
    client.shutdown();
}

#[test]
fn initialize_without_capabilities_still_works() {
    let mut client = LspClient::spawn();
    let result = client.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client.notify("initialized", json!({}));
    let _ = Path::new("");
    client.shutdown();
}

#[test]
fn hover_on_a_factual_sentence_lists_the_sources_that_report_it() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-8"]);
    let text = seed_text(SEED_000);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &text);
    client.diagnostics(&uri, |d| !d.is_empty());
    let line = text.lines().position(|l| l.contains("megaphone diplomacy was not helpful")).unwrap();
    let column = text.lines().nth(line).unwrap().find("megaphone").unwrap();
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": column } }),
    );
    let markdown = hover["contents"]["value"].as_str().expect("a hover on the sentence");
    assert!(markdown.contains("**Sentence**"), "{markdown}");
    // 002 reports the clause in other words: supporting. 003 words it further apart ("noting that
    // megaphone diplomacy is unhelpful"): listed, as supporting or at least as related.
    let supporting = markdown.split("**Related").next().unwrap_or_default();
    assert!(supporting.contains("**Supporting**"), "{markdown}");
    assert!(supporting.contains("[002\\_aa8f28831cedf40a.txt\\:10]"), "Peskov in 002: {markdown}");
    assert!(markdown.contains("[003\\_1c68e4d3e0a5b355.txt\\:11]"), "Peskov in 003: {markdown}");
    client.shutdown();
}

/// Opens seed 000 in a server on the seeds and waits until its findings are in.
fn seeds_server_with_000() -> (LspClient, String, String) {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    let text = seed_text(SEED_000);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &text);
    client.diagnostics(&uri, |d| !d.is_empty());
    (client, uri, text)
}

fn position_of(text: &str, needle: &str) -> Value {
    let line = text.lines().position(|l| l.contains(needle)).expect("needle in text");
    let column = text.lines().nth(line).unwrap().find(needle).unwrap();
    json!({ "line": line, "character": utf16_len(&text.lines().nth(line).unwrap()[..column]) + 1 })
}

#[test]
fn definition_jumps_to_the_best_corroborating_passage_in_another_file() {
    let (mut client, uri, text) = seeds_server_with_000();
    let found = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": position_of(&text, "115,600") }),
    );
    assert!(found["uri"].as_str().unwrap().ends_with(SEED_002), "{found}");
    assert_eq!(found["range"]["start"]["line"], 12, "002 line 13: {found}");
    client.shutdown();
}

#[test]
fn references_list_every_passage_in_every_source() {
    let (mut client, uri, text) = seeds_server_with_000();
    let found = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri }, "position": position_of(&text, "more than 19 per cent"), "context": { "includeDeclaration": false } }),
    );
    let files: Vec<String> = found
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| l["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    for seed in ["002_aa8f28831cedf40a.txt", "003_1c68e4d3e0a5b355.txt", "004_c6029d1a57377e79.txt"] {
        assert!(files.iter().any(|f| f == seed), "{seed} missing from {files:?}");
    }
    // Positions in files that are not open are converted from the files on disk.
    let in_004 = found
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["uri"].as_str().unwrap().ends_with("004_c6029d1a57377e79.txt"))
        .unwrap();
    let line = seed_text("004_c6029d1a57377e79.txt").lines().nth(8).unwrap().to_string();
    let start = in_004["range"]["start"]["character"].as_u64().unwrap() as usize;
    assert!(
        line.encode_utf16().skip(start).take(17).eq("roughly one-fifth".encode_utf16()),
        "the range starts at UTF-16 column {start} of {line:?}"
    );
    client.shutdown();
}

#[test]
fn document_symbols_outline_the_claims_with_their_standing() {
    let (mut client, uri, _) = seeds_server_with_000();
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let symbols = symbols.as_array().expect("symbols");
    let share = symbols.iter().find(|s| s["name"] == "more than 19 per cent").expect("the share is in the outline");
    assert_eq!(share["kind"], 16, "a number");
    assert_eq!(share["detail"], "3 sources agree · 0 contradict");
    assert!(
        symbols.iter().any(|s| s["name"] == "Russian capture of the city of Pokrovsk" && s["kind"] == 19),
        "control as an object"
    );
    client.shutdown();
}

#[test]
fn workspace_symbols_find_claims_across_the_corpus() {
    let (mut client, _, _) = seeds_server_with_000();
    let found = client.request("workspace/symbol", json!({ "query": "pokrovsk" }));
    let containers: std::collections::BTreeSet<&str> =
        found.as_array().expect("symbols").iter().map(|s| s["containerName"].as_str().unwrap()).collect();
    assert!(containers.len() >= 4, "Pokrovsk is in four seeds: {containers:?}");
    let found = client.request("workspace/symbol", json!({ "query": "115,600" }));
    assert_eq!(found.as_array().map(Vec::len), Some(2), "{found}");
    client.shutdown();
}

#[test]
fn inlay_hints_count_the_sources_after_each_claim() {
    let (mut client, uri, text) = seeds_server_with_000();
    let lines = text.lines().count();
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": lines, "character": 0 } } }),
    );
    let labels: Vec<(u64, String)> = hints
        .as_array()
        .expect("hints")
        .iter()
        .map(|h| (h["position"]["line"].as_u64().unwrap(), h["label"].as_str().unwrap().to_string()))
        .collect();
    assert!(labels.contains(&(12, "3 agree".to_string())), "the share on line 13: {labels:?}");
    assert!(
        labels.contains(&(14, "2 agree · 3 contradict".to_string())),
        "the disputed capture on line 15: {labels:?}"
    );
    client.shutdown();
}

#[test]
fn a_quick_fix_replaces_a_conflicting_figure_with_the_sources_value() {
    let dir = workspace_with(&[SEED_000, "003_1c68e4d3e0a5b355.txt", "004_c6029d1a57377e79.txt"]);
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let uri = file_uri(&dir.path().join("draft.txt"));
    let text = "“Draft” — Russian forces occupy 30 per cent of Ukraine.\n";
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri, |d| codes(d).contains(&"figure-conflict".to_string()));
    let range = diagnostics[0]["range"].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": diagnostics } }),
    );
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["title"], "Replace with \"a fifth\" (2 sources)", "{actions}");
    let edit = &action["edit"]["changes"][uri.as_str()][0];
    assert_eq!(edit["newText"], "a fifth");
    assert_eq!(edit["range"], range, "the edit replaces exactly the flagged figure");
    client.shutdown();
}

#[test]
fn settings_and_the_project_file_change_what_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wire.txt"), "Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.\nRussian forces control a fifth of Ukraine, officials said.\n").unwrap();
    // A second source that agrees on the share: by default, the draft's figure is a warning.
    std::fs::write(
        dir.path().join("agency.txt"),
        "Russian troops hold about 20 per cent of Ukrainian territory, according to a defence ministry spokesman.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[[ignore]]\ncode = \"control-disputed\"\nfile = \"draft.txt\"\n",
    )
    .unwrap();
    let options = json!({ "severity": { "figure-conflict": "off" } });
    let (mut client, _) = LspClient::start_with(Some(dir.path()), &["utf-16"], options);
    let draft = file_uri(&dir.path().join("draft.txt"));
    client.open(&draft, "Russia has captured Pokrovsk.\nRussian forces occupy 30 per cent of Ukraine.\n");
    // Both findings are silenced: one by the project file, one by the editor's settings.
    let diagnostics = client.diagnostics(&draft, |_| true);
    assert_eq!(codes(&diagnostics), Vec::<String>::new(), "{diagnostics:?}");

    // Settings pushed by the client: the figure rule back on, as information.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "crosscheck": { "severity": { "figure-conflict": "information" } } } }),
    );
    let diagnostics = client.diagnostics(&draft, |d| !codes(d).is_empty());
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    assert_eq!(findings(&diagnostics)[0]["severity"], 3);

    // The project file edited on disk: the ignored rule comes back without a restart.
    std::fs::write(dir.path().join("crosscheck.toml"), "").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&dir.path().join("crosscheck.toml")), "type": 2 }] }),
    );
    let diagnostics = client.diagnostics(&draft, |d| codes(d).contains(&"control-disputed".to_string()));
    assert_eq!(codes(&diagnostics), vec!["control-disputed", "figure-conflict"]);
    client.shutdown();
}

#[test]
fn the_project_file_chooses_sources_and_drafts_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("wires")).unwrap();
    std::fs::create_dir_all(dir.path().join("desk")).unwrap();
    std::fs::write(dir.path().join("wires/wire.txt"), "Russian forces control a fifth of Ukraine, officials said.\n")
        .unwrap();
    std::fs::write(
        dir.path().join("wires/agency.txt"),
        "Russian troops hold about 20 per cent of Ukrainian territory, according to a defence ministry spokesman.\n",
    )
    .unwrap();
    let wrong = "Russian forces occupy 30 per cent of Ukraine.\n";
    std::fs::write(dir.path().join("desk/other.txt"), wrong).unwrap();
    std::fs::write(dir.path().join("crosscheck.toml"), "sources = [\"wires/**\"]\ndrafts = [\"desk/**\"]\n").unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let draft = file_uri(&dir.path().join("desk/draft.txt"));
    client.open(&draft, wrong);
    // The other draft on disk says the same, but a draft is evidence for no other: a warning.
    let diagnostics = client.diagnostics(&draft, |d| !codes(d).is_empty());
    assert_eq!(codes(&diagnostics), vec!["figure-conflict"]);
    assert_eq!(findings(&diagnostics)[0]["severity"], 2, "{diagnostics:?}");
    // A source opened in the editor is evidence, not a draft: no findings, but hovers.
    let wire = file_uri(&dir.path().join("wires/wire.txt"));
    let wire_text = std::fs::read_to_string(dir.path().join("wires/wire.txt")).unwrap();
    client.open(&wire, &wire_text);
    let diagnostics = client.diagnostics(&wire, |_| true);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": wire }, "position": position_of(&wire_text, "a fifth") }),
    );
    let hover = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(hover.contains("**Figure:** a fifth"), "{hover}");
    assert!(!hover.contains("draft.txt"), "the drafts are not evidence for the wire: {hover}");
    client.shutdown();
}

#[test]
fn aliases_and_tolerances_from_the_editor_apply_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wire.txt"),
        "Officials said 1,240 people were evacuated from the flooded town of Marlow on Tuesday.\n\
         Russian forces have captured the town of Bexley, the defence ministry in Moscow said.\n",
    )
    .unwrap();
    let options = json!({ "tolerance": { "figures": 0.1 } });
    let (mut client, _) = LspClient::start_with(Some(dir.path()), &["utf-16"], options);
    let draft = file_uri(&dir.path().join("draft.txt"));
    client.open(
        &draft,
        "Officials said 1,310 people were evacuated from the flooded town of Marlow on Wednesday.\n\
         Azov fighters still control the town of Bexley.\n",
    );
    // 1,310 is within the 10% allowed; Wednesday is not Tuesday; Azov is nobody yet.
    let diagnostics = client.diagnostics(&draft, |d| !codes(d).is_empty());
    assert_eq!(codes(&diagnostics), vec!["date-conflict"]);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "crosscheck": { "tolerance": { "figures": 0.1, "days": 1 }, "aliases": { "Ukraine": ["Azov"] } } } }),
    );
    // The corpus is read again with the alias: the fighters are Ukraine's, and Bexley is disputed.
    let diagnostics = client.diagnostics(&draft, |d| codes(d) == vec!["control-disputed"]);
    assert_eq!(codes(&diagnostics), vec!["control-disputed"]);
    client.shutdown();
}

#[test]
fn ignoring_a_finding_writes_the_project_file_and_the_diagnostic_goes_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("wire.txt"), "Russian forces control a fifth of Ukraine, officials said.\n")
        .unwrap();
    let (mut client, _) = LspClient::start(Some(dir.path()), &["utf-16"]);
    let draft = file_uri(&dir.path().join("draft.txt"));
    client.open(&draft, "Russian forces occupy 30 per cent of Ukraine.\n");
    let diagnostics = client.diagnostics(&draft, |d| !codes(d).is_empty());
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": draft }, "range": diagnostics[0]["range"], "context": { "diagnostics": [] } }),
    );
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ignore this finding (figure-conflict)")
        .unwrap_or_else(|| panic!("no ignore action in {actions}"));
    assert!(actions.as_array().unwrap().iter().any(|a| a["title"] == "Ignore figure-conflict in this file"));
    client.request("workspace/executeCommand", ignore["command"].clone());
    let project = std::fs::read_to_string(dir.path().join("crosscheck.toml")).expect("the project file is written");
    assert_eq!(project, "\n[[ignore]]\ncode = \"figure-conflict\"\nfile = \"draft.txt\"\ntext = \"30 per cent\"\n");
    client.diagnostics(&draft, |d| codes(d).is_empty());
    client.shutdown();
}

#[test]
fn plain_text_clients_get_readable_plain_text_hovers() {
    let mut client = LspClient::spawn();
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "workspaceFolders": [{ "uri": file_uri(&seeds()), "name": "seeds" }],
                "capabilities": { "textDocument": { "hover": { "contentFormat": ["plaintext"] } } } }),
    );
    client.notify("initialized", json!({}));
    let text = seed_text(SEED_000);
    let uri = file_uri(&seeds().join(SEED_000));
    client.open(&uri, &text);
    client.diagnostics(&uri, |d| !d.is_empty());
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position_of(&text, "115,600") }),
    );
    assert_eq!(hover["contents"]["kind"], "plaintext");
    let plain = hover["contents"]["value"].as_str().unwrap();
    assert!(
        plain.starts_with("Verdict: corroborated by 1 source") && !plain.contains("**") && !plain.contains("\\,"),
        "{plain}"
    );
    assert!(plain.contains("002_aa8f28831cedf40a.txt:13"), "{plain}");
    client.shutdown();
}

#[test]
fn indexing_reports_progress_to_clients_that_show_it() {
    let mut client = LspClient::spawn();
    client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "workspaceFolders": [{ "uri": file_uri(&seeds()), "name": "seeds" }],
                "capabilities": { "window": { "workDoneProgress": true } } }),
    );
    client.notify("initialized", json!({}));
    let begin = client.wait_for("$/progress", |p| p["value"]["kind"] == "begin");
    assert_eq!(begin["value"]["title"], "Indexing 5 articles");
    let end = client.wait_for("$/progress", |p| p["value"]["kind"] == "end");
    assert_eq!(end["token"], begin["token"]);
    // It answers requests once indexing is under way and after.
    let symbols = client.request("workspace/symbol", json!({ "query": "Pokrovsk" }));
    assert!(!symbols.as_array().unwrap().is_empty());
    client.shutdown();
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled_and_the_server_goes_on() {
    let (mut client, _) = LspClient::start(Some(&seeds()), &["utf-16"]);
    let text = seed_text(SEED_000);
    let uri = file_uri(&seeds().join(SEED_000));
    // A long buffer: the seed three times over, edited so that no analysis is cached yet. (Ten
    // times over took longer than the client's patience in a debug build on a loaded machine.)
    let long = text.repeat(3);
    client.open(&uri, &long);
    let position = position_of(&long, "115,600");
    for id in [9_001, 9_002] {
        client.send(&json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                             "params": { "textDocument": { "uri": uri }, "position": position } }));
    }
    client.notify("$/cancelRequest", json!({ "id": 9_001 }));
    let cancelled = client.reply(9_001);
    assert!(
        cancelled["error"]["code"] == -32800 || cancelled.get("result").is_some(),
        "cancelled, or answered before the cancellation arrived: {cancelled}"
    );
    let second = client.reply(9_002);
    assert!(second["result"]["contents"]["value"].as_str().is_some_and(|v| v.contains("square km")), "{second}");
    let hover = client.request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": position }));
    assert!(hover["contents"]["value"].as_str().is_some_and(|v| v.contains("square km")), "{hover}");
    client.shutdown();
}
