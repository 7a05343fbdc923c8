//! Verdicts: from a claim's supporting, contradicting and updating passages to its findings,
//! their severity and their message (the rules set out in the README), and the single-source hints.

use super::analysis::{ClaimReport, Target};
use super::claim::{Claim, ClaimKind, Role};
use super::consensus::{self, Outcome, Standing};
use super::corpus::SourceDoc;
use super::finding::{Code, Finding, Passage, Severity, SlotValue};
use super::reconcile::{describe_control, Relation, QUOTE_SPEAKER};
use super::text::Span;
use std::collections::BTreeSet;

pub(crate) fn findings_for(doc: &SourceDoc, report: &ClaimReport) -> Vec<Finding> {
    let claim = &report.claim;
    let mut findings = Vec::new();
    for (part, target) in report.targets.iter().enumerate() {
        // How the sources stand is asked only of a target some passage contradicts (few are).
        let standing = target.contradicting().next().is_some().then(|| Standing::of(&target.evidence));
        // Who controls a place is judged passage by passage: a source that reports both sides of
        // a dispute backs one and contradicts the other, and the dispute is still there.
        let contradicted = match (&claim.kind, &standing) {
            (_, None) => false,
            (ClaimKind::Control(_), Some(_)) => true,
            (_, Some(standing)) => standing.contradicting_sources() > 0,
        };
        let (true, Some(standing)) = (contradicted, standing) else {
            let updating: Vec<&Passage> = target.evidence.iter().filter(|p| p.relation == Relation::Updates).collect();
            if !updating.is_empty() && target.supporting().next().is_none() {
                findings.push(Finding {
                    span: target.span,
                    text: target.text.clone(),
                    message: format!(
                        "an update, not a conflict: \"{}\" and {} give the figure before and after a reported change",
                        target.text,
                        list_values(&updating)
                    ),
                    related: updating.into_iter().cloned().collect(),
                    ..finding(Code::FigureConflict)
                });
            }
            continue;
        };
        let finding = match &claim.kind {
            ClaimKind::Control(control) => {
                let supporting: Vec<&Passage> = target.supporting().collect();
                let contradicting: Vec<&Passage> = target.contradicting().collect();
                Finding {
                    related: contradicting.iter().map(|p| (*p).clone()).collect(),
                    ..control_finding(claim, target, control, &supporting, &contradicting)
                }
            }
            ClaimKind::Statement => continue,
            ClaimKind::Stance(stance) => match stance_finding(stance, target, &standing) {
                Some(found) => found,
                None => continue,
            },
            ClaimKind::Quote(quote) if part == QUOTE_SPEAKER => {
                match speaker_finding(quote, claim.span.slice(&doc.text), &standing) {
                    Some(found) => found,
                    None => continue,
                }
            }
            _ => match consensus_finding(claim, target, &standing, doc.extraction.published) {
                Some(found) => found,
                None => continue,
            },
        };
        findings.push(Finding { span: target.span, text: target.span.slice(&doc.text).to_string(), ..finding });
    }
    findings
}

