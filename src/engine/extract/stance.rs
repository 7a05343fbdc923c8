//! How a clause states its fact, read from the word lists of `data/slot-words.tsv`: negated or
//! not ("were not armed"), which kinds of action it reports ("stepped up", "suspended"; "still
//! serves", "no longer"), how certain it is ("established" against "most likely", "best fit"),
//! and whether it reports the fact as someone's claim ("allegedly", "claim that") or its denial
//! ("denied taking a selfie"). Spans are sentence-relative.

use crate::engine::claim::{Certainty, Framing, Stance};
use crate::engine::lexicon::Lexicon;
use crate::engine::text::{Span, Word};
use crate::engine::wordlists;
use std::borrow::Cow;
use std::sync::OnceLock;

/// How the whole sentence frames its facts: denied, claimed, or neither (`None`). The same for
/// each clause of the sentence, so read once.
pub fn sentence_framing(sentence: &Lexicon<'_>) -> Option<Framing> {
    let lowered: Vec<Cow<'_, str>> = sentence.words.iter().map(lowered).collect();
    let mut pair = String::new();
    let mut kinds = 0;
    for (i, word) in lowered.iter().enumerate() {
        kinds |= kinds_of(word, lowered.get(i + 1).map(|next| next.as_ref()), &mut pair);
    }
    if kinds & DENIED != 0 {
        Some(Framing::Denied)
    } else if kinds & CLAIMED != 0 {
        Some(Framing::Claimed)
    } else {
        None
    }
}

/// The stance of `clause` in `sentence`. `framing` is the sentence's (`sentence_framing`), and
/// `attributed` says whether the sentence attributes the clause to a party ("officials said"):
/// a denial or claim framing the sentence reaches into the clause.
pub fn stance(sentence: &Lexicon<'_>, clause: Span, framing: Option<Framing>, attributed: bool) -> Stance {
    sentence
        .with_part(clause, |clause_tokens, _| clause_stance(sentence.text, clause, clause_tokens, framing, attributed))
}

/// `stance` of a clause's words (sentence-relative spans).
fn clause_stance(
    sentence: &str,
    clause: Span,
    clause_tokens: &[Word<'_>],
    framing: Option<Framing>,
    attributed: bool,
) -> Stance {
    let clause_words: Vec<Cow<'_, str>> = clause_tokens.iter().map(lowered).collect();
    let mut negated = false;
    let mut actions: Vec<String> = Vec::new();
    let mut certain = false;
    let mut hedged = false;
    let mut pair = String::new();
    for (i, word) in clause_words.iter().enumerate() {
        let kinds = kinds_of(word, clause_words.get(i + 1).map(|next| next.as_ref()), &mut pair);
        // "No. 1" is a rank, not a negation.
        let rank = word == "no"
            && clause_tokens
                .get(i)
                .is_some_and(|t| sentence.get(t.span.end..clause.end).is_some_and(|r| r.starts_with('.')));
        // Any negation negates the clause: "neither … nor" is one negation, not two.
        negated |= kinds & NEGATION != 0 && !rank;
        for (kind, bit) in ACTS {
            if kinds & bit != 0 && !actions.iter().any(|a| a == kind) {
                actions.push(kind.to_string());
            }
        }
        certain |= kinds & CERTAIN != 0;
        hedged |= kinds & HEDGED != 0;
    }
    // "no longer" is an end, not a negation of the fact: the end says it.
    if actions.iter().any(|a| a == "cease") && clause_words.windows(2).any(|w| w[0] == "no" && w[1] == "longer") {
        let other_negation = clause_words.iter().any(|w| w != "no" && word_kinds(w) & NEGATION != 0);
        negated = other_negation;
    }
    let framing = match framing {
        Some(framing) => framing,
        None if attributed => Framing::Attributed,
        None => Framing::Fact,
    };
    let certainty = match (certain, hedged) {
        (_, true) => Certainty::Hedged,
        (true, false) => Certainty::Established,
        (false, false) => Certainty::Plain,
    };
    Stance { negated, actions, certainty, framing, quoted: super::inside_quotation(sentence, clause) }
}

/// The actions a clause can state, and the bit of each one's word list.
const ACTS: [(&str, u16); 4] = [("escalate", ESCALATE), ("halt", HALT), ("continue", CONTINUE), ("cease", CEASE)];

const NEGATION: u16 = 1;
const ESCALATE: u16 = 1 << 1;
const HALT: u16 = 1 << 2;
const CONTINUE: u16 = 1 << 3;
const CEASE: u16 = 1 << 4;
const CERTAIN: u16 = 1 << 5;
const HEDGED: u16 = 1 << 6;
const DENIED: u16 = 1 << 7;
const CLAIMED: u16 = 1 << 8;
/// The word opens a listed phrase of two words ("no longer", "step up").
const OPENS_PHRASE: u16 = 1 << 9;

/// Every word and phrase of the word lists read here, with the bits of the lists that hold it:
/// one look-up a word instead of one a list.
fn table() -> &'static rustc_hash::FxHashMap<&'static str, u16> {
    static TABLE: OnceLock<rustc_hash::FxHashMap<&'static str, u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let lists = [
            ("negation", NEGATION),
            ("act-escalate", ESCALATE),
            ("act-halt", HALT),
            ("act-continue", CONTINUE),
            ("act-cease", CEASE),
            ("certain", CERTAIN),
            ("hedged", HEDGED),
            ("denied", DENIED),
            ("claimed", CLAIMED),
        ];
        let mut table = rustc_hash::FxHashMap::default();
        for (kind, bit) in lists {
            for entry in wordlists::words(kind) {
                *table.entry(entry).or_default() |= bit;
                if let Some((first, _)) = entry.split_once(' ') {
                    *table.entry(first).or_default() |= OPENS_PHRASE;
                }
            }
        }
        table
    })
}

