//! The one analysis entry point shared by the language server and `--check`: a document of the
//! corpus in, its claims with their evidence and its findings out.

use super::claim::{Claim, ClaimKind, Measure, Role};
use super::corpus::{AlignedSentence, Corpus, DocId, SourceDoc, Weights};
use super::finding::{Finding, Passage, SlotValue};
use super::reconcile::{compare, describe_control, quote_value, Pair, Relation, Side, Tolerance};
use super::text::Span;
use super::verdict;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use std::sync::Arc;

/// A claim of the analysed document with the passages of other sources about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimReport {
    pub claim: Claim,
    /// The parts of the claim that can be hovered: each measure of a figure, or the control statement.
    pub targets: Vec<Target>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub span: Span,
    pub text: String,
    /// Shared with the analyses of later versions while the claim reads as it did.
    pub evidence: Arc<[Passage]>,
}

impl Target {
    pub fn supporting(&self) -> impl Iterator<Item = &Passage> {
        self.evidence.iter().filter(|p| p.relation == Relation::Supports)
    }

    pub fn contradicting(&self) -> impl Iterator<Item = &Passage> {
        self.evidence.iter().filter(|p| p.relation == Relation::Contradicts)
    }

    /// Distinct source documents that back (or contradict) this target.
    pub fn source_count(&self, relation: Relation) -> usize {
        self.evidence.iter().filter(|p| p.relation == relation).map(|p| &p.doc).collect::<BTreeSet<_>>().len()
    }
}

#[derive(Clone, Debug)]
pub struct DocumentAnalysis {
    pub doc: DocId,
    pub claims: Vec<ClaimReport>,
    pub findings: Vec<Finding>,
    /// What the spelling findings learnt of the other sources, for the next analysis after an
    /// edit (not part of the result: two analyses of one text are equal without it).
    other_spellings: super::spelling::OtherSpellings,
    /// In a corpus that lets go of the sources it reads back, and for an analysis that follows
    /// an earlier one: the sources its last sentence read again reached, held for the next
    /// analysis after an edit (most edits fall in the sentence the last one did).
    reached: Vec<Arc<SourceDoc>>,
}

impl PartialEq for DocumentAnalysis {
    fn eq(&self, other: &Self) -> bool {
        (&self.doc, &self.claims, &self.findings) == (&other.doc, &other.claims, &other.findings)
    }
}

impl DocumentAnalysis {
    /// The claims whose hover targets touch `offset`, the most specific (shortest) first: a
    /// figure inside a sentence comes before the sentence. Names and stances are left out unless
    /// the sources contradict them.
    pub fn claims_at(&self, offset: usize) -> Vec<(&ClaimReport, &Target)> {
        let mut found = Vec::new();
        for report in &self.claims {
            // A name or a stance is shown when the sources contradict it; otherwise the figure,
            // date or sentence around it says more.
            let quiet = matches!(report.claim.kind, ClaimKind::Name(_) | ClaimKind::Stance(_))
                && report.targets.iter().all(|t| t.contradicting().next().is_none());
            if quiet {
                continue;
            }
            if let Some(target) = report.targets.iter().find(|t| t.span.touches(offset)) {
                found.push((report, target));
            }
        }
        found.sort_by_key(|(_, target)| target.span.len());
        found
    }
}

/// What an analysis reports beyond its rules' defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// A hint on every checkable claim (figure, control, quote) that no other source states.
    pub single_source_hints: bool,
    pub tolerance: Tolerance,
}

impl Default for Options {
    fn default() -> Options {
        Options { single_source_hints: true, tolerance: Tolerance::default() }
    }
}

/// Analyses the document `id` of the corpus against every other document, with default options.
/// `None` when the corpus does not hold it.
pub fn analyze(corpus: &Corpus, id: &str) -> Option<DocumentAnalysis> {
    analyze_with(corpus, id, Options::default())
}

pub fn analyze_with(corpus: &Corpus, id: &str, options: Options) -> Option<DocumentAnalysis> {
    analyze_until(corpus, id, options, &|| false)
}

