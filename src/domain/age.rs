//! A person's age at an event, with the uncertainty both dates carry.

use super::date::{Civil, Edtf, Instant};
use crate::domain::date::Shape;
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

/// Whole years from `from` to `to`: by the calendar day (a birthday counts from its first
/// moment, as people count ages), or to the second when a time of day is known
/// (`by_time`).
fn whole_years(from: Instant, to: Instant, by_time: bool) -> i64 {
    let (f, t): (Civil, Civil) = (from.civil(0), to.civil(0));
    let mut years = t.year - f.year;
    let early = if by_time {
        (t.month, t.day, t.secs) < (f.month, f.day, f.secs)
    } else {
        (t.month, t.day) < (f.month, f.day)
    };
    if early {
        years -= 1;
    }
    years
}

/// Does the start of `e` (what an age is counted at) give a time of day?
fn start_has_time(e: &Edtf) -> bool {
    match e.shape() {
        Shape::Interval { start, .. } => start.date().is_some_and(|d| d.time.is_some()),
        _ => e.has_time(),
    }
}

/// The bounds of when something began: a point's own, an interval's start, a set's all.
fn start_bounds(e: &Edtf) -> Option<(Instant, Instant)> {
    match e.shape() {
        Shape::Interval { start, .. } => {
            let d = Edtf::Point(*start.date()?);
            Some((d.earliest()?, d.latest()?))
        }
        _ => Some((e.earliest()?, e.latest()?)),
    }
}

/// Is the start of `e` (what an age is counted at) qualified?
fn start_qualified(e: &Edtf) -> bool {
    match e.shape() {
        Shape::Interval { start, .. } => start.date().is_some_and(|d| Edtf::Point(*d).qualified()),
        _ => e.qualified(),
    }
}

/// Age of someone born at `born` when `at` happened (the start of `at` when it is a span).
/// `None` when either date is open, or the event is certainly before the birth.
pub fn age_at(born: &Edtf, at: &Edtf) -> Option<Age> {
    let (b0, b1) = start_bounds(born)?;
    let (e0, e1) = start_bounds(at)?;
    // With a time on one side only, the other side's day spans 24 hours: count in
    // seconds, so that a birth at 20:00 UTC is not a year older at 00:00 that day.
    let by_time = start_has_time(born) || start_has_time(at);
    let min = whole_years(b1, e0, by_time);
    let max = whole_years(b0, e1, by_time);
    if max < 0 {
        return None;
    }
    Some(Age {
        min: u32::try_from(min.max(0)).unwrap_or(u32::MAX),
        max: u32::try_from(max).unwrap_or(u32::MAX),
        qualified: start_qualified(born) || start_qualified(at),
    })
}

/// Where a person stands at an event: what a pane or an export may say of them there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Life {
    /// Nothing can be said (no birth date, or a date with an open start).
    Unknown,
    /// The event is certainly before their birth.
    Unborn,
    /// Alive (or not known to be dead) and this old.
    Aged(Age),
    /// Certainly dead when the event began: no age, only the death.
    Dead(Edtf),
}

impl Life {
    /// A few words for a pane's column or a detail line: `37`, `c. 21–22`, `† 1963`,
    /// `unborn`, or nothing.
    pub fn short(&self) -> String {
        match self {
            Life::Unknown => String::new(),
            Life::Unborn => "unborn".into(),
            Life::Aged(a) => a.to_string(),
            Life::Dead(d) => format!("† {}", d.year_short()),
        }
    }

    /// A phrase after a name: `aged 37`, `died 1963`, `not yet born`, or nothing.
    pub fn phrase(&self) -> Option<String> {
        match self {
            Life::Unknown => None,
            Life::Unborn => Some("not yet born".into()),
            Life::Aged(a) => Some(format!("aged {a}")),
            Life::Dead(d) => Some(format!("died {}", d.short())),
        }
    }
}

/// Where someone born at `born` and dead at `died` stands when `at` happened. An age is
/// given only while they can be alive: a death certainly before the event's start gives
/// [`Life::Dead`], an event certainly before the birth [`Life::Unborn`]. A death that may
/// fall before or within the event leaves the age standing (the sources do not settle it).
pub fn life_at(born: Option<&Edtf>, died: Option<&Edtf>, at: &Edtf) -> Life {
    if let (Some(d), Some(start)) = (died.and_then(Edtf::latest), at.earliest())
        && d < start
    {
        return Life::Dead(died.expect("has a latest day").clone());
    }
    let Some(born) = born else {
        return Life::Unknown;
    };
    if let (Some(b), Some(end)) = (born.earliest(), at.latest())
        && end < b
    {
        return Life::Unborn;
    }
    age_at(born, at).map_or(Life::Unknown, Life::Aged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn life(b: Option<&str>, d: Option<&str>, e: &str) -> String {
        let p = |s: &str| Edtf::parse(s).unwrap();
        let (b, d) = (b.map(p), d.map(p));
        life_at(b.as_ref(), d.as_ref(), &p(e)).short()
    }

    #[test]
    fn no_age_for_the_dead_or_the_unborn() {
        let cases = [
            (Some("1902"), Some("1989-06-03"), "1979", "76–77"),
            (Some("1902"), Some("1989-06-03"), "1989-06-03", "86–87"),
            (Some("1902"), Some("1989-06-03"), "1989-06-04", "† 1989"),
            (Some("1902"), Some("1989-06-03"), "2020", "† 1989"),
            (Some("1902"), Some("1989"), "1989-06", "86–87"),
            (Some("1902"), Some("1989?"), "1990", "† 1989?"),
            (None, Some("1963"), "1999", "† 1963"),
            (None, Some("1963"), "1950", ""),
            (Some("1961-08"), None, "1950", "unborn"),
            (Some("1961-08"), None, "1961", "0"),
            (Some("1961-08"), None, "../1999", ""),
            (Some("1961-08"), Some("2020"), "2019/..", "57–58"),
        ];
        for (b, d, e, want) in cases {
            assert_eq!(life(b, d, e), want, "born {b:?}, died {d:?}, at {e}");
        }
    }

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
            // Times: she turns 15 at 18:50:30 UTC on 12 April 2000.
            (
                "1985-04-12T23:20:30+04:30",
                "2000-04-12T10:00:00Z",
                Some("14"),
            ),
            (
                "1985-04-12T23:20:30+04:30",
                "2000-04-12T19:00:00Z",
                Some("15"),
            ),
            ("1985-04-12T23:20:30+04:30", "2000-04-12", Some("14–15")),
            ("1985-04-12T01:00:00+05:00", "2000-04-11", Some("14–15")),
            ("1961-08-15", "2001-08-15T10:00:00Z", Some("39–40")),
        ];
        for (b, e, want) in cases {
            assert_eq!(age(b, e).as_deref(), want, "born {b}, at {e}");
        }
    }
}
