//! Answers about one document's text that comparisons ask again and again: the clause around a
//! slot, the qualifiers of that clause, the frame of a slot, the words of a stance claim's
//! clause and whether it states something, what its stance words may bear on, a quotation's
//! sorted words. A claim is compared with up to hundreds of candidates,
//! and a source's claim is a candidate of many articles, so each answer is worked out once per
//! document and kept with it.
//! A document's text never changes: an answer never goes stale, and a new version of the text is
//! a new document with an empty memo.

use super::align::{Feature, Key};
use super::reconcile::{SlotFramePlaces, SlotReading};
use super::text::Span;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// Where in a document a question is asked: the sentence of the claim asking, and a span.
type At = (usize, Span);

#[derive(Default)]
pub struct DocMemo {
    clauses: Memo<At, Span>,
    qualifiers: Memo<At, Arc<BTreeSet<String>>>,
    frame_sides: Memo<(usize, Span, SlotReading), SlotFramePlaces>,
    stance_clauses: Memo<At, Arc<[Feature]>>,
    quote_keys: Memo<At, Arc<[u32]>>,
    states: Memo<At, bool>,
    marker_reaches: Memo<(usize, Span, &'static str, usize), MarkerReaches>,
}

/// For each stance word of a kind in a span, the keys of the words it may bear on.
pub type MarkerReaches = Arc<[Box<[Key]>]>;

impl DocMemo {
    /// The clause around `span` in `sentence`, worked out by `work` the first time.
    pub fn clause(&self, sentence: usize, span: Span, work: impl FnOnce() -> Span) -> Span {
        self.clauses.get_or((sentence, span), work)
    }

    pub fn qualifiers(
        &self,
        sentence: usize,
        span: Span,
        work: impl FnOnce() -> BTreeSet<String>,
    ) -> Arc<BTreeSet<String>> {
        self.qualifiers.get_or((sentence, span), || Arc::new(work()))
    }

    /// Where the features before and after the slot `span` stand, as `reading` frames it.
    pub fn frame_sides(
        &self,
        sentence: usize,
        span: Span,
        reading: SlotReading,
        work: impl FnOnce() -> SlotFramePlaces,
    ) -> SlotFramePlaces {
        self.frame_sides.get_or((sentence, span, reading), work)
    }

    pub fn stance_clause(&self, sentence: usize, span: Span, work: impl FnOnce() -> Vec<Feature>) -> Arc<[Feature]> {
        self.stance_clauses.get_or((sentence, span), || Arc::from(work()))
    }

    /// Whether the clause at `span` states something (a verb, an auxiliary, a stance word).
    pub fn states(&self, sentence: usize, span: Span, work: impl FnOnce() -> bool) -> bool {
        self.states.get_or((sentence, span), work)
    }

    /// For each word (or two-word phrase) of `kind` in `span`, the keys of the words it may bear
    /// on within `reach` words, nearest first.
    pub fn marker_reaches(
        &self,
        (sentence, span): At,
        kind: &'static str,
        reach: usize,
        work: impl FnOnce() -> Vec<Box<[Key]>>,
    ) -> MarkerReaches {
        self.marker_reaches.get_or((sentence, span, kind, reach), || Arc::from(work()))
    }

    /// The sorted word numbers of the quotation at `span`.
    pub fn quote_keys(&self, sentence: usize, span: Span, work: impl FnOnce() -> Vec<u32>) -> Arc<[u32]> {
        self.quote_keys.get_or((sentence, span), || Arc::from(work()))
    }
}

impl std::fmt::Debug for DocMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DocMemo")
    }
}

/// A map filled on first use. The work runs outside the lock: two threads asking at once may
/// both work it out, and both get the same answer.
struct Memo<K, V>(Mutex<FxHashMap<K, V>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(FxHashMap::default()))
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> Memo<K, V> {
    fn get_or(&self, key: K, work: impl FnOnce() -> V) -> V {
        let lock = || self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(known) = lock().get(&key) {
            return known.clone();
        }
        let answer = work();
        lock().insert(key, answer.clone());
        answer
    }
}
