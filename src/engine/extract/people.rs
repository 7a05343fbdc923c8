//! Which side a named person speaks for, read from the article's own role phrases:
//! "Russian President Vladimir Putin" → Putin speaks for Russia; "Kremlin spokesman Dmitry Peskov"
//! → Russia; "Trump's envoy Steve Witkoff" → whatever Trump speaks for. No person is built in.

use crate::engine::entities;
use crate::engine::text::{Pattern, Span};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Person name token (surname or full name) → canonical entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Affiliations {
    by_name: HashMap<String, String>,
}

impl Affiliations {
    pub fn side_of(&self, name: &str) -> Option<&str> {
        let name = name.trim().trim_end_matches("'s").trim_end_matches("’s");
        self.by_name.get(name).map(String::as_str)
    }
}

const ROLES: &str = r"(?:[Pp]resident|[Pp]rime [Mm]inister|[Ff]oreign [Mm]inister|[Dd]efen[cs]e [Mm]inister|[Mm]inister|[Cc]hancellor|[Ss]pokes(?:man|woman|person)|(?:special |investment |peace )?[Ee]nvoy|[Aa]mbassador|[Oo]fficial|[Cc]ommander|[Gg]eneral|[Ll]eader|[Ss]ecretary of [Ss]tate|[Ss]ecretary|[Pp]ress [Ss]ecretary|[Gg]overnor|[Mm]ayor|[Cc]hief|[Aa]dviser|[Aa]dvisor|son-in-law|[Nn]egotiator)";

#[cfg(test)]
pub fn affiliations(text: &str) -> Affiliations {
    affiliations_at(text, role_spans(text))
}

/// Where a text names roles ("President", "spokesman"). No role runs across a line break, so an
/// article's roles are those of its lines, each found on its own.
pub fn role_spans(text: &str) -> Vec<Span> {
    static ROLE: OnceLock<Pattern> = OnceLock::new();
    let role = ROLE.get_or_init(|| Pattern::new(&format!(r"\b{ROLES}\b")).expect("valid role pattern"));
    role.on(text).find_iter(text).map(|found| Span::new(found.start(), found.end())).collect()
}

/// The sides of the people an article's role phrases name, from where it names roles
/// (`role_spans`, in order).
pub fn affiliations_at(text: &str, roles: impl IntoIterator<Item = Span>) -> Affiliations {
    static NAME_AFTER: OnceLock<Regex> = OnceLock::new();
    let name_after = NAME_AFTER.get_or_init(|| {
        Regex::new(r"^(?:\s+\p{Lu}\p{L}+)*?,?\s+(?P<name>\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+){0,2})")
            .expect("valid name pattern")
    });
    let table = entities::table();
    let mut found = Affiliations::default();
    for role_match in roles {
        let Some(name) = name_after.captures(&text[role_match.end..]).and_then(|c| c.name("name")) else {
            continue;
        };
        let Some(side_text) = side_before(&text[..role_match.start]) else {
            continue;
        };
        let entity = table.canonical(&side_text).map(str::to_string).or_else(|| {
            let possessor = side_text.trim_end_matches("'s").trim_end_matches("’s");
            found.side_of(possessor).map(str::to_string)
        });
        let Some(entity) = entity else { continue };
        let name = name.as_str();
        found.by_name.insert(name.to_string(), entity.clone());
        if let Some(surname) = name.split_whitespace().last() {
            found.by_name.entry(surname.to_string()).or_insert(entity);
        }
    }
    found
}

/// The capitalised word or two right before a role, skipping up to two lowercase modifiers
/// ("Trump's special envoy" → "Trump's"). Stops at sentence punctuation.
fn side_before(before: &str) -> Option<String> {
    let tokens: Vec<&str> = before.split_whitespace().rev().take(5).collect();
    let mut index = 0;
    while index < tokens.len() && index < 2 && tokens[index].chars().next().is_some_and(char::is_lowercase) {
        index += 1;
    }
    let word = tokens.get(index)?;
    if !word.chars().next().is_some_and(char::is_uppercase) || word.ends_with(['.', ',', ';', ':']) {
        return None;
    }
    if let Some(previous) = tokens.get(index + 1) {
        let candidate = format!("{previous} {word}");
        if previous.chars().next().is_some_and(char::is_uppercase)
            && !previous.ends_with(['.', ',', ';', ':'])
            && entities::table().canonical(&candidate).is_some()
        {
            return Some(candidate);
        }
    }
    Some(word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sides_from_role_phrases() {
        let found = affiliations(
            "Russian President Vladimir Putin met US President Donald Trump's special envoy, Steve Witkoff. Kremlin spokesman Dmitry Peskov spoke.",
        );
        assert_eq!(found.side_of("Putin"), Some("Russia"));
        assert_eq!(found.side_of("Vladimir Putin"), Some("Russia"));
        assert_eq!(found.side_of("Trump"), Some("United States"));
        assert_eq!(found.side_of("Witkoff"), Some("United States"));
        assert_eq!(found.side_of("Peskov"), Some("Russia"));
        assert_eq!(found.side_of("Smith"), None);
    }

    #[test]
    fn the_roles_of_an_article_are_those_of_its_lines() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        let mut read = 0;
        for path in std::fs::read_dir(folder).expect("seeds").flatten().map(|e| e.path()) {
            let text = std::fs::read_to_string(&path).expect("seed");
            let mut by_line = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                by_line.extend(role_spans(line).into_iter().map(|role| role.shift(start)));
                start += line.len() + 1;
            }
            assert_eq!(by_line, role_spans(&text), "{}", path.display());
            assert_eq!(affiliations_at(&text, by_line), affiliations(&text), "{}", path.display());
            read += 1;
        }
        assert!(read > 0, "no seed read");
    }
}
