//! Whether two phrases can name one organisation, with the words of `data/org-words.tsv`. Names
//! are compared by their telling words: acronyms stand for the words they abbreviate ("HP",
//! "H-P" and "Hewlett-Packard"; "NYU" and "New York University"), a shorter name is a partial
//! one ("the State Police", "the Massachusetts State Police"), and words of the kind of body
//! ("University", "company") tell no two bodies apart. A description ("the enterprise company")
//! is compared with descriptions only, and a country with countries.

use super::claim::Org;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/org-words.tsv");

struct Words {
    heads: HashSet<&'static str>,
    suffixes: HashSet<&'static str>,
    fillers: HashSet<&'static str>,
    anaphors: HashSet<&'static str>,
    /// Description words folded to the first word of their line.
    alike: HashMap<&'static str, &'static str>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = Words {
            heads: HashSet::default(),
            suffixes: HashSet::default(),
            fillers: HashSet::default(),
            anaphors: HashSet::default(),
            alike: HashMap::default(),
        };
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let Some((class, list)) = line.split_once('\t') else { continue };
            if class.trim() == "alike" {
                let members: Vec<&'static str> = list.split('|').map(str::trim).filter(|w| !w.is_empty()).collect();
                if let Some(first) = members.first() {
                    words.alike.extend(members.iter().map(|m| (*m, *first)));
                }
                continue;
            }
            let set = match class.trim() {
                "head" => &mut words.heads,
                "suffix" => &mut words.suffixes,
                "filler" => &mut words.fillers,
                "anaphor" => &mut words.anaphors,
                _ => continue,
            };
            set.extend(list.split('|').map(str::trim).filter(|w| !w.is_empty()));
        }
        words
    })
}

/// The words that name a kind of body, for reading descriptions ("the enterprise company").
pub fn heads() -> Vec<&'static str> {
    let mut heads: Vec<&'static str> = words().heads.iter().copied().collect();
    heads.sort_unstable();
    heads
}

/// A word that names a kind of body ("company", "police").
pub fn is_head(word: &str) -> bool {
    words().heads.contains(word.to_lowercase().as_str())
}

/// A legal suffix of a company's name ("Inc.").
pub fn is_suffix(word: &str) -> bool {
    let lower = word.to_lowercase();
    let words = words();
    words.suffixes.contains(lower.as_str()) || words.suffixes.contains(lower.trim_end_matches('.'))
}

/// A word pointing back to a body named elsewhere ("its", "that").
pub fn is_anaphor(word: &str) -> bool {
    words().anaphors.contains(word.to_lowercase().as_str())
}

/// An organisation as written: the possessive and a leading "the" dropped, the country it stands
/// for looked up, and whether it describes rather than names ("the enterprise company").
pub fn org(written: &str) -> Org {
    let text = written.trim().trim_end_matches(['\'', '’']).trim_end_matches("'s").trim_end_matches("’s");
    let entity = super::entities::table().canonical(text).map(str::to_string);
    let first = text.split_whitespace().next().unwrap_or("");
    let last = text.split_whitespace().last().unwrap_or("");
    let determined = words().fillers.contains(first.to_lowercase().as_str()) || is_anaphor(first);
    let descriptive = entity.is_none() && determined && last.chars().next().is_some_and(char::is_lowercase);
    let text = match text.strip_prefix("the ").or_else(|| text.strip_prefix("The ")) {
        Some(rest) if !descriptive => rest,
        _ => text,
    };
    Org { text: text.to_string(), entity, descriptive }
}

/// Whether a phrase names a body or a country, rather than a person ("Obama's chief of staff") or
/// a body referred back to ("the company").
pub fn names_a_body(org: &Org) -> bool {
    if org.entity.is_some() {
        return true;
    }
    let tokens = tokens(&org.text);
    !telling(&tokens).is_empty() && !is_anaphoric(org) && (org.descriptive || institution(&tokens))
}

