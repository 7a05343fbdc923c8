//! The words of a quotation as compared across sources. House style and transcription change
//! how the same words are written, not what was said: case, punctuation, contractions
//! ("there's" / "there is"), acronyms with or without dots (U.S. / US), entity aliases (ISIL /
//! ISIS), British and American spelling (defence / defense, -our / -or, -ise / -ize), accents,
//! number words and digits, inflections (site / sites). A quoted word is stored as written (a
//! contraction expanded, a hyphenated word split); `match_key` folds the rest when two are
//! compared.

use crate::engine::text::remembered::{remembered, Answers};
use crate::engine::text::{stem, words};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const CONTRACTIONS: &str = include_str!("../../../data/contractions.tsv");
const SPELLINGS: &str = include_str!("../../../data/spellings.tsv");

/// Words that carry the grammar of a sentence rather than what is said: a quotation given with
/// "a" for "the" or "would" for "will" is not a misquote. Negations, numbers, quantifiers and
/// adverbs such as "just", "only" and "never" are not among them: they change what was said.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "into", "onto", "and", "or",
    "but", "that", "this", "these", "those", "it", "its", "they", "them", "their", "he", "his", "him", "she", "her",
    "we", "our", "us", "you", "your", "i", "my", "me", "there", "here", "who", "whom", "which", "what", "is", "are",
    "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall",
    "should", "can", "could", "may", "might", "must", "so", "then", "than", "if", "'s", "s",
];

pub fn is_function_word(token: &str) -> bool {
    let token = if token == "’s" { "'s" } else { token };
    FUNCTION_WORDS.iter().any(|word| word.eq_ignore_ascii_case(token))
}

/// The comparable words of a stretch of quoted text.
pub fn tokens(text: &str) -> Vec<String> {
    let text = normalise_text(text);
    let mut found = Vec::new();
    for word in words(&text) {
        match contractions().get(word.lower().as_str()) {
            Some(expansion) => found.extend(expansion.split_whitespace().map(str::to_string)),
            None => found.extend(word.text.split('-').filter(|part| !part.is_empty()).map(str::to_string)),
        }
    }
    found
}

/// The match keys of a quotation's fragments.
pub fn keys(fragments: &[Vec<String>]) -> Vec<Vec<String>> {
    fragments.iter().map(|fragment| fragment.iter().map(|w| match_key(w)).collect()).collect()
}

/// "U.S." → "US", "per cent" and "%" → "percent": spellings the word splitter would read as
/// other words.
fn normalise_text(text: &str) -> String {
    static ACRONYM: OnceLock<Regex> = OnceLock::new();
    static PERCENT: OnceLock<Regex> = OnceLock::new();
    let acronym = ACRONYM.get_or_init(|| Regex::new(r"\b(?:\p{Lu}\.){2,}").expect("valid acronym pattern"));
    let percent = PERCENT.get_or_init(|| Regex::new(r"(?i)\bper\s+cent\b|%").expect("valid percent pattern"));
    let text = acronym.replace_all(text, |caps: &regex::Captures<'_>| caps[0].replace('.', ""));
    percent.replace_all(&text, " percent").into_owned()
}

fn contractions() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| pairs(CONTRACTIONS))
}

fn spellings() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| pairs(SPELLINGS))
}

fn pairs(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(from, to)| (from.trim(), to.trim()))
        .collect()
}

/// What two quoted words must share to be the same word: the stem of the word in one spelling,
/// without accents, with numbers as digits.
pub fn match_key(token: &str) -> String {
    // Quotations repeat their words, and each word is folded in four steps.
    thread_local! {
        static KEYS: Answers<Box<str>> = Answers::default();
    }
    remembered(&KEYS, token, |token| match_key_of(token).into_boxed_str()).into_string()
}

fn match_key_of(token: &str) -> String {
    if let Some(entity) = entity(token) {
        return crate::engine::names::name_key(entity);
    }
    let folded = fold_accents(&token.to_lowercase().replace('’', "'"));
    if let Some(number) = number_word(&folded) {
        return number.to_string();
    }
    let american = spellings().get(folded.as_str()).map_or_else(|| american_suffix(&folded), |s| s.to_string());
    stem(&american)
}

