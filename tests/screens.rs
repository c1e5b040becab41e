//! Screen snapshots (insta + ratatui's TestBackend) at 80×24, 100×30, 140×40 and 200×60:
//! start, filtered with highlights, a disputed event's detail, the Sources pane with a
//! source's record, the help and its query syntax, and a too-small terminal.

use crate::common::{app, buffer, text};
use annals::app::{Action, App, update};
use annals::ui::{Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (140, 40), (200, 60)];

/// Runs of cells with `m`, per row: what is highlighted or selected.
fn marked(buf: &Buffer, m: Modifier) -> Vec<String> {
    let w = buf.area.width as usize;
    let mut out = Vec::new();
    for (y, row) in buf.content.chunks(w).enumerate() {
        let mut run = String::new();
        for c in row {
            if c.modifier.contains(m) {
                run.push_str(c.symbol());
            } else if !run.is_empty() {
                out.push(format!("{y}: {}", std::mem::take(&mut run)));
            }
        }
        if !run.is_empty() {
            out.push(format!("{y}: {run}"));
        }
    }
    out
}

fn typed(prefix: Action, s: &str) -> Vec<Action> {
    std::iter::once(prefix)
        .chain(s.chars().map(Action::Insert))
        .collect()
}

fn snap(name: &str, actions: &[Action]) -> Vec<Buffer> {
    SIZES
        .iter()
        .map(|&size| {
            let a = app(size, actions);
            let buf = buffer(
                &a,
                Theme {
                    color: false,
                    ascii: false,
                },
            );
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), text(&buf));
            buf
        })
        .collect()
}

#[test]
fn start_screen() {
    for buf in snap("start", &[]) {
        let rows = marked(&buf, Modifier::REVERSED);
        assert!(
            rows.iter().any(|r| r.starts_with("1:      –2013?")),
            "first event selected in reverse video: {rows:?}"
        );
    }
}

#[test]
fn filtered_screen_highlights_matches() {
    let mut actions = typed(Action::StartFilter, "pincer");
    actions.push(Action::Accept);
    for buf in snap("filtered", &actions) {
        let all = marked(&buf, Modifier::UNDERLINED);
        // The detail pane highlights the match too.
        assert!(
            all.iter()
                .any(|r| r.contains("Pincer") || r.starts_with("1: pincer")),
            "{all:?}"
        );
        let a = app((buf.area.width, buf.area.height), &actions);
        let r = a.areas().unwrap().timeline;
        let mut timeline = Buffer::empty(r);
        for y in r.y..r.y + r.height {
            for x in r.x..r.x + r.width {
                timeline[(x, y)] = buf[(x, y)].clone();
            }
        }
        let hl = marked(&timeline, Modifier::UNDERLINED);
        insta::assert_snapshot!(
            format!("filtered_highlights_{}", buf.area.width),
            hl.join("\n")
        );
        assert!(
            hl.iter().all(|r| {
                let word = r.split(": ").nth(1).unwrap_or("");
                !word.is_empty() && "pincer".starts_with(&word.to_lowercase())
            }),
            "{hl:?}"
        );
        // Both titles hold the match; at 80 columns the second is cut before it.
        let want = if buf.area.width >= 100 { 2 } else { 1 };
        assert_eq!(hl.len(), want, "pincer titles highlighted: {hl:?}");
    }
}

#[test]
fn detail_of_disputed_event() {
    let mut actions = typed(Action::StartFilter, "khatam-anbiya");
    actions.extend([Action::Accept, Action::Activate]);
    for buf in snap("disputed_detail", &actions) {
        let t = text(&buf);
        assert!(t.contains("≠ the sources disagree"), "{t}");
        assert!(t.contains("Khatam al-Anbiya"), "{t}");
    }
}

