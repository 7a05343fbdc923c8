//! The claims the engine extracts from an article: figures and control claims, each with its byte
//! span, its sentence, what it is about and who asserts it.

use super::interned::{self, Sym, Words};
use super::text::Span;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The text the claim is anchored on: the figure, or the control verb with its place.
    pub span: Span,
    /// Index of the sentence in the document's extraction.
    pub sentence: usize,
    pub kind: ClaimKind,
    pub subject: Subject,
    /// The stretch of the sentence the subject was read from, for showing what the claim is about.
    pub context: Span,
    /// Who the article says asserts this; `None` when the article states it as plain fact.
    /// Behind a pointer, as the large kinds are: a corpus holds millions of claims, most of them
    /// without; and shared, as the claims of one attributed sentence read the same one (a
    /// document keeps one copy of each, `SourceDoc::assemble`).
    pub attribution: Option<std::sync::Arc<Attribution>>,
}

impl Claim {
    /// The same claim moved by `delta` bytes in its text and to sentence `sentence`: how a claim
    /// of an unchanged sentence reads after an edit above it. `None` if a span would leave the
    /// text's range.
    pub fn relocated(&self, delta: isize, sentence: usize) -> Option<Claim> {
        self.relocated_sharing(delta, sentence, &mut MovedAttributions::default())
    }

    /// `relocated`, where the claims of one sentence that share an attribution share its moved
    /// copy too (`moved` keeps the copies made): a claim does not copy its attribution to move it.
    pub fn relocated_sharing(&self, delta: isize, sentence: usize, moved: &mut MovedAttributions) -> Option<Claim> {
        let shift = |span: Span| span.moved_by(delta);
        let attribution = match &self.attribution {
            Some(attribution) if delta != 0 => Some(moved.of(attribution, shift(attribution.span)?)),
            unmoved => unmoved.clone(),
        };
        let mut moved = Claim {
            span: shift(self.span)?,
            sentence,
            kind: self.kind.clone(),
            subject: self.subject.clone(),
            context: shift(self.context)?,
            attribution,
        };
        if let ClaimKind::Figure(figure) = &mut moved.kind {
            for measure in &mut figure.measures {
                measure.span = shift(measure.span)?;
            }
        }
        if let ClaimKind::Quote(quote) = &mut moved.kind {
            if let Some(span) = &mut quote.speaker_span {
                *span = shift(*span)?;
            }
        }
        Some(moved)
    }

    /// Whether this claim is `earlier` relocated (`earlier.relocated(delta, sentence) ==
    /// Some(self)`), told without building the moved copy: an incremental analysis asks it of
    /// every claim of an edited document.
    pub fn is_relocation_of(&self, earlier: &Claim, delta: isize, sentence: usize) -> bool {
        let moved = |old: Span, new: Span| old.moved_by(delta) == Some(new);
        let attribution = match (&earlier.attribution, &self.attribution) {
            (None, None) => true,
            (Some(old), Some(new)) => moved(old.span, new.span) && old.equal_but_span(new),
            _ => false,
        };
        let kind = match (&earlier.kind, &self.kind) {
            (ClaimKind::Figure(old), ClaimKind::Figure(new)) => {
                old.measures.len() == new.measures.len()
                    && old
                        .measures
                        .iter()
                        .zip(&new.measures)
                        .all(|(old, new)| moved(old.span, new.span) && old.equal_but_span(new))
            }
            (ClaimKind::Quote(old), ClaimKind::Quote(new)) => match (old.speaker_span, new.speaker_span) {
                (None, None) => old == new,
                (Some(from), Some(to)) => moved(from, to) && old.equal_but_speaker_span(new),
                _ => false,
            },
            (old, new) => old == new,
        };
        self.sentence == sentence
            && moved(earlier.span, self.span)
            && moved(earlier.context, self.context)
            && attribution
            && kind
            && self.subject == earlier.subject
    }
}

/// The attributions of a sentence's claims moved with them, each by the one it was moved from.
#[derive(Default)]
pub struct MovedAttributions(Vec<(std::sync::Arc<Attribution>, std::sync::Arc<Attribution>)>);

