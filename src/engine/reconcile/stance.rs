//! Two clauses that state the same fact, compared by how they state it: one negates what the
//! other affirms ("not armed", "carrying weapons"), reports the opposite action ("suspended the
//! search", "stepped up the search"; "no longer director", "still serves"), leaves open what the
//! other establishes ("most likely", "established"), or reports as a claim and its denial what
//! the other states as fact. The fact must align without the words that state the stance.

use super::{Pair, Relation, Side};
use crate::engine::align::{Feature, Key, Passage};
use crate::engine::claim::{Certainty, Claim, Framing, Stance};
use crate::engine::extract::{is_stance_marker, opens_stance_phrase};
use crate::engine::text::{with_lowercase, with_to_lowercase, words, Span};
use crate::engine::wordlists;
use std::borrow::Cow;

/// The part of a claim's sentence weighed here: its clause without the stance words.
const CLAUSE: usize = 2;

/// The share of our clause (its stance words left out) their sentence must state, and the
/// features it must share, for the two to state one fact.
const SAME_FACT: f64 = 0.5;
const SAME_FACT_SHARED: usize = 2;
/// The similarity two clauses need for one to state the other's fact the other way round.
const OPPOSED: f64 = 0.35;
/// A negation is a smaller difference than an opposite action: the clauses must say more alike.
const NEGATION_OPPOSED: f64 = 0.5;
/// The similarity a passage needs to back a stance: it says the same, and little else.
const SAME_STANCE: f64 = 0.45;

/// The relation and the value their side gives: "negated", "affirmed", "act:halt", "hedged",
/// "claimed", "denied".
pub fn compare(pair: &Pair<'_>, ours: &Stance, theirs: &Stance) -> Option<(Relation, String)> {
    // Ours weighed once per analysis, theirs once for all analyses where the weights keep the
    // sources' clauses: the clause itself is read only when it is weighed, or when the fact is
    // stated well enough to look further.
    let ours_weighed = {
        let clause = || Cow::Owned(clause_features(&pair.ours, pair.ours.claim.span).to_vec());
        pair.idf.weighed(Passage::of_claim(pair.ours.claim, CLAUSE), &clause)
    };
    let their_doc = pair.theirs.doc;
    let read = |claim: &Claim| clause_features(&Side { doc: their_doc, claim }, claim.span).to_vec();
    let fact = pair.idf.stance_clause_overlap(&ours_weighed, their_doc, pair.theirs.claim, CLAUSE, &read, SAME_FACT);
    let Some(fact) = fact else {
        tracing::trace!(
            ours = pair.ours.claim.span.slice(&pair.ours.doc.text),
            theirs = pair.theirs.claim.span.slice(&pair.theirs.doc.text),
            "stance: their clause states too little of ours"
        );
        return None;
    };
    tracing::trace!(
        ours = pair.ours.claim.span.slice(&pair.ours.doc.text),
        theirs = pair.theirs.claim.span.slice(&pair.theirs.doc.text),
        coverage = fact.coverage(),
        similarity = fact.similarity(),
        shared = fact.count,
        ?ours,
        ?theirs,
        "stance"
    );
    let our_clause = clause_features(&pair.ours, pair.ours.claim.span);
    let their_sentence = clause_features(&pair.theirs, pair.theirs.claim.span);
    // Names say who and where; the fact is in the words ("suspended [all sea and air search
    // operations]"): at least one shared word that is not a name, or the same date.
    let words_shared =
        our_clause.iter().filter(|f| !f.is_proper()).any(|f| their_sentence.iter().any(|g| g.key == f.key));
    let same_date = same_date(pair);
    let shared = fact.count + usize::from(same_date);
    if fact.coverage() < SAME_FACT || shared < SAME_FACT_SHARED || !(words_shared || same_date) {
        return None;
    }
    // A negation counts where it bears on what the two share ("were not [armed]"), not on
    // something else the clause adds ("a biopsy was done without her consent").
    let shared_keys: Vec<crate::engine::align::Key> =
        our_clause.iter().filter(|f| their_sentence.iter().any(|g| g.key == f.key)).map(|f| f.key).collect();
    // Both clauses negate something: they state the fact the same way round, whatever each
    // negation bears on ("hasn't been publicly identified", "hasn't been identified").
    let both_negate = ours.negated && theirs.negated;
    let ours = &bearing(&pair.ours, ours, &shared_keys);
    let theirs = &bearing(&pair.theirs, theirs, &shared_keys);
    let opposed = |a: &str, b: &str| {
        wordlists::words("opposes").any(|pair| pair == format!("{a}:{b}") || pair == format!("{b}:{a}"))
    };
    let act = ours.actions.iter().find_map(|a| theirs.actions.iter().find(|b| opposed(a, b)));
    let denial = theirs.framing == Framing::Denied;
    let value = |v: &str| Some((Relation::Contradicts, v.to_string()));
    // An article quoting someone does not state the words as its own fact.
    if ours.quoted {
        return Some((Relation::Related, "related".to_string()));
    }
    // Stated the other way round takes the same fact on both sides, and little else.
    let same_statement = fact.similarity() >= OPPOSED && states_something(&pair.ours) && states_something(&pair.theirs);
    if let Some(act) = act.filter(|_| same_statement) {
        return value(&format!("act:{act}"));
    }
    let negation_opposed = fact.similarity() >= NEGATION_OPPOSED && !both_negate;
    if ours.negated != theirs.negated && theirs.framing != Framing::Denied && same_statement && negation_opposed {
        return value(if theirs.negated { "negated" } else { "affirmed" });
    }
    // A fact the article leaves open ("it may have been the biopsy") is not stated as fact.
    let stated_as_fact = ours.framing == Framing::Fact && ours.certainty != Certainty::Hedged;
    if stated_as_fact && !ours.negated && denial {
        return value("denied");
    }
    if stated_as_fact && theirs.framing == Framing::Claimed {
        return value("claimed");
    }
    if ours.framing == Framing::Fact
        && ours.certainty == Certainty::Established
        && theirs.certainty == Certainty::Hedged
        && same_statement
    {
        return value("hedged");
    }
    // A party's word does not back the fact stated as fact, nor dispute it; nor does a passage
    // that says much else besides ("After Cohen, the clinic's medical director, finished his
    // work, a biopsy was done").
    if (ours.framing == Framing::Fact && theirs.framing == Framing::Attributed)
        || fact.similarity() < SAME_STANCE
        || !states_something(&pair.theirs)
    {
        return Some((Relation::Related, "related".to_string()));
    }
    Some((Relation::Supports, "same".to_string()))
}

