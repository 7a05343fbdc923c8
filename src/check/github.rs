//! `--format github`: GitHub Actions workflow commands, one a finding
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner
//! shows as annotations on the pull request's files. Hints are left out; an input that could not
//! be read is an `::error` on that file.

use super::{Checked, InputError, Sink};
use crate::engine::{Corpus, Severity};
use std::io::{self, Write};

pub struct Github;

impl Sink for Github {
    fn begin(&mut self, out: &mut dyn Write, errors: &[InputError]) -> io::Result<()> {
        for error in errors {
            let file = error.path.display().to_string();
            writeln!(
                out,
                "::error file={},title={}::{}",
                property(&file),
                property("crosscheck"),
                data(&error.reason)
            )?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, checked: &Checked, _: &Corpus) -> io::Result<()> {
        annotate(out, checked)
    }

    fn end(&mut self, _: &mut dyn Write, _: &[InputError]) -> io::Result<()> {
        Ok(())
    }
}

/// One annotation per finding at information and above.
fn annotate(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    let doc = &checked.doc;
    for finding in checked.analysis.findings.iter().filter(|f| f.severity >= Severity::Information) {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let mut message = finding.message.clone();
        for passage in &finding.related {
            message += &format!("\n{} {}: \"{}\"", passage.relation.introduce(), passage.cite(), passage.sentence_text);
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(checked.path.trim_start_matches("./")),
            doc.line_number(finding.span.start),
            doc.lines.char_column(&doc.text, finding.span.start),
            doc.line_number(finding.span.end),
            doc.lines.char_column(&doc.text, finding.span.end),
            property(&format!("crosscheck {}", finding.code.as_str())),
            data(&message)
        )?;
    }
    Ok(())
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(data("50% off\nnext"), "50%25 off%0Anext");
        assert_eq!(property("a,b:c.txt"), "a%2Cb%3Ac.txt");
    }
}