#[test]
fn sources_pane_tells_every_source_apart() {
    // Focus on the Sources pane: its rows, and the selected source's record beside them.
    let bufs = snap("sources", &[Action::FocusPrev]);
    for (buf, size) in bufs.iter().zip(SIZES) {
        let a = app(size, &[Action::FocusPrev]);
        let r = annals::app::layout::inner(a.areas().unwrap().sources);
        let rows: Vec<String> = (r.y..r.y + r.height)
            .map(|y| {
                (r.x..r.x + r.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .filter(|row| !row.is_empty())
            .collect();
        assert!(rows.len() >= 3, "{size:?}: {rows:?}");
        let mut seen = std::collections::HashSet::new();
        for row in &rows {
            assert!(
                seen.insert(row.clone()),
                "{size:?}: two source rows read the same: {row}"
            );
            let year = row
                .split(|c: char| !c.is_ascii_digit())
                .any(|w| w.len() == 4);
            assert!(year, "{size:?}: no year in {row}");
        }
        assert!(
            text(buf).contains("Source · "),
            "the record of the selected source"
        );
    }
}

#[test]
fn query_syntax_page() {
    // `?` turns the keys' pages (as many as the size needs), then the query syntax.
    for size in SIZES {
        let pages = help_pages(size, &[]);
        let screen = pages
            .iter()
            .find(|p| p.contains("Query syntax"))
            .expect("a query syntax page");
        for example in ["is:disputed", "1997..2005", "person:"] {
            assert!(screen.contains(example), "{example}:\n{screen}");
        }
        insta::assert_snapshot!(format!("query_syntax_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn dates_keep_their_year_in_the_timeline_column() {
    // A small file of one's own with a week-long span: the year is never cut.
    let l = annals::load::load_path(std::path::Path::new("tests/fixtures/apollo.ron")).unwrap();
    for (w, h) in SIZES {
        let a = App::new(l.timeline.clone(), "apollo.ron", (w, h));
        let screen = text(&buffer(
            &a,
            Theme {
                color: false,
                ascii: false,
            },
        ));
        let row = screen
            .lines()
            .find(|l| l.contains("Apollo 8 orbits"))
            .expect("the Apollo 8 row");
        let date = row.split("Apollo 8").next().unwrap();
        // The gutter shows 1968 on this row; the date column must too, whole.
        assert_eq!(date.matches("1968").count(), 2, "at {w}x{h}: {row}");
        assert!(
            !row.contains("Dec …") && !row.contains("…68"),
            "at {w}x{h}: {row}"
        );
        if w >= 100 {
            assert!(row.contains("21–27 Dec 1968"), "at {w}x{h}: {row}");
        }
    }
}

#[test]
fn help_overlay() {
    for buf in snap("help", &[Action::ToggleHelp]) {
        let t = text(&buf);
        assert!(t.contains("Keys"), "{t}");
        assert!(
            !t.contains("Lanes view"),
            "the lanes keys are the lanes view's help\n{t}"
        );
    }
}

/// The help's pages, turned with `?` until they come round again.
fn help_pages(size: (u16, u16), before: &[Action]) -> Vec<String> {
    let mut actions = before.to_vec();
    actions.push(Action::ToggleHelp);
    let mut a = app(size, &actions);
    let plain = Theme {
        color: false,
        ascii: false,
    };
    let first = text(&buffer(&a, plain));
    let mut out = vec![first.clone()];
    for _ in 0..8 {
        update(&mut a, Action::ToggleHelp);
        let t = text(&buffer(&a, plain));
        if t == first {
            return out;
        }
        out.push(t);
    }
    panic!("the help's pages never come round at {size:?}");
}

#[test]
fn every_key_and_query_form_is_described_in_full_at_every_size() {
    use annals::app::layout::Layout;
    for (layout, before) in [
        (Layout::Explorer, vec![]),
        (Layout::Lanes, vec![Action::ToggleLanes]),
    ] {
        let contexts = annals::keymap::contexts(layout);
        for size in [(80, 24), (100, 30), (140, 40)] {
            let pages = help_pages(size, &before);
            let all = pages.join("\n");
            // Nothing is cut (descriptions wrap), and every word of every description
            // and every example is there.
            let inside: String = all
                .lines()
                .filter_map(|l| Some(l.split_once('║')?.1.rsplit_once('║')?.0))
                .collect();
            assert!(!inside.contains('…'), "{size:?} {layout:?}: cut\n{all}");
            let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
            for b in annals::keymap::BINDINGS {
                if contexts.contains(&b.context) {
                    for w in words(b.help) {
                        assert!(
                            all.contains(w),
                            "{size:?} {layout:?}: {:?} lacks {w}",
                            b.help
                        );
                    }
                }
            }
            for (example, what) in annals::query::SYNTAX {
                assert!(all.contains(example), "{size:?}: {example:?}");
                for w in words(what) {
                    assert!(all.contains(w), "{size:?}: {what:?} lacks {w}");
                }
            }
            assert!(pages.iter().any(|p| p.contains("Query syntax")), "{size:?}");
            if layout == Layout::Lanes {
                assert!(all.contains("Lanes view") && all.contains("zoom time in"));
            } else {
                assert!(!all.contains("Lanes view"), "{all}");
            }
        }
    }
}

#[test]
fn too_small() {
    let a = app((50, 12), &[]);
    let t = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: false,
        },
    ));
    insta::assert_snapshot!("too_small_50x12", t);
    assert!(t.contains("too small"));
}

#[test]
fn no_color_means_no_colour_but_still_a_visible_selection() {
    let a = app((80, 24), &[Action::Down]);
    let buf = buffer(
        &a,
        Theme {
            color: false,
            ascii: false,
        },
    );
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(!marked(&buf, Modifier::REVERSED).is_empty());
    let coloured = buffer(
        &a,
        Theme {
            color: true,
            ascii: false,
        },
    );
    assert!(coloured.content.iter().any(|c| c.fg != Color::Reset));
}

#[test]
fn resize_redraws_for_the_new_size() {
    let mut a = app((140, 40), &[Action::Bottom]);
    update(&mut a, Action::Resize(80, 24));
    let t = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: false,
        },
    ));
    assert_eq!(t.lines().count(), 24);
    // The last event, selected by Bottom, is still in the timeline pane at the new size.
    let r = a.areas().unwrap().timeline;
    let pane: Vec<String> = (t.lines().skip(r.y as usize).take(r.height as usize))
        .map(|l| {
            l.chars()
                .skip(r.x as usize)
                .take(r.width as usize)
                .collect()
        })
        .collect();
    assert!(pane.iter().any(|l| l.contains("Qalibaf put at th")), "{t}");
}

