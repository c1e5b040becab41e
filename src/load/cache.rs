//! The warm-start cache: a binary copy of a parsed, checked and indexed timeline under
//! `$XDG_CACHE_HOME/annals/`, so that a big file opens in a fraction of its parse time.
//!
//! Never a source of truth. An entry is used only when the file's path, size, modification
//! time and content hash all match its header (and it was written by this version of
//! annals); anything else rebuilds it from the file. An entry that cannot be read is
//! ignored with a warning. Entries are written to a temporary file and renamed into place.
//! `ANNALS_CACHE=off` turns it off.

use super::{LoadError, Loaded, Progress, load_bytes_with, parallel};
use crate::domain::Timeline;
use crate::query::SearchIndex;
use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Files smaller than this are not cached: they load faster than a cache reads.
pub const MIN_SIZE: u64 = 4 << 20;
const MAGIC: &[u8; 8] = b"ANNALSC\x04";

/// What an entry was made from.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Key {
    /// annals version that wrote it (the layout may change between versions).
    version: String,
    path: PathBuf,
    size: u64,
    mtime_ns: u128,
    hash: u64,
}

/// A loaded timeline with its index.
pub struct Opened {
    /// Timeline and warnings.
    pub loaded: Loaded,
    /// Its search index.
    pub index: SearchIndex,
    /// Where it came from, for the curious and the tests.
    pub from_cache: bool,
    /// A problem with the cache worth telling the user (the data loaded anyway).
    pub warning: Option<String>,
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

/// Load `path` (read-only), through the cache when the file is big enough.
pub fn open(path: &Path, progress: &Progress) -> Result<Opened, LoadError> {
    let shown = path.display().to_string();
    let io = |source| LoadError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let place = (enabled() && meta.len() >= MIN_SIZE)
        .then(|| Some((dir()?, std::fs::canonicalize(path).ok()?)))
        .flatten();
    let mut warning = None;
    let mut key = None;
    if let Some((dir, canon)) = &place {
        // Hash the file as it streams by, never holding all of it.
        let k = streamed_key(path, canon, &meta, progress).map_err(io)?;
        if progress.cancelled() {
            return Err(LoadError::Cancelled);
        }
        let file = entry(dir, canon);
        match read_entry(&file, &k) {
            Ok(Some((loaded, index))) => {
                progress.add_parsed(k.size as usize);
                return Ok(Opened {
                    loaded,
                    index,
                    from_cache: true,
                    warning: None,
                });
            }
            Ok(None) => {}
            Err(e) => {
                warning = Some(format!(
                    "annals: warning: ignoring unreadable cache {}: {e}",
                    file.display()
                ))
            }
        }
        key = Some(k);
    }
    progress.restart_read();
    let bytes = parallel::read(path, progress).map_err(io)?;
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    let format = super::Format::for_path(path);
    let loaded = load_bytes_with(&bytes, &shown, format, progress)?;
    drop(bytes);
    let index = SearchIndex::new(&loaded.timeline);
    if let (Some((dir, canon)), Some(key)) = (place, key) {
        // Best effort: a cache that cannot be written only costs speed next time.
        let _ = write_entry(&dir, &entry(&dir, &canon), &key, &loaded, &index);
    }
    Ok(Opened {
        loaded,
        index,
        from_cache: false,
        warning,
    })
}

/// The key of the file as it is now: its content hashed while read in blocks.
fn streamed_key(
    path: &Path,
    canon: &Path,
    meta: &std::fs::Metadata,
    progress: &Progress,
) -> std::io::Result<Key> {
    let mut f = std::fs::File::open(path)?;
    progress.set_total(meta.len());
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut block = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        if progress.cancelled() {
            break;
        }
        let n = match f.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&block[..n]);
        size += n as u64;
        progress.add_read(n);
    }
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Ok(Key {
        version: env!("CARGO_PKG_VERSION").to_string(),
        path: canon.to_path_buf(),
        size,
        mtime_ns,
        hash: hasher.digest(),
    })
}

fn options(limit: u64) -> impl bincode::Options {
    use bincode::Options;
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_limit(limit)
}

/// The entry's timeline and index if it matches `key`; `Ok(None)` when there is none or
/// it is for another version of the file. The two halves are read on two threads.
fn read_entry(file: &Path, key: &Key) -> Result<Option<(Loaded, SearchIndex)>, String> {
    use bincode::Options;
    use std::io::{Seek, SeekFrom};
    let f = match std::fs::File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let size = f.metadata().map_or(0, |m| m.len());
    let mut r = BufReader::with_capacity(1 << 20, f);
    let mut head = [0u8; 16];
    r.read_exact(&mut head).map_err(|e| e.to_string())?;
    if &head[..8] != MAGIC {
        return Err("not an annals cache file".into());
    }
    let index_at = u64::from_le_bytes(head[8..].try_into().expect("8 bytes"));
    // A damaged length must not make us allocate more than the file could hold.
    let found: Key = options(size)
        .deserialize_from(&mut r)
        .map_err(|e| format!("bad header: {e}"))?;
    if &found != key {
        return Ok(None);
    }
    if index_at >= size {
        return Err("bad index offset".into());
    }
    type Body = (Timeline, Vec<super::Diagnostic>);
    let (body, index) = std::thread::scope(|s| {
        let other = s.spawn(|| -> Result<SearchIndex, String> {
            let mut f = std::fs::File::open(file).map_err(|e| e.to_string())?;
            f.seek(SeekFrom::Start(index_at))
                .map_err(|e| e.to_string())?;
            let mut r = BufReader::with_capacity(1 << 20, f);
            options(size)
                .deserialize_from(&mut r)
                .map_err(|e| format!("bad index: {e}"))
        });
        let body: Result<Body, String> = options(size)
            .deserialize_from(&mut r)
            .map_err(|e| format!("bad contents: {e}"));
        let index = other
            .join()
            .unwrap_or_else(|_| Err("index reader failed".into()));
        (body, index)
    });
    let ((timeline, warnings), index) = (body?, index?);
    if index.len() != timeline.len() {
        return Err("index does not match the timeline".into());
    }
    Ok(Some((Loaded { timeline, warnings }, index)))
}

fn write_entry(
    dir: &Path,
    file: &Path,
    key: &Key,
    loaded: &Loaded,
    index: &SearchIndex,
) -> std::io::Result<()> {
    use bincode::Options;
    use std::io::{Seek, SeekFrom};
    std::fs::create_dir_all(dir)?;
    let tmp = file.with_extension(format!("tmp.{}", std::process::id()));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        w.write_all(&0u64.to_le_bytes())?; // where the index starts, patched below
        let opts = bincode::DefaultOptions::new().with_fixint_encoding();
        let err = |e: bincode::Error| std::io::Error::other(e.to_string());
        opts.serialize_into(&mut w, key).map_err(err)?;
        opts.serialize_into(&mut w, &(&loaded.timeline, &loaded.warnings))
            .map_err(err)?;
        let index_at = w.stream_position()?;
        opts.serialize_into(&mut w, index).map_err(err)?;
        let mut f = w.into_inner().map_err(|e| e.into_error())?;
        f.seek(SeekFrom::Start(MAGIC.len() as u64))?;
        f.write_all(&index_at.to_le_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
