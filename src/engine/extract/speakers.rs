//! Who is quoted, as a person: the name a speaker phrase gives ("a somber Mr. Najib",
//! "Malaysia's prime minister, Najib Razak", "State Police Col. Timothy Alben"), completed from
//! how the article names that person in full; a role the article ties to a name ("the prime
//! minister" → Najib Razak); and a pronoun ("she told ABC News") read as the most recent named
//! person, when that is not ambiguous. A phrase that names no person (an organisation, "officials",
//! "the clinic") gives none: its quotations are compared by their words only.

use crate::engine::names::{name_key, same_name_key, same_person};
use crate::engine::text::{first_words, is_stopword, with_lowercase, with_to_lowercase, words, Sentence, Span, Word};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock};

const TITLES: &str = include_str!("../../../data/titles.txt");
const ORGANISATION_WORDS: &str = include_str!("../../../data/organisation-words.txt");

/// Lowercase particles that stand inside a name ("Abu Bakr al-Baghdadi", "Ursula von der Leyen").
const PARTICLES: &[&str] = &["al", "bin", "ibn", "van", "von", "der", "den", "de", "da", "du", "del", "la", "le"];
/// Sentences looked back for the person a pronoun stands for.
const PRONOUN_REACH: usize = 2;
/// Words that may stand between a speaker and the reporting verb ("had told", "also said").
pub const AUXILIARIES: &[&str] =
    &["had", "has", "have", "also", "later", "earlier", "then", "previously", "once", "reportedly", "repeatedly"];
/// Relations are no office: "Qiang's mother" is not whoever the article calls a mother.
const RELATIONS: &[&str] = &["mother", "father", "wife", "husband", "son", "daughter", "brother", "sister"];
/// Mentions of a role read for the name the article ties to it, at most.
const MAX_ROLE_MENTIONS: usize = 200;
/// Words of a name, at most (titles apart).
const MAX_NAME_WORDS: usize = 4;

