//! Who a title is about: the person named right after it ("spokesman Lt. Col. James Sahady"),
//! before it in apposition ("Warren Truss, Australia's …"), as the subject of "will be", "is",
//! "was" ("Russo will be chairman …"), or with "as" ("led by Dion Weisler as CEO").

use super::mentions::Mention;
use super::phrases::Before;
use super::{ceil_boundary, floor_boundary, names, word_before, WINDOW};
use crate::engine::claim::{Person, Tense};
use crate::engine::text::{Pattern, Span};
use std::sync::OnceLock;

/// Who a role phrase is about, and the time its verb gives.
pub(super) struct Frame {
    pub(super) people: Vec<Person>,
    /// The person's name and what links it to the phrase.
    pub(super) span: Span,
    pub(super) tense: Option<Tense>,
}

/// The person of a role phrase: named right after it ("spokesman Lt. Col. James Sahady"),
/// before it in apposition ("Warren Truss, Australia's …"), as the subject of "will be", "is",
/// "was" ("Russo will be chairman …"), or with "as" ("led by Dion Weisler as CEO").
pub(super) fn frame(sentence: &str, mention: &Mention, named: &dyn Fn(&str) -> bool) -> Option<Frame> {
    named_after(sentence, mention, named).or_else(|| named_before(sentence, mention, named))
}

struct Patterns {
    after: Pattern,
    pair_after: Pattern,
    apposition: Pattern,
    predicate: Pattern,
    as_role: Pattern,
    said: Pattern,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let (name, word, ranks) = (names::name_pattern(), names::name_word_pattern(), names::ranks_pattern());
        let verbs = [
            r"will\s+(?:also\s+)?(?:be|become|serve\s+as|remain|continue\s+as|take\s+over\s+as|step\s+in\s+as)",
            r"would\s+(?:also\s+)?(?:be|become|serve\s+as|remain)",
            r"(?:is|are)\s+(?:set|slated|expected|due|poised|tipped)\s+to\s+(?:be|become|serve\s+as)",
            r"is\s+to\s+(?:be|become)",
            r"(?:was|were|has\s+been|have\s+been)\s+(?:named|appointed|elected)(?:\s+as)?",
            r"(?:still\s+)?(?:serves|remains|doubles)\s+as",
            r"had\s+been|served\s+as|stepped\s+down\s+as|resigned\s+as|retired\s+as|doubled\s+as|was\s+formerly",
            r"is\s+(?:also\s+|still\s+|now\s+)?|was\s+(?:also\s+)?|has\s+been|remains|became|becomes",
        ]
        .join("|");
        let compile = |pattern: String| Pattern::new(&pattern).expect("valid role frame pattern");
        Patterns {
            after: compile(format!(r"^\s*(?P<comma>,\s*)?{ranks}(?P<name>{name})")),
            pair_after: compile(format!(r"^\s*,?\s*(?P<one>{word})\s+and\s+{ranks}(?P<name>{name})")),
            apposition: compile(format!(
                r"(?P<name>{name})(?:\s+\([^)]{{0,40}}\))?\s*,\s*(?:(?P<det>the|a|an|The)\s+(?:[\p{{Ll}}-]+\s+){{0,2}})?$"
            )),
            predicate: compile(format!(
                r"(?P<name>{name})(?:\s*,\s*who|\s*,[^,]{{1,160}},)?\s+(?P<verb>{verbs})\s*(?:(?:the|a|an)\s+)?$"
            )),
            as_role: compile(format!(r"(?P<name>{name})\s+as\s+(?:(?:the|its|a|an)\s+)?$")),
            said: compile(r"^\s*(?:said|says|told|added|confirmed)\b".to_string()),
        }
    })
}