/// How two organisation phrases stand to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgMatch {
    /// The same body, as far as the words tell.
    Same,
    /// One is a shorter form of the other ("the State Police").
    Partial,
    /// Nothing can be told: a description against a name, "the company", a person's name.
    Unknown,
    /// Two different bodies.
    Different,
}

/// How the organisations two roles give stand: the same when any of them match, different when
/// some differ and none match.
pub fn compare_all(ours: &[Org], theirs: &[Org]) -> OrgMatch {
    let mut best = OrgMatch::Unknown;
    let mut different = false;
    for a in ours {
        for b in theirs {
            match compare(a, b) {
                OrgMatch::Different => different = true,
                OrgMatch::Unknown => {}
                found => best = best.min(found),
            }
        }
    }
    if best == OrgMatch::Unknown && different {
        OrgMatch::Different
    } else {
        best
    }
}

pub fn compare(a: &Org, b: &Org) -> OrgMatch {
    match (&a.entity, &b.entity) {
        (Some(x), Some(y)) => return if x == y { OrgMatch::Same } else { OrgMatch::Different },
        (Some(_), None) | (None, Some(_)) => return OrgMatch::Unknown,
        (None, None) => {}
    }
    if a.descriptive != b.descriptive || is_anaphoric(a) || is_anaphoric(b) {
        return OrgMatch::Unknown;
    }
    let (mut x, mut y) = (tokens(&a.text), tokens(&b.text));
    expand_acronyms(&mut x, &y);
    expand_acronyms(&mut y, &x);
    let (dx, dy) = (telling(&x), telling(&y));
    if dx.is_empty() || dy.is_empty() {
        return OrgMatch::Unknown;
    }
    if dx == dy {
        return OrgMatch::Same;
    }
    if a.descriptive {
        return if dx.is_disjoint(&dy) { OrgMatch::Different } else { OrgMatch::Partial };
    }
    if dx.is_subset(&dy) || dy.is_subset(&dx) {
        // "HP Inc." is a full name, not a short form of "Hewlett-Packard Enterprise".
        let shorter_complete = if dx.len() < dy.len() { complete(&x) } else { complete(&y) };
        return if shorter_complete { OrgMatch::Different } else { OrgMatch::Partial };
    }
    // A shared opening word names a place or a parent body ("Massachusetts", "Harvard"): the
    // rest must tell the two apart.
    let shared = x.iter().zip(&y).take_while(|(p, q)| p.text == q.text).count();
    let (rx, ry) = (telling(&x[shared..]), telling(&y[shared..]));
    // An acronym the other name does not spell out may stand for it ("KCMO" for "Kansas City");
    // two names that are acronyms alone are two bodies ("CIA", "FBI").
    let opaque = |tokens: &[Token]| tokens.iter().any(|t| t.acronym && telling(std::slice::from_ref(t)).len() == 1);
    let only_acronyms = |tokens: &[Token]| {
        let told: Vec<&Token> = tokens.iter().filter(|t| telling(std::slice::from_ref(*t)).len() == 1).collect();
        told.iter().all(|t| t.acronym)
    };
    let unspelt = (opaque(&x) || opaque(&y)) && !(only_acronyms(&x) && only_acronyms(&y));
    if !rx.is_empty() && !ry.is_empty() && rx.is_disjoint(&ry) && institution(&x) && institution(&y) && !unspelt {
        OrgMatch::Different
    } else {
        OrgMatch::Unknown
    }
}

fn is_anaphoric(org: &Org) -> bool {
    org.text.split_whitespace().next().is_some_and(is_anaphor)
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    /// Lowercase, without dots and apostrophes.
    text: String,
    acronym: bool,
    capitalized: bool,
}

