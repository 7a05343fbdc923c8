//! Title and relation words of a sentence with what stands around them: a prefix ("deputy"),
//! a time word ("former", "-elect"), the organisation or person before and after, and the
//! mentions joined into one role phrase ("Transport Minister and Deputy Prime Minister").

use super::phrases::{self, After, Before};
use super::title_search::TitleSearch;
use super::{ceil_boundary, floor_boundary, word_before, WINDOW};
use crate::engine::claim::Tense;
use crate::engine::text::Span;
use crate::engine::titles::{self, Class, Entry};
use regex::Regex;
use std::sync::OnceLock;

/// A title or relation word found in a sentence, with what stands around it.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    /// The title's words, with a prefix such as "deputy".
    pub(super) title: Span,
    pub(super) entry: Entry,
    pub(super) canonical: String,
    /// From a word before the title ("former", "incoming") or after it ("-elect").
    pub(super) tense: Option<Tense>,
    /// Where the words before the title that qualify it begin ("former").
    pub(super) modifiers_start: usize,
    pub(super) before: Option<Before>,
    pub(super) after: Option<After>,
}

impl Mention {
    pub(super) fn start(&self) -> usize {
        self.before.as_ref().map_or(self.title.start, |b| b.span().start)
    }

    pub(super) fn end(&self) -> usize {
        self.after.as_ref().map_or(self.title.end, |a| a.span.end)
    }
}

fn title_search() -> &'static TitleSearch {
    static TITLES: OnceLock<TitleSearch> = OnceLock::new();
    TITLES.get_or_init(|| {
        TitleSearch::new(
            &titles::table()
                .aliases(|e| matches!(e.class, Class::Title { .. } | Class::Generic | Class::Relation { .. })),
        )
    })
}

/// Title and relation words of a sentence, with their prefixes, time words and the phrases
/// before and after them.
pub(super) fn mentions(sentence: &str) -> Vec<Mention> {
    let table = titles::table();
    let mut found = Vec::new();
    for m in title_search().find_iter(sentence) {
        let matched = m.slice(sentence);
        let Some(entry) = table.lookup(matched) else { continue };
        // Relation words in lowercase: "Sister Mary" is a nun, "Father Michael" a priest.
        let capitalised = matched.chars().next().is_some_and(char::is_uppercase);
        if matches!(entry.class, Class::Relation { .. }) && capitalised && !sentence[..m.start].trim().is_empty() {
            continue;
        }
        let mut title = m;
        let mut canonical = entry.canonical.to_string();
        let mut tense = None;
        let (mut start, mut words) = (m.start, Vec::new());
        while let Some((at, word)) = word_before(sentence, start) {
            match table.lookup(word).map(|e| e.class) {
                Some(Class::Prefix) if words.is_empty() && matches!(entry.class, Class::Title { .. }) => {
                    canonical = format!("{} {canonical}", word.to_lowercase());
                    title.start = at;
                }
                Some(Class::Tense(t)) => tense = tense.or(Some(t)),
                _ => break,
            }
            words.push(word);
            start = at;
        }
        // "Secretary of State for Defence" is the defence minister; for an unknown portfolio,
        // a minister.
        let mut entry = entry;
        if canonical == "secretary of state" && sentence[title.end..].starts_with(" for ") {
            match portfolio_after(&sentence[title.end + " for ".len()..]) {
                Some((len, found)) => {
                    entry = found;
                    canonical = found.canonical.to_string();
                    title.end += " for ".len() + len;
                }
                None => {
                    entry = table.lookup("minister").unwrap_or(entry);
                    canonical = entry.canonical.to_string();
                }
            }
        }
        let rest = &sentence[title.end..];
        for suffix in ["-elect", "-designate", " designate"] {
            if rest.get(..suffix.len()).is_some_and(|s| s.eq_ignore_ascii_case(suffix)) {
                tense = Some(Tense::Future);
                title.end += suffix.len();
            }
        }
        let window_start = floor_boundary(sentence, start.saturating_sub(WINDOW));
        let mut before = phrases::before(&sentence[window_start..start]).map(|b| shift_before(b, window_start));
        if let Some(Before::Name { span, text }) = &before {
            match clean_name_before(text) {
                Some((skipped, clean, word_tense)) => {
                    tense = tense.or(word_tense);
                    before = Some(Before::Name { span: Span::new(span.start + skipped, span.end), text: clean });
                }
                None => before = None,
            }
        }
        let window_end = ceil_boundary(sentence, title.end + WINDOW);
        let after = phrases::after(&sentence[title.end..window_end]).map(|mut a| {
            a.span = a.span.shift(title.end);
            a
        });
        found.push(Mention { title, entry, canonical, tense, modifiers_start: start, before, after });
    }
    found
}

