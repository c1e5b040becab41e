//! Timesketch CSV and JSONL (what Plaso's `psort` and Hayabusa write for Timesketch): read
//! by `annals import` and every command, every attribute kept, errors positioned, fields
//! searchable, `export --format timesketch` read back to the same events, no panic on
//! garbled input.

use crate::common::annals;
use annals::domain::Timeline;
use annals::load::{Format, load_bytes, load_path};
use proptest::prelude::*;
use std::path::Path;

const JSONL: &str = "tests/fixtures/timesketch.jsonl";
const CSV: &str = "tests/fixtures/timesketch.csv";

/// `annals import FILE`: the RON it prints, loaded, and its report.
fn import(path: &str) -> (Timeline, String) {
    let out = annals().args(["import", path]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    let ron = String::from_utf8(out.stdout).unwrap();
    let t = load_bytes(ron.as_bytes(), "out.ron", Format::Ron)
        .unwrap_or_else(|e| panic!("{e:?}\n{ron}"))
        .timeline;
    (t, err)
}

fn fields(t: &Timeline, id: &str) -> Vec<(String, String)> {
    let e = t.event(t.event_by_id(id).unwrap_or_else(|| panic!("no event {id}")));
    e.fields()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn field(t: &Timeline, id: &str, name: &str) -> Option<String> {
    fields(t, id)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[test]
fn jsonl_keeps_every_attribute() {
    let (t, report) = import(JSONL);
    assert!(
        report.starts_with(&format!("annals: read {JSONL} as timesketch: 4 events")),
        "{report}"
    );
    for want in [
        "4 JSONL records",
        "attribute `source ip` kept as field `source_ip`",
        "timestamp → date in 1 without datetime",
        "every event cites source `timesketch`",
    ] {
        assert!(report.contains(want), "{want} missing from\n{report}");
    }
    let e = t.event(t.event_by_id("evt-001").unwrap());
    assert_eq!(e.date.to_edtf(), "2021-03-04T02:11:09.123456Z");
    assert_eq!(e.title(), "User alice logged in from 10.0.0.5 over SSH");
    assert_eq!(t.tag(e.tags()[0]), "event-recorded");
    assert_eq!(
        e.citations().next().unwrap().locator(),
        Some("line 1"),
        "the line is the locator"
    );
    let f = |n: &str| field(&t, "evt-001", n);
    assert_eq!(f("username").as_deref(), Some("alice"));
    assert_eq!(f("source_ip").as_deref(), Some("10.0.0.5"));
    assert_eq!(f("port").as_deref(), Some("22"));
    assert_eq!(f("success").as_deref(), Some("true"));
    assert_eq!(f("tag").as_deref(), Some(r#"["ssh", "login"]"#));
    assert_eq!(
        f("data").as_deref(),
        Some(r#"{"pid": 4242, "argv": ["sshd", "-D"]}"#)
    );
    assert_eq!(f("timestamp_desc").as_deref(), Some("Event Recorded"));
    // The timestamp is the same instant as the datetime: not kept twice.
    assert_eq!(f("timestamp"), None);
    // A message with a newline: its first line is the title, the whole the summary.
    let reg = t.event(t.event_by_id("evt-002").unwrap());
    assert_eq!(reg.title(), "Registry key written");
    assert!(
        reg.summary().contains("\nHKLM\\Software\\Run"),
        "{}",
        reg.summary()
    );
    assert_eq!(reg.date.to_edtf(), "2021-03-04T08:30:00+05:30");
    // An `_id` that is not a valid id is made one, and kept as written.
    assert_eq!(field(&t, "evt-002", "_id").as_deref(), Some("evt 002"));
    // No datetime: the timestamp, converted exactly.
    let ts = t.event(t.event_by_id("ts-4").unwrap());
    assert_eq!(ts.date.to_edtf(), "2021-03-04T09:26:40.000001Z");
    assert_eq!(field(&t, "ts-4", "note").as_deref(), Some("null"));
    assert_eq!(field(&t, "ts-4", "score").as_deref(), Some("7.5"));
    // A repeated `_id` is made unique; a long message is cut at a word.
    let long = t.event(t.event_by_id("evt-001-2").unwrap());
    assert!(long.title().ends_with("with an…"), "{}", long.title());
    assert!(long.summary().ends_with("highest privileges"));
    assert_eq!(field(&t, "evt-001-2", "Event_ID").as_deref(), Some("4698"));
}

#[test]
fn csv_counts_quoted_newlines_and_reads_offsets() {
    let (t, report) = import(CSV);
    assert!(report.contains("3 CSV records"), "{report}");
    assert!(
        report.contains("1 without an offset read as UTC"),
        "{report}"
    );
    let logon = t.event(t.event_by_id("ts-2").unwrap());
    assert_eq!(logon.date.to_edtf(), "2021-03-04T02:11:09.123456Z");
    assert_eq!(field(&t, "ts-2", "Event_ID").as_deref(), Some("4624"));
    // The quoted record starts on line 3 and ends on line 4; the next starts on line 5.
    let svc = t.event(t.event_by_id("ts-3").unwrap());
    assert_eq!(svc.title(), "Service installed");
    assert_eq!(svc.summary(), "Service installed\nname: \"updater\"");
    assert_eq!(svc.date.to_edtf(), "2021-03-04T08:30:00.5+05:30");
    assert_eq!(field(&t, "ts-3", "source_ip"), None, "an empty cell");
    let clock = t.event(t.event_by_id("ts-5").unwrap());
    assert_eq!(clock.date.to_edtf(), "2021-03-04T09:26:40Z");
    assert_eq!(t.tag(clock.tags()[0]), "time-changed");
}

#[test]
fn every_command_opens_them_and_fields_are_searched() {
    for f in [JSONL, CSV] {
        annals().args(["check", f]).assert().success();
    }
    let out = annals()
        .args(["search", JSONL, "username:alice"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("evt-001") && text.contains("ts-4"), "{text}");
    assert!(!text.contains("evt-002"), "{text}");
    let out = annals()
        .args(["search", CSV, "Event_ID:7045"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ts-3") && !text.contains("ts-2"), "{text}");
}

/// A bad file: its name, its text, and what its `PATH:LINE:COL: error:` lines hold
/// (`:LINE:COL:`, the message's beginning).
type Bad = (
    &'static str,
    String,
    &'static [(&'static str, &'static str)],
);

/// Each bad file: every problem at once, each where it is.
#[test]
fn bad_files_are_positioned_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ok = r#"{"message": "m", "datetime": "2021-01-01T00:00:00Z", "timestamp_desc": "t"}"#;
    let cases: [Bad; 6] = [
        (
            "json.jsonl",
            format!("{ok}\n{{\"message\": \"m\", \"datetime\": }}\n"),
            &[(":2:30:", "bad JSON line: expected value")],
        ),
        (
            "dates.jsonl",
            format!(
                "{ok}\n{{\"message\": \"m\", \"datetime\": \"yesterday\"}}\n{{\"message\": \"no date\"}}\n"
            ),
            &[
                (":2:30:", "cannot read datetime `yesterday`"),
                (":3:1:", "no `datetime`"),
            ],
        ),
        (
            "message.jsonl",
            "{\"datetime\": \"2021-01-01T00:00:00Z\"}\n{\"message\": \" \", \"datetime\": \"2021-01-01\"}\n"
                .to_string(),
            &[(":1:1:", "no `message`"), (":2:13:", "`message` is empty")],
        ),
        (
            "array.jsonl",
            "[{\"message\": \"m\"}]\n".to_string(),
            &[(":1:1:", "each line must be a JSON object")],
        ),
        (
            "rows.csv",
            "message,datetime,timestamp_desc\n\"two\nlines\",2021-01-01T00:00:00Z,t\nshort,x\nm,2021-02-30T00:00:00Z,t\n"
                .to_string(),
            &[
                (":4:1:", "this row has 2 cells"),
                (":5:3:", "cannot read datetime `2021-02-30T00:00:00Z`"),
            ],
        ),
        (
            "quote.csv",
            "message,datetime,timestamp_desc\n\"never closed,2021,t\n".to_string(),
            &[(":2:1:", "a quoted cell is never closed")],
        ),
    ];
    for (name, text, wants) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let shown = path.display().to_string();
        let out = annals()
            .args(["import", &shown, "-o"])
            .arg(dir.path().join("out.ron"))
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            !dir.path().join("out.ron").exists(),
            "{name}: nothing written"
        );
        for (at, what) in wants {
            let want = format!("{shown}{at} error: {what}");
            assert!(
                err.lines().any(|l| l.starts_with(&want)),
                "{name}: `{want}` missing from\n{err}"
            );
        }
    }
}

/// An event's title, earliest instant and fields.
type Digest = (String, Option<i64>, Vec<(String, String)>);

/// The events' titles, instants (the earliest bound) and fields, sorted.
fn digest(t: &Timeline) -> Vec<Digest> {
    let mut v: Vec<_> = t
        .events()
        .map(|e| {
            let f = e
                .fields()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (e.title().to_string(), e.date.earliest().map(|i| i.0), f)
        })
        .collect();
    v.sort();
    v
}

/// Export `t` as Timesketch JSONL, and load that back.
fn round_trip(t: &Timeline) -> (Timeline, String) {
    let mut out = Vec::new();
    annals::export::write_timesketch(t, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let back = load_bytes(text.as_bytes(), "back.jsonl", Format::Timesketch)
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .timeline;
    (back, text)
}

#[test]
fn export_reads_back_to_the_same_events() {
    for f in [JSONL, CSV] {
        let t = load_path(Path::new(f)).unwrap().timeline;
        let (back, text) = round_trip(&t);
        assert_eq!(digest(&back), digest(&t), "{f}\n{text}");
        let dates =
            |t: &Timeline| -> Vec<String> { t.events().map(|e| e.date.to_edtf()).collect() };
        assert_eq!(dates(&back), dates(&t), "{f}: annals_edtf keeps each date");
        let summaries =
            |t: &Timeline| -> Vec<String> { t.events().map(|e| e.summary().to_string()).collect() };
        assert_eq!(summaries(&back), summaries(&t), "{f}");
        // Every line is what Timesketch needs.
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            for k in ["message", "datetime", "timestamp", "timestamp_desc"] {
                assert!(!v[k].is_null(), "{k} missing in {line}");
            }
        }
    }
    // A native timeline: titles, dates, tags, people and places come back; fields gain
    // only `timestamp_desc`.
    let t = load_path(Path::new("tests/fixtures/times.ron"))
        .unwrap()
        .timeline;
    let (back, text) = round_trip(&t);
    let plain = |t: &Timeline| -> Vec<(String, String, Vec<String>, Vec<String>)> {
        let mut v: Vec<_> = t
            .events()
            .map(|e| {
                let tags = e.tags().iter().map(|&g| t.tag(g).to_string()).collect();
                let people = e
                    .people()
                    .iter()
                    .map(|&p| t.person(p).name.clone())
                    .collect();
                (e.id().to_string(), e.date.to_edtf(), tags, people)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(plain(&back), plain(&t), "{text}");
    // Each event cites the sources it cited, and nothing else: the exported file is not
    // a second source of annals' own events.
    let cited = |t: &Timeline| -> Vec<(String, Vec<String>)> {
        let mut v: Vec<_> = t
            .events()
            .map(|e| {
                let mut s: Vec<String> = e
                    .citations()
                    .map(|c| t.sources[c.source as usize].title.clone())
                    .collect();
                s.sort();
                (e.id().to_string(), s)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(cited(&back), cited(&t), "{text}");
    assert_eq!(back.sources.len(), t.sources.len(), "{text}");
}

/// The source that stands for an imported file is named after it.
#[test]
fn the_file_source_is_named_after_the_file() {
    let (t, _) = import(JSONL);
    let name = Path::new(JSONL).file_name().unwrap().to_str().unwrap();
    let s = t
        .sources
        .iter()
        .find(|s| s.id == "timesketch")
        .expect("the file's source");
    assert_eq!(s.title, name);
    assert_eq!(s.document.as_deref(), Some(name));
}

#[test]
fn export_warns_once_about_open_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open.ron");
    std::fs::write(
        &path,
        r#"Timeline(title: "t", events: [
            Event(id: "a", date: "../1990", title: "Before 1990"),
            Event(id: "b", date: "[..1980]", title: "By 1980"),
            Event(id: "c", date: "1985-04-12T23:20:30+04:30", title: "Exact"),
        ])"#,
    )
    .unwrap();
    let out = annals()
        .args(["export", "--format", "timesketch"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("open or unknown start"))
        .collect();
    assert_eq!(warned.len(), 1, "{err}");
    assert!(warned[0].contains("2 event(s)"), "{err}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.contains(r#""datetime": "1985-04-12T23:20:30+04:30", "timestamp": 482179830000000"#),
        "{text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Garbled Timesketch files (bytes changed, cut, or made up) never panic.
    #[test]
    fn garbled_files_never_panic(
        which in 0usize..2,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in any::<usize>(),
        junk in "[{}\\[\\]\",:\\\\\n\r a-z0-9+TZ.-]{0,200}",
    ) {
        let base = std::fs::read(if which == 0 { JSONL } else { CSV }).unwrap();
        let mut bytes = base.clone();
        for (at, b) in edits {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        bytes.truncate(cut % (base.len() + 1));
        for input in [&bytes[..], junk.as_bytes()] {
            let _ = load_bytes(input, "g.jsonl", Format::Timesketch);
        }
    }
}

/// annals' own export comes back as it was: an event that cited nothing cites nothing (the
/// file is not made its source), fields named like Timesketch's attributes keep their
/// names, and a `datetime` changed since the export wins over the `annals_edtf` beside it.
#[test]
fn own_export_keeps_citations_and_field_names_and_a_changed_datetime_wins() {
    let ron = r#"Timeline(title: "t", sources: [Source(id: "s", title: "Paper")], events: [
        Event(id: "a", date: "1999", title: "Cited", citations: [Cite(source: "s")]),
        Event(id: "b", date: "2001-05-06", title: "Uncited",
              fields: {"timestamp": "x", "field_message": "y", "message": "z"}),
    ])"#;
    let t = load_bytes(ron.as_bytes(), "t.ron", Format::Ron)
        .unwrap()
        .timeline;
    let (back, text) = round_trip(&t);
    let b = back.event(back.event_by_id("b").unwrap());
    assert_eq!(b.citations().count(), 0, "{text}");
    let a = back.event(back.event_by_id("a").unwrap());
    let titles: Vec<_> = a
        .citations()
        .map(|c| back.sources[c.source as usize].title.clone())
        .collect();
    assert_eq!(titles, ["Paper"], "{text}");
    assert_eq!(back.sources.len(), 1, "{text}");
    let f: Vec<(String, String)> = b
        .fields()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let want: Vec<(String, String)> = t
        .event(t.event_by_id("b").unwrap())
        .fields()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(f, want, "{text}");
    // Change b's datetime in the exported file: the new one is the date.
    let edited: String = text
        .lines()
        .map(|l| {
            if l.contains("\"annals_id\": \"b\"") {
                l.replace("2001-05-06T00:00:00+00:00", "2003-01-02T10:00:00+00:00")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        edited.contains("2003-01-02T10"),
        "the datetime was found in\n{text}"
    );
    let again = load_bytes(edited.as_bytes(), "e.jsonl", Format::Timesketch)
        .unwrap()
        .timeline;
    let b = again.event(again.event_by_id("b").unwrap());
    assert_eq!(b.date.to_edtf(), "2003-01-02T10:00:00Z");
    // The old date is kept, nothing annals made from it (its latest instant, timestamp,
    // derived tag) stays, fields still get their names back, and nothing is cited.
    let names: Vec<&str> = b.fields().map(|(k, _)| k).collect();
    assert!(
        b.fields()
            .any(|(k, v)| k == "annals_edtf" && v == "2001-05-06"),
        "{names:?}"
    );
    for gone in ["annals_latest", "annals_derived", "timestamp_desc"] {
        assert!(!names.contains(&gone), "{gone} in {names:?}");
    }
    // `timestamp` is the event's own field (`x`), not the instant annals wrote.
    let stamps: Vec<&str> = b
        .fields()
        .filter(|(k, _)| *k == "timestamp")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(stamps, ["x"]);
    assert!(
        names.contains(&"message") && names.contains(&"field_message"),
        "{names:?}"
    );
    assert_eq!(b.citations().count(), 0);
}
