//! The hover on a claim: what crosscheck understood (what is measured, the value and its hedge,
//! who asserts it), its status, and each supporting and contradicting passage with a link to
//! its file and line. Article text is made inert (`crate::inert::one_line`: no control or
//! bidirectional characters, one line) and, in Markdown, escaped, so it cannot inject links,
//! HTML or commands. The only links are to passages of files of the corpus: `file:` URIs built
//! from the corpus's document ids, never from article text; a passage of a buffer that is not a
//! file is cited without a link.

use crate::engine::claim::{ClaimKind, Measure};
use crate::engine::reconcile::describe_control;
use crate::engine::{ClaimReport, Passage, Relation, Target};

/// Passages listed per side before the rest are counted.
const MAX_PASSAGES: usize = 8;
/// Related passages listed: context, not evidence.
const MAX_RELATED: usize = 3;

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
        ClaimKind::Name(name) => {
            out += &format!("{} {}\n\n", bold("Name:", markdown), escape(&name.describe(), markdown))
        }
        ClaimKind::Stance(stance) => out += &format!("{} {}\n\n", bold("Stated:", markdown), describe_stance(stance)),
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

/// How a clause states its fact, in words.
fn describe_stance(stance: &crate::engine::claim::Stance) -> String {
    use crate::engine::claim::{Certainty, Framing};
    let mut parts = vec![match stance.framing {
        Framing::Fact => "as fact",
        Framing::Attributed => "as a party's word",
        Framing::Claimed => "as a claim",
        Framing::Denied => "with a denial",
    }
    .to_string()];
    if stance.negated {
        parts.push("negated".into());
    }
    parts.extend(stance.actions.iter().map(|a| format!("reports an action of kind \"{a}\"")));
    match stance.certainty {
        Certainty::Established => parts.push("as established".into()),
        Certainty::Hedged => parts.push("as uncertain".into()),
        Certainty::Plain => {}
    }
    parts.join(", ")
}

/// "corroborated by 3 sources, contradicted by 1", or "reported only here".
fn status(target: &Target) -> String {
    match (target.source_count(Relation::Supports), target.source_count(Relation::Contradicts)) {
        (0, 0) if target.evidence.iter().any(|p| p.relation == Relation::Related) => {
            "no other source states it; passages about the same thing are listed as related".to_string()
        }
        (0, 0) => "reported only here: no other source states it".to_string(),
        (s, c) => format!("corroborated by {s} source{}, contradicted by {c}", if s == 1 { "" } else { "s" }),
    }
}

/// Supporting passages, then contradicting ones, then updates, each list capped with a count.
fn evidence(target: &Target, markdown: bool) -> String {
    let mut out = String::new();
    let sections = [
        ("Supporting", Relation::Supports, MAX_PASSAGES),
        ("Contradicting", Relation::Contradicts, MAX_PASSAGES),
        ("Before or after a change", Relation::Updates, MAX_PASSAGES),
        ("Related (about the same thing; neither backs nor contradicts it)", Relation::Related, MAX_RELATED),
    ];
    for (title, relation, max) in sections {
        let passages: Vec<&Passage> = target.evidence.iter().filter(|p| p.relation == relation).collect();
        if passages.is_empty() {
            continue;
        }
        out += &format!("\n{}\n", bold(title, markdown));
        for passage in passages.iter().take(max) {
            out += &format!("- {}\n", passage_line(passage, markdown));
        }
        if passages.len() > max {
            out += &format!("- and {} more\n", passages.len() - max);
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
    let at = passage.match_in_sentence();
    let sentence = &passage.sentence_text;
    let (before, matched, after) = (
        sentence.get(..at.start).unwrap_or(""),
        sentence.get(at.start..at.end).unwrap_or(""),
        sentence.get(at.end..).unwrap_or(""),
    );
    let party = passage.party.as_deref().map_or(String::new(), |p| format!(" ({})", escape(p, markdown)));
    if markdown {
        let cite = match link_target(&passage.doc) {
            Some(target) => format!("[{}]({target}#L{})", escape(&cite, true), passage.line),
            None => escape(&cite, true),
        };
        format!("{cite}{party}: {}**{}**{}", escape(before, true), escape(matched, true), escape(after, true))
    } else {
        format!("{}{party}: {}", escape(&cite, false), escape(sentence, false))
    }
}

/// The link to a document of the corpus: its id when that is a `file:` URI (as the server's ids
/// are), percent-encoding what would end or break a Markdown link target; `None` otherwise (an
/// unsaved buffer, or whatever other scheme a client gave a document).
fn link_target(doc: &str) -> Option<String> {
    let uri = tower_lsp::lsp_types::Url::parse(doc).ok().filter(|uri| uri.scheme() == "file")?;
    let target = uri
        .as_str()
        .chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            ' ' => "%20".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            _ => c.to_string(),
        })
        .collect();
    Some(target)
}

fn bold(text: &str, markdown: bool) -> String {
    if markdown {
        format!("**{text}**")
    } else {
        text.to_string()
    }
}

/// Backslash-escapes the ASCII punctuation Markdown gives meaning to, so article text renders as
/// text: no links, images, HTML, code spans, emphasis or command URIs. Punctuation Markdown never
/// reads inside a line (`, ; ? ' " %` and a dot) is left as written, so a quoted passage reads as
/// its source wrote it; a dot after "www" is escaped, since it would start a bare link.
pub fn escape(text: &str, markdown: bool) -> String {
    let text = crate::inert::one_line(text);
    if !markdown {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let inert =
            matches!(c, ',' | ';' | '?' | '\'' | '"' | '%') || (c == '.' && !out.to_lowercase().ends_with("www"));
        if c.is_ascii_punctuation() && !inert {
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
        let hostile = "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `code` **bold** www.evil.example mail@evil.example";
        let escaped = escape(hostile, true);
        // Every ASCII punctuation character Markdown reads is backslash-escaped.
        let chars: Vec<char> = escaped.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let read = c.is_ascii_punctuation() && !matches!(c, '\\' | ',' | ';' | '?' | '\'' | '"' | '%' | '.');
            if read {
                assert_eq!(chars[i - 1], '\\', "unescaped {c:?} in {escaped}");
            }
        }
        assert!(escaped.contains("\\[click\\]") && escaped.contains("command\\:"));
        assert!(escaped.contains("www\\.evil.example") && escaped.contains("mail\\@evil.example"), "{escaped}");
    }

    #[test]
    fn ordinary_punctuation_reads_as_written() {
        assert_eq!(escape("It didn't, on Sept. 4; did it? 55.9%", true), "It didn't, on Sept. 4; did it? 55.9%");
    }

    #[test]
    fn link_targets_cannot_close_the_link_and_are_files_only() {
        assert_eq!(link_target("file:///a%20b/x(1).txt").as_deref(), Some("file:///a%20b/x%281%29.txt"));
        for doc in ["untitled:Untitled-1", "command:workbench.action.terminal.new", "javascript:alert(1)", "x.txt"] {
            assert_eq!(link_target(doc), None, "{doc}");
        }
    }
}
