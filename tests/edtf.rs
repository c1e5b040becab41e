//! EDTF conformance: every example of the Library of Congress EDTF specification (2019,
//! levels 0, 1 and 2) and the bounds, errors, order and round trip annals promises for them,
//! derived by hand from the spec and not from the parser, so the parser can be checked
//! against something it did not write.
//!
//! Bounds are written as `bounds_iso()` prints them: `YYYY-MM-DD` for a date with no time
//! of day, `YYYY-MM-DDThh:mm:ss` plus the date's own offset (`Z` as `+00:00`) when a time
//! is known, years outside 0000–9999 signed with at least four digits, `None` (`..` in the
//! tables) for an unbounded side. Year 0 is 1 BCE (astronomical numbering), so year 0 and
//! year -4 are leap years and year -1 is not.
//!
//! Error columns are 1-based and count chars. The rule the tables below follow:
//! - a syntax error (text the grammar cannot read) points at the first char that cannot be
//!   read; when the text ends too early that is one past the last char (`len + 1`);
//! - a value error (text that reads but names no real date: month 13, 31 April, offset +24,
//!   an end before its start) points at the first column of the offending component, its
//!   sign included.

use annals::domain::Edtf;

/// Every numbered example of https://www.loc.gov/standards/datetime/ (February 4, 2019), in
/// the spec's order: 13 at level 0, 24 at level 1, 27 at level 2. Each row: the level of
/// the spec section that lists it, the level `level()` must report (the lowest level whose
/// features it uses), the input, and its strict earliest and latest (`".."`: unbounded).
/// `2004-06-11%` is listed twice by the spec (level 1 "Qualification of a date", level 2
/// "Group qualification"); it uses only a level 1 feature, so both rows expect level 1.
#[rustfmt::skip]
const SPEC: &[(u8, u8, &str, &str, &str)] = &[
    // ---- Level 0 -------------------------------------------------------------------
    // Date
    (0, 0, "1985-04-12",                  "1985-04-12",                "1985-04-12"),
    (0, 0, "1985-04",                     "1985-04-01",                "1985-04-30"),
    (0, 0, "1985",                        "1985-01-01",                "1985-12-31"),
    // Date and time
    (0, 0, "1985-04-12T23:20:30",         "1985-04-12T23:20:30",       "1985-04-12T23:20:30"),
    (0, 0, "1985-04-12T23:20:30Z",        "1985-04-12T23:20:30+00:00", "1985-04-12T23:20:30+00:00"),
    (0, 0, "1985-04-12T23:20:30-04",      "1985-04-12T23:20:30-04:00", "1985-04-12T23:20:30-04:00"),
    (0, 0, "1985-04-12T23:20:30+04:30",   "1985-04-12T23:20:30+04:30", "1985-04-12T23:20:30+04:30"),
    // Time interval
    (0, 0, "1964/2008",                   "1964-01-01",                "2008-12-31"),
    (0, 0, "2004-06/2006-08",             "2004-06-01",                "2006-08-31"),
    (0, 0, "2004-02-01/2005-02-08",       "2004-02-01",                "2005-02-08"),
    (0, 0, "2004-02-01/2005-02",          "2004-02-01",                "2005-02-28"),
    (0, 0, "2004-02-01/2005",             "2004-02-01",                "2005-12-31"),
    (0, 0, "2005/2006-02",                "2005-01-01",                "2006-02-28"),
    // ---- Level 1 -------------------------------------------------------------------
    // Letter-prefixed calendar year
    (1, 1, "Y170000002",                  "+170000002-01-01",          "+170000002-12-31"),
    (1, 1, "Y-170000002",                 "-170000002-01-01",          "-170000002-12-31"),
    // Seasons (21 = spring: March to May)
    (1, 1, "2001-21",                     "2001-03-01",                "2001-05-31"),
    // Qualification of a date (complete)
    (1, 1, "1984?",                       "1984-01-01",                "1984-12-31"),
    (1, 1, "2004-06~",                    "2004-06-01",                "2004-06-30"),
    (1, 1, "2004-06-11%",                 "2004-06-11",                "2004-06-11"),
    // Unspecified digit(s) from the right
    (1, 1, "201X",                        "2010-01-01",                "2019-12-31"),
    (1, 1, "20XX",                        "2000-01-01",                "2099-12-31"),
    (1, 1, "2004-XX",                     "2004-01-01",                "2004-12-31"),
    (1, 1, "1985-04-XX",                  "1985-04-01",                "1985-04-30"),
    (1, 1, "1985-XX-XX",                  "1985-01-01",                "1985-12-31"),
    // Extended interval: open end or start
    (1, 1, "1985-04-12/..",               "1985-04-12",                ".."),
    (1, 1, "1985-04/..",                  "1985-04-01",                ".."),
    (1, 1, "1985/..",                     "1985-01-01",                ".."),
    (1, 1, "../1985-04-12",               "..",                        "1985-04-12"),
    (1, 1, "../1985-04",                  "..",                        "1985-04-30"),
    (1, 1, "../1985",                     "..",                        "1985-12-31"),
    // Extended interval: unknown end or start
    (1, 1, "1985-04-12/",                 "1985-04-12",                ".."),
    (1, 1, "1985-04/",                    "1985-04-01",                ".."),
    (1, 1, "1985/",                       "1985-01-01",                ".."),
    (1, 1, "/1985-04-12",                 "..",                        "1985-04-12"),
    (1, 1, "/1985-04",                    "..",                        "1985-04-30"),
    (1, 1, "/1985",                       "..",                        "1985-12-31"),
    // Negative calendar year
    (1, 1, "-1985",                       "-1985-01-01",               "-1985-12-31"),
    // ---- Level 2 -------------------------------------------------------------------
    // Exponential year: -17 × 10^7
    (2, 2, "Y-17E7",                      "-170000000-01-01",          "-170000000-12-31"),
    // Significant digits
    (2, 2, "1950S2",                      "1900-01-01",                "1999-12-31"),
    (2, 2, "Y171010000S3",                "+171000000-01-01",          "+171999999-12-31"),
    (2, 2, "Y3388E2S3",                   "+338000-01-01",             "+338999-12-31"),
    // Sub-year groupings (34 = second quarter)
    (2, 2, "2001-34",                     "2001-04-01",                "2001-06-30"),
    // Set representation
    (2, 2, "[1667,1668,1670..1672]",      "1667-01-01",                "1672-12-31"),
    (2, 2, "[..1760-12-03]",              "..",                        "1760-12-03"),
    (2, 2, "[1760-12..]",                 "1760-12-01",                ".."),
    (2, 2, "[1760-01,1760-02,1760-12..]", "1760-01-01",                ".."),
    (2, 2, "[1667,1760-12]",              "1667-01-01",                "1760-12-31"),
    (2, 2, "[..1984]",                    "..",                        "1984-12-31"),
    (2, 2, "{1667,1668,1670..1672}",      "1667-01-01",                "1672-12-31"),
    (2, 2, "{1960,1961-12}",              "1960-01-01",                "1961-12-31"),
    (2, 2, "{..1984}",                    "..",                        "1984-12-31"),
    // Group qualification (the first is also a level 1 example: level 1)
    (2, 1, "2004-06-11%",                 "2004-06-11",                "2004-06-11"),
    (2, 2, "2004-06~-11",                 "2004-06-11",                "2004-06-11"),
    (2, 2, "2004?-06-11",                 "2004-06-11",                "2004-06-11"),
    // Qualification of individual component
    (2, 2, "?2004-06-~11",                "2004-06-11",                "2004-06-11"),
    (2, 2, "2004-%06-11",                 "2004-06-11",                "2004-06-11"),
    // Unspecified digit (anywhere)
    (2, 2, "156X-12-25",                  "1560-12-25",                "1569-12-25"),
    (2, 2, "15XX-12-25",                  "1500-12-25",                "1599-12-25"),
    (2, 2, "XXXX-12-XX",                  "0000-12-01",                "9999-12-31"),
    (2, 2, "1XXX-XX",                     "1000-01-01",                "1999-12-31"),
    (2, 2, "1XXX-12",                     "1000-12-01",                "1999-12-31"),
    (2, 2, "1984-1X",                     "1984-10-01",                "1984-12-31"),
    // Interval (qualified or unspecified parts of an end: level 2)
    (2, 2, "2004-06-~01/2004-06-~20",     "2004-06-01",                "2004-06-20"),
    (2, 2, "2004-06-XX/2004-07-03",       "2004-06-01",                "2004-07-03"),
];

