//! The one search protocol, for the explorer and the command line alike: scan (in slices,
//! cancelled between slices, sending partial results, narrowing the previous results when
//! the query only grew); when nothing matched, settle the fuzzy fallback; if a term
//! became fuzzy, scan everything again. The explorer runs it on a worker thread for big
//! timelines and inline for small ones; `annals search` runs it in one go ([`search`]).

pub use super::counts::{Counts, YearBins, counted};
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
        index.keys(i).contains(key)
    }
}

/// Events per slice: between two slices a job checks whether it is still wanted (a few
/// ms at a million events). Each slice costs a thread and its tallies: 32k-event slices
/// took 44-61 ms where these take 35-41 for `so` at 1M (`examples/keyprobe`).
pub const SLICE: usize = 128 * 1024;

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
    /// The counts of `base`, when known: a scan that keeps most of it counts what it drops
    /// and takes that away from these.
    pub base_counts: Option<Arc<Counts>>,
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
    // When the first slice keeps most of the base, so, likely, does the rest: then the
    // hits gather here and go in one piece at the end, counted as the base's counts less
    // those of the few events dropped (cheaper than counting the many kept).
    let mut kept: Option<(Vec<EventIdx>, &[EventIdx], &Counts)> = None;
    loop {
        if stale() {
            return;
        }
        let end = (done + job.slice.max(1)).min(total);
        let which = match &job.base {
            Some(b) => Candidates::Only(&b[done..end]),
            None => Candidates::Range(u32_of(done), u32_of(end)),
        };
        let (hits, counts) = slice(job, &matcher, index, which, kept.is_none());
        if done == 0
            && let (Some(base), Some(all)) = (&job.base, &job.base_counts)
            && hits.len() * 2 > end
            && all.same_shape(&counts)
        {
            kept = Some((Vec::with_capacity(total), base.as_slice(), all.as_ref()));
        }
        found_any |= !hits.is_empty();
        done = end;
        let (hits, counts) = match &mut kept {
            Some((so_far, _, _)) if done < total => {
                so_far.extend_from_slice(&hits);
                continue;
            }
            Some((so_far, base, all)) => {
                so_far.extend_from_slice(&hits);
                let mut counts = (*all).clone();
                counts.take(&counted(index, job.bins, job.years, &lost(base, so_far)));
                (std::mem::take(so_far), counts)
            }
            None => (hits, counts),
        };
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
        base_counts: None,
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
        let (hits, counts) = slice(job, &matcher, index, which, true);
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
    count: bool,
) -> (Vec<EventIdx>, Counts) {
    let len = match which {
        Candidates::Range(a, b) => (b - a) as usize,
        Candidates::Only(v) => v.len(),
    };
    if len < 4096 || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        return slice_here(job, m, index, which, count);
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
        || slice_here(job, m, index, second, count),
        || slice_here(job, m, index, first, count),
    );
    a.0.extend_from_slice(&b.0);
    a.1.merge(&b.1);
    a
}

/// Scan one slice here: its hits, and their counts (zero unless `count`).
fn slice_here(
    job: &ScanJob,
    m: &Matcher,
    index: &SearchIndex,
    which: Candidates<'_>,
    count: bool,
) -> (Vec<EventIdx>, Counts) {
    let mut hits = Vec::new();
    m.scan(index, which, &mut hits);
    if !job.facets.is_empty() {
        hits.retain(|&i| job.facets.iter().all(|f| f.admits(index, i as usize)));
    }
    let mut counts = Counts::zero(index, job.years);
    if count {
        counts.add(index, job.bins, &hits);
    }
    (hits, counts)
}

/// The candidates of `from` that are not among `kept` (both ascending, `kept` within
/// `from`).
fn lost(from: &[EventIdx], kept: &[EventIdx]) -> Vec<EventIdx> {
    let mut kept = kept.iter().peekable();
    from.iter()
        .copied()
        .filter(|i| kept.next_if_eq(&i).is_none())
        .collect()
}

/// The whole protocol in one go, for the command line: the events `query` matches, in
/// order, and the terms that fell back to fuzzy matching to find them.
pub fn search(query: &super::Query, index: &SearchIndex) -> (Vec<EventIdx>, Vec<String>) {
    let job = ScanJob {
        generation: 0,
        matcher: Arc::new(Matcher::new(query.clone(), index)),
        facets: Vec::new(),
        base: None,
        base_counts: None,
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
mod narrowing {
    use super::*;

    /// Run `job` to the end: its hits, the counts it sent (merged, as the explorer does)
    /// and how many results it sent.
    fn run_all(job: &ScanJob, index: &SearchIndex) -> (Vec<EventIdx>, Counts, usize) {
        let (mut hits, mut counts, mut sent) = (Vec::new(), Counts::zero(index, job.years), 0);
        run(job, index, &|| false, &mut |r| {
            if r.restart {
                hits.clear();
                counts = Counts::zero(index, job.years);
            }
            // Partial results: the counts are always those of the hits so far.
            hits.extend_from_slice(&r.hits);
            counts.merge(&r.counts);
            assert_eq!(counts, counted(index, job.bins, job.years, &hits));
            sent += 1;
        });
        (hits, counts, sent)
    }

    #[test]
    fn a_scan_that_drops_few_candidates_counts_what_it_keeps() {
        let t = crate::load::load_bundled().timeline;
        let index = SearchIndex::new(&t);
        let years: Vec<i64> = (0..index.len()).filter_map(|i| index.year(i)).collect();
        let bins = YearBins::new(*years.iter().min().unwrap(), *years.iter().max().unwrap());
        let job = |q: &str, base: Option<&(Vec<EventIdx>, Counts, usize)>| ScanJob {
            generation: 1,
            matcher: Arc::new(Matcher::new(crate::query::parse(q).unwrap(), &index)),
            facets: Vec::new(),
            base: base.map(|b| Arc::new(b.0.clone())),
            base_counts: base.map(|b| Arc::new(b.1.clone())),
            bins,
            years: bins.len,
            slice: 5,
        };
        let all = run_all(&job("e", None), &index);
        assert!(all.0.len() > 20, "most events hold an e");
        // Keeps all (counts what it drops, and sends it all at the end), some, none
        // (counts what it keeps, slice by slice).
        for (q, one_piece) in [
            ("e", Some(true)),
            ("e qalibaf", None),
            ("e nothing", Some(false)),
        ] {
            let (hits, counts, sent) = run_all(&job(q, Some(&all)), &index);
            assert_eq!(hits, run_all(&job(q, None), &index).0, "{q}");
            assert_eq!(counts, counted(&index, bins, bins.len, &hits), "{q}");
            if let Some(one) = one_piece {
                assert_eq!(sent == 1, one, "{q}: {sent} results");
            }
        }
        assert_eq!(lost(&[1, 2, 3, 5, 8], &[2, 5]), [1, 3, 8]);
    }
}