/// As `analyze_with`, but gives up (`None`) as soon as `stop` says the result is no longer
/// wanted: the text was edited again, or the request was cancelled. `stop` is asked before each
/// claim.
pub fn analyze_until(corpus: &Corpus, id: &str, options: Options, stop: &dyn Fn() -> bool) -> Option<DocumentAnalysis> {
    analyze_incrementally(corpus, id, options, stop, None)
}

/// As `analyze_until`, reusing the evidence of `previous` (an analysis of an earlier version of the
/// same document, with the same options) for every claim that reads exactly as one of its claims
/// did: an edit to one paragraph of a long article looks up the claims of that paragraph only.
/// The caller guarantees that no other document of the corpus changed since `previous`, since
/// evidence comes from the other documents alone.
pub fn analyze_incrementally(
    corpus: &Corpus,
    id: &str,
    options: Options,
    stop: &dyn Fn() -> bool,
    previous: Option<&DocumentAnalysis>,
) -> Option<DocumentAnalysis> {
    let held = corpus.get(id)?;
    let doc: &SourceDoc = &held;
    let previous = previous.filter(|p| p.doc == id);
    let earlier = previous.map(EarlierReports::new);
    let context = Context::new(corpus, doc, options.tolerance);
    // An analysis after an edit keeps every source it reads back for the next keystroke
    // (`DocumentAnalysis::reached`); a first one lets go of those that only scored.
    context.weights.lets_go_of_unaligned.set(previous.is_none() && corpus.releases_read_backs());
    let all = &doc.extraction.claims;
    // A sentence's claims one after another (extraction lists some kinds after the rest): the
    // sources one sentence reached are let go when the next sentence's are reached.
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&at| all[at].sentence);
    let mut reports: Vec<Option<ClaimReport>> = vec![None; all.len()];
    let mut read_again = false;
    for at in order {
        if stop() {
            return None;
        }
        let claim = &all[at];
        let reused = earlier.as_ref().and_then(|earlier| earlier.report_for(claim));
        reports[at] = Some(reused.unwrap_or_else(|| {
            read_again = true;
            context.begin(claim);
            report_claim(&context, claim)
        }));
    }
    let mut claims: Vec<ClaimReport> = reports.into_iter().flatten().collect();
    let reached = match previous {
        Some(previous) if read_again => kept_for_edits(context.weights.forget_passages(), &previous.reached),
        Some(previous) => previous.reached.clone(),
        None => Vec::new(),
    };
    mark_contradicted_statements(&mut claims);
    let mut findings = Vec::new();
    for report in &claims {
        findings.extend(verdict::findings_for(doc, report));
        if options.single_source_hints {
            findings.extend(verdict::single_source_hints(report));
        }
    }
    let earlier_spellings = previous.map(|p| &p.other_spellings);
    let (spelling_findings, other_spellings) = super::spelling::findings_remembering(corpus, doc, earlier_spellings);
    findings.extend(spelling_findings);
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    Some(DocumentAnalysis { doc: id.to_string(), claims, findings, other_spellings, reached })
}

/// Sources an analysis that follows an earlier one holds for the next (`DocumentAnalysis::reached`).
/// A word typed letter by letter changes a sentence's candidates at each letter: the sources of
/// the last few versions are kept, not only the last one's. A sentence reaches up to a few hundred.
const KEPT_FOR_EDITS: usize = 256;

/// The sources reached now, then those kept before, each once, at most `KEPT_FOR_EDITS`.
fn kept_for_edits(now: Vec<Arc<SourceDoc>>, before: &[Arc<SourceDoc>]) -> Vec<Arc<SourceDoc>> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut kept: Vec<Arc<SourceDoc>> =
        now.into_iter().chain(before.iter().cloned()).filter(|doc| seen.insert(Arc::as_ptr(doc))).collect();
    kept.truncate(KEPT_FOR_EDITS);
    kept
}

/// The claims of an earlier analysis, by their shape, to find the one an unchanged claim was.
struct EarlierReports<'a> {
    by_shape: HashMap<u64, Vec<&'a ClaimReport>>,
}

