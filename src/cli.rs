//! The command line: `crosscheck [--stdio]` serves LSP on stdio, `crosscheck --check …` checks
//! files, `crosscheck --report FILE …` writes the HTML evidence report (with or without --check).

use clap::{ArgGroup, Parser, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Cross-checks news articles against other reports of the same event.",
    long_about = "Cross-checks news articles against other reports of the same event.\n\n\
                  Without --check, runs the language server on stdio (for VS Code, Neovim and other LSP clients).\n\
                  With --check, checks each PATH against the other checked files and every --corpus folder, \
                  prints the findings and exits 0 (nothing at or above --fail-on), 1 (findings at or above it) \
                  or 2 (bad usage or unreadable input; the readable files are still reported).\n\
                  With --report FILE, writes a self-contained HTML evidence report of the same analysis \
                  (alone, or along with --check).",
    after_help = "Exit codes: 0 nothing at or above --fail-on (default: warning), 1 findings at or above it, \
                  2 bad usage or an input that could not be read."
)]
#[command(group(ArgGroup::new("mode").args(["check", "report"]).multiple(true)))]
pub struct Cli {
    /// Check files instead of serving LSP. With no PATH, checks ./seeds/.
    #[arg(long)]
    pub check: bool,

    /// Serve LSP over stdio (the default without --check; VS Code passes it).
    #[arg(long, conflicts_with = "mode")]
    pub stdio: bool,

    /// Files or folders to check; folders are read recursively for *.txt and *.md, honouring
    /// .gitignore. `-` reads one article from standard input.
    #[arg(value_name = "PATH", requires = "mode")]
    pub paths: Vec<PathBuf>,

    /// The name of the article read from standard input (`-`), for messages and the project's
    /// drafts and ignores.
    #[arg(long, value_name = "NAME", requires = "mode")]
    pub stdin_filename: Option<String>,

    /// A folder of further source articles to check against (repeatable).
    #[arg(long, value_name = "DIR", requires = "mode")]
    pub corpus: Vec<PathBuf>,

    /// The project file to use instead of the nearest crosscheck.toml above the first PATH.
    #[arg(long, value_name = "FILE", requires = "mode")]
    pub config: Option<PathBuf>,

    /// Leave out the hints on claims that no other source states.
    #[arg(long, requires = "mode")]
    pub no_single_source: bool,

    /// Output format for --check: human (snippets), json (schema in docs/json-output.md), sarif
    /// (SARIF 2.1.0, for code scanning) or github (workflow annotations).
    #[arg(long, value_enum, default_value_t = Format::Human, requires = "mode")]
    pub format: Format,

    /// Colour in human output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto, requires = "mode")]
    pub color: Color,

    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Warning, requires = "mode")]
    pub fail_on: FailOn,

    /// Read and keep no extractions in the claims cache: extract every article (the cache lives
    /// in CROSSCHECK_CACHE_DIR, the project file's `cache` folder, or the user's cache folder).
    #[arg(long, requires = "mode")]
    pub no_cache: bool,

    /// Write a self-contained HTML evidence report (claims × sources) of the checked files to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Information,
    Never,
}
