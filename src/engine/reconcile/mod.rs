//! Reconciliation: whether two claims from different articles are about the same thing, and if
//! so whether they agree. Precision first: when alignment is uncertain, claims are not compared.

mod control;
mod dates;
mod figures;
mod quotes;
mod roles;
mod statements;

use super::claim::{Claim, ClaimKind};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    Supports,
    Contradicts,
    /// The other figure is the same quantity before or after a change one source reports.
    Updates,
}

impl Relation {
    /// How a passage is introduced under a finding: "contradicted by 001.txt:14".
    pub fn introduce(self) -> &'static str {
        match self {
            Relation::Supports => "supported by",
            Relation::Contradicts => "contradicted by",
            Relation::Updates => "updated by",
        }
    }
}

/// How one part of our claim relates to one part of theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Index of our measure (figures) or 0 (control claims).
    pub ours: usize,
    /// Index of their measure, or 0.
    pub theirs: usize,
    pub relation: Relation,
}

/// How far apart two statements of a figure or a date may be and still agree, beyond what their
/// wording allows ("about", "more than"). A project setting; zero by default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tolerance {
    /// A fraction: 0.1 lets figures within 10% of each other agree.
    pub figures: f64,
    /// Days: 1 lets "Monday" and "Tuesday" agree (time zones, datelines).
    pub days: u32,
}

pub fn compare(ours: &Claim, theirs: &Claim, tolerance: Tolerance) -> Vec<Comparison> {
    match (&ours.kind, &theirs.kind) {
        (ClaimKind::Figure(a), ClaimKind::Figure(b)) => figures::compare(ours, a, theirs, b, tolerance.figures),
        (ClaimKind::Control(a), ClaimKind::Control(b)) => {
            control::compare(a, b).map(|relation| vec![Comparison { ours: 0, theirs: 0, relation }]).unwrap_or_default()
        }
        (ClaimKind::Date(a), ClaimKind::Date(b)) => dates::compare(ours, a, theirs, b, tolerance.days)
            .map(|relation| vec![Comparison { ours: 0, theirs: 0, relation }])
            .unwrap_or_default(),
        (ClaimKind::Role(a), ClaimKind::Role(b)) => {
            roles::compare(a, b).map(|relation| vec![Comparison { ours: 0, theirs: 0, relation }]).unwrap_or_default()
        }
        (ClaimKind::Quote(a), ClaimKind::Quote(b)) => {
            quotes::compare(a, b).map(|relation| vec![Comparison { ours: 0, theirs: 0, relation }]).unwrap_or_default()
        }
        (ClaimKind::Statement, ClaimKind::Statement) => statements::compare(&ours.subject, &theirs.subject)
            .map(|relation| vec![Comparison { ours: 0, theirs: 0, relation }])
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub use control::describe as describe_control;
