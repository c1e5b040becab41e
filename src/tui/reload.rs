//! Live reload: watch the dataset (its folder, so that an editor's write-and-rename is
//! seen), reload it off the UI thread after changes settle, and move the explorer onto the
//! new data with the selection anchored to the same event id. A version that does not load
//! leaves the last good one on screen, with its error in the status bar until fixed.

use super::worker::{Msg, Ready};
use crate::app::App;
use crate::load::{LoadError, Progress, cache};
use crate::session::{apply, capture};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Wait this long after the last change before reloading (editors write in bursts).
pub const SETTLE: Duration = Duration::from_millis(150);

/// Watch `file` and send [`Msg::FileChanged`] when it is written, created, replaced or
/// removed. Keep the returned watcher alive for as long as watching should go on.
pub fn watch(file: &Path, tx: Sender<Msg>) -> notify::Result<notify::RecommendedWatcher> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let dir = file
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = file.file_name().map(|n| n.to_os_string());
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if ev.kind.is_access() {
            return;
        }
        if ev.paths.iter().any(|p| p.file_name() == name.as_deref()) {
            let _ = tx.send(Msg::FileChanged);
        }
    })?;
    w.watch(&dir, RecursiveMode::NonRecursive)?;
    Ok(w)
}

/// Load `file` again on a thread; the result comes back as [`Msg::Reloaded`].
pub fn spawn(file: PathBuf, tx: Sender<Msg>) {
    let _ = std::thread::Builder::new()
        .name("annals-reload".into())
        .spawn(move || {
            let result = cache::open(&file, &Progress::default()).map(|o| {
                Box::new(Ready {
                    timeline: Arc::new(o.loaded.timeline),
                    index: Arc::new(o.index),
                    warnings: o.loaded.warnings,
                    cache_warning: o.warning,
                })
            });
            let _ = tx.send(Msg::Reloaded(result));
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

/// Move `app` onto freshly loaded data, keeping what the user was doing: the selected
/// event (by id; the nearest by date if it is gone), filter, facets, history, marks, focus,
/// and the mode they were typing in.
pub fn switch(app: &mut App, ready: Ready, dataset: &str) {
    let state = capture(app, dataset);
    let mut new = App::from_parts(ready.timeline, ready.index, app.origin.clone(), app.size);
    let notice = apply(&mut new, &state);
    new.mode = app.mode;
    new.filter = app.filter.clone();
    new.date_input = app.date_input.clone();
    new.fresh_prompt = app.fresh_prompt;
    new.find = app.find.clone();
    new.zoom = app.zoom;
    new.help_page = app.help_page;
    new.scroll_into_view();
    new.async_from = app.async_from;
    new.slice = app.slice;
    new.data_error = None;
    new.message =
        Some(notice.unwrap_or_else(|| format!("reloaded: {} events", new.timeline.len())));
    *app = new;
}
