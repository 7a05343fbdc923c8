//! Regular expressions with Unicode word boundaries, run as fast on most text as ASCII ones.
//!
//! The regex crate's fast engine (the lazy DFA) gives up on a Unicode `\b` as soon as it meets a
//! byte outside ASCII, so a pattern with `\b` searched over a sentence with a curly quote or a
//! dash falls back to a backtracking engine. Unicode and ASCII word boundaries differ only
//! beside a word character outside ASCII (`é`, `ß`, a combining accent): a byte outside ASCII is
//! never a word character to the ASCII `\b`, nor is a quote or a dash to the Unicode one. So a
//! `Pattern` keeps a second copy of its expression with every `\b` made ASCII (`(?-u:\b)`), and
//! `on` hands that copy out for a text with no word character outside ASCII: both copies find
//! the same matches with the same groups there, the rest of the expression being the same.
//! The copy also reads `\w`, `\W`, `\d`, `\D` and the letters `\p{L}`, `\p{Lu}`, `\p{Ll}` (and
//! their `\P` complements) as ASCII classes: on such a text every word character, every digit
//! and every letter among them, is ASCII, so they match the same characters there (`\p{N}` is
//! kept: `½` is a number and no word character);
//! and an ASCII class is a handful of automaton states where a Unicode one is hundreds, repeated
//! for every `{0,12}` copy of it. The Unicode expression is compiled only when a text needs it,
//! so that a process that meets only ASCII words (an editor on one article, the claims cache
//! holding the rest) never holds its automata and their per-thread caches.
//! A haystack over `LOOKED_THROUGH` bytes is not looked through: the searches of what follows
//! each figure of a document written as one long sentence would each read it to its end.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

/// The longest haystack `Pattern::on` looks through for its copy; a sentence is far shorter.
const LOOKED_THROUGH: usize = 4096;

pub struct Pattern {
    /// The expression as written, compiled when first needed.
    unicode: OnceLock<Regex>,
    /// How to build it (`size_limit`).
    settings: fn(&mut RegexBuilder) -> &mut RegexBuilder,
    pattern: Box<str>,
    /// The expression with ASCII word boundaries and classes; none when it has neither.
    ascii: Option<Regex>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        Pattern::build(pattern, |builder| builder)
    }

    /// The pattern built with the builder's settings (`size_limit`). An expression with an ASCII
    /// copy is checked by building that copy; the one as written is built when first needed.
    pub fn build(pattern: &str, settings: fn(&mut RegexBuilder) -> &mut RegexBuilder) -> Result<Pattern, regex::Error> {
        let unicode = OnceLock::new();
        let ascii = match ascii_classes(pattern) {
            Some(ascii) => Some(settings(&mut RegexBuilder::new(&ascii)).build()?),
            None => {
                let _ = unicode.set(settings(&mut RegexBuilder::new(pattern)).build()?);
                None
            }
        };
        Ok(Pattern { unicode, settings, pattern: pattern.into(), ascii })
    }

    /// The expression to search `haystack` with: the ASCII copy where it finds what the Unicode
    /// one finds. It holds for that haystack and any part of it, not for a longer text.
    pub fn on(&self, haystack: &str) -> &Regex {
        match &self.ascii {
            Some(ascii) if haystack.len() <= LOOKED_THROUGH && !has_word_char_beyond_ascii(haystack) => ascii,
            _ => self.unicode(),
        }
    }

    /// The expression as written. Its ASCII copy was built with the same settings, and a Unicode
    /// class is no syntax error where an ASCII one is none; should it still fail (a size limit),
    /// the ASCII copy is searched rather than the process stopped.
    fn unicode(&self) -> &Regex {
        self.unicode.get_or_init(|| match (self.settings)(&mut RegexBuilder::new(&self.pattern)).build() {
            Ok(regex) => regex,
            Err(error) => {
                tracing::warn!("a pattern could not be built, its ASCII copy is used: {error}");
                match &self.ascii {
                    Some(ascii) => ascii.clone(),
                    None => unreachable!("a pattern without an ASCII copy is built at once"),
                }
            }
        })
    }
}

