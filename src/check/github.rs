//! `--format github`: GitHub Actions workflow commands, one a finding
//! (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner
//! shows as annotations on the pull request's files. Hints are left out; an input that could not
//! be read is an `::error` on that file. Article text and file names are made inert first
//! (`crate::inert::log_line`: no control characters, no `##[`), then escaped as the runner reads
//! workflow commands, so each finding is exactly one line that no article text starts.

use super::{Checked, InputError, Sink};
use crate::engine::{Corpus, Severity};
use crate::inert::log_line;
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
                data(&log_line(&error.reason))
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
        // Each part on one line; the line breaks between them are the only ones, escaped by `data`.
        let mut message = log_line(&finding.message).into_owned();
        for passage in &finding.related {
            let (cite, sentence) = (log_line(&passage.cite()).into_owned(), log_line(&passage.sentence_text));
            message += &format!("\n{} {cite}: \"{sentence}\"", passage.relation.introduce());
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

/// A workflow command's property value (a file name, made inert first): also `:` and `,` escaped.
fn property(text: &str) -> String {
    data(&log_line(text)).replace(':', "%3A").replace(',', "%2C")
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