/// Parse `s` or fail the test with the parser's own words.
fn p(s: &str) -> Edtf {
    Edtf::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e} (column {})", e.column))
}

/// Bounds as owned strings, for comparing with `bounds_iso()`.
fn owned(earliest: Option<&str>, latest: Option<&str>) -> (Option<String>, Option<String>) {
    (earliest.map(str::to_owned), latest.map(str::to_owned))
}

/// A bound as the tables write it: `".."` is unbounded.
fn bound(s: &str) -> Option<&str> {
    (s != "..").then_some(s)
}

/// Parse `input` and check it reads back byte for byte and has the given bounds (`".."`:
/// unbounded) and the given level, when one is given; every problem found is pushed onto
/// `failures`.
fn check(
    input: &str,
    level: Option<Option<u8>>,
    earliest: &str,
    latest: &str,
    failures: &mut Vec<String>,
) {
    let e = match Edtf::parse(input) {
        Ok(e) => e,
        Err(err) => {
            failures.push(format!(
                "{input:?}: rejected at column {}: {err}",
                err.column
            ));
            return;
        }
    };
    if e.to_edtf() != input {
        failures.push(format!("{input:?}: to_edtf() gave {:?}", e.to_edtf()));
    }
    if let Some(level) = level
        && e.level() != level
    {
        failures.push(format!(
            "{input:?}: level {:?}, expected {level:?}",
            e.level()
        ));
    }
    let want = owned(bound(earliest), bound(latest));
    let got = e.bounds_iso();
    if got != want {
        failures.push(format!("{input:?}: bounds {got:?}, expected {want:?}"));
    }
    // The human reading is not pinned down here, only that there is one.
    if e.short().trim().is_empty() {
        failures.push(format!("{input:?}: short() is empty"));
    }
}

fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} {what} failure(s):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

#[test]
fn the_spec_table_has_every_example() {
    let in_section = |l: u8| SPEC.iter().filter(|x| x.0 == l).count();
    assert_eq!(
        (in_section(0), in_section(1), in_section(2), SPEC.len()),
        (13, 24, 27, 64)
    );
    // One string is listed twice by the spec; every other example is distinct.
    let mut inputs: Vec<&str> = SPEC.iter().map(|x| x.2).collect();
    inputs.sort_unstable();
    inputs.dedup();
    assert_eq!(inputs.len(), 63);
}

#[test]
fn spec_examples_all_parse_with_their_bounds() {
    let mut failures = Vec::new();
    for &(_, level, input, earliest, latest) in SPEC {
        check(input, Some(Some(level)), earliest, latest, &mut failures);
    }
    report("spec example", &failures);
}

#[test]
fn spec_examples_normalise_to_themselves() {
    let mut failures = Vec::new();
    for &(_, _, input, _, _) in SPEC {
        match Edtf::parse(input) {
            Ok(e) if e.normalized() == input => {}
            Ok(e) => failures.push(format!("{input:?} normalised to {:?}", e.normalized())),
            Err(err) => failures.push(format!("{input:?}: rejected: {err}")),
        }
    }
    report("normalisation", &failures);
}

