//! When were two people active at the same time, and how sure can we be? The pure
//! computation behind `annals overlap` (and, later, the lanes view), from the events alone.
//!
//! A person's **activity** is the bounds of the events they are involved in: a span event
//! covers its span, a point event its own day, month or year. It is cut to their life
//! where `born`/`died` are known: nothing before the earliest possible birth or after the
//! latest possible death. There is no activity where there is no event.
//!
//! Each activity has **outer** bounds (the event's strict bounds, [`Edtf::span`]) and,
//! when the date allows it, a **certain** part: for an interval, from the latest instant
//! its start can be to the earliest its end can be (for dates without a time of day, the
//! whole days strictly between: `1986/1990` is certain from 1987 to 1989); for a point, its own bounds (the event
//! is taken to fill its day, month or year). A date with a qualifier (`?`, `~`, `%`), a set
//! (`[…]`, `{…}`), or an interval with an open or unknown end on both sides has no certain
//! part; an interval with one open or unknown end is certain only at its known end's own
//! bounds; an interval whose start may come after its end's earliest instant
//! (`1999/1999`) is certain between those two instants (every reading meets them). The
//! certain part is cut to the *surely* alive span (after the latest possible birth, before
//! the earliest possible death).
//!
//! Two people **overlap** wherever an activity of one and an activity of the other
//! intersect. The overlap is **certain** where their certain parts intersect, otherwise
//! only **possible**. Overlaps that intersect or touch (the next starts one second after
//! the last ends, as a day after the day before) merge into one [`Period`].

use crate::domain::date::Shape;
use crate::domain::date::{Bound, Edtf, Instant, Precision};
use crate::domain::{EventIdx, PersonIdx, Timeline};

/// Bounds as the rest of annals keeps them: earliest and latest instant, `None` where
/// unbounded.
pub type Span = (Option<Instant>, Option<Instant>);

/// One event of a person's activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    /// The event.
    pub event: EventIdx,
    /// Its bounds, cut to the person's possible life span.
    pub outer: Span,
    /// The part the person was certainly active in, cut to their certain life span; `None`
    /// when the date (or life) leaves none.
    pub certain: Option<Span>,
}

/// A stretch of time in which both people were active (possibly or certainly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// From the earliest to the latest instant of the merged overlaps.
    pub span: Span,
    /// The parts in which the overlap is certain (merged, in order; empty: only possible).
    pub certain: Vec<Span>,
    /// The first person's events that make it, in timeline order.
    pub a: Vec<EventIdx>,
    /// The second person's events that make it, in timeline order.
    pub b: Vec<EventIdx>,
}

impl Period {
    /// Is the overlap certain over the whole period?
    pub fn all_certain(&self) -> bool {
        self.certain.len() == 1 && self.certain[0] == self.span
    }
}

/// The start of a span never before `a`'s start and `b`'s (unbounded is the smallest).
fn later_start(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) | (None, x) => x,
    }
}

/// The end of a span never after `a`'s end and `b`'s (unbounded is the largest).
fn earlier_end(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) | (None, x) => x,
    }
}

/// The intersection of two spans, if they share an instant.
pub fn intersect(a: Span, b: Span) -> Option<Span> {
    let s = (later_start(a.0, b.0), earlier_end(a.1, b.1));
    match s {
        (Some(x), Some(y)) if x > y => None,
        _ => Some(s),
    }
}

/// Do `b` (starting at or after `a`'s start) and `a` intersect or touch?
fn touches(a: Span, b: Span) -> bool {
    match (a.1, b.0) {
        (Some(end), Some(start)) => start.0 <= end.0.saturating_add(1),
        _ => true,
    }
}

/// Start order: unbounded first.
fn start_key(s: &Span) -> (bool, i64) {
    (s.0.is_some(), s.0.map_or(i64::MIN, |i| i.0))
}

