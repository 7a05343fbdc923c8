//! Quotations compared as utterances. Two quotations are one utterance when most of their words
//! run in the same order, whoever each source says spoke them: one may be an excerpt of the
//! other, an ellipsis or an insertion ("[the soldiers]") may leave words out, and the words are
//! compared as `quote_words` folds them (case, punctuation, contractions, house spelling). Two
//! comparisons follow:
//!
//! - the wording (part 0): the same words back each other; one or two small differences of
//!   content words ("three" / "five", "just" added) are a misquote; many scattered differences
//!   are two renderings of the same remark (two translations) and say nothing either way;
//! - the speaker (part 1): where both articles name the person quoted and the words are the same,
//!   another person is a contradiction ("Mr. Najib", "Najib Razak" and "the prime minister" tied
//!   to him in the article are one person).

use super::{Comparison, Pair, Relation, Side};
use crate::engine::claim::Quote;
use crate::engine::extract::{is_function_word, quote_match_key};
use crate::engine::finding::SlotValue;
use crate::engine::names::{same_person, within_characters};

/// The part of a quotation claim its wording is compared in…
pub const WORDING: usize = 0;
/// …and its speaker.
pub const SPEAKER: usize = 1;

/// Words in common, in order, relative to the shorter quote, that make two quotes one statement…
const SAME_STATEMENT: f64 = 0.6;
/// …with at least this many words running on together in both.
const SHARED_RUN: usize = 4;
/// A misquote needs a quote at least this long: short phrases recur in other statements.
const MIN_WORDS: usize = 6;
/// A misquote differs in at most this many places, each of at most this many content words;
/// more is another rendering of the remark (a translation), not a misquote of it.
const MAX_DIFFERENCES: usize = 2;
const MAX_DIFFERENCE_WORDS: usize = 3;
/// Content words the two must share around a difference for it to be a misquote.
const MIN_SHARED_CONTENT: usize = 2;
/// Words compared at most in a quotation: a longer one is compared on its start.
const MAX_TOKENS: usize = 300;
/// Identical words, running on, and content words in common that make two quotations surely the
/// same words, so that their speakers can be compared.
const SPEAKER_RUN: usize = 5;
const SPEAKER_CONTENT: usize = 3;

/// How two quotations of one utterance differ in one place: each side's words there (with a
/// word of context where one side has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub ours: Vec<String>,
    pub theirs: Vec<String>,
}

/// How the words of two quotations relate.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub wording: Relation,
    /// Where a misquote differs.
    pub differences: Vec<Difference>,
    /// The words are the same, and enough of them, for a different speaker to be a contradiction.
    pub same_words: bool,
}

/// The comparisons of two quotation claims: their wording, and their speakers when both are
/// named persons and the words are the same. `read`'s first test is made with each side's sorted
/// word numbers kept with its document: a quotation is tested against up to hundreds of others,
/// and sorting its words was most of that test. Where every word has its number, the words the
/// two share in any order are the ones that test counted.
pub fn compare_sides(pair: &Pair<'_>, ours: &Quote, theirs: &Quote) -> Vec<Comparison> {
    let sorted = |side: &Side<'_>, quote: &Quote| {
        side.doc.memo.quote_keys(side.claim.sentence, side.claim.span, || {
            let mut keys = keys(quote);
            keys.sort_unstable();
            keys
        })
    };
    let shared =
        (keyed(ours) && keyed(theirs)).then(|| shared_sorted(&sorted(&pair.ours, ours), &sorted(&pair.theirs, theirs)));
    if shared.is_some_and(|shared| shared < SHARED_RUN) {
        return Vec::new();
    }
    let any_order = shared.filter(|_| fully_keyed(ours) && fully_keyed(theirs));
    comparisons(read_words(ours, theirs, any_order), ours, theirs)
}