/// The entity a capitalised word stands for, as a house style writes it: `ISIL` and `ISIS`, also
/// as `Isil` and `Isis`; a lowercase word ("us") is none.
fn entity(token: &str) -> Option<&'static str> {
    if !token.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let table = crate::engine::entities::table();
    table.canonical(token).or_else(|| {
        let bare = token.trim_end_matches("'s").trim_end_matches("’s");
        let acronym_like = (4..=5).contains(&bare.chars().count()) && !is_function_word(bare);
        acronym_like.then(|| table.canonical(&bare.to_uppercase())).flatten()
    })
}

/// The suffix rules of British spelling, on words long enough not to be other words ("four",
/// "hour" and "rise" stay as they are).
fn american_suffix(word: &str) -> String {
    if word.chars().count() < 6 || !word.is_ascii() {
        return word.to_string();
    }
    const RULES: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
        ("our", "or"),
        ("ours", "ors"),
        ("oured", "ored"),
        ("ouring", "oring"),
        ("ourite", "orite"),
        ("ourable", "orable"),
        ("tre", "ter"),
        ("tres", "ters"),
    ];
    for (british, american) in RULES {
        if let Some(base) = word.strip_suffix(british) {
            return format!("{base}{american}");
        }
    }
    word.to_string()
}

/// Number words up to twenty and the tens, as digits: "three" and "3" are one word.
fn number_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "zero" | "0" => "0",
        "one" | "1" => "1",
        "two" | "2" => "2",
        "three" | "3" => "3",
        "four" | "4" => "4",
        "five" | "5" => "5",
        "six" | "6" => "6",
        "seven" | "7" => "7",
        "eight" | "8" => "8",
        "nine" | "9" => "9",
        "ten" | "10" => "10",
        "eleven" | "11" => "11",
        "twelve" | "12" => "12",
        "thirteen" | "13" => "13",
        "fourteen" | "14" => "14",
        "fifteen" | "15" => "15",
        "sixteen" | "16" => "16",
        "seventeen" | "17" => "17",
        "eighteen" | "18" => "18",
        "nineteen" | "19" => "19",
        "twenty" | "20" => "20",
        "thirty" | "30" => "30",
        "forty" | "40" => "40",
        "fifty" | "50" => "50",
        "sixty" | "60" => "60",
        "seventy" | "70" => "70",
        "eighty" | "80" => "80",
        "ninety" | "90" => "90",
        "hundred" | "100" => "100",
        _ => return None,
    })
}

fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, same: bool) {
        let keys = |text: &str| tokens(text).iter().map(|t| match_key(t)).collect::<Vec<_>>();
        assert_eq!(keys(a) == keys(b), same, "{a:?} / {b:?}: {:?} / {:?}", keys(a), keys(b));
    }

    #[test]
    fn house_styles_of_the_same_words_read_alike() {
        check("There's no reason to think", "there is no reason to think", true);
        check("We didn't threaten anybody", "We did not threaten anybody", true);
        check("the U.S. government", "the US government", true);
        check("Our defence programme", "our defense program", true);
        check("the colour of the harbour", "the color of the harbor", true);
        check("we will organise and analyse", "we will organize and analyze", true);
        check("the centre of Zürich", "the center of Zurich", true);
        check("up 5 per cent in three days", "up 5% in 3 days", true);
        check("far from any possible landing sites", "far from any possible landing site", true);
        check("a well-known fact", "a well known fact", true);
        check("degrading Isil's capabilities", "degrading ISIL's capabilities", true);
    }

    #[test]
    fn other_words_stay_other_words() {
        check("Three times he intimidated us", "Five times he intimidated us", false);
        check("four hours", "for hors", false);
        check("not higher", "not greater", false);
        check("we never said", "we just said", false);
        check("let us go", "let US go", false);
        check("Kim Jong-Un", "Kim Jong-un", true);
    }
}
