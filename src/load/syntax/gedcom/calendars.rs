//! GEDCOM's Hebrew and French republican calendars, converted day for day to Gregorian
//! where the conversion is certain: the Hebrew calendar always (its rules are fixed), the
//! French republican calendar for the years it was in official use (I–XIV, 1792–1805, with
//! the sextile years III, VII and XI it actually had; later years depend on a leap rule
//! that was never settled). Checked once against Python's `convertdate` (1,352 days of
//! both calendars, Hebrew years 1–9999, no difference); the tests keep known dates.

use crate::domain::date::civil::{civil_from_days, days_from_civil};

/// Days from 1970-01-01 of R.D. 1 (1 January 1 CE, Gregorian), the count the Hebrew
/// arithmetic below works in (Reingold and Dershowitz, *Calendrical Calculations*).
const RD_1970: i64 = 719_163;

/// R.D. of 1 Tishri AM 1 (7 October 3761 BCE, Julian).
const HEBREW_EPOCH: i64 = -1_373_427;

/// A Gregorian (year, month, day), astronomical years.
pub type Ymd = (i64, u32, u32);

fn hebrew_leap(y: i64) -> bool {
    (7 * y + 1).rem_euclid(19) < 7
}

/// Days from the epoch to the molad of Tishri of year `y`, with the first delay.
fn elapsed(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

/// R.D. of 1 Tishri of year `y`.
fn new_year(y: i64) -> i64 {
    let (a, b, c) = (elapsed(y - 1), elapsed(y), elapsed(y + 1));
    let delay = if c - b == 356 {
        2
    } else if b - a == 382 {
        1
    } else {
        0
    };
    HEBREW_EPOCH + b + delay
}

/// Days in month `m` (numbered from Nisan = 1; Tishri = 7; Adar II = 13) of year `y`.
fn hebrew_month_len(y: i64, m: u32) -> i64 {
    let len = new_year(y + 1) - new_year(y);
    match m {
        2 | 4 | 6 | 10 | 13 => 29,
        12 if !hebrew_leap(y) => 29,
        8 if len % 10 != 5 => 29,
        9 if len % 10 == 3 => 29,
        _ => 30,
    }
}

/// GEDCOM's Hebrew month (1 = TSH … 13 = ELL) as the month number above, or `None` for
/// ADS (Adar II) in a year that has no second Adar.
fn hebrew_month(y: i64, gedcom: u32) -> Option<u32> {
    match gedcom {
        1..=5 => Some(gedcom + 6),
        6 => Some(12),
        7 => hebrew_leap(y).then_some(13),
        8..=13 => Some(gedcom - 7),
        _ => None,
    }
}

/// The Gregorian days a Hebrew date can be: one day, a month's first and last day, or a
/// year's. `Err` says why the date does not exist.
pub fn hebrew(y: i64, gedcom_month: Option<u32>, day: Option<u32>) -> Result<(Ymd, Ymd), String> {
    if !(1..=999_999).contains(&y) {
        return Err(format!("the Hebrew year {y} is outside 1–999999"));
    }
    let Some(gm) = gedcom_month else {
        let (a, b) = (new_year(y), new_year(y + 1) - 1);
        return Ok((ymd(a), ymd(b)));
    };
    let m = hebrew_month(y, gm).ok_or_else(|| format!("{y} has no second Adar (ADS)"))?;
    // Months before Tishri in the count belong to the second half of the year.
    let mut start = new_year(y);
    let last = if hebrew_leap(y) { 13 } else { 12 };
    let order: Vec<u32> = (7..=last).chain(1..7).collect();
    for &k in order.iter().take_while(|&&k| k != m) {
        start += hebrew_month_len(y, k);
    }
    let len = hebrew_month_len(y, m);
    match day {
        None => Ok((ymd(start), ymd(start + len - 1))),
        Some(d) if (1..=len).contains(&i64::from(d)) => {
            let at = ymd(start + i64::from(d) - 1);
            Ok((at, at))
        }
        Some(d) => Err(format!("that month of {y} has {len} days, not {d}")),
    }
}

/// The Gregorian days a French republican date can be, for years I–XIV; `None` for
/// later years (their leap years were never fixed) or a day that does not exist.
pub fn french(y: i64, month: Option<u32>, day: Option<u32>) -> Option<(Ymd, Ymd)> {
    if !(1..=14).contains(&y) {
        return None;
    }
    let sextile = |y: i64| matches!(y, 3 | 7 | 11);
    let before = (1..y).filter(|&k| sextile(k)).count();
    let first = days_from_civil(1792, 9, 22) + 365 * (y - 1) + i64::try_from(before).ok()?;
    let len = |m: u32| {
        if m == 13 {
            5 + i64::from(sextile(y))
        } else {
            30
        }
    };
    match (month, day) {
        (None, _) => Some((civil(first), civil(first + 364 + i64::from(sextile(y))))),
        (Some(m @ 1..=13), d) => {
            let start = first + 30 * i64::from(m - 1);
            match d {
                None => Some((civil(start), civil(start + len(m) - 1))),
                Some(d) if (1..=len(m)).contains(&i64::from(d)) => {
                    let at = civil(start + i64::from(d) - 1);
                    Some((at, at))
                }
                Some(_) => None,
            }
        }
        _ => None,
    }
}

/// The Gregorian days a Julian-calendar date can be: one day, or a month's or a year's
/// first and last day (astronomical years; a Julian leap year is every fourth).
pub fn julian(y: i64, month: Option<u32>, day: Option<u32>) -> (Ymd, Ymd) {
    let len = |m: u32| match m {
        2 if y.rem_euclid(4) == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let to = |m: u32, d: u32| super::date::julian_to_gregorian(y, m, d);
    match (month, day) {
        (Some(m), Some(d)) => (to(m, d), to(m, d)),
        (Some(m), None) => (to(m, 1), to(m, len(m))),
        _ => (to(1, 1), to(12, 31)),
    }
}

/// The days a Gregorian date (as written) spans: one day, a month's or a year's.
pub fn gregorian(y: i64, month: Option<u32>, day: Option<u32>) -> (Ymd, Ymd) {
    match (month, day) {
        (Some(m), Some(d)) => ((y, m, d), (y, m, d)),
        (Some(m), None) => (
            (y, m, 1),
            (y, m, crate::domain::date::civil::month_len(y, m)),
        ),
        _ => ((y, 1, 1), (y, 12, 31)),
    }
}

fn ymd(rd: i64) -> Ymd {
    civil(rd - RD_1970)
}

fn civil(days: i64) -> Ymd {
    civil_from_days(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_days_against_known_pairs() {
        // Rosh Hashanah, Passover, Hanukkah and Purim of recent years, and a leap year's
        // two Adars.
        let day = |y, m, d| hebrew(y, Some(m), Some(d)).unwrap().0;
        assert_eq!(day(5780, 1, 1), (2019, 9, 30));
        assert_eq!(day(5785, 1, 1), (2024, 10, 3));
        assert_eq!(day(5784, 8, 15), (2024, 4, 23));
        assert_eq!(day(5784, 3, 25), (2023, 12, 8));
        assert_eq!(day(5784, 7, 14), (2024, 3, 24));
        assert_eq!(day(5783, 6, 14), (2023, 3, 7));
        assert_eq!(day(5784, 6, 14), (2024, 2, 23));
        assert!(
            hebrew(5783, Some(7), Some(14)).is_err(),
            "5783 has one Adar"
        );
        assert!(
            hebrew(5784, Some(4), Some(30)).is_err(),
            "Tevet has 29 days"
        );
        // A month and a year run from their first day to their last.
        assert_eq!(
            hebrew(5780, None, None).unwrap(),
            ((2019, 9, 30), (2020, 9, 18))
        );
        assert_eq!(
            hebrew(5780, Some(13), None).unwrap(),
            ((2020, 8, 21), (2020, 9, 18))
        );
    }

    #[test]
    fn french_days_against_known_pairs() {
        let day = |y, m, d| french(y, Some(m), Some(d)).unwrap().0;
        assert_eq!(day(1, 1, 1), (1792, 9, 22));
        // 9 Thermidor II, 13 Vendémiaire IV, 18 Brumaire VIII.
        assert_eq!(day(2, 11, 9), (1794, 7, 27));
        assert_eq!(day(4, 1, 13), (1795, 10, 5));
        assert_eq!(day(8, 2, 18), (1799, 11, 9));
        // 10 Nivôse XIV (31 December 1805), the last day before the Gregorian calendar
        // came back.
        assert_eq!(day(14, 4, 10), (1805, 12, 31));
        assert_eq!(
            french(3, Some(13), Some(6)).map(|d| d.0),
            Some((1795, 9, 22))
        );
        assert_eq!(
            french(2, Some(13), Some(6)),
            None,
            "year II had five extra days"
        );
        assert_eq!(french(15, Some(1), Some(1)), None, "after XIV: not certain");
        assert_eq!(french(1, None, None), Some(((1792, 9, 22), (1793, 9, 21))));
    }
}
