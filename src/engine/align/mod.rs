//! Alignment: which passages of other sources are about the same thing as a passage of the
//! analysed article. Sentences are compared by the features they share (`features.rs`), each
//! weighted by how informative it is in this corpus (inverse document frequency, counted over
//! the other documents, so an article's own words never weigh its own evidence): the story's
//! common words count for little, rare words and names for much.

mod features;
mod stretches;

pub use features::{lexicon_features, sentence_features, sentence_features_with, skeleton, Feature, FeatureKind, Key};
pub use stretches::Stretches;

use crate::engine::claim::Claim;
use crate::engine::corpus::SourceDoc;
use crate::engine::text::Span;
use std::borrow::Cow;
use std::rc::Rc;

/// How informative each feature is in the corpus, seen from one document.
pub trait Idf {
    fn idf(&self, key: Key) -> f64;

    /// The features `read` gives, weighed: for weights that keep them, once per `passage`.
    fn weighed<'f>(&self, passage: Passage, read: &dyn Fn() -> Cow<'f, [Feature]>) -> Rc<Weighed>;

    /// How a passage weighed beforehand overlaps the statement `claim` of `doc`: the features of
    /// its sentence inside its span (`within`), as `Passage::of_claim(claim, part)`.
    fn statement_overlap(&self, ours: &Weighed, doc: &SourceDoc, claim: &Claim, part: usize) -> Overlap {
        let inside = || Cow::Owned(within(doc.features(claim.sentence), claim.span));
        overlap_weighed(ours, &self.weighed(Passage::of_claim(claim, part), &inside))
    }

    /// How a passage weighed beforehand overlaps the clause `read` gives of the stance claim
    /// `claim` of `doc` (its stance words left out), as `Passage::of_claim(claim, part)`: weights
    /// kept for all analyses weigh each source's clauses once. None when the clause holds less
    /// than `least_coverage` of ours (its own weight is then never added up).
    fn stance_clause_overlap(
        &self,
        ours: &Weighed,
        _doc: &SourceDoc,
        claim: &Claim,
        part: usize,
        read: &dyn Fn(&Claim) -> Vec<Feature>,
        least_coverage: f64,
    ) -> Option<Overlap> {
        let overlap = overlap_weighed(ours, &self.weighed(Passage::of_claim(claim, part), &|| Cow::Owned(read(claim))));
        (overlap.coverage() >= least_coverage).then_some(overlap)
    }

    /// The features of `sentence` of `doc` inside `window` and outside every span of `except`,
    /// weighed: for weights that keep them, once per sentence, window and spans left out.
    fn weighed_in(&self, doc: &SourceDoc, sentence: usize, window: Span, except: &[Span]) -> Rc<Weighed> {
        Rc::new(weigh_in(doc.features(sentence), window, except, self))
    }

    /// How a passage weighed beforehand overlaps a sentence of a document of the corpus.
    fn sentence_overlap(&self, ours: &Weighed, doc: &SourceDoc, sentence: usize) -> Overlap {
        let theirs = self.weighed(Passage::sentence(doc, sentence), &|| Cow::Borrowed(doc.features(sentence)));
        overlap_weighed(ours, &theirs)
    }
}

/// What a weighed passage was read from, for as long as one set of weights is in use: the
/// address of a document with a sentence's number, or of a claim with the part of its sentence
/// taken. Nothing is freed while weights borrow the corpus, so no address names two things.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Passage {
    at: usize,
    index: usize,
}

impl Passage {
    pub fn sentence<T>(doc: &T, sentence: usize) -> Passage {
        Passage { at: std::ptr::from_ref(doc) as usize, index: sentence }
    }

    /// A part of a claim's sentence: `part` tells the parts taken of one claim apart.
    pub fn of_claim<T>(claim: &T, part: usize) -> Passage {
        Passage { at: std::ptr::from_ref(claim) as usize, index: part }
    }

    /// The address it was read from: a sentence's document, or a claim.
    pub fn address<T>(&self) -> *const T {
        self.at as *const T
    }
}

