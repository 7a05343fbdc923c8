//! `--check` for pipelines, through the binary: the output formats (JSON and SARIF validated
//! against their schemas), colour, `--fail-on`, standard input, .gitignore, and bad input that
//! is named while the rest of the run still reports.

mod common;

use common::{copy_seeds, repo_root, seeds};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn crosscheck(args: &[&str], dir: &Path) -> Output {
    common::binary().args(args).current_dir(dir).output().expect("run crosscheck")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

/// A desk with two wires and a draft whose figure both wires contradict, in other words but
/// agreeing with each other: a consensus, so a warning.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("wires")).unwrap();
    std::fs::write(dir.path().join("wires/wire.txt"), "Russian forces control a fifth of Ukraine, officials said.\n")
        .unwrap();
    std::fs::write(
        dir.path().join("wires/agency.txt"),
        "Russian troops hold about 20 per cent of Ukrainian territory, according to a defence ministry spokesman.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("draft.txt"), "Russian forces occupy 30 per cent of Ukraine.\n").unwrap();
    dir
}

fn validator(schema_path: &Path) -> jsonschema::Validator {
    let text = std::fs::read_to_string(schema_path).expect("schema");
    // The SARIF schema's pattern for `run.language` is an ECMAScript regex with a bare `]`, a
    // literal there but an error for Rust's regex engine: it is escaped, which means the same.
    let text = text.replace(r#"{2}-[a-zA-Z]{2}]?$"#, r#"{2}-[a-zA-Z]{2}\\]?$"#);
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::options().should_validate_formats(true).build(&schema).expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(document).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} is not valid:\n{}", errors.join("\n"));
}

/// Every `uri` in the log is a valid URI reference (what the schema's "uri-reference" format asks).
fn assert_uris(value: &Value) {
    let base = url::Url::parse("file:///checkout/").expect("base");
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "uri" {
                    let uri = inner.as_str().expect("a string");
                    assert!(base.join(uri).is_ok() && !uri.contains(' '), "not a URI reference: {uri}");
                }
                assert_uris(inner);
            }
        }
        Value::Array(items) => items.iter().for_each(assert_uris),
        _ => {}
    }
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_regions_and_related_passages() {
    let sarif_schema = validator(&repo_root().join("tests/schemas/sarif-schema-2.1.0.json"));
    // The seeds (information findings), a draft with a warning, and an input that cannot be read.
    let seeds_run = crosscheck(&["--check", "--format", "sarif"], &repo_root());
    let seeds_log: Value = serde_json::from_str(&stdout(&seeds_run)).expect("JSON");
    assert_valid(&sarif_schema, &seeds_log, "the seeds' SARIF");
    assert_eq!(seeds_run.status.code(), Some(0));

    let dir = desk();
    let output =
        crosscheck(&["--check", "draft.txt", "missing.txt", "--corpus", "wires", "--format", "sarif"], dir.path());
    assert_eq!(output.status.code(), Some(2), "an unreadable input: {}", stderr(&output));
    let log: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_valid(&sarif_schema, &log, "the draft's SARIF");
    assert_uris(&log);
    assert_uris(&seeds_log);
    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "crosscheck");
    let rules: Vec<&str> =
        run["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rules.contains(&"figure-conflict") && rules.contains(&"control-disputed"), "{rules:?}");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "figure-conflict");
    assert_eq!(result["level"], "warning");
    assert_eq!(rules[result["ruleIndex"].as_u64().unwrap() as usize], "figure-conflict");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "draft.txt");
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 1);
    assert_eq!(location["region"]["startColumn"], 23);
    assert_eq!(location["region"]["endColumn"], 34);
    assert_eq!(location["region"]["snippet"]["text"], "30 per cent");
    // Both wires, each with the passage that contradicts the draft.
    let related = &result["relatedLocations"];
    assert_eq!(related.as_array().map(Vec::len), Some(2), "{related}");
    assert_eq!(related[0]["physicalLocation"]["artifactLocation"]["uri"], "wires/agency.txt");
    assert_eq!(related[0]["physicalLocation"]["region"]["snippet"]["text"], "about 20 per cent");
    assert_eq!(related[0]["message"]["text"], "contradicted by agency.txt:1");
    assert_eq!(related[1]["physicalLocation"]["artifactLocation"]["uri"], "wires/wire.txt");
    assert_eq!(related[1]["physicalLocation"]["region"]["snippet"]["text"], "a fifth");
    assert_eq!(related[1]["message"]["text"], "contradicted by wire.txt:1");
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["message"]["text"], "missing.txt: no such file or directory");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let fingerprint = &result["partialFingerprints"]["crosscheckFinding/v1"];
    let again: Value = serde_json::from_str(&stdout(&crosscheck(
        &["--check", "draft.txt", "--corpus", "wires", "--format", "sarif"],
        dir.path(),
    )))
    .expect("JSON");
    assert_eq!(&again["runs"][0]["results"][0]["partialFingerprints"]["crosscheckFinding/v1"], fingerprint);
}

