//! The `crosscheck` binary: parse the command line, then run the checker or the language server.

use clap::Parser;
use crosscheck::cli::Cli;
use std::process::ExitCode;

/// mimalloc, not the system's malloc: a keystroke allocates and frees thousands of small
/// values, and glibc spends a quarter of its instructions in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`, by its place in `mi_option_e` (the same in mimalloc 2 and
/// 3; libmimalloc-sys names no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc 3's own purge delay, in milliseconds: the option's value when nothing set it.
const MIMALLOC_DEFAULT_PURGE_DELAY_MS: std::os::raw::c_long = 1_000;
/// How long freed pages wait before they go back to the system. An analysis reads sources back
/// and lets them go within a second; mimalloc's second holds their pages through the peak.
const PURGE_DELAY_MS: std::os::raw::c_long = 10;

/// Freed pages go back to the system after `PURGE_DELAY_MS` instead of a second. A value other
/// than mimalloc's own 1,000 is left as it is: one set in `MIMALLOC_PURGE_DELAY`, or a sign that
/// the option's place names another option in this mimalloc.
fn return_freed_pages_sooner() {
    // SAFETY: both calls read or write one option of the allocator's table; the place is within
    // the table, and no other thread runs yet.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == MIMALLOC_DEFAULT_PURGE_DELAY_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS);
        }
    }
}

fn main() -> ExitCode {
    return_freed_pages_sooner();
    let cli = Cli::parse();
    if cli.check || cli.report.is_some() {
        ExitCode::from(crosscheck::check::run(&cli))
    } else {
        ExitCode::from(u8::try_from(crosscheck::server::run_stdio()).unwrap_or(1))
    }
}
