//! The corpus: every source article with its extracted claims, and an inverted index from what a
//! claim is about to the claims that share it. Documents are replaced whole; the index follows.

use super::align::{inverse_frequency, Feature, Idf, Key, KeyMask, Overlap, Passage, Stretches, Weighed};
use super::claim::{Attribution, Claim, ClaimKind};
use super::entities::{reading_with, EntityTable};
use super::extract::{extract_revised, extract_until, Extraction, Previous, Reading};
use super::interned::{self, Sym};
use super::names::{name_key, Referent};
use super::text::{LineIndex, Span};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A document's identity: a path for the command line, a URI in the editor.
pub type DocId = String;

#[derive(Debug)]
pub struct SourceDoc {
    pub id: DocId,
    /// Short name for messages: the file name.
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
    pub extraction: Extraction,
    /// The claims of each sentence, by index.
    pub claims_by_sentence: ClaimsBySentence,
    /// The distinct names of two words or more the article writes, each as the consonant
    /// skeletons of its words: read once here, not once per compared pair of names.
    pub full_names: Vec<Box<[Sym]>>,
    /// What comparisons with this document's claims worked out about its text.
    pub memo: super::memo::DocMemo,
    /// For a document being edited, what its reading rested on (see `revise_until`). Boxed: a
    /// source that is not being edited keeps one pointer, not the 440 bytes of a reading.
    pub reading: Option<Box<Reading>>,
    /// What the corpus indexed of it besides its claims and sentences, kept for taking it out.
    indexed: std::sync::OnceLock<Indexed>,
}

/// The claims of each sentence of a document, by index in its extraction, in that order: one list
/// for the document, each sentence's claims a stretch of it (a list for each sentence was an
/// allocation for each, 1.4 MB of fnc1-train's corpus).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClaimsBySentence {
    /// Where each sentence's claims end in `claims`.
    ends: Box<[u32]>,
    claims: Box<[usize]>,
}

impl ClaimsBySentence {
    fn new(claims: &[Claim], sentences: usize) -> ClaimsBySentence {
        let mut ends = vec![0u32; sentences];
        for claim in claims {
            if let Some(count) = ends.get_mut(claim.sentence) {
                *count += 1;
            }
        }
        let mut total = 0;
        for end in &mut ends {
            total += *end;
            *end = total;
        }
        let mut order: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].sentence < sentences).collect();
        // Stable: each sentence's claims stay in the order of the extraction.
        order.sort_by_key(|&i| claims[i].sentence);
        ClaimsBySentence { ends: ends.into_boxed_slice(), claims: order.into_boxed_slice() }
    }

    /// The claims of a sentence, `None` past the last sentence.
    pub fn get(&self, sentence: usize) -> Option<&[usize]> {
        let end = *self.ends.get(sentence)? as usize;
        let start = sentence.checked_sub(1).and_then(|previous| self.ends.get(previous)).map_or(0, |&e| e as usize);
        self.claims.get(start..end)
    }
}

/// A source's entries in the corpus's maps of spellings and of words written in lowercase.
#[derive(Debug)]
struct Indexed {
    spelling_buckets: Box<[Sym]>,
    /// For a document being edited, the keys it entered into the maps of sentences and of
    /// document frequencies: its next version enters only what changed.
    keys: Option<KeptKeys>,
}

/// The keys a document being edited entered into the index: of its sentences, and of its claims
/// (each claim's, by the claim's index, in order).
#[derive(Debug)]
struct KeptKeys {
    sentences: super::sentence_keys::SentenceKeys,
    claims: Vec<(u32, IndexKey)>,
    /// Its spellings, each with the index of the mention it was read at: the next version's
    /// when its names read as these (`Prepared::after`).
    spellings: Vec<(usize, Spelling)>,
}

impl SourceDoc {
    /// Reads a document with the entity table in effect (the shipped one unless a project's is).
    pub fn new(id: impl Into<DocId>, name: impl Into<String>, text: impl Into<String>) -> SourceDoc {
        match SourceDoc::new_until(id, name, text, &|| false) {
            Some(doc) => doc,
            None => unreachable!("a reading nothing stops ends"),
        }
    }