#[test]
fn json_output_follows_its_documented_schema() {
    let schema = validator(&repo_root().join("docs/json-output.schema.json"));
    let seeds_run: Value =
        serde_json::from_str(&stdout(&crosscheck(&["--check", "--format", "json"], &repo_root()))).expect("JSON");
    assert_valid(&schema, &seeds_run, "the seeds' JSON");
    let dir = desk();
    let output =
        crosscheck(&["--check", "draft.txt", "missing.txt", "--corpus", "wires", "--format", "json"], dir.path());
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_valid(&schema, &document, "the draft's JSON");
    assert_eq!(document["errors"][0]["path"], "missing.txt");
    assert_eq!(document["files"][0]["findings"][0]["code"], "figure-conflict");
    // The documented example is the real output of its command, apart from the order of keys.
    let doc = std::fs::read_to_string(repo_root().join("docs/json-output.md")).expect("doc");
    let example = doc.split("```json").nth(1).and_then(|rest| rest.split("```").next()).expect("an example");
    let example: Value = serde_json::from_str(example).expect("the example is JSON");
    let run: Value = serde_json::from_str(&stdout(&crosscheck(
        &["--check", "draft.txt", "missing.txt", "--corpus", "wires", "--format", "json", "--no-single-source"],
        dir.path(),
    )))
    .expect("JSON");
    assert_eq!(run, example, "docs/json-output.md's example is out of date");
}