/// The words of a phrase: split at spaces, hyphens and slashes, possessives dropped, and single
/// capitals in a row read as one acronym ("H-P", "U.S.").
fn tokens(text: &str) -> Vec<Token> {
    let mut found: Vec<Token> = Vec::new();
    let mut letters = String::new();
    let flush = |letters: &mut String, found: &mut Vec<Token>| {
        if letters.chars().count() >= 2 {
            found.push(Token { text: letters.to_lowercase(), acronym: true, capitalized: true });
        } else if !letters.is_empty() {
            found.push(Token { text: letters.to_lowercase(), acronym: false, capitalized: true });
        }
        letters.clear();
    };
    for part in text.split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',') {
        let part = part.trim_end_matches("'s").trim_end_matches("’s");
        let clean: String = part.chars().filter(|c| c.is_alphanumeric()).collect();
        if clean.is_empty() {
            continue;
        }
        if clean.chars().count() == 1 && clean.chars().all(char::is_uppercase) {
            letters.push_str(&clean);
            continue;
        }
        flush(&mut letters, &mut found);
        let acronym = clean.chars().count() >= 2 && clean.chars().all(|c| c.is_uppercase() || c.is_numeric());
        let capitalized = clean.chars().next().is_some_and(char::is_uppercase);
        found.push(Token { text: clean.to_lowercase(), acronym, capitalized });
    }
    flush(&mut letters, &mut found);
    found
}

const MAX_ACRONYM: usize = 10;

/// Replaces each acronym of `ours` that spells the initials of a run of capitalised words of
/// `theirs` by those words.
fn expand_acronyms(ours: &mut Vec<Token>, theirs: &[Token]) {
    let mut expanded = Vec::with_capacity(ours.len());
    for token in ours.drain(..) {
        // Acronyms are short; a long capitalised string is no abbreviation worth a search.
        let short = token.text.chars().count() <= MAX_ACRONYM;
        let run = (token.acronym && short).then(|| spelled_run(&token.text, theirs)).flatten();
        match run {
            Some(words) => expanded.extend(words.iter().cloned()),
            None => expanded.push(token),
        }
    }
    *ours = expanded;
}

/// The run of capitalised words of `theirs` that `acronym` abbreviates: their initials ("NYU")
/// or the opening letters of each ("CENTCOM" for "Central Command").
fn spelled_run<'t>(acronym: &str, theirs: &'t [Token]) -> Option<&'t [Token]> {
    let letters: Vec<char> = acronym.chars().collect();
    (0..theirs.len()).find_map(|start| {
        let n = prefixes_of(&letters, &theirs[start..])?;
        (n >= 2).then(|| &theirs[start..start + n])
    })
}

/// How many words, from the first of `words`, `letters` spells by taking the opening letters of
/// each in turn.
fn prefixes_of(letters: &[char], words: &[Token]) -> Option<usize> {
    if letters.is_empty() {
        return Some(0);
    }
    let word = words.first().filter(|w| w.capitalized && !w.acronym)?;
    let chars: Vec<char> = word.text.chars().collect();
    (1..=letters.len().min(chars.len()))
        .rev()
        .filter(|&n| chars[..n] == letters[..n])
        .find_map(|n| prefixes_of(&letters[n..], &words[1..]).map(|used| used + 1))
}

/// The words that tell one body from another: not kinds of body, legal suffixes or fillers,
/// and words of one line of business folded together.
fn telling(tokens: &[Token]) -> BTreeSet<String> {
    let words = words();
    tokens
        .iter()
        .map(|t| t.text.as_str())
        .filter(|w| {
            !words.heads.contains(w)
                && !words.suffixes.contains(w)
                && !words.fillers.contains(w)
                && !super::text::is_stopword(w)
        })
        .map(|w| {
            let folded = words.alike.get(w).or_else(|| words.alike.get(super::text::stem(w).as_str()));
            folded.map_or_else(|| w.to_string(), |f| (*f).to_string())
        })
        .collect()
}

