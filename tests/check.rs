//! `crosscheck --check` as a user runs it: golden output on the shipped seeds (human and JSON), a
//! planted draft, and the exit codes for clean runs, warnings and bad input.
//! Set `CROSSCHECK_BLESS=1` to rewrite the golden files after a reviewed change.

mod common;

use common::{copy_seeds, repo_root, seeds};
use std::path::Path;
use std::process::Output;

fn crosscheck(args: &[&str], dir: &Path) -> Output {
    common::binary().args(args).current_dir(dir).env("NO_COLOR", "1").output().expect("run crosscheck")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

fn check_golden(name: &str, actual: &str) {
    let path = repo_root().join("tests/golden").join(name);
    if std::env::var_os("CROSSCHECK_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with CROSSCHECK_BLESS=1", path.display()));
    if expected != actual {
        panic!(
            "{name} changed; review and bless with CROSSCHECK_BLESS=1.\n--- expected\n{expected}\n--- actual\n{actual}"
        );
    }
}

#[test]
fn seeds_golden_human_output() {
    let output = crosscheck(&["--check"], &repo_root());
    assert_eq!(output.status.code(), Some(0), "information only on the seeds: {}", stdout(&output));
    check_golden("seeds.txt", &stdout(&output));
}

#[test]
fn seeds_golden_json_output() {
    let output = crosscheck(&["--check", "--format", "json"], &repo_root());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let document: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["files"].as_array().map(Vec::len), Some(5));
    let finding = &document["files"][0]["findings"][0];
    for field in ["line", "column", "span", "text", "severity", "code", "message", "related"] {
        assert!(!finding[field].is_null(), "findings carry {field}: {finding}");
    }
    for field in ["path", "line", "span", "text", "relation"] {
        assert!(!finding["related"][0][field].is_null(), "related passages carry {field}");
    }
    check_golden("seeds.json", &text);
}

#[test]
fn the_pokrovsk_dispute_is_information_with_passages_and_the_territory_figures_are_quiet() {
    let output = crosscheck(&["--check"], &repo_root());
    let text = stdout(&output);
    assert!(
        text.contains(
            "info[control-disputed]: control of Pokrovsk is disputed: here Putin says Russia controls Pokrovsk;"
        ) && text.contains("(004_c6029d1a57377e79.txt:17)\n  --> seeds/000_6d7eafbd92b84179.txt:15:109\n"),
        "{text}"
    );
    assert!(text.contains(
        "   = contradicted by seeds/002_aa8f28831cedf40a.txt:14: \"Ukraine, however, said its forces still held"
    ));
    assert!(
        text.contains("--> seeds/001_6e71a199ef75fd5c.txt:14:"),
        "the article saying the city is not fully taken is flagged too"
    );
    assert!(!text.contains("figure-conflict"), "{text}");
    assert!(!text.contains("warning["), "{text}");
}

#[test]
fn single_source_hints_are_in_json_and_can_be_switched_off() {
    let count_hints = |args: &[&str]| {
        let output = crosscheck(args, &repo_root());
        let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        document["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
            .filter(|f| f["code"] == "single-source")
            .count()
    };
    assert!(count_hints(&["--check", "--format", "json"]) > 0);
    assert_eq!(count_hints(&["--check", "--format", "json", "--no-single-source"]), 0);
}

#[test]
fn a_draft_with_a_wrong_share_gets_a_warning_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(dir.path());
    std::fs::write(dir.path().join("draft.txt"), "Russian forces occupy 30 per cent of Ukraine.\n").unwrap();
    let output = crosscheck(&["--check", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let warning = text.lines().find(|l| l.starts_with("warning[figure-conflict]")).unwrap_or_else(|| panic!("{text}"));
    // The place, then the line with the figure underlined.
    assert!(
        text.contains(
            " --> ./draft.txt:1:23\n  |\n1 | Russian forces occupy 30 per cent of Ukraine.\n  |                       ^^^^^^^^^^^ the sources give another figure\n"
        ),
        "{text}"
    );
    // Four seeds agree against it, each counted once with the first passage that gives its figure.
    assert!(warning.contains("\"a fifth\" (000_6d7eafbd92b84179.txt:3, 003_1c68e4d3e0a5b355.txt:7)"), "{warning}");
    assert!(warning.contains("\"more than 19%\" (002_aa8f28831cedf40a.txt:13)"), "{warning}");
    assert!(warning.contains("\"roughly one-fifth\" (004_c6029d1a57377e79.txt:9)"), "{warning}");
    assert_eq!(warning.matches("000_6d7eafbd92b84179.txt").count(), 1, "one source, one vote: {warning}");
    assert!(
        text.contains(
            "  = contradicted by ./002_aa8f28831cedf40a.txt:13: \"Moscow currently occupies more than 19% of Ukraine"
        ),
        "{text}"
    );
}

#[test]
fn a_draft_checked_against_a_corpus_folder() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.md");
    std::fs::write(&draft, "Russia has captured Pokrovsk.\n").unwrap();
    let seeds_arg = seeds().display().to_string();
    let output = crosscheck(&["--check", "draft.md", "--corpus", &seeds_arg], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("warning[control-disputed]: \"Russia has captured Pokrovsk\" is stated as fact"),
        "{text}"
    );
    assert!(text.contains(" --> draft.md:1:1\n"), "{text}");
    assert!(text.contains("1 file checked: 1 warning"), "only the draft is checked: {text}");
}

#[test]
fn bad_input_exits_2_naming_the_file_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 au lait").unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    for (args, expected) in [
        (vec!["--check", "missing.txt"], "crosscheck: missing.txt: no such file or directory"),
        (vec!["--check", "latin1.txt"], "crosscheck: latin1.txt: not UTF-8 text"),
        (vec!["--check", "empty"], "crosscheck: empty: a folder with no articles (*.txt or *.md)"),
        (vec!["--check", "latin1.txt", "--corpus", "nowhere"], "crosscheck: nowhere: no such file or directory"),
    ] {
        let output = crosscheck(&args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let errors = stderr(&output);
        assert!(errors.contains(expected), "{args:?}: {errors}");
        assert!(!errors.contains("panicked"), "{errors}");
    }
}

