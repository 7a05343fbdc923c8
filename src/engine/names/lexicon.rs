//! The words around names, from `data/name-words.tsv`: titles before a name, particles inside
//! one, words that make the next name a place, and capitalised words of ordinary English.

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../../data/name-words.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// "President", "Dr": a name phrase starts after them.
    Title,
    /// "of", "van", "al": lowercase words that join a name phrase.
    Particle,
    /// "in", "outside": the name after them is a place.
    Locative,
    /// "town", "siege": "the town of X" is a place.
    PlaceNoun,
    /// "Christmas", "Muslims": capitalised, yet no one referent's name.
    Common,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::Particle => "particle",
            Kind::Locative => "locative",
            Kind::PlaceNoun => "place-noun",
            Kind::Common => "common",
        }
    }
}

fn table() -> &'static [(Kind, HashSet<&'static str>)] {
    static TABLE_BY_KIND: OnceLock<Vec<(Kind, HashSet<&'static str>)>> = OnceLock::new();
    TABLE_BY_KIND.get_or_init(|| {
        [Kind::Title, Kind::Particle, Kind::Locative, Kind::PlaceNoun, Kind::Common]
            .into_iter()
            .map(|kind| {
                let words = TABLE
                    .lines()
                    .filter_map(|line| line.split_once('\t'))
                    .filter(|(label, _)| *label == kind.label())
                    .flat_map(|(_, words)| words.split('|'))
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect();
                (kind, words)
            })
            .collect()
    })
}

/// Whether `word` (any case, a trailing "." ignored) is of `kind`.
pub fn is(kind: Kind, word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    let listed = |word: &str| table().iter().any(|(k, words)| *k == kind && words.contains(word));
    if word.chars().any(char::is_uppercase) {
        crate::engine::text::with_to_lowercase(word, listed)
    } else {
        listed(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_by_kind() {
        assert!(is(Kind::Title, "President"));
        assert!(is(Kind::Title, "Dr."));
        assert!(is(Kind::Particle, "of"));
        assert!(is(Kind::Locative, "outside"));
        assert!(is(Kind::PlaceNoun, "town"));
        assert!(is(Kind::Common, "Christmas"));
        assert!(!is(Kind::Title, "Tampa"));
        assert!(!is(Kind::Common, "of"));
    }
}
