//! The position layer and incremental edits: an edit script decoded from the input is applied
//! through the server's document code (`OpenDocument::apply`) and through a plain `String` with
//! the clamping the position layer documents (a line past the end is the end of the text, a
//! column past a line's end is the line's end, a column inside a character rounds down to its
//! start, a reversed range is put in order); both texts must be equal after every edit, in UTF-8
//! and UTF-16. Byte offsets and positions must round-trip on the text before and after the edits.
//!
//! Input: the initial text up to the first 0x00 byte, then edits of six bytes (kind, start line,
//! start column, end line, end column, length of the new text) each followed by the new text.

#![no_main]

use crosscheck::engine::text::LineIndex;
use crosscheck::server::fuzzing::{offset, position, rope_char, OpenDocument};
use crosscheck::server::Encoding;
use libfuzzer_sys::fuzz_target;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// How many offsets of a text are round-tripped: every character of a short text, evenly spread
/// ones of a long text (each check reads the whole text).
const ROUND_TRIPS: usize = 24;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let initial = String::from_utf8_lossy(&data[..split]).into_owned();
    let script = data.get(split + 1..).unwrap_or_default();
    let edits = decode(script);
    for encoding in [Encoding::Utf8, Encoding::Utf16] {
        let uri = Url::parse("file:///fuzz/a.txt").expect("a URI");
        let mut document = OpenDocument::new(uri, &initial, 1, 1);
        let mut expected = initial.clone();
        check_positions(&expected, encoding);
        for (i, edit) in edits.iter().enumerate() {
            // The position layer reads the edit's ends as the reference does.
            if let Some(range) = edit.range {
                let lines = LineIndex::new(&expected);
                for at in [range.start, range.end] {
                    let read = offset(&expected, &lines, at, encoding);
                    assert_eq!(read, reference_offset(&expected, at, encoding), "{at:?} in {expected:?}");
                }
            }
            // One change at a time, and the same changes again as one batch below.
            document.apply(std::slice::from_ref(edit), encoding);
            reference_apply(&mut expected, edit, encoding);
            assert_eq!(document.text(), expected, "after edit {i} {edit:?} in {encoding:?}");
        }
        check_positions(&expected, encoding);
        let uri = Url::parse("file:///fuzz/a.txt").expect("a URI");
        let mut batched = OpenDocument::new(uri, &initial, 1, 1);
        batched.apply(&edits, encoding);
        assert_eq!(batched.text(), expected, "the edits as one batch in {encoding:?}");
    }
});

fn decode(mut script: &[u8]) -> Vec<TextDocumentContentChangeEvent> {
    let mut edits = Vec::new();
    while script.len() >= 6 && edits.len() < 64 {
        let (head, rest) = script.split_at(6);
        let length = usize::from(head[5]).min(rest.len());
        let text = String::from_utf8_lossy(&rest[..length]).into_owned();
        script = &rest[length..];
        let range = (head[0] % 16 != 0).then(|| Range {
            start: Position::new(number(head[1]), number(head[2])),
            end: Position::new(number(head[3]), number(head[4])),
        });
        edits.push(TextDocumentContentChangeEvent { range, range_length: None, text });
    }
    edits
}

/// Small numbers as they are; the top of the byte range for positions far out of range.
fn number(byte: u8) -> u32 {
    match byte {
        0..=239 => u32::from(byte),
        240..=247 => 1000 * u32::from(byte - 239),
        248..=251 => u32::MAX - u32::from(byte - 248),
        _ => i32::MAX as u32 + u32::from(byte - 252),
    }
}

/// Line starts of `text`: after `\n`, `\r\n` and a lone `\r`, as LSP counts lines.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            starts.push(i + 1);
        }
        i += 1;
    }
    starts
}

/// The byte offset of `at` in `text`, clamped as documented, computed without the server's code.
fn reference_offset(text: &str, at: Position, encoding: Encoding) -> usize {
    let starts = line_starts(text);
    let line = at.line as usize;
    if line >= starts.len() {
        return text.len();
    }
    let start = starts[line];
    let mut end = starts.get(line + 1).copied().unwrap_or(text.len());
    while end > start && matches!(text.as_bytes()[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let mut units = 0u64;
    for (at_byte, c) in text[start..end].char_indices() {
        let width = match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        } as u64;
        if units + width > u64::from(at.character) {
            return start + at_byte;
        }
        units += width;
    }
    end
}

fn reference_apply(text: &mut String, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text.clone(),
        Some(range) => {
            let a = reference_offset(text, range.start, encoding);
            let b = reference_offset(text, range.end, encoding);
            text.replace_range(a.min(b)..a.max(b), &change.text);
        }
    }
}

/// Offsets → positions → offsets on the characters of `text`, positions as the reference reads
/// them, and the rope's view of the same positions.
fn check_positions(text: &str, encoding: Encoding) {
    let lines = LineIndex::new(text);
    let end = position(text, &lines, text.len(), encoding);
    assert_eq!(offset(text, &lines, end, encoding), text.len(), "the end of {text:?}");
    let rope = Rope::from_str(text);
    let step = text.chars().count() / ROUND_TRIPS + 1;
    for (at, _) in text.char_indices().step_by(step).chain([(text.len(), ' ')]) {
        let pos = position(text, &lines, at, encoding);
        let back = offset(text, &lines, pos, encoding);
        assert_eq!(back, reference_offset(text, pos, encoding), "{pos:?} in {text:?}");
        assert_eq!(rope.char_to_byte(rope_char(&rope, pos, encoding)), back, "the rope at {pos:?} in {text:?}");
        // A line break has no position of its own: it reads as the end of its line.
        let in_break = text[at..].starts_with(['\n', '\r']);
        if !in_break {
            assert_eq!(back, at, "{at} → {pos:?} in {text:?}");
        }
        for nudge in [1, 2, 1000] {
            let past = Position::new(pos.line, pos.character.saturating_add(nudge));
            assert_eq!(
                offset(text, &lines, past, encoding),
                reference_offset(text, past, encoding),
                "{past:?} in {text:?}"
            );
        }
    }
}
