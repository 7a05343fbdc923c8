//! Claim extraction: from an article's text to its claims, each with its span, sentence, subject
//! and attribution. Pure: text in, claims out.

mod acronyms;
mod attribution;
mod control;
mod dates;
mod figures;
mod name_slots;
pub(crate) mod numbers;
mod people;
mod quote_words;
mod quotes;
mod roles;
mod speakers;
mod stance;
mod subject;
mod word_counts;

pub use dates::{days_from_civil, weekday_of};
pub use quote_words::{is_function_word, match_key as quote_match_key};
pub use quotes::fragments as quote_fragments;
pub use stance::{is_stance_marker, opens_stance_phrase};
pub use subject::{clause_of, content_stem, content_stem_sym, sentence_subject, with_content_stem};

use super::align::Feature;
use super::claim::{Attribution, Claim, ClaimKind, Figure, Measure, Quote, Subject};
use super::interned;
use super::lexicon::Lexicon;
use super::text::{LineIndex, Pattern, Sentence, Span};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use word_counts::WordCounts;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
    /// Every proper name of the body (see `names::mentions`), for spelling checks.
    pub names: Vec<super::names::NameMention>,
    /// Each sentence's alignment features (document spans); none for debris.
    pub features: SentenceFeatures,
    /// The article's own date, where a dateline, front matter or caption gives it.
    pub published: Option<super::claim::DateValue>,
    /// The keys of the words its body writes in lowercase (`names::lowercase_keys`), kept so that
    /// an extraction read back from the claims cache need not read its words again.
    pub lowercase: Box<[interned::Sym]>,
}

impl Extraction {
    /// Whether this can be an extraction of `text`: every span inside the text and on character
    /// boundaries, each name inside its name phrase, each claim's sentence one of the sentences,
    /// one list of features per sentence, and dates that are dates. What `extract` returns always
    /// is; an extraction read back from elsewhere (the claims cache) is checked before the engine
    /// trusts its offsets, so that a damaged one cannot make it panic.
    pub fn fits(&self, text: &str) -> bool {
        let span_fits = |span: &Span| {
            span.start <= span.end && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
        };
        let date_fits = |date: &super::claim::DateValue| {
            date.weekday.is_none_or(|w| w < 7)
                && date.day.is_none_or(|d| (1..=31).contains(&d))
                && date.month.is_none_or(|m| (1..=12).contains(&m))
        };
        let claim_fits = |claim: &Claim| {
            let kind_fits = match &claim.kind {
                ClaimKind::Figure(figure) => figure.measures.iter().all(|m| span_fits(&m.span)),
                ClaimKind::Quote(quote) => quote.speaker_span.as_ref().is_none_or(span_fits),
                ClaimKind::Date(date) => date_fits(&date.value),
                ClaimKind::Control(_)
                | ClaimKind::Role(_)
                | ClaimKind::Name(_)
                | ClaimKind::Stance(_)
                | ClaimKind::Statement => true,
            };
            claim.sentence < self.sentences.len()
                && span_fits(&claim.span)
                && span_fits(&claim.context)
                && claim.attribution.as_ref().is_none_or(|a| span_fits(&a.span))
                && kind_fits
        };
        self.sentences.iter().all(|s| span_fits(&s.span))
            && self.claims.iter().all(claim_fits)
            && self.names.iter().all(|name| {
                span_fits(&name.span)
                    && span_fits(&name.phrase)
                    && name.phrase.start <= name.span.start
                    && name.span.end <= name.phrase.end
            })
            && self.features.len() == self.sentences.len()
            && self.features.flat().iter().all(|f| span_fits(&f.span()))
            && self.published.as_ref().is_none_or(date_fits)
    }
}

/// Each sentence's alignment features, one list for the document with each sentence's a
/// stretch of it: a list for each sentence was an allocation for each (32,000 in fnc1-train's
/// corpus). Written out as a list for each sentence, as it was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceFeatures {
    features: Box<[Feature]>,
    /// Where each sentence's features end in `features`.
    ends: Box<[u32]>,
}

impl SentenceFeatures {
    /// The features of a sentence, `None` past the last sentence.
    pub fn get(&self, sentence: usize) -> Option<&[Feature]> {
        let end = *self.ends.get(sentence)? as usize;
        let start = sentence.checked_sub(1).and_then(|previous| self.ends.get(previous)).map_or(0, |&e| e as usize);
        self.features.get(start..end)
    }

    /// How many sentences it holds features for.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each sentence's features, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[Feature]> {
        (0..self.len()).map(|sentence| self.get(sentence).unwrap_or_default())
    }

    /// Every sentence's features, one after another.
    pub fn flat(&self) -> &[Feature] {
        &self.features
    }
}

/// `SentenceFeatures` sentence by sentence, straight into the one list.
#[derive(Default)]
struct FeaturesBuilder {
    features: Vec<Feature>,
    ends: Vec<u32>,
}

impl FeaturesBuilder {
    fn with_capacity(sentences: usize, features: usize) -> FeaturesBuilder {
        FeaturesBuilder { features: Vec::with_capacity(features), ends: Vec::with_capacity(sentences) }
    }

    /// Adds the next sentence, with `features`.
    fn push_sentence(&mut self, features: impl IntoIterator<Item = Feature>) {
        self.features.extend(features);
        self.end_sentence();
    }

    /// Closes the current sentence: the features added since the last close are its own.
    fn end_sentence(&mut self) {
        self.ends.push(u32::try_from(self.features.len()).unwrap_or(u32::MAX));
    }

    fn build(self) -> SentenceFeatures {
        SentenceFeatures { features: self.features.into_boxed_slice(), ends: self.ends.into_boxed_slice() }
    }
}

impl FromIterator<Vec<Feature>> for SentenceFeatures {
    fn from_iter<I: IntoIterator<Item = Vec<Feature>>>(lists: I) -> SentenceFeatures {
        let mut built = FeaturesBuilder::default();
        for list in lists {
            built.push_sentence(list);
        }
        built.build()
    }
}

impl Serialize for SentenceFeatures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Read straight into the one list: a list for each sentence, made only to be copied and
/// dropped, cost every load from the claims cache an allocation a sentence.
impl<'de> Deserialize<'de> for SentenceFeatures {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Sentences;
        impl<'de> serde::de::Visitor<'de> for Sentences {
            type Value = SentenceFeatures;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a list of each sentence's features")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut sentences: A) -> Result<Self::Value, A::Error> {
                let mut built = FeaturesBuilder::default();
                while sentences.next_element_seed(AppendTo(&mut built.features))?.is_some() {
                    built.end_sentence();
                }
                Ok(built.build())
            }
        }
        /// One sentence's features, appended to the document's list.
        struct AppendTo<'a>(&'a mut Vec<Feature>);
        impl<'de> serde::de::DeserializeSeed<'de> for AppendTo<'_> {
            type Value = ();

            fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
                deserializer.deserialize_seq(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for AppendTo<'_> {
            type Value = ();

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a sentence's features")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut features: A) -> Result<(), A::Error> {
                while let Some(feature) = features.next_element::<Feature>()? {
                    self.0.push(feature);
                }
                Ok(())
            }
        }
        deserializer.deserialize_seq(Sentences)
    }
}

/// The most claims of one kind read from one sentence. Real copy has at most 37 (a list of
/// names) in 45,000 sentences; a sentence with more is a list or a dump, not a statement of
/// facts, and comparing every one of them with every passage would make its cost grow with the
/// square of its length.
const MAX_CLAIMS_OF_A_KIND: usize = 48;

