//! TimelineJS in and out: the newsroom's sheet (CSV) and TimelineJS JSON imported with
//! every awkward case, bad files answered at `PATH:LINE:COL`, and annals' own TimelineJS
//! export read back to the same events, dates, titles and media.

use crate::common::annals;
use annals::domain::Timeline;
use annals::load::{Format, import_path};
use std::path::{Path, PathBuf};

pub(crate) const SHEET: &str = "tests/fixtures/timelinejs.csv";
pub(crate) const JSON: &str = "tests/fixtures/timelinejs.json";

/// Write `body` to `name` in a new temp dir (kept while the dir lives).
fn fixture(name: &str, body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

/// Run annals; (exit code, stdout, stderr).
pub(crate) fn run(args: &[&str]) -> (i32, String, String) {
    let out = annals().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn event<'a>(t: &'a Timeline, id: &str) -> annals::domain::EventRef<'a> {
    t.event(
        t.event_by_id(id)
            .unwrap_or_else(|| panic!("no event `{id}`")),
    )
}

#[test]
fn the_sheet_imports_with_every_awkward_case() {
    let i = import_path(Path::new(SHEET)).unwrap();
    assert_eq!(i.format, Format::TimelineJsSheet);
    let t = &i.timeline;
    assert_eq!(t.title, "The Long Story");
    let desc = t.description.as_deref().unwrap();
    // Entities decoded, the link kept as its URL, the title row's media kept as a note.
    assert!(
        desc.starts_with("A newsroom’s timeline & its methods (https://example.org/about)."),
        "{desc}"
    );
    assert!(
        desc.contains("media https://example.org/cover.jpg"),
        "{desc}"
    );
    assert_eq!(t.eras.len(), 1);
    assert_eq!(t.eras[0].title, "The war years");
    assert_eq!(t.eras[0].date.to_edtf(), "1980/1988");
    assert_eq!(
        t.len(),
        4,
        "the title and era rows are no events; the blank row is none"
    );

    // A BCE year: TimelineJS's -44 is shown as "44 BCE", EDTF's -0043.
    let caesar = event(t, "caesar-assassinated");
    assert_eq!(caesar.date.to_edtf(), "-0043-03-15");
    assert_eq!(caesar.date.long(), "15 March 44 BCE");
    assert_eq!(caesar.summary(), "Stabbed in the Curia.");
    assert_eq!(caesar.display_date(), Some("Ides of March"));
    let media: Vec<_> = caesar.media().collect();
    assert_eq!(media.len(), 1);
    assert_eq!(media[0].url, "https://example.org/caesar.jpg");
    assert_eq!(media[0].caption, Some("The death"));
    assert_eq!(media[0].credit, Some("Museo & Co"));
    let fields: Vec<_> = caesar.fields().collect();
    assert_eq!(
        fields,
        [
            ("media_thumbnail", "https://example.org/thumb.jpg"),
            ("background", "#333333"),
            ("reporter", "A. Writer"),
        ]
    );
    assert_eq!(t.tag(caesar.tags()[0]), "Rome");
    let cite = caesar.citations().next().unwrap();
    assert_eq!(t.source(cite.source).id, "timelinejs");
    assert_eq!(cite.locator(), Some("row 4"));

    // A span from End fields; a quoted newline; doubled quotes.
    let campaign = event(t, "a-long-campaign");
    assert_eq!(campaign.date.to_edtf(), "1983/1987-06");
    assert_eq!(
        campaign.summary(),
        "Line one\nline two — with a quoted \"word\""
    );
    // Times (12-hour and 24-hour), numeric entities.
    let meeting = event(t, "afternoon-meeting");
    assert_eq!(meeting.date.to_edtf(), "2019-07-09T14:30/2019-07-09T16:45");
    assert_eq!(meeting.summary(), "Met at “noon” — late.");
    assert_eq!(meeting.citations().next().unwrap().locator(), Some("row 7"));
    // After the quoted newline and a blank line, rows still count lines of the file.
    let cafe = event(t, "cafe-opened");
    assert_eq!(cafe.citations().next().unwrap().locator(), Some("row 9"));
    assert_eq!(cafe.display_date(), Some("c. 1985"));
    // Every event cites the one source: no "cites no source" warning for every row.
    assert!(
        !i.warnings
            .iter()
            .any(|w| w.message.contains("cites no source")),
        "{:?}",
        i.warnings
    );
}

