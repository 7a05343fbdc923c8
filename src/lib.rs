//! crosscheck: cross-checks a news article against other reports of the same event.
//!
//! `engine` is the pure core; `server` (the language server) and `check` (the command line) are
//! thin edges over the same analysis, so the editor and CI can never disagree.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod engine;
pub mod files;
pub mod inert;
pub mod project;
pub mod server;

/// Logs to stderr, for the server and `--check` alike; `CROSSCHECK_LOG` sets the filter (default
/// `warn`). stdout is never written: in server mode it is the protocol.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CROSSCHECK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(false).try_init();
}
