//! What a date means: its strict bounds, the earliest and the latest instant it can be,
//! following the rules the README's date section lists (X digits, seasons, significant
//! digits, sets and interval ends).

use super::Shape;
use super::civil::{DAY, Instant, days_from_civil, month_len};
use super::parse::matching;
use super::{Date, Edtf, Member, Offset, Year};

/// One side of a date's bounds: a wall-clock instant and the offset it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Seconds since 1970-01-01T00:00:00 on the date's own wall clock.
    pub local: i64,
    /// The offset written with the time (local when none).
    pub offset: Offset,
    /// Was a time of day written (so the edge is a second, not a day)?
    pub time: bool,
}

/// The earliest and the latest instant a date can mean (`None`: unbounded on that side,
/// for open or unknown ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// The earliest instant.
    pub earliest: Option<Edge>,
    /// The latest instant.
    pub latest: Option<Edge>,
}

impl Edge {
    /// The year on the date's own clock.
    pub fn year(&self) -> i64 {
        Instant(self.local).civil(0).year
    }

    /// The instant (in UTC; a local time counts as UTC).
    pub fn instant(&self) -> Instant {
        Instant(self.local - i64::from(self.offset.minutes()) * 60)
    }

    /// ISO 8601 in the date's own offset: `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm:ss±hh:mm`
    /// when a time is known.
    pub fn iso(&self) -> String {
        let c = Instant(self.local).civil(0);
        if !self.time {
            return c.iso_day();
        }
        let off = match self.offset {
            Offset::Local => String::new(),
            o => {
                let m = o.minutes();
                let sign = if m < 0 { '-' } else { '+' };
                let a = m.unsigned_abs();
                format!("{sign}{:02}:{:02}", a / 60, a % 60)
            }
        };
        format!("{}T{}{off}", c.iso_day(), c.iso_time())
    }
}

/// The years a written year allows.
pub(super) fn year_range(y: &Year) -> (i64, i64) {
    let v = y.value;
    if let Some(s) = y.significant {
        let n = u32::try_from(v.unsigned_abs().to_string().len()).unwrap_or(1);
        let unit = 10i64.pow(n.saturating_sub(u32::from(s)));
        let a = v.abs() / unit * unit;
        return if v >= 0 {
            (a, a + unit - 1)
        } else {
            (-(a + unit - 1), -a)
        };
    }
    if y.unspecified == 0 {
        return (v, v);
    }
    let (mut lo, mut hi) = (0i64, 0i64);
    let digits = format!("{:04}", v.unsigned_abs());
    for (i, ch) in digits.bytes().enumerate() {
        let x = y.unspecified & (1 << (3 - i)) != 0;
        let d = i64::from(ch - b'0');
        lo = lo * 10 + if x { 0 } else { d };
        hi = hi * 10 + if x { 9 } else { d };
    }
    if y.negative() {
        return (-hi, -lo);
    }
    (lo, hi)
}

/// The months a written month or season spans: first month, last month, and how many
/// years later the last one falls (winter runs into the next year).
pub(super) fn month_range(d: &Date) -> Option<(u32, u32, i64)> {
    let Some(p) = d.month else {
        return Some((1, 12, 0));
    };
    if p.unspecified != 0 {
        let (a, b) = matching(p.value, p.unspecified, 1, 12)?;
        return Some((u32::from(a), u32::from(b), 0));
    }
    Some(match p.value {
        m @ 1..=12 => (u32::from(m), u32::from(m), 0),
        21 | 25 | 31 => (3, 5, 0),
        22 | 26 | 32 => (6, 8, 0),
        23 | 27 | 29 => (9, 11, 0),
        24 | 28 | 30 => (12, 2, 1),
        33 => (1, 3, 0),
        34 => (4, 6, 0),
        35 => (7, 9, 0),
        36 => (10, 12, 0),
        37 => (1, 4, 0),
        38 => (5, 8, 0),
        39 => (9, 12, 0),
        40 => (1, 6, 0),
        41 => (7, 12, 0),
        _ => return None,
    })
}

fn months(d: &Date) -> Vec<u32> {
    match d.month {
        Some(p) if p.unspecified != 0 => (1..=12u8)
            .filter(|&m| matching(p.value, p.unspecified, m, m).is_some())
            .map(u32::from)
            .collect(),
        Some(p) => vec![u32::from(p.value)],
        None => (1..=12).collect(),
    }
}

/// Does year `y` match what is written (its X digits free, the others as written)?
fn year_fits(year: &Year, y: i64) -> bool {
    if year.unspecified == 0 || year.form != super::YearForm::Plain {
        return true;
    }
    if (y < 0) != year.negative() && y != 0 {
        return false;
    }
    let (want, got) = (year.value.unsigned_abs(), y.unsigned_abs());
    (0..4).all(|i| {
        let x = year.unspecified & (1 << i) != 0;
        let p = 10u64.pow(i);
        x || want / p % 10 == got / p % 10
    })
}