#[test]
fn import_prints_ron_and_reports_where_each_column_went() {
    let (code, out, err) = run(&["import", SHEET]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(r#"date: "-0043-03-15""#), "{out}");
    assert!(
        out.contains(r#"Era("#) && out.contains(r#"title: "The war years""#),
        "{out}"
    );
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some(
            "annals: read tests/fixtures/timelinejs.csv as timelinejs-csv: 4 events, 0 people, 1 sources, 0 places"
        )
    );
    assert!(
        err.contains("  other columns kept in fields: Reporter → fields.reporter"),
        "{err}"
    );
    assert!(err.contains("kept in the description"), "{err}");
    assert!(err.contains("source `timelinejs` made"), "{err}");
    // What it wrote loads back as RON to the same events.
    let (_dir, ron) = fixture("out.ron", &out);
    let (code, _, err) = run(&["check", ron.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn timelinejs_json_imports_with_the_same_mapping() {
    let i = import_path(Path::new(JSON)).unwrap();
    assert_eq!(i.format, Format::TimelineJsJson);
    let t = &i.timeline;
    assert_eq!(t.title, "Apollo & after");
    let eagle = event(t, "apollo-11");
    assert_eq!(eagle.date.to_edtf(), "1969-07-20T20:17");
    assert_eq!(eagle.summary(), "Armstrong & Aldrin land — Collins orbits.");
    let m = eagle.media().next().unwrap();
    assert_eq!(
        (m.url, m.caption, m.credit),
        (
            "https://example.org/eagle.jpg",
            Some("The Eagle"),
            Some("NASA")
        )
    );
    let fields: Vec<_> = eagle.fields().collect();
    assert!(fields.contains(&("media_thumbnail", "https://example.org/eagle-t.jpg")));
    assert!(fields.contains(&("background", "#112233")));
    assert!(
        fields.contains(&("autolink", "false")),
        "an unknown key is kept: {fields:?}"
    );
    // A number year, negative: 500 BCE to 400 BCE; its start's display date kept.
    let greece = event(t, "classical-greece");
    assert_eq!(greece.date.to_edtf(), "-0499/-0399");
    assert_eq!(greece.display_date(), Some("c. 500 BCE"));
    assert_eq!(event(t, "skylab").date.to_edtf(), "1973-05-14/1979-07-11");
    assert_eq!(t.eras[0].date.to_edtf(), "1961/1972");
    assert!(t.description.as_deref().unwrap().contains("scale human"));
}

#[test]
fn a_bad_sheet_gets_every_problem_at_its_row_and_column() {
    let body = "Year,Month,Day,Time,Headline,Text,Type\r\n\
                1980,,,,Fine,\"two\r\nlines\",\r\n\
                c. 1980,,,,Circa,,\r\n\
                1981,13,,,Month,,\r\n\
                1982,,,10:00,Timed,,\r\n\
                1983,2,30,,Leap,,\r\n";
    let (dir, path) = fixture("bad.csv", body);
    let out = dir.path().join("out.ron");
    let shown = path.display().to_string();
    let (code, stdout, err) = run(&["import", &shown, "-o", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(stdout.is_empty() && !out.exists(), "nothing written");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "{shown}:4:1: error: Year `c. 1980` is not a whole number"
        )),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{shown}:5:2: error: Month `13` must be a number from 1 to 12"
        )),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{shown}:6:4: error: a Time needs a Year, Month and Day"
        )),
        "{err}"
    );
    assert!(
        lines[3].starts_with(&format!(
            "{shown}:7:3: error: date 1983-02-30 cannot be read"
        )),
        "{err}"
    );
}

#[test]
fn a_sheet_without_the_template_header_says_what_it_found() {
    let (_dir, path) = fixture("x.csv", "Year,Headline,Type\n1980,A,\n");
    let (code, _, err) = run(&["check", "--from", "timelinejs-csv", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (_dir, path) = fixture("y.csv", "When,What\n1980,A\n");
    let (code, _, err) = run(&["import", "--from", "timelinejs-csv", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains(":1:1: error: this is not a TimelineJS sheet"),
        "{err}"
    );
    assert!(err.contains("found: When, What"), "{err}");
}

#[test]
fn a_bad_timelinejs_json_gets_its_errors_at_the_value() {
    let body = r#"{
  "events": [
    {"start_date": {"year": 1980}, "text": {"headline": "Fine"}},
    {"start_date": {"year": "MCMLXXX"}, "text": {"headline": "Roman"}},
    {"text": {"headline": "No date"}},
    {"start_date": {"year": 1990}, "end_date": {"year": 1980}, "text": {"headline": "Backwards"}}
  ]
}"#;
    let (_dir, path) = fixture("bad.json", body);
    let shown = path.display().to_string();
    let (code, _, err) = run(&["import", &shown]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!("{shown}:4:"))
            && lines[0].contains("Year `MCMLXXX` is not a whole number"),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("{shown}:5:")) && lines[1].contains("no Year"),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!("{shown}:6:")) && lines[2].contains("span 1990/1980"),
        "{err}"
    );
    // A syntax error is serde_json's own, at its place.
    let (_dir, path) = fixture(
        "broken.json",
        "{\"events\": [{\"start_date\": {\"year\": 1980}},\n]}",
    );
    let (code, _, err) = run(&["import", "--from", "timelinejs", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains(":2:1: error: trailing comma"), "{err}");
}

