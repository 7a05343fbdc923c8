//! Role extraction on invented sentences: each role as `[span] person | title | bodies | time`.

use super::*;

/// Each role of `sentence` as `person | title | orgs | tense` or `person | relation of person`,
/// with its span's text: `[span] …`.
fn check(sentence: &str, expect: &[&str]) {
    let got: Vec<String> = roles(sentence, &|_| true)
        .iter()
        .map(|found| {
            let role = match &found.role {
                Role::Family(f) => format!("{} | {} of {}", f.person.name, f.relation, f.of.name),
                Role::Title(t) => {
                    let orgs: Vec<&str> = t.orgs.iter().map(|o| o.text.as_str()).collect();
                    format!(
                        "{} | {} | {} | {:?}",
                        t.person.name,
                        t.title.as_deref().unwrap_or("-"),
                        orgs.join(" + "),
                        t.tense
                    )
                }
            };
            format!("[{}] {role}", found.span.slice(sentence))
        })
        .collect();
    assert_eq!(got, expect, "{sentence}");
}

#[test]
fn titles_before_the_name_with_ranks_and_organisations() {
    check(
        "White House Chief of Staff Denis McDonough said so.",
        &["[White House Chief of Staff] Denis McDonough | chief of staff | White House | Present"],
    );
    check(
        "Massachusetts National Guard spokesman Lt. Col. James Sahady said so.",
        &["[Massachusetts National Guard spokesman] James Sahady | spokesperson | Massachusetts National Guard | Present"],
    );
    check(
        "On Monday, Deputy Prime Minister Warren Truss said so.",
        &["[Deputy Prime Minister] Warren Truss | deputy prime minister |  | Present"],
    );
    check(
        "Current HP lead independent director Pat Russo spoke.",
        &["[HP lead independent director] Pat Russo | lead independent director | HP | Present"],
    );
    check("Former HP chairman Ralph Whitworth spoke.", &["[HP chairman] Ralph Whitworth | chairman | HP | Past"]);
    check(
        "Rosario Murillo, Nicaragua's First Lady and Government spokeswoman, spoke.",
        &[
            "[Nicaragua's First Lady] Rosario Murillo | first lady | Nicaragua | Present",
            "[Government spokeswoman] Rosario Murillo | spokesperson | Government | Present",
        ],
    );
    check(
        "British Secretary of State for Defence Michael Fallon spoke.",
        &["[British Secretary of State for Defence] Michael Fallon | defence minister | British | Present"],
    );
    check("Secretary of State for Wales Alun Cairns spoke.", &[]);
}

#[test]
fn coordinated_titles_share_the_person_and_the_organisation() {
    check(
        "Australian Transport Minister and Deputy Prime Minister Warren Truss said so.",
        &[
            "[Australian Transport Minister] Warren Truss | transport minister | Australian | Present",
            "[Deputy Prime Minister] Warren Truss | deputy prime minister | Australian | Present",
        ],
    );
    check(
        "Warren Truss, the deputy prime minister of Australia and also the minister for infrastructure and regional development, said so.",
        &[
            "[deputy prime minister of Australia] Warren Truss | deputy prime minister | Australia | Present",
            "[minister for infrastructure and regional development] Warren Truss | transport minister | Australia | Present",
        ],
    );
}

#[test]
fn a_body_named_after_a_title_is_that_title_s_alone() {
    check(
        "Whitman would be chairman of the PC business, and CEO of a separate Enterprise Group.",
        &[
            "[chairman of the PC business] Whitman | chairman | the PC business | Future",
            "[CEO of a separate Enterprise Group] Whitman | chief executive | a separate Enterprise Group | Future",
        ],
    );
    check(
        "Whitman will be chairman of the PC business and CEO of the separate \"enterprise company.\"",
        &[
            "[chairman of the PC business] Whitman | chairman | the PC business | Future",
            "[CEO of the separate \"enterprise company] Whitman | chief executive | the separate \"enterprise company | Future",
        ],
    );
    check(
        "Whitman will be chairman of the PC business and CEO.",
        &[
            "[chairman of the PC business] Whitman | chairman | the PC business | Future",
            "[CEO] Whitman | chief executive |  | Future",
        ],
    );
}

#[test]
fn a_title_with_its_own_body_does_not_take_the_next_title_s_person() {
    check(
        "The CIA director and FBI director James Comey spoke.",
        &["[FBI director] James Comey | director | FBI | Present"],
    );
}

