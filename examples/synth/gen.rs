//! A deterministic synthetic timeline: thousands of people with aliases, hundreds of
//! sources, dates over centuries with every precision and qualifier (times of day with
//! offsets, seasons, sets, `X` digits, per-part qualifiers, a few `Y` years), citations,
//! links, and text drawn from a Zipf-distributed vocabulary so that queries match sparsely, as in
//! real data. Streams RON, or one line per event for comparisons with line-based tools.
//! Shared by the `synth` example, the tests and the benches (`#[path]`).

#![allow(dead_code)]

use annals::domain::num::i32_of;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::{self, Write};

const SYLLABLES: [&str; 48] = [
    "ka", "ri", "mo", "sa", "ne", "lu", "ta", "vi", "ro", "de", "ba", "shi", "gor", "an", "el",
    "im", "zar", "ha", "qu", "dan", "fe", "li", "nor", "pa", "sto", "ven", "ya", "kel", "mir",
    "tor", "us", "ab", "ghe", "rin", "sol", "tem", "kha", "jo", "ul", "bre", "cas", "dor", "ith",
    "mar", "nes", "ost", "pra", "wen",
];
const FUNCTION_WORDS: [&str; 40] = [
    "the", "of", "and", "to", "in", "a", "for", "on", "with", "by", "after", "before", "during",
    "against", "over", "under", "near", "into", "from", "as", "at", "about", "between", "without",
    "amid", "despite", "toward", "across", "its", "their", "his", "her", "new", "old", "first",
    "last", "second", "major", "minor", "joint",
];
const OUTLETS: [&str; 24] = [
    "Morning Ledger",
    "Evening Courier",
    "The Northern Review",
    "Harbour Gazette",
    "Capital Dispatch",
    "Weekly Observer",
    "Frontier Times",
    "The River Post",
    "Plains Herald",
    "Coastal Chronicle",
    "Mountain Record",
    "City Bulletin",
    "The Archive Quarterly",
    "Field Notes",
    "Border Tribune",
    "Delta Monitor",
    "The Long View",
    "Valley Standard",
    "Atlas Wire",
    "Continental Digest",
    "Signal Press",
    "Meridian Journal",
    "The Lantern",
    "Open Register",
];

