//! Words of a text with their byte spans, a light English stemmer and the stopword list used to
//! describe what a claim is about.

use super::Span;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'t> {
    pub span: Span,
    pub text: &'t str,
}

impl Word<'_> {
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn lower(&self) -> String {
        lowercase(self.text)
    }
}

/// Words of `text` (letters and digits, with inner hyphens and apostrophes), spans relative to `text`.
/// The engine reads a sentence's words many times over; this scanner does what the pattern
/// `[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*` does (a unit test holds them together) at a fraction
/// of a regex's cost. Runs of ASCII bytes are read through a table; only other characters are
/// decoded.
pub fn words(text: &str) -> Vec<Word<'_>> {
    first_words(text, usize::MAX)
}

/// The first `count` words of `text`, as `words` reads them: what looks a few words ahead need
/// not read a long line to its end.
pub fn first_words(text: &str, count: usize) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let class = |at: usize| bytes.get(at).map_or(END, |&b| BYTE_CLASS[usize::from(b)]);
    // About one word in six bytes of prose: the list rarely grows.
    let mut found = Vec::with_capacity((bytes.len() / 6 + 1).min(count));
    let mut at = 0;
    while found.len() < count {
        let start = at;
        at += match class(at) {
            END => break,
            ASCII_WORD => 1,
            ASCII_OTHER => {
                at += 1;
                continue;
            }
            _ => match word_char_len(text, at) {
                0 => {
                    at += char_len(bytes[at]);
                    continue;
                }
                length => length,
            },
        };
        loop {
            at += match class(at) {
                ASCII_WORD => 1,
                NOT_ASCII => match word_char_len(text, at) {
                    0 => match joiner_len(text, at) {
                        0 => break,
                        joiner => joiner,
                    },
                    length => length,
                },
                ASCII_OTHER => match joiner_len(text, at) {
                    0 => break,
                    joiner => joiner,
                },
                _ => break,
            };
        }
        found.push(Word { span: Span::new(start, at), text: &text[start..at] });
    }
    found
}

/// The length of the apostrophe or hyphen at byte `at` when a letter or digit follows it (it then
/// joins the letters on both sides of it), else 0.
fn joiner_len(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let length = match bytes.get(at) {
        Some(b'\'' | b'-') => 1,
        Some(_) if bytes[at..].starts_with("’".as_bytes()) => "’".len(),
        _ => return 0,
    };
    if word_char_len(text, at + length) > 0 {
        length
    } else {
        0
    }
}

const ASCII_OTHER: u8 = 0;
const ASCII_WORD: u8 = 1;
const NOT_ASCII: u8 = 2;
/// Past the text's end.
const END: u8 = 3;

/// What each byte is: an ASCII letter or digit, another ASCII character, or part of a character
/// beyond ASCII (decoded to be told).
const BYTE_CLASS: [u8; 256] = {
    let mut class = [NOT_ASCII; 256];
    let mut byte = 0;
    while byte < 128 {
        class[byte] = if (byte as u8).is_ascii_alphanumeric() { ASCII_WORD } else { ASCII_OTHER };
        byte += 1;
    }
    class
};

/// The length in bytes of the character at byte `at` of `text` (a character boundary) when it is
/// a letter or a digit, else 0 (also past the end).
fn word_char_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => usize::from(byte.is_ascii_alphanumeric()),
        Some(_) => text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .filter(|&c| super::char_class::LETTER_OR_DIGIT.holds(c))
            .map_or(0, char::len_utf8),
        None => 0,
    }
}

/// The length of the UTF-8 character that `lead`, its first byte, opens.
fn char_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// `f` of `text` lowercased as `lowercase` does it, without a new String for an ASCII text (most
/// words): for a caller that only asks about the lowercase form.
pub fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    lowered_with(text, lowercase, f)
}

/// `with_lowercase` for `str::to_lowercase` (curly apostrophes kept as they are).
pub fn with_to_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    lowered_with(text, str::to_lowercase, f)
}