/// Inverse document frequency over `documents` documents, where `frequency` says how many of
/// them hold a feature: ln(1 + (N − n + 0.5) / (n + 0.5)), near 0 for a feature every document
/// holds, highest for one no other document holds.
pub fn inverse_frequency(documents: usize, frequency: usize) -> f64 {
    let (n, f) = (documents as f64, frequency.min(documents) as f64);
    (1.0 + (n - f + 0.5) / (f + 0.5)).ln()
}

/// A key's bit in a passage's `KeyMask`: keys are FNV hashes, whose top bits are well mixed.
fn key_bit(key: Key) -> u128 {
    1 << (key.0 >> 57)
}

/// The keys of a passage as a 128-bit Bloom filter: a key whose bit is clear is not among them,
/// which settles most questions of membership without reading the list.
pub type KeyMask = u128;

/// The distinct keys of the features inside `window` and outside every span of `except`, with
/// their weights, in the order they first occur, into `keys` (emptied first); their mask.
fn weighted_keys_into<I: Idf + ?Sized>(
    features: &[Feature],
    window: Span,
    except: &[Span],
    idf: &I,
    keys: &mut Vec<(Key, f64)>,
) -> KeyMask {
    keys.clear();
    let mut mask: KeyMask = 0;
    for feature in features {
        let span = feature.span();
        if span.start < window.start || window.end < span.end {
            continue;
        }
        if except.iter().any(|e| e.start < span.end && span.start < e.end) {
            continue;
        }
        let bit = key_bit(feature.key);
        if mask & bit == 0 || keys.iter().all(|(k, _)| *k != feature.key) {
            mask |= bit;
            keys.push((feature.key, idf.idf(feature.key)));
        }
    }
    mask
}

/// A passage's distinct keys with their weights, as `weighted_keys_into` lists them.
type WeightedKeys = Vec<(Key, f64)>;

/// A window that leaves no feature out.
pub const EVERYWHERE: Span = Span { start: 0, end: usize::MAX };

/// How two passages overlap: the weight of what they share and of what each holds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Overlap {
    pub shared: f64,
    pub ours: f64,
    pub theirs: f64,
    /// Distinct features shared.
    pub count: usize,
}

impl Overlap {
    /// Weighted Dice similarity, 0 to 1.
    pub fn similarity(&self) -> f64 {
        let total = self.ours + self.theirs;
        if total <= 0.0 {
            0.0
        } else {
            2.0 * self.shared / total
        }
    }

    /// Shared weight over the geometric mean of both weights: like the similarity, but a short
    /// passage that a long one contains scores higher.
    pub fn cosine(&self) -> f64 {
        let norm = (self.ours * self.theirs).sqrt();
        if norm <= 0.0 {
            0.0
        } else {
            self.shared / norm
        }
    }

    /// The share of our passage's weight that theirs holds too.
    pub fn coverage(&self) -> f64 {
        if self.ours <= 0.0 {
            0.0
        } else {
            self.shared / self.ours
        }
    }
}

/// The overlap of two feature lists, leaving out the features inside the `except` spans of each.
pub fn overlap(
    ours: &[Feature],
    our_except: &[Span],
    theirs: &[Feature],
    their_except: &[Span],
    idf: &dyn Idf,
) -> Overlap {
    overlap_in(ours, EVERYWHERE, our_except, theirs, EVERYWHERE, their_except, idf)
}

