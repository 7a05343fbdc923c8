//! Coalesced analysis. A request for a document starts an analysis at once when none is running
//! for it; requests that arrive meanwhile mark it dirty, and one more run follows with the latest
//! text. A result whose document generation moved on is dropped, never published. A document
//! over the size limit is refused instead: findings cleared, the user told once. No timers.

use super::diagnostics::to_diagnostics;
use super::session::{lock, Session};
use crate::engine::DocId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower_lsp::lsp_types::MessageType;
use tower_lsp::Client;

#[derive(Default)]
struct Slot {
    running: bool,
    dirty: bool,
    /// The generation of the document's text last passed on to the other open documents.
    passed_on: u64,
}

#[derive(Default)]
pub struct Scheduler {
    slots: Mutex<HashMap<DocId, Slot>>,
}

impl Scheduler {
    pub fn request(self: &Arc<Self>, id: DocId, client: &Client, session: &Arc<Session>) {
        let start = {
            let mut slots = lock(&self.slots);
            let slot = slots.entry(id.clone()).or_default();
            slot.dirty = true;
            !std::mem::replace(&mut slot.running, true)
        };
        if start {
            let (this, client, session) = (Arc::clone(self), client.clone(), Arc::clone(session));
            tokio::spawn(async move { this.run(id, client, session).await });
        }
    }

    /// A document over the size limit is not analysed: its findings are cleared, its earlier text
    /// leaves the corpus, and the user is told why once (again only after it was checked since).
    async fn refuse(self: &Arc<Self>, id: &DocId, reason: &str, client: &Client, session: &Arc<Session>) {
        let Some((uri, version)) = session.version(id) else { return };
        let worker = Arc::clone(session);
        let withdrawn_id = id.clone();
        let withdrawn = tokio::task::spawn_blocking(move || worker.withdraw(&withdrawn_id)).await.unwrap_or(false);
        client.publish_diagnostics(uri.clone(), Vec::new(), Some(version)).await;
        if session.refuse(id) {
            let name = crate::inert::one_line(&super::session::display_name(&uri)).into_owned();
            tracing::warn!("not checking {name}: {reason}");
            client.show_message(MessageType::WARNING, format!("crosscheck is not checking {name}: {reason}.")).await;
        }
        if withdrawn {
            for other in session.open_ids().into_iter().filter(|other| other != id) {
                self.request(other, client, session);
            }
        }
    }

    async fn run(self: Arc<Self>, id: DocId, client: Client, session: Arc<Session>) {
        loop {
            if let Some(slot) = lock(&self.slots).get_mut(&id) {
                slot.dirty = false;
            }
            if let Some(reason) = session.refusal(&id) {
                self.refuse(&id, &reason, &client, &session).await;
            } else if let Some(snapshot) = session.snapshot(&id) {
                session.accept(&id);
                let worker = Arc::clone(&session);
                let encoding = session.abilities().encoding;
                let outcome = tokio::task::spawn_blocking(move || {
                    // A newer edit makes this text stale: stop, and the loop runs again.
                    let superseded = || !worker.is_current(&snapshot.id, snapshot.generation);
                    let corpus_changed = worker.ingest(&snapshot, &superseded);
                    let diagnostics = worker.with_corpus(|corpus| {
                        let analysis = worker.analysis_in(corpus, &snapshot, &superseded)?;
                        let doc = corpus.get(&snapshot.id)?;
                        Some(to_diagnostics(doc, &analysis.findings, corpus, encoding))
                    });
                    (snapshot, corpus_changed, diagnostics)
                })
                .await;
                match outcome {
                    Ok((snapshot, corpus_changed, diagnostics)) => {
                        if let Some(diagnostics) = diagnostics {
                            if session.indexing() {
                                tracing::debug!("held back findings for {id} until indexing ends");
                            } else if session.is_current(&id, snapshot.generation) {
                                client.publish_diagnostics(snapshot.uri, diagnostics, Some(snapshot.version)).await;
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
                                self.request(other, &client, &session);
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
