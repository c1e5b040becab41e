//! Reading EDTF text into an [`Edtf`], with the column of anything wrong and a hint.

use super::civil::{MAX_YEAR, month_len};
use super::{
    Bound, Date, DateError, Edtf, Marks, Member, Offset, Part, Qualifier, Set, Time, Year, YearForm,
};

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

type Res<T> = Result<T, DateError>;

fn err<T>(at: usize, message: impl Into<String>) -> Res<T> {
    Err(DateError {
        column: at + 1,
        message: message.into(),
    })
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat2(&mut self, a: u8, b: u8) -> bool {
        if self.s.get(self.at..self.at + 2) == Some(&[a, b]) {
            self.at += 2;
            true
        } else {
            false
        }
    }

    fn unexpected<T>(&self, wanted: &str) -> Res<T> {
        match self.peek() {
            None => err(
                self.at,
                format!("the date ends where {wanted} was expected"),
            ),
            Some(c) => err(
                self.at,
                format!("`{}` where {wanted} was expected", char::from(c)),
            ),
        }
    }

    fn qualifier(&mut self) -> Qualifier {
        let q = match self.peek() {
            Some(b'?') => Qualifier::Uncertain,
            Some(b'~') => Qualifier::Approximate,
            Some(b'%') => Qualifier::Both,
            _ => return Qualifier::Certain,
        };
        self.at += 1;
        q
    }

    /// A run of ASCII digits (at least one), with its value.
    fn digits(&mut self, what: &str) -> Res<(u64, usize)> {
        let start = self.at;
        let mut v: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            v = v.saturating_mul(10).saturating_add(u64::from(c - b'0'));
            self.at += 1;
        }
        if self.at == start {
            return self.unexpected(what);
        }
        Ok((v, self.at - start))
    }

    /// `n` characters of digits or `X`: the value (X as 0) and the X mask.
    fn masked(&mut self, n: usize, what: &str) -> Res<(u32, u8)> {
        let (mut v, mut mask) = (0u32, 0u8);
        for i in 0..n {
            match self.peek() {
                Some(c @ b'0'..=b'9') => v = v * 10 + u32::from(c - b'0'),
                Some(b'X') => {
                    v *= 10;
                    mask |= 1 << (n - 1 - i);
                }
                Some(b'x') => {
                    return err(
                        self.at,
                        format!("{what}: unspecified digits are a capital `X`"),
                    );
                }
                _ => return self.unexpected(&format!("{what} ({n} digits)")),
            }
            self.at += 1;
        }
        if matches!(self.peek(), Some(b'0'..=b'9' | b'X')) {
            return err(self.at, format!("{what} has more than {n} digits"));
        }
        Ok((v, mask))
    }
}

/// Parse a whole EDTF string.
pub(super) fn parse(s: &str) -> Res<Edtf> {
    if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii()) {
        let col = s[..i].chars().count();
        let hint = match c {
            '–' | '—' | '−' => " (write the ASCII hyphen `-`; a range is `A/B`)",
            _ => "",
        };
        return err(col, format!("`{c}` cannot be part of a date{hint}"));
    }
    if s.is_empty() {
        return err(0, "empty date (write at least a year, e.g. 1985)");
    }
    if s.trim() != s {
        let at = s.find(|c: char| c.is_whitespace()).unwrap_or(0);
        return err(at, "a date cannot contain spaces");
    }
    let mut c = Cursor {
        s: s.as_bytes(),
        at: 0,
    };
    let e = match c.peek() {
        Some(b'[') | Some(b'{') => set(&mut c)?,
        _ if s.contains('/') => interval(&mut c)?,
        _ => Edtf::Point(date(&mut c)?),
    };
    if c.at < s.len() {
        return c.unexpected("the end of the date");
    }
    Ok(e)
}

fn set(c: &mut Cursor) -> Res<Edtf> {
    let all = c.peek() == Some(b'{');
    let close = if all { b'}' } else { b']' };
    c.at += 1;
    let mut members = Vec::new();
    loop {
        let m = if c.eat2(b'.', b'.') {
            Member::Range(None, Some(date(c)?))
        } else {
            if c.peek() == Some(close) && members.is_empty() {
                return err(c.at, "an empty set (write at least one date inside)");
            }
            let at = c.at;
            let d = date(c)?;
            if c.eat2(b'.', b'.') {
                if matches!(c.peek(), Some(b',') | Some(b']') | Some(b'}')) {
                    Member::Range(Some(d), None)
                } else {
                    let e_at = c.at;
                    let e = date(c)?;
                    check_order(&Edtf::Point(d), &Edtf::Point(e), at, e_at)?;
                    Member::Range(Some(d), Some(e))
                }
            } else {
                Member::One(d)
            }
        };
        members.push(m);
        if c.eat(close) {
            break;
        }
        if c.peek() == Some(b' ') {
            return err(c.at, "no spaces inside a set (write `[1667,1668]`)");
        }
        if !c.eat(b',') {
            return c.unexpected(&format!("`,` or `{}`", char::from(close)));
        }
    }
    Ok(Edtf::Set(Box::new(Set { all, members })))
}

