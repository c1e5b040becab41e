//! Dates as the sources give them: all of EDTF (Library of Congress, levels 0–2), times of
//! day with offsets, and the strict bounds (earliest and latest instant) every feature uses.
//!
//! The value keeps the written form (so a date round-trips byte for byte) and computes its
//! meaning from it: [`Edtf::bounds`] for ordering, ranges, ages and overlaps, and
//! [`Edtf::short`] / [`Edtf::long`] for people. Parsing is in `parse`, meaning in `bounds`,
//! readings in `show`, the calendar arithmetic in `civil`.

mod bounds;
mod check;
pub mod civil;
mod narrow;
mod pack;
mod parse;
mod shape;
mod show;
mod write;

pub use bounds::{Bounds, Edge};
pub use civil::{Civil, Instant};
pub use shape::{Interval, Shape};

use std::cmp::Ordering;
use std::fmt;

/// How fine a date is (the finest component written).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Precision {
    /// Only the year (or a span of years) is known.
    Year,
    /// A month or a season.
    Month,
    /// A day.
    Day,
    /// A minute of a day.
    Minute,
    /// A second.
    Second,
}

/// EDTF qualifier: `?` uncertain, `~` approximate, `%` both.
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
    /// The mark as written (`""`, `?`, `~`, `%`).
    pub fn mark(self) -> &'static str {
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

    /// Both qualifiers together (`?` and `~` make `%`).
    pub fn union(self, other: Qualifier) -> Qualifier {
        let bits = |q| match q {
            Qualifier::Certain => 0,
            Qualifier::Uncertain => 1,
            Qualifier::Approximate => 2,
            Qualifier::Both => 3,
        };
        match bits(self) | bits(other) {
            0 => Qualifier::Certain,
            1 => Qualifier::Uncertain,
            2 => Qualifier::Approximate,
            _ => Qualifier::Both,
        }
    }

    /// Is it uncertain (`?` or `%`)?
    pub fn uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::Both)
    }

    /// Is it approximate (`~` or `%`)?
    pub fn approximate(self) -> bool {
        matches!(self, Qualifier::Approximate | Qualifier::Both)
    }
}

/// How a year is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum YearForm {
    /// Four digits (some may be `X`), optionally negative: `1985`, `-0043`, `19XX`.
    Plain,
    /// `Y` and more than four digits: `Y170000002`.
    Prefixed,
    /// `Y` with an exponent: `Y-17E7` (the value is mantissa × 10^exponent).
    Exponent(u8),
}

/// A year as written, and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Year {
    /// The value (astronomical: 0 is 1 BCE); `X` digits count as 0 here.
    pub value: i64,
    /// How it is written.
    pub form: YearForm,
    /// Which of the four digits are `X` (bit 3 = thousands … bit 0 = units).
    pub unspecified: u8,
    /// `S` significant digits, when given.
    pub significant: Option<u8>,
}

/// A month, season or day as written: two digits, some of which may be `X`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Part {
    /// The value with `X` digits as 0 (months 1–12, seasons 21–41, days 1–31).
    pub value: u8,
    /// Which digits are `X` (bit 1 = tens, bit 0 = units).
    pub unspecified: u8,
}

/// Where qualifiers are written: before (`?2004`) and after (`2004?`) each of year, month
/// and day. A mark after a component also qualifies those to its left.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Marks {
    /// Marks written before year, month, day.
    pub before: [Qualifier; 3],
    /// Marks written after year, month, day.
    pub after: [Qualifier; 3],
}

/// A UTC offset as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Offset {
    /// No offset: a local time (ordered as if UTC).
    Local,
    /// `Z`.
    Utc,
    /// `±hh`: whole hours.
    Hours(i8),
    /// `±hh:mm`: minutes east of UTC.
    Minutes(i16),
}

impl Offset {
    /// Minutes east of UTC (0 for a local time).
    pub fn minutes(self) -> i32 {
        match self {
            Offset::Local | Offset::Utc => 0,
            Offset::Hours(h) => i32::from(h) * 60,
            Offset::Minutes(m) => i32::from(m),
        }
    }
}

