//! The warm-start cache's file layout: a header, the key, a table of sections, then the
//! sections — text read in place from the entry mapped into memory, plain little-endian
//! arrays copied straight into typed `Vec`s (no per-element decoding), and a few small
//! `postcard` parts.
//!
//! ```text
//! magic (8) | key length (8) | checksum of key + table (8) | timeline sections (8)
//! | index sections (8) | key (postcard) | table: per section offset, length, xxh3 (24 each)
//! | sections, end to end to the end of the file
//! ```
//!
//! Nothing in a file is trusted: the key and table carry a checksum, every section its own,
//! and the sections must tile the file exactly (so that every byte is checked, and a
//! forged length can never make a read or an allocation larger than the entry). Each
//! section is hashed piece by piece as it is copied or checked as UTF-8, while the piece is
//! in the processor's cache. Arrays are copied into `Vec`s, which are aligned whatever the
//! offset in the file; only types whose every bit pattern is valid ([`Plain`]) are copied
//! as they are; the rest is decoded from words with every enum checked (see `records`).

use crate::domain::arena::{Arena, Backing, PIECE};
use memmap2::UncheckedAdvice;
use std::borrow::Cow;
use std::fs::File;
use std::io::Write;
use std::sync::Arc;

/// The first bytes of an entry (the last byte is the layout's version).
pub const MAGIC: &[u8; 8] = b"ANNALSC\x0f";
/// Magic, key length, checksum of key and table, how many sections the timeline and the
/// index have.
pub const HEAD_LEN: usize = 40;
/// The most bytes a key may take (a version, a path and three numbers).
pub const MAX_KEY: u64 = 1 << 16;
/// The most sections an entry may have.
const MAX_SECTIONS: u64 = 256;
/// Bytes per table row: offset, length, checksum.
const ROW: usize = 24;

/// A fixed-size type whose every bit pattern is a valid value, stored little-endian.
pub trait Plain: bytemuck::Pod {
    /// To or from little-endian (a no-op on little-endian machines).
    fn swap_le(self) -> Self;
}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl Plain for $t {
            fn swap_le(self) -> Self {
                <$t>::from_le(self)
            }
        }
    )*};
}
plain!(u8, u16, u32, u64, usize, i32, i64);

/// One section to write: its bytes (borrowed when they already are the layout).
pub type Part<'a> = Cow<'a, [u8]>;

/// The bytes of a plain array as stored (borrowed on little-endian machines).
pub fn plain_part<T: Plain>(v: &[T]) -> Part<'_> {
    if cfg!(target_endian = "little") {
        Cow::Borrowed(bytemuck::cast_slice(v))
    } else {
        // Swapping is its own inverse.
        let swapped: Vec<T> = v.iter().map(|x| x.swap_le()).collect();
        Cow::Owned(bytemuck::cast_slice(&swapped).to_vec())
    }
}

/// A `postcard` section.
pub fn serde_part<T: serde::Serialize + ?Sized>(v: &T) -> std::io::Result<Part<'static>> {
    postcard::to_stdvec(v)
        .map(Cow::Owned)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// A section that is written as it is made (a table of records built in memory first
