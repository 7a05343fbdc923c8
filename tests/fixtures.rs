//! Runs the engine over every labelled fixture in `tests/fixtures/` (see its README) and measures
//! it: planted conflicts caught, paraphrases wrongly flagged, corroborations found, information
//! where the rules make a contradiction information. Prints a table and fails below 95% caught,
//! on any warning on a paraphrase, below 90% corroborated, or on any information label missed.

mod common;

use common::repo_root;
use crosscheck::engine::text::Span;
use crosscheck::engine::{analyze, Corpus, DocumentAnalysis, Relation, Severity, SourceDoc};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Default)]
struct Tally {
    conflicts: usize,
    caught: usize,
    paraphrases: usize,
    wrongly_flagged: usize,
    corroborations: usize,
    corroborated: usize,
    informations: usize,
    informed: usize,
}

#[test]
fn labelled_fixtures_meet_the_precision_and_recall_bar() {
    let fixtures = repo_root().join("tests/fixtures");
    let mut folders: Vec<_> =
        std::fs::read_dir(&fixtures).expect("fixtures").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    folders.sort();
    assert!(folders.len() >= 3, "the fixtures are missing");
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for folder in &folders {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let tally = tallies.entry(name.clone()).or_default();
        check_cluster(folder, tally, &mut failures);
    }

    let mut total = Tally::default();
    println!("\n{:<16} {:>9} {:>14} {:>14} {:>12}", "cluster", "caught", "paraphrases", "corroborated", "information");
    println!("{:<16} {:>9} {:>14} {:>14} {:>12}", "", "", "flagged", "", "");
    for (name, t) in &tallies {
        println!(
            "{name:<16} {:>9} {:>14} {:>14} {:>12}",
            format!("{}/{}", t.caught, t.conflicts),
            format!("{}/{}", t.wrongly_flagged, t.paraphrases),
            format!("{}/{}", t.corroborated, t.corroborations),
            format!("{}/{}", t.informed, t.informations)
        );
        total.conflicts += t.conflicts;
        total.caught += t.caught;
        total.paraphrases += t.paraphrases;
        total.wrongly_flagged += t.wrongly_flagged;
        total.corroborations += t.corroborations;
        total.corroborated += t.corroborated;
        total.informations += t.informations;
        total.informed += t.informed;
    }
    let percent = |n: usize, d: usize| if d == 0 { 100.0 } else { 100.0 * n as f64 / d as f64 };
    let caught = percent(total.caught, total.conflicts);
    let corroborated = percent(total.corroborated, total.corroborations);
    println!(
        "{:<16} {:>9} {:>14} {:>14} {:>12}\nplanted conflicts caught {caught:.1}%, paraphrases wrongly flagged {}, corroborations found {corroborated:.1}%, information findings {}/{}\n",
        "all",
        format!("{}/{}", total.caught, total.conflicts),
        format!("{}/{}", total.wrongly_flagged, total.paraphrases),
        format!("{}/{}", total.corroborated, total.corroborations),
        format!("{}/{}", total.informed, total.informations),
        total.wrongly_flagged,
        total.informed,
        total.informations
    );
    for failure in &failures {
        println!("  {failure}");
    }
    assert!(total.conflicts >= 20 && total.paraphrases >= 20, "too few labels to measure anything");
    assert!(caught >= 95.0, "planted conflicts caught {caught:.1}% < 95%");
    assert_eq!(total.wrongly_flagged, 0, "warnings on faithful paraphrases");
    assert!(corroborated >= 90.0, "corroborations found {corroborated:.1}% < 90%");
    assert_eq!(
        total.informed, total.informations,
        "a contradiction one source alone makes is information, and no more"
    );
}

