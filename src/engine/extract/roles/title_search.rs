//! Where title and relation words stand in a text: the matches of one case-insensitive pattern
//! of every alias (`\b(?:longest alias|…)\b`), found as that pattern finds them, leftmost first,
//! but tried only where a word begins with two letters some alias begins with. The pattern's
//! Unicode word boundaries keep the regex crate's fast engine from running over text with curly
//! quotes, so running it over every sentence cost a sixth of all extraction; tried at a few
//! places, anchored, it costs little. A unit test holds both ways of searching together.

use crate::engine::text::char_class::WORD;
use crate::engine::text::{Pattern, Span};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

pub(super) struct TitleSearch {
    /// The whole pattern, for the texts no shortcut is sure of, built when first needed: with
    /// aliases that all begin words it never is, and its automata are a megabyte.
    whole: OnceLock<Pattern>,
    /// The alternatives of both patterns, longest first.
    alternatives: Box<str>,
    /// The same alternatives, anchored at the start of the text searched.
    anchored: Pattern,
    /// The first two characters of every alias, folded (`fold`); an alias of one character
    /// stands as its character twice.
    openings: FxHashSet<(char, char)>,
    /// Every alias begins with two ASCII characters, the first a letter or digit: a match
    /// begins where a word does, with two characters the openings tell.
    begins_words: bool,
}

/// ASCII letters in lowercase, any space as a space: how the pattern reads them.
fn fold(c: char) -> char {
    if c.is_whitespace() {
        ' '
    } else {
        c.to_ascii_lowercase()
    }
}

fn build_title_pattern(pattern: &str) -> Pattern {
    Pattern::build(pattern, |b| b.size_limit(1 << 24)).expect("valid title pattern")
}

impl TitleSearch {
    /// The search for `aliases`, tried longest first.
    pub(super) fn new(aliases: &[&str]) -> TitleSearch {
        let mut aliases = aliases.to_vec();
        aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let alternatives: Vec<String> = aliases
            .iter()
            .map(|alias| {
                let escaped = regex::escape(alias).replace(' ', r"\s+");
                if alias.ends_with(|c: char| c.is_alphanumeric()) {
                    format!(r"{escaped}\b")
                } else {
                    escaped
                }
            })
            .collect();
        let alternatives = alternatives.join("|");
        let mut openings = FxHashSet::default();
        let mut begins_words = true;
        for alias in &aliases {
            let mut chars = alias.chars();
            let Some(first) = chars.next() else { continue };
            let second = chars.next();
            begins_words &= first.is_ascii_alphanumeric() && second.is_none_or(|c| c.is_ascii());
            openings.insert((fold(first), second.map_or(fold(first), fold)));
        }
        TitleSearch {
            whole: OnceLock::new(),
            anchored: build_title_pattern(&format!(r"(?i)^(?:{alternatives})")),
            alternatives: alternatives.into(),
            openings,
            begins_words,
        }
    }

    fn whole(&self) -> &Pattern {
        self.whole.get_or_init(|| build_title_pattern(&format!(r"(?i)\b(?:{})", self.alternatives)))
    }

    /// The matches of the pattern in `text`, leftmost first, as `Regex::find_iter` gives them.
    pub(super) fn find_iter(&self, text: &str) -> Vec<Span> {
        if !self.begins_words {
            return self.whole().on(text).find_iter(text).map(|m| Span::new(m.start(), m.end())).collect();
        }
        // The copy of the pattern picked for `text` holds for every part of it.
        let anchored = self.anchored.on(text);
        let mut found = Vec::new();
        let mut from = 0;
        let mut before: Option<char> = None;
        for (at, c) in text.char_indices() {
            let after_word = before.is_some_and(|c| WORD.holds(c));
            before = Some(c);
            if at < from || after_word || !WORD.holds(c) {
                continue;
            }
            // Aliases open with ASCII: a word that opens with anything else only matches through
            // case folding ("K" the kelvin sign for "k"), which the pattern itself is asked about.
            let next = text[at + c.len_utf8()..].chars().next();
            let sure_not = c.is_ascii()
                && next.is_none_or(|n| n.is_ascii())
                && !self.openings.contains(&(fold(c), next.map_or(fold(c), fold)))
                && !self.openings.contains(&(fold(c), fold(c)));
            if sure_not {
                continue;
            }
            if let Some(m) = anchored.find(&text[at..]) {
                found.push(Span::new(at + m.start(), at + m.end()));
                from = at + m.end().max(1);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::titles::{self, Class};

    #[test]
    fn an_alias_of_one_letter_is_found_before_any_character() {
        let search = TitleSearch::new(&["x", "vice president", "president"]);
        for text in ["x", "an x.", "X-ray", "xylophone", "the Vice  President and X", "Vice-President x\n"] {
            let expected: Vec<Span> =
                search.whole().on(text).find_iter(text).map(|m| Span::new(m.start(), m.end())).collect();
            assert_eq!(search.find_iter(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_search_finds_what_the_whole_pattern_finds() {
        let aliases = titles::table()
            .aliases(|e| matches!(e.class, Class::Title { .. } | Class::Generic | Class::Relation { .. }));
        let search = TitleSearch::new(&aliases);
        assert!(search.begins_words, "every title alias opens with two ASCII characters");
        let words: Vec<&str> = aliases
            .iter()
            .copied()
            .chain([
                "the", "Obama", "said", "_", "-", "'s", "’", "é", "\u{301}", "\u{a0}", "\n", ",", ".", "K", "ſ", "İ",
                "½", "x",
            ])
            .collect();
        let mut texts: Vec<String> = Vec::new();
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        for entry in std::fs::read_dir(seeds).expect("seeds").flatten() {
            texts.push(std::fs::read_to_string(entry.path()).expect("seed"));
        }
        let mut seed = 0x0123_4567_89ab_cdef_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let word = words[(seed % words.len() as u64) as usize];
                let word = if seed & 0x100 == 0 { word.to_uppercase() } else { word.to_string() };
                text.push_str(&word);
                text.push_str([" ", "", "  ", "-", "\n"][(seed >> 12) as usize % 5]);
            }
            texts.push(text);
        }
        for text in &texts {
            let expected: Vec<Span> =
                search.whole().on(text).find_iter(text).map(|m| Span::new(m.start(), m.end())).collect();
            assert_eq!(search.find_iter(text), expected, "{text:?}");
        }
    }
}
