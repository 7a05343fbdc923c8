//! Ends the server on `exit`. tower-lsp records the notification but only stops serving when the
//! next message is read, so a client that keeps stdin open would wait forever. This wrapper
//! watches the messages going into the service and reports `exit`, with whether `shutdown` came
//! first (exit code 0) or not (1), as the protocol asks.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::Notify;
use tower::Service;
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::ExitedError;

#[derive(Default)]
pub struct ExitSignal {
    shutdown_requested: AtomicBool,
    exited: Notify,
}

impl ExitSignal {
    /// Waits for `exit`; returns the process exit code it calls for.
    pub async fn wait(&self) -> i32 {
        self.exited.notified().await;
        if self.shutdown_requested.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    }
}

pub struct WatchExit<S> {
    pub inner: S,
    pub signal: Arc<ExitSignal>,
}

impl<S> Service<Request> for WatchExit<S>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match request.method() {
            "shutdown" => self.signal.shutdown_requested.store(true, Ordering::SeqCst),
            "exit" => self.signal.exited.notify_one(),
            _ => {}
        }
        self.inner.call(request)
    }
}
