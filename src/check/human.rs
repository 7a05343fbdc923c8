//! Human output, in the style of rustc: the severity, rule and message; the place; the line with
//! the flagged text underlined; then each related passage, and a summary. Long lines (a news
//! paragraph is often one) are cut to a window around the flagged text. Colour only when asked.

use super::{Checked, InputError, Sink, Tally};
use crate::engine::{Code, Corpus, Finding, Passage, Severity, SourceDoc};
use crate::inert::{log_line, log_parts};
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest source line shown, in terminal columns.
const MAX_LINE_WIDTH: usize = 100;

struct Paint(bool);

impl Paint {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.0 && !text.is_empty() {
            format!("\x1b[{style}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub struct Human {
    paint: Paint,
    tally: Tally,
}

impl Human {
    pub fn new(color: bool) -> Human {
        Human { paint: Paint(color), tally: Tally::default() }
    }
}

impl Sink for Human {
    fn begin(&mut self, _: &mut dyn Write, _: &[InputError]) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, checked: &Checked, _: &Corpus) -> io::Result<()> {
        self.tally.add(checked);
        for finding in checked.analysis.findings.iter().filter(|f| f.severity >= Severity::Information) {
            write_finding(out, &self.paint, &checked.path, &checked.doc, finding)?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _: &[InputError]) -> io::Result<()> {
        let Tally { files, errors, warnings, information, .. } = self.tally;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut counts = Vec::new();
        if errors > 0 {
            counts.push(plural(errors, "error"));
        }
        counts.push(plural(warnings, "warning"));
        counts.push(format!("{information} information"));
        writeln!(out, "{} checked: {}", plural(files, "file"), counts.join(", "))
    }
}

fn write_finding(out: &mut dyn Write, paint: &Paint, path: &str, doc: &SourceDoc, finding: &Finding) -> io::Result<()> {
    let (label, style) = match finding.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        _ => ("info", "1;36"),
    };
    let blue = |text: &str| paint.paint("1;34", text);
    let (line_index, _) = doc.lines.line_col(finding.span.start);
    let line_number = line_index + 1;
    let column = doc.lines.char_column(&doc.text, finding.span.start);
    let gutter = " ".repeat(line_number.to_string().len());
    writeln!(
        out,
        "{}: {}",
        paint.paint(style, &format!("{label}[{}]", finding.code.as_str())),
        paint.paint("1", &log_line(&finding.message))
    )?;
    writeln!(out, "{gutter}{} {}:{line_number}:{column}", blue("-->"), log_line(path))?;
    writeln!(out, "{gutter} {}", blue("|"))?;
    let line_span = doc.lines.line_span(&doc.text, line_index);
    let line = line_span.slice(&doc.text);
    let start = finding.span.start.clamp(line_span.start, line_span.end) - line_span.start;
    let end = finding.span.end.clamp(line_span.start + start, line_span.end) - line_span.start;
    let window = window(line, start, end);
    writeln!(out, "{} {} {}", blue(&line_number.to_string()), blue("|"), window.text)?;
    let carets = "^".repeat(window.marked_width.max(1));
    writeln!(
        out,
        "{gutter} {} {}{} {}",
        blue("|"),
        " ".repeat(window.marked_column),
        paint.paint(style, &carets),
        paint.paint(style, underline_label(finding.code))
    )?;
    if !finding.related.is_empty() {
        writeln!(out, "{gutter} {}", blue("|"))?;
    }
    for passage in &finding.related {
        writeln!(
            out,
            "{gutter} {} {} {}:{}: \"{}\"",
            blue("="),
            passage.relation.introduce(),
            log_line(&passage.doc),
            passage.line,
            highlighted_sentence(paint, passage)
        )?;
    }
    writeln!(out)
}

/// What the underline says, by rule.
fn underline_label(code: Code) -> &'static str {
    match code {
        Code::FigureConflict => "the sources give another figure",
        Code::DateConflict => "the sources give another date",
        Code::ControlDisputed => "disputed in the sources",
        Code::Misquote => "quoted differently in the sources",
        Code::RoleConflict => "the sources say otherwise",
        Code::NameConflict => "the sources name another",
        Code::PolarityConflict => "the sources state it the other way round",
        Code::ClaimDisputed => "a claim and a denial in the sources",
        Code::NameVariant => "spelt differently",
        Code::SingleSource => "no other source states this",
    }
}

