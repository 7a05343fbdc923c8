//! The claims × sources matrix behind the evidence report: the checked documents' claims and the
//! passages that bear on them, grouped into rows of one aligned claim each (what passes as the
//! same figure, control claim, quote, date or role across sources), with what each source states
//! in that row and whether it agrees.
//!
//! Rows are the connected groups of claims that reconciliation relates (supports, contradicts,
//! updates). So that a source's cell says whether it agrees with the others, and not only with the
//! checked file, every source that appears in a row is analysed too; only rows that hold a claim
//! of a checked document are kept.

use super::analysis::{analyze_with, DocumentAnalysis, Options};
use super::claim::ClaimKind;
use super::corpus::{Corpus, DocId};
use super::finding::{Code, Passage};
use super::reconcile::Relation;
use super::text::Span;
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    Figures,
    Control,
    Quotes,
    Dates,
    Roles,
    Names,
}

impl Topic {
    pub fn title(self) -> &'static str {
        match self {
            Topic::Figures => "Figures",
            Topic::Control => "Who controls what",
            Topic::Quotes => "Quotations",
            Topic::Dates => "Dates",
            Topic::Roles => "People and roles",
            Topic::Names => "Places, organisations and names",
        }
    }
}

/// How a row, or one source's cell in it, stands. Ordered from most to least pressing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Conflict,
    Update,
    Agree,
    SingleSource,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Update => "update",
            Verdict::Agree => "agree",
            Verdict::SingleSource => "single-source",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub doc: DocId,
    pub name: String,
    /// One of the documents checked (the others are sources only).
    pub checked: bool,
}

/// What one source states in a row: the text, and the sentence it stands in.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub text: String,
    pub line: usize,
    pub sentence: String,
    /// The statement's place in `sentence`, in bytes.
    pub in_sentence: Span,
    pub party: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub statements: Vec<Statement>,
    /// `None` when the source does not state this claim.
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub topic: Topic,
    /// What is stated: "share of Ukraine", "control of Pokrovsk".
    pub what: String,
    /// The words that tell this claim apart (its subject).
    pub about: String,
    pub verdict: Verdict,
    /// One cell per column, in the columns' order.
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Matrix {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.rows.iter().filter(|r| r.verdict == verdict).count()
    }
}

/// A claim part (a figure's measure, a control statement…) in one document.
type NodeKey = (DocId, usize, usize);

#[derive(Clone, Debug)]
struct Node {
    doc: DocId,
    statement: Statement,
    /// Set for the parts of analysed claims: the row's topic, what and about.
    label: Option<(Topic, String, String)>,
    order: (bool, usize, usize),
}

#[derive(Default)]
struct Graph {
    index: HashMap<NodeKey, usize>,
    nodes: Vec<Node>,
    parent: Vec<usize>,
    edges: Vec<(usize, usize, Relation)>,
}

impl Graph {
    fn node(&mut self, key: NodeKey, make: impl FnOnce() -> Node) -> usize {
        if let Some(&at) = self.index.get(&key) {
            return at;
        }
        let at = self.nodes.len();
        self.nodes.push(make());
        self.parent.push(at);
        self.index.insert(key, at);
        at
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize, relation: Relation) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
        self.edges.push((a, b, relation));
    }
}

