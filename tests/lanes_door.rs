//! The lanes view through the one door: `update` table tests for switching views (the
//! selection and the filter are shared), pan, zoom, fit, lane moves, `[`/`]`, grouping,
//! Enter, and the keys that mean something else in the lanes pane.

use crate::common::app;
use annals::app::lanes::{Grouping, LaneKey, Window, bounds};
use annals::app::layout::Layout;
use annals::app::{Action, App, Focus, Mode, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn lanes(size: (u16, u16)) -> App {
    app(size, &[Action::ToggleLanes])
}

fn window(a: &App) -> Window {
    a.lanes.window.expect("a window once the lanes are shown")
}

fn typed(a: &mut App, s: &str) {
    update(a, Action::StartFilter);
    for c in s.chars() {
        update(a, Action::Insert(c));
    }
    update(a, Action::Accept);
}

#[test]
fn switching_views_keeps_the_selection_and_the_filter() {
    let mut a = app((80, 24), &[]);
    typed(&mut a, "qalibaf");
    update(&mut a, Action::Down);
    update(&mut a, Action::Down);
    let (sel, shown) = (a.selected(), a.filter.visible.clone());
    assert!(sel.is_some() && shown.len() < a.data.timeline.len());
    update(&mut a, Action::ToggleLanes);
    assert_eq!(a.view.layout, Layout::Lanes);
    assert_eq!(a.view.focus, Focus::Lanes);
    assert_eq!(a.selected(), sel);
    assert_eq!(a.filter.text, "qalibaf");
    assert_eq!(a.filter.visible, shown);
    // The filter narrows the lanes: only shown events are in them.
    let built = &a.lanes.built;
    assert!(!built.lanes.is_empty());
    for l in &built.lanes {
        assert!(l.events.iter().all(|e| shown.binary_search(e).is_ok()));
    }
    // The cursor's lane holds the selected event.
    let lane = &built.lanes[a.lanes.cursor];
    assert!(lane.events.binary_search(&sel.unwrap()).is_ok());
    update(&mut a, Action::ToggleLanes);
    assert_eq!(a.view.layout, Layout::Explorer);
    assert_eq!(a.view.focus, Focus::Timeline);
    assert_eq!(a.selected(), sel);
    assert_eq!(a.filter.visible, shown);
}

#[test]
fn a_filter_typed_in_the_lanes_view_narrows_them() {
    let mut a = lanes((80, 24));
    let all = a.lanes.built.lanes.len();
    typed(&mut a, "pincer");
    assert_eq!(a.view.focus, Focus::Lanes, "/ keeps the lanes pane");
    let n: usize = a.lanes.built.lanes.iter().map(|l| l.events.len()).sum();
    assert!(n >= a.filter.visible.len() && a.lanes.built.lanes.len() < all);
    update(&mut a, Action::ClearAll);
    assert_eq!(a.lanes.built.lanes.len(), all);
}

#[test]
fn pan_moves_the_window_by_a_quarter() {
    let mut a = lanes((80, 24));
    let w = window(&a);
    update(&mut a, Action::PanRight);
    let r = window(&a);
    assert_eq!(r.span(), w.span());
    assert_eq!(i128::from(r.from - w.from), w.span() / 4);
    update(&mut a, Action::PanLeft);
    assert_eq!(window(&a), w);
}

#[test]
fn zoom_halves_and_doubles_around_the_selected_event() {
    let mut a = lanes((80, 24));
    // An event with both bounds known, in the middle of the timeline.
    while a
        .selected()
        .is_some_and(|e| bounds(&a.data.index, e).0 == i64::MIN)
    {
        update(&mut a, Action::NextInLane);
    }
    let e = a.selected().unwrap();
    let (lo, hi) = bounds(&a.data.index, e);
    let mid = lo + (hi - lo) / 2;
    let w = window(&a);
    let g = a.lanes_geometry().unwrap();
    let before = w.cell(g.width, mid);
    update(&mut a, Action::ZoomIn);
    let z = window(&a);
    assert!((z.span() - w.span() / 2).abs() <= 1, "{w:?} → {z:?}");
    assert!(
        (z.cell(g.width, mid) - before).abs() <= 1,
        "the event stays put"
    );
    update(&mut a, Action::ZoomOut);
    assert!((window(&a).span() - w.span()).abs() <= 2);
    // Zooming in never goes below four hours.
    for _ in 0..80 {
        update(&mut a, Action::ZoomIn);
    }
    assert!(window(&a).span() >= 4 * 3600);
}

#[test]
fn fit_shows_the_whole_filtered_timeline() {
    let mut a = lanes((80, 24));
    let fitted = window(&a);
    update(&mut a, Action::ZoomIn);
    update(&mut a, Action::ZoomIn);
    update(&mut a, Action::PanLeft);
    assert_ne!(window(&a), fitted);
    update(&mut a, Action::FitAll);
    assert_eq!(window(&a), fitted);
    for &e in &a.filter.visible {
        let (lo, hi) = bounds(&a.data.index, e);
        for x in [lo, hi]
            .into_iter()
            .filter(|x| *x != i64::MIN && *x != i64::MAX)
        {
            assert!(fitted.from <= x && x < fitted.to);
        }
    }
    // Narrower after a filter: `=` fits what is shown.
    typed(&mut a, "pincer");
    update(&mut a, Action::FitAll);
    assert!(window(&a).span() < fitted.span());
}

#[test]
fn lane_moves_select_the_nearest_event_in_time() {
    let mut a = lanes((80, 24));
    for _ in 0..4 {
        // The selected event's time: its earliest known bound, else its latest.
        let (lo, hi) = bounds(&a.data.index, a.selected().unwrap());
        let t = if lo == i64::MIN { hi } else { lo };
        let c = a.lanes.cursor;
        update(&mut a, Action::Down);
        assert_eq!(a.lanes.cursor, c + 1);
        let lane = &a.lanes.built.lanes[a.lanes.cursor];
        let e = a.selected().unwrap();
        assert!(
            lane.events.binary_search(&e).is_ok(),
            "selected in the new lane"
        );
        let d = |s: i64| (i128::from(s) - i128::from(t)).abs();
        let best = lane.starts.iter().map(|&s| d(s)).min().unwrap();
        assert_eq!(d(bounds(&a.data.index, e).0), best, "nearest in time");
    }
    update(&mut a, Action::Up);
    assert_eq!(a.lanes.cursor, 3);
    update(&mut a, Action::Bottom);
    assert_eq!(a.lanes.cursor, a.lanes.built.lanes.len() - 1);
    // The cursor's lane stays on screen.
    assert!(a.lanes.offset > 0 && a.lanes.offset <= a.lanes.cursor);
    update(&mut a, Action::Top);
    assert_eq!((a.lanes.cursor, a.lanes.offset), (0, 0));
}

#[test]
fn brackets_step_through_the_lane() {
    let mut a = lanes((80, 24));
    let lane = a.lanes.built.lanes[a.lanes.cursor].clone();
    let first = a.selected().unwrap();
    let k = lane.events.binary_search(&first).unwrap();
    update(&mut a, Action::NextInLane);
    assert_eq!(a.selected(), Some(lane.events[k + 1]));
    update(&mut a, Action::NextInLane);
    assert_eq!(a.selected(), Some(lane.events[k + 2]));
    update(&mut a, Action::PrevInLane);
    assert_eq!(a.selected(), Some(lane.events[k + 1]));
    // The selected event is brought into the window.
    update(&mut a, Action::ZoomIn);
    for _ in 0..8 {
        update(&mut a, Action::ZoomIn);
        update(&mut a, Action::PanRight);
    }
    update(&mut a, Action::NextInLane);
    let (lo, hi) = bounds(&a.data.index, a.selected().unwrap());
    let w = window(&a);
    assert!(hi >= w.from && lo < w.to, "{w:?} shows the event");
    // Past the last event: it stays, with a word.
    update(&mut a, Action::Bottom);
    let last = a.lanes.built.lanes[a.lanes.cursor].events.clone();
    while a.selected() != last.last().copied() {
        update(&mut a, Action::NextInLane);
    }
    update(&mut a, Action::NextInLane);
    assert_eq!(a.selected(), last.last().copied());
    assert!(
        a.view
            .message
            .as_deref()
            .unwrap_or("")
            .contains("last event")
    );
}

#[test]
fn grouping_cycles_person_place_tag_source() {
    let mut a = lanes((80, 24));
    let sel = a.selected();
    let kinds = [
        (Grouping::Place, "place"),
        (Grouping::Tag, "tag"),
        (Grouping::Source, "source"),
        (Grouping::Person, "person"),
    ];
    for (g, name) in kinds {
        update(&mut a, Action::CycleGrouping);
        assert_eq!(a.lanes.grouping, g);
        assert_eq!(g.name(), name);
        assert_eq!(a.selected(), sel, "the selection stays");
        for l in &a.lanes.built.lanes {
            let ok = matches!(
                (g, l.key),
                (_, LaneKey::Nobody)
                    | (Grouping::Person, LaneKey::Person(_))
                    | (Grouping::Place, LaneKey::Place(_))
                    | (Grouping::Tag, LaneKey::Tag(_))
                    | (Grouping::Source, LaneKey::Source(_))
            );
            assert!(ok, "{g:?}: {:?}", l.key);
        }
        // Lanes in order of first appearance (the lane of events without one last).
        let firsts: Vec<i64> = a
            .lanes
            .built
            .lanes
            .iter()
            .filter(|l| l.key != LaneKey::Nobody)
            .map(|l| l.starts[0])
            .collect();
        assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "{g:?}");
    }
}

