//! How dates read to people: `spring 2001`, `25 Dec 156X`, `one of 1667, 1668, 1670–1672`,
//! `c. Jun 2004`, `12 Apr 1985 23:20 UTC−4`, `170 million years BCE`. Short forms for
//! columns, long forms (qualifiers spelled out) for the detail pane and exports.

use super::Shape;
use super::bounds::year_range;
use super::{Bound, Date, Edtf, Member, Offset, Part, Qualifier, Time, YearForm};

pub(super) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub(super) const MONTHS_LONG: [&str; 12] = [
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

/// Thousands separated: `170,000,002`.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A year as people read it: `1985`, `44 BCE`, `170,000,002`.
pub fn year_text(y: i64) -> String {
    if y <= 0 {
        let bce = 1 - i128::from(y);
        let bce = u64::try_from(bce).unwrap_or(u64::MAX);
        if bce >= 10_000 {
            format!("{} BCE", grouped(bce))
        } else {
            format!("{bce} BCE")
        }
    } else if y >= 10_000 {
        grouped(y.unsigned_abs())
    } else {
        y.to_string()
    }
}

fn round_words(n: u64) -> Option<String> {
    for (unit, word) in [(1_000_000_000u64, "billion"), (1_000_000, "million")] {
        if n >= unit && n.is_multiple_of(unit / 10) {
            let whole = n / unit;
            let tenth = n % unit / (unit / 10);
            return Some(if tenth == 0 {
                format!("{whole} {word}")
            } else {
                format!("{whole}.{tenth} {word}")
            });
        }
    }
    None
}

fn month_name(m: u32, long: bool) -> &'static str {
    let i = usize::try_from(m.clamp(1, 12) - 1).unwrap_or(0);
    if long { MONTHS_LONG[i] } else { MONTHS[i] }
}

/// The year part of a date.
pub(super) fn year_part(d: &Date) -> String {
    let y = d.year;
    if y.significant.is_some() {
        let (lo, hi) = year_range(&y);
        return format!("{}–{}", year_text(lo), year_text(hi));
    }
    match y.form {
        YearForm::Exponent(_) => {
            let n = y.value.unsigned_abs();
            match (round_words(n), y.value < 0) {
                (Some(w), true) => format!("{w} years BCE"),
                (Some(w), false) => format!("year {w}"),
                (None, _) => year_text(y.value),
            }
        }
        YearForm::Prefixed => year_text(y.value),
        YearForm::Plain if y.unspecified == 0 => year_text(y.value),
        YearForm::Plain if y.negative() => {
            let (lo, hi) = year_range(&y);
            format!("{}–{}", year_text(lo), year_text(hi))
        }
        YearForm::Plain if y.unspecified == 1 && d.month.is_none() && y.value >= 10 => {
            format!("{}s", y.value)
        }
        YearForm::Plain => {
            let mut s = String::new();
            let digits = format!("{:04}", y.value);
            for (i, ch) in digits.chars().enumerate() {
                s.push(if y.unspecified & (1 << (3 - i)) != 0 {
                    'X'
                } else {
                    ch
                });
            }
            s
        }
    }
}

fn season(v: u8, year: &str, long: bool) -> String {
    let (name, south) = match v {
        21 | 25 => ("spring", false),
        22 | 26 => ("summer", false),
        23 | 27 => ("autumn", false),
        24 | 28 => ("winter", false),
        29 => ("spring", true),
        30 => ("summer", true),
        31 => ("autumn", true),
        32 => ("winter", true),
        33..=36 => return format!("Q{} {year}", v - 32),
        37..=39 => {
            let (a, b) = [(1, 4), (5, 8), (9, 12)][usize::from(v - 37)];
            return format!("{}–{} {year}", month_name(a, long), month_name(b, long));
        }
        40 => return format!("{} {year}", if long { "first half of" } else { "H1" }),
        _ => return format!("{} {year}", if long { "second half of" } else { "H2" }),
    };
    let south = if south { " (southern)" } else { "" };
    format!("{name} {year}{south}")
}

/// Winter runs into the next year: `2001–02`.
fn winter_years(d: &Date, year: String) -> String {
    let y = d.year;
    if y.unspecified != 0 || y.significant.is_some() {
        return year;
    }
    let next = y.value + 1;
    if (1..9999).contains(&y.value) && next / 100 == y.value / 100 {
        return format!("{year}–{:02}", next % 100);
    }
    format!("{year}–{}", year_text(next))
}