fn word_list(source: &'static str) -> &'static HashSet<&'static str> {
    static TITLE_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static ORGANISATION_SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let cell = if std::ptr::eq(source, TITLES) { &TITLE_SET } else { &ORGANISATION_SET };
    cell.get_or_init(|| source.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// A title or a person's role ("minister", "spokeswoman", "mother"), lowercase.
pub fn is_title(lower: &str) -> bool {
    word_list(TITLES).contains(lower)
}

fn is_organisation_word(lower: &str) -> bool {
    word_list(ORGANISATION_WORDS).contains(lower)
}

/// A person's name found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameRun {
    /// The name without titles ("Timothy Alben"), relative to the text read.
    pub span: Span,
    /// A title or a role stands right before it: surely a person.
    pub titled: bool,
    /// Written as a possessor ("Trump's envoy"): the person is not the head of the phrase.
    pub possessive: bool,
}

/// The names of people in `text`: runs of capitalised words, titles cut off the front, without
/// organisations, places of the entity table, calendar words and acronyms.
pub fn name_runs(text: &str) -> Vec<NameRun> {
    name_runs_in(text, &words(text))
}

/// `name_runs` of a text whose words (`words`) are read already.
fn name_runs_in(text: &str, tokens: &[Word<'_>]) -> Vec<NameRun> {
    let mut found = Vec::new();
    let mut run: Vec<&Word<'_>> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let joins = run.last().is_some_and(|last| joined(text, last, token))
            && (token.is_capitalized() || is_particle_between(tokens, i));
        if !joins {
            found.extend(person_in_run(text, tokens, &run));
            run.clear();
        }
        if token.is_capitalized() || !run.is_empty() {
            run.push(token);
        }
        if is_possessive(token.text) {
            found.extend(person_in_run(text, tokens, &run));
            run.clear();
        }
    }
    found.extend(person_in_run(text, tokens, &run));
    found
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

fn is_particle_between(tokens: &[Word<'_>], i: usize) -> bool {
    with_lowercase(tokens[i].text, |lower| PARTICLES.contains(&lower))
        && tokens.get(i + 1).is_some_and(Word::is_capitalized)
}

/// Two words of one name: apart by spaces, or by the dot of an abbreviation or an initial
/// ("Gov. Deval Patrick", "George W. Bush").
fn joined(text: &str, previous: &Word<'_>, next: &Word<'_>) -> bool {
    let gap = text.get(previous.span.end..next.span.start).unwrap_or(",");
    if gap.chars().all(char::is_whitespace) && !gap.is_empty() && !gap.contains('\n') {
        return true;
    }
    let abbreviation = with_lowercase(previous.text, is_title) || previous.text.chars().count() == 1;
    abbreviation && gap.starts_with('.') && gap[1..].chars().all(|c| c == ' ') && gap.len() > 1
}

fn person_in_run(text: &str, tokens: &[Word<'_>], run: &[&Word<'_>]) -> Option<NameRun> {
    let first = *run.first()?;
    let possessive = run.last().is_some_and(|w| is_possessive(w.text));
    let lower: Vec<String> = run.iter().map(|w| bare(w.text).to_lowercase()).collect();
    // The name starts after the last title or organisation word that has a word after it.
    // After a title, a name ("State Police Col. Timothy Alben"); after an organisation's word,
    // more of the organisation ("Institute for International Economic Policy").
    let cut = (0..run.len().saturating_sub(1)).rev().find(|&k| is_title(&lower[k]) || is_stopword(&lower[k]));
    let start = cut.map_or(0, |k| k + 1);
    let mut name = &run[start..];
    while name.last().is_some_and(|w| !w.is_capitalized()) {
        name = &name[..name.len() - 1];
    }
    let table = crate::engine::entities::table();
    let person_like = |w: &&Word<'_>| {
        let acronym =
            w.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && w.text.chars().count() > 1;
        !acronym
            && !w.text.chars().any(|c| c.is_ascii_digit())
            && with_to_lowercase(bare(w.text), |lower| {
                !is_organisation_word(lower)
                    && !is_title(lower)
                    && !is_stopword(lower)
                    && !crate::engine::text::calendar::is_calendar_word(lower)
            })
    };
    if name.is_empty() || name.len() > MAX_NAME_WORDS || !name.iter().all(person_like) {
        return None;
    }
    if name.iter().all(|w| table.canonical(bare(w.text)).is_some()) {
        return None;
    }
    let titled = cut.is_some_and(|k| is_title(&lower[k]))
        || tokens
            .iter()
            .take_while(|w| w.span.start < first.span.start)
            .last()
            .is_some_and(|w| is_title(&w.lower()) && text[w.span.end..first.span.start].trim().is_empty());
    let last = name.last()?;
    let end = last.span.start + bare(last.text).len();
    Some(NameRun { span: Span::new(name[0].span.start, end), titled, possessive })
}

/// A word without its possessive ending.
fn bare(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

/// The person a speaker phrase names, with the span of the name in the phrase: the first
/// comma-separated part that ends on a name ("Col. Timothy Alben, superintendent of the State
/// Police"; "Malaysia's prime minister, Najib Razak"), unless the name is governed by a role
/// before it ("a spokesman for Prime Minister Najib Razak", "the mother of James Foley").
pub fn name_in(phrase: &str) -> Option<NameRun> {
    let mut offset = 0;
    for part in phrase.split(',') {
        let runs = name_runs(part);
        if let Some(run) = runs.last().filter(|run| !run.possessive) {
            let tail = part[run.span.end..].trim();
            let governed = words(&part[..run.span.start]).iter().rev().take(4).enumerate().any(|(i, w)| {
                let lower = w.lower();
                let preposition = matches!(lower.as_str(), "for" | "to" | "at" | "with" | "from" | "by");
                let of_role = lower == "of"
                    && !{
                        let before = words(&part[..w.span.start]);
                        before.last().is_some_and(Word::is_capitalized)
                    };
                i < 4 && (preposition || of_role)
            });
            if tail.is_empty() && !governed {
                return Some(NameRun { span: run.span.shift(offset), ..*run });
            }
        }
        offset += part.len() + 1;
    }
    None
}

/// A person mention of the article, for completing short names and reading pronouns.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Mention {
    name: String,
    /// Document bytes of the name.
    span: Span,
    sentence: usize,
    /// The subject of its sentence: nothing but titles, names and determiners before it.
    subject: bool,
    possessive: bool,
}

/// The names one sentence gives the article's people, before the article decides which name
/// people (spans in the sentence, sentence 0).
#[derive(Clone, Debug, Default)]
pub struct SentencePersons(Vec<(NameRun, Mention)>);

impl SentencePersons {
    fn read(sentence_text: &str) -> SentencePersons {
        let quoted = quoted_stretches(sentence_text);
        let mut candidates = Vec::new();
        // A titled name or a name of two words or more already read in this sentence.
        let mut full_name_before = false;
        let tokens = words(sentence_text);
        for run in name_runs_in(sentence_text, &tokens) {
            if quoted.iter().any(|q| q.start <= run.span.start && run.span.start < q.end) {
                continue;
            }
            let name = run.span.slice(sentence_text).to_string();
            let before = &sentence_text[..run.span.start];
            // Titles, names and a few modifiers ("White House press secretary", "a somber
            // Mr."), but no clause ("As the bear clawed him, …"). A run starts at a word, and
            // no word runs over it: the words before it are the sentence's, read once.
            let prefix = &tokens[..tokens.partition_point(|w| w.span.end <= run.span.start)];
            let modifiers = prefix.iter().filter(|w| !w.is_capitalized() && !with_lowercase(w.text, is_title)).count();
            let opens = prefix.iter().all(|w| {
                with_lowercase(w.text, |lower| {
                    matches!(lower, "the" | "a" | "an") || is_title(lower) || !is_stopword(lower)
                })
            }) && modifiers <= 3
                && !before.contains(['"', '“', '‘'])
                && !full_name_before;
            full_name_before |= run.titled || name.split_whitespace().count() >= 2;
            // "…, White House press secretary Josh Earnest said."; "The envoy, Nikolay
            // Mladenov, also told the council".
            let speaks = speaks_next(&sentence_text[run.span.end..]);
            let subject = opens || speaks;
            candidates.push((run, Mention { name, span: run.span, sentence: 0, subject, possessive: run.possessive }));
        }
        SentencePersons(candidates)
    }
}

/// The people an article names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Persons {
    /// In the order of the text.
    mentions: Vec<Mention>,
    /// Which names are people's, and their keys.
    named: Arc<PersonNames>,
    /// The text in ASCII lowercase (same byte offsets), where roles are looked for.
    lower: String,
}

/// What an article's candidate names make of its people, worked out from the names alone (not
/// where they stand): kept for the next version of a document being edited, which takes it as
/// it is while its candidates are the same names in the same order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PersonNames {
    /// Each candidate's name, and whether it is a full one (titled, or of two words or more).
    candidates: Vec<(bool, String)>,
    /// Whether each candidate names a person.
    keep: Vec<bool>,
    /// The distinct names of the candidates kept: what a name is looked up in.
    names: Vec<String>,
    /// Each name's key, and its words' keys, one for one with `names`: a name is looked up for
    /// every quotation and pronoun.
    name_keys: Vec<(String, Vec<String>)>,
}