/// The finding on a figure, date, quotation or role, by how the sources stand on it.
fn consensus_finding(
    claim: &Claim,
    target: &Target,
    standing: &Standing<'_>,
    published: Option<crate::engine::claim::DateValue>,
) -> Option<Finding> {
    let outcome = standing.outcome();
    if outcome == Outcome::Silent {
        return None;
    }
    let (code, noun) = match &claim.kind {
        ClaimKind::Figure(_) => (Code::FigureConflict, "figure"),
        ClaimKind::Date(_) => (Code::DateConflict, "date"),
        ClaimKind::Quote(_) => (Code::Misquote, "wording"),
        ClaimKind::Role(_) => (Code::RoleConflict, "role"),
        ClaimKind::Name(_) => (Code::NameConflict, "name"),
        ClaimKind::Control(_) | ClaimKind::Stance(_) | ClaimKind::Statement => return None,
    };
    // A name's other outcomes are left to the hover: another name beside ours is too often
    // another part of the fact.
    if matches!(claim.kind, ClaimKind::Name(_)) && outcome != Outcome::Warning {
        return None;
    }
    let ours = shorten(&target.text);
    let majority: Vec<&Passage> = standing.groups.first().cloned().unwrap_or_default();
    let all: Vec<&Passage> = standing.contradicting().collect();
    let describe = |passages: &[&Passage]| match &claim.kind {
        ClaimKind::Role(_) => list_roles(passages),
        ClaimKind::Quote(_) => list_quotes(passages),
        _ => list_values(passages),
    };
    let (severity, message) = match outcome {
        // A figure in a report dated after every source that gives another is likely an update.
        Outcome::Warning if matches!(claim.kind, ClaimKind::Figure(_)) && later_than_all(published, &all) => (
            Severity::Information,
            format!("\"{ours}\" is reported later than {}: an update, or a conflict to check", describe(&all)),
        ),
        Outcome::Warning => warning_message(claim, &ours, noun, &majority, describe(&majority)),
        Outcome::SingleSource => (
            Severity::Information,
            format!("\"{ours}\" differs from the only other source that gives this {noun}: {}", describe(&all)),
        ),
        Outcome::Spread => {
            let groups: Vec<String> =
                standing.groups.iter().map(|group| describe(&consensus::in_date_order(group))).collect();
            (
                Severity::Information,
                format!("the sources differ on this {noun}: {}; none gives \"{ours}\"", groups.join("; ")),
            )
        }
        Outcome::Minority => {
            let backing: Vec<String> = standing.backing.iter().map(|p| p.cite()).collect();
            (
                Severity::Information,
                // Every other value: the sources against it need not agree among themselves.
                format!("\"{ours}\" agrees with {} but more sources give {}", backing.join(", "), describe(&all)),
            )
        }
        Outcome::Silent => return None,
    };
    Some(Finding { severity, message, related: all.into_iter().cloned().collect(), ..finding(code) })
}

/// The finding on how a clause states its fact. A fact the sources report as a claim and deny
/// (two sources at least, one of them a denial, outnumbering those that state it as fact) is
/// disputed; a fact two sources or more state the other way round, none as here, conflicts.
fn stance_finding(stance: &crate::engine::claim::Stance, target: &Target, standing: &Standing<'_>) -> Option<Finding> {
    use crate::engine::claim::Framing;
    let value_of = |p: &Passage| match &p.value {
        Some(super::finding::SlotValue::Text(v)) => v.clone(),
        _ => String::new(),
    };
    let contradicting: Vec<&Passage> = standing.contradicting().collect();
    let disputing: Vec<&Passage> =
        contradicting.iter().copied().filter(|p| matches!(value_of(p).as_str(), "denied" | "claimed")).collect();
    let denials: Vec<&Passage> = disputing.iter().copied().filter(|p| value_of(p) == "denied").collect();
    let ours = shorten(&target.text);
    let cites = |passages: &[&Passage]| passages.iter().map(|p| p.cite()).collect::<Vec<String>>().join(", ");
    let opposing: Vec<&Passage> =
        contradicting.iter().copied().filter(|p| !matches!(value_of(p).as_str(), "denied" | "claimed")).collect();
    if stance.framing == Framing::Fact
        && !stance.negated
        && disputing.len() > opposing.len()
        && disputing.len() >= consensus::CONSENSUS
        && !denials.is_empty()
        && disputing.len() > standing.backing.len()
    {
        let claims: Vec<&Passage> = disputing.iter().copied().filter(|p| value_of(p) == "claimed").collect();
        let mut told = vec![format!("denied in {}", cites(&denials))];
        if !claims.is_empty() {
            told.insert(0, format!("reported as a claim in {}", cites(&claims)));
        }
        return Some(Finding {
            severity: Severity::Warning,
            message: format!(
                "\"{ours}\" is stated as fact, but the sources report it as disputed: {}",
                join_and(&told)
            ),
            related: disputing.into_iter().cloned().collect(),
            ..finding(Code::ClaimDisputed)
        });
    }
    // A negation and an opposite action say the same: not so. Leaving it open says another thing.
    let direction = |p: &Passage| if value_of(p) == "hedged" { "hedged" } else { "opposite" };
    let first = opposing.first()?;
    let agreeing: Vec<&Passage> = opposing.iter().copied().filter(|p| direction(p) == direction(first)).collect();
    if agreeing.len() < consensus::CONSENSUS || agreeing.len() < opposing.len() || !standing.backing.is_empty() {
        return None;
    }
    let how = match value_of(first).as_str() {
        "negated" => "negate it".to_string(),
        "affirmed" => "affirm it".to_string(),
        "hedged" => "leave it open".to_string(),
        act => format!("report the opposite ({})", act.trim_start_matches("act:")),
    };
    let shown: Vec<String> =
        agreeing.iter().map(|p| format!("\"{}\" ({})", shorten(&p.sentence_text), p.cite())).collect();
    Some(Finding {
        severity: Severity::Warning,
        message: format!(
            "\"{ours}\" is stated the other way round from the sources, which {how}: {}",
            join_and(&shown)
        ),
        related: agreeing.into_iter().cloned().collect(),
        ..finding(Code::PolarityConflict)
    })
}

