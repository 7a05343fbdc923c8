//! The one mechanism every typed slot is compared by: two slots (a figure, a date, a name) are
//! values of the same thing when the words right around them match ("died [a week] later",
//! "last seen [Saturday] at the Cape Cod Mall"), each is the other's best match among the slots
//! of its kind in its sentence, the clauses do not name different subjects ("the Thai images
//! show [300] objects" is not "images from 23 March showed [122] objects" of the French
//! satellite: different countries), and the rest of the two passages aligns. How strongly the rest must align
//! depends on what is claimed: less to support, more to contradict.

use super::{Pair, Side};
use crate::engine::align::{overlap_weighed, Feature, FeatureKind, Key, Overlap, EVERYWHERE};
use crate::engine::text::Span;
use std::cell::OnceCell;

/// Features taken on each side of a slot as its frame.
const FRAME: usize = 4;
/// The nearest features on each side, among which the two slots' frames must share one.
const IMMEDIATE: usize = 3;

/// How two slots align. Each part is worked out when first asked for: most pairs of slots are
/// told apart by their frames alone, and the rest of the passages is then never weighed.
pub struct SlotAlignment<'a> {
    pair: Pair<'a>,
    ours: Span,
    theirs: Span,
    our_rivals: &'a [Span],
    their_rivals: &'a [Span],
    reading: Reading,
    slots: OnceCell<(Vec<Span>, Vec<Span>)>,
    frame: OnceCell<(Frame, bool)>,
    mutual: OnceCell<bool>,
    rest: OnceCell<Overlap>,
    clash: OnceCell<bool>,
    stated: OnceCell<Overlap>,
}

impl SlotAlignment<'_> {
    /// The frames, side by side: before with before, after with after.
    pub fn frame(&self) -> Frame {
        self.frame_and_immediate().0
    }

    /// A word right next to one slot is right next to the other.
    pub fn immediate(&self) -> bool {
        self.frame_and_immediate().1
    }

    fn frame_and_immediate(&self) -> (Frame, bool) {
        *self.frame.get_or_init(|| frame_score(&self.pair, self.ours, self.theirs, self.reading))
    }

    /// Each is the other's best match among the slots of its kind in its sentence.
    pub fn mutual(&self) -> bool {
        *self.mutual.get_or_init(|| {
            let (pair, reading, shared) = (&self.pair, self.reading, self.frame().shared);
            let beats = |other: (Frame, bool)| shared > other.0.shared;
            self.their_rivals.iter().all(|&r| beats(frame_score(pair, self.ours, r, reading)))
                && self.our_rivals.iter().all(|&r| beats(frame_score(pair, r, self.theirs, reading)))
        })
    }

    /// The two sentences, the slots left out.
    pub fn rest(&self) -> Overlap {
        *self.rest.get_or_init(|| {
            let (slots_ours, slots_theirs) = self.slots();
            rest_overlap(&self.pair, self.ours, self.theirs, slots_ours, slots_theirs)
        })
    }

    /// The clauses name different subjects: each holds a name or entity the other sentence lacks.
    pub fn clash(&self) -> bool {
        *self.clash.get_or_init(|| clash(&self.pair, self.ours, self.theirs))
    }

    /// How much of our slot's clause their sentence states, the slots left out.
    pub fn stated(&self) -> Overlap {
        *self.stated.get_or_init(|| {
            let (slots_ours, slots_theirs) = self.slots();
            let pair = &self.pair;
            stretch_overlap(pair, (pair.ours.clause(self.ours), slots_ours), (EVERYWHERE, slots_theirs))
        })
    }

    /// Each side's slot and its rivals.
    fn slots(&self) -> (&[Span], &[Span]) {
        let (ours, theirs) = self.slots.get_or_init(|| {
            (
                std::iter::once(self.ours).chain(self.our_rivals.iter().copied()).collect(),
                std::iter::once(self.theirs).chain(self.their_rivals.iter().copied()).collect(),
            )
        });
        (ours, theirs)
    }

    /// Logs at trace level how two slots of `kind` aligned and what came of it (`examples/explain`
    /// prints it with `RUST_LOG=crosscheck=trace`).
    pub fn trace(&self, kind: &str, ours: &str, theirs: &str, doc: &str, outcome: &dyn std::fmt::Debug) {
        tracing::trace!(
            kind,
            ours,
            theirs,
            doc,
            rest = self.rest().similarity(),
            shared = self.rest().count,
            stated = self.stated().coverage(),
            frame = self.frame().count,
            immediate = self.immediate(),
            mutual = self.mutual(),
            clash = self.clash(),
            holds = self.contradiction_holds(),
            ?outcome,
            "slots"
        );
    }
}