    /// As `new`, but gives up (`None`) as soon as `stop` says the document is no longer wanted.
    pub fn new_until(
        id: impl Into<DocId>,
        name: impl Into<String>,
        text: impl Into<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<SourceDoc> {
        let text = text.into();
        let lines = LineIndex::new(&text);
        let extraction = extract_until(&text, &lines, stop)?;
        Some(SourceDoc::assemble(id.into(), name.into(), text, lines, extraction))
    }

    /// Reads a new version of a document being edited: what `previous` (its last version) read
    /// of the sentences an edit left as they were is re-used, the rest read afresh; the result is
    /// the document `new_until` reads. Keeps what the reading rested on for the next version.
    pub fn revise_until(
        previous: Option<&SourceDoc>,
        id: impl Into<DocId>,
        name: impl Into<String>,
        text: impl Into<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<SourceDoc> {
        let text = text.into();
        let lines = LineIndex::new(&text);
        let earlier = previous.and_then(|doc| {
            Some(Previous { text: &doc.text, extraction: &doc.extraction, reading: doc.reading.as_deref()? })
        });
        let (extraction, reading) = extract_revised(&text, &lines, earlier.as_ref(), stop)?;
        let mut doc = SourceDoc::assemble_after(previous, id.into(), name.into(), text, lines, extraction);
        doc.reading = Some(Box::new(reading));
        Some(doc)
    }

    /// The document of `text` from an extraction of it made earlier (the claims cache keeps
    /// them), built exactly as `new` builds it after extracting. The extraction must be one of
    /// this text with the entity table in effect now; `Extraction::fits` tells whether it can be.
    pub fn from_extraction(
        id: impl Into<DocId>,
        name: impl Into<String>,
        text: impl Into<String>,
        extraction: Extraction,
    ) -> SourceDoc {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceDoc::assemble(id.into(), name.into(), text, lines, extraction)
    }

    /// What a document derives from its extraction (`assemble_after` with no version before).
    fn assemble(id: DocId, name: String, text: String, lines: LineIndex, extraction: Extraction) -> SourceDoc {
        SourceDoc::assemble_after(None, id, name, text, lines, extraction)
    }

    /// What a document derives from its extraction: the one path of `new_until`, `revise_until`
    /// and `from_extraction`, so that a document read from the cache is the document extracted.
    /// Its full names are taken from `earlier` (another version of it) when that names the same
    /// phrases in the same order.
    fn assemble_after(
        earlier: Option<&SourceDoc>,
        id: DocId,
        name: String,
        text: String,
        lines: LineIndex,
        mut extraction: Extraction,
    ) -> SourceDoc {
        // A source is kept as long as the corpus: what its lists grew into while they were read
        // is given back (a third of its claims' and features' room, as read).
        extraction.sentences.shrink_to_fit();
        extraction.claims.shrink_to_fit();
        // The claims of an attributed sentence each read its attribution: one copy is kept.
        let mut attributions: rustc_hash::FxHashSet<Arc<Attribution>> = rustc_hash::FxHashSet::default();
        for attribution in extraction.claims.iter_mut().filter_map(|claim| claim.attribution.as_mut()) {
            match attributions.get(attribution.as_ref()) {
                Some(kept) => *attribution = Arc::clone(kept),
                None => {
                    attributions.insert(Arc::clone(attribution));
                }
            }
        }
        extraction.names.shrink_to_fit();
        let claims_by_sentence = ClaimsBySentence::new(&extraction.claims, extraction.sentences.len());
        let same_phrases = |earlier: &&SourceDoc| {
            let (theirs, ours) = (&earlier.extraction.names, &extraction.names);
            theirs.len() == ours.len()
                && theirs.iter().zip(ours).all(|(a, b)| a.phrase.slice(&earlier.text) == b.phrase.slice(&text))
        };
        let full_names = match earlier.filter(same_phrases) {
            Some(earlier) => earlier.full_names.clone(),
            None => full_names(&extraction, &text),
        };
        SourceDoc {
            id,
            name,
            text,
            lines,
            extraction,
            claims_by_sentence,
            full_names,
            memo: super::memo::DocMemo::default(),
            reading: None,
            indexed: std::sync::OnceLock::new(),
        }
    }

    /// Reads a document with a project's entity table.
    pub fn read_with(
        entities: &Arc<EntityTable>,
        id: impl Into<DocId>,
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> SourceDoc {
        reading_with(entities, || SourceDoc::new(id, name, text))
    }

    /// `read_with`, given up (`None`) as soon as `stop` says the document is no longer wanted.
    pub fn read_with_until(
        entities: &Arc<EntityTable>,
        id: impl Into<DocId>,
        name: impl Into<String>,
        text: impl Into<String>,
        stop: &dyn Fn() -> bool,
    ) -> Option<SourceDoc> {
        reading_with(entities, || SourceDoc::new_until(id, name, text, stop))
    }

    /// 1-based line of a byte offset.
    pub fn line_number(&self, offset: usize) -> usize {
        self.lines.line_col(offset).0 + 1
    }

    pub fn sentence_span(&self, sentence: usize) -> Span {
        self.extraction.sentences.get(sentence).map_or(Span::new(0, 0), |s| s.span)
    }

    /// The alignment features of a sentence (none for debris).
    pub fn features(&self, sentence: usize) -> &[Feature] {
        self.extraction.features.get(sentence).unwrap_or_default()
    }

    /// The distinct alignment keys of the whole document, sorted: what it adds to the corpus's
    /// document frequencies. Worked out when asked rather than kept (1.5 MB of fnc1-train's corpus).
    pub fn keys(&self) -> Vec<Key> {
        let mut keys: Vec<Key> = self.extraction.features.flat().iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// The distinct names of two words or more an article writes, each as the consonant skeletons of
/// its words (`SourceDoc::full_names`).
fn full_names(extraction: &Extraction, text: &str) -> Vec<Box<[Sym]>> {
    // An article names a person again and again: each phrase is read once.
    let mut phrases = rustc_hash::FxHashSet::default();
    let mut full_names: Vec<Box<[Sym]>> = extraction
        .names
        .iter()
        .map(|mention| mention.phrase.slice(text))
        .filter(|phrase| phrases.insert(*phrase))
        .map(|phrase| interned::all(super::text::words(phrase).iter().map(|w| super::align::skeleton(w.text))))
        .filter(|keys| keys.len() >= 2)
        .collect();
    full_names.sort_unstable();
    full_names.dedup();
    full_names.shrink_to_fit();
    full_names
}

/// A posting: a sentence or a claim of one source, by the source's number in the corpus
/// (`Corpus::numbered`). Eight bytes where an id would take sixteen and a pointer's chase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Posting {
    doc: u32,
    at: u32,
}

/// A sentence of another source aligned with one of the analysed document, and how strongly.
#[derive(Clone, Debug)]
pub struct AlignedSentence {
    pub doc: Arc<SourceDoc>,
    pub sentence: usize,
    pub overlap: Overlap,
}

/// Feature weights seen from one document: document frequencies over the corpus's sources other
/// than that document, so that its own text never weighs its own evidence.
pub struct Weights<'c> {
    corpus: &'c Corpus,
    /// The keys of the document the weights are seen from, when it is a source (`SourceDoc::keys`),
    /// as a set: they take the second of the two weights a source sentence's keys keep
    /// (`Corpus::weigh_sentences`), and their own weights count one document fewer.
    own_keys: Option<KnownWeights>,
    documents: usize,
    /// The weights read so far: an analysis weighs the same few thousand features millions of
    /// times, and a small table of them stays in the cache where the corpus's map does not.
    known: std::cell::RefCell<KnownWeights>,
    /// The passages weighed so far: a sentence of another source is aligned with many of ours.
    weighed: std::cell::RefCell<HashMap<Passage, std::rc::Rc<Weighed>>>,
    /// The stretches of sentences weighed so far, slots left out (`Idf::weighed_in`).
    stretches: Stretches,
    /// The weights of the sentences added up so far, by source number and sentence.
    totals: std::cell::RefCell<HashMap<(u32, u32), f64>>,
    /// In a corpus that lets go of sources read back: those the analysis reached since it last
    /// forgot its passages, held until it does (`forget_passages`).
    lent: std::cell::RefCell<Vec<Arc<SourceDoc>>>,
    /// The sources held for the passages last forgotten (`retire_passages`), until the next
    /// sources are read back: those read again are not read twice, the rest go first.
    retiring: std::cell::RefCell<Vec<Arc<SourceDoc>>>,
    /// Whether sources read back only to score their sentences go as soon as none aligned
    /// (`aligned_sentences`), instead of being held with the others.
    pub lets_go_of_unaligned: std::cell::Cell<bool>,
}

/// Weights by key in an open-addressed table (linear probing, at most half full): a look-up is
/// a multiply and a compare or two, where a general map's costs several times that.
#[derive(Default)]
struct KnownWeights {
    /// A power of two of slots; a negative weight marks an empty one (weights are never negative).
    slots: Vec<(Key, f64)>,
    len: usize,
}

impl KnownWeights {
    const EMPTY: (Key, f64) = (Key(0), -1.0);

    /// The keys of `keys`, distinct, as a set (each with weight 0).
    fn set_of(keys: &[Key]) -> KnownWeights {
        let mut set = KnownWeights::default();
        for key in keys {
            set.insert(*key, 0.0);
        }
        set
    }

    /// The sum of the weights of `keys` seen from the document whose keys this set holds: for
    /// each key, the first of its two weights when the set lacks it, the second when it holds
    /// it; added in the keys' order, as `align::weigh` adds them.
    fn total(&self, keys: &[Key], weights: &[[f64; 2]]) -> f64 {
        keys.iter().zip(weights).map(|(key, w)| w[usize::from(self.get(*key).is_some())]).sum()
    }

    /// Where the probe for `key` starts. Keys are FNV hashes; a multiply mixes them further.
    fn home(&self, key: Key) -> usize {
        (key.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    fn get(&self, key: Key) -> Option<f64> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, weight) = self.slots[at];
            if weight < 0.0 {
                return None;
            }
            if k == key {
                return Some(weight);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds a key not in the table.
    fn insert(&mut self, key: Key, weight: f64) {
        if (self.len + 1) * 2 > self.slots.len() {
            let room = (self.slots.len() * 2).max(4096);
            let old = std::mem::replace(&mut self.slots, vec![Self::EMPTY; room]);
            self.len = 0;
            for (k, w) in old.into_iter().filter(|(_, w)| *w >= 0.0) {
                self.insert(k, w);
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        while self.slots[at].1 >= 0.0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (key, weight);
        self.len += 1;
    }
}

impl Idf for Weights<'_> {
    fn idf(&self, key: Key) -> f64 {
        if let Some(weight) = self.known.borrow().get(key) {
            return weight;
        }
        let mut frequency = self.corpus.doc_freq.get(&key).copied().unwrap_or(0) as usize;
        if self.own_keys.as_ref().is_some_and(|keys| keys.get(key).is_some()) {
            frequency = frequency.saturating_sub(1);
        }
        let weight = inverse_frequency(self.documents.max(MIN_DOCUMENTS), frequency).max(IDF_FLOOR);
        self.known.borrow_mut().insert(key, weight);
        weight
    }

    fn weighed<'f>(&self, passage: Passage, read: &dyn Fn() -> Cow<'f, [Feature]>) -> std::rc::Rc<Weighed> {
        if let Some(weighed) = self.weighed.borrow().get(&passage) {
            return std::rc::Rc::clone(weighed);
        }
        let weighed = std::rc::Rc::new(crate::engine::align::weigh(&read(), &[], self));
        self.weighed.borrow_mut().insert(passage, std::rc::Rc::clone(&weighed));
        weighed
    }

    fn weighed_in(&self, doc: &SourceDoc, sentence: usize, window: Span, except: &[Span]) -> std::rc::Rc<Weighed> {
        self.stretches.get_or(Passage::sentence(doc, sentence), window, except, || {
            crate::engine::align::weigh_in(doc.features(sentence), window, except, self)
        })
    }

    fn statement_overlap(&self, ours: &Weighed, doc: &SourceDoc, claim: &Claim, part: usize) -> Overlap {
        let inside = |claim: &Claim| crate::engine::align::within(doc.features(claim.sentence), claim.span);
        self.clause_overlap(Clauses::Statements, ours, doc, claim, part, &inside)
    }

    fn stance_clause_overlap(
        &self,
        ours: &Weighed,
        doc: &SourceDoc,
        claim: &Claim,
        part: usize,
        read: &dyn Fn(&Claim) -> Vec<Feature>,
        least_coverage: f64,
    ) -> Option<Overlap> {
        let weighed = self.corpus_clause(Clauses::Stances, doc, claim, read);
        let Some((own, (keys, weights, mask))) = weighed else {
            let clause = || Cow::Owned(read(claim));
            let overlap =
                crate::engine::align::overlap_weighed(ours, &self.weighed(Passage::of_claim(claim, part), &clause));
            return (overlap.coverage() >= least_coverage).then_some(overlap);
        };
        // The coverage is ours's share: the clause's own weight is added up only when it counts.
        let overlap = crate::engine::align::overlap_keys(ours, keys, mask, 0.0);
        (overlap.coverage() >= least_coverage).then(|| Overlap { theirs: own.total(keys, weights), ..overlap })
    }

    fn sentence_overlap(&self, ours: &Weighed, doc: &SourceDoc, sentence: usize) -> Overlap {
        match self.corpus.number_of(doc) {
            Some(number) => self.numbered_sentence_overlap(ours, number, doc, sentence),
            None => crate::engine::align::overlap_weighed(ours, &self.weighed_sentence(doc, sentence)),
        }
    }
}

impl Weights<'_> {
    /// Holds sources read back until the passages are forgotten: the passages weighed are
    /// known by their documents' addresses, which a source let go of may leave to another.
    /// In a corpus that keeps what it reads back, `docs` is not even iterated.
    pub fn hold(&self, docs: impl IntoIterator<Item = Arc<SourceDoc>>) {
        if self.corpus.releases_read_backs {
            self.lent.borrow_mut().extend(docs);
        }
    }

    /// Forgets the sentences of `docs` weighed so far (`Passage::sentence`), before the caller
    /// lets them go: another source read back later may take one's address.
    fn forget_sentences_of(&self, docs: &[Arc<SourceDoc>]) {
        if docs.is_empty() {
            return;
        }
        let addresses: rustc_hash::FxHashSet<*const SourceDoc> = docs.iter().map(Arc::as_ptr).collect();
        self.weighed.borrow_mut().retain(|passage, _| !addresses.contains(&passage.address()));
    }

    /// Forgets the passages weighed so far, and retires the sources held for them: they go when
    /// sources are next read back, but for those read again then (`settle_retiring`).
    pub fn retire_passages(&self) {
        let held = self.forget_passages();
        *self.retiring.borrow_mut() = held;
    }

    /// Lets go of the sources retiring, and hands back those among `numbers` (sorted), for the
    /// caller to hold while it reads them back.
    fn settle_retiring(&self, numbers: &[u32]) -> Vec<Arc<SourceDoc>> {
        let retiring = std::mem::take(&mut *self.retiring.borrow_mut());
        let wanted = |doc: &Arc<SourceDoc>| {
            self.corpus.number_of(doc).is_some_and(|number| numbers.binary_search(&number).is_ok())
        };
        retiring.into_iter().filter(wanted).collect()
    }

    /// Forgets the passages weighed so far, and hands back the sources held for them (`hold`):
    /// what an analysis that has done with them lets go of, once it has reached the sources it
    /// needs next (those it shares with these are then not read again).
    pub fn forget_passages(&self) -> Vec<Arc<SourceDoc>> {
        self.weighed.borrow_mut().clear();
        self.stretches.clear();
        std::mem::take(&mut *self.lent.borrow_mut())
    }

    /// How a passage weighed beforehand overlaps the clause `read` gives of `claim` of `doc`, as
    /// `Passage::of_claim(claim, part)`: from the clauses of its kind weighed for the whole
    /// corpus when they are (`Corpus::weigh_sentences`), else weighed for this analysis.
    fn clause_overlap(
        &self,
        clauses: Clauses,
        ours: &Weighed,
        doc: &SourceDoc,
        claim: &Claim,
        part: usize,
        read: &dyn Fn(&Claim) -> Vec<Feature>,
    ) -> Overlap {
        let Some((own, (keys, weights, mask))) = self.corpus_clause(clauses, doc, claim, read) else {
            let clause = || Cow::Owned(read(claim));
            return crate::engine::align::overlap_weighed(ours, &self.weighed(Passage::of_claim(claim, part), &clause));
        };
        crate::engine::align::overlap_keys(ours, keys, mask, own.total(keys, weights))
    }

    /// The clause of `claim` of `doc` that `clauses` holds, weighed for the whole corpus when it
    /// is, with the keys of the document the weights are seen from.
    fn corpus_clause(
        &self,
        clauses: Clauses,
        doc: &SourceDoc,
        claim: &Claim,
        read: &dyn Fn(&Claim) -> Vec<Feature>,
    ) -> Option<(&KnownWeights, WeighedSentence<'_>)> {
        match (&self.own_keys, &self.corpus.sentence_weights, self.corpus.number_of(doc)) {
            (Some(own), Some(all), Some(number)) => claim_index(doc, claim)
                .filter(|_| clauses.holds(&claim.kind))
                .and_then(|index| {
                    all.clauses_of(clauses, number, doc, self.documents, &self.corpus.doc_freq, read)?.sentence(index)
                })
                .map(|s| (own, s)),
            _ => None,
        }
    }

    fn weighed_sentence(&self, doc: &SourceDoc, sentence: usize) -> std::rc::Rc<Weighed> {
        self.weighed(Passage::sentence(doc, sentence), &|| Cow::Borrowed(doc.features(sentence)))
    }

    /// `sentence_overlap` with a sentence of the source numbered `number`.
    fn numbered_sentence_overlap(&self, ours: &Weighed, number: u32, doc: &SourceDoc, sentence: usize) -> Overlap {
        match self.corpus_weighed(number, doc, sentence) {
            Some((own, (keys, weights, mask))) => {
                let total = self.numbered_total((number, sentence), own, keys, weights);
                crate::engine::align::overlap_keys(ours, keys, mask, total)
            }
            None => crate::engine::align::overlap_weighed(ours, &self.weighed_sentence(doc, sentence)),
        }
    }

    /// `numbered_sentence_overlap` where it is known beforehand whether the sentence holds some of
    /// `ours`'s keys (`align::overlap_marked`); none when the weight ours shares with it, and how
    /// many keys, rule out what `close` asks of an overlap (told the least the sentence can weigh:
    /// what it shares).
    fn numbered_sentence_overlap_marked(
        &self,
        ours: &Weighed,
        (number, doc, sentence): (u32, &SourceDoc, usize),
        (known, marks): (u64, u64),
        close: impl Fn(&Overlap) -> bool,
    ) -> Option<Overlap> {
        use crate::engine::align::{keys_hold, overlap_marked};
        let Some((own, (keys, weights, mask))) = self.corpus_weighed(number, doc, sentence) else {
            let theirs = self.weighed_sentence(doc, sentence);
            return Some(overlap_marked(ours, known, marks, |key| theirs.holds(key), theirs.total()));
        };
        let mut overlap = overlap_marked(ours, known, marks, |key| keys_hold(keys, mask, key), 0.0);
        // The sentence weighs at least what it shares (its shared keys weigh for it what they
        // weigh for ours, both seen from this document); a hair less, for rounding.
        if !close(&Overlap { theirs: overlap.shared * (1.0 - 1e-9), ..overlap }) {
            return None;
        }
        overlap.theirs = self.numbered_total((number, sentence), own, keys, weights);
        Some(overlap)
    }

    /// A sentence of the source numbered `number` weighed for the whole corpus, when it is, with
    /// the keys of the document the weights are seen from.
    fn corpus_weighed(
        &self,
        number: u32,
        doc: &SourceDoc,
        sentence: usize,
    ) -> Option<(&KnownWeights, WeighedSentence<'_>)> {
        match (&self.own_keys, &self.corpus.sentence_weights) {
            (Some(own), Some(all)) => all
                .of(number, doc, self.documents, &self.corpus.doc_freq)
                .and_then(|w| w.sentence(sentence))
                .map(|s| (own, s)),
            _ => None,
        }
    }

    /// The weight of a sentence weighed for the whole corpus, seen from this document: its weights
    /// added up in the order `weigh` adds them, once per analysis.
    fn numbered_total(
        &self,
        (number, sentence): (u32, usize),
        own: &KnownWeights,
        keys: &[Key],
        weights: &[[f64; 2]],
    ) -> f64 {
        let at = (number, u32::try_from(sentence).unwrap_or(u32::MAX));
        let known = self.totals.borrow().get(&at).copied();
        known.unwrap_or_else(|| {
            let total = own.total(keys, weights);
            self.totals.borrow_mut().insert(at, total);
            total
        })
    }
}

/// The sentences of the sources weighed once for all the analyses of indexed sources, for a
/// corpus that stays as it is while they run (`Corpus::weigh_sentences`): each sentence's
/// distinct keys with the weight each takes seen from a document that lacks it and from one
/// that holds it. An analysis then adds up a sentence's weights where it would look each up,
/// and weigh a copy of the sentence for itself.
struct SentenceWeights {
    /// By source number, each filled when an analysis first aligns with the source.
    docs: Box<[std::sync::OnceLock<WeighedSentences>]>,
    /// By source number, the clauses of its statements, by claim (none for other claims).
    statements: Box<[std::sync::OnceLock<WeighedSentences>]>,
    /// By source number, the clauses of its stance claims without their stance words, by claim
    /// (none for other claims).
    stance_clauses: Box<[std::sync::OnceLock<WeighedSentences>]>,
}

/// The clauses of a kind of claim that `SentenceWeights` weighs once for all analyses.
#[derive(Clone, Copy)]
enum Clauses {
    /// A statement's clause: its span's features.
    Statements,
    /// A stance claim's clause without its stance words.
    Stances,
}

impl Clauses {
    fn holds(self, kind: &ClaimKind) -> bool {
        match self {
            Clauses::Statements => matches!(kind, ClaimKind::Statement),
            Clauses::Stances => matches!(kind, ClaimKind::Stance(_)),
        }
    }
}

/// The index of `claim` among the claims of `doc`, if it is one of them.
fn claim_index(doc: &SourceDoc, claim: &Claim) -> Option<usize> {
    let claims = &doc.extraction.claims;
    let offset = (std::ptr::from_ref(claim) as usize).checked_sub(claims.as_ptr() as usize)?;
    let index = offset / std::mem::size_of::<Claim>().max(1);
    claims.get(index).is_some_and(|held| std::ptr::eq(held, claim)).then_some(index)
}

/// One source's passages weighed (its sentences, or the clauses of its statements): their keys,
/// one stretch for each.
struct WeighedSentences {
    /// Where each sentence's keys end.
    ends: Box<[u32]>,
    keys: Box<[Key]>,
    /// For each key: its weight seen from a document without it, and from one with it.
    weights: Box<[[f64; 2]]>,
    masks: Box<[KeyMask]>,
}

impl SentenceWeights {
    fn new(sources: usize) -> SentenceWeights {
        let slots = || (0..sources).map(|_| std::sync::OnceLock::new()).collect();
        SentenceWeights { docs: slots(), statements: slots(), stance_clauses: slots() }
    }

    /// The clauses `read` gives of the claims of source `number` (`doc`) that `clauses` holds,
    /// weighed as `of` weighs its sentences.
    fn clauses_of(
        &self,
        clauses: Clauses,
        number: u32,
        doc: &SourceDoc,
        documents: usize,
        doc_freq: &HashMap<Key, u32>,
        read: &dyn Fn(&Claim) -> Vec<Feature>,
    ) -> Option<&WeighedSentences> {
        let slots = match clauses {
            Clauses::Statements => &self.statements,
            Clauses::Stances => &self.stance_clauses,
        };
        let slot = slots.get(number as usize)?;
        Some(slot.get_or_init(|| {
            let read =
                doc.extraction
                    .claims
                    .iter()
                    .map(|claim| if clauses.holds(&claim.kind) { read(claim) } else { Vec::new() });
            WeighedSentences::new(read, documents, doc_freq)
        }))
    }

    /// The source `number` (`doc`) weighed over `documents` documents, as an indexed
    /// document's `Weights` weigh it.
    fn of(
        &self,
        number: u32,
        doc: &SourceDoc,
        documents: usize,
        doc_freq: &HashMap<Key, u32>,
    ) -> Option<&WeighedSentences> {
        let slot = self.docs.get(number as usize)?;
        Some(
            slot.get_or_init(|| {
                WeighedSentences::new(doc.extraction.features.iter().map(Cow::from), documents, doc_freq)
            }),
        )
    }
}

/// A sentence's distinct keys, their two weights, and their mask.
type WeighedSentence<'a> = (&'a [Key], &'a [[f64; 2]], KeyMask);

impl WeighedSentences {
    /// Each passage's distinct keys, weighed over `documents` documents as an indexed document's
    /// `Weights` weigh them.
    fn new<'f, F: Into<Cow<'f, [Feature]>>>(
        passages: impl Iterator<Item = F>,
        documents: usize,
        doc_freq: &HashMap<Key, u32>,
    ) -> WeighedSentences {
        let weight = |frequency: usize| inverse_frequency(documents.max(MIN_DOCUMENTS), frequency).max(IDF_FLOOR);
        let (mut ends, mut keys, mut weights, mut masks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for features in passages {
            let (distinct, mask) = crate::engine::align::distinct_keys(&features.into());
            for key in distinct {
                let frequency = doc_freq.get(&key).copied().unwrap_or(0) as usize;
                weights.push([weight(frequency), weight(frequency.saturating_sub(1))]);
                keys.push(key);
            }
            ends.push(u32::try_from(keys.len()).unwrap_or(u32::MAX));
            masks.push(mask);
        }
        WeighedSentences { ends: ends.into(), keys: keys.into(), weights: weights.into(), masks: masks.into() }
    }

    fn sentence(&self, sentence: usize) -> Option<WeighedSentence<'_>> {
        let end = *self.ends.get(sentence)? as usize;
        let start = sentence.checked_sub(1).and_then(|previous| self.ends.get(previous)).map_or(0, |&e| e as usize);
        Some((self.keys.get(start..end)?, self.weights.get(start..end)?, *self.masks.get(sentence)?))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum IndexKey {
    Place(Sym),
    /// The first letters of a person's surname (spellings vary after them).
    Person(Sym),
    /// A word of a quotation.
    Quote(Sym),
}

/// Keys shared by more claims than this are too common to find candidates with ("Russia" in a
/// corpus about Russia); they still count in the comparison itself.
const MAX_POSTINGS: usize = 2_000;
/// Postings a claim reads to find its candidates, rarest keys first.
const LOOKUP_BUDGET: usize = 20_000;
/// The candidates compared with one claim: those sharing the most keys with it. A sentence needs
/// only its closest few: it corroborates, it never decides a conflict.
const MAX_CANDIDATES: usize = 200;
/// Below this many sources, weights are read as if the corpus had this many: in a corpus of two
/// articles, a word both hold is no sign that every report of the story uses it.
const MIN_DOCUMENTS: usize = 10;
/// The least weight a feature has: a word every report of the story uses still says that a
/// passage is about the story, and a short passage made of such words can still align.
const IDF_FLOOR: f64 = 0.4;
/// Sentences of other sources compared with one sentence: the most similar.
const MAX_ALIGNED: usize = 60;

/// Reads a source set aside back (`Corpus::insert_set_aside`): from its id, name and text, the
/// document that was indexed, as the caller first read it (through the claims cache, say). Each
/// source keeps the reader that read it, so one read with other settings is read back as it was.
pub type ReadBack = Arc<dyn Fn(&str, &str, String) -> SourceDoc + Send + Sync>;

/// A document as the corpus holds it: whole, or set aside until an analysis first reaches it.
struct Held {
    /// Shared by its postings' references.
    id: Arc<str>,
    /// Held whole, or read back into a corpus that keeps what it reads back.
    doc: std::sync::OnceLock<Arc<SourceDoc>>,
    /// How many sentences it has: the candidate tally numbers all the sources' sentences
    /// without reading them.
    sentences: usize,
    /// A source set aside: what reads it back, with its name and text until it is.
    aside: Option<Aside>,
}

struct Aside {
    name: String,
    /// Taken when the document read back is kept; kept for reading it again when it is not.
    text: std::sync::Mutex<Option<String>>,
    read_back: ReadBack,
    /// How the corpus it entered treats what it reads back (`Corpus::release_read_backs`).
    keep: bool,
    /// Not kept: the document read back, while some caller holds it. The lock is held while it
    /// is read, so that two callers asking at once share one reading.
    lent: std::sync::Mutex<std::sync::Weak<SourceDoc>>,
    /// How many times it was read back.
    readings: std::sync::atomic::AtomicU32,
}

impl Aside {
    fn read(&self, id: &str, text: String) -> SourceDoc {
        self.readings.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        (self.read_back)(id, &self.name, text)
    }

    fn text(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.text.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn lent(&self) -> std::sync::MutexGuard<'_, std::sync::Weak<SourceDoc>> {
        self.lent.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Held {
    fn whole(id: Arc<str>, doc: Arc<SourceDoc>) -> Held {
        let sentences = doc.extraction.sentences.len();
        Held { id, doc: std::sync::OnceLock::from(doc), sentences, aside: None }
    }

    /// Its document: read back first if it was set aside and no caller holds it.
    fn read(&self) -> Option<Arc<SourceDoc>> {
        if let Some(doc) = self.doc.get() {
            return Some(Arc::clone(doc));
        }
        let aside = self.aside.as_ref()?;
        if aside.keep {
            let doc = self.doc.get_or_init(|| {
                let text = aside.text().take();
                Arc::new(aside.read(&self.id, text.unwrap_or_default()))
            });
            return Some(Arc::clone(doc));
        }
        let mut lent = aside.lent();
        if let Some(doc) = lent.upgrade() {
            return Some(doc);
        }
        let text = aside.text().clone();
        let doc = Arc::new(aside.read(&self.id, text.unwrap_or_default()));
        *lent = Arc::downgrade(&doc);
        Some(doc)
    }

    /// Whether `read` would give `doc` itself.
    fn holds(&self, doc: &SourceDoc) -> bool {
        match (self.doc.get(), &self.aside) {
            (Some(held), _) => std::ptr::eq(&**held, doc),
            (None, Some(aside)) if !aside.keep => std::ptr::eq(aside.lent().as_ptr(), doc),
            (None, _) => false,
        }
    }

    /// Its document as `read` gives it, without keeping one read back: the text stays set aside.
    fn read_passing(&self) -> Option<Arc<SourceDoc>> {
        if let Some(doc) = self.doc.get() {
            return Some(Arc::clone(doc));
        }
        let aside = self.aside.as_ref()?;
        if !aside.keep {
            return self.read();
        }
        let text = aside.text().clone();
        match text {
            Some(text) => Some(Arc::new(aside.read(&self.id, text))),
            // `read` took it on another thread, which has it read back by the time `read` returns.
            None => self.read(),
        }
    }

    /// The source without what it was read into: its claims, features and the rest are dropped.
    fn set_aside(id: Arc<str>, doc: SourceDoc, read_back: ReadBack, keep: bool) -> Held {
        let sentences = doc.extraction.sentences.len();
        let SourceDoc { name, text, .. } = doc;
        let aside = Some(Aside {
            name,
            text: std::sync::Mutex::new(Some(text)),
            read_back,
            keep,
            lent: std::sync::Mutex::default(),
            readings: std::sync::atomic::AtomicU32::new(0),
        });
        Held { id, doc: std::sync::OnceLock::new(), sentences, aside }
    }

    /// `f` of its text and lines: from the document when it is held or lent, else from the
    /// text set aside.
    fn with_text<R>(&self, f: impl FnOnce(&str, &LineIndex) -> R) -> Option<R> {
        if let Some(doc) = self.doc.get() {
            return Some(f(&doc.text, &doc.lines));
        }
        let aside = self.aside.as_ref()?;
        let lent = if aside.keep { None } else { aside.lent().upgrade() };
        if let Some(doc) = lent {
            return Some(f(&doc.text, &doc.lines));
        }
        let text = aside.text();
        match text.as_deref() {
            Some(text) => Some(f(text, &LineIndex::new(text))),
            // Taken by a reading that keeps the document, on another thread: it is held once read.
            None => {
                drop(text);
                let doc = self.read()?;
                Some(f(&doc.text, &doc.lines))
            }
        }
    }

    fn name(&self) -> Option<&str> {
        match (self.doc.get(), &self.aside) {
            (Some(doc), _) => Some(&doc.name),
            (None, Some(aside)) => Some(&aside.name),
            (None, None) => None,
        }
    }
}

#[derive(Default)]
pub struct Corpus {
    docs: BTreeMap<DocId, Arc<Held>>,
    /// The sources by the number their postings name them by; a removed source's number is given
    /// to the next one inserted.
    numbered: Vec<Option<Arc<Held>>>,
    numbers: HashMap<DocId, u32>,
    free_numbers: Vec<u32>,
    postings: HashMap<IndexKey, Vec<Posting>>,
    /// Each document's spellings of names, by the first four letters of their key.
    spellings: HashMap<Sym, Vec<Spelling>>,
    /// Sentences of the sources by alignment feature.
    sentences: HashMap<Key, Vec<Posting>>,
    /// How many sources hold each alignment feature.
    doc_freq: HashMap<Key, u32>,
    /// How many sources write each word of five letters or more in lowercase: a capitalised word
    /// the sources also write so is a common word, not a name.
    lowercase: HashMap<Sym, u32>,
    /// The documents stored without postings.
    drafts: rustc_hash::FxHashSet<DocId>,
    /// `id_ranks`, worked out once for each state of the corpus.
    id_ranks: std::sync::OnceLock<Vec<u32>>,
    /// `sentence_starts`, worked out once for each state of the corpus.
    sentence_starts: std::sync::OnceLock<(Vec<u32>, usize)>,
    /// The number and id of the source removed last: a source replaced by its next version
    /// (an edit) gets its number back, and the ranks stay as they were.
    last_removed: Option<(u32, DocId)>,
    /// The sources' sentences weighed for all analyses, once asked for (`weigh_sentences`):
    /// started afresh whenever a document comes or goes.
    sentence_weights: Option<SentenceWeights>,
    /// Sources set aside are read back for the callers that hold them, not kept once read.
    releases_read_backs: bool,
}

thread_local! {
    /// The scores of candidate sentences, by their number among all the sources' sentences
    /// (`Corpus::sentence_starts`), kept between look-ups by a thread of rayon's pool (where
    /// `--check` analyses): one table a thread, 0.75 MB for fnc1-train.
    static SCORES: std::cell::RefCell<super::tally::Tally<Posting>> = std::cell::RefCell::default();
}

/// The same tables for any other thread, one taken for each look-up: the server's analyses
/// move between the threads of tokio's blocking pool, and each kept a table (four were alive on
/// fnc1-train). Taking one from here for every look-up made all against all 4% slower, hence
/// the tables of rayon's threads.
static SHARED_SCORES: std::sync::Mutex<Vec<super::tally::Tally<Posting>>> = std::sync::Mutex::new(Vec::new());

/// `f` with a table of scores to itself (`SCORES`, `SHARED_SCORES`).
fn with_scores<R>(f: impl FnOnce(&mut super::tally::Tally<Posting>) -> R) -> R {
    if rayon::current_thread_index().is_some() {
        return SCORES.with_borrow_mut(f);
    }
    let shared = || SHARED_SCORES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut scores = shared().pop().unwrap_or_default();
    let scored = f(&mut scores);
    shared().push(scores);
    scored
}

/// One document's spelling of a name, at its first occurrence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    /// The source's id, shared by its spellings.
    pub doc: Arc<str>,
    pub text: String,
    pub span: Span,
    /// What it names there: its fullest name phrase in the document.
    pub referent: Referent,
    /// Standing alone, it is a place somewhere in the document.
    pub place: bool,
    /// It stands alone only, and the document also writes it in lowercase.
    pub common: bool,
}

fn spelling_bucket(name: &str) -> String {
    name_key(name).chars().take(4).collect()
}

/// The buckets of a source's spellings, interned: kept for taking the source out.
fn indexed(spellings: &[Spelling]) -> Indexed {
    Indexed { spelling_buckets: interned::all(spellings.iter().map(|s| spelling_bucket(&s.text))), keys: None }
}

/// A source with what the corpus indexes of it worked out: the part of `Corpus::insert` that
/// reads one document alone, so that a workspace's sources can be prepared in parallel and only
/// their entry into the shared maps is done one at a time.
pub struct Prepared {
    doc: SourceDoc,
    id: Arc<str>,
    spellings: Vec<Spelling>,
    /// The index of the mention each spelling was read at.
    spelling_mentions: Vec<usize>,
    indexed: Indexed,
    /// Each claim's index keys, by the claim's index. One list for the document, as for the
    /// keys below: a workspace's scan holds every source's until it enters the corpus, and a
    /// list for each claim and sentence was an allocation for each.
    claim_keys: Vec<(u32, IndexKey)>,
    /// Each sentence's distinct alignment features.
    sentence_keys: super::sentence_keys::SentenceKeys,
}

impl Prepared {
    pub fn new(doc: SourceDoc) -> Prepared {
        Prepared::after(doc, None)
    }

    /// `new`, taking the spellings of `earlier` (another version of the document, as the corpus
    /// indexed it while it was being edited) when the two read the same names: the same words
    /// and phrases, in the same order, alike in all but where they stand, and the same words
    /// written in lowercase.
    pub fn after(doc: SourceDoc, earlier: Option<&SourceDoc>) -> Prepared {
        let id: Arc<str> = Arc::from(doc.id.as_str());
        let kept = earlier
            .filter(|earlier| same_names(earlier, &doc))
            .and_then(|earlier| Some((earlier.indexed.get()?.keys.as_ref()?, earlier.indexed.get()?)));
        let (spellings, spelling_mentions, indexed) = match kept {
            Some((kept, earlier_indexed)) => {
                let (mentions, spellings) = (kept.spellings.iter())
                    .map(|(mention, spelling)| {
                        let span = doc.extraction.names.get(*mention).map_or(spelling.span, |m| m.span);
                        (*mention, Spelling { doc: Arc::clone(&id), span, ..spelling.clone() })
                    })
                    .unzip();
                let buckets = earlier_indexed.spelling_buckets.clone();
                (spellings, mentions, Indexed { spelling_buckets: buckets, keys: None })
            }
            None => {
                let (mentions, spellings): (Vec<usize>, Vec<Spelling>) =
                    doc_spellings_at(&doc, &id).into_iter().unzip();
                let indexed = indexed(&spellings);
                (spellings, mentions, indexed)
            }
        };
        let at = |index: usize| u32::try_from(index).unwrap_or(u32::MAX);
        let sentence_keys = super::sentence_keys::SentenceKeys::of(&doc.extraction.features);
        let claim_keys = (doc.extraction.claims.iter().enumerate())
            .flat_map(|(index, claim)| keys(claim).into_iter().map(move |key| (at(index), key)))
            .collect();
        Prepared { doc, id, spellings, spelling_mentions, indexed, claim_keys, sentence_keys }
    }

    pub fn doc(&self) -> &SourceDoc {
        &self.doc
    }
}

impl From<SourceDoc> for Prepared {
    fn from(doc: SourceDoc) -> Prepared {
        Prepared::new(doc)
    }
}

impl Corpus {
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds or replaces a source: a document that is evidence for the others. A `SourceDoc` is
    /// prepared here; a caller reading many sources prepares them on its own threads first.
    pub fn insert(&mut self, doc: impl Into<Prepared>) -> Arc<SourceDoc> {
        let (number, id, doc) = self.enter(doc.into());
        let doc = Arc::new(doc);
        self.hold(number, Held::whole(id, Arc::clone(&doc)));
        doc
    }

    /// `insert`, keeping of the source only its index entries, its name and its text until an
    /// analysis first reaches it (through a posting, or by its id): `read_back` then reads it back
    /// into the document indexed. One article checked against a large corpus reaches a part of
    /// it; the rest is never held whole.
    pub fn insert_set_aside(&mut self, doc: impl Into<Prepared>, read_back: ReadBack) {
        let (number, id, doc) = self.enter(doc.into());
        self.hold(number, Held::set_aside(id, doc, read_back, !self.releases_read_backs));
    }

    /// Has the sources set aside from now on read back for the callers that hold them and
    /// dropped again when none does, instead of kept once read: for a caller whose analyses
    /// reach a large part of the corpus once each (`--check` of one article reaches half of
    /// fnc1-train), not for one that analyses the same document again and again (an editor).
    pub fn release_read_backs(&mut self) {
        self.releases_read_backs = true;
    }

    /// Of the sources set aside: how many analyses have read back, how many readings that took,
    /// and how many there are.
    pub fn read_back_count(&self) -> (usize, usize, usize) {
        let aside = self.docs.values().filter_map(|held| held.aside.as_ref());
        aside.fold((0, 0, 0), |(read, readings, all), aside| {
            let times = aside.readings.load(std::sync::atomic::Ordering::Relaxed) as usize;
            (read + usize::from(times > 0), readings + times, all + 1)
        })
    }

    /// How many of the sources set aside are held read back now: kept, or lent to some caller.
    pub fn held_read_backs(&self) -> usize {
        let aside = self.docs.values().filter(|held| held.aside.is_some());
        aside
            .filter(|held| held.doc.get().is_some() || held.aside.as_ref().is_some_and(|a| a.lent().strong_count() > 0))
            .count()
    }

    /// Reads back, on the pool's threads, the sources set aside among those numbered: a lookup
    /// reaching many reads them at once, not one by one. In a corpus that lets them go, each is
    /// handed back, the caller holding it while it needs it.
    /// The sources `weights` was retiring (`Weights::retire_passages`) are let go first, but
    /// for those among `numbers`.
    fn read_back_numbered(&self, numbers: impl Iterator<Item = u32>, weights: &Weights<'_>) -> Vec<Arc<SourceDoc>> {
        use rayon::prelude::*;
        let mut numbers: Vec<u32> = numbers.collect();
        numbers.sort_unstable();
        numbers.dedup();
        let _still_wanted = weights.settle_retiring(&numbers);
        // Distinct numbers name distinct sources: each is read once.
        let waiting: Vec<&Held> = numbers
            .into_iter()
            .filter_map(|number| self.numbered.get(number as usize)?.as_deref())
            .filter(|held| held.aside.as_ref().is_some_and(|aside| !aside.keep || held.doc.get().is_none()))
            .collect();
        match waiting.len() {
            0 => Vec::new(),
            1 => waiting.into_iter().filter_map(Held::read).collect(),
            _ => waiting.into_par_iter().filter_map(Held::read).collect(),
        }
    }

    /// Enters a source into the index under its number (`hold` then keeps it there): the number,
    /// the shared id and the document.
    fn enter(&mut self, prepared: Prepared) -> (u32, Arc<str>, SourceDoc) {
        let Prepared { doc, id, spellings, spelling_mentions, mut indexed, claim_keys, sentence_keys } = prepared;
        // What the next version of a document being edited takes if its names read the same.
        let kept_spellings: Vec<(usize, Spelling)> = match doc.reading {
            Some(_) => spelling_mentions.into_iter().zip(spellings.iter().cloned()).collect(),
            None => Vec::new(),
        };
        // An earlier version that kept its keys (a document being edited) leaves the maps of
        // sentences and document frequencies as they are, for only what changed to be entered.
        let earlier = (!self.drafts.contains(&doc.id))
            .then(|| self.docs.get(&doc.id)?.doc.get())
            .flatten()
            .and_then(|old| old.indexed.get()?.keys.as_ref().map(|_| Arc::clone(old)));
        let earlier_number = self.numbers.get(&doc.id).copied();
        self.remove_keeping_keys(&doc.id, earlier.is_some());
        let number = self.number(&doc.id);
        // A source replaced takes back its number (`number`); were it not so, its version
        // before is swept out as `remove` would.
        let earlier = earlier.filter(|old| {
            let same = earlier_number == Some(number);
            if let (false, Some(earlier_number)) = (same, earlier_number) {
                self.sweep_keys(earlier_number, old);
            }
            same
        });
        let kept = earlier.as_ref().and_then(|old| old.indexed.get()?.keys.as_ref());
        match kept {
            Some(kept) => self.enter_changed_claims(number, &kept.claims, &claim_keys),
            None => {
                for (at, key) in &claim_keys {
                    self.postings.entry(key.clone()).or_default().push(Posting { doc: number, at: *at });
                }
            }
        }
        for (bucket, spelling) in indexed.spelling_buckets.iter().zip(spellings) {
            self.spellings.entry(*bucket).or_default().push(spelling);
        }
        match kept {
            Some(kept) => self.enter_changed_keys(number, &kept.sentences, &sentence_keys),
            None => {
                for (index, keys) in sentence_keys.sentences().enumerate() {
                    let at = u32::try_from(index).unwrap_or(u32::MAX);
                    for key in keys {
                        self.sentences.entry(*key).or_default().push(Posting { doc: number, at });
                    }
                }
                for key in doc.keys() {
                    *self.doc_freq.entry(key).or_default() += 1;
                }
            }
        }
        for word in &doc.extraction.lowercase {
            *self.lowercase.entry(*word).or_default() += 1;
        }
        if doc.reading.is_some() {
            indexed.keys = Some(KeptKeys { sentences: sentence_keys, claims: claim_keys, spellings: kept_spellings });
        }
        let _ = doc.indexed.set(indexed);
        (number, id, doc)
    }

    /// Keeps a source entered under `number`.
    fn hold(&mut self, number: u32, held: Held) {
        let held = Arc::new(held);
        if let Some(slot) = self.numbered.get_mut(number as usize) {
            *slot = Some(Arc::clone(&held));
        }
        self.docs.insert(held.id.to_string(), held);
        self.changed();
    }

    /// Has the sources' sentences weighed once for all the analyses to come rather than once
    /// for each: for a caller analysing many documents of a corpus that stays as it is. Each
    /// source is weighed when first aligned with; a change to the corpus starts afresh.
    pub fn weigh_sentences(&mut self) {
        self.sentence_weights = Some(SentenceWeights::new(self.numbered.len()));
    }

    /// Forgets what was worked out for the corpus as it was.
    fn changed(&mut self) {
        self.sentence_starts.take();
        if self.sentence_weights.is_some() {
            self.weigh_sentences();
        }
    }

    /// Gives back the room the index's lists grew into as sources came in one at a time (a
    /// third of it on average): for a caller that has just added a batch of them.
    pub fn shrink_to_fit(&mut self) {
        self.postings.values_mut().for_each(Vec::shrink_to_fit);
        self.spellings.values_mut().for_each(Vec::shrink_to_fit);
        self.sentences.values_mut().for_each(Vec::shrink_to_fit);
    }

    /// Gives a new source its number (its place in `numbered`, filled by `hold`).
    fn number(&mut self, id: &str) -> u32 {
        let returning = self
            .last_removed
            .take()
            .is_some_and(|(number, last)| self.free_numbers.last() == Some(&number) && last == id);
        if !returning {
            self.id_ranks.take();
        }
        let number = match self.free_numbers.pop() {
            Some(number) => number,
            None => {
                self.numbered.push(None);
                u32::try_from(self.numbered.len() - 1).unwrap_or(u32::MAX)
            }
        };
        self.numbers.insert(id.to_string(), number);
        number
    }

    /// The number of the source `doc`, if the corpus holds that very document as a source.
    fn number_of(&self, doc: &SourceDoc) -> Option<u32> {
        let number = *self.numbers.get(&doc.id)?;
        self.numbered.get(number as usize)?.as_ref()?.holds(doc).then_some(number)
    }

    /// The source of a number: read back if it was set aside.
    fn numbered(&self, number: u32) -> Option<Arc<SourceDoc>> {
        self.numbered.get(number as usize)?.as_ref()?.read()
    }

    /// Each source's place in the order of the sources' ids, by its number: ties between
    /// candidates are broken by id, and comparing ranks is comparing ids without reading them. A
    /// number no source holds is never asked (its postings left with its source), so removing a
    /// source leaves the ranks as they are.
    fn id_ranks(&self) -> &[u32] {
        self.id_ranks.get_or_init(|| {
            let mut ranks = vec![0; self.numbered.len()];
            let numbered = self.docs.keys().filter_map(|id| self.numbers.get(id));
            for (rank, number) in (1..).zip(numbered) {
                if let Some(slot) = ranks.get_mut(*number as usize) {
                    *slot = rank;
                }
            }
            ranks
        })
    }

    /// Where each source's sentences start when all the sources' sentences are numbered one
    /// after another, by source number, and how many there are in all.
    fn sentence_starts(&self) -> &(Vec<u32>, usize) {
        self.sentence_starts.get_or_init(|| {
            let mut all = 0usize;
            let mut starts = Vec::with_capacity(self.numbered.len());
            for source in &self.numbered {
                starts.push(u32::try_from(all).unwrap_or(u32::MAX));
                all += source.as_ref().map_or(0, |held| held.sentences);
            }
            (starts, all)
        })
    }

    /// Adds or replaces a draft: a document checked against the sources but evidence for none,
    /// since it is what is being checked. It is not indexed.
    pub fn insert_draft(&mut self, doc: SourceDoc) -> Arc<SourceDoc> {
        self.remove(&doc.id);
        let doc = Arc::new(doc);
        self.docs.insert(doc.id.clone(), Arc::new(Held::whole(Arc::from(doc.id.as_str()), Arc::clone(&doc))));
        self.drafts.insert(doc.id.clone());
        self.changed();
        doc
    }

    /// Other documents' spellings that start like `name` (the candidates for variants of it).
    pub fn spellings_like<'c>(&'c self, name: &str, except_doc: &'c str) -> impl Iterator<Item = &'c Spelling> {
        self.spellings.get(spelling_bucket(name).as_str()).into_iter().flatten().filter(move |s| &*s.doc != except_doc)
    }

    /// Whether a source writes the word of this name key in lowercase.
    pub fn writes_in_lowercase(&self, key: &str) -> bool {
        self.lowercase.contains_key(key)
    }

    /// The sentences and document frequencies of source `number` moved from the keys of its
    /// version before (`kept`, whose entries stayed in the maps) to those of its new version:
    /// only the keys of a sentence that changed are taken out or entered. A sentence's postings
    /// then stand elsewhere in their lists than a fresh entry puts them; nothing reads the lists
    /// in their order (`aligned_sentences` ranks what it finds fully).
    fn enter_changed_keys(
        &mut self,
        number: u32,
        kept: &super::sentence_keys::SentenceKeys,
        keys: &super::sentence_keys::SentenceKeys,
    ) {
        use super::sentence_keys::Change;
        for (index, key, change) in kept.changes_to(keys) {
            let posting = Posting { doc: number, at: u32::try_from(index).unwrap_or(u32::MAX) };
            match change {
                Change::Entered => self.sentences.entry(key).or_default().push(posting),
                Change::Left => {
                    if let Some(list) = self.sentences.get_mut(&key) {
                        if let Some(at) = list.iter().position(|p| *p == posting) {
                            list.remove(at);
                        }
                        if list.is_empty() {
                            self.sentences.remove(&key);
                        }
                    }
                }
            }
        }
        for (key, change) in kept.document_changes_to(keys) {
            match change {
                Change::Entered => *self.doc_freq.entry(key).or_default() += 1,
                Change::Left => {
                    if let Some(count) = self.doc_freq.get_mut(&key) {
                        *count -= 1;
                        if *count == 0 {
                            self.doc_freq.remove(&key);
                        }
                    }
                }
            }
        }
    }

    /// The claim postings of source `number` moved from the keys of its version before
    /// (`kept`, whose postings stayed in the lists) to those of its new version, claim by claim:
    /// only a claim whose keys changed (or whose index did) has its postings taken out and entered.
    fn enter_changed_claims(&mut self, number: u32, kept: &[(u32, IndexKey)], keys: &[(u32, IndexKey)]) {
        let (before, after) = (claims_by_index(kept), claims_by_index(keys));
        for index in 0..before.len().max(after.len()) {
            let (old, new) =
                (before.get(index).copied().unwrap_or_default(), after.get(index).copied().unwrap_or_default());
            if old == new {
                continue;
            }
            for (at, key) in old {
                let posting = Posting { doc: number, at: *at };
                if let Some(list) = self.postings.get_mut(key) {
                    if let Some(found) = list.iter().position(|p| *p == posting) {
                        list.remove(found);
                    }
                    if list.is_empty() {
                        self.postings.remove(key);
                    }
                }
            }
            for (at, key) in new {
                self.postings.entry(key.clone()).or_default().push(Posting { doc: number, at: *at });
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> bool {
        self.remove_keeping_keys(id, false)
    }

    /// `remove`, leaving the source's entries in the maps of sentences and document frequencies
    /// when `keep_keys` (its next version enters only what changed, `enter_changed_keys`).
    fn remove_keeping_keys(&mut self, id: &str, keep_keys: bool) -> bool {
        let Some(held) = self.docs.remove(id) else {
            return false;
        };
        // The ranks of the sources left keep their order; a number no source holds is not asked.
        if !self.drafts.remove(id) {
            let number = self.numbers.remove(id).unwrap_or(u32::MAX);
            // What it entered is read off the document: one set aside is read back for it (its
            // reader extracts it again if the cache lost it). Were a document ever missing, its
            // number would stay taken, so that the postings it left behind name no one.
            let old = held.read();
            if let Some(slot) = self.numbered.get_mut(number as usize) {
                *slot = None;
                if old.is_some() {
                    self.free_numbers.push(number);
                    self.last_removed = Some((number, id.to_string()));
                }
            }
            let Some(old) = old else {
                self.changed();
                return true;
            };
            let indexed = old.indexed.get_or_init(|| indexed(&doc_spellings(&old, &Arc::from(id))));
            for bucket in &indexed.spelling_buckets {
                if let Some(list) = self.spellings.get_mut(bucket) {
                    list.retain(|s| &*s.doc != id);
                }
            }
            for word in &old.extraction.lowercase {
                if let Some(count) = self.lowercase.get_mut(word) {
                    *count -= 1;
                    if *count == 0 {
                        self.lowercase.remove(word);
                    }
                }
            }
            if !keep_keys {
                self.sweep_keys(number, &old);
            }
        }
        self.changed();
        true
    }

    /// Takes source `number` (`old`) out of the lists of its claims' and sentences' keys, and
    /// its count out of their document frequencies.
    fn sweep_keys(&mut self, number: u32, old: &SourceDoc) {
        // Each distinct key once: a long article repeats its words across claims, and each
        // pass over a common key's postings costs the whole list.
        let distinct: rustc_hash::FxHashSet<IndexKey> = old.extraction.claims.iter().flat_map(keys).collect();
        for key in distinct {
            if let Some(list) = self.postings.get_mut(&key) {
                list.retain(|r| r.doc != number);
                if list.is_empty() {
                    self.postings.remove(&key);
                }
            }
        }
        for key in &old.keys() {
            if let Some(list) = self.sentences.get_mut(key) {
                list.retain(|r| r.doc != number);
                if list.is_empty() {
                    self.sentences.remove(key);
                }
            }
            if let Some(count) = self.doc_freq.get_mut(key) {
                *count -= 1;
                if *count == 0 {
                    self.doc_freq.remove(key);
                }
            }
        }
    }

    /// A document of the corpus, read back first if it was set aside.
    pub fn get(&self, id: &str) -> Option<Arc<SourceDoc>> {
        self.docs.get(id)?.read()
    }

    /// The name of a document of the corpus, without reading it back.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.docs.get(id)?.name()
    }

    /// `f` of the text of a document of the corpus and its lines, without reading a source set
    /// aside back: what turns a passage's offsets into positions. An editor places the related
    /// passages of every finding again after each keystroke.
    pub fn with_text<R>(&self, id: &str, f: impl FnOnce(&str, &LineIndex) -> R) -> Option<R> {
        self.docs.get(id)?.with_text(f)
    }

    /// `get` for a look through many documents (a search of the workspace): one set aside is
    /// read back for the caller alone and stays set aside.
    pub fn get_passing(&self, id: &str) -> Option<Arc<SourceDoc>> {
        self.docs.get(id)?.read_passing()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.docs.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Whether sources read back are let go when no caller holds them (`release_read_backs`).
    pub fn releases_read_backs(&self) -> bool {
        self.releases_read_backs
    }

    pub fn ids(&self) -> impl Iterator<Item = &DocId> {
        self.docs.keys()
    }

    /// Feature weights for analysing `doc`.
    pub fn weights<'c>(&'c self, doc: &'c SourceDoc) -> Weights<'c> {
        let indexed = self.docs.len() - self.drafts.len();
        let own = (!self.drafts.contains(&doc.id)).then_some(doc);
        let own_keys = own.map(|doc| KnownWeights::set_of(&doc.keys()));
        Weights {
            corpus: self,
            own_keys,
            documents: indexed.saturating_sub(usize::from(own.is_some())).max(1),
            known: Default::default(),
            weighed: Default::default(),
            stretches: Default::default(),
            totals: Default::default(),
            lent: Default::default(),
            retiring: Default::default(),
            lets_go_of_unaligned: Default::default(),
        }
    }

    /// Sentences of other sources that share informative features with `features`, the most
    /// similar first, at most `MAX_ALIGNED` of them and none below `min_similarity`.
    pub fn aligned_sentences(
        &self,
        features: &[Feature],
        except_doc: &str,
        weights: &Weights<'_>,
        min_similarity: f64,
    ) -> Vec<AlignedSentence> {
        let mut keys: Vec<Key> = features.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        let ours = crate::engine::align::weigh(features, &[], weights);
        // Each posting read is marked with its key's place among ours: a sentence found is then
        // known to hold each key read and to lack each other key read.
        let mark = |key: &Key| ours.position(*key).map_or(0, crate::engine::align::key_mark);
        let mut known = 0u64;
        let mut lists: Vec<(f64, &[Posting], u64)> = Vec::with_capacity(keys.len());
        for key in &keys {
            let list = self.sentences.get(key).map_or(&[][..], Vec::as_slice);
            if list.is_empty() {
                // No source's sentence holds it.
                known |= mark(key);
            } else if list.len() <= MAX_POSTINGS {
                lists.push((weights.idf(*key), list, mark(key)));
            }
        }
        // The most informative keys first, within a budget of postings.
        lists.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut seen = 0;
        lists.retain(|(_, list, _)| {
            seen += list.len();
            seen <= LOOKUP_BUDGET || seen == list.len()
        });
        known |= lists.iter().fold(0, |marks, (_, _, mark)| marks | mark);
        let except = self.numbers.get(except_doc).copied();
        let (starts, sentences) = self.sentence_starts();
        // In the order the sentences are first met: the ranking below orders them fully.
        let found: Vec<(Posting, f64, u64)> = with_scores(|scores| {
            scores.start(*sentences);
            for (weight, list, mark) in lists {
                for found in list {
                    // Every posting names a numbered source (its postings leave with it).
                    let Some(&start) = starts.get(found.doc as usize) else { continue };
                    if Some(found.doc) != except {
                        scores.add(start as usize + found.at as usize, *found, weight, mark);
                    }
                }
            }
            scores.scores().collect()
        });
        let ranks = self.id_ranks();
        // The best as a set, left unsorted: they are ranked again below, by how they align. By
        // score, and among equal scores by source (in the order of their ids) and sentence.
        let most = MAX_ALIGNED * 3;
        let found: Vec<(Posting, u64)> = if found.len() > most {
            // The score of the last of the best, found among the scores alone (many sentences
            // score alike, each found through the same one key): every better one is kept, and
            // those scoring just that compete for the room left.
            let score = |score: f64| !total_order(score);
            let mut scores: Vec<u64> = found.iter().map(|(_, s, _)| score(*s)).collect();
            let (_, &mut least, _) = scores.select_nth_unstable(most - 1);
            let mut kept = Vec::with_capacity(most);
            let mut tied = Vec::new();
            for &(at, s, marks) in &found {
                match score(s).cmp(&least) {
                    std::cmp::Ordering::Less => kept.push((at, marks)),
                    std::cmp::Ordering::Equal => {
                        let (rank, sentence) = ranked(ranks, &at);
                        tied.push((u64::from(rank) << 32 | u64::from(sentence), at, marks));
                    }
                    std::cmp::Ordering::Greater => {}
                }
            }
            let room = most.saturating_sub(kept.len());
            if tied.len() > room && room > 0 {
                tied.select_nth_unstable_by_key(room - 1, |(key, _, _)| *key);
            }
            kept.extend(tied.iter().take(room).map(|&(_, at, marks)| (at, marks)));
            kept
        } else {
            found.into_iter().map(|(at, _, marks)| (at, marks)).collect()
        };
        // Similar as a whole, or a short sentence that ours says most of ("Rivers died on Sept. 4").
        let close = |overlap: &Overlap| {
            overlap.similarity() >= min_similarity || (overlap.count >= 2 && overlap.shared >= 0.5 * overlap.theirs)
        };
        // Most similar first; a short sentence ours contains ranks by how much of it ours states.
        // Ties go by source (in the order of their ids, as `id_ranks` numbers them) and sentence.
        let rank = |overlap: &Overlap, at: &Posting| {
            let contained = if overlap.theirs > 0.0 { 0.8 * overlap.shared / overlap.theirs } else { 0.0 };
            let (rank, sentence) = ranked(ranks, at);
            u128::from(!total_order(overlap.similarity().max(contained))) << 64
                | u128::from(rank) << 32
                | u128::from(sentence)
        };
        let read_back = self.read_back_numbered(found.iter().map(|(at, _)| at.doc), weights);
        let mut aligned: Vec<(u128, AlignedSentence)> = found
            .into_iter()
            .filter_map(|(at, marks)| {
                let doc = self.numbered(at.doc)?;
                let sentence = at.at as usize;
                let overlap =
                    weights.numbered_sentence_overlap_marked(&ours, (at.doc, &doc, sentence), (known, marks), close)?;
                close(&overlap).then(|| (rank(&overlap, &at), AlignedSentence { doc, sentence, overlap }))
            })
            .collect();
        // Every key differs (one entry per sentence): an unstable sort orders them as a stable one.
        aligned.sort_unstable_by_key(|(key, _)| *key);
        aligned.truncate(MAX_ALIGNED);
        if weights.lets_go_of_unaligned.get() {
            // A source read back only to be scored, none of whose sentences aligned, is let go
            // now rather than with the sentence's sources: its sentences weighed go with it.
            let kept: rustc_hash::FxHashSet<*const SourceDoc> =
                aligned.iter().map(|(_, aligned)| Arc::as_ptr(&aligned.doc)).collect();
            let (held, passing): (Vec<_>, Vec<_>) =
                read_back.into_iter().partition(|doc| kept.contains(&Arc::as_ptr(doc)));
            weights.forget_sentences_of(&passing);
            weights.hold(held);
        } else {
            weights.hold(read_back);
        }
        aligned.into_iter().map(|(_, aligned)| aligned).collect()
    }

    /// Claims of other documents that share index keys with `claim`, most shared first, at most
    /// `MAX_CANDIDATES` of them: each as its document, its index there and the keys it shares.
    pub fn candidates(
        &self,
        claim: &Claim,
        except_doc: &str,
        weights: &Weights<'_>,
    ) -> Vec<(Arc<SourceDoc>, usize, usize)> {
        let postings_of = |key: &IndexKey| self.postings.get(key).map_or(&[][..], Vec::as_slice);
        let mut lists: Vec<&[Posting]> = keys(claim).iter().map(postings_of).collect();
        // Rarest keys first, within a budget of postings: a small corpus uses every key, a large
        // one its most telling; a key every event shares finds nothing in particular.
        if lists.len() > 1 {
            lists.retain(|list| list.len() <= MAX_POSTINGS);
            lists.sort_by_key(|list| list.len());
            let mut seen = 0;
            lists.retain(|list| {
                seen += list.len();
                seen <= LOOKUP_BUDGET || seen == list.len()
            });
        }
        let except = self.numbers.get(except_doc).copied();
        let mut hits: HashMap<Posting, usize> = HashMap::default();
        for found in lists.into_iter().flatten() {
            if Some(found.doc) != except {
                *hits.entry(*found).or_insert(0) += 1;
            }
        }
        let mut found: Vec<(Posting, usize)> = hits.into_iter().collect();
        let ranks = self.id_ranks();
        best_first(&mut found, MAX_CANDIDATES, |(a, m), (b, n)| {
            n.cmp(m).then_with(|| ranked(ranks, a).cmp(&ranked(ranks, b)))
        });
        let _read_back = self.read_back_numbered(found.iter().map(|(at, _)| at.doc), weights);
        found.into_iter().filter_map(|(at, n)| Some((self.numbered(at.doc)?, at.at as usize, n))).collect()
    }
}

/// The distinct spellings of names in a document, each at its first occurrence inside a
/// sentence, with what it names there.
fn doc_spellings(doc: &SourceDoc, id: &Arc<str>) -> Vec<Spelling> {
    doc_spellings_at(doc, id).into_iter().map(|(_, spelling)| spelling).collect()
}

/// Whether two versions of a document read the same names (see `Prepared::after`), on which
/// alone their spellings rest.
fn same_names(earlier: &SourceDoc, doc: &SourceDoc) -> bool {
    let (theirs, ours) = (&earlier.extraction.names, &doc.extraction.names);
    let alike = |a: &super::names::NameMention, b: &super::names::NameMention| {
        let own = |m: &super::names::NameMention| {
            (m.span.start.wrapping_sub(m.phrase.start), m.span.end.wrapping_sub(m.phrase.start))
        };
        (a.opens_sentence, a.phrase_opens_sentence, a.place, a.common)
            == (b.opens_sentence, b.phrase_opens_sentence, b.place, b.common)
            && own(a) == own(b)
            && a.span.slice(&earlier.text) == b.span.slice(&doc.text)
            && a.phrase.slice(&earlier.text) == b.phrase.slice(&doc.text)
    };
    earlier.extraction.lowercase == doc.extraction.lowercase
        && theirs.len() == ours.len()
        && theirs.iter().zip(ours).all(|(a, b)| alike(a, b))
}

/// `doc_spellings`, each with the index of the mention it was read at.
fn doc_spellings_at(doc: &SourceDoc, id: &Arc<str>) -> Vec<(usize, Spelling)> {
    let names = &doc.extraction.names;
    let lowercase = &doc.extraction.lowercase;
    let referents = crate::engine::names::referents(&doc.text, names, &|key| {
        lowercase.binary_search_by(|word| word.as_str().cmp(key)).is_ok()
    });
    let keys: Vec<String> = names.iter().map(|m| name_key(m.span.slice(&doc.text))).collect();
    // The mentions of each key, in order.
    let mut same_keys: HashMap<&str, Vec<usize>> = HashMap::default();
    for (j, key) in keys.iter().enumerate() {
        same_keys.entry(key.as_str()).or_default().push(j);
    }
    let mut seen = rustc_hash::FxHashSet::default();
    let mut found = Vec::new();
    for (i, mention) in names.iter().enumerate() {
        if mention.opens_sentence || !seen.insert(keys[i].as_str()) {
            continue;
        }
        let same_key = || same_keys.get(keys[i].as_str()).into_iter().flatten().copied();
        let referent =
            same_key().map(|j| &referents[j]).find(|r| **r != Referent::Alone).map_or(Referent::Alone, Clone::clone);
        let alone = || same_key().filter(|&j| referents[j] == Referent::Alone);
        found.push((
            i,
            Spelling {
                doc: Arc::clone(id),
                text: super::names::without_possessives(mention.span.slice(&doc.text)).to_string(),
                span: mention.span,
                place: alone().any(|j| names[j].place),
                common: referent == Referent::Alone && alone().any(|j| names[j].common),
                referent,
            },
        ));
    }
    found
}

/// A document's claim keys (each claim's, in order, by the claim's index) claim by claim.
fn claims_by_index(keys: &[(u32, IndexKey)]) -> Vec<&[(u32, IndexKey)]> {
    let mut claims: Vec<&[(u32, IndexKey)]> = Vec::new();
    let mut rest = keys;
    while let Some(&(at, _)) = rest.first() {
        let (claim, after) = rest.split_at(rest.iter().take_while(|(other, _)| *other == at).count());
        let at = at as usize;
        if claims.len() <= at {
            claims.resize(at + 1, &[]);
        }
        claims[at] = claim;
        rest = after;
    }
    claims
}

/// A number that orders as `f64::total_cmp` orders: the bits of a negative number flipped, of
/// any other with the sign bit set.
fn total_order(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// A posting's place in the order of sources' ids and then of their sentences or claims.
fn ranked(ranks: &[u32], posting: &Posting) -> (u32, u32) {
    (ranks.get(posting.doc as usize).copied().unwrap_or(0), posting.at)
}

/// Keeps the first `most` of `items` in `order` (a total order), sorted: the same as sorting all
/// of them and truncating, without sorting the many that are dropped.
fn best_first<T>(items: &mut Vec<T>, most: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if items.len() > most && most > 0 {
        items.select_nth_unstable_by(most - 1, &order);
    }
    items.truncate(most);
    items.sort_by(order);
}

/// The index keys of the claims found by key: quotations by their words, roles by the person,
/// control claims by the place. Figures, dates and statements are found through aligned
/// sentences instead (`aligned_sentences`).
fn keys(claim: &Claim) -> Vec<IndexKey> {
    match &claim.kind {
        ClaimKind::Figure(_)
        | ClaimKind::Date(_)
        | ClaimKind::Name(_)
        | ClaimKind::Stance(_)
        | ClaimKind::Statement => Vec::new(),
        ClaimKind::Control(control) => vec![IndexKey::Place(Sym::of(&control.place_key))],
        ClaimKind::Role(role) => {
            let mut keys: Vec<IndexKey> = role
                .people()
                .iter()
                .map(|p| {
                    let first_letters: String = crate::engine::names::name_key(&p.last).chars().take(4).collect();
                    IndexKey::Person(Sym::of(&first_letters))
                })
                .collect();
            keys.sort();
            keys.dedup();
            keys
        }
        ClaimKind::Quote(quote) => {
            let mut keys: Vec<IndexKey> = quote
                .keys
                .iter()
                .flatten()
                .filter(|w| w.chars().count() >= 4 && !crate::engine::text::is_stopword(w))
                .map(|w| IndexKey::Quote(*w))
                .collect();
            keys.sort();
            keys.dedup();
            keys
        }
    }
}

/// The shipped seed articles, each as its path and text, in the order of their paths, for the
/// engine's tests.
#[cfg(test)]
pub fn seed_texts() -> Vec<(String, String)> {
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
        .expect("the seeds")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| (path.display().to_string(), std::fs::read_to_string(&path).expect("a seed")))
        .collect();
    seeds.sort();
    seeds
}

/// A corpus of a draft (id `draft`, file `draft.txt`) and its sources (`s0`, `s1`… as
/// `s0.txt`…), for the engine's tests.
#[cfg(test)]
pub fn test_corpus(draft: &str, sources: &[&str]) -> Corpus {
    let mut corpus = Corpus::new();
    corpus.insert(SourceDoc::new("draft", "draft.txt", draft));
    for (i, source) in sources.iter().enumerate() {
        corpus.insert(SourceDoc::new(format!("s{i}"), format!("s{i}.txt"), *source));
    }
    corpus
}

#[cfg(test)]
mod revision_tests {
    use super::*;

    #[test]
    fn total_order_orders_numbers_as_total_cmp_does() {
        let numbers = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            0.4,
            0.4000000000000001,
            2.5,
            1e300,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in numbers {
            for b in numbers {
                assert_eq!(total_order(a).cmp(&total_order(b)), a.total_cmp(&b), "{a} against {b}");
            }
        }
    }

    #[test]
    fn a_sentence_that_reads_as_before_is_read_again_when_the_place_before_it_changed() {
        // Both places stay named in the article, so only the place memory tells the versions apart.
        let before = "Shelling hit Melitopol and Mariupol on Sunday. Russian forces seized Mariupol on Monday after \
                      a long siege. Ukraine said its troops still control the city.\n";
        let after = before.replace("seized Mariupol", "seized Melitopol");
        let doc = SourceDoc::revise_until(None, "d", "d.txt", before, &|| false).expect("read");
        let revised = SourceDoc::revise_until(Some(&doc), "d", "d.txt", after.clone(), &|| false).expect("read");
        let places = |doc: &SourceDoc| -> Vec<String> {
            doc.extraction
                .claims
                .iter()
                .filter_map(|c| match &c.kind {
                    ClaimKind::Control(control) => Some(control.place.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(places(&revised), ["Melitopol", "Melitopol"]);
        assert!(revised.extraction == SourceDoc::new("d", "d.txt", after).extraction);
    }

    /// Reads `before`, then `after` as its next version; the revised reading must be the fresh one.
    fn check_revision(before: &str, after: &str) -> SourceDoc {
        let doc = SourceDoc::revise_until(None, "d", "d.txt", before, &|| false).expect("read");
        let revised = SourceDoc::revise_until(Some(&doc), "d", "d.txt", after, &|| false).expect("read");
        let fresh = SourceDoc::new("d", "d.txt", after);
        assert_eq!(revised.extraction, fresh.extraction, "{after}");
        assert_eq!(revised.keys(), fresh.keys());
        assert_eq!(revised.extraction.lowercase, lowercase_read_again(&fresh));
        revised
    }

    /// The keys of the words a document writes in lowercase, from its words read again.
    fn lowercase_read_again(doc: &SourceDoc) -> Box<[Sym]> {
        let body: Vec<Span> = doc.extraction.sentences.iter().filter(|s| !s.debris).map(|s| s.span).collect();
        crate::engine::names::lowercase_keys(crate::engine::names::lowercase_words(&doc.text, &body))
    }

    #[test]
    fn a_name_in_a_sentence_that_reads_as_before_turns_common_when_another_writes_it_in_lowercase() {
        let before = "Marchers rallied in Varnetsk on Sunday. Police watched the square.\n";
        let after = before.replace("watched the square", "watched the marchers");
        let common = |doc: &SourceDoc| {
            doc.extraction.names.iter().find(|n| n.span.slice(&doc.text) == "Marchers").map(|n| n.common)
        };
        assert_eq!(common(&SourceDoc::new("d", "d.txt", before)), Some(false));
        assert_eq!(common(&check_revision(before, &after)), Some(true));
        assert_eq!(common(&check_revision(&after, before)), Some(false));
    }

    #[test]
    fn a_quotation_is_given_to_the_person_an_edited_sentence_now_names() {
        let before =
            "The acting transport minister, Hishammuddin Hussein, spoke next. \"The search goes on for now,\" he \
                      told reporters.\n";
        let after = before.replace("Hishammuddin Hussein", "Marcel Dupree");
        let person = |doc: &SourceDoc| {
            doc.extraction.claims.iter().find_map(|c| match &c.kind {
                ClaimKind::Quote(quote) => quote.person.clone(),
                _ => None,
            })
        };
        assert_eq!(person(&SourceDoc::new("d", "d.txt", before)).as_deref(), Some("Hishammuddin Hussein"));
        assert_eq!(person(&check_revision(before, &after)).as_deref(), Some("Marcel Dupree"));
    }

    #[test]
    fn a_sentence_with_more_claims_than_the_cap_reads_as_before_after_an_edit_before_it() {
        let list: Vec<String> = (1..=60).map(|n| format!("{n} tonnes")).collect();
        let before = format!("Port officials spoke on Sunday. The ships carried {}.\n", list.join(", "));
        let after = before.replace("on Sunday", "on Monday morning");
        let revised = check_revision(&before, &after);
        assert!(revised.reading.as_deref().is_some_and(|r| r.reused_sentences() == 1));
    }

    #[test]
    fn a_claim_is_told_the_relocation_of_another_as_relocating_that_one_would_tell() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut told = 0;
        for seed in std::fs::read_dir(folder).expect("seeds").flatten() {
            let doc = SourceDoc::new("d", "d.txt", std::fs::read_to_string(seed.path()).expect("seed"));
            let claims = &doc.extraction.claims;
            for earlier in claims {
                let sentence = earlier.sentence + 1;
                let Some(moved) = earlier.relocated(5, sentence) else { continue };
                // The claim moved, and the same with one part of it otherwise.
                let mut variants = vec![moved.clone()];
                let nudge = |span: &mut Span| span.end += 1;
                let mut other = moved.clone();
                if let Some(attribution) = &mut other.attribution {
                    nudge(&mut Arc::make_mut(attribution).span);
                    variants.push(other);
                }
                let mut other = moved.clone();
                match &mut other.kind {
                    ClaimKind::Figure(figure) => figure.measures.iter_mut().for_each(|m| nudge(&mut m.span)),
                    ClaimKind::Quote(quote) => quote.speaker_span.iter_mut().for_each(nudge),
                    _ => {}
                }
                variants.push(other);
                if let Some(about_else) = claims.iter().find(|c| c.subject != moved.subject) {
                    let mut other = moved.clone();
                    other.subject = about_else.subject.clone();
                    variants.push(other);
                }
                for claim in variants.iter().chain(claims.iter().take(30)) {
                    for (delta, sentence) in [(5, sentence), (4, sentence), (5, earlier.sentence)] {
                        let expected = earlier.relocated(delta, sentence).as_ref() == Some(claim);
                        assert_eq!(claim.is_relocation_of(earlier, delta, sentence), expected, "{claim:?}");
                        told += usize::from(expected);
                    }
                }
            }
        }
        assert!(told > 100, "{told} relocations told");
    }

    #[test]
    fn the_article_date_follows_an_edit_to_the_sentence_that_gives_it() {
        let before = "Talks went on. Envoys arrived on Tuesday (December 2) for talks. They met again on Friday.\n";
        let after = before.replace("Tuesday (December 2)", "Wednesday (December 10)");
        let published = |doc: &SourceDoc| doc.extraction.published.and_then(|d| d.day);
        assert_eq!(published(&SourceDoc::new("d", "d.txt", before)), Some(2));
        assert_eq!(published(&check_revision(before, &after)), Some(10));
        assert_eq!(published(&check_revision(&after, before)), Some(2));
    }

    /// The index as a fixed order shows it.
    pub(super) type ShownIndex = (
        BTreeMap<Key, Vec<(String, u32)>>,
        BTreeMap<Key, u32>,
        BTreeMap<IndexKey, Vec<(String, u32)>>,
        BTreeMap<Sym, Vec<String>>,
    );

    /// The sentences and claims of each key, each source's by its id, in a fixed order; and the
    /// document frequencies.
    pub(super) fn index_of(corpus: &Corpus) -> ShownIndex {
        let id = |number: u32| {
            let held = corpus.numbered.get(number as usize).and_then(Option::as_ref);
            held.map_or(String::new(), |held| held.id.to_string())
        };
        let shown = |list: &Vec<Posting>| {
            let mut list: Vec<(String, u32)> = list.iter().map(|p| (id(p.doc), p.at)).collect();
            list.sort();
            list
        };
        (
            corpus.sentences.iter().map(|(key, list)| (*key, shown(list))).collect(),
            corpus.doc_freq.iter().map(|(key, count)| (*key, *count)).collect(),
            corpus.postings.iter().map(|(key, list)| (key.clone(), shown(list))).collect(),
            // A bucket a source leaves stays, empty, as it was.
            (corpus.spellings.iter().filter(|(_, list)| !list.is_empty()))
                .map(|(bucket, list)| {
                    let mut list: Vec<String> = list.iter().map(|spelling| format!("{spelling:?}")).collect();
                    list.sort();
                    (*bucket, list)
                })
                .collect(),
        )
    }

    #[test]
    fn a_source_edited_in_place_is_indexed_as_one_read_afresh() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut seeds: Vec<_> = std::fs::read_dir(folder).expect("seeds").flatten().map(|e| e.path()).collect();
        seeds.sort();
        let sources: Vec<SourceDoc> = (seeds.iter().skip(1).take(3))
            .map(|path| {
                SourceDoc::new(path.display().to_string(), "s.txt", std::fs::read_to_string(path).expect("seed"))
            })
            .collect();
        let with_sources = || {
            let mut corpus = Corpus::new();
            for source in &sources {
                corpus.insert(SourceDoc::from_extraction(
                    &source.id,
                    "s.txt",
                    source.text.clone(),
                    source.extraction.clone(),
                ));
            }
            corpus
        };
        let pieces = ["e", " ", ". ", "\n", " 40 per cent", " said", "Officials said.", " Halvern Dupree"];
        let mut dice = crate::engine::rolls::Rolls::new(0x2545_f491_4f6c_dd1d);
        let mut text = std::fs::read_to_string(&seeds[0]).expect("seed");
        let mut edited = with_sources();
        let mut doc = SourceDoc::revise_until(None, "d", "d.txt", text.clone(), &|| false).expect("read");
        edited.insert(SourceDoc::revise_until(None, "d", "d.txt", text.clone(), &|| false).expect("read"));
        let (mut changed, mut same_names_read) = (0, 0);
        for step in 0..60 {
            dice.edit(&mut text, &pieces, 200);
            let revised = SourceDoc::revise_until(Some(&doc), "d", "d.txt", text.clone(), &|| false).expect("read");
            let before = index_of(&edited);
            let next = SourceDoc::revise_until(Some(&doc), "d", "d.txt", text.clone(), &|| false).expect("read");
            let indexed = edited.get("d");
            same_names_read += usize::from(indexed.as_deref().is_some_and(|earlier| same_names(earlier, &next)));
            edited.insert(Prepared::after(next, indexed.as_deref()));
            let mut fresh = with_sources();
            fresh.insert(SourceDoc::new("d", "d.txt", text.clone()));
            let index = index_of(&edited);
            assert!(index == index_of(&fresh), "step {step}: the index differs from a fresh one");
            changed += usize::from(index != before);
            for source in &sources {
                for sentence in 0..source.extraction.sentences.len() {
                    let aligned = |corpus: &Corpus| -> Vec<(String, usize, u64)> {
                        let weights = corpus.weights(source);
                        (corpus.aligned_sentences(source.features(sentence), &source.id, &weights, 0.1).iter())
                            .map(|a| (a.doc.id.clone(), a.sentence, a.overlap.similarity().to_bits()))
                            .collect()
                    };
                    assert_eq!(aligned(&edited), aligned(&fresh), "step {step}");
                }
                for claim in &source.extraction.claims {
                    let found = |corpus: &Corpus| -> Vec<(String, usize, usize)> {
                        (corpus.candidates(claim, &source.id, &corpus.weights(source)).into_iter())
                            .map(|(doc, at, shared)| (doc.id.clone(), at, shared))
                            .collect()
                    };
                    assert_eq!(found(&edited), found(&fresh), "step {step}");
                }
            }
            doc = revised;
        }
        assert!(changed > 30, "only {changed} edits changed the index: the test proves little");
        assert!(
            (10..55).contains(&same_names_read),
            "{same_names_read} of 60 edits read the same names: the test proves little"
        );
    }

    #[test]
    fn a_revised_reading_is_the_reading_from_scratch() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut seeds: Vec<_> = std::fs::read_dir(folder).expect("seeds").flatten().map(|e| e.path()).collect();
        seeds.sort();
        // What edits type: letters, a space, sentence ends, quotes, a figure, a name, a new line.
        let pieces = ["e", " ", ". ", "\n", "\u{201c}", "\u{201d}", "\"", " 40 per cent", " Kyiv", " said", "’s", "."];
        let mut dice = crate::engine::rolls::Rolls::new(0x9e37_79b9_7f4a_7c15);
        let (mut reused, mut sentences) = (0, 0);
        for seed in seeds {
            let mut text = std::fs::read_to_string(&seed).expect("seed");
            let mut doc = SourceDoc::revise_until(None, "d", "d.txt", text.clone(), &|| false).expect("read");
            for step in 0..40 {
                dice.edit(&mut text, &pieces, 12);
                let revised = SourceDoc::revise_until(Some(&doc), "d", "d.txt", text.clone(), &|| false).expect("read");
                let fresh = SourceDoc::new("d", "d.txt", text.clone());
                assert!(
                    revised.extraction == fresh.extraction,
                    "{} step {step}: the revised reading differs from a fresh one",
                    seed.display()
                );
                assert_eq!(revised.keys(), fresh.keys());
                assert_eq!(revised.full_names, fresh.full_names, "{} step {step}", seed.display());
                assert_eq!(revised.extraction.lowercase, lowercase_read_again(&fresh));
                let counted_afresh = SourceDoc::revise_until(None, "d", "d.txt", text.clone(), &|| false);
                let same_words =
                    (revised.reading.as_deref().zip(counted_afresh.as_ref().and_then(|d| d.reading.as_deref())))
                        .is_some_and(|(revised, fresh)| revised.counted_the_same_words(fresh));
                assert!(same_words, "{} step {step}: the line words counted differ from a fresh count", seed.display());
                reused += revised.reading.as_deref().map_or(0, Reading::reused_sentences);
                sentences += fresh.extraction.sentences.len();
                doc = revised;
            }
        }
        // Most sentences read as before after one edit: most are re-used, or the test proves nothing.
        assert!(reused * 2 > sentences, "{reused} of {sentences} sentences re-used");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_weighed_once_for_the_corpus_align_exactly_as_weighed_per_analysis() {
        let texts = [
            "Officials said 300 people were hurt in the blaze near Bakhmut on Monday. The mayor called it a tragedy.",
            "At least 300 people were hurt in Monday's blaze near Bakhmut, officials said. Firefighters fought it all night.",
            "The blaze near Bakhmut hurt 250 people, the mayor said on Monday. He called it a tragedy for the town.",
            "Firefighters battled a blaze near the town all night. Officials said the mayor visited the hurt on Monday.",
        ];
        let mut corpus = Corpus::new();
        for (i, text) in texts.iter().enumerate() {
            corpus.insert(SourceDoc::new(format!("s{i}"), format!("s{i}.txt"), *text));
        }
        corpus.insert_draft(SourceDoc::new("draft", "draft.txt", texts[2]));
        // Every sentence of every document against the others: where, and every figure of how much.
        let alignments = |corpus: &Corpus| {
            let mut found = Vec::new();
            for id in ["s0", "s1", "s2", "s3", "draft"] {
                let doc = corpus.get(id).expect("inserted");
                let weights = corpus.weights(&doc);
                for sentence in 0..doc.extraction.sentences.len() {
                    for aligned in corpus.aligned_sentences(doc.features(sentence), id, &weights, 0.1) {
                        let Overlap { shared, ours, theirs, count } = aligned.overlap;
                        let figures = [shared, ours, theirs].map(f64::to_bits);
                        found.push((id, sentence, aligned.doc.id.clone(), aligned.sentence, figures, count));
                    }
                }
            }
            found
        };
        let per_analysis = alignments(&corpus);
        corpus.weigh_sentences();
        let for_the_corpus = alignments(&corpus);
        assert!(per_analysis.len() >= 10, "{per_analysis:?}");
        assert_eq!(for_the_corpus, per_analysis);
    }

    #[test]
    fn sources_set_aside_give_the_analysis_of_sources_held_whole_and_only_those_reached_are_read_back() {
        use crate::engine::analysis::analyze;
        let seeds = seed_texts();
        assert!(seeds.len() >= 3);
        // A source about another story, which no claim of the seeds reaches.
        let elsewhere = "Beekeepers in the valley harvested a record crop of heather honey. \
                         The cooperative will sell the jars from its orchard.";
        let texts: Vec<(String, &str)> = (seeds.iter().map(|(id, text)| (id.clone(), text.as_str())))
            .chain([("elsewhere.txt".to_string(), elsewhere)])
            .collect();
        let (draft, sources) = texts.split_first().expect("a draft");
        let build_into = |corpus: &mut Corpus, set_aside: bool, read_back: ReadBack| {
            corpus.insert_draft(SourceDoc::new(draft.0.clone(), "draft.txt", draft.1));
            for (id, text) in sources {
                let doc = SourceDoc::new(id.clone(), id.clone(), *text);
                if set_aside {
                    corpus.insert_set_aside(doc, Arc::clone(&read_back));
                } else {
                    corpus.insert(doc);
                }
            }
        };
        let build = |set_aside: bool, read_back: ReadBack| {
            let mut corpus = Corpus::new();
            build_into(&mut corpus, set_aside, read_back);
            corpus
        };
        let read_back_ids = Arc::new(std::sync::Mutex::new(Vec::new()));
        let counted = Arc::clone(&read_back_ids);
        let read_back: ReadBack = Arc::new(move |id: &str, name: &str, text: String| {
            counted.lock().expect("not poisoned").push(id.to_string());
            SourceDoc::new(id, name, text)
        });
        let whole = build(false, Arc::clone(&read_back));
        let aside = build(true, read_back);
        assert!(read_back_ids.lock().expect("not poisoned").is_empty(), "nothing is read back before it is reached");
        let analysed = analyze(&whole, &draft.0).expect("the draft");
        let evidence = analysed.claims.iter().flat_map(|claim| &claim.targets).map(|t| t.evidence.len()).sum::<usize>();
        assert!(evidence > 0, "the seeds corroborate each other");
        assert_eq!(analyze(&aside, &draft.0).as_ref(), Some(&analysed));
        let read_back = read_back_ids.lock().expect("not poisoned").clone();
        assert!(!read_back.is_empty() && !read_back.contains(&"elsewhere.txt".to_string()), "{read_back:?}");
        let mut distinct = read_back.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), read_back.len(), "each source is read back once");
        // A look through the documents reads one set aside for itself alone.
        let passing = aside.get_passing("elsewhere.txt").expect("the source set aside");
        assert_eq!(
            (passing.text.as_str(), passing.extraction.claims.len()),
            (elsewhere, whole.get("elsewhere.txt").expect("held").extraction.claims.len())
        );
        assert!(aside.docs.get("elsewhere.txt").is_some_and(|held| held.doc.get().is_none()), "still set aside");
        // Every source, read back or not, analyses as it does held whole; taking one out leaves
        // the index as taking it out of the whole corpus does.
        for (id, _) in sources {
            assert_eq!(analyze(&aside, id), analyze(&whole, id), "{id}");
        }
        let (mut whole, mut aside) = (whole, aside);
        whole.remove(&sources[0].0);
        aside.remove(&sources[0].0);
        assert_eq!(super::revision_tests::index_of(&aside), super::revision_tests::index_of(&whole));
        assert_eq!(analyze(&aside, &draft.0), analyze(&whole, &draft.0));

        // A corpus that lets go of what it reads back analyses the same, and holds none of it
        // once an analysis is done.
        let mut released = Corpus::new();
        released.release_read_backs();
        build_into(&mut released, true, Arc::new(|id: &str, name: &str, text: String| SourceDoc::new(id, name, text)));
        let held = Corpus::held_read_backs;
        let analysed = analyze(&released, &draft.0).expect("the draft");
        let (read, readings, all) = released.read_back_count();
        assert!(0 < read && read < all && read <= readings, "({read}, {readings}, {all})");
        assert_eq!(held(&released), 0);
        assert_eq!(analyze(&released, &draft.0).as_ref(), Some(&analysed));
        assert_eq!(released.read_back_count().1, readings * 2, "let go, each is read back again");
        let whole = build(false, Arc::new(|id: &str, name: &str, text: String| SourceDoc::new(id, name, text)));
        assert_eq!(analysed, analyze(&whole, &draft.0).expect("the draft"));
        for (id, _) in sources {
            assert_eq!(analyze(&released, id), analyze(&whole, id), "{id}");
        }
        assert_eq!(held(&released), 0);
        // Passages are placed by the text set aside, with nothing read back.
        let readings = released.read_back_count().1;
        for (id, _) in sources {
            let placed = released.with_text(id, |text, lines| (text.to_string(), lines.clone()));
            let doc = whole.get(id).expect("held whole");
            assert_eq!(placed, Some((doc.text.clone(), doc.lines.clone())), "{id}");
        }
        assert_eq!(released.read_back_count().1, readings);
        let mut whole = whole;
        released.remove(&sources[0].0);
        whole.remove(&sources[0].0);
        assert_eq!(analyze(&released, &draft.0), analyze(&whole, &draft.0));
    }

    #[test]
    fn a_lookup_lets_go_of_the_sources_retired_but_those_it_reads_again_and_at_once_of_those_that_only_scored() {
        let seeds = seed_texts();
        let (draft, sources) = seeds.split_first().expect("a draft");
        let mut corpus = Corpus::new();
        corpus.release_read_backs();
        corpus.insert_draft(SourceDoc::new(draft.0.clone(), "draft.txt", draft.1.as_str()));
        let read_back: ReadBack = Arc::new(|id: &str, name: &str, text: String| SourceDoc::new(id, name, text));
        for (id, text) in sources {
            corpus.insert_set_aside(SourceDoc::new(id.clone(), id.clone(), text.as_str()), Arc::clone(&read_back));
        }
        let doc = corpus.get(&draft.0).expect("the draft");
        let weights = corpus.weights(&doc);
        let readings = || corpus.read_back_count().1;
        let distinct = |aligned: &[AlignedSentence]| {
            let mut docs: Vec<*const SourceDoc> = aligned.iter().map(|a| Arc::as_ptr(&a.doc)).collect();
            docs.sort_unstable();
            docs.dedup();
            docs.len()
        };
        let lookup =
            |sentence: usize, least: f64| corpus.aligned_sentences(doc.features(sentence), &doc.id, &weights, least);
        // The draft's sentence whose lookup reads back the most sources.
        let (reach, sentence) = (0..doc.extraction.sentences.len())
            .map(|sentence| {
                let before = readings();
                drop(lookup(sentence, 0.1));
                drop(weights.forget_passages());
                (readings() - before, sentence)
            })
            .max()
            .expect("sentences");
        assert!(reach >= 2, "{reach}");

        // Held with the passages: retired, they are held until the next look-up reads back.
        let before = readings();
        let aligned = lookup(sentence, 0.1);
        assert_eq!((readings() - before, corpus.held_read_backs()), (reach, reach));
        weights.retire_passages();
        drop(aligned);
        assert_eq!(corpus.held_read_backs(), reach, "retired, not yet let go");
        // The same look-up again reads none of them twice.
        let aligned = lookup(sentence, 0.1);
        assert_eq!((readings() - before, corpus.held_read_backs()), (reach, reach));
        weights.retire_passages();
        drop(aligned);
        // One that reaches none lets go of every source retired.
        assert!(corpus.aligned_sentences(&[], &doc.id, &weights, 0.1).is_empty());
        assert_eq!(corpus.held_read_backs(), 0);

        // Letting go of the sources that only scored: those aligned are held, the rest are not.
        weights.lets_go_of_unaligned.set(true);
        let before = readings();
        let aligned = lookup(sentence, f64::INFINITY);
        assert_eq!(readings() - before, reach, "every source is read back to be scored");
        assert!(distinct(&aligned) < reach, "some sources only scored");
        assert_eq!(corpus.held_read_backs(), distinct(&aligned));
        drop(aligned);
        drop(weights.forget_passages());
        assert_eq!(corpus.held_read_backs(), 0);
        // Scored again once let go, they weigh as they did: the sentences weighed went with them.
        let again = |weights: &Weights<'_>| -> Vec<(String, usize, u64)> {
            (corpus.aligned_sentences(doc.features(sentence), &doc.id, weights, 0.1).iter())
                .map(|a| (a.doc.id.clone(), a.sentence, a.overlap.similarity().to_bits()))
                .collect()
        };
        let first = again(&weights);
        assert_eq!(again(&weights), first);
        assert_eq!(again(&corpus.weights(&doc)), first);
    }

    #[test]
    fn stance_clauses_weighed_once_for_the_corpus_overlap_exactly_as_weighed_per_analysis() {
        let texts = [
            "The search for the plane was suspended on Monday. Officials denied that the plane was shot down.",
            "Officials said the search for the plane was stepped up on Monday. The plane was not shot down.",
            "The search was called off, the ministry said. It may have been shot down, officials said.",
            "Rescuers continued the search for the plane on Monday. The plane was shot down, officials said.",
        ];
        let mut corpus = Corpus::new();
        for (i, text) in texts.iter().enumerate() {
            corpus.insert(SourceDoc::new(format!("s{i}"), format!("s{i}.txt"), *text));
        }
        // A clause of each claim: the features of its span but the first.
        fn clause(doc: &SourceDoc, claim: &Claim) -> Vec<Feature> {
            crate::engine::align::within(doc.features(claim.sentence), claim.span).into_iter().skip(1).collect()
        }
        let is_stance = |claim: &&Claim| matches!(claim.kind, ClaimKind::Stance(_));
        // Every stance clause of every document against those of the others, every figure.
        let overlaps = |corpus: &Corpus| {
            let mut found = Vec::new();
            for ours in ["s0", "s1", "s2", "s3"].map(|id| corpus.get(id).expect("inserted")) {
                let weights = corpus.weights(&ours);
                for claim in ours.extraction.claims.iter().filter(is_stance) {
                    let ours_weighed = crate::engine::align::weigh(&clause(&ours, claim), &[], &weights);
                    for theirs in ["s0", "s1", "s2", "s3"].map(|id| corpus.get(id).expect("inserted")) {
                        for other in theirs.extraction.claims.iter().filter(is_stance) {
                            let read = |claim: &Claim| clause(&theirs, claim);
                            let overlap = weights.stance_clause_overlap(&ours_weighed, &theirs, other, 2, &read, 0.0);
                            let overlap = overlap.expect("every clause covers at least none of ours");
                            let Overlap { shared, ours: mine, theirs: their_weight, count } = overlap;
                            found.push(([shared, mine, their_weight].map(f64::to_bits), count));
                        }
                    }
                }
            }
            found
        };
        let per_analysis = overlaps(&corpus);
        corpus.weigh_sentences();
        let for_the_corpus = overlaps(&corpus);
        assert!(per_analysis.iter().filter(|(_, count)| *count > 0).count() >= 10, "{per_analysis:?}");
        assert_eq!(for_the_corpus, per_analysis);
    }

    #[test]
    fn ranks_follow_the_ids_through_edits_removals_and_new_sources() {
        let mut corpus = Corpus::new();
        let text = |n: usize| format!("Officials said {n} people were hurt in the blaze on Monday.");
        // Insert, replace (an edit), remove and add again, in an order that reuses numbers.
        let steps: [(&str, bool); 12] = [
            ("m", true),
            ("c", true),
            ("x", true),
            ("c", true),
            ("a", true),
            ("m", false),
            ("c", true),
            ("q", true),
            ("b", true),
            ("x", false),
            ("x", true),
            ("a", true),
        ];
        for (step, (id, insert)) in steps.into_iter().enumerate() {
            if insert {
                corpus.insert(SourceDoc::new(id, id, text(step)));
            } else {
                corpus.remove(id);
            }
            let ranks = corpus.id_ranks().to_vec();
            let mut present: Vec<(&String, u32)> =
                corpus.numbers.iter().map(|(id, &n)| (id, ranks[n as usize])).collect();
            present.sort();
            assert!(present.windows(2).all(|w| w[0].1 < w[1].1), "after step {step}: {present:?}");
        }
    }

    #[test]
    fn a_document_from_its_extraction_is_the_document_read() {
        let text = "MOSCOW (Reuters) - Russian forces took the village of Ocheretyne, the defence ministry \
                    said. Ukraine's General Staff said about 20% of the district was still contested. \
                    \"We hold the line,\" said Oleksandr Syrskyi.";
        let read = SourceDoc::new("a", "a.txt", text);
        let again = SourceDoc::from_extraction("a", "a.txt", text, read.extraction.clone());
        assert_eq!(again.extraction, read.extraction);
        assert_eq!(again.keys(), read.keys());
        assert_eq!(again.claims_by_sentence, read.claims_by_sentence);
        assert_eq!(again.full_names, read.full_names);
        assert_eq!(again.lines.line_col(text.len()), read.lines.line_col(text.len()));
        assert!(!read.extraction.claims.is_empty() && read.extraction.fits(text));
    }

    #[test]
    fn each_sentence_lists_its_claims_in_order() {
        let text = "Russian forces took the village of Ocheretyne, officials said. It rained. \
                    About 20% of the district, or 115 square km, was still contested on Tuesday.";
        let doc = SourceDoc::new("a", "a.txt", text);
        let claims = &doc.extraction.claims;
        for sentence in 0..doc.extraction.sentences.len() {
            let listed: Vec<usize> = (0..claims.len()).filter(|&i| claims[i].sentence == sentence).collect();
            assert_eq!(doc.claims_by_sentence.get(sentence), Some(listed.as_slice()));
        }
        assert_eq!(doc.claims_by_sentence.get(doc.extraction.sentences.len()), None);
        assert!(claims.len() > 2);
    }

    #[test]
    fn an_extraction_of_another_text_does_not_fit() {
        let read = SourceDoc::new("a", "a.txt", "Russian forces took the village of Ocheretyne, officials said.");
        assert!(!read.extraction.fits("Short."));
        let mut reversed = read.extraction.clone();
        reversed.sentences[0].span = Span { start: 5, end: 2 };
        assert!(!reversed.fits(&read.text));
        let mut in_a_character = SourceDoc::new("b", "b.txt", "Zelenskyy’s office said so.").extraction;
        in_a_character.sentences[0].span.end = "Zelenskyy’".len() - 1;
        assert!(!in_a_character.fits("Zelenskyy’s office said so."));
    }

    #[test]
    fn the_claims_of_an_attributed_sentence_share_one_attribution() {
        let text = "Ukrainian officials said 300 soldiers were killed near Bakhmut on Monday.";
        for doc in [SourceDoc::new("a", "a", text), {
            // As the claims cache gives it back: one attribution per claim.
            let bytes = postcard::to_allocvec(&SourceDoc::new("a", "a", text).extraction).expect("written");
            SourceDoc::from_extraction("a", "a", text, postcard::from_bytes(&bytes).expect("read"))
        }] {
            let attributed: Vec<&Arc<Attribution>> =
                doc.extraction.claims.iter().filter_map(|claim| claim.attribution.as_ref()).collect();
            assert!(attributed.len() >= 3, "{:?}", doc.extraction.claims);
            assert!(attributed.iter().all(|a| Arc::ptr_eq(a, attributed[0])), "{attributed:?}");
        }
    }
}