/// `overlap` of the features of each list inside its window (as `within` takes them), without
/// allocating: the keys are weighed into buffers kept for the thread.
pub fn overlap_in(
    ours: &[Feature],
    our_window: Span,
    our_except: &[Span],
    theirs: &[Feature],
    their_window: Span,
    their_except: &[Span],
    idf: &dyn Idf,
) -> Overlap {
    thread_local! {
        static BUFFERS: std::cell::RefCell<(WeightedKeys, WeightedKeys)> = const {
            std::cell::RefCell::new((Vec::new(), Vec::new()))
        };
    }
    let work = |a: &mut Vec<(Key, f64)>, b: &mut Vec<(Key, f64)>| {
        weighted_keys_into(ours, our_window, our_except, idf, a);
        let b_mask = weighted_keys_into(theirs, their_window, their_except, idf, b);
        // Summed as `weigh` sums, then shared as `overlap_weighed` shares.
        let mut result = Overlap {
            ours: a.iter().map(|(_, w)| w).sum(),
            theirs: b.iter().map(|(_, w)| w).sum(),
            ..Overlap::default()
        };
        for (key, weight) in a.iter() {
            if b_mask & key_bit(*key) != 0 && b.iter().any(|(k, _)| k == key) {
                result.shared += weight;
                result.count += 1;
            }
        }
        result
    };
    BUFFERS.with(|buffers| match buffers.try_borrow_mut() {
        Ok(mut buffers) => {
            let (a, b) = &mut *buffers;
            work(a, b)
        }
        Err(_) => work(&mut Vec::new(), &mut Vec::new()),
    })
}

/// A passage's distinct keys with their weights, for comparing one passage with many.
pub struct Weighed {
    keys: Vec<(Key, f64)>,
    mask: KeyMask,
    /// The sum of the weights, added up once rather than for every passage compared.
    total: f64,
}

/// The distinct keys of `features` outside every span of `except`, weighed.
pub fn weigh(features: &[Feature], except: &[Span], idf: &dyn Idf) -> Weighed {
    weigh_in(features, EVERYWHERE, except, idf)
}

/// The distinct keys of the features of `features` inside `window` and outside every span of
/// `except`, weighed: `overlap_weighed` of two gives what `overlap_in` gives of their lists.
pub fn weigh_in<I: Idf + ?Sized>(features: &[Feature], window: Span, except: &[Span], idf: &I) -> Weighed {
    let mut keys = Vec::with_capacity(features.len());
    let mask = weighted_keys_into(features, window, except, idf, &mut keys);
    let total = keys.iter().map(|(_, w)| w).sum();
    Weighed { keys, mask, total }
}

/// `overlap` of two passages weighed beforehand.
pub fn overlap_weighed(a: &Weighed, b: &Weighed) -> Overlap {
    let mut result = Overlap { ours: a.total, theirs: b.total, ..Overlap::default() };
    for (key, weight) in &a.keys {
        if b.mask & key_bit(*key) != 0 && b.keys.iter().any(|(k, _)| k == key) {
            result.shared += weight;
            result.count += 1;
        }
    }
    result
}

/// `overlap_keys` of `a` with a passage for which it is known beforehand whether it holds some
/// of `a`'s first 64 keys: key `i` of `a` is among its keys when bit `i` of `marks` is set, for
/// each `i` whose bit `known` sets; any other key is asked of `holds`. Adds up in the order
/// `overlap_keys` does, so the two agree to the last bit.
pub fn overlap_marked(a: &Weighed, known: u64, marks: u64, holds: impl Fn(Key) -> bool, total: f64) -> Overlap {
    let mut result = Overlap { ours: a.total, theirs: total, ..Overlap::default() };
    // The mark of each key in turn: 0 from the 65th on (a shift by one never overflows).
    let mut bit = 1u64;
    for (key, weight) in &a.keys {
        let held = if known & bit != 0 { marks & bit != 0 } else { holds(*key) };
        if held {
            result.shared += weight;
            result.count += 1;
        }
        bit <<= 1;
    }
    result
}

/// The mark of the key at `at` of a weighed passage: its bit, for the first 64 keys.
pub fn key_mark(at: usize) -> u64 {
    u32::try_from(at).ok().and_then(|at| 1u64.checked_shl(at)).unwrap_or(0)
}

impl Weighed {
    /// Whether `key` is one of the passage's keys.
    pub fn holds(&self, key: Key) -> bool {
        self.mask & key_bit(key) != 0 && self.keys.iter().any(|(k, _)| *k == key)
    }

    /// Where `key` stands among the passage's keys.
    pub fn position(&self, key: Key) -> Option<usize> {
        self.keys.iter().position(|(k, _)| *k == key)
    }