/// Rest similarity for two aligned slots to be read as the same thing…
pub const SUPPORT_REST: f64 = 0.15;
/// …and for a difference between them to be a contradiction, with this many features shared.
pub const CONTRADICT_REST: f64 = 0.25;
pub const CONTRADICT_SHARED: usize = 2;
/// The share of our clause their sentence must state, as another way to align: to back…
const SUPPORT_STATED: f64 = 0.3;
/// …and to contradict.
const CONTRADICT_STATED: f64 = 0.5;
/// The share of their sentence ours must state for it to be read as a part of ours.
const CONTAINED: f64 = 0.6;
/// Rest similarity and shared features for equal values to back each other without a shared frame.
const LOOSE_REST: f64 = 0.3;
const LOOSE_SHARED: usize = 4;

impl SlotAlignment<'_> {
    /// The same thing, well enough to back each other.
    pub fn same_thing(&self) -> bool {
        if self.frame().count == 0 || !self.immediate() || self.clash() {
            return false;
        }
        let rest = self.rest();
        // Their sentence may be a short part of ours ("Rivers died on Sept. 4, at age 81").
        let contained = rest.count >= 2 && rest.shared >= CONTAINED * rest.theirs;
        rest.similarity() >= SUPPORT_REST || contained || self.stated().coverage() >= SUPPORT_STATED
    }

    /// Likely the same thing, though the words around the slots differ ("disappeared on March 8,
    /// [more than three months] before the report", "the analysis comes [more than 100 days]
    /// after the Boeing disappeared"): enough for equal values to back each other, never for
    /// different ones to conflict.
    pub fn loosely_same(&self) -> bool {
        // The rest shares no more keys than the whole sentences do: when they share too few, the
        // rest is never weighed.
        if self.rest.get().is_none() && !self.sentences_share(LOOSE_SHARED) {
            return false;
        }
        let rest = self.rest();
        rest.similarity() >= LOOSE_REST && rest.count >= LOOSE_SHARED && !self.clash()
    }

    /// Whether the two whole sentences share at least `least` distinct keys.
    fn sentences_share(&self, least: usize) -> bool {
        crate::engine::align::share_at_least(self.pair.ours.features(), self.pair.theirs.features(), least)
    }

    /// The same thing, well enough that a different value is a contradiction.
    pub fn contradiction_holds(&self) -> bool {
        if !self.same_thing() || !self.mutual() {
            return false;
        }
        let rest = self.rest();
        (rest.similarity() >= CONTRADICT_REST && rest.count >= CONTRADICT_SHARED) || {
            let stated = self.stated();
            stated.coverage() >= CONTRADICT_STATED && stated.count >= CONTRADICT_SHARED
        }
    }
}

/// How a kind of slot reads its frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Reading {
    /// The slot's own word comes before it (a date follows its event: "disappeared on [8
    /// March]"), so the words before two slots must meet when both have some.
    pub strict_before: bool,
    /// The frame of a name is what is said of it, not the names beside it ("rushed from Yorkville
    /// Endoscopy to New York's [Mount Sinai Hospital]"): names and entities are skipped, and
    /// the frame runs over the whole sentence, since what follows a name often describes it
    /// ("Lenovo, which is now the world's No. 1 PC maker").
    pub skip_names: bool,
    /// The words right next to a slot that must meet are what happened, not who or where: a
    /// date of "a summit with Putin in Alaska in [August]" and one of "Putin invaded Ukraine in
    /// [February 2022]" share a name but no event.
    pub event_words: bool,
}

/// Up to `FRAME` features on one side of a slot, nearest first, kept without allocating.
#[derive(Clone, Copy, Debug)]
pub struct Near {
    items: [Feature; FRAME],
    len: usize,
}

impl Near {
    fn of<'f>(features: impl Iterator<Item = &'f Feature>) -> Near {
        let mut near = Near { items: [Feature::new(Span::new(0, 0), Key(0), FeatureKind::Word); FRAME], len: 0 };
        for feature in features.take(FRAME) {
            near.items[near.len] = *feature;
            near.len += 1;
        }
        near
    }

    fn into_features(self) -> impl Iterator<Item = Feature> {
        self.items.into_iter().take(self.len)
    }
}

impl std::ops::Deref for Near {
    type Target = [Feature];

    fn deref(&self) -> &[Feature] {
        &self.items[..self.len]
    }
}

/// A slot's frame: the features before it and after it, each nearest first.
pub type Sides = (Near, Near);

