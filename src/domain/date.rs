//! Dates as the sources give them: an EDTF (levels 0–1) subset that keeps precision and doubt.
//!
//! `1961`, `1961-08`, `1999-07-09`, `-0043-03-15`, qualifiers `?` `~` `%`, and intervals
//! `1997/2000`, `2020-05-28/..`, `../1999`, `2005/` (unknown end).

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;

/// How fine a date is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month are known.
    Month,
    /// The day is known.
    Day,
}

/// EDTF qualifier written at the end of a date.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Qualifier {
    /// No qualifier.
    #[default]
    Certain,
    /// `?`: the source is unsure, or the date was inferred.
    Uncertain,
    /// `~`: about, circa.
    Approximate,
    /// `%`: both uncertain and approximate.
    Both,
}

impl Qualifier {
    fn suffix(self) -> &'static str {
        match self {
            Qualifier::Certain => "",
            Qualifier::Uncertain => "?",
            Qualifier::Approximate => "~",
            Qualifier::Both => "%",
        }
    }

    /// The qualifier spelled out for people, or `None` when certain.
    pub fn words(self) -> Option<&'static str> {
        match self {
            Qualifier::Certain => None,
            Qualifier::Uncertain => Some("uncertain"),
            Qualifier::Approximate => Some("approximate"),
            Qualifier::Both => Some("uncertain and approximate"),
        }
    }
}

/// The calendar value of a single date, typed by precision (chrono where a day is known).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Moment {
    /// A whole year (astronomical numbering: 0 is 1 BCE).
    Year(i32),
    /// A month of a year; `month` is 1–12.
    Month {
        /// The year.
        year: i32,
        /// 1–12.
        month: u32,
    },
    /// A known day.
    Day(#[serde(with = "super::days")] NaiveDate),
}

/// A single qualified date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Point {
    /// The calendar value.
    pub moment: Moment,
    /// How sure the source is.
    pub qualifier: Qualifier,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Bound {
    /// A known date.
    Point(Point),
    /// `..`: open (still going on, or reaching back indefinitely).
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

/// A parsed EDTF date: a single date or an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Edtf {
    /// A single date.
    Point(Point),
    /// `START/END`.
    Interval {
        /// Start bound.
        start: Bound,
        /// End bound.
        end: Bound,
    },
}

/// What dates sort by (see [`Edtf::sort_key`]).
pub type SortKey = (Option<NaiveDate>, Precision, bool, Option<NaiveDate>);

