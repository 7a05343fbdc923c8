//! Names as an article writes them, each read with its name phrase and its context: the run of
//! capitalised words it is part of ("Christian Kozel", "Humane Society of Tampa Bay"), whether
//! the words before it make it a place ("in Kobani", "the town of Kobani"), and whether the
//! article also writes it in lowercase (a common word capitalised, not a name).

use super::lexicon::{is, Kind};
use super::name_key;
use crate::engine::lexicon::Lexicon;
use crate::engine::text::{calendar, is_stopword, with_lowercase, words, Span, Word};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A name as an article writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameMention {
    pub span: Span,
    /// The first word of its sentence, capitalised whatever it is: weaker evidence of a name.
    pub opens_sentence: bool,
    /// The name phrase the word is part of, titles before it left out ("Najib Razak" of "Prime
    /// Minister Najib Razak"); the word's own span when it stands alone.
    pub phrase: Span,
    /// Its phrase starts its sentence, so the phrase's first word may be an ordinary word
    /// capitalised ("Later Kozel said").
    pub phrase_opens_sentence: bool,
    /// The words before its phrase make it a place: "in X", "outside X", "the town of X".
    pub place: bool,
    /// The article also writes the word in lowercase, or it is a capitalised common word
    /// ("Christmas"): a name only inside a longer name phrase.
    pub common: bool,
}

impl NameMention {
    pub fn stands_alone(&self) -> bool {
        self.phrase == self.span
    }
}

/// Names as an article writes them: capitalised words of five letters or more, not a country,
/// people or organisation of the entity table, not a calendar word, not a function word, not
/// part of a hashtag, handle or web address, and not a compound or contraction with a lowercase
/// part ("GM-fed", "They're"). `sentences` are the article's sentence spans.
pub fn mentions(text: &str, sentences: &[Span]) -> Vec<NameMention> {
    read(text, sentences, &[], false, None).0
}

/// `mentions`, with the words the prose writes in lowercase (`lowercase_words`), read on the way;
/// `lexicon` gives the words and entity mentions of each of `sentences` (by its index there).
pub fn mentions_and_lowercase<'t>(
    text: &'t str,
    sentences: &[Span],
    lexicon: &dyn Fn(usize) -> &'t Lexicon<'t>,
) -> (Vec<NameMention>, HashSet<&'t str>) {
    let (found, _, lowercase) = read(text, sentences, &[], false, Some(lexicon));
    (found, lowercase)
}

/// What one sentence gives the article's names, relative to the sentence: the words it writes
/// in lowercase, its name mentions, and what reading them asked of the article's lowercase words
/// (with the answers). A sentence that reads as before, asked the same, gives the same names.
#[derive(Clone, Debug, Default)]
pub struct SentenceNames {
    lowercase: Vec<Span>,
    mentions: Vec<NameMention>,
    asked: Vec<(String, bool)>,
}

/// `mentions`, re-using what an earlier version of the article read of a sentence whose text is
/// unchanged (`previous[i]` for `sentences[i]`, when the caller knows it reads as before) where
/// every answer it rests on still holds. Also gives what each sentence read, for the next version.
pub fn mentions_revised<'t>(
    text: &'t str,
    sentences: &[Span],
    previous: &[Option<&SentenceNames>],
    lexicon: &dyn Fn(usize) -> &'t Lexicon<'t>,
) -> (Vec<NameMention>, Vec<SentenceNames>, HashSet<&'t str>) {
    read(text, sentences, previous, true, Some(lexicon))
}

