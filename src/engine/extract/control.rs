//! Control claims: a place captured, liberated, taken, held or retaken, by whom, whole or in
//! part, and whether the statement is negated ("neither A nor B has been fully taken", a denial).
//! "The city" refers back to the last place the article named.

use crate::engine::claim::{Control, Extent};
use crate::engine::entities;
use crate::engine::text::{words, Pattern, Span};
use std::sync::OnceLock;

/// A control statement found in a sentence, spans sentence-relative.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundControl {
    pub span: Span,
    pub control: Control,
    /// "the capture of X" states nothing unless someone is said to assert it.
    pub nominal: bool,
    /// The controller is "its/their forces": the attributing party's side.
    pub controller_is_party: bool,
}

const PLACE: &str = r"\p{Lu}[\p{L}’'\-]+(?:\s\p{Lu}[\p{L}\-]+){0,2}";
const TARGET: &str =
    r"(?P<target>the\s+(?:city|town|village|port|settlement)(?:\s+of\s+(?P<named>PLACE))?|(?P<place>PLACE))";
const EXTENT: &str = r"(?P<extent>(?:the\s+)?(?:(?:northern|southern|eastern|western|central|northeastern|northwestern|southeastern|southwestern)\s+(?:part|half|outskirts|districts?|section|edge)s?\s+of\s+|(?:parts|most|some|much)\s+of\s+|the\s+outskirts\s+of\s+))?";
const ACTIVE_VERBS: &str = r"captured|seized|took|taken|liberated|retook|retaken|recaptured|occupied|occupy|occupies|controls?|controlled|holds?|held|holding|annexed|(?:took|taken|seized|gained|regained|has|have)\s+(?:full\s+)?control\s+of";
const PASSIVE_VERBS: &str = r"captured|taken|seized|liberated|occupied|retaken|recaptured|annexed";

fn patterns() -> &'static [Pattern; 4] {
    static PATTERNS: OnceLock<[Pattern; 4]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let fill = |p: &str| p.replace("TARGET", TARGET).replace("PLACE", PLACE).replace("EXTENT", EXTENT);
        let r = |p: String| Pattern::new(&p).expect("valid control pattern");
        [
            // Russian forces have captured X / its forces still held the northern part of the city
            r(fill(&format!(
                r"(?P<agent>(?:\p{{Lu}}[\p{{L}}\-]*\s+|its\s+|their\s+)?(?:forces|troops|army|military|soldiers|fighters|rebels|militants|units)|\p{{Lu}}[\p{{L}}]+)\s+(?:(?:have|has|had|were|was|are|is|had)\s+)?(?P<adv>(?:(?:still|now|completely|fully|entirely|reportedly|already|finally|not|never)\s+)*)[\x22“‘']?(?P<verb>{ACTIVE_VERBS})[\x22”’']?\s+EXTENTTARGET"
            ))),
            // neither A nor B has been fully taken by Russian forces / X was captured by …
            r(fill(&format!(
                r"(?:(?P<neither>neither)\s+(?P<place>PLACE)\s+nor\s+(?P<place2>PLACE)|(?P<target>the\s+(?:city|town|village)|(?P<named>PLACE)))\s+(?:has|have|had|was|were|is|are)\s+(?P<adv>(?:(?:not|never|yet|been|fully|completely|entirely|now)\s+)*)(?P<verb>{PASSIVE_VERBS})(?:\s+by\s+(?P<agent>[\p{{L}}\-\s]+?))?(?:[,.;]|\s+(?:in|on|after|since|as|following)\b|$)"
            ))),
            // the Russian capture of the city of X / X's capture
            r(fill(r"(?:(?P<agent>\p{Lu}[\p{L}\-]+)\s+)?(?P<verb>capture|liberation|seizure|fall|takeover)\s+of\s+TARGET")),
            // the city was entirely under Russian control
            r(fill(r"TARGET\s+(?:was|is|were|are|remains?|remained)\s+(?P<adv>(?:(?:entirely|completely|fully|now|still|not)\s+)*)under\s+(?P<agent>\p{Lu}[\p{L}\-]+)\s+control")),
        ]
    })
}

/// Control statements in a sentence. `last_place` is the place the article named most recently,
/// for "the city"; it is updated with every place found here.
pub fn controls(sentence: &str, last_place: &mut Option<String>) -> Vec<FoundControl> {
    let mut found: Vec<FoundControl> = Vec::new();
    for (which, pattern) in patterns().iter().enumerate() {
        for caps in pattern.on(sentence).captures_iter(sentence) {
            let Some(all) = caps.get(0) else { continue };
            let matched = all.as_str().trim_end_matches(|c: char| c.is_whitespace() || ",.;".contains(c));
            let span = Span::new(all.start(), all.start() + matched.len());
            if found.iter().any(|f| f.span.start < span.end && span.start < f.span.end) {
                continue;
            }
            let places: Vec<String> = ["place", "named", "place2"]
                .iter()
                .filter_map(|name| caps.name(name))
                .filter(|m| is_place(sentence, Span::new(m.start(), m.end())))
                .map(|m| m.as_str().trim_end_matches("’s").trim_end_matches("'s").to_string())
                .collect();
            let places = if places.is_empty() && caps.name("target").is_some_and(|t| t.as_str().starts_with("the ")) {
                last_place.iter().cloned().collect()
            } else {
                places
            };
            let adverbs = caps.name("adv").map_or(String::new(), |a| a.as_str().to_lowercase());
            let negated = adverbs.contains("not") || adverbs.contains("never") || caps.name("neither").is_some();
            let extent = if caps.name("extent").is_some() { Extent::Part } else { Extent::Whole };
            let agent = caps.name("agent").map(|a| a.as_str().trim().to_string());
            let controller_is_party =
                agent.as_deref().is_some_and(|a| a.starts_with("its ") || a.starts_with("their "));
            let controller = agent.as_deref().and_then(controller_of);
            if which == 0 && controller.is_none() && !controller_is_party {
                continue;
            }
            for place in places {
                *last_place = Some(place.clone());
                found.push(FoundControl {
                    span,
                    control: Control {
                        place_key: place.to_lowercase(),
                        place,
                        controller: controller.clone(),
                        extent,
                        negated,
                    },
                    nominal: which == 2,
                    controller_is_party,
                });
            }
        }
    }
    remember_named_places(sentence, last_place);
    found.sort_by_key(|f| f.span.start);
    found
}