/// `compare_sides` of two quotations outside any document.
#[cfg(test)]
pub fn compare(ours: &Quote, theirs: &Quote) -> Vec<Comparison> {
    comparisons(read(ours, theirs), ours, theirs)
}

fn comparisons(reading: Option<Reading>, ours: &Quote, theirs: &Quote) -> Vec<Comparison> {
    let Some(reading) = reading else { return Vec::new() };
    let mut found = vec![Comparison { ours: WORDING, theirs: WORDING, relation: reading.wording, value: None }];
    if let (true, Some(a), Some(b)) = (reading.same_words, &ours.person, &theirs.person) {
        let relation = if same_person(a, b) { Relation::Supports } else { Relation::Contradicts };
        found.push(Comparison { ours: SPEAKER, theirs: SPEAKER, relation, value: None });
    }
    found
}

/// What `theirs` states in the compared part, for grouping the sources that agree: the person
/// quoted, or where the words differ from ours.
pub fn value(ours: &Quote, theirs: &Quote, part: usize) -> Option<SlotValue> {
    if part == SPEAKER {
        return theirs.person.clone().map(SlotValue::Person);
    }
    let differences = read(ours, theirs).map(|r| r.differences).unwrap_or_default();
    if differences.is_empty() {
        return Some(SlotValue::Text(theirs.fragments.iter().flatten().cloned().collect::<Vec<_>>().join(" ")));
    }
    Some(SlotValue::Text(describe(&differences)))
}

/// `"three" where this has "five"`, for each difference; lowercase, so that sources that give
/// the same words group together whatever their capitals.
pub fn describe(differences: &[Difference]) -> String {
    let shown: Vec<String> = differences
        .iter()
        .map(|d| format!("\"{}\" where this has \"{}\"", d.theirs.join(" "), d.ours.join(" ")).to_lowercase())
        .collect();
    shown.join("; ")
}

/// A quoted word with what it is compared by.
struct Token<'q> {
    word: &'q str,
    key: std::borrow::Cow<'q, str>,
    /// The key by number, equal for equal keys of the two quotations compared: comparing the
    /// words of two long quotations compares tens of thousands of pairs.
    id: u32,
    /// Which fragment of its quotation (an ellipsis or an insertion starts a new one).
    fragment: usize,
}

impl Token<'_> {
    fn place(&self) -> Place {
        Place { id: self.id, fragment: self.fragment }
    }
}

/// What aligning two quotations reads of a word: its key's number and its fragment. Most pairs
/// tested are no utterance in common, and are told so from these alone.
#[derive(Clone, Copy)]
struct Place {
    id: u32,
    fragment: usize,
}

/// The places of the words of a quotation whose words all have their keys, as `tokens` reads them.
fn places(quote: &Quote) -> Vec<Place> {
    let mut found = Vec::with_capacity(quote.keys.iter().map(|keys| keys.len()).sum::<usize>().min(MAX_TOKENS));
    for (fragment, keys) in quote.keys.iter().enumerate() {
        for key in keys.iter().take(MAX_TOKENS.saturating_sub(found.len())) {
            found.push(Place { id: key.number(), fragment });
        }
    }
    found
}

/// Whether a quotation's words all have their keys.
fn fully_keyed(quote: &Quote) -> bool {
    quote.keys.len() == quote.fragments.len()
        && quote.keys.iter().zip(&quote.fragments).all(|(k, f)| k.len() == f.len())
}

fn tokens(quote: &Quote) -> Vec<Token<'_>> {
    let keyed = fully_keyed(quote);
    let mut found = Vec::with_capacity(quote.fragments.iter().map(|words| words.len()).sum::<usize>().min(MAX_TOKENS));
    for (fragment, words) in quote.fragments.iter().enumerate() {
        for (i, word) in words.iter().enumerate().take(MAX_TOKENS.saturating_sub(found.len())) {
            let (key, id) = if keyed {
                let key = quote.keys[fragment][i];
                (std::borrow::Cow::Borrowed(key.as_str()), key.number())
            } else {
                (std::borrow::Cow::Owned(quote_match_key(word)), 0)
            };
            found.push(Token { word, key, id, fragment });
        }
    }
    found
}

