//! GEDCOM dates (7.0 and 5.5.1) turned into EDTF by meaning: approximations, ranges,
//! periods, BCE, dual years, the Julian calendar (converted day for day) and the Hebrew and
//! French republican calendars (day for day where certain: see `calendars`). What a date
//! was before conversion is never lost: the caller keeps the GEDCOM text beside it.

use super::calendars;
use crate::domain::Edtf;

/// What kind of conversion a date went through, for the import report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `ABT`/`CAL`/`EST x` → `x~`.
    Approx,
    /// `BEF x` → `[..x]`.
    Before,
    /// `AFT x` → `[x..]`.
    After,
    /// `BET x AND y` → `[x..y]`.
    Between,
    /// `FROM x TO y` → `x/y`.
    FromTo,
    /// `FROM x` → `x/..`.
    From,
    /// `TO y` → `../y`.
    To,
    /// `BCE` → a negative (astronomical) year.
    Bce,
    /// `1699/00` → the later year.
    Dual,
    /// A Julian day converted to the Gregorian day.
    JulianDay,
    /// A Julian month or year converted to the Gregorian days it spans.
    JulianSpan,
    /// A Hebrew date, or a French republican one of years I–XIV, converted day for day.
    OtherDay,
    /// A French republican date after year XIV → the Gregorian years it can fall in.
    OtherCalendar,
    /// `INT x (text)` → `x`, the text in a note.
    Interpreted,
    /// A date with a `TIME` (GEDCOM 7).
    Time,
}

impl Kind {
    /// How the report names it.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Approx => "ABT/CAL/EST x → `x~` (the word kept in display_date)",
            Kind::Before => "BEF x → `[..x]` (one day up to x)",
            Kind::After => "AFT x → `[x..]` (one day from x on)",
            Kind::Between => "BET x AND y → `[x..y]` (one day between, not a span)",
            Kind::FromTo => "FROM x TO y → `x/y` (a span)",
            Kind::From => "FROM x → `x/..` (a span from x, open end)",
            Kind::To => "TO y → `../y` (a span up to y, open start)",
            Kind::Bce => "BCE → negative years (1 BCE = `0000`)",
            Kind::Dual => {
                "dual years (`11 FEB 1699/00`) → the later year, one day between the date as written and its Julian reading (`[1700-02-11..1700-02-21]`)"
            }
            Kind::JulianDay => "Julian days converted to Gregorian",
            Kind::JulianSpan => {
                "Julian months/years → the Gregorian days they span (`JULIAN MAR 1643` → `[1643-03-11..1643-04-10]`)"
            }
            Kind::OtherDay => {
                "Hebrew and French republican (years I–XIV) dates converted to Gregorian days"
            }
            Kind::OtherCalendar => {
                "French republican dates after year XIV → the Gregorian years they fall in (the calendar's later leap years were never fixed)"
            }
            Kind::Interpreted => "INT x (text) → x, the text in a note",
            Kind::Time => "dates with a TIME → date and time of day",
        }
    }
}

/// A GEDCOM date read: its EDTF (none for a phrase alone or a calendar annals cannot
/// place), the kinds of conversion and notes saying what was changed.
#[derive(Debug, Default)]
pub struct Read {
    /// The EDTF date, checked by [`Edtf::parse`].
    pub edtf: Option<String>,
    /// What conversions it went through.
    pub kinds: Vec<Kind>,
    /// Notes on the conversion (a phrase, the Julian calendar …).
    pub notes: Vec<String>,
}

/// One end of a date: the earliest and latest EDTF dates it can be (equal when exact), and
/// for a date converted into a span of days, the start and the end a `FROM … TO …` span
/// takes (at the precision written: a Julian year starts in a Gregorian year, not on a day).
struct Point {
    lo: String,
    hi: String,
    span: Option<(String, String)>,
}

impl Point {
    /// The same text at both ends.
    fn exact(s: String) -> Point {
        Point {
            lo: s.clone(),
            hi: s,
            span: None,
        }
    }

    /// As the start of a span.
    fn start(&self) -> &str {
        self.span.as_ref().map_or(&self.lo, |s| &s.0)
    }

    /// As the end of a span.
    fn end(&self) -> &str {
        self.span.as_ref().map_or(&self.hi, |s| &s.1)
    }
}

const HINT: &str = "GEDCOM dates are `12 MAR 1850`, `MAR 1850`, `1850`, with `ABT`, `BEF`, \
                    `AFT`, `BET … AND …`, `FROM … TO …`, `INT … (text)` or a `(phrase)`";

