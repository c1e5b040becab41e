//! The proleptic Gregorian calendar on 64-bit numbers: years far beyond chrono's range
//! (`Y-17E7`) still have days, instants and an order.

use std::fmt;

/// Seconds per day.
pub(crate) const DAY: i64 = 86_400;

/// The largest year magnitude annals handles (instants stay inside `i64` seconds).
pub const MAX_YEAR: i64 = 99_999_999_999;

/// One instant, in seconds since 1970-01-01T00:00:00 UTC (a time with no offset counts as
/// UTC). Ordered; the bounds of every date are instants.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Instant(pub i64);

/// A calendar day and time of day (what an instant reads as on a wall clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Astronomical year (0 is 1 BCE).
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    /// Seconds since midnight.
    pub secs: u32,
}

/// Is `y` a leap year?
pub fn is_leap(y: i64) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Days in month `m` (1–12) of year `y`.
pub fn month_len(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a calendar day (H. Hinnant's algorithm, any `i64` year that
/// keeps the result in range).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar day of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // Both are small by construction (1–31, 1–12).
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

impl Instant {
    /// The instant of a wall-clock time `secs` after midnight on a day, at `offset` minutes
    /// east of UTC.
    pub fn at(y: i64, m: u32, d: u32, secs: u32, offset_min: i32) -> Instant {
        Instant(days_from_civil(y, m, d) * DAY + i64::from(secs) - i64::from(offset_min) * 60)
    }

    /// The wall clock at `offset` minutes east of UTC.
    pub fn civil(self, offset_min: i32) -> Civil {
        let local = self.0 + i64::from(offset_min) * 60;
        let (year, month, day) = civil_from_days(local.div_euclid(DAY));
        let secs = u32::try_from(local.rem_euclid(DAY)).unwrap_or(0);
        Civil {
            year,
            month,
            day,
            secs,
        }
    }

    /// The (UTC) year of this instant.
    pub fn year(self) -> i64 {
        self.civil(0).year
    }

    /// The instant of a chrono day (midnight UTC), for callers that still hold one.
    pub fn of_day(d: chrono::NaiveDate) -> Instant {
        use chrono::Datelike;
        Instant::at(i64::from(d.year()), d.month(), d.day(), 0, 0)
    }

    /// The chrono day this instant falls on in UTC, when chrono can hold its year.
    pub fn naive_date(self) -> Option<chrono::NaiveDate> {
        let c = self.civil(0);
        chrono::NaiveDate::from_ymd_opt(i32::try_from(c.year).ok()?, c.month, c.day)
    }
}

/// An ISO 8601 year: four digits, or a sign and at least four outside 0000–9999.
pub fn iso_year(y: i64) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else if y < 0 {
        format!("-{:04}", y.unsigned_abs())
    } else {
        format!("+{y:04}")
    }
}

impl Civil {
    /// `YYYY-MM-DD`.
    pub fn iso_day(&self) -> String {
        format!("{}-{:02}-{:02}", iso_year(self.year), self.month, self.day)
    }

    /// `hh:mm:ss`.
    pub fn iso_time(&self) -> String {
        let s = self.secs;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

impl fmt::Display for Civil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}", self.iso_day(), self.iso_time())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_agree_with_chrono_where_it_reaches() {
        use chrono::{Datelike, NaiveDate};
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let mut d = NaiveDate::from_ymd_opt(-2000, 1, 1).unwrap();
        while d.year() < 2400 {
            let n = days_from_civil(i64::from(d.year()), d.month(), d.day());
            assert_eq!(n, (d - epoch).num_days(), "{d}");
            assert_eq!(
                civil_from_days(n),
                (i64::from(d.year()), d.month(), d.day())
            );
            d = d + chrono::Days::new(37);
        }
    }

    #[test]
    fn far_years_round_trip() {
        for y in [-MAX_YEAR, -170_000_000, -1, 0, 1, 171_999_999, MAX_YEAR] {
            for (m, d) in [(1, 1), (2, 28), (12, 31)] {
                let n = days_from_civil(y, m, d);
                assert_eq!(civil_from_days(n), (y, m, d));
            }
        }
    }
}
