//! Names in the same place of one fact: "rushed to [Lenox Hill Hospital]" and "rushed to [Mount
//! Sinai Hospital]", "overtaken by [Dell]" and "overtaken by [Lenovo]", "a [Norwegian]
//! engineering firm" and "[Dutch] engineering firm Fugro". Within two aligned sentences, names
//! that name the same thing pair off first (and back each other); a name left over is compared
//! with the one left over in the other sentence in the same frame: the same preposition before
//! it, the same kind of head ("Hospital"), a country only with a country. A passage that lists
//! more names than ours ("Inmarsat and the AAIB") is no conflict as long as it names ours too.

use super::{slots, Pair, Relation, Side};
use crate::engine::claim::{ClaimKind, NameSlot};
use crate::engine::interned::Sym;
use crate::engine::text::Span;

/// Names are framed by what is said of them, not by the names beside them.
const NAMES: slots::Reading = slots::Reading { strict_before: false, skip_names: true, event_words: false };

pub fn compare(pair: &Pair<'_>, ours: &NameSlot, theirs: &NameSlot) -> Option<Relation> {
    let (our_span, their_span) = (pair.ours.claim.span, pair.theirs.claim.span);
    if ours.same_referent(theirs) {
        let alignment = slots::align(pair, our_span, their_span, &[], &[], NAMES);
        // The frame, told apart cheaply, first: the rest is weighed only when it could tell.
        return (alignment.same_thing() || alignment.loosely_same()).then_some(Relation::Supports);
    }
    // Most pairs of names are of different kinds: nothing below makes them rivals.
    if !comparable(ours, theirs) {
        return None;
    }
    let our_names = || names_in(&pair.ours);
    let their_names = || names_in(&pair.theirs);
    // A name of theirs that names one of ours is accounted for, and so is a name of ours that
    // one of theirs names: neither is left over to conflict.
    if their_names().any(|(_, n)| ours.same_referent(n)) || our_names().any(|(_, n)| n.same_referent(theirs)) {
        return None;
    }
    let comparable = |a: &NameSlot, a_span: Span, b: &NameSlot, b_span: Span| {
        let bare = a.entity.is_none() && a.head.is_none() && b.head.is_none() && a.preposition.is_none();
        let framed = || {
            let alignment = slots::align(pair, a_span, b_span, &[], &[], NAMES);
            alignment.immediate() && alignment.frame().count >= 2
        };
        comparable(a, b) && (a.entity.is_none() || describe_alike(pair, a_span, b_span)) && (!bare || framed())
    };
    if !comparable(ours, our_span, theirs, their_span) {
        return None;
    }
    // A name with a head is compared with a leftover name of the same head when there is one
    // ("Lenox Hill Hospital" with "Mount Sinai Hospital", not with "New York's" before it).
    let same_head = |n: &NameSlot| ours.head.is_some() && n.head == ours.head;
    if !same_head(theirs) && their_names().any(|(_, n)| same_head(n) && !our_names().any(|(_, o)| o.same_referent(n))) {
        return None;
    }
    let our_names: Vec<(Span, &NameSlot)> = our_names().collect();
    let their_names: Vec<(Span, &NameSlot)> = their_names().collect();
    let leftover = |names: &[(Span, &NameSlot)], others: &[(Span, &NameSlot)], own: Span| -> Vec<Span> {
        names
            .iter()
            .filter(|(span, name)| *span != own && !others.iter().any(|(_, o)| o.same_referent(name)))
            .map(|(span, _)| *span)
            .collect()
    };
    // Rivals are the other leftover names that could stand in the same place.
    let our_rivals: Vec<Span> = leftover(&our_names, &their_names, our_span)
        .into_iter()
        .filter(|span| {
            our_names.iter().any(|(s, n)| s == span && same_kind(n, ours) && comparable(n, *s, theirs, their_span))
        })
        .collect();
    let their_rivals: Vec<Span> = leftover(&their_names, &our_names, their_span)
        .into_iter()
        .filter(|span| {
            their_names.iter().any(|(s, n)| s == span && same_kind(n, theirs) && comparable(ours, our_span, n, *s))
        })
        .collect();
    let alignment = slots::align(pair, our_span, their_span, &our_rivals, &their_rivals, NAMES);
    // Bare names may be a person, a place or a firm: only the same words said of each, in the
    // same frame, make them rivals ("overtaken by Dell" and "overtaken by Lenovo").
    let bare = |n: &NameSlot| n.entity.is_none() && n.head.is_none();
    let bare_rivals = || {
        alignment.stated().coverage() >= BARE_STATED
            && alignment.rest().similarity() >= BARE_REST
            && alignment.frame().count >= BARE_FRAME
    };
    let rivals = || !(bare(ours) && bare(theirs)) || bare_rivals();
    let relation = if alignment.contradiction_holds() && rivals() && !parts_of_one_name(pair, ours, theirs) {
        Some(Relation::Contradicts)
    } else if alignment.same_thing() {
        Some(Relation::Related)
    } else {
        None
    };
    alignment.trace("names", &ours.text, &theirs.text, &pair.theirs.doc.name, &relation);
    relation
}

