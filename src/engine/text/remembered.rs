//! Answers about single words that each thread remembers for a bounded vocabulary: extraction
//! and comparison ask the same few thousand words the same questions (a content word's stem,
//! whether a word opens a two-word concept, a quoted word's key) again and again.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::thread::LocalKey;

/// Words a thread remembers the answers for; past that it forgets them all and starts again.
const REMEMBERED: usize = 1 << 14;

/// One question's answers by word, held in a `thread_local!`.
pub type Answers<V> = RefCell<FxHashMap<Box<str>, V>>;

/// The answer `work` gives for `word`, remembered in this thread's `answers`. Worked out afresh
/// when they cannot be reached (the thread ending, or the same question asked inside `work`).
pub fn remembered<V: Clone>(answers: &'static LocalKey<Answers<V>>, word: &str, work: impl Fn(&str) -> V) -> V {
    let known = answers.try_with(|answers| {
        let mut answers = answers.try_borrow_mut().ok()?;
        if let Some(answer) = answers.get(word) {
            return Some(answer.clone());
        }
        let answer = work(word);
        if answers.len() >= REMEMBERED {
            answers.clear();
        }
        answers.insert(word.into(), answer.clone());
        Some(answer)
    });
    known.ok().flatten().unwrap_or_else(|| work(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: Answers<usize> = RefCell::default();
    }

    #[test]
    fn an_answer_is_worked_out_once_and_then_remembered() {
        let worked = std::cell::Cell::new(0);
        let length = |word: &str| {
            worked.set(worked.get() + 1);
            word.len()
        };
        assert_eq!(remembered(&LENGTHS, "Kyiv", length), 4);
        assert_eq!(remembered(&LENGTHS, "Kyiv", length), 4);
        assert_eq!(worked.get(), 1);
        // Asked from inside the work, the question is answered without the thread's memory.
        let nested = remembered(&LENGTHS, "outer", |word| remembered(&LENGTHS, "inner", length) + word.len());
        assert_eq!(nested, 10);
    }
}