impl MovedAttributions {
    /// `attribution` with its span at `span`, copied once for all the claims sharing it.
    fn of(&mut self, attribution: &std::sync::Arc<Attribution>, span: Span) -> std::sync::Arc<Attribution> {
        if let Some((_, moved)) = self.0.iter().find(|(old, _)| std::sync::Arc::ptr_eq(old, attribution)) {
            return std::sync::Arc::clone(moved);
        }
        let moved = std::sync::Arc::new(Attribution { span, ..Attribution::clone(attribution) });
        self.0.push((std::sync::Arc::clone(attribution), std::sync::Arc::clone(&moved)));
        moved
    }
}

/// Serialised with its kind as a field (`"kind": "figure"`) for people, by variant index for the
/// claims cache (`two_forms!`). The kinds of over 32 bytes are boxed, so that every claim does
/// not pay for the largest in line.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimKind {
    Figure(Figure),
    Control(Box<Control>),
    Quote(Box<Quote>),
    Date(Date),
    Role(Role),
    /// A place, organisation, person or nationality named in a fact.
    Name(Box<NameSlot>),
    /// How a clause states its fact: negated or not, which action, how certain, as fact or as
    /// someone's claim or denial. Its span is the clause, as the statement's.
    Stance(Stance),
    /// A factual sentence as a whole: corroborated by the sentences of other sources that report
    /// the same thing. It never contradicts; its subject holds every feature of the sentence.
    Statement,
}

/// One or more measures of the same quantity, as in "19 per cent of Ukraine, or 115,600 square km".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub measures: Vec<Measure>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub span: Span,
    pub text: String,
    pub dimension: Dimension,
    /// The stated value in the dimension's base unit (per cent, km², km, days, currency units, items).
    pub value: f64,
    /// The number as written, before its unit is converted ("60,000" of "60,000 square miles").
    pub stated: f64,
    pub hedge: Hedge,
    /// The values the statement allows, after precision and hedge.
    pub low: f64,
    pub high: f64,
    /// For shares: what it is a share of (`of Ukraine` → entity Ukraine).
    pub whole: Option<Subject>,
    /// A rate per item (`each with $50 billion`, `$3.70 per share`), not a total.
    pub per_unit: bool,
    /// For counts: what the counted things do (`soldiers who went missing` → went).
    pub predicate: Option<String>,
    /// Which end of a reported change the figure is (`rose to`, `from the original`), if any.
    pub change: Change,
    /// Other figures of the same dimension in the sentence: which one another source's figure
    /// answers is then uncertain.
    pub rivals_in_sentence: usize,
}

impl Measure {
    /// Whether the two are equal in all but their spans; by field, so that nothing is cloned
    /// to compare.
    fn equal_but_span(&self, other: &Measure) -> bool {
        let Measure {
            span: _,
            text,
            dimension,
            value,
            stated,
            hedge,
            low,
            high,
            whole,
            per_unit,
            predicate,
            change,
            rivals_in_sentence,
        } = self;
        *text == other.text
            && *dimension == other.dimension
            && *value == other.value
            && *stated == other.stated
            && *hedge == other.hedge
            && *low == other.low
            && *high == other.high
            && *whole == other.whole
            && *per_unit == other.per_unit
            && *predicate == other.predicate
            && *change == other.change
            && *rivals_in_sentence == other.rivals_in_sentence
    }
}

impl Measure {
    pub fn meets(&self, other: &Measure) -> bool {
        self.meets_within(other, 0.0)
    }

    /// Whether the intervals meet once each is widened by `slack`, a fraction of its bounds. They
    /// must share a stretch of values: "two" (1.5–2.5) and "three" (2.5–3.5) only touch, and a
    /// count cannot round to both. A single value (an exact bound) meets an interval holding it.
    pub fn meets_within(&self, other: &Measure, slack: f64) -> bool {
        let slack = slack.clamp(0.0, 1.0);
        let widen = |m: &Measure| (m.low * (1.0 - slack), m.high * (1.0 + slack));
        let ((a_low, a_high), (b_low, b_high)) = (widen(self), widen(other));
        let (low, high) = (a_low.max(b_low), a_high.min(b_high));
        low < high || (low == high && (a_low == a_high || b_low == b_high))
    }

