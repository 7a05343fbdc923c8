//! Human output: one block a finding, `path:line:col: severity[code]: message`, then each related
//! passage, then a summary. Colour only when asked (on a terminal).

use super::Checked;
use crate::engine::Severity;
use std::io::{self, Write};

pub fn write(out: &mut dyn Write, results: &[Checked], color: bool) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut warnings = 0;
    let mut information = 0;
    for checked in results {
        for finding in &checked.analysis.findings {
            if finding.severity < Severity::Information {
                continue;
            }
            match finding.severity {
                Severity::Information => information += 1,
                _ => warnings += 1,
            }
            let doc = &checked.doc;
            let line = doc.line_number(finding.span.start);
            let column = doc.lines.char_column(&doc.text, finding.span.start);
            let label = match finding.severity {
                Severity::Error => paint("1;31", "error"),
                Severity::Warning => paint("1;33", "warning"),
                _ => paint("1;36", "info"),
            };
            writeln!(out, "{}:{line}:{column}: {label}[{}]: {}", checked.path, finding.code.as_str(), finding.message)?;
            for passage in &finding.related {
                let verb = passage.relation.introduce();
                writeln!(out, "  = {verb} {}:{}: \"{}\"", passage.doc, passage.line, passage.sentence_text)?;
            }
            writeln!(out)?;
        }
    }
    let files = results.len();
    writeln!(
        out,
        "{files} file{} checked: {warnings} warning{}, {information} information",
        if files == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    )
}
