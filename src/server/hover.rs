//! The hover on a claim: what crosscheck understood (what is measured, the value and its hedge,
//! who asserts it), its status, and each supporting and contradicting passage with a link to
//! its file and line. Article text is escaped so it cannot inject links, HTML or commands.

use crate::engine::claim::{ClaimKind, Measure};
use crate::engine::reconcile::describe_control;
use crate::engine::{ClaimReport, Passage, Relation, Target};

/// Passages listed per side before the rest are counted.
const MAX_PASSAGES: usize = 8;

/// `context` is the text the claim's subject was read from.
pub fn render(report: &ClaimReport, target: &Target, context: &str, markdown: bool) -> String {
    let mut out = format!("{} {}\n\n", bold("Verdict:", markdown), status(target));
    let claim = &report.claim;
    let who = claim.attribution.as_ref().map_or("stated as fact by the article".to_string(), |a| {
        let side = a.side.as_deref().map_or(String::new(), |s| format!(" ({s})"));
        format!("asserted by {}{side}", a.party)
    });
    match &claim.kind {
        ClaimKind::Figure(figure) => {
            let measure = figure.measures.iter().find(|m| m.span == target.span).or(figure.measures.first());
            out += &format!("{} {}\n\n", bold("Figure:", markdown), escape(&target.text, markdown));
            if let Some(measure) = measure {
                out += &format!("- measures: {}\n", escape(&measure.describe(), markdown));
                out += &format!("- value: {}\n", describe_value(measure));
            }
            if !context.is_empty() {
                out += &format!("- read from: “{}”\n", escape(context, markdown));
            }
        }
        ClaimKind::Control(control) => {
            out += &format!("{} {}\n\n", bold("Control:", markdown), escape(&describe_control(control), markdown));
        }
        ClaimKind::Quote(quote) => {
            let speaker = quote.speaker.as_deref().unwrap_or("an unnamed speaker");
            out += &format!("{} of {}\n\n", bold("Quote", markdown), escape(speaker, markdown));
        }
        ClaimKind::Date(date) => {
            out += &format!(
                "{} {} (read as {})\n\n",
                bold("Date:", markdown),
                escape(&target.text, markdown),
                date.value.describe()
            );
            if !context.is_empty() {
                out += &format!("- read from: “{}”\n", escape(context, markdown));
            }
        }
        ClaimKind::Role(role) => {
            out += &format!("{} {}\n\n", bold("Role:", markdown), escape(&role.describe(), markdown))
        }
        ClaimKind::Statement => out += &format!("{}\n\n", bold("Sentence", markdown)),
    }
    out += &format!("- {}\n\n", escape(&who, markdown));

    out += &evidence(target, markdown);
    // The same quantity stated in another unit ("19 per cent …, or 115,600 square km").
    let measures = if matches!(report.claim.kind, ClaimKind::Figure(_)) { report.targets.as_slice() } else { &[] };
    for sibling in measures.iter().filter(|t| t.span != target.span) {
        out += &format!("\n---\n\n{} {}\n\n", bold("Same quantity here as", markdown), escape(&sibling.text, markdown));
        out += &format!("{} {}\n", bold("Verdict:", markdown), status(sibling));
        out += &evidence(sibling, markdown);
    }
    out
}

/// "corroborated by 3 sources, contradicted by 1", or "reported only here".
fn status(target: &Target) -> String {
    match (target.source_count(Relation::Supports), target.source_count(Relation::Contradicts)) {
        (0, 0) => "reported only here: no other source states it".to_string(),
        (s, c) => format!("corroborated by {s} source{}, contradicted by {c}", if s == 1 { "" } else { "s" }),
    }
}

/// Supporting passages, then contradicting ones, then updates, each list capped with a count.
fn evidence(target: &Target, markdown: bool) -> String {
    let mut out = String::new();
    let sections = [
        ("Supporting", Relation::Supports),
        ("Contradicting", Relation::Contradicts),
        ("Before or after a change", Relation::Updates),
    ];
    for (title, relation) in sections {
        let passages: Vec<&Passage> = target.evidence.iter().filter(|p| p.relation == relation).collect();
        if passages.is_empty() {
            continue;
        }
        out += &format!("\n{}\n", bold(title, markdown));
        for passage in passages.iter().take(MAX_PASSAGES) {
            out += &format!("- {}\n", passage_line(passage, markdown));
        }
        if passages.len() > MAX_PASSAGES {
            out += &format!("- and {} more\n", passages.len() - MAX_PASSAGES);
        }
    }
    out
}

fn describe_value(measure: &Measure) -> String {
    let unit = measure.dimension.base_unit();
    let round = |v: f64| {
        if v.is_infinite() {
            "no upper bound".to_string()
        } else if v.abs() >= 100.0 {
            format!("{v:.0}")
        } else {
            format!("{:.2}", v).trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    format!(
        "{} ({}), read as {}–{}{unit}",
        round(measure.value),
        measure.hedge.describe(),
        round(measure.low),
        round(measure.high)
    )
}

fn passage_line(passage: &Passage, markdown: bool) -> String {
    let cite = format!("{}:{}", passage.name, passage.line);
    let link = format!("{}#L{}", link_target(&passage.doc), passage.line);
    let at = passage.match_in_sentence();
    let sentence = &passage.sentence_text;
    let (before, matched, after) = (
        sentence.get(..at.start).unwrap_or(""),
        sentence.get(at.start..at.end).unwrap_or(""),
        sentence.get(at.end..).unwrap_or(""),
    );
    let party = passage.party.as_deref().map_or(String::new(), |p| format!(" ({})", escape(p, markdown)));
    if markdown {
        format!(
            "[{}]({link}){party}: {}**{}**{}",
            escape(&cite, true),
            escape(before, true),
            escape(matched, true),
            escape(after, true)
        )
    } else {
        format!("{cite}{party}: {sentence}")
    }
}

/// Percent-encodes what would end or break a Markdown link target.
fn link_target(uri: &str) -> String {
    uri.chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            ' ' => "%20".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            _ => c.to_string(),
        })
        .collect()
}

fn bold(text: &str, markdown: bool) -> String {
    if markdown {
        format!("**{text}**")
    } else {
        text.to_string()
    }
}

/// Backslash-escapes every ASCII punctuation character Markdown gives meaning to, so article text
/// renders as text: no links, images, HTML, code spans or command URIs.
pub fn escape(text: &str, markdown: bool) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if !markdown {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_links_html_and_commands() {
        let hostile = "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `code` **bold**";
        let escaped = escape(hostile, true);
        // Every ASCII punctuation character is backslash-escaped, so none of it acts as Markdown.
        let chars: Vec<char> = escaped.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if c.is_ascii_punctuation() && *c != '\\' {
                assert_eq!(chars[i - 1], '\\', "unescaped {c:?} in {escaped}");
            }
        }
        assert!(escaped.contains("\\[click\\]"));
    }

    #[test]
    fn link_targets_cannot_close_the_link() {
        assert_eq!(link_target("file:///a%20b/x(1).txt"), "file:///a%20b/x%281%29.txt");
    }
}
