//! Roles of the same person (matched by surname across spellings) conflict only when they cannot
//! both be true: another family relation to the same person, or another of a country's top
//! offices. A person can hold several other roles at once, so nothing else is compared.

use super::Relation;
use crate::engine::claim::Role;
use crate::engine::names::same_name;

pub fn compare(a: &Role, b: &Role) -> Option<Relation> {
    let surname = |name: &str| name.split_whitespace().last().unwrap_or(name).to_string();
    match (a, b) {
        (Role::Family { person: p, relation: r, of: o }, Role::Family { person: q, relation: s, of: t }) => {
            if !same_name(&surname(p), &surname(q)) || !same_name(&surname(o), &surname(t)) {
                return None;
            }
            Some(if r == s { Relation::Supports } else { Relation::Contradicts })
        }
        (Role::Office { person: p, office: r, of: o }, Role::Office { person: q, office: s, of: t }) => {
            if !same_name(&surname(p), &surname(q)) || o != t {
                return None;
            }
            Some(if r == s { Relation::Supports } else { Relation::Contradicts })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(person: &str, relation: &str, of: &str) -> Role {
        Role::Family { person: person.into(), relation: relation.into(), of: of.into() }
    }

    fn office(person: &str, office: &str, of: &str) -> Role {
        Role::Office { person: person.into(), office: office.into(), of: of.into() }
    }

    #[test]
    fn roles_that_cannot_both_be_true_conflict() {
        assert_eq!(
            compare(&family("Jared Kushner", "son", "Trump"), &family("Kushner", "son-in-law", "Trump")),
            Some(Relation::Contradicts)
        );
        assert_eq!(
            compare(&family("Jared Kushner", "son-in-law", "Trump"), &family("Kushner", "son-in-law", "Trump")),
            Some(Relation::Supports)
        );
        assert_eq!(
            compare(
                &office("Volodymyr Zelensky", "prime minister", "Ukraine"),
                &office("Zelenskyy", "president", "Ukraine")
            ),
            Some(Relation::Contradicts)
        );
    }

    #[test]
    fn other_people_and_other_countries_are_not_compared() {
        assert_eq!(compare(&family("Jared Kushner", "son", "Trump"), &family("Eric Trump", "son", "Trump")), None);
        assert_eq!(compare(&office("Smith", "president", "France"), &office("Smith", "prime minister", "Italy")), None);
    }
}