/// `f` of `text` lowercased: an ASCII text in a buffer each thread keeps (where both ways of
/// lowercasing agree), any other by `lower`.
fn lowered_with<R>(text: &str, lower: fn(&str) -> String, f: impl FnOnce(&str) -> R) -> R {
    if !text.is_ascii() {
        return f(&lower(text));
    }
    in_thread_buffer(
        |buffer| {
            buffer.push_str(text);
            buffer.make_ascii_lowercase();
        },
        f,
    )
}

/// `f` of what `fill` writes into a buffer the thread keeps (emptied first): a word worked out for
/// a question alone takes no new String.
fn in_thread_buffer<R>(fill: impl FnOnce(&mut String), f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    }
    // Taken out while in use: a question asked inside `f` gets a buffer of its own.
    let mut buffer = BUFFER.try_with(std::cell::Cell::take).unwrap_or_default();
    buffer.clear();
    fill(&mut buffer);
    let answer = f(&buffer);
    let _ = BUFFER.try_with(|kept| kept.set(buffer));
    answer
}

/// `text` lowercased, with curly apostrophes made straight.
fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let lower = text.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// A light suffix-stripping stemmer: enough to make `occupies`/`occupied`, `forces`/`force` and
/// `proposals`/`proposal` meet. Possessives are dropped first.
pub fn stem(word: &str) -> String {
    let mut stemmed = String::new();
    stem_into(word, &mut stemmed);
    stemmed
}

/// `f` of the stem of `word` (`stem`), worked out in a buffer each thread keeps: for a caller
/// that only asks about the stem (the phrase tables), no allocation for each word.
pub fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    in_thread_buffer(|buffer| stem_into(word, buffer), f)
}

/// `stem`, written into `w` (emptied first).
fn stem_into(word: &str, w: &mut String) {
    w.clear();
    if word.is_ascii() {
        w.push_str(word);
        w.make_ascii_lowercase();
    } else {
        w.push_str(&lowercase(word));
    }
    for possessive in ["'s", "s'"] {
        if w.ends_with(possessive) && w.len() > 3 {
            w.truncate(w.len() - possessive.len() + usize::from(possessive == "s'"));
        }
    }
    if w.ends_with('\'') {
        w.pop();
    }
    if let Some(base) = irregular(w) {
        w.clear();
        w.push_str(base);
        return;
    }
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return;
    }
    if w.ends_with("ies") || w.ends_with("ied") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") || w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') {
        if !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
            w.pop();
        }
    } else if w.ends_with("ing") && w.len() - 3 >= 3 {
        w.truncate(w.len() - 3);
        undouble_in_place(w);
    } else if w.ends_with("ed") && w.len() - 2 >= 3 {
        w.truncate(w.len() - 2);
        undouble_in_place(w);
    }
}

/// Past forms the suffix rules cannot reach: `met` → meet, `took` → take.
fn irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "met" => "meet",
        "took" | "taken" => "take",
        "gave" | "given" => "give",
        "won" => "win",
        "lost" => "lose",
        "fell" | "fallen" => "fall",
        "rose" | "risen" => "rise",
        "began" | "begun" => "begin",
        "spoke" | "spoken" => "speak",
        "told" => "tell",
        "saw" | "seen" => "see",
        "made" => "make",
        "went" | "gone" => "go",
        "came" => "come",
        "sent" => "send",
        "struck" => "strike",
        "fought" => "fight",
        "caught" => "catch",
        "killed" => "kill",
        "left" => "leave",
        "led" => "lead",
        "held" => "hold",
        "flew" | "flown" => "fly",
        "drove" | "driven" => "drive",
        _ => return None,
    })
}

/// `controll` → `control`, `captur` stays: a doubled final consonant left by `-ed`/`-ing` is
/// undoubled, except `ll`, `ss`, `zz` in short words (`kill`, `pass`).
fn undouble_in_place(base: &mut String) {
    let bytes = base.as_bytes();
    let n = bytes.len();
    let doubled = n >= 2 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'a' | b'e' | b'i' | b'o' | b'u');
    let keep = matches!(bytes.get(n.wrapping_sub(1)), Some(b'l' | b's' | b'z')) && !(bytes[n - 1] == b'l' && n > 5);
    if doubled && !keep {
        base.pop();
    }
}

