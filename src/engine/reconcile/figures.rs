//! Figures are compared only when they measure the same thing: the same dimension (and counted
//! noun), the same whole for shares, compatible entities and a shared content word around the value.
//! Two aligned figures agree when their intervals meet.

use super::{Comparison, Relation};
use crate::engine::claim::{Claim, Dimension, Figure};

/// Minimum Dice similarity of the two subjects' features.
const MIN_SIMILARITY: f64 = 0.3;

pub fn aligned(ours: &Claim, a: &Figure, theirs: &Claim, b: &Figure) -> bool {
    let shared_dimension = a.measures.iter().any(|m| b.measures.iter().any(|n| n.dimension == m.dimension));
    if !shared_dimension {
        return false;
    }
    for m in &a.measures {
        for n in b.measures.iter().filter(|n| n.dimension == m.dimension && n.dimension == Dimension::Share) {
            if let (Some(wa), Some(wb)) = (&m.whole, &n.whole) {
                let same_whole = wa.entities.intersection(&wb.entities).next().is_some()
                    || wa.stems.intersection(&wb.stems).next().is_some();
                if !same_whole {
                    return false;
                }
            }
        }
    }
    let (s, t) = (&ours.subject, &theirs.subject);
    if !s.entities.is_empty() && !t.entities.is_empty() && s.entities.is_disjoint(&t.entities) {
        return false;
    }
    let shared_stems = s.stems.intersection(&t.stems).count();
    let shared_entities = s.entities.intersection(&t.entities).count();
    if shared_stems == 0 || shared_stems + shared_entities < 2 {
        return false;
    }
    let total = s.stems.len() + s.entities.len() + t.stems.len() + t.entities.len();
    let dice = 2.0 * (shared_stems + shared_entities) as f64 / total.max(1) as f64;
    dice >= MIN_SIMILARITY
}

pub fn compare(a: &Figure, b: &Figure) -> Vec<Comparison> {
    let mut comparisons = Vec::new();
    for (i, m) in a.measures.iter().enumerate() {
        if let Some((j, n)) = b.measures.iter().enumerate().find(|(_, n)| n.dimension == m.dimension) {
            let relation = if m.meets(n) { Relation::Supports } else { Relation::Contradicts };
            comparisons.push(Comparison { ours: i, theirs: j, relation });
        }
    }
    comparisons
}
