//! General concepts of the news register from `data/concepts.tsv`: words and two-word phrases
//! that name the same thing ("layoffs" and "job cuts", "the plane" and "the jet"), folded to one
//! concept so that paraphrases align. Words are matched by their stems.

use super::text::remembered::{remembered, Answers};
use super::text::{stem, with_stem};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/concepts.tsv");

struct Concepts {
    words: HashMap<String, &'static str>,
    /// "stem stem" → concept.
    phrases: HashMap<String, &'static str>,
    /// The first stems of the phrases.
    openers: rustc_hash::FxHashSet<String>,
}

fn concepts() -> &'static Concepts {
    static CONCEPTS: OnceLock<Concepts> = OnceLock::new();
    CONCEPTS.get_or_init(|| {
        let mut words = HashMap::default();
        let mut phrases = HashMap::default();
        let mut openers = rustc_hash::FxHashSet::default();
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let Some((concept, members)) = line.split_once('\t') else { continue };
            let concept: &'static str = concept.trim();
            for member in members.split('|').map(str::trim).filter(|m| !m.is_empty()) {
                let stems: Vec<String> = member.split_whitespace().map(stem).collect();
                match stems.as_slice() {
                    [one] => {
                        words.insert(one.clone(), concept);
                        words.insert(member.to_lowercase(), concept);
                    }
                    [first, second] => {
                        phrases.insert(format!("{first} {second}"), concept);
                        openers.insert(first.clone());
                    }
                    _ => {}
                }
            }
        }
        Concepts { words, phrases, openers }
    })
}

/// The concept a stemmed word belongs to, if any.
pub fn of_stem(stemmed: &str) -> Option<&'static str> {
    let words = &concepts().words;
    // "raised" stems to "rais", its base form "raise" stays whole: the silent "e" restored.
    words.get(stemmed).or_else(|| words.get(&format!("{stemmed}e"))).copied()
}

/// The concept two consecutive words name together ("job cuts", "called off"), if any.
pub fn of_phrase(first: &str, second: &str) -> Option<&'static str> {
    // Most words open no phrase: the second word need not be stemmed.
    if !opens_phrase(first) {
        return None;
    }
    concepts().phrases.get(&format!("{} {}", stem(first), stem(second))).copied()
}

/// Whether `word` stems to the first word of a phrase. Every sentence asks it of each of its
/// words: each thread remembers the answers for a bounded vocabulary.
fn opens_phrase(word: &str) -> bool {
    thread_local! {
        static OPENS: Answers<bool> = Answers::default();
    }
    remembered(&OPENS, word, |word| with_stem(word, |stem| concepts().openers.contains(stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_ending_in_e_fold_in_every_form() {
        assert_eq!(of_stem(&stem("raised")), of_stem(&stem("raise")));
        assert_eq!(of_stem(&stem("raised")), of_stem(&stem("boosted")));
        assert_eq!(of_stem(&stem("reduced")), of_stem(&stem("trimmed")));
    }

    #[test]
    fn words_and_phrases_fold_to_their_concept() {
        assert_eq!(of_stem(&stem("layoffs")), Some("layoff"));
        assert_eq!(of_phrase("job", "cuts"), Some("layoff"));
        assert_eq!(of_phrase("called", "off"), Some("suspend"));
        assert_eq!(of_stem(&stem("occupies")), Some("control"));
        assert_eq!(of_stem(&stem("jets")), Some("aircraft"));
        assert_eq!(of_stem("garage"), None);
    }
}