/// A time of day as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Time {
    /// Seconds since midnight.
    pub secs: u32,
    /// Fraction of the second, in nanoseconds.
    pub nanos: u32,
    /// Digits of the fraction as written (0: none).
    pub fraction_digits: u8,
    /// Were the seconds written (`hh:mm:ss`, not `hh:mm`)?
    pub seconds: bool,
    /// The offset.
    pub offset: Offset,
}

/// One calendar date (with an optional time of day), as written. Serialised packed into
/// a few integers (see `pack`): the cache reads a million of them at every warm start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    /// The year.
    pub year: Year,
    /// Month (1–12) or season (21–41).
    pub month: Option<Part>,
    /// Day of the month.
    pub day: Option<Part>,
    /// Qualifier marks.
    pub marks: Marks,
    /// Time of day.
    pub time: Option<Time>,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Bound {
    /// A known date.
    Point(Date),
    /// `..`: open (still going on, or reaching back indefinitely).
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

/// One member of a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Member {
    /// A date.
    One(Date),
    /// `a..b`, `..b` (that date or earlier), `a..` (that date or later).
    Range(Option<Date>, Option<Date>),
}

/// A set of dates: `[…]` one of them, `{…}` all of them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Set {
    /// `{…}`: all of the members; `[…]`: one of them.
    pub all: bool,
    /// The members, as written.
    pub members: Vec<Member>,
}

/// A parsed EDTF date: a single date, an interval or a set. Match on [`Edtf::shape`].
///
/// Intervals and sets are boxed: most dates are single, and every event record holds its
/// date, so a date is the size of one [`Date`] (48 bytes, where an inline interval made it
/// 96 and an event record 168).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Edtf {
    /// A single date.
    Point(Date),
    /// `START/END`.
    Interval(Box<Interval>),
    /// `[…]` or `{…}`.
    Set(Box<Set>),
}

/// Why a string is not a date: where, what, and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct DateError {
    /// 1-based column (in characters) of the first character that cannot be read.
    pub column: usize,
    /// What is wrong, with a hint where one helps.
    pub message: String,
}

/// What dates sort by (see [`Edtf::sort_key`]): earliest instant (unbounded first), latest
/// instant (unbounded last), precision.
pub type SortKey = (
    Option<Instant>,
    Reverse<Option<Reverse<Instant>>>,
    Precision,
);

/// `std::cmp::Reverse`, re-exported for [`SortKey`].
pub use std::cmp::Reverse;

impl Edtf {
    /// Parse an EDTF string (levels 0–2, plus `hh:mm` times, fractional seconds and
    /// datetime intervals as documented extensions).
    pub fn parse(s: &str) -> Result<Edtf, DateError> {
        parse::parse(s)
    }

    /// The date exactly as written.
    pub fn to_edtf(&self) -> String {
        write::write(self)
    }

    /// The date as EDTF for `annals date`: as written, which is strict EDTF unless
    /// [`Edtf::level`] says it uses annals' extensions (`hh:mm`, a fraction of a second,
    /// times in intervals and sets), which have no strict form that means the same.
    pub fn normalized(&self) -> String {
        write::write(self)
    }

    /// The EDTF conformance level the date needs (0, 1 or 2); `None` for annals' extension
    /// (an interval whose ends have times of day).
    pub fn level(&self) -> Option<u8> {
        write::level(self)
    }

    /// The single date, or the start of an interval.
    pub fn start_date(&self) -> Option<&Date> {
        match self.shape() {
            Shape::Point(d) => Some(d),
            Shape::Interval { start, .. } => start.date(),
            Shape::Set(_) => None,
        }
    }

    /// The single date, or the end of an interval.
    pub fn end_date(&self) -> Option<&Date> {
        match self.shape() {
            Shape::Point(d) => Some(d),
            Shape::Interval { end, .. } => end.date(),
            Shape::Set(_) => None,
        }
    }

    /// Strict bounds: the earliest and latest instants the date can mean, with the offsets
    /// they were written in.
    pub fn bounds(&self) -> Bounds {
        bounds::of(self)
    }

    /// Earliest instant the date can mean; `None` when unbounded before.
    pub fn earliest(&self) -> Option<Instant> {
        self.bounds().earliest.map(|e| e.instant())
    }

    /// Latest instant the date can mean; `None` when unbounded after.
    pub fn latest(&self) -> Option<Instant> {
        self.bounds().latest.map(|e| e.instant())
    }