/// Read a GEDCOM date value (with its GEDCOM 7 `TIME`, if any).
pub fn read(text: &str, time: Option<&str>) -> Result<Read, String> {
    let mut out = Read::default();
    let t = text.trim();
    if t.is_empty() {
        return Ok(out);
    }
    if t.starts_with('(') {
        out.notes.push(format!("date phrase: {}", strip_parens(t)));
        return Ok(out);
    }
    let up = normalise(t);
    let (words, phrase) = match up.find('(') {
        Some(i) => (
            up[..i].to_string(),
            Some(strip_parens(&t[t.find('(').unwrap_or(i)..])),
        ),
        None => (up.clone(), None),
    };
    let tokens: Vec<&str> = words.split_whitespace().collect();
    let bad = || format!("cannot read the GEDCOM date `{t}`: {HINT}");
    let Some((&first, rest)) = tokens.split_first() else {
        return Err(bad());
    };
    let edtf = match first {
        "INT" => {
            out.kinds.push(Kind::Interpreted);
            if let Some(p) = phrase.as_ref() {
                out.notes.push(format!("date interpreted from: {p}"));
            }
            one(rest, &mut out)?.map(|p| single(&p))
        }
        "ABT" | "CAL" | "EST" => {
            out.kinds.push(Kind::Approx);
            one(rest, &mut out)?.map(|p| {
                if p.lo == p.hi {
                    format!("{}~", p.lo)
                } else {
                    format!("[{}~..{}~]", p.lo, p.hi)
                }
            })
        }
        "BEF" => {
            out.kinds.push(Kind::Before);
            one(rest, &mut out)?.map(|p| format!("[..{}]", p.hi))
        }
        "AFT" => {
            out.kinds.push(Kind::After);
            one(rest, &mut out)?.map(|p| format!("[{}..]", p.lo))
        }
        "BET" => {
            out.kinds.push(Kind::Between);
            let and = rest.iter().position(|&w| w == "AND").ok_or_else(bad)?;
            let a = one(&rest[..and], &mut out)?;
            let b = one(&rest[and + 1..], &mut out)?;
            a.zip(b).map(|(a, b)| format!("[{}..{}]", a.lo, b.hi))
        }
        "FROM" => match rest.iter().position(|&w| w == "TO") {
            Some(to) => {
                out.kinds.push(Kind::FromTo);
                let a = one(&rest[..to], &mut out)?;
                let b = one(&rest[to + 1..], &mut out)?;
                a.zip(b).map(|(a, b)| format!("{}/{}", a.start(), b.end()))
            }
            None => {
                out.kinds.push(Kind::From);
                one(rest, &mut out)?.map(|p| format!("{}/..", p.start()))
            }
        },
        "TO" => {
            out.kinds.push(Kind::To);
            one(rest, &mut out)?.map(|p| format!("../{}", p.end()))
        }
        _ => {
            if let Some(p) = phrase.as_ref() {
                out.notes.push(format!("date phrase: {p}"));
            }
            one(&tokens, &mut out)?.map(|p| single(&p))
        }
    };
    let Some(mut edtf) = edtf else {
        return Ok(out);
    };
    if let Some(tm) = time.and_then(time_of_day) {
        if edtf.len() == 10 && !edtf.starts_with('-') {
            edtf = format!("{edtf}T{tm}");
            out.kinds.push(Kind::Time);
        } else {
            out.notes
                .push(format!("time of day: {}", time.unwrap_or_default()));
        }
    }
    if let Err(e) = Edtf::parse(&edtf) {
        return Err(format!(
            "the GEDCOM date `{t}` reads as `{edtf}`, which is not a date: {}",
            e.message
        ));
    }
    out.edtf = Some(edtf);
    Ok(out)
}

fn strip_parens(t: &str) -> String {
    let t = t.trim();
    let t = t.strip_prefix('(').unwrap_or(t);
    t.strip_suffix(')').unwrap_or(t).trim().to_string()
}

/// Uppercased, with 5.5.1's calendar escapes and epochs in GEDCOM 7's words.
fn normalise(t: &str) -> String {
    t.to_uppercase()
        .replace("@#DFRENCH R@", "FRENCH_R")
        .replace("@#DGREGORIAN@", "GREGORIAN")
        .replace("@#DJULIAN@", "JULIAN")
        .replace("@#DHEBREW@", "HEBREW")
        .replace("@#DROMAN@", "_ROMAN")
        .replace("@#DUNKNOWN@", "_UNKNOWN")
        .replace("B.C.", "BCE")
}

/// `YYYY-MM-DD` of a day (astronomical years, EDTF's `Y` beyond four digits).
fn day_text((y, m, d): calendars::Ymd) -> String {
    format!("{}-{m:02}-{d:02}", year(y))
}