/// The calendar part of a date, unqualified: `25 Dec 156X`, `spring 2001`, `Oct–Dec 1984`.
fn calendar(d: &Date, long: bool) -> String {
    let year = year_part(d);
    let Some(m) = d.month else {
        return year;
    };
    if m.unspecified == 0 && m.value > 12 {
        let year = if matches!(m.value, 24 | 28 | 30) {
            winter_years(d, year)
        } else {
            year
        };
        return season(m.value, &year, long);
    }
    let plain_day = d
        .day
        .is_none_or(|p| p.unspecified == 0 || p.unspecified == 3);
    if m.unspecified == 0 && plain_day {
        let month = month_name(u32::from(m.value), long);
        return match d.day {
            Some(p) if p.unspecified == 0 => format!("{} {month} {year}", p.value),
            _ => format!("{month} {year}"),
        };
    }
    if m.unspecified == 3 && d.day.is_none_or(|p| p.unspecified == 3) {
        return year;
    }
    // X digits in the month or the day: say which months and days exist, never one that
    // does not (`1985-04-3X` is 30 April; `1985-X2-29` is 29 December).
    let months: Vec<u32> = (1..=12u8)
        .filter(|&n| super::parse::matching(m.value, m.unspecified, n, n).is_some())
        .map(u32::from)
        .collect();
    let Some(p) = d.day.filter(|p| p.unspecified != 3) else {
        return format!("{} {year}", months_text(&months, long));
    };
    let longest = |mo: u32| {
        if d.year.unspecified == 0 {
            super::civil::month_len(d.year.value, mo)
        } else {
            super::civil::month_len(2000, mo)
        }
    };
    let combos: Vec<(u32, u32)> = months
        .iter()
        .flat_map(|&mo| {
            (1..=longest(mo))
                .filter(|&dd| {
                    let b = u8::try_from(dd).unwrap_or(0);
                    super::parse::matching(p.value, p.unspecified, b, b).is_some()
                })
                .map(move |dd| (mo, dd))
        })
        .collect();
    if combos.len() <= 3 {
        let items: Vec<String> = combos
            .iter()
            .map(|&(mo, dd)| format!("{dd} {}", month_name(mo, long)))
            .collect();
        return format!("{} {year}", or_list(&items));
    }
    // Too many to list: the pattern as written, which says exactly what is known.
    let mut text = String::new();
    super::write::date_core(&mut text, d);
    text
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Months as a range when they run on (`Oct–Dec`), else listed (`Jan or Nov`).
fn months_text(months: &[u32], long: bool) -> String {
    let runs_on = months.windows(2).all(|w| w[1] == w[0] + 1);
    match (months.first(), months.last()) {
        (Some(&a), Some(&b)) if a == b => month_name(a, long).to_string(),
        (Some(&a), Some(&b)) if runs_on => {
            format!("{}–{}", month_name(a, long), month_name(b, long))
        }
        _ => {
            let names: Vec<String> = months
                .iter()
                .map(|&mo| month_name(mo, long).to_string())
                .collect();
            or_list(&names)
        }
    }
}

pub(super) fn offset_text(o: Offset) -> String {
    match o {
        Offset::Local => String::new(),
        Offset::Utc => " UTC".into(),
        o => {
            let m = o.minutes();
            let sign = if m < 0 { '−' } else { '+' };
            let a = m.unsigned_abs();
            if a % 60 == 0 {
                format!(" UTC{sign}{}", a / 60)
            } else {
                format!(" UTC{sign}{}:{:02}", a / 60, a % 60)
            }
        }
    }
}

fn time_text(t: &Time, long: bool) -> String {
    let mut s = format!("{:02}:{:02}", t.secs / 3600, t.secs / 60 % 60);
    if t.seconds && (long || !t.secs.is_multiple_of(60) || t.fraction_digits > 0) {
        s.push_str(&format!(":{:02}", t.secs % 60));
        if long && t.fraction_digits > 0 {
            let n = usize::from(t.fraction_digits);
            let v = t.nanos / 10u32.pow(9 - u32::from(t.fraction_digits));
            s.push_str(&format!(".{v:0n$}"));
        }
    }
    s.push_str(&offset_text(t.offset));
    s
}

/// A date moved to UTC (only when it has a time with an offset).
pub(super) fn in_utc(d: &Date) -> Date {
    let Some(t) = d.time else { return *d };
    if t.offset == Offset::Local {
        return *d;
    }
    let (start, _) = super::bounds::date_bounds(d);
    let c = start.instant().civil(0);
    let mut out = *d;
    out.year.value = c.year;
    out.year.form = if (-9999..=9999).contains(&c.year) {
        YearForm::Plain
    } else {
        YearForm::Prefixed
    };
    out.month = Some(Part {
        value: u8::try_from(c.month).unwrap_or(1),
        unspecified: 0,
    });
    out.day = Some(Part {
        value: u8::try_from(c.day).unwrap_or(1),
        unspecified: 0,
    });
    out.time = Some(Time {
        secs: c.secs,
        offset: Offset::Utc,
        ..t
    });
    out
}

fn parts(d: &Date) -> usize {
    1 + usize::from(d.month.is_some()) + usize::from(d.day.is_some())
}

/// Every qualifier in force on a date's components, together.
fn overall(d: &Date) -> Qualifier {
    (0..parts(d)).fold(Qualifier::Certain, |q, i| q.union(d.qualifier_of(i)))
}

/// One date, short: `c. 11 Jun 2004?`, `12 Apr 1985 23:20 UTC−4`.
pub(super) fn date_short(d: &Date, utc: bool) -> String {
    let d = if utc { in_utc(d) } else { *d };
    let mut s = calendar(&d, false);
    if let Some(t) = &d.time {
        s.push(' ');
        s.push_str(&time_text(t, false));
    }
    let q = overall(&d);
    if q.approximate() {
        s.insert_str(0, "c. ");
    }
    if q.uncertain() {
        s.push('?');
    }
    s
}

/// One date, long: `11 June 2004 (year uncertain, day approximate)`.
pub(super) fn date_long(d: &Date, utc: bool) -> String {
    let d = if utc { in_utc(d) } else { *d };
    let mut s = calendar(&d, true);
    if let Some(t) = &d.time {
        s.push_str(", ");
        s.push_str(&time_text(t, true));
    }
    let mut notes = Vec::new();
    let y = d.year;
    if let Some(n) = y.significant {
        notes.push(format!(
            "{} given to {n} significant digit{}",
            year_text(y.value),
            if n == 1 { "" } else { "s" }
        ));
    } else if matches!(y.form, YearForm::Exponent(_)) {
        notes.push(format!("year {}", year_text(y.value)));
    }
    if y.unspecified > 1 || (y.unspecified == 1 && d.month.is_some()) {
        let (lo, hi) = year_range(&y);
        notes.push(format!(
            "a year from {} to {}",
            year_text(lo),
            year_text(hi)
        ));
    }
    if d.month.is_some_and(|m| m.unspecified == 3) {
        notes.push("month unspecified".into());
    }
    if d.day.is_some_and(|p| p.unspecified == 3) {
        notes.push("day unspecified".into());
    }
    let names = ["year", "month", "day"];
    let n = parts(&d);
    let qs: Vec<Qualifier> = (0..n).map(|i| d.qualifier_of(i)).collect();
    if qs.iter().all(|q| *q == qs[0]) {
        if let Some(w) = qs[0].words() {
            notes.push(w.to_string());
        }
    } else {
        // Components with the same qualifier together: "year and month approximate".
        for q in [
            Qualifier::Uncertain,
            Qualifier::Approximate,
            Qualifier::Both,
        ] {
            let which: Vec<&str> = (0..n).filter(|&i| qs[i] == q).map(|i| names[i]).collect();
            if let (Some(w), false) = (q.words(), which.is_empty()) {
                notes.push(format!("{} {w}", which.join(" and ")));
            }
        }
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join("; ")));
    }
    s
}