impl<'a> EarlierReports<'a> {
    fn new(previous: &'a DocumentAnalysis) -> EarlierReports<'a> {
        let mut by_shape: HashMap<u64, Vec<&'a ClaimReport>> = HashMap::default();
        for report in &previous.claims {
            by_shape.entry(shape_hash(&report.claim)).or_default().push(report);
        }
        EarlierReports { by_shape }
    }

    /// The earlier report of a claim that reads exactly as `claim`, moved to its place.
    fn report_for(&self, claim: &Claim) -> Option<ClaimReport> {
        self.by_shape.get(&shape_hash(claim))?.iter().find_map(|earlier| {
            let delta = claim.span.start as isize - earlier.claim.span.start as isize;
            claim.is_relocation_of(&earlier.claim, delta, claim.sentence).then(|| ClaimReport {
                claim: claim.clone(),
                targets: earlier
                    .targets
                    .iter()
                    .map(|t| Target {
                        span: Span::new(
                            t.span.start.saturating_add_signed(delta),
                            t.span.end.saturating_add_signed(delta),
                        ),
                        text: t.text.clone(),
                        evidence: Arc::clone(&t.evidence),
                    })
                    .collect(),
            })
        })
    }
}

/// What a claim keeps when its text moves: its kind and the lengths of its span and context.
/// Cheap to hash (a claim's subject is not), and a claim shares it with few others.
fn shape_hash(claim: &Claim) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    std::mem::discriminant(&claim.kind).hash(&mut hasher);
    (claim.span.len(), claim.context.len()).hash(&mut hasher);
    hasher.finish()
}

/// Passages kept per claim and relation: enough to judge and to list, bounded in a huge corpus.
const MAX_PASSAGES: usize = 100;
/// Sentences less similar than this are not looked at for a claim's evidence.
const MIN_ALIGNED: f64 = 0.1;

/// What the analysis of one document needs at hand: the corpus, the weights seen from the
/// document, and the sentences of other sources aligned with each of its sentences, found once.
struct Context<'c> {
    corpus: &'c Corpus,
    doc: &'c SourceDoc,
    weights: Weights<'c>,
    tolerance: Tolerance,
    aligned: RefCell<HashMap<usize, Rc<Vec<AlignedSentence>>>>,
    /// The sentence whose claims are being reported.
    sentence: std::cell::Cell<Option<usize>>,
}

impl<'c> Context<'c> {
    fn new(corpus: &'c Corpus, doc: &'c SourceDoc, tolerance: Tolerance) -> Context<'c> {
        let (aligned, sentence) = Default::default();
        Context { corpus, doc, weights: corpus.weights(doc), tolerance, aligned, sentence }
    }

    /// Before a claim is reported: in a corpus that lets go of the sources it reads back, the
    /// sources reached for the claims of another sentence are let go of (the claims of one
    /// sentence are read together, and most of a sentence's sources serve its claims alone) as
    /// soon as the claim reads its own back, but for those it reads too.
    fn begin(&self, claim: &Claim) {
        if self.corpus.releases_read_backs() && self.sentence.replace(Some(claim.sentence)) != Some(claim.sentence) {
            self.aligned.borrow_mut().clear();
            self.weights.retire_passages();
        }
    }

    fn aligned(&self, sentence: usize) -> Rc<Vec<AlignedSentence>> {
        if let Some(found) = self.aligned.borrow().get(&sentence) {
            return Rc::clone(found);
        }
        let found = Rc::new(self.corpus.aligned_sentences(
            self.doc.features(sentence),
            &self.doc.id,
            &self.weights,
            MIN_ALIGNED,
        ));
        self.aligned.borrow_mut().insert(sentence, Rc::clone(&found));
        found
    }

    /// The claims of other sources to compare with `claim`: those of the aligned sentences for
    /// the kinds read in passages, those sharing an index key for quotes, roles and control.
    fn candidates(&self, claim: &Claim) -> Vec<(Arc<SourceDoc>, usize)> {
        match claim.kind {
            ClaimKind::Figure(_)
            | ClaimKind::Date(_)
            | ClaimKind::Name(_)
            | ClaimKind::Stance(_)
            | ClaimKind::Statement => {
                let same_kind =
                    |theirs: &Claim| std::mem::discriminant(&theirs.kind) == std::mem::discriminant(&claim.kind);
                let mut found = Vec::new();
                for aligned in self.aligned(claim.sentence).iter() {
                    let Some(indices) = aligned.doc.claims_by_sentence.get(aligned.sentence) else { continue };
                    for &index in indices {
                        if aligned.doc.extraction.claims.get(index).is_some_and(same_kind) {
                            found.push((Arc::clone(&aligned.doc), index));
                        }
                    }
                }
                found
            }
            ClaimKind::Quote(_) | ClaimKind::Role(_) | ClaimKind::Control(_) => {
                let found: Vec<(Arc<SourceDoc>, usize)> = self
                    .corpus
                    .candidates(claim, &self.doc.id, &self.weights)
                    .into_iter()
                    .map(|(doc, at, _)| (doc, at))
                    .collect();
                self.weights.hold(found.iter().map(|(doc, _)| Arc::clone(doc)));
                found
            }
        }
    }
}

