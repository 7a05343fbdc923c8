//! Reconciliation: whether a claim of the analysed article and a claim of another source are
//! about the same thing, and if so whether they agree. Candidates come from aligned passages
//! (`align`); each kind then compares its typed slot (a figure's value, a date, a name, a quote's
//! words and speaker) while the rest of the two passages must align: the more it must align, the
//! stronger the relation claimed. Precision first: when alignment is uncertain, nothing is said.

mod control;
mod dates;
mod figures;
mod name_slots;
mod quotes;
mod roles;
mod slots;
mod stance;
mod statements;

use super::align::{overlap, Feature, Idf, Overlap};
use super::claim::{Claim, ClaimKind};
use super::corpus::SourceDoc;
use super::text::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Supports,
    Contradicts,
    /// The other figure is the same quantity before or after a change one source reports.
    Updates,
    /// About the same thing, but stating nothing that backs or contradicts the claim.
    Related,
}

impl Relation {
    /// How a passage is introduced under a finding: "contradicted by 001.txt:14".
    pub fn introduce(self) -> &'static str {
        match self {
            Relation::Supports => "supported by",
            Relation::Contradicts => "contradicted by",
            Relation::Updates => "updated by",
            Relation::Related => "related:",
        }
    }
}

/// How one part of our claim relates to one part of theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Index of our measure (figures) or 0 (control claims).
    pub ours: usize,
    /// Index of their measure, or 0.
    pub theirs: usize,
    pub relation: Relation,
    /// What their side states, when the comparison rather than their claim tells it (a stance:
    /// "denied", "act:halt").
    pub value: Option<String>,
}

/// How far apart two statements of a figure or a date may be and still agree, beyond what their
/// wording allows ("about", "more than"). A project setting; zero by default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tolerance {
    /// A fraction: 0.1 lets figures within 10% of each other agree.
    pub figures: f64,
    /// Days: 1 lets "Monday" and "Tuesday" agree (time zones, datelines).
    pub days: u32,
}

/// One side of a comparison: a claim and the document it stands in.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub doc: &'a SourceDoc,
    pub claim: &'a Claim,
}

impl<'a> Side<'a> {
    pub fn features(&self) -> &'a [Feature] {
        self.doc.features(self.claim.sentence)
    }

    pub fn sentence(&self) -> Span {
        self.doc.sentence_span(self.claim.sentence)
    }

    /// The clause of the sentence around `span` (document bytes).
    pub fn clause(&self, span: Span) -> Span {
        self.doc.memo.clause(self.claim.sentence, span, || {
            let sentence = self.sentence();
            let text = sentence.slice(&self.doc.text);
            let relative =
                Span::new(span.start.saturating_sub(sentence.start), span.end.saturating_sub(sentence.start));
            super::extract::clause_of(text, relative).shift(sentence.start)
        })
    }
}

/// Two claims to compare, with the feature weights of the analysed document's corpus.
#[derive(Clone, Copy)]
pub struct Pair<'a> {
    pub ours: Side<'a>,
    pub theirs: Side<'a>,
    pub idf: &'a dyn Idf,
}

impl Pair<'_> {
    /// How the two sentences align as wholes, leaving out the slots `ours` and `theirs`.
    pub fn rest(&self, ours: &[Span], theirs: &[Span]) -> Overlap {
        overlap(self.ours.features(), ours, self.theirs.features(), theirs, self.idf)
    }
}

