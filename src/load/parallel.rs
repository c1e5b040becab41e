//! Loading big files: read with progress, then parse the events list in chunks on every
//! core while this thread converts finished chunks in file order.

use super::pages::Pages;
use super::raw::{RawEventRef, RawTimeline};
use super::syntax::ron_options;
use super::validate::Builder;
use super::{LoadError, scanner, split};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};

/// Below this size a file is parsed in one piece (threads would cost more than they save).
pub(crate) const SPLIT_FROM: usize = 1 << 20;
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

    /// Count the bytes read from zero again (the file is read once more).
    pub(crate) fn restart_read(&self) {
        self.read.store(0, Relaxed);
    }

    /// Count the bytes parsed from zero again (the file is parsed once more).
    pub(crate) fn restart_parsed(&self) {
        self.parsed.store(0, Relaxed);
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
    #[cfg(unix)]
    return read_with(path, progress, READ_IN_TWO_FROM);
    #[cfg(not(unix))]
    return read_with(path, progress, u64::MAX);
}

/// [`read`], by two threads from `in_two_from` bytes on (unix).
fn read_with(path: &Path, progress: &Progress, in_two_from: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(not(unix))]
    let _ = in_two_from;
    let mut f = crate::files::open_regular(path, true)?;
    let limit = crate::files::max_size();
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(crate::files::too_large(Some(len), limit));
    }
    progress.total.store(len, Relaxed);
    #[cfg(unix)]
    if len >= in_two_from {
        if let Some(buf) = read_in_two(&f, len, progress)? {
            return Ok(buf);
        }
        // It changed size while read: read it again, as it comes.
        progress.read.store(0, Relaxed);
        std::io::Seek::rewind(&mut f)?;
    }
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

/// From this size a file is read by two threads, each into its half of the buffer (copying
/// from the page cache is most of a big file's read, and it goes faster on two cores).
#[cfg(unix)]
const READ_IN_TWO_FROM: u64 = 64 << 20;

/// Read the `len` bytes of `f` on two threads. `None` when the file turns out shorter or
/// longer than `len` (the caller then reads it as it comes); an empty buffer when the load
/// is cancelled.
#[cfg(unix)]
fn read_in_two(
    f: &std::fs::File,
    len: u64,
    progress: &Progress,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; crate::domain::num::usize_of_u64(len)];
    let mid = buf.len() / 2;
    let (a, b) = buf.split_at_mut(mid);
    // Fill `part` from file offset `at`, a megabyte at a time; false at an early end.
    let fill = |part: &mut [u8], mut at: u64| -> std::io::Result<bool> {
        for piece in part.chunks_mut(1 << 20) {
            if progress.cancelled() {
                break;
            }
            match f.read_exact_at(piece, at) {
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(false),
                r => r?,
            }
            at += piece.len() as u64;
            progress.read.fetch_add(piece.len() as u64, Relaxed);
        }
        Ok(true)
    };
    let (second, first) = crate::domain::par::join(|| fill(b, mid as u64), || fill(a, 0));
    if progress.cancelled() {
        return Ok(Some(Vec::new()));
    }
    // Both halves whole, and nothing after them.
    if !(first? && second?) || grew(f, len)? {
        return Ok(None);
    }
    Ok(Some(buf))
}

/// Is there a byte at offset `len` (the file grew while read)?
#[cfg(unix)]
fn grew(f: &std::fs::File, len: u64) -> std::io::Result<bool> {
    use std::os::unix::fs::FileExt;
    loop {
        match f.read_at(&mut [0u8; 1], len) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            r => return Ok(r? != 0),
        }
    }
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
    Ok(parse_pages(&Pages::borrowed(src), progress, chunk)?.map(|(b, _)| b))
}

/// [`parse_split`] of a big file's own buffer, giving each stretch's pages back to the
/// system once its events are stored (see [`Pages`]). When any was given back (see
/// [`Pages::given_back`]), `text` is no longer whole: the caller must read the file again
/// rather than fall back on it. With the builder, where each element of the events list
/// is in the text (to place problems from their events' bytes alone).
pub(crate) fn parse_giving_back(
    text: &Pages<'_>,
    progress: &Progress,
) -> Result<Option<(Builder, Elements)>, LoadError> {
    if text.len() < SPLIT_FROM {
        return Ok(None);
    }
    parse_pages(text, progress, CHUNK)
}