/// The tokens of two quotations, their keys numbered alike: by the keys' own numbers when both
/// have them, otherwise afresh for the two.
fn tokens_of_pair<'q>(ours: &'q Quote, theirs: &'q Quote) -> (Vec<Token<'q>>, Vec<Token<'q>>) {
    let (mut a, mut b) = (tokens(ours), tokens(theirs));
    if !(fully_keyed(ours) && fully_keyed(theirs)) {
        let mut numbers: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        for token in a.iter_mut().chain(b.iter_mut()) {
            let next = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
            token.id = *numbers.entry(token.key.to_string()).or_insert(next);
        }
    }
    (a, b)
}

/// How the words of `ours` read against those of `theirs`; `None` when they are not one utterance.
pub fn read(ours: &Quote, theirs: &Quote) -> Option<Reading> {
    // Words in common in any order bound those in order, and an excerpt or an overlap shares
    // four at least: most pairs stop here, cheaply.
    if keyed(ours) && keyed(theirs) && shared_words(keys(ours), keys(theirs)) < SHARED_RUN {
        return None;
    }
    read_words(ours, theirs, None)
}

fn keyed(quote: &Quote) -> bool {
    quote.keys.len() == quote.fragments.len()
}

/// By the words' numbers: counting shared words needs only their equality, and numbers sort
/// without reading the words.
fn keys(quote: &Quote) -> Vec<u32> {
    quote.keys.iter().flatten().map(|key| key.number()).take(MAX_TOKENS).collect()
}

/// `read` past its first test. `any_order`, when known, is how many words the two share in any
/// order: for two quotations whose words all have their numbers, what `shared_sorted` counts of
/// their sorted `keys`.
fn read_words(ours: &Quote, theirs: &Quote, any_order: Option<usize>) -> Option<Reading> {
    // Words with their keys are aligned by the keys' numbers, and read only for a pair that aligns.
    let mut tokens = (!(fully_keyed(ours) && fully_keyed(theirs))).then(|| tokens_of_pair(ours, theirs));
    let (a, b): (Vec<Place>, Vec<Place>) = match &tokens {
        Some((a, b)) => (a.iter().map(Token::place).collect(), b.iter().map(Token::place).collect()),
        None => (places(ours), places(theirs)),
    };
    let any_order =
        any_order.unwrap_or_else(|| shared_words(a.iter().map(|t| t.id).collect(), b.iter().map(|t| t.id).collect()));
    let shorter = a.len().min(b.len());
    let exact = excerpt_of(&a, &b) || excerpt_of(&b, &a) || overlap(&a, &b);
    if !exact && (any_order as f64) < SAME_STATEMENT * shorter as f64 {
        return None;
    }
    let pairs = common_in_order(&a, &b);
    let run = longest_run(&pairs);
    let shared = pairs.len();
    let ratio = shared as f64 / shorter.max(1) as f64;
    let same_statement =
        shorter >= MIN_WORDS && ((run >= SHARED_RUN && ratio >= SAME_STATEMENT) || (run >= 3 && ratio >= 0.8));
    if !exact && !same_statement {
        return None;
    }
    let (a, b) = tokens.get_or_insert_with(|| tokens_of_pair(ours, theirs));
    let mut differences = if exact { Vec::new() } else { differences(a, b, &pairs) };
    // The same words in another order ("slipped silently" / "silently slipped") change nothing.
    if reordered(&differences) {
        differences.clear();
    }
    let shared_content = pairs.iter().filter(|&&(i, _)| !is_function_word(a[i].word)).count();
    let wording = match differences.len() {
        0 => Relation::Supports,
        n if n <= MAX_DIFFERENCES
            && shared_content >= MIN_SHARED_CONTENT
            && differences
                .iter()
                .all(|d| content(&d.ours) <= MAX_DIFFERENCE_WORDS && content(&d.theirs) <= MAX_DIFFERENCE_WORDS) =>
        {
            Relation::Contradicts
        }
        _ => Relation::Related,
    };
    let same_words = wording == Relation::Supports && run >= SPEAKER_RUN && shared_content >= SPEAKER_CONTENT;
    let differences = if wording == Relation::Contradicts { differences } else { Vec::new() };
    Some(Reading { wording, differences, same_words })
}