/// Whether a stance list holds `word` (lowercase, as `Word::lower` writes it), or the phrase.
pub fn is_stance_marker(word: &str) -> bool {
    word_kinds(word) != 0
}

/// Whether `word` opens a phrase of two words or more that a stance list holds.
pub fn opens_stance_phrase(word: &str) -> bool {
    table().get(word).is_some_and(|kinds| kinds & OPENS_PHRASE != 0)
}

/// The lists that hold `word` itself.
fn word_kinds(word: &str) -> u16 {
    table().get(word).copied().unwrap_or(0) & !OPENS_PHRASE
}

/// The lists that hold `word`, or the phrase it opens with `next`; `pair` is room to write the
/// phrase in.
fn kinds_of(word: &str, next: Option<&str>, pair: &mut String) -> u16 {
    let found = table().get(word).copied().unwrap_or(0);
    let mut kinds = found & !OPENS_PHRASE;
    if let Some(next) = next.filter(|_| found & OPENS_PHRASE != 0) {
        pair.clear();
        pair.push_str(word);
        pair.push(' ');
        pair.push_str(next);
        kinds |= word_kinds(pair);
    }
    kinds
}

/// A word as the lists write it (`Word::lower`), borrowed when it already is.
fn lowered<'t>(word: &Word<'t>) -> Cow<'t, str> {
    if word.text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(word.text)
    } else {
        Cow::Owned(word.lower())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, attributed: bool, expect: (bool, &[&str], Certainty, Framing)) {
        let lexicon = Lexicon::read(sentence);
        let got = stance(&lexicon, Span::new(0, sentence.len()), sentence_framing(&lexicon), attributed);
        let actions: Vec<&str> = got.actions.iter().map(String::as_str).collect();
        assert_eq!((got.negated, actions.as_slice(), got.certainty, got.framing), expect, "in {sentence:?}");
    }

    /// A clause's stance read from its sentence's words is the one read from the clause's own
    /// text, wherever the clause is cut ("no" before a full stop outside the clause included).
    #[test]
    fn a_clause_reads_as_its_own_text_does() {
        let sentence = "Officials said no. 1 seed was not ’stopped’, and Kyiv’s envoy said no.\nTalks continued.";
        let lexicon = Lexicon::read(sentence);
        let cuts: Vec<usize> = (0..=sentence.len()).filter(|&at| sentence.is_char_boundary(at)).collect();
        for (i, &start) in cuts.iter().enumerate() {
            for &end in &cuts[i..] {
                let own_text = &sentence[start..end];
                let from_sentence = stance(&lexicon, Span::new(start, end), None, false);
                let own = stance(&Lexicon::read(own_text), Span::new(0, own_text.len()), None, false);
                let read = |s: &Stance| (s.negated, s.actions.clone(), s.certainty, s.framing);
                assert_eq!(read(&from_sentence), read(&own), "{own_text:?}");
            }
        }
    }

    #[test]
    fn negation_and_actions() {
        check("The men were not armed.", false, (true, &[], Certainty::Plain, Framing::Fact));
        check("Cohen is no longer the medical director.", false, (false, &["cease"], Certainty::Plain, Framing::Fact));
        check("Cohen still serves as director.", false, (false, &["continue"], Certainty::Plain, Framing::Fact));
        check("The agency stepped up its search.", false, (false, &["escalate"], Certainty::Plain, Framing::Fact));
        check("The search was called off.", false, (false, &["halt"], Certainty::Plain, Framing::Fact));
    }

    #[test]
    fn certainty_and_framing() {
        check("The report established the cause.", false, (false, &[], Certainty::Established, Framing::Fact));
        check("The cause was most likely a fire.", false, (false, &[], Certainty::Hedged, Framing::Fact));
        check("She has denied taking a photo.", false, (false, &[], Certainty::Plain, Framing::Denied));
        check("The family claims officials threatened them.", false, (false, &[], Certainty::Plain, Framing::Claimed));
        check(
            "The fire started in the kitchen, officials said.",
            true,
            (false, &[], Certainty::Plain, Framing::Attributed),
        );
    }
}
