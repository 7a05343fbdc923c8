//! Figures in a sentence: a number with its unit, dimension, hedge and the interval it allows.
//! Spans are relative to the sentence. Numbers that are names (`Global 7500`, `World War Two`),
//! dates and years, and bare numbers with nothing counted are not figures.

use super::numbers::{self, Stated};
use crate::engine::claim::{Change, Dimension, Hedge, Measure};
use crate::engine::text::{calendar, first_words, stem, with_to_lowercase, words, Pattern, Span};
use regex::Regex;
use std::sync::OnceLock;

const HEDGES: &str = r"more\s+than|within|upwards\s+of|just\s+under|close\s+to|an\s+estimated|at\s+least|no\s+fewer\s+than|no\s+less\s+than|up\s+to|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than|over|above|nearly|almost|about|around|roughly|approximately|some|under|below";
const NUMBER_WORDS: &str = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const FRACTION_WORDS: &str = r"half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?";
const NOT_A_FRACTION_BEFORE: &[&str] = &[
    "the", "northern", "southern", "eastern", "western", "first", "second", "third", "fourth", "last", "other",
    "latter", "former", "back", "front", "top", "bottom", "this", "that", "each", "every",
];
const IDIOMS: &[&str] = &["one day", "one of", "one another", "one by one", "no one", "one time"];

fn number_pattern() -> &'static Pattern {
    static PATTERN: OnceLock<Pattern> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Pattern::new(&format!(
            r"(?i)(?P<hedge>\b(?:{HEDGES})\s+|~\s?)?(?:(?P<frac>\b(?:(?:a|one|two|three|four)[\s-])?(?:{FRACTION_WORDS}))\b|(?P<cur>[$€£])?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k|tn)\b)?|(?P<long>\b(?:hour|day|week|month|year)-?long)\b|(?P<words>\b(?:tens|hundreds)\s+of\s+thousands|\b(?:a\s+)?dozens?|\bhundreds|\bthousands|\bmillions|\b(?:{NUMBER_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+(?:hundred|thousand|million|billion))?)\b|(?P<article>\ban?)\b)"
        ))
        .expect("valid number pattern")
    })
}

struct Unit {
    dimension: Dimension,
    factor: f64,
    /// Bytes after the number that belong to the figure's text (` per cent`, `-year`).
    len: usize,
}

/// A unit pattern, matched right after the number; the characters its match can open with
/// after spaces and hyphens (ASCII, lowercase: `may_open`); and how to read its dimension and
/// factor.
type UnitPattern = (Pattern, &'static str, fn(&regex::Captures) -> Option<(Dimension, f64)>);

fn unit_patterns() -> &'static [UnitPattern] {
    static PATTERNS: OnceLock<Vec<UnitPattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let r = |p: &str| Pattern::new(p).expect("valid unit pattern");
        vec![
            (r(r"(?i)^\s?(?:%|per\s?cent\b|percent\b|pct\b)"), "%p", |_| Some((Dimension::Share, 1.0))),
            (r(r"(?i)^[\s-]+percentage[\s-]points?\b"), "p", |_| Some((Dimension::PercentagePoints, 1.0))),
            (r(r"(?i)^[\s-]*(?:square|sq\.?)[\s-]*(?:kilometres|kilometers|kilometre|kilometer|km)\b|^\s?km(?:2\b|²)"), "sk", |_| Some((Dimension::Area, 1.0))),
            (r(r"(?i)^[\s-]*(?:square|sq\.?)[\s-]*(?:miles?|mi)\b"), "s", |_| Some((Dimension::Area, 2.589_988))),
            (r(r"(?i)^[\s-]*(?:kilometres|kilometers|kilometre|kilometer|km)\b"), "k", |_| Some((Dimension::Length, 1.0))),
            (r(r"(?i)^[\s-]*miles?\b"), "m", |_| Some((Dimension::Length, 1.609_344))),
            (r(r"(?i)^[\s-]*(?:metres|meters|metre|meter)\b"), "m", |_| Some((Dimension::Length, 0.001))),
            (r(r"(?i)^[\s-]*(?P<u>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"), "smhdwy", |c| {
                Some((Dimension::Duration, duration_days(c.name("u")?.as_str())?))
            }),
            (r(r"(?i)^\s+(?:US\s+|U\.S\.\s+)?(?P<c>dollars|euros|pounds(?:\s+sterling)?)\b"), "udep", |c| {
                let currency = match c.name("c")?.as_str().to_lowercase().as_str() {
                    "dollars" => "USD",
                    "euros" => "EUR",
                    _ => "GBP",
                };
                Some((Dimension::Money(currency.into()), 1.0))
            }),
            (r(r"^-(?P<w>[a-z]+)\b"), "abcdefghijklmnopqrstuvwxyz", |c| {
                Some((Dimension::Count(stem(c.name("w")?.as_str())), 1.0))
            }),
        ]
    })
}