#[test]
fn enter_opens_the_detail_and_tab_comes_back() {
    let mut a = lanes((80, 24));
    update(&mut a, Action::Down);
    let sel = a.selected();
    update(&mut a, Action::Activate);
    assert_eq!(a.view.focus, Focus::Detail);
    assert_eq!(a.selected(), sel);
    assert!(a.areas().unwrap().detail.height > 2);
    update(&mut a, Action::FocusNext);
    assert_eq!(a.view.focus, Focus::Lanes);
    // `t` jumps to a date and keeps the lanes pane.
    update(&mut a, Action::StartDateJump);
    for c in "1999".chars() {
        update(&mut a, Action::Insert(c));
    }
    update(&mut a, Action::Accept);
    assert_eq!((a.view.focus, a.view.mode), (Focus::Lanes, Mode::Normal));
}

#[test]
fn lanes_keys_in_the_keymap() {
    use annals::keymap::action_for;
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let shifted = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    let n = |f, k| action_for(Mode::Normal, f, k);
    // `z` is time zoom in the lanes pane, pane zoom elsewhere.
    assert_eq!(n(Focus::Lanes, key('z')), Some(Action::ZoomIn));
    assert_eq!(n(Focus::Lanes, shifted('Z')), Some(Action::ZoomOut));
    assert_eq!(n(Focus::Timeline, key('z')), Some(Action::ToggleZoom));
    assert_eq!(n(Focus::Lanes, key('+')), Some(Action::ZoomIn));
    assert_eq!(n(Focus::Lanes, key('-')), Some(Action::ZoomOut));
    assert_eq!(n(Focus::Lanes, key('=')), Some(Action::FitAll));
    assert_eq!(n(Focus::Lanes, key('h')), Some(Action::PanLeft));
    assert_eq!(n(Focus::Lanes, key('l')), Some(Action::PanRight));
    assert_eq!(n(Focus::Lanes, key('[')), Some(Action::PrevInLane));
    assert_eq!(n(Focus::Lanes, key(']')), Some(Action::NextInLane));
    assert_eq!(n(Focus::Lanes, shifted('L')), Some(Action::CycleGrouping));
    assert_eq!(n(Focus::Lanes, key('j')), Some(Action::Down));
    assert_eq!(n(Focus::Timeline, key('v')), Some(Action::ToggleLanes));
    assert_eq!(n(Focus::Lanes, key('v')), Some(Action::ToggleLanes));
    assert_eq!(n(Focus::Detail, key('v')), Some(Action::ToggleLanes));
    // Lanes actions do nothing outside the lanes pane.
    let mut a = app((80, 24), &[]);
    let before = a.nav.list;
    update(&mut a, Action::PanRight);
    update(&mut a, Action::CycleGrouping);
    assert_eq!(a.nav.list, before);
    assert_eq!(a.lanes.grouping, Grouping::Person);
}