#[test]
fn usage_errors_exit_2_and_help_and_version_exit_0() {
    let root = repo_root();
    assert_eq!(crosscheck(&["--check", "--format", "xml"], &root).status.code(), Some(2));
    assert_eq!(crosscheck(&["seeds"], &root).status.code(), Some(2), "a PATH needs --check");
    assert_eq!(crosscheck(&["--check", "--stdio"], &root).status.code(), Some(2));
    let help = crosscheck(&["--help"], &root);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("--corpus <DIR>"));
    let version = crosscheck(&["--version"], &root);
    assert_eq!(stdout(&version).trim(), format!("crosscheck {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn with_no_path_and_no_seeds_folder_the_error_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let output = crosscheck(&["--check"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("seeds: no such file or directory"));
}

#[test]
fn a_checked_file_inside_a_corpus_folder_is_not_its_own_source() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.txt"), "Russian forces occupy 30 per cent of Ukraine.\n").unwrap();
    std::fs::write(dir.path().join("wire.txt"), "Russian forces control a fifth of Ukraine, officials said.\n")
        .unwrap();
    std::fs::write(
        dir.path().join("agency.txt"),
        "Russian troops hold about 20 per cent of Ukrainian territory, according to a defence ministry spokesman.\n",
    )
    .unwrap();
    let output = crosscheck(&["--check", "draft.txt", "--corpus", "."], dir.path());
    let text = stdout(&output);
    assert!(
        text.contains("conflicts with \"about 20 per cent\" (agency.txt:1) and \"a fifth\" (wire.txt:1)"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1), "30 per cent is contradicted and, without itself, unsupported: {text}");
}

#[test]
fn the_project_file_sets_severities_and_ignores_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(dir.path());
    std::fs::write(
        dir.path().join("draft.txt"),
        "Russian forces occupy 30 per cent of Ukraine.\nRussia has captured Pokrovsk.\n",
    )
    .unwrap();
    let run = |dir: &Path| {
        let output = crosscheck(&["--check", "draft.txt", "--corpus", ".", "--format", "json"], dir);
        let document: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        let findings: Vec<(String, String)> = document["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] != "hint")
            .map(|f| (f["code"].as_str().unwrap().to_string(), f["severity"].as_str().unwrap().to_string()))
            .collect();
        (output.status.code(), findings)
    };
    let (code, findings) = run(dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(findings.len(), 2, "{findings:?}");
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[severity]\nfigure-conflict = \"information\"\n\n[[ignore]]\ncode = \"control-disputed\"\nfile = \"draft.txt\"\n",
    )
    .unwrap();
    let (code, findings) = run(dir.path());
    assert_eq!(findings, vec![("figure-conflict".to_string(), "information".to_string())]);
    assert_eq!(code, Some(0), "information only: nothing to fail on");
    std::fs::write(dir.path().join("crosscheck.toml"), "[severity]\nfigure-conflict = \"loud\"\n").unwrap();
    let output = crosscheck(&["--check", "draft.txt", "--corpus", "."], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("crosscheck.toml"), "{}", stderr(&output));
}