fn plain(d: &Date) -> bool {
    overall(d) == Qualifier::Certain
        && d.time.is_none()
        && d.year.unspecified == 0
        && d.year.form == YearForm::Plain
        && d.year.significant.is_none()
        && d.month.is_none_or(|m| m.unspecified == 0 && m.value <= 12)
        && d.day.is_none_or(|p| p.unspecified == 0)
}

/// Two dates as a span, sharing what they share: `21–27 Dec 1968`, `Mar–May 2004`.
fn span_short(a: &Date, b: &Date, utc: bool) -> String {
    // Two times on one day in one offset: `9 Jul 1999 16:00–18:30 UTC+2`.
    let (a2, b2) = if utc {
        (in_utc(a), in_utc(b))
    } else {
        (*a, *b)
    };
    if let (Some(t1), Some(t2)) = (a2.time, b2.time)
        && t1.offset == t2.offset
        && (Date { time: None, ..a2 }) == (Date { time: None, ..b2 })
        && overall(&a2) == Qualifier::Certain
    {
        let clock = |t: &Time| {
            time_text(
                &Time {
                    offset: Offset::Local,
                    ..*t
                },
                false,
            )
        };
        return format!(
            "{} {}–{}{}",
            calendar(&a2, false),
            clock(&t1),
            clock(&t2),
            offset_text(t1.offset)
        );
    }
    if plain(a) && plain(b) && a.year.value == b.year.value {
        let y = year_text(a.year.value);
        match (a.month, a.day, b.month, b.day) {
            (Some(m1), None, Some(m2), None) => {
                return format!(
                    "{}–{} {y}",
                    month_name(u32::from(m1.value), false),
                    month_name(u32::from(m2.value), false)
                );
            }
            (Some(m1), Some(d1), Some(m2), Some(d2)) if m1 == m2 => {
                return format!(
                    "{}–{} {} {y}",
                    d1.value,
                    d2.value,
                    month_name(u32::from(m1.value), false)
                );
            }
            (Some(m1), Some(d1), Some(m2), Some(d2)) => {
                return format!(
                    "{} {}–{} {} {y}",
                    d1.value,
                    month_name(u32::from(m1.value), false),
                    d2.value,
                    month_name(u32::from(m2.value), false)
                );
            }
            _ => {}
        }
    }
    format!("{}–{}", date_short(a, utc), date_short(b, utc))
}

