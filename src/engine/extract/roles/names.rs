//! People's names around a title: the name with the ranks and honorifics that may open it
//! ("Lt. Col. James Sahady", "Dr. Arthur Caplan"), checked to be a person's and not a body's,
//! a place's or a title's, and the article's fuller names for a surname given alone.

use crate::engine::claim::Person;
use crate::engine::text::Pattern;
use crate::engine::titles::{self, Class};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// A word of a name: a capital, then letters with at least one lowercase ("McDonough", "O'Brien",
/// "al-Baghdadi" as "Baghdadi" after its particle). A possessive ends it.
const NAME_WORD: &str = r"(?:\p{Lu}['’])?\p{Lu}\p{L}*\p{Ll}\p{L}*(?:-\p{L}+)*";
const PARTICLE: &str = r"(?:al|el|bin|ibn|de|da|del|della|van|von|der|den|du|dos|di|la|le|abu|abd|bint)";

/// Up to four words, with middle initials and particles ("Lawrence B. Cohen", "Abu Bakr
/// al-Baghdadi").
pub fn name_pattern() -> String {
    format!(r"{NAME_WORD}(?:\s+(?:\p{{Lu}}\.\s+)?(?:{PARTICLE}[\s-])?{NAME_WORD}){{0,3}}")
}

/// A single name word, for pairs such as "John and Diane Foley".
pub fn name_word_pattern() -> &'static str {
    NAME_WORD
}

/// Ranks and honorifics of the titles table, capitalised, up to three in a row ("Lt. Col.").
pub fn ranks_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| format!("(?:{}){{0,3}}", rank_alternatives()))
}

/// One to three ranks and honorifics.
pub fn ranks_required_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| format!("(?:{}){{1,3}}", rank_alternatives()))
}

fn rank_alternatives() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut ranks = titles::table().aliases(|e| e.class == Class::Rank);
        ranks.sort_by_key(|r| std::cmp::Reverse(r.len()));
        let alternatives: Vec<String> = ranks
            .iter()
            .map(|rank| {
                let mut chars = rank.chars();
                let capitalised: String =
                    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                let escaped = regex::escape(&capitalised).replace(' ', r"\s+");
                if rank.ends_with('.') {
                    format!(r"{escaped}\s*")
                } else {
                    format!(r"{escaped}\s+")
                }
            })
            .collect();
        format!("(?:{})", alternatives.join("|"))
    })
}

/// The person a matched name is, or `None` when its first word cannot open a person's name (a
/// title, a body, a country, a day, a function word). Later words that cannot belong to a name
/// end it ("Obama Tuesday" → Obama). A single word opening a sentence is a name only if the
/// article also capitalises it inside a sentence (`named`): "However", "Officials" are not.
pub fn person(name: &str, opens_sentence: bool, named: &dyn Fn(&str) -> bool) -> Option<Person> {
    let mut kept: Vec<&str> = Vec::new();
    for word in name.split_whitespace() {
        let is_rank = titles::table().lookup(word).is_some_and(|e| e.class == Class::Rank);
        if kept.is_empty() && is_rank {
            continue;
        }
        let is_initial = word.len() == 2 && word.ends_with('.');
        if !is_initial && !could_be_name(word) {
            break;
        }
        kept.push(word);
    }
    while kept.last().is_some_and(|w| w.ends_with('.') || is_particle(w)) {
        kept.pop();
    }
    let first_word = *kept.first()?;
    // "North Korea" is capitalised words, not a person.
    if crate::engine::entities::table().canonical(&kept.join(" ")).is_some() {
        return None;
    }
    if opens_sentence && kept.len() == 1 && !named(first_word) {
        return None;
    }
    let last = (*kept.last()?).to_string();
    let first = (kept.len() >= 2).then(|| first_word.to_string());
    Some(Person { name: kept.join(" "), first, last })
}

/// The person a phrase ends with: "US President Donald Trump" → Donald Trump.
pub fn trailing_person(text: &str, named: &dyn Fn(&str) -> bool) -> Option<Person> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_initial = |w: &str| w.len() == 2 && w.ends_with('.');
    let start = words.iter().rposition(|w| !could_be_name(w) && !is_initial(w)).map_or(0, |i| i + 1);
    let name = words.get(start..)?.join(" ");
    person(&name, false, named)
}

fn is_particle(word: &str) -> bool {
    static PARTICLE_WORD: OnceLock<Regex> = OnceLock::new();
    PARTICLE_WORD.get_or_init(|| Regex::new(&format!("^{PARTICLE}$")).expect("valid particle pattern")).is_match(word)
}

