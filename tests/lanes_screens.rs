//! Snapshots of the lanes view (insta + ratatui's TestBackend) on the bundled timeline,
//! by person and by tag, and on a fixture with BCE spans, open ends, uncertain bounds,
//! lives and eras; without colour and in ASCII; a crowded lane shaded; data's names
//! escaped; sizes down to 1×1; the README's capture; and, in a real pseudo-terminal, no
//! bytes sent while the lanes view is idle.

use crate::common::{app, buffer, text};
use annals::app::{Action, App, update};
use annals::ui::Theme;
use ratatui::style::{Color, Modifier};

const PLAIN: Theme = Theme {
    color: false,
    ascii: false,
};

fn fixture(size: (u16, u16), actions: &[Action]) -> App {
    let l = annals::load::load_path(std::path::Path::new("tests/fixtures/lanes.ron")).unwrap();
    let mut a = App::new(l.timeline, "lanes.ron", size);
    for x in actions.iter().cloned() {
        update(&mut a, x);
    }
    a
}

#[test]
fn bundled_by_person() {
    for size in [(80, 24), (140, 40)] {
        let a = app(size, &[Action::ToggleLanes]);
        let t = text(&buffer(&a, PLAIN));
        insta::assert_snapshot!(format!("lanes_person_{}x{}", size.0, size.1), t);
        assert!(t.contains("Lanes · by person"), "{t}");
        assert!(t.contains("Mohammad B"), "{t}");
        // Tick labels along the axis: decades of the bundled years.
        assert!(t.contains("1970") || t.contains("1980"), "{t}");
    }
}

#[test]
fn bundled_by_tag() {
    for size in [(80, 24), (140, 40)] {
        let a = app(
            size,
            &[
                Action::ToggleLanes,
                Action::CycleGrouping,
                Action::CycleGrouping,
            ],
        );
        let t = text(&buffer(&a, PLAIN));
        insta::assert_snapshot!(format!("lanes_tag_{}x{}", size.0, size.1), t);
        assert!(t.contains("Lanes · by tag"), "{t}");
    }
}

#[test]
fn fixture_bce_open_uncertain() {
    for size in [(80, 24), (140, 40)] {
        let a = fixture(size, &[Action::ToggleLanes]);
        let t = text(&buffer(&a, PLAIN));
        insta::assert_snapshot!(format!("lanes_fixture_{}x{}", size.0, size.1), t);
        assert!(t.contains("BCE"), "BCE tick labels: {t}");
        assert!(t.contains('▶'), "an open end: {t}");
        assert!(t.contains('◀'), "an open start: {t}");
        assert!(t.contains('·'), "uncertain ends dotted: {t}");
        assert!(t.contains("├Civil wars"), "eras along the axis: {t}");
    }
}

#[test]
fn fixture_no_color_and_ascii() {
    let a = fixture((80, 24), &[Action::ToggleLanes]);
    let buf = buffer(&a, PLAIN);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The selected event and the cursor's lane show without colour.
    let reversed = buf
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    assert!(reversed > 1, "{}", text(&buf));
    let coloured = buffer(
        &a,
        Theme {
            color: true,
            ascii: false,
        },
    );
    assert!(coloured.content.iter().any(|c| c.fg != Color::Reset));
    let ascii = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: true,
        },
    ));
    assert!(ascii.is_ascii(), "{ascii}");
    assert!(
        ascii.contains('>') && ascii.contains('<') && ascii.contains('#'),
        "{ascii}"
    );
    insta::assert_snapshot!("lanes_fixture_ascii_80x24", ascii);
}

#[test]
fn never_panics_at_any_size() {
    for size in [
        (1, 1),
        (20, 5),
        (59, 14),
        (60, 15),
        (80, 24),
        (200, 60),
        (300, 3),
    ] {
        for grouping in 0..4 {
            let mut actions = vec![Action::ToggleLanes];
            actions.extend(std::iter::repeat_n(Action::CycleGrouping, grouping));
            actions.extend([Action::ZoomIn, Action::Down, Action::NextInLane]);
            for a in [app(size, &actions), fixture(size, &actions)] {
                let t = text(&buffer(&a, PLAIN));
                assert_eq!(t.split('\n').count(), size.1 as usize);
            }
        }
    }
}

