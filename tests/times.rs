//! Times of day and every EDTF level, from the RON file to the order, the query, the `t`
//! jump, ages, every export and the cache (`tests/fixtures/times.ron`).

use annals::app::{Action, App, update};
use annals::domain::{Edtf, life_at};
use annals::load::{Progress, load_path};
use annals::open::cache;
use annals::query::{Matcher, parse};
use std::collections::BTreeSet;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/times.ron";

fn ids(t: &annals::domain::Timeline, hits: &[u32]) -> Vec<String> {
    hits.iter().map(|&i| t.event(i).id().to_string()).collect()
}

/// Every date string written in the fixture (`date:`, `born:`, `died:`, `published:`).
fn written_dates() -> BTreeSet<String> {
    let src = std::fs::read_to_string(FIXTURE).unwrap();
    let mut out = BTreeSet::new();
    for key in ["date: \"", "born: \"", "died: \"", "published: \""] {
        for (i, _) in src.match_indices(key) {
            let rest = &src[i + key.len()..];
            out.insert(rest[..rest.find('"').unwrap()].to_string());
        }
    }
    out
}

/// Every date string in a JSON export.
fn exported_dates(json: &str) -> BTreeSet<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out = BTreeSet::new();
    let mut take = |x: &serde_json::Value, key: &str| {
        if let Some(s) = x.get(key).and_then(|d| d.as_str()) {
            out.insert(s.to_string());
        }
    };
    for e in v["events"].as_array().unwrap() {
        take(e, "date");
    }
    for p in v["people"].as_array().unwrap() {
        take(p, "born");
        take(p, "died");
    }
    for s in v["sources"].as_array().unwrap() {
        take(s, "published");
    }
    out
}

#[test]
fn dates_survive_json_and_the_cache_byte_for_byte() {
    let want = written_dates();
    assert!(want.contains("1999-07-09T14:05:10.25-04:00"), "{want:?}");
    assert!(want.contains("?2004-06-~11"));
    let plain = load_path(Path::new(FIXTURE)).unwrap();
    let json = annals::export::json(&plain.timeline);
    assert_eq!(exported_dates(&json), want);
    // Cached (any size), then read back from the entry: the same, to the byte.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("times.ron");
    std::fs::copy(FIXTURE, &file).unwrap();
    let cache_dir = dir.path().join("cache");
    let first = cache::open_in(&file, Some(&cache_dir), 0, &Progress::default()).unwrap();
    let again = cache::open_in(&file, Some(&cache_dir), 0, &Progress::default()).unwrap();
    assert!(again.from_cache, "the second open reads the entry");
    assert_eq!(annals::export::json(&first.timeline), json);
    assert_eq!(annals::export::json(&again.timeline), json);
}

#[test]
fn events_are_ordered_by_their_instants() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let order: Vec<&str> = t.events().map(|e| e.id()).collect();
    assert_eq!(
        order,
        [
            "before",  // unbounded start first
            "deep",    // 170 million years BCE
            "baptism", // 1560-12-25 … 1569-12-25
            "spring",  // 1601-03-01
            "oneof",   // 1667 …
            "sig",     // 1900 … 1999
            "day",     // 1999-07-09, all day
            "flight",  // 09:30 local, counted as UTC
            "meeting", // 16:00+02 = 14:00Z
            "call",    // 14:05:10-04 = 18:05:10Z
            "post",    // 23:20Z
            "parts",   // 2004
        ]
    );
}

#[test]
fn time_ranges_select_by_instant() {
    let l = load_path(Path::new(FIXTURE)).unwrap();
    let (t, index) = (&l.timeline, annals::query::SearchIndex::new(&l.timeline));
    let hits = |q: &str| {
        let m = Matcher::new(parse(q).unwrap(), &index);
        let mut v = ids(t, &m.filter(&index));
        v.sort();
        v
    };
    assert_eq!(
        hits("1999-07-09T08:00..1999-07-09T18:00"),
        ["day", "flight", "meeting", "sig"]
    );
    // The call, 14:05:10 at −04:00, is 18:05:10 UTC.
    assert_eq!(
        hits("1999-07-09T18:05..1999-07-09T18:05"),
        ["call", "day", "sig"]
    );
    // An offset in the query counts too: 20:00 at +02:00 is 18:00 UTC.
    assert_eq!(
        hits("1999-07-09T20:00+02:00..1999-07-09T20:30+02:00"),
        ["call", "day", "sig"]
    );
    assert_eq!(
        hits("1999-07-09T20:06+02:00..1999-07-09T20:30+02:00"),
        ["day", "sig"]
    );
    // `[..1760-12-03]` may be any day up to 1760: it overlaps too.
    assert_eq!(hits("1668..1669"), ["before", "oneof"]);
    assert_eq!(hits("..1000"), ["before", "deep"]);
}

