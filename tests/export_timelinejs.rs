//! annals' TimelineJS export: what a slide cannot hold is warned about once and by name,
//! dates TimelineJS cannot hold take their nearest form (with the exact EDTF kept), and
//! the export read back gives the same events, dates, titles and media (the bundled
//! timeline, the extras and generated timelines).

use crate::import_timelinejs::{JSON, SHEET, run};
use annals::domain::Timeline;
use annals::load::{Format, load_bytes, validate};
use proptest::prelude::*;
use std::path::Path;

#[test]
fn the_export_warns_once_naming_what_timelinejs_cannot_show() {
    let (code, out, err) = run(&["export", "--format", "timelinejs"]);
    assert_eq!(code, 0, "{err}");
    // One line for the dates, one counting what a slide has no place for; no escapes.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(!err.contains("^J"), "{err}");
    assert!(
        lines[0].starts_with("annals: warning: TimelineJS cannot show 3 date(s)"),
        "{err}"
    );
    assert!(lines[1].contains("has no place for people"), "{err}");
    assert!(lines[0].contains("an open or unknown start"), "{err}");
    assert!(lines[0].contains("`pincer-remark`"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pincer = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "pincer-remark")
        .unwrap();
    assert_eq!(pincer["edtf"], "../2013?");
    assert_eq!(pincer["start_date"]["year"], 2013);
    assert_eq!(pincer["start_date"]["display_date"], "until 2013?");
    let bundled = annals::load::load_bundled().timeline;
    assert_eq!(doc["events"].as_array().unwrap().len(), bundled.len());
    assert_eq!(doc["title"]["text"]["headline"], bundled.title.as_str());
}

#[test]
fn dates_timelinejs_cannot_hold_take_their_nearest_form() {
    let ron = r#"Timeline(title: "t", events: [
        Event(id: "set", date: "[1980,1983]", title: "a"),
        Event(id: "xx", date: "19XX", title: "b"),
        Event(id: "bce", date: "-0043-03-15", title: "c"),
        Event(id: "circa", date: "1980~", title: "d"),
    ])"#;
    let t = load_bytes(ron.as_bytes(), "t.ron", Format::Ron)
        .unwrap()
        .timeline;
    let (json, warning) = annals::export::timelinejs(&t);
    let warning = warning.unwrap();
    assert!(
        warning.contains("`set`") && warning.contains("`xx`"),
        "{warning}"
    );
    assert!(
        !warning.contains("`bce`") && !warning.contains("`circa`"),
        "{warning}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let by = |id: &str| {
        doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by("set")["start_date"]["year"], 1980);
    assert!(
        by("set")["start_date"]["display_date"]
            .as_str()
            .unwrap()
            .starts_with("one of")
    );
    assert_eq!(by("xx")["start_date"]["year"], 1900);
    assert_eq!(by("bce")["start_date"]["year"], -44);
    assert_eq!(by("circa")["start_date"]["display_date"], "c. 1980");
}

/// `t` exported to TimelineJS and imported back.
fn round_trip(t: &Timeline) -> Timeline {
    let (json, _) = annals::export::timelinejs(t);
    let read = annals::load::read_text(&json, "t.json", Format::TimelineJsJson)
        .unwrap_or_else(|e| panic!("{e:?}\n{json}"));
    let (back, diags) = validate::Builder::new(read.timeline).finish(
        "t.json",
        &json,
        Format::TimelineJsJson.syntax(),
    );
    back.unwrap_or_else(|| panic!("{diags:?}\n{json}"))
}

