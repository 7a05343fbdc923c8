//! Figures are compared only when they measure the same thing: the same dimension (and counted
//! noun), the same whole for shares, compatible entities and a shared content word around the value.
//! Two aligned figures agree when their intervals meet.
//!
//! Saying that they disagree takes more, because a wrong contradiction is the costliest mistake:
//! the subjects must share predicate words, name the same places, people and days (so two car bombs
//! in one city on different days stay apart), each figure must be the only one of its kind in its
//! sentence, both must be totals or both rates, counts must count things said to do the same, and
//! the subject must not be a market price, which moves between one report and the next.

use super::{Comparison, Relation};
use crate::engine::claim::{Claim, Dimension, Figure, Measure, Subject};

/// Minimum Dice similarity of the two subjects' features.
const MIN_SIMILARITY: f64 = 0.3;
/// Shared predicate words, entities, names and wholes a contradiction needs.
const CONTRADICTION_EVIDENCE: usize = 3;
/// Subjects whose figures change by the minute.
const VOLATILE: &[&str] = &["share", "stock", "price", "trading", "premarket", "index", "market", "trade"];

/// `slack` is the project's tolerance: a fraction by which each figure may be off.
pub fn compare(ours: &Claim, a: &Figure, theirs: &Claim, b: &Figure, slack: f64) -> Vec<Comparison> {
    if !aligned(ours, a, theirs, b) {
        return Vec::new();
    }
    let strong = strongly_aligned(&ours.subject, &theirs.subject, same_whole_count(a, b));
    let mut comparisons = Vec::new();
    for (i, m) in a.measures.iter().enumerate() {
        let Some((j, n)) = b.measures.iter().enumerate().find(|(_, n)| n.dimension == m.dimension) else { continue };
        if m.meets_within(n, slack) {
            comparisons.push(Comparison { ours: i, theirs: j, relation: Relation::Supports });
        } else if m.changed || n.changed {
            comparisons.push(Comparison { ours: i, theirs: j, relation: Relation::Updates });
        } else if strong && unambiguous(m, n) {
            comparisons.push(Comparison { ours: i, theirs: j, relation: Relation::Contradicts });
        }
    }
    comparisons
}

fn aligned(ours: &Claim, a: &Figure, theirs: &Claim, b: &Figure) -> bool {
    let shared_dimension = a.measures.iter().any(|m| b.measures.iter().any(|n| n.dimension == m.dimension));
    if !shared_dimension || wholes_differ(a, b) {
        return false;
    }
    let (s, t) = (&ours.subject, &theirs.subject);
    if !s.entities.is_empty() && !t.entities.is_empty() && s.entities.is_disjoint(&t.entities) {
        return false;
    }
    let shared_stems = s.stems.intersection(&t.stems).count();
    let shared_entities = s.entities.intersection(&t.entities).count();
    let shared_names = s.names.intersection(&t.names).count();
    let shared = shared_stems + shared_entities + shared_names;
    // A word in common, or two names: "fans watched Riverside United claim the National Cup"
    // and "Riverside United … lift the National Cup … before 62,000 fans".
    if (shared_stems == 0 && shared_names < 2) || shared < 2 {
        return false;
    }
    let total = s.stems.len() + s.entities.len() + s.names.len() + t.stems.len() + t.entities.len() + t.names.len();
    let dice = 2.0 * shared as f64 / total.max(1) as f64;
    dice >= MIN_SIMILARITY
}

fn shares(figure: &Figure) -> impl Iterator<Item = &Measure> {
    figure.measures.iter().filter(|m| m.dimension == Dimension::Share)
}

fn wholes_differ(a: &Figure, b: &Figure) -> bool {
    shares(a).any(|m| {
        shares(b).any(|n| match (&m.whole, &n.whole) {
            (Some(x), Some(y)) => x.entities.is_disjoint(&y.entities) && x.stems.is_disjoint(&y.stems),
            _ => false,
        })
    })
}

/// 1 when both figures are shares of the same stated whole, else 0.
fn same_whole_count(a: &Figure, b: &Figure) -> usize {
    let same = shares(a).any(|m| shares(b).any(|n| m.whole.is_some() && n.whole.is_some())) && !wholes_differ(a, b);
    usize::from(same)
}

