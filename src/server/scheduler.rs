//! Coalesced analysis. A request for a document starts an analysis at once when none is running
//! for it; requests that arrive meanwhile mark it dirty, and one more run follows with the latest
//! text. A result whose document generation moved on is dropped, never published. A document
//! over the size limit is refused instead: findings cleared, the user told once. No timers.
//! An analysis that re-uses the document's last one and is expected to be quick (a keystroke)
//! runs on the runtime thread that asked for it; any other runs on the blocking pool.

use super::diagnostics::to_diagnostics;
use super::position::Encoding;
use super::publish::Publisher;
use super::session::{lock, Session, Snapshot};
use crate::engine::DocId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tower_lsp::lsp_types::{Diagnostic, MessageType};

#[derive(Default)]
struct Slot {
    running: bool,
    dirty: bool,
    /// The generation of the document's text last passed on to the other open documents.
    passed_on: u64,
    /// How long its last analysis took, and the length of the text it read.
    last: Option<(Duration, usize)>,
}

/// An analysis expected to take less than this runs where it was asked for: handing it to the
/// blocking pool and back costs two thread wake-ups, much of a keystroke's wait.
const QUICK: Duration = Duration::from_millis(15);
/// Nor does a text longer than this run on the runtime, however quick its last analysis was.
const QUICK_BYTES: usize = 64 * 1024;

impl Slot {
    /// Whether an analysis of `bytes` of text, re-using the last analysis, is expected to be
    /// quick: the last one was, for a text about as long (a paste makes it longer).
    fn quick(&self, bytes: usize) -> bool {
        let Some((took, read)) = self.last else { return false };
        let scale = bytes.max(1) as f64 / read.max(1) as f64;
        bytes <= QUICK_BYTES && took.as_secs_f64() * scale.max(1.0) < QUICK.as_secs_f64()
    }
}

#[derive(Default)]
pub struct Scheduler {
    slots: Mutex<HashMap<DocId, Slot>>,
}

impl Scheduler {
    pub fn request(self: &Arc<Self>, id: DocId, publisher: &Publisher, session: &Arc<Session>) {
        let start = {
            let mut slots = lock(&self.slots);
            let slot = slots.entry(id.clone()).or_default();
            slot.dirty = true;
            !std::mem::replace(&mut slot.running, true)
        };
        if start {
            let (this, publisher, session) = (Arc::clone(self), publisher.clone(), Arc::clone(session));
            tokio::spawn(async move { this.run(id, publisher, session).await });
        }
    }

    /// A document over the size limit is not analysed: its findings are cleared, its earlier text
    /// leaves the corpus, and the user is told why once (again only after it was checked since).
    async fn refuse(self: &Arc<Self>, id: &DocId, reason: &str, publisher: &Publisher, session: &Arc<Session>) {
        let Some((uri, version)) = session.version(id) else { return };
        let worker = Arc::clone(session);
        let withdrawn_id = id.clone();
        let withdrawn = tokio::task::spawn_blocking(move || worker.withdraw(&withdrawn_id)).await.unwrap_or(false);
        publisher.publish(uri.clone(), Vec::new(), Some(version)).await;
        if session.refuse(id) {
            let name = crate::inert::one_line(&super::session::display_name(&uri)).into_owned();
            tracing::warn!("not checking {name}: {reason}");
            publisher
                .client()
                .show_message(MessageType::WARNING, format!("crosscheck is not checking {name}: {reason}."))
                .await;
        }
        if withdrawn {
            for other in session.open_ids().into_iter().filter(|other| other != id) {
                self.request(other, publisher, session);
            }
        }
    }

