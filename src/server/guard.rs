//! A wrapper around the tower-lsp service that guards the process:
//! - every handler runs under `catch_unwind`: a panicking request is answered with an internal
//!   error and a panicking notification is logged, and the server goes on;
//! - `exit` ends the process at once. tower-lsp records it but stops serving only when the next
//!   message is read, so a client that keeps stdin open would wait forever. The exit code is 0
//!   when `shutdown` came first and 1 otherwise, as the protocol asks.

use futures::future::BoxFuture;
use futures::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::Notify;
use tower::Service;
use tower_lsp::jsonrpc::{Error, Request, Response};
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

pub struct Guard<S> {
    pub inner: S,
    pub signal: Arc<ExitSignal>,
}

impl<S> Service<Request> for Guard<S>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<'static, Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match request.method() {
            "shutdown" => self.signal.shutdown_requested.store(true, Ordering::SeqCst),
            "exit" => self.signal.exited.notify_one(),
            _ => {}
        }
        let method = request.method().to_string();
        let id = request.id().cloned();
        let handled = AssertUnwindSafe(self.inner.call(request)).catch_unwind();
        async move {
            match handled.await {
                Ok(result) => result,
                Err(_) => {
                    tracing::error!("the handler of {method} panicked; the server goes on");
                    Ok(id.map(|id| Response::from_error(id, Error::internal_error())))
                }
            }
        }
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panicking_service(
    ) -> Guard<impl Service<Request, Response = Option<Response>, Error = ExitedError, Future: Send>> {
        let inner = tower::service_fn(|request: Request| async move {
            if request.method() == "boom" {
                panic!("a bug in a handler");
            }
            Ok::<_, ExitedError>(None)
        });
        Guard { inner, signal: Arc::default() }
    }

    #[tokio::test]
    async fn a_panicking_request_gets_an_internal_error_and_the_service_goes_on() {
        let mut guard = panicking_service();
        let reply = guard.call(Request::build("boom").id(7).finish()).await.expect("served");
        let reply = serde_json::to_value(reply.expect("a reply to a request")).expect("json");
        assert_eq!(reply["id"], 7);
        assert_eq!(reply["error"]["code"], -32603);
        let notification = guard.call(Request::build("boom").finish()).await.expect("served");
        assert!(notification.is_none(), "notifications get no reply");
        assert!(guard.call(Request::build("fine").id(8).finish()).await.is_ok());
    }

    #[tokio::test]
    async fn exit_after_shutdown_is_a_clean_exit() {
        let mut guard = panicking_service();
        let signal = Arc::clone(&guard.signal);
        let code = tokio::spawn(async move { signal.wait().await });
        tokio::task::yield_now().await;
        let _ = guard.call(Request::build("shutdown").id(1).finish()).await;
        let _ = guard.call(Request::build("exit").finish()).await;
        assert_eq!(code.await.expect("joined"), 0);
    }
}
