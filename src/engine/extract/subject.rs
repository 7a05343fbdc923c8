//! What a claim is about: the entities and content-word stems of the clause around it, with a few
//! general concepts folded together (`occupies`, `holds`, `in control of` → control), so that
//! paraphrases of the same subject align and different subjects do not.

use crate::engine::claim::Subject;
use crate::engine::entities::{self, EntityMention};
use crate::engine::interned::Sym;
use crate::engine::lexicon::Lexicon;
use crate::engine::text::remembered::{remembered, Answers};
use crate::engine::text::{is_stopword, stem, words, Span, Word};
use std::collections::BTreeSet;

/// Content words taken on each side of the claim inside its clause.
const WINDOW: usize = 6;

/// The subject of the claim at `anchor` (sentence-relative), ignoring the words in `exclude`
/// (other figures, the attribution), and the stretch of the sentence it was read from.
pub fn clause_of(sentence: &str, anchor: Span) -> Span {
    clause_around(sentence, anchor)
}

pub fn subject_around(sentence: &Lexicon<'_>, anchor: Span, exclude: &[Span]) -> (Subject, Span) {
    let (parts, context) = features_around(sentence, clause_around(sentence.text, anchor), anchor, exclude, WINDOW);
    (parts.into_subject(), context)
}

/// A subject's words while it is read (interned words order as their text does).
#[derive(Default)]
struct Parts {
    entities: BTreeSet<Sym>,
    stems: BTreeSet<Sym>,
    names: BTreeSet<Sym>,
}

impl Parts {
    fn len(&self) -> usize {
        self.entities.len() + self.stems.len() + self.names.len()
    }

    fn into_subject(self) -> Subject {
        let all = |set: BTreeSet<Sym>| set.into_iter().collect();
        Subject::of_words(all(self.entities), all(self.stems), all(self.names))
    }
}

/// The features of `clause`, at most `window` on each side of `anchor`, skipping `exclude`.
fn features_around(
    lexicon: &Lexicon<'_>,
    clause: Span,
    anchor: Span,
    exclude: &[Span],
    window: usize,
) -> (Parts, Span) {
    lexicon.with_part_and_stems(clause, |all_words, stems, mentions| {
        features_of(lexicon.text, all_words, stems, mentions, anchor, exclude, window)
    })
}

