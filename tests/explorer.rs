//! The explorer a newcomer can trust, without a terminal: lists that fill their pane, date
//! jumps, the query history, ages, provenance effects, find, zoom and the source record.

use crate::app::{cat, filter, run, typed};
use crate::common::app;
use annals::app::{Action, App, Focus, update};
use annals::load::load_bundled;

/// A fixture of one's own, opened as a user would.
fn apollo(size: (u16, u16)) -> App {
    let l = annals::load::load_path(std::path::Path::new("tests/fixtures/apollo.ron"))
        .expect("fixture loads");
    App::new(l.timeline, "apollo.ron", size)
}

/// Every list fills its pane and shows its cursor: no empty rows at the bottom while rows
/// are hidden above, and every row shown when all fit.
fn assert_fills(a: &App, what: &str) {
    let lists = [
        (Focus::Timeline, a.nav.list, a.filter.visible.len()),
        (Focus::People, a.nav.people, a.data.timeline.people.len()),
        (Focus::Sources, a.nav.sources, a.data.timeline.sources.len()),
    ];
    for (f, pos, len) in lists {
        let page = a.page(f);
        assert!(
            pos.offset <= len.saturating_sub(page),
            "{what}: {f:?} scrolled to {} of {len} rows, {page} fit",
            pos.offset
        );
        if len > 0 {
            assert!(
                pos.cursor >= pos.offset && pos.cursor < pos.offset + page,
                "{what}: {f:?} cursor {} off screen (offset {}, page {page})",
                pos.cursor,
                pos.offset
            );
        }
    }
}

#[test]
fn lists_fill_their_pane_after_every_change() {
    use Action::*;
    let date = |d: &str| cat(&[vec![StartDateJump], typed(d), vec![Accept]]);
    let scripts: Vec<(&str, Vec<Action>)> = vec![
        (
            "t 2005 then /khatam",
            cat(&[date("2005"), filter("khatam")]),
        ),
        (
            "bottom then a filter",
            cat(&[vec![Bottom], filter("pincer")]),
        ),
        ("bottom then a facet", {
            let mut v = vec![Bottom, FocusNext, FocusNext, Activate];
            v.extend([FocusPrev, FocusPrev]);
            v
        }),
        (
            "bottom, facet, drop it",
            vec![Bottom, FocusNext, FocusNext, Activate, RemoveFacet],
        ),
        (
            "bottom then grow",
            vec![Bottom, Resize(200, 60), Resize(80, 24), Resize(100, 30)],
        ),
        (
            "people bottom then grow",
            vec![FocusNext, FocusNext, Bottom, Resize(200, 60)],
        ),
        (
            "sources bottom then zoom",
            vec![FocusPrev, Bottom, ToggleZoom, ToggleZoom],
        ),
        (
            "zoomed, then another pane",
            vec![
                Bottom, FocusNext, ToggleZoom, FocusPrev, FocusPrev, FocusNext,
            ],
        ),
        (
            "zoomed, then a filter",
            vec![
                FocusNext,
                FocusNext,
                Bottom,
                ToggleZoom,
                StartFilter,
                Insert('a'),
            ],
        ),
        (
            "filter narrowing and clearing",
            cat(&[
                vec![Bottom],
                filter("qalibaf"),
                filter("police"),
                vec![ClearAll],
            ]),
        ),
    ];
    for size in [(80, 24), (100, 30), (140, 40), (200, 60)] {
        for (name, script) in &scripts {
            let mut a = App::new(load_bundled().timeline, "bundled", size);
            for (n, x) in script.iter().enumerate() {
                update(&mut a, x.clone());
                assert_fills(&a, &format!("{name} at {size:?}, step {n} ({x:?})"));
            }
        }
    }
    // The repro: four matches at 100×30 are all on screen.
    let (mut a, _) = (App::new(load_bundled().timeline, "bundled", (100, 30)), ());
    for x in cat(&[date("2005"), filter("khatam")]) {
        update(&mut a, x);
    }
    assert!(a.filter.visible.len() >= 2 && a.filter.visible.len() <= a.page(Focus::Timeline));
    assert_eq!(a.nav.list.offset, 0, "all matches fit, so all are shown");
}

#[test]
fn a_restored_session_fills_the_pane() {
    use annals::app::{Msg, capture};
    let mut a = App::new(load_bundled().timeline, "bundled", (100, 30));
    update(&mut a, Action::Bottom);
    let saved = capture(&a, "bundled");
    // Restored on a bigger terminal with a filter that leaves few rows.
    let mut b = App::new(load_bundled().timeline, "bundled", (200, 60));
    let mut s = saved.clone();
    s.filter = "khatam".into();
    update(&mut b, Msg::Restore(Box::new(s)));
    assert_fills(&b, "restored");
}

