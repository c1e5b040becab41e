//! Sessions on disk: where the user was (event, filter, history, marks), saved often and
//! atomically so that a dropped SSH connection loses nothing, and read back on the next
//! start. What a session holds, and how it is taken and given back, is the explorer's
//! (`crate::app::SessionState`); this layer only keeps the files.

pub mod store;

pub use crate::app::{SavedLanes, SessionState, capture};
