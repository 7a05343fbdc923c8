//! Direct quotations and who is quoted: `"…," Peskov said`, `Zelenskyy wrote on X: "…"`, or the
//! sentence's attribution. Quotes are read per line, since a quotation can run over several
//! sentences. Scare quotes (fewer than four words: “liberated”, "red lines") are not quotations.

use super::attribution::REPORTING_VERBS;
use crate::engine::text::{words, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Words a quotation needs to be one.
const MIN_WORDS: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundQuote {
    /// The quoted words, without the quotation marks (line-relative).
    pub span: Span,
    /// Who the text right after the quote names as the speaker (`…," Peskov said`), if anyone.
    pub speaker_after: Option<String>,
}

pub fn quotes(line: &str) -> Vec<FoundQuote> {
    static QUOTE: OnceLock<Regex> = OnceLock::new();
    let quote =
        QUOTE.get_or_init(|| Regex::new(r#"“(?P<curly>[^“”]+)”|"(?P<straight>[^"]+)""#).expect("valid quote pattern"));
    let mut found = Vec::new();
    for caps in quote.captures_iter(line) {
        let Some(inner) = caps.name("curly").or_else(|| caps.name("straight")) else { continue };
        let Some(all) = caps.get(0) else { continue };
        if words(inner.as_str()).len() < MIN_WORDS {
            continue;
        }
        let trimmed = inner.as_str().trim_end_matches([',', ' ']);
        found.push(FoundQuote {
            span: Span::new(inner.start(), inner.start() + trimmed.len()),
            speaker_after: speaker_after(&line[all.end()..]),
        });
    }
    found
}

/// `," Peskov said`, `," Kremlin spokesman Dmitry Peskov said Tuesday`, `," said President Smith.`
fn speaker_after(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches([',', '.', '!', '?', ' ']);
    let tokens = words(rest);
    let first = tokens.first()?;
    if rest[..first.span.start].contains(['"', '“', '”']) {
        return None;
    }
    if matches!(first.lower().as_str(), "said" | "says" | "added" | "wrote" | "asked") {
        return speaker_phrase(rest, &tokens[1..]);
    }
    let verb_at = tokens.iter().take(7).position(|w| REPORTING_VERBS.contains(&w.lower().as_str()))?;
    let subject = &tokens[..verb_at];
    let gap = &rest[..tokens[verb_at].span.start];
    if subject.is_empty() || gap.contains([',', '.', ';', '"', '“', '”']) {
        return None;
    }
    let last = subject.last()?;
    if !last.is_capitalized() && !matches!(last.lower().as_str(), "he" | "she" | "they") {
        return None;
    }
    Some(rest[subject[0].span.start..last.span.end].to_string())
}

/// The speaker named after an inverted verb ("said Kremlin spokesman Dmitry Peskov on Tuesday"):
/// the words up to punctuation or a function word, ending on a capitalised word.
fn speaker_phrase(rest: &str, tokens: &[crate::engine::text::Word<'_>]) -> Option<String> {
    const ENDS: &[&str] = &[
        "on", "in", "at", "after", "before", "during", "to", "from", "with", "who", "which", "that", "and", "but", "as",
    ];
    let mut phrase: Vec<&crate::engine::text::Word<'_>> = Vec::new();
    for word in tokens.iter().take(6) {
        let gap_start = phrase.last().map_or(word.span.start, |w| w.span.end);
        if ENDS.contains(&word.lower().as_str()) || rest[gap_start..word.span.start].contains([',', '.', ';', ':']) {
            break;
        }
        phrase.push(word);
    }
    while phrase.last().is_some_and(|w| !w.is_capitalized()) {
        phrase.pop();
    }
    let (first, last) = (phrase.first()?, phrase.last()?);
    Some(rest[first.span.start..last.span.end].to_string())
}

/// "… proposals that he said last week "could be …"": a speaker named by a reporting verb
/// shortly before the quotation opens.
pub fn speaker_before(before: &str) -> Option<String> {
    let tokens = words(before);
    let from = tokens.len().saturating_sub(5);
    let verb_at = (from..tokens.len()).rev().find(|&i| REPORTING_VERBS.contains(&tokens[i].lower().as_str()))?;
    let subject = tokens.get(verb_at.checked_sub(1)?)?;
    let lower = subject.lower();
    (subject.is_capitalized() || matches!(lower.as_str(), "he" | "she" | "they")).then(|| subject.text.to_string())
}

/// The words of a quotation, normalised for comparison, split into the fragments an ellipsis or
/// a bracketed insertion (`[hearing about]`) separates.
pub fn fragments(text: &str) -> Vec<Vec<String>> {
    let mut fragments = Vec::new();
    let mut current = Vec::new();
    let mut depth = 0usize;
    for piece in text.split_inclusive(['[', ']', '…']) {
        let (body, mark) = match piece.chars().last() {
            Some(c @ ('[' | ']' | '…')) => (&piece[..piece.len() - c.len_utf8()], Some(c)),
            _ => (piece, None),
        };
        for chunk in body.split("...").enumerate() {
            if chunk.0 > 0 && !current.is_empty() {
                fragments.push(std::mem::take(&mut current));
            }
            if depth == 0 {
                current.extend(words(chunk.1).iter().map(|w| comparable(w)));
            }
        }
        match mark {
            Some('[') => {
                depth += 1;
                if !current.is_empty() {
                    fragments.push(std::mem::take(&mut current));
                }
            }
            Some(']') => depth = depth.saturating_sub(1),
            Some('…') if !current.is_empty() => fragments.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        fragments.push(current);
    }
    fragments
}

/// A quoted word as compared: lowercased, and an alias of a known entity as that entity, so a
/// house style's `ISIL` for `ISIS` is no misquote.
fn comparable(word: &crate::engine::text::Word<'_>) -> String {
    match crate::engine::entities::table().canonical(word.text) {
        Some(entity) if word.is_capitalized() => crate::engine::names::name_key(entity),
        _ => word.lower(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: &[(&str, Option<&str>)]) {
        let got: Vec<(&str, Option<String>)> =
            quotes(line).into_iter().map(|q| (q.span.slice(line), q.speaker_after)).collect();
        let expect: Vec<(&str, Option<String>)> = expect.iter().map(|(q, s)| (*q, s.map(str::to_string))).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn quotes_with_their_speaker_after() {
        check(
            "“This will be, we have no doubt, a very important step,” Kremlin spokesman Dmitry Peskov said Tuesday.",
            &[("This will be, we have no doubt, a very important step", Some("Kremlin spokesman Dmitry Peskov"))],
        );
        check(
            "\"We are committed to peace,\" said President Smith.",
            &[("We are committed to peace", Some("President Smith"))],
        );
        check(
            "Zelensky wrote on social media: “Ukraine approaches all efforts seriously.”",
            &[("Ukraine approaches all efforts seriously.", None)],
        );
    }

    #[test]
    fn scare_quotes_are_not_quotations() {
        check("Troops have “liberated” the city, saying public “megaphone diplomacy” was unhelpful.", &[]);
    }

    #[test]
    fn ellipses_and_insertions_split_fragments() {
        assert_eq!(
            fragments("Everyone is tired of [hearing about] victims … We want love"),
            vec![vec!["everyone", "is", "tired", "of"], vec!["victims"], vec!["we", "want", "love"]]
        );
    }
}
