//! Roles stated without a title word before or after the name: an affiliation alone ("Lt. Col.
//! James Sahady of the Massachusetts National Guard", "Massachusetts State Police Col. Timothy
//! Alben") and the verb "chair" ("Russo will chair the enterprise company"). The telling words
//! are found first and the name read from the few words before them: a search for names
//! everywhere costs.

use super::mentions::clean_name_before;
use super::{ceil_boundary, floor_boundary, names, phrases, FoundRole, WINDOW};
use crate::engine::claim::{Role, Tense, Title};
use crate::engine::orgs;
use crate::engine::text::{Pattern, Span};
use crate::engine::titles::{self, Class};
use std::sync::OnceLock;

/// "Russo will chair the enterprise company": the verb that gives a title. The verb is found
/// first and the name read from the few words before it: a search for names everywhere costs.
pub(super) fn chairing(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    static PATTERNS: OnceLock<(Pattern, Pattern)> = OnceLock::new();
    let (verb_pattern, subject) = PATTERNS.get_or_init(|| {
        (
            Pattern::new(r"\b(?:chairs|chaired|chair)\b").expect("valid chairing pattern"),
            Pattern::new(&format!(
                r"(?P<name>{})\s+(?P<when>will\s+|would\s+|is\s+to\s+)?(?:also\s+)?$",
                names::name_pattern()
            ))
            .expect("valid chairing subject pattern"),
        )
    });
    let mut found = Vec::new();
    for verb in verb_pattern.on(sentence).find_iter(sentence) {
        let (from, head) = lookback(sentence, verb.start());
        let Some(caps) = subject.on(head).captures(head) else { continue };
        let Some(name) = caps.name("name") else { continue };
        // The body follows the verb as it would follow "chairman of".
        let rest = &sentence[verb.end()..ceil_boundary(sentence, verb.end() + WINDOW)];
        let Some(body) = phrases::after(&format!(" of{rest}")) else { continue };
        let opens = sentence[..from + name.start()].trim().is_empty();
        let Some(person) = names::person(name.as_str(), opens, named) else { continue };
        let tense = match (caps.name("when").is_some(), verb.as_str()) {
            (true, _) => Tense::Future,
            (false, "chaired") => Tense::Past,
            _ => Tense::Present,
        };
        let body_end = verb.end() + body.span.end.saturating_sub(" of".len());
        let span = Span::new(verb.start(), floor_boundary(sentence, body_end.min(sentence.len())));
        found.push(FoundRole {
            span,
            context: Span::new(from + name.start(), span.end),
            role: Role::Title(Box::new(Title {
                person,
                title: Some("chairman".to_string()),
                written: span.slice(sentence).to_string(),
                orgs: body.names.iter().map(|n| orgs::org(n)).collect(),
                tense,
            })),
        });
    }
    found
}

/// How far before a word a name or body right before it is looked for.
const LOOKBACK: usize = 100;

/// The stretch of `sentence` just before `at`, and where it starts.
fn lookback(sentence: &str, at: usize) -> (usize, &str) {
    let from = floor_boundary(sentence, at.saturating_sub(LOOKBACK));
    (from, &sentence[from..at])
}

/// Affiliations without a title: "Lt. Col. James Sahady of the Massachusetts National Guard",
/// "Massachusetts State Police Col. Timothy Alben". "of the" and ranks are found first, and the
/// name or body read from the few words before them.
pub(super) fn affiliations(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    struct Patterns {
        of_body: Pattern,
        name_before: Pattern,
        rank_name: Pattern,
        body_before: Pattern,
    }
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        let (name, ranks) = (names::name_pattern(), names::ranks_required_pattern());
        let word = r"(?:\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}[\p{L}&'’-]*)";
        let body = format!(r"{word}(?:\s+(?:of\s+|and\s+)?{word}){{0,5}}");
        let compile = |pattern: String| Pattern::new(&pattern).expect("valid affiliation pattern");
        Patterns {
            of_body: Pattern::new(&format!(r"\bof\s+the\s+(?P<org>{body})")).expect("valid affiliation pattern"),
            name_before: compile(format!(r"(?P<name>{name})\s+$")),
            rank_name: Pattern::new(&format!(r"\b(?P<ranks>{ranks})(?P<name>{name})"))
                .expect("valid affiliation pattern"),
            body_before: compile(format!(r"(?P<org>{body})\s+$")),
        }
    });
    let mut found = Vec::new();
    let mut add = |name: regex::Match<'_>, name_at: usize, org: regex::Match<'_>, org_at: usize| {
        let org_text = org.as_str().trim_end_matches('.');
        let titled = org_text
            .split_whitespace()
            .any(|w| titles::table().lookup(w).is_some_and(|e| !matches!(e.class, Class::Rank)));
        if titled || !org_text.split_whitespace().any(orgs::is_head) {
            return;
        }
        let opens = sentence[..name_at].trim().is_empty();
        let Some(person) = names::person(name.as_str(), opens, named) else { return };
        // A full name: "Report of the Committee" or "State of the Union" name no one.
        if person.first.is_none() {
            return;
        }
        let Some((_, clean, _)) = clean_name_before(org_text) else { return };
        let span = Span::new(org_at, org_at + org_text.len());
        let end = (org_at + org.len()).max(name_at + name.len());
        found.push(FoundRole {
            span,
            context: Span::new(name_at.min(org_at), end),
            role: Role::Title(Box::new(Title {
                person,
                title: None,
                written: span.slice(sentence).to_string(),
                orgs: vec![orgs::org(&clean)],
                tense: Tense::Present,
            })),
        });
    };
    for caps in patterns.of_body.on(sentence).captures_iter(sentence) {
        let (Some(all), Some(org)) = (caps.get(0), caps.name("org")) else { continue };
        let (from, head) = lookback(sentence, all.start());
        let Some(name) = patterns.name_before.on(head).captures(head).and_then(|c| c.name("name")) else { continue };
        add(name, from + name.start(), org, org.start());
    }
    for caps in patterns.rank_name.on(sentence).captures_iter(sentence) {
        let (Some(ranks), Some(name)) = (caps.name("ranks"), caps.name("name")) else { continue };
        let (from, head) = lookback(sentence, ranks.start());
        let Some(org) = patterns.body_before.on(head).captures(head).and_then(|c| c.name("org")) else { continue };
        add(name, name.start(), org, from + org.start());
    }
    found
}