/// A newsroom folder: the seeds as wire copy under `wires/`, drafts under `desk/`.
fn newsroom(drafts: &[(&str, &str)], project: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("wires")).unwrap();
    std::fs::create_dir_all(dir.path().join("desk")).unwrap();
    copy_seeds(&dir.path().join("wires"));
    for (name, text) in drafts {
        std::fs::write(dir.path().join("desk").join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("crosscheck.toml"), project).unwrap();
    dir
}

#[test]
fn the_project_file_chooses_the_sources_and_the_drafts_and_drafts_are_no_evidence() {
    let wrong = "Russian forces occupy 30 per cent of Ukraine.\n";
    let dir = newsroom(
        &[("a.txt", wrong), ("b.txt", wrong), ("notes.md", "Call the desk.\n")],
        "sources = [\"wires/**\"]\ndrafts = [\"desk/*.txt\"]\n",
    );
    let output = crosscheck(&["--check", "--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let files: Vec<&str> = report["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 2, "only the drafts are checked: {files:?}");
    assert!(files.iter().all(|f| f.ends_with("desk/a.txt") || f.ends_with("desk/b.txt")), "{files:?}");
    for file in report["files"].as_array().unwrap() {
        let findings = file["findings"].as_array().unwrap();
        let conflict = findings.iter().find(|f| f["code"] == "figure-conflict").unwrap_or_else(|| panic!("{file}"));
        // Were the other draft evidence, its "30 per cent" would agree and soften this to information.
        assert_eq!(conflict["severity"], "warning", "a draft is evidence for no other draft: {conflict}");
        assert!(!conflict["message"].as_str().unwrap().contains("agrees with"), "{conflict}");
    }

    // Without `sources`, every article that is not a draft is one.
    std::fs::write(dir.path().join("crosscheck.toml"), "drafts = [\"desk/*.txt\"]\n").unwrap();
    let text = stdout(&crosscheck(&["--check"], dir.path()));
    assert!(text.contains("2 files checked: 0 warnings, 2 information"), "the drafts now back each other: {text}");
    std::fs::write(dir.path().join("crosscheck.toml"), "sources = [\"wires/**\"]\ndrafts = [\"desk/*.txt\"]\n")
        .unwrap();

    // A folder named on the command line gives its drafts only; with none, one clear line.
    let output = crosscheck(&["--check", "wires"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("wires: no article matches the project's drafts"), "{}", stderr(&output));
    let output = crosscheck(&["--check", "desk/notes.md"], dir.path());
    assert_eq!(output.status.code(), Some(0), "a file named on the command line is always checked");
}

#[test]
fn tolerances_and_aliases_in_the_project_file_change_the_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let run = |project: &str| {
        std::fs::write(dir.path().join("crosscheck.toml"), project).unwrap();
        let output = crosscheck(&["--check", "draft.txt", "--corpus", "."], dir.path());
        stdout(&output)
    };
    std::fs::write(
        dir.path().join("wire.txt"),
        "Officials said 1,240 people were evacuated from the flooded town of Marlow on Tuesday.\n\
         Russian forces have captured the town of Bexley, the defence ministry in Moscow said.\n",
    )
    .unwrap();
    // A second source that agrees on the figure and the day: a consensus to warn against.
    std::fs::write(
        dir.path().join("agency.txt"),
        "About 1,240 people were evacuated from the flooded town of Marlow on Tuesday, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("draft.txt"),
        "Officials said 1,310 people were evacuated from the flooded town of Marlow on Wednesday.\n\
         Azov fighters still control the town of Bexley.\n",
    )
    .unwrap();
    let strict = run("");
    assert!(strict.contains("warning[figure-conflict]: \"1,310\""), "{strict}");
    assert!(
        strict.contains(
            "warning[date-conflict]: \"Wednesday\" misreports Officials: other sources give their date as \"Tuesday\""
        ),
        "{strict}"
    );
    assert!(!strict.contains("control-disputed"), "Azov is nobody to the shipped table: {strict}");
    let tolerant = run("[tolerance]\nfigures = 0.1\ndays = 1\n\n[aliases]\nUkraine = [\"Azov\"]\n");
    assert!(!tolerant.contains("figure-conflict") && !tolerant.contains("date-conflict"), "{tolerant}");
    assert!(
        tolerant.contains("warning[control-disputed]: \"Azov fighters still control the town of Bexley\""),
        "the alias makes the fighters Ukraine's: {tolerant}"
    );
}
