//! EDTF dates: parsing every form, rejecting impossible dates, ordering and display.

use annals::domain::{Edtf, Moment, Qualifier};
use chrono::NaiveDate;

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
    assert_eq!(
        pt.moment,
        Moment::Month {
            year: 1961,
            month: 8
        }
    );
    assert_eq!(pt.qualifier, Qualifier::Uncertain);
    let Edtf::Point(pt) = p("1999-07-09") else {
        panic!()
    };
    assert_eq!(
        pt.moment,
        Moment::Day(NaiveDate::from_ymd_opt(1999, 7, 9).unwrap())
    );
    assert_eq!(p("-0043-03-15").start().unwrap().moment.year(), -43);
}

#[test]
fn rejects_what_cannot_exist() {
    for (s, why) in [
        ("1999-13-40", "no month 13"),
        ("1999-02-30", "no day 30"),
        ("1900-02-29", "no day 29"),
        ("99", "not a date"),
        ("1999-7", "not a date"),
        ("", "not a date"),
        ("1999??", "not a date"),
        ("2000/1999", "ends"),
        ("../..", "at least one known end"),
        ("1999/2000/2001", "not a date"),
        ("１９９９", "not a date"),
    ] {
        let e = Edtf::parse(s).expect_err(s);
        assert!(e.0.contains(why), "{s}: {e}");
    }
    assert!(Edtf::parse("2000-02-29").is_ok());
}

#[test]
fn orders_by_earliest_instant_then_coarser_first() {
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
            "1999",
            "1999-01-01",
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
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
    assert!(p("1997/2000").overlaps(d(1999, 1, 1), d(1999, 12, 31)));
    assert!(!p("1996").overlaps(d(1997, 1, 1), None));
    assert!(p("2020/..").overlaps(d(2030, 1, 1), None));
    assert!(p("1999-07").overlaps(None, d(1999, 7, 1)));
    assert!(!p("1999-08").overlaps(None, d(1999, 7, 31)));
}
