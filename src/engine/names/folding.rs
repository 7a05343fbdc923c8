//! What is folded away before two spellings are compared, because it is no variant at all:
//! diacritics (`Élysée` and `Elysee`, `Michaël` and `Michael`: a newsroom's system dropping
//! accents is typesetting, not a second spelling), and the American and British endings of one
//! English word (`Defense` and `Defence`: an organisation keeps its own official spelling, so two
//! names that differ only so are two names), from `data/regional-spellings.tsv`.

use std::sync::OnceLock;

const REGIONAL: &str = include_str!("../../../data/regional-spellings.tsv");

/// `c` without its diacritics, lowercased: `É` → `e`, `ß` → `ss`; other letters as they are.
pub fn fold_letter(c: char, into: &mut String) {
    let folded = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        lower => {
            into.push(lower);
            return;
        }
    };
    into.push_str(folded);
}

fn endings() -> &'static [(String, String)] {
    static ENDINGS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        REGIONAL
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'))
            .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
            .collect()
    })
}

/// Two keys that are one English word in its American and British spellings.
pub fn regional_spellings(a: &str, b: &str) -> bool {
    let (a, b) = (a.strip_suffix('s').unwrap_or(a), b.strip_suffix('s').unwrap_or(b));
    endings().iter().any(|(x, y)| {
        let same_stem = |p: &str, q: &str| {
            match (p.strip_suffix(x.as_str()), q.strip_suffix(y.as_str())) {
                // A short stem is too little of a word to say it is the same one.
                (Some(s), Some(t)) => s == t && s.chars().count() >= 3,
                _ => false,
            }
        };
        same_stem(a, b) || same_stem(b, a)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        word.chars().for_each(|c| fold_letter(c, &mut out));
        out
    }

    #[test]
    fn diacritics_fold_away() {
        assert_eq!(folded("Élysée"), "elysee");
        assert_eq!(folded("Straße"), "strasse");
        assert_eq!(folded("Łódź"), "lodz");
        assert_eq!(folded("Київ"), "київ");
    }

    #[test]
    fn american_and_british_endings_are_one_word() {
        for (a, b) in
            [("defense", "defence"), ("centers", "centres"), ("labor", "labour"), ("organization", "organisation")]
        {
            assert!(regional_spellings(a, b), "{a} / {b}");
            assert!(regional_spellings(b, a), "{b} / {a}");
        }
        for (a, b) in [("kobane", "kobani"), ("tor", "tour"), ("protestors", "protesters"), ("human", "humane")] {
            assert!(!regional_spellings(a, b), "{a} / {b}");
        }
    }
}
