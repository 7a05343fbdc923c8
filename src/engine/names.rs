//! Spellings of one name: house styles transliterate differently (`Zelenskyy`, `Zelensky`,
//! `Zelenskiy`; `Kyiv`, `Kiev`), so names are compared by a key and an edit distance.

/// Lowercase letters only: `Zelenskyy’s` → `zelenskyy`.
pub fn name_key(name: &str) -> String {
    let name = name.trim_end_matches("'s").trim_end_matches("’s");
    name.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect()
}

/// Two spellings of one name: the same key, or long keys that start alike and differ by at most
/// two edits. Short names must match exactly (`Li` and `Lu` are different people).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a == b {
        return true;
    }
    let long_enough = a.chars().count() >= 5 && b.chars().count() >= 5;
    let same_start = a.chars().take(4).eq(b.chars().take(4));
    long_enough && same_start && edit_distance(&a, &b) <= 2
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_are_one_name() {
        assert!(same_name("Zelenskyy", "Zelensky"));
        assert!(same_name("Zelenskiy", "Zelenskyy’s"));
        assert!(!same_name("Peskov", "Putin"));
        assert!(!same_name("Li", "Lu"));
        assert!(!same_name("Johnson", "Jackson"));
    }
}