/// The matrix of the `checked` analyses over `corpus`.
pub fn build(corpus: &Corpus, checked: &[&DocumentAnalysis], options: Options) -> Matrix {
    let checked_ids: BTreeSet<&str> = checked.iter().map(|a| a.doc.as_str()).collect();
    let mut graph = Graph::default();
    add_analyses(&mut graph, corpus, checked, &checked_ids);
    // The sources the checked claims cite, analysed so that their cells say how they stand.
    let cited: BTreeSet<DocId> =
        graph.nodes.iter().map(|n| n.doc.clone()).filter(|d| !checked_ids.contains(d.as_str())).collect();
    let others: Vec<DocumentAnalysis> = cited.iter().filter_map(|id| analyze_with(corpus, id, options)).collect();
    let others: Vec<&DocumentAnalysis> = others.iter().collect();
    add_analyses(&mut graph, corpus, &others, &checked_ids);

    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for at in 0..graph.nodes.len() {
        let root = graph.root(at);
        groups.entry(root).or_default().push(at);
    }
    let mut rows_by_node: Vec<(Vec<usize>, (bool, usize, usize))> = groups
        .into_values()
        .filter(|members| members.iter().any(|&m| checked_ids.contains(graph.nodes[m].doc.as_str())))
        .map(|members| {
            let first = members.iter().map(|&m| graph.nodes[m].order).min().unwrap_or((true, 0, 0));
            (members, first)
        })
        .collect();
    rows_by_node.sort_by_key(|(_, order)| *order);

    let mut column_docs: BTreeSet<DocId> = BTreeSet::new();
    for (members, _) in &rows_by_node {
        column_docs.extend(members.iter().map(|&m| graph.nodes[m].doc.clone()));
    }
    let mut columns: Vec<Column> = column_docs
        .into_iter()
        .map(|doc| Column {
            name: corpus.name(&doc).map_or_else(|| doc.clone(), str::to_string),
            checked: checked_ids.contains(doc.as_str()),
            doc,
        })
        .collect();
    columns.sort_by(|a, b| (!a.checked, &a.doc).cmp(&(!b.checked, &b.doc)));
    let column_of: HashMap<&str, usize> = columns.iter().enumerate().map(|(i, c)| (c.doc.as_str(), i)).collect();

    let mut rows: Vec<Row> =
        rows_by_node.iter().filter_map(|(members, _)| row(&graph, members, &columns, &column_of)).collect();
    // Topics with a conflict first, then the most pressing rows first within a topic.
    let mut topic_rank: BTreeMap<Topic, Verdict> = BTreeMap::new();
    for r in &rows {
        let rank = topic_rank.entry(r.topic).or_insert(r.verdict);
        *rank = (*rank).min(r.verdict);
    }
    rows.sort_by_key(|r| (topic_rank.get(&r.topic).copied(), r.topic, r.verdict));
    Matrix { columns, rows }
}

fn add_analyses(graph: &mut Graph, corpus: &Corpus, analyses: &[&DocumentAnalysis], checked: &BTreeSet<&str>) {
    for analysis in analyses {
        let Some(doc) = corpus.get(&analysis.doc) else { continue };
        let is_checked = checked.contains(analysis.doc.as_str());
        for report in &analysis.claims {
            let claim = &report.claim;
            let sentence = doc.sentence_span(claim.sentence);
            for (part, target) in report.targets.iter().enumerate() {
                let label = match &claim.kind {
                    ClaimKind::Figure(figure) => figure.measures.get(part).map(|m| (Topic::Figures, m.describe())),
                    ClaimKind::Control(control) => Some((Topic::Control, format!("control of {}", control.place))),
                    // A quotation's row is its words; who spoke them is told in its findings.
                    ClaimKind::Quote(_) if part > 0 => None,
                    ClaimKind::Quote(quote) => Some((
                        Topic::Quotes,
                        quote.speaker.as_ref().map_or_else(|| "a quotation".to_string(), |s| format!("quoting {s}")),
                    )),
                    ClaimKind::Date(_) => Some((Topic::Dates, "date".to_string())),
                    ClaimKind::Role(role) => Some((Topic::Roles, format!("role of {}", role.person()))),
                    ClaimKind::Name(_) => Some((Topic::Names, "name in a fact".to_string())),
                    ClaimKind::Stance(_) => None,
                    ClaimKind::Statement => None,
                };
                let Some((topic, what)) = label else { continue };
                let key = (doc.id.clone(), target.span.start, target.span.end);
                let statement = Statement {
                    text: target.text.clone(),
                    line: doc.line_number(target.span.start),
                    sentence: sentence.slice(&doc.text).to_string(),
                    in_sentence: Span::new(
                        target.span.start.saturating_sub(sentence.start),
                        target.span.end.saturating_sub(sentence.start),
                    ),
                    party: claim.attribution.as_ref().map(|a| a.party.clone()),
                };
                let node = graph.node(key, || Node {
                    doc: doc.id.clone(),
                    statement: statement.clone(),
                    label: None,
                    order: (!is_checked, target.span.start, target.span.end),
                });
                if graph.nodes[node].label.is_none() {
                    graph.nodes[node].label = Some((topic, what, claim.subject.describe()));
                    graph.nodes[node].statement = statement;
                }
                // Another name beside ours is too often another part of the fact: a name's
                // contradictions count only where the verdict reports a name conflict.
                let contradictions = !matches!(claim.kind, ClaimKind::Name(_))
                    || analysis.findings.iter().any(|f| f.code == Code::NameConflict && f.span == target.span);
                let bearing = |p: &&Passage| match p.relation {
                    Relation::Related => false,
                    Relation::Contradicts => contradictions,
                    Relation::Supports | Relation::Updates => true,
                };
                for passage in target.evidence.iter().filter(bearing) {
                    let key = (passage.doc.clone(), passage.span.start, passage.span.end);
                    let other = graph.node(key, || Node {
                        doc: passage.doc.clone(),
                        statement: Statement {
                            text: passage.matched.clone(),
                            line: passage.line,
                            sentence: passage.sentence_text.clone(),
                            in_sentence: passage.match_in_sentence(),
                            party: passage.party.clone(),
                        },
                        label: None,
                        order: (!checked.contains(passage.doc.as_str()), passage.span.start, passage.span.end),
                    });
                    graph.join(node, other, passage.relation);
                }
            }
        }
    }
}

