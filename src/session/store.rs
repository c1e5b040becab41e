//! Session files on disk: where they live, atomic writes (see [`crate::files`]), and
//! loading that never refuses to start — a bad file (or a FIFO, a symlink, a huge file)
//! is moved aside.

use crate::app::{SESSION_VERSION as VERSION, SessionState};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The directory sessions live in: `$XDG_STATE_HOME/annals`, else `~/.local/state/annals`.
pub fn state_dir() -> Option<PathBuf> {
    let from = |v: &str| {
        std::env::var_os(v)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
    };
    let base = from("XDG_STATE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| from("HOME").map(|h| h.join(".local/state")))?;
    Some(base.join("annals"))
}

/// FNV-1a, 64 bits: a hash that stays the same across Rust versions and machines.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Keep the letters, digits, `-` and `_` of `s`, at most 40 of them.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// The session file for dataset `key` (a canonical path or `bundled:NAME`) and an optional
/// session name: readable stem, then a hash of the full key so that equal stems differ.
pub fn file_name(key: &str, session: Option<&str>) -> String {
    let stem = Path::new(key.rsplit(':').next().unwrap_or(key))
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = format!("{}-{:016x}", slug(&stem), fnv1a(key.as_bytes()));
    if let Some(s) = session {
        name.push_str(&format!(
            ".{}-{:08x}",
            slug(s),
            fnv1a(s.as_bytes()) & 0xFFFF_FFFF
        ));
    }
    name.push_str(".ron");
    name
}

pub use crate::files::{remove_stale_temps, write_atomic};

/// Session files are small: a bigger one is not a session.
const MAX_SESSION: u64 = 16 << 20;

/// What loading a session file found.
#[derive(Debug)]
pub enum Loaded {
    /// No session yet.
    Missing,
    /// A good session.
    Found(Box<SessionState>),
    /// A bad file, moved aside; start fresh and show this warning.
    Discarded(String),
}

/// Read the session at `path`. A file that is unreadable, corrupt, empty, for another
/// dataset or from an unknown version is moved aside (`NAME.bad-SECONDS`) with a warning.
pub fn load(path: &Path, dataset: &str) -> Loaded {
    // Never through a symlink, never blocking on a FIFO, never more than a session holds.
    let problem = match crate::files::read_bounded(path, false, MAX_SESSION) {
        // No file, or no folder that could hold one (saving will say so).
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            return Loaded::Missing;
        }
        Err(e) => format!("cannot read it: {e}"),
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Err(_) => "it is not UTF-8".to_string(),
            Ok(text) => match ron::from_str::<SessionState>(text) {
                Ok(s) if s.version != VERSION => {
                    format!("it is version {}, this annals reads {VERSION}", s.version)
                }
                Ok(s) if s.dataset != dataset => "it is for another dataset".to_string(),
                Ok(s) => return Loaded::Found(Box::new(s)),
                Err(e) => match ron::from_str::<ron::Value>(text) {
                    // Readable RON with a version we do not know: say so.
                    Ok(_) if version_of(text).is_some_and(|v| v != VERSION) => format!(
                        "it is version {}, this annals reads {VERSION}",
                        version_of(text).unwrap_or_default()
                    ),
                    _ => format!("it is corrupt ({e})"),
                },
            },
        },
    };
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let aside = path.with_extension(format!("ron.bad-{secs}"));
    let moved = match fs::rename(path, &aside) {
        Ok(()) => format!("moved to {}", aside.display()),
        Err(e) => format!("could not move it aside: {e}"),
    };
    Loaded::Discarded(format!(
        "session {} ignored: {problem}; {moved}; starting fresh",
        path.display()
    ))
}

fn version_of(text: &str) -> Option<u32> {
    let i = text.find("version:")?;
    let rest = text[i + "version:".len()..].trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Serialize a session as RON.
pub fn to_ron(s: &SessionState) -> String {
    let cfg = ron::ser::PrettyConfig::new().depth_limit(2);
    ron::ser::to_string_pretty(s, cfg).unwrap_or_default()
}