fn named_after(sentence: &str, mention: &Mention, named: &dyn Fn(&str) -> bool) -> Option<Frame> {
    // A name after an organisation named after the title is rarely the title holder's.
    if mention.after.is_some() {
        return None;
    }
    let patterns = patterns();
    let at = mention.title.end;
    let rest = &sentence[at..ceil_boundary(sentence, at + WINDOW)];
    let is_plural = matches!(mention.canonical.as_str(), "parent" | "child" | "sibling" | "grandparent" | "grandchild");
    if is_plural {
        if let Some(caps) = patterns.pair_after.on(rest).captures(rest) {
            let (one, name) = (caps.name("one")?, caps.name("name")?);
            let second = names::person(name.as_str(), false, named)?;
            let mut first_person = names::person(one.as_str(), false, named)?;
            first_person.first = Some(first_person.last.clone());
            first_person.last = second.last.clone();
            return Some(Frame {
                people: vec![first_person, second],
                span: Span::new(at, at + name.end()),
                tense: None,
            });
        }
    }
    let caps = patterns.after.on(rest).captures(rest)?;
    let name = caps.name("name")?;
    // "Foley's brother, Michael": a comma only after a possessive or "the".
    if caps.name("comma").is_some() {
        let possessed = matches!(mention.before, Some(Before::Possessive { .. } | Before::Pronoun { .. }))
            || sentence[..mention.start()].trim_end().to_lowercase().ends_with("the");
        if !possessed {
            return None;
        }
    }
    let person = names::person(name.as_str(), false, named)?;
    Some(Frame { people: vec![person], span: Span::new(at, at + name.end()), tense: None })
}

fn named_before(sentence: &str, mention: &Mention, named: &dyn Fn(&str) -> bool) -> Option<Frame> {
    let patterns = patterns();
    let end = mention.modifiers_start.min(mention.start());
    let window_start = floor_boundary(sentence, end.saturating_sub(WINDOW));
    let head = &sentence[window_start..end];
    let opens = |start: usize| sentence[..window_start + start].trim_matches(|c: char| !c.is_alphanumeric()).is_empty();
    let person_at = |name: regex::Match<'_>| {
        let start = window_start + name.start();
        if preposition_before(sentence, start) {
            return None;
        }
        names::person(name.as_str(), opens(name.start()), named)
    };
    if let Some(caps) = patterns.apposition.on(head).captures(head) {
        let name = caps.name("name")?;
        let indefinite = caps.name("det").is_some_and(|d| d.as_str().trim().to_lowercase() != "the");
        // "In Kobane, a spokesman said …": a new clause, not an apposition.
        let clause = indefinite && patterns.said.on(&sentence[mention.end()..]).is_match(&sentence[mention.end()..]);
        if !clause {
            if let Some(person) = person_at(name) {
                let span = Span::new(window_start + name.start(), end);
                return Some(Frame { people: vec![person], span, tense: None });
            }
        }
    }
    if let Some(caps) = patterns.predicate.on(head).captures(head) {
        let (name, verb) = (caps.name("name")?, caps.name("verb")?);
        if let Some(person) = person_at(name) {
            let span = Span::new(window_start + name.start(), end);
            return Some(Frame { people: vec![person], span, tense: Some(verb_tense(verb.as_str())) });
        }
    }
    let caps = patterns.as_role.on(head).captures(head)?;
    let name = caps.name("name")?;
    let person = person_at(name)?;
    let future = sentence[..window_start + name.start()].contains("will ");
    let span = Span::new(window_start + name.start(), end);
    Some(Frame { people: vec![person], span, tense: Some(if future { Tense::Future } else { Tense::Present }) })
}

fn verb_tense(verb: &str) -> Tense {
    let verb = verb.to_lowercase();
    let first = verb.split_whitespace().next().unwrap_or("");
    if matches!(first, "will" | "would") || verb.contains(" to ") {
        Tense::Future
    } else if matches!(first, "had" | "served" | "stepped" | "resigned" | "retired" | "doubled")
        || (first == "was" && !verb.contains("named") && !verb.contains("appointed") && !verb.contains("elected"))
    {
        Tense::Past
    } else {
        Tense::Present
    }
}

/// A name right after a preposition is a place or a body ("In Boston, a spokesman …").
fn preposition_before(sentence: &str, at: usize) -> bool {
    const PREPOSITIONS: [&str; 13] =
        ["in", "at", "from", "to", "on", "of", "for", "with", "near", "into", "across", "outside", "inside"];
    word_before(sentence, at).is_some_and(|(_, w)| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
}