/// A clause with a verb states something; a title with a name ("Yorkville's medical director,
/// Dr. Lawrence Cohen") names someone. Without a tagger, a verb is an auxiliary or a past form.
fn states_something(side: &Side<'_>) -> bool {
    const AUXILIARIES: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
        "may", "might", "must", "shall", "should", "do", "does", "did",
    ];
    side.doc.memo.states(side.claim.sentence, side.claim.span, || {
        words(side.claim.span.slice(&side.doc.text)).iter().any(|w| {
            !w.is_capitalized()
                && with_lowercase(w.text, |lower| {
                    let verb_form = lower.len() > 4 && (lower.ends_with("ed") || lower.ends_with("ing"));
                    AUXILIARIES.contains(&lower) || verb_form || is_stance_word(lower)
                })
        })
    })
}

/// Both clauses give the same date.
fn same_date(pair: &Pair<'_>) -> bool {
    let dates = |side: &Side<'_>| -> Vec<crate::engine::claim::DateValue> {
        let Some(indices) = side.doc.claims_by_sentence.get(side.claim.sentence) else { return Vec::new() };
        indices
            .iter()
            .filter_map(|&i| side.doc.extraction.claims.get(i))
            .filter(|c| side.claim.span.start <= c.span.start && c.span.end <= side.claim.span.end)
            .filter_map(|c| match &c.kind {
                crate::engine::claim::ClaimKind::Date(d) => Some(d.value),
                _ => None,
            })
            .collect()
    };
    let theirs = dates(&pair.theirs);
    let agree = |a: &crate::engine::claim::DateValue, b: &crate::engine::claim::DateValue| {
        crate::engine::finding::SlotValue::Date(*a).agrees_with(&crate::engine::finding::SlotValue::Date(*b))
    };
    dates(&pair.ours).iter().any(|d| theirs.iter().any(|t| agree(d, t)))
}

