//! The lanes view's axis without a terminal: the tick step for each zoom (millennia to
//! hours, BCE and years beyond ±9999), instants to cells at the edges, events' marks (open
//! ends, spans wider than the window, sure and unsure parts), greedy stacking, and per-cell
//! counts by binary search against a brute-force count.

use annals::app::lanes::axis::{self, Mark, Unit, Window, count, density, mark, stack, ticks};
use annals::app::lanes::inner_bounds;
use annals::domain::{Edtf, Instant};
use proptest::prelude::*;

fn year(y: i64) -> i64 {
    Instant::at(y, 1, 1, 0, 0).0
}

fn labels(w: &Window, width: u16) -> Vec<String> {
    ticks(w, width).1.into_iter().map(|t| t.label).collect()
}

#[test]
fn tick_step_follows_the_zoom() {
    let cases: [(i64, i64, u16, Unit); 6] = [
        (year(-2999), year(2001), 80, Unit::Years(1000)),
        (year(1000), year(2000), 80, Unit::Years(100)),
        (year(1960), year(2020), 60, Unit::Years(10)),
        (year(2000), year(2002), 60, Unit::Months(3)),
        (year(2000), year(2000) + 10 * 86_400, 60, Unit::Days(1)),
        (year(2000), year(2000) + 12 * 3600, 60, Unit::Hours(3)),
    ];
    for (from, to, width, want) in cases {
        let w = Window::new(from, to);
        assert_eq!(axis::unit(&w, width), want, "{w:?} on {width}");
    }
}

#[test]
fn bce_ticks_count_as_people_do() {
    // No year 0: 100 BCE, 50 BCE, then 50 and 100 of the common era; a tick where the
    // eras meet keeps the steps even (50 BCE to 50 would be 99 years).
    let w = Window::new(year(-99), year(101));
    assert_eq!(axis::unit(&w, 80), Unit::Years(50));
    assert_eq!(labels(&w, 80), ["100 BCE", "50 BCE", "1 CE", "50", "100"]);
}

#[test]
fn no_step_across_the_eras_is_longer_than_the_unit() {
    for (from, to, width) in [
        (-99, 101, 80),
        (-44, 30, 80),
        (-2999, 2001, 120),
        (-9, 12, 40),
    ] {
        let w = Window::new(year(from), year(to));
        let (u, t) = ticks(&w, width);
        let Unit::Years(n) = u else { continue };
        let years: Vec<i64> = t.iter().map(|t| Instant(t.at).civil(0).year).collect();
        for p in years.windows(2) {
            assert!(p[1] - p[0] <= n, "{from}..{to}: {years:?} by {n}");
        }
    }
}

/// Whether a shown label says where it is (`false` for a bare `11`, `Oct` or `06:00`).
fn context_of(u: Unit, label: &str) -> bool {
    let bare = match u {
        Unit::Days(_) => label.len() <= 2 && label.chars().all(|c| c.is_ascii_digit()),
        Unit::Months(_) => label.len() == 3 && label.chars().all(|c| c.is_ascii_alphabetic()),
        Unit::Hours(_) => label.len() == 5 && label.ends_with(":00"),
        Unit::Years(_) => false,
    };
    !bare
}

proptest! {
    /// Read left to right, every bare label (a day, a month, an hour) belongs to the
    /// month, year or day the last full label named: a label left out for lack of room
    /// never makes the next ones read as the wrong month.
    #[test]
    fn bare_labels_belong_to_the_last_full_one(
        start in -100_000i64..100_000, days in 1i64..1500, width in 12u16..200,
    ) {
        let from = Instant::at(1999, 1, 1, 0, 0).0 + start * 86_400 / 7;
        let w = Window::new(from, from + days * 86_400 / 3);
        let (u, all) = ticks(&w, width);
        let mut ctx: Option<(i64, u32, u32)> = None;
        let shown = axis::labels(&all, width);
        // Two spaces at least between labels: one would read as one (`9 May 2017 12:00`).
        for p in shown.windows(2) {
            prop_assert!(p[0].0 as usize + p[0].1.chars().count() + 2 <= p[1].0 as usize, "{:?}", shown);
        }
        for (cell, text) in shown {
            let t = all.iter().find(|t| t.cell == cell && (t.label == text || t.full == text));
            let t = t.expect("every label is a tick's");
            let c = Instant(t.at).civil(0);
            if context_of(u, &text) {
                ctx = Some((c.year, c.month, c.day));
                continue;
            }
            let (y, m, d) = ctx.expect("a bare label comes after a full one");
            match u {
                Unit::Days(_) => prop_assert_eq!((y, m), (c.year, c.month), "{}", text),
                Unit::Months(_) => prop_assert_eq!(y, c.year, "{}", text),
                Unit::Hours(_) => prop_assert_eq!((y, m, d), (c.year, c.month, c.day), "{}", text),
                Unit::Years(_) => {}
            }
        }
    }
}