/// The first `most` claims of each kind in each sentence, in their order.
fn at_most_per_sentence(claims: Vec<Claim>, most: usize) -> Vec<Claim> {
    let mut counts: rustc_hash::FxHashMap<(usize, std::mem::Discriminant<ClaimKind>), usize> =
        rustc_hash::FxHashMap::default();
    claims
        .into_iter()
        .filter(|claim| {
            let count = counts.entry((claim.sentence, std::mem::discriminant(&claim.kind))).or_default();
            *count += 1;
            *count <= most
        })
        .collect()
}

/// Whether `at_most_per_sentence` keeps every one of `claims`.
fn within_per_sentence(claims: &[Claim], most: usize) -> bool {
    let mut counts: rustc_hash::FxHashMap<(usize, std::mem::Discriminant<ClaimKind>), usize> =
        rustc_hash::FxHashMap::default();
    claims.iter().all(|claim| {
        let count = counts.entry((claim.sentence, std::mem::discriminant(&claim.kind))).or_default();
        *count += 1;
        *count <= most
    })
}

/// "The city" refers back at most this many sentences.
const PLACE_MEMORY: usize = 2;

pub fn extract(text: &str, lines: &LineIndex) -> Extraction {
    match extract_until(text, lines, &|| false) {
        Some(extraction) => extraction,
        None => unreachable!("an extraction nothing stops ends"),
    }
}

/// As `extract`, but gives up (`None`) as soon as `stop` says the result is no longer wanted: it
/// is asked before each sentence and between the passes over the whole text.
pub fn extract_until(text: &str, lines: &LineIndex, stop: &dyn Fn() -> bool) -> Option<Extraction> {
    read_article(text, lines, None, false, stop).map(|(extraction, _)| extraction)
}

/// What reading an article's sentences rested on besides each sentence's own text, kept with a
/// document being edited so that reading its next version (`extract_revised`) re-reads only the
/// sentences an edit touched.
#[derive(Debug)]
pub struct Reading {
    context: Context,
    /// The claims read sentence by sentence (before the cap per sentence and without the
    /// quotations, which are read over the whole text), and each sentence's range of them. They
    /// open the extraction's claims, and are kept apart only when the cap left some out.
    claims: Option<Vec<Claim>>,
    ranges: Vec<std::ops::Range<usize>>,
    /// The place "the city" refers to, entering each sentence and after the last.
    places: Vec<PlaceMemory>,
    /// What reading each sentence's claims, and its features, asked of the article's words.
    claim_questions: Vec<Questions>,
    feature_questions: Vec<Questions>,
    /// What each sentence gave the article's names (none for debris).
    names: Vec<Option<super::names::SentenceNames>>,
    /// The names of people each sentence gave (none for debris).
    persons: Vec<Option<std::sync::Arc<speakers::SentencePersons>>>,
    /// What those names made of the article's people.
    person_names: Option<std::sync::Arc<speakers::PersonNames>>,
    /// Each sentence's first date with a weekday, where the search for the article's date read it.
    weekday_dates: Vec<Option<Option<super::claim::DateValue>>>,
    /// How many sentences' claims were re-used from the version before.
    reused: usize,
    /// Each line's span and what it gave the passes over the whole article.
    lines: Vec<(Span, std::sync::Arc<LineReading>)>,
    /// Each sentence's attributions, where they were read.
    attributions: Vec<Option<std::sync::Arc<[attribution::ScopedAttribution]>>>,
}

/// What one line gives the passes over the whole article on its own text: its sentences (spans
/// within the line) and whether it is debris, the words it writes in lowercase, those it
/// capitalises inside a sentence, the first names it gives surnames, and its quotations. Kept
/// with a document being edited, so that reading its next version reads only the lines an edit
/// changed.
#[derive(Debug)]
struct LineReading {
    sentences: Vec<Span>,
    debris: bool,
    lowercase: Box<[std::sync::Arc<str>]>,
    capitalised_inside: Box<[std::sync::Arc<str>]>,
    first_names: Vec<(String, String)>,
    /// Its quotations, where they stand in the line, and their words, one for one.
    quotes: Vec<quotes::FoundQuote>,
    quote_words: Vec<QuoteWords>,
    /// The entity table the quotations' keys were read with.
    table: std::sync::Arc<super::entities::EntityTable>,
    /// Each sentence's first full date (`dates::full_date`), once asked: the article's date is
    /// looked for in its first sentence and its captions in every version.
    full_dates: Vec<OnceLock<Option<super::claim::DateValue>>>,
    /// Where it names roles, for the sides of the article's people (`people::role_spans`).
    roles: Vec<Span>,
}

/// A quotation's words as its claim holds them: the fragments as written and their match keys.
#[derive(Debug)]
struct QuoteWords {
    fragments: Vec<Box<[interned::Sym]>>,
    keys: Vec<Box<[interned::Sym]>>,
}

impl QuoteWords {
    fn read(quoted: &str) -> QuoteWords {
        let fragments = quotes::fragments(quoted);
        QuoteWords {
            keys: quote_words::keys(&fragments).into_iter().map(interned::all).collect(),
            fragments: fragments.into_iter().map(interned::all).collect(),
        }
    }
}

impl LineReading {
    fn read(line: &str) -> LineReading {
        let (sentences, debris) = super::text::line_sentences(line);
        let quotes = quotes::quotes(line);
        let quote_words = quotes.iter().map(|found| QuoteWords::read(found.span.slice(line))).collect();
        let table = super::entities::table();
        let full_dates = sentences.iter().map(|_| OnceLock::new()).collect();
        let roles = people::role_spans(line);
        if sentences.is_empty() {
            return LineReading {
                sentences,
                debris,
                lowercase: Box::default(),
                capitalised_inside: Box::default(),
                first_names: Vec::new(),
                quotes,
                quote_words,
                table,
                full_dates,
                roles,
            };
        }
        let capitalised_inside: rustc_hash::FxHashSet<&str> = sentences
            .iter()
            .flat_map(|sentence| super::text::words(sentence.slice(line)).into_iter().skip(1))
            .filter(|word| word.is_capitalized())
            .map(|word| word.text)
            .collect();
        LineReading {
            debris,
            lowercase: lowercase_words(line).iter().map(|word| std::sync::Arc::from(&**word)).collect(),
            capitalised_inside: capitalised_inside.into_iter().map(std::sync::Arc::from).collect(),
            first_names: roles::FirstNames::pairs(line),
            sentences,
            quotes,
            quote_words,
            table,
            full_dates,
            roles,
        }
    }

    /// The first full date of its sentence `index`, whose text is `sentence`.
    fn full_date(&self, index: usize, sentence: &str) -> Option<super::claim::DateValue> {
        match self.full_dates.get(index) {
            Some(known) => *known.get_or_init(|| dates::full_date(sentence)),
            None => dates::full_date(sentence),
        }
    }
}

/// The words the lines write in lowercase and those they capitalise inside a sentence, counted
/// by line: the counts of `previous` updated with the lines that changed, when it kept its lines.
fn line_words(
    line_readings: &[(Span, std::sync::Arc<LineReading>)],
    previous: Option<&Previous<'_>>,
) -> (WordCounts, WordCounts) {
    if let Some(p) = previous.filter(|p| !p.reading.lines.is_empty()) {
        let (mut lowercase, mut capitalised_inside) =
            (p.reading.context.lowercase.clone(), p.reading.context.capitalised_inside.clone());
        let before = p.reading.lines.iter().map(|(_, reading)| reading);
        for (reading, times) in word_counts::changed_lines(before, line_readings.iter().map(|(_, reading)| reading)) {
            for _ in 0..times.unsigned_abs() {
                if times > 0 {
                    lowercase.add(&reading.lowercase);
                    capitalised_inside.add(&reading.capitalised_inside);
                } else {
                    lowercase.remove(&reading.lowercase);
                    capitalised_inside.remove(&reading.capitalised_inside);
                }
            }
        }
        return (lowercase, capitalised_inside);
    }
    let (mut lowercase, mut capitalised_inside) = (WordCounts::default(), WordCounts::default());
    for (_, reading) in line_readings {
        lowercase.add(&reading.lowercase);
        capitalised_inside.add(&reading.capitalised_inside);
    }
    (lowercase, capitalised_inside)
}

