//! Spreadsheets of one's own (`tests/fixtures/sheet.csv`, `sheet.tsv`) and annals' own CSV
//! export read back: columns placed by name and `--map`, dates made EDTF, people, places
//! and sources created from names, everything else kept in fields, and every problem at
//! `PATH:LINE:COL` (LINE where the row starts, COL the cell's column number).

use crate::common::annals;
use annals::export;
use annals::load::{BUNDLED, Format, load_bytes, load_path};
use std::path::Path;

mod props;

const CSV: &str = "tests/fixtures/sheet.csv";

/// `annals import` of a sheet written to a temporary directory: (status, stdout, stderr).
fn import(name: &str, text: &str, flags: &[&str]) -> (bool, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join(name);
    std::fs::write(&f, text).unwrap();
    let out = annals()
        .args(flags)
        .args(["import", f.to_str().unwrap()])
        .output()
        .unwrap();
    let shown = f.display().to_string();
    let err = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&shown, "PATH");
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        err,
    )
}

#[test]
fn an_awkward_sheet_loads_with_every_value_in_its_place() {
    let l = load_path(Path::new(CSV)).unwrap();
    let t = &l.timeline;
    assert_eq!(t.len(), 4);
    let alpha = t.event(t.event_by_id("server-alpha-down").unwrap());
    // Doubled quotes, a time column with an offset joined to its date.
    assert_eq!(alpha.title(), "Server \"alpha\" down");
    assert_eq!(alpha.date.to_edtf(), "2021-03-04T02:11:09+01:00");
    let people: Vec<&str> = alpha
        .people()
        .iter()
        .map(|&p| t.person(p).name.as_str())
        .collect();
    assert_eq!(people, ["Alice Martin", "Bob Li"]);
    let tags: Vec<&str> = alpha.tags().iter().map(|&g| t.tag(g)).collect();
    assert_eq!(tags, ["incident", "ops"]);
    // Columns that fill no field are kept in the event's fields, accents and all.
    let fields: Vec<_> = alpha.fields().collect();
    assert_eq!(fields, [("Catégorie", "infra"), ("Mood_1-5", "4")]);
    // A quoted newline (CRLF in the file) and a written date.
    let founding = t.event(t.event_by_id("founding").unwrap());
    assert_eq!(founding.summary(), "Two lines:\nsecond line");
    assert_eq!(founding.date.to_edtf(), "1985-04-12");
    let places: Vec<&str> = founding
        .places()
        .iter()
        .map(|&p| t.place(p).name.as_str())
        .collect();
    assert_eq!(places, ["Paris", "Lyon"]);
    let zola = t.person(founding.people()[0]);
    assert_eq!(
        (zola.id.as_str(), zola.name.as_str()),
        ("emile-zola", "Émile Zola")
    );
    // `Ops log` cited by name, by name and URL, and by URL alone: one source.
    let ops: Vec<_> = ["server-alpha-down", "recovery", "postmortem"]
        .iter()
        .map(|id| {
            let e = t.event(t.event_by_id(id).unwrap());
            let c = e.citations().next().unwrap();
            t.source(c.source).id.clone()
        })
        .collect();
    assert_eq!(ops, ["ops-log", "ops-log", "ops-log"]);
    assert_eq!(t.sources.len(), 2);
    let s = &t.sources[0];
    assert_eq!(s.url.as_deref(), Some("https://example.org/ops"));
}

#[test]
fn import_reports_where_each_column_went() {
    let out = annals().args(["import", CSV]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "annals: read tests/fixtures/sheet.csv as csv: 4 events, 3 people, 2 sources, 3 places",
            "  4 rows separated by commas, each an event",
            "  columns: When → date, Tíme → time, Headline → title, Déscription → summary, \
             Who → people, Where → places, TAGS → tags, Source → source, Page → locator, URL → url",
            "  kept in each event's fields: Catégorie as `Catégorie`, Mood (1-5) as `Mood_1-5`",
        ]
    );
    let ron = String::from_utf8(out.stdout).unwrap();
    assert!(ron.contains("date: \"2021-03-05T10:00\""), "{ron}");
}

