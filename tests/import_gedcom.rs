//! GEDCOM import (`tests/fixtures/family.ged`: a BOM, CRLF, CONT/CONC, two names, BCE,
//! every date form, Julian, Hebrew and French dates, a family with a marriage and a
//! divorce, a source cited with PAGE and QUAY): what each record becomes, what the report
//! says, where errors point, and that no garbled file makes the reader panic.

use crate::common::annals;
use annals::load::raw::{RawEvent, RawTimeline};
use annals::load::syntax::julian_to_gregorian;
use annals::load::{Format, load_bytes, load_path, read_text};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/family.ged";

fn family() -> (RawTimeline, Vec<String>) {
    let src = std::fs::read_to_string(FIXTURE).unwrap();
    let read = read_text(&src, FIXTURE, Format::Gedcom).unwrap();
    (read.timeline, read.report)
}

fn event<'a>(t: &'a RawTimeline, id: &str) -> &'a RawEvent {
    t.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn field<'a>(e: &'a RawEvent, name: &str) -> Option<&'a str> {
    e.fields
        .0
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A GEDCOM file in a temporary folder.
fn ged(name: &str, body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

#[test]
fn people_names_aliases_and_family_ties() {
    let (t, _) = family();
    let john = &t.people[0];
    assert_eq!((john.id.as_str(), john.name.as_str()), ("i1", "John Smith"));
    assert_eq!(john.aliases, ["Johnny Smith"]);
    assert_eq!(john.born.as_deref(), Some("1850-03-12"));
    assert_eq!(john.died.as_deref(), Some("1910~"));
    let note = john.note.as_deref().unwrap();
    // CONC joins without a break, CONT starts a line, `@@` is one `@` (5.5.1).
    assert!(
        note.contains("lost in a fire\nWrite to smith@example.com"),
        "{note}"
    );
    assert!(note.contains("A shared note about John."), "{note}");
    assert!(note.contains("partner of Mary Jones (i2)"), "{note}");
    // Undated facts are kept in the note, not dropped.
    assert!(
        note.contains("Education of John Smith: Village school"),
        "{note}"
    );
    assert!(
        note.contains("Graduation of John Smith; date (after the war)"),
        "{note}"
    );
    let caesar = t.people.iter().find(|p| p.id == "i3").unwrap();
    assert_eq!(caesar.born.as_deref(), Some("-0099-07-12"));
    assert_eq!(caesar.died.as_deref(), Some("-0043-03-15"));
    let anna = t.people.iter().find(|p| p.id == "i5").unwrap();
    assert_eq!(
        anna.note.as_deref(),
        Some("child of John Smith and Mary Jones")
    );
}

#[test]
fn every_date_form_by_meaning() {
    let (t, _) = family();
    let cases = [
        ("i1-birt", "1850-03-12"),
        ("i1-deat", "1910~"),
        ("i1-occu", "1870/1900"),
        ("i1-resi", "[..1880]"),
        ("i1-emig", "[1872..]"),
        ("i1-cens", "[1880..1881]"),
        ("i2-birt", "1852"),
        ("i2-immi", "../1870"),
        ("i2-reti", "1915/.."),
        ("i3-birt", "-0099-07-12"),
        ("i4-birt", "1643-01-04"),
        ("i4-chr", "[1643-01-11..1644-01-10]"),
        ("i4-buri", "[1700-02-11..1700-02-21]"),
        ("i5-even", "1876~"),
        ("i6-birt", "1799-11-03"),
        ("i6-natu", "[1871-09-15..1872-10-02]"),
        ("f1-marr", "1872-06-05"),
        ("f1-div", "1890~"),
    ];
    for (id, date) in cases {
        assert_eq!(event(&t, id).date, date, "{id}");
    }
    // The GEDCOM wording is kept beside annals' reading; conversions say what they did.
    let birth = event(&t, "i4-birt");
    assert_eq!(
        birth.display_date.as_deref(),
        Some("@#DJULIAN@ 25 DEC 1642")
    );
    assert!(
        field(birth, "date_note")
            .unwrap()
            .contains("converted to Gregorian")
    );
    let chr = event(&t, "i4-chr");
    assert!(
        field(chr, "date_note")
            .unwrap()
            .contains("converted to the Gregorian days it spans")
    );
    let mary = event(&t, "i2-birt");
    assert!(
        field(mary, "date_note")
            .unwrap()
            .contains("the family bible says so")
    );
    assert_eq!(
        event(&t, "i1-birt").display_date,
        None,
        "a plain date needs no wording"
    );
    let occu = event(&t, "i1-occu");
    assert_eq!(occu.title, "Occupation of John Smith: Farmer");
    assert_eq!(field(occu, "occu"), Some("Farmer"));
    assert_eq!(
        event(&t, "i5-even").title,
        "Christening party of Anna Smith"
    );
    assert_eq!(field(event(&t, "i1-deat"), "caus"), Some("Fever"));
}

#[test]
fn families_sources_and_citations() {
    let (t, _) = family();
    let marr = event(&t, "f1-marr");
    assert_eq!(marr.title, "Marriage of John Smith and Mary Jones");
    assert_eq!(marr.people, ["i1", "i2"]);
    assert_eq!(marr.places, ["Springfield, Illinois, USA"]);
    let c = &marr.citations[0];
    assert_eq!(c.source, "s1");
    assert_eq!(c.locator.as_deref(), Some("entry 34"));
    assert_eq!(c.quality, Some(2));
    assert_eq!(c.quote, None, "a transcription is not a quote");
    assert!(c.note.as_deref().unwrap().contains("Mary Jones, spinster"));
    assert_eq!(
        event(&t, "f1-div").title,
        "Divorce of John Smith and Mary Jones"
    );
    assert_eq!(event(&t, "i1-birt").citations[0].quality, Some(3));
    let s = &t.sources[0];
    assert_eq!(s.title, "Springfield parish register");
    assert_eq!(s.author.as_deref(), Some("Rev. A. Brown"));
    assert_eq!(s.outlet.as_deref(), Some("Springfield Church, 1900"));
    assert_eq!(s.note.as_deref(), Some("Microfilm copy"));
    let places: Vec<_> = t.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(places, ["Springfield, Illinois, USA", "Rome"]);
    // And the whole file is a valid timeline.
    let l = load_path(Path::new(FIXTURE)).unwrap();
    assert_eq!(l.timeline.len(), t.events.len());
}

#[test]
fn the_report_lists_every_choice() {
    let (_, report) = family();
    let all = report.join("\n");
    for line in [
        "6 people (INDI), 1 source (SOUR), 2 places (PLAC), 20 events",
        "2 events/facts without a date annals can place kept as notes on their people",
        "3 dates: ABT/CAL/EST x",
        "1 date: BET x AND y",
        "2 dates: BCE",
        "1 date: Julian days converted to Gregorian",
        "1 date: Julian months/years → the Gregorian days they span",
        "2 dates: Hebrew and French republican (years I–XIV) dates converted to Gregorian days",
        "1 date: dual years",
        "kept as event fields: AGE 1, CAUS 1, TYPE 1",
        "not kept: HEAD.CHAR (file metadata) 1, HEAD.SOUR (file metadata) 1",
    ] {
        assert!(all.contains(line), "missing `{line}` in\n{all}");
    }
}

#[test]
fn import_prints_ron_and_the_report() {
    let out = annals().args(["import", FIXTURE]).assert().success();
    let out = out.get_output();
    let ron = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("read tests/fixtures/family.ged as gedcom: 20 events, 6 people"),
        "{err}"
    );
    assert!(
        err.contains("  1 date: Julian days converted to Gregorian"),
        "{err}"
    );
    let back = load_bytes(ron.as_bytes(), "out.ron", Format::Ron).unwrap();
    assert_eq!(back.timeline.len(), 20);
}