/// Each line's span and reading, re-using those of `previous` (the version before) for every
/// line whose text is the same, read with the same entity table.
fn read_lines(
    text: &str,
    lines: &LineIndex,
    previous: Option<&Previous<'_>>,
) -> Vec<(Span, std::sync::Arc<LineReading>)> {
    let table = super::entities::table();
    let known: rustc_hash::FxHashMap<&str, &std::sync::Arc<LineReading>> = previous
        .map(|p| {
            p.reading
                .lines
                .iter()
                .filter(|(_, reading)| reading.table == table)
                .filter_map(|(span, reading)| Some((p.text.get(span.start..span.end)?, reading)))
                .collect()
        })
        .unwrap_or_default();
    (0..lines.line_count())
        .map(|line| {
            let span = lines.line_span(text, line);
            let line_text = span.slice(text);
            let reading = match known.get(line_text) {
                Some(&reading) => std::sync::Arc::clone(reading),
                None => std::sync::Arc::new(LineReading::read(line_text)),
            };
            (span, reading)
        })
        .collect()
}

impl Reading {
    /// How many sentences' claims this reading re-used from the version before.
    pub fn reused_sentences(&self) -> usize {
        self.reused
    }

    /// Whether two readings counted the same words of their lines: tests hold the counts a
    /// reading updated from the version before to those a fresh reading gathers.
    #[cfg(test)]
    pub(crate) fn counted_the_same_words(&self, other: &Reading) -> bool {
        self.context.lowercase == other.context.lowercase
            && self.context.capitalised_inside == other.context.capitalised_inside
    }
}

/// The questions a sentence's reading asked of the whole article's words, with their answers:
/// whether a word is written in lowercase somewhere (a common word), whether it is capitalised
/// inside a sentence (a name). A typed letter changes those sets of words at once, and a
/// sentence's reading still holds while every answer it rests on does.
#[derive(Clone, Debug, Default)]
struct Questions {
    common: Vec<(String, bool)>,
    named: Vec<(String, bool)>,
}

impl Questions {
    fn still_hold(&self, context: &Context) -> bool {
        self.common.iter().all(|(word, answer)| context.is_common(word) == *answer)
            && self.named.iter().all(|(word, answer)| context.is_named(word) == *answer)
    }
}

/// Answers the questions of one sentence's reading, writing them down when asked to.
struct Asking<'c> {
    context: &'c Context,
    record: Option<std::cell::RefCell<Questions>>,
}

impl<'c> Asking<'c> {
    fn new(context: &'c Context, record: bool) -> Self {
        Asking { context, record: record.then(Default::default) }
    }

    fn common(&self, word: &str) -> bool {
        let answer = self.context.is_common(word);
        if let Some(record) = &self.record {
            record.borrow_mut().common.push((word.to_string(), answer));
        }
        answer
    }

    fn named(&self, word: &str) -> bool {
        let answer = self.context.is_named(word);
        if let Some(record) = &self.record {
            record.borrow_mut().named.push((word.to_string(), answer));
        }
        answer
    }

    fn questions(self) -> Questions {
        let mut questions = self.record.map(std::cell::RefCell::into_inner).unwrap_or_default();
        for list in [&mut questions.common, &mut questions.named] {
            list.sort_unstable();
            list.dedup();
        }
        questions
    }
}

/// The last place named, and in which sentence.
type PlaceMemory = (Option<String>, usize);

/// What every sentence's reading depends on beyond its own words.
#[derive(Debug)]
struct Context {
    /// Shared with the lines' readings: updating them after an edit copies no word. Counted by
    /// line when the lines are kept (`Reading::lines`), for the next version's update.
    lowercase: WordCounts,
    capitalised_inside: WordCounts,
    /// The rest, which a sentence read before is re-used under only while it is all the same.
    fixed: FixedContext,
}

#[derive(Debug, PartialEq)]
struct FixedContext {
    entities: std::sync::Arc<super::entities::EntityTable>,
    first_names: roles::FirstNames,
    people: people::Affiliations,
    anchor: Option<super::claim::DateValue>,
    acronyms: rustc_hash::FxHashMap<String, String>,
}

impl Context {
    fn is_common(&self, word: &str) -> bool {
        self.lowercase.contains(word) || super::text::is_stopword(word)
    }

    fn is_named(&self, word: &str) -> bool {
        self.capitalised_inside.contains(word)
    }
}

/// A previous version of the text, its extraction and what that reading rested on.
pub struct Previous<'p> {
    pub text: &'p str,
    pub extraction: &'p Extraction,
    pub reading: &'p Reading,
}

impl Previous<'_> {
    /// The claims the previous version read sentence by sentence.
    fn sentence_claims(&self) -> &[Claim] {
        self.reading.claims.as_deref().unwrap_or(&self.extraction.claims)
    }

    /// The sentence `index` of the previous version, moved by how far its text moved, when it
    /// reads exactly as `sentence` of the new text does.
    fn unchanged(&self, index: usize, sentence: &Sentence, text: &str) -> Option<isize> {
        let old = self.extraction.sentences.get(index)?;
        let same = old.debris == sentence.debris && old.span.slice(self.text) == sentence.span.slice(text);
        same.then(|| sentence.span.start as isize - old.span.start as isize)
    }
}

/// `extract_until`, re-using from `previous` (an earlier version of the same document) the
/// claims and features of every sentence that reads exactly as it did, in the same place in the
/// order of sentences, where what the reading depends on beyond the sentence (the article's
/// names, people, dateline, the place memory) is the same too; the rest is read afresh. The
/// result is the same as reading the text from scratch. Also gives what this reading rested on,
/// for the next version.
pub fn extract_revised(
    text: &str,
    lines: &LineIndex,
    previous: Option<&Previous<'_>>,
    stop: &dyn Fn() -> bool,
) -> Option<(Extraction, Reading)> {
    read_article(text, lines, previous, true, stop)
}