#[test]
fn a_tsv_is_read_by_its_tabs() {
    let l = load_path(Path::new("tests/fixtures/sheet.tsv")).unwrap();
    let t = &l.timeline;
    let launch = t.event(t.event_by_id("launch").unwrap());
    assert_eq!(launch.date.to_edtf(), "1985-04-12T23:20:30+04:30");
    assert_eq!(launch.summary(), "a tab\tinside");
    assert_eq!(launch.people().len(), 2);
    let later = t.event(t.event_by_id("later").unwrap());
    assert_eq!(later.people()[0], launch.people()[1]);
    assert_eq!(t.sources.len(), 1, "the same URL is the same source");
}

#[test]
fn an_unreadable_date_is_an_error_at_its_cell() {
    let text = "title,notes,date\none,,2001\n\"two\nlines\",,someday\nthree,,03/04/2021\n";
    let (ok, out, err) = import("bad.csv", text, &[]);
    assert!(!ok);
    assert_eq!(out, "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "PATH:3:3: error: cannot read the date `someday`: write EDTF or ISO 8601 (1985-04-12, \
         1985-04, 1985, 1985-04-12T23:20:30+04:30, 1985/1990) or a month by name (12 April 1985)"
    );
    assert_eq!(
        lines[1],
        "PATH:5:3: error: the date `03/04/2021` does not say whether the day or the month comes \
         first (annals never guesses): write 2021-04-03 (day first) or 2021-03-04 (month \
         first), year-month-day"
    );
    assert_eq!(lines.len(), 2, "{err}");
}

#[test]
fn nothing_is_written_when_a_sheet_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.csv");
    std::fs::write(&f, "date,title\n1999,ok\n13/13/2020,no\n").unwrap();
    let o = dir.path().join("out.ron");
    let out = annals()
        .args(["import", f.to_str().unwrap(), "-o", o.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!o.exists());
}

#[test]
fn a_header_without_a_date_names_its_columns_and_the_map_to_write() {
    let (ok, _, err) = import("x.csv", "Wann,Headline,Wer\n2001,a,b\n", &[]);
    assert!(!ok);
    assert_eq!(
        err.lines().next().unwrap(),
        "PATH:1:1: error: no date column: the columns are `Wann`, `Headline`, `Wer`; say which \
         holds it with --map date=COLUMN"
    );
    // The map the message asks for settles it.
    let (ok, out, err) = import(
        "x.csv",
        "Wann,Headline,Wer\n2001,a,b\n",
        &["--map", "date=Wann", "--map", "people=wer"],
    );
    assert!(ok, "{err}");
    assert!(out.contains("date: \"2001\""), "{out}");
    assert!(err.contains("Wann → date (--map)"), "{err}");
    assert!(err.contains("Wer → people (--map)"), "{err}");
}

#[test]
fn map_overrides_a_recognised_column() {
    let text = "date,published,title\n2001,1999-05,a\n";
    let (ok, out, err) = import("x.csv", text, &["--map", "date=published"]);
    assert!(ok, "{err}");
    assert!(out.contains("date: \"1999-05\""), "{out}");
    // The column it displaced is kept in the fields.
    assert!(out.contains("\"date\": \"2001\""), "{out}");
    let (ok, _, err) = import("x.csv", text, &["--map", "colour=title"]);
    assert!(!ok);
    assert!(
        err.contains(
            "error: unknown field `colour` in --map colour=title: the fields are id, date, end, \
             time, end_time, title, summary, people, places, tags, source, locator, url, quote, \
             display_date"
        ),
        "{err}"
    );
}

#[test]
fn validation_problems_point_at_the_cell() {
    // Two rows with the same id: the second's id cell.
    let text = "title,id,date\na,x,2001\n\"b\nc\",x,2002\nd,y,2003\n";
    let (ok, _, err) = import("dup.csv", text, &[]);
    assert!(!ok);
    assert!(
        err.contains("PATH:3:2: error: duplicate event id `x`\n"),
        "{err}"
    );
}

/// A cell that cannot be read and a problem the checks find elsewhere come from one run,
/// in file order, and the unreadable date is not reported twice.
#[test]
fn reading_and_checking_problems_come_together() {
    let text = "title,id,date\na,x,2001\nb,x,2002\nc,y,someday\n";
    let (ok, out, err) = import("both.csv", text, &[]);
    assert!(!ok && out.is_empty());
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].starts_with("PATH:3:2: error: duplicate event id `x`"),
        "{err}"
    );
    assert!(
        errors[1].starts_with("PATH:4:3: error: cannot read the date `someday`"),
        "{err}"
    );
}