fn controller_of(agent: &str) -> Option<String> {
    entities::table().find_all(agent).first().map(|m| m.entity.to_string())
}

/// A place is a proper name that is not a country, people or capital from the entity table, nor a
/// weekday or month, and is not used as an adjective before a common noun ("Geneva talks").
fn is_place(sentence: &str, span: Span) -> bool {
    let text = span.slice(sentence);
    let bare = text.trim_end_matches("’s").trim_end_matches("'s");
    if entities::table().canonical(bare).is_some() {
        return false;
    }
    if crate::engine::text::calendar::is_calendar_word(bare) {
        return false;
    }
    let next = words(&sentence[span.end..]).into_iter().next();
    match next {
        Some(word) if !word.is_capitalized() && sentence[span.end..word.span.start + span.end].trim().is_empty() => {
            matches!(
                word.lower().as_str(),
                "in" | "on"
                    | "at"
                    | "after"
                    | "and"
                    | "but"
                    | "as"
                    | "from"
                    | "following"
                    | "last"
                    | "this"
                    | "since"
                    | "despite"
                    | "before"
                    | "with"
                    | "by"
                    | "while"
                    | "when"
                    | "was"
                    | "is"
                    | "has"
                    | "had"
                    | "nor"
                    | "or"
                    | "for"
                    | "to"
                    | "were"
                    | "are"
                    | "have"
            )
        }
        _ => true,
    }
}

/// "the city of X" names the place a later "the city" refers to, even outside a control claim.
fn remember_named_places(sentence: &str, last_place: &mut Option<String>) {
    static NAMED: OnceLock<Pattern> = OnceLock::new();
    let named = NAMED.get_or_init(|| {
        Pattern::new(&format!(r"\bthe\s+(?:city|town|village|port)\s+of\s+(?P<place>{PLACE})"))
            .expect("valid named-place pattern")
    });
    if let Some(place) = named.on(sentence).captures_iter(sentence).last().and_then(|c| c.name("place")) {
        *last_place = Some(place.as_str().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, expect: &[(&str, Option<&str>, Extent, bool)]) {
        let mut last = Some("Earlier".to_string());
        let got: Vec<(String, Option<String>, Extent, bool)> = controls(sentence, &mut last)
            .into_iter()
            .map(|f| (f.control.place, f.control.controller, f.control.extent, f.control.negated))
            .collect();
        let expect: Vec<(String, Option<String>, Extent, bool)> =
            expect.iter().map(|(p, c, e, n)| (p.to_string(), c.map(str::to_string), *e, *n)).collect();
        assert_eq!(got, expect, "in {sentence:?}");
    }

    #[test]
    fn active_captures_and_holds() {
        check("Russia has captured Pokrovsk.", &[("Pokrovsk", Some("Russia"), Extent::Whole, false)]);
        check(
            "Russian troops have completely “liberated” the city of Pokrovsk, an important hub.",
            &[("Pokrovsk", Some("Russia"), Extent::Whole, false)],
        );
        check(
            "Ukrainian forces were still holding the northern part of the city and attacked.",
            &[("Earlier", Some("Ukraine"), Extent::Part, false)],
        );
    }

    #[test]
    fn negated_passives() {
        check(
            "Intelligence suggests neither Pokrovsk nor Vovshansk has been fully taken by Russian forces.",
            &[("Pokrovsk", Some("Russia"), Extent::Whole, true), ("Vovshansk", Some("Russia"), Extent::Whole, true)],
        );
    }

    #[test]
    fn nominals_and_under_control() {
        check(
            "He hailed the Russian capture of the city of Pokrovsk in eastern Ukraine.",
            &[("Pokrovsk", Some("Russia"), Extent::Whole, false)],
        );
        check(
            "Ukraine denied reports that the city was entirely under Russian control.",
            &[("Earlier", Some("Russia"), Extent::Whole, false)],
        );
    }

    #[test]
    fn not_control_claims() {
        check("Witkoff also held talks with UK Prime Minister Keir Starmer.", &[]);
        check("Russian forces control more than 19 per cent of Ukraine.", &[]);
        check("They will hold Geneva talks.", &[]);
    }
}