/// Reads an article, re-using what `previous` read where it still holds; `keep` writes down
/// what each sentence's reading asked, for the next version (a source read once need not).
fn read_article(
    text: &str,
    lines: &LineIndex,
    previous: Option<&Previous<'_>>,
    keep: bool,
    stop: &dyn Fn() -> bool,
) -> Option<(Extraction, Reading)> {
    let line_readings = read_lines(text, lines, previous);
    let previous_extraction = previous.map(|p| p.extraction);
    let mut sentences = Vec::new();
    // Each sentence's index among its line's.
    let mut in_line = Vec::new();
    for (line, (line_span, reading)) in line_readings.iter().enumerate() {
        let debris = reading.debris;
        sentences.extend(reading.sentences.iter().map(|span| Sentence {
            span: span.shift(line_span.start),
            line,
            debris,
        }));
        in_line.extend(0..reading.sentences.len());
    }
    // The words the article writes in lowercase, and those it capitalises inside a sentence:
    // names, wherever they stand.
    let (lowercase, capitalised_inside) = line_words(&line_readings, previous);
    let first_names = roles::FirstNames::of_pairs(line_readings.iter().flat_map(|(_, r)| r.first_names.iter()));
    let roles =
        line_readings.iter().flat_map(|(line, reading)| reading.roles.iter().map(|role| role.shift(line.start)));
    let people = people::affiliations_at(text, roles);
    // How far each sentence that reads as in the previous version moved.
    let unchanged: Vec<Option<isize>> = sentences
        .iter()
        .enumerate()
        .map(|(index, sentence)| previous.and_then(|p| p.unchanged(index, sentence, text)))
        .collect();
    // Each body sentence's first date with a weekday, as far as the search for one went.
    let mut weekday_dates: Vec<Option<Option<super::claim::DateValue>>> = vec![None; sentences.len()];
    let anchor = {
        // Each sentence's first full date, as its line keeps it for the next version.
        let full_date = |index: usize| {
            let sentence = &sentences[index];
            line_readings[sentence.line].1.full_date(in_line[index], sentence.span.slice(text))
        };
        // The dateline stands in the first sentence of the first line (a one-line document's
        // first line is all of it); else a caption gives the date.
        let from_dateline = || {
            let first_line = sentences.first().filter(|s| s.line == 0).and_then(|_| full_date(0));
            first_line.or_else(|| (0..sentences.len()).filter(|&i| sentences[i].debris).find_map(full_date))
        };
        let with_weekday = || {
            sentences.iter().enumerate().filter(|(_, s)| !s.debris).find_map(|(index, sentence)| {
                let known = previous
                    .filter(|_| unchanged[index].is_some())
                    .and_then(|p| p.reading.weekday_dates.get(index).copied().flatten());
                let date = known.unwrap_or_else(|| dates::date_with_weekday(sentence.span.slice(text)));
                weekday_dates[index] = Some(date);
                date
            })
        };
        dates::header_date(text).or_else(|| dates::article_date(from_dateline, with_weekday))
    };
    let context = Context {
        lowercase,
        capitalised_inside,
        fixed: FixedContext {
            entities: super::entities::table(),
            first_names,
            people,
            anchor,
            acronyms: acronyms::acronyms(text),
        },
    };
    // Names rest on the entity table alone of the fixed context.
    let same_table = previous.filter(|p| p.reading.context.fixed.entities == context.fixed.entities);
    let previous = previous.filter(|p| p.reading.context.fixed == context.fixed);
    // Read when a sentence's claims, attributions, names or features are first read, then kept
    // for the others.
    let lexicons: Vec<std::cell::OnceCell<Lexicon<'_>>> = sentences.iter().map(|_| Default::default()).collect();
    let lexicon_of = |index: usize| lexicons[index].get_or_init(|| Lexicon::read(sentences[index].span.slice(text)));
    let attributed = SentenceAttributions::new(&lexicon_of, sentences.len(), &context.fixed.people, |index| {
        previous.filter(|_| unchanged[index].is_some())?.reading.attributions.get(index)?.clone()
    });
    let mut claim_questions = Vec::new();
    let mut reused_count = 0;
    let mut sentence_claims = Vec::new();
    let mut ranges = Vec::with_capacity(sentences.len());
    let mut places = Vec::with_capacity(sentences.len() + 1);
    let mut place: PlaceMemory = (None, 0);
    for (index, sentence) in sentences.iter().enumerate() {
        if stop() {
            return None;
        }
        places.push(place.clone());
        let first_claim = sentence_claims.len();
        let reused = previous.and_then(|p| {
            let delta = unchanged[index]?;
            let same_place = p.reading.places.get(index)? == places.last()?;
            (same_place && p.reading.claim_questions.get(index)?.still_hold(&context)).then_some((p, delta))
        });
        if let Some((p, delta)) = reused {
            let old = p.reading.ranges.get(index).and_then(|range| p.sentence_claims().get(range.clone()));
            let mut moved = super::claim::MovedAttributions::default();
            sentence_claims.extend(
                old.unwrap_or_default().iter().filter_map(|claim| claim.relocated_sharing(delta, index, &mut moved)),
            );
            place = p.reading.places.get(index + 1).cloned().unwrap_or_default();
            ranges.push(first_claim..sentence_claims.len());
            claim_questions.push(p.reading.claim_questions.get(index).cloned().unwrap_or_default());
            reused_count += 1;
            continue;
        }
        let asking = Asking::new(&context, keep);
        let lexicon = || lexicon_of(index);
        read_sentence(index, sentence, &lexicon, &asking, &attributed, &mut place, &mut sentence_claims);
        ranges.push(first_claim..sentence_claims.len());
        claim_questions.push(asking.questions());
    }
    places.push(place);
    if stop() {
        return None;
    }
    // The sentences' claims open the extraction's (the quotations follow them, and the cap
    // keeps the first of a kind), unless the cap leaves some of them out: only then does a
    // reading kept for the next version need its own copy.
    let claims =
        (keep && !within_per_sentence(&sentence_claims, MAX_CLAIMS_OF_A_KIND)).then(|| sentence_claims.clone());
    let mut all_claims = sentence_claims;
    let (persons, sentence_persons) = if keep {
        let earlier: Vec<Option<&std::sync::Arc<speakers::SentencePersons>>> = (0..sentences.len())
            .map(|i| same_table.filter(|_| unchanged[i].is_some())?.reading.persons.get(i)?.as_ref())
            .collect();
        let named = same_table.and_then(|p| p.reading.person_names.as_ref());
        speakers::Persons::read_revised(text, &sentences, &earlier, named)
    } else {
        (speakers::Persons::read(text, &sentences), Vec::new())
    };
    all_claims.extend(quote_claims(text, &line_readings, &sentences, &persons, &context.fixed.people, &attributed));
    let all_claims = at_most_per_sentence(all_claims, MAX_CLAIMS_OF_A_KIND);
    if stop() {
        return None;
    }
    let body: Vec<usize> = (0..sentences.len()).filter(|&i| !sentences[i].debris).collect();
    let body_spans: Vec<Span> = body.iter().map(|&i| sentences[i].span).collect();
    let mut sentence_names = Vec::new();
    let (names, prose_lowercase) = if keep {
        let earlier: Vec<Option<&super::names::SentenceNames>> = body
            .iter()
            .map(|&i| same_table.filter(|_| unchanged[i].is_some())?.reading.names.get(i)?.as_ref())
            .collect();
        let (names, read, lowercase) =
            super::names::mentions_revised(text, &body_spans, &earlier, &|i| lexicon_of(body[i]));
        sentence_names = vec![None; sentences.len()];
        for (&i, read) in body.iter().zip(read) {
            sentence_names[i] = Some(read);
        }
        (names, lowercase)
    } else {
        super::names::mentions_and_lowercase(text, &body_spans, &|i| lexicon_of(body[i]))
    };
    let lowercase_keys = match previous_extraction {
        Some(earlier) => super::names::lowercase_keys_revised(prose_lowercase, &earlier.lowercase),
        None => super::names::lowercase_keys(prose_lowercase),
    };
    if stop() {
        return None;
    }
    let expand = |word: &str| context.fixed.acronyms.get(word).cloned();
    let mut feature_questions = Vec::new();
    let feature_room = previous.map_or(0, |p| p.extraction.features.flat().len());
    let mut features = FeaturesBuilder::with_capacity(sentences.len(), feature_room);
    for (index, sentence) in sentences.iter().enumerate() {
        let old = previous.and_then(|p| {
            let delta = unchanged[index]?;
            let questions = p.reading.feature_questions.get(index)?;
            questions.still_hold(&context).then_some((delta, p.extraction.features.get(index)?, questions))
        });
        if let Some((delta, old, questions)) = old {
            features.push_sentence(old.iter().filter_map(|f| Some(f.at(f.span().moved_by(delta)?))));
            feature_questions.push(questions.clone());
            continue;
        }
        let asking = Asking::new(&context, keep);
        features.push_sentence(sentence_features(
            sentence,
            &|| lexicon_of(index),
            &|word| asking.common(word),
            &expand,
        ));
        feature_questions.push(asking.questions());
    }
    let attributions = if keep { attributed.into_kept() } else { Vec::new() };
    let extraction = Extraction {
        sentences,
        claims: all_claims,
        names,
        features: features.build(),
        published: context.fixed.anchor,
        lowercase: lowercase_keys,
    };
    Some((
        extraction,
        Reading {
            context,
            claims,
            ranges,
            places,
            claim_questions,
            feature_questions,
            names: sentence_names,
            persons: sentence_persons,
            person_names: keep.then(|| std::sync::Arc::clone(persons.named())),
            weekday_dates,
            reused: reused_count,
            lines: if keep { line_readings } else { Vec::new() },
            attributions,
        },
    ))
}

