//! People's roles that can be checked: family relations (`Trump's son-in-law Jared Kushner`) and a
//! country's top offices (`Russian President Vladimir Putin`). Spans are sentence-relative.

use crate::engine::claim::Role;
use crate::engine::entities;
use crate::engine::text::Span;
use regex::Regex;
use std::sync::OnceLock;

const RELATIONS: &str = r"son-in-law|daughter-in-law|brother-in-law|sister-in-law|father-in-law|mother-in-law|grandson|granddaughter|son|daughter|wife|husband|brother|sister|father|mother|nephew|niece|cousin";
const OFFICES: &str = r"President|Prime Minister|King|Queen|Chancellor|Vice President|Crown Prince";
const NAME: &str = r"\p{Lu}\p{L}+(?:[\s-]\p{Lu}\p{L}+){0,2}";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRole {
    pub span: Span,
    pub role: Role,
}

pub fn roles(sentence: &str) -> Vec<FoundRole> {
    static FAMILY: OnceLock<Regex> = OnceLock::new();
    static OFFICE: OnceLock<Regex> = OnceLock::new();
    let family = FAMILY.get_or_init(|| {
        Regex::new(&format!(r"(?P<of>\p{{Lu}}\p{{L}}+)['’]s\s+(?P<relation>{RELATIONS}),?\s+(?P<name>{NAME})"))
            .expect("valid family pattern")
    });
    let office = OFFICE.get_or_init(|| {
        Regex::new(&format!(r"(?P<country>\p{{Lu}}[\p{{L}}.]+)\s+(?P<office>{OFFICES})\s+(?P<name>{NAME})"))
            .expect("valid office pattern")
    });
    let mut found = Vec::new();
    for caps in family.captures_iter(sentence) {
        let (Some(all), Some(of), Some(relation), Some(name)) =
            (caps.get(0), caps.name("of"), caps.name("relation"), caps.name("name"))
        else {
            continue;
        };
        found.push(FoundRole {
            span: Span::new(all.start(), all.end()),
            role: Role::Family {
                person: name.as_str().to_string(),
                relation: relation.as_str().to_lowercase(),
                of: of.as_str().to_string(),
            },
        });
    }
    for caps in office.captures_iter(sentence) {
        let (Some(all), Some(country), Some(title), Some(name)) =
            (caps.get(0), caps.name("country"), caps.name("office"), caps.name("name"))
        else {
            continue;
        };
        let Some(entity) = entities::table().canonical(country.as_str()) else { continue };
        found.push(FoundRole {
            span: Span::new(all.start(), all.end()),
            role: Role::Office {
                person: name.as_str().to_string(),
                office: title.as_str().to_lowercase(),
                of: entity.to_string(),
            },
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_relations_and_offices() {
        let found =
            roles("US President Donald Trump's son-in-law Jared Kushner met Ukrainian President Volodymyr Zelenskyy.");
        let got: Vec<Role> = found.into_iter().map(|f| f.role).collect();
        assert_eq!(
            got,
            vec![
                Role::Family { person: "Jared Kushner".into(), relation: "son-in-law".into(), of: "Trump".into() },
                Role::Office { person: "Donald Trump".into(), office: "president".into(), of: "United States".into() },
                Role::Office { person: "Volodymyr Zelenskyy".into(), office: "president".into(), of: "Ukraine".into() },
            ]
        );
    }
}
