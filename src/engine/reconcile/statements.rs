//! Statements (whole factual sentences) corroborate each other when they share enough of what
//! they are about: names, entities and content words. Sentence similarity never contradicts:
//! different wording is not a conflict; the specific claims inside the sentence carry that.

use super::Relation;
use crate::engine::claim::Subject;

/// Features two sentences must share, and their Dice similarity, to report the same thing.
const MIN_SHARED: usize = 4;
const MIN_SIMILARITY: f64 = 0.3;

pub fn compare(a: &Subject, b: &Subject) -> Option<Relation> {
    let shared = a.entities.intersection(&b.entities).count()
        + a.stems.intersection(&b.stems).count()
        + a.names.intersection(&b.names).count();
    let total = a.entities.len() + a.stems.len() + a.names.len() + b.entities.len() + b.stems.len() + b.names.len();
    let dice = 2.0 * shared as f64 / total.max(1) as f64;
    (shared >= MIN_SHARED && dice >= MIN_SIMILARITY).then_some(Relation::Supports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::extract::sentence_subject;

    fn check(a: &str, b: &str, expect: Option<Relation>) {
        assert_eq!(compare(&sentence_subject(a), &sentence_subject(b)), expect, "\n  {a}\n  {b}");
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
