//! People's titles, family relations, ranks and the words that place a title in time, from the
//! shipped table `data/titles.tsv`. "CEO", "chief executive" and "chief executive officer" are
//! one title; "press secretary" and "chief of staff" are titles of one group, which one person
//! does not hold together in one organisation; "father" is a case of "parent".

use super::claim::Tense;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/titles.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A specific title of a group of titles one person does not combine.
    Title {
        group: &'static str,
    },
    /// A title too loose to conflict with any other.
    Generic,
    /// A family relation, the wider relation it is a case of, and the wider relation of the
    /// other person to this one (father: parent, child).
    Relation {
        wider: Option<&'static str>,
        inverse: Option<&'static str>,
    },
    /// A rank or honorific before a name.
    Rank,
    Tense(Tense),
    /// A word that makes another title of the same group ("deputy").
    Prefix,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub canonical: &'static str,
    pub class: Class,
}

pub struct Titles {
    by_alias: HashMap<String, Entry>,
    by_canonical: HashMap<&'static str, Entry>,
    /// Every written form with its entry, in table order.
    aliases: Vec<(&'static str, Entry)>,
}

pub fn table() -> &'static Titles {
    static TITLES: OnceLock<Titles> = OnceLock::new();
    TITLES.get_or_init(|| Titles::parse(TABLE))
}

/// Lowercase with single spaces and straight apostrophes: how written forms are looked up.
pub fn normalize(written: &str) -> String {
    written.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'").to_lowercase()
}

impl Titles {
    fn parse(source: &'static str) -> Titles {
        let mut by_alias = HashMap::default();
        let mut by_canonical = HashMap::default();
        let mut aliases = Vec::new();
        for line in source.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut columns = line.split('\t');
            let (Some(canonical), Some(class), Some(written)) = (columns.next(), columns.next(), columns.next()) else {
                continue;
            };
            let Some(class) = parse_class(class.trim()) else { continue };
            let entry = Entry { canonical: canonical.trim(), class };
            by_canonical.entry(entry.canonical).or_insert(entry);
            for alias in written.split('|').map(str::trim).filter(|a| !a.is_empty()) {
                by_alias.insert(normalize(alias), entry);
                aliases.push((alias, entry));
            }
        }
        Titles { by_alias, by_canonical, aliases }
    }

    /// The entry of a written form ("CEO", "Chief Executive Officer").
    pub fn lookup(&self, written: &str) -> Option<Entry> {
        self.by_alias.get(&normalize(written)).copied()
    }

    /// The written forms of the entries `keep` accepts.
    pub fn aliases(&self, keep: impl Fn(&Entry) -> bool) -> Vec<&'static str> {
        self.aliases.iter().filter(|(_, entry)| keep(entry)).map(|(alias, _)| *alias).collect()
    }

    /// The class of a canonical title, including one made with a prefix ("deputy transport
    /// minister" is of the transport ministers' group).
    pub fn class_of(&self, canonical: &str) -> Option<Class> {
        if let Some(entry) = self.by_canonical.get(canonical) {
            return Some(entry.class);
        }
        let (prefix, rest) = canonical.split_once(' ')?;
        match self.lookup(prefix)?.class {
            Class::Prefix => self.class_of(rest),
            _ => None,
        }
    }

    /// The group of a specific title; `None` for a generic or unknown one.
    pub fn group_of(&self, canonical: &str) -> Option<&'static str> {
        match self.class_of(canonical)? {
            Class::Title { group } => Some(group),
            _ => None,
        }
    }

    /// Two relations of one person to another that can both be true: the same, or one a case of
    /// the other ("father" and "parent").
    pub fn relations_agree(&self, a: &str, b: &str) -> bool {
        let wider = |r: &str| self.relation(r).and_then(|(wider, _)| wider);
        a == b || wider(a) == Some(b) || wider(b) == Some(a)
    }

    /// Whether `a` (A is B's a) and `b` (B is A's b) can both be true: "father" and "son" can,
    /// "father" and "brother" cannot. `None` when the table cannot tell ("uncle").
    pub fn inverse_relations_agree(&self, a: &str, b: &str) -> Option<bool> {
        let (_, expected) = self.relation(a)?;
        let (b_wider, b_inverse) = self.relation(b)?;
        let expected = expected?;
        if b == expected || b_wider == Some(expected) {
            Some(true)
        } else {
            b_inverse.map(|_| false)
        }
    }

    fn relation(&self, canonical: &str) -> Option<(Option<&'static str>, Option<&'static str>)> {
        match self.by_canonical.get(canonical)?.class {
            Class::Relation { wider, inverse } => Some((wider, inverse)),
            _ => None,
        }
    }
}

fn parse_class(class: &'static str) -> Option<Class> {
    Some(match class.split_once(':') {
        Some(("title", group)) => Class::Title { group },
        Some(("relation", relation)) => {
            let (wider, inverse) = relation.split_once(':').unwrap_or((relation, "-"));
            let known = |r: &'static str| (r != "-").then_some(r);
            Class::Relation { wider: known(wider), inverse: known(inverse) }
        }
        Some(("tense", "past")) => Class::Tense(Tense::Past),
        Some(("tense", "future")) => Class::Tense(Tense::Future),
        Some(("tense", "present")) => Class::Tense(Tense::Present),
        None if class == "generic" => Class::Generic,
        None if class == "rank" => Class::Rank,
        None if class == "prefix" => Class::Prefix,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_forms_fold_to_one_title() {
        let t = table();
        for written in ["CEO", "chief executive", "Chief Executive Officer"] {
            assert_eq!(t.lookup(written).map(|e| e.canonical), Some("chief executive"), "{written}");
        }
        assert_eq!(t.lookup("spokeswoman").map(|e| e.canonical), Some("spokesperson"));
        assert_eq!(t.lookup("Chairwoman").map(|e| e.canonical), Some("chairman"));
        assert_eq!(t.lookup("official").map(|e| e.class), Some(Class::Generic));
        assert_eq!(t.lookup("Lt.").map(|e| e.class), Some(Class::Rank));
    }

    #[test]
    fn groups_and_prefixed_titles() {
        let t = table();
        assert_eq!(t.group_of("press secretary"), t.group_of("chief of staff"));
        assert_ne!(t.group_of("chairman"), t.group_of("chief executive"));
        assert_eq!(t.group_of("deputy transport minister"), Some("minister"));
        assert_eq!(t.group_of("official"), None);
        assert_eq!(t.group_of("deputy official"), None);
    }

    #[test]
    fn relations_agree_with_their_wider_relation_only() {
        let t = table();
        assert!(t.relations_agree("father", "parent"));
        assert!(t.relations_agree("brother", "brother"));
        assert!(!t.relations_agree("father", "brother"));
        assert!(!t.relations_agree("father", "mother"));
    }

    #[test]
    fn relations_told_the_other_way_round() {
        let t = table();
        assert_eq!(t.inverse_relations_agree("father", "son"), Some(true));
        assert_eq!(t.inverse_relations_agree("father", "child"), Some(true));
        assert_eq!(t.inverse_relations_agree("brother", "sister"), Some(true));
        assert_eq!(t.inverse_relations_agree("father", "brother"), Some(false));
        assert_eq!(t.inverse_relations_agree("uncle", "nephew"), None);
    }
}
