//! The one door into the explorer's state: [`Msg`] is everything that can change it (keys
//! as actions, filter results, a reloaded or broken dataset, a session to restore, news
//! from the loop), and [`Effects`] is everything `update` asks of the outside world in
//! return. The loop turns input and worker results into messages and carries out the
//! effects; nothing else writes the state.

use super::{Action, ScanJob, ScanResult};
use crate::domain::Timeline;
use crate::query::SearchIndex;
use std::sync::Arc;

/// Something that happened, for [`super::update`] to apply.
#[derive(Debug)]
pub enum Msg {
    /// A key, a mouse event or a resize, as the keymap reads it.
    Action(Action),
    /// Results of the filter running off the UI thread.
    Scanned(ScanResult),
    /// The dataset file changed and loaded again: switch to it, keeping the place.
    Reloaded {
        /// The new timeline.
        timeline: Arc<Timeline>,
        /// Its index.
        index: Arc<SearchIndex>,
    },
    /// The dataset file changed but does not load (why, as `PATH:LINE:COL: error: …`):
    /// the last good version stays.
    ReloadFailed(String),
    /// A saved session to give back.
    Restore(Box<super::SessionState>),
    /// The session could not be saved (why): exploring goes on, saving is retried.
    SessionUnsaved(std::io::ErrorKind),
    /// Something for the status bar (a notice at start, an effect that failed).
    Notice(String),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

/// What the loop must do after an update, beyond drawing the new state.
#[derive(Debug, Default)]
pub struct Effects {
    /// Run this filter off the UI thread (a newer job calls off the running one).
    pub scan: Option<ScanJob>,
    /// Stop the filter running off the UI thread: its results are no longer wanted (the
    /// list was answered without it). A `scan` in the same update goes out after.
    pub stop_scan: bool,
    /// The data changed: filter jobs must run on the new timeline from now on.
    pub new_data: bool,
    /// Put this text on the clipboard (OSC 52: works over SSH and in tmux).
    pub copy: Option<String>,
    /// Open this http(s) URL in a browser, when the session is local.
    pub open: Option<String>,
    /// Save the session, give the terminal back and stop (`fg` resumes).
    pub suspend: bool,
    /// Leave.
    pub quit: bool,
}

impl Effects {
    /// Nothing to do but draw.
    pub fn is_empty(&self) -> bool {
        self.scan.is_none()
            && !self.stop_scan
            && !self.new_data
            && self.copy.is_none()
            && self.open.is_none()
            && !self.suspend
            && !self.quit
    }
}
