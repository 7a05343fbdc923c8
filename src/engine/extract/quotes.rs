//! Direct quotations and who is quoted: `"…," Peskov said`, `Zelenskyy wrote on X: "…"`,
//! `'…,' she said` (single marks, as British copy writes them), or the sentence's attribution.
//! Quotes are read per line, since a quotation can run over several sentences. Scare quotes
//! (fewer than four words: “liberated”, "red lines") are not quotations.

use super::speakers::{is_title, AUXILIARIES};
use crate::engine::text::{first_words, words, Span, Word};
use regex::Regex;
use std::sync::OnceLock;

/// Words a quotation needs to be one.
const MIN_WORDS: usize = 4;
/// Words between a quotation and the reporting verb that names its speaker, at most.
const VERB_REACH: usize = 9;

/// A phrase naming who is quoted, and where (relative to the text it was read from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakerPhrase {
    pub text: String,
    pub span: Span,
}

impl SpeakerPhrase {
    fn at(text: &str, span: Span) -> SpeakerPhrase {
        SpeakerPhrase { text: span.slice(text).to_string(), span }
    }

    pub fn shift(self, by: usize) -> SpeakerPhrase {
        SpeakerPhrase { span: self.span.shift(by), ..self }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundQuote {
    /// The quoted words, without the quotation marks (line-relative).
    pub span: Span,
    /// Who the text right after the quote names as the speaker (`…," Peskov said`), if anyone;
    /// line-relative.
    pub speaker_after: Option<SpeakerPhrase>,
}

pub fn quotes(line: &str) -> Vec<FoundQuote> {
    static STRAIGHT: OnceLock<Regex> = OnceLock::new();
    let straight = STRAIGHT.get_or_init(|| Regex::new(r#""(?P<inner>[^"]+)""#).expect("valid quote pattern"));
    let mut marked: Vec<(Span, usize)> = curly_quoted(line);
    for caps in straight.captures_iter(line) {
        let (Some(inner), Some(all)) = (caps.name("inner"), caps.get(0)) else { continue };
        if !marked.iter().any(|(m, _)| m.start <= inner.start() && inner.start() <= m.end) {
            marked.push((Span::new(inner.start(), inner.end()), all.end()));
        }
    }
    let double: Vec<Span> = marked.iter().map(|(inner, _)| *inner).collect();
    for (inner, close) in single_quoted(line) {
        // Single marks inside a double-quoted quotation are a quotation within it.
        if !double.iter().any(|d| d.start <= inner.start && inner.start <= d.end) {
            marked.push((inner, close));
        }
    }
    marked.sort_by_key(|(inner, _)| inner.start);
    let mut found = Vec::new();
    for (inner, close) in marked {
        let text = inner.slice(line);
        if words(text).len() < MIN_WORDS {
            continue;
        }
        let trimmed = text.trim_end_matches([',', ' ']);
        found.push(FoundQuote {
            span: Span::new(inner.start, inner.start + trimmed.len()),
            speaker_after: speaker_after(&line[close..]).map(|s| s.shift(close)),
        });
    }
    found
}

/// Quotations in curly double marks. A quotation that goes on in the next paragraph is not
/// closed (the next paragraph opens again): it runs to the next opening mark or the line's end.
/// Returns the inner span and the offset after the closing mark.
fn curly_quoted(line: &str) -> Vec<(Span, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('“').map(|at| from + at) {
        let start = open + '“'.len_utf8();
        let rest = &line[start..];
        match rest.find(['“', '”']).map(|at| (start + at, rest[at..].starts_with('”'))) {
            Some((close, true)) => {
                found.push((Span::new(start, close), close + '”'.len_utf8()));
                from = close + '”'.len_utf8();
            }
            Some((next, false)) => {
                let inner = line[start..next].trim_end();
                found.push((Span::new(start, start + inner.len()), next));
                from = next;
            }
            None => {
                let inner = rest.trim_end();
                found.push((Span::new(start, start + inner.len()), line.len()));
                from = line.len();
            }
        }
    }
    found
}

/// Quotations in single marks, `‘…’` or `'…'`: a mark opens after a space or a bracket and before
/// a letter, and closes after a letter or punctuation and before anything but a letter, so that
/// the apostrophes of "it’s" and "Foley's" neither open nor close one. Returns the inner span and
/// the offset after the closing mark.
fn single_quoted(line: &str) -> Vec<(Span, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    // A mark after a plural ("the parents’ right") closes only if no later mark does.
    let mut possessive: Option<(usize, usize)> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c != '\'' && c != '‘' && c != '’' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|&(_, ch)| ch);
        let opens = c != '’'
            && before.is_none_or(|b| b.is_whitespace() || "([—–-:".contains(b))
            && after.is_some_and(char::is_alphanumeric);
        let closes =
            c != '‘' && before.is_some_and(|b| !b.is_whitespace()) && after.is_none_or(|a| !a.is_alphanumeric());
        let after_plural = before == Some('s')
            && after.is_some_and(char::is_whitespace)
            && chars.get(i + 2).is_some_and(|&(_, ch)| ch.is_lowercase());
        match open {
            Some(start) if closes && after_plural => possessive = Some((start, at)),
            Some(start) if closes => {
                found.push((Span::new(start, at), at + c.len_utf8()));
                open = None;
                possessive = None;
            }
            None if opens => open = Some(at + c.len_utf8()),
            _ => {}
        }
    }
    if let (Some(_), Some((start, at))) = (open, possessive) {
        found.push((Span::new(start, at), at + line[at..].chars().next().map_or(1, char::len_utf8)));
    }
    found
}

/// `," Peskov said`, `," Kremlin spokesman Dmitry Peskov said Tuesday`, `," said President Smith.`,
/// `," Gov. Deval Patrick said`, `," Diane Foley, his mother, said`. Spans are relative to `rest`.
fn speaker_after(rest: &str) -> Option<SpeakerPhrase> {
    let trimmed = rest.trim_start_matches([',', '.', '!', '?', ' ']);
    let offset = rest.len() - trimmed.len();
    // Read no further than the reporting verb can stand: a line of many quotations would
    // otherwise be read to its end once for each.
    let tokens = first_words(trimmed, VERB_REACH);
    let first = tokens.first()?;
    if trimmed[..first.span.start].contains(['"', '“', '”']) {
        return None;
    }
    if is_reporting_verb(first) && !is_participle(first) {
        if let Some(phrase) = speaker_phrase(trimmed, &tokens[1..]) {
            return Some(phrase.shift(offset));
        }
    }
    let verb_at = tokens.iter().take(VERB_REACH).position(|w| is_reporting_verb(w))?;
    let subject = &tokens[..verb_at];
    let (first, last) = (subject.first()?, subject.last()?);
    let gap = &trimmed[..tokens[verb_at].span.start];
    if gap.contains([';', '"', '“', '”']) || has_sentence_stop(trimmed, subject) {
        return None;
    }
    // "Diane Foley, his mother, said", "Hale's wife, Ann Hale, said": the phrase with its
    // apposition; who of the two is named is read from it.
    if let Some(comma) = gap.find(',') {
        let head = words(&gap[..comma]).last()?.clone();
        let closing = gap.trim_end().strip_suffix(',')?;
        let inner = words(closing).last()?.clone();
        return (names_someone(&head) && closing.len() > comma)
            .then(|| SpeakerPhrase::at(trimmed, Span::new(first.span.start, inner.span.end)).shift(offset));
    }
    if !names_someone(last) {
        return None;
    }
    Some(SpeakerPhrase::at(trimmed, Span::new(first.span.start, last.span.end)).shift(offset))
}

pub(super) fn is_reporting_verb(word: &Word<'_>) -> bool {
    const QUOTATION_VERBS: &str = include_str!("../../../data/quotation-verbs.txt");
    static VERBS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    let verbs = VERBS.get_or_init(|| {
        let listed = QUOTATION_VERBS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        listed.chain(crate::engine::wordlists::words("reporting-verb")).collect()
    });
    !word.is_capitalized() && verbs.contains(word.lower().as_str())
}

/// A participle that goes on from the clause's subject: "Lopez thanked the teams, saying: …".
fn is_participle(word: &Word<'_>) -> bool {
    word.lower().ends_with("ing")
}

/// A speaker phrase ends on a name, a pronoun or a role ("the prime minister").
fn names_someone(last: &Word<'_>) -> bool {
    let lower = last.lower();
    last.is_capitalized() || matches!(lower.as_str(), "he" | "she") || is_title(&lower)
}

/// A full stop between the words of a subject, other than an abbreviation's ("Gov.") or an
/// initial's ("W.").
fn has_sentence_stop(text: &str, subject: &[Word<'_>]) -> bool {
    subject.windows(2).any(|pair| {
        let gap = text.get(pair[0].span.end..pair[1].span.start).unwrap_or("");
        let abbreviation = is_title(&pair[0].lower()) || pair[0].text.chars().count() == 1;
        gap.contains(['.', '!', '?']) && !abbreviation
    })
}

/// The speaker named after an inverted verb ("said Kremlin spokesman Dmitry Peskov on Tuesday"):
/// the words up to punctuation or a function word, ending on a capitalised word.
fn speaker_phrase(rest: &str, tokens: &[Word<'_>]) -> Option<SpeakerPhrase> {
    const ENDS: &[&str] = &[
        "on", "in", "at", "after", "before", "during", "to", "from", "with", "who", "which", "that", "and", "but", "as",
    ];
    let mut phrase: Vec<&Word<'_>> = Vec::new();
    for word in tokens.iter().take(6) {
        let gap_start = phrase.last().map_or(word.span.start, |w| w.span.end);
        let gap = &rest[gap_start..word.span.start];
        let abbreviation = phrase.last().is_some_and(|w| is_title(&w.lower()) || w.text.chars().count() == 1);
        if ENDS.contains(&word.lower().as_str())
            || gap.contains([',', ';', ':'])
            || (gap.contains('.') && !abbreviation)
        {
            break;
        }
        phrase.push(word);
    }
    while phrase.last().is_some_and(|w| !w.is_capitalized() && !is_title(&w.lower())) {
        phrase.pop();
    }
    let (first, last) = (phrase.first()?, phrase.last()?);
    Some(SpeakerPhrase::at(rest, Span::new(first.span.start, last.span.end)))
}

/// "… proposals that he said last week "could be …"", "Col. Timothy Alben, superintendent of
/// the State Police, had told NBC News earlier, "…"": the speaker of a reporting verb shortly
/// before the quotation opens. The span is relative to `before`.
pub fn speaker_before(before: &str) -> Option<SpeakerPhrase> {
    let before = before.trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c));
    let tokens = words(before);
    let from = tokens.len().saturating_sub(VERB_REACH);
    let verb_at = (from..tokens.len()).rev().find(|&i| is_reporting_verb(&tokens[i]))?;
    if before[tokens[verb_at].span.end..].contains(['.', '!', '?', ';', '"', '“', '”']) {
        return None;
    }
    let mut end = verb_at;
    // "was quoted as saying", "had told"
    const PASSIVE: &[&str] = &["quoted", "as", "was", "is", "been"];
    let participle = is_participle(&tokens[verb_at]);
    while end > 0
        && (AUXILIARIES.contains(&tokens[end - 1].lower().as_str())
            || (participle && PASSIVE.contains(&tokens[end - 1].lower().as_str())))
    {
        end -= 1;
    }
    let mut last = end.checked_sub(1)?;
    let comma_before_verb = before[tokens[last].span.end..tokens[end].span.start].contains(',');
    // "Lopez thanked the teams, saying: …": the subject that opens the clause.
    if participle && comma_before_verb {
        return clause_subject(before, &tokens[..end]);
    }
    // An apposition between commas before the verb: the phrase runs from the name or role before
    // it to its end ("Hale's wife, Ann Hale"); who is named is read from it.
    let mut apposition_end = None;
    if comma_before_verb {
        let opening = (last.saturating_sub(12)..last)
            .rev()
            .find(|&i| before[tokens[i].span.end..tokens[i + 1].span.start].contains(','))?;
        apposition_end = Some(last);
        last = opening;
    }
    let head = &tokens[last];
    if !names_someone(head) {
        return None;
    }
    let mut first = last;
    let pronoun = matches!(head.lower().as_str(), "he" | "she");
    while first > 0 && !pronoun {
        let previous = &tokens[first - 1];
        let gap = &before[previous.span.end..tokens[first].span.start];
        let abbreviation = is_title(&previous.lower()) || previous.text.chars().count() == 1;
        let joins = gap.trim().is_empty() || (gap.trim() == "." && abbreviation);
        let lower = previous.lower();
        let function_word = crate::engine::text::is_stopword(&lower) && lower != "the";
        if !joins || !(previous.is_capitalized() || is_title(&lower)) || function_word {
            break;
        }
        first -= 1;
    }
    // "A rep for Bonet told …": the speaker is the one the name is governed by, named or not.
    if let Some(preposition) = first
        .checked_sub(1)
        .filter(|&i| matches!(tokens[i].lower().as_str(), "for" | "of" | "to" | "at" | "with" | "from" | "by"))
    {
        let clause = (preposition.saturating_sub(4)..preposition)
            .rev()
            .take_while(|&i| !before[tokens[i].span.end..tokens[i + 1].span.start].contains([',', ';', ':']))
            .last()
            .unwrap_or(preposition);
        first = clause;
    }
    let end = apposition_end.map_or(head.span.end, |i| tokens[i].span.end);
    Some(SpeakerPhrase::at(before, Span::new(tokens[first].span.start, end)))
}

/// The names and titles that open a clause ("Police chief Maria Lopez thanked …"), if it opens
/// with someone.
fn clause_subject(before: &str, tokens: &[Word<'_>]) -> Option<SpeakerPhrase> {
    // The clause starts after a quotation before it ("“…,” Diane Foley said, adding, “…”").
    let after_quote = before.rfind(['"', '”']).map_or(0, |at| at + 1);
    let tokens: Vec<&Word<'_>> = tokens.iter().filter(|w| w.span.start >= after_quote).collect();
    let mut last = None;
    for (i, token) in tokens.iter().enumerate() {
        let lower = token.lower();
        let joins = i == 0 || {
            let gap = &before[tokens[i - 1].span.end..token.span.start];
            let abbreviation = is_title(&tokens[i - 1].lower()) || tokens[i - 1].text.chars().count() == 1;
            gap.trim().is_empty() || (gap.trim() == "." && abbreviation)
        };
        let word = token.is_capitalized() || is_title(&lower) || (i == 0 && lower == "the");
        if !joins || !word || (i > 0 && crate::engine::text::is_stopword(&lower)) {
            break;
        }
        last = Some(i);
    }
    let last = last?;
    names_someone(tokens[last])
        .then(|| SpeakerPhrase::at(before, Span::new(tokens[0].span.start, tokens[last].span.end)))
}

/// The words of a quotation, normalised for comparison, split into the fragments an ellipsis or
/// a bracketed insertion (`[hearing about]`) separates.
pub fn fragments(text: &str) -> Vec<Vec<String>> {
    let mut fragments = Vec::new();
    let mut current = Vec::new();
    let mut depth = 0usize;
    // An editor's insertion is bracketed, or put in parentheses ("from (Islamic State) control").
    for piece in text.split_inclusive(['[', ']', '(', ')', '…']) {
        let (body, mark) = match piece.chars().last() {
            Some(c @ ('[' | ']' | '…')) => (&piece[..piece.len() - c.len_utf8()], Some(c)),
            Some(c @ '(') => (&piece[..piece.len() - c.len_utf8()], Some('[')),
            Some(c @ ')') => (&piece[..piece.len() - c.len_utf8()], Some(']')),
            _ => (piece, None),
        };
        for chunk in body.split("...").enumerate() {
            if chunk.0 > 0 && !current.is_empty() {
                fragments.push(std::mem::take(&mut current));
            }
            if depth == 0 {
                current.extend(super::quote_words::tokens(chunk.1));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: &[(&str, Option<&str>)]) {
        let got: Vec<(&str, Option<String>)> = quotes(line)
            .into_iter()
            .map(|q| {
                if let Some(speaker) = &q.speaker_after {
                    assert_eq!(speaker.span.slice(line), speaker.text, "the span is the phrase's");
                }
                (q.span.slice(line), q.speaker_after.map(|s| s.text))
            })
            .collect();
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
    fn speakers_with_titles_appositions_and_roles() {
        check(
            "\"There's no reason to think they have nefarious intent,\" Gov. Deval Patrick said.",
            &[("There's no reason to think they have nefarious intent", Some("Gov. Deval Patrick"))],
        );
        check(
            "\"This is a remote location, far from any site,\" acting transport minister Hishammuddin Hussein told reporters.",
            &[("This is a remote location, far from any site", Some("acting transport minister Hishammuddin Hussein"))],
        );
        check(
            "\"We were never told about it,\" Diane Foley, his mother, said on Sunday.",
            &[("We were never told about it", Some("Diane Foley, his mother"))],
        );
        check(
            "\"The search will go on for weeks,\" the prime minister said.",
            &[("The search will go on for weeks", Some("the prime minister"))],
        );
        check("\"We will go on with this,\" the clinic said.", &[("We will go on with this", None)]);
    }

    #[test]
    fn single_marks_quote_and_apostrophes_do_not() {
        check(
            "'We took it as a threat and it was appalling,' she said. 'Three times he intimidated us.'",
            &[("We took it as a threat and it was appalling", Some("she")), ("Three times he intimidated us.", None)],
        );
        check(
            "‘It’s the parents’ right to know what happened,’ said Mr Jones.",
            &[("It’s the parents’ right to know what happened", Some("Mr Jones"))],
        );
        check("It's Foley's view that the law isn't clear.", &[]);
        check(
            "He said “we won’t be ‘bullied’ by anyone at all” today.",
            &[("we won’t be ‘bullied’ by anyone at all", None)],
        );
    }

    #[test]
    fn the_speaker_of_a_verb_before_the_quotation() {
        let check_before = |before: &str, expect: Option<&str>| {
            let found = speaker_before(before);
            if let Some(speaker) = &found {
                assert_eq!(speaker.span.slice(before), speaker.text);
            }
            assert_eq!(found.map(|s| s.text).as_deref(), expect, "in {before:?}");
        };
        check_before(
            "Massachusetts State Police Col. Timothy Alben told the American news channel “",
            Some("Massachusetts State Police Col. Timothy Alben"),
        );
        check_before(
            "Col. Timothy Alben, superintendent of the Massachusetts State Police, had told NBC News earlier, \"",
            Some("Col. Timothy Alben, superintendent of the Massachusetts State Police"),
        );
        check_before("But he added: \"", Some("he"));
        check_before("A rep for Bonet tells Gossip Cop, “", Some("A rep for Bonet"));
        check_before("The report said. Then \"", None);
    }

    #[test]
    fn a_quotation_that_goes_on_is_read_to_the_next_mark() {
        check(
            "He said: “At first I thought, ‘that’s a funny looking bit of driftwood’. “It had glazed blank eyes on stalks.”",
            &[
                ("At first I thought, ‘that’s a funny looking bit of driftwood’.", None),
                ("It had glazed blank eyes on stalks.", None),
            ],
        );
    }

    #[test]
    fn scare_quotes_are_not_quotations() {
        check("Troops have “liberated” the city, saying public “megaphone diplomacy” was unhelpful.", &[]);
    }

    #[test]
    fn ellipses_and_insertions_split_fragments() {
        assert_eq!(
            fragments("Everyone is tired of [hearing about] victims … We want (more) love"),
            vec![vec!["Everyone", "is", "tired", "of"], vec!["victims"], vec!["We", "want"], vec!["love"]]
        );
    }
}