#[test]
fn intervals_and_times_come_from_their_columns() {
    let text = "start,start time,end,end time,title\n\
                2021-03-04,09:00,2021-03-04,17:30Z,shift\n1980,,1988,,war\n";
    let (ok, out, err) = import("x.csv", text, &[]);
    assert!(ok, "{err}");
    assert!(
        out.contains("date: \"2021-03-04T09:00/2021-03-04T17:30Z\""),
        "{out}"
    );
    assert!(out.contains("date: \"1980/1988\""), "{out}");
}

#[test]
fn the_csv_export_reads_back_as_the_same_timeline() {
    let original = load_bytes(BUNDLED.as_bytes(), "b.ron", Format::Ron).unwrap();
    let csv = export::csv(&original.timeline);
    let back = load_bytes(csv.as_bytes(), "b.csv", Format::Sheet).unwrap();
    let (a, b) = (
        export::to_raw(&original.timeline),
        export::to_raw(&back.timeline),
    );
    assert_eq!(a.events, b.events);
    // Exported again, it is the same file.
    assert_eq!(export::csv(&back.timeline), csv);
}

#[test]
fn an_edited_export_reads_its_cells() {
    let csv = "id,date,when,earliest,latest,title,summary,people,people_names,places,tags,\
               sources,source_titles,citations,links,details\n\
               a,2001,2001,,,one,,p,P,,,s,S,s ¶2,,\"{\"\"citations\"\":[{\"\"source\"\":\"\"s\"\",\
               \"\"locator\"\":\"\"¶1\"\",\"\"quote\"\":\"\"q\"\"}]}\"\n";
    let (ok, out, err) = import("e.csv", csv, &[]);
    assert!(ok, "{err}");
    assert!(out.contains("locator: \"¶2\""), "{out}");
    assert!(!out.contains("quote"), "{out}");
    assert!(
        err.contains("line 2: citations edited since the export"),
        "{err}"
    );
}

#[test]
fn an_export_with_a_bad_link_or_names_missing_says_where() {
    let head = "id,date,when,earliest,latest,title,summary,people,people_names,places,tags,\
                sources,source_titles,citations,links\n";
    let csv = format!("{head}a,2001,,,,one,,p; q,P,,,,,,Follows b\nb,2002,,,,two,,p,Q,,,,,,\n");
    let (ok, _, err) = import("e.csv", &csv, &[]);
    assert!(!ok);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "PATH:2:9: error: 2 people but 1 names: `people_names` has a name for each id in \
             `people`",
            "PATH:2:15: error: cannot read the link `Follows b`: write KIND EVENT-ID, KIND one of \
             Related, Causes, PartOf, Refers, Contradicts",
        ]
    );
    let csv = format!("{head}a,2001,,,,one,,p,P,,,,,,\nb,2002,,,,two,,p,Q,,,,,,\n");
    let (ok, out, err) = import("e.csv", &csv, &[]);
    assert!(ok, "{err}");
    assert!(out.contains("name: \"P\""), "{out}");
    assert!(
        err.contains("line 3: `p` is named `Q` here and `P` before: the first name is kept"),
        "{err}"
    );
}

#[test]
fn an_unclosed_quote_is_an_error_not_the_rest_of_the_file_in_one_cell() {
    let text = "date,title,notes\n2021-01-01,\"Broken,x\n2021-01-02,Second,y\n2021-01-03,Third,z\n";
    let (ok, out, err) = import("q.csv", text, &[]);
    assert!(!ok && out.is_empty(), "{out}");
    assert!(
        err.contains("PATH:2:12: error:") && err.contains("never closed"),
        "{err}"
    );
    // The same in a TimelineJS sheet.
    let tl = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,\
              Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
              2020,1,1,,,,,,,\"Broken,x\n2021,1,1,,,,,,,Second,,,,,,,,\n";
    let (ok, _, err) = import("t.csv", tl, &[]);
    assert!(!ok && err.contains("never closed"), "{err}");
}

#[test]
fn output_goes_only_into_an_existing_folder_readable_as_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder/x.ron");
    let out = annals()
        .args(["import", "tests/fixtures/sheet.csv", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !missing.parent().unwrap().exists(),
        "a mistyped folder is not created"
    );
    let ok = dir.path().join("x.ron");
    let out = annals()
        .args(["import", "tests/fixtures/sheet.csv", "-o"])
        .arg(&ok)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mode = std::fs::metadata(&ok).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}
