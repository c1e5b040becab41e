//! EDTF dates: parsing every form, rejecting impossible dates, ordering and display.

use annals::domain::{Edtf, Instant, Precision, Qualifier};

fn p(s: &str) -> Edtf {
    Edtf::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn parses_and_round_trips_every_form() {
    for s in [
        "1961",
        "1961-08",
        "1999-07-09",
        "-0043-03-15",
        "0000",
        "1983~",
        "1961?",
        "2017-05%",
        "1997/2000",
        "2020-05-28/..",
        "../1999",
        "2005/",
        "/2005",
        "1999-07?/2000~",
    ] {
        assert_eq!(p(s).to_edtf(), s);
    }
}

#[test]
fn keeps_precision_and_qualifier() {
    let Edtf::Point(pt) = p("1961-08?") else {
        panic!()
    };
    assert_eq!(pt.year.value, 1961);
    assert_eq!(pt.month.map(|m| m.value), Some(8));
    assert_eq!(pt.day, None);
    assert_eq!(pt.precision(), Precision::Month);
    assert_eq!(pt.qualifier_of(0), Qualifier::Uncertain);
    assert_eq!(pt.qualifier_of(1), Qualifier::Uncertain);
    let Edtf::Point(pt) = p("1999-07-09") else {
        panic!()
    };
    assert_eq!(pt.precision(), Precision::Day);
    assert_eq!(pt.qualifier_of(2), Qualifier::Certain);
    assert_eq!(p("-0043-03-15").start_date().unwrap().year.value, -43);
}

#[test]
fn rejects_what_cannot_exist() {
    for (s, why) in [
        ("1999-13-40", "no month 13"),
        ("1999-02-30", "no day 30"),
        ("1900-02-29", "not a leap year"),
        ("99", "the year (4 digits)"),
        ("1999-7", "the month (2 digits)"),
        ("", "empty date"),
        ("1999??", "the end of the date"),
        ("2000/1999", "before the start"),
        ("../..", "at least one known end"),
        ("1999/2000/2001", "one `/`"),
        ("１９９９", "cannot be part of a date"),
    ] {
        let e = Edtf::parse(s).expect_err(s);
        assert!(e.message.contains(why), "{s}: {e}");
    }
    assert!(Edtf::parse("2000-02-29").is_ok());
}

#[test]
fn orders_by_earliest_then_latest_instant() {
    let mut v = vec![
        "1999-07-09",
        "2020-05-28/..",
        "1999",
        "1999-07",
        "../1999",
        "1998-12-31",
        "-0043-03-15",
        "1999-01-01",
        "1997/2000",
    ];
    v.sort_by(|a, b| p(a).chrono_cmp(&p(b)));
    assert_eq!(
        v,
        [
            "../1999",
            "-0043-03-15",
            "1997/2000",
            "1998-12-31",
            "1999-01-01",
            "1999",
            "1999-07",
            "1999-07-09",
            "2020-05-28/..",
        ]
    );
}

#[test]
fn displays_as_people_read() {
    for (s, short) in [
        ("1961-08", "Aug 1961"),
        ("1983~", "c. 1983"),
        ("1961?", "1961?"),
        ("2017-05%", "c. May 2017?"),
        ("1999-07-09", "9 Jul 1999"),
        ("1997/2000", "1997–2000"),
        ("2020/..", "2020–"),
        ("../1999", "–1999"),
        ("2005/", "2005–?"),
        ("1999-03/1999-07", "Mar–Jul 1999"),
        ("1999-07-09/1999-07-14", "9–14 Jul 1999"),
        ("-0043-03-15", "15 Mar 44 BCE"),
    ] {
        assert_eq!(p(s).short(), short, "{s}");
    }
    assert_eq!(p("1961-08?").long(), "August 1961 (uncertain)");
    assert_eq!(p("1983~").long(), "1983 (approximate)");
    assert_eq!(
        p("2020-05-28/..").long(),
        "from 28 May 2020 onwards (open end)"
    );
}

#[test]
fn overlap_with_ranges() {
    let d = |y, m, dd| Some(Instant::at(y, m, dd, 0, 0));
    assert!(p("1997/2000").overlaps(d(1999, 1, 1), d(1999, 12, 31)));
    assert!(!p("1996").overlaps(d(1997, 1, 1), None));
    assert!(p("2020/..").overlaps(d(2030, 1, 1), None));
    assert!(p("1999-07").overlaps(None, d(1999, 7, 1)));
    assert!(!p("1999-08").overlaps(None, d(1999, 7, 31)));
}

/// Every kind of EDTF date reads as people read it (short for columns, long for the detail
/// pane), never more certain or more precise than written.
#[test]
fn every_form_reads_as_people_read_it() {
    #[rustfmt::skip]
    let rows = [
        ("1985-04-12T23:20:30-04", "12 Apr 1985 23:20:30 UTC−4", "12 April 1985, 23:20:30 UTC−4"),
        ("1985-04-12T23:20:30+04:30", "12 Apr 1985 23:20:30 UTC+4:30", "12 April 1985, 23:20:30 UTC+4:30"),
        ("2004-01-01T10:10", "1 Jan 2004 10:10", "1 January 2004, 10:10"),
        ("2004-01-01T10:10:10.5Z", "1 Jan 2004 10:10:10 UTC", "1 January 2004, 10:10:10.5 UTC"),
        ("Y170000002", "170,000,002", "170,000,002"),
        ("Y-170000002", "170,000,003 BCE", "170,000,003 BCE"),
        ("2001-21", "spring 2001", "spring 2001"),
        ("2001-24", "winter 2001–02", "winter 2001–02"),
        ("2001-29", "spring 2001 (southern)", "spring 2001 (southern)"),
        ("2001-34", "Q2 2001", "Q2 2001"),
        ("2001-37", "Jan–Apr 2001", "January–April 2001"),
        ("2001-40", "H1 2001", "first half of 2001"),
        ("201X", "2010s", "2010s"),
        ("20XX", "20XX", "20XX (a year from 2000 to 2099)"),
        ("2004-XX", "2004", "2004 (month unspecified)"),
        ("1985-04-XX", "Apr 1985", "April 1985 (day unspecified)"),
        ("1985-XX-XX", "1985", "1985 (month unspecified; day unspecified)"),
        ("1985/", "1985–?", "from 1985 to an unknown end"),
        ("/1985-04-12", "?–12 Apr 1985", "from an unknown start to 12 April 1985"),
        ("Y-17E7", "170 million years BCE", "170 million years BCE (year 170,000,001 BCE)"),
        ("1950S2", "1900–1999", "1900–1999 (1950 given to 2 significant digits)"),
        ("Y3388E2S3", "338,000–338,999", "338,000–338,999 (338,800 given to 3 significant digits)"),
        ("[1667,1668,1670..1672]", "one of 1667, 1668, 1670–1672", "one of 1667, 1668, 1670 to 1672"),
        ("[..1760-12-03]", "3 Dec 1760 or earlier", "3 December 1760 or earlier"),
        ("[1760-01,1760-02,1760-12..]", "one of Jan 1760, Feb 1760, Dec 1760 or later", "one of January 1760, February 1760, December 1760 or later"),
        ("{1960,1961-12}", "all of 1960 and Dec 1961", "all of 1960 and December 1961"),
        ("{..1984}", "1984 and earlier", "1984 and earlier"),
        ("2004-06~-11", "c. 11 Jun 2004", "11 June 2004 (year and month approximate)"),
        ("?2004-06-~11", "c. 11 Jun 2004?", "11 June 2004 (year uncertain; day approximate)"),
        ("2004-%06-11", "c. 11 Jun 2004?", "11 June 2004 (month uncertain and approximate)"),
        ("156X-12-25", "25 Dec 156X", "25 December 156X (a year from 1560 to 1569)"),
        ("XXXX-12-XX", "Dec XXXX", "December XXXX (a year from 1 BCE to 9999; day unspecified)"),
        ("1XXX-12", "Dec 1XXX", "December 1XXX (a year from 1000 to 1999)"),
        ("1984-1X", "Oct–Dec 1984", "October–December 1984"),
        ("2004-06-~01/2004-06-~20", "c. 1 Jun 2004–c. 20 Jun 2004", "from 1 June 2004 (day approximate) to 20 June 2004 (day approximate)"),
        ("2005-07-25T10:10:10Z/2006-01-01T10:10:10Z", "25 Jul 2005 10:10:10 UTC–1 Jan 2006 10:10:10 UTC", "from 25 July 2005, 10:10:10 UTC to 1 January 2006, 10:10:10 UTC"),
    ];
    let mut bad = Vec::new();
    for (s, short, long) in rows {
        let d = p(s);
        if d.short() != short || d.long() != long {
            bad.push(format!("{s}: {:?} / {:?}", d.short(), d.long()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// `--utc` moves a time with an offset to UTC (the day may change); a local time stays.
#[test]
fn utc_readings_move_offset_times() {
    assert_eq!(
        p("1985-04-12T23:20:30-04").short_in(true),
        "13 Apr 1985 03:20:30 UTC"
    );
    assert_eq!(
        p("1985-04-12T23:20:30+04:30").long_in(true),
        "12 April 1985, 18:50:30 UTC"
    );
    assert_eq!(p("1985-04-12T23:20").short_in(true), "12 Apr 1985 23:20");
    assert_eq!(p("1985-04-12").short_in(true), "12 Apr 1985");
}

/// Times order by their instants, whatever offset they were written in; a local time
/// counts as UTC.
#[test]
fn times_order_by_instant() {
    let mut v = vec![
        "1985-04-12T23:20:00Z",
        "1985-04-12T23:20:00+04:30",
        "1985-04-12",
        "1985-04-12T20:00:00-05",
        "1985-04-12T12:00",
    ];
    v.sort_by(|a, b| p(a).chrono_cmp(&p(b)));
    assert_eq!(
        v,
        [
            "1985-04-12",
            "1985-04-12T12:00",
            "1985-04-12T23:20:00+04:30",
            "1985-04-12T23:20:00Z",
            "1985-04-12T20:00:00-05",
        ]
    );
}