/// Whether a unit pattern whose match opens, after spaces and hyphens, with one of `opens` can
/// match `after`: not when the first other character is ASCII and none of them (the patterns
/// are searched after every number, and most numbers have no unit). Characters beyond ASCII are
/// left to the pattern: case-insensitive matching folds some of them onto ASCII letters (`K`,
/// `ſ`).
fn may_open(after: &str, opens: &str) -> bool {
    match after.chars().find(|&c| !c.is_whitespace() && c != '-') {
        Some(c) if c.is_ascii() => opens.contains(c.to_ascii_lowercase()),
        Some(_) => true,
        None => false,
    }
}

/// Days in one of a duration unit (`week`, `months`).
fn duration_days(unit: &str) -> Option<f64> {
    Some(match unit.to_lowercase().trim_end_matches('s') {
        "second" => 1.0 / 86_400.0,
        "minute" => 1.0 / 1_440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 30.44,
        "year" => 365.25,
        "decade" => 3_652.5,
        _ => return None,
    })
}

/// "a week", "an hour", "yearlong": one of a unit, as loosely as a word states it.
const ONE: Stated = Stated { value: 1.0, precision: 0.25, bounds: None };

/// "a week later", "take a year", "within a month", "a mile away" measure one unit; "a day off",
/// "a year of talks" name a thing.
fn measures_one_unit(caps: &regex::Captures, before: &str, after_unit: &str) -> bool {
    const LEADS: &[&str] = &[
        "for", "take", "takes", "took", "taking", "last", "lasts", "lasted", "lasting", "over", "spent", "spend",
        "only", "just", "than",
    ];
    const FOLLOWS: &[&str] = &["later", "after", "earlier", "before", "away", "long", "from", "off-shore", "offshore"];
    let previous = words(before).last().map(|w| w.lower());
    let next = words(after_unit).first().map(|w| w.lower());
    caps.name("hedge").is_some()
        || previous.is_some_and(|w| LEADS.contains(&w.as_str()))
        || next.is_some_and(|w| FOLLOWS.contains(&w.as_str()) && !after_unit.trim_start().starts_with("off "))
}

/// Every figure in `sentence`, in order.
pub fn measures(sentence: &str) -> Vec<Measure> {
    let matches: Vec<regex::Captures> = number_pattern().on(sentence).captures_iter(sentence).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < matches.len() {
        let (caps, next) = (&matches[i], matches.get(i + 1));
        if let Some(range) = next.and_then(|next| range_of(sentence, caps, next)) {
            found.push(range);
            i += 2;
            continue;
        }
        if let Some(all) = caps.get(0) {
            found.extend(measure_from(sentence, caps, Span::new(all.start(), all.end())));
        }
        i += 1;
    }
    found
}