/// The stance as it bears on what two clauses share: a negation a few words before a shared
/// word ("were not [armed]"), a denial or a claim before one in the same stretch of the sentence
/// ("has denied taking a [selfie]", "claim the [administration threatened]"). A negation of
/// something else ("done without her consent"), or a denial of something else ("after the
/// denial was issued, the clinic confirmed"), does not count.
fn bearing(side: &Side<'_>, stance: &Stance, shared: &[crate::engine::align::Key]) -> Stance {
    let negated = stance.negated && marker_bears(side, side.claim.span, "negation", shared, 8);
    let sentence = side.sentence();
    let framing = match stance.framing {
        Framing::Denied if marker_bears(side, sentence, "denied", shared, 12) => Framing::Denied,
        Framing::Claimed | Framing::Denied if marker_bears(side, sentence, "claimed", shared, 12) => Framing::Claimed,
        Framing::Denied | Framing::Claimed if side.claim.attribution.is_some() => Framing::Attributed,
        Framing::Denied | Framing::Claimed => Framing::Fact,
        other => other,
    };
    Stance { negated, framing, ..stance.clone() }
}

/// Whether a word (or two-word phrase) of `kind` in `span` stands before a word of `shared`, at
/// most `reach` words on, with no clause punctuation between. A negation must bear on the first
/// word after it that says something ("not [armed]", "no longer [medical director]"; not "no
/// [trace] of the aircraft"); a denial or a claim on any within reach ("denying claims that the
/// administration [threatened]").
fn marker_bears(
    side: &Side<'_>,
    span: Span,
    kind: &'static str,
    shared: &[crate::engine::align::Key],
    reach: usize,
) -> bool {
    let first_only = kind == "negation";
    let reaches = side.doc.memo.marker_reaches((side.claim.sentence, span), kind, reach, || {
        marker_reaches(side, span, kind, reach, first_only)
    });
    reaches.iter().any(|within| {
        if first_only {
            within.first().is_some_and(|key| shared.contains(key))
        } else {
            within.iter().any(|key| shared.contains(key))
        }
    })
}

/// For each word (or two-word phrase) of `kind` in `span`, the keys of the features of the
/// words it may bear on: at most `reach` words on, with no clause punctuation between (nor,
/// unless `first_only`, a subordinator), stance words left out; nearest first.
fn marker_reaches(side: &Side<'_>, span: Span, kind: &str, reach: usize, first_only: bool) -> Vec<Box<[Key]>> {
    let text = &side.doc.text;
    let tokens = words(span.slice(text));
    let features = side.features();
    let feature_at = |at: Span| features.iter().find(|f| f.span().start <= at.start && at.end <= f.span().end);
    let mut reaches = Vec::new();
    for (i, word) in tokens.iter().enumerate() {
        let listed = with_lowercase(word.text, |lower| {
            wordlists::contains(kind, lower)
                || tokens
                    .get(i + 1)
                    .is_some_and(|next| with_lowercase(next.text, |next| wordlists::contains_pair(kind, lower, next)))
        });
        if !listed {
            continue;
        }
        let within: Box<[Key]> = tokens[i + 1..]
            .iter()
            .take(reach)
            .take_while(|later| {
                let gap = Span::new(word.span.end, later.span.start).shift(span.start).slice(text);
                !gap.contains([',', ';', ':'])
                    && (first_only || !with_lowercase(later.text, |later| wordlists::contains("subordinator", later)))
            })
            .filter_map(|later| feature_at(later.span.shift(span.start)))
            .filter(|f| !is_stance_word(f.span().slice(text)))
            .map(|f| f.key)
            .collect();
        reaches.push(within);
    }
    reaches
}

/// A word that states the stance rather than the fact ("is not currently [serving] as medical
/// director", "have not [accused] either Cohen").
fn is_stance_word(word: &str) -> bool {
    with_to_lowercase(word, is_stance_marker)
}

