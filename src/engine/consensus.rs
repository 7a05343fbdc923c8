//! Warning against a consensus, not against one article's word. The passages bearing on a claim
//! are read source by source: a source that states the claim's value anywhere backs it; the
//! others that state another value contradict it, and are grouped by the value they give. A
//! warning needs at least two contradicting sources that agree with each other and no source
//! that backs the claim. One other source alone, sources that disagree among themselves, or a
//! minority that backs the claim make information; a claim the majority backs gets nothing:
//! the finding goes to the article that departs from the others.

use super::finding::Passage;
use super::reconcile::Relation;

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
        // An analysis lists a claim's evidence by source, each source's passages together: read
        // as they come. Anything else is put in that order first (stable: within a source, the
        // first passage of each relation stays the first).
        if evidence.is_sorted_by(|a, b| a.doc <= b.doc) {
            return Standing::of_sorted(evidence.iter());
        }
        let mut sorted: Vec<&'p Passage> = evidence.iter().collect();
        sorted.sort_by(|a, b| a.doc.cmp(&b.doc));
        Standing::of_sorted(sorted)
    }

    /// `of` passages in the order of their sources.
    fn of_sorted(evidence: impl IntoIterator<Item = &'p Passage>) -> Standing<'p> {
        // A source's first backing and first contradicting passage.
        type Source<'p> = (&'p str, Option<&'p Passage>, Option<&'p Passage>);
        let (mut backing, mut contradicting) = (Vec::new(), Vec::new());
        let mut close = |source: Source<'p>| match source {
            (_, Some(support), _) => backing.push(support),
            (_, None, Some(against)) => contradicting.push(against),
            (_, None, None) => {}
        };
        let mut current: Option<Source<'p>> = None;
        for passage in evidence {
            if let Some(done) = current.take_if(|(doc, ..)| *doc != passage.doc) {
                close(done);
            }
            let source = current.get_or_insert((passage.doc.as_str(), None, None));
            match passage.relation {
                Relation::Supports => {
                    source.1.get_or_insert(passage);
                }
                Relation::Contradicts => {
                    source.2.get_or_insert(passage);
                }
                Relation::Updates | Relation::Related => {}
            }
        }
        if let Some(done) = current {
            close(done);
        }
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
    fn the_sources_stand_the_same_whatever_the_order_of_their_passages() {
        use Relation::*;
        let passages = [
            passage("a", Contradicts, 19.0, 20.0),
            passage("a", Supports, 5.0, 5.0),
            passage("b", Contradicts, 19.5, 21.0),
            passage("b", Contradicts, 40.0, 41.0),
            passage("c", Related, 1.0, 1.0),
            passage("d", Contradicts, 20.0, 20.0),
            passage("e", Contradicts, 40.5, 40.5),
        ];
        // By a map of sources: the first passage of each relation in each source, sources in order.
        fn by_map(evidence: &[Passage]) -> (Vec<&Passage>, Vec<Vec<&Passage>>) {
            use Relation::*;
            let mut sources: std::collections::BTreeMap<&str, (Option<&Passage>, Option<&Passage>)> =
                std::collections::BTreeMap::new();
            for p in evidence {
                let source = sources.entry(p.doc.as_str()).or_default();
                match p.relation {
                    Supports => drop(source.0.get_or_insert(p)),
                    Contradicts => drop(source.1.get_or_insert(p)),
                    Updates | Related => {}
                }
            }
            let backing: Vec<&Passage> = sources.values().filter_map(|s| s.0).collect();
            let against: Vec<&Passage> = sources.values().filter(|s| s.0.is_none()).filter_map(|s| s.1).collect();
            (backing, group_by_value(against))
        }
        let mut order: Vec<usize> = (0..passages.len()).collect();
        for round in 0..40 {
            // A fixed walk through orders: rotate, and swap a pair that moves with the round.
            order.rotate_left(round % 3 + 1);
            order.swap(round % passages.len(), (round * 5 + 2) % passages.len());
            let evidence: Vec<Passage> = order.iter().map(|&i| passages[i].clone()).collect();
            let standing = Standing::of(&evidence);
            let (backing, groups) = by_map(&evidence);
            assert_eq!((standing.backing, standing.groups), (backing, groups), "order {order:?}");
        }
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
