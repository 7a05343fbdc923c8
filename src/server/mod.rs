//! The language server: a thin edge over the engine. Only this module knows LSP; positions are
//! converted in `position` alone. Logs go to stderr (stdout is the protocol channel).

mod backend;
mod diagnostics;
mod documents;
mod guard;
mod hover;
mod navigation;
mod position;
mod publish;
mod scheduler;
mod session;
mod transport;
mod workspace;

pub use backend::Backend;
pub use position::Encoding;

/// The server's inner layers for the fuzz targets in `fuzz/`; not an API.
#[doc(hidden)]
pub mod fuzzing {
    pub use super::documents::OpenDocument;
    pub use super::position::{offset, position, rope_char};
    pub use super::transport::{check, frames_of, pump, Checked, MAX_BODY};

    /// The whole server, as `run_stdio` runs it, over any pair of streams.
    pub async fn serve(
        input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
        output: impl tokio::io::AsyncWrite + Unpin + Send + 'static,
    ) -> i32 {
        super::serve(input, output).await
    }
}

use std::sync::Arc;
use tower_lsp::{LspService, Server};

/// Bytes buffered between the transport and tower-lsp each way.
const PIPE_BYTES: usize = 1 << 20;
/// How long the last replies may take to reach stdout once the server is done.
const DRAIN_MILLIS: u64 = 300;

/// Serves LSP on stdin/stdout until the client exits; returns the process exit code.
pub fn run_stdio() -> i32 {
    crate::init_logging();
    // One runtime thread: the transport, tower-lsp and the handlers hand each message on as
    // tasks, and on one thread a hand-off is a poll, not a wake-up of another thread (a
    // keystroke's p99 on the seeds 1.7 → 1.1 ms). Work that takes long runs on the blocking pool.
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!("cannot start the async runtime: {error}");
            return 1;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Tokio reads stdin on a blocking thread that never returns by itself: do not wait for it.
    runtime.shutdown_background();
    code
}

/// Serves LSP from `input` to `output` until the client exits or the stream can no longer be
/// framed; returns the process exit code.
async fn serve(
    input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    output: impl tokio::io::AsyncWrite + Unpin + Send + 'static,
) -> i32 {
    // Client → transport::pump → server; server → whole frames → output, with the pump's
    // error replies and the published diagnostics between frames.
    let (frames, mut outgoing) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let diagnostics = frames.clone();
    let (service, socket) = LspService::new(move |client| Backend::publishing_to(client, Some(diagnostics)));
    let signal = Arc::new(guard::ExitSignal::default());
    let service = guard::Guard { inner: service, signal: Arc::clone(&signal) };
    let (to_server, server_input) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    tokio::spawn(transport::frames_of(from_server, frames.clone()));
    let writer = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        let mut output = output;
        while let Some(frame) = outgoing.recv().await {
            if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
                return;
            }
        }
    });
    let pump = tokio::spawn(transport::pump(input, to_server, frames, transport::MAX_BODY));
    let served = Server::new(server_input, server_output, socket).serve(service);
    let code = tokio::select! {
        () = served => 0,
        code = signal.wait() => code,
        Ok(Err(reason)) = pump => {
            tracing::error!("the client's stream can no longer be framed: {reason}");
            1
        }
    };
    // What the server has said goes out before the process ends.
    let _ = tokio::time::timeout(std::time::Duration::from_millis(DRAIN_MILLIS), writer).await;
    code
}
