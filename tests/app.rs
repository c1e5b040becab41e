//! State tests without a terminal: tables of (actions → selected event, focus, mode,
//! filter, shown count, history), run through `update` on the bundled timeline.

use crate::common::app;
use annals::app::{Action, App, Facet, Focus, Mode, update};

pub(crate) fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Insert).collect()
}

/// `/text` then Enter.
pub(crate) fn filter(s: &str) -> Vec<Action> {
    let mut v = vec![Action::StartFilter];
    v.extend(typed(s));
    v.push(Action::Accept);
    v
}

pub(crate) fn cat(parts: &[Vec<Action>]) -> Vec<Action> {
    parts.concat()
}

#[derive(Debug, PartialEq)]
pub(crate) struct Seen {
    pub(crate) selected: Option<String>,
    pub(crate) focus: Focus,
    pub(crate) mode: Mode,
    pub(crate) filter: String,
    pub(crate) shown: usize,
    pub(crate) back: Vec<String>,
    pub(crate) forward: Vec<String>,
}

pub(crate) fn run(actions: &[Action]) -> (App, Seen) {
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
        case("down twice", vec![Down, Down], "green-movement-arrest"),
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
            "green-movement-arrest",
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
            back: &["green-movement-arrest"],
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