/// Why a date string is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Moment {
    /// How fine this moment is.
    pub fn precision(self) -> Precision {
        match self {
            Moment::Year(_) => Precision::Year,
            Moment::Month { .. } => Precision::Month,
            Moment::Day(_) => Precision::Day,
        }
    }

    /// The year (astronomical).
    pub fn year(self) -> i32 {
        match self {
            Moment::Year(y) | Moment::Month { year: y, .. } => y,
            Moment::Day(d) => d.year(),
        }
    }

    /// First day this moment can mean.
    pub fn earliest(self) -> NaiveDate {
        match self {
            Moment::Year(y) => ymd(y, 1, 1),
            Moment::Month { year, month } => ymd(year, month, 1),
            Moment::Day(d) => d,
        }
    }

    /// Last day this moment can mean.
    pub fn latest(self) -> NaiveDate {
        match self {
            Moment::Year(y) => ymd(y, 12, 31),
            Moment::Month { year, month } => {
                let next = if month == 12 {
                    ymd(year + 1, 1, 1)
                } else {
                    ymd(year, month + 1, 1)
                };
                next.pred_opt().expect("years are bounded to four digits")
            }
            Moment::Day(d) => d,
        }
    }

    fn short(self) -> String {
        match self {
            Moment::Year(y) => year_text(y),
            Moment::Month { year, month } => {
                format!("{} {}", MONTHS[month as usize - 1], year_text(year))
            }
            Moment::Day(d) => format!(
                "{} {} {}",
                d.day(),
                MONTHS[d.month0() as usize],
                year_text(d.year())
            ),
        }
    }

    fn long(self) -> String {
        match self {
            Moment::Year(y) => year_text(y),
            Moment::Month { year, month } => {
                format!("{} {}", MONTHS_LONG[month as usize - 1], year_text(year))
            }
            Moment::Day(d) => format!(
                "{} {} {}",
                d.day(),
                MONTHS_LONG[d.month0() as usize],
                year_text(d.year())
            ),
        }
    }

    fn edtf(self) -> String {
        let y = |y: i32| {
            if y < 0 {
                format!("-{:04}", -y)
            } else {
                format!("{y:04}")
            }
        };
        match self {
            Moment::Year(year) => y(year),
            Moment::Month { year, month } => format!("{}-{month:02}", y(year)),
            Moment::Day(d) => format!("{}-{:02}-{:02}", y(d.year()), d.month(), d.day()),
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("years are bounded to four digits")
}

fn year_text(y: i32) -> String {
    if y <= 0 {
        format!("{} BCE", 1 - y)
    } else {
        y.to_string()
    }
}

impl Point {
    /// A certain point.
    pub fn certain(moment: Moment) -> Self {
        Point {
            moment,
            qualifier: Qualifier::Certain,
        }
    }

    /// Short display: `Aug 1961`, `c. 1983`, `1961?`.
    pub fn short(self) -> String {
        let core = self.moment.short();
        match self.qualifier {
            Qualifier::Certain => core,
            Qualifier::Uncertain => format!("{core}?"),
            Qualifier::Approximate => format!("c. {core}"),
            Qualifier::Both => format!("c. {core}?"),
        }
    }

    /// The year alone, qualified as [`Point::short`] does: `1961`, `2016?`, `c. 1983`.
    pub fn year_short(self) -> String {
        use chrono::Datelike;
        let (a, b) = (self.moment.earliest().year(), self.moment.latest().year());
        let core = if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        };
        match self.qualifier {
            Qualifier::Certain => core,
            Qualifier::Uncertain => format!("{core}?"),
            Qualifier::Approximate => format!("c. {core}"),
            Qualifier::Both => format!("c. {core}?"),
        }
    }

    /// Long display with the qualifier spelled out: `August 1961 (uncertain)`.
    pub fn long(self) -> String {
        match self.qualifier.words() {
            None => self.moment.long(),
            Some(w) => format!("{} ({w})", self.moment.long()),
        }
    }

    fn edtf(self) -> String {
        format!("{}{}", self.moment.edtf(), self.qualifier.suffix())
    }
}

impl Bound {
    fn point(self) -> Option<Point> {
        match self {
            Bound::Point(p) => Some(p),
            _ => None,
        }
    }
}

impl Edtf {
    /// Parse an EDTF string.
    pub fn parse(s: &str) -> Result<Edtf, DateError> {
        if let Some((a, b)) = s.split_once('/') {
            let start = parse_bound(a, "start")?;
            let end = parse_bound(b, "end")?;
            if start.point().is_none() && end.point().is_none() {
                return Err(DateError(format!(
                    "interval `{s}` needs at least one known end"
                )));
            }
            if let (Some(p), Some(q)) = (start.point(), end.point())
                && q.moment.latest() < p.moment.earliest()
            {
                return Err(DateError(format!(
                    "interval `{s}` ends ({}) before it starts ({})",
                    q.short(),
                    p.short()
                )));
            }
            Ok(Edtf::Interval { start, end })
        } else {
            parse_point(s).map(Edtf::Point)
        }
    }

    /// The start bound's point, or the point itself.
    pub fn start(&self) -> Option<Point> {
        match *self {
            Edtf::Point(p) => Some(p),
            Edtf::Interval { start, .. } => start.point(),
        }
    }

    /// The end bound's point, or the point itself.
    pub fn end(&self) -> Option<Point> {
        match *self {
            Edtf::Point(p) => Some(p),
            Edtf::Interval { end, .. } => end.point(),
        }
    }

    /// Earliest day the date can mean; `None` for an open or unknown start.
    pub fn earliest(&self) -> Option<NaiveDate> {
        self.start().map(|p| p.moment.earliest())
    }

    /// Latest day the date can mean; `None` for an open or unknown end.
    pub fn latest(&self) -> Option<NaiveDate> {
        self.end().map(|p| p.moment.latest())
    }