/// "between 10 and 15 people", "$3.70 to $3.74 per share", "$3.83-$4.03": one figure from the
/// first number to the second. "from 28 to 20" is a change, not a range.
fn range_of(sentence: &str, first: &regex::Captures, second: &regex::Captures) -> Option<Measure> {
    static JOIN: OnceLock<Regex> = OnceLock::new();
    let join = JOIN.get_or_init(|| Regex::new(r"^\s*(?:and|to|-|–)\s*$").expect("valid range pattern"));
    let (a, b) = (first.get(0)?, second.get(0)?);
    let (a_digits, b_digits) = (first.name("num")?, second.name("num")?);
    if first.name("hedge").is_some() || !join.is_match(&sentence[a.end()..b.start()]) {
        return None;
    }
    let previous = words(&sentence[..a.start()]).pop();
    let before = previous.as_ref().map(|w| w.lower());
    let connector = sentence[a.end()..b.start()].trim();
    // "from 28 to 20" and "by 5,000 to 55,000" are changes, not ranges.
    if matches!(before.as_deref(), Some("from" | "by")) || (connector == "and" && before.as_deref() != Some("between"))
    {
        return None;
    }
    let mut measure = measure_from(sentence, second, Span::new(b.start(), b.end()))?;
    let b_stated = numbers::parse_digits(b_digits.as_str()).filter(|b| b.value != 0.0)?;
    let scale = |caps: &regex::Captures| caps.name("scale").and_then(|s| numbers::scale(s.as_str()));
    let b_scale = scale(second).unwrap_or(1.0);
    let factor = measure.value / (b_stated.value * b_scale);
    let a_stated = numbers::parse_digits(a_digits.as_str())?;
    let a_value = a_stated.value * scale(first).unwrap_or(b_scale) * factor;
    let start = match &previous {
        Some(word) if before.as_deref() == Some("between") => word.span.start,
        _ => a.start(),
    };
    measure.change = change_of(&sentence[..start]);
    measure.low = measure.low.min(a_value - a_stated.precision * factor);
    measure.value = (a_value + measure.value) / 2.0;
    measure.span = Span::new(start, measure.span.end);
    measure.text = measure.span.slice(sentence).to_string();
    Some(measure)
}

fn measure_from(sentence: &str, caps: &regex::Captures, matched: Span) -> Option<Measure> {
    let hedge = caps.name("hedge").map_or(Hedge::Exact, |h| hedge_of(h.as_str()));
    let number_start = caps.name("hedge").map_or(matched.start, |h| h.end());
    let before = &sentence[..matched.start];
    let after = &sentence[matched.end..];
    // "2,500km", "19%": a unit may stand right against the number; any other letter makes a word.
    let glued_unit = || {
        caps.name("num").is_some()
            && unit_patterns().iter().any(|(pattern, opens, _)| {
                may_open(after, opens) && pattern.on(after).find(after).is_some_and(|m| m.start() == 0 && !m.is_empty())
            })
    };
    if before.chars().last().is_some_and(|c| c.is_alphanumeric())
        || (after.chars().next().is_some_and(|c| c.is_alphabetic()) && !glued_unit())
    {
        return None;
    }
    if is_name_or_date(sentence, before) {
        return None;
    }
    // "HPQ +2.00%": a ticker's move, not a stated figure.
    if before.ends_with(['+', '−', '±']) {
        return None;
    }
    // The idioms are ASCII: the characters after the longest of them cannot change whether the
    // text opens with one, so only that many are lowercased.
    let longest = IDIOMS.iter().map(|idiom| idiom.len()).max().unwrap_or(0);
    let rest = &sentence[number_start..];
    let head = rest.char_indices().nth(longest + 1).map_or(rest, |(at, _)| &rest[..at]);
    if with_to_lowercase(head, |lower| IDIOMS.iter().any(|idiom| lower.starts_with(idiom))) {
        return None;
    }

    let (stated, fixed_unit) = if let Some(frac) = caps.name("frac") {
        // "a fifth of Ukraine", or a share standing as a subject: "two-thirds were Chinese".
        let next = words(after).first().map(|w| w.lower()).unwrap_or_default();
        let as_subject = matches!(next.as_str(), "were" | "was" | "are" | "is" | "have" | "had");
        if !after.trim_start().to_lowercase().starts_with("of ") && !as_subject {
            return None;
        }
        let bare = !frac.as_str().contains([' ', '-']);
        let previous = words(before).last().map(|w| w.lower()).unwrap_or_default();
        if bare && caps.name("hedge").is_none() && NOT_A_FRACTION_BEFORE.contains(&previous.as_str()) {
            return None;
        }
        (numbers::parse_fraction(frac.as_str())?, Some(Unit { dimension: Dimension::Share, factor: 1.0, len: 0 }))
    } else if let Some(num) = caps.name("num") {
        let mut stated = numbers::parse_digits(num.as_str())?;
        if let Some(scale) = caps.name("scale").and_then(|s| numbers::scale(s.as_str())) {
            stated.value *= scale;
            stated.precision *= scale;
        }
        let currency = caps.name("cur").map(|c| match c.as_str() {
            "$" => "USD",
            "€" => "EUR",
            _ => "GBP",
        });
        (stated, currency.map(|c| Unit { dimension: Dimension::Money(c.into()), factor: 1.0, len: 0 }))
    } else if let Some(long) = caps.name("long") {
        let unit = long.as_str().to_lowercase();
        let days = duration_days(unit.trim_end_matches("long").trim_end_matches('-'))?;
        (ONE, Some(Unit { dimension: Dimension::Duration, factor: days, len: 0 }))
    } else if caps.name("article").is_some() {
        let unit = unit_after(after)?;
        if !matches!(unit.dimension, Dimension::Duration | Dimension::Length)
            || !measures_one_unit(caps, before, &after[unit.len..])
        {
            return None;
        }
        (ONE, Some(unit))
    } else {
        (numbers::parse_words(caps.name("words")?.as_str())?, None)
    };

    let unit = match fixed_unit {
        Some(unit) => unit,
        None => unit_after(after).or_else(|| {
            counted_before(before).map(|noun| Unit { dimension: Dimension::Count(noun), factor: 1.0, len: 0 })
        })?,
    };
    if let Some(num) = caps.name("num") {
        let year_like =
            num.as_str().len() == 4 && (1800.0..=2100.0).contains(&stated.value) && caps.name("scale").is_none();
        if year_like && matches!(unit.dimension, Dimension::Count(_)) && caps.name("cur").is_none() {
            return None;
        }
    }

    // "a 31-year-old journalist": an age, not a duration.
    let rest = &after[unit.len..];
    if unit.dimension == Dimension::Duration && (rest.starts_with("-old") || rest.starts_with(" old")) {
        return None;
    }
    // "nearly four years ago" names a time, not a quantity: dates are compared as dates.
    if unit.dimension == Dimension::Duration && words(&after[unit.len..]).first().is_some_and(|w| w.lower() == "ago") {
        return None;
    }
    let span = Span::new(matched.start, matched.end + unit.len);
    let text = span.slice(sentence).trim_end().to_string();
    let span = Span::new(span.start, span.start + text.len());
    let (low, high) = interval(&stated, hedge, unit.factor);
    let whole = (unit.dimension == Dimension::Share).then(|| super::subject::whole_after(sentence, span.end)).flatten();
    let per_unit = is_per_unit(before, &sentence[span.end..]);
    let change = change_of(before);
    let predicate = match &unit.dimension {
        Dimension::Count(noun) => counted_predicate(&sentence[span.end..], noun),
        _ => None,
    };
    let value = stated.value * unit.factor;
    Some(Measure {
        span,
        text,
        dimension: unit.dimension,
        value,
        stated: stated.value,
        hedge,
        low,
        high,
        whole,
        per_unit,
        predicate,
        change,
        rivals_in_sentence: 0,
    })
}

