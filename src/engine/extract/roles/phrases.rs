//! The organisation or person a title is held in or of, read around the title: before it
//! ("White House", "Australia's", "the clinic's", "James Foley's", "his") and after it ("of the
//! Massachusetts State Police", "at New York University's Langone Medical Center", "of the PC and
//! printer company, HP Inc."). Spans are relative to the text given.

use crate::engine::text::{Pattern, Span};
use std::sync::OnceLock;

/// A capitalised word of a name: "Hewlett-Packard", "U.S.", "NYU", "Inc.", "McDonough".
const CAP_WORD: &str = r"(?:\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}[\p{L}\p{N}&'’.-]*)";

/// Capitalised words in a row, with the short function words of names between them ("Bank of
/// England", "Health and Human Services").
fn cap_run() -> String {
    format!(r"{CAP_WORD}(?:\s+(?:(?:of|and|&|for|the|de)\s+)?{CAP_WORD}){{0,6}}")
}

/// The words for kinds of body, longest first, as alternatives of a pattern.
fn heads_pattern() -> String {
    let mut heads: Vec<String> = crate::engine::orgs::heads().iter().map(|h| regex::escape(h)).collect();
    heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
    heads.join("|")
}

/// Words that join phrases rather than describe a title.
const FUNCTION_WORDS: [&str; 18] = [
    "and", "or", "but", "of", "for", "with", "to", "in", "on", "at", "by", "from", "the", "a", "an", "as", "that",
    "who",
];

/// What stands right before a title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Before {
    /// A possessive: "Australia's", "the clinic's", "James Foley's". `text` without the "'s".
    Possessive { span: Span, text: String },
    /// Capitalised words: "White House", "Massachusetts National Guard".
    Name { span: Span, text: String },
    /// "his", "her", "their": someone named earlier.
    Pronoun { span: Span },
}

impl Before {
    pub fn span(&self) -> Span {
        match self {
            Before::Possessive { span, .. } | Before::Name { span, .. } | Before::Pronoun { span } => *span,
        }
    }
}

/// The possessive, name or pronoun that ends `before` (the text up to a title).
pub fn before(before: &str) -> Option<Before> {
    static PATTERNS: OnceLock<[Pattern; 3]> = OnceLock::new();
    let [possessive, name, pronoun] = PATTERNS.get_or_init(|| {
        let run = cap_run();
        let heads = heads_pattern();
        [
            Pattern::new(&format!(
                r"(?P<org>(?:(?:the|The)\s+)?(?:{run}|\p{{Ll}}+))['’]s?\s+(?P<adjectives>(?:\p{{Ll}}[\p{{Ll}}-]*\s+){{0,2}})$"
            ))
                .expect("valid possessive pattern"),
            // "Boston police": a name and the kind of body in lowercase.
            Pattern::new(&format!(r"(?P<org>{run}(?:\s+(?:{heads}))?)\s+$")).expect("valid name pattern"),
            Pattern::new(r"\b(?P<org>[Hh]is|[Hh]er|[Tt]heir)\s+$").expect("valid pronoun pattern"),
        ]
    });
    let possessed = possessive.on(before).captures(before);
    if let Some((org, adjectives)) = possessed.as_ref().and_then(|c| c.name("org").zip(c.name("adjectives"))) {
        let text = org.as_str();
        // A lowercase possessive needs its article: "the clinic's", not "nation's". Words between
        // it and the title describe the title ("FSU's new president"), unless they are function
        // words ("Foley's mother and brother").
        let described = adjectives
            .as_str()
            .split_whitespace()
            .all(|w| !FUNCTION_WORDS.contains(&w) && crate::engine::titles::table().lookup(w).is_none());
        if described && (text.chars().next().is_some_and(char::is_uppercase) || text.starts_with("the ")) {
            let end = before.trim_end().len();
            return Some(Before::Possessive { span: Span::new(org.start(), end), text: text.to_string() });
        }
    }
    if let Some(org) = name.on(before).captures(before).and_then(|c| c.name("org")) {
        return Some(Before::Name { span: Span::new(org.start(), org.end()), text: org.as_str().to_string() });
    }
    let found = pronoun.on(before).captures(before).and_then(|c| c.name("org"))?;
    Some(Before::Pronoun { span: Span::new(found.start(), found.end()) })
}

/// An organisation or person named after a title, with the preposition that introduces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct After {
    /// From the preposition to the end of the last name.
    pub span: Span,
    pub preposition: String,
    /// The names given: a description and a name in apposition give two.
    pub names: Vec<String>,
}

