//! Hostile text stays inert everywhere crosscheck shows it, and the project file and the ignore
//! command stay inside the project folder. Through the binary: `--check` in every format, the
//! evidence report, and the language server over real JSON-RPC. The articles are invented: a
//! flood in a town, with terminal escapes, workflow commands, Markdown, HTML and command links
//! in the sentences that disagree, and in a file name.

mod common;

use common::{file_uri, LspClient};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Output;

/// Terminal escapes (a hyperlink, clear screen, the one-byte CSI), workflow commands (new and
/// legacy, plain and percent-encoded), Markdown and HTML, a command link, a bidi override.
const HOSTILE: &str =
    "\x1b]8;;http://evil.example/\x07see\x1b]8;;\x07 \x1b[2J \u{9b}31m ::error::pwned %0A::error::encoded \
     ##[error]legacy [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> \
     </script><script>alert(2)</script> `code` \u{202e}txt.exe";

/// A file name with an escape, an encoded and a plain line break before a workflow command, a
/// legacy command, and a colon that would read as a URI scheme.
const HOSTILE_NAME: &str = "javascript:agency\x1b[2J%0A::error::named\n::error::line ##[error]x.txt";

const DRAFT: &str = "draft\x1b[31m::error::draft.txt";

/// A desk: two wires that agree on a figure and a draft that says otherwise, with hostile text in
/// every sentence that makes the finding, and hostile file names.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("wires")).expect("wires");
    std::fs::write(
        dir.path().join("wires/wire.txt"),
        format!("Flood crews in the river town of Harwick said 1,200 homes were cut off on Monday {HOSTILE}.\n"),
    )
    .expect("wire");
    std::fs::write(
        dir.path().join("wires").join(HOSTILE_NAME),
        format!(
            "About 1,200 homes in the town of Harwick were cut off by the flood on Monday\x0b::error::vertical {HOSTILE}.\n"
        ),
    )
    .expect("agency");
    std::fs::write(dir.path().join(DRAFT), format!("The flood cut off 3,400 homes in Harwick on Monday {HOSTILE}.\n"))
        .expect("draft");
    dir
}

fn crosscheck(args: &[&str], dir: &Path) -> Output {
    common::binary().args(args).current_dir(dir).output().expect("run crosscheck")
}

