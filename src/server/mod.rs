//! The language server: a thin edge over the engine. Only this module knows LSP; positions are
//! converted in `position` alone. Logs go to stderr (stdout is the protocol channel).

mod backend;
mod diagnostics;
mod documents;
mod guard;
mod hover;
mod navigation;
mod position;
mod scheduler;
mod session;
mod workspace;

pub use backend::Backend;
pub use position::Encoding;

use std::sync::Arc;
use tower_lsp::{LspService, Server};

/// Serves LSP on stdin/stdout until the client exits; returns the process exit code.
pub fn run_stdio() -> i32 {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!("cannot start the async runtime: {error}");
            return 1;
        }
    };
    let code = runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        let signal = Arc::new(guard::ExitSignal::default());
        let service = guard::Guard { inner: service, signal: Arc::clone(&signal) };
        tokio::select! {
            () = Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service) => 0,
            code = signal.wait() => code,
        }
    });
    // Tokio reads stdin on a blocking thread that never returns by itself: do not wait for it.
    runtime.shutdown_background();
    code
}

/// Logs to stderr; `CROSSCHECK_LOG` sets the filter (default `warn`).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CROSSCHECK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(false).try_init();
}
