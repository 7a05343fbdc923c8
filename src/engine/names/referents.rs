//! What a name mention refers to, so that two spellings are compared only when they name the
//! same referent. A word inside a name phrase stands for the phrase ("Christian" of "Christian
//! Kozel"); a word standing alone that the article also uses inside a phrase is a short
//! reference to it ("said Kozel"), unless its context makes it a place ("outside Kozel").
//!
//! Two mentions name the same referent when:
//! - both are phrases, and the other words of the shorter are among the other words of the
//!   longer, on the same side of the name, with at least one in common ("Human Society of Tampa
//!   Bay" and "Humane Society"; never "Christian Kozel" and "Chrisman Siregar");
//! - both stand alone;
//! - one stands alone and is the first or last word of the other's phrase (a surname, or a
//!   given name in cultures that use it), unless the lone spelling is a place in this article:
//!   a town is no short form of a person's full name.

use super::mentions::NameMention;
use super::name_key;
use crate::engine::interned::Sym;
use crate::engine::text::{words, Span};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Referent {
    /// A word standing alone.
    Alone,
    /// A word of a name phrase, with the phrase's other words (keys) before and after it, and
    /// whether it is the first or last word of its part of the phrase ("Trip Chowdhry" of
    /// "Trip Chowdhry of Global Equities"), where a lone short reference can stand for it. The
    /// keys are interned: the corpus keeps a referent with each source's spelling of a name.
    Phrase { before: Box<[Sym]>, after: Box<[Sym]>, edge: bool },
}

impl Referent {
    /// The referent of a mention read on its own: its phrase, or itself. `common` says whether
    /// a key is an ordinary word, which a phrase opening a sentence may start with.
    pub fn of(text: &str, mention: &NameMention, common: &dyn Fn(&str) -> bool) -> Referent {
        if mention.stands_alone() {
            return Referent::Alone;
        }
        let phrase = mention.phrase.slice(text);
        let mut tokens = words(phrase);
        let own = Span::new(mention.span.start - mention.phrase.start, mention.span.end - mention.phrase.start);
        if mention.phrase_opens_sentence
            && tokens.len() > 1
            && tokens[0].span != own
            && common(&name_key(tokens[0].text))
        {
            tokens.remove(0);
            if tokens.len() == 1 {
                return Referent::Alone;
            }
        }
        let keys = |tokens: &[crate::engine::text::Word]| -> Box<[Sym]> {
            tokens
                .iter()
                .filter(|w| w.is_capitalized() || w.text.contains(['-', '\'', '’']))
                .map(|w| name_key(w.text))
                .filter(|k| !k.is_empty())
                .map(|k| Sym::of(&k))
                .collect()
        };
        let at = tokens.iter().position(|w| w.span == own).unwrap_or(0);
        let joins = |i: usize| {
            tokens
                .get(i)
                .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase) && !w.text.contains('-'))
        };
        let edge = at == 0 || at + 1 == tokens.len() || joins(at - 1) || joins(at + 1);
        Referent::Phrase { before: keys(&tokens[..at]), after: keys(&tokens[(at + 1).min(tokens.len())..]), edge }
    }
}

/// The referent of each mention of an article, short references resolved: a lone word that is
/// not a place takes the phrase of the nearest mention with the same key inside a phrase
/// (the one before it, else the first after it).
pub fn referents(text: &str, mentions: &[NameMention], common: &dyn Fn(&str) -> bool) -> Vec<Referent> {
    let own: Vec<Referent> = mentions.iter().map(|m| Referent::of(text, m, common)).collect();
    // Each mention's key by a number, the same for the same key: compared without their text.
    let mut numbers: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let keys: Vec<usize> = mentions
        .iter()
        .map(|m| {
            let count = numbers.len();
            *numbers.entry(name_key(m.span.slice(text))).or_insert(count)
        })
        .collect();
    own.iter()
        .enumerate()
        .map(|(i, referent)| {
            if *referent != Referent::Alone || mentions[i].place {
                return referent.clone();
            }
            let in_phrase = |j: &usize| keys[*j] == keys[i] && own[*j] != Referent::Alone;
            let before = (0..i).rev().find(in_phrase);
            let after = || (i + 1..mentions.len()).find(in_phrase);
            before.or_else(after).map_or(Referent::Alone, |j| own[j].clone())
        })
        .collect()
}