fn member(m: &Member, all: bool, long: bool, utc: bool) -> String {
    // "one of … 1760 or later"; "all of … 1984 and earlier".
    let or = if all { "and" } else { "or" };
    let one = |d: &Date| {
        if long {
            date_long(d, utc)
        } else {
            date_short(d, utc)
        }
    };
    match m {
        Member::One(d) => one(d),
        Member::Range(Some(a), Some(b)) if !long => span_short(a, b, utc),
        Member::Range(Some(a), Some(b)) => format!("{} to {}", one(a), one(b)),
        Member::Range(None, Some(b)) => format!("{} {} earlier", one(b), or),
        Member::Range(Some(a), None) => format!("{} {} later", one(a), or),
        Member::Range(None, None) => "any date".into(),
    }
}

/// Short reading of any date.
pub(super) fn short(e: &Edtf, utc: bool) -> String {
    match e.shape() {
        Shape::Point(d) => date_short(d, utc),
        Shape::Interval { start, end } => match (start, end) {
            (Bound::Point(a), Bound::Point(b)) => span_short(a, b, utc),
            (Bound::Point(a), Bound::Open) => format!("{}–", date_short(a, utc)),
            (Bound::Point(a), Bound::Unknown) => format!("{}–?", date_short(a, utc)),
            (Bound::Open, Bound::Point(b)) => format!("–{}", date_short(b, utc)),
            (Bound::Unknown, Bound::Point(b)) => format!("?–{}", date_short(b, utc)),
            _ => "?".into(),
        },
        Shape::Set(set) => set_text(set, false, utc),
    }
}

fn set_text(set: &super::Set, long: bool, utc: bool) -> String {
    let items: Vec<String> = set
        .members
        .iter()
        .map(|m| member(m, set.all, long, utc))
        .collect();
    if items.len() == 1 {
        return if set.all
            || matches!(
                set.members[0],
                Member::Range(None, _) | Member::Range(_, None)
            ) {
            items[0].clone()
        } else {
            format!("one of {}", items[0])
        };
    }
    if set.all {
        let (last, rest) = items.split_last().expect("two or more");
        format!("all of {} and {last}", rest.join(", "))
    } else {
        format!("one of {}", items.join(", "))
    }
}

/// Long reading of any date.
pub(super) fn long(e: &Edtf, utc: bool) -> String {
    match e.shape() {
        Shape::Point(d) => date_long(d, utc),
        Shape::Interval { start, end } => {
            let s = match start {
                Bound::Point(p) => format!("from {}", date_long(p, utc)),
                Bound::Open => "from an open start".to_string(),
                Bound::Unknown => "from an unknown start".to_string(),
            };
            let e = match end {
                Bound::Point(p) => format!("to {}", date_long(p, utc)),
                Bound::Open => "onwards (open end)".to_string(),
                Bound::Unknown => "to an unknown end".to_string(),
            };
            format!("{s} {e}")
        }
        Shape::Set(set) => set_text(set, true, utc),
    }
}
