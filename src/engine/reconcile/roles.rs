//! Roles of the same person across sources. The same person: the surname across spellings, and
//! first names that agree where both are known ("Pat" and "Patricia"). Roles conflict only when
//! they cannot both be true:
//! - another family relation to the same person ("father" and "brother"; "father" and "parent"
//!   agree);
//! - the same specific title in another organisation ("spokesman" of the State Police and of the
//!   National Guard);
//! - another title of the same group in the same organisation or country ("press secretary" and
//!   "chief of staff" of the White House), unless the article also gives the person that title:
//!   one person holds several roles at once.
//!
//! Generic titles (official, executive, adviser), affiliations without a title, roles placed in
//! different times (former, incoming) and organisations that cannot be told apart ("the
//! company") never conflict. A role with no organisation is backed by the same title anywhere.

use super::{Pair, Relation};
use crate::engine::claim::{ClaimKind, Family, Person, Role, Tense, Title};
use crate::engine::orgs::{compare_all, names_a_body, OrgMatch};
use crate::engine::titles;

pub fn compare(pair: &Pair<'_>, ours: &Role, theirs: &Role) -> Option<Relation> {
    match (ours, theirs) {
        (Role::Family(a), Role::Family(b)) => compare_family(a, b),
        (Role::Title(a), Role::Title(b)) => {
            let elsewhere = |title: &str| gives_title(pair, &a.person, title);
            compare_titles(a, b, &elsewhere)
        }
        _ => None,
    }
}

fn compare_family(a: &Family, b: &Family) -> Option<Relation> {
    let table = titles::table();
    // Relatives share surnames: a conflict needs the relative's first name on both sides.
    let (agree, told) = if a.person.same_as(&b.person) && a.of.same_as(&b.of) {
        (table.relations_agree(&a.relation, &b.relation), identified(&a.of, &b.of))
    } else if a.person.same_as(&b.of) && a.of.same_as(&b.person) {
        // Told the other way round: "Michael, James's brother" and "James, Michael's brother".
        let Some(agree) = table.inverse_relations_agree(&a.relation, &b.relation) else {
            return Some(Relation::Related);
        };
        (agree, identified(&a.of, &b.person) && identified(&a.person, &b.of))
    } else {
        return None;
    };
    Some(match (agree, told) {
        (true, _) => Relation::Supports,
        (false, true) => Relation::Contradicts,
        (false, false) => Relation::Related,
    })
}

/// Whether two mentions of one person name them well enough to say they disagree: with a first
/// name on both sides, given or read from the article's fuller mentions. A surname alone may be
/// anyone of that name ("King Abdullah" of Jordan and of Saudi Arabia; "Hussein").
fn identified(a: &Person, b: &Person) -> bool {
    a.first.is_some() && b.first.is_some()
}

/// "deputy spokesperson" made from "spokesperson" by a prefix: copy often drops the prefix, so
/// the two neither agree nor conflict. A deputy title of its own ("deputy prime minister") is
/// in the table and conflicts like any other.
fn prefixed(a: &str, b: &str) -> bool {
    let made = |long: &str, short: &str| {
        titles::table().lookup(long).is_none() && long.split_once(' ').is_some_and(|(_, rest)| rest == short)
    };
    made(a, b) || made(b, a)
}

