//! People's roles in the forms news copy gives them: a title before the name ("White House Chief
//! of Staff Denis McDonough", "Massachusetts National Guard spokesman Lt. Col. James Sahady"),
//! after it in apposition ("Warren Truss, Australia's deputy prime minister"), as a predicate
//! ("Russo will be chairman of the enterprise company", "led by Dion Weisler as CEO"), an
//! affiliation alone ("Sahady of the Massachusetts National Guard"), and family relations
//! ("James Foley's parents John and Diane Foley and his brother, Michael"). Titles are read
//! through `data/titles.tsv`; ranks and honorifics open names but are no titles. Spans are
//! sentence-relative.

mod affiliations;
mod frames;
mod mentions;
mod names;
mod phrases;
mod title_search;

pub use names::FirstNames;

use crate::engine::claim::{Family, Org, Person, Role, Title};
use crate::engine::orgs;
use crate::engine::text::Span;
use crate::engine::titles::{self, Class};
use frames::Frame;
use mentions::Mention;
use phrases::Before;
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
pub(super) const WINDOW: usize = 240;

/// The roles of a sentence. `named(word)`: the article capitalises the word inside a sentence
/// somewhere, so that it can be a name where it opens one.
pub fn roles(sentence: &str, named: &dyn Fn(&str) -> bool) -> Vec<FoundRole> {
    let mentions = mentions::mentions(sentence);
    let mut found: Vec<FoundRole> = Vec::new();
    for group in mentions::coordinated(sentence, &mentions) {
        let Some(first) = group.first() else { continue };
        let frames: Vec<Option<Frame>> = group.iter().map(|m| frames::frame(sentence, m, named)).collect();
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
                        Role::Family(Box::new(Family {
                            person: kin_name(person, &of, &mention.canonical),
                            relation: mention.canonical.clone(),
                            written: mention.title.slice(sentence).to_lowercase(),
                            of,
                        }))
                    }
                    _ => Role::Title(Box::new(Title {
                        person: person.clone(),
                        title: Some(mention.canonical.clone()),
                        written: phrase_span(mention, !own.is_empty()).slice(sentence).to_string(),
                        orgs: shared.clone(),
                        tense: mention.tense.or(frame.tense).unwrap_or_default(),
                    })),
                };
                let span = match &role {
                    Role::Family(family) => Span::new(relative_start(mention, &family.of), mention.title.end),
                    Role::Title(_) => phrase_span(mention, !own.is_empty()),
                };
                found.push(FoundRole { span, context: span.cover(frame.span), role });
            }
        }
    }
    found.extend(affiliations::affiliations(sentence, named));
    found.extend(affiliations::chairing(sentence, named));
    found
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
    static NAME: OnceLock<crate::engine::text::Pattern> = OnceLock::new();
    let name =
        NAME.get_or_init(|| crate::engine::text::Pattern::new(&names::name_pattern()).expect("valid name pattern"));
    name.on(text)
        .find_iter(text)
        .filter_map(|m| names::trailing_person(m.as_str(), named))
        .find(|person| person.first.is_some())
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

/// The word that ends right before `at` (across spaces and a hyphen: "then-chairman"), and
/// where it starts.
pub(super) fn word_before(sentence: &str, at: usize) -> Option<(usize, &str)> {
    let head = sentence.get(..at)?;
    let trimmed = head.trim_end_matches(|c: char| c.is_whitespace() || c == '-');
    if trimmed.len() == head.len() && !head.is_empty() {
        return None;
    }
    let start = trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
    Some((start, &trimmed[start..]))
}

pub(super) fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub(super) fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests;