fn check_cluster(folder: &Path, tally: &mut Tally, failures: &mut Vec<String>) {
    let labels = std::fs::read_to_string(folder.join("labels.txt")).expect("labels.txt");
    // The files with planted errors are drafts: checked against the others and evidence for
    // none, as a project's `drafts` are, so that one draft's errors say nothing of another's.
    // The other files, faithful reports, are sources.
    let drafts: BTreeSet<&str> = labels
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect::<Vec<&str>>())
        .filter(|fields| fields.len() == 4 && matches!(fields[1], "conflict" | "information"))
        .map(|fields| fields[0])
        .collect();
    let mut corpus = Corpus::new();
    let add_folder = |dir: &Path, corpus: &mut Corpus, drafts: &BTreeSet<&str>| {
        for path in crosscheck::files::walk_articles(dir, crosscheck::files::Limits::UNLIMITED).files {
            let text = std::fs::read_to_string(&path).expect("article");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let doc = SourceDoc::new(path.display().to_string(), name.clone(), text);
            if drafts.contains(name.as_str()) {
                corpus.insert_draft(doc);
            } else {
                corpus.insert(doc);
            }
        }
    };
    add_folder(folder, &mut corpus, &drafts);
    let mut analyses: BTreeMap<String, DocumentAnalysis> = BTreeMap::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[0] == "corpus" {
            add_folder(&repo_root().join(fields[1]), &mut corpus, &BTreeSet::new());
            continue;
        }
        let [file, kind, code, text] = fields[..] else { panic!("bad label line: {line:?}") };
        let id = folder.join(file).display().to_string();
        let doc = corpus.get(&id).unwrap_or_else(|| panic!("no fixture {id}")).clone();
        let at = doc.text.find(text).unwrap_or_else(|| panic!("{file}: no {text:?}"));
        assert_eq!(doc.text.matches(text).count(), 1, "{file}: {text:?} is not unique");
        let span = Span::new(at, at + text.len());
        let analysis = analyses.entry(id.clone()).or_insert_with(|| analyze(&corpus, &id).expect("analysed"));
        let overlaps = |other: Span| other.start < span.end && span.start < other.end;
        let where_ = format!("{}/{file}:{}", folder.file_name().unwrap().to_string_lossy(), doc.line_number(at));
        // What the engine reported over the labelled text, for a failure's message.
        let found_there = || -> Vec<String> {
            analysis
                .findings
                .iter()
                .filter(|f| overlaps(f.span))
                .map(|f| format!("{:?} {}", f.severity, f.code.as_str()))
                .collect()
        };
        match kind {
            "conflict" => {
                tally.conflicts += 1;
                let hit = analysis
                    .findings
                    .iter()
                    .any(|f| f.code.as_str() == code && f.severity >= Severity::Warning && overlaps(f.span));
                if hit {
                    tally.caught += 1;
                } else {
                    failures.push(format!("missed {code} at {where_} {text:?} (found there: {:?})", found_there()));
                }
            }
            "paraphrase" => {
                tally.paraphrases += 1;
                let flagged: Vec<&str> = analysis
                    .findings
                    .iter()
                    .filter(|f| f.severity >= Severity::Warning && overlaps(f.span))
                    .map(|f| f.message.as_str())
                    .collect();
                if !flagged.is_empty() {
                    tally.wrongly_flagged += 1;
                    failures.push(format!("paraphrase flagged at {where_} {text:?}: {flagged:?}"));
                }
            }
            "information" => {
                tally.informations += 1;
                let informed = analysis
                    .findings
                    .iter()
                    .any(|f| f.code.as_str() == code && f.severity == Severity::Information && overlaps(f.span));
                let warned = analysis.findings.iter().any(|f| f.severity >= Severity::Warning && overlaps(f.span));
                if informed && !warned {
                    tally.informed += 1;
                } else {
                    failures.push(format!(
                        "no {code} information alone at {where_} {text:?} (found there: {:?})",
                        found_there()
                    ));
                }
            }
            "corroborated" => {
                tally.corroborations += 1;
                let backed = analysis
                    .claims
                    .iter()
                    .flat_map(|c| &c.targets)
                    .any(|t| overlaps(t.span) && t.evidence.iter().any(|p| p.relation == Relation::Supports));
                if backed {
                    tally.corroborated += 1;
                } else {
                    failures.push(format!("no corroboration at {where_} {text:?}"));
                }
            }
            other => panic!("unknown label kind {other:?}"),
        }
    }
}
