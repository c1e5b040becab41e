//! The warm-start cache: a binary copy of a parsed, checked and indexed timeline under
//! `$XDG_CACHE_HOME/annals/`, so that a big file opens in a fraction of its parse time.
//!
//! Never a source of truth. An entry is used only when the file's path, size, modification
//! time and content hash all match its header (and it was written by this version of
//! annals); anything else rebuilds it from the file. The content hash is of the very bytes
//! that were parsed (on two cores, [`super::digest`]); at a warm start it is worked out on
//! a thread of its own while the entry is read. The entry is a fixed layout of checksummed
//! sections, mapped into memory, its text used in place and its arrays copied
//! ([`super::layout`], [`super::records`]); every index, range and date read is checked
//! ([`super::sound`]) before use, and strings where they are read (a bad one reads as
//! empty): an entry that is damaged or unreadable is ignored with a warning and rebuilt —
//! never different data, never a panic; a forged one with its checksums put right never
//! panics or reads out of bounds (its content is what the checksums vouch for). Entries are
//! private (0600
//! in a 0700 folder) and written atomically ([`crate::files::write_atomic_with`]);
//! temporary files a killed writer left behind are removed on the next start.
//! `ANNALS_CACHE=off` turns it off.

use super::{Dataset, digest, layout, records, sound};
use crate::files;
use crate::load::{self, LoadError, Loaded, Progress};
use crate::query::SearchIndex;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Files smaller than this are not cached: they load faster than a cache reads.
pub const MIN_SIZE: u64 = 4 << 20;
/// What an entry was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    /// annals version that wrote it (the layout may change between versions).
    version: String,
    /// How the file was read (`--from`, `--map`): the same bytes read otherwise are
    /// another timeline.
    reading: String,
    path: PathBuf,
    size: u64,
    mtime_ns: u128,
    hash: u64,
}

/// The cache folder: `$XDG_CACHE_HOME/annals`, else `~/.cache/annals`.
pub fn dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("annals"))
}

fn enabled() -> bool {
    std::env::var("ANNALS_CACHE").map_or(true, |v| v != "off" && v != "0")
}

/// The entry for a file (by its canonical path).
fn entry(dir: &Path, canon: &Path) -> PathBuf {
    let h = xxhash_rust::xxh3::xxh3_64(canon.as_os_str().as_encoded_bytes());
    dir.join(format!("{h:016x}.bin"))
}

/// The cache folder to use: [`dir`], unless `ANNALS_CACHE=off`.
pub fn configured() -> Option<PathBuf> {
    enabled().then(dir).flatten()
}

/// Load `path` (read-only) with the cache in folder `cache` (none: no cache) for files of
/// at least `min_size` bytes.
pub fn open_in(
    path: &Path,
    cache: Option<&Path>,
    min_size: u64,
    progress: &Progress,
) -> Result<Dataset, LoadError> {
    let shown = path.display().to_string();
    let io = |source| LoadError::Io {
        path: shown.clone(),
        source,
    };
    // A stat never blocks, whatever the file is; what is not a regular file is refused
    // when opened.
    let meta = std::fs::metadata(path).map_err(io)?;
    let place = cache
        .filter(|_| meta.is_file() && meta.len() >= min_size)
        .and_then(|d| Some((d.to_path_buf(), std::fs::canonicalize(path).ok()?)));
    let mut warning = None;
    let mut found = None;
    if let Some((dir, canon)) = &place {
        tidy(dir);
        let file = entry(dir, canon);
        // The file is hashed as it streams by (never all of it held) on a thread of its
        // own, while the entry is read if all but the hash match: both are mostly waiting
        // on memory, so together they take less than one after the other. The entry is
        // used only if the hash then matches too.
        let (k, read) = std::thread::scope(|s| {
            let hashing = s.spawn(|| streamed_key(path, canon, &meta, progress));
            let read = read_entry_if(&file, |found| {
                Key {
                    hash: found.hash,
                    ..stat_key(canon, &meta)
                } == *found
            });
            let k = hashing
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            (k, read)
        });
        let k = k.map_err(io)?;
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        let read = read.map(|r| r.filter(|(found, ..)| *found == k));
        match read {
            Ok(Some((_, loaded, index))) => {
                progress.add_parsed(crate::domain::num::usize_of_u64(k.size));
                return Ok(Dataset::new(loaded, index, true));
            }
            Ok(None) => {}
            Err(e) => {
                warning = Some(format!(
                    "annals: warning: ignoring unreadable cache {}: {e}",
                    file.display()
                ))
            }
        }
        found = Some(k);
    }
    let mut opened = rebuild(path, place, found, progress)?;
    opened.cache_warning = warning;
    Ok(opened)
}