    /// The sum of the passage's weights.
    pub fn total(&self) -> f64 {
        self.total
    }
}

/// Whether `key` is among `keys`, whose mask is `mask`.
pub fn keys_hold(keys: &[Key], mask: KeyMask, key: Key) -> bool {
    mask & key_bit(key) != 0 && keys.contains(&key)
}

/// The distinct keys of `features` in the order they first occur, and their mask: the keys
/// `weigh` weighs when nothing is left out.
pub fn distinct_keys(features: &[Feature]) -> (Vec<Key>, KeyMask) {
    let mut keys: Vec<Key> = Vec::with_capacity(features.len());
    let mut mask: KeyMask = 0;
    for feature in features {
        let bit = key_bit(feature.key);
        if mask & bit == 0 || keys.iter().all(|k| *k != feature.key) {
            mask |= bit;
            keys.push(feature.key);
        }
    }
    (keys, mask)
}

/// Whether `a` and `b` share at least `least` distinct keys: what any overlap of parts of them
/// counts at most, told without weighing them.
pub fn share_at_least(a: &[Feature], b: &[Feature], least: usize) -> bool {
    let b_mask = b.iter().fold(0, |mask: KeyMask, f| mask | key_bit(f.key));
    let mut shared = 0;
    for (i, feature) in a.iter().enumerate() {
        if shared >= least {
            break;
        }
        let key = feature.key;
        let first = || !a[..i].iter().any(|f| f.key == key);
        if b_mask & key_bit(key) != 0 && b.iter().any(|f| f.key == key) && first() {
            shared += 1;
        }
    }
    shared >= least
}

/// `overlap_weighed` of `a` with a passage given by its distinct keys (as `distinct_keys` lists
/// them), their mask and the sum of their weights, added in that order.
pub fn overlap_keys(a: &Weighed, keys: &[Key], mask: KeyMask, total: f64) -> Overlap {
    let mut result = Overlap { ours: a.total, theirs: total, ..Overlap::default() };
    for (key, weight) in &a.keys {
        if mask & key_bit(*key) != 0 && keys.contains(key) {
            result.shared += weight;
            result.count += 1;
        }
    }
    result
}

/// The features of `features` inside `window`.
pub fn within(features: &[Feature], window: Span) -> Vec<Feature> {
    features.iter().filter(|f| window.start <= f.span().start && f.span().end <= window.end).copied().collect()
}

