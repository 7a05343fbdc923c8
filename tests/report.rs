//! `--report FILE`: the evidence report, through the binary. The page is self-contained and
//! escapes article text; in Debian's Chromium (driven by playwright-core, `tests/report/browser.js`)
//! it renders without console errors or fetches, shows the Pokrovsk row in the conflict colour on
//! the seeds, filters by verdict, keeps injected markup inert, and leaves a screenshot.
//! Without Chromium and playwright-core the browser half is skipped, unless
//! `CROSSCHECK_REQUIRE_CLIENTS=1` (set by `.ci/run`), which makes it fail.

mod common;

use common::{repo_root, seeds};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn crosscheck(args: &[&str], dir: &Path) -> Output {
    common::binary().args(args).current_dir(dir).output().expect("run crosscheck")
}

/// Where `.ci/run` installed playwright-core (beside code-server), and Chromium.
fn browser_tools() -> Option<PathBuf> {
    let dir = std::env::var_os("CROSSCHECK_CODE_SERVER").map(PathBuf::from)?;
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    (dir.join("node_modules/playwright-core").is_dir() && chromium.is_file()).then_some(dir)
}

/// Runs the browser check, or skips it (failing when clients are required).
fn in_chromium(report: &Path, screenshot: &Path, row: &str, verdict: &str, injected: Option<&str>) -> Option<String> {
    let Some(tools) = browser_tools() else {
        assert!(
            std::env::var("CROSSCHECK_REQUIRE_CLIENTS").map_or(true, |v| v != "1"),
            "Chromium and playwright-core are required (CROSSCHECK_REQUIRE_CLIENTS=1) but missing"
        );
        eprintln!("skipped: Chromium or playwright-core is missing; `bash .ci/run` installs them");
        return None;
    };
    let mut command = Command::new("node");
    command
        .arg(repo_root().join("tests/report/browser.js"))
        .arg(&tools)
        .arg(report)
        .arg(screenshot)
        .arg(row)
        .arg(verdict);
    if let Some(injected) = injected {
        command.arg(injected);
    }
    let output = command.output().expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "report browser test failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(screenshot.is_file(), "the screenshot is written");
    Some(stdout)
}

#[test]
fn the_report_on_the_seeds_is_self_contained_and_shows_the_pokrovsk_conflict() {
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    let output = crosscheck(&["--report", report.to_str().unwrap()], &repo_root());
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty(), "--report alone prints no findings");
    let html = std::fs::read_to_string(&report).expect("the report is written");
    assert!(html.starts_with("<!doctype html>"));
    for external in ["src=\"http", "href=\"http", "src=\"//", "@import", "url(", "<link"] {
        assert!(!html.contains(external), "the page must not fetch anything: {external}");
    }
    let pokrovsk = html.find("<span class=\"what\">control of Pokrovsk</span>").expect("a Pokrovsk row");
    let row_start = html[..pokrovsk].rfind("<tr ").expect("its row");
    assert!(html[row_start..pokrovsk].starts_with("<tr class=\"row conflict\""), "{}", &html[row_start..pokrovsk]);
    for seed in std::fs::read_dir(seeds()).unwrap() {
        let name = seed.unwrap().file_name().to_string_lossy().into_owned();
        assert!(html.contains(&format!(">{name}<small>checked</small></th>")), "a column for {name}");
    }
    // The summary counts the rows in the conflict colour; a name beside another is not one of
    // them unless the checker reports a name conflict.
    let conflict_rows = html.matches("<tr class=\"row conflict\"").count();
    let summary = if conflict_rows == 1 {
        "<b>1</b> conflict<".to_string()
    } else {
        format!("<b>{conflict_rows}</b> conflicts<")
    };
    assert!(html.contains("<b>5</b> sources") && html.contains(&summary), "the summary: {summary}");
    for row in html.split("<tr class=\"row conflict\"").skip(1) {
        let what =
            row.split("<span class=\"what\">").nth(1).and_then(|w| w.split("</span>").next()).unwrap_or_default();
        assert_ne!(what, "name in a fact", "the checker reports no name conflict on the seeds");
    }

    let screenshot = repo_root().join("target/report-seeds.png");
    if let Some(seen) = in_chromium(&report, &screenshot, "control of Pokrovsk", "conflict", None) {
        assert!(seen.contains("row \"control of Pokrovsk\": conflict"), "{seen}");
        assert!(seen.contains("no console errors, no network"), "{seen}");
    }
}

#[test]
fn markup_in_an_article_stays_inert_text_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let injected = "<script>window.__pwned=1</script>";
    std::fs::write(
        dir.path().join("wire<img src=x onerror=window.__pwned=3>.txt"),
        format!(
            "Officials said {injected} 1,240 people were evacuated from the flooded town of Marlow <img src=x onerror=\"window.__pwned=2\">.\n"
        ),
    )
    .unwrap();
    // A second source that agrees with the hostile one: the draft's figure is a warning.
    std::fs::write(
        dir.path().join("agency.txt"),
        "About 1,240 people were evacuated from the flooded town of Marlow, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("draft.txt"),
        "Officials said 1,310 people were evacuated from the flooded town of Marlow.\n",
    )
    .unwrap();
    let report = dir.path().join("report.html");
    let output = crosscheck(&["--check", "draft.txt", "--corpus", ".", "--report", "report.html"], dir.path());
    assert_eq!(output.status.code(), Some(1), "--check and --report together: the findings decide the exit");
    assert!(String::from_utf8_lossy(&output.stdout).contains("warning[figure-conflict]"));
    let html = std::fs::read_to_string(&report).expect("the report is written");
    assert!(!html.contains(injected) && !html.contains("<img"), "raw markup from an article in the page");
    assert!(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"), "shown as text");
    let screenshot = std::env::temp_dir().join("crosscheck-report-injected.png");
    if let Some(seen) = in_chromium(&report, &screenshot, "number of", "conflict", Some(injected)) {
        assert!(seen.contains("injected markup stays inert text"), "{seen}");
    }
}
