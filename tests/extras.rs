//! What the format gained for imported data (`tests/fixtures/extras.ron`): eras, an
//! event's display date, media and named fields, a citation's evidence quality — loaded,
//! checked, searched, shown, and written back unchanged by every writer and the cache.

use annals::app::{App, detail};
use annals::load::{Progress, load_path};
use annals::open::cache;
use annals::query::{Matcher, SearchIndex, parse};
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/extras.ron";

#[test]
fn they_load_and_read_back() {
    let l = load_path(Path::new(FIXTURE)).unwrap();
    let t = &l.timeline;
    assert_eq!(t.eras.len(), 2);
    assert_eq!(t.eras[0].title, "Incident");
    let login = t.event(t.event_by_id("login").unwrap());
    let fields: Vec<_> = login.fields().collect();
    assert_eq!(fields, [("username", "alice"), ("source_ip", "10.0.0.5")]);
    let photo = t.event(t.event_by_id("photo").unwrap());
    assert_eq!(photo.display_date(), Some("early summer, 2019"));
    let media: Vec<_> = photo.media().collect();
    assert_eq!(media.len(), 2);
    assert_eq!(media[0].credit, Some("A. Photographer"));
    assert_eq!(photo.citations().next().unwrap().quality(), Some(3));
    // A media URL that is not http(s) is a warning: shown, never opened.
    assert!(
        l.warnings.iter().any(|w| w.message.contains("not http(s)")),
        "{:?}",
        l.warnings
    );
}

#[test]
fn json_the_cache_and_ron_give_them_back() {
    let l = load_path(Path::new(FIXTURE)).unwrap();
    let json = annals::export::json(&l.timeline);
    for key in [
        "\"eras\"",
        "\"display_date\"",
        "\"media\"",
        "\"fields\"",
        "\"quality\": 3",
    ] {
        assert!(json.contains(key), "{key} missing from {json}");
    }
    let again =
        annals::load::load_bytes(json.as_bytes(), "x.json", annals::load::Format::Json).unwrap();
    assert_eq!(annals::export::json(&again.timeline), json);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("extras.ron");
    std::fs::copy(FIXTURE, &file).unwrap();
    let c = dir.path().join("cache");
    cache::open_in(&file, Some(&c), 0, &Progress::default()).unwrap();
    let warm = cache::open_in(&file, Some(&c), 0, &Progress::default()).unwrap();
    assert!(warm.from_cache);
    assert_eq!(annals::export::json(&warm.timeline), json);
}

#[test]
fn fields_are_searched_by_name_and_value() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let index = SearchIndex::new(&t);
    let ids = |q: &str| -> Vec<String> {
        let m = Matcher::new(parse(q).unwrap(), &index);
        m.filter(&index)
            .iter()
            .map(|&i| t.event(i).id().to_string())
            .collect()
    };
    assert_eq!(ids("username:alice"), ["login"]);
    assert_eq!(ids("source_ip:10.0.0.5"), ["login"]);
    assert!(ids("username:bob").is_empty());
    assert_eq!(ids("alice"), ["login"]);
    assert_eq!(ids("photographer"), ["photo"]);
    assert_eq!(ids("'early summer"), ["photo"]);
}

#[test]
fn the_detail_shows_them() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let a = App::new(t.clone(), "extras.ron", (120, 40));
    let rows = |id: &str| -> String {
        let e = t.event_by_id(id).unwrap();
        detail::event_rows(&a, e, 80)
            .rows
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let login = rows("login");
    assert!(login.contains("username: alice"), "{login}");
    let photo = rows("photo");
    for want in [
        "as the source gives it: early summer, 2019",
        "The office",
        "credit: A. Photographer",
        "https://example.org/office.jpg",
        "file:///etc/passwd (not http(s): not a link)",
        "evidence: 3, primary",
    ] {
        assert!(photo.contains(want), "{want} missing from\n{photo}");
    }
}

#[test]
fn bad_values_are_positioned_errors() {
    let bad = r#"Timeline(title: "t", sources: [Source(id: "s", title: "S")], events: [
  Event(id: "e", date: "2000", title: "x", fields: {"user name": "a"},
        citations: [Cite(source: "s", quality: 7)]),
  Event(id: "f", date: "2001", title: "y", fields: {"ip": "1", "ip": "2"}),
])"#;
    let errs =
        annals::load::load_bytes(bad.as_bytes(), "t.ron", annals::load::Format::Ron).unwrap_err();
    let text: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("t.ron:2:") && e.contains("field name `user name`")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("t.ron:3:") && e.contains("quality is 0 to 3")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("t.ron:4:") && e.contains("field `ip` is given twice")),
        "{text:?}"
    );
}

#[test]
fn a_field_value_is_found_anywhere_inside_it() {
    let t = load_path(Path::new(FIXTURE)).unwrap().timeline;
    let index = SearchIndex::new(&t);
    let ids = |q: &str| -> Vec<String> {
        let m = Matcher::new(parse(q).unwrap(), &index);
        m.filter(&index)
            .iter()
            .map(|&i| t.event(i).id().to_string())
            .collect()
    };
    assert_eq!(ids("source_ip:0.5"), ["login"]);
    assert_eq!(ids("username:lic"), ["login"]);
    // The value is looked for in that field only, not in the next one.
    assert!(ids("username:10.0").is_empty());
    // A field named like a short scope is a field (`data:`, `caus:`), a long near miss
    // of a scope is a typo.
    assert!(parse("data:x").is_ok() && parse("caus:fever").is_ok());
    assert!(parse("persn:x").is_err());
}

#[test]
fn line_breaks_in_a_summary_are_rows_not_escapes() {
    let src = "Timeline(title: \"t\", sources: [Source(id: \"s\", title: \"S\")], events: [\
               Event(id: \"e\", date: \"2000\", title: \"x\", summary: \"first line\\nsecond line\", \
               citations: [Cite(source: \"s\")])])";
    let t = annals::load::load_bytes(src.as_bytes(), "t.ron", annals::load::Format::Ron)
        .unwrap()
        .timeline;
    let a = App::new(t, "t.ron", (120, 40));
    let rows: Vec<String> = detail::event_rows(&a, 0, 80)
        .rows
        .iter()
        .map(|r| r.text.clone())
        .collect();
    assert!(rows.iter().any(|r| r == "first line"), "{rows:?}");
    assert!(rows.iter().any(|r| r == "second line"), "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("^J")), "{rows:?}");
}
