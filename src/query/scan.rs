//! The one search protocol, for the explorer and the command line alike: scan (in slices,
//! cancelled between slices, sending partial results, narrowing the previous results when
//! the query only grew); when nothing matched, settle the fuzzy fallback; if a term
//! became fuzzy, scan everything again. The explorer runs it on a worker thread for big
//! timelines and inline for small ones; `annals search` runs it in one go ([`search`]).

use super::index::Kind;
use super::{Candidates, Matcher, SearchIndex};
use crate::domain::num::u32_of;
use crate::domain::{EventIdx, PersonIdx, SourceIdx};
use std::sync::Arc;

/// A facet narrows the list to one person's or one source's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    /// Events this person takes part in.
    Person(PersonIdx),
    /// Events citing this source.
    Source(SourceIdx),
}

impl Facet {
    /// Does event `i` pass this facet? (By the index's name keys, sorted per event.)
    pub fn admits(self, index: &SearchIndex, i: usize) -> bool {
        let key = match self {
            Facet::Person(p) => index.kind_keys(Kind::Person).start + p,
            Facet::Source(s) => index.kind_keys(Kind::Source).start + s,
        };
        index.keys(i).binary_search(&key).is_ok()
    }
}

/// Events per slice: between two slices a job checks whether it is still wanted.
pub const SLICE: usize = 32 * 1024;

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
            for &k in index.keys(i as usize) {
                if let Some(c) = flat.get_mut(k as usize) {
                    *c += 1;
                }
            }
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
        let pairs = [
            (&mut self.people, &other.people),
            (&mut self.sources, &other.sources),
            (&mut self.years, &other.years),
        ];
        for (a, b) in pairs {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
    }
}

/// A filter to run: what the explorer hands to whoever runs scans.
#[derive(Clone)]
pub struct ScanJob {
    /// Which request this is; results of older ones are ignored.
    pub generation: u64,
    /// The query.
    pub matcher: Arc<Matcher>,
    /// Facets in force.
    pub facets: Vec<Facet>,
    /// Scan only these events (the previous results, when the query only narrowed).
    pub base: Option<Arc<Vec<EventIdx>>>,
    /// How events per year are tallied.
    pub bins: YearBins,
    /// Years in the density strip.
    pub years: usize,
    /// Events per slice (between two, the job checks that it is still wanted).
    pub slice: usize,
}

impl std::fmt::Debug for ScanJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanJob")
            .field("generation", &self.generation)
            .field("facets", &self.facets)
            .field("base", &self.base.as_ref().map(|b| b.len()))
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for ScanResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScanResult")
            .field("generation", &self.generation)
            .field("restart", &self.restart)
            .field("hits", &self.hits.len())
            .field("scanned", &self.scanned)
            .field("done", &self.done.is_some())
            .finish()
    }
}

/// Some results of a job.
pub struct ScanResult {
    /// The job's generation.
    pub generation: u64,
    /// Start over: drop results delivered before (a rescan after the fuzzy fallback).
    pub restart: bool,
    /// Matching events, in order, after those delivered before.
    pub hits: Vec<EventIdx>,
    /// Their counts.
    pub counts: Counts,
    /// How many candidates have been looked at, and of how many.
    pub scanned: (usize, usize),
    /// Last one; carries the query settled for highlighting when it changed.
    pub done: Option<Arc<Matcher>>,
}

/// Run `job` in slices, sending results as they come; stops early (sending nothing more)
/// as soon as `stale()` says a newer job is waiting.
pub fn run(
    job: &ScanJob,
    index: &SearchIndex,
    stale: &dyn Fn() -> bool,
    send: &mut dyn FnMut(ScanResult),
) {
    let total = job.base.as_ref().map_or(index.len(), |b| b.len());
    let mut found_any = false;
    let mut matcher = job.matcher.clone();
    let mut done = 0;
    loop {
        if stale() {
            return;
        }
        let end = (done + job.slice.max(1)).min(total);
        let which = match &job.base {
            Some(b) => Candidates::Only(&b[done..end]),
            None => Candidates::Range(u32_of(done), u32_of(end)),
        };
        let (hits, counts) = slice(job, &matcher, index, which);
        found_any |= !hits.is_empty();
        done = end;
        let last = done >= total && !matcher.fuzzy_pending(found_any);
        send(ScanResult {
            generation: job.generation,
            restart: false,
            hits,
            counts,
            scanned: (done, total),
            done: last.then(|| matcher.clone()),
        });
        if done >= total {
            break;
        }
    }
    if !matcher.fuzzy_pending(found_any) {
        return;
    }
    // Nothing found (or alternatives): settle the fuzzy fallback and, if a term became
    // fuzzy, rescan everything (a fuzzy term may match outside the previous results).
    let mut settled = Matcher::new(matcher.query().clone(), index);
    let changed = settled.decide_fuzzy(index);
    matcher = Arc::new(settled);
    if stale() {
        return;
    }
    if !changed {
        send(ScanResult {
            generation: job.generation,
            restart: false,
            hits: Vec::new(),
            counts: Counts::zero(index, job.years),
            scanned: (total, total),
            done: Some(matcher),
        });
        return;
    }
    let all = ScanJob {
        base: None,
        ..job.clone()
    };
    run_settled(&all, matcher, index, stale, send);
}

