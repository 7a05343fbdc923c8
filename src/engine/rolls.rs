//! A small, repeatable source of random numbers for the tests that hold an incremental path to a
//! fresh computation over many random edits (xorshift64: the same seed gives the same edits).

pub struct Rolls(u64);

impl Rolls {
    /// Numbers from `seed`, which must not be zero.
    pub fn new(seed: u64) -> Rolls {
        Rolls(seed)
    }

    /// The next number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    /// A place in `text`, at the start of a character.
    pub fn place_in(&mut self, text: &str) -> usize {
        floor_char(text, self.below(text.len()))
    }

    /// One random edit of `text`: a third of the time a cut of up to `longest_cut` bytes, else one
    /// of `pieces` typed.
    pub fn edit(&mut self, text: &mut String, pieces: &[&str], longest_cut: usize) {
        let at = self.place_in(text);
        if self.below(3) == 0 {
            let end = floor_char(text, (at + 1 + self.below(longest_cut)).min(text.len()));
            text.replace_range(at..end, "");
        } else {
            text.insert_str(at, pieces[self.below(pieces.len())]);
        }
    }
}

/// `at`, or the start of the character it falls inside.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