/// Each sentence's attributions (spans within the sentence), read at most once in a version
/// (its claims, its quotations and the quotation after it ask for them) and taken from the
/// version before for a sentence that reads the same under the same role phrases.
struct SentenceAttributions<'a> {
    /// Each sentence's words and mentions, by its index.
    lexicon: &'a dyn Fn(usize) -> &'a Lexicon<'a>,
    people: &'a people::Affiliations,
    read: Vec<std::cell::OnceCell<std::sync::Arc<[attribution::ScopedAttribution]>>>,
}

impl<'a> SentenceAttributions<'a> {
    fn new(
        lexicon: &'a dyn Fn(usize) -> &'a Lexicon<'a>,
        sentences: usize,
        people: &'a people::Affiliations,
        earlier: impl Fn(usize) -> Option<std::sync::Arc<[attribution::ScopedAttribution]>>,
    ) -> Self {
        let read = (0..sentences).map(|index| earlier(index).map(std::cell::OnceCell::from).unwrap_or_default());
        SentenceAttributions { lexicon, people, read: read.collect() }
    }

    fn of(&self, index: usize) -> &[attribution::ScopedAttribution] {
        let Some(cell) = self.read.get(index) else { return &[] };
        cell.get_or_init(|| attribution::attributions((self.lexicon)(index), self.people).into())
    }

    fn into_kept(self) -> Vec<Option<std::sync::Arc<[attribution::ScopedAttribution]>>> {
        self.read.into_iter().map(std::cell::OnceCell::into_inner).collect()
    }
}

/// Reads the claims of one sentence into `claims`; `place` is the place memory it updates.
fn read_sentence<'s>(
    index: usize,
    sentence: &Sentence,
    lexicon: &dyn Fn() -> &'s Lexicon<'s>,
    asking: &Asking<'_>,
    attributed: &SentenceAttributions<'_>,
    place: &mut PlaceMemory,
    claims: &mut Vec<Claim>,
) {
    let FixedContext { first_names, anchor, .. } = &asking.context.fixed;
    let common = |word: &str| asking.common(word);
    let named = |word: &str| asking.named(word);
    let (last_place, last_place_sentence) = place;
    if sentence.debris {
        return;
    }
    let base = sentence.span.start;
    let lexicon = lexicon();
    let sentence_text = lexicon.text;
    let attributions = attributed.of(index);
    let party_spans: Vec<Span> = attributions.iter().map(|a| a.attribution.span).collect();
    let attribution_of = |span: Span| {
        attribution::attribution_for(attributions, span).map(|scoped| {
            let mut attribution = scoped.attribution.clone();
            attribution.span = attribution.span.shift(base);
            std::sync::Arc::new(attribution)
        })
    };

    let mut measures = figures::measures(sentence_text);
    figures::mark_rivals(&mut measures);
    let all_spans: Vec<Span> = measures.iter().map(|m| m.span).collect();
    for group in group_appositions(sentence_text, measures) {
        let anchor = group.iter().map(|m| m.span).reduce(|a, b| a.cover(b)).unwrap_or(Span::new(0, 0));
        let exclude: Vec<Span> = all_spans.iter().chain(&party_spans).copied().collect();
        let (subject, context) = subject::subject_around(lexicon, anchor, &exclude);
        let measures = group
            .into_iter()
            .map(|mut m| {
                m.span = m.span.shift(base);
                m
            })
            .collect();
        claims.push(Claim {
            span: anchor.shift(base),
            sentence: index,
            kind: ClaimKind::Figure(Figure { measures }),
            subject,
            context: context.shift(base),
            attribution: attribution_of(anchor),
        });
    }

    let mut found_dates = dates::dates(sentence_text);
    if let Some(anchor) = &anchor {
        for found in &mut found_dates {
            found.value = dates::resolve(found.value, anchor);
        }
        found_dates.extend(dates::relative_dates(sentence_text, anchor));
    }
    let date_spans: Vec<Span> = found_dates.iter().map(|d| d.span).chain(all_spans.iter().copied()).collect();
    let statement_dates = found_dates.iter().filter(|d| d.of_statement).count();
    let event_dates = found_dates.len() - statement_dates;
    for found in found_dates {
        let rivals_in_sentence = if found.of_statement { statement_dates } else { event_dates }.saturating_sub(1);
        let exclude: Vec<Span> = date_spans.iter().chain(&party_spans).copied().collect();
        let (subject, context) = subject::subject_around(lexicon, found.span, &exclude);
        claims.push(Claim {
            span: found.span.shift(base),
            sentence: index,
            kind: ClaimKind::Date(super::claim::Date {
                value: found.value,
                rivals_in_sentence,
                of_statement: found.of_statement,
            }),
            subject,
            context: context.shift(base),
            attribution: attribution_of(found.span),
        });
    }

    for found in name_slots::names(lexicon, &common, &named) {
        claims.push(Claim {
            span: found.span.shift(base),
            sentence: index,
            kind: ClaimKind::Name(Box::new(found.slot)),
            subject: Subject::default(),
            context: sentence.span,
            attribution: attribution_of(found.span),
        });
    }

    for mut found in roles::roles(sentence_text, &named) {
        roles::resolve_first_names(&mut found.role, first_names);
        let names = found.role.people().iter().map(|p| super::names::name_key(&p.last)).collect::<Vec<_>>();
        let subject = Subject::new(Vec::new(), Vec::new(), names);
        claims.push(Claim {
            span: found.span.shift(base),
            sentence: index,
            kind: ClaimKind::Role(found.role),
            subject,
            context: found.context.shift(base),
            attribution: None,
        });
    }

    if index > *last_place_sentence + PLACE_MEMORY {
        *last_place = None;
    }
    for found in control::controls(sentence_text, last_place) {
        *last_place_sentence = index;
        let attribution = attribution_of(found.span);
        if (found.nominal || is_hypothetical(sentence_text, found.span)) && attribution.is_none() {
            continue;
        }
        let mut control = found.control;
        if attribution.as_ref().is_some_and(|a| a.denies) {
            control.negated = !control.negated;
        }
        if control.controller.is_none() {
            // "its forces", or "the capture of X" hailed by a party: the party's own side.
            control.controller = attribution.as_ref().and_then(|a| a.side.clone());
        }
        let Some(controller) = control.controller.clone() else {
            continue;
        };
        let subject = Subject::new([controller.as_str()], [control.place_key.as_str()], []);
        claims.push(Claim {
            span: found.span.shift(base),
            sentence: index,
            kind: ClaimKind::Control(Box::new(control)),
            subject,
            context: found.span.shift(base),
            attribution,
        });
    }
    let framing = std::cell::OnceCell::new();
    for clause in statement_clauses(lexicon) {
        let attribution = attribution_of(clause).or_else(|| {
            attributions.first().map(|scoped| {
                let mut attribution = scoped.attribution.clone();
                attribution.span = attribution.span.shift(base);
                std::sync::Arc::new(attribution)
            })
        });
        let attributed = attribution.is_some();
        if let Some(statement) = statement(lexicon, clause, base, index, attribution) {
            claims.push(statement.clone());
            let framing = *framing.get_or_init(|| stance::sentence_framing(lexicon));
            let kind = ClaimKind::Stance(stance::stance(lexicon, clause, framing, attributed));
            claims.push(Claim { kind, ..statement });
        }
    }
}