/// A name closed by a legal suffix ("HP Inc.").
fn complete(tokens: &[Token]) -> bool {
    tokens.last().is_some_and(|t| words().suffixes.contains(t.text.as_str()))
}

/// A phrase that names a body, not a person or a place: it has a word for a kind of body, a
/// legal suffix or an acronym.
fn institution(tokens: &[Token]) -> bool {
    let words = words();
    tokens
        .iter()
        .any(|t| t.acronym || words.heads.contains(t.text.as_str()) || words.suffixes.contains(t.text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, expect: OrgMatch) {
        assert_eq!(compare(&org(a), &org(b)), expect, "{a} / {b}");
        assert_eq!(compare(&org(b), &org(a)), expect, "{b} / {a}");
    }

    #[test]
    fn acronyms_possessives_and_short_forms_name_one_body() {
        check("HP", "Hewlett-Packard", OrgMatch::Same);
        check("H-P", "HP", OrgMatch::Same);
        check("CENTCOM", "U.S. Central Command", OrgMatch::Same);
        check("HP Inc.", "Hewlett-Packard", OrgMatch::Same);
        check("NYU Langone Medical Center", "New York University's Langone Medical Center", OrgMatch::Same);
        check("the Massachusetts State Police", "State Police", OrgMatch::Partial);
        check("National Guard", "Massachusetts National Guard", OrgMatch::Partial);
        check("the PC and printer company", "the PC/printer business", OrgMatch::Same);
        check("the PC and printer company", "the printer operation", OrgMatch::Partial);
        check("the enterprise company", "the enterprise-oriented company", OrgMatch::Same);
        check("the corporate side", "the enterprise company", OrgMatch::Same);
        check("the PC and printer company", "the printing and personal computing business", OrgMatch::Same);
        check("Australia's", "Australian", OrgMatch::Same);
        check("the White House", "Washington", OrgMatch::Same);
    }

    #[test]
    fn different_bodies() {
        check("Massachusetts State Police", "Massachusetts National Guard", OrgMatch::Different);
        check("Columbia University", "New York University's Langone Medical Center", OrgMatch::Different);
        check("the PC and printer company", "the enterprise company", OrgMatch::Different);
        check("HP Inc.", "Hewlett-Packard Enterprise", OrgMatch::Different);
        check("Australia", "New Zealand", OrgMatch::Different);
        check("CIA", "FBI", OrgMatch::Different);
    }

    #[test]
    fn what_cannot_be_told() {
        check("the company", "the enterprise company", OrgMatch::Unknown);
        check("HP", "the enterprise company", OrgMatch::Unknown);
        check("Harvard Medical School", "Harvard University", OrgMatch::Same);
        check("Obama", "White House", OrgMatch::Unknown);
        check("Yorkville", "Lenox Hill", OrgMatch::Unknown);
        check("the KCMO Health Department", "Kansas City Health Department", OrgMatch::Unknown);
        check("its board", "the enterprise company", OrgMatch::Unknown);
        check("University", "Hospital", OrgMatch::Unknown);
    }

    #[test]
    fn bodies_and_countries_are_named_people_and_vague_words_are_not() {
        assert!(names_a_body(&org("the White House")));
        assert!(names_a_body(&org("Massachusetts State Police")));
        assert!(names_a_body(&org("the enterprise company")));
        assert!(!names_a_body(&org("Obama")));
        assert!(!names_a_body(&org("the company")));
        assert!(!names_a_body(&org("its board")));
    }

    #[test]
    fn any_match_among_several_names_is_a_match() {
        let ours = [org("the PC and printer company"), org("HP Inc.")];
        assert_eq!(compare_all(&ours, &[org("the enterprise company")]), OrgMatch::Different);
        assert_eq!(compare_all(&ours, &[org("HP Inc.")]), OrgMatch::Same);
        assert_eq!(compare_all(&ours, &[]), OrgMatch::Unknown);
    }
}