fn could_be_name(word: &str) -> bool {
    if is_particle(word) {
        return true;
    }
    // "al-Abadi": judged by the name after its particle.
    if let Some((particle, rest)) = word.split_once('-') {
        if is_particle(particle) {
            return could_be_name(rest);
        }
    }
    let shaped = word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase);
    shaped
        && titles::table().lookup(word).is_none()
        && !crate::engine::orgs::is_head(word)
        && !crate::engine::orgs::is_suffix(word)
        && crate::engine::entities::table().canonical(word).is_none()
        && !crate::engine::text::calendar::is_calendar_word(word)
        && !crate::engine::text::with_to_lowercase(word, crate::engine::text::is_stopword)
}

/// The first names an article gives each surname, counted: "James Foley" three times and
/// "Diane Foley" twice make "Foley" alone read as James Foley.
#[derive(Debug, Default, PartialEq)]
pub struct FirstNames {
    by_surname: HashMap<String, HashMap<String, usize>>,
}

impl FirstNames {
    #[cfg(test)]
    pub fn read(text: &str) -> FirstNames {
        FirstNames::of_pairs(FirstNames::pairs(text).iter())
    }

    /// Every first name `text` gives a surname, as (the surname's key, the first name), in
    /// order. An article's first names are those of its lines: a name does not run across a
    /// line break, wire copy's paragraph break.
    pub fn pairs(text: &str) -> Vec<(String, String)> {
        static PAIR: OnceLock<Pattern> = OnceLock::new();
        let pair = PAIR.get_or_init(|| {
            Pattern::new(&format!(r"\b(?P<first>{NAME_WORD})[^\S\n]+(?:\p{{Lu}}\.[^\S\n]+)?(?P<last>{NAME_WORD})"))
                .expect("valid name pair pattern")
        });
        let mut found = Vec::new();
        for caps in pair.on(text).captures_iter(text) {
            let (Some(first), Some(last)) = (caps.name("first"), caps.name("last")) else { continue };
            if could_be_name(first.as_str()) && could_be_name(last.as_str()) {
                found.push((crate::engine::names::name_key(last.as_str()), first.as_str().to_string()));
            }
        }
        found
    }

    /// The first names of the pairs `pairs` (from `pairs`), counted.
    pub fn of_pairs<'p>(pairs: impl Iterator<Item = &'p (String, String)>) -> FirstNames {
        let mut found = FirstNames::default();
        for (surname, first) in pairs {
            *found.by_surname.entry(surname.clone()).or_default().entry(first.clone()).or_default() += 1;
        }
        found
    }

    /// The first name the article gives a surname most often, if one is given more often than
    /// any other: the person the article is about.
    pub fn of(&self, surname: &str) -> Option<&str> {
        let counts = self.by_surname.get(&crate::engine::names::name_key(surname))?;
        let mut ranked: Vec<(&String, &usize)> = counts.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        match ranked.as_slice() {
            [(first, _)] => Some(first.as_str()),
            [(first, top), (_, next), ..] if top > next => Some(first.as_str()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expect: Option<(&str, Option<&str>, &str)>) {
        let got = person(name, false, &|_| true);
        let got = got.as_ref().map(|p| (p.name.as_str(), p.first.as_deref(), p.last.as_str()));
        assert_eq!(got, expect, "{name}");
    }

    #[test]
    fn names_stop_at_words_no_name_has() {
        check("James Sahady", Some(("James Sahady", Some("James"), "Sahady")));
        check("Lawrence B. Cohen", Some(("Lawrence B. Cohen", Some("Lawrence"), "Cohen")));
        check("Obama Tuesday", Some(("Obama", None, "Obama")));
        check("Department", None);
        check("Australian", None);
        check("Chief", None);
        check("North Korea", None);
        check("Dr Arthur Caplan", Some(("Arthur Caplan", Some("Arthur"), "Caplan")));
        assert_eq!(
            trailing_person("US President Donald Trump", &|_| false).map(|p| p.name),
            Some("Donald Trump".into())
        );
        assert_eq!(trailing_person("CNN", &|_| true), None);
        assert_eq!(
            trailing_person("Iraqi Prime Minister Haidar al-Abadi", &|_| true).map(|p| p.last),
            Some("al-Abadi".into())
        );
    }

    #[test]
    fn a_sentence_opening_word_is_a_name_only_if_capitalised_elsewhere() {
        assert_eq!(person("However", true, &|w| w == "Truss"), None);
        assert!(person("Truss", true, &|w| w == "Truss").is_some());
        assert!(person("However", false, &|w| w == "Truss").is_some());
    }

    #[test]
    fn a_surname_alone_reads_as_the_article_s_usual_bearer() {
        let names =
            FirstNames::read("James Foley was seized. James Foley's mother Diane Foley spoke. James Foley died.");
        assert_eq!(names.of("Foley"), Some("James"));
        let even = FirstNames::read("James Foley and Diane Foley spoke.");
        assert_eq!(even.of("Foley"), None);
    }
}
