//! Saving the session often but not too often: every change that matters, at most one
//! write per half second while keys are held, and at once on quit or on a signal. A write
//! that fails (a full disk, a read-only home, a state folder that cannot exist) is tried
//! again, at most every few seconds, while exploring goes on.

use crate::session::SessionState;
use crate::session::store::{to_ron, write_atomic};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Least time between two writes while the state keeps changing.
pub const COALESCE: Duration = Duration::from_millis(500);
/// Least time between two tries while writes fail.
pub const RETRY: Duration = Duration::from_secs(5);

struct Inner {
    path: Option<PathBuf>,
    latest: Option<SessionState>,
    written: Option<SessionState>,
    last_write: Option<Instant>,
    /// The last write failed: wait [`RETRY`] before the next.
    failing: bool,
}

/// Shared between the event loop (which records states) and the signal thread (which
/// flushes before exiting).
#[derive(Clone)]
pub struct Saver(Arc<Mutex<Inner>>);

impl Saver {
    /// A saver writing to `path` (None: sessions are off, nothing is written).
    pub fn new(path: Option<PathBuf>, written: Option<SessionState>) -> Saver {
        Saver(Arc::new(Mutex::new(Inner {
            path,
            latest: written.clone(),
            written,
            last_write: None,
            failing: false,
        })))
    }

    /// Record the current state. Returns when a write is due if one is pending.
    pub fn record(&self, state: SessionState) -> Option<Instant> {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.latest = Some(state);
        if g.latest == g.written || g.path.is_none() {
            return None;
        }
        let wait = if g.failing { RETRY } else { COALESCE };
        let due = g.last_write.map_or(Instant::now(), |t| t + wait);
        Some(due)
    }

    /// Treat the latest state as already on disk (so that it is not written unless it
    /// changes).
    pub fn mark_written(&self) {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        g.written = g.latest.clone();
    }

    /// Write the latest state if it differs from what is on disk.
    pub fn flush(&self) -> std::io::Result<()> {
        let g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        Self::write(g)
    }

    /// [`Saver::flush`] from a panic: gives up rather than wait if another thread holds
    /// the saver (it may be the one that panicked, mid-write).
    pub fn flush_if_free(&self) -> std::io::Result<bool> {
        match self.0.try_lock() {
            Ok(g) => Self::write(g).map(|()| true),
            Err(std::sync::TryLockError::Poisoned(e)) => Self::write(e.into_inner()).map(|()| true),
            Err(std::sync::TryLockError::WouldBlock) => Ok(false),
        }
    }

    fn write(mut g: std::sync::MutexGuard<'_, Inner>) -> std::io::Result<()> {
        let (Some(path), Some(latest)) = (g.path.clone(), g.latest.clone()) else {
            return Ok(());
        };
        if g.written.as_ref() == Some(&latest) {
            return Ok(());
        }
        g.last_write = Some(Instant::now());
        let result = write_atomic(&path, to_ron(&latest).as_bytes());
        g.failing = result.is_err();
        result?;
        g.written = Some(latest);
        Ok(())
    }
}
