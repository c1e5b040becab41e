//! State tests without a terminal: tables of (actions → selected event, focus, mode,
//! filter, shown count, history), run through `update` on the bundled timeline.

use crate::common::app;
use annals::app::{Action, App, Facet, Focus, Mode, update};
use annals::load::load_bundled;

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Insert).collect()
}

/// `/text` then Enter.
fn filter(s: &str) -> Vec<Action> {
    let mut v = vec![Action::StartFilter];
    v.extend(typed(s));
    v.push(Action::Accept);
    v
}

fn cat(parts: &[Vec<Action>]) -> Vec<Action> {
    parts.concat()
}

#[derive(Debug, PartialEq)]
struct Seen {
    selected: Option<String>,
    focus: Focus,
    mode: Mode,
    filter: String,
    shown: usize,
    back: Vec<String>,
    forward: Vec<String>,
}

fn run(actions: &[Action]) -> (App, Seen) {
    let mut a = app((80, 24), &[]);
    for x in actions.iter().cloned() {
        update(&mut a, x);
    }
    let id = |e: &u32| a.data.timeline.event(*e).id().to_string();
    let seen = Seen {
        selected: a.selected().map(|e| id(&e)),
        focus: a.view.focus,
        mode: a.view.mode,
        filter: a.filter.text.clone(),
        shown: a.filter.visible.len(),
        back: a.nav.history.back.iter().map(id).collect(),
        forward: a.nav.history.forward.iter().map(id).collect(),
    };
    (a, seen)
}

struct Case {
    name: &'static str,
    actions: Vec<Action>,
    selected: &'static str,
    focus: Focus,
    mode: Mode,
    filter: &'static str,
    shown: usize,
    back: &'static [&'static str],
    forward: &'static [&'static str],
}

fn case(name: &'static str, actions: Vec<Action>, selected: &'static str) -> Case {
    Case {
        name,
        actions,
        selected,
        focus: Focus::Timeline,
        mode: Mode::Normal,
        filter: "",
        shown: 83,
        back: &[],
        forward: &[],
    }
}

