//! Unit tests of the overlap rules (`overlap.rs`): certain against possible, merging,
//! life spans, open ends and BCE spans, on `tests/fixtures/overlap.ron`.

use super::*;
use crate::domain::Timeline;

fn fixture() -> Timeline {
    crate::load::load_path(std::path::Path::new("tests/fixtures/overlap.ron"))
        .unwrap()
        .timeline
}

fn person(t: &Timeline, id: &str) -> PersonIdx {
    crate::domain::num::u32_of(t.people.iter().position(|p| p.id == id).unwrap())
}

fn ids(t: &Timeline, v: &[EventIdx]) -> Vec<String> {
    v.iter().map(|&i| t.event(i).id().to_string()).collect()
}

fn day(y: i64, m: u32, d: u32) -> Option<Instant> {
    Some(Instant::at(y, m, d, 0, 0))
}

fn end(y: i64, m: u32, d: u32) -> Option<Instant> {
    Some(Instant::at(y, m, d, 86_399, 0))
}

fn span(s: &str) -> Option<Span> {
    certain_part(&Edtf::parse(s).unwrap())
}

#[test]
fn the_certain_part_of_a_date() {
    // An interval: from the latest start to the earliest end; in whole days.
    assert_eq!(
        span("1986/1990"),
        Some((day(1987, 1, 1), end(1989, 12, 31)))
    );
    assert_eq!(span("1986-05-01/1986-05-02"), None, "no whole day inside");
    // With times of day: to the second.
    let t = |h: u32, m: u32, s: u32| Some(Instant::at(1999, 7, 9, h * 3600 + m * 60 + s, 0));
    assert_eq!(
        span("1999-07-09T16:00Z/1999-07-09T18:30Z"),
        Some((t(16, 0, 59), t(18, 30, 0)))
    );
    // A point fills its own bounds.
    assert_eq!(span("1995-06"), Some((day(1995, 6, 1), end(1995, 6, 30))));
    // A start that may come after the earliest end: between the two.
    assert_eq!(
        span("1999/1999"),
        Some((day(1999, 1, 1), end(1999, 12, 31)))
    );
    // An open or unknown end: only the known end's own bounds.
    assert_eq!(span("1990/.."), Some((day(1990, 1, 1), end(1990, 12, 31))));
    assert_eq!(span("../1990"), Some((day(1990, 1, 1), end(1990, 12, 31))));
    assert_eq!(span("1990/"), Some((day(1990, 1, 1), end(1990, 12, 31))));
    // Qualified dates and sets are never certain.
    for s in ["1985?/1987~", "1995?", "c. 1990", "[1667,1668]", "../.."] {
        if let Ok(d) = Edtf::parse(s) {
            assert_eq!(certain_part(&d), None, "{s}");
        }
    }
}

#[test]
fn uncertain_bounds_overlap_only_possibly() {
    let t = fixture();
    let p = together(&t, person(&t, "ann"), person(&t, "bob"));
    // The guild (1985?/1987~) meets the shop (1986/1990): possible only.
    let first = &p[0];
    assert_eq!(first.span, (day(1986, 1, 1), end(1987, 12, 31)));
    assert!(first.certain.is_empty(), "{first:?}");
    assert!(!first.all_certain());
    assert_eq!(ids(&t, &first.a), ["ann-guild"]);
    assert_eq!(ids(&t, &first.b), ["bob-shop"]);
}

#[test]
fn an_open_end_reaches_on_but_is_certain_only_at_its_start() {
    let t = fixture();
    let p = together(&t, person(&t, "ann"), person(&t, "bob"));
    // `1990/..` meets the shop's last year and the fair, never the years between (Bob has
    // no event there) nor his 2010 (after his death in 2001).
    assert_eq!(p.len(), 3, "{p:#?}");
    assert_eq!(p[1].span, (day(1990, 1, 1), end(1990, 12, 31)));
    assert_eq!(ids(&t, &p[1].a), ["ann-open"]);
    assert_eq!(ids(&t, &p[1].b), ["bob-shop"]);
    // The shop is certain from 1987 to 1989, the open end only in 1990: possible only.
    assert!(p[1].certain.is_empty(), "{:?}", p[1]);
    // The shared fair: certain over all of June 1995.
    assert_eq!(p[2].span, (day(1995, 6, 1), end(1995, 6, 30)));
    assert_eq!(ids(&t, &p[2].a), ["ann-open", "fair-1995"]);
    assert_eq!(ids(&t, &p[2].b), ["bob-fair", "fair-1995"]);
    assert!(p[2].all_certain(), "{:?}", p[2]);
}