    /// What is measured, in words: "share of Ukraine", "number of proposals", "area".
    pub fn describe(&self) -> String {
        let of_whole =
            self.whole.as_ref().map(|w| w.entities().iter().chain(w.stems().iter()).collect::<Vec<_>>().join(" "));
        let base = match (&self.dimension, of_whole) {
            (Dimension::Share, Some(whole)) => format!("share of {whole}"),
            (dimension, _) => dimension.describe(),
        };
        if self.per_unit {
            format!("{base}, per item")
        } else {
            base
        }
    }
}

/// A figure's place in a change the article reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// A plain statement of the quantity.
    #[default]
    None,
    /// The value before the change (`from 28`, `an earlier estimate of`, `originally`).
    From,
    /// The value after it (`rose to`, `narrowed down to`, `raised … to`).
    To,
    /// The size of the change itself (`by 5,000`).
    By,
}

/// Serialised as `{"type": "money", "unit": "USD"}` for people, by variant index for the claims
/// cache (`two_forms!`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Share,
    PercentagePoints,
    Area,
    Length,
    Duration,
    Money(String),
    Count(String),
}

impl Dimension {
    pub fn describe(&self) -> String {
        match self {
            Dimension::Share => "share".into(),
            Dimension::PercentagePoints => "change in percentage points".into(),
            Dimension::Area => "area".into(),
            Dimension::Length => "length".into(),
            Dimension::Duration => "duration".into(),
            Dimension::Money(currency) => format!("amount of money ({currency})"),
            Dimension::Count(unit) => format!("number of {unit}"),
        }
    }

    pub fn base_unit(&self) -> &str {
        match self {
            Dimension::Share => "%",
            Dimension::PercentagePoints => " points",
            Dimension::Area => " km²",
            Dimension::Length => " km",
            Dimension::Duration => " days",
            Dimension::Money(currency) => currency,
            Dimension::Count(_) => "",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    Exact,
    MoreThan,
    Nearly,
    About,
    AtLeast,
    UpTo,
    LessThan,
}

impl Hedge {
    pub fn describe(self) -> &'static str {
        match self {
            Hedge::Exact => "as stated",
            Hedge::MoreThan => "more than",
            Hedge::Nearly => "nearly",
            Hedge::About => "about",
            Hedge::AtLeast => "at least",
            Hedge::UpTo => "up to",
            Hedge::LessThan => "less than",
        }
    }
}

/// A role of a person that can be checked against other sources. Serialised with `"role"` as a
/// field for people, by variant index for the claims cache (`two_forms!`). Boxed: a claim's kind
/// is as large as its largest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// `Trump's son-in-law Jared Kushner`, `James Foley's parents John and Diane Foley`.
    Family(Box<Family>),
    /// A title, an affiliation or both: `White House Chief of Staff Denis McDonough`, `Warren
    /// Truss, Australia's deputy prime minister`, `Lt. Col. James Sahady of the Massachusetts
    /// National Guard`, `Russo will be chairman of the enterprise company`.
    Title(Box<Title>),
}

impl Role {
    pub fn person(&self) -> &str {
        match self {
            Role::Family(family) => &family.person.name,
            Role::Title(title) => &title.person.name,
        }
    }

    pub fn people(&self) -> Vec<&Person> {
        match self {
            Role::Family(family) => vec![&family.person, &family.of],
            Role::Title(title) => vec![&title.person],
        }
    }

    /// The role as the article words it, without the person: "White House chief of staff",
    /// "James Foley's brother".
    pub fn stated(&self) -> String {
        match self {
            Role::Family(family) => format!("{}'s {}", family.of.full_name(), family.written),
            Role::Title(title) => title.written.clone(),
        }
    }

    pub fn describe(&self) -> String {
        let when = |tense: Tense| match tense {
            Tense::Present => "",
            Tense::Past => "formerly ",
            Tense::Future => "to be ",
        };
        match self {
            Role::Family(family) => format!("{} is {}'s {}", family.person.name, family.of.name, family.relation),
            Role::Title(title) => {
                let what = match (&title.title, title.orgs.first()) {
                    (Some(canonical), Some(org)) => format!("{canonical} ({})", org.text),
                    (Some(canonical), None) => canonical.clone(),
                    (None, Some(org)) => format!("with {}", org.text),
                    (None, None) => title.written.clone(),
                };
                format!("{} is {}{what}", title.person.name, when(title.tense))
            }
        }
    }
}

