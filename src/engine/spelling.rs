//! Name spellings: two spellings of one referent inside an article are an inconsistency to fix
//! (a warning, once per spelling, on its first occurrence, with its other occurrences as
//! related passages); a spelling that other sources write differently for the same referent is
//! house style (a hint). Spellings of different referents (two people's first names, a person
//! and a town), common words capitalised, and spellings the article declares as one ("Kobani,
//! also spelled Kobane") are no variants. See `names` for how differences rank.

use super::corpus::{Corpus, SourceDoc, Spelling as SourceSpelling};
use super::finding::{Code, Finding, Passage, Severity};
use super::names::{
    self, is_variant_key, name_key, name_key_length, same_referent, variant_kind, variant_strength, Referent, Strength,
    VariantKind,
};
use super::reconcile::Relation;
use super::text::Span;
use super::verdict::{finding, join_and};
use std::collections::{BTreeMap, BTreeSet};

/// One spelling of a name in the article.
struct Spelling {
    text: String,
    /// Its mentions that name something: not a common word standing alone.
    mentions: Vec<usize>,
    /// Some mention stands inside a sentence, where a capital marks a name.
    inside_sentence: bool,
    /// Standing alone, it is a place somewhere in the article.
    place: bool,
}

/// The other spelling of a referent and the mentions of each that name it.
struct Inconsistency<'a> {
    counterpart: &'a str,
    flagged: Vec<usize>,
    other: Vec<usize>,
}

#[cfg(test)]
pub fn findings(corpus: &Corpus, doc: &SourceDoc) -> Vec<Finding> {
    findings_remembering(corpus, doc, None).0
}

/// The spellings of other sources that vary one of the article's, by what decides them: the
/// spelling, what it names and whether it is a place. They rest on the other sources alone, so
/// an analysis that follows an edit of the same document, with no other document changed, asks
/// them of the earlier analysis's instead of comparing the spelling with the corpus's again.
#[derive(Clone, Debug, Default)]
pub struct OtherSpellings(rustc_hash::FxHashMap<(String, Referent, bool), Vec<OtherSpelling>>);

/// A spelling of another source, with its name key.
#[derive(Clone, Debug)]
struct OtherSpelling {
    doc: std::sync::Arc<str>,
    text: String,
    span: Span,
    key: String,
    /// Its passage, once a finding has cited it: shared with the analyses after an edit, which
    /// then do not read the source again (a corpus may have to read it back).
    passage: std::sync::Arc<std::sync::OnceLock<Option<Passage>>>,
}

impl OtherSpelling {
    fn passage(&self, corpus: &Corpus) -> Option<Passage> {
        let cited = || corpus.get(&self.doc).map(|doc| passage(&doc, self.span, Relation::Contradicts));
        self.passage.get_or_init(cited).clone()
    }
}

