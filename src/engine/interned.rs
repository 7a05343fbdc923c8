//! Words kept once for the whole process. A claim's subject names the words it is about by number
//! (`Sym`), so the thousands of claims of a corpus about "minister" share one copy of the word
//! instead of each owning one.
//!
//! The table only grows: a word's number must stay valid while any claim may hold it, and the
//! vocabulary of a corpus is bounded (the words of fnc1-train's 1,683 articles are a few tens of
//! thousands). Numbers are given in the order words are first seen, so they say nothing of the
//! words' order; sets of them (`Words`) are kept in the words' alphabetical order.

use rustc_hash::FxHashMap;
use std::sync::{OnceLock, RwLock, RwLockReadGuard};

/// A word of the table, by number. It reads as its word (`Deref` to `str`), hashes and orders as
/// its word (so that `Borrow<str>` holds), and is written out as its word, never as its number.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sym(u32);

#[derive(Default)]
struct Table {
    numbers: FxHashMap<&'static str, Sym>,
    count: u32,
}

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(RwLock::default)
}

/// The table for reading; a panic elsewhere while it was held leaves it whole (words are only
/// ever appended), so a poisoned lock is read as it is.
fn read() -> RwLockReadGuard<'static, Table> {
    table().read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The words by number, read without a lock (comparisons read words millions of times, from
/// every thread): bucket `b` holds numbers 2^b − 1 to 2^(b+1) − 2 and is made when its first word
/// comes; each place is set once, before its number is given out, and nothing is ever freed.
static WORDS: [OnceLock<&'static [OnceLock<&'static str>]>; 33] = [const { OnceLock::new() }; 33];

/// The bucket and the place in it of a number.
fn place(number: u32) -> (usize, usize) {
    let n = u64::from(number) + 1;
    let bucket = 63 - n.leading_zeros() as usize;
    (bucket, (n - (1 << bucket)) as usize)
}

fn bucket(index: usize) -> &'static [OnceLock<&'static str>] {
    WORDS[index].get_or_init(|| Box::leak((0..1usize << index).map(|_| OnceLock::new()).collect()))
}

impl Sym {
    /// The number of `word`, given it if it has none yet.
    pub fn of(word: &str) -> Sym {
        if let Some(sym) = Sym::find(word) {
            return sym;
        }
        let mut table = table().write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(sym) = table.numbers.get(word) {
            return *sym;
        }
        let word: &'static str = Box::leak(Box::from(word));
        // Past u32::MAX words (never, short of an attack on memory), the last number is shared.
        let sym = Sym(table.count);
        if table.count < u32::MAX {
            let (index, at) = place(sym.0);
            if let Some(slot) = bucket(index).get(at) {
                let _ = slot.set(word);
            }
            table.count += 1;
        }
        table.numbers.insert(word, sym);
        sym
    }

    /// The number of `word` if it has one: a word no one interned is in no set.
    pub fn find(word: &str) -> Option<Sym> {
        read().numbers.get(word).copied()
    }

    pub fn as_str(self) -> &'static str {
        let (index, at) = place(self.0);
        WORDS[index].get().and_then(|bucket| bucket.get(at)).and_then(|slot| slot.get().copied()).unwrap_or_default()
    }
}

impl std::ops::Deref for Sym {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Ordered as their words are, so that sorting by them sorts by the words.
impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Sym {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Sym::of(&word))
    }
}

/// Interned words as a boxed slice, in their order.
pub fn all<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Box<[Sym]> {
    words.into_iter().map(|w| Sym::of(w.as_ref())).collect()
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// The numbers of `words`, in the words' alphabetical order, each once: the sorted set of them.
pub fn sorted_set<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Vec<Sym> {
    let mut words: Vec<S> = words.into_iter().collect();
    words.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
    words.dedup_by(|a, b| a.as_ref() == b.as_ref());
    words.iter().map(|w| Sym::of(w.as_ref())).collect()
}

/// A set of interned words, in their alphabetical order (as a `BTreeSet<String>` iterates).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Words<'a>(&'a [Sym]);

impl<'a> Words<'a> {
    /// `syms` must be a set in the words' order (`sorted_set`).
    pub(crate) fn new(syms: &'a [Sym]) -> Words<'a> {
        Words(syms)
    }

    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// The words, in alphabetical order.
    pub fn iter(self) -> impl Iterator<Item = &'static str> + 'a {
        self.0.iter().map(|sym| sym.as_str())
    }

    pub fn contains(self, word: &str) -> bool {
        Sym::find(word).is_some_and(|sym| self.0.contains(&sym))
    }

    pub fn is_disjoint(self, other: Words<'_>) -> bool {
        !self.0.iter().any(|sym| other.0.contains(sym))
    }
}

impl std::fmt::Debug for Words<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_one_number_and_sets_keep_the_words_order() {
        assert_eq!(Sym::of("minister"), Sym::of(&String::from("minister")));
        assert_eq!(Sym::of("minister").as_str(), "minister");
        // Numbers across the first buckets read back their words.
        let many: Vec<(String, Sym)> = (0..5000).map(|i| (format!("word{i}"), Sym::of(&format!("word{i}")))).collect();
        assert!(many.iter().all(|(word, sym)| sym.as_str() == word));
        assert_eq!((place(0), place(1), place(2), place(6)), ((0, 0), (1, 0), (1, 1), (2, 3)));
        let set = sorted_set(["zebra", "Ukraine", "apple", "zebra"]);
        let words = Words::new(&set);
        assert_eq!(words.iter().collect::<Vec<_>>(), ["Ukraine", "apple", "zebra"]);
        assert!(words.contains("apple") && !words.contains("pear") && !words.contains("never interned here"));
        let other = sorted_set(["pear", "apple"]);
        assert!(!words.is_disjoint(Words::new(&other)));
        assert!(words.is_disjoint(Words::new(&sorted_set(["pear"]))));
    }
}