/// The other documents that back, contradict and update one statement.
type Backing<'a> = (BTreeSet<&'a str>, BTreeSet<&'a str>, BTreeSet<&'a str>);

fn row(graph: &Graph, members: &[usize], columns: &[Column], column_of: &HashMap<&str, usize>) -> Option<Row> {
    let member_set: BTreeSet<usize> = members.iter().copied().collect();
    let (topic, what, about) = members
        .iter()
        .filter_map(|&m| graph.nodes[m].label.clone().map(|label| (graph.nodes[m].order, label)))
        .min_by_key(|(order, _)| *order)
        .map(|(_, label)| label)?;
    let docs: BTreeSet<&str> = members.iter().map(|&m| graph.nodes[m].doc.as_str()).collect();
    let edges: Vec<&(usize, usize, Relation)> =
        graph.edges.iter().filter(|(a, b, _)| member_set.contains(a) && member_set.contains(b)).collect();
    // Per statement: the other documents that back it, contradict it, or update it.
    let mut backing: BTreeMap<usize, Backing> = BTreeMap::new();
    for &&(a, b, relation) in &edges {
        let (x, y) = (graph.nodes[a].doc.as_str(), graph.nodes[b].doc.as_str());
        if x == y {
            continue;
        }
        for (node, other) in [(a, y), (b, x)] {
            let entry = backing.entry(node).or_default();
            match relation {
                Relation::Supports => entry.0.insert(other),
                Relation::Contradicts => entry.1.insert(other),
                Relation::Updates => entry.2.insert(other),
                Relation::Related => false,
            };
        }
    }
    let single = docs.len() < 2;
    // A statement more sources contradict than back is in conflict; a cell is as its most
    // pressing statement.
    let statement_verdict = |node: usize| {
        let (supporters, contradictors, updaters) = backing.get(&node).cloned().unwrap_or_default();
        if single {
            Verdict::SingleSource
        } else if contradictors.len() > supporters.len() {
            Verdict::Conflict
        } else if !updaters.is_empty() && supporters.is_empty() {
            Verdict::Update
        } else {
            Verdict::Agree
        }
    };
    let mut cells: Vec<Cell> = columns.iter().map(|_| Cell { statements: Vec::new(), verdict: None }).collect();
    let mut ordered: Vec<usize> = members.to_vec();
    ordered.sort_by_key(|&m| graph.nodes[m].order);
    for m in ordered {
        let node = &graph.nodes[m];
        let Some(&column) = column_of.get(node.doc.as_str()) else { continue };
        let cell = &mut cells[column];
        if !cell.statements.iter().any(|s| s.text == node.statement.text && s.line == node.statement.line) {
            cell.statements.push(node.statement.clone());
        }
        let verdict = statement_verdict(m);
        cell.verdict = Some(cell.verdict.map_or(verdict, |v| v.min(verdict)));
    }
    let verdict = if single {
        Verdict::SingleSource
    } else if edges.iter().any(|(_, _, r)| *r == Relation::Contradicts) {
        Verdict::Conflict
    } else if edges.iter().any(|(_, _, r)| *r == Relation::Updates) {
        Verdict::Update
    } else {
        Verdict::Agree
    };
    Some(Row { topic, what, about, verdict, cells })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::corpus::test_corpus;

    fn matrix(draft: &str, sources: &[&str]) -> Matrix {
        let corpus = test_corpus(draft, sources);
        let analysis = analyze_with(&corpus, "draft", Options::default()).expect("analysed");
        build(&corpus, &[&analysis], Options::default())
    }

    fn cell_texts(row: &Row) -> Vec<Option<(String, Verdict)>> {
        row.cells.iter().map(|c| c.statements.first().map(|s| (s.text.clone(), c.verdict.expect("stated")))).collect()
    }

    #[test]
    fn a_figure_row_shows_each_source_value_and_who_is_the_odd_one_out() {
        let m = matrix(
            "Russian forces occupy 30 per cent of Ukraine.",
            &[
                "Russian forces control a fifth of Ukraine, officials said.",
                "Russian forces control more than 19 per cent of Ukraine.",
            ],
        );
        let names: Vec<&str> = m.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["draft.txt", "s0.txt", "s1.txt"], "the checked file first");
        let row = m.rows.iter().find(|r| r.topic == Topic::Figures).expect("a figure row");
        assert_eq!(row.verdict, Verdict::Conflict);
        assert!(row.what.starts_with("share of"), "{}", row.what);
        assert_eq!(
            cell_texts(row),
            vec![
                Some(("30 per cent".to_string(), Verdict::Conflict)),
                Some(("a fifth".to_string(), Verdict::Agree)),
                Some(("more than 19 per cent".to_string(), Verdict::Agree)),
            ],
            "the sources back each other; the draft is the one in conflict"
        );
    }

    #[test]
    fn a_name_is_in_conflict_only_where_the_checker_reports_it() {
        let draft = "Marlow was rushed by paramedics to Lenox Hill Hospital, where she died.";
        let source = "Marlow was rushed by paramedics from her home to Mount Sinai Hospital, where she died.";
        let hospital = |m: &Matrix| {
            m.rows
                .iter()
                .find(|r| {
                    r.topic == Topic::Names && r.cells[0].statements.iter().any(|s| s.text == "Lenox Hill Hospital")
                })
                .map(|r| r.verdict)
        };
        // One source names another hospital: the checker leaves it to the hover, and so does the report.
        assert_ne!(hospital(&matrix(draft, &[source])), Some(Verdict::Conflict));
        // Two sources agree on another hospital: a name conflict, in the checker and in the report.
        assert_eq!(hospital(&matrix(draft, &[source, source])), Some(Verdict::Conflict));
    }

    #[test]
    fn claims_no_other_source_states_are_single_source_rows() {
        let m = matrix("The storm killed 42 people in Marlow on Tuesday.", &["Officials praised the rescue teams."]);
        assert!(!m.rows.is_empty());
        assert!(m.rows.iter().all(|r| r.verdict == Verdict::SingleSource), "{:?}", m.rows);
        assert_eq!(m.columns.len(), 1, "a source that states nothing of it is no column");
    }
}
