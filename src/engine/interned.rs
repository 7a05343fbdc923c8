//! Words kept once for the whole process. A claim's subject names the words it is about by number
//! (`Sym`), so the thousands of claims of a corpus about "minister" share one copy of the word
//! instead of each owning one.
//!
//! The table only grows: a word's number must stay valid while any claim may hold it, and the
//! vocabulary of a corpus is bounded (the words of fnc1-train's 1,683 articles are a few tens of
//! thousands). Numbers are given in the order words are first seen, so they say nothing of the
//! words' order; sets of them (`Words`) are kept in the words' alphabetical order.

use rustc_hash::FxHashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError, RwLock};

/// A word of the table, by number. It reads as its word (`Deref` to `str`), hashes and orders as
/// its word (so that `Borrow<str>` holds), and is written out as its word, never as its number.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sym(u32);

/// Numbers by word, in shards by the word's hash: threads reading sources in parallel intern
/// their words at once, and one lock for all of them would be taken by every word of every claim.
const SHARDS: usize = 16;

/// One shard: the numbers of its words, each found by its word's hash and read back as its word
/// (4 bytes a word, where a map from the word to its number took 24).
type Shard = RwLock<hashbrown::HashTable<Sym>>;

fn shard_of(hash: u64) -> &'static Shard {
    static TABLE: [OnceLock<Shard>; SHARDS] = [const { OnceLock::new() }; SHARDS];
    // The hash's high bits: the table inside uses the others (`in_shard`).
    TABLE[(hash >> 60) as usize % SHARDS].get_or_init(RwLock::default)
}

/// The hash a shard's table files a word by: its bits turned half-way round, so that neither
/// the bits the table places it by (the low ones) nor those it tells words apart by in a group
/// (the top seven) hold the four that chose the shard, which are the same for all its words.
fn in_shard(hash: u64) -> u64 {
    hash.rotate_left(32)
}

/// The number of `word`, of hash `hash`, in its shard's table.
fn look_up(table: &hashbrown::HashTable<Sym>, word: &str, hash: u64) -> Option<Sym> {
    table.find(in_shard(hash), |sym| sym.as_str() == word).copied()
}

fn hash(word: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(word)
}

/// Places in each thread's memo of the words it interned last (`Sym::of`).
const RECENT: usize = 16384;
/// A place of the memo that holds no word.
const NO_WORD: u32 = u32::MAX;

thread_local! {
    /// The numbers of words this thread interned, each at a place its word's hash gives (the
    /// last word to take a place keeps it): reading a claims cache entry interns tens of
    /// thousands of words, most of them seen before, and the memo answers those without the
    /// shard's lock, which the pool's threads otherwise take in turn for every word.
    static RECENTLY: std::cell::RefCell<Box<[u32]>> = std::cell::RefCell::new(Box::default());
}

/// How many numbers have been given out.
static COUNT: AtomicU32 = AtomicU32::new(0);

/// The words by number, read without a lock (comparisons read words millions of times, from
/// every thread): bucket `b` holds numbers 2^b − 1 to 2^(b+1) − 2 and is made when its first word
/// comes; each place is set once, before its number is published, and nothing is ever freed.
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

/// Words are copied into chunks of this many bytes, each kept for the life of the process.
const CHUNK: usize = 64 * 1024;

/// A copy of `word` that lives as long as the process: in the current chunk, where a word of a
/// few bytes costs those bytes, not an allocation of its own (32 bytes or more with malloc's
/// header); a word longer than a quarter of a chunk gets one.
fn stored(word: &str) -> &'static str {
    static SPACE: Mutex<&'static mut [u8]> = Mutex::new(&mut []);
    if word.len() > CHUNK / 4 {
        return Box::leak(Box::from(word));
    }
    let mut space = SPACE.lock().unwrap_or_else(PoisonError::into_inner);
    if space.len() < word.len() {
        *space = Box::leak(vec![0; CHUNK].into_boxed_slice());
    }
    let (copy, rest) = std::mem::take(&mut *space).split_at_mut(word.len());
    *space = rest;
    copy.copy_from_slice(word.as_bytes());
    let copy: &'static [u8] = copy;
    // The bytes of a `str`: never an error.
    std::str::from_utf8(copy).unwrap_or_default()
}

