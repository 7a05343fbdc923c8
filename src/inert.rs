//! Untrusted text made inert where it is shown. Article text and file names come from anyone: a
//! wire copied from the web, a file named by a stranger. Shown raw they could drive a terminal
//! (escape sequences clear the screen, retitle the window, hide a link), start a GitHub Actions
//! workflow command (`::error::…` at the start of a line, `##[…]` anywhere in one), or read
//! otherwise than they are written (bidirectional overrides). Every place that prints such text
//! to a terminal, a CI log or an editor goes through one of these; the Markdown of hovers and the
//! HTML of the report have their own escaping on top (`server::hover`, `check::report`).

use std::borrow::Cow;

/// Text on one line, as it reads: line breaks, tabs and the other spacing controls (VT, FF, NEL,
/// U+2028, U+2029) become spaces; every other control character (C0, DEL, C1, so ESC and the
/// one-byte CSI U+009B too) and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) become visible escapes such as `\u{1b}`. Nothing in the result
/// moves the cursor, starts a line, sends a terminal sequence or reorders what follows it.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !has_spacing_or_hidden(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_spacing(c) {
            out.push(' ');
        } else if is_hidden(c) {
            out += &format!("\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `one_line`, and the legacy workflow-command prefix `##[` broken to `##\[`: the GitHub Actions
/// runner reads `##[command]data` anywhere in a line of a step's output or errors, not only at its
/// start. For the human and GitHub formats and messages on standard error.
pub fn log_line(text: &str) -> Cow<'_, str> {
    let line = one_line(text);
    if line.contains(LEGACY_COMMAND) {
        Cow::Owned(line.replace(LEGACY_COMMAND, "##\\["))
    } else {
        line
    }
}

/// Serialised JSON made as inert as `log_line` without changing what it says: C1 controls and the
/// bidirectional controls (which serde_json writes raw) become `\u` escapes, and `##[` becomes
/// `#\u0023[`. Only for serde_json's output, where these characters occur inside strings alone.
pub fn log_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_hidden) && !json.contains(LEGACY_COMMAND) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden(c) {
            out += &format!("\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out.replace(LEGACY_COMMAND, "#\\u0023["))
}

/// `log_line` on each part of a line shown in pieces (before, marked, after), adjusted so that the
/// pieces put together do not form `##[` either.
pub fn log_parts(parts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut line = String::new();
    for part in parts {
        let mut part = log_line(part).into_owned();
        if (line.ends_with("##") && part.starts_with('[')) || (line.ends_with('#') && part.starts_with("#[")) {
            let at = part.find('[').unwrap_or(0);
            part.insert(at, '\\');
        }
        line += &part;
        out.push(part);
    }
    out
}

const LEGACY_COMMAND: &str = "##[";

/// Whether `text` holds a character that `is_spacing` or `is_hidden` names, told from its UTF-8
/// bytes: every passage of every diagnostic is asked on every keystroke. Those characters are
/// the C0 controls and DEL (one byte), the C1 controls (`C2 80`–`C2 9F`), U+2028–U+202E
/// (`E2 80 A8`–`E2 80 AE`) and U+2066–U+2069 (`E2 81 A6`–`E2 81 A9`).
fn has_spacing_or_hidden(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| match byte {
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// Characters that move to another line or column: shown as a space.
fn is_spacing(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Controls that are not spacing, and the bidirectional controls: shown as an escape.
fn is_hidden(c: char) -> bool {
    (c.is_control() && !is_spacing(c)) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_what_the_character_tests_name() {
        let by_character = |text: &str| text.chars().any(|c| is_spacing(c) || is_hidden(c));
        for c in (0..=0x3100).chain(0xfe00..=0x10_0000).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("ab{c}"), format!("\u{201c}{c}\u{201d} ok")] {
                assert_eq!(has_spacing_or_hidden(&text), by_character(&text), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn controls_become_visible_and_breaks_become_spaces() {
        assert_eq!(
            one_line("a\x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[2J\u{9b}31m b\r\n::error::c\u{2028}d\te"),
            "a\\u{1b}]8;;http://x\\u{7}link\\u{1b}]8;;\\u{7} \\u{1b}[2J\\u{9b}31m b  ::error::c d e"
        );
        assert_eq!(
            one_line("abc \u{202e}txt.exe\u{202c} \u{2066}x\u{2069}"),
            "abc \\u{202e}txt.exe\\u{202c} \\u{2066}x\\u{2069}"
        );
        assert_eq!(one_line("Kyiv — “quoted” café 55%"), "Kyiv — “quoted” café 55%");
        assert!(matches!(one_line("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn legacy_workflow_commands_are_broken_anywhere_in_a_line() {
        assert_eq!(
            log_line("x ##[error]pwned ###[set-output name=a;]b"),
            "x ##\\[error]pwned ###\\[set-output name=a;]b"
        );
        assert!(!log_line("##[##[[").contains("##["));
        assert_eq!(log_parts(&["a ##", "[error]", "b"]), vec!["a ##", "\\[error]", "b"]);
        assert_eq!(log_parts(&["a #", "#[error]", "b #"]), vec!["a #", "#\\[error]", "b #"]);
    }

    #[test]
    fn json_keeps_its_meaning() {
        let value = serde_json::json!({ "text": "a ##[error]b \u{9b}2J \u{202e}c \x1b" });
        let raw = serde_json::to_string(&value).expect("JSON");
        let inert = log_json(&raw);
        assert!(!inert.contains("##[") && !inert.contains('\u{9b}') && !inert.contains('\u{202e}'), "{inert}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&inert).expect("still JSON"), value);
    }
}
