//! Warning against a consensus, not against one article's word. The passages bearing on a claim
//! are read source by source: a source that states the claim's value anywhere backs it; the
//! others that state another value contradict it, and are grouped by the value they give. A
//! warning needs at least two contradicting sources that agree with each other and no source
//! that backs the claim. One other source alone, sources that disagree among themselves, or a
//! minority that backs the claim make information; a claim the majority backs gets nothing:
//! the finding goes to the article that departs from the others.

use super::finding::Passage;
use super::reconcile::Relation;
use std::collections::BTreeMap;

/// Contradicting sources that agree with each other, needed for a warning.
pub const CONSENSUS: usize = 2;

/// How the sources stand on one claim.
#[derive(Debug)]
pub struct Standing<'p> {
    /// One passage per source that backs the claim.
    pub backing: Vec<&'p Passage>,
    /// The contradicting sources grouped by the value they give, the largest group first; one
    /// passage per source.
    pub groups: Vec<Vec<&'p Passage>>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: no source contradicts, or most sources back the claim.
    Silent,
    /// The contradicting sources agree and none backs the claim.
    Warning,
    /// Only one other source states it, and differently.
    SingleSource,
    /// The contradicting sources give different values among themselves.
    Spread,
    /// Some sources back the claim, more contradict it.
    Minority,
}

impl<'p> Standing<'p> {
    pub fn of(evidence: &'p [Passage]) -> Standing<'p> {
        let mut by_source: BTreeMap<&str, (Option<&'p Passage>, Option<&'p Passage>)> = BTreeMap::new();
        for passage in evidence {
            let entry = by_source.entry(passage.doc.as_str()).or_default();
            match passage.relation {
                Relation::Supports => {
                    entry.0.get_or_insert(passage);
                }
                Relation::Contradicts => {
                    entry.1.get_or_insert(passage);
                }
                Relation::Updates | Relation::Related => {}
            }
        }
        let backing: Vec<&Passage> = by_source.values().filter_map(|(support, _)| *support).collect();
        let contradicting: Vec<&Passage> =
            by_source.values().filter(|(support, _)| support.is_none()).filter_map(|(_, against)| *against).collect();
        Standing { backing, groups: group_by_value(contradicting) }
    }

    pub fn contradicting(&self) -> impl Iterator<Item = &'p Passage> + '_ {
        self.groups.iter().flatten().copied()
    }

    pub fn contradicting_sources(&self) -> usize {
        self.groups.iter().map(Vec::len).sum()
    }

    pub fn outcome(&self) -> Outcome {
        let against = self.contradicting_sources();
        if against == 0 {
            return Outcome::Silent;
        }
        if !self.backing.is_empty() {
            return if against > self.backing.len() { Outcome::Minority } else { Outcome::Silent };
        }
        match self.groups.as_slice() {
            [one] if one.len() >= CONSENSUS => Outcome::Warning,
            [_] => Outcome::SingleSource,
            _ => Outcome::Spread,
        }
    }
}

/// Sources grouped by agreeing values (single link), the largest group first, then the earliest.
fn group_by_value(passages: Vec<&Passage>) -> Vec<Vec<&Passage>> {
    let mut groups: Vec<Vec<&Passage>> = Vec::new();
    for passage in passages {
        let joins: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, group)| group.iter().any(|other| same_value(passage, other)))
            .map(|(i, _)| i)
            .collect();
        match joins.split_first() {
            None => groups.push(vec![passage]),
            Some((&first, rest)) => {
                for &i in rest.iter().rev() {
                    let merged = groups.remove(i);
                    groups[first].extend(merged);
                }
                groups[first].push(passage);
            }
        }
    }
    groups.sort_by_key(|group| std::cmp::Reverse(group.len()));
    groups
}

fn same_value(a: &Passage, b: &Passage) -> bool {
    match (&a.value, &b.value) {
        (Some(x), Some(y)) => x.agrees_with(y),
        _ => normalise(&a.matched) == normalise(&b.matched),
    }
}

fn normalise(text: &str) -> String {
    text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A value's place in time: where the sources give their own dates, the spread is told in order.
pub fn in_date_order<'p>(passages: &[&'p Passage]) -> Vec<&'p Passage> {
    let mut ordered = passages.to_vec();
    let key = |p: &Passage| p.published.map(|d| (d.year, d.month, d.day));
    ordered.sort_by_key(|p| key(p));
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::finding::SlotValue;
    use crate::engine::text::Span;

    fn passage(doc: &str, relation: Relation, low: f64, high: f64) -> Passage {
        Passage {
            doc: doc.into(),
            name: doc.into(),
            line: 1,
            span: Span::new(0, 1),
            matched: format!("{low}"),
            sentence: Span::new(0, 1),
            sentence_text: String::new(),
            relation,
            party: None,
            position: None,
            value: Some(SlotValue::Interval(low, high)),
            published: None,
        }
    }

    fn outcome(evidence: &[Passage]) -> Outcome {
        Standing::of(evidence).outcome()
    }

    #[test]
    fn two_agreeing_sources_against_none_make_a_warning() {
        use Relation::*;
        let agreeing = [passage("a", Contradicts, 19.0, 20.0), passage("b", Contradicts, 19.5, 21.0)];
        assert_eq!(outcome(&agreeing), Outcome::Warning);
        assert_eq!(outcome(&agreeing[..1]), Outcome::SingleSource);
        let split = [passage("a", Contradicts, 19.0, 20.0), passage("b", Contradicts, 40.0, 41.0)];
        assert_eq!(outcome(&split), Outcome::Spread);
    }

    #[test]
    fn a_source_that_backs_the_claim_anywhere_counts_as_backing() {
        use Relation::*;
        let evidence = [
            passage("a", Contradicts, 19.0, 20.0),
            passage("a", Supports, 30.0, 31.0),
            passage("b", Contradicts, 19.0, 20.0),
        ];
        assert_eq!(outcome(&evidence), Outcome::Silent, "one backs, one contradicts: no consensus against");
        let outnumbered = [
            passage("a", Supports, 30.0, 31.0),
            passage("b", Contradicts, 19.0, 20.0),
            passage("c", Contradicts, 19.0, 20.0),
        ];
        assert_eq!(outcome(&outnumbered), Outcome::Minority);
    }
}
