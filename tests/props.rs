//! No panic on any input: property tests for the data loader (mutated, truncated and
//! random files, RON and JSON), the EDTF parser, the query parser and matcher, and the
//! session loader. Each must answer with a value or an error, never a panic.

use annals::app::Msg;
use annals::app::{Action, App, update};
use annals::domain::Edtf;
use annals::load::{BUNDLED, Format, load_bundled, load_bytes};
use annals::query::{Matcher, SearchIndex, parse};
use annals::session::capture;
use annals::session::store;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Restore `s` through the one door; the notice it leaves in the status bar, if any.
fn apply(a: &mut annals::app::App, s: &annals::session::SessionState) -> Option<String> {
    update(a, Msg::Restore(Box::new(s.clone())));
    a.view.message.clone()
}

/// A small valid file (the README's example shape) to mutate quickly.
const SMALL: &str = r#"// A minimal annals timeline.
Timeline(
    title: "Example timeline",
    people: [
        Person(id: "qalibaf", name: "Mohammad Bagher Qalibaf", aliases: ["Ghalibaf"], born: "1961-08"),
        Person(id: "rouhani", name: "Hassan Rouhani", aliases: ["Rohani"]),
    ],
    sources: [ Source(id: "gc", title: "Golden child", published: "2017-05?") ],
    places: [ Place(name: "Ahvaz", aliases: ["Ahwaz"]) ],
    terms:  [ Term(name: "Khatam al-Anbiya", aliases: ["Khatem al-Anbiya"]) ],
    events: [
        Event(id: "born", date: "1961-08", title: "Qalibaf born", people: ["qalibaf"],
              citations: [Cite(source: "gc", locator: "¶4")],
              links: [Link(to: "div", kind: Related)]),
        Event(id: "div", date: "1983", title: "Commands a division", places: ["Ahvaz"],
              citations: [Cite(source: "gc", date: Some("1983-08/1984-08"), note: "age 22")]),
        Event(id: "retort", date: "2013", title: "'pincer'", people: ["rouhani", "qalibaf"],
              citations: [Cite(source: "gc", quote: "Allow the students")],
              links: [Link(to: "born", kind: Refers, note: "earlier")]),
    ],
)
"#;

fn check(bytes: &[u8], format: Format) {
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    match load_bytes(bytes, "p.ron", format) {
        Ok(l) => {
            // A loaded timeline is usable: index it and read every event.
            let ix = SearchIndex::new(&l.timeline);
            assert_eq!(ix.len(), l.timeline.len());
            for e in l.timeline.events() {
                let _ = (
                    e.title(),
                    e.summary(),
                    e.citations().count(),
                    e.links().count(),
                );
            }
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                assert!(d.line >= 1 && d.col >= 1, "{d}");
                assert!(d.line <= lines + 1, "{d} (of {lines} lines)");
            }
        }
    }
}