fn report_claim(context: &Context<'_>, claim: &Claim) -> ClaimReport {
    let doc = context.doc;
    let targets: Vec<Target> = match &claim.kind {
        ClaimKind::Figure(figure) => figure
            .measures
            .iter()
            .map(|m| Target { span: m.span, text: m.text.clone(), evidence: Arc::default() })
            .collect(),
        // The words, and where the article names the person who spoke them.
        ClaimKind::Quote(quote) => {
            let mut targets = vec![Target {
                span: claim.span,
                text: claim.span.slice(&doc.text).to_string(),
                evidence: Arc::default(),
            }];
            if let (Some(_), Some(span)) = (&quote.person, quote.speaker_span) {
                targets.push(Target { span, text: span.slice(&doc.text).to_string(), evidence: Arc::default() });
            }
            targets
        }
        ClaimKind::Control(_)
        | ClaimKind::Date(_)
        | ClaimKind::Role(_)
        | ClaimKind::Name(_)
        | ClaimKind::Stance(_)
        | ClaimKind::Statement => {
            vec![Target { span: claim.span, text: claim.span.slice(&doc.text).to_string(), evidence: Arc::default() }]
        }
    };
    let mut evidence: Vec<Vec<Passage>> = vec![Vec::new(); targets.len()];
    for (their_doc, index) in context.candidates(claim) {
        let Some(theirs) = their_doc.extraction.claims.get(index) else { continue };
        let pair =
            Pair { ours: Side { doc, claim }, theirs: Side { doc: &their_doc, claim: theirs }, idf: &context.weights };
        for comparison in compare(&pair, context.tolerance) {
            let Some(target) = evidence.get_mut(comparison.ours) else {
                continue;
            };
            if target.iter().filter(|p| p.relation == comparison.relation).count() >= MAX_PASSAGES {
                continue;
            }
            let span = matched_span(theirs, comparison.theirs);
            let mut passage =
                Passage::at(&their_doc, span, their_doc.sentence_span(theirs.sentence), comparison.relation);
            passage.party = theirs.attribution.as_ref().map(|a| a.party.clone());
            passage.position = match &theirs.kind {
                ClaimKind::Control(control) => Some(describe_control(control)),
                ClaimKind::Role(role) => Some(role.stated()),
                ClaimKind::Figure(_)
                | ClaimKind::Quote(_)
                | ClaimKind::Date(_)
                | ClaimKind::Name(_)
                | ClaimKind::Stance(_)
                | ClaimKind::Statement => None,
            };
            passage.value = match (&claim.kind, &theirs.kind) {
                _ if comparison.value.is_some() => comparison.value.map(SlotValue::Text),
                (ClaimKind::Quote(a), ClaimKind::Quote(b)) => quote_value(a, b, comparison.theirs),
                _ => slot_value(theirs, comparison.theirs),
            };
            target.push(passage);
        }
    }
    let targets = targets
        .into_iter()
        .zip(evidence)
        .map(|(target, mut evidence)| {
            evidence.sort_by(|a, b| (&a.doc, a.span.start, a.relation).cmp(&(&b.doc, b.span.start, b.relation)));
            evidence.dedup_by(|a, b| a.doc == b.doc && a.span == b.span);
            Target { evidence: evidence.into(), ..target }
        })
        .collect();
    ClaimReport { claim: claim.clone(), targets }
}

