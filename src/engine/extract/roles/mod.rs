//! People's roles in the forms news copy gives them: a title before the name ("White House Chief
//! of Staff Denis McDonough", "Massachusetts National Guard spokesman Lt. Col. James Sahady"),
//! after it in apposition ("Warren Truss, Australia's deputy prime minister"), as a predicate
//! ("Russo will be chairman of the enterprise company", "led by Dion Weisler as CEO"), an
//! affiliation alone ("Sahady of the Massachusetts National Guard"), and family relations
//! ("James Foley's parents John and Diane Foley and his brother, Michael"). Titles are read
//! through `data/titles.tsv`; ranks and honorifics open names but are no titles. Spans are
//! sentence-relative.

mod names;
mod phrases;

pub use names::FirstNames;

use crate::engine::claim::{Family, Org, Person, Role, Tense, Title};
use crate::engine::orgs;
use crate::engine::text::Span;
use crate::engine::titles::{self, Class, Entry};
use phrases::{After, Before};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRole {
    /// The role phrase without the person: "White House Chief of Staff", "James Foley's father".
    pub span: Span,
    /// The whole phrase, the person included.
    pub context: Span,
    pub role: Role,
}

/// The most text read on either side of a title: a role is stated close to it.
const WINDOW: usize = 240;

/// A title or relation word found in a sentence, with what stands around it.
#[derive(Clone, Debug)]
struct Mention {
    /// The title's words, with a prefix such as "deputy".
    title: Span,
    entry: Entry,
    canonical: String,
    /// From a word before the title ("former", "incoming") or after it ("-elect").
    tense: Option<Tense>,
    /// Where the words before the title that qualify it begin ("former").
    modifiers_start: usize,
    before: Option<Before>,
    after: Option<After>,
}

impl Mention {
    fn start(&self) -> usize {
        self.before.as_ref().map_or(self.title.start, |b| b.span().start)
    }

    fn end(&self) -> usize {
        self.after.as_ref().map_or(self.title.end, |a| a.span.end)
    }
}

/// The roles of a sentence. `named(word)`: the article capitalises the word inside a sentence
/// somewhere, so that it can be a name where it opens one.
pub fn roles(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    let mentions = mentions(sentence);
    let mut found: Vec<FoundRole> = Vec::new();
    for group in coordinated(sentence, &mentions) {
        let Some(first) = group.first() else { continue };
        let frames: Vec<Option<Frame>> = group.iter().map(|m| frame(sentence, m, named)).collect();
        for (index, mention) in group.iter().enumerate() {
            // Joined titles without their own person share the next one's ("Transport Minister
            // and Deputy Prime Minister Warren Truss") unless it names its own body ("the CIA
            // director and FBI director James Comey"), or the previous one's ("Rosario Murillo,
            // First Lady and Government spokeswoman"). Joined relations are different people:
            // "Kim's father and grandfather Kim Il Sung".
            let kin = matches!(mention.entry.class, Class::Relation { .. });
            let own_body = |m: &Mention| matches!(m.before, Some(Before::Possessive { .. } | Before::Name { .. }));
            let later = group[index..]
                .iter()
                .zip(&frames[index..])
                .enumerate()
                .take_while(|(i, (m, _))| *i == 0 || !own_body(m));
            let earlier = group[..index].iter().zip(&frames[..index]).rev();
            let candidates = later.map(|(_, pair)| pair).chain(earlier).take(if kin { 1 } else { group.len() });
            let Some(frame) = candidates.filter_map(|(_, f)| f.as_ref()).next() else {
                continue;
            };
            let own = orgs_of(mention);
            let shared = if own.is_empty() { shared_orgs(&group[..index], first) } else { own.clone() };
            for person in &frame.people {
                let role = match mention.entry.class {
                    Class::Relation { .. } => {
                        // "Kim's father and grandfather": the relative is named once.
                        let of = relative_of(sentence, mention, &found, named)
                            .or_else(|| relative_of(sentence, first, &found, named));
                        let Some(of) = of else { continue };
                        Role::Family(Family {
                            person: kin_name(person, &of, &mention.canonical),
                            relation: mention.canonical.clone(),
                            written: mention.title.slice(sentence).to_lowercase(),
                            of,
                        })
                    }
                    _ => Role::Title(Title {
                        person: person.clone(),
                        title: Some(mention.canonical.clone()),
                        written: phrase_span(mention, !own.is_empty()).slice(sentence).to_string(),
                        orgs: shared.clone(),
                        tense: mention.tense.or(frame.tense).unwrap_or_default(),
                    }),
                };
                let span = match &role {
                    Role::Family(family) => Span::new(relative_start(mention, &family.of), mention.title.end),
                    Role::Title(_) => phrase_span(mention, !own.is_empty()),
                };
                found.push(FoundRole { span, context: span.cover(frame.span), role });
            }
        }
    }
    found.extend(affiliations(sentence, named));
    found.extend(chairing(sentence, named));
    found
}