fn check(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--check", DRAFT, "--corpus", "wires"];
    args.extend(extra);
    let output = crosscheck(&args, dir);
    assert_eq!(output.status.code(), Some(1), "a warning: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// No control character but line breaks, and no escape sequence but the colours crosscheck paints
/// with (`ESC [ digits ; m`); no bidirectional control.
fn assert_terminal_safe(text: &str) {
    for (at, c) in text.char_indices() {
        if c == '\x1b' {
            let rest = &text[at + 1..];
            let sgr = rest.strip_prefix('[').map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';'));
            assert!(sgr.is_some_and(|r| r.starts_with('m')), "an escape sequence not ours at {at}: {:?}", &text[at..]);
            continue;
        }
        assert!(!c.is_control() || c == '\n', "control character {c:?} at {at}: {:?}", &text[at.saturating_sub(30)..]);
        assert!(!matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'), "bidi control {c:?} at {at}");
    }
}

/// No line is a workflow command the GitHub Actions runner would run: none starts with `::`
/// (after spaces), and `##[` appears nowhere (the runner reads it anywhere in a line).
fn assert_no_workflow_command(text: &str, allowed_prefixes: &[&str]) {
    for line in text.split(['\n', '\r']) {
        let trimmed = line.trim_start();
        assert!(
            !trimmed.starts_with("::") || allowed_prefixes.iter().any(|p| trimmed.starts_with(p)),
            "a line that is a workflow command: {line:?}"
        );
    }
    assert!(!text.contains("##["), "a legacy workflow command: {text:?}");
}

#[test]
fn human_output_shows_article_text_and_file_names_inert_with_or_without_colour() {
    let dir = desk();
    for color in ["never", "always"] {
        let out = check(dir.path(), &["--color", color]);
        assert!(out.contains("figure-conflict"), "{out}");
        assert_terminal_safe(&out);
        assert_no_workflow_command(&out, &[]);
        // Shown, as visible escapes, not dropped.
        assert!(out.contains("\\u{1b}]8;;http://evil.example/\\u{7}see"), "{out}");
        assert!(out.contains("\\u{9b}31m") && out.contains("\\u{202e}txt.exe"), "{out}");
        assert!(out.contains("draft\\u{1b}[31m::error::draft.txt:1:"), "the draft's name: {out}");
    }
}

#[test]
fn github_annotations_are_one_line_each_and_no_article_text_starts_a_line() {
    let dir = desk();
    let out = check(dir.path(), &["--format", "github"]);
    assert_terminal_safe(&out);
    assert_no_workflow_command(&out, &["::warning file=", "::notice file="]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "one finding, one line: {out}");
    let line = lines[0];
    // The file property: `:` and `,` escaped, so the command's `::` is the first one.
    let (command, data) = line.split_once("::").and_then(|(_, rest)| rest.split_once("::")).expect("a command");
    assert!(command.starts_with("warning file=draft\\u{1b}[31m%3A%3Aerror%3A%3Adraft.txt,line=1,"), "{command}");
    // Percent signs in the text are escaped, so `%0A` in an article stays text.
    assert!(data.contains("%250A::error::encoded"), "{data}");
    assert!(data.contains("##\\[error]legacy"), "{data}");
    assert!(
        data.contains(
            "%0Acontradicted by javascript:agency\\u{1b}[2J%250A::error::named ::error::line ##\\[error]x.txt:1"
        ),
        "{data}"
    );
}

#[test]
fn json_and_sarif_say_the_same_text_inert_and_sarif_links_nothing() {
    let dir = desk();
    let json = check(dir.path(), &["--format", "json"]);
    assert_terminal_safe(&json);
    assert_no_workflow_command(&json, &[]);
    let document: Value = serde_json::from_str(&json).expect("JSON");
    let related = &document["files"][0]["findings"][0]["related"];
    let sentences: Vec<&str> =
        related.as_array().expect("related").iter().filter_map(|r| r["sentence"].as_str()).collect();
    assert!(sentences.iter().all(|s| s.contains(HOSTILE)), "the text itself, exactly: {sentences:?}");

    let sarif = check(dir.path(), &["--format", "sarif"]);
    assert_terminal_safe(&sarif);
    assert_no_workflow_command(&sarif, &[]);
    let log: Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let result = &log["runs"][0]["results"][0];
    let message = result["message"]["text"].as_str().expect("message");
    // `[text](target)` is a link in a SARIF message: brackets in article text are escaped.
    assert!(message.contains("\\[click\\](command:workbench.action.terminal.new)"), "{message}");
    assert!(!message.contains("[click]("), "{message}");
    assert!(result["message"].get("markdown").is_none());
    // Every URI is a relative reference or a file URI: a `:` in a file name is no scheme.
    let mut uris = Vec::new();
    collect_uris(&log["runs"][0]["results"], &mut uris);
    assert!(uris.len() >= 3, "{uris:?}");
    for uri in uris {
        match url::Url::parse(&uri) {
            Err(url::ParseError::RelativeUrlWithoutBase) => {}
            Ok(parsed) => assert_eq!(parsed.scheme(), "file", "{uri}"),
            Err(error) => panic!("{uri}: {error}"),
        }
    }
}

fn collect_uris(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match inner.as_str() {
                    Some(uri) if key == "uri" => into.push(uri.to_string()),
                    _ => collect_uris(inner, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_uris(item, into)),
        _ => {}
    }
}

#[test]
fn the_evidence_report_escapes_every_text_and_attribute_and_links_nowhere() {
    let dir = desk();
    let output = crosscheck(&["--report", "report.html", DRAFT, "--corpus", "wires"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let html = std::fs::read_to_string(dir.path().join("report.html")).expect("report");
    assert!(html.contains("3,400"), "the draft's claim is in the report");
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert_eq!(html.matches("</script>").count(), 1, "article text never closes the script");
    assert!(!html.contains("<img") && !html.contains("onerror=alert(1)>"), "markup shows as text");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "and is shown");
    assert!(!html.contains("href") && !html.contains("javascript:alert"), "no links");
    assert!(!html.contains('\u{202e}') && !html.contains('\x1b') && !html.contains('\u{9b}'), "no hidden controls");
    // Attribute values are quoted and escaped: no quote from article text ends one.
    for attribute in html.split(" title=\"").skip(1) {
        let value = attribute.split('"').next().unwrap_or_default();
        assert!(!value.contains(['<', '>', '\'']), "{value}");
    }
}

/// A server on a desk whose draft is open; its URI.
fn server_on(dir: &Path) -> (LspClient, String) {
    let (mut client, _) = LspClient::start(Some(dir), &["utf-16"]);
    let path = dir.canonicalize().expect("folder").join(DRAFT);
    let draft = url::Url::from_file_path(&path).expect("a file URI").to_string();
    let text = std::fs::read_to_string(&path).expect("draft");
    client.open(&draft, &text);
    (client, draft)
}

fn figure_conflicts(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics.iter().filter(|d| d["code"] == "figure-conflict").cloned().collect()
}

fn assert_plain_text_inert(text: &str) {
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "a control character in {text:?}");
    assert!(!text.chars().any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')), "bidi: {text:?}");
}

#[test]
fn diagnostics_and_their_related_messages_are_inert_plain_text() {
    let dir = desk();
    let (mut client, draft) = server_on(dir.path());
    let diagnostics = client.diagnostics(&draft, |d| {
        figure_conflicts(d).first().is_some_and(|f| f["relatedInformation"].as_array().is_some_and(|r| r.len() == 2))
    });
    let finding = &figure_conflicts(&diagnostics)[0];
    assert_plain_text_inert(finding["message"].as_str().expect("message"));
    for related in finding["relatedInformation"].as_array().expect("related") {
        let message = related["message"].as_str().expect("message");
        assert_plain_text_inert(message);
        assert!(!message.contains('\n'), "one line: {message:?}");
        assert!(message.contains("\\u{1b}[2J"), "shown, not dropped: {message}");
        assert!(related["location"]["uri"].as_str().is_some_and(|u| u.starts_with("file://")), "{related}");
    }
    client.shutdown();
}

/// Every Markdown link target in `markdown`: `](target)`.
fn link_targets(markdown: &str) -> Vec<String> {
    markdown.split("](").skip(1).map(|rest| rest.split(')').next().unwrap_or_default().to_string()).collect()
}

#[test]
fn hovers_escape_article_text_and_link_only_to_files_of_the_corpus() {
    let dir = desk();
    let (mut client, draft) = server_on(dir.path());
    // A buffer that is no file, opened by a client under a command URI: a source without a link.
    client.open(
        "command:workbench.action.terminal.new",
        "Rescuers said 1,200 homes in Harwick were cut off by the flood on Monday.\n",
    );
    client.diagnostics(&draft, |d| {
        figure_conflicts(d).first().is_some_and(|f| f["relatedInformation"].as_array().is_some_and(|r| r.len() == 3))
    });
    let text = std::fs::read_to_string(dir.path().join(DRAFT)).expect("draft");
    let character = text.find("3,400").expect("figure") as u64;
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": draft }, "position": { "line": 0, "character": character } }),
    );
    let markdown = hover["contents"]["value"].as_str().expect("a Markdown hover");
    let targets = link_targets(markdown);
    assert_eq!(targets.len(), 2, "the two wires on disk are linked, the buffer is not: {markdown}");
    for target in &targets {
        assert!(target.starts_with("file://") && target.contains("#L1"), "{target} in {markdown}");
        assert!(!target.contains(['\n', ' ', '\x1b']), "{target}");
    }
    assert!(markdown.contains("command\\:workbench.action.terminal.new\\:1"), "cited as text: {markdown}");
    assert_plain_text_inert(markdown);
    // Markdown and HTML in the text: every character Markdown reads is escaped.
    assert!(markdown.contains("\\[click\\]\\(command\\:workbench.action.terminal.new\\)"), "{markdown}");
    assert!(markdown.contains("\\<img src\\=x onerror\\=alert\\(1\\)\\>"), "{markdown}");
    assert!(markdown.contains("\\<\\/script\\>") && markdown.contains("\\`code\\`"), "{markdown}");
    let raw_angle = markdown.match_indices('<').any(|(at, _)| !markdown[..at].ends_with('\\'));
    assert!(!raw_angle, "an unescaped < in {markdown}");
    client.shutdown();
}

#[test]
fn a_glob_that_reaches_outside_the_project_folder_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("desk");
    std::fs::create_dir_all(project.join("wires")).expect("wires");
    std::fs::write(project.join("crosscheck.toml"), "sources = [\"../elsewhere/**\"]\n").expect("project file");
    std::fs::write(project.join("draft.txt"), "The flood cut off 3,400 homes in Harwick on Monday.\n").expect("draft");
    // The server says why, and in the log.
    let (mut client, _) = LspClient::start(Some(&project), &["utf-16"]);
    let shown = client.wait_for("window/showMessage", |_| true);
    let message = shown["message"].as_str().unwrap_or_default();
    assert_eq!(shown["type"], 1, "an error: {shown}");
    assert!(message.contains("\"../elsewhere/**\"") && message.contains("outside the project folder"), "{message}");
    // An absolute glob from the editor's settings too.
    client
        .notify("workspace/didChangeConfiguration", json!({ "settings": { "crosscheck": { "drafts": ["/etc/**"] } } }));
    let shown = client.wait_for("window/showMessage", |_| true);
    assert!(
        shown["message"]
            .as_str()
            .is_some_and(|m| m.contains("\"/etc/**\"") && m.contains("outside the project folder")),
        "{shown}"
    );
    client.shutdown();
    // `--check` prints it on standard error and stops.
    let output = crosscheck(&["--check", "draft.txt"], &project);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(stderr.contains("\"../elsewhere/**\"") && stderr.contains("outside the project folder"), "{stderr}");
    // Nor can the project file name another project file to read instead.
    std::fs::write(project.join("crosscheck.toml"), "configPath = \"../elsewhere/crosscheck.toml\"\n").expect("file");
    let output = crosscheck(&["--check", "draft.txt"], &project);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("configPath is an editor setting"), "{output:?}");
}