/// The alignment features of every body sentence, with document spans. A capitalised word that
/// opens a sentence is read as a common word when the article also writes it in lowercase.
fn sentence_features<'s>(
    sentence: &Sentence,
    lexicon: &dyn Fn() -> &'s Lexicon<'s>,
    common: &dyn Fn(&str) -> bool,
    expand: &dyn Fn(&str) -> Option<String>,
) -> Vec<super::align::Feature> {
    if sentence.debris {
        return Vec::new();
    }
    let mut features = super::align::lexicon_features(lexicon(), common, expand);
    for feature in &mut features {
        *feature = feature.at(feature.span().shift(sentence.span.start));
    }
    features
}

/// The words an article writes in lowercase somewhere: a capitalised one that opens a sentence
/// is then a common word, not a name.
fn lowercase_words(text: &str) -> rustc_hash::FxHashSet<std::borrow::Cow<'_, str>> {
    let mut found = rustc_hash::FxHashSet::default();
    for word in super::text::words(text) {
        if !word.text.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        // Most words are their own lowercase form (kept as the text's own), and most are written
        // more than once.
        let plain = word.text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'\'');
        if !plain {
            found.insert(std::borrow::Cow::Owned(word.lower()));
        } else {
            found.insert(std::borrow::Cow::Borrowed(word.text));
        }
    }
    found
}

/// Quotations of every body line, with their speaker: named right after the quote, by a
/// reporting verb before it, or by the sentence's attribution; a quotation that opens a sentence
/// or a paragraph goes on with the speaker before it. The speaker is then read as a person.
fn quote_claims(
    text: &str,
    lines: &[(Span, std::sync::Arc<LineReading>)],
    sentences: &[Sentence],
    persons: &speakers::Persons,
    people: &people::Affiliations,
    attributed: &SentenceAttributions<'_>,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    // The last speaker of the paragraph before (document spans).
    let mut paragraph_speaker: Option<quotes::SpeakerPhrase> = None;
    for (line_span, reading) in lines {
        let line_text = line_span.slice(text);
        if line_text.trim().is_empty() {
            continue;
        }
        let mut previous_speaker: Option<quotes::SpeakerPhrase> = None;
        for (found, words) in reading.quotes.iter().zip(&reading.quote_words) {
            let span = found.span.shift(line_span.start);
            let Some(index) = sentences
                .iter()
                .position(|s| s.span.start <= span.start && span.start < s.span.end.max(s.span.start + 1))
            else {
                continue;
            };
            let sentence = &sentences[index];
            if sentence.debris {
                continue;
            }
            let sentence_text = sentence.span.slice(text);
            let in_sentence =
                Span::new(span.start - sentence.span.start, (span.end.min(sentence.span.end)) - sentence.span.start);
            let attributions = attributed.of(index);
            let is_mark = |c: char| c.is_whitespace() || "\"“‘'".contains(c);
            let opens_sentence = sentence_text[..in_sentence.start].trim_matches(is_mark).is_empty();
            let opens_line = line_text[..found.span.start].trim_matches(is_mark).is_empty();
            let speaker = found
                .speaker_after
                .as_ref()
                .map(|s| s.clone().shift(line_span.start))
                .or_else(|| {
                    quotes::speaker_before(&sentence_text[..in_sentence.start]).map(|s| s.shift(sentence.span.start))
                })
                .or_else(|| {
                    attribution::attribution_for(attributions, in_sentence).map(|a| quotes::SpeakerPhrase {
                        text: a.attribution.party.clone(),
                        span: a.attribution.span.shift(sentence.span.start),
                    })
                })
                // A quotation that is a sentence or a paragraph of its own goes on with the last
                // speaker, or the person the sentence before says spoke.
                .or_else(|| previous_speaker.clone().filter(|_| opens_sentence))
                .or_else(|| paragraph_speaker.clone().filter(|_| opens_line))
                .or_else(|| {
                    let before = index.checked_sub(1).and_then(|i| sentences.get(i)).filter(|_| opens_sentence)?;
                    person_speaking(before, attributed.of(index - 1))
                });
            previous_speaker.clone_from(&speaker);
            let person = speaker.as_ref().and_then(|s| person_of(persons, text, s, index));
            let is_pronoun = speaker.as_ref().is_some_and(|s| matches!(s.text.to_lowercase().as_str(), "he" | "she"));
            let shown = match (&speaker, &person) {
                (Some(_), Some(person)) if is_pronoun => Some(person.clone()),
                (speaker, _) => speaker.as_ref().map(|s| s.text.clone()),
            };
            let speaker_key = person.as_deref().or(shown.as_deref()).and_then(speaker_key);
            let attribution = shown.clone().map(|party| {
                std::sync::Arc::new(Attribution {
                    side: attribution::side_of(&party, people),
                    party,
                    span,
                    denies: false,
                })
            });
            let subject = Subject::new(None, None, speaker_key.as_deref());
            claims.push(Claim {
                span,
                sentence: index,
                kind: ClaimKind::Quote(Box::new(Quote {
                    speaker: shown,
                    speaker_key,
                    person,
                    speaker_span: speaker.map(|s| s.span),
                    keys: words.keys.clone(),
                    fragments: words.fragments.clone(),
                })),
                subject,
                context: sentence.span,
                attribution,
            });
        }
        // "Mr Najib said:" ends a paragraph whose quotation is the next one.
        paragraph_speaker = previous_speaker.or_else(|| {
            line_text
                .trim_end()
                .ends_with(':')
                .then(|| quotes::speaker_before(line_text))
                .flatten()
                .map(|s| s.shift(line_span.start))
        });
    }
    claims
}

/// The party of a sentence that says someone spoke ("Mr Najib said the firms had concluded the
/// analysis."), when it is a person or a pronoun: the speaker of a quotation that follows.
fn person_speaking(
    sentence: &Sentence,
    attributions: &[attribution::ScopedAttribution],
) -> Option<quotes::SpeakerPhrase> {
    if sentence.debris {
        return None;
    }
    attributions.iter().find_map(|scoped| {
        let party = scoped.attribution.party.clone();
        let person = speakers::name_in(&party).is_some() || matches!(party.to_lowercase().as_str(), "he" | "she");
        person.then(|| quotes::SpeakerPhrase { text: party, span: scoped.attribution.span.shift(sentence.span.start) })
    })
}

