//! The command line: `crosscheck [--stdio]` serves LSP on stdio, `crosscheck --check …` checks files.

use clap::{Parser, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Cross-checks news articles against other reports of the same event.",
    long_about = "Cross-checks news articles against other reports of the same event.\n\n\
                  Without --check, runs the language server on stdio (for VS Code, Neovim and other LSP clients).\n\
                  With --check, checks each PATH against the other checked files and every --corpus folder, \
                  prints the findings and exits 0 (no warnings), 1 (warnings) or 2 (bad usage or unreadable input).",
    after_help = "Exit codes: 0 nothing at warning or above, 1 at least one warning or error, 2 bad usage or unreadable input."
)]
pub struct Cli {
    /// Check files instead of serving LSP. With no PATH, checks ./seeds/.
    #[arg(long)]
    pub check: bool,

    /// Serve LSP over stdio (the default without --check; VS Code passes it).
    #[arg(long, conflicts_with = "check")]
    pub stdio: bool,

    /// Files or folders to check; folders are read recursively for *.txt and *.md.
    #[arg(value_name = "PATH", requires = "check")]
    pub paths: Vec<PathBuf>,

    /// A folder of further source articles to check against (repeatable).
    #[arg(long, value_name = "DIR", requires = "check")]
    pub corpus: Vec<PathBuf>,

    /// The project file to use instead of the nearest crosscheck.toml above the first PATH.
    #[arg(long, value_name = "FILE", requires = "check")]
    pub config: Option<PathBuf>,

    /// Leave out the hints on claims that no other source states.
    #[arg(long, requires = "check")]
    pub no_single_source: bool,

    /// Output format for --check.
    #[arg(long, value_enum, default_value_t = Format::Human, requires = "check")]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
