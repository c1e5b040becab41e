//! Tests of GEDCOM dates: every form, the calendars, what is refused.
use super::*;
use crate::load::syntax::gedcom::calendars::julian_to_gregorian;

fn edtf(s: &str) -> String {
    read(s, None).unwrap().edtf.unwrap_or_default()
}

#[test]
fn every_form() {
    let cases = [
        ("12 MAR 1850", "1850-03-12"),
        ("mar 1850", "1850-03"),
        ("1850", "1850"),
        ("ABT 1850", "1850~"),
        ("EST 3 JAN 1850", "1850-01-03~"),
        ("BEF 1900", "[..1900]"),
        ("AFT MAR 1900", "[1900-03..]"),
        ("BET 1900 AND 1910", "[1900..1910]"),
        ("FROM 1900 TO 1910", "1900/1910"),
        ("FROM 1900", "1900/.."),
        ("TO 1910", "../1910"),
        ("44 BCE", "-0043"),
        ("15 MAR 44 B.C.", "-0043-03-15"),
        ("1 BCE", "0000"),
        ("11 FEB 1699/00", "[1700-02-11..1700-02-21]"),
        ("FEB 1699/00", "[1700-02-01..1700-03-11]"),
        ("INT 1850 (about the year of the flood)", "1850"),
        ("@#DJULIAN@ 4 OCT 1582", "1582-10-14"),
        ("JULIAN 1600", "[1600-01-11..1601-01-10]"),
        ("JULIAN MAR 1643", "[1643-03-11..1643-04-10]"),
        ("HEBREW 5780", "[2019-09-29..2020-09-18]"),
        ("HEBREW TSH 5780", "[2019-09-29..2019-10-29]"),
        ("@#DHEBREW@ 15 NSN 5784", "[2024-04-22..2024-04-23]"),
        ("ABT JULIAN 1600", "[1600-01-11~..1601-01-10~]"),
        ("ABT 11 FEB 1699/00", "[1700-02-11~..1700-02-21~]"),
        ("FROM JULIAN 1600 TO JULIAN 1610", "1600/1611"),
        ("FROM JULIAN MAR 1643", "1643-03/.."),
        ("TO HEBREW 5780", "../2020"),
        ("29 FEB 1699/00", "1700-03-11"),
        ("@#DFRENCH R@ 1 VEND 1", "1792-09-22"),
        ("@#DFRENCH R@ 18 BRUM 8", "1799-11-09"),
        ("@#DFRENCH R@ VEND 79", "1870"),
        ("@#DFRENCH R@ 79", "[1870..1871]"),
        ("(a phrase)", ""),
        ("_UNKNOWN 87", ""),
    ];
    for (g, e) in cases {
        assert_eq!(edtf(g), e, "{g}");
    }
    assert_eq!(
        read("27 MAR 2022", Some("16:02")).unwrap().edtf.as_deref(),
        Some("2022-03-27T16:02")
    );
}

#[test]
fn julian_days_against_known_pairs() {
    // The Gregorian reform: Thursday 4 October 1582 (Julian) was followed by
    // Friday 15 October 1582; Julian 5 October would have been the 15th.
    assert_eq!(julian_to_gregorian(1582, 10, 4), (1582, 10, 14));
    assert_eq!(julian_to_gregorian(1582, 10, 5), (1582, 10, 15));
    // Britain: Wednesday 2 September 1752 (Julian) → Thursday 14 September.
    assert_eq!(julian_to_gregorian(1752, 9, 3), (1752, 9, 14));
    // Newton born 25 December 1642 (Julian) = 4 January 1643 (Gregorian).
    assert_eq!(julian_to_gregorian(1642, 12, 25), (1643, 1, 4));
    // Russia: 25 October 1917 (Julian) = 7 November 1917.
    assert_eq!(julian_to_gregorian(1917, 10, 25), (1917, 11, 7));
    // Both calendars agree in the 3rd century (1 March 200 to 28 February 300).
    assert_eq!(julian_to_gregorian(250, 6, 1), (250, 6, 1));
}

#[test]
fn a_hebrew_time_is_a_note_not_a_day() {
    // 21:00 on 15 Nisan is the evening of 22 April: the time is not joined to a day.
    let r = read("@#DHEBREW@ 15 NSN 5784", Some("21:00")).unwrap();
    assert_eq!(r.edtf.as_deref(), Some("[2024-04-22..2024-04-23]"));
    assert!(r.notes.iter().any(|n| n.contains("21:00")), "{:?}", r.notes);
}

#[test]
fn bad_dates_say_why() {
    for bad in [
        "12 MAY",
        "1850 FOO",
        "31 FEB 1900",
        "BET 1910 AND 1900",
        "0",
        "BET 1900",
        "12 13 1900",
        "JULIAN 31 APR 1600",
        "JULIAN 12000",
        "HEBREW 20000",
        "30 FEB 1699/00",
        "@#DFRENCH R@ 9000",
    ] {
        let e = read(bad, None).unwrap_err();
        assert!(e.contains(bad) || e.contains("GEDCOM date"), "{bad}: {e}");
    }
}
