//! Open documents: the buffer text in a rope, its version, and a generation that moves on with
//! every edit so that stale analyses can be recognised and dropped.

use super::position::{self, Encoding};
use ropey::Rope;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

#[derive(Debug)]
pub struct OpenDocument {
    /// The URI as the client sent it; diagnostics are published to it.
    pub uri: Url,
    pub rope: Rope,
    pub version: i32,
    pub generation: u64,
}

impl OpenDocument {
    pub fn new(uri: Url, text: &str, version: i32, generation: u64) -> OpenDocument {
        OpenDocument { uri, rope: Rope::from_str(text), version, generation }
    }

    /// Applies the client's changes in order: a change without a range replaces the whole text;
    /// ranges out of bounds are clamped and reversed ranges are put in order.
    pub fn apply(&mut self, changes: &[TextDocumentContentChangeEvent], encoding: Encoding) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let a = position::rope_char(&self.rope, range.start, encoding);
                    let b = position::rope_char(&self.rope, range.end, encoding);
                    let (start, end) = (a.min(b), a.max(b));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(start.0, start.1), end: Position::new(end.0, end.1) }),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn applies_incremental_edits_in_order_with_utf16_columns() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let mut doc = OpenDocument::new(uri, "😀 “30” per cent\nnext", 1, 1);
        // "30" starts at UTF-16 column 4: the emoji is two units, then a space and a quote.
        doc.apply(&[change((0, 4), (0, 6), "20"), change((1, 0), (1, 4), "last")], Encoding::Utf16);
        assert_eq!(doc.text(), "😀 “20” per cent\nlast");
    }

    #[test]
    fn clamps_out_of_range_edits() {
        let uri = Url::parse("file:///a.txt").unwrap();
        let mut doc = OpenDocument::new(uri, "abc", 1, 1);
        doc.apply(&[change((0, 99), (7, 0), "!")], Encoding::Utf16);
        assert_eq!(doc.text(), "abc!");
        doc.apply(&[change((0, 2), (0, 1), "")], Encoding::Utf8);
        assert_eq!(doc.text(), "ac!");
    }
}