#[test]
fn titles_after_the_name_in_apposition() {
    check(
        "Warren Truss, Australia's deputy prime minister, said so.",
        &["[Australia's deputy prime minister] Warren Truss | deputy prime minister | Australia | Present"],
    );
    check(
        "said Dr. Arthur Caplan, a medical ethicist at New York University's Langone Medical Center.",
        &["[medical ethicist at New York University's Langone Medical Center] Arthur Caplan | ethicist | New York University's Langone Medical Center | Present"],
    );
    check(
        "Col. Timothy Alben, superintendent of the Massachusetts State Police, said so.",
        &["[superintendent of the Massachusetts State Police] Timothy Alben | superintendent | Massachusetts State Police | Present"],
    );
    check(
        "Gwen Korovin, a board-certified otolaryngologist, denies it.",
        &["[otolaryngologist] Gwen Korovin | otolaryngologist |  | Present"],
    );
}

#[test]
fn predicates_give_the_title_and_its_time() {
    check(
        "Patricia Russo will be chairman of the enterprise company.",
        &["[chairman of the enterprise company] Patricia Russo | chairman | the enterprise company | Future"],
    );
    check(
        "Dion Weisler, an executive in the printing division, will be chief executive of HP Inc.",
        &[
            "[executive in the printing division] Dion Weisler | executive | the printing division | Present",
            "[chief executive of HP Inc.] Dion Weisler | chief executive | HP Inc. | Future",
        ],
    );
    check(
        "Russo will become chairman of the PC and printer company, HP Inc.",
        &["[chairman of the PC and printer company, HP Inc.] Russo | chairman | the PC and printer company + HP Inc. | Future"],
    );
    check("It will be led by Dion Weisler as CEO.", &["[CEO] Dion Weisler | chief executive |  | Future"]);
    check(
        "Patricia Russo will chair HP Inc., the PC and printer company.",
        &["[chair HP Inc.] Patricia Russo | chairman | HP Inc. | Future"],
    );
    check(
        "Cohen still serves as the clinic's medical director.",
        &["[the clinic's medical director] Cohen | medical director | the clinic | Present"],
    );
    check(
        "Dr. Lawrence Cohen, who was the medical director of the clinic until May, left.",
        &["[medical director of the clinic] Lawrence Cohen | medical director | the clinic | Past"],
    );
}

#[test]
fn affiliations_without_a_title() {
    check(
        "Lt. Col. James Sahady of the Massachusetts National Guard said so.",
        &["[Massachusetts National Guard] James Sahady | - | Massachusetts National Guard | Present"],
    );
    check(
        "Massachusetts State Police Col. Timothy Alben said so.",
        &["[Massachusetts State Police] Timothy Alben | - | Massachusetts State Police | Present"],
    );
}

#[test]
fn family_relations_in_their_forms() {
    check(
        "James Foley's parents John and Diane Foley and his brother, Michael, spoke.",
        &[
            "[James Foley's parents] John | parent of James Foley",
            "[James Foley's parents] Diane Foley | parent of James Foley",
            "[his brother] Michael | brother of James Foley",
        ],
    );
    check("Foley’s brother Michael also spoke.", &["[Foley’s brother] Michael | brother of Foley"]);
    check("Michael Foley said his brother James died.", &["[his brother] James | brother of Michael Foley"]);
    check(
        "US President Donald Trump met his son-in-law Jared Kushner.",
        &[
            "[US President] Donald Trump | president | US | Present",
            "[his son-in-law] Jared Kushner | son-in-law of Donald Trump",
        ],
    );
    check("James Foley's father, Michael, spoke.", &["[James Foley's father] Michael | father of James Foley"]);
    check(
        "US President Donald Trump's son-in-law Jared Kushner met him.",
        &[
            "[US President] Donald Trump | president | US | Present",
            "[Donald Trump's son-in-law] Jared Kushner | son-in-law of Donald Trump",
        ],
    );
    check("Diane Foley, James Foley's mother, spoke.", &["[James Foley's mother] Diane Foley | mother of James Foley"]);
    check("Both Kim's father and grandfather Kim Il Sung ruled.", &["[grandfather] Kim Il Sung | grandfather of Kim"]);
}

#[test]
fn what_is_no_role() {
    check("In Boston, a spokesman said the talks went well.", &[]);
    check("The brother of James Foley said so.", &[]);
    check("Foley's mother and brother spoke.", &[]);
    check("Sister Mary spoke to the spokesman.", &[]);
    check("The Premier League chairman spoke.", &[]);
}

#[test]
fn hostile_text_never_panics() {
    for text in
        ["’s brother ’", "CEO", "chairman of the", "Dr. ", "—spokesman— Ö Ü", "Foley's brother, ", "minister-elect"]
    {
        let _ = roles(text, &|_| true);
    }
}