/// A slot's frame as its document keeps it: the places of its features in its sentence's list,
/// those before it and then those after it, each nearest first. A tenth of the room of the
/// features themselves, for every slot of every source of a corpus.
#[derive(Clone, Copy, Debug)]
pub struct FramePlaces {
    places: [u16; 2 * FRAME],
    before: u8,
    after: u8,
}

impl FramePlaces {
    fn of(side: &Side<'_>, slot: Span, reading: Reading) -> FramePlaces {
        let clause = if reading.skip_names { side.sentence() } else { side.clause(slot) };
        let keep = |f: &Feature| !(reading.skip_names && f.is_proper());
        let inside = side
            .features()
            .iter()
            .enumerate()
            .filter(|(_, f)| clause.start <= f.span().start && f.span().end <= clause.end && keep(f));
        // A sentence is at most `MAX_SENTENCE_BYTES`: its features are numbered far below 65,536.
        let place = |(i, _): (usize, &Feature)| u16::try_from(i).unwrap_or(u16::MAX);
        let before = inside.clone().filter(|(_, f)| f.span().end <= slot.start).rev().take(FRAME).map(place);
        let after = inside.filter(|(_, f)| f.span().start >= slot.end).take(FRAME).map(place);
        let mut frame = FramePlaces { places: [0; 2 * FRAME], before: 0, after: 0 };
        for (n, at) in before.enumerate() {
            frame.places[n] = at;
            frame.before += 1;
        }
        for (n, at) in after.enumerate() {
            frame.places[FRAME + n] = at;
            frame.after += 1;
        }
        frame
    }

    fn read(&self, features: &[Feature]) -> Sides {
        let side = |from: usize, len: u8| {
            Near::of(self.places[from..from + usize::from(len)].iter().filter_map(|&at| features.get(usize::from(at))))
        };
        (side(0, self.before), side(FRAME, self.after))
    }
}

/// The features before and after a slot inside its clause, nearest first: found once per slot
/// and reading, for every slot it is compared with.
fn sides(side: &Side<'_>, slot: Span, reading: Reading) -> Sides {
    let places = side.doc.memo.frame_sides(side.claim.sentence, slot, reading, || FramePlaces::of(side, slot, reading));
    places.read(side.features())
}

/// `sides` read again, nothing kept.
#[cfg(test)]
fn read_sides(side: &Side<'_>, slot: Span, reading: Reading) -> Sides {
    sides_where(side, slot, reading, |f| !(reading.skip_names && f.is_proper()))
}

/// The words before and after a slot inside its clause, names and entities left out, nearest
/// first.
fn event_sides(side: &Side<'_>, slot: Span, reading: Reading) -> (Near, Near) {
    sides_where(side, slot, reading, |f| !f.is_proper())
}

fn sides_where(side: &Side<'_>, slot: Span, reading: Reading, keep: impl Fn(&Feature) -> bool) -> (Near, Near) {
    let clause = if reading.skip_names { side.sentence() } else { side.clause(slot) };
    let inside =
        side.features().iter().filter(|f| clause.start <= f.span().start && f.span().end <= clause.end && keep(f));
    let before = Near::of(inside.clone().filter(|f| f.span().end <= slot.start).rev());
    let after = Near::of(inside.filter(|f| f.span().start >= slot.end));
    (before, after)
}

/// The distinct keys of `list`, in the order they first occur.
fn distinct(list: &[Feature]) -> impl Iterator<Item = Key> + '_ {
    list.iter().enumerate().filter(|&(i, f)| !list[..i].iter().any(|g| g.key == f.key)).map(|(_, f)| f.key)
}

/// How two slots' frames meet: the weight they share, each shared feature weighing less the
/// farther it stands from either slot, and how many distinct features they share. (What each
/// frame weighs alone is never asked.)
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Frame {
    pub shared: f64,
    pub count: usize,
}

/// The frame overlap of two sides, nearest first: "a Norwegian [engineering firm]" is nearer "the
/// Dutch [company]" than "the Australian [authorities] to lead the [company]".
fn near_overlap(ours: &[Feature], theirs: &[Feature], idf: &dyn crate::engine::align::Idf) -> Frame {
    let mut result =
        Frame { shared: 0.0, count: distinct(ours).filter(|key| theirs.iter().any(|g| g.key == *key)).count() };
    for (i, feature) in ours.iter().enumerate() {
        if let Some(j) = theirs.iter().position(|f| f.key == feature.key) {
            result.shared += idf.idf(feature.key) / (1 + i + j) as f64;
        }
    }
    result
}