/// What TimelineJS holds of each event, by id.
fn held(t: &Timeline) -> Vec<String> {
    let mut v: Vec<String> = t
        .events()
        .map(|e| {
            let mut fields: Vec<_> = e.fields().collect();
            fields.sort();
            format!(
                "{} {} {:?} {:?} {:?} {:?} {:?} {:?}",
                e.id(),
                e.date.to_edtf(),
                e.title(),
                e.summary(),
                e.display_date(),
                e.tags().first().map(|&g| t.tag(g)),
                e.media().next().map(|m| (m.url, m.caption, m.credit)),
                fields
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_bundled_timeline_and_the_extras_come_back() {
    for t in [
        annals::load::load_bundled().timeline,
        annals::load::load_path(Path::new("tests/fixtures/extras.ron"))
            .unwrap()
            .timeline,
    ] {
        let back = round_trip(&t);
        assert_eq!(back.title, t.title);
        assert_eq!(held(&back), held(&t));
        let eras = |t: &Timeline| {
            t.eras
                .iter()
                .map(|e| (e.title.clone(), e.date.to_edtf()))
                .collect::<Vec<_>>()
        };
        assert_eq!(eras(&back), eras(&t));
    }
}

const DATES: &[&str] = &[
    "1985",
    "-0043-03-15",
    "0000",
    "1983/1987?",
    "../2013?",
    "2001/..",
    "[1980,1983]",
    "{1980..1982}",
    "19XX",
    "2001-21",
    "1980~",
    "Y170000002",
    "2020-01-02T10:30",
    "2020-01-02T10:30:05Z",
    "1999-07-09T14:05+05:30",
    "1961-08/1963",
    "1990-05-06",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-zé&<>\"'0-9]{1,8}", 1..5).prop_map(|w| w.join(" "))
}

prop_compose! {
    fn event_ron(i: usize)(
        date in prop::sample::select(DATES),
        title in words(),
        summary in prop::option::of(prop::collection::vec(words(), 1..3)),
        tags in prop::collection::vec("[a-z]{1,6}", 0..3),
        media in prop::option::of((words(), prop::option::of(words()))),
        display in prop::option::of(words()),
        field in prop::option::of(words()),
    ) -> String {
        let q = |s: &str| format!("{s:?}");
        let mut e = format!("Event(id: \"e{i}\", date: {}, title: {}", q(date), q(&title));
        if let Some(s) = summary {
            e.push_str(&format!(", summary: {}", q(&s.join("\n"))));
        }
        let tags: Vec<String> = tags.iter().map(|t| q(t)).collect();
        e.push_str(&format!(", tags: [{}]", tags.join(", ")));
        if let Some((caption, credit)) = media {
            let credit = credit.map_or(String::new(), |c| format!(", credit: {}", q(&c)));
            e.push_str(&format!(
                ", media: [Media(url: \"https://example.org/{i}.jpg\", caption: {}{credit})]",
                q(&caption)
            ));
        }
        if let Some(d) = display {
            e.push_str(&format!(", display_date: {}", q(&d)));
        }
        if let Some(f) = field {
            e.push_str(&format!(", fields: {{\"note\": {}, \"background\": \"#fff\"}}", q(&f)));
        }
        e.push(')');
        e
    }
}

fn timeline_ron() -> impl Strategy<Value = String> {
    (1usize..8).prop_flat_map(|n| {
        let events: Vec<_> = (0..n).map(event_ron).collect();
        (words(), events).prop_map(|(title, events)| {
            format!(
                "Timeline(title: {title:?}, events: [{}])",
                events.join(",\n")
            )
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_timelines_come_back_through_timelinejs(ron in timeline_ron()) {
        let t = load_bytes(ron.as_bytes(), "g.ron", Format::Ron)
            .unwrap_or_else(|e| panic!("{e:?}\n{ron}"))
            .timeline;
        let back = round_trip(&t);
        prop_assert_eq!(&back.title, &t.title);
        prop_assert_eq!(held(&back), held(&t));
    }

    #[test]
    fn garbled_timelinejs_input_never_panics(
        cut in 0usize..4000,
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
        junk in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        for (path, format) in [(SHEET, Format::TimelineJsSheet), (JSON, Format::TimelineJsJson)] {
            let mut bytes = std::fs::read(path).unwrap();
            for &(at, b) in &flips {
                if !bytes.is_empty() {
                    let n = bytes.len();
                    bytes[at % n] = b;
                }
            }
            bytes.truncate(cut.min(bytes.len()));
            bytes.extend_from_slice(&junk);
            let _ = load_bytes(&bytes, "g", format);
            let _ = load_bytes(&junk, "g", format);
        }
    }
}

#[test]
fn the_export_counts_what_a_slide_has_no_place_for_and_keeps_only_web_media() {
    let (code, out, err) = run(&["export", "--format", "timelinejs"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("has no place for people (") && err.contains("citations ("),
        "{err}"
    );
    let (code, out2, _) = run(&[
        "export",
        "tests/fixtures/extras.ron",
        "--format",
        "timelinejs",
    ]);
    assert_eq!(code, 0);
    assert!(!out2.contains("file:///etc/passwd"), "{out2}");
    assert!(out2.contains("https://example.org/office.jpg"));
    assert!(!out.is_empty());
}
