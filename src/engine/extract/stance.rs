//! How a clause states its fact, read from the word lists of `data/slot-words.tsv`: negated or
//! not ("were not armed"), which kinds of action it reports ("stepped up", "suspended"; "still
//! serves", "no longer"), how certain it is ("established" against "most likely", "best fit"),
//! and whether it reports the fact as someone's claim ("allegedly", "claim that") or its denial
//! ("denied taking a selfie"). Spans are sentence-relative.

use crate::engine::claim::{Certainty, Framing, Stance};
use crate::engine::text::{words, Span};
use crate::engine::wordlists;

/// The stance of `clause` in `sentence`. `attributed` says whether the sentence attributes the
/// clause to a party ("officials said"); a denial or claim framing the sentence reaches into
/// the clause.
pub fn stance(sentence: &str, clause: Span, attributed: bool) -> Stance {
    let clause_words = lowered(clause.slice(sentence));
    let sentence_words = lowered(sentence);
    let mut negated = false;
    let mut actions: Vec<String> = Vec::new();
    let mut certain = false;
    let mut hedged = false;
    let clause_text = clause.slice(sentence);
    let clause_tokens = words(clause_text);
    for (i, word) in clause_words.iter().enumerate() {
        let pair = clause_words.get(i + 1).map(|next| format!("{word} {next}"));
        let listed = |kind: &str| {
            wordlists::contains(kind, word) || pair.as_deref().is_some_and(|p| wordlists::contains(kind, p))
        };
        // "No. 1" is a rank, not a negation.
        let rank = word == "no" && clause_tokens.get(i).is_some_and(|t| clause_text[t.span.end..].starts_with('.'));
        // Any negation negates the clause: "neither … nor" is one negation, not two.
        negated |= listed("negation") && !rank;
        for (kind, list) in ACTS {
            if listed(list) && !actions.iter().any(|a| a == kind) {
                actions.push(kind.to_string());
            }
        }
        certain |= listed("certain");
        hedged |= listed("hedged");
    }
    // "no longer" is an end, not a negation of the fact: the end says it.
    if actions.iter().any(|a| a == "cease") && clause_words.windows(2).any(|w| w[0] == "no" && w[1] == "longer") {
        let other_negation = clause_words.iter().any(|w| w != "no" && wordlists::contains("negation", w));
        negated = other_negation;
    }
    let sentence_pairs: Vec<String> = sentence_words.windows(2).map(|w| format!("{} {}", w[0], w[1])).collect();
    let in_sentence =
        |kind: &str| sentence_words.iter().chain(&sentence_pairs).any(|words| wordlists::contains(kind, words));
    let framing = if in_sentence("denied") {
        Framing::Denied
    } else if in_sentence("claimed") {
        Framing::Claimed
    } else if attributed {
        Framing::Attributed
    } else {
        Framing::Fact
    };
    let certainty = match (certain, hedged) {
        (_, true) => Certainty::Hedged,
        (true, false) => Certainty::Established,
        (false, false) => Certainty::Plain,
    };
    Stance { negated, actions, certainty, framing, quoted: super::inside_quotation(sentence, clause) }
}

/// The actions a clause can state, and the word list of each.
const ACTS: [(&str, &str); 4] =
    [("escalate", "act-escalate"), ("halt", "act-halt"), ("continue", "act-continue"), ("cease", "act-cease")];

fn lowered(text: &str) -> Vec<String> {
    words(text).iter().map(|w| w.lower()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, attributed: bool, expect: (bool, &[&str], Certainty, Framing)) {
        let got = stance(sentence, Span::new(0, sentence.len()), attributed);
        let actions: Vec<&str> = got.actions.iter().map(String::as_str).collect();
        assert_eq!((got.negated, actions.as_slice(), got.certainty, got.framing), expect, "in {sentence:?}");
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