#[test]
fn invalid_forms_are_rejected_with_a_column() {
    let cases: &[(&str, usize)] = &[
        // Year 0 exists but has no sign: the year component (its sign included) starts at 1.
        ("-0000", 1),
        // Month 13 reads as two digits but is no month (nor season): the month, column 6.
        ("1985-13", 6),
        // April has 30 days: the day component, column 9.
        ("1985-04-31", 9),
        // 1900 is not a leap year (divisible by 100, not by 400): the day, column 9.
        ("1900-02-29", 9),
        // 2001 is not a leap year: the day, column 9.
        ("2001-02-29", 9),
        // A time needs a date before it: 'T' cannot begin a date, column 1.
        ("T10:00:00", 1),
        // Offset hours run 00–23: the offset component ('+'), column 20.
        ("1985-04-12T10:00:00+24", 20),
        // Nothing may follow 'Z' (col 20): the first unreadable char is '1', column 21.
        ("1985-04-12T10:00:00Z12:00", 21),
        // The end (2001) is before the start (2004): the end, column 6.
        ("2004/2001", 6),
        // Offset +25:00 is out of range: the offset component ('+'), column 20.
        ("2005-07-25T10:10:10+25:00", 20),
        // Hour 24 is not an EDTF hour (00–23), so the time is wrong from its hour: the
        // hour, column 12.
        ("1985-04-12T24:00:01", 12),
        // Minute 60 does not exist: the minute, column 15.
        ("1985-04-12T10:60", 15),
        // A year has four digits: the text ends where the fourth was due, column 4.
        ("198", 4),
        // After a four-digit year only '-', '/', a qualifier, 'S' or the end may come:
        // the fifth digit, column 5.
        ("19850", 5),
        // A month has two digits: the text ends where the second was due, column 7.
        ("1985-4", 7),
        // 'Y' needs more than four digits: the text ends where the fifth was due, column 6.
        ("Y1985", 1),
        // 42 reads as two digits but is neither a month nor a season (21–41): column 6.
        ("2001-42", 6),
        // A set member was due after the comma and the text ends: column 7.
        ("[1667,", 7),
        // A set needs a member; '}' cannot be one: column 2.
        ("{}", 2),
        // After "1985/" comes a date, "..", or the end; the second '/' is none: column 6.
        ("1985//1986", 6),
        // 'T' promises a time and the text ends where it was due: column 12.
        ("1985-04-12T", 12),
        // Nothing to read: column 1.
        ("", 1),
        // One qualifier per place ("?~" together is written '%'): the '~', column 6.
        ("1985?~", 6),
        // --- more of the same kinds --------------------------------------------------
        // Month 00 does not exist: the month, column 6.
        ("1985-00", 6),
        // Day 00 does not exist: the day, column 9.
        ("1985-04-00", 9),
        // Day 3X allows only 30 and 31, and February has neither: the day, column 9.
        ("1985-02-3X", 9),
        // 20 is neither a month nor a season: column 6.
        ("2001-20", 6),
        // Trailing space is not EDTF: the space, column 11.
        ("1985-04-12 ", 11),
        // Offset minutes run 00–59: the offset component ('+'), column 20.
        ("1985-04-12T23:20:30+04:60", 20),
        // The UTC designator is upper case: 'z' cannot be read, column 20.
        ("1985-04-12T23:20:30z", 20),
        // The year prefix is upper case: 'y' cannot begin a date, column 1.
        ("y17000", 1),
        // A set range must not run backwards: its end (1670), column 8.
        ("[1672..1670]", 8),
        // End (May) before start (June): the end, column 13.
        ("2004-06-~01/2004-05-~20", 13),
    ];
    let mut failures = Vec::new();
    for &(input, column) in cases {
        match Edtf::parse(input) {
            Ok(e) => failures.push(format!("{input:?} accepted as {:?}", e.to_edtf())),
            Err(err) if err.column == column => {
                if err.to_string().trim().is_empty() {
                    failures.push(format!("{input:?}: the error says nothing"));
                }
            }
            Err(err) => failures.push(format!(
                "{input:?}: column {}, expected {column}: {err}",
                err.column
            )),
        }
    }
    report("rejection", &failures);
}

#[test]
fn extensions_are_accepted_and_labelled() {
    // Minutes without seconds: annals' extension (no level), kept as written — a strict
    // form would add ":00" and mean one second, not the minute; the bounds cover the minute.
    let e = p("2004-01-01T10:10");
    assert_eq!(e.to_edtf(), "2004-01-01T10:10");
    assert_eq!(e.normalized(), "2004-01-01T10:10");
    assert_eq!(e.level(), None);
    assert_eq!(
        e.bounds_iso(),
        owned(Some("2004-01-01T10:10:00"), Some("2004-01-01T10:10:59"))
    );

    // The same with an offset: the offset is kept.
    let e = p("1985-04-12T23:20+04:30");
    assert_eq!(e.normalized(), "1985-04-12T23:20+04:30");
    assert_eq!(e.level(), None);

    // A fraction of a second: accepted and kept (an extension too); the bounds are that
    // second.
    let e = p("2004-01-01T10:10:10.5Z");
    assert_eq!(e.to_edtf(), "2004-01-01T10:10:10.5Z");
    assert_eq!(e.normalized(), "2004-01-01T10:10:10.5Z");
    assert_eq!(e.level(), None);
    assert_eq!(
        e.bounds_iso(),
        owned(
            Some("2004-01-01T10:10:10+00:00"),
            Some("2004-01-01T10:10:10+00:00")
        )
    );

    // Sets of times are an extension too; a set's `..` after seconds is a range, not a
    // fraction.
    let e = p("[2004-06-11T10:00:00..2004-06-12]");
    assert_eq!(e.level(), None);
    assert_eq!(
        e.bounds_iso(),
        owned(Some("2004-06-11T10:00:00"), Some("2004-06-12"))
    );

    // An interval between two datetimes: not EDTF (level 0 intervals exclude time of day),
    // so no level; the bounds carry the times.
    let s = "2005-07-25T10:10:10Z/2006-01-01T10:10:10Z";
    let e = p(s);
    assert_eq!(e.to_edtf(), s);
    assert_eq!(e.level(), None);
    assert_eq!(e.normalized(), s);
    assert_eq!(
        e.bounds_iso(),
        owned(
            Some("2005-07-25T10:10:10+00:00"),
            Some("2006-01-01T10:10:10+00:00")
        )
    );
}

