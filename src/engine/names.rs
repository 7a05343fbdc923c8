//! Spellings of one name: house styles transliterate differently (`Zelenskyy`, `Zelensky`,
//! `Zelenskiy`; `Kyiv`, `Kiev`), so names are compared by a key and an edit distance.

use super::text::{words, Span};

/// Lowercase letters only: `Zelenskyy’s` → `zelenskyy`.
pub fn name_key(name: &str) -> String {
    let name = name.trim_end_matches("'s").trim_end_matches("’s");
    name.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect()
}

/// Two different spellings of one name (`Zelensky`, `Zelenskyy`), as opposed to the same spelling or
/// an inflection (`Democrat`, `Democrats`).
pub fn is_variant(a: &str, b: &str) -> bool {
    let (x, y) = (name_key(a), name_key(b));
    if x == y || !same_name(a, b) {
        return false;
    }
    // A plural ("Democrats") or a demonym ("Mosuli", "Iraqi") adds to the name.
    let (short, long) = if x.len() <= y.len() { (&x, &y) } else { (&y, &x) };
    if long.strip_prefix(short.as_str()).is_some_and(|rest| matches!(rest, "s" | "es" | "i")) {
        return false;
    }
    // Transliterations differ inside the word (Alkahim, Alkalim) or at its end in vowels
    // (Kobane, Kobani; Zelensky, Zelenskyy); derived words and other names differ in consonant
    // endings (Islam, Islamic; Minister, Ministry; Davis, David).
    let (a, b): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(p, q)| p == q).count();
    let suffix =
        a.iter().rev().zip(b.iter().rev()).take_while(|(p, q)| p == q).count().min(a.len().min(b.len()) - prefix);
    let vowels_only = |tail: &[char]| tail.iter().all(|c| "aeiouy".contains(*c));
    suffix > 0 || (vowels_only(&a[prefix..]) && vowels_only(&b[prefix..]))
}

/// A name as an article writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMention {
    pub span: Span,
    /// The first word of its sentence, capitalised whatever it is: weaker evidence of a name.
    pub opens_sentence: bool,
}

/// Names as an article writes them: capitalised words of five letters or more, not a country,
/// people or organisation of the entity table, not a calendar word and not a function word.
/// `sentences` are the article's sentence spans.
pub fn mentions(text: &str, sentences: &[Span]) -> Vec<NameMention> {
    let table = crate::engine::entities::table();
    let mut found = Vec::new();
    for sentence in sentences {
        let sentence_text = sentence.slice(text);
        let tokens = words(sentence_text);
        let mentions = table.find_all(sentence_text);
        for (index, word) in tokens.iter().enumerate() {
            let key = name_key(word.text);
            let in_entity = mentions.iter().any(|m| m.span.start <= word.span.start && word.span.end <= m.span.end);
            // A capital deep inside a word is scraped debris ("AirstrikesIsis"), not a name.
            let run_together = word.text.chars().skip(3).any(char::is_uppercase);
            let name_like = word.is_capitalized() && key.chars().count() >= 5 && !run_together;
            let function_word = super::text::is_stopword(&word.lower());
            if name_like && !in_entity && !function_word && !super::text::calendar::is_calendar_word(&key) {
                found.push(NameMention { span: word.span.shift(sentence.start), opens_sentence: index == 0 });
            }
        }
    }
    found
}

/// Two spellings of one name: the same key, or long keys that start alike and differ by at most
/// two edits. Short names must match exactly (`Li` and `Lu` are different people).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a == b {
        return true;
    }
    let long_enough = a.chars().count() >= 5 && b.chars().count() >= 5;
    let same_start = a.chars().take(4).eq(b.chars().take(4));
    long_enough && same_start && edit_distance(&a, &b) <= 2
}