#[test]
fn search_finds_the_imported_people() {
    annals()
        .args(["search", FIXTURE, "person:caesar"])
        .assert()
        .success()
        .stdout(contains("15 Mar 44 BCE").and(contains("Death of Gaius Julius Caesar")));
    // An alias (the second NAME) finds the person too.
    annals()
        .args(["search", FIXTURE, "person:johnny"])
        .assert()
        .success()
        .stdout(contains("Marriage of John Smith and Mary Jones"));
}

#[test]
fn a_malformed_line_is_placed() {
    annals()
        .args(["import", "tests/fixtures/family-bad.ged"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains(
            "tests/fixtures/family-bad.ged:6:2: error: expected a space after the level",
        ));
}

#[test]
fn reading_and_checking_problems_point_into_the_file() {
    let body = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 BIRT\n2 DATE 1 JAN 1900\n1 DEAT\n2 DATE 31 FEB 1850\n1 RESI\n2 DATE 1870\n2 SOUR @S1@\n3 QUAY 7\n0 TRLR\n";
    let (_d, path) = ged("bad.ged", body);
    let err = annals().arg("check").arg(&path).assert().code(1);
    let err = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(
        err.contains("bad.ged:9:8: error: the GEDCOM date `31 FEB 1850`"),
        "{err}"
    );
    assert!(
        err.contains("bad.ged:13:8: error: QUAY is the quality of the evidence, 0 to 3"),
        "{err}"
    );
    // Read fine, then checked: a death before birth and an unknown source, at their lines.
    let body = body
        .replace("31 FEB 1850", "1 FEB 1850")
        .replace("QUAY 7", "QUAY 1");
    let (_d, path) = ged("late.ged", &body);
    let err = annals().arg("check").arg(&path).assert().code(1);
    let err = String::from_utf8_lossy(&err.get_output().stderr).to_string();
    assert!(err.contains("late.ged:9:8: error:"), "{err}");
    assert!(
        err.contains("late.ged:12:8: error: unknown source `s1`"),
        "{err}"
    );
}

/// Malformed lines, unreadable dates and what the checks find in the rest all come from
/// one run, in file order: a user fixes a file in one pass, not three.
#[test]
fn every_problem_of_a_gedcom_file_is_reported_at_once() {
    let body = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1BIRT\n2 DATE 1 JAN 1900\n1 RESI\n2 DATE 31 FEB 1850\n0 @I2@ INDI\n1 NAME Bo /Lee/\n1 BIRT\n2 DATE 1 JAN 1900\n1 DEAT\n2 DATE 1 FEB 1850\n1 EMIG\n2 DATE 1880\n2 SOUR @S9@\n0 TRLR\n";
    let (_d, path) = ged("all.ged", body);
    for cmd in ["check", "import"] {
        let out = annals().arg(cmd).arg(&path).assert().code(1);
        assert!(out.get_output().stdout.is_empty() || cmd == "check");
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        let lines: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
        let at: Vec<&str> = lines
            .iter()
            .map(|l| l.split(": error: ").next().unwrap())
            .map(|p| p.rsplit_once("all.ged:").unwrap().1)
            .collect();
        // The malformed line (its DATE line left out with it), the impossible date, the
        // death before birth, the unknown source.
        assert_eq!(at.len(), 4, "{cmd}: {err}");
        assert_eq!(at[0], "6:2", "{cmd}: {err}");
        assert_eq!(at[1], "9:8", "{cmd}: {err}");
        assert!(at[2].starts_with("15:"), "{cmd}: {err}");
        assert_eq!(at[3], "18:8", "{cmd}: {err}");
        assert!(lines[3].ends_with("unknown source `s9`"), "{cmd}: {err}");
    }
}

#[test]
fn found_by_its_first_line_whatever_the_name() {
    let src = std::fs::read_to_string(FIXTURE).unwrap();
    let (_d, path) = ged("tree.txt", &src);
    annals()
        .arg("check")
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("ok: 20 events, 6 people"));
}

