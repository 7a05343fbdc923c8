//! A sentence's words and entity mentions, read once for all that extraction reads of it: the
//! claims of the sentence and their clauses (each read the words and entities of its clause
//! again) and the sentence's alignment features.

use crate::engine::entities::{self, EntityMention};
use crate::engine::extract::content_stem_sym;
use crate::engine::interned::Sym;
use crate::engine::text::{words, Span, Word};
use std::cell::OnceCell;
use std::ops::Range;

/// The words of a text and the entities it mentions, as `words` and `EntityTable::find_all` read
/// them; spans relative to the text.
pub struct Lexicon<'s> {
    pub text: &'s str,
    pub words: Vec<Word<'s>>,
    pub mentions: Vec<EntityMention>,
    /// Each word's content stem (`content_stem_sym`), looked up once for all the claims and
    /// clauses that read the word.
    stems: OnceCell<Vec<Option<Sym>>>,
}

impl<'s> Lexicon<'s> {
    pub fn read(text: &'s str) -> Lexicon<'s> {
        let words = words(text);
        let mentions = entities::table().find_all_in(text, &words);
        Lexicon { text, words, mentions, stems: OnceCell::new() }
    }

    /// The content stem of each word of `words`, in their order.
    pub fn stems(&self) -> &[Option<Sym>] {
        self.stems.get_or_init(|| self.words.iter().map(|word| content_stem_sym(word.text)).collect())
    }

    /// `f` of the words and mentions of `part` of the text, as read from the part's own text but
    /// with spans relative to the whole text.
    pub fn with_part<R>(&self, part: Span, f: impl FnOnce(&[Word<'s>], &[EntityMention]) -> R) -> R {
        match self.within(part) {
            Some((words, mentions)) => f(&self.words[words], &self.mentions[mentions]),
            None => {
                let own = self.own_reading(part);
                f(&own.words, &own.mentions)
            }
        }
    }

    /// `with_part`, with the content stems of the part's words beside them.
    pub fn with_part_and_stems<R>(
        &self,
        part: Span,
        f: impl FnOnce(&[Word<'s>], &[Option<Sym>], &[EntityMention]) -> R,
    ) -> R {
        match self.within(part) {
            Some((words, mentions)) => f(&self.words[words.clone()], &self.stems()[words], &self.mentions[mentions]),
            None => {
                let own = self.own_reading(part);
                f(&own.words, own.stems(), &own.mentions)
            }
        }
    }

    /// `part` read from its own text, with spans relative to the whole text.
    fn own_reading(&self, part: Span) -> Lexicon<'s> {
        let own = Lexicon::read(part.slice(self.text));
        let shift = |span: Span| span.shift(part.start);
        let words: Vec<Word<'s>> = own.words.into_iter().map(|w| Word { span: shift(w.span), text: w.text }).collect();
        let mentions: Vec<EntityMention> =
            own.mentions.into_iter().map(|m| EntityMention { span: shift(m.span), entity: m.entity }).collect();
        Lexicon { text: self.text, words, mentions, stems: OnceCell::new() }
    }

    /// The words and mentions inside `part`, when they are what the part's own text gives: when
    /// neither of its ends falls inside a word or a mention. A word is then read alike (the
    /// scanner looks past a word's end only for a letter joined by an apostrophe or a hyphen, and
    /// a word ending at a cut has none), and so is a mention (the longest alias at each word is
    /// the same unless it runs past a cut, and one that does is a mention across it).
    /// (Ranges of `words` and `mentions`.)
    fn within(&self, part: Span) -> Option<(Range<usize>, Range<usize>)> {
        let cuts = |span: Span| [part.start, part.end].iter().any(|&at| span.start < at && at < span.end);
        // Words and mentions come in the order of the text, none inside another of its list.
        let first_word = self.words.partition_point(|w| w.span.end <= part.start);
        let last_word = self.words.partition_point(|w| w.span.start < part.end);
        let first_mention = self.mentions.partition_point(|m| m.span.end <= part.start);
        let last_mention = self.mentions.partition_point(|m| m.span.start < part.end);
        let (word_range, mention_range) = (first_word..last_word, first_mention..last_mention);
        let words = self.words.get(word_range.clone())?;
        let mentions = self.mentions.get(mention_range.clone())?;
        let edges = words.first().into_iter().chain(words.last()).map(|w| w.span);
        let mention_edges = mentions.first().into_iter().chain(mentions.last()).map(|m| m.span);
        let on_characters = self.text.is_char_boundary(part.start) && self.text.is_char_boundary(part.end);
        if !on_characters || edges.chain(mention_edges).any(cuts) {
            return None;
        }
        Some((word_range, mention_range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part of each sentence, cut at any two characters, reads from the sentence's lexicon
    /// exactly as from its own text, its words' stems too.
    #[test]
    fn a_part_reads_as_its_own_text_does() {
        let sentences = [
            "The U.S. and Ukrainian negotiators met at the White House; pro-Russian forces held.",
            "Moscow’s demands — Kyiv’s answer (the Kremlin's) and rock-'n'-roll in the U.S.",
            "Russian-backed fighters, which Kyiv calls Russia’s proxies, left\nthe White\nHouse’s lawn.",
            "Éire’s İstanbul-born envoy said ‘no’ to the Kremlin’s 19 per cent — then U.S. officials",
        ];
        for sentence in sentences {
            let lexicon = Lexicon::read(sentence);
            let cuts: Vec<usize> = (0..=sentence.len()).filter(|&at| sentence.is_char_boundary(at)).collect();
            for (i, &start) in cuts.iter().enumerate() {
                for &end in &cuts[i..] {
                    let part = Span::new(start, end);
                    let own = Lexicon::read(part.slice(sentence));
                    let expected_words: Vec<(Span, &str)> =
                        own.words.iter().map(|w| (w.span.shift(start), w.text)).collect();
                    let expected_mentions: Vec<(Span, &str)> =
                        own.mentions.iter().map(|m| (m.span.shift(start), m.entity)).collect();
                    lexicon.with_part(part, |words, mentions| {
                        let words: Vec<(Span, &str)> = words.iter().map(|w| (w.span, w.text)).collect();
                        let mentions: Vec<(Span, &str)> = mentions.iter().map(|m| (m.span, m.entity)).collect();
                        assert_eq!(words, expected_words, "{:?}", part.slice(sentence));
                        assert_eq!(mentions, expected_mentions, "{:?}", part.slice(sentence));
                    });
                    let expected_stems: Vec<Option<Sym>> = own.words.iter().map(|w| content_stem_sym(w.text)).collect();
                    lexicon.with_part_and_stems(part, |words, stems, _| {
                        assert_eq!(words.len(), stems.len());
                        assert_eq!(stems, expected_stems, "{:?}", part.slice(sentence));
                    });
                }
            }
        }
    }

    /// The lexicon's own words are used where the cuts allow (the point of it): a clause between
    /// a semicolon and the end of the sentence.
    #[test]
    fn a_clause_between_cuts_borrows_the_sentence_reading() {
        let sentence = "The White House spoke; Kyiv’s envoy left.";
        let lexicon = Lexicon::read(sentence);
        let clause = Span::new(sentence.find(';').unwrap_or(0) + 1, sentence.len());
        assert!(lexicon.within(clause).is_some());
        let inside_a_name = Span::new(sentence.find("House").unwrap_or(0), sentence.len());
        assert!(lexicon.within(inside_a_name).is_none());
    }
}