/// Whether a candidate is a full name: titled, or of two words or more.
fn full(run: &NameRun, mention: &Mention) -> bool {
    run.titled || mention.name.split_whitespace().count() >= 2
}

impl PersonNames {
    fn of(candidates: &[(NameRun, Mention)]) -> PersonNames {
        let mut full_keys: Vec<String> = candidates
            .iter()
            .filter(|(run, m)| full(run, m))
            .flat_map(|(_, m)| m.name.split_whitespace())
            .map(name_key)
            .collect();
        full_keys.sort_unstable();
        full_keys.dedup();
        // Asked once a name: an article names its people again and again.
        let mut part_of_full: HashMap<&str, bool> = HashMap::default();
        let keep: Vec<bool> = candidates
            .iter()
            .map(|(run, m)| {
                full(run, m)
                    || *part_of_full.entry(m.name.as_str()).or_insert_with(|| {
                        let key = name_key(&m.name);
                        full_keys.iter().any(|w| same_name_key(w, &key))
                    })
            })
            .collect();
        let mut names: Vec<String> =
            candidates.iter().zip(&keep).filter(|(_, keep)| **keep).map(|((_, m), _)| m.name.clone()).collect();
        names.sort_unstable();
        names.dedup();
        let name_keys =
            names.iter().map(|name| (name_key(name), name.split_whitespace().map(name_key).collect())).collect();
        let candidates = candidates.iter().map(|(run, m)| (full(run, m), m.name.clone())).collect();
        PersonNames { candidates, keep, names, name_keys }
    }

