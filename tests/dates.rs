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
    assert_eq!(p("2020-05-28/..").long(), "from 28 May 2020 ongoing");
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
