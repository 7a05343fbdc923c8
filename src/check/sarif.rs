//! `--format sarif`: SARIF 2.1.0, the format code scanning reads (GitHub shows the results inline
//! on a pull request). One run; a rule per finding code; each result with its region (columns in
//! Unicode code points) and the contradicting passages as related locations. Hints are left out,
//! as in the human output. Inputs that could not be read are tool execution notifications.
//! Article text in messages is inert: SARIF reads `[text](target)` in a plain-text message as a
//! link, so brackets and backslashes are escaped (§3.11.6), and the log as written is inert in a
//! CI log (`crate::inert::log_json`). A relative file name becomes a relative URI reference that
//! no scheme can be read from (a `:` is percent-encoded).

use super::{indent, Checked, InputError, Sink};
use crate::engine::text::{LineIndex, Span};
use crate::engine::{Code, Corpus, Finding, Severity, SourceDoc};
use crate::inert::log_json;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SOURCE_ROOT: &str = "%SRCROOT%";
/// Characters escaped in a URI path: those outside RFC 3986's unreserved set, sub-delims and "/",
/// and ":", so that `javascript:x.txt` is a file name, not a scheme.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b':')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Writes the log piece by piece, each file's results as they come.
#[derive(Default)]
pub struct Sarif {
    results: usize,
}

impl Sink for Sarif {
    fn begin(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        let notifications: Vec<Value> = errors
            .iter()
            .map(|error| {
                json!({
                    "level": "error",
                    "message": { "text": message_text(&format!("{}: {}", error.path.display(), error.reason)) },
                    "locations": [{ "physicalLocation": { "artifactLocation": artifact(&error.path.display().to_string()) } }],
                })
            })
            .collect();
        let invocations = json!([{
            "executionSuccessful": errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }]);
        writeln!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\","
        )?;
        let invocations = log_json(&serde_json::to_string_pretty(&invocations)?).into_owned();
        writeln!(out, "      \"invocations\": {},", indent(&invocations, 6))?;
        if let Some(root) = std::env::current_dir().ok().and_then(|dir| directory_uri(&dir)) {
            let bases = json!({ SOURCE_ROOT: { "uri": root } });
            writeln!(out, "      \"originalUriBaseIds\": {},", indent(&serde_json::to_string_pretty(&bases)?, 6))?;
        }
        write!(out, "      \"results\": [")
    }

    fn file(&mut self, out: &mut dyn Write, checked: &Checked, corpus: &Corpus) -> io::Result<()> {
        for finding in checked.analysis.findings.iter().filter(|f| f.severity >= Severity::Information) {
            let separator = if self.results == 0 { "\n        " } else { ",\n        " };
            self.results += 1;
            let result = result(&checked.path, &checked.doc, finding, corpus);
            write!(out, "{separator}{}", indent(&log_json(&serde_json::to_string_pretty(&result)?), 8))?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _: &[InputError]) -> io::Result<()> {
        let rules: Vec<Value> = Code::ALL.iter().map(|&code| rule(code)).collect();
        let tool = json!({ "driver": {
            "name": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        } });
        let close = if self.results == 0 { "]" } else { "\n      ]" };
        writeln!(
            out,
            "{close},\n      \"tool\": {}\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}",
            indent(&serde_json::to_string_pretty(&tool)?, 6)
        )
    }
}

fn rule(code: Code) -> Value {
    let level = match code {
        Code::SingleSource => "none",
        Code::ControlDisputed => "note",
        _ => "warning",
    };
    json!({
        "id": code.as_str(),
        "shortDescription": { "text": code.describe() },
        "help": { "text": format!("{} See the rules table in crosscheck's README.", code.describe()) },
        "defaultConfiguration": { "level": level },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
        Severity::Hint => "none",
    }
}

fn result(path: &str, doc: &SourceDoc, finding: &Finding, corpus: &Corpus) -> Value {
    let related: Vec<Value> = finding
        .related
        .iter()
        .enumerate()
        .map(|(id, passage)| {
            let mut location = json!({
                "id": id,
                "message": { "text": message_text(&format!("{} {}", passage.relation.introduce(), passage.cite())) },
            });
            let placed = corpus.with_text(&passage.doc, |text, lines| {
                physical_location(&passage.doc, (text, lines), passage.span, &passage.matched)
            });
            location["physicalLocation"] =
                placed.unwrap_or_else(|| json!({ "artifactLocation": artifact(&passage.doc) }));
            location
        })
        .collect();
    let index = Code::ALL.iter().position(|&c| c == finding.code).unwrap_or(0);
    json!({
        "ruleId": finding.code.as_str(),
        "ruleIndex": index,
        "level": level(finding.severity),
        "message": { "text": message_text(&message_with_passages(finding)) },
        "locations": [{ "physicalLocation": physical_location(path, (&doc.text, &doc.lines), finding.span, &finding.text) }],
        "relatedLocations": related,
        "partialFingerprints": { "crosscheckFinding/v1": fingerprint(path, finding) },
    })
}

/// The message, then each related passage on its own line: code scanning shows the message alone.
fn message_with_passages(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    for passage in &finding.related {
        text += &format!("\n{} {}: \"{}\"", passage.relation.introduce(), passage.cite(), passage.sentence_text);
    }
    text
}

/// A plain-text message as SARIF reads it: `[`, `]` and `\` escaped, so no article text makes an
/// embedded link (`[text](uri)` or `[text](relatedLocation id)`).
fn message_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where `span` of the document at `path` (its text and lines) is, with `text` as the snippet.
fn physical_location(path: &str, (source, lines): (&str, &LineIndex), span: Span, text: &str) -> Value {
    let line = |offset: usize| lines.line_col(offset).0 + 1;
    let column = |offset: usize| lines.char_column(source, offset);
    json!({
        "artifactLocation": artifact(path),
        "region": {
            "startLine": line(span.start),
            "startColumn": column(span.start),
            "endLine": line(span.end),
            "endColumn": column(span.end),
            "snippet": { "text": text },
        },
    })
}

/// A relative path becomes a URI under %SRCROOT% (the working folder); an absolute one a file URI.
fn artifact(path: &str) -> Value {
    let forward = path.replace('\\', "/");
    if Path::new(path).is_absolute() {
        if let Ok(uri) = url::Url::from_file_path(path) {
            return json!({ "uri": uri.to_string() });
        }
    }
    let relative = forward.trim_start_matches("./");
    json!({ "uri": utf8_percent_encode(relative, PATH).to_string(), "uriBaseId": SOURCE_ROOT })
}

fn directory_uri(dir: &Path) -> Option<String> {
    url::Url::from_directory_path(dir).ok().map(|u| u.to_string())
}

/// Stable across runs for the same finding in the same file, so code scanning tracks it.
fn fingerprint(path: &str, finding: &Finding) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in path
        .trim_start_matches("./")
        .bytes()
        .chain([0])
        .chain(finding.code.as_str().bytes())
        .chain([0])
        .chain(finding.text.bytes())
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}
