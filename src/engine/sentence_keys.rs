//! A document's distinct alignment keys, sentence by sentence and for the whole document: what it
//! enters into the corpus's map of sentences by key and its document frequencies. Kept for a
//! document being edited, so that its next version enters only the keys of the sentences an edit
//! changed.

use super::align::Key;
use super::extract::SentenceFeatures;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SentenceKeys {
    /// Each sentence's keys, sorted and distinct, one stretch of the list after another.
    keys: Vec<Key>,
    /// Where each sentence's stretch of `keys` ends.
    ends: Vec<u32>,
    /// The document's keys, sorted and distinct, once asked for.
    document: std::sync::OnceLock<Vec<Key>>,
}

/// Whether a key entered a sentence (or the document) or left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Entered,
    Left,
}

impl SentenceKeys {
    pub fn of(features: &SentenceFeatures) -> SentenceKeys {
        let mut keys = Vec::with_capacity(features.flat().len());
        let mut ends = Vec::with_capacity(features.len());
        // Each sentence's keys sorted and made distinct in one buffer, then copied on.
        let mut sentence: Vec<Key> = Vec::new();
        for features in features.iter() {
            sentence.clear();
            sentence.extend(features.iter().map(|f| f.key));
            sentence.sort_unstable();
            sentence.dedup();
            keys.extend_from_slice(&sentence);
            ends.push(u32::try_from(keys.len()).unwrap_or(u32::MAX));
        }
        SentenceKeys { keys, ends, document: std::sync::OnceLock::new() }
    }

    /// Each sentence's keys, in the order of the sentences.
    pub fn sentences(&self) -> impl Iterator<Item = &[Key]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().map(|&end| end as usize));
        starts.zip(&self.ends).map(|(start, &end)| self.keys.get(start..end as usize).unwrap_or_default())
    }

    fn sentence(&self, index: usize) -> &[Key] {
        let Some(&end) = self.ends.get(index) else { return &[] };
        let start = index.checked_sub(1).and_then(|previous| self.ends.get(previous)).map_or(0, |&e| e as usize);
        self.keys.get(start..end as usize).unwrap_or_default()
    }

    /// The document's keys, sorted and distinct (`SourceDoc::keys`).
    pub fn document(&self) -> &[Key] {
        self.document.get_or_init(|| {
            let mut all = self.keys.clone();
            all.sort_unstable();
            all.dedup();
            all
        })
    }

    /// What turns these keys into `after`'s, sentence by sentence: each key that enters or
    /// leaves a sentence, with the sentence's index.
    pub fn changes_to<'a>(&'a self, after: &'a SentenceKeys) -> impl Iterator<Item = (usize, Key, Change)> + 'a {
        (0..self.ends.len().max(after.ends.len()))
            .filter(|&index| self.sentence(index) != after.sentence(index))
            .flat_map(|index| differences(self.sentence(index), after.sentence(index)).map(move |(k, c)| (index, k, c)))
    }

    /// The keys that enter or leave the document between these keys and `after`'s.
    pub fn document_changes_to<'a>(&'a self, after: &'a SentenceKeys) -> impl Iterator<Item = (Key, Change)> + 'a {
        differences(self.document(), after.document())
    }
}

/// The keys of `after` that `before` lacks (entered) and those of `before` that `after` lacks
/// (left), both lists sorted and distinct.
fn differences<'a>(before: &'a [Key], after: &'a [Key]) -> impl Iterator<Item = (Key, Change)> + 'a {
    let (mut old, mut new) = (before.iter().peekable(), after.iter().peekable());
    std::iter::from_fn(move || loop {
        match (old.peek(), new.peek()) {
            (Some(a), Some(b)) if a == b => {
                old.next();
                new.next();
            }
            (Some(a), Some(b)) if a < b => return old.next().map(|&key| (key, Change::Left)),
            (Some(_), Some(_)) | (None, Some(_)) => return new.next().map(|&key| (key, Change::Entered)),
            (Some(_), None) => return old.next().map(|&key| (key, Change::Left)),
            (None, None) => return None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_differences_of_two_sorted_lists_turn_one_into_the_other() {
        let mut rolls = crate::engine::rolls::Rolls::new(0x51_7cc1_b727_220au64);
        let mut roll = |n: u64| rolls.below(n as usize) as u64;
        for _ in 0..500 {
            let mut list = |length: u64| -> Vec<Key> {
                let set: BTreeSet<u32> = (0..roll(length)).map(|_| roll(20) as u32).collect();
                set.into_iter().map(|raw| Key(u64::from(raw))).collect()
            };
            let (before, after) = (list(12), list(12));
            let mut turned: BTreeSet<Key> = before.iter().copied().collect();
            for (key, change) in differences(&before, &after) {
                let changed = match change {
                    Change::Entered => turned.insert(key),
                    Change::Left => turned.remove(&key),
                };
                assert!(changed, "{key:?} {change:?} from {before:?} to {after:?}");
            }
            assert_eq!(turned.into_iter().collect::<Vec<_>>(), after);
        }
    }
}