fn check_order(a: &Edtf, b: &Edtf, _a_at: usize, b_at: usize) -> Res<()> {
    if let (Some(start), Some(end)) = (a.earliest(), b.latest())
        && end < start
    {
        return err(
            b_at,
            format!(
                "the end ({}) is before the start ({})",
                b.short(),
                a.short()
            ),
        );
    }
    Ok(())
}

fn interval(c: &mut Cursor) -> Res<Edtf> {
    let start_at = c.at;
    let start = bound(c)?;
    if !c.eat(b'/') {
        return c.unexpected("`/`");
    }
    let end_at = c.at;
    let end = bound(c)?;
    if c.peek() == Some(b'/') {
        return err(c.at, "an interval has one `/`");
    }
    if start.date().is_none() && end.date().is_none() {
        return err(
            start_at,
            "an interval needs at least one known end (`1985/..`, `../1985`, `1985/`)",
        );
    }
    if let (Some(a), Some(b)) = (start.date(), end.date()) {
        check_order(&Edtf::Point(*a), &Edtf::Point(*b), start_at, end_at)?;
    }
    Ok(Edtf::interval(start, end))
}

fn bound(c: &mut Cursor) -> Res<Bound> {
    if c.eat2(b'.', b'.') {
        return Ok(Bound::Open);
    }
    if matches!(c.peek(), None | Some(b'/')) {
        return Ok(Bound::Unknown);
    }
    date(c).map(Bound::Point)
}

/// One date: qualified year, month or season, day, time.
fn date(c: &mut Cursor) -> Res<Date> {
    let mut marks = Marks::default();
    if c.peek() == Some(b'T') {
        return err(
            c.at,
            "a time needs a date before it (`1985-04-12T23:20:30`)",
        );
    }
    marks.before[0] = c.qualifier();
    let year_at = c.at;
    let year = year(c)?;
    marks.after[0] = c.qualifier();
    let mut d = Date {
        year,
        month: None,
        day: None,
        marks,
        time: None,
    };
    if c.peek() == Some(b'-') {
        if year.form != YearForm::Plain {
            return err(c.at, "a `Y` year stands alone (no month or day after it)");
        }
        if year.significant.is_some() {
            return err(c.at, "a year with significant digits (`S`) stands alone");
        }
        c.at += 1;
        d.marks.before[1] = c.qualifier();
        let m_at = c.at;
        let (v, x) = c.masked(2, "the month")?;
        let value = u8::try_from(v).unwrap_or(u8::MAX);
        d.month = Some(Part {
            value,
            unspecified: x,
        });
        d.marks.after[1] = c.qualifier();
        let season = x == 0 && (21..=41).contains(&value);
        if !season && matching(value, x, 1, 12).is_none() {
            let msg = if x == 0 && value > 12 {
                format!("there is no month {value} (months are 01–12, seasons 21–41)")
            } else {
                format!("no month matches `{}`", mask_text(value, x))
            };
            return err(m_at, msg);
        }
        if c.peek() == Some(b'-') {
            if season {
                return err(c.at, "a season has no day");
            }
            c.at += 1;
            d.marks.before[2] = c.qualifier();
            let d_at = c.at;
            let (v, x) = c.masked(2, "the day")?;
            d.day = Some(Part {
                value: u8::try_from(v).unwrap_or(u8::MAX),
                unspecified: x,
            });
            d.marks.after[2] = c.qualifier();
            if !day_exists(&d) {
                return err(d_at, no_day(&d));
            }
        }
    }
    if c.peek() == Some(b'T') {
        let t_at = c.at;
        if d.day.is_none() {
            return err(
                t_at,
                "a time of day needs a full date (`YYYY-MM-DDThh:mm:ss`)",
            );
        }
        if d.marks != Marks::default() {
            return err(
                t_at,
                "EDTF has no qualifier for a date with a time (drop the `?`, `~` or `%`, or the time)",
            );
        }
        if year.unspecified != 0
            || d.month.is_some_and(|m| m.unspecified != 0)
            || d.day.is_some_and(|m| m.unspecified != 0)
        {
            return err(t_at, "a time of day needs a date without `X` digits");
        }
        c.at += 1;
        d.time = Some(time(c)?);
    }
    if year.value == 0 && c.s[year_at] == b'-' {
        let msg = if year.unspecified == 0 {
            "`-0000` is not a year (year zero is written `0000`)"
        } else {
            "annals cannot keep the sign of a negative year written with only 0 and X digits \
             (`-0XXX`): write the years it allows as an interval (`-0999/-0001`)"
        };
        return err(year_at, msg);
    }
    Ok(d)
}

