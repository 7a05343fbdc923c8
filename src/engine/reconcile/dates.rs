//! Dates are compared when they date the same event: the words around them share a feature
//! ("last seen [Saturday]", "posted online on [August 19]") and the rest of the two passages
//! aligns. The date of a statement ("announced on Monday") is compared only with dates of
//! statements. Two dates agree when every part both state is equal; a weekday is checked against
//! a full date through the calendar. A project's tolerance in days lets dates that close agree.
//! To conflict, the passages must align as strongly as for a figure, each date must be the only
//! one of its kind in its sentence, and a bare year needs stronger alignment still ("in 2014" and
//! "in 2022" of one war).

use super::{slots, Pair, Relation};
use crate::engine::claim::ClaimKind;
use crate::engine::claim::{Date, DateValue};
use crate::engine::extract::{days_from_civil, weekday_of};

/// What two statements report must align this well for their days to conflict.
const STATEMENT_CONTENT: f64 = 0.3;
/// A bare year needs the rest of the passages to align this well to contradict.
const CONTRADICT_YEARS_REST: f64 = 0.4;

pub fn compare(pair: &Pair<'_>, x: &Date, y: &Date, tolerance_days: u32) -> Option<Relation> {
    if x.of_statement != y.of_statement {
        return None;
    }
    let rivals = |side: &super::Side<'_>, statement: bool| {
        slots::rivals(side, side.claim.span, &|c| match &c.kind {
            ClaimKind::Date(d) if d.of_statement == statement => vec![c.span],
            _ => Vec::new(),
        })
    };
    let (ours, theirs) = (pair.ours.claim.span, pair.theirs.claim.span);
    let (our_rivals, their_rivals) = (rivals(&pair.ours, x.of_statement), rivals(&pair.theirs, y.of_statement));
    let alignment = slots::align(
        pair,
        ours,
        theirs,
        &our_rivals,
        &their_rivals,
        slots::Reading { strict_before: true, skip_names: false, event_words: !x.of_statement },
    );
    let (ours_text, theirs_text) = (ours.slice(&pair.ours.doc.text), theirs.slice(&pair.theirs.doc.text));
    let loose = alignment.loosely_same() && !alignment.same_thing();
    if !alignment.same_thing() && !loose {
        alignment.trace("dates", ours_text, theirs_text, &pair.theirs.doc.name, &"skipped");
        return None;
    }
    let rest = alignment.rest();
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
    let only_years = a.month.is_none() && b.month.is_none() && a.weekday.is_none() && b.weekday.is_none();
    // The day of a statement conflicts only for the same statement: what is reported after the
    // date must align, not just who speaks ("Najib said Thursday that…", "Najib said Saturday that…").
    let same_statement = !x.of_statement || {
        let after = |side: &super::Side<'_>| -> Vec<crate::engine::align::Feature> {
            side.features().iter().filter(|f| f.span().start >= side.claim.span.end).copied().collect()
        };
        let content = crate::engine::align::overlap(&after(&pair.ours), &[], &after(&pair.theirs), &[], pair.idf);
        content.similarity() >= STATEMENT_CONTENT && content.count >= 2
    };
    let contradicts = alignment.contradiction_holds()
        && same_statement
        && (!only_years || rest.similarity() >= CONTRADICT_YEARS_REST);
    let relation = match compared.as_slice() {
        [] => None,
        _ if compared.iter().all(|same| *same) => Some(Relation::Supports),
        _ if loose => None,
        _ if contradicts => Some(Relation::Contradicts),
        _ => Some(Relation::Related),
    };
    alignment.trace("dates", ours_text, theirs_text, &pair.theirs.doc.name, &relation);
    relation
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

    fn check(ours: &str, theirs: &str, expect: Option<Relation>) {
        check_within(0, ours, theirs, expect);
    }

    fn check_within(days: u32, ours: &str, theirs: &str, expect: Option<Relation>) {
        let is_date = |c: &crate::engine::claim::Claim| matches!(c.kind, ClaimKind::Date(_));
        let tolerance = super::super::Tolerance { days, ..Default::default() };
        let got = super::super::compare_first(ours, theirs, is_date, tolerance);
        let got = got.first().map(|c| c.relation).filter(|r| *r != Relation::Related);
        assert_eq!(got, expect, "\n  ours:   {ours}\n  theirs: {theirs}");
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
        check(
            "Russian forces annexed Crimea in 2014.",
            "Russian forces launched a full-scale invasion of Ukraine in 2022.",
            None,
        );
        // The same event with another year is a conflict, a bare year or not.
        check(
            "Hewlett-Packard was founded in a Palo Alto garage in 1949.",
            "Hewlett-Packard was founded in a Palo Alto garage in 1939.",
            Some(Relation::Contradicts),
        );
    }
}
