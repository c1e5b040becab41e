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
    let (lo, hi) = hebrew_days(y, gedcom_month, day)?;
    // A Hebrew day begins at the sunset before the civil day it shares its daylight with:
    // an evening event falls on the civil day before.
    Ok((civil(days_from_civil(lo.0, lo.1, lo.2) - 1), hi))
}

/// [`hebrew`] without the evening before: the civil days whose daylight the date covers.
fn hebrew_days(y: i64, gedcom_month: Option<u32>, day: Option<u32>) -> Result<(Ymd, Ymd), String> {
    if !(1..=13_000).contains(&y) {
        return Err(format!("annals converts Hebrew years 1 to 13000, not {y}"));
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

/// Days in month `m` of Julian year `y` (a leap year every fourth).
fn julian_month_len(y: i64, m: u32) -> u32 {
    match m {
        2 if y.rem_euclid(4) == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The Gregorian days a Julian-calendar date can be: one day, or a month's or a year's
/// first and last day (astronomical years). `Err` for a day the month does not have, or a
/// year beyond what annals converts.
pub fn julian(y: i64, month: Option<u32>, day: Option<u32>) -> Result<(Ymd, Ymd), String> {
    if y.abs() > 9_000 {
        return Err(format!(
            "annals converts Julian dates of years up to ±9000, not {y}"
        ));
    }
    let to = |m: u32, d: u32| julian_to_gregorian(y, m, d);
    match (month, day) {
        (Some(m), Some(d)) if d == 0 || d > julian_month_len(y, m) => Err(format!(
            "that month has {} days in the Julian year {y}, not {d}",
            julian_month_len(y, m)
        )),
        (Some(m), Some(d)) => Ok((to(m, d), to(m, d))),
        (Some(m), None) => Ok((to(m, 1), to(m, julian_month_len(y, m)))),
        _ => Ok((to(1, 1), to(12, 31))),
    }
}

/// Does the day exist on the Gregorian calendar (as written)?
pub fn gregorian_exists(y: i64, month: Option<u32>, day: Option<u32>) -> bool {
    match (month, day) {
        (Some(m), Some(d)) => d >= 1 && d <= crate::domain::date::civil::month_len(y, m),
        _ => true,
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

/// The Gregorian (year, month, day) of a Julian-calendar day (astronomical years).
pub fn julian_to_gregorian(y: i64, m: u32, d: u32) -> (i64, u32, u32) {
    let (m, d) = (i64::from(m), i64::from(d));
    let a = (14 - m).div_euclid(12);
    let yy = y + 4800 - a;
    let mm = m + 12 * a - 3;
    let jdn = d + (153 * mm + 2).div_euclid(5) + 365 * yy + yy.div_euclid(4) - 32083;
    let a = jdn + 32044;
    let b = (4 * a + 3).div_euclid(146_097);
    let c = a - (146_097 * b).div_euclid(4);
    let dd = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * dd).div_euclid(4);
    let mo = (5 * e + 2).div_euclid(153);
    let day = e - (153 * mo + 2).div_euclid(5) + 1;
    let month = mo + 3 - 12 * mo.div_euclid(10);
    let year = 100 * b + dd - 4800 + mo.div_euclid(10);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
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
        let day = |y, m, d| hebrew_days(y, Some(m), Some(d)).unwrap().0;
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
        // A day begins the evening before; a month and a year run from the evening before
        // their first day to their last.
        assert_eq!(
            hebrew(5784, Some(8), Some(15)).unwrap(),
            ((2024, 4, 22), (2024, 4, 23))
        );
        assert_eq!(
            hebrew(5780, None, None).unwrap(),
            ((2019, 9, 29), (2020, 9, 18))
        );
        assert_eq!(
            hebrew(5780, Some(13), None).unwrap(),
            ((2020, 8, 20), (2020, 9, 18))
        );
    }

    #[test]
    fn julian_days_are_checked() {
        assert_eq!(julian(1600, Some(2), Some(29)).unwrap().0, (1600, 3, 10));
        assert!(julian(1601, Some(2), Some(29)).is_err());
        assert!(julian(1600, Some(4), Some(31)).is_err());
        assert!(julian(1600, Some(3), Some(0)).is_err());
        assert_eq!(
            julian(1643, Some(3), None).unwrap(),
            ((1643, 3, 11), (1643, 4, 10))
        );
        assert!(julian(12_000, None, None).is_err());
        assert!(gregorian_exists(1700, Some(2), Some(28)));
        assert!(!gregorian_exists(1700, Some(2), Some(29)));
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
