//! crosscheck: cross-checks a news article against other reports of the same event.
//!
//! `engine` is the pure core; `server` (the language server) and `check` (the command line) are
//! thin edges over the same analysis, so the editor and CI can never disagree.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod config;
pub mod engine;
pub mod files;
pub mod inert;
pub mod project;
pub mod server;