/// The warning when the other sources agree on another value: a party's words given otherwise
/// Our article is dated, and after every dated passage, all of which are dated.
fn later_than_all(published: Option<crate::engine::claim::DateValue>, passages: &[&Passage]) -> bool {
    let day = |d: crate::engine::claim::DateValue| Some((d.year?, d.month?, d.day?));
    let Some(ours) = published.and_then(day) else { return false };
    !passages.is_empty() && passages.iter().all(|p| p.published.and_then(day).is_some_and(|theirs| theirs < ours))
}

/// than the other sources give them, or a plain conflict.
fn warning_message(claim: &Claim, ours: &str, noun: &str, majority: &[&Passage], values: String) -> (Severity, String) {
    let reported_by = |p: &Passage, party: &str| p.party.as_deref().is_some_and(|theirs| same_party(party, theirs));
    // "he said": the party is whoever the sources name.
    let pronoun = |party: &str| matches!(party.to_lowercase().as_str(), "he" | "she" | "they" | "it" | "we");
    let party = claim.attribution.as_ref().map(|a| a.party.as_str()).map(|party| match majority.first() {
        Some(first) if pronoun(party) => first.party.as_deref().unwrap_or(party),
        _ => party,
    });
    match (&claim.kind, party) {
        (ClaimKind::Quote(quote), _) => {
            let named =
                quote.speaker.as_deref().filter(|s| !matches!(s.to_lowercase().as_str(), "he" | "she" | "they"));
            let speaker = quote.person.as_deref().or(named).unwrap_or("these words");
            (
                Severity::Warning,
                format!("\"{ours}\" differs from how other sources quote {speaker}: they have {values}"),
            )
        }
        (ClaimKind::Role(role), _) => {
            let person = role.person();
            let message = match role {
                // Relatives share a surname: the person by the name the article gives.
                Role::Family(_) => format!("\"{ours}\" for {person}: the sources say {person} is {values}"),
                Role::Title(title) => {
                    let called = if person.contains(' ') { title.person.last.as_str() } else { person };
                    format!("\"{ours}\" for {person}: the sources call {called} {values}")
                }
            };
            (Severity::Warning, message)
        }
        (_, Some(party)) if majority.iter().all(|p| reported_by(p, party)) => {
            (Severity::Warning, format!("\"{ours}\" misreports {party}: other sources give their {noun} as {values}"))
        }
        // Every side attributed to its own party: a dispute, reported as one.
        (_, Some(party)) if majority.iter().all(|p| p.party.is_some()) => {
            (Severity::Information, format!("\"{ours}\" ({party}) is disputed: {}", list_values_with_parties(majority)))
        }
        _ => (Severity::Warning, format!("\"{ours}\" conflicts with {values}")),
    }
}

