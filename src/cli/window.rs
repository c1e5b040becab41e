//! `search --around DATE --window W`: the range of time a window around a date covers
//! (`search --context N`'s groups are `query::scan::context_groups`, which the explorer
//! shares).
//!
//! A window is `[earliest(DATE) − W, latest(DATE) + W]` on DATE's strict bounds (an
//! unbounded side stays unbounded). W is a number and a unit, with an optional `±` (or `+-`)
//! in front: `y` years and `m` months are calendar arithmetic in UTC (31 Mar − 1m is 28 or
//! 29 Feb: the day is kept, or the month's last when it has fewer days), `w` weeks, `d`
//! days, `h` hours, `min` minutes and `s` seconds are exact lengths.

use crate::domain::date::civil::month_len;
use crate::domain::{Edtf, Instant};

/// A window's length: calendar months, or exact seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// Calendar months (a year is 12).
    Months(i64),
    /// Seconds.
    Seconds(i64),
}

/// Parse `W` (`2y`, `6m`, `±5d`, `3h`, `30min`, `10s`, `1w`).
pub fn parse_width(w: &str) -> Result<Width, String> {
    let t = w.trim();
    let t = t
        .strip_prefix('±')
        .or_else(|| t.strip_prefix("+-"))
        .or_else(|| t.strip_prefix('+'))
        .unwrap_or(t);
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let bad = || {
        format!(
            "window `{w}`: write a number and a unit: y, m (months), w, d, h, min, s (`2y`, `6m`, `30min`)"
        )
    };
    if n.is_empty() {
        return Err(bad());
    }
    // All digits: a number too big for i64 is as too long as one just over the limit.
    let n: i64 = match n.parse() {
        Ok(n) if n <= 1_000_000_000 => n,
        _ => {
            return Err(format!(
                "window `{w}` is too long (at most 1000000000 of a unit)"
            ));
        }
    };
    Ok(match unit {
        "y" => Width::Months(n * 12),
        "m" | "mo" => Width::Months(n),
        "w" => Width::Seconds(n * 7 * 86_400),
        "d" => Width::Seconds(n * 86_400),
        "h" => Width::Seconds(n * 3_600),
        "min" => Width::Seconds(n * 60),
        "s" => Width::Seconds(n),
        _ => return Err(bad()),
    })
}

/// `i` moved by `months` calendar months (UTC), the day kept or clamped to the month's end.
fn add_months(i: Instant, months: i64) -> Instant {
    let c = i.civil(0);
    let m0 = c.year * 12 + i64::from(c.month) - 1 + months;
    let (y, m) = (
        m0.div_euclid(12),
        u32::try_from(m0.rem_euclid(12)).unwrap_or(0) + 1,
    );
    Instant::at(y, m, c.day.min(month_len(y, m)), c.secs, 0)
}

/// Move `i` by `w`, forwards (`sign` 1) or backwards (-1).
fn shift(i: Instant, w: Width, sign: i64) -> Instant {
    match w {
        Width::Months(n) => add_months(i, sign * n),
        Width::Seconds(s) => Instant(i.0.saturating_add(sign * s)),
    }
}

/// The inclusive range `--around DATE --window W` covers (`None`: unbounded).
pub fn around(
    date: &str,
    width: Option<&str>,
) -> Result<(Option<Instant>, Option<Instant>), String> {
    let d = Edtf::parse(date.trim())
        .map_err(|e| format!("--around `{date}`: {e} (try 1999, 2013-05 or 1999-07-09T14:00)"))?;
    let w = match width {
        Some(w) => parse_width(w)?,
        None => Width::Seconds(0),
    };
    let (from, to) = d.span();
    Ok((from.map(|i| shift(i, w, -1)), to.map(|i| shift(i, w, 1))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: u32, d: u32) -> Option<Instant> {
        Some(Instant::at(y, m, d, 0, 0))
    }

    fn end(y: i64, m: u32, d: u32) -> Option<Instant> {
        Some(Instant::at(y, m, d, 86_399, 0))
    }

    #[test]
    fn windows_are_calendar_months_or_exact_lengths() {
        assert_eq!(
            around("1999", Some("1y")),
            Ok((day(1998, 1, 1), end(2000, 12, 31)))
        );
        assert_eq!(
            around("2000-03-31", Some("±1m")),
            Ok((day(2000, 2, 29), end(2000, 4, 30)))
        );
        assert_eq!(
            around("1999-07-09", Some("5d")),
            Ok((day(1999, 7, 4), end(1999, 7, 14)))
        );
        let t = |h: u32, m: u32, s: u32| Some(Instant::at(1999, 7, 9, h * 3600 + m * 60 + s, 0));
        assert_eq!(
            around("1999-07-09T12:00Z", Some("30min")),
            Ok((t(11, 30, 0), t(12, 30, 59)))
        );
        assert_eq!(around("1990/..", Some("+-2y")), Ok((day(1988, 1, 1), None)));
        assert_eq!(around("1990/..", Some("+2y")), Ok((day(1988, 1, 1), None)));
        assert_eq!(
            around("1999", None),
            Ok((day(1999, 1, 1), end(1999, 12, 31)))
        );
        assert_eq!(
            around("-0044", Some("1y")),
            Ok((day(-45, 1, 1), end(-43, 12, 31)))
        );
        for bad in ["1x", "y", "", "1.5y", "-1y"] {
            assert!(around("1999", Some(bad)).is_err(), "{bad}");
        }
        assert!(around("1999-13", Some("1y")).is_err());
    }
}
