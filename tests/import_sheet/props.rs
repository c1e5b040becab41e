//! Property tests for sheets: any text read as a sheet is a timeline or positioned errors,
//! never a panic; and any timeline exported as CSV reads back as the same events, people
//! and sources.

use annals::domain::LinkKind;
use annals::export;
use annals::load::raw::{
    Fields, RawCite, RawEvent, RawLink, RawMedia, RawPerson, RawSource, RawTimeline,
};
use annals::load::{Format, load_bytes};
use proptest::prelude::*;

const DATES: &[&str] = &[
    "1985",
    "1985-04-12",
    "2021-03-04T02:11:09+01:00",
    "1964/2008",
    "?2004-06-~11",
    "[1667,1668,1670..1672]",
    "-0043-03-15",
    "2004-01-01T10:10:10.5Z",
];

/// Text with what is awkward in a CSV cell: separators, quotes, newlines, `; `.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,10}",
        "[a;|, \"\\r\\n]{0,6}",
        Just("x; y".to_string()),
        Just(String::new()),
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop::sample::select(DATES).prop_map(str::to_string)
}

/// One generated event: id stem, date, title, summary, people, places, tags, citations,
/// links (target, kind, note), display date, fields, media (caption, credit).
type Gen = (
    String,
    String,
    String,
    Option<String>,
    std::collections::BTreeSet<usize>,
    Vec<String>,
    Vec<String>,
    Vec<RawCite>,
    Vec<(usize, usize, Option<String>)>,
    Option<String>,
    Vec<(String, String)>,
    Option<(String, Option<String>)>,
);

/// A timeline of a few events over a few people and sources, everything optional filled
/// in at random.
fn timeline() -> impl Strategy<Value = RawTimeline> {
    let people = prop::collection::vec(text(), 1..4);
    let sources = prop::collection::vec(text(), 1..3);
    (people, sources, 1usize..6)
        .prop_flat_map(|(names, titles, n)| {
            let (np, ns) = (names.len(), titles.len());
            let cite = (
                0..ns,
                prop::option::of(text()),
                prop::option::of(text()),
                prop::option::of(date()),
                prop::option::of(text()),
                prop::option::of(0u8..4),
            )
                .prop_map(|(s, locator, quote, date, note, quality)| RawCite {
                    source: format!("s{s}"),
                    locator,
                    quote,
                    date,
                    note,
                    quality,
                });
            let named = || text().prop_filter("named", |s| !s.is_empty());
            let event = (
                "[a-z;|\"]{0,4}",
                date(),
                text(),
                prop::option::of(text()),
                prop::collection::btree_set(0..np, 0..3),
                prop::collection::vec(named(), 0..3),
                prop::collection::vec(named(), 0..3),
                prop::collection::vec(cite, 0..3),
                prop::collection::vec((0..n, 0..5usize, prop::option::of(text())), 0..2),
                prop::option::of(text()),
                prop::collection::vec(("[a-z_]{1,5}", text()), 0..2),
                prop::option::of((text(), prop::option::of(text()))),
            );
            (
                Just(names),
                Just(titles),
                prop::collection::vec(event, n..=n),
            )
        })
        .prop_map(|(names, titles, events)| assemble(names, titles, events))
}

/// The timeline of generated parts.
fn assemble(names: Vec<String>, titles: Vec<String>, events: Vec<Gen>) -> RawTimeline {
    let ids: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("{}{i}", e.0))
        .collect();
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let (_, date, title, summary, people, places, tags, citations, links, dd, f, m) = e;
            RawEvent {
                id: ids[i].clone(),
                date,
                title,
                summary,
                people: people.into_iter().map(|p| format!("p{p}")).collect(),
                places,
                tags,
                citations,
                links: links
                    .into_iter()
                    .filter(|(to, _, _)| *to != i)
                    .map(|(to, k, note)| RawLink {
                        to: ids[to].clone(),
                        kind: LinkKind::ALL[k],
                        note,
                    })
                    .collect(),
                display_date: dd,
                media: m
                    .into_iter()
                    .map(|(caption, credit)| RawMedia {
                        url: "https://example.org/m.png".to_string(),
                        caption: Some(caption),
                        credit,
                    })
                    .collect(),
                fields: Fields(f),
            }
        })
        .collect();
    RawTimeline {
        title: "t".to_string(),
        description: None,
        people: names
            .into_iter()
            .enumerate()
            .map(|(i, name)| RawPerson {
                id: format!("p{i}"),
                name,
                aliases: Vec::new(),
                born: None,
                died: None,
                note: None,
            })
            .collect(),
        sources: titles
            .into_iter()
            .enumerate()
            .map(|(i, title)| RawSource {
                id: format!("s{i}"),
                title,
                outlet: None,
                author: None,
                published: None,
                document: None,
                url: None,
                note: None,
            })
            .collect(),
        places: Vec::new(),
        terms: Vec::new(),
        eras: Vec::new(),
        events,
    }
}

/// Each person and source the events name, by id, with its name or title.
type Named = (Vec<(String, String)>, Vec<(String, String)>);

fn named(t: &annals::domain::Timeline) -> Named {
    let mut people = Vec::new();
    let mut sources = Vec::new();
    for e in t.events() {
        for &p in e.people() {
            let p = t.person(p);
            people.push((p.id.clone(), p.name.clone()));
        }
        for c in e.citations() {
            let s = t.source(c.source);
            sources.push((s.id.clone(), s.title.clone()));
        }
    }
    (people, sources)
}

/// `src` with `junk` put in at about byte `at`, or one character taken out there.
fn garble(src: &str, at: usize, junk: &str) -> String {
    let at = (0..=at.min(src.len()))
        .rev()
        .find(|&i| src.is_char_boundary(i))
        .unwrap_or(0);
    if junk.is_empty() {
        let next = src[at..].chars().next().map_or(0, char::len_utf8);
        format!("{}{}", &src[..at], &src[at + next..])
    } else {
        format!("{}{junk}{}", &src[..at], &src[at..])
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_csv_export_reads_back_the_same(raw in timeline()) {
        let json = serde_json::to_string(&raw).unwrap();
        let original = load_bytes(json.as_bytes(), "t.json", Format::Json).unwrap().timeline;
        let csv = export::csv(&original);
        let back = match load_bytes(csv.as_bytes(), "t.csv", Format::Sheet) {
            Ok(l) => l.timeline,
            Err(d) => panic!("{d:?}\n{csv}"),
        };
        prop_assert_eq!(export::to_raw(&original).events, export::to_raw(&back).events);
        prop_assert_eq!(named(&original), named(&back));
    }

    #[test]
    fn any_text_read_as_a_sheet_never_panics(
        text in "\\PC{0,300}|[a-z,;\\t\"\\r\\n0-9:/-]{0,300}"
    ) {
        let head = format!("date,title,who,source,url,x\n{text}");
        for src in [text.as_str(), head.as_str()] {
            if let Err(d) = load_bytes(src.as_bytes(), "r.csv", Format::Sheet) {
                prop_assert!(!d.is_empty());
                prop_assert!(d.iter().all(|d| d.line >= 1 && d.col >= 1));
            }
        }
    }

    #[test]
    fn a_garbled_sheet_never_panics(at in 0usize..2000, junk in "\\PC{0,8}|[\",\\r\\n;]{1,4}") {
        let fixture = std::fs::read_to_string(super::CSV).unwrap();
        let own = export::csv(&annals::load::load_bundled().timeline);
        for src in [fixture, own] {
            let garbled = garble(&src, at, &junk);
            let _ = load_bytes(garbled.as_bytes(), "g.csv", Format::Sheet);
        }
    }
}