/// A sentence of another source whose figure, date or other slot contradicts one of this
/// sentence's claims does not support the sentence as a whole: it is listed as contradicting.
fn mark_contradicted_statements(claims: &mut [ClaimReport]) {
    // Per sentence: our slot that is contradicted, and the source sentence that contradicts it.
    let mut contradicted: HashMap<usize, Vec<(Span, DocId, Span)>> = HashMap::default();
    for report in claims.iter() {
        if matches!(report.claim.kind, ClaimKind::Statement) {
            continue;
        }
        for target in &report.targets {
            for passage in target.contradicting() {
                let entry = contradicted.entry(report.claim.sentence).or_default();
                entry.push((target.span, passage.doc.clone(), passage.sentence));
            }
        }
    }
    for report in claims.iter_mut().filter(|r| matches!(r.claim.kind, ClaimKind::Statement)) {
        let Some(conflicting) = contradicted.get(&report.claim.sentence) else { continue };
        let clause = report.claim.span;
        let conflicts = |passage: &Passage| {
            passage.relation != Relation::Contradicts
                && conflicting.iter().any(|(slot, doc, sentence)| {
                    clause.start <= slot.start
                        && slot.end <= clause.end
                        && *doc == passage.doc
                        && *sentence == passage.sentence
                })
        };
        for target in &mut report.targets {
            // Evidence is shared with earlier analyses: copied only when it changes.
            if target.evidence.iter().any(conflicts) {
                let mut evidence = target.evidence.to_vec();
                for passage in evidence.iter_mut().filter(|p| conflicts(p)) {
                    passage.relation = Relation::Contradicts;
                }
                target.evidence = evidence.into();
            }
        }
    }
}

/// What a claim states in its compared part, normalised for telling whether sources agree.
fn slot_value(claim: &Claim, part: usize) -> Option<SlotValue> {
    match &claim.kind {
        ClaimKind::Figure(figure) => figure.measures.get(part).map(|m| SlotValue::Interval(m.low, m.high)),
        ClaimKind::Date(date) => Some(SlotValue::Date(date.value)),
        ClaimKind::Quote(quote) => {
            Some(SlotValue::Text(quote.fragments.iter().flatten().cloned().collect::<Vec<_>>().join(" ")))
        }
        // Sources agree when they give the same relation or title: the organisation they name
        // may be worded in many ways, and one person may hold titles in several.
        ClaimKind::Role(Role::Family(family)) => Some(SlotValue::Text(format!("relation {}", family.relation))),
        ClaimKind::Role(Role::Title(title)) => Some(SlotValue::Text(
            title.title.as_ref().map_or_else(|| "affiliation".to_string(), |t| format!("title {t}")),
        )),
        ClaimKind::Control(control) => Some(SlotValue::Text(describe_control(control))),
        ClaimKind::Name(name) => Some(SlotValue::Text(name.describe().to_lowercase())),
        ClaimKind::Stance(_) | ClaimKind::Statement => None,
    }
}