/// The differences only move content words: each side has the same ones.
fn reordered(differences: &[Difference]) -> bool {
    let words = |side: fn(&Difference) -> &Vec<String>| {
        let mut keys: Vec<String> =
            differences.iter().flat_map(side).filter(|w| !is_function_word(w)).map(|w| quote_match_key(w)).collect();
        keys.sort();
        keys
    };
    let (ours, theirs) = (words(|d| &d.ours), words(|d| &d.theirs));
    !differences.is_empty() && !ours.is_empty() && ours == theirs
}

fn content(words: &[String]) -> usize {
    words.iter().filter(|w| !is_function_word(w)).count()
}

/// The places where two quotations of one utterance differ in content words, between and just
/// around their words in common. A gap where one side has an ellipsis or an insertion is words
/// it left out, not a difference; function words ("the" / "a"), one word written as two
/// ("e-mail" / "email") and a one-letter slip in a long word are no difference either.
fn differences(a: &[Token<'_>], b: &[Token<'_>], pairs: &[(usize, usize)]) -> Vec<Difference> {
    let mut found = Vec::new();
    let (Some(&first), Some(&last)) = (pairs.first(), pairs.last()) else { return found };
    // Words before the first in common: both sides have some there, in the same fragment.
    let lead = |tokens: &[Token<'_>], at: usize| -> usize {
        (0..at).rev().take_while(|&i| tokens[i].fragment == tokens[at].fragment).count()
    };
    let (lead_a, lead_b) = (lead(a, first.0), lead(b, first.1));
    if lead_a > 0 && lead_b > 0 {
        let k = lead_a.min(lead_b).min(MAX_DIFFERENCE_WORDS);
        found.extend(difference(&a[first.0 - k..first.0], &b[first.1 - k..first.1], None, Some(&a[first.0])));
    }
    for window in pairs.windows(2) {
        let ((i, j), (next_i, next_j)) = (window[0], window[1]);
        let (gap_a, gap_b) = (&a[i + 1..next_i], &b[j + 1..next_j]);
        if gap_a.is_empty() && gap_b.is_empty() {
            continue;
        }
        let elided = a[i].fragment != a[next_i].fragment || b[j].fragment != b[next_j].fragment;
        if !elided {
            found.extend(difference(gap_a, gap_b, Some(&a[i]), Some(&a[next_i])));
        }
    }
    let tail = |tokens: &[Token<'_>], at: usize| -> usize {
        (at + 1..tokens.len()).take_while(|&i| tokens[i].fragment == tokens[at].fragment).count()
    };
    let (tail_a, tail_b) = (tail(a, last.0), tail(b, last.1));
    if tail_a > 0 && tail_b > 0 {
        let k = tail_a.min(tail_b).min(MAX_DIFFERENCE_WORDS);
        found.extend(difference(
            &a[last.0 + 1..last.0 + 1 + k],
            &b[last.1 + 1..last.1 + 1 + k],
            Some(&a[last.0]),
            None,
        ));
    }
    found
}