/// The fixed word list: pronounceable pseudo-words (the same for every seed).
fn vocabulary(n: usize) -> Vec<String> {
    let mut r = ChaCha8Rng::seed_from_u64(0x5eed_0fa1_1a15);
    let mut seen = std::collections::HashSet::new();
    let mut words: Vec<String> = FUNCTION_WORDS.iter().map(|w| w.to_string()).collect();
    seen.extend(words.iter().cloned());
    while words.len() < n {
        let parts = r.random_range(2..=4);
        let w: String = (0..parts)
            .map(|_| SYLLABLES[r.random_range(0..SYLLABLES.len())])
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Draws indices 0..n with probability ∝ 1/(k+1)^s.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                acc += 1.0 / ((k + 1) as f64).powf(s);
                acc
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, r: &mut ChaCha8Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = r.random_range(0.0..total);
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len() - 1)
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A variant spelling, as transliterations differ.
fn variant(name: &str, k: usize) -> String {
    let swaps = [
        ("k", "q"),
        ("ou", "u"),
        ("i", "ee"),
        ("a", "e"),
        ("sh", "ch"),
        ("o", "u"),
    ];
    let (a, b) = swaps[k % swaps.len()];
    if name.contains(a) {
        name.replacen(a, b, 1)
    } else {
        format!("{name}h")
    }
}

/// splitmix64: a stable per-index hash (event slugs must be known before the event).
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

struct Person {
    id: String,
    name: String,
    aliases: Vec<String>,
    born: Option<i32>,
    century: usize,
}

/// Everything shared by the events: names, sources, places, words.
struct World {
    words: Vec<String>,
    zipf: Zipf,
    people: Vec<Person>,
    by_century: Vec<Vec<usize>>,
    sources: Vec<(String, String, String, String)>,
    places: Vec<(String, Vec<String>)>,
    terms: Vec<(String, Vec<String>)>,
    tags: Vec<String>,
    centuries: Zipf,
    seed: u64,
}

/// Centuries events fall in: from the 5th BCE to the 21st, weighted to the recent ones.
const CENTURIES: std::ops::Range<i32> = -5..21;

fn century_weights() -> Zipf {
    // Most recent first in the Zipf order, so recent centuries are the likeliest.
    Zipf::new(CENTURIES.len(), 1.3)
}

fn century_start(k: usize) -> i32 {
    (CENTURIES.end - 1 - i32_of(k)) * 100
}

impl World {
    fn new(events: usize, seed: u64) -> World {
        let mut r = ChaCha8Rng::seed_from_u64(seed ^ 0xdead_beef);
        let words = vocabulary(6000);
        let zipf = Zipf::new(words.len(), 1.07);
        let centuries = century_weights();
        let n_people = (events / 300).clamp(200, 3000);
        let mut people = Vec::with_capacity(n_people);
        let mut by_century = vec![Vec::new(); CENTURIES.len()];
        for i in 0..n_people {
            let first = capitalize(&words[40 + r.random_range(0..2000)]);
            let last = capitalize(&words[40 + r.random_range(0..4000)]);
            let name = format!("{first} {last}");
            let aliases = (0..r.random_range(0..=3))
                .map(|k| format!("{first} {}", variant(&last, k + i)))
                .collect();
            let century = centuries.draw(&mut r);
            let born = r
                .random_bool(0.4)
                .then(|| century_start(century) - r.random_range(20..60));
            by_century[century].push(i);
            people.push(Person {
                id: format!("p{i:04}-{}", last.to_lowercase()),
                name,
                aliases,
                born,
                century,
            });
        }
        // Every century has someone.
        for (k, list) in by_century.iter_mut().enumerate() {
            if list.is_empty() {
                list.push(k % n_people);
                people[k % n_people].born = None;
            }
        }
        let n_sources = (events / 2000).clamp(50, 600);
        let sources = (0..n_sources)
            .map(|i| {
                let title: Vec<String> = (0..r.random_range(4..9))
                    .map(|_| words[zipf.draw(&mut r)].clone())
                    .collect();
                let outlet = OUTLETS[r.random_range(0..OUTLETS.len())].to_string();
                let year = 1990 + r.random_range(0..36);
                let published = format!(
                    "{year}-{:02}-{:02}",
                    r.random_range(1..13),
                    r.random_range(1..29)
                );
                (
                    format!("s{i:03}"),
                    capitalize(&title.join(" ")),
                    outlet,
                    published,
                )
            })
            .collect();
        let places = (0..300)
            .map(|i| {
                let name = capitalize(&words[100 + (i * 7) % 5000]);
                let aliases = (0..r.random_range(0..=2))
                    .map(|k| variant(&name, k + i))
                    .collect();
                (name, aliases)
            })
            .collect::<Vec<(String, Vec<String>)>>();
        // Names must be unique across places and their aliases.
        let mut seen = std::collections::HashSet::new();
        let places = places
            .into_iter()
            .filter_map(|(n, a)| {
                if !seen.insert(n.clone()) {
                    return None;
                }
                let a: Vec<String> = a.into_iter().filter(|x| seen.insert(x.clone())).collect();
                Some((n, a))
            })
            .collect();
        let terms = (0..100)
            .map(|i| {
                let name = format!(
                    "{} {}",
                    capitalize(&words[300 + i * 13 % 5000]),
                    capitalize(&words[700 + i * 17 % 5000])
                );
                let aliases = (0..r.random_range(1..=3))
                    .map(|k| variant(&name, k + i))
                    .collect();
                (name, aliases)
            })
            .collect();
        let tags = (0..300)
            .map(|i| format!("{}-{}", words[40 + i], words[400 + (i * 3) % 3000]))
            .collect();
        World {
            words,
            zipf,
            people,
            by_century,
            sources,
            places,
            terms,
            tags,
            centuries,
            seed,
        }
    }

    fn word(&self, r: &mut ChaCha8Rng) -> &str {
        &self.words[self.zipf.draw(r)]
    }

    fn phrase(&self, r: &mut ChaCha8Rng, lo: usize, hi: usize) -> String {
        let n = r.random_range(lo..=hi);
        let mut s = String::new();
        for k in 0..n {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(self.word(r));
        }
        s
    }

    /// The id of event `i`, computable before the event is made (links point ahead too).
    fn event_id(&self, i: usize) -> String {
        let w = &self.words[40 + (mix(i as u64 ^ self.seed) % 5000) as usize];
        format!("e{i:07}-{w}")
    }
}

/// Source, paragraph, quote, the date it states, note.
type Citation = (usize, u32, Option<String>, Option<String>, Option<String>);

/// One event, as both formats need it.
struct Ev {
    id: String,
    date: String,
    title: String,
    summary: String,
    people: Vec<usize>,
    places: Vec<usize>,
    tags: Vec<usize>,
    cites: Vec<Citation>,
    links: Vec<(usize, &'static str, Option<String>)>,
}

fn qualifier(r: &mut ChaCha8Rng) -> &'static str {
    match r.random_range(0..100) {
        0..85 => "",
        85..92 => "?",
        92..97 => "~",
        _ => "%",
    }
}

fn year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// A point as the base draws make it: a year, and maybe a month and a day. The richer forms
/// (times, `X` digits, seasons, per-part qualifiers…) are drawn from a second generator, so
/// that every other field of an event is the same as with plain dates.
#[derive(Clone, Copy)]
struct Pt {
    y: i32,
    m: Option<u32>,
    d: Option<u32>,
}

fn point(r: &mut ChaCha8Rng, y: i32) -> Pt {
    match r.random_range(0..100) {
        0..50 => {
            let m = r.random_range(1..13);
            Pt {
                y,
                m: Some(m),
                d: Some(r.random_range(1..29)),
            }
        }
        50..78 => Pt {
            y,
            m: Some(r.random_range(1..13)),
            d: None,
        },
        _ => Pt {
            y,
            m: None,
            d: None,
        },
    }
}

/// Offsets as sources write them: whole hours, half and quarter hours, both signs.
const OFFSETS: [&str; 10] = [
    "+01:00", "+02:00", "-05:00", "+03:30", "-05", "+09", "+05:45", "-08:00", "+05:30", "-03",
];

/// A time of day: `Thh:mm` (3 in 10) or `Thh:mm:ss` (a few with a fraction of a second);
/// half local, a quarter `Z`, a quarter with an offset.
fn time(x: &mut ChaCha8Rng, h: std::ops::Range<u32>) -> String {
    let mut s = format!("T{:02}:{:02}", x.random_range(h), x.random_range(0..60));
    if !x.random_bool(0.3) {
        s.push_str(&format!(":{:02}", x.random_range(0..60)));
        if x.random_bool(0.06) {
            let digits = x.random_range(1..=6usize);
            let f = x.random_range(0..10u64.pow(u32::try_from(digits).unwrap_or(1)));
            s.push_str(&format!(".{f:0digits$}"));
        }
    }
    s.push_str(offset(x));
    s
}

fn offset(x: &mut ChaCha8Rng) -> &'static str {
    match x.random_range(0..4) {
        0 | 1 => "",
        2 => "Z",
        _ => OFFSETS[x.random_range(0..OFFSETS.len())],
    }
}

