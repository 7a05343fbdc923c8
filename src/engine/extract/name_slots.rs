//! Names as slots of a fact: the places, organisations, people and nationalities a sentence
//! names ("rushed to Lenox Hill Hospital", "overtaken by Dell", "a Norwegian engineering firm"),
//! each with what another source's name in the same place must be compared by: its distinctive
//! words, its head ("Hospital"), the preposition before it ("to"), an acronym it is given, and
//! the entity it stands for. Spans are sentence-relative.

use crate::engine::claim::NameSlot;
use crate::engine::interned::{self, Sym};
use crate::engine::lexicon::Lexicon;
use crate::engine::text::{calendar, is_stopword, with_lowercase, Span, Word};
use crate::engine::wordlists;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundName {
    pub span: Span,
    pub slot: NameSlot,
}

/// Lowercase words that join capitalised ones into one name ("Department of Defense").
const PARTICLES: &[&str] = &["of", "for", "de", "del", "van", "von", "al", "bin", "la", "le"];
/// Titles and honorifics before a name, which are not part of it.
const HONORIFICS: &[&str] =
    &["mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "lt", "col", "capt", "maj", "sgt", "prof", "rev", "st"];

/// The name slots of a sentence. `common` tells whether a word (lowercase) is written in lowercase
/// elsewhere in the article: then a capitalised first word is that word, not a name.
pub fn names(lexicon: &Lexicon<'_>, common: &dyn Fn(&str) -> bool, known: &dyn Fn(&str) -> bool) -> Vec<FoundName> {
    let Lexicon { text: sentence, words: tokens, mentions, .. } = lexicon;
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(end) = name_run(sentence, tokens, i, common, known) else {
            i += 1;
            continue;
        };
        // Titles before a name are not part of it ("Prime Minister Najib Razak"), and a run of
        // titles or of capitalised ordinary words ("CEO", "Christians") names no one thing.
        let start = (i..end).find(|&k| !is_title_or_common(&tokens[k])).unwrap_or(end);
        if start == end {
            i = end;
            continue;
        }
        let i_run = start;
        let run = &tokens[i_run..end];
        let span = Span::new(run[0].span.start, run[run.len() - 1].span.end);
        let entity = mentions.iter().find(|m| m.span.start <= span.start && span.end <= m.span.end);
        let slot = match entity {
            // A country named as one, or a people's adjective ("a Norwegian firm").
            Some(mention) => NameSlot {
                text: span.slice(sentence).to_string(),
                words: Box::default(),
                head: None,
                head_word: None,
                preposition: preposition_before(sentence, tokens, i_run).map(|p| Sym::of(&p)),
                acronym: None,
                entity: Some(Sym::of(mention.entity)),
                distinctive: Box::default(),
            },
            None => slot_of(sentence, tokens, i_run, end),
        };
        // A source of the report, or a one-word name the article also writes as a common word
        // ("the Society", "10 News"), names nothing a fact can be compared by.
        let lone_common_word = run.len() == 1 && slot.entity.is_none() && common(&run[0].lower());
        // A name in a speaker's words is compared with the quotation, not as a slot of the fact.
        let quoted = super::inside_quotation(sentence, span);
        if lone_common_word || quoted || names_a_source(sentence, tokens, i_run, end) {
            i = end;
            continue;
        }
        let acronym = acronym_after(sentence, span).map(|a| Sym::of(&a)).or(slot.acronym);
        let span = extend_with_acronym(sentence, span);
        found.push(FoundName { span, slot: NameSlot { acronym, ..slot }.with_distinctive() });
        i = end;
        while i < tokens.len() && tokens[i].span.start < span.end {
            i += 1;
        }
    }
    found
}

