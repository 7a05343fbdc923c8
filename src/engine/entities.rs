//! Canonical entities from the shipped table `data/entities.tsv`: a country, bloc or organisation
//! and the names, demonyms, capitals and seats of power that stand for it ("the Kremlin" → Russia).
//! A project can add aliases (`[aliases]` in crosscheck.toml); the table a document is read with
//! is chosen for the duration of its extraction by `reading_with`.

use super::text::{words, Span, Word};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityMention {
    pub span: Span,
    pub entity: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityTable {
    by_alias: HashMap<String, &'static str>,
    longest_alias_words: usize,
    /// The first word of every alias: a word that begins none is passed over at once.
    first_words: HashSet<String>,
}

const TABLE: &str = include_str!("../../data/entities.tsv");

/// The shipped table.
pub fn shipped() -> &'static Arc<EntityTable> {
    static TABLE_CELL: OnceLock<Arc<EntityTable>> = OnceLock::new();
    TABLE_CELL.get_or_init(|| Arc::new(EntityTable::parse(TABLE)))
}

thread_local! {
    static READING_WITH: RefCell<Option<Arc<EntityTable>>> = const { RefCell::new(None) };
}

/// The table in effect: the one `reading_with` chose on this thread, or the shipped one.
pub fn table() -> Arc<EntityTable> {
    READING_WITH.with(|cell| cell.borrow().clone()).unwrap_or_else(|| Arc::clone(shipped()))
}

/// Runs `f` (an extraction) with `table` in effect on this thread, restoring the previous one
/// afterwards, even when `f` panics.
pub fn reading_with<R>(table: &Arc<EntityTable>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<EntityTable>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            READING_WITH.with(|cell| *cell.borrow_mut() = previous);
        }
    }
    let previous = READING_WITH.with(|cell| cell.borrow_mut().replace(Arc::clone(table)));
    let _restore = Restore(previous);
    f()
}

/// Canonical names from project files live as long as the process; each distinct one is kept once.
fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl EntityTable {
    /// The shipped table with a project's aliases: each key is an entity (a known one, by its
    /// name or any alias, or a new one) and its list the phrases that stand for it.
    pub fn with_aliases(aliases: &BTreeMap<String, Vec<String>>) -> EntityTable {
        let mut table = EntityTable::clone(shipped());
        for (entity, phrases) in aliases {
            let entity = entity.trim();
            if entity.is_empty() {
                continue;
            }
            let canonical = table.canonical(entity).unwrap_or_else(|| intern(entity));
            for phrase in std::iter::once(entity).chain(phrases.iter().map(|p| p.trim())) {
                if phrase.is_empty() {
                    continue;
                }
                let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
                table.longest_alias_words = table.longest_alias_words.max(phrase.split_whitespace().count());
                table.add(normalize(phrase).into_owned(), canonical);
            }
        }
        table
    }

    fn parse(source: &'static str) -> EntityTable {
        let mut table =
            EntityTable { by_alias: HashMap::default(), longest_alias_words: 1, first_words: HashSet::default() };
        for line in source.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((canonical, aliases)) = line.split_once('\t') else {
                continue;
            };
            for alias in std::iter::once(canonical).chain(aliases.split('|')) {
                let alias = alias.trim();
                if alias.is_empty() {
                    continue;
                }
                table.longest_alias_words = table.longest_alias_words.max(alias.split_whitespace().count());
                table.add(normalize(alias).into_owned(), canonical);
            }
        }
        table
    }

    fn add(&mut self, alias: String, canonical: &'static str) {
        if let Some(first) = words(&alias).first() {
            self.first_words.insert(first.text.to_string());
        }
        self.by_alias.insert(alias, canonical);
    }

    /// Whether an alias can begin with this word (as the text writes it).
    fn begins_an_alias(&self, word: &str) -> bool {
        let word = if word.contains('’') { Cow::Owned(word.replace('’', "'")) } else { Cow::Borrowed(word) };
        self.first_words.contains(word.as_ref()) || self.first_words.contains(strip_possessive(&word))
    }

    /// The canonical entity a phrase stands for, if the whole phrase is a known alias.
    pub fn canonical(&self, phrase: &str) -> Option<&'static str> {
        let phrase = phrase.trim();
        let phrase = phrase.strip_prefix("the ").or_else(|| phrase.strip_prefix("The ")).unwrap_or(phrase);
        self.by_alias.get(normalize(strip_possessive(phrase)).as_ref()).copied()
    }

    /// Every entity mentioned in `text`, longest alias first; hyphenated words are searched part by
    /// part (`pro-Russian`, `Russian-backed`). Spans are relative to `text`.
    pub fn find_all(&self, text: &str) -> Vec<EntityMention> {
        self.find_all_in(text, &words(text))
    }

    /// `find_all` of a text whose words (`words`, spans relative to `text`) are read already.
    pub fn find_all_in(&self, text: &str, tokens: &[Word<'_>]) -> Vec<EntityMention> {
        let mut mentions = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut matched = 0;
            let first = &tokens[i];
            let capitalised = first.is_capitalized() || first.text.chars().all(|c| c.is_uppercase() || c == '.');
            let longest = if capitalised && self.begins_an_alias(first.text) { self.longest_alias_words } else { 0 };
            for n in (1..=longest.min(tokens.len() - i)).rev() {
                let last = &tokens[i + n - 1];
                let phrase = &text[first.span.start..last.span.end];
                // "U.S." is read as the words "U" and "S": the final dot belongs to the alias.
                let dotted = text[last.span.end..].starts_with('.').then(|| format!("{phrase}."));
                let found = self
                    .by_alias
                    .get(normalize(strip_possessive(phrase)).as_ref())
                    .map(|entity| (entity, last.span.end))
                    .or_else(|| {
                        dotted
                            .and_then(|d| self.by_alias.get(normalize(&d).as_ref()))
                            .map(|entity| (entity, last.span.end + 1))
                    });
                if let Some((entity, end)) = found {
                    mentions.push(EntityMention { span: Span::new(first.span.start, end), entity });
                    matched = n;
                    break;
                }
            }
            if matched == 0 && tokens[i].text.contains('-') {
                let mut offset = tokens[i].span.start;
                for part in tokens[i].text.split('-') {
                    if let Some(entity) = self.by_alias.get(normalize(strip_possessive(part)).as_ref()) {
                        mentions.push(EntityMention { span: Span::new(offset, offset + part.len()), entity });
                    }
                    offset += part.len() + 1;
                }
            }
            i += matched.max(1);
        }
        mentions
    }
}