/// Read and parse the file, then store an entry for it (in `place`, when `found` says
/// what was looked up there).
fn rebuild(
    path: &Path,
    place: Option<(PathBuf, PathBuf)>,
    found: Option<Key>,
    progress: &Progress,
) -> Result<Dataset, LoadError> {
    let shown = path.display().to_string();
    progress.restart_read();
    let bytes = load::read(path, progress).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    // The entry is keyed by the bytes parsed here, not by those hashed for the lookup:
    // the file may have changed in between (or between two readings, should the load read
    // it again).
    let mut key = None;
    let loaded = load::load_read(path, bytes, progress, &mut |bytes| {
        key = found.clone().map(|k| Key {
            size: bytes.len() as u64,
            hash: digest::of_bytes(bytes),
            ..k
        });
    })?;
    let index = SearchIndex::new(&loaded.timeline);
    if let (Some((dir, canon)), Some(key)) = (place, key) {
        // Best effort: a cache that cannot be written only costs speed next time.
        let _ = write_entry(&entry(&dir, &canon), &key, &loaded, &index);
    }
    Ok(Dataset::new(loaded, index, false))
}

/// Keep the cache folder private and free of what killed writers left.
fn tidy(dir: &Path) {
    files::tighten(dir);
    files::remove_stale_temps(dir);
}

/// The key of the file as it is now: its content hashed while read in blocks (see
/// [`digest`]).
fn streamed_key(
    path: &Path,
    canon: &Path,
    meta: &std::fs::Metadata,
    progress: &Progress,
) -> std::io::Result<Key> {
    let f = files::open_regular(path, true)?;
    let limit = files::max_size();
    let len = f.metadata()?.len();
    if len > limit {
        return Err(files::too_large(Some(len), limit));
    }
    progress.set_total(len);
    // A file that shrank while read, or grew (its size now is not what was hashed), gets
    // a key that matches no entry: it is rebuilt from what is parsed then.
    let hash = digest::of_file(&f, len, progress)?;
    let size = match hash {
        Some(_) if f.metadata()?.len() == len => len,
        _ => u64::MAX,
    };
    Ok(Key {
        size,
        hash: hash.unwrap_or(0),
        ..stat_key(canon, meta)
    })
}

/// The key of the file as `meta` describes it, but for its content hash (0).
fn stat_key(canon: &Path, meta: &std::fs::Metadata) -> Key {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Key {
        // The layout's arrays are in memory order: a build with other word sizes reads
        // another entry.
        version: format!(
            "{} {}-bit",
            env!("CARGO_PKG_VERSION"),
            std::mem::size_of::<usize>() * 8
        ),
        reading: load::input::fingerprint(),
        path: canon.to_path_buf(),
        size: meta.len(),
        mtime_ns,
        hash: 0,
    }
}

/// The entry's timeline and index if it matches `key` (see `read_entry_if`).
#[cfg(test)]
fn read_entry(file: &Path, key: &Key) -> Result<Option<(Loaded, SearchIndex)>, String> {
    read_entry_if(file, |found| found == key).map(|r| r.map(|(_, l, x)| (l, x)))
}

/// The entry's key, timeline and index if `wanted` accepts its key; `Ok(None)` when there
/// is none or it is for another version of the file. The two halves are read on two
/// threads, and nothing is returned that its checksums and [`sound`] did not vouch for.
fn read_entry_if(
    file: &Path,
    wanted: impl Fn(&Key) -> bool,
) -> Result<Option<(Key, Loaded, SearchIndex)>, String> {
    let f = match files::open_regular(file, false) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let Some(entry) = layout::Entry::read(&f)? else {
        return Ok(None);
    };
    let (found, rest) =
        postcard::take_from_bytes::<Key>(&entry.key).map_err(|e| format!("bad header: {e}"))?;
    if !rest.is_empty() || !wanted(&found) {
        return Ok(None);
    }
    let mut head = entry.timeline();
    let mut rest = head.split_off(records::HEAD)?;
    let (head, other) = std::thread::scope(|s| {
        // The index and the timeline's second half on one thread, its first half (the
        // text and the events) on this one.
        let other = s.spawn(|| {
            let x = records::read_index(&mut entry.index());
            (x, records::read_rest(&mut rest))
        });
        let head = records::read_head(&mut head);
        let other = other.join();
        (head, other)
    });
    let (index, rest) = other.map_err(|_| "cache reader failed".to_string())?;
    let (timeline, warnings) = records::timeline(head?, rest?);
    let index = index?;
    // The two checks at once: each has a part that runs on one thread.
    let (sound_t, sound_x) = crate::domain::par::join(
        || sound::timeline(&timeline),
        || sound::index(&index, &timeline),
    );
    sound_t?;
    sound_x?;
    Ok(Some((found, Loaded { timeline, warnings }, index)))
}

fn write_entry(
    file: &Path,
    key: &Key,
    loaded: &Loaded,
    index: &SearchIndex,
) -> std::io::Result<()> {
    let key_bytes = postcard::to_stdvec(key).map_err(|e| std::io::Error::other(e.to_string()))?;
    let timeline = records::timeline_parts(&loaded.timeline, &loaded.warnings)?;
    let index = records::index_parts(index)?;
    let index = index.into_iter().map(layout::Section::from).collect();
    files::write_atomic_with(file, |f| layout::write(f, &key_bytes, timeline, index))
}