/// A person as an article names them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    /// As written, without ranks or honorifics: "James Sahady", "Michael", "Foley".
    pub name: String,
    /// The first name: given, or read from the article's fuller mentions of the same surname.
    pub first: Option<String>,
    /// The surname, or the one name given.
    pub last: String,
}

impl Person {
    /// One person across spellings: the same surname, and first names that agree where both
    /// are known ("Pat", "Patricia"). A name given alone ("Michael") may be either the first
    /// name or the surname.
    pub fn same_as(&self, other: &Person) -> bool {
        use super::names::same_name;
        if same_name(&self.last, &other.last) {
            return match (&self.first, &other.first) {
                (Some(x), Some(y)) => same_first(x, y),
                _ => true,
            };
        }
        let first_of = |alone: &Person, full: &Person| {
            alone.first.is_none() && full.first.as_deref().is_some_and(|f| same_first(&alone.last, f))
        };
        first_of(self, other) || first_of(other, self)
    }

    /// The name with the first name the article gives elsewhere: "Foley" read as "James Foley".
    pub fn full_name(&self) -> String {
        match &self.first {
            Some(first) if !self.name.contains(' ') && *first != self.last => format!("{first} {}", self.last),
            _ => self.name.clone(),
        }
    }
}

/// First names agree when equal or one shortens the other ("Pat", "Patricia").
fn same_first(a: &str, b: &str) -> bool {
    use super::names::{name_key, same_name};
    let (a, b) = (name_key(a), name_key(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    a == b || (short.chars().count() >= 3 && long.starts_with(short.as_str())) || same_name(&a, &b)
}

/// A family relation between two people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub person: Person,
    /// Canonical relation of `person` to `of` ("brother", "parent").
    pub relation: String,
    /// The relation as written ("parents", "dad").
    pub written: String,
    pub of: Person,
}

/// A person's title and the organisation or country it is held in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    pub person: Person,
    /// Canonical title ("chief executive" for CEO); `None` for an affiliation alone ("Sahady of
    /// the National Guard").
    pub title: Option<String>,
    /// The title with its organisation as written ("White House Chief of Staff").
    pub written: String,
    /// Where the title is held: the organisation or country as named, and a description of it
    /// when the article gives both ("the PC and printer company, HP Inc.").
    pub orgs: Vec<Org>,
    pub tense: Tense,
}

/// An organisation or country a title is held in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    /// As written, possessive dropped: "New York University's Langone Medical Center", "the
    /// enterprise company", "Australia".
    pub text: String,
    /// The canonical country or bloc when the whole phrase stands for one ("White House").
    pub entity: Option<String>,
    /// A description ("the enterprise company") rather than a name.
    pub descriptive: bool,
}

/// When a title is held, as the article places it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tense {
    #[default]
    Present,
    /// `former chairman`, `was chief executive`.
    Past,
    /// `will be chairman`, `incoming chief executive`.
    Future,
}

/// A date claim: the date, and how many other dates share its sentence (then which event each
/// belongs to is uncertain, and it does not contradict).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    pub value: DateValue,
    pub rivals_in_sentence: usize,
    /// The day a statement was made ("announced on Monday"), not the day of what it reports.
    pub of_statement: bool,
}

/// A date as stated: whichever of weekday, day, month and year the text gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    /// 0 = Monday.
    pub weekday: Option<u8>,
    pub day: Option<u8>,
    pub month: Option<u8>,
    pub year: Option<u16>,
}

