//! Quick fixes for findings, as text edits in byte spans: replace a conflicting figure with the
//! value the sources give, attribute a disputed claim to a party the sources name, and make a
//! name's spelling consistent across the article. Pure: the editor edge turns them into edits.

use super::analysis::DocumentAnalysis;
use super::corpus::SourceDoc;
use super::finding::{Code, Finding, Passage, Severity};
use super::text::Span;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// Edits to the analysed document: replace each span with its text.
    pub edits: Vec<(Span, String)>,
}

pub fn fixes(doc: &SourceDoc, analysis: &DocumentAnalysis, finding: &Finding) -> Vec<Fix> {
    if finding.severity < Severity::Warning {
        return Vec::new();
    }
    match finding.code {
        Code::FigureConflict => replace_figure(finding).into_iter().collect(),
        Code::ControlDisputed => attribute(doc, analysis, finding).into_iter().collect(),
        Code::NameVariant => respell(doc, finding).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The value most sources give instead, with how many give it.
fn replace_figure(finding: &Finding) -> Option<Fix> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (order, passage) in finding.related.iter().enumerate() {
        let entry = counts.entry(passage.matched.as_str()).or_insert((0, order));
        entry.0 += 1;
    }
    let (value, (count, _)) = counts.into_iter().max_by(|(_, (a, i)), (_, (b, j))| a.cmp(b).then(j.cmp(i)))?;
    Some(Fix {
        title: format!("Replace with \"{value}\" ({count} source{})", if count == 1 { "" } else { "s" }),
        edits: vec![(finding.span, value.to_string())],
    })
}

/// ", according to PARTY" before the end of the sentence, naming the party that the sources
/// say asserts this side.
fn attribute(doc: &SourceDoc, analysis: &DocumentAnalysis, finding: &Finding) -> Option<Fix> {
    let (_, target) = analysis.claims_at(finding.span.start).into_iter().find(|(_, t)| t.span == finding.span)?;
    let party = target.supporting().find_map(|p: &Passage| p.party.clone())?;
    let sentence = doc
        .extraction
        .sentences
        .iter()
        .find(|s| s.span.start <= finding.span.start && finding.span.end <= s.span.end)?;
    let text = sentence.span.slice(&doc.text);
    let end = text.trim_end_matches(['.', '!', '?', '"', '”', '’', ' ']).len();
    let at = sentence.span.start + end;
    Some(Fix {
        title: format!("Attribute it: \", according to {party}\""),
        edits: vec![(Span::new(at, at), format!(", according to {party}"))],
    })
}

/// The flagged spelling where it names the same referent as the preferred one: the finding's
/// own span and the related passages of this article spelled as it is.
fn respell(doc: &SourceDoc, finding: &Finding) -> Option<Fix> {
    let preferred = finding.related.first().filter(|p| p.doc == doc.id)?.matched.clone();
    let preferred = preferred.trim_end_matches("’s").trim_end_matches("'s").to_string();
    let flagged = finding.text.as_str();
    let spelled_so = |span: &Span| span.slice(&doc.text).trim_end_matches("’s").trim_end_matches("'s") == flagged;
    let others = finding.related.iter().skip(1).filter(|p| p.doc == doc.id).map(|p| p.span);
    let edits: Vec<(Span, String)> = std::iter::once(finding.span)
        .chain(others)
        .filter(spelled_so)
        .map(|span| (Span::new(span.start, span.start + flagged.len()), preferred.clone()))
        .collect();
    (!edits.is_empty()).then(|| Fix { title: format!("Spell it \"{preferred}\" throughout"), edits })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analyze;
    use crate::engine::corpus::test_corpus;

    fn fixes_for(draft: &str, sources: &[&str]) -> Vec<(String, String)> {
        let corpus = test_corpus(draft, sources);
        let analysis = analyze(&corpus, "draft").expect("analysed");
        let doc = corpus.get("draft").expect("draft").clone();
        let mut out = Vec::new();
        for finding in &analysis.findings {
            for fix in fixes(&doc, &analysis, finding) {
                let mut text = doc.text.clone();
                let mut edits = fix.edits.clone();
                edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
                for (span, new) in edits {
                    text.replace_range(span.start..span.end, &new);
                }
                out.push((fix.title, text));
            }
        }
        out
    }

    #[test]
    fn a_conflicting_figure_is_replaced_by_the_sources_value() {
        let found = fixes_for(
            "Russian forces occupy 30 per cent of Ukraine.",
            &[
                "Russian forces control a fifth of Ukraine.",
                "Russian forces control a fifth of Ukraine, officials said.",
            ],
        );
        assert_eq!(
            found,
            vec![("Replace with \"a fifth\" (2 sources)".into(), "Russian forces occupy a fifth of Ukraine.".into())]
        );
    }

    #[test]
    fn a_disputed_claim_stated_as_fact_gets_the_party_that_asserts_it() {
        let found = fixes_for(
            "Russia has captured Pokrovsk.",
            &[
                "Russian forces have captured Pokrovsk, the Russian defence ministry said.",
                "Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.",
            ],
        );
        assert_eq!(
            found,
            vec![(
                "Attribute it: \", according to the Russian defence ministry\"".into(),
                "Russia has captured Pokrovsk, according to the Russian defence ministry.".into()
            )]
        );
    }

    #[test]
    fn only_the_spellings_of_the_same_referent_are_respelled() {
        let found = fixes_for(
            "Shelling hit Varnetsk again. Fighters held out in Varnetsk and in Varnetzk. \
             Lena Varnetzk, a medic, stayed. Later Varnetzk said she would stay in Varnetsk.",
            &[],
        );
        assert_eq!(
            found,
            vec![(
                "Spell it \"Varnetsk\" throughout".into(),
                "Shelling hit Varnetsk again. Fighters held out in Varnetsk and in Varnetsk. \
                 Lena Varnetzk, a medic, stayed. Later Varnetzk said she would stay in Varnetsk."
                    .into()
            )]
        );
    }

    #[test]
    fn a_name_is_respelled_throughout() {
        let found = fixes_for(
            "Talks with President Zelenskyy went on. Later President Zelenskyy met President Zelensky's aides.",
            &[],
        );
        assert_eq!(
            found,
            vec![(
                "Spell it \"Zelenskyy\" throughout".into(),
                "Talks with President Zelenskyy went on. Later President Zelenskyy met President Zelenskyy's aides."
                    .into()
            )]
        );
    }
}
