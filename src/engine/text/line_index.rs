//! Line starts of a text, for turning byte offsets into 0-based lines and byte columns.
//! Line breaks are `\n`, `\r\n` and a lone `\r`, as in LSP (and ropey built with `cr_lines`).
//! Offsets out of range are clamped, never rejected.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first character of each line; always starts with 0.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        // The `\n` of a `\r\n`, which ends no second line.
        let mut paired = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if paired == Some(i) {
                continue;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                paired = Some(i + 1);
                line_starts.push(i + 2);
            } else {
                line_starts.push(i + 1);
            }
        }
        LineIndex { line_starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding `offset` (clamped to the text) and the byte column within it.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        (line, offset - self.line_starts[line])
    }

    /// The byte range of a 0-based line without its line break; a line past the end is clamped to the last.
    pub fn line_span(&self, text: &str, line: usize) -> super::Span {
        let line = line.min(self.line_starts.len() - 1);
        let start = self.line_starts[line];
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n') | Some(b'\r')) {
            end -= 1;
        }
        super::Span::new(start, end)
    }

    /// The 1-based column of `offset` counted in Unicode scalar values, as terminals and compilers print it.
    pub fn char_column(&self, text: &str, offset: usize) -> usize {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts[line];
        let mut end = offset.min(text.len());
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        text.get(start..end).map_or(0, |s| s.chars().count()) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_after_each_line_end_of_any_kind() {
        let pieces = ["a", "\n", "\r", "\r\n", "\n\r", "é", " "];
        let mut rolls = crate::engine::rolls::Rolls::new(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..500 {
            let mut text = String::new();
            for _ in 0..12 {
                text.push_str(pieces[rolls.below(pieces.len())]);
            }
            // One byte at a time, as a line end is read.
            let bytes = text.as_bytes();
            let mut expected = vec![0];
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                if matches!(bytes[i], b'\n' | b'\r') {
                    expected.push(i + 1);
                }
                i += 1;
            }
            assert_eq!(LineIndex::new(&text).line_starts, expected, "{text:?}");
        }
    }

    #[test]
    fn splits_on_every_line_break_kind() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(0), (0, 0));
        assert_eq!(index.line_col(2), (1, 0));
        assert_eq!(index.line_col(5), (2, 0));
        assert_eq!(index.line_col(7), (3, 0));
        assert_eq!(index.line_span(text, 1).slice(text), "b");
    }

    #[test]
    fn clamps_offsets_past_the_end() {
        let index = LineIndex::new("ab\ncd");
        assert_eq!(index.line_col(99), (1, 2));
        assert_eq!(index.line_span("ab\ncd", 99).slice("ab\ncd"), "cd");
    }

    #[test]
    fn char_columns_count_scalars_not_bytes() {
        let text = "— “x” ’y";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(index.char_column(text, y), 8);
        assert_eq!(index.char_column(text, 1), 1, "inside a character rounds down");
    }
}