/// The person a speaker phrase stands for: a pronoun's antecedent, the person it names, or the
/// person the article gives its role to.
fn person_of(
    persons: &speakers::Persons,
    text: &str,
    speaker: &quotes::SpeakerPhrase,
    sentence: usize,
) -> Option<String> {
    let phrase = speaker.text.as_str();
    if matches!(phrase.to_lowercase().as_str(), "he" | "she") {
        return persons.antecedent(sentence, speaker.span.start);
    }
    if let Some(run) = speakers::name_in(phrase) {
        return persons.person(run.span.slice(phrase), run.titled);
    }
    speakers::role_of(phrase).and_then(|role| persons.role_holder(text, &role, speaker.span.start))
}

/// The key of a speaker phrase, so that sources naming the speaker differently still match: the
/// last capitalised word that is not a country or organisation ("Kremlin spokesman Dmitry Peskov"
/// → peskov), else the entities it names ("U.S. and Ukrainian negotiators" and "the United States
/// and Ukraine" → ukraine+unitedstates).
pub fn speaker_key(speaker: &str) -> Option<String> {
    let mentions = super::entities::table().find_all(speaker);
    let in_entity = |span: Span| mentions.iter().any(|m| m.span.start <= span.start && span.end <= m.span.end);
    let person = super::text::words(speaker)
        .into_iter()
        .rev()
        .find(|w| w.is_capitalized() && w.text.chars().count() > 1 && !in_entity(w.span));
    if let Some(word) = person {
        return Some(super::names::name_key(word.text));
    }
    let mut entities: Vec<String> = mentions.iter().map(|m| super::names::name_key(m.entity)).collect();
    entities.sort();
    entities.dedup();
    (!entities.is_empty()).then(|| entities.join("+"))
}

/// A clause says too little to match another when it has fewer features than this.
const MIN_STATEMENT_FEATURES: usize = 3;

/// A factual clause as a statement, corroborated by the passages of other sources that say the
/// same; `span` is the clause (document bytes).
fn statement(
    sentence: &Lexicon<'_>,
    clause: Span,
    base: usize,
    index: usize,
    attribution: Option<std::sync::Arc<super::claim::Attribution>>,
) -> Option<Claim> {
    let subject = subject::clause_subject(sentence, clause);
    let span = clause.shift(base);
    (subject.len() >= MIN_STATEMENT_FEATURES).then_some(Claim {
        span,
        sentence: index,
        kind: ClaimKind::Statement,
        subject,
        context: span,
        attribution,
    })
}

/// The clauses of a sentence that are statements of their own (sentence-relative spans): split
/// where a relative, contrastive or participial clause opens (", which", ", but", ", carrying"),
/// at semicolons and dashes. A clause too short to say anything joins the one before it.
fn statement_clauses(lexicon: &Lexicon<'_>) -> Vec<Span> {
    let sentence = lexicon.text;
    static OPENER: OnceLock<Pattern> = OnceLock::new();
    let opener = OPENER.get_or_init(|| {
        Pattern::new(r"(?:,\s+(?:which|who|where|while|but|and|although|though|when|after|before|as)\b|,\s+[a-z]{3,}ing\b|;\s|\s[—–]\s|\sbut\s|\sand\s+(?:continues|continued|remains|remained|has|had|was|is|died|said|says|denied|denies|[a-z]+ed)\b)")
            .expect("valid clause pattern")
    });
    let mut cuts: Vec<usize> = opener.on(sentence).find_iter(sentence).map(|m| m.start()).collect();
    cuts.push(sentence.len());
    let mut clauses: Vec<Span> = Vec::new();
    let mut start = 0;
    for cut in cuts {
        let piece = Span::new(start, cut);
        let enough = subject::clause_feature_count(lexicon, piece) >= MIN_STATEMENT_FEATURES;
        match clauses.last_mut() {
            Some(last) if !enough => *last = last.cover(piece),
            _ => clauses.push(piece),
        }
        start = cut;
    }
    // A short first clause joins the next.
    if clauses.len() > 1 && subject::clause_feature_count(lexicon, clauses[0]) < MIN_STATEMENT_FEATURES {
        let merged = clauses[0].cover(clauses[1]);
        clauses.splice(0..2, [merged]);
    }
    clauses
        .into_iter()
        .map(|clause| {
            let piece = clause.slice(sentence);
            let lead = piece.len() - piece.trim_start_matches([',', ';', ' ', '—', '–']).len();
            let trail = piece.len() - piece.trim_end().len();
            Span::new(clause.start + lead, clause.end.saturating_sub(trail).max(clause.start + lead))
        })
        .collect()
}

/// Whether `span` opens inside quotation marks of its sentence: a speaker's words.
pub(super) fn inside_quotation(sentence: &str, span: Span) -> bool {
    let before = sentence.get(..span.start).unwrap_or_default();
    let opens = span.slice(sentence).trim_start().starts_with(['"', '“']);
    let straight = before.matches('"').count();
    let curly = before.matches('“').count().saturating_sub(before.matches('”').count());
    opens || straight % 2 == 1 || curly > 0
}

/// Figures joined by ", or", a dash or a bracket measure one quantity in two units
/// ("more than 19 per cent of Ukraine, or 115,600 square km"): they form one claim.
fn group_appositions(sentence: &str, measures: Vec<Measure>) -> Vec<Vec<Measure>> {
    static APPOSITION: OnceLock<Regex> = OnceLock::new();
    let apposition = APPOSITION.get_or_init(|| {
        Regex::new(r"^\s*(?:of\s+[^,;—–()]{1,40}?\s*)?(?:,\s*or\s*|\s*[—–]\s*|\s*\(\s*|,\s*or\s+about\s*)$")
            .expect("valid apposition pattern")
    });
    let mut groups: Vec<Vec<Measure>> = Vec::new();
    for measure in measures {
        if let Some(group) = groups.last_mut() {
            let previous = group.last().expect("groups are never empty");
            let gap = sentence.get(previous.span.end..measure.span.start).unwrap_or("");
            // Another dimension, or the same quantity converted ("2,500km (1,500 miles)").
            let new_dimension =
                group.iter().all(|m| m.dimension != measure.dimension || m.meets_within(&measure, 0.05));
            if new_dimension
                && measure.dimension != super::claim::Dimension::PercentagePoints
                && apposition.is_match(gap)
            {
                group.push(measure);
                continue;
            }
        }
        groups.push(vec![measure]);
    }
    groups
}