/// One day, or one day between `lo` and `hi` of a date written to a day, a month or a year;
/// as a span's end, the Gregorian day, month or year holding `lo` (a start) or `hi` (an end).
fn days(lo: calendars::Ymd, hi: calendars::Ymd, month: bool, day: bool) -> Point {
    let unit = |ymd: calendars::Ymd| match (month, day) {
        (_, true) => day_text(ymd),
        (true, false) => format!("{}-{:02}", year(ymd.0), ymd.1),
        _ => year(ymd.0),
    };
    Point {
        lo: day_text(lo),
        hi: day_text(hi),
        span: (lo != hi).then(|| (unit(lo), unit(hi))),
    }
}

/// An EDTF year (astronomical: 0 is 1 BCE).
/// A date in its own calendar's numbers, as EDTF (year, month, day as far as given).
fn as_written(y: i64, month: Option<usize>, day: Option<u32>) -> Point {
    let s = match (day, month) {
        (Some(d), Some(m)) => format!("{}-{m:02}-{d:02}", year(y)),
        (_, Some(m)) => format!("{}-{m:02}", year(y)),
        _ => year(y),
    };
    Point::exact(s)
}

fn year(y: i64) -> String {
    match y {
        y if y > 9999 => format!("Y{y}"),
        y if y < -9999 => format!("Y{y}"),
        y if y < 0 => format!("-{:04}", -y),
        y => format!("{y:04}"),
    }
}

fn single(p: &Point) -> String {
    if p.lo == p.hi {
        p.lo.clone()
    } else {
        format!("[{}..{}]", p.lo, p.hi)
    }
}

const GREGORIAN: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const HEBREW: [&str; 13] = [
    "TSH", "CSH", "KSL", "TVT", "SHV", "ADR", "ADS", "NSN", "IYR", "SVN", "TMZ", "AAV", "ELL",
];
const FRENCH: [&str; 13] = [
    "VEND", "BRUM", "FRIM", "NIVO", "PLUV", "VENT", "GERM", "FLOR", "PRAI", "MESS", "THER", "FRUC",
    "COMP",
];

