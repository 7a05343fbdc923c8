//! Findings → LSP diagnostics: range in the negotiated encoding, severity, rule code, source
//! `crosscheck`, and `relatedInformation` pointing at each contradicting passage. Messages are
//! plain text on one line, made inert (`crate::inert::one_line`): clients show them in panels,
//! floating windows and terminals, where a control character or a bidirectional override in a
//! quoted passage must not act.

use super::position::{self, Encoding};
use crate::engine::{Corpus, Finding, Passage, Severity, SourceDoc};
use crate::inert::one_line;
use tower_lsp::lsp_types::{Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Url};

pub const SOURCE: &str = "crosscheck";

pub fn to_diagnostics(doc: &SourceDoc, findings: &[Finding], corpus: &Corpus, encoding: Encoding) -> Vec<Diagnostic> {
    let mut parsed = Vec::new();
    findings
        .iter()
        .map(|finding| Diagnostic {
            range: position::range(&doc.text, &doc.lines, finding.span, encoding),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.code.as_str().to_string())),
            source: Some(SOURCE.to_string()),
            message: one_line(&finding.message).into_owned(),
            related_information: Some(
                finding.related.iter().filter_map(|p| related(p, corpus, encoding, &mut parsed)).collect(),
            ),
            ..Diagnostic::default()
        })
        .collect()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

fn related(
    passage: &Passage,
    corpus: &Corpus,
    encoding: Encoding,
    parsed: &mut Vec<(String, Url)>,
) -> Option<DiagnosticRelatedInformation> {
    let location = super::navigation::location_with(corpus, passage, encoding, parsed)?;
    let how = passage.relation.introduce();
    let who = passage.party.as_deref().map_or(String::new(), |p| format!(" ({p})"));
    Some(DiagnosticRelatedInformation {
        location,
        message: one_line(&format!("{how} {}{who}: {}", passage.cite(), passage.sentence_text)).into_owned(),
    })
}