    /// The finest precision at the start (used to order a coarse date before a fine one).
    pub fn precision(&self) -> Precision {
        self.start()
            .or(self.end())
            .map(|p| p.moment.precision())
            .unwrap_or(Precision::Year)
    }

    /// The key of chronological order: earliest instant (an open start first), then
    /// coarser before finer, then open ends last, then the latest instant. Callers break
    /// ties by id to make the order total.
    pub fn sort_key(&self) -> SortKey {
        let latest = self.latest();
        (self.earliest(), self.precision(), latest.is_none(), latest)
    }

    /// Chronological order: see [`Edtf::sort_key`].
    pub fn chrono_cmp(&self, other: &Edtf) -> Ordering {
        // `None` (open start) sorts first, which `Option`'s order already gives.
        self.sort_key().cmp(&other.sort_key())
    }

    /// True when this is an interval.
    pub fn is_interval(&self) -> bool {
        matches!(self, Edtf::Interval { .. })
    }

    /// Canonical EDTF text (what the file format stores).
    pub fn to_edtf(&self) -> String {
        match *self {
            Edtf::Point(p) => p.edtf(),
            Edtf::Interval { start, end } => format!("{}/{}", bound_edtf(start), bound_edtf(end)),
        }
    }

    /// Short display as people read it: `Aug 1961`, `c. 1983`, `1997–2000`, `2020–`.
    pub fn short(&self) -> String {
        match *self {
            Edtf::Point(p) => p.short(),
            Edtf::Interval { start, end } => match (start, end) {
                (Bound::Point(a), Bound::Point(b)) => span_short(a, b),
                (Bound::Point(a), Bound::Open) => format!("{}–", a.short()),
                (Bound::Point(a), Bound::Unknown) => format!("{}–?", a.short()),
                (Bound::Open, Bound::Point(b)) => format!("–{}", b.short()),
                (Bound::Unknown, Bound::Point(b)) => format!("?–{}", b.short()),
                _ => "?".to_string(),
            },
        }
    }