/// was most of the peak of a cold load that wrote its cache entry). It writes its bytes to
/// the sink it is given.
pub type Made<'a> = Box<dyn FnOnce(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// A section to write: its bytes, or how to make them.
pub enum Section<'a> {
    /// The bytes, at hand.
    Bytes(Part<'a>),
    /// Made while written.
    Made(Made<'a>),
}

impl<'a> From<Part<'a>> for Section<'a> {
    fn from(p: Part<'a>) -> Section<'a> {
        Section::Bytes(p)
    }
}

/// A writer that counts and hashes what goes through it.
struct Sink<'w, W: Write> {
    w: &'w mut W,
    len: u64,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Write for Sink<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Write an entry: header, `key`, table, then the timeline's sections and the index's.
/// The sections come first, each hashed as it is written; the header and the table,
/// which hold their places and hashes, are written last, in the room left for them.
pub fn write(
    f: &mut File,
    key: &[u8],
    timeline: Vec<Section<'_>>,
    index: Vec<Section<'_>>,
) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let counts = [timeline.len() as u64, index.len() as u64];
    let n = timeline.len() + index.len();
    let table_at = HEAD_LEN as u64 + key.len() as u64;
    let mut at = table_at + (n * ROW) as u64;
    let mut table = Vec::with_capacity(n * ROW);
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut *f);
        w.write_all(&vec![0u8; usize::try_from(at).unwrap_or(0)])?;
        for s in timeline.into_iter().chain(index) {
            let mut sink = Sink {
                w: &mut w,
                len: 0,
                hash: xxhash_rust::xxh3::Xxh3::new(),
            };
            match s {
                Section::Bytes(b) => sink.write_all(&b)?,
                Section::Made(make) => make(&mut sink)?,
            }
            for x in [at, sink.len, sink.hash.digest()] {
                table.extend_from_slice(&x.to_le_bytes());
            }
            at += sink.len;
        }
        w.flush()?;
    }
    let mut sealed = xxhash_rust::xxh3::Xxh3::new();
    sealed.update(key);
    sealed.update(&table);
    let mut head = Vec::with_capacity(usize::try_from(table_at).unwrap_or(0) + table.len());
    head.extend_from_slice(MAGIC);
    for x in [key.len() as u64, sealed.digest(), counts[0], counts[1]] {
        head.extend_from_slice(&x.to_le_bytes());
    }
    head.extend_from_slice(key);
    head.extend_from_slice(&table);
    f.seek(SeekFrom::Start(0))?;
    f.write_all(&head)?;
    f.seek(SeekFrom::End(0))?;
    Ok(())
}

/// Where a section is and what it must hash to.
#[derive(Clone, Copy, Debug)]
struct Row {
    at: u64,
    len: u64,
    hash: u64,
}

/// An entry mapped read-only into memory. Entries are never changed in place (they are
/// written whole and renamed over, see `files::write_atomic_with`), so the bytes stay what
/// was checked for as long as the mapping lives, even if the entry is replaced or removed
/// meanwhile. Another program that wrote into a live entry in place, or truncated it,
/// would break that (from wrong text up to a crash), as with any program that maps files:
/// entries are private to their user (0600 in a 0700 folder) and annals never does it.
/// Where the file system cannot map files, the entry is read into memory instead.
enum Map {
    /// Mapped read-only.
    Mapped(memmap2::Mmap),
    /// Read whole (the file system would not map it).
    Read(Vec<u8>),
}

impl Map {
    /// `f` mapped, or read whole where it cannot be mapped.
    fn of(f: &File) -> Result<Map, String> {
        // SAFETY: read-only, and entries are never changed in place (see above).
        match unsafe { memmap2::Mmap::map(f) } {
            Ok(m) => Ok(Map::Mapped(m)),
            Err(_) => Map::read(f),
        }
    }

    /// `f` read whole into memory.
    fn read(mut f: &File) -> Result<Map, String> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).map_err(err)?;
        Ok(Map::Read(bytes))
    }

    /// Let the pages of `range` go from this process's memory (the page cache keeps them):
    /// what was copied out of them is not needed here again.
    fn release(&self, range: std::ops::Range<usize>) {
        if let Map::Mapped(m) = self {
            // SAFETY: the mapping is of a file, read-only: a page dropped reads again from
            // the file, the same bytes (entries are never changed in place).
            let _ = unsafe {
                m.unchecked_advise_range(UncheckedAdvice::DontNeed, range.start, range.len())
            };
        }
    }
}

// SAFETY: a read-only mapping of a file never changed in place (see above), or bytes of
// our own that nothing changes.
unsafe impl Backing for Map {
    fn bytes(&self) -> &[u8] {
        match self {
            Map::Mapped(m) => m,
            Map::Read(v) => v,
        }
    }
}

/// An entry's header and table, checked: its key's bytes and the sections of the
/// timeline and of the index, in the entry mapped into memory.
pub struct Entry {
    /// The key as written (decode and compare it before reading anything else).
    pub key: Vec<u8>,
    map: Arc<Map>,
    timeline: Vec<Row>,
    index: Vec<Row>,
}

fn err(what: impl std::fmt::Display) -> String {
    what.to_string()
}

fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

impl Entry {
    /// Read and check the header, key and table of an entry; `None` for an entry of
    /// another layout.
    pub fn read(f: &File) -> Result<Option<Entry>, String> {
        Entry::of(Map::of(f)?)
    }

    /// The same as [`Entry::read`], the entry read whole into memory, never mapped.
    #[cfg(test)]
    pub fn read_unmapped(f: &File) -> Result<Option<Entry>, String> {
        Entry::of(Map::read(f)?)
    }

