//! The warm-start cache cannot lie or crash: random bit flips and changed length fields in
//! a real entry either leave the output exactly what the file gives without a cache, or
//! get the entry rejected (and rebuilt) — never different data, never a panic. Entries
//! are private, written without following symlinks, a FIFO in their place is no hang,
//! and what an interrupted write left is removed on the next start. (That an entry is
//! keyed by the bytes parsed is tested in `src/open/cache.rs`.)

use annals::export;
use annals::load::{BUNDLED, Progress};
use annals::open::{Dataset, cache};
use annals::query::{Matcher, parse};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Everything a user could see of a timeline: all of it as JSON, and a few searches.
fn output(o: &Dataset) -> String {
    let mut s = export::json(&o.timeline);
    for q in ["pincer", "protest OR tehran", "@1999..2005"] {
        let m = Matcher::new(parse(q).unwrap(), &o.index);
        s.push_str(&format!("\n{q}: {:?}", m.filter(&o.index)));
    }
    s
}

fn open(file: &Path, cache: Option<&Path>) -> Dataset {
    cache::open_in(file, cache, 0, &Progress::default()).expect("loads")
}

/// The one entry in `dir`.
fn entry_in(dir: &Path) -> PathBuf {
    let bins: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    assert_eq!(bins.len(), 1, "{bins:?}");
    bins[0].clone()
}

/// The bundled timeline in a fresh folder, opened once so that its cache entry exists:
/// (the folder, the file, the cache folder, the entry).
fn cached() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.ron");
    fs::write(&file, BUNDLED).unwrap();
    let cache = dir.path().join("cache");
    open(&file, Some(&cache));
    let entry = entry_in(&cache);
    (dir, file, cache, entry)
}

/// SplitMix64: reproducible randomness without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
}

/// Change `entry` as damage or an attacker might: flip bits, or rewrite a 4- or 8-byte
/// little-endian field (a length, an offset, an index) to a nearby or an extreme value.
fn mutate(rng: &mut Rng, entry: &mut [u8]) {
    match rng.below(3) {
        0 => {
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(entry.len());
                entry[i] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let i = rng.below(entry.len() - 8);
            let v = u64::from_le_bytes(entry[i..i + 8].try_into().unwrap());
            let new = match rng.below(5) {
                0 => v.wrapping_add(1),
                1 => v.wrapping_sub(1),
                2 => v.wrapping_add(1 + rng.below(1000) as u64),
                3 => u64::MAX,
                _ => rng.next(),
            };
            entry[i..i + 8].copy_from_slice(&new.to_le_bytes());
        }
        _ => {
            let i = rng.below(entry.len() - 4);
            let v = u32::from_le_bytes(entry[i..i + 4].try_into().unwrap());
            let new = match rng.below(3) {
                0 => v.wrapping_add(1),
                1 => v.wrapping_sub(1),
                _ => u32::MAX,
            };
            entry[i..i + 4].copy_from_slice(&new.to_le_bytes());
        }
    }
}

#[test]
fn a_damaged_entry_is_rejected_never_believed_and_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.ron");
    fs::write(&file, BUNDLED).unwrap();
    let want = output(&open(&file, None));
    let cache = dir.path().join("cache");
    assert!(!open(&file, Some(&cache)).from_cache);
    let first = open(&file, Some(&cache));
    assert!(first.from_cache, "the entry is used when sound");
    assert_eq!(output(&first), want);
    let entry = entry_in(&cache);
    let good = fs::read(&entry).unwrap();
    let mut rng = Rng(0x5eed);
    let (mut believed, mut rejected, mut unchanged) = (0, 0, 0);
    for round in 0..300 {
        let mut bad = good.clone();
        mutate(&mut rng, &mut bad);
        if round % 50 == 0 {
            // Cut short, or grown.
            bad.truncate(rng.below(bad.len()));
        }
        if bad == good {
            // A field set to the value it had (`u32::MAX` over a `Str::NONE`): no damage.
            unchanged += 1;
            continue;
        }
        fs::write(&entry, &bad).unwrap();
        let o = open(&file, Some(&cache));
        assert_eq!(output(&o), want, "round {round}: different data");
        if o.from_cache {
            believed += 1;
        } else {
            rejected += 1;
        }
    }
    // A change to an unused byte (the layout has no padding) is the only way an entry could
    // still be believed: every change must be caught.
    assert_eq!(believed, 0, "{believed} damaged entries were used");
    assert_eq!(rejected + unchanged, 300);
    assert!(unchanged < 10, "{unchanged} mutations changed nothing");
}

#[test]
fn entries_are_private_and_never_written_through_a_symlink() {
    let (dir, file, cache, entry) = cached();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache), 0o700);
    assert_eq!(mode(&entry), 0o600);
    // An old, loose folder is tightened on start.
    fs::set_permissions(&cache, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&entry, fs::Permissions::from_mode(0o644)).unwrap();
    open(&file, Some(&cache));
    assert_eq!(mode(&cache), 0o700);
    assert_eq!(mode(&entry), 0o600);
    // A symlink planted where the entry or a temporary file goes is replaced, its target
    // left alone.
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    fs::remove_file(&entry).unwrap();
    std::os::unix::fs::symlink(&victim, &entry).unwrap();
    let name = entry.file_name().unwrap().to_string_lossy().into_owned();
    for pid in [std::process::id(), 1] {
        // Where older versions put their temporary file, and a name like today's.
        let old = entry.with_extension(format!("tmp.{pid}"));
        std::os::unix::fs::symlink(&victim, old).unwrap();
        let tmp = cache.join(format!(".{name}.tmp.{pid}"));
        std::os::unix::fs::symlink(&victim, tmp).unwrap();
    }
    let o = open(&file, Some(&cache));
    assert!(!o.from_cache);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!fs::symlink_metadata(&entry).unwrap().is_symlink());
    assert!(open(&file, Some(&cache)).from_cache);
}

#[test]
fn what_an_interrupted_write_left_is_removed_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.ron");
    fs::write(&file, BUNDLED).unwrap();
    let cache = dir.path().join("cache");
    fs::create_dir_all(&cache).unwrap();
    // A writer that was killed: its process is gone.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let left = [
        cache.join(format!(".0123456789abcdef.bin.tmp.{dead}.Ab3dE9xYz0")),
        cache.join(format!("0123456789abcdef.tmp.{dead}")),
    ];
    for f in &left {
        fs::write(f, vec![0u8; 1 << 20]).unwrap();
    }
    let alive = cache.join(".0123456789abcdef.bin.tmp.1.Ab3dE9xYz0");
    fs::write(&alive, "a writer still at work").unwrap();
    let o = open(&file, Some(&cache));
    assert!(!o.from_cache);
    for f in &left {
        assert!(!f.exists(), "{} left behind", f.display());
    }
    assert!(alive.exists(), "a live writer's file is kept");
    assert!(open(&file, Some(&cache)).from_cache, "a clean start");
}

#[test]
fn a_fifo_as_cache_entry_is_a_warning_not_a_hang() {
    let (_dir, file, cache, entry) = cached();
    fs::remove_file(&entry).unwrap();
    let c = std::ffi::CString::new(entry.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let (f, c2) = (file.clone(), cache.clone());
    std::thread::spawn(move || {
        let _ = tx.send(open(&f, Some(&c2)).cache_warning);
    });
    let warning = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("opening does not hang on a FIFO");
    assert!(warning.is_some_and(|w| w.contains("FIFO")));
    assert!(open(&file, Some(&cache)).from_cache, "rebuilt in its place");
}
