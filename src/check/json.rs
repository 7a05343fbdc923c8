//! `--format json`: a stable document for tools, described in docs/json-output.md and by the JSON
//! Schema docs/json-output.schema.json (version 1; fields are only added within a version).
//! Lines and columns are 1-based; columns count Unicode scalar values; spans are byte offsets.
//! Strings say exactly what the article says, escaped so the output is inert in a log
//! (`crate::inert::log_json`).

use super::{indent, Checked, InputError, Sink, Tally};
use crate::engine::Corpus;
use crate::inert::log_json;
use serde_json::{json, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// Writes the document piece by piece, each file as it comes, in the layout (and key order)
/// of a pretty-printed whole.
#[derive(Default)]
pub struct Json {
    tally: Tally,
}

impl Sink for Json {
    fn begin(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        let errors: Vec<Value> =
            errors.iter().map(|e| json!({ "path": e.path.display().to_string(), "reason": e.reason })).collect();
        let errors = log_json(&serde_json::to_string_pretty(&errors)?).into_owned();
        write!(out, "{{\n  \"errors\": {},\n  \"files\": [", indent(&errors, 2))
    }

    fn file(&mut self, out: &mut dyn Write, checked: &Checked, _: &Corpus) -> io::Result<()> {
        let separator = if self.tally.files == 0 { "\n    " } else { ",\n    " };
        self.tally.add(checked);
        write!(out, "{separator}{}", indent(&log_json(&serde_json::to_string_pretty(&file(checked))?), 4))
    }

    fn end(&mut self, out: &mut dyn Write, _: &[InputError]) -> io::Result<()> {
        let t = self.tally;
        let summary = json!({
            "files": t.files,
            "errors": t.errors,
            "warnings": t.warnings,
            "information": t.information,
            "hints": t.hints,
        });
        let close = if t.files == 0 { "]" } else { "\n  ]" };
        writeln!(
            out,
            "{close},\n  \"summary\": {},\n  \"version\": {SCHEMA_VERSION}\n}}",
            indent(&serde_json::to_string_pretty(&summary)?, 2)
        )
    }
}

fn file(checked: &Checked) -> Value {
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
}
