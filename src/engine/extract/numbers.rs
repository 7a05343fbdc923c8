//! Numbers as news copy writes them, with the precision they were stated at:
//! digits (`115,600`, `1.2 million`, `$3bn`), words (`four`, `a dozen`, `tens of thousands`) and
//! fractions (`a fifth`, `one-fifth`, `two-thirds`).

/// A stated number: its value and the half-width of the interval its wording allows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stated {
    pub value: f64,
    /// Half the step of the last stated digit: `19` → 0.5, `115,600` → 50, `1.2 million` → 50,000.
    pub precision: f64,
    /// Vague quantities (`dozens`, `thousands`) carry their own bounds.
    pub bounds: Option<(f64, f64)>,
}

pub const UNITS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

pub const FRACTIONS: &[(&str, f64)] = &[
    ("half", 0.5),
    ("third", 1.0 / 3.0),
    ("quarter", 0.25),
    ("fifth", 0.2),
    ("sixth", 1.0 / 6.0),
    ("seventh", 1.0 / 7.0),
    ("eighth", 0.125),
    ("ninth", 1.0 / 9.0),
    ("tenth", 0.1),
];

pub fn scale(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" | "k" => Some(1e3),
        "million" | "m" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

/// The most a round figure's trailing zeros widen it, as a fraction of its value.
const ROUND_FIGURE_SLACK: f64 = 0.05;

/// `115,600` → 115600 ± 50; `19` → 19 ± 0.5; `1.2` → 1.2 ± 0.05. Below 100, trailing zeros are exact.
pub fn parse_digits(digits: &str) -> Option<Stated> {
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    let value: f64 = plain.parse().ok()?;
    let precision = match plain.split_once('.') {
        Some((_, decimals)) => 0.5 * 10f64.powi(-(decimals.len() as i32)),
        None if value >= 100.0 => {
            let trailing_zeros = plain.chars().rev().take_while(|c| *c == '0').count();
            let trailing_zeros = trailing_zeros.min(plain.len().saturating_sub(1));
            // A round figure in copy is usually the figure given, not a rounding of another:
            // "60,000" allows 57,000–63,000, not all of 55,000–65,000.
            (0.5 * 10f64.powi(trailing_zeros as i32)).min((ROUND_FIGURE_SLACK * value).max(0.5))
        }
        None => 0.5,
    };
    Some(Stated { value, precision, bounds: None })
}

/// `four`, `twenty-five`, `a dozen`, `dozens`, `hundreds`, `tens of thousands`.
pub fn parse_words(phrase: &str) -> Option<Stated> {
    let lower = phrase.to_lowercase();
    let lower = lower.trim();
    let vague = match lower {
        "dozens" => Some((24.0, 144.0)),
        "hundreds" => Some((200.0, 1_000.0)),
        "thousands" => Some((2_000.0, 10_000.0)),
        "tens of thousands" => Some((20_000.0, 100_000.0)),
        "hundreds of thousands" => Some((200_000.0, 1_000_000.0)),
        "millions" => Some((2e6, 1e7)),
        _ => None,
    };
    if let Some((low, high)) = vague {
        return Some(Stated { value: (low + high) / 2.0, precision: 0.0, bounds: Some((low, high)) });
    }
    if lower == "a dozen" || lower == "dozen" {
        return Some(Stated { value: 12.0, precision: 0.5, bounds: None });
    }
    let mut parts = lower.split_whitespace();
    let head = parts.next()?;
    let mut value = 0.0;
    for piece in head.split('-') {
        value += UNITS.iter().find(|(w, _)| *w == piece).map(|(_, v)| *v)?;
    }
    let mut precision = 0.5;
    for word in parts {
        let factor = scale(word)?;
        value *= factor;
        precision *= factor;
    }
    Some(Stated { value, precision, bounds: None })
}

/// `a fifth` / `one-fifth` → 20 (per cent); `two-thirds` → 66.7. Fractions are coarse: ±10 %.
pub fn parse_fraction(phrase: &str) -> Option<Stated> {
    let lower = phrase.to_lowercase().replace('-', " ");
    let mut parts: Vec<&str> = lower.split_whitespace().collect();
    let name = parts.pop()?;
    let numerator = match parts.as_slice() {
        [] => 1.0,
        ["a"] | ["one"] => 1.0,
        [word] => UNITS.iter().find(|(w, _)| w == word).map(|(_, v)| *v)?,
        _ => return None,
    };
    let singular = name.strip_suffix('s').unwrap_or(name);
    let fraction =
        FRACTIONS.iter().find(|(w, _)| *w == singular || (*w == "half" && singular == "halve")).map(|(_, v)| *v)?;
    let value = numerator * fraction * 100.0;
    Some(Stated { value, precision: value * 0.1, bounds: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_carry_their_precision() {
        assert_eq!(parse_digits("115,600"), Some(Stated { value: 115_600.0, precision: 50.0, bounds: None }));
        assert_eq!(parse_digits("19").map(|s| s.precision), Some(0.5));
        assert_eq!(parse_digits("30").map(|s| s.precision), Some(0.5));
        assert_eq!(parse_digits("1.2").map(|s| s.precision), Some(0.05));
    }

    #[test]
    fn number_words() {
        assert_eq!(parse_words("four").map(|s| s.value), Some(4.0));
        assert_eq!(parse_words("twenty-five").map(|s| s.value), Some(25.0));
        assert_eq!(parse_words("two million").map(|s| s.value), Some(2e6));
        assert_eq!(parse_words("tens of thousands").and_then(|s| s.bounds), Some((20_000.0, 100_000.0)));
        assert_eq!(parse_words("several"), None);
    }

    #[test]
    fn fractions_are_shares() {
        assert_eq!(parse_fraction("a fifth").map(|s| s.value), Some(20.0));
        assert_eq!(parse_fraction("one-fifth").map(|s| s.value), Some(20.0));
        assert!((parse_fraction("two-thirds").unwrap().value - 66.666).abs() < 0.01);
        assert_eq!(parse_fraction("half").map(|s| s.value), Some(50.0));
    }
}
