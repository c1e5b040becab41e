//! Loading big files: read with progress, then parse the events list in chunks on every
//! core while this thread converts finished chunks in file order.

use super::raw::{RawEventRef, RawTimeline};
use super::syntax::ron_options;
use super::validate::Builder;
use super::{LoadError, scanner, split};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};

/// Below this size a file is parsed in one piece (threads would cost more than they save).
const SPLIT_FROM: usize = 1 << 20;
/// About how many bytes of events each chunk holds. Small enough that the chunks read
/// ahead of the thread that checks and stores them (now the slower side) hold little.
const CHUNK: usize = 1 << 20;

/// How far a load has got, shared with whoever shows it; also the way to call it off.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicU64,
    read: AtomicU64,
    parsed: AtomicU64,
    cancel: AtomicBool,
}

impl Progress {
    /// Size of the file in bytes (0 until known).
    pub fn total(&self) -> u64 {
        self.total.load(Relaxed)
    }

    /// Bytes read from disk so far.
    pub fn read(&self) -> u64 {
        self.read.load(Relaxed)
    }

    /// Bytes parsed and checked so far.
    pub fn parsed(&self) -> u64 {
        self.parsed.load(Relaxed)
    }

    /// Ask the load to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancel.store(true, Relaxed);
    }

    /// Has [`Progress::cancel`] been called?
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Relaxed)
    }

    pub(crate) fn set_total(&self, n: u64) {
        self.total.store(n, Relaxed);
    }

    pub(crate) fn restart_read(&self) {
        self.read.store(0, Relaxed);
    }

    pub(crate) fn add_read(&self, n: usize) {
        self.read.fetch_add(n as u64, Relaxed);
    }

    pub(crate) fn add_parsed(&self, n: usize) {
        self.parsed.fetch_add(n as u64, Relaxed);
    }
}

/// Read a whole file, counting bytes into `progress`. Only a regular file is read (a FIFO
/// or a device is refused without waiting on it), and never more than
/// [`crate::files::max_size`] bytes: the size is checked before reading and while reading.
pub(crate) fn read(path: &Path, progress: &Progress) -> std::io::Result<Vec<u8>> {
    let mut f = crate::files::open_regular(path, true)?;
    let limit = crate::files::max_size();
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(crate::files::too_large(Some(len), limit));
    }
    progress.total.store(len, Relaxed);
    let mut buf = Vec::with_capacity(crate::domain::num::usize_of_u64(len).saturating_add(1));
    loop {
        if progress.cancelled() {
            return Ok(buf);
        }
        // Straight into the buffer (no block copied over), a megabyte at a time, one byte
        // past the limit at most.
        let room = (limit + 1).saturating_sub(buf.len() as u64).min(1 << 20);
        let n = (&mut f).take(room).read_to_end(&mut buf)?;
        if n == 0 {
            break;
        }
        if buf.len() as u64 > limit {
            return Err(crate::files::too_large(None, limit));
        }
        progress.read.fetch_add(n as u64, Relaxed);
    }
    // A file that grew or shrank while read: report what was read.
    progress.total.store(buf.len() as u64, Relaxed);
    Ok(buf)
}

/// Parse a big RON file on every core. `Ok(None)` when it is small, not shaped as
/// expected, or broken: the caller then parses it in one piece for exact diagnostics.
pub(crate) fn parse_split(src: &str, progress: &Progress) -> Result<Option<Builder>, LoadError> {
    if src.len() < SPLIT_FROM {
        return Ok(None);
    }
    parse_split_into(src, progress, CHUNK)
}

/// [`parse_split`] whatever the size, in chunks of about `chunk` bytes.
pub(crate) fn parse_split_into(
    src: &str,
    progress: &Progress,
    chunk: usize,
) -> Result<Option<Builder>, LoadError> {
    let Some(cut) = split::split(src, chunk) else {
        return Ok(None);
    };
    let head = format!("{}{}", &src[..=cut.open], &src[cut.close..]);
    let Ok(raw) = ron_options().from_str::<RawTimeline>(&head) else {
        return Ok(None);
    };
    drop(head);
    progress.add_parsed(src.len() - (cut.close - cut.open));
    let mut builder = Builder::new(raw);
    // Room for the events' text and records up front: capacity not yet written costs no
    // memory, while growing a buffer of hundreds of megabytes would copy it.
    builder.reserve(src.len(), cut.elems.len());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, cut.chunks.len().max(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let broken = std::thread::scope(|s| {
        type Parsed<'s> = Option<Vec<RawEventRef<'s>>>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Parsed<'_>)>(workers * 2);
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, cut) = (&next, &stop, &cut);
            s.spawn(move || {
                let opts = ron_options();
                loop {
                    let k = next.fetch_add(1, Relaxed);
                    if k >= cut.chunks.len() || stop.load(Relaxed) || progress.cancelled() {
                        return;
                    }
                    let c = cut.chunks[k];
                    // Each element on its own, borrowing its strings from the file's text:
                    // the scanner reads the common case, `ron` anything else.
                    let parsed = cut.elems[c.first..c.first + c.count]
                        .iter()
                        .map(|&(a, b)| {
                            let text = &src[a..b];
                            scanner::event(text)
                                .or_else(|| opts.from_str::<RawEventRef<'_>>(text).ok())
                        })
                        .collect::<Option<Vec<_>>>();
                    if tx.send((k, parsed)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        // Convert in file order, holding chunks that finish early.
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        for (k, parsed) in rx {
            let Some(events) = parsed else {
                stop.store(true, Relaxed);
                return true;
            };
            waiting.insert(k, events);
            while let Some(events) = waiting.remove(&want) {
                let c = cut.chunks[want];
                for (j, e) in events.iter().enumerate() {
                    builder.event(c.first + j, e);
                }
                // Dropped here: these borrow from the text, so little is freed.
                drop(events);
                progress.add_parsed(c.end - c.start);
                want += 1;
            }
        }
        want < cut.chunks.len()
    });
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok((!broken).then_some(builder))
}