/// The sentence of a passage, inert, its matching part in bold when painting.
fn highlighted_sentence(paint: &Paint, passage: &Passage) -> String {
    let sentence = &passage.sentence_text;
    let part = passage.match_in_sentence();
    match (sentence.get(..part.start), sentence.get(part.start..part.end), sentence.get(part.end..)) {
        (Some(before), Some(matched), Some(after)) if paint.0 => {
            let parts = log_parts(&[before, matched, after]);
            format!("{}{}{}", parts[0], paint.paint("1", &parts[1]), parts[2])
        }
        _ => log_line(sentence).into_owned(),
    }
}

/// A line made inert (`log_line`: tabs as spaces, controls as visible escapes) and cut to
/// `MAX_LINE_WIDTH` columns around its marked part, with where the marks go.
#[derive(Debug, PartialEq)]
struct Window {
    text: String,
    marked_column: usize,
    marked_width: usize,
}

fn window(line: &str, start: usize, end: usize) -> Window {
    let parts = log_parts(&[&line[..start], &line[start..end], &line[end..]]);
    let (before, marked, after) = (parts[0].as_str(), parts[1].as_str(), parts[2].as_str());
    let line = format!("{before}{marked}{after}");
    if line.width() <= MAX_LINE_WIDTH {
        return Window { text: line, marked_column: before.width(), marked_width: marked.width() };
    }
    let marked_text = if marked.width() > MAX_LINE_WIDTH - 2 {
        format!("{}…", take_width(marked, MAX_LINE_WIDTH - 3))
    } else {
        marked.to_string()
    };
    let room = MAX_LINE_WIDTH.saturating_sub(marked_text.width());
    let (mut left, mut right) = (room / 2, room - room / 2);
    if before.width() < left {
        right += left - before.width();
        left = before.width();
    } else if after.width() < right {
        left += right - after.width();
        right = after.width();
    }
    let left_text = if before.width() <= left {
        before.to_string()
    } else {
        format!("…{}", take_width_from_end(before, left.saturating_sub(1)))
    };
    let right_text = if after.width() <= right {
        after.to_string()
    } else {
        format!("{}…", take_width(after, right.saturating_sub(1)))
    };
    Window {
        marked_column: left_text.width(),
        marked_width: marked_text.width(),
        text: format!("{left_text}{marked_text}{right_text}"),
    }
}

fn take_width(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[..at];
        }
    }
    text
}

fn take_width_from_end(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            return &text[at + c.len_utf8()..];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole_and_long_ones_around_the_mark() {
        let line = "Russian forces occupy 30 per cent of Ukraine.";
        let at = line.find("30").unwrap_or(0);
        assert_eq!(window(line, at, at + 11), Window { text: line.into(), marked_column: 22, marked_width: 11 });

        let long = format!("{} the mark — “here” {}", "lead ".repeat(40), "tail ".repeat(40));
        let at = long.find("the mark").unwrap_or(0);
        let cut = window(&long, at, at + "the mark".len());
        assert!(cut.text.width() <= MAX_LINE_WIDTH, "{}", cut.text);
        assert!(cut.text.starts_with('…') && cut.text.ends_with('…'), "{}", cut.text);
        let marked: String = cut.text.chars().skip(cut.marked_column).take(cut.marked_width).collect();
        assert_eq!(marked, "the mark");
    }

    #[test]
    fn a_mark_at_the_end_of_a_long_line_keeps_the_lead() {
        let long = format!("{}end", "word ".repeat(50));
        let at = long.len() - 3;
        let cut = window(&long, at, long.len());
        assert!(cut.text.ends_with("end") && cut.text.starts_with('…'), "{}", cut.text);
        assert_eq!(cut.marked_column + cut.marked_width, cut.text.width());
    }
}
