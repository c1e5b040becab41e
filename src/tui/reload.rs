//! Live reload: watch the dataset (its folder, so that an editor's write-and-rename is
//! seen; and, when it is a symlink, its target's folder too), reload it off the UI thread
//! after changes settle — a newer change calls off a reload still running — and move the
//! explorer onto the new data with the selection anchored to the same event id. A version
//! that does not load (or is a FIFO, a device, too large) leaves the last good one on
//! screen, with its error in the status bar until fixed.

use super::worker::Inbox;
use crate::load::{LoadError, Progress};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Wait this long after the last change before reloading (editors write in bursts).
pub const SETTLE: Duration = Duration::from_millis(150);

/// Watch `file` and send [`Inbox::FileChanged`] when it is written, created, replaced or
/// removed; when `file` is a symlink, also when its target is. Keep the returned watcher
/// alive for as long as watching should go on.
pub fn watch(file: &Path, tx: Sender<Inbox>) -> notify::Result<notify::RecommendedWatcher> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut places = vec![split(&file)];
    if let Ok(target) = std::fs::canonicalize(&file)
        && target != file
    {
        places.push(split(&target));
    }
    places.dedup();
    let names: Vec<_> = places.iter().map(|(_, n)| n.clone()).collect();
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if ev.kind.is_access() {
            return;
        }
        if ev
            .paths
            .iter()
            .any(|p| names.iter().any(|n| p.file_name() == n.as_deref()))
        {
            let _ = tx.send(Inbox::FileChanged);
        }
    })?;
    let mut dirs: Vec<&PathBuf> = places.iter().map(|(d, _)| d).collect();
    dirs.dedup();
    for d in dirs {
        w.watch(d, RecursiveMode::NonRecursive)?;
    }
    Ok(w)
}

/// A path's folder and name.
fn split(file: &Path) -> (PathBuf, Option<std::ffi::OsString>) {
    let dir = file
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    (dir, file.file_name().map(|n| n.to_os_string()))
}

/// Load `file` again on a thread as reload number `generation`; the result comes back as
/// [`Inbox::Reloaded`]. Cancel `progress` to call it off.
pub fn spawn(file: PathBuf, tx: Sender<Inbox>, generation: u64, progress: Arc<Progress>) {
    let _ = std::thread::Builder::new()
        .name("annals-reload".into())
        .spawn(move || {
            let result = crate::open::file(&file, &progress).map(Box::new);
            let _ = tx.send(Inbox::Reloaded(generation, result));
        });
}

/// One line for the status bar: why the file on disk does not load.
pub fn describe(e: &LoadError) -> String {
    match e {
        LoadError::Invalid(diags) => {
            let first = diags
                .iter()
                .find(|d| d.is_error())
                .or(diags.first())
                .map_or_else(|| "invalid".to_string(), ToString::to_string);
            match diags.iter().filter(|d| d.is_error()).count() {
                0 | 1 => first,
                n => format!("{first} (+{} more)", n - 1),
            }
        }
        other => other.to_string(),
    }
}