/// Which end of a reported change a figure is, from the words before it: `rose to`, `narrowed
/// down to`, `boosted … by 5,000 to` (after); `up from`, `from an earlier estimate of`,
/// `originally` (before); `by` after a verb of change (the size of the change).
fn change_of(before: &str) -> Change {
    const VERBS: &str = "rose|rise|rises|risen|rising|increased|increase|increases|grew|grow|grows|climbed|climb|climbs|jumped|jump|jumps|soared|soar|fell|fall|falls|fallen|dropped|drop|drops|declined|decline|declines|decreased|decrease|slipped|plunged|narrowed|cut|cuts|raised|raise|raises|lowered|lower|revised|revise|reduced|reduce|expanded|expand|trimmed|trim|shrank|shrink|widened|updated|changed|boosted|boost|boosts|lifted|lift|hiked|doubled|tripled|brought|pushed|upped";
    static AFTER: OnceLock<Pattern> = OnceLock::new();
    static BEFORE: OnceLock<Pattern> = OnceLock::new();
    static BY: OnceLock<Pattern> = OnceLock::new();
    let after = AFTER.get_or_init(|| {
        Pattern::new(&format!(r"(?i)\b(?:{VERBS})\b(?:[\s,]+[\w'’-]+){{0,12}}?\s+to\s*$"))
            .expect("valid change pattern")
    });
    let before_change = BEFORE.get_or_init(|| {
        Pattern::new(r"(?i)(?:\b(?:up|down)\s+from|\bfrom\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:(?:original|initial|earlier|previous|prior|old)\s+)?(?:(?:estimate|figure|forecast|projection|target|plan|total|count|toll)\s+(?:of\s+)?)?|\b(?:originally|initially|previously|earlier|original|previous)\b(?:\s+[\w'’-]+){0,6}?)\s*$")
            .expect("valid change pattern")
    });
    let by = BY.get_or_init(|| {
        Pattern::new(&format!(r"(?i)\b(?:{VERBS})\b(?:\s+[\w'’-]+){{0,8}}?\s+by\s*$")).expect("valid change pattern")
    });
    let clause = before.rsplit([';', '.', '(', ')']).next().unwrap_or(before);
    if before_change.on(clause).is_match(clause) {
        Change::From
    } else if by.on(clause).is_match(clause) {
        Change::By
    } else if after.on(clause).is_match(clause) {
        Change::To
    } else {
        Change::None
    }
}