/// The portfolio words after "Secretary of State for" that name a minister of the table, the
/// longest first: their length and the minister's entry.
fn portfolio_after(text: &str) -> Option<(usize, Entry)> {
    let ends: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace() || matches!(c, ',' | '.' | ';'))
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .take(5)
        .collect();
    ends.iter().rev().find_map(|&end| {
        let entry = titles::table().lookup(&format!("minister for {}", text.get(..end)?))?;
        Some((end, entry))
    })
}

fn shift_before(before: Before, by: usize) -> Before {
    match before {
        Before::Possessive { span, text } => Before::Possessive { span: span.shift(by), text },
        Before::Name { span, text } => Before::Name { span: span.shift(by), text },
        Before::Pronoun { span } => Before::Pronoun { span: span.shift(by) },
    }
}

/// Capitalised words before a title, without the sentence's opening words that are not the
/// organisation's: "On Monday White House" → "White House", "Current HP" → "HP" (present),
/// "President Obama" → "Obama". Returns the bytes skipped, the name and the time word's tense.
pub(super) fn clean_name_before(text: &str) -> Option<(usize, String, Option<Tense>)> {
    // "Nicaragua's First Lady and Government": the body is what follows the last title.
    let skip = title_search().find_iter(text).last().map_or(0, |m| m.end);
    let (skipped, clean, tense) = clean_leading(&text[skip..])?;
    Some((skip + skipped, clean, tense))
}

/// A name before a title without its sentence's opening words (see `clean_name_before`).
fn clean_leading(text: &str) -> Option<(usize, String, Option<Tense>)> {
    let table = titles::table();
    let mut tense = None;
    let mut offset = 0;
    for word in text.split_whitespace() {
        let at = text[offset..].find(word).map_or(offset, |i| offset + i);
        let class = table.lookup(word).map(|e| e.class);
        let acronym = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let drop = (!acronym && crate::engine::text::is_stopword(&word.to_lowercase()))
            || crate::engine::text::calendar::is_calendar_word(word)
            || matches!(class, Some(Class::Tense(_) | Class::Title { .. } | Class::Generic | Class::Rank));
        if !drop {
            let rest = text[at..].trim();
            return (!rest.is_empty()).then(|| (at, rest.to_string(), tense));
        }
        if let Some(Class::Tense(t)) = class {
            tense = Some(t);
        }
        offset = at + word.len();
    }
    None
}

/// Mentions joined by "and" or a comma into one role phrase: "Transport Minister and Deputy
/// Prime Minister Warren Truss", "president and CEO".
pub(super) fn coordinated(sentence: &str, mentions: &[Mention]) -> Vec<Vec<Mention>> {
    static JOIN: OnceLock<Regex> = OnceLock::new();
    let join = JOIN.get_or_init(|| {
        Regex::new(r"^\s*(?:,\s*)?(?:(?:and|&)\s+(?:also\s+)?)?(?:(?:the|a|an)\s+)?$").expect("valid join pattern")
    });
    let mut groups: Vec<Vec<Mention>> = Vec::new();
    for mention in mentions {
        if let Some(group) = groups.last_mut() {
            let previous = group.last().expect("groups are never empty");
            let same_kind = matches!(previous.entry.class, Class::Relation { .. })
                == matches!(mention.entry.class, Class::Relation { .. });
            let gap = sentence.get(previous.end()..mention.modifiers_start.min(mention.start())).unwrap_or("x");
            if same_kind && previous.end() <= mention.start() && join.is_match(gap) && !gap.is_empty() {
                group.push(mention.clone());
                continue;
            }
        }
        groups.push(vec![mention.clone()]);
    }
    groups
}
