//! Name spellings: two spellings of one name inside an article are an inconsistency to fix (a
//! warning); a spelling that other sources write differently is house style (a hint).

use super::corpus::{Corpus, SourceDoc, Spelling};
use super::finding::{Code, Finding, Passage, Severity};
use super::names::{is_variant, name_key};
use super::reconcile::Relation;
use super::text::Span;
use super::verdict::{finding, join_and};
use std::collections::{BTreeMap, BTreeSet};

pub fn findings(corpus: &Corpus, doc: &SourceDoc) -> Vec<Finding> {
    // Each spelling of this article with its occurrences, in order.
    let mut spellings: BTreeMap<String, (String, Vec<Span>)> = BTreeMap::new();
    let mut inside_sentences = BTreeSet::new();
    for mention in &doc.extraction.names {
        let text = mention.span.slice(&doc.text).trim_end_matches("’s").trim_end_matches("'s").to_string();
        if !mention.opens_sentence {
            inside_sentences.insert(name_key(&text));
        }
        spellings.entry(name_key(&text)).or_insert_with(|| (text, Vec::new())).1.push(mention.span);
    }
    let mut found = Vec::new();
    let mut inconsistent = BTreeSet::new();
    for (key, (text, spans)) in &spellings {
        for (other_key, (other_text, other_spans)) in &spellings {
            // The minority spelling is flagged; on a tie, the one that appears later.
            let minority = spans.len() < other_spans.len()
                || (spans.len() == other_spans.len() && spans[0].start > other_spans[0].start);
            // A sentence's first word is capitalised whatever it is: one of the two spellings must
            // also stand inside a sentence to be known as a name.
            let known_name = inside_sentences.contains(key) || inside_sentences.contains(other_key);
            if key == other_key || !minority || !known_name || !is_variant(text, other_text) {
                continue;
            }
            inconsistent.insert(key.clone());
            inconsistent.insert(other_key.clone());
            let lines: Vec<String> = other_spans.iter().map(|s| doc.line_number(s.start).to_string()).collect();
            for span in spans {
                found.push(Finding {
                    span: *span,
                    text: text.clone(),
                    severity: Severity::Warning,
                    message: format!(
                        "\"{text}\" is spelled \"{other_text}\" elsewhere in this article (line {}): use one spelling",
                        lines.join(", ")
                    ),
                    related: vec![passage(doc, other_spans[0])],
                    ..finding(Code::NameVariant)
                });
            }
        }
    }
    for (key, (text, spans)) in &spellings {
        if inconsistent.contains(key) || !inside_sentences.contains(key) {
            continue;
        }
        let others: Vec<&Spelling> =
            corpus.spellings_like(text, &doc.id).filter(|s| is_variant(text, &s.text)).collect();
        if others.is_empty() {
            continue;
        }
        let mut by_spelling: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for other in &others {
            let name = corpus.get(&other.doc).map_or_else(|| other.doc.clone(), |d| d.name.clone());
            by_spelling.entry(other.text.as_str()).or_default().push(name);
        }
        let listed: Vec<String> =
            by_spelling.iter().map(|(spelling, docs)| format!("\"{spelling}\" in {}", docs.join(", "))).collect();
        found.push(Finding {
            span: spans[0],
            text: text.clone(),
            severity: Severity::Hint,
            message: format!(
                "other sources spell \"{text}\" differently: {} (house style, not an error)",
                join_and(&listed)
            ),
            related: others.iter().filter_map(|s| corpus.get(&s.doc).map(|d| passage(d, s.span))).collect(),
            ..finding(Code::NameVariant)
        });
    }
    found
}

fn passage(doc: &SourceDoc, span: Span) -> Passage {
    let sentence = doc
        .extraction
        .sentences
        .iter()
        .find(|s| s.span.start <= span.start && span.end <= s.span.end)
        .map_or(span, |s| s.span);
    Passage::at(doc, span, sentence, Relation::Contradicts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(article: &str, sources: &[&str]) -> Vec<(Severity, String)> {
        let corpus = crate::engine::corpus::test_corpus(article, sources);
        let doc = corpus.get("draft").expect("inserted").clone();
        findings(&corpus, &doc).into_iter().map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn two_spellings_in_one_article_are_a_warning_on_the_minority() {
        let found = check(
            "The talks with President Zelenskyy went on. Later President Zelenskyy and President Zelensky spoke.",
            &[],
        );
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"Zelensky\" is spelled \"Zelenskyy\" elsewhere in this article (line 1, 1): use one spelling".into()
            )]
        );
    }

    #[test]
    fn another_house_style_elsewhere_is_a_hint() {
        let found = check(
            "It was President Zelensky who spoke.",
            &["Then President Zelenskiy spoke.", "Then President Zelensky spoke."],
        );
        assert_eq!(
            found,
            vec![(
                Severity::Hint,
                "other sources spell \"Zelensky\" differently: \"Zelenskiy\" in s0.txt (house style, not an error)"
                    .into()
            )]
        );
    }

    #[test]
    fn inflections_and_different_names_are_not_variants() {
        assert_eq!(check("The Democrat said the Democrats and Mr Johnson and Mr Jackson agreed.", &[]), vec![]);
    }
}