/// Runs the ignore command with `entry` and `article` as its arguments.
fn ignore(client: &mut LspClient, entry: Value, article: &str) {
    client
        .request("workspace/executeCommand", json!({ "command": "crosscheck.ignore", "arguments": [entry, article] }));
}

#[test]
fn the_ignore_command_writes_only_the_project_s_own_crosscheck_toml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("desk");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&project).expect("project");
    std::fs::create_dir_all(&outside).expect("outside");
    std::fs::write(project.join("wire.txt"), "Flood crews said 1,200 homes in Harwick were cut off on Monday.\n")
        .expect("wire");
    let (mut client, _) = LspClient::start(Some(&project), &["utf-16"]);
    let entry = json!({ "code": "figure-conflict", "file": "draft.txt",
        "text": "3,400\"\n[severity]\nfigure-conflict = \"off\"\n\u{1b}[2J" });
    let outside_uri = file_uri(&outside.join("draft.txt"));
    let dotted = format!("{}/../elsewhere/draft.txt", file_uri(&project));
    for article in [outside_uri.as_str(), dotted.as_str(), "https://evil.example/draft.txt", "untitled:Untitled-1"] {
        ignore(&mut client, entry.clone(), article);
    }
    assert!(!outside.join("crosscheck.toml").exists(), "nothing written outside the project");
    assert_eq!(std::fs::read_dir(&outside).expect("outside").count(), 0);
    let written = std::fs::read_to_string(project.join("crosscheck.toml")).expect("the project's own file");
    // The text stays one TOML string: no table smuggled in.
    let parsed = crosscheck::config::Config::parse(&written).expect("a valid project file");
    assert_eq!(parsed.ignore.len(), 4, "{written}");
    assert!(parsed.severity.is_empty(), "{written}");
    assert!(parsed.ignore.iter().all(|i| i.text.as_deref() == entry["text"].as_str()), "{written}");
    client.shutdown();

    // Without a workspace folder or a project file, the project is an open article's folder: a
    // URI of an article that is not open names no project.
    let (mut client, _) = LspClient::start(None, &["utf-16"]);
    ignore(&mut client, json!({ "code": "figure-conflict" }), &outside_uri);
    let shown = client.wait_for("window/showMessage", |_| true);
    assert!(
        shown["message"].as_str().is_some_and(|m| m.contains("no project folder") && m.contains("not an open file")),
        "{shown}"
    );
    assert!(!outside.join("crosscheck.toml").exists(), "nothing written beside an article not open");
    client.shutdown();

    // A project file that is a symbolic link to a file elsewhere is not written through.
    let target = outside.join("shared.toml");
    std::fs::write(&target, "").expect("target");
    std::fs::remove_file(project.join("crosscheck.toml")).expect("remove");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, project.join("crosscheck.toml")).expect("symlink");
    #[cfg(unix)]
    {
        let (mut client, _) = LspClient::start(Some(&project), &["utf-16"]);
        ignore(&mut client, json!({ "code": "figure-conflict" }), &file_uri(&project.join("draft.txt")));
        let shown = client.wait_for("window/showMessage", |_| true);
        assert!(shown["message"].as_str().is_some_and(|m| m.contains("symbolic link")), "{shown}");
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "", "the link's target is untouched");
        client.shutdown();
    }
}