fn frame_score(pair: &Pair<'_>, ours: Span, theirs: Span, reading: Reading) -> (Frame, bool) {
    let (our_before, our_after) = sides(&pair.ours, ours, reading);
    let (their_before, their_after) = sides(&pair.theirs, theirs, reading);
    let before = near_overlap(&our_before, &their_before, pair.idf);
    let after = near_overlap(&our_after, &their_after, pair.idf);
    let frame = Frame { shared: before.shared + after.shared, count: before.count + after.count };
    // The words nearest the two slots meet on the same side: before
    // (the verb of a date, "disappeared on [8 March]"), or after when one side has nothing before.
    let meets = |ours: &[Feature], theirs: &[Feature]| {
        ours.iter().take(IMMEDIATE).any(|a| theirs.iter().take(IMMEDIATE).any(|b| b.key == a.key))
    };
    // Where event words must meet, a shared name next to both slots is enough only when no other
    // name stands there that the other passage lacks ("Putin in Alaska in [August]", "Putin in
    // Moscow on [Tuesday]"); otherwise the words of what happened must meet, read past the names.
    let (mut before_met, mut after_met) = (meets(&our_before, &their_before), meets(&our_after, &their_after));
    if reading.event_words {
        let lacks = |side: &Side<'_>, key: Key| !side.features().iter().any(|f| f.key == key);
        let stranger = |list: &[Feature], other: &Side<'_>| {
            list.iter().take(IMMEDIATE).any(|f| f.is_proper() && lacks(other, f.key))
        };
        let names_agree = |o: &[Feature], t: &[Feature]| !stranger(o, &pair.theirs) && !stranger(t, &pair.ours);
        let events = Reading { event_words: false, ..reading };
        let (our_events_before, our_events_after) = event_sides(&pair.ours, ours, events);
        let (their_events_before, their_events_after) = event_sides(&pair.theirs, theirs, events);
        before_met =
            (before_met && names_agree(&our_before, &their_before)) || meets(&our_events_before, &their_events_before);
        after_met =
            (after_met && names_agree(&our_after, &their_after)) || meets(&our_events_after, &their_events_after);
    }
    let nothing_before = our_before.is_empty() || their_before.is_empty();
    let immediate = before_met || (after_met && (nothing_before || !reading.strict_before));
    (frame, immediate)
}

/// Entities (countries, blocs, organisations of the table) among the features nearest a slot.
/// Names are left out: a passage often names one more place or person than another of the same
/// fact.
fn near_entities(side: &Side<'_>, slot: Span) -> impl Iterator<Item = Key> {
    let (before, after) = sides(side, slot, Reading::default());
    before
        .into_features()
        .chain(after.into_features())
        .filter(|f| f.kind == FeatureKind::Entity)
        .filter(move |f| !(slot.start <= f.span().start && f.span().end <= slot.end))
        .map(|f| f.key)
}

fn clash(pair: &Pair<'_>, ours: Span, theirs: Span) -> bool {
    let lacks = |side: &Side<'_>, key: &Key| !side.features().iter().any(|f| f.key == *key);
    let ours_only = near_entities(&pair.ours, ours).any(|k| lacks(&pair.theirs, &k));
    let theirs_only = near_entities(&pair.theirs, theirs).any(|k| lacks(&pair.ours, &k));
    let (a, b) = (qualifiers(&pair.ours, ours), qualifiers(&pair.theirs, theirs));
    // "another car bomb killed eight": a further instance, never the one the other clause tells
    // of unless it says "another" too.
    let further =
        |q: &std::collections::BTreeSet<String>| q.iter().any(|w| crate::engine::wordlists::contains("further", w));
    (ours_only && theirs_only) || (!a.is_empty() && !b.is_empty() && a.is_disjoint(&b)) || further(&a) != further(&b)
}

/// The words of the clause that tell one instance of a thing from another ("the first phase",
/// "the next phase"), from `data/slot-words.tsv`.
fn qualifiers(side: &Side<'_>, slot: Span) -> std::sync::Arc<std::collections::BTreeSet<String>> {
    side.doc.memo.qualifiers(side.claim.sentence, slot, || {
        let clause = side.clause(slot);
        crate::engine::text::words(clause.slice(&side.doc.text))
            .iter()
            // "New York" names a city: only a qualifier written in lowercase qualifies.
            .filter(|w| !w.is_capitalized())
            // "third-quarter" is qualified as "the third quarter" is.
            .flat_map(|w| {
                let lower = w.lower();
                let qualifiers = lower.split('-').filter(|part| crate::engine::wordlists::contains("qualifier", part));
                qualifiers.map(str::to_string).collect::<Vec<_>>()
            })
            .collect()
    })
}