/// Inputs beyond the spec's examples, one or more per bounds rule: `(input, earliest,
/// latest)`, `".."` for an unbounded side.
#[rustfmt::skip]
const BOUNDS: &[(&str, &str, &str)] = &[
    // ---- every sub-year grouping, 2001 --------------------------------------------
    // 21–24 (level 1): spring, summer, autumn, winter (December to February next year).
    ("2001-21",                                            "2001-03-01",                "2001-05-31"),
    ("2001-22",                                            "2001-06-01",                "2001-08-31"),
    ("2001-23",                                            "2001-09-01",                "2001-11-30"),
    ("2001-24",                                            "2001-12-01",                "2002-02-28"),
    // 25–28: the same seasons, northern hemisphere.
    ("2001-25",                                            "2001-03-01",                "2001-05-31"),
    ("2001-26",                                            "2001-06-01",                "2001-08-31"),
    ("2001-27",                                            "2001-09-01",                "2001-11-30"),
    ("2001-28",                                            "2001-12-01",                "2002-02-28"),
    // 29–32: southern spring, summer, autumn, winter.
    ("2001-29",                                            "2001-09-01",                "2001-11-30"),
    ("2001-30",                                            "2001-12-01",                "2002-02-28"),
    ("2001-31",                                            "2001-03-01",                "2001-05-31"),
    ("2001-32",                                            "2001-06-01",                "2001-08-31"),
    // 33–36: quarters.
    ("2001-33",                                            "2001-01-01",                "2001-03-31"),
    ("2001-34",                                            "2001-04-01",                "2001-06-30"),
    ("2001-35",                                            "2001-07-01",                "2001-09-30"),
    ("2001-36",                                            "2001-10-01",                "2001-12-31"),
    // 37–39: quadrimesters.
    ("2001-37",                                            "2001-01-01",                "2001-04-30"),
    ("2001-38",                                            "2001-05-01",                "2001-08-31"),
    ("2001-39",                                            "2001-09-01",                "2001-12-31"),
    // 40–41: semesters.
    ("2001-40",                                            "2001-01-01",                "2001-06-30"),
    ("2001-41",                                            "2001-07-01",                "2001-12-31"),
    // Winters end in a February of the next year, leap or not.
    ("2003-24",                                            "2003-12-01",                "2004-02-29"),
    ("1999-28",                                            "1999-12-01",                "2000-02-29"),
    ("1899-24",                                            "1899-12-01",                "1900-02-28"),
    ("2003-30",                                            "2003-12-01",                "2004-02-29"),
    // The winter of year -1 ends in year 0, a leap year.
    ("-0001-24",                                           "-0001-12-01",               "0000-02-29"),
    // ---- negative years, year 0, leap years -----------------------------------------
    ("-0043-03-15",                                        "-0043-03-15",               "-0043-03-15"),
    ("-0043",                                              "-0043-01-01",               "-0043-12-31"),
    ("-1985-04",                                           "-1985-04-01",               "-1985-04-30"),
    ("-0001",                                              "-0001-01-01",               "-0001-12-31"),
    ("-9999",                                              "-9999-01-01",               "-9999-12-31"),
    ("0000",                                               "0000-01-01",                "0000-12-31"),
    ("0000-02-XX",                                         "0000-02-01",                "0000-02-29"),
    ("-0004-02-XX",                                        "-0004-02-01",               "-0004-02-29"),
    ("-0001-02-XX",                                        "-0001-02-01",               "-0001-02-28"),
    ("2000-02-XX",                                         "2000-02-01",                "2000-02-29"),
    ("1900-02-XX",                                         "1900-02-01",                "1900-02-28"),
    ("2000-02",                                            "2000-02-01",                "2000-02-29"),
    ("2100-02",                                            "2100-02-01",                "2100-02-28"),
    ("9999-12-31",                                         "9999-12-31",                "9999-12-31"),
    // X in a negative year: -198X is one of -1989 … -1980.
    ("-198X",                                              "-1989-01-01",               "-1980-12-31"),
    // ---- Y years, exponents, significant digits -----------------------------------
    ("Y10000",                                             "+10000-01-01",              "+10000-12-31"),
    ("Y-10000",                                            "-10000-01-01",              "-10000-12-31"),
    ("Y17E7",                                              "+170000000-01-01",          "+170000000-12-31"),
    ("1950S1",                                             "1000-01-01",                "1999-12-31"),
    ("1950S3",                                             "1950-01-01",                "1959-12-31"),
    ("Y17101S3",                                           "+17100-01-01",              "+17199-12-31"),
    // A negative estimate widens away from zero as well as towards it.
    ("Y-171010000S3",                                      "-171999999-01-01",          "-171000000-12-31"),
    // ---- unspecified digits ----------------------------------------------------------
    ("XXXX",                                               "0000-01-01",                "9999-12-31"),
    ("1XXX",                                               "1000-01-01",                "1999-12-31"),
    ("201X?",                                              "2010-01-01",                "2019-12-31"),
    ("198X-05",                                            "1980-05-01",                "1989-05-31"),
    ("1985-0X",                                            "1985-01-01",                "1985-09-30"),
    // X2 is February or December.
    ("1985-X2",                                            "1985-02-01",                "1985-12-31"),
    // Months with a 31st: January … December.
    ("1985-XX-31",                                         "1985-01-31",                "1985-12-31"),
    ("1985-04-0X",                                         "1985-04-01",                "1985-04-09"),
    ("1985-02-2X",                                         "1985-02-20",                "1985-02-28"),
    ("2000-02-2X",                                         "2000-02-20",                "2000-02-29"),
    // 3X: 30 and 31 where they exist.
    ("1985-01-3X",                                         "1985-01-30",                "1985-01-31"),
    ("1985-04-3X",                                         "1985-04-30",                "1985-04-30"),
    ("1985-XX-3X",                                         "1985-01-30",                "1985-12-31"),
    // 29 February only in leap years: the first is year 0, the last 9996.
    ("XXXX-02-29",                                         "0000-02-29",                "9996-02-29"),
    ("199X-02-29",                                         "1992-02-29",                "1996-02-29"),
    // ---- times and offsets -------------------------------------------------------------
    ("1985-04-12T23:20:30+04",                             "1985-04-12T23:20:30+04:00", "1985-04-12T23:20:30+04:00"),
    ("1985-04-12T23:20:30-03:30",                          "1985-04-12T23:20:30-03:30", "1985-04-12T23:20:30-03:30"),
    ("1985-04-12T23:20:30+00:00",                          "1985-04-12T23:20:30+00:00", "1985-04-12T23:20:30+00:00"),
    ("1985-04-12T23:20+04:30",                             "1985-04-12T23:20:00+04:30", "1985-04-12T23:20:59+04:30"),
    ("1985-04-12T23:20Z",                                  "1985-04-12T23:20:00+00:00", "1985-04-12T23:20:59+00:00"),
    ("1985-04-12T23:20",                                   "1985-04-12T23:20:00",       "1985-04-12T23:20:59"),
    ("1985-04-12T23:20:30.250",                            "1985-04-12T23:20:30",       "1985-04-12T23:20:30"),
    ("1985-04-12T00:00:00Z",                               "1985-04-12T00:00:00+00:00", "1985-04-12T00:00:00+00:00"),
    // ---- intervals: open and unknown ends, mixed precision --------------------------
    ("1985-04-12/1985-04-12",                              "1985-04-12",                "1985-04-12"),
    ("-0043/0043",                                         "-0043-01-01",               "0043-12-31"),
    ("1984?/2004-06~",                                     "1984-01-01",                "2004-06-30"),
    ("2004-06-XX/2004-07-XX",                              "2004-06-01",                "2004-07-31"),
    ("2001-24/2002-21",                                    "2001-12-01",                "2002-05-31"),
    ("../2001-24",                                         "..",                        "2002-02-28"),
    ("/2001-24",                                           "..",                        "2002-02-28"),
    ("201X/..",                                            "2010-01-01",                ".."),
    ("201X/",                                              "2010-01-01",                ".."),
    ("Y-10000/1985",                                       "-10000-01-01",              "1985-12-31"),
    // ---- sets ------------------------------------------------------------------------
    // The smallest member's earliest, whatever order the members come in.
    ("[1990,1667]",                                        "1667-01-01",                "1990-12-31"),
    ("[1984]",                                             "1984-01-01",                "1984-12-31"),
    ("{1760-01..1760-03}",                                 "1760-01-01",                "1760-03-31"),
    ("[1760..]",                                           "1760-01-01",                ".."),
    ("{1999-12-25..}",                                     "1999-12-25",                ".."),
    ("[..1984,1990]",                                      "..",                        "1990-12-31"),
    ("{..1983-12-31,1984-10-10..1984-11-01,1984-11-05..}", "..",                        ".."),
    ("[198X,2001-21]",                                     "1980-01-01",                "2001-05-31"),
    ("{-0043-03-15,0043}",                                 "-0043-03-15",               "0043-12-31"),
    // ---- qualifiers leave the strict bounds alone ----------------------------------
    ("1984~",                                              "1984-01-01",                "1984-12-31"),
    ("2004-06-11?",                                        "2004-06-11",                "2004-06-11"),
    ("2004?-06",                                           "2004-06-01",                "2004-06-30"),
    ("2004?-~06-~04",                                      "2004-06-04",                "2004-06-04"),
    ("2001-21~",                                           "2001-03-01",                "2001-05-31"),
];