#[test]
fn github_annotations_name_file_line_and_column_and_escape_the_message() {
    let dir = desk();
    let output = crosscheck(&["--check", "draft.txt", "--corpus", "wires", "--format", "github"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let line = text.lines().next().unwrap_or_default();
    assert!(
        line.starts_with("::warning file=draft.txt,line=1,col=23,endLine=1,endColumn=34,title=crosscheck figure-conflict::\"30 per cent\" conflicts with \"about 20 per cent\" (agency.txt%3A1) and \"a fifth\" (wire.txt%3A1)")
            || line.starts_with("::warning file=draft.txt,line=1,col=23,endLine=1,endColumn=34,title=crosscheck figure-conflict::\"30 per cent\" conflicts with \"about 20 per cent\" (agency.txt:1) and \"a fifth\" (wire.txt:1)"),
        "{text}"
    );
    assert!(line.contains("%0Acontradicted by wire.txt:1: \"Russian forces control a fifth"), "{line}");
    assert_eq!(text.lines().count(), 1, "one annotation, no hints: {text}");
    let bad = crosscheck(&["--check", "draft.txt", "gone.txt", "--corpus", "wires", "--format", "github"], dir.path());
    assert!(
        stdout(&bad).starts_with("::error file=gone.txt,title=crosscheck::no such file or directory\n"),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = desk();
    let run =
        |color: &str| stdout(&crosscheck(&["--check", "draft.txt", "--corpus", "wires", "--color", color], dir.path()));
    let painted = run("always");
    assert!(painted.contains("\x1b[1;33mwarning[figure-conflict]\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[1;33m^^^^^^^^^^^\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[1ma fifth\x1b[0m"), "the matching part of a passage is bold: {painted:?}");
    let plain = run("never");
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(!run("auto").contains('\x1b'), "a pipe is not a terminal");
}

#[test]
fn fail_on_sets_the_threshold_of_exit_1() {
    let dir = desk();
    let code = |args: &[&str]| {
        let mut all = vec!["--check", "draft.txt", "--corpus", "wires"];
        all.extend_from_slice(args);
        crosscheck(&all, dir.path()).status.code()
    };
    assert_eq!(code(&[]), Some(1), "warning is the default threshold");
    assert_eq!(code(&["--fail-on", "error"]), Some(0));
    assert_eq!(code(&["--fail-on", "never"]), Some(0));
    std::fs::write(dir.path().join("crosscheck.toml"), "[severity]\nfigure-conflict = \"information\"\n").unwrap();
    assert_eq!(code(&[]), Some(0), "information does not fail by default");
    assert_eq!(code(&["--fail-on", "information"]), Some(1));
    std::fs::write(dir.path().join("crosscheck.toml"), "[severity]\nfigure-conflict = \"error\"\n").unwrap();
    assert_eq!(code(&["--fail-on", "error"]), Some(1));
}

#[test]
fn standard_input_is_checked_under_its_given_name() {
    let dir = desk();
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[[ignore]]\ncode = \"single-source\"\nfile = \"desk/piped.txt\"\n",
    )
    .unwrap();
    let mut binary = common::binary();
    let mut child = binary
        .args(["--check", "-", "--stdin-filename", "desk/piped.txt", "--corpus", "wires", "--format", "json"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all("Russian forces occupy 30 per cent of Ukraine.\n".as_bytes()).unwrap();
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["files"][0]["path"], "desk/piped.txt");
    let codes: Vec<&str> =
        document["files"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["figure-conflict"], "the project's ignore matched the stdin name");

    // Without a name, it is <stdin>.
    let mut binary = common::binary();
    let mut child = binary
        .args(["--check", "-", "--corpus", "wires"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"Russian forces occupy 30 per cent of Ukraine.\n").unwrap();
    let text = String::from_utf8(child.wait_with_output().expect("wait").stdout).expect("UTF-8");
    assert!(text.contains(" --> <stdin>:1:23"), "{text}");

    let misuse = crosscheck(&["--check", "draft.txt", "--stdin-filename", "x.txt"], dir.path());
    assert_eq!(misuse.status.code(), Some(2));
    assert!(stderr(&misuse).contains("no PATH is `-`"), "{}", stderr(&misuse));
}

#[test]
fn bad_inputs_are_each_named_and_the_rest_is_still_reported() {
    let dir = desk();
    std::fs::write(dir.path().join("photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait").unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let output = crosscheck(
        &["--check", "draft.txt", "missing.txt", "photo.txt", "latin1.txt", "empty", "--corpus", "wires"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    for expected in [
        "crosscheck: missing.txt: no such file or directory\n",
        "crosscheck: photo.txt: a binary file, not an article\n",
        "crosscheck: latin1.txt: not UTF-8 text (invalid byte at offset 3)\n",
        "crosscheck: empty: a folder with no articles (*.txt or *.md)\n",
    ] {
        assert!(errors.contains(expected), "{expected:?} in:\n{errors}");
    }
    assert_eq!(errors.lines().count(), 4, "one line per bad input:\n{errors}");
    let text = stdout(&output);
    assert!(text.contains("warning[figure-conflict]"), "the readable draft is still checked:\n{text}");
    assert!(text.contains("1 file checked: 1 warning"), "{text}");
}

#[test]
fn folders_honour_gitignore() {
    let dir = desk();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::write(dir.path().join("archive/old.txt"), "Russian forces occupy 40 per cent of Ukraine.\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "archive/\n").unwrap();
    let text = stdout(&crosscheck(&["--check", ".", "--format", "json"], dir.path()));
    let document: Value = serde_json::from_str(&text).expect("JSON");
    let paths: Vec<&str> = document["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, vec!["./draft.txt", "./wires/agency.txt", "./wires/wire.txt"], "archive/ is ignored");
}

#[test]
fn many_files_are_reported_in_order_and_the_same_whatever_the_number_of_threads() {
    // More files than one parallel chunk, so that their findings are streamed in several.
    let dir = tempfile::tempdir().unwrap();
    for n in 0..150 {
        let figure = if n % 7 == 0 { "30 per cent" } else { "a fifth" };
        std::fs::write(
            dir.path().join(format!("a{n:03}.txt")),
            format!("Russian forces control {figure} of Ukraine, officials said.\n"),
        )
        .unwrap();
    }
    let run = |threads: &str| {
        let output = common::binary()
            .args(["--check", ".", "--format", "json"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .expect("run");
        stdout(&output)
    };
    let one = run("1");
    assert_eq!(one, run("3"));
    let document: Value = serde_json::from_str(&one).expect("JSON");
    let paths: Vec<&str> = document["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), 150);
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "in the order read");
    assert_eq!(document["summary"]["files"], 150);
    // The finding goes to the files that depart from the majority: information, since the other
    // "30 per cent" files back them. The files the majority backs get none.
    let flagged: Vec<(&str, &str)> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| {
            let finding = f["findings"].as_array().unwrap().iter().find(|x| x["code"] == "figure-conflict")?;
            Some((f["path"].as_str().unwrap(), finding["severity"].as_str().unwrap()))
        })
        .collect();
    let departing: Vec<(String, &str)> =
        (0..150).filter(|n| n % 7 == 0).map(|n| (format!("./a{n:03}.txt"), "information")).collect();
    let departing: Vec<(&str, &str)> = departing.iter().map(|(p, s)| (p.as_str(), *s)).collect();
    assert_eq!(flagged, departing, "{}", document["summary"]);
    assert!(seeds().is_dir());
}

#[test]
fn the_pre_commit_hook_checks_the_staged_articles_against_the_repository() {
    let hooks = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).expect("hook definition");
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|line| line.trim().trim_start_matches("- ").strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} in the hook"))
            .to_string()
    };
    assert_eq!(field("id"), "crosscheck");
    let files = regex::Regex::new(&field("files")).expect("files regex");
    let exclude = regex::Regex::new(&field("exclude")).expect("exclude regex");
    let staged: Vec<&str> = ["desk/draft.txt", "README.md", "src/main.rs", "docs/notes.md"]
        .into_iter()
        .filter(|f| files.is_match(f) && !exclude.is_match(f))
        .collect();
    assert_eq!(staged, vec!["desk/draft.txt", "docs/notes.md"]);

    // pre-commit runs the entry with the staged files appended, from the repository's root.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("desk")).unwrap();
    std::fs::create_dir_all(dir.path().join("wires")).unwrap();
    copy_seeds(&dir.path().join("wires"));
    std::fs::write(dir.path().join("desk/draft.txt"), "Russian forces occupy 30 per cent of Ukraine.\n").unwrap();
    let entry = field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("crosscheck"));
    let mut args: Vec<&str> = words.collect();
    args.push("desk/draft.txt");
    let output = crosscheck(&args, dir.path());
    assert_eq!(output.status.code(), Some(1), "the commit is stopped: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("warning[figure-conflict]") && text.contains("1 file checked"), "{text}");
}

#[test]
fn a_long_run_shows_progress_on_a_terminal_and_none_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..320 {
        std::fs::write(
            dir.path().join(format!("a{n:03}.txt")),
            format!("Officials said {n} people were evacuated from the town of Marlow on Tuesday.\n"),
        )
        .unwrap();
    }
    let piped = crosscheck(&["--check", ".", "--format", "json"], dir.path());
    assert!(stderr(&piped).is_empty(), "no progress into a pipe: {}", stderr(&piped));
    // `script` (util-linux) gives the run a terminal for its stderr.
    let binary = env!("CARGO_BIN_EXE_crosscheck");
    let cache = tempfile::tempdir().expect("a folder for the claims cache");
    let Ok(output) = Command::new("script")
        .args(["-qec", &format!("{binary} --check . --format json > /dev/null"), "/dev/null"])
        .env(common::CACHE_DIR, cache.path())
        .current_dir(dir.path())
        .output()
    else {
        eprintln!("skipped: no `script` to give the run a terminal");
        return;
    };
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(terminal.contains("checking [") && terminal.contains("/320 articles"), "{terminal:?}");
}

#[test]
fn a_path_that_cannot_be_read_is_named_with_the_reason() {
    let dir = desk();
    let output = crosscheck(&["--check", "draft.txt", "draft.txt/inside.txt", "--corpus", "wires"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.starts_with("crosscheck: draft.txt/inside.txt: cannot read: "), "{errors}");
    assert!(stdout(&output).contains("1 file checked: 1 warning"), "the rest is still reported");
}

#[test]
fn every_rule_is_documented_wherever_the_rules_are_listed() {
    // The rules as the checker declares them (SARIF lists every code it knows).
    let log: Value =
        serde_json::from_str(&stdout(&crosscheck(&["--check", "--format", "sarif"], &repo_root()))).expect("JSON");
    let rules: Vec<String> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            assert!(r["shortDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()), "a description: {r}");
            r["id"].as_str().expect("id").to_string()
        })
        .collect();
    assert!(rules.len() >= 10, "{rules:?}");
    let sorted = |mut codes: Vec<String>| {
        codes.sort();
        codes
    };

    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/json-output.schema.json")).expect("schema"),
    )
    .expect("JSON");
    let in_schema: Vec<String> = schema["definitions"]["finding"]["properties"]["code"]["enum"]
        .as_array()
        .expect("the code enum")
        .iter()
        .map(|c| c.as_str().expect("a code").to_string())
        .collect();
    assert_eq!(in_schema, rules, "docs/json-output.schema.json");

    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README");
    let table = readme.split("## Rules and severities").nth(1).expect("the rules section");
    let in_readme: Vec<String> = table
        .lines()
        .skip_while(|l| !l.starts_with("| code |"))
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        .map(|l| l.trim_start_matches("| `").split('`').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(sorted(in_readme), sorted(rules.clone()), "the README's rules table");

    let package: Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("editors/vscode/package.json")).expect("package.json"),
    )
    .expect("JSON");
    let settings = package["contributes"]["configuration"]["properties"]["crosscheck.severity"]["properties"]
        .as_object()
        .expect("severity settings");
    for (code, setting) in settings {
        assert!(setting["description"].as_str().is_some_and(|d| !d.is_empty()), "{code} has a description");
    }
    assert_eq!(sorted(settings.keys().cloned().collect()), sorted(rules), "the VS Code severity settings");
}