impl DateValue {
    pub fn describe(&self) -> String {
        use super::text::calendar::{MONTHS, WEEKDAYS};
        let mut parts = Vec::new();
        if let Some(w) = self.weekday {
            parts.push(WEEKDAYS[usize::from(w % 7)].to_string());
        }
        match (self.day, self.month) {
            (Some(d), Some(m)) => parts.push(format!("{d} {}", MONTHS[usize::from((m + 11) % 12)])),
            (None, Some(m)) => parts.push(MONTHS[usize::from((m + 11) % 12)].to_string()),
            _ => {}
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        parts.join(" ")
    }
}

/// A name as a slot of a fact, with what a name in the same place of another report is compared
/// by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "NameSlotRead")]
pub struct NameSlot {
    /// As written.
    pub text: String,
    /// The skeletons of its words (spelling variants fold together); empty for an entity.
    pub words: Box<[Sym]>,
    /// The kind of thing its head word says it is ("care" for "… Hospital").
    pub head: Option<Sym>,
    /// The skeleton of that head word, which says what kind of thing it is, not which one.
    pub head_word: Option<Sym>,
    /// The preposition before it ("to" in "rushed to X").
    pub preposition: Option<Sym>,
    /// Its initials, or the acronym it is written as or given with.
    pub acronym: Option<Sym>,
    /// The canonical entity, for a country or a people's adjective.
    pub entity: Option<Sym>,
    /// The words that tell which thing it names (`NameSlot::distinctive`), worked out with the
    /// rest (`with_distinctive`) and never written: a name is compared with hundreds of others.
    #[serde(skip)]
    pub distinctive: Box<[Sym]>,
}

/// A name slot as the claims cache holds it: all but what is worked out of the rest.
#[derive(Deserialize)]
struct NameSlotRead {
    text: String,
    words: Box<[Sym]>,
    head: Option<Sym>,
    head_word: Option<Sym>,
    preposition: Option<Sym>,
    acronym: Option<Sym>,
    entity: Option<Sym>,
}

impl From<NameSlotRead> for NameSlot {
    fn from(read: NameSlotRead) -> NameSlot {
        let NameSlotRead { text, words, head, head_word, preposition, acronym, entity } = read;
        NameSlot { text, words, head, head_word, preposition, acronym, entity, distinctive: Box::default() }
            .with_distinctive()
    }
}

impl NameSlot {
    /// The name with its distinctive words worked out: what the head word ("Hospital") leaves,
    /// since it says what kind of thing a name is, not which one (a name that is its head alone,
    /// "the Assembly", is that word); plurals and possessives as one name ("PCs", "PC";
    /// "Journal's", "Journal").
    pub fn with_distinctive(self) -> NameSlot {
        let is_head = |w: &Sym| Some(w) == self.head_word.as_ref();
        let only_head = self.words.iter().all(is_head);
        let distinctive = self
            .words
            .iter()
            .filter(|w| only_head || !is_head(w))
            .map(|w| match w.strip_suffix('s').filter(|stem| stem.len() >= 2) {
                Some(stem) => Sym::of(stem),
                None => *w,
            })
            .collect();
        NameSlot { distinctive, ..self }
    }

    /// Whether two names name the same thing: the same entity, a shared distinctive word (one
    /// is part of the other), or one the acronym of the other.
    pub fn same_referent(&self, other: &NameSlot) -> bool {
        match (&self.entity, &other.entity) {
            (Some(a), Some(b)) => return a == b,
            (Some(_), None) | (None, Some(_)) => return false,
            (None, None) => {}
        }
        if self.distinctive.iter().any(|w| other.distinctive.contains(w)) {
            return true;
        }
        // "the Society" for the "Humane Society": a name that is its head alone is a short form
        // of a name with that head.
        let head_alone =
            |x: &NameSlot, y: &NameSlot| x.words.len() == 1 && x.head_word.is_some() && x.head_word == y.head_word;
        if head_alone(self, other) || head_alone(other, self) {
            return true;
        }
        let as_acronym = |name: &NameSlot, acronym: &Option<Sym>| {
            acronym.as_ref().is_some_and(|x| {
                name.acronym.as_ref() == Some(x) || name.words.len() == 1 && name.text.eq_ignore_ascii_case(x)
            })
        };
        as_acronym(self, &other.acronym) || as_acronym(other, &self.acronym)
    }

