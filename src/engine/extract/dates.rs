//! Dates in a sentence: weekdays (`on Tuesday`), days of a month (`December 2`, `2 December
//! 2025`, `Dec. 2`), months (`in August`, `in February 2022`) and event years (`in 2014`). A
//! weekday followed by its date (`Tuesday (December 2)`) is one date. Spans are sentence-relative.

use crate::engine::claim::DateValue;
use crate::engine::text::{calendar, words, Pattern, Span};
use regex::Regex;
use std::sync::OnceLock;

/// Month names and abbreviations as a regex alternation.
const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    pub span: Span,
    pub value: DateValue,
    /// Right after a reporting verb ("said Sunday", "announced late on Monday"): the day of a
    /// statement, not of the event it reports.
    pub of_statement: bool,
}

fn pattern() -> &'static Pattern {
    static PATTERN: OnceLock<Pattern> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Pattern::new(&format!(
            r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s*\(|,\s+)?(?P<wd_date>(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?\)?)?|\b(?P<m2>{MONTHS})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?|\b(?P<d3>\d{{1,2}})\s+(?P<m3>{MONTHS})(?:\s+(?P<y3>\d{{4}}))?\b|\b(?:in|since|by|until|before|after)\s+(?P<m4>{MONTHS})(?:,?\s+(?P<y4>\d{{4}}))?\b|\b(?:in|since|by|until|before|after)\s+(?P<y5>(?:19|20)\d{{2}})\b|\b(?P<m6>{MONTHS})\s+(?P<y6>(?:19|20)\d{{2}})\b"
        ))
        .expect("valid date pattern")
    })
}

pub fn dates(sentence: &str) -> Vec<FoundDate> {
    let mut found = Vec::new();
    for caps in pattern().on(sentence).captures_iter(sentence) {
        let Some(all) = caps.get(0) else { continue };
        let text = |names: &[&str]| names.iter().find_map(|n| caps.name(n)).map(|m| m.as_str());
        let weekday = caps.name("weekday").and_then(|w| calendar::weekday_number(w.as_str()));
        // "Black Friday", "Easter Sunday": a name, not a date.
        let before = sentence[..all.start()].trim_end();
        // "Black Friday" names a day; "On Tuesday" at the start of a sentence dates one.
        let named_day = weekday.is_some()
            && before.split_whitespace().last().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !crate::engine::text::is_stopword(&w.to_lowercase())
            })
            && !before.ends_with(['.', ',', ';', ':', '(']);
        if named_day && !sentence[..all.start()].trim().is_empty() {
            continue;
        }
        let month = text(&["m1", "m2", "m3", "m4", "m6"]).and_then(calendar::month_number);
        let day = text(&["d1", "d2", "d3"]).and_then(|d| d.parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
        let year = text(&["y1", "y2", "y3", "y4", "y5", "y6"]).and_then(|y| y.parse::<u16>().ok());
        if month.is_some_and(|m| m == 5) && day.is_none() && year.is_none() {
            continue; // "in May" is too often the verb: "in may be".
        }
        // "officials said Sunday that…": the day of the statement, not of the event it reports.
        let previous = words(before)
            .into_iter()
            .rev()
            .find(|w| !matches!(w.lower().as_str(), "on" | "early" | "late" | "this" | "last" | "next"))
            .map(|w| w.lower());
        let of_statement = previous.is_some_and(|w| super::attribution::is_reporting_verb(&w));
        let mut span = Span::new(all.start(), all.end());
        let matched = span.slice(sentence);
        let trimmed = matched.trim_end_matches([' ', ',', '(']);
        span = Span::new(span.start, span.start + trimmed.len());
        // "in August": the date is the month, not the preposition.
        let lead = matched.len() - matched.trim_start_matches(|c: char| c.is_lowercase() || c == ' ').len();
        let span = Span::new(span.start + lead.min(span.len()), span.end);
        found.push(FoundDate { span, value: DateValue { weekday, day, month, year }, of_statement });
    }
    found
}