#[test]
fn names_from_the_data_are_escaped() {
    let src = annals::load::BUNDLED.replace(
        "name: \"Mohammad Bagher Qalibaf\"",
        "name: \"\\u{1b}]0;pwned\\u{7}\\u{202e}Q\"",
    );
    let t = annals::load::load_bytes(src.as_bytes(), "x.ron", annals::load::Format::Ron)
        .expect("valid")
        .timeline;
    let mut a = App::new(t, "x.ron", (140, 40));
    update(&mut a, Action::ToggleLanes);
    let screen = text(&buffer(&a, PLAIN));
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}') && !screen.contains('\u{202e}')
    );
    assert!(screen.contains("^[]0;pwned"), "{screen}");
}

#[test]
fn crowded_lanes_are_shaded_by_events_per_cell() {
    // The bundled events five times over: Qalibaf's lane holds well over 96 of them.
    let text_of = crate::common::big::big_ron(5);
    let t = annals::load::load_bytes(text_of.as_bytes(), "big.ron", annals::load::Format::Ron)
        .expect("valid")
        .timeline;
    let mut a = App::new(t, "big.ron", (80, 24));
    update(&mut a, Action::ToggleLanes);
    let lane = &a.lanes.built.lanes[0];
    assert!(lane.events.len() > annals::app::lanes::EVENTS_MAX);
    let g = a.lanes_geometry().unwrap();
    let shown = annals::app::lanes::shown(&a, &g);
    assert!(matches!(shown[0].1, annals::app::lanes::Body::Density(_)));
    let screen = text(&buffer(&a, PLAIN));
    let row = screen.lines().nth(g.top as usize).unwrap();
    assert!(row.contains('█') && row.contains('░'), "{screen}");
    assert!(
        !row.contains('·'),
        "no single events in a shaded lane: {row}"
    );
    let ascii = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: true,
        },
    ));
    let row = ascii.lines().nth(g.top as usize).unwrap();
    assert!(row.contains('#') && row.contains('.'), "{ascii}");
    insta::assert_snapshot!("lanes_crowded_80x24", screen);
}

#[test]
fn readme_shows_the_lanes_as_drawn() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let a = app((80, 24), &[Action::ToggleLanes]);
    let screen = text(&buffer(&a, PLAIN));
    assert!(
        readme.contains(&screen),
        "README's lanes capture differs from the screen:\n{screen}"
    );
}

#[test]
fn the_lanes_view_in_a_terminal_sends_nothing_while_idle() {
    use crate::common::Pty;
    use std::time::Duration;
    let state = tempfile::tempdir().unwrap();
    let mut t = Pty::sh(r#"exec "$0""#, 80, 24, state.path());
    t.wait_for(&["Timeline · 83", "q quit"]);
    t.keys("v");
    t.wait_for(&["Lanes · by person · 38", "v list"]);
    t.keys("L");
    t.wait_for(&["Lanes · by place"]);
    t.pump(Duration::from_millis(300));
    let before = t.raw.len();
    for _ in 0..10 {
        t.pump(Duration::from_millis(100));
    }
    assert_eq!(t.raw.len() - before, 0, "bytes sent while idle");
    // v goes back to the list.
    t.keys("v");
    t.wait_for(&["Timeline · 83"]);
    t.keys("q");
}

/// `w` on Qalibaf's lane and then Soleimani's: the periods when both were active on the
/// ruler (certain `━`, possible `┅`; ASCII `=`, `~`), the two named in the title.
#[test]
fn two_peoples_overlap_on_the_ruler() {
    let mut a = app((140, 40), &[Action::ToggleLanes]);
    let t = a.data.timeline.clone();
    let lane_of = |a: &App, name: &str| {
        a.lanes
            .built
            .lanes
            .iter()
            .position(|l| {
                matches!(l.key, annals::app::lanes::LaneKey::Person(p)
                    if t.people[p as usize].name.contains(name))
            })
            .unwrap()
    };
    for name in ["Qalibaf", "Soleimani"] {
        update(&mut a, Action::Top);
        for _ in 0..lane_of(&a, name) {
            update(&mut a, Action::Down);
        }
        update(&mut a, Action::MarkOverlap);
    }
    let plain = text(&buffer(&a, PLAIN));
    assert!(
        plain.contains("both: Mohammad Bagher Qalibaf & Qassem Soleimani"),
        "{plain}"
    );
    // Certain (`━`, or `┳` where a tick falls on it) and possible (`┅`).
    assert!(
        (plain.contains('━') || plain.contains('┳')) && plain.contains('┅'),
        "{plain}"
    );
    insta::assert_snapshot!("lanes_overlap_140x40", plain);
    let ascii = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: true,
        },
    ));
    assert!(ascii.contains('=') && ascii.contains('~'), "{ascii}");
}