#[test]
fn life_spans_cut_activity() {
    let t = fixture();
    let bob = activity(&t, person(&t, "bob"));
    // Bob died in 2001: his 2010 event is no activity of his.
    assert!(
        !ids(&t, &bob.iter().map(|a| a.event).collect::<Vec<_>>()).contains(&"bob-late".into())
    );
    let livia = activity(&t, person(&t, "livia"));
    // Livia, born 60 BC (-0060), cannot have worked from -0080: cut to her birth year;
    // certain only after it (and before -0040).
    assert_eq!(livia[0].outer, (day(-60, 1, 1), end(-40, 12, 31)));
    assert_eq!(livia[0].certain, Some((day(-59, 1, 1), end(-41, 12, 31))));
    let cato = activity(&t, person(&t, "cato"));
    assert_eq!(cato.len(), 1, "nothing after his death: {cato:?}");
}

#[test]
fn bce_spans_overlap_and_merge() {
    let t = fixture();
    let p = together(&t, person(&t, "cato"), person(&t, "livia"));
    assert_eq!(p.len(), 1, "{p:#?}");
    // Cato's -0070/-0050 and Livia's -0060 onward: -0060 to -0050.
    assert_eq!(p[0].span, (day(-60, 1, 1), end(-50, 12, 31)));
    // Certain from the year after Livia's birth to the last before -0050.
    assert_eq!(p[0].certain, vec![(day(-59, 1, 1), end(-51, 12, 31))]);
    assert!(!p[0].all_certain());
}

#[test]
fn touching_periods_merge_and_apart_ones_do_not() {
    let act = |e: u32, a: Option<Instant>, b: Option<Instant>, certain: bool| Activity {
        event: e,
        outer: (a, b),
        certain: certain.then_some((a, b)),
    };
    let a = [
        act(0, day(2000, 1, 1), end(2000, 12, 31), true),
        act(1, day(2001, 1, 1), end(2001, 12, 31), true),
        act(2, day(2003, 1, 1), end(2003, 12, 31), false),
    ];
    let b = [act(3, None, None, true)];
    let p = overlaps(&a, &b);
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(p[0].span, (day(2000, 1, 1), end(2001, 12, 31)));
    assert_eq!(p[0].certain, vec![p[0].span]);
    assert!(p[0].all_certain());
    assert_eq!(p[0].a, [0, 1]);
    assert_eq!(p[0].b, [3]);
    assert_eq!(p[1].span, (day(2003, 1, 1), end(2003, 12, 31)));
    assert!(p[1].certain.is_empty());
    // Nobody active with nobody: nothing.
    assert!(overlaps(&a, &[]).is_empty());
}

#[test]
fn the_sweep_finds_every_pair_a_double_loop_finds() {
    // Pseudo-random activities (some unbounded), against every pair tried in turn.
    let mut seed = 7u64;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        u32::try_from((seed >> 33) % u64::from(n)).unwrap()
    };
    for round in 0..50 {
        let mut make = |base: u32| -> Vec<Activity> {
            (0..next(12))
                .map(|k| {
                    let s = i64::from(next(40));
                    let e = s + i64::from(next(10));
                    let outer = (
                        (next(8) != 0).then(|| Instant(s * 86_400)),
                        (next(8) != 0).then(|| Instant(e * 86_400 + 86_399)),
                    );
                    Activity {
                        event: base + k,
                        outer,
                        certain: (next(2) == 0).then_some(outer),
                    }
                })
                .collect()
        };
        let (a, b) = (make(0), make(100));
        let mut want: Vec<(EventIdx, EventIdx)> = Vec::new();
        for x in &a {
            for y in &b {
                if intersect(x.outer, y.outer).is_some() {
                    want.push((x.event, y.event));
                }
            }
        }
        let periods = overlaps(&a, &b);
        for (x, y) in &want {
            assert!(
                periods.iter().any(|p| p.a.contains(x) && p.b.contains(y)),
                "round {round}: pair {x}, {y} missing"
            );
        }
        let in_pairs = |e: &EventIdx| want.iter().any(|(x, y)| x == e || y == e);
        for p in &periods {
            assert!(p.a.iter().chain(&p.b).all(in_pairs), "round {round}: {p:?}");
        }
    }
}