/// A qualifier mark drawn from the second generator (for per-part qualifiers).
fn mark(x: &mut ChaCha8Rng) -> &'static str {
    ["?", "~", "%"][x.random_range(0..3)]
}

/// Years of the deep past and far future (`Y` years, exponents): rare, as they stretch the
/// density strip.
const BIG_YEARS: [&str; 6] = [
    "Y-17E7",
    "Y170000002",
    "Y-2300000",
    "Y-45E8",
    "Y12000",
    "Y-11700",
];

/// A point as written, `q` its (whole-date) qualifier from the base draws. `alone`: a date
/// on its own (not an interval's end), which may also be a `Y` year.
fn render(x: &mut ChaCha8Rng, p: Pt, q: &str, alone: bool) -> String {
    let y = year(p.y);
    let k = x.random_range(0..1000);
    match (p.m, p.d) {
        (Some(m), Some(d)) => match k {
            // A quarter of the days have a time of day (no qualifier: EDTF has none for it).
            0..250 => format!("{y}-{m:02}-{d:02}{}", time(x, 0..24)),
            250..280 => match x.random_range(0..3) {
                0 => format!("{y}-{m:02}-XX{q}"),
                1 => format!("{y}-XX-XX{q}"),
                _ => format!("{y}-{m:02}-{}X{q}", d / 10),
            },
            280..310 => match x.random_range(0..4) {
                0 => format!("{y}{}-{m:02}-{}{d:02}", mark(x), mark(x)),
                1 => format!("{}{y}-{m:02}-{d:02}", mark(x)),
                2 => format!("{y}-{m:02}{}-{d:02}", mark(x)),
                _ => format!("{y}-{}{m:02}-{d:02}{}", mark(x), mark(x)),
            },
            _ => format!("{y}-{m:02}-{d:02}{q}"),
        },
        (Some(m), _) => match k {
            // Seasons: mostly the four of 21–24, some of the others (25–41).
            0..60 => {
                let s = if x.random_bool(0.8) {
                    x.random_range(21..25)
                } else {
                    x.random_range(25..42)
                };
                format!("{y}-{s}{q}")
            }
            60..90 => match x.random_range(0..3) {
                0 => format!("{y}-XX{q}"),
                1 => format!("{y}-1X{q}"),
                _ => format!("{y}-0X{q}"),
            },
            90..110 => match x.random_range(0..3) {
                0 => format!("{y}{}-{m:02}", mark(x)),
                1 => format!("{y}-{}{m:02}", mark(x)),
                _ => format!("{}{y}-{m:02}{}", mark(x), mark(x)),
            },
            _ => format!("{y}-{m:02}{q}"),
        },
        _ => match k {
            // `X` digits on positive years only (`-000X` would be no year at all).
            0..40 if p.y >= 1000 && x.random_bool(0.3) => {
                format!("{}XX{q}", &y[..2])
            }
            0..40 if p.y >= 100 => format!("{}X{q}", &y[..3]),
            40..45 if p.y >= 100 => format!("{y}S{}{q}", x.random_range(2..4)),
            45 if alone && x.random_bool(0.2) => {
                BIG_YEARS[x.random_range(0..BIG_YEARS.len())].into()
            }
            _ => format!("{y}{q}"),
        },
    }
}

