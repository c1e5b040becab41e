//! The lanes view's time axis, without a terminal: which stretch of time the columns show,
//! which instant falls in which cell, the ticks and their labels for the zoom, where an
//! event's bounds land (solid, uncertain, open), how overlapping events stack onto
//! sub-rows, and how many events fall in each cell (two binary searches per cell).

use crate::domain::date::civil::MAX_YEAR;
use crate::domain::date::civil::{DAY, Instant, civil_from_days, days_from_civil, month_len};
use crate::domain::date::year_text;

/// The earliest instant the axis can show (1 January of year −[`MAX_YEAR`]).
pub fn min_t() -> i64 {
    Instant::at(-MAX_YEAR, 1, 1, 0, 0).0
}

/// The latest instant the axis can show (the last second of year [`MAX_YEAR`]).
pub fn max_t() -> i64 {
    Instant::at(MAX_YEAR, 12, 31, 86_399, 0).0
}

/// The shortest stretch the axis zooms to: four hours.
pub const MIN_SPAN: i64 = 4 * 3600;

/// The stretch of time the columns show: `[from, to)`, seconds since 1970 (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First instant shown.
    pub from: i64,
    /// First instant past the right edge.
    pub to: i64,
}

fn clamp_i128(x: i128) -> i64 {
    i64::try_from(x.clamp(i128::from(i64::MIN), i128::from(i64::MAX))).unwrap_or(0)
}

impl Window {
    /// `[from, to)`, widened to [`MIN_SPAN`] and kept inside the calendar annals handles.
    pub fn new(from: i64, to: i64) -> Window {
        let (lo, hi) = (min_t(), max_t());
        let (from, to) = (from.clamp(lo, hi), to.clamp(lo, hi));
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        let mut w = Window { from, to };
        if w.span() < i128::from(MIN_SPAN) {
            let mid = clamp_i128((i128::from(from) + i128::from(to)) / 2);
            w.from = mid.saturating_sub(MIN_SPAN / 2).max(lo);
            w.to = w.from.saturating_add(MIN_SPAN).min(hi);
        }
        w
    }

    /// The whole of `[lo, hi]` with a margin of 3% each side.
    pub fn fit(lo: i64, hi: i64) -> Window {
        let span = i128::from(hi) - i128::from(lo);
        let pad = (span * 3 / 100).max(1);
        Window::new(
            clamp_i128(i128::from(lo) - pad),
            clamp_i128(i128::from(hi) + pad + 1),
        )
    }

    /// How long it is, in seconds.
    pub fn span(&self) -> i128 {
        i128::from(self.to) - i128::from(self.from)
    }

    /// The cell (of `width`) instant `t` falls in; below 0 or from `width` on when outside.
    pub fn cell(&self, width: u16, t: i64) -> i64 {
        let span = self.span().max(1);
        let x = (i128::from(t) - i128::from(self.from)) * i128::from(width);
        clamp_i128(x.div_euclid(span))
    }

    /// The first instant of cell `i` (of `width`): cell `i` is `[start(i), start(i + 1))`.
    pub fn cell_start(&self, width: u16, i: u16) -> i64 {
        if i >= width {
            return self.to;
        }
        let x = i128::from(i) * self.span();
        let w = i128::from(width.max(1));
        clamp_i128(i128::from(self.from) + (x + w - 1).div_euclid(w))
    }

    /// Moved by `num/den` of its span (negative: earlier), kept inside the calendar.
    pub fn pan(self, num: i64, den: i64) -> Window {
        let d = self.span() * i128::from(num) / i128::from(den.max(1));
        let (lo, hi) = (i128::from(min_t()), i128::from(max_t()));
        let d = d.clamp(lo - i128::from(self.from), hi - i128::from(self.to));
        Window {
            from: clamp_i128(i128::from(self.from) + d),
            to: clamp_i128(i128::from(self.to) + d),
        }
    }

    /// Zoomed by `num/den` (below 1: in) keeping `anchor` where it is on screen; an
    /// anchor off screen is brought to the middle (zooming is around the selected event);
    /// without one, around the middle.
    pub fn zoom(self, num: i64, den: i64, anchor: Option<i64>) -> Window {
        let mid = (i128::from(self.from) + i128::from(self.to)) / 2;
        let (base, a) = match anchor.map(i128::from) {
            Some(a) if !(self.from..self.to).contains(&clamp_i128(a)) => (self.pan_to(a, mid), a),
            Some(a) => (self, a),
            None => (self, mid),
        };
        let (num, den) = (i128::from(num), i128::from(den.max(1)));
        let left = (a - i128::from(base.from)) * num / den;
        let right = (i128::from(base.to) - a) * num / den;
        let w = Window::new(clamp_i128(a - left), clamp_i128(a + right));
        // Never narrower than MIN_SPAN: a zoom that would be is the same window moved.
        if w.span() <= i128::from(MIN_SPAN) && self.span() <= i128::from(MIN_SPAN) {
            return base;
        }
        w
    }