/// Day of the week (0 = Monday) of a calendar date, by Zeller's congruence.
pub fn weekday_of(year: u16, month: u8, day: u8) -> u8 {
    let (y, m) =
        if month < 3 { (i64::from(year) - 1, i64::from(month) + 12) } else { (i64::from(year), i64::from(month)) };
    let (k, j) = (y % 100, y / 100);
    let h = (i64::from(day) + (13 * (m + 1)) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    // Zeller: 0 = Saturday, 1 = Sunday, 2 = Monday…
    ((h + 5) % 7) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, weekday, day, month, year)
    type Expected<'a> = (&'a str, Option<u8>, Option<u8>, Option<u8>, Option<u16>);

    fn check(sentence: &str, expect: &[Expected<'_>]) {
        let got: Vec<Expected<'_>> = dates(sentence)
            .into_iter()
            .map(|d| (d.span.slice(sentence), d.value.weekday, d.value.day, d.value.month, d.value.year))
            .collect();
        assert_eq!(got, expect, "in {sentence:?}");
    }

    #[test]
    fn weekdays_days_months_and_years() {
        check(
            "They met on Tuesday (December 2) in Moscow.",
            &[("Tuesday (December 2)", Some(1), Some(2), Some(12), None)],
        );
        check(
            "It began in February 2022, not in 2014.",
            &[("February 2022", None, None, Some(2), Some(2022)), ("2014", None, None, None, Some(2014))],
        );
        check(
            "Signed on 2 December 2025 and Dec. 3.",
            &[("2 December 2025", None, Some(2), Some(12), Some(2025)), ("Dec. 3", None, Some(3), Some(12), None)],
        );
        check("A summit in Alaska in August.", &[("August", None, None, Some(8), None)]);
    }

    #[test]
    fn named_days_and_days_of_statements_are_not_event_dates() {
        check("Shoppers flocked to Black Friday sales.", &[]);
        check("On Tuesday the agency stepped up its search.", &[("Tuesday", Some(1), None, None, None)]);
        let statement_days = |sentence: &str| -> Vec<bool> { dates(sentence).iter().map(|d| d.of_statement).collect() };
        assert_eq!(statement_days("Iraqi officials said Sunday that the leader was wounded."), vec![true]);
        assert_eq!(statement_days("The government said early Wednesday that the video is authentic."), vec![true]);
        assert_eq!(statement_days("The leader was wounded on Sunday, officials said."), vec![false]);
        check("He was kidnapped in November, 2012.", &[("November, 2012", None, None, Some(11), Some(2012))]);
    }

    #[test]
    fn zeller_knows_the_calendar() {
        assert_eq!(weekday_of(2025, 12, 2), 1, "2 December 2025 was a Tuesday");
        assert_eq!(weekday_of(2022, 2, 24), 3, "24 February 2022 was a Thursday");
        assert_eq!(weekday_of(2000, 1, 1), 5, "1 January 2000 was a Saturday");
    }
}

/// The article's own date, where a dateline or a caption gives it: a full date on the article's
/// first line or on a caption line (`…, December 2, 2025. REUTERS/…`), or a weekday written with
/// its date (`Tuesday (December 2)`). A date deeper in the story is usually some other event's.
/// `from_dateline` gives the first `full_date` of the first line's first sentence, else of the
/// captions; `with_weekday` the first `date_with_weekday` of the body's sentences, asked only when
/// no dateline or caption gives the date (a revised reading knows most sentences' already).
pub fn article_date(
    from_dateline: impl FnOnce() -> Option<DateValue>,
    with_weekday: impl FnOnce() -> Option<DateValue>,
) -> Option<DateValue> {
    from_dateline().or_else(with_weekday).map(|v| match (v.weekday, v.year, v.month, v.day) {
        (None, Some(y), Some(m), Some(d)) => DateValue { weekday: Some(weekday_of(y, m, d)), ..v },
        _ => v,
    })
}

/// The first date of a sentence that gives its day, month and year.
pub fn full_date(sentence: &str) -> Option<DateValue> {
    dates(sentence).into_iter().map(|d| d.value).find(|v| v.day.is_some() && v.month.is_some() && v.year.is_some())
}

/// The first date of a sentence that gives its weekday, day and month ("Tuesday, March 3").
pub fn date_with_weekday(sentence: &str) -> Option<DateValue> {
    dates(sentence).into_iter().map(|d| d.value).find(|v| v.weekday.is_some() && v.day.is_some() && v.month.is_some())
}