    fn of(map: Map) -> Result<Option<Entry>, String> {
        let bytes: &[u8] = map.bytes();
        let size = bytes.len() as u64;
        let head = bytes.get(..HEAD_LEN).ok_or("not an annals cache file")?;
        if head[..7] != MAGIC[..7] {
            return Err("not an annals cache file".into());
        }
        if head[7] != MAGIC[7] {
            // Another layout (another version of annals wrote it): rebuilt as a stale one.
            return Ok(None);
        }
        let (key_len, sealed, nt, ni) = (
            word(head, 8),
            word(head, 16),
            word(head, 24),
            word(head, 32),
        );
        if key_len > MAX_KEY || nt > MAX_SECTIONS || ni > MAX_SECTIONS {
            return Err("bad header".into());
        }
        let rows = crate::domain::num::usize_of_u64(nt + ni);
        let key_len = crate::domain::num::usize_of_u64(key_len);
        let sealed_part = bytes
            .get(HEAD_LEN..HEAD_LEN + key_len + rows * ROW)
            .ok_or("bad header")?;
        if xxhash_rust::xxh3::xxh3_64(sealed_part) != sealed {
            return Err("checksum mismatch".into());
        }
        let (key, table) = sealed_part.split_at(key_len);
        let mut all = Vec::with_capacity(rows);
        // The sections follow the table end to end and end with the file: none reaches
        // beyond it, and no byte is left unchecked.
        let mut end = (HEAD_LEN + sealed_part.len()) as u64;
        for r in table.chunks_exact(ROW) {
            let row = Row {
                at: word(r, 0),
                len: word(r, 8),
                hash: word(r, 16),
            };
            if row.at != end || row.len > size - end {
                return Err("bad section table".into());
            }
            end += row.len;
            all.push(row);
        }
        if end != size {
            return Err("bad section table".into());
        }
        let index = all.split_off(crate::domain::num::usize_of_u64(nt));
        Ok(Some(Entry {
            key: key.to_vec(),
            map: Arc::new(map),
            timeline: all,
            index,
        }))
    }

    /// A reader of the timeline's sections.
    pub fn timeline(&self) -> Sections {
        Sections {
            map: self.map.clone(),
            rows: self.timeline.clone(),
            next: 0,
        }
    }

    /// A reader of the index's sections.
    pub fn index(&self) -> Sections {
        Sections {
            map: self.map.clone(),
            rows: self.index.clone(),
            next: 0,
        }
    }
}

/// Reads sections in the order they were written, each checked against its checksum.
pub struct Sections {
    map: Arc<Map>,
    rows: Vec<Row>,
    next: usize,
}

impl Sections {
    /// The next section's bytes (inside the entry: checked with the table) and checksum.
    fn row(&mut self) -> Result<(std::ops::Range<usize>, u64), String> {
        let r = *self.rows.get(self.next).ok_or("missing section")?;
        self.next += 1;
        let at = crate::domain::num::usize_of_u64(r.at);
        Ok((at..at + crate::domain::num::usize_of_u64(r.len), r.hash))
    }

    /// The next section, a plain array, copied straight into its `Vec` piece by piece, each
    /// piece hashed where it landed (one copy, no buffer in between).
    pub fn plain<T: Plain>(&mut self) -> Result<Vec<T>, String> {
        let (range, hash) = self.row()?;
        let size = std::mem::size_of::<T>();
        if !range.len().is_multiple_of(size) {
            return Err("bad section length".into());
        }
        // Bounded by the entry's size (checked with the table); zeroed pages come fresh
        // from the system, written once below.
        let mut v = vec![T::zeroed(); range.len() / size];
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let dest: &mut [u8] = bytemuck::cast_slice_mut(&mut v);
        for (to, from) in dest
            .chunks_mut(PIECE)
            .zip(self.map.bytes()[range.clone()].chunks(PIECE))
        {
            to.copy_from_slice(from);
            hasher.update(to);
        }
        self.map.release(range);
        if hasher.digest() != hash {
            return Err("checksum mismatch".into());
        }
        if cfg!(target_endian = "big") {
            v.iter_mut().for_each(|x| *x = x.swap_le());
        }
        Ok(v)
    }