#[test]
fn update_table() {
    use Action::*;
    let to_protests = filter("protests erupt");
    let follow_retort = cat(&[
        to_protests.clone(),
        vec![Activate, Down, Down, Down, Activate],
    ]);
    let cases = vec![
        case("start", vec![], "pincer-remark"),
        case("down twice", vec![Down, Down], "hamas-rejects-zarif"),
        case("up stops at the top", vec![Up, Up], "pincer-remark"),
        case("last", vec![Bottom], "speaker-2020"),
        case("last then first", vec![Bottom, Top], "pincer-remark"),
        Case {
            mode: Mode::Filter,
            filter: "pincer",
            shown: 2,
            ..case(
                "typing filters live",
                cat(&[vec![StartFilter], typed("pincer")]),
                "pincer-remark",
            )
        },
        Case {
            filter: "pincer",
            shown: 2,
            ..case("Enter keeps the filter", filter("pincer"), "pincer-remark")
        },
        case(
            "Esc clears the filter and keeps the event",
            cat(&[vec![StartFilter], typed("pincer"), vec![Cancel]]),
            "pincer-remark",
        ),
        Case {
            filter: "pincer",
            shown: 2,
            ..case(
                "down while typing",
                cat(&[vec![StartFilter], typed("pincer"), vec![Down, Accept]]),
                "pincer-retort",
            )
        },
        Case {
            filter: "pincer zz",
            shown: 0,
            ..case("no match", filter("pincer zz"), "")
        },
        Case {
            filter: "protests erupt",
            shown: 1,
            ..case(
                "find the 1999 protests",
                to_protests.clone(),
                "protests-1999",
            )
        },
        Case {
            focus: Focus::Detail,
            filter: "protests erupt",
            shown: 1,
            ..case(
                "Enter opens the detail",
                cat(&[to_protests.clone(), vec![Activate]]),
                "protests-1999",
            )
        },
        Case {
            focus: Focus::Detail,
            back: &["protests-1999"],
            ..case(
                "following a hidden link clears the filter",
                follow_retort.clone(),
                "pincer-retort",
            )
        },
        Case {
            focus: Focus::Detail,
            forward: &["pincer-retort"],
            ..case(
                "back",
                cat(&[follow_retort.clone(), vec![Back]]),
                "protests-1999",
            )
        },
        Case {
            focus: Focus::Detail,
            back: &["protests-1999"],
            ..case(
                "back then forward",
                cat(&[follow_retort.clone(), vec![Back, Forward]]),
                "pincer-retort",
            )
        },
        Case {
            focus: Focus::Detail,
            back: &["protests-1999", "pincer-retort"],
            ..case(
                "a new jump drops the forward list",
                cat(&[
                    follow_retort.clone(),
                    vec![Back, Back, Forward, Activate, Activate],
                ]),
                "pincer-remark",
            )
        },
        case("tab cycles", vec![FocusNext; 4], "pincer-remark"),
        Case {
            focus: Focus::Sources,
            ..case("shift-tab goes back", vec![FocusPrev], "pincer-remark")
        },
        Case {
            focus: Focus::People,
            shown: 44,
            ..case(
                "a person facet",
                vec![FocusNext, FocusNext, Activate],
                "pincer-remark",
            )
        },
        Case {
            focus: Focus::People,
            ..case(
                "Enter again removes it",
                vec![FocusNext, FocusNext, Activate, Activate],
                "pincer-remark",
            )
        },
        Case {
            focus: Focus::People,
            ..case(
                "x removes the newest facet",
                vec![FocusNext, FocusNext, Activate, RemoveFacet],
                "pincer-remark",
            )
        },
        Case {
            back: &["pincer-remark"],
            ..case(
                "date jump to a year",
                cat(&[vec![StartDateJump], typed("2013"), vec![Accept]]),
                "baton-remark",
            )
        },
        Case {
            back: &["pincer-remark"],
            ..case(
                "date jump to a month",
                cat(&[vec![StartDateJump], typed("1999-07"), vec![Accept]]),
                "commanders-letter",
            )
        },
        case(
            "click selects a row",
            vec![Click(5, 3)],
            "hamas-rejects-zarif",
        ),
        case("the wheel moves by three", vec![WheelDown(5, 3)], "born"),
        Case {
            focus: Focus::People,
            ..case("click focuses a pane", vec![Click(3, 18)], "pincer-remark")
        },
        case(
            "a bad date is refused",
            cat(&[vec![StartDateJump], typed("19x9"), vec![Accept]]),
            "pincer-remark",
        ),
        Case {
            back: &["hamas-rejects-zarif"],
            ..case(
                "marks",
                vec![
                    StartSetMark,
                    SetMark('a'),
                    Down,
                    Down,
                    StartJumpMark,
                    JumpMark('a'),
                ],
                "pincer-remark",
            )
        },
        case(
            "an unset mark does nothing",
            vec![StartJumpMark, JumpMark('z')],
            "pincer-remark",
        ),
        Case {
            mode: Mode::Help,
            ..case("help opens", vec![ToggleHelp], "pincer-remark")
        },
        Case {
            mode: Mode::Help,
            ..case(
                "? again: the query syntax",
                vec![ToggleHelp, ToggleHelp],
                "pincer-remark",
            )
        },
        case(
            "any other key closes help",
            vec![ToggleHelp, Cancel],
            "pincer-remark",
        ),
        case(
            "keys do nothing under help",
            vec![ToggleHelp, Down, Cancel],
            "pincer-remark",
        ),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        let (_, seen) = run(&c.actions);
        let want = Seen {
            selected: (!c.selected.is_empty()).then(|| c.selected.to_string()),
            focus: c.focus,
            mode: c.mode,
            filter: c.filter.to_string(),
            shown: c.shown,
            back: c.back.iter().map(|s| s.to_string()).collect(),
            forward: c.forward.iter().map(|s| s.to_string()).collect(),
        };
        if seen != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {seen:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_bad_query_keeps_the_last_good_one() {
    let (a, seen) = run(&cat(&[vec![Action::StartFilter], typed("pincer |")]));
    assert_eq!(seen.shown, 2, "the last good query stays in force");
    let err = a.filter.error.expect("error shown");
    assert!(err.message.contains('|'), "{}", err.message);
    let (a, _) = run(&cat(&[
        vec![Action::StartFilter],
        typed("pincer |"),
        vec![Action::DeleteChar],
    ]));
    assert!(a.filter.error.is_none());
}

#[test]
fn counts_follow_the_filter() {
    let (a, _) = run(&filter("pincer"));
    let t = &a.data.timeline;
    let rouhani = t.people.iter().position(|p| p.id == "rouhani").unwrap();
    let qalibaf = t.people.iter().position(|p| p.id == "qalibaf").unwrap();
    assert_eq!(a.filter.counts.people[rouhani], 2);
    assert_eq!(a.filter.counts.people[qalibaf], 2);
    assert_eq!(a.filter.counts.years.iter().sum::<u32>(), 2);
    let (full, _) = run(&[]);
    assert_eq!(full.filter.counts.years.iter().sum::<u32>(), 83);
    assert!(full.filter.counts.people[qalibaf] > 40);
}

#[test]
fn facets_combine_with_the_filter() {
    let mut a = app((80, 24), &[]);
    for x in filter("protests") {
        update(&mut a, x);
    }
    let before = a.filter.visible.len();
    update(&mut a, Action::FocusPrev); // sources
    update(&mut a, Action::Down); // the second source
    update(&mut a, Action::Activate);
    assert_eq!(a.filter.facets, vec![Facet::Source(1)]);
    assert!(a.filter.visible.len() < before && !a.filter.visible.is_empty());
    for &e in &a.filter.visible {
        assert!(a.data.timeline.event(e).citations().any(|c| c.source == 1));
    }
    update(&mut a, Action::ClearAll);
    assert_eq!((a.filter.visible.len(), a.filter.text.as_str()), (83, ""));
}

#[test]
fn paging_keeps_the_cursor_on_screen() {
    let mut a = app((80, 24), &[]);
    let page = a.page(Focus::Timeline);
    for _ in 0..3 {
        update(&mut a, Action::PageDown);
    }
    assert_eq!(a.nav.list.cursor, 3 * page);
    assert!(a.nav.list.offset <= a.nav.list.cursor && a.nav.list.cursor < a.nav.list.offset + page);
    update(&mut a, Action::HalfUp);
    assert_eq!(a.nav.list.cursor, 3 * page - page / 2);
    update(&mut a, Action::Resize(80, 16));
    let page = a.page(Focus::Timeline);
    assert!(a.nav.list.cursor < a.nav.list.offset + page);
}

#[test]
fn quit() {
    let mut a = app((80, 24), &[]);
    assert!(update(&mut a, Action::Quit).quit);
    let mut a = app((80, 24), &[]);
    update(&mut a, Action::StartFilter);
    assert!(
        update(&mut a, Action::Quit).quit,
        "Ctrl-c quits from the prompt too"
    );
    assert!(!update(&mut app((80, 24), &[]), Action::Down).quit);
}

#[test]
fn readme_key_table_is_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&annals::keymap::markdown()),
        "README's key table differs from the keymap; paste annals::keymap::markdown() into it"
    );
}