#[test]
fn years_beyond_four_digits() {
    let w = Window::new(year(-170_000_000), year(-169_000_000));
    assert_eq!(axis::unit(&w, 80), Unit::Years(500_000));
    assert_eq!(labels(&w, 80), ["170,000,000 BCE", "169,500,000 BCE"]);
    let w = Window::new(year(9_990), year(10_011));
    assert!(labels(&w, 80).contains(&"10,000".to_string()));
    // The calendar's very ends do not overflow.
    let w = Window::new(i64::MIN, i64::MAX);
    assert!(!ticks(&w, 200).1.is_empty());
}

#[test]
fn finer_ticks_name_their_month_and_year() {
    let w = Window::new(
        Instant::at(1999, 7, 9, 0, 0).0,
        Instant::at(1999, 7, 9, 12 * 3600, 0).0,
    );
    let l = labels(&w, 60);
    assert_eq!(l[0], "9 Jul 1999");
    let w = Window::new(
        Instant::at(1999, 7, 9, 3600, 0).0,
        Instant::at(1999, 7, 9, 13 * 3600, 0).0,
    );
    assert_eq!(labels(&w, 60)[..2], ["9 Jul 1999 03:00", "06:00"]);
    let w = Window::new(
        Instant::at(1999, 7, 3, 0, 0).0,
        Instant::at(1999, 7, 12, 0, 0).0,
    );
    assert_eq!(labels(&w, 60)[..2], ["3 Jul 1999", "4"]);
    let w = Window::new(
        Instant::at(1998, 7, 1, 0, 0).0,
        Instant::at(2000, 7, 1, 0, 0).0,
    );
    assert_eq!(labels(&w, 60)[..3], ["Jul 1998", "Oct", "1999"]);
    assert!(l.contains(&"06:00".to_string()), "{l:?}");
    let w = Window::new(year(1999), year(2001));
    let l = labels(&w, 60);
    assert_eq!(l[..2], ["1999", "Apr"]);
    assert!(l.contains(&"2000".to_string()), "{l:?}");
    // Labels that would run into each other are left out; the first one stays.
    let all = ticks(&w, 12).1;
    let placed = axis::labels(&all, 12);
    assert_eq!(placed[0], (all[0].cell, all[0].label.clone()));
    assert!(
        placed
            .windows(2)
            .all(|p| p[0].0 as usize + p[0].1.chars().count() + 2 <= p[1].0 as usize)
    );
}

/// Ten cells of ten seconds.
const W: Window = Window { from: 0, to: 100 };

#[test]
fn instants_to_cells_at_the_edges() {
    assert_eq!(W.cell(10, 0), 0);
    assert_eq!(W.cell(10, 9), 0);
    assert_eq!(W.cell(10, 10), 1);
    assert_eq!(W.cell(10, 99), 9);
    assert_eq!(W.cell(10, 100), 10);
    assert_eq!(W.cell(10, -1), -1);
    assert_eq!(W.cell_start(10, 3), 30);
    assert_eq!(W.cell_start(10, 10), 100);
}