impl Sym {
    /// The number of `word`, given it if it has none yet.
    pub fn of(word: &str) -> Sym {
        let hash = hash(word);
        let place = (hash >> 40) as usize % RECENT;
        let remembered = RECENTLY.try_with(|recently| {
            let mut recently = recently.borrow_mut();
            if recently.is_empty() {
                *recently = vec![NO_WORD; RECENT].into_boxed_slice();
            }
            let number = recently.get(place).copied().unwrap_or(NO_WORD);
            (number != NO_WORD && Sym(number).as_str() == word).then_some(Sym(number))
        });
        if let Ok(Some(sym)) = remembered {
            return sym;
        }
        let sym = Sym::shared(word, hash);
        if sym.0 != NO_WORD {
            // A thread being torn down has no memo left: the shared table answered.
            let _ = RECENTLY.try_with(|recently| {
                if let Some(slot) = recently.borrow_mut().get_mut(place) {
                    *slot = sym.0;
                }
            });
        }
        sym
    }

    /// `of`, from the table shared by all threads.
    fn shared(word: &str, hash: u64) -> Sym {
        let shard = shard_of(hash);
        if let Some(sym) = look_up(&shard.read().unwrap_or_else(PoisonError::into_inner), word, hash) {
            return sym;
        }
        // A panic elsewhere while a shard was held leaves it whole (words are only ever added).
        let mut numbers = shard.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(sym) = look_up(&numbers, word, hash) {
            return sym;
        }
        // Past u32::MAX words (never, short of an attack on memory), the last number is shared,
        // by words that read as none and are never filed.
        let number = COUNT.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_add(1)).unwrap_or(u32::MAX);
        let sym = Sym(number);
        if number < u32::MAX {
            let (index, at) = place(number);
            if let Some(slot) = bucket(index).get(at) {
                let _ = slot.set(stored(word));
                // Filed once it reads as its word: the table finds and moves it by its word.
                numbers.insert_unique(in_shard(hash), sym, |sym| in_shard(self::hash(sym.as_str())));
            }
        }
        sym
    }

    /// The number of `word` if it has one: a word no one interned is in no set.
    pub fn find(word: &str) -> Option<Sym> {
        let hash = hash(word);
        look_up(&shard_of(hash).read().unwrap_or_else(PoisonError::into_inner), word, hash)
    }

    /// The word's number: equal for equal words, and otherwise in no order of theirs.
    pub fn number(self) -> u32 {
        self.0
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

/// The words of one claims cache entry being written or read on this thread
/// (`writing_entry_words`, `reading_entry_words`).
enum EntryWords {
    /// Each word's place by its number, and the words in the order they were first written.
    Writing {
        places: FxHashMap<u32, u32>,
        words: Vec<Sym>,
    },
    Reading(Vec<Sym>),
}

thread_local! {
    static ENTRY_WORDS: std::cell::RefCell<Option<EntryWords>> = const { std::cell::RefCell::new(None) };
}

/// Puts back the words of an entry written or read around this one, when done or on a panic.
struct RestoreEntryWords(Option<EntryWords>);

impl Drop for RestoreEntryWords {
    fn drop(&mut self) {
        let _ = ENTRY_WORDS.try_with(|words| *words.borrow_mut() = self.0.take());
    }
}

/// Runs `write` with each word it serialises written as its place among the words it wrote
/// before (a number of a byte or two), and gives those words in that order: they go ahead of
/// the entry once, and the entry reads back with `reading_entry_words`. An extraction names each
/// of its words three times on average (fnc1-train: 775 words an entry, 246 of them distinct),
/// and reading a word back, interning it, was the largest part of reading an entry.
pub fn writing_entry_words<R>(write: impl FnOnce() -> R) -> (R, Vec<Sym>) {
    let writing = EntryWords::Writing { places: FxHashMap::default(), words: Vec::new() };
    let _restore = RestoreEntryWords(ENTRY_WORDS.with(|words| words.replace(Some(writing))));
    let written = write();
    let words = match ENTRY_WORDS.with(|words| words.take()) {
        Some(EntryWords::Writing { words, .. }) => words,
        _ => Vec::new(),
    };
    (written, words)
}

/// Runs `read` with each word it deserialises read as its place in `words` (see
/// `writing_entry_words`): a place beyond them is an error of the entry.
pub fn reading_entry_words<R>(words: Vec<Sym>, read: impl FnOnce() -> R) -> R {
    let _restore = RestoreEntryWords(ENTRY_WORDS.with(|known| known.replace(Some(EntryWords::Reading(words)))));
    read()
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let place = ENTRY_WORDS.try_with(|entry| match &mut *entry.borrow_mut() {
            Some(EntryWords::Writing { places, words }) => Some(*places.entry(self.0).or_insert_with(|| {
                words.push(*self);
                u32::try_from(words.len() - 1).unwrap_or(u32::MAX)
            })),
            Some(EntryWords::Reading(_)) | None => None,
        });
        match place {
            Ok(Some(place)) => serializer.serialize_u32(place),
            _ => serializer.serialize_str(self.as_str()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Sym {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let reading = ENTRY_WORDS.try_with(|entry| matches!(&*entry.borrow(), Some(EntryWords::Reading(_))));
        if reading != Ok(true) {
            return deserializer.deserialize_str(WordVisitor);
        }
        let place = u32::deserialize(deserializer)?;
        let word = ENTRY_WORDS.try_with(|entry| match &*entry.borrow() {
            Some(EntryWords::Reading(words)) => words.get(place as usize).copied(),
            Some(EntryWords::Writing { .. }) | None => None,
        });
        word.ok().flatten().ok_or_else(|| serde::de::Error::custom("a word beyond the entry's words"))
    }
}

/// Reads a word straight into the table: a claims cache entry names tens of thousands of words,
/// and a `String` for each would be made only to be looked up and dropped.
struct WordVisitor;

impl serde::de::Visitor<'_> for WordVisitor {
    type Value = Sym;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a word")
    }

    fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<Sym, E> {
        Ok(Sym::of(word))
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

    /// The words' numbers, in the words' alphabetical order.
    pub fn syms(self) -> &'a [Sym] {
        self.0
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

    #[test]
    fn an_entry_names_its_words_by_their_places_among_them_and_reads_them_back() {
        let words = all(["minister", "said", "minister", "ukraine", "said"]);
        let (written, table) = writing_entry_words(|| postcard::to_allocvec(&words).expect("encodes"));
        assert_eq!(table.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["minister", "said", "ukraine"]);
        assert_eq!(written, [5, 0, 1, 0, 2, 1], "a count, then a place of one byte each");
        let read = reading_entry_words(table.clone(), || postcard::from_bytes::<Box<[Sym]>>(&written));
        assert_eq!(read.ok().as_deref(), Some(&words[..]));
        let beyond = reading_entry_words(table[..2].to_vec(), || postcard::from_bytes::<Box<[Sym]>>(&written));
        assert!(beyond.is_err(), "a place beyond the entry's words");
        // Outside an entry, and after one (even one given up by a panic), words are strings.
        assert!(std::panic::catch_unwind(|| writing_entry_words(|| panic!("given up"))).is_err());
        let plain = postcard::to_allocvec(&words).expect("encodes");
        assert_eq!(plain.len(), 1 + words.iter().map(|w| 1 + w.len()).sum::<usize>());
        assert_eq!(postcard::from_bytes::<Box<[Sym]>>(&plain).ok().as_deref(), Some(&words[..]));
        assert_eq!(serde_json::to_string(&words).expect("JSON"), r#"["minister","said","minister","ukraine","said"]"#);
    }

    #[test]
    fn threads_remembering_words_give_each_word_the_one_number_the_table_gave_it() {
        // Far more words than the memo has places, so that words share places and push each
        // other out, asked again and again on threads that each keep their own memo.
        let words: Vec<String> = (0..RECENT * 3).map(|i| format!("memo{i}")).collect();
        let numbers = |order: u64| -> Vec<Sym> {
            let mut seed = order;
            let mut got = vec![None; words.len()];
            for _ in 0..words.len() * 4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % words.len() as u64) as usize;
                let sym = Sym::of(&words[at]);
                assert!(got[at].is_none_or(|earlier| earlier == sym), "{} changed number", words[at]);
                got[at] = Some(sym);
            }
            words.iter().map(|word| Sym::of(word)).collect()
        };
        let threads: Vec<Vec<Sym>> = std::thread::scope(|scope| {
            let running: Vec<_> = (1..=4).map(|seed| scope.spawn(move || numbers(seed * 7919))).collect();
            running.into_iter().map(|thread| thread.join().expect("no panic")).collect()
        });
        let shared: Vec<Sym> = words.iter().map(|word| Sym::shared(word, hash(word))).collect();
        assert!(threads.iter().all(|numbers| *numbers == shared));
        assert!(shared.iter().zip(&words).all(|(sym, word)| sym.as_str() == word));
    }
}