    async fn run(self: Arc<Self>, id: DocId, publisher: Publisher, session: Arc<Session>) {
        loop {
            if let Some(slot) = lock(&self.slots).get_mut(&id) {
                slot.dirty = false;
            }
            if let Some(reason) = session.refusal(&id) {
                self.refuse(&id, &reason, &publisher, &session).await;
            } else if let Some(snapshot) = session.snapshot(&id) {
                session.accept(&id);
                let encoding = session.abilities().encoding;
                let bytes = snapshot.text.len();
                // Not while the workspace is being read: the corpus's lock may be held a while.
                let quick = !session.indexing()
                    && session.follows_up(&id)
                    && lock(&self.slots).get(&id).is_some_and(|slot| slot.quick(bytes));
                let started = Instant::now();
                let outcome = if quick {
                    let worker = &session;
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyse(worker, snapshot, encoding)))
                        .map_err(|_| "it panicked".to_string())
                } else {
                    let worker = Arc::clone(&session);
                    tokio::task::spawn_blocking(move || analyse(&worker, snapshot, encoding))
                        .await
                        .map_err(|error| error.to_string())
                };
                if let Some(slot) = lock(&self.slots).get_mut(&id) {
                    slot.last = outcome.as_ref().ok().map(|_| (started.elapsed(), bytes));
                }
                match outcome {
                    Ok((snapshot, corpus_changed, diagnostics)) => {
                        if let Some(diagnostics) = diagnostics {
                            if session.indexing() {
                                tracing::debug!("held back findings for {id} until indexing ends");
                            } else if session.is_current(&id, snapshot.generation) {
                                publisher.publish(snapshot.uri, diagnostics, Some(snapshot.version)).await;
                            } else {
                                tracing::debug!("dropped a stale analysis of {id}");
                            }
                        }
                        // A hover or another request may have put this text in the corpus first:
                        // what counts is whether the other documents have seen it.
                        let ingested = session.ingested(&id).unwrap_or(0);
                        let unseen = lock(&self.slots).get_mut(&id).is_some_and(|slot| {
                            let unseen = slot.passed_on < ingested;
                            slot.passed_on = slot.passed_on.max(ingested);
                            unseen
                        });
                        if corpus_changed || unseen {
                            // Other open documents just gained or lost evidence.
                            for other in session.open_ids().into_iter().filter(|other| *other != id) {
                                self.request(other, &publisher, &session);
                            }
                        }
                    }
                    Err(error) => tracing::error!("the analysis of {id} failed: {error}"),
                }
                let replaced = session.take_replaced();
                if !replaced.is_empty() {
                    tokio::task::spawn_blocking(move || drop(replaced));
                }
            }
            let mut slots = lock(&self.slots);
            let Some(slot) = slots.get_mut(&id) else { break };
            if !slot.dirty {
                slot.running = false;
                break;
            }
        }
    }
}

/// Reads the snapshot into the corpus and analyses it: the snapshot, whether the corpus changed,
/// and the diagnostics (`None` when a newer edit made the text stale, and the loop runs again,
/// or while the workspace is being read, after which every open document is analysed).
fn analyse(session: &Session, snapshot: Snapshot, encoding: Encoding) -> (Snapshot, bool, Option<Vec<Diagnostic>>) {
    let superseded = || !session.is_current(&snapshot.id, snapshot.generation);
    let corpus_changed = session.ingest(&snapshot, &superseded);
    if session.indexing() {
        // Findings are held back until the workspace is read, and the refresh that follows
        // analyses the document again over the whole corpus: only its text enters now.
        return (snapshot, corpus_changed, None);
    }
    let diagnostics = session.with_corpus(|corpus| {
        let analysis = session.analysis_in(corpus, &snapshot, &superseded)?;
        let doc = corpus.get(&snapshot.id)?;
        Some(to_diagnostics(&doc, &analysis.findings, corpus, encoding))
    });
    (snapshot, corpus_changed, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(took_ms: u64, bytes: usize) -> Slot {
        Slot { last: Some((Duration::from_millis(took_ms), bytes)), ..Slot::default() }
    }

    #[test]
    fn only_an_analysis_expected_to_be_quick_runs_on_the_runtime() {
        assert!(!Slot::default().quick(3_000), "a document never analysed goes to the blocking pool");
        assert!(after(3, 3_000).quick(3_001), "a keystroke after a quick analysis");
        assert!(!after(20, 3_000).quick(3_001), "after a slow one");
        assert!(!after(3, 3_000).quick(30_000), "a paste that makes the text ten times longer");
        assert!(after(3, 30_000).quick(3_000), "a cut that makes it shorter");
        assert!(!after(0, 3_000).quick(QUICK_BYTES + 1), "a text over the bound, however quick");
    }
}