#[test]
fn resizing_and_reloading_keep_the_lanes() {
    let mut a = lanes((80, 24));
    update(&mut a, Action::CycleGrouping);
    update(&mut a, Action::ZoomIn);
    let (g, w) = (a.lanes.grouping, window(&a));
    update(&mut a, Action::Resize(200, 60));
    update(&mut a, Action::Resize(20, 5));
    update(&mut a, Action::Resize(80, 24));
    assert_eq!((a.lanes.grouping, window(&a)), (g, w));
    let l = annals::load::load_bundled();
    let index = annals::query::SearchIndex::new(&l.timeline);
    update(
        &mut a,
        annals::app::Msg::Reloaded {
            timeline: l.timeline.into(),
            index: index.into(),
        },
    );
    assert_eq!(a.view.layout, Layout::Lanes);
    assert_eq!((a.lanes.grouping, window(&a)), (g, w));
    assert!(
        !a.lanes.built.lanes.is_empty(),
        "built again for the new data"
    );
}

/// The cursor onto the lane of the person named `name` (lanes by person).
fn to_person(a: &mut App, name: &str) {
    let t = a.data.timeline.clone();
    let at = a
        .lanes
        .built
        .lanes
        .iter()
        .position(
            |l| matches!(l.key, LaneKey::Person(p) if t.people[p as usize].name.contains(name)),
        )
        .unwrap_or_else(|| panic!("no lane for {name}"));
    update(a, Action::Top);
    for _ in 0..at {
        update(a, Action::Down);
    }
    assert_eq!(a.lanes.cursor, at);
}