fn run_settled(
    job: &ScanJob,
    matcher: Arc<Matcher>,
    index: &SearchIndex,
    stale: &dyn Fn() -> bool,
    send: &mut dyn FnMut(ScanResult),
) {
    let total = index.len();
    let mut done = 0;
    let mut first = true;
    loop {
        if stale() {
            return;
        }
        let end = (done + job.slice.max(1)).min(total);
        let which = Candidates::Range(u32_of(done), u32_of(end));
        let (hits, counts) = slice(job, &matcher, index, which);
        done = end;
        send(ScanResult {
            generation: job.generation,
            restart: std::mem::take(&mut first),
            hits,
            counts,
            scanned: (done, total),
            done: (done >= total).then(|| matcher.clone()),
        });
        if done >= total {
            return;
        }
    }
}

/// Scan one slice: on two threads when it is big enough to pay for them.
fn slice(
    job: &ScanJob,
    m: &Matcher,
    index: &SearchIndex,
    which: Candidates<'_>,
) -> (Vec<EventIdx>, Counts) {
    let len = match which {
        Candidates::Range(a, b) => (b - a) as usize,
        Candidates::Only(v) => v.len(),
    };
    if len < 4096 || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        return slice_here(job, m, index, which);
    }
    let (first, second) = match which {
        Candidates::Range(a, b) => {
            let mid = a + (b - a) / 2;
            (Candidates::Range(a, mid), Candidates::Range(mid, b))
        }
        Candidates::Only(v) => {
            let (x, y) = v.split_at(v.len() / 2);
            (Candidates::Only(x), Candidates::Only(y))
        }
    };
    let (b, mut a) = crate::domain::par::join(
        || slice_here(job, m, index, second),
        || slice_here(job, m, index, first),
    );
    a.0.extend_from_slice(&b.0);
    a.1.merge(&b.1);
    a
}

fn slice_here(
    job: &ScanJob,
    m: &Matcher,
    index: &SearchIndex,
    which: Candidates<'_>,
) -> (Vec<EventIdx>, Counts) {
    let mut hits = Vec::new();
    m.scan(index, which, &mut hits);
    if !job.facets.is_empty() {
        hits.retain(|&i| job.facets.iter().all(|f| f.admits(index, i as usize)));
    }
    let mut counts = Counts::zero(index, job.years);
    counts.add(index, job.bins, &hits);
    (hits, counts)
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

/// The whole protocol in one go, for the command line: the events `query` matches, in
/// order, and the terms that fell back to fuzzy matching to find them.
pub fn search(query: &super::Query, index: &SearchIndex) -> (Vec<EventIdx>, Vec<String>) {
    let job = ScanJob {
        generation: 0,
        matcher: Arc::new(Matcher::new(query.clone(), index)),
        facets: Vec::new(),
        base: None,
        bins: YearBins::default(),
        years: 0,
        slice: index.len().max(1),
    };
    let mut hits = Vec::new();
    let mut fuzzy = Vec::new();
    run(&job, index, &|| false, &mut |r| {
        if r.restart {
            hits.clear();
        }
        hits.extend_from_slice(&r.hits);
        if let Some(m) = r.done {
            fuzzy = m.fuzzy_terms().into_iter().map(str::to_string).collect();
        }
    });
    (hits, fuzzy)
}

/// `search --context N` and the explorer's context (`c`): the index ranges to show around
/// each of `hits` (ascending event
/// indices of a timeline of `len` events): N before and after each, merged where they
/// overlap or touch, as `grep -C` groups lines.
pub fn context_groups(hits: &[u32], n: usize, len: usize) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for &h in hits {
        let h = h as usize;
        let r = h.saturating_sub(n)..(h + n + 1).min(len);
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod context {
    use super::context_groups;

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn context_groups_merge_where_they_touch() {
        assert_eq!(context_groups(&[5], 1, 10), [4..7]);
        // 4..7 and 7..10 touch: one group, as grep joins adjacent context.
        assert_eq!(context_groups(&[5, 8], 1, 10), [4..10]);
        assert_eq!(context_groups(&[2, 8], 1, 10), [1..4, 7..10]);
        assert_eq!(context_groups(&[0, 9], 2, 10), [0..3, 7..10]);
        assert_eq!(
            context_groups(&[], 2, 10),
            Vec::<std::ops::Range<usize>>::new()
        );
        assert_eq!(context_groups(&[3], 0, 10), [3..4]);
    }
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