/// How much more of the fact two bare names must share than named kinds of things.
const BARE_STATED: f64 = 0.45;
const BARE_REST: f64 = 0.4;
const BARE_FRAME: usize = 3;

/// Two names that one full name of either article holds ("Igor" and "Vorozhbitsyn" of "Igor
/// Vorozhbitsyn"): one person named two ways.
fn parts_of_one_name(pair: &Pair<'_>, ours: &NameSlot, theirs: &NameSlot) -> bool {
    [&pair.ours, &pair.theirs].iter().any(|side| {
        side.doc.full_names.iter().any(|keys| {
            let holds =
                |name: &NameSlot| name.words.iter().any(|w| Some(w) != name.head_word.as_ref() && keys.contains(w));
            holds(ours) && holds(theirs)
        })
    })
}

/// Names that could stand in each other's place: a country for a country; otherwise the same
/// preposition before them where both have one, and heads of one kind. A bare name (no
/// preposition, no head to tell what it is) must also stand in the same frame, since two subjects
/// of one sentence may well be a thing and its maker ("the Boeing 777", "the Malaysia Airlines
/// plane").
fn comparable(ours: &NameSlot, theirs: &NameSlot) -> bool {
    if ours.entity.is_some() != theirs.entity.is_some() {
        return false;
    }
    if ours.entity.is_some() {
        return true;
    }
    let agree = |a: &Option<Sym>, b: &Option<Sym>| a.is_none() || b.is_none() || a == b;
    agree(&ours.preposition, &theirs.preposition) && same_kind(ours, theirs)
}

/// A people's adjective describes the words right after it ("a Norwegian [engineering firm]",
/// "the Dutch [company]"): two describe the same thing when those words meet.
fn describe_alike(pair: &Pair<'_>, ours: Span, theirs: Span) -> bool {
    let described = |side: &Side<'_>, slot: Span| -> Vec<crate::engine::align::Key> {
        side.features().iter().filter(|f| f.span().start >= slot.end && !f.is_proper()).take(2).map(|f| f.key).collect()
    };
    let theirs = described(&pair.theirs, theirs);
    described(&pair.ours, ours).iter().any(|k| theirs.contains(k))
}

/// Both with a head of one kind, or both without one; a company's name may end in its kind
/// ("Lenovo Group Ltd") or not ("Dell").
fn same_kind(a: &NameSlot, b: &NameSlot) -> bool {
    let organisation = |n: &NameSlot| n.head.as_deref() == Some("organisation");
    a.head == b.head || (a.head.is_none() && organisation(b)) || (b.head.is_none() && organisation(a))
}