#[test]
fn date_jumps_take_the_first_event_from_the_date_on() {
    use Action::*;
    let t = load_bundled().timeline;
    for typed_date in ["1961", "1985", "1999", "2005", "2019", "2025", "2030"] {
        let (a, _) = run(&cat(&[
            vec![StartDateJump],
            typed(typed_date),
            vec![Accept],
        ]));
        let y: i64 = typed_date.parse().unwrap();
        let from = annals::domain::Instant::at(y, 1, 1, 0, 0);
        let sel = a.selected().unwrap();
        let start = t.event(sel).date.earliest();
        // The rule: the first event whose earliest day is on or after the date, else the
        // last event before it.
        let first_on_or_after = a
            .filter
            .visible
            .iter()
            .copied()
            .find(|&i| t.event(i).date.earliest() >= Some(from));
        let want = first_on_or_after.unwrap_or(*a.filter.visible.last().unwrap());
        assert_eq!(sel, want, "t {typed_date} selected {:?}", t.event(sel).id());
        if first_on_or_after.is_some() {
            assert!(
                start >= Some(from),
                "t {typed_date}: an event starting {start:?}"
            );
        }
        assert_ne!(
            t.event(sel).id(),
            "mek-kurdistan-repression",
            "t {typed_date}: the open 1979– span is not nearest to everything after it"
        );
    }
}

#[test]
fn slash_starts_a_new_query_and_arrows_walk_the_history() {
    use Action::*;
    let (a, seen) = run(&cat(&[filter("police"), filter("khatam")]));
    assert_eq!(seen.filter, "khatam", "a second / starts a new query");
    assert_eq!(a.filter.queries, ["police", "khatam"]);
    let (a, _) = run(&cat(&[
        filter("police"),
        filter("khatam"),
        vec![StartFilter, HistoryPrev],
    ]));
    assert_eq!(a.filter.text, "khatam");
    let (a, _) = run(&cat(&[
        filter("police"),
        filter("khatam"),
        vec![StartFilter, HistoryPrev, HistoryPrev],
    ]));
    assert_eq!(a.filter.text, "police");
    let khatam = run(&filter("police")).1.shown;
    assert_eq!(
        a.filter.visible.len(),
        khatam,
        "the recalled query is in force"
    );
    // Refining the kept filter: ↑ then edit.
    let (a, _) = run(&cat(&[
        filter("qalibaf"),
        vec![StartFilter, HistoryPrev],
        typed(" police"),
        vec![Accept],
    ]));
    assert_eq!(a.filter.text, "qalibaf police");
    // ↓ past the newest gives an empty line; an untouched prompt keeps the filter.
    let (a, _) = run(&cat(&[
        filter("police"),
        vec![StartFilter, HistoryPrev, HistoryNext],
    ]));
    assert_eq!(a.filter.text, "");
    let (a, _) = run(&cat(&[filter("police"), vec![StartFilter, Accept]]));
    assert_eq!(a.filter.text, "police");
    // The history is kept in the session.
    let saved = annals::app::capture(&a, "bundled");
    let mut b = app((80, 24), &[]);
    update(&mut b, annals::app::Msg::Restore(Box::new(saved)));
    assert_eq!(b.filter.queries, ["police"]);
}

#[test]
fn ages_stop_at_death_in_the_state_the_panes_read() {
    use annals::domain::{Life, life_at};
    let a = apollo((100, 30));
    let t = &a.data.timeline;
    let e = t.event(t.event_by_id("apollo8").unwrap());
    let life = |id: &str| {
        let p = t.people.iter().find(|p| p.id == id).unwrap();
        life_at(p.born.as_ref(), p.died.as_ref(), &e.date)
    };
    assert!(matches!(life("kennedy"), Life::Dead(_)));
    assert_eq!(life("kennedy").short(), "† 1963");
    assert_eq!(
        life("gagarin").phrase().as_deref(),
        Some("died 27 Mar 1968")
    );
    assert_eq!(life("borman").short(), "40");
}