    /// Whether these are worked out from the same names, in the same order, as `candidates`.
    fn holds_for(&self, candidates: &[(NameRun, Mention)]) -> bool {
        self.candidates.len() == candidates.len()
            && self
                .candidates
                .iter()
                .zip(candidates)
                .all(|((was_full, name), (run, m))| *name == m.name && *was_full == full(run, m))
    }
}

impl Persons {
    /// The people named in the body sentences of `text`: titled names, names of two words or
    /// more, and the single words that are part of one of those ("Patrick" after "Gov. Deval
    /// Patrick").
    pub fn read(text: &str, sentences: &[Sentence]) -> Persons {
        Persons::read_revised(text, sentences, &[], None).0
    }

    /// `read`, re-using what an earlier version of the article read of each sentence whose
    /// text is unchanged (`previous[i]` for `sentences[i]`, when the caller knows it reads as
    /// before), and what `earlier` made of the names while they are the same; also gives what
    /// each sentence read (none for debris), for the next version.
    pub fn read_revised(
        text: &str,
        sentences: &[Sentence],
        previous: &[Option<&Arc<SentencePersons>>],
        earlier: Option<&Arc<PersonNames>>,
    ) -> (Persons, Vec<Option<Arc<SentencePersons>>>) {
        let read: Vec<Option<Arc<SentencePersons>>> = sentences
            .iter()
            .enumerate()
            .map(|(index, sentence)| {
                if sentence.debris {
                    return None;
                }
                Some(match previous.get(index).copied().flatten() {
                    Some(old) => Arc::clone(old),
                    None => Arc::new(SentencePersons::read(sentence.span.slice(text))),
                })
            })
            .collect();
        let mut candidates: Vec<(NameRun, Mention)> = Vec::new();
        for (index, (sentence, persons)) in sentences.iter().zip(&read).enumerate() {
            let Some(persons) = persons else { continue };
            candidates.extend(persons.0.iter().map(|(run, mention)| {
                (*run, Mention { span: mention.span.shift(sentence.span.start), sentence: index, ..mention.clone() })
            }));
        }
        let named = match earlier.filter(|named| named.holds_for(&candidates)) {
            Some(named) => Arc::clone(named),
            None => Arc::new(PersonNames::of(&candidates)),
        };
        let mentions: Vec<Mention> =
            candidates.into_iter().zip(&named.keep).filter(|(_, keep)| **keep).map(|((_, m), _)| m).collect();
        (Persons { mentions, named, lower: text.to_ascii_lowercase() }, read)
    }

    /// What the article's names make of its people, for the next version (`read_revised`).
    pub fn named(&self) -> &Arc<PersonNames> {
        &self.named
    }

    /// The person a name found in a speaker phrase stands for, in full: a titled name, a name of
    /// two words or more, or one the article names elsewhere as a person. A lone capitalised word
    /// ("Witnesses said") is none.
    pub fn person(&self, name: &str, titled: bool) -> Option<String> {
        let key = name_key(name);
        let known = self.named.name_keys.iter().any(|(_, words)| words.iter().any(|w| same_name_key(w, &key)));
        (titled || name.split_whitespace().count() >= 2 || known).then(|| self.full_name(name))
    }

    /// A name as the article gives it in full: "Najib" → "Najib Razak" when one full name holds
    /// it; the name itself when none does, or several do ("Foley" in an article on a family).
    pub fn full_name(&self, name: &str) -> String {
        let parts: Vec<String> = name.split_whitespace().map(name_key).collect();
        // Each fuller name, by its key: two spellings of one name are one.
        let mut fuller: Vec<(&str, &str)> = Vec::new();
        for (full, (key, words)) in self.named.names.iter().zip(&self.named.name_keys) {
            let holds = words.len() > parts.len() && parts.iter().all(|p| words.iter().any(|w| same_name_key(w, p)));
            if holds && !fuller.iter().any(|(_, k)| *k == key.as_str()) {
                fuller.push((full, key));
            }
        }
        match fuller.as_slice() {
            [(one, _)] => one.to_string(),
            _ => name.to_string(),
        }
    }

