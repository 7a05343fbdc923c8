//! Diagnostics published straight onto the outgoing stream of frames, beside tower-lsp's own
//! messages. tower-lsp turns a notification's params into a `serde_json::Value` and then into
//! text, which cost a tenth of a keystroke; here they are written as text at once, byte for byte
//! as tower-lsp writes them (a `Value`'s objects list their keys in order). Every
//! `textDocument/publishDiagnostics` goes this way, so they keep their order among themselves.

use serde::Serialize;
use tokio::sync::mpsc::{UnboundedSender, WeakUnboundedSender};
use tower_lsp::lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Position, Range, Url,
};
use tower_lsp::Client;

/// Publishes diagnostics: onto the stream of outgoing frames when the server has one, else
/// through tower-lsp's client.
#[derive(Clone)]
pub struct Publisher {
    client: Client,
    /// Weak: the stream ends when the transport's ends have, however long an analysis holds this.
    frames: Option<WeakUnboundedSender<Vec<u8>>>,
}

impl Publisher {
    pub fn new(client: Client, frames: Option<&UnboundedSender<Vec<u8>>>) -> Publisher {
        Publisher { client, frames: frames.map(UnboundedSender::downgrade) }
    }

    /// The client, for the messages that go through tower-lsp.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub async fn publish(&self, uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        match &self.frames {
            Some(frames) => {
                let body = notification(&uri, &diagnostics, version);
                let sent = frames.upgrade().is_some_and(|frames| frames.send(super::transport::frame(&body)).is_ok());
                if !sent {
                    tracing::error!("failed to send notification");
                }
            }
            None => self.client.publish_diagnostics(uri, diagnostics, version).await,
        }
    }
}

/// The `textDocument/publishDiagnostics` notification's body.
fn notification(uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) -> Vec<u8> {
    let message = Message {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: Params { diagnostics: diagnostics.iter().map(Sorted::of).collect(), uri, version },
    };
    serde_json::to_vec(&message).unwrap_or_default()
}

// The shapes below are lsp_types' with their fields in the order of their names, as a `Value`'s
// objects write them, and the same fields left out.

#[derive(Serialize)]
struct Message<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: Params<'a>,
}

#[derive(Serialize)]
struct Params<'a> {
    diagnostics: Vec<Sorted<'a>>,
    uri: &'a Url,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Sorted<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a NumberOrString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<&'a CodeDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a serde_json::Value>,
    message: &'a str,
    range: SortedRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<SortedRelated<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<DiagnosticSeverity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<&'a [DiagnosticTag]>,
}

impl<'a> Sorted<'a> {
    fn of(diagnostic: &'a Diagnostic) -> Sorted<'a> {
        // Every field named: a field lsp_types adds is a compile error here, not a field lost.
        let Diagnostic { range, severity, code, code_description, source, message, related_information, tags, data } =
            diagnostic;
        Sorted {
            code: code.as_ref(),
            code_description: code_description.as_ref(),
            data: data.as_ref(),
            message,
            range: SortedRange::of(range),
            related_information: related_information.as_ref().map(|all| all.iter().map(SortedRelated::of).collect()),
            severity: *severity,
            source: source.as_deref(),
            tags: tags.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SortedRange {
    end: SortedPosition,
    start: SortedPosition,
}

impl SortedRange {
    fn of(range: &Range) -> SortedRange {
        SortedRange { end: SortedPosition::of(range.end), start: SortedPosition::of(range.start) }
    }
}

#[derive(Serialize)]
struct SortedPosition {
    character: u32,
    line: u32,
}

impl SortedPosition {
    fn of(position: Position) -> SortedPosition {
        let Position { line, character } = position;
        SortedPosition { character, line }
    }
}

#[derive(Serialize)]
struct SortedRelated<'a> {
    location: SortedLocation<'a>,
    message: &'a str,
}

impl<'a> SortedRelated<'a> {
    fn of(related: &'a DiagnosticRelatedInformation) -> SortedRelated<'a> {
        let DiagnosticRelatedInformation { location: Location { uri, range }, message } = related;
        SortedRelated { location: SortedLocation { range: SortedRange::of(range), uri }, message }
    }
}

#[derive(Serialize)]
struct SortedLocation<'a> {
    range: SortedRange,
    uri: &'a Url,
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::PublishDiagnosticsParams;

    /// The body tower-lsp writes for the same notification.
    fn as_tower_lsp_writes(uri: &Url, diagnostics: &[Diagnostic], version: Option<i32>) -> Vec<u8> {
        let params = PublishDiagnosticsParams { uri: uri.clone(), diagnostics: diagnostics.to_vec(), version };
        let value = serde_json::to_value(params).expect("params as a value");
        let request = tower_lsp::jsonrpc::Request::build("textDocument/publishDiagnostics").params(value).finish();
        serde_json::to_vec(&request).expect("a request as text")
    }

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn diagnostics_are_written_as_tower_lsp_writes_them() {
        let uri = Url::parse("file:///news/a%20report.txt").expect("a URI");
        let other = Url::parse("file:///news/%C3%A9lys%C3%A9e.txt").expect("a URI");
        let related = DiagnosticRelatedInformation {
            location: Location { uri: other, range: Range::new(at(3, 0), at(3, 41)) },
            message: "contradicted by \"a quote\" — with \\ escapes\tand ünïcode \u{1}".to_string(),
        };
        let full = Diagnostic {
            range: Range::new(at(12, 4), at(12, 19)),
            severity: Some(DiagnosticSeverity::WARNING),
            code: Some(NumberOrString::String("figure-conflict".to_string())),
            code_description: Some(CodeDescription { href: Url::parse("https://example.org/rules").expect("a URL") }),
            source: Some("crosscheck".to_string()),
            message: "12 people, where two sources say 15".to_string(),
            related_information: Some(vec![related.clone(), related]),
            tags: Some(vec![DiagnosticTag::UNNECESSARY]),
            data: Some(serde_json::json!({"zeta": [1, 2.5, null], "alpha": {"b": true, "a": "x"}})),
        };
        let bare = Diagnostic {
            range: Range::new(at(0, 0), at(0, 0)),
            code: Some(NumberOrString::Number(7)),
            related_information: Some(Vec::new()),
            ..Diagnostic::default()
        };
        for (diagnostics, version) in [
            (vec![full.clone(), bare.clone()], Some(3)),
            (vec![bare], None),
            (Vec::new(), Some(i32::MAX)),
            (vec![full], Some(-1)),
        ] {
            let ours = notification(&uri, &diagnostics, version);
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&as_tower_lsp_writes(&uri, &diagnostics, version))
            );
        }
    }
}