#[test]
fn w_on_two_people_shows_when_both_were_active() {
    use annals::app::lanes::Overlap;
    let mut a = lanes((140, 40));
    to_person(&mut a, "Qalibaf");
    update(&mut a, Action::MarkOverlap);
    let Overlap::First(q) = a.lanes.overlap.clone() else {
        panic!("{:?}", a.lanes.overlap)
    };
    assert!(
        a.view
            .message
            .as_deref()
            .unwrap()
            .contains("another person")
    );
    to_person(&mut a, "Soleimani");
    update(&mut a, Action::MarkOverlap);
    let Overlap::Shown {
        a: first,
        b,
        periods,
    } = a.lanes.overlap.clone()
    else {
        panic!("{:?}", a.lanes.overlap)
    };
    assert_eq!(first, q);
    // The same periods `annals overlap` finds, the first certain in July 1999.
    let t = &a.data.timeline;
    assert_eq!(*periods, annals::query::overlap::together(t, q, b));
    assert!(!periods.is_empty() && !periods[0].certain.is_empty());
    let y = periods[0].span.0.unwrap().year();
    assert_eq!(y, 1999);
    assert!(a.view.message.as_deref().unwrap().contains("both active"));
    // w on the same lane twice clears; on a lane that is not a person, says why.
    update(&mut a, Action::MarkOverlap);
    update(&mut a, Action::MarkOverlap);
    assert_eq!(a.lanes.overlap, Overlap::Off);
    update(&mut a, Action::CycleGrouping);
    update(&mut a, Action::MarkOverlap);
    assert_eq!(a.lanes.overlap, Overlap::Off);
    assert!(
        a.view
            .message
            .as_deref()
            .unwrap()
            .contains("lanes by person")
    );
}

