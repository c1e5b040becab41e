//! Files annals touches, handled as untrusted: what it reads must be a regular file of a
//! bounded size (a FIFO, `/dev/zero` or a 100 GB file is refused, never waited on or
//! read to exhaustion), and what it writes — sessions, cache entries — is private (folders
//! 0700, files 0600) and written atomically through an exclusive temporary file with an
//! unpredictable name, never through a symlink.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The largest timeline annals reads whatever `ANNALS_MAX_SIZE` says: offsets into its
/// text are 32-bit.
pub const HARD_MAX_SIZE: u64 = u32::MAX as u64 / 2;

/// The largest file annals reads: `ANNALS_MAX_SIZE` (bytes, or with a `K`, `M` or `G`
/// suffix), at most and by default [`HARD_MAX_SIZE`] (2 GiB).
pub fn max_size() -> u64 {
    std::env::var("ANNALS_MAX_SIZE")
        .ok()
        .and_then(|v| parse_size(&v))
        .map_or(HARD_MAX_SIZE, |n| n.min(HARD_MAX_SIZE))
}

/// `123`, `64K`, `512M`, `2G` (powers of 1024) as bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(1 << shift)
}

/// The error for a file over `limit` bytes (`size` when known).
pub fn too_large(size: Option<u64>, limit: u64) -> io::Error {
    // Without a size: the file grew past the limit while it was read (or its size was not
    // told, as for files in /proc).
    let size = size.map_or_else(
        || format!("over {limit} bytes once read"),
        |n| format!("{n} bytes"),
    );
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "file is too large ({size}): annals reads files up to {limit} bytes \
             (set ANNALS_MAX_SIZE to change the limit, at most 2 GiB)"
        ),
    )
}

fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Open `path` for reading without ever blocking in `open` (`O_NONBLOCK`: a FIFO with no
/// writer would wait forever), and only if it is a regular file. `follow`: whether a
/// symlink at `path` is followed (the dataset may be a link; annals' own files may not).
pub fn open_regular(path: &Path, follow: bool) -> io::Result<File> {
    let mut flags = libc::O_NONBLOCK;
    if !follow {
        flags |= libc::O_NOFOLLOW;
    }
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)?;
    let t = f.metadata()?.file_type();
    if !t.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", kind_of(t)),
        ));
    }
    Ok(f)
}

/// Read a regular file whole, refusing it when it holds more than `limit` bytes (checked
/// before reading and while reading, so that a file that grows is caught too).
pub fn read_bounded(path: &Path, follow: bool, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let f = open_regular(path, follow)?;
    let len = f.metadata()?.len();
    if len > limit {
        return Err(too_large(Some(len), limit));
    }
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    f.take(limit + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(too_large(None, limit));
    }
    Ok(buf)
}

/// Create `dir` (and missing parents) as 0700.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Make annals' own folder `dir` private again: the folder 0700, the regular files in it
/// 0600 (symlinks are left alone, never followed). Errors are ignored: it is a tidy-up.
pub fn tighten(dir: &Path) {
    let Ok(d) = File::open(dir) else { return };
    let tight = |f: &File, mode: u32| {
        if let Ok(m) = f.metadata()
            && m.permissions().mode() & 0o777 != mode
        {
            let _ = f.set_permissions(std::fs::Permissions::from_mode(mode));
        }
    };
    if d.metadata().is_ok_and(|m| m.is_dir()) {
        tight(&d, 0o700);
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let loose = e
            .metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 != 0);
        if loose && let Ok(f) = open_regular(&e.path(), false) {
            tight(&f, 0o600);
        }
    }
}

/// Write `path` atomically: a fresh temporary file beside it (created exclusively, 0600,
/// with an unpredictable name that also holds this process's id, so that a later run can
/// remove it if this one dies), filled by `write`, synced, renamed over `path` (replacing a
/// symlink there, never writing through it), then the folder synced. The folder is
/// created 0700 if missing.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.tmp.{}.", std::process::id());
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(10)
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    // On failure the temporary file is dropped, which removes it.
    tmp.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

/// Write a file the user asked for (`annals import -o`) atomically: a temporary file in
/// the same folder, renamed over `path` once complete, so that it is never left partial.
/// Unlike annals' own files it is readable by others as any new file (0644), and its folder
/// must exist: a mistyped folder is an error, not created.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no folder {}", dir.display()),
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp.{}.", std::process::id()))
        .rand_bytes(10)
        .permissions(std::fs::Permissions::from_mode(0o644))
        .tempfile_in(dir)?;
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file_mut().flush()?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    File::open(dir)?.sync_all()
}

/// [`write_atomic_with`] for bytes in memory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Remove temporary files in `dir` left by writers that died (`NAME.tmp.PID…` whose
/// process is gone, or this process's own from before).
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // `.NAME.tmp.PID.RANDOM` (the random part is alphanumeric), or `NAME.tmp.PID` as
        // older versions wrote.
        let Some((_, tail)) = name.rsplit_once(".tmp.") else {
            continue;
        };
        let pid = tail.split('.').next().unwrap_or_default();
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let alive = pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists();
        let regular = e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink());
        if !alive && regular {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("123"), Some(123));
        assert_eq!(parse_size("64K"), Some(64 << 10));
        assert_eq!(parse_size("512m"), Some(512 << 20));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("99999999999999999999G"), None);
    }
}