/// `features_around` of a clause's words, their content stems and its mentions
/// (sentence-relative spans).
fn features_of(
    sentence: &str,
    all_words: &[Word<'_>],
    stems: &[Option<Sym>],
    mentions: &[EntityMention],
    anchor: Span,
    exclude: &[Span],
    window: usize,
) -> (Parts, Span) {
    let mut subject = Parts::default();
    let skip = |span: Span| {
        exclude
            .iter()
            .chain(std::iter::once(&anchor))
            .any(|e| !e.is_empty() && e.start < span.end && span.start < e.end)
    };

    let mut before = Vec::new();
    let mut after = Vec::new();
    for (word, &stem) in all_words.iter().zip(stems) {
        let span = word.span;
        if skip(span) {
            continue;
        }
        let entity = mentions.iter().find(|m| m.span.start <= span.start && span.end <= m.span.end);
        // Content words that are capitalised are names, also at the start of a sentence
        // ("Putin met…"): function words there ("The", "In") are no content words at all.
        let feature = match (entity, stem) {
            (Some(mention), _) => Feature::Entity(Sym::of(mention.entity)),
            // Calendar words are dates, compared as dates: they do not tell events apart here.
            (None, Some(stem)) if crate::engine::text::calendar::is_calendar_word(&stem) => continue,
            (None, Some(stem)) if word.is_capitalized() => Feature::Name(stem),
            (None, Some(_)) if word.text.contains('-') && !word.is_capitalized() => {
                // "third-quarter" and "third quarter" meet on their parts.
                let mut offset = span.start;
                for part in word.text.split('-') {
                    let stem =
                        content_stem_sym(part).or_else(|| (part.len() > 2).then(|| Sym::of(&part.to_lowercase())));
                    if let Some(stem) = stem {
                        let part_span = Span::new(offset, offset + part.len());
                        if part_span.end <= anchor.start {
                            before.push((part_span, Feature::Stem(stem)));
                        } else {
                            after.push((part_span, Feature::Stem(stem)));
                        }
                    }
                    offset += part.len() + 1;
                }
                continue;
            }
            (None, Some(stem)) => Feature::Stem(stem),
            (None, None) => continue,
        };
        if span.end <= anchor.start {
            before.push((span, feature));
        } else {
            after.push((span, feature));
        }
    }
    // "Vladimir Putin" and "Putin" name one person: a run of names counts as its last word.
    for list in [&mut before, &mut after] {
        let mut kept: Vec<(Span, Feature)> = Vec::new();
        for (span, feature) in list.drain(..) {
            let joins_previous = matches!((&feature, kept.last()), (Feature::Name(_), Some((prev, Feature::Name(_))))
                if sentence.get(prev.end..span.start).is_some_and(|gap| gap.trim().is_empty()));
            if joins_previous {
                kept.pop();
            }
            kept.push((span, feature));
        }
        *list = kept;
    }
    // Names tell events apart wherever they stand in the clause; other words only near the claim.
    for (_, feature) in before.iter().chain(after.iter()) {
        if let Feature::Name(name) = feature {
            subject.names.insert(*name);
        }
    }
    let is_name = |f: &Feature| matches!(f, Feature::Name(_));
    let before_near = before.into_iter().rev().filter(|(_, f)| !is_name(f)).take(window);
    let after_near = after.into_iter().filter(|(_, f)| !is_name(f)).take(window);
    let mut context = anchor;
    for (span, feature) in before_near.chain(after_near) {
        context = context.cover(span);
        match feature {
            Feature::Entity(e) => subject.entities.insert(e),
            Feature::Stem(s) => subject.stems.insert(s),
            Feature::Name(n) => subject.names.insert(n),
        };
    }
    (subject, context)
}

/// Every entity, name and content stem of a sentence: what a statement is about.
pub fn sentence_subject(sentence: &str) -> Subject {
    let lexicon = Lexicon::read(sentence);
    clause_subject(&lexicon, Span::new(0, sentence.len()))
}

/// `sentence_subject` of a clause of a sentence (a sentence-relative span).
pub fn clause_subject(sentence: &Lexicon<'_>, clause: Span) -> Subject {
    clause_parts(sentence, clause).into_subject()
}

/// How many distinct features `clause_subject` finds in a clause.
pub fn clause_feature_count(sentence: &Lexicon<'_>, clause: Span) -> usize {
    clause_parts(sentence, clause).len()
}

/// The features of a whole clause, read as from its own text: its words from its start.
fn clause_parts(sentence: &Lexicon<'_>, clause: Span) -> Parts {
    features_around(sentence, clause, Span::new(clause.start, clause.start), &[], usize::MAX).0
}

enum Feature {
    Entity(Sym),
    Stem(Sym),
    Name(Sym),
}

/// What a share is a share of: the words after `of` (`of Ukraine`, `of Ukrainian territory`).
pub fn whole_after(sentence: &str, from: usize) -> Option<Subject> {
    let rest = &sentence[from..];
    let rest_trimmed = rest.trim_start();
    let of_phrase = rest_trimmed.strip_prefix("of ")?;
    let offset = from + (rest.len() - rest_trimmed.len()) + 3;
    let end = of_phrase.find([',', '.', ';', ':', '(', ')', '—', '–']).unwrap_or(of_phrase.len());
    let phrase_words: Vec<_> = words(&of_phrase[..end]).into_iter().take(4).collect();
    let last = phrase_words.last()?;
    let span = Span::new(offset, offset + last.span.end);
    let entities: Vec<String> =
        entities::table().find_all(span.slice(sentence)).into_iter().map(|m| m.entity.to_string()).collect();
    let stems: Vec<String> = match entities.is_empty() {
        true => phrase_words.iter().filter_map(|word| content_stem(word.text)).collect(),
        false => Vec::new(),
    };
    let whole = Subject::new(entities, stems, Vec::new());
    (!whole.is_empty()).then_some(whole)
}

/// The stem of a content word, folded into a general concept where one applies; `None` for
/// stopwords, numbers and single letters.
pub fn content_stem(word: &str) -> Option<String> {
    content_stem_sym(word).map(|stem| stem.to_string())
}

/// `f` of the stem of a content word (`content_stem`), borrowed from the process's table of
/// words: for a caller that keeps a key of the stem, not the stem, no copy of it.
pub fn with_content_stem<R>(word: &str, f: impl Fn(Option<&str>) -> R) -> R {
    f(content_stem_sym(word).map(Sym::as_str))
}

/// `content_stem`, interned. Every sentence's words are asked again for their stems: each thread
/// remembers the answers for a bounded vocabulary.
pub fn content_stem_sym(word: &str) -> Option<Sym> {
    thread_local! {
        static STEMS: Answers<Option<Sym>> = Answers::default();
    }
    remembered(&STEMS, word, |word| content_stem_of(word).map(|stem| Sym::of(&stem)))
}

fn content_stem_of(word: &str) -> Option<String> {
    let lower = word.to_lowercase().replace('’', "'");
    if lower.chars().count() < 3 || is_stopword(&lower) || lower.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if crate::engine::extract::numbers::UNITS.iter().any(|(w, _)| *w == lower) {
        return None;
    }
    let stemmed = stem(&lower);
    Some(crate::engine::concepts::of_stem(&stemmed).map_or(stemmed.clone(), str::to_string))
}

/// The clause holding `anchor`: bounded by the sentence, `;`, `:`, brackets, dashes and the commas
/// that open a relative or contrastive clause.
fn clause_around(sentence: &str, anchor: Span) -> Span {
    const HARD: [char; 6] = [';', ':', '(', ')', '—', '–'];
    let before = &sentence[..anchor.start.min(sentence.len())];
    let mut start = before.rfind(HARD).map_or(0, |at| at + 1);
    if let Some(at) = before.rmatch_indices(',').map(|(at, _)| at).find(|&at| soft_opener_at(before, at)) {
        start = start.max(at + 1);
    }
    if let Some(at) = participles(before).last() {
        start = start.max(at + 1);
    }
    let mut after_start = anchor.end.min(sentence.len());
    // "2,500km (1,500 miles)": a bracket the anchor opens is closed inside its clause.
    let inside = sentence.get(anchor.start..after_start).unwrap_or("");
    if inside.matches('(').count() > inside.matches(')').count() {
        if let Some(close) = sentence[after_start..].find(')') {
            after_start += close + 1;
        }
    }
    let after = &sentence[after_start..];
    let mut end = after.find(HARD).map_or(sentence.len(), |at| after_start + at);
    if let Some(at) = after.match_indices(',').map(|(at, _)| at).find(|&at| soft_opener_at(after, at)) {
        end = end.min(after_start + at);
    }
    if let Some(at) = participles(after).first() {
        end = end.min(after_start + at);
    }
    while start < sentence.len() && !sentence.is_char_boundary(start) {
        start += 1;
    }
    Span::new(start, end)
}

/// The commas that open a relative or contrastive clause.
const SOFT_OPENERS: [&str; 10] =
    [", which", ", who", ", where", ", while", ", but", ", and", ", although", ", though", ", as ", ", according"];

/// Whether a soft opener begins at `at` of `text` (every one begins with a comma: a clause's
/// bounds look at its commas, not for each opener in turn).
fn soft_opener_at(text: &str, at: usize) -> bool {
    text.get(at..).is_some_and(|rest| SOFT_OPENERS.iter().any(|opener| rest.starts_with(opener)))
}

/// Offsets of the commas that open a participial clause (", beating Harbour City 3-1…").
fn participles(text: &str) -> Vec<usize> {
    static PARTICIPLE: std::sync::OnceLock<crate::engine::text::Pattern> = std::sync::OnceLock::new();
    let participle = PARTICIPLE
        .get_or_init(|| crate::engine::text::Pattern::new(r", [a-z]{3,}ing\b").expect("valid participle pattern"));
    participle.on(text).find_iter(text).map(|m| m.start()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_soft_openers_at_commas_are_those_searching_each_finds() {
        let texts = [
            "The minister, who spoke on Monday, said the talks, which began in May, would go on, and that \
             troops, although tired, held the town, according to officials, while rebels, as before, fled.",
            ", which, who, and, but, as , according,,, , although",
            "Kyiv’s forces, which Moscow calls “proxies”, took the town — then lost it, though briefly",
            "No commas here at all",
        ];
        for sentence in texts {
            for cut in (0..=sentence.len()).filter(|&at| sentence.is_char_boundary(at)) {
                for text in [&sentence[..cut], &sentence[cut..]] {
                    let last = SOFT_OPENERS.iter().filter_map(|opener| text.rfind(opener)).max();
                    let first = SOFT_OPENERS.iter().filter_map(|opener| text.find(opener)).min();
                    let commas: Vec<usize> = text.match_indices(',').map(|(at, _)| at).collect();
                    assert_eq!(commas.iter().rev().copied().find(|&at| soft_opener_at(text, at)), last, "{text:?}");
                    assert_eq!(commas.iter().copied().find(|&at| soft_opener_at(text, at)), first, "{text:?}");
                }
            }
        }
    }

    fn subject_of(sentence: &str, anchor: &str) -> (Vec<String>, Vec<String>) {
        let at = sentence.find(anchor).unwrap();
        let (s, _) = subject_around(&Lexicon::read(sentence), Span::new(at, at + anchor.len()), &[]);
        (s.entities().iter().map(String::from).collect(), s.stems().iter().map(String::from).collect())
    }

    #[test]
    fn paraphrases_of_territorial_control_share_a_subject() {
        let a = subject_of(
            "Russian forces control more than 19 per cent of Ukraine, according to maps.",
            "more than 19 per cent",
        );
        let b = subject_of(
            "Still, Russian forcess are now in control of roughly one-fifth of Ukrainian territory.",
            "roughly one-fifth",
        );
        assert_eq!(a, (vec!["Russia".into(), "Ukraine".into()], vec!["control".into(), "force".into()]));
        assert!(b.0.contains(&"Russia".to_string()) && b.1.contains(&"control".to_string()));
    }

    #[test]
    fn a_share_knows_its_whole() {
        let sentence = "Moscow occupies more than 19% of Ukraine — roughly.";
        let whole = whole_after(sentence, sentence.find(" of").unwrap()).unwrap();
        assert!(whole.entities().contains("Ukraine"));
    }
}