/// `elsewhere(title)`: whether our article gives the person that title in another place.
fn compare_titles(a: &Title, b: &Title, elsewhere: &dyn Fn(&str) -> bool) -> Option<Relation> {
    if !a.person.same_as(&b.person) {
        return None;
    }
    let table = titles::table();
    // A former role and a present one are about different times.
    if (a.tense == Tense::Past) != (b.tense == Tense::Past) {
        return Some(Relation::Related);
    }
    let orgs = || compare_all(&a.orgs, &b.orgs);
    let same_time = a.tense == b.tense;
    let relation = match (&a.title, &b.title) {
        (Some(x), Some(y)) if x == y => match (a.orgs.is_empty(), b.orgs.is_empty()) {
            (true, _) => Relation::Supports,
            (false, true) => Relation::Related,
            (false, false) => match orgs() {
                OrgMatch::Same | OrgMatch::Partial => Relation::Supports,
                // The same title in another body conflicts also between a report that says it
                // will be held and one that says it is.
                OrgMatch::Different if table.group_of(x).is_some() && identified(&a.person, &b.person) => {
                    Relation::Contradicts
                }
                OrgMatch::Different | OrgMatch::Unknown => Relation::Related,
            },
        },
        (Some(x), Some(y)) => {
            let same_group = table.group_of(x).is_some_and(|g| table.group_of(y) == Some(g));
            // Where the article names no body (or a person's: "Obama's chief of staff"), the
            // person's titles are read in the body the sources give.
            let vague = !a.orgs.iter().any(names_a_body);
            let same_place = vague || matches!(orgs(), OrgMatch::Same | OrgMatch::Partial);
            let told = identified(&a.person, &b.person) && !prefixed(x, y);
            if same_group && same_place && same_time && told && !elsewhere(y) {
                Relation::Contradicts
            } else {
                Relation::Related
            }
        }
        // An affiliation alone is backed by the same body, and never contradicted: one person
        // belongs to several.
        _ if !a.orgs.is_empty() && matches!(orgs(), OrgMatch::Same | OrgMatch::Partial) => {
            if a.title.is_none() {
                Relation::Supports
            } else {
                Relation::Related
            }
        }
        _ => Relation::Related,
    };
    Some(relation)
}

