//! A person's age at an event, with the uncertainty both dates carry.

use super::date::{Edtf, Qualifier};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// An age in whole years, as a range when the dates are coarse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Age {
    /// Youngest the person can have been.
    pub min: u32,
    /// Oldest the person can have been.
    pub max: u32,
    /// One of the dates is qualified (`?`, `~`, `%`).
    pub qualified: bool,
}

impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.qualified {
            f.write_str("c. ")?;
        }
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}–{}", self.min, self.max)
        }
    }
}

fn whole_years(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut years = i64::from(to.year()) - i64::from(from.year());
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// Age of someone born at `born` when `at` happened (the start of `at` when it is a span).
/// `None` when either date is open, or the event is certainly before the birth.
pub fn age_at(born: &Edtf, at: &Edtf) -> Option<Age> {
    let b = born.start()?;
    let e = at.start()?;
    let min = whole_years(b.moment.latest(), e.moment.earliest());
    let max = whole_years(b.moment.earliest(), e.moment.latest());
    if max < 0 {
        return None;
    }
    Some(Age {
        min: min.max(0) as u32,
        max: max as u32,
        qualified: b.qualifier != Qualifier::Certain || e.qualifier != Qualifier::Certain,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(b: &str, e: &str) -> Option<String> {
        age_at(&Edtf::parse(b).unwrap(), &Edtf::parse(e).unwrap()).map(|a| a.to_string())
    }

    #[test]
    fn ages_carry_precision_and_doubt() {
        let cases = [
            ("1961-08", "1999-07-09", Some("37")),
            ("1961-08", "1999", Some("37–38")),
            ("1961-08-15", "1961-08-15", Some("0")),
            ("1961-08-15", "2001-08-14", Some("39")),
            ("1961-08-15", "2001-08-15", Some("40")),
            ("1961-08", "1983?", Some("c. 21–22")),
            ("1961~", "2005/2017", Some("c. 43–44")),
            ("1961-08", "1950", None),
            ("1961", "../1999", None),
            ("-0043-03-15", "0001-01-01", Some("43")),
        ];
        for (b, e, want) in cases {
            assert_eq!(age(b, e).as_deref(), want, "born {b}, at {e}");
        }
    }
}