    /// The person a pronoun at `offset` (document bytes) of sentence `sentence` stands for: the
    /// subject of its sentence before it, else of the nearest sentence before that has a person
    /// as its subject (who opens it, or is said to speak). None when that sentence has several
    /// ("Ann Lee and Bob Kerr said"), or none within reach: a person named only in passing ("at
    /// the sound of the Bieber track") is not whom "he said" means.
    pub fn antecedent(&self, sentence: usize, offset: usize) -> Option<String> {
        let reach = sentence.saturating_sub(PRONOUN_REACH);
        for index in (reach..=sentence).rev() {
            let first = self.mentions.partition_point(|m| m.sentence < index);
            let subjects: Vec<&Mention> = self.mentions[first..]
                .iter()
                .take_while(|m| m.sentence == index)
                .filter(|m| index < sentence || m.span.end <= offset)
                .filter(|m| m.subject && !m.possessive)
                .collect();
            let mut distinct: Vec<String> = Vec::new();
            for mention in &subjects {
                let name = self.full_name(&mention.name);
                if !distinct.iter().any(|d| same_person(d, &name)) {
                    distinct.push(name);
                }
            }
            match distinct.len() {
                0 => continue,
                1 => return distinct.pop(),
                _ => return None,
            }
        }
        None
    }

    /// The person the article ties a role to ("the prime minister" → Najib Razak, from "Prime
    /// Minister Najib Razak" or "Najib Razak, the prime minister"): the nearest such phrase
    /// before `offset`, else the first after it. `role` is the role's words, lowercase.
    pub fn role_holder(&self, text: &str, role: &str, offset: usize) -> Option<String> {
        if role.is_empty() {
            return None;
        }
        let lower = if self.lower.len() == text.len() { self.lower.as_str() } else { return None };
        let mut before = None;
        let mut after = None;
        for (at, _) in lower.match_indices(role).take(MAX_ROLE_MENTIONS) {
            let end = at + role.len();
            let whole_words = !lower[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                && !lower[end..].chars().next().is_some_and(char::is_alphanumeric);
            if !whole_words {
                continue;
            }
            // Mentions are in the order of the text: the one right after the role, else one
            // ending at most 40 bytes before it (names are shorter than 360 bytes).
            let after_role = self.mentions.partition_point(|m| m.span.start < end);
            let before_role = self.mentions.partition_point(|m| m.span.start + 400 < at);
            let holder = self.mentions[after_role..]
                .iter()
                .take_while(|m| m.span.start <= end + 3)
                .find(|m| {
                    let gap = text.get(end..m.span.start).unwrap_or("x");
                    gap.trim_start_matches([',', ' ']).is_empty() && gap.len() <= 3
                })
                .or_else(|| {
                    self.mentions[before_role..].iter().take_while(|m| m.span.start < at).find(|m| {
                        let gap = text.get(m.span.end..at).unwrap_or("x");
                        m.span.end <= at && gap.starts_with(", ") && gap.len() <= 40 && apposition_modifiers(gap)
                    })
                });
            if let Some(mention) = holder {
                if at < offset {
                    before = Some(mention);
                } else if after.is_none() {
                    after = Some(mention);
                }
            }
        }
        before.or(after).map(|m| self.full_name(&m.name))
    }
}

/// The text after a name goes on with a reporting verb: "said", "also told", ", of the Korea
/// Institute, told".
fn speaks_next(after: &str) -> bool {
    // Whether the first word that is no auxiliary is a reporting verb; `None` without one.
    let first_verb = |words: &[Word<'_>]| {
        words.iter().find_map(|w| {
            with_lowercase(w.text, |lower| {
                (!AUXILIARIES.contains(&lower)).then(|| super::attribution::is_reporting_verb(lower))
            })
        })
    };
    // The verb comes first, or after an auxiliary or two: the rest of a long text is read only
    // when its first words are all auxiliaries.
    let verb_first =
        |text: &str| first_verb(&first_words(text, 4)).or_else(|| first_verb(&words(text))).unwrap_or(false);
    let Some(rest) = after.strip_prefix(',') else { return verb_first(after) };
    let apposition = rest
        .split_once(',')
        .filter(|(apposition, _)| first_words(apposition, 13).len() <= 12 && !apposition.contains(['.', '"', '“']));
    verb_first(rest) || apposition.is_some_and(|(_, rest)| verb_first(rest))
}

/// The stretches of a sentence inside double quotation marks; an unclosed mark runs to the end
/// (a quotation that goes on in the next sentence).
fn quoted_stretches(sentence: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in sentence.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(at),
            ('”', Some(start)) | ('"', Some(start)) => {
                found.push(Span::new(start, at));
                open = None;
            }
            ('”', None) => found.push(Span::new(0, at)),
            ('"', None) => open = Some(at),
            _ => {}
        }
    }
    if let Some(start) = open {
        found.push(Span::new(start, sentence.len()));
    }
    found
}

