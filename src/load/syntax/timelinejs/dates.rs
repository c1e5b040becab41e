//! TimelineJS dates both ways: date parts (year, month, day, time) into EDTF, and an EDTF
//! date into the parts TimelineJS can show, with the nearest honest form of what it
//! cannot. TimelineJS counts years as people say them: `-44` is shown as "44 BCE", which is
//! EDTF's astronomical `-0043` (EDTF's `0000` is 1 BCE).

use super::{Part, Parts};
use crate::domain::Edtf;
use crate::domain::date::Shape;
use crate::domain::date::{Bound, Date, Offset};
use serde::Serialize;

/// The EDTF of a start and an optional end (empty parts: no end). An end equal to the
/// start is no end (TimelineJS drops it too).
pub(super) fn edtf(start: &Parts, end: &Parts) -> Result<String, (Part, String)> {
    let s = one(start, false)?;
    if end.is_empty() {
        return Ok(s);
    }
    let e = one(end, true)?;
    if e == s {
        return Ok(s);
    }
    let both = format!("{s}/{e}");
    match Edtf::parse(&both) {
        Ok(_) => Ok(both),
        Err(err) => Err((
            Part::End,
            format!("the span {both} cannot be read: {}", err.message),
        )),
    }
}

/// Digits of a number cell: TimelineJS drops spaces and thousands commas (`1,000,000`).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect()
}

/// One date's parts as an EDTF date.
fn one(p: &Parts, end: bool) -> Result<String, (Part, String)> {
    let (at, time_at, which) = if end {
        (Part::End, Part::EndTime, "End ")
    } else {
        (Part::Start, Part::Time, "")
    };
    let (month_at, day_at) = if end {
        (Part::EndMonth, Part::EndDay)
    } else {
        (Part::Month, Part::Day)
    };
    let year = clean(&p.year);
    if year.is_empty() {
        return Err((
            at,
            format!(
                "no {which}Year: TimelineJS needs a year for every date (write -44 for 44 BCE)"
            ),
        ));
    }
    let y: i64 = year.parse().map_err(|_| {
        (
            at,
            format!(
                "{which}Year `{}` is not a whole number (write -44 for 44 BCE)",
                p.year.trim()
            ),
        )
    })?;
    // TimelineJS's -44 is 44 BCE: astronomical -43.
    let astro = if y < 0 { y + 1 } else { y };
    let mut s = if (0..=9999).contains(&astro) {
        format!("{astro:04}")
    } else if (-9999..0).contains(&astro) {
        format!("-{:04}", astro.unsigned_abs())
    } else {
        format!("Y{astro}")
    };
    let month = number(&p.month, 1, 12, month_at, &format!("{which}Month"))?;
    let day = number(&p.day, 1, 31, day_at, &format!("{which}Day"))?;
    let time = time_of(p).map_err(|m| (time_at, m))?;
    if day.is_some() && month.is_none() {
        return Err((
            day_at,
            format!("{which}Day is given without a {which}Month"),
        ));
    }
    if let Some(m) = month {
        if astro.unsigned_abs() > 9999 {
            // TimelineJS shows such years as years only; so does annals' `Y` form.
            return Err((
                at,
                format!(
                    "{which}Year {y} has more than four digits: annals reads such a year without a month or day (leave them empty)"
                ),
            ));
        }
        s.push_str(&format!("-{m:02}"));
    }
    if let Some(d) = day {
        s.push_str(&format!("-{d:02}"));
    }
    if let Some(t) = time {
        if day.is_none() {
            return Err((
                time_at,
                format!("a {which}Time needs a {which}Year, {which}Month and {which}Day"),
            ));
        }
        s.push('T');
        s.push_str(&t);
    }
    match Edtf::parse(&s) {
        Ok(_) => Ok(s),
        Err(e) => Err((
            if day.is_some() { day_at } else { at },
            format!("{which}date {s} cannot be read: {}", e.message),
        )),
    }
}

/// A month or day cell: empty, or a whole number from `lo` to `hi`.
fn number(
    cell: &str,
    lo: u32,
    hi: u32,
    at: Part,
    what: &str,
) -> Result<Option<u32>, (Part, String)> {
    let c = clean(cell);
    if c.is_empty() {
        return Ok(None);
    }
    match c.parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(Some(n)),
        _ => Err((
            at,
            format!(
                "{what} `{}` must be a number from {lo} to {hi}",
                cell.trim()
            ),
        )),
    }
}

