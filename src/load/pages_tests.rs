//! A big file loaded from disk gives its text back as it is parsed, and still loads to what
//! the one-piece parse of the same bytes gives: the same timeline, and the same warnings
//! or errors at the same places (the file is read again to place them).

use super::*;
use crate::domain::Timeline;
use std::sync::atomic::Ordering::Relaxed;

/// A RON timeline of `n` events (about 100 bytes each), each citing the one source but
/// event `bare`, which cites none (a warning); `extra` is spliced into event `at`.
fn big(n: usize, bare: Option<usize>, at: Option<(usize, &str)>) -> String {
    let mut s = String::from(
        "Timeline(\n    title: \"big\",\n    sources: [Source(id: \"s\", title: \"S\")],\n    events: [\n",
    );
    for k in 0..n {
        let cites = if bare == Some(k) {
            ""
        } else {
            "Cite(source: \"s\")"
        };
        let extra = at.filter(|&(j, _)| j == k).map_or("", |(_, x)| x);
        s.push_str(&format!(
            "        Event(id: \"e{k:06}\", {extra}date: \"{}-0{}\", title: \"Event number {k} of the big file\", citations: [{cites}]),\n",
            1900 + k % 100,
            1 + k % 9,
        ));
    }
    s.push_str("    ],\n)\n");
    s
}

fn same(a: &Result<Loaded, LoadError>, b: &Result<Loaded, Vec<Diagnostic>>) {
    let text = |w: &[Diagnostic]| w.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    match (a, b) {
        (Ok(a), Ok(b)) => {
            let bytes = |t: &Timeline| postcard::to_allocvec(t).expect("serializes");
            // (The id map's table may be laid out otherwise: compare what it answers.)
            let without_ids = |t: &Timeline| {
                let mut t = t.clone();
                t.ids = Default::default();
                bytes(&t)
            };
            assert!(
                without_ids(&a.timeline) == without_ids(&b.timeline),
                "timelines differ"
            );
            for e in a.timeline.events() {
                assert_eq!(a.timeline.event_by_id(e.id()), Some(e.idx));
                assert_eq!(b.timeline.event_by_id(e.id()), Some(e.idx));
            }
            assert_eq!(text(&a.warnings), text(&b.warnings));
        }
        (Err(LoadError::Invalid(a)), Err(b)) => assert_eq!(text(a), text(b)),
        _ => panic!("one loads, the other not: {a:?} {b:?}"),
    }
}

#[test]
fn a_big_file_gives_its_text_back_and_loads_as_its_bytes_do() {
    let dir = tempfile::tempdir().unwrap();
    let n = 30_000;
    let cases = [
        ("clean", big(n, None, None)),
        ("a warning near the end", big(n, Some(n - 3), None)),
        (
            "a syntax error far in",
            big(n, None, Some((n / 2, "colour: 1, "))),
        ),
        (
            "a link to an unknown event",
            big(
                n,
                None,
                Some((n - 20, "links: [Link(to: \"nowhere\", kind: Related)], ")),
            ),
        ),
        (
            "an unknown person",
            big(n, None, Some((n - 10, "people: [\"nobody\"], "))),
        ),
        (
            "an unknown person on a later line of its event, after wide chars",
            big(
                n,
                None,
                Some((
                    n / 3,
                    "places: [\"Zürich\"],\n   /* ( */ people: [\"ñobody\", \"x\"], ",
                )),
            ),
        ),
        (
            "an unknown person in an event that shares its line with one in wide chars",
            big(n, None, Some((n / 2, "people: [\"nobody\"], ")))
                .replace(&format!("Event number {} of", n / 2 - 1), "Évènement ñ° of")
                .replace(
                    &format!("]),\n        Event(id: \"e{:06}\"", n / 2),
                    &format!("]),   Event(id: \"e{:06}\"", n / 2),
                ),
        ),
        (
            "a warning in many events",
            big(n, Some(7), Some((n - 1, "citations: [], "))).replace(
                "citations: [Cite(source: \"s\")]),\n        Event(id: \"e0000",
                "citations: []),\n        Event(id: \"e0000",
            ),
        ),
        (
            "an error outside the events",
            big(n, Some(n - 3), None)
                .replace("sources: [", "sources: [Source(id: \"s\", title: \"T\"), "),
        ),
    ];
    for (what, text) in &cases {
        assert!(text.len() > 2 << 20, "{what}: too small to be cut");
        let path = dir.path().join("big.ron");
        std::fs::write(&path, text).unwrap();
        let before = pages::GIVEN.load(Relaxed);
        let got = load_path(&path);
        // Pages were given back: most of the file's text went through the chunks (all of it
        // but for a syntax error, where the parse stops at the broken chunk, which may come
        // back before any other is stored).
        let given = pages::GIVEN.load(Relaxed) - before;
        if !what.contains("syntax") {
            assert!(
                given > text.len() / 2,
                "{what}: {given} of {} bytes given back",
                text.len()
            );
        }
        let want = load_bytes(text.as_bytes(), &path.display().to_string(), Format::Ron);
        if *what == "clean" {
            assert_eq!(got.as_ref().unwrap().timeline.len(), n);
            assert!(got.as_ref().unwrap().warnings.is_empty());
        } else {
            let problems = match &got {
                Ok(l) => l.warnings.len(),
                Err(LoadError::Invalid(d)) => d.len(),
                Err(e) => panic!("{what}: {e}"),
            };
            assert!(problems > 0, "{what}: nothing reported");
        }
        same(&got, &want);
    }
}
