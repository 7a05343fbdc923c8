//! The words an article's lines give the reading of every sentence (those written in lowercase,
//! those capitalised inside a sentence), each counted by the lines that give it. After an edit,
//! the counts of the version before are updated with the lines that changed instead of gathered
//! again from every line.

use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A set of words, with how many of the lines gathered give each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct WordCounts(FxHashMap<Arc<str>, u32>);

impl WordCounts {
    pub(super) fn contains(&self, word: &str) -> bool {
        self.0.contains_key(word)
    }

    /// Counts the words of one more line (shared, not copied).
    pub(super) fn add(&mut self, words: &[Arc<str>]) {
        for word in words {
            match self.0.get_mut(&**word) {
                Some(count) => *count += 1,
                None => {
                    self.0.insert(Arc::clone(word), 1);
                }
            }
        }
    }

    /// Takes back the words of a line counted before; a word no other line gives leaves the set.
    pub(super) fn remove(&mut self, words: &[Arc<str>]) {
        for word in words {
            if let Some(count) = self.0.get_mut(&**word) {
                *count -= 1;
                if *count == 0 {
                    self.0.remove(&**word);
                }
            }
        }
    }
}

/// How the lines of one version differ from those of the version before, as lines are shared
/// between versions (the same reading, by address): each reading with how many more times the
/// new version holds it (fewer when negative). Readings both hold as often are left out.
pub(super) fn changed_lines<'a, T>(
    before: impl IntoIterator<Item = &'a Arc<T>>,
    after: impl IntoIterator<Item = &'a Arc<T>>,
) -> Vec<(&'a Arc<T>, i64)>
where
    T: 'a,
{
    let mut change: FxHashMap<*const T, (&'a Arc<T>, i64)> = FxHashMap::default();
    for line in before {
        change.entry(Arc::as_ptr(line)).or_insert((line, 0)).1 -= 1;
    }
    for line in after {
        change.entry(Arc::as_ptr(line)).or_insert((line, 0)).1 += 1;
    }
    change.into_values().filter(|(_, times)| *times != 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(lines: &[Arc<Vec<Arc<str>>>]) -> WordCounts {
        let mut counts = WordCounts::default();
        lines.iter().for_each(|line| counts.add(line));
        counts
    }

    #[test]
    fn counts_updated_with_the_changed_lines_are_the_counts_gathered_afresh() {
        let vocabulary: Vec<Arc<str>> =
            ["troops", "said", "city", "talks", "Halvern", "held", "week"].map(Arc::from).into();
        let mut rolls = crate::engine::rolls::Rolls::new(0x2545_f491_4f6c_dd1du64);
        let mut roll = |n: usize| rolls.below(n);
        let mut lines: Vec<Arc<Vec<Arc<str>>>> = Vec::new();
        let mut counts = WordCounts::default();
        for _ in 0..500 {
            let before = lines.clone();
            match roll(4) {
                0 if !lines.is_empty() => {
                    lines.remove(roll(lines.len()));
                }
                1 if !lines.is_empty() => {
                    // A line repeated: the same reading twice.
                    let line = Arc::clone(&lines[roll(lines.len())]);
                    lines.insert(roll(lines.len() + 1), line);
                }
                _ => {
                    let mut words: Vec<Arc<str>> = (0..roll(4)).map(|_| Arc::clone(&vocabulary[roll(7)])).collect();
                    words.sort();
                    words.dedup();
                    let at = roll(lines.len() + 1);
                    if roll(2) == 0 && at < lines.len() {
                        lines[at] = Arc::new(words);
                    } else {
                        lines.insert(at, Arc::new(words));
                    }
                }
            }
            for (line, times) in changed_lines(&before, &lines) {
                for _ in 0..times.unsigned_abs() {
                    if times > 0 {
                        counts.add(line);
                    } else {
                        counts.remove(line);
                    }
                }
            }
            assert_eq!(counts, counted(&lines));
        }
    }
}
