//! The synthetic generator (examples/synth): deterministic, valid, varied, and the lines
//! format holds the same events.

#[path = "../examples/synth/gen.rs"]
pub(crate) mod generator;

use annals::domain::date::{Date, Member, Offset, Shape};
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
    for p in [
        Precision::Year,
        Precision::Month,
        Precision::Day,
        Precision::Minute,
        Precision::Second,
    ] {
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
            .any(|d| matches!(d.shape(), Shape::Interval { start, end } if f(start, end)))
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
    // Times of day: local, UTC, with an offset, with a fraction of a second.
    let time = |f: fn(annals::domain::date::Time) -> bool| {
        dates
            .iter()
            .any(|d| matches!(d, Edtf::Point(p) if p.time.is_some_and(f)))
    };
    assert!(time(|t| t.offset == Offset::Local), "local time");
    assert!(time(|t| t.offset == Offset::Utc), "Z");
    assert!(time(|t| matches!(t.offset, Offset::Minutes(_))), "±hh:mm");
    assert!(time(|t| matches!(t.offset, Offset::Hours(_))), "±hh");
    assert!(time(|t| !t.seconds), "hh:mm");
    assert!(time(|t| t.fraction_digits > 0), "fraction of a second");
    assert!(
        interval(|s, e| s.date().is_some_and(|d| d.time.is_some())
            && e.date().is_some_and(|d| d.time.is_some())),
        "interval of datetimes"
    );
    // Sets: one of and all of, with ranges and open ends.
    let sets: Vec<_> = dates
        .iter()
        .filter_map(|d| match d {
            Edtf::Set(s) => Some(s),
            _ => None,
        })
        .collect();
    assert!(
        sets.iter().any(|s| s.all) && sets.iter().any(|s| !s.all),
        "sets"
    );
    let member = |f: fn(&Member) -> bool| sets.iter().any(|s| s.members.iter().any(f));
    assert!(
        member(|m| matches!(m, Member::Range(Some(_), Some(_)))),
        "a..b"
    );
    assert!(member(|m| matches!(m, Member::Range(None, Some(_)))), "..b");
    assert!(member(|m| matches!(m, Member::Range(Some(_), None))), "a..");
    // Seasons, `X` digits, per-part qualifiers, significant digits.
    let point = |f: fn(&Date) -> bool| dates.iter().any(|d| matches!(d, Edtf::Point(p) if f(p)));
    assert!(point(|p| p.month.is_some_and(|m| m.value > 12)), "season");
    assert!(point(|p| p.year.unspecified != 0), "X in the year");
    assert!(
        point(|p| p.month.is_some_and(|m| m.unspecified != 0)),
        "X in the month"
    );
    assert!(
        point(|p| p.day.is_some_and(|m| m.unspecified != 0)),
        "X in the day"
    );
    assert!(
        point(|p| p.marks.before != [Qualifier::Certain; 3]),
        "qualifier before a part"
    );
    assert!(
        point(|p| p.year.significant.is_some()),
        "significant digits"
    );
    let links: usize = t.events().map(|e| e.links().len()).sum();
    assert!(links * 4 > t.len(), "{links} links");
    assert!(t.events().any(|e| e.sources_disagree()));
}

#[test]
fn every_generated_date_parses() {
    // Big enough for the rare `Y` years, whose events must not bring warnings either.
    let bytes = ron(50_000, 5);
    let loaded = load_bytes(&bytes, "synth.ron", Format::Ron).expect("valid");
    assert!(
        loaded.warnings.is_empty(),
        "{:?}",
        &loaded.warnings[..3.min(loaded.warnings.len())]
    );
    let mut lines = Vec::new();
    generator::write_lines(&mut lines, 50_000, 5).unwrap();
    let text = String::from_utf8(lines).unwrap();
    let mut big = 0;
    for l in text.lines() {
        let date = l.split('\t').next().unwrap();
        let d = Edtf::parse(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(d.to_edtf(), date, "round trip");
        big += usize::from(date.starts_with('Y'));
    }
    assert!(big > 0 && big < 25, "{big} `Y` years");
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