#[test]
fn y_copies_the_citation_and_o_opens_only_http() {
    use Action::*;
    let mut a = apollo((100, 30));
    let at = |a: &App, id: &str| {
        a.filter
            .visible
            .iter()
            .position(|&i| a.data.timeline.event(i).id() == id)
            .unwrap()
    };
    let row = at(&a, "apollo8");
    for _ in 0..row {
        update(&mut a, Down);
    }
    let fx = update(&mut a, CopyCitation);
    let Some(text) = fx.copy else {
        panic!("y asks for a copy: {fx:?}");
    };
    for part in [
        "Apollo 8 orbits the Moon",
        "Apollo 8 mission report",
        "NASA",
        "¶2",
        "https://history.nasa.gov/apollo8.html",
        "Mission Evaluation Team",
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert!(
        !text.contains("javascript:"),
        "an unsafe URL is not passed on: {text}"
    );
    let fx = update(&mut a, OpenSource);
    assert_eq!(
        fx.open.as_deref(),
        Some("https://history.nasa.gov/apollo8.html")
    );
    // In the Sources pane, `o` on the press kit (javascript:) opens nothing.
    update(&mut a, FocusPrev);
    let press = a
        .data
        .timeline
        .sources
        .iter()
        .position(|s| s.id == "press")
        .unwrap();
    for _ in 0..press {
        update(&mut a, Down);
    }
    let fx = update(&mut a, OpenSource);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(
        a.view
            .message
            .as_deref()
            .unwrap_or("")
            .contains("only http")
    );
}

#[test]
fn find_in_people_moves_to_matches_without_hiding_rows() {
    use Action::*;
    let mut a = app((80, 24), &[]);
    update(&mut a, FocusNext);
    update(&mut a, FocusNext);
    assert_eq!(a.view.focus, Focus::People);
    update(&mut a, StartFind);
    for c in "soleiman".chars() {
        update(&mut a, Insert(c));
    }
    update(&mut a, Accept);
    let name = |a: &App| a.data.timeline.people[a.nav.people.cursor].name.clone();
    let first = name(&a);
    assert!(first.contains("Soleimani"), "{first}");
    update(&mut a, FindNext);
    let second = name(&a);
    assert!(second.contains("Soleimani") && second != first, "{second}");
    update(&mut a, FindPrev);
    assert_eq!(name(&a), first);
    assert_eq!(
        a.filter.visible.len(),
        a.data.timeline.len(),
        "nothing hidden"
    );
}

#[test]
fn zoom_gives_the_focused_pane_the_screen() {
    let mut a = app((80, 24), &[]);
    let before = a.page(Focus::Timeline);
    update(&mut a, Action::ToggleZoom);
    assert!(a.page(Focus::Timeline) > before);
    assert!(a.areas().unwrap().people.is_empty());
    update(&mut a, Action::ToggleZoom);
    assert_eq!(a.page(Focus::Timeline), before);
}

#[test]
fn the_source_record_scrolls_beside_the_sources_pane() {
    use Action::*;
    let mut a = app((80, 24), &[]);
    update(&mut a, FocusPrev);
    assert_eq!(a.view.focus, Focus::Sources);
    let row = a.nav.sources.cursor;
    update(&mut a, PageDown);
    assert!(
        a.nav.detail_scroll > 0,
        "the first source's record is longer than the pane at 80x24"
    );
    assert_eq!(
        a.nav.sources.cursor, row,
        "PgDn scrolls the record, not the list"
    );
    update(&mut a, Down);
    assert_eq!(
        a.nav.detail_scroll, 0,
        "another source's record starts at its top"
    );
    for _ in 0..50 {
        update(&mut a, PageDown);
    }
    let max = a.nav.detail_scroll;
    update(&mut a, PageUp);
    assert!(
        a.nav.detail_scroll < max,
        "PgUp comes straight back: never scrolled past the end"
    );
}

#[test]
fn a_query_is_capped_and_the_status_bar_says_so() {
    let mut a = app((80, 24), &[]);
    update(&mut a, Action::StartFilter);
    // Pasted: one edit, controls as spaces, cut at the cap.
    let long = "tehran\tprotest ".repeat(200);
    update(&mut a, Action::Paste(long.clone()));
    assert_eq!(a.filter.text.chars().count(), 1000);
    assert!(a.filter.text.starts_with("tehran protest tehran"));
    assert!(a.view.message.as_deref().unwrap().contains("at most 1000"));
    // Typed: a key past the cap changes nothing and says why.
    update(&mut a, Action::DeleteChar);
    assert_eq!(a.view.message, None);
    update(&mut a, Action::Insert('x'));
    update(&mut a, Action::Insert('y'));
    assert_eq!(a.filter.text.chars().count(), 1000);
    assert!(a.filter.text.ends_with('x'));
    assert!(a.view.message.as_deref().unwrap().contains("at most 1000"));
    // Outside a prompt a paste is not taken as keys.
    update(&mut a, Action::Cancel);
    let fx = update(&mut a, Action::Paste("q".into()));
    assert!(!fx.quit && a.filter.text.is_empty());
}

#[test]
fn the_detail_says_which_dispute_it_is() {
    use annals::app::detail::event_rows;
    let a = apollo((100, 30));
    let text = |id: &str| {
        let e = a.data.timeline.event_by_id(id).unwrap();
        event_rows(&a, e, 60)
            .rows
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Apollo 8: one source gives another date.
    assert!(text("apollo8").contains("the sources disagree on the date"));
    // The hoax contradicts Apollo 11: contested, but no source gives another date.
    for id in ["hoax", "apollo11"] {
        let t = text(id);
        assert!(t.contains("contested"), "{id}: {t}");
        assert!(!t.contains("disagree on the date"), "{id}: {t}");
        assert!(!t.contains("dates it:"), "{id}: {t}");
    }
}

#[test]
fn esc_on_an_untouched_prompt_keeps_the_filter() {
    use Action::*;
    let (mut a, _) = run(&filter("police"));
    let shown = a.filter.visible.len();
    update(&mut a, StartFilter);
    update(&mut a, Cancel);
    assert_eq!(
        (a.filter.text.as_str(), a.filter.visible.len()),
        ("police", shown)
    );
    // After typing, Esc clears, as the help says.
    update(&mut a, StartFilter);
    update(&mut a, Insert('x'));
    update(&mut a, Cancel);
    assert!(a.filter.text.is_empty() && !a.is_filtered());
}