#[test]
fn marks_of_points_spans_and_open_ends() {
    let m = |a: Option<i64>, b: Option<i64>| mark(&W, 10, (a, b), Some((a, b)));
    let point = m(Some(15), Some(18)).unwrap();
    assert!(point.point && point.from == 1 && point.to == 1);
    let span = m(Some(15), Some(55)).unwrap();
    assert_eq!((span.from, span.to, span.point), (1, 5, false));
    let open = m(Some(50), None).unwrap();
    assert_eq!(
        (open.from, open.to, open.open_right, open.open_left),
        (5, 9, true, false)
    );
    let before = m(None, Some(30)).unwrap();
    assert_eq!((before.from, before.to, before.open_left), (0, 3, true));
    // Wider than the window: cut at both edges, not open.
    let wide = m(Some(-50), Some(150)).unwrap();
    assert_eq!(
        (wide.from, wide.to, wide.open_left, wide.open_right),
        (0, 9, false, false)
    );
    // Just outside, just inside.
    assert_eq!(m(Some(100), Some(120)), None);
    assert_eq!(m(Some(-20), Some(-1)), None);
    assert_eq!(m(Some(-20), Some(0)).map(|x| (x.from, x.to)), Some((0, 0)));
    // Sure from 30 to 49, unsure around it; nothing sure at all.
    let unsure: Mark = mark(&W, 10, (Some(10), Some(69)), Some((Some(30), Some(49)))).unwrap();
    assert_eq!((unsure.from, unsure.to, unsure.solid), (1, 6, Some((3, 4))));
    assert_eq!(
        mark(&W, 10, (Some(10), Some(69)), None).unwrap().solid,
        None
    );
    assert_eq!(mark(&W, 0, (Some(10), Some(69)), None), None);
}

#[test]
fn inner_bounds_of_dates() {
    // One rule with `annals overlap`: what an event certainly fills.
    let d = |s: &str| Edtf::parse(s).unwrap();
    let span = |s: &str| {
        let (a, b) = d(s).span();
        Some((a.map(|i| i.0), b.map(|i| i.0)))
    };
    // Qualified anywhere, widened, a set: sure nowhere (dotted throughout).
    for unsure in [
        "-0062?/-0058~",
        "1999?",
        "199X",
        "[1667,1668]",
        "../2013?",
        "2001-21",
    ] {
        assert_eq!(inner_bounds(&d(unsure)), None, "{unsure}");
    }
    assert_eq!(inner_bounds(&d("1999")), span("1999"));
    // An interval: the whole days strictly inside.
    let (from, to) = (year(1987), Instant::at(1989, 12, 31, 86_399, 0).0);
    assert_eq!(inner_bounds(&d("1986/1990")), Some((Some(from), Some(to))));
    // An open side is sure nowhere: only the known end's own bounds are.
    assert_eq!(inner_bounds(&d("1979/..")), span("1979"));
    assert_eq!(inner_bounds(&d("../2013")), span("2013"));
    for (a, b) in [("1979/..", "1979"), ("../2013", "2013")] {
        assert_eq!(
            inner_bounds(&d(a)),
            annals::query::overlap::certain_part(&d(a))
                .map(|(x, y)| (x.map(|i| i.0), y.map(|i| i.0))),
            "{a} as overlap"
        );
        assert_eq!(inner_bounds(&d(a)), span(b));
    }
}

#[test]
fn overlapping_events_stack_greedily() {
    let marks = [(0, 3), (1, 1), (2, 5), (4, 6), (6, 8)];
    let (rows, hidden) = stack(&marks, 2);
    assert_eq!(rows, [Some(0), Some(1), Some(1), Some(0), Some(1)]);
    assert_eq!(hidden, 0);
    let (rows, hidden) = stack(&marks, 1);
    assert_eq!(rows, [Some(0), None, None, Some(0), None]);
    assert_eq!(hidden, 3);
    // Two ticks in one cell need two rows.
    assert_eq!(stack(&[(4, 4), (4, 4)], 3).0, [Some(0), Some(1)]);
}

#[test]
fn counts_in_a_cell() {
    // Starts in order, ends sorted: [0,10], [5,5], [20,∞), (−∞,3].
    let starts = [i64::MIN, 0, 5, 20];
    let ends = [3, 5, 10, i64::MAX];
    assert_eq!(count(&starts, &ends, 0, 10), 3);
    assert_eq!(count(&starts, &ends, 11, 20), 0);
    assert_eq!(count(&starts, &ends, 11, 21), 1);
    assert_eq!(count(&starts, &ends, -100, -50), 1);
}

fn bound() -> impl Strategy<Value = i64> {
    prop_oneof![1 => Just(i64::MIN), 1 => Just(i64::MAX), 12 => -1_000i64..1_000]
}

