//! Generated news articles for the benchmarks: events of ten reports, each event with its own
//! invented people, places, figures and dates, so that an index holds many distinct claims as a
//! real corpus does. Deterministic, so that runs compare.

/// A small deterministic generator (xorshift), so that runs and failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % 1_000_003) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const SYLLABLES: &[&str] =
    &["kal", "dre", "mor", "vin", "sel", "tar", "oru", "bek", "lam", "zen", "pol", "rik", "ves", "nad", "gor", "lin"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn name(rng: &mut Rng) -> String {
    let mut name: String = (0..2 + rng.next() % 2).map(|_| rng.pick(SYLLABLES)).collect();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    name
}

/// The sentences one event's reports draw from.
fn event_sentences(rng: &mut Rng) -> Vec<String> {
    let (leader, rival, spokes, town, region) = (name(rng), name(rng), name(rng), name(rng), name(rng));
    let (killed, fled, share, budget, days) = (
        10 + rng.next() % 500,
        1_000 + rng.next() % 90_000,
        5 + rng.next() % 40,
        1 + rng.next() % 90,
        2 + rng.next() % 20,
    );
    let (day, month) = (rng.pick(WEEKDAYS), rng.pick(MONTHS));
    vec![
        format!(
            "Forces loyal to President {leader} captured the town of {town} on {day} after {days} days of fighting."
        ),
        format!("At least {killed} people were killed in the fighting around {town}, officials said."),
        format!("About {fled} residents fled {region} province in {month}, according to aid groups."),
        format!("{rival} denied that {town} had fallen, saying his fighters still held the northern part of the town."),
        format!("\"We will not give up a single street of {town},\" {rival} told reporters."),
        format!("The government controls roughly {share} per cent of {region}, according to independent monitors."),
        format!("Spokesman {spokes} said the talks with {rival} would resume on {day}."),
        format!("The donors pledged ${budget} million in emergency aid for {region}."),
        format!("{leader} has ruled the country since {}, when he won a disputed election.", 1990 + rng.next() % 30),
        format!("Analysts said the fall of {town} would open the road to the provincial capital."),
        format!("Aid workers described crowded camps and shortages of water and medicine in {region}."),
        format!("{spokes} said the army had lost {} soldiers since the offensive began.", 5 + rng.next() % 200),
    ]
}

/// `count` articles: events of ten reports, each report a selection of its event's sentences.
pub fn generated_articles(count: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_1234_abcd);
    let mut articles = Vec::with_capacity(count);
    let mut sentences = Vec::new();
    for n in 0..count {
        if n.is_multiple_of(10) {
            sentences = event_sentences(&mut rng);
        }
        let article: Vec<&str> =
            sentences.iter().filter(|_| !rng.next().is_multiple_of(3)).map(String::as_str).collect();
        articles.push(article.join("\n") + "\n");
    }
    articles
}