    /// Both bounds as instants (the pair indexes and ranges use).
    pub fn span(&self) -> (Option<Instant>, Option<Instant>) {
        let b = self.bounds();
        (
            b.earliest.map(|e| e.instant()),
            b.latest.map(|e| e.instant()),
        )
    }

    /// The bounds in ISO 8601, in the date's own offset (`None`: unbounded).
    pub fn bounds_iso(&self) -> (Option<String>, Option<String>) {
        let b = self.bounds();
        (b.earliest.map(|e| e.iso()), b.latest.map(|e| e.iso()))
    }

    /// The finest component written anywhere in the date.
    pub fn precision(&self) -> Precision {
        let one = |d: &Date| d.precision();
        match self.shape() {
            Shape::Point(d) => one(d),
            Shape::Interval { start, end } => [start.date(), end.date()]
                .into_iter()
                .flatten()
                .map(one)
                .max()
                .unwrap_or(Precision::Year),
            Shape::Set(s) => s
                .members
                .iter()
                .flat_map(|m| match m {
                    Member::One(d) => [Some(d), None],
                    Member::Range(a, b) => [a.as_ref(), b.as_ref()],
                })
                .flatten()
                .map(one)
                .max()
                .unwrap_or(Precision::Year),
        }
    }

    /// The key of chronological order: earliest instant (unbounded first), then latest
    /// (unbounded last), then coarser before finer. Callers break ties by id.
    pub fn sort_key(&self) -> SortKey {
        let (a, b) = self.span();
        (a, Reverse(b.map(Reverse)), self.precision())
    }

    /// [`Edtf::sort_key`] as integers that compare the same way, for sorting a million
    /// events without branching on `Option`s: the earliest instant (0: unbounded), the latest
    /// (`u64::MAX`: unbounded), the precision. Exact because no bound reaches `i64::MIN` or
    /// `i64::MAX` (the calendar stops at ±[`civil::MAX_YEAR`] years).
    pub fn sort_bits(&self) -> (u64, u64, u8) {
        let flip = |x: Instant| x.0.cast_unsigned() ^ (1 << 63);
        let (a, b) = self.span();
        (
            a.map_or(0, flip),
            b.map_or(u64::MAX, flip),
            self.precision() as u8,
        )
    }

    /// Chronological order: see [`Edtf::sort_key`].
    pub fn chrono_cmp(&self, other: &Edtf) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }

    /// True when this is an interval.
    pub fn is_interval(&self) -> bool {
        matches!(self, Edtf::Interval(_))
    }

    /// True when some qualifier (`?`, `~`, `%`) is written anywhere in the date.
    pub fn qualified(&self) -> bool {
        self.qualifier() != Qualifier::Certain
    }

    /// Every qualifier written anywhere in the date, together.
    pub fn qualifier(&self) -> Qualifier {
        let mut q = Qualifier::Certain;
        self.each_date(|d| {
            for m in d.marks.before.iter().chain(&d.marks.after) {
                q = q.union(*m);
            }
        });
        q
    }

    /// True when the reading spans more than it names: `X` digits, a season, significant
    /// digits, or a set (the detail pane then shows the bounds).
    pub fn widened(&self) -> bool {
        let mut w = matches!(self, Edtf::Set(_));
        self.each_date(|d| {
            w |= d.year.unspecified != 0
                || d.year.significant.is_some()
                || d.month.is_some_and(|m| m.unspecified != 0 || m.value > 12)
                || d.day.is_some_and(|p| p.unspecified != 0);
        });
        w
    }

    /// True when some time of day is written in the date.
    pub fn has_time(&self) -> bool {
        let mut t = false;
        self.each_date(|d| t |= d.time.is_some());
        t
    }

    fn each_date(&self, mut f: impl FnMut(&Date)) {
        match self.shape() {
            Shape::Point(d) => f(d),
            Shape::Interval { start, end } => {
                start.date().into_iter().chain(end.date()).for_each(f);
            }
            Shape::Set(s) => {
                for m in &s.members {
                    match m {
                        Member::One(d) => f(d),
                        Member::Range(a, b) => a.iter().chain(b).for_each(&mut f),
                    }
                }
            }
        }
    }

    /// True when some part of this date overlaps the inclusive range `[from, to]` (`None` =
    /// unbounded).
    pub fn overlaps(&self, from: Option<Instant>, to: Option<Instant>) -> bool {
        overlaps(self.span(), from, to)
    }

    /// The year the date counts under, as written (in its own offset: `2000-01-01T01:00+05`
    /// is in 2000): its first year, or its last for an unbounded start; none for a date
    /// unbounded at both ends.
    pub fn year(&self) -> Option<i64> {
        let b = self.bounds();
        b.earliest.or(b.latest).map(|e| e.year())
    }

    /// The first year the date can be in, as written (none for an unbounded start).
    pub fn first_year(&self) -> Option<i64> {
        self.bounds().earliest.map(|e| e.year())
    }

    /// The last year the date can be in, as written (none for an unbounded end).
    pub fn last_year(&self) -> Option<i64> {
        self.bounds().latest.map(|e| e.year())
    }
}