/// Merge spans that intersect or touch, in start order.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(start_key);
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last) if touches(*last, s) => {
                last.1 = match (last.1, s.1) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    _ => None,
                };
            }
            _ => out.push(s),
        }
    }
    out
}

/// The part of a date an event certainly fills (see the module's rules).
pub fn certain_part(date: &Edtf) -> Option<Span> {
    // `?`, `~`, `%`, and `X` digits, seasons, significant digits or sets (one of many
    // readings): nothing is certain.
    if date.qualified() || date.widened() {
        return None;
    }
    match date.shape() {
        Shape::Point(_) => Some(date.span()),
        Shape::Set(_) => None,
        Shape::Interval { start, end } => match (start, end) {
            (Bound::Point(s), Bound::Point(e)) => {
                let latest_start = Edtf::Point(*s).latest()?;
                let earliest_end = Edtf::Point(*e).earliest()?;
                if latest_start > earliest_end {
                    return Some((Some(earliest_end), Some(latest_start)));
                }
                if date.has_time() {
                    return Some((Some(latest_start), Some(earliest_end)));
                }
                // Days: the whole days inside (after the start's last day, before the
                // end's first), so that it reads as dates; none when they are adjacent.
                let (a, b) = (latest_start.0 + 1, earliest_end.0 - 1);
                (a <= b).then_some((Some(Instant(a)), Some(Instant(b))))
            }
            (Bound::Point(d), _) | (_, Bound::Point(d)) => Some(Edtf::Point(*d).span()),
            _ => None,
        },
    }
}

/// Person `p`'s activity: one entry per event they are involved in that their life span
/// (where known) leaves room for, in timeline order.
pub fn activity(t: &Timeline, p: PersonIdx) -> Vec<Activity> {
    let person = t.person(p);
    let born = person.born.as_ref().map(Edtf::span);
    let died = person.died.as_ref().map(Edtf::span);
    // Possibly alive: from the earliest birth to the latest death; surely alive: after
    // the latest birth and before the earliest death.
    let possibly: Span = (born.and_then(|b| b.0), died.and_then(|d| d.1));
    // A birth or death known to the day (or finer, unqualified) is a day the person
    // certainly lived part of: an event naming them that day is certain (Caesar on the
    // Ides of March), as every day is counted whole.
    let to_the_day = |d: &Option<Edtf>| {
        d.as_ref()
            .is_some_and(|d| !d.qualified() && !d.widened() && d.precision() >= Precision::Day)
    };
    let surely_from = match born {
        None => Some(None),
        Some((earliest, _)) if to_the_day(&person.born) => Some(earliest),
        Some((_, latest)) => latest.map(|l| Some(Instant(l.0 + 1))),
    };
    let surely_to = match died {
        None => Some(None),
        Some((_, latest)) if to_the_day(&person.died) => Some(latest),
        Some((earliest, _)) => earliest.map(|e| Some(Instant(e.0 - 1))),
    };
    let surely: Option<Span> = surely_from
        .zip(surely_to)
        .filter(|(f, to)| f.zip(*to).is_none_or(|(x, y)| x <= y));
    t.events()
        .enumerate()
        .filter(|(_, e)| e.people().contains(&p))
        .filter_map(|(i, e)| {
            let outer = intersect(e.date.span(), possibly)?;
            let certain = certain_part(&e.date)
                .zip(surely)
                .and_then(|(c, s)| intersect(c, s));
            Some(Activity {
                event: crate::domain::num::u32_of(i),
                outer,
                certain,
            })
        })
        .collect()
}

/// When `a` and `b` were both active (see the module's rules): the periods, in order, each
/// with the overlap's certain parts and the events of each person that make it.
pub fn together(t: &Timeline, a: PersonIdx, b: PersonIdx) -> Vec<Period> {
    overlaps(&activity(t, a), &activity(t, b))
}