/// A set: one of (`[…]`) or all of (`{…}`) some dates, with ranges and open ends.
fn set(x: &mut ChaCha8Rng, p: Pt) -> String {
    let y = p.y;
    let (m, d) = (p.m.unwrap_or(6), p.d.unwrap_or(15));
    match x.random_range(0..6) {
        0 => format!(
            "[{},{},{}..{}]",
            year(y),
            year(y + 1),
            year(y + 3),
            year(y + 5)
        ),
        1 => format!("{{{},{}-12}}", year(y), year(y + 1)),
        2 => format!("[..{}-{m:02}-{d:02}]", year(y)),
        3 => format!("[{}-{m:02}..]", year(y)),
        4 => format!("{{{}..{}}}", year(y), year(y + 2)),
        _ => format!(
            "[{y}-{m:02}-{d:02},{y}-{m:02}-{:02}]",
            (d + 7).min(28),
            y = year(y)
        ),
    }
}

/// An event's date: the base draws from `r` (the same as with plain dates), the richer
/// forms from `x`.
fn date(r: &mut ChaCha8Rng, x: &mut ChaCha8Rng, y: i32) -> String {
    match r.random_range(0..100) {
        0..93 => {
            let p = point(r, y);
            let q = qualifier(r);
            if x.random_range(0..1000) < 15 {
                set(x, p)
            } else {
                render(x, p, q, true)
            }
        }
        93..97 => {
            let y2 = y + r.random_range(1..30);
            match x.random_range(0..100) {
                // An interval of datetimes (annals' extension), within one day.
                0..10 => {
                    let (m, d) = (x.random_range(1..13), x.random_range(1..29));
                    let off = offset(x);
                    let t = |x: &mut ChaCha8Rng, h| {
                        format!(
                            "T{:02}:{:02}{off}",
                            x.random_range(h),
                            x.random_range(0..60)
                        )
                    };
                    let (a, b) = (t(x, 0..12), t(x, 12..24));
                    format!("{0}-{m:02}-{d:02}{a}/{0}-{m:02}-{d:02}{b}", year(y))
                }
                10..20 => format!(
                    "{}{}/{}-{:02}{}",
                    year(y),
                    mark(x),
                    year(y2),
                    x.random_range(1..13),
                    mark(x)
                ),
                _ => format!("{}/{}", year(y), year(y2)),
            }
        }
        97 => {
            let p = point(r, y);
            format!("{}/..", render(x, p, "", false))
        }
        98 => {
            let p = point(r, y);
            format!("../{}", render(x, p, "", false))
        }
        _ => format!("{}/", year(y)),
    }
}

