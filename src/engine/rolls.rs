//! A small, repeatable source of random numbers for the tests that hold an incremental path to a
//! fresh computation over many random edits (xorshift64: the same seed gives the same edits).

pub struct Rolls(u64);

impl Rolls {
    /// Numbers from `seed`, which must not be zero.
    pub fn new(seed: u64) -> Rolls {
        Rolls(seed)
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
