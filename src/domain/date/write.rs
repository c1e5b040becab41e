//! Writing a date back exactly as it was written, and telling which
//! conformance level it needs.

use super::Shape;
use super::{Bound, Date, Edtf, Marks, Member, Offset, Qualifier, YearForm};
use std::fmt::Write;

/// Write a date back exactly as written.
pub(super) fn write(e: &Edtf) -> String {
    let mut s = String::new();
    match e.shape() {
        Shape::Point(d) => date_text(&mut s, d),
        Shape::Interval { start, end } => {
            bound_text(&mut s, start);
            s.push('/');
            bound_text(&mut s, end);
        }
        Shape::Set(set) => {
            s.push(if set.all { '{' } else { '[' });
            for (i, m) in set.members.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                match m {
                    Member::One(d) => date_text(&mut s, d),
                    Member::Range(a, b) => {
                        if let Some(a) = a {
                            date_text(&mut s, a);
                        }
                        s.push_str("..");
                        if let Some(b) = b {
                            date_text(&mut s, b);
                        }
                    }
                }
            }
            s.push(if set.all { '}' } else { ']' });
        }
    }
    s
}

fn bound_text(s: &mut String, b: &Bound) {
    match b {
        Bound::Point(d) => date_text(s, d),
        Bound::Open => s.push_str(".."),
        Bound::Unknown => {}
    }
}

fn digits_text(s: &mut String, v: u64, n: usize, x: u8) {
    let text = format!("{v:0n$}");
    for (i, ch) in text.chars().enumerate() {
        s.push(if x & (1 << (n - 1 - i)) != 0 { 'X' } else { ch });
    }
}

/// The calendar part of a date as written, without qualifiers or time (`1985-XX-X9`).
pub(super) fn date_core(s: &mut String, d: &Date) {
    let bare = Date {
        marks: Marks::default(),
        time: None,
        ..*d
    };
    date_text(s, &bare);
}

fn date_text(s: &mut String, d: &Date) {
    let y = d.year;
    s.push_str(d.marks.before[0].mark());
    match y.form {
        YearForm::Plain => {
            if y.value < 0 {
                s.push('-');
            }
            digits_text(s, y.value.unsigned_abs(), 4, y.unspecified);
        }
        YearForm::Prefixed => {
            let _ = write!(s, "Y{}", y.value);
        }
        YearForm::Exponent(e) => {
            let _ = write!(s, "Y{}E{e}", y.value / 10i64.pow(u32::from(e)));
        }
    }
    if let Some(n) = y.significant {
        let _ = write!(s, "S{n}");
    }
    s.push_str(d.marks.after[0].mark());
    for (i, p) in [d.month, d.day].into_iter().enumerate() {
        if let Some(p) = p {
            s.push('-');
            s.push_str(d.marks.before[i + 1].mark());
            digits_text(s, u64::from(p.value), 2, p.unspecified);
            s.push_str(d.marks.after[i + 1].mark());
        }
    }
    if let Some(t) = d.time {
        let _ = write!(s, "T{:02}:{:02}", t.secs / 3600, t.secs / 60 % 60);
        if t.seconds {
            let _ = write!(s, ":{:02}", t.secs % 60);
        }
        if t.fraction_digits > 0 {
            let n = usize::from(t.fraction_digits);
            let v = t.nanos / 10u32.pow(9 - u32::from(t.fraction_digits));
            let _ = write!(s, ".{v:0n$}");
        }
        match t.offset {
            Offset::Local => {}
            Offset::Utc => s.push('Z'),
            Offset::Hours(h) => {
                let _ = write!(
                    s,
                    "{}{:02}",
                    if h < 0 { '-' } else { '+' },
                    h.unsigned_abs()
                );
            }
            Offset::Minutes(m) => {
                let a = m.unsigned_abs();
                let _ = write!(
                    s,
                    "{}{:02}:{:02}",
                    if m < 0 { '-' } else { '+' },
                    a / 60,
                    a % 60
                );
            }
        }
    }
}

/// The level a date needs (see [`Edtf::level`]).
pub(super) fn level(e: &Edtf) -> Option<u8> {
    match e.shape() {
        // EDTF times have seconds and no fraction: `hh:mm` and `.5` are annals' extensions.
        Shape::Point(d) if d.time.is_some_and(|t| !t.seconds || t.fraction_digits > 0) => None,
        Shape::Point(d) => Some(date_level(d)),
        Shape::Interval { start, end } => {
            let (a, b) = (start.date(), end.date());
            if a.is_some_and(|d| d.time.is_some()) || b.is_some_and(|d| d.time.is_some()) {
                return None;
            }
            let mut l = 0;
            for d in [a, b] {
                l = l.max(match d {
                    Some(d) if date_level(d) == 1 && d.year.unspecified + x_parts(d) != 0 => 2,
                    Some(d) => date_level(d),
                    None => 1,
                });
            }
            Some(l)
        }
        // EDTF sets hold dates; a set of times is annals' extension.
        Shape::Set(set) => {
            let timed = set.members.iter().any(|m| match m {
                Member::One(d) => d.time.is_some(),
                Member::Range(a, b) => a.iter().chain(b).any(|d| d.time.is_some()),
            });
            (!timed).then_some(2)
        }
    }
}

fn x_parts(d: &Date) -> u8 {
    d.month.map_or(0, |p| p.unspecified) | d.day.map_or(0, |p| p.unspecified)
}

fn date_level(d: &Date) -> u8 {
    let y = d.year;
    let m = d.marks;
    let last = if d.day.is_some() {
        2
    } else if d.month.is_some() {
        1
    } else {
        0
    };
    // Level 2 features.
    let part_marks = m.before.iter().any(|q| *q != Qualifier::Certain)
        || m.after[..last].iter().any(|q| *q != Qualifier::Certain);
    let season = d
        .month
        .map_or(0, |p| if p.unspecified == 0 { p.value } else { 0 });
    let (mx, dx) = (
        d.month.map_or(0, |p| p.unspecified),
        d.day.map_or(0, |p| p.unspecified),
    );
    let level1_x = match (y.unspecified, d.month, d.day) {
        (0, _, _) if mx == 0 && dx == 0 => true,
        (1 | 3, None, None) => true,
        (0, Some(_), None) => mx == 3,
        (0, Some(_), Some(_)) => dx == 3 && (mx == 0 || mx == 3),
        _ => false,
    };
    if part_marks
        || matches!(y.form, YearForm::Exponent(_))
        || y.significant.is_some()
        || season > 24
        || !level1_x
    {
        return 2;
    }
    let any_x = y.unspecified != 0 || mx != 0 || dx != 0;
    if y.form == YearForm::Prefixed
        || (21..=24).contains(&season)
        || m.after[last] != Qualifier::Certain
        || any_x
        || y.value < 0
    {
        return 1;
    }
    0
}