/// "each with $50 billion", "$3.70 per share", "an average of 12": a rate, not a total.
fn is_per_unit(before: &str, after: &str) -> bool {
    let before_words: Vec<String> = words(before).iter().rev().take(3).map(|w| w.lower()).collect();
    let after_word = words(after).first().map(|w| w.lower());
    // Nearest first: the "per" of "12 per cent to $4.2 billion" is no rate.
    let rate_word = |i: usize, w: &str| match w {
        "each" | "average" | "apiece" => true,
        "per" => i == 0 || before_words[i - 1] != "cent",
        _ => false,
    };
    before_words.iter().enumerate().any(|(i, w)| rate_word(i, w))
        || after_word.is_some_and(|w| matches!(w.as_str(), "per" | "each" | "apiece"))
}

/// Counts, for each figure, the other figures of the same dimension in its sentence.
pub fn mark_rivals(measures: &mut [Measure]) {
    let dimensions: Vec<Dimension> = measures.iter().map(|m| m.dimension.clone()).collect();
    for measure in measures.iter_mut() {
        measure.rivals_in_sentence = dimensions.iter().filter(|d| **d == measure.dimension).count() - 1;
    }
}

/// A capitalised word right before a number makes it part of a name (`Global 7500`, `World War Two`),
/// a month makes it a date (`December 2`).
fn is_name_or_date(sentence: &str, before: &str) -> bool {
    let previous_words = words(before);
    let Some(previous) = previous_words.last() else {
        return false;
    };
    let gap = &before[previous.span.end..];
    if !gap.trim().is_empty() {
        return false;
    }
    if calendar::month_number(previous.text).is_some() && calendar::is_calendar_word(previous.text) {
        return true;
    }
    let sentence_initial = sentence[..previous.span.start].trim().is_empty();
    previous.is_capitalized() && !sentence_initial && !hedge_words().contains(&previous.lower().as_str())
}

fn hedge_words() -> &'static [&'static str] {
    &["about", "around", "some", "nearly", "almost", "over", "roughly", "approximately", "under", "below", "above"]
}

fn unit_after(after: &str) -> Option<Unit> {
    for (pattern, opens, build) in unit_patterns() {
        if !may_open(after, opens) {
            continue;
        }
        if let Some(caps) = pattern.on(after).captures(after) {
            let (dimension, factor) = build(&caps)?;
            return Some(Unit { dimension, factor, len: caps.get(0).map_or(0, |m| m.end()) });
        }
    }
    counted_noun(after).map(|noun| Unit { dimension: Dimension::Count(noun), factor: 1.0, len: 0 })
}