#[test]
fn julian_days_match_known_gregorian_days() {
    // The reform: Julian 4 Oct 1582 is Gregorian 14 Oct (the next day was the 15th).
    assert_eq!(julian_to_gregorian(1582, 10, 4), (1582, 10, 14));
    // Britain's switch: Julian 2 Sep 1752 was followed by Gregorian 14 Sep.
    assert_eq!(julian_to_gregorian(1752, 9, 2), (1752, 9, 13));
    // Washington's birth, 11 Feb 1731/32 (Julian; a dual year) = 22 Feb 1732.
    assert_eq!(julian_to_gregorian(1732, 2, 11), (1732, 2, 22));
    // The October Revolution: 25 Oct 1917 (Julian) = 7 Nov 1917.
    assert_eq!(julian_to_gregorian(1917, 10, 25), (1917, 11, 7));
    // Caesar's death, 15 March 44 BCE (astronomical -43), two days earlier in Gregorian.
    assert_eq!(julian_to_gregorian(-43, 3, 15), (-43, 3, 13));
}

/// Lines GEDCOM files are made of, to garble.
fn line() -> impl Strategy<Value = String> {
    let level = prop_oneof![
        Just("0"),
        Just("1"),
        Just("2"),
        Just("3"),
        Just("x"),
        Just("")
    ];
    let xref = prop_oneof![
        Just(""),
        Just("@I1@ "),
        Just("@F1@ "),
        Just("@S1@ "),
        Just("@ "),
        Just("@N1@ ")
    ];
    let tag = prop_oneof![
        Just("HEAD"),
        Just("INDI"),
        Just("FAM"),
        Just("SOUR"),
        Just("NAME"),
        Just("BIRT"),
        Just("DEAT"),
        Just("MARR"),
        Just("DATE"),
        Just("PLAC"),
        Just("CONT"),
        Just("CONC"),
        Just("NOTE"),
        Just("SNOTE"),
        Just("HUSB"),
        Just("WIFE"),
        Just("CHIL"),
        Just("QUAY"),
        Just("PAGE"),
        Just("TIME"),
        Just("OBJE"),
        Just("FILE"),
        Just("TRAN"),
        Just("EVEN"),
        Just("TYPE"),
    ];
    let value = prop_oneof![
        Just(String::new()),
        Just(" @I1@".to_string()),
        Just(" @S1@".to_string()),
        Just(" @VOID@".to_string()),
        Just(" 12 MAR 1850".to_string()),
        Just(" BET 1900 AND 1800".to_string()),
        Just(" @#DJULIAN@ 29 FEB 1700".to_string()),
        Just(" FROM 44 B.C. TO 1 BCE".to_string()),
        Just(" HEBREW 5780".to_string()),
        Just(" 4".to_string()),
        "[ -~]{0,12}".prop_map(|s| format!(" {s}")),
    ];
    (level, xref, tag, value).prop_map(|(l, x, t, v)| format!("{l} {x}{t}{v}"))
}

