//! The explorer's context toggle (`c`) through the one door: each match's two neighbours
//! from the whole timeline join the list (marked as context), the counts stay the
//! matches', the selection stays put, and a filter run off-thread gets its context when
//! its results are in. Also `with:` and `during:` typed into the explorer's filter.

use crate::app::{cat, filter};
use crate::common::{app, finish};
use annals::app::{Action, App, Msg, update};
use annals::load::load_bundled;

fn ids(a: &App) -> Vec<String> {
    a.filter
        .visible
        .iter()
        .map(|&e| a.data.timeline.event(e).id().to_string())
        .collect()
}

fn context_ids(a: &App) -> Vec<String> {
    a.filter
        .visible
        .iter()
        .filter(|&&e| a.is_context(e))
        .map(|&e| a.data.timeline.event(e).id().to_string())
        .collect()
}

fn selected_id(a: &App) -> Option<String> {
    a.selected()
        .map(|e| a.data.timeline.event(e).id().to_string())
}

#[test]
fn the_context_toggle_message_by_message() {
    // (name, actions after `/pincer` Enter and one step down, shown, of which context,
    // selected, the status message, does the update ask for a scan)
    type Case = (
        &'static str,
        Vec<Action>,
        &'static [&'static str],
        &'static [&'static str],
        &'static str,
        Option<&'static str>,
    );
    let pincer: &[&str] = &["pincer-remark", "pincer-retort"];
    let cases: Vec<Case> = vec![
        ("off", vec![], pincer, &[], "pincer-retort", None),
        (
            "on: two neighbours each, from the whole timeline",
            vec![Action::ToggleContext],
            &[
                "pincer-remark",
                "hamas-rejects-zarif",
                "green-movement-arrest",
                "debate-2013",
                "defeat-2013",
                "pincer-retort",
                "run-2013",
                "iranians-enter-iraq",
            ],
            &[
                "hamas-rejects-zarif",
                "green-movement-arrest",
                "debate-2013",
                "defeat-2013",
                "run-2013",
                "iranians-enter-iraq",
            ],
            "pincer-retort",
            Some("context on"),
        ),
        (
            "again: off, the matches alone",
            vec![Action::ToggleContext, Action::ToggleContext],
            pincer,
            &[],
            "pincer-retort",
            Some("context off"),
        ),
        (
            "off on a neighbour: the nearest match after it",
            vec![Action::ToggleContext, Action::Up, Action::ToggleContext],
            pincer,
            &[],
            "pincer-retort",
            Some("context off"),
        ),
        (
            "a new filter keeps context on (nothing after 2013 matches: the last row)",
            cat(&[vec![Action::ToggleContext], filter("'Najaf")]),
            &[
                "nasr-division",
                "minefields",
                "najaf-base",
                "eternal-light",
                "massacre-1988",
            ],
            &[
                "nasr-division",
                "minefields",
                "eternal-light",
                "massacre-1988",
            ],
            "massacre-1988",
            None,
        ),
        (
            "no filter: everything, nothing as context",
            vec![Action::ToggleContext, Action::ClearAll],
            &[],
            &[],
            "pincer-retort",
            None,
        ),
    ];
    let mut failures = Vec::new();
    for (name, actions, shown, context, selected, message) in cases {
        let mut a = app((80, 24), &cat(&[filter("pincer"), vec![Action::Down]]));
        let mut fx = annals::app::Effects::default();
        for x in actions {
            fx = update(&mut a, x);
        }
        let all = a.filter.visible.len() == a.data.timeline.len();
        let got = (
            if shown.is_empty() && all {
                Vec::new()
            } else {
                ids(&a)
            },
            context_ids(&a),
            selected_id(&a),
            a.view.message.clone(),
            fx.scan.is_some(),
        );
        let ok = got.0 == shown
            && got.1 == context
            && got.2.as_deref() == Some(selected)
            && message.is_none_or(|m| got.3.as_deref().is_some_and(|g| g.starts_with(m)))
            && !got.4;
        if !ok {
            failures.push(format!("{name}: {got:?}"));
        }
        // The counts are the matches' whatever is shown.
        if a.filter.context && a.is_filtered() {
            let matched = a
                .filter
                .visible
                .iter()
                .filter(|&&e| !a.is_context(e))
                .count();
            assert_eq!(a.match_count(), matched, "{name}");
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn an_off_thread_filter_gets_its_context_when_done_and_narrows_from_the_matches() {
    let mut a = App::new(load_bundled().timeline, "bundled", (80, 24)).with_async_from(0);
    update(&mut a, Action::ToggleContext);
    update(&mut a, Action::StartFilter);
    for c in "pincer".chars() {
        let fx = update(&mut a, Action::Insert(c));
        assert!(fx.scan.is_some(), "off-thread");
        finish(&mut a, fx);
    }
    assert_eq!(a.match_count(), 2);
    assert_eq!(a.filter.visible.len(), 8, "{:?}", ids(&a));
    // The next keystroke scans only the matches, never the neighbours.
    let fx = update(&mut a, Action::Insert('-'));
    let base = fx
        .scan
        .as_ref()
        .and_then(|j| j.base.clone())
        .expect("narrowed");
    assert_eq!(base.len(), 2);
    finish(&mut a, fx);
    for c in "retort".chars() {
        let fx = update(&mut a, Action::Insert(c));
        finish(&mut a, fx);
    }
    assert_eq!(a.match_count(), 1);
    assert_eq!(
        context_ids(&a),
        [
            "debate-2013",
            "defeat-2013",
            "run-2013",
            "iranians-enter-iraq"
        ]
    );
}

#[test]
fn a_reload_keeps_context_on() {
    let mut a = app(
        (80, 24),
        &cat(&[filter("pincer"), vec![Action::ToggleContext]]),
    );
    let t = load_bundled().timeline;
    let index = std::sync::Arc::new(annals::query::SearchIndex::new(&t));
    update(
        &mut a,
        Msg::Reloaded {
            timeline: std::sync::Arc::new(t),
            index,
        },
    );
    assert!(a.filter.context);
    assert_eq!((a.match_count(), a.filter.visible.len()), (2, 8));
}

#[test]
fn with_and_during_in_the_explorer_filter() {
    let a = app((80, 24), &filter("with:qalibaf,soleimani"));
    assert_eq!(
        ids(&a),
        [
            "commanders-letter",
            "protests-1999",
            "suppression-1999",
            "campaign-2017"
        ]
    );
    assert!(a.filter.error.is_none());
    // An unknown name or id: the error shows (the last good filter typed stays in force).
    let a = app(
        (80, 24),
        &cat(&[filter("pincer"), filter("with:qalibaf,nobodyatall")]),
    );
    let e = a.filter.error.as_ref().expect("an error");
    assert!(e.message.contains("no person is called"), "{e}");
    assert_eq!(a.filter.text, "with:qalibaf,nobodyatall");
    let a = app((80, 24), &filter("during:protests-199"));
    let e = a.filter.error.as_ref().expect("an error");
    assert!(
        e.message.contains("did you mean during:protests-1999?"),
        "{e}"
    );
    let a = app((80, 24), &filter("during:air-force tag:protests"));
    assert!(
        ids(&a).contains(&"protests-1999".to_string()),
        "{:?}",
        ids(&a)
    );
}

/// The status bar's row (the last of the screen), as text.
fn status_row(a: &App) -> String {
    let t = crate::common::text(&crate::common::buffer(
        a,
        annals::ui::Theme {
            color: false,
            ascii: false,
        },
    ));
    t.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_status_bar_keeps_the_count_under_a_message_and_claims_none_for_a_bad_query() {
    // `c` leaves a long message; at 80 columns the query gives way, never the count.
    let mut a = app((80, 24), &filter("with:qalibaf,soleimani"));
    update(&mut a, Action::ToggleContext);
    assert!(a.view.message.is_some());
    let row = status_row(&a);
    let count = format!("{}/83 +context", a.match_count());
    assert!(row.contains(&count), "{count:?} in {row:?}");
    // An error in the query: the rows are the previous query's, so no count is given.
    let a = app((80, 24), &filter("during:protests-199"));
    assert!(a.filter.error.is_some());
    let row = status_row(&a);
    assert!(row.contains("–/83") && !row.contains("5/83"), "{row:?}");
    assert!(
        row.contains("did you mean during:protests-1999?"),
        "{row:?}"
    );
}

#[test]
fn the_detail_offers_the_way_back_it_has() {
    // Opened from the lanes with no jump behind it: Tab back to the lanes, not Ctrl-o.
    let mut a = app((100, 30), &[Action::ToggleLanes]);
    update(&mut a, Action::Activate);
    assert_eq!(a.view.focus, annals::app::Focus::Detail);
    let row = status_row(&a);
    assert!(
        row.contains("Tab lanes") && !row.contains("back"),
        "{row:?}"
    );
    // After following a link there is a jump to go back along.
    let mut a = app((100, 30), &filter("protests erupt"));
    for x in [
        Action::Activate,
        Action::Down,
        Action::Activate,
        Action::Cancel,
    ] {
        update(&mut a, x);
    }
    assert!(!a.nav.history.back.is_empty());
    assert_eq!(a.view.focus, annals::app::Focus::Detail);
    assert!(status_row(&a).contains("back"), "{}", status_row(&a));
}
