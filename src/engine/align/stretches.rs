//! Stretches of sentences weighed for one set of weights: a slot's sentence or clause with the
//! slots left out (`Idf::weighed_in`). A claim is compared with every claim of the sentences
//! aligned with its own, and a source's claim with every claim of ours its sentence aligns with,
//! so one stretch is asked for again and again; it is weighed once.

use super::{Passage, Weighed};
use crate::engine::text::Span;
use rustc_hash::{FxHashMap, FxHasher};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// What a stretch was read from: a sentence (by its `Passage`), the window taken of it and the
/// spans left out.
#[derive(PartialEq)]
struct Stretch {
    at: Passage,
    window: Span,
    except: Box<[Span]>,
}

/// The stretches weighed so far, by a hash of what each was read from. The spans left out are
/// a short list that differs from one comparison to the next: looking one up hashes it where it
/// stands instead of copying it into a key.
#[derive(Default)]
pub struct Stretches(RefCell<FxHashMap<u64, Bucket>>);

/// The stretches whose hashes are equal, each with its weights.
type Bucket = Vec<(Stretch, Rc<Weighed>)>;

impl Stretches {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// The stretch `window` of the sentence `at` with `except` left out, weighed by `weigh`
    /// the first time.
    pub fn get_or(&self, at: Passage, window: Span, except: &[Span], weigh: impl FnOnce() -> Weighed) -> Rc<Weighed> {
        let mut hasher = FxHasher::default();
        (at, window, except).hash(&mut hasher);
        let hash = hasher.finish();
        let same = |stretch: &Stretch| stretch.at == at && stretch.window == window && *stretch.except == *except;
        if let Some(bucket) = self.0.borrow().get(&hash) {
            if let Some((_, weighed)) = bucket.iter().find(|(stretch, _)| same(stretch)) {
                return Rc::clone(weighed);
            }
        }
        let weighed = Rc::new(weigh());
        let stretch = Stretch { at, window, except: except.into() };
        self.0.borrow_mut().entry(hash).or_default().push((stretch, Rc::clone(&weighed)));
        weighed
    }
}

#[cfg(test)]
mod tests {
    use super::super::{overlap_in, overlap_weighed, sentence_features, weigh_in, Feature, Idf, Key, EVERYWHERE};
    use super::*;
    use std::borrow::Cow;

    /// Weights that differ from key to key, so a wrong stretch gives another overlap.
    struct ByKey;
    impl Idf for ByKey {
        fn idf(&self, key: Key) -> f64 {
            (key.0 % 7) as f64 + 0.5
        }

        fn weighed<'f>(&self, _: Passage, read: &dyn Fn() -> Cow<'f, [Feature]>) -> Rc<Weighed> {
            Rc::new(super::super::weigh(&read(), &[], self))
        }
    }

    #[test]
    fn a_kept_stretch_overlaps_as_the_lists_do() {
        let a = "Marlow was rushed by paramedics to Lenox Hill Hospital, where she died on Thursday.";
        let b = "Paramedics rushed Marlow from her home to Mount Sinai Hospital, where she died.";
        let (fa, fb) = (sentence_features(a, &|_| false), sentence_features(b, &|_| false));
        let span = |s: &str, t: &str| {
            let at = s.find(t).unwrap_or(0);
            Span::new(at, at + t.len())
        };
        let (doc_a, doc_b) = (0u8, 0u16);
        let stretches = Stretches::default();
        let cases: Vec<(Span, Vec<Span>, Span, Vec<Span>)> = vec![
            (EVERYWHERE, vec![], EVERYWHERE, vec![]),
            (EVERYWHERE, vec![span(a, "Lenox Hill Hospital")], EVERYWHERE, vec![span(b, "Mount Sinai Hospital")]),
            (span(a, "Marlow was rushed by paramedics"), vec![span(a, "Marlow")], EVERYWHERE, vec![]),
            (EVERYWHERE, vec![span(a, "Lenox Hill"), span(a, "Thursday")], span(b, "Paramedics rushed"), vec![]),
        ];
        // Twice over: the second round reads every stretch from the first.
        for _ in 0..2 {
            for (window_a, except_a, window_b, except_b) in &cases {
                let ours = stretches.get_or(Passage::sentence(&doc_a, 0), *window_a, except_a, || {
                    weigh_in(&fa, *window_a, except_a, &ByKey)
                });
                let theirs = stretches.get_or(Passage::sentence(&doc_b, 0), *window_b, except_b, || {
                    weigh_in(&fb, *window_b, except_b, &ByKey)
                });
                let expected = overlap_in(&fa, *window_a, except_a, &fb, *window_b, except_b, &ByKey);
                assert_eq!(overlap_weighed(&ours, &theirs), expected);
            }
        }
        assert_eq!(stretches.0.borrow().values().map(Vec::len).sum::<usize>(), 7);
    }
}