/// The periods in which two activities overlap (the computation of [`together`], on
/// activities already built).
pub fn overlaps(a: &[Activity], b: &[Activity]) -> Vec<Period> {
    // Every intersecting pair, by a sweep in start order: each activity meets the other
    // side's activities still running when it starts (those that ended are dropped).
    let mut all: Vec<(bool, &Activity)> = a
        .iter()
        .map(|x| (true, x))
        .chain(b.iter().map(|y| (false, y)))
        .collect();
    all.sort_by_key(|(_, x)| start_key(&x.outer));
    let mut running: [Vec<&Activity>; 2] = [Vec::new(), Vec::new()];
    let mut pieces: Vec<(Span, Option<Span>, EventIdx, EventIdx)> = Vec::new();
    for (is_a, x) in all {
        let start = x.outer.0;
        let ended = |y: &&Activity| matches!((y.outer.1, start), (Some(e), Some(s)) if e < s);
        let other = &mut running[usize::from(is_a)];
        other.retain(|y| !ended(y));
        for y in other.iter() {
            if let Some(outer) = intersect(x.outer, y.outer) {
                let certain = x.certain.zip(y.certain).and_then(|(p, q)| intersect(p, q));
                let (ea, eb) = if is_a {
                    (x.event, y.event)
                } else {
                    (y.event, x.event)
                };
                pieces.push((outer, certain, ea, eb));
            }
        }
        running[usize::from(!is_a)].push(x);
    }
    pieces.sort_by_key(|p| start_key(&p.0));
    let mut periods: Vec<Period> = Vec::new();
    for (outer, certain, ea, eb) in pieces {
        let joined = periods.last_mut().filter(|p| touches(p.span, outer));
        let p = match joined {
            Some(p) => {
                p.span.1 = match (p.span.1, outer.1) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    _ => None,
                };
                p
            }
            None => {
                periods.push(Period {
                    span: outer,
                    certain: Vec::new(),
                    a: Vec::new(),
                    b: Vec::new(),
                });
                periods.last_mut().expect("just pushed")
            }
        };
        p.certain.extend(certain);
        p.a.push(ea);
        p.b.push(eb);
    }
    for p in &mut periods {
        p.certain = merge(std::mem::take(&mut p.certain));
        for v in [&mut p.a, &mut p.b] {
            v.sort_unstable();
            v.dedup();
        }
    }
    periods
}

/// A span written as EDTF, each end as coarse as its instant allows (a whole year, month
/// or day, else the second in UTC), so that annals' date display can show it: 1 Jul to 31
/// Jul 1999 is `1999-07` (`Jul 1999`), 1 Jan 2016 to 31 Dec 2017 is `2016/2017`, an
/// unbounded side is `..`.
pub fn span_edtf(span: Span) -> String {
    use crate::domain::date::civil::{iso_year, month_len};
    let side = |i: Instant, start: bool| {
        let c = i.civil(0);
        let (first, last) = (c.secs == 0, c.secs == 86_399);
        let day = format!("{}-{:02}-{:02}", iso_year(c.year), c.month, c.day);
        if !(start && first || !start && last) {
            let t = c.iso_time();
            return (format!("{day}T{t}Z"), 3);
        }
        let whole_month = if start {
            c.day == 1
        } else {
            c.day == month_len(c.year, c.month)
        };
        let whole_year = whole_month && c.month == if start { 1 } else { 12 };
        if whole_year {
            (iso_year(c.year), 0)
        } else if whole_month {
            (format!("{}-{:02}", iso_year(c.year), c.month), 1)
        } else {
            (day, 2)
        }
    };
    match span {
        (Some(a), Some(b)) => {
            let (x, px) = side(a, true);
            let (y, py) = side(b, false);
            if x == y && px == py && px < 3 {
                x
            } else {
                format!("{x}/{y}")
            }
        }
        (Some(a), None) => format!("{}/..", side(a, true).0),
        (None, Some(b)) => format!("../{}", side(b, false).0),
        (None, None) => "../..".into(),
    }
}

#[cfg(test)]
#[path = "overlap_tests.rs"]
mod tests;