/// The words between a name and its role in "Najib Razak, Malaysia's prime minister": a
/// determiner, a country's possessive, modifiers; no clause ("…, while Qiang's mother").
fn apposition_modifiers(gap: &str) -> bool {
    let table = crate::engine::entities::table();
    words(gap).iter().all(|w| {
        let lower = w.lower();
        if is_possessive(w.text) {
            return table.canonical(bare(w.text)).is_some();
        }
        matches!(lower.as_str(), "the" | "a" | "an") || (!w.is_capitalized() && !is_stopword(&lower))
    })
}

/// The role words of a speaker phrase that names no one ("the acting transport minister" →
/// "acting transport minister", "Malaysia's prime minister" → "prime minister"), when it ends on a
/// title or a person's role.
pub fn role_of(phrase: &str) -> Option<String> {
    let tokens = words(phrase);
    let head = tokens.last()?;
    if head.is_capitalized() || !is_title(&head.lower()) || RELATIONS.contains(&head.lower().as_str()) {
        return None;
    }
    // "Trump's envoy", "Qiang's mother": a person's, not an office the article gives a name.
    let table = crate::engine::entities::table();
    if tokens.iter().any(|w| is_possessive(w.text) && table.canonical(bare(w.text)).is_none()) {
        return None;
    }
    let from = tokens
        .iter()
        .rposition(|w| w.is_capitalized() || is_possessive(w.text) || matches!(w.lower().as_str(), "the" | "a" | "an"))
        .map_or(0, |i| i + 1);
    let role: Vec<String> = tokens[from..].iter().map(Word::lower).collect();
    (!role.is_empty()).then(|| role.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::text::{split_sentences, LineIndex};

    fn check_name(phrase: &str, expect: Option<&str>) {
        assert_eq!(name_in(phrase).map(|run| run.span.slice(phrase)), expect, "in {phrase:?}");
    }

    #[test]
    fn the_person_a_speaker_phrase_names() {
        check_name("a somber Mr. Najib", Some("Najib"));
        check_name("Malaysia's prime minister, Najib Razak", Some("Najib Razak"));
        check_name("Prime Minister Najib Razak", Some("Najib Razak"));
        check_name("Massachusetts State Police Col. Timothy Alben", Some("Timothy Alben"));
        check_name("Gov. Deval Patrick", Some("Deval Patrick"));
        check_name("Col. Timothy Alben, superintendent of the Massachusetts State Police", Some("Timothy Alben"));
        check_name("Secretary of State John Kerry", Some("John Kerry"));
        check_name("a spokesman for Prime Minister Najib Razak", None);
        check_name("The mother of James Foley", None);
        check_name("Trump's envoy", None);
        check_name("Fox News", None);
        check_name("the Institute for International Economic Policy", None);
        check_name("the clinic", None);
        check_name("Kremlin spokesman Dmitry Peskov", Some("Dmitry Peskov"));
    }

    fn persons(text: &str) -> Persons {
        Persons::read(text, &split_sentences(text, &LineIndex::new(text)))
    }

    /// `SentencePersons::read` takes the words before a name run from the sentence's words.
    #[test]
    fn the_words_before_a_name_run_are_the_sentences_words_before_it() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(folder)
            .expect("seeds")
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push("al-Assad's O'Neil-Smith met Jean-Pierre Dupont’s aide, and X-Ray Gov. Ana Ruiz‑Lopez spoke".into());
        let mut runs = 0;
        for text in &texts {
            for sentence in split_sentences(text, &LineIndex::new(text)) {
                let sentence = sentence.span.slice(text);
                let tokens = words(sentence);
                for run in name_runs_in(sentence, &tokens) {
                    let prefix = &tokens[..tokens.partition_point(|w| w.span.end <= run.span.start)];
                    assert_eq!(prefix, words(&sentence[..run.span.start]).as_slice(), "{sentence:?}");
                    runs += 1;
                }
            }
        }
        assert!(runs > 100, "{runs} runs");
    }

    #[test]
    fn people_read_with_the_names_of_a_version_before_are_the_people_read_afresh() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let pieces = ["e", " ", ". ", " said", " Halvern Dupree", " Gov. Anouk Verhaal", " Dupree", "Mr. "];
        let mut rolls = crate::engine::rolls::Rolls::new(0x2545_f491_4f6c_dd1du64);
        let (mut taken, mut worked_out) = (0, 0);
        for path in std::fs::read_dir(folder).expect("seeds").flatten().map(|e| e.path()).take(6) {
            let mut text = std::fs::read_to_string(&path).expect("seed");
            let mut named = Arc::clone(persons(&text).named());
            for step in 0..30 {
                let at = rolls.place_in(&text);
                text.insert_str(at, pieces[rolls.below(pieces.len())]);
                let sentences = split_sentences(&text, &LineIndex::new(&text));
                let (revised, _) = Persons::read_revised(&text, &sentences, &[], Some(&named));
                assert_eq!(revised, Persons::read(&text, &sentences), "{} step {step}", path.display());
                if Arc::ptr_eq(revised.named(), &named) {
                    taken += 1;
                } else {
                    worked_out += 1;
                }
                named = Arc::clone(revised.named());
            }
        }
        assert!(taken > 0 && worked_out > 0, "{taken} taken, {worked_out} worked out: the test proves little");
    }

    #[test]
    fn short_names_and_roles_are_completed_from_the_article() {
        let text = "Malaysia's prime minister, Najib Razak, spoke on Monday. Mr. Najib was somber.";
        let people = persons(text);
        assert_eq!(people.full_name("Najib"), "Najib Razak");
        assert_eq!(people.role_holder(text, "prime minister", text.len()), Some("Najib Razak".to_string()));
        let family = "Diane Foley spoke. John Foley did not. Foley wept.";
        assert_eq!(persons(family).full_name("Foley"), "Foley", "two people hold the name");
        assert_eq!(role_of("the acting transport minister"), Some("acting transport minister".to_string()));
        assert_eq!(role_of("Malaysia's prime minister"), Some("prime minister".to_string()));
        assert_eq!(role_of("the clinic"), None);
        assert_eq!(role_of("Qiang's mother"), None);
        let kin = "Xue Paan minded Qiang Qiang, while Qiang's mother went out. \"I was out,\" the mother said.";
        assert_eq!(persons(kin).role_holder(kin, "mother", kin.len()), None);
    }

    fn check_pronoun(text: &str, pronoun_in: &str, expect: Option<&str>) {
        let sentences = split_sentences(text, &LineIndex::new(text));
        let at = text.find(pronoun_in).expect("pronoun in text");
        let sentence = sentences.iter().position(|s| s.span.contains(at)).expect("in a sentence");
        assert_eq!(persons(text).antecedent(sentence, at).as_deref(), expect, "in {text:?}");
    }

    #[test]
    fn a_pronoun_is_the_most_recent_named_person() {
        check_pronoun(
            "Diane Foley told CNN's Anderson Cooper that officials warned the family. \"We were scared,\" she told ABC News.",
            "she told",
            Some("Diane Foley"),
        );
        check_pronoun(
            "White House press secretary Denis McDonough rejected the accusations. \"We did not,\" he said.",
            "he said",
            Some("Denis McDonough"),
        );
        check_pronoun(
            "Ann Lee met Bob Kerr in Rome, officials said. \"It went well,\" she said.",
            "she said",
            Some("Ann Lee"),
        );
        check_pronoun("James Foley's father, Michael, spoke to reporters. \"It was hard,\" he said.", "he said", None);
        check_pronoun("The storm hit the coast. \"It was hard,\" she said.", "she said", None);
        check_pronoun(
            "\"Fat is good,\" defector Cho Myung-Chul, of the Institute for International Economic Policy, told the Mirror. \"He gained weight,\" he added.",
            "he added",
            Some("Cho Myung-Chul"),
        );
        check_pronoun(
            "Mr Alhakim briefed the council. The envoy to Iraq, Nikolay Mladenov, also told the council of killings. He said \"it is very clear\".",
            "He said",
            Some("Nikolay Mladenov"),
        );
        check_pronoun(
            "Igor Vorozhbitsyn was attacked by a bear. At the sound of the Justin Bieber track, the bear fled. \"I was lucky,\" he said.",
            "he said",
            Some("Igor Vorozhbitsyn"),
        );
    }
}