#[test]
fn titles_follow_their_marks_where_the_row_is_free_and_never_cover_one() {
    use annals::app::lanes::{Body, shown};
    let mut titled = 0;
    for size in [(80, 24), (140, 40), (200, 60)] {
        for zoom in 0..3 {
            let mut actions = vec![Action::ToggleLanes];
            actions.extend(std::iter::repeat_n(Action::ZoomIn, zoom));
            let a = app(size, &actions);
            let buf = buffer(&a, PLAIN);
            let g = a.lanes_geometry().unwrap();
            let mut y = g.top;
            for (_, body) in shown(&a, &g) {
                if let Body::Events { rows, .. } = &body {
                    for (r, sub) in rows.iter().enumerate() {
                        let row = y + u16::try_from(r).unwrap();
                        if row >= g.top + g.height {
                            break;
                        }
                        let line: String = (g.body_x..g.body_x + g.width)
                            .map(|x| buf[(x, row)].symbol().to_string())
                            .collect();
                        for (e, m) in sub {
                            let at = buf[(g.body_x + m.from, row)].symbol().to_string();
                            assert!(
                                ["█", "·", "│", "◀", "▶", "▒", "░", "╎"].contains(&at.as_str()),
                                "{size:?}: a title covers a mark: {line}"
                            );
                            let title = a.data.timeline.event(*e).title();
                            let start: String = title.chars().take(5).collect();
                            let after: String = line.chars().skip(m.to as usize + 2).collect();
                            titled += usize::from(after.starts_with(&start));
                        }
                    }
                }
                y += body.height();
            }
        }
    }
    assert!(titled > 10, "only {titled} titles shown");
}

#[test]
fn context_neighbours_are_marked_without_colour() {
    // Without colour (and on a terminal that ignores dim) a neighbour shown for context
    // still differs from a match: `▒` and `╎` (ASCII `%` and `:`).
    let mut actions = vec![Action::ToggleLanes, Action::StartFilter];
    actions.extend("students".chars().map(Action::Insert));
    actions.push(Action::Accept);
    let off = app((140, 40), &actions);
    actions.push(Action::ToggleContext);
    let on = app((140, 40), &actions);
    assert!(on.filter.visible.iter().any(|&e| on.is_context(e)));
    let plain = |a: &App| text(&buffer(a, PLAIN));
    let lanes_part = |t: String| -> String {
        t.lines()
            .map(|l| l.chars().take(90).collect::<String>() + "\n")
            .collect()
    };
    let (off, on_text) = (lanes_part(plain(&off)), lanes_part(plain(&on)));
    assert!(!off.contains('▒') && !off.contains('╎'), "{off}");
    assert!(on_text.contains('▒') || on_text.contains('╎'), "{on_text}");
    // Every cell of a neighbour's mark, sure or not, is drawn as a neighbour's.
    let buf = buffer(&on, PLAIN);
    let g = on.lanes_geometry().unwrap();
    let mut y = g.top;
    let mut cells = 0;
    for (_, body) in annals::app::lanes::shown(&on, &g) {
        if let annals::app::lanes::Body::Events { rows, .. } = &body {
            for (r, sub) in rows.iter().enumerate() {
                let row = y + u16::try_from(r).unwrap();
                for (e, m) in sub.iter().filter(|(e, _)| on.is_context(*e)) {
                    for c in m.from..=m.to {
                        let s = buf[(g.body_x + c, row)].symbol().to_string();
                        let later = sub
                            .iter()
                            .any(|(f, n)| f != e && (n.from..=n.to).contains(&c));
                        if !later {
                            assert!(
                                ["▒", "░", "╎", "◀", "▶"].contains(&s.as_str()),
                                "{s:?}\n{on_text}"
                            );
                            cells += 1;
                        }
                    }
                }
            }
        }
        y += body.height();
    }
    assert!(cells > 0);
    let ascii = text(&buffer(
        &on,
        Theme {
            color: false,
            ascii: true,
        },
    ));
    assert!(
        lanes_part(ascii.clone()).contains('%') || lanes_part(ascii.clone()).contains(':'),
        "{ascii}"
    );
}
