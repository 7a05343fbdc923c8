//! Whether a character belongs to one of Unicode's classes exactly as the `regex` crate reads
//! them (`\p{L}`, `\p{Lu}`, `[\p{L}\p{N}]`, `\w`), so that code reading text by hand agrees to the
//! character with the expressions it stands in for. ASCII is answered directly; any other
//! character first by the standard library's test of a wider class, then by the class's
//! one-character expression, compiled the first time a character beyond ASCII gets that far.

use regex::Regex;
use std::sync::OnceLock;

pub struct CharClass {
    /// The class as a one-character expression.
    expression: &'static str,
    /// The answer for ASCII.
    ascii: fn(char) -> bool,
    /// A test every member passes: a character it refuses is refused without the expression.
    wider: fn(char) -> bool,
    compiled: OnceLock<Regex>,
}

impl CharClass {
    const fn new(expression: &'static str, ascii: fn(char) -> bool, wider: fn(char) -> bool) -> CharClass {
        CharClass { expression, ascii, wider, compiled: OnceLock::new() }
    }

    #[inline]
    pub fn holds(&self, c: char) -> bool {
        if c.is_ascii() {
            return (self.ascii)(c);
        }
        (self.wider)(c)
            && self
                .compiled
                .get_or_init(|| Regex::new(self.expression).expect("a valid class"))
                .is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// A letter (`\p{L}`).
pub static LETTER: CharClass = CharClass::new(r"^\p{L}$", |c| c.is_ascii_alphabetic(), char::is_alphabetic);
/// An uppercase letter (`\p{Lu}`).
pub static UPPERCASE_LETTER: CharClass = CharClass::new(r"^\p{Lu}$", |c| c.is_ascii_uppercase(), char::is_uppercase);
/// A letter or a digit (`[\p{L}\p{N}]`).
pub static LETTER_OR_DIGIT: CharClass =
    CharClass::new(r"^[\p{L}\p{N}]$", |c| c.is_ascii_alphanumeric(), char::is_alphanumeric);
/// A word character of Unicode word boundaries (`\w`): besides letters and digits, marks,
/// connectors and joiners, which no test of the standard library covers, so the expression
/// answers every character beyond ASCII.
pub static WORD: CharClass = CharClass::new(r"^\w$", |c| c.is_ascii_alphanumeric() || c == '_', |_| true);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_answers_as_its_expression_for_every_character() {
        for (class, expression) in [
            (&LETTER, r"^\p{L}$"),
            (&UPPERCASE_LETTER, r"^\p{Lu}$"),
            (&LETTER_OR_DIGIT, r"^[\p{L}\p{N}]$"),
            (&WORD, r"^\w$"),
        ] {
            let expression = Regex::new(expression).expect("a valid class");
            let mut members = 0;
            for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
                let expected = expression.is_match(c.encode_utf8(&mut [0; 4]));
                assert_eq!(class.holds(c), expected, "{c:?} ({:#x}) in {}", u32::from(c), class.expression);
                members += usize::from(expected);
            }
            assert!(members > 1_000, "{}: {members}", class.expression);
        }
    }
}