    /// The years only, for narrow columns: `2016?`, `2005–2017`, `1979–`.
    pub fn year_short(&self) -> String {
        let y = |b: Bound| b.point().map(Point::year_short);
        match *self {
            Edtf::Point(p) => p.year_short(),
            Edtf::Interval { start, end } => match (y(start), y(end)) {
                (Some(a), Some(b)) if a == b => a,
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) if end == Bound::Open => format!("{a}–"),
                (Some(a), None) => format!("{a}–?"),
                (None, Some(b)) if start == Bound::Open => format!("–{b}"),
                (None, Some(b)) => format!("?–{b}"),
                (None, None) => "?".into(),
            },
        }
    }

    /// Long display with qualifiers spelled out, for the detail view.
    pub fn long(&self) -> String {
        match *self {
            Edtf::Point(p) => p.long(),
            Edtf::Interval { start, end } => {
                let s = match start {
                    Bound::Point(p) => format!("from {}", p.long()),
                    Bound::Open => "from an open start".to_string(),
                    Bound::Unknown => "from an unknown start".to_string(),
                };
                let e = match end {
                    Bound::Point(p) => format!("to {}", p.long()),
                    Bound::Open => "ongoing".to_string(),
                    Bound::Unknown => "to an unknown end".to_string(),
                };
                format!("{s} {e}")
            }
        }
    }

    /// True when some part of this date overlaps the inclusive day range `[from, to]`
    /// (`None` = unbounded).
    pub fn overlaps(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
        overlaps((self.earliest(), self.latest()), from, to)
    }

    /// The year the date counts under (the density strip, counts per year): its first
    /// year, or its last for an open start; none for a date open at both ends.
    pub fn year(&self) -> Option<i32> {
        year_of((self.earliest(), self.latest()))
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

fn bound_edtf(b: Bound) -> String {
    match b {
        Bound::Point(p) => p.edtf(),
        Bound::Open => "..".to_string(),
        Bound::Unknown => String::new(),
    }
}

fn span_short(a: Point, b: Point) -> String {
    let plain = a.qualifier == Qualifier::Certain && b.qualifier == Qualifier::Certain;
    if plain {
        match (a.moment, b.moment) {
            (
                Moment::Month {
                    year: y1,
                    month: m1,
                },
                Moment::Month {
                    year: y2,
                    month: m2,
                },
            ) if y1 == y2 => {
                return format!(
                    "{}–{} {}",
                    MONTHS[m1 as usize - 1],
                    MONTHS[m2 as usize - 1],
                    year_text(y1)
                );
            }
            (Moment::Day(d1), Moment::Day(d2)) if d1.year() == d2.year() => {
                return if d1.month() == d2.month() {
                    format!(
                        "{}–{} {} {}",
                        d1.day(),
                        d2.day(),
                        MONTHS[d1.month0() as usize],
                        year_text(d1.year())
                    )
                } else {
                    format!(
                        "{} {}–{} {} {}",
                        d1.day(),
                        MONTHS[d1.month0() as usize],
                        d2.day(),
                        MONTHS[d2.month0() as usize],
                        year_text(d1.year())
                    )
                };
            }
            _ => {}
        }
    }
    format!("{}–{}", a.short(), b.short())
}

fn parse_bound(s: &str, which: &str) -> Result<Bound, DateError> {
    match s {
        ".." => Ok(Bound::Open),
        "" => Ok(Bound::Unknown),
        _ => parse_point(s)
            .map(Bound::Point)
            .map_err(|e| DateError(format!("interval {which}: {}", e.0))),
    }
}

fn parse_point(s: &str) -> Result<Point, DateError> {
    let bad = || {
        DateError(format!(
            "`{s}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ?, ~ or %)"
        ))
    };
    let (body, qualifier) = match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], Qualifier::Uncertain),
        Some(b'~') => (&s[..s.len() - 1], Qualifier::Approximate),
        Some(b'%') => (&s[..s.len() - 1], Qualifier::Both),
        _ => (s, Qualifier::Certain),
    };
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let year_s = parts.next().ok_or_else(bad)?;
    let month_s = parts.next();
    let day_s = parts.next();
    if parts.next().is_some() {
        return Err(bad());
    }
    let num = |t: &str, len: usize| -> Result<u32, DateError> {
        if t.len() == len && t.bytes().all(|b| b.is_ascii_digit()) {
            Ok(t.parse().expect("checked digits"))
        } else {
            Err(bad())
        }
    };
    let year = i32::try_from(num(year_s, 4)?).unwrap_or(i32::MAX);
    let year = if negative { -year } else { year };
    let moment = match (month_s, day_s) {
        (None, _) => Moment::Year(year),
        (Some(m), None) => {
            let month = num(m, 2)?;
            if !(1..=12).contains(&month) {
                return Err(DateError(format!("`{s}`: there is no month {month}")));
            }
            Moment::Month { year, month }
        }
        (Some(m), Some(d)) => {
            let (month, day) = (num(m, 2)?, num(d, 2)?);
            if !(1..=12).contains(&month) {
                return Err(DateError(format!("`{s}`: there is no month {month}")));
            }
            let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
                DateError(format!(
                    "`{s}`: {} {} has no day {day}",
                    MONTHS_LONG[month as usize - 1],
                    year_text(year)
                ))
            })?;
            Moment::Day(date)
        }
    };
    Ok(Point { moment, qualifier })
}

/// Do the bounds `(earliest, latest)` of a date (`None`: open or unknown on that side,
/// reaching as far as can be) overlap the inclusive day range `[from, to]` (`None` =
/// unbounded)? The one definition of date-range overlap: queries, counts and jumps use it.
pub fn overlaps(
    (earliest, latest): (Option<NaiveDate>, Option<NaiveDate>),
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> bool {
    let after_from = match (from, latest) {
        (Some(f), Some(l)) => l >= f,
        _ => true, // unbounded, or an open or unknown end reaches forward
    };
    let before_to = match (to, earliest) {
        (Some(t), Some(e)) => e <= t,
        _ => true,
    };
    after_from && before_to
}

/// The year a date with bounds `(earliest, latest)` counts under: the first year, or the
/// last for an open start. The one definition of "the year of an event".
pub fn year_of((earliest, latest): (Option<NaiveDate>, Option<NaiveDate>)) -> Option<i32> {
    earliest.or(latest).map(|d| d.year())
}
