//! The content hash that keys a cache entry, on two cores: the file in blocks of 32 MiB,
//! each hashed (xxh3) on one of two threads, then the hash of the blocks' hashes. The same
//! value whether the bytes are in memory (after a parse) or streamed from the file (at a
//! warm start, never holding all of it).

use crate::load::Progress;
use std::fs::File;
use std::os::unix::fs::FileExt;

/// Bytes per block.
const BLOCK: u64 = 32 << 20;

/// The hash of the blocks' hashes, in order.
fn combine(blocks: &[u64]) -> u64 {
    let bytes: Vec<u8> = blocks.iter().flat_map(|h| h.to_le_bytes()).collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Run `f` on the blocks `0, 2, 4…` and `1, 3, 5…` of `n` blocks on two threads; the
/// results in block order.
fn two_ways<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let f = &f;
    let (odd, even) = crate::domain::par::join(
        || (1..n).step_by(2).map(f).collect::<Vec<T>>(),
        || (0..n).step_by(2).map(f).collect::<Vec<T>>(),
    );
    let mut all = Vec::with_capacity(n);
    let mut odd = odd.into_iter();
    for e in even {
        all.push(e);
        all.extend(odd.next());
    }
    all
}

/// The content hash of `bytes`.
pub fn of_bytes(bytes: &[u8]) -> u64 {
    let block = crate::domain::num::usize_of_u64(BLOCK);
    let n = bytes.len().div_ceil(block);
    let hashes = two_ways(n, |i| {
        xxhash_rust::xxh3::xxh3_64(&bytes[i * block..bytes.len().min((i + 1) * block)])
    });
    combine(&hashes)
}

/// The content hash of the first `len` bytes of `f`, read in 1 MiB pieces on two
/// threads; `None` when it was cancelled or the file is shorter than `len` now.
pub fn of_file(f: &File, len: u64, progress: &Progress) -> std::io::Result<Option<u64>> {
    let n = crate::domain::num::usize_of_u64(len.div_ceil(BLOCK));
    let hashes = two_ways(n, |i| -> std::io::Result<Option<u64>> {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut piece = vec![0u8; 1 << 20];
        let (mut at, end) = (i as u64 * BLOCK, len.min((i as u64 + 1) * BLOCK));
        while at < end {
            if progress.cancelled() {
                return Ok(None);
            }
            let want = crate::domain::num::usize_of_u64((end - at).min(1 << 20));
            let got = match f.read_at(&mut piece[..want], at) {
                Ok(0) => return Ok(None),
                Ok(k) => k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            hasher.update(&piece[..got]);
            at += got as u64;
            progress.add_read(got);
        }
        Ok(Some(hasher.digest()))
    });
    let mut all = Vec::with_capacity(n);
    for h in hashes {
        match h? {
            Some(h) => all.push(h),
            None => return Ok(None),
        }
    }
    Ok(Some(combine(&all)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_and_its_bytes_hash_alike_and_every_byte_counts() {
        let dir = tempfile::tempdir().unwrap();
        let p = Progress::default();
        // Empty, one block, a block and a bit, several blocks.
        for len in [0, 1000, BLOCK + 7, 3 * BLOCK + 1] {
            let len = crate::domain::num::usize_of_u64(len);
            let mut bytes: Vec<u8> = (0..len).map(|i| u8::try_from(i % 251).unwrap()).collect();
            let file = dir.path().join("f");
            std::fs::write(&file, &bytes).unwrap();
            let f = File::open(&file).unwrap();
            let h = of_bytes(&bytes);
            assert_eq!(of_file(&f, len as u64, &p).unwrap(), Some(h), "{len}");
            if len > 0 {
                // The last byte and one in the middle change the hash.
                for i in [len - 1, (len - 1) / 2] {
                    bytes[i] ^= 1;
                    assert_ne!(of_bytes(&bytes), h, "{len}: byte {i}");
                    bytes[i] ^= 1;
                }
                // A file shorter than it said is no hash.
                assert_eq!(of_file(&f, len as u64 + 1, &p).unwrap(), None);
            }
        }
    }
}