/// Up to `n` features on each side of `anchor` inside `bounds`, nearest first, and the anchor's own.
pub fn around(features: &[Feature], anchor: Span, bounds: Span, n: usize) -> Vec<Feature> {
    let inside: Vec<&Feature> =
        features.iter().filter(|f| bounds.start <= f.span().start && f.span().end <= bounds.end).collect();
    let mut picked: Vec<Feature> = Vec::new();
    picked.extend(inside.iter().filter(|f| f.span().end <= anchor.start).rev().take(n).map(|f| **f));
    picked.extend(inside.iter().filter(|f| f.span().start >= anchor.end).take(n).map(|f| **f));
    picked.extend(inside.iter().filter(|f| f.span().start < anchor.end && anchor.start < f.span().end).map(|f| **f));
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Flat;
    impl Idf for Flat {
        fn idf(&self, _: Key) -> f64 {
            1.0
        }

        fn weighed<'f>(&self, _: Passage, read: &dyn Fn() -> Cow<'f, [Feature]>) -> Rc<Weighed> {
            Rc::new(weigh(&read(), &[], self))
        }
    }

    #[test]
    fn common_features_weigh_little_and_rare_ones_much() {
        assert!(inverse_frequency(20, 20) < 0.05);
        assert!(inverse_frequency(20, 1) > 2.5);
        assert!(inverse_frequency(20, 3) > inverse_frequency(20, 10));
    }

    #[test]
    fn an_overlap_told_which_keys_are_held_adds_up_as_one_that_looks_them_up() {
        let mut rolls = crate::engine::rolls::Rolls::new(0x5eed);
        let mut key = || Key(((rolls.below(1 << 30) as u64) << 34) ^ rolls.below(1 << 30) as u64);
        for round in 0..200 {
            // Past 64 keys, ours has keys no mark can tell of.
            let keys: Vec<Key> = (0..1 + round % 90).map(|_| key()).collect();
            let mut weights = crate::engine::rolls::Rolls::new(round as u64 + 1);
            let ours_keys: Vec<(Key, f64)> =
                keys.iter().map(|k| (*k, 0.4 + weights.below(1000) as f64 / 97.0)).collect();
            let mask = ours_keys.iter().fold(0, |mask, (k, _)| mask | key_bit(*k));
            let total = ours_keys.iter().map(|(_, w)| w).sum();
            let ours = Weighed { keys: ours_keys, mask, total };
            let mut theirs: Vec<Key> =
                keys.iter().filter(|_| weights.below(3) == 0).copied().chain((0..round % 7).map(|_| key())).collect();
            theirs.sort_unstable();
            let their_mask = theirs.iter().fold(0, |mask, k| mask | key_bit(*k));
            let known = ((weights.below(1 << 31) as u64) << 33) ^ weights.below(1 << 31) as u64;
            let truth = ours.keys.iter().take(64).enumerate().filter(|(_, (k, _))| theirs.contains(k));
            let truth = truth.fold(0u64, |marks, (at, _)| marks | 1 << at);
            // An unknown key's mark says nothing, and a wrong one must not count.
            let noise = ((weights.below(1 << 31) as u64) << 33) ^ weights.below(1 << 31) as u64;
            let marks = truth & known | noise & !known;
            let looked_up = overlap_keys(&ours, &theirs, their_mask, 2.5);
            let marked = overlap_marked(&ours, known, marks, |k| keys_hold(&theirs, their_mask, k), 2.5);
            assert_eq!(marked.shared.to_bits(), looked_up.shared.to_bits(), "round {round}");
            assert_eq!((marked.count, marked.ours, marked.theirs), (looked_up.count, looked_up.ours, looked_up.theirs));
        }
    }

    #[test]
    fn no_part_of_two_passages_shares_more_keys_than_the_whole_passages_do() {
        let mut rolls = crate::engine::rolls::Rolls::new(0x5a4e);
        for round in 0..300 {
            // Few distinct keys, so that both lists repeat some and share some.
            let mut list = |len: usize| -> Vec<Feature> {
                (0..len)
                    .map(|i| {
                        Feature::new(
                            Span::new(i * 4, i * 4 + 3),
                            Key((rolls.below(12) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                            FeatureKind::Word,
                        )
                    })
                    .collect()
            };
            let (a, b) = (list(round % 17), list(round % 13));
            let whole = overlap(&a, &[], &b, &[], &Flat).count;
            for least in 0..10 {
                assert_eq!(share_at_least(&a, &b, least), whole >= least, "round {round}, at least {least}");
            }
            // Leaving spans out of either side never shares more.
            let cut = [Span::new(0, 4 * (round % 5))];
            assert!(overlap(&a, &cut, &b, &[], &Flat).count <= whole);
        }
    }

    #[test]
    fn overlap_leaves_out_the_compared_slot() {
        let a = "Rivers was rushed by paramedics to Lenox Hill Hospital.";
        let b = "Rivers was rushed by paramedics to Mount Sinai Hospital.";
        let (fa, fb) = (sentence_features(a, &|_| false), sentence_features(b, &|_| false));
        let slot = |s: &str, t: &str| {
            let at = s.find(t).unwrap();
            vec![Span::new(at, at + t.len())]
        };
        let whole = overlap(&fa, &[], &fb, &[], &Flat);
        let rest = overlap(&fa, &slot(a, "Lenox Hill Hospital"), &fb, &slot(b, "Mount Sinai Hospital"), &Flat);
        assert!(rest.similarity() > whole.similarity());
        assert_eq!(rest.similarity(), 1.0);
    }
}
