//! The acronyms an article defines: "the Australian Maritime Safety Authority (Amsa)" makes
//! "Amsa" stand for the name before it, when its letters are that name's initials.
//!
//! The definitions are those of the expression
//! `((?:\p{Lu}[\p{L}'’]*\s+(?:(?:of|for|and|the)\s+)?){2,8})\((\p{Lu}\p{L}{1,7})\)`, found by
//! hand: from each bracketed acronym back over the capitalised words before it. Compiled, that
//! expression's eight copies of Unicode's letter classes were 1.3 MB of automata and caches
//! that every process extracting one article kept (massif).

use crate::engine::text::char_class::{LETTER, UPPERCASE_LETTER};
use crate::engine::text::words;
use rustc_hash::FxHashMap;

/// The most words of a name an acronym is looked for in (the expression's `{2,8}`).
const MOST_WORDS: usize = 8;
/// The most letters of an acronym after its first (the expression's `{1,7}`).
const MOST_LETTERS_AFTER_FIRST: usize = 7;
/// The lowercase words a name may hold between its capitalised ones.
const JOINING_WORDS: [&str; 4] = ["of", "for", "and", "the"];

/// Each acronym defined in `text`, with the name it stands for.
pub(super) fn acronyms(text: &str) -> FxHashMap<String, String> {
    let mut found = FxHashMap::default();
    for (phrase, acronym) in definitions(text) {
        let phrase = phrase.trim();
        let initials: String = words(phrase)
            .iter()
            .filter(|w| w.is_capitalized())
            .filter_map(|w| w.text.chars().next())
            .collect::<String>()
            .to_lowercase();
        if initials.ends_with(&acronym.to_lowercase()) && acronym.len() >= 2 {
            let words = words(phrase);
            let start = words.len().saturating_sub(words.iter().rev().filter(|w| w.is_capitalized()).count());
            let name: Vec<&str> = words[start..].iter().map(|w| w.text).collect();
            found.insert(acronym.to_string(), name.join(" "));
        }
    }
    found
}

/// The phrase (with the space after it) and the acronym of each definition, in the text's order.
fn definitions(text: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(acronym) = bracketed_acronym(&text[open + 1..]) else { continue };
        if let Some(start) = name_start(&text[..open]) {
            found.push((&text[start..open], acronym));
        }
    }
    found
}

/// The acronym `after` opens with, closed by a bracket: a capital and one to seven letters.
fn bracketed_acronym(after: &str) -> Option<&str> {
    let mut chars = after.char_indices();
    let (_, first) = chars.next()?;
    if !UPPERCASE_LETTER.holds(first) {
        return None;
    }
    for (count, (at, c)) in chars.enumerate() {
        if c == ')' {
            return (count >= 1).then(|| &after[..at]);
        }
        if count == MOST_LETTERS_AFTER_FIRST || !LETTER.holds(c) {
            return None;
        }
    }
    None
}

/// Where the name that `before` ends with begins: two to eight capitalised words, each followed
/// by spaces and perhaps a joining word and spaces, the furthest back there are; none with
/// fewer than two.
fn name_start(before: &str) -> Option<usize> {
    let mut end = before.len();
    let mut start = None;
    for count in 1..=MOST_WORDS {
        let Some(word) = word_before(&before[..end]) else { break };
        if count >= 2 {
            start = Some(word.start);
        }
        if !word.may_go_on {
            break;
        }
        end = word.start;
    }
    start
}

/// A capitalised word, with what follows it up to the next word, at the end of a text.
struct WordBefore {
    start: usize,
    /// The word is a whole one after a space: another may stand before it.
    may_go_on: bool,
}

/// The capitalised word that `text` ends with, followed by spaces and, perhaps, a joining word
/// and spaces; the word begins at its first capital that only letters and apostrophes follow.
fn word_before(text: &str) -> Option<WordBefore> {
    let mut end = trailing_space_start(text)?;
    if let Some(joining) = JOINING_WORDS.iter().find(|w| text[..end].ends_with(*w)) {
        let before = &text[..end - joining.len()];
        // A joining word is a whole word: spaces stand before it, and a word before those.
        if before.ends_with(char::is_whitespace) {
            end = trailing_space_start(before)?;
        }
    }
    let mut start = None;
    let mut first_of_run = end;
    for (at, c) in text[..end].char_indices().rev() {
        if !(LETTER.holds(c) || c == '\'' || c == '’') {
            break;
        }
        first_of_run = at;
        if UPPERCASE_LETTER.holds(c) {
            start = Some(at);
        }
    }
    let start = start?;
    let may_go_on = start == first_of_run && text[..start].ends_with(char::is_whitespace);
    Some(WordBefore { start, may_go_on })
}

/// Where the spaces `text` ends with begin; none when it ends with none.
fn trailing_space_start(text: &str) -> Option<usize> {
    let start = text.trim_end_matches(char::is_whitespace).len();
    (start < text.len()).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::OnceLock;

    /// The definitions as the expression finds them.
    fn by_expression(text: &str) -> Vec<(&str, &str)> {
        static EXPRESSION: OnceLock<Regex> = OnceLock::new();
        let expression = EXPRESSION.get_or_init(|| {
            Regex::new(r"((?:\p{Lu}[\p{L}'’]*\s+(?:(?:of|for|and|the)\s+)?){2,8})\((\p{Lu}[\p{L}]{1,7})\)")
                .expect("valid")
        });
        expression.captures_iter(text).filter_map(|caps| Some((caps.get(1)?.as_str(), caps.get(2)?.as_str()))).collect()
    }

    #[test]
    fn a_name_is_read_back_from_its_acronym() {
        let text = "Officials of the Australian Maritime Safety Authority (Amsa) said. The Bank of England (BoE) \
                    and the Department for Work and Pensions (DWP) met the UN (UN).";
        let found = acronyms(text);
        assert_eq!(found.get("Amsa").map(String::as_str), Some("Australian Maritime Safety Authority"));
        assert_eq!(
            found.get("DWP").map(String::as_str),
            Some("Work and Pensions"),
            "as many words as capitals, from the end"
        );
        assert!(!found.contains_key("UN"), "one word is no name");
        assert_eq!(definitions(text), by_expression(text));
    }

    #[test]
    fn the_definitions_are_those_the_expression_finds() {
        let words = [
            "Australian",
            "Maritime",
            "Safety",
            "Authority",
            "of",
            "for",
            "and",
            "the",
            "The",
            "(Amsa)",
            "(AMSA)",
            "(A)",
            "(Abcdefgh)",
            "(Abcdefghi)",
            "(É)",
            "(Éta)",
            "(Xy",
            "Xy)",
            "iPhone",
            "McDonald",
            "O'Brien",
            "Smith’s",
            "État",
            "ǅemal",
            "Ⓐbc",
            "(Ⓐb)",
            "theory",
            "x",
            "-",
            "US-Mexico",
            "'Quoted",
            "(",
            ")",
            "1990",
            "Σ",
            "(ΣΑ)",
            "ſ",
        ];
        let spaces = [" ", "  ", "\n", "\u{a0}", "", "\t "];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut defined = 0;
        for _ in 0..100_000 {
            let mut text = String::new();
            for _ in 0..(next() % 16) {
                text.push_str(words[(next() % words.len() as u64) as usize]);
                text.push_str(spaces[(next() % spaces.len() as u64) as usize]);
            }
            let expected = by_expression(&text);
            defined += expected.len();
            assert_eq!(definitions(&text), expected, "{text:?}");
        }
        assert!(defined > 1_000, "the texts define acronyms: {defined}");
    }
}