fn read<'t>(
    text: &'t str,
    sentences: &[Span],
    previous: &[Option<&SentenceNames>],
    record: bool,
    lexicon: Option<&dyn Fn(usize) -> &'t Lexicon<'t>>,
) -> (Vec<NameMention>, Vec<SentenceNames>, HashSet<&'t str>) {
    let table = crate::engine::entities::table();
    let earlier = |i: usize| previous.get(i).copied().flatten();
    let own: Vec<std::cell::OnceCell<Lexicon<'t>>> = match lexicon {
        Some(_) => Vec::new(),
        None => sentences.iter().map(|_| Default::default()).collect(),
    };
    let lexicon_of = |i: usize| match lexicon {
        Some(given) => given(i),
        None => own[i].get_or_init(|| Lexicon::read(sentences[i].slice(text))),
    };
    let mut read: Vec<SentenceNames> = Vec::with_capacity(sentences.len());
    for (i, sentence) in sentences.iter().enumerate() {
        if let Some(old) = earlier(i) {
            read.push(SentenceNames { lowercase: old.lowercase.clone(), ..SentenceNames::default() });
            continue;
        }
        let lowercase = lowercase_spans(sentence.slice(text), &lexicon_of(i).words);
        read.push(SentenceNames { lowercase, ..SentenceNames::default() });
    }
    // Sized for every word at once: growing it rehashes each word again.
    let mut lowercase: HashSet<&'t str> =
        HashSet::with_capacity_and_hasher(read.iter().map(|names| names.lowercase.len()).sum(), Default::default());
    lowercase.extend(
        read.iter()
            .zip(sentences)
            .flat_map(|(names, sentence)| names.lowercase.iter().map(|span| span.shift(sentence.start).slice(text))),
    );
    let mut found = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        let holds =
            |old: &&SentenceNames| old.asked.iter().all(|(word, answer)| lowercase.contains(word.as_str()) == *answer);
        let names = &mut read[i];
        if let Some(old) = earlier(i).filter(holds) {
            names.mentions.clone_from(&old.mentions);
            names.asked.clone_from(&old.asked);
        } else {
            let lexicon = lexicon_of(i);
            let asked = std::cell::RefCell::new(Vec::new());
            let is_lowercase = |word: &str| {
                let answer = lowercase.contains(word);
                if record {
                    asked.borrow_mut().push((word.to_string(), answer));
                }
                answer
            };
            names.mentions = sentence_mentions(&table, lexicon, &is_lowercase);
            names.asked = asked.into_inner();
        }
        found.extend(names.mentions.iter().map(|m| NameMention {
            span: m.span.shift(sentence.start),
            phrase: m.phrase.shift(sentence.start),
            ..*m
        }));
    }
    (found, read, lowercase)
}

/// The name mentions of one sentence (spans in it); `is_lowercase` tells whether the article
/// writes a word in lowercase.
fn sentence_mentions(
    table: &crate::engine::entities::EntityTable,
    sentence: &Lexicon<'_>,
    is_lowercase: &dyn Fn(&str) -> bool,
) -> Vec<NameMention> {
    let mut found = Vec::new();
    let Lexicon { text: sentence_text, words: tokens, mentions: entities, .. } = sentence;
    let phrases = phrases(sentence_text, tokens, is_lowercase);
    for (index, word) in tokens.iter().enumerate() {
        // Most words are not capitalised, and no name then: the rest need not be asked.
        if !word.is_capitalized() {
            continue;
        }
        let key = name_key(word.text);
        // A capital deep inside a word is scraped debris ("AirstrikesIsis"), not a name.
        let run_together = || word.text.split('-').any(|part| part.chars().skip(3).any(char::is_uppercase));
        let name_like = key.chars().count() >= 5
            && !run_together()
            && is_prose(sentence_text, word)
            && !has_lowercase_part(word.text);
        // Asked of a word that reads as a name only (all three are questions, in any order).
        let in_entity = || {
            entities.iter().any(|m| m.span.start <= word.span.start && word.span.end <= m.span.end)
                || (word.text.contains('-')
                    && word.text.split('-').any(|part| table.find_all(part).iter().any(|m| m.span.len() == part.len())))
        };
        let ordinary =
            || with_lowercase(word.text, is_stopword) || calendar::is_calendar_word(&key) || is(Kind::Title, &key);
        if !name_like || in_entity() || ordinary() {
            continue;
        }
        let phrase = phrases.iter().find(|p| p.words.contains(&index));
        let (phrase_span, start) = match phrase {
            Some(p) if p.words.len() > 1 => (p.span, p.words[0]),
            _ => (word.span, index),
        };
        found.push(NameMention {
            span: word.span,
            opens_sentence: index == 0,
            phrase: phrase_span,
            phrase_opens_sentence: start == 0,
            place: placed_by(sentence_text, tokens, start),
            common: is_lowercase(key.as_str()) || is(Kind::Common, &key),
        });
    }
    found
}

/// The words of a sentence written in lowercase in its prose, possessives dropped (spans in the
/// sentence).
fn lowercase_spans(sentence: &str, tokens: &[Word]) -> Vec<Span> {
    tokens
        .iter()
        .filter(|word| word.text.chars().next().is_some_and(char::is_lowercase) && is_prose(sentence, word))
        .map(|word| Span::new(word.span.start, word.span.start + strip_possessive(word.text).len()))
        .collect()
}

