//! The one door into the explorer's state: every `Msg` with the `Effects` it asks for, a
//! big filter as an effect whose results come back as messages, and reloads that keep the
//! place and never take results meant for the old data.

use crate::app::{cat, filter};
use crate::common::{app, finish};
use annals::app::{Action, App, Msg, update};
use annals::load::load_bundled;

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

fn selected_id(a: &App) -> Option<String> {
    a.selected()
        .map(|e| a.data.timeline.event(e).id().to_string())
}

/// An explorer that filters off-thread from 0 events on, with `pincer` in force and its
/// second match selected.
fn big_on_pincer() -> App {
    let mut a = App::new(load_bundled().timeline, "bundled", (80, 24)).with_async_from(0);
    update(&mut a, Action::StartFilter);
    for c in "pincer".chars() {
        let fx = update(&mut a, Action::Insert(c));
        finish(&mut a, fx);
    }
    update(&mut a, Action::Accept);
    update(&mut a, Action::Down);
    a
}

fn reloaded(t: annals::domain::Timeline) -> Msg {
    let index = std::sync::Arc::new(annals::query::SearchIndex::new(&t));
    Msg::Reloaded {
        timeline: std::sync::Arc::new(t),
        index,
    }
}

#[test]
fn a_reload_of_a_big_file_keeps_the_selection() {
    let mut a = big_on_pincer();
    let before = selected_id(&a);
    assert_eq!(before.as_deref(), Some("pincer-retort"));
    let fx = update(&mut a, reloaded(load_bundled().timeline));
    assert!(fx.new_data);
    finish(&mut a, fx);
    assert_eq!(selected_id(&a), before);
    assert_eq!(a.filter.text, "pincer");
}

#[test]
fn results_for_the_old_data_never_reach_the_new() {
    let mut a = big_on_pincer();
    update(&mut a, Action::StartFilter);
    let fx = update(&mut a, Action::Insert('e'));
    let old_job = fx.scan.expect("a job on the old data");
    let old_index = a.data.index.clone();
    // The file shrinks to six events while the old job still runs.
    let small = annals::load::load_path(std::path::Path::new("tests/fixtures/apollo.ron"))
        .unwrap()
        .timeline;
    let fx = update(&mut a, reloaded(small));
    finish(&mut a, fx);
    let mut late = Vec::new();
    annals::query::scan::run(&old_job, &old_index, &|| false, &mut |r| late.push(r));
    for r in late {
        update(&mut a, Msg::Scanned(r));
    }
    let n = a.data.timeline.len();
    assert!(
        a.filter.visible.iter().all(|&i| (i as usize) < n),
        "an old result points past the new data: {:?} of {n}",
        a.filter.visible
    );
}