fn matched_span(claim: &Claim, part: usize) -> Span {
    match &claim.kind {
        ClaimKind::Figure(figure) => figure.measures.get(part).map_or(claim.span, |m: &Measure| m.span),
        ClaimKind::Control(_)
        | ClaimKind::Quote(_)
        | ClaimKind::Date(_)
        | ClaimKind::Role(_)
        | ClaimKind::Name(_)
        | ClaimKind::Stance(_)
        | ClaimKind::Statement => claim.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::corpus::test_corpus;
    use std::cell::Cell;

    #[test]
    fn an_incremental_analysis_equals_a_full_one_after_any_edit() {
        let sources = [
            "Russian forces control a fifth of Ukraine, officials said.\nPutin met Witkoff in Moscow on Tuesday.\n",
            "Russian forces control more than 19 per cent of Ukraine.\nThe storm killed 42 people in Marlow.\n",
            "Kremlin spokesman Dmitry Peskov said: \"We are ready to talk.\"\nRussia has captured Pokrovsk.\n",
        ];
        let paragraphs = [
            "Russian forces occupy 30 per cent of Ukraine, the ministry said.",
            "Putin met Witkoff in Moscow on Wednesday.",
            "Dmitry Peskov said: \"We are ready to talk.\"",
            "The storm killed 42 people in Marlow, officials said.",
            "Ukraine says its forces still hold the northern part of Pokrovsk.",
        ];
        let mut text: String = paragraphs.iter().map(|p| format!("{p}\n")).collect();
        let mut corpus = crate::engine::corpus::test_corpus(&text, &sources);
        let mut previous = analyze(&corpus, "draft").expect("analysed");
        let edits: [&dyn Fn(&str) -> String; 5] = [
            &|t| format!("A new lead paragraph about the talks.\n{t}"),
            &|t| t.replacen("30 per cent", "a fifth", 1),
            &|t| t.replacen("Putin met Witkoff in Moscow on Wednesday.\n", "", 1),
            &|t| t.replacen("Marlow, officials said.", "Marlow on Tuesday, officials said.\nMore rain is expected.", 1),
            &|t| format!("{t}Russia has captured Pokrovsk.\n"),
        ];
        for edit in edits {
            text = edit(&text);
            corpus.insert(crate::engine::SourceDoc::new("draft", "draft.txt", text.clone()));
            let full = analyze(&corpus, "draft").expect("analysed");
            let incremental = analyze_incrementally(&corpus, "draft", Options::default(), &|| false, Some(&previous))
                .expect("analysed");
            assert_eq!(incremental, full, "after the edit, the draft reads:\n{text}");
            previous = incremental;
        }
    }

    #[test]
    fn unchanged_claims_take_their_evidence_from_the_earlier_analysis_and_edited_ones_look_again() {
        let draft = "Russian forces occupy 30 per cent of Ukraine.\nPutin met Witkoff in Moscow on Wednesday.\n";
        let mut corpus = crate::engine::corpus::test_corpus(
            draft,
            &["Russian forces control a fifth of Ukraine, officials said.\nPutin met Witkoff in Moscow on Tuesday.\n"],
        );
        let mut previous = analyze(&corpus, "draft").expect("analysed");
        // Marked: an earlier analysis that found no evidence at all.
        for report in &mut previous.claims {
            for target in &mut report.targets {
                target.evidence = Arc::default();
            }
        }
        let edited = draft.replacen("Wednesday", "Thursday", 1);
        corpus.insert(crate::engine::SourceDoc::new("draft", "draft.txt", edited));
        let again =
            analyze_incrementally(&corpus, "draft", Options::default(), &|| false, Some(&previous)).expect("analysed");
        let evidence_of = |needle: &str| {
            again
                .claims
                .iter()
                .filter(|r| r.targets.iter().any(|t| t.text.contains(needle)))
                .map(|r| r.targets.iter().map(|t| t.evidence.len()).sum::<usize>())
                .sum::<usize>()
        };
        assert_eq!(evidence_of("30 per cent"), 0, "the unchanged figure was not looked up again");
        assert!(evidence_of("Thursday") > 0, "the edited date was");
    }

    #[test]
    fn edits_in_a_corpus_that_lets_go_of_its_sources_read_back_what_they_reach_once() {
        let seeds = crate::engine::corpus::seed_texts();
        let ((_, draft), sources) = seeds.split_first().expect("seeds");
        let mut corpus = Corpus::new();
        corpus.release_read_backs();
        let read_back: crate::engine::ReadBack =
            Arc::new(|id: &str, name: &str, text: String| crate::engine::SourceDoc::new(id, name, text));
        for (id, text) in sources {
            corpus.insert_set_aside(
                crate::engine::SourceDoc::new(id.clone(), id.clone(), text.clone()),
                Arc::clone(&read_back),
            );
        }
        let mut whole = Corpus::new();
        for (id, text) in sources {
            whole.insert(crate::engine::SourceDoc::new(id.clone(), id.clone(), text.clone()));
        }
        // A letter typed before the full stop of a sentence in the middle, deleted, typed again.
        let lines: Vec<&str> = draft.lines().collect();
        let line = (lines.len() / 2..lines.len()).find(|&i| lines[i].trim_end().ends_with('.')).expect("a sentence");
        let at = lines[..line].iter().map(|l| l.len() + 1).sum::<usize>() + lines[line].trim_end().len() - 1;
        let typed = format!("{}x{}", &draft[..at], &draft[at..]);
        let mut analyse = |text: &str, previous: Option<&DocumentAnalysis>| {
            corpus.insert(crate::engine::SourceDoc::new("draft", "draft.txt", text));
            whole.insert(crate::engine::SourceDoc::new("draft", "draft.txt", text));
            let analysis = analyze_incrementally(&corpus, "draft", Options::default(), &|| false, previous);
            let analysis = analysis.expect("analysed");
            assert_eq!(Some(&analysis), analyze(&whole, "draft").as_ref(), "as a corpus held whole analyses it");
            (analysis, corpus.read_back_count().1)
        };
        let (opened, read_on_opening) = analyse(draft, None);
        assert!(opened.reached.is_empty(), "a first analysis keeps nothing for edits");
        let (first, read_by_first) = analyse(&typed, Some(&opened));
        assert!(read_by_first > read_on_opening, "the edited sentence reached sources: read back again");
        assert!(!first.reached.is_empty() && first.reached.len() <= KEPT_FOR_EDITS);
        let (deleted, read_by_deleting) = analyse(draft, Some(&first));
        let (again, read_again) = analyse(&typed, Some(&deleted));
        let (deleted_again, read_deleting_again) = analyse(draft, Some(&again));
        assert_eq!(
            (read_again, read_deleting_again),
            (read_by_deleting, read_by_deleting),
            "the sentence's sources, both before and after the letter, are held for the next edit"
        );
        drop((opened, first, deleted, again));
        // What the last analysis holds is lent to any caller without a reading; then let go.
        let held = deleted_again.reached.first().map(|doc| doc.id.clone()).expect("held");
        assert!(corpus.get(&held).is_some_and(|doc| Arc::ptr_eq(&doc, &deleted_again.reached[0])));
        assert_eq!(corpus.read_back_count().1, read_deleting_again);
        drop(deleted_again);
        assert!(corpus.get(&held).is_some());
        assert_eq!(corpus.read_back_count().1, read_deleting_again + 1, "read back again once let go");
    }

    #[test]
    fn an_edit_keeps_the_sources_it_reached_then_those_kept_before_each_once_up_to_a_bound() {
        let doc = |n: usize| Arc::new(crate::engine::SourceDoc::new(format!("s{n}"), "s.txt", ""));
        let before: Vec<_> = (0..KEPT_FOR_EDITS).map(doc).collect();
        let now = vec![doc(900), Arc::clone(&before[5]), doc(901), Arc::clone(&before[5])];
        let kept = kept_for_edits(now.clone(), &before);
        let ids: Vec<&str> = kept.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids[..4], ["s900", "s5", "s901", "s0"]);
        assert_eq!(kept.len(), KEPT_FOR_EDITS);
        assert!(Arc::ptr_eq(&kept[1], &before[5]) && !ids[4..].contains(&"s5"));
        assert_eq!(ids.last(), Some(&format!("s{}", KEPT_FOR_EDITS - 3).as_str()), "the oldest go first");
        assert_eq!(kept_for_edits(now, &[]).len(), 3);
    }

    #[test]
    fn an_analysis_stops_when_its_result_is_no_longer_wanted() {
        let corpus = test_corpus(
            "Russian forces control a fifth of Ukraine. Putin met Witkoff on Tuesday.",
            &["Russian forces control a fifth of Ukraine, officials said."],
        );
        assert_eq!(analyze_until(&corpus, "draft", Options::default(), &|| true), None);
        let asked = Cell::new(0);
        let whole = analyze_until(&corpus, "draft", Options::default(), &|| {
            asked.set(asked.get() + 1);
            false
        });
        let claims = corpus.get("draft").map_or(0, |doc| doc.extraction.claims.len());
        assert!(claims >= 2 && asked.get() == claims, "asked before each of the {claims} claims");
        assert_eq!(whole, analyze(&corpus, "draft"));
    }
}