/// A calendar day: year, month, day.
pub(crate) type Ymd = (i64, u32, u32);

/// The first and the last calendar day a date (without its time) allows, or `None` when
/// no day matches what is written.
pub(crate) fn day_range(d: &Date) -> Option<(Ymd, Ymd)> {
    let (ylo, yhi) = year_range(&d.year);
    let (m1, m2, carry) = month_range(d)?;
    let Some(day) = d.day else {
        return Some(((ylo, m1, 1), (yhi + carry, m2, month_len(yhi + carry, m2))));
    };
    // The common case, a plain day: no scan, no allocation.
    if day.unspecified == 0 && ylo == yhi && m1 == m2 && carry == 0 {
        let dd = u32::from(day.value);
        return (dd >= 1 && dd <= month_len(ylo, m1)).then_some(((ylo, m1, dd), (ylo, m1, dd)));
    }
    let (dlo, dhi) = matching(day.value, day.unspecified, 1, 31)?;
    let ms = months(d);
    // Years repeat their month lengths within eight years (leap days), so a short scan
    // from each end finds the first and the last day that exist.
    let days: Vec<u32> = (dlo..=dhi)
        .filter(|&n| matching(day.value, day.unspecified, n, n).is_some())
        .map(u32::from)
        .collect();
    let fits = |y: i64, m: u32, dd: &u32| *dd <= month_len(y, m);
    // Only the years the written digits allow (`19X5` is 1905, 1915 …, never 1908): at
    // most 10,000 of them, and only for a day in a year with X digits.
    let years = || (ylo..=yhi).filter(|&y| year_fits(&d.year, y));
    let first = years().find_map(|y| {
        ms.iter()
            .find_map(|&m| days.iter().find(|dd| fits(y, m, dd)).map(|&dd| (y, m, dd)))
    })?;
    let last = years().rev().find_map(|y| {
        ms.iter().rev().find_map(|&m| {
            days.iter()
                .rev()
                .find(|dd| fits(y, m, dd))
                .map(|&dd| (y, m, dd))
        })
    })?;
    Some((first, last))
}

/// The bounds of one date.
pub(super) fn date_bounds(d: &Date) -> (Edge, Edge) {
    let ((y1, m1, d1), (y2, m2, d2)) = day_range(d).unwrap_or(((0, 1, 1), (0, 1, 1)));
    let (a, b) = (
        days_from_civil(y1, m1, d1) * DAY,
        days_from_civil(y2, m2, d2) * DAY,
    );
    match d.time {
        None => (
            Edge {
                local: a,
                offset: Offset::Local,
                time: false,
            },
            Edge {
                local: b + DAY - 1,
                offset: Offset::Local,
                time: false,
            },
        ),
        Some(t) => {
            let s = i64::from(t.secs);
            let last = if t.seconds { 0 } else { 59 };
            (
                Edge {
                    local: a + s,
                    offset: t.offset,
                    time: true,
                },
                Edge {
                    local: b + s + last,
                    offset: t.offset,
                    time: true,
                },
            )
        }
    }
}

/// The bounds of any date.
pub(super) fn of(e: &Edtf) -> Bounds {
    match e.shape() {
        Shape::Point(d) => {
            let (a, b) = date_bounds(d);
            Bounds {
                earliest: Some(a),
                latest: Some(b),
            }
        }
        Shape::Interval { start, end } => Bounds {
            earliest: start.date().map(|d| date_bounds(d).0),
            latest: end.date().map(|d| date_bounds(d).1),
        },
        Shape::Set(set) => {
            let mut lo: Option<Option<Edge>> = None;
            let mut hi: Option<Option<Edge>> = None;
            let mut take = |a: Option<Edge>, b: Option<Edge>| {
                lo = Some(match (lo, a) {
                    (None, a) => a,
                    (Some(None), _) | (_, None) => None,
                    (Some(Some(x)), Some(y)) => Some(if y.instant() < x.instant() { y } else { x }),
                });
                hi = Some(match (hi, b) {
                    (None, b) => b,
                    (Some(None), _) | (_, None) => None,
                    (Some(Some(x)), Some(y)) => Some(if y.instant() > x.instant() { y } else { x }),
                });
            };
            for m in &set.members {
                match m {
                    Member::One(d) => {
                        let (a, b) = date_bounds(d);
                        take(Some(a), Some(b));
                    }
                    Member::Range(a, b) => take(
                        a.as_ref().map(|d| date_bounds(d).0),
                        b.as_ref().map(|d| date_bounds(d).1),
                    ),
                }
            }
            Bounds {
                earliest: lo.flatten(),
                latest: hi.flatten(),
            }
        }
    }
}