    /// The same span moved so that `a` is where `mid` was.
    fn pan_to(self, a: i128, mid: i128) -> Window {
        let d = a - mid;
        Window {
            from: clamp_i128(i128::from(self.from) + d),
            to: clamp_i128(i128::from(self.to) + d),
        }
    }
}

/// How far apart ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Every `n` years (millennia, centuries, decades, years).
    Years(i64),
    /// Every `n` months.
    Months(u32),
    /// Every `n` days.
    Days(u32),
    /// Every `n` hours.
    Hours(u32),
}

const YEAR_SECS: i128 = 31_556_952;
const MONTH_SECS: i128 = 2_629_746;

impl Unit {
    fn secs(self) -> i128 {
        match self {
            Unit::Years(n) => YEAR_SECS * i128::from(n),
            Unit::Months(n) => MONTH_SECS * i128::from(n),
            Unit::Days(n) => i128::from(DAY) * i128::from(n),
            Unit::Hours(n) => 3600 * i128::from(n),
        }
    }

    /// Room a label of this unit needs, with a gap.
    fn label_width(self, w: &Window) -> i128 {
        match self {
            Unit::Years(_) => {
                let y = [w.from, w.to].map(|t| year_text(Instant(t).year()).len());
                i128::try_from(y[0].max(y[1])).unwrap_or(16) + 2
            }
            Unit::Months(_) => 6,
            Unit::Days(_) => 4,
            Unit::Hours(_) => 7,
        }
    }
}

/// The steps ticks can take, finest first.
fn candidates() -> impl Iterator<Item = Unit> {
    let hours = [1, 3, 6, 12].map(Unit::Hours);
    let days = [1, 2, 5, 10].map(Unit::Days);
    let months = [1, 3, 6].map(Unit::Months);
    let years = (0..=11).flat_map(|p| [1, 2, 5].map(|m| Unit::Years(m * 10i64.pow(p))));
    hours.into_iter().chain(days).chain(months).chain(years)
}

/// The finest step whose labels do not run into each other on `width` cells.
pub fn unit(w: &Window, width: u16) -> Unit {
    let width = i128::from(width.max(1));
    candidates()
        .find(|u| u.secs() * width >= w.span() * u.label_width(w))
        .unwrap_or(Unit::Years(500_000_000_000))
}

/// One tick of the axis: its cell and its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    /// The cell it is in.
    pub cell: u16,
    /// Its instant.
    pub at: i64,
    /// What it says (`1999`, `44 BCE`, `Jul`, `9 Jul 1999`, `14:00`).
    pub label: String,
    /// What it says when the tick before it that named the month or year had no room for
    /// its label (`Mar 44 BCE` for `Mar`, `11 Mar 44 BCE` for `11`): the first label
    /// shown after a dropped one names its month and year, so that no label reads as a
    /// day of the wrong month.
    pub full: String,
    /// Its label names a new month, year or day (`1 Mar`, `1999`): when it is left out
    /// for lack of room, the next label shown is its [`Tick::full`].
    pub turns: bool,
}

fn month_label(y: i64, m: u32) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = usize::try_from(m.clamp(1, 12) - 1).unwrap_or(0);
    format!("{} {}", MONTHS[i], year_text(y))
}

