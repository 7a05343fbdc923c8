//! `--report FILE`: the evidence report, one self-contained HTML page (inline style and script, no
//! network, no fonts to fetch). On top, a summary; then the claims × sources matrix of
//! `engine::matrix`: a row per aligned claim grouped by topic, a column per source, each cell the
//! value that source states, coloured agree / conflict / update / absent, with the passage on
//! hover (its title) and on click (a disclosure). Buttons filter the rows by verdict.
//! All article text and file names are escaped, in element content and attributes alike: a
//! source containing markup shows it as text, and control or bidirectional characters show as
//! visible escapes (`crate::inert::one_line`). The page has no links and no data embedded in
//! its script; the script is a constant.

use super::Outcome;
use crate::engine::matrix::{self, Cell, Matrix, Row, Topic, Verdict};
use crate::engine::{DocumentAnalysis, Options};
use std::fmt::Write as _;
use std::path::Path;

pub fn write_file(path: &Path, outcome: &Outcome, options: Options) -> std::io::Result<()> {
    std::fs::write(path, render(outcome, options))
}

/// The page for a run.
pub fn render(outcome: &Outcome, options: Options) -> String {
    let analyses: Vec<&DocumentAnalysis> = outcome.results.iter().map(|r| &r.analysis).collect();
    let matrix = matrix::build(&outcome.corpus, &analyses, options);
    page(&matrix, outcome.results.len())
}

fn page(matrix: &Matrix, checked: usize) -> String {
    let mut html = String::with_capacity(64 * 1024);
    html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // No fetches of any kind: styles and the script are inline, images none.
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
    html += "<title>crosscheck evidence report</title>\n<style>\n";
    html += STYLE;
    html += "</style>\n</head>\n<body>\n<header>\n<h1>Evidence report</h1>\n";
    let _ = writeln!(
        html,
        "<p class=\"generated\">crosscheck {} · {checked} checked file{}, each claim against every source</p>",
        env!("CARGO_PKG_VERSION"),
        if checked == 1 { "" } else { "s" }
    );
    summary(&mut html, matrix);
    filters(&mut html);
    html += "</header>\n<main>\n";
    if matrix.rows.is_empty() {
        html += "<p class=\"empty\">No checkable claims (figures, dates, control, quotations, roles) in the checked files.</p>\n";
    } else {
        table(&mut html, matrix);
    }
    html += "</main>\n<script>\n";
    html += SCRIPT;
    html += "</script>\n</body>\n</html>\n";
    html
}

fn summary(html: &mut String, matrix: &Matrix) {
    let items = [
        ("source", "sources", matrix.columns.len(), ""),
        ("claim", "claims", matrix.rows.len(), ""),
        ("conflict", "conflicts", matrix.count(Verdict::Conflict), "conflict"),
        ("update", "updates", matrix.count(Verdict::Update), "update"),
        ("corroborated", "corroborated", matrix.count(Verdict::Agree), "agree"),
        ("single-source claim", "single-source claims", matrix.count(Verdict::SingleSource), "single-source"),
    ];
    html.push_str("<section class=\"summary\" aria-label=\"Summary\">\n");
    for (one, many, count, class) in items {
        let label = if count == 1 { one } else { many };
        let _ = writeln!(html, "<div class=\"figure {class}\"><b>{count}</b> {label}</div>");
    }
    html.push_str("</section>\n");
}

fn filters(html: &mut String) {
    html.push_str("<nav class=\"filters\" aria-label=\"Filter by verdict\">\n");
    for (filter, label) in [
        ("all", "All"),
        ("conflict", "Conflicts"),
        ("update", "Updates"),
        ("agree", "Corroborated"),
        ("single-source", "Single-source"),
    ] {
        let pressed = filter == "all";
        let _ = writeln!(
            html,
            "<button type=\"button\" data-filter=\"{filter}\" aria-pressed=\"{pressed}\">{label}</button>"
        );
    }
    html.push_str("</nav>\n<p class=\"legend\"><span class=\"swatch agree\"></span>agrees <span class=\"swatch conflict\"></span>conflicts <span class=\"swatch update\"></span>before or after a change <span class=\"swatch single-source\"></span>only source <span class=\"swatch absent\"></span>does not say</p>\n");
}

fn table(html: &mut String, matrix: &Matrix) {
    html.push_str(
        "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\" class=\"claim\">Claim</th>",
    );
    for column in &matrix.columns {
        let class = if column.checked { " class=\"checked\"" } else { "" };
        let _ = write!(
            html,
            "<th scope=\"col\"{class} title=\"{}\">{}{}</th>",
            escape(&column.doc),
            escape(&column.name),
            if column.checked { "<small>checked</small>" } else { "" }
        );
    }
    html.push_str("</tr></thead>\n");
    let mut topic: Option<Topic> = None;
    for (index, row) in matrix.rows.iter().enumerate() {
        if topic != Some(row.topic) {
            if topic.is_some() {
                html.push_str("</tbody>\n");
            }
            topic = Some(row.topic);
            let _ = writeln!(
                html,
                "<tbody class=\"topic\"><tr class=\"topic-head\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>",
                matrix.columns.len() + 1,
                row.topic.title()
            );
        }
        row_html(html, index, row);
    }
    html.push_str("</tbody>\n</table></div>\n");
}

fn row_html(html: &mut String, index: usize, row: &Row) {
    let verdict = row.verdict.as_str();
    let _ = write!(
        html,
        "<tr class=\"row {verdict}\" data-verdict=\"{verdict}\" id=\"claim-{index}\"><th scope=\"row\" class=\"claim\"><span class=\"what\">{}</span><span class=\"about\">{}</span><span class=\"verdict-label\">{}</span></th>",
        escape(&row.what),
        escape(&row.about),
        verdict_label(row.verdict)
    );
    for cell in &row.cells {
        cell_html(html, cell);
    }
    html.push_str("</tr>\n");
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Conflict => "sources conflict",
        Verdict::Update => "changed over time",
        Verdict::Agree => "corroborated",
        Verdict::SingleSource => "one source only",
    }
}