#[test]
fn problems_found_after_reading_point_at_the_cell() {
    // Validation finds the media URL (not http) and places it through `locate`.
    let body =
        "Year,Headline,Media,Type\n1980,A,https://ok.example/a.jpg,\n1981,B,ftp://x/b.jpg,\n";
    let (_dir, path) = fixture("warn.csv", body);
    let shown = path.display().to_string();
    let (code, _, err) = run(&["check", &shown]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!("{shown}:3:3: warning: media URL of event `b`")),
        "{err}"
    );
}

#[test]
fn formats_are_told_apart_by_extension_and_content() {
    let sheet = std::fs::read_to_string(SHEET).unwrap();
    let json = std::fs::read_to_string(JSON).unwrap();
    assert_eq!(
        Format::detect(Path::new("a.csv"), &sheet),
        Format::TimelineJsSheet
    );
    assert_eq!(
        Format::detect(Path::new("a.json"), &json),
        Format::TimelineJsJson
    );
    let ours = annals::export::json(&annals::load::load_bundled().timeline);
    assert_eq!(Format::detect(Path::new("a.json"), &ours), Format::Json);
    assert_eq!(
        Format::named("timelinejs-csv"),
        Some(Format::TimelineJsSheet)
    );
    assert_eq!(Format::named("timelinejs"), Some(Format::TimelineJsJson));
    // `search` and the explorer open them directly.
    let (code, out, err) = run(&["search", SHEET, "caesar"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("caesar-assassinated"), "{out}");
}

/// TimelineJS accepts an hour alone (`2 PM`, or JSON's `hour` without `minute`); annals
/// keeps the day, not a minute the source does not give, and the hour as a field.
#[test]
fn an_hour_alone_keeps_the_day_and_the_hour_as_a_field() {
    let sheet = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
                 2019,7,9,2 PM,2019,7,9,16:45,,Vote,,,,,,,,\n";
    let (_d, path) = fixture("hour.csv", sheet);
    let i = import_path(&path).unwrap();
    let vote = event(&i.timeline, "vote");
    assert_eq!(vote.date.to_edtf(), "2019-07-09/2019-07-09T16:45");
    assert_eq!(vote.fields().collect::<Vec<_>>(), [("time", "2 PM")]);
    // Published, the slide shows the hour as the sheet did.
    let mut out = Vec::new();
    annals::export::write_timelinejs(&i.timeline, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let shown = json["events"][0]["start_date"]["display_date"]
        .as_str()
        .unwrap();
    assert!(shown.ends_with(", 2 PM"), "{shown}");
    assert!(
        i.report.iter().any(|l| l.contains("hour alone")),
        "{:?}",
        i.report
    );
    let json = r#"{"events": [{"start_date": {"year": "1969", "month": "7", "day": "20", "hour": "20"},
        "text": {"headline": "Landing"}}]}"#;
    let (_d, path) = fixture("hour.json", json);
    let t = import_path(&path).unwrap().timeline;
    let landing = event(&t, "landing");
    assert_eq!(landing.date.to_edtf(), "1969-07-20");
    assert_eq!(landing.fields().collect::<Vec<_>>(), [("time", "hour 20")]);
}

/// A repeated `unique_id` is made unique, and said so: the report names it and the event
/// keeps the value it was given.
#[test]
fn a_repeated_unique_id_is_reported_and_kept() {
    let json = r#"{"events": [
        {"start_date": {"year": "1990"}, "text": {"headline": "One"}, "unique_id": "dup"},
        {"start_date": {"year": "1991"}, "text": {"headline": "Two"}, "unique_id": "dup"}]}"#;
    let (_d, path) = fixture("dup.json", json);
    let i = import_path(&path).unwrap();
    let two = event(&i.timeline, "dup-2");
    assert_eq!(two.title(), "Two");
    assert_eq!(two.fields().collect::<Vec<_>>(), [("unique_id", "dup")]);
    assert!(
        i.report
            .iter()
            .any(|l| l.contains("repeated unique_id") && l.contains("dup → dup-2")),
        "{:?}",
        i.report
    );
}