    pub fn describe(&self) -> String {
        self.text.clone()
    }
}

/// How a clause states its fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stance {
    pub negated: bool,
    /// The kinds of action it reports ("escalate", "halt", "continue", "cease").
    pub actions: Vec<String>,
    pub certainty: Certainty,
    pub framing: Framing,
    /// The clause is inside quotation marks: a speaker's words, which the article reports
    /// rather than states.
    pub quoted: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Certainty {
    /// "established", "proved", "concluded".
    Established,
    /// "most likely", "best fit", "no consensus".
    Hedged,
    Plain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framing {
    /// Stated by the article as fact.
    Fact,
    /// Attributed to a party ("officials said").
    Attributed,
    /// Reported as a party's claim ("allegedly", "claims that").
    Claimed,
    /// Reported with its denial ("denied taking a selfie").
    Denied,
}

/// A direct quotation and who is quoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker as the article names them ("Kremlin spokesman Dmitry Peskov").
    pub speaker: Option<String>,
    /// The speaker's surname, for matching spellings across sources.
    pub speaker_key: Option<String>,
    /// The person quoted, as the article names them in full ("Najib Razak" for "Mr. Najib", "the
    /// prime minister" or "he"), when the speaker is a person the article names.
    pub person: Option<String>,
    /// Where the article names the speaker (the phrase, or the pronoun).
    pub speaker_span: Option<Span>,
    /// The quoted words as written (contractions expanded), in the fragments an ellipsis or an
    /// insertion separates; interned, as quotations repeat across reports.
    pub fragments: Vec<Box<[Sym]>>,
    /// What each word is compared by (`extract::quote_match_key`), fragment by fragment, read
    /// with the entity table the article was read with.
    pub keys: Vec<Box<[Sym]>>,
}

impl Quote {
    /// Whether the two are equal in all but where the speaker stands.
    fn equal_but_speaker_span(&self, other: &Quote) -> bool {
        let Quote { speaker, speaker_key, person, speaker_span: _, fragments, keys } = self;
        *speaker == other.speaker
            && *speaker_key == other.speaker_key
            && *person == other.person
            && *fragments == other.fragments
            && *keys == other.keys
    }
}

/// A place's control as one side tells it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// The place as written ("Pokrovsk"), resolved from "the city" when the article refers back.
    pub place: String,
    /// Lowercased key that claims about the same place share.
    pub place_key: String,
    /// The canonical entity that takes or holds the place, when the article says who.
    pub controller: Option<String>,
    pub extent: Extent,
    /// True when the statement is that the controller does NOT have it ("not fully taken", a denial).
    pub negated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Extent {
    Whole,
    Part,
}

/// What a claim is about: the entities and content-word stems around it, used to align claims.
/// Its words are interned (`interned.rs`) and kept in one slice, entities, then stems, then names,
/// each part a set in alphabetical order: a corpus holds millions of them.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Subject {
    words: Box<[Sym]>,
    /// Where the stems, then the names, start in `words`.
    stems_at: u32,
    names_at: u32,
}

impl Subject {
    /// `entities`: canonical entities; `stems`: lowercase content words (stemmed, general
    /// concepts folded); `names`: proper names that are not table entities (places, people,
    /// days), which tell events apart. Each is made a set.
    pub fn new<S: AsRef<str>>(
        entities: impl IntoIterator<Item = S>,
        stems: impl IntoIterator<Item = S>,
        names: impl IntoIterator<Item = S>,
    ) -> Subject {
        let mut words = interned::sorted_set(entities);
        let stems_at = words.len();
        words.extend(interned::sorted_set(stems));
        let names_at = words.len();
        words.extend(interned::sorted_set(names));
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Subject { words: words.into_boxed_slice(), stems_at: at(stems_at), names_at: at(names_at) }
    }

    /// A subject of words already interned, as `new` makes it of strings.
    pub(crate) fn of_words(entities: Vec<Sym>, stems: Vec<Sym>, names: Vec<Sym>) -> Subject {
        let mut words = Vec::with_capacity(entities.len() + stems.len() + names.len());
        let mut add = |mut part: Vec<Sym>| {
            part.sort_unstable();
            part.dedup();
            words.extend(part);
            words.len()
        };
        let stems_at = add(entities);
        let names_at = add(stems);
        add(names);
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Subject { words: words.into_boxed_slice(), stems_at: at(stems_at), names_at: at(names_at) }
    }