fn strip_possessive(phrase: &str) -> &str {
    phrase
        .strip_suffix("'s")
        .or_else(|| phrase.strip_suffix("’s"))
        .or_else(|| phrase.strip_suffix('\''))
        .or_else(|| phrase.strip_suffix('’'))
        .unwrap_or(phrase)
}

/// `alias` with its words joined by single spaces and curly apostrophes made straight; borrowed
/// when it already is so (most phrases looked up are).
fn normalize(alias: &str) -> Cow<'_, str> {
    let plain = if alias.is_ascii() {
        // Most phrases: one pass over the bytes instead of a search for each thing to mend.
        let bytes = alias.as_bytes();
        bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !bytes.windows(2).any(|pair| pair == b"  ")
            // `char::is_whitespace` of ASCII: the space and tab to carriage return (with the
            // vertical tab that `u8::is_ascii_whitespace` leaves out).
            && !bytes.iter().any(|b| (b'\t'..=b'\r').contains(b))
    } else {
        !alias.contains('’')
            && !alias.starts_with(' ')
            && !alias.ends_with(' ')
            && !alias.contains("  ")
            && alias.chars().all(|c| c == ' ' || !c.is_whitespace())
    };
    if plain {
        return Cow::Borrowed(alias);
    }
    Cow::Owned(alias.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(&str, &str)]) {
        let got: Vec<(&str, &str)> = table().find_all(text).iter().map(|m| (m.span.slice(text), m.entity)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn a_phrase_is_borrowed_exactly_when_mending_would_not_change_it() {
        let phrases = [
            "White House",
            "White  House",
            " Kyiv",
            "Kyiv ",
            "Kyiv\tcity",
            "Kyiv\x0bcity",
            "Kyiv\x0ccity",
            "Kyiv\ncity",
            "Kyiv\rcity",
            "Kyiv\x1fcity",
            "Moscow’s",
            "Moscow's",
            "Kyiv\u{a0}city",
            "Kyiv\u{2003}city",
            "é  é",
            "",
            " ",
            "U.S.",
        ];
        for phrase in phrases {
            let mended = phrase.split_whitespace().collect::<Vec<_>>().join(" ").replace('’', "'");
            let normalized = normalize(phrase);
            assert_eq!(normalized, mended, "{phrase:?}");
            assert_eq!(matches!(normalized, Cow::Borrowed(_)), mended == phrase, "{phrase:?}");
        }
    }

    #[test]
    fn demonyms_capitals_and_seats_of_power_resolve() {
        check(
            "Russian forces met the Kremlin, Kyiv and the White House.",
            &[("Russian", "Russia"), ("Kremlin", "Russia"), ("Kyiv", "Ukraine"), ("White House", "United States")],
        );
    }

    #[test]
    fn possessives_and_hyphenated_words() {
        check("Moscow’s demands and pro-Ukrainian maps", &[("Moscow’s", "Russia"), ("Ukrainian", "Ukraine")]);
    }

    #[test]
    fn dotted_abbreviations() {
        check("U.S. and Ukrainian negotiators", &[("U.S.", "United States"), ("Ukrainian", "Ukraine")]);
    }

    #[test]
    fn project_aliases_join_known_entities_or_make_new_ones() {
        let aliases = BTreeMap::from([
            ("Kyiv".to_string(), vec!["the Azov brigade".to_string()]),
            ("Wagner Group".to_string(), vec!["Wagner".to_string(), "the Wagner mercenaries".to_string()]),
        ]);
        let project = Arc::new(EntityTable::with_aliases(&aliases));
        let text = "The Azov brigade met the Wagner mercenaries.";
        let found = reading_with(&project, || {
            table().find_all(text).iter().map(|m| (m.span.slice(text).to_string(), m.entity)).collect::<Vec<_>>()
        });
        assert_eq!(
            found,
            vec![("Azov brigade".to_string(), "Ukraine"), ("Wagner mercenaries".to_string(), "Wagner Group")]
        );
        assert!(table().find_all(text).is_empty(), "the shipped table is back once the reading ends");
    }

    #[test]
    fn lowercase_words_are_not_entities() {
        check("us and them", &[]);
        assert_eq!(table().canonical("the Kremlin"), Some("Russia"));
    }
}