/// The time of day (`hh:mm`, `hh:mm:ss`, `hh:mm:ss.fff`), from a sheet's `Time` cell or
/// JSON's hour/minute/second/millisecond; `None` when no time is given.
fn time_of(p: &Parts) -> Result<Option<String>, String> {
    let (h, m, s, ms) = if !p.time.trim().is_empty() {
        let (h, m, s, ms) = parse_time(&p.time)?;
        (Some(h), m, s, ms)
    } else {
        let part = |v: &str, hi: u32, what: &str| -> Result<Option<u32>, String> {
            let c = clean(v);
            if c.is_empty() {
                return Ok(None);
            }
            match c.parse::<u32>() {
                Ok(n) if n <= hi => Ok(Some(n)),
                _ => Err(format!(
                    "{what} `{}` must be a number from 0 to {hi}",
                    v.trim()
                )),
            }
        };
        let h = part(&p.hour, 23, "hour")?;
        let m = part(&p.minute, 59, "minute")?;
        let s = part(&p.second, 59, "second")?;
        let ms = part(&p.millisecond, 999, "millisecond")?;
        if h.is_none() && (m.is_some() || s.is_some() || ms.is_some()) {
            return Err("a minute or second is given without an hour".to_string());
        }
        (h, m, s, ms)
    };
    let Some(h) = h else { return Ok(None) };
    if m.is_none() && s.is_none() && ms.is_none() {
        // An hour alone names no minute: the date keeps its day (see `hour_only`).
        return Ok(None);
    }
    let mut t = format!("{h:02}:{:02}", m.unwrap_or(0));
    if s.is_some() || ms.is_some() {
        t.push_str(&format!(":{:02}", s.unwrap_or(0)));
    }
    if let Some(ms) = ms {
        t.push_str(&format!(".{ms:03}"));
    }
    Ok(Some(t))
}

/// The time as written when it is an hour alone (`2 PM`, `14`, JSON's `hour` with no
/// `minute`), which TimelineJS accepts: annals does not make it `14:00` (a minute the
/// source does not give), so the date keeps its day and the caller keeps this text in a
/// field. `None` for no time, a full time, or one that cannot be read.
pub(super) fn hour_only(p: &Parts) -> Option<String> {
    if !p.time.trim().is_empty() {
        return match parse_time(&p.time) {
            Ok((_, None, None, None)) => Some(p.time.trim().to_string()),
            _ => None,
        };
    }
    let empty = |v: &str| clean(v).is_empty();
    (!empty(&p.hour) && empty(&p.minute) && empty(&p.second) && empty(&p.millisecond))
        .then(|| format!("hour {}", clean(&p.hour)))
}

/// Is the cell an hour alone (`2 PM`, `14`), a time that names no minute?
pub(crate) fn is_hour_alone(cell: &str) -> bool {
    matches!(parse_time(cell), Ok((_, None, None, None)))
}

/// A 12-hour clock with its minutes (`2:30 PM`, `11:05:09 a.m.`) as 24 hours (`14:30`,
/// `11:05:09`); `None` for anything else (an hour alone, `2 PM`, would claim a minute the
/// source does not give).
pub(crate) fn twelve_hour(cell: &str) -> Option<String> {
    let t = cell.trim().to_ascii_lowercase().replace(['.', ' '], "");
    if !(t.ends_with("am") || t.ends_with("pm")) {
        return None;
    }
    match parse_time(cell).ok()? {
        (h, Some(m), Some(s), _) => Some(format!("{h:02}:{m:02}:{s:02}")),
        (h, Some(m), None, _) => Some(format!("{h:02}:{m:02}")),
        _ => None,
    }
}

/// Hour, and minute, second and millisecond when given.
type Clock = (u32, Option<u32>, Option<u32>, Option<u32>);

