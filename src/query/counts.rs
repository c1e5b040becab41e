//! Counts of a filter's events: per person, per source and per bin of years (the side
//! panes' numbers and the density strip), tallied from the search index's name keys.

use super::SearchIndex;
use super::index::Kind;
use crate::domain::EventIdx;

/// How years fold into the density tally: `len` bins of `step` years from `first` (one
/// year per bin unless the timeline spans more than [`YearBins::MAX`] years).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct YearBins {
    /// The first year of the first bin.
    pub first: i64,
    /// Years per bin (at least 1).
    pub step: i64,
    /// How many bins.
    pub len: usize,
    /// The last year with an event (the last bin may reach past it).
    pub last: i64,
}

impl YearBins {
    /// The most bins a tally keeps (more than any screen is wide).
    pub const MAX: i64 = 4096;

    /// Bins covering the years `lo..=hi`.
    pub fn new(lo: i64, hi: i64) -> YearBins {
        let span = hi.saturating_sub(lo).saturating_add(1).max(1);
        let step = (span + Self::MAX - 1) / Self::MAX;
        let len = usize::try_from((span + step - 1) / step).unwrap_or(0);
        YearBins {
            first: lo,
            step,
            len,
            last: hi,
        }
    }

    /// The bin year `y` falls in.
    pub fn bin(&self, y: i64) -> Option<usize> {
        // (Years before the first bin are in none: a division would round some of them
        // into the first.)
        let from_first = y.checked_sub(self.first).filter(|d| *d >= 0)?;
        // (Most timelines span fewer years than there are bins: no division.)
        let k = if self.step <= 1 {
            from_first
        } else {
            from_first / self.step
        };
        let k = usize::try_from(k).ok()?;
        (k < self.len).then_some(k)
    }
}

/// Per-person, per-source and per-year event counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Events each person takes part in.
    pub people: Vec<u32>,
    /// Events citing each source (once per event).
    pub sources: Vec<u32>,
    /// Events per bin of years (see [`YearBins`]).
    pub years: Vec<u32>,
}

impl Counts {
    /// All zero, sized for the people and sources of `index`, with `years` years.
    pub fn zero(index: &SearchIndex, years: usize) -> Counts {
        Counts {
            people: vec![0; index.kind_keys(Kind::Person).len()],
            sources: vec![0; index.kind_keys(Kind::Source).len()],
            years: vec![0; years],
        }
    }

    /// Count the events `hits`, from the index's name keys (people, and each cited source
    /// once) and dates: one sequential read per event.
    pub fn add(&mut self, index: &SearchIndex, bins: YearBins, hits: &[EventIdx]) {
        let people = index.kind_keys(Kind::Person);
        let sources = index.kind_keys(Kind::Source);
        // One counter for every key up to the last source, whatever its kind (places and
        // tags are counted and dropped): no branch on the kind of each key.
        let mut flat = vec![0u32; sources.end as usize];
        for &i in hits {
            index.keys(i as usize).for_each(|k| {
                if let Some(c) = flat.get_mut(k as usize) {
                    *c += 1;
                }
            });
            if let Some(y) = index.year(i as usize)
                && let Some(c) = bins.bin(y).and_then(|k| self.years.get_mut(k))
            {
                *c += 1;
            }
        }
        let pairs = [(&mut self.people, people), (&mut self.sources, sources)];
        for (out, keys) in pairs {
            let counted = flat
                .get(keys.start as usize..keys.end as usize)
                .unwrap_or(&[]);
            for (x, y) in out.iter_mut().zip(counted) {
                *x += y;
            }
        }
    }

    /// Add another tally's counts.
    pub fn merge(&mut self, other: &Counts) {
        self.each(other, u32::saturating_add);
    }

    /// Take away the counts of some of the events this tally counted: a filter that keeps
    /// most of the events it narrows counts the few it drops, and takes them from the
    /// counts it started from.
    pub fn take(&mut self, other: &Counts) {
        self.each(other, u32::saturating_sub);
    }

    /// Are they sized alike (people, sources, bins)?
    pub fn same_shape(&self, other: &Counts) -> bool {
        (self.people.len(), self.sources.len(), self.years.len())
            == (other.people.len(), other.sources.len(), other.years.len())
    }

    fn each(&mut self, other: &Counts, f: fn(u32, u32) -> u32) {
        let pairs = [
            (&mut self.people, &other.people),
            (&mut self.sources, &other.sources),
            (&mut self.years, &other.years),
        ];
        for (a, b) in pairs {
            for (x, y) in a.iter_mut().zip(b) {
                *x = f(*x, *y);
            }
        }
    }
}

/// The counts of `hits` (`years` bins), on two cores when there are many: the explorer's
/// totals of a million events are counted before its first screen.
pub fn counted(index: &SearchIndex, bins: YearBins, years: usize, hits: &[EventIdx]) -> Counts {
    counted_from(index, bins, years, hits, 1 << 16)
}

