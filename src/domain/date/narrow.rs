//! Readings for narrow columns: the years alone (`2016?`, `1983–1987?`, `170M BCE`) and
//! compact timestamps (`1999-07-09 14:05:10−4`), never losing a year.

use super::Shape;
use super::bounds::year_range;
use super::show::{in_utc, offset_text, year_part, year_text};
use super::{Bound, Date, Edtf, Offset, YearForm};

/// A year in a few columns: `1985`, `44 BCE`, `170M BCE`, `171.2M` (millions cut down,
/// never rounded up).
fn year_compact(y: i64) -> String {
    let a = y.unsigned_abs();
    if a < 1_000_000 {
        return year_text(y);
    }
    let tenths = a / 100_000;
    let m = if tenths.is_multiple_of(10) {
        format!("{}M", tenths / 10)
    } else {
        format!("{}.{}M", tenths / 10, tenths % 10)
    };
    if y < 0 { format!("{m} BCE") } else { m }
}

/// The day (or days) of a date with times of day, without the times: `9 Jul 1999`, for a
/// column too narrow for the time; `None` when the date has no time.
pub(super) fn day_only(e: &Edtf, utc: bool) -> Option<String> {
    let day = |d: &Date| {
        let d = if utc { in_utc(d) } else { *d };
        d.time
            .map(|_| super::show::date_short(&Date { time: None, ..d }, false))
    };
    match e.shape() {
        Shape::Point(d) => day(d),
        Shape::Interval {
            start: Bound::Point(a),
            end: Bound::Point(b),
        } => {
            let (x, y) = (day(a)?, day(b)?);
            Some(if x == y { x } else { format!("{x}–{y}") })
        }
        _ => None,
    }
}

/// Compact digits for a narrow column (see [`Edtf::compact`]).
pub(super) fn compact(e: &Edtf, utc: bool, seconds: bool) -> Option<String> {
    let one = |d: &Date| -> Option<(String, String, Offset)> {
        let d = if utc { in_utc(d) } else { *d };
        let t = d.time?;
        let (y, m, dd) = (d.year.value, d.month?.value, d.day?.value);
        let mut clock = format!("{:02}:{:02}", t.secs / 3600, t.secs / 60 % 60);
        if seconds && t.seconds && !t.secs.is_multiple_of(60) {
            clock.push_str(&format!(":{:02}", t.secs % 60));
        }
        Some((
            format!("{}-{m:02}-{dd:02}", super::civil::iso_year(y)),
            clock,
            t.offset,
        ))
    };
    let off = |o: Offset| match o {
        Offset::Local => String::new(),
        Offset::Utc => "Z".into(),
        o => offset_text(o).trim_start_matches(" UTC").to_string(),
    };
    match e.shape() {
        Shape::Point(d) => one(d).map(|(day, clock, o)| format!("{day} {clock}{}", off(o))),
        Shape::Interval {
            start: Bound::Point(a),
            end: Bound::Point(b),
        } => {
            let ((d1, c1, o1), (d2, c2, o2)) = (one(a)?, one(b)?);
            Some(if d1 == d2 && o1 == o2 {
                format!("{d1} {c1}–{c2}{}", off(o1))
            } else {
                format!("{d1} {c1}{}–{d2} {c2}{}", off(o1), off(o2))
            })
        }
        _ => None,
    }
}

/// Years only, for narrow columns: `2016?`, `2005–2017`, `1979–`, `1667…1672`.
pub(super) fn year_short(e: &Edtf) -> String {
    let q = e.qualifier();
    let (ya, yb) = (e.first_year(), e.last_year());
    let core = match e.shape() {
        Shape::Point(d)
            if d.year.unspecified == 0
                && d.year.significant.is_none()
                && d.year.form == YearForm::Plain
                && d.time.is_none() =>
        {
            match (ya, yb) {
                (Some(x), Some(y)) if x != y => format!("{}–{}", year_text(x), year_text(y)),
                _ => year_text(d.year.value),
            }
        }
        Shape::Point(d) if d.year.form != YearForm::Plain || d.year.significant.is_some() => {
            let (lo, hi) = year_range(&d.year);
            if lo == hi {
                year_compact(lo)
            } else {
                format!("{}–{}", year_compact(lo), year_compact(hi))
            }
        }
        Shape::Point(d) => year_part(d),
        Shape::Interval { start, end } => {
            let side = |b: &Bound, y: Option<i64>| match (b, y) {
                (Bound::Point(_), Some(y)) => year_compact(y),
                (Bound::Unknown, _) => "?".into(),
                _ => String::new(),
            };
            let (s, t) = (side(start, ya), side(end, yb));
            if s == t { s } else { format!("{s}–{t}") }
        }
        Shape::Set(set) => {
            let sep = if set.all { "–" } else { "…" };
            let f = |y: Option<i64>| y.map(year_compact).unwrap_or_default();
            if ya == yb {
                f(ya)
            } else {
                format!("{}{sep}{}", f(ya), f(yb))
            }
        }
    };
    match (q.approximate(), q.uncertain()) {
        (true, true) => format!("c. {core}?"),
        (true, false) => format!("c. {core}"),
        (false, true) => format!("{core}?"),
        (false, false) => core,
    }
}