/// `pattern` with every `\b` as `(?-u:\b)` and every `\w`, `\W`, `\d`, `\D`, `\p{L}`, `\p{Lu}`,
/// `\p{Ll}`, `\pL` and their `\P` forms as the ASCII class (a bracketed class, which reads the
/// same inside another class), or none when it has none of them. Any other escape (`\\`, `\B`,
/// `\s`, `\p{N}`) is kept as it is.
fn ascii_classes(pattern: &str) -> Option<String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut changed = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(class @ ('b' | 'w' | 'W' | 'd' | 'D')) => {
                out.push_str(match class {
                    'b' => r"(?-u:\b)",
                    'w' => "[[:word:]]",
                    'W' => "[^[:word:]]",
                    'd' => "[[:digit:]]",
                    _ => "[^[:digit:]]",
                });
                changed = true;
            }
            Some(sign @ ('p' | 'P')) => {
                let rest = chars.as_str();
                let letters = [("{Lu}", "A-Z"), ("{Ll}", "a-z"), ("{L}", "A-Za-z"), ("L", "A-Za-z")]
                    .into_iter()
                    .find(|(name, _)| rest.starts_with(name));
                match letters {
                    Some((name, class)) => {
                        out.push_str(if sign == 'p' { "[" } else { "[^" });
                        out.push_str(class);
                        out.push(']');
                        chars = rest[name.len()..].chars();
                        changed = true;
                    }
                    None => {
                        out.push('\\');
                        out.push(sign);
                    }
                }
            }
            Some(escaped) => {
                out.push('\\');
                out.push(escaped);
            }
            None => out.push('\\'),
        }
    }
    changed.then_some(out)
}

/// Whether `text` holds a word character (`\w`, Unicode) outside ASCII.
fn has_word_char_beyond_ascii(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"[\w&&[^\x00-\x7F]]").expect("valid word class"));
    word.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_made_ascii_and_nothing_else() {
        assert_eq!(ascii_classes(r"\bone\b|\\b\B\p{N}").as_deref(), Some(r"(?-u:\b)one(?-u:\b)|\\b\B\p{N}"));
        assert_eq!(ascii_classes(r"\s+\\w\S\p{N}\P{Lt}"), None);
        assert_eq!(ascii_classes(r"\p{Lu}\pLu[\p{Ll}-]\P{L}").as_deref(), Some(r"[A-Z][A-Za-z]u[[a-z]-][^A-Za-z]"));
        assert_eq!(
            ascii_classes(r"[\w'-]\W\d[^\D]").as_deref(),
            Some(r"[[[:word:]]'-][^[:word:]][[:digit:]][^[^[:digit:]]]")
        );
    }

    #[test]
    fn word_characters_beyond_ascii_are_told() {
        for text in ["é", "naïve", "x\u{301}", "Straße", "٣", "\u{200d}", "a‿b"] {
            assert!(has_word_char_beyond_ascii(text), "{text:?}");
        }
        for text in ["", "plain", "it’s “so” — … \u{a0}€£", "½"] {
            assert!(!has_word_char_beyond_ascii(text), "{text:?}");
        }
    }

    #[test]
    fn both_copies_find_the_same_on_the_texts_given_the_ascii_one() {
        let patterns = [
            r"(?i)\b(?P<w>an?|s\w*)\b",
            r"(?P<w>[^\W\d]+\D?[\w’-]{2})",
            r"(?i)(?P<w>\d+[\W_]+)",
            r"(?P<w>\p{Lu}\p{L}*\p{Ll}[\P{L}]\pL)",
            r"(?i)(?P<w>\p{Lu}\P{Ll}\p{N})",
        ];
        let texts = [
            "a ſign",
            "’a’ an",
            "An s",
            "—a—",
            "isn’t a",
            "a\u{a0}b",
            "éa a",
            "Kelvin k",
            "12 ½ 3\u{a0}4’s",
            "٣ 3",
            "Smith’s A½ Ab-c D",
            "Zoë Ab’c",
            "AB½ Ab ½",
        ];
        for pattern in patterns {
            let pattern = Pattern::new(pattern).expect("valid");
            for text in texts {
                let all = |r: &Regex| -> Vec<(usize, usize)> {
                    r.captures_iter(text).filter_map(|c| c.name("w")).map(|m| (m.start(), m.end())).collect()
                };
                assert_eq!(all(pattern.on(text)), all(pattern.unicode()), "{text:?}");
            }
        }
    }
}
