//! Who asserts what in a sentence: `according to X`, `X said …`, `…, X told Reuters.`,
//! `X denied reports that …`, and distancing frames such as `hailed what he said was …`.
//! Each attribution covers a scope of the sentence; a claim inside the scope is X's, not the outlet's.

use super::people::Affiliations;
use crate::engine::claim::Attribution;
use crate::engine::entities;
use crate::engine::lexicon::Lexicon;
use crate::engine::text::{with_lowercase, words, Pattern, Span};
use crate::engine::wordlists;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopedAttribution {
    pub attribution: Attribution,
    /// The part of the sentence (sentence-relative bytes) that the party asserts.
    pub scope: Span,
}

/// Whether `lower` (a lowercase word) is a verb that reports what someone said or wrote
/// (`reporting-verb` of `data/slot-words.tsv`): "said", "told", "claimed", "denied".
pub fn is_reporting_verb(lower: &str) -> bool {
    static VERBS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| wordlists::words("reporting-verb").collect()).contains(lower)
}

/// Whether `lower` is a verb of denial (`denial-verb`): "denied", "rejected", "disputed".
fn is_denial_verb(lower: &str) -> bool {
    static VERBS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    VERBS.get_or_init(|| wordlists::words("denial-verb").collect()).contains(lower)
}

/// Every attribution in a sentence, with sentence-relative spans.
pub fn attributions(lexicon: &Lexicon<'_>, people: &Affiliations) -> Vec<ScopedAttribution> {
    let sentence = lexicon.text;
    let mut found = Vec::new();
    for caps in according_to().on(sentence).captures_iter(sentence) {
        let (Some(all), Some(party)) = (caps.get(0), caps.name("party")) else {
            continue;
        };
        let party_span = Span::new(party.start(), party.end());
        // "According to X, …" at the start covers what follows; elsewhere it covers its clause.
        let scope = if all.start() == 0 { Span::new(all.end(), sentence.len()) } else { Span::new(0, all.start()) };
        found.push(scoped(sentence, party_span, scope, false, people));
    }
    let tokens = &lexicon.words;
    for (i, token) in tokens.iter().enumerate() {
        // "United States", "Reports" in a name: a capitalised word inside a sentence is no verb.
        if token.is_capitalized() && token.span.start > 0 {
            continue;
        }
        let verb = with_lowercase(token.text, |lower| {
            let denies = is_denial_verb(lower);
            (denies || is_reporting_verb(lower)).then_some((denies, lower == "received"))
        });
        let Some((denies, received)) = verb else { continue };
        if received && tokens.get(i + 1).map(|w| w.lower()).as_deref() != Some("reports") {
            continue;
        }
        // A verb inside an "according to …" party ("according to people who said") is part of it.
        if inside_any(&found, token.span.start) {
            continue;
        }
        let (clause_start, subject_end) = subject_bounds(sentence, token.span.start);
        let Some(party_span) = party_before(sentence, clause_start, subject_end) else {
            continue;
        };
        let rest = sentence[token.span.end..].trim_matches(|c: char| c.is_whitespace() || ".,;:\"”’".contains(c));
        let trailing = rest.split_whitespace().count() <= 3 && clause_start > 0;
        let scope = if trailing { Span::new(0, clause_start) } else { Span::new(token.span.end, sentence.len()) };
        found.push(scoped(sentence, party_span, scope, denies, people));
    }
    found.sort_by_key(|f| f.scope.start);
    found
}

/// The attribution whose scope covers `span` (sentence-relative), the narrowest if several do.
pub fn attribution_for(found: &[ScopedAttribution], span: Span) -> Option<&ScopedAttribution> {
    found.iter().filter(|f| f.scope.start <= span.start && span.end <= f.scope.end).min_by_key(|f| f.scope.len())
}

fn inside_any(found: &[ScopedAttribution], offset: usize) -> bool {
    found.iter().any(|f| f.attribution.span.touches(offset))
}

fn scoped(sentence: &str, party: Span, scope: Span, denies: bool, people: &Affiliations) -> ScopedAttribution {
    let text = party.slice(sentence).trim().trim_end_matches(',').trim().to_string();
    let side = side_of(&text, people);
    ScopedAttribution { attribution: Attribution { party: text, span: party, side, denies }, scope }
}

/// The side a party speaks for: an entity named in it, or a person whose side the article gives.
pub fn side_of(party: &str, people: &Affiliations) -> Option<String> {
    // "pro-Ukrainian maps" lean to a side but do not speak for it.
    let speaks_for = |m: &&entities::EntityMention| !party[..m.span.start].to_lowercase().ends_with("pro-");
    if let Some(mention) = entities::table().find_all(party).iter().find(speaks_for) {
        return Some(mention.entity.to_string());
    }
    for word in words(party).iter().rev() {
        if word.is_capitalized() {
            if let Some(side) = people.side_of(word.text) {
                return Some(side.to_string());
            }
        }
    }
    None
}