/// How the slot `ours` of our claim aligns with the slot `theirs` of theirs. `our_rivals` and
/// `their_rivals` are the other slots of the same kind in each sentence.
pub fn align<'a>(
    pair: &Pair<'a>,
    ours: Span,
    theirs: Span,
    our_rivals: &'a [Span],
    their_rivals: &'a [Span],
    reading: Reading,
) -> SlotAlignment<'a> {
    SlotAlignment {
        pair: *pair,
        ours,
        theirs,
        our_rivals,
        their_rivals,
        reading,
        slots: OnceCell::new(),
        frame: OnceCell::new(),
        mutual: OnceCell::new(),
        rest: OnceCell::new(),
        clash: OnceCell::new(),
        stated: OnceCell::new(),
    }
}

/// How the rest of the passages aligns: the whole sentences, or the clauses of the two slots
/// when those say more of the same ("About a third of its passengers were Chinese" and
/// "Two-thirds of the plane's passengers were Chinese citizens, and the flight was bound…").
fn rest_overlap(pair: &Pair<'_>, ours: Span, theirs: Span, slots_ours: &[Span], slots_theirs: &[Span]) -> Overlap {
    let sentences = stretch_overlap(pair, (EVERYWHERE, slots_ours), (EVERYWHERE, slots_theirs));
    let (our_clause, their_clause) = (pair.ours.clause(ours), pair.theirs.clause(theirs));
    // Clauses that hold every feature of their sentences overlap as the sentences do.
    let whole = |side: &Side<'_>, clause: Span| {
        side.features().iter().all(|f| clause.start <= f.span().start && f.span().end <= clause.end)
    };
    if whole(&pair.ours, our_clause) && whole(&pair.theirs, their_clause) {
        return sentences;
    }
    let clauses = stretch_overlap(pair, (our_clause, slots_ours), (their_clause, slots_theirs));
    if clauses.similarity() > sentences.similarity() {
        clauses
    } else {
        sentences
    }
}

/// How the features of our sentence inside a window, some spans left out, overlap those of
/// theirs: `align::overlap_in` of the two, each side weighed once per analysis.
fn stretch_overlap(pair: &Pair<'_>, ours: (Span, &[Span]), theirs: (Span, &[Span])) -> Overlap {
    let weighed = |side: &Side<'_>, (window, except): (Span, &[Span])| {
        pair.idf.weighed_in(side.doc, side.claim.sentence, window, except)
    };
    overlap_weighed(&weighed(&pair.ours, ours), &weighed(&pair.theirs, theirs))
}

/// The spans of the other slots of a sentence that `select` reads from its claims.
pub fn rivals(side: &Side<'_>, own: Span, select: &dyn Fn(&crate::engine::claim::Claim) -> Vec<Span>) -> Vec<Span> {
    let Some(indices) = side.doc.claims_by_sentence.get(side.claim.sentence) else { return Vec::new() };
    indices
        .iter()
        .filter_map(|&i| side.doc.extraction.claims.get(i))
        .flat_map(select)
        .filter(|span| *span != own)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::Claim;

    #[test]
    fn a_slot_s_kept_frame_is_the_frame_read_again() {
        let corpus = crate::engine::corpus::test_corpus(
            "Marlow, 81, was rushed by paramedics to Lenox Hill Hospital on Aug. 28, where she died a week later.",
            &["The Dutch firm Fugro said on Tuesday that 300 objects were seen by the Thai satellite."],
        );
        let readings = [
            Reading::default(),
            Reading { strict_before: true, skip_names: false, event_words: true },
            Reading { strict_before: false, skip_names: true, event_words: false },
        ];
        let mut slots = 0;
        for doc in [corpus.get("draft"), corpus.get("s0")].into_iter().flatten() {
            let doc = &*doc;
            for claim in &doc.extraction.claims {
                let side = Side { doc, claim };
                let spans = std::iter::once(claim.span).chain(rivals(&side, claim.span, &|c: &Claim| vec![c.span]));
                for (span, reading) in spans.flat_map(|span| readings.map(|reading| (span, reading))) {
                    // Twice: the second is the one kept.
                    for _ in 0..2 {
                        let (kept, read) = (sides(&side, span, reading), read_sides(&side, span, reading));
                        assert_eq!((&*kept.0, &*kept.1), (&*read.0, &*read.1));
                    }
                    slots += 1;
                }
            }
        }
        assert!(slots > 20, "{slots} slots");
    }
}