/// The names of the claim's sentence, with their spans.
fn names_in<'a>(side: &Side<'a>) -> impl Iterator<Item = (Span, &'a NameSlot)> {
    let doc = side.doc;
    let indices = doc.claims_by_sentence.get(side.claim.sentence).unwrap_or_default();
    indices.iter().filter_map(|&i| doc.extraction.claims.get(i)).filter_map(|c| match &c.kind {
        ClaimKind::Name(name) => Some((c.span, &**name)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::Claim;

    /// How `theirs` relates to the name `ours` names in the first sentence.
    fn check(ours: (&str, &str), theirs: &str, expect: Option<Relation>) {
        let corpus = crate::engine::corpus::test_corpus(ours.0, &[theirs]);
        let (Some(a), Some(b)) = (corpus.get("draft"), corpus.get("s0")) else { panic!("corpus") };
        let (a, b) = (&*a, &*b);
        let weights = corpus.weights(a);
        let name_of = |c: &Claim| matches!(c.kind, ClaimKind::Name(_));
        let Some(our_claim) = a.extraction.claims.iter().find(|c| name_of(c) && c.span.slice(&a.text) == ours.1) else {
            panic!("no name {:?}", ours.1)
        };
        let mut got = None;
        for their_claim in b.extraction.claims.iter().filter(|c| name_of(c)) {
            let pair = Pair {
                ours: Side { doc: a, claim: our_claim },
                theirs: Side { doc: b, claim: their_claim },
                idf: &weights,
            };
            if let Some(relation) = super::super::compare(&pair, Default::default()).first().map(|c| c.relation) {
                if relation != Relation::Related {
                    got = Some(relation);
                }
            }
        }
        assert_eq!(got, expect, "\n  ours:   {}\n  theirs: {theirs}", ours.0);
    }

    #[test]
    fn another_name_in_the_same_place_conflicts() {
        check(
            ("Marlow was rushed by paramedics to Lenox Hill Hospital, where she died.", "Lenox Hill Hospital"),
            "Marlow was rushed by paramedics from her home to Mount Sinai Hospital, where she died.",
            Some(Relation::Contradicts),
        );
        check(
            ("The contract for the seabed survey went to Fugro, a Norwegian engineering firm.", "Norwegian"),
            "The seabed survey contract went to Dutch engineering firm Fugro.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn the_same_name_backs_and_more_names_are_no_conflict() {
        check(
            ("Marlow was rushed by paramedics to Mount Sinai Hospital, where she died.", "Mount Sinai Hospital"),
            "Marlow was rushed by paramedics from her home to Mount Sinai Hospital, where she died.",
            Some(Relation::Supports),
        );
        check(
            ("The analysis was done by the satellite firm Inmarsat.", "Inmarsat"),
            "The analysis was done by the satellite firm Inmarsat and the Air Accidents Investigation Branch.",
            Some(Relation::Supports),
        );
    }

    #[test]
    fn two_parts_of_one_full_name_are_one_person() {
        check(
            ("The fisherman Pavel Ostrogin went out alone. A bear attacked Pavel near the lake at dawn.", "Pavel"),
            "A bear attacked Ostrogin near the lake at dawn.",
            None,
        );
    }

    #[test]
    fn bare_names_conflict_only_when_the_same_words_are_said_of_each() {
        check(
            ("The company has since been overtaken by Corvane, now the biggest maker by shipments.", "Corvane"),
            "The company has since been overtaken by Maltrix, now the biggest maker by shipments.",
            Some(Relation::Contradicts),
        );
        check(
            ("The plane was seen by Brandl from a fishing boat.", "Brandl"),
            "The plane was seen by Okonjo, a villager, from the shore of the island before it vanished.",
            None,
        );
    }

    #[test]
    fn names_in_other_parts_of_the_fact_are_not_compared() {
        check(
            ("Marlow was rushed by paramedics to Lenox Hill Hospital, where she died.", "Lenox Hill Hospital"),
            "Marlow was rushed by paramedics from Yorkville Endoscopy, where she had surgery.",
            None,
        );
    }
}