/// Whether two mentions of variant spellings name the same referent. `a_place` and `b_place`
/// say whether each spelling, standing alone, is a place somewhere in its article.
pub fn same_referent(a: &Referent, a_place: bool, b: &Referent, b_place: bool) -> bool {
    match (a, b) {
        (Referent::Alone, Referent::Alone) => true,
        (Referent::Alone, Referent::Phrase { edge, .. }) => !a_place && *edge,
        (Referent::Phrase { .. }, Referent::Alone) => same_referent(b, b_place, a, a_place),
        (Referent::Phrase { before: b1, after: a1, .. }, Referent::Phrase { before: b2, after: a2, .. }) => {
            let (short, long) =
                if b1.len() + a1.len() <= b2.len() + a2.len() { ((b1, a1), (b2, a2)) } else { ((b2, a2), (b1, a1)) };
            let within = |few: &[Sym], many: &[Sym]| few.iter().all(|w| many.contains(w));
            !(short.0.is_empty() && short.1.is_empty()) && within(short.0, long.0) && within(short.1, long.1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::names::{mentions, sentences_of};

    /// Whether the first mention spelled `a` and the first spelled `b` name the same referent,
    /// after short references are resolved.
    fn check(text: &str, a: &str, b: &str, expect: bool) {
        let found = mentions(text, &sentences_of(text));
        let referents = referents(text, &found, &|_| false);
        let place_of = |word: &str| found.iter().any(|m| m.span.slice(text) == word && m.stands_alone() && m.place);
        let first = |word: &str| found.iter().position(|m| m.span.slice(text) == word).expect(word);
        let (i, j) = (first(a), first(b));
        assert_eq!(
            same_referent(&referents[i], place_of(a), &referents[j], place_of(b)),
            expect,
            "{a} / {b} in {text}"
        );
    }

    #[test]
    fn phrases_agree_on_their_other_words() {
        check("Marcel Dupree met Marcell Dupree.", "Marcel", "Marcell", true);
        check("Marcel Dupree met Marcell Oyelaran.", "Marcel", "Marcell", false);
        check("The Kindly Society of Port Halvern and the Kindli Society met.", "Kindly", "Kindli", true);
        check("Ivo Petar Dalmovic and Ivo Dalmovica.", "Dalmovic", "Dalmovica", true);
        check("Anouk Verhaal and Verhael Institute.", "Verhaal", "Verhael", false);
    }

    #[test]
    fn a_lone_word_is_a_short_reference_unless_a_place() {
        check("Tobias Wendtler arrived. Then Wendtlar said so.", "Wendtler", "Wendtlar", true);
        check("Fighters held Orlava. Nadia Orlova, a fighter, spoke.", "Orlava", "Orlova", true);
        check("Fighters held out in Orlava. Nadia Orlova, a fighter, spoke.", "Orlava", "Orlova", false);
        check("Tobias Wendtler of Halvern Partners spoke. Then Wendtlar said so.", "Wendtler", "Wendtlar", true);
        check("Tobias Wendtler Halvern spoke. Then Wendtlar said so.", "Wendtler", "Wendtlar", false);
    }

    #[test]
    fn a_lone_word_that_repeats_a_phrase_takes_its_referent() {
        // "said Orlova" is the fighter, not the town spelled "Orlava".
        check("Fighters held out in Orlava. Nadia Orlova spoke, said Orlova.", "Orlava", "Orlova", false);
        let text = "Fighters held out in Orlava. Nadia Orlova spoke from outside Orlova.";
        let found = mentions(text, &sentences_of(text));
        let last = found.iter().rposition(|m| m.span.slice(text) == "Orlova").expect("Orlova");
        assert_eq!(referents(text, &found, &|_| false)[last], Referent::Alone);
    }
}
