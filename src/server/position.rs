//! The one place where byte offsets meet LSP positions. The encoding (UTF-8 when the client offers
//! it, else UTF-16) is negotiated at `initialize`; positions past a line's end or the document's end
//! are clamped, never rejected, and a column inside a character rounds down to its start.

use crate::engine::text::{LineIndex, Span};
use ropey::Rope;
use tower_lsp::lsp_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    pub fn negotiate(capabilities: &ClientCapabilities) -> Encoding {
        let offered = capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Byte column within `line` of an encoded column; past the end clamps to the line's end.
fn byte_column(line: &str, column: u32, encoding: Encoding) -> usize {
    let column = column as usize;
    match encoding {
        Encoding::Utf8 => {
            let mut at = column.min(line.len());
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            at
        }
        Encoding::Utf16 => {
            let mut units = 0;
            for (at, c) in line.char_indices() {
                if units + c.len_utf16() > column {
                    return at;
                }
                units += c.len_utf16();
            }
            line.len()
        }
    }
}

/// Encoded column of a byte column within `line`.
fn encoded_column(line: &str, byte: usize, encoding: Encoding) -> u32 {
    let mut byte = byte.min(line.len());
    while !line.is_char_boundary(byte) {
        byte -= 1;
    }
    let units = match encoding {
        Encoding::Utf8 => byte,
        Encoding::Utf16 => line[..byte].chars().map(char::len_utf16).sum(),
    };
    u32::try_from(units).unwrap_or(u32::MAX)
}

pub fn position(text: &str, lines: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let (line, _) = lines.line_col(offset);
    let line_span = lines.line_span(text, line);
    let byte = offset.min(text.len()).saturating_sub(line_span.start);
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: encoded_column(line_span.slice(text), byte, encoding),
    }
}

pub fn range(text: &str, lines: &LineIndex, span: Span, encoding: Encoding) -> Range {
    Range { start: position(text, lines, span.start, encoding), end: position(text, lines, span.end, encoding) }
}

/// Byte offset of an LSP position in `text`; a line past the end clamps to the end of the text.
pub fn offset(text: &str, lines: &LineIndex, at: Position, encoding: Encoding) -> usize {
    let line = at.line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let line_span = lines.line_span(text, line);
    line_span.start + byte_column(line_span.slice(text), at.character, encoding)
}

/// Char index into `rope` of an LSP position, for applying edits; clamped like `offset`.
pub fn rope_char(rope: &Rope, at: Position, encoding: Encoding) -> usize {
    let line = at.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    // The line's text up to its end, copied a chunk of the rope at a time.
    let mut line_text = String::new();
    for chunk in rope.line(line).chunks() {
        match chunk.find(['\n', '\r']) {
            Some(end) => {
                line_text.push_str(&chunk[..end]);
                break;
            }
            None => line_text.push_str(chunk),
        }
    }
    let byte = byte_column(&line_text, at.character, encoding);
    line_start + line_text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ab\n— “x” ’y 😀z\r\nlast";

    fn round_trip(encoding: Encoding) {
        let lines = LineIndex::new(TEXT);
        for (offset, _) in TEXT.char_indices() {
            let pos = position(TEXT, &lines, offset, encoding);
            if TEXT[offset..].starts_with('\n') || TEXT[offset..].starts_with("\r\n") {
                continue;
            }
            assert_eq!(super::offset(TEXT, &lines, pos, encoding), offset, "at {offset} {encoding:?}");
        }
    }

    #[test]
    fn round_trips_every_character_in_both_encodings() {
        round_trip(Encoding::Utf8);
        round_trip(Encoding::Utf16);
    }

    #[test]
    fn a_rope_position_is_the_character_before_which_it_stands_in_its_line() {
        let long_line = "word ".repeat(400);
        let text = format!("{TEXT}\n{long_line}é\r\n\n{long_line}");
        let rope = Rope::from_str(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for line in 0..rope.len_lines() + 1 {
                for character in (0..2_100).step_by(7) {
                    let at = Position { line: line as u32, character };
                    let expected = if line >= rope.len_lines() {
                        rope.len_chars()
                    } else {
                        let line_text: String =
                            rope.line(line).chars().take_while(|c| *c != '\n' && *c != '\r').collect();
                        let byte = byte_column(&line_text, character, encoding);
                        rope.line_to_char(line) + line_text[..byte].chars().count()
                    };
                    assert_eq!(rope_char(&rope, at, encoding), expected, "{at:?} {encoding:?}");
                }
            }
        }
    }

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        let lines = LineIndex::new(TEXT);
        let z = TEXT.find('z').unwrap();
        assert_eq!(position(TEXT, &lines, z, Encoding::Utf16), Position { line: 1, character: 11 });
        assert_eq!(position(TEXT, &lines, z, Encoding::Utf8), Position { line: 1, character: 21 });
    }

    #[test]
    fn clamps_positions_out_of_range() {
        let lines = LineIndex::new(TEXT);
        assert_eq!(offset(TEXT, &lines, Position { line: 0, character: 99 }, Encoding::Utf16), 2);
        assert_eq!(offset(TEXT, &lines, Position { line: 99, character: 0 }, Encoding::Utf16), TEXT.len());
        // Inside the surrogate pair of the emoji: rounds down to the emoji's start.
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(offset(TEXT, &lines, Position { line: 1, character: 10 }, Encoding::Utf16), emoji);
        // Inside the three bytes of the em dash: rounds down to the start of the line.
        assert_eq!(offset(TEXT, &lines, Position { line: 1, character: 1 }, Encoding::Utf8), 3);
    }

    #[test]
    fn rope_positions_agree_with_text_positions() {
        let rope = Rope::from_str(TEXT);
        let lines = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            for (offset, _) in TEXT.char_indices() {
                let pos = position(TEXT, &lines, offset, encoding);
                if TEXT[offset..].starts_with(['\n', '\r']) {
                    continue;
                }
                assert_eq!(rope.char_to_byte(rope_char(&rope, pos, encoding)), offset);
            }
        }
        assert_eq!(rope_char(&rope, Position { line: 40, character: 3 }, Encoding::Utf16), rope.len_chars());
    }
}
