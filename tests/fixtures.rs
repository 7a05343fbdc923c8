//! Runs the engine over every labelled fixture in `tests/fixtures/` (see its README) and measures
//! it: planted conflicts caught, paraphrases wrongly flagged, corroborations found. Prints a
//! table and fails below 95% caught, on any warning on a paraphrase, or below 90% corroborated.

mod common;

use common::repo_root;
use crosscheck::engine::text::Span;
use crosscheck::engine::{analyze, Corpus, DocumentAnalysis, Relation, Severity, SourceDoc};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Default)]
struct Tally {
    conflicts: usize,
    caught: usize,
    paraphrases: usize,
    wrongly_flagged: usize,
    corroborations: usize,
    corroborated: usize,
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
    println!("\n{:<16} {:>9} {:>14} {:>14}", "cluster", "caught", "paraphrases", "corroborated");
    println!("{:<16} {:>9} {:>14} {:>14}", "", "", "flagged", "");
    for (name, t) in &tallies {
        println!(
            "{name:<16} {:>9} {:>14} {:>14}",
            format!("{}/{}", t.caught, t.conflicts),
            format!("{}/{}", t.wrongly_flagged, t.paraphrases),
            format!("{}/{}", t.corroborated, t.corroborations)
        );
        total.conflicts += t.conflicts;
        total.caught += t.caught;
        total.paraphrases += t.paraphrases;
        total.wrongly_flagged += t.wrongly_flagged;
        total.corroborations += t.corroborations;
        total.corroborated += t.corroborated;
    }
    let percent = |n: usize, d: usize| if d == 0 { 100.0 } else { 100.0 * n as f64 / d as f64 };
    let caught = percent(total.caught, total.conflicts);
    let corroborated = percent(total.corroborated, total.corroborations);
    println!(
        "{:<16} {:>9} {:>14} {:>14}\nplanted conflicts caught {caught:.1}%, paraphrases wrongly flagged {}, corroborations found {corroborated:.1}%\n",
        "all",
        format!("{}/{}", total.caught, total.conflicts),
        format!("{}/{}", total.wrongly_flagged, total.paraphrases),
        format!("{}/{}", total.corroborated, total.corroborations),
        total.wrongly_flagged
    );
    for failure in &failures {
        println!("  {failure}");
    }
    assert!(total.conflicts >= 20 && total.paraphrases >= 20, "too few labels to measure anything");
    assert!(caught >= 95.0, "planted conflicts caught {caught:.1}% < 95%");
    assert_eq!(total.wrongly_flagged, 0, "warnings on faithful paraphrases");
    assert!(corroborated >= 90.0, "corroborations found {corroborated:.1}% < 90%");
}

fn check_cluster(folder: &Path, tally: &mut Tally, failures: &mut Vec<String>) {
    let labels = std::fs::read_to_string(folder.join("labels.txt")).expect("labels.txt");
    let mut corpus = Corpus::new();
    let add_folder = |dir: &Path, corpus: &mut Corpus| {
        for path in crosscheck::files::walk_articles(dir, crosscheck::files::Limits::UNLIMITED).files {
            let text = std::fs::read_to_string(&path).expect("article");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            corpus.insert(SourceDoc::new(path.display().to_string(), name, text));
        }
    };
    add_folder(folder, &mut corpus);
    let mut analyses: BTreeMap<String, DocumentAnalysis> = BTreeMap::new();
    for line in labels.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[0] == "corpus" {
            add_folder(&repo_root().join(fields[1]), &mut corpus);
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
                    let found: Vec<String> = analysis
                        .findings
                        .iter()
                        .filter(|f| overlaps(f.span))
                        .map(|f| format!("{:?} {}", f.severity, f.code.as_str()))
                        .collect();
                    failures.push(format!("missed {code} at {where_} {text:?} (found there: {found:?})"));
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
