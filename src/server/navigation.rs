//! Navigation over the evidence and acting on it: go to a claim's best corroborating passage,
//! list every passage about it, the article's claims as an outline, claims across the corpus by
//! name, source counts as inlay hints, and quick fixes.

use super::position::{self, Encoding};
use crate::config::Ignore;
use crate::engine::claim::ClaimKind;
use crate::engine::text::Span;
use crate::engine::{Corpus, DocumentAnalysis, Passage, Relation, SourceDoc};
use tower_lsp::lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, DocumentSymbol, InlayHint, InlayHintLabel, Location,
    SymbolInformation, SymbolKind, TextEdit, Url, WorkspaceEdit,
};

/// Workspace symbols listed at most for one query.
const MAX_WORKSPACE_SYMBOLS: usize = 200;

pub fn location(corpus: &Corpus, passage: &Passage, encoding: Encoding) -> Option<Location> {
    location_with(corpus, passage, encoding, &mut Vec::new())
}

/// `location`, with the URIs of the sources parsed so far (`parsed`): the passages of one
/// document's findings come from a few sources.
pub fn location_with(
    corpus: &Corpus,
    passage: &Passage,
    encoding: Encoding,
    parsed: &mut Vec<(String, Url)>,
) -> Option<Location> {
    let range = corpus.with_text(&passage.doc, |text, lines| position::range(text, lines, passage.span, encoding))?;
    let uri = match parsed.iter().find(|(doc, _)| **doc == *passage.doc) {
        Some((_, uri)) => uri.clone(),
        None => {
            let uri = Url::parse(&passage.doc).ok()?;
            parsed.push((passage.doc.clone(), uri.clone()));
            uri
        }
    };
    Some(Location { uri, range })
}

/// The best corroborating passage of the claim at `offset`: the first source that backs it.
pub fn definition(corpus: &Corpus, analysis: &DocumentAnalysis, offset: usize, encoding: Encoding) -> Option<Location> {
    let (_, target) = analysis.claims_at(offset).into_iter().find(|(_, t)| t.supporting().next().is_some())?;
    location(corpus, target.supporting().next()?, encoding)
}

/// Every passage about the claim at `offset`: supporting first, then contradicting and updates.
pub fn references(corpus: &Corpus, analysis: &DocumentAnalysis, offset: usize, encoding: Encoding) -> Vec<Location> {
    let Some((_, target)) = analysis.claims_at(offset).into_iter().next() else { return Vec::new() };
    let order = |p: &&Passage| match p.relation {
        Relation::Supports => 0,
        Relation::Contradicts => 1,
        Relation::Updates => 2,
        Relation::Related => 3,
    };
    let mut passages: Vec<&Passage> = target.evidence.iter().collect();
    passages.sort_by_key(order);
    passages.into_iter().filter_map(|p| location(corpus, p, encoding)).collect()
}

/// The article's checkable claims as an outline: figures, dates, control, quotes and roles.
#[allow(deprecated)] // DocumentSymbol::deprecated must still be given
pub fn document_symbols(doc: &SourceDoc, analysis: &DocumentAnalysis, encoding: Encoding) -> Vec<DocumentSymbol> {
    let mut symbols = Vec::new();
    for report in &analysis.claims {
        let Some(kind) = symbol_kind(&report.claim.kind) else { continue };
        for target in &report.targets {
            let (backed, against) =
                (target.source_count(Relation::Supports), target.source_count(Relation::Contradicts));
            symbols.push(DocumentSymbol {
                name: short(&target.text),
                detail: Some(format!("{backed} sources agree · {against} contradict")),
                kind,
                tags: None,
                deprecated: None,
                range: position::range(&doc.text, &doc.lines, report.claim.span.cover(target.span), encoding),
                selection_range: position::range(&doc.text, &doc.lines, target.span, encoding),
                children: None,
            });
        }
    }
    symbols
}