/// "Russo will chair the enterprise company": the verb that gives a title. The verb is found
/// first and the name read from the few words before it: a search for names everywhere costs.
fn chairing(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    static PATTERNS: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (verb_pattern, subject) = PATTERNS.get_or_init(|| {
        (
            Regex::new(r"\b(?:chairs|chaired|chair)\b").expect("valid chairing pattern"),
            Regex::new(&format!(
                r"(?P<name>{})\s+(?P<when>will\s+|would\s+|is\s+to\s+)?(?:also\s+)?$",
                names::name_pattern()
            ))
            .expect("valid chairing subject pattern"),
        )
    });
    let mut found = Vec::new();
    for verb in verb_pattern.find_iter(sentence) {
        let (from, head) = lookback(sentence, verb.start());
        let Some(caps) = subject.captures(head) else { continue };
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
            role: Role::Title(Title {
                person,
                title: Some("chairman".to_string()),
                written: span.slice(sentence).to_string(),
                orgs: body.names.iter().map(|n| orgs::org(n)).collect(),
                tense,
            }),
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

/// A blood relative given by first name alone bears the family's surname: "James Foley's
/// brother, Michael" is Michael Foley.
fn kin_name(person: &Person, of: &Person, relation: &str) -> Person {
    const BLOOD: [&str; 5] = ["parent", "child", "sibling", "grandparent", "grandchild"];
    let wider = match titles::table().lookup(relation).map(|e| e.class) {
        Some(Class::Relation { wider, .. }) => wider.unwrap_or(relation),
        _ => relation,
    };
    let single = !person.name.contains(' ') && person.first.is_none();
    if !single || !BLOOD.contains(&wider) || !of.name.contains(' ') {
        return person.clone();
    }
    Person { name: person.name.clone(), first: Some(person.last.clone()), last: of.last.clone() }
}

/// The organisation a title without its own shares with the titles it is joined to: the one
/// named before them all ("Australian Transport Minister and Deputy Prime Minister"), or a
/// country named after an earlier title ("deputy prime minister of Australia and also the
/// minister for infrastructure"). A body named after an earlier title is that title's alone:
/// "chairman of the PC business, and CEO" says nothing of where the person is CEO.
fn shared_orgs(earlier: &[Mention], first: &Mention) -> Vec<Org> {
    if let Some(Before::Possessive { text, .. } | Before::Name { text, .. }) = &first.before {
        return vec![orgs::org(text)];
    }
    earlier
        .iter()
        .rev()
        .find_map(|m| {
            let countries: Vec<Org> = orgs_of(m).into_iter().filter(|o| o.entity.is_some()).collect();
            (!countries.is_empty()).then_some(countries)
        })
        .unwrap_or_default()
}

/// Where a family role phrase starts: at the relative's name ("[Donald Trump's son-in-law]" in
/// "US President Donald Trump's son-in-law"), or the relation's possessive.
fn relative_start(mention: &Mention, of: &Person) -> usize {
    match &mention.before {
        Some(Before::Possessive { span, text }) if text.ends_with(&of.name) => span.start + text.len() - of.name.len(),
        _ => mention.start(),
    }
}

/// The role phrase of a title: with its organisation when it has its own.
fn phrase_span(mention: &Mention, with_org: bool) -> Span {
    if !with_org {
        return mention.title;
    }
    let start = match &mention.before {
        Some(Before::Possessive { span, .. } | Before::Name { span, .. }) => span.start,
        _ => mention.title.start,
    };
    Span::new(start.min(mention.title.start), mention.end())
}

fn title_pattern() -> &'static Regex {
    static TITLE: OnceLock<Regex> = OnceLock::new();
    TITLE.get_or_init(|| {
        let mut aliases = titles::table()
            .aliases(|e| matches!(e.class, Class::Title { .. } | Class::Generic | Class::Relation { .. }));
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
        regex::RegexBuilder::new(&format!(r"(?i)\b(?:{})", alternatives.join("|")))
            .size_limit(1 << 24)
            .build()
            .expect("valid title pattern")
    })
}

/// Title and relation words of a sentence, with their prefixes, time words and the phrases
/// before and after them.
fn mentions(sentence: &str) -> Vec<Mention> {
    let table = titles::table();
    let mut found = Vec::new();
    for m in title_pattern().find_iter(sentence) {
        let Some(entry) = table.lookup(m.as_str()) else { continue };
        // Relation words in lowercase: "Sister Mary" is a nun, "Father Michael" a priest.
        let capitalised = m.as_str().chars().next().is_some_and(char::is_uppercase);
        if matches!(entry.class, Class::Relation { .. }) && capitalised && !sentence[..m.start()].trim().is_empty() {
            continue;
        }
        let mut title = Span::new(m.start(), m.end());
        let mut canonical = entry.canonical.to_string();
        let mut tense = None;
        let (mut start, mut words) = (m.start(), Vec::new());
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

/// The word that ends right before `at` (across spaces and a hyphen: "then-chairman"), and
/// where it starts.
fn word_before(sentence: &str, at: usize) -> Option<(usize, &str)> {
    let head = sentence.get(..at)?;
    let trimmed = head.trim_end_matches(|c: char| c.is_whitespace() || c == '-');
    if trimmed.len() == head.len() && !head.is_empty() {
        return None;
    }
    let start = trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
    Some((start, &trimmed[start..]))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Capitalised words before a title, without the sentence's opening words that are not the
/// organisation's: "On Monday White House" → "White House", "Current HP" → "HP" (present),
/// "President Obama" → "Obama". Returns the bytes skipped, the name and the time word's tense.
fn clean_name_before(text: &str) -> Option<(usize, String, Option<Tense>)> {
    // "Nicaragua's First Lady and Government": the body is what follows the last title.
    let skip = title_pattern().find_iter(text).last().map_or(0, |m| m.end());
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
fn coordinated(sentence: &str, mentions: &[Mention]) -> Vec<Vec<Mention>> {
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

/// Who a role phrase is about, and the time its verb gives.
struct Frame {
    people: Vec<Person>,
    /// The person's name and what links it to the phrase.
    span: Span,
    tense: Option<Tense>,
}

/// The person of a role phrase: named right after it ("spokesman Lt. Col. James Sahady"),
/// before it in apposition ("Warren Truss, Australia's …"), as the subject of "will be", "is",
/// "was" ("Russo will be chairman …"), or with "as" ("led by Dion Weisler as CEO").
fn frame(sentence: &str, mention: &Mention, named: &dyn Fn(&str) -> bool) -> Option<Frame> {
    named_after(sentence, mention, named).or_else(|| named_before(sentence, mention, named))
}

struct Patterns {
    after: Regex,
    pair_after: Regex,
    apposition: Regex,
    predicate: Regex,
    as_role: Regex,
    said: Regex,
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
        let compile = |pattern: String| Regex::new(&pattern).expect("valid role frame pattern");
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
        if let Some(caps) = patterns.pair_after.captures(rest) {
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
    let caps = patterns.after.captures(rest)?;
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
    if let Some(caps) = patterns.apposition.captures(head) {
        let name = caps.name("name")?;
        let indefinite = caps.name("det").is_some_and(|d| d.as_str().trim().to_lowercase() != "the");
        // "In Kobane, a spokesman said …": a new clause, not an apposition.
        let clause = indefinite && patterns.said.is_match(&sentence[mention.end()..]);
        if !clause {
            if let Some(person) = person_at(name) {
                let span = Span::new(window_start + name.start(), end);
                return Some(Frame { people: vec![person], span, tense: None });
            }
        }
    }
    if let Some(caps) = patterns.predicate.captures(head) {
        let (name, verb) = (caps.name("name")?, caps.name("verb")?);
        if let Some(person) = person_at(name) {
            let span = Span::new(window_start + name.start(), end);
            return Some(Frame { people: vec![person], span, tense: Some(verb_tense(verb.as_str())) });
        }
    }
    let caps = patterns.as_role.captures(head)?;
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

/// The organisations a title is held in, as the mention names them.
fn orgs_of(mention: &Mention) -> Vec<Org> {
    let mut found = Vec::new();
    match &mention.before {
        Some(Before::Possessive { text, .. } | Before::Name { text, .. }) => found.push(orgs::org(text)),
        Some(Before::Pronoun { .. }) | None => {}
    }
    if let Some(after) = &mention.after {
        for name in &after.names {
            let org = orgs::org(name);
            // "a spokesman in Washington": a place, not a body.
            if after.preposition == "in" && org.entity.is_some() {
                continue;
            }
            found.push(org);
        }
    }
    found
}

/// Whose relative a family role is: the possessive before the relation ("James Foley's"), the
/// person after "of", or for "his", "her" the person of the sentence's previous family role, or
/// else the first full name of the sentence, its subject ("Michael Foley said his brother …").
fn relative_of(sentence: &str, mention: &Mention, found: &[FoundRole], named: &dyn Fn(&str) -> bool) -> Option<Person> {
    match &mention.before {
        Some(Before::Possessive { text, .. }) => return names::trailing_person(text, named),
        Some(Before::Pronoun { span }) => {
            let earlier = found.iter().rev().find_map(|f| match &f.role {
                Role::Family(family) => Some(family.of.clone()),
                Role::Title(_) => None,
            });
            return earlier.or_else(|| subject_before(&sentence[..span.start], named));
        }
        Some(Before::Name { .. }) | None => {}
    }
    let after = mention.after.as_ref().filter(|a| a.preposition == "of")?;
    let name = after.names.first()?;
    names::trailing_person(name.strip_prefix("the ").unwrap_or(name), named)
}

/// The first full name of `text`.
fn subject_before(text: &str, named: &dyn Fn(&str) -> bool) -> Option<Person> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| Regex::new(&names::name_pattern()).expect("valid name pattern"));
    name.find_iter(text).filter_map(|m| names::trailing_person(m.as_str(), named)).find(|person| person.first.is_some())
}

/// Affiliations without a title: "Lt. Col. James Sahady of the Massachusetts National Guard",
/// "Massachusetts State Police Col. Timothy Alben". "of the" and ranks are found first, and the
/// name or body read from the few words before them.
fn affiliations(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    struct Patterns {
        of_body: Regex,
        name_before: Regex,
        rank_name: Regex,
        body_before: Regex,
    }
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        let (name, ranks) = (names::name_pattern(), names::ranks_required_pattern());
        let word = r"(?:\p{Lu}\.(?:\p{Lu}\.)+|\p{Lu}[\p{L}&'’-]*)";
        let body = format!(r"{word}(?:\s+(?:of\s+|and\s+)?{word}){{0,5}}");
        let compile = |pattern: String| Regex::new(&pattern).expect("valid affiliation pattern");
        Patterns {
            of_body: compile(format!(r"\bof\s+the\s+(?P<org>{body})")),
            name_before: compile(format!(r"(?P<name>{name})\s+$")),
            rank_name: compile(format!(r"\b(?P<ranks>{ranks})(?P<name>{name})")),
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
            role: Role::Title(Title {
                person,
                title: None,
                written: span.slice(sentence).to_string(),
                orgs: vec![orgs::org(&clean)],
                tense: Tense::Present,
            }),
        });
    };
    for caps in patterns.of_body.captures_iter(sentence) {
        let (Some(all), Some(org)) = (caps.get(0), caps.name("org")) else { continue };
        let (from, head) = lookback(sentence, all.start());
        let Some(name) = patterns.name_before.captures(head).and_then(|c| c.name("name")) else { continue };
        add(name, from + name.start(), org, org.start());
    }
    for caps in patterns.rank_name.captures_iter(sentence) {
        let (Some(ranks), Some(name)) = (caps.name("ranks"), caps.name("name")) else { continue };
        let (from, head) = lookback(sentence, ranks.start());
        let Some(org) = patterns.body_before.captures(head).and_then(|c| c.name("org")) else { continue };
        add(name, name.start(), org, from + org.start());
    }
    found
}

/// Fills in the first name of each person given by surname alone, from the article's fuller
/// mentions ("Foley's brother" where the article is about James Foley).
pub fn resolve_first_names(role: &mut Role, names: &FirstNames) {
    let people: Vec<&mut Person> = match role {
        Role::Family(family) => vec![&mut family.person, &mut family.of],
        Role::Title(title) => vec![&mut title.person],
    };
    for person in people {
        if person.first.is_none() {
            person.first = names.of(&person.last).map(str::to_string);
        }
    }
    // "Burton's mother, Melissa Burton": the relative is not the person herself.
    if let Role::Family(family) = role {
        if family.of.first.is_some()
            && family.of.name.split_whitespace().count() == 1
            && family.of.same_as(&family.person)
        {
            family.of.first = None;
        }
    }
}

#[cfg(test)]
mod tests;