/// What a bare number counts: the first plural noun within four words (`28 US draft peace
/// proposals`), or a casualty word (`1.2 million killed or wounded`).
fn counted_noun(after: &str) -> Option<String> {
    let clause_end = after.find([',', '.', ';', ':', '(', ')', '—', '–', '"', '“', '”']).unwrap_or(after.len());
    let clause = &after[..clause_end];
    if !clause.starts_with(' ') {
        return None;
    }
    // Only the first four words are read.
    let tokens = first_words(clause, 4);
    let lowered: Vec<String> = tokens.iter().map(|w| w.lower()).collect();
    if let Some(first) = lowered.first() {
        let second = lowered.get(2).map(String::as_str);
        let casualty = |w: &str| matches!(w, "killed" | "dead" | "deaths" | "died" | "fatalities");
        let injury = |w: &str| matches!(w, "wounded" | "injured" | "injuries" | "hurt");
        if (casualty(first) || injury(first))
            && matches!(lowered.get(1).map(String::as_str), Some("or") | Some("and"))
            && second.is_some_and(|w| casualty(w) || injury(w))
        {
            return Some("casualty".into());
        }
        if casualty(first) {
            return Some("death".into());
        }
        if injury(first) {
            return Some("injury".into());
        }
        if first == "casualties" {
            return Some("casualty".into());
        }
    }
    for (word, lower) in tokens.iter().zip(&lowered).take(4) {
        const STOP: &[&str] = &[
            "of", "and", "or", "to", "in", "on", "at", "for", "by", "from", "with", "than", "as", "who", "that",
            "which", "were", "was", "are", "is", "had", "has", "have", "among", "be", "been",
        ];
        let another_number =
            lower.starts_with(|c: char| c.is_ascii_digit()) || numbers::UNITS.iter().any(|(w, _)| w == lower);
        if STOP.contains(&lower.as_str()) || another_number {
            return None;
        }
        if word.is_capitalized() {
            continue;
        }
        let irregular = matches!(
            lower.as_str(),
            "people" | "children" | "men" | "women" | "police" | "personnel" | "staff" | "cattle"
        );
        let plural = lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is");
        if irregular || plural {
            let previous = tokens.iter().take_while(|w| w.span.start < word.span.start).last();
            return Some(counted(previous.map(|w| w.text), word.text));
        }
    }
    None
}

/// A counted noun as compared: its concept where the table has one ("job cuts", "layoffs" →
/// layoff), else its stem.
fn counted(previous: Option<&str>, noun: &str) -> String {
    let concepts = crate::engine::concepts::of_phrase;
    if let Some(concept) = previous.and_then(|p| concepts(p, noun)) {
        return concept.to_string();
    }
    let stemmed = stem(noun);
    crate::engine::concepts::of_stem(&stemmed).map_or(stemmed, str::to_string)
}

/// What a number counts when the noun comes first: "raised its planned job cuts to 60,000",
/// "layoffs will rise to 55,000", "the death toll stood at 42". The number must follow `to`,
/// `at` or a verb of reaching, and the plural noun stand at most five words before it.
fn counted_before(before: &str) -> Option<String> {
    // The second number of a range looks past the first: "job cuts to be between 45,000 and".
    static RANGE_START: OnceLock<Pattern> = OnceLock::new();
    let range_start = RANGE_START.get_or_init(|| {
        Pattern::new(r"(?i)(?:\bbetween\s+)?[$€£]?[\d][\d,.]*\s*(?:and|to|-|–)\s*$").expect("valid range pattern")
    });
    let before = match range_start.on(before).find(before) {
        // "by 5,000 to": a change, and the noun stands before its size.
        Some(found)
            if !words(&before[..found.start()]).last().is_some_and(|w| matches!(w.lower().as_str(), "by" | "from")) =>
        {
            &before[..found.start()]
        }
        _ => before,
    };
    let before = before.trim_end().strip_suffix("between").unwrap_or(before).trim_end();
    let before = &format!("{before} ");
    // A comma or dot between digits ("5,000", "3.5") is part of a number, not a clause boundary.
    let bytes = before.as_bytes();
    let in_number =
        |at: usize| at > 0 && bytes[at - 1].is_ascii_digit() && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(at, c)| [',', '.', ';', ':', '(', ')', '—', '–', '"', '“', '”'].contains(&c) && !in_number(at))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let tokens = words(&before[clause_start..]);
    let (last, rest) = tokens.split_last()?;
    const LEADS: &[&str] =
        &["to", "at", "be", "by", "reached", "totalled", "totaled", "numbered", "hit", "topped", "exceeded"];
    if !LEADS.contains(&last.lower().as_str()) {
        return None;
    }
    for (index, word) in rest.iter().enumerate().rev().take(5) {
        let lower = word.lower();
        if lower.chars().any(|c| c.is_ascii_digit()) {
            continue; // the size of a change: "layoffs by 5,000 to"
        }
        if word.is_capitalized() {
            return None;
        }
        let irregular = matches!(lower.as_str(), "people" | "children" | "men" | "women" | "personnel" | "staff");
        let plural = lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is");
        if irregular || plural {
            let previous = index.checked_sub(1).and_then(|i| rest.get(i)).map(|w| w.text);
            return Some(counted(previous, word.text));
        }
    }
    None
}