/// Claims of every article whose text, place, speaker or person contains `query` (case-insensitive).
#[allow(deprecated)] // SymbolInformation::deprecated must still be given
pub fn workspace_symbols(corpus: &Corpus, query: &str, encoding: Encoding) -> Vec<SymbolInformation> {
    let query = query.trim().to_lowercase();
    let mut found = Vec::new();
    for id in corpus.ids() {
        let (Some(doc), Ok(uri)) = (corpus.get_passing(id), Url::parse(id)) else { continue };
        for claim in &doc.extraction.claims {
            let Some(kind) = symbol_kind(&claim.kind) else { continue };
            let text = claim.span.slice(&doc.text);
            let named = match &claim.kind {
                ClaimKind::Control(control) => control.place.clone(),
                ClaimKind::Quote(quote) => quote.speaker.clone().unwrap_or_default(),
                ClaimKind::Role(role) => role.person().to_string(),
                _ => String::new(),
            };
            let matches = |s: &str| s.to_lowercase().contains(&query);
            if !query.is_empty() && !matches(text) && !matches(&named) {
                continue;
            }
            found.push(SymbolInformation {
                name: short(text),
                kind,
                tags: None,
                deprecated: None,
                location: Location {
                    uri: uri.clone(),
                    range: position::range(&doc.text, &doc.lines, claim.span, encoding),
                },
                container_name: Some(crate::inert::one_line(&doc.name).into_owned()),
            });
            if found.len() >= MAX_WORKSPACE_SYMBOLS {
                return found;
            }
        }
    }
    found
}

/// How a claim shows in an outline; sentences are not listed.
fn symbol_kind(kind: &ClaimKind) -> Option<SymbolKind> {
    Some(match kind {
        ClaimKind::Figure(_) => SymbolKind::NUMBER,
        ClaimKind::Date(_) => SymbolKind::EVENT,
        ClaimKind::Control(_) => SymbolKind::OBJECT,
        ClaimKind::Quote(_) => SymbolKind::STRING,
        ClaimKind::Role(_) => SymbolKind::CONSTRUCTOR,
        // Every name of the article would crowd the outline.
        ClaimKind::Name(_) | ClaimKind::Stance(_) | ClaimKind::Statement => return None,
    })
}

/// Article text as a symbol's name: inert, on one line, cut to a length.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let text = crate::inert::one_line(text).into_owned();
    if text.chars().count() <= MAX {
        text
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// After each checkable claim that other sources speak to: "3 agree · 1 contradicts". Inlay
/// hints rather than code lenses: they sit at the claim itself, and every client shows them
/// without a client-specific command.
pub fn inlay_hints(doc: &SourceDoc, analysis: &DocumentAnalysis, range: Span, encoding: Encoding) -> Vec<InlayHint> {
    let mut hints = Vec::new();
    for report in &analysis.claims {
        if matches!(report.claim.kind, ClaimKind::Statement) {
            continue;
        }
        for target in report.targets.iter().filter(|t| t.span.start < range.end && range.start < t.span.end) {
            let (backed, against) =
                (target.source_count(Relation::Supports), target.source_count(Relation::Contradicts));
            if backed + against == 0 {
                continue;
            }
            let label = match against {
                0 => format!("{backed} agree"),
                n => format!("{backed} agree · {n} contradict{}", if n == 1 { "s" } else { "" }),
            };
            hints.push(InlayHint {
                position: position::position(&doc.text, &doc.lines, target.span.end, encoding),
                label: InlayHintLabel::String(label),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        }
    }
    hints
}

/// Quick fixes for the findings that touch `range`, each with its edits (never a client command).
pub fn code_actions(
    doc: &SourceDoc,
    analysis: &DocumentAnalysis,
    uri: &Url,
    range: Span,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for finding in analysis.findings.iter().filter(|f| f.span.start <= range.end && range.start <= f.span.end) {
        for fix in crate::engine::fixes::fixes(doc, analysis, finding) {
            let edits = fix
                .edits
                .iter()
                .map(|(span, new_text)| TextEdit {
                    range: position::range(&doc.text, &doc.lines, *span, encoding),
                    new_text: new_text.clone(),
                })
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: crate::inert::one_line(&fix.title).into_owned(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: None,
                edit: Some(WorkspaceEdit {
                    changes: Some([(uri.clone(), edits)].into_iter().collect()),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        let this_finding = Ignore {
            code: finding.code.as_str().into(),
            file: Some(doc.name.clone()),
            text: Some(finding.text.clone()),
        };
        let this_rule = Ignore { code: finding.code.as_str().into(), file: Some(doc.name.clone()), text: None };
        for (title, entry) in [
            (format!("Ignore this finding ({})", finding.code.as_str()), this_finding),
            (format!("Ignore {} in this file", finding.code.as_str()), this_rule),
        ] {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                command: Some(Command {
                    title,
                    command: IGNORE_COMMAND.into(),
                    arguments: Some(vec![serde_json::to_value(&entry).unwrap_or_default(), serde_json::json!(uri)]),
                }),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

/// The server command that writes an ignore entry to the project file.
pub const IGNORE_COMMAND: &str = "crosscheck.ignore";