/// The features of `span` in the side's sentence, without the words that state a stance.
fn clause_features(side: &Side<'_>, span: Span) -> std::sync::Arc<[Feature]> {
    side.doc.memo.stance_clause(side.claim.sentence, span, || {
        let markers = marker_spans(side, span);
        side.features()
            .iter()
            .filter(|f| span.start <= f.span().start && f.span().end <= span.end)
            .filter(|f| !markers.iter().any(|m| m.start < f.span().end && f.span().start < m.end))
            .copied()
            .collect()
    })
}

/// The spans of stance words (and two-word phrases) in `span`.
fn marker_spans(side: &Side<'_>, span: Span) -> Vec<Span> {
    let tokens = words(span.slice(&side.doc.text));
    let mut found = Vec::new();
    for (i, word) in tokens.iter().enumerate() {
        let (marker, opens) = with_lowercase(word.text, |lower| (is_stance_marker(lower), opens_stance_phrase(lower)));
        if marker {
            found.push(word.span.shift(span.start));
        }
        if let Some(next) = tokens.get(i + 1).filter(|_| opens) {
            if is_stance_marker(&format!("{} {}", word.lower(), next.lower())) {
                found.push(Span::new(word.span.start, next.span.end).shift(span.start));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::{Claim, ClaimKind};

    fn check(ours: &str, theirs: &str, expect: Option<&str>) {
        let is_stance = |c: &Claim| matches!(c.kind, ClaimKind::Stance(_));
        let got = super::super::compare_first(ours, theirs, is_stance, Default::default());
        let got =
            got.first().filter(|c| c.relation == Relation::Contradicts).map(|c| c.value.clone().unwrap_or_default());
        assert_eq!(got.as_deref(), expect, "\n  ours:   {ours}\n  theirs: {theirs}");
    }

    #[test]
    fn the_same_fact_stated_the_other_way_round() {
        check(
            "The guards carried their service weapons into the harbour depot.",
            "The guards had no service weapons in the harbour depot.",
            Some("negated"),
        );
        check(
            "The coastguard stepped up its air and sea search off Marlow.",
            "The coastguard suspended its air and sea search off Marlow.",
            Some("act:halt"),
        );
        check(
            "Hendry still serves as the depot's harbour master.",
            "Hendry is no longer the depot's harbour master.",
            Some("act:cease"),
        );
        check(
            "The inquiry established that the harbour crane collapsed from rust.",
            "The inquiry said the harbour crane most likely collapsed from rust.",
            Some("hedged"),
        );
    }

    #[test]
    fn the_same_way_round_hedged_or_quoted_is_no_opposite() {
        check(
            "The harbour master hasn't been publicly identified by the port.",
            "The harbour master hasn't been identified by the port.",
            None,
        );
        check(
            "The harbour depot was No. 1 in exports until the crane collapsed.",
            "The harbour depot lost its place in exports when the crane collapsed.",
            None,
        );
        check(
            "It may have been the mayor who threatened to close the harbour depot.",
            "The mayor denied threatening to close the harbour depot.",
            None,
        );
        check(
            "\"The guards carried their service weapons into the harbour depot,\" Hendry said.",
            "The guards had no service weapons in the harbour depot.",
            None,
        );
    }

    #[test]
    fn a_denial_reaches_up_to_a_subordinate_clause() {
        check(
            "The crane collapsed onto the harbour depot.",
            "The port denied that the inspection was skipped when the crane collapsed onto the harbour depot.",
            None,
        );
    }

    #[test]
    fn a_fact_the_sources_report_as_claimed_and_denied() {
        check(
            "The mayor threatened to close the harbour depot.",
            "The mayor denied threatening to close the harbour depot.",
            Some("denied"),
        );
        check(
            "The mayor threatened to close the harbour depot.",
            "Dock workers claim the mayor threatened to close the harbour depot.",
            Some("claimed"),
        );
        check(
            "The mayor threatened to close the harbour depot.",
            "The mayor threatened to close the harbour depot, workers said.",
            None,
        );
    }
}