impl Year {
    /// Is the year before year 0 (written with a `-`)?
    pub fn negative(&self) -> bool {
        self.value < 0
    }
}

impl Bound {
    /// The date of a known end.
    pub fn date(&self) -> Option<&Date> {
        match self {
            Bound::Point(d) => Some(d),
            _ => None,
        }
    }
}

impl Date {
    /// The finest component written.
    pub fn precision(&self) -> Precision {
        match (self.time, self.day, self.month) {
            (Some(t), ..) if t.seconds => Precision::Second,
            (Some(_), ..) => Precision::Minute,
            (None, Some(_), _) => Precision::Day,
            (None, None, Some(_)) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The qualifier in force on component `i` (0 year, 1 month, 2 day): its own mark, and
    /// any mark written after it or after a component to its right.
    pub fn qualifier_of(&self, i: usize) -> Qualifier {
        let mut q = self.marks.before[i];
        for m in &self.marks.after[i..] {
            q = q.union(*m);
        }
        q
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

/// Do the bounds `(earliest, latest)` of a date (`None`: unbounded on that side) overlap
/// the inclusive range `[from, to]` (`None` = unbounded)? The one definition of date-range
/// overlap: queries, counts and jumps use it.
pub fn overlaps(
    (earliest, latest): (Option<Instant>, Option<Instant>),
    from: Option<Instant>,
    to: Option<Instant>,
) -> bool {
    let after_from = match (from, latest) {
        (Some(f), Some(l)) => l >= f,
        _ => true,
    };
    let before_to = match (to, earliest) {
        (Some(t), Some(e)) => e <= t,
        _ => true,
    };
    after_from && before_to
}

/// The year a date with bounds `(earliest, latest)` counts under, in UTC: the first year,
/// or the last for an unbounded start (the search index's per-year counts; a time near
/// midnight on 31 December may count in the next or the previous year there).
pub fn year_of((earliest, latest): (Option<Instant>, Option<Instant>)) -> Option<i64> {
    earliest.or(latest).map(Instant::year)
}

impl Edtf {
    /// Short display as people read it: `Aug 1961`, `c. 1983`, `1997–2000`, `2020–`,
    /// times in the date's own offset.
    pub fn short(&self) -> String {
        show::short(self, false)
    }

    /// [`Edtf::short`], times moved to UTC when `utc`.
    pub fn short_in(&self, utc: bool) -> String {
        show::short(self, utc)
    }

    /// Long display with qualifiers and unspecified parts spelled out (the detail pane).
    pub fn long(&self) -> String {
        show::long(self, false)
    }

    /// [`Edtf::long`], times moved to UTC when `utc`.
    pub fn long_in(&self, utc: bool) -> String {
        show::long(self, utc)
    }

    /// Digits for a narrow column when the date has times of day: `1999-07-09 14:05:10−4`
    /// (`seconds`: keep written seconds); `None` otherwise.
    pub fn compact(&self, utc: bool, seconds: bool) -> Option<String> {
        narrow::compact(self, utc, seconds)
    }

    /// The day of a date with times of day, times left out (`9 Jul 1999`); `None` when
    /// it has no time.
    pub fn day_only(&self, utc: bool) -> Option<String> {
        narrow::day_only(self, utc)
    }

    /// The years only, for narrow columns: `2016?`, `2005–2017`, `1979–`.
    pub fn year_short(&self) -> String {
        narrow::year_short(self)
    }
}

pub use show::year_text;
