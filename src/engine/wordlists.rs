//! Word lists of the news register that the extraction and the slot comparison read
//! (`data/slot-words.tsv`): a kind, then its words or phrases.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/slot-words.tsv");

fn lists() -> &'static HashMap<&'static str, HashSet<&'static str>> {
    static LISTS: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut lists: HashMap<&'static str, HashSet<&'static str>> = HashMap::default();
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let Some((kind, words)) = line.split_once('\t') else { continue };
            lists.entry(kind.trim()).or_default().extend(words.split('|').map(str::trim).filter(|w| !w.is_empty()));
        }
        lists
    })
}

/// Whether `word` (lowercase) is listed under `kind`.
pub fn contains(kind: &str, word: &str) -> bool {
    lists().get(kind).is_some_and(|words| words.contains(word))
}

/// Whether the phrase `first second` (lowercase words) is listed under `kind`: no phrase is
/// written out unless one listed opens with `first`.
pub fn contains_pair(kind: &str, first: &str, second: &str) -> bool {
    static OPENERS: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    let openers = OPENERS.get_or_init(|| {
        let mut openers: HashMap<&'static str, HashSet<&'static str>> = HashMap::default();
        for (kind, words) in lists() {
            openers.entry(kind).or_default().extend(words.iter().filter_map(|w| w.split_once(' ').map(|(a, _)| a)));
        }
        openers
    });
    openers.get(kind).is_some_and(|opening| opening.contains(first)) && contains(kind, &format!("{first} {second}"))
}

/// The first kind starting with `prefix` that lists `word`, without the prefix.
pub fn kind_of(prefix: &str, word: &str) -> Option<&'static str> {
    let mut kinds: Vec<(&&'static str, &HashSet<&'static str>)> =
        lists().iter().filter(|(kind, words)| kind.starts_with(prefix) && words.contains(word)).collect();
    kinds.sort_by_key(|(kind, _)| **kind);
    kinds.first().map(|(kind, _)| &kind[prefix.len()..])
}

/// The words or phrases listed under `kind`.
pub fn words(kind: &str) -> impl Iterator<Item = &'static str> {
    lists().get(kind).into_iter().flatten().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_hold_their_words() {
        assert!(contains("qualifier", "next") && contains("qualifier", "first"));
        assert!(!contains("qualifier", "search"));
        assert!(words("qualifier").count() > 10);
        assert_eq!(kind_of("head-", "branch"), Some("public-body"));
        assert_eq!(kind_of("head-", "garage"), None);
    }
}
