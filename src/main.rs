//! The `crosscheck` binary: parse the command line, then run the checker or the language server.

use clap::Parser;
use crosscheck::cli::Cli;
use std::process::ExitCode;

/// mimalloc, not the system's malloc: a keystroke allocates and frees thousands of small
/// values, and glibc spends a quarter of its instructions in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.check || cli.report.is_some() {
        ExitCode::from(crosscheck::check::run(&cli))
    } else {
        ExitCode::from(u8::try_from(crosscheck::server::run_stdio()).unwrap_or(1))
    }
}