/// `"three" where this has "five" (0250.txt:31, 0710.txt:5)`: where the other sources' words
/// differ, each difference once with every source that has it.
fn list_quotes(passages: &[&Passage]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for passage in passages {
        let shown = match &passage.value {
            Some(SlotValue::Text(differences)) if differences.contains(" where this has ") => differences.clone(),
            Some(SlotValue::Person(person)) => person.clone(),
            _ => format!("\"{}\"", shorten(&passage.matched)),
        };
        match groups.iter_mut().find(|(s, _)| *s == shown) {
            Some((_, cites)) => {
                if !cites.contains(&passage.cite()) {
                    cites.push(passage.cite());
                }
            }
            None => groups.push((shown, vec![passage.cite()])),
        }
    }
    let shown: Vec<String> = groups.iter().map(|(shown, cites)| format!("{shown} ({})", cites.join(", "))).collect();
    join_and(&shown)
}

/// The finding on who a quotation is attributed to: other sources give the same words to
/// another person.
fn speaker_finding(quote: &crate::engine::claim::Quote, words: &str, standing: &Standing<'_>) -> Option<Finding> {
    let ours = shorten(words);
    let here = quote.person.as_deref().unwrap_or("this speaker");
    let people = |passages: &[&Passage]| list_quotes(passages);
    let majority: Vec<&Passage> = standing.groups.first().cloned().unwrap_or_default();
    let all: Vec<&Passage> = standing.contradicting().collect();
    let (severity, message) = match standing.outcome() {
        Outcome::Silent => return None,
        Outcome::Warning => (
            Severity::Warning,
            format!("\"{ours}\" is attributed to {here} here, but other sources quote {}", people(&majority)),
        ),
        Outcome::SingleSource => (
            Severity::Information,
            format!(
                "\"{ours}\" is attributed to {here} here; the only other source that names the speaker quotes {}",
                people(&all)
            ),
        ),
        Outcome::Spread => {
            let groups: Vec<String> = standing.groups.iter().map(|group| people(group)).collect();
            (
                Severity::Information,
                format!("the sources give \"{ours}\" to different people: {}; none to {here}", groups.join("; ")),
            )
        }
        Outcome::Minority => {
            let backing: Vec<String> = standing.backing.iter().map(|p| p.cite()).collect();
            (
                Severity::Information,
                format!(
                    "\"{ours}\" is attributed to {here} here, as in {}, but more sources quote {}",
                    backing.join(", "),
                    people(&all)
                ),
            )
        }
    };
    Some(Finding { severity, message, related: all.into_iter().cloned().collect(), ..finding(Code::Misquote) })
}

fn control_finding(
    claim: &Claim,
    target: &Target,
    control: &crate::engine::claim::Control,
    supporting: &[&Passage],
    contradicting: &[&Passage],
) -> Finding {
    let others = list_positions(contradicting);
    let attributed_elsewhere = contradicting.iter().chain(supporting).any(|p| p.party.is_some());
    let (severity, message) = match &claim.attribution {
        Some(attribution) => (
            Severity::Information,
            format!(
                "control of {} is disputed: here {} says {}; {others}",
                control.place,
                attribution.party,
                describe_control(control)
            ),
        ),
        None if attributed_elsewhere => (
            Severity::Warning,
            format!(
                "\"{}\" is stated as fact, but the sources report control of {} as disputed: {others}",
                target.text, control.place
            ),
        ),
        None if supporting.is_empty() => (Severity::Warning, format!("\"{}\" conflicts with {others}", target.text)),
        None => {
            (Severity::Information, format!("\"{}\" agrees with some sources but conflicts with {others}", target.text))
        }
    };
    Finding { severity, message, ..finding(Code::ControlDisputed) }
}

/// A long quotation shortened for a message.
fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head))
}

