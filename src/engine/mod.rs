//! The pure core of crosscheck: text, claim extraction, the corpus and its index, reconciliation
//! and the one analysis entry point. It knows nothing of LSP, files or the terminal, and never panics
//! on input text.

pub mod align;
pub mod analysis;
pub mod claim;
pub mod concepts;
pub mod consensus;
pub mod corpus;
pub mod entities;
pub mod extract;
pub mod finding;
pub mod fixes;
pub mod interned;
pub mod lexicon;
pub mod matrix;
mod memo;
pub mod names;
pub mod orgs;
pub mod reconcile;
#[cfg(test)]
pub(crate) mod rolls;
mod sentence_keys;
mod spelling;
mod tally;
pub mod text;
pub mod titles;
mod verdict;
pub mod wordlists;

pub use analysis::{
    analyze, analyze_incrementally, analyze_until, analyze_with, ClaimReport, DocumentAnalysis, Options, Target,
};
pub use corpus::{Corpus, DocId, Prepared, ReadBack, SourceDoc};
pub use finding::{Code, Finding, Passage, Severity};
pub use reconcile::{Relation, Tolerance};