/// `findings`, with the other sources' variants of each spelling taken from `earlier` when it
/// holds them (see `OtherSpellings`); also gives those of this analysis.
pub fn findings_remembering(
    corpus: &Corpus,
    doc: &SourceDoc,
    earlier: Option<&OtherSpellings>,
) -> (Vec<Finding>, OtherSpellings) {
    let mut remembered = OtherSpellings::default();
    let mentions = &doc.extraction.names;
    let referents = names::referents(&doc.text, mentions, &|key| corpus.writes_in_lowercase(key));
    let declared: BTreeSet<(String, String)> =
        names::declared(&doc.text, mentions).into_iter().flat_map(|(a, b)| [(a.clone(), b.clone()), (b, a)]).collect();
    let spellings = spellings(corpus, doc, &referents);
    // Spellings of one name start alike (`names::same_name`): only those are compared.
    let mut by_start: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for key in spellings.keys() {
        by_start.entry(key.chars().take(4).collect()).or_default().push(key);
    }
    let mut inconsistencies: BTreeMap<&String, Inconsistency> = BTreeMap::new();
    for keys in by_start.values() {
        for &key in keys {
            for &other_key in keys {
                let (this, other) = (&spellings[key], &spellings[other_key]);
                if key == other_key
                    || declared.contains(&(key.clone(), other_key.clone()))
                    || !(this.inside_sentence || other.inside_sentence)
                {
                    continue;
                }
                let Some(strength) = variant_strength(&this.text, &other.text) else { continue };
                let phrases = |i: usize, j: usize| referents[i] != Referent::Alone && referents[j] != Referent::Alone;
                let names_the_same = |i: usize, j: usize| {
                    same_referent(&referents[i], this.place, &referents[j], other.place)
                        && (strength == Strength::Alone || phrases(i, j))
                };
                let flagged: Vec<usize> = this
                    .mentions
                    .iter()
                    .copied()
                    .filter(|&i| other.mentions.iter().any(|&j| names_the_same(i, j)))
                    .collect();
                let counterpart: Vec<usize> = other
                    .mentions
                    .iter()
                    .copied()
                    .filter(|&j| this.mentions.iter().any(|&i| names_the_same(i, j)))
                    .collect();
                let (Some(&first), Some(&other_first)) = (flagged.first(), counterpart.first()) else { continue };
                // The minority spelling is flagged; on a tie, the one that appears later.
                let minority = flagged.len() < counterpart.len()
                    || (flagged.len() == counterpart.len()
                        && mentions[first].span.start > mentions[other_first].span.start);
                let stronger = inconsistencies.get(key).is_none_or(|known| counterpart.len() > known.other.len());
                if minority && stronger {
                    inconsistencies
                        .insert(key, Inconsistency { counterpart: other.text.as_str(), flagged, other: counterpart });
                }
            }
        }
    }
    let mut found = Vec::new();
    let mut inconsistent = BTreeSet::new();
    for (key, inconsistency) in &inconsistencies {
        let text = &spellings[*key].text;
        inconsistent.insert((*key).clone());
        inconsistent.insert(name_key(inconsistency.counterpart));
        let span_of = |i: usize| mentions[i].span;
        let lines: BTreeSet<usize> = inconsistency.other.iter().map(|&j| doc.line_number(span_of(j).start)).collect();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        let how = match variant_kind(text, inconsistency.counterpart) {
            VariantKind::Transliteration => "vowels or doubled letters differ",
            VariantKind::Typo => "letters swapped or changed: a typo?",
        };
        let mut related = vec![passage(doc, span_of(inconsistency.other[0]), Relation::Contradicts)];
        related.extend(inconsistency.flagged[1..].iter().map(|&i| passage(doc, span_of(i), Relation::Supports)));
        found.push(Finding {
            span: span_of(inconsistency.flagged[0]),
            text: text.clone(),
            severity: Severity::Warning,
            message: format!(
                "\"{text}\" is spelled \"{}\" elsewhere in this article (line {}): use one spelling ({how})",
                inconsistency.counterpart,
                lines.join(", ")
            ),
            related,
            ..finding(Code::NameVariant)
        });
    }
    for (key, spelling) in &spellings {
        if inconsistent.contains(key) || !spelling.inside_sentence || declared.iter().any(|(a, _)| a == key) {
            continue;
        }
        let Some(&first) = spelling.mentions.first() else { continue };
        let referent = spelling
            .mentions
            .iter()
            .map(|&i| &referents[i])
            .find(|r| **r != Referent::Alone)
            .unwrap_or(&referents[first]);
        // A key of fewer than five letters, or more than two letters longer or shorter than
        // ours, is no variant: told before the key is built.
        let length = key.chars().count();
        let may_vary = |text: &str| {
            let other = name_key_length(text);
            other >= 5 && other.abs_diff(length) <= 2
        };
        let asked = (spelling.text.clone(), referent.clone(), spelling.place);
        let variants = match earlier.and_then(|earlier| earlier.0.get(&asked)) {
            Some(known) => known.clone(),
            None => corpus
                .spellings_like(&spelling.text, &doc.id)
                .filter(|s| !s.common && may_vary(&s.text))
                .filter_map(|s: &SourceSpelling| {
                    let theirs = name_key(&s.text);
                    is_variant_key(key, &theirs).then_some((s, theirs))
                })
                .filter(|(s, _)| same_referent(referent, spelling.place, &s.referent, s.place))
                .map(|(s, key)| OtherSpelling {
                    doc: s.doc.clone(),
                    text: s.text.clone(),
                    span: s.span,
                    key,
                    passage: std::sync::Arc::default(),
                })
                .collect(),
        };
        // Whether a source writes a word in lowercase counts this article's words too, which
        // an edit changes: asked every time.
        let mut others: Vec<&OtherSpelling> = variants.iter().filter(|s| !corpus.writes_in_lowercase(&s.key)).collect();
        // In the order of the sources, not of when they last entered the corpus: the same texts
        // give the same message and passages in a fresh server, in one that has run for hours
        // (an edited source goes to the end of the corpus's lists), and in --check.
        others.sort_by(|a, b| (&a.doc, a.span.start).cmp(&(&b.doc, b.span.start)));
        if others.is_empty() {
            remembered.0.insert(asked, variants);
            continue;
        }
        let mut by_spelling: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for other in &others {
            let name = corpus.name(&other.doc).map_or_else(|| other.doc.to_string(), str::to_string);
            by_spelling.entry(other.text.as_str()).or_default().push(name);
        }
        let listed: Vec<String> =
            by_spelling.iter().map(|(spelling, docs)| format!("\"{spelling}\" in {}", docs.join(", "))).collect();
        let text = &spelling.text;
        found.push(Finding {
            span: mentions[first].span,
            text: text.clone(),
            severity: Severity::Hint,
            message: format!(
                "other sources spell \"{text}\" differently: {} (house style, not an error)",
                join_and(&listed)
            ),
            related: others.iter().filter_map(|s| s.passage(corpus)).collect(),
            ..finding(Code::NameVariant)
        });
        remembered.0.insert(asked, variants);
    }
    found.sort_by_key(|f| f.span.start);
    (found, remembered)
}

