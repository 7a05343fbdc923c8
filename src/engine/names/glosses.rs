//! Spellings an article declares as one: "Kobani, also spelled Kobane", "Kiev (Kyiv)", "Daesh,
//! also known as Isis", "Zelensky or Zelenskyy". An article that glosses a name so uses both
//! spellings on purpose.

use super::mentions::NameMention;
use super::name_key;
use crate::engine::text::Span;
use regex::Regex;
use std::sync::OnceLock;

/// The longest text between two names that can gloss one with the other.
const MAX_GLOSS: usize = 48;

/// Pairs of keys the article declares to be spellings of one name.
pub fn declared(text: &str, mentions: &[NameMention]) -> Vec<(String, String)> {
    static GLOSS: OnceLock<Regex> = OnceLock::new();
    let gloss = GLOSS.get_or_init(|| {
        Regex::new(
            r#"(?ix)^[\s,;:(\[—–-]*
            (?:(?:also|sometimes|otherwise|alternatively|often|commonly|variously|elsewhere|more\s+commonly)\s+)?
            (?:(?:spelled|spelt|written|transliterated|rendered|romani[sz]ed)(?:\s+as)?|known\s+as|called|a\.?k\.?a\.?|or)
            [\s,:"“”‘’'(]*$"#,
        )
        .expect("valid gloss pattern")
    });
    let mut pairs = Vec::new();
    for (first, second) in mentions.iter().zip(mentions.iter().skip(1)) {
        let between = Span::new(first.span.end, second.span.start.max(first.span.end));
        let Some(gap) = text.get(between.start..between.end) else { continue };
        let parenthesis = gap.trim() == "(";
        if gap.len() <= MAX_GLOSS && (parenthesis || gloss.is_match(gap)) {
            // A gloss of a phrase glosses each of its words ("Benjamin Mondragon, or Benjamon").
            let words_of = |phrase: Span| mentions.iter().filter(move |m| m.phrase == phrase);
            for a in words_of(first.phrase) {
                for b in words_of(second.phrase) {
                    pairs.push((name_key(a.span.slice(text)), name_key(b.span.slice(text))));
                }
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::names::mentions;

    fn check(text: &str, expect: &[(&str, &str)]) {
        let found = declared(text, &mentions(text, &crate::engine::names::sentences_of(text)));
        let expect: Vec<(String, String)> = expect.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(found, expect, "{text}");
    }

    #[test]
    fn glosses_declare_spellings() {
        check("Fighting in Varnetsk, also spelled Varnetzk, went on.", &[("varnetsk", "varnetzk")]);
        check("Fighting in Varnetsk (Varnetzk) went on.", &[("varnetsk", "varnetzk")]);
        check("Fighting in Varnetsk, or Varnetzk, went on.", &[("varnetsk", "varnetzk")]);
        check("The group Dawlat, also known as Dawlet, went on.", &[("dawlat", "dawlet")]);
        check("They sought Marcel Dupree, or \"Marcelo,\" in town.", &[("marcel", "marcelo"), ("dupree", "marcelo")]);
    }

    #[test]
    fn names_side_by_side_are_no_gloss() {
        check("Varnetsk and Varnetzk are two towns.", &[]);
        check("Varnetsk, Varnetzk and Orlova.", &[]);
    }
}