/// The names and entities that qualify a count: the word before the number ("[China's] 18
/// ships") and the words between the number and its counted noun ("153 [Chinese] passengers").
fn anchors(side: &Side<'_>, slot: Span) -> Vec<super::align::Key> {
    let sentence = side.sentence();
    let text = sentence.slice(&side.doc.text);
    let tokens = super::text::words(text);
    let relative = Span::new(slot.start.saturating_sub(sentence.start), slot.end.saturating_sub(sentence.start));
    // Only a word right before the number qualifies it ("Hyannis, Mass., about 20 miles" does not).
    let before = tokens.iter().rfind(|w| w.span.end <= relative.start).filter(|w| {
        text.get(w.span.end..relative.start).is_some_and(|gap| !gap.contains([',', ';', ':', '(', ')', '.']))
    });
    // Up to the first lowercase word after the slot: the counted noun, or what follows the figure.
    let noun = tokens.iter().filter(|w| w.span.start >= relative.end).take(4).find(|w| !w.is_capitalized());
    let window = Span::new(
        before.map_or(relative.start, |w| w.span.start) + sentence.start,
        noun.map_or(relative.end, |w| w.span.start) + sentence.start,
    );
    side.features()
        .iter()
        .filter(|f| f.is_proper() && window.start <= f.span().start && f.span().end <= window.end)
        .filter(|f| !(slot.start <= f.span().start && f.span().end <= slot.end))
        .map(|f| f.key)
        .collect()
}

/// Whether the names around two slots allow them to be one thing: each side's anchors appear in
/// the other side's sentence.
pub(crate) fn anchors_agree(pair: &Pair<'_>, ours: Span, theirs: Span) -> bool {
    let in_sentence = |side: &Side<'_>, key: &super::align::Key| side.features().iter().any(|f| f.key == *key);
    anchors(&pair.ours, ours).iter().all(|k| in_sentence(&pair.theirs, k))
        && anchors(&pair.theirs, theirs).iter().all(|k| in_sentence(&pair.ours, k))
}

pub fn compare(pair: &Pair<'_>, tolerance: Tolerance) -> Vec<Comparison> {
    let one = |relation: Option<Relation>| {
        relation.map(|relation| vec![Comparison { ours: 0, theirs: 0, relation, value: None }]).unwrap_or_default()
    };
    match (&pair.ours.claim.kind, &pair.theirs.claim.kind) {
        (ClaimKind::Figure(a), ClaimKind::Figure(b)) => figures::compare(pair, a, b, tolerance.figures),
        (ClaimKind::Control(a), ClaimKind::Control(b)) => one(control::compare(a, b)),
        (ClaimKind::Date(a), ClaimKind::Date(b)) => one(dates::compare(pair, a, b, tolerance.days)),
        (ClaimKind::Role(a), ClaimKind::Role(b)) => one(roles::compare(pair, a, b)),
        (ClaimKind::Quote(a), ClaimKind::Quote(b)) => quotes::compare_sides(pair, a, b),
        (ClaimKind::Statement, ClaimKind::Statement) => one(statements::compare(pair)),
        (ClaimKind::Name(a), ClaimKind::Name(b)) => one(name_slots::compare(pair, a, b)),
        (ClaimKind::Stance(a), ClaimKind::Stance(b)) => stance::compare(pair, a, b)
            .map(|(relation, value)| vec![Comparison { ours: 0, theirs: 0, relation, value: Some(value) }])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub use control::describe as describe_control;
pub use quotes::{value as quote_value, SPEAKER as QUOTE_SPEAKER};
pub use slots::{FramePlaces as SlotFramePlaces, Reading as SlotReading};

/// Two documents (`ours` first) in a corpus, for the comparison tests: the first claim of each
/// that `pick` accepts, compared.
#[cfg(test)]
pub(crate) fn compare_first(
    ours: &str,
    theirs: &str,
    pick: fn(&Claim) -> bool,
    tolerance: Tolerance,
) -> Vec<Comparison> {
    let corpus = super::corpus::test_corpus(ours, &[theirs]);
    let (Some(a), Some(b)) = (corpus.get("draft"), corpus.get("s0")) else { return Vec::new() };
    let (a, b) = (&*a, &*b);
    let first = |doc: &SourceDoc| doc.extraction.claims.iter().position(pick);
    let (Some(i), Some(j)) = (first(a), first(b)) else { panic!("no claim picked in one of the texts") };
    let weights = corpus.weights(a);
    let pair = Pair {
        ours: Side { doc: a, claim: &a.extraction.claims[i] },
        theirs: Side { doc: b, claim: &b.extraction.claims[j] },
        idf: &weights,
    };
    compare(&pair, tolerance)
}