proptest! {
    #[test]
    fn density_by_binary_search_is_a_brute_force_count(
        events in prop::collection::vec((bound(), bound()), 0..200),
        from in -1_200i64..1_200,
        extra in 0i64..2_000,
        width in 1u16..120,
    ) {
        // Windows are never shorter than their cells are many (four hours at least).
        let len = i64::from(width) + extra;
        let events: Vec<(i64, i64)> = events
            .into_iter()
            .map(|(a, b)| if a <= b { (a, b) } else { (b, a) })
            .collect();
        let mut by_start = events.clone();
        by_start.sort();
        let starts: Vec<i64> = by_start.iter().map(|e| e.0).collect();
        let mut ends: Vec<i64> = events.iter().map(|e| e.1).collect();
        ends.sort();
        let w = Window { from, to: from + len };
        let got = density(&w, width, &starts, &ends);
        for (i, n) in got.iter().enumerate() {
            let i = u16::try_from(i).unwrap();
            let (a, b) = (w.cell_start(width, i), w.cell_start(width, i + 1));
            let brute = events.iter().filter(|(lo, hi)| *lo < b && *hi >= a).count();
            prop_assert_eq!(*n, brute, "cell {} = [{}, {})", i, a, b);
        }
    }

    #[test]
    fn every_instant_is_in_its_cell(from in -1_000_000i64..1_000_000, len in 1i64..10_000_000,
                                   width in 1u16..400, at in 0.0f64..1.0) {
        let w = Window { from, to: from + len };
        #[allow(clippy::cast_possible_truncation)]
        let t = from + ((len as f64) * at) as i64;
        let t = t.min(w.to - 1);
        let c = u16::try_from(w.cell(width, t)).unwrap();
        prop_assert!(c < width);
        prop_assert!(w.cell_start(width, c) <= t && t < w.cell_start(width, c + 1));
    }

    #[test]
    fn stacked_marks_never_overlap(marks in prop::collection::vec((0u16..60, 0u16..8), 0..40),
                                   rows in 1usize..5) {
        let mut marks: Vec<(u16, u16)> = marks.into_iter().map(|(a, l)| (a, a + l)).collect();
        marks.sort();
        let (placed, hidden) = stack(&marks, rows);
        prop_assert_eq!(placed.iter().filter(|r| r.is_none()).count(), hidden);
        for r in 0..rows {
            let mine: Vec<&(u16, u16)> =
                marks.iter().zip(&placed).filter(|(_, p)| **p == Some(r)).map(|(m, _)| m).collect();
            prop_assert!(mine.windows(2).all(|p| p[0].1 < p[1].0));
        }
        prop_assert_eq!(stack(&marks, marks.len().max(1)).1, 0);
    }
}

#[test]
fn day_steps_stay_even_across_short_months() {
    // February keeps its 21st (10-day steps) and 26th (5-day steps): no double gap, in
    // common and leap years, and before the common era.
    for y in [2017, 2016, -43] {
        for (days, width, want) in [(300, 120, 10u32), (150, 120, 5)] {
            let from = Instant::at(y, 1, 1, 0, 0).0;
            let w = Window::new(from, from + days * 86_400);
            let (u, all) = ticks(&w, width);
            assert_eq!(u, Unit::Days(want), "{days} days on {width}");
            for p in all.windows(2) {
                let d = (p[1].at - p[0].at) / 86_400;
                assert!(
                    d * 2 >= i64::from(want) && d <= i64::from(want) + 1,
                    "{y} by {want}: {d} days from {} to {}",
                    p[0].full,
                    p[1].full
                );
            }
        }
    }
}

#[test]
fn zooming_brings_an_anchor_off_screen_into_the_middle() {
    let w = Window::new(year(2000), year(2010));
    let anchor = year(2015);
    let z = w.zoom(1, 2, Some(anchor));
    assert!((z.from..z.to).contains(&anchor), "{z:?}");
    assert!((z.span() - w.span() / 2).abs() <= 2);
    // On screen: it keeps its place.
    let on = year(2002);
    let z = w.zoom(1, 2, Some(on));
    let frac = |w: &Window| (on - w.from) as f64 / w.span() as f64;
    assert!((frac(&z) - frac(&w)).abs() < 0.01);
}

#[test]
fn a_first_tick_without_room_is_owed_to_the_next_label() {
    // Found by the property above: on 12 cells the first tick's `9 Jul 2009 12:00` has no
    // room; the next label shown must not be a bare `12:00`.
    let from = Instant::at(1999, 1, 1, 0, 0).0 + 36_863 * 86_400 / 7;
    let w = Window::new(from, from + 2 * 86_400);
    let (u, all) = ticks(&w, 12);
    let shown = axis::labels(&all, 12);
    if let Some((_, first)) = shown.first() {
        assert!(context_of(u, first), "{first:?} first of {shown:?}");
    }
}
