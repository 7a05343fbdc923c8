//! Statements (factual clauses) corroborate each other when they align strongly: they share most
//! of what they say, or the other states most of ours, weighed by how informative each word is
//! in the corpus. Weaker
//! alignment makes a sentence related, listed apart, never as support. Sentence similarity alone
//! never contradicts: the typed slots inside the sentence carry that (and the analysis marks a
//! sentence whose slot conflicts as contradicting).

use super::{Pair, Relation};
use crate::engine::align::Passage;

/// The part of a claim's sentence weighed here: the clause the claim spans.
const INSIDE: usize = 1;

/// Weighted similarity and shared features for two clauses to report the same thing, or the share
/// of ours that theirs states…
const SUPPORT_SIMILARITY: f64 = 0.45;
const SUPPORT_COVERAGE: f64 = 0.65;
const SUPPORT_SHARED: usize = 3;
/// …and to be about the same thing.
const RELATED_SIMILARITY: f64 = 0.25;
const RELATED_COVERAGE: f64 = 0.4;
const RELATED_SHARED: usize = 2;

pub fn compare(pair: &Pair<'_>) -> Option<Relation> {
    let inside = |side: &super::Side<'_>| crate::engine::align::within(side.features(), side.claim.span);
    let weighed =
        |side: &super::Side<'_>| pair.idf.weighed(Passage::of_claim(side.claim, INSIDE), &|| inside(side).into());
    let ours = weighed(&pair.ours);
    // Their sentence may state our clause across two of its clauses. It holds every key of
    // their clause: when it shares too few with ours, their clause does too.
    let whole = pair.idf.sentence_overlap(&ours, pair.theirs.doc, pair.theirs.claim.sentence);
    if whole.count < RELATED_SHARED.min(SUPPORT_SHARED) {
        return None;
    }
    let overlap = pair.idf.statement_overlap(&ours, pair.theirs.doc, pair.theirs.claim, INSIDE);
    let similarity = overlap.similarity();
    let coverage = overlap.coverage().max(whole.coverage());
    let overlap = if whole.count > overlap.count { whole } else { overlap };
    if overlap.count >= SUPPORT_SHARED && (similarity >= SUPPORT_SIMILARITY || coverage >= SUPPORT_COVERAGE) {
        Some(Relation::Supports)
    } else if overlap.count >= RELATED_SHARED && (similarity >= RELATED_SIMILARITY || coverage >= RELATED_COVERAGE) {
        Some(Relation::Related)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::{Claim, ClaimKind};

    fn check(a: &str, b: &str, expect: Option<Relation>) {
        let is_statement = |c: &Claim| matches!(c.kind, ClaimKind::Statement);
        let got = super::super::compare_first(a, b, is_statement, Default::default());
        assert_eq!(got.first().map(|c| c.relation), expect, "\n  {a}\n  {b}");
    }

    /// Each factual clause of `a` with the best relation any clause of `b` has to it.
    fn clauses(a: &str, b: &str) -> Vec<(String, Option<Relation>)> {
        let corpus = crate::engine::corpus::test_corpus(a, &[b]);
        let (Some(ours), Some(theirs)) = (corpus.get("draft"), corpus.get("s0")) else { panic!("corpus") };
        let (ours, theirs) = (&*ours, &*theirs);
        let weights = corpus.weights(ours);
        let statements = |doc: &'_ crate::engine::corpus::SourceDoc| -> Vec<Claim> {
            doc.extraction.claims.iter().filter(|c| matches!(c.kind, ClaimKind::Statement)).cloned().collect()
        };
        let rank = |r: &Option<Relation>| match r {
            Some(Relation::Supports) => 2,
            Some(_) => 1,
            None => 0,
        };
        let their_clauses = statements(theirs);
        statements(ours)
            .iter()
            .map(|clause| {
                let best = their_clauses
                    .iter()
                    .map(|other| {
                        let pair = super::super::Pair {
                            ours: super::super::Side { doc: ours, claim: clause },
                            theirs: super::super::Side { doc: theirs, claim: other },
                            idf: &weights,
                        };
                        compare(&pair)
                    })
                    .max_by_key(rank)
                    .flatten();
                (clause.span.slice(&ours.text).to_string(), best)
            })
            .collect()
    }

    #[test]
    fn the_same_report_in_other_words_corroborates() {
        // Statements are clauses: each of ours is backed by the clause of theirs that reports it
        // in other words. The first shares only the speaker with theirs ("would receive Witkoff"
        // against "the meeting would take place"): about the same thing, but no backing.
        let found = clauses(
            "Kremlin spokesman Dmitry Peskov said Putin would receive Witkoff later on Tuesday, but he would not be drawn on Russia's red lines, saying megaphone diplomacy was not helpful.",
            "Kremlin spokesman Dmitry Peskov confirmed the meeting would take place on Tuesday afternoon but declined to outline Russia's red lines, saying public megaphone diplomacy was unhelpful.",
        );
        let relations: Vec<Option<Relation>> = found.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            relations,
            vec![Some(Relation::Related), Some(Relation::Supports), Some(Relation::Supports)],
            "{found:?}"
        );
        assert!(found[2].0.starts_with("saying megaphone diplomacy"), "{found:?}");
    }

    #[test]
    fn sentences_sharing_only_the_story_do_not() {
        check(
            "Trump has said he wants to end the war in Ukraine.",
            "Russian forces control more than 19 per cent of Ukraine, according to pro-Ukrainian maps.",
            None,
        );
    }
}