/// The words an article writes in lowercase in its prose (`sentences`), possessives dropped.
pub fn lowercase_words<'t>(text: &'t str, sentences: &[Span]) -> HashSet<&'t str> {
    sentences
        .iter()
        .flat_map(|sentence| {
            let sentence_text = sentence.slice(text);
            lowercase_spans(sentence_text, &words(sentence_text)).into_iter().map(|span| span.slice(sentence_text))
        })
        .collect()
}

/// A run of capitalised words naming one thing: token indices and the span they cover.
struct Phrase {
    words: Vec<usize>,
    span: Span,
}

/// The most words a name phrase has ("Ministry of Internal Affairs of the Russian Federation" has
/// eight); a longer run of capitalised words is a headline or a list, whose words stand alone.
const MAX_PHRASE_WORDS: usize = 12;

/// The name phrases of a sentence: runs of capitalised words separated by spaces alone, joined
/// by particles ("of", "van", "al-"), ended by a possessive. Leading function words and a
/// sentence's capitalised first word that the article writes in lowercase elsewhere are not
/// part of them; nor are titles ("President"), after which the phrase starts.
fn phrases(sentence: &str, tokens: &[Word], is_lowercase: &dyn Fn(&str) -> bool) -> Vec<Phrase> {
    let mut runs: Vec<Vec<usize>> = vec![Vec::new()];
    for (index, word) in tokens.iter().enumerate() {
        let member = is_particle(word.text) || (word.is_capitalized() && is_prose(sentence, word));
        if !member {
            runs.push(Vec::new());
            continue;
        }
        let continues = index > 0
            && sentence[tokens[index - 1].span.end..word.span.start].chars().all(|c| c == ' ' || c == '\u{a0}')
            && strip_possessive(tokens[index - 1].text).len() == tokens[index - 1].text.len();
        if !continues {
            runs.push(Vec::new());
        }
        runs.last_mut().expect("a run").push(index);
    }
    runs.into_iter()
        .filter_map(|mut run| {
            while let Some(&first) = run.first() {
                let lower = tokens[first].lower();
                let ordinary = is_stopword(&lower)
                    || is_particle(tokens[first].text)
                    || (first == 0 && is_lowercase(strip_possessive(&lower)));
                if !ordinary {
                    break;
                }
                run.remove(0);
            }
            while run.last().is_some_and(|&last| is_particle(tokens[last].text) && !tokens[last].text.contains('-')) {
                run.pop();
            }
            if let Some(title) = run.iter().rposition(|&i| is(Kind::Title, tokens[i].text)) {
                run.drain(..=title);
            }
            if run.len() > MAX_PHRASE_WORDS {
                return None;
            }
            let (&first, &last) = (run.first()?, run.last()?);
            Some(Phrase { words: run, span: Span::new(tokens[first].span.start, tokens[last].span.end) })
        })
        .collect()
}

/// "in", "outside", or "the town of" right before the phrase that starts at token `start`.
fn placed_by(sentence: &str, tokens: &[Word], start: usize) -> bool {
    let before = |back: usize| start.checked_sub(back).and_then(|i| tokens.get(i));
    let adjacent = |back: usize| {
        before(back).filter(|w| {
            let next = &tokens[start + 1 - back];
            sentence[w.span.end..next.span.start].chars().all(char::is_whitespace)
        })
    };
    match adjacent(1) {
        Some(w) if is(Kind::Locative, w.text) => true,
        Some(w) if w.text == "of" => adjacent(2).is_some_and(|noun| is(Kind::PlaceNoun, noun.text)),
        _ => false,
    }
}

/// A particle joins a name phrase: "of", "van", "al-Jihad".
fn is_particle(word: &str) -> bool {
    let head = word.split(['-', '\'', '’']).next().unwrap_or(word);
    word.chars().next().is_some_and(char::is_lowercase) && is(Kind::Particle, head)
}