/// A sheet's `Time` cell as TimelineJS reads it: `14:30`, `14:30:15`, `2:30 PM`, `2 p.m.`,
/// `1430`, `14.30`.
fn parse_time(cell: &str) -> Result<Clock, String> {
    let bad = |why: &str| {
        format!(
            "Time `{}` {why} (write 14:30, 14:30:15 or 2:30 PM)",
            cell.trim()
        )
    };
    let t = cell.trim().to_ascii_lowercase();
    let compact: String = t.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    let (body, period) = if let Some(b) = compact.strip_suffix("am").or(compact.strip_suffix('a')) {
        (Some(b.len()), Some(false))
    } else if let Some(b) = compact.strip_suffix("pm").or(compact.strip_suffix('p')) {
        (Some(b.len()), Some(true))
    } else {
        (None, None)
    };
    // Where the digits end in the original (periods and spaces belong to the am/pm).
    let body = match body {
        Some(_) => {
            let cut = t.rfind(|c: char| c.is_ascii_digit()).map_or(0, |i| i + 1);
            t[..cut].trim().to_string()
        }
        None => t.clone(),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> =
        if body.len() >= 3 && body.len() <= 4 && body.chars().all(|c| c.is_ascii_digit()) {
            let (a, b) = body.split_at(body.len() - 2);
            vec![a, b]
        } else if body.contains(':') {
            body.split(':').collect()
        } else {
            body.split('.').collect()
        };
    if parts.len() > 4 || !parts.iter().all(|p| digits(p)) {
        return Err(bad("is not a time"));
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(u32::MAX);
    let mut h = num(parts[0]);
    match period {
        Some(_) if !(1..=12).contains(&h) => return Err(bad("has an hour outside 1–12")),
        Some(true) if h != 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if h > 23 {
        return Err(bad("has an hour outside 0–23"));
    }
    let m = parts.get(1).map(|s| num(s));
    let s = parts.get(2).map(|s| num(s));
    if m.is_some_and(|m| m > 59) || s.is_some_and(|s| s > 59) {
        return Err(bad("has minutes or seconds outside 0–59"));
    }
    let ms = parts.get(3).map(|s| num(s)).filter(|&v| v <= 999);
    Ok((h, m, s, ms))
}

/// A date as TimelineJS JSON writes it (`start_date`, `end_date`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct JsDate {
    /// The year as TimelineJS counts it (`-44` is 44 BCE).
    pub year: i64,
    /// 1–12.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// 1–31.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// 0–23.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    /// 0–59.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minute: Option<u32>,
    /// 0–59.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second: Option<u32>,
    /// 0–999.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub millisecond: Option<u32>,
    /// How to show it, when annals' reading says more than the parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
}

/// A TimelineJS year for an astronomical one (`-43` → `-44`, "44 BCE").
fn js_year(astro: i64) -> i64 {
    if astro <= 0 { astro - 1 } else { astro }
}

/// One EDTF date as TimelineJS parts (exactly as written: no `X` digits, season or
/// significant digits; the caller checks).
fn exact(d: &Date) -> JsDate {
    let time = d.time.map(|t| {
        let ms = (t.fraction_digits > 0).then_some(t.nanos / 1_000_000);
        (
            t.secs / 3600,
            t.secs / 60 % 60,
            t.seconds.then_some(t.secs % 60),
            ms,
        )
    });
    JsDate {
        year: js_year(d.year.value),
        month: d.month.map(|m| u32::from(m.value)),
        day: d.day.map(|p| u32::from(p.value)),
        hour: time.map(|t| t.0),
        minute: time.map(|t| t.1),
        second: time.and_then(|t| t.2.or(t.3.map(|_| 0))),
        millisecond: time.and_then(|t| t.3),
        display_date: None,
    }
}

/// Does TimelineJS show `d` as it is (no `X` digits, season, significant digits, offset)?
fn plain(d: &Date) -> bool {
    d.year.unspecified == 0
        && d.year.significant.is_none()
        && d.month.is_none_or(|m| m.unspecified == 0 && m.value <= 12)
        && d.day.is_none_or(|p| p.unspecified == 0)
        && d.time.is_none_or(|t| t.offset == Offset::Local)
}

/// The earliest a date can be (its latest when it reaches back indefinitely), as
/// TimelineJS parts down to the date's precision.
fn earliest(e: &Edtf) -> Option<JsDate> {
    use crate::domain::date::Precision;
    let b = e.bounds();
    let edge = b.earliest.or(b.latest)?;
    let c = crate::domain::date::Instant(edge.local).civil(0);
    let p = e.precision();
    let time = p >= Precision::Minute;
    Some(JsDate {
        year: js_year(c.year),
        month: (p >= Precision::Month).then_some(c.month),
        day: (p >= Precision::Day).then_some(c.day),
        hour: time.then_some(c.secs / 3600),
        minute: time.then_some(c.secs / 60 % 60),
        second: (p >= Precision::Second).then_some(c.secs % 60),
        millisecond: None,
        display_date: None,
    })
}

/// How annals reads a date for a TimelineJS display date: its short reading, "until X"
/// for an open or unknown start, "one of …" for a set.
pub fn reading(e: &Edtf) -> String {
    match e.shape() {
        Shape::Interval {
            start: Bound::Open | Bound::Unknown,
            end: Bound::Point(d),
        } => format!("until {}", Edtf::Point(*d).short()),
        Shape::Set(_) => e.long(),
        _ => e.short(),
    }
}

/// What TimelineJS could not show of a date as it is (for the export's warning).
pub type Loss = &'static str;

/// An EDTF date as TimelineJS `start_date` and `end_date`, and what TimelineJS cannot show
/// of it, if anything (the parts are then its nearest honest form and the start's display
/// date is annals' reading). `None` for a date unbounded at both ends.
pub fn js_date(e: &Edtf) -> Option<(JsDate, Option<JsDate>, Option<Loss>)> {
    let huge = |d: &JsDate| !(-271_820..=275_759).contains(&d.year);
    let (mut start, end, mut loss) = match e.shape() {
        Shape::Point(d) if plain(d) => (exact(d), None, None),
        Shape::Interval {
            start: Bound::Point(a),
            end,
        } if plain(a) => {
            let end = match end {
                Bound::Point(b) if plain(b) => Some(exact(b)),
                Bound::Point(_) => return widened(e),
                Bound::Open | Bound::Unknown => None,
            };
            (exact(a), end, None)
        }
        Shape::Interval {
            start: Bound::Open | Bound::Unknown,
            end: Bound::Point(b),
        } => {
            let s = if plain(b) {
                exact(b)
            } else {
                earliest(&Edtf::Point(*b))?
            };
            (
                s,
                None,
                Some("an open or unknown start (shown at its end, \"until …\")"),
            )
        }
        Shape::Set(_) => (
            earliest(e)?,
            None,
            Some("a set of dates (shown at its earliest)"),
        ),
        _ => return widened(e),
    };
    if loss.is_none() && (huge(&start) || end.as_ref().is_some_and(huge)) {
        loss =
            Some("a year beyond JavaScript's dates (TimelineJS then shows every date as a year)");
    }
    if loss.is_some() || e.qualified() {
        start.display_date = Some(reading(e));
    }
    Some((start, end, loss))
}

/// A date with `X` digits, a season, significant digits or an offset: at its earliest.
fn widened(e: &Edtf) -> Option<(JsDate, Option<JsDate>, Option<Loss>)> {
    let mut start = earliest(e)?;
    start.display_date = Some(reading(e));
    let loss = if e.has_time() && !e.widened() {
        "a time zone offset (shown as the written wall-clock time)"
    } else {
        "unspecified digits, a season or significant digits (shown at the earliest)"
    };
    Some((start, None, Some(loss)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(y: &str, m: &str, d: &str, t: &str) -> Parts {
        Parts {
            year: y.into(),
            month: m.into(),
            day: d.into(),
            time: t.into(),
            ..Parts::default()
        }
    }

    #[test]
    fn parts_become_edtf() {
        let none = Parts::default();
        let cases = [
            (parts("1985", "", "", ""), "1985"),
            (parts("-44", "3", "15", ""), "-0043-03-15"),
            (parts("-1", "", "", ""), "0000"),
            (parts("1,000,000", "", "", ""), "Y1000000"),
            (parts("-170000002", "", "", ""), "Y-170000001"),
            (parts("2020", "2", "29", "2:30 PM"), "2020-02-29T14:30"),
            // An hour alone keeps the day (the hour goes to a field: `hour_only`).
            (parts("2020", "2", "29", "12 a.m."), "2020-02-29"),
            (parts("2020", "2", "29", "09:05:07"), "2020-02-29T09:05:07"),
            (parts("2020", "2", "29", "1430"), "2020-02-29T14:30"),
            (parts("2020", "2", "29", "14.30"), "2020-02-29T14:30"),
        ];
        for (p, want) in cases {
            assert_eq!(edtf(&p, &none).as_deref(), Ok(want), "{p:?}");
        }
        let span = edtf(&parts("1983", "", "", ""), &parts("1987", "6", "", "")).unwrap();
        assert_eq!(span, "1983/1987-06");
        let same = edtf(&parts("1983", "", "", ""), &parts("1983", "", "", "")).unwrap();
        assert_eq!(same, "1983");
        let hour = |p: &Parts| hour_only(p);
        assert_eq!(
            hour(&parts("2020", "2", "29", " 2 PM ")).as_deref(),
            Some("2 PM")
        );
        assert_eq!(hour(&parts("2020", "2", "29", "2:30 PM")), None);
        assert_eq!(hour(&parts("2020", "2", "29", "")), None);
        let json = Parts {
            hour: "14".into(),
            ..parts("2020", "2", "29", "")
        };
        assert_eq!(hour(&json).as_deref(), Some("hour 14"));
        assert_eq!(edtf(&json, &none).as_deref(), Ok("2020-02-29"));
        let minute = Parts {
            minute: "5".into(),
            ..json
        };
        assert_eq!(hour(&minute), None);
        assert_eq!(edtf(&minute, &none).as_deref(), Ok("2020-02-29T14:05"));
    }

    #[test]
    fn bad_parts_are_refused_with_a_hint() {
        let none = Parts::default();
        let bad = [
            (parts("", "", "", ""), Part::Start, "needs a year"),
            (parts("c. 1980", "", "", ""), Part::Start, "whole number"),
            (parts("1980", "13", "", ""), Part::Month, "from 1 to 12"),
            (parts("1980", "", "5", ""), Part::Day, "without a Month"),
            (parts("1981", "2", "29", ""), Part::Day, "cannot be read"),
            (
                parts("1980", "", "", "10:00"),
                Part::Time,
                "needs a Year, Month",
            ),
            (parts("1980", "1", "1", "25:00"), Part::Time, "0–23"),
            (parts("1980", "1", "1", "13 PM"), Part::Time, "1–12"),
            (parts("1980", "1", "1", "noon"), Part::Time, "not a time"),
        ];
        for (p, at, says) in bad {
            let (got_at, msg) = edtf(&p, &none).expect_err(says);
            assert_eq!(got_at, at, "{msg}");
            assert!(msg.contains(says), "{msg}");
        }
        let (at, msg) = edtf(&parts("1990", "", "", ""), &parts("1980", "", "", "")).unwrap_err();
        assert_eq!(at, Part::End, "{msg}");
    }

    #[test]
    fn edtf_becomes_parts_and_says_what_is_lost() {
        let js = |s: &str| js_date(&Edtf::parse(s).unwrap()).unwrap();
        let (s, e, loss) = js("-0043-03-15");
        assert_eq!(
            (s.year, s.month, s.day, e, loss),
            (-44, Some(3), Some(15), None, None)
        );
        let (s, e, loss) = js("1983/1987?");
        assert_eq!((s.year, e.unwrap().year, loss), (1983, 1987, None));
        assert_eq!(s.display_date.as_deref(), Some("1983–1987?"));
        let (s, _, loss) = js("../1985-06");
        assert_eq!((s.year, s.month), (1985, Some(6)));
        assert!(loss.unwrap().contains("open"));
        assert_eq!(s.display_date.as_deref(), Some("until Jun 1985"));
        let (s, _, loss) = js("[1980,1983]");
        assert_eq!(s.year, 1980);
        assert!(loss.unwrap().contains("set"));
        assert!(s.display_date.unwrap().starts_with("one of"));
        let (s, _, loss) = js("19XX");
        assert_eq!((s.year, s.month), (1900, None));
        assert!(loss.unwrap().contains("unspecified"));
        let (s, _, loss) = js("2020-01-02T10:30:05.250");
        assert_eq!(
            (s.hour, s.minute, s.second, s.millisecond, loss),
            (Some(10), Some(30), Some(5), Some(250), None)
        );
        let (_, _, loss) = js("2020-01-02T10:30+02:00");
        assert!(loss.unwrap().contains("offset"));
        let (s, _, loss) = js("Y170000002");
        assert_eq!(s.year, 170_000_002);
        assert!(loss.unwrap().contains("beyond"));
        let (s, _, loss) = js("[..1980-05]");
        assert_eq!((s.year, s.month), (1980, Some(5)));
        assert!(loss.unwrap().contains("set"));
    }
}