/// The article's spellings of names by key, each with its mentions that name something.
fn spellings(corpus: &Corpus, doc: &SourceDoc, referents: &[Referent]) -> BTreeMap<String, Spelling> {
    let mut spellings: BTreeMap<String, Spelling> = BTreeMap::new();
    for (i, mention) in doc.extraction.names.iter().enumerate() {
        let text = names::without_possessives(mention.span.slice(&doc.text));
        let key = name_key(text);
        let spelling = spellings.entry(key).or_insert_with(|| Spelling {
            text: text.to_string(),
            mentions: Vec::new(),
            inside_sentence: false,
            place: false,
        });
        let alone = referents[i] == Referent::Alone;
        if alone && mention.common {
            continue;
        }
        spelling.mentions.push(i);
        spelling.inside_sentence |= !mention.opens_sentence;
        spelling.place |= alone && mention.place;
    }
    // A word the sources write in lowercase is a name only inside a name phrase.
    for (key, spelling) in spellings.iter_mut() {
        if corpus.writes_in_lowercase(key) {
            spelling.mentions.retain(|&i| referents[i] != Referent::Alone);
        }
    }
    spellings
}

fn passage(doc: &SourceDoc, span: Span, relation: Relation) -> Passage {
    let sentence = doc
        .extraction
        .sentences
        .iter()
        .find(|s| s.span.start <= span.start && span.end <= s.span.end)
        .map_or(span, |s| s.span);
    Passage::at(doc, span, sentence, relation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(article: &str, sources: &[&str]) -> Vec<(Severity, String)> {
        let corpus = crate::engine::corpus::test_corpus(article, sources);
        let doc = corpus.get("draft").expect("inserted").clone();
        findings(&corpus, &doc).into_iter().map(|f| (f.severity, f.message)).collect()
    }

    #[test]
    fn two_spellings_in_one_article_are_a_warning_on_the_minority() {
        let found = check(
            "The talks with President Zelenskyy went on. Later President Zelenskyy and President Zelensky spoke.",
            &[],
        );
        assert_eq!(
            found,
            vec![(
                Severity::Warning,
                "\"Zelensky\" is spelled \"Zelenskyy\" elsewhere in this article (line 1): use one spelling (vowels or doubled letters differ)".into()
            )]
        );
    }

    #[test]
    fn another_house_style_elsewhere_is_a_hint() {
        let found = check(
            "It was President Zelensky who spoke.",
            &["Then President Zelenskiy spoke.", "Then President Zelensky spoke."],
        );
        assert_eq!(
            found,
            vec![(
                Severity::Hint,
                "other sources spell \"Zelensky\" differently: \"Zelenskiy\" in s0.txt (house style, not an error)"
                    .into()
            )]
        );
    }

    /// Found by the soak test: a source edited in the editor goes to the end of the corpus's
    /// lists, and the hint listed the sources in that order, so the same texts read differently
    /// in a fresh server.
    #[test]
    fn the_sources_are_listed_in_their_order_whenever_they_entered_the_corpus() {
        let sources = ["Then President Zelenskiy spoke.", "Then President Zelenskiy spoke again."];
        let fresh = check("It was President Zelensky who spoke.", &sources);
        let mut corpus = crate::engine::corpus::test_corpus("It was President Zelensky who spoke.", &sources);
        corpus.insert(SourceDoc::new("s0", "s0.txt", sources[0]));
        let doc = corpus.get("draft").expect("inserted").clone();
        let found = findings(&corpus, &doc);
        let messages: Vec<(Severity, String)> = found.iter().map(|f| (f.severity, f.message.clone())).collect();
        assert_eq!(messages, fresh);
        assert!(fresh[0].1.contains("in s0.txt, s1.txt"), "{fresh:?}");
        let related: Vec<&str> = found[0].related.iter().map(|p| p.doc.as_str()).collect();
        assert_eq!(related, ["s0", "s1"]);
    }

    #[test]
    fn an_analysis_after_an_edit_takes_the_other_sources_variants_from_the_one_before() {
        let article = "It was President Zelensky who spoke.";
        let sources = ["Then President Zelenskiy spoke.", "Officials met Zelenskiy on Monday."];
        let corpus = crate::engine::corpus::test_corpus(article, &sources);
        let doc = corpus.get("draft").expect("inserted").clone();
        let (fresh, remembered) = findings_remembering(&corpus, &doc, None);
        assert_eq!(fresh.len(), 1, "{fresh:?}");
        assert_eq!(findings_remembering(&corpus, &doc, Some(&remembered)).0, fresh);
        // What is remembered is what is used: the lone article still hears of the sources' spelling.
        let alone = crate::engine::corpus::test_corpus(article, &[]);
        let doc = alone.get("draft").expect("inserted").clone();
        assert!(findings_remembering(&alone, &doc, None).0.is_empty());
        let told = findings_remembering(&alone, &doc, Some(&remembered)).0;
        assert!(told.first().is_some_and(|f| f.message.contains("\"Zelenskiy\" in s0, s1")), "{told:?}");
    }

    #[test]
    fn an_analysis_after_an_edit_cites_the_other_sources_spellings_without_reading_them_again() {
        let sources = ["Then President Zelenskiy spoke.", "Officials met Zelenskiy on Monday."];
        let mut corpus = Corpus::new();
        corpus.release_read_backs();
        let read_back: crate::engine::ReadBack =
            std::sync::Arc::new(|id: &str, name: &str, text: String| SourceDoc::new(id, name, text));
        for (i, text) in sources.iter().enumerate() {
            corpus.insert_set_aside(SourceDoc::new(format!("s{i}"), format!("s{i}.txt"), *text), read_back.clone());
        }
        corpus.insert_draft(SourceDoc::new("draft", "draft.txt", "It was President Zelensky who spoke."));
        let doc = corpus.get("draft").expect("inserted");
        let (fresh, remembered) = findings_remembering(&corpus, &doc, None);
        assert_eq!(fresh.first().map(|f| f.related.len()), Some(2), "{fresh:?}");
        let readings = corpus.read_back_count().1;
        assert_eq!(readings, 2, "each source cited is read back");
        assert_eq!(findings_remembering(&corpus, &doc, Some(&remembered)).0, fresh);
        assert_eq!(corpus.read_back_count().1, readings, "and not again after an edit");
    }

    /// The warnings on a lone article: (flagged text, line, related lines).
    fn warnings(article: &str) -> Vec<(String, usize, Vec<usize>)> {
        let corpus = crate::engine::corpus::test_corpus(article, &[]);
        let doc = corpus.get("draft").expect("inserted").clone();
        findings(&corpus, &doc)
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| (f.text, doc.line_number(f.span.start), f.related.iter().map(|p| p.line).collect()))
            .collect()
    }

    fn warned(text: &str, line: usize, related: &[usize]) -> (String, usize, Vec<usize>) {
        (text.to_string(), line, related.to_vec())
    }

    #[test]
    fn one_warning_per_spelling_with_its_other_occurrences_related() {
        let article = "Shelling hit Varnetzk.\nAid reached Varnetsk.\nVarnetsk was calm.\nRefugees left Varnetzk.\nIn Varnetsk it rained.";
        assert_eq!(warnings(article), vec![warned("Varnetzk", 1, &[2, 4])]);
    }

    #[test]
    fn different_people_sharing_a_similar_first_name_are_not_variants() {
        let article = "Kristina Anselm and Kristine Brauner were on the list. Kristina Anselm flew.";
        assert_eq!(warnings(article), vec![]);
        let article = "Kristina Anselm and Kristine Anselm were on the list. Kristina Anselm flew.";
        assert_eq!(warnings(article), vec![warned("Kristine", 1, &[1])]);
    }

    #[test]
    fn a_person_is_not_the_town_whose_name_they_carry() {
        let article = "Fighting raged in Varnetsk.\nThe town of Varnetsk held.\nOne fighter, Lena Varnetzk, spoke.\n\"We stay,\" said Varnetzk.\nLater Varnetzk rose to command.";
        assert_eq!(warnings(article), vec![]);
        // The town spelled the other way is still one town.
        let with_town = format!("{article}\nShe was wounded outside Varnetzk.");
        assert_eq!(warnings(&with_town), vec![warned("Varnetzk", 6, &[1])]);
    }

    #[test]
    fn common_words_are_names_only_inside_a_matching_name_phrase() {
        let article = "Marchers gathered. The marchers left. Marchars sang.";
        assert_eq!(warnings(article), vec![]);
        let article = "The Royal Rescue League of Port Halvern took the dog. A royal visit followed. \
                       The Royale Rescue League of Port Halvern said so.";
        assert_eq!(warnings(article), vec![warned("Royale", 1, &[1])]);
    }

    #[test]
    fn a_word_the_sources_write_in_lowercase_is_no_name() {
        let corpus =
            crate::engine::corpus::test_corpus("Marchers gathered. Then Marchars sang.", &["The marchers left early."]);
        let doc = corpus.get("draft").expect("inserted").clone();
        assert!(findings(&corpus, &doc).iter().all(|f| f.severity != Severity::Warning));
    }

    #[test]
    fn a_declared_spelling_is_no_inconsistency() {
        let article =
            "Fighting raged in Varnetsk, also spelled Varnetzk. Aid reached Varnetsk. Refugees left Varnetzk.";
        assert_eq!(warnings(article), vec![]);
    }

    #[test]
    fn accents_and_regional_spellings_are_no_variants() {
        assert_eq!(warnings("Then Lena Varnétsk spoke. Later Lena Varnetsk left."), vec![]);
        assert_eq!(warnings("The Department of Defense said so. The Defence Research Agency agreed."), vec![]);
    }

    #[test]
    fn the_message_says_whether_it_looks_like_a_typo() {
        let corpus = crate::engine::corpus::test_corpus("Then Marta Halvorsen spoke. Later Marta Halvrosen left.", &[]);
        let doc = corpus.get("draft").expect("inserted").clone();
        let messages: Vec<String> = findings(&corpus, &doc).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec!["\"Halvrosen\" is spelled \"Halvorsen\" elsewhere in this article (line 1): use one spelling (letters swapped or changed: a typo?)"]
        );
    }

    #[test]
    fn inflections_and_different_names_are_not_variants() {
        assert_eq!(check("The Democrat said the Democrats and Mr Johnson and Mr Jackson agreed.", &[]), vec![]);
    }
}