fn year(c: &mut Cursor) -> Res<Year> {
    let at = c.at;
    if c.eat(b'Y') {
        let neg = c.eat(b'-');
        let d_at = c.at;
        let (mantissa, n) = c.digits("the digits of a `Y` year")?;
        if c.s[d_at] == b'0' {
            return err(d_at, "a `Y` year does not start with 0");
        }
        let mut form = YearForm::Prefixed;
        let mut value = i128::from(mantissa);
        if c.eat(b'E') {
            let e_at = c.at;
            let (e, _) = c.digits("an exponent")?;
            if c.s[e_at] == b'0' {
                return err(e_at, "write the exponent without a leading 0 (`E7`)");
            }
            let e = u8::try_from(e).unwrap_or(u8::MAX);
            if e == 0 || e > 11 {
                return err(e_at, "the exponent must be 1–11");
            }
            value = value.saturating_mul(10i128.pow(u32::from(e)));
            form = YearForm::Exponent(e);
        } else if n <= 4 {
            return err(
                at,
                "`Y` is for years of more than four digits (write `1985`, or `Y17000`)",
            );
        }
        if value > i128::from(MAX_YEAR) || n > 11 {
            return err(d_at, format!("annals reads years up to ±{MAX_YEAR}"));
        }
        let value = i64::try_from(value).unwrap_or(MAX_YEAR);
        let value = if neg { -value } else { value };
        let significant = significant(c, value)?;
        return Ok(Year {
            value,
            form,
            unspecified: 0,
            significant,
        });
    }
    let neg = c.eat(b'-');
    if c.peek() == Some(b'+') {
        return err(c.at, "a year has no `+` sign");
    }
    let d_at = c.at;
    let (v, x) = c.masked(4, "the year")?;
    let value = i64::from(v);
    let value = if neg { -value } else { value };
    let significant = significant(c, value)?;
    if significant.is_some() && x != 0 {
        return err(d_at, "a year with `X` digits has no `S`");
    }
    Ok(Year {
        value,
        form: YearForm::Plain,
        unspecified: x,
        significant,
    })
}

fn significant(c: &mut Cursor, value: i64) -> Res<Option<u8>> {
    if !c.eat(b'S') {
        return Ok(None);
    }
    let at = c.at;
    let (s, _) = c.digits("the number of significant digits")?;
    if c.s[at] == b'0' {
        return err(
            at,
            "write the significant digits without a leading 0 (`S2`)",
        );
    }
    let n = value.unsigned_abs().to_string().len();
    if s == 0 || s > n as u64 {
        return err(at, format!("{value} has {n} digits: `S` must be 1–{n}"));
    }
    Ok(Some(u8::try_from(s).unwrap_or(1)))
}