/// The date an article's head gives itself: a `date:` line of Markdown front matter, or an
/// "Updated …" / "Published …" / "Posted …" line among its first lines. The latest such date is
/// the article's: an update supersedes the first publication.
pub fn header_date(text: &str) -> Option<DateValue> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static STAMP: OnceLock<Regex> = OnceLock::new();
    let iso = ISO.get_or_init(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid ISO date pattern"));
    let stamp = STAMP.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:last\s+)?(?:updated|published|posted|date)\s*(?::|on\b)?\s*(.+)$")
            .expect("valid stamp pattern")
    });
    let mut lines = text.lines().take(HEADER_LINES);
    let in_front_matter = text.lines().next().is_some_and(|l| l.trim() == "---");
    if in_front_matter {
        lines.next();
    }
    let parse = |value: &str| -> Option<DateValue> {
        if let Some(c) = iso.captures(value) {
            let (year, month, day) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                return Some(DateValue {
                    weekday: Some(weekday_of(year, month, day)),
                    day: Some(day),
                    month: Some(month),
                    year: Some(year),
                });
            }
        }
        let full = full_date(value)?;
        let (y, m, d) = (full.year?, full.month?, full.day?);
        Some(DateValue { weekday: Some(weekday_of(y, m, d)), ..full })
    };
    let mut latest: Option<DateValue> = None;
    for line in lines {
        if in_front_matter && line.trim() == "---" {
            break;
        }
        let Some(value) = stamp.captures(line).and_then(|c| c.get(1)).map(|m| m.as_str()) else { continue };
        if let Some(date) = parse(value) {
            let key = |d: &DateValue| (d.year, d.month, d.day);
            if latest.as_ref().is_none_or(|l| key(&date) > key(l)) {
                latest = Some(date);
            }
        }
    }
    latest
}

/// How far into an article its head (front matter, an update stamp) is looked for.
const HEADER_LINES: usize = 12;

/// A weekday-only date ("on Sunday") resolved to the latest such day on or before the article's
/// date, as news copy uses them; other dates are returned as they are.
pub fn resolve(date: DateValue, anchor: &DateValue) -> DateValue {
    let (Some(weekday), None, Some(anchor_weekday), Some(day), Some(month)) =
        (date.weekday, date.day, anchor.weekday, anchor.day, anchor.month)
    else {
        return date;
    };
    let back = i64::from((anchor_weekday + 7 - weekday) % 7);
    let year = anchor.year.unwrap_or(2001); // a common year when the article gives none
    let (y, m, d) = civil_from_days(days_from_civil(i64::from(year), i64::from(month), i64::from(day)) - back);
    DateValue { weekday: Some(weekday), day: Some(d as u8), month: Some(m as u8), year: anchor.year.map(|_| y as u16) }
}

/// "yesterday", "today", "N years ago": dates relative to the article's date. Spans are
/// sentence-relative.
pub fn relative_dates(sentence: &str, anchor: &DateValue) -> Vec<FoundDate> {
    static RELATIVE: OnceLock<Pattern> = OnceLock::new();
    let relative = RELATIVE.get_or_init(|| {
        Pattern::new(r"(?i)\b(?:(?P<yesterday>yesterday)|(?P<today>today)|(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+years?\s+ago|(?P<which>last|this)\s+(?P<period>week|month|year))\b")
            .expect("valid relative date pattern")
    });
    let mut found = Vec::new();
    for caps in relative.on(sentence).captures_iter(sentence) {
        let Some(all) = caps.get(0) else { continue };
        let value = if let (Some(which), Some(period)) = (caps.name("which"), caps.name("period")) {
            match period_of(&which.as_str().to_lowercase(), &period.as_str().to_lowercase(), anchor) {
                Some(value) => value,
                None => continue,
            }
        } else if caps.name("n").is_some() {
            let n = caps.name("n").map(|n| n.as_str().to_lowercase()).unwrap_or_default();
            let years = n
                .parse::<u16>()
                .ok()
                .or_else(|| super::numbers::UNITS.iter().find(|(w, _)| *w == n).map(|(_, v)| *v as u16));
            match (years, anchor.year) {
                (Some(years), Some(year)) => {
                    DateValue { year: Some(year.saturating_sub(years)), ..DateValue::default() }
                }
                _ => continue,
            }
        } else {
            let (Some(year), Some(month), Some(day)) = (anchor.year, anchor.month, anchor.day) else { continue };
            let back = i64::from(caps.name("yesterday").is_some());
            let (y, m, d) = civil_from_days(days_from_civil(i64::from(year), i64::from(month), i64::from(day)) - back);
            let (y, m, d) = (y as u16, m as u8, d as u8);
            DateValue { weekday: Some(weekday_of(y, m, d)), day: Some(d), month: Some(m), year: Some(y) }
        };
        found.push(FoundDate { span: Span::new(all.start(), all.end()), value, of_statement: false });
    }
    found
}

