//! The engine never panics on input text. Thousands of generated articles, built from fragments
//! that stress every stage (multi-byte punctuation, emoji, combining marks, lone `\r`, numbers,
//! hedges, units, quotes and attribution words in odd places), go through extraction and
//! analysis, and every span they produce must fall on character boundaries of their text.

use crosscheck::engine::claim::ClaimKind;
use crosscheck::engine::{analyze, Corpus, SourceDoc};

const FRAGMENTS: &[&str] = &[
    "Russian forces",
    " control ",
    "more than ",
    "19",
    " per cent",
    " of Ukraine",
    ", or ",
    "115,600",
    " square km",
    "—",
    " – ",
    "“",
    "”",
    "’",
    "‘",
    "\"",
    "'",
    "😀",
    "e\u{301}",
    "\u{2028}",
    "\r",
    "\n",
    "\r\n",
    ". ",
    "! ",
    "? ",
    "U.S.",
    " Mr.",
    " 1.2",
    " million",
    " a fifth",
    " one-fifth",
    " half of",
    " two-thirds",
    " nearly four years",
    " 10-year",
    " $3bn",
    "£",
    "€",
    " km²",
    " sq mi",
    " said",
    ", according to ",
    " the Ukrainian military told Reuters",
    " denied reports that ",
    " the city",
    " the city of Pokrovsk",
    " Pokrovsk",
    " neither Pokrovsk nor Vovshansk has been fully taken by Russian forces",
    " captured ",
    " held the northern part of",
    " under Russian control",
    " its forces",
    " Putin, in a video,",
    " hailed ",
    " what he said was the capture of ",
    " killed or wounded",
    " people",
    " at least ",
    " up to ",
    " about ",
    " 0",
    " 00",
    " 1e9",
    " ,",
    ",,",
    "..",
    " (",
    ")",
    ";",
    ":",
    " -",
    "- ",
    "+2.00%",
    " tens of thousands",
    " a dozen",
    " Three",
    " among 12 members",
    " each with ",
    " per share",
    "\u{feff}",
    "\t",
    "  ",
    "ß",
    "ﬁ",
];

// The benchmarks' generator: only its deterministic `Rng` is used here.
#[allow(dead_code)]
#[path = "../benches/support/generate.rs"]
mod generate;

use generate::Rng;

fn article(rng: &mut Rng) -> String {
    let pieces = 1 + rng.next() % 60;
    (0..pieces).map(|_| FRAGMENTS[rng.next() % FRAGMENTS.len()]).collect()
}

fn assert_on_boundaries(text: &str, start: usize, end: usize, what: &str) {
    assert!(start <= end && end <= text.len(), "{what} {start}..{end} out of range in {text:?}");
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} splits a character in {text:?}"
    );
}

#[test]
fn generated_articles_never_panic_and_spans_stay_on_character_boundaries() {
    let mut rng = Rng(0x5eed_cafe_f00d);
    for round in 0..150 {
        let mut corpus = Corpus::new();
        let texts: Vec<String> = (0..12).map(|_| article(&mut rng)).collect();
        for (i, text) in texts.iter().enumerate() {
            corpus.insert(SourceDoc::new(format!("doc{i}"), format!("doc{i}.txt"), text.clone()));
        }
        for (i, text) in texts.iter().enumerate() {
            let id = format!("doc{i}");
            let doc = corpus.get(&id).expect("inserted").clone();
            for sentence in &doc.extraction.sentences {
                assert_on_boundaries(text, sentence.span.start, sentence.span.end, "sentence");
            }
            for claim in &doc.extraction.claims {
                assert_on_boundaries(text, claim.span.start, claim.span.end, "claim");
                if let ClaimKind::Figure(figure) = &claim.kind {
                    for measure in &figure.measures {
                        assert_on_boundaries(text, measure.span.start, measure.span.end, "measure");
                        assert!(measure.low <= measure.high, "interval of {:?} in round {round}", measure.text);
                    }
                }
            }
            let analysis = analyze(&corpus, &id).expect("analysed");
            for finding in &analysis.findings {
                assert_on_boundaries(text, finding.span.start, finding.span.end, "finding");
                for passage in &finding.related {
                    let source = &corpus.get(&passage.doc).expect("source").text;
                    assert_on_boundaries(source, passage.span.start, passage.span.end, "passage");
                    let at = passage.match_in_sentence();
                    assert_on_boundaries(&passage.sentence_text, at.start, at.end, "match in sentence");
                }
            }
        }
    }
}

#[test]
fn empty_and_degenerate_articles() {
    for text in ["", "\n", "\r\n\r\n", ".", "—", "😀", "1", "%", "of", "the city", "19 per cent"] {
        let mut corpus = Corpus::new();
        corpus.insert(SourceDoc::new("a", "a.txt", text));
        corpus.insert(SourceDoc::new("b", "b.txt", text));
        assert!(analyze(&corpus, "a").is_some());
    }
}
