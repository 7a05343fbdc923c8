//! Extraction and analysis of arbitrary text: the input is one article of a small corpus beside
//! two fixed reports of an invented event. Nothing may panic, and every span of every sentence,
//! claim, hover target, finding, passage and quick-fix edit must lie within its text and on
//! character boundaries, whichever document it points into. The fixed reports are analysed too
//! (so the input serves as evidence), the quick fixes are applied, and the claims × sources
//! matrix is built.

#![no_main]

use crosscheck::engine::claim::ClaimKind;
use crosscheck::engine::fixes::fixes;
use crosscheck::engine::text::Span;
use crosscheck::engine::{analyze, matrix, Corpus, DocumentAnalysis, Options, SourceDoc};
use libfuzzer_sys::fuzz_target;

const FIRST: &str = "Floods in the river town of Valmere killed at least 14 people on Tuesday, the regional \
governor, Ilse Marrow, said. About 2,300 homes were left without power.\n\
\"We have not seen water like this in 40 years,\" Marrow told reporters. Rebels control 30 per cent \
of the Osten district, the army said.\n";

const SECOND: &str = "At least 12 people died when the Valmere river burst its banks on 3 March, according to \
the emergency ministry. Governor Ilse Marow said 2,300 homes had lost power.\n\
“We have not seen water like this in 50 years,” she said. The army denied that rebels hold the \
Osten district.\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut corpus = Corpus::new();
    corpus.insert(SourceDoc::new("first", "first.txt", FIRST));
    corpus.insert(SourceDoc::new("second", "second.txt", SECOND));
    corpus.insert(SourceDoc::new("input", "input.txt", text.clone()));
    let texts = |id: &str| corpus.get(id).expect("in the corpus").text.clone();
    let mut analyses = Vec::new();
    for id in ["input", "first", "second"] {
        let doc = corpus.get(id).expect("in the corpus").clone();
        let own = &doc.text;
        for sentence in &doc.extraction.sentences {
            on_boundaries(own, sentence.span, "sentence");
        }
        for claim in &doc.extraction.claims {
            on_boundaries(own, claim.span, "claim");
            on_boundaries(own, claim.context, "claim context");
            if let ClaimKind::Figure(figure) = &claim.kind {
                for measure in &figure.measures {
                    on_boundaries(own, measure.span, "measure");
                    assert!(!(measure.low > measure.high), "the interval of {:?}", measure.text);
                }
            }
        }
        let analysis = analyze(&corpus, id).expect("analysed");
        check_analysis(&analysis, own, &texts);
        for finding in &analysis.findings {
            for fix in fixes(&doc, &analysis, finding) {
                let mut edits = fix.edits.clone();
                for (span, _) in &edits {
                    on_boundaries(own, *span, "fix edit");
                }
                // Applied from the end, as an editor applies non-overlapping edits.
                edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
                let mut fixed = own.clone();
                let mut last = usize::MAX;
                for (span, replacement) in edits {
                    if span.end <= last {
                        fixed.replace_range(span.start..span.end, &replacement);
                        last = span.start;
                    }
                }
            }
        }
        analyses.push(analysis);
    }
    let checked: Vec<&DocumentAnalysis> = analyses.iter().collect();
    let matrix = matrix::build(&corpus, &checked, Options::default());
    for row in &matrix.rows {
        assert_eq!(row.cells.len(), matrix.columns.len(), "a row of {:?}", row.what);
    }
});

fn on_boundaries(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of range in {text:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character in {text:?}"
    );
}

fn check_analysis(analysis: &DocumentAnalysis, own: &str, texts: &dyn Fn(&str) -> String) {
    for report in &analysis.claims {
        for target in &report.targets {
            on_boundaries(own, target.span, "hover target");
            for passage in target.evidence.iter() {
                on_boundaries(&texts(&passage.doc), passage.span, "evidence passage");
                on_boundaries(&texts(&passage.doc), passage.sentence, "evidence sentence");
            }
        }
    }
    for finding in &analysis.findings {
        on_boundaries(own, finding.span, "finding");
        for passage in &finding.related {
            let source = texts(&passage.doc);
            on_boundaries(&source, passage.span, "passage");
            on_boundaries(&source, passage.sentence, "passage sentence");
            on_boundaries(&passage.sentence_text, passage.match_in_sentence(), "match in sentence");
        }
    }
}