    fn part(&self, from: u32, to: Option<u32>) -> Words<'_> {
        let end = to.map_or(self.words.len(), |to| (to as usize).min(self.words.len()));
        Words::new(self.words.get((from as usize).min(end)..end).unwrap_or_default())
    }

    pub fn entities(&self) -> Words<'_> {
        self.part(0, Some(self.stems_at))
    }

    /// Lowercase content words (stemmed, general concepts folded).
    pub fn stems(&self) -> Words<'_> {
        self.part(self.stems_at, Some(self.names_at))
    }

    /// Proper names that are not table entities (places, people, days): they tell events apart.
    pub fn names(&self) -> Words<'_> {
        self.part(self.names_at, None)
    }

    /// How many words it holds, of all three parts.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities().is_empty() && self.stems().is_empty()
    }

    pub fn describe(&self) -> String {
        self.entities().iter().chain(self.stems().iter()).collect::<Vec<_>>().join(" · ")
    }
}

impl std::fmt::Debug for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subject")
            .field("entities", &self.entities())
            .field("stems", &self.stems())
            .field("names", &self.names())
            .finish()
    }
}

/// A subject as it is written out: its three sets of words, each word as `Sym` writes it (a
/// string, as the tree sets of strings it was once made of were, or its place among a claims
/// cache entry's words), never the process's numbers for them.
#[derive(Serialize)]
#[serde(rename = "Subject")]
struct SubjectOut<'a> {
    entities: &'a [Sym],
    stems: &'a [Sym],
    names: &'a [Sym],
}

#[derive(Deserialize)]
#[serde(rename = "Subject")]
struct SubjectIn {
    entities: Vec<Sym>,
    stems: Vec<Sym>,
    names: Vec<Sym>,
}

impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SubjectOut { entities: self.entities().syms(), stems: self.stems().syms(), names: self.names().syms() }
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let parts = SubjectIn::deserialize(deserializer)?;
        Ok(Subject::of_words(parts.entities, parts.stems, parts.names))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    /// The words naming the party ("the Ukrainian military", "pro-Ukrainian maps").
    pub party: String,
    pub span: Span,
    /// The entity the party speaks for, when it can be told ("Putin" → Russia).
    pub side: Option<String>,
    /// The party denies what it reports ("Ukraine denied reports that…").
    pub denies: bool,
}

impl Attribution {
    /// Whether the two are equal in all but their spans.
    fn equal_but_span(&self, other: &Attribution) -> bool {
        let Attribution { party, span: _, side, denies } = self;
        *party == other.party && *side == other.side && *denies == other.denies
    }
}

/// Serde for an enum in two forms: `$tagged`, the variant as a field of the object (internally
/// or adjacently tagged), for formats people read (JSON); `$compact`, serde's default externally
/// tagged form, for binary formats. The claims cache stores extractions with postcard, which
/// cannot read a tagged form: it does not describe itself, and a tag inside the object needs a
/// format that does. serde tells the two apart by `is_human_readable`. The two forms are remote
/// definitions that list the enum's variants again; the compiler checks that they match.
macro_rules! two_forms {
    ($ty:ident, $tagged:ident, $compact:ident) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    $tagged::serialize(self, serializer)
                } else {
                    $compact::serialize(self, serializer)
                }
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if deserializer.is_human_readable() {
                    $tagged::deserialize(deserializer)
                } else {
                    $compact::deserialize(deserializer)
                }
            }
        }
    };
}

two_forms!(ClaimKind, TaggedClaimKind, CompactClaimKind);
two_forms!(Dimension, TaggedDimension, CompactDimension);
two_forms!(Role, TaggedRole, CompactRole);

#[derive(Serialize, Deserialize)]
#[serde(remote = "ClaimKind", tag = "kind", rename_all = "kebab-case")]
enum TaggedClaimKind {
    Figure(Figure),
    Control(Box<Control>),
    Quote(Box<Quote>),
    Date(Date),
    Role(Role),
    Name(Box<NameSlot>),
    Stance(Stance),
    Statement,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "ClaimKind")]
