//! The explorer's helpers off the UI thread: one reads the terminal, one loads the file,
//! one runs filters; they report to the loop through one channel of [`Inbox`]s, so the
//! loop blocks in one place and never on work. One more works out, once, which events
//! hold each term (it reports nothing: filters use the answer once it is there).

use crate::app::{ScanJob, ScanResult, scan};
use crate::load::{LoadError, Progress};
use crate::open::Dataset;
use crate::query::SearchIndex;
use crate::query::index::PAIRS_FROM;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::mpsc::{Receiver, Sender, channel};

/// Something for the loop to handle.
pub enum Inbox {
    /// Input from the terminal.
    Term(crossterm::event::Event),
    /// Reading the terminal failed (it is gone).
    TermGone(std::io::Error),
    /// Results of a filter.
    Scan(ScanResult),
    /// The timeline finished loading (or failed to).
    Loaded(Result<Box<Dataset>, LoadError>),
    /// The dataset file changed on disk.
    FileChanged,
    /// Reload number `.0` of the dataset finished (or failed: the last good data stays).
    Reloaded(u64, Result<Box<Dataset>, LoadError>),
}

/// How to load the timeline (run on the loader thread).
pub type LoadFn = Box<dyn FnOnce(&Progress) -> Result<Dataset, LoadError> + Send>;

/// Read terminal events forever, sending each to the loop.
pub fn spawn_input(tx: Sender<Inbox>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("annals-input".into())
        .spawn(move || {
            loop {
                let msg = match crossterm::event::read() {
                    Ok(ev) => Inbox::Term(ev),
                    Err(e) => Inbox::TermGone(e),
                };
                let gone = matches!(msg, Inbox::TermGone(_));
                if tx.send(msg).is_err() || gone {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Load and index the timeline, then send it.
pub fn spawn_loader(
    load: LoadFn,
    progress: Arc<Progress>,
    tx: Sender<Inbox>,
) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("annals-load".into())
        .spawn(move || {
            let result = load(&progress).map(Box::new);
            let _ = tx.send(Inbox::Loaded(result));
        })?;
    Ok(())
}

/// Runs filter jobs one at a time; a newer job makes the running one stop at its next slice.
pub struct Filterer {
    jobs: Sender<ScanJob>,
    latest: Arc<AtomicU64>,
}

impl Drop for Filterer {
    /// A replaced worker (the data was reloaded) stops at its next slice: no job of its
    /// can match the newest generation any more.
    fn drop(&mut self) {
        self.latest.store(u64::MAX, SeqCst);
    }
}

/// Work out, on a thread of its own, which events hold each term of `index` (filters that
/// name a term then test a bit per event; until then they run without it), then, for a
/// big timeline, which hold each pair of letters (see `query::index::pairs`). Started once
/// the screen is drawn, so that it never delays the first frame; the pairs at the lowest
/// priority, so that they never slow a filter. Best effort: without them filters only
/// take longer. It stops when only it still holds the index (the explorer moved on to a
/// reloaded one). This fills `OnceLock`s inside the shared index, outside `update`: memos
/// of the index itself, whose answers are the same before and after.
pub fn settle_index(index: Arc<SearchIndex>) {
    let _ = std::thread::Builder::new()
        .name("annals-terms".into())
        .spawn(move || {
            index.settle_terms(|| Arc::strong_count(&index) > 1);
            if index.len() >= PAIRS_FROM {
                lowest_priority();
                index.settle_pairs(|| Arc::strong_count(&index) > 1);
            }
        });
}

/// Run this thread only when nothing else wants the cores.
fn lowest_priority() {
    // SAFETY: `setpriority` on this thread's own id reads and writes no memory of ours;
    // a failure only leaves the priority as it was.
    #[cfg(target_os = "linux")]
    unsafe {
        let me = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, me.cast_unsigned(), 19);
    }
}

impl Filterer {
    /// Start the filter thread over `index`, reporting to `tx`.
    pub fn spawn(index: Arc<SearchIndex>, tx: Sender<Inbox>) -> std::io::Result<Filterer> {
        let (jobs, rx): (Sender<ScanJob>, Receiver<ScanJob>) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        std::thread::Builder::new()
            .name("annals-filter".into())
            .spawn(move || {
                while let Ok(mut job) = rx.recv() {
                    // Only the newest of the jobs waiting matters.
                    while let Ok(next) = rx.try_recv() {
                        job = next;
                    }
                    let generation = job.generation;
                    if newest.load(SeqCst) != generation {
                        continue;
                    }
                    let stale = || newest.load(SeqCst) != generation;
                    let mut send = |r| {
                        let _ = tx.send(Inbox::Scan(r));
                    };
                    scan::run(&job, &index, &stale, &mut send);
                }
            })?;
        Ok(Filterer { jobs, latest })
    }

    /// Call off the running job, if any (at its next slice).
    pub fn stop(&self) {
        self.latest.store(u64::MAX, SeqCst);
    }

    /// Run `job`, calling off any older one.
    pub fn submit(&self, job: ScanJob) {
        self.latest.store(job.generation, SeqCst);
        let _ = self.jobs.send(job);
    }
}