/// Two names of one person, as sources give them ("Mr. Najib", "Najib Razak", "Najib Tun
/// Razak"; "Diane Foley", "Foley"): a name of one word is one of the other's words; names of
/// several words share the last, and their first words do not tell two people apart ("Diane
/// Foley" and "John Foley" are two; "Jim Foley", "James Foley" and "Bill"/"William" are one).
pub fn same_person(a: &str, b: &str) -> bool {
    let parts = |name: &str| -> Vec<String> {
        words(name).iter().map(|w| name_key(w.text)).filter(|k| k.chars().count() > 1).collect()
    };
    let (x, y) = (parts(a), parts(b));
    let (Some(x_last), Some(y_last)) = (x.last(), y.last()) else { return false };
    if x.len() == 1 || y.len() == 1 {
        let (one, other) = if x.len() == 1 { (x_last, &y) } else { (y_last, &x) };
        return other.iter().any(|w| close_names(w, one));
    }
    let within = |short: &[String], long: &[String]| short.iter().all(|s| long.iter().any(|l| close_names(s, l)));
    close_names(x_last, y_last) && (within(&x, &y) || within(&y, &x) || given_names_agree(&x[0], &y[0]))
}

/// Spellings of one name, or a slip of the keyboard in it ("Stweard" for "Steward"): a person
/// misspelt is still that person.
fn close_names(a: &str, b: &str) -> bool {
    let long = a.chars().count() >= 5 && b.chars().count() >= 5;
    same_name(a, b) || (long && a.chars().next() == b.chars().next() && edit_distance(a, b) <= 2)
}

/// Given names that may be one person's: the same initial, or a familiar form of the other.
fn given_names_agree(a: &str, b: &str) -> bool {
    const NICKNAMES: &str = include_str!("../../data/nicknames.tsv");
    let familiar = |short: &str, long: &str| {
        NICKNAMES
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .any(|(nick, given)| nick == short && given == long)
    };
    a.chars().next() == b.chars().next() || familiar(a, b) || familiar(b, a)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_one_name() {
        assert!(same_name("Zelenskyy", "Zelensky"));
        assert!(same_name("Zelenskiy", "Zelenskyy’s"));
        assert!(!same_name("Peskov", "Putin"));
        assert!(!same_name("Li", "Lu"));
        assert!(!same_name("Johnson", "Jackson"));
    }

    #[test]
    fn one_person_under_several_names() {
        assert!(same_person("Najib", "Najib Razak"));
        assert!(same_person("Najib Razak", "Najib Tun Razak"));
        assert!(same_person("Jauhari Yahya", "Ahmad Jauhari Yahya"));
        assert!(same_person("Foley", "Diane Foley"));
        assert!(same_person("James Foley", "Jim Foley"));
        assert!(same_person("Bill Clinton", "William Clinton"));
        assert!(same_person("Jason Stweard", "Jason Steward"), "a typing slip");
        assert!(!same_person("Diane Foley", "John Foley"));
        assert!(!same_person("Deval Patrick", "Timothy Alben"));
        assert!(!same_person("Hishammuddin Hussein", "Najib Razak"));
        assert!(!same_person("", "Najib"));
    }

    #[test]
    fn variants_are_spellings_not_inflections() {
        assert!(is_variant("Zelensky", "Zelenskyy"));
        assert!(is_variant("Zaporizhzhia", "Zaporozhzhia"));
        // An added "s" reads as an inflection, even where it is a transliteration: precision first.
        assert!(!is_variant("Donbas", "Donbass"));
        assert!(!is_variant("Democrat", "Democrats"));
        assert!(!is_variant("Mosul", "Mosuli"));
        assert!(!is_variant("Witkoff", "Witkoff’s"));
        assert!(!is_variant("Peskov", "Putin"));
        assert!(is_variant("Kobane", "Kobani"));
        assert!(is_variant("Cawthrone", "Cawthorne"));
        assert!(is_variant("Zelenskiy", "Zelenskyy"));
        for (a, b) in [
            ("Islam", "Islamic"),
            ("Islamist", "Islamic"),
            ("Minister", "Ministry"),
            ("Davis", "David"),
            ("Arabic", "Arabia"),
            ("Comment", "Command"),
        ] {
            assert!(!is_variant(a, b), "{a} / {b}");
        }
    }
}
