//! Statements (whole factual sentences) corroborate each other when they align strongly: they
//! share most of what they say, weighed by how informative each word is in the corpus. Weaker
//! alignment makes a sentence related, listed apart, never as support. Sentence similarity alone
//! never contradicts: the typed slots inside the sentence carry that (and the analysis marks a
//! sentence whose slot conflicts as contradicting).

use super::{Pair, Relation};

/// Weighted similarity and shared features for two sentences to report the same thing…
const SUPPORT_SIMILARITY: f64 = 0.45;
const SUPPORT_SHARED: usize = 3;
/// …and to be about the same thing.
const RELATED_SIMILARITY: f64 = 0.25;
const RELATED_SHARED: usize = 2;

pub fn compare(pair: &Pair<'_>) -> Option<Relation> {
    let overlap = pair.rest(&[], &[]);
    let similarity = overlap.similarity();
    if similarity >= SUPPORT_SIMILARITY && overlap.count >= SUPPORT_SHARED {
        Some(Relation::Supports)
    } else if similarity >= RELATED_SIMILARITY && overlap.count >= RELATED_SHARED {
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

    #[test]
    fn the_same_report_in_other_words_corroborates() {
        check(
            "Kremlin spokesman Dmitry Peskov said Putin would receive Witkoff later on Tuesday, but he would not be drawn on Russia's red lines, saying megaphone diplomacy was not helpful.",
            "Kremlin spokesman Dmitry Peskov confirmed the meeting would take place on Tuesday afternoon but declined to outline Russia's red lines, saying public megaphone diplomacy was unhelpful.",
            Some(Relation::Supports),
        );
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
