//! The synthetic generator (examples/synth): deterministic, valid, varied, and the lines
//! format holds the same events.

#[path = "../examples/synth/gen.rs"]
mod generator;

use annals::domain::{Bound, Edtf, Precision, Qualifier};
use annals::load::{Format, load_bytes};

fn ron(n: usize, seed: u64) -> Vec<u8> {
    let mut v = Vec::new();
    generator::write_ron(&mut v, n, seed).unwrap();
    v
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    assert_eq!(ron(300, 7), ron(300, 7));
    assert_ne!(ron(300, 7), ron(300, 8));
}

#[test]
fn it_is_a_valid_timeline_with_every_kind_of_date() {
    let bytes = ron(2000, 1);
    let loaded = load_bytes(&bytes, "synth.ron", Format::Ron).expect("valid");
    assert!(
        loaded.warnings.is_empty(),
        "{:?}",
        &loaded.warnings[..3.min(loaded.warnings.len())]
    );
    let t = &loaded.timeline;
    assert_eq!(t.len(), 2000);
    assert!(t.people.len() >= 200 && t.sources.len() >= 50);
    assert!(t.people.iter().any(|p| !p.aliases.is_empty()));
    let dates: Vec<Edtf> = t.events().map(|e| e.date.clone()).collect();
    for p in [Precision::Year, Precision::Month, Precision::Day] {
        assert!(dates.iter().any(|d| d.precision() == p), "{p:?}");
    }
    let qualifier = |d: &Edtf| match d {
        Edtf::Point(p) => Some(p.qualifier_of(0)),
        _ => None,
    };
    for q in [
        Qualifier::Certain,
        Qualifier::Uncertain,
        Qualifier::Approximate,
        Qualifier::Both,
    ] {
        assert!(dates.iter().any(|d| qualifier(d) == Some(q)), "{q:?}");
    }
    let interval = |f: fn(&Bound, &Bound) -> bool| {
        dates
            .iter()
            .any(|d| matches!(d, Edtf::Interval { start, end } if f(start, end)))
    };
    assert!(interval(|_, e| *e == Bound::Open), "open end");
    assert!(interval(|s, _| *s == Bound::Open), "open start");
    assert!(interval(|_, e| *e == Bound::Unknown), "unknown end");
    assert!(
        dates
            .iter()
            .any(|d| d.earliest().is_some_and(|x| { x.year() < 0 })),
        "negative years"
    );
    let links: usize = t.events().map(|e| e.links().len()).sum();
    assert!(links * 4 > t.len(), "{links} links");
    assert!(t.events().any(|e| e.sources_disagree()));
}

#[test]
fn the_lines_hold_the_same_events() {
    let mut lines = Vec::new();
    generator::write_lines(&mut lines, 500, 3).unwrap();
    let text = String::from_utf8(lines).unwrap();
    assert_eq!(text.lines().count(), 500);
    assert!(text.lines().all(|l| l.split('\t').count() == 4));
    let t = load_bytes(&ron(500, 3), "s.ron", Format::Ron)
        .unwrap()
        .timeline;
    // Titles of the RON events are the lines' second field (in file order).
    let mut titles: Vec<&str> = t.events().map(|e| e.title()).collect();
    let mut from_lines: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').nth(1).unwrap())
        .collect();
    titles.sort_unstable();
    from_lines.sort_unstable();
    assert_eq!(titles, from_lines);
}