    /// The next section, a plain array of records of `w` elements each, in pieces of about
    /// 256 KiB: `f` gets the number of records in all, then each piece. The checksum is
    /// known only at the end: what `f` made of the pieces must be dropped on an error (and
    /// `f` must take any values without a panic).
    pub fn each<T: Plain>(
        &mut self,
        w: usize,
        mut f: impl FnMut(usize, &[T]) -> Result<(), String>,
    ) -> Result<(), String> {
        let (range, hash) = self.row()?;
        let rec = std::mem::size_of::<T>() * w;
        if rec == 0 || !range.len().is_multiple_of(rec) {
            return Err("bad section length".into());
        }
        let total = range.len() / rec;
        let per = (PIECE / rec).max(1);
        let mut piece = vec![T::zeroed(); per.min(total) * w];
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let bytes = &self.map.bytes()[range.clone()];
        for chunk in bytes.chunks(per * rec) {
            let part = &mut piece[..chunk.len() / std::mem::size_of::<T>()];
            // Copied out of the mapping first: a `Vec`'s elements are aligned, the
            // entry's bytes need not be.
            bytemuck::cast_slice_mut(part).copy_from_slice(chunk);
            hasher.update(chunk);
            if cfg!(target_endian = "big") {
                part.iter_mut().for_each(|x| *x = x.swap_le());
            }
            f(total, part)?;
        }
        // The arrays are held once, as `Vec`s.
        self.map.release(range);
        if hasher.digest() != hash {
            return Err("checksum mismatch".into());
        }
        Ok(())
    }

    /// The next section as text (it must be UTF-8), read in place: not copied.
    pub fn text(&mut self) -> Result<Arena, String> {
        let (range, hash) = self.row()?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let back: Arc<dyn Backing> = self.map.clone();
        let text = Arena::shared(back, range, |p| hasher.update(p));
        if hasher.digest() != hash {
            return Err("checksum mismatch".into());
        }
        text.ok_or_else(|| "bad text".into())
    }

    /// The next section, decoded from `postcard` (all of it).
    pub fn serde<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, String> {
        let bytes = self.plain::<u8>()?;
        let (value, rest) =
            postcard::take_from_bytes::<T>(&bytes).map_err(|e| format!("bad contents: {e}"))?;
        if !rest.is_empty() {
            return Err(format!("{} bytes left over", rest.len()));
        }
        Ok(value)
    }

    /// Leave the sections from `at` on to the reader returned (to read on another thread).
    pub fn split_off(&mut self, at: usize) -> Result<Sections, String> {
        if at > self.rows.len() {
            return Err("missing section".into());
        }
        Ok(Sections {
            map: self.map.clone(),
            rows: self.rows.split_off(at),
            next: 0,
        })
    }

    /// Every section was read: the entry has the layout this version writes.
    pub fn done(&self) -> Result<(), String> {
        if self.next == self.rows.len() {
            Ok(())
        } else {
            Err("extra sections".into())
        }
    }
}

/// What a forger would do to a changed entry: put right every section's checksum and the
/// table's (the table as it now reads; rows outside the entry keep their checksum).
#[cfg(test)]
pub fn reseal(bytes: &mut [u8]) {
    let n = |b: &[u8], i: usize| crate::domain::num::usize_of_u64(word(b, i));
    let (key_len, rows) = (n(bytes, 8), n(bytes, 24) + n(bytes, 32));
    let table_at = HEAD_LEN + key_len;
    for r in 0..rows {
        let row = table_at + r * ROW;
        let (at, len) = (n(bytes, row), n(bytes, row + 8));
        if let Some(part) = at.checked_add(len).and_then(|end| bytes.get(at..end)) {
            let h = xxhash_rust::xxh3::xxh3_64(part);
            bytes[row + 16..row + 24].copy_from_slice(&h.to_le_bytes());
        }
    }
    let sealed = xxhash_rust::xxh3::xxh3_64(&bytes[HEAD_LEN..table_at + rows * ROW]);
    bytes[16..24].copy_from_slice(&sealed.to_le_bytes());
}

/// Where each section is in an entry: (offset, length) per table row.
#[cfg(test)]
pub fn sections(bytes: &[u8]) -> Vec<(usize, usize)> {
    let n = |i: usize| crate::domain::num::usize_of_u64(word(bytes, i));
    let table_at = HEAD_LEN + n(8);
    (0..n(24) + n(32))
        .map(|r| (n(table_at + r * ROW), n(table_at + r * ROW + 8)))
        .collect()
}