#[test]
fn the_date_jump_takes_times() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let jump = |typed: &str| {
        let mut a = App::new(t.clone(), "times.ron", (100, 30));
        update(&mut a, Action::StartDateJump);
        for c in typed.chars() {
            update(&mut a, Action::Insert(c));
        }
        update(&mut a, Action::Accept);
        t.event(a.selected().unwrap()).id().to_string()
    };
    assert_eq!(jump("1999-07-09T14:00"), "meeting");
    assert_eq!(jump("1999-07-09T14:01"), "call");
    assert_eq!(jump("1999-07-09T19:00-04"), "post");
    assert_eq!(jump("1999-07-09"), "day");
    assert_eq!(jump("1565"), "spring");
}

#[test]
fn ages_count_from_a_timestamped_birth_and_widen_with_x_digits() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let p = |s: &str| Edtf::parse(s).unwrap();
    let ada = &t.people[0];
    let at = |d: &str| life_at(ada.born.as_ref(), ada.died.as_ref(), &p(d)).short();
    assert_eq!(at("1999-07-09T23:20:00Z"), "14");
    assert_eq!(at("2000-04-11"), "14");
    // Her birthday: 15 from 18:50:30 UTC on, so the whole day is 14 to 15.
    assert_eq!(at("2000-04-12"), "14–15");
    assert_eq!(at("2000-04-13"), "15");
    assert_eq!(at("2000"), "14–15");
    let old = &t.people[1];
    let at = |d: &str| life_at(old.born.as_ref(), old.died.as_ref(), &p(d)).short();
    // Born 25 Dec of some year 1560–1569: in spring 1601 they are 31 to 40.
    assert_eq!(at("1601-21"), "31–40");
    // Died in one of 1620 or 1625: in 1630 certainly dead.
    assert_eq!(at("1630"), "† 1620…1625");
}

#[test]
fn exports_carry_the_times() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let csv = annals::export::csv(&t);
    assert!(
        csv.contains(
            "call,1999-07-09T14:05:10.25-04:00,9 Jul 1999 14:05:10 UTC−4,1999-07-09T14:05:10-04:00,1999-07-09T14:05:10-04:00,"
        ),
        "{csv}"
    );
    assert!(csv.contains(",[..1760-12-03],3 Dec 1760 or earlier,,1760-12-03,"));
    let md = annals::export::markdown(&t);
    assert!(
        md.contains("### 9 Jul 1999 16:00–18:30 UTC+2 — A meeting in Berlin"),
        "{md}"
    );
    assert!(md.contains("## 170,000,001 BCE"), "{md}");
}

#[test]
fn the_density_strip_counts_every_dated_event_even_across_170_million_years() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let a = App::new(t, "times.ron", (100, 30));
    let bins = a.data.years;
    assert_eq!((bins.first, bins.last), (-170_000_000, 2004));
    assert!(bins.len <= 4096, "{bins:?}");
    // Every event has a year (`[..1760-12-03]` counts under its latest, 1760).
    assert_eq!(a.data.totals.years.iter().sum::<u32>(), 12);
    // Bins of about 41,500 years: everything but the fossil bed shares the last one.
    assert!(bins.step > 40_000, "{bins:?}");
    assert_eq!(a.data.totals.years[bins.bin(1999).unwrap()], 11);
    assert_eq!(a.data.totals.years[0], 1);
}

#[test]
fn a_reload_keeps_utc() {
    use annals::app::Msg;
    use std::sync::Arc;
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let mut a = App::new(t.clone(), "times.ron", (100, 30)).with_utc(true);
    let index = Arc::new(annals::query::SearchIndex::new(&t));
    update(
        &mut a,
        Msg::Reloaded {
            timeline: Arc::new(t),
            index,
        },
    );
    assert!(a.view.utc);
}