/// What the counted things are said to do or be: the first content word after the counted noun
/// ("soldiers who went missing" → went; "soldiers still taking part" → taking). Two counts of
/// the same noun with different predicates count different groups.
fn counted_predicate(after: &str, noun: &str) -> Option<String> {
    let clause_end = after.find([',', '.', ';', ':', '(', ')', '—', '–']).unwrap_or(after.len());
    let tokens = words(&after[..clause_end]);
    // The noun as `counted` reads it: a concept where it names one ("soldiers" counts "force").
    let counts = |i: usize| {
        let previous = i.checked_sub(1).map(|p| tokens[p].text);
        counted(None, tokens[i].text) == noun || counted(previous, tokens[i].text) == noun
    };
    let noun_at = (0..tokens.len().min(5)).find(|&i| counts(i))?;
    const SKIP: &[&str] = &["who", "that", "which", "were", "was", "are", "is", "had", "has", "have", "been", "being"];
    tokens[noun_at + 1..]
        .iter()
        .filter(|w| !w.is_capitalized() && !SKIP.contains(&w.lower().as_str()))
        .find_map(|w| super::subject::content_stem(w.text))
}

fn hedge_of(words: &str) -> Hedge {
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    match words.trim() {
        "more than" | "upwards of" | "over" | "above" => Hedge::MoreThan,
        "nearly" | "almost" | "just under" | "close to" => Hedge::Nearly,
        "at least" | "no fewer than" | "no less than" => Hedge::AtLeast,
        "up to" | "as many as" | "at most" | "within" => Hedge::UpTo,
        "fewer than" | "less than" | "under" | "below" => Hedge::LessThan,
        _ => Hedge::About,
    }
}

