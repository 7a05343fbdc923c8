//! Text primitives of the engine: byte spans, the line index, sentence splitting and words.
//! Everything here speaks byte offsets into one document's text; nothing knows about editors.

pub mod calendar;
pub mod char_class;
mod line_index;
mod pattern;
pub mod remembered;
mod sentences;
mod words;

pub use line_index::LineIndex;
pub use pattern::Pattern;
pub use sentences::{line_sentences, split_sentences, Sentence};
pub use words::{first_words, is_stopword, stem, with_lowercase, with_stem, with_to_lowercase, words, Word};

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Like `contains`, but also true at the end offset, as a cursor right after a word still "touches" it.
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn shift(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The span moved by `delta` bytes either way; `None` if that would leave the offsets.
    pub fn moved_by(&self, delta: isize) -> Option<Span> {
        Some(Span::new(self.start.checked_add_signed(delta)?, self.end.checked_add_signed(delta)?))
    }

    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text of this span, or "" when the span does not fall on character boundaries of `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}