/// Part of the article's own prose: not a hashtag, handle or web address.
fn is_prose(sentence: &str, word: &Word) -> bool {
    // Invisible direction marks can sit between a hash sign and its tag.
    let invisible =
        |c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
    if sentence[..word.span.start].trim_end_matches(invisible).ends_with(['#', '@']) {
        return false;
    }
    let before = &sentence[..word.span.start];
    let start = before.char_indices().rfind(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let end = sentence[word.span.end..].find(char::is_whitespace).map_or(sentence.len(), |i| word.span.end + i);
    let chunk = &sentence[start..end];
    let plain = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                '-' | '\'' | '’' | ',' | ';' | ':' | '.' | '!' | '?' | '"' | '“' | '”' | '‘' | '(' | ')' | '[' | ']'
            )
    };
    if chunk.chars().all(plain) && !chunk.trim_end_matches(|c: char| !c.is_alphanumeric()).contains('.') {
        return true;
    }
    static ADDRESS: OnceLock<Regex> = OnceLock::new();
    let address = ADDRESS.get_or_init(|| {
        Regex::new(r"(?i)://|www\.|@|\.(?:com|org|net|gov|edu|co|uk|io|ly|me|tv|info|html?)\b|\w\.[a-z]{2,}/")
            .expect("valid address pattern")
    });
    !address.is_match(chunk)
}

/// A compound or contraction with a lowercase part is a common word: "GM-fed", "Kurdish-held",
/// "They're". A name's parts are all capitalised ("Jean-Pierre"), or its particle comes first.
fn has_lowercase_part(word: &str) -> bool {
    let mut parts = word.split(['-', '\'', '’']);
    parts.next();
    parts.any(|part| part.chars().next().is_some_and(char::is_lowercase) && part != "s")
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each mention as `word [phrase] place common`.
    fn check(text: &str, expect: &[&str]) {
        let found: Vec<String> = mentions(text, &crate::engine::names::sentences_of(text))
            .iter()
            .map(|m| {
                let mut out = format!("{} [{}]", m.span.slice(text), m.phrase.slice(text));
                if m.place {
                    out.push_str(" place");
                }
                if m.common {
                    out.push_str(" common");
                }
                out
            })
            .collect();
        assert_eq!(found, expect, "{text}");
    }

    #[test]
    fn a_name_is_read_with_its_phrase() {
        check(
            "Then Marcel Dupree and Marguerite Lanvier met Prime Minister Tobias Wendt.",
            &[
                "Marcel [Marcel Dupree]",
                "Dupree [Marcel Dupree]",
                "Marguerite [Marguerite Lanvier]",
                "Lanvier [Marguerite Lanvier]",
                "Tobias [Tobias Wendt]",
                "Wendt [Tobias Wendt]",
            ],
        );
        check(
            "The Kindly Society of Port Halvern rescued the dog.",
            &[
                "Kindly [Kindly Society of Port Halvern]",
                "Society [Kindly Society of Port Halvern]",
                "Halvern [Kindly Society of Port Halvern]",
            ],
        );
    }

    #[test]
    fn a_possessive_or_punctuation_ends_a_phrase() {
        check("Then Wendell’s Trident crossed it.", &["Wendell’s [Wendell’s]", "Trident [Trident]"]);
        check("Photo/Kindly Society.", &["Photo [Photo]", "Kindly [Kindly Society]", "Society [Kindly Society]"]);
    }

    #[test]
    fn the_words_before_a_name_can_make_it_a_place() {
        check(
            "Fighting went on in Varnetsk and outside Orlova, near the town of Brisk, and Dalmov said so.",
            &[
                "Fighting [Fighting]",
                "Varnetsk [Varnetsk] place",
                "Orlova [Orlova] place",
                "Brisk [Brisk] place",
                "Dalmov [Dalmov]",
            ],
        );
        check("They saw the siege of Varnetsk.", &["Varnetsk [Varnetsk] place"]);
    }

    #[test]
    fn a_word_also_written_in_lowercase_is_common() {
        check("Marchers rallied. The marchers left.", &["Marchers [Marchers] common"]);
        check("On Christmas Dalmov left.", &["Christmas [Christmas Dalmov] common", "Dalmov [Christmas Dalmov]"]);
    }

    #[test]
    fn tags_addresses_compounds_and_contractions_are_not_names() {
        check(
            "See #Varnetsk and @Dalmov at example.com/Orlova where GM-fed pigs grew. They're here, Jean-Pierre said.",
            &["Jean-Pierre [Jean-Pierre]"],
        );
    }

    #[test]
    fn a_sentence_opening_common_word_is_not_part_of_the_phrase() {
        check("Yesterday Dalmov spoke. It was yesterday.", &["Yesterday [Yesterday] common", "Dalmov [Dalmov]"]);
    }
}
