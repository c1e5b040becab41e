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

/// One end of a date: the earliest and latest EDTF dates it can be (equal when exact).
struct Point {
    lo: String,
    hi: String,
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
                    single(&p)
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
                a.zip(b).map(|(a, b)| format!("{}/{}", a.lo, b.hi))
            }
            None => {
                out.kinds.push(Kind::From);
                one(rest, &mut out)?.map(|p| format!("{}/..", p.lo))
            }
        },
        "TO" => {
            out.kinds.push(Kind::To);
            one(rest, &mut out)?.map(|p| format!("../{}", p.hi))
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

/// One day, or one day between `lo` and `hi`.
fn days(lo: calendars::Ymd, hi: calendars::Ymd) -> Point {
    Point {
        lo: day_text(lo),
        hi: day_text(hi),
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
    Point {
        lo: s.clone(),
        hi: s,
    }
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
        out.notes
            .push(format!("dual year {shown}: the later year {y} kept"));
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
    let converted = match calendar {
        "HEBREW" | "FRENCH_R" => exact(calendar, y, month, day).map_err(|why| bad(&why))?,
        _ => None,
    };
    Ok(Some(match calendar {
        "JULIAN" => {
            let m = month.and_then(|m| u32::try_from(m).ok());
            let (lo, hi) = calendars::julian(y, m, day);
            let what = if day.is_some() {
                out.kinds.push(Kind::JulianDay);
                "converted to Gregorian"
            } else {
                out.kinds.push(Kind::JulianSpan);
                "converted to the Gregorian days it spans"
            };
            out.notes.push(format!("Julian date {shown} {what}"));
            days(lo, hi)
        }
        _ if dual => {
            // GEDCOM writes dual years in its Gregorian syntax, but they come from places
            // still on the Julian calendar (England before 1752): either reading.
            let m = month.and_then(|m| u32::try_from(m).ok());
            let (g, g_end) = calendars::gregorian(y, m, day);
            let (j, j_end) = calendars::julian(y, m, day);
            out.notes.push(format!(
                "dual-dated {shown}: read as written ({}) or as a Julian date ({}), the calendar of the places that wrote dual years",
                day_text(g),
                day_text(j)
            ));
            days(g.min(j), g_end.max(j_end))
        }
        "HEBREW" | "FRENCH_R" if converted.is_some() => {
            let (lo, hi) = converted.unwrap_or_default();
            let name = if calendar == "HEBREW" {
                "Hebrew"
            } else {
                "French republican"
            };
            out.kinds.push(Kind::OtherDay);
            out.notes
                .push(format!("{name} date {shown} converted to Gregorian"));
            days(lo, hi)
        }
        "HEBREW" | "FRENCH_R" => {
            // French republican years after XIV. Both years start in the autumn: months 1–3 fall in the first Gregorian
            // year, month 4 straddles the new year, the rest fall in the second.
            let first = if calendar == "HEBREW" {
                y - 3761
            } else {
                y + 1791
            };
            let (lo, hi) = match month {
                Some(1..=3) => (first, first),
                Some(4) | None => (first, first + 1),
                Some(_) => (first + 1, first + 1),
            };
            out.kinds.push(Kind::OtherCalendar);
            let name = if calendar == "HEBREW" {
                "Hebrew"
            } else {
                "French republican"
            };
            out.notes.push(format!(
                "{name} date {shown}, kept as the Gregorian years it falls in"
            ));
            Point {
                lo: year(lo),
                hi: year(hi),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edtf(s: &str) -> String {
        read(s, None).unwrap().edtf.unwrap_or_default()
    }

    #[test]
    fn every_form() {
        let cases = [
            ("12 MAR 1850", "1850-03-12"),
            ("mar 1850", "1850-03"),
            ("1850", "1850"),
            ("ABT 1850", "1850~"),
            ("EST 3 JAN 1850", "1850-01-03~"),
            ("BEF 1900", "[..1900]"),
            ("AFT MAR 1900", "[1900-03..]"),
            ("BET 1900 AND 1910", "[1900..1910]"),
            ("FROM 1900 TO 1910", "1900/1910"),
            ("FROM 1900", "1900/.."),
            ("TO 1910", "../1910"),
            ("44 BCE", "-0043"),
            ("15 MAR 44 B.C.", "-0043-03-15"),
            ("1 BCE", "0000"),
            ("11 FEB 1699/00", "[1700-02-11..1700-02-21]"),
            ("FEB 1699/00", "[1700-02-01..1700-03-11]"),
            ("INT 1850 (about the year of the flood)", "1850"),
            ("@#DJULIAN@ 4 OCT 1582", "1582-10-14"),
            ("JULIAN 1600", "[1600-01-11..1601-01-10]"),
            ("JULIAN MAR 1643", "[1643-03-11..1643-04-10]"),
            ("HEBREW 5780", "[2019-09-30..2020-09-18]"),
            ("HEBREW TSH 5780", "[2019-09-30..2019-10-29]"),
            ("@#DHEBREW@ 15 NSN 5784", "2024-04-23"),
            ("@#DFRENCH R@ 1 VEND 1", "1792-09-22"),
            ("@#DFRENCH R@ 18 BRUM 8", "1799-11-09"),
            ("@#DFRENCH R@ VEND 79", "1870"),
            ("@#DFRENCH R@ 79", "[1870..1871]"),
            ("(a phrase)", ""),
            ("_UNKNOWN 87", ""),
        ];
        for (g, e) in cases {
            assert_eq!(edtf(g), e, "{g}");
        }
        assert_eq!(
            read("27 MAR 2022", Some("16:02")).unwrap().edtf.as_deref(),
            Some("2022-03-27T16:02")
        );
    }

    #[test]
    fn julian_days_against_known_pairs() {
        // The Gregorian reform: Thursday 4 October 1582 (Julian) was followed by
        // Friday 15 October 1582; Julian 5 October would have been the 15th.
        assert_eq!(julian_to_gregorian(1582, 10, 4), (1582, 10, 14));
        assert_eq!(julian_to_gregorian(1582, 10, 5), (1582, 10, 15));
        // Britain: Wednesday 2 September 1752 (Julian) → Thursday 14 September.
        assert_eq!(julian_to_gregorian(1752, 9, 3), (1752, 9, 14));
        // Newton born 25 December 1642 (Julian) = 4 January 1643 (Gregorian).
        assert_eq!(julian_to_gregorian(1642, 12, 25), (1643, 1, 4));
        // Russia: 25 October 1917 (Julian) = 7 November 1917.
        assert_eq!(julian_to_gregorian(1917, 10, 25), (1917, 11, 7));
        // Both calendars agree in the 3rd century (1 March 200 to 28 February 300).
        assert_eq!(julian_to_gregorian(250, 6, 1), (250, 6, 1));
    }

    #[test]
    fn bad_dates_say_why() {
        for bad in [
            "12 MAY",
            "1850 FOO",
            "31 FEB 1900",
            "BET 1910 AND 1900",
            "0",
            "BET 1900",
            "12 13 1900",
        ] {
            let e = read(bad, None).unwrap_err();
            assert!(e.contains(bad) || e.contains("GEDCOM date"), "{bad}: {e}");
        }
    }
}