/// A hint on each part of a checkable claim that no other source states.
pub(crate) fn single_source_hints(report: &ClaimReport) -> Vec<Finding> {
    // Every official is named by one source or another: roles alone would drown the hints.
    if matches!(
        report.claim.kind,
        ClaimKind::Statement | ClaimKind::Stance(_) | ClaimKind::Role(_) | ClaimKind::Name(_)
    ) {
        return Vec::new();
    }
    // A quotation's speaker is no claim of its own: its words are.
    let parts = if matches!(report.claim.kind, ClaimKind::Quote(_)) { 1 } else { report.targets.len() };
    report
        .targets
        .iter()
        .take(parts)
        .filter(|t| t.evidence.iter().all(|p| p.relation == Relation::Related))
        .map(|t| {
            let message = match &report.claim.kind {
                ClaimKind::Control(control) => {
                    format!("reported only here: no other source says who controls {}", control.place)
                }
                _ => format!("reported only here: no other source states \"{}\"", shorten(&t.text)),
            };
            Finding {
                span: t.span,
                text: t.text.clone(),
                severity: Severity::Hint,
                message,
                ..finding(Code::SingleSource)
            }
        })
        .collect()
}

pub(crate) fn finding(code: Code) -> Finding {
    Finding {
        span: Span::new(0, 0),
        text: String::new(),
        severity: Severity::Information,
        code,
        message: String::new(),
        related: Vec::new(),
    }
}

/// Two party phrases name the same party when they share a significant word stem
/// ("pro-Ukrainian maps" and "pro-Ukrainian mapping").
fn same_party(a: &str, b: &str) -> bool {
    let stems = |s: &str| -> BTreeSet<String> {
        super::text::words(s)
            .iter()
            .filter_map(|w| super::extract::content_stem(w.text))
            .map(|s| s.chars().take(5).collect())
            .collect()
    };
    let (x, y) = (stems(a), stems(b));
    !x.is_empty() && !y.is_empty() && (x.is_subset(&y) || y.is_subset(&x) || x.intersection(&y).count() >= 2)
}

/// `"more than 19 per cent" (000.txt:13, 002.txt:13) and "a fifth" (003.txt:7)`: each distinct
/// value once, with every source that gives it.
fn list_values(passages: &[&Passage]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for passage in passages {
        let key = normalize_value(&passage.matched);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, cites)) => {
                if !cites.contains(&passage.cite()) {
                    cites.push(passage.cite())
                }
            }
            None => groups.push((key, vec![passage.cite()])),
        }
    }
    let shown: Vec<String> = groups
        .iter()
        .map(|(key, cites)| {
            let text = passages
                .iter()
                .find(|p| normalize_value(&p.matched) == *key)
                .map_or(key.as_str(), |p| p.matched.as_str());
            format!("\"{text}\" ({})", cites.join(", "))
        })
        .collect();
    join_and(&shown)
}

/// `"more than 19 per cent" according to Ukrainian officials (s0.txt:1)`.
fn list_values_with_parties(passages: &[&Passage]) -> String {
    let shown: Vec<String> = passages
        .iter()
        .map(|p| format!("\"{}\" according to {} ({})", p.matched, p.party.as_deref().unwrap_or("a source"), p.cite()))
        .collect();
    join_and(&shown)
}

/// `White House chief of staff (0463.txt:1, 0749.txt:1, …)`: each role as the sources word it,
/// with the first few sources that give it.
fn list_roles(passages: &[&Passage]) -> String {
    const SHOWN: usize = 3;
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for p in passages {
        let stated = p.position.clone().unwrap_or_else(|| p.matched.clone());
        let key = stated.to_lowercase();
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, cites)) => cites.push(p.cite()),
            None => groups.push((key, stated, vec![p.cite()])),
        }
    }
    let shown: Vec<String> = groups
        .iter()
        .map(|(_, stated, cites)| {
            let more = if cites.len() > SHOWN { ", …" } else { "" };
            format!("{stated} ({}{more})", cites[..cites.len().min(SHOWN)].join(", "))
        })
        .collect();
    join_and(&shown)
}