/// "last week", "last month", "this year"…: the month (and year) the period falls in. A week that
/// runs over two months says nothing a month could check, and gives no date.
fn period_of(which: &str, period: &str, anchor: &DateValue) -> Option<DateValue> {
    let (year, month) = (anchor.year?, anchor.month?);
    let last = which == "last";
    match period {
        "year" => Some(DateValue { year: Some(if last { year - 1 } else { year }), ..DateValue::default() }),
        "month" => {
            let (y, m) = if !last {
                (year, month)
            } else if month == 1 {
                (year - 1, 12)
            } else {
                (year, month - 1)
            };
            Some(DateValue { month: Some(m), year: Some(y), ..DateValue::default() })
        }
        _ => {
            let (day, weekday) = (anchor.day?, anchor.weekday?);
            let today = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
            let monday = today - i64::from(weekday) - if last { 7 } else { 0 };
            let (start, end) = (civil_from_days(monday), civil_from_days(monday + 6));
            (start.0 == end.0 && start.1 == end.1).then(|| DateValue {
                month: Some(start.1 as u8),
                year: Some(start.0 as u16),
                ..DateValue::default()
            })
        }
    }
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod relative_tests {
    use super::*;

    fn tuesday_2_december_2025() -> DateValue {
        DateValue { weekday: Some(1), day: Some(2), month: Some(12), year: Some(2025) }
    }

    #[test]
    fn front_matter_and_update_stamps_date_an_article() {
        let front = "---\ntitle: Talks\ndate: 2025-12-02\n---\nEnvoys met on Tuesday.";
        assert_eq!(
            header_date(front).map(|d| (d.year, d.month, d.day, d.weekday)),
            Some((Some(2025), Some(12), Some(2), Some(1)))
        );
        let stamped = "Talks resume\nPublished December 1, 2025\nUpdated: December 3, 2025\nEnvoys met.";
        assert_eq!(header_date(stamped).map(|d| d.day), Some(Some(3)), "the update is the article's date");
        assert_eq!(header_date("Envoys met on 2 December 2025 in Moscow."), None, "a date in the story is no stamp");
        assert_eq!(header_date("---\ndate: 2025-13-40\n---\n"), None, "an impossible date is ignored");
    }

    fn article_date_of(first_line: &str, captions: &[&str], sentences: &[&str]) -> Option<DateValue> {
        let from_dateline = || full_date(first_line).or_else(|| captions.iter().find_map(|c| full_date(c)));
        article_date(from_dateline, || sentences.iter().find_map(|s| date_with_weekday(s)))
    }

    #[test]
    fn the_article_date_comes_from_a_dateline_or_caption() {
        let anchor = article_date_of("A headline", &["A motorcade departs, December 2, 2025. REUTERS/Anna Smith"], &[]);
        assert_eq!(anchor, Some(tuesday_2_december_2025()));
        assert_eq!(
            article_date_of("Body text.", &[], &["Putin met him in 2014 and on March 3, 2020."]),
            None,
            "a date in the story is no dateline"
        );
        let anchor = article_date_of("Body.", &[], &["Envoys arrived on Tuesday (December 2) for talks."]);
        assert_eq!(anchor, Some(DateValue { weekday: Some(1), day: Some(2), month: Some(12), year: None }));
    }

    #[test]
    fn weekdays_and_relative_dates_resolve_against_it() {
        let anchor = tuesday_2_december_2025();
        let sunday = DateValue { weekday: Some(6), ..DateValue::default() };
        assert_eq!(
            resolve(sunday, &anchor),
            DateValue { weekday: Some(6), day: Some(30), month: Some(11), year: Some(2025) }
        );
        let tuesday = DateValue { weekday: Some(1), ..DateValue::default() };
        assert_eq!(resolve(tuesday, &anchor).day, Some(2));
        let found: Vec<(String, DateValue)> =
            relative_dates("He spoke yesterday about the war he began four years ago.", &anchor)
                .into_iter()
                .map(|d| (format!("{:?}", d.span), d.value))
                .collect();
        assert_eq!(found[0].1, DateValue { weekday: Some(0), day: Some(1), month: Some(12), year: Some(2025) });
        assert_eq!(found[1].1.year, Some(2021));
        let periods: Vec<DateValue> =
            relative_dates("Last week and last month, as this year.", &anchor).into_iter().map(|d| d.value).collect();
        assert_eq!(
            periods,
            vec![
                DateValue { month: Some(11), year: Some(2025), ..DateValue::default() },
                DateValue { month: Some(11), year: Some(2025), ..DateValue::default() },
                DateValue { year: Some(2025), ..DateValue::default() },
            ]
        );
    }

    #[test]
    fn day_counts_round_trip() {
        for days in [-1_000_000, -1, 0, 1, 19_000, 20_424, 1_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(days_from_civil(2025, 3, 1) - 1), (2025, 2, 28));
    }
}