/// "Pokrovsk's capture could serve as a springboard": a consequence imagined, not a claim made.
fn is_hypothetical(sentence: &str, span: Span) -> bool {
    let after = sentence.get(span.end..).unwrap_or("");
    let next_words: Vec<String> = super::text::words(after).iter().take(2).map(|w| w.lower()).collect();
    next_words.iter().any(|w| matches!(w.as_str(), "could" | "would" | "might" | "may"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract_text(text: &str) -> Extraction {
        extract(text, &LineIndex::new(text))
    }

    #[test]
    fn sentence_features_read_back_as_they_were_written() {
        let text = "Officials said 300 soldiers died near Bakhmut.\n\nNo comment.\nKyiv denied it on Monday.";
        let features = extract_text(text).features;
        assert!(features.len() >= 3 && features.iter().filter(|f| f.is_empty()).count() < features.len());
        let bytes = postcard::to_allocvec(&features).expect("written");
        assert_eq!(postcard::from_bytes::<SentenceFeatures>(&bytes).expect("read"), features);
        // Written as a list for each sentence, as the claims cache has always held them.
        let lists: Vec<Vec<Feature>> = features.iter().map(<[Feature]>::to_vec).collect();
        assert_eq!(postcard::to_allocvec(&lists).expect("written"), bytes);
        let json = serde_json::to_string(&features).expect("written");
        assert_eq!(serde_json::from_str::<SentenceFeatures>(&json).expect("read"), features);
        assert!(postcard::from_bytes::<SentenceFeatures>(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn the_words_written_in_lowercase_are_read_as_each_one_lowercased() {
        let lowered = |text: &str| -> rustc_hash::FxHashSet<String> {
            crate::engine::text::words(text)
                .into_iter()
                .filter(|w| w.text.chars().next().is_some_and(char::is_lowercase))
                .map(|w| w.lower())
                .collect()
        };
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut texts: Vec<String> = std::fs::read_dir(folder)
            .expect("seeds")
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).expect("seed"))
            .collect();
        texts.push("iPhone eBay don’t don't rock-’n’-roll naïve 3rd x-ray O'Neil de Gaulle’s the the".to_string());
        for text in &texts {
            let words: rustc_hash::FxHashSet<String> =
                lowercase_words(text).into_iter().map(std::borrow::Cow::into_owned).collect();
            assert_eq!(words, lowered(text));
        }
    }

    #[test]
    fn a_sentence_gives_at_most_a_bounded_number_of_claims_of_each_kind() {
        let list: Vec<String> = (1..=60).map(|n| format!("{n} tonnes")).collect();
        let text = format!("The ships carried {}.", list.join(", "));
        let figures = extract_text(&text).claims.iter().filter(|c| matches!(c.kind, ClaimKind::Figure(_))).count();
        assert_eq!(figures, MAX_CLAIMS_OF_A_KIND);
        let short = "The ships carried 30 tonnes, 40 tonnes and 50 tonnes.";
        let figures = extract_text(short).claims.iter().filter(|c| matches!(c.kind, ClaimKind::Figure(_))).count();
        assert_eq!(figures, 3);
    }

    #[test]
    fn apposition_makes_one_claim_of_two_measures() {
        let text = "Russian forces control more than 19 per cent of Ukraine, or 115,600 square km, up one percentage point from two years ago, according to pro-Ukrainian maps.";
        let extraction = extract_text(text);
        let ClaimKind::Figure(figure) = &extraction.claims[0].kind else { panic!("expected a figure") };
        let texts: Vec<&str> = figure.measures.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, vec!["more than 19 per cent", "115,600 square km"]);
        assert_eq!(extraction.claims[0].attribution.as_ref().map(|a| a.party.as_str()), Some("pro-Ukrainian maps"));
    }

    #[test]
    fn control_claims_resolve_the_city_and_the_party_side() {
        let text = "Russian President Vladimir Putin spoke.\nOn Monday, Putin celebrated what he said was the capture of Pokrovsk in eastern Ukraine. Ukraine, however, said its forces still held the northern part of the city.";
        let extraction = extract_text(text);
        let controls: Vec<(String, Option<String>, bool, Option<String>)> = extraction
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Control(k) => Some((
                    k.place.clone(),
                    k.controller.clone(),
                    k.negated,
                    c.attribution.as_ref().map(|a| a.party.clone()),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            controls,
            vec![
                ("Pokrovsk".into(), Some("Russia".into()), false, Some("Putin".into())),
                ("Pokrovsk".into(), Some("Ukraine".into()), false, Some("Ukraine".into())),
            ]
        );
    }

    #[test]
    fn denial_negates_and_hypotheticals_are_skipped() {
        let text = "Troops entered the city of Pokrovsk. Ukraine denied reports that the city was entirely under Russian control. Pokrovsk's capture could serve as a springboard.";
        let extraction = extract_text(text);
        let negated: Vec<bool> = extraction
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Control(k) => Some(k.negated),
                _ => None,
            })
            .collect();
        assert_eq!(negated, vec![true]);
    }

    #[test]
    fn debris_lines_yield_no_claims() {
        let text = "Hong Kong leader orders probe into fire that killed 156";
        assert!(extract_text(text).claims.is_empty());
    }

    /// Each quotation's opening words and the person it is given to.
    fn quoted_people(text: &str) -> Vec<(String, Option<String>)> {
        extract_text(text)
            .claims
            .iter()
            .filter_map(|c| match &c.kind {
                ClaimKind::Quote(q) => Some((q.fragments[0][..2].join(" "), q.person.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn quotations_are_given_to_the_person_the_article_means() {
        let text = "Malaysia's prime minister, Najib Razak, spoke late on Monday.\n\"The flight ended in the southern Indian Ocean,\" Mr. Najib said.\n\"This is a remote location, far from any landing site.\"\nThe acting transport minister, Hishammuddin Hussein, spoke next. \"The search goes on for now,\" he told reporters.\n\"We owe it to the families to keep going,\" the prime minister said.";
        let person = |name: &str| Some(name.to_string());
        assert_eq!(
            quoted_people(text),
            vec![
                ("The flight".to_string(), person("Najib Razak")),
                ("This is".to_string(), person("Najib Razak")),
                ("The search".to_string(), person("Hishammuddin Hussein")),
                ("We owe".to_string(), person("Najib Razak")),
            ]
        );
        let before = "Gov. Ann Cole said the levee would hold through the night. \"We have pumps on every street and crews on call.\"";
        assert_eq!(quoted_people(before), vec![("We have".to_string(), person("Ann Cole"))]);
        let unnamed = "\"We will reopen the clinic next week,\" the clinic said.\n\"Nobody was hurt in the blaze today,\" a spokesman for Mayor Ann Cole said.";
        assert_eq!(quoted_people(unnamed), vec![("We will".to_string(), None), ("Nobody was".to_string(), None)]);
    }

    #[test]
    fn hostile_quotation_marks_never_panic_and_spans_stay_on_characters() {
        let texts = [
            "“Unclosed quotation with é and ’ marks’ and ‘nested ’ “again” — said Mr. É",
            "'''' ‘’ “” \"\" '‘“ word' ’s' «Ça» “ “ ” ”, Gov. said, said the prime minister.",
            "Mr. Ó’Brien said: ‘It’s the parents’ right’… “…” [“ ( ” ) ] she told “",
            "“a b c d e f” he said. He said “a b c d e f”. “a b c d e f,” she said. “a b c d e f,” said.",
        ];
        for text in texts {
            let extraction = extract_text(text);
            for claim in &extraction.claims {
                let speaker = match &claim.kind {
                    ClaimKind::Quote(q) => q.speaker_span,
                    _ => None,
                };
                for span in [Some(claim.span), Some(claim.context), speaker].into_iter().flatten() {
                    assert!(text.get(span.start..span.end).is_some(), "{span:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn the_ways_copy_names_who_is_quoted() {
        let text = "Police chief Maria Lopez and mountain guide Peter Grey led the search.\nAsked about the storm, Grey replied: \"It came out of nowhere and hit the team very hard.\"\n\"I have never seen anything like it in twenty years,\" recalled Grey.\nLopez was quoted as saying: \"This was the hardest week of my career as an officer.\"\nLopez thanked the teams, saying: \"They worked through the night without any rest.\"\n\"We found them at dawn,\" Lopez said, adding, \"The families have been told about it.\"\nGrey's wife, Ann Grey, said: \"He came home shaking and has not slept since then.\"";
        let people: Vec<Option<String>> = quoted_people(text).into_iter().map(|(_, person)| person).collect();
        let person = |name: &str| Some(name.to_string());
        assert_eq!(
            people,
            vec![
                // Two Greys in the article: the surname alone stays as it is.
                person("Grey"),
                person("Grey"),
                person("Maria Lopez"),
                person("Maria Lopez"),
                person("Maria Lopez"),
                person("Maria Lopez"),
                person("Ann Grey"),
            ]
        );
    }
}
