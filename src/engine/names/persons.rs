//! Whether two names as sources give them name one person: "Mr. Najib", "Najib Razak" and
//! "Najib Tun Razak"; "Jim Foley" and "James Foley" (familiar forms from data/nicknames.tsv).

use super::{name_key, same_name, within_characters};
use crate::engine::text::words;
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

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
    same_name(a, b) || (long && a.chars().next() == b.chars().next() && within_characters(a, b, 2))
}

/// Given names that may be one person's: the same initial, or a familiar form of the other.
fn given_names_agree(a: &str, b: &str) -> bool {
    let familiar = |short: &str, long: &str| nicknames().contains(&(short, long));
    a.chars().next() == b.chars().next() || familiar(a, b) || familiar(b, a)
}

/// The familiar forms of data/nicknames.tsv, as (familiar, given) pairs, read once.
fn nicknames() -> &'static HashSet<(&'static str, &'static str)> {
    const NICKNAMES: &str = include_str!("../../../data/nicknames.tsv");
    static PAIRS: OnceLock<HashSet<(&'static str, &'static str)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        NICKNAMES.lines().filter(|line| !line.starts_with('#')).filter_map(|line| line.split_once('\t')).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