/// Where each element of the events list starts and ends in the text (byte offsets: a
/// file is at most 2 GiB).
pub(crate) type Elements = Vec<[u32; 2]>;

/// Cut `text`'s events list into chunks of about `chunk` bytes, parse them on every core
/// and store them in file order on this thread; stored chunks are given back.
fn parse_pages(
    text: &Pages<'_>,
    progress: &Progress,
    chunk: usize,
) -> Result<Option<(Builder, Elements)>, LoadError> {
    let (cut, raw) = {
        // SAFETY: nothing is given back yet, and `src` is not used after this block.
        let Some(src) = (unsafe { text.get(0..text.len()) }) else {
            return Ok(None);
        };
        let Some(cut) = split::split(src, chunk) else {
            return Ok(None);
        };
        let head = format!("{}{}", &src[..=cut.open], &src[cut.close..]);
        let Ok(raw) = ron_options().from_str::<RawTimeline>(&head) else {
            return Ok(None);
        };
        (cut, raw)
    };
    progress.add_parsed(text.len() - (cut.close - cut.open));
    // SAFETY: what precedes the list was copied into `head`, and is read no more.
    unsafe { text.give_back(0..cut.open) };
    let mut builder = Builder::new(raw);
    // Room for the events' text and records up front: capacity not yet written costs no
    // memory, while growing a buffer of hundreds of megabytes would copy it.
    builder.reserve(text.len(), cut.elems.len());
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
                            // SAFETY: chunk `k` is given back only once it is stored, after
                            // these events are dropped (below).
                            let text = unsafe { text.get(a..b) }?;
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
        // Stored events are freed on a thread of their own: their lists (people, tags,
        // citations…) are a few small allocations each, and freeing them was a fifth of
        // the time of this thread, the one every big load waits for. Their chunk's text is
        // given back there, once nothing borrows it.
        // (Bounded: should it fall behind, this thread waits rather than memory grows.)
        type Spent<'s> = (Vec<RawEventRef<'s>>, std::ops::Range<usize>);
        let (spent, to_free) = std::sync::mpsc::sync_channel::<Spent<'_>>(4);
        s.spawn(move || {
            for (events, stretch) in to_free {
                drop(events);
                // SAFETY: the chunk's events are dropped, its workers are done with it
                // (they sent it), and the chunks after it do not reach into its pages
                // (only whole pages inside it are given back).
                unsafe { text.give_back(stretch) };
            }
        });
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
                // (Only if that thread is gone, which it never is, are they freed here.)
                let _ = spent.send((events, c.start..c.end));
                progress.add_parsed(c.end - c.start);
                want += 1;
            }
        }
        want < cut.chunks.len()
    });
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    let u32_of = crate::domain::num::u32_of;
    let elems = cut.elems.iter().map(|&(a, b)| [u32_of(a), u32_of(b)]);
    Ok((!broken).then(|| (builder, elems.collect())))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_in_two_is_the_file() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0usize, 1, 7, (3 << 20) + 5] {
            let path = dir.path().join(format!("f{len}"));
            let bytes: Vec<u8> = (0..len)
                .map(|i| ((i * 7 + i / 251) % 256).to_le_bytes()[0])
                .collect();
            std::fs::write(&path, &bytes).unwrap();
            let progress = Progress::default();
            let got = read_with(&path, &progress, 0).unwrap();
            assert!(got == bytes, "{len} bytes");
            assert_eq!(progress.read(), len as u64);
            // Longer or shorter than its size said: read again as it comes.
            let f = std::fs::File::open(&path).unwrap();
            if len > 0 {
                let n = len as u64;
                assert!(read_in_two(&f, n - 1, &progress).unwrap().is_none());
                assert!(read_in_two(&f, n + 1, &progress).unwrap().is_none());
            }
        }
    }
}