#[test]
fn the_byte_saving_backend_leaves_the_same_screen() {
    use annals::tui::thrifty::Thrifty;
    let mut a = app((80, 24), &[]);
    let mut term = Terminal::new(Thrifty::new(TestBackend::new(80, 24))).unwrap();
    let theme = Theme {
        color: true,
        ascii: false,
    };
    for step in [
        Action::Down,
        Action::Down,
        Action::StartFilter,
        Action::Insert('p'),
        Action::Bottom,
    ] {
        update(&mut a, step.clone());
        term.draw(|f| f.render_widget(Screen { app: &a, theme }, f.area()))
            .unwrap();
        let want = buffer(&a, theme);
        assert_eq!(term.backend().inner().buffer(), &want, "after {step:?}");
    }
}

#[test]
fn ascii_mode_draws_only_ascii() {
    let a = app((80, 24), &[Action::Activate]);
    let buf = buffer(
        &a,
        Theme {
            color: false,
            ascii: true,
        },
    );
    let t = text(&buf);
    assert!(t.is_ascii(), "{t}");
    assert!(t.contains("+ Timeline | 83 -"), "an ASCII frame: {t}");
    insta::assert_snapshot!("ascii_80x24", t);
}

#[test]
fn control_codes_in_the_data_never_reach_the_terminal() {
    let src = annals::load::BUNDLED.replace(
        "title: \"Qalibaf born in Torqabeh\"",
        "title: \"Born \\u{1b}]0;pwned\\u{7}\\u{1b}[2J here \\u{202e}evil\"",
    );
    let t = annals::load::load_bytes(src.as_bytes(), "x.ron", annals::load::Format::Ron)
        .expect("valid")
        .timeline;
    let mut a = App::new(t, "x.ron", (100, 30));
    update(&mut a, Action::Activate);
    let buf = buffer(
        &a,
        Theme {
            color: false,
            ascii: false,
        },
    );
    let text = text(&buf);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
    assert!(text.contains("^[]0;pwned"), "{text}");
}

