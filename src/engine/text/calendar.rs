//! The calendar's words, shared by every part of the engine that must tell a date from a name:
//! weekdays, months and their abbreviations.

pub const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month 1–12 of a month name or abbreviation (`Dec.`, `Sept`).
pub fn month_number(name: &str) -> Option<u8> {
    let key: String = name.trim_end_matches('.').to_lowercase().chars().take(3).collect();
    MONTHS.iter().position(|m| m[..3].eq_ignore_ascii_case(&key)).map(|i| i as u8 + 1)
}

/// Day of the week (0 = Monday) of a weekday name.
pub fn weekday_number(name: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(name)).map(|i| i as u8)
}

/// A weekday, a month or a month's abbreviation, in any case: a date word, not a name.
pub fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    const ABBREVIATIONS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];
    weekday_number(word).is_some()
        || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
        || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_weekdays_and_abbreviations() {
        assert_eq!(month_number("Dec."), Some(12));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(weekday_number("tuesday"), Some(1));
        assert!(is_calendar_word("August") && is_calendar_word("Aug") && is_calendar_word("sunday"));
        assert!(!is_calendar_word("Mayor") && !is_calendar_word("Marisco") && !is_calendar_word("Marc"));
    }
}
