//! What a sentence is about, as features that align it with the sentences of other sources:
//! content-word stems (general concepts folded, `data/concepts.tsv`), names (spelling variants
//! folded to a skeleton) and canonical entities, each with its span. Numbers and calendar words
//! are left out: they are the slots that get compared, not what aligns passages.

use crate::engine::extract::with_content_stem;
use crate::engine::lexicon::Lexicon;
use crate::engine::text::{calendar, is_stopword, with_lowercase, words, Span};
use crate::engine::{concepts, entities};
use serde::{Deserialize, Serialize};

/// A feature's identity: a hash of its kind and its normalised text. Equal keys are one feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key(pub u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeatureKind {
    /// A lowercase content word, stemmed.
    Word,
    /// A capitalised word that is not a known entity: a person, place or organisation's name.
    Name,
    /// A country, bloc or organisation of the entity table, by its canonical name.
    Entity,
}

/// A feature where it stands: sentence-relative bytes as `sentence_features` reads it, document
/// bytes in an extraction. Sixteen bytes, as a corpus holds hundreds of thousands: the span is
/// kept as its start and its length, exact for any text under 4 GB (a sentence is at most
/// `MAX_SENTENCE_BYTES`, so a feature is far shorter than 64 KB); past that they saturate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feature {
    pub key: Key,
    start: u32,
    len: u16,
    pub kind: FeatureKind,
}

impl Feature {
    pub fn new(span: Span, key: Key, kind: FeatureKind) -> Feature {
        let start = u32::try_from(span.start).unwrap_or(u32::MAX);
        let len = u16::try_from(span.len()).unwrap_or(u16::MAX);
        Feature { key, start, len, kind }
    }

    pub fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(start, start.saturating_add(usize::from(self.len)))
    }

    /// The same feature with its span `span`.
    pub fn at(&self, span: Span) -> Feature {
        Feature::new(span, self.key, self.kind)
    }

    /// Names and entities: what a claim hangs on, as opposed to what is said of it.
    pub fn is_proper(&self) -> bool {
        matches!(self.kind, FeatureKind::Name | FeatureKind::Entity)
    }
}

impl Key {
    pub fn of(kind: FeatureKind, text: &str) -> Key {
        // FNV-1a: stable across runs and platforms, so keys can be compared between documents.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let tag = match kind {
            FeatureKind::Word => b'w',
            FeatureKind::Name => b'n',
            FeatureKind::Entity => b'e',
        };
        for byte in std::iter::once(tag).chain(text.bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Key(hash)
    }

    pub fn word(stem: &str) -> Key {
        Key::of(FeatureKind::Word, stem)
    }

    pub fn name(name: &str) -> Key {
        Key::of(FeatureKind::Name, &skeleton(name))
    }

    pub fn entity(canonical: &str) -> Key {
        Key::of(FeatureKind::Entity, canonical)
    }
}

