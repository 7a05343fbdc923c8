//! Dates are compared when they belong to the same event: words, names and entities around them
//! in common. To conflict, they must align as strongly as a figure must (shared event words, the
//! same names and places) and each be the only date of its sentence.
//! Two dates agree when every part both state is equal; a weekday is checked against a full date
//! through the calendar. A project's tolerance in days lets dates that close agree.

use super::figures::strongly_aligned;
use super::Relation;
use crate::engine::claim::{Claim, Date, DateValue};
use crate::engine::extract::{days_from_civil, weekday_of};

pub fn compare(ours: &Claim, x: &Date, theirs: &Claim, y: &Date, tolerance_days: u32) -> Option<Relation> {
    let (s, t) = (&ours.subject, &theirs.subject);
    let shared_words = s.stems.intersection(&t.stems).count() + s.names.intersection(&t.names).count();
    let same_event = shared_words >= 1 && shared_words + s.entities.intersection(&t.entities).count() >= 2;
    if !same_event {
        return None;
    }
    let strong = strongly_aligned(s, t, 0);
    let unambiguous = strong && x.rivals_in_sentence == 0 && y.rivals_in_sentence == 0;
    let (a, b) = (with_weekday(x.value), with_weekday(y.value));
    let days = i64::from(tolerance_days);
    let cyclic = |x: i64, y: i64| (x - y).rem_euclid(7).min((y - x).rem_euclid(7));
    let compared: Vec<bool> = match (day_count(a), day_count(b)) {
        (Some(p), Some(q)) => vec![(p - q).abs() <= days],
        _ => [
            (a.year.map(i64::from), b.year.map(i64::from), 0),
            (a.month.map(i64::from), b.month.map(i64::from), 0),
            (a.day.map(i64::from), b.day.map(i64::from), days),
        ]
        .iter()
        .filter_map(|&(x, y, slack)| Some((x? - y?).abs() <= slack))
        .chain(a.weekday.zip(b.weekday).map(|(x, y)| cyclic(i64::from(x), i64::from(y)) <= days))
        .collect(),
    };
    // A year alone says little about which event it is ("in 2014" and "in 2022" of one war).
    let only_years = a.month.is_none() && b.month.is_none() && a.weekday.is_none() && b.weekday.is_none();
    match compared.as_slice() {
        [] => None,
        _ if compared.iter().all(|same| *same) => Some(Relation::Supports),
        _ if only_years || !unambiguous => None,
        _ => Some(Relation::Contradicts),
    }
}

/// Days since 1970-01-01 of a full date.
fn day_count(date: DateValue) -> Option<i64> {
    Some(days_from_civil(i64::from(date.year?), i64::from(date.month?), i64::from(date.day?)))
}

/// A full date knows its weekday.
fn with_weekday(date: DateValue) -> DateValue {
    match (date.weekday, date.year, date.month, date.day) {
        (None, Some(y), Some(m), Some(d)) => DateValue { weekday: Some(weekday_of(y, m, d)), ..date },
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::claim::ClaimKind;
    use crate::engine::extract::extract;
    use crate::engine::text::LineIndex;

    fn check(ours: &str, theirs: &str, expect: Option<Relation>) {
        check_within(0, ours, theirs, expect);
    }

    fn check_within(days: u32, ours: &str, theirs: &str, expect: Option<Relation>) {
        let date = |text: &str| {
            let claims = extract(text, &LineIndex::new(text)).claims;
            claims.into_iter().find(|c| matches!(c.kind, ClaimKind::Date(_))).expect("a date")
        };
        let (a, b) = (date(ours), date(theirs));
        let (ClaimKind::Date(x), ClaimKind::Date(y)) = (&a.kind, &b.kind) else { unreachable!() };
        assert_eq!(
            compare(&a, x, &b, y, days),
            expect,
            "\n  ours:   {ours} {:?}\n  theirs: {theirs} {:?}",
            a.subject,
            b.subject
        );
    }

    #[test]
    fn the_same_meeting_on_another_day_conflicts() {
        check(
            "Putin met Witkoff in Moscow on Wednesday.",
            "Russian President Vladimir Putin will meet US special envoy Steve Witkoff in Moscow on Tuesday.",
            Some(Relation::Contradicts),
        );
        check(
            "Putin met Witkoff in Moscow on Tuesday.",
            "Putin will meet Witkoff in Moscow on Tuesday (December 2).",
            Some(Relation::Supports),
        );
        check(
            "Putin met Witkoff in Moscow on Wednesday.",
            "Putin met Witkoff in Moscow on December 2, 2025.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn a_tolerance_in_days_lets_near_dates_agree() {
        let wednesday = "Putin met Witkoff in Moscow on Wednesday.";
        let tuesday = "Putin met Witkoff in Moscow on Tuesday (December 2).";
        check_within(1, wednesday, tuesday, Some(Relation::Supports));
        check_within(1, "Putin met Witkoff in Moscow on Monday.", tuesday, Some(Relation::Supports));
        check_within(1, "Putin met Witkoff in Moscow on Thursday.", tuesday, Some(Relation::Contradicts));
        let across_months = "Putin met Witkoff in Moscow on December 1, 2025.";
        check_within(1, across_months, "Putin met Witkoff in Moscow on November 30, 2025.", Some(Relation::Supports));
        check_within(
            0,
            across_months,
            "Putin met Witkoff in Moscow on November 30, 2025.",
            Some(Relation::Contradicts),
        );
    }

    #[test]
    fn different_events_and_bare_years_do_not_conflict() {
        check("Putin met Macron in Paris on Monday.", "Putin will meet Witkoff in Moscow on Tuesday.", None);
        check("Russian forces invaded Ukraine in 2014.", "Russian forces invaded Ukraine in 2022.", None);
    }
}