#[test]
fn keymap_has_no_key_bound_twice_in_one_place() {
    use annals::keymap::{BINDINGS, CONTEXTS, label};
    for c in CONTEXTS {
        let mut seen = std::collections::HashSet::new();
        for b in BINDINGS.iter().filter(|b| b.context == c) {
            for k in b.keys {
                assert!(seen.insert(*k), "{} bound twice in {:?}", label(k), c);
            }
        }
    }
}

#[test]
fn keys_become_actions() {
    use annals::keymap::action_for;
    use crossterm::event::{KeyCode as C, KeyEvent, KeyModifiers as M};
    let key = |c, m| KeyEvent::new(c, m);
    let n = |m, f, k| action_for(m, f, k);
    use Focus::*;
    use Mode::*;
    assert_eq!(
        n(Normal, Timeline, key(C::Char('G'), M::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(
        n(Normal, Timeline, key(C::Tab, M::NONE)),
        Some(Action::FocusNext)
    );
    assert_eq!(
        n(Normal, Timeline, key(C::Char('i'), M::CONTROL)),
        Some(Action::Forward)
    );
    assert_eq!(
        n(Normal, Timeline, key(C::BackTab, M::SHIFT)),
        Some(Action::FocusPrev)
    );
    assert_eq!(
        n(Normal, Detail, key(C::Enter, M::NONE)),
        Some(Action::Activate)
    );
    assert_eq!(
        n(Normal, Detail, key(C::Char('q'), M::NONE)),
        Some(Action::Quit)
    );
    assert_eq!(
        n(Filter, Timeline, key(C::Char('q'), M::NONE)),
        Some(Action::Insert('q'))
    );
    assert_eq!(
        n(Filter, Timeline, key(C::Char('c'), M::CONTROL)),
        Some(Action::Quit)
    );
    assert_eq!(
        n(Filter, Timeline, key(C::Backspace, M::NONE)),
        Some(Action::DeleteChar)
    );
    assert_eq!(
        n(Normal, Timeline, key(C::Backspace, M::NONE)),
        Some(Action::Back)
    );
    assert_eq!(
        n(SetMark, Timeline, key(C::Char('a'), M::NONE)),
        Some(Action::SetMark('a'))
    );
    assert_eq!(
        n(Help, Timeline, key(C::Char('j'), M::NONE)),
        Some(Action::Cancel)
    );
    assert_eq!(
        n(Help, Timeline, key(C::Char('?'), M::NONE)),
        Some(Action::ToggleHelp)
    );
    assert_eq!(
        n(Filter, Timeline, key(C::Up, M::NONE)),
        Some(Action::HistoryPrev)
    );
    assert_eq!(
        n(Normal, People, key(C::Char('/'), M::NONE)),
        Some(Action::StartFind)
    );
    assert_eq!(n(Normal, Timeline, key(C::Char('Z'), M::SHIFT)), None);
}

// ---- Issue: an explorer you can trust ----

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
        let y: i32 = typed_date.parse().unwrap();
        let from = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
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

/// What an update asked of the loop, in short: (scan job?, new data?, copy?, open?,
/// suspend?, quit?).
type Fx = (bool, bool, bool, bool, bool, bool);

fn fx_of(fx: &annals::app::Effects) -> Fx {
    (
        fx.scan.is_some(),
        fx.new_data,
        fx.copy.is_some(),
        fx.open.is_some(),
        fx.suspend,
        fx.quit,
    )
}

#[test]
fn messages_and_their_effects() {
    use annals::app::{Msg, capture};
    use std::sync::Arc;
    let none = (false, false, false, false, false, false);
    let bundled = || {
        let t = load_bundled().timeline;
        let ix = annals::query::SearchIndex::new(&t);
        (Arc::new(t), Arc::new(ix))
    };
    // (name, messages after a filter on "pincer" and one step down, what the last one asks,
    // the selected event after it, a check on the state)
    type Check = fn(&App) -> bool;
    type Case = (&'static str, Vec<Msg>, Fx, &'static str, Check);
    let cases: Vec<Case> = vec![
        (
            "a key",
            vec![Msg::Action(Action::Up)],
            none,
            "pincer-remark",
            |_| true,
        ),
        (
            "quit",
            vec![Msg::Action(Action::Quit)],
            (false, false, false, false, false, true),
            "pincer-retort",
            |_| true,
        ),
        (
            "suspend",
            vec![Msg::Action(Action::Suspend)],
            (false, false, false, false, true, false),
            "pincer-retort",
            |_| true,
        ),
        (
            "copy",
            vec![Msg::Action(Action::CopyCitation)],
            (false, false, true, false, false, false),
            "pincer-retort",
            |a| a.view.message.is_some(),
        ),
        (
            "a reload keeps the place and moves the filter",
            {
                let (t, index) = bundled();
                vec![Msg::Reloaded { timeline: t, index }]
            },
            (false, true, false, false, false, false),
            "pincer-retort",
            |a| {
                a.filter.text == "pincer"
                    && a.filter.visible.len() == 2
                    && a.view.data_error.is_none()
            },
        ),
        (
            "a broken file keeps the last good data",
            vec![Msg::ReloadFailed("x.ron:3:5: error: …".into())],
            none,
            "pincer-retort",
            |a| {
                a.view.data_error.as_deref() == Some("x.ron:3:5: error: …")
                    && a.filter.visible.len() == 2
            },
        ),
        (
            "an unsaved session is a warning",
            vec![Msg::SessionUnsaved(std::io::ErrorKind::PermissionDenied)],
            none,
            "pincer-retort",
            |a| {
                a.view
                    .message
                    .as_deref()
                    .is_some_and(|m| m.contains("cannot be saved"))
            },
        ),
        (
            "a notice",
            vec![Msg::Notice("hello".into())],
            none,
            "pincer-retort",
            |a| a.view.message.as_deref() == Some("hello"),
        ),
        (
            "a restore",
            {
                let mut other = app((80, 24), &[]);
                update(&mut other, Action::Bottom);
                vec![Msg::Restore(Box::new(capture(&other, "bundled")))]
            },
            none,
            "speaker-2020",
            |a| a.filter.text.is_empty(),
        ),
    ];
    let mut failures = Vec::new();
    for (name, msgs, want_fx, want_sel, check) in cases {
        let mut a = app((80, 24), &cat(&[filter("pincer"), vec![Action::Down]]));
        let mut fx = annals::app::Effects::default();
        for m in msgs {
            fx = update(&mut a, m);
        }
        let sel = a
            .selected()
            .map(|e| a.data.timeline.event(e).id().to_string());
        if fx_of(&fx) != want_fx || sel.as_deref() != Some(want_sel) || !check(&a) {
            failures.push(format!(
                "{name}: effects {:?}, selected {sel:?}",
                fx_of(&fx)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_big_filter_is_an_effect_and_its_results_come_back_as_messages() {
    use annals::app::Msg;
    let t = load_bundled().timeline;
    let mut a = App::new(t, "bundled", (80, 24)).with_async_from(0);
    update(&mut a, Action::StartFilter);
    let fx = update(&mut a, Action::Insert('q'));
    let job = fx.scan.expect("off the UI thread from 0 events on");
    assert!(a.filter.scanning.is_some());
    let mut results = Vec::new();
    annals::query::scan::run(&job, &a.data.index.clone(), &|| false, &mut |r| {
        results.push(r)
    });
    for r in results {
        assert!(update(&mut a, Msg::Scanned(r)).is_empty());
    }
    assert!(a.filter.scanning.is_none());
    let want = annals::query::Matcher::new(annals::query::parse("q").unwrap(), &a.data.index)
        .filter(&a.data.index);
    assert_eq!(a.filter.visible, want);
}