fn according_to() -> &'static Pattern {
    static PATTERN: OnceLock<Pattern> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Pattern::new(r"(?i)\b(?:according to|as per|as reported (?:in|by)|citing)\s+(?P<party>[^,.;:—–()]+)")
            .expect("valid according-to pattern")
    })
}

/// Where the subject of the verb at `verb` starts and ends: the clause starts after the last comma,
/// semicolon, colon or dash; a comma-parenthetical right before the verb ("Putin, in a video,
/// hailed") is skipped, so the subject ends at its opening comma.
fn subject_bounds(sentence: &str, verb: usize) -> (usize, usize) {
    let before = &sentence[..verb];
    let trimmed = before.trim_end();
    if let Some(inner) = trimmed.strip_suffix(',') {
        if let Some(open) = inner.rfind([',', ';']) {
            let (start, _) = subject_bounds(sentence, open);
            return (start, open);
        }
        return (0, inner.len());
    }
    let start = before
        .rfind([',', ';', ':', '—', '–'])
        .map_or(0, |at| at + before[at..].chars().next().map_or(1, char::len_utf8));
    (start, verb)
}

/// The party phrase between the clause start and the verb: at most eight words, without a
/// relative pronoun ("officials who said") or a leading gerund ("worrying officials").
fn party_before(sentence: &str, clause_start: usize, verb: usize) -> Option<Span> {
    let phrase = &sentence[clause_start..verb];
    let tokens = words(phrase);
    if tokens.is_empty() || tokens.len() > 10 {
        return None;
    }
    let mut first = 0;
    let mut last = tokens.len();
    while last > first
        && matches!(
            tokens[last - 1].lower().as_str(),
            "who"
                | "which"
                | "that"
                | "also"
                | "has"
                | "have"
                | "had"
                | "previously"
                | "however"
                | "then"
                | "reportedly"
        )
    {
        last -= 1;
    }
    while first < last
        && (tokens[first].text.ends_with("ing") && !tokens[first].is_capitalized()
            || matches!(tokens[first].lower().as_str(), "and" | "but" | "while" | "as" | "however" | "still" | "on"))
    {
        first += 1;
    }
    if first >= last {
        return None;
    }
    let nested_report = tokens[first..last]
        .iter()
        .filter(|w| !w.is_capitalized())
        .any(|w| with_lowercase(w.text, |lower| lower == "what" || is_reporting_verb(lower) || is_denial_verb(lower)));
    if nested_report {
        return None;
    }
    let has_noun_like = tokens[first..last].iter().any(|w| w.is_capitalized() || w.text.len() > 2);
    let pronoun_only = last - first == 1 && matches!(tokens[first].lower().as_str(), "it" | "this" | "that");
    if !has_noun_like || pronoun_only || last - first > 8 {
        return None;
    }
    Some(Span::new(clause_start + tokens[first].span.start, clause_start + tokens[last - 1].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, claim: &str, expect: Option<(&str, bool)>) {
        let found = attributions(&Lexicon::read(sentence), &Affiliations::default());
        let at = sentence.find(claim).expect("claim text in sentence");
        let got = attribution_for(&found, Span::new(at, at + claim.len()))
            .map(|f| (f.attribution.party.as_str(), f.attribution.denies));
        assert_eq!(got, expect, "in {sentence:?}");
    }

    #[test]
    fn trailing_according_to_covers_the_clause_before() {
        check(
            "Russian forces control 19 per cent of Ukraine, according to pro-Ukrainian maps.",
            "19 per cent",
            Some(("pro-Ukrainian maps", false)),
        );
    }

    #[test]
    fn trailing_told_covers_what_comes_before() {
        check(
            "Ukrainian forces were still holding the northern part of the city, the Ukrainian military told Reuters.",
            "holding",
            Some(("the Ukrainian military", false)),
        );
    }

    #[test]
    fn leading_subject_skips_parentheticals() {
        check(
            "Putin, in video footage released on Monday, hailed what his commanders told him was the capture of X.",
            "capture",
            Some(("Putin", false)),
        );
        check(
            "Ukraine, however, said its forces still held the northern part of the city.",
            "held",
            Some(("Ukraine", false)),
        );
    }

    #[test]
    fn denials_are_marked() {
        check(
            "Ukraine denied reports that the city was entirely under Russian control.",
            "entirely",
            Some(("Ukraine", true)),
        );
    }

    #[test]
    fn plain_statements_have_no_party() {
        check("Russia has captured Pokrovsk.", "captured", None);
        check(
            "Still, Russian forces are now in control of roughly one-fifth of Ukrainian territory.",
            "one-fifth",
            None,
        );
    }

    #[test]
    fn capitalised_words_in_the_party_are_not_verbs() {
        check(
            "At talks in Geneva, the United States and Ukraine said they had created a framework.",
            "created",
            Some(("the United States and Ukraine", false)),
        );
    }

    #[test]
    fn relative_clause_party() {
        check(
            "The plan emerged last week, worrying Ukrainian and European officials who said it bowed to Moscow's control of a fifth of Ukraine.",
            "a fifth",
            Some(("Ukrainian and European officials", false)),
        );
    }
}