enum CompactClaimKind {
    Figure(Figure),
    Control(Box<Control>),
    Quote(Box<Quote>),
    Date(Date),
    Role(Role),
    Name(Box<NameSlot>),
    Stance(Stance),
    Statement,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Dimension", tag = "type", content = "unit", rename_all = "kebab-case")]
enum TaggedDimension {
    Share,
    PercentagePoints,
    Area,
    Length,
    Duration,
    Money(String),
    Count(String),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Dimension")]
enum CompactDimension {
    Share,
    PercentagePoints,
    Area,
    Length,
    Duration,
    Money(String),
    Count(String),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Role", tag = "role", rename_all = "kebab-case")]
enum TaggedRole {
    Family(Box<Family>),
    Title(Box<Title>),
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Role")]
enum CompactRole {
    Family(Box<Family>),
    Title(Box<Title>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, first: Option<&str>, last: &str) -> Person {
        Person { name: name.into(), first: first.map(Into::into), last: last.into() }
    }

    #[test]
    fn one_person_across_spellings_and_partial_names() {
        let patricia = person("Patricia Russo", Some("Patricia"), "Russo");
        assert!(person("Pat Russo", Some("Pat"), "Russo").same_as(&patricia));
        assert!(person("Russo", None, "Russo").same_as(&patricia));
        let michael = person("Michael Foley", Some("Michael"), "Foley");
        assert!(person("Michael", None, "Michael").same_as(&michael));
        assert!(!person("Diane Foley", Some("Diane"), "Foley").same_as(&michael));
        assert!(!person("Foley", Some("James"), "Foley").same_as(&michael));
    }

    fn name(words: &[&str], head_word: Option<&str>) -> NameSlot {
        NameSlot {
            text: words.join(" "),
            words: words.iter().map(|w| Sym::of(w)).collect(),
            head: head_word.map(|_| Sym::of("organisation")),
            head_word: head_word.map(Sym::of),
            preposition: None,
            acronym: None,
            entity: None,
            distinctive: Box::default(),
        }
        .with_distinctive()
    }

    /// Whether two names share a distinctive word, read from their words as strings.
    fn share_a_distinctive_word(a: &NameSlot, b: &NameSlot) -> bool {
        fn distinctive(name: &NameSlot) -> impl Iterator<Item = &str> + Clone {
            let is_head = |w: &Sym| Some(w) == name.head_word.as_ref();
            let only_head = name.words.iter().all(is_head);
            name.words
                .iter()
                .filter(move |w| only_head || !is_head(w))
                .map(|w| w.strip_suffix('s').filter(|stem| stem.len() >= 2).unwrap_or(w.as_str()))
        }
        distinctive(a).any(|w| distinctive(b).any(|v| v == w))
    }

    #[test]
    fn distinctive_words_kept_with_a_name_are_those_read_from_its_words() {
        let names = [
            name(&["lnx", "hll", "hsptl"], Some("hsptl")),
            name(&["mnt", "sn", "hsptl"], Some("hsptl")),
            name(&["hsptl"], Some("hsptl")),
            name(&["pcs"], None),
            name(&["pc"], None),
            name(&["jrnls"], Some("jrnls")),
            name(&["jrnl"], Some("jrnl")),
            name(&["s"], None),
            name(&["ss"], None),
            name(&["hmn", "scty"], Some("scty")),
            name(&["scty"], Some("scty")),
            name(&["lnx"], None),
            name(&[], None),
        ];
        let mut shared = 0;
        for a in &names {
            for b in &names {
                let kept = a.distinctive.iter().any(|w| b.distinctive.contains(w));
                assert_eq!(kept, share_a_distinctive_word(a, b), "{:?} and {:?}", a.text, b.text);
                shared += usize::from(kept);
            }
        }
        assert!(shared > names.len(), "{shared}");
        // Read back from the claims cache's format, a name works its distinctive words out again.
        for a in &names {
            let bytes = postcard::to_allocvec(a).unwrap_or_default();
            assert_eq!(postcard::from_bytes::<NameSlot>(&bytes).ok().as_ref(), Some(a));
        }
    }
}