/// Times of day and level 1–2 dates on screen: the timeline column, the detail of a
/// timestamped event (its own offset, then `--utc`) and of a set with its bounds.
#[test]
fn times_and_every_level_on_screen() {
    let l = annals::load::load_path(std::path::Path::new("tests/fixtures/times.ron")).unwrap();
    let theme = Theme {
        color: false,
        ascii: false,
    };
    let pick = |a: &mut App, id: &str| {
        let i = a.data.timeline.event_by_id(id).unwrap();
        while a.selected() != Some(i) {
            update(a, Action::Down);
        }
    };
    for (w, h) in SIZES {
        let mut a = App::new(l.timeline.clone(), "times.ron", (w, h));
        pick(&mut a, "call");
        insta::assert_snapshot!(format!("times_{w}x{h}"), text(&buffer(&a, theme)));
    }
    let mut a = App::new(l.timeline.clone(), "times.ron", (100, 30)).with_utc(true);
    pick(&mut a, "call");
    let screen = text(&buffer(&a, theme));
    assert!(screen.contains("9 July 1999, 18:05:10.25 UTC"), "{screen}");
    let mut a = App::new(l.timeline.clone(), "times.ron", (100, 30));
    pick(&mut a, "oneof");
    insta::assert_snapshot!("times_set_detail_100x30", text(&buffer(&a, theme)));
}

/// Eras are labelled bands under the density strip, cell for cell.
#[test]
fn eras_under_the_density_strip() {
    let l = annals::load::load_path(std::path::Path::new("tests/fixtures/extras.ron")).unwrap();
    let theme = Theme {
        color: false,
        ascii: false,
    };
    for (w, h) in [(80, 24), (140, 40)] {
        let a = App::new(l.timeline.clone(), "extras.ron", (w, h));
        let screen = text(&buffer(&a, theme));
        insta::assert_snapshot!(format!("eras_{w}x{h}"), screen);
        let rows: Vec<&str> = screen.lines().collect();
        let eras = rows[rows.len() - 2];
        assert!(
            eras.contains("├Before") && eras.contains("├Incident"),
            "{eras}"
        );
    }
}

#[test]
fn context_neighbours_are_dimmed_and_marked_without_colour() {
    let mut actions = typed(Action::StartFilter, "pincer");
    actions.extend([Action::Accept, Action::ToggleContext]);
    let a = app((100, 30), &actions);
    let plain = Theme {
        color: false,
        ascii: false,
    };
    let buf = buffer(&a, plain);
    let screen = text(&buf);
    insta::assert_snapshot!("context_100x30", screen);
    let r = a.areas().unwrap().timeline;
    let mut timeline = Buffer::empty(r);
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            timeline[(x, y)] = buf[(x, y)].clone();
        }
    }
    // Every neighbour row is dim and has `·` after its date; the matches neither.
    let rows: Vec<&str> = screen.lines().skip(1).take(8).collect();
    let dim = marked(&timeline, Modifier::DIM);
    for (n, row) in rows.iter().enumerate() {
        let is_match = row.contains("'pincer");
        let pane: String = row.chars().take(50).collect();
        assert_eq!(pane.contains('·'), !is_match, "{row}");
        assert_eq!(
            dim.iter().any(|d| d.starts_with(&format!("{}: ", n + 1))),
            !is_match,
            "{row}: {dim:#?}"
        );
    }
    assert!(screen.contains("2/83 +context"), "{screen}");
    // In ASCII the marker is `|`, still there.
    let ascii = text(&buffer(
        &a,
        Theme {
            color: false,
            ascii: true,
        },
    ));
    assert!(
        ascii.lines().nth(2).unwrap().contains("2016?  |>  Hamas"),
        "{ascii}"
    );
}
