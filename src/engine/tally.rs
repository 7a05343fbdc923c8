//! Scores added up by number in a flat table: the sentences of the corpus's sources are
//! numbered one after another, and a sentence aligned with one of ours adds up a weight for each
//! feature it shares, thousands of additions per look-up. A table indexed by number takes each
//! without the hashing and probing of a map; a round number per entry tells which entries this
//! look-up touched, so nothing is swept between look-ups. Each entry also gathers marks (bits
//! of a `u64`): which of the look-up's own keys it was found under.

/// Scores of one look-up at a time, each with what it scores (`P`).
pub struct Tally<P> {
    /// By number: what is added up there, and the round it was last touched in (one place, so
    /// that an addition reads one line of memory).
    entries: Vec<Entry>,
    round: u32,
    touched: Vec<(usize, P)>,
}

#[derive(Clone, Copy, Default)]
struct Entry {
    score: f64,
    /// The marks added with the score, ORed.
    marks: u64,
    round: u32,
}

impl<P> Default for Tally<P> {
    fn default() -> Self {
        Tally { entries: Vec::new(), round: 0, touched: Vec::new() }
    }
}

impl<P: Copy> Tally<P> {
    /// Starts a look-up over numbers below `size`: every score is zero again.
    pub fn start(&mut self, size: usize) {
        if self.entries.len() < size {
            self.entries.resize(size, Entry::default());
        }
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.entries.iter_mut().for_each(|entry| entry.round = 0);
            self.round = 1;
        }
        self.touched.clear();
    }

    /// Adds `weight` to the score of number `at`, which scores `what`, and `mark` to its marks.
    #[inline]
    pub fn add(&mut self, at: usize, what: P, weight: f64, mark: u64) {
        if at >= self.entries.len() {
            self.entries.resize(at + 1, Entry::default());
        }
        let entry = &mut self.entries[at];
        if entry.round != self.round {
            *entry = Entry { score: 0.0, marks: 0, round: self.round };
            self.touched.push((at, what));
        }
        entry.score += weight;
        entry.marks |= mark;
    }

    /// What this look-up scored, each with its score and marks, in the order first touched.
    pub fn scores(&self) -> impl Iterator<Item = (P, f64, u64)> + '_ {
        self.touched.iter().map(|&(at, what)| {
            let entry = self.entries.get(at).copied().unwrap_or_default();
            (what, entry.score, entry.marks)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_up_scores_and_marks_as_a_map_does_round_after_round() {
        let mut tally: Tally<u32> = Tally::default();
        let mut map: std::collections::HashMap<u32, (f64, u64)> = Default::default();
        for round in 0..5u32 {
            tally.start(20);
            map.clear();
            for (i, n) in (0..60u32).map(|i| (i, (i * 7 + round * 3) % (15 + round))) {
                let weight = 0.1 + f64::from(n) / 7.0 + f64::from(i) / 100.0;
                let mark = 1u64 << (i % 64 / 3);
                tally.add(n as usize, n, weight, mark);
                let entry = map.entry(n).or_insert((0.0, 0));
                entry.0 += weight;
                entry.1 |= mark;
            }
            let mut kept: Vec<(u32, u64, u64)> = tally.scores().map(|(n, s, m)| (n, s.to_bits(), m)).collect();
            let mut expected: Vec<(u32, u64, u64)> = map.iter().map(|(n, (s, m))| (*n, s.to_bits(), *m)).collect();
            kept.sort_unstable();
            expected.sort_unstable();
            assert_eq!(kept, expected, "round {round}");
        }
    }
}
