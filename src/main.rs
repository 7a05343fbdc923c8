//! The `crosscheck` binary: parse the command line, then run the checker or the language server.

use clap::Parser;
use crosscheck::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    malloc_arena_per_core();
    let cli = Cli::parse();
    if cli.check || cli.report.is_some() {
        ExitCode::from(crosscheck::check::run(&cli))
    } else {
        ExitCode::from(u8::try_from(crosscheck::server::run_stdio()).unwrap_or(1))
    }
}

/// glibc's malloc gives each thread that allocates an arena of its own, up to eight per core, and
/// each arena keeps the room freed in it for itself: the threads that read a workspace's sources
/// in parallel leave their arenas' free room behind while the corpus stays in memory. One arena
/// per core keeps less room idle. Not one arena for all: threads comparing articles in parallel
/// then wait on its lock (all against all on fnc1-train took 50 s instead of 18 s).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn malloc_arena_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    // SAFETY: mallopt only sets a tuning parameter of the allocator; it is called before any
    // other thread is started.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX));
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn malloc_arena_per_core() {}