/// [`counted`], on two cores from `split` hits on.
fn counted_from(
    index: &SearchIndex,
    bins: YearBins,
    years: usize,
    hits: &[EventIdx],
    split: usize,
) -> Counts {
    let count = |part: &[EventIdx]| {
        let mut c = Counts::zero(index, years);
        c.add(index, bins, part);
        c
    };
    if hits.len() < split {
        return count(hits);
    }
    let (a, b) = hits.split_at(hits.len() / 2);
    let (mut x, y) = crate::domain::par::join(|| count(a), || count(b));
    x.merge(&y);
    x
}

#[cfg(test)]
mod year_bins {
    use super::YearBins;

    #[test]
    fn one_year_per_bin_until_the_span_is_too_long() {
        let b = YearBins::new(1961, 2020);
        assert_eq!((b.first, b.step, b.len, b.last), (1961, 1, 60, 2020));
        assert_eq!(b.bin(1961), Some(0));
        assert_eq!(b.bin(2020), Some(59));
        assert_eq!(b.bin(2021), None);
        assert_eq!(b.bin(1960), None);
        // Years before the first bin are in none, even when bins hold several years.
        let b = YearBins {
            step: 7,
            ..YearBins::new(1961, 2020)
        };
        assert_eq!(
            (b.bin(1960), b.bin(1955), b.bin(1961), b.bin(1968)),
            (None, None, Some(0), Some(1))
        );
        // 170 million years fold into at most MAX bins, every year in one of them.
        let b = YearBins::new(-170_000_000, 2004);
        assert!(b.len <= usize::try_from(YearBins::MAX).unwrap());
        assert_eq!(b.bin(-170_000_000), Some(0));
        assert_eq!(b.bin(2004), Some(b.len - 1));
        assert_eq!(b.bin(1999), Some(b.len - 1));
    }
}

#[cfg(test)]
mod counting {
    use super::*;

    #[test]
    fn counts_are_each_events_people_sources_and_year() {
        let t = crate::load::load_bundled().timeline;
        let index = SearchIndex::new(&t);
        let years: Vec<i64> = (0..index.len()).filter_map(|i| index.year(i)).collect();
        let (lo, hi) = (years.iter().min().unwrap(), years.iter().max().unwrap());
        // One bin per year, bins of several years (the division's path), and bins that
        // leave out the earliest and the latest years.
        let sevens = YearBins {
            step: 7,
            ..YearBins::new(lo + 3, *hi)
        };
        let inner = YearBins {
            len: 3,
            ..YearBins::new(lo + 2, *hi)
        };
        for bins in [YearBins::new(*lo, *hi), sevens, inner] {
            let every_third: Vec<EventIdx> = (0..crate::domain::num::u32_of(t.len()))
                .step_by(3)
                .collect();
            let mut c = Counts::zero(&index, bins.len);
            c.add(&index, bins, &every_third);
            let mut want = Counts::zero(&index, bins.len);
            for &i in &every_third {
                let e = t.event(i);
                for &p in e.people() {
                    want.people[p as usize] += 1;
                }
                let mut cited: Vec<u32> = e.citations().map(|c| c.source).collect();
                cited.sort_unstable();
                cited.dedup();
                for s in cited {
                    want.sources[s as usize] += 1;
                }
                // The bin worked out here, not by `YearBins::bin`.
                if let Some(y) = index.year(i as usize)
                    && y >= bins.first
                    && let Ok(k) = usize::try_from((y - bins.first) / bins.step)
                    && k < bins.len
                {
                    want.years[k] += 1;
                }
            }
            assert!(want.people.iter().sum::<u32>() > 10 && want.sources.iter().sum::<u32>() > 10);
            assert_eq!(c, want, "step {}", bins.step);
        }
    }

    #[test]
    fn counts_on_two_cores_are_the_counts_on_one() {
        let t = crate::load::load_bundled().timeline;
        let index = SearchIndex::new(&t);
        let (lo, hi) = (0..index.len())
            .filter_map(|i| index.year(i))
            .fold((i64::MAX, i64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let bins = YearBins::new(lo, hi);
        let all: Vec<EventIdx> = (0..crate::domain::num::u32_of(index.len())).collect();
        let mut one = Counts::zero(&index, bins.len);
        one.add(&index, bins, &all);
        assert!(one.people.iter().sum::<u32>() > 0 && one.years.iter().sum::<u32>() > 0);
        for split in [0, 1, 2, 50, all.len()] {
            assert_eq!(
                counted_from(&index, bins, bins.len, &all, split),
                one,
                "{split}"
            );
        }
        assert_eq!(
            counted(&index, bins, bins.len, &all[..7])
                .years
                .iter()
                .sum::<u32>(),
            7
        );
    }
}