/// One date (`[CALENDAR] [[DAY] MONTH] YEAR [BCE]`): its earliest and latest Gregorian
/// reading, or none for a calendar annals cannot place.
fn one(tokens: &[&str], out: &mut Read) -> Result<Option<Point>, String> {
    let whole = tokens.join(" ");
    let bad = |why: &str| format!("cannot read the GEDCOM date `{whole}`: {why}; {HINT}");
    let mut t = tokens;
    let mut calendar = "GREGORIAN";
    if let Some((&c, rest)) = t.split_first()
        && (matches!(c, "GREGORIAN" | "JULIAN" | "HEBREW" | "FRENCH_R") || c.starts_with('_'))
    {
        calendar = c;
        t = rest;
    }
    let shown = t.join(" ");
    let mut bce = false;
    if let Some((&e, rest)) = t.split_last()
        && matches!(e, "BCE" | "BC")
    {
        bce = true;
        t = rest;
    }
    if calendar.starts_with('_') || t.iter().any(|w| w.starts_with('_')) {
        out.notes.push(format!(
            "date in the {calendar} calendar, which annals cannot place: {shown}"
        ));
        return Ok(None);
    }
    let (day, month, y) = match t {
        [y] => (None, None, *y),
        [m, y] => (None, Some(*m), *y),
        [d, m, y] => (Some(*d), Some(*m), *y),
        _ => return Err(bad("expected [DAY] [MONTH] YEAR")),
    };
    let (y, dual) = match y.split_once('/') {
        Some((a, b))
            if calendar == "GREGORIAN" && b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()) =>
        {
            (a, true)
        }
        _ => (y, false),
    };
    if y.is_empty() || y.len() > 9 || !y.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad(&format!("`{y}` is not a year")));
    }
    let mut y: i64 = y.parse().map_err(|_| bad("not a year"))?;
    let day: Option<u32> = match day {
        Some(d) if d.len() <= 2 && d.bytes().all(|c| c.is_ascii_digit()) => d.parse().ok(),
        Some(d) => return Err(bad(&format!("`{d}` is not a day"))),
        None => None,
    };
    let months: &[&str] = match calendar {
        "HEBREW" => &HEBREW,
        "FRENCH_R" => &FRENCH,
        _ => &GREGORIAN,
    };
    let month = match month {
        Some(m) => Some(
            months
                .iter()
                .position(|&n| n == m)
                .map(|i| i + 1)
                .ok_or_else(|| {
                    bad(&format!(
                        "`{m}` is not a month of the {} calendar ({})",
                        calendar.to_lowercase(),
                        months.join(" ")
                    ))
                })?,
        ),
        None => None,
    };
    if dual {
        y += 1;
        out.kinds.push(Kind::Dual);
    }
    if y == 0 {
        return Err(bad("there is no year 0 (1 BCE is the year before 1 CE)"));
    }
    if bce {
        if !matches!(calendar, "GREGORIAN" | "JULIAN") {
            return Err(bad("BCE is only for Gregorian and Julian dates"));
        }
        out.kinds.push(Kind::Bce);
        y = 1 - y;
    }
    let m = month.and_then(|m| u32::try_from(m).ok());
    let (has_month, has_day) = (month.is_some(), day.is_some());
    Ok(Some(match calendar {
        "JULIAN" => {
            let (lo, hi) = calendars::julian(y, m, day).map_err(|why| bad(&why))?;
            let what = if has_day {
                out.kinds.push(Kind::JulianDay);
                "converted to Gregorian"
            } else {
                out.kinds.push(Kind::JulianSpan);
                "converted to the Gregorian days it spans"
            };
            out.notes.push(format!("Julian date {shown} {what}"));
            days(lo, hi, has_month, has_day)
        }
        _ if dual => {
            // GEDCOM writes dual years in its Gregorian syntax, but they come from places
            // still on the Julian calendar (England before 1752): either reading that exists.
            let written =
                calendars::gregorian_exists(y, m, day).then(|| calendars::gregorian(y, m, day));
            let julian = calendars::julian(y, m, day).ok();
            let (lo, hi) = match (written, julian) {
                (Some(g), Some(j)) => (g.0.min(j.0), g.1.max(j.1)),
                (Some(r), None) | (None, Some(r)) => r,
                (None, None) => {
                    return Err(bad(
                        "that day is in neither the Gregorian nor the Julian calendar",
                    ));
                }
            };
            out.notes.push(format!(
                "dual-dated {shown}: the later year, read as written or as a Julian date (the calendar of the places that wrote dual years), whichever has that day"
            ));
            days(lo, hi, has_month, has_day)
        }
        "HEBREW" | "FRENCH_R" => {
            let name = if calendar == "HEBREW" {
                "Hebrew"
            } else {
                "French republican"
            };
            match exact(calendar, y, month, day).map_err(|why| bad(&why))? {
                Some((lo, hi)) => {
                    out.kinds.push(Kind::OtherDay);
                    let evening = if calendar == "HEBREW" {
                        " (a Hebrew day begins at the sunset before)"
                    } else {
                        ""
                    };
                    out.notes.push(format!(
                        "{name} date {shown} converted to Gregorian{evening}"
                    ));
                    days(lo, hi, has_month, has_day)
                }
                None => {
                    // French republican years after XIV, which start in the autumn: months
                    // 1–3 fall in the first Gregorian year, month 4 straddles the new
                    // year, the rest fall in the second.
                    if y > 8_000 {
                        return Err(bad("annals places French republican years up to 8000"));
                    }
                    let first = y + 1791;
                    let (lo, hi) = match month {
                        Some(1..=3) => (first, first),
                        Some(4) | None => (first, first + 1),
                        Some(_) => (first + 1, first + 1),
                    };
                    out.kinds.push(Kind::OtherCalendar);
                    out.notes.push(format!(
                        "{name} date {shown}, kept as the Gregorian years it falls in"
                    ));
                    Point {
                        lo: year(lo),
                        hi: year(hi),
                        span: None,
                    }
                }
            }
        }
        _ => as_written(y, month, day),
    }))
}

/// A Hebrew date, or a French republican one of years I–XIV, as the Gregorian days it can
/// be (first and last); `Ok(None)` when the conversion is not certain; `Err` for a day the
/// calendar does not have.
fn exact(
    calendar: &str,
    y: i64,
    month: Option<usize>,
    day: Option<u32>,
) -> Result<Option<(calendars::Ymd, calendars::Ymd)>, String> {
    let month = month.and_then(|m| u32::try_from(m).ok());
    match calendar {
        "HEBREW" => calendars::hebrew(y, month, day).map(Some),
        _ => {
            let got = calendars::french(y, month, day);
            if got.is_none() && (1..=14).contains(&y) {
                return Err(format!("year {y} of the French republic has no such day"));
            }
            Ok(got)
        }
    }
}

/// A GEDCOM 7 `TIME` (`h:mm[:ss[.fff]][Z]`) as EDTF's time of day.
fn time_of_day(t: &str) -> Option<String> {
    let t = t.trim();
    let (t, z) = t.strip_suffix('Z').map_or((t, ""), |r| (r, "Z"));
    let mut parts = t.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m = parts.next()?;
    let s = parts.next();
    if parts.next().is_some() || m.len() != 2 || h > 23 {
        return None;
    }
    let m: u32 = m.parse().ok()?;
    Some(match s {
        Some(s) => {
            let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
            let sec: u32 = whole.parse().ok().filter(|_| whole.len() == 2)?;
            let frac = if frac.is_empty() {
                String::new()
            } else {
                format!(".{frac}")
            };
            format!("{h:02}:{m:02}:{sec:02}{frac}{z}")
        }
        None => format!("{h:02}:{m:02}{z}"),
    })
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;
