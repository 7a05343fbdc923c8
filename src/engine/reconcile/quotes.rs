//! Two quotations of the same speaker agree when one is a contiguous fragment of the other, or
//! they overlap end to start (two excerpts of one statement). They are a misquote when they are
//! clearly the same statement (most words in common, in order) but worded differently. Quotes of
//! different speakers are never compared.

use super::Relation;
use crate::engine::claim::Quote;
use crate::engine::names::same_name;

/// Words in common, in order, relative to the shorter quote, that make two quotes one statement…
const SAME_STATEMENT: f64 = 0.6;
/// …with at least this many words running on together in both.
const SHARED_RUN: usize = 4;
/// A misquote needs a quote at least this long: short phrases recur in other statements.
const MIN_WORDS: usize = 6;

pub fn compare(a: &Quote, b: &Quote) -> Option<Relation> {
    if let (Some(x), Some(y)) = (&a.speaker_key, &b.speaker_key) {
        if !same_name(x, y) {
            return None;
        }
    }
    if excerpt_of(&a.fragments, &b.fragments) || excerpt_of(&b.fragments, &a.fragments) || overlap(a, b) {
        return Some(Relation::Supports);
    }
    let (x, y): (Vec<&String>, Vec<&String>) =
        (a.fragments.iter().flatten().collect(), b.fragments.iter().flatten().collect());
    let shorter = x.len().min(y.len());
    let both_speakers_known = a.speaker_key.is_some() && b.speaker_key.is_some();
    let in_order = common_in_order(&x, &y) as f64 / shorter as f64;
    let run = longest_shared_run(&x, &y);
    // Most words in order with a run of four, or nearly all of them with a run of three
    // ("the proudest day of my career" / "the happiest day of my whole career").
    let same_statement =
        shorter >= MIN_WORDS && ((run >= SHARED_RUN && in_order >= SAME_STATEMENT) || (run >= 3 && in_order >= 0.8));
    (both_speakers_known && same_statement).then_some(Relation::Contradicts)
}

/// Every fragment of `inner` appears, word for word and in order, in `outer`.
fn excerpt_of(inner: &[Vec<String>], outer: &[Vec<String>]) -> bool {
    let outer: Vec<&String> = outer.iter().flatten().collect();
    let mut from = 0;
    for fragment in inner {
        if fragment.is_empty() {
            continue;
        }
        let found = (from..=outer.len().saturating_sub(fragment.len())).find(|&at| {
            outer.len() >= fragment.len() && outer[at..at + fragment.len()].iter().zip(fragment).all(|(o, f)| *o == f)
        });
        match found {
            Some(at) => from = at + fragment.len(),
            None => return false,
        }
    }
    inner.iter().any(|f| !f.is_empty())
}

/// The end of one quote is the start of the other, over at least four words.
fn overlap(a: &Quote, b: &Quote) -> bool {
    let (x, y): (Vec<&String>, Vec<&String>) =
        (a.fragments.iter().flatten().collect(), b.fragments.iter().flatten().collect());
    let joins = |p: &[&String], q: &[&String]| (4..=p.len().min(q.len())).any(|n| p[p.len() - n..] == q[..n]);
    joins(&x, &y) || joins(&y, &x)
}

/// Length of the longest run of words that both quotes contain.
fn longest_shared_run(x: &[&String], y: &[&String]) -> usize {
    let mut best = 0;
    let mut previous = vec![0; y.len() + 1];
    for a in x {
        let mut current = vec![0; y.len() + 1];
        for (j, b) in y.iter().enumerate() {
            if a == b {
                current[j + 1] = previous[j] + 1;
                best = best.max(current[j + 1]);
            }
        }
        previous = current;
    }
    best
}

/// Length of the longest common subsequence of words.
fn common_in_order(x: &[&String], y: &[&String]) -> usize {
    let mut previous = vec![0; y.len() + 1];
    for a in x {
        let mut current = vec![0; y.len() + 1];
        for (j, b) in y.iter().enumerate() {
            current[j + 1] = if a == b { previous[j] + 1 } else { previous[j + 1].max(current[j]) };
        }
        previous = current;
    }
    previous[y.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::extract::quote_fragments;

    fn quote(speaker: Option<&str>, text: &str) -> Quote {
        Quote {
            speaker: speaker.map(str::to_string),
            speaker_key: speaker.and_then(crate::engine::extract::speaker_key),
            fragments: quote_fragments(text),
        }
    }

    #[test]
    fn excerpts_and_overlaps_of_one_statement_agree() {
        let full = quote(Some("Zelensky"), "Ukraine approaches all diplomatic efforts with utmost seriousness – we are committed to achieving a real peace. This is exactly the level of commitment that must be compelled.");
        let part = quote(Some("Zelenskyy"), "This is exactly the level of commitment that must be compelled");
        assert_eq!(compare(&part, &full), Some(Relation::Supports));
        let start = quote(Some("Zelenskiy"), "we are committed to achieving a real peace. This is exactly the level");
        assert_eq!(compare(&start, &full), Some(Relation::Supports));
    }

    #[test]
    fn the_same_statement_in_other_words_is_a_misquote() {
        let said = quote(
            Some("Peskov"),
            "This will be, we have no doubt, a very important step towards a peaceful settlement",
        );
        let misquoted =
            quote(Some("Dmitry Peskov"), "This will be, we have no doubt, a decisive step towards a final settlement");
        assert_eq!(compare(&misquoted, &said), Some(Relation::Contradicts));
    }

    #[test]
    fn other_speakers_and_other_statements_are_not_compared() {
        let a = quote(Some("Peskov"), "This will be a very important step towards a peaceful settlement");
        let b = quote(Some("Leavitt"), "This will be a very important step towards a peaceful settlement");
        assert_eq!(compare(&a, &b), None);
        let c = quote(Some("Peskov"), "We have nothing to add to what the president said on Monday evening");
        assert_eq!(compare(&a, &c), None);
        // Two statements of one speaker that share a few words are still two statements.
        let d =
            quote(Some("McDonough"), "That's our responsibility to make sure we explain the law and uphold the law.");
        let e = quote(
            Some("McDonough"),
            "what we want to make sure happens is that we have committed partners who can uphold the law",
        );
        assert_eq!(compare(&d, &e), None);
    }

    #[test]
    fn house_style_aliases_inside_a_quote_are_no_misquote() {
        let a = quote(Some("Mladenov"), "it's very clear that the tactics ISIL is using expand by the day.");
        let b = quote(Some("Mladenov"), "It’s very clear that the tactics ISIS is using expand by the day");
        assert_eq!(compare(&a, &b), Some(Relation::Supports));
    }
}