/// The selected event is always drawn: never the one counted in a lane's `+N`.
#[test]
fn the_selected_event_is_never_hidden_in_a_stack() {
    use annals::app::lanes::{Body, body};
    let mut a = lanes((80, 24));
    let mut checked = 0;
    for _ in 0..12 {
        update(&mut a, Action::Down);
        let (Some(sel), Some(w)) = (a.selected(), a.lanes.window) else {
            continue;
        };
        let lane = &a.lanes.built.lanes[a.lanes.cursor];
        if let Body::Events { rows, hidden } = body(&a, lane, &w, 60) {
            let drawn = rows.iter().flatten().any(|(e, _)| *e == sel);
            assert!(
                drawn,
                "lane {} hides the selected event ({hidden} hidden)",
                a.lanes.cursor
            );
            checked += usize::from(hidden > 0);
        }
    }
    assert!(checked > 0, "no lane with hidden events was checked");
}

#[test]
fn context_neighbours_never_take_a_row_from_a_match() {
    use annals::app::lanes::{Body, body, bounds};
    let mut a = lanes((80, 24));
    typed(&mut a, "qalibaf");
    update(&mut a, Action::ToggleContext);
    let mut checked = 0;
    for zoom in 0..4 {
        let w = window(&a);
        for lane in &a.lanes.built.lanes {
            let Body::Events { rows, hidden } = body(&a, lane, &w, 60) else {
                continue;
            };
            let placed: Vec<_> = rows.iter().flatten().map(|(e, _)| *e).collect();
            let in_window = |e: &&annals::domain::EventIdx| {
                let (lo, hi) = bounds(&a.data.index, **e);
                !(hi < w.from || lo >= w.to)
            };
            let matches_hidden = lane
                .events
                .iter()
                .filter(in_window)
                .any(|e| !a.is_context(*e) && !placed.contains(e));
            let context_placed = placed.iter().filter(|e| a.is_context(**e)).count();
            assert!(
                !(matches_hidden && context_placed > 0),
                "zoom {zoom}: {context_placed} context marks shown while a match is in +{hidden}"
            );
            checked += usize::from(hidden > 0 && lane.events.iter().any(|e| a.is_context(*e)));
        }
        update(&mut a, Action::ZoomIn);
    }
    assert!(checked > 0, "no crowded lane with context was checked");
}

#[test]
fn no_blank_rows_under_the_last_lane_after_a_resize_or_a_narrower_filter() {
    use annals::app::lanes::shown;
    let fill = |a: &App| {
        let g = a.lanes_geometry().unwrap();
        let used: u16 = shown(a, &g).iter().map(|(_, b)| b.height()).sum();
        (used, g.height, a.lanes.offset)
    };
    let mut a = lanes((80, 24));
    update(&mut a, Action::FocusNext);
    if a.view.focus != annals::app::Focus::Lanes {
        update(&mut a, Action::FocusNext);
    }
    update(&mut a, Action::CycleGrouping);
    for _ in 0..40 {
        update(&mut a, Action::Down);
    }
    assert!(a.lanes.offset > 0, "scrolled down");
    update(&mut a, Action::Resize(200, 60));
    let (used, room, offset) = fill(&a);
    assert!(
        used >= room.saturating_sub(2) || offset == 0,
        "{used} of {room} rows from lane {offset}"
    );
    // Fewer lanes after a filter: the ones there are, from the first.
    update(&mut a, Action::Resize(80, 24));
    for _ in 0..40 {
        update(&mut a, Action::Down);
    }
    typed(&mut a, "khatami");
    let (used, room, offset) = fill(&a);
    assert!(
        used >= room.saturating_sub(2) || offset == 0,
        "{used} of {room} rows from lane {offset}"
    );
}