/// A mutation of a byte string: flip, insert, delete, duplicate a run, or cut.
#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just(b'"'),
                Just(b'('),
                Just(b']'),
                Just(b','),
                Just(b'\\'),
                any::<u8>()
            ]
        )
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<usize>(), 1usize..200).prop_map(|(i, n)| Edit::Duplicate(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply_edits(src: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = src.to_vec();
    for e in edits {
        let len = v.len().max(1);
        match *e {
            Edit::Flip(i, b) if !v.is_empty() => v[i % len] = b,
            Edit::Insert(i, b) => v.insert(i % (v.len() + 1), b),
            Edit::Delete(i, n) if !v.is_empty() => {
                let at = i % len;
                v.drain(at..(at + n).min(v.len()));
            }
            Edit::Duplicate(i, n) if !v.is_empty() => {
                let at = i % len;
                let run: Vec<u8> = v[at..(at + n).min(v.len())].to_vec();
                v.splice(at..at, run);
            }
            Edit::Truncate(i) => v.truncate(i % (v.len() + 1)),
            _ => {}
        }
    }
    v
}

fn bundled_json() -> &'static str {
    static J: OnceLock<String> = OnceLock::new();
    J.get_or_init(|| annals::export::json(&load_bundled().timeline))
}

fn bundled_index() -> &'static (annals::domain::Timeline, SearchIndex) {
    static I: OnceLock<(annals::domain::Timeline, SearchIndex)> = OnceLock::new();
    I.get_or_init(|| {
        let t = load_bundled().timeline;
        let ix = SearchIndex::new(&t);
        (t, ix)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn mutated_ron_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        check(&apply_edits(SMALL.as_bytes(), &edits), Format::Ron);
    }

    #[test]
    fn mutated_bundled_file_never_panics(edits in prop::collection::vec(edit(), 1..4)) {
        check(&apply_edits(BUNDLED.as_bytes(), &edits), Format::Ron);
    }

    #[test]
    fn mutated_json_never_panics(edits in prop::collection::vec(edit(), 1..4)) {
        check(&apply_edits(bundled_json().as_bytes(), &edits), Format::Json);
    }

    #[test]
    fn every_truncation_is_an_error_or_a_timeline(cut in 0usize..SMALL.len()) {
        check(&SMALL.as_bytes()[..cut], Format::Ron);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes, Format::Ron);
        check(&bytes, Format::Json);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        check(text.as_bytes(), Format::Ron);
    }

    #[test]
    fn edtf_parses_or_says_why_and_round_trips(
        s in "[-0-9X?~%/.YESZT:+,\\[\\]{}]{0,28}"
    ) {
        match Edtf::parse(&s) {
            Ok(d) => {
                let text = d.to_edtf();
                prop_assert_eq!(&text, &s);
                let again = Edtf::parse(&text);
                prop_assert_eq!(again, Ok(d.clone()), "{} → {}", s, text);
                prop_assert!(d.sound(), "{}", s);
                let _ = (d.short(), d.long(), d.short_in(true), d.year_short());
                let _ = (d.bounds_iso(), d.normalized(), d.level(), d.compact(true, true));
            }
            Err(e) => prop_assert!(e.column >= 1 && e.column <= s.chars().count() + 1, "{}: {}", s, e),
        }
    }

    #[test]
    fn edtf_never_panics_on_anything(s in "\\PC{0,40}") {
        let _ = Edtf::parse(&s);
    }

    #[test]
    fn queries_parse_or_name_a_column_and_run(s in "[a-z0-9 '^$!|:.\\\\-]{0,30}|(person|p|source|s|place|tag|t):[a-z]{0,6}|\\PC{0,30}") {
        match parse(&s) {
            Ok(q) => {
                let (t, ix) = bundled_index();
                let m = Matcher::new(q, ix);
                for i in m.filter(ix) {
                    let _ = m.highlights(t.event(i).title());
                }
                let _ = m.ranked(ix);
            }
            Err(e) => prop_assert!(e.col >= 1 && e.col <= s.chars().count() + 1, "{e}"),
        }
    }

    #[test]
    fn session_files_load_or_are_set_aside(edits in prop::collection::vec(edit(), 0..5), filter in "\\PC{0,12}") {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(load_bundled().timeline, "bundled", (100, 30));
        update(&mut app, Action::Down);
        update(&mut app, Action::StartFilter);
        for c in filter.chars() {
            update(&mut app, Action::Insert(c));
        }
        let text = store::to_ron(&capture(&app, "bundled:x"));
        let path = dir.path().join("s.ron");
        std::fs::write(&path, apply_edits(text.as_bytes(), &edits)).unwrap();
        if let store::Loaded::Found(s) = store::load(&path, "bundled:x") {
            let mut fresh = App::new(load_bundled().timeline, "bundled", (100, 30));
            apply(&mut fresh, &s);
            // The event the session names is the one selected (its filter gives way if it
            // hides it): true whatever the edits left, as long as the id is in the data.
            if let Some(e) = s.selected.as_ref().and_then(|a| fresh.data.timeline.event_by_id(&a.id)) {
                prop_assert_eq!(fresh.selected(), Some(e));
            }
        }
    }
}