/// A name reduced to what survives transliteration and typos: lowercase letters, the first kept,
/// later vowels dropped, doubled letters single (`Hishammuddin`, `Hishamuddin` → `hshmdn`).
pub fn skeleton(name: &str) -> String {
    let key = crate::engine::names::name_key(name);
    let mut out = String::with_capacity(key.len());
    for (i, c) in key.chars().enumerate() {
        if i > 0 && "aeiouy".contains(c) {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Ordinals that are stopwords elsewhere but tell things apart here ("the seventh arc").
const ORDINAL_WORDS: [&str; 3] = ["first", "second", "third"];

/// "7th" read as "seventh", so both spellings of an ordinal align.
fn ordinal_word(word: &str) -> Option<&'static str> {
    const ORDINALS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth",
    ];
    // An ordinal in figures opens with a digit ("3rd"), which most words do not.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let lower = word.to_lowercase();
    let digits = lower
        .strip_suffix("st")
        .or_else(|| lower.strip_suffix("nd"))
        .or_else(|| lower.strip_suffix("rd"))
        .or_else(|| lower.strip_suffix("th"))?;
    let n: usize = digits.parse().ok()?;
    ORDINALS.get(n.checked_sub(1)?).copied()
}

/// The features of a sentence, in order. `common` tells whether a word is written in lowercase
/// elsewhere in the article: then a capitalised first word is that word, not a name.
pub fn sentence_features(sentence: &str, common: &dyn Fn(&str) -> bool) -> Vec<Feature> {
    sentence_features_with(sentence, common, &|_| None)
}

/// As `sentence_features`, where `expand` gives the name an acronym stands for in this article
/// ("Amsa" → "Australian Maritime Safety Authority"): the acronym counts as each of its words.
pub fn sentence_features_with(
    sentence: &str,
    common: &dyn Fn(&str) -> bool,
    expand: &dyn Fn(&str) -> Option<String>,
) -> Vec<Feature> {
    lexicon_features(&Lexicon::read(sentence), common, expand)
}

/// `sentence_features_with` of a sentence whose words and entity mentions are read.
pub fn lexicon_features(
    lexicon: &Lexicon<'_>,
    common: &dyn Fn(&str) -> bool,
    expand: &dyn Fn(&str) -> Option<String>,
) -> Vec<Feature> {
    let Lexicon { text: sentence, words: tokens, mentions, .. } = lexicon;
    let mut features = Vec::new();
    for mention in mentions {
        features.push(Feature::new(mention.span, Key::entity(mention.entity), FeatureKind::Entity));
    }
    let stems = lexicon.stems();
    let mut skip_next = false;
    for (index, word) in tokens.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let next = tokens.get(index + 1).filter(|n| sentence[word.span.end..n.span.start].trim().is_empty());
        if let Some(concept) = next.and_then(|n| concepts::of_phrase(word.text, n.text)) {
            let span = Span::new(word.span.start, next.map_or(word.span.end, |n| n.span.end));
            features.push(Feature::new(span, Key::word(concept), FeatureKind::Word));
            skip_next = true;
            continue;
        }
        if mentions.iter().any(|m| m.span.start <= word.span.start && word.span.end <= m.span.end) {
            continue;
        }
        if let Some(ordinal) = ordinal_word(word.text) {
            features.push(Feature::new(word.span, Key::word(ordinal), FeatureKind::Word));
            continue;
        }
        if word.text.chars().any(|c| c.is_ascii_digit()) || calendar::is_calendar_word(word.text) {
            continue;
        }
        let opens = || index == 0 || sentence[..word.span.start].trim_end().ends_with(['"', '“', '‘', '(', ':']);
        let capitalised = word.is_capitalized();
        let (stopword, opens_as_common) = with_lowercase(word.text, |lower| {
            let stopword = is_stopword(lower);
            (stopword, !stopword && capitalised && opens() && common(lower))
        });
        if stopword {
            continue;
        }
        if capitalised && !opens_as_common {
            let key = crate::engine::names::name_key(word.text);
            if key.chars().count() >= 2 {
                features.push(Feature::new(word.span, Key::name(word.text), FeatureKind::Name));
            }
            if let Some(phrase) = expand(word.text) {
                for part in words(&phrase) {
                    let kind = if entities::table().canonical(part.text).is_some() {
                        FeatureKind::Entity
                    } else {
                        FeatureKind::Name
                    };
                    let key = match entities::table().canonical(part.text) {
                        Some(entity) => Key::entity(entity),
                        None => Key::name(part.text),
                    };
                    if part.is_capitalized() {
                        features.push(Feature::new(word.span, key, kind));
                    }
                }
            }
            continue;
        }
        if word.text.contains('-') {
            let mut offset = word.span.start;
            for part in word.text.split('-') {
                if let Some(key) = with_content_stem(part, |stem| stem.map(Key::word)) {
                    features.push(Feature::new(Span::new(offset, offset + part.len()), key, FeatureKind::Word));
                }
                offset += part.len() + 1;
            }
            continue;
        }
        let key = stems[index]
            .map(|stem| Key::word(stem.as_str()))
            .or_else(|| with_lowercase(word.text, |lower| ORDINAL_WORDS.contains(&lower).then(|| Key::word(lower))));
        if let Some(key) = key {
            features.push(Feature::new(word.span, key, FeatureKind::Word));
        }
    }
    features.sort_by_key(|f| (f.start, f.len));
    features
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(sentence: &str) -> Vec<(String, FeatureKind)> {
        sentence_features(sentence, &|w| w == "investigators")
            .into_iter()
            .map(|f| (f.span().slice(sentence).to_string(), f.kind))
            .collect()
    }

    #[test]
    fn words_names_and_entities_without_numbers_or_dates() {
        assert_eq!(
            keys("Investigators said Najib flew to Kuala Lumpur with 239 Malaysian officials on Monday."),
            vec![
                ("Investigators".into(), FeatureKind::Word),
                ("Najib".into(), FeatureKind::Name),
                ("flew".into(), FeatureKind::Word),
                // The capital is in the entity table: one feature, its country's.
                ("Kuala Lumpur".into(), FeatureKind::Entity),
                ("Malaysian".into(), FeatureKind::Entity),
                ("officials".into(), FeatureKind::Word),
            ]
        );
    }

    #[test]
    fn two_word_concepts_are_one_feature() {
        let a = sentence_features("HP raised its planned job cuts.", &|_| false);
        let b = sentence_features("HP raised its planned layoffs.", &|_| false);
        assert_eq!(a.iter().map(|f| f.key).collect::<Vec<_>>(), b.iter().map(|f| f.key).collect::<Vec<_>>());
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(Key::name("Hishammuddin"), Key::name("Hishamuddin"));
        assert_eq!(Key::name("Kobani"), Key::name("Kobane"));
        assert_ne!(Key::name("Najib"), Key::name("Hishammuddin"));
        assert_ne!(Key::name("Najib"), Key::word("najib"));
    }

    #[test]
    fn a_feature_is_sixteen_bytes_and_keeps_its_span() {
        assert_eq!(std::mem::size_of::<Feature>(), 16);
        let feature = Feature::new(Span::new(4_000_000, 4_001_500), Key::word("troop"), FeatureKind::Word);
        assert_eq!(feature.span(), Span::new(4_000_000, 4_001_500));
        assert_eq!(feature.at(Span::new(3, 9)).span(), Span::new(3, 9));
        assert_eq!(feature.at(Span::new(3, 9)).key, feature.key);
        // Past what it can hold, a span saturates instead of wrapping or panicking.
        let far = Feature::new(Span::new(usize::MAX - 1, usize::MAX), Key::word("x"), FeatureKind::Word);
        assert_eq!(far.span(), Span::new(u32::MAX as usize, u32::MAX as usize + 1));
        let long = Feature::new(Span::new(0, 1 << 20), Key::word("x"), FeatureKind::Word);
        assert_eq!(long.span(), Span::new(0, usize::from(u16::MAX)));
    }
}
