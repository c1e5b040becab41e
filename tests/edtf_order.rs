//! Chronological order of EDTF dates: earliest instant, then latest, then precision, in
//! UTC; and the integer keys a big file is sorted by (`sort_bits`) agree on every case.

use annals::domain::Edtf;
use std::cmp::Ordering;

fn p(s: &str) -> Edtf {
    Edtf::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

#[test]
fn order_is_by_earliest_then_latest() {
    // Earliest first (198X starts in 1980); among the three that start on 1985-01-01 the
    // one that ends first comes first (the day, then the year, then the set reaching
    // 1987); then spring (March), then the June datetime.
    let sorted = [
        "198X",
        "1985-01-01",
        "1985",
        "[1985,1987]",
        "1985-21",
        "1985-06-11T10:00Z",
    ];
    let given = [
        "1985-01-01",
        "198X",
        "1985",
        "1985-21",
        "[1985,1987]",
        "1985-06-11T10:00Z",
    ];
    let sort = |inputs: &[&str]| {
        let mut v: Vec<Edtf> = inputs.iter().map(|s| p(s)).collect();
        v.sort_by(|a, b| a.chrono_cmp(b));
        v.iter().map(Edtf::to_edtf).collect::<Vec<_>>()
    };
    assert_eq!(sort(&given), sorted);
    let mut reversed = given;
    reversed.reverse();
    assert_eq!(sort(&reversed), sorted);
    assert_strictly_increasing(&sorted);

    // Unbounded earliest sorts first, unbounded latest last.
    // (Of the two open starts, the one that ends first comes first.)
    assert_strictly_increasing(&["/1985-06", "../1985", "1985", "1985/..", "1986"]);

    // Same bounds: the coarser precision first (year, month, day).
    assert_strictly_increasing(&["1985", "1985-XX", "1985-XX-XX"]);

    // Equal dates compare Equal.
    for s in ["1985", "2004-06-11", "2001-21", "[1667,1760-12]", "1985/.."] {
        assert_eq!(p(s).chrono_cmp(&p(s)), Ordering::Equal, "{s}");
    }

    // Instants compare in UTC: 23:20 at +04:30 is 18:50Z, before 20:00Z; 17:00 at -04
    // is 21:00Z, after it.
    let (east, utc, west) = (
        p("1985-04-12T23:20:00+04:30"),
        p("1985-04-12T20:00:00Z"),
        p("1985-04-12T17:00:00-04"),
    );
    assert_eq!(east.chrono_cmp(&utc), Ordering::Less);
    assert_eq!(utc.chrono_cmp(&east), Ordering::Greater);
    assert_eq!(utc.chrono_cmp(&west), Ordering::Less);
    assert_eq!(west.chrono_cmp(&east), Ordering::Greater);
}

/// Each of `inputs` compares Less than every later one and Greater than every earlier one.
fn assert_strictly_increasing(inputs: &[&str]) {
    let dates: Vec<Edtf> = inputs.iter().map(|s| p(s)).collect();
    for (i, a) in dates.iter().enumerate() {
        for (j, b) in dates.iter().enumerate() {
            assert_eq!(a.chrono_cmp(b), i.cmp(&j), "{} vs {}", inputs[i], inputs[j]);
            let (x, y) = (a.sort_bits(), b.sort_bits());
            assert_eq!(
                x.cmp(&y),
                i.cmp(&j),
                "sort_bits: {} vs {}",
                inputs[i],
                inputs[j]
            );
        }
    }
}
