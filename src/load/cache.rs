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
const MAGIC: &[u8; 8] = b"ANNALSC\x01";

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

fn key_of(canon: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> Key {
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Key {
        version: env!("CARGO_PKG_VERSION").to_string(),
        path: canon.to_path_buf(),
        size: bytes.len() as u64,
        mtime_ns,
        hash: xxhash_rust::xxh3::xxh3_64(bytes),
    }
}

/// Load `path` (read-only), through the cache when the file is big enough.
pub fn open(path: &Path, progress: &Progress) -> Result<Opened, LoadError> {
    let shown = path.display().to_string();
    let io = |source| LoadError::Io {
        path: shown.clone(),
        source,
    };
    let mut bytes = parallel::read(path, progress).map_err(io)?;
    if progress.cancelled() {
        return Err(LoadError::Cancelled);
    }
    let format = super::Format::for_path(path);
    let place = (enabled() && bytes.len() as u64 >= MIN_SIZE)
        .then(|| {
            let canon = std::fs::canonicalize(path).ok()?;
            let meta = std::fs::metadata(path).ok()?;
            Some((dir()?, key_of(&canon, &meta, &bytes), canon))
        })
        .flatten();
    let mut warning = None;
    if let Some((dir, key, canon)) = &place {
        let file = entry(dir, canon);
        let found = open_entry(&file, key).and_then(|r| match r {
            None => Ok(None),
            Some(r) => {
                // The file's text is not needed while the entry is read: free it first.
                drop(std::mem::take(&mut bytes));
                read_body(r).map(Some)
            }
        });
        match found {
            Ok(Some((loaded, index))) => {
                progress.add_parsed(key.size as usize);
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
        if bytes.is_empty() && key.size > 0 {
            bytes = parallel::read(path, progress).map_err(io)?;
        }
    }
    let loaded = load_bytes_with(&bytes, &shown, format, progress)?;
    drop(bytes);
    let index = SearchIndex::new(&loaded.timeline);
    if let Some((dir, key, canon)) = place {
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

type Reader = (BufReader<std::fs::File>, u64);

/// The entry, positioned after its header, if it matches `key`; `Ok(None)` when there is
/// none or it is for another version of the file.
fn open_entry(file: &Path, key: &Key) -> Result<Option<Reader>, String> {
    let f = match std::fs::File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut r = BufReader::with_capacity(1 << 20, f);
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic).map_err(|e| e.to_string())?;
    if &magic != MAGIC {
        return Err("not an annals cache file".into());
    }
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    use bincode::Options;
    // A damaged length must not make us allocate more than the file could hold.
    let opts = bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_limit(size);
    let found: Key = opts
        .deserialize_from(&mut r)
        .map_err(|e| format!("bad header: {e}"))?;
    if &found != key {
        return Ok(None);
    }
    Ok(Some((r, size)))
}

/// The timeline, warnings and index after the header.
fn read_body((mut r, size): Reader) -> Result<(Loaded, SearchIndex), String> {
    use bincode::Options;
    let opts = bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .with_limit(size);
    let body: (Timeline, Vec<super::Diagnostic>, SearchIndex) = opts
        .deserialize_from(&mut r)
        .map_err(|e| format!("bad contents: {e}"))?;
    let (timeline, warnings, index) = body;
    if index.len() != timeline.len() {
        return Err("index does not match the timeline".into());
    }
    Ok((Loaded { timeline, warnings }, index))
}

fn write_entry(
    dir: &Path,
    file: &Path,
    key: &Key,
    loaded: &Loaded,
    index: &SearchIndex,
) -> std::io::Result<()> {
    use bincode::Options;
    std::fs::create_dir_all(dir)?;
    let tmp = file.with_extension(format!("tmp.{}", std::process::id()));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        let opts = bincode::DefaultOptions::new().with_fixint_encoding();
        let err = |e: bincode::Error| std::io::Error::other(e.to_string());
        opts.serialize_into(&mut w, key).map_err(err)?;
        opts.serialize_into(&mut w, &(&loaded.timeline, &loaded.warnings, index))
            .map_err(err)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