/// "of the Massachusetts State Police", "at New York University's Langone Medical Center", "of
/// the PC and printer company, HP Inc.", "in the printing division": what opens `after` (the
/// text right after a title).
pub fn after(after: &str) -> Option<After> {
    static PATTERNS: OnceLock<(Pattern, Pattern)> = OnceLock::new();
    let (org, apposed) = PATTERNS.get_or_init(|| {
        let run = cap_run();
        let heads = heads_pattern();
        (
            Pattern::new(&format!(
                r#"^\s+(?P<prep>of|at|for|with|in)\s+(?P<org>(?:the|a|an|its|that|this|their)\s+(?:[\p{{L}}\p{{N}}/&.\-"“”]+\s+){{0,5}}?["“]?(?:{heads})\b|(?:(?:the|a|an)\s+(?:[\p{{Ll}}-]+\s+){{0,2}})?{run}(?:['’]s\s+{run})?)"#
            ))
            .expect("valid organisation pattern"),
            Pattern::new(&format!(r"^,\s+(?P<org>{run})\s*(?:[,;)]|$)")).expect("valid apposition pattern"),
        )
    });
    // "professor of law at Harvard": the field, then where the title is held.
    static FIELD: OnceLock<Pattern> = OnceLock::new();
    let field = FIELD.get_or_init(|| {
        Pattern::new(r"^\s+(?:of|in)\s+(?P<field>\p{Ll}[\p{Ll}\s-]{0,40}?)\s+(?:at|with|for)\b")
            .expect("valid field pattern")
    });
    let skip = field
        .on(after)
        .captures(after)
        .filter(|c| {
            c.name("field").is_some_and(|f| {
                f.as_str().split_whitespace().all(|w| {
                    !matches!(w, "the" | "a" | "an" | "its" | "their" | "this" | "that")
                        && !crate::engine::orgs::is_head(w)
                })
            })
        })
        .and_then(|c| c.name("field"))
        .map_or(0, |f| f.end());
    let caps = org.on(&after[skip..]).captures(&after[skip..])?;
    let (prep, first) = (caps.name("prep")?, caps.name("org")?);
    let (prep, first) = (shift_match(prep, skip), shift_match(first, skip));
    let text = trim_final_dot(first.text.trim_end_matches([',', ';']));
    let mut names = vec![text.to_string()];
    let mut end = first.start + text.len();
    // "the PC and printer company, HP Inc.": a description and the name it goes by.
    if let Some(second) = apposed.on(&after[end..]).captures(&after[end..]).and_then(|c| c.name("org")) {
        let name = second.as_str().trim_end_matches([',', ';']);
        if is_company_name(name) {
            names.push(name.to_string());
            end += second.start() + name.len();
        }
    }
    Some(After { span: Span::new(prep.start, end), preposition: prep.text.to_string(), names })
}

/// A match's text and start in a longer text.
struct Found<'t> {
    text: &'t str,
    start: usize,
}

fn shift_match(found: regex::Match<'_>, by: usize) -> Found<'_> {
    Found { text: found.as_str(), start: found.start() + by }
}

/// A name without the full stop of its sentence; an abbreviation keeps its own ("Inc.", "U.S.").
fn trim_final_dot(name: &str) -> &str {
    let Some(stripped) = name.strip_suffix('.') else { return name };
    let last = stripped.rsplit([' ', '.']).next().unwrap_or("");
    if crate::engine::orgs::is_suffix(&format!("{last}.")) || last.chars().count() <= 1 {
        name
    } else {
        stripped
    }
}

/// A name that is a company's or body's beyond doubt: a legal suffix or an acronym.
fn is_company_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        crate::engine::orgs::is_suffix(w) || (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_stands_before_a_title() {
        let found = |text: &str| before(text).map(|b| (b.span().slice(text).to_string(), b));
        assert!(
            matches!(found("Warren Truss, Australia's "), Some((s, Before::Possessive { text, .. })) if s == "Australia's" && text == "Australia")
        );
        assert!(
            matches!(found("Rivers had gone to see the clinic’s "), Some((_, Before::Possessive { text, .. })) if text == "the clinic")
        );
        assert!(
            matches!(found("said Massachusetts National Guard "), Some((_, Before::Name { text, .. })) if text == "Massachusetts National Guard")
        );
        assert!(matches!(found("parents and his "), Some((_, Before::Pronoun { .. }))));
        assert_eq!(found("nation's "), None);
        assert!(matches!(found("FSU's new "), Some((_, Before::Possessive { text, .. })) if text == "FSU"));
        assert!(!matches!(found("Foley's mother and "), Some((_, Before::Possessive { .. }))));
        assert!(
            matches!(found("said Boston police "), Some((_, Before::Name { text, .. })) if text == "Boston police")
        );
        assert_eq!(found("said the "), None);
    }

    #[test]
    fn what_follows_a_title() {
        let names = |text: &str| after(text).map(|a| (a.preposition, a.names));
        assert_eq!(
            names(" of the PC and printer company, HP Inc."),
            Some(("of".to_string(), vec!["the PC and printer company".to_string(), "HP Inc.".to_string()]))
        );
        assert_eq!(
            names(" at New York University's Langone Medical Center."),
            Some(("at".to_string(), vec!["New York University's Langone Medical Center".to_string()]))
        );
        assert_eq!(
            names(" of the Massachusetts State Police, said"),
            Some(("of".into(), vec!["the Massachusetts State Police".into()]))
        );
        assert_eq!(names(" for the family"), None);
        assert_eq!(names(" of law at Harvard University"), Some(("at".into(), vec!["Harvard University".into()])));
        assert_eq!(
            names(" of the enterprise company at HP"),
            Some(("of".into(), vec!["the enterprise company".into()]))
        );
        assert_eq!(names(" of that board."), Some(("of".into(), vec!["that board".into()])));
    }
}