pub(super) fn strongly_aligned(s: &Subject, t: &Subject, same_whole: usize) -> bool {
    let shared_stems = s.stems.intersection(&t.stems).count();
    let shared_entities = s.entities.intersection(&t.entities).count();
    let shared_names = s.names.intersection(&t.names).count();
    let volatile = s.stems.iter().chain(&t.stems).any(|stem| VOLATILE.contains(&stem.as_str()));
    shared_stems >= 1
        && shared_stems + shared_entities + shared_names + same_whole >= CONTRADICTION_EVIDENCE
        && s.names == t.names
        && !volatile
}

fn unambiguous(m: &Measure, n: &Measure) -> bool {
    let different_groups = matches!((&m.predicate, &n.predicate), (Some(p), Some(q)) if p != q);
    m.rivals_in_sentence == 0 && n.rivals_in_sentence == 0 && m.per_unit == n.per_unit && !different_groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::ClaimKind;
    use crate::engine::extract::extract;
    use crate::engine::text::LineIndex;

    /// How the first figure of `theirs` relates to the first figure of `ours`, if at all.
    fn check(ours: &str, theirs: &str, expect: Option<Relation>) {
        let first_figure = |text: &str| {
            let claims = extract(text, &LineIndex::new(text)).claims;
            claims.into_iter().find(|c| matches!(c.kind, ClaimKind::Figure(_))).expect("a figure")
        };
        let (a, b) = (first_figure(ours), first_figure(theirs));
        let (ClaimKind::Figure(fa), ClaimKind::Figure(fb)) = (&a.kind, &b.kind) else { unreachable!() };
        let got = compare(&a, fa, &b, fb, 0.0).first().map(|c| c.relation);
        assert_eq!(got, expect, "\n  ours:   {ours}\n  theirs: {theirs}");
    }

    #[test]
    fn paraphrases_with_other_units_and_hedges_agree() {
        check(
            "Russian forces occupy 30 per cent of Ukraine.",
            "Russian forces control more than 19 per cent of Ukraine, according to pro-Ukrainian maps.",
            Some(Relation::Contradicts),
        );
        check(
            "Russian forces occupy a fifth of Ukraine.",
            "Russian forces control more than 19 per cent of Ukraine, according to pro-Ukrainian maps.",
            Some(Relation::Supports),
        );
        check(
            "The three were among 14 members of the army participating in the exercise.",
            "The three were among 12 members of the army participating in a military exercise.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn neighbouring_round_figures_do_not_back_each_other() {
        // "two" is 1.5–2.5 and "three" 2.5–3.5: they touch, but no count rounds to both.
        check(
            "Two Afghan officers went missing during a training visit.",
            "Three Afghan officers went missing during a training visit.",
            Some(Relation::Contradicts),
        );
        check(
            "Officials said 1,200 people were evacuated from the flooded town.",
            "Officials said 1,300 people were evacuated from the flooded town.",
            Some(Relation::Contradicts),
        );
        check(
            "Officials said 1,200 people were evacuated from the flooded town.",
            "Officials said about 1,250 people were evacuated from the flooded town.",
            Some(Relation::Supports),
        );
    }

    #[test]
    fn different_events_in_one_city_are_not_compared_for_conflict() {
        check(
            "Some 33 people were killed in a wave of car bombings in Baghdad.",
            "On Saturday night a car bomb killed eight people in Baghdad's Sadr City.",
            None,
        );
    }

    #[test]
    fn rates_totals_rivals_and_market_moves_never_contradict() {
        check(
            "HP reported quarterly revenue of $27.6 billion.",
            "It would create two companies, each with more than $50 billion in annual revenue.",
            None,
        );
        check(
            "Shares of the company were up 5.1 percent in premarket trading.",
            "Shares of the company rose almost 8 percent in premarket trading.",
            None,
        );
        // Two per-share figures in their sentence: which one answers ours is uncertain.
        check(
            "HP expects adjusted earnings of $4.50 per share this year.",
            "HP expects adjusted earnings of $3.70 per share this year and $4.03 per share next year.",
            None,
        );
        // An estimate inside a guidance range agrees with it.
        check(
            "HP expects adjusted earnings of $3.73 per share this year.",
            "HP expects adjusted earnings between $3.70 and $3.74 per share this year.",
            Some(Relation::Supports),
        );
    }

    #[test]
    fn counts_of_groups_doing_different_things_do_not_contradict() {
        check(
            "Three Afghan soldiers who went missing after a military exercise were found.",
            "About a dozen Afghan soldiers still taking part in the military exercise were found.",
            None,
        );
    }
}
