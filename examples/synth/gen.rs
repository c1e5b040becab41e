//! A deterministic synthetic timeline: thousands of people with aliases, hundreds of
//! sources, dates over centuries with every precision and qualifier, citations, links,
//! and text drawn from a Zipf-distributed vocabulary so that queries match sparsely, as in
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

fn point(r: &mut ChaCha8Rng, y: i32) -> String {
    match r.random_range(0..100) {
        0..50 => format!(
            "{}-{:02}-{:02}",
            year(y),
            r.random_range(1..13),
            r.random_range(1..29)
        ),
        50..78 => format!("{}-{:02}", year(y), r.random_range(1..13)),
        _ => year(y),
    }
}

fn date(r: &mut ChaCha8Rng, y: i32) -> String {
    match r.random_range(0..100) {
        0..93 => format!("{}{}", point(r, y), qualifier(r)),
        93..97 => format!("{}/{}", year(y), year(y + r.random_range(1..30))),
        97 => format!("{}/..", point(r, y)),
        98 => format!("../{}", point(r, y)),
        _ => format!("{}/", year(y)),
    }
}

const KINDS: [&str; 5] = ["Related", "Causes", "PartOf", "Refers", "Contradicts"];

fn event(w: &World, r: &mut ChaCha8Rng, i: usize, n: usize) -> Ev {
    let c = w.centuries.draw(r);
    // The current century only up to now.
    let y = century_start(c) + r.random_range(0..if c == 0 { 26 } else { 100 });
    let crowd = &w.by_century[c];
    let people = (0..r.random_range(1..=4))
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
    Ev {
        id: w.event_id(i),
        date: date(r, y),
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
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    for i in 0..events {
        let e = event(&w, &mut r, i, events);
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
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    for i in 0..events {
        let e = event(&w, &mut r, i, events);
        let names = list(e.people.iter().map(|&p| w.people[p].name.clone()));
        writeln!(out, "{}\t{}\t{}\t{}", e.date, e.title, names, e.summary)?;
    }
    Ok(())
}