/// The name from `start` to `end` (token indices) is who reports the fact: "according to CNN",
/// "told The Wrap", "Zeke Miller reported".
fn names_a_source(sentence: &str, tokens: &[Word<'_>], start: usize, end: usize) -> bool {
    let before = &sentence[..tokens[start].span.start];
    let before = before.trim_end().trim_end_matches([':', ',', '(']).trim_end().to_lowercase();
    let before = before.strip_suffix(" the").unwrap_or(&before);
    let after_source_word = wordlists::words("source-before").any(|phrase| {
        before.strip_suffix(phrase).is_some_and(|rest| rest.is_empty() || rest.ends_with([' ', '(', '"', '“']))
    });
    let reports = tokens.get(end).is_some_and(|next| {
        sentence[tokens[end - 1].span.end..next.span.start].trim().is_empty() && super::quotes::is_reporting_verb(next)
    });
    after_source_word || reports
}

fn is_title_or_common(word: &Word<'_>) -> bool {
    use crate::engine::names::lexicon::{is, Kind};
    is(Kind::Title, word.text) || is(Kind::Common, word.text)
}

/// The end (exclusive token index) of the name that starts at token `i`, if one does.
fn name_run(
    sentence: &str,
    tokens: &[Word<'_>],
    i: usize,
    common: &dyn Fn(&str) -> bool,
    known: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let first = &tokens[i];
    // Most words are not capitalised: no name opens there (`name_like` below says so too).
    if !first.is_capitalized() {
        return None;
    }
    let lower = first.lower();
    // After an ellipsis or a question inside a quotation, a capital opens a sentence too.
    let opens = i == 0 || sentence[..first.span.start].trim_end().ends_with(['"', '“', '‘', '(', ':', '…', '!', '?']);
    let name_like = |w: &Word<'_>| {
        w.is_capitalized()
            && !w.text.split(['-', '‑']).skip(1).any(|part| part.chars().next().is_some_and(char::is_lowercase))
            && !calendar::is_calendar_word(w.text)
            && !with_lowercase(w.text, |lower| HONORIFICS.contains(&lower.trim_end_matches('.')))
            && !w.text.chars().all(|c| c.is_ascii_digit())
    };
    // "The", "It's" open sentences; "New York", "The Hague" are names.
    let next_is_name = tokens
        .get(i + 1)
        .is_some_and(|n| n.is_capitalized() && sentence[first.span.end..n.span.start].trim().is_empty());
    let function_word = is_stopword(lower.trim_end_matches("'s").trim_end_matches("’s"));
    if !name_like(first) || (function_word && (opens || !next_is_name)) || (opens && common(&lower)) {
        return None;
    }
    // A capitalised word that opens a sentence is a name when the article also writes it
    // capitalised inside one, or it opens a longer name.
    if opens && !next_is_name && !known(first.text) {
        return None;
    }
    let mut end = i + 1;
    while end < tokens.len() {
        let gap = &sentence[tokens[end - 1].span.end..tokens[end].span.start];
        let possessive = tokens[end - 1].text.ends_with("'s") || tokens[end - 1].text.ends_with("’s");
        if possessive || !gap.trim().is_empty() {
            break;
        }
        if name_like(&tokens[end]) {
            end += 1;
        } else if with_lowercase(tokens[end].text, |lower| PARTICLES.contains(&lower))
            && tokens.get(end + 1).is_some_and(|next| {
                name_like(next) && sentence[tokens[end].span.end..next.span.start].trim().is_empty()
            })
        {
            end += 2;
        } else {
            break;
        }
    }
    Some(end)
}

fn slot_of(sentence: &str, tokens: &[Word<'_>], start: usize, end: usize) -> NameSlot {
    let run = &tokens[start..end];
    // The head is the last word, or the word before "of" ("Department of Defense").
    let particle = |w: &Word<'_>| with_lowercase(w.text, |lower| PARTICLES.contains(&lower));
    let before_particle = run.iter().position(particle).and_then(|at| at.checked_sub(1));
    let head_word = run[before_particle.unwrap_or(run.len() - 1)].lower();
    let head_word = head_word.trim_end_matches("'s").trim_end_matches("’s").to_string();
    let head = wordlists::kind_of("head-", &head_word).map(str::to_string);
    let head_word = head.as_ref().map(|_| crate::engine::align::skeleton(&head_word));
    let words: Vec<String> = run
        .iter()
        .filter(|w| !particle(w))
        .map(|w| crate::engine::align::skeleton(w.text))
        .filter(|k| !k.is_empty())
        .collect();
    let initials: String =
        run.iter().filter(|w| !particle(w)).filter_map(|w| w.text.chars().next()).collect::<String>().to_uppercase();
    let all_capitals = run.len() == 1 && run[0].text.len() >= 2 && run[0].text.chars().all(|c| c.is_uppercase());
    let acronym = if all_capitals { Some(run[0].text.to_string()) } else { (initials.len() >= 3).then_some(initials) };
    NameSlot {
        text: Span::new(run[0].span.start, run[run.len() - 1].span.end).slice(sentence).to_string(),
        words: interned::all(words),
        head: head.map(|h| Sym::of(&h)),
        head_word: head_word.map(|h| Sym::of(&h)),
        preposition: preposition_before(sentence, tokens, start).map(|p| Sym::of(&p)),
        acronym: acronym.map(|a| Sym::of(&a)),
        entity: None,
        distinctive: Box::default(),
    }
}

/// The preposition before token `i` ("to" in "rushed to Mount Sinai Hospital"), past an article
/// and a possessive name ("to New York's Mount Sinai Hospital", "from the UK's Air Accidents…").
/// A comma, colon or semicolon ends the phrase: an apposition ("to Fugro, a Norwegian firm") is
/// not the preposition's object.
fn preposition_before(sentence: &str, tokens: &[Word<'_>], i: usize) -> Option<String> {
    let apart = |at: usize| {
        sentence.get(tokens[at].span.end..tokens[at + 1].span.start).is_some_and(|gap| gap.contains([',', ';', ':']))
    };
    let mut at = i.checked_sub(1)?;
    if apart(at) {
        return None;
    }
    let possessive = |w: &Word<'_>| w.is_capitalized() && (w.text.ends_with("'s") || w.text.ends_with("’s"));
    if possessive(&tokens[at]) {
        while at > 0 && tokens[at - 1].is_capitalized() {
            at -= 1;
        }
        at = at.checked_sub(1)?;
    }
    // Back over the noun phrase the name closes ("by aggressive Chinese computer maker Lenovo").
    for _ in 0..5 {
        let lower = tokens[at].lower();
        if wordlists::contains("name-preposition", &lower) {
            return Some(lower);
        }
        if is_stopword(&lower) && !matches!(lower.as_str(), "the" | "a" | "an") {
            return None;
        }
        at = at.checked_sub(1)?;
        if apart(at) {
            return None;
        }
    }
    None
}

/// "(AAIB)" right after a name: its acronym, read as part of it.
fn acronym_after(sentence: &str, span: Span) -> Option<String> {
    let rest = sentence.get(span.end..)?.trim_start().strip_prefix('(')?;
    let inner = &rest[..rest.find(')')?];
    (inner.len() >= 2 && inner.len() <= 8 && inner.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
        .then(|| inner.replace('.', ""))
}

fn extend_with_acronym(sentence: &str, span: Span) -> Span {
    match acronym_after(sentence, span) {
        Some(_) => {
            let rest = &sentence[span.end..];
            let close = rest.find(')').map_or(0, |at| at + 1);
            Span::new(span.start, span.end + close)
        }
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name as the tests expect it: its text, head, preposition and entity.
    type Expected<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    type Found = (String, Option<String>, Option<String>, Option<String>);

    fn check(sentence: &str, expect: &[Expected<'_>]) {
        let got: Vec<Found> = names(&Lexicon::read(sentence), &|w| w == "investigators", &|w| w != "Investigators")
            .into_iter()
            .map(|f| {
                let text = |word: Option<Sym>| word.map(|w| w.to_string());
                (f.span.slice(sentence).to_string(), text(f.slot.head), text(f.slot.preposition), text(f.slot.entity))
            })
            .collect();
        let expect: Vec<Found> = expect
            .iter()
            .map(|(t, h, p, e)| (t.to_string(), h.map(str::to_string), p.map(str::to_string), e.map(str::to_string)))
            .collect();
        assert_eq!(got, expect, "in {sentence:?}");
    }

    #[test]
    fn sources_of_the_report_and_quoted_words_are_no_slots() {
        check(
            "Marlow was rushed to Lenox Hill Hospital, according to CNN.",
            &[("Marlow", None, None, None), ("Lenox Hill Hospital", Some("care"), Some("to"), None)],
        );
        check(
            "Marlow told The Wrap she left Lenox Hill Hospital.",
            &[("Lenox Hill Hospital", Some("care"), None, None)],
        );
        check("\"We moved her to Lenox Hill Hospital,\" Marlow said.", &[]);
    }

    #[test]
    fn places_organisations_and_nationalities() {
        check(
            "Marlow was rushed to Lenox Hill Hospital by the Harbour Rescue Service.",
            &[
                ("Marlow", None, None, None),
                ("Lenox Hill Hospital", Some("care"), Some("to"), None),
                ("Harbour Rescue Service", Some("public-body"), Some("by"), None),
            ],
        );
        check(
            "The contract went to Fugro, a Norwegian engineering firm.",
            &[("Fugro", None, Some("to"), None), ("Norwegian", None, None, Some("Norway"))],
        );
    }

    #[test]
    fn particles_join_and_acronyms_belong() {
        check(
            "It was checked by the Department of Defense and the Air Accidents Investigation Branch (AAIB).",
            &[
                ("Department of Defense", Some("public-body"), Some("by"), None),
                ("Air Accidents Investigation Branch (AAIB)", Some("public-body"), None, None),
            ],
        );
        let found = names(
            &Lexicon::read("Experts at the Air Accidents Investigation Branch (AAIB) agreed."),
            &|_| false,
            &|_| true,
        );
        assert_eq!(found.iter().find_map(|f| f.slot.acronym).as_deref(), Some("AAIB"));
    }

    #[test]
    fn honorifics_dates_and_common_first_words_are_not_names() {
        check("Investigators met Dr. Smith on Monday.", &[("Smith", None, None, None)]);
    }
}