fn list_positions(passages: &[&Passage]) -> String {
    const SHOWN: usize = 4;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for p in passages {
        let position = p.position.clone().unwrap_or_else(|| format!("\"{}\"", p.matched));
        let statement = match &p.party {
            Some(party) => format!("{party} says {position}"),
            None => format!("{position}, stated as fact"),
        };
        match groups.iter_mut().find(|(s, _)| *s == statement) {
            Some((_, cites)) => cites.push(p.cite()),
            None => groups.push((statement, vec![p.cite()])),
        }
    }
    let mut shown: Vec<String> =
        groups.iter().take(SHOWN).map(|(statement, cites)| format!("{statement} ({})", cites.join(", "))).collect();
    if groups.len() > SHOWN {
        shown.push(format!("and {} more", groups.len() - SHOWN));
    }
    shown.join("; ")
}

fn normalize_value(text: &str) -> String {
    text.to_lowercase().replace("per cent", "%").replace("percent", "%").replace(' ', "").replace('%', " per cent")
}

pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::analyze;
    use crate::engine::corpus::test_corpus;

    /// The findings on `draft` against `sources`, as (severity, message).
    fn check(draft: &str, sources: &[&str]) -> Vec<(Severity, String)> {
        let corpus = test_corpus(draft, sources);
        let analysis = analyze(&corpus, "draft").expect("the draft is in the corpus");
        analysis.findings.into_iter().map(|f| (f.severity, f.message)).collect()
    }

    const MAPS: &str = "Russian forces control more than 19 per cent of Ukraine, according to pro-Ukrainian maps.";

    /// A second source that gives the share of MAPS in other words.
    const OFFICIALS: &str = "Russian troops hold about a fifth of Ukraine, officials said.";

    #[test]
    fn contradicted_by_two_agreeing_sources_and_unsupported_is_a_warning() {
        let found = check("Russian forces occupy 30 per cent of Ukraine.", &[MAPS, OFFICIALS]);
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"30 per cent\" conflicts with \"more than 19 per cent\" (s0.txt:1) and \"about a fifth\" (s1.txt:1)"
                    .into()
            )]
        );
    }

    #[test]
    fn contradicted_by_one_source_alone_or_by_sources_that_disagree_is_information() {
        let found = check("Russian forces occupy 30 per cent of Ukraine.", &[MAPS]);
        assert_eq!(
            found,
            vec![(
                Severity::Information,
                "\"30 per cent\" differs from the only other source that gives this figure: \"more than 19 per cent\" (s0.txt:1)".into()
            )]
        );
        let found = check(
            "Russian forces occupy 30 per cent of Ukraine.",
            &[MAPS, "Russian forces control 40 per cent of Ukraine, officials said."],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Information);
        assert!(found[0].1.starts_with("the sources differ on this figure: "), "{found:?}");
        assert!(
            found[0].1.contains("\"40 per cent\" (s1.txt:1)") && found[0].1.ends_with("none gives \"30 per cent\""),
            "{found:?}"
        );
    }

    #[test]
    fn a_figure_reported_after_every_source_that_differs_is_an_update() {
        let dated = |date: &str, body: &str| format!("---\ndate: {date}\n---\n{body}");
        let maps = dated("2025-11-20", MAPS);
        let officials = dated("2025-11-21", OFFICIALS);
        let later = check(&dated("2025-11-28", "Russian forces occupy 30 per cent of Ukraine."), &[&maps, &officials]);
        assert_eq!(later.len(), 1, "{later:?}");
        assert_eq!(later[0].0, Severity::Information);
        assert!(later[0].1.contains("is reported later than"), "{later:?}");
        let earlier =
            check(&dated("2025-11-19", "Russian forces occupy 30 per cent of Ukraine."), &[&maps, &officials]);
        assert_eq!(earlier.first().map(|f| f.0), Some(Severity::Warning), "{earlier:?}");
        let undated = check("Russian forces occupy 30 per cent of Ukraine.", &[&maps, &officials]);
        assert_eq!(
            undated.first().map(|f| f.0),
            Some(Severity::Warning),
            "an undated article is no update: {undated:?}"
        );
    }

    #[test]
    fn a_party_given_another_figure_is_misreported() {
        let found = check(
            "Russian forces control about 25 per cent of Ukraine, according to pro-Ukrainian mapping.",
            &[MAPS, "Russian forces control about a fifth of Ukraine, according to pro-Ukrainian maps."],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.starts_with("\"about 25 per cent\" misreports pro-Ukrainian mapping"), "{found:?}");
    }

    #[test]
    fn each_side_attributed_is_a_dispute_reported_as_one() {
        let found = check(
            "Russian forces control 25 per cent of Ukraine, Russian officials said.",
            &[
                "Russian forces control more than 19 per cent of Ukraine, Ukrainian officials said.",
                "Russian forces control about a fifth of Ukraine, Ukrainian officials said.",
            ],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Information);
        assert_eq!(
            found[0].1,
            "\"25 per cent\" (Russian officials) is disputed: \"more than 19 per cent\" according to Ukrainian officials (s0.txt:1) and \"about a fifth\" according to Ukrainian officials (s1.txt:1)"
        );
    }

    #[test]
    fn backed_by_a_minority_is_information_and_by_the_majority_silent() {
        let forty = "Russian forces control 40 per cent of Ukraine, officials said.";
        let one_fifth = "Russian forces control roughly one-fifth of Ukraine.";
        // Most sources back "a fifth": the finding belongs to the article that departs from them.
        assert_eq!(check("Russian forces control a fifth of Ukraine.", &[MAPS, one_fifth, forty]), vec![]);
        let found = check("Russian forces control 40 per cent of Ukraine.", &[MAPS, one_fifth, forty]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Information);
        assert_eq!(
            found[0].1,
            "\"40 per cent\" agrees with s2.txt:1 but more sources give \"more than 19 per cent\" (s0.txt:1) and \"roughly one-fifth\" (s1.txt:1)"
        );
        // The sources against it need not agree: each of their values is named.
        let sixty = "Russian forces control 60 per cent of Ukraine.";
        let found = check("Russian forces control 40 per cent of Ukraine.", &[MAPS, sixty, forty]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Information);
        assert!(
            found[0].1.contains("\"more than 19 per cent\" (s0.txt:1)")
                && found[0].1.contains("\"60 per cent\" (s1.txt:1)"),
            "{found:?}"
        );
    }

    #[test]
    fn a_reported_change_is_an_update_not_a_conflict() {
        let found = check(
            "The peace plan was narrowed down to 20 points from the original draft.",
            &["The peace plan has 28 points, officials said."],
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Severity::Information);
        assert!(found[0].1.starts_with("an update, not a conflict: \"20\" and \"28\" (s0.txt:1)"), "{found:?}");
    }

    #[test]
    fn a_role_the_sources_agree_against_names_their_title_and_sources() {
        let chief = "White House Chief of Staff Denis McDonough spoke on Sunday.";
        let found = check("White House press secretary Denis McDonough spoke on Sunday.", &[chief, chief]);
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"White House press secretary\" for Denis McDonough: the sources call McDonough White House Chief of Staff (s0.txt:1, s1.txt:1)".into()
            )]
        );
        let found = check("James Foley's father, Michael, spoke.", &["James Foley's brother, Michael, spoke."]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Information, "one source alone: {found:?}");
        assert!(found[0].1.contains("James Foley's brother (s0.txt:1)"), "{found:?}");
    }

    #[test]
    fn agreement_is_silent() {
        assert_eq!(check("Russian forces control a fifth of Ukraine.", &[MAPS]), vec![]);
    }

    #[test]
    fn a_disputed_capture_stated_as_fact_is_a_warning_and_attributed_is_information() {
        let ukraine = "Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.";
        let found = check("Russia has captured Pokrovsk.", &[ukraine]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Warning);
        assert!(found[0].1.contains("is stated as fact"), "{found:?}");
        let found = check("Russia has captured Pokrovsk, the Russian defence ministry said.", &[ukraine]);
        assert_eq!(found[0].0, Severity::Information);
        assert!(found[0].1.starts_with("control of Pokrovsk is disputed: here the Russian defence ministry says Russia controls Pokrovsk; the Ukrainian military says Ukraine holds part of Pokrovsk (s0.txt:1)"), "{found:?}");
    }

    #[test]
    fn a_side_that_every_source_reports_beside_the_other_is_still_disputed() {
        // Each source gives both sides: it backs ours and contradicts it, and the dispute stands.
        let both = "Russian forces have captured Pokrovsk, the defence ministry in Moscow said. Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.";
        let found = check(
            "Ukrainian forces still hold the northern part of Pokrovsk, the Ukrainian military said.",
            &[both, both],
        );
        let control: Vec<&(Severity, String)> =
            found.iter().filter(|(_, m)| m.starts_with("control of Pokrovsk")).collect();
        assert_eq!(control.len(), 1, "{found:?}");
        assert_eq!(control[0].0, Severity::Information);
        assert!(
            control[0].1.contains("the defence ministry in Moscow says Russia controls Pokrovsk (s0.txt:1, s1.txt:1)"),
            "{found:?}"
        );
    }

    /// The quotation findings on `draft` against `sources`, as (severity, message).
    fn check_quotes(draft: &str, sources: &[&str]) -> Vec<(Severity, String)> {
        let corpus = test_corpus(draft, sources);
        let analysis = analyze(&corpus, "draft").expect("the draft is in the corpus");
        analysis.findings.into_iter().filter(|f| f.code == Code::Misquote).map(|f| (f.severity, f.message)).collect()
    }

    const ALDER: &str = "Harbour master Ruth Alder spoke after the storm. \"The sea wall held for three hours before it broke,\" Ms. Alder said.";
    const ALDER_AGAIN: &str = "Port officials met on Monday.\n\"The sea wall held for three hours before it broke,\" said harbour master Ruth Alder.";

    #[test]
    fn the_same_words_given_to_another_person_than_every_source_names() {
        let draft = "Mayor Tom Brecken toured the port. \"The sea wall held for three hours before it broke,\" Mr. Brecken said.";
        let found = check_quotes(draft, &[ALDER, ALDER_AGAIN]);
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"The sea wall held for three hours before it broke\" is attributed to Tom Brecken here, but other sources quote Ruth Alder (s0.txt:1, s1.txt:2)".into()
            )]
        );
        // One source alone is information; the person under another name, a role tied to her or a
        // pronoun that stands for her is no other speaker.
        assert_eq!(check_quotes(draft, &[ALDER])[0].0, Severity::Information);
        for same in [
            "Ruth Alder, the port director, toured the wall. \"The sea wall held for three hours before it broke,\" the director said.",
            "Harbour master Ruth Alder toured the port. \"The sea wall held for three hours before it broke,\" she said.",
            "\"The sea wall held for three hours before it broke,\" Ms. Alder said.",
        ] {
            assert_eq!(check_quotes(same, &[ALDER, ALDER_AGAIN]), vec![], "{same}");
        }
    }

    #[test]
    fn a_word_changed_in_a_quotation_is_a_misquote_that_shows_the_words() {
        let draft = "Harbour master Ruth Alder spoke. \"The sea wall held for five hours before it broke,\" she said.";
        let found = check_quotes(draft, &[ALDER, ALDER_AGAIN]);
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"The sea wall held for five hours before it broke\" differs from how other sources quote Ruth Alder: they have \"three\" where this has \"five\" (s0.txt:1, s1.txt:2)".into()
            )]
        );
        let house_style =
            "Harbour master Ruth Alder spoke. \"The sea-wall held for 3 hours before it broke,\" she said.";
        assert_eq!(check_quotes(house_style, &[ALDER, ALDER_AGAIN]), vec![]);
    }
}