const KINDS: [&str; 5] = ["Related", "Causes", "PartOf", "Refers", "Contradicts"];

fn event(w: &World, r: &mut ChaCha8Rng, x: &mut ChaCha8Rng, i: usize, n: usize) -> Ev {
    let c = w.centuries.draw(r);
    // The current century only up to now.
    let y = century_start(c) + r.random_range(0..if c == 0 { 26 } else { 100 });
    let crowd = &w.by_century[c];
    let mut people: Vec<usize> = (0..r.random_range(1..=4))
        .map(|_| crowd[r.random_range(0..crowd.len())])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let title = capitalize(&w.phrase(r, 4, 9));
    let summary = (0..r.random_range(1..=3))
        .map(|_| format!("{}.", capitalize(&w.phrase(r, 8, 18))))
        .collect::<Vec<_>>()
        .join(" ");
    let places = (0..r.random_range(0..=2))
        .map(|_| r.random_range(0..w.places.len()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let tags = (0..r.random_range(1..=3))
        .map(|_| {
            r.random_range(0..w.tags.len())
                .min(r.random_range(0..w.tags.len()))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let cites = (0..r.random_range(1..=3))
        .map(|_| {
            let s = r
                .random_range(0..w.sources.len())
                .min(r.random_range(0..w.sources.len()));
            let quote = r.random_bool(0.1).then(|| w.phrase(r, 3, 8));
            let other = r.random_bool(0.04).then(|| year(y + r.random_range(1..4)));
            let note = r.random_bool(0.05).then(|| w.phrase(r, 4, 10));
            (s, r.random_range(1..60), quote, other, note)
        })
        .collect();
    let links = if n > 1 && r.random_bool(0.34) {
        let mut to = r.random_range(0..n);
        if to == i {
            to = (i + 1) % n;
        }
        let note = r.random_bool(0.2).then(|| w.phrase(r, 3, 7));
        vec![(to, KINDS[r.random_range(0..KINDS.len())], note)]
    } else {
        Vec::new()
    };
    let date = date(r, x, y);
    if date.starts_with("Y-") {
        // Deep time: only people without a birth date, so that the file stays free of
        // warnings (a warning makes the loader walk the whole text for its position).
        people.retain(|&p| w.people[p].born.is_none());
        if people.is_empty()
            && let Some(p) = w.people.iter().position(|p| p.born.is_none())
        {
            people.push(p);
        }
    }
    Ev {
        id: w.event_id(i),
        date,
        title,
        summary,
        people,
        places,
        tags,
        cites,
        links,
    }
}

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

/// The base generator, and the one for the richer date forms.
fn rngs(seed: u64) -> (ChaCha8Rng, ChaCha8Rng) {
    (
        ChaCha8Rng::seed_from_u64(seed),
        ChaCha8Rng::seed_from_u64(mix(seed ^ 0xda7e_f0e5)),
    )
}

/// Write `events` events (seed `seed`) as an annals RON file.
pub fn write_ron(out: &mut impl Write, events: usize, seed: u64) -> io::Result<()> {
    let w = World::new(events, seed);
    writeln!(out, "// Synthetic timeline: {events} events, seed {seed}.")?;
    writeln!(out, "Timeline(")?;
    writeln!(
        out,
        "    title: \"Synthetic timeline ({events} events, seed {seed})\","
    )?;
    writeln!(out, "    people: [")?;
    for p in &w.people {
        write!(out, "        Person(id: {}, name: {}", q(&p.id), q(&p.name))?;
        if !p.aliases.is_empty() {
            write!(out, ", aliases: [{}]", list(p.aliases.iter().map(|a| q(a))))?;
        }
        if let Some(b) = p.born {
            write!(out, ", born: {}", q(&year(b)))?;
        }
        writeln!(
            out,
            ", note: {}),",
            q(&format!("active in century {}", p.century))
        )?;
    }
    writeln!(out, "    ],\n    sources: [")?;
    for (id, title, outlet, published) in &w.sources {
        writeln!(
            out,
            "        Source(id: {}, title: {}, outlet: {}, published: {}),",
            q(id),
            q(title),
            q(outlet),
            q(published)
        )?;
    }
    writeln!(out, "    ],\n    places: [")?;
    for (name, aliases) in &w.places {
        writeln!(
            out,
            "        Place(name: {}, aliases: [{}]),",
            q(name),
            list(aliases.iter().map(|a| q(a)))
        )?;
    }
    writeln!(out, "    ],\n    terms: [")?;
    for (name, aliases) in &w.terms {
        writeln!(
            out,
            "        Term(name: {}, aliases: [{}]),",
            q(name),
            list(aliases.iter().map(|a| q(a)))
        )?;
    }
    writeln!(out, "    ],\n    events: [")?;
    let (mut r, mut x) = rngs(seed);
    for i in 0..events {
        let e = event(&w, &mut r, &mut x, i, events);
        write!(
            out,
            "        Event(id: {}, date: {}, title: {}, summary: {}, people: [{}]",
            q(&e.id),
            q(&e.date),
            q(&e.title),
            q(&e.summary),
            list(e.people.iter().map(|&p| q(&w.people[p].id)))
        )?;
        if !e.places.is_empty() {
            write!(
                out,
                ", places: [{}]",
                list(e.places.iter().map(|&p| q(&w.places[p].0)))
            )?;
        }
        write!(
            out,
            ", tags: [{}], citations: [",
            list(e.tags.iter().map(|&t| q(&w.tags[t])))
        )?;
        for (k, (s, loc, quote, other, note)) in e.cites.iter().enumerate() {
            if k > 0 {
                write!(out, ", ")?;
            }
            write!(
                out,
                "Cite(source: {}, locator: \"¶{loc}\"",
                q(&w.sources[*s].0)
            )?;
            if let Some(x) = quote {
                write!(out, ", quote: {}", q(x))?;
            }
            if let Some(x) = other {
                write!(out, ", date: {}", q(x))?;
            }
            if let Some(x) = note {
                write!(out, ", note: {}", q(x))?;
            }
            write!(out, ")")?;
        }
        write!(out, "]")?;
        if !e.links.is_empty() {
            let links = e.links.iter().map(|(to, kind, note)| match note {
                Some(n) => format!(
                    "Link(to: {}, kind: {kind}, note: {})",
                    q(&w.event_id(*to)),
                    q(n)
                ),
                None => format!("Link(to: {}, kind: {kind})", q(&w.event_id(*to))),
            });
            write!(out, ", links: [{}]", list(links))?;
        }
        writeln!(out, "),")?;
    }
    writeln!(out, "    ],\n)")
}

/// Write the same events as lines: date, title, people's names, summary (tab-separated).
pub fn write_lines(out: &mut impl Write, events: usize, seed: u64) -> io::Result<()> {
    let w = World::new(events, seed);
    let (mut r, mut x) = rngs(seed);
    for i in 0..events {
        let e = event(&w, &mut r, &mut x, i, events);
        let names = list(e.people.iter().map(|&p| w.people[p].name.clone()));
        writeln!(out, "{}\t{}\t{}\t{}", e.date, e.title, names, e.summary)?;
    }
    Ok(())
}