fn cell_html(html: &mut String, cell: &Cell) {
    let Some(verdict) = cell.verdict else {
        html.push_str("<td class=\"cell absent\" title=\"This source does not state it\">—</td>");
        return;
    };
    let _ = write!(html, "<td class=\"cell {}\">", verdict.as_str());
    for statement in &cell.statements {
        let sentence = &statement.sentence;
        let part = statement.in_sentence;
        let marked = match (sentence.get(..part.start), sentence.get(part.start..part.end), sentence.get(part.end..)) {
            (Some(before), Some(matched), Some(after)) => {
                format!("{}<mark>{}</mark>{}", escape(before), escape(matched), escape(after))
            }
            _ => escape(sentence),
        };
        let party = statement
            .party
            .as_deref()
            .map(|p| format!(" <span class=\"party\">({})</span>", escape(p)))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<details><summary title=\"line {}: {}\">{}</summary><p class=\"passage\"><span class=\"line\">line {}</span>{party} {marked}</p></details>",
            statement.line,
            escape(sentence),
            escape(&statement.text),
            statement.line
        );
    }
    html.push_str("</td>");
}

/// Text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::inert::one_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#":root { --agree: #d8f0dc; --agree-edge: #2e7d32; --conflict: #fbd5d5; --conflict-edge: #c62828;
  --update: #fdebc8; --update-edge: #b26a00; --single: #e3e8f4; --single-edge: #3f51b5; --absent: #f4f4f4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
body { margin: 0 auto; padding: 1.5rem; max-width: 1600px; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
.generated { margin: 0 0 1rem; color: #555; }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin-bottom: 1rem; }
.summary .figure { padding: .5rem .9rem; border-radius: .4rem; background: #f0f0f0; }
.summary .figure b { font-size: 1.3rem; margin-right: .25rem; }
.summary .conflict { background: var(--conflict); } .summary .agree { background: var(--agree); }
.summary .update { background: var(--update); } .summary .single-source { background: var(--single); }
.filters { display: flex; gap: .5rem; margin-bottom: .5rem; }
.filters button { font: inherit; padding: .3rem .8rem; border: 1px solid #999; border-radius: 1rem; background: #fff; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #1d1d1f; color: #fff; border-color: #1d1d1f; }
.legend { color: #555; font-size: .9rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem; vertical-align: -.1rem; margin: 0 .25rem 0 .75rem; }
.swatch.agree { background: var(--agree); } .swatch.conflict { background: var(--conflict); }
.swatch.update { background: var(--update); } .swatch.single-source { background: var(--single); }
.swatch.absent { background: var(--absent); border: 1px solid #ccc; }
.scroll { overflow-x: auto; }
table.matrix { border-collapse: separate; border-spacing: 2px; font-size: .92rem; }
thead th { position: sticky; top: 0; background: #fff; text-align: left; padding: .4rem; vertical-align: bottom; font-weight: 600; }
thead th small { display: block; font-weight: normal; color: #555; }
th.claim { min-width: 14rem; max-width: 22rem; text-align: left; vertical-align: top; padding: .4rem; font-weight: normal; }
.what { display: block; font-weight: 600; } .about { display: block; color: #555; font-size: .85rem; }
.verdict-label { display: inline-block; margin-top: .2rem; font-size: .8rem; padding: 0 .4rem; border-radius: .6rem; background: #eee; }
tr.conflict .verdict-label { background: var(--conflict); color: var(--conflict-edge); }
tr.agree .verdict-label { background: var(--agree); color: var(--agree-edge); }
tr.update .verdict-label { background: var(--update); color: var(--update-edge); }
tr.single-source .verdict-label { background: var(--single); color: var(--single-edge); }
.topic-head th { text-align: left; padding: 1rem .4rem .3rem; font-size: 1.1rem; border-bottom: 2px solid #1d1d1f; }
td.cell { vertical-align: top; padding: .35rem .5rem; min-width: 9rem; max-width: 20rem; border-radius: .3rem; }
td.agree { background: var(--agree); border-left: 3px solid var(--agree-edge); }
td.conflict { background: var(--conflict); border-left: 3px solid var(--conflict-edge); }
td.update { background: var(--update); border-left: 3px solid var(--update-edge); }
td.single-source { background: var(--single); border-left: 3px solid var(--single-edge); }
td.absent { background: var(--absent); color: #999; text-align: center; }
details summary { cursor: pointer; font-weight: 600; }
.passage { margin: .3rem 0 0; font-size: .85rem; line-height: 1.35; }
.passage .line { color: #555; margin-right: .2rem; } .party { color: #555; }
mark { background: #fff59d; }
tr[hidden], tbody[hidden] { display: none; }
.empty { color: #555; }
"#;

const SCRIPT: &str = r#"(function () {
  var buttons = document.querySelectorAll('.filters button');
  function show(filter) {
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.filter === filter)); });
    document.querySelectorAll('tbody.topic').forEach(function (group) {
      var visible = 0;
      group.querySelectorAll('tr.row').forEach(function (row) {
        var match = filter === 'all' || row.dataset.verdict === filter;
        row.hidden = !match;
        if (match) { visible += 1; }
      });
      group.hidden = visible === 0;
    });
  }
  buttons.forEach(function (b) { b.addEventListener('click', function () { show(b.dataset.filter); }); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_article_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