/// The values a stated number allows once its precision and hedge are read (NEWS-CONVENTIONS.md).
fn interval(stated: &Stated, hedge: Hedge, factor: f64) -> (f64, f64) {
    let v = stated.value;
    let p = stated.precision;
    let (low, high) = match (stated.bounds, hedge) {
        (Some((low, _)), Hedge::AtLeast | Hedge::MoreThan) => (low, f64::INFINITY),
        (Some((_, high)), Hedge::UpTo | Hedge::LessThan) => (0.0, high),
        (Some(bounds), _) => bounds,
        (None, Hedge::Exact) => (v - p, v + p),
        (None, Hedge::MoreThan) => (v, v + (0.15 * v).max(p)),
        (None, Hedge::Nearly) => (v - (0.1 * v).max(p), v),
        (None, Hedge::About) => (v - (0.05 * v).max(p), v + (0.05 * v).max(p)),
        // "at least 142 killed" is a confirmed count: a figure half as large again is another
        // report, unless a source says the toll rose (then it is an update).
        (None, Hedge::AtLeast) => (v - p, v + (0.5 * v).max(p)),
        (None, Hedge::UpTo) => (0.0, v + p),
        (None, Hedge::LessThan) => (0.0, v),
    };
    (low * factor, high * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gate passes every text a unit pattern matches, whatever stands before the unit
    /// (spaces beyond ASCII, line ends, hyphens) and however it is written (capitals, letters
    /// that fold onto ASCII ones).
    #[test]
    fn the_unit_gate_passes_whatever_a_unit_pattern_matches() {
        let leads = ["", " ", "  ", "-", " - ", "\u{a0}", "\n", "\t ", "\u{2009}", "-\u{a0}"];
        let units = [
            "%",
            "per cent",
            "Percent",
            "pct",
            "percentage points",
            "square km",
            "Sq. miles",
            "sq mi",
            "km2",
            "km²",
            "Kilometres",
            "miles",
            "metres",
            "seconds",
            "Hours",
            "DAYS",
            "weeks",
            "months",
            "years",
            "decades",
            "US dollars",
            "U.S. dollars",
            "euros",
            "Pounds sterling",
            "strong",
            "year-old",
            "\u{212a}m",
            "\u{212a}M",
            "\u{17f}quare km",
            "\u{17f}econds",
            "people",
            "of",
            "",
            ",",
            ".",
            "’",
            "é",
        ];
        let mut matched = 0;
        for lead in leads {
            for unit in units {
                let after = format!("{lead}{unit} later");
                for (index, (pattern, opens, _)) in unit_patterns().iter().enumerate() {
                    if pattern.on(&after).is_match(&after) {
                        matched += 1;
                        assert!(may_open(&after, opens), "{after:?} matches unit pattern {index}");
                    }
                }
            }
        }
        assert!(matched > 100, "{matched}");
    }

    fn check(sentence: &str, expect: &[(&str, Dimension, f64, Hedge)]) {
        let got: Vec<(String, Dimension, f64, Hedge)> = measures(sentence)
            .into_iter()
            .map(|m| (m.text, m.dimension, (m.value * 1000.0).round() / 1000.0, m.hedge))
            .collect();
        let expect: Vec<(String, Dimension, f64, Hedge)> =
            expect.iter().map(|(t, d, v, h)| (t.to_string(), d.clone(), *v, *h)).collect();
        assert_eq!(got, expect, "in {sentence:?}");
    }

    #[test]
    fn shares_in_every_spelling() {
        check(
            "It holds more than 19 per cent of the land.",
            &[("more than 19 per cent", Dimension::Share, 19.0, Hedge::MoreThan)],
        );
        check("It holds 19% of it.", &[("19%", Dimension::Share, 19.0, Hedge::Exact)]);
        check("It holds roughly one-fifth of it.", &[("roughly one-fifth", Dimension::Share, 20.0, Hedge::About)]);
        check("It holds a fifth of Ukraine.", &[("a fifth", Dimension::Share, 20.0, Hedge::Exact)]);
    }

    #[test]
    fn rates_are_read_from_their_words_and_per_cent_is_none() {
        let per_unit =
            |sentence: &str| measures(sentence).iter().map(|m| (m.text.clone(), m.per_unit)).collect::<Vec<_>>();
        assert_eq!(
            per_unit("Revenue climbed 12 per cent to $4.2 billion."),
            vec![("12 per cent".to_string(), false), ("$4.2 billion".to_string(), false)]
        );
        assert_eq!(per_unit("HP expects earnings of $3.70 per share."), vec![("$3.70".to_string(), true)]);
        assert_eq!(per_unit("Each was paid an average of $400."), vec![("$400".to_string(), true)]);
    }

    #[test]
    fn areas_convert_to_square_kilometres() {
        check("or 115,600 square km, it said.", &[("115,600 square km", Dimension::Area, 115_600.0, Hedge::Exact)]);
        check(
            "roughly 115,600 square kilometres.",
            &[("roughly 115,600 square kilometres", Dimension::Area, 115_600.0, Hedge::About)],
        );
        check("about 100 square miles here.", &[("about 100 square miles", Dimension::Area, 258.999, Hedge::About)]);
        check("some 40 km².", &[("some 40 km²", Dimension::Area, 40.0, Hedge::About)]);
    }

    #[test]
    fn counts_durations_and_scales() {
        check(
            "The toll is more than 1.2 million killed or wounded.",
            &[("more than 1.2 million", Dimension::Count("casualty".into()), 1_200_000.0, Hedge::MoreThan)],
        );
        check(
            "A set of 28 US draft peace proposals emerged.",
            &[("28", Dimension::Count("proposal".into()), 28.0, Hedge::Exact)],
        );
        check("It offered a 10-year security guarantee.", &[("10-year", Dimension::Duration, 3_652.5, Hedge::Exact)]);
        check(
            "It is nearly four years into the war.",
            &[("nearly four years", Dimension::Duration, 1_461.0, Hedge::Nearly)],
        );
        check("He invaded nearly four years ago.", &[]);
        check("The 31-year-old reporter, 40 years old, was freed.", &[]);
        check("a 28-point plan", &[("28-point", Dimension::Count("point".into()), 28.0, Hedge::Exact)]);
        check(
            "between 10 and 15 people",
            &[("between 10 and 15", Dimension::Count("people".into()), 12.5, Hedge::Exact)],
        );
        check(
            "earnings of $3.70 to $3.74 per share",
            &[("$3.70 to $3.74", Dimension::Money("USD".into()), 3.72, Hedge::Exact)],
        );
    }

    #[test]
    fn names_dates_years_and_bare_numbers_are_not_figures() {
        check("A Bombardier Global 7500 jet landed.", &[]);
        check("Since World War Two and World War II.", &[]);
        check("In Moscow on December 2, 2025, in 2014.", &[]);
        check("Igor Andreev, 39, told NBC News.", &[]);
        check("It will one day attack, one of them said.", &[]);
        check("They held the northern half of the city.", &[]);
        check("A third round of talks.", &[]);
    }
}