fn time(c: &mut Cursor) -> Res<Time> {
    let h_at = c.at;
    let (h, hx) = c.masked(2, "the hour")?;
    if hx != 0 {
        return err(h_at, "a time of day has no `X` digits");
    }
    if h > 23 {
        return err(h_at, format!("there is no hour {h} (00–23)"));
    }
    if !c.eat(b':') {
        return c.unexpected("`:` (write `hh:mm:ss`)");
    }
    let m_at = c.at;
    let (m, mx) = c.masked(2, "the minutes")?;
    if mx != 0 {
        return err(m_at, "a time of day has no `X` digits");
    }
    if m > 59 {
        return err(m_at, format!("there is no minute {m}"));
    }
    let mut t = Time {
        secs: h * 3600 + m * 60,
        nanos: 0,
        fraction_digits: 0,
        seconds: false,
        offset: Offset::Local,
    };
    if c.eat(b':') {
        let s_at = c.at;
        let (s, sx) = c.masked(2, "the seconds")?;
        if sx != 0 {
            return err(s_at, "a time of day has no `X` digits");
        }
        if s > 59 {
            return err(s_at, format!("there is no second {s} (00–59)"));
        }
        t.secs += s;
        t.seconds = true;
        // A fraction only when a digit follows: `..` after a time is a set's range.
        let fraction = c.peek() == Some(b'.') && c.s.get(c.at + 1).is_some_and(u8::is_ascii_digit);
        if fraction {
            c.at += 1;
            let f_at = c.at;
            let (v, n) = c.digits("the fraction of a second")?;
            if n > 9 {
                return err(f_at, "at most nine digits of a second");
            }
            let scale = 10u64.pow(u32::try_from(9 - n).unwrap_or(0));
            t.nanos = u32::try_from(v * scale).unwrap_or(0);
            t.fraction_digits = u8::try_from(n).unwrap_or(9);
        }
    }
    t.offset = offset(c)?;
    Ok(t)
}

fn offset(c: &mut Cursor) -> Res<Offset> {
    let at = c.at;
    if c.eat(b'Z') {
        if matches!(c.peek(), Some(b'0'..=b'9' | b'+' | b'-')) {
            return err(c.at, "nothing follows `Z` (write `Z`, `+hh` or `+hh:mm`)");
        }
        return Ok(Offset::Utc);
    }
    let sign: i16 = match c.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Ok(Offset::Local),
    };
    c.at += 1;
    let h_at = c.at;
    let (h, hx) = c.masked(2, "the offset's hours")?;
    if hx != 0 {
        return err(h_at, "an offset has no `X` digits");
    }
    if h > 23 {
        return err(
            at,
            format!("an offset of {h} hours does not exist (at most 23)"),
        );
    }
    let h = i16::try_from(h).unwrap_or(0);
    let off = if c.eat(b':') {
        let m_at = c.at;
        let (m, mx) = c.masked(2, "the offset's minutes")?;
        if mx != 0 {
            return err(m_at, "an offset has no `X` digits");
        }
        if m > 59 {
            return err(at, format!("an offset has no minute {m}"));
        }
        let m = i16::try_from(m).unwrap_or(0);
        Offset::Minutes(sign * (h * 60 + m))
    } else {
        Offset::Hours(i8::try_from(sign * h).unwrap_or(0))
    };
    if off.minutes() == 0 && sign < 0 {
        return err(at, "write a zero offset as `Z` or `+00:00`, not `-00`");
    }
    Ok(off)
}

/// The smallest and largest value in `lo..=hi` whose digits match `v` outside mask `x`.
pub(super) fn matching(v: u8, x: u8, lo: u8, hi: u8) -> Option<(u8, u8)> {
    let ok = |n: u8| {
        let (t, u) = (n / 10, n % 10);
        (x & 2 != 0 || t == v / 10) && (x & 1 != 0 || u == v % 10)
    };
    let first = (lo..=hi).find(|&n| ok(n))?;
    let last = (lo..=hi).rev().find(|&n| ok(n))?;
    Some((first, last))
}

fn mask_text(v: u8, x: u8) -> String {
    let t = if x & 2 != 0 {
        'X'
    } else {
        char::from(b'0' + v / 10)
    };
    let u = if x & 1 != 0 {
        'X'
    } else {
        char::from(b'0' + v % 10)
    };
    format!("{t}{u}")
}

/// Does some day match what is written (leap years and month lengths counted)?
fn day_exists(d: &Date) -> bool {
    super::bounds::day_range(d).is_some()
}

fn no_day(d: &Date) -> String {
    let day = d.day.map_or(0, |p| p.value);
    match (d.year.unspecified, d.month) {
        (0, Some(m)) if m.unspecified == 0 && d.day.is_some_and(|p| p.unspecified == 0) => {
            let month = super::show::MONTHS_LONG[usize::from(m.value.clamp(1, 12)) - 1];
            let leap = if m.value == 2 && day == 29 {
                format!(
                    " ({} is not a leap year)",
                    super::civil::iso_year(d.year.value)
                )
            } else {
                String::new()
            };
            let len = month_len(d.year.value, u32::from(m.value));
            format!("{month} has no day {day}: it has {len} days{leap}")
        }
        _ => format!(
            "no date matches: day `{}` exists in none of the months and years written",
            mask_text(day, d.day.map_or(0, |p| p.unspecified))
        ),
    }
}