/// One place where the words differ, if the difference is one of content words. `before` and
/// `after` are the words in common around it, shown where one side has nothing.
fn difference(
    ours: &[Token<'_>],
    theirs: &[Token<'_>],
    before: Option<&Token<'_>>,
    after: Option<&Token<'_>>,
) -> Option<Difference> {
    let content = |tokens: &[Token<'_>]| -> Vec<String> {
        tokens.iter().filter(|t| !is_function_word(t.word)).map(|t| t.key.to_string()).collect()
    };
    let (x, y) = (content(ours), content(theirs));
    if x == y {
        return None;
    }
    let joined = |tokens: &[Token<'_>]| tokens.iter().map(|t| t.word).collect::<String>();
    if joined(ours) == joined(theirs) {
        return None;
    }
    // A slip of one letter in a long word ("hoazes" / "hoaxes") is a typing error, not a misquote.
    let lower = |tokens: &[Token<'_>]| -> Vec<String> {
        tokens.iter().filter(|t| !is_function_word(t.word)).map(|t| t.word.to_lowercase()).collect()
    };
    if let ([p], [q]) = (lower(ours).as_slice(), lower(theirs).as_slice()) {
        if p.chars().count() >= 6 && q.chars().count() >= 6 && within_characters(p, q, 1) {
            return None;
        }
    }
    // A name given in full on one side ("Kim Il-sung" / "Il-sung") names the same person.
    let names_only =
        |tokens: &[Token<'_>]| tokens.iter().all(|t| t.word.chars().next().is_some_and(char::is_uppercase));
    let next_to_name = [before, after].iter().flatten().any(|t| t.word.chars().next().is_some_and(char::is_uppercase));
    if next_to_name && ((x.is_empty() && names_only(theirs)) || (y.is_empty() && names_only(ours))) {
        return None;
    }
    let words = |tokens: &[Token<'_>]| tokens.iter().map(|t| t.word.to_string()).collect::<Vec<_>>();
    let (mut ours_words, mut theirs_words) = (words(ours), words(theirs));
    if ours_words.is_empty() || theirs_words.is_empty() {
        if let Some(context) = before {
            ours_words.insert(0, context.word.to_string());
            theirs_words.insert(0, context.word.to_string());
        } else if let Some(context) = after {
            ours_words.push(context.word.to_string());
            theirs_words.push(context.word.to_string());
        }
    }
    Some(Difference { ours: ours_words, theirs: theirs_words })
}

/// Every fragment of `inner` appears, word for word and in order, in `outer`.
fn excerpt_of(inner: &[Place], outer: &[Place]) -> bool {
    let fragments = inner.chunk_by(|x, y| x.fragment == y.fragment);
    let mut from = 0;
    let mut any = false;
    for fragment in fragments {
        any = true;
        let found = (from..=outer.len().saturating_sub(fragment.len())).find(|&at| {
            outer.len() >= at + fragment.len()
                && outer[at..at + fragment.len()].iter().zip(fragment).all(|(o, f)| o.id == f.id)
        });
        match found {
            Some(at) => from = at + fragment.len(),
            None => return false,
        }
    }
    any
}

/// The end of one quote is the start of the other, over at least four words.
fn overlap(a: &[Place], b: &[Place]) -> bool {
    let same = |p: &[Place], q: &[Place]| p.iter().zip(q).all(|(x, y)| x.id == y.id);
    let joins =
        |p: &[Place], q: &[Place]| (SHARED_RUN..=p.len().min(q.len())).any(|n| same(&p[p.len() - n..], &q[..n]));
    joins(a, b) || joins(b, a)
}

/// How many words two quotations have in common, in any order, by their match keys.
fn shared_words<T: Ord>(mut x: Vec<T>, mut y: Vec<T>) -> usize {
    x.sort_unstable();
    y.sort_unstable();
    shared_sorted(&x, &y)
}

/// `shared_words` of two sorted lists.
fn shared_sorted<T: Ord>(x: &[T], y: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The longest run of pairs that follow each other on both sides.
fn longest_run(pairs: &[(usize, usize)]) -> usize {
    let mut best = 0;
    let mut current = 0;
    for (k, pair) in pairs.iter().enumerate() {
        let follows = k > 0 && pairs[k - 1].0 + 1 == pair.0 && pairs[k - 1].1 + 1 == pair.1;
        current = if follows { current + 1 } else { 1 };
        best = best.max(current);
    }
    best
}

/// The words the two have in common, in order (a longest common subsequence), as index pairs.
fn common_in_order(a: &[Place], b: &[Place]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // at(i, j): the longest common subsequence of a[i..] and b[j..], in one flat table.
    let width = m + 1;
    let at = |i: usize, j: usize| i * width + j;
    let mut lengths = vec![0u16; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[at(i, j)] = if a[i].id == b[j].id {
                lengths[at(i + 1, j + 1)] + 1
            } else {
                lengths[at(i + 1, j)].max(lengths[at(i, j + 1)])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].id == b[j].id && lengths[at(i, j)] == lengths[at(i + 1, j + 1)] + 1 {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[at(i + 1, j)] >= lengths[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::extract::quote_fragments;

    fn quote(person: Option<&str>, text: &str) -> Quote {
        Quote {
            speaker: person.map(str::to_string),
            speaker_key: person.and_then(crate::engine::extract::speaker_key),
            person: person.map(str::to_string),
            speaker_span: None,
            keys: Vec::new(),
            fragments: quote_fragments(text).into_iter().map(crate::engine::interned::all).collect(),
        }
    }

    fn wording(a: &Quote, b: &Quote) -> Option<Relation> {
        compare(a, b).iter().find(|c| c.ours == WORDING).map(|c| c.relation)
    }

    fn speaker(a: &Quote, b: &Quote) -> Option<Relation> {
        compare(a, b).iter().find(|c| c.ours == SPEAKER).map(|c| c.relation)
    }

    /// `quote` with every word's match key, as extraction gives them.
    fn keyed(person: Option<&str>, text: &str) -> Quote {
        let mut quote = quote(person, text);
        quote.keys = quote
            .fragments
            .iter()
            .map(|words| words.iter().map(|w| crate::engine::interned::Sym::of(&quote_match_key(w))).collect())
            .collect();
        quote
    }

    #[test]
    fn words_with_their_keys_read_as_words_numbered_afresh() {
        let long = vec!["we will not stop"; 90].join(" ");
        let texts = [
            "We will rebuild every home that was lost, and we will do it this year",
            "we will rebuild every home ... and we will do it this year",
            "We will rebuild every house that was lost, and we will do it by spring",
            "Every home that was lost will be rebuilt this year",
            "They slipped silently out of the harbour before dawn",
            "They silently slipped out of the harbour before dawn",
            long.as_str(),
        ];
        for text in texts {
            let quote = keyed(None, text);
            assert!(fully_keyed(&quote), "{text:?}");
            let from_tokens: Vec<(u32, usize)> = tokens(&quote).iter().map(|t| (t.id, t.fragment)).collect();
            let from_keys: Vec<(u32, usize)> = places(&quote).iter().map(|p| (p.id, p.fragment)).collect();
            assert_eq!(from_keys, from_tokens, "{text:?}");
        }
        for ours in texts {
            for theirs in texts {
                let (a, b) = (keyed(Some("Ana Lima"), ours), keyed(Some("Rui Costa"), theirs));
                let plain = (quote(Some("Ana Lima"), ours), quote(Some("Rui Costa"), theirs));
                assert_eq!(read(&a, &b), read(&plain.0, &plain.1), "{ours:?} / {theirs:?}");
                assert_eq!(compare(&a, &b), compare(&plain.0, &plain.1), "{ours:?} / {theirs:?}");
            }
        }
    }

    /// The wording relation of two texts, and where they differ.
    fn check(ours: &str, theirs: &str, expect: Option<Relation>, shown: &str) {
        let (a, b) = (quote(None, ours), quote(None, theirs));
        assert_eq!(wording(&a, &b), expect, "{ours:?} / {theirs:?}");
        let differences = read(&a, &b).map(|r| r.differences).unwrap_or_default();
        assert_eq!(describe(&differences), shown, "{ours:?} / {theirs:?}");
    }

    #[test]
    fn excerpts_and_overlaps_of_one_statement_agree() {
        let full = quote(Some("Zelensky"), "Ukraine approaches all diplomatic efforts with utmost seriousness – we are committed to achieving a real peace. This is exactly the level of commitment that must be compelled.");
        let part = quote(Some("Zelenskyy"), "This is exactly the level of commitment that must be compelled");
        assert_eq!(wording(&part, &full), Some(Relation::Supports));
        let start = quote(Some("Zelenskiy"), "we are committed to achieving a real peace. This is exactly the level");
        assert_eq!(wording(&start, &full), Some(Relation::Supports));
        check(
            "There's no reason to think they have nefarious intent",
            "there’s no reason to think [the soldiers] have nefarious intent.",
            Some(Relation::Supports),
            "",
        );
        check(
            "our response was swift … and it will stay swift",
            "Our response was swift, measured and fair, and it will stay swift",
            Some(Relation::Supports),
            "",
        );
    }

    #[test]
    fn a_content_word_added_dropped_or_changed_is_a_misquote() {
        check(
            "Five times he intimidated us with that message",
            "Three times he intimidated us with that message. We were horrified he would say that.",
            Some(Relation::Contradicts),
            "\"three\" where this has \"five\"",
        );
        check(
            "Our work during the past five years has significantly strengthened our core",
            "Our work during the past three years has significantly strengthened our core businesses",
            Some(Relation::Contradicts),
            "\"three\" where this has \"five\"",
        );
        check(
            "There are days where everyone wants to eat pizza at the office",
            "There are days where just everyone wants to eat pizza at the office",
            Some(Relation::Contradicts),
            "\"where just\" where this has \"where\"",
        );
        check(
            "We have not seen a storm like this one in our lifetime",
            "We have seen a storm like this one in our lifetime",
            Some(Relation::Contradicts),
            "\"have\" where this has \"have not\"",
        );
        let said = quote(
            Some("Peskov"),
            "This will be, we have no doubt, a very important step towards a peaceful settlement",
        );
        let misquoted =
            quote(Some("Dmitry Peskov"), "This will be, we have no doubt, a decisive step towards a final settlement");
        assert_eq!(wording(&misquoted, &said), Some(Relation::Contradicts));
    }

    #[test]
    fn house_style_is_no_misquote() {
        check(
            "We didn't threaten anybody, but we made clear what the law is.",
            "We did not threaten anybody, but we made clear what the law is",
            Some(Relation::Supports),
            "",
        );
        check(
            "The U.S. defence programme has never been stronger",
            "The US defense program has never been stronger",
            Some(Relation::Supports),
            "",
        );
        check(
            "This is a remote location, far from any possible landing sites",
            "This is a remote location far from any possible landing site.",
            Some(Relation::Supports),
            "",
        );
        // Function words are grammar, not what was said.
        check(
            "We will find the plane and we will bring it home to the families",
            "We will find a plane and we would bring it home to the families",
            Some(Relation::Supports),
            "",
        );
        let a = quote(Some("Mladenov"), "it's very clear that the tactics ISIL is using expand by the day.");
        let b = quote(Some("Mladenov"), "It’s very clear that the tactics ISIS is using expand by the day");
        assert_eq!(wording(&a, &b), Some(Relation::Supports));
    }

    #[test]
    fn typing_slips_reorderings_and_names_in_full_are_no_misquote() {
        check(
            "she is a provider of internet hoazes since 2014",
            "she is a provider of internet hoaxes since 2014",
            Some(Relation::Supports),
            "",
        );
        check(
            "The boys were unaware, but the crab silently slipped away under the water",
            "The boys were unaware, but the crab slipped silently away under the water",
            Some(Relation::Supports),
            "",
        );
        check(
            "There is a high chance he gained weight to look like Kim Il-sung",
            "There is a high chance he gained weight to look like Il-sung",
            Some(Relation::Supports),
            "",
        );
    }

    #[test]
    fn two_translations_of_one_remark_say_nothing() {
        check(
            "We are deeply saddened by this terrible tragedy and we stand with all the families tonight",
            "We are profoundly grieved by this awful tragedy and we stand beside all the relatives tonight",
            Some(Relation::Related),
            "",
        );
    }

    #[test]
    fn other_statements_are_not_compared() {
        let a = quote(Some("Peskov"), "This will be a very important step towards a peaceful settlement");
        let c = quote(Some("Peskov"), "We have nothing to add to what the president said on Monday evening");
        assert_eq!(compare(&a, &c), vec![]);
        // Two statements of one speaker that share a few words are still two statements.
        let d =
            quote(Some("McDonough"), "That's our responsibility to make sure we explain the law and uphold the law.");
        let e = quote(
            Some("McDonough"),
            "what we want to make sure happens is that we have committed partners who can uphold the law",
        );
        assert_eq!(compare(&d, &e), vec![]);
    }

    #[test]
    fn the_same_words_given_to_another_person() {
        let ours =
            quote(Some("Hishammuddin Hussein"), "This is a remote location, far from any possible landing sites");
        let theirs = quote(
            Some("Najib Razak"),
            "This is a remote location, far from any possible landing sites. It is therefore with deep sadness",
        );
        assert_eq!(wording(&ours, &theirs), Some(Relation::Supports));
        assert_eq!(speaker(&ours, &theirs), Some(Relation::Contradicts));
        let same = quote(Some("Najib"), "This is a remote location, far from any possible landing sites");
        assert_eq!(speaker(&same, &theirs), Some(Relation::Supports));
        let unnamed = quote(None, "This is a remote location, far from any possible landing sites");
        assert_eq!(speaker(&ours, &unnamed), None, "a source that names no one says nothing of the speaker");
        // A misquote is not compared for its speaker: the words may be another person's remark.
        let changed = quote(Some("Najib Razak"), "This is a remote location, far from any possible airport");
        assert_eq!(speaker(&ours, &changed), None);
    }

    #[test]
    fn shared_sorted_keys_count_what_the_words_share_in_any_order() {
        let keyed = |text: &str| {
            let fragments = quote_fragments(text);
            Quote {
                keys: fragments
                    .iter()
                    .map(|words| crate::engine::interned::all(words.iter().map(|w| quote_match_key(w))))
                    .collect(),
                ..quote(None, text)
            }
        };
        let texts = [
            "This is a remote location, far from any possible airport, and we are searching it.",
            "This is a remote location … far from any possible airport",
            "We are searching a remote location far from any airport that is possible",
            "The search will go on, in the remote location, as long as it takes, far from any airport.",
            "It is far, far from any possible airport.",
        ];
        let mut read = 0;
        for (ours, theirs) in texts.iter().flat_map(|a| texts.iter().map(move |b| (keyed(a), keyed(b)))) {
            assert!(fully_keyed(&ours) && fully_keyed(&theirs));
            let sorted = |quote: &Quote| {
                let mut keys = keys(quote);
                keys.sort_unstable();
                keys
            };
            let count = shared_sorted(&sorted(&ours), &sorted(&theirs));
            let (a, b) = tokens_of_pair(&ours, &theirs);
            let ids = |tokens: &[Token<'_>]| tokens.iter().map(|t| t.id).collect::<Vec<_>>();
            assert_eq!(count, shared_words(ids(&a), ids(&b)));
            let reading = read_words(&ours, &theirs, Some(count));
            assert_eq!(reading, read_words(&ours, &theirs, None));
            read += usize::from(reading.is_some());
        }
        assert!(read > texts.len(), "{read}");
    }
}