/// Function words and reporting words that say nothing about what a claim measures.
pub fn is_stopword(lower: &str) -> bool {
    const STOPWORDS: &[&str] = &[
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "since",
        "during",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "they",
        "their",
        "them",
        "he",
        "his",
        "him",
        "she",
        "her",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "my",
        "me",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "not",
        "no",
        "so",
        "if",
        "also",
        "still",
        "now",
        "just",
        "only",
        "more",
        "most",
        "less",
        "least",
        "some",
        "any",
        "all",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "such",
        "very",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "while",
        "although",
        "though",
        "because",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "reported",
        "added",
        "stated",
        "noted",
        "per",
        "cent",
        "percent",
        "roughly",
        "nearly",
        "almost",
        "around",
        "approximately",
        "least",
        "many",
        "much",
        "other",
        "another",
        "same",
        "own",
        "new",
        "last",
        "next",
        "first",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "year",
        "years",
        "ago",
        "week",
        "month",
        "day",
        "days",
        "including",
        "include",
        "includes",
        "like",
        "via",
        "amid",
        "among",
        "against",
        "between",
        "through",
        "currently",
        "already",
        "yet",
        "even",
        "well",
        "far",
        "whole",
        "part",
        "mr",
        "ms",
        "mrs",
    ];
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn the_first_words_are_the_words_read_to_the_end_cut_short() {
        let texts = [
            "",
            "  ,.  ",
            "\u{201c}We hold the bridge,\u{201d} said Gen. Tomas Varga\u{2019}s deputy, pro-Kremlin and well-known.",
            "one two three",
            "a-b c\u{2019}d e- -f g'h \u{e9}t\u{e9} 30 per cent",
        ];
        for text in texts {
            let all = words(text);
            for count in 0..=all.len() + 2 {
                let first = first_words(text, count);
                assert_eq!(first.len(), count.min(all.len()), "{text:?}, {count}");
                for (a, b) in first.iter().zip(&all) {
                    assert_eq!((a.span, a.text), (b.span, b.text), "{text:?}, {count}");
                }
            }
        }
    }

    #[test]
    fn the_word_scanner_reads_as_the_pattern_does() {
        let pattern = Regex::new(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*").expect("pattern");
        let alphabet: Vec<char> = "aZ9 '’--.é½٣\u{301}\u{345}ßİ\u{a0}\n,ǅⅫ".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut texts: Vec<String> = vec![
            "rock-'n'-roll isn't pro-Russian--no ’tis".into(),
            "Ukraine’s 2014-15 war; Moscow-backed".into(),
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_6d7eafbd92b84179.txt"))
                .unwrap_or_default(),
        ];
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for text in &texts {
            let expected: Vec<(usize, usize)> = pattern.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = words(text).iter().map(|w| (w.span.start, w.span.end)).collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn lowercase_reads_ascii_as_the_full_mapping_does() {
        for text in ["Ukraine", "U.S.-BACKED", "it's", "", "Ukraine’s", "İstanbul", "ΣΟΦΙΑ", "Straße"] {
            assert_eq!(lowercase(text), text.to_lowercase().replace('’', "'"), "{text:?}");
        }
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem("occupies"), "occupy");
        assert_eq!(stem("occupied"), "occupy");
        assert_eq!(stem("forces"), "force");
        assert_eq!(stem("controlled"), "control");
        assert_eq!(stem("controlling"), "control");
        assert_eq!(stem("proposals"), "proposal");
        assert_eq!(stem("Russia’s"), "russia");
        assert_eq!(stem("losses"), "loss");
        assert_eq!(stem("met"), "meet");
        assert_eq!(stem("meets"), "meet");
    }

    #[test]
    fn words_keep_inner_hyphens_and_apostrophes() {
        let got: Vec<&str> = words("one-fifth of Ukraine’s land").iter().map(|w| w.text).collect();
        assert_eq!(got, vec!["one-fifth", "of", "Ukraine’s", "land"]);
    }
}