/// The ticks of the axis on `width` cells, for the step [`unit`] picks. Years are
/// counted as people count them: `1000 BCE`, `1 BCE`, `1`, `1000` (no year 0). The first
/// tick names its month and year (`Jul 1999` rather than `Jul`, `9 Jul 1999` rather than
/// `9`) so that the axis says where it is.
pub fn ticks(w: &Window, width: u16) -> (Unit, Vec<Tick>) {
    let u = unit(w, width);
    let mut at: Vec<(i64, String)> = Vec::new();
    let (y0, y1) = (Instant(w.from).year(), Instant(w.to).year());
    match u {
        Unit::Years(n) => {
            // Common era: multiples of n; before it, BCE numbers that are multiples of n.
            let first = (y0.max(1) + n - 1) / n * n;
            let mut y = first.max(n);
            while y <= y1 {
                at.push((Instant::at(y, 1, 1, 0, 0).0, year_text(y)));
                y += n;
            }
            let (b0, b1) = (1 - y1.min(0), 1 - y0.min(0));
            let mut b = (b0.max(1) + n - 1) / n * n;
            while b <= b1 && y0 <= 0 {
                let y = 1 - b;
                at.push((Instant::at(y, 1, 1, 0, 0).0, year_text(y)));
                b += n;
            }
            // There is no year 0: without a tick where the eras meet, the step across it
            // would be one year short of the others (`10 BCE` to `10` is 19 years).
            if n > 1 && y0 <= 0 && y1 >= 1 {
                at.push((Instant::at(1, 1, 1, 0, 0).0, "1 CE".to_string()));
            }
        }
        Unit::Months(n) => {
            let c = Instant(w.from).civil(0);
            let (mut y, mut m) = (c.year, c.month);
            loop {
                let t = Instant::at(y, m, 1, 0, 0).0;
                if t >= w.to {
                    break;
                }
                if (m - 1) % n == 0 {
                    let label = if m == 1 {
                        year_text(y)
                    } else {
                        month_label(y, m)[..3].to_string()
                    };
                    at.push((t, label));
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        Unit::Days(n) => {
            let mut d = w.from.div_euclid(DAY);
            while d * DAY < w.to {
                let (y, m, day) = civil_from_days(d);
                // The last step of a month is kept when at least half a step is left
                // before the next month begins (so February does not leave a double gap).
                let left = month_len(y, m) + 1 - day;
                if (day - 1) % n == 0 && (n == 1 || 2 * left >= n) {
                    let label = if day == 1 {
                        month_label(y, m)
                    } else {
                        day.to_string()
                    };
                    at.push((d * DAY, label));
                }
                d += 1;
            }
        }
        Unit::Hours(n) => {
            let step = 3600 * i64::from(n);
            let mut t = w.from.div_euclid(step) * step;
            while t < w.to {
                let c = Instant(t).civil(0);
                let label = if c.secs == 0 {
                    format!("{} {}", c.day, month_label(c.year, c.month))
                } else {
                    format!("{:02}:00", c.secs / 3600)
                };
                at.push((t, label));
                t += step;
            }
        }
    }
    at.sort();
    let mut ticks: Vec<Tick> = at
        .into_iter()
        .filter(|(t, _)| (w.from..w.to).contains(t))
        .map(|(t, label)| {
            let (full, turns) = full_label(u, t, &label);
            Tick {
                cell: u16::try_from(w.cell(width, t).clamp(0, i64::from(width))).unwrap_or(0),
                at: t,
                label,
                full,
                turns,
            }
        })
        .collect();
    // The first tick says where the axis is: `Jul 1998`, `9 Jul 1999`, `9 Jul 1999 14:00`.
    if let Some(first) = ticks.first_mut() {
        first.label = first.full.clone();
    }
    (u, ticks)
}

/// A tick's label that says where it is (its month and year, or its day), and whether
/// its own label turns a month, year or day.
fn full_label(u: Unit, t: i64, label: &str) -> (String, bool) {
    let c = Instant(t).civil(0);
    let day = format!("{} {}", c.day, month_label(c.year, c.month));
    match u {
        Unit::Years(_) => (label.to_string(), false),
        Unit::Months(_) if c.month == 1 => (label.to_string(), true),
        Unit::Months(_) => (month_label(c.year, c.month), false),
        Unit::Days(_) => (day, c.day == 1),
        Unit::Hours(_) if c.secs == 0 => (day, true),
        Unit::Hours(_) => (format!("{day} {:02}:00", c.secs / 3600), false),
    }
}

/// The labels that fit on one row of `width` cells, each starting at its tick, two
/// spaces at least between two (one would read as one label: `9 May 2017 12:00`); a label
/// that has no room is left out (its tick stays). The first tick and those that turn a
/// month, year or day are placed first, then the others where they fit; a label shown
/// after a turning one that was left out says its month and year in full.
pub fn labels(ticks: &[Tick], width: u16) -> Vec<(u16, String)> {
    const GAP: u16 = 2;
    let len = |s: &str| u16::try_from(s.chars().count()).unwrap_or(u16::MAX);
    // Placed labels as (first cell, end cell exclusive, tick index, text).
    let mut placed: Vec<(u16, u16, usize, String)> = Vec::new();
    let fits = |placed: &[(u16, u16, usize, String)], cell: u16, w: u16| {
        let end = cell.saturating_add(w);
        end <= width
            && placed
                .iter()
                .all(|&(a, b, _, _)| end.saturating_add(GAP) <= a || b.saturating_add(GAP) <= cell)
    };
    for (i, t) in ticks.iter().enumerate() {
        if (i == 0 || t.turns) && fits(&placed, t.cell, len(&t.label)) {
            placed.push((
                t.cell,
                t.cell.saturating_add(len(&t.label)),
                i,
                t.label.clone(),
            ));
        }
    }
    let mut owed = false;
    for (i, t) in ticks.iter().enumerate() {
        if placed.iter().any(|p| p.2 == i) {
            owed = false;
            continue;
        }
        // The first tick names where the axis is, as a turning one does.
        if t.turns || i == 0 {
            owed = true;
            continue;
        }
        let text = if owed { &t.full } else { &t.label };
        if fits(&placed, t.cell, len(text)) {
            placed.push((t.cell, t.cell.saturating_add(len(text)), i, text.clone()));
            owed = false;
        }
    }
    placed.sort_by_key(|p| p.0);
    placed.into_iter().map(|(c, _, _, s)| (c, s)).collect()
}

/// Where an event lands on the axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// First cell covered.
    pub from: u16,
    /// Last cell covered (inclusive).
    pub to: u16,
    /// The cells where the event surely is (its inner bounds); the rest is uncertain.
    pub solid: Option<(u16, u16)>,
    /// Its start is open or unknown (drawn `◀` at the left end).
    pub open_left: bool,
    /// Its end is open or unknown (drawn `▶` at the right end).
    pub open_right: bool,
    /// It is narrower than a cell (drawn as a tick).
    pub point: bool,
}

fn cells(w: &Window, width: u16, lo: i64, hi: i64) -> Option<(u16, u16)> {
    if width == 0 || hi < w.from || lo >= w.to || lo > hi {
        return None;
    }
    let last = i64::from(width) - 1;
    let a = w.cell(width, lo).clamp(0, last);
    let b = w.cell(width, hi).clamp(0, last);
    Some((u16::try_from(a).ok()?, u16::try_from(b).ok()?))
}

/// Where an event with `outer` bounds (`None`: open) and `inner` ones (where it surely is;
/// `None`: nowhere for sure; an open side reaches the edge) lands on `width` cells; `None`
/// when it is wholly outside the window.
pub fn mark(
    w: &Window,
    width: u16,
    outer: (Option<i64>, Option<i64>),
    inner: Option<(Option<i64>, Option<i64>)>,
) -> Option<Mark> {
    let lo = outer.0.unwrap_or(i64::MIN);
    let hi = outer.1.unwrap_or(i64::MAX);
    let (from, to) = cells(w, width, lo, hi)?;
    let point = outer.0.is_some() && outer.1.is_some() && w.cell(width, lo) == w.cell(width, hi);
    let solid = inner.and_then(|(a, b)| {
        cells(
            w,
            width,
            a.unwrap_or(i64::MIN).max(lo),
            b.unwrap_or(i64::MAX).min(hi),
        )
    });
    Some(Mark {
        from,
        to,
        solid,
        open_left: outer.0.is_none(),
        open_right: outer.1.is_none(),
        point,
    })
}

/// Greedy interval packing of marks (in order of their first cell) onto at most `rows`
/// sub-rows: each goes to the first row whose last mark ends before it starts. Returns each
/// mark's row (`None`: no room) and how many found none.
pub fn stack(marks: &[(u16, u16)], rows: usize) -> (Vec<Option<usize>>, usize) {
    let mut ends: Vec<u16> = Vec::new();
    let mut hidden = 0;
    let out = marks
        .iter()
        .map(|&(a, b)| {
            if let Some(r) = ends.iter().position(|&e| e < a) {
                ends[r] = b;
                Some(r)
            } else if ends.len() < rows {
                ends.push(b);
                Some(ends.len() - 1)
            } else {
                hidden += 1;
                None
            }
        })
        .collect::<Vec<_>>();
    (out, hidden)
}

/// How many events overlap `[a, b)`, from their starts and their ends (each sorted; open
/// ends as `i64::MIN`/`i64::MAX`): those that start before `b`, less those that ended
/// before `a` (which all started before `b` too). Two binary searches.
pub fn count(starts: &[i64], ends: &[i64], a: i64, b: i64) -> usize {
    let started = starts.partition_point(|&s| s < b);
    let ended = ends.partition_point(|&e| e < a);
    started.saturating_sub(ended)
}

/// Events per cell of `width` cells ([`count`] for each cell's stretch of time):
/// O(width · log n), whatever the number of events.
pub fn density(w: &Window, width: u16, starts: &[i64], ends: &[i64]) -> Vec<usize> {
    (0..width)
        .map(|i| {
            let a = w.cell_start(width, i);
            let b = w.cell_start(width, i + 1);
            if a >= b { 0 } else { count(starts, ends, a, b) }
        })
        .collect()
}

/// The shading of a cell with `n` of `max` events: 0 (empty) to 4 (`█`).
pub fn level(n: usize, max: usize) -> usize {
    if n == 0 || max == 0 {
        0
    } else {
        (n * 4).div_ceil(max).clamp(1, 4)
    }
}

/// The instant of a calendar day at midnight UTC (for callers building windows).
pub fn day(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d) * DAY
}