/// Whether our article gives `person` the title `title` in any of its roles.
fn gives_title(pair: &Pair<'_>, person: &Person, title: &str) -> bool {
    pair.ours.doc.extraction.claims.iter().any(|claim| match &claim.kind {
        ClaimKind::Role(Role::Title(other)) => other.title.as_deref() == Some(title) && other.person.same_as(person),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::reconcile::{compare_first, Tolerance};

    fn is_role(claim: &crate::engine::claim::Claim) -> bool {
        matches!(claim.kind, ClaimKind::Role(_))
    }

    /// How the first role of `ours` stands to the first role of `theirs`.
    fn check(ours: &str, theirs: &str, expect: Option<Relation>) {
        let found = compare_first(ours, theirs, is_role, Tolerance::default());
        assert_eq!(found.first().map(|c| c.relation), expect, "{ours} / {theirs}");
    }

    #[test]
    fn another_title_of_the_same_group_in_the_same_place_conflicts() {
        check(
            "White House press secretary Denis McDonough spoke.",
            "White House Chief of Staff Denis McDonough spoke.",
            Some(Relation::Contradicts),
        );
        check(
            "Warren Truss, Australia's foreign minister, spoke.",
            "Australian Transport Minister Warren Truss spoke.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn titles_of_different_groups_or_places_can_be_held_together() {
        check(
            "Warren Truss, Australia's foreign minister, spoke.",
            "Australian Deputy Prime Minister Warren Truss spoke.",
            Some(Relation::Related),
        );
        check("HP chairman Meg Whitman spoke.", "HP CEO Meg Whitman spoke.", Some(Relation::Related));
        check(
            "Australian Foreign Minister Ann Lee spoke.",
            "Japanese Transport Minister Ann Lee spoke.",
            Some(Relation::Related),
        );
    }

    #[test]
    fn a_title_without_a_body_is_read_in_the_sources_body() {
        check(
            "Foreign Minister Warren Truss spoke.",
            "Australian Transport Minister Warren Truss spoke.",
            Some(Relation::Contradicts),
        );
        check(
            "Obama's press secretary Denis McDonough spoke.",
            "White House Chief of Staff Denis McDonough spoke.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn the_article_giving_the_sources_title_too_is_no_conflict() {
        check(
            "White House press secretary Denis McDonough spoke. McDonough, the White House chief of staff, left.",
            "White House Chief of Staff Denis McDonough spoke.",
            Some(Relation::Related),
        );
    }

    #[test]
    fn the_same_title_in_another_body_conflicts() {
        check(
            "Massachusetts State Police spokesman Lt. Col. James Sahady said so.",
            "Massachusetts National Guard spokesman Lt. Col. James Sahady said so.",
            Some(Relation::Contradicts),
        );
        check(
            "Dr. Ann Cole, a medical ethicist at Columbia University, said so.",
            "Dr. Ann Cole, a medical ethicist at New York University's Langone Medical Center, said so.",
            Some(Relation::Contradicts),
        );
        check(
            "Pat Russo will be chairman of the PC and printer company, HP Inc.",
            "Patricia Russo will be chairman of the enterprise company.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn the_same_title_announced_in_another_body_conflicts() {
        check(
            "Dion Weisler, the chief executive of Hewlett-Packard Enterprise, spoke.",
            "Dion Weisler will be CEO of HP Inc.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn short_forms_acronyms_and_vague_bodies_agree_or_say_nothing() {
        check(
            "HP chief executive Meg Whitman spoke.",
            "Meg Whitman, Hewlett-Packard's CEO, spoke.",
            Some(Relation::Supports),
        );
        check("Chief executive Meg Whitman spoke.", "HP CEO Meg Whitman spoke.", Some(Relation::Supports));
        check("HP CEO Meg Whitman spoke.", "Chief executive Meg Whitman spoke.", Some(Relation::Related));
        check(
            "Meg Whitman will be chief executive of the company.",
            "Meg Whitman will be chief executive of the enterprise company.",
            Some(Relation::Related),
        );
        check(
            "State Police spokesman Dave Procopio said so.",
            "Massachusetts State Police spokesman Dave Procopio said so.",
            Some(Relation::Supports),
        );
    }

    #[test]
    fn an_affiliation_alone_is_backed_by_the_same_body_and_never_contradicted() {
        // Bodies go by several names, translated or informal ("the Seismic Institute"): a bare
        // "of the …" says too little to conflict.
        check(
            "Ann Cole of the Nicaraguan Institute of Earth Studies said so.",
            "Ann Cole of the Seismic Institute said so.",
            Some(Relation::Related),
        );
        check(
            "Lt. Col. James Sahady of the Massachusetts State Police said so.",
            "Lt. Col. James Sahady of the State Police said so.",
            Some(Relation::Supports),
        );
    }

    #[test]
    fn generic_titles_other_times_and_other_people_never_conflict() {
        check("GlobalPost reporter Jim Foley wrote.", "AFP reporter Jim Foley wrote.", Some(Relation::Related));
        check(
            "Former HP chairman Ann Lee spoke.",
            "HP lead independent director Ann Lee spoke.",
            Some(Relation::Related),
        );
        check(
            "Lead independent director Ann Lee will be chairman of HP.",
            "Ann Lee, HP's lead independent director, spoke.",
            Some(Relation::Supports),
        );
        check("White House press secretary Tom Lee spoke.", "White House Chief of Staff Ann Lee spoke.", None);
    }

    #[test]
    fn a_name_alone_on_both_sides_or_a_dropped_prefix_is_no_conflict() {
        check("Jordan's King Abdullah spoke.", "Saudi King Abdullah spoke.", Some(Relation::Related));
        check(
            "State Department deputy spokeswoman Marie Harf spoke.",
            "State Department spokeswoman Marie Harf spoke.",
            Some(Relation::Related),
        );
        check("Ann Lee's son, Tom, spoke.", "Ann Lee's brother Tom spoke.", Some(Relation::Contradicts));
        check("Ann Lee's son, Tom, spoke.", "Lee's brother Tom spoke.", Some(Relation::Related));
        check(
            "Kim Il Sung and his son, Kim Jong Il, ruled.",
            "Kim's father, Kim Jong Il, ruled.",
            Some(Relation::Related),
        );
    }

    #[test]
    fn family_relations_to_the_same_person() {
        check(
            "James Foley's father, Michael, spoke.",
            "The family said Michael, James Foley's brother, spoke.",
            Some(Relation::Contradicts),
        );
        check("Foley's brother Michael spoke.", "James Foley's brother, Michael, spoke.", Some(Relation::Supports));
        check("Ann Lee's father, Tom Lee, spoke.", "Ann Lee's parent Tom Lee spoke.", Some(Relation::Supports));
        check(
            "James Foley's father, Michael, spoke.",
            "Michael Foley said his brother James died.",
            Some(Relation::Contradicts),
        );
        check(
            "James Foley's brother, Michael, spoke.",
            "Michael Foley said his brother James died.",
            Some(Relation::Supports),
        );
        check("Tom Lee's son, Ann Lee, spoke.", "Tom Lee's father, Ann Lee, spoke.", Some(Relation::Contradicts));
    }
}