#[cfg(test)]
#[path = "cache_layout_tests.rs"]
mod layout_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_keyed_by_the_bytes_parsed_not_those_hashed_first() {
        // The file is A when hashed for the lookup and B when parsed; A comes back later
        // with the same size and time (as `cp -p` restores it). Old code stored B under
        // A's hash, and then showed B for A.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.ron");
        let a = load::BUNDLED.to_string();
        let b = a.replacen(
            "title: \"Mohammad Bagher Qalibaf",
            "title: \"Mohammad Bagher QALIBAF",
            1,
        );
        assert_eq!(a.len(), b.len());
        let cache = dir.path().join("cache");
        let place = Some((
            cache.clone(),
            std::fs::canonicalize(dir.path()).unwrap().join("t.ron"),
        ));
        std::fs::write(&file, &a).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        let p = Progress::default();
        let (_, canon) = place.clone().unwrap();
        let looked_up = streamed_key(&file, &canon, &meta, &p).unwrap();
        std::fs::write(&file, &b).unwrap();
        let got = rebuild(&file, place, Some(looked_up), &p).unwrap();
        assert_eq!(got.timeline.title, b_title(&b));
        std::fs::write(&file, &a).unwrap();
        let f = std::fs::File::options().write(true).open(&file).unwrap();
        f.set_modified(meta.modified().unwrap()).unwrap();
        let o = open_in(&file, Some(&cache), 0, &p).unwrap();
        assert_eq!(o.timeline.title, b_title(&a), "A shows A");
    }

    fn b_title(text: &str) -> String {
        load::load_bytes(text.as_bytes(), "t.ron", load::Format::Ron)
            .unwrap()
            .timeline
            .title
    }

    /// Use everything a user can reach of a timeline and its index.
    fn exercise(loaded: &Loaded, index: &SearchIndex) -> usize {
        let t = &loaded.timeline;
        let mut n = crate::export::json(t).len() + crate::export::markdown(t).len();
        for e in t.events() {
            n += t.backlinks(e.idx).len() + usize::from(t.disputed(e.idx));
            n += e.people().len() + e.places().len() + e.tags().len();
            let i = e.idx as usize;
            n += index.own(i).len() + index.short(i).len() + index.long_text(i).len();
            n += index.keys(i).len()
                + index
                    .year(i)
                    .map_or(0, |y| crate::domain::num::usize_of_u64(y.unsigned_abs()));
            // A forged entry may rename an event so that its id no longer finds it: wrong
            // data is what the checksum is for; here only "never panics" is at stake.
            n += t.event_by_id(e.id()).map_or(0, |j| t.event(j).id().len());
        }
        for q in [
            "pincer",
            "protest OR tehran",
            "@1999..2005",
            "irgc",
            "-x",
            "is:disputed",
            "has:quote link:contradicts",
            "k",
        ] {
            let m = crate::query::Matcher::new(crate::query::parse(q).unwrap(), index);
            n += m.filter(index).len() + m.ranked(index).len();
        }
        n
    }

    #[test]
    fn a_forged_entry_with_good_checksums_never_panics() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.ron");
        std::fs::write(&file, load::BUNDLED).unwrap();
        let cache = dir.path().join("cache");
        let p = Progress::default();
        open_in(&file, Some(&cache), 0, &p).unwrap();
        let canon = std::fs::canonicalize(&file).unwrap();
        let entry = entry(&cache, &canon);
        let meta = std::fs::metadata(&file).unwrap();
        let key = streamed_key(&file, &canon, &meta, &p).unwrap();
        let good = std::fs::read(&entry).unwrap();
        let body_at = {
            let (l, x) = read_entry(&entry, &key).unwrap().unwrap();
            assert!(exercise(&l, &x) > 0);
            for e in l.timeline.events() {
                assert_eq!(l.timeline.event_by_id(e.id()), Some(e.idx), "a sound entry");
            }
            layout::sections(&good)[0].0
        };
        let mut seed = 0x1234_5678_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut used, mut refused) = (0, 0);
        for _ in 0..400 {
            let mut bad = good.clone();
            // Within the sections: a bit, or a 4-byte field (offsets, lengths, indices
            // are u32) set near or far.
            let i = body_at + crate::domain::num::usize_of_u64(next()) % (bad.len() - body_at - 4);
            match next() % 4 {
                0 => bad[i] ^= 1 << (next() % 8),
                1 => bad[i..i + 4].copy_from_slice(&u32::MAX.to_le_bytes()),
                2 => {
                    let v = u32::from_le_bytes(bad[i..i + 4].try_into().unwrap());
                    bad[i..i + 4].copy_from_slice(
                        &v.wrapping_add(1 + crate::domain::num::low32(next()) % 64)
                            .to_le_bytes(),
                    );
                }
                _ => {
                    bad[i..i + 4].copy_from_slice(&crate::domain::num::low32(next()).to_le_bytes())
                }
            }
            layout::reseal(&mut bad);
            std::fs::write(&entry, &bad).unwrap();
            match read_entry(&entry, &key) {
                Ok(Some((l, x))) => {
                    exercise(&l, &x);
                    used += 1;
                }
                _ => refused += 1,
            }
        }
        assert!(
            refused > 0 && used + refused == 400,
            "{used} used, {refused} refused"
        );
    }
}
