//! What the analysis reports: findings with a severity and rule code, and the passages of other
//! sources that back or contradict a claim.

use super::corpus::DocId;
use super::reconcile::Relation;
use super::text::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Rule codes. Every code the product documents is listed here, whether or not a rule emits it yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    FigureConflict,
    DateConflict,
    Misquote,
    ControlDisputed,
    RoleConflict,
    NameConflict,
    PolarityConflict,
    ClaimDisputed,
    NameVariant,
    SingleSource,
}

impl Code {
    pub const ALL: [Code; 10] = [
        Code::FigureConflict,
        Code::DateConflict,
        Code::Misquote,
        Code::ControlDisputed,
        Code::RoleConflict,
        Code::NameConflict,
        Code::PolarityConflict,
        Code::ClaimDisputed,
        Code::NameVariant,
        Code::SingleSource,
    ];

    /// What the rule flags, in one sentence (for rule listings: SARIF, the report).
    pub fn describe(self) -> &'static str {
        match self {
            Code::FigureConflict => {
                "A figure that meets none of the other sources' figures for the same measured subject."
            }
            Code::DateConflict => "A date for an event that the other sources date differently.",
            Code::Misquote => {
                "A direct quotation worded differently from how the other sources give the same words, or attributed to another person than they name."
            }
            Code::ControlDisputed => "A claim about who controls a place that other sources contradict.",
            Code::RoleConflict => "A person's role or relation that cannot be true along with what the sources say.",
            Code::NameConflict => {
                "A place, organisation, person or nationality in a fact that the other sources name otherwise."
            }
            Code::PolarityConflict => {
                "A fact stated the other way round from the sources: affirmed where they negate it, an action they report stopped, a finding they leave open."
            }
            Code::ClaimDisputed => {
                "A claim stated as fact that the sources report as one party's claim and another's denial."
            }
            Code::NameVariant => "A name spelt two ways in one article, or differently from the other sources.",
            Code::SingleSource => "A figure, date, control claim or quotation that no other source states.",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::FigureConflict => "figure-conflict",
            Code::DateConflict => "date-conflict",
            Code::Misquote => "misquote",
            Code::ControlDisputed => "control-disputed",
            Code::RoleConflict => "role-conflict",
            Code::NameConflict => "name-conflict",
            Code::PolarityConflict => "polarity-conflict",
            Code::ClaimDisputed => "claim-disputed",
            Code::NameVariant => "name-variant",
            Code::SingleSource => "single-source",
        }
    }
}

/// A passage of another source about the same thing as a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Passage {
    pub doc: DocId,
    /// The source's file name.
    pub name: String,
    /// 1-based line of the matching part.
    pub line: usize,
    /// The matching part in the source (their figure, their control statement).
    pub span: Span,
    pub matched: String,
    /// The sentence the matching part sits in.
    pub sentence: Span,
    pub sentence_text: String,
    pub relation: Relation,
    /// Who the source says asserts it; `None` when the source states it as fact.
    pub party: Option<String>,
    /// The source's position in plain words, where the matched text alone would mislead
    /// (a denial: "Russia does not control all of Pokrovsk").
    pub position: Option<String>,
    /// What the source states in the compared slot, normalised, to tell whether the sources
    /// that contradict a claim agree with each other.
    #[serde(skip)]
    pub value: Option<SlotValue>,
    /// The source's own date, where it gives one: a later report may update an earlier one.
    #[serde(skip)]
    pub published: Option<super::claim::DateValue>,
}

/// A slot's value as compared across sources.
#[derive(Clone, Debug, PartialEq)]
pub enum SlotValue {
    /// A figure's interval in its dimension's base unit.
    Interval(f64, f64),
    Date(super::claim::DateValue),
    /// Words, normalised (a name, a title, a quotation).
    Text(String),
    /// A person, as a source names them in full ("Najib Razak").
    Person(String),
}

impl SlotValue {
    /// Two sources state the same value: intervals that meet, equal dates, equal words.
    pub fn agrees_with(&self, other: &SlotValue) -> bool {
        match (self, other) {
            (SlotValue::Interval(a, b), SlotValue::Interval(c, d)) => {
                let (low, high) = (a.max(*c), b.min(*d));
                low < high || (low == high && (a == b || c == d))
            }
            (SlotValue::Date(x), SlotValue::Date(y)) => {
                let parts = [
                    (x.year.map(u32::from), y.year.map(u32::from)),
                    (x.month.map(u32::from), y.month.map(u32::from)),
                    (x.day.map(u32::from), y.day.map(u32::from)),
                    (x.weekday.map(u32::from), y.weekday.map(u32::from)),
                ];
                parts.iter().all(|(p, q)| p.zip(*q).is_none_or(|(p, q)| p == q))
            }
            (SlotValue::Text(a), SlotValue::Text(b)) => a == b,
            (SlotValue::Person(a), SlotValue::Person(b)) => super::names::same_person(a, b),
            _ => false,
        }
    }
}

impl Passage {
    /// The passage at `span` of `doc`, in the sentence `sentence`, stated as fact.
    pub fn at(doc: &super::corpus::SourceDoc, span: Span, sentence: Span, relation: Relation) -> Passage {
        Passage {
            doc: doc.id.clone(),
            name: doc.name.clone(),
            line: doc.line_number(span.start),
            span,
            matched: span.slice(&doc.text).to_string(),
            sentence,
            sentence_text: sentence.slice(&doc.text).to_string(),
            relation,
            party: None,
            position: None,
            value: None,
            published: doc.extraction.published,
        }
    }

    pub fn cite(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// The sentence with byte offsets of the matching part relative to the sentence start.
    pub fn match_in_sentence(&self) -> Span {
        let start = self.span.start.saturating_sub(self.sentence.start).min(self.sentence_text.len());
        let end = self.span.end.saturating_sub(self.sentence.start).min(self.sentence_text.len());
        Span::new(start, end)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub span: Span,
    /// The flagged text.
    pub text: String,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub related: Vec<Passage>,
}