#[test]
fn bounds_table() {
    let mut failures = Vec::new();
    for &(input, earliest, latest) in BOUNDS {
        check(input, None, earliest, latest, &mut failures);
    }
    report("bounds", &failures);
}

#[test]
fn levels_of_forms_beyond_the_examples() {
    let cases: &[(&str, Option<u8>)] = &[
        ("0000", Some(0)),
        ("9999-12-31", Some(0)),
        ("1985-04-12T23:20:30+04", Some(0)),
        // Seasons 21–24 are level 1; the other groupings level 2.
        ("2001-22", Some(1)),
        ("2001-23", Some(1)),
        ("2001-24", Some(1)),
        ("2001-25", Some(2)),
        ("2001-32", Some(2)),
        ("2001-33", Some(2)),
        ("2001-37", Some(2)),
        ("2001-41", Some(2)),
        // Negative years, Y years, whole-date qualifiers and whole-component Xs: level 1.
        ("-0043-03-15", Some(1)),
        ("Y10000", Some(1)),
        ("2004-06-11?", Some(1)),
        ("1984~", Some(1)),
        ("2000-02-XX", Some(1)),
        // Xs in a year beyond the last two digits, or in part of a month or day: level 2.
        ("XXXX", Some(2)),
        ("1XXX", Some(2)),
        ("1985-X2", Some(2)),
        ("1985-04-3X", Some(2)),
        ("1985-XX-31", Some(2)),
        ("198X-05", Some(2)),
        // Exponents, significant digits, sets, qualifiers inside a date: level 2.
        ("Y17E7", Some(2)),
        ("1950S3", Some(2)),
        ("[1990,1667]", Some(2)),
        ("[1984]", Some(2)),
        ("2004?-06", Some(2)),
    ];
    let mut failures = Vec::new();
    for &(input, level) in cases {
        match Edtf::parse(input) {
            Ok(e) if e.level() == level => {}
            Ok(e) => failures.push(format!(
                "{input:?}: level {:?}, expected {level:?}",
                e.level()
            )),
            Err(err) => failures.push(format!("{input:?}: rejected: {err}")),
        }
    }
    report("level", &failures);
}
