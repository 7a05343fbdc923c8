//! `--format json`: a stable document for tools, described in docs/json-output.md and by the JSON
//! Schema docs/json-output.schema.json (version 1; fields are only added within a version).
//! Lines and columns are 1-based; columns count Unicode scalar values; spans are byte offsets.

use super::Outcome;
use serde_json::{json, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

pub fn write(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    let results = &outcome.results;
    let files: Vec<Value> = results
        .iter()
        .map(|checked| {
            let doc = &checked.doc;
            let findings: Vec<Value> = checked
                .analysis
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "line": doc.line_number(f.span.start),
                        "column": doc.lines.char_column(&doc.text, f.span.start),
                        "end_line": doc.line_number(f.span.end),
                        "end_column": doc.lines.char_column(&doc.text, f.span.end),
                        "span": { "start": f.span.start, "end": f.span.end },
                        "text": f.text,
                        "severity": f.severity,
                        "code": f.code.as_str(),
                        "message": f.message,
                        "related": f.related.iter().map(|p| json!({
                            "path": p.doc,
                            "line": p.line,
                            "span": { "start": p.span.start, "end": p.span.end },
                            "text": p.matched,
                            "sentence": p.sentence_text,
                            "relation": p.relation,
                            "party": p.party,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({ "path": checked.path, "findings": findings })
        })
        .collect();
    let count = |severity: &str| {
        results
            .iter()
            .flat_map(|r| &r.analysis.findings)
            .filter(|f| serde_json::to_value(f.severity).ok() == Some(json!(severity)))
            .count()
    };
    let errors: Vec<Value> =
        outcome.errors.iter().map(|e| json!({ "path": e.path.display().to_string(), "reason": e.reason })).collect();
    let document = json!({
        "version": SCHEMA_VERSION,
        "files": files,
        "errors": errors,
        "summary": {
            "files": results.len(),
            "errors": count("error"),
            "warnings": count("warning"),
            "information": count("information"),
            "hints": count("hint"),
        }
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