fn check(src: &str) {
    let _ = load_bytes(src.as_bytes(), "p.ged", Format::Gedcom);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn garbled_gedcom_never_panics(lines in prop::collection::vec(line(), 0..40)) {
        check(&format!("0 HEAD\n{}", lines.join("\n")));
    }

    #[test]
    fn cut_and_spliced_fixture_never_panics(cut in 0usize..3000, len in 0usize..200, junk in "[ -~\r\n]{0,20}") {
        let src = std::fs::read_to_string(FIXTURE).unwrap();
        let chars: Vec<char> = src.chars().collect();
        let a = cut.min(chars.len());
        let b = (a + len).min(chars.len());
        let s: String = chars[..a].iter().chain(junk.chars().collect::<Vec<_>>().iter()).chain(&chars[b..]).collect();
        check(&s);
    }
}

/// A record id used twice is an error at the second (pointers to it could mean either), and
/// an event never gets the same field twice (two date notes are joined).
#[test]
fn a_repeated_record_id_is_an_error_and_fields_are_never_repeated() {
    let body = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I2@ INDI\n1 NAME First /One/\n1 BIRT\n2 DATE 1850\n0 @I2@ INDI\n1 NAME Second /Two/\n0 TRLR\n";
    let (_d, path) = ged("dup.ged", body);
    let out = annals().arg("check").arg(&path).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("dup.ged:8:1: error: the record id @I2@ is used again (first at line 4)"),
        "{err}"
    );
    assert_eq!(err.matches(": error: ").count(), 1, "{err}");
    let body = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 RESI\n2 DATE BET JULIAN 1 JAN 1700 AND JULIAN 10 JAN 1700\n0 TRLR\n";
    let (_d, path) = ged("two.ged", body);
    let t = load_path(&path).unwrap().timeline;
    let e = t.event(t.event_by_id("i1-resi").unwrap());
    let notes: Vec<_> = e.fields().filter(|(k, _)| *k == "date_note").collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].1.lines().count(), 2, "{notes:?}");
}

/// An event whose date cannot be read still has the rest checked in the same run.
#[test]
fn the_rest_of_an_event_with_a_bad_date_is_still_checked() {
    let body = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 RESI\n2 DATE 31 FEB 1850\n2 SOUR @S1@\n3 QUAY 9\n0 @S1@ SOUR\n1 TITL X\n0 TRLR\n";
    let (_d, path) = ged("rest.ged", body);
    let out = annals().arg("check").arg(&path).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("rest.ged:7:8: error: the GEDCOM date `31 FEB 1850`"),
        "{err}"
    );
    assert!(
        err.contains("rest.ged:9:8: error: QUAY is the quality"),
        "{err}"
    );
    assert_eq!(err.matches(": error: ").count(), 2, "{err}");
}
